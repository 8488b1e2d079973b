/* reslib-bag-reader.c — reading a package's tar once, without extracting it
 *
 * Every entry's name is checked (one top-level folder, no absolute paths, no "..", no two names
 * that differ only by case or normalisation), its data hashed, the tag files kept below their
 * own limits, and data/manifest.json read by the one strict reader (reslib-package-manifest.c).
 * What verify keeps in memory, whatever the package: one copy of each entry's name (at most
 * RESLIB_PACKAGE_MAX_NAMES_SIZE bytes in all) and a few dozen bytes per entry, the tag files
 * below their own limits, and the manifest's index.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <archive.h>
#include <archive_entry.h>
#include <glib/gi18n-lib.h>
#include <string.h>

#include "reslib-digest.h"
#include "reslib-package-private.h"
#include "reslib-text.h"

#define MAX_BAGIT_SIZE         (4 * 1024)
#define MAX_BAG_INFO_SIZE      (1024 * 1024)
#define MAX_TAG_MANIFEST_SIZE  (64 * 1024)

void
_reslib_bag_problem (ReslibBagReader   *v,
                     const char *format,
                     ...)
{
  va_list ap;

  if (v->problems->len == RESLIB_PACKAGE_MAX_PROBLEMS)
    g_ptr_array_add (v->problems, g_strdup (_("… and more problems")));
  if (v->problems->len > RESLIB_PACKAGE_MAX_PROBLEMS)
    return;
  va_start (ap, format);
  g_ptr_array_add (v->problems, g_strdup_vprintf (format, ap));
  va_end (ap);
}

static gboolean
is_tag_file (const char *rel)
{
  return strchr (rel, '/') == NULL &&
         (strcmp (rel, "bagit.txt") == 0 || strcmp (rel, "bag-info.txt") == 0 || strcmp (rel, "fetch.txt") == 0 ||
          (g_str_has_prefix (rel, "manifest-") && g_str_has_suffix (rel, ".txt")) ||
          (g_str_has_prefix (rel, "tagmanifest-") && g_str_has_suffix (rel, ".txt")));
}

/* How large a tag file verify reads into memory may be; 0 for the ones it only hashes. */
static guint64
kept_size_limit (const char *rel)
{
  if (strcmp (rel, "bagit.txt") == 0)
    return MAX_BAGIT_SIZE;
  if (strcmp (rel, "bag-info.txt") == 0)
    return MAX_BAG_INFO_SIZE;
  if (strcmp (rel, "manifest-sha256.txt") == 0)
    return RESLIB_PACKAGE_MAX_TAG_SIZE;
  if (strcmp (rel, "tagmanifest-sha256.txt") == 0)
    return MAX_TAG_MANIFEST_SIZE;

  return 0;
}

/* Checks a name taken from the tar; returns the name inside the bag (borrowed), or NULL after noting a problem. */
static const char *
check_entry_name (ReslibBagReader *v,
                  const char      *raw,
                  gboolean         is_dir)
{
  g_autofree char *name = NULL;
  g_autofree char *shown = NULL;
  g_autofree char *nfc = NULL;
  g_autofree char *folded = NULL;
  const char *first_name;
  const char *kept;
  const char *slash;
  gsize len;

  if (raw == NULL || *raw == '\0')
    {
      _reslib_bag_problem (v, _("An entry has no name"));
      return NULL;
    }
  len = strlen (raw);
  if (len > RESLIB_PACKAGE_MAX_PATH)
    {
      _reslib_bag_problem (v, _("An entry’s name is longer than %d bytes"), RESLIB_PACKAGE_MAX_PATH);
      return NULL;
    }
  shown = reslib_escape_text (raw);
  if (!g_utf8_validate (raw, -1, NULL))
    {
      _reslib_bag_problem (v, _("“%s”: the name is not valid UTF-8"), shown);
      return NULL;
    }
  if (raw[0] == '/' || raw[0] == '\\' || (g_ascii_isalpha (raw[0]) && raw[1] == ':'))
    {
      _reslib_bag_problem (v, _("“%s”: absolute paths are not allowed"), shown);
      return NULL;
    }
  name = g_strdup (raw);
  while (len > 1 && name[len - 1] == '/')
    name[--len] = '\0';
  for (const char *part = name; part != NULL; )
    {
      const char *end = strchr (part, '/');
      gsize part_len = end != NULL ? (gsize) (end - part) : strlen (part);

      if (part_len == 2 && part[0] == '.' && part[1] == '.')
        {
          _reslib_bag_problem (v, _("“%s”: paths with “..” are not allowed"), shown);
          return NULL;
        }
      if (part_len == 0 || (part_len == 1 && part[0] == '.') || memchr (part, '\\', part_len) != NULL)
        {
          _reslib_bag_problem (v, _("“%s”: the path is not in normal form"), shown);
          return NULL;
        }
      for (gsize i = 0; i < part_len; i++)
        if ((guchar) part[i] < 0x20 || part[i] == 0x7f)
          {
            _reslib_bag_problem (v, _("“%s”: the name holds control characters"), shown);
            return NULL;
          }
      part = end != NULL ? end + 1 : NULL;
    }

  if (g_hash_table_contains (v->names, name))
    {
      _reslib_bag_problem (v, _("“%s” appears more than once"), shown);
      return NULL;
    }
  v->size.names_size += len;
  v->over_limit = _reslib_bag_over_limit (&v->size);
  if (v->over_limit != RESLIB_BAG_LIMIT_NONE)
    {
      v->truncated = TRUE;
      return NULL;
    }
  nfc = g_utf8_normalize (name, -1, G_NORMALIZE_NFC);
  folded = g_utf8_casefold (nfc, -1);
  first_name = g_hash_table_lookup (v->folded, folded);
  if (first_name != NULL)
    {
      g_autofree char *shown_first = reslib_escape_text (first_name);
      g_autofree char *shown_name = reslib_escape_text (name);

      _reslib_bag_problem (v, _("“%s” and “%s” differ only by case or Unicode normalisation"), shown_first, shown_name);
      return NULL;
    }
  kept = name;
  g_hash_table_add (v->names, g_steal_pointer (&name));
  if (strcmp (folded, kept) == 0)
    g_hash_table_insert (v->folded, (gpointer) kept, (gpointer) kept);
  else
    {
      g_hash_table_insert (v->folded, folded, (gpointer) kept);
      g_ptr_array_add (v->folded_keys, g_steal_pointer (&folded));
    }

  /* One top-level folder holds everything. */
  slash = strchr (kept, '/');
  if (slash == NULL)
    {
      if (!is_dir)
        {
          _reslib_bag_problem (v, _("“%s” is outside the bag’s folder"), shown);
          return NULL;
        }
      if (v->top == NULL)
        v->top = g_strdup (kept);
      else if (strcmp (v->top, kept) != 0)
        {
          g_autofree char *shown_top = reslib_escape_text (v->top);

          _reslib_bag_problem (v, _("The tar holds more than one top-level folder (“%s” and “%s”)"), shown_top, shown);
        }
      return NULL;
    }
  {
    g_autofree char *top = g_strndup (kept, (gsize) (slash - kept));

    if (v->top == NULL)
      v->top = g_steal_pointer (&top);
    else if (strcmp (v->top, top) != 0)
      {
        g_autofree char *shown_top = reslib_escape_text (v->top);
        g_autofree char *shown_other = reslib_escape_text (top);

        _reslib_bag_problem (v, _("The tar holds more than one top-level folder (“%s” and “%s”)"),
                             shown_top, shown_other);
        return NULL;
      }
  }

  return slash + 1;
}

/* Reads the current entry's data, hashing it, and keeping it when @keep is its size (at most a tag file's). */
static gboolean
read_entry_data (ReslibBagReader *v,
                 struct archive  *a,
                 const char      *rel,
                 gsize            keep,
                 GCancellable    *cancellable,
                 GError         **error)
{
  g_autoptr(ReslibHasher) md = reslib_hasher_new (RESLIB_DIGEST_SHA256, error);
  g_autoptr(GByteArray) kept = NULL;
  g_autofree ReslibBagFile *seen = NULL;

  if (md == NULL)
    return FALSE;
  seen = g_new0 (ReslibBagFile, 1);
  if (keep > 0)
    kept = g_byte_array_sized_new ((guint) keep);
  for (;;)
    {
      const void *block;
      size_t len;
      la_int64_t offset;
      int rc = archive_read_data_block (a, &block, &len, &offset);

      if (rc == ARCHIVE_EOF)
        break;
      if (rc < ARCHIVE_WARN)
        {
          _reslib_bag_problem (v, _("The tar is damaged or cut short: %s"),
                               archive_error_string (a) != NULL ? archive_error_string (a) : _("read error"));
          v->truncated = TRUE;
          return TRUE;
        }
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
      if (offset != (la_int64_t) seen->size)
        {
          g_autofree char *shown = reslib_escape_text (rel);

          /* A hole: the entry is sparse, which the header did not say. */
          _reslib_bag_problem (v, _("“%s” is a sparse file; sparse entries are not allowed"), shown);
          return TRUE;
        }
      reslib_hasher_update (md, block, len);
      seen->size += len;
      if (kept != NULL && kept->len + (guint64) len <= keep)
        g_byte_array_append (kept, block, (guint) len);
    }
  if (reslib_hasher_finish (md, seen->sha256) != RESLIB_SHA256_SIZE)
    g_assert_not_reached ();
  g_hash_table_insert (v->files, (gpointer) rel, g_steal_pointer (&seen));
  if (kept != NULL)
    g_hash_table_insert (v->tag_texts, g_strdup (rel), g_byte_array_free_to_bytes (g_steal_pointer (&kept)));

  return TRUE;
}

/* data/manifest.json, read and checked as it streams from the tar, record by record. */
static gboolean
read_manifest_entry (ReslibBagReader *v,
                     struct archive  *a,
                     const char      *rel,
                     GCancellable    *cancellable,
                     GError         **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree ReslibBagFile *seen = g_new0 (ReslibBagFile, 1);
  char sha256[65];
  gboolean ok;

  ok = _reslib_manifest_read_entry (a, v->path, v->index, NULL, NULL, &seen->size, sha256, cancellable,
                                    &local_error);
  if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (v->index->over_limit)
    {
      v->over_limit = RESLIB_BAG_LIMIT_RECORDS;
      v->truncated = TRUE;
      _reslib_manifest_index_clear (v->index);
      v->index = NULL;
      return TRUE;
    }
  if (sha256[0] == '\0')
    {
      _reslib_bag_problem (v, "%s", local_error->message);
      v->truncated = TRUE;
      _reslib_manifest_index_clear (v->index);
      v->index = NULL;
      return TRUE;
    }
  if (!ok)
    {
      _reslib_bag_problem (v, "%s", local_error->message);
      _reslib_manifest_index_clear (v->index);
      v->index = NULL;
    }
  if (!reslib_digest_from_hex (sha256, seen->sha256, sizeof seen->sha256))
    g_assert_not_reached ();
  g_hash_table_insert (v->files, (gpointer) rel, g_steal_pointer (&seen));

  return TRUE;
}

/* Counts the rest of the tar's entries, their names and sizes, reading their headers only (the data is
 * skipped): memory stays constant, time is that of reading the headers. */
static gboolean
count_rest (ReslibBagReader  *v,
            struct archive   *a,
            GCancellable     *cancellable,
            GError          **error)
{
  struct archive_entry *entry;
  int rc;

  while ((rc = archive_read_next_header (a, &entry)) == ARCHIVE_OK || rc == ARCHIVE_WARN)
    {
      const char *raw = archive_entry_pathname_utf8 (entry);
      gsize len;

      if ((v->size.entries & 0xfff) == 0 && g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
      if (raw == NULL)
        raw = archive_entry_pathname (entry);
      len = raw != NULL ? strlen (raw) : 0;
      while (len > 1 && raw[len - 1] == '/')
        len--;
      v->size.entries++;
      v->size.names_size += len;
      if (archive_entry_filetype (entry) == AE_IFREG && archive_entry_size (entry) > 0)
        v->size.total_size += (guint64) archive_entry_size (entry);
    }

  return TRUE;
}

/* The one problem noted when the package is beyond a limit: which limit, how large the package is
 * (its entries counted to the end), and what to do. What verify would find beyond the limit is not
 * looked for, so no problem follows from having stopped. */
static gboolean
stop_at_limit (ReslibBagReader  *v,
               struct archive   *a,
               GCancellable     *cancellable,
               GError          **error)
{
  g_autofree char *size = NULL;
  g_autofree char *limit = NULL;
  guint n_entries;

  if (!count_rest (v, a, cancellable, error))
    return FALSE;
  n_entries = (guint) MIN (v->size.entries, G_MAXUINT);
  switch (v->over_limit)
    {
    case RESLIB_BAG_LIMIT_ENTRIES:
      _reslib_bag_problem (v, _("The package holds %u files and folders, more than the %u that verify and import "
                                "read: its resources must be sent in several smaller packages"),
                           n_entries, RESLIB_PACKAGE_MAX_ENTRIES);
      break;
    case RESLIB_BAG_LIMIT_NAMES:
      size = g_format_size_full (v->size.names_size, G_FORMAT_SIZE_IEC_UNITS);
      limit = g_format_size_full (RESLIB_PACKAGE_MAX_NAMES_SIZE, G_FORMAT_SIZE_IEC_UNITS);
      _reslib_bag_problem (v, _("The names of the package’s %u files and folders add up to %s, more than the %s "
                                "that verify and import read: its resources must be sent in several smaller "
                                "packages"), n_entries, size, limit);
      break;
    case RESLIB_BAG_LIMIT_RECORDS:
      _reslib_bag_problem (v, _("data/manifest.json holds more than the %u records that verify and import read "
                                "(the package holds %u files and folders): its resources must be sent in several "
                                "smaller packages"), RESLIB_MANIFEST_MAX_RECORDS, n_entries);
      break;
    case RESLIB_BAG_LIMIT_SIZE:
      size = g_format_size_full (v->size.total_size, G_FORMAT_SIZE_IEC_UNITS);
      limit = g_format_size_full (RESLIB_PACKAGE_MAX_TOTAL_SIZE, G_FORMAT_SIZE_IEC_UNITS);
      _reslib_bag_problem (v, _("The package’s files hold %s, more than the %s that verify and import read: "
                                "its resources must be sent in several smaller packages"), size, limit);
      break;
    case RESLIB_BAG_LIMIT_PAYLOAD_MANIFEST:
    case RESLIB_BAG_LIMIT_MANIFEST_JSON:
      if (v->over_limit == RESLIB_BAG_LIMIT_PAYLOAD_MANIFEST)
        size = g_format_size_full (v->size.payload_manifest_size, G_FORMAT_SIZE_IEC_UNITS);
      else
        size = g_format_size_full (v->size.manifest_json_size, G_FORMAT_SIZE_IEC_UNITS);
      limit = g_format_size_full (v->over_limit == RESLIB_BAG_LIMIT_PAYLOAD_MANIFEST ? RESLIB_PACKAGE_MAX_TAG_SIZE
                                                                                     : RESLIB_PACKAGE_MAX_MANIFEST_SIZE,
                                  G_FORMAT_SIZE_IEC_UNITS);
      /* Translators: a file of the package, its size, the largest size verify reads. */
      _reslib_bag_problem (v, _("%s takes %s, more than the %s that verify and import read: its resources must be "
                                "sent in several smaller packages"),
                           v->over_limit == RESLIB_BAG_LIMIT_PAYLOAD_MANIFEST ? "manifest-sha256.txt"
                                                                              : "data/manifest.json",
                           size, limit);
      break;
    case RESLIB_BAG_LIMIT_NONE:
    default:
      g_assert_not_reached ();
    }

  return TRUE;
}

static const char *
shown_raw (const char *raw,
           char      **shown)
{
  *shown = reslib_escape_text (raw != NULL ? raw : "?");

  return *shown;
}

/**
 * _reslib_bag_read_entries:
 * @index: where data/manifest.json's index goes when the tar holds it
 *
 * Reads every entry of @a once, noting each problem in @v; stops early when the tar is damaged or
 * beyond the limits (then @v->truncated is set; beyond a limit, @v->over_limit says which, and the
 * rest of the tar is only counted for the one problem that says so).
 *
 * Returns: %FALSE with @error only when cancelled
 */
gboolean
_reslib_bag_read_entries (ReslibBagReader      *v,
                          struct archive       *a,
                          ReslibManifestIndex  *index,
                          GCancellable         *cancellable,
                          GError              **error)
{
  struct archive_entry *entry;

  for (;;)
    {
      int rc = archive_read_next_header (a, &entry);
      const char *raw;
      const char *rel;
      g_autofree char *shown = NULL;
      mode_t type;
      la_int64_t size;

      if (rc == ARCHIVE_EOF)
        break;
      if (rc < ARCHIVE_WARN)
        {
          _reslib_bag_problem (v, _("The tar is damaged or cut short: %s"),
                               archive_error_string (a) != NULL ? archive_error_string (a) : _("read error"));
          v->truncated = TRUE;
          break;
        }
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
      v->size.entries++;
      v->over_limit = _reslib_bag_over_limit (&v->size);
      if (v->over_limit != RESLIB_BAG_LIMIT_NONE)
        {
          v->truncated = TRUE;
          break;
        }

      raw = archive_entry_pathname_utf8 (entry);
      if (raw == NULL)
        raw = archive_entry_pathname (entry);
      type = archive_entry_filetype (entry);
      size = archive_entry_size (entry);

      if (archive_entry_hardlink (entry) != NULL)
        {
          _reslib_bag_problem (v, _("“%s” is a hard link; links are not allowed"), shown_raw (raw, &shown));
          continue;
        }
      if (type == AE_IFLNK)
        {
          _reslib_bag_problem (v, _("“%s” is a symbolic link; links are not allowed"), shown_raw (raw, &shown));
          continue;
        }
      if (type != AE_IFREG && type != AE_IFDIR)
        {
          _reslib_bag_problem (v, _("“%s” is a device, FIFO or socket; only files and folders are allowed"),
                               shown_raw (raw, &shown));
          continue;
        }
      if (archive_entry_sparse_count (entry) > 0)
        {
          _reslib_bag_problem (v, _("“%s” is a sparse file; sparse entries are not allowed"), shown_raw (raw, &shown));
          continue;
        }
      rel = check_entry_name (v, raw, type == AE_IFDIR);
      if (v->truncated)
        break;
      if (rel == NULL || type == AE_IFDIR)
        continue;
      shown = reslib_escape_text (rel);
      if (size < 0 || (guint64) size > RESLIB_PACKAGE_MAX_FILE_SIZE)
        {
          _reslib_bag_problem (v, _("“%s” is larger than the %s a package file may have"), shown, "64 GiB");
          continue;
        }
      v->size.total_size += (guint64) size;
      if (strcmp (rel, "data/manifest.json") == 0)
        v->size.manifest_json_size = (guint64) size;
      else if (strcmp (rel, "manifest-sha256.txt") == 0)
        v->size.payload_manifest_size = (guint64) size;
      v->over_limit = _reslib_bag_over_limit (&v->size);
      if (v->over_limit != RESLIB_BAG_LIMIT_NONE)
        {
          v->truncated = TRUE;
          break;
        }
      if (strcmp (rel, "data/manifest.json") == 0)
        {
          v->index = index;
          if (!read_manifest_entry (v, a, rel, cancellable, error))
            return FALSE;
        }
      else
        {
          guint64 limit = is_tag_file (rel) ? kept_size_limit (rel) : 0;

          if (limit > 0 && (guint64) size > limit)
            {
              _reslib_bag_problem (v, _("“%s” is larger than a tag file may be"), shown);
              continue;
            }
          if (!read_entry_data (v, a, rel, limit > 0 ? (gsize) MAX (size, 1) : 0, cancellable, error))
            return FALSE;
        }
      if (v->truncated)
        break;
    }
  if (v->over_limit != RESLIB_BAG_LIMIT_NONE)
    return stop_at_limit (v, a, cancellable, error);

  return TRUE;
}
