/* reslib-report.h — the dossier, progress and acceptance reports as A4 PDF
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "reslib-output.h"
#include "reslib-store.h"

G_BEGIN_DECLS

/* The kinds of report: "dossier" (申报书), "progress" (建设进度报告), "acceptance" (验收总结). */
extern const char * const reslib_report_kinds[];

gboolean reslib_report_write        (ReslibStore          *store,
                                     const char           *project_id,
                                     const char           *kind,
                                     const char           *dest_path,
                                     ReslibOutputFlags     flags,
                                     GCancellable         *cancellable,
                                     GError              **error);
void     reslib_report_write_async  (ReslibStore          *store,
                                     const char           *project_id,
                                     const char           *kind,
                                     const char           *dest_path,
                                     ReslibOutputFlags     flags,
                                     GCancellable         *cancellable,
                                     GAsyncReadyCallback   callback,
                                     gpointer              user_data);
gboolean reslib_report_write_finish (ReslibStore          *store,
                                     GAsyncResult         *result,
                                     GError              **error);

/* For packages: the dossier into an open file, dated with the package's time. */
gboolean _reslib_report_write_fd    (ReslibStore          *store,
                                     const char           *project_id,
                                     const char           *kind,
                                     gint64                date,
                                     int                   fd,
                                     GCancellable         *cancellable,
                                     GError              **error);

G_END_DECLS
