/* studio-resources-page-search.c — the Resources page's search, in the session's search worker
 *
 * The session's StudioSearchWorker searches in a thread on a connection of its own and gives the
 * rowids that match; the filter only looks them up, so typing never waits. Only the latest query is
 * run and shown. A long list shown a page at a time (its rows not read) is searched the same way: the
 * worker gives the matching rowids in the list's order, and the paged model shows those.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "studio-resources-page-private.h"

/* The rows of the first matches read with them: GTK 4.8's column view keeps about 200 rows around the one at
 * the top, and each row that changes twice (empty first, then its values) redraws its seven cells twice. */
#define FIRST_ROWS 256

typedef struct
{
  StudioResourcesPage *self;      /* a reference */
  StudioSearchWorker  *worker;
  char                *query;
} SearchCall;

static void
search_call_free (SearchCall *call)
{
  g_object_unref (call->self);
  g_object_unref (call->worker);
  g_free (call->query);
  g_free (call);
}

/* Another search shows its first matches, in the table or the grid. */
static void
scroll_to_top (StudioResourcesPage *self)
{
  GtkWidget *list = _studio_resources_page_list_widget (self);
  GtkAdjustment *adjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (list));

  if (adjustment != NULL)
    gtk_adjustment_set_value (adjustment, gtk_adjustment_get_lower (adjustment));
}

/* The paged list shows @rowids (a search's matches, or all the list's). */
static void
show_paged (StudioResourcesPage *self,
            GArray              *rowids,
            GPtrArray           *rows,
            const char          *query)
{
  g_free (self->applied_search);
  self->applied_search = g_strdup (query);
  _studio_resources_page_show_paged (self, rowids, rows, TRUE);
}

/* The matches among a paged list's rows, in its order, when it is still paged and the search the latest. */
static void
search_ordered_done_cb (GObject      *source,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  SearchCall *call = user_data;
  StudioResourcesPage *self = call->self;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GArray) rowids = studio_search_worker_search_ordered_finish (call->worker, result, &rows, &error);

  if (rowids != NULL && self->paging)
    {
      g_clear_object (&self->search_cancellable);
      show_paged (self, g_steal_pointer (&rowids), rows, call->query);
      _studio_resources_page_apply_paged_selection (self);
    }
  else if (error != NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    studio_page_toast (STUDIO_PAGE (self), error->message);
  search_call_free (call);
}

/* Shows the result when it is still the latest one (else it ends as cancelled). */
static void
search_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  SearchCall *call = user_data;
  StudioResourcesPage *self = call->self;
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) rowids = studio_search_worker_search_finish (call->worker, result, &error);

  if (rowids != NULL && self->rows != NULL)
    {
      g_clear_pointer (&self->search_rowids, g_hash_table_unref);
      self->search_rowids = g_steal_pointer (&rowids);
      g_free (self->applied_search);
      self->applied_search = g_strdup (call->query);
      _studio_resources_page_refilter (self);
      scroll_to_top (self);
    }
  else if (error != NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    studio_page_toast (STUDIO_PAGE (self), error->message);
  search_call_free (call);
}

void
_studio_resources_page_start_search (StudioResourcesPage *self)
{
  StudioSession *session = studio_page_get_session (STUDIO_PAGE (self));
  StudioSearchWorker *worker = session != NULL ? studio_session_get_search_worker (session) : NULL;
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  g_autofree char *query = g_strstrip (g_strdup (text));
  SearchCall *call;

  if (self->search_cancellable != NULL)
    g_cancellable_cancel (self->search_cancellable);
  g_clear_object (&self->search_cancellable);

  if (self->paging && self->paged_rowids != NULL && (*query == '\0' || worker == NULL))
    {
      /* The whole list again, if a search showed part of it. */
      g_clear_pointer (&self->search_rowids, g_hash_table_unref);
      if (g_list_model_get_n_items (G_LIST_MODEL (self->paged)) != self->paged_rowids->len)
        show_paged (self, g_array_ref (self->paged_rowids), NULL, text);
      else
        {
          g_free (self->applied_search);
          self->applied_search = g_strdup (text);
          _studio_resources_page_emit_filtered (self);
        }
      return;
    }
  if (*query == '\0' || worker == NULL || self->loaded_project == NULL)
    {
      gboolean had = self->search_rowids != NULL;

      g_clear_pointer (&self->search_rowids, g_hash_table_unref);
      g_free (self->applied_search);
      self->applied_search = g_strdup (text);
      if (had)
        {
          _studio_resources_page_refilter (self);
          scroll_to_top (self);
        }
      else
        _studio_resources_page_emit_filtered (self);
      return;
    }

  self->search_cancellable = g_cancellable_new ();
  call = g_new0 (SearchCall, 1);
  call->self = g_object_ref (self);
  call->worker = g_object_ref (worker);
  call->query = g_strdup (text);
  if (self->paging && self->paged_rowids != NULL)
    studio_search_worker_search_ordered_async (worker, self->loaded_project, text, self->paged_rowids,
                                               FIRST_ROWS, self->search_cancellable, search_ordered_done_cb, call);
  else
    studio_search_worker_search_async (worker, self->loaded_project, text, self->search_cancellable,
                                       search_done_cb, call);
}

static gboolean
search_idle_cb (gpointer data)
{
  StudioResourcesPage *self = data;

  self->search_idle_id = 0;
  _studio_resources_page_start_search (self);

  return G_SOURCE_REMOVE;
}

/* Coalesces the changes of one main loop turn (setting a text deletes, then inserts). */
void
_studio_resources_page_search_changed (StudioResourcesPage *self)
{
  if (self->search_idle_id == 0)
    self->search_idle_id = g_idle_add_full (G_PRIORITY_HIGH_IDLE, search_idle_cb, self, NULL);
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
