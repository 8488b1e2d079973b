/* reslib-upload-body.c — the body of a PATCH, read ahead and hashed in threads of their own
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * curl's thread only encrypts and sends. The reader lane reads the package (from the disk, or the stream of a
 * streamed package with its blob checks) a few blocks ahead of it; the digest lane takes the tar's digest of
 * the same blocks at the same time, so neither the reading, the blob checks nor the tar's digest add to the
 * time of the send while a core is free. A block is filled again only once it was both sent and hashed. The
 * lanes read only the body's range, in order, so the digest takes exactly the bytes the body is made of; they
 * are stopped and joined before the request returns, so nothing else ever uses the Run at the same time.
 *
 * Every RESLIB_UPLOAD_CHECKPOINT_SIZE bytes of the tar the digest lane keeps the digest's state; curl's thread
 * writes the latest one that was sent into the submissions row (reslib-tus-http.c), so a request may be long
 * while a resume still hashes at most that much of the package again, locally.
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <errno.h>
#include <string.h>

#include "reslib-error.h"
#include "reslib-upload-private.h"

#define BLOCK_SIZE (512 * 1024)
#define N_BLOCKS   8

/* Who waits on the condition: a thread is woken only when it has something to do (the reader, once half the
 * blocks are free again), not at every block. */
enum
{
  WAIT_READER   = 1 << 0,
  WAIT_TAKER    = 1 << 1,
  WAIT_DIGESTER = 1 << 2,
};

typedef struct
{
  guint8 *data;
  gsize   len;
} Block;

struct _ReslibUploadBody
{
  Run        *run;
  guint64     offset;
  guint64     end;
  GThread    *reader;
  GThread    *digester;     /* NULL when the tar's digest is known, or does not stand where the body starts */
  GMutex      mutex;
  GCond       cond;
  Block       blocks[N_BLOCKS];
  guint64     n_filled;     /* blocks the reader filled, since the start */
  guint64     n_taken;      /* blocks curl's thread sent */
  guint64     n_hashed;     /* blocks the digest lane hashed */
  gsize       used;         /* of block n_taken, by curl's thread */
  guint       waiting;      /* WAIT_* */
  gboolean    stop;         /* set by curl's thread: the request ended */
  gboolean    done;         /* set by the reader: it read the whole range, or failed */
  GError     *error;        /* why the reader failed */
  Checkpoint  checkpoints[2]; /* the latest two the digest lane made, oldest first */
  guint       n_checkpoints;
};

/* With the mutex held, after a block was sent or hashed: wakes the reader once half the blocks are free. */
static void
wake_reader (ReslibUploadBody *body)
{
  if ((body->waiting & WAIT_READER) &&
      body->n_filled - MIN (body->n_taken, body->n_hashed) <= N_BLOCKS / 2)
    g_cond_broadcast (&body->cond);
}

static gpointer
reader_lane (gpointer data)
{
  ReslibUploadBody *body = data;
  Run *run = body->run;
  guint64 pos = body->offset;
  GError *local_error = NULL;

  while (pos < body->end)
    {
      Block *b;
      gssize n;

      g_mutex_lock (&body->mutex);
      while (body->n_filled - MIN (body->n_taken, body->n_hashed) == N_BLOCKS && !body->stop)
        {
          body->waiting |= WAIT_READER;
          g_cond_wait (&body->cond, &body->mutex);
        }
      body->waiting &= ~WAIT_READER;
      if (body->stop)
        {
          g_mutex_unlock (&body->mutex);
          break;
        }
      b = &body->blocks[body->n_filled % N_BLOCKS];
      g_mutex_unlock (&body->mutex);

      n = _reslib_submission_read (run, pos, b->data, (gsize) MIN (body->end - pos, BLOCK_SIZE), &local_error);
      if (n == 0)
        g_set_error (&local_error, RESLIB_ERROR, RESLIB_ERROR_CHANGED,
                     _("“%s” changed during the upload: upload it again"), run->self->package_path);
      if (n <= 0)
        break;
      pos += (guint64) n;

      g_mutex_lock (&body->mutex);
      b->len = (gsize) n;
      body->n_filled++;
      if (body->waiting & (WAIT_TAKER | WAIT_DIGESTER))
        g_cond_broadcast (&body->cond);
      g_mutex_unlock (&body->mutex);
    }

  g_mutex_lock (&body->mutex);
  body->error = local_error;
  body->done = TRUE;
  g_cond_broadcast (&body->cond);
  g_mutex_unlock (&body->mutex);

  return NULL;
}

/* Feeds @len bytes of the tar at run->hashed_to to its digest, keeping its state at each checkpoint. */
static void
digest (ReslibUploadBody *body,
        const guint8     *data,
        gsize             len)
{
  Run *run = body->run;

  while (len > 0)
    {
      guint64 next = (run->hashed_to / RESLIB_UPLOAD_CHECKPOINT_SIZE + 1) * RESLIB_UPLOAD_CHECKPOINT_SIZE;
      gsize n = (gsize) MIN ((guint64) len, next - run->hashed_to);

      reslib_sha256_resumable_update (run->tar_md, data, n);
      run->hashed_to += n;
      data += n;
      len -= n;
      if (run->hashed_to == next)
        {
          Checkpoint cp = { next, { 0 } };

          reslib_sha256_resumable_save (run->tar_md, cp.state);
          g_mutex_lock (&body->mutex);
          if (body->n_checkpoints == G_N_ELEMENTS (body->checkpoints))
            {
              body->checkpoints[0] = body->checkpoints[1];
              body->n_checkpoints--;
            }
          body->checkpoints[body->n_checkpoints++] = cp;
          g_mutex_unlock (&body->mutex);
        }
    }
}

/* Hashes every block the reader fills, until it is done and all are hashed (even after the request ended:
 * at most N_BLOCKS blocks, so that the digest stands as far as the package was read). */
static gpointer
digest_lane (gpointer data)
{
  ReslibUploadBody *body = data;

  for (;;)
    {
      Block *b;

      g_mutex_lock (&body->mutex);
      while (body->n_hashed == body->n_filled && !body->done)
        {
          body->waiting |= WAIT_DIGESTER;
          g_cond_wait (&body->cond, &body->mutex);
        }
      body->waiting &= ~WAIT_DIGESTER;
      if (body->n_hashed == body->n_filled)
        {
          g_mutex_unlock (&body->mutex);
          break;
        }
      b = &body->blocks[body->n_hashed % N_BLOCKS];
      g_mutex_unlock (&body->mutex);

      digest (body, b->data, b->len);

      g_mutex_lock (&body->mutex);
      body->n_hashed++;
      wake_reader (body);
      g_mutex_unlock (&body->mutex);
    }

  return NULL;
}

/* Starts reading @length bytes of the package at @offset; the tar's digest takes them when it stands at
 * @offset. */
ReslibUploadBody *
_reslib_upload_body_start (Run     *run,
                           guint64  offset,
                           guint64  length)
{
  ReslibUploadBody *body = g_new0 (ReslibUploadBody, 1);

  body->run = run;
  body->offset = offset;
  body->end = offset + length;
  g_mutex_init (&body->mutex);
  g_cond_init (&body->cond);
  for (guint i = 0; i < N_BLOCKS; i++)
    body->blocks[i].data = g_malloc (BLOCK_SIZE);
  body->n_hashed = G_MAXUINT64;   /* no digest lane: only what curl took counts */
  if (run->tar_md != NULL && run->hashed_to == offset)
    {
      body->n_hashed = 0;
      body->digester = g_thread_new ("upload-digest", digest_lane, body);
    }
  body->reader = g_thread_new ("upload-body", reader_lane, body);

  return body;
}

/* In curl's thread: copies up to @len bytes of the body into @buffer. Returns the bytes copied, or -1 when
 * the reader failed (its error is kept for _reslib_upload_body_finish()). */
gssize
_reslib_upload_body_take (ReslibUploadBody *body,
                          void             *buffer,
                          gsize             len)
{
  Block *b;
  gsize n;

  g_mutex_lock (&body->mutex);
  while (body->n_taken == body->n_filled && !body->done)
    {
      body->waiting |= WAIT_TAKER;
      g_cond_wait (&body->cond, &body->mutex);
    }
  body->waiting &= ~WAIT_TAKER;
  if (body->n_taken == body->n_filled)
    {
      g_mutex_unlock (&body->mutex);
      return -1;
    }
  b = &body->blocks[body->n_taken % N_BLOCKS];
  g_mutex_unlock (&body->mutex);

  n = MIN (len, b->len - body->used);
  memcpy (buffer, b->data + body->used, n);
  body->used += n;
  if (body->used == b->len)
    {
      g_mutex_lock (&body->mutex);
      body->used = 0;
      body->n_taken++;
      wake_reader (body);
      g_mutex_unlock (&body->mutex);
    }

  return (gssize) n;
}

/* In curl's thread: the latest checkpoint of the digest at or before @sent (the bytes of the tar handed to
 * the connection), taken out with those before it. Returns %FALSE when there is none. */
gboolean
_reslib_upload_body_take_checkpoint (ReslibUploadBody *body,
                                     guint64           sent,
                                     Checkpoint       *out)
{
  gboolean found = FALSE;
  guint keep = 0;

  g_mutex_lock (&body->mutex);
  for (guint i = 0; i < body->n_checkpoints; i++)
    if (body->checkpoints[i].offset <= sent)
      {
        *out = body->checkpoints[i];
        found = TRUE;
        keep = i + 1;
      }
  if (found)
    {
      memmove (body->checkpoints, body->checkpoints + keep, (body->n_checkpoints - keep) * sizeof (Checkpoint));
      body->n_checkpoints -= keep;
    }
  g_mutex_unlock (&body->mutex);

  return found;
}

/* Stops the reader, lets the digest lane hash what was read, and waits for both; returns why the reader
 * failed, if it did (owned by the caller), and frees @body. */
GError *
_reslib_upload_body_finish (ReslibUploadBody *body)
{
  GError *error;

  g_mutex_lock (&body->mutex);
  body->stop = TRUE;
  g_cond_broadcast (&body->cond);
  g_mutex_unlock (&body->mutex);
  g_thread_join (body->reader);
  if (body->digester != NULL)
    g_thread_join (body->digester);

  error = body->error;
  for (guint i = 0; i < N_BLOCKS; i++)
    g_free (body->blocks[i].data);
  g_mutex_clear (&body->mutex);
  g_cond_clear (&body->cond);
  g_free (body);

  return error;
}
