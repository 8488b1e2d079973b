/* reslib-undo-job.h — undoing a step as a job (reslib-job.h): a big step undone in a worker
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "reslib-job.h"
#include "reslib-store.h"
#include "reslib-undo-step.h"

G_BEGIN_DECLS

#define RESLIB_TYPE_UNDO_JOB (reslib_undo_job_get_type ())
G_DECLARE_FINAL_TYPE (ReslibUndoJob, reslib_undo_job, RESLIB, UNDO_JOB, ReslibJob)

ReslibUndoJob  *reslib_undo_job_new         (ReslibStore    *store,
                                             ReslibUndoStep *step);
ReslibUndoStep *reslib_undo_job_get_step    (ReslibUndoJob  *self);
ReslibUndoStep *reslib_undo_job_get_inverse (ReslibUndoJob  *self);
guint           reslib_undo_step_get_n_rows (ReslibUndoStep *step);

G_END_DECLS
