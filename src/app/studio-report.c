/* studio-report.c — generating reports from the app
 *
 * The save dialog offers the two formats as filters (PDF document, Word document): the one chosen sets the
 * file's extension, which the report job writes by; the choice is remembered like the folder.
 * The report is written by the core's report job in a worker thread; meanwhile a toast
 * says so and offers to cancel. Then a toast offers to open the file, or a dialog says what failed.
 * The project is the session's, and toasts and failures go through the session: the report writer
 * knows no window and no page.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "studio-report.h"
#include "studio-report-private.h"

typedef struct
{
  StudioSession *session;
  char         *kind;
  GFile        *file;
  GCancellable *cancellable;
  AdwToast     *progress;
} WriteData;

static void
write_data_free (WriteData *data)
{
  g_clear_object (&data->session);
  g_free (data->kind);
  g_clear_object (&data->file);
  g_clear_object (&data->cancellable);
  g_clear_object (&data->progress);
  g_free (data);
}

static const char *
kind_label (const char *kind)
{
  if (g_strcmp0 (kind, "dossier") == 0)
    /* Translators: the dossier (申报书) of a project, used in a file name */
    return _("Dossier");
  if (g_strcmp0 (kind, "progress") == 0)
    /* Translators: used in a file name, e.g. "数控技术资源库 Progress Report.pdf" */
    return _("Progress Report");
  if (g_strcmp0 (kind, "acceptance") == 0)
    /* Translators: used in a file name, e.g. "数控技术资源库 Acceptance Report.pdf" */
    return _("Acceptance Report");

  return NULL;
}

/* The extension of @format's files, with its dot */
static const char *
format_extension (const char *format)
{
  return g_strcmp0 (format, "docx") == 0 ? ".docx" : ".pdf";
}

char *
studio_report_default_name (StudioSession *session,
                            const char    *kind,
                            const char    *format)
{
  g_autoptr(ReslibRecord) project = studio_session_get_project (session);
  g_autofree char *name = NULL;

  name = g_strdup (project != NULL ? reslib_record_get (project, "name") : _("Project"));
  /* No folder separators in a file name */
  g_strdelimit (name, "/\\", '-');

  return g_strdup_printf ("%s %s%s", name, kind_label (kind), format_extension (format));
}

/* @name with the extension of @format: a known one replaced, any other kept and the right one added */
static char *
with_extension (const char *name,
                const char *format)
{
  const char *known = reslib_report_format_for_path (name);
  gsize len = strlen (name);

  if (g_strcmp0 (known, format) == 0)
    return g_strdup (name);
  if (known != NULL)
    len = (gsize) (strrchr (name, '.') - name);

  return g_strdup_printf ("%.*s%s", (int) len, name, format_extension (format));
}

/* The format a filter of the save dialog stands for */
static const char *
filter_format (GtkFileFilter *filter)
{
  const char *format = filter != NULL ? g_object_get_data (G_OBJECT (filter), "report-format") : NULL;

  return format != NULL ? format : "pdf";
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

      studio_session_show_error (session, _("The report could not be opened"), told);
    }
}

/* What the "Open" button of the toast opens. */
typedef struct
{
  StudioSession *session;
  GFile         *file;
} OpenData;

static void
open_data_free (gpointer  data,
                GClosure *closure)
{
  OpenData *open = data;

  g_object_unref (open->session);
  g_object_unref (open->file);
  g_free (open);
}

static void
open_clicked_cb (AdwToast *toast,
                 OpenData *open)
{
  g_autoptr(GdkAppLaunchContext) context = NULL;
  g_autofree char *uri = g_file_get_uri (open->file);
  GdkDisplay *display = gdk_display_get_default ();

  if (display != NULL)
    context = gdk_display_get_app_launch_context (display);
  g_app_info_launch_default_for_uri_async (uri, context != NULL ? G_APP_LAUNCH_CONTEXT (context) : NULL, NULL,
                                           launch_cb, g_object_ref (open->session));
}

static void
cancel_clicked_cb (AdwToast  *toast,
                   WriteData *data)
{
  g_cancellable_cancel (data->cancellable);
}

static void
written_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  WriteData *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  g_signal_handlers_disconnect_by_func (data->progress, cancel_clicked_cb, data);
  adw_toast_dismiss (data->progress);

  if (!reslib_job_run_finish (RESLIB_JOB (source), result, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        studio_session_toast (data->session, _("The report was not written: cancelled"));
      else if (g_error_matches (error, RESLIB_ERROR, RESLIB_ERROR_INVALID) ||
               g_error_matches (error, G_IO_ERROR, G_IO_ERROR_EXISTS))
        /* A file of the library, or one that appeared meanwhile: the message says what to do. */
        studio_session_show_error (data->session, _("The report could not be written"), error);
      else
        {
          g_autoptr(GError) told = g_error_new (error->domain, error->code,
                                                _("%s. Check that the folder can be written to and has free space, "
                                                  "then try again."), error->message);

          studio_session_show_error (data->session, _("The report could not be written"), told);
        }
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  {
    g_autofree char *basename = g_file_get_basename (data->file);
    g_autofree char *escaped = g_markup_escape_text (basename, -1);
    /* Translators: a toast after a report was written; %s is the file name */
    g_autofree char *title = g_strdup_printf (_("“%s” written"), escaped);
    AdwToast *toast = adw_toast_new (title);
    OpenData *open = g_new0 (OpenData, 1);

    open->session = g_object_ref (data->session);
    open->file = g_object_ref (data->file);
    adw_toast_set_button_label (toast, _("_Open"));
    adw_toast_set_timeout (toast, 10);
    g_signal_connect_data (toast, "button-clicked", G_CALLBACK (open_clicked_cb), open, open_data_free, 0);
    studio_session_add_toast (data->session, toast);
  }
  g_task_return_boolean (task, TRUE);
}

void
studio_report_write_to_file (StudioSession       *session,
                             const char          *kind,
                             GFile               *file,
                             ReslibOutputFlags    flags,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(ReslibReportJob) job = NULL;
  g_autofree char *path = NULL;
  ReslibStore *store;
  const char *project_id;
  WriteData *data;

  g_return_if_fail (STUDIO_IS_SESSION (session));
  g_return_if_fail (G_IS_FILE (file));

  task = g_task_new (session, NULL, callback, user_data);
  g_task_set_source_tag (task, studio_report_write_to_file);
  store = studio_session_get_store (session);
  project_id = studio_session_get_project_id (session);
  path = g_file_get_path (file);
  if (kind_label (kind) == NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, "No such kind of report: %s", kind);
      return;
    }
  if (store == NULL || project_id == NULL)
    {
      g_autoptr(GError) error = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                                                     _("There is no project: create or open one first."));

      studio_session_show_error (session, _("The report could not be written"), error);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (path == NULL)
    {
      g_autoptr(GError) error = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                                                     _("Reports can only be saved in folders of this computer: "
                                                       "choose another folder."));

      studio_session_show_error (session, _("The report could not be written"), error);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  data = g_new0 (WriteData, 1);
  data->session = g_object_ref (session);
  data->kind = g_strdup (kind);
  data->file = g_object_ref (file);
  data->cancellable = g_cancellable_new ();
  data->progress = g_object_ref_sink (adw_toast_new (_("Writing the report…")));
  adw_toast_set_timeout (data->progress, 0);
  adw_toast_set_priority (data->progress, ADW_TOAST_PRIORITY_HIGH);
  adw_toast_set_button_label (data->progress, _("_Cancel"));
  g_signal_connect (data->progress, "button-clicked", G_CALLBACK (cancel_clicked_cb), data);
  g_task_set_task_data (task, data, (GDestroyNotify) write_data_free);
  studio_session_add_toast (session, g_object_ref (data->progress));

  job = reslib_report_job_new (store, project_id, kind, path);
  reslib_report_job_set_flags (job, flags);
  reslib_job_run_async (RESLIB_JOB (job), data->cancellable, written_cb, g_steal_pointer (&task));
  studio_session_add_job (session, RESLIB_JOB (job));
}

gboolean
studio_report_write_to_file_finish (GAsyncResult  *result,
                                    GError       **error)
{
  g_return_val_if_fail (G_IS_TASK (result), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* Choosing the other filter changes the extension of the name being typed (where the dialog tells). */
static void
chooser_filter_cb (GtkFileChooser *chooser,
                   GParamSpec     *pspec,
                   gpointer        user_data)
{
  g_autofree char *name = gtk_file_chooser_get_current_name (chooser);
  g_autofree char *renamed = NULL;

  if (name == NULL || *name == '\0')
    return;
  renamed = with_extension (name, filter_format (gtk_file_chooser_get_filter (chooser)));
  if (g_strcmp0 (renamed, name) != 0)
    gtk_file_chooser_set_current_name (chooser, renamed);
}

/**
 * studio_report_chosen_file:
 * @file: (nullable): the file the save dialog gave
 * @filter_format: the format of the filter chosen in it: "pdf" or "docx"
 * @format: (out): the format to write
 * @replace: (out): whether the user agreed to replace the file if it exists
 *
 * The file to write and its format: a name typed with .pdf or .docx (in any case) says the format; any other
 * name gets the extension of the filter chosen, and a file of that name is not replaced: the dialog asked about
 * another name.
 *
 * Returns: (transfer full) (nullable): the file to write
 */
GFile *
studio_report_chosen_file (GFile       *file,
                           const char  *filter_format,
                           const char **format,
                           gboolean    *replace)
{
  g_autoptr(GFile) parent = NULL;
  g_autofree char *name = NULL;
  g_autofree char *renamed = NULL;

  if (file == NULL)
    return NULL;
  name = g_file_get_basename (file);
  *format = reslib_report_format_for_path (name);
  /* The file chooser has asked before accepting a file that exists. */
  *replace = TRUE;
  if (*format != NULL)
    return g_object_ref (file);

  *format = g_strcmp0 (filter_format, "docx") == 0 ? "docx" : "pdf";
  renamed = with_extension (name, *format);
  parent = g_file_get_parent (file);
  *replace = FALSE;

  return parent != NULL ? g_file_get_child (parent, renamed) : NULL;
}

static void
chooser_response_cb (GtkNativeDialog *chooser,
                     int              response,
                     gpointer         user_data)
{
  g_autofree char *kind = user_data;
  StudioSession *session = g_object_get_data (G_OBJECT (chooser), "session");

  if (response == GTK_RESPONSE_ACCEPT)
    {
      const char *format = NULL;
      gboolean replace = FALSE;
      g_autoptr(GFile) chosen = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autoptr(GFile) file = studio_report_chosen_file (chosen,
                                                         filter_format (gtk_file_chooser_get_filter (
                                                           GTK_FILE_CHOOSER (chooser))),
                                                         &format, &replace);

      if (file != NULL)
        {
          StudioSettings *settings = studio_session_get_settings (session);

          studio_settings_set_last_folder (settings, STUDIO_FOLDER_REPORTS, file);
          studio_settings_set_report_format (settings, format);
          studio_report_write_to_file (session, kind, file, replace ? RESLIB_OUTPUT_REPLACE : RESLIB_OUTPUT_NONE,
                                       NULL, NULL);
        }
    }
  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
}

static GtkFileFilter *
add_filter (GtkFileChooser *chooser,
            const char     *format,
            const char     *label,
            const char     *mime_type)
{
  GtkFileFilter *filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, label);
  gtk_file_filter_add_mime_type (filter, mime_type);
  gtk_file_filter_add_suffix (filter, format);
  g_object_set_data (G_OBJECT (filter), "report-format", (gpointer) format);
  gtk_file_chooser_add_filter (chooser, filter);

  return filter;
}

void
studio_report_generate (GtkWindow     *parent,
                        StudioSession *session,
                        const char    *kind)
{
  g_autofree char *name = NULL;
  g_autofree char *format = NULL;
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) pdf = NULL;
  g_autoptr(GtkFileFilter) docx = NULL;
  g_autoptr(GFile) folder = NULL;

  g_return_if_fail (parent == NULL || GTK_IS_WINDOW (parent));
  g_return_if_fail (STUDIO_IS_SESSION (session));
  g_return_if_fail (kind != NULL);

  if (kind_label (kind) == NULL)
    {
      g_critical ("No such kind of report: %s", kind);
      return;
    }
  if (studio_session_get_project_id (session) == NULL)
    {
      studio_session_toast (session, _("There is no project: create or open one first."));
      return;
    }

  chooser = gtk_file_chooser_native_new (_("Save Report"), parent, GTK_FILE_CHOOSER_ACTION_SAVE,
                                         _("_Save"), _("_Cancel"));
  g_object_set_data_full (G_OBJECT (chooser), "session", g_object_ref (session), g_object_unref);
  format = studio_settings_dup_report_format (studio_session_get_settings (session));
  name = studio_report_default_name (session, kind, format);
  /* The folder a report was last saved in (GTK's default is the process's working folder). */
  folder = studio_settings_get_last_folder (studio_session_get_settings (session), STUDIO_FOLDER_REPORTS);
  if (folder == NULL)
    {
      const char *documents = g_get_user_special_dir (G_USER_DIRECTORY_DOCUMENTS);

      folder = g_file_new_for_path (documents != NULL && g_file_test (documents, G_FILE_TEST_IS_DIR)
                                    ? documents : g_get_home_dir ());
    }
  gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (chooser), folder, NULL);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  pdf = add_filter (GTK_FILE_CHOOSER (chooser), "pdf", _("PDF document"), "application/pdf");
  docx = add_filter (GTK_FILE_CHOOSER (chooser), "docx", _("Word document"),
                     "application/vnd.openxmlformats-officedocument.wordprocessingml.document");
  /* The format last used first */
  gtk_file_chooser_set_filter (GTK_FILE_CHOOSER (chooser), g_str_equal (format, "docx") ? docx : pdf);
  g_signal_connect (chooser, "notify::filter", G_CALLBACK (chooser_filter_cb), NULL);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect (chooser, "response", G_CALLBACK (chooser_response_cb), g_strdup (kind));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}
