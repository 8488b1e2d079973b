/* reslib-review-log-export.h — a project's review log (two-level review decisions) as an Excel workbook or a
 * CSV file
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

#define RESLIB_TYPE_REVIEW_LOG_EXPORT_JOB (reslib_review_log_export_job_get_type ())
G_DECLARE_FINAL_TYPE (ReslibReviewLogExportJob, reslib_review_log_export_job, RESLIB, REVIEW_LOG_EXPORT_JOB, ReslibJob)

ReslibReviewLogExportJob *reslib_review_log_export_job_new        (ReslibStore              *store,
                                                                   const char               *project_id,
                                                                   const char               *dest_path,
                                                                   ReslibSheetFormat         format,
                                                                   GError                  **error);
void                      reslib_review_log_export_job_set_flags  (ReslibReviewLogExportJob *self,
                                                                   ReslibOutputFlags         flags);
guint                     reslib_review_log_export_job_get_n_rows (ReslibReviewLogExportJob *self);

/* The words of the log, as the export and the CLI show them */
const char *reslib_review_level_label    (int      level);
const char *reslib_review_decision_label (gboolean approve);

G_END_DECLS
