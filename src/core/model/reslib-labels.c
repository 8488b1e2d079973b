/* reslib-labels.c — words shown for the fixed values of the data model
 *
 * The store keeps stable English words ("higher-vocational", "in-review": the nicks of
 * reslib-enums.h); the user sees these translated labels instead, one table per enum, indexed by
 * its values.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "reslib-enums.h"
#include "reslib-labels.h"

typedef struct
{
  const char *label;
  const char *document;   /* the term in Chinese documents (reports), whatever the locale */
} Label;

/* The value of @nick in @nicks (one of the lists of reslib-enums.h), or -1. */
static int
value_of (const char * const *nicks,
          const char         *nick)
{
  for (int i = 0; nicks[i] != NULL; i++)
    if (g_str_equal (nicks[i], nick))
      return i;

  return -1;
}

/* @table is indexed by the values of the enum whose nicks are @nicks. */
static const char *
lookup (const Label        *table,
        const char * const *nicks,
        const char         *value,
        gboolean            document)
{
  int i;

  if (value == NULL)
    return "";
  i = value_of (nicks, value);
  /* A value this version does not know: show it as it is. */
  if (i < 0)
    return value;
  if (document && table[i].document != NULL)
    return table[i].document;

  return _(table[i].label);
}

#define CHECK_TABLE(table, last) G_STATIC_ASSERT (G_N_ELEMENTS (table) == (last) + 1)

static const Label resource_type_labels[] = {
  [RESLIB_RESOURCE_TYPE_TEXT] = { N_("Text"), "文本" },
  [RESLIB_RESOURCE_TYPE_SLIDES] = { N_("Slides"), "演示文稿" },
  [RESLIB_RESOURCE_TYPE_IMAGE] = { N_("Image"), "图像" },
  [RESLIB_RESOURCE_TYPE_AUDIO] = { N_("Audio"), "音频" },
  [RESLIB_RESOURCE_TYPE_VIDEO] = { N_("Video"), "视频" },
  [RESLIB_RESOURCE_TYPE_ANIMATION] = { N_("Animation"), "动画" },
  [RESLIB_RESOURCE_TYPE_SIMULATION] = { N_("Virtual simulation"), "虚拟仿真" },
  [RESLIB_RESOURCE_TYPE_EXERCISE] = { N_("Exercise"), "试题" },
  [RESLIB_RESOURCE_TYPE_CASE] = { N_("Case study"), "案例" },
  [RESLIB_RESOURCE_TYPE_OTHER] = { N_("Other"), "其他" },
};
CHECK_TABLE (resource_type_labels, RESLIB_RESOURCE_TYPE_OTHER);

static const Label resource_state_labels[] = {
  [RESLIB_RESOURCE_STATE_DRAFT] = { N_("Draft") },
  [RESLIB_RESOURCE_STATE_IN_REVIEW] = { N_("In review") },
  [RESLIB_RESOURCE_STATE_APPROVED] = { N_("Approved") },
  [RESLIB_RESOURCE_STATE_REJECTED] = { N_("Rejected") },
};
CHECK_TABLE (resource_state_labels, RESLIB_RESOURCE_STATE_REJECTED);

static const Label resource_origin_labels[] = {
  /* Translators: a resource's origin: made by the project */
  [RESLIB_RESOURCE_ORIGIN_ORIGINAL] = { N_("Original work") },
  /* Translators: a resource's origin: used under a licence from its holder */
  [RESLIB_RESOURCE_ORIGIN_LICENSED] = { N_("Licensed") },
  /* Translators: a resource's origin: under an open licence */
  [RESLIB_RESOURCE_ORIGIN_OPEN] = { N_("Open licence") },
};
CHECK_TABLE (resource_origin_labels, RESLIB_RESOURCE_ORIGIN_OPEN);

static const Label unit_kind_labels[] = {
  [RESLIB_UNIT_KIND_SECONDARY_VOCATIONAL] = { N_("Secondary vocational school"), "中等职业学校" },
  [RESLIB_UNIT_KIND_HIGHER_VOCATIONAL] = { N_("Higher vocational college"), "高等职业院校" },
  [RESLIB_UNIT_KIND_UNIVERSITY] = { N_("University"), "本科高校" },
  [RESLIB_UNIT_KIND_INDUSTRY] = { N_("Industry organization"), "行业组织" },
  [RESLIB_UNIT_KIND_ENTERPRISE] = { N_("Enterprise"), "企业" },
  [RESLIB_UNIT_KIND_RESEARCH] = { N_("Research institute"), "科研院所" },
};
CHECK_TABLE (unit_kind_labels, RESLIB_UNIT_KIND_RESEARCH);

static const Label unit_role_labels[] = {
  [RESLIB_UNIT_ROLE_HOST] = { N_("Host unit") },
  [RESLIB_UNIT_ROLE_PARTICIPANT] = { N_("Participating unit") },
};
CHECK_TABLE (unit_role_labels, RESLIB_UNIT_ROLE_PARTICIPANT);

static const Label major_role_labels[] = {
  [RESLIB_MAJOR_ROLE_CORE] = { N_("Core major") },
  [RESLIB_MAJOR_ROLE_SERVED] = { N_("Served major") },
};
CHECK_TABLE (major_role_labels, RESLIB_MAJOR_ROLE_SERVED);

static const Label project_level_labels[] = {
  /* Translators: the level of a project's schools */
  [RESLIB_PROJECT_LEVEL_SECONDARY] = { N_("Secondary vocational"), "中职" },
  /* Translators: the level of a project's schools */
  [RESLIB_PROJECT_LEVEL_HIGHER] = { N_("Higher vocational"), "高职" },
};
CHECK_TABLE (project_level_labels, RESLIB_PROJECT_LEVEL_HIGHER);

static const Label package_kind_labels[] = {
  /* Translators: a package kind */
  [RESLIB_PACKAGE_KIND_APPLICATION] = { N_("Application") },
  /* Translators: a package kind */
  [RESLIB_PACKAGE_KIND_PROGRESS] = { N_("Progress report") },
  /* Translators: a package kind */
  [RESLIB_PACKAGE_KIND_ACCEPTANCE] = { N_("Acceptance") },
  /* Translators: a package kind: resources a unit contributes to the lead */
  [RESLIB_PACKAGE_KIND_CONTRIBUTION] = { N_("Contribution") },
};
CHECK_TABLE (package_kind_labels, RESLIB_PACKAGE_KIND_CONTRIBUTION);

static const Label tag_labels[] = {
  /* Translators: a tag of a resource: it serves 课程思政 (ideological and political education in courses) */
  [RESLIB_TAG_IDEOLOGICAL] = { N_("Ideological and political education"), "课程思政" },
  /* Translators: a tag of a resource: it serves 创新创业 education */
  [RESLIB_TAG_ENTREPRENEURSHIP] = { N_("Innovation and entrepreneurship"), "创新创业" },
  /* Translators: a tag of a resource: it serves 职业培训 (vocational training, not 实训) */
  [RESLIB_TAG_VOCATIONAL_TRAINING] = { N_("Vocational training"), "职业培训" },
};
CHECK_TABLE (tag_labels, RESLIB_TAG_VOCATIONAL_TRAINING);

static const Label resource_document_labels[] = {
  /* Translators: a document of the major: 人才培养方案 */
  [RESLIB_RESOURCE_DOCUMENT_PROGRAMME] = { N_("Talent training programme"), "人才培养方案" },
  /* Translators: a document of the major: 专业教学标准 */
  [RESLIB_RESOURCE_DOCUMENT_TEACHING_STANDARD] = { N_("Major teaching standard"), "专业教学标准" },
  /* Translators: a document of a course: 课程标准 */
  [RESLIB_RESOURCE_DOCUMENT_COURSE_STANDARD] = { N_("Course standard"), "课程标准" },
};
CHECK_TABLE (resource_document_labels, RESLIB_RESOURCE_DOCUMENT_COURSE_STANDARD);

/**
 * reslib_label_tag:
 * @tag: (nullable): a tag as the store keeps it ("ideological")
 *
 * Returns: (transfer none): its translated label; "" for %NULL, an unknown value as it is
 */
const char *
reslib_label_tag (const char *tag)
{
  return lookup (tag_labels, reslib_tag_nicks, tag, FALSE);
}

/**
 * reslib_label_tag_document:
 * @tag: (nullable): a tag as the store keeps it ("ideological")
 *
 * Returns: (transfer none): the Chinese term (课程思政), whatever the locale
 */
const char *
reslib_label_tag_document (const char *tag)
{
  return lookup (tag_labels, reslib_tag_nicks, tag, TRUE);
}

/**
 * reslib_tag_parse:
 * @text: a tag as a user writes it: the stored word ("ideological"), the Chinese term (课程思政, or 思政 for
 *   short), or its label in English or in the user's language
 *
 * Returns: (transfer none) (nullable): the stored word, or %NULL when @text names no tag
 */
const char *
reslib_tag_parse (const char *text)
{
  g_autofree char *clean = NULL;

  if (text == NULL)
    return NULL;
  clean = g_strstrip (g_strdup (text));
  for (int i = 0; reslib_tag_nicks[i] != NULL; i++)
    if (g_ascii_strcasecmp (clean, reslib_tag_nicks[i]) == 0 || g_str_equal (clean, tag_labels[i].document) ||
        g_ascii_strcasecmp (clean, tag_labels[i].label) == 0 || g_str_equal (clean, _(tag_labels[i].label)))
      return reslib_tag_nicks[i];
  if (g_str_equal (clean, "思政"))
    return reslib_tag_nicks[RESLIB_TAG_IDEOLOGICAL];

  return NULL;
}

/**
 * reslib_resource_document_parse:
 * @text: a document kind as a user writes it: the stored word ("course-standard"), the Chinese term
 *   (课程标准), or its label in English or in the user's language
 *
 * Returns: (transfer none) (nullable): the stored word, or %NULL when @text names no document kind
 */
const char *
reslib_resource_document_parse (const char *text)
{
  g_autofree char *clean = NULL;

  if (text == NULL)
    return NULL;
  clean = g_strstrip (g_strdup (text));
  for (int i = 0; reslib_resource_document_nicks[i] != NULL; i++)
    if (g_ascii_strcasecmp (clean, reslib_resource_document_nicks[i]) == 0 ||
        g_str_equal (clean, resource_document_labels[i].document) ||
        g_ascii_strcasecmp (clean, resource_document_labels[i].label) == 0 ||
        g_str_equal (clean, _(resource_document_labels[i].label)))
      return reslib_resource_document_nicks[i];

  return NULL;
}

/**
 * reslib_label_resource_type:
 * @type: (nullable): a resource type as the store keeps it ("slides")
 *
 * Returns: (transfer none): its translated label; "" for %NULL, and a value this version does not
 *   know as it is
 */
const char *
reslib_label_resource_type (const char *type)
{
  return lookup (resource_type_labels, reslib_resource_type_nicks, type, FALSE);
}

/**
 * reslib_label_resource_type_document:
 * @type: (nullable): a resource type as the store keeps it ("slides")
 *
 * Returns: (transfer none): the Chinese term reports use for it (演示文稿), whatever the locale; ""
 *   for %NULL, and a value this version does not know as it is
 */
const char *
reslib_label_resource_type_document (const char *type)
{
  return lookup (resource_type_labels, reslib_resource_type_nicks, type, TRUE);
}

/**
 * reslib_label_resource_type_english:
 * @type: (nullable): a resource type as the store keeps it ("simulation")
 *
 * Returns: (transfer none): its label in English (Virtual simulation), whatever the locale, for
 *   reading what an English session wrote; "" for %NULL, and a value this version does not know as it is
 */
const char *
reslib_label_resource_type_english (const char *type)
{
  int i;

  if (type == NULL)
    return "";
  i = value_of (reslib_resource_type_nicks, type);

  return i < 0 ? type : resource_type_labels[i].label;
}

/**
 * reslib_label_resource_state:
 * @state: (nullable): a resource state as the store keeps it ("in-review")
 *
 * Returns: (transfer none): its translated label; "" for %NULL, and a value this version does not
 *   know as it is
 */
const char *
reslib_label_resource_state (const char *state)
{
  return lookup (resource_state_labels, reslib_resource_state_nicks, state, FALSE);
}

/**
 * reslib_label_resource_origin:
 * @origin: (nullable): a resource's origin as the store keeps it ("original", "licensed", "open")
 *
 * Returns: (transfer none): its translated label; "" for %NULL, and a value this version does not
 *   know as it is
 */
const char *
reslib_label_resource_origin (const char *origin)
{
  return lookup (resource_origin_labels, reslib_resource_origin_nicks, origin, FALSE);
}

/**
 * reslib_label_resource_document:
 * @document: (nullable): a resource's document kind as the store keeps it ("course-standard")
 *
 * Returns: (transfer none): its translated label; "" for %NULL, and a value this version does not
 *   know as it is
 */
const char *
reslib_label_resource_document (const char *document)
{
  return lookup (resource_document_labels, reslib_resource_document_nicks, document, FALSE);
}

/**
 * reslib_label_unit_kind:
 * @kind: (nullable): a unit kind as the store keeps it ("higher-vocational")
 *
 * Returns: (transfer none): its translated label; "" for %NULL, and a value this version does not
 *   know as it is
 */
const char *
reslib_label_unit_kind (const char *kind)
{
  return lookup (unit_kind_labels, reslib_unit_kind_nicks, kind, FALSE);
}

/**
 * reslib_label_unit_kind_document:
 * @kind: (nullable): a unit kind as the store keeps it ("higher-vocational")
 *
 * Returns: (transfer none): the Chinese term reports use for it (高等职业院校), whatever the locale;
 *   "" for %NULL, and a value this version does not know as it is
 */
const char *
reslib_label_unit_kind_document (const char *kind)
{
  return lookup (unit_kind_labels, reslib_unit_kind_nicks, kind, TRUE);
}

/**
 * reslib_label_unit_role:
 * @role: (nullable): a unit's role in the project as the store keeps it ("host", "participant")
 *
 * Returns: (transfer none): its translated label; "" for %NULL, and a value this version does not
 *   know as it is
 */
const char *
reslib_label_unit_role (const char *role)
{
  return lookup (unit_role_labels, reslib_unit_role_nicks, role, FALSE);
}

/**
 * reslib_label_major_role:
 * @role: (nullable): a major's role as the store keeps it ("core", "served")
 *
 * Returns: (transfer none): its translated label; "" for %NULL, and a value this version does not
 *   know as it is
 */
const char *
reslib_label_major_role (const char *role)
{
  return lookup (major_role_labels, reslib_major_role_nicks, role, FALSE);
}

/**
 * reslib_label_project_level:
 * @level: (nullable): a project's level as the store keeps it ("secondary", "higher")
 *
 * Returns: (transfer none): its translated label; "" for %NULL, and a value this version does not
 *   know as it is
 */
const char *
reslib_label_project_level (const char *level)
{
  return lookup (project_level_labels, reslib_project_level_nicks, level, FALSE);
}

/**
 * reslib_label_project_level_document:
 * @level: (nullable): a project's level as the store keeps it ("secondary", "higher")
 *
 * Returns: (transfer none): the Chinese term reports use for it (中职, 高职), whatever the locale; ""
 *   for %NULL, and a value this version does not know as it is
 */
const char *
reslib_label_project_level_document (const char *level)
{
  return lookup (project_level_labels, reslib_project_level_nicks, level, TRUE);
}

/**
 * reslib_label_package_kind:
 * @kind: (nullable): a package kind as the store keeps it ("application", "progress",
 *   "acceptance", "contribution")
 *
 * Returns: (transfer none): its translated label; "" for %NULL, and a value this version does not
 *   know as it is
 */
const char *
reslib_label_package_kind (const char *kind)
{
  return lookup (package_kind_labels, reslib_package_kind_nicks, kind, FALSE);
}

/* The kinds of target: the names the 申报书's 建设目标 uses (domain.md (f)). */
static const Label target_kind_labels[] = {
  /* Translators: a target: how many resources the library holds in all */
  [RESLIB_TARGET_KIND_RESOURCES] = { N_("Resources in all"), "颗粒化资源总数" },
  /* Translators: a target: how many resources of one type */
  [RESLIB_TARGET_KIND_RESOURCE_TYPE] = { N_("Resources of a type"), "各类型资源" },
  /* Translators: a target: how many resources one course has */
  [RESLIB_TARGET_KIND_COURSE_RESOURCES] = { N_("Resources of a course"), "课程资源" },
  /* Translators: a target: 题库题量 */
  [RESLIB_TARGET_KIND_QUESTIONS] = { N_("Question bank size"), "题库题量" },
  /* Translators: a target: 标准化课程 */
  [RESLIB_TARGET_KIND_STANDARD_COURSES] = { N_("Standardized courses"), "标准化课程" },
  /* Translators: a target: 个性化课程 */
  [RESLIB_TARGET_KIND_PERSONAL_COURSES] = { N_("Personalised courses"), "个性化课程" },
  /* Translators: a target: 培训包 */
  [RESLIB_TARGET_KIND_TRAINING_PACKAGES] = { N_("Training packages"), "培训包" },
};
CHECK_TABLE (target_kind_labels, RESLIB_TARGET_KIND_TRAINING_PACKAGES);

/**
 * reslib_label_target_kind:
 * @kind: (nullable): a target's kind as the store keeps it ("questions")
 *
 * Returns: (transfer none): its translated label; "" for %NULL, and a value this version does not
 *   know as it is
 */
const char *
reslib_label_target_kind (const char *kind)
{
  return lookup (target_kind_labels, reslib_target_kind_nicks, kind, FALSE);
}

/**
 * reslib_label_target_kind_document:
 * @kind: (nullable): a target's kind as the store keeps it ("questions")
 *
 * Returns: (transfer none): the Chinese term reports use for it (题库题量), whatever the locale; ""
 *   for %NULL, and a value this version does not know as it is
 */
const char *
reslib_label_target_kind_document (const char *kind)
{
  return lookup (target_kind_labels, reslib_target_kind_nicks, kind, TRUE);
}

static const Label text_section_labels[] = {
  /* Translators: a section of the dossier (申报书): 建设基础 */
  [RESLIB_TEXT_SECTION_FOUNDATION] = { N_("Foundation"), "建设基础" },
  /* Translators: a section of the dossier: the projects the project leader has led (项目负责人主持经历) */
  [RESLIB_TEXT_SECTION_LEADER_EXPERIENCE] = { N_("Project leader’s experience"), "项目负责人主持经历" },
  /* Translators: the first of the five dimensions of the build content (建设内容：资源建设) */
  [RESLIB_TEXT_SECTION_CONTENT_RESOURCES] = { N_("Content: resources"), "建设内容：资源建设" },
  /* Translators: 建设内容：平台功能 */
  [RESLIB_TEXT_SECTION_CONTENT_PLATFORM] = { N_("Content: platform"), "建设内容：平台功能" },
  /* Translators: 建设内容：应用推广 */
  [RESLIB_TEXT_SECTION_CONTENT_PROMOTION] = { N_("Content: use and promotion"), "建设内容：应用推广" },
  /* Translators: 建设内容：特色创新 */
  [RESLIB_TEXT_SECTION_CONTENT_INNOVATION] = { N_("Content: features and innovation"), "建设内容：特色创新" },
  /* Translators: 建设内容：制度保障 */
  [RESLIB_TEXT_SECTION_CONTENT_INSTITUTION] = { N_("Content: rules and institutions"), "建设内容：制度保障" },
  /* Translators: a section of the dossier: 保障措施 */
  [RESLIB_TEXT_SECTION_SAFEGUARDS] = { N_("Safeguards"), "保障措施" },
  /* Translators: the unit that recommends the project (推荐单位), named on the dossier's cover */
  [RESLIB_TEXT_SECTION_RECOMMENDER] = { N_("Recommending unit"), "推荐单位" },
  /* Translators: a section of the progress report (建设进展与应用分析报告): 存在问题 */
  [RESLIB_TEXT_SECTION_PROGRESS_PROBLEMS] = { N_("Progress report: problems"), "存在问题" },
  /* Translators: a section of the progress report: 下一步计划 */
  [RESLIB_TEXT_SECTION_PROGRESS_NEXT] = { N_("Progress report: next steps"), "下一步计划" },
  /* Translators: a section of the acceptance report: what was achieved in resources (建设成效：资源建设) */
  [RESLIB_TEXT_SECTION_OUTCOME_RESOURCES] = { N_("Achieved: resources"), "建设成效：资源建设" },
  /* Translators: 建设成效：平台功能 */
  [RESLIB_TEXT_SECTION_OUTCOME_PLATFORM] = { N_("Achieved: platform"), "建设成效：平台功能" },
  /* Translators: 建设成效：应用推广 */
  [RESLIB_TEXT_SECTION_OUTCOME_PROMOTION] = { N_("Achieved: use and promotion"), "建设成效：应用推广" },
  /* Translators: 建设成效：特色创新 */
  [RESLIB_TEXT_SECTION_OUTCOME_INNOVATION] = { N_("Achieved: features and innovation"), "建设成效：特色创新" },
  /* Translators: 建设成效：制度保障 */
  [RESLIB_TEXT_SECTION_OUTCOME_INSTITUTION] = { N_("Achieved: rules and institutions"), "建设成效：制度保障" },
  /* Translators: a section of the acceptance report: the audit report (审计报告) */
  [RESLIB_TEXT_SECTION_AUDIT] = { N_("Audit report"), "审计报告" },
};
CHECK_TABLE (text_section_labels, RESLIB_TEXT_SECTION_AUDIT);

/**
 * reslib_label_text_section:
 * @section: (nullable): a narrative section as the store keeps it ("foundation")
 *
 * Returns: (transfer none): its translated label; "" for %NULL, and a value this version does not
 *   know as it is
 */
const char *
reslib_label_text_section (const char *section)
{
  return lookup (text_section_labels, reslib_text_section_nicks, section, FALSE);
}

/**
 * reslib_label_text_section_document:
 * @section: (nullable): a narrative section as the store keeps it ("foundation")
 *
 * Returns: (transfer none): the Chinese name reports give it (建设基础), whatever the locale
 */
const char *
reslib_label_text_section_document (const char *section)
{
  return lookup (text_section_labels, reslib_text_section_nicks, section, TRUE);
}

/**
 * reslib_label_project_field:
 * @field: (nullable): the name of a project's field ("start_date")
 *
 * Returns: (transfer none): the field's translated name, as the Dossier page shows it; "" for
 *   %NULL, and a name this version does not know as it is
 */
const char *
reslib_label_project_field (const char *field)
{
  static const struct { const char *field; const char *label; } labels[] = {
    { "name", N_("Project name") },
    { "level", N_("Level") },
    { "start_date", N_("Start date") },
    { "end_date", N_("End date") },
    { "industry_chain", N_("Industry or field") },
    { "description", N_("Description") },
    { "contact_name", N_("Contact person") },
    { "contact_phone", N_("Contact phone") },
    { "contact_email", N_("Contact email") },
    /* Translators: the date from which the yearly update rate of the resources is counted */
    { "baseline_date", N_("Baseline date") },
    /* Translators: how many resources the library had on the baseline date */
    { "baseline_count", N_("Resources at baseline") },
    /* Translators: when the project was created (a date and time) */
    { "created_at", N_("Created on") },
    /* Translators: when the project was last changed (a date and time) */
    { "updated_at", N_("Last changed") },
  };

  if (field == NULL)
    return "";
  for (gsize i = 0; i < G_N_ELEMENTS (labels); i++)
    if (g_str_equal (labels[i].field, field))
      return _(labels[i].label);

  return field;
}

/**
 * reslib_label_kind:
 * @kind: the kind of record
 *
 * The name of a kind of record as a list or a column shows it, on its own ("Resource"); in a sentence,
 * reslib_kind_to_display() ("resource").
 *
 * Returns: (transfer none): the kind's translated name
 */
const char *
reslib_label_kind (ReslibKind kind)
{
  switch (kind)
    {
    case RESLIB_KIND_PROJECT: return C_("record kind", "Project");
    case RESLIB_KIND_MAJOR: return C_("record kind", "Major");
    case RESLIB_KIND_UNIT: return C_("record kind", "Unit");
    case RESLIB_KIND_MEMBER: return C_("record kind", "Member");
    case RESLIB_KIND_COURSE: return C_("record kind", "Course");
    case RESLIB_KIND_NODE: return C_("record kind", "Module or point");
    case RESLIB_KIND_RESOURCE: return C_("record kind", "Resource");
    case RESLIB_KIND_BUDGET_LINE: return C_("record kind", "Budget line");
    case RESLIB_KIND_MILESTONE: return C_("record kind", "Milestone");
    case RESLIB_KIND_DECLARATION: return C_("record kind", "Declaration");
    case RESLIB_KIND_SUBMISSION: return C_("record kind", "Submission");
    case RESLIB_KIND_TARGET: return C_("record kind", "Target");
    case RESLIB_N_KINDS:
    default:
      g_return_val_if_reached ("?");
    }
}

/**
 * reslib_label_field:
 * @kind: the kind of record
 * @field: (nullable): the name of one of its fields ("license_holder")
 *
 * The name of a field as the pages show it, for views that show any kind of record field by field
 * (the conflicts).
 *
 * Returns: (transfer none): the field's translated name; "" for %NULL, and a name this version does
 *   not know as it is
 */
const char *
reslib_label_field (ReslibKind  kind,
                    const char *field)
{
  static const struct { int kind; const char *field; const char *label; } labels[] = {
    /* -1: any kind that has no label of its own for the field */
    { RESLIB_KIND_MAJOR, "code", N_("Major code") },
    { RESLIB_KIND_MAJOR, "name", N_("Major name") },
    { RESLIB_KIND_UNIT, "kind", N_("Unit kind") },
    { RESLIB_KIND_UNIT, "role", N_("Unit role") },
    /* Translators: the rank of a host unit among the hosts (1 = leading) */
    { RESLIB_KIND_UNIT, "host_rank", N_("Host rank") },
    { RESLIB_KIND_UNIT, "credit_code", N_("Credit code") },
    { RESLIB_KIND_MEMBER, "title", N_("Professional title") },
    /* Translators: a member's post (职务), beside the professional title (职称) */
    { RESLIB_KIND_MEMBER, "office", N_("Post") },
    /* Translators: the project leader (项目负责人) */
    { RESLIB_KIND_MEMBER, "leader", N_("Project leader") },
    /* Translators: a teacher qualified both as a teacher and in industry (双师型) */
    { RESLIB_KIND_MEMBER, "dual_qualified", N_("Dual-qualified teacher") },
    /* Translators: a member who works in an enterprise (企业人员) */
    { RESLIB_KIND_MEMBER, "enterprise", N_("From an enterprise") },
    { RESLIB_KIND_MEMBER, "birth_year", N_("Year of birth") },
    { RESLIB_KIND_COURSE, "title", N_("Course title") },
    { RESLIB_KIND_COURSE, "code", N_("Course code") },
    /* Translators: a course's teaching hours (学时) */
    { RESLIB_KIND_COURSE, "hours", N_("Hours") },
    /* Translators: a course's credits (学分) */
    { RESLIB_KIND_COURSE, "credits", N_("Credits") },
    /* Translators: the teacher who leads a course (课程负责人) */
    { RESLIB_KIND_COURSE, "lead_member_id", N_("Lead teacher") },
    /* Translators: the served major a course is for */
    { RESLIB_KIND_COURSE, "major_id", N_("Major") },
    /* Translators: where the course is on the teaching platform */
    { RESLIB_KIND_COURSE, "url", N_("Platform address") },
    /* Translators: the 1+X certificate a course prepares for */
    { RESLIB_KIND_COURSE, "certificate", N_("1+X certificate") },
    { RESLIB_KIND_NODE, "parent_id", N_("Parent") },
    { RESLIB_KIND_BUDGET_LINE, "source", N_("Source of funds") },
    { RESLIB_KIND_BUDGET_LINE, "amount_cents", N_("Planned (yuan)") },
    /* Translators: the money of a budget line that has arrived (到位) */
    { RESLIB_KIND_BUDGET_LINE, "received_cents", N_("Received (yuan)") },
    { RESLIB_KIND_BUDGET_LINE, "spent_cents", N_("Spent (yuan)") },
    { RESLIB_KIND_BUDGET_LINE, "year", N_("Year") },
    { RESLIB_KIND_RESOURCE, "blob_sha256", N_("File") },
    { RESLIB_KIND_RESOURCE, "unit_id", N_("Unit") },
    /* Translators: where the platform hosts an online resource (在线资源), which has no file */
    { RESLIB_KIND_RESOURCE, "url", N_("Online address") },
    /* Translators: the 1+X certificate a resource prepares for */
    { RESLIB_KIND_RESOURCE, "certificate", N_("1+X certificate") },
    /* Translators: a resource's tags: 课程思政, 创新创业, 职业培训 */
    { RESLIB_KIND_RESOURCE, "tags", N_("Tags") },
    /* Translators: a document of the major or a course (人才培养方案, 专业教学标准, 课程标准): 文档类别 */
    { RESLIB_KIND_RESOURCE, "document", N_("Document kind") },
    /* Translators: the major a major-level document (人才培养方案, 专业教学标准) belongs to */
    { RESLIB_KIND_RESOURCE, "major_id", N_("Major") },
    /* Translators: the course a course-level document (课程标准) belongs to */
    { RESLIB_KIND_RESOURCE, "course_id", N_("Course") },
    { RESLIB_KIND_TARGET, "kind", N_("Target") },
    /* Translators: a target's planned number */
    { RESLIB_KIND_TARGET, "planned", N_("Planned") },
    { -1, "resource_type", N_("Resource type") },
    { -1, "title", N_("Title") },
    { -1, "name", N_("Name") },
    { -1, "code", N_("Code") },
    /* Translators: the role of a major or a unit in the project */
    { -1, "role", N_("Role") },
    { -1, "kind", N_("Kind") },
    { -1, "description", N_("Description") },
    { -1, "note", N_("Note") },
    { -1, "position", N_("Position") },
    { -1, "unit_id", N_("Unit") },
    { -1, "course_id", N_("Course") },
    { -1, "duty", N_("Duty") },
    { -1, "file_name", N_("File name") },
    { -1, "type", N_("Type") },
    { -1, "origin", N_("Origin") },
    { -1, "license", N_("Licence") },
    { -1, "license_holder", N_("Licence holder") },
    { -1, "audience", N_("Audience") },
    { -1, "language", N_("Language") },
    { -1, "state", N_("State") },
    { -1, "review_note", N_("Review note") },
    /* Translators: who reviewed a resource */
    { -1, "reviewer", N_("Reviewed by") },
    /* Translators: when a resource was reviewed */
    { -1, "reviewed_at", N_("Reviewed on") },
    { -1, "authors", N_("Authors") },
    { -1, "keywords", N_("Keywords") },
    { -1, "nodes", N_("Course nodes") },
    { -1, "size", N_("Size") },
    /* Translators: the kind of file (its MIME type) */
    { -1, "mime_type", N_("File type") },
    { -1, "category", N_("Category") },
    { -1, "due_date", N_("Due date") },
    { -1, "done_date", N_("Done on") },
    { -1, "signed_by", N_("Signed by") },
    { -1, "signed_on", N_("Signed on") },
    /* Translators: when a record was made */
    { -1, "created_at", N_("Created on") },
    /* Translators: when a record was last changed */
    { -1, "updated_at", N_("Last changed") },
  };

  if (field == NULL)
    return "";
  if (kind == RESLIB_KIND_PROJECT)
    return reslib_label_project_field (field);
  for (gsize i = 0; i < G_N_ELEMENTS (labels); i++)
    if (labels[i].kind == (int) kind && g_str_equal (labels[i].field, field))
      return _(labels[i].label);
  for (gsize i = 0; i < G_N_ELEMENTS (labels); i++)
    if (labels[i].kind == -1 && g_str_equal (labels[i].field, field))
      return _(labels[i].label);

  return field;
}
