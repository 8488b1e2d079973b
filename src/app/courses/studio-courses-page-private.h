/* studio-courses-page-private.h — what the Courses page's files share
 *
 * The page is split by concern: studio-courses-page.c (the page, reading the tree, and the helpers
 * below), -rows.c (the tree's rows, dragged and dropped), -editor.c (the side editor), -move.c,
 * -add.c and -delete.c (the page's actions on the tree).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "studio-courses-page.h"

G_BEGIN_DECLS

struct _StudioCoursesPage
{
  StudioPage          parent_instance;

  /* Template children */
  GtkStack           *stack;
  AdwStatusPage      *empty_status;
  GtkButton          *add_course_button;
  GtkButton          *add_node_button;
  GtkButton          *move_up_button;
  GtkButton          *move_down_button;
  GtkButton          *delete_button;
  GtkLabel           *summary_label;
  GtkStack           *tree_stack;
  GtkListView        *tree_view;
  GtkStack           *editor_stack;
  AdwPreferencesGroup *editor_group;
  AdwEntryRow        *title_row;
  AdwComboRow        *kind_row;
  AdwComboRow        *parent_row;
  AdwActionRow       *position_row;
  GtkSpinButton      *position_spin;
  AdwActionRow       *resources_row;
  GtkLabel           *resources_label;
  GtkLabel           *error_label;
  AdwPreferencesGroup *details_group;   /* a course's code, hours, lead teacher… */
  GPtrArray          *detail_rows;      /* the rows in details_group */
  AdwLeaflet         *leaflet;      /* the tree and the editor, folded in a narrow window */
  GtkWidget          *editor_pane;

  GtkSingleSelection *selection;
  GListStore         *courses;      /* the root of the tree */
  GHashTable         *children;     /* course or node id → GListStore of ReslibNode */
  GHashTable         *counts;       /* node id → number of linked resources */
  GHashTable         *collapsed;    /* ids of rows the user collapsed */
  ReslibRecord       *record;       /* what the editor shows */
  GPtrArray          *parent_ids;   /* the parent combo's choices ("" = top level) */
  guint               reload_id;
  guint               edit_id;      /* an idle that writes a combo or spin change */
  guint               edits;        /* which: EDIT_KIND, EDIT_PARENT, EDIT_POSITION */
  gboolean            reloading;    /* the tree model is being replaced */
  gboolean            filling;      /* the editor is being filled: its signals write nothing */
};

/* studio-courses-page.c */
gboolean            _studio_courses_page_is_blank             (const char         *text);
gboolean            _studio_courses_page_is_node              (ReslibRecord       *record);
GListModel         *_studio_courses_page_siblings_of          (StudioCoursesPage  *self,
                                                               ReslibRecord       *record);
gboolean            _studio_courses_page_find_in              (GListModel         *model,
                                                               const char         *id,
                                                               guint              *position);
ReslibRecord       *_studio_courses_page_lookup_record        (StudioCoursesPage  *self,
                                                               const char         *id);
gboolean            _studio_courses_page_is_within            (StudioCoursesPage  *self,
                                                               ReslibRecord       *candidate,
                                                               const char         *node_id);
guint               _studio_courses_page_resource_count       (StudioCoursesPage  *self,
                                                               ReslibRecord       *record);
gboolean            _studio_courses_page_is_point             (ReslibRecord       *record);
ReslibRecord       *_studio_courses_page_get_selected         (StudioCoursesPage  *self);
void                _studio_courses_page_show_error           (StudioCoursesPage  *self,
                                                               const char         *heading,
                                                               const GError       *error);
void                _studio_courses_page_reload_now           (StudioCoursesPage  *self);
void                _studio_courses_page_show_editor          (StudioCoursesPage  *self);
void                _studio_courses_page_update_actions       (StudioCoursesPage  *self);

/* studio-courses-page-rows.c */
GListModel         *_studio_courses_page_create_children_cb   (gpointer            item,
                                                               gpointer            user_data);
GtkListItemFactory *_studio_courses_page_row_factory_new      (StudioCoursesPage  *self);

/* studio-courses-page-editor.c */
void                _studio_courses_page_fill_editor          (StudioCoursesPage  *self);
void                _studio_courses_page_rename_action        (GtkWidget          *widget,
                                                               const char         *action_name,
                                                               GVariant           *parameter);
void                _studio_courses_page_row_activated_cb     (GtkListView        *view,
                                                               guint               position,
                                                               StudioCoursesPage  *self);
void                _studio_courses_page_selection_changed_cb (GtkSingleSelection *selection,
                                                               GParamSpec         *pspec,
                                                               StudioCoursesPage  *self);
void                _studio_courses_page_init_editor          (StudioCoursesPage  *self);

/* studio-courses-page-details.c */
void                _studio_courses_page_fill_details         (StudioCoursesPage  *self,
                                                               ReslibRecord       *record);

/* studio-courses-page-move.c */
gboolean            _studio_courses_page_move_record          (StudioCoursesPage  *self,
                                                               ReslibRecord       *record,
                                                               const char         *parent_id,
                                                               guint               index);
void                _studio_courses_page_move_up_action       (GtkWidget          *widget,
                                                               const char         *action_name,
                                                               GVariant           *parameter);
void                _studio_courses_page_move_down_action     (GtkWidget          *widget,
                                                               const char         *action_name,
                                                               GVariant           *parameter);

/* studio-courses-page-add.c */
void                _studio_courses_page_add_course_action    (GtkWidget          *widget,
                                                               const char         *action_name,
                                                               GVariant           *parameter);
void                _studio_courses_page_add_node_action      (GtkWidget          *widget,
                                                               const char         *action_name,
                                                               GVariant           *parameter);

/* studio-courses-page-delete.c */
void                _studio_courses_page_delete_action        (GtkWidget          *widget,
                                                               const char         *action_name,
                                                               GVariant           *parameter);

G_END_DECLS
