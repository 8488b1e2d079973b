/* reslib-sheet-reader.h — a spreadsheet read one row at a time: xlsx or CSV
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define RESLIB_TYPE_SHEET_READER (reslib_sheet_reader_get_type ())
G_DECLARE_DERIVABLE_TYPE (ReslibSheetReader, reslib_sheet_reader, RESLIB, SHEET_READER, GObject)

struct _ReslibSheetReaderClass
{
  GObjectClass parent_class;

  /* Fills @cells (char *, "" for an empty cell) with the next row that has cells and sets @row_number
   * (1-based, as the spreadsheet numbers it); FALSE at the end (@error unset) or on an error. */
  gboolean (*next_row) (ReslibSheetReader  *self,
                        GPtrArray          *cells,
                        guint              *row_number,
                        GError            **error);
};

ReslibSheetReader *reslib_sheet_reader_open       (const char         *path,
                                                   const char         *sheet_name,
                                                   GError            **error);
gboolean           reslib_sheet_reader_next_row   (ReslibSheetReader  *self,
                                                   guint              *row_number,
                                                   GError            **error);
guint              reslib_sheet_reader_get_n_cells (ReslibSheetReader *self);
const char        *reslib_sheet_reader_get_cell   (ReslibSheetReader  *self,
                                                   guint               column);
const char        *reslib_sheet_reader_get_name   (ReslibSheetReader  *self);
char              *reslib_sheet_column_name       (guint               column);

G_END_DECLS
