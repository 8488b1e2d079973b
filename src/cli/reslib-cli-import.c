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

/* `--dry-run --json`: the package's facts and each record's outcome, besides the counts. */
static void
add_preview_json (JsonObject            *object,
                  ReslibPackageImporter *importer)
{
  GPtrArray *items = reslib_package_importer_get_items (importer);
  const ReslibPackageInfo *info = reslib_package_importer_get_info (importer);
  JsonArray *array = json_array_new ();

  json_object_set_boolean_member (object, "dry_run", TRUE);
  if (info != NULL)
    json_object_set_member (object, "package", reslib_package_info_to_json (info));
  for (guint i = 0; items != NULL && i < items->len; i++)
    {
      ReslibImportItem *item = g_ptr_array_index (items, i);
      JsonObject *o = json_object_new ();

      json_object_set_string_member (o, "kind", reslib_entity_get (reslib_import_item_get_kind (item))->name);
      json_object_set_string_member (o, "id", reslib_import_item_get_id (item));
      json_object_set_string_member (o, "title", reslib_import_item_get_title (item));
      json_object_set_string_member (o, "outcome", reslib_import_outcome_to_nick (reslib_import_item_get_outcome (item)));
      json_object_set_string_member (o, "mapped_to", reslib_import_item_get_mapped_to (item));
      json_array_add_object_element (array, o);
    }
  json_object_set_array_member (object, "items", array);
}

static const char *
outcome_label (ReslibImportOutcome outcome)
{
  switch (outcome)
    {
    /* Translators: what `reslib import --dry-run` says an import would do with a record */
    case RESLIB_IMPORT_OUTCOME_ADDED: return C_("import outcome", "add");
    case RESLIB_IMPORT_OUTCOME_UPDATED: return C_("import outcome", "update");
    case RESLIB_IMPORT_OUTCOME_UNCHANGED: return C_("import outcome", "unchanged");
    case RESLIB_IMPORT_OUTCOME_CONFLICT: return C_("import outcome", "conflict");
    case RESLIB_IMPORT_OUTCOME_REFUSED: return C_("import outcome", "kept as it is");
    default: g_return_val_if_reached ("");
    }
}

/* `--dry-run`: the records the import would change, one a line (the unchanged ones are only counted). */
static void
append_preview_items (GString               *out,
                      ReslibPackageImporter *importer)
{
  GPtrArray *items = reslib_package_importer_get_items (importer);

  for (guint i = 0; items != NULL && i < items->len; i++)
    {
      ReslibImportItem *item = g_ptr_array_index (items, i);
      g_autofree char *short_id = reslib_cli_short_id (reslib_import_item_get_id (item));
      g_autofree char *title = reslib_cli_escape (reslib_import_item_get_title (item) != NULL
                                                  ? reslib_import_item_get_title (item) : "");

      if (reslib_import_item_get_outcome (item) == RESLIB_IMPORT_OUTCOME_UNCHANGED &&
          reslib_import_item_get_mapped_to (item) == NULL)
        continue;
      g_string_append_printf (out, "  %-14s %-12s %s  %s", outcome_label (reslib_import_item_get_outcome (item)),
                              reslib_entity_get (reslib_import_item_get_kind (item))->name, short_id, title);
      if (reslib_import_item_get_mapped_to (item) != NULL)
        {
          g_autofree char *to = reslib_cli_short_id (reslib_import_item_get_mapped_to (item));

          /* Translators: after a record of `reslib import --dry-run` matched with one of the project */
          g_string_append_printf (out, _(" → %s"), to);
        }
      g_string_append_c (out, '\n');
    }
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
  gboolean dry_run = FALSE;
  gboolean join = FALSE;
  gboolean match_by_title = FALSE;
  /* A teacher's contribution is not made a second project of the lead's project's name. */
  ReslibImportFlags flags = RESLIB_IMPORT_REFUSE_NAMESAKE;
  gboolean show_progress = isatty (STDERR_FILENO);
  gboolean ok;
  ReslibStore *store;
  const GOptionEntry entries[] = {
    { "into", 0, 0, G_OPTION_ARG_STRING, &into,
      N_("Import the package’s resources into this project instead of the package’s own"), N_("PROJECT") },
    { "update-dossier", 0, 0, G_OPTION_ARG_NONE, &update_dossier,
      N_("Let the package change the project’s fields, majors and units"), NULL },
    { "match-by-title", 0, 0, G_OPTION_ARG_NONE, &match_by_title,
      N_("With --into: take the package’s courses and knowledge or skill points for the project’s of the same title"),
      NULL },
    { "join", 0, 0, G_OPTION_ARG_NONE, &join,
      N_("Join the lead’s project from their package, as a teacher"), NULL },
    { "dry-run", 0, 0, G_OPTION_ARG_NONE, &dry_run,
      N_("Only tell what the import would do: nothing is written"), NULL },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print the result as JSON"), NULL },
    { NULL }
  };

  if (!reslib_cli_parse (cli, entries, N_("FILE.tar"),
                         N_("Verifies a package, then merges it into the library: files by content, records by id "
                            "and content, never by their dates. A record changed only in the package is updated; "
                            "one changed on both sides, or never exchanged before and different, keeps the library’s "
                            "version, and the incoming one waits as a conflict until it is resolved (see “reslib "
                            "conflicts”). Importing the same package again changes nothing. Resources taken from "
                            "the package arrive in review. The fields, majors and units of a project the library "
                            "already has are never changed by a package unless --update-dossier is given (new units "
                            "are added, host units as participants); where they differ, the package’s version is a "
                            "conflict too."),
                         &args, error) ||
      !reslib_cli_check_args (cli, args, 1, 1, "FILE.tar", error))
    return FALSE;

  store = reslib_cli_get_store (cli, error);
  if (store == NULL)
    return FALSE;
  if (into != NULL && (project_id = reslib_store_resolve (store, RESLIB_KIND_PROJECT, into, NULL, error)) == NULL)
    return FALSE;
  if (join && into != NULL)
    {
      reslib_cli_usage_error (error, _("--join and --into cannot be given together: joining brings the lead’s project itself"));
      return FALSE;
    }
  if (match_by_title && into == NULL)
    {
      reslib_cli_usage_error (error, _("--match-by-title needs --into PROJECT"));
      return FALSE;
    }
  if (update_dossier)
    flags |= RESLIB_IMPORT_UPDATE_DOSSIER;
  if (join)
    flags |= RESLIB_IMPORT_JOIN;
  if (match_by_title)
    flags |= RESLIB_IMPORT_MATCH_BY_TITLE;

  /* From here on, a value the store refuses came from the package: bad input, exit 4. */
  cli->reading_input = TRUE;
  importer = reslib_package_importer_new (store, args[1]);
  reslib_package_importer_set_into_project (importer, project_id);
  reslib_package_importer_set_flags (importer, flags);
  reslib_package_importer_set_preview (importer, dry_run);
  /* Only a dry run prints what is done with each record. */
  reslib_package_importer_set_keep_items (importer, dry_run);
  if (show_progress && !dry_run)
    reslib_job_set_progress_func (RESLIB_JOB (importer), print_progress_cb, NULL, NULL);
  /* SIGINT and SIGTERM cancel the import: the store is left as it was, exit 3. */
  ok = reslib_cli_run_cancellable (cli, import_work, importer, &local_error);
  if (show_progress && !dry_run)
    g_printerr ("\r\033[K");
  if (!ok)
    {
      GPtrArray *problems = reslib_package_importer_get_problems (importer);
      const ReslibPackageInfo *info = reslib_package_importer_get_info (importer);

      if (problems == NULL || problems->len == 0)
        {
          /* A contribution of a teacher's own project: say how to import it into the lead's. */
          if (info != NULL && info->same_name_project_id != NULL && into == NULL && !join &&
              g_error_matches (local_error, RESLIB_ERROR, RESLIB_ERROR_CONSTRAINT))
            {
              g_autofree char *short_id = reslib_cli_short_id (info->same_name_project_id);

              reslib_cli_print_error (cli, local_error);
              /* Translators: a hint after an import refused; %s is the id of a project */
              g_printerr (_("Hint: reslib import FILE.tar --into %s --match-by-title\n"), short_id);
              cli->status = reslib_cli_exit_code (cli, local_error);
              return TRUE;
            }
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

      if (dry_run)
        add_preview_json (json_node_get_object (node), importer);
      reslib_cli_print_json (node, TRUE);
    }
  else
    {
      g_autoptr(GString) out = g_string_new (NULL);
      g_autofree char *bag = reslib_cli_escape (report->bag);
      g_autofree char *project = reslib_cli_escape (report->project_id);
      g_autofree char *short_project = reslib_cli_short_id (report->project_id);
      guint n_conflicts = 0;

      if (dry_run)
        /* Translators: the first line of `reslib import --dry-run`: the package, then the project. */
        g_string_append_printf (out, _("Would import %s into project %s (nothing was written)\n"), bag, project);
      else
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
          n_conflicts += report->conflicts[k];
        }
      /* Translators: the last line of `reslib import`: files the library did not have, and the others. */
      g_string_append_printf (out, _("  files: %u new, %u already in the library\n"),
                              report->blobs_added, report->blobs_present);
      if (report->reviews_received + report->reviews_set_aside > 0)
        /* Translators: in `reslib import`: a unit's review decisions (level 1) the contribution carried, recorded
         * and set aside (the resource's log says why). */
        g_string_append_printf (out, _("  unit reviews: %u recorded, %u set aside\n"),
                                report->reviews_received, report->reviews_set_aside);
      if (dry_run)
        append_preview_items (out, importer);
      if (report->dossier_protected &&
          report->conflicts[RESLIB_KIND_PROJECT] + report->conflicts[RESLIB_KIND_MAJOR] +
          report->conflicts[RESLIB_KIND_UNIT] > 0)
        /* Translators: after `reslib import`, when the package differs in the project's dossier. */
        g_string_append (out, _("The project’s fields, majors and units were kept as they are; the package’s "
                                "versions wait as conflicts. Import with --update-dossier to take them.\n"));
      if (n_conflicts > 0 && !dry_run)
        /* Translators: after `reslib import`; %s is the id of a project */
        g_string_append_printf (out, _("Resolve the conflicts with “reslib conflicts %s”.\n"), short_project);
      reslib_cli_write (out);
    }

  return TRUE;
}
