/* reslib-bag-reader.c — reading a package's tar once, without extracting it
 *
 * Every entry's name is checked (one top-level folder, no absolute paths, no "..", no two names
 * that differ only by case or normalisation), its data hashed, manifest-sha256.txt checked line by
 * line as it comes, the other tag files kept below their own limits, and data/manifest.json read by
 * the one strict reader (reslib-package-manifest.c). What verify keeps in memory, whatever the
 * package: each entry's name inside the bag and at most about 52 bytes with it (reslib-bag-names.c; at most
 * RESLIB_PACKAGE_MAX_ENTRIES entries whose names take at most RESLIB_PACKAGE_MAX_NAMES_SIZE bytes),
 * the small tag files, and the manifest's index.
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
  if (strcmp (rel, "tagmanifest-sha256.txt") == 0)
    return MAX_TAG_MANIFEST_SIZE;

  return 0;
}

/* Checks a name taken from the tar; returns its record in the table of names (the name inside the bag),
 * or NULL after noting a problem (or for the bag's folder itself). */
static ReslibBagFile *
check_entry_name (ReslibBagReader *v,
                  const char      *raw,
                  gboolean         is_dir)
{
  g_autofree char *name = NULL;
  g_autofree char *shown = NULL;
  ReslibBagFile *file;
  ReslibBagFile *clash = NULL;
  const char *slash;
  const char *rel;
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

  v->size.names_size += len;
  v->over_limit = _reslib_bag_over_limit (&v->size);
  if (v->over_limit != RESLIB_BAG_LIMIT_NONE)
    {
      v->truncated = TRUE;
      return NULL;
    }

  /* One top-level folder holds everything. */
  slash = strchr (name, '/');
  if (slash == NULL)
    {
      if (!is_dir)
        {
          _reslib_bag_problem (v, _("“%s” is outside the bag’s folder"), shown);
          return NULL;
        }
      if (v->top == NULL)
        v->top = g_strdup (name);
      else if (strcmp (v->top, name) != 0)
        {
          g_autofree char *shown_top = reslib_escape_text (v->top);

          _reslib_bag_problem (v, _("The tar holds more than one top-level folder (“%s” and “%s”)"), shown_top, shown);
          return NULL;
        }
      if (v->top_seen)
        _reslib_bag_problem (v, _("“%s” appears more than once"), shown);
      v->top_seen = TRUE;
      return NULL;
    }
  {
    g_autofree char *top = g_strndup (name, (gsize) (slash - name));

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
  rel = slash + 1;

  file = _reslib_bag_names_probe (v->names, rel, &clash);
  if (file != NULL && (file->flags & RESLIB_BAG_SEEN) != 0)
    {
      _reslib_bag_problem (v, _("“%s” appears more than once"), shown);
      return NULL;
    }
  if (clash != NULL)
    {
      g_autofree char *first = g_strconcat (v->top, "/", _reslib_bag_file_name (clash), NULL);
      g_autofree char *shown_first = reslib_escape_text (first);
      g_autofree char *shown_name = reslib_escape_text (name);

      _reslib_bag_problem (v, _("“%s” and “%s” differ only by case or Unicode normalisation"), shown_first, shown_name);
      return NULL;
    }
  if (file == NULL)
    file = _reslib_bag_names_add (v->names, rel, is_dir ? RESLIB_BAG_DIR : 0);
  file->flags |= RESLIB_BAG_SEEN | (is_dir ? RESLIB_BAG_DIR : 0);

  return file;
}

static char *
decode_manifest_path (const char *text,
                      gsize       len)
{
  GString *out = g_string_sized_new (len);

  for (gsize i = 0; i < len; i++)
    {
      const char *p = text + i;
      char decoded = *p;

      if (*p == '%' && len - i >= 3 && g_ascii_strncasecmp (p, "%25", 3) == 0)
        decoded = '%';
      else if (*p == '%' && len - i >= 3 && g_ascii_strncasecmp (p, "%0A", 3) == 0)
        decoded = '\n';
      else if (*p == '%' && len - i >= 3 && g_ascii_strncasecmp (p, "%0D", 3) == 0)
        decoded = '\r';
      else
        {
          g_string_append_c (out, decoded);
          continue;
        }
      i += 2;
      g_string_append_c (out, decoded);
    }

  return g_string_free (out, FALSE);
}

/**
 * _reslib_bag_check_manifest_line:
 * @manifest_name: "manifest-sha256.txt" or "tagmanifest-sha256.txt"
 * @payload: whether @manifest_name is the payload manifest
 * @number: the line's number, from 1
 *
 * Checks one line ("checksum path") of a manifest against what the tar held. A payload file named before
 * its entry comes is kept in the table of names with the listed digest, and checked when it comes; what
 * was listed and never came is found once the tar is read (_reslib_bag_check_listed()).
 */
void
_reslib_bag_check_manifest_line (ReslibBagReader *v,
                                 const char      *manifest_name,
                                 gboolean         payload,
                                 guint            number,
                                 const char      *line,
                                 gsize            len)
{
  g_autofree char *path = NULL;
  g_autofree char *shown = NULL;
  guint8 listed[RESLIB_SHA256_SIZE];
  char hex[65];
  ReslibBagFile *file;
  gsize n_hex = 0;
  gsize at;

  while (n_hex < len && g_ascii_isxdigit (line[n_hex]))
    n_hex++;
  if (n_hex != 64 || (line[n_hex] != ' ' && line[n_hex] != '\t'))
    {
      _reslib_bag_problem (v, _("%s, line %u: not “checksum path”"), manifest_name, number);
      return;
    }
  memcpy (hex, line, 64);
  hex[64] = '\0';
  if (!reslib_digest_from_hex (hex, listed, sizeof listed))
    g_assert_not_reached ();
  at = 64;
  while (at < len && (line[at] == ' ' || line[at] == '\t'))
    at++;
  if (at < len && line[at] == '*')
    at++;
  if (at == len)
    {
      _reslib_bag_problem (v, _("%s, line %u: no path"), manifest_name, number);
      return;
    }
  path = decode_manifest_path (line + at, len - at);
  shown = reslib_escape_text (path);
  if (path[0] == '/' || strcmp (path, "..") == 0 || g_str_has_prefix (path, "../") ||
      strstr (path, "/../") != NULL || g_str_has_suffix (path, "/.."))
    {
      _reslib_bag_problem (v, _("%s, line %u: unsafe path “%s”"), manifest_name, number, shown);
      return;
    }
  if (payload && !g_str_has_prefix (path, "data/"))
    {
      _reslib_bag_problem (v, _("%s, line %u: “%s” is not under data/"), manifest_name, number, shown);
      return;
    }
  if (!payload && (g_str_has_prefix (path, "data/") || g_str_has_prefix (path, "tagmanifest-")))
    {
      _reslib_bag_problem (v, _("%s, line %u: “%s” does not belong in a tag manifest"),
                           manifest_name, number, shown);
      return;
    }

  file = _reslib_bag_names_probe (v->names, path, NULL);
  if (!payload)
    {
      if (file == NULL || (file->flags & (RESLIB_BAG_SEEN | RESLIB_BAG_DIR)) != RESLIB_BAG_SEEN)
        _reslib_bag_problem (v, _("“%s” is listed in %s but missing"), shown, manifest_name);
      else if (memcmp (_reslib_bag_file_sha256 (file), listed, sizeof listed) != 0)
        _reslib_bag_problem (v, _("“%s” does not match its checksum in %s"), shown, manifest_name);
      return;
    }
  if (file != NULL && (file->flags & RESLIB_BAG_LISTED) != 0)
    {
      _reslib_bag_problem (v, _("%s lists “%s” more than once"), manifest_name, shown);
      return;
    }
  if (file == NULL)
    {
      /* Not in the tar yet: it counts as an entry and a name until it comes, so what is kept stays
       * within the limits. */
      v->size.entries++;
      v->size.names_size += strlen (path);
      v->over_limit = _reslib_bag_over_limit (&v->size);
      if (v->over_limit != RESLIB_BAG_LIMIT_NONE)
        {
          v->truncated = TRUE;
          return;
        }
      file = _reslib_bag_names_add (v->names, path, RESLIB_BAG_LISTED);
      memcpy (_reslib_bag_file_sha256 (file), listed, sizeof listed);
      return;
    }
  file->flags |= RESLIB_BAG_LISTED;
  if ((file->flags & RESLIB_BAG_DIR) != 0)
    _reslib_bag_problem (v, _("“%s” is listed in %s but missing"), shown, manifest_name);
  else if (memcmp (_reslib_bag_file_sha256 (file), listed, sizeof listed) != 0)
    _reslib_bag_problem (v, _("“%s” does not match its checksum in %s"), shown, manifest_name);
}

/* A line of manifest-sha256.txt is at most a checksum, a tab and a path whose every byte is escaped. */
#define MAX_MANIFEST_LINE (64 + 1 + 3 * RESLIB_PACKAGE_MAX_PATH)

static void
payload_manifest_line (ReslibBagReader *v)
{
  guint number = ++v->payload_manifest_line;

  if (v->payload_manifest_bad)
    return;
  if (v->pending_line->len > MAX_MANIFEST_LINE)
    _reslib_bag_problem (v, _("%s, line %u: not “checksum path”"), "manifest-sha256.txt", number);
  else if (!g_utf8_validate_len (v->pending_line->str, v->pending_line->len, NULL))
    {
      _reslib_bag_problem (v, _("%s is not valid UTF-8"), "manifest-sha256.txt");
      v->payload_manifest_bad = TRUE;
    }
  else
    _reslib_bag_check_manifest_line (v, "manifest-sha256.txt", TRUE, number, v->pending_line->str,
                                     v->pending_line->len);
  g_string_truncate (v->pending_line, 0);
}

/* Part of manifest-sha256.txt, checked line by line as it comes: LF, CR or CRLF end a line. */
static void
payload_manifest_block (ReslibBagReader *v,
                        const char      *block,
                        gsize            len)
{
  for (gsize i = 0; i < len && !v->truncated; i++)
    {
      char c = block[i];

      if (c == '\n' && v->pending_cr)
        v->pending_cr = FALSE;
      else if (c == '\n' || c == '\r')
        {
          payload_manifest_line (v);
          v->pending_cr = c == '\r';
        }
      else
        {
          v->pending_cr = FALSE;
          if (v->pending_line->len <= MAX_MANIFEST_LINE)
            g_string_append_c (v->pending_line, c);
        }
    }
}

/* What the tar held of @file: its size and digest, checked against the digest manifest-sha256.txt listed
 * before the entry came. */
static void
note_data (ReslibBagReader *v,
           ReslibBagFile   *file,
           guint64          size,
           const guint8    *sha256)
{
  if ((file->flags & RESLIB_BAG_LISTED) != 0 &&
      memcmp (_reslib_bag_file_sha256 (file), sha256, RESLIB_SHA256_SIZE) != 0)
    {
      g_autofree char *shown = reslib_escape_text (_reslib_bag_file_name (file));

      _reslib_bag_problem (v, _("“%s” does not match its checksum in %s"), shown, "manifest-sha256.txt");
    }
  memcpy (_reslib_bag_file_sha256 (file), sha256, RESLIB_SHA256_SIZE);
  _reslib_bag_file_set_size (file, size);
}

/* Reads the current entry's data, hashing it, and keeping it when @keep is its size (at most a tag file's);
 * manifest-sha256.txt is checked line by line as it comes. A payload file's data goes to the sink too, when
 * there is one and it wants it. */
static gboolean
read_entry_data (ReslibBagReader *v,
                 struct archive  *a,
                 ReslibBagFile   *file,
                 gsize            keep,
                 GCancellable    *cancellable,
                 GError         **error)
{
  g_autoptr(ReslibHasher) md = reslib_hasher_new (RESLIB_DIGEST_SHA256, error);
  g_autoptr(GByteArray) kept = NULL;
  const char *rel = _reslib_bag_file_name (file);
  gboolean lines = strcmp (rel, "manifest-sha256.txt") == 0;
  gboolean sinking = FALSE;
  guint8 sha256[RESLIB_SHA256_SIZE];
  guint64 size = 0;

  if (md == NULL)
    return FALSE;
  if (v->sink != NULL && g_str_has_prefix (rel, "data/"))
    {
      const ReslibManifestFile *listed = v->index != NULL ? _reslib_manifest_index_file (v->index, rel) : NULL;

      if (!v->sink->begin (v->sink_data, rel, v->index != NULL, listed, &sinking, error))
        return FALSE;
    }
  if (keep > 0)
    kept = g_byte_array_sized_new ((guint) keep);
  if (lines)
    {
      v->payload_manifest = TRUE;
      v->pending_line = g_string_new (NULL);
    }
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
          goto stop;
        }
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        goto fail;
      if (offset != (la_int64_t) size)
        {
          g_autofree char *shown = reslib_escape_text (rel);

          /* A hole: the entry is sparse, which the header did not say. */
          _reslib_bag_problem (v, _("“%s” is a sparse file; sparse entries are not allowed"), shown);
          goto stop;
        }
      reslib_hasher_update (md, block, len);
      size += len;
      if (kept != NULL && kept->len + (guint64) len <= keep)
        g_byte_array_append (kept, block, (guint) len);
      if (lines)
        payload_manifest_block (v, block, len);
      if (v->truncated)
        goto stop;
      if (sinking && !v->sink->block (v->sink_data, block, len, error))
        goto fail;
    }
  if (lines && v->pending_line->len > 0)
    payload_manifest_line (v);
  if (reslib_hasher_finish (md, sha256) != RESLIB_SHA256_SIZE)
    g_assert_not_reached ();
  note_data (v, file, size, sha256);
  if (kept != NULL)
    g_hash_table_insert (v->tag_texts, g_strdup (rel), g_byte_array_free_to_bytes (g_steal_pointer (&kept)));
  if (sinking)
    {
      sinking = FALSE;
      if (!v->sink->end (v->sink_data, rel, sha256, size, error))
        return FALSE;
    }

  return TRUE;

stop:
  /* A problem noted: the bag is not valid, and verify goes on or stops as the problem says. */
  if (sinking)
    v->sink->discard (v->sink_data);
  return TRUE;

fail:
  if (sinking)
    v->sink->discard (v->sink_data);
  return FALSE;
}

/* data/manifest.json, read and checked as it streams from the tar, record by record. */
static gboolean
read_manifest_entry (ReslibBagReader *v,
                     struct archive  *a,
                     ReslibBagFile   *file,
                     GCancellable    *cancellable,
                     GError         **error)
{
  g_autoptr(GError) local_error = NULL;
  guint8 digest[RESLIB_SHA256_SIZE];
  guint64 size = 0;
  char sha256[65];
  gboolean ok;

  ok = _reslib_manifest_read_entry (a, v->path, v->index, NULL, NULL, &size, sha256, cancellable,
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
  if (!reslib_digest_from_hex (sha256, digest, sizeof digest))
    g_assert_not_reached ();
  note_data (v, file, size, digest);

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
      ReslibBagFile *file;
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
      file = check_entry_name (v, raw, type == AE_IFDIR);
      if (v->truncated)
        break;
      if (file == NULL || type == AE_IFDIR)
        continue;
      rel = _reslib_bag_file_name (file);
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
          if (!read_manifest_entry (v, a, file, cancellable, error))
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
          if (!read_entry_data (v, a, file, limit > 0 ? (gsize) MAX (size, 1) : 0, cancellable, error))
            return FALSE;
        }
      if (v->truncated)
        break;
    }
  if (v->over_limit != RESLIB_BAG_LIMIT_NONE)
    return stop_at_limit (v, a, cancellable, error);

  return TRUE;
}
