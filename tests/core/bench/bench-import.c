/* bench-import.c — import of 2 GiB in 2,000 files against `cp -r` + `openssl dgst -sha256`
 *
 * Target (issue: foundation): import wall time ≤ 0.75 × (cp -r + openssl dgst) on the same files, same run.
 * Sizes can be reduced for a quick look: BENCH_IMPORT_FILES and BENCH_IMPORT_FILE_KIB.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "reslib-test-utils.h"

#define TARGET_RATIO 0.75
#define ROUNDS 3

static guint
env_uint (const char *name,
          guint       fallback)
{
  const char *v = g_getenv (name);

  return v != NULL ? (guint) g_ascii_strtoull (v, NULL, 10) : fallback;
}

static void
make_files (const char *dir,
            guint       n_files,
            gsize       file_size)
{
  g_autofree guint8 *buffer = g_malloc (file_size);
  GRand *rand = g_rand_new_with_seed (42);

  for (guint i = 0; i < n_files; i++)
    {
      g_autofree char *sub = g_strdup_printf ("%s/folder-%02u", dir, i / 100);
      g_autofree char *path = g_strdup_printf ("%s/file-%05u.bin", sub, i);
      guint32 *words = (guint32 *) buffer;

      for (gsize w = 0; w < file_size / 4; w++)
        words[w] = g_rand_int (rand);
      g_mkdir_with_parents (sub, 0700);
      g_assert_true (g_file_set_contents (path, (const char *) buffer, file_size, NULL));
    }
  g_rand_free (rand);
}

static double
run_shell (const char *command)
{
  gint64 start = g_get_monotonic_time ();
  int status = system (command);

  g_assert_cmpint (status, ==, 0);
  return (g_get_monotonic_time () - start) / 1e6;
}

static void
drop_dirty_pages (void)
{
  /* Not timed: write back what the previous round left dirty, so each round starts equal. */
  sync ();
}

static double
time_baseline (const char *src,
               const char *dest)
{
  g_autofree char *cp = g_strdup_printf ("cp -r '%s' '%s'", src, dest);
  g_autofree char *dgst = g_strdup_printf ("find '%s' -type f -exec openssl dgst -sha256 {} + > /dev/null", src);
  g_autofree char *rm = g_strdup_printf ("rm -rf '%s'", dest);
  double t;

  t = run_shell (cp);
  t += run_shell (dgst);
  run_shell (rm);
  drop_dirty_pages ();

  return t;
}

static double
time_import (const char *src,
             const char *data_dir,
             guint       n_files)
{
  g_autoptr(ReslibStore) store = reslib_test_open_store (data_dir);
  g_autofree char *project = reslib_test_new_project (store, "bench");
  g_autoptr(ReslibImporter) importer = reslib_importer_new (store, project);
  g_autoptr(GFile) file = g_file_new_for_path (src);
  g_autoptr(GError) error = NULL;
  gint64 start;
  double t;

  reslib_importer_add_file (importer, file);
  start = g_get_monotonic_time ();
  g_assert_true (reslib_job_run (RESLIB_JOB (importer), NULL, &error));
  t = (g_get_monotonic_time () - start) / 1e6;
  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length ((char **) reslib_importer_get_resource_ids (importer)), ==, n_files);
  g_clear_object (&store);
  reslib_test_rm_rf (data_dir);
  drop_dirty_pages ();

  return t;
}

static int
compare_doubles (const void *a,
                 const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return (x > y) - (x < y);
}

int
main (int   argc,
      char *argv[])
{
  guint n_files = env_uint ("BENCH_IMPORT_FILES", 2000);
  gsize file_size = (gsize) env_uint ("BENCH_IMPORT_FILE_KIB", 1024) * 1024;
  g_autofree char *dir = NULL;
  g_autofree char *src = NULL;
  g_autofree char *dest = NULL;
  g_autofree char *data_dir = NULL;
  double base[ROUNDS], ours[ROUNDS], ratio;
  const char *tmp = g_getenv ("BENCH_TMPDIR");

  setlocale (LC_ALL, "");
  reslib_core_init ();

  dir = g_build_filename (tmp != NULL ? tmp : "/var/tmp", "reslib-bench-import-XXXXXX", NULL);
  g_assert_nonnull (g_mkdtemp (dir));
  src = g_build_filename (dir, "src", NULL);
  dest = g_build_filename (dir, "copy", NULL);
  data_dir = g_build_filename (dir, "store", NULL);

  g_print ("# making %u files of %zu KiB in %s\n", n_files, file_size / 1024, dir);
  make_files (src, n_files, file_size);
  drop_dirty_pages ();

  /* One untimed round of each warms the page cache and the allocator for both. */
  time_baseline (src, dest);
  time_import (src, data_dir, n_files);

  for (guint r = 0; r < ROUNDS; r++)
    {
      base[r] = time_baseline (src, dest);
      ours[r] = time_import (src, data_dir, n_files);
      g_print ("# round %u: cp -r + openssl dgst %.3f s, reslib import %.3f s\n", r + 1, base[r], ours[r]);
    }
  qsort (base, ROUNDS, sizeof (double), compare_doubles);
  qsort (ours, ROUNDS, sizeof (double), compare_doubles);
  ratio = ours[ROUNDS / 2] / base[ROUNDS / 2];

  g_print ("import of %u files, %.2f GiB: median %.3f s (%.0f MiB/s); cp -r + openssl dgst -sha256: median %.3f s; "
           "ratio %.3f (target <= %.2f)\n",
           n_files, (double) n_files * file_size / (1 << 30), ours[ROUNDS / 2],
           (double) n_files * file_size / (1 << 20) / ours[ROUNDS / 2], base[ROUNDS / 2], ratio, TARGET_RATIO);

  reslib_test_rm_rf (dir);

  return ratio <= TARGET_RATIO ? 0 : 1;
}
