/* studio-lms-export.c — exporting the project for an LMS from the app
 *
 * "Export for LMS…" asks where to save the zip, then the core's ReslibLmsExport job writes it in a worker
 * thread, through the app's one way of writing a file (studio-file-job.c): a toast shows how far it is and
 * offers to cancel (which leaves no file), then a toast offers to show the file in its folder.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "reslib-lms-export.h"
#include "studio-file-job.h"
#include "studio-lms-export.h"

static ReslibJob *
make_job (ReslibStore       *store,
          const char        *project_id,
          const char        *path,
          ReslibOutputFlags  flags,
          gpointer           user_data)
{
  ReslibLmsExport *job = reslib_lms_export_new (store, project_id);

  reslib_lms_export_set_destination (job, path, flags);

  return RESLIB_JOB (job);
}

static char *
done_title (ReslibJob  *job,
            const char *name)
{
  /* Translators: a toast after the LMS export was written; %s is the file name */
  return g_strdup_printf (_("“%s” written: import it in the LMS as an IMS content package"), name);
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
  StudioFileJobTexts texts = {
    .progress = _("Exporting for the LMS…"),
    .cancelled = _("The LMS export was not written: cancelled"),
    .failed = _("The LMS export could not be written"),
    .open_failed = _("The LMS export could not be written"),
    .done = STUDIO_FILE_JOB_SHOW_IN_FOLDER,
    .done_title = done_title,
  };

  studio_file_job_run (session, file, flags, &texts, make_job, NULL, callback, user_data);
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
  return studio_file_job_run_finish (result, error);
}

static void
chosen_cb (StudioSession     *session,
           GFile             *file,
           ReslibOutputFlags  flags,
           const char        *suffix,
           gpointer           user_data)
{
  studio_lms_export_to_file (session, file, flags, NULL, NULL);
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
  g_autoptr(ReslibRecord) project = studio_session_get_project (session);
  g_autofree char *name = NULL;
  g_autofree char *safe = NULL;
  const StudioFileJobFilter filters[] = {
    /* Translators: a file filter's name in the LMS export's file chooser */
    { _("Zip archives"), "application/zip", "zip" },
  };

  /* Translators: the default file name of the LMS export; %s is the project's name */
  name = g_strdup_printf (_("%s for LMS.zip"), project != NULL ? reslib_record_get (project, "name") : _("Project"));
  safe = studio_file_job_safe_name (name);
  studio_file_job_choose (parent, session, _("Export for LMS"), _("_Export"), STUDIO_FOLDER_PACKAGES_OUT, safe,
                          filters, G_N_ELEMENTS (filters), 0, chosen_cb, NULL, NULL);
}
