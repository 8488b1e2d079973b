/* studio-resources-page-import.c — the Resources page's import of files: from the file chooser
 * (Ctrl+I), a drop or a paste, in the background with a progress bar and a summary at the end
 *
 * A batch given while one is being imported waits its turn: the batches are imported one after the
 * other, in the order they came, and Cancel stops the running one and drops those waiting.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "studio-resources-page-private.h"

/* A batch of files waiting for the running import, with the project it was given for. */
typedef struct
{
  ReslibStore *store;
  char        *project_id;
  GPtrArray   *files;       /* of GFile */
} Batch;

static void
batch_free (Batch *batch)
{
  g_clear_object (&batch->store);
  g_free (batch->project_id);
  g_ptr_array_unref (batch->files);
  g_free (batch);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Batch, batch_free)

static guint
n_waiting (StudioResourcesPage *self)
{
  return self->import_queue != NULL ? g_queue_get_length (self->import_queue) : 0;
}

/* The progress bar's text: what the running import does, and how many batches wait after it. */
static void
show_import_status (StudioResourcesPage *self)
{
  guint waiting = n_waiting (self);
  g_autofree char *text = NULL;
  g_autofree char *more = NULL;

  if (waiting == 0)
    {
      gtk_progress_bar_set_text (self->import_progress, self->import_status);
      return;
    }
  /* Translators: after the import's progress: how many batches of files (each a drop, a paste or a
   * choice in the file chooser) wait for the running one to end */
  more = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u more batch waiting", "%u more batches waiting", waiting),
                          waiting);
  /* Translators: the import's progress, then how many batches wait */
  text = g_strdup_printf (_("%s · %s"), self->import_status != NULL ? self->import_status : "", more);
  gtk_progress_bar_set_text (self->import_progress, text);
}

static void
set_import_status (StudioResourcesPage *self,
                   char                *status)
{
  g_free (self->import_status);
  self->import_status = status;
  show_import_status (self);
}

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

  if (progress->bytes_total > 0)
    gtk_progress_bar_set_fraction (self->import_progress, (double) progress->bytes_done / progress->bytes_total);
  else if (progress->files_total > 0)
    gtk_progress_bar_set_fraction (self->import_progress, (double) progress->files_done / progress->files_total);
  /* Translators: import progress: files done, files in all, the file being read */
  set_import_status (self, g_strdup_printf (_("%u of %u files · %s"), progress->files_done, progress->files_total,
                                            progress->current != NULL ? progress->current : ""));
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

static void start_import (StudioResourcesPage *self,
                          Batch               *batch);

/* What the import did: a toast, the summary, or the error; the new resources selected. Returns whether
 * it said that the batches waiting were dropped (an import cancelled). */
static gboolean
report_import (StudioResourcesPage *self,
               ReslibImporter      *importer,
               GAsyncResult        *result)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;

  if (!reslib_job_run_finish (RESLIB_JOB (importer), result, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) && self->import_dropped > 0)
        {
          /* Translators: after Cancel, while other batches of files (drops, pastes) waited for the import */
          message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                  "Import cancelled, with the %u batch waiting: nothing was added",
                                                  "Import cancelled, with the %u batches waiting: nothing was added",
                                                  self->import_dropped), self->import_dropped);
          studio_page_toast (STUDIO_PAGE (self), message);
        }
      else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
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
      return message != NULL;
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
        return FALSE;
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

  return FALSE;
}

static void
import_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      data)
{
  g_autoptr(StudioResourcesPage) self = data;
  g_autoptr(Batch) next = NULL;

  g_clear_object (&self->import_cancellable);
  g_clear_pointer (&self->import_status, g_free);
  if (!report_import (self, RESLIB_IMPORTER (source), result) && self->import_dropped > 0)
    {
      /* Cancel came as the running batch ended: it is imported, the ones waiting are not. */
      g_autofree char *message = NULL;

      /* Translators: after Cancel, when the import had ended but other batches of files waited for it */
      message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "The %u batch waiting was not imported",
                                              "The %u batches waiting were not imported", self->import_dropped),
                                 self->import_dropped);
      studio_page_toast (STUDIO_PAGE (self), message);
    }
  self->import_dropped = 0;

  /* The next batch, if one waits (none once the page is disposed or the import cancelled). */
  next = self->import_queue != NULL ? g_queue_pop_head (self->import_queue) : NULL;
  if (next != NULL)
    {
      start_import (self, next);
      return;
    }
  gtk_revealer_set_reveal_child (self->import_revealer, FALSE);
  _studio_resources_page_update_actions (self);
}

static void
start_import (StudioResourcesPage *self,
              Batch               *batch)
{
  g_autoptr(ReslibImporter) importer = reslib_importer_new (batch->store, batch->project_id);

  for (guint i = 0; i < batch->files->len; i++)
    reslib_importer_add_file (importer, g_ptr_array_index (batch->files, i));
  reslib_job_set_progress_func (RESLIB_JOB (importer), import_progress_cb, self, NULL);

  self->import_cancellable = g_cancellable_new ();
  gtk_progress_bar_set_fraction (self->import_progress, 0);
  set_import_status (self, g_strdup (_("Reading files…")));
  gtk_stack_set_visible_child_name (self->resources_stack, "list");
  gtk_revealer_set_reveal_child (self->import_revealer, TRUE);
  _studio_resources_page_update_actions (self);
  reslib_job_run_async (RESLIB_JOB (importer), self->import_cancellable, import_done_cb, g_object_ref (self));
  studio_page_add_job (STUDIO_PAGE (self), RESLIB_JOB (importer));
}

/**
 * studio_resources_page_import:
 * @files: (element-type GFile): files and folders (imported recursively)
 *
 * Imports the files in the background with a progress bar; what the file chooser, a drop and a
 * paste do. While an import runs, they wait for it (and for the batches given before them).
 * Returns %FALSE when no project is shown.
 */
gboolean
studio_resources_page_import (StudioResourcesPage *self,
                              GSList              *files)
{
  StudioPage *page = STUDIO_PAGE (self);
  ReslibStore *store = studio_page_get_store (page);
  const char *project = studio_page_get_project_id (page);
  g_autoptr(Batch) batch = NULL;

  g_return_val_if_fail (STUDIO_IS_RESOURCES_PAGE (self), FALSE);

  if (store == NULL || project == NULL || files == NULL)
    return FALSE;
  if (self->needs_load)
    _studio_resources_page_load (self);

  batch = g_new0 (Batch, 1);
  batch->store = g_object_ref (store);
  batch->project_id = g_strdup (project);
  batch->files = g_ptr_array_new_with_free_func (g_object_unref);
  for (GSList *l = files; l != NULL; l = l->next)
    g_ptr_array_add (batch->files, g_object_ref (l->data));

  if (self->import_cancellable != NULL)
    {
      if (self->import_queue == NULL)
        self->import_queue = g_queue_new ();
      g_queue_push_tail (self->import_queue, g_steal_pointer (&batch));
      show_import_status (self);
      return TRUE;
    }
  start_import (self, batch);

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

static void
cancel_import_action (GtkWidget  *widget,
                      const char *name,
                      GVariant   *parameter)
{
  StudioResourcesPage *self = STUDIO_RESOURCES_PAGE (widget);

  if (self->import_cancellable == NULL)
    return;
  /* The batches waiting go too: a Cancel stops all that was asked. */
  self->import_dropped = n_waiting (self);
  if (self->import_queue != NULL)
    g_queue_clear_full (self->import_queue, (GDestroyNotify) batch_free);
  show_import_status (self);
  g_cancellable_cancel (self->import_cancellable);
}

/* No batch starts after this; the running one is cancelled. */
void
_studio_resources_page_import_dispose (StudioResourcesPage *self)
{
  if (self->import_queue != NULL)
    g_queue_free_full (g_steal_pointer (&self->import_queue), (GDestroyNotify) batch_free);
  if (self->import_cancellable != NULL)
    g_cancellable_cancel (self->import_cancellable);
}

void
_studio_resources_page_class_import_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "resources.import-files", NULL, import_files_action);
  gtk_widget_class_install_action (widget_class, "resources.import-folder", NULL, import_folder_action);
  gtk_widget_class_install_action (widget_class, "resources.cancel-import", NULL, cancel_import_action);
}
