/* studio-review-page-private.h — what the Review page's files share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "reslib-record.h"
#include "reslib-store.h"
#include "studio-review-page.h"

G_BEGIN_DECLS

typedef enum
{
  DETAIL_TYPE,
  DETAIL_AUTHORS,
  DETAIL_UNIT,
  DETAIL_FILE,
  DETAIL_SIZE,
  DETAIL_MEDIA,
  DETAIL_ORIGIN,
  DETAIL_LICENSE,
  DETAIL_KEYWORDS,
  DETAIL_NODES,
  DETAIL_SUBMITTED,
  DETAIL_DESCRIPTION,
  N_DETAILS
} Detail;

struct _StudioReviewPage
{
  StudioPage          parent_instance;

  /* Template children */
  GtkStack           *stack;
  GtkLabel           *reviewer_label;
  GtkLabel           *count_label;
  GtkButton          *approve_all_button;
  GtkSearchEntry     *search_entry;
  GtkMenuButton      *filter_button;
  GtkDropDown        *unit_filter;
  GtkDropDown        *type_filter;
  GtkDropDown        *course_filter;
  GtkDropDown        *author_filter;
  AdwLeaflet         *leaflet;
  GtkWidget          *detail_pane;
  GtkStack           *list_stack;
  GtkListView        *queue_view;
  AdwPreferencesGroup *details_group;
  GtkWidget          *decision_box;
  GtkEntry           *note_entry;
  GtkLabel           *note_error_label;
  GtkButton          *approve_button;
  GtkButton          *reject_button;
  GtkLabel           *level_label;
  GtkDropDown        *reviewer_dropdown;
  GtkWidget          *checklist_box;
  GtkCheckButton     *political_check;
  GtkCheckButton     *scientific_check;
  GtkCheckButton     *copyright_check;

  AdwActionRow       *details[N_DETAILS];
  GtkMultiSelection  *selection;
  GtkFilterListModel *filtered;
  GtkCustomFilter    *filter;
  GHashTable         *submitted;   /* resource id → ISO 8601 */
  GHashTable         *units;       /* unit id → name */
  GHashTable         *nodes;       /* node id → title */
  GHashTable         *node_course; /* node id → course id */
  GHashTable         *haystacks;   /* resource id → casefolded text the search looks in */
  /* The filters' choices: the value each drop-down item stands for ("" for any) */
  GPtrArray          *unit_ids;
  GPtrArray          *type_ids;
  GPtrArray          *course_ids;
  GPtrArray          *authors;
  char               *search;      /* casefolded, or NULL */
  /* The reviewers to choose from, as the drop-down lists them: member ids ("" for this library), their units */
  GPtrArray          *reviewer_ids;
  GPtrArray          *reviewer_units;
  char               *first_host;  /* the first host's unit id, or NULL */
  guint               reload_id;
  gboolean            reloading;
};

/* studio-review-page.c: the queue (what the search and filters show) and its selection */
const char *_studio_review_page_unit_name       (StudioReviewPage *self,
                                                 ReslibRecord     *resource);
GListModel *_studio_review_page_queue           (StudioReviewPage *self);
guint       _studio_review_page_queue_length    (StudioReviewPage *self);
guint       _studio_review_page_queue_total     (StudioReviewPage *self);
GPtrArray  *_studio_review_page_selected_ids    (StudioReviewPage *self);
guint       _studio_review_page_first_selected  (StudioReviewPage *self);
void        _studio_review_page_select_position (StudioReviewPage *self,
                                                 guint             position);
void        _studio_review_page_reload_now      (StudioReviewPage *self);

/* studio-review-page-details.c */
char       *_studio_review_page_format_time     (const char         *iso);
char       *_studio_review_page_join_list       (const char * const *values,
                                                 GHashTable         *names);
void        _studio_review_page_init_details    (StudioReviewPage *self);
void        _studio_review_page_update_details  (StudioReviewPage *self);

/* studio-review-page-decisions.c */
void        _studio_review_page_class_init_decisions (GtkWidgetClass   *widget_class);
void        _studio_review_page_init_decisions  (StudioReviewPage *self);

/* studio-review-page-levels.c */
void        _studio_review_page_class_init_levels (GtkWidgetClass   *widget_class);
void        _studio_review_page_init_levels     (StudioReviewPage *self);
void        _studio_review_page_finalize_levels (StudioReviewPage *self);
void        _studio_review_page_update_reviewers (StudioReviewPage *self,
                                                  ReslibStore      *store,
                                                  const char       *project_id);
void        _studio_review_page_update_level    (StudioReviewPage *self,
                                                 ReslibRecord     *resource);
gboolean    _studio_review_page_decide          (StudioReviewPage  *self,
                                                 GPtrArray         *ids,
                                                 gboolean           approve,
                                                 const char        *note,
                                                 gboolean          *passed_unit,
                                                 GError           **error);

/* studio-review-page-filters.c */
gboolean    _studio_review_page_filter          (gpointer          item,
                                                 gpointer          data);
guint       _studio_review_page_n_filters       (StudioReviewPage *self);
char       *_studio_review_page_haystack_of     (StudioReviewPage *self,
                                                 ReslibRecord     *resource);
void        _studio_review_page_update_choices  (StudioReviewPage *self,
                                                 GListModel       *units,
                                                 GListModel       *courses,
                                                 GListModel       *model);

G_END_DECLS
