/* reslib-file-util.h — small helpers for files written by descriptor
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

gboolean reslib_write_all (int         fd,
                           const void *data,
                           gsize       len);
gboolean reslib_write_new_file (int         fd,
                                const void *data,
                                gsize       len);

G_END_DECLS
