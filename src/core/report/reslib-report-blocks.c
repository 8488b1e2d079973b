/* reslib-report-blocks.c — building a report's blocks: headings, paragraphs, numbered table captions, tables,
 * and the numbers in them
 *
 * The report is written in Chinese for the province: its words here are document content, not user-interface
 * strings.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "reslib-report-private.h"

void
_reslib_report_block_free (Block *block)
{
  g_free (block->text);
  g_free (block->widths);
  g_free (block->numeric);
  g_strfreev (block->header);
  g_clear_pointer (&block->rows, g_ptr_array_unref);
  g_clear_pointer (&block->row_flags, g_array_unref);
  g_strfreev (block->lines);
  g_free (block);
}

const char *
_reslib_report_or_missing (const char *value)
{
  return value != NULL && *value != '\0' ? value : MISSING;
}

/* A NULL text of the store as ""; rows of the tables take NULL as missing. */
const char *
_reslib_report_or_empty (const char *text)
{
  return text != NULL ? text : "";
}

/* A section's heading, numbered 一、二、… in the order the sections come */
void
_reslib_report_add_heading (Report     *report,
                            const char *text)
{
  Block *block = g_new0 (Block, 1);
  static const char * const numbers[] = { "一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二",
                                          "十三", "十四", "十五" };
  guint n = report->headings->len;

  /* A report may name a shared section otherwise: the dossier's 建设进度 is the others' 建设进度与里程碑. */
  if (report->next_heading != NULL)
    text = report->next_heading;
  report->next_heading = NULL;
  report->n_subheadings = 0;
  block->type = BLOCK_HEADING;
  block->text = g_strdup_printf ("%s、%s", n < G_N_ELEMENTS (numbers) ? numbers[n] : "", text);
  g_ptr_array_add (report->blocks, block);
  g_ptr_array_add (report->headings, block->text);
}

/* A part of a section, numbered （一）（二）… within its section */
void
_reslib_report_add_subheading (Report     *report,
                               const char *text)
{
  static const char * const numbers[] = { "一", "二", "三", "四", "五", "六", "七", "八", "九", "十" };
  guint n = report->n_subheadings++;

  _reslib_report_add_textf (report, BLOCK_SUBHEADING, "（%s）%s", n < G_N_ELEMENTS (numbers) ? numbers[n] : "", text);
}

/* Text the project wrote (a narrative section of the dossier): each of its lines that is not blank is a
 * paragraph of its own; no text at all is shown as “（未填写）”. */
void
_reslib_report_add_narrative (Report     *report,
                              const char *text)
{
  g_auto(GStrv) lines = g_strsplit (text != NULL ? text : "", "\n", -1);
  guint n = 0;

  for (guint i = 0; lines[i] != NULL; i++)
    {
      const char *line = g_strstrip (lines[i]);

      /* An indent typed with ideographic spaces goes: the writers set paragraphs their own way. */
      while (g_str_has_prefix (line, "　"))
        line += strlen ("　");
      if (*line == '\0')
        continue;
      _reslib_report_add_text (report, BLOCK_PARAGRAPH, line);
      n++;
    }
  if (n == 0)
    _reslib_report_add_text (report, BLOCK_PARAGRAPH, MISSING);
}

void
_reslib_report_add_text (Report     *report,
                         BlockType   type,
                         const char *text)
{
  Block *block = g_new0 (Block, 1);

  block->type = type;
  block->text = g_strdup (text);
  g_ptr_array_add (report->blocks, block);
}

void
_reslib_report_add_textf (Report     *report,
                          BlockType   type,
                          const char *format,
                          ...)
{
  g_autofree char *text = NULL;
  va_list args;

  va_start (args, format);
  text = g_strdup_vprintf (format, args);
  va_end (args);
  _reslib_report_add_text (report, type, text);
}

/* A table's caption, numbered in the order the tables come: “表 3　按来源”. A caption whose table is replaced by
 * _reslib_report_empty_table() gives its number back, so the numbers never jump. */
void
_reslib_report_add_caption (Report     *report,
                            const char *text)
{
  g_autofree char *caption = g_strdup_printf ("表 %u　%s", ++report->n_tables, text);

  _reslib_report_add_text (report, BLOCK_NOTE, caption);
}

/* @columns: "caption:width" or "caption:width:n" for a right-aligned number column;
 * a NULL-terminated list. With @has_header FALSE the captions are ignored. */
Block *
_reslib_report_add_table (Report             *report,
                          gboolean            has_header,
                          const char * const *columns)
{
  Block *block = g_new0 (Block, 1);
  guint n = g_strv_length ((char **) columns);
  double total = 0;

  block->type = BLOCK_TABLE;
  block->n_columns = n;
  block->widths = g_new0 (double, n);
  block->numeric = g_new0 (gboolean, n);
  block->header = has_header ? g_new0 (char *, n + 1) : NULL;
  block->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  block->row_flags = g_array_new (FALSE, FALSE, sizeof (RowFlags));
  for (guint i = 0; i < n; i++)
    {
      g_auto(GStrv) parts = g_strsplit (columns[i], ":", 3);

      if (has_header)
        block->header[i] = g_strdup (parts[0]);
      block->widths[i] = parts[1] != NULL ? g_ascii_strtod (parts[1], NULL) : 1;
      block->numeric[i] = parts[1] != NULL && parts[2] != NULL;
      total += block->widths[i];
    }
  for (guint i = 0; i < n; i++)
    block->widths[i] /= total;
  g_ptr_array_add (report->blocks, block);

  return block;
}

/* Adds a row of @block->n_columns cells; NULL cells show the placeholder, "" is left blank. */
void
_reslib_report_table_add_row (Block              *block,
                              RowFlags            flags,
                              const char * const *cells)
{
  char **row = g_new0 (char *, block->n_columns + 1);

  for (guint i = 0; i < block->n_columns; i++)
    row[i] = g_strdup (cells[i] != NULL ? cells[i] : MISSING);
  g_ptr_array_add (block->rows, row);
  g_array_append_val (block->row_flags, flags);
}

/* Replaces the table just added, still without rows, and its caption by a paragraph saying what is missing. */
void
_reslib_report_empty_table (Report     *report,
                            Block      *table,
                            const char *text)
{
  g_assert (table->rows->len == 0);
  g_assert (g_ptr_array_index (report->blocks, report->blocks->len - 1) == table);
  g_ptr_array_remove_index (report->blocks, report->blocks->len - 1);
  /* and its caption */
  if (((Block *) g_ptr_array_index (report->blocks, report->blocks->len - 1))->type == BLOCK_NOTE &&
      g_str_has_prefix (((Block *) g_ptr_array_index (report->blocks, report->blocks->len - 1))->text, "表 "))
    {
      g_ptr_array_remove_index (report->blocks, report->blocks->len - 1);
      report->n_tables--;
    }
  _reslib_report_add_text (report, BLOCK_PARAGRAPH, text);
}

char *
_reslib_report_format_count (gint64 n)
{
  return g_strdup_printf ("%" G_GINT64_FORMAT, n);
}

char *
_reslib_report_format_percent (gint64 part,
                               gint64 whole)
{
  if (whole <= 0)
    return g_strdup ("—");
  return g_strdup_printf ("%.1f%%", 100.0 * (double) part / (double) whole);
}

/* Cents as yuan with thousands separators: 1234567 → "12,345.67" */
char *
_reslib_report_format_cents (gint64 cents)
{
  g_autofree char *digits = g_strdup_printf ("%" G_GINT64_FORMAT, cents / 100);
  GString *out = g_string_new (NULL);
  gsize len = strlen (digits);

  for (gsize i = 0; i < len; i++)
    {
      if (i > 0 && (len - i) % 3 == 0)
        g_string_append_c (out, ',');
      g_string_append_c (out, digits[i]);
    }
  g_string_append_printf (out, ".%02d", (int) (cents % 100));

  return g_string_free (out, FALSE);
}
