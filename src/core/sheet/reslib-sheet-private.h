/* reslib-sheet-private.h — what the sheet readers share: their bounds and constructors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "reslib-sheet-reader.h"

G_BEGIN_DECLS

/* Bounds on what a sheet from someone else may make this program hold or do. */
#define RESLIB_SHEET_MAX_ROWS            1048576u            /* Excel's own limits */
#define RESLIB_SHEET_MAX_COLUMNS         16384u
#define RESLIB_SHEET_MAX_CELL_BYTES      (128u * 1024u)      /* 32,767 characters in Excel */
#define RESLIB_SHEET_MAX_SHARED_STRINGS  1000000u
#define RESLIB_SHEET_MAX_SHARED_BYTES    (64u * 1024u * 1024u)
#define RESLIB_SHEET_MAX_ENTRY_BYTES     (G_GUINT64_CONSTANT (512) * 1024 * 1024)
#define RESLIB_SHEET_MAX_TOTAL_BYTES     (G_GUINT64_CONSTANT (1024) * 1024 * 1024)
#define RESLIB_SHEET_MAX_RATIO           100u                /* unpacked bytes per byte of the file… */
#define RESLIB_SHEET_RATIO_FLOOR         (G_GUINT64_CONSTANT (32) * 1024 * 1024)  /* …beyond this */
#define RESLIB_SHEET_MAX_MERGES          100000u
#define RESLIB_SHEET_MAX_STYLES          65536u

ReslibSheetReader *_reslib_sheet_csv_open  (const char  *path,
                                            GError     **error);
ReslibSheetReader *_reslib_sheet_xlsx_open (const char  *path,
                                            const char  *sheet_name,
                                            GError     **error);
void               _reslib_sheet_reader_set_name (ReslibSheetReader *self,
                                                  const char        *name);

G_END_DECLS
