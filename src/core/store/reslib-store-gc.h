/* reslib-store-gc.h — removing the stored files no resource uses any more
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "reslib-store.h"

G_BEGIN_DECLS

/* Removes the files in blobs/ that no resource of any project uses, with their rows; sets how many
 * and their bytes. Safe beside imports and other programs on the same data folder. */
gboolean reslib_store_collect_blobs        (ReslibStore          *store,
                                            guint                *n_files,
                                            guint64              *n_bytes,
                                            GError              **error);
/* The same in a worker thread with a connection of its own. */
void     reslib_store_collect_blobs_async  (ReslibStore          *store,
                                            GCancellable         *cancellable,
                                            GAsyncReadyCallback   callback,
                                            gpointer              user_data);
gboolean reslib_store_collect_blobs_finish (ReslibStore          *store,
                                            GAsyncResult         *result,
                                            guint                *n_files,
                                            guint64              *n_bytes,
                                            GError              **error);

/* Where a blob's file is; a missing one is first looked for in what an interrupted cleanup left. */
char    *reslib_store_find_blob            (ReslibStore          *store,
                                            const char           *sha256,
                                            GError              **error);
gboolean _reslib_store_recover_trash       (ReslibStore          *store,
                                            GError              **error);

G_END_DECLS
