/* reslib-text.c — text from other people, made safe to show
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
  GString *out;
  const char *p, *end;

  if (text == NULL)
    return g_strdup ("");
  end = text + strlen (text);
  out = g_string_sized_new ((gsize) (end - text) + 8);
  for (p = text; p < end; )
    {
      gunichar c = g_utf8_get_char_validated (p, end - p);

      if (c == (gunichar) -1 || c == (gunichar) -2)
        {
          g_string_append_printf (out, "\\x%02x", (guint) (guchar) *p);
          p++;
          continue;
        }
      if (must_escape (c))
        {
          if (c < 0x80)
            g_string_append_printf (out, "\\x%02x", c);
          else
            g_string_append_printf (out, "\\u{%04x}", c);
        }
      else
        g_string_append_len (out, p, g_utf8_next_char (p) - p);
      p = g_utf8_next_char (p);
    }

  return g_string_free (out, FALSE);
}
