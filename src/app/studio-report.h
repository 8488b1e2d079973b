/* studio-report.h — generating the dossier and the progress and acceptance reports from the app
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "studio-session.h"

G_BEGIN_DECLS

/* Asks where to save (a dialog over @parent), then writes the report of @kind ("dossier",
 * "progress", "acceptance") for the session's project in the background, with progress, cancel
 * and a toast that opens the file. */
void studio_report_generate (GtkWindow     *parent,
                             StudioSession *session,
                             const char    *kind);

G_END_DECLS
