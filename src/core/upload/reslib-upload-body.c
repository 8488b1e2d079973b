/* reslib-upload-body.c — the body of a PATCH, read ahead in a thread of its own
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * curl's thread only encrypts and sends: reading the package (from the disk, or the stream of a streamed
 * package with its blob checks) and taking the tar's digest happen in the lane, a few blocks ahead of it. The
 * lane reads only the body's range, in order, so the digest takes exactly the bytes the body is made of; it is
 * stopped and joined before the request returns, so nothing else ever uses the Run at the same time.
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <errno.h>
#include <string.h>

#include "reslib-error.h"
#include "reslib-upload-private.h"

#define BLOCK_SIZE (1024 * 1024)
#define N_BLOCKS   4

typedef struct
{
  guint8 *data;
  gsize   len;
  gsize   used;    /* by curl's thread */
} Block;

struct _ReslibUploadBody
{
  Run     *run;
  guint64  offset;
  guint64  end;
  GThread *thread;
  GMutex   mutex;
  GCond    cond;
  Block    blocks[N_BLOCKS];
  guint    head;     /* the block curl's thread takes next */
  guint    count;    /* blocks filled and not yet taken */
  gboolean stop;     /* set by curl's thread: the request ended */
  gboolean done;     /* set by the lane: it read the whole range, or failed */
  GError  *error;    /* why the lane failed */
};

static gpointer
body_lane (gpointer data)
{
  ReslibUploadBody *body = data;
  Run *run = body->run;
  guint64 pos = body->offset;
  guint tail = 0;
  GError *local_error = NULL;

  while (pos < body->end)
    {
      Block *b = &body->blocks[tail];
      gssize n;

      g_mutex_lock (&body->mutex);
      while (body->count == N_BLOCKS && !body->stop)
        g_cond_wait (&body->cond, &body->mutex);
      if (body->stop)
        {
          g_mutex_unlock (&body->mutex);
          break;
        }
      g_mutex_unlock (&body->mutex);

      n = _reslib_submission_read (run, pos, b->data, (gsize) MIN (body->end - pos, BLOCK_SIZE), &local_error);
      if (n == 0)
        g_set_error (&local_error, RESLIB_ERROR, RESLIB_ERROR_CHANGED,
                     _("“%s” changed during the upload: upload it again"), run->self->package_path);
      if (n <= 0)
        break;
      /* The tar's digest, as the bytes go (for the first time). */
      if (run->tar_md != NULL && pos == run->hashed_to)
        {
          reslib_sha256_resumable_update (run->tar_md, b->data, (gsize) n);
          run->hashed_to += (guint64) n;
        }
      pos += (guint64) n;

      g_mutex_lock (&body->mutex);
      b->len = (gsize) n;
      b->used = 0;
      body->count++;
      g_cond_signal (&body->cond);
      g_mutex_unlock (&body->mutex);
      tail = (tail + 1) % N_BLOCKS;
    }

  g_mutex_lock (&body->mutex);
  body->error = local_error;
  body->done = TRUE;
  g_cond_signal (&body->cond);
  g_mutex_unlock (&body->mutex);

  return NULL;
}

/* Starts reading @length bytes of the package at @offset. */
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
  body->thread = g_thread_new ("upload-body", body_lane, body);

  return body;
}

/* In curl's thread: copies up to @len bytes of the body into @buffer. Returns the bytes copied, or -1 when
 * the lane failed (its error is kept for _reslib_upload_body_finish()). */
gssize
_reslib_upload_body_take (ReslibUploadBody *body,
                          void             *buffer,
                          gsize             len)
{
  Block *b;
  gsize n;

  g_mutex_lock (&body->mutex);
  while (body->count == 0 && !body->done)
    g_cond_wait (&body->cond, &body->mutex);
  if (body->count == 0)
    {
      g_mutex_unlock (&body->mutex);
      return -1;
    }
  b = &body->blocks[body->head];
  g_mutex_unlock (&body->mutex);

  n = MIN (len, b->len - b->used);
  memcpy (buffer, b->data + b->used, n);
  b->used += n;
  if (b->used == b->len)
    {
      g_mutex_lock (&body->mutex);
      body->head = (body->head + 1) % N_BLOCKS;
      body->count--;
      g_cond_signal (&body->cond);
      g_mutex_unlock (&body->mutex);
    }

  return (gssize) n;
}

/* Stops the lane and waits for it; returns why it failed, if it did (owned by the caller), and frees @body. */
GError *
_reslib_upload_body_finish (ReslibUploadBody *body)
{
  GError *error;

  g_mutex_lock (&body->mutex);
  body->stop = TRUE;
  g_cond_signal (&body->cond);
  g_mutex_unlock (&body->mutex);
  g_thread_join (body->thread);

  error = body->error;
  for (guint i = 0; i < N_BLOCKS; i++)
    g_free (body->blocks[i].data);
  g_mutex_clear (&body->mutex);
  g_cond_clear (&body->cond);
  g_free (body);

  return error;
}
