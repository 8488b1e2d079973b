/* test-store-cli.c — the store under the real `reslib` binary: shared with other programs at the
 * same time, in a read-only data folder, on a full disk.
 *
 * One store shared by programs running at the same time: the app (this test, with several
 * connections, as the app holds them), another app (this test again, in a child process) and the
 * real `reslib` binary.
 *
 * SQLite's locks are POSIX advisory locks, held by the process: if anything in a process that has the
 * store open opens library.db (or its -wal, -shm) outside SQLite and closes it, all its locks go, and
 * the next program to close the store deletes the WAL under it — with the edits in it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <fcntl.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <signal.h>
#include <sqlite3.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "reslib-cli-test.h"
#include "reslib-test-utils.h"
#include "reslib-package.h"
#include "reslib-store-files.h"
#include "reslib-upload.h"

static char *self_path;

#define ACTOR "Sharing Test"

static char **
make_env (void)
{
  const ReslibCliRun how = { .actor = ACTOR };

  return reslib_cli_test_environ (&how);
}

static guint64 fsize_limit;   /* for limit_file_size(), in the child */

static void
limit_file_size (gpointer data)
{
  struct rlimit limit = { fsize_limit, fsize_limit };

  signal (SIGXFSZ, SIG_IGN);
  setrlimit (RLIMIT_FSIZE, &limit);
}

/* Runs `reslib --data-dir DIR ARGS…` (with @setup in the child, if not NULL); returns its stdout,
 * sets @err_out to its stderr, asserting it exits with @expected. */
static char *
run_cli_full (const char      *data_dir,
              GSpawnChildSetupFunc setup,
              char           **err_out,
              int              expected,
              va_list          ap)
{
  const ReslibCliRun how = { .actor = ACTOR, .setup = setup };
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  g_autoptr(ReslibCliResult) result = NULL;

  g_ptr_array_add (args, (gpointer) "--data-dir");
  g_ptr_array_add (args, (gpointer) data_dir);
  for (const char *arg = va_arg (ap, const char *); arg != NULL; arg = va_arg (ap, const char *))
    g_ptr_array_add (args, (gpointer) arg);
  g_ptr_array_add (args, NULL);
  result = reslib_cli_test_runv (&how, (const char * const *) args->pdata);
  if (result->status != expected)
    g_error ("reslib %s exited with %d, not %d: %s", (const char *) args->pdata[2], result->status, expected,
             result->err);
  g_strchomp (result->out);
  g_strchomp (result->err);
  if (err_out != NULL)
    *err_out = g_steal_pointer (&result->err);

  return g_steal_pointer (&result->out);
}

static char *
run_cli (const char *data_dir,
         int         expected,
         ...)
{
  va_list ap;
  char *out;

  va_start (ap, expected);
  out = run_cli_full (data_dir, NULL, NULL, expected, ap);
  va_end (ap);

  return out;
}

/* The same, giving stderr. */
static char *
run_cli_err (const char           *data_dir,
             GSpawnChildSetupFunc  setup,
             int                   expected,
             ...)
{
  va_list ap;
  char *err = NULL;

  va_start (ap, expected);
  g_free (run_cli_full (data_dir, setup, &err, expected, ap));
  va_end (ap);

  return err;
}

/* The descriptor this process holds on the store's WAL, found in /proc/self/fd; -1 when none. */
static int
find_wal_fd (const char *data_dir)
{
  g_autofree char *wal = g_build_filename (data_dir, "library.db-wal", NULL);
  g_autoptr(GDir) fds = g_dir_open ("/proc/self/fd", 0, NULL);
  const char *name;

  g_assert_nonnull (fds);
  while ((name = g_dir_read_name (fds)) != NULL)
    {
      g_autofree char *link = g_build_filename ("/proc/self/fd", name, NULL);
      g_autofree char *target = g_file_read_link (link, NULL);

      if (target != NULL && g_str_has_prefix (target, wal))
        return atoi (name);
    }

  return -1;
}

/* The WAL this process writes to is still the file named library.db-wal: not unlinked, not replaced. */
static void
assert_wal_in_place (const char *data_dir,
                     int         wal_fd)
{
  g_autofree char *wal = g_build_filename (data_dir, "library.db-wal", NULL);
  g_autofree char *link = g_strdup_printf ("/proc/self/fd/%d", wal_fd);
  g_autofree char *target = g_file_read_link (link, NULL);
  struct stat held, named;

  g_assert_cmpint (fstat (wal_fd, &held), ==, 0);
  g_assert_cmpuint (held.st_nlink, ==, 1);
  g_assert_cmpstr (target, ==, wal);
  g_assert_cmpint (stat (wal, &named), ==, 0);
  g_assert_cmpuint (held.st_ino, ==, named.st_ino);
}

static void
set_name (ReslibStore *store,
          const char  *kind_id,
          ReslibKind   kind,
          const char  *field,
          const char  *value)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (reslib_store_update (store, kind, kind_id, (const char * const[]) { field, NULL },
                                      (const char * const[]) { value, NULL }, &error));
  g_assert_no_error (error);
}

static char *
get_field (ReslibStore *store,
           ReslibKind   kind,
           const char  *id,
           const char  *field)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ReslibRecord) record = reslib_store_get (store, kind, id, &error);

  g_assert_no_error (error);
  return g_strdup (reslib_record_get (record, field));
}

/* Holds the store as the app does: the main connection and two reopened ones (a worker, the
 * search), each with writes that stay in the WAL. */
typedef struct
{
  ReslibStore *main;
  ReslibStore *worker;
  ReslibStore *search;
  char        *project;
  int          wal_fd;
} Holder;

static void
holder_open (Holder     *h,
             const char *data_dir,
             const char *name)
{
  g_autoptr(GError) error = NULL;

  h->main = reslib_test_open_store (data_dir);
  h->project = reslib_test_new_project (h->main, name);
  h->worker = reslib_store_reopen (h->main, &error);
  g_assert_no_error (error);
  h->search = reslib_store_reopen (h->main, &error);
  g_assert_no_error (error);
  set_name (h->worker, h->project, RESLIB_KIND_PROJECT, "description", "written by the worker");
  set_name (h->search, h->project, RESLIB_KIND_PROJECT, "contact_name", "written by the second connection");
  h->wal_fd = find_wal_fd (data_dir);
  g_assert_cmpint (h->wal_fd, >=, 0);
}

static void
holder_close (Holder *h)
{
  g_clear_object (&h->search);
  g_clear_object (&h->worker);
  g_clear_object (&h->main);
  g_clear_pointer (&h->project, g_free);
}

static void
assert_integrity (const char *data_dir)
{
  g_autofree char *db = g_build_filename (data_dir, "library.db", NULL);
  g_autofree char *check = reslib_test_sql_text (db, "PRAGMA integrity_check");

  g_assert_cmpstr (check, ==, "ok");
}

/* The app holds the store with several connections; the real CLI runs reading and writing commands
 * beside it. Nothing the app wrote is lost, nothing the CLI wrote is lost. */
static void
test_cli_beside_app (void)
{
  g_autofree char *dir = reslib_test_make_tmp_dir ("reslib-sharing-XXXXXX");
  g_autofree char *data_dir = g_build_filename (dir, "store", NULL);
  g_autofree char *cli_project = NULL;
  g_autofree char *listed = NULL;
  g_autofree char *shown = NULL;
  g_autofree char *value = NULL;
  Holder h = { 0 };

  holder_open (&h, data_dir, "应用的项目");
  assert_wal_in_place (data_dir, h.wal_fd);

  /* Reading, then writing commands, each opening and closing the store while the app holds it. */
  listed = run_cli (data_dir, 0, "project", "list", NULL);
  g_assert_nonnull (strstr (listed, "应用的项目"));
  assert_wal_in_place (data_dir, h.wal_fd);
  cli_project = run_cli (data_dir, 0, "project", "new", "--name", "命令行的项目", "--core-major", "460104:机械制造及自动化", NULL);
  assert_wal_in_place (data_dir, h.wal_fd);
  g_free (run_cli (data_dir, 0, "project", "set", h.project, "industry_chain=set by the CLI", NULL));
  assert_wal_in_place (data_dir, h.wal_fd);

  /* The app goes on writing on every connection, and sees what the CLI wrote. */
  set_name (h.main, h.project, RESLIB_KIND_PROJECT, "name", "应用改过的项目");
  set_name (h.worker, cli_project, RESLIB_KIND_PROJECT, "description", "the app edits the CLI's project");
  value = get_field (h.search, RESLIB_KIND_PROJECT, h.project, "industry_chain");
  g_assert_cmpstr (value, ==, "set by the CLI");
  g_clear_pointer (&value, g_free);

  /* The CLI sees what the app wrote. */
  shown = run_cli (data_dir, 0, "project", "show", cli_project, "--json", NULL);
  g_assert_nonnull (strstr (shown, "the app edits the CLI's project"));
  g_clear_pointer (&shown, g_free);
  shown = run_cli (data_dir, 0, "project", "show", h.project, "--json", NULL);
  g_assert_nonnull (strstr (shown, "应用改过的项目"));
  g_assert_nonnull (strstr (shown, "written by the worker"));
  assert_wal_in_place (data_dir, h.wal_fd);

  holder_close (&h);

  /* After everybody has closed it, every edit of both sides is there. */
  {
    g_autoptr(ReslibStore) store = reslib_test_open_store (data_dir);
    g_autoptr(GListModel) projects = reslib_store_list (store, RESLIB_KIND_PROJECT, NULL, NULL);

    g_assert_cmpuint (g_list_model_get_n_items (projects), ==, 2);
  }
  shown = run_cli (data_dir, 0, "project", "show", cli_project, "--json", NULL);
  g_assert_nonnull (strstr (shown, "the app edits the CLI's project"));
  g_clear_pointer (&shown, g_free);
  listed = (g_free (listed), run_cli (data_dir, 0, "project", "list", "--json", NULL));
  g_assert_nonnull (strstr (listed, "应用改过的项目"));
  g_assert_nonnull (strstr (listed, "written by the second connection"));
  g_assert_nonnull (strstr (listed, "set by the CLI"));
  assert_integrity (data_dir);

  reslib_test_rm_rf (dir);
}

/* Choosing the store's own database (or its WAL) as a file to import is refused without opening
 * it, and leaves the app's locks in place. */
static void
test_import_store_file (void)
{
  g_autofree char *dir = reslib_test_make_tmp_dir ("reslib-sharing-XXXXXX");
  g_autofree char *data_dir = g_build_filename (dir, "store", NULL);
  g_autofree char *link = g_build_filename (dir, "a-link.db", NULL);
  Holder h = { 0 };
  const char *names[] = { "library.db", "library.db-wal", "library.db-shm", NULL };

  holder_open (&h, data_dir, "应用的项目");
  for (guint i = 0; names[i] != NULL; i++)
    {
      g_autofree char *path = g_build_filename (data_dir, names[i], NULL);
      g_autoptr(ReslibImporter) importer = reslib_importer_new (h.main, h.project);
      g_autoptr(GFile) file = g_file_new_for_path (path);
      g_autoptr(GError) error = NULL;

      reslib_importer_add_file (importer, file);
      g_assert_false (reslib_job_run (RESLIB_JOB (importer), NULL, &error));
      g_assert_error (error, RESLIB_ERROR, RESLIB_ERROR_BAD_FILE);
      g_test_message ("refused: %s", error->message);
    }
  /* Nor as a rule profile. */
  {
    g_autofree char *db = g_build_filename (data_dir, "library.db", NULL);
    g_autoptr(GError) error = NULL;
    g_autoptr(ReslibProfile) profile = reslib_profile_load (db, &error);

    g_assert_null (profile);
    g_assert_error (error, RESLIB_ERROR, RESLIB_ERROR_BAD_FILE);
  }
  /* Nor as a package to upload. */
  {
    g_autofree char *db = g_build_filename (data_dir, "library.db", NULL);
    g_autoptr(ReslibUpload) upload = reslib_upload_new (h.main, db, "https://127.0.0.1:9/files");
    g_autoptr(GError) error = NULL;

    reslib_upload_set_token (upload, "token");
    g_assert_false (reslib_job_run (RESLIB_JOB (upload), NULL, &error));
    g_assert_error (error, RESLIB_ERROR, RESLIB_ERROR_BAD_FILE);
  }
  /* Through a symbolic link, and with reslib_open_input() itself. */
  g_assert_cmpint (symlink ("store/library.db", link), ==, 0);
  {
    g_autoptr(GError) error = NULL;

    g_assert_cmpint (reslib_open_input (link, O_RDONLY, &error), ==, -1);
    g_assert_error (error, RESLIB_ERROR, RESLIB_ERROR_BAD_FILE);
  }

  g_free (run_cli (data_dir, 0, "project", "list", NULL));
  assert_wal_in_place (data_dir, h.wal_fd);
  set_name (h.worker, h.project, RESLIB_KIND_PROJECT, "name", "still saved");
  holder_close (&h);
  {
    g_autofree char *listed = run_cli (data_dir, 0, "project", "list", NULL);

    g_assert_nonnull (strstr (listed, "still saved"));
  }
  assert_integrity (data_dir);
  reslib_test_rm_rf (dir);
}

/* An import checks its files against a snapshot of the store files taken once: what it refuses is what
 * reslib_open_input() refuses, a store opened or a -journal made since the snapshot included. */
static void
test_store_files_snapshot (void)
{
  g_autofree char *dir = reslib_test_make_tmp_dir ("reslib-sharing-XXXXXX");
  g_autofree char *data_dir = g_build_filename (dir, "store", NULL);
  g_autofree char *other_dir = g_build_filename (dir, "other", NULL);
  g_autofree char *db = g_build_filename (data_dir, "library.db", NULL);
  g_autofree char *journal = g_build_filename (data_dir, "library.db-journal", NULL);
  g_autofree char *link = g_build_filename (dir, "a-link.db", NULL);
  g_autofree char *plain = g_build_filename (dir, "plain.txt", NULL);
  g_autofree char *other_db = g_build_filename (other_dir, "library.db", NULL);
  g_autoptr(ReslibStore) store = reslib_test_open_store (data_dir);
  g_autoptr(ReslibStore) other = NULL;
  g_autoptr(ReslibStoreFiles) files = NULL;
  const char *refused[] = { db, link, journal, other_db };
  struct stat st;
  int fd;

  g_assert_true (g_file_set_contents (plain, "text", -1, NULL));
  g_assert_cmpint (symlink ("store/library.db", link), ==, 0);
  files = _reslib_store_files_new ();
  g_assert_true (g_file_set_contents (journal, "", -1, NULL));
  other = reslib_test_open_store (other_dir);

  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_cmpint (_reslib_store_files_open (files, refused[i], O_RDONLY, &st, &error), ==, -1);
      g_assert_error (error, RESLIB_ERROR, RESLIB_ERROR_BAD_FILE);
    }
  fd = _reslib_store_files_open (files, plain, O_RDONLY, &st, NULL);
  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpint (st.st_size, ==, 4);
  close (fd);

  g_clear_object (&other);
  g_clear_object (&store);
  reslib_test_rm_rf (dir);
}

/* While the app holds a write transaction (a long import, say), commands that only read run at
 * once: opening the store takes no write lock. */
static void
test_read_beside_write (void)
{
  g_autofree char *dir = reslib_test_make_tmp_dir ("reslib-sharing-XXXXXX");
  g_autofree char *data_dir = g_build_filename (dir, "store", NULL);
  g_autofree char *listed = NULL;
  g_autoptr(GError) error = NULL;
  gint64 t0, took;
  Holder h = { 0 };

  holder_open (&h, data_dir, "写着的项目");
  g_assert_true (reslib_store_begin (h.main, &error));
  set_name (h.main, h.project, RESLIB_KIND_PROJECT, "name", "尚未提交");

  t0 = g_get_monotonic_time ();
  listed = run_cli (data_dir, 0, "project", "list", NULL);
  g_free (run_cli (data_dir, 0, "project", "show", h.project, NULL));
  took = g_get_monotonic_time () - t0;
  g_test_message ("two reading commands beside a write transaction took %.3f s", took / 1e6);
  g_assert_cmpint (took, <, 5 * G_USEC_PER_SEC);
  /* They see the last committed state. */
  g_assert_nonnull (strstr (listed, "写着的项目"));
  g_assert_null (strstr (listed, "尚未提交"));

  g_assert_true (reslib_store_commit (h.main, &error));
  g_assert_no_error (error);
  g_clear_pointer (&listed, g_free);
  listed = run_cli (data_dir, 0, "project", "list", NULL);
  g_assert_nonnull (strstr (listed, "尚未提交"));
  assert_wal_in_place (data_dir, h.wal_fd);
  holder_close (&h);
  assert_integrity (data_dir);
  reslib_test_rm_rf (dir);
}

/* The second app: holds the store like the first, waits for a line on stdin, writes again, checks
 * that its WAL is in place and that it sees the other side's project, then exits 0. */
static int
second_app (const char *data_dir)
{
  g_autofree char *line = NULL;
  g_autoptr(GListModel) projects = NULL;
  GIOChannel *in;
  gsize len = 0;
  Holder h = { 0 };

  holder_open (&h, data_dir, "第二个应用的项目");
  printf ("%s\n", h.project);
  fflush (stdout);

  in = g_io_channel_unix_new (STDIN_FILENO);
  if (g_io_channel_read_line (in, &line, &len, NULL, NULL) != G_IO_STATUS_NORMAL)
    return 2;
  g_io_channel_unref (in);

  set_name (h.main, h.project, RESLIB_KIND_PROJECT, "name", "第二个应用改过的项目");
  set_name (h.worker, h.project, RESLIB_KIND_PROJECT, "description", "second app, worker");
  assert_wal_in_place (data_dir, h.wal_fd);
  projects = reslib_store_list (h.search, RESLIB_KIND_PROJECT, NULL, NULL);
  if (g_list_model_get_n_items (projects) != 3)
    return 3;
  holder_close (&h);

  return 0;
}

/* Two apps and the CLI on one store at once. */
static void
test_two_apps_and_cli (void)
{
  g_autofree char *dir = reslib_test_make_tmp_dir ("reslib-sharing-XXXXXX");
  g_autofree char *data_dir = g_build_filename (dir, "store", NULL);
  const char *argv[] = { self_path, "--second-app", data_dir, NULL };
  g_auto(GStrv) env = make_env ();
  g_autoptr(GError) error = NULL;
  g_autofree char *other_project = NULL;
  g_autofree char *cli_project = NULL;
  g_autofree char *listed = NULL;
  char buffer[128] = { 0 };
  ssize_t n;
  int to_child = -1, from_child = -1;
  int wait_status = 0;
  GPid pid;
  Holder h = { 0 };

  holder_open (&h, data_dir, "第一个应用的项目");
  g_assert_true (g_spawn_async_with_pipes (NULL, (char **) argv, env, G_SPAWN_DO_NOT_REAP_CHILD, NULL, NULL, &pid,
                                           &to_child, &from_child, NULL, &error));
  g_assert_no_error (error);
  n = read (from_child, buffer, sizeof buffer - 1);
  g_assert_cmpint (n, >, 36);
  other_project = g_strndup (buffer, 36);

  cli_project = run_cli (data_dir, 0, "project", "new", "--name", "命令行的项目", "--core-major", "460104:机械制造及自动化", NULL);
  g_free (run_cli (data_dir, 0, "project", "set", other_project, "contact_name=the CLI", NULL));
  set_name (h.search, other_project, RESLIB_KIND_PROJECT, "industry_chain", "the first app");
  assert_wal_in_place (data_dir, h.wal_fd);

  g_assert_cmpint (write (to_child, "go\n", 3), ==, 3);
  g_assert_cmpint (waitpid (pid, &wait_status, 0), ==, pid);
  g_spawn_close_pid (pid);
  close (to_child);
  close (from_child);
  g_assert_true (WIFEXITED (wait_status));
  g_assert_cmpint (WEXITSTATUS (wait_status), ==, 0);

  g_free (run_cli (data_dir, 0, "project", "list", NULL));
  assert_wal_in_place (data_dir, h.wal_fd);
  set_name (h.main, h.project, RESLIB_KIND_PROJECT, "name", "第一个应用改过的项目");
  holder_close (&h);

  listed = run_cli (data_dir, 0, "project", "list", "--json", NULL);
  g_assert_nonnull (strstr (listed, "第一个应用改过的项目"));
  g_assert_nonnull (strstr (listed, "第二个应用改过的项目"));
  g_assert_nonnull (strstr (listed, "second app, worker"));
  g_assert_nonnull (strstr (listed, "the CLI"));
  g_assert_nonnull (strstr (listed, "the first app"));
  g_assert_nonnull (strstr (listed, "命令行的项目"));
  assert_integrity (data_dir);
  reslib_test_rm_rf (dir);
}

/* A small tmpfs of its own under @dir (root only); NULL when it cannot be made. */
static char *
mount_small_fs (const char *dir,
                const char *options)
{
  g_autofree char *mnt = g_build_filename (dir, "small-fs", NULL);
  g_autofree char *command = NULL;
  int status = -1;

  g_mkdir (mnt, 0700);
  command = g_strdup_printf ("mount -t tmpfs -o %s tmpfs '%s'", options, mnt);
  if (geteuid () != 0 || !g_spawn_command_line_sync (command, NULL, NULL, &status, NULL) ||
      !g_spawn_check_wait_status (status, NULL))
    return NULL;

  return g_steal_pointer (&mnt);
}

/* Runs `@verb '@path'`, which must succeed. */
static void
run_command (const char *verb,
             const char *path)
{
  g_autofree char *command = g_strdup_printf ("%s '%s'", verb, path);
  int status = -1;

  g_assert_true (g_spawn_command_line_sync (command, NULL, NULL, &status, NULL));
  g_assert_true (g_spawn_check_wait_status (status, NULL));
}

static void
assert_plain_message (const char *err)
{
  g_autofree char *lower = g_ascii_strdown (err, -1);

  g_assert_null (strchr (err, '\n'));
  g_assert_null (strstr (lower, "sql"));
  g_assert_null (strstr (lower, "attempt to"));
  g_assert_null (strstr (lower, "disk i/o"));
}

/* A data folder that cannot be written still serves the commands that only read; the others fail
 * with a message that says why. */
static void
test_read_only_folder (void)
{
  g_autofree char *dir = reslib_test_make_tmp_dir ("reslib-store-cli-XXXXXX");
  g_autofree char *mnt = mount_small_fs (dir, "size=16m");
  g_autofree char *data_dir = mnt != NULL ? g_strdup (mnt) : g_build_filename (dir, "store", NULL);
  g_autofree char *file = reslib_test_write_file (dir, "讲义.txt", "车削加工讲义", -1);
  g_autofree char *pdf = g_build_filename (dir, "progress.pdf", NULL);
  g_autofree char *project = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *blob_dir = NULL;
  g_autofree char *empty_dir = NULL;

  if (mnt == NULL && geteuid () == 0)
    {
      /* Permissions do not stop root: only a read-only mount does. */
      g_test_skip ("cannot mount a tmpfs, and root writes whatever the permissions");
      reslib_test_rm_rf (dir);
      return;
    }
  project = run_cli (data_dir, 0, "project", "new", "--name", "只读的项目", "--core-major", "460104:机械制造及自动化", NULL);
  g_free (run_cli (data_dir, 0, "resource", "add", project, file, NULL));
  blob_dir = g_build_filename (data_dir, "blobs", NULL);
  empty_dir = g_build_filename (data_dir, "empty", NULL);
  g_assert_cmpint (g_mkdir (empty_dir, 0755), ==, 0);
  if (mnt != NULL)
    run_command ("mount -o remount,ro", mnt);
  else
    run_command ("chmod -R a-w", data_dir);

  out = run_cli (data_dir, 0, "project", "list", NULL);
  g_assert_nonnull (strstr (out, "只读的项目"));
  g_clear_pointer (&out, g_free);
  out = run_cli (data_dir, 0, "project", "show", project, "--json", NULL);
  g_assert_nonnull (strstr (out, "只读的项目"));
  g_clear_pointer (&out, g_free);
  out = run_cli (data_dir, 0, "resource", "list", project, NULL);
  g_assert_nonnull (strstr (out, "讲义"));
  g_clear_pointer (&out, g_free);
  /* The checks find errors in so small a project (exit 1), and say so. */
  out = run_cli (data_dir, 1, "validate", project, NULL);
  g_assert_cmpstr (out, !=, "");
  g_clear_pointer (&out, g_free);
  g_free (run_cli (data_dir, 0, "report", project, "--kind", "progress", "-o", pdf, NULL));
  g_assert_true (g_file_test (pdf, G_FILE_TEST_IS_REGULAR));

  /* A read-only folder without a store cannot get one. */
  err = run_cli_err (empty_dir, NULL, 3, "project", "list", NULL);
  g_assert_nonnull (strstr (err, "holds no store yet"));
  g_clear_pointer (&err, g_free);

  err = run_cli_err (data_dir, NULL, 3, "project", "set", project, "name=改不了", NULL);
  g_test_message ("refused: %s", err);
  g_assert_nonnull (strstr (err, "cannot be written"));
  assert_plain_message (err);
  g_clear_pointer (&err, g_free);
  err = run_cli_err (data_dir, NULL, 3, "resource", "add", project, file, NULL);
  g_test_message ("refused: %s", err);
  assert_plain_message (err);
  g_clear_pointer (&err, g_free);

  if (mnt != NULL)
    {
      run_command ("mount -o remount,rw", mnt);
      out = run_cli (data_dir, 0, "project", "list", NULL);
      g_assert_nonnull (strstr (out, "只读的项目"));
      run_command ("umount", mnt);
    }
  else
    run_command ("chmod -R u+w", data_dir);
  reslib_test_rm_rf (dir);
}

/* Fills the file system holding @dir; returns the filler's path. */
static char *
fill_disk (const char *dir)
{
  char *path = g_build_filename (dir, "filler", NULL);
  g_autofree char *chunk = g_malloc0 (64 * 1024);
  int fd = open (path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);

  g_assert_cmpint (fd, >=, 0);
  while (write (fd, chunk, 64 * 1024) > 0)
    ;
  while (write (fd, chunk, 1) > 0)
    ;
  close (fd);

  return path;
}

static void
assert_description (const char *data_dir,
                    const char *project,
                    const char *expected)
{
  g_autofree char *shown = run_cli (data_dir, 0, "project", "show", project, "--json", NULL);
  g_autofree char *db = g_build_filename (data_dir, "library.db", NULL);
  g_autofree char *check = reslib_test_sql_text (db, "PRAGMA integrity_check");

  g_assert_nonnull (strstr (shown, expected));
  g_assert_cmpstr (check, ==, "ok");
}

/* A database write on a full disk says the disk is full, and changes nothing. */
static void
test_disk_full (void)
{
  g_autofree char *dir = reslib_test_make_tmp_dir ("reslib-store-cli-XXXXXX");
  g_autofree char *mnt = mount_small_fs (dir, "size=2m");
  g_autofree char *long_text = g_strnfill (100 * 1024, 'x');
  g_autofree char *setting = g_strconcat ("description=", long_text, NULL);
  g_autofree char *project = NULL;
  g_autofree char *filler = NULL;
  g_autofree char *err = NULL;

  if (mnt == NULL)
    {
      g_test_skip ("needs root to mount a small tmpfs");
      return;
    }
  project = run_cli (mnt, 0, "project", "new", "--name", "满盘", "--core-major", "460104:机械制造及自动化", NULL);
  g_free (run_cli (mnt, 0, "project", "set", project, "description=before", NULL));
  filler = fill_disk (mnt);

  err = run_cli_err (mnt, NULL, 3, "project", "set", project, setting, NULL);
  g_test_message ("refused: %s", err);
  g_assert_nonnull (strstr (err, "is full"));
  assert_plain_message (err);

  g_assert_cmpint (g_unlink (filler), ==, 0);
  assert_description (mnt, project, "\"before\"");
  g_free (run_cli (mnt, 0, "project", "set", project, setting, NULL));
  assert_description (mnt, project, long_text);
  run_command ("umount", mnt);
  reslib_test_rm_rf (dir);
}

/* A database that may not grow any more (a file size limit, as on FAT32 or with ulimit -f): said so,
 * nothing changed. Works without root. */
static void
test_file_size_limit (void)
{
  g_autofree char *dir = reslib_test_make_tmp_dir ("reslib-store-cli-XXXXXX");
  g_autofree char *data_dir = g_build_filename (dir, "store", NULL);
  g_autofree char *long_text = g_strnfill (100 * 1024, 'y');
  g_autofree char *setting = g_strconcat ("description=", long_text, NULL);
  g_autofree char *db = g_build_filename (data_dir, "library.db", NULL);
  g_autofree char *project = NULL;
  g_autofree char *err = NULL;
  struct stat st;

  project = run_cli (data_dir, 0, "project", "new", "--name", "限长", "--core-major", "460104:机械制造及自动化", NULL);
  g_free (run_cli (data_dir, 0, "project", "set", project, "description=before", NULL));
  g_assert_cmpint (stat (db, &st), ==, 0);
  /* The WAL, where the write goes first, may not pass 32 KiB. */
  fsize_limit = 32 * 1024;
  g_assert_cmpint (st.st_size, >, 0);

  err = run_cli_err (data_dir, limit_file_size, 3, "project", "set", project, setting, NULL);
  g_test_message ("refused: %s", err);
  g_assert_nonnull (strstr (err, "cannot grow any more"));
  assert_plain_message (err);

  assert_description (data_dir, project, "\"before\"");
  g_free (run_cli (data_dir, 0, "project", "set", project, setting, NULL));
  assert_description (data_dir, project, long_text);
  reslib_test_rm_rf (dir);
}

static gboolean
collect_id (ReslibRecord *record,
            gpointer      user_data,
            GError      **error)
{
  GPtrArray *ids = user_data;

  if (ids->len == 2)
    {
      g_set_error (error, RESLIB_ERROR, RESLIB_ERROR_INVALID, "enough");
      return FALSE;
    }
  g_ptr_array_add (ids, g_strdup (reslib_record_get_id (record)));

  return TRUE;
}

/* `resource list --json` is written while the store is read, a piece at a time: the same array as the
 * records reslib_store_list() gives, escapes included where a piece ends. */
static void
test_list_json_streamed (void)
{
  g_autofree char *dir = reslib_test_make_tmp_dir ("reslib-list-XXXXXX");
  g_autofree char *data_dir = g_build_filename (dir, "store", NULL);
  g_autoptr(ReslibStore) store = reslib_test_open_store (data_dir);
  g_autofree char *project = reslib_test_new_project (store, "列表");
  g_autoptr(GListModel) records = NULL;
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  JsonArray *array;
  guint n;

  /* About 700 bytes each: more than two pieces of a megabyte. */
  reslib_test_fill_resources (store, project, 3000, FALSE);
  records = reslib_store_list (store, RESLIB_KIND_RESOURCE, project, &error);
  g_assert_no_error (error);
  n = g_list_model_get_n_items (records);
  g_assert_cmpuint (n, ==, 3000);
  /* A line separator, which only the CLI escapes, in every record. */
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(ReslibRecord) record = g_list_model_get_item (records, i);
      g_autofree char *title = g_strdup_printf ("%s\u2028第%u行", reslib_record_get (record, "title"), i);

      g_assert_true (reslib_store_update (store, RESLIB_KIND_RESOURCE, reslib_record_get_id (record),
                                          (const char * const[]) { "title", NULL },
                                          (const char * const[]) { title, NULL }, &error));
      g_assert_no_error (error);
    }
  g_clear_object (&records);
  records = reslib_store_list (store, RESLIB_KIND_RESOURCE, project, &error);
  g_assert_no_error (error);

  out = run_cli (data_dir, 0, "resource", "list", project, "--json", NULL);
  g_assert_cmpuint (strlen (out), >, 2 * 1024 * 1024);
  g_assert_null (strstr (out, "\u2028"));
  g_assert_nonnull (strstr (out, "\\u2028第2999行"));
  g_assert_true (json_parser_load_from_data (parser, out, -1, &error));
  g_assert_no_error (error);
  array = json_node_get_array (json_parser_get_root (parser));
  g_assert_cmpuint (json_array_get_length (array), ==, n);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(ReslibRecord) record = g_list_model_get_item (records, i);
      g_autoptr(JsonNode) expected = reslib_record_to_json (record);

      g_assert_true (json_node_equal (json_array_get_element (array, i), expected));
    }

  /* The records one at a time, in the same order, until the function stops. */
  g_assert_false (reslib_store_foreach (store, RESLIB_KIND_RESOURCE, project, collect_id, ids, &error));
  g_assert_error (error, RESLIB_ERROR, RESLIB_ERROR_INVALID);
  g_assert_cmpuint (ids->len, ==, 2);
  for (guint i = 0; i < ids->len; i++)
    {
      g_autoptr(ReslibRecord) record = g_list_model_get_item (records, i);

      g_assert_cmpstr (g_ptr_array_index (ids, i), ==, reslib_record_get_id (record));
    }

  g_clear_object (&store);
  reslib_test_rm_rf (dir);
}

/* A contribution of more resources than verify and import take is not written, and `pack` exits 4 (the
 * project's data), not 2 (usage), with the way out (--resource) said. The resources need no files. */
static void
test_pack_too_many (void)
{
  g_autofree char *dir = reslib_test_make_tmp_dir ("reslib-pack-many-XXXXXX");
  g_autofree char *data_dir = g_build_filename (dir, "store", NULL);
  g_autofree char *path = g_build_filename (dir, "too-many.tar", NULL);
  g_autofree char *project = NULL;
  g_autofree char *err = NULL;

  {
    g_autoptr(ReslibStore) store = reslib_test_open_store (data_dir);

    project = reslib_test_new_project (store, "资源太多");
    reslib_test_fill_bare_resources (store, project, RESLIB_PACKAGE_MAX_ENTRIES / 2 + 1, "resource");
  }
  err = run_cli_err (data_dir, NULL, 4, "pack", project, "--kind", "contribution", "-o", path, NULL);
  g_test_message ("%s", err);
  g_assert_nonnull (strstr (err, "--resource"));
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  reslib_test_rm_rf (dir);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");

  if (argc == 3 && g_str_equal (argv[1], "--second-app"))
    {
      reslib_core_init ();
      return second_app (argv[2]);
    }

  g_test_init (&argc, &argv, NULL);
  reslib_core_init ();
  self_path = g_canonicalize_filename (argv[0], NULL);

  g_test_add_func ("/sharing/cli-beside-app", test_cli_beside_app);
  g_test_add_func ("/sharing/import-store-file", test_import_store_file);
  g_test_add_func ("/sharing/store-files-snapshot", test_store_files_snapshot);
  g_test_add_func ("/sharing/two-apps-and-cli", test_two_apps_and_cli);
  g_test_add_func ("/sharing/read-beside-write", test_read_beside_write);
  g_test_add_func ("/store-cli/read-only-folder", test_read_only_folder);
  g_test_add_func ("/store-cli/disk-full", test_disk_full);
  g_test_add_func ("/store-cli/file-size-limit", test_file_size_limit);
  g_test_add_func ("/store-cli/list-json-streamed", test_list_json_streamed);
  g_test_add_func ("/store-cli/pack-too-many", test_pack_too_many);

  return g_test_run ();
}
