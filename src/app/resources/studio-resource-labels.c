/* studio-resource-labels.c — how the Resources page shows a resource's size and times
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "studio-resource-labels.h"

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
