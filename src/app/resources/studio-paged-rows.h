/* studio-paged-rows.h — a list model of ReslibResourceRow read a page at a time
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "studio-row-loader.h"

G_BEGIN_DECLS

#define STUDIO_TYPE_PAGED_ROWS (studio_paged_rows_get_type ())
G_DECLARE_FINAL_TYPE (StudioPagedRows, studio_paged_rows, STUDIO, PAGED_ROWS, GObject)

StudioPagedRows *studio_paged_rows_new         (StudioRowLoader *loader);
/* Takes @rowids (gint64, the rows in their order): the model's length is theirs, its rows are read as they
 * are asked for. */
void             studio_paged_rows_set_rowids  (StudioPagedRows *self,
                                                GArray          *rowids);
/* The same, with the rows of the first rowids already read (@rows: NULL for one gone; not taken). */
void             studio_paged_rows_set_rowids_with_rows (StudioPagedRows *self,
                                                         GArray          *rowids,
                                                         GPtrArray       *rows);
/* Pages being read in the worker (0 when every row asked for has its values). */
guint            studio_paged_rows_get_pending (StudioPagedRows *self);
GArray          *studio_paged_rows_get_rowids  (StudioPagedRows *self);
void             studio_paged_rows_refresh     (StudioPagedRows *self);
/* Pages kept in memory. */
guint            studio_paged_rows_get_n_pages (StudioPagedRows *self);

G_END_DECLS
