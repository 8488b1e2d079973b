/* studio-list-export.h — the resource list (资源清单) exported from the app, as xlsx or CSV
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "studio-session.h"

G_BEGIN_DECLS

/* Asks where to save (a dialog over @parent, with an Excel and a CSV filter), then writes the list of
 * the session's project in the background, with progress, cancel and a toast that opens the file. */
void      studio_list_export_choose       (GtkWindow            *parent,
                                           StudioSession        *session);

/* The same without the dialog: the format follows @file's extension (.csv, else xlsx); @callback
 * (may be NULL) is called when the file is written or the error was shown. */
void      studio_list_export_to_file      (StudioSession        *session,
                                           GFile                *file,
                                           ReslibOutputFlags     flags,
                                           GAsyncReadyCallback   callback,
                                           gpointer              user_data);
gboolean  studio_list_export_to_file_finish (GAsyncResult       *result,
                                           GError              **error);

/* The file name proposed: "<project name> Resource List.xlsx". */
char     *studio_list_export_default_name (StudioSession        *session);

G_END_DECLS
