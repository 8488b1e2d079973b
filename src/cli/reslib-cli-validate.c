/* reslib-cli-validate.c — `reslib validate`
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "reslib-cli.h"
#include "reslib-store-checks.h"

static const char *
severity_heading (ReslibSeverity severity)
{
  switch (severity)
    {
    case RESLIB_SEVERITY_ERROR: return _("Errors");
    case RESLIB_SEVERITY_WARNING: return _("Warnings");
    case RESLIB_SEVERITY_INFO: return _("Notes");
    default: g_return_val_if_reached ("");
    }
}

static void
print_findings (GListModel    *findings,
                ReslibProfile *profile,
                gboolean       json)
{
  guint n_errors = reslib_findings_count (findings, RESLIB_SEVERITY_ERROR);
  guint n_warnings = reslib_findings_count (findings, RESLIB_SEVERITY_WARNING);
  guint n_infos = reslib_findings_count (findings, RESLIB_SEVERITY_INFO);
  g_autoptr(GString) out = g_string_new (NULL);
  g_autofree char *errors = NULL;
  g_autofree char *warnings = NULL;
  g_autofree char *infos = NULL;
  g_autoptr(GPtrArray) rules = reslib_profile_list_rules (profile);
  gboolean unchecked = FALSE;
  int last = -1;

  /* A project may have hundreds of thousands of findings: they are written as they are made, a few at a
   * time, and never all held as text or JSON. */
  if (json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();
      g_autoptr(JsonNode) profile_id = json_node_new (JSON_NODE_VALUE);
      g_autoptr(JsonNode) unchecked_rules = NULL;

      json_node_set_string (profile_id, reslib_profile_get_id (profile));
      g_string_append (out, "{\n  \"profile\" : ");
      reslib_cli_append_json (out, profile_id, FALSE);
      g_string_append_printf (out, ",\n  \"errors\" : %u,\n  \"warnings\" : %u,\n  \"infos\" : %u,\n  \"findings\" : [",
                              n_errors, n_warnings, n_infos);
      for (guint i = 0; i < g_list_model_get_n_items (findings); i++)
        {
          g_autoptr(ReslibFinding) f = g_list_model_get_item (findings, i);
          g_autoptr(JsonNode) node = reslib_finding_to_json (f);

          g_string_append (out, i > 0 ? ",\n    " : "\n    ");
          reslib_cli_append_json (out, node, FALSE);
          if (out->len > 64 * 1024)
            {
              reslib_cli_write (out);
              g_string_truncate (out, 0);
            }
        }
      g_string_append (out, g_list_model_get_n_items (findings) > 0 ? "\n  ],\n  \"unchecked\" : " : "],\n  \"unchecked\" : ");
      json_builder_begin_array (b);
      for (guint i = 0; i < rules->len; i++)
        {
          const ReslibRule *rule = g_ptr_array_index (rules, i);

          if (rule->unchecked == NULL)
            continue;
          json_builder_begin_object (b);
          json_builder_set_member_name (b, "rule");
          json_builder_add_string_value (b, rule->id);
          json_builder_set_member_name (b, "text");
          json_builder_add_string_value (b, rule->unchecked);
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
      unchecked_rules = json_builder_get_root (b);
      reslib_cli_append_json (out, unchecked_rules, FALSE);
      g_string_append (out, "\n}\n");
      reslib_cli_write (out);
      return;
    }

  for (guint i = 0; i < g_list_model_get_n_items (findings); i++)
    {
      g_autoptr(ReslibFinding) f = g_list_model_get_item (findings, i);
      g_autoptr(GPtrArray) pool = g_ptr_array_new_with_free_func (g_free);
      ReslibSeverity severity = reslib_finding_get_severity (f);
      g_autofree char *id = reslib_cli_short_id (reslib_finding_get_subject_id (f));

      if ((int) severity != last)
        {
          guint n = severity == RESLIB_SEVERITY_ERROR ? n_errors : severity == RESLIB_SEVERITY_WARNING ? n_warnings : n_infos;
          if (last >= 0)
            g_string_append_c (out, '\n');
          /* Translators: a heading of `reslib validate`: "Errors (3)" */
          g_string_append_printf (out, _("%s (%u)"), severity_heading (severity), n);
          g_string_append_c (out, '\n');
          last = (int) severity;
        }
      const ReslibEntity *entity = reslib_entity_lookup (reslib_finding_get_subject_kind (f));

      g_string_append_printf (out, "  %s  %s %s “%s”\n    %s\n    → %s\n", reslib_cli_escape_in (pool, reslib_finding_get_rule (f)),
                              entity != NULL ? reslib_kind_to_display (entity->kind)
                                             : reslib_cli_escape_in (pool, reslib_finding_get_subject_kind (f)),
                              reslib_cli_escape_in (pool, id), reslib_cli_escape_in (pool, reslib_finding_get_subject_title (f)),
                              reslib_cli_escape_in (pool, reslib_finding_get_message (f)),
                              reslib_cli_escape_in (pool, reslib_finding_get_hint (f)));
      /* The findings' hints are the app's words; where a finding is about one field of the project, the
       * command that fills it in goes with them, ready to be completed. */
      if (g_strcmp0 (reslib_finding_get_rule (f), "project.dossier.required") == 0 &&
          g_strcmp0 (reslib_finding_get_subject_kind (f), "project") == 0 &&
          reslib_finding_get_field (f) != NULL)
        {
          /* Translators: the value part of "reslib project set PROJECT contact_name=…", under a finding of
           * `reslib validate`; the field's id itself is not translated */
          g_autofree char *value = g_strdup (_("VALUE"));

          g_string_append_printf (out, "    → reslib project set %s %s=%s\n", reslib_cli_escape_in (pool, id),
                                  reslib_finding_get_field (f), value);
        }
      if (out->len > 64 * 1024)
        {
          reslib_cli_write (out);
          g_string_truncate (out, 0);
        }
    }
  if (g_list_model_get_n_items (findings) > 0)
    g_string_append_c (out, '\n');
  /* What the profile's rules say they do not check: a check that passed did not look at it */
  for (guint i = 0; i < rules->len; i++)
    {
      const ReslibRule *rule = g_ptr_array_index (rules, i);
      g_autoptr(GPtrArray) pool = g_ptr_array_new_with_free_func (g_free);

      if (rule->unchecked == NULL)
        continue;
      if (!unchecked)
        /* Translators: a heading of `reslib validate`, over what the rules do not check */
        g_string_append_printf (out, "%s\n", _("Not checked:"));
      unchecked = TRUE;
      g_string_append_printf (out, "  %s  %s\n", reslib_cli_escape_in (pool, rule->id),
                              reslib_cli_escape_in (pool, rule->unchecked));
    }
  if (unchecked)
    g_string_append_c (out, '\n');
  errors = g_strdup_printf (ngettext ("%u error", "%u errors", n_errors), n_errors);
  warnings = g_strdup_printf (ngettext ("%u warning", "%u warnings", n_warnings), n_warnings);
  infos = g_strdup_printf (ngettext ("%u note", "%u notes", n_infos), n_infos);
  /* Translators: the summary of a check: counts of errors, warnings and notes, then the profile's id. */
  g_string_append_printf (out, _("%s, %s, %s (profile %s)\n"), errors, warnings, infos, reslib_profile_get_id (profile));
  reslib_cli_write (out);
}

static gboolean
export_work (gpointer       data,
             GCancellable  *cancellable,
             GError       **error)
{
  return reslib_job_run (RESLIB_JOB (data), cancellable, error);
}

/* The format of the findings' file: --format's, else the extension's. */
static gboolean
findings_format (const char         *format,
                 const char         *output,
                 ReslibSheetFormat  *out,
                 GError            **error)
{
  if (format != NULL)
    {
      if (g_str_equal (format, "xlsx"))
        *out = RESLIB_SHEET_FORMAT_XLSX;
      else if (g_str_equal (format, "csv"))
        *out = RESLIB_SHEET_FORMAT_CSV;
      else
        {
          reslib_cli_usage_error (error, _("“%s” is not a format of the findings: use xlsx or csv"), format);
          return FALSE;
        }
      return TRUE;
    }
  if (!reslib_sheet_format_for_path (output, out))
    {
      reslib_cli_usage_error (error, _("The findings are written as .xlsx or .csv: give -o a file name ending in one "
                                       "of them, or say --format"));
      return FALSE;
    }

  return TRUE;
}

gboolean
reslib_cli_validate (ReslibCli  *cli,
                     int         variant,
                     char      **args,
                     GError    **error)
{
  g_autoptr(ReslibValidator) validator = NULL;
  g_autoptr(ReslibProber) prober = NULL;
  g_autoptr(GListModel) findings = NULL;
  g_autoptr(ReslibProfile) profile = NULL;
  g_autofree char *project_id = NULL;
  g_autofree char *profile_path = NULL;
  g_autofree char *package = NULL;
  g_autofree char *output = NULL;
  g_autofree char *format = NULL;
  gboolean json = FALSE;
  gboolean force = FALSE;
  ReslibSheetFormat sheet_format = RESLIB_SHEET_FORMAT_XLSX;
  ReslibStore *store;
  const GOptionEntry entries[] = {
    { "profile", 0, 0, G_OPTION_ARG_FILENAME, &profile_path, N_("Check against this rule profile instead of the built-in one"),
      N_("FILE") },
    { "package", 0, 0, G_OPTION_ARG_STRING, &package,
      N_("Also apply the rules for a package of this kind (application, progress, acceptance, contribution)"), N_("KIND") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print the findings as JSON"), NULL },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output,
      N_("Write the findings to FILE (.xlsx or .csv: the extension says the format) and print only the counts"),
      N_("FILE") },
    { "format", 0, 0, G_OPTION_ARG_STRING, &format, N_("The format of -o's file whatever its extension: xlsx or csv"),
      N_("FORMAT") },
    { "force", 0, 0, G_OPTION_ARG_NONE, &force, N_("Replace the output file when it exists"), NULL },
    { NULL }
  };

  if (!reslib_cli_parse (cli, entries, N_("PROJECT"),
                         N_("Checks a project against the province’s rules; exits with 1 when an error is found."),
                         &args, error) ||
      !reslib_cli_check_args (cli, args, 1, 1, "PROJECT", error))
    return FALSE;
  if (package != NULL && !g_strv_contains (reslib_package_kinds, package))
    {
      g_autofree char *kinds = g_strjoinv (", ", (char **) reslib_package_kinds);
      reslib_cli_usage_error (error, _("“%s” is not a package kind: use one of %s"), package, kinds);
      return FALSE;
    }

  if (output == NULL && format != NULL)
    {
      reslib_cli_usage_error (error, _("--format says the format of -o's file: give -o FILE too"));
      return FALSE;
    }
  if (output != NULL && json)
    {
      reslib_cli_usage_error (error, _("--json prints the findings, -o writes them to a file: give one of them"));
      return FALSE;
    }
  if (output != NULL && !findings_format (format, output, &sheet_format, error))
    return FALSE;

  profile = reslib_profile_load (profile_path, error);
  if (profile == NULL)
    return FALSE;
  store = reslib_cli_get_store (cli, error);
  if (store == NULL ||
      (output != NULL && !reslib_cli_check_output (store, output, force, error)) ||
      (project_id = reslib_store_resolve (store, RESLIB_KIND_PROJECT, args[1], NULL, error)) == NULL)
    return FALSE;

  /* Media facts are cached per file; probe what is new first. */
  prober = reslib_prober_new (store, project_id);
  if (!reslib_job_run (RESLIB_JOB (prober), NULL, error))
    return FALSE;
  validator = reslib_validator_new (store, project_id, profile);
  reslib_validator_set_package_kind (validator, package);
  if (!reslib_job_run (RESLIB_JOB (validator), NULL, error))
    return FALSE;
  findings = g_object_ref (reslib_validator_get_findings (validator));
  /* The app's Checks and Overview pages show the last run, wherever it was made; a store that cannot be
   * written is checked all the same. */
  if (!reslib_store_is_read_only (store) && !reslib_store_record_check (store, project_id, profile, findings, error))
    return FALSE;

  if (output != NULL)
    {
      g_autoptr(ReslibFindingsExportJob) job = reslib_findings_export_job_new (store, findings, output, sheet_format);
      g_autofree char *shown = NULL;
      g_autofree char *errors = NULL;
      g_autofree char *warnings = NULL;
      g_autofree char *infos = NULL;
      guint n_errors = reslib_findings_count (findings, RESLIB_SEVERITY_ERROR);
      guint n_warnings = reslib_findings_count (findings, RESLIB_SEVERITY_WARNING);
      guint n_infos = reslib_findings_count (findings, RESLIB_SEVERITY_INFO);

      /* Written next to the destination and renamed when complete: a failure or a signal leaves nothing. */
      reslib_findings_export_job_set_flags (job, force ? RESLIB_OUTPUT_REPLACE : RESLIB_OUTPUT_NONE);
      if (!reslib_cli_run_cancellable (cli, export_work, job, error))
        return FALSE;
      shown = reslib_cli_escape_path (output);
      errors = g_strdup_printf (ngettext ("%u error", "%u errors", n_errors), n_errors);
      warnings = g_strdup_printf (ngettext ("%u warning", "%u warnings", n_warnings), n_warnings);
      infos = g_strdup_printf (ngettext ("%u note", "%u notes", n_infos), n_infos);
      g_print (_("%s, %s, %s (profile %s)\n"), errors, warnings, infos, reslib_profile_get_id (profile));
      g_print ("%s\n", shown);
    }
  else
    print_findings (findings, profile, json);
  if (reslib_findings_count (findings, RESLIB_SEVERITY_ERROR) > 0)
    cli->status = RESLIB_EXIT_CHECKS;

  return TRUE;
}
