/* reslib-text.c — text from other people, made safe to show; lists as people type them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "reslib-text.h"

/* Characters a terminal acts on, or that reorder or hide what follows. */
static gboolean
must_escape (gunichar c)
{
  return c < 0x20 || c == 0x7f || (c >= 0x80 && c <= 0x9f) ||
         (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069) ||
         c == 0x2028 || c == 0x2029 || c == 0x200e || c == 0x200f || c == 0x061c;
}

/**
 * reslib_escape_text:
 * @text: (nullable): text from a file, a package, a server or the store
 *
 * Makes @text safe to print on a terminal or in a log: control characters (C0, DEL, C1, which
 * includes ESC of terminal escape sequences), line and paragraph separators and the bidirectional
 * controls are written as `\xNN` or `\u{NNNN}`, and bytes that are not UTF-8 as `\xNN`. Other text,
 * Chinese included, is left as it is.
 *
 * Returns: (transfer full): valid UTF-8 on one line; "" for %NULL
 */
char *
reslib_escape_text (const char *text)
{
  return reslib_escape_text_len (text, -1, G_MAXUINT);
}

/**
 * reslib_escape_text_len:
 * @text: (nullable) (array length=len): text from a file, a package, a server or the store
 * @len: how many bytes @text has, or -1 when it ends with a NUL
 * @max_chars: at most how many characters to write, escapes counted as they are written
 *
 * Makes @text safe to show as reslib_escape_text() does, but reads only @len bytes (a NUL among them
 * is written as `\x00`) and writes at most @max_chars characters, then "…" when some of @text is left
 * out: for what a server sends, which may be long.
 *
 * Returns: (transfer full): valid UTF-8 on one line; "" for %NULL
 */
char *
reslib_escape_text_len (const char *text,
                        gssize      len,
                        guint       max_chars)
{
  GString *out;
  const char *p, *end;
  guint chars = 0;

  if (text == NULL)
    return g_strdup ("");
  if (len < 0)
    len = (gssize) strlen (text);
  end = text + len;
  /* Most text has nothing to escape and fits: then it is copied as it is. */
  for (p = text; p < end && chars < max_chars; chars++)
    {
      gunichar c;

      if ((guchar) *p >= 0x20 && (guchar) *p < 0x7f)
        {
          p++;
          continue;
        }
      c = g_utf8_get_char_validated (p, end - p);
      if (c == (gunichar) -1 || c == (gunichar) -2 || c == 0 || must_escape (c))
        break;
      p = g_utf8_next_char (p);
    }
  if (p == end)
    return g_strndup (text, (gsize) len);
  chars = 0;
  out = g_string_sized_new (MIN ((gsize) len, (gsize) max_chars) + 8);
  for (p = text; p < end && chars < max_chars; )
    {
      gunichar c = g_utf8_get_char_validated (p, end - p);
      gsize before = out->len;

      if (c == (gunichar) -1 || c == (gunichar) -2 || c == 0)
        {
          g_string_append_printf (out, "\\x%02x", (guint) (guchar) *p);
          p++;
          chars += (guint) (out->len - before);
          continue;
        }
      if (must_escape (c))
        {
          if (c < 0x80)
            g_string_append_printf (out, "\\x%02x", c);
          else
            g_string_append_printf (out, "\\u{%04x}", c);
          chars += (guint) (out->len - before);
        }
      else
        {
          g_string_append_len (out, p, g_utf8_next_char (p) - p);
          chars++;
        }
      p = g_utf8_next_char (p);
    }
  if (p < end)
    g_string_append (out, "…");

  return g_string_free (out, FALSE);
}

static gboolean
is_list_separator (gunichar c)
{
  /* The comma, the full-width comma and the enumeration comma 、 that Chinese input methods type, and
   * the semicolons (; ；) that spreadsheets often separate lists with. */
  return c == ',' || c == 0xff0c || c == 0x3001 || c == ';' || c == 0xff1b;
}

#define IDEOGRAPHIC_SPACE "\xe3\x80\x80"

static void
add_item (GStrvBuilder *builder,
          const char   *start,
          const char   *end)
{
  for (;;)
    {
      if (start < end && g_ascii_isspace (*start))
        start++;
      else if (end - start >= 3 && memcmp (start, IDEOGRAPHIC_SPACE, 3) == 0)
        start += 3;
      else
        break;
    }
  for (;;)
    {
      if (end > start && g_ascii_isspace (end[-1]))
        end--;
      else if (end - start >= 3 && memcmp (end - 3, IDEOGRAPHIC_SPACE, 3) == 0)
        end -= 3;
      else
        break;
    }
  if (start < end)
    {
      g_autofree char *item = g_strndup (start, end - start);

      g_strv_builder_add (builder, item);
    }
}

/**
 * reslib_split_list:
 * @text: (nullable): a list as a person types it: "张三，李四、王五" or "a, b"
 *
 * Splits @text at each comma or semicolon: ",", the full-width "，", the enumeration comma "、", ";"
 * and the full-width "；" all separate items. Items are trimmed of white space (the full-width space too) and blank ones are dropped.
 * Bytes that are not UTF-8 are kept as they are, for the caller to refuse.
 *
 * Returns: (transfer full): the items, in order; an empty array for %NULL or blank @text
 */
char **
reslib_split_list (const char *text)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  const char *start, *p, *end;

  if (text == NULL)
    return g_strv_builder_end (builder);
  end = text + strlen (text);
  for (start = p = text; p < end; )
    {
      gunichar c = g_utf8_get_char_validated (p, end - p);

      if (c == (gunichar) -1 || c == (gunichar) -2)
        {
          p++;
          continue;
        }
      if (is_list_separator (c))
        {
          add_item (builder, start, p);
          p = g_utf8_next_char (p);
          start = p;
          continue;
        }
      p = g_utf8_next_char (p);
    }
  add_item (builder, start, end);

  return g_strv_builder_end (builder);
}
