/* fuzz-import.c — libFuzzer target over verifying and importing a package
 *
 * An input that starts with "{" is taken as a data/manifest.json: the target
 * wraps it in a bag with correct checksums (one small file per entry of its
 * "files", whose checksums and sizes and the resources' blob_sha256 and size it fills in), so
 * the fuzzer reaches the merge instead of stopping at the checksums. Any other
 * input is written as it is as a would-be package tar. Either is verified and,
 * when verify accepts it, imported into a store that lives as long as the process.
 * Build with -Dfuzzing=true and clang; run e.g.
 *   build/tests/fuzz/fuzz-import -max_total_time=60 CORPUS/
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <archive.h>
#include <archive_entry.h>
#include <glib/gstdio.h>
#include <string.h>
#include <locale.h>
#include <stdint.h>
#include <stdlib.h>

#include "reslib-core.h"
#include "reslib-package.h"
#include "reslib-package-importer.h"

int LLVMFuzzerInitialize (int *argc, char ***argv);
int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

static char *work_dir;
static char *package_path;
static ReslibStore *store;

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *data_dir = NULL;

  setlocale (LC_ALL, "C.UTF-8");
  g_log_set_always_fatal (G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING);
  reslib_core_init ();

  work_dir = g_dir_make_tmp ("reslib-fuzz-import-XXXXXX", &error);
  g_assert_no_error (error);
  data_dir = g_build_filename (work_dir, "store", NULL);
  package_path = g_build_filename (work_dir, "input.tar", NULL);
  store = reslib_store_open (data_dir, &error);
  g_assert_no_error (error);

  return 0;
}

static void
add_entry (struct archive *a,
           const char     *name,
           const char     *data,
           gsize           len)
{
  struct archive_entry *entry = archive_entry_new ();

  archive_entry_set_pathname_utf8 (entry, name);
  archive_entry_set_filetype (entry, AE_IFREG);
  archive_entry_set_perm (entry, 0644);
  archive_entry_set_mtime (entry, 1700000000, 0);
  archive_entry_set_size (entry, (la_int64_t) len);
  archive_write_header (a, entry);
  if (len > 0)
    archive_write_data (a, data, len);
  archive_entry_free (entry);
}

/* Wraps a manifest.json in a bag with correct checksums; FALSE when it is not even a JSON object. */
static gboolean
write_bag (const uint8_t *data,
           size_t         size)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GString) manifest = g_string_new (NULL);
  g_autoptr(GString) info = g_string_new (NULL);
  g_autoptr(GString) tags = g_string_new (NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) texts = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *json = NULL;
  g_autofree char *s1 = NULL, *s2 = NULL, *s3 = NULL;
  const char *bagit = "BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n";
  const char *ims = "<manifest/>\n";
  const char *kind = "contribution";
  const char *project = "00000000-0000-4000-8000-000000000000";
  JsonObject *root;
  JsonNode *node;
  struct archive *a;
  guint64 bytes = 0;

  if (!json_parser_load_from_data (parser, (const char *) data, (gssize) size, NULL) ||
      !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    return FALSE;
  root = json_node_get_object (json_parser_get_root (parser));
  if ((node = json_object_get_member (root, "kind")) != NULL && JSON_NODE_HOLDS_VALUE (node) &&
      json_node_get_value_type (node) == G_TYPE_STRING)
    kind = json_node_get_string (node);
  if ((node = json_object_get_member (root, "project")) != NULL && JSON_NODE_HOLDS_OBJECT (node) &&
      (node = json_object_get_member (json_node_get_object (node), "id")) != NULL && JSON_NODE_HOLDS_VALUE (node) &&
      json_node_get_value_type (node) == G_TYPE_STRING)
    project = json_node_get_string (node);

  /* One file per entry of "files", with its checksum and size, and the resource's blob filled in. */
  if ((node = json_object_get_member (root, "files")) != NULL && JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *files = json_node_get_array (node);
      JsonNode *resources_node = json_object_get_member (root, "resources");
      JsonArray *resources = resources_node != NULL && JSON_NODE_HOLDS_ARRAY (resources_node)
                             ? json_node_get_array (resources_node) : NULL;

      for (guint i = 0; i < json_array_get_length (files) && i < 64; i++)
        {
          JsonNode *file_node = json_array_get_element (files, i);
          JsonObject *file;
          const char *path;
          const char *resource_id;
          g_autofree char *text = NULL;
          g_autofree char *sum = NULL;

          if (!JSON_NODE_HOLDS_OBJECT (file_node))
            continue;
          file = json_node_get_object (file_node);
          path = json_object_get_string_member_with_default (file, "path", NULL);
          resource_id = json_object_get_string_member_with_default (file, "resource_id", NULL);
          if (path == NULL || !g_str_has_prefix (path, "data/resources/") || !g_utf8_validate (path, -1, NULL))
            continue;
          text = g_strdup_printf ("%u\n", i);
          sum = g_compute_checksum_for_string (G_CHECKSUM_SHA256, text, -1);
          json_object_set_string_member (file, "sha256", sum);
          json_object_set_int_member (file, "size", (gint64) strlen (text));
          for (guint j = 0; resources != NULL && resource_id != NULL && j < json_array_get_length (resources); j++)
            {
              JsonNode *r = json_array_get_element (resources, j);

              if (JSON_NODE_HOLDS_OBJECT (r) &&
                  g_strcmp0 (json_object_get_string_member_with_default (json_node_get_object (r), "id", NULL),
                             resource_id) == 0)
                {
                  json_object_set_string_member (json_node_get_object (r), "blob_sha256", sum);
                  json_object_set_int_member (json_node_get_object (r), "size", (gint64) strlen (text));
                }
            }
          g_ptr_array_add (names, g_strdup (path));
          g_ptr_array_add (texts, g_steal_pointer (&text));
        }
    }
  json = json_to_string (json_parser_get_root (parser), FALSE);
  g_ptr_array_add (names, g_strdup ("data/imsmanifest.xml"));
  g_ptr_array_add (texts, g_strdup (ims));
  g_ptr_array_add (names, g_strdup ("data/manifest.json"));
  g_ptr_array_add (texts, g_strdup (json));
  for (guint i = 0; i < names->len; i++)
    {
      const char *text = g_ptr_array_index (texts, i);
      g_autofree char *sum = g_compute_checksum_for_string (G_CHECKSUM_SHA256, text, -1);

      g_string_append_printf (manifest, "%s  %s\n", sum, (char *) g_ptr_array_index (names, i));
      bytes += strlen (text);
    }
  g_string_append_printf (info, "Source-Organization: fuzz\nExternal-Identifier: %s\nPayload-Oxum: %" G_GUINT64_FORMAT
                          ".%u\nBagIt-Profile-Identifier: %s\nReslib-Package-Kind: %s\nReslib-Format-Version: 1\n",
                          project, bytes, names->len, RESLIB_PACKAGE_PROFILE_URI, kind);
  s1 = g_compute_checksum_for_string (G_CHECKSUM_SHA256, info->str, -1);
  s2 = g_compute_checksum_for_string (G_CHECKSUM_SHA256, bagit, -1);
  s3 = g_compute_checksum_for_string (G_CHECKSUM_SHA256, manifest->str, -1);
  g_string_append_printf (tags, "%s  bag-info.txt\n%s  bagit.txt\n%s  manifest-sha256.txt\n", s1, s2, s3);

  a = archive_write_new ();
  archive_write_set_format_pax_restricted (a);
  if (archive_write_open_filename (a, package_path) != ARCHIVE_OK)
    g_error ("cannot write %s", package_path);
  add_entry (a, "bag/bag-info.txt", info->str, info->len);
  add_entry (a, "bag/bagit.txt", bagit, strlen (bagit));
  for (guint i = 0; i < names->len; i++)
    {
      g_autofree char *name = g_strconcat ("bag/", (char *) g_ptr_array_index (names, i), NULL);
      const char *text = g_ptr_array_index (texts, i);

      add_entry (a, name, text, strlen (text));
    }
  add_entry (a, "bag/manifest-sha256.txt", manifest->str, manifest->len);
  add_entry (a, "bag/tagmanifest-sha256.txt", tags->str, tags->len);
  archive_write_close (a);
  archive_write_free (a);

  return TRUE;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(JsonNode) info = NULL;
  g_autoptr(GError) error = NULL;

  if (size > 0 && data[0] == '{')
    {
      if (!write_bag (data, size))
        return 0;
    }
  else if (!g_file_set_contents (package_path, (const char *) data, (gssize) size, &error))
    g_error ("%s", error->message);

  if (reslib_package_verify (package_path, &problems, &info, NULL, &error))
    {
      /* Valid bags go on to the merge, which must refuse or apply them cleanly. */
      g_autoptr(ReslibPackageImporter) importer = reslib_package_importer_new (store, package_path);

      if (!reslib_job_run (RESLIB_JOB (importer), NULL, &error))
        g_assert_nonnull (error);
      else
        g_assert_nonnull (reslib_package_importer_get_report (importer));
    }
  else
    g_assert_true (error != NULL);

  return 0;
}
