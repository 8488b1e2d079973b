/* bench-package-import.c — the memory and time of verifying and importing a big contribution
 *
 * Targets (issue: packages every tool opens, "Import in constant memory"):
 *  - peak RSS of `reslib verify` and of `reslib import` of a contribution of N small resources ≤ 64 MiB;
 *  - `reslib import` ≤ 1.5 × `tar -xf` + `sha256sum` of every extracted file, same package, same run: the
 *    median of the rounds' ratios, of the wall time and of the CPU time (user + system, children included).
 * Two shapes of package: BENCH_PKG_RESOURCES, a comma-separated list of numbers of small resources (20000
 * and 100000 by default, the sizes; each resource is a folder and a file in the tar, within
 * verify's RESLIB_PACKAGE_MAX_ENTRIES entries whose names add up to at most RESLIB_PACKAGE_MAX_NAMES_SIZE),
 * where the records dominate; and BENCH_PKG_BIG, FILESxMIB ("32x16" by default, "0" for none), a few big
 * files of random content, where reading, hashing and writing the bytes dominate. BENCH_PKG_ROUNDS rounds
 * (5) of each, the reference and the import alternating; min, median and max are printed, and the benchmark
 * fails (exit status 1) unless every shape meets both targets. BENCH_TMPDIR
 * chooses where the data goes (/var/tmp by default). Every command runs as a child process (`reslib` as a
 * user runs it, the reference through sh), its peak RSS and CPU time read from wait4 (); the store and the
 * package are made in a child too, so nothing this process holds counts. With BENCH_PKG_KEEP=1 the package
 * and its store are kept for profiling; BENCH_PKG_REUSE=DIR makes the packages in DIR once and reuses them
 * in later runs (to compare two builds on the same packages; DIR is not removed), BENCH_PKG_RESLIB another
 * `reslib` to time. The import makes its files
 * durable (one syncfs) before it commits, which `tar -xf` does not; both start after a sync. What a round
 * made is set aside, not removed, until every shape is measured (see set_aside ()): the disk needs room for
 * all rounds of every shape, about 12 KiB per resource and round.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <fcntl.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include "reslib-package.h"
#include "reslib-test-utils.h"

#define TARGET_RSS_KIB (64 * 1024)
#define TARGET_RATIO   1.5
#define MAX_ROUNDS     15

static const char *reslib_cli = RESLIB_CLI_PATH;

static guint
env_uint (const char *name,
          guint       fallback)
{
  const char *v = g_getenv (name);

  return v != NULL ? (guint) g_ascii_strtoull (v, NULL, 10) : fallback;
}

typedef struct
{
  double seconds;
  double cpu;            /* user + system, of the child and the children it waited for */
  long   max_rss_kib;
} Run;

/* Runs @argv (NULL-terminated) with its standard output thrown away; waits for it and fails unless it
 * exits with 0. */
static Run
run_child (const char * const *argv)
{
  struct rusage usage = { 0 };
  gint64 start = g_get_monotonic_time ();
  int status = 0;
  pid_t pid = fork ();
  Run r;

  g_assert_cmpint (pid, >=, 0);
  if (pid == 0)
    {
      int null_fd = open ("/dev/null", O_WRONLY);

      if (null_fd >= 0)
        dup2 (null_fd, STDOUT_FILENO);
      execv (argv[0], (char **) argv);
      _exit (127);
    }
  g_assert_cmpint (wait4 (pid, &status, 0, &usage), ==, pid);
  r.seconds = (g_get_monotonic_time () - start) / 1e6;
  r.cpu = usage.ru_utime.tv_sec + usage.ru_utime.tv_usec / 1e6 + usage.ru_stime.tv_sec + usage.ru_stime.tv_usec / 1e6;
  r.max_rss_kib = usage.ru_maxrss;
  if (!WIFEXITED (status) || WEXITSTATUS (status) != 0)
    {
      g_printerr ("%s %s exited with %d\n", argv[0], argv[1], WIFEXITED (status) ? WEXITSTATUS (status) : -1);
      g_assert_not_reached ();
    }

  return r;
}

/* In a child: a store at @data_dir with one project of @n resources, packed as a contribution at @package.
 * Small resources (@file_size 0) each get a small file of their own, written straight into the store
 * (reslib_test_fill_file_resources(): seconds for 100,000, where importing as many files takes many
 * minutes); big ones are @file_size bytes of random content each, imported from a folder. */
static void
make_package (const char *dir,
              const char *data_dir,
              const char *package,
              guint       n,
              gsize       file_size)
{
  g_autofree char *src = g_build_filename (dir, "src", NULL);
  g_autofree char *project = NULL;
  int status = 0;
  pid_t pid = fork ();

  g_assert_cmpint (pid, >=, 0);
  if (pid == 0)
    {
      g_autoptr(ReslibStore) store = NULL;
      g_autoptr(ReslibImporter) importer = NULL;
      g_autoptr(GFile) file = g_file_new_for_path (src);
      g_autoptr(GError) error = NULL;
      g_autofree char *id = NULL;
      g_autofree guint32 *random = file_size > 0 ? g_new (guint32, file_size / 4 + 1) : NULL;
      GRand *rand = g_rand_new_with_seed (n);

      store = reslib_test_open_store (data_dir);
      id = reslib_test_new_project (store, "bench");
      if (file_size == 0)
        {
          reslib_test_fill_file_resources (store, id, n, "课件");
          g_clear_object (&store);
          g_assert_true (g_file_set_contents (package, id, -1, NULL));
          _exit (0);
        }
      for (guint i = 0; i < n; i++)
        {
          g_autofree char *sub = g_strdup_printf ("%s/folder-%03u", src, i / 1000);
          g_autofree char *path = g_strdup_printf ("%s/课件-%06u.%s", sub, i, file_size > 0 ? "bin" : "txt");

          if (i % 1000 == 0)
            g_mkdir_with_parents (sub, 0700);
          if (file_size > 0)
            {
              for (gsize w = 0; w < file_size / 4 + 1; w++)
                random[w] = g_rand_int (rand);
              g_assert_true (g_file_set_contents (path, (const char *) random, (gssize) file_size, NULL));
            }
          else
            {
              g_autofree char *text = g_strdup_printf ("small file %u\n", i);

              g_assert_true (g_file_set_contents (path, text, -1, NULL));
            }
        }
      g_rand_free (rand);
      importer = reslib_importer_new (store, id);
      reslib_importer_add_file (importer, file);
      g_assert_true (reslib_job_run (RESLIB_JOB (importer), NULL, &error));
      g_assert_no_error (error);
      g_assert_cmpuint (g_strv_length ((char **) reslib_importer_get_resource_ids (importer)), ==, n);
      g_clear_object (&importer);
      g_clear_object (&store);
      reslib_test_rm_rf (src);
      g_assert_true (g_file_set_contents (package, id, -1, NULL));
      _exit (0);
    }
  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
  g_assert_true (WIFEXITED (status) && WEXITSTATUS (status) == 0);
  g_assert_true (g_file_get_contents (package, &project, NULL, NULL));
  g_unlink (package);

  {
    const char *argv[] = { RESLIB_CLI_PATH, "--data-dir", data_dir, "pack", project, "--kind", "contribution",
                           "-o", package, NULL };
    Run r = run_child (argv);

    g_print ("# packed %u resources in %.1f s\n", n, r.seconds);
  }
}

static int
compare_doubles (const void *a,
                 const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return (x > y) - (x < y);
}

/* Sorts @v and prints its min, median and max; returns the median. */
static double
print_spread (const char *what,
              double     *v,
              guint       n,
              const char *unit)
{
  qsort (v, n, sizeof (double), compare_doubles);
  g_print ("  %-34s min %7.3f%s  median %7.3f%s  max %7.3f%s\n", what, v[0], unit, v[n / 2], unit, v[n - 1], unit);

  return v[n / 2];
}

/* Moves the folder @path, if there is one, into @dir's trash, which is removed once every shape is measured.
 * Removing it here would be measured too: on ext4 without a journal a new inode is never one freed in the
 * last minute (in the last six while its inode table is not written back), and every file either side
 * creates would first be compared with the hundreds of thousands of inodes just freed. */
static void
set_aside (const char *dir,
           const char *path)
{
  static guint n = 0;
  g_autofree char *trash = g_build_filename (dir, "trash", NULL);
  g_autofree char *name = g_strdup_printf ("%u", n++);
  g_autofree char *target = g_build_filename (trash, name, NULL);

  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    return;
  g_assert_cmpint (g_mkdir_with_parents (trash, 0700), ==, 0);
  g_assert_cmpint (g_rename (path, target), ==, 0);
}

/* One shape: @n resources of @file_size bytes (0: small text files), @rounds rounds. */
static gboolean
bench (const char *dir,
       const char *reuse,
       guint       n,
       gsize       file_size,
       guint       rounds)
{
  g_autofree char *label = file_size > 0 ? g_strdup_printf ("%u files of %" G_GSIZE_FORMAT " MiB", n, file_size >> 20)
                                         : g_strdup_printf ("%u resources", n);
  g_autofree char *tag = g_strdup_printf ("%u-%" G_GSIZE_FORMAT, n, file_size);
  g_autofree char *pkg_dir = g_strdup (reuse != NULL ? reuse : dir);
  g_autofree char *data_dir = g_strdup_printf ("%s/store-%s", pkg_dir, tag);
  g_autofree char *package = g_strdup_printf ("%s/contribution-%s.tar", pkg_dir, tag);
  g_autofree char *into = g_build_filename (dir, "into", NULL);
  g_autofree char *extract = g_build_filename (dir, "extract", NULL);
  g_autofree char *reference = NULL;
  double ref_t[MAX_ROUNDS], ref_c[MAX_ROUNDS], imp_t[MAX_ROUNDS], imp_c[MAX_ROUNDS], ver_t[MAX_ROUNDS];
  double ratio_t[MAX_ROUNDS], ratio_c[MAX_ROUNDS];
  long verify_rss = 0, import_rss = 0;
  double ratio_wall, ratio_cpu;
  GStatBuf st;
  gboolean ok;
  gint64 start = g_get_monotonic_time ();
  const char *version[] = { reslib_cli, "--version", NULL };
  /* What the process takes before any work (its libraries mapped and relocated), a share of every peak. */
  long base_rss_kib = run_child (version).max_rss_kib;

  if (g_stat (package, &st) != 0)
    {
      make_package (dir, data_dir, package, n, file_size);
      g_assert_cmpint (g_stat (package, &st), ==, 0);
      g_print ("# %s: package of %.1f MiB made in %.1f s\n", label, st.st_size / 1048576.0,
               (g_get_monotonic_time () - start) / 1e6);
    }
  else
    g_print ("# %s: package of %.1f MiB reused (%s)\n", label, st.st_size / 1048576.0, package);
  reference = g_strdup_printf ("mkdir '%s' && tar -xf '%s' -C '%s' && find '%s' -type f -print0 | "
                               "xargs -0 sha256sum > /dev/null", extract, package, extract, extract);

  for (guint r = 0; r < rounds; r++)
    {
      const char *sh[] = { "/bin/sh", "-c", reference, NULL };
      const char *verify[] = { reslib_cli, "verify", package, NULL };
      const char *import[] = { reslib_cli, "--data-dir", into, "import", package, NULL };
      Run ref, ver, imp;

      set_aside (dir, extract);
      set_aside (dir, into);
      sync ();
      /* The reference and the import take turns in which goes first. */
      if (r % 2 == 0)
        {
          ref = run_child (sh);
          sync ();
          imp = run_child (import);
        }
      else
        {
          imp = run_child (import);
          sync ();
          ref = run_child (sh);
        }
      ver = run_child (verify);
      ref_t[r] = ref.seconds;
      ref_c[r] = ref.cpu;
      imp_t[r] = imp.seconds;
      imp_c[r] = imp.cpu;
      ver_t[r] = ver.seconds;
      ratio_t[r] = imp.seconds / ref.seconds;
      ratio_c[r] = imp.cpu / ref.cpu;
      verify_rss = MAX (verify_rss, ver.max_rss_kib);
      import_rss = MAX (import_rss, imp.max_rss_kib);
      g_print ("# round %u: tar -xf + sha256sum %.3f s (CPU %.3f s); import %.3f s (CPU %.3f s), peak RSS %.1f MiB; "
               "verify %.3f s, peak RSS %.1f MiB\n", r + 1, ref.seconds, ref.cpu, imp.seconds, imp.cpu,
               imp.max_rss_kib / 1024.0, ver.seconds, ver.max_rss_kib / 1024.0);
    }
  g_print ("%s, %u rounds:\n", label, rounds);
  print_spread ("tar -xf + sha256sum, wall", ref_t, rounds, " s");
  print_spread ("tar -xf + sha256sum, CPU", ref_c, rounds, " s");
  print_spread ("import, wall", imp_t, rounds, " s");
  print_spread ("import, CPU", imp_c, rounds, " s");
  print_spread ("verify, wall", ver_t, rounds, " s");
  ratio_wall = print_spread ("ratio import / reference, wall", ratio_t, rounds, "  ");
  ratio_cpu = print_spread ("ratio import / reference, CPU", ratio_c, rounds, "  ");
  g_print ("  peak RSS: verify %.1f MiB, import %.1f MiB (target <= %d MiB; `reslib --version` alone %.1f MiB); "
           "median ratios: wall %.3f, CPU %.3f (target <= %.1f)\n", verify_rss / 1024.0, import_rss / 1024.0,
           TARGET_RSS_KIB / 1024, base_rss_kib / 1024.0, ratio_wall, ratio_cpu, TARGET_RATIO);
  ok = verify_rss <= TARGET_RSS_KIB && import_rss <= TARGET_RSS_KIB && ratio_wall <= TARGET_RATIO &&
       ratio_cpu <= TARGET_RATIO;

  set_aside (dir, extract);
  set_aside (dir, into);
  if (reuse != NULL)
    return ok;
  if (g_getenv ("BENCH_PKG_KEEP") != NULL)
    {
      g_print ("# kept: %s and its store %s\n", package, data_dir);
      return ok;
    }
  set_aside (dir, data_dir);
  g_unlink (package);

  return ok;
}

int
main (int   argc,
      char *argv[])
{
  const char *sizes = g_getenv ("BENCH_PKG_RESOURCES");
  const char *big = g_getenv ("BENCH_PKG_BIG");
  const char *tmp = g_getenv ("BENCH_TMPDIR");
  const char *reuse = g_getenv ("BENCH_PKG_REUSE");
  guint rounds = CLAMP (env_uint ("BENCH_PKG_ROUNDS", 5), 1, MAX_ROUNDS);
  g_auto(GStrv) list = g_strsplit (sizes != NULL ? sizes : "20000,100000", ",", -1);
  g_auto(GStrv) big_shape = g_strsplit (big != NULL ? big : "32x16", "x", 2);
  g_autofree char *dir = NULL;
  gboolean ok = TRUE;
  guint big_files = (guint) g_ascii_strtoull (big_shape[0] != NULL ? big_shape[0] : "0", NULL, 10);
  gsize big_mib = big_shape[0] != NULL && big_shape[1] != NULL ? (gsize) g_ascii_strtoull (big_shape[1], NULL, 10) : 0;

  setlocale (LC_ALL, "");
  reslib_core_init ();
  if (g_getenv ("BENCH_PKG_RESLIB") != NULL)
    reslib_cli = g_getenv ("BENCH_PKG_RESLIB");

  if (reuse != NULL)
    g_assert_true (g_mkdir_with_parents (reuse, 0700) == 0);
  dir = g_build_filename (tmp != NULL ? tmp : "/var/tmp", "reslib-bench-pkgimport-XXXXXX", NULL);
  g_assert_nonnull (g_mkdtemp (dir));
  if (big_files > 0 && big_mib > 0)
    ok = bench (dir, reuse, big_files, big_mib << 20, rounds) && ok;
  for (guint i = 0; list[i] != NULL; i++)
    {
      guint n = (guint) g_ascii_strtoull (list[i], NULL, 10);

      if (n > 0)
        ok = bench (dir, reuse, n, 0, rounds) && ok;
    }
  if (g_getenv ("BENCH_PKG_KEEP") == NULL)
    reslib_test_rm_rf (dir);
  else
    {
      g_autofree char *trash = g_build_filename (dir, "trash", NULL);

      reslib_test_rm_rf (trash);
    }

  return ok ? 0 : 1;
}
