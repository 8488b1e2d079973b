/* studio-window.h — the main window: a project's pages
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "reslib-core.h"
#include "studio-application.h"
#include "studio-page.h"

G_BEGIN_DECLS

#define STUDIO_TYPE_WINDOW (studio_window_get_type ())
G_DECLARE_FINAL_TYPE (StudioWindow, studio_window, STUDIO, WINDOW, AdwApplicationWindow)

StudioWindow *studio_window_new              (StudioApplication *app,
                                              StudioSession     *session);
StudioSession *studio_window_get_session     (StudioWindow      *self);
ReslibStore  *studio_window_get_store        (StudioWindow      *self);
const char   *studio_window_get_project_id   (StudioWindow      *self);
gboolean      studio_window_open_project     (StudioWindow      *self,
                                              const char        *project_id);
void          studio_window_reload           (StudioWindow      *self);
void          studio_window_show_page        (StudioWindow      *self,
                                              const char        *page);
void          studio_window_show_store_error (StudioWindow      *self,
                                              const GError      *error);
void          studio_window_show_error       (StudioWindow      *self,
                                              const char        *heading,
                                              const GError      *error);
void          studio_window_add_toast        (StudioWindow      *self,
                                              const char        *message);
void          studio_window_show_toast       (StudioWindow      *self,
                                              AdwToast          *toast);
StudioPage   *studio_window_get_page         (StudioWindow      *self,
                                              const char        *name);
void          studio_window_open_subject     (StudioWindow      *self,
                                              const char        *page_name,
                                              ReslibKind         kind,
                                              const char        *subject_id);
void          studio_window_open_package     (StudioWindow      *self,
                                              GFile             *file);
GtkWindow    *studio_window_get_import_dialog (StudioWindow     *self);

/* studio-window-join.c */
GtkWindow    *studio_window_join_project     (StudioWindow      *self,
                                              GFile             *file);

/* Tests reach the widgets with gtk_widget_get_template_child (page,
 * STUDIO_TYPE_RESOURCES_PAGE, "resources_view") and the like. */

/* studio-window-undo.c */
StudioUndoStack *studio_window_get_undo_stack   (StudioWindow      *self);
void          _studio_window_class_undo_init (GtkWidgetClass    *widget_class);
void          _studio_window_undo_init       (StudioWindow      *self);

G_END_DECLS
