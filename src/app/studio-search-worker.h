/* studio-search-worker.h — searching the resources in a worker thread, on a connection of its own
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "reslib-core.h"

G_BEGIN_DECLS

#define STUDIO_TYPE_SEARCH_WORKER (studio_search_worker_get_type ())
G_DECLARE_FINAL_TYPE (StudioSearchWorker, studio_search_worker, STUDIO, SEARCH_WORKER, GObject)

StudioSearchWorker *studio_search_worker_new           (ReslibStore          *store);
void                studio_search_worker_search_async  (StudioSearchWorker   *self,
                                                        const char           *project_id,
                                                        const char           *query,
                                                        GCancellable         *cancellable,
                                                        GAsyncReadyCallback   callback,
                                                        gpointer              user_data);
GHashTable         *studio_search_worker_search_finish (StudioSearchWorker   *self,
                                                        GAsyncResult         *result,
                                                        GError              **error);
void                studio_search_worker_search_ordered_async  (StudioSearchWorker   *self,
                                                                const char           *project_id,
                                                                const char           *query,
                                                                GArray               *order,
                                                                guint                 n_rows,
                                                                GCancellable         *cancellable,
                                                                GAsyncReadyCallback   callback,
                                                                gpointer              user_data);
GArray             *studio_search_worker_search_ordered_finish (StudioSearchWorker   *self,
                                                                GAsyncResult         *result,
                                                                GPtrArray           **rows,
                                                                GError              **error);

G_END_DECLS
