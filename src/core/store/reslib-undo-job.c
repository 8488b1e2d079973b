/* reslib-undo-job.c — undoing a step as a job: a big step (a sheet of 20,000 rows imported, a course
 * deleted with its thousands of links) undone in a worker with its own connection, its progress
 * counted in the rows written back
 *
 * The undo is the one of reslib_store_undo(): one transaction, all or nothing. Cancelling the job
 * rolls it back; the step can then be undone again.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "reslib-undo-job.h"
#include "reslib-undo-step-private.h"

/* How often (in rows) a run reports its progress and looks whether it was cancelled. */
#define TICK_EVERY 256

struct _ReslibUndoRun
{
  ReslibJob    *job;
  GCancellable *cancellable;
  guint         done;
  guint         total;
};

struct _ReslibUndoJob
{
  ReslibJob       parent_instance;

  ReslibStore    *store;
  ReslibUndoStep *step;
  ReslibUndoStep *inverse;
};

G_DEFINE_FINAL_TYPE (ReslibUndoJob, reslib_undo_job, RESLIB_TYPE_JOB)

gboolean
_reslib_undo_run_tick (ReslibUndoRun  *run,
                       GError        **error)
{
  ReslibProgress progress = { .stage = "undoing", .eta = -1 };
  g_autofree char *message = NULL;

  if (run == NULL || ++run->done % TICK_EVERY != 0)
    return TRUE;
  if (g_cancellable_set_error_if_cancelled (run->cancellable, error))
    return FALSE;
  progress.files_done = MIN (run->done, run->total);
  progress.files_total = run->total;
  /* Translators: the progress of an undo, in rows of the store */
  message = g_strdup_printf (_("Undoing: %u of %u rows"), progress.files_done, run->total);
  reslib_job_report (run->job, &progress, message);

  return TRUE;
}

static gboolean
reslib_undo_job_run (ReslibJob     *job,
                     GCancellable  *cancellable,
                     GError       **error)
{
  ReslibUndoJob *self = RESLIB_UNDO_JOB (job);
  g_autoptr(ReslibStore) own = NULL;
  ReslibStore *store = self->store;
  ReslibUndoRun run = { job, cancellable, 0, _reslib_undo_step_count_rows (self->step) };
  ReslibUndoStep *inverse;

  g_clear_pointer (&self->inverse, reslib_undo_step_unref);
  if (reslib_job_in_worker (job))
    {
      own = reslib_store_reopen (self->store, error);
      if (own == NULL)
        return FALSE;
      reslib_store_set_actor (own, reslib_store_get_actor (self->store));
      store = own;
    }
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;

  inverse = _reslib_store_undo_run (store, self->step, &run, error);
  if (inverse == NULL)
    return FALSE;
  /* The worker's connection ends with the run; the inverse keeps deleted files through the store's. */
  _reslib_undo_step_set_holder (inverse, self->store);
  self->inverse = inverse;

  return TRUE;
}

static void
reslib_undo_job_finalize (GObject *object)
{
  ReslibUndoJob *self = RESLIB_UNDO_JOB (object);

  g_clear_object (&self->store);
  g_clear_pointer (&self->step, reslib_undo_step_unref);
  g_clear_pointer (&self->inverse, reslib_undo_step_unref);

  G_OBJECT_CLASS (reslib_undo_job_parent_class)->finalize (object);
}

static void
reslib_undo_job_class_init (ReslibUndoJobClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = reslib_undo_job_finalize;
  RESLIB_JOB_CLASS (klass)->run = reslib_undo_job_run;
}

static void
reslib_undo_job_init (ReslibUndoJob *self)
{
}

/**
 * reslib_undo_job_new:
 * @store: the store @step changed
 * @step: a step to undo
 *
 * A job that undoes @step like reslib_store_undo(), reporting how many rows it has written back.
 * Run it with reslib_job_run_async() to keep the caller's thread free: the worker uses a connection
 * of its own, and the store's listeners hear of the changes in the caller's thread. Only one undo
 * should run at a time; writes made meanwhile through other connections wait for it.
 *
 * Returns: (transfer full): the job
 */
ReslibUndoJob *
reslib_undo_job_new (ReslibStore    *store,
                     ReslibUndoStep *step)
{
  ReslibUndoJob *self;

  g_return_val_if_fail (RESLIB_IS_STORE (store), NULL);
  g_return_val_if_fail (step != NULL, NULL);

  self = g_object_new (RESLIB_TYPE_UNDO_JOB, NULL);
  self->store = g_object_ref (store);
  self->step = reslib_undo_step_ref (step);
  reslib_job_set_title (RESLIB_JOB (self), _("Undoing a change"));

  return self;
}

/**
 * reslib_undo_job_get_step:
 *
 * Returns: (transfer none): the step the job undoes
 */
ReslibUndoStep *
reslib_undo_job_get_step (ReslibUndoJob *self)
{
  g_return_val_if_fail (RESLIB_IS_UNDO_JOB (self), NULL);

  return self->step;
}

/**
 * reslib_undo_job_get_inverse:
 *
 * Returns: (transfer none) (nullable): after a run that undid the step: the step that undoes the
 *   undoing (for redo); %NULL before, or when the run failed (then nothing was changed)
 */
ReslibUndoStep *
reslib_undo_job_get_inverse (ReslibUndoJob *self)
{
  g_return_val_if_fail (RESLIB_IS_UNDO_JOB (self), NULL);

  return self->inverse;
}

/**
 * reslib_undo_step_get_n_rows:
 *
 * Returns: how many rows undoing @step (and the steps joined to it) writes back or deletes: what
 *   decides whether it is worth a job
 */
guint
reslib_undo_step_get_n_rows (ReslibUndoStep *step)
{
  g_return_val_if_fail (step != NULL, 0);

  return _reslib_undo_step_count_rows (step);
}
