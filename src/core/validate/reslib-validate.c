/* reslib-validate.c — every check of DESIGN §4, driven by a rule profile
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "reslib-array-model.h"
#include "reslib-error.h"
#include "reslib-labels.h"
#include "reslib-probe.h"
#include "reslib-validate.h"

/* ---------------------------------------------------------------------------------------------- */
/* Findings                                                                                        */

/* A project can have hundreds of thousands of findings: the rule (interned),
 * the subject kind and the hint (translated literals) are not copied. */
struct _ReslibFinding
{
  GObject         parent_instance;

  const char     *rule;
  ReslibSeverity  severity;
  const char     *subject_kind;
  char           *subject_id;
  char           *subject_title;
  char           *message;
  const char     *hint;
};

G_DEFINE_FINAL_TYPE (ReslibFinding, reslib_finding, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_RULE,
  PROP_SEVERITY,
  PROP_SEVERITY_NAME,
  PROP_SUBJECT_KIND,
  PROP_SUBJECT_ID,
  PROP_SUBJECT_TITLE,
  PROP_MESSAGE,
  PROP_HINT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
reslib_finding_finalize (GObject *object)
{
  ReslibFinding *self = RESLIB_FINDING (object);

  g_free (self->subject_id);
  g_free (self->subject_title);
  g_free (self->message);

  G_OBJECT_CLASS (reslib_finding_parent_class)->finalize (object);
}

static void
reslib_finding_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  ReslibFinding *self = RESLIB_FINDING (object);

  switch (prop_id)
    {
    case PROP_RULE: g_value_set_string (value, self->rule); break;
    case PROP_SEVERITY: g_value_set_int (value, self->severity); break;
    case PROP_SEVERITY_NAME: g_value_set_string (value, reslib_severity_to_string (self->severity)); break;
    case PROP_SUBJECT_KIND: g_value_set_string (value, self->subject_kind); break;
    case PROP_SUBJECT_ID: g_value_set_string (value, self->subject_id); break;
    case PROP_SUBJECT_TITLE: g_value_set_string (value, self->subject_title); break;
    case PROP_MESSAGE: g_value_set_string (value, self->message); break;
    case PROP_HINT: g_value_set_string (value, self->hint); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
reslib_finding_class_init (ReslibFindingClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

  object_class->finalize = reslib_finding_finalize;
  object_class->get_property = reslib_finding_get_property;

  properties[PROP_RULE] = g_param_spec_string ("rule", NULL, NULL, NULL, flags);
  properties[PROP_SEVERITY] = g_param_spec_int ("severity", NULL, NULL, 0, 2, 0, flags);
  properties[PROP_SEVERITY_NAME] = g_param_spec_string ("severity-name", NULL, NULL, NULL, flags);
  properties[PROP_SUBJECT_KIND] = g_param_spec_string ("subject-kind", NULL, NULL, NULL, flags);
  properties[PROP_SUBJECT_ID] = g_param_spec_string ("subject-id", NULL, NULL, NULL, flags);
  properties[PROP_SUBJECT_TITLE] = g_param_spec_string ("subject-title", NULL, NULL, NULL, flags);
  properties[PROP_MESSAGE] = g_param_spec_string ("message", NULL, NULL, NULL, flags);
  properties[PROP_HINT] = g_param_spec_string ("hint", NULL, NULL, NULL, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
reslib_finding_init (ReslibFinding *self)
{
}

const char *reslib_finding_get_rule (ReslibFinding *self) { return self->rule; }
ReslibSeverity reslib_finding_get_severity (ReslibFinding *self) { return self->severity; }
const char *reslib_finding_get_subject_kind (ReslibFinding *self) { return self->subject_kind; }
const char *reslib_finding_get_subject_id (ReslibFinding *self) { return self->subject_id; }
const char *reslib_finding_get_subject_title (ReslibFinding *self) { return self->subject_title; }
const char *reslib_finding_get_message (ReslibFinding *self) { return self->message; }
const char *reslib_finding_get_hint (ReslibFinding *self) { return self->hint; }

JsonNode *
reslib_finding_to_json (ReslibFinding *self)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "rule");
  json_builder_add_string_value (b, self->rule);
  json_builder_set_member_name (b, "severity");
  json_builder_add_string_value (b, reslib_severity_to_string (self->severity));
  json_builder_set_member_name (b, "subject");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "kind");
  json_builder_add_string_value (b, self->subject_kind);
  json_builder_set_member_name (b, "id");
  json_builder_add_string_value (b, self->subject_id);
  json_builder_set_member_name (b, "title");
  json_builder_add_string_value (b, self->subject_title);
  json_builder_end_object (b);
  json_builder_set_member_name (b, "message");
  json_builder_add_string_value (b, self->message);
  json_builder_set_member_name (b, "hint");
  json_builder_add_string_value (b, self->hint);
  json_builder_end_object (b);

  return json_builder_get_root (b);
}

guint
reslib_findings_count (GListModel     *findings,
                       ReslibSeverity  severity)
{
  guint n = 0;

  for (guint i = 0; i < g_list_model_get_n_items (findings); i++)
    {
      g_autoptr(ReslibFinding) f = g_list_model_get_item (findings, i);
      n += f->severity == severity;
    }

  return n;
}

/* ---------------------------------------------------------------------------------------------- */
/* The run                                                                                         */

typedef struct
{
  ReslibStore   *store;
  ReslibProfile *profile;
  const char    *package_kind;
  ReslibRecord  *project;
  GListModel    *majors;
  GListModel    *units;
  GListModel    *courses;
  GListModel    *resources;
  GHashTable    *nodes;          /* id → ReslibRecord (node) */
  GHashTable    *node_uses;      /* node id → count of resources linked */
  GHashTable    *unit_ids;       /* unit id → ReslibRecord */
  GHashTable    *probes;         /* sha256 → ReslibProbeInfo */
  GPtrArray     *findings;
} Run;

static void add (Run *run, const char *rule_id, ReslibRecord *subject, const char *hint, const char *format, ...)
  G_GNUC_PRINTF (5, 6);

static const char *
record_title (ReslibRecord *record)
{
  const ReslibEntity *entity = reslib_record_get_entity (record);

  if (reslib_entity_find_field (entity, "title") != NULL && reslib_record_get (record, "title") != NULL)
    return reslib_record_get (record, "title");
  if (reslib_entity_find_field (entity, "name") != NULL && reslib_record_get (record, "name") != NULL)
    return reslib_record_get (record, "name");

  return reslib_record_get_id (record);
}

static void
add (Run          *run,
     const char   *rule_id,
     ReslibRecord *subject,
     const char   *hint,
     const char   *format,
     ...)
{
  const ReslibRule *rule = reslib_profile_get_rule (run->profile, rule_id);
  ReslibFinding *f;
  va_list args;

  g_assert (rule != NULL);

  f = g_object_new (RESLIB_TYPE_FINDING, NULL);
  f->rule = g_intern_string (rule_id);
  f->severity = rule->severity;
  f->subject_kind = reslib_entity_get (reslib_record_get_kind (subject))->name;
  f->subject_id = g_strdup (reslib_record_get_id (subject));
  f->subject_title = g_strdup (record_title (subject));
  va_start (args, format);
  f->message = g_strdup_vprintf (format, args);
  va_end (args);
  f->hint = hint;
  g_ptr_array_add (run->findings, f);
}

/* Whether a rule is on (present in the profile). */
#define RULE(run, id) reslib_profile_get_rule ((run)->profile, id)

static gboolean
empty (const char *s)
{
  return s == NULL || *s == '\0';
}

static gboolean
list_contains (JsonArray  *array,
               const char *value)
{
  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    if (g_strcmp0 (json_array_get_string_element (array, i), value) == 0)
      return TRUE;

  return FALSE;
}

static char *
join_array (JsonArray *array)
{
  g_autoptr(GString) s = g_string_new (NULL);

  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);

      if (i > 0)
        g_string_append (s, ", ");
      if (json_node_get_value_type (node) == G_TYPE_STRING)
        g_string_append (s, json_node_get_string (node));
      else
        g_string_append_printf (s, "%" G_GINT64_FORMAT, json_node_get_int (node));
    }

  return g_string_free (g_steal_pointer (&s), FALSE);
}

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

static void
check_units (Run *run)
{
  const ReslibRule *count_rule = RULE (run, "project.hosts.count");
  const ReslibRule *kind_rule = RULE (run, "project.hosts.kind");
  const ReslibRule *part_rule = RULE (run, "project.participants.kind");
  const ReslibRule *code_rule = RULE (run, "unit.credit-code");
  const ReslibRule *decl_rule = RULE (run, "unit.declaration");
  g_autoptr(GListModel) declarations = reslib_store_list (run->store, RESLIB_KIND_DECLARATION,
                                                          reslib_record_get_id (run->project), NULL);
  g_autoptr(GHashTable) declared = g_hash_table_new (g_str_hash, g_str_equal);
  guint n_hosts = 0, n_first = 0;

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
          n_hosts++;
          n_first += reslib_record_get_int (unit, "host_rank", 0) == 1;
          if (kind_rule != NULL && !reslib_rule_list_contains (kind_rule, "allowed", kind))
            add (run, "project.hosts.kind", unit,
                 _("Host units must be independently established vocational schools; make this unit a participant"),
                 _("The host unit “%s” is a %s, which may not host a library"), record_title (unit),
                 reslib_label_unit_kind (kind));
        }
      else if (part_rule != NULL && !reslib_rule_list_contains (part_rule, "allowed", kind))
        add (run, "project.participants.kind", unit, _("Choose one of the kinds the profile allows for participants"),
             _("The participating unit “%s” is a %s, which may not take part"), record_title (unit),
             reslib_label_unit_kind (kind));

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
             n_hosts < min ? _("Add the host unit(s) on the Units page") : _("Make the extra units participants"),
             _("The project has %u host units; it needs %d to %d"), n_hosts, (int) min, (int) max);
    }
  if (RULE (run, "project.hosts.first") != NULL && n_hosts > 0 && n_first != 1)
    add (run, "project.hosts.first", run->project, _("Give exactly one host unit the host rank 1"),
         n_first == 0 ? _("No host unit is marked as the first host (第一主持单位)")
                      : _("More than one host unit is marked as the first host (第一主持单位)"));
}

static void
check_majors (Run *run)
{
  const ReslibRule *core_rule = RULE (run, "project.majors.core");
  const ReslibRule *served_rule = RULE (run, "project.majors.served");
  const ReslibRule *code_rule = RULE (run, "project.majors.code");
  g_autoptr(GRegex) pattern = NULL;
  const char *core_name = NULL;
  guint n_core = 0, n_served = 0;

  if (code_rule != NULL && json_object_has_member (code_rule->params, "pattern"))
    pattern = g_regex_new (json_object_get_string_member (code_rule->params, "pattern"), 0, 0, NULL);

  for (guint i = 0; i < g_list_model_get_n_items (run->majors); i++)
    {
      g_autoptr(ReslibRecord) major = g_list_model_get_item (run->majors, i);
      const char *code = reslib_record_get (major, "code");

      if (g_strcmp0 (reslib_record_get (major, "role"), "core") == 0)
        {
          n_core++;
          core_name = reslib_record_get (major, "name");
        }
      else
        n_served++;
      if (pattern != NULL && !g_regex_match (pattern, code, 0, NULL))
        add (run, "project.majors.code", major,
             _("Use the six-digit code of the 2021 vocational education major catalogue"),
             _("The major code “%s” (%s) does not have the catalogue’s form"), code, reslib_record_get (major, "name"));
    }

  if (core_rule != NULL && n_core != (guint) reslib_rule_int (core_rule, "count", 1))
    add (run, "project.majors.core", run->project, _("Set the one core major of the project"),
         _("The project has %u core majors; it needs exactly %d"), n_core,
         (int) reslib_rule_int (core_rule, "count", 1));
  if (served_rule != NULL && n_served > (guint) reslib_rule_int (served_rule, "max", 5))
    add (run, "project.majors.served", run->project, _("Remove the served majors beyond the limit"),
         _("The project has %u served majors; at most %d are allowed"), n_served,
         (int) reslib_rule_int (served_rule, "max", 5));

  if (RULE (run, "project.majors.distinct") != NULL)
    for (guint i = 0; i < g_list_model_get_n_items (run->majors); i++)
      {
        g_autoptr(ReslibRecord) major = g_list_model_get_item (run->majors, i);

        if (g_strcmp0 (reslib_record_get (major, "role"), "served") == 0 &&
            g_strcmp0 (reslib_record_get (major, "name"), core_name) == 0)
          add (run, "project.majors.distinct", major, _("Remove it: the core major is not also a served major"),
               _("The served major “%s” repeats the core major"), core_name);
      }
}

static void
check_dossier (Run *run)
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
            /* Translators: the field's name as shown on the Dossier page, then its name for “reslib project set” */
            add (run, "project.dossier.required", run->project, _("Fill it in on the Dossier page, or with “reslib project set”"),
                 _("The dossier field “%s” (%s) is empty"), reslib_label_project_field (field), field);
        }
    }

  if (period != NULL && !empty (start) && !empty (end))
    {
      GDate s, e, expected;
      gint64 months = reslib_rule_int (period, "months", 12);

      if (reslib_parse_date (start, &s) && reslib_parse_date (end, &e))
        {
          expected = s;
          g_date_add_months (&expected, (guint) months);
          if (g_date_compare (&e, &s) <= 0)
            add (run, "project.period", run->project, _("Set an end date after the start date"),
                 _("The build period ends (%s) before it starts (%s)"), end, start);
          else if (g_date_compare (&e, &expected) != 0)
            add (run, "project.period", run->project,
                 _("Set the end date to the start date plus the build period"),
                 _("The build period %s – %s is not %d months"), start, end, (int) months);
        }
    }

  if (chain != NULL && !empty (reslib_record_get (run->project, "industry_chain")))
    {
      const char *value = reslib_record_get (run->project, "industry_chain");
      JsonObject *industry = reslib_profile_get_object (run->profile, "industry");
      JsonArray *clusters = json_object_get_array_member (industry, "clusters");
      const char *prefix = json_object_get_string_member (industry, "free_text_prefix");
      gboolean known = g_str_has_prefix (value, prefix) && strlen (value) > strlen (prefix);

      for (guint i = 0; !known && i < json_array_get_length (clusters); i++)
        {
          JsonObject *cluster = json_array_get_object_element (clusters, i);
          known = g_strcmp0 (json_object_get_string_member (cluster, "name"), value) == 0 ||
                  list_contains (json_object_get_array_member (cluster, "chains"), value);
        }
      if (!known)
        add (run, "project.industry-chain", run->project,
             _("Choose a cluster or chain of the 7+28+N list, or write “N:” followed by the niche chain"),
             _("The industry chain “%s” is not in the profile’s 7+28+N list"), value);
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
  ReslibFinding *f;

  add (run, rule_id, subject, hint, "%s", message);
  f = g_ptr_array_index (run->findings, run->findings->len - 1);
  if (f->severity == RESLIB_SEVERITY_ERROR)
    f->severity = RESLIB_SEVERITY_WARNING;
}

static void
check_dossier_sections (Run *run)
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

  /* The progress and acceptance reports need the baseline of the yearly update rate. */
  if ((g_strcmp0 (run->package_kind, "progress") == 0 || g_strcmp0 (run->package_kind, "acceptance") == 0) &&
      RULE (run, "project.upkeep.rate") != NULL &&
      (empty (reslib_record_get (run->project, "baseline_date")) ||
       reslib_record_get_int (run->project, "baseline_count", 0) <= 0))
    add_missing (run, "project.upkeep.rate", run->project,
                 _("Set the baseline date and the baseline count of resources on the Dossier page"),
                 _("The yearly update rate cannot be reported: the baseline is not set"));
}

static void
check_upkeep (Run *run)
{
  const ReslibRule *rule = RULE (run, "project.upkeep.rate");
  const char *baseline = reslib_record_get (run->project, "baseline_date");
  gint64 count = reslib_record_get_int (run->project, "baseline_count", 0);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  double rate;
  GDate from, today;

  if (rule == NULL || empty (baseline) || count <= 0 || !reslib_parse_date (baseline, &from))
    return;
  rate = reslib_rule_double (rule, "rate", reslib_profile_get_double (run->profile, "update_rate"));
  g_date_set_dmy (&today, (GDateDay) g_date_time_get_day_of_month (now), (GDateMonth) g_date_time_get_month (now),
                  (GDateYear) g_date_time_get_year (now));

  for (guint year = 1; year <= 50; year++)
    {
      GDate to = from;
      char from_text[16], to_text[16];
      guint changed, needed = (guint) (rate * count + 0.999999);

      g_date_add_years (&to, 1);
      if (g_date_compare (&from, &today) > 0)
        break;
      g_date_strftime (from_text, sizeof from_text, "%Y-%m-%d", &from);
      g_date_strftime (to_text, sizeof to_text, "%Y-%m-%d", &to);
      changed = reslib_store_count_resource_changes (run->store, reslib_record_get_id (run->project), from_text,
                                                     to_text, NULL);
      if (g_date_compare (&to, &today) <= 0 && changed < needed)
        add (run, "project.upkeep.rate", run->project,
             _("Add or update resources: each year after acceptance at least the profile’s share of the accepted total"),
             _("From %s to %s, %u resources were added or updated; %u (%.0f%% of %d) were needed"),
             from_text, to_text, changed, needed, rate * 100, (int) count);
      from = to;
    }
}

/* ---------------------------------------------------------------------------------------------- */
/* Courses                                                                                         */

static void
check_courses (Run *run)
{
  const ReslibRule *nodes_rule = RULE (run, "course.nodes");
  const ReslibRule *points_rule = RULE (run, "course.points.resources");
  const ReslibRule *cert_rule = RULE (run, "course.certificate");
  JsonArray *certificates = reslib_profile_get_array (run->profile, "certificates");

  for (guint i = 0; i < g_list_model_get_n_items (run->courses); i++)
    {
      g_autoptr(ReslibRecord) course = g_list_model_get_item (run->courses, i);
      g_autoptr(GListModel) nodes = reslib_store_list (run->store, RESLIB_KIND_NODE, reslib_record_get_id (course), NULL);
      const char *kind = reslib_record_get (course, "kind");

      if (nodes_rule != NULL && reslib_rule_list_contains (nodes_rule, "course_kinds", kind) &&
          (nodes == NULL || g_list_model_get_n_items (nodes) == 0))
        add (run, "course.nodes", course, _("Break the course into modules and knowledge and skill points on the Courses page"),
             _("The structured course “%s” has no modules or points"), record_title (course));

      for (guint j = 0; points_rule != NULL && nodes != NULL && j < g_list_model_get_n_items (nodes); j++)
        {
          g_autoptr(ReslibRecord) node = g_list_model_get_item (nodes, j);
          const char *node_kind = reslib_record_get (node, "kind");
          guint uses = GPOINTER_TO_UINT (g_hash_table_lookup (run->node_uses, reslib_record_get_id (node)));

          if ((g_strcmp0 (node_kind, "knowledge") == 0 || g_strcmp0 (node_kind, "skill") == 0) &&
              uses < (guint) reslib_rule_int (points_rule, "min", 1))
            add (run, "course.points.resources", node, _("Link resources to this point, or remove the point"),
                 g_strcmp0 (node_kind, "knowledge") == 0 ? _("The knowledge point “%s” (course “%s”) has no resource")
                                                         : _("The skill point “%s” (course “%s”) has no resource"),
                 record_title (node), record_title (course));
        }

      if (cert_rule != NULL && g_strcmp0 (kind, "certificate") == 0)
        {
          gboolean known = FALSE;

          for (guint j = 0; !known && j < json_array_get_length (certificates); j++)
            known = strstr (record_title (course), json_array_get_string_element (certificates, j)) != NULL;
          if (!known)
            add (run, "course.certificate", course,
                 _("Name the 1+X certificate in the course title, or add the certificate to the profile’s list"),
                 _("The certificate course “%s” names no 1+X certificate of the profile’s list"), record_title (course));
        }
    }
}

/* ---------------------------------------------------------------------------------------------- */
/* Resources                                                                                       */

static gboolean
mime_matches (const char *pattern,
              const char *mime)
{
  if (g_str_equal (pattern, "*"))
    return TRUE;
  if (g_str_has_suffix (pattern, "*"))
    return mime != NULL && strncmp (pattern, mime, strlen (pattern) - 1) == 0;

  return g_strcmp0 (pattern, mime) == 0;
}

static gboolean
field_present (ReslibRecord *resource,
               const char   *field)
{
  const ReslibField *f = reslib_entity_find_field (reslib_record_get_entity (resource), field);

  if (f == NULL)
    return FALSE;
  if (f->type == RESLIB_FIELD_LIST)
    return reslib_record_get_list (resource, field)[0] != NULL;

  return !empty (reslib_record_get (resource, field));
}

static const char *
field_display (const char *field)
{
  static const struct { const char *field; const char *name; } names[] = {
    { "title", N_("title") }, { "type", N_("type") }, { "description", N_("description") },
    { "keywords", N_("keywords") }, { "authors", N_("authors") }, { "unit_id", N_("unit") },
    { "origin", N_("origin") }, { "nodes", N_("knowledge or skill points") }, { "language", N_("language") },
    { "license", N_("licence") }, { "license_holder", N_("licence holder") }, { "audience", N_("audience") },
  };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (g_str_equal (names[i].field, field))
      return _(names[i].name);

  return field;
}

static void
check_metadata (Run          *run,
                ReslibRecord *resource)
{
  JsonArray *table = reslib_profile_get_array (run->profile, "resource_metadata");

  for (guint i = 0; i < json_array_get_length (table); i++)
    {
      JsonObject *entry = json_array_get_object_element (table, i);
      const char *field = json_object_get_string_member (entry, "field");
      const char *optionality = json_object_get_string_member (entry, "optionality");
      gboolean needed = g_str_equal (optionality, "M");

      /* Fields with a rule of their own are checked there. */
      if ((g_str_equal (field, "authors") && RULE (run, "resource.authors")) ||
          (g_str_equal (field, "unit_id") && RULE (run, "resource.unit")) ||
          (g_str_equal (field, "nodes") && RULE (run, "resource.granularity")) ||
          ((g_str_equal (field, "license") || g_str_equal (field, "license_holder")) && RULE (run, "resource.licence")))
        continue;
      if (g_str_equal (optionality, "C") && json_object_has_member (entry, "when"))
        {
          JsonObject *when = json_object_get_object_member (entry, "when");
          needed = list_contains (json_object_get_array_member (when, "equals"),
                                  reslib_record_get (resource, json_object_get_string_member (when, "field")));
        }
      if (needed && !field_present (resource, field))
        add (run, "resource.metadata", resource, _("Fill it in in the resource’s details"),
             _("The resource “%s” has no %s"), record_title (resource), field_display (field));
    }
}

static void
check_media (Run             *run,
             ReslibRecord    *resource,
             JsonObject      *media,
             ReslibProbeInfo *probe)
{
  const char *title = record_title (resource);
  const char *hint = _("Re-encode the file to the profile’s technical parameters (a warning: these parameters come from secondary sources)");

  if (json_object_has_member (media, "containers") && probe->container != NULL &&
      !list_contains (json_object_get_array_member (media, "containers"), probe->container))
    {
      g_autofree char *allowed = join_array (json_object_get_array_member (media, "containers"));
      add (run, "resource.media", resource, hint, _("“%s” is in a %s container; expected %s"), title, probe->container,
           allowed);
    }
  if (json_object_has_member (media, "video_codecs") && probe->video_codec != NULL &&
      !list_contains (json_object_get_array_member (media, "video_codecs"), probe->video_codec))
    {
      g_autofree char *allowed = join_array (json_object_get_array_member (media, "video_codecs"));
      add (run, "resource.media", resource, hint, _("The video of “%s” is %s; expected %s"), title, probe->video_codec,
           allowed);
    }
  if (json_object_has_member (media, "audio_codecs") && probe->audio_codec != NULL &&
      !list_contains (json_object_get_array_member (media, "audio_codecs"), probe->audio_codec))
    {
      g_autofree char *allowed = join_array (json_object_get_array_member (media, "audio_codecs"));
      add (run, "resource.media", resource, hint, _("The audio of “%s” is %s; expected %s"), title, probe->audio_codec,
           allowed);
    }
  if (probe->width > 0 && probe->height > 0 &&
      ((json_object_has_member (media, "min_width") && probe->width < json_object_get_int_member (media, "min_width")) ||
       (json_object_has_member (media, "min_height") && probe->height < json_object_get_int_member (media, "min_height"))))
    add (run, "resource.media", resource, hint, _("“%s” is %d×%d; at least %d×%d is expected"), title, probe->width,
         probe->height, (int) json_object_get_int_member_with_default (media, "min_width", 0),
         (int) json_object_get_int_member_with_default (media, "min_height", 0));
  if (probe->frame_rate > 0 && json_object_has_member (media, "min_frame_rate") &&
      probe->frame_rate + 0.01 < json_object_get_double_member (media, "min_frame_rate"))
    add (run, "resource.media", resource, hint, _("“%s” has %.2f frames per second; at least %g are expected"), title,
         probe->frame_rate, json_object_get_double_member (media, "min_frame_rate"));
  if (probe->video_bitrate > 0 &&
      ((json_object_has_member (media, "min_video_bitrate") &&
        probe->video_bitrate < json_object_get_int_member (media, "min_video_bitrate")) ||
       (json_object_has_member (media, "max_video_bitrate") &&
        probe->video_bitrate > json_object_get_int_member (media, "max_video_bitrate"))))
    add (run, "resource.media", resource, hint, _("The video bitrate of “%s” is %d kbit/s; %d–%d kbit/s is expected"),
         title, (int) (probe->video_bitrate / 1000),
         (int) (json_object_get_int_member_with_default (media, "min_video_bitrate", 0) / 1000),
         (int) (json_object_get_int_member_with_default (media, "max_video_bitrate", 0) / 1000));
  if (probe->audio_bitrate > 0 && json_object_has_member (media, "min_audio_bitrate") &&
      probe->audio_bitrate < json_object_get_int_member (media, "min_audio_bitrate"))
    add (run, "resource.media", resource, hint, _("The audio bitrate of “%s” is %d kbit/s; at least %d kbit/s is expected"),
         title, (int) (probe->audio_bitrate / 1000), (int) (json_object_get_int_member (media, "min_audio_bitrate") / 1000));
  if (probe->sample_rate > 0 && json_object_has_member (media, "sample_rates"))
    {
      JsonArray *rates = json_object_get_array_member (media, "sample_rates");
      gboolean ok = FALSE;

      for (guint i = 0; i < json_array_get_length (rates); i++)
        ok |= json_array_get_int_element (rates, i) == probe->sample_rate;
      if (!ok)
        {
          g_autofree char *allowed = join_array (rates);
          add (run, "resource.media", resource, hint, _("The audio of “%s” is sampled at %d Hz; expected %s Hz"), title,
               probe->sample_rate, allowed);
        }
    }
  if (probe->channels > 0 && json_object_has_member (media, "min_channels") &&
      probe->channels < json_object_get_int_member (media, "min_channels"))
    add (run, "resource.media", resource, hint, _("The audio of “%s” has %d channels; at least %d are expected"), title,
         probe->channels, (int) json_object_get_int_member (media, "min_channels"));
}

static void
check_resource (Run          *run,
                ReslibRecord *resource,
                GHashTable   *blob_users)
{
  const char *title = record_title (resource);
  const char *type = reslib_record_get (resource, "type");
  const char *mime = reslib_record_get (resource, "mime_type");
  const char *origin = reslib_record_get (resource, "origin");
  const ReslibRule *authors_rule = RULE (run, "resource.authors");
  const ReslibRule *granularity = RULE (run, "resource.granularity");
  const ReslibRule *approved = RULE (run, "resource.approved");
  JsonObject *types = reslib_profile_get_object (run->profile, "resource_types");
  JsonObject *type_entry = type != NULL && json_object_has_member (types, type) ? json_object_get_object_member (types, type)
                                                                                 : NULL;

  if (RULE (run, "resource.metadata") != NULL)
    check_metadata (run, resource);

  if (authors_rule != NULL &&
      g_strv_length ((char **) reslib_record_get_list (resource, "authors")) < (guint) reslib_rule_int (authors_rule, "min", 1))
    add (run, "resource.authors", resource, _("Name the people who made it: their right to be named as authors is protected"),
         _("The resource “%s” names no author"), title);

  if (RULE (run, "resource.unit") != NULL)
    {
      const char *unit = reslib_record_get (resource, "unit_id");

      if (empty (unit) || !g_hash_table_contains (run->unit_ids, unit))
        add (run, "resource.unit", resource, _("Choose which of the project’s units built it"),
             _("The resource “%s” is not assigned to a unit of the project"), title);
    }

  if (RULE (run, "resource.licence") != NULL)
    {
      if (g_strcmp0 (origin, "licensed") == 0 &&
          (empty (reslib_record_get (resource, "license")) || empty (reslib_record_get (resource, "license_holder"))))
        add (run, "resource.licence", resource, _("Enter the licence and who granted it, and keep the licence document"),
             _("The licensed resource “%s” does not name its licence and its holder"), title);
      else if (g_strcmp0 (origin, "open") == 0 && empty (reslib_record_get (resource, "license")))
        add (run, "resource.licence", resource, _("Enter the open licence (for example CC BY 4.0)"),
             _("The open resource “%s” does not name its licence"), title);
    }

  if (granularity != NULL)
    {
      const char * const *nodes = reslib_record_get_list (resource, "nodes");
      gboolean linked = FALSE;

      for (guint i = 0; nodes[i] != NULL && !linked; i++)
        {
          ReslibRecord *node = g_hash_table_lookup (run->nodes, nodes[i]);
          linked = node != NULL && reslib_rule_list_contains (granularity, "node_kinds", reslib_record_get (node, "kind"));
        }
      if (!linked)
        add (run, "resource.granularity", resource, _("Link it to the knowledge or skill point it teaches"),
             _("The resource “%s” is not linked to a knowledge or skill point"), title);
    }

  if (RULE (run, "resource.type-format") != NULL && type_entry != NULL)
    {
      JsonArray *patterns = json_object_get_array_member (type_entry, "mime");
      gboolean ok = FALSE;

      for (guint i = 0; i < json_array_get_length (patterns) && !ok; i++)
        ok = mime_matches (json_array_get_string_element (patterns, i), mime);
      if (!ok)
        add (run, "resource.type-format", resource, _("Correct the resource type, or replace the file"),
             _("The resource “%s” is of the type “%s”, but its file is %s"), title, reslib_label_resource_type (type),
             mime ? mime : "?");
    }

  {
    ReslibProbeInfo *probe = g_hash_table_lookup (run->probes, reslib_record_get (resource, "blob_sha256"));

    if (probe != NULL && probe->error != NULL && RULE (run, "resource.probe") != NULL)
      add (run, "resource.probe", resource, _("Check that the file is complete and plays; replace it if not"),
           _("The file of “%s” cannot be read as media: %s"), title, probe->error);
    else if (probe != NULL && probe->error == NULL && type_entry != NULL && json_object_has_member (type_entry, "media") &&
             RULE (run, "resource.media") != NULL)
      check_media (run, resource, json_object_get_object_member (type_entry, "media"), probe);
  }

  if (RULE (run, "resource.duplicate") != NULL &&
      GPOINTER_TO_UINT (g_hash_table_lookup (blob_users, reslib_record_get (resource, "blob_sha256"))) > 1)
    add (run, "resource.duplicate", resource, _("Keep one record for this content and delete or merge the others"),
         _("The file of “%s” is the same content as another resource’s"), title);

  if (approved != NULL && run->package_kind != NULL &&
      reslib_rule_list_contains (approved, "package_kinds", run->package_kind) &&
      g_strcmp0 (reslib_record_get (resource, "state"), "approved") != 0)
    add (run, "resource.approved", resource, _("Have the first host review and approve it, or leave it out of the package"),
         _("The resource “%s” is not approved (its state: %s)"), title,
         reslib_label_resource_state (reslib_record_get (resource, "state")));
}

static void
check_resources (Run *run)
{
  g_autoptr(GHashTable) blob_users = g_hash_table_new (g_str_hash, g_str_equal);
  guint n = g_list_model_get_n_items (run->resources);

  for (guint i = 0; i < n; i++)
    {
      ReslibRecord *resource = g_list_model_get_item (run->resources, i);
      const char *sha = reslib_record_get (resource, "blob_sha256");
      const char * const *nodes = reslib_record_get_list (resource, "nodes");

      g_hash_table_insert (blob_users, (gpointer) sha,
                           GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (blob_users, sha)) + 1));
      for (guint j = 0; nodes[j] != NULL; j++)
        g_hash_table_insert (run->node_uses, (gpointer) nodes[j],
                             GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (run->node_uses, nodes[j])) + 1));
      g_object_unref (resource);   /* the list keeps it alive */
    }

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(ReslibRecord) resource = g_list_model_get_item (run->resources, i);
      check_resource (run, resource, blob_users);
    }
}

/* ---------------------------------------------------------------------------------------------- */

static int
compare_rule_heads (gconstpointer a,
                    gconstpointer b)
{
  const ReslibFinding *fa = *(ReslibFinding * const *) a;
  const ReslibFinding *fb = *(ReslibFinding * const *) b;

  if (fa->severity != fb->severity)
    return (int) fa->severity - (int) fb->severity;

  return strcmp (fa->rule, fb->rule);
}

/* Orders findings by severity, then rule id, keeping the order of subjects
 * within a rule (the store's order). Linear: a project may have many. */
static GPtrArray *
order_findings (GPtrArray *findings)
{
  g_autoptr(GHashTable) by_rule = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                                         (GDestroyNotify) g_ptr_array_unref);
  g_autoptr(GPtrArray) rules = g_ptr_array_new ();
  GPtrArray *ordered = g_ptr_array_new_full (findings->len, g_object_unref);

  for (guint i = 0; i < findings->len; i++)
    {
      ReslibFinding *f = g_ptr_array_index (findings, i);
      GPtrArray *bucket = g_hash_table_lookup (by_rule, f->rule);

      if (bucket == NULL)
        {
          bucket = g_ptr_array_new ();
          g_hash_table_insert (by_rule, (gpointer) f->rule, bucket);
          g_ptr_array_add (rules, f);
        }
      g_ptr_array_add (bucket, f);
    }
  g_ptr_array_sort (rules, compare_rule_heads);
  for (guint i = 0; i < rules->len; i++)
    {
      GPtrArray *bucket = g_hash_table_lookup (by_rule, ((ReslibFinding *) g_ptr_array_index (rules, i))->rule);

      for (guint j = 0; j < bucket->len; j++)
        g_ptr_array_add (ordered, g_object_ref (g_ptr_array_index (bucket, j)));
    }

  return ordered;
}

static gboolean
load (Run        *run,
      const char *project_id,
      GError    **error)
{
  run->project = reslib_store_get (run->store, RESLIB_KIND_PROJECT, project_id, error);
  if (run->project == NULL)
    return FALSE;
  if ((run->majors = reslib_store_list (run->store, RESLIB_KIND_MAJOR, project_id, error)) == NULL ||
      (run->units = reslib_store_list (run->store, RESLIB_KIND_UNIT, project_id, error)) == NULL ||
      (run->courses = reslib_store_list (run->store, RESLIB_KIND_COURSE, project_id, error)) == NULL ||
      (run->resources = reslib_store_list (run->store, RESLIB_KIND_RESOURCE, project_id, error)) == NULL)
    return FALSE;
  run->probes = reslib_store_get_project_probes (run->store, project_id, error);
  if (run->probes == NULL)
    return FALSE;

  for (guint i = 0; i < g_list_model_get_n_items (run->units); i++)
    {
      ReslibRecord *unit = g_list_model_get_item (run->units, i);
      g_hash_table_insert (run->unit_ids, (gpointer) reslib_record_get_id (unit), unit);
    }
  for (guint i = 0; i < g_list_model_get_n_items (run->courses); i++)
    {
      g_autoptr(ReslibRecord) course = g_list_model_get_item (run->courses, i);
      g_autoptr(GListModel) nodes = reslib_store_list (run->store, RESLIB_KIND_NODE, reslib_record_get_id (course), error);

      if (nodes == NULL)
        return FALSE;
      for (guint j = 0; j < g_list_model_get_n_items (nodes); j++)
        {
          ReslibRecord *node = g_list_model_get_item (nodes, j);
          g_hash_table_insert (run->nodes, (gpointer) reslib_record_get_id (node), node);
        }
    }

  return TRUE;
}

static void
run_clear (Run *run)
{
  g_clear_object (&run->project);
  g_clear_object (&run->majors);
  g_clear_object (&run->units);
  g_clear_object (&run->courses);
  g_clear_object (&run->resources);
  g_clear_pointer (&run->nodes, g_hash_table_unref);
  g_clear_pointer (&run->node_uses, g_hash_table_unref);
  g_clear_pointer (&run->unit_ids, g_hash_table_unref);
  g_clear_pointer (&run->probes, g_hash_table_unref);
  g_clear_pointer (&run->findings, g_ptr_array_unref);
}

/**
 * reslib_validate:
 * @package_kind: (nullable): the package about to be built, which turns on the
 *   rules for it (every resource of an application approved)
 *
 * Runs every rule the profile holds over a project.
 *
 * Returns: (transfer full): a #GListModel of #ReslibFinding, errors first.
 */
GListModel *
reslib_validate (ReslibStore   *store,
                 const char    *project_id,
                 ReslibProfile *profile,
                 const char    *package_kind,
                 GCancellable  *cancellable,
                 GError       **error)
{
  Run run = {
    .store = store,
    .profile = profile,
    .package_kind = package_kind,
    .nodes = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_object_unref),
    .node_uses = g_hash_table_new (g_str_hash, g_str_equal),
    .unit_ids = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_object_unref),
    .findings = g_ptr_array_new_with_free_func (g_object_unref),
  };
  g_autoptr(GPtrArray) ordered = NULL;

  g_return_val_if_fail (RESLIB_IS_STORE (store), NULL);
  g_return_val_if_fail (RESLIB_IS_PROFILE (profile), NULL);

  if (!load (&run, project_id, error) || g_cancellable_set_error_if_cancelled (cancellable, error))
    {
      run_clear (&run);
      return NULL;
    }

  check_units (&run);
  check_majors (&run);
  check_dossier (&run);
  check_dossier_sections (&run);
  check_upkeep (&run);
  check_resources (&run);
  check_courses (&run);

  ordered = order_findings (run.findings);
  run_clear (&run);

  return reslib_array_model_new (RESLIB_TYPE_FINDING, g_steal_pointer (&ordered));
}

typedef struct
{
  char          *project_id;
  ReslibProfile *profile;
  char          *package_kind;
} ValidateData;

static void
validate_data_free (gpointer data)
{
  ValidateData *d = data;

  g_free (d->project_id);
  g_clear_object (&d->profile);
  g_free (d->package_kind);
  g_free (d);
}

static void
validate_worker (GTask        *task,
                 gpointer      source_object,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  ValidateData *d = task_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(ReslibStore) store = reslib_store_reopen (source_object, &error);
  GListModel *findings = NULL;

  if (store != NULL)
    findings = reslib_validate (store, d->project_id, d->profile, d->package_kind, cancellable, &error);
  if (findings == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, findings, g_object_unref);
}

/**
 * reslib_validate_async:
 *
 * Like reslib_validate(), in a worker thread with its own connection to the store.
 */
void
reslib_validate_async (ReslibStore         *store,
                       const char          *project_id,
                       ReslibProfile       *profile,
                       const char          *package_kind,
                       GCancellable        *cancellable,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (store, cancellable, callback, user_data);
  ValidateData *d = g_new0 (ValidateData, 1);

  d->project_id = g_strdup (project_id);
  d->profile = g_object_ref (profile);
  d->package_kind = g_strdup (package_kind);
  g_task_set_source_tag (task, reslib_validate_async);
  g_task_set_task_data (task, d, validate_data_free);
  g_task_run_in_thread (task, validate_worker);
}

GListModel *
reslib_validate_finish (ReslibStore  *store,
                        GAsyncResult *result,
                        GError      **error)
{
  g_return_val_if_fail (g_task_is_valid (result, store), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
