/* test-desktop.c — the desktop's side of the app: Show in Folder, notifications when long jobs end
 * while the window is not focused, and suspend kept off while they run
 *
 * The test runs its own session bus (a dbus-daemon it starts and stops) with stand-ins for the file manager
 * (org.freedesktop.FileManager1) and the notification server (org.freedesktop.Notifications),
 * which record the calls they get.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <signal.h>
#include <string.h>
#include <sys/prctl.h>

#include "reslib-package-importer.h"
#include "reslib-packager.h"
#include "studio-job-notifier.h"
#include "studio-show-in-folder.h"
#include "studio-test-utils.h"

static GDBusConnection *service_bus;
static GPtrArray *calls;            /* of Call */

typedef struct
{
  char     *method;
  GVariant *parameters;
} Call;

static void
call_free (Call *call)
{
  g_free (call->method);
  g_variant_unref (call->parameters);
  g_free (call);
}

static void
die_with_parent (gpointer data)
{
  prctl (PR_SET_PDEATHSIG, SIGTERM);
}

/* A session bus of the test's own; the process uses it from now on. */
static GSubprocess *
start_bus (void)
{
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE);
  g_autoptr(GDataInputStream) in = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *address = NULL;
  GSubprocess *proc;

  g_subprocess_launcher_set_child_setup (launcher, die_with_parent, NULL, NULL);
  proc = g_subprocess_launcher_spawn (launcher, &error, "dbus-daemon", "--session", "--nofork", "--print-address=1",
                                      NULL);
  g_assert_no_error (error);
  in = g_data_input_stream_new (g_subprocess_get_stdout_pipe (proc));
  address = g_data_input_stream_read_line (in, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (address);
  g_setenv ("DBUS_SESSION_BUS_ADDRESS", g_strstrip (address), TRUE);

  return proc;
}

static const char services_xml[] =
  "<node>"
  "  <interface name='org.freedesktop.FileManager1'>"
  "    <method name='ShowItems'>"
  "      <arg type='as' name='uris' direction='in'/>"
  "      <arg type='s' name='startup_id' direction='in'/>"
  "    </method>"
  "  </interface>"
  "  <interface name='org.freedesktop.Notifications'>"
  "    <method name='Notify'>"
  "      <arg type='s' direction='in'/><arg type='u' direction='in'/><arg type='s' direction='in'/>"
  "      <arg type='s' direction='in'/><arg type='s' direction='in'/><arg type='as' direction='in'/>"
  "      <arg type='a{sv}' direction='in'/><arg type='i' direction='in'/>"
  "      <arg type='u' direction='out'/>"
  "    </method>"
  "    <method name='CloseNotification'><arg type='u' direction='in'/></method>"
  "    <method name='GetCapabilities'><arg type='as' direction='out'/></method>"
  "    <method name='GetServerInformation'>"
  "      <arg type='s' direction='out'/><arg type='s' direction='out'/>"
  "      <arg type='s' direction='out'/><arg type='s' direction='out'/>"
  "    </method>"
  "  </interface>"
  "</node>";

static void
method_call_cb (GDBusConnection       *connection,
                const char            *sender,
                const char            *object_path,
                const char            *interface_name,
                const char            *method_name,
                GVariant              *parameters,
                GDBusMethodInvocation *invocation,
                gpointer               user_data)
{
  Call *call = g_new0 (Call, 1);

  call->method = g_strdup (method_name);
  call->parameters = g_variant_ref (parameters);
  g_ptr_array_add (calls, call);

  if (g_strcmp0 (method_name, "Notify") == 0)
    g_dbus_method_invocation_return_value (invocation, g_variant_new ("(u)", calls->len));
  else if (g_strcmp0 (method_name, "GetCapabilities") == 0)
    {
      const char *caps[] = { "body", "actions", NULL };

      g_dbus_method_invocation_return_value (invocation, g_variant_new ("(^as)", caps));
    }
  else if (g_strcmp0 (method_name, "GetServerInformation") == 0)
    g_dbus_method_invocation_return_value (invocation, g_variant_new ("(ssss)", "test", "test", "1", "1.2"));
  else
    g_dbus_method_invocation_return_value (invocation, NULL);
}

static const GDBusInterfaceVTable vtable = { method_call_cb, NULL, NULL, { 0 } };

static guint
own_name (const char *name)
{
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GError) error = NULL;
  guint result;

  reply = g_dbus_connection_call_sync (service_bus, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                                       "org.freedesktop.DBus", "RequestName", g_variant_new ("(su)", name, 4),
                                       G_VARIANT_TYPE ("(u)"), G_DBUS_CALL_FLAGS_NONE, -1, NULL, &error);
  g_assert_no_error (error);
  g_variant_get (reply, "(u)", &result);
  g_assert_cmpuint (result, ==, 1);    /* DBUS_REQUEST_NAME_REPLY_PRIMARY_OWNER */
  return result;
}

static void
release_name (const char *name)
{
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GError) error = NULL;

  reply = g_dbus_connection_call_sync (service_bus, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                                       "org.freedesktop.DBus", "ReleaseName", g_variant_new ("(s)", name),
                                       G_VARIANT_TYPE ("(u)"), G_DBUS_CALL_FLAGS_NONE, -1, NULL, &error);
  g_assert_no_error (error);
}

static void
start_services (void)
{
  g_autoptr(GDBusNodeInfo) info = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *address = NULL;

  info = g_dbus_node_info_new_for_xml (services_xml, &error);
  g_assert_no_error (error);
  /* A connection of its own, so that the app's calls really go over the bus. */
  address = g_dbus_address_get_for_bus_sync (G_BUS_TYPE_SESSION, NULL, &error);
  g_assert_no_error (error);
  service_bus = g_dbus_connection_new_for_address_sync (address,
                                                        G_DBUS_CONNECTION_FLAGS_AUTHENTICATION_CLIENT |
                                                        G_DBUS_CONNECTION_FLAGS_MESSAGE_BUS_CONNECTION,
                                                        NULL, NULL, &error);
  g_assert_no_error (error);
  g_dbus_connection_register_object (service_bus, "/org/freedesktop/FileManager1",
                                     g_dbus_node_info_lookup_interface (info, "org.freedesktop.FileManager1"),
                                     &vtable, NULL, NULL, &error);
  g_assert_no_error (error);
  g_dbus_connection_register_object (service_bus, "/org/freedesktop/Notifications",
                                     g_dbus_node_info_lookup_interface (info, "org.freedesktop.Notifications"),
                                     &vtable, NULL, NULL, &error);
  g_assert_no_error (error);
  own_name ("org.freedesktop.Notifications");
  calls = g_ptr_array_new_with_free_func ((GDestroyNotify) call_free);
}

static Call *
find_call (const char *method)
{
  for (guint i = 0; i < calls->len; i++)
    {
      Call *call = g_ptr_array_index (calls, i);

      if (g_strcmp0 (call->method, method) == 0)
        return call;
    }
  return NULL;
}

static gboolean
has_notify (gpointer data)
{
  return find_call ("Notify") != NULL;
}

/* ---------------------------------------------------------------------------------------------- */
/* Show in Folder                                                                                  */

typedef struct
{
  gboolean                 done;
  gboolean                 ok;
  StudioShowInFolderMethod method;
  GError                  *error;
} ShowResult;

static void
show_done (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  ShowResult *r = user_data;

  r->ok = studio_show_in_folder_finish (result, &r->method, &r->error);
  r->done = TRUE;
}

static gboolean
show_is_done (gpointer data)
{
  return ((ShowResult *) data)->done;
}

static void
test_show_in_folder_file_manager (void)
{
  g_autofree char *dir = reslib_test_make_tmp_dir ("reslib-show-XXXXXX");
  g_autofree char *path = reslib_test_write_file (dir, "贡献 包.tar", "x", 1);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autofree char *uri = g_file_get_uri (file);
  ShowResult r = { 0 };
  const char **uris = NULL;
  const char *startup_id = NULL;
  Call *call;

  own_name ("org.freedesktop.FileManager1");
  g_ptr_array_set_size (calls, 0);
  studio_show_in_folder_async (NULL, file, NULL, show_done, &r);
  g_assert_true (studio_test_wait_until (show_is_done, &r, 10000));
  g_assert_no_error (r.error);
  g_assert_true (r.ok);
  g_assert_cmpint (r.method, ==, STUDIO_SHOW_IN_FOLDER_FILE_MANAGER);

  /* The file manager was asked to show exactly this file, by its URI. */
  call = find_call ("ShowItems");
  g_assert_nonnull (call);
  g_variant_get (call->parameters, "(^a&s&s)", &uris, &startup_id);
  g_assert_cmpuint (g_strv_length ((char **) uris), ==, 1);
  g_assert_cmpstr (uris[0], ==, uri);
  g_free (uris);

  release_name ("org.freedesktop.FileManager1");
  reslib_test_rm_rf (dir);
}

/* Without a file manager on the bus, the folder is opened with the default application for
 * folders: here a script that writes down what it was given. */
static void
test_show_in_folder_fallback (void)
{
  g_autofree char *dir = reslib_test_make_tmp_dir ("reslib-show-XXXXXX");
  g_autofree char *path = reslib_test_write_file (dir, "report.pdf", "x", 1);
  g_autofree char *record = g_build_filename (dir, "opened.txt", NULL);
  g_autofree char *script_text = g_strdup_printf ("#!/bin/sh\nprintf '%%s' \"$1\" > '%s.part'\nmv '%s.part' '%s'\n",
                                                  record, record, record);
  g_autofree char *script = reslib_test_write_file (dir, "open-folder.sh", script_text, -1);
  g_autofree char *apps = g_build_filename (g_get_user_data_dir (), "applications", NULL);
  g_autofree char *desktop_text = g_strdup_printf ("[Desktop Entry]\nType=Application\nName=Test Folders\n"
                                                   "Exec=%s %%u\nMimeType=inode/directory;\nNoDisplay=true\n",
                                                   script);
  g_autofree char *desktop = NULL;
  g_autofree char *mimeapps = NULL;
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFile) folder = g_file_new_for_path (dir);
  g_autofree char *folder_uri = g_file_get_uri (folder);
  g_autofree char *opened = NULL;
  ShowResult r = { 0 };

  g_assert_cmpint (g_chmod (script, 0700), ==, 0);
  g_assert_cmpint (g_mkdir_with_parents (apps, 0700), ==, 0);
  desktop = reslib_test_write_file (apps, "reslib-test-folders.desktop", desktop_text, -1);
  mimeapps = reslib_test_write_file (g_get_user_config_dir (), "mimeapps.list",
                                     "[Default Applications]\ninode/directory=reslib-test-folders.desktop\n", -1);

  g_ptr_array_set_size (calls, 0);
  studio_show_in_folder_async (NULL, file, NULL, show_done, &r);
  g_assert_true (studio_test_wait_until (show_is_done, &r, 10000));
  g_assert_no_error (r.error);
  g_assert_true (r.ok);
  g_assert_cmpint (r.method, ==, STUDIO_SHOW_IN_FOLDER_OPEN_FOLDER);
  g_assert_null (find_call ("ShowItems"));

  /* The folder (not the file) was opened. */
  for (guint i = 0; i < 100 && !g_file_test (record, G_FILE_TEST_EXISTS); i++)
    g_usleep (50 * 1000);
  g_assert_true (g_file_get_contents (record, &opened, NULL, NULL));
  /* GIO hands a local folder to the application as a path even for %u. */
  g_assert_true (g_str_equal (opened, folder_uri) || g_str_equal (opened, dir));

  g_unlink (desktop);
  g_unlink (mimeapps);
  reslib_test_rm_rf (dir);
}

/* ---------------------------------------------------------------------------------------------- */
/* Notifications and suspend                                                                       */

typedef struct
{
  char              *dir;
  ReslibStore       *store;
  char              *project;
  StudioSession     *session;
  GtkApplication    *app;
  StudioJobNotifier *notifier;
  gboolean           done;
  guint              inhibiting_while_running;
} Fixture;

static GtkApplication *application;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *data_dir = NULL;

  f->dir = reslib_test_make_tmp_dir ("reslib-desktop-XXXXXX");
  data_dir = g_build_filename (f->dir, "data", NULL);
  f->store = reslib_test_open_store (data_dir);
  f->project = reslib_test_new_project (f->store, "通知测试资源库");
  f->session = studio_session_new (f->store, NULL);
  f->app = application;
  f->notifier = studio_job_notifier_new (f->app, f->session);
  g_ptr_array_set_size (calls, 0);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_assert_finalize_object (f->notifier);
  g_clear_object (&f->session);
  g_clear_object (&f->store);
  reslib_test_rm_rf (f->dir);
  g_free (f->dir);
  g_free (f->project);
}

static void
pack_done (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  Fixture *f = user_data;

  reslib_job_run_finish (RESLIB_JOB (source), result, NULL);
  f->done = TRUE;
}

static gboolean
fixture_done (gpointer data)
{
  return ((Fixture *) data)->done;
}

/* Packs the project into @dest in a worker, as the Submit page does, listed in the session's jobs. */
static ReslibPackager *
pack (Fixture    *f,
      const char *dest)
{
  ReslibPackager *packager = reslib_packager_new (f->store, f->project, "progress");

  reslib_test_approve_all (f->store, f->project);   /* a progress package holds approved resources */
  reslib_packager_set_destination (packager, dest, RESLIB_OUTPUT_NONE);
  f->done = FALSE;
  reslib_job_run_async (RESLIB_JOB (packager), NULL, pack_done, f);
  studio_session_add_job (f->session, RESLIB_JOB (packager));
  f->inhibiting_while_running = studio_job_notifier_get_n_inhibiting (f->notifier);
  g_assert_true (studio_test_wait_until (fixture_done, f, 60000));
  studio_test_flush ();

  return packager;
}

static void
test_pack_notifies (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *dest = g_build_filename (f->dir, "进度.tar", NULL);
  g_autoptr(ReslibPackager) packager = NULL;
  const char *app_name, *icon, *summary, *body;
  g_autofree const char **actions = NULL;
  Call *call;

  packager = pack (f, dest);
  g_assert_null (reslib_job_get_error (RESLIB_JOB (packager)));
  /* Suspend was held off while it ran, and let go when it ended. */
  g_assert_cmpuint (f->inhibiting_while_running, ==, 1);
  g_assert_cmpuint (studio_job_notifier_get_n_inhibiting (f->notifier), ==, 0);

  /* No window has the focus: the notification server was told. */
  g_assert_true (studio_test_wait_until (has_notify, NULL, 10000));
  call = find_call ("Notify");
  g_variant_get (call->parameters, "(&su&s&s&s^a&s@a{sv}i)", &app_name, NULL, &icon, &summary, &body, &actions,
                 NULL, NULL);
  g_assert_cmpstr (summary, ==, "Package built");
  g_assert_cmpstr (body, ==, "进度.tar");
  /* Clicking it runs the default action (app.present-window). */
  g_assert_true (g_strv_contains (actions, "default"));
}

static void
test_pack_failure_notifies (Fixture       *f,
                            gconstpointer  data)
{
  g_autofree char *dest = g_build_filename (f->dir, "no such folder", "进度.tar", NULL);
  g_autoptr(ReslibPackager) packager = NULL;
  const char *summary, *body;
  Call *call;

  packager = pack (f, dest);
  g_assert_nonnull (reslib_job_get_error (RESLIB_JOB (packager)));
  g_assert_cmpuint (f->inhibiting_while_running, ==, 1);
  g_assert_cmpuint (studio_job_notifier_get_n_inhibiting (f->notifier), ==, 0);

  g_assert_true (studio_test_wait_until (has_notify, NULL, 10000));
  call = find_call ("Notify");
  g_variant_get (call->parameters, "(&su&s&s&sasa{sv}i)", NULL, NULL, NULL, &summary, &body, NULL, NULL, NULL);
  g_assert_cmpstr (summary, ==, "The package could not be built");
  g_assert_cmpstr (body, ==, reslib_job_get_error (RESLIB_JOB (packager))->message);
}

/* A package import says what it brought: "Import done: 3 added". */
static void
test_import_notifies (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *other_dir = g_build_filename (f->dir, "other", NULL);
  g_autofree char *package = g_build_filename (f->dir, "进度.tar", NULL);
  g_autoptr(ReslibStore) other = reslib_test_open_store (other_dir);
  g_autofree char *other_project = reslib_test_new_project (other, "另一个资源库");
  g_autoptr(ReslibPackageImporter) importer = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *expected = NULL;
  const ReslibImportReport *report;
  const char *summary, *body;
  guint added = 0;
  Call *call;

  reslib_test_approve_all (other, other_project);
  g_assert_true (reslib_test_pack (other, other_project, "progress", NULL, package, NULL, &error));
  g_assert_no_error (error);

  importer = reslib_package_importer_new (f->store, package);
  f->done = FALSE;
  reslib_job_run_async (RESLIB_JOB (importer), NULL, pack_done, f);
  studio_session_add_job (f->session, RESLIB_JOB (importer));
  g_assert_cmpuint (studio_job_notifier_get_n_inhibiting (f->notifier), ==, 1);
  g_assert_true (studio_test_wait_until (fixture_done, f, 60000));
  studio_test_flush ();
  g_assert_null (reslib_job_get_error (RESLIB_JOB (importer)));
  g_assert_cmpuint (studio_job_notifier_get_n_inhibiting (f->notifier), ==, 0);

  report = reslib_package_importer_get_report (importer);
  for (guint k = 0; k < RESLIB_N_KINDS; k++)
    added += report->added[k];
  g_assert_cmpuint (added, >, 0);
  expected = g_strdup_printf ("Import done: %u added", added);
  g_assert_true (studio_test_wait_until (has_notify, NULL, 10000));
  call = find_call ("Notify");
  g_variant_get (call->parameters, "(&su&s&s&sasa{sv}i)", NULL, NULL, NULL, &summary, &body, NULL, NULL, NULL);
  g_assert_cmpstr (summary, ==, expected);
  g_assert_cmpstr (body, ==, report->bag);
}

static gboolean
window_is_active (gpointer data)
{
  return gtk_window_is_active (data);
}

/* While the user looks at the window, the page says it: no notification. */
static void
test_focused_no_notification (Fixture       *f,
                              gconstpointer  data)
{
  g_autofree char *dest = g_build_filename (f->dir, "进度.tar", NULL);
  g_autoptr(ReslibPackager) packager = NULL;
  /* A window opened from the main one (the conflicts, a dialog) need not be the application's. */
  GtkWidget *window = data != NULL ? gtk_window_new () : gtk_application_window_new (f->app);

  gtk_window_present (GTK_WINDOW (window));
  if (!studio_test_wait_until (window_is_active, window, 5000))
    {
      gtk_window_destroy (GTK_WINDOW (window));
      g_test_skip ("The display gives the window no focus");
      return;
    }
  packager = pack (f, dest);
  g_assert_null (reslib_job_get_error (RESLIB_JOB (packager)));
  g_assert_cmpuint (f->inhibiting_while_running, ==, 1);
  g_assert_cmpuint (studio_job_notifier_get_n_inhibiting (f->notifier), ==, 0);
  /* A notification would have been sent by now (the two tests above wait for the same). */
  {
    g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);

    g_timeout_add_once (500, (GSourceOnceFunc) g_main_loop_quit, loop);
    g_main_loop_run (loop);
  }
  g_assert_null (find_call ("Notify"));
  gtk_window_destroy (GTK_WINDOW (window));
  studio_test_flush ();
}

/* A job the user cancelled lets go of suspend and says nothing. */
static void
test_cancel_releases (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *dest = g_build_filename (f->dir, "进度.tar", NULL);
  g_autoptr(ReslibPackager) packager = reslib_packager_new (f->store, f->project, "progress");
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();

  reslib_test_approve_all (f->store, f->project);
  reslib_packager_set_destination (packager, dest, RESLIB_OUTPUT_NONE);
  g_cancellable_cancel (cancellable);
  f->done = FALSE;
  reslib_job_run_async (RESLIB_JOB (packager), cancellable, pack_done, f);
  studio_session_add_job (f->session, RESLIB_JOB (packager));
  g_assert_cmpuint (studio_job_notifier_get_n_inhibiting (f->notifier), ==, 1);
  g_assert_true (studio_test_wait_until (fixture_done, f, 60000));
  studio_test_flush ();
  g_assert_true (g_error_matches (reslib_job_get_error (RESLIB_JOB (packager)), G_IO_ERROR, G_IO_ERROR_CANCELLED));
  g_assert_cmpuint (studio_job_notifier_get_n_inhibiting (f->notifier), ==, 0);
  {
    g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);

    g_timeout_add_once (300, (GSourceOnceFunc) g_main_loop_quit, loop);
    g_main_loop_run (loop);
  }
  g_assert_null (find_call ("Notify"));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GSubprocess) bus = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  if (!studio_test_init (&argc, &argv))
    return 0;

  bus = start_bus ();
  start_services ();
  application = GTK_APPLICATION (adw_application_new ("io.github.reslib.Studio.TestDesktop",
                                                      G_APPLICATION_NON_UNIQUE));
  g_assert_true (g_application_register (G_APPLICATION (application), NULL, &error));
  g_assert_no_error (error);

  g_test_add_func ("/studio/desktop/show-in-folder/file-manager", test_show_in_folder_file_manager);
  g_test_add_func ("/studio/desktop/show-in-folder/fallback", test_show_in_folder_fallback);
  g_test_add ("/studio/desktop/notify/pack", Fixture, NULL, fixture_setup, test_pack_notifies, fixture_teardown);
  g_test_add ("/studio/desktop/notify/pack-failed", Fixture, NULL, fixture_setup, test_pack_failure_notifies,
              fixture_teardown);
  g_test_add ("/studio/desktop/notify/import", Fixture, NULL, fixture_setup, test_import_notifies, fixture_teardown);
  g_test_add ("/studio/desktop/notify/focused", Fixture, NULL, fixture_setup, test_focused_no_notification,
              fixture_teardown);
  g_test_add ("/studio/desktop/notify/focused-other", Fixture, "other", fixture_setup, test_focused_no_notification,
              fixture_teardown);
  g_test_add ("/studio/desktop/notify/cancelled", Fixture, NULL, fixture_setup, test_cancel_releases,
              fixture_teardown);

  status = studio_test_run ();

  g_clear_object (&application);
  g_clear_object (&service_bus);
  g_clear_pointer (&calls, g_ptr_array_unref);
  g_subprocess_send_signal (bus, SIGTERM);
  g_subprocess_wait (bus, NULL, NULL);

  return status;
}
