/* reslib-bag-names.c — the names of a package's entries, in one compact table
 *
 * What verify keeps of each name: one record (a flags byte, a file's size and binary SHA-256, the name
 * inside the bag) in chunks of 1 MiB that never move, and one slot of 8 bytes in an open-addressed
 * table (at most four fifths full) keyed by the name's case fold (NFC, then Unicode case folding), so one probe finds both an exact
 * duplicate and a name that differs only by case or normalisation. A name of manifest-sha256.txt not
 * seen in the tar yet is kept the same way until its entry comes. Besides the name itself, about 52
 * bytes per file and 12 per folder: 100,000 resources (a folder and a file each) take about 19 MB.
 *
 * The table's hash is seeded at random, so a crafted package cannot choose names that all land in one
 * slot's cluster.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "reslib-package-private.h"

#define CHUNK_SIZE   (1 << 20)
#define CHUNK_BITS   20
#define FIRST_SLOTS  1024

typedef struct
{
  guint32 hash;
  guint32 ref;    /* 0: a free slot; else (chunk + 1) << CHUNK_BITS | offset */
} Slot;

struct _ReslibBagNames
{
  GPtrArray *chunks;
  gsize      used;         /* bytes used in the last chunk */
  Slot      *slots;
  guint32    n_slots;      /* a power of two */
  guint32    n_used;
  guint32    seed;
};

ReslibBagNames *
_reslib_bag_names_new (void)
{
  ReslibBagNames *t = g_new0 (ReslibBagNames, 1);

  t->chunks = g_ptr_array_new_with_free_func (g_free);
  t->n_slots = FIRST_SLOTS;
  t->slots = g_new0 (Slot, t->n_slots);
  t->seed = g_random_int ();

  return t;
}

void
_reslib_bag_names_free (ReslibBagNames *t)
{
  if (t == NULL)
    return;
  g_ptr_array_unref (t->chunks);
  g_free (t->slots);
  g_free (t);
}

/* Whether @p starts with a character of the CJK Unified Ideographs block (U+4E00 to U+9FFF), as UTF-8:
 * such a character has no case, no decomposition and composes with nothing, so that NFC and case folding
 * keep it as it is. */
static gboolean
is_unified_ideograph (const guchar *p)
{
  return ((p[0] == 0xe4 && p[1] >= 0xb8) || (p[0] >= 0xe5 && p[0] <= 0xe9)) && p[1] >= 0x80 && p[1] <= 0xbf &&
         p[2] >= 0x80 && p[2] <= 0xbf;
}

/* NFC, then Unicode case folding. A name of ASCII and CJK ideographs alone, as most names of a Chinese
 * package are, is only lowered: the same result, without normalizing (which costs more than reading
 * the file the name belongs to). */
char *
_reslib_bag_fold_name (const char *name)
{
  g_autofree char *nfc = NULL;
  gsize len = strlen (name);
  char *folded = g_strndup (name, len);

  for (guchar *p = (guchar *) folded; *p != '\0'; p++)
    if (*p >= 0x80)
      {
        if (!is_unified_ideograph (p))
          {
            g_free (folded);
            nfc = g_utf8_normalize (name, -1, G_NORMALIZE_NFC);
            return g_utf8_casefold (nfc != NULL ? nfc : name, -1);
          }
        p += 2;
      }
    else
      *p = (guchar) g_ascii_tolower ((char) *p);

  return folded;
}

static guint32
hash_folded (const ReslibBagNames *t,
             const char           *folded)
{
  guint32 h = 2166136261u ^ t->seed;

  for (const guchar *p = (const guchar *) folded; *p != '\0'; p++)
    h = (h ^ *p) * 16777619u;
  /* The final mix of MurmurHash3, so the low bits depend on every byte. */
  h ^= h >> 16;
  h *= 0x85ebca6bu;
  h ^= h >> 13;
  h *= 0xc2b2ae35u;
  h ^= h >> 16;

  return h;
}

static ReslibBagFile *
record_at (const ReslibBagNames *t,
           guint32               ref)
{
  guint8 *chunk = g_ptr_array_index (t->chunks, (ref >> CHUNK_BITS) - 1);

  return (ReslibBagFile *) (chunk + (ref & (CHUNK_SIZE - 1)));
}

static void
grow (ReslibBagNames *t)
{
  guint32 n_slots = t->n_slots * 2;
  Slot *slots = g_new0 (Slot, n_slots);

  for (guint32 i = 0; i < t->n_slots; i++)
    if (t->slots[i].ref != 0)
      {
        guint32 at = t->slots[i].hash & (n_slots - 1);

        while (slots[at].ref != 0)
          at = (at + 1) & (n_slots - 1);
        slots[at] = t->slots[i];
      }
  g_free (t->slots);
  t->slots = slots;
  t->n_slots = n_slots;
}

/**
 * _reslib_bag_names_probe:
 * @name: a name inside the bag
 * @clash: (out) (optional): a name of the tar (%RESLIB_BAG_SEEN) that differs from @name only by case or
 *   normalisation, if any
 *
 * Returns: (nullable): the record of @name itself
 */
ReslibBagFile *
_reslib_bag_names_probe (ReslibBagNames  *t,
                         const char      *name,
                         ReslibBagFile  **clash)
{
  g_autofree char *folded = _reslib_bag_fold_name (name);
  guint32 hash = hash_folded (t, folded);
  ReslibBagFile *found = NULL;

  if (clash != NULL)
    *clash = NULL;
  for (guint32 at = hash & (t->n_slots - 1); t->slots[at].ref != 0; at = (at + 1) & (t->n_slots - 1))
    {
      ReslibBagFile *file;

      if (t->slots[at].hash != hash)
        continue;
      file = record_at (t, t->slots[at].ref);
      if (strcmp (_reslib_bag_file_name (file), name) == 0)
        found = file;
      else if (clash != NULL && *clash == NULL && (file->flags & RESLIB_BAG_SEEN) != 0)
        {
          g_autofree char *other = _reslib_bag_fold_name (_reslib_bag_file_name (file));

          if (strcmp (other, folded) == 0)
            *clash = file;
        }
      if (found != NULL && (clash == NULL || *clash != NULL))
        break;
    }

  return found;
}

/**
 * _reslib_bag_names_add:
 * @name: a name inside the bag that the table does not hold (_reslib_bag_names_probe())
 * @flags: with %RESLIB_BAG_DIR, the record has no size or digest (%RESLIB_BAG_SHORT)
 *
 * Returns: its new record, with @flags, size 0 and a digest of zeros; it stays in place
 */
ReslibBagFile *
_reslib_bag_names_add (ReslibBagNames *t,
                       const char     *name,
                       guint8          flags)
{
  g_autofree char *folded = _reslib_bag_fold_name (name);
  gsize len = strlen (name);
  gsize need;
  ReslibBagFile *file;
  guint32 at;

  if ((flags & RESLIB_BAG_DIR) != 0)
    flags |= RESLIB_BAG_SHORT;
  need = 1 + ((flags & RESLIB_BAG_SHORT) != 0 ? 0 : RESLIB_BAG_FILE_DATA) + len + 1;
  g_return_val_if_fail (need <= CHUNK_SIZE, NULL);
  if (t->chunks->len == 0 || t->used + need > CHUNK_SIZE)
    {
      g_return_val_if_fail (t->chunks->len + 1 < (1u << (32 - CHUNK_BITS)), NULL);
      /* Zeros (pages not touched until used): a flags byte of 0 ends a chunk's records. */
      g_ptr_array_add (t->chunks, g_malloc0 (CHUNK_SIZE));
      t->used = 0;
    }
  file = (ReslibBagFile *) ((guint8 *) g_ptr_array_index (t->chunks, t->chunks->len - 1) + t->used);
  file->flags = flags;
  memcpy (_reslib_bag_file_name (file), name, len + 1);

  /* Linear probing stays quick up to four slots in five used, and the table takes 8 to 10 bytes a name. */
  if ((guint64) (t->n_used + 1) * 5 > (guint64) t->n_slots * 4)
    grow (t);
  at = hash_folded (t, folded) & (t->n_slots - 1);
  while (t->slots[at].ref != 0)
    at = (at + 1) & (t->n_slots - 1);
  t->slots[at].hash = hash_folded (t, folded);
  t->slots[at].ref = (t->chunks->len << CHUNK_BITS) | (guint32) t->used;
  t->n_used++;
  t->used += need;

  return file;
}

/**
 * _reslib_bag_names_lookup:
 *
 * Returns: (nullable): the file @name of the tar (%RESLIB_BAG_SEEN, not a folder)
 */
ReslibBagFile *
_reslib_bag_names_lookup (ReslibBagNames *t,
                          const char     *name)
{
  ReslibBagFile *file = _reslib_bag_names_probe (t, name, NULL);

  if (file == NULL || (file->flags & (RESLIB_BAG_SEEN | RESLIB_BAG_DIR)) != RESLIB_BAG_SEEN)
    return NULL;

  return file;
}

/* Every record, in the order they were added. */
void
_reslib_bag_names_foreach (ReslibBagNames     *t,
                           ReslibBagNamesFunc  func,
                           gpointer            data)
{
  for (guint c = 0; c < t->chunks->len; c++)
    {
      guint8 *chunk = g_ptr_array_index (t->chunks, c);
      gsize end = c + 1 == t->chunks->len ? t->used : CHUNK_SIZE;

      for (gsize at = 0; at < end; )
        {
          ReslibBagFile *file = (ReslibBagFile *) (chunk + at);
          const char *name;

          if (file->flags == 0)
            break;
          name = _reslib_bag_file_name (file);
          func (file, data);
          at = (gsize) (name - (const char *) chunk) + strlen (name) + 1;
        }
    }
}

guint64
_reslib_bag_file_get_size (const ReslibBagFile *file)
{
  guint64 size;

  if ((file->flags & RESLIB_BAG_SHORT) != 0)
    return 0;
  memcpy (&size, (const guint8 *) file + 1, sizeof size);

  return size;
}

void
_reslib_bag_file_set_size (ReslibBagFile *file,
                           guint64        size)
{
  g_assert ((file->flags & RESLIB_BAG_SHORT) == 0);
  memcpy ((guint8 *) file + 1, &size, sizeof size);
}
