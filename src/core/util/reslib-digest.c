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
/* SHA256_CTX (reslib_sha256_resumable_*()) is deprecated in favour of EVP, whose state cannot be saved. */
#define OPENSSL_SUPPRESS_DEPRECATED 1
#include <openssl/evp.h>
#include <openssl/sha.h>
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
/* The digest's implementation, looked up once: EVP_sha256 () makes every EVP_DigestInit_ex () look it up
 * among the providers again, which costs more than hashing a small file. */
static const EVP_MD *
fetched_md (ReslibDigestKind kind)
{
  static gsize once = 0;
  static const EVP_MD *sha1, *sha256;

  if (g_once_init_enter (&once))
    {
#if OPENSSL_VERSION_NUMBER >= 0x30000000L
      sha1 = EVP_MD_fetch (NULL, "SHA1", NULL);
      sha256 = EVP_MD_fetch (NULL, "SHA256", NULL);
#endif
      g_once_init_leave (&once, 1);
    }
  if (kind == RESLIB_DIGEST_SHA1)
    return sha1 != NULL ? sha1 : EVP_sha1 ();

  return sha256 != NULL ? sha256 : EVP_sha256 ();
}

ReslibHasher *
reslib_hasher_new (ReslibDigestKind   kind,
                   GError           **error)
{
  g_autoptr(ReslibHasher) self = g_new0 (ReslibHasher, 1);
  const EVP_MD *md = fetched_md (kind);

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

/* ---------------------------------------------------------------------------------------------- */
/* A SHA-256 that can be saved and resumed                                                         */

/* EVP's contexts cannot be saved; the SHA256_CTX of OpenSSL's own SHA-256 (the same code, SHA-NI included)
 * is a plain structure whose fields FIPS 180-4 defines: the eight words of the hash, the length so far and
 * the bytes of the block not yet hashed. It is deprecated only in favour of EVP. */

struct _ReslibSha256Resumable
{
  SHA256_CTX ctx;
};

/**
 * reslib_sha256_resumable_new:
 *
 * Returns: (transfer full): a SHA-256 of nothing yet, whose state can be saved with
 *   reslib_sha256_resumable_save() and taken up with reslib_sha256_resumable_restore()
 */
ReslibSha256Resumable *
reslib_sha256_resumable_new (void)
{
  ReslibSha256Resumable *self = g_new0 (ReslibSha256Resumable, 1);

  SHA256_Init (&self->ctx);
  return self;
}

static void
put_u32 (guint8  **p,
         guint32   v)
{
  (*p)[0] = (guint8) v;
  (*p)[1] = (guint8) (v >> 8);
  (*p)[2] = (guint8) (v >> 16);
  (*p)[3] = (guint8) (v >> 24);
  *p += 4;
}

static guint32
get_u32 (const guint8 **p)
{
  guint32 v = (guint32) (*p)[0] | (guint32) (*p)[1] << 8 | (guint32) (*p)[2] << 16 | (guint32) (*p)[3] << 24;

  *p += 4;
  return v;
}

/**
 * reslib_sha256_resumable_save:
 * @state: (out caller-allocates) (array fixed-size=112): where the state goes, %RESLIB_SHA256_STATE_SIZE bytes
 *
 * Writes the digest's state, little-endian whatever the machine: the eight hash words, the length in bits
 * (low word, high word), the sixteen words of the partial block, how many of its bytes are used, and the
 * digest's length.
 */
void
reslib_sha256_resumable_save (ReslibSha256Resumable *self,
                              guint8                *state)
{
  guint8 *p = state;

  for (guint i = 0; i < 8; i++)
    put_u32 (&p, self->ctx.h[i]);
  put_u32 (&p, self->ctx.Nl);
  put_u32 (&p, self->ctx.Nh);
  for (guint i = 0; i < SHA_LBLOCK; i++)
    put_u32 (&p, self->ctx.data[i]);
  put_u32 (&p, self->ctx.num);
  put_u32 (&p, self->ctx.md_len);
  g_assert ((gsize) (p - state) == RESLIB_SHA256_STATE_SIZE);
}

/**
 * reslib_sha256_resumable_restore:
 * @state: (array length=len): what reslib_sha256_resumable_save() wrote
 *
 * Returns: (transfer full) (nullable): the digest as it was saved, or %NULL when @state is not a saved state
 *   (the wrong size, or values a SHA-256 cannot have)
 */
ReslibSha256Resumable *
reslib_sha256_resumable_restore (const guint8 *state,
                                 gsize         len)
{
  g_autoptr(ReslibSha256Resumable) self = NULL;
  const guint8 *p = state;

  if (state == NULL || len != RESLIB_SHA256_STATE_SIZE)
    return NULL;
  self = reslib_sha256_resumable_new ();
  for (guint i = 0; i < 8; i++)
    self->ctx.h[i] = get_u32 (&p);
  self->ctx.Nl = get_u32 (&p);
  self->ctx.Nh = get_u32 (&p);
  for (guint i = 0; i < SHA_LBLOCK; i++)
    self->ctx.data[i] = get_u32 (&p);
  self->ctx.num = get_u32 (&p);
  self->ctx.md_len = get_u32 (&p);
  /* The bytes of the partial block are fewer than a block, and are what the bit count says. */
  if (self->ctx.num >= SHA256_CBLOCK || self->ctx.md_len != SHA256_DIGEST_LENGTH ||
      ((self->ctx.Nl >> 3) % SHA256_CBLOCK) != self->ctx.num)
    return NULL;

  return g_steal_pointer (&self);
}

/**
 * reslib_sha256_resumable_update:
 * @data: (array length=len): the next bytes
 */
void
reslib_sha256_resumable_update (ReslibSha256Resumable *self,
                                const void            *data,
                                gsize                  len)
{
  SHA256_Update (&self->ctx, data, len);
}

/**
 * reslib_sha256_resumable_finish_hex:
 * @out: (out caller-allocates): %RESLIB_SHA256_HEX_SIZE bytes
 *
 * Ends the digest and writes it in lowercase hex; the digest cannot be fed after this.
 */
void
reslib_sha256_resumable_finish_hex (ReslibSha256Resumable *self,
                                    char                  *out)
{
  guint8 digest[SHA256_DIGEST_LENGTH];

  SHA256_Final (digest, &self->ctx);
  reslib_digest_to_hex (digest, sizeof digest, out);
}

/**
 * reslib_sha256_resumable_free:
 */
void
reslib_sha256_resumable_free (ReslibSha256Resumable *self)
{
  if (self == NULL)
    return;
  explicit_bzero (self, sizeof *self);
  g_free (self);
}
