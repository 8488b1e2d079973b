/* reslib-sheet-xlsx-writer.c — the resource list as an Excel workbook (libxlsxwriter)
 *
 * The first sheet holds the list: two title rows (the project and the date), the header, then one row
 * per resource, with the header frozen, column widths and a filter over the header; the second holds
 * the totals by type and by course. libxlsxwriter's constant-memory mode writes each row out as it
 * is added (inline strings, no shared-string table), so memory does not grow with the list; it asks
 * for the rows in order, which is the order they come from the store.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <xlsxwriter.h>

#include "reslib-error.h"
#include "reslib-labels.h"
#include "reslib-sheet-export-private.h"

/* Excel's limit on the characters of a cell. */
#define MAX_CELL_CHARS 32767

/* The rows above the header, and the header's row. */
#define HEADER_ROW 2

/* The buffer of the temporary file that the list's rows go to (libxlsxwriter's constant memory mode),
 * instead of the stream's 4 KiB: one write(2) per MiB of rows, and as few reads when the file is copied
 * into the zip. */
#define ROWS_BUFFER_SIZE (1024 * 1024)

struct _SheetXlsx
{
  lxw_workbook  *workbook;
  lxw_worksheet *list;
  lxw_worksheet *totals;
  lxw_format    *title;
  lxw_format    *subtitle;
  lxw_format    *header;
  lxw_format    *integer;
  lxw_format    *megabytes;
  lxw_format    *bold;
  lxw_format    *bold_integer;
  lxw_format    *bold_megabytes;
  SheetHead      head;
  char          *project_name;
  GString       *cell;
  char          *rows_buffer;   /* ROWS_BUFFER_SIZE, the list's temporary file's, until it is closed */
  guint          n_columns;
  guint          n_rows;
  gboolean       head_written;
  lxw_error      failed;   /* the first error of a write, LXW_NO_ERROR while none */
};

static void
check (SheetXlsx *self,
       lxw_error  result)
{
  if (result != LXW_NO_ERROR && self->failed == LXW_NO_ERROR)
    self->failed = result;
}

static gboolean
report_failure (SheetXlsx  *self,
                GError    **error)
{
  if (self->failed == LXW_NO_ERROR)
    return TRUE;
  g_set_error (error, RESLIB_ERROR, RESLIB_ERROR_IO, _("Cannot write the workbook: %s"),
               lxw_strerror (self->failed));

  return FALSE;
}

static void
write_text (SheetXlsx     *self,
            lxw_worksheet *sheet,
            lxw_row_t      row,
            lxw_col_t      col,
            const char    *text,
            lxw_format    *format)
{
  g_autofree char *cut = NULL;

  if (text == NULL || text[0] == '\0')
    return;
  if (g_utf8_strlen (text, -1) > MAX_CELL_CHARS)
    text = cut = g_utf8_substring (text, 0, MAX_CELL_CHARS);
  check (self, worksheet_write_string (sheet, row, col, text, format));
}

/* The title rows and the header, once the number of rows is known. */
static void
write_head (SheetXlsx *self,
            guint      n_rows)
{
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;
  g_autofree char *date = _reslib_sheet_head_date (&self->head);
  lxw_col_t col = 0;

  /* Translators: the first row of the resource list sheet: the project's name */
  title = g_strdup_printf (_("%s — Resource List"), self->head.project_name);
  /* Translators: the second row of the resource list sheet: the date it was made, how many rows */
  subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Exported on %s · %u resource",
                                           "Exported on %s · %u resources", n_rows), date, n_rows);
  check (self, worksheet_set_row (self->list, 0, 24, NULL));
  check (self, worksheet_merge_range (self->list, 0, 0, 0, self->n_columns - 1, title, self->title));
  check (self, worksheet_merge_range (self->list, 1, 0, 1, self->n_columns - 1, subtitle, self->subtitle));
  check (self, worksheet_set_row (self->list, HEADER_ROW, 30, NULL));
  SHEET_FOREACH_EXPORT_COLUMN (column)
    {
      write_text (self, self->list, HEADER_ROW, col, reslib_sheet_column_header (column), self->header);
      col++;
    }
  self->head_written = TRUE;
}

SheetXlsx *
_reslib_sheet_xlsx_new (const char       *path,
                        const SheetHead  *head,
                        GError          **error)
{
  g_autoptr(SheetXlsx) self = g_new0 (SheetXlsx, 1);
  lxw_workbook_options options = { .constant_memory = LXW_TRUE, .use_zip64 = LXW_FALSE };
  g_autofree char *title = NULL;
  lxw_doc_properties properties = { 0 };
  lxw_col_t col = 0;

  self->head = *head;
  self->project_name = g_strdup (head->project_name);
  self->head.project_name = self->project_name;
  self->cell = g_string_new (NULL);
  self->workbook = workbook_new_opt (path, &options);
  if (self->workbook == NULL)
    {
      g_autofree char *shown = g_filename_display_name (path);

      g_set_error (error, RESLIB_ERROR, RESLIB_ERROR_IO, _("Cannot write the workbook “%s”"), shown);
      return NULL;
    }

  /* The workbook's date is the list's: the same store gives the same file. */
  title = g_strdup_printf (_("%s — Resource List"), head->project_name);
  properties.title = title;
  properties.created = (time_t) head->date;
  check (self, workbook_set_properties (self->workbook, &properties));

  /* Translators: the name of the resource list's first sheet (at most 31 characters) */
  self->list = workbook_add_worksheet (self->workbook, C_("sheet name", "Resources"));
  /* Translators: the name of the resource list's second sheet (at most 31 characters) */
  self->totals = workbook_add_worksheet (self->workbook, C_("sheet name", "Totals"));
  if (self->list == NULL || self->totals == NULL)
    {
      g_set_error (error, RESLIB_ERROR, RESLIB_ERROR_IO, _("Cannot write the workbook: %s"),
                   _("the sheet names are not valid"));
      return NULL;
    }
  /* Nothing is written to it yet: its buffer can still be set. The workbook closes the file before
   * _reslib_sheet_xlsx_free() frees the buffer. */
  if (self->list->optimize_tmpfile != NULL)
    {
      self->rows_buffer = g_malloc (ROWS_BUFFER_SIZE);
      if (setvbuf (self->list->optimize_tmpfile, self->rows_buffer, _IOFBF, ROWS_BUFFER_SIZE) != 0)
        g_clear_pointer (&self->rows_buffer, g_free);
    }

  self->title = workbook_add_format (self->workbook);
  format_set_bold (self->title);
  format_set_font_size (self->title, 14);
  format_set_align (self->title, LXW_ALIGN_VERTICAL_CENTER);
  self->subtitle = workbook_add_format (self->workbook);
  format_set_font_color (self->subtitle, 0x595959);
  self->header = workbook_add_format (self->workbook);
  format_set_bold (self->header);
  format_set_bg_color (self->header, 0xDDEBF7);
  format_set_border (self->header, LXW_BORDER_THIN);
  format_set_text_wrap (self->header);
  format_set_align (self->header, LXW_ALIGN_CENTER);
  format_set_align (self->header, LXW_ALIGN_VERTICAL_CENTER);
  self->integer = workbook_add_format (self->workbook);
  format_set_num_format (self->integer, "0");
  self->megabytes = workbook_add_format (self->workbook);
  format_set_num_format (self->megabytes, "0.00");
  self->bold = workbook_add_format (self->workbook);
  format_set_bold (self->bold);
  self->bold_integer = workbook_add_format (self->workbook);
  format_set_bold (self->bold_integer);
  format_set_num_format (self->bold_integer, "0");
  self->bold_megabytes = workbook_add_format (self->workbook);
  format_set_bold (self->bold_megabytes);
  format_set_num_format (self->bold_megabytes, "0.00");

  SHEET_FOREACH_EXPORT_COLUMN (column)
    {
      check (self, worksheet_set_column (self->list, col, col, column->width, NULL));
      col++;
    }
  self->n_columns = col;
  worksheet_freeze_panes (self->list, HEADER_ROW + 1, 0);
  worksheet_set_landscape (self->list);
  worksheet_set_paper (self->list, 9);  /* A4 */
  worksheet_fit_to_pages (self->list, 1, 0);
  check (self, worksheet_repeat_rows (self->list, HEADER_ROW, HEADER_ROW));

  return g_steal_pointer (&self);
}

gboolean
_reslib_sheet_xlsx_add_row (SheetXlsx                    *self,
                            const ReslibResourceListRow  *row,
                            guint                         n_rows,
                            GError                      **error)
{
  lxw_row_t r = HEADER_ROW + row->number;
  lxw_col_t col = 0;

  if (!self->head_written)
    write_head (self, n_rows);
  SHEET_FOREACH_EXPORT_COLUMN (column)
    {
      switch (column->value)
        {
        case RESLIB_SHEET_VALUE_NUMBER:
          check (self, worksheet_write_number (self->list, r, col, row->number, self->integer));
          break;
        case RESLIB_SHEET_VALUE_SIZE:
          /* The number as the text shows it, so the cell and the CSV agree to the digit. */
          if (row->size >= 0)
            {
              _reslib_sheet_cell_text (column, row, self->cell);
              check (self, worksheet_write_number (self->list, r, col, g_ascii_strtod (self->cell->str, NULL),
                                                   self->megabytes));
            }
          break;
        case RESLIB_SHEET_VALUE_TEXT:
        case RESLIB_SHEET_VALUE_TYPE:
        case RESLIB_SHEET_VALUE_ORIGIN:
        case RESLIB_SHEET_VALUE_STATE:
        case RESLIB_SHEET_VALUE_DURATION:
        case RESLIB_SHEET_VALUE_LIST:
        default:
          _reslib_sheet_cell_text (column, row, self->cell);
          write_text (self, self->list, r, col, self->cell->str, NULL);
          break;
        }
      col++;
    }
  self->n_rows = row->number;

  return report_failure (self, error);
}

/* One line of totals at @r: its name, count, size and duration; a formula's result is written with it. */
static void
write_total (SheetXlsx                 *self,
             lxw_row_t                  r,
             const char                *name,
             const ReslibResourceTotal *total,
             const char                *count_formula,
             const char                *size_formula,
             gboolean                   bold)
{
  g_autofree char *size = reslib_sheet_format_size (total->bytes);
  g_autofree char *duration = reslib_sheet_format_duration (total->seconds);
  lxw_format *integer = bold ? self->bold_integer : self->integer;
  lxw_format *megabytes = bold ? self->bold_megabytes : self->megabytes;

  write_text (self, self->totals, r, 0, name, bold ? self->bold : NULL);
  if (count_formula != NULL)
    check (self, worksheet_write_formula_num (self->totals, r, 1, count_formula, integer, total->count));
  else
    check (self, worksheet_write_number (self->totals, r, 1, total->count, integer));
  if (size_formula != NULL)
    check (self, worksheet_write_formula_num (self->totals, r, 2, size_formula, megabytes,
                                              g_ascii_strtod (size, NULL)));
  else
    check (self, worksheet_write_number (self->totals, r, 2, g_ascii_strtod (size, NULL), megabytes));
  write_text (self, self->totals, r, 3, duration, bold ? self->bold : NULL);
}

static void
write_totals_header (SheetXlsx  *self,
                     lxw_row_t   r,
                     const char *first)
{
  write_text (self, self->totals, r, 0, first, self->header);
  /* Translators: a column of the resource list's totals: how many resources */
  write_text (self, self->totals, r, 1, C_("resource list totals", "Resources"), self->header);
  write_text (self, self->totals, r, 2, reslib_sheet_column_header (reslib_sheet_column (RESLIB_SHEET_COLUMN_SIZE)),
              self->header);
  write_text (self, self->totals, r, 3,
              reslib_sheet_column_header (reslib_sheet_column (RESLIB_SHEET_COLUMN_DURATION)), self->header);
}

static void
write_totals (SheetXlsx *self,
              GPtrArray *by_type,
              GPtrArray *by_course)
{
  g_autofree char *title = g_strdup_printf (_("%s — Resource List"), self->head.project_name);
  ReslibResourceTotal all = { 0 };
  lxw_row_t r = 0, first;

  check (self, worksheet_set_column (self->totals, 0, 0, 36, NULL));
  check (self, worksheet_set_column (self->totals, 1, 3, 12, NULL));
  check (self, worksheet_set_row (self->totals, 0, 24, NULL));
  check (self, worksheet_merge_range (self->totals, 0, 0, 0, 3, title, self->title));
  r = 2;
  /* Translators: a heading of the resource list's totals */
  write_text (self, self->totals, r++, 0, _("By type"), self->bold);
  write_totals_header (self, r++, reslib_sheet_column_header (reslib_sheet_column (RESLIB_SHEET_COLUMN_TYPE)));
  first = r;
  for (guint i = 0; by_type != NULL && i < by_type->len; i++)
    {
      const ReslibResourceTotal *total = by_type->pdata[i];

      write_total (self, r++, reslib_label_resource_type (total->name), total, NULL, NULL, FALSE);
      all.count += total->count;
      all.bytes += total->bytes;
      all.seconds += total->seconds;
    }
  {
    g_autofree char *count = NULL;
    g_autofree char *size = NULL;

    /* Rows first + 1 … r in Excel's numbering; an empty range sums to 0. */
    count = g_strdup_printf ("=SUM(B%u:B%u)", first + 1, MAX (first + 1, r));
    size = g_strdup_printf ("=SUM(C%u:C%u)", first + 1, MAX (first + 1, r));
    /* Translators: the last line of the totals by type */
    write_total (self, r++, C_("resource list totals", "Total"), &all, count, size, TRUE);
  }

  r++;
  /* Translators: a heading of the resource list's totals; a resource counts in each of its courses */
  write_text (self, self->totals, r++, 0, _("By course"), self->bold);
  write_totals_header (self, r++, reslib_sheet_column_header (reslib_sheet_column (RESLIB_SHEET_COLUMN_COURSE)));
  for (guint i = 0; by_course != NULL && i < by_course->len; i++)
    {
      const ReslibResourceTotal *total = by_course->pdata[i];

      /* Translators: the line of the totals by course that counts the resources of no course */
      write_total (self, r++, total->name != NULL ? total->name : _("In no course"), total, NULL, NULL,
                   total->name == NULL);
    }
}

/* Writes the rest and the file. */
gboolean
_reslib_sheet_xlsx_finish (SheetXlsx  *self,
                           GPtrArray  *by_type,
                           GPtrArray  *by_course,
                           GError    **error)
{
  lxw_error result;

  if (!self->head_written)
    write_head (self, 0);
  check (self, worksheet_autofilter (self->list, HEADER_ROW, 0, HEADER_ROW + MAX (self->n_rows, 1),
                                     self->n_columns - 1));
  write_totals (self, by_type, by_course);
  if (!report_failure (self, error))
    return FALSE;
  result = workbook_close (self->workbook);
  self->workbook = NULL;
  check (self, result);

  return report_failure (self, error);
}

void
_reslib_sheet_xlsx_free (SheetXlsx *self)
{
  if (self == NULL)
    return;
  /* Not closed: nothing is written; the temporary files of the rows go. */
  if (self->workbook != NULL)
    lxw_workbook_free (self->workbook);
  g_string_free (self->cell, TRUE);
  g_free (self->rows_buffer);
  g_free (self->project_name);
  g_free (self);
}
