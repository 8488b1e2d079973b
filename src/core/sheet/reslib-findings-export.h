/* reslib-findings-export.h — the findings of a check as an Excel workbook or a CSV file
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "reslib-job.h"
#include "reslib-output.h"
#include "reslib-sheet-export.h"
#include "reslib-store.h"

G_BEGIN_DECLS

#define RESLIB_TYPE_FINDINGS_EXPORT_JOB (reslib_findings_export_job_get_type ())
G_DECLARE_FINAL_TYPE (ReslibFindingsExportJob, reslib_findings_export_job, RESLIB, FINDINGS_EXPORT_JOB, ReslibJob)

ReslibFindingsExportJob *reslib_findings_export_job_new        (ReslibStore             *store,
                                                                GListModel              *findings,
                                                                const char              *dest_path,
                                                                ReslibSheetFormat        format);
void                     reslib_findings_export_job_set_flags  (ReslibFindingsExportJob *self,
                                                                ReslibOutputFlags        flags);
guint                    reslib_findings_export_job_get_n_rows (ReslibFindingsExportJob *self);

G_END_DECLS
