/* studio-resources-page.c — the project's resources in a column view
 *
 * The list holds light rows (ReslibResourceRow: what the columns show), read in
 * one query, so that 100,000 resources load in a fraction of a second; the
 * detail pane reads the full record of the selected resource. Models:
 *
 *   array of rows → StudioRowSubset (type, state, course, search, pending
 *   deletion) → GtkSortListModel (the column view's sorter) →
 *   StudioStableRows (items that keep their position) → GtkMultiSelection →
 *   GtkColumnView
 *
 * (studio-row-subset.c and studio-stable-rows.c tell why those two).
 *
 * Search runs in a worker thread on a connection of its own and gives the
 * rowids that match; the filter only looks them up, so typing never waits.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "reslib-labels.h"
#include "reslib-store-gc.h"
#include "reslib-store-resource-rows.h"
#include "studio-resources-page.h"
#include "studio-row-subset.h"
#include "studio-stable-rows.h"

/* ---------------------------------------------------------------------------------------------- */

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
  char                *loaded_project;    /* the project the rows are of */
  gboolean             needs_load;

  /* Filters */
  const char          *type_value;        /* interned, NULL for all */
  const char          *state_value;       /* interned, NULL for all */
  GPtrArray           *course_ids;        /* ids behind the course filter's items (0 = all) */
  GHashTable          *course_rowids;     /* NULL: no course filter */
  GHashTable          *search_rowids;     /* NULL: no search */
  char                *applied_search;    /* the query whose result is shown */
  GHashTable          *pending_delete;    /* ids hidden until the Undo toast goes away */

  /* Search in a worker */
  GThreadPool         *search_pool;
  ReslibStore         *search_store;      /* used by the worker only */
  GCancellable        *search_cancellable;
  GCancellable        *load_cancellable;  /* rows being read in a worker */
  gint                 search_generation; /* atomic */
  guint                search_idle_id;

  /* Reloads after store changes */
  guint                reload_id;
  GHashTable          *changed_ids;       /* NULL + changed_all for a full reload */
  gboolean             changed_all;
  gboolean             lists_changed;     /* courses, nodes or units changed */

  /* Import */
  GCancellable        *import_cancellable;
  GtkFileChooserNative *chooser;

  /* Detail pane */
  ReslibRecord        *record;            /* the selected resource, full */
  GPtrArray           *detail_rows;       /* the editors, one per field */
  GPtrArray           *unit_ids;          /* ids behind the unit combo's items (0 = none) */
  GPtrArray           *node_ids;          /* every node of the project */
  GPtrArray           *node_labels;       /* "course / node" for each of node_ids */
  gboolean             filling;           /* setting the editors, not the user */

  /* Delete with undo */
  AdwToast            *delete_toast;
  GPtrArray           *delete_ids;

  /* Bulk edit */
  AdwMessageDialog    *bulk_dialog;

  /* Benchmark */
  gboolean             bench;
  gboolean             bench_frame_done;
  gboolean             bench_connected;

  /* Template children */
  GtkStack            *resources_stack;
  GtkColumnView       *resources_view;
  GtkSearchEntry      *search_entry;
  GtkDropDown         *type_filter;
  GtkDropDown         *state_filter;
  GtkDropDown         *course_filter;
  GtkRevealer         *import_revealer;
  GtkProgressBar      *import_progress;
  GtkLabel            *count_label;
  GtkStack            *detail_stack;
  AdwStatusPage       *many_status;
  GtkStack            *preview_stack;
  GtkImage            *preview_icon;
  GtkPicture          *preview_picture;
  GtkVideo            *preview_video;
  GtkLabel            *detail_info;
  GtkLabel            *detail_error;
  GtkListBox          *detail_list;
};

G_DEFINE_FINAL_TYPE (StudioResourcesPage, studio_resources_page, STUDIO_TYPE_PAGE)


enum {
  SIGNAL_FILTERED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void update_detail (StudioResourcesPage *self);
static gboolean reload_idle_cb (gpointer data);
static void update_actions (StudioResourcesPage *self);

/* ---------------------------------------------------------------------------------------------- */
/* Labels                                                                                          */

/* The display names of the resource fields the detail pane edits. */
typedef struct
{
  const char *field;
  const char *label;
} FieldLabel;

static const FieldLabel field_labels[] = {
  { "title", N_("Title") },
  { "type", N_("Type") },
  { "authors", N_("Authors") },
  { "unit_id", N_("Unit") },
  { "origin", N_("Origin") },
  { "license", N_("Licence") },
  /* Translators: who holds the rights of a licensed resource */
  { "license_holder", N_("Licence holder") },
  { "keywords", N_("Keywords") },
  { "description", N_("Description") },
  /* Translators: who the resource is for (students, teachers, workers…) */
  { "audience", N_("Audience") },
  { "language", N_("Language") },
  { "file_name", N_("File name") },
  { "nodes", N_("Course nodes") },
};

static const char *
field_label (const char *field)
{
  for (guint i = 0; i < G_N_ELEMENTS (field_labels); i++)
    if (g_str_equal (field_labels[i].field, field))
      return _(field_labels[i].label);

  return field;
}

static const char *
origin_label (const char *origin)
{
  if (g_strcmp0 (origin, "original") == 0)
    /* Translators: a resource's origin: made by the project */
    return _("Original work");
  if (g_strcmp0 (origin, "licensed") == 0)
    /* Translators: a resource's origin: used under a licence from its holder */
    return _("Licensed");
  if (g_strcmp0 (origin, "open") == 0)
    /* Translators: a resource's origin: under an open licence */
    return _("Open licence");

  return origin != NULL ? origin : "";
}

static char *
format_size (gint64 size)
{
  return size < 0 ? g_strdup ("") : g_format_size ((guint64) size);
}

/* "2026-11-24T09:30:12.123Z" → "2026-11-24 09:30" in local time */
static char *
format_time (const char *iso)
{
  g_autoptr(GDateTime) utc = NULL;
  g_autoptr(GDateTime) local = NULL;

  if (iso == NULL)
    return g_strdup ("");
  utc = g_date_time_new_from_iso8601 (iso, NULL);
  if (utc == NULL)
    return g_strdup (iso);
  local = g_date_time_to_local (utc);

  return g_date_time_format (local, "%Y-%m-%d %H:%M");
}

/* ---------------------------------------------------------------------------------------------- */
/* Columns                                                                                         */

typedef enum
{
  COLUMN_TITLE,
  COLUMN_TYPE,
  COLUMN_STATE,
  COLUMN_FILE_NAME,
  COLUMN_SIZE,
  COLUMN_AUTHOR,
  COLUMN_MODIFIED,
  N_COLUMNS
} Column;

static const char * const column_properties[N_COLUMNS] = {
  "title", "type", "state", "file-name", "size", "author", "updated-at",
};

static char *
cell_text (ReslibResourceRow *row,
           Column             column)
{
  switch (column)
    {
    case COLUMN_TITLE: return g_strdup (reslib_resource_row_get_title (row));
    case COLUMN_TYPE: return g_strdup (reslib_label_resource_type (reslib_resource_row_get_kind (row)));
    case COLUMN_STATE: return g_strdup (reslib_label_resource_state (reslib_resource_row_get_state (row)));
    case COLUMN_FILE_NAME: return g_strdup (reslib_resource_row_get_file_name (row));
    case COLUMN_SIZE: return format_size (reslib_resource_row_get_size (row));
    case COLUMN_AUTHOR: return g_strdup (reslib_resource_row_get_author (row));
    case COLUMN_MODIFIED: return format_time (reslib_resource_row_get_updated_at (row));
    case N_COLUMNS:
    default: return NULL;
    }
}

static void
cell_refresh (GtkListItem *item)
{
  Column column = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (item), "column"));
  ReslibResourceRow *row = gtk_list_item_get_item (item);
  g_autofree char *text = row != NULL ? cell_text (row, column) : NULL;

  gtk_label_set_text (GTK_LABEL (gtk_list_item_get_child (item)), text != NULL ? text : "");
}

static void
cell_notify_cb (GObject    *object,
                GParamSpec *pspec,
                gpointer    data)
{
  cell_refresh (data);
}

static void
cell_setup_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               gpointer                  data)
{
  Column column = GPOINTER_TO_INT (data);
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), column == COLUMN_SIZE ? 1.0 : 0.0);
  gtk_label_set_ellipsize (GTK_LABEL (label), column == COLUMN_FILE_NAME ? PANGO_ELLIPSIZE_MIDDLE : PANGO_ELLIPSIZE_END);
  if (column == COLUMN_TITLE)
    gtk_label_set_width_chars (GTK_LABEL (label), 14);
  if (column == COLUMN_FILE_NAME || column == COLUMN_SIZE || column == COLUMN_MODIFIED)
    gtk_widget_add_css_class (label, "dim-label");
  if (column == COLUMN_SIZE)
    gtk_widget_add_css_class (label, "numeric");
  gtk_list_item_set_child (item, label);
  g_object_set_data (G_OBJECT (item), "column", data);
}

static void
cell_bind_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              gpointer                  data)
{
  Column column = GPOINTER_TO_INT (data);
  ReslibResourceRow *row = gtk_list_item_get_item (item);
  g_autofree char *signal = g_strconcat ("notify::", column_properties[column], NULL);
  gulong id;

  id = g_signal_connect (row, signal, G_CALLBACK (cell_notify_cb), item);
  g_object_set_data (G_OBJECT (item), "notify-id", GSIZE_TO_POINTER ((gsize) id));
  cell_refresh (item);
}

static void
cell_unbind_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *item,
                gpointer                  data)
{
  ReslibResourceRow *row = gtk_list_item_get_item (item);
  gulong id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (item), "notify-id"));

  if (row != NULL && id != 0)
    g_signal_handler_disconnect (row, id);
  g_object_set_data (G_OBJECT (item), "notify-id", NULL);
}

/* Sorting. GTK 4.8's string sorter makes a collation key for every row when a sort starts: 0.6 s
 * without a frame for 100,000 titles. Here each row's key is made when the sort first compares it
 * (so GTK's sort, a part at a time, spreads the work over frames) and kept on the row with the text
 * it was made from, so that the next sort by that column costs only the comparisons. Types and
 * states sort by what the column shows, in the user's language; times by their ISO text. */

typedef struct
{
  const char *source;   /* the text the key was made from, the row's own (its address): a guard */
  char        key[];
} SortKey;

static GQuark sort_key_quarks[N_COLUMNS];

static const char *
row_text (ReslibResourceRow *row,
          Column             column)
{
  switch (column)
    {
    case COLUMN_TITLE: return reslib_resource_row_get_title (row);
    case COLUMN_FILE_NAME: return reslib_resource_row_get_file_name (row);
    case COLUMN_AUTHOR: return reslib_resource_row_get_author (row);
    case COLUMN_TYPE:
    case COLUMN_STATE:
    case COLUMN_SIZE:
    case COLUMN_MODIFIED:
    case N_COLUMNS:
    default: return NULL;
    }
}

static SortKey *
make_sort_key (const char *source,
               const char *text)
{
  g_autofree char *folded = g_utf8_casefold (text != NULL ? text : "", -1);
  g_autofree char *key = g_utf8_collate_key (folded, -1);
  gsize len = strlen (key);
  SortKey *sort_key = g_malloc (sizeof (SortKey) + len + 1);

  sort_key->source = source;
  memcpy (sort_key->key, key, len + 1);

  return sort_key;
}

/* The collation key of a row's text in @column, made once. */
static const char *
row_sort_key (ReslibResourceRow *row,
              Column             column)
{
  const char *text = row_text (row, column);
  SortKey *sort_key;

  if (sort_key_quarks[column] == 0)
    {
      g_autofree char *name = g_strdup_printf ("studio-sort-key-%d", column);

      sort_key_quarks[column] = g_quark_from_string (name);
    }
  sort_key = g_object_get_qdata (G_OBJECT (row), sort_key_quarks[column]);
  if (sort_key == NULL || sort_key->source != text)
    {
      sort_key = make_sort_key (text, text);
      g_object_set_qdata_full (G_OBJECT (row), sort_key_quarks[column], sort_key, g_free);
    }

  return sort_key->key;
}

/* The collation key of a label of a stored value (type, state), made once per value. */
static const char *
label_sort_key (const char *value,
                const char *(*label) (const char *))
{
  static GHashTable *keys;
  SortKey *sort_key;

  if (keys == NULL)
    keys = g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL, g_free);
  if (value == NULL)
    return "";
  sort_key = g_hash_table_lookup (keys, value);   /* values are interned */
  if (sort_key == NULL)
    {
      sort_key = make_sort_key (value, label (value));
      g_hash_table_insert (keys, (gpointer) value, sort_key);
    }

  return sort_key->key;
}

/* The row's texts changed. */
static void
forget_sort_keys (ReslibResourceRow *row)
{
  for (guint c = 0; c < N_COLUMNS; c++)
    if (sort_key_quarks[c] != 0)
      g_object_set_qdata (G_OBJECT (row), sort_key_quarks[c], NULL);
}

static int
compare_rows (gconstpointer a,
              gconstpointer b,
              gpointer      data)
{
  ReslibResourceRow *x = RESLIB_RESOURCE_ROW ((gpointer) a);
  ReslibResourceRow *y = RESLIB_RESOURCE_ROW ((gpointer) b);
  Column column = GPOINTER_TO_INT (data);

  switch (column)
    {
    case COLUMN_TYPE:
      return gtk_ordering_from_cmpfunc (strcmp (label_sort_key (reslib_resource_row_get_kind (x),
                                                                reslib_label_resource_type),
                                                label_sort_key (reslib_resource_row_get_kind (y),
                                                                reslib_label_resource_type)));
    case COLUMN_STATE:
      return gtk_ordering_from_cmpfunc (strcmp (label_sort_key (reslib_resource_row_get_state (x),
                                                                reslib_label_resource_state),
                                                label_sort_key (reslib_resource_row_get_state (y),
                                                                reslib_label_resource_state)));
    case COLUMN_MODIFIED:
      return gtk_ordering_from_cmpfunc (g_strcmp0 (reslib_resource_row_get_updated_at (x),
                                                   reslib_resource_row_get_updated_at (y)));
    case COLUMN_TITLE:
    case COLUMN_FILE_NAME:
    case COLUMN_AUTHOR:
      return gtk_ordering_from_cmpfunc (strcmp (row_sort_key (x, column), row_sort_key (y, column)));
    case COLUMN_SIZE:
    case N_COLUMNS:
    default:
      return GTK_ORDERING_EQUAL;
    }
}

static void
add_columns (StudioResourcesPage *self)
{
  static const char *titles[N_COLUMNS] = {
    N_("Title"), N_("Type"), N_("State"), N_("File Name"), N_("Size"), N_("Author"),
    /* Translators: column title: when the resource was last changed */
    N_("Modified"),
  };
  static const int widths[N_COLUMNS] = { -1, 110, 100, 180, 90, 110, 140 };

  for (Column c = 0; c < N_COLUMNS; c++)
    {
      GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
      GtkColumnViewColumn *column;
      GtkSorter *sorter;

      g_signal_connect (factory, "setup", G_CALLBACK (cell_setup_cb), GINT_TO_POINTER (c));
      g_signal_connect (factory, "bind", G_CALLBACK (cell_bind_cb), GINT_TO_POINTER (c));
      g_signal_connect (factory, "unbind", G_CALLBACK (cell_unbind_cb), GINT_TO_POINTER (c));
      column = gtk_column_view_column_new (_(titles[c]), factory);
      if (c == COLUMN_SIZE)
        {
          GtkExpression *expression = gtk_property_expression_new (RESLIB_TYPE_RESOURCE_ROW, NULL, "size");

          sorter = GTK_SORTER (gtk_numeric_sorter_new (expression));
        }
      else
        sorter = GTK_SORTER (gtk_custom_sorter_new (compare_rows, GINT_TO_POINTER (c), NULL));
      gtk_column_view_column_set_sorter (column, sorter);
      g_object_unref (sorter);
      gtk_column_view_column_set_resizable (column, TRUE);
      if (widths[c] > 0)
        gtk_column_view_column_set_fixed_width (column, widths[c]);
      else
        gtk_column_view_column_set_expand (column, TRUE);
      gtk_column_view_append_column (self->resources_view, column);
      g_object_unref (column);
    }
}

/* ---------------------------------------------------------------------------------------------- */
/* Filtering                                                                                       */

static gboolean
filter_func (StudioResourcesPage *self,
             ReslibResourceRow   *row)
{
  gpointer rowid = GSIZE_TO_POINTER ((gsize) reslib_resource_row_get_rowid (row));

  if (self->type_value != NULL && reslib_resource_row_get_kind (row) != self->type_value)
    return FALSE;
  if (self->state_value != NULL && reslib_resource_row_get_state (row) != self->state_value)
    return FALSE;
  if (self->course_rowids != NULL && !g_hash_table_contains (self->course_rowids, rowid))
    return FALSE;
  if (self->search_rowids != NULL && !g_hash_table_contains (self->search_rowids, rowid))
    return FALSE;
  if (g_hash_table_size (self->pending_delete) > 0 &&
      g_hash_table_contains (self->pending_delete, reslib_resource_row_get_id (row)))
    return FALSE;

  return TRUE;
}

static void
update_count (StudioResourcesPage *self)
{
  guint shown = g_list_model_get_n_items (G_LIST_MODEL (self->filtered));
  guint total = self->rows != NULL ? self->rows->len : 0;
  g_autofree char *text = NULL;

  if (shown == total)
    /* Translators: %u is a number of resources */
    text = g_strdup_printf (_("Resources: %u"), total);
  else
    /* Translators: resources shown by the filters, of all the project's */
    text = g_strdup_printf (_("Shown: %u of %u"), shown, total);
  gtk_label_set_text (self->count_label, text);
}

static void
refilter (StudioResourcesPage *self)
{
  GPtrArray *shown = g_ptr_array_sized_new (self->rows != NULL ? self->rows->len : 0);

  for (guint i = 0; self->rows != NULL && i < self->rows->len; i++)
    if (filter_func (self, g_ptr_array_index (self->rows, i)))
      g_ptr_array_add (shown, g_ptr_array_index (self->rows, i));
  studio_row_subset_set (self->filtered, shown);
  update_count (self);
  g_signal_emit (self, signals[SIGNAL_FILTERED], 0);
}

static const char *
choice_at (const char * const *choices,
           guint               selected)
{
  if (selected == 0 || selected == GTK_INVALID_LIST_POSITION)
    return NULL;

  return g_intern_string (choices[selected - 1]);
}

static void
type_filter_cb (StudioResourcesPage *self)
{
  self->type_value = choice_at (reslib_resource_types, gtk_drop_down_get_selected (self->type_filter));
  refilter (self);
}

static void
state_filter_cb (StudioResourcesPage *self)
{
  self->state_value = choice_at (reslib_resource_states, gtk_drop_down_get_selected (self->state_filter));
  refilter (self);
}

static void
load_course_rowids (StudioResourcesPage *self)
{
  guint selected = gtk_drop_down_get_selected (self->course_filter);
  ReslibStore *store = studio_page_get_store (STUDIO_PAGE (self));
  g_autoptr(GError) error = NULL;

  g_clear_pointer (&self->course_rowids, g_hash_table_unref);
  if (store == NULL || selected == 0 || selected == GTK_INVALID_LIST_POSITION || selected >= self->course_ids->len)
    return;

  self->course_rowids = reslib_store_course_resource_rowids (store, g_ptr_array_index (self->course_ids, selected),
                                                             &error);
  if (self->course_rowids == NULL)
    studio_page_toast (STUDIO_PAGE (self), error->message);
}

static void
course_filter_cb (StudioResourcesPage *self)
{
  load_course_rowids (self);
  refilter (self);
}

static void
fill_choice_filter (GtkDropDown        *drop_down,
                    const char         *all,
                    const char * const *choices,
                    const char       *(*label) (const char *))
{
  g_autoptr(GtkStringList) list = gtk_string_list_new (NULL);

  gtk_string_list_append (list, all);
  for (guint i = 0; choices[i] != NULL; i++)
    gtk_string_list_append (list, label (choices[i]));
  gtk_drop_down_set_model (drop_down, G_LIST_MODEL (list));
}

/* Courses of the project in the course filter; keeps the chosen one when it is still there. */
static void
load_courses (StudioResourcesPage *self)
{
  StudioPage *page = STUDIO_PAGE (self);
  ReslibStore *store = studio_page_get_store (page);
  const char *project = studio_page_get_project_id (page);
  g_autoptr(GtkStringList) list = gtk_string_list_new (NULL);
  g_autoptr(GListModel) courses = NULL;
  g_autofree char *chosen = NULL;
  guint selected = gtk_drop_down_get_selected (self->course_filter);
  guint new_selected = 0;

  if (selected != GTK_INVALID_LIST_POSITION && selected > 0 && selected < self->course_ids->len)
    chosen = g_strdup (g_ptr_array_index (self->course_ids, selected));
  g_ptr_array_set_size (self->course_ids, 0);
  g_ptr_array_add (self->course_ids, NULL);
  gtk_string_list_append (list, _("All Courses"));
  if (store != NULL && project != NULL)
    courses = reslib_store_list (store, RESLIB_KIND_COURSE, project, NULL);
  for (guint i = 0; courses != NULL && i < g_list_model_get_n_items (courses); i++)
    {
      g_autoptr(ReslibRecord) course = g_list_model_get_item (courses, i);

      if (g_strcmp0 (chosen, reslib_record_get_id (course)) == 0)
        new_selected = self->course_ids->len;
      g_ptr_array_add (self->course_ids, g_strdup (reslib_record_get_id (course)));
      gtk_string_list_append (list, reslib_record_get (course, "title"));
    }

  g_signal_handlers_block_by_func (self->course_filter, course_filter_cb, self);
  gtk_drop_down_set_model (self->course_filter, G_LIST_MODEL (list));
  gtk_drop_down_set_selected (self->course_filter, new_selected);
  g_signal_handlers_unblock_by_func (self->course_filter, course_filter_cb, self);
  load_course_rowids (self);
}

/* ---------------------------------------------------------------------------------------------- */
/* Search                                                                                          */

typedef struct
{
  StudioResourcesPage *self;      /* a reference, released in the main thread */
  ReslibStore         *store;
  GCancellable        *cancellable;
  char                *project;
  char                *query;
  int                  generation;
  GHashTable          *result;
  GError              *error;
} SearchJob;

static void
search_job_free (SearchJob *job)
{
  g_object_unref (job->self);
  g_object_unref (job->store);
  g_object_unref (job->cancellable);
  g_free (job->project);
  g_free (job->query);
  g_clear_pointer (&job->result, g_hash_table_unref);
  g_clear_error (&job->error);
  g_free (job);
}

/* Another search shows its first matches. */
static void
scroll_to_top (StudioResourcesPage *self)
{
  GtkAdjustment *adjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (self->resources_view));

  if (adjustment != NULL)
    gtk_adjustment_set_value (adjustment, gtk_adjustment_get_lower (adjustment));
}

/* In the main thread: show the result when it is still the latest one. */
static gboolean
search_done_cb (gpointer data)
{
  SearchJob *job = data;
  StudioResourcesPage *self = job->self;

  if (job->generation == g_atomic_int_get (&self->search_generation) && self->rows != NULL)
    {
      if (job->result != NULL)
        {
          g_clear_pointer (&self->search_rowids, g_hash_table_unref);
          self->search_rowids = g_steal_pointer (&job->result);
          g_free (self->applied_search);
          self->applied_search = g_strdup (job->query);
          refilter (self);
          scroll_to_top (self);
        }
      else if (!g_error_matches (job->error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        studio_page_toast (STUDIO_PAGE (self), job->error->message);
    }
  search_job_free (job);

  return G_SOURCE_REMOVE;
}

/* In the worker thread: only the latest query is worth running. */
static void
search_thread (gpointer data,
               gpointer pool_data)
{
  SearchJob *job = data;

  if (job->generation == g_atomic_int_get (&job->self->search_generation))
    job->result = reslib_store_search_resource_rowids (job->store, job->project, job->query,
                                                       job->cancellable, &job->error);
  else
    g_set_error_literal (&job->error, G_IO_ERROR, G_IO_ERROR_CANCELLED, "stale");
  g_main_context_invoke_full (NULL, G_PRIORITY_HIGH, search_done_cb, job, NULL);
}

static void
start_search (StudioResourcesPage *self)
{
  StudioPage *page = STUDIO_PAGE (self);
  ReslibStore *store = studio_page_get_store (page);
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  g_autofree char *query = g_strstrip (g_strdup (text));
  SearchJob *job;
  g_autoptr(GError) error = NULL;

  g_atomic_int_inc (&self->search_generation);
  if (self->search_cancellable != NULL)
    g_cancellable_cancel (self->search_cancellable);
  g_clear_object (&self->search_cancellable);

  if (*query == '\0' || store == NULL || self->loaded_project == NULL)
    {
      gboolean had = self->search_rowids != NULL;

      g_clear_pointer (&self->search_rowids, g_hash_table_unref);
      g_free (self->applied_search);
      self->applied_search = g_strdup (text);
      if (had)
        {
          refilter (self);
          scroll_to_top (self);
        }
      else
        g_signal_emit (self, signals[SIGNAL_FILTERED], 0);
      return;
    }

  if (self->search_store == NULL)
    {
      self->search_store = reslib_store_reopen (store, &error);
      if (self->search_store == NULL)
        {
          studio_page_toast (page, error->message);
          return;
        }
    }
  if (self->search_pool == NULL)
    self->search_pool = g_thread_pool_new (search_thread, NULL, 1, FALSE, NULL);

  self->search_cancellable = g_cancellable_new ();
  job = g_new0 (SearchJob, 1);
  job->self = g_object_ref (self);
  job->store = g_object_ref (self->search_store);
  job->cancellable = g_object_ref (self->search_cancellable);
  job->project = g_strdup (self->loaded_project);
  job->query = g_strdup (text);
  job->generation = g_atomic_int_get (&self->search_generation);
  g_thread_pool_push (self->search_pool, job, NULL);
}

static gboolean
search_idle_cb (gpointer data)
{
  StudioResourcesPage *self = data;

  self->search_idle_id = 0;
  start_search (self);

  return G_SOURCE_REMOVE;
}

/* Coalesces the changes of one main loop turn (setting a text deletes, then inserts). */
static void
search_changed_cb (StudioResourcesPage *self)
{
  if (self->search_idle_id == 0)
    self->search_idle_id = g_idle_add_full (G_PRIORITY_HIGH_IDLE, search_idle_cb, self, NULL);
}

guint
studio_resources_page_get_sort_pending (StudioResourcesPage *self)
{
  g_return_val_if_fail (STUDIO_IS_RESOURCES_PAGE (self), 0);

  return self->sorted != NULL ? gtk_sort_list_model_get_pending (self->sorted) : 0;
}

/**
 * studio_resources_page_get_applied_search:
 *
 * Returns: (nullable): the search text whose matches the list shows now
 *   (it lags behind the entry while a search runs).
 */
const char *
studio_resources_page_get_applied_search (StudioResourcesPage *self)
{
  g_return_val_if_fail (STUDIO_IS_RESOURCES_PAGE (self), NULL);

  return self->applied_search;
}

/* ---------------------------------------------------------------------------------------------- */
/* Loading                                                                                         */

static void
bench_after_paint_cb (GdkFrameClock       *clock,
                      StudioResourcesPage *self)
{
  if (self->bench_frame_done || g_list_model_get_n_items (G_LIST_MODEL (self->filtered)) == 0 ||
      !gtk_widget_get_mapped (GTK_WIDGET (self->resources_view)))
    return;

  self->bench_frame_done = TRUE;
  g_signal_handlers_disconnect_by_func (clock, bench_after_paint_cb, self);
  g_print ("RESLIB-BENCH first-frame %" G_GINT64_FORMAT " rows %u\n", g_get_monotonic_time (),
           g_list_model_get_n_items (G_LIST_MODEL (self->filtered)));
  fflush (stdout);
}

static void
set_rows (StudioResourcesPage *self,
          GPtrArray           *rows)
{
  guint n = rows != NULL ? rows->len : 0;
  GPtrArray *old = g_steal_pointer (&self->rows);

  self->rows = rows != NULL ? g_ptr_array_ref (rows) : NULL;
  g_hash_table_remove_all (self->rows_by_id);
  for (guint i = 0; i < n; i++)
    {
      ReslibResourceRow *row = g_ptr_array_index (rows, i);

      g_hash_table_insert (self->rows_by_id, (gpointer) reslib_resource_row_get_id (row), row);
    }
  refilter (self);
  /* The old rows go after the subset stopped showing them. */
  g_clear_pointer (&old, g_ptr_array_unref);
  gtk_stack_set_visible_child_name (self->resources_stack, n > 0 ? "list" : "empty");
  update_count (self);
  update_actions (self);
}

static void
rows_loaded (StudioResourcesPage *self,
             GPtrArray           *rows)
{
  set_rows (self, rows);
  if (self->search_rowids != NULL || *gtk_editable_get_text (GTK_EDITABLE (self->search_entry)) != '\0')
    start_search (self);
  g_signal_emit (self, signals[SIGNAL_FILTERED], 0);
  /* Changes told while the rows were read. */
  if ((self->changed_ids != NULL || self->changed_all || self->lists_changed) && self->reload_id == 0)
    self->reload_id = g_idle_add_full (G_PRIORITY_LOW, reload_idle_cb, self, NULL);
}

static void
load_thread (GTask        *task,
             gpointer      source,
             gpointer      task_data,
             GCancellable *cancellable)
{
  ReslibStore *store = task_data;
  const char *project = g_object_get_data (G_OBJECT (task), "project");
  GError *error = NULL;
  GPtrArray *rows = reslib_store_list_resource_rows (store, project, &error);

  if (rows == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, rows, (GDestroyNotify) g_ptr_array_unref);
}

static void
load_done_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      data)
{
  StudioResourcesPage *self = STUDIO_RESOURCES_PAGE (source);
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GError) error = NULL;

  rows = g_task_propagate_pointer (G_TASK (result), &error);
  if (g_task_get_cancellable (G_TASK (result)) != self->load_cancellable)
    return;   /* an older load */
  g_clear_object (&self->load_cancellable);
  if (rows == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        studio_page_toast (STUDIO_PAGE (self), error->message);
      return;
    }
  rows_loaded (self, rows);
}

/* Reads the rows; in a worker (while the window is built) unless @sync. */
static void
load_full (StudioResourcesPage *self,
           gboolean             sync)
{
  StudioPage *page = STUDIO_PAGE (self);
  ReslibStore *store = studio_page_get_store (page);
  const char *id = studio_page_get_project_id (page);
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GError) error = NULL;

  self->needs_load = FALSE;
  g_clear_handle_id (&self->reload_id, g_source_remove);
  g_clear_pointer (&self->changed_ids, g_hash_table_unref);
  self->changed_all = FALSE;
  self->lists_changed = FALSE;

  if (g_strcmp0 (id, self->loaded_project) != 0)
    {
      g_free (self->loaded_project);
      self->loaded_project = g_strdup (id);
      g_clear_object (&self->search_store);
    }
  load_courses (self);

  if (store == NULL || id == NULL)
    {
      set_rows (self, NULL);
      update_detail (self);
      return;
    }

  if (self->load_cancellable != NULL)
    g_cancellable_cancel (self->load_cancellable);
  g_clear_object (&self->load_cancellable);

  if (!sync)
    {
      g_autoptr(ReslibStore) worker_store = reslib_store_reopen (store, &error);
      g_autoptr(GTask) task = NULL;

      if (worker_store != NULL)
        {
          self->load_cancellable = g_cancellable_new ();
          task = g_task_new (self, self->load_cancellable, load_done_cb, NULL);
          g_task_set_source_tag (task, load_full);
          g_task_set_task_data (task, g_steal_pointer (&worker_store), g_object_unref);
          g_object_set_data_full (G_OBJECT (task), "project", g_strdup (id), g_free);
          g_task_run_in_thread (task, load_thread);
          return;
        }
      g_clear_error (&error);
    }

  rows = reslib_store_list_resource_rows (store, id, &error);
  if (rows == NULL)
    {
      studio_page_toast (page, error->message);
      return;
    }
  rows_loaded (self, rows);
}

static void
load (StudioResourcesPage *self)
{
  load_full (self, FALSE);
}

/* Only what changed: one row read again, added or removed. */
static void
apply_changed_id (StudioResourcesPage *self,
                  ReslibStore         *store,
                  const char          *id)
{
  ReslibResourceRow *old = g_hash_table_lookup (self->rows_by_id, id);
  g_autoptr(ReslibResourceRow) fresh = NULL;
  g_autoptr(GError) error = NULL;

  fresh = reslib_store_get_resource_row (store, id, &error);
  if (fresh == NULL && !g_error_matches (error, RESLIB_ERROR, RESLIB_ERROR_NOT_FOUND))
    {
      studio_page_toast (STUDIO_PAGE (self), error->message);
      return;
    }

  if (fresh != NULL && old != NULL)
    {
      /* The id is kept with the texts the update replaces: the key must follow. */
      g_hash_table_remove (self->rows_by_id, id);
      reslib_resource_row_update_from (old, fresh);
      forget_sort_keys (old);
      g_hash_table_insert (self->rows_by_id, (gpointer) reslib_resource_row_get_id (old), old);
    }
  else if (fresh != NULL)
    {
      g_autofree char *project = reslib_store_project_of (store, RESLIB_KIND_RESOURCE, id, NULL);

      if (g_strcmp0 (project, self->loaded_project) != 0)
        return;
      g_ptr_array_add (self->rows, g_object_ref (fresh));
      g_hash_table_insert (self->rows_by_id, (gpointer) reslib_resource_row_get_id (fresh), fresh);
    }
  else if (old != NULL)
    {
      g_hash_table_remove (self->rows_by_id, id);
      /* Out of the subset first (refilter), then freed. */
      g_ptr_array_add (self->dropped, g_object_ref (old));
      g_ptr_array_remove (self->rows, old);
    }
}

static gboolean
reload_idle_cb (gpointer data)
{
  StudioResourcesPage *self = data;
  ReslibStore *store = studio_page_get_store (STUDIO_PAGE (self));
  g_autoptr(GHashTable) ids = g_steal_pointer (&self->changed_ids);
  gboolean lists_changed = self->lists_changed;

  self->reload_id = 0;
  if (self->load_cancellable != NULL)
    {
      /* Rows are being read: these changes wait for them (see rows_loaded ()). */
      if (ids != NULL)
        self->changed_ids = g_steal_pointer (&ids);
      return G_SOURCE_REMOVE;
    }
  self->lists_changed = FALSE;

  if (self->changed_all || self->needs_load || self->rows == NULL || store == NULL)
    {
      self->changed_all = FALSE;
      load (self);
      return G_SOURCE_REMOVE;
    }

  if (ids != NULL)
    {
      GHashTableIter iter;
      gpointer id;

      g_hash_table_iter_init (&iter, ids);
      while (g_hash_table_iter_next (&iter, &id, NULL))
        apply_changed_id (self, store, id);
      gtk_stack_set_visible_child_name (self->resources_stack,
                                        self->rows->len > 0 ? "list" : "empty");
    }
  if (lists_changed)
    load_courses (self);
  if (ids != NULL || lists_changed)
    {
      /* Links to course nodes and matches of the search may have changed too. */
      if (ids != NULL && self->course_rowids != NULL)
        load_course_rowids (self);
      if (ids != NULL && self->search_rowids != NULL)
        start_search (self);
      refilter (self);
      g_ptr_array_set_size (self->dropped, 0);
      update_detail (self);
    }

  return G_SOURCE_REMOVE;
}

static void
studio_resources_page_project_changed (StudioPage *page)
{
  StudioResourcesPage *self = STUDIO_RESOURCES_PAGE (page);

  g_clear_object (&self->record);
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    load (self);
  else
    {
      /* Read after the first frame when another page is shown: the window opens first. */
      self->needs_load = TRUE;
      set_rows (self, NULL);
      g_free (self->loaded_project);
      self->loaded_project = NULL;
      g_clear_handle_id (&self->reload_id, g_source_remove);
      self->reload_id = g_idle_add_full (G_PRIORITY_LOW, reload_idle_cb, self, NULL);
    }
  update_detail (self);
}

static void
studio_resources_page_store_changed (StudioPage *page,
                                     ReslibKind  kind,
                                     const char *id)
{
  StudioResourcesPage *self = STUDIO_RESOURCES_PAGE (page);

  if (kind == RESLIB_KIND_RESOURCE)
    {
      if (id == NULL)
        self->changed_all = TRUE;
      else
        {
          if (self->changed_ids == NULL)
            self->changed_ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
          g_hash_table_add (self->changed_ids, g_strdup (id));
        }
    }
  else if (kind == RESLIB_KIND_COURSE || kind == RESLIB_KIND_NODE || kind == RESLIB_KIND_UNIT ||
           kind == RESLIB_KIND_PROJECT)
    self->lists_changed = TRUE;
  else
    return;

  if (self->reload_id == 0)
    self->reload_id = g_idle_add_full (G_PRIORITY_LOW, reload_idle_cb, self, NULL);
}

static void
studio_resources_page_map (GtkWidget *widget)
{
  StudioResourcesPage *self = STUDIO_RESOURCES_PAGE (widget);

  GTK_WIDGET_CLASS (studio_resources_page_parent_class)->map (widget);

  /* For the benchmark: the first frame that shows the page with its rows. */
  if (self->bench && !self->bench_frame_done && !self->bench_connected)
    {
      GdkFrameClock *clock = gtk_widget_get_frame_clock (widget);

      if (clock != NULL)
        {
          g_signal_connect_object (clock, "after-paint", G_CALLBACK (bench_after_paint_cb), self, 0);
          self->bench_connected = TRUE;
        }
    }

  if (self->needs_load)
    load (self);
}

/* ---------------------------------------------------------------------------------------------- */
/* Selection                                                                                       */

/* The ids of the selected rows, NULL-terminated. */
static GStrv
selected_ids (StudioResourcesPage *self)
{
  g_autoptr(GtkBitset) bitset = gtk_selection_model_get_selection (GTK_SELECTION_MODEL (self->selection));
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  GtkBitsetIter iter;
  guint position;

  if (gtk_bitset_iter_init_first (&iter, bitset, &position))
    do
      {
        g_autoptr(ReslibResourceRow) row = g_list_model_get_item (G_LIST_MODEL (self->selection), position);

        if (row != NULL)
          g_strv_builder_add (builder, reslib_resource_row_get_id (row));
      }
    while (gtk_bitset_iter_next (&iter, &position));

  return g_strv_builder_end (builder);
}

static guint
n_selected (StudioResourcesPage *self)
{
  g_autoptr(GtkBitset) bitset = gtk_selection_model_get_selection (GTK_SELECTION_MODEL (self->selection));

  return (guint) gtk_bitset_get_size (bitset);
}

static void
selection_changed_cb (StudioResourcesPage *self)
{
  update_detail (self);
  update_actions (self);
}

/* The rows from @position on may be others: their selection goes, as it would with new items. */
static void
contents_changed_cb (StudioResourcesPage *self,
                     guint                position)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->selection));

  if (position < n)
    gtk_selection_model_unselect_range (GTK_SELECTION_MODEL (self->selection), position, n - position);
}

static void
update_actions (StudioResourcesPage *self)
{
  gboolean any = n_selected (self) > 0;
  gboolean loaded = self->rows != NULL;
  gboolean importing = self->import_cancellable != NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "resources.edit-selected", any);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "resources.submit-selected", any);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "resources.delete-selected", any);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "resources.select-all", loaded);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "resources.import-files", loaded && !importing);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "resources.import-folder", loaded && !importing);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "resources.paste", loaded && !importing);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "resources.cancel-import", importing);
}

/* ---------------------------------------------------------------------------------------------- */
/* Detail pane                                                                                     */

static void
show_field_error (StudioResourcesPage *self,
                  GtkWidget           *row,
                  const GError        *error)
{
  if (error == NULL)
    {
      gtk_widget_set_visible (GTK_WIDGET (self->detail_error), FALSE);
      if (row != NULL)
        gtk_widget_remove_css_class (row, "error");
      return;
    }
  gtk_label_set_text (self->detail_error, error->message);
  gtk_widget_set_visible (GTK_WIDGET (self->detail_error), TRUE);
  if (row != NULL)
    gtk_widget_add_css_class (row, "error");
}

/* Writes one field through; shows the core's message when the value is refused. */
static gboolean
write_field (StudioResourcesPage *self,
             GtkWidget           *row,
             const char          *field,
             const char          *value)
{
  ReslibStore *store = studio_page_get_store (STUDIO_PAGE (self));
  g_autoptr(GError) error = NULL;

  if (self->filling || self->record == NULL || store == NULL)
    return FALSE;
  if (g_strcmp0 (reslib_record_get (self->record, field), value) == 0)
    {
      show_field_error (self, row, NULL);
      return TRUE;
    }
  if (!reslib_store_update_record (store, self->record, field, value, &error))
    {
      show_field_error (self, row, error);
      return FALSE;
    }
  show_field_error (self, row, NULL);

  return TRUE;
}

static char *
list_text (ReslibRecord *record,
           const char   *field)
{
  const char * const *values = reslib_record_get_list (record, field);

  return values != NULL ? g_strjoinv (", ", (char **) values) : g_strdup ("");
}

static void
entry_apply_cb (AdwEntryRow         *row,
                StudioResourcesPage *self)
{
  const char *field = g_object_get_data (G_OBJECT (row), "field");
  const ReslibField *f = reslib_entity_find_field (reslib_entity_get (RESLIB_KIND_RESOURCE), field);
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));

  if (f != NULL && f->type == RESLIB_FIELD_LIST)
    {
      g_autofree char *old = list_text (self->record, field);
      g_auto(GStrv) parts = g_strsplit (text, ",", -1);
      g_autofree char *clean = NULL;

      for (guint i = 0; parts[i] != NULL; i++)
        g_strstrip (parts[i]);
      clean = g_strjoinv (",", parts);
      if (g_strcmp0 (old, text) == 0)
        return;
      write_field (self, GTK_WIDGET (row), field, clean);
      return;
    }

  write_field (self, GTK_WIDGET (row), field, *text != '\0' ? text : NULL);
}

static void
combo_selected_cb (AdwComboRow         *row,
                   GParamSpec          *pspec,
                   StudioResourcesPage *self)
{
  const char *field = g_object_get_data (G_OBJECT (row), "field");
  const char * const *choices = g_object_get_data (G_OBJECT (row), "choices");
  guint selected = adw_combo_row_get_selected (row);
  const char *value = NULL;

  if (self->filling || selected == GTK_INVALID_LIST_POSITION)
    return;
  if (g_str_equal (field, "unit_id"))
    value = selected < self->unit_ids->len ? g_ptr_array_index (self->unit_ids, selected) : NULL;
  else
    value = choices[selected];
  write_field (self, GTK_WIDGET (row), field, value);
}

static void
node_toggled_cb (GtkCheckButton      *check,
                 StudioResourcesPage *self)
{
  ReslibStore *store = studio_page_get_store (STUDIO_PAGE (self));
  const char *node = g_object_get_data (G_OBJECT (check), "node");
  const char * const *old;
  g_autoptr(GPtrArray) nodes = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  GtkWidget *row = gtk_widget_get_ancestor (GTK_WIDGET (check), ADW_TYPE_EXPANDER_ROW);

  if (self->filling || self->record == NULL || store == NULL)
    return;
  old = reslib_record_get_list (self->record, "nodes");
  for (guint i = 0; old != NULL && old[i] != NULL; i++)
    if (!g_str_equal (old[i], node))
      g_ptr_array_add (nodes, (gpointer) old[i]);
  if (gtk_check_button_get_active (check))
    g_ptr_array_add (nodes, (gpointer) node);
  g_ptr_array_add (nodes, NULL);

  if (!reslib_store_set_list (store, reslib_record_get_id (self->record), "nodes",
                              (const char * const *) nodes->pdata, &error))
    {
      show_field_error (self, row, error);
      self->filling = TRUE;
      gtk_check_button_set_active (check, !gtk_check_button_get_active (check));
      self->filling = FALSE;
      return;
    }
  show_field_error (self, row, NULL);
  g_set_object (&self->record, NULL);
  self->record = reslib_store_get (store, RESLIB_KIND_RESOURCE, g_object_get_data (G_OBJECT (check), "resource"), NULL);
}

/* Every node of the project, as "course › node", for the pickers. */
static void
load_nodes (StudioResourcesPage *self)
{
  StudioPage *page = STUDIO_PAGE (self);
  ReslibStore *store = studio_page_get_store (page);
  const char *project = studio_page_get_project_id (page);
  g_autoptr(GListModel) courses = NULL;

  g_ptr_array_set_size (self->node_ids, 0);
  g_ptr_array_set_size (self->node_labels, 0);
  if (store == NULL || project == NULL)
    return;
  courses = reslib_store_list (store, RESLIB_KIND_COURSE, project, NULL);
  for (guint i = 0; courses != NULL && i < g_list_model_get_n_items (courses); i++)
    {
      g_autoptr(ReslibRecord) course = g_list_model_get_item (courses, i);
      g_autoptr(GListModel) nodes = reslib_store_list (store, RESLIB_KIND_NODE, reslib_record_get_id (course), NULL);

      for (guint j = 0; nodes != NULL && j < g_list_model_get_n_items (nodes); j++)
        {
          g_autoptr(ReslibRecord) node = g_list_model_get_item (nodes, j);

          g_ptr_array_add (self->node_ids, g_strdup (reslib_record_get_id (node)));
          g_ptr_array_add (self->node_labels, g_strdup_printf ("%s › %s", reslib_record_get (course, "title"),
                                                               reslib_record_get (node, "title")));
        }
    }
}

static void
load_units (StudioResourcesPage *self,
            GtkStringList       *labels)
{
  StudioPage *page = STUDIO_PAGE (self);
  ReslibStore *store = studio_page_get_store (page);
  const char *project = studio_page_get_project_id (page);
  g_autoptr(GListModel) units = NULL;

  g_ptr_array_set_size (self->unit_ids, 0);
  g_ptr_array_add (self->unit_ids, NULL);
  /* Translators: no unit chosen */
  gtk_string_list_append (labels, _("None"));
  if (store != NULL && project != NULL)
    units = reslib_store_list (store, RESLIB_KIND_UNIT, project, NULL);
  for (guint i = 0; units != NULL && i < g_list_model_get_n_items (units); i++)
    {
      g_autoptr(ReslibRecord) unit = g_list_model_get_item (units, i);

      g_ptr_array_add (self->unit_ids, g_strdup (reslib_record_get_id (unit)));
      gtk_string_list_append (labels, reslib_record_get (unit, "name"));
    }
}

static void
clear_detail_rows (StudioResourcesPage *self)
{
  for (guint i = 0; i < self->detail_rows->len; i++)
    gtk_list_box_remove (self->detail_list, g_ptr_array_index (self->detail_rows, i));
  g_ptr_array_set_size (self->detail_rows, 0);
}

static void
add_detail_row (StudioResourcesPage *self,
                GtkWidget           *row,
                const char          *field)
{
  g_object_set_data_full (G_OBJECT (row), "field", g_strdup (field), g_free);
  gtk_list_box_append (self->detail_list, row);
  g_ptr_array_add (self->detail_rows, row);
}

static guint
choice_index (const char * const *choices,
              const char         *value)
{
  for (guint i = 0; choices[i] != NULL; i++)
    if (g_strcmp0 (choices[i], value) == 0)
      return i;

  return GTK_INVALID_LIST_POSITION;
}

/* Builds the editors for the selected resource (the field table tells which and how). */
static void
build_detail (StudioResourcesPage *self)
{
  const ReslibEntity *entity = reslib_entity_get (RESLIB_KIND_RESOURCE);
  ReslibRecord *record = self->record;

  self->filling = TRUE;
  clear_detail_rows (self);
  show_field_error (self, NULL, NULL);

  for (guint i = 0; i < entity->n_fields; i++)
    {
      const ReslibField *field = &entity->fields[i];
      GtkWidget *row = NULL;

      if (!(field->flags & RESLIB_FIELD_SETTABLE) && !g_str_equal (field->name, "title") &&
          !g_str_equal (field->name, "file_name") && !g_str_equal (field->name, "type") &&
          !g_str_equal (field->name, "origin") && !g_str_equal (field->name, "language"))
        continue;
      if (field->flags & RESLIB_FIELD_INTERNAL)
        continue;

      if (field->type == RESLIB_FIELD_CHOICE)
        {
          g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
          const char *value = reslib_record_get (record, field->name);

          for (guint j = 0; field->choices[j] != NULL; j++)
            gtk_string_list_append (labels, g_str_equal (field->name, "origin") ? origin_label (field->choices[j])
                                                                                 : reslib_label_resource_type (field->choices[j]));
          row = adw_combo_row_new ();
          adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (labels));
          adw_combo_row_set_selected (ADW_COMBO_ROW (row), choice_index (field->choices, value));
          g_object_set_data (G_OBJECT (row), "choices", (gpointer) field->choices);
          g_signal_connect (row, "notify::selected", G_CALLBACK (combo_selected_cb), self);
        }
      else if (field->type == RESLIB_FIELD_REF && field->ref_kind == RESLIB_KIND_UNIT)
        {
          g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
          const char *value = reslib_record_get (record, field->name);
          guint selected = 0;

          load_units (self, labels);
          for (guint j = 1; j < self->unit_ids->len; j++)
            if (g_strcmp0 (g_ptr_array_index (self->unit_ids, j), value) == 0)
              selected = j;
          row = adw_combo_row_new ();
          adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (labels));
          adw_combo_row_set_selected (ADW_COMBO_ROW (row), selected);
          g_signal_connect (row, "notify::selected", G_CALLBACK (combo_selected_cb), self);
        }
      else if (field->type == RESLIB_FIELD_LIST && g_str_equal (field->name, "nodes"))
        {
          const char * const *linked = reslib_record_get_list (record, "nodes");
          g_autofree char *subtitle = NULL;
          guint n = 0;

          load_nodes (self);
          row = adw_expander_row_new ();
          for (guint j = 0; j < self->node_ids->len; j++)
            {
              const char *node = g_ptr_array_index (self->node_ids, j);
              GtkWidget *node_row = adw_action_row_new ();
              GtkWidget *check = gtk_check_button_new ();
              gboolean active = reslib_strv_contains (linked, node);

              n += active;
              adw_preferences_row_set_title (ADW_PREFERENCES_ROW (node_row), g_ptr_array_index (self->node_labels, j));
              gtk_check_button_set_active (GTK_CHECK_BUTTON (check), active);
              gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
              studio_set_accessible_label (check, g_ptr_array_index (self->node_labels, j));
              g_object_set_data_full (G_OBJECT (check), "node", g_strdup (node), g_free);
              g_object_set_data_full (G_OBJECT (check), "resource", g_strdup (reslib_record_get_id (record)), g_free);
              g_signal_connect (check, "toggled", G_CALLBACK (node_toggled_cb), self);
              adw_action_row_add_prefix (ADW_ACTION_ROW (node_row), check);
              adw_action_row_set_activatable_widget (ADW_ACTION_ROW (node_row), check);
              adw_expander_row_add_row (ADW_EXPANDER_ROW (row), node_row);
            }
          if (self->node_ids->len == 0)
            subtitle = g_strdup (_("The project has no course nodes yet: add them on the Courses page"));
          else
            /* Translators: %u is a number of course nodes the resource is linked to */
            subtitle = g_strdup_printf (_("Linked to %u"), n);
          adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (row), subtitle);
        }
      else if (field->type == RESLIB_FIELD_TEXT || field->type == RESLIB_FIELD_LIST)
        {
          g_autofree char *text = field->type == RESLIB_FIELD_LIST ? list_text (record, field->name)
                                                                   : g_strdup (reslib_record_get (record, field->name));

          row = adw_entry_row_new ();
          adw_entry_row_set_show_apply_button (ADW_ENTRY_ROW (row), TRUE);
          gtk_editable_set_text (GTK_EDITABLE (row), text != NULL ? text : "");
          g_signal_connect (row, "apply", G_CALLBACK (entry_apply_cb), self);
          if (field->type == RESLIB_FIELD_LIST)
            gtk_widget_set_tooltip_text (row, _("Separate several values with commas"));
        }
      if (row == NULL)
        continue;

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), field_label (field->name));
      studio_set_accessible_label (row, field_label (field->name));
      add_detail_row (self, row, field->name);
    }

  self->filling = FALSE;
}

static void
update_preview (StudioResourcesPage *self)
{
  ReslibStore *store = studio_page_get_store (STUDIO_PAGE (self));
  const char *mime = reslib_record_get (self->record, "mime_type");
  const char *sha = reslib_record_get (self->record, "blob_sha256");
  g_autofree char *path = store != NULL && sha != NULL ? reslib_store_get_blob_path (store, sha) : NULL;
  gboolean exists = path != NULL && g_file_test (path, G_FILE_TEST_IS_REGULAR);

  /* A missing file may be in the trash of an interrupted cleanup: the store puts it back. */
  if (path != NULL && !exists)
    {
      g_autofree char *found = reslib_store_find_blob (store, sha, NULL);

      exists = found != NULL && g_file_test (path, G_FILE_TEST_IS_REGULAR);
    }

  gtk_video_set_file (self->preview_video, NULL);
  gtk_picture_set_paintable (self->preview_picture, NULL);

  if (exists && mime != NULL && g_str_has_prefix (mime, "image/"))
    {
      gtk_picture_set_filename (self->preview_picture, path);
      gtk_stack_set_visible_child_name (self->preview_stack, "picture");
    }
  else if (exists && mime != NULL && (g_str_has_prefix (mime, "video/") || g_str_has_prefix (mime, "audio/")))
    {
      gtk_video_set_filename (self->preview_video, path);
      gtk_stack_set_visible_child_name (self->preview_stack, "video");
    }
  else
    {
      g_autoptr(GIcon) icon = g_content_type_get_symbolic_icon (mime != NULL ? mime : "application/octet-stream");

      gtk_image_set_from_gicon (self->preview_icon, icon);
      gtk_stack_set_visible_child_name (self->preview_stack, "icon");
    }
}

static void
update_info (StudioResourcesPage *self)
{
  g_autofree char *size = format_size (reslib_record_get_int (self->record, "size", -1));
  g_autofree char *modified = format_time (reslib_record_get (self->record, "updated_at"));
  g_autofree char *info = NULL;
  const char *state = reslib_label_resource_state (reslib_record_get (self->record, "state"));
  const char *note = reslib_record_get (self->record, "review_note");

  /* Translators: state, size and last change of a resource */
  info = g_strdup_printf (_("%s · %s · changed %s"), state, size, modified);
  if (note != NULL && *note != '\0')
    {
      /* Translators: the reviewer's note on a resource */
      g_autofree char *with_note = g_strdup_printf (_("%s\nReview note: %s"), info, note);

      g_free (info);
      info = g_steal_pointer (&with_note);
    }
  gtk_label_set_text (self->detail_info, info);
}

static void
update_detail (StudioResourcesPage *self)
{
  ReslibStore *store = studio_page_get_store (STUDIO_PAGE (self));
  guint n = self->rows != NULL ? n_selected (self) : 0;
  g_auto(GStrv) ids = NULL;
  g_autoptr(ReslibRecord) record = NULL;

  if (n == 0 || store == NULL)
    {
      g_clear_object (&self->record);
      clear_detail_rows (self);
      gtk_video_set_file (self->preview_video, NULL);
      gtk_stack_set_visible_child_name (self->detail_stack, "none");
      return;
    }
  if (n > 1)
    {
      /* Translators: %u is a number of selected resources */
      g_autofree char *title = g_strdup_printf (_("Selected: %u"), n);

      g_clear_object (&self->record);
      clear_detail_rows (self);
      gtk_video_set_file (self->preview_video, NULL);
      adw_status_page_set_title (self->many_status, title);
      adw_status_page_set_description (self->many_status,
                                       _("Set the type, course node, author, unit or origin of all of them at once."));
      gtk_stack_set_visible_child_name (self->detail_stack, "many");
      return;
    }

  ids = selected_ids (self);
  record = reslib_store_get (store, RESLIB_KIND_RESOURCE, ids[0], NULL);
  if (record == NULL)
    return;

  /* The same resource, changed: keep the editors (and what is being typed), refresh the rest. */
  if (self->record != NULL && g_str_equal (reslib_record_get_id (self->record), ids[0]) &&
      self->detail_rows->len > 0)
    {
      g_set_object (&self->record, record);
      self->filling = TRUE;
      for (guint i = 0; i < self->detail_rows->len; i++)
        {
          GtkWidget *row = g_ptr_array_index (self->detail_rows, i);
          const char *field = g_object_get_data (G_OBJECT (row), "field");

          if (ADW_IS_ENTRY_ROW (row) && !gtk_widget_has_focus (row) &&
              !gtk_widget_is_ancestor (gtk_root_get_focus (gtk_widget_get_root (row)), row) &&
              !gtk_widget_has_css_class (row, "error"))
            {
              const ReslibField *f = reslib_entity_find_field (reslib_entity_get (RESLIB_KIND_RESOURCE), field);
              g_autofree char *text = f->type == RESLIB_FIELD_LIST ? list_text (record, field)
                                                                   : g_strdup (reslib_record_get (record, field));

              if (g_strcmp0 (text != NULL ? text : "", gtk_editable_get_text (GTK_EDITABLE (row))) != 0)
                gtk_editable_set_text (GTK_EDITABLE (row), text != NULL ? text : "");
            }
          else if (ADW_IS_COMBO_ROW (row) && !g_str_equal (field, "unit_id"))
            adw_combo_row_set_selected (ADW_COMBO_ROW (row),
                                        choice_index (g_object_get_data (G_OBJECT (row), "choices"),
                                                      reslib_record_get (record, field)));
        }
      self->filling = FALSE;
      update_info (self);
      return;
    }

  g_set_object (&self->record, record);
  build_detail (self);
  update_preview (self);
  update_info (self);
  gtk_stack_set_visible_child_name (self->detail_stack, "one");
}

/* ---------------------------------------------------------------------------------------------- */
/* Import                                                                                          */

static void
import_progress_cb (const ReslibProgress *progress,
                    gpointer              data)
{
  StudioResourcesPage *self = data;
  g_autofree char *text = NULL;

  if (progress->bytes_total > 0)
    gtk_progress_bar_set_fraction (self->import_progress, (double) progress->bytes_done / progress->bytes_total);
  else if (progress->files_total > 0)
    gtk_progress_bar_set_fraction (self->import_progress, (double) progress->files_done / progress->files_total);
  /* Translators: import progress: files done, files in all, the file being read */
  text = g_strdup_printf (_("%u of %u files · %s"), progress->files_done, progress->files_total,
                          progress->current != NULL ? progress->current : "");
  gtk_progress_bar_set_text (self->import_progress, text);
}

static void
import_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      data)
{
  g_autoptr(StudioResourcesPage) self = data;
  ReslibImporter *importer = RESLIB_IMPORTER (source);
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;

  g_clear_object (&self->import_cancellable);
  gtk_revealer_set_reveal_child (self->import_revealer, FALSE);
  update_actions (self);

  if (!reslib_importer_run_finish (importer, result, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        studio_page_toast (STUDIO_PAGE (self), _("Import cancelled: nothing was added"));
      else
        {
          g_autofree char *heading = NULL;

          g_prefix_error (&error, "%s\n\n",
                          _("Nothing was added. Check that the files exist and can be read, remove the ones "
                            "named below from your selection, and import again."));
          heading = g_strdup (_("The files could not be imported"));
          studio_page_show_error (STUDIO_PAGE (self), heading, error);
        }
      return;
    }

  {
    const char * const *ids = reslib_importer_get_resource_ids (importer);
    guint added = ids != NULL ? g_strv_length ((char **) ids) : 0;
    guint dedup = reslib_importer_get_n_deduplicated (importer);

    if (dedup > 0)
      /* Translators: files imported; of those, how many had content the library already held */
      message = g_strdup_printf (_("Imported %u files; the content of %u was already in the library and is stored once"),
                                 added, dedup);
    else if (added > 0)
      message = g_strdup_printf (_("Imported %u files"), added);
    else
      message = g_strdup (_("Nothing to import: the folders hold no files (hidden files are skipped)"));
    studio_page_toast (STUDIO_PAGE (self), message);
  }
}

/**
 * studio_resources_page_import:
 * @files: (element-type GFile): files and folders (imported recursively)
 *
 * Imports the files in the background with a progress bar; what the file chooser,
 * a drop and a paste do. Returns %FALSE when an import is already running or no
 * project is shown.
 */
gboolean
studio_resources_page_import (StudioResourcesPage *self,
                              GSList              *files)
{
  StudioPage *page = STUDIO_PAGE (self);
  ReslibStore *store = studio_page_get_store (page);
  const char *project = studio_page_get_project_id (page);
  g_autoptr(ReslibImporter) importer = NULL;

  g_return_val_if_fail (STUDIO_IS_RESOURCES_PAGE (self), FALSE);

  if (store == NULL || project == NULL || files == NULL)
    return FALSE;
  if (self->needs_load)
    load (self);
  if (self->import_cancellable != NULL)
    {
      studio_page_toast (page, _("An import is running: wait for it to finish or cancel it first"));
      return FALSE;
    }

  importer = reslib_importer_new (store, project);
  for (GSList *l = files; l != NULL; l = l->next)
    reslib_importer_add_file (importer, l->data);
  reslib_importer_set_progress_func (importer, import_progress_cb, self, NULL);

  self->import_cancellable = g_cancellable_new ();
  gtk_progress_bar_set_fraction (self->import_progress, 0);
  gtk_progress_bar_set_text (self->import_progress, _("Reading files…"));
  gtk_stack_set_visible_child_name (self->resources_stack, "list");
  gtk_revealer_set_reveal_child (self->import_revealer, TRUE);
  update_actions (self);
  reslib_importer_run_async (importer, self->import_cancellable, import_done_cb, g_object_ref (self));

  return TRUE;
}

static void
chooser_response_cb (GtkNativeDialog     *dialog,
                     int                  response,
                     StudioResourcesPage *self)
{
  g_autoptr(GListModel) files = NULL;
  GSList *list = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      files = gtk_file_chooser_get_files (GTK_FILE_CHOOSER (dialog));
      for (guint i = g_list_model_get_n_items (files); i > 0; i--)
        list = g_slist_prepend (list, g_list_model_get_item (files, i - 1));
      studio_resources_page_import (self, list);
      g_slist_free_full (list, g_object_unref);
    }
  g_clear_object (&self->chooser);
}

static void
open_chooser (StudioResourcesPage  *self,
              GtkFileChooserAction  action)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  g_clear_object (&self->chooser);
  self->chooser = gtk_file_chooser_native_new (action == GTK_FILE_CHOOSER_ACTION_OPEN ? _("Import Files")
                                                                                      : _("Import Folder"),
                                               GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                               action, _("_Import"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  gtk_file_chooser_set_select_multiple (GTK_FILE_CHOOSER (self->chooser), TRUE);
  g_signal_connect (self->chooser, "response", G_CALLBACK (chooser_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
import_files_action (GtkWidget  *widget,
                     const char *name,
                     GVariant   *parameter)
{
  open_chooser (STUDIO_RESOURCES_PAGE (widget), GTK_FILE_CHOOSER_ACTION_OPEN);
}

static void
import_folder_action (GtkWidget  *widget,
                      const char *name,
                      GVariant   *parameter)
{
  open_chooser (STUDIO_RESOURCES_PAGE (widget), GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER);
}

static void
cancel_import_action (GtkWidget  *widget,
                      const char *name,
                      GVariant   *parameter)
{
  StudioResourcesPage *self = STUDIO_RESOURCES_PAGE (widget);

  if (self->import_cancellable != NULL)
    g_cancellable_cancel (self->import_cancellable);
}

static gboolean
drop_cb (GtkDropTarget       *target,
         const GValue        *value,
         double               x,
         double               y,
         StudioResourcesPage *self)
{
  if (!G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST))
    return FALSE;

  return studio_resources_page_import (self, gdk_file_list_get_files (g_value_get_boxed (value)));
}

static void
paste_done_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      data)
{
  g_autoptr(StudioResourcesPage) self = data;
  g_autoptr(GError) error = NULL;
  const GValue *value = gdk_clipboard_read_value_finish (GDK_CLIPBOARD (source), result, &error);

  if (value == NULL || !G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST))
    {
      studio_page_toast (STUDIO_PAGE (self), _("The clipboard holds no files: copy files in the file manager, then paste"));
      return;
    }
  studio_resources_page_import (self, gdk_file_list_get_files (g_value_get_boxed (value)));
}

static void
paste_action (GtkWidget  *widget,
              const char *name,
              GVariant   *parameter)
{
  GdkClipboard *clipboard = gtk_widget_get_clipboard (widget);

  /* text/uri-list is turned into a GdkFileList by GDK's deserializers. */
  gdk_clipboard_read_value_async (clipboard, GDK_TYPE_FILE_LIST, G_PRIORITY_DEFAULT, NULL,
                                  paste_done_cb, g_object_ref (widget));
}

/* ---------------------------------------------------------------------------------------------- */
/* Actions on the selection                                                                        */

static void
select_all_action (GtkWidget  *widget,
                   const char *name,
                   GVariant   *parameter)
{
  StudioResourcesPage *self = STUDIO_RESOURCES_PAGE (widget);

  gtk_selection_model_select_all (GTK_SELECTION_MODEL (self->selection));
}

static void
submit_selected_action (GtkWidget  *widget,
                        const char *name,
                        GVariant   *parameter)
{
  StudioResourcesPage *self = STUDIO_RESOURCES_PAGE (widget);
  ReslibStore *store = studio_page_get_store (STUDIO_PAGE (self));
  g_auto(GStrv) ids = selected_ids (self);
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;

  if (store == NULL || ids[0] == NULL)
    return;
  if (!reslib_store_review (store, (const char * const *) ids, RESLIB_REVIEW_SUBMIT, NULL, &error))
    {
      studio_page_show_error (STUDIO_PAGE (self), _("The resources could not be submitted for review"), error);
      return;
    }
  /* Translators: %u is a number of resources */
  message = g_strdup_printf (_("Submitted for review: %u"), g_strv_length (ids));
  studio_page_toast (STUDIO_PAGE (self), message);
}

/* Deletes what the toast held back. */
static void
finish_delete (StudioResourcesPage *self)
{
  ReslibStore *store = studio_page_get_store (STUDIO_PAGE (self));
  g_autoptr(GPtrArray) ids = g_steal_pointer (&self->delete_ids);
  g_autoptr(GError) error = NULL;
  gboolean began, ok;

  if (self->delete_toast != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->delete_toast, self);
      g_clear_object (&self->delete_toast);
    }
  if (ids == NULL)
    return;
  for (guint i = 0; i < ids->len; i++)
    g_hash_table_remove (self->pending_delete, g_ptr_array_index (ids, i));
  if (store == NULL)
    return;

  began = reslib_store_begin (store, &error);
  ok = began;
  for (guint i = 0; ok && i < ids->len; i++)
    if (!reslib_store_delete (store, RESLIB_KIND_RESOURCE, g_ptr_array_index (ids, i), &error) &&
        !g_error_matches (error, RESLIB_ERROR, RESLIB_ERROR_NOT_FOUND))
      ok = FALSE;
    else
      g_clear_error (&error);
  if (ok)
    ok = reslib_store_commit (store, &error);
  else if (began)
    reslib_store_rollback (store);

  if (!ok)
    {
      if (self->rows != NULL)
        refilter (self);
      studio_page_show_error (STUDIO_PAGE (self), _("The resources could not be deleted"), error);
    }
}

static void
undo_delete (StudioResourcesPage *self)
{
  g_autoptr(GPtrArray) ids = g_steal_pointer (&self->delete_ids);

  if (self->delete_toast != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->delete_toast, self);
      adw_toast_dismiss (self->delete_toast);
      g_clear_object (&self->delete_toast);
    }
  for (guint i = 0; ids != NULL && i < ids->len; i++)
    g_hash_table_remove (self->pending_delete, g_ptr_array_index (ids, i));
  if (self->rows != NULL)
    refilter (self);
}

static void
undo_delete_action (GtkWidget  *widget,
                    const char *name,
                    GVariant   *parameter)
{
  undo_delete (STUDIO_RESOURCES_PAGE (widget));
}

static void
delete_toast_dismissed_cb (AdwToast            *toast,
                           StudioResourcesPage *self)
{
  finish_delete (self);
}

static void
delete_toast_undo_cb (AdwToast            *toast,
                      StudioResourcesPage *self)
{
  undo_delete (self);
}

static void
delete_selected_action (GtkWidget  *widget,
                        const char *name,
                        GVariant   *parameter)
{
  StudioResourcesPage *self = STUDIO_RESOURCES_PAGE (widget);
  g_auto(GStrv) ids = selected_ids (self);
  g_autofree char *title = NULL;
  guint n = g_strv_length (ids);

  if (n == 0)
    return;
  /* An earlier deletion still waiting: it happens now. */
  finish_delete (self);

  self->delete_ids = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; ids[i] != NULL; i++)
    {
      g_ptr_array_add (self->delete_ids, g_strdup (ids[i]));
      g_hash_table_add (self->pending_delete, g_strdup (ids[i]));
    }
  gtk_selection_model_unselect_all (GTK_SELECTION_MODEL (self->selection));
  refilter (self);

  /* Translators: %u is a number of resources */
  title = g_strdup_printf (_("Deleted: %u"), n);
  self->delete_toast = g_object_ref_sink (adw_toast_new (title));
  adw_toast_set_button_label (self->delete_toast, _("_Undo"));
  adw_toast_set_timeout (self->delete_toast, 8);
  g_signal_connect (self->delete_toast, "button-clicked", G_CALLBACK (delete_toast_undo_cb), self);
  g_signal_connect (self->delete_toast, "dismissed", G_CALLBACK (delete_toast_dismissed_cb), self);
  studio_page_add_toast (STUDIO_PAGE (self), g_object_ref (self->delete_toast));
}

/* Bulk edit: one dialog, one transaction. */

static GtkWidget *
bulk_combo (const char    *title,
            GtkStringList *labels)
{
  GtkWidget *row = adw_combo_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (labels));
  studio_set_accessible_label (row, title);

  return row;
}

static void
bulk_response_cb (AdwMessageDialog    *dialog,
                  const char          *response,
                  StudioResourcesPage *self)
{
  ReslibStore *store = studio_page_get_store (STUDIO_PAGE (self));
  g_auto(GStrv) ids = g_strdupv (g_object_get_data (G_OBJECT (dialog), "ids"));
  g_autoptr(GPtrArray) fields = g_ptr_array_new ();
  g_autoptr(GPtrArray) values = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  GtkWidget *type = g_object_get_data (G_OBJECT (dialog), "type");
  GtkWidget *node = g_object_get_data (G_OBJECT (dialog), "node");
  GtkWidget *author = g_object_get_data (G_OBJECT (dialog), "author");
  GtkWidget *unit = g_object_get_data (G_OBJECT (dialog), "unit");
  GtkWidget *origin = g_object_get_data (G_OBJECT (dialog), "origin");
  GPtrArray *unit_ids = g_object_get_data (G_OBJECT (dialog), "unit-ids");
  GPtrArray *node_ids = g_object_get_data (G_OBJECT (dialog), "node-ids");
  const char *author_text;
  guint selected;

  if (self->bulk_dialog == dialog)
    self->bulk_dialog = NULL;
  if (!g_str_equal (response, "apply") || store == NULL || ids == NULL)
    return;

  /* Item 0 of every combo is "Keep as it is". */
  if ((selected = adw_combo_row_get_selected (ADW_COMBO_ROW (type))) > 0 && selected != GTK_INVALID_LIST_POSITION)
    {
      g_ptr_array_add (fields, "type");
      g_ptr_array_add (values, (gpointer) reslib_resource_types[selected - 1]);
    }
  if ((selected = adw_combo_row_get_selected (ADW_COMBO_ROW (origin))) > 0 && selected != GTK_INVALID_LIST_POSITION)
    {
      g_ptr_array_add (fields, "origin");
      g_ptr_array_add (values, (gpointer) reslib_resource_origins[selected - 1]);
    }
  if ((selected = adw_combo_row_get_selected (ADW_COMBO_ROW (unit))) > 0 && selected < unit_ids->len)
    {
      g_ptr_array_add (fields, "unit_id");
      g_ptr_array_add (values, g_ptr_array_index (unit_ids, selected));
    }
  if ((selected = adw_combo_row_get_selected (ADW_COMBO_ROW (node))) > 0 && selected <= node_ids->len)
    {
      g_ptr_array_add (fields, "nodes");
      g_ptr_array_add (values, g_ptr_array_index (node_ids, selected - 1));
    }
  author_text = gtk_editable_get_text (GTK_EDITABLE (author));
  if (author_text != NULL && *author_text != '\0')
    {
      g_ptr_array_add (fields, "authors");
      g_ptr_array_add (values, (gpointer) author_text);
    }
  if (fields->len == 0)
    return;
  g_ptr_array_add (fields, NULL);
  g_ptr_array_add (values, NULL);

  if (!reslib_store_update_resources (store, (const char * const *) ids, (const char * const *) fields->pdata,
                                      (const char * const *) values->pdata, &error))
    {
      g_prefix_error (&error, "%s\n\n", _("None of the resources was changed."));
      studio_page_show_error (STUDIO_PAGE (self), _("The selected resources could not be changed"), error);
      return;
    }
  {
    /* Translators: %u is a number of resources */
    g_autofree char *message = g_strdup_printf (_("Changed: %u"), g_strv_length (ids));

    studio_page_toast (STUDIO_PAGE (self), message);
  }
}

static void
edit_selected_action (GtkWidget  *widget,
                      const char *name,
                      GVariant   *parameter)
{
  StudioResourcesPage *self = STUDIO_RESOURCES_PAGE (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  g_auto(GStrv) ids = selected_ids (self);
  g_autoptr(GtkStringList) types = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) origins = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) units = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) nodes = gtk_string_list_new (NULL);
  g_autofree char *body = NULL;
  GtkWidget *list, *type, *node, *author, *unit, *origin;
  GPtrArray *unit_ids, *node_ids;
  AdwMessageDialog *dialog;
  /* Translators: the first choice of a bulk edit field: leave it unchanged */
  const char *keep = _("Keep as it is");

  if (ids[0] == NULL)
    return;

  gtk_string_list_append (types, keep);
  for (guint i = 0; reslib_resource_types[i] != NULL; i++)
    gtk_string_list_append (types, reslib_label_resource_type (reslib_resource_types[i]));
  gtk_string_list_append (origins, keep);
  for (guint i = 0; reslib_resource_origins[i] != NULL; i++)
    gtk_string_list_append (origins, origin_label (reslib_resource_origins[i]));
  load_units (self, units);
  gtk_string_list_splice (units, 0, 1, (const char * const[]) { keep, NULL });
  unit_ids = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < self->unit_ids->len; i++)
    g_ptr_array_add (unit_ids, g_strdup (g_ptr_array_index (self->unit_ids, i)));
  load_nodes (self);
  gtk_string_list_append (nodes, keep);
  node_ids = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < self->node_ids->len; i++)
    {
      gtk_string_list_append (nodes, g_ptr_array_index (self->node_labels, i));
      g_ptr_array_add (node_ids, g_strdup (g_ptr_array_index (self->node_ids, i)));
    }

  /* Translators: %u is a number of selected resources */
  body = g_strdup_printf (_("Resources selected: %u. The values you choose are set on all of them; the others stay as they are. A course node is added to the nodes each resource has; an author replaces the authors."),
                          g_strv_length (ids));
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                                       _("Edit Selected Resources"), body));
  list = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  type = bulk_combo (_("Type"), types);
  node = bulk_combo (_("Course node"), nodes);
  unit = bulk_combo (_("Unit"), units);
  origin = bulk_combo (_("Origin"), origins);
  author = adw_entry_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (author), _("Author"));
  studio_set_accessible_label (author, _("Author"));
  gtk_list_box_append (GTK_LIST_BOX (list), type);
  gtk_list_box_append (GTK_LIST_BOX (list), node);
  gtk_list_box_append (GTK_LIST_BOX (list), author);
  gtk_list_box_append (GTK_LIST_BOX (list), unit);
  gtk_list_box_append (GTK_LIST_BOX (list), origin);
  adw_message_dialog_set_extra_child (dialog, list);
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "apply", _("_Apply"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "apply", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "apply");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "ids", g_steal_pointer (&ids), (GDestroyNotify) g_strfreev);
  g_object_set_data (G_OBJECT (dialog), "type", type);
  g_object_set_data (G_OBJECT (dialog), "node", node);
  g_object_set_data (G_OBJECT (dialog), "author", author);
  g_object_set_data (G_OBJECT (dialog), "unit", unit);
  g_object_set_data (G_OBJECT (dialog), "origin", origin);
  g_object_set_data_full (G_OBJECT (dialog), "unit-ids", unit_ids, (GDestroyNotify) g_ptr_array_unref);
  g_object_set_data_full (G_OBJECT (dialog), "node-ids", node_ids, (GDestroyNotify) g_ptr_array_unref);
  g_signal_connect_object (dialog, "response", G_CALLBACK (bulk_response_cb), self, 0);
  self->bulk_dialog = dialog;
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &self->bulk_dialog);
  gtk_window_present (GTK_WINDOW (dialog));
}

/**
 * studio_resources_page_get_bulk_dialog:
 *
 * Returns: (transfer none) (nullable): the open "Edit Selected" dialog.
 */
GtkWindow *
studio_resources_page_get_bulk_dialog (StudioResourcesPage *self)
{
  g_return_val_if_fail (STUDIO_IS_RESOURCES_PAGE (self), NULL);

  return self->bulk_dialog != NULL ? GTK_WINDOW (self->bulk_dialog) : NULL;
}

/* ---------------------------------------------------------------------------------------------- */

static void
studio_resources_page_open_subject (StudioPage *page,
                                    ReslibKind  kind,
                                    const char *id)
{
  StudioResourcesPage *self = STUDIO_RESOURCES_PAGE (page);
  guint n;

  if (kind != RESLIB_KIND_RESOURCE || id == NULL)
    return;
  if (self->needs_load || self->rows == NULL || self->load_cancellable != NULL)
    load_full (self, TRUE);

  /* Clear the filters that hide it. */
  if (self->rows != NULL && g_hash_table_lookup (self->rows_by_id, id) != NULL)
    {
      gtk_drop_down_set_selected (self->type_filter, 0);
      gtk_drop_down_set_selected (self->state_filter, 0);
      gtk_drop_down_set_selected (self->course_filter, 0);
      gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
      start_search (self);
    }
  n = g_list_model_get_n_items (G_LIST_MODEL (self->selection));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(ReslibResourceRow) row = g_list_model_get_item (G_LIST_MODEL (self->selection), i);

      if (g_str_equal (reslib_resource_row_get_id (row), id))
        {
          gtk_selection_model_select_item (GTK_SELECTION_MODEL (self->selection), i, TRUE);
          gtk_widget_activate_action (GTK_WIDGET (self->resources_view), "list.scroll-to-item", "u", i);
          break;
        }
    }
}

static void
studio_resources_page_dispose (GObject *object)
{
  StudioResourcesPage *self = STUDIO_RESOURCES_PAGE (object);

  /* A deletion waiting for its toast happens now: the user did not undo it. */
  if (self->delete_ids != NULL)
    finish_delete (self);
  if (self->delete_toast != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->delete_toast, self);
      g_clear_object (&self->delete_toast);
    }
  if (self->import_cancellable != NULL)
    g_cancellable_cancel (self->import_cancellable);
  if (self->search_cancellable != NULL)
    g_cancellable_cancel (self->search_cancellable);
  g_clear_object (&self->search_cancellable);
  if (self->load_cancellable != NULL)
    g_cancellable_cancel (self->load_cancellable);
  g_clear_object (&self->load_cancellable);
  g_clear_handle_id (&self->reload_id, g_source_remove);
  g_clear_handle_id (&self->search_idle_id, g_source_remove);
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  if (self->bulk_dialog != NULL)
    gtk_window_destroy (GTK_WINDOW (self->bulk_dialog));

  /* The models go before the rows they borrow, and the view lets go of them first: it outlives this
   * and, as it goes, its sorter would have them read rows no longer there. */
  if (self->resources_view != NULL)
    gtk_column_view_set_model (self->resources_view, NULL);
  g_clear_object (&self->selection);
  g_clear_object (&self->stable);
  g_clear_object (&self->sorted);
  g_clear_object (&self->filtered);
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_clear_pointer (&self->dropped, g_ptr_array_unref);
  g_clear_object (&self->record);

  G_OBJECT_CLASS (studio_resources_page_parent_class)->dispose (object);
}

static void
studio_resources_page_finalize (GObject *object)
{
  StudioResourcesPage *self = STUDIO_RESOURCES_PAGE (object);

  if (self->search_pool != NULL)
    g_thread_pool_free (self->search_pool, TRUE, TRUE);
  g_clear_object (&self->search_store);
  g_clear_object (&self->import_cancellable);
  g_clear_pointer (&self->rows_by_id, g_hash_table_unref);
  g_clear_pointer (&self->course_ids, g_ptr_array_unref);
  g_clear_pointer (&self->course_rowids, g_hash_table_unref);
  g_clear_pointer (&self->search_rowids, g_hash_table_unref);
  g_clear_pointer (&self->pending_delete, g_hash_table_unref);
  g_clear_pointer (&self->changed_ids, g_hash_table_unref);
  g_clear_pointer (&self->detail_rows, g_ptr_array_unref);
  g_clear_pointer (&self->unit_ids, g_ptr_array_unref);
  g_clear_pointer (&self->node_ids, g_ptr_array_unref);
  g_clear_pointer (&self->node_labels, g_ptr_array_unref);
  g_clear_pointer (&self->delete_ids, g_ptr_array_unref);
  g_free (self->applied_search);
  g_free (self->loaded_project);

  G_OBJECT_CLASS (studio_resources_page_parent_class)->finalize (object);
}

static void
studio_resources_page_class_init (StudioResourcesPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  StudioPageClass *page_class = STUDIO_PAGE_CLASS (klass);

  object_class->dispose = studio_resources_page_dispose;
  object_class->finalize = studio_resources_page_finalize;
  widget_class->map = studio_resources_page_map;
  page_class->project_changed = studio_resources_page_project_changed;
  page_class->store_changed = studio_resources_page_store_changed;
  page_class->open_subject = studio_resources_page_open_subject;

  /**
   * StudioResourcesPage::filtered:
   *
   * The list was filtered again (a search result arrived, a filter changed).
   */
  signals[SIGNAL_FILTERED] = g_signal_new ("filtered", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                           0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/reslib/Studio/ui/studio-resources-page.ui");
  gtk_widget_class_bind_template_child (widget_class, StudioResourcesPage, resources_stack);
  gtk_widget_class_bind_template_child (widget_class, StudioResourcesPage, resources_view);
  gtk_widget_class_bind_template_child (widget_class, StudioResourcesPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, StudioResourcesPage, type_filter);
  gtk_widget_class_bind_template_child (widget_class, StudioResourcesPage, state_filter);
  gtk_widget_class_bind_template_child (widget_class, StudioResourcesPage, course_filter);
  gtk_widget_class_bind_template_child (widget_class, StudioResourcesPage, import_revealer);
  gtk_widget_class_bind_template_child (widget_class, StudioResourcesPage, import_progress);
  gtk_widget_class_bind_template_child (widget_class, StudioResourcesPage, count_label);
  gtk_widget_class_bind_template_child (widget_class, StudioResourcesPage, detail_stack);
  gtk_widget_class_bind_template_child (widget_class, StudioResourcesPage, many_status);
  gtk_widget_class_bind_template_child (widget_class, StudioResourcesPage, preview_stack);
  gtk_widget_class_bind_template_child (widget_class, StudioResourcesPage, preview_icon);
  gtk_widget_class_bind_template_child (widget_class, StudioResourcesPage, preview_picture);
  gtk_widget_class_bind_template_child (widget_class, StudioResourcesPage, preview_video);
  gtk_widget_class_bind_template_child (widget_class, StudioResourcesPage, detail_info);
  gtk_widget_class_bind_template_child (widget_class, StudioResourcesPage, detail_error);
  gtk_widget_class_bind_template_child (widget_class, StudioResourcesPage, detail_list);

  gtk_widget_class_install_action (widget_class, "resources.import-files", NULL, import_files_action);
  gtk_widget_class_install_action (widget_class, "resources.import-folder", NULL, import_folder_action);
  gtk_widget_class_install_action (widget_class, "resources.cancel-import", NULL, cancel_import_action);
  gtk_widget_class_install_action (widget_class, "resources.paste", NULL, paste_action);
  gtk_widget_class_install_action (widget_class, "resources.select-all", NULL, select_all_action);
  gtk_widget_class_install_action (widget_class, "resources.edit-selected", NULL, edit_selected_action);
  gtk_widget_class_install_action (widget_class, "resources.submit-selected", NULL, submit_selected_action);
  gtk_widget_class_install_action (widget_class, "resources.delete-selected", NULL, delete_selected_action);
  gtk_widget_class_install_action (widget_class, "resources.undo-delete", NULL, undo_delete_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_a, GDK_CONTROL_MASK, "resources.select-all", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_v, GDK_CONTROL_MASK, "resources.paste", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Delete, 0, "resources.delete-selected", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Delete, 0, "resources.delete-selected", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_i, GDK_CONTROL_MASK, "resources.import-files", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK, "resources.edit-selected", NULL);
}

static void
studio_resources_page_init (StudioResourcesPage *self)
{
  GtkDropTarget *drop;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->bench = g_getenv ("RESLIB_STUDIO_BENCH") != NULL;
  self->rows_by_id = g_hash_table_new (g_str_hash, g_str_equal);
  self->pending_delete = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->course_ids = g_ptr_array_new_with_free_func (g_free);
  self->detail_rows = g_ptr_array_new ();
  self->unit_ids = g_ptr_array_new_with_free_func (g_free);
  self->node_ids = g_ptr_array_new_with_free_func (g_free);
  self->node_labels = g_ptr_array_new_with_free_func (g_free);

  add_columns (self);
  self->filtered = g_object_new (STUDIO_TYPE_ROW_SUBSET, NULL);
  self->dropped = g_ptr_array_new_with_free_func (g_object_unref);
  self->sorted = gtk_sort_list_model_new (g_object_ref (G_LIST_MODEL (self->filtered)),
                                          g_object_ref (gtk_column_view_get_sorter (self->resources_view)));
  gtk_sort_list_model_set_incremental (self->sorted, TRUE);
  self->stable = studio_stable_rows_new (g_object_ref (G_LIST_MODEL (self->sorted)));
  g_signal_connect_swapped (self->stable, "contents-changed", G_CALLBACK (contents_changed_cb), self);
  self->selection = gtk_multi_selection_new (g_object_ref (G_LIST_MODEL (self->stable)));
  gtk_column_view_set_model (self->resources_view, GTK_SELECTION_MODEL (self->selection));
  g_signal_connect_swapped (self->selection, "selection-changed", G_CALLBACK (selection_changed_cb), self);
  g_signal_connect_swapped (self->selection, "items-changed", G_CALLBACK (selection_changed_cb), self);

  fill_choice_filter (self->type_filter, _("All Types"), reslib_resource_types, reslib_label_resource_type);
  fill_choice_filter (self->state_filter, _("All States"), reslib_resource_states, reslib_label_resource_state);
  g_signal_connect_swapped (self->type_filter, "notify::selected", G_CALLBACK (type_filter_cb), self);
  g_signal_connect_swapped (self->state_filter, "notify::selected", G_CALLBACK (state_filter_cb), self);
  g_signal_connect_swapped (self->course_filter, "notify::selected", G_CALLBACK (course_filter_cb), self);

  gtk_search_entry_set_search_delay (self->search_entry, 0);
  gtk_search_entry_set_key_capture_widget (self->search_entry, GTK_WIDGET (self->resources_view));
  g_signal_connect_swapped (self->search_entry, "search-changed", G_CALLBACK (search_changed_cb), self);

  drop = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);
  g_signal_connect (drop, "drop", G_CALLBACK (drop_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drop));

  update_actions (self);
}
