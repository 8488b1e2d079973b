/* reslib-blobs.c — content-addressed blob files: copy and hash in one pass, stage, publish, recover
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <linux/fs.h>
#include <sys/file.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "reslib-blobs.h"
#include "reslib-digest.h"
#include "reslib-error.h"
#include "reslib-file-util.h"
#include "reslib-store-files.h"

#define COPY_BUFFER_SIZE (4 * 1024 * 1024)
/* Written data is sent to the disk in windows of this size, and dropped from the page cache a window later. */
#define WRITE_WINDOW (8 * 1024 * 1024)
#define PREFETCH_BYTES (8 * 1024 * 1024)

struct _ReslibBlobStage
{
  ReslibStore *store;
  char        *tmp_dir;     /* blobs/tmp */
  char        *dir;         /* blobs/tmp/<id> */
  char        *lock_path;   /* blobs/tmp/<id>.lock */
  int          lock_fd;
  GMutex       mutex;
  ReslibDigestSet *digests;  /* what is staged (RESLIB_DIGEST_STAGED), and what the caller notes beside */
  ReslibStoreFiles *store_files;  /* the store files, never opened (see reslib_open_input()) */
  guint64      no_clone_dev;      /* a device whose files cannot be cloned into the stage */
};

static gboolean
is_sha256_name (const char *name)
{
  if (strlen (name) != 64)
    return FALSE;
  for (const char *p = name; *p; p++)
    if (!g_ascii_isdigit (*p) && !(*p >= 'a' && *p <= 'f'))
      return FALSE;

  return TRUE;
}

static gboolean
sync_filesystem (const char *path,
                 GError    **error)
{
  int fd = open (path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  int saved_errno;

  if (fd < 0 || syncfs (fd) != 0)
    {
      saved_errno = errno;
      if (fd >= 0)
        close (fd);
      _reslib_set_error_from_errno (error, saved_errno, path);
      return FALSE;
    }
  close (fd);

  return TRUE;
}

static gboolean
make_dir (const char *path,
          GError    **error)
{
  if (g_mkdir_with_parents (path, 0700) != 0)
    {
      _reslib_set_error_from_errno (error, errno, path);
      return FALSE;
    }

  return TRUE;
}

ReslibBlobStage *
_reslib_blob_stage_new (ReslibStore *store,
                        GError     **error)
{
  g_autoptr(ReslibBlobStage) stage = g_new0 (ReslibBlobStage, 1);
  g_autofree char *id = reslib_uuid_new ();
  g_autofree char *name = NULL;
  g_autofree char *pending = NULL;

  stage->store = g_object_ref (store);
  stage->lock_fd = -1;
  stage->store_files = _reslib_store_files_new ();
  stage->no_clone_dev = G_MAXUINT64;
  g_mutex_init (&stage->mutex);
  stage->digests = reslib_digest_set_new ();
  stage->tmp_dir = g_build_filename (reslib_store_get_blob_dir (store), "tmp", NULL);
  name = g_strconcat (id, ".lock", NULL);
  stage->lock_path = g_build_filename (stage->tmp_dir, name, NULL);
  stage->dir = g_build_filename (stage->tmp_dir, id, NULL);
  pending = g_strconcat (stage->lock_path, ".new", NULL);

  if (!make_dir (stage->tmp_dir, error))
    return NULL;

  /* The lock is taken before the file gets its final name, so no other process
   * ever sees an unlocked lock file of a live stage. */
  stage->lock_fd = open (pending, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (stage->lock_fd < 0 || flock (stage->lock_fd, LOCK_EX) != 0 || rename (pending, stage->lock_path) != 0)
    {
      _reslib_set_error_from_errno (error, errno, pending);
      g_unlink (pending);
      return NULL;
    }
  if (g_mkdir (stage->dir, 0700) != 0)
    {
      _reslib_set_error_from_errno (error, errno, stage->dir);
      return NULL;
    }

  return g_steal_pointer (&stage);
}

static gboolean
set_read_error (GError    **error,
                int         saved_errno,
                const char *display_name)
{
  g_set_error (error, RESLIB_ERROR, RESLIB_ERROR_BAD_FILE,
               _("Cannot read “%s”: %s"), display_name, g_strerror (saved_errno));
  return FALSE;
}

/* Appends @len bytes to the blob being written; @total counts them already. The blob goes to the disk while
 * the next part is read (as `cp` and the kernel's write-back would have it, rather than direct writes that
 * wait for the disk), and leaves the page cache once it is there: a 40 GB import neither piles up dirty pages
 * nor pushes everything else out of memory. */
static gboolean
write_part (int           out,
            const guint8 *buffer,
            gsize         len,
            guint64       total,
            guint64      *flushed,
            guint64      *dropped)
{
  if (!reslib_write_new_file (out, buffer, len))
    return FALSE;
  if (total - *flushed >= WRITE_WINDOW)
    {
      sync_file_range (out, (off64_t) *flushed, (off64_t) (total - *flushed), SYNC_FILE_RANGE_WRITE);
      if (*flushed > *dropped)
        {
          sync_file_range (out, (off64_t) *dropped, (off64_t) (*flushed - *dropped),
                           SYNC_FILE_RANGE_WAIT_BEFORE | SYNC_FILE_RANGE_WRITE | SYNC_FILE_RANGE_WAIT_AFTER);
          posix_fadvise (out, (off_t) *dropped, (off_t) (*flushed - *dropped), POSIX_FADV_DONTNEED);
          *dropped = *flushed;
        }
      *flushed = total;
    }

  return TRUE;
}

/*
 * Copies the file at @path into the stage while hashing it (one pass over the
 * data), fsyncs it and names it after its SHA-256. Where the file system can
 * share the file's blocks (a reflink on XFS or Btrfs), the blob is a clone of
 * the file instead of a copy, and the hash is taken by reading the clone: what
 * is stored is what was hashed, and the data is read once and written never.
 * A file that changes while it is read is refused; on any failure or
 * cancellation nothing is left behind. Safe to call from several threads at once.
 */
gboolean
_reslib_blob_stage_copy (ReslibBlobStage *stage,
                         const char      *path,
                         const char      *display_name,
                         ReslibBlobInfo  *info,
                         gint64          *bytes_done,
                         GCancellable    *cancellable,
                         GError         **error)
{
  ReslibBlobInput *input = _reslib_blob_stage_open_input (stage, path, FALSE, error);

  if (input == NULL)
    {
      info->head_len = 0;
      return FALSE;
    }

  return _reslib_blob_stage_copy_input (stage, input, display_name, info, bytes_done, cancellable, error);
}

/**
 * _reslib_blob_stage_open_input:
 * @read_ahead: whether to ask the kernel to start reading the file's start now
 *
 * Opens the file at @path to be copied into @stage with _reslib_blob_stage_copy_input(), checked as
 * reslib_open_input() does (never the database of an open store: closing it would drop the store's locks).
 * With @read_ahead, the disk reads the start of the file while the current one is hashed and written, instead
 * of idling between two files (the kernel's read-ahead takes the rest once the file is read): the one open
 * serves both.
 *
 * Returns: (transfer full) (nullable): the open file, or %NULL with @error set
 */
ReslibBlobInput *
_reslib_blob_stage_open_input (ReslibBlobStage  *stage,
                               const char       *path,
                               gboolean          read_ahead,
                               GError          **error)
{
  ReslibBlobInput *input = g_new (ReslibBlobInput, 1);

  input->fd = _reslib_store_files_open (stage->store_files, path, O_RDONLY | O_NONBLOCK, &input->st, error);
  if (input->fd < 0)
    {
      g_free (input);
      return NULL;
    }
  if (read_ahead && S_ISREG (input->st.st_mode))
    posix_fadvise (input->fd, 0, PREFETCH_BYTES, POSIX_FADV_WILLNEED);

  return input;
}

void
_reslib_blob_input_free (ReslibBlobInput *input)
{
  if (input == NULL)
    return;
  if (input->fd >= 0)
    close (input->fd);
  g_free (input);
}

/* Copies @input (taken, and closed) as _reslib_blob_stage_copy() copies a file. */
gboolean
_reslib_blob_stage_copy_input (ReslibBlobStage  *stage,
                               ReslibBlobInput  *input,
                               const char       *display_name,
                               ReslibBlobInfo   *info,
                               gint64           *bytes_done,
                               GCancellable     *cancellable,
                               GError          **error)
{
  g_autofree guint8 *buffer = NULL;
  guint64 flushed = 0, dropped = 0;
  g_autofree char *tmp_path = NULL;
  g_autofree char *final_path = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(ReslibHasher) md = NULL;
  struct stat before = input->st, after;
  guint64 total = 0;
  int in = input->fd, out = -1;
  gboolean cloned;
  gboolean ok = FALSE;
  int src;

  g_free (input);
  info->head_len = 0;
  if (!S_ISREG (before.st_mode))
    {
      g_set_error (&local_error, RESLIB_ERROR, RESLIB_ERROR_BAD_FILE,
                   _("“%s” is not a regular file: only files and folders can be imported"), display_name);
      goto out;
    }
  posix_fadvise (in, 0, 0, POSIX_FADV_SEQUENTIAL);

  tmp_path = g_build_filename (stage->dir, "import-XXXXXX", NULL);
  out = g_mkstemp_full (tmp_path, O_RDWR | O_CLOEXEC, 0600);
  if (out < 0)
    {
      _reslib_set_error_from_errno (&local_error, errno, reslib_store_get_data_dir (stage->store));
      goto out;
    }
  /* Any failure (another file system, none that shares blocks) leaves the file empty: then it is copied.
   * Where the file system says it cannot, the stage does not ask again for files of the same device. */
  cloned = FALSE;
  if (__atomic_load_n (&stage->no_clone_dev, __ATOMIC_RELAXED) != (guint64) before.st_dev)
    {
      cloned = ioctl (out, FICLONE, in) == 0;
      if (!cloned && (errno == EOPNOTSUPP || errno == EXDEV || errno == ENOTTY))
        __atomic_store_n (&stage->no_clone_dev, (guint64) before.st_dev, __ATOMIC_RELAXED);
    }
  src = cloned ? out : in;
  if (cloned)
    posix_fadvise (out, 0, 0, POSIX_FADV_SEQUENTIAL);

  md = reslib_hasher_new (RESLIB_DIGEST_SHA256, &local_error);
  if (md == NULL)
    goto out;

  buffer = g_malloc (COPY_BUFFER_SIZE);
  for (;;)
    {
      gsize filled = 0;
      gboolean eof = FALSE;

      if (g_cancellable_set_error_if_cancelled (cancellable, &local_error))
        goto out;
      while (filled < COPY_BUFFER_SIZE)
        {
          ssize_t n = read (src, buffer + filled, COPY_BUFFER_SIZE - filled);

          if (n < 0 && errno == EINTR)
            continue;
          if (n < 0)
            {
              set_read_error (&local_error, errno, display_name);
              goto out;
            }
          if (n == 0)
            {
              eof = TRUE;
              break;
            }
          filled += (gsize) n;
        }
      if (filled == 0)
        break;
      if (info->head_len < RESLIB_SNIFF_SIZE)
        {
          gsize take = MIN (filled, RESLIB_SNIFF_SIZE - info->head_len);
          memcpy (info->head + info->head_len, buffer, take);
          info->head_len += take;
        }
      reslib_hasher_update (md, buffer, filled);
      total += (guint64) filled;
      if (!cloned && !write_part (out, buffer, filled, total, &flushed, &dropped))
        goto write_failed;
      if (bytes_done != NULL)
        __atomic_add_fetch (bytes_done, (gint64) filled, __ATOMIC_RELAXED);
      if (eof)
        break;
    }

  if (fstat (in, &after) != 0)
    {
      set_read_error (&local_error, errno, display_name);
      goto out;
    }
  if (after.st_size != before.st_size || (guint64) after.st_size != total ||
      after.st_mtim.tv_sec != before.st_mtim.tv_sec || after.st_mtim.tv_nsec != before.st_mtim.tv_nsec ||
      after.st_ctim.tv_sec != before.st_ctim.tv_sec || after.st_ctim.tv_nsec != before.st_ctim.tv_nsec)
    {
      g_set_error (&local_error, RESLIB_ERROR, RESLIB_ERROR_CHANGED,
                   _("“%s” changed while it was being imported: wait until it is complete, then import it again"),
                   display_name);
      goto out;
    }

  /* Start writing the data back now, without waiting: the stage is made durable
   * as a whole by _reslib_blob_stage_sync(), and a long import never piles up
   * gigabytes of dirty pages. */
  sync_file_range (out, 0, 0, SYNC_FILE_RANGE_WRITE);
  if (close (out) != 0)
    {
      out = -1;
      _reslib_set_error_from_errno (&local_error, errno, tmp_path);
      goto out;
    }
  out = -1;

  reslib_hasher_finish_hex (md, info->sha256);
  info->size = total;

  final_path = g_build_filename (stage->dir, info->sha256, NULL);
  if (rename (tmp_path, final_path) != 0)
    {
      _reslib_set_error_from_errno (&local_error, errno, final_path);
      goto out;
    }
  g_clear_pointer (&tmp_path, g_free);
  {
    guint8 digest[RESLIB_SHA256_SIZE];
    ReslibDigestEntry *entry;

    reslib_digest_from_hex (info->sha256, digest, sizeof digest);
    g_mutex_lock (&stage->mutex);
    entry = reslib_digest_set_add (stage->digests, digest);
    entry->flags |= RESLIB_DIGEST_STAGED;
    entry->size = total;
    g_mutex_unlock (&stage->mutex);
  }
  ok = TRUE;

  if (FALSE)
    {
write_failed:
      _reslib_set_error_from_errno (&local_error, errno, reslib_store_get_data_dir (stage->store));
    }

out:
  if (in >= 0)
    close (in);
  if (out >= 0)
    close (out);
  if (tmp_path != NULL)
    g_unlink (tmp_path);
  if (!ok)
    g_propagate_error (error, g_steal_pointer (&local_error));

  return ok;
}

/*
 * Asks the kernel to start reading the start of the file at @path, which is read next: the disk reads it
 * while the current file is hashed and written, instead of idling between two files (the kernel's
 * read-ahead takes the rest once the file is read). @path is a blob of the store, opened as the tar
 * writer opens it, without the check of reslib_open_input().
 */
void
_reslib_blob_prefetch (const char *path)
{
  int fd = open (path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);

  if (fd < 0)
    return;
  posix_fadvise (fd, 0, PREFETCH_BYTES, POSIX_FADV_WILLNEED);
  close (fd);
}

/* For callers that write and hash a blob themselves (e.g. from a tar): a new
 * empty file in the stage, open for writing. The caller closes the fd and
 * either adopts the file or unlinks it. */
int
_reslib_blob_stage_open_temp (ReslibBlobStage  *stage,
                              char            **tmp_path,
                              GError          **error)
{
  g_autofree char *path = g_build_filename (stage->dir, "import-XXXXXX", NULL);
  int fd = g_mkstemp_full (path, O_WRONLY | O_CLOEXEC, 0600);

  if (fd < 0)
    {
      _reslib_set_error_from_errno (error, errno, reslib_store_get_data_dir (stage->store));
      return -1;
    }
  *tmp_path = g_steal_pointer (&path);

  return fd;
}

/* Names a file written with _reslib_blob_stage_open_temp() after its SHA-256 (@digest, binary), which
 * the caller computed while writing it. Returns its entry in the stage's digests, flagged
 * RESLIB_DIGEST_STAGED. */
ReslibDigestEntry *
_reslib_blob_stage_adopt (ReslibBlobStage *stage,
                          const char      *tmp_path,
                          const guint8    *digest,
                          GError         **error)
{
  char sha256[RESLIB_SHA256_HEX_SIZE];
  g_autofree char *final_path = NULL;
  ReslibDigestEntry *entry;

  reslib_digest_to_hex (digest, RESLIB_SHA256_SIZE, sha256);
  final_path = g_build_filename (stage->dir, sha256, NULL);
  if (rename (tmp_path, final_path) != 0)
    {
      _reslib_set_error_from_errno (error, errno, final_path);
      return NULL;
    }
  g_mutex_lock (&stage->mutex);
  entry = reslib_digest_set_add (stage->digests, digest);
  entry->flags |= RESLIB_DIGEST_STAGED;
  g_mutex_unlock (&stage->mutex);

  return entry;
}

/* Removes the file staged under @digest (binary), which is not to be published after all, and its
 * entry in the stage's digests. */
void
_reslib_blob_stage_discard (ReslibBlobStage *stage,
                            const guint8    *digest)
{
  char sha256[RESLIB_SHA256_HEX_SIZE];
  g_autofree char *path = NULL;
  ReslibDigestEntry *entry;
  gboolean staged;

  g_mutex_lock (&stage->mutex);
  entry = reslib_digest_set_lookup (stage->digests, digest);
  staged = entry != NULL && (entry->flags & RESLIB_DIGEST_STAGED);
  if (entry != NULL)
    reslib_digest_set_remove (stage->digests, digest);
  g_mutex_unlock (&stage->mutex);
  if (!staged)
    return;
  reslib_digest_to_hex (digest, RESLIB_SHA256_SIZE, sha256);
  path = g_build_filename (stage->dir, sha256, NULL);
  g_unlink (path);
}

/* The set of what is staged, which the caller may share to note its own facts of each blob beside
 * (entries without RESLIB_DIGEST_STAGED are not the stage's). Not to be used while another thread
 * copies into the stage. */
ReslibDigestSet *
_reslib_blob_stage_get_digests (ReslibBlobStage *stage)
{
  return stage->digests;
}

/* Where the blob @sha256 (hex) is staged, until the stage is published. */
char *
_reslib_blob_stage_get_path (ReslibBlobStage *stage,
                             const char      *sha256)
{
  return g_build_filename (stage->dir, sha256, NULL);
}

/* Makes everything in the stage durable (data and names) in one flush of the
 * file system, far cheaper than one fsync per file. Called before the rows
 * that name the blobs are committed. */
gboolean
_reslib_blob_stage_sync (ReslibBlobStage *stage,
                         GError         **error)
{
  return sync_filesystem (stage->dir, error);
}

/* Moves one staged file into place unless the store has it already: one renameat2() for most files,
 * which fails when the blob is there already, or when its folder is still to be made. */
static gboolean
publish_one (ReslibStore *store,
             const char  *staged_path,
             const char  *sha256,
             GError     **error)
{
  g_autofree char *final_path = reslib_store_get_blob_path (store, sha256);
  g_autofree char *dir = NULL;

  if (renameat2 (AT_FDCWD, staged_path, AT_FDCWD, final_path, RENAME_NOREPLACE) == 0)
    return TRUE;
  if (errno == EEXIST)
    {
      g_unlink (staged_path);
      return TRUE;
    }
  /* Not ENOENT: a file system without RENAME_NOREPLACE; ENOENT: the folder is missing. */
  if (g_file_test (final_path, G_FILE_TEST_EXISTS))
    {
      g_unlink (staged_path);
      return TRUE;
    }
  dir = g_path_get_dirname (final_path);
  if (!make_dir (dir, error))
    return FALSE;
  if (rename (staged_path, final_path) != 0)
    {
      _reslib_set_error_from_errno (error, errno, final_path);
      return FALSE;
    }

  return TRUE;
}

/* After the rows are committed: moves every staged file into the blob tree.
 * The renames need no flush of their own: until they reach the disk the files
 * are still in the stage, whose data is durable, and the next open finishes
 * the move (_reslib_blobs_recover). */
gboolean
_reslib_blob_stage_publish (ReslibBlobStage *stage,
                            GError         **error)
{
  ReslibDigestIter iter;
  ReslibDigestEntry *entry;

  reslib_digest_iter_init (&iter, stage->digests);
  while ((entry = reslib_digest_iter_next (&iter)) != NULL)
    {
      char sha256[RESLIB_SHA256_HEX_SIZE];
      g_autofree char *staged_path = NULL;

      if (!(entry->flags & RESLIB_DIGEST_STAGED))
        continue;
      reslib_digest_to_hex (entry->digest, RESLIB_SHA256_SIZE, sha256);
      staged_path = g_build_filename (stage->dir, sha256, NULL);
      if (!publish_one (stage->store, staged_path, sha256, error))
        return FALSE;
      entry->flags &= ~RESLIB_DIGEST_STAGED;
    }

  return TRUE;
}

static void
remove_dir_contents (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);
      g_unlink (child);
    }
}

void
_reslib_blob_stage_free (ReslibBlobStage *stage)
{
  if (stage == NULL)
    return;

  if (stage->dir != NULL && stage->lock_fd >= 0)
    {
      remove_dir_contents (stage->dir);
      g_rmdir (stage->dir);
      g_unlink (stage->lock_path);
    }
  if (stage->lock_fd >= 0)
    close (stage->lock_fd);
  g_clear_pointer (&stage->digests, reslib_digest_set_free);
  g_clear_pointer (&stage->store_files, _reslib_store_files_free);
  g_mutex_clear (&stage->mutex);
  g_clear_object (&stage->store);
  g_free (stage->tmp_dir);
  g_free (stage->dir);
  g_free (stage->lock_path);
  g_free (stage);
}

/* Finishes a stage whose owner died: files whose rows were committed are
 * published, everything else is removed. */
static gboolean
recover_stage (ReslibStore *store,
               const char  *dir_path,
               GError     **error)
{
  g_autoptr(GDir) dir = g_dir_open (dir_path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (dir_path, name, NULL);
      g_autoptr(GError) local_error = NULL;

      if (is_sha256_name (name) && reslib_store_has_blob (store, name, &local_error))
        {
          if (!publish_one (store, child, name, error))
            return FALSE;
        }
      else if (local_error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      else
        g_unlink (child);
    }
  g_rmdir (dir_path);

  return TRUE;
}

/*
 * Called when the store opens: finishes or removes what imports that were
 * killed left in blobs/tmp. Stages of live imports (their lock is held) are
 * left alone. Cheap when there is nothing to do.
 */
gboolean
_reslib_blobs_recover (ReslibStore *store,
                       GError     **error)
{
  g_autofree char *tmp_dir = g_build_filename (reslib_store_get_blob_dir (store), "tmp", NULL);
  g_autoptr(GDir) dir = g_dir_open (tmp_dir, 0, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  if (dir == NULL)
    return TRUE;
  while ((name = g_dir_read_name (dir)) != NULL)
    g_ptr_array_add (names, g_strdup (name));

  for (guint i = 0; i < names->len; i++)
    {
      const char *entry = g_ptr_array_index (names, i);
      g_autofree char *path = g_build_filename (tmp_dir, entry, NULL);

      if (g_str_has_suffix (entry, ".lock"))
        {
          g_autofree char *stage_name = g_strndup (entry, strlen (entry) - 5);
          g_autofree char *stage_dir = g_build_filename (tmp_dir, stage_name, NULL);
          int fd = open (path, O_RDWR | O_CLOEXEC);

          if (fd < 0)
            continue;
          if (flock (fd, LOCK_EX | LOCK_NB) == 0)
            {
              gboolean ok = recover_stage (store, stage_dir, error);

              if (ok)
                g_unlink (path);
              close (fd);
              if (!ok)
                return FALSE;
            }
          else
            close (fd);
        }
      else if (g_file_test (path, G_FILE_TEST_IS_DIR))
        {
          g_autofree char *lock = g_strconcat (path, ".lock", NULL);

          /* A stage folder is made after its lock file and removed before it. */
          if (!g_file_test (lock, G_FILE_TEST_EXISTS) && !recover_stage (store, path, error))
            return FALSE;
        }
      else if (g_str_has_suffix (entry, ".lock.new"))
        {
          int fd = open (path, O_RDWR | O_CLOEXEC);

          if (fd >= 0 && flock (fd, LOCK_EX | LOCK_NB) == 0)
            g_unlink (path);
          if (fd >= 0)
            close (fd);
        }
    }

  return TRUE;
}

/**
 * reslib_blob_hash_file:
 *
 * Computes the SHA-256 of a file, e.g. to check a blob against its name.
 */
gboolean
reslib_blob_hash_file (const char   *path,
                       char          sha256[65],
                       guint64      *size,
                       GCancellable *cancellable,
                       GError      **error)
{
  g_autofree guint8 *buffer = NULL;
  g_autoptr(ReslibHasher) md = reslib_hasher_new (RESLIB_DIGEST_SHA256, error);
  guint64 total = 0;
  int fd;

  if (md == NULL)
    return FALSE;
  fd = open (path, O_RDONLY | O_CLOEXEC);
  if (fd < 0)
    return set_read_error (error, errno, path);
  buffer = g_malloc (COPY_BUFFER_SIZE);
  for (;;)
    {
      ssize_t n = read (fd, buffer, COPY_BUFFER_SIZE);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          int saved_errno = errno;
          close (fd);
          return set_read_error (error, saved_errno, path);
        }
      if (n == 0)
        break;
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        {
          close (fd);
          return FALSE;
        }
      reslib_hasher_update (md, buffer, (gsize) n);
      total += (guint64) n;
    }
  close (fd);
  reslib_hasher_finish_hex (md, sha256);
  if (size != NULL)
    *size = total;

  return TRUE;
}
