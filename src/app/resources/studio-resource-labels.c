/* studio-resource-labels.c — how the Resources page shows a resource's values: origin, size, time
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "studio-resource-labels.h"

const char *
studio_resource_origin_label (const char *origin)
{
  if (g_strcmp0 (origin, "original") == 0)
    /* Translators: a resource's origin: made by the project */
    return _("Original work");
  if (g_strcmp0 (origin, "licensed") == 0)
    /* Translators: a resource's origin: used under a licence from its holder */
    return _("Licensed");
  if (g_strcmp0 (origin, "open") == 0)
    /* Translators: a resource's origin: under an open licence */
    return _("Open licence");

  return origin != NULL ? origin : "";
}

char *
studio_resource_format_size (gint64 size)
{
  return size < 0 ? g_strdup ("") : g_format_size ((guint64) size);
}

/* "2026-11-24T09:30:12.123Z" → "2026-11-24 09:30" in local time */
char *
studio_resource_format_time (const char *iso)
{
  g_autoptr(GDateTime) utc = NULL;
  g_autoptr(GDateTime) local = NULL;

  if (iso == NULL)
    return g_strdup ("");
  utc = g_date_time_new_from_iso8601 (iso, NULL);
  if (utc == NULL)
    return g_strdup (iso);
  local = g_date_time_to_local (utc);

  return g_date_time_format (local, "%Y-%m-%d %H:%M");
}
