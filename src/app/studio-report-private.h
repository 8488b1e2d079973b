/* studio-report-private.h — writing a report to a given file, without the save dialog (for tests)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "studio-session.h"

G_BEGIN_DECLS

/* Writes the report of @kind for the session's project to @file (a local file) in the background,
 * with the progress toast, the "Open" toast or the error dialog that studio_report_generate() shows;
 * then calls @callback (may be NULL). */
void         studio_report_write_to_file        (StudioSession       *session,
                                                 const char          *kind,
                                                 GFile               *file,
                                                 ReslibOutputFlags    flags,
                                                 GAsyncReadyCallback  callback,
                                                 gpointer             user_data);
gboolean     studio_report_write_to_file_finish (GAsyncResult        *result,
                                                 GError             **error);

/* The file name proposed for the report of @kind: "<project name> <kind label>.pdf". */
char        *studio_report_default_name         (StudioSession       *session,
                                                 const char          *kind,
                                                 const char          *format);
GFile       *studio_report_chosen_file          (GFile               *file,
                                                 const char          *filter_format,
                                                 const char         **format,
                                                 gboolean            *replace);

G_END_DECLS
