/* studio-preferences-window.c — the upload endpoint, CA file, token (in the keyring),
 * chunk size, rate limit, rule profile and data folder
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "reslib-core.h"
#include "reslib-upload.h"
#include "studio-preferences-window.h"
#include "studio-secret.h"
#include "studio-settings.h"

struct _StudioPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  StudioSettings       *settings;
  GCancellable         *cancellable;
  GtkFileChooserNative *chooser;

  AdwEntryRow          *endpoint_row;
  GtkLabel             *endpoint_message;
  AdwPasswordEntryRow  *token_row;
  GtkLabel             *token_message;
  AdwActionRow         *ca_file_row;
  GtkButton            *ca_file_clear_button;
  GtkSpinButton        *chunk_size_spin;
  GtkSpinButton        *rate_limit_spin;
  AdwActionRow         *profile_row;
  GtkButton            *profile_clear_button;
  AdwActionRow         *data_folder_row;
  GtkButton            *data_folder_clear_button;
};

G_DEFINE_FINAL_TYPE (StudioPreferencesWindow, studio_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

gboolean
studio_endpoint_check (const char  *url,
                       GError     **error)
{
  if (url == NULL || *url == '\0')
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                           _("No endpoint URL is set: enter the address the province gave you in Preferences"));
      return FALSE;
    }
  return reslib_upload_check_endpoint (url, error);
}

/* ---------------------------------------------------------------------------------------------- */
/* Token                                                                                           */

static void
show_token_message (StudioPreferencesWindow *self,
                    const char              *message,
                    gboolean                 is_error)
{
  gtk_label_set_text (self->token_message, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->token_message), message != NULL);
  if (is_error)
    gtk_widget_add_css_class (GTK_WIDGET (self->token_message), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->token_message), "error");
}

static void
token_lookup_done (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(StudioPreferencesWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *token = studio_secret_lookup_token_finish (result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (error != NULL)
    {
      show_token_message (self, error->message, TRUE);
      return;
    }
  /* The stored token is not shown: the row only says whether there is one. */
  show_token_message (self, token != NULL ? _("A token for this endpoint is stored in the keyring.")
                                          : _("No token is stored for this endpoint yet."), FALSE);
}

static void
refresh_token_state (StudioPreferencesWindow *self)
{
  g_autofree char *endpoint = studio_settings_dup_endpoint_url (self->settings);

  if (endpoint == NULL || *endpoint == '\0')
    {
      gtk_widget_set_sensitive (GTK_WIDGET (self->token_row), FALSE);
      show_token_message (self, _("Set the endpoint URL first: the token is stored for that endpoint."), FALSE);
      return;
    }
  gtk_widget_set_sensitive (GTK_WIDGET (self->token_row), TRUE);
  studio_secret_lookup_token_async (endpoint, self->cancellable, token_lookup_done, g_object_ref (self));
}

static void
token_store_done (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(StudioPreferencesWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!studio_secret_store_token_finish (result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_token_message (self, error->message, TRUE);
      return;
    }
  gtk_editable_set_text (GTK_EDITABLE (self->token_row), "");
  show_token_message (self, _("The token is stored in the keyring."), FALSE);
}

static void
token_apply_cb (StudioPreferencesWindow *self)
{
  g_autofree char *endpoint = studio_settings_dup_endpoint_url (self->settings);
  g_autofree char *token = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->token_row))));

  if (endpoint == NULL || *endpoint == '\0')
    {
      show_token_message (self, _("Set the endpoint URL first: the token is stored for that endpoint."), TRUE);
      return;
    }
  show_token_message (self, _("Saving the token in the keyring…"), FALSE);
  studio_secret_store_token_async (endpoint, token, self->cancellable,
                                   token_store_done, g_object_ref (self));
  explicit_bzero (token, strlen (token));
}

/* ---------------------------------------------------------------------------------------------- */
/* Endpoint                                                                                        */

static void
endpoint_changed_cb (StudioPreferencesWindow *self)
{
  gtk_widget_remove_css_class (GTK_WIDGET (self->endpoint_row), "error");
}

static void
endpoint_apply_cb (StudioPreferencesWindow *self)
{
  g_autofree char *url = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->endpoint_row))));
  g_autoptr(GError) error = NULL;

  if (*url != '\0' && !studio_endpoint_check (url, &error))
    {
      gtk_label_set_text (self->endpoint_message, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->endpoint_message), TRUE);
      gtk_widget_add_css_class (GTK_WIDGET (self->endpoint_row), "error");
      return;
    }
  gtk_widget_set_visible (GTK_WIDGET (self->endpoint_message), FALSE);
  gtk_widget_remove_css_class (GTK_WIDGET (self->endpoint_row), "error");
  studio_settings_set_endpoint_url (self->settings, url);
  refresh_token_state (self);
}

/* ---------------------------------------------------------------------------------------------- */
/* Files                                                                                           */

static void
show_path (AdwActionRow *row,
           GtkWidget    *clear_button,
           const char   *path,
           const char   *empty)
{
  g_autofree char *escaped = g_markup_escape_text (path != NULL && *path != '\0' ? path : empty, -1);

  adw_action_row_set_subtitle (row, escaped);
  gtk_widget_set_sensitive (clear_button, path != NULL && *path != '\0');
}

static void
settings_changed_cb (StudioPreferencesWindow *self,
                     GParamSpec              *pspec)
{
  const char *key = g_param_spec_get_name (pspec);
  g_autofree char *value = NULL;

  if (g_strcmp0 (key, "ca-file") == 0)
    {
      value = studio_settings_dup_ca_file (self->settings);
      show_path (self->ca_file_row, GTK_WIDGET (self->ca_file_clear_button), value,
                 _("None: only the system’s certificates are trusted"));
    }
  else if (g_strcmp0 (key, "profile-file") == 0)
    {
      value = studio_settings_dup_profile_file (self->settings);
      show_path (self->profile_row, GTK_WIDGET (self->profile_clear_button), value,
                 _("The built-in profile (Henan)"));
    }
  else if (g_strcmp0 (key, "data-folder") == 0)
    {
      g_autofree char *label = NULL;
      g_autofree char *escaped = NULL;
      g_autofree char *fallback = reslib_store_default_data_dir ();

      value = studio_settings_dup_data_folder (self->settings);
      /* Translators: the data folder in Preferences; %s is a folder */
      label = g_strdup_printf (_("%s — takes effect at the next start"), *value != '\0' ? value : fallback);
      escaped = g_markup_escape_text (label, -1);
      adw_action_row_set_subtitle (self->data_folder_row, escaped);
      gtk_widget_set_sensitive (GTK_WIDGET (self->data_folder_clear_button), *value != '\0');
    }
}

typedef enum
{
  CHOOSE_CA_FILE,
  CHOOSE_PROFILE,
  CHOOSE_DATA_FOLDER,
} ChooseWhat;

static const char *
choose_key (ChooseWhat what)
{
  switch (what)
    {
    case CHOOSE_CA_FILE: return "ca-file";
    case CHOOSE_PROFILE: return "profile-file";
    case CHOOSE_DATA_FOLDER: return "data-folder";
    default: g_return_val_if_reached (NULL);
    }
}

static void
chooser_response_cb (GtkNativeDialog         *dialog,
                     int                      response,
                     StudioPreferencesWindow *self)
{
  ChooseWhat what = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (dialog), "choose-what"));

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      g_autofree char *path = file != NULL ? g_file_get_path (file) : NULL;

      if (path != NULL)
        g_object_set (self->settings, choose_key (what), path, NULL);
    }
  g_clear_object (&self->chooser);
}

static void
choose (StudioPreferencesWindow *self,
        ChooseWhat               what)
{
  g_autoptr(GtkFileFilter) filter = NULL;
  const char *title;
  GtkFileChooserAction action = GTK_FILE_CHOOSER_ACTION_OPEN;

  switch (what)
    {
    case CHOOSE_CA_FILE:
      title = _("Choose a CA File");
      filter = gtk_file_filter_new ();
      gtk_file_filter_set_name (filter, _("PEM certificates"));
      gtk_file_filter_add_pattern (filter, "*.pem");
      gtk_file_filter_add_pattern (filter, "*.crt");
      gtk_file_filter_add_pattern (filter, "*.cer");
      break;
    case CHOOSE_PROFILE:
      title = _("Choose a Profile File");
      filter = gtk_file_filter_new ();
      gtk_file_filter_set_name (filter, _("Rule profiles (JSON)"));
      gtk_file_filter_add_pattern (filter, "*.json");
      break;
    case CHOOSE_DATA_FOLDER:
    default:
      title = _("Choose a Data Folder");
      action = GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER;
      break;
    }

  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  self->chooser = gtk_file_chooser_native_new (title, GTK_WINDOW (self), action, _("_Select"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  if (filter != NULL)
    gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), filter);
  g_object_set_data (G_OBJECT (self->chooser), "choose-what", GINT_TO_POINTER (what));
  g_signal_connect (self->chooser, "response", G_CALLBACK (chooser_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
ca_file_choose_cb (StudioPreferencesWindow *self)
{
  choose (self, CHOOSE_CA_FILE);
}

static void
profile_choose_cb (StudioPreferencesWindow *self)
{
  choose (self, CHOOSE_PROFILE);
}

static void
data_folder_choose_cb (StudioPreferencesWindow *self)
{
  choose (self, CHOOSE_DATA_FOLDER);
}

static void
ca_file_clear_cb (StudioPreferencesWindow *self)
{
  studio_settings_set_ca_file (self->settings, NULL);
}

static void
profile_clear_cb (StudioPreferencesWindow *self)
{
  studio_settings_set_profile_file (self->settings, NULL);
}

static void
data_folder_clear_cb (StudioPreferencesWindow *self)
{
  studio_settings_set_data_folder (self->settings, NULL);
}

/* ---------------------------------------------------------------------------------------------- */

static void
studio_preferences_window_dispose (GObject *object)
{
  StudioPreferencesWindow *self = STUDIO_PREFERENCES_WINDOW (object);

  g_cancellable_cancel (self->cancellable);
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  if (self->settings != NULL)
    g_signal_handlers_disconnect_by_data (self->settings, self);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (studio_preferences_window_parent_class)->dispose (object);
}

static void
studio_preferences_window_finalize (GObject *object)
{
  StudioPreferencesWindow *self = STUDIO_PREFERENCES_WINDOW (object);

  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (studio_preferences_window_parent_class)->finalize (object);
}

static void
studio_preferences_window_class_init (StudioPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = studio_preferences_window_dispose;
  object_class->finalize = studio_preferences_window_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/reslib/Studio/ui/studio-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, StudioPreferencesWindow, endpoint_row);
  gtk_widget_class_bind_template_child (widget_class, StudioPreferencesWindow, endpoint_message);
  gtk_widget_class_bind_template_child (widget_class, StudioPreferencesWindow, token_row);
  gtk_widget_class_bind_template_child (widget_class, StudioPreferencesWindow, token_message);
  gtk_widget_class_bind_template_child (widget_class, StudioPreferencesWindow, ca_file_row);
  gtk_widget_class_bind_template_child (widget_class, StudioPreferencesWindow, ca_file_clear_button);
  gtk_widget_class_bind_template_child (widget_class, StudioPreferencesWindow, chunk_size_spin);
  gtk_widget_class_bind_template_child (widget_class, StudioPreferencesWindow, rate_limit_spin);
  gtk_widget_class_bind_template_child (widget_class, StudioPreferencesWindow, profile_row);
  gtk_widget_class_bind_template_child (widget_class, StudioPreferencesWindow, profile_clear_button);
  gtk_widget_class_bind_template_child (widget_class, StudioPreferencesWindow, data_folder_row);
  gtk_widget_class_bind_template_child (widget_class, StudioPreferencesWindow, data_folder_clear_button);
  gtk_widget_class_bind_template_callback (widget_class, endpoint_apply_cb);
  gtk_widget_class_bind_template_callback (widget_class, endpoint_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, token_apply_cb);
  gtk_widget_class_bind_template_callback (widget_class, ca_file_choose_cb);
  gtk_widget_class_bind_template_callback (widget_class, ca_file_clear_cb);
  gtk_widget_class_bind_template_callback (widget_class, profile_choose_cb);
  gtk_widget_class_bind_template_callback (widget_class, profile_clear_cb);
  gtk_widget_class_bind_template_callback (widget_class, data_folder_choose_cb);
  gtk_widget_class_bind_template_callback (widget_class, data_folder_clear_cb);
}

static void
studio_preferences_window_init (StudioPreferencesWindow *self)
{
  g_autofree char *endpoint = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  self->settings = g_object_ref (studio_settings_get_default ());
  if (!studio_settings_is_persistent (self->settings))
    {
      gtk_widget_set_sensitive (GTK_WIDGET (self), FALSE);
      return;
    }

  endpoint = studio_settings_dup_endpoint_url (self->settings);
  gtk_editable_set_text (GTK_EDITABLE (self->endpoint_row), endpoint);
  g_object_bind_property (self->settings, "chunk-size", gtk_spin_button_get_adjustment (self->chunk_size_spin),
                          "value", G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);
  g_object_bind_property (self->settings, "rate-limit", gtk_spin_button_get_adjustment (self->rate_limit_spin),
                          "value", G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);
  g_signal_connect_swapped (self->settings, "notify", G_CALLBACK (settings_changed_cb), self);
  for (guint i = 0; i < 3; i++)
    settings_changed_cb (self, g_object_class_find_property (G_OBJECT_GET_CLASS (self->settings),
                                                             (const char *[]) { "ca-file", "profile-file",
                                                                                "data-folder" }[i]));
  refresh_token_state (self);
}

GtkWindow *
studio_preferences_window_new (GtkWindow *parent)
{
  return g_object_new (STUDIO_TYPE_PREFERENCES_WINDOW,
                       "transient-for", parent,
                       "modal", TRUE,
                       NULL);
}
