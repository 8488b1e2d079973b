/* bench-sheet.c — resource import-sheet of 20,000 and 100,000 rows: time and peak memory
 *
 * Target (issue 17): a sheet of 20,000 rows imports in ≤ 2 s of CPU time (user and system, from the
 * child's getrusage: on a shared machine its wall time is mostly waiting), in memory that does not grow
 * with the sheet's rows. Each row changes one resource's description; the sheet is an xlsx written by
 * openpyxl (skipped without it) and read by `reslib resource import-sheet`, run as its own process so
 * that its peak RSS (wait4) is the import's alone. Printed: rows, seconds and peak RSS for the dry run
 * and the real run. Checked: the CPU time of 20,000 rows, and the peak RSS of 100,000 rows against that
 * of 20,000 (dry run and import each), which stays the same when nothing is kept per row.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <locale.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>

#include "reslib-sheet-import.h"
#include "reslib-test-utils.h"

/* CPU seconds (user + system) of the import of 20,000 rows. */
#define TARGET_CPU_SECONDS 2.0
/* Memory that does not grow with the sheet: the peak RSS of a run of 100,000 rows at most this many
 * times that of 20,000 rows (the dry run's and the import's each). */
#define TARGET_PEAK_RATIO 1.2

/* What bench() measured. */
typedef struct
{
  double cpu;        /* the import's CPU seconds */
  double dry_rss;    /* peak RSS in MiB */
  double real_rss;
} Figures;

static double
cpu_seconds (const struct rusage *usage)
{
  return usage->ru_utime.tv_sec + usage->ru_stime.tv_sec + (usage->ru_utime.tv_usec + usage->ru_stime.tv_usec) / 1e6;
}

/* This program's path: it runs reslib through a copy of itself (measure()). */
static const char *self_path;

/* `bench-sheet --measure PROGRAM ARGS…`: runs PROGRAM and prints its peak RSS in KiB and its CPU seconds.
 * On Linux a child's ru_maxrss counts the memory of the process it was forked from, up to its exec: a
 * child of the benchmark, which holds the store it has just filled, would show the benchmark's peak (a
 * peak that grows with the rows, ~110 MiB at 100,000 rows, whatever reslib keeps). This copy is small
 * when it forks reslib. */
static int
measure (char **argv)
{
  g_autoptr(GError) error = NULL;
  struct rusage usage;
  GPid pid;
  int status;

  g_spawn_async (NULL, argv, NULL, G_SPAWN_DO_NOT_REAP_CHILD | G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL, &pid,
                 &error);
  if (error != NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  if (wait4 (pid, &status, 0, &usage) != pid || !WIFEXITED (status))
    return 1;
  /* Before setlocale (): a decimal point. */
  printf ("%ld %.6f\n", usage.ru_maxrss, cpu_seconds (&usage));

  return WEXITSTATUS (status);
}

/* Runs reslib with @args; returns its wall time, its peak RSS in MiB in @rss and its CPU seconds (user and
 * system) in @cpu: on a busy machine the wall time is mostly waiting. */
static double
run_reslib (const char * const *args,
            double             *rss,
            double             *cpu)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_auto(GStrv) words = NULL;
  int status;
  gint64 start = g_get_monotonic_time ();

  g_ptr_array_add (argv, (gpointer) self_path);
  g_ptr_array_add (argv, (gpointer) "--measure");
  g_ptr_array_add (argv, (gpointer) RESLIB_CLI_PATH);
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);
  g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, &error));
  g_assert_no_error (error);
  words = g_strsplit_set (g_strstrip (out), " \n", -1);
  g_assert_cmpuint (g_strv_length (words), ==, 2);
  *rss = g_ascii_strtod (words[0], NULL) / 1024.0;
  *cpu = g_ascii_strtod (words[1], NULL);

  return (g_get_monotonic_time () - start) / 1e6;
}


static Figures
bench (guint n)
{
  g_autofree char *dir = reslib_test_make_tmp_dir ("bench-sheet-XXXXXX");
  g_autofree char *data_dir = g_build_filename (dir, "data", NULL);
  g_autofree char *csv = g_build_filename (dir, "sheet.csv", NULL);
  g_autofree char *xlsx = NULL, *project = NULL;
  g_autoptr(GString) text = g_string_new ("\xef\xbb\xbf文件名,简介,关键词\n");
  g_autoptr(GError) error = NULL;
  double dry_rss, real_rss, dry_s, real_s, dry_cpu, real_cpu;

  {
    g_autoptr(ReslibStore) store = reslib_test_open_store (data_dir);

    project = reslib_test_new_project (store, "表格基准");
    reslib_test_fill_resources_bulk (store, project, n, FALSE, TRUE);
  }
  for (guint i = 0; i < n; i++)
    g_string_append_printf (text, "resource-%06u.mp4,第 %u 个资源的新简介：讲解数控机床的操作要点。,数控、机床\n", i, i);
  g_assert_true (g_file_set_contents (csv, text->str, (gssize) text->len, &error));
  xlsx = reslib_test_make_sheet (dir, "sheet.xlsx", "csv2xlsx", csv);
  /* BENCH_SHEET_KEEP: the store before the import is kept too, to run the import again (under a profiler):
   * `cp -a DIR/data-before DIR/data && reslib --data-dir DIR/data resource import-sheet PROJECT DIR/sheet.xlsx`. */
  if (g_getenv ("BENCH_SHEET_KEEP") != NULL)
    {
      g_autofree char *before = g_build_filename (dir, "data-before", NULL);
      const char *argv[] = { "cp", "-a", data_dir, before, NULL };
      int status;

      g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL, &status, &error);
      g_assert_no_error (error);
      g_assert_true (g_spawn_check_wait_status (status, &error));
      g_print ("project %s\n", project);
    }

  dry_s = run_reslib ((const char *[]) { "--data-dir", data_dir, "resource", "import-sheet", project, xlsx,
                                         "--dry-run", NULL }, &dry_rss, &dry_cpu);
  real_s = run_reslib ((const char *[]) { "--data-dir", data_dir, "resource", "import-sheet", project, xlsx, NULL },
                       &real_rss, &real_cpu);
  g_print ("%7u rows: dry run %.2f s (CPU %.2f s), %.0f MiB peak; import %.2f s (CPU %.2f s), %.0f MiB peak\n", n,
           dry_s, dry_cpu, dry_rss, real_s, real_cpu, real_rss);
  /* Ctrl+Z of such an import: the sheet again with other descriptions and keywords, imported in this
   * process (the undo step lives in memory), then undone. */
  {
    g_autoptr(ReslibStore) store = reslib_test_open_store (data_dir);
    g_autoptr(ReslibSheetImport) job = NULL;
    g_autoptr(ReslibUndoStep) inverse = NULL;
    g_autoptr(GString) again = g_string_new ("\xef\xbb\xbf文件名,简介,关键词\n");
    struct rusage before, after;
    gint64 start;

    for (guint i = 0; i < n; i++)
      g_string_append_printf (again, "resource-%06u.mp4,第 %u 个资源改过的简介。,车床、铣床\n", i, i);
    g_assert_true (g_file_set_contents (csv, again->str, (gssize) again->len, &error));
    job = reslib_sheet_import_new (store, project, csv);
    g_assert_true (reslib_job_run (RESLIB_JOB (job), NULL, &error));
    g_assert_no_error (error);
    g_assert_true (reslib_sheet_import_get_applied (job));
    start = g_get_monotonic_time ();
    g_assert_cmpint (getrusage (RUSAGE_SELF, &before), ==, 0);
    inverse = reslib_store_undo (store, reslib_sheet_import_get_undo_step (job), &error);
    g_assert_cmpint (getrusage (RUSAGE_SELF, &after), ==, 0);
    g_assert_no_error (error);
    g_print ("%7u rows: undo %.2f s (CPU %.2f s)\n", n, (g_get_monotonic_time () - start) / 1e6,
             cpu_seconds (&after) - cpu_seconds (&before));
  }
  if (g_getenv ("BENCH_SHEET_KEEP") != NULL)
    g_print ("kept %s\n", dir);
  else
    reslib_test_rm_rf (dir);

  return (Figures) { real_cpu, dry_rss, real_rss };
}

int
main (int   argc,
      char *argv[])
{
  Figures small, large;
  double dry_ratio, real_ratio;
  gboolean cpu_ok, memory_ok;

  /* g_print() writes in the locale's charset: without this, "≤" comes out as "?" even in C.UTF-8. */
  if (argc > 2 && strcmp (argv[1], "--measure") == 0)
    return measure (argv + 2);
  self_path = argv[0];
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);
  if (reslib_test_openpyxl_python () == NULL)
    {
      g_print ("1..0 # SKIP python3 with openpyxl (Debian: python3-openpyxl) is not installed\n");
      return 0;
    }
  /* BENCH_SHEET_ROWS=N: one run of N rows only (for profiling). */
  if (g_getenv ("BENCH_SHEET_ROWS") != NULL)
    {
      bench ((guint) g_ascii_strtoull (g_getenv ("BENCH_SHEET_ROWS"), NULL, 10));
      return 0;
    }
  small = bench (20000);
  large = bench (100000);
  cpu_ok = small.cpu <= TARGET_CPU_SECONDS;
  dry_ratio = large.dry_rss / small.dry_rss;
  real_ratio = large.real_rss / small.real_rss;
  memory_ok = dry_ratio <= TARGET_PEAK_RATIO && real_ratio <= TARGET_PEAK_RATIO;
  g_print ("20,000 rows imported in %.2f s of CPU (target ≤ %.1f s): %s\n", small.cpu, TARGET_CPU_SECONDS,
           cpu_ok ? "ok" : "MISSED");
  g_print ("peak RSS, 100,000 rows against 20,000: dry run %.0f / %.0f MiB (× %.2f), import %.0f / %.0f MiB "
           "(× %.2f) (target ≤ × %.1f): %s\n", large.dry_rss, small.dry_rss, dry_ratio, large.real_rss,
           small.real_rss, real_ratio, TARGET_PEAK_RATIO, memory_ok ? "ok" : "MISSED");

  return cpu_ok && memory_ok ? 0 : 1;
}
