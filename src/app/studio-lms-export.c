/* studio-lms-export.c — exporting the project for an LMS from the app
 *
 * "Export for LMS…" asks where to save the zip, then the core's ReslibLmsExport job writes it in a worker
 * thread; meanwhile a toast shows how far it is and offers to cancel (which leaves no file). Then a toast
 * offers to show the file in its folder, or a dialog says what failed. Like the report writer, it knows
 * no window and no page: toasts and failures go through the session.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "reslib-lms-export.h"
#include "studio-lms-export.h"
#include "studio-show-in-folder.h"

typedef struct
{
  StudioSession *session;
  GFile         *file;
  GCancellable  *cancellable;
  AdwToast      *progress;
} ExportData;

static void
export_data_free (ExportData *data)
{
  g_clear_object (&data->session);
  g_clear_object (&data->file);
  g_clear_object (&data->cancellable);
  g_clear_object (&data->progress);
  g_free (data);
}

static void
cancel_clicked_cb (AdwToast   *toast,
                   ExportData *data)
{
  g_cancellable_cancel (data->cancellable);
}

static void
progress_cb (const ReslibProgress *progress,
             gpointer              user_data)
{
  AdwToast *toast = user_data;
  g_autofree char *title = NULL;
  guint percent = progress->bytes_total > 0 ? (guint) (100 * progress->bytes_done / progress->bytes_total) : 0;

  /* Translators: a toast while the LMS export runs; %u is a percentage */
  title = g_strdup_printf (_("Exporting for the LMS… %u %%"), MIN (percent, 100));
  adw_toast_set_title (toast, title);
}

static void
shown_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(StudioSession) session = user_data;
  g_autoptr(GError) error = NULL;

  if (!studio_show_in_folder_finish (result, NULL, &error))
    {
      /* Translators: %s says why, e.g. no application opens folders */
      g_autofree char *text = g_strdup_printf (_("The folder could not be shown: %s"), error->message);

      studio_session_toast (session, text);
    }
}

static void
show_clicked_cb (AdwToast *toast,
                 GFile    *file)
{
  StudioSession *session = g_object_get_data (G_OBJECT (toast), "session");

  studio_show_in_folder_async (NULL, file, NULL, shown_cb, g_object_ref (session));
}

static void
exported_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  ExportData *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  g_signal_handlers_disconnect_by_func (data->progress, cancel_clicked_cb, data);
  adw_toast_dismiss (data->progress);

  if (!reslib_job_run_finish (RESLIB_JOB (source), result, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        studio_session_toast (data->session, _("The LMS export was not written: cancelled"));
      else
        studio_session_show_error (data->session, _("The LMS export could not be written"), error);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  {
    g_autofree char *basename = g_file_get_basename (data->file);
    g_autofree char *escaped = g_markup_escape_text (basename, -1);
    /* Translators: a toast after the LMS export was written; %s is the file name */
    g_autofree char *title = g_strdup_printf (_("“%s” written: import it in the LMS as an IMS content package"),
                                              escaped);
    AdwToast *toast = adw_toast_new (title);

    adw_toast_set_button_label (toast, _("Show in _Folder"));
    adw_toast_set_timeout (toast, 10);
    g_object_set_data_full (G_OBJECT (toast), "session", g_object_ref (data->session), g_object_unref);
    g_signal_connect_data (toast, "button-clicked", G_CALLBACK (show_clicked_cb), g_object_ref (data->file),
                           (GClosureNotify) (void (*) (void)) g_object_unref, 0);
    studio_session_add_toast (data->session, toast);
  }
  g_task_return_boolean (task, TRUE);
}

/**
 * studio_lms_export_to_file:
 * @session: the session, whose current project is exported
 * @file: the zip to write (a local file)
 * @flags: %RESLIB_OUTPUT_REPLACE when the user agreed to replace @file
 *
 * Writes the LMS export in a worker, with a toast that shows its progress and can cancel it; tells the
 * outcome through the session.
 */
void
studio_lms_export_to_file (StudioSession       *session,
                           GFile               *file,
                           ReslibOutputFlags    flags,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(ReslibLmsExport) job = NULL;
  g_autofree char *path = NULL;
  ReslibStore *store;
  const char *project_id;
  ExportData *data;

  g_return_if_fail (STUDIO_IS_SESSION (session));
  g_return_if_fail (G_IS_FILE (file));

  task = g_task_new (session, NULL, callback, user_data);
  g_task_set_source_tag (task, studio_lms_export_to_file);
  store = studio_session_get_store (session);
  project_id = studio_session_get_project_id (session);
  path = g_file_get_path (file);
  if (store == NULL || project_id == NULL || path == NULL)
    {
      g_autoptr(GError) error = NULL;

      if (path == NULL)
        error = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                                     _("The export can only be saved in folders of this computer: choose another folder."));
      else
        error = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_NOT_FOUND, _("There is no project: create or open one first."));
      studio_session_show_error (session, _("The LMS export could not be written"), error);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  data = g_new0 (ExportData, 1);
  data->session = g_object_ref (session);
  data->file = g_object_ref (file);
  data->cancellable = g_cancellable_new ();
  data->progress = g_object_ref_sink (adw_toast_new (_("Exporting for the LMS…")));
  adw_toast_set_timeout (data->progress, 0);
  adw_toast_set_priority (data->progress, ADW_TOAST_PRIORITY_HIGH);
  adw_toast_set_button_label (data->progress, _("_Cancel"));
  g_signal_connect (data->progress, "button-clicked", G_CALLBACK (cancel_clicked_cb), data);
  g_task_set_task_data (task, data, (GDestroyNotify) export_data_free);
  studio_session_add_toast (session, g_object_ref (data->progress));

  job = reslib_lms_export_new (store, project_id);
  reslib_lms_export_set_destination (job, path, flags);
  reslib_job_set_progress_func (RESLIB_JOB (job), progress_cb, g_object_ref (data->progress), g_object_unref);
  reslib_job_run_async (RESLIB_JOB (job), data->cancellable, exported_cb, g_steal_pointer (&task));
  studio_session_add_job (session, RESLIB_JOB (job));
}

/**
 * studio_lms_export_to_file_finish:
 *
 * Returns: whether the export was written (the user has been told either way)
 */
gboolean
studio_lms_export_to_file_finish (GAsyncResult  *result,
                                  GError       **error)
{
  g_return_val_if_fail (G_IS_TASK (result), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
chooser_response_cb (GtkNativeDialog *chooser,
                     int              response,
                     gpointer         user_data)
{
  StudioSession *session = g_object_get_data (G_OBJECT (chooser), "session");

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

      /* The file chooser has asked before accepting a file that exists: the user said to replace it. */
      if (file != NULL)
        {
          studio_settings_set_last_folder (studio_session_get_settings (session), STUDIO_FOLDER_PACKAGES_OUT, file);
          studio_lms_export_to_file (session, file, RESLIB_OUTPUT_REPLACE, NULL, NULL);
        }
    }
  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
}

/**
 * studio_lms_export_start:
 * @parent: (nullable): the window the file chooser belongs to
 * @session: the session, whose current project is exported
 *
 * Asks where to save the LMS export (a zip named after the project), then writes it.
 */
void
studio_lms_export_start (GtkWindow     *parent,
                         StudioSession *session)
{
  g_autoptr(ReslibRecord) project = NULL;
  g_autofree char *name = NULL;
  g_autoptr(GtkFileFilter) filter = NULL;
  g_autoptr(GFile) folder = NULL;
  GtkFileChooserNative *chooser;

  g_return_if_fail (parent == NULL || GTK_IS_WINDOW (parent));
  g_return_if_fail (STUDIO_IS_SESSION (session));

  if (studio_session_get_project_id (session) == NULL)
    {
      studio_session_toast (session, _("There is no project: create or open one first."));
      return;
    }
  project = studio_session_get_project (session);
  /* Translators: the default file name of the LMS export; %s is the project's name */
  name = g_strdup_printf (_("%s for LMS.zip"), project != NULL ? reslib_record_get (project, "name") : _("Project"));
  g_strdelimit (name, "/\\", '-');

  chooser = gtk_file_chooser_native_new (_("Export for LMS"), parent, GTK_FILE_CHOOSER_ACTION_SAVE,
                                         _("_Export"), _("_Cancel"));
  g_object_set_data_full (G_OBJECT (chooser), "session", g_object_ref (session), g_object_unref);
  folder = studio_settings_get_last_folder (studio_session_get_settings (session), STUDIO_FOLDER_PACKAGES_OUT);
  if (folder == NULL)
    {
      const char *documents = g_get_user_special_dir (G_USER_DIRECTORY_DOCUMENTS);

      folder = g_file_new_for_path (documents != NULL && g_file_test (documents, G_FILE_TEST_IS_DIR)
                                    ? documents : g_get_home_dir ());
    }
  gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (chooser), folder, NULL);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  filter = gtk_file_filter_new ();
  /* Translators: a file filter's name in the LMS export's file chooser */
  gtk_file_filter_set_name (filter, _("Zip archives"));
  gtk_file_filter_add_mime_type (filter, "application/zip");
  gtk_file_filter_add_suffix (filter, "zip");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect (chooser, "response", G_CALLBACK (chooser_response_cb), NULL);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}
