/* reslib-portable-name.c — the one rule for the names of files in packages and exports
 *
 * A payload name must mean the same file to every tool that reads the package: BagIt validators that
 * decode only %0A and %0D in manifests and those that decode %25 too, Windows extracting the tar or the
 * zip, Moodle cleaning each path component with clean_param(PARAM_FILE) and finding files by the hrefs
 * of imsmanifest.xml, and any reader that takes an href as a URI reference.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "reslib-portable-name.h"

/* "%": manifests would have to encode it (RFC 8493 §2.1.3), and validators disagree on decoding it.
 * "<>:\"/\\|?*": Windows cannot create them. "&'`" (with "<>\":|"): Moodle drops them. "#": cuts an href. */
#define FORBIDDEN_ASCII "%<>:\"/\\|?*&'`#"

/* An extension is kept when a name is shortened: at most this many bytes, the dot included. */
#define MAX_EXTENSION_BYTES 16

static gboolean
is_forbidden (gunichar c)
{
  if (g_unichar_type (c) == G_UNICODE_CONTROL)
    return TRUE;

  return c < 0x80 && strchr (FORBIDDEN_ASCII, (int) c) != NULL;
}

static gboolean
is_mark (gunichar c)
{
  GUnicodeType type = g_unichar_type (c);

  return type == G_UNICODE_NON_SPACING_MARK || type == G_UNICODE_SPACING_MARK || type == G_UNICODE_ENCLOSING_MARK;
}

/* Windows' device names, with any extension, in any case; also with spaces before the extension. */
static gboolean
is_reserved (const char *name)
{
  static const char * const devices[] = { "con", "prn", "aux", "nul", "conin$", "conout$", NULL };
  /* COM0–COM9, LPT0–LPT9 and COM¹ … LPT³ */
  static const char * const numbers[] = { "0", "1", "2", "3", "4", "5", "6", "7", "8", "9",
                                          "\xc2\xb9", "\xc2\xb2", "\xc2\xb3", NULL };
  const char *dot = strchr (name, '.');
  gsize len = dot != NULL ? (gsize) (dot - name) : strlen (name);
  g_autofree char *stem = NULL;

  while (len > 0 && name[len - 1] == ' ')
    len--;
  stem = g_ascii_strdown (name, (gssize) len);
  if (g_strv_contains (devices, stem))
    return TRUE;
  if (g_str_has_prefix (stem, "com") || g_str_has_prefix (stem, "lpt"))
    return g_strv_contains (numbers, stem + 3);

  return FALSE;
}

/* Where the extension of @name starts: its last dot, when that is not the first character and what
 * follows is short and has no space; else the end of @name. */
static gsize
extension_start (const char *name,
                 gsize       len)
{
  const char *dot = g_strrstr_len (name, (gssize) len, ".");
  gsize ext_len;

  if (dot == NULL || dot == name)
    return len;
  ext_len = len - (gsize) (dot - name);
  if (ext_len < 2 || ext_len > MAX_EXTENSION_BYTES || memchr (dot, ' ', ext_len) != NULL)
    return len;

  return (gsize) (dot - name);
}

/* @clean is a cleaned name; @suffix (may be "") goes between its stem and its extension. The stem is cut
 * on a character boundary (never before a combining mark) so that the whole fits the bound. */
static char *
compose (const char *clean,
         const char *suffix)
{
  gsize len = strlen (clean);
  gsize ext = extension_start (clean, len);
  gsize ext_len = len - ext;
  gsize suffix_len = strlen (suffix);
  gsize stem_max = RESLIB_PORTABLE_NAME_MAX_BYTES - ext_len - suffix_len;
  gsize cut = ext;
  GString *out;

  if (ext > stem_max)
    {
      cut = 0;
      for (const char *p = clean; p < clean + ext; p = g_utf8_next_char (p))
        {
          gsize next = (gsize) (g_utf8_next_char (p) - clean);

          if (next > stem_max)
            break;
          if (next >= ext || !is_mark (g_utf8_get_char (clean + next)))
            cut = next;
        }
      /* No trailing dot or space where the cut fell. */
      while (cut > 0 && (clean[cut - 1] == '.' || clean[cut - 1] == ' '))
        cut--;
    }

  out = g_string_sized_new (cut + suffix_len + ext_len);
  if (cut == 0)
    g_string_append (out, "file");   /* a stem cut to nothing */
  else
    g_string_append_len (out, clean, (gssize) cut);
  g_string_append (out, suffix);
  g_string_append_len (out, clean + ext, (gssize) ext_len);

  return g_string_free (out, FALSE);
}

/* The name with every character no tool may see replaced, trailing dots and spaces removed and device
 * names escaped; not bounded yet. */
static char *
clean_name (const char *name)
{
  g_autofree char *valid = g_utf8_make_valid (name != NULL ? name : "", -1);
  /* NFC: tar readers such as libarchive hand out pax names in NFC, and Moodle normalizes names so. */
  g_autofree char *nfc = g_utf8_normalize (valid, -1, G_NORMALIZE_NFC);
  GString *out = g_string_new (NULL);

  for (const char *p = nfc; *p != '\0'; p = g_utf8_next_char (p))
    {
      if (is_forbidden (g_utf8_get_char (p)))
        g_string_append_c (out, '_');
      else
        g_string_append_len (out, p, g_utf8_next_char (p) - p);
    }
  while (out->len > 0 && (out->str[out->len - 1] == '.' || out->str[out->len - 1] == ' '))
    g_string_truncate (out, out->len - 1);
  if (out->len == 0)
    g_string_assign (out, "file");
  if (is_reserved (out->str))
    g_string_prepend_c (out, '_');

  return g_string_free (out, FALSE);
}

/**
 * reslib_portable_name:
 * @name: (nullable): a file name as a user gave it, in any normalization, possibly not even UTF-8
 *
 * The name a file takes inside a package or an export, the only place such a name is made. It is
 * UTF-8 in NFC (Chinese names stay readable) and has:
 *
 * - no `%`, CR or LF, so that every BagIt validator finds the file whatever it decodes in a manifest
 *   line (bagit-python and bagit-java decode only `%0A` and `%0D`, BagItTools all of RFC 8493's);
 * - none of `<>:"/\|?*`, no control characters, no trailing dots or spaces and no Windows device name
 *   (`CON`, `PRN`, `AUX`, `NUL`, `COM0`–`COM9`, `LPT0`–`LPT9`, with any extension, in any case: an
 *   underscore goes before it), so that Windows extracts it;
 * - none of the characters Moodle's clean_param(PARAM_FILE) drops (`&<>"'`|:`), so that the name in
 *   the LMS is the name in imsmanifest.xml; and no `#`, which would end an href's path;
 * - at most %RESLIB_PORTABLE_NAME_MAX_BYTES bytes: a longer name keeps its extension (the last dot and
 *   up to 15 bytes after it) and loses the end of its stem, cut between characters.
 *
 * Each character that may not be kept becomes `_`; a name left empty becomes `file`. A name that
 * needs none of this is returned as it is. The original name stays in manifest.json and the LOM.
 *
 * Returns: (transfer full): the portable name
 */
char *
reslib_portable_name (const char *name)
{
  g_autofree char *clean = clean_name (name);

  return compose (clean, "");
}

/**
 * reslib_portable_name_is_portable:
 * @name: a file name
 *
 * Returns: whether reslib_portable_name() leaves @name as it is
 */
gboolean
reslib_portable_name_is_portable (const char *name)
{
  g_autofree char *portable = NULL;

  g_return_val_if_fail (name != NULL, FALSE);

  portable = reslib_portable_name (name);
  return strcmp (portable, name) == 0;
}

struct _ReslibNameSet
{
  GHashTable *taken;   /* casefolded NFC name → NULL */
};

static char *
name_key (const char *name)
{
  g_autofree char *folded = g_utf8_casefold (name, -1);

  return g_utf8_normalize (folded, -1, G_NORMALIZE_NFC);
}

/**
 * reslib_name_set_new:
 *
 * The names of the files of one folder, for reslib_name_set_add().
 *
 * Returns: (transfer full): an empty set of names
 */
ReslibNameSet *
reslib_name_set_new (void)
{
  ReslibNameSet *set = g_new0 (ReslibNameSet, 1);

  set->taken = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  return set;
}

/**
 * reslib_name_set_add:
 * @set: the names of a folder's files so far
 * @name: (nullable): a file name as a user gave it
 *
 * The portable name (reslib_portable_name()) of a new file of the folder, told apart from the names
 * already in @set, which it joins. Names that differ only in case are the same name here, as they are
 * on Windows and macOS: the second is "名 (2).mp4", the third "名 (3).mp4", and so on, the number
 * before the extension. The same names added in the same order give the same results.
 *
 * Returns: (transfer full): the file's name in the folder
 */
char *
reslib_name_set_add (ReslibNameSet *set,
                     const char    *name)
{
  g_autofree char *clean = NULL;
  char *candidate;

  g_return_val_if_fail (set != NULL, NULL);

  clean = clean_name (name);
  candidate = compose (clean, "");
  for (guint n = 2; ; n++)
    {
      char *key = name_key (candidate);

      if (!g_hash_table_contains (set->taken, key))
        {
          g_hash_table_add (set->taken, key);
          return candidate;
        }
      g_free (key);
      g_free (candidate);
      {
        g_autofree char *suffix = g_strdup_printf (" (%u)", n);

        candidate = compose (clean, suffix);
      }
    }
}

/**
 * reslib_name_set_free:
 * @set: (nullable) (transfer full): a set of names
 */
void
reslib_name_set_free (ReslibNameSet *set)
{
  if (set == NULL)
    return;
  g_hash_table_unref (set->taken);
  g_free (set);
}
