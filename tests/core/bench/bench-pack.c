/* bench-pack.c — packing 2 GiB in 2,000 files against `bsdtar -cf`, and the memory of a big pack
 *
 * Targets (issue: packages):
 *  - pack wall time ≤ 1.1 × `bsdtar -cf OUT.tar -C DIR .` over the same files, same run, for
 *    a ReslibPackager job, which re-hashes every blob (the fixity check) and syncs the tar before it renames
 *    it; with BENCH_PACK_TAR_DIGEST=1 it also hashes the whole tar, as `reslib pack --sha256` does;
 *  - peak RSS of `reslib pack` over 100,000 small resources ≤ 64 MiB (a progress package of the whole
 *    project: a contribution that large is refused, as no import would take it).
 * Sizes can be reduced for a quick look: BENCH_PACK_FILES, BENCH_PACK_FILE_KIB and BENCH_PACK_SMALL_FILES
 * (0 skips the memory part), BENCH_PACK_ROUNDS the number of rounds (3). BENCH_TMPDIR chooses where the data
 * goes (/var/tmp by default); with BENCH_PACK_KEEP=1 the small-file store is kept there for profiling.
 * BENCH_PACK_REUSE=DIR makes the big files and their store in DIR once and reuses them in later runs (to
 * compare two builds on the same data; DIR is not removed).
 * Each run is followed by an untimed sync and a pause (BENCH_PACK_SETTLE_MS, 1500), and the reference with
 * sync runs last in a round, so that no run pays for the writes of another; the CPU time of each run
 * (user + system, all threads) is printed too, as on a busy machine the wall time of a two-thread pack
 * suffers more than that of one-thread bsdtar.
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

#define TARGET_RATIO   1.1
#define TARGET_RSS_KIB (64 * 1024)
#define MAX_ROUNDS     15

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
            gsize       file_size,
            gboolean    random_content)
{
  g_autofree guint8 *buffer = g_malloc (MAX (file_size, 64));
  GRand *rand = g_rand_new_with_seed (42);

  for (guint i = 0; i < n_files; i++)
    {
      g_autofree char *sub = g_strdup_printf ("%s/folder-%03u", dir, i / 1000);
      g_autofree char *path = g_strdup_printf ("%s/file-%06u.bin", sub, i);
      gsize len = file_size;

      if (random_content)
        {
          guint32 *words = (guint32 *) buffer;

          for (gsize w = 0; w < file_size / 4; w++)
            words[w] = g_rand_int (rand);
        }
      else
        len = (gsize) g_snprintf ((char *) buffer, 64, "small file %u\n", i);
      if (i % 1000 == 0)
        g_mkdir_with_parents (sub, 0700);
      g_assert_true (g_file_set_contents (path, (const char *) buffer, len, NULL));
    }
  g_rand_free (rand);
}

static char *
import_files (ReslibStore *store,
              const char  *src,
              guint        n_files)
{
  char *project = reslib_test_new_project (store, "bench");
  g_autoptr(ReslibImporter) importer = reslib_importer_new (store, project);
  g_autoptr(GFile) file = g_file_new_for_path (src);
  g_autoptr(GError) error = NULL;

  reslib_importer_add_file (importer, file);
  g_assert_true (reslib_job_run (RESLIB_JOB (importer), NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length ((char **) reslib_importer_get_resource_ids (importer)), ==, n_files);
  /* A progress package holds approved resources only */
  reslib_test_approve_all (store, project);

  return project;
}

/* CPU seconds (user + system) used so far by this process (all its threads) or by its waited-for children. */
static double
cpu_seconds (int who)
{
  struct rusage u;

  getrusage (who, &u);
  return u.ru_utime.tv_sec + u.ru_utime.tv_usec / 1e6 + u.ru_stime.tv_sec + u.ru_stime.tv_usec / 1e6;
}

static double last_cpu;   /* of the last timed run */

/* Not timed: each run starts with no dirty pages, and a pause lets the disk (a virtual one, often, whose host
 * still writes what the guest flushed) finish what the previous run gave it, so no run pays for another. */
static void
settle (const char *out)
{
  g_unlink (out);
  sync ();
  g_usleep ((gulong) env_uint ("BENCH_PACK_SETTLE_MS", 1500) * 1000);
}

/* With @durable, the tar is also synced to disk (`sync FILE`), as our pack does before it renames. */
static double
time_bsdtar (const char *src,
             const char *out,
             gboolean    durable)
{
  g_autofree char *command = g_strdup_printf ("bsdtar -cf '%s' -C '%s' .%s%s%s", out, src,
                                              durable ? " && sync '" : "", durable ? out : "", durable ? "'" : "");
  double cpu = cpu_seconds (RUSAGE_CHILDREN);
  gint64 start = g_get_monotonic_time ();
  int status = system (command);
  double t = (g_get_monotonic_time () - start) / 1e6;

  last_cpu = cpu_seconds (RUSAGE_CHILDREN) - cpu;
  g_assert_cmpint (status, ==, 0);
  settle (out);

  return t;
}

static double
time_pack (ReslibStore *store,
           const char  *project,
           const char  *out,
           gboolean     tar_digest)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ReslibPackager) packager = reslib_packager_new (store, project, "contribution");
  double cpu;
  gint64 start;
  double t;

  reslib_packager_set_destination (packager, out, RESLIB_OUTPUT_REPLACE);
  reslib_packager_set_digest (packager, tar_digest);
  cpu = cpu_seconds (RUSAGE_SELF);
  start = g_get_monotonic_time ();
  g_assert_true (reslib_job_run (RESLIB_JOB (packager), NULL, &error));
  t = (g_get_monotonic_time () - start) / 1e6;
  last_cpu = cpu_seconds (RUSAGE_SELF) - cpu;
  g_assert_no_error (error);
  settle (out);

  return t;
}

static int
compare_doubles (const void *a,
                 const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return (x > y) - (x < y);
}

/* Makes and imports the small files in a child process: the peak RSS of a
 * process counts what it had before it forked and exec'd (Linux keeps the
 * high-water mark across exec), so this process must stay small. */
static char *
setup_small_store (const char *src,
                   const char *data_dir,
                   guint       n_files)
{
  char project[128] = { 0 };
  int fds[2];
  int status = 0;
  gsize got = 0;
  pid_t pid;

  g_assert_cmpint (pipe (fds), ==, 0);
  pid = fork ();
  g_assert_cmpint (pid, >=, 0);
  if (pid == 0)
    {
      g_autoptr(ReslibStore) store = NULL;
      g_autofree char *id = NULL;

      close (fds[0]);
      make_files (src, n_files, 0, FALSE);
      store = reslib_test_open_store (data_dir);
      id = import_files (store, src, n_files);
      g_clear_object (&store);
      reslib_test_rm_rf (src);
      g_assert_cmpint (write (fds[1], id, strlen (id)), ==, (gssize) strlen (id));
      _exit (0);
    }
  close (fds[1]);
  for (;;)
    {
      ssize_t n = read (fds[0], project + got, sizeof project - 1 - got);

      if (n <= 0)
        break;
      got += (gsize) n;
    }
  close (fds[0]);
  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
  g_assert_true (WIFEXITED (status) && WEXITSTATUS (status) == 0);
  g_assert_cmpuint (got, >, 0);

  return g_strdup (project);
}

/* Runs `reslib pack` as a user would and returns its peak resident set, in KiB. */
static long
pack_peak_rss (const char *data_dir,
               const char *project,
               const char *out)
{
  const char *argv[] = { RESLIB_CLI_PATH, "--data-dir", data_dir, "pack", project, "--kind", "progress",
                         "-o", out, "--force", NULL };
  struct rusage usage = { 0 };
  int status = 0;
  pid_t pid = fork ();

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
  g_assert_true (WIFEXITED (status));
  g_assert_cmpint (WEXITSTATUS (status), ==, 0);
  g_unlink (out);

  return usage.ru_maxrss;
}

int
main (int   argc,
      char *argv[])
{
  guint n_files = env_uint ("BENCH_PACK_FILES", 2000);
  gsize file_size = (gsize) env_uint ("BENCH_PACK_FILE_KIB", 1024) * 1024;
  guint n_small = env_uint ("BENCH_PACK_SMALL_FILES", 100000);
  gboolean tar_digest = env_uint ("BENCH_PACK_TAR_DIGEST", 0) != 0;
  const char *tmp = g_getenv ("BENCH_TMPDIR");
  const char *reuse = g_getenv ("BENCH_PACK_REUSE");
  g_autofree char *dir = NULL;
  g_autofree char *src = NULL;
  g_autofree char *out = NULL;
  g_autofree char *data_dir = NULL;
  g_autofree char *project = NULL;
  g_autoptr(ReslibStore) store = NULL;
  guint rounds = CLAMP (env_uint ("BENCH_PACK_ROUNDS", 3), 1, MAX_ROUNDS);
  double base[MAX_ROUNDS], synced[MAX_ROUNDS], ours[MAX_ROUNDS], ratio = 0.0;
  long rss[2] = { 0, 0 };
  gboolean ok = TRUE;

  setlocale (LC_ALL, "");
  reslib_core_init ();

  if (reuse != NULL)
    dir = g_strdup (reuse);
  else
    {
      dir = g_build_filename (tmp != NULL ? tmp : "/var/tmp", "reslib-bench-pack-XXXXXX", NULL);
      g_assert_nonnull (g_mkdtemp (dir));
    }
  out = g_build_filename (dir, "out.tar", NULL);

  if (n_files > 0)
    {
      g_autofree char *project_file = g_build_filename (dir, "project", NULL);

      src = g_build_filename (dir, "src", NULL);
      data_dir = g_build_filename (dir, "store", NULL);
      if (reuse != NULL && g_file_get_contents (project_file, &project, NULL, NULL))
        {
          g_print ("# reusing the files and the store in %s\n", dir);
          store = reslib_test_open_store (data_dir);
          reslib_test_approve_all (store, project);   /* a store of an earlier run, before the review gate */
        }
      else
        {
          g_print ("# making and importing %u files of %zu KiB in %s\n", n_files, file_size / 1024, dir);
          make_files (src, n_files, file_size, TRUE);
          store = reslib_test_open_store (data_dir);
          project = import_files (store, src, n_files);
          if (reuse != NULL)
            g_assert_true (g_file_set_contents (project_file, project, -1, NULL));
        }
      sync ();

      /* One untimed round of each warms the page cache and the allocator for both. */
      time_bsdtar (src, out, FALSE);
      time_pack (store, project, out, tar_digest);

      for (guint r = 0; r < rounds; r++)
        {
          /* The reference with sync last: the writes it leaves to the host must not slow the next one down. */
          double base_cpu, ours_cpu;

          base[r] = time_bsdtar (src, out, FALSE);
          base_cpu = last_cpu;
          ours[r] = time_pack (store, project, out, tar_digest);
          ours_cpu = last_cpu;
          synced[r] = time_bsdtar (src, out, TRUE);
          g_print ("# round %u: bsdtar -cf %.3f s (cpu %.2f s), bsdtar -cf + sync %.3f s, reslib pack %.3f s "
                   "(cpu %.2f s)\n", r + 1, base[r], base_cpu, synced[r], ours[r], ours_cpu);
        }
      qsort (base, rounds, sizeof (double), compare_doubles);
      qsort (synced, rounds, sizeof (double), compare_doubles);
      qsort (ours, rounds, sizeof (double), compare_doubles);
      ratio = ours[rounds / 2] / base[rounds / 2];
      g_print ("# for reference: against bsdtar -cf + sync of the tar (median %.3f s), the ratio is %.3f\n",
               synced[rounds / 2], ours[rounds / 2] / synced[rounds / 2]);
      g_print ("pack%s of %u files, %.2f GiB: median %.3f s (%.0f MiB/s); bsdtar -cf: median %.3f s; "
               "ratio %.3f (target <= %.2f)\n",
               tar_digest ? " (with the tar's digest)" : "", n_files, (double) n_files * file_size / (1 << 30),
               ours[rounds / 2],
               (double) n_files * file_size / (1 << 20) / ours[rounds / 2], base[rounds / 2], ratio, TARGET_RATIO);
      ok = ok && ratio <= TARGET_RATIO;
      g_clear_object (&store);
      g_clear_pointer (&project, g_free);
      if (reuse == NULL)
        {
          reslib_test_rm_rf (src);
          reslib_test_rm_rf (data_dir);
        }
      g_clear_pointer (&src, g_free);
      g_clear_pointer (&data_dir, g_free);
    }

  if (n_small > 0)
    {
      gint64 start;

      src = g_build_filename (dir, "small", NULL);
      data_dir = g_build_filename (dir, "store-small", NULL);
      g_print ("# making and importing %u small files in %s\n", n_small, dir);
      start = g_get_monotonic_time ();
      project = setup_small_store (src, data_dir, n_small);
      g_print ("# setup took %.1f s\n", (g_get_monotonic_time () - start) / 1e6);

      for (guint r = 0; r < G_N_ELEMENTS (rss); r++)
        {
          start = g_get_monotonic_time ();
          rss[r] = pack_peak_rss (data_dir, project, out);
          g_print ("# round %u: reslib pack %.3f s, peak RSS %.1f MiB\n", r + 1,
                   (g_get_monotonic_time () - start) / 1e6, rss[r] / 1024.0);
        }
      g_print ("pack of %u small resources: peak RSS %.1f MiB (target <= %d MiB)\n", n_small,
               MAX (rss[0], rss[1]) / 1024.0, TARGET_RSS_KIB / 1024);
      ok = ok && MAX (rss[0], rss[1]) <= TARGET_RSS_KIB;
    }

  if (reuse != NULL)
    ;
  else if (g_getenv ("BENCH_PACK_KEEP") != NULL && data_dir != NULL && project != NULL)
    g_print ("# kept: reslib --data-dir %s pack %s --kind progress -o OUT.tar\n", data_dir, project);
  else
    reslib_test_rm_rf (dir);

  return ok ? 0 : 1;
}
