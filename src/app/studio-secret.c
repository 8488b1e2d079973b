/* studio-secret.c — the upload token in the keyring
 *
 * The token is never written to GSettings, logs or error messages: errors
 * name the keyring and what to do, never the secret.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <libsecret/secret.h>

#include "studio-secret.h"

G_DEFINE_QUARK (studio-secret-error-quark, studio_secret_error)

/* A keyring that waits for a password prompt nobody can answer (no desktop session) would keep a
 * call waiting for ever: after this long it is given up, with a message. Long enough to type a
 * password into a prompt that is shown. */
#define KEYRING_TIMEOUT_S 90

static guint keyring_timeout_s = KEYRING_TIMEOUT_S;

/**
 * studio_secret_set_timeout:
 * @seconds: how long a call to the keyring may take, more than 0
 *
 * Calls made from now on give up after @seconds (90 by default).
 */
void
studio_secret_set_timeout (guint seconds)
{
  g_return_if_fail (seconds > 0);

  keyring_timeout_s = seconds;
}

/* What a call to the keyring needs besides its task: its own cancellable, cancelled by the
 * caller's or by the timeout. */
typedef struct
{
  GCancellable *cancellable;
  GCancellable *caller;
  gulong        caller_id;
  guint         timeout_id;
  gboolean      timed_out;
  gboolean      store;        /* store or clear, not look up */
} Call;

static void
call_free (Call *call)
{
  g_clear_handle_id (&call->timeout_id, g_source_remove);
  if (call->caller_id != 0)
    g_cancellable_disconnect (call->caller, call->caller_id);
  g_clear_object (&call->caller);
  g_clear_object (&call->cancellable);
  g_free (call);
}

static gboolean
call_timeout_cb (gpointer data)
{
  Call *call = data;

  call->timeout_id = 0;
  call->timed_out = TRUE;
  g_cancellable_cancel (call->cancellable);

  return G_SOURCE_REMOVE;
}

static void
call_caller_cancelled_cb (GCancellable *caller,
                          GCancellable *cancellable)
{
  g_cancellable_cancel (cancellable);
}

/* A task for a call to the keyring, with the call as its data. */
static GTask *
call_task_new (GCancellable        *cancellable,
               gboolean             store,
               GAsyncReadyCallback  callback,
               gpointer             user_data)
{
  GTask *task = g_task_new (NULL, cancellable, callback, user_data);
  Call *call = g_new0 (Call, 1);

  call->cancellable = g_cancellable_new ();
  call->store = store;
  if (cancellable != NULL)
    {
      call->caller = g_object_ref (cancellable);
      call->caller_id = g_cancellable_connect (cancellable, G_CALLBACK (call_caller_cancelled_cb),
                                               call->cancellable, NULL);
    }
  /* Not g_timeout_add_seconds (): it rounds to a whole second and may give up before the time said. */
  call->timeout_id = g_timeout_add (keyring_timeout_s * 1000, call_timeout_cb, call);
  g_task_set_task_data (task, call, (GDestroyNotify) call_free);

  return task;
}

/* The error of a call that was given up. */
static GError *
call_timeout_error (void)
{
  return g_error_new (STUDIO_SECRET_ERROR, STUDIO_SECRET_ERROR_UNAVAILABLE,
                      ngettext ("The keyring did not answer within %d second: it may be locked and waiting for a "
                                "password that cannot be asked here. Unlock it (log in to a desktop session, or run "
                                "“gnome-keyring-daemon --unlock”) and try again.",
                                "The keyring did not answer within %d seconds: it may be locked and waiting for a "
                                "password that cannot be asked here. Unlock it (log in to a desktop session, or run "
                                "“gnome-keyring-daemon --unlock”) and try again.", keyring_timeout_s),
                      keyring_timeout_s);
}

static const SecretSchema *
token_schema (void)
{
  static const SecretSchema schema = {
    STUDIO_SECRET_SCHEMA_NAME, SECRET_SCHEMA_NONE,
    {
      { "endpoint", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { NULL, 0 },
    }
  };

  return &schema;
}

/* Turns libsecret's and D-Bus's errors into one the user can act on. */
static GError *
translate_error (GError *error)
{
  GError *out;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return error;
  if (error->domain == G_DBUS_ERROR || error->domain == G_IO_ERROR || error->domain == SECRET_ERROR)
    out = g_error_new (STUDIO_SECRET_ERROR, STUDIO_SECRET_ERROR_UNAVAILABLE,
                       _("The keyring is not available (%s). Start a keyring service such as GNOME Keyring "
                         "(log in to a desktop session, or run “gnome-keyring-daemon --unlock”) and try again."),
                       error->message);
  else
    out = g_error_new (STUDIO_SECRET_ERROR, STUDIO_SECRET_ERROR_FAILED,
                       _("The keyring could not be used: %s"), error->message);
  g_error_free (error);

  return out;
}

static void
lookup_done (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Call *call = g_task_get_task_data (task);
  GError *error = NULL;
  char *token = secret_password_lookup_finish (result, &error);

  if (error != NULL && call->timed_out)
    {
      g_error_free (error);
      g_task_return_error (task, call_timeout_error ());
    }
  else if (error != NULL)
    g_task_return_error (task, translate_error (error));
  else
    g_task_return_pointer (task, token, (GDestroyNotify) secret_password_free);
}

void
studio_secret_lookup_token_async (const char          *endpoint,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  GTask *task = call_task_new (cancellable, FALSE, callback, user_data);
  Call *call = g_task_get_task_data (task);

  g_task_set_source_tag (task, studio_secret_lookup_token_async);
  secret_password_lookup (token_schema (), call->cancellable, lookup_done, task,
                          "endpoint", endpoint != NULL ? endpoint : "", NULL);
}

char *
studio_secret_lookup_token_finish (GAsyncResult  *result,
                                   GError       **error)
{
  char *token;
  char *copy;

  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  token = g_task_propagate_pointer (G_TASK (result), error);
  if (token == NULL)
    return NULL;
  copy = g_strdup (token);
  secret_password_free (token);

  return copy;
}

static void
store_done (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Call *call = g_task_get_task_data (task);
  GError *error = NULL;

  if (call->store)
    secret_password_store_finish (result, &error);
  else
    secret_password_clear_finish (result, &error);
  if (error != NULL && call->timed_out)
    {
      g_error_free (error);
      g_task_return_error (task, call_timeout_error ());
    }
  else if (error != NULL)
    g_task_return_error (task, translate_error (error));
  else
    g_task_return_boolean (task, TRUE);
}

void
studio_secret_store_token_async (const char          *endpoint,
                                 const char          *token,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  gboolean store = token != NULL && *token != '\0';
  GTask *task = call_task_new (cancellable, store, callback, user_data);
  Call *call = g_task_get_task_data (task);

  g_task_set_source_tag (task, studio_secret_store_token_async);
  if (endpoint == NULL)
    endpoint = "";
  if (store)
    {
      g_autofree char *label = g_strdup_printf (_("ResLib Studio upload token for %s"), endpoint);

      secret_password_store (token_schema (), SECRET_COLLECTION_DEFAULT, label, token, call->cancellable, store_done,
                             task, "endpoint", endpoint, NULL);
    }
  else
    secret_password_clear (token_schema (), call->cancellable, store_done, task, "endpoint", endpoint, NULL);
}

gboolean
studio_secret_store_token_finish (GAsyncResult  *result,
                                  GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
