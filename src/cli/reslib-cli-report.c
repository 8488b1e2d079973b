/* reslib-cli-report.c — `reslib report`
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "reslib-cli.h"

static gboolean
report_work (gpointer       data,
             GCancellable  *cancellable,
             GError       **error)
{
  return reslib_job_run (RESLIB_JOB (data), cancellable, error);
}

gboolean
reslib_cli_report (ReslibCli  *cli,
                   int         variant,
                   char      **args,
                   GError    **error)
{
  g_autoptr(ReslibProber) prober = NULL;
  g_autoptr(ReslibReportJob) job = NULL;
  g_autofree char *project_id = NULL;
  g_autofree char *kind = NULL;
  g_autofree char *output = NULL;
  g_autofree char *format = NULL;
  g_autofree char *shown = NULL;
  gboolean force = FALSE;
  ReslibStore *store;
  const GOptionEntry entries[] = {
    { "kind", 0, 0, G_OPTION_ARG_STRING, &kind, N_("The kind of report: dossier, progress or acceptance"), N_("KIND") },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output,
      N_("Write the report to FILE (.pdf or .docx: the extension says the format)"), N_("FILE") },
    { "format", 0, 0, G_OPTION_ARG_STRING, &format, N_("The format whatever FILE's extension: pdf or docx"),
      N_("FORMAT") },
    { "force", 0, 0, G_OPTION_ARG_NONE, &force, N_("Replace the output file when it exists"), NULL },
    { NULL }
  };

  if (!reslib_cli_parse (cli, entries, N_("PROJECT"),
                         N_("Writes the application dossier, a progress report or the acceptance summary as an A4 PDF or "
                            "a Word document."),
                         &args, error) ||
      !reslib_cli_check_args (cli, args, 1, 1, "PROJECT", error) ||
      !reslib_cli_require (kind, "--kind", error) ||
      !reslib_cli_require (output, "-o", error))
    return FALSE;
  if (!g_strv_contains (reslib_report_kinds, kind))
    {
      g_autofree char *kinds = g_strjoinv (", ", (char **) reslib_report_kinds);
      reslib_cli_usage_error (error, _("“%s” is not a kind of report: use one of %s"), kind, kinds);
      return FALSE;
    }
  if (format != NULL && !g_strv_contains (reslib_report_formats, format))
    {
      reslib_cli_usage_error (error, _("“%s” is not a format of report: use pdf or docx"), format);
      return FALSE;
    }
  if (format == NULL && reslib_report_format_for_path (output) == NULL)
    {
      g_autofree char *shown_output = reslib_cli_escape_path (output);

      reslib_cli_usage_error (error,
                              _("%s: the file name should end in .pdf or .docx, or --format should say pdf or docx"),
                              shown_output);
      return FALSE;
    }

  store = reslib_cli_get_store (cli, error);
  if (store == NULL ||
      !reslib_cli_check_output (store, output, force, error) ||
      (project_id = reslib_store_resolve (store, RESLIB_KIND_PROJECT, args[1], NULL, error)) == NULL)
    return FALSE;

  /* Video hours come from the media facts cached per file: probe what is new first. */
  prober = reslib_prober_new (store, project_id);
  if (!reslib_job_run (RESLIB_JOB (prober), NULL, error))
    return FALSE;

  /* Written next to the destination and renamed when complete: a failure or a signal leaves nothing behind. */
  job = reslib_report_job_new (store, project_id, kind, output);
  reslib_report_job_set_flags (job, force ? RESLIB_OUTPUT_REPLACE : RESLIB_OUTPUT_NONE);
  reslib_report_job_set_format (job, format);
  if (!reslib_cli_run_cancellable (cli, report_work, job, error))
    return FALSE;
  shown = reslib_cli_escape_path (output);
  g_print ("%s\n", shown);

  return TRUE;
}
