/* studio-resource-labels.h — how the Resources page shows a resource's size, times and state
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* "1.2 MB"; "" for a size not known (below 0). */
char       *studio_resource_format_size  (gint64      size);
/* "2026-11-24T09:30:12.123Z" → "2026-11-24 09:30" in local time; "" for NULL. */
char       *studio_resource_format_time  (const char *iso);

/* "Approved"; "Returned: add subtitles" for a rejected resource with the reviewer's note. */
char       *studio_resource_state_text   (const char *state,
                                          const char *review_note);

G_END_DECLS
