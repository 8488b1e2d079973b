/* reslib-lms-export.c — a project as an IMS content package (zip) that an LMS such as Moodle opens
 *
 * The zip has imsmanifest.xml at its root (Moodle's mod_imscp reads only that one), one organization for
 * the whole project (Moodle shows only the default one): the project's home page, its courses, their
 * modules and points, and the resources linked to no course under an item of their own. Every container
 * opens a generated index.html that lists what it holds; each resource's file is in resources/ under
 * its portable name (reslib_portable_name(), told apart from the others), which is also its href.
 * Names are UTF-8 with the zip's language-encoding flag (general-purpose bit 11), so Moodle does not
 * guess their encoding. The same store state gives the same bytes: entries in a fixed order, with a
 * fixed time (1980-01-01, the zip format's first day, which no time zone changes), owner and mode.
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

#include "reslib-error.h"
#include "reslib-lms-export.h"
#include "reslib-lms-private.h"
#include "reslib-output.h"
#include "reslib-portable-name.h"
#include "reslib-store-gc.h"

#define COPY_BUFFER_SIZE (1024 * 1024)

struct _ReslibLmsExport
{
  ReslibJob          parent_instance;

  ReslibStore       *store;
  char              *project_id;
  char              *dest_path;
  ReslibOutputFlags  flags;

  /* Results of the last successful run */
  guint64            size;
  guint              n_files;
};

G_DEFINE_FINAL_TYPE (ReslibLmsExport, reslib_lms_export, RESLIB_TYPE_JOB)

/* ---------------------------------------------------------------------------------------------- */
/* The layout                                                                                     */

char *
_reslib_lms_page_path (const char *key)
{
  if (key == NULL)
    return g_strdup (RESLIB_LMS_HOME_PAGE);

  return g_strdup_printf ("pages/%s/index.html", key);
}

static void
content_clear (ReslibLmsContent *content)
{
  _reslib_pack_content_clear (&content->pkg);
  g_clear_pointer (&content->zip_paths, g_hash_table_unref);
  g_clear_pointer (&content->children, g_hash_table_unref);
  g_clear_pointer (&content->node_ids, g_hash_table_unref);
  g_clear_pointer (&content->unlinked, g_ptr_array_unref);
}

static void
layout (ReslibLmsContent *content)
{
  ReslibPackContent *pkg = &content->pkg;
  g_autoptr(ReslibNameSet) names = reslib_name_set_new ();
  g_autoptr(GHashTable) linked = g_hash_table_new (g_direct_hash, g_direct_equal);

  /* File names told apart in the order of the resources' ids, which every store shares. */
  content->zip_paths = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  for (guint i = 0; i < pkg->sorted->len; i++)
    {
      ReslibPackResource *info = g_ptr_array_index (pkg->sorted, i);
      g_autofree char *name = reslib_name_set_add (names, info->file_name);

      g_hash_table_insert (content->zip_paths, info->id, g_strconcat ("resources/", name, NULL));
    }

  /* The course tree: the children of each node, the top nodes keyed by their course. */
  content->node_ids = g_hash_table_new (g_str_hash, g_str_equal);
  content->children = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_ptr_array_unref);
  for (guint i = 0; i < pkg->nodes->len; i++)
    {
      ReslibRecord *node = g_ptr_array_index (pkg->nodes, i);

      g_hash_table_insert (content->node_ids, (gpointer) reslib_record_get_id (node), node);
    }
  for (guint i = 0; i < pkg->nodes->len; i++)
    {
      ReslibRecord *node = g_ptr_array_index (pkg->nodes, i);
      const char *parent = reslib_record_get (node, "parent_id");
      const char *key = parent != NULL && g_hash_table_contains (content->node_ids, parent)
                        ? parent : reslib_record_get (node, "course_id");
      GPtrArray *list = g_hash_table_lookup (content->children, key);

      if (list == NULL)
        {
          list = g_ptr_array_new ();
          g_hash_table_insert (content->children, g_strdup (key), list);
        }
      g_ptr_array_add (list, node);
    }

  /* Resources linked to no node of the project have an item of their own. */
  {
    GHashTableIter iter;
    gpointer key, value;

    g_hash_table_iter_init (&iter, pkg->attached);
    while (g_hash_table_iter_next (&iter, &key, &value))
      if (g_hash_table_contains (content->node_ids, key))
        for (guint i = 0; i < ((GPtrArray *) value)->len; i++)
          g_hash_table_add (linked, g_ptr_array_index ((GPtrArray *) value, i));
  }
  content->unlinked = g_ptr_array_new ();
  for (guint i = 0; i < pkg->resources->len; i++)
    if (!g_hash_table_contains (linked, g_ptr_array_index (pkg->resources, i)))
      g_ptr_array_add (content->unlinked, g_ptr_array_index (pkg->resources, i));
}

/* The keys of every page, in the order they go into the zip: home, courses, then their nodes. */
static void
collect_pages (ReslibLmsContent *content,
               const char       *key,
               GPtrArray        *keys,
               guint             depth)
{
  GPtrArray *children = g_hash_table_lookup (content->children, key);

  if (children == NULL || depth > 64)
    return;
  for (guint i = 0; i < children->len; i++)
    {
      const char *id = reslib_record_get_id (g_ptr_array_index (children, i));

      g_ptr_array_add (keys, (gpointer) id);
      collect_pages (content, id, keys, depth + 1);
    }
}

/* ---------------------------------------------------------------------------------------------- */
/* The zip                                                                                        */

static gboolean
archive_failed (struct archive  *a,
                const char      *path,
                GError         **error)
{
  int saved_errno = archive_errno (a);

  if (saved_errno == ENOSPC || saved_errno == EDQUOT)
    g_set_error (error, RESLIB_ERROR, RESLIB_ERROR_NO_SPACE, _("Could not write “%s”: the disk is full"), path);
  else
    g_set_error (error, RESLIB_ERROR, RESLIB_ERROR_IO, _("Could not write “%s”: %s"), path,
                 archive_error_string (a) != NULL ? archive_error_string (a) : g_strerror (saved_errno));
  return FALSE;
}

/* Text compresses; media, PDFs and office files (themselves zips) are stored as they are. */
static gboolean
worth_compressing (const char *path)
{
  static const char * const text[] = { ".txt", ".html", ".htm", ".xml", ".json", ".csv", ".md", ".svg",
                                       ".css", ".js", ".srt", ".vtt", NULL };
  g_autofree char *lower = g_ascii_strdown (path, -1);

  for (guint i = 0; text[i] != NULL; i++)
    if (g_str_has_suffix (lower, text[i]))
      return TRUE;

  return FALSE;
}

static gboolean
write_header (struct archive  *a,
              const char      *dest_path,
              const char      *path,
              guint64          size,
              GError         **error)
{
  struct archive_entry *entry = archive_entry_new ();
  int rc;

  archive_entry_set_pathname_utf8 (entry, path);
  archive_entry_set_filetype (entry, AE_IFREG);
  archive_entry_set_perm (entry, 0644);
  archive_entry_set_size (entry, (la_int64_t) size);
  archive_entry_set_uid (entry, 0);
  archive_entry_set_gid (entry, 0);
  /* No time set: libarchive then writes the zip's first day (1980-01-01 00:00) in the DOS fields and no
   * extended timestamp, in every time zone. */
  if (worth_compressing (path))
    archive_write_zip_set_compression_deflate (a);
  else
    archive_write_zip_set_compression_store (a);
  rc = archive_write_header (a, entry);
  archive_entry_free (entry);
  if (rc != ARCHIVE_OK)
    return archive_failed (a, dest_path, error);

  return TRUE;
}

static gboolean
write_bytes (struct archive  *a,
             const char      *dest_path,
             const char      *path,
             GBytes          *bytes,
             GError         **error)
{
  gsize len;
  const char *data = g_bytes_get_data (bytes, &len);

  if (!write_header (a, dest_path, path, len, error))
    return FALSE;
  if (len > 0 && archive_write_data (a, data, len) != (la_ssize_t) len)
    return archive_failed (a, dest_path, error);

  return TRUE;
}

/* Copies a resource's blob into the zip, checking its digest on the way: a damaged blob is named. */
static gboolean
write_blob (ReslibLmsExport     *self,
            struct archive      *a,
            ReslibStore         *store,
            ReslibPackResource  *info,
            const char          *path,
            guint8              *buffer,
            ReslibProgress      *progress,
            GCancellable        *cancellable,
            GError             **error)
{
  g_autofree char *blob_path = reslib_store_get_blob_path (store, info->sha256);
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  guint64 total = 0;
  int fd = open (blob_path, O_RDONLY | O_CLOEXEC);

  if (fd < 0 && errno == ENOENT)
    {
      g_autofree char *found = reslib_store_find_blob (store, info->sha256, NULL);

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
  if (!write_header (a, self->dest_path, path, info->size, error))
    {
      close (fd);
      return FALSE;
    }
  progress->current = info->file_name;
  for (;;)
    {
      ssize_t n = read (fd, buffer, COPY_BUFFER_SIZE);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          int saved_errno = errno;

          close (fd);
          _reslib_set_error_from_errno (error, saved_errno, blob_path);
          return FALSE;
        }
      if (n == 0 || total + (guint64) n > info->size)
        break;
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        {
          close (fd);
          return FALSE;
        }
      if (archive_write_data (a, buffer, (size_t) n) != n)
        {
          close (fd);
          return archive_failed (a, self->dest_path, error);
        }
      g_checksum_update (checksum, buffer, (gsize) n);
      total += (guint64) n;
      progress->bytes_done += (guint64) n;
      reslib_job_report (RESLIB_JOB (self), progress, NULL);
    }
  close (fd);
  if (total != info->size || strcmp (g_checksum_get_string (checksum), info->sha256) != 0)
    {
      g_set_error (error, RESLIB_ERROR, RESLIB_ERROR_CORRUPT,
                   _("The stored file of resource %s (“%s”) no longer matches its checksum: the data folder is "
                     "damaged; import the file again"),
                   info->id, info->file_name);
      return FALSE;
    }

  return TRUE;
}

static guint16
get16 (const guint8 *p)
{
  return (guint16) (p[0] | (p[1] << 8));
}

static guint32
get32 (const guint8 *p)
{
  return (guint32) get16 (p) | ((guint32) get16 (p + 2) << 16);
}

static guint64
get64 (const guint8 *p)
{
  return (guint64) get32 (p) | ((guint64) get32 (p + 4) << 32);
}

static gboolean
read_at (int      fd,
         guint8  *buffer,
         gsize    len,
         guint64  offset)
{
  gsize done = 0;

  while (done < len)
    {
      ssize_t n = pread (fd, buffer + done, len - done, (off_t) (offset + done));

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        return FALSE;
      done += (gsize) n;
    }
  return TRUE;
}

static gboolean
write_at (int            fd,
          const guint8  *buffer,
          gsize          len,
          guint64        offset)
{
  gsize done = 0;

  while (done < len)
    {
      ssize_t n = pwrite (fd, buffer + done, len - done, (off_t) (offset + done));

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        return FALSE;
      done += (gsize) n;
    }
  return TRUE;
}

/* libarchive sets the language-encoding flag (general-purpose bit 11) only on names that are not all
 * ASCII. Every name here is UTF-8, so every entry says so, in its local header and in the central
 * directory, as Moodle's own zip writer does (zip_archive::fix_utf8_flags): a reader that goes by the
 * flag then never guesses. The zip is the one just written, without a comment; ZIP64 is followed. */
static gboolean
flag_utf8_names (int          fd,
                 const char  *path,
                 GError     **error)
{
  guint8 tail[22 + 20];
  guint8 eocd64[56];
  g_autofree guint8 *cd = NULL;
  guint64 end, entries, cd_size, cd_offset, at = 0;
  off_t size = lseek (fd, 0, SEEK_END);

  if (size < (off_t) sizeof tail)
    goto corrupt;
  end = (guint64) size;
  if (!read_at (fd, tail, sizeof tail, end - sizeof tail) || get32 (tail + 20) != 0x06054b50)
    goto corrupt;
  entries = get16 (tail + 20 + 10);
  cd_size = get32 (tail + 20 + 12);
  cd_offset = get32 (tail + 20 + 16);
  if (entries == 0xffff || cd_size == 0xffffffff || cd_offset == 0xffffffff)
    {
      /* The ZIP64 end of central directory, through its locator just before the end record. */
      if (get32 (tail) != 0x07064b50 || !read_at (fd, eocd64, sizeof eocd64, get64 (tail + 8)) ||
          get32 (eocd64) != 0x06064b50)
        goto corrupt;
      entries = get64 (eocd64 + 32);
      cd_size = get64 (eocd64 + 40);
      cd_offset = get64 (eocd64 + 48);
    }
  if (cd_offset + cd_size > end || cd_size > G_MAXSIZE / 2)
    goto corrupt;
  cd = g_malloc (cd_size);
  if (!read_at (fd, cd, cd_size, cd_offset))
    goto corrupt;
  for (guint64 i = 0; i < entries; i++)
    {
      guint8 local[30];
      guint8 *c = cd + at;
      guint16 name_len, extra_len, comment_len, flags;
      guint64 local_offset;

      if (at + 46 > cd_size || get32 (c) != 0x02014b50)
        goto corrupt;
      name_len = get16 (c + 28);
      extra_len = get16 (c + 30);
      comment_len = get16 (c + 32);
      if (at + 46 + name_len + extra_len + comment_len > cd_size)
        goto corrupt;
      local_offset = get32 (c + 42);
      if (local_offset == 0xffffffff)
        {
          /* In the ZIP64 extra field, after the sizes that are 0xffffffff in the header. */
          const guint8 *x = c + 46 + name_len;
          const guint8 *x_end = x + extra_len;

          while (x + 4 <= x_end && get16 (x) != 0x0001)
            x += 4 + get16 (x + 2);
          if (x + 4 > x_end)
            goto corrupt;
          x += 4 + (get32 (c + 24) == 0xffffffff ? 8 : 0) + (get32 (c + 20) == 0xffffffff ? 8 : 0);
          if (x + 8 > x_end)
            goto corrupt;
          local_offset = get64 (x);
        }
      if (!read_at (fd, local, sizeof local, local_offset) || get32 (local) != 0x04034b50)
        goto corrupt;
      flags = get16 (local + 6) | 0x0800;
      local[6] = (guint8) (flags & 0xff);
      local[7] = (guint8) (flags >> 8);
      if (!write_at (fd, local + 6, 2, local_offset + 6))
        goto failed;
      flags = get16 (c + 8) | 0x0800;
      c[8] = (guint8) (flags & 0xff);
      c[9] = (guint8) (flags >> 8);
      at += 46 + name_len + extra_len + comment_len;
    }
  if (!write_at (fd, cd, cd_size, cd_offset))
    goto failed;

  return TRUE;

failed:
  _reslib_set_error_from_errno (error, errno != 0 ? errno : EIO, path);
  return FALSE;

corrupt:
  g_set_error (error, RESLIB_ERROR, RESLIB_ERROR_IO,
               _("Could not write “%s”: the zip just written cannot be read back"), path);
  return FALSE;
}

static gboolean
write_zip (ReslibLmsExport   *self,
           ReslibLmsContent  *content,
           ReslibStore       *store,
           int                fd,
           GCancellable      *cancellable,
           GError           **error)
{
  ReslibPackContent *pkg = &content->pkg;
  struct archive *a = archive_write_new ();
  g_autoptr(GPtrArray) pages = g_ptr_array_new ();
  g_autoptr(GBytes) manifest = NULL;
  g_autofree guint8 *buffer = NULL;
  ReslibProgress progress = { 0 };
  gboolean ok = FALSE;

  /* Every page: home, each course and the nodes under it, the resources linked to nothing. */
  g_ptr_array_add (pages, NULL);
  for (guint i = 0; i < pkg->courses->len; i++)
    {
      const char *id = reslib_record_get_id (g_ptr_array_index (pkg->courses, i));

      g_ptr_array_add (pages, (gpointer) id);
      collect_pages (content, id, pages, 0);
    }
  if (content->unlinked->len > 0)
    g_ptr_array_add (pages, (gpointer) RESLIB_LMS_UNLINKED_KEY);

  progress.files_total = 1 + pages->len + pkg->sorted->len;
  for (guint i = 0; i < pkg->resources->len; i++)
    progress.bytes_total += ((ReslibPackResource *) g_ptr_array_index (pkg->resources, i))->size;
  reslib_job_report (RESLIB_JOB (self), &progress, NULL);

  manifest = _reslib_lms_build_manifest (content, error);
  if (manifest == NULL)
    goto out;

  archive_write_set_format_zip (a);
  /* Names in UTF-8, flagged as such (bit 11), whatever the process's locale. */
  if (archive_write_set_options (a, "zip:hdrcharset=UTF-8") != ARCHIVE_OK ||
      archive_write_set_bytes_in_last_block (a, 1) != ARCHIVE_OK ||
      archive_write_open_fd (a, fd) != ARCHIVE_OK)
    {
      archive_failed (a, self->dest_path, error);
      goto out;
    }

  if (!write_bytes (a, self->dest_path, "imsmanifest.xml", manifest, error))
    goto out;
  progress.files_done++;
  for (guint i = 0; i < pages->len; i++)
    {
      const char *key = g_ptr_array_index (pages, i);
      g_autoptr(GBytes) page = _reslib_lms_build_page (content, key, error);
      g_autofree char *path = _reslib_lms_page_path (key);

      if (page == NULL || !write_bytes (a, self->dest_path, path, page, error))
        goto out;
      progress.files_done++;
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        goto out;
    }
  reslib_job_report (RESLIB_JOB (self), &progress, NULL);

  buffer = g_malloc (COPY_BUFFER_SIZE);
  for (guint i = 0; i < pkg->sorted->len; i++)
    {
      ReslibPackResource *info = g_ptr_array_index (pkg->sorted, i);

      if (!write_blob (self, a, store, info, g_hash_table_lookup (content->zip_paths, info->id), buffer, &progress,
                       cancellable, error))
        goto out;
      progress.files_done++;
      reslib_job_report (RESLIB_JOB (self), &progress, NULL);
    }

  if (archive_write_close (a) != ARCHIVE_OK)
    {
      archive_failed (a, self->dest_path, error);
      goto out;
    }
  self->n_files = progress.files_done;
  progress.current = NULL;
  reslib_job_report (RESLIB_JOB (self), &progress, NULL);
  ok = TRUE;

out:
  archive_write_free (a);
  return ok;
}

static gboolean
export (ReslibLmsExport  *self,
        ReslibStore      *store,
        GCancellable     *cancellable,
        GError          **error)
{
  ReslibLmsContent content = { 0 };
  ReslibOutputTemp temp = { NULL, NULL, -1, -1, RESLIB_OUTPUT_NONE };
  ReslibUtf8Locale locale = { 0 };
  gboolean ok = FALSE;
  off_t end;
  int fd;

  if (!reslib_output_check (store, self->dest_path, self->flags, error))
    return FALSE;
  content.pkg.store = store;
  content.pkg.project_id = g_strdup (self->project_id);
  content.pkg.kind = g_strdup ("progress");   /* the whole project */
  content.pkg.dest_path = self->dest_path;
  content.pkg.sent_fd = -1;
  if (!_reslib_pack_gather (&content.pkg, NULL, cancellable, error))
    goto out;
  layout (&content);
  if (!_reslib_output_temp_open (&temp, self->dest_path, self->flags, error))
    goto out;

  _reslib_utf8_locale_enter (&locale);
  ok = write_zip (self, &content, store, temp.fd, cancellable, error);
  _reslib_utf8_locale_leave (&locale);
  if (!ok || !flag_utf8_names (temp.fd, self->dest_path, error))
    {
      ok = FALSE;
      goto out;
    }
  ok = FALSE;
  /* On disk before it has its name: never a name on a half-written file, even after a crash. */
  end = lseek (temp.fd, 0, SEEK_END);
  if (end < 0 || fdatasync (temp.fd) != 0)
    {
      _reslib_set_error_from_errno (error, errno, temp.temp_path);
      goto out;
    }
  /* Closed before the rename; the temporary file stays locked through temp.lock_fd. */
  fd = temp.fd;
  temp.fd = -1;
  if (close (fd) != 0)
    {
      _reslib_set_error_from_errno (error, errno, temp.temp_path);
      goto out;
    }
  if (g_cancellable_set_error_if_cancelled (cancellable, error) ||
      !_reslib_output_temp_commit (&temp, error))
    goto out;
  self->size = (guint64) end;
  ok = TRUE;

out:
  /* Removes the temporary file unless it became the export. */
  _reslib_output_temp_clear (&temp);
  content_clear (&content);
  return ok;
}

static gboolean
reslib_lms_export_run (ReslibJob     *job,
                       GCancellable  *cancellable,
                       GError       **error)
{
  ReslibLmsExport *self = RESLIB_LMS_EXPORT (job);
  g_autoptr(ReslibStore) own = NULL;

  self->size = 0;
  self->n_files = 0;
  if (self->dest_path == NULL)
    {
      g_set_error_literal (error, RESLIB_ERROR, RESLIB_ERROR_INVALID, _("No file was given to write the export to"));
      return FALSE;
    }
  /* In a worker, a connection of its own: the caller's thread keeps using its store meanwhile. */
  if (reslib_job_in_worker (job))
    {
      own = reslib_store_reopen (self->store, error);
      if (own == NULL)
        return FALSE;
    }

  return export (self, own != NULL ? own : self->store, cancellable, error);
}

static void
reslib_lms_export_finalize (GObject *object)
{
  ReslibLmsExport *self = RESLIB_LMS_EXPORT (object);

  g_clear_object (&self->store);
  g_free (self->project_id);
  g_free (self->dest_path);

  G_OBJECT_CLASS (reslib_lms_export_parent_class)->finalize (object);
}

static void
reslib_lms_export_class_init (ReslibLmsExportClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = reslib_lms_export_finalize;
  RESLIB_JOB_CLASS (klass)->run = reslib_lms_export_run;
}

static void
reslib_lms_export_init (ReslibLmsExport *self)
{
}

/**
 * reslib_lms_export_new:
 * @store: the store
 * @project_id: the full id of the project
 *
 * A job that writes the project as an IMS content package (IMS CP 1.1.4 with IMS LOM 1.2 metadata) in a
 * zip, to the file given with reslib_lms_export_set_destination(): the courses, modules and points as a
 * tree whose every container opens a generated page, and every resource's file with its description,
 * keywords, authors, format, size, type and rights. The zip is written next to the destination under a
 * temporary name, synced and renamed; on failure or cancellation nothing is left. Progress counts the
 * resources' bytes and the files written.
 *
 * Returns: (transfer full): a new export job
 */
ReslibLmsExport *
reslib_lms_export_new (ReslibStore *store,
                       const char  *project_id)
{
  ReslibLmsExport *self;

  g_return_val_if_fail (RESLIB_IS_STORE (store), NULL);
  g_return_val_if_fail (project_id != NULL, NULL);

  self = g_object_new (RESLIB_TYPE_LMS_EXPORT, "title", _("Exporting for an LMS"), NULL);
  self->store = g_object_ref (store);
  self->project_id = g_strdup (project_id);

  return self;
}

/**
 * reslib_lms_export_set_destination:
 * @path: the zip file to write
 * @flags: %RESLIB_OUTPUT_REPLACE to replace @path when it exists (the user agreed); else it must not exist
 */
void
reslib_lms_export_set_destination (ReslibLmsExport   *self,
                                   const char        *path,
                                   ReslibOutputFlags  flags)
{
  g_return_if_fail (RESLIB_IS_LMS_EXPORT (self));
  g_return_if_fail (path != NULL);
  g_return_if_fail (!reslib_job_get_busy (RESLIB_JOB (self)));

  g_free (self->dest_path);
  self->dest_path = g_strdup (path);
  self->flags = flags;
}

/**
 * reslib_lms_export_get_path:
 *
 * Returns: (transfer none) (nullable): the file the export is written to
 */
const char *
reslib_lms_export_get_path (ReslibLmsExport *self)
{
  g_return_val_if_fail (RESLIB_IS_LMS_EXPORT (self), NULL);

  return self->dest_path;
}

/**
 * reslib_lms_export_get_size:
 *
 * Returns: after a successful run, the size of the zip in bytes; else 0
 */
guint64
reslib_lms_export_get_size (ReslibLmsExport *self)
{
  g_return_val_if_fail (RESLIB_IS_LMS_EXPORT (self), 0);

  return self->size;
}

/**
 * reslib_lms_export_get_n_files:
 *
 * Returns: after a successful run, the number of files in the zip (the manifest, the pages and the
 *   resources' files); else 0
 */
guint
reslib_lms_export_get_n_files (ReslibLmsExport *self)
{
  g_return_val_if_fail (RESLIB_IS_LMS_EXPORT (self), 0);

  return self->n_files;
}
