/* reslib-rules-project.c — the rules on the project: its units, majors and dossier
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "reslib-labels.h"
#include "reslib-probe.h"
#include "reslib-validator-private.h"

/* ---------------------------------------------------------------------------------------------- */
/* Project and dossier                                                                             */

/**
 * reslib_credit_code_is_valid:
 * @code: an 18-character 统一社会信用代码
 *
 * Returns: whether @code has the form and check character of GB 32100-2015.
 */
gboolean
reslib_credit_code_is_valid (const char *code)
{
  static const char chars[] = "0123456789ABCDEFGHJKLMNPQRTUWXY";
  static const int weights[17] = { 1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28 };
  int sum = 0, check;

  if (code == NULL || strlen (code) != 18)
    return FALSE;
  for (guint i = 0; i < 18; i++)
    {
      const char *p = strchr (chars, code[i]);

      if (code[i] == '\0' || p == NULL)
        return FALSE;
      if (i >= 2 && i < 8 && !g_ascii_isdigit (code[i]))   /* administrative division code */
        return FALSE;
      if (i < 17)
        sum += (int) (p - chars) * weights[i];
    }
  check = 31 - sum % 31;
  if (check == 31)
    check = 0;

  return chars[check] == code[17];
}

/* One project leader (项目负责人): the dossier's cover and its leader table name one. The store refuses a
 * second one; a store that has two from before, or from packages merged, is reported here. */
static void
check_leader (Run *run)
{
  g_autoptr(GListModel) members = NULL;
  g_autoptr(GString) names = NULL;
  guint n = 0;

  if (RULE (run, "project.leader") == NULL)
    return;
  members = reslib_store_list (run->store, RESLIB_KIND_MEMBER, reslib_record_get_id (run->project), NULL);
  for (guint i = 0; members != NULL && i < g_list_model_get_n_items (members); i++)
    {
      g_autoptr(ReslibRecord) member = g_list_model_get_item (members, i);

      if (g_strcmp0 (reslib_record_get (member, "leader"), "yes") != 0)
        continue;
      if (names == NULL)
        names = g_string_new (NULL);
      else
        /* Translators: between the names of a list */
        g_string_append (names, _(", "));
      g_string_append (names, record_title (member));
      n++;
    }
  if (n > 1)
    add (run, "project.leader", run->project,
         _("Keep one project leader on the Units & Team page: unset the others"),
         ngettext ("%u team member is marked as the project leader (项目负责人), and a project has one: %s",
                   "%u team members are marked as the project leader (项目负责人), and a project has one: %s", n),
         n, names->str);
}

void
_reslib_rules_units (Run *run)
{
  const ReslibRule *count_rule = RULE (run, "project.hosts.count");
  const ReslibRule *kind_rule = RULE (run, "project.hosts.kind");
  const ReslibRule *part_rule = RULE (run, "project.participants.kind");
  const ReslibRule *code_rule = RULE (run, "unit.credit-code");
  const ReslibRule *decl_rule = RULE (run, "unit.declaration");
  g_autoptr(GListModel) declarations = reslib_store_list (run->store, RESLIB_KIND_DECLARATION,
                                                          reslib_record_get_id (run->project), NULL);
  g_autoptr(GHashTable) declared = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) ranks = g_hash_table_new (NULL, NULL);   /* rank → the first host with it */
  const ReslibRule *rank_rule = RULE (run, "project.hosts.rank");
  guint n_hosts = 0, n_first = 0;
  gint64 max_rank = 0;

  for (guint i = 0; declarations != NULL && i < g_list_model_get_n_items (declarations); i++)
    {
      g_autoptr(ReslibRecord) d = g_list_model_get_item (declarations, i);
      const char *kind = decl_rule != NULL && json_object_has_member (decl_rule->params, "kind")
                         ? json_object_get_string_member (decl_rule->params, "kind") : "ip";

      if (g_strcmp0 (reslib_record_get (d, "kind"), kind) == 0)
        g_hash_table_add (declared, (gpointer) g_intern_string (reslib_record_get (d, "unit_id")));
    }

  for (guint i = 0; i < g_list_model_get_n_items (run->units); i++)
    {
      g_autoptr(ReslibRecord) unit = g_list_model_get_item (run->units, i);
      const char *role = reslib_record_get (unit, "role");
      const char *kind = reslib_record_get (unit, "kind");
      const char *code = reslib_record_get (unit, "credit_code");
      gboolean host = g_strcmp0 (role, "host") == 0;

      if (host)
        {
          gint64 rank = reslib_record_get_int (unit, "host_rank", 0);

          n_hosts++;
          n_first += rank == 1;
          if (rank > 0 && rank <= 100)
            {
              ReslibRecord *same = g_hash_table_lookup (ranks, GINT_TO_POINTER ((int) rank));

              /* Two first hosts are project.hosts.first's */
              if (same != NULL && rank > 1 && rank_rule != NULL)
                add (run, "project.hosts.rank", unit, _("Give each host unit its own rank: 1, 2, 3"),
                     _("The host units “%s” and “%s” have the same host rank %d"), record_title (same),
                     record_title (unit), (int) rank);
              else if (same == NULL)
                g_hash_table_insert (ranks, GINT_TO_POINTER ((int) rank), unit);
              max_rank = MAX (max_rank, rank);
            }
          else if (rank_rule != NULL && rank != 0)
            add (run, "project.hosts.rank", unit, _("Give each host unit its own rank: 1, 2, 3"),
                 _("The host unit “%s” has the host rank %d, which is not a place in the order"), record_title (unit),
                 (int) rank);
          if (kind_rule != NULL && !reslib_rule_list_contains (kind_rule, "allowed", kind))
            add (run, "project.hosts.kind", unit,
                 _("Host units must be independently established vocational schools; make this unit a participant"),
                 _("The host unit “%s” is a %s, which may not host a library"), record_title (unit),
                 reslib_label_unit_kind (kind));
        }
      else
        {
          if (part_rule != NULL && !reslib_rule_list_contains (part_rule, "allowed", kind))
            add (run, "project.participants.kind", unit, _("Choose one of the kinds the profile allows for participants"),
                 _("The participating unit “%s” is a %s, which may not take part"), record_title (unit),
                 reslib_label_unit_kind (kind));
          if (rank_rule != NULL && !empty (reslib_record_get (unit, "host_rank")))
            add (run, "project.hosts.rank", unit,
                 _("Clear the host rank of the participating unit, or make it a host unit"),
                 _("The participating unit “%s” has a host rank (%s); only host units are ranked"), record_title (unit),
                 reslib_record_get (unit, "host_rank"));
        }

      if (code_rule != NULL)
        {
          if (empty (code) && reslib_rule_list_contains (code_rule, "required_for_roles", role))
            add (run, "unit.credit-code", unit, _("Enter the unit’s 18-character 统一社会信用代码"),
                 _("The unit “%s” has no unified social credit code"), record_title (unit));
          else if (!empty (code) && !reslib_credit_code_is_valid (code))
            add (run, "unit.credit-code", unit,
                 _("Check the code against the unit’s registration certificate: 18 characters, digits and capital letters without I, O, Z, S, V, with a check character at the end"),
                 _("“%s” is not a valid unified social credit code (unit “%s”)"), code, record_title (unit));
        }

      if (decl_rule != NULL && !g_hash_table_contains (declared, g_intern_string (reslib_record_get_id (unit))))
        add (run, "unit.declaration", unit,
             _("Record the unit’s signed declaration that its resources infringe no one’s rights and that it holds their copyright"),
             _("The unit “%s” has no intellectual-property declaration"), record_title (unit));
    }

  if (count_rule != NULL)
    {
      gint64 min = reslib_rule_int (count_rule, "min", 1), max = reslib_rule_int (count_rule, "max", 3);

      if (n_hosts < min || n_hosts > max)
        add (run, "project.hosts.count", run->project,
             n_hosts < min ? _("Add the host unit(s) on the Units & Team page") : _("Make the extra units participants"),
             _("The project has %u host units; it needs %d to %d"), n_hosts, (int) min, (int) max);
    }
  if (rank_rule != NULL && n_hosts > 1)
    {
      for (guint i = 0; i < g_list_model_get_n_items (run->units); i++)
        {
          g_autoptr(ReslibRecord) unit = g_list_model_get_item (run->units, i);

          if (g_strcmp0 (reslib_record_get (unit, "role"), "host") == 0 && reslib_record_get_int (unit, "host_rank", 0) == 0)
            add (run, "project.hosts.rank", unit, _("Give each host unit its own rank: 1, 2, 3"),
                 _("The host unit “%s” has no host rank"), record_title (unit));
        }
    }
  for (gint64 r = 2; rank_rule != NULL && r < max_rank; r++)
    if (!g_hash_table_contains (ranks, GINT_TO_POINTER ((int) r)))
      {
        add (run, "project.hosts.rank", run->project, _("Give each host unit its own rank: 1, 2, 3"),
             _("No host unit has the host rank %d, but one has the rank %d: the ranks have a gap"), (int) r,
             (int) max_rank);
        break;
      }

  if (RULE (run, "project.hosts.first") != NULL && n_hosts > 0 && n_first != 1)
    add (run, "project.hosts.first", run->project, _("Give exactly one host unit the host rank 1"),
         n_first == 0 ? _("No host unit is marked as the first host (第一主持单位)")
                      : _("More than one host unit is marked as the first host (第一主持单位)"));

  check_leader (run);
}

/* The levels of the 2021 catalogue a code's first digit names (the profile's "level_prefixes"): @level's
 * list, or any level's when @level is NULL. */
static gboolean
code_has_level (const ReslibRule *rule,
                const char       *level,
                const char       *code)
{
  JsonObject *prefixes = json_object_get_object_member (rule->params, "level_prefixes");
  g_autoptr(GList) levels = json_object_get_members (prefixes);
  char first[2] = { code[0], '\0' };

  for (GList *l = levels; l != NULL; l = l->next)
    if ((level == NULL || g_str_equal (level, l->data)) &&
        list_contains (json_object_get_array_member (prefixes, l->data), first))
      return TRUE;

  return FALSE;
}

void
_reslib_rules_majors (Run *run)
{
  const ReslibRule *core_rule = RULE (run, "project.majors.core");
  const ReslibRule *served_rule = RULE (run, "project.majors.served");
  const ReslibRule *code_rule = RULE (run, "project.majors.code");
  const char *level = reslib_record_get (run->project, "level");
  g_autoptr(GRegex) pattern = NULL;
  g_autofree char *core_name = NULL;
  g_autofree char *core_code = NULL;
  guint n_core = 0, n_served = 0;

  if (code_rule != NULL && json_object_has_member (code_rule->params, "pattern"))
    pattern = g_regex_new (json_object_get_string_member (code_rule->params, "pattern"), 0, 0, NULL);

  for (guint i = 0; i < g_list_model_get_n_items (run->majors); i++)
    {
      g_autoptr(ReslibRecord) major = g_list_model_get_item (run->majors, i);
      const char *code = reslib_record_get (major, "code");
      gboolean core = g_strcmp0 (reslib_record_get (major, "role"), "core") == 0;

      if (core)
        {
          n_core++;
          g_free (core_name);
          g_free (core_code);
          core_name = g_strstrip (g_strdup (reslib_record_get (major, "name")));
          core_code = g_strstrip (g_strdup (code));
        }
      else
        n_served++;
      if (pattern != NULL && !g_regex_match (pattern, code, 0, NULL))
        add (run, "project.majors.code", major,
             _("Use the six-digit code of the 2021 vocational education major catalogue"),
             _("The major code “%s” (%s) does not have the catalogue’s form"), code, reslib_record_get (major, "name"));
      else if (code_rule != NULL && json_object_has_member (code_rule->params, "level_prefixes") && !empty (code))
        {
          /* The core major is of the project's level; a served major of any level of the catalogue */
          if (!code_has_level (code_rule, NULL, code))
            add (run, "project.majors.code", major,
                 _("Check the code in the 2021 catalogue: 中职 codes begin with 6 or 7, 高职专科 codes with 4 or 5, 职业本科 codes with 2 or 3"),
                 _("The major code “%s” (%s) is of no level of the 2021 catalogue"), code,
                 reslib_record_get (major, "name"));
          else if (core && !empty (level) && !code_has_level (code_rule, level, code))
            add (run, "project.majors.code", major,
                 _("Check the code in the 2021 catalogue, or the project’s level on the Dossier page: 中职 codes begin with 6 or 7, 高职专科 codes with 4 or 5, 职业本科 codes with 2 or 3"),
                 _("The core major code “%s” (%s) is not of the project’s level (%s)"), code,
                 reslib_record_get (major, "name"), reslib_label_project_level (level));
        }
    }

  if (core_rule != NULL && n_core != (guint) reslib_rule_int (core_rule, "count", 1))
    add (run, "project.majors.core", run->project, _("Set the one core major of the project"),
         _("The project has %u core majors; it needs exactly %d"), n_core,
         (int) reslib_rule_int (core_rule, "count", 1));
  if (served_rule != NULL && n_served > (guint) reslib_rule_int (served_rule, "max", 5))
    add (run, "project.majors.served", run->project, _("Remove the served majors beyond the limit"),
         _("The project has %u served majors; at most %d are allowed"), n_served,
         (int) reslib_rule_int (served_rule, "max", 5));

  /* By name and by code: the same major under another name, or another code under the same name */
  if (RULE (run, "project.majors.distinct") != NULL && n_core > 0)
    for (guint i = 0; i < g_list_model_get_n_items (run->majors); i++)
      {
        g_autoptr(ReslibRecord) major = g_list_model_get_item (run->majors, i);

        if (g_strcmp0 (reslib_record_get (major, "role"), "served") != 0)
          continue;
        g_autofree char *name = g_strstrip (g_strdup (reslib_record_get (major, "name")));
        g_autofree char *code = g_strstrip (g_strdup (reslib_record_get (major, "code")));

        if (g_strcmp0 (name, core_name) == 0)
          add (run, "project.majors.distinct", major, _("Remove it: the core major is not also a served major"),
               _("The served major “%s” repeats the core major"), core_name);
        else if (!empty (core_code) && g_strcmp0 (code, core_code) == 0)
          add (run, "project.majors.distinct", major, _("Remove it: the core major is not also a served major"),
               _("The served major “%s” has the code of the core major “%s” (%s)"), record_title (major), core_name,
               core_code);
      }
}

void
_reslib_rules_dossier (Run *run)
{
  const ReslibRule *required = RULE (run, "project.dossier.required");
  const ReslibRule *period = RULE (run, "project.period");
  const ReslibRule *chain = RULE (run, "project.industry-chain");
  const char *start = reslib_record_get (run->project, "start_date");
  const char *end = reslib_record_get (run->project, "end_date");

  if (required != NULL && json_object_has_member (required->params, "fields"))
    {
      JsonArray *fields = json_object_get_array_member (required->params, "fields");

      for (guint i = 0; i < json_array_get_length (fields); i++)
        {
          const char *field = json_array_get_string_element (fields, i);

          if (empty (reslib_record_get (run->project, field)))
            {
              /* Translators: the field's name as shown on the Dossier page. The CLI adds its command to the hint. */
              add (run, "project.dossier.required", run->project, _("Fill it in on the Dossier page"),
                   _("The dossier field “%s” is empty"), reslib_label_project_field (field));
              in_field (run, field);
            }
        }
    }

  if (period != NULL && !empty (start) && !empty (end))
    {
      GDate s, e;

      if (reslib_parse_date (start, &s) && reslib_parse_date (end, &e))
        {
          gint64 months = reslib_rule_int (period, "months", 12);
          gboolean day_before = reslib_rule_list_contains (period, "end_forms", "day-before");
          gboolean anniversary = reslib_rule_list_contains (period, "end_forms", "anniversary") ||
                                 !json_object_has_member (period->params, "end_forms");
          GDate expected = s, before;
          char expected_text[16], before_text[16];

          g_date_add_months (&expected, (guint) months);
          before = expected;
          g_date_subtract_days (&before, 1);
          g_date_strftime (expected_text, sizeof expected_text, "%Y-%m-%d", &expected);
          g_date_strftime (before_text, sizeof before_text, "%Y-%m-%d", &before);
          if (g_date_compare (&e, &s) <= 0)
            add (run, "project.period", run->project, _("Set an end date after the start date"),
                 _("The build period ends (%s) before it starts (%s)"), end, start);
          else if (!(anniversary && g_date_compare (&e, &expected) == 0) &&
                   !(day_before && g_date_compare (&e, &before) == 0))
            {
              if (day_before && anniversary)
                add (run, "project.period", run->project,
                     _("Set the end date to the day before the anniversary of the start, as Chinese documents write a year, or to the anniversary"),
                     _("The build period %s – %s is not %d months: it should end on %s (or %s)"), start, end,
                     (int) months, before_text, expected_text);
              else
                add (run, "project.period", run->project,
                     _("Set the end date to the start date plus the build period"),
                     _("The build period %s – %s is not %d months: it should end on %s"), start, end,
                     (int) months, day_before ? before_text : expected_text);
            }
        }
    }

  /* 对接产业/领域: a chain, a field of the plan or free text, none of them wrong; free text is noted (at the
   * profile's severity, info in the Henan profile) for its spelling to be checked */
  if (chain != NULL && !empty (reslib_record_get (run->project, "industry_chain")))
    {
      const char *value = reslib_record_get (run->project, "industry_chain");

      if (reslib_profile_classify_industry (run->profile, value, NULL) == RESLIB_INDUSTRY_OTHER)
        add (run, "project.industry-chain", run->project,
             _("Nothing to do if it is right: a chain of the 7+28+N list or a priority field of the plan is chosen from the list"),
             _("The industry or field “%s” is in none of the profile’s lists (7+28+N chains, the plan’s priority fields)"),
             value);
    }
}

/* The parts of the dossier and the reports that the report shows as missing (“（未填写）”): no team
 * members, a member without title or duty, no courses, no milestones, a milestone without its due date,
 * no budget lines (project.dossier.required), and for progress and acceptance packages no baseline of
 * the yearly update rate (project.upkeep.rate). They are warnings at most: the report can be written
 * without them, and they do not block a package. */
static void
add_missing (Run          *run,
             const char   *rule_id,
             ReslibRecord *subject,
             const char   *hint,
             const char   *message)
{
  add (run, rule_id, subject, hint, "%s", message);
  demote_last (run);
}

void
_reslib_rules_dossier_sections (Run *run)
{
  const char *project_id = reslib_record_get_id (run->project);
  g_autoptr(GListModel) members = NULL;
  g_autoptr(GListModel) milestones = NULL;

  if (RULE (run, "project.dossier.required") == NULL)
    return;

  members = reslib_store_list (run->store, RESLIB_KIND_MEMBER, project_id, NULL);
  if (members != NULL && g_list_model_get_n_items (members) == 0)
    add_missing (run, "project.dossier.required", run->project, _("Add the team members on the Units & Team page"),
                 _("The dossier has no team members"));
  for (guint i = 0; members != NULL && i < g_list_model_get_n_items (members); i++)
    {
      g_autoptr(ReslibRecord) member = g_list_model_get_item (members, i);
      g_autofree char *message = NULL;

      if (empty (reslib_record_get (member, "title")))
        message = g_strdup_printf (_("The team member “%s” has no title"), record_title (member));
      else if (empty (reslib_record_get (member, "duty")))
        message = g_strdup_printf (_("The team member “%s” has no duty in the project"), record_title (member));
      if (message != NULL)
        add_missing (run, "project.dossier.required", member,
                     _("Fill in the member’s title and duty on the Units & Team page"), message);
    }

  if (g_list_model_get_n_items (run->courses) == 0)
    add_missing (run, "project.dossier.required", run->project, _("Add the courses on the Courses page"),
                 _("The dossier has no courses"));

  milestones = reslib_store_list (run->store, RESLIB_KIND_MILESTONE, project_id, NULL);
  if (milestones != NULL && g_list_model_get_n_items (milestones) == 0)
    add_missing (run, "project.dossier.required", run->project, _("Add the milestones of the build plan on the Dossier page"),
                 _("The dossier has no milestones"));
  for (guint i = 0; milestones != NULL && i < g_list_model_get_n_items (milestones); i++)
    {
      g_autoptr(ReslibRecord) milestone = g_list_model_get_item (milestones, i);

      if (empty (reslib_record_get (milestone, "due_date")))
        {
          g_autofree char *message = g_strdup_printf (_("The milestone “%s” has no due date"), record_title (milestone));

          add_missing (run, "project.dossier.required", milestone,
                       _("Set the milestone’s due date on the Dossier page"), message);
        }
    }

  if (reslib_store_count (run->store, RESLIB_KIND_BUDGET_LINE, project_id, NULL) == 0)
    add_missing (run, "project.dossier.required", run->project, _("Add the budget lines on the Dossier page"),
                 _("The dossier has no budget lines"));

  /* The reports the yearly update rate goes into (the profile's package kinds: progress reports, made
   * each year after acceptance) need its baseline. */
  if (run->package_kind != NULL &&
      reslib_rule_list_contains (RULE (run, "project.upkeep.rate"), "package_kinds", run->package_kind) &&
      (empty (reslib_record_get (run->project, "baseline_date")) ||
       reslib_record_get_int (run->project, "baseline_count", 0) <= 0))
    add_missing (run, "project.upkeep.rate", run->project,
                 _("Set the baseline date and the baseline count of resources on the Dossier page"),
                 _("The yearly update rate cannot be reported: the baseline is not set"));
}
