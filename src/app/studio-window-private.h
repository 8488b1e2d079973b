/* studio-window-private.h — what the window's files share
 *
 * The window is split by concern: studio-window.c (the sidebar, the pages, the projects and the
 * window's state), studio-window-actions.c (its actions: pages, projects, reports),
 * studio-window-undo.c (Undo and Redo) and studio-window-import.c (the ways a package comes in).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "studio-window.h"

G_BEGIN_DECLS

#define STUDIO_WINDOW_N_PAGES 8

struct _StudioWindow
{
  AdwApplicationWindow  parent_instance;

  StudioSession        *session;
  ReslibStore          *store;          /* the session's */
  StudioSettings       *settings;       /* the session's */
  GtkListBoxRow        *page_rows[STUDIO_WINDOW_N_PAGES];
  StudioPage           *pages[STUDIO_WINDOW_N_PAGES];
  GtkWidget            *lead_only_bars[STUDIO_WINDOW_N_PAGES];   /* shown to a teacher */
  GtkLabel             *resources_badge;
  guint                 badge_id;
  GCancellable         *badge_cancellable;   /* the count the badge waits for */
  guint                 projects_id;
  GtkWindow            *import_dialog;    /* the import review shown */
  GQueue               *pending_packages; /* of GFile: the packages whose review waits for it */

  /* Template children */
  AdwToastOverlay      *toast_overlay;
  GtkStack             *main_stack;
  AdwLeaflet           *leaflet;
  GtkWidget            *sidebar;
  GtkWidget            *content;
  GtkDropDown          *project_dropdown;
  GtkListBox           *sidebar_list;
  GtkButton            *back_button;
  AdwWindowTitle       *window_title;
  GtkMenuButton        *menu_button;
  GtkStack             *page_stack;
  AdwStatusPage        *empty_status;
  GtkButton            *create_demo_button;
  GtkMenuButton        *empty_menu_button;
  AdwStatusPage        *error_status;
  GtkMenuButton        *error_menu_button;
};

/* studio-window-actions.c */
void _studio_window_class_actions_init (GtkWidgetClass *widget_class);
void _studio_window_update_conflicts   (StudioWindow   *self);
void _studio_window_update_badge       (StudioWindow   *self);

/* studio-window-import.c */
void _studio_window_class_import_init  (GtkWidgetClass *widget_class);
void _studio_window_import_init        (StudioWindow   *self);
void _studio_window_import_dispose     (StudioWindow   *self);
void _studio_window_choose_package     (StudioWindow   *self,
                                        const char     *title,
                                        const char     *action_name);

/* studio-window-drag.c */
void _studio_window_spring_load_row (GtkWidget *row);

/* studio-window-join.c */
void _studio_window_class_join_init (GtkWidgetClass *widget_class);

G_END_DECLS
