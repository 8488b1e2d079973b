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

const char *
reslib_label_resource_type (const char *type)
{
  static const Label labels[] = {
    { "text", N_("Text") },
    { "slides", N_("Slides") },
    { "image", N_("Image") },
    { "audio", N_("Audio") },
    { "video", N_("Video") },
    { "animation", N_("Animation") },
    { "simulation", N_("Virtual simulation") },
    { "exercise", N_("Exercise") },
    { "case", N_("Case study") },
    { "other", N_("Other") },
  };

  return lookup (labels, G_N_ELEMENTS (labels), type);
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

const char *
reslib_label_unit_kind (const char *kind)
{
  static const Label labels[] = {
    { "secondary-vocational", N_("Secondary vocational school") },
    { "higher-vocational", N_("Higher vocational college") },
    { "university", N_("University") },
    { "industry", N_("Industry organization") },
    { "enterprise", N_("Enterprise") },
    { "research", N_("Research institute") },
  };

  return lookup (labels, G_N_ELEMENTS (labels), kind);
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

const char *
reslib_label_project_level (const char *level)
{
  static const Label labels[] = {
    /* Translators: the level of a project's schools */
    { "secondary", N_("Secondary vocational") },
    /* Translators: the level of a project's schools */
    { "higher", N_("Higher vocational") },
  };

  return lookup (labels, G_N_ELEMENTS (labels), level);
}
