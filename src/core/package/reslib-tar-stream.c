/* reslib-tar-stream.c — the deterministic tar of a package, written while the blobs and the tar are hashed
 *
 * Entries have fixed owners, modes and times, so the same bag gives the same bytes. Every blob
 * is streamed from the store into the tar while it is hashed again (a damaged blob is caught
 * and named), and, when asked for, the whole tar is hashed as it is written.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <archive.h>
#include <archive_entry.h>
#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <string.h>
#include <unistd.h>

#include "reslib-digest.h"
#include "reslib-error.h"
#include "reslib-file-util.h"
#include "reslib-package-private.h"
#include "reslib-store-gc.h"

#define COPY_BUFFER_SIZE     (256 * 1024)
#define PROGRESS_INTERVAL_US (G_USEC_PER_SEC / 10)

/* The thread's locale for tar work (reslib-package-private.h says why); verify uses it too. */
void
_reslib_utf8_locale_enter (ReslibUtf8Locale *l)
{
  locale_t current = uselocale ((locale_t) 0);
  locale_t base = duplocale (current);

  l->utf8 = (locale_t) 0;
  l->saved = (locale_t) 0;
  if (base == (locale_t) 0)
    return;
  l->utf8 = newlocale (LC_CTYPE_MASK, "C.UTF-8", base);
  if (l->utf8 == (locale_t) 0)
    {
      freelocale (base);
      return;
    }
  l->saved = uselocale (l->utf8);
}

void
_reslib_utf8_locale_leave (ReslibUtf8Locale *l)
{
  if (l->utf8 == (locale_t) 0)
    return;
  uselocale (l->saved);
  freelocale (l->utf8);
  l->utf8 = (locale_t) 0;
}

/* Hashing beside the writer: two threads hash the blobs again (the fixity
 * check; each takes every other blob, so the hashing, the longest part of the
 * work, is not bound to one core) and, when asked for, another hashes the tar
 * as it is written, while this thread reads and writes. Each of these threads
 * is an exclusive GThreadPool of one thread: it owns its thread for the whole
 * pack, and its jobs run in the order they were pushed (a digest is fed in
 * order). Buffers go round a
 * small ring: the writer reads a blob's bytes into one, writes them to the tar
 * straight from it, hands it to the hashing threads (they hash the same
 * buffer: no copy) and takes a free one back. A buffer goes back to the ring
 * when the last thread that holds it is done with it. The buffers are small
 * enough to be still in the cache when they are written and hashed: with
 * 1 MiB ones, the kernel's copy into the tar took twice as long (measured). */

#define HASH_SLOTS 16
#define BLOB_LANES 2

typedef enum
{
  HASH_JOB_BLOB_DATA,     /* feed the blob's digest */
  HASH_JOB_BLOB_END,      /* finish the blob's digest and compare it */
  HASH_JOB_TAR_DATA,      /* feed the tar's digest */
  HASH_JOB_SYNC,          /* answer on the done queue */
} HashJobType;

typedef struct
{
  HashJobType   type;
  ReslibHasher *md;
  guint8      *slot;
  gsize        len;
  char        *expected;    /* HASH_JOB_BLOB_END */
  char        *id;
  char        *file_name;
} HashJob;

/* A hashing thread: a pool of one thread, its queue of jobs. */
typedef struct
{
  GThreadPool     *pool;
} HashLane;

struct _ReslibTarHasher
{
  HashLane     blob_lanes[BLOB_LANES];  /* each blob goes to one lane, the next blob to the next lane */
  guint        lane;                    /* the lane of the blob being written */
  HashLane     tar_lane;
  GAsyncQueue *free_slots;
  GAsyncQueue *done;
  ReslibHasher *tar_md;
  guint8      *slots[HASH_SLOTS];
  gint         refs[HASH_SLOTS];    /* atomic: the threads that still hold each slot */
  GMutex       lock;
  GError      *failure;     /* the first blob that did not match (under the lock); read after a sync */
  gint         failed;      /* atomic */
};

static gint *
slot_refs (ReslibTarHasher *h,
           const guint8    *slot)
{
  for (guint i = 0; i < HASH_SLOTS; i++)
    if (h->slots[i] == slot)
      return &h->refs[i];
  g_assert_not_reached ();
}

/* Gives a slot back to the ring once nobody holds it any more. */
static void
slot_release (ReslibTarHasher *h,
              guint8          *slot)
{
  if (g_atomic_int_dec_and_test (slot_refs (h, slot)))
    g_async_queue_push (h->free_slots, slot);
}

static void
hash_job_run (gpointer data,
              gpointer user_data)
{
  HashJob *job = data;
  ReslibTarHasher *h = user_data;

  switch (job->type)
    {
    case HASH_JOB_BLOB_DATA:
      reslib_hasher_update (job->md, job->slot, job->len);
      break;
    case HASH_JOB_TAR_DATA:
      reslib_hasher_update (h->tar_md, job->slot, job->len);
      break;
    case HASH_JOB_BLOB_END:
      {
        char sha256[RESLIB_SHA256_HEX_SIZE];

        reslib_hasher_finish_hex (job->md, sha256);
        /* No expected digest: the blob was abandoned half-way. */
        if (job->expected != NULL && strcmp (sha256, job->expected) != 0)
          {
            g_mutex_lock (&h->lock);
            if (h->failure == NULL)
              g_set_error (&h->failure, RESLIB_ERROR, RESLIB_ERROR_CORRUPT,
                           _("The stored file of resource %s (“%s”) no longer matches its checksum: the data "
                             "folder is damaged; import the file again"),
                           job->id, job->file_name);
            g_mutex_unlock (&h->lock);
            g_atomic_int_set (&h->failed, 1);
          }
        reslib_hasher_free (job->md);
        g_free (job->expected);
        g_free (job->id);
        g_free (job->file_name);
      }
      break;
    case HASH_JOB_SYNC:
    default:
      g_async_queue_push (h->done, GINT_TO_POINTER (1));
      break;
    }
  if (job->slot != NULL)
    slot_release (h, job->slot);
  g_free (job);
}

static gboolean
lane_start (ReslibTarHasher *h,
            HashLane        *lane,
            GError         **error)
{
  /* Exclusive, one thread: the lane's jobs run in order, in a thread no other pool takes. */
  lane->pool = g_thread_pool_new (hash_job_run, h, 1, TRUE, error);

  return lane->pool != NULL;
}

static void
lane_push (HashLane    *lane,
           HashJobType  type)
{
  HashJob *job = g_new0 (HashJob, 1);

  job->type = type;
  g_thread_pool_push (lane->pool, job, NULL);
}

/* Runs the jobs still queued, then ends the thread. */
static void
lane_stop (HashLane *lane)
{
  if (lane->pool == NULL)
    return;
  g_thread_pool_free (g_steal_pointer (&lane->pool), FALSE, TRUE);
}

static gboolean
hasher_start (ReslibTarHasher *h,
              gboolean         tar_digest,
              GError         **error)
{
  if (tar_digest)
    {
      h->tar_md = reslib_hasher_new (RESLIB_DIGEST_SHA256, error);
      if (h->tar_md == NULL)
        return FALSE;
    }
  g_mutex_init (&h->lock);
  h->free_slots = g_async_queue_new ();
  h->done = g_async_queue_new ();
  for (guint i = 0; i < HASH_SLOTS; i++)
    {
      h->slots[i] = g_malloc (COPY_BUFFER_SIZE);
      g_async_queue_push (h->free_slots, h->slots[i]);
    }
  if (tar_digest && !lane_start (h, &h->tar_lane, error))
    return FALSE;
  for (guint i = 0; i < BLOB_LANES; i++)
    if (!lane_start (h, &h->blob_lanes[i], error))
      return FALSE;

  return TRUE;
}

/* The next blob's jobs go to the next lane: two blobs are hashed at once. */
static void
hasher_next_lane (ReslibTarHasher *h)
{
  h->lane = (h->lane + 1) % BLOB_LANES;
}

static void
hasher_push (ReslibTarHasher *h,
             HashJobType      type,
             ReslibHasher    *md,
             guint8          *slot,
             gsize            len)
{
  HashJob *job = g_new0 (HashJob, 1);

  job->type = type;
  job->md = md;
  job->slot = slot;
  job->len = len;
  g_thread_pool_push (type == HASH_JOB_TAR_DATA ? h->tar_lane.pool : h->blob_lanes[h->lane].pool, job, NULL);
}

/* A job for every thread: each answers on its own; returns how many were asked. */
static guint
hasher_push_all (ReslibTarHasher *h,
                 HashJobType      type)
{
  guint n = 0;

  for (guint i = 0; i < BLOB_LANES; i++, n++)
    lane_push (&h->blob_lanes[i], type);
  if (h->tar_lane.pool != NULL)
    {
      lane_push (&h->tar_lane, type);
      n++;
    }

  return n;
}

static guint8 *
hasher_take_slot (ReslibTarHasher *h)
{
  guint8 *slot = g_async_queue_pop (h->free_slots);

  g_atomic_int_set (slot_refs (h, slot), 1);
  return slot;
}

/* Waits until every job handed over so far is done; FALSE with @error when a blob did not match. */
static gboolean
hasher_sync (ReslibTarHasher *h,
             GError         **error)
{
  for (guint n = hasher_push_all (h, HASH_JOB_SYNC); n > 0; n--)
    g_async_queue_pop (h->done);
  if (h->failure != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&h->failure));
      return FALSE;
    }

  return TRUE;
}

static void
hasher_stop (ReslibTarHasher *h)
{
  if (h->free_slots == NULL)
    return;
  for (guint i = 0; i < BLOB_LANES; i++)
    lane_stop (&h->blob_lanes[i]);
  lane_stop (&h->tar_lane);
  g_clear_error (&h->failure);
  g_mutex_clear (&h->lock);
  /* Every job is done, so every slot is back on the free queue. */
  for (guint i = 0; i < HASH_SLOTS; i++)
    g_free (h->slots[i]);
  g_clear_pointer (&h->free_slots, g_async_queue_unref);
  g_clear_pointer (&h->done, g_async_queue_unref);
  g_clear_pointer (&h->tar_md, reslib_hasher_free);
}

#define OUT_BUFFER_SIZE (64 * 1024)
#define WRITEBACK_STEP  (32 * 1024 * 1024)

/* Writes to the tar's file. Write-back is started every 32 MiB (it does not
 * wait for the disk), so the disk writes while the next blobs are read and
 * hashed, and the fdatasync () before the rename finds little left to do
 * (measured: 0.01–0.05 s for 2 GiB). Without it, the whole package would be
 * dirty in the page cache at the end, and the sync alone would take as long
 * as the rest of the pack. Starting write-back costs the caller time (the
 * file system maps the blocks, and the call blocks when the disk lags), so a
 * thread of its own does it. */
static void
writeback_run (gpointer data,
               gpointer user_data)
{
  ReslibTarWriter *wr = user_data;
  guint64 to = *(guint64 *) data;
  gint64 start = g_get_monotonic_time ();

  g_free (data);
  sync_file_range (wr->fd, (off_t) wr->writeback_from, (off_t) (to - wr->writeback_from), SYNC_FILE_RANGE_WRITE);
  wr->writeback_from = to;
  wr->writeback_us += g_get_monotonic_time () - start;
}

/* An exclusive pool of one thread: the ranges are started in order, and the thread is there at once. Without
 * it (no thread could be made), the file is written back by the fdatasync () at the end. */
static void
writeback_start (ReslibTarWriter *wr)
{
  wr->writeback_from = 0;
  wr->writeback = g_thread_pool_new (writeback_run, wr, 1, TRUE, NULL);
}

static void
writeback_push (ReslibTarWriter *wr,
                guint64          end)
{
  guint64 *item = g_new (guint64, 1);

  *item = end;
  g_thread_pool_push (wr->writeback, item, NULL);
}

/* Waits for the ranges pushed so far and ends the thread; writeback_us is meaningful after this. */
static void
writeback_stop (ReslibTarWriter *wr)
{
  if (wr->writeback == NULL)
    return;
  g_thread_pool_free (g_steal_pointer (&wr->writeback), FALSE, TRUE);
}

static gboolean
out_write (ReslibTarWriter *wr,
           const guint8    *p,
           gsize            len)
{
  if (!reslib_write_all (wr->fd, p, len))
    {
      wr->saved_errno = errno;
      return FALSE;
    }
  wr->written += len;
  if (wr->written - wr->flushed >= WRITEBACK_STEP && wr->writeback != NULL)
    {
      writeback_push (wr, wr->written);
      wr->flushed = wr->written;
    }
  return TRUE;
}

static gboolean
out_flush (ReslibTarWriter *wr)
{
  gboolean ok = out_write (wr, wr->out, wr->out_len);

  wr->out_len = 0;
  return ok;
}

/* Hands the bytes gathered for the tar's digest to its thread. */
static void
tar_digest_flush (ReslibTarWriter *wr)
{
  if (wr->tar_slot == NULL)
    return;
  hasher_push (wr->hasher, HASH_JOB_TAR_DATA, NULL, wr->tar_slot, wr->tar_len);
  wr->tar_slot = NULL;
  wr->tar_len = 0;
}

static void
tar_digest_copy (ReslibTarWriter *wr,
                 const guint8    *p,
                 gsize            len)
{
  while (len > 0)
    {
      gsize piece;

      if (wr->tar_slot == NULL)
        {
          wr->tar_slot = hasher_take_slot (wr->hasher);
          wr->tar_len = 0;
        }
      piece = MIN (len, (gsize) COPY_BUFFER_SIZE - wr->tar_len);
      memcpy (wr->tar_slot + wr->tar_len, p, piece);
      wr->tar_len += piece;
      p += piece;
      len -= piece;
      if (wr->tar_len == COPY_BUFFER_SIZE)
        tar_digest_flush (wr);
    }
}

/* libarchive writes unblocked (bytes per block 0), so a blob's bytes arrive
 * here straight from the slot they were read into: they go to the file with
 * no copy, and the tar's digest takes the same slot. Headers and padding are
 * gathered into one buffer. */
static la_ssize_t
write_cb (struct archive *a,
          void           *client_data,
          const void     *data,
          size_t          len)
{
  ReslibTarWriter *wr = client_data;
  const guint8 *p = data;
  gboolean whole_slot = wr->direct != NULL && p == wr->direct && len == wr->direct_len;

  if (whole_slot || len >= OUT_BUFFER_SIZE)
    {
      if (!out_flush (wr) || !out_write (wr, p, len))
        goto failed;
    }
  else
    {
      if (wr->out_len + len > OUT_BUFFER_SIZE && !out_flush (wr))
        goto failed;
      memcpy (wr->out + wr->out_len, p, len);
      wr->out_len += len;
    }

  if (wr->hasher->tar_md != NULL)
    {
      if (whole_slot)
        {
          /* In order: what came before, then the slot, held by the tar's thread too. */
          tar_digest_flush (wr);
          g_atomic_int_inc (slot_refs (wr->hasher, p));
          hasher_push (wr->hasher, HASH_JOB_TAR_DATA, NULL, (guint8 *) p, len);
        }
      else
        tar_digest_copy (wr, p, len);
    }
  wr->tar_size += len;

  return (la_ssize_t) len;

failed:
  archive_set_error (a, wr->saved_errno, "%s", g_strerror (wr->saved_errno));
  return -1;
}

/* The end of the tar: what is still gathered goes out. */
static gboolean
writer_finish (ReslibTarWriter *wr,
               GError         **error)
{
  if (!out_flush (wr))
    {
      if (wr->saved_errno == ENOSPC || wr->saved_errno == EDQUOT)
        g_set_error (error, RESLIB_ERROR, RESLIB_ERROR_NO_SPACE, _("Could not write “%s”: the disk is full"),
                     wr->dest_path);
      else
        _reslib_set_error_from_errno (error, wr->saved_errno, wr->dest_path);
      return FALSE;
    }
  if (wr->hasher->tar_md != NULL)
    tar_digest_flush (wr);

  return TRUE;
}

void
_reslib_tar_report_progress (ReslibTarWriter *wr,
                             gboolean         force)
{
  gint64 now;

  if (wr->progress_func == NULL)
    return;
  now = g_get_monotonic_time ();
  if (!force && now - wr->last_progress < PROGRESS_INTERVAL_US)
    return;
  wr->last_progress = now;
  wr->progress_func (&wr->progress, wr->progress_data);
}

static gboolean
archive_failed (ReslibTarWriter *wr,
                GError         **error)
{
  int saved_errno = archive_errno (wr->archive);

  if (saved_errno == ENOSPC || saved_errno == EDQUOT)
    g_set_error (error, RESLIB_ERROR, RESLIB_ERROR_NO_SPACE, _("Could not write “%s”: the disk is full"),
                 wr->dest_path);
  else
    g_set_error (error, RESLIB_ERROR, RESLIB_ERROR_IO, _("Could not write “%s”: %s"), wr->dest_path,
                 archive_error_string (wr->archive) != NULL ? archive_error_string (wr->archive) : g_strerror (saved_errno));
  return FALSE;
}

static struct archive_entry *
new_entry (ReslibTarWriter *wr,
           const char      *bag_name,
           const char      *path,
           gboolean         is_dir,
           guint64          size)
{
  struct archive_entry *entry = archive_entry_new ();
  g_autofree char *full = path != NULL ? g_strconcat (bag_name, "/", path, NULL) : g_strconcat (bag_name, "/", NULL);

  archive_entry_set_pathname_utf8 (entry, full);
  archive_entry_set_filetype (entry, is_dir ? AE_IFDIR : AE_IFREG);
  archive_entry_set_perm (entry, is_dir ? 0755 : 0644);
  archive_entry_set_size (entry, is_dir ? 0 : (la_int64_t) size);
  archive_entry_set_mtime (entry, wr->mtime, 0);
  archive_entry_set_uid (entry, 0);
  archive_entry_set_gid (entry, 0);

  return entry;
}

gboolean
_reslib_tar_write_dir (ReslibTarWriter *wr,
                       const char      *bag_name,
                       const char      *path,
                       GError         **error)
{
  struct archive_entry *entry = new_entry (wr, bag_name, path, TRUE, 0);
  int rc = archive_write_header (wr->archive, entry);

  archive_entry_free (entry);
  if (rc != ARCHIVE_OK)
    return archive_failed (wr, error);

  return TRUE;
}

/* Writes a file held in memory; fills @sha256 when not NULL. */
gboolean
_reslib_tar_write_bytes (ReslibTarWriter *wr,
                         const char      *bag_name,
                         const char      *path,
                         GBytes          *bytes,
                         char            *sha256,
                         GError         **error)
{
  gsize len;
  const guint8 *data = g_bytes_get_data (bytes, &len);
  struct archive_entry *entry = new_entry (wr, bag_name, path, FALSE, len);
  int rc = archive_write_header (wr->archive, entry);

  archive_entry_free (entry);
  if (rc != ARCHIVE_OK)
    return archive_failed (wr, error);
  if (len > 0 && archive_write_data (wr->archive, data, len) != (la_ssize_t) len)
    return archive_failed (wr, error);
  if (sha256 != NULL)
    reslib_sha256_hex (data, len, sha256);

  return TRUE;
}

/* Copies a spool into the tar; fills @sha256. */
gboolean
_reslib_tar_write_spool (ReslibTarWriter *wr,
                         const char      *bag_name,
                         const char      *path,
                         ReslibSpool     *spool,
                         char            *sha256,
                         GError         **error)
{
  struct archive_entry *entry = new_entry (wr, bag_name, path, FALSE, spool->size);
  g_autoptr(ReslibHasher) md = NULL;
  guint8 *buffer;
  guint64 total = 0;
  int rc = archive_write_header (wr->archive, entry);

  archive_entry_free (entry);
  if (rc != ARCHIVE_OK)
    return archive_failed (wr, error);
  md = reslib_hasher_new (RESLIB_DIGEST_SHA256, error);
  if (md == NULL)
    return FALSE;
  buffer = hasher_take_slot (wr->hasher);
  while (total < spool->size)
    {
      ssize_t n = read (spool->fd, buffer, COPY_BUFFER_SIZE);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        {
          slot_release (wr->hasher, buffer);
          _reslib_set_error_from_errno (error, n < 0 ? errno : EIO, wr->dest_path);
          return FALSE;
        }
      reslib_hasher_update (md, buffer, (gsize) n);
      if (archive_write_data (wr->archive, buffer, (size_t) n) != n)
        {
          slot_release (wr->hasher, buffer);
          return archive_failed (wr, error);
        }
      total += (guint64) n;
    }
  slot_release (wr->hasher, buffer);
  reslib_hasher_finish_hex (md, sha256);

  return TRUE;
}

/* Hands the end of a blob to the hasher: with @expected it compares the
 * digest, without it the digest is only freed. */
static void
finish_blob_digest (ReslibTarWriter          *wr,
                    ReslibHasher             *md,
                    const ReslibPackResource *info,
                    const char               *expected)
{
  HashJob *job = g_new0 (HashJob, 1);

  job->type = HASH_JOB_BLOB_END;
  job->md = md;
  job->expected = g_strdup (expected);
  job->id = g_strdup (info->id);
  job->file_name = g_strdup (info->file_name);
  g_thread_pool_push (wr->hasher->blob_lanes[wr->hasher->lane].pool, job, NULL);
}

/* Streams a resource's blob into the tar as @path (inside the bag). The hasher thread hashes it again
 * on the way; a blob that no longer matches stops the pack a few buffers
 * later, named, and before the package is complete. Fills @sha256 with the
 * digest the blob must have. */
gboolean
_reslib_tar_write_blob (ReslibTarWriter    *wr,
                        ReslibStore        *store,
                        const char         *bag_name,
                        const char         *path,
                        ReslibPackResource *info,
                        char               *sha256,
                        GCancellable       *cancellable,
                        GError            **error)
{
  const char *expected = info->sha256;
  g_autofree char *blob_path = reslib_store_get_blob_path (store, expected);
  struct archive_entry *entry;
  ReslibHasher *md;
  guint64 total = 0;
  int fd;
  int rc;

  if (g_atomic_int_get (&wr->hasher->failed))
    return hasher_sync (wr->hasher, error);

  fd = open (blob_path, O_RDONLY | O_CLOEXEC);
  if (fd < 0 && errno == ENOENT)
    {
      /* An interrupted cleanup may have left it in its trash: put back, then read. */
      g_autofree char *found = reslib_store_find_blob (store, expected, NULL);

      if (found != NULL)
        fd = open (found, O_RDONLY | O_CLOEXEC);
      else
        errno = ENOENT;
    }
  if (fd < 0)
    {
      int saved_errno = errno;

      if (saved_errno == ENOENT)
        g_set_error (error, RESLIB_ERROR, RESLIB_ERROR_CORRUPT,
                     _("The stored file of resource %s (“%s”) is missing from the data folder"),
                     info->id, info->file_name);
      else
        _reslib_set_error_from_errno (error, saved_errno, blob_path);
      return FALSE;
    }
#ifdef POSIX_FADV_SEQUENTIAL
  posix_fadvise (fd, 0, 0, POSIX_FADV_SEQUENTIAL);
#endif

  entry = new_entry (wr, bag_name, path, FALSE, info->size);
  rc = archive_write_header (wr->archive, entry);
  archive_entry_free (entry);
  if (rc != ARCHIVE_OK)
    {
      close (fd);
      return archive_failed (wr, error);
    }

  md = reslib_hasher_new (RESLIB_DIGEST_SHA256, error);
  if (md == NULL)
    {
      close (fd);
      return FALSE;
    }
  hasher_next_lane (wr->hasher);
  wr->progress.current = info->file_name;
  for (;;)
    {
      guint8 *slot = hasher_take_slot (wr->hasher);
      ssize_t n = read (fd, slot, COPY_BUFFER_SIZE);

      if (n <= 0 || total + (guint64) n > info->size || g_cancellable_is_cancelled (cancellable))
        {
          int saved_errno = errno;

          slot_release (wr->hasher, slot);
          if (n < 0 && saved_errno == EINTR)
            continue;
          if (n < 0)
            {
              finish_blob_digest (wr, md, info, NULL);
              close (fd);
              _reslib_set_error_from_errno (error, saved_errno, blob_path);
              return FALSE;
            }
          if (n > 0 && total + (guint64) n <= info->size)
            {
              /* Cancelled. */
              finish_blob_digest (wr, md, info, NULL);
              close (fd);
              g_cancellable_set_error_if_cancelled (cancellable, error);
              return FALSE;
            }
          break;   /* the end, or longer than the store says: a mismatch, reported below */
        }
      wr->direct = slot;
      wr->direct_len = (gsize) n;
      if (archive_write_data (wr->archive, slot, (size_t) n) != n)
        {
          wr->direct = NULL;
          slot_release (wr->hasher, slot);
          finish_blob_digest (wr, md, info, NULL);
          close (fd);
          return archive_failed (wr, error);
        }
      wr->direct = NULL;
      hasher_push (wr->hasher, HASH_JOB_BLOB_DATA, md, slot, (gsize) n);
      total += (guint64) n;
      wr->progress.bytes_done += (guint64) n;
      _reslib_tar_report_progress (wr, FALSE);
    }
  close (fd);

  if (total != info->size)
    {
      finish_blob_digest (wr, md, info, NULL);
      g_set_error (error, RESLIB_ERROR, RESLIB_ERROR_CORRUPT,
                   _("The stored file of resource %s (“%s”) no longer matches its checksum: the data folder is "
                     "damaged; import the file again"),
                   info->id, info->file_name);
      return FALSE;
    }
  finish_blob_digest (wr, md, info, expected);
  memcpy (sha256, expected, 65);

  return TRUE;
}

/**
 * _reslib_tar_writer_open:
 * @wr: a zeroed writer; clear it with _reslib_tar_writer_clear() whatever this returns
 * @fd: the tar's file, open for writing
 * @tar_digest: whether to hash the whole tar too (see _reslib_tar_writer_take_digest())
 *
 * Starts a pax tar on @fd, with the hashing threads and the write-back beside this thread.
 */
gboolean
_reslib_tar_writer_open (ReslibTarWriter     *wr,
                         int                  fd,
                         const char          *dest_path,
                         gint64               mtime,
                         gboolean             tar_digest,
                         ReslibProgressFunc   progress_func,
                         gpointer             progress_data,
                         guint64              bytes_total,
                         guint                files_total,
                         GError             **error)
{
  wr->hasher = g_new0 (ReslibTarHasher, 1);
  if (!hasher_start (wr->hasher, tar_digest, error))
    return FALSE;
  wr->archive = archive_write_new ();
  wr->dest_path = dest_path;
  wr->mtime = mtime;
  wr->progress_func = progress_func;
  wr->progress_data = progress_data;
  wr->progress.bytes_total = bytes_total;
  wr->progress.files_total = files_total;
  wr->progress.eta = -1;   /* not estimated */
  wr->fd = fd;
  writeback_start (wr);
  wr->out = g_malloc (OUT_BUFFER_SIZE);
  archive_write_set_format_pax_restricted (wr->archive);
  archive_write_add_filter_none (wr->archive);
  /* Unblocked: the end is padded to 512 bytes, not to a 10 KiB block, as bsdtar does for files, and
   * write_cb () sees each blob's bytes where they were read. */
  archive_write_set_bytes_per_block (wr->archive, 0);
  archive_write_set_bytes_in_last_block (wr->archive, 1);
  if (archive_write_open2 (wr->archive, wr, NULL, write_cb, NULL, NULL) != ARCHIVE_OK)
    return archive_failed (wr, error);

  return TRUE;
}

/* Ends the tar: its last bytes are in the file (not yet on disk). */
gboolean
_reslib_tar_writer_close (ReslibTarWriter  *wr,
                          GError          **error)
{
  if (archive_write_close (wr->archive) != ARCHIVE_OK)
    return archive_failed (wr, error);

  return writer_finish (wr, error);
}

/* Waits for the hashing threads: FALSE with @error when a blob no longer matched its digest. */
gboolean
_reslib_tar_writer_sync (ReslibTarWriter  *wr,
                         GError          **error)
{
  return hasher_sync (wr->hasher, error);
}

/* Waits for the write-back thread; writeback_us is meaningful after this. */
void
_reslib_tar_writer_stop_writeback (ReslibTarWriter *wr)
{
  writeback_stop (wr);
}

/* The SHA-256 of the whole tar, in hex, once it was synced; for a writer opened with a tar digest. */
char *
_reslib_tar_writer_take_digest (ReslibTarWriter *wr)
{
  char *sha256 = g_malloc (RESLIB_SHA256_HEX_SIZE);

  reslib_hasher_finish_hex (wr->hasher->tar_md, sha256);

  return sha256;
}

/* Stops the threads and frees what the writer holds; the file stays open. */
void
_reslib_tar_writer_clear (ReslibTarWriter *wr)
{
  if (wr->archive != NULL)
    archive_write_free (wr->archive);
  wr->archive = NULL;
  if (wr->hasher != NULL)
    {
      if (wr->tar_slot != NULL)
        slot_release (wr->hasher, wr->tar_slot);
      wr->tar_slot = NULL;
      hasher_stop (wr->hasher);
      g_clear_pointer (&wr->hasher, g_free);
    }
  writeback_stop (wr);
  g_clear_pointer (&wr->out, g_free);
}

/* ---------------------------------------------------------------------------------------------- */
/* One entry's header alone, for a tar made again from its members (reslib-pack-stream.c)        */

typedef struct
{
  GByteArray *out;
  gboolean    done;    /* the header is out: what follows (the entry's data, padding, the end) is refused */
} HeaderCapture;

static la_ssize_t
header_cb (struct archive *a,
           void           *client_data,
           const void     *data,
           size_t          len)
{
  HeaderCapture *c = client_data;

  if (c->done)
    {
      archive_set_error (a, ECANCELED, "header only");
      return -1;
    }
  g_byte_array_append (c->out, data, (guint) len);
  return (la_ssize_t) len;
}

/**
 * _reslib_tar_entry_header:
 * @bag_name: the bag, the tar's top folder
 * @path: (nullable): the entry's path inside the bag ("data/" a folder), %NULL for the bag's folder
 * @is_dir: whether the entry is a folder
 * @size: its data's size
 * @mtime: the package's fixed time
 *
 * The bytes the tar writer of a pack writes before this entry's data: the same libarchive writer, set up the
 * same way, on an archive of its own. Runs in the thread's UTF-8 locale (_reslib_utf8_locale_enter()).
 *
 * Returns: (transfer full) (nullable): the header (a multiple of 512 bytes), or %NULL with @error set
 */
GBytes *
_reslib_tar_entry_header (const char  *bag_name,
                          const char  *path,
                          gboolean     is_dir,
                          guint64      size,
                          gint64       mtime,
                          GError     **error)
{
  ReslibTarWriter wr = { 0 };
  HeaderCapture c = { g_byte_array_new (), FALSE };
  struct archive_entry *entry;
  int rc;

  wr.archive = archive_write_new ();
  wr.dest_path = bag_name;
  wr.mtime = mtime;
  archive_write_set_format_pax_restricted (wr.archive);
  archive_write_add_filter_none (wr.archive);
  archive_write_set_bytes_per_block (wr.archive, 0);
  archive_write_set_bytes_in_last_block (wr.archive, 1);
  if (archive_write_open2 (wr.archive, &c, NULL, header_cb, NULL, NULL) != ARCHIVE_OK)
    {
      archive_failed (&wr, error);
      archive_write_free (wr.archive);
      g_byte_array_unref (c.out);
      return NULL;
    }
  entry = new_entry (&wr, bag_name, path, is_dir, size);
  rc = archive_write_header (wr.archive, entry);
  archive_entry_free (entry);
  if (rc != ARCHIVE_OK)
    {
      archive_failed (&wr, error);
      archive_write_free (wr.archive);
      g_byte_array_unref (c.out);
      return NULL;
    }
  /* The rest (padding, the end of the archive) is not written: the first write of it fails. */
  c.done = TRUE;
  archive_write_free (wr.archive);

  return g_byte_array_free_to_bytes (c.out);
}
