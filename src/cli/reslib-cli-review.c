/* reslib-cli-review.c — `reslib review submit|approve|reject …` and `reslib review log …`: the two-level
 * review (a unit's reviewer checks first, the first host decides) with its checklist, and the review log
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "reslib-cli.h"
#include "reslib-review-log-export.h"
#include "reslib-store-review.h"

static char **
resolve_resources (ReslibStore         *store,
                   const char * const  *prefixes,
                   GError             **error)
{
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; prefixes[i] != NULL; i++)
    {
      char *id = reslib_store_resolve (store, RESLIB_KIND_RESOURCE, prefixes[i], NULL, error);

      if (id == NULL)
        return NULL;
      if (g_ptr_array_find_with_equal_func (ids, id, g_str_equal, NULL))
        g_free (id);
      else
        g_ptr_array_add (ids, id);
    }
  g_ptr_array_add (ids, NULL);

  return (char **) g_ptr_array_free (g_steal_pointer (&ids), FALSE);
}

/* --checked: political, scientific, copyright (or 政治性, 科学性, 版权), any of , ， 、 ; between, or "all". */
static gboolean
parse_checks (const char          *text,
              ReslibReviewChecks  *checks,
              GError             **error)
{
  g_auto(GStrv) items = NULL;

  *checks = RESLIB_REVIEW_CHECK_NONE;
  if (text == NULL)
    return TRUE;
  items = reslib_cli_split_list ((const char * const[]) { text, NULL });
  for (guint i = 0; items[i] != NULL; i++)
    {
      const char *item = items[i];

      if (g_str_equal (item, "all"))
        *checks |= RESLIB_REVIEW_CHECK_ALL;
      else if (g_str_equal (item, "political") || g_str_equal (item, "政治性"))
        *checks |= RESLIB_REVIEW_CHECK_POLITICAL;
      else if (g_str_equal (item, "scientific") || g_str_equal (item, "科学性"))
        *checks |= RESLIB_REVIEW_CHECK_SCIENTIFIC;
      else if (g_str_equal (item, "copyright") || g_str_equal (item, "版权"))
        *checks |= RESLIB_REVIEW_CHECK_COPYRIGHT;
      else
        {
          reslib_cli_usage_error (error, _("“%s” is not a check of the review: use political, scientific, copyright "
                                           "or all"), item);
          return FALSE;
        }
    }

  return TRUE;
}

/* The level a member reviews at: the first host's (2) for its members, their unit's (1) for the others. */
static ReslibReviewLevel
level_of_member (ReslibStore  *store,
                 const char   *member_id,
                 GError      **error)
{
  g_autoptr(ReslibRecord) member = reslib_store_get (store, RESLIB_KIND_MEMBER, member_id, error);
  g_autoptr(GError) local_error = NULL;
  g_autofree char *first = NULL;

  if (member == NULL)
    return 0;
  first = reslib_store_first_host (store, reslib_record_get (member, "project_id"), &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return 0;
    }

  return g_strcmp0 (first, reslib_record_get (member, "unit_id")) == 0 ? RESLIB_REVIEW_LEVEL_HOST
                                                                        : RESLIB_REVIEW_LEVEL_UNIT;
}

gboolean
reslib_cli_review (ReslibCli  *cli,
                   int         variant,
                   char      **args,
                   GError    **error)
{
  g_autofree char *note = NULL;
  g_autofree char *reviewer = NULL;
  g_autofree char *checked = NULL;
  g_autofree char *reviewer_id = NULL;
  g_auto(GStrv) ids = NULL;
  int level = 0;
  ReslibReviewChecks checks;
  ReslibStore *store;
  const GOptionEntry entries[] = {
    { "note", 0, 0, G_OPTION_ARG_FILENAME, &note, N_("A note for the authors; needed to reject"), N_("TEXT") },
    { "reviewer", 0, 0, G_OPTION_ARG_STRING, &reviewer,
      N_("The member who decides: of the resource's unit (level 1) or of the first host (level 2)"), N_("MEMBER") },
    { "level", 0, 0, G_OPTION_ARG_INT, &level,
      N_("1 for the unit's review, 2 for the first host's (default: by the reviewer's unit)"), N_("1|2") },
    { "checked", 0, 0, G_OPTION_ARG_STRING, &checked,
      N_("The checks passed: political, scientific, copyright or all (an approval needs all)"), N_("LIST") },
    { NULL }
  };
  static const char * const summaries[] = {
    N_("Submits draft or rejected resources for review."),
    N_("Approves resources under review. With --reviewer, a decision of the two-level review: a unit's "
       "reviewer passes its resources first, then a reviewer of the first host approves."),
    N_("Rejects resources under review; --note says why."),
  };
  const GOptionEntry submit_entries[] = {
    { "note", 0, 0, G_OPTION_ARG_FILENAME, &note, N_("A note for the authors; needed to reject"), N_("TEXT") },
    { NULL }
  };

  g_assert (variant >= 0 && variant < (int) G_N_ELEMENTS (summaries));

  if (!reslib_cli_parse (cli, variant == RESLIB_REVIEW_SUBMIT ? submit_entries : entries, N_("RESOURCE…"),
                         summaries[variant], &args, error) ||
      !reslib_cli_check_args (cli, args, 1, -1, "RESOURCE", error))
    return FALSE;
  if (variant == RESLIB_REVIEW_REJECT && (note == NULL || *note == '\0'))
    {
      reslib_cli_usage_error (error, _("Say why the resources are rejected with --note"));
      return FALSE;
    }
  if (note != NULL && !g_utf8_validate (note, -1, NULL))
    {
      g_set_error_literal (error, RESLIB_ERROR, RESLIB_ERROR_INVALID, _("The note is not valid UTF-8 text"));
      return FALSE;
    }
  if (reviewer == NULL && (level != 0 || checked != NULL))
    {
      reslib_cli_usage_error (error, _("--level and --checked go with --reviewer: say who decides"));
      return FALSE;
    }
  if (level != 0 && level != RESLIB_REVIEW_LEVEL_UNIT && level != RESLIB_REVIEW_LEVEL_HOST)
    {
      reslib_cli_usage_error (error, _("--level is 1 (the unit's review) or 2 (the first host's)"));
      return FALSE;
    }
  if (!parse_checks (checked, &checks, error))
    return FALSE;

  store = reslib_cli_get_store (cli, error);
  if (store == NULL)
    return FALSE;
  ids = resolve_resources (store, (const char * const *) args + 1, error);
  if (ids == NULL)
    return FALSE;
  if (reviewer == NULL)
    return reslib_store_review (store, (const char * const *) ids, (ReslibReviewAction) variant, note, error);

  reviewer_id = reslib_store_resolve (store, RESLIB_KIND_MEMBER, reviewer, NULL, error);
  if (reviewer_id == NULL)
    return FALSE;
  if (level == 0)
    level = level_of_member (store, reviewer_id, error);
  if (level == 0)
    return FALSE;

  return reslib_store_review_decide (store, (const char * const *) ids, level, reviewer_id,
                                     variant == RESLIB_REVIEW_APPROVE, checks, note, error);
}

/* ---------------------------------------------------------------------------------------------- */

static gboolean
export_work (gpointer       data,
             GCancellable  *cancellable,
             GError       **error)
{
  return reslib_job_run (RESLIB_JOB (data), cancellable, error);
}

static void
print_log (GPtrArray *log,
           gboolean   json)
{
  static const char * const check_names[] = { "political", "scientific", "copyright" };
  static const ReslibReviewChecks check_flags[] = { RESLIB_REVIEW_CHECK_POLITICAL, RESLIB_REVIEW_CHECK_SCIENTIFIC,
                                                    RESLIB_REVIEW_CHECK_COPYRIGHT };

  if (json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autoptr(JsonNode) root = NULL;

      json_builder_begin_array (builder);
      for (guint i = 0; i < log->len; i++)
        {
          const ReslibReviewDecision *d = g_ptr_array_index (log, i);

          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "decided_at");
          json_builder_add_string_value (builder, d->decided_at);
          json_builder_set_member_name (builder, "resource_id");
          json_builder_add_string_value (builder, d->resource_id);
          json_builder_set_member_name (builder, "title");
          json_builder_add_string_value (builder, d->resource_title);
          json_builder_set_member_name (builder, "level");
          json_builder_add_int_value (builder, d->level);
          json_builder_set_member_name (builder, "unit_id");
          json_builder_add_string_value (builder, d->unit_id);
          json_builder_set_member_name (builder, "unit");
          json_builder_add_string_value (builder, d->unit_name);
          json_builder_set_member_name (builder, "reviewer_id");
          json_builder_add_string_value (builder, d->reviewer_id);
          json_builder_set_member_name (builder, "reviewer");
          json_builder_add_string_value (builder, d->reviewer);
          json_builder_set_member_name (builder, "decision");
          json_builder_add_string_value (builder, d->approve ? "approve" : "reject");
          json_builder_set_member_name (builder, "checks");
          if (d->has_checks)
            {
              json_builder_begin_object (builder);
              for (guint c = 0; c < G_N_ELEMENTS (check_names); c++)
                {
                  json_builder_set_member_name (builder, check_names[c]);
                  json_builder_add_boolean_value (builder, (d->checks & check_flags[c]) != 0);
                }
              json_builder_end_object (builder);
            }
          else
            json_builder_add_null_value (builder);
          json_builder_set_member_name (builder, "note");
          json_builder_add_string_value (builder, d->note);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      root = json_builder_get_root (builder);
      reslib_cli_print_json (root, TRUE);
      return;
    }

  {
    g_autoptr(GString) out = g_string_new (NULL);
    g_autoptr(GPtrArray) pool = g_ptr_array_new_with_free_func (g_free);

    if (log->len == 0)
      {
        g_print ("%s\n", _("No review decisions yet"));
        return;
      }
    for (guint i = 0; i < log->len; i++)
      {
        const ReslibReviewDecision *d = g_ptr_array_index (log, i);
        g_autofree char *short_id = reslib_cli_short_id (d->resource_id);

        /* Translators: a line of `reslib review log`: time, decision, level, reviewer (unit), resource id, title */
        g_string_append_printf (out, _("%s  %s  %s  %s (%s)  %s  %s"), d->decided_at,
                                reslib_review_decision_label (d->approve), reslib_review_level_label (d->level),
                                reslib_cli_escape_in (pool, d->reviewer),
                                d->unit_name != NULL ? reslib_cli_escape_in (pool, d->unit_name) : "—", short_id,
                                reslib_cli_escape_in (pool, d->resource_title));
        if (d->note != NULL)
          g_string_append_printf (out, _(": %s"), reslib_cli_escape_in (pool, d->note));
        g_string_append_c (out, '\n');
      }
    reslib_cli_write (out);
  }
}

gboolean
reslib_cli_review_log (ReslibCli  *cli,
                       int         variant,
                       char      **args,
                       GError    **error)
{
  g_autofree char *output = NULL;
  g_autofree char *project_id = NULL;
  g_autoptr(GPtrArray) log = NULL;
  gboolean json = FALSE;
  gboolean force = FALSE;
  ReslibSheetFormat format = RESLIB_SHEET_FORMAT_XLSX;
  ReslibStore *store;
  const GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("Write the log to this .xlsx or .csv file"), N_("FILE") },
    { "force", 0, 0, G_OPTION_ARG_NONE, &force, N_("Replace the output file when it exists"), NULL },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print a JSON array"), NULL },
    { NULL }
  };

  if (!reslib_cli_parse (cli, entries, N_("PROJECT"),
                         N_("Lists every review decision of the project (the review log): time, resource, level, "
                            "unit, reviewer, decision, the checks (political, scientific, copyright) and the note; "
                            "-o writes it as an Excel workbook or CSV."),
                         &args, error) ||
      !reslib_cli_check_args (cli, args, 1, 1, "PROJECT", error))
    return FALSE;
  if (output != NULL && json)
    {
      reslib_cli_usage_error (error, _("Choose -o or --json, not both"));
      return FALSE;
    }
  if (output != NULL && !reslib_sheet_format_for_path (output, &format))
    {
      reslib_cli_usage_error (error, _("The review log is written as .xlsx or .csv: give -o a file name ending in one "
                                       "of them"));
      return FALSE;
    }

  store = reslib_cli_get_store (cli, error);
  if (store == NULL)
    return FALSE;
  project_id = reslib_store_resolve (store, RESLIB_KIND_PROJECT, args[1], NULL, error);
  if (project_id == NULL)
    return FALSE;
  if (output != NULL)
    {
      g_autoptr(ReslibReviewLogExportJob) job = reslib_review_log_export_job_new (store, project_id, output, format,
                                                                                 error);
      g_autofree char *shown = NULL;
      guint n;

      if (job == NULL)
        return FALSE;
      /* Written next to the destination and renamed when complete: a failure or a signal leaves nothing. */
      reslib_review_log_export_job_set_flags (job, force ? RESLIB_OUTPUT_REPLACE : RESLIB_OUTPUT_NONE);
      if (!reslib_cli_run_cancellable (cli, export_work, job, error))
        return FALSE;
      n = reslib_review_log_export_job_get_n_rows (job);
      shown = reslib_cli_escape_path (output);
      g_print (ngettext ("%u review decision\n", "%u review decisions\n", n), n);
      g_print ("%s\n", shown);
      return TRUE;
    }

  log = reslib_store_list_review_log (store, project_id, error);
  if (log == NULL)
    return FALSE;
  print_log (log, json);

  return TRUE;
}
