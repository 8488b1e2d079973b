/* reslib-package-sniff.h — telling a package from another file by its first tar headers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

gboolean reslib_package_sniff (GFile         *file,
                               char         **bag_out,
                               GCancellable  *cancellable,
                               GError       **error);

G_END_DECLS
