/* test-secret.c — the token in the keyring, when the keyring does not answer
 *
 * A secret service that owns its name on a session bus of the test's own and never answers: the
 * calls to store and to look up the token give up with a message that says what to do, instead of
 * waiting for ever. (A program of its own: libsecret and GDBus keep the session bus they first met
 * for the rest of the process.)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <sys/prctl.h>
#include <signal.h>

#include "studio-secret.h"
#include "studio-test-utils.h"

typedef struct
{
  gboolean  done;
  gboolean  ok;
  char     *token;
  GError   *error;
} Result;

static void
store_done_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      data)
{
  Result *r = data;

  r->ok = studio_secret_store_token_finish (result, &r->error);
  r->done = TRUE;
}

static void
lookup_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      data)
{
  Result *r = data;

  r->token = studio_secret_lookup_token_finish (result, &r->error);
  r->done = TRUE;
}

static gboolean
done_cb (gpointer data)
{
  return ((Result *) data)->done;
}

/* Method calls to this connection are dropped: nobody ever answers them. */
static GDBusMessage *
swallow_calls (GDBusConnection *connection,
               GDBusMessage    *message,
               gboolean         incoming,
               gpointer         data)
{
  if (incoming && g_dbus_message_get_message_type (message) == G_DBUS_MESSAGE_TYPE_METHOD_CALL)
    {
      g_atomic_int_inc ((gint *) data);
      g_object_unref (message);
      return NULL;
    }

  return message;
}

static void
die_with_parent (gpointer data)
{
  prctl (PR_SET_PDEATHSIG, SIGTERM);
}

static void
test_silent_keyring (void)
{
  g_autofree char *dbus_daemon = g_find_program_in_path ("dbus-daemon");
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) daemon = NULL;
  g_autoptr(GDBusConnection) service = NULL;
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *address = NULL;
  Result stored = { 0 }, looked_up = { 0 };
  gint calls = 0;
  guint32 owner = 0;
  gint64 start;
  double seconds;

  if (dbus_daemon == NULL)
    {
      g_test_skip ("dbus-daemon is missing");
      return;
    }
  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE);
  g_subprocess_launcher_set_child_setup (launcher, die_with_parent, NULL, NULL);
  daemon = g_subprocess_launcher_spawn (launcher, &error, dbus_daemon, "--session", "--nofork", "--print-address=1",
                                        NULL);
  g_assert_no_error (error);
  {
    g_autoptr(GDataInputStream) in = g_data_input_stream_new (g_subprocess_get_stdout_pipe (daemon));

    address = g_data_input_stream_read_line (in, NULL, NULL, &error);
    g_assert_no_error (error);
    g_assert_nonnull (address);
  }
  g_setenv ("DBUS_SESSION_BUS_ADDRESS", address, TRUE);

  /* The silent service takes the Secret Service's name. */
  service = g_dbus_connection_new_for_address_sync (address, G_DBUS_CONNECTION_FLAGS_AUTHENTICATION_CLIENT |
                                                    G_DBUS_CONNECTION_FLAGS_MESSAGE_BUS_CONNECTION, NULL, NULL,
                                                    &error);
  g_assert_no_error (error);
  g_dbus_connection_set_exit_on_close (service, FALSE);
  reply = g_dbus_connection_call_sync (service, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                                       "org.freedesktop.DBus", "RequestName",
                                       g_variant_new ("(su)", "org.freedesktop.secrets", 4 /* do not queue */),
                                       G_VARIANT_TYPE ("(u)"), G_DBUS_CALL_FLAGS_NONE, -1, NULL, &error);
  g_assert_no_error (error);
  g_variant_get (reply, "(u)", &owner);
  g_assert_cmpuint (owner, ==, 1);   /* the primary owner */
  g_dbus_connection_add_filter (service, swallow_calls, &calls, NULL);

  studio_secret_set_timeout (2);
  start = g_get_monotonic_time ();
  studio_secret_store_token_async ("https://upload.example.edu.cn/files", "not-a-real-token", NULL, store_done_cb,
                                   &stored);
  g_assert_true (studio_test_wait_until (done_cb, &stored, 20000));
  seconds = (g_get_monotonic_time () - start) / 1e6;
  g_assert_false (stored.ok);
  g_assert_error (stored.error, STUDIO_SECRET_ERROR, STUDIO_SECRET_ERROR_UNAVAILABLE);
  g_assert_nonnull (strstr (stored.error->message, "did not answer within 2 seconds"));
  g_assert_null (strstr (stored.error->message, "not-a-real-token"));
  g_assert_cmpfloat (seconds, >=, 1.9);
  g_assert_cmpfloat (seconds, <, 15);
  /* It was asked, and kept silent. */
  g_assert_cmpint (g_atomic_int_get (&calls), >, 0);

  studio_secret_lookup_token_async ("https://upload.example.edu.cn/files", NULL, lookup_done_cb, &looked_up);
  g_assert_true (studio_test_wait_until (done_cb, &looked_up, 20000));
  g_assert_null (looked_up.token);
  g_assert_error (looked_up.error, STUDIO_SECRET_ERROR, STUDIO_SECRET_ERROR_UNAVAILABLE);
  g_assert_nonnull (strstr (looked_up.error->message, "did not answer"));

  g_clear_error (&stored.error);
  g_clear_error (&looked_up.error);
  g_dbus_connection_close_sync (service, NULL, NULL);
  g_subprocess_send_signal (daemon, SIGTERM);
  g_subprocess_wait (daemon, NULL, NULL);
}

int
main (int   argc,
      char *argv[])
{
  if (!studio_test_init (&argc, &argv))
    return 0;

  g_test_add_func ("/studio/secret/silent-keyring", test_silent_keyring);

  return studio_test_run ();
}
