/* studio-row-loader.c — reading a project's resource rows in a worker thread, on a connection of its own
 *
 * The Resources page shows 100,000 rows read in one query; the query runs in this worker's thread
 * on a connection reopened from the session's store (the first time rows are asked for), so the
 * window is drawn meanwhile. The reads run one after the other; one whose cancellable was
 * cancelled before it started is not run.
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
};

G_DEFINE_FINAL_TYPE (StudioRowLoader, studio_row_loader, G_TYPE_OBJECT)

typedef struct
{
  ReslibStore *connection;
  char        *project_id;
} Load;

static void
load_free (Load *load)
{
  g_object_unref (load->connection);
  g_free (load->project_id);
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

  if (g_task_return_error_if_cancelled (task))
    return;
  rows = reslib_store_list_resource_rows (load->connection, load->project_id, &error);
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
  g_clear_object (&self->connection);
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
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  Load *load;

  g_return_if_fail (STUDIO_IS_ROW_LOADER (self));
  g_return_if_fail (project_id != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, studio_row_loader_load_async);
  g_object_set_data (G_OBJECT (task), "loader", self);

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
    self->pool = g_thread_pool_new (load_thread, NULL, 1, FALSE, NULL);

  load = g_new0 (Load, 1);
  load->connection = g_object_ref (self->connection);
  load->project_id = g_strdup (project_id);
  g_task_set_task_data (task, load, (GDestroyNotify) load_free);
  g_thread_pool_push (self->pool, g_steal_pointer (&task), NULL);
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
