/* reslib-sheet-xlsx-skip.c — a part read with the content of one element left out
 *
 * The sheet lists its merged cells after its rows, so the reader looks for them before it reads the
 * rows. Parsing the whole sheet for them would cost as much as reading it: instead the XML reader of
 * that first pass is given the part without the content of its <sheetData> elements. A small lexer
 * over the unpacked bytes finds where they start and end: it knows tags (with quoted attribute
 * values, where '>' may stand), comments, CDATA sections and processing instructions (where anything
 * may stand), so only a real end tag ends the element, and a <sheetData> nested in it is counted. The
 * element's tags are kept (<sheetData …></sheetData>), and so are the line breaks of its content, so
 * that libxml2's complaints about the rest name the part's own lines (an empty comment after every
 * LINES_RUN of them keeps the whitespace from making a text node of more than libxml2's 10 MB). What
 * is left out is still unpacked and counted against the bounds of reslib-sheet-xlsx-parts.c, and the
 * second pass parses it whole.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "reslib-sheet-xlsx-private.h"

#define RAW_BYTES (64 * 1024)
/* Longer tag names are not the element's. */
#define MAX_NAME 128
#define LINES_RUN 65536

typedef enum
{
  LEX_TEXT,
  LEX_LT,        /* after '<' */
  LEX_NAME,      /* a tag's name */
  LEX_TAG,       /* in a tag, after its name, up to '>' */
  LEX_BANG,      /* after "<!": a comment, a CDATA section or a declaration */
  LEX_COMMENT,
  LEX_CDATA,
  LEX_PI,
  LEX_DECL,      /* "<!X…>" */
} LexState;

struct _XlsxSkip
{
  char      *element;
  char      *raw;
  GString   *out;          /* what the reader is given, not yet taken */
  gsize      out_pos;
  LexState   state;
  gboolean   end_tag;      /* the tag being read is an end tag */
  gboolean   slash;        /* the last character in the tag was '/' */
  char       quote;        /* in a quoted attribute value: its quote */
  char       name[MAX_NAME + 1];
  guint      name_len;     /* > MAX_NAME: a name too long to be the element's */
  guint      marks;        /* the '-' before "-->"'s '>', the ']' before "]]>"'s, the '?' before "?>"'s */
  guint      depth;        /* > 0: inside the element, leaving its content out */
  guint      run;          /* line breaks given since the last empty comment */
};

XlsxSkip *
_reslib_xlsx_skip_new (const char *element)
{
  XlsxSkip *skip = g_new0 (XlsxSkip, 1);

  skip->element = g_strdup (element);
  skip->raw = g_malloc (RAW_BYTES);
  skip->out = g_string_sized_new (RAW_BYTES);

  return skip;
}

void
_reslib_xlsx_skip_free (XlsxSkip *skip)
{
  if (skip == NULL)
    return;
  g_free (skip->element);
  g_free (skip->raw);
  g_string_free (skip->out, TRUE);
  g_free (skip);
}

/* Gives the line breaks of @p[0..@end), content left out. */
static void
give_lines (XlsxSkip   *skip,
            const char *p,
            const char *end)
{
  while (p < end && (p = memchr (p, '\n', (gsize) (end - p))) != NULL)
    {
      g_string_append_c (skip->out, '\n');
      if (++skip->run == LINES_RUN)
        {
          g_string_append (skip->out, "<!---->");
          skip->run = 0;
        }
      p++;
    }
}

/* Whether the tag name read is the element's (its local name: a prefix is allowed). */
static gboolean
name_is_element (XlsxSkip *skip)
{
  const char *local;

  if (skip->name_len > MAX_NAME)
    return FALSE;
  skip->name[skip->name_len] = '\0';
  local = strrchr (skip->name, ':');
  local = local != NULL ? local + 1 : skip->name;

  return strcmp (local, skip->element) == 0;
}

static gboolean
is_space (char c)
{
  return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* Lexes @p[0..@n), appending to skip->out what the reader is given. */
/* In a tag or a declaration: whether @c is in a quoted attribute value or is one of its quotes (noted
 * in @skip), where a '>' does not end it. */
static gboolean
in_quotes (XlsxSkip *skip,
           char      c)
{
  if (skip->quote != 0)
    {
      if (c == skip->quote)
        skip->quote = 0;
      return TRUE;
    }
  if (c == '"' || c == '\'')
    {
      skip->quote = c;
      return TRUE;
    }

  return FALSE;
}

/* In a comment or a CDATA section: whether @c is the '>' that ends it, after two @mark or more
 * ("-->", "]]>"); counts the marks in @skip. */
static gboolean
ends_after_marks (XlsxSkip *skip,
                  char      c,
                  char      mark)
{
  gboolean end;

  if (c == mark)
    {
      skip->marks++;
      return FALSE;
    }
  end = c == '>' && skip->marks >= 2;
  skip->marks = 0;

  return end;
}

static void
filter (XlsxSkip   *skip,
        const char *p,
        gsize       n)
{
  const char *end = p + n;
  const char *from = p;   /* the start of what is given, or of what is left out */

  while (p < end)
    {
      char c = *p;

      switch (skip->state)
        {
        case LEX_TEXT:
          p = memchr (p, '<', (gsize) (end - p));
          if (p == NULL)
            {
              p = end;
              continue;
            }
          skip->state = LEX_LT;
          break;

        case LEX_LT:
          skip->name_len = 0;
          skip->end_tag = FALSE;
          skip->slash = FALSE;
          skip->quote = 0;
          skip->marks = 0;
          if (c == '!')
            skip->state = LEX_BANG;
          else if (c == '?')
            skip->state = LEX_PI;
          else if (c == '/')
            skip->end_tag = TRUE, skip->state = LEX_NAME;
          else
            {
              skip->state = LEX_NAME;
              continue;   /* the name's first character */
            }
          break;

        case LEX_NAME:
          if (is_space (c) || c == '>' || c == '/')
            {
              skip->state = LEX_TAG;
              if (skip->end_tag && skip->depth > 0 && name_is_element (skip) && --skip->depth == 0)
                {
                  /* The element's end tag: given from here on, with its start as read. */
                  give_lines (skip, from, p);
                  g_string_append (skip->out, "</");
                  g_string_append (skip->out, skip->name);
                  from = p;
                }
              continue;   /* the character after the name, in the tag */
            }
          if (skip->name_len <= MAX_NAME)
            skip->name[skip->name_len++] = c;
          break;

        case LEX_TAG:
          if (!in_quotes (skip, c) && c == '>')
            {
              skip->state = LEX_TEXT;
              if (!skip->end_tag && !skip->slash && name_is_element (skip) && skip->depth++ == 0)
                {
                  /* The element's start tag: given up to its '>', its content left out. */
                  g_string_append_len (skip->out, from, p + 1 - from);
                  skip->run = 0;
                  from = p + 1;
                }
            }
          skip->slash = skip->quote == 0 && c == '/';
          break;

        case LEX_BANG:
          {
            static const char cdata[] = "[CDATA[";

            /* "<!--" or "<![CDATA[": the characters after "<!" gathered until they tell. */
            skip->name[skip->name_len++] = c;
            if (skip->name_len == 2 && memcmp (skip->name, "--", 2) == 0)
              skip->state = LEX_COMMENT, skip->marks = 0;
            else if (skip->name_len == 7 && memcmp (skip->name, cdata, 7) == 0)
              skip->state = LEX_CDATA, skip->marks = 0;
            else if (!(skip->name_len == 1 && c == '-') && memcmp (skip->name, cdata, skip->name_len) != 0)
              {
                /* A declaration: this character is read as one of it (what came before it was "-" or the
                 * start of "[CDATA[", neither a quote nor '>'). */
                skip->name_len = 0;
                skip->state = LEX_DECL;
                continue;
              }
          }
          break;

        case LEX_COMMENT:
        case LEX_CDATA:
          if (ends_after_marks (skip, c, skip->state == LEX_COMMENT ? '-' : ']'))
            skip->state = LEX_TEXT;
          break;

        case LEX_PI:
          if (c == '>' && skip->marks > 0)
            skip->state = LEX_TEXT;
          skip->marks = c == '?';
          break;

        case LEX_DECL:
          if (!in_quotes (skip, c) && c == '>')
            skip->state = LEX_TEXT;
          break;
        }
      p++;
    }

  if (skip->depth == 0)
    g_string_append_len (skip->out, from, end - from);
  else
    give_lines (skip, from, end);
}

int
_reslib_xlsx_skip_read (void *context,
                        char *buffer,
                        int   len)
{
  XlsxZip *zip = context;
  XlsxSkip *skip = zip->skip;
  gsize n;

  /* The reader takes 0 for the end of the part: read on until there is something to give. */
  while (skip->out_pos == skip->out->len)
    {
      int got;

      g_string_truncate (skip->out, 0);
      skip->out_pos = 0;
      got = _reslib_xlsx_read_raw (zip, skip->raw, RAW_BYTES);
      if (got <= 0)
        return got;
      filter (skip, skip->raw, (gsize) got);
    }
  n = MIN ((gsize) len, skip->out->len - skip->out_pos);
  memcpy (buffer, skip->out->str + skip->out_pos, n);
  skip->out_pos += n;

  return (int) n;
}
