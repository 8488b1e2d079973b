/* reslib-digest.h — digests as the store, the manifests and the packages write them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define RESLIB_SHA256_SIZE      32
#define RESLIB_SHA256_HEX_SIZE  (2 * RESLIB_SHA256_SIZE + 1)

void reslib_digest_to_hex (const guint8 *digest,
                           gsize         len,
                           char         *out);

G_END_DECLS
