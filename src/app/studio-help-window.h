/* studio-help-window.h — the user guide: the teacher's and the lead's journeys
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define STUDIO_TYPE_HELP_WINDOW (studio_help_window_get_type ())
G_DECLARE_FINAL_TYPE (StudioHelpWindow, studio_help_window, STUDIO, HELP_WINDOW, AdwWindow)

GtkWindow *studio_help_window_new (GtkWindow *parent);

G_END_DECLS
