/* studio-resources-page-actions.c — the Resources page's actions: import (file chooser, drop,
 * paste; a package dropped goes to the import review), submit for review, delete (undoable), edit
 * the selected resources at once (undoable)
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

/* ---------------------------------------------------------------------------------------------- */
/* Import                                                                                          */

static StudioSettings *
page_settings (StudioResourcesPage *self)
{
  StudioSession *session = studio_page_get_session (STUDIO_PAGE (self));

  return session != NULL ? studio_session_get_settings (session) : studio_settings_get_default ();
}

static void
import_progress_cb (const ReslibProgress *progress,
                    gpointer              data)
{
  StudioResourcesPage *self = data;
  g_autofree char *text = NULL;

  if (progress->bytes_total > 0)
    gtk_progress_bar_set_fraction (self->import_progress, (double) progress->bytes_done / progress->bytes_total);
  else if (progress->files_total > 0)
    gtk_progress_bar_set_fraction (self->import_progress, (double) progress->files_done / progress->files_total);
  /* Translators: import progress: files done, files in all, the file being read */
  text = g_strdup_printf (_("%u of %u files · %s"), progress->files_done, progress->files_total,
                          progress->current != NULL ? progress->current : "");
  gtk_progress_bar_set_text (self->import_progress, text);
}

/* How many failures and duplicates the summary names; "and N more" after them. */
#define SUMMARY_NAMES 5

/* "Remove N Duplicates": the new resources whose content the project already had are deleted as one
 * undoable step. */
static void
summary_response_cb (AdwMessageDialog    *dialog,
                     const char          *response,
                     StudioResourcesPage *self)
{
  ReslibStore *store = studio_page_get_store (STUDIO_PAGE (self));
  const char * const *ids = g_object_get_data (G_OBJECT (dialog), "duplicate-ids");
  g_autoptr(ReslibUndoStep) step = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;

  if (g_strcmp0 (response, "remove") != 0 || store == NULL || ids == NULL || ids[0] == NULL)
    return;
  step = reslib_store_delete_undoable (store, RESLIB_KIND_RESOURCE, ids, &error);
  if (step == NULL)
    {
      studio_page_show_error (STUDIO_PAGE (self), _("The duplicates could not be removed"), error);
      return;
    }
  /* Translators: %u is a number of resources */
  title = g_strdup_printf (_("Duplicates removed: %u"), g_strv_length ((char **) ids));
  studio_page_push_undo (STUDIO_PAGE (self), step, title, title);
}

/* After an import with failures, duplicates or skipped files: what was added, which files could not be read
 * (and why), which have the same content as a resource of the project (and which one), what was skipped;
 * "Remove N Duplicates" takes the duplicates out. */
static void
show_summary (StudioResourcesPage *self,
              ReslibImporter      *importer)
{
  ReslibStore *store = studio_page_get_store (STUDIO_PAGE (self));
  const char * const *ids = reslib_importer_get_resource_ids (importer);
  GPtrArray *duplicates = reslib_importer_get_duplicates (importer);
  GPtrArray *failures = reslib_importer_get_failures (importer);
  guint added = ids != NULL ? g_strv_length ((char **) ids) : 0;
  guint skipped = reslib_importer_get_n_skipped (importer);
  g_autoptr(GStrvBuilder) duplicate_ids = g_strv_builder_new ();
  g_autoptr(GString) body = g_string_new (NULL);
  g_autofree char *heading = NULL;
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *dialog;
  guint n_removable = 0;

  /* Translators: the heading of the import's summary; %u is a number of files */
  heading = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u File Imported", "%u Files Imported", added), added);
  if (failures->len > 0)
    {
      /* Translators: the import's summary, before the files that could not be read, each with the reason */
      g_string_append_printf (body, g_dngettext (GETTEXT_PACKAGE, "%u file failed (it could not be read):",
                                                 "%u files failed (they could not be read):", failures->len),
                              failures->len);
      for (guint i = 0; i < failures->len && i < SUMMARY_NAMES; i++)
        {
          g_string_append (body, "\n• ");
          g_string_append (body, ((ReslibImportFailure *) g_ptr_array_index (failures, i))->message);
        }
      if (failures->len > SUMMARY_NAMES)
        {
          guint more = failures->len - SUMMARY_NAMES;

          g_string_append (body, "\n");
          g_string_append_printf (body, g_dngettext (GETTEXT_PACKAGE, "and %u more", "and %u more", more), more);
        }
    }
  if (duplicates->len > 0)
    {
      if (body->len > 0)
        g_string_append (body, "\n\n");
      /* Translators: the import's summary */
      g_string_append_printf (body, g_dngettext (GETTEXT_PACKAGE,
                                                 "%u file has the same content as a resource already in the project:",
                                                 "%u files have the same content as resources already in the project:",
                                                 duplicates->len), duplicates->len);
      for (guint i = 0; i < duplicates->len; i++)
        {
          ReslibImportDuplicate *duplicate = g_ptr_array_index (duplicates, i);
          g_autoptr(ReslibRecord) existing = NULL;

          if (duplicate->resource_id != NULL)
            {
              g_strv_builder_add (duplicate_ids, duplicate->resource_id);
              n_removable++;
            }
          if (i >= SUMMARY_NAMES)
            continue;
          existing = store != NULL ? reslib_store_get (store, RESLIB_KIND_RESOURCE, duplicate->existing_id, NULL) : NULL;
          g_string_append (body, "\n• ");
          /* Translators: a file of the import and the resource of the project with the same content */
          g_string_append_printf (body, _("%s, the same as “%s”"), duplicate->file_name,
                                  existing != NULL ? reslib_record_get (existing, "title") : duplicate->existing_id);
        }
      if (duplicates->len > SUMMARY_NAMES)
        {
          guint more = duplicates->len - SUMMARY_NAMES;

          g_string_append (body, "\n");
          /* Translators: after the first duplicates named in the import's summary */
          g_string_append_printf (body, g_dngettext (GETTEXT_PACKAGE, "and %u more", "and %u more", more), more);
        }
    }
  if (skipped > 0)
    {
      if (body->len > 0)
        g_string_append (body, "\n\n");
      /* Translators: the import's summary */
      g_string_append_printf (body, g_dngettext (GETTEXT_PACKAGE,
                                                 "%u hidden file or link to a folder was skipped.",
                                                 "%u hidden files or links to folders were skipped.", skipped), skipped);
    }

  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, heading, body->str);
  if (n_removable > 0)
    {
      g_autofree char *remove = NULL;

      /* Translators: a button of the import's summary; %u is a number of resources */
      remove = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "_Remove %u Duplicate", "_Remove %u Duplicates",
                                             n_removable), n_removable);
      adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "close", _("_Keep All"), "remove", remove,
                                        NULL);
      adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "remove", ADW_RESPONSE_DESTRUCTIVE);
      g_object_set_data_full (G_OBJECT (dialog), "duplicate-ids", g_strv_builder_end (duplicate_ids),
                              (GDestroyNotify) g_strfreev);
    }
  else
    adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"), NULL);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "close");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "close");
  gtk_window_set_destroy_with_parent (GTK_WINDOW (dialog), TRUE);
  g_signal_connect_object (dialog, "response", G_CALLBACK (summary_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
import_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      data)
{
  g_autoptr(StudioResourcesPage) self = data;
  ReslibImporter *importer = RESLIB_IMPORTER (source);
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;

  g_clear_object (&self->import_cancellable);
  gtk_revealer_set_reveal_child (self->import_revealer, FALSE);
  _studio_resources_page_update_actions (self);

  if (!reslib_job_run_finish (RESLIB_JOB (importer), result, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        studio_page_toast (STUDIO_PAGE (self), _("Import cancelled: nothing was added"));
      else
        {
          g_autofree char *heading = NULL;

          g_prefix_error (&error, "%s\n\n",
                          _("Nothing was added. Check that the files exist and can be read, remove the ones "
                            "named below from your selection, and import again."));
          heading = g_strdup (_("The files could not be imported"));
          studio_page_show_error (STUDIO_PAGE (self), heading, error);
        }
      return;
    }

  {
    const char * const *ids = reslib_importer_get_resource_ids (importer);
    guint added = ids != NULL ? g_strv_length ((char **) ids) : 0;
    guint dedup = reslib_importer_get_n_deduplicated (importer);

    /* The new resources are selected, in the order of the files, once the list holds them. */
    _studio_resources_page_select_ids (self, ids);
    if (reslib_importer_get_duplicates (importer)->len > 0 || reslib_importer_get_n_skipped (importer) > 0 ||
        reslib_importer_get_failures (importer)->len > 0)
      {
        show_summary (self, importer);
        return;
      }
    if (dedup > 0)
      /* Translators: files imported; of those, how many had content the library already held */
      message = g_strdup_printf (ngettext ("Imported %u file; the content of %u was already in the library and is stored once",
                                           "Imported %u files; the content of %u was already in the library and is stored once",
                                           added),
                                 added, dedup);
    else if (added > 0)
      message = g_strdup_printf (ngettext ("Imported %u file", "Imported %u files", added), added);
    else
      message = g_strdup (_("Nothing to import: the folders hold no files (hidden files are skipped)"));
    studio_page_toast (STUDIO_PAGE (self), message);
  }
}

/**
 * studio_resources_page_import:
 * @files: (element-type GFile): files and folders (imported recursively)
 *
 * Imports the files in the background with a progress bar; what the file chooser,
 * a drop and a paste do. Returns %FALSE when an import is already running or no
 * project is shown.
 */
gboolean
studio_resources_page_import (StudioResourcesPage *self,
                              GSList              *files)
{
  StudioPage *page = STUDIO_PAGE (self);
  ReslibStore *store = studio_page_get_store (page);
  const char *project = studio_page_get_project_id (page);
  g_autoptr(ReslibImporter) importer = NULL;

  g_return_val_if_fail (STUDIO_IS_RESOURCES_PAGE (self), FALSE);

  if (store == NULL || project == NULL || files == NULL)
    return FALSE;
  if (self->needs_load)
    _studio_resources_page_load (self);
  if (self->import_cancellable != NULL)
    {
      studio_page_toast (page, _("An import is running: wait for it to finish or cancel it first"));
      return FALSE;
    }

  importer = reslib_importer_new (store, project);
  for (GSList *l = files; l != NULL; l = l->next)
    reslib_importer_add_file (importer, l->data);
  reslib_job_set_progress_func (RESLIB_JOB (importer), import_progress_cb, self, NULL);

  self->import_cancellable = g_cancellable_new ();
  gtk_progress_bar_set_fraction (self->import_progress, 0);
  gtk_progress_bar_set_text (self->import_progress, _("Reading files…"));
  gtk_stack_set_visible_child_name (self->resources_stack, "list");
  gtk_revealer_set_reveal_child (self->import_revealer, TRUE);
  _studio_resources_page_update_actions (self);
  reslib_job_run_async (RESLIB_JOB (importer), self->import_cancellable, import_done_cb, g_object_ref (self));
  studio_page_add_job (STUDIO_PAGE (self), RESLIB_JOB (importer));

  return TRUE;
}

static void
chooser_response_cb (GtkNativeDialog     *dialog,
                     int                  response,
                     StudioResourcesPage *self)
{
  g_autoptr(GListModel) files = NULL;
  GSList *list = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      files = gtk_file_chooser_get_files (GTK_FILE_CHOOSER (dialog));
      for (guint i = g_list_model_get_n_items (files); i > 0; i--)
        list = g_slist_prepend (list, g_list_model_get_item (files, i - 1));
      if (list != NULL)
        studio_settings_set_last_folder (page_settings (self), STUDIO_FOLDER_RESOURCES,
                                         list->data);
      studio_resources_page_import (self, list);
      g_slist_free_full (list, g_object_unref);
    }
  g_clear_object (&self->chooser);
}

static void
open_chooser (StudioResourcesPage  *self,
              GtkFileChooserAction  action)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  g_autoptr(GFile) folder = studio_settings_get_last_folder (page_settings (self),
                                                             STUDIO_FOLDER_RESOURCES);

  g_clear_object (&self->chooser);
  self->chooser = gtk_file_chooser_native_new (action == GTK_FILE_CHOOSER_ACTION_OPEN ? _("Import Files")
                                                                                      : _("Import Folder"),
                                               GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                               action, _("_Import"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  gtk_file_chooser_set_select_multiple (GTK_FILE_CHOOSER (self->chooser), TRUE);
  if (folder != NULL)
    gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (self->chooser), folder, NULL);
  g_signal_connect (self->chooser, "response", G_CALLBACK (chooser_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
import_files_action (GtkWidget  *widget,
                     const char *name,
                     GVariant   *parameter)
{
  open_chooser (STUDIO_RESOURCES_PAGE (widget), GTK_FILE_CHOOSER_ACTION_OPEN);
}

static void
import_folder_action (GtkWidget  *widget,
                      const char *name,
                      GVariant   *parameter)
{
  open_chooser (STUDIO_RESOURCES_PAGE (widget), GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER);
}

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

static void
cancel_import_action (GtkWidget  *widget,
                      const char *name,
                      GVariant   *parameter)
{
  StudioResourcesPage *self = STUDIO_RESOURCES_PAGE (widget);

  if (self->import_cancellable != NULL)
    g_cancellable_cancel (self->import_cancellable);
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
  gtk_widget_class_install_action (widget_class, "resources.import-files", NULL, import_files_action);
  gtk_widget_class_install_action (widget_class, "resources.import-folder", NULL, import_folder_action);
  gtk_widget_class_install_action (widget_class, "resources.add-online", NULL, add_online_action);
  gtk_widget_class_install_action (widget_class, "resources.cancel-import", NULL, cancel_import_action);
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
