/* studio-node-picker.h — choosing course nodes in a searchable tree: course › module › point
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "reslib-store.h"

G_BEGIN_DECLS

#define STUDIO_TYPE_NODE_PICKER (studio_node_picker_get_type ())
G_DECLARE_FINAL_TYPE (StudioNodePicker, studio_node_picker, STUDIO, NODE_PICKER, AdwMessageDialog)

/* The course nodes of @project_id in @store as a tree, those of @checked chosen. Typing filters
 * the tree, Space chooses or leaves the node of the current row, Enter applies. Responses:
 * "cancel" and "apply". */
StudioNodePicker *studio_node_picker_new         (GtkWindow          *parent,
                                                  ReslibStore        *store,
                                                  const char         *project_id,
                                                  const char * const *checked,
                                                  const char         *heading,
                                                  const char         *body);
/* The chosen nodes' ids, in the tree's order. */
GStrv             studio_node_picker_get_checked (StudioNodePicker   *self);
/* Chooses or leaves one node by its id; FALSE when the tree has no such node. */
gboolean          studio_node_picker_set_checked (StudioNodePicker   *self,
                                                  const char         *id,
                                                  gboolean            checked);
/* The rows shown now (the filter applied, every row expanded). */
GListModel       *studio_node_picker_get_rows    (StudioNodePicker   *self);
GtkEditable      *studio_node_picker_get_search  (StudioNodePicker   *self);

G_END_DECLS
