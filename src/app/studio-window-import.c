/* studio-window-import.c — the ways a package comes into the window: Import Package… (a file
 * chooser), a drop anywhere in the window, and a file the application is asked to open; each
 * ends in the import review (exchange/studio-import-dialog)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "studio-choose-file.h"
#include "studio-import-dialog.h"
#include "studio-resources-page.h"
#include "studio-window-private.h"

static void show_next (StudioWindow *self);

static void
dialog_destroyed_cb (StudioWindow *self)
{
  self->import_dialog = NULL;
  show_next (self);
}

/* One review at a time: the others wait their turn. */
static void
show_next (StudioWindow *self)
{
  g_autoptr(GFile) file = NULL;
  StudioImportDialog *dialog;

  if (self->import_dialog != NULL || self->pending_packages == NULL ||
      g_queue_is_empty (self->pending_packages))
    return;
  file = g_queue_pop_head (self->pending_packages);
  dialog = studio_import_dialog_new (self->session, file, STUDIO_IMPORT_MODE_IMPORT);
  gtk_window_set_transient_for (GTK_WINDOW (dialog), GTK_WINDOW (self));
  self->import_dialog = GTK_WINDOW (dialog);
  g_signal_connect_object (dialog, "destroy", G_CALLBACK (dialog_destroyed_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

/**
 * studio_window_open_package:
 * @file: a package
 *
 * Shows the import review of @file, after the one shown (if any) is closed.
 */
void
studio_window_open_package (StudioWindow *self,
                            GFile        *file)
{
  g_return_if_fail (STUDIO_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));

  if (self->store == NULL)
    {
      studio_window_add_toast (self, _("The library is not open: nothing can be imported"));
      return;
    }
  if (self->pending_packages == NULL)
    self->pending_packages = g_queue_new ();
  g_queue_push_tail (self->pending_packages, g_object_ref (file));
  show_next (self);
}

/**
 * studio_window_get_import_dialog:
 *
 * Returns: (transfer none) (nullable): the import review shown
 */
GtkWindow *
studio_window_get_import_dialog (StudioWindow *self)
{
  g_return_val_if_fail (STUDIO_IS_WINDOW (self), NULL);

  return self->import_dialog;
}

/* ---------------------------------------------------------------------------------------------- */
/* Import Package… and win.open-package                                                            */

/* A package to import or to join, from the folder the last one came from; then @action_name with its path. */
void
_studio_window_choose_package (StudioWindow *self,
                               const char   *title,
                               const char   *action_name)
{
  g_autoptr(GFile) folder = studio_settings_get_last_folder (self->settings, STUDIO_FOLDER_PACKAGES_IN);
  const StudioChooseFilter filters[] = {
    { _("Packages (tar)"), "tar", "application/x-reslib-package" },
  };
  const StudioChooseOptions options = {
    .title = title, .filters = filters, .n_filters = G_N_ELEMENTS (filters), .all_files = TRUE, .folder = folder,
  };

  studio_choose_file_full (GTK_WIDGET (self), &options, action_name);
}

static void
import_package_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  StudioWindow *self = STUDIO_WINDOW (widget);

  if (self->store == NULL)
    return;
  _studio_window_choose_package (self, _("Import Package"), "win.import-package-file");
}

/* (s): the path of the package chosen: its review, and its folder offered next time. */
static void
import_package_file_action (GtkWidget  *widget,
                            const char *action_name,
                            GVariant   *parameter)
{
  StudioWindow *self = STUDIO_WINDOW (widget);
  g_autoptr(GFile) file = g_file_new_for_path (g_variant_get_string (parameter, NULL));

  if (self->store == NULL)
    return;
  studio_settings_set_last_folder (self->settings, STUDIO_FOLDER_PACKAGES_IN, file);
  studio_window_open_package (self, file);
}

/* (s): the URI of a package: its review. */
static void
open_package_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  g_autoptr(GFile) file = g_file_new_for_uri (g_variant_get_string (parameter, NULL));

  studio_window_open_package (STUDIO_WINDOW (widget), file);
}

/* ---------------------------------------------------------------------------------------------- */
/* Drop                                                                                            */

/* Packages go to the review; other files are imported as resources on the Resources page. */
static gboolean
drop_cb (GtkDropTarget *target,
         const GValue  *value,
         double         x,
         double         y,
         StudioWindow  *self)
{
  GSList *packages = NULL;
  GSList *others = NULL;
  gboolean done = FALSE;

  if (!G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST))
    return FALSE;

  others = studio_import_split_packages (gdk_file_list_get_files (g_value_get_boxed (value)), &packages);
  for (GSList *l = packages; l != NULL; l = l->next)
    {
      studio_window_open_package (self, l->data);
      done = TRUE;
    }
  if (others != NULL && studio_session_get_project_id (self->session) != NULL)
    {
      StudioResourcesPage *resources = STUDIO_RESOURCES_PAGE (studio_window_get_page (self, "resources"));

      studio_window_show_page (self, "resources");
      done = studio_resources_page_import (resources, others) || done;
    }
  else if (others != NULL)
    studio_window_add_toast (self, _("Create or open a project first, then drop the files on it"));
  g_slist_free_full (packages, g_object_unref);
  g_slist_free_full (others, g_object_unref);

  return done;
}

void
_studio_window_import_init (StudioWindow *self)
{
  GtkDropTarget *drop = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);

  g_signal_connect (drop, "drop", G_CALLBACK (drop_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drop));
}

void
_studio_window_import_dispose (StudioWindow *self)
{
  if (self->pending_packages != NULL)
    g_queue_free_full (g_steal_pointer (&self->pending_packages), g_object_unref);
  if (self->import_dialog != NULL)
    g_signal_handlers_disconnect_by_func (self->import_dialog, dialog_destroyed_cb, self);
  self->import_dialog = NULL;
}

void
_studio_window_class_import_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.import-package", NULL, import_package_action);
  gtk_widget_class_install_action (widget_class, "win.import-package-file", "s", import_package_file_action);
  gtk_widget_class_install_action (widget_class, "win.open-package", "s", open_package_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_o, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "win.import-package", NULL);
}
