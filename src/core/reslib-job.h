/* reslib-job.h — long work (import, pack, package import, upload, probe, check, report) as one kind of object
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/**
 * ReslibProgress:
 * @bytes_done: bytes of the work done so far
 * @bytes_total: bytes of all the work, or 0 when unknown
 * @files_done: files or records done so far
 * @files_total: files or records in all, or 0 when unknown
 * @current: (nullable): the display name of the item being worked on
 * @stage: (nullable): a word naming the step the job is in (for example "hashing", "sending", "waiting"),
 *   chosen by each kind of job and documented with it
 * @bytes_sent: bytes sent over the network in this run, counting those sent again (uploads only)
 * @rate: bytes per second, smoothed, or 0 when unknown
 * @eta: seconds left, or -1 when unknown
 * @retries: retries since the last progress (uploads only)
 * @last_error: (nullable): why the last attempt failed, while the job waits to try again
 *
 * The one progress type of every job. Strings are only valid during the call they are passed to.
 */
typedef struct
{
  guint64     bytes_done;
  guint64     bytes_total;
  guint       files_done;
  guint       files_total;
  const char *current;
  const char *stage;
  guint64     bytes_sent;
  double      rate;
  gint64      eta;
  guint       retries;
  const char *last_error;
} ReslibProgress;

/* Called at most ~10 times a second. In the synchronous call it runs in the calling thread; with _async it
 * runs in the thread-default main context of the caller of _async, never in a worker. */
typedef void (*ReslibProgressFunc) (const ReslibProgress *progress,
                                    gpointer              user_data);

#define RESLIB_TYPE_JOB (reslib_job_get_type ())
G_DECLARE_DERIVABLE_TYPE (ReslibJob, reslib_job, RESLIB, JOB, GObject)

/**
 * ReslibJobClass:
 * @run: does the work, in the thread it is called in: the caller's for reslib_job_run(), a worker's for
 *   reslib_job_run_async() (reslib_job_in_worker() tells which, for a job that needs a store connection of
 *   its own there). Reports with reslib_job_report(); keeps its results in the instance, for getters.
 */
struct _ReslibJobClass
{
  GObjectClass parent_class;

  gboolean (*run) (ReslibJob     *self,
                   GCancellable  *cancellable,
                   GError       **error);

  gpointer padding[8];
};

gboolean              reslib_job_run             (ReslibJob            *self,
                                                  GCancellable         *cancellable,
                                                  GError              **error);
void                  reslib_job_run_async       (ReslibJob            *self,
                                                  GCancellable         *cancellable,
                                                  GAsyncReadyCallback   callback,
                                                  gpointer              user_data);
gboolean              reslib_job_run_finish      (ReslibJob            *self,
                                                  GAsyncResult         *result,
                                                  GError              **error);
void                  reslib_job_cancel          (ReslibJob            *self);

const char           *reslib_job_get_title       (ReslibJob            *self);
void                  reslib_job_set_title       (ReslibJob            *self,
                                                  const char           *title);
double                reslib_job_get_fraction    (ReslibJob            *self);
const char           *reslib_job_get_message     (ReslibJob            *self);
gboolean              reslib_job_get_busy        (ReslibJob            *self);
const ReslibProgress *reslib_job_get_progress    (ReslibJob            *self);
const GError         *reslib_job_get_error       (ReslibJob            *self);
void                  reslib_job_set_progress_func (ReslibJob          *self,
                                                  ReslibProgressFunc    func,
                                                  gpointer              user_data,
                                                  GDestroyNotify        destroy);

/* For subclasses, from the thread that runs ReslibJobClass.run. */
void                  reslib_job_report          (ReslibJob            *self,
                                                  const ReslibProgress *progress,
                                                  const char           *message);
gboolean              reslib_job_in_worker       (ReslibJob            *self);

G_END_DECLS
