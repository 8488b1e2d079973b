/* studio-list-export.c — the resource list (资源清单) exported from the app, as xlsx or CSV
 *
 * The list is written by the core's ReslibSheetExportJob in a worker with a connection of its own,
 * through the app's one way of writing a file (studio-file-job.c): a toast shows how many rows are
 * written and offers to cancel, then a toast offers to open the file.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "studio-file-job.h"
#include "studio-list-export.h"

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

static ReslibJob *
make_job (ReslibStore       *store,
          const char        *project_id,
          const char        *path,
          ReslibOutputFlags  flags,
          gpointer           user_data)
{
  ReslibSheetFormat format = RESLIB_SHEET_FORMAT_XLSX;
  ReslibSheetExportJob *job;

  reslib_sheet_format_for_path (path, &format);
  job = reslib_sheet_export_job_new (store, project_id, path, format);
  reslib_sheet_export_job_set_flags (job, flags);

  return RESLIB_JOB (job);
}

static char *
done_title (ReslibJob  *job,
            const char *name)
{
  guint n = reslib_sheet_export_job_get_n_rows (RESLIB_SHEET_EXPORT_JOB (job));

  /* Translators: a toast after the resource list was exported: its file name, how many rows */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "“%s” exported: %u resource",
                                       "“%s” exported: %u resources", n), name, n);
}

void
studio_list_export_to_file (StudioSession       *session,
                            GFile               *file,
                            ReslibOutputFlags    flags,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  StudioFileJobTexts texts = {
    .progress = _("Exporting the resource list…"),
    .cancelled = _("The resource list was not exported: cancelled"),
    .failed = _("The resource list could not be exported"),
    .open_failed = _("The resource list could not be opened"),
    .done = STUDIO_FILE_JOB_SHOW_IN_FOLDER,
    .done_title = done_title,
  };

  studio_file_job_run (session, file, flags, &texts, make_job, NULL, callback, user_data);
}

gboolean
studio_list_export_to_file_finish (GAsyncResult  *result,
                                   GError       **error)
{
  return studio_file_job_run_finish (result, error);
}

static void
chosen_cb (StudioSession     *session,
           GFile             *file,
           ReslibOutputFlags  flags,
           const char        *suffix,
           gpointer           user_data)
{
  studio_list_export_to_file (session, file, flags, NULL, NULL);
}

void
studio_list_export_choose (GtkWindow     *parent,
                           StudioSession *session)
{
  g_autofree char *name = studio_list_export_default_name (session);
  const StudioFileJobFilter filters[] = {
    { _("Excel workbooks"), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx" },
    /* Translators: a file type in the save dialog of the resource list */
    { _("CSV files (UTF-8)"), "text/csv", "csv" },
  };

  studio_file_job_choose (parent, session, _("Export Resource List"), _("_Export"), STUDIO_FOLDER_REPORTS, name,
                          filters, G_N_ELEMENTS (filters), 0, chosen_cb, NULL, NULL);
}
