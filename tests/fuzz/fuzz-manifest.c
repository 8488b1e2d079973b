/* fuzz-manifest.c — libFuzzer target over the readers of what a package holds as text
 *
 * The first byte of an input chooses what the rest is:
 *   j  data/manifest.json, read by the strict JSON reader and checked record by record
 *   i  bag-info.txt       ┐
 *   m  manifest-sha256.txt│ of an otherwise valid bag, which is then verified
 *   t  tagmanifest-sha256.txt
 *   b  bagit.txt          ┘
 * anything else: a JSON text for the reader alone, token by token and as nodes.
 * Seeds are in tests/fuzz/seeds. Build with -Dfuzzing=true and clang; run e.g.
 *   build/tests/fuzz/fuzz-manifest -max_total_time=60 -seed_inputs=tests/fuzz/seeds/manifest
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <archive.h>
#include <archive_entry.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <stdint.h>
#include <string.h>

#include "reslib-core.h"
#include "reslib-json-reader.h"
#include "reslib-package.h"
#include "reslib-package-manifest.h"

int LLVMFuzzerInitialize (int *argc, char ***argv);
int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

static char *work_dir;
static char *package_path;

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  g_autoptr(GError) error = NULL;

  setlocale (LC_ALL, "C.UTF-8");
  g_log_set_always_fatal (G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING);
  reslib_core_init ();
  work_dir = g_dir_make_tmp ("reslib-fuzz-manifest-XXXXXX", &error);
  g_assert_no_error (error);
  package_path = g_build_filename (work_dir, "input.tar", NULL);

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

static char *
sha (const char *text,
     gsize       len)
{
  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) text, len);
}

/* A valid bag but for the tag file @which, which holds @data. */
static void
write_bag (char           which,
           const uint8_t *data,
           size_t         size)
{
  const char *manifest_json = "{}";
  const char *ims = "<manifest/>\n";
  const char *bagit = "BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n";
  g_autofree char *s_json = sha (manifest_json, strlen (manifest_json));
  g_autofree char *s_ims = sha (ims, strlen (ims));
  g_autofree char *manifest = g_strdup_printf ("%s  data/imsmanifest.xml\n%s  data/manifest.json\n", s_ims, s_json);
  g_autofree char *info = g_strdup_printf ("Source-Organization: fuzz\nExternal-Identifier: "
                                           "0d8c1c2e-0000-4000-8000-000000000000\nPayload-Oxum: %zu.2\n"
                                           "BagIt-Profile-Identifier: %s\nReslib-Package-Kind: contribution\n"
                                           "Reslib-Format-Version: 1\n", strlen (ims) + strlen (manifest_json),
                                           RESLIB_PACKAGE_PROFILE_URI);
  g_autofree char *tags = NULL;
  g_autofree char *s1 = NULL, *s2 = NULL, *s3 = NULL;
  const char *info_text = which == 'i' ? (const char *) data : info;
  gsize info_len = which == 'i' ? size : strlen (info);
  const char *bagit_text = which == 'b' ? (const char *) data : bagit;
  gsize bagit_len = which == 'b' ? size : strlen (bagit);
  const char *manifest_text = which == 'm' ? (const char *) data : manifest;
  gsize manifest_len = which == 'm' ? size : strlen (manifest);
  struct archive *a;

  s1 = sha (info_text, info_len);
  s2 = sha (bagit_text, bagit_len);
  s3 = sha (manifest_text, manifest_len);
  tags = g_strdup_printf ("%s  bag-info.txt\n%s  bagit.txt\n%s  manifest-sha256.txt\n", s1, s2, s3);

  a = archive_write_new ();
  archive_write_set_format_pax_restricted (a);
  if (archive_write_open_filename (a, package_path) != ARCHIVE_OK)
    g_error ("cannot write %s", package_path);
  add_entry (a, "bag/bag-info.txt", info_text, info_len);
  add_entry (a, "bag/bagit.txt", bagit_text, bagit_len);
  add_entry (a, "bag/data/imsmanifest.xml", ims, strlen (ims));
  add_entry (a, "bag/data/manifest.json", manifest_json, strlen (manifest_json));
  add_entry (a, "bag/manifest-sha256.txt", manifest_text, manifest_len);
  if (which == 't')
    add_entry (a, "bag/tagmanifest-sha256.txt", (const char *) data, size);
  else
    add_entry (a, "bag/tagmanifest-sha256.txt", tags, strlen (tags));
  archive_write_close (a);
  archive_write_free (a);
}

static gboolean
count_record (guint        kind,
              JsonObject  *record,
              gpointer     user_data,
              GError     **error)
{
  (*(guint *) user_data)++;

  return TRUE;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GError) error = NULL;

  if (size == 0)
    return 0;

  switch (data[0])
    {
    case 'j':
      {
        g_autoptr(ReslibJsonReader) reader = reslib_json_reader_new_for_data ((const char *) data + 1, size - 1);
        ReslibManifestIndex index = { 0 };
        guint n = 0;

        if (!_reslib_manifest_read (reader, &index, count_record, &n, NULL, &error))
          g_assert_true (error != NULL && error->domain == RESLIB_ERROR);
        _reslib_manifest_index_clear (&index);
      }
      break;

    case 'i':
    case 'm':
    case 't':
    case 'b':
      {
        g_autoptr(GPtrArray) problems = NULL;
        g_autoptr(JsonNode) info = NULL;

        write_bag ((char) data[0], data + 1, size - 1);
        /* The bag's manifest.json is no manifest: verify always finds a problem, and says so. */
        g_assert_false (reslib_package_verify (package_path, &problems, &info, NULL, &error));
        g_assert_nonnull (error);
        g_assert_cmpuint (problems->len, >, 0);
      }
      break;

    default:
      {
        g_autoptr(ReslibJsonReader) reader = reslib_json_reader_new_for_data ((const char *) data, size);
        ReslibJsonToken token;

        if (reslib_json_reader_next (reader, &token, &error))
          {
            g_autoptr(JsonNode) node = reslib_json_reader_read_node (reader, token, 10000, 1 << 20, &error);

            if (node != NULL)
              {
                g_assert_true (reslib_json_reader_next (reader, &token, &error) || error != NULL);
                if (error == NULL)
                  g_assert_cmpint (token, ==, RESLIB_JSON_END);
              }
            else
              g_assert_nonnull (error);
          }
        else
          g_assert_nonnull (error);
      }
      break;
    }

  return 0;
}
