/* reslib-cli-report.c — `reslib report`
 *
 * The kind decides the writer family: the dossier, progress and acceptance reports are documents
 * (PDF or Word), the resource list is a sheet (xlsx or CSV). Either way the format follows the output's
 * extension unless --format says it.
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

/* The resource list's format: --format's, else the extension's. */
static gboolean
sheet_format (const char         *format,
              const char         *output,
              ReslibSheetFormat  *sheet_format_out,
              GError            **error)
{
  if (format != NULL)
    {
      if (g_str_equal (format, "xlsx"))
        *sheet_format_out = RESLIB_SHEET_FORMAT_XLSX;
      else if (g_str_equal (format, "csv"))
        *sheet_format_out = RESLIB_SHEET_FORMAT_CSV;
      else
        {
          reslib_cli_usage_error (error, _("“%s” is not a format of the resource list: use xlsx or csv"), format);
          return FALSE;
        }
      return TRUE;
    }
  if (!reslib_sheet_format_for_path (output, sheet_format_out))
    {
      reslib_cli_usage_error (error, _("The resource list is written as .xlsx or .csv: give -o a file name "
                                       "ending in one of them"));
      return FALSE;
    }

  return TRUE;
}

gboolean
reslib_cli_report (ReslibCli  *cli,
                   int         variant,
                   char      **args,
                   GError    **error)
{
  g_autoptr(ReslibProber) prober = NULL;
  g_autoptr(ReslibJob) job = NULL;
  g_autofree char *project_id = NULL;
  g_autofree char *kind = NULL;
  g_autofree char *output = NULL;
  g_autofree char *format = NULL;
  g_autofree char *shown = NULL;
  gboolean force = FALSE;
  gboolean list;
  ReslibSheetFormat list_format = RESLIB_SHEET_FORMAT_XLSX;
  ReslibStore *store;
  const GOptionEntry entries[] = {
    { "kind", 0, 0, G_OPTION_ARG_STRING, &kind,
      N_("The kind of report: dossier, progress, acceptance or resource-list"), N_("KIND") },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output,
      N_("Write the report to FILE (.pdf or .docx, .xlsx or .csv for the resource list: the extension says the format)"),
      N_("FILE") },
    { "format", 0, 0, G_OPTION_ARG_STRING, &format,
      N_("The format whatever FILE's extension: pdf or docx, xlsx or csv for the resource list"), N_("FORMAT") },
    { "force", 0, 0, G_OPTION_ARG_NONE, &force, N_("Replace the output file when it exists"), NULL },
    { NULL }
  };

  if (!reslib_cli_parse (cli, entries, N_("PROJECT"),
                         N_("Writes the application dossier, a progress report or the acceptance summary as an A4 PDF or "
                            "a Word document, or the resource list (资源清单) as an Excel workbook or CSV."),
                         &args, error) ||
      !reslib_cli_check_args (cli, args, 1, 1, "PROJECT", error) ||
      !reslib_cli_require (kind, "--kind", error) ||
      !reslib_cli_require (output, "-o", error))
    return FALSE;
  list = g_str_equal (kind, "resource-list");
  if (!list && !g_strv_contains (reslib_report_kinds, kind))
    {
      g_autofree char *report_kinds = g_strjoinv (", ", (char **) reslib_report_kinds);
      g_autofree char *kinds = g_strconcat (report_kinds, ", resource-list", NULL);

      reslib_cli_usage_error (error, _("“%s” is not a kind of report: use one of %s"), kind, kinds);
      return FALSE;
    }
  if (list)
    {
      if (!sheet_format (format, output, &list_format, error))
        return FALSE;
    }
  else if (format != NULL && !g_strv_contains (reslib_report_formats, format))
    {
      reslib_cli_usage_error (error, _("“%s” is not a format of report: use pdf or docx"), format);
      return FALSE;
    }
  else if (format == NULL && reslib_report_format_for_path (output) == NULL)
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

  /* Video hours and durations come from the media facts cached per file: probe what is new first. */
  prober = reslib_prober_new (store, project_id);
  if (!reslib_job_run (RESLIB_JOB (prober), NULL, error))
    return FALSE;

  /* Written next to the destination and renamed when complete: a failure or a signal leaves nothing behind. */
  if (list)
    {
      ReslibSheetExportJob *sheet = reslib_sheet_export_job_new (store, project_id, output, list_format);

      reslib_sheet_export_job_set_flags (sheet, force ? RESLIB_OUTPUT_REPLACE : RESLIB_OUTPUT_NONE);
      job = RESLIB_JOB (sheet);
    }
  else
    {
      ReslibReportJob *report = reslib_report_job_new (store, project_id, kind, output);

      reslib_report_job_set_flags (report, force ? RESLIB_OUTPUT_REPLACE : RESLIB_OUTPUT_NONE);
      reslib_report_job_set_format (report, format);
      job = RESLIB_JOB (report);
    }
  if (!reslib_cli_run_cancellable (cli, report_work, job, error))
    return FALSE;
  shown = reslib_cli_escape_path (output);
  g_print ("%s\n", shown);

  return TRUE;
}
