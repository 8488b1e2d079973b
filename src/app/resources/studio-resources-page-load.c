/* studio-resources-page-load.c — the Resources page: reading the project's rows, and following the store
 *
 * The rows are read in the row loader's worker. A list longer than the page's paged-threshold first shows
 * its rowids as a StudioPagedRows (its pages read as they are shown) while all its rows are read, then the
 * rows read. Changes the store tells are applied by id, in an idle.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdlib.h>

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
static void
stop_paging (StudioResourcesPage *self)
{
  if (!self->paging)
    return;
  self->paging = FALSE;
  g_clear_pointer (&self->paged_rowids, g_array_unref);
  studio_stable_rows_set_source (self->stable, g_object_ref (G_LIST_MODEL (self->sorted)));
  studio_paged_rows_set_rowids (self->paged, g_array_new (FALSE, FALSE, sizeof (gint64)));
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

/* Where each row is, read first: a list longer than the page's paged-threshold shows its first pages (StudioPagedRows) while
 * all its rows are read. */
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
      if (self->paged == NULL)
        self->paged = studio_paged_rows_new (call->loader);
      g_clear_pointer (&self->paged_rowids, g_array_unref);
      self->paged_rowids = g_array_ref (rowids);
      studio_paged_rows_set_rowids (self->paged, g_steal_pointer (&rowids));
      if (!self->paging)
        {
          self->paging = TRUE;
          studio_stable_rows_set_source (self->stable, g_object_ref (G_LIST_MODEL (self->paged)));
        }
      gtk_stack_set_visible_child_name (self->resources_stack, "list");
      _studio_resources_page_update_count (self);
      _studio_resources_page_update_actions (self);
      /* A search typed meanwhile: its matches among these rowids, without the rows. */
      if (*gtk_editable_get_text (GTK_EDITABLE (self->search_entry)) != '\0')
        _studio_resources_page_start_search (self);
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
