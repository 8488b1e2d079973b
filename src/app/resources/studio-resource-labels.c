/* studio-resource-labels.c — how the Resources page shows a resource's size, times and state
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "reslib-labels.h"
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

/* A resource the lead returned says why, where its state is shown: the teacher fixes it and
 * contributes it again. */
char *
studio_resource_state_text (const char *state,
                            const char *review_note)
{
  if (g_strcmp0 (state, "rejected") == 0 && review_note != NULL && *review_note != '\0')
    /* Translators: the state of a resource the reviewer returned, with the reviewer's note, e.g.
     * "Returned: add subtitles" */
    return g_strdup_printf (_("Returned: %s"), review_note);

  return g_strdup (reslib_label_resource_state (state));
}
