/* studio-resource-labels.h — how the Resources page shows a resource's values: origin, size, time
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The label of a stored origin ("original", "licensed", "open"); another value as it is. */
const char *studio_resource_origin_label (const char *origin);
/* "1.2 MB"; "" for a size not known (below 0). */
char       *studio_resource_format_size  (gint64      size);
/* "2026-11-24T09:30:12.123Z" → "2026-11-24 09:30" in local time; "" for NULL. */
char       *studio_resource_format_time  (const char *iso);

G_END_DECLS
