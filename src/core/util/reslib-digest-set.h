/* reslib-digest-set.h — a set of SHA-256 digests, kept binary, with a few facts each
 *
 * What an import knows of each blob of a package (staged, in the store already, its size and type) and
 * what a blob stage has staged, in one table: an entry of 56 bytes in blocks that never move, and a
 * GHashTable slot pointing at it (about 20 bytes), instead of a hex string, a block per blob and a
 * table of strings for each user.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "reslib-digest.h"

G_BEGIN_DECLS

/* What an entry says (its flags). */
typedef enum
{
  RESLIB_DIGEST_STAGED  = 1 << 0,   /* a file of that content is in the stage */
  RESLIB_DIGEST_PRESENT = 1 << 1,   /* the store had the blob when it was looked for */
} ReslibDigestFlags;

typedef struct
{
  guint8      digest[RESLIB_SHA256_SIZE];
  guint64     size;
  const char *mime;                 /* interned, or NULL */
  guint32     flags;                /* ReslibDigestFlags */
} ReslibDigestEntry;

typedef struct _ReslibDigestSet ReslibDigestSet;

ReslibDigestSet   *reslib_digest_set_new     (void);
void               reslib_digest_set_free    (ReslibDigestSet   *set);
guint              reslib_digest_set_size    (ReslibDigestSet   *set);
ReslibDigestEntry *reslib_digest_set_lookup  (ReslibDigestSet   *set,
                                              const guint8      *digest);
ReslibDigestEntry *reslib_digest_set_add     (ReslibDigestSet   *set,
                                              const guint8      *digest);
gboolean           reslib_digest_set_remove  (ReslibDigestSet   *set,
                                              const guint8      *digest);

/* Every entry, in the order they were added; the entry returned last may be removed meanwhile, and
 * entries added meanwhile may or may not be returned. */
typedef struct
{
  ReslibDigestSet *set;
  guint            block;
  guint            index;
} ReslibDigestIter;

void               reslib_digest_iter_init   (ReslibDigestIter  *iter,
                                              ReslibDigestSet   *set);
ReslibDigestEntry *reslib_digest_iter_next   (ReslibDigestIter  *iter);

/* For GHashTables keyed by a binary SHA-256 (the keys point at 32 bytes): a hash seeded at random per
 * process, so a package cannot choose contents whose digests all land in one bucket. */
guint              reslib_digest_hash        (gconstpointer      digest);
gboolean           reslib_digest_equal       (gconstpointer      a,
                                              gconstpointer      b);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ReslibDigestSet, reslib_digest_set_free)

G_END_DECLS
