/* studio-report.c — generating reports from the app
 *
 * The save dialog offers the two formats as filters (PDF document, Word document): the one chosen sets the
 * file's extension, which the report job writes by; the choice is remembered like the folder.
 * The report is written by the core's report job, as every file the app writes (studio-file-job.c): in a
 * worker, with a toast that can cancel it, then a toast that opens the file or a dialog that says what failed.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "studio-file-job.h"
#include "studio-report.h"
#include "studio-report-private.h"

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

/* What make_job() needs: the kind of report, and the session's rule profile (NULL: the report job loads the
 * default one) */
typedef struct
{
  const char    *kind;
  ReslibProfile *profile;
} MakeData;

static ReslibJob *
make_job (ReslibStore       *store,
          const char        *project_id,
          const char        *path,
          ReslibOutputFlags  flags,
          gpointer           user_data)
{
  const MakeData *data = user_data;
  ReslibReportJob *job = reslib_report_job_new (store, project_id, data->kind, path);

  reslib_report_job_set_flags (job, flags);
  reslib_report_job_set_profile (job, data->profile);

  return RESLIB_JOB (job);
}

void
studio_report_write_to_file (StudioSession       *session,
                             const char          *kind,
                             GFile               *file,
                             ReslibOutputFlags    flags,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  StudioFileJobTexts texts = {
    .progress = _("Writing the report…"),
    .cancelled = _("The report was not written: cancelled"),
    .failed = _("The report could not be written"),
    .open_failed = _("The report could not be opened"),
    .done = STUDIO_FILE_JOB_OPEN,
  };

  g_return_if_fail (STUDIO_IS_SESSION (session));
  g_return_if_fail (G_IS_FILE (file));

  if (kind_label (kind) == NULL)
    {
      g_autoptr(GTask) task = g_task_new (session, NULL, callback, user_data);

      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, "No such kind of report: %s", kind);
      return;
    }
  {
    g_autoptr(ReslibProfile) profile = studio_session_get_profile (session, NULL);
    MakeData data = { kind, profile };

    /* make_job() is called before this returns */
    studio_file_job_run (session, file, flags, &texts, make_job, &data, callback, user_data);
  }
}

gboolean
studio_report_write_to_file_finish (GAsyncResult  *result,
                                    GError       **error)
{
  g_return_val_if_fail (G_IS_TASK (result), FALSE);

  return studio_file_job_run_finish (result, error);
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
  static const char * const suffixes[] = { "pdf", "docx", NULL };
  const char *suffix = NULL;
  GFile *chosen = studio_file_job_chosen_file (file, suffixes, g_strcmp0 (filter_format, "docx") == 0 ? "docx" : "pdf",
                                               &suffix, replace);

  *format = suffix;

  return chosen;
}

static void
chosen_cb (StudioSession     *session,
           GFile             *file,
           ReslibOutputFlags  flags,
           const char        *suffix,
           gpointer           user_data)
{
  const char *kind = user_data;

  studio_settings_set_report_format (studio_session_get_settings (session), suffix);
  studio_report_write_to_file (session, kind, file, flags, NULL, NULL);
}

void
studio_report_generate (GtkWindow     *parent,
                        StudioSession *session,
                        const char    *kind)
{
  g_autofree char *name = NULL;
  g_autofree char *format = NULL;
  const StudioFileJobFilter filters[] = {
    { _("PDF document"), "application/pdf", "pdf" },
    { _("Word document"), "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "docx" },
  };

  g_return_if_fail (parent == NULL || GTK_IS_WINDOW (parent));
  g_return_if_fail (STUDIO_IS_SESSION (session));
  g_return_if_fail (kind != NULL);

  if (kind_label (kind) == NULL)
    {
      g_critical ("No such kind of report: %s", kind);
      return;
    }

  format = studio_settings_dup_report_format (studio_session_get_settings (session));
  name = studio_report_default_name (session, kind, format);
  /* The format last used first */
  studio_file_job_choose (parent, session, _("Save Report"), _("_Save"), STUDIO_FOLDER_REPORTS, name,
                          filters, G_N_ELEMENTS (filters), g_str_equal (format, "docx") ? 1 : 0,
                          chosen_cb, g_strdup (kind), g_free);
}
