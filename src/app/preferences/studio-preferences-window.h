/* studio-preferences-window.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define STUDIO_TYPE_PREFERENCES_WINDOW (studio_preferences_window_get_type ())
G_DECLARE_FINAL_TYPE (StudioPreferencesWindow, studio_preferences_window, STUDIO, PREFERENCES_WINDOW,
                      AdwPreferencesWindow)

GtkWindow *studio_preferences_window_new (GtkWindow *parent);

/* Whether @url may be used as the upload endpoint: https, or http to this
 * computer only (127.0.0.1, ::1, localhost). Sets a message for the user. */
gboolean   studio_endpoint_check         (const char  *url,
                                          GError     **error);

G_END_DECLS
