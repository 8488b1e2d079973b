/* studio-resources-page-actions.c — the Resources page's actions: drop and paste (a package dropped
 * goes to the import review; other files to the import of -import.c), submit for review, delete
 * (undoable), edit the selected resources at once (undoable)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "studio-import-dialog.h"
#include "studio-list-export.h"
#include "studio-page-shortcut.h"
#include "studio-choose-file.h"
#include "studio-resources-page-private.h"
#include "studio-sheet-import-dialog.h"

/* "Export List…": the project's resource list (资源清单) as xlsx or CSV. */
static void
export_list_action (GtkWidget  *widget,
                    const char *name,
                    GVariant   *parameter)
{
  GtkRoot *root = gtk_widget_get_root (widget);
  StudioSession *session = studio_page_get_session (STUDIO_PAGE (widget));

  if (session != NULL)
    studio_list_export_choose (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, session);
}

/* "Import Metadata…": a spreadsheet's rows previewed, then applied as one undoable step. */
static void
sheet_applied_cb (StudioSheetImportDialog *dialog,
                  ReslibSheetImport       *job,
                  StudioResourcesPage     *self)
{
  ReslibUndoStep *step = reslib_sheet_import_get_undo_step (job);
  const char * const *created = reslib_sheet_import_get_new_ids (job);
  guint n_created = created != NULL ? g_strv_length ((char **) created) : 0;
  guint n_changed = reslib_sheet_import_get_rows (job)->len - n_created;
  g_autofree char *message = NULL;

  if (step == NULL)
    return;
  if (n_created > 0)
    /* Translators: after Import Metadata: resources changed, resources imported from files */
    message = g_strdup_printf (_("Metadata imported: %u resources changed, %u imported"), n_changed, n_created);
  else
    /* Translators: after Import Metadata: resources changed */
    message = g_strdup_printf (_("Metadata imported: %u resources changed"), n_changed);
  studio_page_push_undo (STUDIO_PAGE (self), step, message, message);
}

/**
 * studio_resources_page_import_sheet:
 * @path: an .xlsx or .csv file
 *
 * Opens the preview of what the sheet changes (read as a dry run at once).
 *
 * Returns: (transfer none) (nullable): the preview window, or %NULL when no project is shown
 */
GtkWindow *
studio_resources_page_import_sheet (StudioResourcesPage *self,
                                    const char          *path)
{
  ReslibStore *store = studio_page_get_store (STUDIO_PAGE (self));
  const char *project = studio_page_get_project_id (STUDIO_PAGE (self));
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  StudioSheetImportDialog *dialog;

  g_return_val_if_fail (STUDIO_IS_RESOURCES_PAGE (self), NULL);
  g_return_val_if_fail (path != NULL, NULL);

  if (store == NULL || project == NULL)
    return NULL;
  dialog = studio_sheet_import_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, store, project, path);
  g_signal_connect_object (dialog, "applied", G_CALLBACK (sheet_applied_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));

  return GTK_WINDOW (dialog);
}

/* resources.import-metadata-file (s): the spreadsheet at this path, checked and shown before it is applied */
static void
import_metadata_file_action (GtkWidget  *widget,
                             const char *name,
                             GVariant   *parameter)
{
  const char *path = g_variant_get_string (parameter, NULL);

  if (*path != '\0')
    studio_resources_page_import_sheet (STUDIO_RESOURCES_PAGE (widget), path);
}

static void
import_metadata_action (GtkWidget  *widget,
                        const char *name,
                        GVariant   *parameter)
{
  const StudioChooseFilter filters[] = {
    { _("Spreadsheets (xlsx, CSV)"), "xlsx csv" },
  };

  studio_choose_file (widget, _("Import Metadata"), NULL, filters, G_N_ELEMENTS (filters),
                      "resources.import-metadata-file");
}

static gboolean
drop_cb (GtkDropTarget       *target,
         const GValue        *value,
         double               x,
         double               y,
         StudioResourcesPage *self)
{
  GSList *packages = NULL;
  GSList *others = NULL;
  gboolean done = FALSE;

  if (!G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST))
    return FALSE;

  /* A package goes to the import review, not into the library as one file. */
  others = studio_import_split_packages (gdk_file_list_get_files (g_value_get_boxed (value)), &packages);
  for (GSList *l = packages; l != NULL; l = l->next)
    {
      g_autofree char *uri = g_file_get_uri (l->data);

      done = gtk_widget_activate_action (GTK_WIDGET (self), "win.open-package", "s", uri) || done;
    }
  if (others != NULL)
    done = studio_resources_page_import (self, others) || done;
  g_slist_free_full (packages, g_object_unref);
  g_slist_free_full (others, g_object_unref);

  return done;
}

static void
paste_done_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      data)
{
  g_autoptr(StudioResourcesPage) self = data;
  g_autoptr(GError) error = NULL;
  const GValue *value = gdk_clipboard_read_value_finish (GDK_CLIPBOARD (source), result, &error);

  if (value == NULL || !G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST))
    {
      studio_page_toast (STUDIO_PAGE (self), _("The clipboard holds no files: copy files in the file manager, then paste"));
      return;
    }
  studio_resources_page_import (self, gdk_file_list_get_files (g_value_get_boxed (value)));
}

static void
paste_action (GtkWidget  *widget,
              const char *name,
              GVariant   *parameter)
{
  GdkClipboard *clipboard = gtk_widget_get_clipboard (widget);

  /* text/uri-list is turned into a GdkFileList by GDK's deserializers. */
  gdk_clipboard_read_value_async (clipboard, GDK_TYPE_FILE_LIST, G_PRIORITY_DEFAULT, NULL,
                                  paste_done_cb, g_object_ref (widget));
}

/* ---------------------------------------------------------------------------------------------- */
/* Actions on the selection                                                                        */

static void
select_all_action (GtkWidget  *widget,
                   const char *name,
                   GVariant   *parameter)
{
  StudioResourcesPage *self = STUDIO_RESOURCES_PAGE (widget);

  gtk_selection_model_select_all (GTK_SELECTION_MODEL (self->selection));
}

/* More resources than this at once: the page asks before it submits them. */
#define SUBMIT_ASK_ABOVE 100

static void
submit (StudioResourcesPage *self,
        char               **ids)
{
  ReslibStore *store = studio_page_get_store (STUDIO_PAGE (self));
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;

  if (store == NULL || ids[0] == NULL)
    return;
  if (!reslib_store_review (store, (const char * const *) ids, RESLIB_REVIEW_SUBMIT, NULL, &error))
    {
      studio_page_show_error (STUDIO_PAGE (self), _("The resources could not be submitted for review"), error);
      return;
    }
  /* Translators: %u is a number of resources */
  message = g_strdup_printf (_("Submitted for review: %u"), g_strv_length (ids));
  studio_page_toast (STUDIO_PAGE (self), message);
}

static void
submit_response_cb (AdwMessageDialog    *dialog,
                    const char          *response,
                    StudioResourcesPage *self)
{
  if (g_strcmp0 (response, "submit") == 0)
    submit (self, g_object_get_data (G_OBJECT (dialog), "ids"));
}

static void
submit_selected_action (GtkWidget  *widget,
                        const char *name,
                        GVariant   *parameter)
{
  StudioResourcesPage *self = STUDIO_RESOURCES_PAGE (widget);
  g_auto(GStrv) ids = _studio_resources_page_selected_ids (self);
  guint n = g_strv_length (ids);
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkWidget *dialog;
  g_autofree char *heading = NULL;

  if (n <= SUBMIT_ASK_ABOVE)
    {
      submit (self, ids);
      return;
    }
  /* Translators: %u is a number of resources, many */
  heading = g_strdup_printf (_("Submit %u Resources for Review?"), n);
  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, heading,
                                   _("The reviewer of the first host unit sees every one of them in the review queue."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "submit", _("_Submit"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "submit", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  gtk_window_set_destroy_with_parent (GTK_WINDOW (dialog), TRUE);
  g_object_set_data_full (G_OBJECT (dialog), "ids", g_steal_pointer (&ids), (GDestroyNotify) g_strfreev);
  g_signal_connect_object (dialog, "response", G_CALLBACK (submit_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Deletes the selected resources at once, in one transaction; the toast's Undo (or Ctrl+Z) puts
 * them back with the same ids. */
static void
delete_selected_action (GtkWidget  *widget,
                        const char *name,
                        GVariant   *parameter)
{
  StudioResourcesPage *self = STUDIO_RESOURCES_PAGE (widget);
  ReslibStore *store = studio_page_get_store (STUDIO_PAGE (self));
  g_auto(GStrv) ids = _studio_resources_page_selected_ids (self);
  g_autoptr(ReslibUndoStep) step = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;
  guint n = g_strv_length (ids);

  if (n == 0 || store == NULL)
    return;
  step = reslib_store_delete_undoable (store, RESLIB_KIND_RESOURCE, (const char * const *) ids, &error);
  if (step == NULL)
    {
      studio_page_show_error (STUDIO_PAGE (self), _("The resources could not be deleted"), error);
      return;
    }
  gtk_selection_model_unselect_all (GTK_SELECTION_MODEL (self->selection));

  /* Translators: %u is a number of resources */
  title = g_strdup_printf (_("Deleted: %u"), n);
  studio_page_push_undo (STUDIO_PAGE (self), step, title, title);
}

/* Bulk edit: one dialog, one transaction. */

static void
bulk_response_cb (AdwMessageDialog    *dialog,
                  const char          *response,
                  StudioResourcesPage *self)
{
  StudioBulkEditDialog *bulk = STUDIO_BULK_EDIT_DIALOG (dialog);
  ReslibStore *store = studio_page_get_store (STUDIO_PAGE (self));
  g_auto(GStrv) ids = g_strdupv ((char **) studio_bulk_edit_dialog_get_ids (bulk));
  g_autoptr(GPtrArray) fields = g_ptr_array_new ();
  g_autoptr(GPtrArray) values = g_ptr_array_new ();
  g_autoptr(ReslibUndoStep) step = NULL;
  g_autoptr(GError) error = NULL;

  if (self->bulk_dialog == bulk)
    self->bulk_dialog = NULL;
  if (!g_str_equal (response, "apply") || store == NULL || ids == NULL)
    return;

  studio_bulk_edit_dialog_get_changes (bulk, fields, values);
  if (fields->len == 0)
    return;
  g_ptr_array_add (fields, NULL);
  g_ptr_array_add (values, NULL);

  step = reslib_store_update_undoable (store, RESLIB_KIND_RESOURCE, (const char * const *) ids,
                                       (const char * const *) fields->pdata, (const char * const *) values->pdata,
                                       &error);
  if (step == NULL)
    {
      g_prefix_error (&error, "%s\n\n", _("None of the resources was changed."));
      studio_page_show_error (STUDIO_PAGE (self), _("The selected resources could not be changed"), error);
      return;
    }
  {
    /* Translators: %u is a number of resources */
    g_autofree char *message = g_strdup_printf (_("Changed: %u"), g_strv_length (ids));

    studio_page_push_undo (STUDIO_PAGE (self), step, message, message);
  }
}

static void
edit_selected_action (GtkWidget  *widget,
                      const char *name,
                      GVariant   *parameter)
{
  StudioResourcesPage *self = STUDIO_RESOURCES_PAGE (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  g_auto(GStrv) ids = _studio_resources_page_selected_ids (self);
  g_autoptr(GtkStringList) units = gtk_string_list_new (NULL);
  g_autoptr(GPtrArray) unit_ids = g_ptr_array_new ();
  g_autoptr(GPtrArray) unit_labels = g_ptr_array_new ();
  StudioBulkEditDialog *dialog;

  if (ids[0] == NULL)
    return;

  /* Item 0 of the units is "None": the dialog puts "Keep as it is" there. */
  _studio_resources_page_load_units (self, units);
  for (guint i = 1; i < self->unit_ids->len; i++)
    {
      g_ptr_array_add (unit_ids, g_ptr_array_index (self->unit_ids, i));
      g_ptr_array_add (unit_labels, (gpointer) gtk_string_list_get_string (units, i));
    }
  dialog = studio_bulk_edit_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                        (const char * const *) ids, unit_ids, unit_labels,
                                        studio_page_get_store (STUDIO_PAGE (self)),
                                        studio_page_get_project_id (STUDIO_PAGE (self)));
  g_signal_connect_object (dialog, "response", G_CALLBACK (bulk_response_cb), self, 0);
  self->bulk_dialog = dialog;
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &self->bulk_dialog);
  gtk_window_present (GTK_WINDOW (dialog));
}

/**
 * studio_resources_page_get_bulk_dialog:
 *
 * Returns: (transfer none) (nullable): the open "Edit Selected" dialog.
 */
GtkWindow *
studio_resources_page_get_bulk_dialog (StudioResourcesPage *self)
{
  g_return_val_if_fail (STUDIO_IS_RESOURCES_PAGE (self), NULL);

  return self->bulk_dialog != NULL ? GTK_WINDOW (self->bulk_dialog) : NULL;
}

/* ---------------------------------------------------------------------------------------------- */
/* An online resource (在线资源): a title and the address where the platform hosts it, no file */

static void
online_changed_cb (GtkEditable *editable,
                   AdwMessageDialog *dialog)
{
  GtkEditable *title = g_object_get_data (G_OBJECT (dialog), "title");
  GtkEditable *url = g_object_get_data (G_OBJECT (dialog), "url");
  g_autofree char *t = g_strstrip (g_strdup (gtk_editable_get_text (title)));
  g_autofree char *u = g_strstrip (g_strdup (gtk_editable_get_text (url)));

  adw_message_dialog_set_response_enabled (dialog, "add", *t != '\0' && reslib_url_check (u, NULL));
}

static void
online_response_cb (AdwMessageDialog    *dialog,
                    const char          *response,
                    StudioResourcesPage *self)
{
  ReslibStore *store = studio_page_get_store (STUDIO_PAGE (self));
  const char *project = studio_page_get_project_id (STUDIO_PAGE (self));
  g_autofree char *title = g_strstrip (g_strdup (gtk_editable_get_text (g_object_get_data (G_OBJECT (dialog), "title"))));
  g_autofree char *url = g_strstrip (g_strdup (gtk_editable_get_text (g_object_get_data (G_OBJECT (dialog), "url"))));
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;

  if (!g_str_equal (response, "add") || store == NULL || project == NULL)
    return;
  id = reslib_store_add_online_resource (store, project, title, url, &error);
  if (id == NULL)
    {
      studio_page_show_error (STUDIO_PAGE (self), _("The online resource could not be added"), error);
      return;
    }
  /* Selected once the list holds it, its link in the preview. */
  _studio_resources_page_select_ids (self, (const char * const[]) { id, NULL });
  /* Undone by deleting it, as a deletion is undone by bringing it back. */
  {
    g_autoptr(ReslibUndoStep) step = reslib_undo_step_new_created (RESLIB_KIND_RESOURCE, (const char * const[]) { id, NULL });

    /* Translators: after an online resource was added */
    studio_page_push_undo (STUDIO_PAGE (self), step, _("Add Online Resource"), _("Online resource added"));
  }
}

static void
add_online_action (GtkWidget  *widget,
                   const char *name,
                   GVariant   *parameter)
{
  StudioResourcesPage *self = STUDIO_RESOURCES_PAGE (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkWidget *dialog, *box, *title, *url;

  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, _("Add Online Resource"),
                                   _("A resource the platform hosts: it has an address and no file."));
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  title = gtk_entry_new ();
  /* Translators: the placeholder of the title field of a new online resource */
  gtk_entry_set_placeholder_text (GTK_ENTRY (title), _("Title"));
  studio_set_accessible_label (title, _("Title"));
  url = gtk_entry_new ();
  gtk_entry_set_placeholder_text (GTK_ENTRY (url), "https://");
  gtk_entry_set_input_purpose (GTK_ENTRY (url), GTK_INPUT_PURPOSE_URL);
  gtk_entry_set_activates_default (GTK_ENTRY (url), TRUE);
  /* Translators: the address field of a new online resource */
  studio_set_accessible_label (url, _("Online address"));
  gtk_box_append (GTK_BOX (box), title);
  gtk_box_append (GTK_BOX (box), url);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), box);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"), "add", _("_Add"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "add", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "add");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (dialog), "add", FALSE);
  g_object_set_data (G_OBJECT (dialog), "title", title);
  g_object_set_data (G_OBJECT (dialog), "url", url);
  g_signal_connect (title, "changed", G_CALLBACK (online_changed_cb), dialog);
  g_signal_connect (url, "changed", G_CALLBACK (online_changed_cb), dialog);
  g_signal_connect (dialog, "response", G_CALLBACK (online_response_cb), self);
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (title);
}

/* ---------------------------------------------------------------------------------------------- */

void
_studio_resources_page_class_actions_init (GtkWidgetClass *widget_class)
{
  _studio_resources_page_class_import_init (widget_class);
  gtk_widget_class_install_action (widget_class, "resources.add-online", NULL, add_online_action);
  gtk_widget_class_install_action (widget_class, "resources.export-list", NULL, export_list_action);
  gtk_widget_class_install_action (widget_class, "resources.import-metadata", NULL, import_metadata_action);
  gtk_widget_class_install_action (widget_class, "resources.import-metadata-file", "s",
                                   import_metadata_file_action);
  gtk_widget_class_install_action (widget_class, "resources.paste", NULL, paste_action);
  gtk_widget_class_install_action (widget_class, "resources.select-all", NULL, select_all_action);
  gtk_widget_class_install_action (widget_class, "resources.edit-selected", NULL, edit_selected_action);
  gtk_widget_class_install_action (widget_class, "resources.submit-selected", NULL, submit_selected_action);
  gtk_widget_class_install_action (widget_class, "resources.delete-selected", NULL, delete_selected_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_a, GDK_CONTROL_MASK, "resources.select-all", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_v, GDK_CONTROL_MASK, "resources.paste", NULL);
}

/* Files dropped on the page are imported. Delete, Ctrl+I and Ctrl+E work wherever the page is shown
 * (the sidebar or the empty page has the focus), after a focused text field has had its keys. */
void
_studio_resources_page_actions_init (StudioResourcesPage *self)
{
  GtkDropTarget *drop = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);

  studio_page_add_shortcut (STUDIO_PAGE (self), GDK_KEY_Delete, 0, "resources.delete-selected");
  studio_page_add_shortcut (STUDIO_PAGE (self), GDK_KEY_KP_Delete, 0, "resources.delete-selected");
  studio_page_add_shortcut (STUDIO_PAGE (self), GDK_KEY_i, GDK_CONTROL_MASK, "resources.import-files");
  studio_page_add_shortcut (STUDIO_PAGE (self), GDK_KEY_e, GDK_CONTROL_MASK, "resources.edit-selected");

  g_signal_connect (drop, "drop", G_CALLBACK (drop_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drop));
}
