/* test-package-stage.c — an import stages the package's files while verify reads them: the package is
 * read once, and nothing of a package that is not valid stays behind
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <archive.h>
#include <archive_entry.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <string.h>

#include "reslib-package.h"
#include "reslib-package-importer.h"
#include "reslib-test-bag.h"
#include "reslib-test-utils.h"

#define BIG_SIZE (16 * 1024 * 1024)

typedef struct
{
  char        *dir;
  char        *files;
  ReslibStore *a;           /* where the package comes from */
  ReslibStore *b;           /* where it goes */
  char        *project;
  char        *package;
} Fixture;

static char *
add_resource (Fixture    *f,
              const char *name,
              const char *contents,
              gssize      len)
{
  g_autoptr(ReslibImporter) importer = reslib_importer_new (f->a, f->project);
  g_autofree char *path = reslib_test_write_file (f->files, name, contents, len);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;

  reslib_importer_add_file (importer, file);
  g_assert_true (reslib_job_run (RESLIB_JOB (importer), NULL, &error));
  g_assert_no_error (error);

  return g_strdup (reslib_importer_get_resource_ids (importer)[0]);
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *a_dir = NULL;
  g_autofree char *b_dir = NULL;
  g_autofree char *big = g_malloc (BIG_SIZE);
  g_autoptr(GError) error = NULL;

  f->dir = reslib_test_make_tmp_dir ("reslib-package-stage-XXXXXX");
  a_dir = g_build_filename (f->dir, "a", NULL);
  b_dir = g_build_filename (f->dir, "b", NULL);
  f->files = g_build_filename (f->dir, "files", NULL);
  g_mkdir (f->files, 0700);
  f->a = reslib_test_open_store (a_dir);
  f->b = reslib_test_open_store (b_dir);
  f->project = reslib_test_new_project (f->a, "数控技术专业教学资源库");

  for (gsize i = 0; i < BIG_SIZE; i++)
    big[i] = (char) (i * 2654435761u >> 13);
  g_free (add_resource (f, "大视频.bin", big, BIG_SIZE));
  g_free (add_resource (f, "第一章 讲义.txt", "外圆车削的要点：\n1. 装夹\n", -1));
  g_free (add_resource (f, "讲义副本.txt", "外圆车削的要点：\n1. 装夹\n", -1));   /* the same blob */
  g_free (add_resource (f, "图 2.png", "\x89PNG not really", -1));

  f->package = g_build_filename (f->dir, "p.tar", NULL);
  reslib_test_approve_all (f->a, f->project);
  g_assert_true (reslib_test_pack (f->a, f->project, "progress", NULL, f->package, NULL, &error));
  g_assert_no_error (error);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_object (&f->a);
  g_clear_object (&f->b);
  reslib_test_rm_rf (f->dir);
  g_free (f->dir);
  g_free (f->files);
  g_free (f->project);
  g_free (f->package);
}

/* The bytes this process has read so far (read () and the like, whatever from). */
static guint64
bytes_read (void)
{
  g_autofree char *io = NULL;
  const char *rchar;

  g_assert_true (g_file_get_contents ("/proc/self/io", &io, NULL, NULL));
  rchar = strstr (io, "rchar: ");
  g_assert_nonnull (rchar);

  return g_ascii_strtoull (rchar + strlen ("rchar: "), NULL, 10);
}

static guint64
file_size (const char *path)
{
  GStatBuf st;

  g_assert_cmpint (g_stat (path, &st), ==, 0);

  return (guint64) st.st_size;
}

static void
list_files (const char *dir,
            GPtrArray  *out)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *child = g_build_filename (dir, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        list_files (child, out);
      else
        g_ptr_array_add (out, g_strdup (name));
    }
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(char * const *) a, *(char * const *) b);
}

/* The names of every file (not folder) under the store's blob folder, blobs/tmp included, sorted. */
static char *
blob_files (ReslibStore *store)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GString) out = g_string_new (NULL);

  list_files (reslib_store_get_blob_dir (store), names);
  g_ptr_array_sort (names, compare_names);
  for (guint i = 0; i < names->len; i++)
    g_string_append_printf (out, "%s\n", (char *) g_ptr_array_index (names, i));

  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* What a progress report saw in the stage: a file being written there. */
typedef struct
{
  ReslibStore  *store;
  GCancellable *cancel;      /* cancelled at the first report of a file, when set */
  gboolean      staging;     /* a report came while a file was in the stage */
} Watch;

static void
watch_progress (const ReslibProgress *progress,
                gpointer              user_data)
{
  Watch *w = user_data;
  g_autofree char *tmp = g_build_filename (reslib_store_get_blob_dir (w->store), "tmp", NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);

  if (progress->current == NULL)
    return;
  list_files (tmp, names);
  for (guint i = 0; i < names->len; i++)
    if (g_str_has_prefix (g_ptr_array_index (names, i), "import-"))
      w->staging = TRUE;
  if (w->cancel != NULL)
    g_cancellable_cancel (w->cancel);
}

/* Imports @path into @store with an importer of its own, previewed first when @preview; returns the bytes
 * the process read meanwhile. */
static guint64
import_counting (ReslibStore *store,
                 const char  *path,
                 gboolean     preview)
{
  g_autoptr(ReslibPackageImporter) importer = reslib_package_importer_new (store, path);
  g_autoptr(GError) error = NULL;
  guint64 before = bytes_read ();

  if (preview)
    {
      reslib_package_importer_set_preview (importer, TRUE);
      g_assert_true (reslib_job_run (RESLIB_JOB (importer), NULL, &error));
      g_assert_no_error (error);
      reslib_package_importer_set_preview (importer, FALSE);
    }
  g_assert_true (reslib_job_run (RESLIB_JOB (importer), NULL, &error));
  g_assert_no_error (error);
  g_assert_nonnull (reslib_package_importer_get_report (importer));

  return bytes_read () - before;
}

/* An import reads the package once; imported after a preview by the same importer, twice. Either way the
 * store ends with the package's blobs and nothing else. */
static void
test_read_once (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *c_dir = g_build_filename (f->dir, "c", NULL);
  g_autoptr(ReslibStore) c = reslib_test_open_store (c_dir);
  g_autofree char *expected = blob_files (f->a);
  g_autofree char *in_b = NULL, *in_c = NULL;
  guint64 size = file_size (f->package);
  guint64 once = import_counting (f->b, f->package, FALSE);
  guint64 twice = import_counting (c, f->package, TRUE);

  g_test_message ("package of %" G_GUINT64_FORMAT " bytes; the import read %" G_GUINT64_FORMAT
                  ", the preview and the import %" G_GUINT64_FORMAT, size, once, twice);
  g_assert_cmpuint (once, >=, size);
  g_assert_cmpuint (once, <, size + size / 4);
  g_assert_cmpuint (twice, >=, 2 * size);
  g_assert_cmpuint (twice, <, 2 * size + size / 4);
  in_b = blob_files (f->b);
  in_c = blob_files (c);
  g_assert_cmpstr (in_b, ==, expected);
  g_assert_cmpstr (in_c, ==, expected);
}

/* A package whose payload file does not match its checksum in manifest-sha256.txt (which comes after the
 * payload, when the file was staged already) is refused, and the store is as it was: no staged file
 * stays, none is published. Cancelled while it stages, the same. */
static void
test_refused_after_staging (Fixture       *f,
                            gconstpointer  data)
{
  g_autofree char *tampered = g_build_filename (f->dir, "tampered.tar", NULL);
  g_autofree char *contents = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  gsize len = 0;
  char *at;

  /* Something in the store already, so "nothing changed" means something. */
  {
    g_autofree char *small = g_build_filename (f->dir, "small.tar", NULL);
    g_autofree char *other = add_resource (f, "其他.txt", "另一个文件", -1);
    g_autoptr(GError) error = NULL;
    g_autoptr(ReslibImportReport) report = NULL;

    g_assert_true (reslib_test_pack (f->a, f->project, "contribution", (const char * const[]) { other, NULL },
                                     small, NULL, &error));
    g_assert_no_error (error);
    report = reslib_test_import_package (f->b, small, NULL, &error);
    g_assert_no_error (error);
    g_assert_nonnull (report);
  }
  before = blob_files (f->b);
  g_assert_cmpstr (before, !=, "");

  g_assert_true (g_file_get_contents (f->package, &contents, &len, NULL));
  at = memmem (contents, len, "\x89PNG not really", strlen ("\x89PNG not really"));
  g_assert_nonnull (at);
  at[1] = 'X';
  g_assert_true (g_file_set_contents (tampered, contents, (gssize) len, NULL));

  for (guint round = 0; round < 2; round++)
    {
      g_autoptr(ReslibPackageImporter) importer = reslib_package_importer_new (f->b, round == 0 ? tampered : f->package);
      g_autoptr(GCancellable) cancellable = g_cancellable_new ();
      g_autoptr(GError) error = NULL;
      Watch w = { f->b, round == 1 ? cancellable : NULL, FALSE };

      reslib_job_set_progress_func (RESLIB_JOB (importer), watch_progress, &w, NULL);
      g_assert_false (reslib_job_run (RESLIB_JOB (importer), cancellable, &error));
      if (round == 0)
        {
          g_assert_error (error, RESLIB_ERROR, RESLIB_ERROR_BAD_FILE);
          g_assert_nonnull (reslib_package_importer_get_problems (importer));
        }
      else
        g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
      g_assert_null (reslib_package_importer_get_report (importer));
      /* The files were being staged before the package was found bad (or the import cancelled)… */
      g_assert_true (w.staging);
      /* …and none of them stays. */
      g_clear_pointer (&after, g_free);
      after = blob_files (f->b);
      g_assert_cmpstr (after, ==, before);
    }
}

/* A tar with data/manifest.json after the resources' files, and a file under data/resources/ that no
 * resource has (listed in manifest-sha256.txt, so the bag is valid): every file is staged before the
 * manifest says which are the resources', and what is not a resource's file is not kept. */
static void
reorder (const char *src,
         const char *dest,
         const char *extra_name,
         const char *extra_text)
{
  const ReslibTestRebag how = { .extra_name = extra_name, .extra_text = extra_text, .manifest_json_last = TRUE };

  reslib_test_rebag (src, dest, &how);
}

static void
test_manifest_last (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->dir, "reordered.tar", NULL);
  g_autofree char *expected = blob_files (f->a);
  g_autofree char *extra_sha = g_compute_checksum_for_string (G_CHECKSUM_SHA256, "不属于任何资源的文件", -1);
  g_autofree char *in_b = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;
  guint64 size, read;

  reorder (f->package, path, "data/resources/extra/notes.txt", "不属于任何资源的文件");
  if (!reslib_package_verify (path, &problems, NULL, NULL, &error))
    for (guint i = 0; problems != NULL && i < problems->len; i++)
      g_test_message ("problem: %s", (char *) g_ptr_array_index (problems, i));
  g_assert_no_error (error);
  size = file_size (path);
  read = import_counting (f->b, path, FALSE);
  g_test_message ("package of %" G_GUINT64_FORMAT " bytes, the import read %" G_GUINT64_FORMAT, size, read);
  g_assert_cmpuint (read, <, size + size / 4);
  in_b = blob_files (f->b);
  g_assert_cmpstr (in_b, ==, expected);
  /* A blob's file is named after its digest, less the two characters of its folder. */
  g_assert_null (strstr (in_b, extra_sha + 2));
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_setenv ("SOURCE_DATE_EPOCH", "1700000000", TRUE);
  g_test_init (&argc, &argv, NULL);
  reslib_core_init ();

  g_test_add ("/package-stage/read-once", Fixture, NULL, fixture_setup, test_read_once, fixture_teardown);
  g_test_add ("/package-stage/refused-after-staging", Fixture, NULL, fixture_setup, test_refused_after_staging,
              fixture_teardown);
  g_test_add ("/package-stage/manifest-last", Fixture, NULL, fixture_setup, test_manifest_last, fixture_teardown);

  return g_test_run ();
}
