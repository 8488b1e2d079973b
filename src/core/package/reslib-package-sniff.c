/* reslib-package-sniff.c — telling a package from another file by its first tar headers
 *
 * A package is a tar with one top-level folder, the bag, that holds bagit.txt. The sniff reads
 * the first headers only (at most SNIFF_MAX_HEADERS, skipping the data between them), so it
 * takes the same short time for a 40 GB package as for a small one: what a drop or an open
 * decides with, before the verify of the import review reads everything.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "reslib-package-sniff.h"

#define BLOCK               512
#define SNIFF_MAX_HEADERS   64
#define SNIFF_MAX_EXTENDED  (64 * 1024)   /* a pax or GNU long-name header read for the next name */
#define SNIFF_MAX_BAGIT     4096          /* bagit.txt holds two short lines */

typedef enum
{
  SNIFF_NO,          /* not a tar, or a tar that is not a bag */
  SNIFF_YES,
  SNIFF_MORE,        /* go on reading headers */
  SNIFF_FAILED,      /* the file could not be read: error set */
} SniffResult;

static guint64
parse_number (const guchar *field,
              gsize         len,
              gboolean     *ok)
{
  guint64 value = 0;
  gsize i = 0;

  *ok = TRUE;
  /* GNU base-256 for values that do not fit the octal field. */
  if (field[0] & 0x80)
    {
      if ((field[0] & 0x7f) != 0)
        {
          *ok = FALSE;
          return 0;
        }
      for (i = 1; i < len; i++)
        {
          if (value > (G_MAXUINT64 >> 8))
            {
              *ok = FALSE;
              return 0;
            }
          value = value << 8 | field[i];
        }
      return value;
    }
  while (i < len && field[i] == ' ')
    i++;
  for (; i < len && field[i] >= '0' && field[i] <= '7'; i++)
    {
      if (value > (G_MAXUINT64 >> 3))
        {
          *ok = FALSE;
          return 0;
        }
      value = value << 3 | (guint64) (field[i] - '0');
    }
  if (i < len && field[i] != ' ' && field[i] != '\0')
    *ok = FALSE;

  return value;
}

static gboolean
header_is_tar (const guchar *h)
{
  guint64 sum = 0;
  guint64 stored;
  gboolean ok;

  if (memcmp (h + 257, "ustar", 5) != 0)
    return FALSE;
  for (guint i = 0; i < BLOCK; i++)
    sum += (i >= 148 && i < 156) ? ' ' : h[i];
  stored = parse_number (h + 148, 8, &ok);

  return ok && stored == sum;
}

static gboolean
block_is_zero (const guchar *h)
{
  for (guint i = 0; i < BLOCK; i++)
    if (h[i] != 0)
      return FALSE;

  return TRUE;
}

static gboolean
read_block (GInputStream  *in,
            guchar        *buf,
            gsize          len,
            gboolean      *eof,
            GCancellable  *cancellable,
            GError       **error)
{
  gsize n = 0;

  *eof = FALSE;
  if (!g_input_stream_read_all (in, buf, len, &n, cancellable, error))
    return FALSE;
  *eof = n < len;

  return TRUE;
}

/* Skips @n bytes; a short file is the end of the tar. */
static gboolean
skip_bytes (GInputStream  *in,
            guint64        n,
            GCancellable  *cancellable,
            GError       **error)
{
  while (n > 0)
    {
      gssize done = g_input_stream_skip (in, (gsize) MIN (n, (guint64) G_MAXSSIZE), cancellable, error);

      if (done < 0)
        return FALSE;
      if (done == 0)
        return TRUE;
      n -= (guint64) done;
    }

  return TRUE;
}

static guint64
padded (guint64 size)
{
  return (size + BLOCK - 1) / BLOCK * BLOCK;
}

/* The "path" record of a pax extended header ("LEN path=VALUE\n"…), or NULL. */
static char *
pax_path (const char *data,
          gsize       len)
{
  gsize pos = 0;

  while (pos < len)
    {
      const char *rec = data + pos;
      char *end = NULL;
      guint64 rec_len = g_ascii_strtoull (rec, &end, 10);
      const char *kv;

      if (end == rec || *end != ' ' || rec_len == 0 || rec_len > len - pos)
        return NULL;
      kv = end + 1;
      if (rec[rec_len - 1] == '\n' && g_str_has_prefix (kv, "path=") && kv + 5 <= rec + rec_len - 1)
        return g_strndup (kv + 5, (rec + rec_len - 1) - (kv + 5));
      pos += rec_len;
    }

  return NULL;
}

/* One entry: @name its full name. */
static SniffResult
sniff_entry (const char  *name,
             char         type,
             char       **top,
             gboolean    *is_bagit)
{
  const char *slash;
  gsize top_len;

  *is_bagit = FALSE;
  while (g_str_has_prefix (name, "./"))
    name += 2;
  if (*name == '\0' || *name == '/')
    return SNIFF_NO;
  slash = strchr (name, '/');
  /* A file beside the folder: not one bag. */
  if (slash == NULL)
    return type == '5' && *top == NULL ? (*top = g_strdup (name), SNIFF_MORE) : SNIFF_NO;
  top_len = (gsize) (slash - name);
  if (*top == NULL)
    *top = g_strndup (name, top_len);
  else if (strlen (*top) != top_len || strncmp (*top, name, top_len) != 0)
    return SNIFF_NO;
  *is_bagit = strcmp (slash + 1, "bagit.txt") == 0 && (type == '0' || type == '\0');

  return SNIFF_MORE;
}

static SniffResult
sniff_stream (GInputStream  *in,
              char         **bag_out,
              GCancellable  *cancellable,
              GError       **error)
{
  g_autofree char *top = NULL;
  g_autofree char *long_name = NULL;
  guchar h[BLOCK];

  for (guint n = 0; n < SNIFF_MAX_HEADERS; n++)
    {
      g_autofree char *name = NULL;
      guint64 size;
      gboolean ok, eof, is_bagit;
      char type;
      SniffResult r;

      if (!read_block (in, h, BLOCK, &eof, cancellable, error))
        return SNIFF_FAILED;
      if (eof || block_is_zero (h) || !header_is_tar (h))
        return SNIFF_NO;
      type = (char) h[156];
      size = parse_number (h + 124, 12, &ok);
      if (!ok)
        return SNIFF_NO;

      if (type == 'x' || type == 'L')
        {
          g_autofree char *data = NULL;

          if (size > SNIFF_MAX_EXTENDED)
            return SNIFF_NO;
          data = g_malloc0 (padded (size) + 1);
          if (!read_block (in, (guchar *) data, padded (size), &eof, cancellable, error))
            return SNIFF_FAILED;
          if (eof)
            return SNIFF_NO;
          g_free (long_name);
          long_name = type == 'x' ? pax_path (data, size) : g_strndup (data, size);
          continue;
        }
      if (type == 'g' || type == 'K')
        {
          if (!skip_bytes (in, padded (size), cancellable, error))
            return SNIFF_FAILED;
          continue;
        }

      if (long_name != NULL)
        name = g_steal_pointer (&long_name);
      else if (h[345] != '\0')
        name = g_strdup_printf ("%.155s/%.100s", (const char *) h + 345, (const char *) h);
      else
        name = g_strndup ((const char *) h, 100);

      r = sniff_entry (name, type, &top, &is_bagit);
      if (r != SNIFF_MORE)
        return r;
      if (is_bagit)
        {
          g_autofree char *text = NULL;

          if (size > SNIFF_MAX_BAGIT)
            return SNIFF_NO;
          text = g_malloc0 (size + 1);
          if (!read_block (in, (guchar *) text, size, &eof, cancellable, error))
            return SNIFF_FAILED;
          if (eof || !g_str_has_prefix (text, "BagIt-Version:"))
            return SNIFF_NO;
          if (bag_out != NULL)
            *bag_out = g_steal_pointer (&top);
          return SNIFF_YES;
        }
      if (!skip_bytes (in, padded (size), cancellable, error))
        return SNIFF_FAILED;
    }

  return SNIFF_NO;
}

/**
 * reslib_package_sniff:
 * @file: a file
 * @bag_out: (out) (optional) (transfer full): the bag's name when it is a package
 * @cancellable: (nullable): a #GCancellable
 * @error: set when the file could not be read
 *
 * Tells a package from another file by its first tar headers: a tar whose entries are one
 * folder holding bagit.txt. Cheap (a few blocks, whatever the size), so a drop or an open can
 * decide where a file goes; the package is verified as a whole only when it is imported.
 *
 * Returns: %TRUE when @file looks like a package; %FALSE when it does not (@error not set) or
 *   could not be read (@error set)
 */
gboolean
reslib_package_sniff (GFile         *file,
                      char         **bag_out,
                      GCancellable  *cancellable,
                      GError       **error)
{
  g_autoptr(GFileInputStream) in = NULL;
  SniffResult r;

  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (bag_out != NULL)
    *bag_out = NULL;
  in = g_file_read (file, cancellable, error);
  if (in == NULL)
    return FALSE;
  r = sniff_stream (G_INPUT_STREAM (in), bag_out, cancellable, error);

  return r == SNIFF_YES;
}
