/* studio-row-loader.c — reading a project's resource rows in a worker thread, on a connection of its own
 *
 * The Resources page shows 100,000 rows read in one query; the query runs in this worker's thread
 * on a connection reopened from the session's store (the first time rows are asked for), so the
 * window is drawn meanwhile. A longer list reads the rowids in its order first, then the rows of
 * the pages shown (studio_row_loader_list_rowids_async(), studio_row_loader_read_rows_async()). The reads run one after the other; one whose cancellable was
 * cancelled before it started is not run. The pages are read in a second thread, on a connection of
 * its own: a page shown is not kept waiting for all the rows of a long list to be read. A count of the
 * rows (studio_row_loader_count_async(), the sidebar's badge) runs there too.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "reslib-store-resource-rows.h"
#include "studio-row-loader.h"

struct _StudioRowLoader
{
  GObject      parent_instance;

  ReslibStore *store;         /* the session's, to reopen from */
  ReslibStore *connection;    /* the loader's own, used in its thread only */
  GThreadPool *pool;
  ReslibStore *page_connection;   /* the pages' own, used in their thread only */
  GThreadPool *page_pool;
};

G_DEFINE_FINAL_TYPE (StudioRowLoader, studio_row_loader, G_TYPE_OBJECT)

/* Tests: while set, the reads of all the rows wait (_studio_row_loader_hold_rows()). */
static GMutex hold_mutex;
static GCond  hold_cond;
static gboolean hold_rows;

typedef enum
{
  LOAD_ROWS,     /* every row of the project */
  LOAD_ROWIDS,   /* the rowids of the project's rows, in the list's order */
  LOAD_PAGE,     /* the rows of some rowids */
  LOAD_COUNT,    /* how many resources the project has */
} LoadKind;

typedef struct
{
  LoadKind     kind;
  ReslibStore *connection;
  char        *project_id;
  GArray      *rowids;        /* LOAD_PAGE */
  ReslibResourceQuery query;  /* LOAD_ROWIDS: the filters (owned strings) and the order */
} Load;

static void
load_free (Load *load)
{
  g_object_unref (load->connection);
  g_free (load->project_id);
  g_free ((char *) load->query.type);
  g_free ((char *) load->query.state);
  g_free ((char *) load->query.course_id);
  g_strfreev ((char **) load->query.ids);
  g_clear_pointer (&load->rowids, g_array_unref);
  g_free (load);
}

/* In the worker thread. The task holds no reference to the loader (it has no source object), so
 * the loader is never finalized in its own thread. */
static void
load_thread (gpointer data,
             gpointer pool_data)
{
  g_autoptr(GTask) task = data;
  Load *load = g_task_get_task_data (task);
  GError *error = NULL;
  GPtrArray *rows;
  GArray *rowids;

  if (g_task_return_error_if_cancelled (task))
    return;
  switch (load->kind)
    {
    case LOAD_ROWIDS:
      rowids = reslib_store_list_resource_rowids_where (load->connection, load->project_id, &load->query,
                                                        g_task_get_cancellable (task), &error);
      if (rowids == NULL)
        g_task_return_error (task, error);
      else
        g_task_return_pointer (task, rowids, (GDestroyNotify) g_array_unref);
      return;
    case LOAD_COUNT:
      {
        guint n = reslib_store_count (load->connection, RESLIB_KIND_RESOURCE, load->project_id, &error);

        if (error != NULL)
          g_task_return_error (task, error);
        else
          g_task_return_int (task, n);
      }
      return;
    case LOAD_PAGE:
      rows = reslib_store_get_resource_rows (load->connection, (const gint64 *) (gpointer) load->rowids->data,
                                             load->rowids->len, &error);
      break;
    case LOAD_ROWS:
    default:
      g_mutex_lock (&hold_mutex);
      while (hold_rows)
        g_cond_wait (&hold_cond, &hold_mutex);
      g_mutex_unlock (&hold_mutex);
      rows = reslib_store_list_resource_rows (load->connection, load->project_id, &error);
      break;
    }
  if (rows == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, rows, (GDestroyNotify) g_ptr_array_unref);
}

static void
studio_row_loader_finalize (GObject *object)
{
  StudioRowLoader *self = STUDIO_ROW_LOADER (object);

  /* Waits for the read that runs, if any: it may use the connection. */
  if (self->pool != NULL)
    g_thread_pool_free (self->pool, TRUE, TRUE);
  if (self->page_pool != NULL)
    g_thread_pool_free (self->page_pool, TRUE, TRUE);
  g_clear_object (&self->connection);
  g_clear_object (&self->page_connection);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (studio_row_loader_parent_class)->finalize (object);
}

static void
studio_row_loader_class_init (StudioRowLoaderClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = studio_row_loader_finalize;
}

static void
studio_row_loader_init (StudioRowLoader *self)
{
}

/**
 * studio_row_loader_new:
 * @store: the store to read (a connection of its own is opened from it)
 *
 * Returns: (transfer full): a new loader
 */
StudioRowLoader *
studio_row_loader_new (ReslibStore *store)
{
  StudioRowLoader *self;

  g_return_val_if_fail (RESLIB_IS_STORE (store), NULL);

  self = g_object_new (STUDIO_TYPE_ROW_LOADER, NULL);
  self->store = g_object_ref (store);

  return self;
}

/* Runs @load in its worker thread (the pages' for LOAD_PAGE and LOAD_COUNT, both quick), or fails @task when the connection cannot be
 * opened. */
static void
push (StudioRowLoader *self,
      GTask           *task,
      Load            *load)
{
  gboolean page = load->kind == LOAD_PAGE || load->kind == LOAD_COUNT;
  ReslibStore **connection = page ? &self->page_connection : &self->connection;
  GThreadPool **pool = page ? &self->page_pool : &self->pool;
  g_autoptr(GError) error = NULL;

  if (*connection == NULL)
    {
      *connection = reslib_store_reopen (self->store, &error);
      if (*connection == NULL)
        {
          load_free (load);
          g_task_return_error (task, g_steal_pointer (&error));
          g_object_unref (task);
          return;
        }
    }
  if (*pool == NULL)
    *pool = g_thread_pool_new (load_thread, NULL, 1, FALSE, NULL);

  load->connection = g_object_ref (*connection);
  g_task_set_task_data (task, load, (GDestroyNotify) load_free);
  g_thread_pool_push (*pool, task, NULL);
}

static GTask *
new_task (StudioRowLoader     *self,
          gpointer             source_tag,
          GCancellable        *cancellable,
          GAsyncReadyCallback  callback,
          gpointer             user_data)
{
  GTask *task = g_task_new (NULL, cancellable, callback, user_data);

  g_task_set_source_tag (task, source_tag);
  g_object_set_data (G_OBJECT (task), "loader", self);

  return task;
}

/**
 * studio_row_loader_load_async:
 * @project_id: the project whose resources to read
 *
 * Reads the project's #ReslibResourceRow, as reslib_store_list_resource_rows() does, in the
 * worker thread.
 */
void
studio_row_loader_load_async (StudioRowLoader     *self,
                              const char          *project_id,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  Load *load;

  g_return_if_fail (STUDIO_IS_ROW_LOADER (self));
  g_return_if_fail (project_id != NULL);

  load = g_new0 (Load, 1);
  load->kind = LOAD_ROWS;
  load->project_id = g_strdup (project_id);
  push (self, new_task (self, studio_row_loader_load_async, cancellable, callback, user_data), load);
}

/**
 * studio_row_loader_list_rowids_async:
 * @project_id: the project whose resources to list
 *
 * Reads the rowids of the project's rows in the list's order, as reslib_store_list_resource_rowids()
 * does, in the worker thread.
 */
void
studio_row_loader_list_rowids_async (StudioRowLoader     *self,
                                     const char          *project_id,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  studio_row_loader_list_rowids_where_async (self, project_id, NULL, cancellable, callback, user_data);
}

/**
 * studio_row_loader_list_rowids_where_async:
 * @project_id: the project whose resources to list
 * @query: (nullable): the filters and the order (copied)
 *
 * As studio_row_loader_list_rowids_async(), of the resources that pass the filters in their order, as
 * reslib_store_list_resource_rowids_where() reads them. Finished with studio_row_loader_list_rowids_finish().
 */
void
studio_row_loader_list_rowids_where_async (StudioRowLoader     *self,
                                           const char          *project_id,
                                           const ReslibResourceQuery *query,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data)
{
  Load *load;

  g_return_if_fail (STUDIO_IS_ROW_LOADER (self));
  g_return_if_fail (project_id != NULL);

  load = g_new0 (Load, 1);
  load->kind = LOAD_ROWIDS;
  load->project_id = g_strdup (project_id);
  if (query != NULL)
    {
      load->query = *query;
      load->query.type = g_strdup (query->type);
      load->query.state = g_strdup (query->state);
      load->query.course_id = g_strdup (query->course_id);
      load->query.ids = (const char * const *) g_strdupv ((char **) query->ids);
    }
  push (self, new_task (self, studio_row_loader_list_rowids_async, cancellable, callback, user_data), load);
}

/**
 * studio_row_loader_list_rowids_finish:
 *
 * Returns: (transfer full) (element-type gint64): the rowids, or %NULL with @error
 */
GArray *
studio_row_loader_list_rowids_finish (StudioRowLoader  *self,
                                      GAsyncResult     *result,
                                      GError          **error)
{
  g_return_val_if_fail (STUDIO_IS_ROW_LOADER (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == studio_row_loader_list_rowids_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * studio_row_loader_read_rows_async:
 * @rowids: (array length=n_rowids): the rowids of the rows to read
 *
 * Reads the rows of @rowids, as reslib_store_get_resource_rows() does, in the worker thread.
 */
void
studio_row_loader_read_rows_async (StudioRowLoader     *self,
                                   const gint64        *rowids,
                                   guint                n_rowids,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  Load *load;

  g_return_if_fail (STUDIO_IS_ROW_LOADER (self));
  g_return_if_fail (rowids != NULL || n_rowids == 0);

  load = g_new0 (Load, 1);
  load->kind = LOAD_PAGE;
  load->rowids = g_array_sized_new (FALSE, FALSE, sizeof (gint64), n_rowids);
  g_array_append_vals (load->rowids, rowids, n_rowids);
  push (self, new_task (self, studio_row_loader_read_rows_async, cancellable, callback, user_data), load);
}

/**
 * studio_row_loader_read_rows_finish:
 *
 * Returns: (transfer container) (element-type ReslibResourceRow): one item per rowid asked, %NULL for a
 *   resource no longer there; or %NULL with @error
 */
GPtrArray *
studio_row_loader_read_rows_finish (StudioRowLoader  *self,
                                    GAsyncResult     *result,
                                    GError          **error)
{
  g_return_val_if_fail (STUDIO_IS_ROW_LOADER (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == studio_row_loader_read_rows_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * studio_row_loader_count_async:
 * @project_id: the project whose resources to count
 *
 * Counts the project's resources, as reslib_store_count() does, in the pages' worker thread (a count does
 * not wait for all the rows of a long list to be read).
 */
void
studio_row_loader_count_async (StudioRowLoader     *self,
                               const char          *project_id,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  Load *load;

  g_return_if_fail (STUDIO_IS_ROW_LOADER (self));
  g_return_if_fail (project_id != NULL);

  load = g_new0 (Load, 1);
  load->kind = LOAD_COUNT;
  load->project_id = g_strdup (project_id);
  push (self, new_task (self, studio_row_loader_count_async, cancellable, callback, user_data), load);
}

/**
 * studio_row_loader_count_finish:
 *
 * Returns: how many resources the project has; 0 with @error when they could not be counted
 */
guint
studio_row_loader_count_finish (StudioRowLoader  *self,
                                GAsyncResult     *result,
                                GError          **error)
{
  gssize n;

  g_return_val_if_fail (STUDIO_IS_ROW_LOADER (self), 0);
  g_return_val_if_fail (g_task_is_valid (result, NULL), 0);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == studio_row_loader_count_async, 0);

  n = g_task_propagate_int (G_TASK (result), error);

  return n > 0 ? (guint) n : 0;
}

/**
 * studio_row_loader_load_finish:
 *
 * Returns: (transfer container) (element-type ReslibResourceRow): the rows, or %NULL with @error
 */
GPtrArray *
studio_row_loader_load_finish (StudioRowLoader  *self,
                               GAsyncResult     *result,
                               GError          **error)
{
  g_return_val_if_fail (STUDIO_IS_ROW_LOADER (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == studio_row_loader_load_async, NULL);
  g_return_val_if_fail (g_object_get_data (G_OBJECT (result), "loader") == self, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * _studio_row_loader_hold_rows:
 * @hold: whether reads of all the rows wait
 *
 * For tests: while held, every loader's reads of all a project's rows wait before they start (those of
 * rowids and pages do not), so what a page shows until its rows are read can be looked at.
 */
void
_studio_row_loader_hold_rows (gboolean hold)
{
  g_mutex_lock (&hold_mutex);
  hold_rows = hold;
  g_cond_broadcast (&hold_cond);
  g_mutex_unlock (&hold_mutex);
}
