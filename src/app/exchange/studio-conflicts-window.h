/* studio-conflicts-window.h — the records a package and this library both changed, side by side
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "studio-session.h"

G_BEGIN_DECLS

#define STUDIO_TYPE_CONFLICTS_WINDOW (studio_conflicts_window_get_type ())
G_DECLARE_FINAL_TYPE (StudioConflictsWindow, studio_conflicts_window, STUDIO, CONFLICTS_WINDOW, AdwWindow)

StudioConflictsWindow *studio_conflicts_window_new          (GtkWindow             *parent,
                                                             StudioSession         *session);
guint                  studio_conflicts_window_get_n_items  (StudioConflictsWindow *self);
gint64                 studio_conflicts_window_get_selected (StudioConflictsWindow *self);
gboolean               studio_conflicts_window_select       (StudioConflictsWindow *self,
                                                             gint64                 conflict_id);
gboolean               studio_conflicts_window_resolve      (StudioConflictsWindow *self,
                                                             ReslibConflictChoice   choice);

G_END_DECLS
