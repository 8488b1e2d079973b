/* test-digest.c — the one SHA-256 (and tus's SHA-1) hasher of the core
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <locale.h>
#include <string.h>

#include "reslib-digest-set.h"
#include "reslib-digest.h"
#include "reslib-test-utils.h"

/* FIPS 180-2's examples, and the digest of nothing. */
static void
test_known_digests (void)
{
  static const struct
  {
    ReslibDigestKind kind;
    const char      *text;
    const char      *hex;
  } cases[] = {
    { RESLIB_DIGEST_SHA256, "", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855" },
    { RESLIB_DIGEST_SHA256, "abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad" },
    { RESLIB_DIGEST_SHA256, "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
      "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1" },
    { RESLIB_DIGEST_SHA1, "abc", "a9993e364706816aba3e25717850c26c9cd0d89d" },
    { RESLIB_DIGEST_SHA1, "", "da39a3ee5e6b4b0d3255bfef95601890afd80709" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(ReslibHasher) hasher = reslib_hasher_new (cases[i].kind, &error);
      char hex[2 * RESLIB_DIGEST_MAX_SIZE + 1];

      g_assert_no_error (error);
      g_assert_nonnull (hasher);
      reslib_hasher_update (hasher, cases[i].text, strlen (cases[i].text));
      reslib_hasher_finish_hex (hasher, hex);
      g_assert_cmpstr (hex, ==, cases[i].hex);
    }
}

/* Fed in pieces of every size, a hasher gives what the one-shot helper and GLib's GChecksum give. */
static void
test_streaming (void)
{
  gsize len = 3 * 65536 + 17;
  g_autofree guint8 *data = g_malloc (len);
  g_autofree char *expected = NULL;
  char one_shot[RESLIB_SHA256_HEX_SIZE];
  GRand *rand = g_rand_new_with_seed (7);

  for (gsize i = 0; i < len; i++)
    data[i] = (guint8) g_rand_int (rand);
  g_rand_free (rand);
  expected = g_compute_checksum_for_data (G_CHECKSUM_SHA256, data, len);
  reslib_sha256_hex (data, len, one_shot);
  g_assert_cmpstr (one_shot, ==, expected);

  for (gsize step = 1; step <= 65537; step = step * 3 + 1)
    {
      g_autoptr(ReslibHasher) hasher = reslib_hasher_new (RESLIB_DIGEST_SHA256, NULL);
      guint8 digest[RESLIB_DIGEST_MAX_SIZE];
      char hex[RESLIB_SHA256_HEX_SIZE];

      for (gsize done = 0; done < len; done += MIN (step, len - done))
        reslib_hasher_update (hasher, data + done, MIN (step, len - done));
      g_assert_cmpuint (reslib_hasher_finish (hasher, digest), ==, RESLIB_SHA256_SIZE);
      reslib_digest_to_hex (digest, RESLIB_SHA256_SIZE, hex);
      g_assert_cmpstr (hex, ==, expected);
    }
}

/* A hasher dropped before it is finished (an error half-way through a file) frees what it holds. */
static void
test_free_unfinished (void)
{
  ReslibHasher *hasher = reslib_hasher_new (RESLIB_DIGEST_SHA256, NULL);

  reslib_hasher_update (hasher, "half", 4);
  reslib_hasher_free (hasher);
  reslib_hasher_free (NULL);
}

/* Hex reads back into the bytes it was written from; anything but exactly 2 × len hex digits is refused and
 * leaves the bytes alone. */
static void
test_from_hex (void)
{
  static const char * const bad[] = { "", "abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015a",
                                      "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad0",
                                      "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ag",
                                      "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f2 015ad" };
  const char *hex = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";
  guint8 digest[RESLIB_SHA256_SIZE];
  guint8 untouched[RESLIB_SHA256_SIZE];
  char back[RESLIB_SHA256_HEX_SIZE];

  g_assert_true (reslib_digest_from_hex (hex, digest, sizeof digest));
  g_assert_cmpuint (digest[0], ==, 0xba);
  g_assert_cmpuint (digest[31], ==, 0xad);
  reslib_digest_to_hex (digest, sizeof digest, back);
  g_assert_cmpstr (back, ==, hex);
  g_assert_true (reslib_digest_from_hex ("BA7816BF8F01CFEA414140DE5DAE2223B00361A396177A9CB410FF61F20015AD", digest,
                                         sizeof digest));
  reslib_digest_to_hex (digest, sizeof digest, back);
  g_assert_cmpstr (back, ==, hex);

  memset (untouched, 0x5a, sizeof untouched);
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      memcpy (digest, untouched, sizeof digest);
      g_assert_false (reslib_digest_from_hex (bad[i], digest, sizeof digest));
      g_assert_cmpmem (digest, sizeof digest, untouched, sizeof untouched);
    }
  g_assert_false (reslib_digest_from_hex (NULL, digest, sizeof digest));
}

/* A SHA-256 saved and restored at any length (within a block, at its end, after many) goes on to the same
 * digest as one computed in one go; a state that is not one is refused. */
static void
test_resumable (void)
{
  g_autofree guint8 *data = g_malloc (200000);
  char expected[RESLIB_SHA256_HEX_SIZE];
  const gsize cuts[] = { 0, 1, 55, 63, 64, 65, 127, 128, 4096, 100001, 199999, 200000 };

  for (gsize i = 0; i < 200000; i++)
    data[i] = (guint8) (i * 7 + (i >> 9));
  reslib_sha256_hex (data, 200000, expected);

  for (guint c = 0; c < G_N_ELEMENTS (cuts); c++)
    {
      g_autoptr(ReslibSha256Resumable) first = reslib_sha256_resumable_new ();
      g_autoptr(ReslibSha256Resumable) second = NULL;
      guint8 state[RESLIB_SHA256_STATE_SIZE];
      char hex[RESLIB_SHA256_HEX_SIZE];

      reslib_sha256_resumable_update (first, data, cuts[c]);
      reslib_sha256_resumable_save (first, state);
      g_clear_pointer (&first, reslib_sha256_resumable_free);
      second = reslib_sha256_resumable_restore (state, sizeof state);
      g_assert_nonnull (second);
      reslib_sha256_resumable_update (second, data + cuts[c], 200000 - cuts[c]);
      reslib_sha256_resumable_finish_hex (second, hex);
      g_assert_cmpstr (hex, ==, expected);
    }

  {
    g_autoptr(ReslibSha256Resumable) md = reslib_sha256_resumable_new ();
    guint8 state[RESLIB_SHA256_STATE_SIZE];

    reslib_sha256_resumable_update (md, data, 70);
    reslib_sha256_resumable_save (md, state);
    g_assert_null (reslib_sha256_resumable_restore (state, sizeof state - 1));
    g_assert_null (reslib_sha256_resumable_restore (NULL, 0));
    /* The bytes of the partial block (6) no longer agree with the length. */
    state[8 * 4] ^= 0x08;
    g_assert_null (reslib_sha256_resumable_restore (state, sizeof state));
  }
}

/* The set of binary digests an import and its stage share: more entries than one block holds, entries
 * that stay where they are while it grows, removal (in the middle of a walk too), the walk in the order
 * of adding. */
static void
test_digest_set (void)
{
  g_autoptr(ReslibDigestSet) set = reslib_digest_set_new ();
  const guint n = 2500;
  ReslibDigestEntry *first;
  ReslibDigestEntry *entry;
  ReslibDigestIter iter;
  guint8 digest[RESLIB_SHA256_SIZE];
  guint seen = 0;

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *text = g_strdup_printf ("blob %u", i);
      g_autoptr(ReslibHasher) md = reslib_hasher_new (RESLIB_DIGEST_SHA256, NULL);

      reslib_hasher_update (md, text, strlen (text));
      reslib_hasher_finish (md, digest);
      g_assert_null (reslib_digest_set_lookup (set, digest));
      entry = reslib_digest_set_add (set, digest);
      g_assert_cmpmem (entry->digest, sizeof entry->digest, digest, sizeof digest);
      g_assert_cmpuint (entry->flags, ==, 0);
      entry->size = i;
      entry->flags = i % 2 == 0 ? RESLIB_DIGEST_STAGED : RESLIB_DIGEST_PRESENT;
      /* Adding it again gives the same entry. */
      g_assert_true (reslib_digest_set_add (set, digest) == entry);
    }
  g_assert_cmpuint (reslib_digest_set_size (set), ==, n);
  {
    g_autoptr(ReslibHasher) md = reslib_hasher_new (RESLIB_DIGEST_SHA256, NULL);

    reslib_hasher_update (md, "blob 0", 6);
    reslib_hasher_finish (md, digest);
  }
  first = reslib_digest_set_lookup (set, digest);
  g_assert_nonnull (first);
  g_assert_cmpuint (first->size, ==, 0);

  /* Every odd one removed while walking: the walk goes on, in the order of adding. */
  reslib_digest_iter_init (&iter, set);
  while ((entry = reslib_digest_iter_next (&iter)) != NULL)
    {
      g_assert_cmpuint (entry->size, ==, seen);
      seen++;
      if (entry->flags & RESLIB_DIGEST_PRESENT)
        g_assert_true (reslib_digest_set_remove (set, entry->digest));
    }
  g_assert_cmpuint (seen, ==, n);
  g_assert_cmpuint (reslib_digest_set_size (set), ==, n / 2);
  g_assert_false (reslib_digest_set_remove (set, (guint8[RESLIB_SHA256_SIZE]) { 1 }));

  seen = 0;
  reslib_digest_iter_init (&iter, set);
  while ((entry = reslib_digest_iter_next (&iter)) != NULL)
    {
      g_assert_cmpuint (entry->size, ==, 2 * seen);
      g_assert_true (entry->flags == RESLIB_DIGEST_STAGED);
      g_assert_true (reslib_digest_set_lookup (set, entry->digest) == entry);
      seen++;
    }
  g_assert_cmpuint (seen, ==, n / 2);
  g_assert_true (reslib_digest_set_lookup (set, first->digest) == first);

  /* An empty set walks nothing. */
  {
    g_autoptr(ReslibDigestSet) empty = reslib_digest_set_new ();

    reslib_digest_iter_init (&iter, empty);
    g_assert_null (reslib_digest_iter_next (&iter));
    g_assert_cmpuint (reslib_digest_set_size (empty), ==, 0);
  }
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);
  reslib_core_init ();

  g_test_add_func ("/digest/known", test_known_digests);
  g_test_add_func ("/digest/streaming", test_streaming);
  g_test_add_func ("/digest/free-unfinished", test_free_unfinished);
  g_test_add_func ("/digest/from-hex", test_from_hex);
  g_test_add_func ("/digest/resumable", test_resumable);
  g_test_add_func ("/digest/set", test_digest_set);

  return g_test_run ();
}
