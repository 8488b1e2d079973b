/* studio-file-render.h — a picture of a file (an image, a PDF's first page) at a size, made on a worker
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

gboolean    studio_file_render_can (const char *mime_type);
GdkTexture *studio_file_render     (const char   *path,
                                    const char   *mime_type,
                                    int           size,
                                    GCancellable *cancellable,
                                    GError      **error);

G_END_DECLS
