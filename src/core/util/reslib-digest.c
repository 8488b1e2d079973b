/* reslib-digest.c — digests as the store, the manifests and the packages write them
 *
 * Every SHA-256 of the core goes through ReslibHasher: OpenSSL's EVP interface is set up here
 * only. The hasher adds one call per buffer to EVP_DigestUpdate (); the hot paths (blobs on
 * import, the tar stream) hand it 1 MiB at a time, so that costs nothing measurable.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <openssl/evp.h>
#include <string.h>

#include "reslib-digest.h"
#include "reslib-error.h"

struct _ReslibHasher
{
  EVP_MD_CTX *ctx;
};

/**
 * reslib_hasher_new:
 * @kind: the digest to compute
 * @error: return location for a #GError, or %NULL
 *
 * Starts a streaming digest: feed it with reslib_hasher_update(), end it with
 * reslib_hasher_finish() or reslib_hasher_finish_hex(), then free it.
 *
 * Returns: (transfer full) (nullable): a new hasher, or %NULL with @error set
 *   when OpenSSL cannot give the digest (a broken installation)
 */
ReslibHasher *
reslib_hasher_new (ReslibDigestKind   kind,
                   GError           **error)
{
  g_autoptr(ReslibHasher) self = g_new0 (ReslibHasher, 1);
  const EVP_MD *md = kind == RESLIB_DIGEST_SHA1 ? EVP_sha1 () : EVP_sha256 ();

  self->ctx = EVP_MD_CTX_new ();
  if (self->ctx == NULL || md == NULL || EVP_DigestInit_ex (self->ctx, md, NULL) != 1)
    {
      g_set_error_literal (error, RESLIB_ERROR, RESLIB_ERROR_FAILED,
                           kind == RESLIB_DIGEST_SHA1 ? _("SHA-1 is not available") : _("SHA-256 is not available"));
      return NULL;
    }

  return g_steal_pointer (&self);
}

/**
 * reslib_hasher_update:
 * @self: a hasher that is not finished
 * @data: (array length=len): the next bytes
 * @len: how many there are
 *
 * Adds @len bytes of @data to the digest.
 */
void
reslib_hasher_update (ReslibHasher *self,
                      const void   *data,
                      gsize         len)
{
  EVP_DigestUpdate (self->ctx, data, len);
}

/**
 * reslib_hasher_finish:
 * @self: a hasher that is not finished
 * @digest: (out caller-allocates) (array fixed-size=32): room for %RESLIB_DIGEST_MAX_SIZE bytes
 *
 * Ends the digest and writes its bytes; @self takes no more data after this.
 *
 * Returns: the digest's length in bytes (32 for SHA-256, 20 for SHA-1)
 */
gsize
reslib_hasher_finish (ReslibHasher *self,
                      guint8       *digest)
{
  guint8 out[EVP_MAX_MD_SIZE];
  unsigned int len = 0;

  EVP_DigestFinal_ex (self->ctx, out, &len);
  g_assert (len <= RESLIB_DIGEST_MAX_SIZE);
  memcpy (digest, out, len);

  return len;
}

/**
 * reslib_hasher_finish_hex:
 * @self: a hasher that is not finished
 * @out: (out caller-allocates): room for 2 × the digest's length + 1 characters
 *   (%RESLIB_SHA256_HEX_SIZE for a SHA-256)
 *
 * Ends the digest and writes it as lowercase hex with a NUL at the end, as
 * reslib_digest_to_hex() does; @self takes no more data after this.
 */
void
reslib_hasher_finish_hex (ReslibHasher *self,
                          char         *out)
{
  guint8 digest[RESLIB_DIGEST_MAX_SIZE];
  gsize len = reslib_hasher_finish (self, digest);

  reslib_digest_to_hex (digest, len, out);
}

/**
 * reslib_hasher_free:
 * @self: (nullable) (transfer full): a hasher, finished or not
 *
 * Frees @self.
 */
void
reslib_hasher_free (ReslibHasher *self)
{
  if (self == NULL)
    return;
  EVP_MD_CTX_free (self->ctx);
  g_free (self);
}

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

/**
 * reslib_digest_from_hex:
 * @hex: (nullable): a digest as hex, as reslib_digest_to_hex() writes it (upper case is read too)
 * @digest: (out caller-allocates) (array length=len): room for @len bytes
 * @len: how many bytes the digest has (%RESLIB_SHA256_SIZE for a SHA-256)
 *
 * Reads @hex back into bytes. @digest is left as it was when @hex is not exactly 2 × @len hex digits.
 *
 * Returns: %TRUE when @hex is exactly 2 × @len hex digits
 */
gboolean
reslib_digest_from_hex (const char *hex,
                        guint8     *digest,
                        gsize       len)
{
  if (hex == NULL || strlen (hex) != 2 * len)
    return FALSE;
  for (gsize i = 0; i < 2 * len; i++)
    if (!g_ascii_isxdigit (hex[i]))
      return FALSE;
  for (gsize i = 0; i < len; i++)
    digest[i] = (guint8) (g_ascii_xdigit_value (hex[2 * i]) << 4 | g_ascii_xdigit_value (hex[2 * i + 1]));

  return TRUE;
}

/**
 * reslib_sha256_hex:
 * @data: (array length=len): the bytes
 * @len: how many there are
 * @out: (out caller-allocates): room for %RESLIB_SHA256_HEX_SIZE characters
 *
 * Writes the SHA-256 of @data as lowercase hex with a NUL at the end. For bytes
 * already in memory, where a caller has no error to return: like g_malloc() on a
 * failed allocation, it aborts when OpenSSL cannot give a SHA-256 at all.
 */
void
reslib_sha256_hex (const void *data,
                   gsize       len,
                   char       *out)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ReslibHasher) hasher = reslib_hasher_new (RESLIB_DIGEST_SHA256, &error);

  if (hasher == NULL)
    g_error ("%s", error->message);
  reslib_hasher_update (hasher, data, len);
  reslib_hasher_finish_hex (hasher, out);
}
