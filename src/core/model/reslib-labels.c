/* reslib-labels.c — words shown for the fixed values of the data model
 *
 * The store keeps stable English words ("higher-vocational", "in-review");
 * the user sees these translated labels instead.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "reslib-labels.h"

typedef struct
{
  const char *value;
  const char *label;
  const char *document;   /* the term in Chinese documents (reports), whatever the locale */
} Label;

static const char *
lookup (const Label *table,
        gsize        n,
        const char  *value)
{
  if (value == NULL)
    return "";
  for (gsize i = 0; i < n; i++)
    if (g_str_equal (table[i].value, value))
      return _(table[i].label);

  /* A value this version does not know: show it as it is. */
  return value;
}

static const char *
lookup_document (const Label *table,
                 gsize        n,
                 const char  *value)
{
  if (value == NULL)
    return "";
  for (gsize i = 0; i < n; i++)
    if (g_str_equal (table[i].value, value))
      return table[i].document != NULL ? table[i].document : _(table[i].label);

  return value;
}

static const Label resource_type_labels[] = {
  { "text", N_("Text"), "文本" },
  { "slides", N_("Slides"), "演示文稿" },
  { "image", N_("Image"), "图像" },
  { "audio", N_("Audio"), "音频" },
  { "video", N_("Video"), "视频" },
  { "animation", N_("Animation"), "动画" },
  { "simulation", N_("Virtual simulation"), "虚拟仿真" },
  { "exercise", N_("Exercise"), "试题" },
  { "case", N_("Case study"), "案例" },
  { "other", N_("Other"), "其他" },
};

const char *
reslib_label_resource_type (const char *type)
{
  return lookup (resource_type_labels, G_N_ELEMENTS (resource_type_labels), type);
}

/* The Chinese term used in reports, whatever the locale. */
const char *
reslib_label_resource_type_document (const char *type)
{
  return lookup_document (resource_type_labels, G_N_ELEMENTS (resource_type_labels), type);
}

const char *
reslib_label_resource_state (const char *state)
{
  static const Label labels[] = {
    { "draft", N_("Draft") },
    { "in-review", N_("In review") },
    { "approved", N_("Approved") },
    { "rejected", N_("Rejected") },
  };

  return lookup (labels, G_N_ELEMENTS (labels), state);
}

static const Label unit_kind_labels[] = {
  { "secondary-vocational", N_("Secondary vocational school"), "中等职业学校" },
  { "higher-vocational", N_("Higher vocational college"), "高等职业院校" },
  { "university", N_("University"), "本科高校" },
  { "industry", N_("Industry organization"), "行业组织" },
  { "enterprise", N_("Enterprise"), "企业" },
  { "research", N_("Research institute"), "科研院所" },
};

const char *
reslib_label_unit_kind (const char *kind)
{
  return lookup (unit_kind_labels, G_N_ELEMENTS (unit_kind_labels), kind);
}

/* The Chinese term used in reports, whatever the locale. */
const char *
reslib_label_unit_kind_document (const char *kind)
{
  return lookup_document (unit_kind_labels, G_N_ELEMENTS (unit_kind_labels), kind);
}

const char *
reslib_label_major_role (const char *role)
{
  static const Label labels[] = {
    { "core", N_("Core major") },
    { "served", N_("Served major") },
  };

  return lookup (labels, G_N_ELEMENTS (labels), role);
}

static const Label project_level_labels[] = {
  /* Translators: the level of a project's schools */
  { "secondary", N_("Secondary vocational"), "中职" },
  /* Translators: the level of a project's schools */
  { "higher", N_("Higher vocational"), "高职" },
};

const char *
reslib_label_project_level (const char *level)
{
  return lookup (project_level_labels, G_N_ELEMENTS (project_level_labels), level);
}

/* The Chinese term used in reports, whatever the locale. */
const char *
reslib_label_project_level_document (const char *level)
{
  return lookup_document (project_level_labels, G_N_ELEMENTS (project_level_labels), level);
}

/* The names of the project's dossier fields, as the Dossier page shows them. */
const char *
reslib_label_project_field (const char *field)
{
  static const Label labels[] = {
    { "name", N_("Project name") },
    { "level", N_("Level") },
    { "start_date", N_("Start date") },
    { "end_date", N_("End date") },
    { "industry_chain", N_("Industry chain") },
    { "description", N_("Description") },
    { "contact_name", N_("Contact person") },
    { "contact_phone", N_("Contact phone") },
    { "contact_email", N_("Contact email") },
    /* Translators: the date from which the yearly update rate of the resources is counted */
    { "baseline_date", N_("Baseline date") },
    /* Translators: how many resources the library had on the baseline date */
    { "baseline_count", N_("Resources at baseline") },
  };

  return lookup (labels, G_N_ELEMENTS (labels), field);
}
