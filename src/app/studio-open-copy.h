/* studio-open-copy.h — a read-only copy of a resource's file, for other applications
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

char  *studio_open_copy_dir    (void);
void   studio_open_copy_async  (const char           *blob_path,
                                const char           *sha256,
                                const char           *file_name,
                                GCancellable         *cancellable,
                                GAsyncReadyCallback   callback,
                                gpointer              user_data);
GFile *studio_open_copy_finish (GAsyncResult         *result,
                                GError              **error);

G_END_DECLS
