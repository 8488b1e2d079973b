/* studio-row-loader.h — reading a project's resource rows in a worker thread, on a connection of its own
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "reslib-core.h"
#include "reslib-store-resource-rows.h"

G_BEGIN_DECLS

#define STUDIO_TYPE_ROW_LOADER (studio_row_loader_get_type ())
G_DECLARE_FINAL_TYPE (StudioRowLoader, studio_row_loader, STUDIO, ROW_LOADER, GObject)

StudioRowLoader *studio_row_loader_new         (ReslibStore          *store);
void             studio_row_loader_load_async  (StudioRowLoader      *self,
                                                const char           *project_id,
                                                GCancellable         *cancellable,
                                                GAsyncReadyCallback   callback,
                                                gpointer              user_data);
GPtrArray       *studio_row_loader_load_finish (StudioRowLoader      *self,
                                                GAsyncResult         *result,
                                                GError              **error);
void             studio_row_loader_list_rowids_async  (StudioRowLoader     *self,
                                                       const char          *project_id,
                                                       GCancellable        *cancellable,
                                                       GAsyncReadyCallback  callback,
                                                       gpointer             user_data);
void             studio_row_loader_list_rowids_where_async (StudioRowLoader *self,
                                                            const char      *project_id,
                                                            const ReslibResourceQuery *query,
                                                            GCancellable    *cancellable,
                                                            GAsyncReadyCallback callback,
                                                            gpointer         user_data);
GArray          *studio_row_loader_list_rowids_finish (StudioRowLoader     *self,
                                                       GAsyncResult        *result,
                                                       GError             **error);
void             studio_row_loader_read_rows_async    (StudioRowLoader     *self,
                                                       const gint64        *rowids,
                                                       guint                n_rowids,
                                                       GCancellable        *cancellable,
                                                       GAsyncReadyCallback  callback,
                                                       gpointer             user_data);
GPtrArray       *studio_row_loader_read_rows_finish   (StudioRowLoader     *self,
                                                       GAsyncResult        *result,
                                                       GError             **error);
void             studio_row_loader_count_async        (StudioRowLoader     *self,
                                                       const char          *project_id,
                                                       GCancellable        *cancellable,
                                                       GAsyncReadyCallback  callback,
                                                       gpointer             user_data);
guint            studio_row_loader_count_finish       (StudioRowLoader     *self,
                                                       GAsyncResult        *result,
                                                       GError             **error);

void             _studio_row_loader_hold_rows         (gboolean             hold);

G_END_DECLS
