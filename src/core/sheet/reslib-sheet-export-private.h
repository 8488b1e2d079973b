/* reslib-sheet-export-private.h — what the resource list's export and its writers share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "reslib-sheet-columns.h"
#include "reslib-store-resource-list.h"

G_BEGIN_DECLS

/* What the title rows say. */
typedef struct
{
  const char *project_name;
  gint64      date;         /* seconds since 1970 */
  gboolean    date_utc;     /* whether @date is shown in UTC (a fixed date), else in local time */
} SheetHead;

char       *_reslib_sheet_head_date   (const SheetHead              *head);
void        _reslib_sheet_cell_text   (const ReslibSheetColumn      *column,
                                       const ReslibResourceListRow  *row,
                                       GString                      *out);

/* The columns the export writes, in order (all but the import's own). */
#define SHEET_FOREACH_EXPORT_COLUMN(column)                                       \
  for (guint column##_i = 0; column##_i < RESLIB_SHEET_N_COLUMNS; column##_i++)    \
    for (const ReslibSheetColumn *column = reslib_sheet_column (column##_i);       \
         column != NULL; column = NULL)                                            \
      if ((column->flags & RESLIB_SHEET_COLUMN_IMPORT_ONLY) == 0)

typedef struct _SheetCsv SheetCsv;

void        _reslib_sheet_csv_append_field (GString                *out,
                                            const char             *text);

SheetCsv   *_reslib_sheet_csv_new     (int                           fd);
gboolean    _reslib_sheet_csv_add_row (SheetCsv                     *self,
                                       const ReslibResourceListRow  *row,
                                       GError                      **error);
gboolean    _reslib_sheet_csv_finish  (SheetCsv                     *self,
                                       GError                      **error);
void        _reslib_sheet_csv_free    (SheetCsv                     *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SheetCsv, _reslib_sheet_csv_free)

typedef struct _SheetXlsx SheetXlsx;

SheetXlsx  *_reslib_sheet_xlsx_new    (const char                   *path,
                                       const SheetHead              *head,
                                       GError                      **error);
gboolean    _reslib_sheet_xlsx_add_row (SheetXlsx                   *self,
                                       const ReslibResourceListRow  *row,
                                       guint                         n_rows,
                                       GError                      **error);
gboolean    _reslib_sheet_xlsx_finish (SheetXlsx                    *self,
                                       GPtrArray                    *by_type,
                                       GPtrArray                    *by_course,
                                       GError                      **error);
void        _reslib_sheet_xlsx_free   (SheetXlsx                    *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SheetXlsx, _reslib_sheet_xlsx_free)

G_END_DECLS
