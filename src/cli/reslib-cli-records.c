/* reslib-cli-records.c — `reslib member set`, `course set`, `budget add|set|list`, `milestone add|set|list`:
 * the records the application (申报书) lists, field by field
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "reslib-cli.h"
#include "reslib-labels.h"

/* The amounts of a budget line as the command line writes them, in yuan, and their fields in cents. */
static const struct
{
  const char *name;
  const char *field;
} amounts[] = {
  { "planned", "amount_cents" },
  { "received", "received_cents" },
  { "spent", "spent_cents" },
};

/* Turns "FIELD=VALUE" pairs into fields and values for the store: a reference (a course's lead_member_id, a
 * budget line's unit_id) may be given as the start of an id, as everywhere on the command line, and a budget
 * line's planned, received and spent amounts are in yuan. */
static gboolean
prepare_fields (ReslibStore *store,
                ReslibKind   kind,
                const char  *project_id,
                char       **pairs,
                GPtrArray   *fields,
                GPtrArray   *values,
                GError     **error)
{
  const ReslibEntity *entity = reslib_entity_get (kind);

  if (!reslib_cli_parse_assignments (pairs, fields, values, error))
    return FALSE;
  for (guint i = 0; i < fields->len; i++)
    {
      const char *name = g_ptr_array_index (fields, i);
      const char *value = g_ptr_array_index (values, i);
      const ReslibField *field;

      for (guint a = 0; kind == RESLIB_KIND_BUDGET_LINE && a < G_N_ELEMENTS (amounts); a++)
        if (strcmp (name, amounts[a].name) == 0)
          {
            char *cents = NULL;

            if (!reslib_amount_parse (value, &cents, error))
              return FALSE;
            g_free (g_ptr_array_steal_index (fields, i));
            g_ptr_array_insert (fields, i, g_strdup (amounts[a].field));
            g_free (g_ptr_array_steal_index (values, i));
            g_ptr_array_insert (values, i, cents);
            name = amounts[a].field;
            value = cents;
            break;
          }

      /* A source of funds the profile lists, named by its id or another name, is stored under its name */
      if (kind == RESLIB_KIND_BUDGET_LINE && strcmp (name, "source") == 0 && value != NULL)
        {
          g_autoptr(ReslibProfile) profile = reslib_profile_load_default (error);
          const char *listed;

          if (profile == NULL)
            return FALSE;
          listed = reslib_profile_match_budget_source (profile, value);
          if (listed != NULL && g_strcmp0 (listed, value) != 0)
            {
              g_free (g_ptr_array_steal_index (values, i));
              g_ptr_array_insert (values, i, g_strdup (listed));
              value = g_ptr_array_index (values, i);
            }
        }

      field = reslib_entity_find_field (entity, name);
      if (field != NULL && field->type == RESLIB_FIELD_REF && value != NULL && *value != '\0')
        {
          char *id = reslib_store_resolve (store, field->ref_kind, value, project_id, error);

          if (id == NULL)
            return FALSE;
          g_free (g_ptr_array_steal_index (values, i));
          g_ptr_array_insert (values, i, id);
        }
    }
  g_ptr_array_add (fields, NULL);
  g_ptr_array_add (values, NULL);

  return TRUE;
}

/* `KIND set RECORD FIELD=VALUE…`: all the changes or none. */
static gboolean
set_record (ReslibCli   *cli,
            ReslibKind   kind,
            const char  *arg,
            char       **pairs,
            GError     **error)
{
  g_autoptr(GPtrArray) fields = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) values = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *id = NULL;
  g_autofree char *project_id = NULL;
  ReslibStore *store = reslib_cli_get_store (cli, error);

  if (store == NULL ||
      (id = reslib_store_resolve (store, kind, arg, NULL, error)) == NULL ||
      (project_id = reslib_store_project_of (store, kind, id, error)) == NULL ||
      !prepare_fields (store, kind, project_id, pairs, fields, values, error))
    return FALSE;

  return reslib_store_update (store, kind, id, (const char * const *) fields->pdata,
                              (const char * const *) values->pdata, error);
}

gboolean
reslib_cli_member_set (ReslibCli  *cli,
                       int         variant,
                       char      **args,
                       GError    **error)
{
  if (!reslib_cli_parse (cli, NULL, N_("MEMBER FIELD=VALUE…"),
                         N_("Changes fields of a team member, all or none: name, unit_id, title (the professional "
                            "title), office (the post), duty, leader (yes for the project leader), dual_qualified, "
                            "enterprise (yes or no), birth_year, position. An empty VALUE clears a field."),
                         &args, error) ||
      !reslib_cli_check_args (cli, args, 1, -1, "MEMBER", error) ||
      !reslib_cli_check_args (cli, args, 2, -1, "FIELD=VALUE", error))
    return FALSE;

  return set_record (cli, RESLIB_KIND_MEMBER, args[1], args + 2, error);
}

gboolean
reslib_cli_course_set (ReslibCli  *cli,
                       int         variant,
                       char      **args,
                       GError    **error)
{
  if (!reslib_cli_parse (cli, NULL, N_("COURSE FIELD=VALUE…"),
                         N_("Changes fields of a course, all or none: title, kind (standardized, personalised or "
                            "training), code, hours, credits (e.g. 3.5), lead_member_id (a member), major_id (a "
                            "major), url, certificate (the 1+X certificate), position. An empty VALUE clears a "
                            "field."),
                         &args, error) ||
      !reslib_cli_check_args (cli, args, 1, -1, "COURSE", error) ||
      !reslib_cli_check_args (cli, args, 2, -1, "FIELD=VALUE", error))
    return FALSE;

  return set_record (cli, RESLIB_KIND_COURSE, args[1], args + 2, error);
}

/* `KIND add PROJECT FIELD=VALUE…`: inserts the record and prints its id. */
static gboolean
add_record (ReslibCli   *cli,
            ReslibKind   kind,
            const char  *arg,
            char       **pairs,
            GError     **error)
{
  g_autoptr(GPtrArray) fields = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) values = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *project_id = NULL;
  g_autofree char *id = NULL;
  ReslibStore *store = reslib_cli_get_store (cli, error);

  if (store == NULL || (project_id = reslib_store_resolve (store, RESLIB_KIND_PROJECT, arg, NULL, error)) == NULL)
    return FALSE;
  g_ptr_array_add (fields, g_strdup ("project_id"));
  g_ptr_array_add (values, g_strdup (project_id));
  if (!prepare_fields (store, kind, project_id, pairs, fields, values, error))
    return FALSE;
  id = reslib_store_insert (store, kind, (const char * const *) fields->pdata, (const char * const *) values->pdata,
                            error);
  if (id == NULL)
    return FALSE;
  g_print ("%s\n", id);

  return TRUE;
}

gboolean
reslib_cli_budget_add (ReslibCli  *cli,
                       int         variant,
                       char      **args,
                       GError    **error)
{
  if (!reslib_cli_parse (cli, NULL, N_("PROJECT FIELD=VALUE…"),
                         N_("Adds a budget line and prints its id: source (one of the profile’s sources of funds, e.g. "
                            "财政, 学校自筹, 行业企业, or their ids; `reslib budget sources` lists them) and category "
                            "are needed; year, planned, received and spent (in yuan, e.g. 12000.50), unit_id and "
                            "note may be given."),
                         &args, error) ||
      !reslib_cli_check_args (cli, args, 1, -1, "PROJECT", error) ||
      !reslib_cli_check_args (cli, args, 2, -1, "FIELD=VALUE", error))
    return FALSE;

  return add_record (cli, RESLIB_KIND_BUDGET_LINE, args[1], args + 2, error);
}

gboolean
reslib_cli_budget_set (ReslibCli  *cli,
                       int         variant,
                       char      **args,
                       GError    **error)
{
  if (!reslib_cli_parse (cli, NULL, N_("LINE FIELD=VALUE…"),
                         N_("Changes fields of a budget line, all or none: year, source (a source of funds of the profile, "
                            "by name or id), category, planned, received, spent (in yuan), unit_id, note, position. "
                            "An empty VALUE clears a field."),
                         &args, error) ||
      !reslib_cli_check_args (cli, args, 1, -1, "LINE", error) ||
      !reslib_cli_check_args (cli, args, 2, -1, "FIELD=VALUE", error))
    return FALSE;

  return set_record (cli, RESLIB_KIND_BUDGET_LINE, args[1], args + 2, error);
}

/* Prints @rows (each an array of @n_heads texts) under @heads, the columns padded to their widest text. */
static void
print_table (const char * const *heads,
             guint               n_heads,
             GPtrArray          *rows)
{
  g_autoptr(GString) out = g_string_new (NULL);
  g_autofree guint *widths = g_new0 (guint, n_heads);

  for (guint c = 0; c < n_heads; c++)
    {
      widths[c] = reslib_cli_text_width (heads[c]);
      for (guint r = 0; r < rows->len; r++)
        widths[c] = MAX (widths[c], reslib_cli_text_width (((char **) g_ptr_array_index (rows, r))[c]));
    }
  for (guint c = 0; c < n_heads; c++)
    {
      reslib_cli_append_padded (out, heads[c], c + 1 < n_heads ? widths[c] : 0);
      g_string_append (out, c + 1 < n_heads ? "  " : "\n");
    }
  for (guint r = 0; r < rows->len; r++)
    for (guint c = 0; c < n_heads; c++)
      {
        reslib_cli_append_padded (out, ((char **) g_ptr_array_index (rows, r))[c], c + 1 < n_heads ? widths[c] : 0);
        g_string_append (out, c + 1 < n_heads ? "  " : "\n");
      }
  reslib_cli_write (out);
}

/* The spent amount in percent of the received one (执行率), "" when nothing was received. */
static char *
spent_rate (gint64 received,
            gint64 spent)
{
  if (received <= 0)
    return g_strdup ("");

  return g_strdup_printf ("%.1f%%", (double) spent * 100.0 / (double) received);
}

gboolean
reslib_cli_budget_list (ReslibCli  *cli,
                        int         variant,
                        char      **args,
                        GError    **error)
{
  g_autofree char *project_id = NULL;
  g_autoptr(GListModel) lines = NULL;
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  gboolean json = FALSE;
  gint64 totals[3] = { 0, 0, 0 };
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print a JSON array"), NULL },
    { NULL }
  };
  const char *heads[] = {
    C_("column", "ID"), C_("column", "YEAR"), C_("column", "SOURCE"), C_("column", "CATEGORY"),
    /* Translators: the money planned for a budget line (计划金额), not a count */
    C_("budget column", "PLANNED"), C_("column", "RECEIVED"), C_("column", "SPENT"), C_("column", "SPENT/RECEIVED"),
  };
  ReslibStore *store;

  if (!reslib_cli_parse (cli, entries, N_("PROJECT"),
                         N_("Lists the budget lines by year, with the amounts planned, received and spent (in yuan) "
                            "and the part of the received money spent."),
                         &args, error) ||
      !reslib_cli_check_args (cli, args, 1, 1, "PROJECT", error))
    return FALSE;
  store = reslib_cli_get_store (cli, error);
  if (store == NULL || (project_id = reslib_store_resolve (store, RESLIB_KIND_PROJECT, args[1], NULL, error)) == NULL)
    return FALSE;
  lines = reslib_store_list (store, RESLIB_KIND_BUDGET_LINE, project_id, error);
  if (lines == NULL)
    return FALSE;
  if (json)
    {
      reslib_cli_print_records_json (lines);
      return TRUE;
    }

  for (guint i = 0; i < g_list_model_get_n_items (lines); i++)
    {
      g_autoptr(ReslibRecord) line = g_list_model_get_item (lines, i);
      gint64 received = reslib_record_get_int (line, "received_cents", 0);
      gint64 spent = reslib_record_get_int (line, "spent_cents", 0);
      char **row = g_new0 (char *, G_N_ELEMENTS (heads) + 1);

      row[0] = reslib_cli_short_id (reslib_record_get_id (line));
      row[1] = g_strdup (reslib_record_get (line, "year") != NULL ? reslib_record_get (line, "year") : "-");
      row[2] = reslib_cli_escape (reslib_record_get (line, "source"));
      row[3] = reslib_cli_escape (reslib_record_get (line, "category"));
      row[4] = reslib_amount_format (reslib_record_get (line, "amount_cents"));
      row[5] = reslib_amount_format (reslib_record_get (line, "received_cents"));
      row[6] = reslib_amount_format (reslib_record_get (line, "spent_cents"));
      row[7] = reslib_record_get (line, "received_cents") != NULL ? spent_rate (received, spent) : g_strdup ("");
      totals[0] += reslib_record_get_int (line, "amount_cents", 0);
      totals[1] += received;
      totals[2] += spent;
      g_ptr_array_add (rows, row);
    }
  {
    char **row = g_new0 (char *, G_N_ELEMENTS (heads) + 1);
    g_autofree char *planned = g_strdup_printf ("%" G_GINT64_FORMAT, totals[0]);
    g_autofree char *received = g_strdup_printf ("%" G_GINT64_FORMAT, totals[1]);
    g_autofree char *spent = g_strdup_printf ("%" G_GINT64_FORMAT, totals[2]);

    row[0] = g_strdup (C_("budget", "Total"));
    for (guint c = 1; c < 4; c++)
      row[c] = g_strdup ("");
    row[4] = reslib_amount_format (planned);
    row[5] = reslib_amount_format (received);
    row[6] = reslib_amount_format (spent);
    row[7] = spent_rate (totals[1], totals[2]);
    g_ptr_array_add (rows, row);
  }

  print_table (heads, G_N_ELEMENTS (heads), rows);

  return TRUE;
}

gboolean
reslib_cli_milestone_add (ReslibCli  *cli,
                          int         variant,
                          char      **args,
                          GError    **error)
{
  if (!reslib_cli_parse (cli, NULL, N_("PROJECT FIELD=VALUE…"),
                         N_("Adds a milestone of the build plan (建设进度) and prints its id: title is needed; due_date "
                            "and done_date (YYYY-MM-DD), deliverable (what is delivered), quantity, evidence_url (where "
                            "the deliverable can be seen) and note may be given."),
                         &args, error) ||
      !reslib_cli_check_args (cli, args, 1, -1, "PROJECT", error) ||
      !reslib_cli_check_args (cli, args, 2, -1, "FIELD=VALUE", error))
    return FALSE;

  return add_record (cli, RESLIB_KIND_MILESTONE, args[1], args + 2, error);
}

gboolean
reslib_cli_milestone_set (ReslibCli  *cli,
                          int         variant,
                          char      **args,
                          GError    **error)
{
  if (!reslib_cli_parse (cli, NULL, N_("MILESTONE FIELD=VALUE…"),
                         N_("Changes fields of a milestone, all or none: title, due_date, done_date, deliverable, "
                            "quantity, evidence_url, note, position. An empty VALUE clears a field."),
                         &args, error) ||
      !reslib_cli_check_args (cli, args, 1, -1, "MILESTONE", error) ||
      !reslib_cli_check_args (cli, args, 2, -1, "FIELD=VALUE", error))
    return FALSE;

  return set_record (cli, RESLIB_KIND_MILESTONE, args[1], args + 2, error);
}

gboolean
reslib_cli_milestone_list (ReslibCli  *cli,
                           int         variant,
                           char      **args,
                           GError    **error)
{
  g_autofree char *project_id = NULL;
  g_autoptr(GListModel) milestones = NULL;
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  gboolean json = FALSE;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print a JSON array"), NULL },
    { NULL }
  };
  const char *heads[] = {
    C_("column", "ID"), C_("column", "DUE"), C_("column", "DONE ON"), C_("column", "MILESTONE"),
    C_("column", "DELIVERABLE"), C_("column", "QUANTITY"), C_("column", "EVIDENCE"),
  };
  ReslibStore *store;

  if (!reslib_cli_parse (cli, entries, N_("PROJECT"),
                         N_("Lists the milestones of the build plan by due date, with their deliverables, when each "
                            "was done and where its evidence is."),
                         &args, error) ||
      !reslib_cli_check_args (cli, args, 1, 1, "PROJECT", error))
    return FALSE;
  store = reslib_cli_get_store (cli, error);
  if (store == NULL || (project_id = reslib_store_resolve (store, RESLIB_KIND_PROJECT, args[1], NULL, error)) == NULL)
    return FALSE;
  milestones = reslib_store_list (store, RESLIB_KIND_MILESTONE, project_id, error);
  if (milestones == NULL)
    return FALSE;
  if (json)
    {
      reslib_cli_print_records_json (milestones);
      return TRUE;
    }

  for (guint i = 0; i < g_list_model_get_n_items (milestones); i++)
    {
      g_autoptr(ReslibRecord) milestone = g_list_model_get_item (milestones, i);
      static const char * const fields[] = { "due_date", "done_date", "title", "deliverable", "quantity", "evidence_url" };
      char **row = g_new0 (char *, G_N_ELEMENTS (heads) + 1);

      row[0] = reslib_cli_short_id (reslib_record_get_id (milestone));
      for (guint f = 0; f < G_N_ELEMENTS (fields); f++)
        {
          const char *value = reslib_record_get (milestone, fields[f]);

          row[f + 1] = value != NULL ? reslib_cli_escape (value) : g_strdup ("-");
        }
      g_ptr_array_add (rows, row);
    }
  print_table (heads, G_N_ELEMENTS (heads), rows);

  return TRUE;
}
