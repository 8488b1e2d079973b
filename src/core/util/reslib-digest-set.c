/* reslib-digest-set.c — a set of SHA-256 digests, kept binary, with a few facts each
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "reslib-digest-set.h"

#define BLOCK_ENTRIES 1024
#define REMOVED       (1u << 31)   /* an entry that was removed: its room is not used again */

struct _ReslibDigestSet
{
  GPtrArray  *blocks;       /* of BLOCK_ENTRIES entries each */
  guint       used;         /* entries used in the last block */
  GHashTable *table;        /* digest → entry (keys point at the entries' digests) */
};

static guint64 hash_seed[2];

static void
init_seed (void)
{
  static gsize done = 0;

  if (g_once_init_enter (&done))
    {
      hash_seed[0] = (guint64) g_random_int () << 32 | g_random_int ();
      hash_seed[1] = (guint64) g_random_int () << 32 | g_random_int ();
      g_once_init_leave (&done, 1);
    }
}

guint
reslib_digest_hash (gconstpointer digest)
{
  guint64 a, b, h;

  memcpy (&a, digest, sizeof a);
  memcpy (&b, (const guint8 *) digest + 8, sizeof b);
  h = (a ^ hash_seed[0]) * G_GUINT64_CONSTANT (0x9e3779b97f4a7c15);
  h ^= h >> 31;
  h = (h ^ b ^ hash_seed[1]) * G_GUINT64_CONSTANT (0xc2b2ae3d27d4eb4f);
  h ^= h >> 29;

  return (guint) (h ^ (h >> 32));
}

gboolean
reslib_digest_equal (gconstpointer a,
                     gconstpointer b)
{
  return memcmp (a, b, RESLIB_SHA256_SIZE) == 0;
}

ReslibDigestSet *
reslib_digest_set_new (void)
{
  ReslibDigestSet *set = g_new0 (ReslibDigestSet, 1);

  init_seed ();
  set->blocks = g_ptr_array_new_with_free_func (g_free);
  set->used = BLOCK_ENTRIES;
  set->table = g_hash_table_new (reslib_digest_hash, reslib_digest_equal);

  return set;
}

void
reslib_digest_set_free (ReslibDigestSet *set)
{
  if (set == NULL)
    return;
  g_hash_table_unref (set->table);
  g_ptr_array_unref (set->blocks);
  g_free (set);
}

guint
reslib_digest_set_size (ReslibDigestSet *set)
{
  return g_hash_table_size (set->table);
}

ReslibDigestEntry *
reslib_digest_set_lookup (ReslibDigestSet *set,
                          const guint8    *digest)
{
  return g_hash_table_lookup (set->table, digest);
}

/* The entry of @digest, added (with no flags, size or type) if the set lacks it. */
ReslibDigestEntry *
reslib_digest_set_add (ReslibDigestSet *set,
                       const guint8    *digest)
{
  ReslibDigestEntry *entry = g_hash_table_lookup (set->table, digest);

  if (entry != NULL)
    return entry;
  if (set->used == BLOCK_ENTRIES)
    {
      g_ptr_array_add (set->blocks, g_new0 (ReslibDigestEntry, BLOCK_ENTRIES));
      set->used = 0;
    }
  entry = (ReslibDigestEntry *) g_ptr_array_index (set->blocks, set->blocks->len - 1) + set->used++;
  memcpy (entry->digest, digest, RESLIB_SHA256_SIZE);
  g_hash_table_add (set->table, entry);

  return entry;
}

gboolean
reslib_digest_set_remove (ReslibDigestSet *set,
                          const guint8    *digest)
{
  ReslibDigestEntry *entry = g_hash_table_lookup (set->table, digest);

  if (entry == NULL)
    return FALSE;
  g_hash_table_remove (set->table, entry);
  entry->flags = REMOVED;

  return TRUE;
}

void
reslib_digest_iter_init (ReslibDigestIter *iter,
                         ReslibDigestSet  *set)
{
  iter->set = set;
  iter->block = 0;
  iter->index = 0;
}

ReslibDigestEntry *
reslib_digest_iter_next (ReslibDigestIter *iter)
{
  ReslibDigestSet *set = iter->set;

  while (iter->block < set->blocks->len)
    {
      ReslibDigestEntry *block = g_ptr_array_index (set->blocks, iter->block);
      guint n = iter->block + 1 == set->blocks->len ? set->used : BLOCK_ENTRIES;

      while (iter->index < n)
        {
          ReslibDigestEntry *entry = &block[iter->index++];

          if (!(entry->flags & REMOVED))
            return entry;
        }
      iter->block++;
      iter->index = 0;
    }

  return NULL;
}
