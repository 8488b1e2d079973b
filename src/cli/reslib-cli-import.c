/* reslib-cli-import.c — `reslib import`
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "reslib-cli.h"
#include "reslib-package.h"
#include "reslib-package-importer.h"

static const ReslibKind report_kinds[] = {
  RESLIB_KIND_PROJECT, RESLIB_KIND_MAJOR, RESLIB_KIND_UNIT, RESLIB_KIND_MEMBER, RESLIB_KIND_COURSE,
  RESLIB_KIND_NODE, RESLIB_KIND_RESOURCE, RESLIB_KIND_BUDGET_LINE, RESLIB_KIND_MILESTONE, RESLIB_KIND_DECLARATION,
};

static void
print_progress_cb (const ReslibProgress *progress,
                   gpointer              user_data)
{
  g_autofree char *done = g_format_size (progress->bytes_done);
  g_autofree char *total = g_format_size (progress->bytes_total);

  g_printerr ("\r\033[K");
  /* Translators: progress of `reslib import`: bytes of the package's files copied of the total, then files. */
  g_printerr (_("Importing: %s of %s, %u of %u files"), done, total, progress->files_done, progress->files_total);
}

static gboolean
import_work (gpointer       data,
             GCancellable  *cancellable,
             GError       **error)
{
  return reslib_job_run (RESLIB_JOB (data), cancellable, error);
}

gboolean
reslib_cli_import (ReslibCli  *cli,
                   int         variant,
                   char      **args,
                   GError    **error)
{
  g_autoptr(ReslibPackageImporter) importer = NULL;
  g_autoptr(GError) local_error = NULL;
  const ReslibImportReport *report;
  g_autofree char *into = NULL;
  g_autofree char *project_id = NULL;
  gboolean json = FALSE;
  gboolean update_dossier = FALSE;
  gboolean show_progress = isatty (STDERR_FILENO);
  gboolean ok;
  ReslibStore *store;
  const GOptionEntry entries[] = {
    { "into", 0, 0, G_OPTION_ARG_STRING, &into,
      N_("Import the package’s resources into this project instead of the package’s own"), N_("PROJECT") },
    { "update-dossier", 0, 0, G_OPTION_ARG_NONE, &update_dossier,
      N_("Let the package change the project’s fields, majors and units"), NULL },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print the result as JSON"), NULL },
    { NULL }
  };

  if (!reslib_cli_parse (cli, entries, N_("FILE.tar"),
                         N_("Verifies a package, then merges it into the library: files by content, records by id "
                            "and content, never by their dates. A record changed only in the package is updated; "
                            "one changed on both sides, or never exchanged before and different, keeps the library’s "
                            "version, and the incoming one waits as a conflict until it is resolved (see “reslib "
                            "conflicts”). Importing the same package again changes nothing. Resources taken from the package arrive in review. The fields, majors and "
                            "units of a project the library already has are never changed by a package unless "
                            "--update-dossier is given (new units are added, host units as participants); where they "
                            "differ, the package’s version is a conflict too."),
                         &args, error) ||
      !reslib_cli_check_args (cli, args, 1, 1, "FILE.tar", error))
    return FALSE;

  store = reslib_cli_get_store (cli, error);
  if (store == NULL)
    return FALSE;
  if (into != NULL && (project_id = reslib_store_resolve (store, RESLIB_KIND_PROJECT, into, NULL, error)) == NULL)
    return FALSE;

  /* From here on, a value the store refuses came from the package: bad input, exit 4. */
  cli->reading_input = TRUE;
  importer = reslib_package_importer_new (store, args[1]);
  reslib_package_importer_set_into_project (importer, project_id);
  reslib_package_importer_set_flags (importer, update_dossier ? RESLIB_IMPORT_UPDATE_DOSSIER : RESLIB_IMPORT_NONE);
  if (show_progress)
    reslib_job_set_progress_func (RESLIB_JOB (importer), print_progress_cb, NULL, NULL);
  /* SIGINT and SIGTERM cancel the import: the store is left as it was, exit 3. */
  ok = reslib_cli_run_cancellable (cli, import_work, importer, &local_error);
  if (show_progress)
    g_printerr ("\r\033[K");
  if (!ok)
    {
      GPtrArray *problems = reslib_package_importer_get_problems (importer);

      if (problems == NULL || problems->len == 0)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      /* Not a valid package: the problems, as `reslib verify` lists them. */
      reslib_cli_print_problems (local_error->message, problems);
      cli->status = RESLIB_EXIT_BAD_INPUT;
      return TRUE;
    }

  report = reslib_package_importer_get_report (importer);
  if (json)
    {
      g_autoptr(JsonNode) node = reslib_import_report_to_json (report);

      reslib_cli_print_json (node, TRUE);
    }
  else
    {
      g_autoptr(GString) out = g_string_new (NULL);
      g_autofree char *bag = reslib_cli_escape (report->bag);
      g_autofree char *project = reslib_cli_escape (report->project_id);

      /* Translators: the first line of `reslib import`: the package, then the project it went into. */
      g_string_append_printf (out, _("Imported %s into project %s\n"), bag, project);
      for (guint i = 0; i < G_N_ELEMENTS (report_kinds); i++)
        {
          ReslibKind k = report_kinds[i];

          g_string_append_printf (out, "  %-12s ", reslib_entity_get (k)->name);
          /* Translators: one line per kind of record in `reslib import`. */
          g_string_append_printf (out, _("added %u, updated %u, unchanged %u, conflicts %u"),
                                  report->added[k], report->updated[k], report->unchanged[k], report->conflicts[k]);
          g_string_append_c (out, '\n');
        }
      /* Translators: the last line of `reslib import`: files the library did not have, and the others. */
      g_string_append_printf (out, _("  files: %u new, %u already in the library\n"),
                              report->blobs_added, report->blobs_present);
      if (report->dossier_protected &&
          report->conflicts[RESLIB_KIND_PROJECT] + report->conflicts[RESLIB_KIND_MAJOR] +
          report->conflicts[RESLIB_KIND_UNIT] > 0)
        /* Translators: after `reslib import`, when the package differs in the project's dossier. */
        g_string_append (out, _("The project’s fields, majors and units were kept as they are; the package’s "
                                "versions are in the project’s log. Import with --update-dossier to take them.\n"));
      reslib_cli_write (out);
    }

  return TRUE;
}
