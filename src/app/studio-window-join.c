/* studio-window-join.c — Join a Project…: a teacher starts from the lead's package (a progress or
 * contribution package of the lead's project), chosen in a file chooser, through the import review
 * in JOIN mode (exchange/studio-import-dialog); after it the project is the current one, and this
 * library a teacher in it (StudioSession:lead is FALSE)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "studio-import-dialog.h"
#include "studio-window-private.h"

/**
 * studio_window_join_project:
 * @file: the lead's package
 *
 * Shows the review of joining the lead's project from @file.
 *
 * Returns: (transfer none): the review
 */
GtkWindow *
studio_window_join_project (StudioWindow *self,
                            GFile        *file)
{
  StudioImportDialog *dialog;

  g_return_val_if_fail (STUDIO_IS_WINDOW (self), NULL);
  g_return_val_if_fail (G_IS_FILE (file), NULL);

  dialog = studio_import_dialog_new (self->session, file, STUDIO_IMPORT_MODE_JOIN);
  gtk_window_set_transient_for (GTK_WINDOW (dialog), GTK_WINDOW (self));
  gtk_window_present (GTK_WINDOW (dialog));

  return GTK_WINDOW (dialog);
}

static void
chooser_response_cb (GtkNativeDialog *chooser,
                     int              response,
                     StudioWindow    *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

      if (file != NULL)
        {
          studio_settings_set_last_folder (self->settings, STUDIO_FOLDER_PACKAGES_IN, file);
          studio_window_join_project (self, file);
        }
    }
  g_clear_object (&self->join_chooser);
}

static void
join_project_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  StudioWindow *self = STUDIO_WINDOW (widget);
  g_autoptr(GtkFileFilter) packages = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) all = gtk_file_filter_new ();
  g_autoptr(GFile) folder = NULL;

  if (self->store == NULL)
    return;
  if (self->join_chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->join_chooser));
  g_clear_object (&self->join_chooser);
  /* Translators: the title of the file chooser of the lead's package */
  self->join_chooser = gtk_file_chooser_native_new (_("Join a Project From the Lead's Package"), GTK_WINDOW (self),
                                                    GTK_FILE_CHOOSER_ACTION_OPEN, _("_Open"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->join_chooser), TRUE);
  gtk_file_filter_set_name (packages, _("Packages (tar)"));
  gtk_file_filter_add_mime_type (packages, "application/x-reslib-package");
  gtk_file_filter_add_suffix (packages, "tar");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->join_chooser), packages);
  gtk_file_filter_set_name (all, _("All files"));
  gtk_file_filter_add_pattern (all, "*");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->join_chooser), all);
  gtk_file_chooser_set_filter (GTK_FILE_CHOOSER (self->join_chooser), packages);
  folder = studio_settings_get_last_folder (self->settings, STUDIO_FOLDER_PACKAGES_IN);
  if (folder != NULL)
    gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (self->join_chooser), folder, NULL);
  g_signal_connect (self->join_chooser, "response", G_CALLBACK (chooser_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->join_chooser));
}

void
_studio_window_class_join_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.join-project", NULL, join_project_action);
}
