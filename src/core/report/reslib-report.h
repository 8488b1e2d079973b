/* reslib-report.h — the dossier, progress and acceptance reports as A4 PDF or Word documents
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "reslib-job.h"
#include "reslib-profile.h"
#include "reslib-output.h"
#include "reslib-store.h"

G_BEGIN_DECLS

/* The kinds of report: "dossier" (申报书), "progress" (建设进展与应用分析报告), "acceptance" (验收总结报告). */
extern const char * const reslib_report_kinds[];
/* The formats a report is written in: "pdf" and "docx" (Word). */
extern const char * const reslib_report_formats[];

const char      *reslib_report_format_for_path    (const char           *path);

#define RESLIB_TYPE_REPORT_JOB (reslib_report_job_get_type ())
G_DECLARE_FINAL_TYPE (ReslibReportJob, reslib_report_job, RESLIB, REPORT_JOB, ReslibJob)

ReslibReportJob *reslib_report_job_new            (ReslibStore          *store,
                                                   const char           *project_id,
                                                   const char           *kind,
                                                   const char           *dest_path);
void             reslib_report_job_set_flags      (ReslibReportJob      *self,
                                                   ReslibOutputFlags     flags);
void             reslib_report_job_set_profile    (ReslibReportJob      *self,
                                                   ReslibProfile        *profile);
void             reslib_report_job_set_format     (ReslibReportJob      *self,
                                                   const char           *format);
const char      *reslib_report_job_get_format     (ReslibReportJob      *self);
const char      *reslib_report_job_get_project_id (ReslibReportJob      *self);
const char      *reslib_report_job_get_kind       (ReslibReportJob      *self);
const char      *reslib_report_job_get_dest_path  (ReslibReportJob      *self);

/* For packages: the dossier into an open file, dated with the package's time. */
gboolean         _reslib_report_write_fd          (ReslibStore          *store,
                                                   const char           *project_id,
                                                   const char           *kind,
                                                   gint64                date,
                                                   int                   fd,
                                                   GCancellable         *cancellable,
                                                   GError              **error);

G_END_DECLS
