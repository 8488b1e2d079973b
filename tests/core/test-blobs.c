/* test-blobs.c — content-addressed blob files: staged, published, recovered, checked
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <locale.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "reslib-blobs.h"
#include "reslib-test-utils.h"

typedef struct
{
  char        *dir;
  char        *files;
  ReslibStore *store;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *data_dir = NULL;

  f->dir = reslib_test_make_tmp_dir ("reslib-blobs-XXXXXX");
  f->files = g_build_filename (f->dir, "files", NULL);
  g_mkdir (f->files, 0700);
  data_dir = g_build_filename (f->dir, "data", NULL);
  f->store = reslib_test_open_store (data_dir);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_object (&f->store);
  reslib_test_rm_rf (f->dir);
  g_free (f->files);
  g_free (f->dir);
}

/* Copies @contents into the stage as a file of its own; returns its digest. */
static char *
stage_text (Fixture         *f,
            ReslibBlobStage *stage,
            const char      *name,
            const char      *contents)
{
  g_autofree char *path = reslib_test_write_file (f->files, name, contents, -1);
  g_autoptr(GError) error = NULL;
  ReslibBlobInfo info;

  g_assert_true (_reslib_blob_stage_copy (stage, path, name, &info, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (info.size, ==, strlen (contents));
  g_assert_cmpuint (info.head_len, ==, MIN (strlen (contents), RESLIB_SNIFF_SIZE));
  g_assert_cmpmem (info.head, info.head_len, contents, info.head_len);

  return g_strdup (info.sha256);
}

/* Records blobs as an import's transaction does, so that publishing and recovery keep them. */
static void
add_rows (Fixture            *f,
          const char * const *digests)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (reslib_store_begin (f->store, &error));
  for (guint i = 0; digests[i] != NULL; i++)
    {
      gboolean existed = FALSE;

      g_assert_true (_reslib_store_add_blob (f->store, digests[i], 1, "text/plain", &existed, &error));
      g_assert_no_error (error);
    }
  g_assert_true (reslib_store_commit (f->store, &error));
  g_assert_no_error (error);
}

static guint
count_published (Fixture *f)
{
  g_autofree char *tmp = g_build_filename (reslib_store_get_blob_dir (f->store), "tmp", NULL);

  return reslib_test_count_files (reslib_store_get_blob_dir (f->store)) - reslib_test_count_files (tmp);
}

/* A blob is named by the SHA-256 of its bytes and holds exactly them; the same bytes twice are one blob. */
static void
test_content_addressed (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ReslibBlobStage) stage = _reslib_blob_stage_new (f->store, &error);
  g_autofree char *a = NULL, *same = NULL, *b = NULL, *expected = NULL, *path = NULL, *stored = NULL;
  char sha256[65];
  guint64 size = 0;

  g_assert_no_error (error);
  a = stage_text (f, stage, "a.txt", "外圆车削\n");
  same = stage_text (f, stage, "copy of a.txt", "外圆车削\n");
  b = stage_text (f, stage, "b.txt", "内孔车削\n");
  expected = g_compute_checksum_for_string (G_CHECKSUM_SHA256, "外圆车削\n", -1);
  g_assert_cmpstr (a, ==, expected);
  g_assert_cmpstr (same, ==, a);
  g_assert_cmpstr (b, !=, a);

  add_rows (f, (const char * const[]) { a, b, NULL });
  g_assert_true (_reslib_blob_stage_sync (stage, &error));
  g_assert_true (_reslib_blob_stage_publish (stage, &error));
  g_assert_no_error (error);
  g_clear_pointer (&stage, _reslib_blob_stage_free);

  g_assert_cmpuint (count_published (f), ==, 2);
  path = reslib_store_get_blob_path (f->store, a);
  g_assert_true (g_file_get_contents (path, &stored, NULL, NULL));
  g_assert_cmpstr (stored, ==, "外圆车削\n");
  g_assert_true (reslib_blob_hash_file (path, sha256, &size, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (sha256, ==, a);
  g_assert_cmpuint (size, ==, strlen ("外圆车削\n"));
}

/* A stage that is dropped before it is published leaves nothing, in blobs/ or in blobs/tmp. */
static void
test_staged_not_published (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  ReslibBlobStage *stage = _reslib_blob_stage_new (f->store, &error);
  g_autofree char *a = NULL;
  g_autofree char *tmp = g_build_filename (reslib_store_get_blob_dir (f->store), "tmp", NULL);

  g_assert_no_error (error);
  a = stage_text (f, stage, "a.txt", "draft");
  g_assert_cmpuint (reslib_test_count_files (tmp), >=, 1);
  _reslib_blob_stage_free (stage);
  g_assert_cmpuint (reslib_test_count_files (tmp), ==, 0);
  g_assert_cmpuint (count_published (f), ==, 0);
}

/* An import killed after its rows were committed, before it published: the next open publishes the
 * blobs the store has rows for and removes the others. */
static void
test_recovery (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *kept = g_compute_checksum_for_string (G_CHECKSUM_SHA256, "committed", -1);
  g_autofree char *dropped = g_compute_checksum_for_string (G_CHECKSUM_SHA256, "not committed", -1);
  g_autofree char *tmp = g_build_filename (reslib_store_get_blob_dir (f->store), "tmp", NULL);
  g_autoptr(GError) error = NULL;
  int status = 0;
  pid_t pid = fork ();

  g_assert_cmpint (pid, >=, 0);
  if (pid == 0)
    {
      /* The importer: stages both files, then dies without a word. */
      ReslibBlobStage *stage = _reslib_blob_stage_new (f->store, NULL);

      if (stage == NULL)
        _exit (1);
      g_free (stage_text (f, stage, "kept.txt", "committed"));
      g_free (stage_text (f, stage, "dropped.txt", "not committed"));
      _exit (0);
    }
  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
  g_assert_true (WIFEXITED (status) && WEXITSTATUS (status) == 0);
  g_assert_cmpuint (reslib_test_count_files (tmp), >=, 2);

  add_rows (f, (const char * const[]) { kept, NULL });
  g_assert_true (_reslib_blobs_recover (f->store, &error));
  g_assert_no_error (error);

  g_assert_cmpuint (reslib_test_count_files (tmp), ==, 0);
  g_assert_cmpuint (count_published (f), ==, 1);
  {
    g_autofree char *kept_path = reslib_store_get_blob_path (f->store, kept);
    g_autofree char *dropped_path = reslib_store_get_blob_path (f->store, dropped);

    g_assert_true (g_file_test (kept_path, G_FILE_TEST_IS_REGULAR));
    g_assert_false (g_file_test (dropped_path, G_FILE_TEST_EXISTS));
  }
}

/* A blob whose bytes changed on disk no longer hashes to its name. */
static void
test_corrupted (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ReslibBlobStage) stage = _reslib_blob_stage_new (f->store, &error);
  g_autofree char *a = stage_text (f, stage, "a.txt", "外圆车削\n");
  g_autofree char *path = NULL;
  char sha256[65];

  add_rows (f, (const char * const[]) { a, NULL });
  g_assert_true (_reslib_blob_stage_publish (stage, &error));
  g_assert_no_error (error);
  path = reslib_store_get_blob_path (f->store, a);
  g_chmod (path, 0600);
  g_assert_true (g_file_set_contents (path, "外圆车削!\n", -1, NULL));

  g_assert_true (reslib_blob_hash_file (path, sha256, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (sha256, !=, a);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);
  reslib_core_init ();

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/blobs/content-addressed", test_content_addressed);
  ADD ("/blobs/staged-not-published", test_staged_not_published);
  ADD ("/blobs/recovery", test_recovery);
  ADD ("/blobs/corrupted", test_corrupted);
#undef ADD

  return g_test_run ();
}
