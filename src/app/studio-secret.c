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
  GError *error = NULL;
  char *token = secret_password_lookup_finish (result, &error);

  if (error != NULL)
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
  GTask *task = g_task_new (NULL, cancellable, callback, user_data);

  g_task_set_source_tag (task, studio_secret_lookup_token_async);
  secret_password_lookup (token_schema (), cancellable, lookup_done, task,
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
  GError *error = NULL;

  if (g_task_get_task_data (task) != NULL)
    secret_password_store_finish (result, &error);
  else
    secret_password_clear_finish (result, &error);
  if (error != NULL)
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
  GTask *task = g_task_new (NULL, cancellable, callback, user_data);

  g_task_set_source_tag (task, studio_secret_store_token_async);
  if (endpoint == NULL)
    endpoint = "";
  if (token != NULL && *token != '\0')
    {
      g_autofree char *label = g_strdup_printf (_("ResLib Studio upload token for %s"), endpoint);

      g_task_set_task_data (task, GINT_TO_POINTER (1), NULL);
      secret_password_store (token_schema (), SECRET_COLLECTION_DEFAULT, label, token, cancellable, store_done, task,
                             "endpoint", endpoint, NULL);
    }
  else
    secret_password_clear (token_schema (), cancellable, store_done, task, "endpoint", endpoint, NULL);
}

gboolean
studio_secret_store_token_finish (GAsyncResult  *result,
                                  GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
