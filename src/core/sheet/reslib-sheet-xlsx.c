/* reslib-sheet-xlsx.c — an xlsx workbook's sheet read one row at a time
 *
 * The sheet's XML is streamed: only the current row's cells are held. Cells are placed by their
 * reference (B7), so gaps stay empty; shared and inline strings are text, numbers stored as text
 * stay text, a number is written without a needless fraction (2.0 → "2"), a number in a date format
 * becomes YYYY-MM-DD, booleans TRUE/FALSE. Merged cells (read in a first pass over the sheet that
 * leaves its rows out, since the sheet lists them after its rows) give their value to every cell they cover, so a header or a
 * course merged over several cells is read in each of them.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "reslib-error.h"
#include "reslib-sheet-xlsx-private.h"

typedef struct
{
  guint  r1, c1, r2, c2;
  char  *value;
} Merge;

#define RESLIB_TYPE_SHEET_XLSX (reslib_sheet_xlsx_get_type ())
G_DECLARE_FINAL_TYPE (ReslibSheetXlsx, reslib_sheet_xlsx, RESLIB, SHEET_XLSX, ReslibSheetReader)

struct _ReslibSheetXlsx
{
  ReslibSheetReader  parent_instance;

  XlsxBook           book;
  xmlTextReaderPtr   reader;
  gboolean           done;
  guint              last_row;
  GArray            *merges;    /* Merge, by first row */
  guint              next_merge;
  GPtrArray         *active;    /* Merge *: the merges covering the rows being read */
};

G_DEFINE_FINAL_TYPE (ReslibSheetXlsx, reslib_sheet_xlsx, RESLIB_TYPE_SHEET_READER)

static void
bad_sheet (ReslibSheetXlsx  *self,
           guint             row,
           GError          **error,
           const char       *reason)
{
  if (row > 0)
    g_set_error (error, RESLIB_ERROR, RESLIB_ERROR_BAD_FILE, _("“%s”, part %s, row %u: %s"), self->book.zip.display,
                 self->book.sheet_part, row, reason);
  else
    g_set_error (error, RESLIB_ERROR, RESLIB_ERROR_BAD_FILE, _("“%s”, part %s: %s"), self->book.zip.display,
                 self->book.sheet_part, reason);
}

static const char *
local_name (xmlTextReaderPtr reader)
{
  const xmlChar *name = xmlTextReaderConstLocalName (reader);

  return name != NULL ? (const char *) name : "";
}

static char *
get_attribute (xmlTextReaderPtr  reader,
               const char       *name)
{
  xmlChar *value = xmlTextReaderGetAttribute (reader, (const xmlChar *) name);
  char *copy = value != NULL ? g_strdup ((const char *) value) : NULL;

  xmlFree (value);

  return copy;
}

static int
compare_merges (gconstpointer a,
                gconstpointer b)
{
  const Merge *ma = a, *mb = b;

  return ma->r1 < mb->r1 ? -1 : ma->r1 > mb->r1;
}

/* The first pass: the sheet's merged cells, read without parsing its rows (the content of
 * <sheetData> is left out, reslib-sheet-xlsx-skip.c: the second pass reads it). */
static gboolean
read_merges (ReslibSheetXlsx  *self,
             GError          **error)
{
  xmlTextReaderPtr reader = _reslib_xlsx_open_part_without (&self->book.zip, self->book.sheet_part, "sheetData",
                                                            error);
  int rc;

  if (reader == NULL)
    return FALSE;
  while ((rc = _reslib_xlsx_read (&self->book.zip, reader, error)) == 1)
    {
      if (xmlTextReaderNodeType (reader) == XML_READER_TYPE_ELEMENT && strcmp (local_name (reader), "mergeCell") == 0)
        {
          g_autofree char *ref = get_attribute (reader, "ref");
          g_auto(GStrv) ends = ref != NULL ? g_strsplit (ref, ":", 3) : NULL;
          Merge merge = { 0 };

          if (self->merges->len >= RESLIB_SHEET_MAX_MERGES)
            {
              g_autofree char *reason = g_strdup_printf (_("more than %u merged cells"), RESLIB_SHEET_MAX_MERGES);

              bad_sheet (self, 0, error, reason);
              rc = -1;
              break;
            }
          if (ends == NULL || g_strv_length (ends) != 2 || !_reslib_xlsx_parse_ref (ends[0], &merge.c1, &merge.r1) ||
              !_reslib_xlsx_parse_ref (ends[1], &merge.c2, &merge.r2) || merge.r2 < merge.r1 || merge.c2 < merge.c1)
            {
              g_autofree char *reason = g_strdup_printf (_("the merged cells “%s” are not a range of cells"),
                                                         ref != NULL ? ref : "");

              bad_sheet (self, 0, error, reason);
              rc = -1;
              break;
            }
          g_array_append_val (self->merges, merge);
        }
    }
  _reslib_xlsx_close_part (&self->book.zip, reader);
  if (rc < 0)
    return FALSE;
  if (self->book.zip.error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&self->book.zip.error));
      return FALSE;
    }
  g_array_sort (self->merges, compare_merges);

  return TRUE;
}

static void
format_number (ReslibSheetXlsx *self,
               const char      *text,
               gboolean         date,
               GString         *out)
{
  char *end = NULL;
  double d;

  d = g_ascii_strtod (text, &end);
  if (end == text || *end != '\0' || !isfinite (d))
    {
      g_string_append (out, text);
      return;
    }
  if (date && d >= 0 && d < 2958466)
    {
      g_autoptr(GDate) day = g_date_new ();
      guint days = (guint) d;

      if (self->book.date1904)
        g_date_set_dmy (day, 1, G_DATE_JANUARY, 1904);
      else if (days < 61)   /* Excel's 1900 has a 29 February; before it, day 1 is 1 January 1900 */
        g_date_set_dmy (day, 31, G_DATE_DECEMBER, 1899);
      else
        g_date_set_dmy (day, 30, G_DATE_DECEMBER, 1899);
      g_date_add_days (day, days);
      g_string_append_printf (out, "%04u-%02u-%02u", g_date_get_year (day), g_date_get_month (day),
                              g_date_get_day (day));
      return;
    }
  if (d > -1e15 && d < 1e15 && d == (double) (gint64) d)
    g_string_append_printf (out, "%" G_GINT64_FORMAT, (gint64) d);
  else
    {
      char buf[G_ASCII_DTOSTR_BUF_SIZE];

      g_string_append (out, g_ascii_formatd (buf, sizeof buf, "%.15g", d));
    }
}

static gboolean
put_cell (ReslibSheetXlsx  *self,
          GPtrArray        *cells,
          guint             column,
          const char       *value)
{
  while (cells->len < column)
    g_ptr_array_add (cells, g_strdup (""));
  if (cells->len == column)
    g_ptr_array_add (cells, g_strdup (value));
  else
    {
      g_free (g_ptr_array_index (cells, column));
      g_ptr_array_index (cells, column) = g_strdup (value);
    }

  return TRUE;
}

/* Reads the cell the reader is at (a <c> element) into @cells; @next_column is where a cell without a
 * reference goes. */
static gboolean
read_cell (ReslibSheetXlsx  *self,
           guint             row,
           guint            *next_column,
           GPtrArray        *cells,
           GError          **error)
{
  xmlTextReaderPtr reader = self->reader;
  g_autofree char *ref = get_attribute (reader, "r");
  g_autofree char *type = get_attribute (reader, "t");
  g_autofree char *style = get_attribute (reader, "s");
  g_autoptr(GString) value = g_string_new (NULL);
  g_autoptr(GString) cell = g_string_new (NULL);
  gboolean in_value = FALSE, in_inline = FALSE, in_t = FALSE;
  guint phonetic = 0, column = *next_column;
  guint64 s = 0;
  int rc;

  if (ref != NULL)
    {
      guint ref_row;

      if (!_reslib_xlsx_parse_ref (ref, &column, &ref_row) || ref_row != row)
        {
          g_autofree char *reason = g_strdup_printf (_("the cell reference “%s” is not a cell of this row within "
                                                       "Excel's limits (XFD1048576)"), ref);

          bad_sheet (self, row, error, reason);
          return FALSE;
        }
    }
  if (column >= RESLIB_SHEET_MAX_COLUMNS || column < *next_column)
    {
      g_autofree char *reason = g_strdup_printf (_("more than %u columns, or cells out of order"),
                                                 RESLIB_SHEET_MAX_COLUMNS);

      bad_sheet (self, row, error, reason);
      return FALSE;
    }
  *next_column = column + 1;
  if (xmlTextReaderIsEmptyElement (reader))
    return TRUE;

  while ((rc = _reslib_xlsx_read (&self->book.zip, reader, error)) == 1)
    {
      int node = xmlTextReaderNodeType (reader);
      const char *name = local_name (reader);

      if (node == XML_READER_TYPE_END_ELEMENT && strcmp (name, "c") == 0)
        break;
      if (node == XML_READER_TYPE_ELEMENT)
        {
          gboolean empty = xmlTextReaderIsEmptyElement (reader);

          if (strcmp (name, "v") == 0)
            in_value = !empty;
          else if (strcmp (name, "is") == 0)
            in_inline = !empty;
          else if (strcmp (name, "rPh") == 0)
            phonetic += !empty;
          else if (strcmp (name, "t") == 0)
            in_t = !empty;
        }
      else if (node == XML_READER_TYPE_END_ELEMENT)
        {
          if (strcmp (name, "v") == 0)
            in_value = FALSE;
          else if (strcmp (name, "is") == 0)
            in_inline = FALSE;
          else if (strcmp (name, "rPh") == 0 && phonetic > 0)
            phonetic--;
          else if (strcmp (name, "t") == 0)
            in_t = FALSE;
        }
      else if (node == XML_READER_TYPE_TEXT || node == XML_READER_TYPE_CDATA ||
               node == XML_READER_TYPE_SIGNIFICANT_WHITESPACE || node == XML_READER_TYPE_WHITESPACE)
        {
          const char *text = (const char *) xmlTextReaderConstValue (reader);
          gboolean fits = TRUE;

          if (in_value)
            {
              g_string_append (value, text);
              fits = value->len <= RESLIB_SHEET_MAX_CELL_BYTES;
            }
          else if (in_inline && in_t && phonetic == 0)
            fits = _reslib_xlsx_append_text (cell, text);
          if (!fits)
            {
              g_autofree char *name_col = reslib_sheet_column_name (column);
              g_autofree char *reason = g_strdup_printf (_("the cell in column %s is longer than %u bytes"), name_col,
                                                         RESLIB_SHEET_MAX_CELL_BYTES);

              bad_sheet (self, row, error, reason);
              return FALSE;
            }
        }
    }
  if (rc < 0)
    return FALSE;
  if (rc == 0)
    {
      bad_sheet (self, row, error, _("the sheet ends inside a cell"));
      return FALSE;
    }

  if (g_strcmp0 (type, "s") == 0)
    {
      guint64 index;

      if (!g_ascii_string_to_unsigned (value->str, 10, 0, G_MAXUINT32, &index, NULL) ||
          index >= self->book.offsets->len)
        {
          g_autofree char *name_col = reslib_sheet_column_name (column);
          g_autofree char *reason = g_strdup_printf (_("the cell in column %s refers to a shared string that is "
                                                       "not there"), name_col);

          bad_sheet (self, row, error, reason);
          return FALSE;
        }
      g_string_assign (cell, self->book.strings->str + g_array_index (self->book.offsets, guint32, (guint) index));
    }
  else if (g_strcmp0 (type, "inlineStr") == 0)
    ;
  else if (g_strcmp0 (type, "b") == 0)
    g_string_assign (cell, strcmp (value->str, "1") == 0 ? "TRUE" : strcmp (value->str, "0") == 0 ? "FALSE" : value->str);
  else if (g_strcmp0 (type, "str") == 0 || g_strcmp0 (type, "e") == 0)
    g_string_assign (cell, value->str);
  else if (g_strcmp0 (type, "d") == 0)
    g_string_assign (cell, value->str), g_string_truncate (cell, MIN (cell->len, 10));
  else if (value->len > 0)
    {
      gboolean date = FALSE;

      if (style != NULL && g_ascii_string_to_unsigned (style, 10, 0, G_MAXUINT32, &s, NULL) &&
          s < self->book.date_styles->len)
        date = g_array_index (self->book.date_styles, gboolean, (guint) s);
      format_number (self, value->str, date, cell);
    }

  if (!g_utf8_validate_len (cell->str, cell->len, NULL) || memchr (cell->str, 0, cell->len) != NULL)
    {
      bad_sheet (self, row, error, _("a cell is not text"));
      return FALSE;
    }

  return put_cell (self, cells, column, cell->str);
}

/* Gives the value of each merged range covering @row to the cells it covers. */
static void
apply_merges (ReslibSheetXlsx *self,
              guint            row,
              GPtrArray       *cells)
{
  while (self->next_merge < self->merges->len &&
         g_array_index (self->merges, Merge, self->next_merge).r1 <= row)
    {
      Merge *merge = &g_array_index (self->merges, Merge, self->next_merge++);

      if (merge->r1 == row && merge->c1 < cells->len)
        merge->value = g_strdup (g_ptr_array_index (cells, merge->c1));
      g_ptr_array_add (self->active, merge);
    }
  for (guint i = 0; i < self->active->len; )
    {
      Merge *merge = g_ptr_array_index (self->active, i);

      if (merge->r2 < row)
        {
          g_ptr_array_remove_index_fast (self->active, i);
          continue;
        }
      i++;
      if (merge->value == NULL || merge->value[0] == '\0')
        continue;
      for (guint c = merge->c1; c <= merge->c2; c++)
        if (c >= cells->len || *(const char *) g_ptr_array_index (cells, c) == '\0')
          put_cell (self, cells, c, merge->value);
    }
}

static gboolean
reslib_sheet_xlsx_next_row (ReslibSheetReader  *reader,
                            GPtrArray          *cells,
                            guint              *row_number,
                            GError            **error)
{
  ReslibSheetXlsx *self = RESLIB_SHEET_XLSX (reader);
  int rc;

  if (self->done)
    return FALSE;
  if (self->reader == NULL)
    {
      self->reader = _reslib_xlsx_open_part (&self->book.zip, self->book.sheet_part, TRUE, error);
      if (self->reader == NULL)
        return FALSE;
    }

  while ((rc = _reslib_xlsx_read (&self->book.zip, self->reader, error)) == 1)
    {
      g_autofree char *ref = NULL;
      guint row, next_column = 0;
      guint64 n;

      if (xmlTextReaderNodeType (self->reader) != XML_READER_TYPE_ELEMENT ||
          strcmp (local_name (self->reader), "row") != 0)
        continue;
      ref = get_attribute (self->reader, "r");
      if (ref == NULL)
        n = (guint64) self->last_row + 1;
      else if (!g_ascii_string_to_unsigned (ref, 10, 1, G_MAXUINT32, &n, NULL))
        n = 0;
      if (n == 0 || n > RESLIB_SHEET_MAX_ROWS || n <= self->last_row)
        {
          g_autofree char *reason = g_strdup_printf (_("the row number “%s” is out of order or beyond Excel's "
                                                       "limit (1048576)"), ref != NULL ? ref : "");

          bad_sheet (self, self->last_row + 1, error, reason);
          return FALSE;
        }
      row = (guint) n;
      self->last_row = row;
      if (!xmlTextReaderIsEmptyElement (self->reader))
        {
          while ((rc = _reslib_xlsx_read (&self->book.zip, self->reader, error)) == 1)
            {
              int node = xmlTextReaderNodeType (self->reader);
              const char *name = local_name (self->reader);

              if (node == XML_READER_TYPE_END_ELEMENT && strcmp (name, "row") == 0)
                break;
              if (node == XML_READER_TYPE_ELEMENT && strcmp (name, "c") == 0 &&
                  !read_cell (self, row, &next_column, cells, error))
                return FALSE;
            }
          if (rc < 0)
            return FALSE;
          if (rc == 0)
            {
              bad_sheet (self, row, error, _("the sheet ends inside a row"));
              return FALSE;
            }
        }
      apply_merges (self, row, cells);
      *row_number = row;
      return TRUE;
    }
  if (rc < 0)
    return FALSE;
  self->done = TRUE;
  _reslib_xlsx_close_part (&self->book.zip, self->reader);
  self->reader = NULL;

  return FALSE;
}

static void
merge_clear (gpointer data)
{
  Merge *merge = data;

  g_free (merge->value);
}

static void
reslib_sheet_xlsx_finalize (GObject *object)
{
  ReslibSheetXlsx *self = RESLIB_SHEET_XLSX (object);

  _reslib_xlsx_close_part (&self->book.zip, self->reader);
  _reslib_xlsx_book_clear (&self->book);
  g_array_unref (self->merges);
  g_ptr_array_unref (self->active);

  G_OBJECT_CLASS (reslib_sheet_xlsx_parent_class)->finalize (object);
}

static void
reslib_sheet_xlsx_class_init (ReslibSheetXlsxClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = reslib_sheet_xlsx_finalize;
  RESLIB_SHEET_READER_CLASS (klass)->next_row = reslib_sheet_xlsx_next_row;
}

static void
reslib_sheet_xlsx_init (ReslibSheetXlsx *self)
{
  self->merges = g_array_new (FALSE, TRUE, sizeof (Merge));
  g_array_set_clear_func (self->merges, merge_clear);
  self->active = g_ptr_array_new ();
}

ReslibSheetReader *
_reslib_sheet_xlsx_open (const char  *path,
                         const char  *sheet_name,
                         GError     **error)
{
  g_autoptr(ReslibSheetXlsx) self = g_object_new (RESLIB_TYPE_SHEET_XLSX, NULL);

  self->book.zip.path = g_strdup (path);
  if (!_reslib_xlsx_read_book (&self->book, sheet_name, error) || !read_merges (self, error))
    return NULL;

  return RESLIB_SHEET_READER (g_steal_pointer (&self));
}
