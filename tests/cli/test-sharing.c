/* test-sharing.c — one store shared by programs running at the same time: the app (this test, with
 * several connections, as the app holds them), another app (this test again, in a child process)
 * and the real `reslib` binary.
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
#include <sqlite3.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "reslib-test-utils.h"

static char *self_path;

static char **
make_env (void)
{
  char **env = g_get_environ ();

  env = g_environ_unsetenv (env, "LANGUAGE");
  env = g_environ_unsetenv (env, "XDG_DATA_DIRS");
  env = g_environ_unsetenv (env, "RESLIB_DATA_DIR");
  env = g_environ_setenv (env, "LC_ALL", "C.UTF-8", TRUE);
  env = g_environ_setenv (env, "RESLIB_ACTOR", "Sharing Test", TRUE);

  return env;
}

/* Runs `reslib --data-dir DIR ARGS…`; returns its stdout, asserting it exits with @expected. */
static char *
run_cli (const char *data_dir,
         int         expected,
         ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_auto(GStrv) env = make_env ();
  g_autoptr(GError) error = NULL;
  g_autofree char *err = NULL;
  char *out = NULL;
  int wait_status = 0;
  va_list ap;

  g_ptr_array_add (argv, (gpointer) RESLIB_CLI_PATH);
  g_ptr_array_add (argv, (gpointer) "--data-dir");
  g_ptr_array_add (argv, (gpointer) data_dir);
  va_start (ap, expected);
  for (const char *arg = va_arg (ap, const char *); arg != NULL; arg = va_arg (ap, const char *))
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (ap);
  g_ptr_array_add (argv, NULL);

  g_spawn_sync (NULL, (char **) argv->pdata, env, G_SPAWN_DEFAULT, NULL, NULL, &out, &err, &wait_status, &error);
  g_assert_no_error (error);
  if (!WIFEXITED (wait_status) || WEXITSTATUS (wait_status) != expected)
    g_error ("reslib %s exited with %d, not %d: %s", (const char *) argv->pdata[3], wait_status, expected, err);
  g_strchomp (out);

  return out;
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
      g_assert_false (reslib_importer_run (importer, NULL, &error));
      g_assert_error (error, RESLIB_ERROR, RESLIB_ERROR_BAD_FILE);
      g_test_message ("refused: %s", error->message);
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
  g_test_add_func ("/sharing/two-apps-and-cli", test_two_apps_and_cli);

  return g_test_run ();
}
