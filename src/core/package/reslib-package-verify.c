/* reslib-package-verify.c — verifying a package: the bag read once, checked against RFC 8493 and our profile
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <string.h>
#include <unistd.h>

#include "reslib-error.h"
#include "reslib-package-private.h"
#include "reslib-text.h"

/* Whether @file's SHA-256 is @digest (binary). */
static gboolean
sha256_is (const ReslibBagFile *file,
           const guint8        *digest)
{
  return memcmp (_reslib_bag_file_sha256 (file), digest, RESLIB_SHA256_SIZE) == 0;
}

/* The lines of a tag file, one at a time, without copying it: LF, CR or CRLF end a line. */
typedef struct
{
  const char *p;
  const char *end;
} Lines;

static void
lines_init (Lines  *lines,
            GBytes *bytes)
{
  gsize len;

  lines->p = g_bytes_get_data (bytes, &len);
  if (lines->p == NULL)
    lines->p = "";
  lines->end = lines->p + len;
}

static gboolean
lines_next (Lines       *lines,
            const char **line,
            gsize       *len)
{
  const char *start = lines->p;
  const char *q = start;

  if (q >= lines->end)
    return FALSE;
  while (q < lines->end && *q != '\n' && *q != '\r')
    q++;
  *line = start;
  *len = (gsize) (q - start);
  if (q < lines->end && *q == '\r' && q + 1 < lines->end && q[1] == '\n')
    q++;
  lines->p = q < lines->end ? q + 1 : q;

  return TRUE;
}

/* Checks tagmanifest-sha256.txt against what the tar held (manifest-sha256.txt was checked as it was read). */
static void
check_tag_manifest (ReslibBagReader *v)
{
  GBytes *bytes = g_hash_table_lookup (v->tag_texts, "tagmanifest-sha256.txt");
  Lines lines;
  const char *line;
  gsize len;
  guint number = 0;

  if (bytes == NULL)
    return;
  if (!g_utf8_validate (g_bytes_get_data (bytes, NULL), (gssize) g_bytes_get_size (bytes), NULL))
    {
      _reslib_bag_problem (v, _("%s is not valid UTF-8"), "tagmanifest-sha256.txt");
      return;
    }
  lines_init (&lines, bytes);
  while (lines_next (&lines, &line, &len))
    _reslib_bag_check_manifest_line (v, "tagmanifest-sha256.txt", FALSE, ++number, line, len);
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* bag-info.txt: "Label: value" lines, a value going on in lines that start with white space.
 * Linear in the file's size. Returns label (lowercase) → value. */
static GHashTable *
parse_bag_info (ReslibBagReader *v,
                GBytes          *bytes)
{
  GHashTable *info = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autofree char *key = NULL;
  GString *value = NULL;
  Lines lines;
  const char *line;
  gsize len;
  guint number = 0;

  if (!g_utf8_validate (g_bytes_get_data (bytes, NULL), (gssize) g_bytes_get_size (bytes), NULL))
    {
      _reslib_bag_problem (v, _("bag-info.txt is not valid UTF-8"));
      return info;
    }
  lines_init (&lines, bytes);
  for (;;)
    {
      gboolean more = lines_next (&lines, &line, &len);
      const char *colon;

      number++;
      if (more && len > 0 && (line[0] == ' ' || line[0] == '\t') && value != NULL)
        {
          g_autofree char *stripped = g_strstrip (g_strndup (line, len));

          g_string_append_c (value, ' ');
          g_string_append (value, stripped);
          continue;
        }
      /* The value before is complete. */
      if (value != NULL)
        {
          if (g_hash_table_contains (info, key) && strcmp (key, "payload-oxum") == 0)
            _reslib_bag_problem (v, _("bag-info.txt gives Payload-Oxum more than once"));
          g_hash_table_insert (info, g_steal_pointer (&key), g_string_free (value, FALSE));
          value = NULL;
        }
      if (!more)
        break;
      if (len == 0)
        continue;
      colon = memchr (line, ':', len);
      if (colon == NULL || colon == line)
        {
          _reslib_bag_problem (v, _("bag-info.txt, line %u: not “Label: value”"), number);
          continue;
        }
      g_free (key);
      key = g_ascii_strdown (line, colon - line);
      g_strstrip (key);
      value = g_string_new_len (colon + 1, (gssize) (line + len - colon - 1));
      {
        g_autofree char *stripped = g_strstrip (g_strdup (value->str));

        g_string_assign (value, stripped);
      }
    }

  return info;
}

/* The files data/manifest.json lists are in the tar, with its checksums and sizes. */
static void
check_manifest_files (ReslibBagReader *v,
                      GHashTable      *info)
{
  g_autoptr(GPtrArray) ids = g_ptr_array_new ();
  g_autoptr(GString) path = g_string_new (NULL);
  ReslibManifestFileIter iter;
  const char *id;

  if (g_strcmp0 (v->index->kind, g_hash_table_lookup (info, "reslib-package-kind")) != 0)
    _reslib_bag_problem (v, _("data/manifest.json and bag-info.txt give different package kinds"));
  if (g_strcmp0 (v->index->project_id, g_hash_table_lookup (info, "external-identifier")) != 0)
    _reslib_bag_problem (v, _("data/manifest.json and bag-info.txt name different projects"));
  {
    g_autofree char *version = g_strdup_printf ("%u", v->index->format_version);

    if (g_strcmp0 (version, g_hash_table_lookup (info, "reslib-format-version")) != 0)
      _reslib_bag_problem (v, _("data/manifest.json and bag-info.txt give different format versions"));
  }

  /* In the order of their paths: data/resources/<id>/<name>, one file per resource id. */
  _reslib_manifest_file_iter_init (&iter, v->index);
  while (_reslib_manifest_file_iter_next (&iter, &id, NULL) != NULL)
    g_ptr_array_add (ids, (gpointer) id);
  g_ptr_array_sort (ids, compare_strings);
  for (guint i = 0; i < ids->len; i++)
    {
      const char *name = NULL;
      const ReslibManifestFile *file;
      ReslibBagFile *seen;
      g_autofree char *shown = NULL;

      id = g_ptr_array_index (ids, i);
      file = _reslib_manifest_index_file_of (v->index, id, &name);
      _reslib_manifest_file_path (path, id, name);
      seen = _reslib_bag_names_lookup (v->names, path->str);
      shown = reslib_escape_text (path->str);

      if (seen == NULL)
        _reslib_bag_problem (v, _("data/manifest.json names “%s”, which the package does not hold"), shown);
      else if (!sha256_is (seen, file->sha256))
        _reslib_bag_problem (v, _("“%s” does not match its checksum in data/manifest.json"), shown);
      else if (_reslib_bag_file_get_size (seen) != file->size)
        {
          g_autofree char *actual = g_strdup_printf ("%" G_GUINT64_FORMAT, _reslib_bag_file_get_size (seen));
          g_autofree char *given = g_strdup_printf ("%" G_GUINT64_FORMAT, file->size);

          _reslib_bag_problem (v, _("“%s” holds %s bytes, but data/manifest.json gives its size as %s"),
                               shown, actual, given);
        }
    }
}

/* What the table of names holds, gone through once. */
typedef struct
{
  ReslibBagReader *v;
  guint64          payload_bytes;
  guint            payload_files;
  GPtrArray       *missing;     /* listed in manifest-sha256.txt, not a file of the tar (borrowed) */
  GPtrArray       *unlisted;    /* payload files not listed there (borrowed) */
} Tally;

static void
tally_file (ReslibBagFile *file,
            gpointer       data)
{
  Tally *t = data;
  const char *rel = _reslib_bag_file_name (file);

  if ((file->flags & RESLIB_BAG_LISTED) != 0 && (file->flags & (RESLIB_BAG_SEEN | RESLIB_BAG_DIR)) != RESLIB_BAG_SEEN)
    {
      /* A folder listed was noted as missing when its line was read. */
      if ((file->flags & RESLIB_BAG_DIR) == 0)
        g_ptr_array_add (t->missing, (gpointer) rel);
      return;
    }
  if ((file->flags & (RESLIB_BAG_SEEN | RESLIB_BAG_DIR)) != RESLIB_BAG_SEEN)
    return;
  if (g_str_has_prefix (rel, "data/"))
    {
      t->payload_bytes += _reslib_bag_file_get_size (file);
      t->payload_files++;
      if ((file->flags & RESLIB_BAG_LISTED) == 0)
        g_ptr_array_add (t->unlisted, (gpointer) rel);
    }
  else if (strchr (rel, '/') == NULL &&
           ((g_str_has_prefix (rel, "manifest-") && strcmp (rel, "manifest-sha256.txt") != 0) ||
            (g_str_has_prefix (rel, "tagmanifest-") && strcmp (rel, "tagmanifest-sha256.txt") != 0)))
    {
      g_autofree char *shown = reslib_escape_text (rel);

      _reslib_bag_problem (t->v, _("%s: only SHA-256 manifests are accepted"), shown);
    }
}

static void
check_bag (ReslibBagReader *v,
           JsonBuilder     *b)
{
  GBytes *bagit = g_hash_table_lookup (v->tag_texts, "bagit.txt");
  GBytes *bag_info_bytes = g_hash_table_lookup (v->tag_texts, "bag-info.txt");
  g_autoptr(GHashTable) info = NULL;
  Tally tally = { v, 0, 0, g_ptr_array_new (), g_ptr_array_new () };
  guint64 payload_bytes;
  guint payload_files;

  if (v->top == NULL)
    {
      _reslib_bag_problem (v, _("The tar holds no bag folder"));
      return;
    }
  if (bagit == NULL)
    _reslib_bag_problem (v, _("bagit.txt is missing"));
  else
    {
      Lines lines;
      const char *line[3] = { NULL };
      gsize len[3] = { 0 };
      guint n = 0;

      lines_init (&lines, bagit);
      while (n < 3 && lines_next (&lines, &line[n], &len[n]))
        n++;
      if (n != 2 || len[0] != strlen ("BagIt-Version: 1.0") || memcmp (line[0], "BagIt-Version: 1.0", len[0]) != 0 ||
          len[1] != strlen ("Tag-File-Character-Encoding: UTF-8") ||
          memcmp (line[1], "Tag-File-Character-Encoding: UTF-8", len[1]) != 0)
        _reslib_bag_problem (v, _("bagit.txt is not “BagIt-Version: 1.0” and “Tag-File-Character-Encoding: UTF-8”"));
    }
  if (_reslib_bag_names_lookup (v->names, "fetch.txt") != NULL)
    _reslib_bag_problem (v, _("fetch.txt is not allowed: every file must be in the package"));

  /* Manifests: ours are sha256 only. */
  _reslib_bag_names_foreach (v->names, tally_file, &tally);
  payload_bytes = tally.payload_bytes;
  payload_files = tally.payload_files;
  if (!v->payload_manifest)
    _reslib_bag_problem (v, _("manifest-sha256.txt is missing"));
  else
    {
      g_ptr_array_sort (tally.missing, compare_strings);
      for (guint i = 0; i < tally.missing->len; i++)
        {
          g_autofree char *shown = reslib_escape_text (g_ptr_array_index (tally.missing, i));

          _reslib_bag_problem (v, _("“%s” is listed in %s but missing"), shown, "manifest-sha256.txt");
        }
    }
  if (!g_hash_table_contains (v->tag_texts, "tagmanifest-sha256.txt"))
    _reslib_bag_problem (v, _("tagmanifest-sha256.txt is missing"));
  check_tag_manifest (v);
  if (v->payload_manifest)
    {
      g_ptr_array_sort (tally.unlisted, compare_strings);
      for (guint i = 0; i < tally.unlisted->len; i++)
        {
          g_autofree char *shown = reslib_escape_text (g_ptr_array_index (tally.unlisted, i));

          _reslib_bag_problem (v, _("“%s” is in the payload but not in manifest-sha256.txt"), shown);
        }
    }
  g_ptr_array_unref (tally.missing);
  g_ptr_array_unref (tally.unlisted);

  if (bag_info_bytes == NULL)
    _reslib_bag_problem (v, _("bag-info.txt is missing"));
  else
    {
      const char *oxum;
      const char *kind;
      const char *version;

      info = parse_bag_info (v, bag_info_bytes);
      oxum = g_hash_table_lookup (info, "payload-oxum");
      if (oxum == NULL)
        _reslib_bag_problem (v, _("bag-info.txt has no Payload-Oxum"));
      else
        {
          g_autofree char *expected = g_strdup_printf ("%" G_GUINT64_FORMAT ".%u", payload_bytes, payload_files);

          if (strcmp (oxum, expected) != 0)
            {
              g_autofree char *shown = reslib_escape_text (oxum);

              _reslib_bag_problem (v, _("Payload-Oxum is %s but the payload holds %s (bytes.files)"), shown, expected);
            }
        }
      if (g_strcmp0 (g_hash_table_lookup (info, "bagit-profile-identifier"), RESLIB_PACKAGE_PROFILE_URI) != 0)
        _reslib_bag_problem (v, _("bag-info.txt does not name the ResLib BagIt profile"));
      kind = g_hash_table_lookup (info, "reslib-package-kind");
      if (kind == NULL || !g_strv_contains (reslib_package_kinds, kind))
        _reslib_bag_problem (v, _("bag-info.txt has no valid Reslib-Package-Kind"));
      version = g_hash_table_lookup (info, "reslib-format-version");
      if (g_strcmp0 (version, "1") != 0 && g_strcmp0 (version, "2") != 0)
        _reslib_bag_problem (v, _("bag-info.txt: Reslib-Format-Version is neither 1 nor 2"));
      if (g_hash_table_lookup (info, "external-identifier") == NULL)
        _reslib_bag_problem (v, _("bag-info.txt has no External-Identifier"));
      if (_reslib_bag_names_lookup (v->names, "data/manifest.json") == NULL)
        _reslib_bag_problem (v, _("data/manifest.json is missing"));
      else if (v->index != NULL)
        check_manifest_files (v, info);
      if (_reslib_bag_names_lookup (v->names, "data/imsmanifest.xml") == NULL)
        _reslib_bag_problem (v, _("data/imsmanifest.xml is missing"));
    }

  json_builder_set_member_name (b, "bag");
  json_builder_add_string_value (b, v->top);
  json_builder_set_member_name (b, "payload_bytes");
  json_builder_add_int_value (b, (gint64) payload_bytes);
  json_builder_set_member_name (b, "payload_files");
  json_builder_add_int_value (b, payload_files);
  if (info != NULL)
    {
      static const char * const labels[][2] = {
        { "kind", "reslib-package-kind" }, { "project", "external-identifier" },
        { "source_organization", "source-organization" }, { "bagging_date", "bagging-date" },
        { "format_version", "reslib-format-version" },
      };

      for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
        {
          json_builder_set_member_name (b, labels[i][0]);
          if (g_hash_table_lookup (info, labels[i][1]) != NULL)
            json_builder_add_string_value (b, g_hash_table_lookup (info, labels[i][1]));
          else
            json_builder_add_null_value (b);
        }
    }
}

/**
 * _reslib_package_verify_index:
 * @index: (out caller-allocates) (optional): what data/manifest.json holds, when the package is valid;
 *   clear it with _reslib_manifest_index_clear()
 * @sink: (nullable): gets the data of the payload files as they are read (see #ReslibBagDataSink)
 *
 * reslib_package_verify(), keeping the index of the manifest it read for import.
 */
gboolean
_reslib_package_verify_index (const char           *path,
                              GPtrArray           **problems,
                              JsonNode            **info_out,
                              ReslibManifestIndex  *index_out,
                              const ReslibBagDataSink *sink,
                              gpointer              sink_data,
                              GCancellable         *cancellable,
                              GError              **error)
{
  ReslibBagReader v = { 0 };
  ReslibUtf8Locale locale = { 0 };
  ReslibManifestIndex index = { 0 };
  g_autoptr(GPtrArray) found = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(JsonBuilder) b = json_builder_new ();
  struct archive *a = NULL;
  gboolean ok = FALSE;
  int fd;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  fd = open (path, O_RDONLY | O_CLOEXEC);
  if (fd < 0)
    {
      int saved_errno = errno;

      if (saved_errno == ENOENT || saved_errno == EISDIR)
        g_set_error (error, RESLIB_ERROR, RESLIB_ERROR_BAD_FILE, _("Could not read “%s”: %s"), path,
                     g_strerror (saved_errno));
      else
        _reslib_set_error_from_errno (error, saved_errno, path);
      return FALSE;
    }

  v.path = path;
  v.problems = found;
  v.sink = sink;
  v.sink_data = sink_data;
  v.names = _reslib_bag_names_new ();
  v.tag_texts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_bytes_unref);

  _reslib_utf8_locale_enter (&locale);
  a = archive_read_new ();
  archive_read_support_format_tar (a);
  if (archive_read_open_fd (a, fd, 64 * 1024) != ARCHIVE_OK)
    {
      _reslib_bag_problem (&v, _("Not a tar file: %s"),
                           archive_error_string (a) != NULL ? archive_error_string (a) : "");
      goto done;
    }

  if (!_reslib_bag_read_entries (&v, a, &index, cancellable, error))
    goto fail;

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "path");
  json_builder_add_string_value (b, path);
  /* A tar read only in part: what the rest would have held is not known, so the bag is not checked
   * (no problem that follows from having stopped, such as a tag file "missing"). */
  if (!v.truncated)
    check_bag (&v, b);
  else if (v.top != NULL)
    {
      json_builder_set_member_name (b, "bag");
      json_builder_add_string_value (b, v.top);
    }
  json_builder_set_member_name (b, "valid");
  json_builder_add_boolean_value (b, found->len == 0);
  json_builder_set_member_name (b, "problems");
  json_builder_begin_array (b);
  for (guint i = 0; i < found->len; i++)
    json_builder_add_string_value (b, g_ptr_array_index (found, i));
  json_builder_end_array (b);
  json_builder_end_object (b);
  if (info_out != NULL)
    *info_out = json_builder_get_root (b);
  goto checked;

done:
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "path");
  json_builder_add_string_value (b, path);
  json_builder_set_member_name (b, "valid");
  json_builder_add_boolean_value (b, FALSE);
  json_builder_set_member_name (b, "problems");
  json_builder_begin_array (b);
  for (guint i = 0; i < found->len; i++)
    json_builder_add_string_value (b, g_ptr_array_index (found, i));
  json_builder_end_array (b);
  json_builder_end_object (b);
  if (info_out != NULL)
    *info_out = json_builder_get_root (b);

checked:
  if (found->len > 0)
    g_set_error (error, RESLIB_ERROR, RESLIB_ERROR_BAD_FILE,
                 ngettext ("“%s” is not a valid package: %u problem", "“%s” is not a valid package: %u problems",
                           found->len),
                 path, found->len);
  else
    {
      ok = TRUE;
      if (index_out != NULL)
        {
          *index_out = index;
          memset (&index, 0, sizeof index);
        }
    }
  if (problems != NULL)
    *problems = g_steal_pointer (&found);

fail:
  if (a != NULL)
    archive_read_free (a);
  _reslib_utf8_locale_leave (&locale);
  close (fd);
  _reslib_manifest_index_clear (&index);
  g_clear_pointer (&v.names, _reslib_bag_names_free);
  if (v.pending_line != NULL)
    g_string_free (v.pending_line, TRUE);
  g_clear_pointer (&v.tag_texts, g_hash_table_unref);
  g_free (v.top);

  return ok;
}

/**
 * reslib_package_verify:
 * @path: the tar file
 * @problems: (out) (optional) (transfer full) (element-type utf8): one human sentence per _reslib_bag_problem
 * @info_out: (out) (optional) (transfer full): what the package is and holds, and the problems, as JSON
 *
 * Reads a package once, without extracting it, and checks that it is a
 * complete and valid bag by RFC 8493 and our profile, that no entry could
 * write outside a folder it were extracted to, and that data/manifest.json
 * follows its format record by record. Memory and time are bounded by the
 * limits in reslib-package.h and reslib-package-manifest.h, whatever the package.
 *
 * Returns: %TRUE when the package is valid; else %FALSE with a %RESLIB_ERROR_BAD_FILE
 *   summary (or another error when the file cannot be read at all)
 */
gboolean
reslib_package_verify (const char    *path,
                       GPtrArray    **problems,
                       JsonNode     **info_out,
                       GCancellable  *cancellable,
                       GError       **error)
{
  return _reslib_package_verify_index (path, problems, info_out, NULL, NULL, NULL, cancellable, error);
}
