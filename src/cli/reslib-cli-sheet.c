/* reslib-cli-sheet.c — `reslib resource import-sheet`: resources' metadata from a spreadsheet
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <unistd.h>

#include "reslib-cli.h"
#include "reslib-sheet-import.h"

static gboolean
import_work (gpointer       data,
             GCancellable  *cancellable,
             GError       **error)
{
  return reslib_job_run (RESLIB_JOB (data), cancellable, error);
}

static void
print_progress_cb (const ReslibProgress *progress,
                   gpointer              user_data)
{
  g_printerr ("\r");
  /* Translators: shown while a sheet is read, e.g. "Reading the sheet: 12000 rows" */
  g_printerr (ngettext ("Reading the sheet: %u row", "Reading the sheet: %u rows", progress->files_done),
              progress->files_done);
  g_printerr ("\033[K");
  fflush (stderr);
}

static void
print_rows (ReslibSheetImport *import)
{
  GPtrArray *rows = reslib_sheet_import_get_rows (import);
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GPtrArray) pool = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < rows->len; i++)
    {
      ReslibSheetRow *row = g_ptr_array_index (rows, i);
      g_autofree char *short_id = row->resource_id != NULL ? reslib_cli_short_id (row->resource_id) : NULL;

      if (row->errors->len > 0)
        continue;
      if (row->file_path != NULL && short_id == NULL)
        /* Translators: a row of a sheet that imports a file; %u is its number, %s the file */
        g_string_append_printf (out, _("Row %u: new resource from “%s”\n"), row->row,
                                reslib_cli_escape_in (pool, row->file_path));
      else
        /* Translators: a row of a sheet and the resource it changes: "Row 5: 第一课 (a1b2c3d4)" */
        g_string_append_printf (out, _("Row %u: %s (%s)\n"), row->row, reslib_cli_escape_in (pool, row->title),
                                short_id);
      for (guint c = 0; c < row->changes->len; c++)
        {
          ReslibSheetChange *change = g_ptr_array_index (row->changes, c);

          /* Translators: one field a sheet changes: "  作者: 张三 → 张三、李四" */
          g_string_append_printf (out, _("  %s: %s → %s\n"), reslib_cli_escape_in (pool, change->column),
                                  change->old_value == NULL || change->old_value[0] == '\0'
                                    ? "—" : reslib_cli_escape_in (pool, change->old_value),
                                  reslib_cli_escape_in (pool, change->new_value));
        }
    }
  reslib_cli_write (out);
}

static void
print_errors (ReslibSheetImport *import)
{
  GPtrArray *rows = reslib_sheet_import_get_rows (import);

  for (guint i = 0; i < rows->len; i++)
    {
      ReslibSheetRow *row = g_ptr_array_index (rows, i);

      for (guint e = 0; e < row->errors->len; e++)
        {
          g_autofree char *text = reslib_cli_escape (g_ptr_array_index (row->errors, e));

          /* Translators: an error of one row of a sheet: "Row 7: no resource of the project has the id “x”" */
          g_printerr (_("Row %u: %s\n"), row->row, text);
        }
    }
}

gboolean
reslib_cli_resource_import_sheet (ReslibCli  *cli,
                                  int         variant,
                                  char      **args,
                                  GError    **error)
{
  g_autoptr(ReslibSheetImport) import = NULL;
  g_autofree char *project_id = NULL;
  g_autofree char *sheet = NULL;
  gboolean json = FALSE, dry_run = FALSE;
  gboolean show_progress = isatty (STDERR_FILENO);
  guint n_changes, n_files, n_errors, n_hidden;
  ReslibStore *store;
  gboolean ok;
  const GOptionEntry entries[] = {
    { "sheet", 0, 0, G_OPTION_ARG_STRING, &sheet, N_("The sheet of an xlsx workbook to read; else the first"),
      N_("NAME") },
    { "dry-run", 0, 0, G_OPTION_ARG_NONE, &dry_run, N_("Only show what would change: nothing is written"), NULL },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print the rows and their changes as JSON"), NULL },
    { NULL }
  };

  if (!reslib_cli_parse (cli, entries, N_("PROJECT FILE.xlsx|FILE.csv"),
                         N_("Sets the metadata of a project’s resources from a spreadsheet with the columns of the "
                            "resource list (as “reslib report --kind resource-list” writes them; headers in Chinese or "
                            "English). Rows are matched to resources by 资源编号 (the id), else by 文件名 (the file "
                            "name); with a 文件路径 column (a path relative to the sheet), a row that matches no "
                            "resource imports its file. An empty cell changes nothing. Every row is checked first: "
                            "with any error nothing is written (exit 4), else all changes are written at once."),
                         &args, error) ||
      !reslib_cli_check_args (cli, args, 1, 2, "PROJECT", error) ||
      !reslib_cli_check_args (cli, args, 2, 2, "FILE", error))
    return FALSE;

  store = reslib_cli_get_store (cli, error);
  if (store == NULL)
    return FALSE;
  project_id = reslib_store_resolve (store, RESLIB_KIND_PROJECT, args[1], NULL, error);
  if (project_id == NULL)
    return FALSE;

  cli->reading_input = TRUE;
  import = reslib_sheet_import_new (store, project_id, args[2]);
  reslib_sheet_import_set_dry_run (import, dry_run);
  reslib_sheet_import_set_sheet_name (import, sheet);
  /* Nobody can undo what the command wrote: the old values are not kept. */
  reslib_sheet_import_set_undoable (import, FALSE);
  if (show_progress)
    reslib_job_set_progress_func (RESLIB_JOB (import), print_progress_cb, NULL, NULL);
  ok = reslib_cli_run_cancellable (cli, import_work, import, error);
  if (show_progress)
    g_printerr ("\r\033[K");
  if (!ok)
    return FALSE;

  n_changes = reslib_sheet_import_get_n_changed (import);
  n_files = reslib_sheet_import_get_n_files (import);
  n_errors = reslib_sheet_import_get_n_errors (import);
  if (json)
    {
      g_autoptr(JsonNode) node = reslib_sheet_import_to_json (import);

      reslib_cli_print_json (node, TRUE);
    }
  else
    print_rows (import);
  print_errors (import);
  n_hidden = reslib_sheet_import_get_n_hidden (import);
  if (n_hidden > 0)
    /* Translators: after the rows import-sheet lists; %u is how many rows it does not list */
    g_printerr (ngettext ("(%u more row that changes something or has an error is not listed: only the first %u of "
                          "each are)\n",
                          "(%u more rows that change something or have errors are not listed: only the first %u of "
                          "each are)\n", n_hidden), n_hidden, RESLIB_SHEET_IMPORT_SHOWN_ROWS);

  if (n_errors > 0)
    {
      g_set_error (error, RESLIB_ERROR, RESLIB_ERROR_BAD_FILE,
                   ngettext ("The sheet has %u error (listed above): nothing was changed",
                             "The sheet has %u errors (listed above): nothing was changed", n_errors), n_errors);
      return FALSE;
    }
  if (!json)
    {
      guint n_unchanged = reslib_sheet_import_get_n_unchanged (import);

      if (dry_run)
        /* Translators: the summary of a dry run of import-sheet */
        g_print (_("Dry run: %u rows would change resources, %u would import files, %u change nothing; nothing "
                   "was written\n"), n_changes, n_files, n_unchanged);
      else
        g_print (_("%u rows changed resources, %u imported files, %u changed nothing\n"), n_changes, n_files,
                 n_unchanged);
    }

  return TRUE;
}
