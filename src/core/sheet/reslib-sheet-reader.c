/* reslib-sheet-reader.c — a spreadsheet read one row at a time: xlsx or CSV
 *
 * A reader holds one row at a time (and, for xlsx, the workbook's table of shared strings), so a
 * sheet of any number of rows is read in the same memory. What a sheet may make it hold is bounded
 * (reslib-sheet-private.h); past a bound the reader stops with an error naming the part and row.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "reslib-error.h"
#include "reslib-sheet-private.h"

typedef struct
{
  GPtrArray *cells;   /* char * */
  char      *name;    /* the file's display name, for messages */
} ReslibSheetReaderPrivate;

G_DEFINE_ABSTRACT_TYPE_WITH_PRIVATE (ReslibSheetReader, reslib_sheet_reader, G_TYPE_OBJECT)

static void
reslib_sheet_reader_finalize (GObject *object)
{
  ReslibSheetReaderPrivate *priv = reslib_sheet_reader_get_instance_private (RESLIB_SHEET_READER (object));

  g_ptr_array_unref (priv->cells);
  g_free (priv->name);

  G_OBJECT_CLASS (reslib_sheet_reader_parent_class)->finalize (object);
}

static void
reslib_sheet_reader_class_init (ReslibSheetReaderClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = reslib_sheet_reader_finalize;
}

static void
reslib_sheet_reader_init (ReslibSheetReader *self)
{
  ReslibSheetReaderPrivate *priv = reslib_sheet_reader_get_instance_private (self);

  priv->cells = g_ptr_array_new_with_free_func (g_free);
}

void
_reslib_sheet_reader_set_name (ReslibSheetReader *self,
                               const char        *name)
{
  ReslibSheetReaderPrivate *priv = reslib_sheet_reader_get_instance_private (self);

  g_free (priv->name);
  priv->name = g_strdup (name);
}

/**
 * reslib_sheet_reader_open:
 * @path: a file ending in `.xlsx` or `.csv` (any case)
 * @sheet_name: (nullable): for xlsx, the sheet to read; %NULL for the first
 * @error: return location for a #GError
 *
 * Opens a spreadsheet for reading row by row with reslib_sheet_reader_next_row(). A CSV file is read
 * as UTF-8 (with or without a byte order mark); an xlsx file's workbook, relationships, styles and
 * shared strings are read here, its sheet row by row later.
 *
 * Returns: (transfer full): the reader, or %NULL with @error set (%RESLIB_ERROR_BAD_FILE for a file
 *   that is not a sheet this program reads)
 */
ReslibSheetReader *
reslib_sheet_reader_open (const char  *path,
                          const char  *sheet_name,
                          GError     **error)
{
  g_autofree char *lower = NULL;
  g_autofree char *base = NULL;
  ReslibSheetReader *reader;

  g_return_val_if_fail (path != NULL, NULL);

  lower = g_utf8_strdown (path, -1);
  base = g_filename_display_basename (path);
  if (g_str_has_suffix (lower, ".csv"))
    reader = _reslib_sheet_csv_open (path, error);
  else if (g_str_has_suffix (lower, ".xlsx"))
    reader = _reslib_sheet_xlsx_open (path, sheet_name, error);
  else
    {
      g_set_error (error, RESLIB_ERROR, RESLIB_ERROR_BAD_FILE,
                   _("“%s” is neither an .xlsx nor a .csv file: save the sheet in one of these formats"), base);
      return NULL;
    }
  if (reader != NULL)
    _reslib_sheet_reader_set_name (reader, base);

  return reader;
}

/**
 * reslib_sheet_reader_next_row:
 * @self: a reader
 * @row_number: (out) (optional): the row's number as the spreadsheet shows it (1-based)
 * @error: return location for a #GError
 *
 * Reads the next row that has cells; rows the sheet leaves out are skipped (the numbers say where).
 * Its cells are then read with reslib_sheet_reader_get_cell() until the next call.
 *
 * Returns: %TRUE with a row; %FALSE at the end of the sheet (@error unset) or on an error
 */
gboolean
reslib_sheet_reader_next_row (ReslibSheetReader  *self,
                              guint              *row_number,
                              GError            **error)
{
  ReslibSheetReaderPrivate *priv = reslib_sheet_reader_get_instance_private (self);
  guint row = 0;
  gboolean ok;

  g_return_val_if_fail (RESLIB_IS_SHEET_READER (self), FALSE);

  g_ptr_array_set_size (priv->cells, 0);
  ok = RESLIB_SHEET_READER_GET_CLASS (self)->next_row (self, priv->cells, &row, error);
  if (!ok)
    g_ptr_array_set_size (priv->cells, 0);
  /* Trailing empty cells are not cells. */
  while (priv->cells->len > 0 && *(const char *) g_ptr_array_index (priv->cells, priv->cells->len - 1) == '\0')
    g_ptr_array_set_size (priv->cells, priv->cells->len - 1);
  if (row_number != NULL)
    *row_number = row;

  return ok;
}

/**
 * reslib_sheet_reader_get_n_cells:
 * @self: a reader
 *
 * Returns: how many cells the current row has, up to its last non-empty one
 */
guint
reslib_sheet_reader_get_n_cells (ReslibSheetReader *self)
{
  ReslibSheetReaderPrivate *priv = reslib_sheet_reader_get_instance_private (self);

  g_return_val_if_fail (RESLIB_IS_SHEET_READER (self), 0);

  return priv->cells->len;
}

/**
 * reslib_sheet_reader_get_cell:
 * @self: a reader
 * @column: 0-based
 *
 * Returns: (transfer none): the text of the current row's cell (valid UTF-8), "" when it is empty
 *   or beyond the row's last cell
 */
const char *
reslib_sheet_reader_get_cell (ReslibSheetReader *self,
                              guint              column)
{
  ReslibSheetReaderPrivate *priv = reslib_sheet_reader_get_instance_private (self);

  g_return_val_if_fail (RESLIB_IS_SHEET_READER (self), "");

  return column < priv->cells->len ? g_ptr_array_index (priv->cells, column) : "";
}

/**
 * reslib_sheet_reader_get_name:
 * @self: a reader
 *
 * Returns: (transfer none): the file's name, for messages
 */
const char *
reslib_sheet_reader_get_name (ReslibSheetReader *self)
{
  ReslibSheetReaderPrivate *priv = reslib_sheet_reader_get_instance_private (self);

  g_return_val_if_fail (RESLIB_IS_SHEET_READER (self), NULL);

  return priv->name;
}

/**
 * reslib_sheet_column_name:
 * @column: 0-based
 *
 * Returns: (transfer full): the column's letters as a spreadsheet shows them ("A", "AB", …)
 */
char *
reslib_sheet_column_name (guint column)
{
  char buf[8];
  int i = G_N_ELEMENTS (buf) - 1;
  guint n = column + 1;

  buf[i] = '\0';
  while (n > 0 && i > 0)
    {
      buf[--i] = (char) ('A' + (n - 1) % 26);
      n = (n - 1) / 26;
    }

  return g_strdup (buf + i);
}
