/* studio-stable-rows.h — a list model of ReslibResourceRow whose items keep their position
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define STUDIO_TYPE_STABLE_ROWS (studio_stable_rows_get_type ())
G_DECLARE_FINAL_TYPE (StudioStableRows, studio_stable_rows, STUDIO, STABLE_ROWS, GObject)

/* Takes @source, a model of ReslibResourceRow. "contents-changed" (guint position) tells from
 * which position on the items may show other rows. */
StudioStableRows *studio_stable_rows_new        (GListModel       *source);
/* Takes @source, and shows its rows instead. */
void              studio_stable_rows_set_source (StudioStableRows *self,
                                                 GListModel       *source);

G_END_DECLS
