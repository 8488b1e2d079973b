/* studio-resources-page-search.c — the Resources page's search, in a worker thread
 *
 * Search runs in a worker thread on a connection of its own and gives the rowids that match; the
 * filter only looks them up, so typing never waits. Only the latest query is run and shown.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "studio-resources-page-private.h"

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
          _studio_resources_page_refilter (self);
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

void
_studio_resources_page_start_search (StudioResourcesPage *self)
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
          _studio_resources_page_refilter (self);
          scroll_to_top (self);
        }
      else
        _studio_resources_page_emit_filtered (self);
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
