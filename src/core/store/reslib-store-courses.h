/* reslib-store-courses.h — course trees and the review queue in the store
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "reslib-store.h"

G_BEGIN_DECLS

gboolean            reslib_store_move_course       (ReslibStore        *self,
                                                    const char         *course_id,
                                                    guint               index,
                                                    GError            **error);
gboolean            reslib_store_move_node         (ReslibStore        *self,
                                                    const char         *node_id,
                                                    const char         *parent_id,
                                                    guint               index,
                                                    GError            **error);
gboolean            reslib_store_count_tree        (ReslibStore        *self,
                                                    ReslibKind          kind,
                                                    const char         *id,
                                                    guint              *n_nodes_below,
                                                    guint              *n_resources,
                                                    GError            **error);
GHashTable         *reslib_store_count_resources_by_node (ReslibStore  *self,
                                                          const char   *project_id,
                                                          GError      **error);

/* The review queue: resources in review, the longest waiting first. */
GListModel         *reslib_store_list_in_review    (ReslibStore        *self,
                                                    const char         *project_id,
                                                    GHashTable        **submitted_at,
                                                    GError            **error);

gboolean            _reslib_store_check_node_trees (ReslibStore        *self,
                                                    const char         *project_id,
                                                    char              **bad_node_id,
                                                    GError            **error);

const char         *reslib_label_course_kind       (const char         *kind);
const char         *reslib_label_node_kind         (const char         *kind);

G_END_DECLS
