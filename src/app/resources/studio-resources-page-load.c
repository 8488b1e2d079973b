/* studio-resources-page-load.c — the Resources page: reading the project's rows, and following the store
 *
 * The rows are read in the row loader's worker. A list longer than the page's paged-threshold is never read
 * whole: it shows its rowids as a StudioPagedRows (its pages read as they are shown). The store answers its
 * filters and its order (the rowids listed again, in the worker: _studio_resources_page_relist()), the search
 * worker its search (the matches among those rowids), and what is selected is known by position (the ids of
 * the rowids there: _studio_resources_page_paged_ids()), as is a filter of ids another page asks for (Checks'
 * "Show these resources"). Changes the store tells are applied by id, in an idle; on a paged list they list
 * the rowids again and read the pages shown again.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "studio-resources-page-private.h"
#include "studio-session.h"

static void load_full (StudioResourcesPage *self,
                       gboolean             sync);

void
_studio_resources_page_set_rows (StudioResourcesPage *self,
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
  _studio_resources_page_refilter (self);
  /* The old rows go after the subset stopped showing them. */
  g_clear_pointer (&old, g_ptr_array_unref);
  gtk_stack_set_visible_child_name (self->resources_stack, n > 0 ? "list" : "empty");
  _studio_resources_page_update_count (self);
  _studio_resources_page_update_actions (self);
}

/* The list shows the rows read, no longer the pages. */
void
_studio_resources_page_stop_paging (StudioResourcesPage *self)
{
  if (!self->paging)
    return;
  self->paging = FALSE;
  if (self->relist_cancellable != NULL)
    g_cancellable_cancel (self->relist_cancellable);
  g_clear_object (&self->relist_cancellable);
  g_clear_pointer (&self->paged_rowids, g_array_unref);
  studio_stable_rows_set_source (self->stable, g_object_ref (G_LIST_MODEL (self->sorted)));
  studio_paged_rows_set_rowids (self->paged, g_array_new (FALSE, FALSE, sizeof (gint64)));
}

#define stop_paging _studio_resources_page_stop_paging

/* Another list of rowids shown, from the top (a search, another filter or order) or where the view is (the
 * store changed). */
void
_studio_resources_page_show_paged (StudioResourcesPage *self,
                                   GArray              *rowids,
                                   GPtrArray           *rows,
                                   gboolean             to_top)
{
  GArray *shown = studio_paged_rows_get_rowids (self->paged);

  if (shown->len == rowids->len && memcmp (shown->data, rowids->data, rowids->len * sizeof (gint64)) == 0)
    {
      /* The same rows: those shown take their values again, the selection stays. */
      studio_paged_rows_refresh (self->paged);
      g_array_unref (rowids);
    }
  else
    {
      studio_paged_rows_set_rowids_with_rows (self->paged, rowids, rows);
      if (to_top)
        {
          GtkWidget *list = _studio_resources_page_list_widget (self);
          GtkAdjustment *adjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (list));

          if (adjustment != NULL)
            gtk_adjustment_set_value (adjustment, gtk_adjustment_get_lower (adjustment));
        }
    }
  _studio_resources_page_update_count (self);
  _studio_resources_page_update_actions (self);
  _studio_resources_page_emit_filtered (self);
}

static void
count_done_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      data)
{
  g_autoptr(StudioResourcesPage) self = data;
  g_autoptr(GError) error = NULL;
  guint n = studio_row_loader_count_finish (STUDIO_ROW_LOADER (source), result, &error);

  if (error == NULL && self->paging)
    {
      self->paged_total = n;
      _studio_resources_page_update_count (self);
    }
}

typedef struct
{
  StudioResourcesPage *self;
  StudioRowLoader     *loader;
  GCancellable        *cancellable;
} RelistCall;

static void
relist_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      data)
{
  RelistCall *call = data;
  g_autoptr(StudioResourcesPage) self = call->self;
  g_autoptr(StudioRowLoader) loader = call->loader;
  g_autoptr(GCancellable) cancellable = call->cancellable;
  g_autoptr(GArray) rowids = NULL;
  g_autoptr(GError) error = NULL;
  gboolean follows = self->relist_follows;

  g_free (call);
  rowids = studio_row_loader_list_rowids_finish (loader, result, &error);
  if (cancellable != self->relist_cancellable || !self->paging)
    return;   /* an older one */
  g_clear_object (&self->relist_cancellable);
  self->relist_follows = FALSE;
  if (rowids == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        studio_page_toast (STUDIO_PAGE (self), error->message);
      return;
    }
  g_clear_pointer (&self->paged_rowids, g_array_unref);
  self->paged_rowids = g_array_ref (rowids);
  if (self->type_value == NULL && self->state_value == NULL && gtk_drop_down_get_selected (self->course_filter) == 0 &&
      self->ids_filter == NULL)
    self->paged_total = rowids->len;
  else if (follows)
    studio_row_loader_count_async (loader, self->loaded_project, NULL, count_done_cb, g_object_ref (self));
  /* A search shows its matches among them, in their order. */
  if (*gtk_editable_get_text (GTK_EDITABLE (self->search_entry)) != '\0')
    _studio_resources_page_start_search (self);
  else
    {
      g_free (self->applied_search);
      self->applied_search = g_strdup ("");
      _studio_resources_page_show_paged (self, g_steal_pointer (&rowids), NULL, !follows);
    }
  _studio_resources_page_apply_paged_selection (self);
}

/**
 * _studio_resources_page_relist:
 * @follows: the store changed (the view stays where it is), rather than the filters or the order
 *
 * Lists the paged list's rowids again in the worker, as its filters and the column view's order ask: the
 * store filters and sorts, no row is read. The latest one is shown.
 */
void
_studio_resources_page_relist (StudioResourcesPage *self,
                               gboolean             follows)
{
  StudioSession *session = studio_page_get_session (STUDIO_PAGE (self));
  StudioRowLoader *loader = session != NULL ? studio_session_get_row_loader (session) : NULL;
  guint course = gtk_drop_down_get_selected (self->course_filter);
  ReslibResourceQuery query = { self->type_value, self->state_value, NULL, RESLIB_RESOURCE_SORT_NONE, FALSE, NULL };
  g_autofree const char **ids = NULL;
  RelistCall *call;

  if (!self->paging || loader == NULL || self->loaded_project == NULL)
    return;
  if (course != GTK_INVALID_LIST_POSITION && course > 0 && course < self->course_ids->len)
    query.course_id = g_ptr_array_index (self->course_ids, course);
  _studio_resource_columns_get_sort (self->resources_view, &query.sort, &query.descending);
  if (self->ids_filter != NULL)
    {
      ids = (const char **) g_hash_table_get_keys_as_array (self->ids_filter, NULL);
      query.ids = ids;
    }

  /* A change of the filters or the order goes to the top; a store change stays so if one is waiting. */
  self->relist_follows = follows && (self->relist_cancellable == NULL || self->relist_follows);
  if (self->relist_cancellable != NULL)
    g_cancellable_cancel (self->relist_cancellable);
  g_clear_object (&self->relist_cancellable);
  self->relist_cancellable = g_cancellable_new ();
  call = g_new0 (RelistCall, 1);
  call->self = g_object_ref (self);
  call->loader = g_object_ref (loader);
  call->cancellable = g_object_ref (self->relist_cancellable);
  studio_row_loader_list_rowids_where_async (loader, self->loaded_project, &query, self->relist_cancellable,
                                             relist_done_cb, call);
}

/**
 * _studio_resources_page_paged_ids:
 * @positions: positions in the paged list
 *
 * Returns: (transfer full): the ids of the resources there, read from the store by their rowids (the rows of
 *   a page not read yet have no id)
 */
GStrv
_studio_resources_page_paged_ids (StudioResourcesPage *self,
                                  GtkBitset           *positions)
{
  ReslibStore *store = studio_page_get_store (STUDIO_PAGE (self));
  GArray *shown = studio_paged_rows_get_rowids (self->paged);
  g_autoptr(GArray) rowids = g_array_sized_new (FALSE, FALSE, sizeof (gint64), gtk_bitset_get_size (positions));
  g_autoptr(GError) error = NULL;
  GtkBitsetIter iter;
  guint position;
  GStrv ids;

  if (gtk_bitset_iter_init_first (&iter, positions, &position))
    do
      if (position < shown->len)
        g_array_append_val (rowids, g_array_index (shown, gint64, position));
    while (gtk_bitset_iter_next (&iter, &position));
  ids = store != NULL ? reslib_store_resource_ids_of_rowids (store, (const gint64 *) (gpointer) rowids->data,
                                                             rowids->len, &error)
                      : NULL;
  if (ids == NULL)
    {
      if (error != NULL)
        studio_page_toast (STUDIO_PAGE (self), error->message);
      return g_new0 (char *, 1);
    }

  return ids;
}

/* Selects the resources of select_ids on a paged list, by their rowids' positions; clears the filters and
 * the search that hide some first (the list is then listed again, and this called again). */
void
_studio_resources_page_apply_paged_selection (StudioResourcesPage *self)
{
  ReslibStore *store = studio_page_get_store (STUDIO_PAGE (self));
  g_autoptr(GHashTable) wanted = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(GArray) wanted_rowids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GtkBitset) selected = gtk_bitset_new_empty ();
  g_autoptr(GtkBitset) mask = NULL;
  GArray *shown;
  GHashTableIter iter;
  gpointer id;

  if (!self->paging || self->select_ids == NULL || store == NULL || self->relist_cancellable != NULL ||
      self->load_cancellable != NULL ||
      g_strcmp0 (self->applied_search, gtk_editable_get_text (GTK_EDITABLE (self->search_entry))) != 0)
    return;   /* the list shown is not the latest yet: called again when it is */
  g_hash_table_iter_init (&iter, self->select_ids);
  while (g_hash_table_iter_next (&iter, &id, NULL))
    {
      g_autoptr(ReslibResourceRow) row = reslib_store_get_resource_row (store, id, NULL);
      gint64 rowid = row != NULL ? reslib_resource_row_get_rowid (row) : 0;

      if (row != NULL)
        g_array_append_val (wanted_rowids, rowid);
    }
  for (guint i = 0; i < wanted_rowids->len; i++)
    g_hash_table_add (wanted, &g_array_index (wanted_rowids, gint64, i));

  shown = studio_paged_rows_get_rowids (self->paged);
  for (guint i = 0; i < shown->len; i++)
    if (g_hash_table_contains (wanted, &g_array_index (shown, gint64, i)))
      gtk_bitset_add (selected, i);
  if (gtk_bitset_get_size (selected) < wanted_rowids->len)
    {
      gboolean filtered = self->type_value != NULL || self->state_value != NULL ||
                          gtk_drop_down_get_selected (self->course_filter) > 0 ||
                          *gtk_editable_get_text (GTK_EDITABLE (self->search_entry)) != '\0';

      if (filtered)
        {
          /* Some are hidden by the filters or the search: show them all, then select. */
          g_signal_handlers_block_matched (self->type_filter, G_SIGNAL_MATCH_DATA, 0, 0, NULL, NULL, self);
          g_signal_handlers_block_matched (self->state_filter, G_SIGNAL_MATCH_DATA, 0, 0, NULL, NULL, self);
          g_signal_handlers_block_matched (self->course_filter, G_SIGNAL_MATCH_DATA, 0, 0, NULL, NULL, self);
          gtk_drop_down_set_selected (self->type_filter, 0);
          gtk_drop_down_set_selected (self->state_filter, 0);
          gtk_drop_down_set_selected (self->course_filter, 0);
          g_signal_handlers_unblock_matched (self->type_filter, G_SIGNAL_MATCH_DATA, 0, 0, NULL, NULL, self);
          g_signal_handlers_unblock_matched (self->state_filter, G_SIGNAL_MATCH_DATA, 0, 0, NULL, NULL, self);
          g_signal_handlers_unblock_matched (self->course_filter, G_SIGNAL_MATCH_DATA, 0, 0, NULL, NULL, self);
          self->type_value = NULL;
          self->state_value = NULL;
          g_clear_pointer (&self->course_rowids, g_hash_table_unref);
          g_signal_handlers_block_matched (self->search_entry, G_SIGNAL_MATCH_DATA, 0, 0, NULL, NULL, self);
          gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
          g_signal_handlers_unblock_matched (self->search_entry, G_SIGNAL_MATCH_DATA, 0, 0, NULL, NULL, self);
          _studio_resources_page_relist (self, FALSE);
          return;
        }
      if (gtk_bitset_is_empty (selected))
        return;   /* not listed yet: the store change that adds them lists the rowids again */
    }
  g_clear_pointer (&self->select_ids, g_hash_table_unref);
  mask = gtk_bitset_new_range (0, shown->len);
  gtk_selection_model_set_selection (GTK_SELECTION_MODEL (self->selection), selected, mask);
  if (!gtk_bitset_is_empty (selected))
    _studio_resources_page_scroll_to (self, gtk_bitset_get_minimum (selected));
}

static void
rows_loaded (StudioResourcesPage *self,
             GPtrArray           *rows)
{
  _studio_resources_page_set_rows (self, rows);
  stop_paging (self);
  _studio_resources_page_update_count (self);
  _studio_resources_page_update_actions (self);
  if (self->search_rowids != NULL || *gtk_editable_get_text (GTK_EDITABLE (self->search_entry)) != '\0')
    _studio_resources_page_start_search (self);
  _studio_resources_page_emit_filtered (self);
  /* Changes told while the rows were read. */
  if ((self->changed_ids != NULL || self->changed_all || self->lists_changed) && self->reload_id == 0)
    self->reload_id = g_idle_add_full (G_PRIORITY_LOW, _studio_resources_page_reload_idle_cb, self, NULL);
  _studio_resources_page_apply_selection (self);
}

typedef struct
{
  StudioResourcesPage *self;
  StudioRowLoader     *loader;
  GCancellable        *cancellable;
  char                *project_id;
} LoadCall;

static void
load_done_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      data)
{
  LoadCall *call = data;
  g_autoptr(StudioResourcesPage) self = call->self;
  g_autoptr(StudioRowLoader) loader = call->loader;
  g_autoptr(GCancellable) cancellable = call->cancellable;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GError) error = NULL;

  g_free (call->project_id);
  g_free (call);
  rows = studio_row_loader_load_finish (loader, result, &error);
  if (cancellable != self->load_cancellable)
    return;   /* an older load */
  g_clear_object (&self->load_cancellable);
  if (rows == NULL)
    {
      /* The worker could not read them (e.g. its connection could not be opened): read here,
       * which tells what fails. */
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        load_full (self, TRUE);
      return;
    }
  rows_loaded (self, rows);
}

/* Where each row is, read first: a list longer than the page's paged-threshold is shown a page at a time
 * (StudioPagedRows); a shorter one is read whole. */
static void
rowids_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      data)
{
  LoadCall *call = data;
  StudioResourcesPage *self = call->self;
  g_autoptr(GArray) rowids = NULL;
  g_autoptr(GError) error = NULL;

  rowids = studio_row_loader_list_rowids_finish (call->loader, result, &error);
  if (call->cancellable != self->load_cancellable)
    g_clear_pointer (&rowids, g_array_unref);   /* an older load: it ends as cancelled below */
  else if (rowids != NULL && rowids->len > self->paged_threshold)
    {
      gboolean sorted_or_filtered;
      ReslibResourceSort sort;
      gboolean descending;

      /* Paged for good: the rows are read as they are shown, never all. */
      g_clear_object (&self->load_cancellable);
      if (self->paged == NULL)
        self->paged = studio_paged_rows_new (call->loader);
      studio_row_subset_set (self->filtered, g_ptr_array_new ());
      g_hash_table_remove_all (self->rows_by_id);
      g_clear_pointer (&self->rows, g_ptr_array_unref);
      if (!self->paging)
        {
          self->paging = TRUE;
          studio_paged_rows_set_rowids (self->paged, g_array_new (FALSE, FALSE, sizeof (gint64)));
          studio_stable_rows_set_source (self->stable, g_object_ref (G_LIST_MODEL (self->paged)));
        }
      self->paged_total = rowids->len;
      g_clear_pointer (&self->paged_rowids, g_array_unref);
      self->paged_rowids = g_array_ref (rowids);
      _studio_resource_columns_get_sort (self->resources_view, &sort, &descending);
      sorted_or_filtered = sort != RESLIB_RESOURCE_SORT_NONE || self->type_value != NULL ||
                           self->state_value != NULL || gtk_drop_down_get_selected (self->course_filter) > 0 ||
                           self->ids_filter != NULL;
      studio_paged_rows_set_rowids (self->paged, g_steal_pointer (&rowids));
      gtk_stack_set_visible_child_name (self->resources_stack, "list");
      _studio_resources_page_update_count (self);
      _studio_resources_page_update_actions (self);
      if (sorted_or_filtered)
        _studio_resources_page_relist (self, FALSE);
      else if (*gtk_editable_get_text (GTK_EDITABLE (self->search_entry)) != '\0')
        /* A search typed meanwhile: its matches among these rowids, without the rows. */
        _studio_resources_page_start_search (self);
      else
        {
          g_free (self->applied_search);
          self->applied_search = g_strdup ("");
          _studio_resources_page_emit_filtered (self);
        }
      /* Changes told while the rowids were read. */
      if ((self->changed_ids != NULL || self->changed_all || self->lists_changed) && self->reload_id == 0)
        self->reload_id = g_idle_add_full (G_PRIORITY_LOW, _studio_resources_page_reload_idle_cb, self, NULL);
      _studio_resources_page_apply_paged_selection (self);
      g_object_unref (call->self);
      g_object_unref (call->loader);
      g_object_unref (call->cancellable);
      g_free (call->project_id);
      g_free (call);
      return;
    }
  /* All the rows, in the worker, after the rowids (a failed read of them included: this one tells why). */
  studio_row_loader_load_async (call->loader, call->project_id, call->cancellable, load_done_cb, call);
}

/* Reads the rows; in a worker (while the window is built) unless @sync. */
static void
load_full (StudioResourcesPage *self,
           gboolean             sync)
{
  StudioPage *page = STUDIO_PAGE (self);
  StudioSession *session = studio_page_get_session (page);
  StudioRowLoader *loader;
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
    }
  _studio_resources_page_load_courses (self);

  if (store == NULL || id == NULL)
    {
      stop_paging (self);
      _studio_resources_page_set_rows (self, NULL);
      _studio_resources_page_update_detail (self);
      return;
    }

  if (self->load_cancellable != NULL)
    g_cancellable_cancel (self->load_cancellable);
  g_clear_object (&self->load_cancellable);

  loader = !sync && session != NULL ? studio_session_get_row_loader (session) : NULL;
  if (loader != NULL)
    {
      LoadCall *call = g_new0 (LoadCall, 1);

      self->load_cancellable = g_cancellable_new ();
      call->self = g_object_ref (self);
      call->loader = g_object_ref (loader);
      call->cancellable = g_object_ref (self->load_cancellable);
      call->project_id = g_strdup (id);
      studio_row_loader_list_rowids_async (loader, id, self->load_cancellable, rowids_done_cb, call);
      return;
    }

  stop_paging (self);
  rows = reslib_store_list_resource_rows (store, id, &error);
  if (rows == NULL)
    {
      studio_page_toast (page, error->message);
      return;
    }
  rows_loaded (self, rows);
}

void
_studio_resources_page_load (StudioResourcesPage *self)
{
  load_full (self, FALSE);
}

/* Reads the rows here, not in the worker: they are there on return. */
void
_studio_resources_page_load_now (StudioResourcesPage *self)
{
  load_full (self, TRUE);
}

/* Only what changed: one row read again, added (at the end: returns TRUE) or removed. */
static gboolean
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
      return FALSE;
    }

  if (fresh != NULL && old != NULL)
    {
      /* The id is kept with the texts the update replaces: the key must follow. */
      g_hash_table_remove (self->rows_by_id, id);
      reslib_resource_row_update_from (old, fresh);
      _studio_resource_forget_sort_keys (old);
      g_hash_table_insert (self->rows_by_id, (gpointer) reslib_resource_row_get_id (old), old);
    }
  else if (fresh != NULL)
    {
      g_autofree char *project = reslib_store_project_of (store, RESLIB_KIND_RESOURCE, id, NULL);

      if (g_strcmp0 (project, self->loaded_project) != 0)
        return FALSE;
      g_ptr_array_add (self->rows, g_object_ref (fresh));
      g_hash_table_insert (self->rows_by_id, (gpointer) reslib_resource_row_get_id (fresh), fresh);
      return TRUE;
    }
  else if (old != NULL)
    {
      g_hash_table_remove (self->rows_by_id, id);
      /* Out of the subset first (refilter), then freed. */
      g_ptr_array_add (self->dropped, g_object_ref (old));
      g_ptr_array_remove (self->rows, old);
    }

  return FALSE;
}

static int
compare_rowids (const void *a,
                const void *b)
{
  gint64 x = reslib_resource_row_get_rowid (*(ReslibResourceRow * const *) a);
  gint64 y = reslib_resource_row_get_rowid (*(ReslibResourceRow * const *) b);

  return x < y ? -1 : x > y;
}

gboolean
_studio_resources_page_reload_idle_cb (gpointer data)
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

  if (self->paging && !self->changed_all && !self->needs_load && store != NULL)
    {
      /* A paged list: its rowids listed again (rows added or gone, a filter's or the order's values
       * changed), the pages shown read again. */
      if (lists_changed)
        _studio_resources_page_load_courses (self);
      _studio_resources_page_relist (self, TRUE);
      _studio_resources_page_update_detail (self);
      return G_SOURCE_REMOVE;
    }

  if (self->changed_all || self->needs_load || self->rows == NULL || store == NULL)
    {
      self->changed_all = FALSE;
      _studio_resources_page_load (self);
      return G_SOURCE_REMOVE;
    }

  if (ids != NULL)
    {
      GHashTableIter iter;
      gpointer id;
      guint n_new = 0;

      g_hash_table_iter_init (&iter, ids);
      while (g_hash_table_iter_next (&iter, &id, NULL))
        n_new += apply_changed_id (self, store, id);
      /* New rows (at the end) come in the store's order, an import's in the order of its files, not the
       * hash's. */
      if (n_new > 1)
        qsort (self->rows->pdata + self->rows->len - n_new, n_new, sizeof (gpointer), compare_rowids);
      gtk_stack_set_visible_child_name (self->resources_stack,
                                        self->rows->len > 0 ? "list" : "empty");
    }
  if (lists_changed)
    _studio_resources_page_load_courses (self);
  if (ids != NULL || lists_changed)
    {
      /* Links to course nodes and matches of the search may have changed too. */
      if (ids != NULL && self->course_rowids != NULL)
        _studio_resources_page_load_course_rowids (self);
      if (ids != NULL && self->search_rowids != NULL)
        _studio_resources_page_start_search (self);
      _studio_resources_page_refilter (self);
      g_ptr_array_set_size (self->dropped, 0);
      _studio_resources_page_update_detail (self);
    }
  _studio_resources_page_apply_selection (self);

  return G_SOURCE_REMOVE;
}
