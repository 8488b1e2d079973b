/* reslib-digest.h — digests as the store, the manifests and the packages write them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define RESLIB_SHA256_SIZE      32
#define RESLIB_SHA256_HEX_SIZE  (2 * RESLIB_SHA256_SIZE + 1)
/* Room for the largest digest a ReslibHasher gives. */
#define RESLIB_DIGEST_MAX_SIZE  RESLIB_SHA256_SIZE

/**
 * ReslibDigestKind:
 * @RESLIB_DIGEST_SHA256: SHA-256, the digest of blobs, manifests and packages
 * @RESLIB_DIGEST_SHA1: SHA-1, only for a tus server that offers nothing better
 */
typedef enum
{
  RESLIB_DIGEST_SHA256,
  RESLIB_DIGEST_SHA1,
} ReslibDigestKind;

typedef struct _ReslibHasher ReslibHasher;

ReslibHasher *reslib_hasher_new        (ReslibDigestKind  kind,
                                        GError          **error);
void          reslib_hasher_update     (ReslibHasher     *self,
                                        const void       *data,
                                        gsize             len);
gsize         reslib_hasher_finish     (ReslibHasher     *self,
                                        guint8           *digest);
void          reslib_hasher_finish_hex (ReslibHasher     *self,
                                        char             *out);
void          reslib_hasher_free       (ReslibHasher     *self);

void          reslib_digest_to_hex     (const guint8     *digest,
                                        gsize             len,
                                        char             *out);
gboolean      reslib_digest_from_hex   (const char       *hex,
                                        guint8           *digest,
                                        gsize             len);
void          reslib_sha256_hex        (const void       *data,
                                        gsize             len,
                                        char             *out);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ReslibHasher, reslib_hasher_free)

/* A SHA-256 whose state can be saved and taken up again later, in another process: a streamed upload keeps
 * the digest of the tar it has sent so far, and a resumed one goes on from there. */
typedef struct _ReslibSha256Resumable ReslibSha256Resumable;

#define RESLIB_SHA256_STATE_SIZE 112

ReslibSha256Resumable *reslib_sha256_resumable_new        (void);
ReslibSha256Resumable *reslib_sha256_resumable_restore    (const guint8           *state,
                                                           gsize                   len);
void                   reslib_sha256_resumable_update     (ReslibSha256Resumable  *self,
                                                           const void             *data,
                                                           gsize                   len);
void                   reslib_sha256_resumable_save       (ReslibSha256Resumable  *self,
                                                           guint8                 *state);
void                   reslib_sha256_resumable_finish_hex (ReslibSha256Resumable  *self,
                                                           char                   *out);
void                   reslib_sha256_resumable_free       (ReslibSha256Resumable  *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ReslibSha256Resumable, reslib_sha256_resumable_free)

G_END_DECLS
