/* reslib-cli-export.c — `reslib export`
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <unistd.h>

#include "reslib-cli.h"
#include "reslib-lms-export.h"

static void
print_progress_cb (const ReslibProgress *progress,
                   gpointer              user_data)
{
  g_autofree char *done = g_format_size (progress->bytes_done);
  g_autofree char *total = g_format_size (progress->bytes_total);

  g_printerr ("\r\033[K");
  /* Translators: progress of `reslib export`: bytes written of the total, then files. */
  g_printerr (_("Exporting: %s of %s, %u of %u files"), done, total, progress->files_done, progress->files_total);
}

static gboolean
export_work (gpointer       data,
             GCancellable  *cancellable,
             GError       **error)
{
  return reslib_job_run (RESLIB_JOB (data), cancellable, error);
}

gboolean
reslib_cli_export (ReslibCli  *cli,
                   int         variant,
                   char      **args,
                   GError    **error)
{
  g_autoptr(ReslibLmsExport) job = NULL;
  g_autofree char *project_id = NULL;
  g_autofree char *format = NULL;
  g_autofree char *output = NULL;
  g_autofree char *shown = NULL;
  gboolean show_progress = isatty (STDERR_FILENO);
  gboolean force = FALSE;
  gboolean ok;
  ReslibStore *store;
  const GOptionEntry entries[] = {
    { "format", 0, 0, G_OPTION_ARG_STRING, &format,
      N_("The format: imscp (an IMS content package, which Moodle and other LMSs import)"), N_("FORMAT") },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("Write the export to FILE"), N_("FILE") },
    { "force", 0, 0, G_OPTION_ARG_NONE, &force, N_("Replace the output file when it exists"), NULL },
    { NULL }
  };

  if (!reslib_cli_parse (cli, entries, N_("PROJECT"),
                         N_("Writes the project’s courses and resources as a zip that an LMS imports, and prints its path."),
                         &args, error) ||
      !reslib_cli_check_args (cli, args, 1, 1, "PROJECT", error) ||
      !reslib_cli_require (format, "--format", error) ||
      !reslib_cli_require (output, "-o", error))
    return FALSE;
  if (g_strcmp0 (format, "imscp") != 0)
    {
      reslib_cli_usage_error (error, _("“%s” is not an export format: use imscp"), format);
      return FALSE;
    }
  if (*output == '\0' || g_file_test (output, G_FILE_TEST_IS_DIR))
    {
      reslib_cli_usage_error (error, _("Give the export’s file name with -o, not a folder"));
      return FALSE;
    }

  store = reslib_cli_get_store (cli, error);
  if (store == NULL ||
      !reslib_cli_check_output (store, output, force, error) ||
      (project_id = reslib_store_resolve (store, RESLIB_KIND_PROJECT, args[1], NULL, error)) == NULL)
    return FALSE;

  /* Written next to the destination and renamed when complete: a failure or a signal leaves nothing behind. */
  job = reslib_lms_export_new (store, project_id);
  reslib_lms_export_set_destination (job, output, force ? RESLIB_OUTPUT_REPLACE : RESLIB_OUTPUT_NONE);
  if (show_progress)
    reslib_job_set_progress_func (RESLIB_JOB (job), print_progress_cb, NULL, NULL);
  ok = reslib_cli_run_cancellable (cli, export_work, job, error);
  if (show_progress)
    g_printerr ("\r\033[K");
  if (!ok)
    return FALSE;
  shown = reslib_cli_escape_path (output);
  g_print ("%s\n", shown);

  return TRUE;
}
