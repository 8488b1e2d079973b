/* studio-contribute-item.h — one resource in the contribution picker
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "reslib-core.h"

G_BEGIN_DECLS

#define STUDIO_TYPE_CONTRIBUTE_ITEM (studio_contribute_item_get_type ())
G_DECLARE_FINAL_TYPE (StudioContributeItem, studio_contribute_item, STUDIO, CONTRIBUTE_ITEM, GObject)

StudioContributeItem *studio_contribute_item_new          (ReslibRecord         *resource,
                                                           gboolean              unsent);
const char           *studio_contribute_item_get_id       (StudioContributeItem *self);
const char           *studio_contribute_item_get_title    (StudioContributeItem *self);
const char           *studio_contribute_item_get_subtitle (StudioContributeItem *self);
gboolean              studio_contribute_item_get_unsent   (StudioContributeItem *self);
gboolean              studio_contribute_item_get_selected (StudioContributeItem *self);
void                  studio_contribute_item_set_selected (StudioContributeItem *self,
                                                           gboolean              selected);
gboolean              studio_contribute_item_matches      (StudioContributeItem *self,
                                                           const char           *folded_query,
                                                           GHashTable           *nodes);

/* The items of a project's resources, read in a worker. */
void                  studio_contribute_items_read_async  (ReslibStore         *store,
                                                           const char          *project_id,
                                                           GCancellable        *cancellable,
                                                           GAsyncReadyCallback  callback,
                                                           gpointer             user_data);
GPtrArray            *studio_contribute_items_read_finish (GAsyncResult        *result,
                                                           GError             **error);

void                  studio_contribute_read_scopes       (ReslibStore         *store,
                                                           const char          *project_id,
                                                           GtkStringList       *labels,
                                                           GPtrArray           *ids,
                                                           GPtrArray           *sets);

G_END_DECLS
