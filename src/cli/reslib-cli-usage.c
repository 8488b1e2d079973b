/* reslib-cli-usage.c — `reslib usage import|list`: the usage statistics of a project (应用推广)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "reslib-cli.h"
#include "reslib-store-usage.h"

static gboolean
open_project (ReslibCli   *cli,
              const char  *arg,
              char       **project_id,
              GError     **error)
{
  ReslibStore *store = reslib_cli_get_store (cli, error);

  if (store == NULL)
    return FALSE;
  *project_id = reslib_store_resolve (store, RESLIB_KIND_PROJECT, arg, NULL, error);

  return *project_id != NULL;
}

gboolean
reslib_cli_usage_import (ReslibCli  *cli,
                         int         variant,
                         char      **args,
                         GError    **error)
{
  g_autofree char *project_id = NULL;
  g_autofree char *name = NULL;
  g_autoptr(GPtrArray) periods = NULL;
  gboolean dry_run = FALSE;
  guint added = 0, replaced = 0;
  const GOptionEntry entries[] = {
    { "dry-run", 0, 0, G_OPTION_ARG_NONE, &dry_run, N_("Check the file and say what would change, writing nothing"),
      NULL },
    { NULL }
  };

  if (!reslib_cli_parse (cli, entries, N_("PROJECT FILE.csv"),
                         N_("Imports the usage statistics the platform exports, one row per period, in the layout of "
                            "data/profiles/usage-csv.md. A file with a bad row is refused as a whole."),
                         &args, error) ||
      !reslib_cli_check_args (cli, args, 2, 2, "PROJECT FILE.csv", error) ||
      !open_project (cli, args[1], &project_id, error))
    return FALSE;
  cli->reading_input = TRUE;
  periods = reslib_usage_csv_read (args[2], error);
  cli->reading_input = FALSE;
  if (periods == NULL)
    return FALSE;
  name = g_filename_display_basename (args[2]);
  if (!reslib_store_import_usage (cli->store, project_id, periods, name, dry_run, &added, &replaced, error))
    return FALSE;
  if (dry_run)
    /* Translators: what an import of usage statistics would do; nothing is written */
    g_print (_("Would add %u periods and replace %u; nothing was written.\n"), added, replaced);
  else
    g_print (_("Added %u periods, replaced %u.\n"), added, replaced);

  return TRUE;
}

gboolean
reslib_cli_usage_list (ReslibCli  *cli,
                       int         variant,
                       char      **args,
                       GError    **error)
{
  g_autofree char *project_id = NULL;
  g_autoptr(GPtrArray) periods = NULL;
  gboolean json = FALSE;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print a JSON array"), NULL },
    { NULL }
  };
  const char *heads[] = {
    C_("column", "PERIOD"), C_("column", "STUDENTS"), C_("column", "TEACHERS"), C_("column", "EMPLOYEES"),
    C_("column", "PUBLIC"), C_("column", "USERS"), C_("column", "LEARNERS"), C_("column", "SCHOOLS"),
    C_("column", "VISITS"),
  };
  guint widths[G_N_ELEMENTS (heads)];
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  g_autoptr(GString) out = NULL;

  if (!reslib_cli_parse (cli, entries, N_("PROJECT"), N_("Lists the project's usage statistics by period."), &args,
                         error) ||
      !reslib_cli_check_args (cli, args, 1, 1, "PROJECT", error) ||
      !open_project (cli, args[1], &project_id, error))
    return FALSE;
  periods = reslib_store_list_usage (cli->store, project_id, error);
  if (periods == NULL)
    return FALSE;

  if (json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autoptr(JsonNode) root = NULL;

      json_builder_begin_array (builder);
      for (guint i = 0; i < periods->len; i++)
        {
          const ReslibUsagePeriod *p = g_ptr_array_index (periods, i);
          const char *names[] = { "students", "teachers", "employees", "public_learners", "users", "learners",
                                  "schools", "visits" };
          const gint64 values[] = { p->students, p->teachers, p->employees, p->public_learners,
                                    reslib_usage_period_users (p), p->learners, p->schools, p->visits };

          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "period_start");
          json_builder_add_string_value (builder, p->period_start);
          json_builder_set_member_name (builder, "period_end");
          json_builder_add_string_value (builder, p->period_end);
          for (guint j = 0; j < G_N_ELEMENTS (names); j++)
            {
              json_builder_set_member_name (builder, names[j]);
              json_builder_add_int_value (builder, values[j]);
            }
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      root = json_builder_get_root (builder);
      reslib_cli_print_json (root, TRUE);
      return TRUE;
    }
  if (periods->len == 0)
    return TRUE;

  for (guint c = 0; c < G_N_ELEMENTS (heads); c++)
    widths[c] = reslib_cli_text_width (heads[c]);
  for (guint i = 0; i < periods->len; i++)
    {
      const ReslibUsagePeriod *p = g_ptr_array_index (periods, i);
      char **row = g_new0 (char *, G_N_ELEMENTS (heads) + 1);

      /* Translators: a period of usage statistics, from its first to its last day */
      row[0] = g_strdup_printf (_("%s to %s"), p->period_start, p->period_end);
      row[1] = g_strdup_printf ("%" G_GINT64_FORMAT, p->students);
      row[2] = g_strdup_printf ("%" G_GINT64_FORMAT, p->teachers);
      row[3] = g_strdup_printf ("%" G_GINT64_FORMAT, p->employees);
      row[4] = g_strdup_printf ("%" G_GINT64_FORMAT, p->public_learners);
      row[5] = g_strdup_printf ("%" G_GINT64_FORMAT, reslib_usage_period_users (p));
      row[6] = g_strdup_printf ("%" G_GINT64_FORMAT, p->learners);
      row[7] = g_strdup_printf ("%" G_GINT64_FORMAT, p->schools);
      row[8] = g_strdup_printf ("%" G_GINT64_FORMAT, p->visits);
      for (guint c = 0; c < G_N_ELEMENTS (heads); c++)
        widths[c] = MAX (widths[c], reslib_cli_text_width (row[c]));
      g_ptr_array_add (rows, row);
    }
  out = g_string_new (NULL);
  for (guint c = 0; c < G_N_ELEMENTS (heads); c++)
    {
      if (c + 1 < G_N_ELEMENTS (heads))
        {
          reslib_cli_append_padded (out, heads[c], widths[c]);
          g_string_append (out, "  ");
        }
      else
        g_string_append_printf (out, "%s\n", heads[c]);
    }
  for (guint i = 0; i < rows->len; i++)
    {
      char **row = g_ptr_array_index (rows, i);

      for (guint c = 0; c < G_N_ELEMENTS (heads); c++)
        {
          if (c + 1 < G_N_ELEMENTS (heads))
            {
              reslib_cli_append_padded (out, row[c], widths[c]);
              g_string_append (out, "  ");
            }
          else
            g_string_append_printf (out, "%s\n", row[c]);
        }
    }
  reslib_cli_write (out);

  return TRUE;
}
