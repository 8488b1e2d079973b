/* reslib-usage-import.c — the usage statistics file read, checked and imported (or only checked) as a job
 *
 * The file is read and checked row by row (reslib-usage-csv.c); a file with a bad row is refused as a whole
 * with the rows named. A dry run counts what would be added and replaced and writes nothing; a real run
 * writes every period in one transaction and keeps the step that undoes it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "reslib-store-usage.h"
#include "reslib-usage-import.h"

struct _ReslibUsageImport
{
  ReslibJob       parent_instance;

  ReslibStore    *store;
  char           *project_id;
  char           *path;
  gboolean        dry_run;
  guint           n_added;
  guint           n_replaced;
  ReslibUndoStep *undo;
};

G_DEFINE_FINAL_TYPE (ReslibUsageImport, reslib_usage_import, RESLIB_TYPE_JOB)

static void
reslib_usage_import_finalize (GObject *object)
{
  ReslibUsageImport *self = RESLIB_USAGE_IMPORT (object);

  g_clear_object (&self->store);
  g_free (self->project_id);
  g_free (self->path);
  g_clear_pointer (&self->undo, reslib_undo_step_unref);

  G_OBJECT_CLASS (reslib_usage_import_parent_class)->finalize (object);
}

static gboolean
reslib_usage_import_run (ReslibJob     *job,
                         GCancellable  *cancellable,
                         GError       **error)
{
  ReslibUsageImport *self = RESLIB_USAGE_IMPORT (job);
  g_autoptr(ReslibStore) own = NULL;
  g_autoptr(GPtrArray) periods = NULL;
  g_autofree char *name = g_filename_display_basename (self->path);
  ReslibStore *store = self->store;
  ReslibProgress progress = { .files_total = 1, .current = name, .stage = "reading", .eta = -1 };

  /* In a worker, through a connection of its own, so the caller's thread keeps using its store */
  if (reslib_job_in_worker (job))
    {
      own = reslib_store_reopen (self->store, error);
      if (own == NULL)
        return FALSE;
      reslib_store_set_actor (own, reslib_store_get_actor (self->store));
      store = own;
    }
  reslib_job_report (job, &progress, NULL);
  periods = reslib_usage_csv_read (self->path, error);
  if (periods == NULL || g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;
  if (self->dry_run)
    {
      if (!reslib_store_import_usage (store, self->project_id, periods, name, TRUE, &self->n_added,
                                      &self->n_replaced, error))
        return FALSE;
    }
  else
    {
      g_clear_pointer (&self->undo, reslib_undo_step_unref);
      self->undo = reslib_store_import_usage_undoable (store, self->project_id, periods, name, &self->n_added,
                                                       &self->n_replaced, error);
      if (self->undo == NULL)
        return FALSE;
    }
  progress.files_done = 1;
  reslib_job_report (job, &progress, NULL);

  return TRUE;
}

static void
reslib_usage_import_class_init (ReslibUsageImportClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = reslib_usage_import_finalize;
  RESLIB_JOB_CLASS (klass)->run = reslib_usage_import_run;
}

static void
reslib_usage_import_init (ReslibUsageImport *self)
{
}

/**
 * reslib_usage_import_new:
 * @store: the store
 * @project_id: the project the statistics are of
 * @path: the file the platform exported (data/profiles/usage-csv.md)
 * @dry_run: check the file and count what would change, writing nothing
 *
 * A job that imports the usage statistics of @path into the project: all periods or none; a period the
 * store has (the same start and end) is replaced. Run it with reslib_job_run() or reslib_job_run_async().
 *
 * Returns: (transfer full): the job
 */
ReslibUsageImport *
reslib_usage_import_new (ReslibStore *store,
                         const char  *project_id,
                         const char  *path,
                         gboolean     dry_run)
{
  ReslibUsageImport *self;

  g_return_val_if_fail (RESLIB_IS_STORE (store), NULL);
  g_return_val_if_fail (project_id != NULL && path != NULL, NULL);

  self = g_object_new (RESLIB_TYPE_USAGE_IMPORT, "title",
                       dry_run ? _("Checking usage statistics") : _("Importing usage statistics"), NULL);
  self->store = g_object_ref (store);
  self->project_id = g_strdup (project_id);
  self->path = g_strdup (path);
  self->dry_run = dry_run;

  return self;
}

/**
 * reslib_usage_import_get_n_added:
 *
 * Returns: after a successful run, the periods the store did not have (that a dry run would add)
 */
guint
reslib_usage_import_get_n_added (ReslibUsageImport *self)
{
  g_return_val_if_fail (RESLIB_IS_USAGE_IMPORT (self), 0);
  return self->n_added;
}

/**
 * reslib_usage_import_get_n_replaced:
 *
 * Returns: after a successful run, the periods whose figures were replaced (that a dry run would replace)
 */
guint
reslib_usage_import_get_n_replaced (ReslibUsageImport *self)
{
  g_return_val_if_fail (RESLIB_IS_USAGE_IMPORT (self), 0);
  return self->n_replaced;
}

/**
 * reslib_usage_import_get_undo_step:
 *
 * Returns: (transfer none) (nullable): after a successful run that was no dry run, the step that undoes it
 *   (reslib_store_undo())
 */
ReslibUndoStep *
reslib_usage_import_get_undo_step (ReslibUsageImport *self)
{
  g_return_val_if_fail (RESLIB_IS_USAGE_IMPORT (self), NULL);
  return self->undo;
}
