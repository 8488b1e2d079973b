/* studio-resources-page-private.h — what the files of the Resources page share
 *
 * The page is one class in several files: studio-resources-page.c (models, filters, loading,
 * selection), -search.c (search in a worker), -detail.c (the detail pane), -import.c (importing
 * files, one batch after the other), -actions.c (drop, paste, delete, bulk edit and the other actions), -fold.c (the list and the details folded in a narrow
 * window), -grid.c (the grid of thumbnails shown instead of the table), and studio-resource-columns.c
 * (the column view's cells and sorting).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "reslib-store-resource-rows.h"
#include "studio-bulk-edit-dialog.h"
#include "studio-node-picker.h"
#include "studio-paged-rows.h"
#include "studio-resources-page.h"
#include "studio-row-subset.h"
#include "studio-stable-rows.h"
#include "studio-thumbnails.h"

G_BEGIN_DECLS

struct _StudioResourcesPage
{
  StudioPage           parent_instance;

  /* Models */
  GPtrArray           *rows;              /* of ReslibResourceRow, NULL before the first load */
  GHashTable          *rows_by_id;        /* id → row (borrowed from rows) */
  GPtrArray           *dropped;           /* rows deleted in the store, kept until refiltered */
  StudioRowSubset     *filtered;
  GtkSortListModel    *sorted;
  StudioStableRows    *stable;
  GtkMultiSelection   *selection;
  StudioPagedRows     *paged;             /* a long list's rows read a page at a time, or NULL */
  gboolean             paging;            /* the list shows paged (the rows are being read) */
  GArray              *paged_rowids;      /* gint64: the list's rowids while paging, filtered and sorted by the
                                           * store; the paged model shows them, or those a search matched */
  guint                paged_threshold;   /* longer lists show paged (paged-threshold) */
  guint                paged_total;       /* how many resources the paged list's project has */
  GCancellable        *relist_cancellable; /* the paged list's rowids being listed again (filters, order) */
  gboolean             relist_follows;    /* that listing follows store changes: the view stays where it is */
  char                *loaded_project;    /* the project the rows are of */
  gboolean             needs_load;

  /* Filters */
  const char          *type_value;        /* interned, NULL for all */
  const char          *state_value;       /* interned, NULL for all */
  GPtrArray           *course_ids;        /* ids behind the course filter's items (0 = all) */
  GHashTable          *course_rowids;     /* NULL: no course filter */
  GHashTable          *search_rowids;     /* NULL: no search */
  char                *applied_search;    /* the query whose result is shown */
  GHashTable          *ids_filter;        /* ids another page asked to show, NULL: all (-ids.c) */
  GtkWidget           *ids_bar;           /* says so, above the list */

  /* Search in the session's worker */
  GCancellable        *search_cancellable;
  GCancellable        *load_cancellable;  /* rows being read in a worker */
  guint                search_idle_id;

  /* Reloads after store changes */
  guint                reload_id;
  GHashTable          *changed_ids;       /* NULL + changed_all for a full reload */
  gboolean             changed_all;
  gboolean             lists_changed;     /* courses, nodes or units changed */

  /* Import */
  GCancellable        *import_cancellable;
  GQueue              *import_queue;      /* batches waiting for the running import (-import.c) */
  char                *import_status;     /* the progress bar's text, before the batches waiting */
  guint                import_dropped;    /* batches waiting that Cancel dropped */
  GHashTable          *select_ids;        /* ids to select once the rows hold them (the new ones), or NULL */
  GtkFileChooserNative *chooser;

  /* Detail pane */
  ReslibRecord        *record;            /* the selected resource, full */
  GPtrArray           *detail_rows;       /* the editors, one per field */
  GPtrArray           *unit_ids;          /* ids behind the unit combo's items (0 = none) */
  gboolean             filling;           /* setting the editors, not the user */
  GCancellable        *preview_cancellable; /* an image or a PDF being drawn (-preview.c) */

  /* Delete with undo */

  /* Bulk edit */
  StudioBulkEditDialog *bulk_dialog;

  /* Linking to course nodes (-nodes.c) */
  StudioNodePicker    *node_picker;


  /* Template children */
  GtkStack            *resources_stack;
  GtkColumnView       *resources_view;
  GtkSearchEntry      *search_entry;
  GtkDropDown         *type_filter;
  GtkDropDown         *state_filter;
  GtkDropDown         *course_filter;
  GtkRevealer         *import_revealer;
  GtkMenuButton       *list_menu_button;  /* the resource list: Export List… */
  GtkProgressBar      *import_progress;
  GtkLabel            *count_label;
  GtkStack            *list_stack;
  GtkStack            *detail_stack;
  AdwStatusPage       *many_status;
  GtkStack            *preview_stack;
  GtkImage            *preview_icon;
  GtkLabel            *preview_message;   /* under the icon: the file cannot be drawn */
  GtkPicture          *preview_picture;
  GtkVideo            *preview_video;
  GtkLabel            *detail_info;
  GtkLabel            *detail_error;
  GtkListBox          *detail_list;

  /* The grid of thumbnails (-grid.c) */
  GtkGridView         *resources_grid;
  StudioThumbnails    *thumbnails;        /* made when the grid is first shown */
  gboolean             show_grid;         /* the "show-grid" property */
  gboolean             settings_bound;    /* show-grid bound to the settings' resources-grid */

  /* Folding (-fold.c) */
  AdwLeaflet          *leaflet;           /* the list and the details */
  GtkWidget           *list_pane;
  GtkWidget           *detail_pane;
  GtkLabel            *narrow_count_label; /* count_label's text, when the window is narrow */
  AdwSqueezer         *toolbar_squeezer;  /* the filters and import buttons, or two menus */
  GtkWidget           *narrow_tools;
  GtkWidget           *narrow_filters;    /* the filters' row under the search, narrow */
  GtkDropDown         *narrow_type_filter;  /* bound both ways to type_filter, … */
  GtkDropDown         *narrow_state_filter;
  GtkDropDown         *narrow_course_filter;
  guint                narrow_idle_id;
};

/* studio-resources-page.c */
void        _studio_resources_page_load             (StudioResourcesPage *self);
void        _studio_resources_page_load_now         (StudioResourcesPage *self);
void        _studio_resources_page_set_rows         (StudioResourcesPage *self,
                                                     GPtrArray           *rows);
gboolean    _studio_resources_page_reload_idle_cb   (gpointer             data);
void        _studio_resources_page_update_count     (StudioResourcesPage *self);
void        _studio_resources_page_load_courses     (StudioResourcesPage *self);
void        _studio_resources_page_load_course_rowids (StudioResourcesPage *self);
void        _studio_resources_page_apply_selection  (StudioResourcesPage *self);
void        _studio_resources_page_refilter         (StudioResourcesPage *self);
void        _studio_resources_page_emit_filtered    (StudioResourcesPage *self);
void        _studio_resources_page_update_actions   (StudioResourcesPage *self);
GStrv       _studio_resources_page_selected_ids     (StudioResourcesPage *self);
guint       _studio_resources_page_n_selected       (StudioResourcesPage *self);
void        _studio_resources_page_select_ids       (StudioResourcesPage *self,
                                                     const char * const  *ids);

void        _studio_resources_page_update_list_stack (StudioResourcesPage *self);

/* studio-resources-page-load.c */
void        _studio_resources_page_relist           (StudioResourcesPage *self,
                                                     gboolean             follows);
void        _studio_resources_page_stop_paging      (StudioResourcesPage *self);
void        _studio_resources_page_show_paged       (StudioResourcesPage *self,
                                                     GArray              *rowids,
                                                     GPtrArray           *rows,
                                                     gboolean             to_top);
GStrv       _studio_resources_page_paged_ids        (StudioResourcesPage *self,
                                                     GtkBitset           *positions);
void        _studio_resources_page_apply_paged_selection (StudioResourcesPage *self);

/* studio-resources-page-grid.c */
void        _studio_resources_page_grid_init        (StudioResourcesPage *self);
void        _studio_resources_page_grid_dispose     (StudioResourcesPage *self);
void        _studio_resources_page_show_grid        (StudioResourcesPage *self);
GtkWidget  *_studio_resources_page_list_widget      (StudioResourcesPage *self);
void        _studio_resources_page_scroll_to        (StudioResourcesPage *self,
                                                     guint                position);
gboolean    _studio_resources_page_grid_tile_state  (GtkWidget           *widget,
                                                     gboolean            *bound,
                                                     gboolean            *picture,
                                                     const char         **id);

/* studio-resources-page-search.c */
void        _studio_resources_page_start_search     (StudioResourcesPage *self);
void        _studio_resources_page_search_changed   (StudioResourcesPage *self);

/* studio-resources-page-detail.c */
void        _studio_resources_page_update_detail    (StudioResourcesPage *self);
void        _studio_resources_page_load_units       (StudioResourcesPage *self,
                                                     GtkStringList       *labels);

/* studio-resources-page-preview.c */
void        _studio_resources_page_update_preview   (StudioResourcesPage *self);
void        _studio_resources_page_clear_preview    (StudioResourcesPage *self);

/* studio-resources-page-nodes.c */
GtkWidget  *_studio_resources_page_nodes_row        (StudioResourcesPage *self);
void        _studio_resources_page_update_nodes_row (StudioResourcesPage *self,
                                                     GtkWidget           *row);
void        _studio_resources_page_class_nodes_init (GtkWidgetClass      *widget_class);

/* studio-resources-page-import.c */
void        _studio_resources_page_class_import_init (GtkWidgetClass     *widget_class);
void        _studio_resources_page_import_dispose   (StudioResourcesPage *self);

/* studio-resources-page-actions.c */
void        _studio_resources_page_class_actions_init (GtkWidgetClass    *widget_class);
void        _studio_resources_page_actions_init     (StudioResourcesPage *self);

/* studio-resources-page-fold.c */
void        _studio_resources_page_class_fold_init  (GtkWidgetClass      *widget_class);
void        _studio_resources_page_fold_init        (StudioResourcesPage *self);
void        _studio_resources_page_show_detail      (StudioResourcesPage *self);
void        _studio_resources_page_fold_dispose     (StudioResourcesPage *self);

/* studio-resources-page-replace.c: Replace File… */
void        _studio_resources_page_class_replace_init (GtkWidgetClass    *widget_class);

/* studio-resources-page-open.c: Open, Open With…, Show in Folder */
void        _studio_resources_page_class_open_init  (GtkWidgetClass      *widget_class);

/* studio-resources-page-ids.c */
void        _studio_resources_page_class_ids_init   (GtkWidgetClass      *widget_class);

/* studio-resource-columns.c */
void        _studio_resource_columns_add            (GtkColumnView       *view);
void        _studio_resource_columns_set_narrow     (GtkColumnView       *view,
                                                     gboolean             narrow);
void        _studio_resource_forget_sort_keys       (ReslibResourceRow   *row);
void        _studio_resource_columns_get_sort       (GtkColumnView       *view,
                                                     ReslibResourceSort  *sort,
                                                     gboolean            *descending);

G_END_DECLS
