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
join_project_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  StudioWindow *self = STUDIO_WINDOW (widget);

  if (self->store == NULL)
    return;
  /* Translators: the title of the file chooser of the lead's package */
  _studio_window_choose_package (self, _("Join a Project From the Lead's Package"), "win.join-project-file");
}

/* (s): the path of the lead's package chosen: the review of joining, and its folder offered next time. */
static void
join_project_file_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  StudioWindow *self = STUDIO_WINDOW (widget);
  g_autoptr(GFile) file = g_file_new_for_path (g_variant_get_string (parameter, NULL));

  if (self->store == NULL)
    return;
  studio_settings_set_last_folder (self->settings, STUDIO_FOLDER_PACKAGES_IN, file);
  studio_window_join_project (self, file);
}

void
_studio_window_class_join_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.join-project", NULL, join_project_action);
  gtk_widget_class_install_action (widget_class, "win.join-project-file", "s", join_project_file_action);
}
