/* reslib-finding.c — one thing a check found wrong with a project, and the rule that found it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "reslib-validator-private.h"

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
  const char     *field;
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

/**
 * reslib_finding_get_rule:
 *
 * Returns: (transfer none): the id of the rule that found it
 */
const char *reslib_finding_get_rule (ReslibFinding *self) { return self->rule; }

/**
 * reslib_finding_get_severity:
 *
 * Returns: the rule's severity in the profile
 */
ReslibSeverity reslib_finding_get_severity (ReslibFinding *self) { return self->severity; }

/**
 * reslib_finding_get_subject_kind:
 *
 * Returns: (transfer none): the kind of the record it is about ("resource", "course", …)
 */
const char *reslib_finding_get_subject_kind (ReslibFinding *self) { return self->subject_kind; }

/**
 * reslib_finding_get_subject_id:
 *
 * Returns: (transfer none): the id of the record it is about
 */
const char *reslib_finding_get_subject_id (ReslibFinding *self) { return self->subject_id; }

/**
 * reslib_finding_get_subject_title:
 *
 * Returns: (transfer none): the record's title, or name, or id
 */
const char *reslib_finding_get_subject_title (ReslibFinding *self) { return self->subject_title; }

/**
 * reslib_finding_get_message:
 *
 * Returns: (transfer none): what is wrong (translated)
 */
const char *reslib_finding_get_message (ReslibFinding *self) { return self->message; }

/**
 * reslib_finding_get_hint:
 *
 * Returns: (transfer none): what to do about it (translated)
 */
const char *reslib_finding_get_hint (ReslibFinding *self) { return self->hint; }

/**
 * reslib_finding_get_field:
 *
 * Returns: (transfer none) (nullable): the id of the subject's field the finding is about ("license"), when
 *   it is about one field
 */
const char *reslib_finding_get_field (ReslibFinding *self) { return self->field; }

/* @rule: interned; @subject_kind and @hint: static (an entity's name, a translated literal); @message: taken */
ReslibFinding *
_reslib_finding_new (const char     *rule,
                     ReslibSeverity  severity,
                     const char     *subject_kind,
                     const char     *subject_id,
                     const char     *subject_title,
                     char           *message,
                     const char     *hint)
{
  ReslibFinding *self = g_object_new (RESLIB_TYPE_FINDING, NULL);

  self->rule = rule;
  self->severity = severity;
  self->subject_kind = subject_kind;
  self->subject_id = g_strdup (subject_id);
  self->subject_title = g_strdup (subject_title);
  self->message = message;
  self->hint = hint;

  return self;
}

/* @field: static (a field's id in the entity table or the profile, interned) */
void
_reslib_finding_set_field (ReslibFinding *self,
                           const char    *field)
{
  self->field = field;
}

void
_reslib_finding_set_severity (ReslibFinding  *self,
                              ReslibSeverity  severity)
{
  self->severity = severity;
}

/**
 * reslib_finding_to_json:
 *
 * Returns: (transfer full): the finding as a JSON object: rule, severity, subject (kind, id, title), message
 *   and hint
 */
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

/**
 * reslib_findings_count:
 * @findings: a #GListModel of #ReslibFinding
 *
 * Returns: how many of @findings have @severity
 */
guint
reslib_findings_count (GListModel     *findings,
                       ReslibSeverity  severity)
{
  guint n = 0;

  /* A check's findings are counted without making them. */
  if (RESLIB_IS_FINDING_LIST (findings))
    {
      for (guint i = 0; i < g_list_model_get_n_items (findings); i++)
        n += reslib_finding_list_get_severity (RESLIB_FINDING_LIST (findings), i) == severity;
      return n;
    }
  for (guint i = 0; i < g_list_model_get_n_items (findings); i++)
    {
      g_autoptr(ReslibFinding) f = g_list_model_get_item (findings, i);
      n += f->severity == severity;
    }

  return n;
}

/**
 * reslib_rule_title:
 * @rule_id: a rule's id ("resource.licence")
 *
 * What a rule checks, in a few words for a heading ("Licence and holder").
 *
 * Returns: (transfer none): the rule's title in the user's language, or @rule_id for a rule this
 *   version does not know
 */
const char *
reslib_rule_title (const char *rule_id)
{
  static const struct { const char *id; const char *title; } titles[] = {
    /* Translators: the titles of the rules, as the Checks page heads their groups of findings */
    { "project.hosts.count", N_("Number of host units") },
    { "project.hosts.kind", N_("Kind of host units") },
    { "project.hosts.first", N_("First host unit") },
    { "project.hosts.rank", N_("Order of host units") },
    { "project.leader", N_("Project leader") },
    { "project.participants.kind", N_("Kind of participating units") },
    { "project.majors.core", N_("Core major") },
    { "project.majors.served", N_("Majors served") },
    { "project.majors.distinct", N_("Majors named once") },
    { "project.majors.code", N_("Major codes") },
    { "project.period", N_("Construction period") },
    { "project.dossier.required", N_("Required parts of the dossier") },
    { "project.industry-chain", N_("Industry field") },
    { "project.upkeep.rate", N_("Yearly update rate") },
    /* Translators: the title of the check that compares the targets (建设目标) with what the library holds */
    { "project.targets", N_("Targets below plan") },
    { "unit.credit-code", N_("Unified social credit codes") },
    { "unit.declaration", N_("Units’ declarations") },
    { "resource.metadata", N_("Resource metadata") },
    { "resource.authors", N_("Resource authors") },
    { "resource.unit", N_("Unit of each resource") },
    { "resource.licence", N_("Licence and licence holder") },
    { "resource.granularity", N_("Links to knowledge and skill points") },
    { "resource.type-format", N_("File format of each type") },
    { "resource.media", N_("Technical parameters of media") },
    { "resource.probe", N_("Media files that cannot be read") },
    { "resource.duplicate", N_("Duplicate files") },
    /* Translators: the title of the check of online resources' addresses (在线资源) */
    { "resource.url", N_("Addresses of online resources") },
    /* Translators: the title of the check of the 1+X certificates that resources name */
    { "resource.certificate", N_("1+X certificates of resources") },
    { "resource.approved", N_("Review before submission") },
    { "course.nodes", N_("Structure of each course") },
    { "course.points.resources", N_("Resources of each point") },
    { "course.certificate", N_("1+X certificates") },
    /* Translators: the title of the check of the budget lines' sources of funds (资金来源) */
    { "budget.source", N_("Sources of funds") },
  };

  g_return_val_if_fail (rule_id != NULL, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (titles); i++)
    if (g_str_equal (titles[i].id, rule_id))
      return _(titles[i].title);

  return rule_id;
}
