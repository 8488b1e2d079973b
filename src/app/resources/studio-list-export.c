/* studio-list-export.c — the resource list (资源清单) exported from the app, as xlsx or CSV
 *
 * The list is written by the core's ReslibSheetExportJob in a worker with a connection of its own,
 * as one of the session's jobs; meanwhile a toast shows how far it is and offers to cancel. Then a
 * toast offers to open the file, or a dialog says what failed. Everything goes through the session:
 * this knows no window and no page.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "studio-list-export.h"

typedef struct
{
  StudioSession *session;
  GFile         *file;
  GCancellable  *cancellable;
  AdwToast      *progress;
  ReslibJob     *job;
} ExportData;

static void
export_data_free (ExportData *data)
{
  if (data->job != NULL)
    g_signal_handlers_disconnect_by_data (data->job, data);
  g_clear_object (&data->session);
  g_clear_object (&data->file);
  g_clear_object (&data->cancellable);
  g_clear_object (&data->progress);
  g_clear_object (&data->job);
  g_free (data);
}

/**
 * studio_list_export_default_name:
 * @session: the session
 *
 * Returns: (transfer full): "<project name> Resource List.xlsx"
 */
char *
studio_list_export_default_name (StudioSession *session)
{
  g_autoptr(ReslibRecord) project = studio_session_get_project (session);
  g_autofree char *name = NULL;

  name = g_strdup (project != NULL ? reslib_record_get (project, "name") : _("Project"));
  /* No folder separators in a file name */
  g_strdelimit (name, "/\\", '-');

  /* Translators: the file name proposed for the resource list: the project's name, then this */
  return g_strdup_printf ("%s %s.xlsx", name, C_("file name", "Resource List"));
}

static void
launch_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(StudioSession) session = user_data;
  g_autoptr(GError) error = NULL;

  if (!g_app_info_launch_default_for_uri_finish (result, &error))
    {
      g_autoptr(GError) told = g_error_new (error->domain, error->code,
                                            _("%s. Open the file from the file manager instead."), error->message);

      studio_session_show_error (session, _("The resource list could not be opened"), told);
    }
}

static void
open_clicked_cb (AdwToast   *toast,
                 ExportData *data)
{
  g_autoptr(GdkAppLaunchContext) context = NULL;
  g_autofree char *uri = g_file_get_uri (data->file);
  GdkDisplay *display = gdk_display_get_default ();

  if (display != NULL)
    context = gdk_display_get_app_launch_context (display);
  g_app_info_launch_default_for_uri_async (uri, context != NULL ? G_APP_LAUNCH_CONTEXT (context) : NULL, NULL,
                                           launch_cb, g_object_ref (data->session));
}

static void
cancel_clicked_cb (AdwToast   *toast,
                   ExportData *data)
{
  g_cancellable_cancel (data->cancellable);
}

/* The progress toast says how many rows are written. */
static void
job_message_cb (ReslibJob  *job,
                GParamSpec *pspec,
                ExportData *data)
{
  const char *message = reslib_job_get_message (job);

  if (message != NULL && message[0] != '\0')
    {
      g_autofree char *escaped = g_markup_escape_text (message, -1);

      adw_toast_set_title (data->progress, escaped);
    }
}

static void
written_cb (GObject      *source,
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
        studio_session_toast (data->session, _("The resource list was not exported: cancelled"));
      else if (g_error_matches (error, RESLIB_ERROR, RESLIB_ERROR_INVALID) ||
               g_error_matches (error, G_IO_ERROR, G_IO_ERROR_EXISTS))
        /* A file of the library, or one that exists: the message says what to do. */
        studio_session_show_error (data->session, _("The resource list could not be exported"), error);
      else
        {
          g_autoptr(GError) told = g_error_new (error->domain, error->code,
                                                _("%s. Check that the folder can be written to and has free space, "
                                                  "then try again."), error->message);

          studio_session_show_error (data->session, _("The resource list could not be exported"), told);
        }
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  {
    g_autofree char *basename = g_file_get_basename (data->file);
    g_autofree char *escaped = g_markup_escape_text (basename, -1);
    guint n = reslib_sheet_export_job_get_n_rows (RESLIB_SHEET_EXPORT_JOB (source));
    /* Translators: a toast after the resource list was exported: its file name, how many rows */
    g_autofree char *title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "“%s” exported: %u resource",
                                                           "“%s” exported: %u resources", n), escaped, n);
    AdwToast *toast = adw_toast_new (title);

    adw_toast_set_button_label (toast, _("_Open"));
    adw_toast_set_timeout (toast, 10);
    /* The toast keeps what it opens. */
    g_signal_connect_data (toast, "button-clicked", G_CALLBACK (open_clicked_cb), g_task_get_task_data (task),
                           NULL, 0);
    g_object_set_data_full (G_OBJECT (toast), "studio-list-export", g_object_ref (task), g_object_unref);
    studio_session_add_toast (data->session, toast);
  }
  g_task_return_boolean (task, TRUE);
}

void
studio_list_export_to_file (StudioSession       *session,
                            GFile               *file,
                            ReslibOutputFlags    flags,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(ReslibSheetExportJob) job = NULL;
  g_autofree char *path = NULL;
  ReslibSheetFormat format = RESLIB_SHEET_FORMAT_XLSX;
  ReslibStore *store;
  const char *project_id;
  ExportData *data;

  g_return_if_fail (STUDIO_IS_SESSION (session));
  g_return_if_fail (G_IS_FILE (file));

  task = g_task_new (session, NULL, callback, user_data);
  g_task_set_source_tag (task, studio_list_export_to_file);
  store = studio_session_get_store (session);
  project_id = studio_session_get_project_id (session);
  path = g_file_get_path (file);
  if (store == NULL || project_id == NULL)
    {
      g_autoptr(GError) error = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                                                     _("There is no project: create or open one first."));

      studio_session_show_error (session, _("The resource list could not be exported"), error);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (path == NULL)
    {
      g_autoptr(GError) error = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                                                     _("The resource list can only be saved in folders of this "
                                                       "computer: choose another folder."));

      studio_session_show_error (session, _("The resource list could not be exported"), error);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  reslib_sheet_format_for_path (path, &format);

  data = g_new0 (ExportData, 1);
  data->session = g_object_ref (session);
  data->file = g_object_ref (file);
  data->cancellable = g_cancellable_new ();
  data->progress = g_object_ref_sink (adw_toast_new (_("Exporting the resource list…")));
  adw_toast_set_timeout (data->progress, 0);
  adw_toast_set_priority (data->progress, ADW_TOAST_PRIORITY_HIGH);
  adw_toast_set_button_label (data->progress, _("_Cancel"));
  g_signal_connect (data->progress, "button-clicked", G_CALLBACK (cancel_clicked_cb), data);
  g_task_set_task_data (task, data, (GDestroyNotify) export_data_free);
  studio_session_add_toast (session, g_object_ref (data->progress));

  job = reslib_sheet_export_job_new (store, project_id, path, format);
  reslib_sheet_export_job_set_flags (job, flags);
  data->job = g_object_ref (RESLIB_JOB (job));
  g_signal_connect (job, "notify::message", G_CALLBACK (job_message_cb), data);
  reslib_job_run_async (RESLIB_JOB (job), data->cancellable, written_cb, g_steal_pointer (&task));
  studio_session_add_job (session, RESLIB_JOB (job));
}

gboolean
studio_list_export_to_file_finish (GAsyncResult  *result,
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
      g_autofree char *path = file != NULL ? g_file_get_path (file) : NULL;
      ReslibOutputFlags flags = RESLIB_OUTPUT_REPLACE;
      ReslibSheetFormat format;

      if (file != NULL && path != NULL && !reslib_sheet_format_for_path (path, &format))
        {
          GtkFileFilter *filter = gtk_file_chooser_get_filter (GTK_FILE_CHOOSER (chooser));
          const char *suffix = filter != NULL ? g_object_get_data (G_OBJECT (filter), "suffix") : NULL;
          g_autofree char *named = g_strconcat (path, suffix != NULL ? suffix : ".xlsx", NULL);

          g_object_unref (file);
          file = g_file_new_for_path (named);
          /* The dialog asked about the name without the extension, not this one: never replace it. */
          flags = RESLIB_OUTPUT_NONE;
        }
      if (file != NULL)
        {
          studio_settings_set_last_folder (studio_session_get_settings (session), STUDIO_FOLDER_REPORTS, file);
          studio_list_export_to_file (session, file, flags, NULL, NULL);
        }
    }
  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
}

static void
add_filter (GtkFileChooser *chooser,
            const char     *name,
            const char     *mime_type,
            const char     *suffix)
{
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, name);
  gtk_file_filter_add_mime_type (filter, mime_type);
  gtk_file_filter_add_suffix (filter, suffix + 1);
  g_object_set_data (G_OBJECT (filter), "suffix", (gpointer) suffix);
  gtk_file_chooser_add_filter (chooser, filter);
}

void
studio_list_export_choose (GtkWindow     *parent,
                           StudioSession *session)
{
  g_autofree char *name = NULL;
  GtkFileChooserNative *chooser;
  g_autoptr(GFile) folder = NULL;

  g_return_if_fail (parent == NULL || GTK_IS_WINDOW (parent));
  g_return_if_fail (STUDIO_IS_SESSION (session));

  if (studio_session_get_project_id (session) == NULL)
    {
      studio_session_toast (session, _("There is no project: create or open one first."));
      return;
    }

  chooser = gtk_file_chooser_native_new (_("Export Resource List"), parent, GTK_FILE_CHOOSER_ACTION_SAVE,
                                         _("_Export"), _("_Cancel"));
  g_object_set_data_full (G_OBJECT (chooser), "session", g_object_ref (session), g_object_unref);
  name = studio_list_export_default_name (session);
  folder = studio_settings_get_last_folder (studio_session_get_settings (session), STUDIO_FOLDER_REPORTS);
  if (folder == NULL)
    {
      const char *documents = g_get_user_special_dir (G_USER_DIRECTORY_DOCUMENTS);

      folder = g_file_new_for_path (documents != NULL && g_file_test (documents, G_FILE_TEST_IS_DIR)
                                    ? documents : g_get_home_dir ());
    }
  gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (chooser), folder, NULL);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  add_filter (GTK_FILE_CHOOSER (chooser), _("Excel workbooks"),
              "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", ".xlsx");
  /* Translators: a file type in the save dialog of the resource list */
  add_filter (GTK_FILE_CHOOSER (chooser), _("CSV files (UTF-8)"), "text/csv", ".csv");
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect (chooser, "response", G_CALLBACK (chooser_response_cb), NULL);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}
