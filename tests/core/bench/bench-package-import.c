/* bench-package-import.c — the memory and time of verifying and importing a big contribution
 *
 * Targets (issue: packages every tool opens, "Import in constant memory"):
 *  - peak RSS of `reslib verify` and of `reslib import` of a contribution of N small resources ≤ 64 MiB;
 *  - `reslib import` wall time ≤ 1.5 × `tar -xf` + `sha256sum` of every extracted file, same package, same run.
 * N is BENCH_PKG_RESOURCES, a comma-separated list (20000 and 100000 by default, the sizes; each
 * resource is a folder and a file in the tar, within verify's RESLIB_PACKAGE_MAX_ENTRIES entries whose
 * names add up to at most RESLIB_PACKAGE_MAX_NAMES_SIZE). BENCH_PKG_ROUNDS rounds (3) of each;
 * BENCH_TMPDIR chooses where the data goes (/var/tmp by default). Every command runs as a child process
 * (`reslib` as a user runs it, the reference through sh), its peak RSS read from wait4 (); the store and the
 * package are made in a child too, so nothing this process holds counts. With BENCH_PKG_KEEP=1 the package
 * and its store are kept for profiling.
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
#define MAX_ROUNDS     9

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
  r.max_rss_kib = usage.ru_maxrss;
  if (!WIFEXITED (status) || WEXITSTATUS (status) != 0)
    {
      g_printerr ("%s %s exited with %d\n", argv[0], argv[1], WIFEXITED (status) ? WEXITSTATUS (status) : -1);
      g_assert_not_reached ();
    }

  return r;
}

/* In a child: @n small files of distinct content, imported into a store at @data_dir as one project,
 * packed as a contribution at @package. */
static void
make_package (const char *dir,
              const char *data_dir,
              const char *package,
              guint       n)
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

      for (guint i = 0; i < n; i++)
        {
          g_autofree char *sub = g_strdup_printf ("%s/folder-%03u", src, i / 1000);
          g_autofree char *path = g_strdup_printf ("%s/课件-%06u.txt", sub, i);
          g_autofree char *text = g_strdup_printf ("small file %u\n", i);

          if (i % 1000 == 0)
            g_mkdir_with_parents (sub, 0700);
          g_assert_true (g_file_set_contents (path, text, -1, NULL));
        }
      store = reslib_test_open_store (data_dir);
      id = reslib_test_new_project (store, "bench");
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

static gboolean
bench (const char *dir,
       guint       n,
       guint       rounds)
{
  g_autofree char *data_dir = g_strdup_printf ("%s/store-%u", dir, n);
  g_autofree char *into = g_build_filename (dir, "into", NULL);
  g_autofree char *extract = g_build_filename (dir, "extract", NULL);
  g_autofree char *package = g_build_filename (dir, "contribution.tar", NULL);
  g_autofree char *reference = NULL;
  double ref_t[MAX_ROUNDS], import_t[MAX_ROUNDS], verify_t[MAX_ROUNDS];
  long verify_rss = 0, import_rss = 0;
  GStatBuf st;
  double ratio;
  gboolean ok;
  gint64 start = g_get_monotonic_time ();

  make_package (dir, data_dir, package, n);
  g_assert_cmpint (g_stat (package, &st), ==, 0);
  g_print ("# %u resources: package of %.1f MiB made in %.1f s\n", n, st.st_size / 1048576.0,
           (g_get_monotonic_time () - start) / 1e6);
  reference = g_strdup_printf ("mkdir '%s' && tar -xf '%s' -C '%s' && find '%s' -type f -print0 | "
                               "xargs -0 sha256sum > /dev/null", extract, package, extract, extract);

  for (guint r = 0; r < rounds; r++)
    {
      const char *sh[] = { "/bin/sh", "-c", reference, NULL };
      const char *verify[] = { RESLIB_CLI_PATH, "verify", package, NULL };
      const char *import[] = { RESLIB_CLI_PATH, "--data-dir", into, "import", package, NULL };
      Run ref, ver, imp;

      reslib_test_rm_rf (extract);
      reslib_test_rm_rf (into);
      sync ();
      ref = run_child (sh);
      ver = run_child (verify);
      sync ();
      imp = run_child (import);
      ref_t[r] = ref.seconds;
      verify_t[r] = ver.seconds;
      import_t[r] = imp.seconds;
      verify_rss = MAX (verify_rss, ver.max_rss_kib);
      import_rss = MAX (import_rss, imp.max_rss_kib);
      g_print ("# round %u: tar -xf + sha256sum %.3f s; verify %.3f s, peak RSS %.1f MiB; "
               "import %.3f s, peak RSS %.1f MiB\n", r + 1, ref.seconds, ver.seconds, ver.max_rss_kib / 1024.0,
               imp.seconds, imp.max_rss_kib / 1024.0);
    }
  qsort (ref_t, rounds, sizeof (double), compare_doubles);
  qsort (verify_t, rounds, sizeof (double), compare_doubles);
  qsort (import_t, rounds, sizeof (double), compare_doubles);
  ratio = import_t[rounds / 2] / ref_t[rounds / 2];
  g_print ("verify of %u resources: median %.3f s, peak RSS %.1f MiB (target <= %d MiB)\n", n,
           verify_t[rounds / 2], verify_rss / 1024.0, TARGET_RSS_KIB / 1024);
  g_print ("import of %u resources: median %.3f s, peak RSS %.1f MiB (target <= %d MiB); "
           "tar -xf + sha256sum: median %.3f s; ratio %.3f (target <= %.1f)\n", n, import_t[rounds / 2],
           import_rss / 1024.0, TARGET_RSS_KIB / 1024, ref_t[rounds / 2], ratio, TARGET_RATIO);
  ok = verify_rss <= TARGET_RSS_KIB && import_rss <= TARGET_RSS_KIB && ratio <= TARGET_RATIO;

  reslib_test_rm_rf (extract);
  reslib_test_rm_rf (into);
  if (g_getenv ("BENCH_PKG_KEEP") != NULL)
    {
      g_autofree char *kept = g_strdup_printf ("%s/contribution-%u.tar", dir, n);

      g_assert_cmpint (g_rename (package, kept), ==, 0);
      g_print ("# kept: %s and its store %s\n", kept, data_dir);
      return ok;
    }
  reslib_test_rm_rf (data_dir);
  g_unlink (package);

  return ok;
}

int
main (int   argc,
      char *argv[])
{
  const char *sizes = g_getenv ("BENCH_PKG_RESOURCES");
  const char *tmp = g_getenv ("BENCH_TMPDIR");
  guint rounds = CLAMP (env_uint ("BENCH_PKG_ROUNDS", 3), 1, MAX_ROUNDS);
  g_auto(GStrv) list = g_strsplit (sizes != NULL ? sizes : "20000,100000", ",", -1);
  g_autofree char *dir = NULL;
  gboolean ok = TRUE;

  setlocale (LC_ALL, "");
  reslib_core_init ();

  dir = g_build_filename (tmp != NULL ? tmp : "/var/tmp", "reslib-bench-pkgimport-XXXXXX", NULL);
  g_assert_nonnull (g_mkdtemp (dir));
  for (guint i = 0; list[i] != NULL; i++)
    {
      guint n = (guint) g_ascii_strtoull (list[i], NULL, 10);

      if (n > 0)
        ok = bench (dir, n, rounds) && ok;
    }
  if (g_getenv ("BENCH_PKG_KEEP") == NULL)
    reslib_test_rm_rf (dir);

  return ok ? 0 : 1;
}
