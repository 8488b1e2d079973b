/* studio-search-worker.c — searching the resources in a worker thread, on a connection of its own
 *
 * One thread runs the searches one after the other on a connection reopened from the session's
 * store (the first time one is asked for), so typing never waits for the database. Only the
 * latest search is worth running: one that a newer search replaced before it started is not run,
 * and one whose result comes after a newer search was asked for ends with G_IO_ERROR_CANCELLED.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "reslib-store-resource-rows.h"
#include "studio-search-worker.h"

/* What the worker thread shares with the worker: the generation of the latest search. */
typedef struct
{
  gint generation;   /* atomic */
} Shared;

struct _StudioSearchWorker
{
  GObject      parent_instance;

  ReslibStore *store;         /* the session's, to reopen from */
  ReslibStore *connection;    /* the worker's own, used in its thread only */
  GThreadPool *pool;
  Shared      *shared;
};

G_DEFINE_FINAL_TYPE (StudioSearchWorker, studio_search_worker, G_TYPE_OBJECT)

typedef struct
{
  ReslibStore *connection;
  Shared      *shared;
  char        *project_id;
  char        *query;
  GArray      *order;         /* gint64: the list's rowids, for an ordered search; or NULL */
  guint        n_rows;        /* an ordered search: the rows of its first matches to read too */
  GPtrArray   *rows;          /* …read in the thread (NULL for one gone meanwhile) */
  int          generation;
} Search;

static void
search_free (Search *search)
{
  g_object_unref (search->connection);
  g_atomic_rc_box_release (search->shared);
  g_free (search->project_id);
  g_free (search->query);
  g_clear_pointer (&search->order, g_array_unref);
  g_clear_pointer (&search->rows, g_ptr_array_unref);
  g_free (search);
}

/* In the worker thread. The task holds no reference to the worker (it has no source object), so
 * the worker is never finalized in its own thread. */
static void
search_thread (gpointer data,
               gpointer pool_data)
{
  g_autoptr(GTask) task = data;
  Search *search = g_task_get_task_data (task);
  GError *error = NULL;
  GHashTable *rowids;

  if (search->generation != g_atomic_int_get (&search->shared->generation))
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED, "A newer search replaced this one");
      return;
    }
  rowids = reslib_store_search_resource_rowids (search->connection, search->project_id, search->query,
                                                g_task_get_cancellable (task), &error);
  if (rowids == NULL)
    g_task_return_error (task, error);
  else if (search->order != NULL)
    {
      /* The matches in the list's order: a list of a million rows is searched without reading them. */
      GArray *ordered = g_array_sized_new (FALSE, FALSE, sizeof (gint64), g_hash_table_size (rowids));

      for (guint i = 0; i < search->order->len; i++)
        {
          gint64 rowid = g_array_index (search->order, gint64, i);

          if (g_hash_table_contains (rowids, GSIZE_TO_POINTER ((gsize) rowid)))
            g_array_append_val (ordered, rowid);
        }
      g_hash_table_unref (rowids);
      /* The rows shown first come with the matches: the list shows them without a frame of empty rows. */
      if (search->n_rows > 0 && ordered->len > 0)
        search->rows = reslib_store_get_resource_rows (search->connection, (const gint64 *) (gpointer) ordered->data,
                                                       MIN (search->n_rows, ordered->len), NULL);
      g_task_return_pointer (task, ordered, (GDestroyNotify) g_array_unref);
    }
  else
    g_task_return_pointer (task, rowids, (GDestroyNotify) g_hash_table_unref);
}

static void
studio_search_worker_finalize (GObject *object)
{
  StudioSearchWorker *self = STUDIO_SEARCH_WORKER (object);

  /* Waits for the search that runs, if any: it may use the connection. */
  if (self->pool != NULL)
    g_thread_pool_free (self->pool, TRUE, TRUE);
  g_clear_object (&self->connection);
  g_clear_object (&self->store);
  g_atomic_rc_box_release (self->shared);

  G_OBJECT_CLASS (studio_search_worker_parent_class)->finalize (object);
}

static void
studio_search_worker_class_init (StudioSearchWorkerClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = studio_search_worker_finalize;
}

static void
studio_search_worker_init (StudioSearchWorker *self)
{
  self->shared = g_atomic_rc_box_new0 (Shared);
}

/**
 * studio_search_worker_new:
 * @store: the store to search (a connection of its own is opened from it)
 *
 * Returns: (transfer full): a new worker
 */
StudioSearchWorker *
studio_search_worker_new (ReslibStore *store)
{
  StudioSearchWorker *self;

  g_return_val_if_fail (RESLIB_IS_STORE (store), NULL);

  self = g_object_new (STUDIO_TYPE_SEARCH_WORKER, NULL);
  self->store = g_object_ref (store);

  return self;
}

/* Runs a search in the worker thread; any search asked for before it is given up. */
static void
start (StudioSearchWorker  *self,
       gpointer             source_tag,
       const char          *project_id,
       const char          *query,
       GArray              *order,
       guint                n_rows,
       GCancellable        *cancellable,
       GAsyncReadyCallback  callback,
       gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  Search *search;

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, source_tag);
  /* The result is shown before the frames waiting to be drawn. */
  g_task_set_priority (task, G_PRIORITY_HIGH);
  g_object_set_data (G_OBJECT (task), "worker", self);
  g_atomic_int_inc (&self->shared->generation);

  if (self->connection == NULL)
    {
      self->connection = reslib_store_reopen (self->store, &error);
      if (self->connection == NULL)
        {
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }
    }
  if (self->pool == NULL)
    self->pool = g_thread_pool_new (search_thread, NULL, 1, FALSE, NULL);

  search = g_new0 (Search, 1);
  search->connection = g_object_ref (self->connection);
  search->shared = g_atomic_rc_box_acquire (self->shared);
  search->project_id = g_strdup (project_id);
  search->query = g_strdup (query);
  search->order = order != NULL ? g_array_ref (order) : NULL;
  search->n_rows = n_rows;
  search->generation = g_atomic_int_get (&self->shared->generation);
  g_task_set_task_data (task, search, (GDestroyNotify) search_free);
  g_thread_pool_push (self->pool, g_steal_pointer (&task), NULL);
}

/**
 * studio_search_worker_search_async:
 * @project_id: the project whose resources to search
 * @query: what was typed
 *
 * Searches in the worker thread; any search asked for before this one is given up.
 */
void
studio_search_worker_search_async (StudioSearchWorker  *self,
                                   const char          *project_id,
                                   const char          *query,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_return_if_fail (STUDIO_IS_SEARCH_WORKER (self));
  g_return_if_fail (project_id != NULL);
  g_return_if_fail (query != NULL);

  start (self, studio_search_worker_search_async, project_id, query, NULL, 0, cancellable, callback, user_data);
}

/**
 * studio_search_worker_search_ordered_async:
 * @project_id: the project whose resources to search
 * @query: what was typed
 * @order: (element-type gint64): the rowids of the list searched, in its order (kept, not changed)
 * @n_rows: how many of the first matches' rows to read with them (those shown first)
 *
 * As studio_search_worker_search_async(); the result is the rowids of @order that match, in its order.
 */
void
studio_search_worker_search_ordered_async (StudioSearchWorker  *self,
                                           const char          *project_id,
                                           const char          *query,
                                           GArray              *order,
                                           guint                n_rows,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data)
{
  g_return_if_fail (STUDIO_IS_SEARCH_WORKER (self));
  g_return_if_fail (project_id != NULL);
  g_return_if_fail (query != NULL);
  g_return_if_fail (order != NULL);

  start (self, studio_search_worker_search_ordered_async, project_id, query, order, n_rows, cancellable, callback,
         user_data);
}

/* A newer search replaced the one of @result. */
static gboolean
overtaken (StudioSearchWorker  *self,
           GAsyncResult        *result,
           GError             **error)
{
  Search *search = g_task_get_task_data (G_TASK (result));

  if (search != NULL && search->generation != g_atomic_int_get (&self->shared->generation))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CANCELLED, "A newer search replaced this one");
      return TRUE;
    }

  return FALSE;
}

/**
 * studio_search_worker_search_ordered_finish:
 * @rows: (out) (transfer full) (nullable): the rows of the first matches (NULL for one no longer there), or
 *   %NULL when they could not be read
 *
 * Returns: (transfer full) (element-type gint64): the matching rowids in the order given, or %NULL with @error
 *   (G_IO_ERROR_CANCELLED when a newer search replaced this one)
 */
GArray *
studio_search_worker_search_ordered_finish (StudioSearchWorker  *self,
                                            GAsyncResult        *result,
                                            GPtrArray          **rows,
                                            GError             **error)
{
  Search *search;

  g_return_val_if_fail (STUDIO_IS_SEARCH_WORKER (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == studio_search_worker_search_ordered_async, NULL);
  g_return_val_if_fail (g_object_get_data (G_OBJECT (result), "worker") == self, NULL);

  *rows = NULL;
  if (overtaken (self, result, error))
    return NULL;
  search = g_task_get_task_data (G_TASK (result));
  if (search != NULL)
    *rows = g_steal_pointer (&search->rows);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * studio_search_worker_search_finish:
 *
 * Returns: (transfer full): the rowids of the matching resources (a set of GINT_TO_POINTER, as
 *   reslib_store_search_resource_rowids() gives), or %NULL with @error (G_IO_ERROR_CANCELLED
 *   when a newer search replaced this one)
 */
GHashTable *
studio_search_worker_search_finish (StudioSearchWorker  *self,
                                    GAsyncResult        *result,
                                    GError             **error)
{
  g_return_val_if_fail (STUDIO_IS_SEARCH_WORKER (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == studio_search_worker_search_async, NULL);
  g_return_val_if_fail (g_object_get_data (G_OBJECT (result), "worker") == self, NULL);

  if (overtaken (self, result, error))
    return NULL;

  return g_task_propagate_pointer (G_TASK (result), error);
}
