/* reslib-package-import-stage.c — a package's files staged into the blobs, outside any transaction
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <archive.h>
#include <archive_entry.h>
#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#include "reslib-digest.h"
#include "reslib-error.h"
#include "reslib-file-util.h"
#include "reslib-package-import-private.h"
#include "reslib-store-import-rows.h"
#include "reslib-text.h"

/* Files of at least this size are written back as soon as they are staged (sink_end()). */
#define WRITE_BACK_MIN (256 * 1024)

/* Read from the tar 1 MiB at a time; written in pieces of 64 KiB (reslib_write_new_file()). */
/* The package is read 1 MiB at a time; a blob is written in pieces of 64 KiB (reslib_write_new_file ()). */
#define READ_BUFFER_SIZE (1024 * 1024)

/* Notes that the store has the blob @digest. */
static void
add_present (ReslibPackageImport *im,
             const guint8        *digest)
{
  reslib_digest_set_add (im->blobs, digest)->flags |= RESLIB_DIGEST_PRESENT;
}

/* Whether the store has the blob @digest (binary). */
static gboolean
store_has_blob (ReslibPackageImport *im,
                const guint8        *digest,
                GError             **error)
{
  char sha256[RESLIB_SHA256_HEX_SIZE];

  reslib_digest_to_hex (digest, RESLIB_SHA256_SIZE, sha256);

  return reslib_store_has_blob (im->store, sha256, error);
}

/* The type of a file, from its name and first bytes. */
static const char *
sniff_mime (const char   *rel,
            const guint8 *head,
            gsize         head_len)
{
  g_autofree char *name = g_path_get_basename (rel);
  g_autofree char *content_type = g_content_type_guess (name, head, head_len, NULL);
  g_autofree char *mime = g_content_type_get_mime_type (content_type);

  return g_intern_string (mime != NULL ? mime : "application/octet-stream");
}

/* Tells the progress of staging the files: at most ten times a second, and when a file starts. */
void
_reslib_import_progress (ReslibPackageImport *im,
                         const char          *current,
                         gboolean             now)
{
  gint64 t = g_get_monotonic_time ();
  g_autofree char *message = NULL;

  if (im->job == NULL || (!now && t - im->progress_at < G_USEC_PER_SEC / 10))
    return;
  im->progress_at = t;
  im->progress.current = current;
  if (current != NULL)
    /* Translators: while a package is imported: the file being copied into the library */
    message = g_strdup_printf (_("Importing %s"), current);
  reslib_job_report (im->job, &im->progress, message);
}

static struct archive *
open_tar (const char  *path,
          int         *fd_out,
          GError     **error)
{
  struct archive *a;
  int fd = open (path, O_RDONLY | O_CLOEXEC);

  if (fd < 0)
    {
      _reslib_set_error_from_errno (error, errno, path);
      return NULL;
    }
  a = archive_read_new ();
  archive_read_support_format_tar (a);
  if (archive_read_open_fd (a, fd, 64 * 1024) != ARCHIVE_OK)
    {
      g_set_error (error, RESLIB_ERROR, RESLIB_ERROR_BAD_FILE, _("Could not read “%s”: %s"), path,
                   archive_error_string (a) != NULL ? archive_error_string (a) : "");
      archive_read_free (a);
      close (fd);
      return NULL;
    }
  *fd_out = fd;

  return a;
}

/* The entry's path inside the bag, without the top-level folder. */
static const char *
bag_path (struct archive_entry *entry)
{
  const char *name = archive_entry_pathname_utf8 (entry);
  const char *slash;

  if (name == NULL)
    name = archive_entry_pathname (entry);
  if (name == NULL)
    return NULL;
  slash = strchr (name, '/');

  return slash != NULL ? slash + 1 : NULL;
}

static gboolean
tar_error (struct archive *a,
           const char     *path,
           GError        **error)
{
  g_set_error (error, RESLIB_ERROR, RESLIB_ERROR_BAD_FILE, _("Could not read “%s”: %s"), path,
               archive_error_string (a) != NULL ? archive_error_string (a) : _("read error"));
  return FALSE;
}

/* Streams one tar entry into the stage while hashing it; its hash and size must be @expected's.
 * Never writes more than that size. Its entry in the stage's digests gets its size and the type sniffed
 * from its name and first bytes. */
static gboolean
stage_entry (ReslibPackageImport      *im,
             struct archive           *a,
             const char               *rel,
             const ReslibManifestFile *expected,
             guint8                   *buffer,
             GCancellable             *cancellable,
             GError                  **error)
{
  guint8 head[RESLIB_SNIFF_SIZE];
  gsize head_len = 0;
  g_autofree char *tmp_path = NULL;
  g_autoptr(ReslibHasher) md = reslib_hasher_new (RESLIB_DIGEST_SHA256, error);
  guint8 digest[RESLIB_SHA256_SIZE];
  guint64 size = 0;
  ReslibDigestEntry *entry;
  gboolean ok = FALSE;
  int fd;

  if (md == NULL)
    return FALSE;
  fd = _reslib_blob_stage_open_temp (im->stage, &tmp_path, error);
  if (fd < 0)
    return FALSE;
  for (;;)
    {
      la_ssize_t n;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        goto out;
      n = archive_read_data (a, buffer, READ_BUFFER_SIZE);
      if (n < 0)
        {
          tar_error (a, im->path, error);
          goto out;
        }
      if (n == 0)
        break;
      size += (guint64) n;
      if (size > expected->size)
        break;
      if (head_len < sizeof head)
        {
          gsize take = MIN ((gsize) n, sizeof head - head_len);

          memcpy (head + head_len, buffer, take);
          head_len += take;
        }
      im->progress.bytes_done += (guint64) n;
      _reslib_import_progress (im, rel, FALSE);
      reslib_hasher_update (md, buffer, (gsize) n);
      if (!reslib_write_new_file (fd, buffer, (gsize) n))
        {
          _reslib_set_error_from_errno (error, errno, reslib_store_get_data_dir (im->store));
          goto out;
        }
    }
  if (close (fd) != 0)
    {
      fd = -1;
      _reslib_set_error_from_errno (error, errno, tmp_path);
      goto out;
    }
  fd = -1;
  reslib_hasher_finish (md, digest);
  if (size != expected->size || memcmp (digest, expected->sha256, sizeof digest) != 0)
    {
      g_autofree char *shown = reslib_escape_text (rel);

      g_set_error (error, RESLIB_ERROR, RESLIB_ERROR_CHANGED,
                   _("“%s” in “%s” does not match its checksum: the package changed while it was imported"),
                   shown, im->path);
      goto out;
    }
  entry = _reslib_blob_stage_adopt (im->stage, tmp_path, digest, error);
  if (entry == NULL)
    goto out;
  g_clear_pointer (&tmp_path, g_free);
  entry->size = size;
  entry->mime = sniff_mime (rel, head, head_len);
  ok = TRUE;

out:
  if (fd >= 0)
    close (fd);
  if (tmp_path != NULL)
    g_unlink (tmp_path);

  return ok;
}

/* ---------------------------------------------------------------------------------------------- */
/* Staging while verify reads the package                                                          */

/* A payload file starts: it is staged unless manifest.json, read before it, says it is no resource's file,
 * or its blob is in the store or staged already; before manifest.json, anything under data/resources/ is
 * staged (a resource's file is nowhere else). Its bytes count as done either way. */
static gboolean
sink_begin (gpointer                  data,
            const char               *rel,
            gboolean                  known,
            const ReslibManifestFile *listed,
            gboolean                 *wanted,
            GError                  **error)
{
  ReslibPackageImport *im = data;

  *wanted = FALSE;
  im->sink_checked = FALSE;
  if (known)
    {
      g_autoptr(GError) local_error = NULL;

      if (listed == NULL)
        return TRUE;
      if (reslib_digest_set_lookup (im->blobs, listed->sha256) != NULL)
        {
          im->progress.bytes_done += listed->size;
          return TRUE;
        }
      if (store_has_blob (im, listed->sha256, &local_error))
        {
          /* What the file holds is checked by verify: a package whose file is not the one listed fails. */
          add_present (im, listed->sha256);
          im->progress.bytes_done += listed->size;
          im->progress.files_done++;
          return TRUE;
        }
      if (local_error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      im->sink_checked = TRUE;
    }
  else if (!g_str_has_prefix (rel, "data/resources/"))
    return TRUE;
  im->sink_fd = _reslib_blob_stage_open_temp (im->stage, &im->sink_tmp, error);
  if (im->sink_fd < 0)
    return FALSE;
  if (im->sink_head == NULL)
    im->sink_head = g_malloc (RESLIB_SNIFF_SIZE);
  im->sink_head_len = 0;
  _reslib_import_progress (im, rel, TRUE);
  *wanted = TRUE;

  return TRUE;
}

static gboolean
sink_block (gpointer     data,
            const void  *block,
            gsize        len,
            GError     **error)
{
  ReslibPackageImport *im = data;

  if (im->sink_head_len < RESLIB_SNIFF_SIZE)
    {
      gsize take = MIN (len, RESLIB_SNIFF_SIZE - im->sink_head_len);

      memcpy (im->sink_head + im->sink_head_len, block, take);
      im->sink_head_len += take;
    }
  if (!reslib_write_new_file (im->sink_fd, block, len))
    {
      _reslib_set_error_from_errno (error, errno, reslib_store_get_data_dir (im->store));
      return FALSE;
    }
  im->progress.bytes_done += len;
  _reslib_import_progress (im, NULL, FALSE);

  return TRUE;
}

/* Forgets the file being staged, if any. */
void
_reslib_import_sink_clear (ReslibPackageImport *im)
{
  if (im->sink_fd >= 0)
    close (im->sink_fd);
  im->sink_fd = -1;
  if (im->sink_tmp != NULL)
    g_unlink (im->sink_tmp);
  g_clear_pointer (&im->sink_tmp, g_free);
}

static void
sink_discard (gpointer data)
{
  _reslib_import_sink_clear (data);
}

/* The file was read whole: its temporary file is named after the digest verify took (what is staged is
 * what was hashed), unless the blob is staged already or in the store. */
static gboolean
sink_end (gpointer       data,
          const char    *rel,
          const guint8  *digest,
          guint64        size,
          GError       **error)
{
  ReslibPackageImport *im = data;
  g_autoptr(GError) local_error = NULL;
  ReslibDigestEntry *blob;
  int fd = im->sink_fd;

  im->sink_fd = -1;
  /* A big file is written back now, without waiting, so that dirty pages do not pile up; small ones are left
   * to the stage's one syncfs before the rows are written, which writes them back together rather than as an
   * I/O request each. */
  if (size >= WRITE_BACK_MIN)
    sync_file_range (fd, 0, 0, SYNC_FILE_RANGE_WRITE);
  if (close (fd) != 0)
    {
      _reslib_set_error_from_errno (error, errno, im->sink_tmp);
      _reslib_import_sink_clear (im);
      return FALSE;
    }
  im->progress.files_done++;
  if (reslib_digest_set_lookup (im->blobs, digest) != NULL)
    {
      _reslib_import_sink_clear (im);
      return TRUE;
    }
  if (!im->sink_checked && store_has_blob (im, digest, &local_error))
    {
      add_present (im, digest);
      _reslib_import_sink_clear (im);
      return TRUE;
    }
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      _reslib_import_sink_clear (im);
      return FALSE;
    }
  blob = _reslib_blob_stage_adopt (im->stage, im->sink_tmp, digest, error);
  if (blob == NULL)
    {
      _reslib_import_sink_clear (im);
      return FALSE;
    }
  g_clear_pointer (&im->sink_tmp, g_free);
  blob->size = size;
  blob->mime = sniff_mime (rel, im->sink_head, im->sink_head_len);

  return TRUE;
}

const ReslibBagDataSink _reslib_import_sink = {
  sink_begin,
  sink_block,
  sink_end,
  sink_discard,
};

/* After verify staged what it read and the package's files are known (im->blob_sizes): what was staged and
 * is no file of a resource (a payload file that came before manifest.json) is removed. Returns whether
 * every file of the package is staged or in the store, so that the package need not be read again. */
gboolean
_reslib_import_keep_staged (ReslibPackageImport *im)
{
  ReslibDigestIter iter;
  ReslibDigestEntry *blob;

  reslib_digest_iter_init (&iter, im->blobs);
  while ((blob = reslib_digest_iter_next (&iter)) != NULL)
    if (!g_hash_table_contains (im->blob_sizes, blob->digest))
      {
        if (blob->flags & RESLIB_DIGEST_STAGED)
          _reslib_blob_stage_discard (im->stage, blob->digest);
        else
          reslib_digest_set_remove (im->blobs, blob->digest);
      }

  return reslib_digest_set_size (im->blobs) == g_hash_table_size (im->blob_sizes);
}

/* A second pass, outside any transaction, when verify did not stage every file (the package was verified by
 * an earlier run, a preview say): stages the files whose blob the store lacks, hashed and checked. Other
 * connections write meanwhile; the blob rows are added with the records, in _reslib_import_add_blob_rows (). */
gboolean
_reslib_import_stage_blobs (ReslibPackageImport *im,
                            GCancellable        *cancellable,
                            GError             **error)
{
  g_autofree guint8 *buffer = g_malloc (READ_BUFFER_SIZE);
  struct archive *a;
  struct archive_entry *entry;
  gboolean ok = FALSE;
  int fd = -1;

  a = open_tar (im->path, &fd, error);
  if (a == NULL)
    return FALSE;
  for (;;)
    {
      int rc = archive_read_next_header (a, &entry);
      const char *rel;
      const ReslibManifestFile *file;
      g_autoptr(GError) local_error = NULL;

      if (rc == ARCHIVE_EOF)
        break;
      if (rc < ARCHIVE_WARN)
        {
          tar_error (a, im->path, error);
          goto out;
        }
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        goto out;
      rel = bag_path (entry);
      if (rel == NULL || archive_entry_filetype (entry) != AE_IFREG ||
          (file = _reslib_manifest_index_file (&im->index, rel)) == NULL ||
          reslib_digest_set_lookup (im->blobs, file->sha256) != NULL)
        continue;
      if (archive_entry_sparse_count (entry) > 0 || archive_entry_size (entry) != (la_int64_t) file->size)
        {
          g_set_error (error, RESLIB_ERROR, RESLIB_ERROR_CHANGED,
                       _("“%s” changed while it was being imported: import it again once it is complete"), im->path);
          goto out;
        }
      _reslib_import_progress (im, rel, TRUE);
      if (store_has_blob (im, file->sha256, &local_error))
        {
          add_present (im, file->sha256);
          im->progress.bytes_done += file->size;
          im->progress.files_done++;
          continue;
        }
      if (local_error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          goto out;
        }
      if (!stage_entry (im, a, rel, file, buffer, cancellable, error))
        goto out;
      im->progress.files_done++;
    }
  if (reslib_digest_set_size (im->blobs) != g_hash_table_size (im->blob_sizes))
    {
      g_set_error (error, RESLIB_ERROR, RESLIB_ERROR_CHANGED,
                   _("“%s” lacks files its manifest names: the package changed while it was imported"), im->path);
      goto out;
    }
  ok = TRUE;

out:
  archive_read_free (a);
  close (fd);

  return ok;
}

/* Writes the rows of the @n staged blobs of @hex, @sizes and @mimes, and counts them. */
static gboolean
add_staged_rows (ReslibPackageImport *im,
                 char                 hex[][RESLIB_SHA256_HEX_SIZE],
                 const guint64       *sizes,
                 const char         **mimes,
                 guint                n,
                 GError             **error)
{
  const char *sha256s[RESLIB_STORE_IMPORT_ROWS_MAX];
  guint added = 0;

  for (guint i = 0; i < n; i++)
    sha256s[i] = hex[i];
  if (!_reslib_store_add_blobs (im->store, sha256s, sizes, mimes, n, &added, error))
    return FALSE;
  im->report->blobs_added += added;
  im->report->blobs_present += n - added;

  return TRUE;
}

static int
compare_entries (gconstpointer a,
                 gconstpointer b)
{
  const ReslibDigestEntry *x = *(ReslibDigestEntry * const *) a;
  const ReslibDigestEntry *y = *(ReslibDigestEntry * const *) b;

  return memcmp (x->digest, y->digest, RESLIB_SHA256_SIZE);
}

/* In the transaction: a row for each blob staged, written many to a statement, and every other blob the
 * package needs still there. The blobs go in the order of their digests, the blobs table's key: each page
 * of its index is then written once, where the order of the package makes every row land on a page of
 * its own, read back and written again for each row once the index outgrows SQLite's page cache. */
gboolean
_reslib_import_add_blob_rows (ReslibPackageImport *im,
                              GError             **error)
{
  char hex[RESLIB_STORE_IMPORT_ROWS_MAX][RESLIB_SHA256_HEX_SIZE];
  guint64 sizes[RESLIB_STORE_IMPORT_ROWS_MAX];
  const char *mimes[RESLIB_STORE_IMPORT_ROWS_MAX];
  guint n = 0;
  ReslibDigestIter iter;
  ReslibDigestEntry *blob;
  g_autoptr(GPtrArray) sorted = g_ptr_array_sized_new (reslib_digest_set_size (im->blobs));

  reslib_digest_iter_init (&iter, im->blobs);
  while ((blob = reslib_digest_iter_next (&iter)) != NULL)
    g_ptr_array_add (sorted, blob);
  g_ptr_array_sort (sorted, compare_entries);
  for (guint i = 0; i < sorted->len; i++)
    {
      char sha256[RESLIB_SHA256_HEX_SIZE];
      g_autoptr(GError) local_error = NULL;

      blob = g_ptr_array_index (sorted, i);
      if (blob->flags & RESLIB_DIGEST_STAGED)
        {
          reslib_digest_to_hex (blob->digest, RESLIB_SHA256_SIZE, hex[n]);
          sizes[n] = blob->size;
          mimes[n] = blob->mime != NULL ? blob->mime : "application/octet-stream";
          if (++n == RESLIB_STORE_IMPORT_ROWS_MAX)
            {
              if (!add_staged_rows (im, hex, sizes, mimes, n, error))
                return FALSE;
              n = 0;
            }
          continue;
        }
      reslib_digest_to_hex (blob->digest, RESLIB_SHA256_SIZE, sha256);
      if (!reslib_store_has_blob (im->store, sha256, &local_error))
        {
          if (local_error != NULL)
            g_propagate_error (error, g_steal_pointer (&local_error));
          else
            g_set_error (error, RESLIB_ERROR, RESLIB_ERROR_CHANGED,
                         _("A file of the library was removed while “%s” was imported: import it again"),
                         im->path);
          return FALSE;
        }
      im->report->blobs_present++;
    }

  return add_staged_rows (im, hex, sizes, mimes, n, error);
}
