/* test-package-sniff.c — telling a package from another file by its first tar headers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <archive.h>
#include <archive_entry.h>
#include <locale.h>
#include <string.h>

#include "reslib-package-sniff.h"
#include "reslib-test-utils.h"

typedef struct
{
  char *dir;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  f->dir = reslib_test_make_tmp_dir ("reslib-sniff-XXXXXX");
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  reslib_test_rm_rf (f->dir);
  g_free (f->dir);
}

static gboolean
sniff_path (const char  *path,
            char       **bag)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  gboolean yes = reslib_package_sniff (file, bag, NULL, &error);

  g_assert_no_error (error);

  return yes;
}

/* A tar of (name, contents) pairs; contents NULL for a folder. @format an archive_write_set_format_* */
static char *
write_tar (Fixture            *f,
           const char         *file_name,
           int               (*format) (struct archive *),
           const char * const *entries)
{
  char *path = g_build_filename (f->dir, file_name, NULL);
  struct archive *out = archive_write_new ();

  g_assert_cmpint (format (out), ==, ARCHIVE_OK);
  g_assert_cmpint (archive_write_open_filename (out, path), ==, ARCHIVE_OK);
  for (guint i = 0; entries[i] != NULL; i += 2)
    {
      struct archive_entry *entry = archive_entry_new ();
      const char *contents = entries[i + 1];
      gsize len = contents != NULL ? strlen (contents) : 0;

      archive_entry_set_pathname_utf8 (entry, entries[i]);
      archive_entry_set_filetype (entry, contents != NULL ? AE_IFREG : AE_IFDIR);
      archive_entry_set_perm (entry, contents != NULL ? 0644 : 0755);
      archive_entry_set_mtime (entry, 1700000000, 0);
      archive_entry_set_size (entry, (la_int64_t) len);
      g_assert_cmpint (archive_write_header (out, entry), >=, ARCHIVE_WARN);
      if (len > 0)
        g_assert_cmpint (archive_write_data (out, contents, len), ==, (la_ssize_t) len);
      archive_entry_free (entry);
    }
  g_assert_cmpint (archive_write_close (out), ==, ARCHIVE_OK);
  archive_write_free (out);

  return path;
}

#define BAGIT "BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n"

/* A package the packager built is one. */
static void
test_sniff_real_package (Fixture       *f,
                         gconstpointer  data)
{
  g_autofree char *store_dir = g_build_filename (f->dir, "store", NULL);
  g_autoptr(ReslibStore) store = reslib_test_open_store (store_dir);
  g_autofree char *project = reslib_test_new_project (store, "Sniffed");
  g_autofree char *path = g_build_filename (f->dir, "p.tar", NULL);
  g_autofree char *bag = NULL;
  g_autoptr(GError) error = NULL;

  g_autofree char *text = reslib_test_write_file (f->dir, "a.txt", "some text\n", -1);
  g_autoptr(GFile) text_file = g_file_new_for_path (text);
  g_autoptr(ReslibImporter) importer = reslib_importer_new (store, project);

  reslib_importer_add_file (importer, text_file);
  g_assert_true (reslib_job_run (RESLIB_JOB (importer), NULL, &error));
  g_assert_no_error (error);
  reslib_test_approve_all (store, project);
  g_assert_true (reslib_test_pack (store, project, "progress", NULL, path, NULL, &error));
  g_assert_no_error (error);

  g_assert_true (sniff_path (path, &bag));
  g_assert_nonnull (bag);
  g_assert_true (g_str_has_prefix (bag, "reslib-progress-"));
}

/* A bag tarred by another tool: any order, "./" names, a long name in a pax header. */
static void
test_sniff_other_tools (Fixture       *f,
                        gconstpointer  data)
{
  g_autofree char *long_bag = g_strnfill (150, 'b');
  g_autofree char *long_data = g_strconcat (long_bag, "/data/x.txt", NULL);
  g_autofree char *long_bagit = g_strconcat (long_bag, "/bagit.txt", NULL);
  g_autofree char *gnu = NULL;
  g_autofree char *pax = NULL;
  g_autofree char *bag = NULL;

  gnu = write_tar (f, "gnu.tar", archive_write_set_format_gnutar,
                   (const char *[]) { "./mybag/", NULL, "./mybag/data/", NULL, "./mybag/data/a.txt", "a",
                                      "./mybag/manifest-sha256.txt", "x", "./mybag/bagit.txt", BAGIT, NULL });
  g_assert_true (sniff_path (gnu, &bag));
  g_assert_cmpstr (bag, ==, "mybag");
  g_clear_pointer (&bag, g_free);

  pax = write_tar (f, "pax.tar", archive_write_set_format_pax,
                   (const char *[]) { long_data, "x", long_bagit, BAGIT, NULL });
  g_assert_true (sniff_path (pax, &bag));
  g_assert_cmpstr (bag, ==, long_bag);
}

/* Tars that are not bags, and files that are not tars, are not packages. */
static void
test_sniff_not_packages (Fixture       *f,
                         gconstpointer  data)
{
  g_autofree char *flat = write_tar (f, "flat.tar", archive_write_set_format_ustar,
                                     (const char *[]) { "bagit.txt", BAGIT, "data/a.txt", "a", NULL });
  g_autofree char *two = write_tar (f, "two.tar", archive_write_set_format_ustar,
                                    (const char *[]) { "a/x.txt", "x", "b/bagit.txt", BAGIT, NULL });
  g_autofree char *no_bagit = write_tar (f, "nobagit.tar", archive_write_set_format_ustar,
                                         (const char *[]) { "bag/", NULL, "bag/data/a.txt", "a", NULL });
  g_autofree char *not_bagit = write_tar (f, "notbagit.tar", archive_write_set_format_ustar,
                                          (const char *[]) { "bag/bagit.txt", "hello\n", NULL });
  g_autofree char *deep = write_tar (f, "deep.tar", archive_write_set_format_ustar,
                                     (const char *[]) { "bag/sub/bagit.txt", BAGIT, NULL });
  g_autofree char *text = reslib_test_write_file (f->dir, "a.tar", "just some text, named .tar\n", -1);
  g_autofree char *empty = reslib_test_write_file (f->dir, "empty.tar", "", 0);
  g_autofree char *many = NULL;
  g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func (g_free);
  char block[512];
  g_autofree char *bad_sum = NULL;
  g_autofree char *bad_sum_copy = NULL;
  gsize len = 0;

  g_assert_false (sniff_path (flat, NULL));
  g_assert_false (sniff_path (two, NULL));
  g_assert_false (sniff_path (no_bagit, NULL));
  g_assert_false (sniff_path (not_bagit, NULL));
  g_assert_false (sniff_path (deep, NULL));
  g_assert_false (sniff_path (text, NULL));
  g_assert_false (sniff_path (empty, NULL));

  /* bagit.txt after more headers than the sniff reads: not found, so not taken for a package. */
  for (guint i = 0; i < 100; i++)
    {
      g_ptr_array_add (entries, g_strdup_printf ("bag/data/%03u.txt", i));
      g_ptr_array_add (entries, g_strdup ("x"));
    }
  g_ptr_array_add (entries, g_strdup ("bag/bagit.txt"));
  g_ptr_array_add (entries, g_strdup (BAGIT));
  g_ptr_array_add (entries, NULL);
  many = write_tar (f, "many.tar", archive_write_set_format_ustar, (const char * const *) entries->pdata);
  g_assert_false (sniff_path (many, NULL));

  /* A header whose checksum is wrong is not a tar. */
  bad_sum = write_tar (f, "sum.tar", archive_write_set_format_ustar,
                       (const char *[]) { "bag/bagit.txt", BAGIT, NULL });
  g_assert_true (sniff_path (bad_sum, NULL));
  g_assert_true (g_file_get_contents (bad_sum, &bad_sum_copy, &len, NULL));
  memcpy (block, bad_sum_copy, sizeof block);
  block[0] = 'c';
  memcpy (bad_sum_copy, block, sizeof block);
  g_assert_true (g_file_set_contents (bad_sum, bad_sum_copy, (gssize) len, NULL));
  g_assert_false (sniff_path (bad_sum, NULL));
}

/* A file that cannot be read is an error, not a package. */
static void
test_sniff_unreadable (Fixture       *f,
                       gconstpointer  data)
{
  g_autofree char *missing = g_build_filename (f->dir, "missing.tar", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (missing);
  g_autoptr(GFile) folder = g_file_new_for_path (f->dir);
  g_autoptr(GError) error = NULL;

  g_assert_false (reslib_package_sniff (file, NULL, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (reslib_package_sniff (folder, NULL, NULL, &error));
  g_assert_nonnull (error);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);
  reslib_core_init ();

  g_test_add ("/package-sniff/real-package", Fixture, NULL, fixture_setup, test_sniff_real_package, fixture_teardown);
  g_test_add ("/package-sniff/other-tools", Fixture, NULL, fixture_setup, test_sniff_other_tools, fixture_teardown);
  g_test_add ("/package-sniff/not-packages", Fixture, NULL, fixture_setup, test_sniff_not_packages,
              fixture_teardown);
  g_test_add ("/package-sniff/unreadable", Fixture, NULL, fixture_setup, test_sniff_unreadable, fixture_teardown);

  return g_test_run ();
}
