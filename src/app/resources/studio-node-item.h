/* studio-node-item.h — a course or one of its nodes in the course node picker's tree
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "reslib-store.h"

G_BEGIN_DECLS

#define STUDIO_TYPE_NODE_ITEM (studio_node_item_get_type ())
G_DECLARE_FINAL_TYPE (StudioNodeItem, studio_node_item, STUDIO, NODE_ITEM, GObject)

/* A course (@id %NULL: it cannot be checked) or a node of one; @path is "course › module › point". */
StudioNodeItem *studio_node_item_new          (const char     *id,
                                               const char     *title,
                                               const char     *path,
                                               guint           n_resources);
const char     *studio_node_item_get_id       (StudioNodeItem *self);
const char     *studio_node_item_get_title    (StudioNodeItem *self);
const char     *studio_node_item_get_path     (StudioNodeItem *self);
guint           studio_node_item_get_n_resources (StudioNodeItem *self);
/* The items below, in their order (a GListStore of StudioNodeItem). */
GListStore     *studio_node_item_get_children (StudioNodeItem *self);
/* The "checked" property: the node is chosen. */
gboolean        studio_node_item_get_checked  (StudioNodeItem *self);
void            studio_node_item_set_checked  (StudioNodeItem *self,
                                               gboolean        checked);
/* Whether the picker's filter shows the item: set by studio_node_item_filter(). */
gboolean        studio_node_item_get_shown    (StudioNodeItem *self);
/* Shows the item when its path holds every one of @words (case-folded), or when an item below it is
 * shown; returns whether it is shown. */
gboolean        studio_node_item_filter       (StudioNodeItem     *self,
                                               const char * const *words);

/* The courses of @project_id, each with its nodes below (and how many resources each has); each
 * node's item is added to @nodes_out (when not %NULL) too, depth first. */
GListStore     *studio_node_item_load_tree    (ReslibStore        *store,
                                               const char         *project_id,
                                               GPtrArray          *nodes_out);

G_END_DECLS
