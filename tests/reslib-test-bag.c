/* reslib-test-bag.c — rebuilding a package's bag after a test changed it, as anyone could: the payload
 * manifest, Payload-Oxum and the tag manifest are made anew, so the bag itself stays valid
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <archive.h>
#include <archive_entry.h>
#include <string.h>

#include "reslib-test-bag.h"

/* The path of @name below the bag's top folder. */
static const char *
relative (const char *name)
{
  const char *slash = strchr (name, '/');

  g_assert_nonnull (slash);

  return slash + 1;
}

/* Parses @bytes as the manifest, applies @how's edits, and returns the new text; sets @project_id. */
static GBytes *
edit_manifest (GBytes                *bytes,
               const ReslibTestRebag *how,
               char                 **project_id)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) text = NULL;
  g_autofree char *serialized = NULL;
  JsonObject *root;

  json_parser_load_from_data (parser, g_bytes_get_data (bytes, NULL), (gssize) g_bytes_get_size (bytes), &error);
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (parser));
  if (how->edit != NULL)
    how->edit (root, how->user_data);
  if (json_object_has_member (root, "project"))
    *project_id = g_strdup (json_object_get_string_member (json_object_get_object_member (root, "project"), "id"));
  serialized = json_to_string (json_parser_get_root (parser), FALSE);
  text = g_string_new (serialized);
  if (how->text_edit != NULL)
    how->text_edit (text, how->user_data);

  return g_string_free_to_bytes (g_steal_pointer (&text));
}

/* bag-info.txt with its Payload-Oxum (and, if asked, External-Identifier) made anew. */
static GBytes *
new_bag_info (GBytes     *bytes,
              guint64     payload_bytes,
              guint       payload_files,
              const char *external_identifier)
{
  /* The entry's bytes are not NUL-terminated. */
  g_autofree char *text = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
  GString *info = g_string_new (NULL);

  for (guint i = 0; lines[i] != NULL && lines[i][0] != '\0'; i++)
    if (g_str_has_prefix (lines[i], "Payload-Oxum: "))
      g_string_append_printf (info, "Payload-Oxum: %" G_GUINT64_FORMAT ".%u\n", payload_bytes, payload_files);
    else if (external_identifier != NULL && g_str_has_prefix (lines[i], "External-Identifier: "))
      g_string_append_printf (info, "External-Identifier: %s\n", external_identifier);
    else
      g_string_append_printf (info, "%s\n", lines[i]);

  return g_string_free_to_bytes (info);
}

static void
write_entry (struct archive *out,
             const char     *name,
             GBytes         *text)
{
  struct archive_entry *entry = archive_entry_new ();
  gsize size = g_bytes_get_size (text);

  archive_entry_set_pathname_utf8 (entry, name);
  archive_entry_set_filetype (entry, AE_IFREG);
  archive_entry_set_perm (entry, 0644);
  archive_entry_set_mtime (entry, 1700000000, 0);
  archive_entry_set_size (entry, (la_int64_t) size);
  g_assert_cmpint (archive_write_header (out, entry), >=, ARCHIVE_WARN);
  if (size > 0)
    g_assert_cmpint (archive_write_data (out, g_bytes_get_data (text, NULL), size), ==, (la_ssize_t) size);
  archive_entry_free (entry);
}

/* Reads the bag @src, changes it as @how says, and writes the result to @dest. */
void
reslib_test_rebag (const char            *src,
                   const char            *dest,
                   const ReslibTestRebag *how)
{
  struct archive *in = archive_read_new ();
  struct archive *out = archive_write_new ();
  struct archive_entry *entry;
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) texts = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  g_autoptr(GString) manifest = g_string_new (NULL);
  g_autoptr(GString) tags = g_string_new (NULL);
  g_autofree char *top = NULL, *project_id = NULL;
  guint64 bytes = 0;
  guint n = 0;
  int info = -1, payload_manifest = -1, tag_manifest = -1, json = -1;

  archive_read_support_format_tar (in);
  g_assert_cmpint (archive_read_open_filename (in, src, 65536), ==, ARCHIVE_OK);
  while (archive_read_next_header (in, &entry) == ARCHIVE_OK)
    {
      gsize size = (gsize) archive_entry_size (entry);
      const char *name = archive_entry_pathname_utf8 (entry);
      char *buffer;

      if (archive_entry_filetype (entry) != AE_IFREG)
        continue;
      if (top == NULL)
        top = g_strndup (name, (gsize) (relative (name) - 1 - name));
      buffer = g_malloc (size + 1);
      g_assert_cmpint (archive_read_data (in, buffer, size), ==, (la_ssize_t) size);
      buffer[size] = '\0';
      g_ptr_array_add (names, g_strdup (name));
      g_ptr_array_add (texts, g_bytes_new_take (buffer, size));
    }
  archive_read_free (in);
  g_assert_nonnull (top);
  if (how->extra_name != NULL)
    {
      g_ptr_array_add (names, g_strdup_printf ("%s/%s", top, how->extra_name));
      g_ptr_array_add (texts, g_bytes_new (how->extra_text, strlen (how->extra_text)));
    }

  for (guint i = 0; i < names->len; i++)
    {
      const char *rel = relative (g_ptr_array_index (names, i));

      if (strcmp (rel, "bag-info.txt") == 0)
        info = (int) i;
      else if (strcmp (rel, "manifest-sha256.txt") == 0)
        payload_manifest = (int) i;
      else if (strcmp (rel, "tagmanifest-sha256.txt") == 0)
        tag_manifest = (int) i;
      else if (g_str_has_prefix (rel, "data/"))
        {
          g_autofree char *sum = NULL;

          if (strcmp (rel, "data/manifest.json") == 0)
            {
              json = (int) i;
              if (how->edit != NULL || how->text_edit != NULL || how->set_external_identifier)
                {
                  GBytes *edited = edit_manifest (g_ptr_array_index (texts, i), how, &project_id);

                  g_bytes_unref (texts->pdata[i]);
                  texts->pdata[i] = edited;
                }
            }
          sum = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, g_ptr_array_index (texts, i));
          g_string_append_printf (manifest, "%s  %s\n", sum, rel);
          bytes += g_bytes_get_size (g_ptr_array_index (texts, i));
          n++;
        }
    }
  g_assert_true (info >= 0 && payload_manifest >= 0 && tag_manifest >= 0 && json >= 0);

  {
    GBytes *new_info = new_bag_info (g_ptr_array_index (texts, info), bytes, n,
                                     how->set_external_identifier ? project_id : NULL);

    g_bytes_unref (texts->pdata[info]);
    texts->pdata[info] = new_info;
  }
  g_bytes_unref (texts->pdata[payload_manifest]);
  texts->pdata[payload_manifest] = g_bytes_new (manifest->str, manifest->len);
  for (guint i = 0; i < names->len; i++)
    {
      const char *rel = relative (g_ptr_array_index (names, i));

      if ((int) i != tag_manifest && !g_str_has_prefix (rel, "data/"))
        {
          g_autofree char *sum = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, g_ptr_array_index (texts, i));

          g_string_append_printf (tags, "%s  %s\n", sum, rel);
        }
    }
  g_bytes_unref (texts->pdata[tag_manifest]);
  texts->pdata[tag_manifest] = g_bytes_new (tags->str, tags->len);

  archive_write_set_format_pax_restricted (out);
  g_assert_cmpint (archive_write_open_filename (out, dest), ==, ARCHIVE_OK);
  for (guint i = 0; i < names->len; i++)
    if (!how->manifest_json_last || (int) i != json)
      write_entry (out, g_ptr_array_index (names, i), g_ptr_array_index (texts, i));
  if (how->manifest_json_last)
    write_entry (out, g_ptr_array_index (names, json), g_ptr_array_index (texts, json));
  g_assert_cmpint (archive_write_close (out), ==, ARCHIVE_OK);
  archive_write_free (out);
}
