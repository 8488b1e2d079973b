/* reslib-digest.c — digests as the store, the manifests and the packages write them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "reslib-digest.h"

/**
 * reslib_digest_to_hex:
 * @digest: (array length=len): the digest's bytes
 * @len: how many there are (%RESLIB_SHA256_SIZE for a SHA-256)
 * @out: (out caller-allocates): room for 2 × @len + 1 characters
 *
 * Writes @digest as lowercase hex, the form a BagIt manifest, data/manifest.json and the store
 * use, and ends it with a NUL.
 */
void
reslib_digest_to_hex (const guint8 *digest,
                      gsize         len,
                      char         *out)
{
  static const char hex[] = "0123456789abcdef";

  for (gsize i = 0; i < len; i++)
    {
      out[2 * i] = hex[digest[i] >> 4];
      out[2 * i + 1] = hex[digest[i] & 0xf];
    }
  out[2 * len] = '\0';
}
