/* reslib-sheet-export.h — the resource list (资源清单) of a project as an Excel workbook or a CSV file
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "reslib-job.h"
#include "reslib-output.h"
#include "reslib-store.h"

G_BEGIN_DECLS

/**
 * ReslibSheetFormat:
 * @RESLIB_SHEET_FORMAT_XLSX: an Excel workbook (.xlsx)
 * @RESLIB_SHEET_FORMAT_CSV: comma-separated values in UTF-8 with a byte order mark (.csv)
 *
 * The formats of the resource list.
 */
typedef enum
{
  RESLIB_SHEET_FORMAT_XLSX,
  RESLIB_SHEET_FORMAT_CSV,
} ReslibSheetFormat;

gboolean reslib_sheet_format_for_path (const char        *path,
                                       ReslibSheetFormat *format);

#define RESLIB_TYPE_SHEET_EXPORT_JOB (reslib_sheet_export_job_get_type ())
G_DECLARE_FINAL_TYPE (ReslibSheetExportJob, reslib_sheet_export_job, RESLIB, SHEET_EXPORT_JOB, ReslibJob)

ReslibSheetExportJob *reslib_sheet_export_job_new           (ReslibStore          *store,
                                                             const char           *project_id,
                                                             const char           *dest_path,
                                                             ReslibSheetFormat     format);
void                  reslib_sheet_export_job_set_flags     (ReslibSheetExportJob *self,
                                                             ReslibOutputFlags     flags);
void                  reslib_sheet_export_job_set_date      (ReslibSheetExportJob *self,
                                                             gint64                date);
const char           *reslib_sheet_export_job_get_dest_path (ReslibSheetExportJob *self);
ReslibSheetFormat     reslib_sheet_export_job_get_format    (ReslibSheetExportJob *self);
guint                 reslib_sheet_export_job_get_n_rows    (ReslibSheetExportJob *self);

G_END_DECLS
