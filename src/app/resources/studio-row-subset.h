/* studio-row-subset.h — the rows that pass the Resources page's filters (a list model of ReslibResourceRow)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define STUDIO_TYPE_ROW_SUBSET (studio_row_subset_get_type ())
G_DECLARE_FINAL_TYPE (StudioRowSubset, studio_row_subset, STUDIO, ROW_SUBSET, GObject)

/* Takes @items (rows the caller keeps alive); tells only the range that differs. */
void studio_row_subset_set (StudioRowSubset *self,
                            GPtrArray       *items);

G_END_DECLS
