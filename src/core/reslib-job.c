/* reslib-job.c — long work as one kind of object: progress, cancel, run in the caller's thread or a worker's
 *
 * A job's work runs in one thread (the caller's, or a worker's with _async) and reports as often as it likes;
 * what it reports reaches the properties, the ::progress signal and the progress function at most ~10 times a
 * second, always in the thread that started the job: the caller of reslib_job_run(), or the thread-default
 * main context of the caller of reslib_job_run_async(). The last report of a run is always delivered, before
 * the run returns (sync) or its callback runs (async).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "reslib-job.h"

#define DELIVER_INTERVAL_US (100 * G_TIME_SPAN_MILLISECOND)

typedef struct
{
  char            *title;
  char            *message;
  double           fraction;
  gboolean         busy;
  GError          *error;

  GCancellable    *cancellable;      /* the job's own: cancelled by reslib_job_cancel() or the caller's */
  gulong           caller_handler;
  GCancellable    *caller_cancellable;

  GMainContext    *context;          /* where reports are delivered, while busy */
  GThread         *owner;            /* the thread that started the run */
  GThread         *worker;           /* the worker of an async run, while it runs */

  ReslibProgress   shown;            /* what was delivered last (strings owned) */

  GMutex           lock;             /* guards the pending report and the source below */
  ReslibProgress   pending;          /* strings owned */
  char            *pending_message;
  gboolean         has_pending;
  GSource         *deliver_source;
  gint64           last_delivered;   /* monotonic µs, in the owner thread */

  ReslibProgressFunc progress_func;
  gpointer           progress_data;
  GDestroyNotify     progress_destroy;
} ReslibJobPrivate;

G_DEFINE_ABSTRACT_TYPE_WITH_PRIVATE (ReslibJob, reslib_job, G_TYPE_OBJECT)

enum { PROP_0, PROP_TITLE, PROP_FRACTION, PROP_MESSAGE, PROP_BUSY, N_PROPS };
enum { SIGNAL_PROGRESS, N_SIGNALS };

static GParamSpec *properties[N_PROPS];
static guint       signals[N_SIGNALS];

static void
progress_clear (ReslibProgress *p)
{
  g_free ((char *) p->current);
  g_free ((char *) p->stage);
  g_free ((char *) p->last_error);
  *p = (ReslibProgress) { .eta = -1 };
}

static void
progress_copy (ReslibProgress       *dest,
               const ReslibProgress *src)
{
  progress_clear (dest);
  *dest = *src;
  dest->current = g_strdup (src->current);
  dest->stage = g_strdup (src->stage);
  dest->last_error = g_strdup (src->last_error);
}

static double
fraction_of (const ReslibProgress *p)
{
  if (p->bytes_total > 0)
    return MIN (1.0, (double) p->bytes_done / (double) p->bytes_total);
  if (p->files_total > 0)
    return MIN (1.0, (double) p->files_done / (double) p->files_total);
  return -1.0;
}

/* In the owner thread: shows the pending report, if any. */
static void
deliver_pending (ReslibJob *self)
{
  ReslibJobPrivate *priv = reslib_job_get_instance_private (self);
  g_autofree char *message = NULL;
  gboolean has;
  double fraction;

  g_mutex_lock (&priv->lock);
  has = priv->has_pending;
  if (has)
    {
      progress_clear (&priv->shown);
      priv->shown = priv->pending;
      priv->pending = (ReslibProgress) { .eta = -1 };
      message = g_steal_pointer (&priv->pending_message);
      priv->has_pending = FALSE;
    }
  g_mutex_unlock (&priv->lock);

  if (!has)
    return;

  priv->last_delivered = g_get_monotonic_time ();

  g_object_freeze_notify (G_OBJECT (self));
  fraction = fraction_of (&priv->shown);
  if (fraction != priv->fraction)
    {
      priv->fraction = fraction;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FRACTION]);
    }
  if (message != NULL && g_strcmp0 (message, priv->message) != 0)
    {
      g_free (priv->message);
      priv->message = g_steal_pointer (&message);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MESSAGE]);
    }
  g_object_thaw_notify (G_OBJECT (self));

  if (priv->progress_func != NULL)
    priv->progress_func (&priv->shown, priv->progress_data);
  g_signal_emit (self, signals[SIGNAL_PROGRESS], 0, &priv->shown);
}

static gboolean
deliver_cb (gpointer data)
{
  ReslibJob *self = data;
  ReslibJobPrivate *priv = reslib_job_get_instance_private (self);

  g_mutex_lock (&priv->lock);
  g_clear_pointer (&priv->deliver_source, g_source_unref);
  g_mutex_unlock (&priv->lock);

  deliver_pending (self);
  return G_SOURCE_REMOVE;
}

/**
 * reslib_job_report:
 * @progress: where the work stands
 * @message: (nullable): a sentence for the user on what is being done (translated), or %NULL to keep the last
 *
 * Called by a job's run from the thread it runs in. Reports may come as often as the work likes: they are
 * coalesced, and the latest is delivered at most ~10 times a second, and at the end of the run.
 */
void
reslib_job_report (ReslibJob            *self,
                   const ReslibProgress *progress,
                   const char           *message)
{
  ReslibJobPrivate *priv = reslib_job_get_instance_private (self);
  gint64 now;

  g_return_if_fail (RESLIB_IS_JOB (self));
  g_return_if_fail (progress != NULL);

  g_mutex_lock (&priv->lock);
  progress_copy (&priv->pending, progress);
  if (message != NULL)
    {
      g_free (priv->pending_message);
      priv->pending_message = g_strdup (message);
    }
  priv->has_pending = TRUE;

  if (g_thread_self () == priv->owner)
    {
      g_mutex_unlock (&priv->lock);
      /* A synchronous run: deliver here, no more often than the interval. */
      now = g_get_monotonic_time ();
      if (now - priv->last_delivered >= DELIVER_INTERVAL_US)
        deliver_pending (self);
      return;
    }

  if (priv->deliver_source == NULL && priv->context != NULL)
    {
      gint64 wait_ms = 0;

      now = g_get_monotonic_time ();
      if (now - priv->last_delivered < DELIVER_INTERVAL_US)
        wait_ms = (DELIVER_INTERVAL_US - (now - priv->last_delivered)) / 1000;
      priv->deliver_source = g_timeout_source_new ((guint) wait_ms);
      g_source_set_priority (priv->deliver_source, G_PRIORITY_DEFAULT);
      /* The job outlives the source: the run holds a reference until the source is flushed at its end. */
      g_source_set_callback (priv->deliver_source, deliver_cb, self, NULL);
      g_source_set_static_name (priv->deliver_source, "[reslib] job progress");
      g_source_attach (priv->deliver_source, priv->context);
    }
  g_mutex_unlock (&priv->lock);
}

/* In the owner thread, when the work has ended: the last report is shown, nothing stays queued. */
static void
flush_reports (ReslibJob *self)
{
  ReslibJobPrivate *priv = reslib_job_get_instance_private (self);
  GSource *source;

  g_mutex_lock (&priv->lock);
  source = g_steal_pointer (&priv->deliver_source);
  g_mutex_unlock (&priv->lock);
  if (source != NULL)
    {
      g_source_destroy (source);
      g_source_unref (source);
    }
  deliver_pending (self);
}

static void
on_caller_cancelled (GCancellable *caller,
                     gpointer      data)
{
  g_cancellable_cancel (G_CANCELLABLE (data));
}

static void
begin_run (ReslibJob    *self,
           GCancellable *cancellable)
{
  ReslibJobPrivate *priv = reslib_job_get_instance_private (self);

  g_clear_error (&priv->error);
  g_clear_object (&priv->cancellable);
  priv->cancellable = g_cancellable_new ();
  if (cancellable != NULL)
    {
      priv->caller_cancellable = g_object_ref (cancellable);
      priv->caller_handler = g_cancellable_connect (cancellable, G_CALLBACK (on_caller_cancelled),
                                                    g_object_ref (priv->cancellable), g_object_unref);
    }
  priv->context = g_main_context_ref_thread_default ();
  priv->owner = g_thread_self ();
  priv->last_delivered = 0;
  priv->busy = TRUE;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

static void
end_run (ReslibJob    *self,
         const GError *error)
{
  ReslibJobPrivate *priv = reslib_job_get_instance_private (self);

  flush_reports (self);
  if (priv->caller_cancellable != NULL)
    {
      g_cancellable_disconnect (priv->caller_cancellable, priv->caller_handler);
      priv->caller_handler = 0;
      g_clear_object (&priv->caller_cancellable);
    }
  g_clear_pointer (&priv->context, g_main_context_unref);
  priv->owner = NULL;
  if (error != NULL)
    priv->error = g_error_copy (error);
  priv->busy = FALSE;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

/**
 * reslib_job_run:
 * @cancellable: (nullable): cancels the run, as reslib_job_cancel() does
 *
 * Does the work in the calling thread; progress is delivered in this thread too.
 *
 * Returns: whether the work was done; the subclass's getters tell its results
 */
gboolean
reslib_job_run (ReslibJob     *self,
                GCancellable  *cancellable,
                GError       **error)
{
  ReslibJobPrivate *priv = reslib_job_get_instance_private (self);
  g_autoptr(GError) local_error = NULL;
  g_autoptr(ReslibJob) hold = NULL;
  gboolean ok;

  g_return_val_if_fail (RESLIB_IS_JOB (self), FALSE);
  g_return_val_if_fail (!priv->busy, FALSE);
  g_return_val_if_fail (RESLIB_JOB_GET_CLASS (self)->run != NULL, FALSE);

  hold = g_object_ref (self);
  begin_run (self, cancellable);
  ok = RESLIB_JOB_GET_CLASS (self)->run (self, priv->cancellable, &local_error);
  g_assert (ok == (local_error == NULL));
  end_run (self, local_error);
  if (!ok)
    g_propagate_error (error, g_steal_pointer (&local_error));
  return ok;
}

static void
run_in_worker (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  ReslibJob *self = task_data;
  ReslibJobPrivate *priv = reslib_job_get_instance_private (self);
  g_autoptr(GError) error = NULL;
  gboolean ok;

  g_mutex_lock (&priv->lock);
  priv->worker = g_thread_self ();
  g_mutex_unlock (&priv->lock);

  ok = RESLIB_JOB_GET_CLASS (self)->run (self, priv->cancellable, &error);

  g_mutex_lock (&priv->lock);
  priv->worker = NULL;
  g_mutex_unlock (&priv->lock);

  if (ok)
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, g_steal_pointer (&error));
}

/* In the caller's context: the worker ended. The last report is shown, `busy` drops, then the caller hears. */
static void
worker_done (GObject      *source,
             GAsyncResult *result,
             gpointer      data)
{
  g_autoptr(GTask) outer = data;
  ReslibJob *self = RESLIB_JOB (g_task_get_source_object (outer));
  g_autoptr(GError) error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      end_run (self, error);
      g_task_return_error (outer, g_steal_pointer (&error));
      return;
    }
  end_run (self, NULL);
  g_task_return_boolean (outer, TRUE);
}

/**
 * reslib_job_run_async:
 * @cancellable: (nullable): cancels the run, as reslib_job_cancel() does
 *
 * Does the work in a worker thread. Progress, the properties' notifications and @callback come in the
 * thread-default main context of the caller.
 */
void
reslib_job_run_async (ReslibJob           *self,
                      GCancellable        *cancellable,
                      GAsyncReadyCallback  callback,
                      gpointer             user_data)
{
  ReslibJobPrivate *priv = reslib_job_get_instance_private (self);
  g_autoptr(GTask) outer = NULL;
  g_autoptr(GTask) inner = NULL;

  g_return_if_fail (RESLIB_IS_JOB (self));
  g_return_if_fail (!priv->busy);
  g_return_if_fail (RESLIB_JOB_GET_CLASS (self)->run != NULL);

  outer = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (outer, reslib_job_run_async);
  g_task_set_check_cancellable (outer, FALSE);

  begin_run (self, cancellable);
  /* The worker's task holds no reference to the job: the worker thread may drop its task after the
   * callback has run, and the job's last reference must go in the caller's thread, not in the worker
   * (its handlers' destroy notifies run on finalize). `outer` keeps the job alive until worker_done(). */
  inner = g_task_new (NULL, NULL, worker_done, g_steal_pointer (&outer));
  g_task_set_task_data (inner, self, NULL);
  g_task_set_source_tag (inner, run_in_worker);
  g_task_run_in_thread (inner, run_in_worker);
}

/**
 * reslib_job_run_finish:
 * @result: the result given to the callback of reslib_job_run_async()
 *
 * Returns: %TRUE when the run succeeded; %FALSE with @error set otherwise (%G_IO_ERROR_CANCELLED when it
 *   was cancelled)
 */
gboolean
reslib_job_run_finish (ReslibJob     *self,
                       GAsyncResult  *result,
                       GError       **error)
{
  g_return_val_if_fail (RESLIB_IS_JOB (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == reslib_job_run_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * reslib_job_cancel:
 *
 * Cancels the run in progress, if any: it ends soon with %G_IO_ERROR_CANCELLED (or, for an upload, pauses).
 */
void
reslib_job_cancel (ReslibJob *self)
{
  ReslibJobPrivate *priv = reslib_job_get_instance_private (self);

  g_return_if_fail (RESLIB_IS_JOB (self));

  if (priv->busy && priv->cancellable != NULL)
    g_cancellable_cancel (priv->cancellable);
}

/**
 * reslib_job_in_worker:
 *
 * Returns: whether the calling thread is the worker of an async run of @self (where a job that uses the
 *   store opens a connection of its own)
 */
gboolean
reslib_job_in_worker (ReslibJob *self)
{
  ReslibJobPrivate *priv = reslib_job_get_instance_private (self);
  gboolean in_worker;

  g_return_val_if_fail (RESLIB_IS_JOB (self), FALSE);

  g_mutex_lock (&priv->lock);
  in_worker = priv->worker != NULL && priv->worker == g_thread_self ();
  g_mutex_unlock (&priv->lock);
  return in_worker;
}

/**
 * reslib_job_get_title:
 *
 * Returns: (transfer none) (nullable): what the job does, in a few words for a list of running work (translated)
 */
const char *
reslib_job_get_title (ReslibJob *self)
{
  ReslibJobPrivate *priv = reslib_job_get_instance_private (self);

  g_return_val_if_fail (RESLIB_IS_JOB (self), NULL);
  return priv->title;
}

/**
 * reslib_job_set_title:
 * @title: (nullable): what the job does, in a few words (translated)
 *
 * Sets the job's title, for a list of running work.
 */
void
reslib_job_set_title (ReslibJob  *self,
                      const char *title)
{
  ReslibJobPrivate *priv = reslib_job_get_instance_private (self);

  g_return_if_fail (RESLIB_IS_JOB (self));

  if (g_strcmp0 (priv->title, title) == 0)
    return;
  g_free (priv->title);
  priv->title = g_strdup (title);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
}

/**
 * reslib_job_get_fraction:
 *
 * Returns: how much of the work is done, from 0 to 1, or -1 when the job cannot tell
 */
double
reslib_job_get_fraction (ReslibJob *self)
{
  ReslibJobPrivate *priv = reslib_job_get_instance_private (self);

  g_return_val_if_fail (RESLIB_IS_JOB (self), -1.0);
  return priv->fraction;
}

/**
 * reslib_job_get_message:
 *
 * Returns: (transfer none) (nullable): the last sentence the job gave on what it is doing
 */
const char *
reslib_job_get_message (ReslibJob *self)
{
  ReslibJobPrivate *priv = reslib_job_get_instance_private (self);

  g_return_val_if_fail (RESLIB_IS_JOB (self), NULL);
  return priv->message;
}

/**
 * reslib_job_get_busy:
 *
 * Returns: whether a run is in progress
 */
gboolean
reslib_job_get_busy (ReslibJob *self)
{
  ReslibJobPrivate *priv = reslib_job_get_instance_private (self);

  g_return_val_if_fail (RESLIB_IS_JOB (self), FALSE);
  return priv->busy;
}

/**
 * reslib_job_get_progress:
 *
 * Returns: (transfer none): the last progress delivered (zero before the first)
 */
const ReslibProgress *
reslib_job_get_progress (ReslibJob *self)
{
  ReslibJobPrivate *priv = reslib_job_get_instance_private (self);

  g_return_val_if_fail (RESLIB_IS_JOB (self), NULL);
  return &priv->shown;
}

/**
 * reslib_job_get_error:
 *
 * Returns: (transfer none) (nullable): why the last run failed, or %NULL
 */
const GError *
reslib_job_get_error (ReslibJob *self)
{
  ReslibJobPrivate *priv = reslib_job_get_instance_private (self);

  g_return_val_if_fail (RESLIB_IS_JOB (self), NULL);
  return priv->error;
}

/**
 * reslib_job_set_progress_func:
 * @func: (nullable): called with each delivered report, where the properties are notified
 *
 * For callers without signals at hand (the CLI prints progress with it).
 */
void
reslib_job_set_progress_func (ReslibJob          *self,
                              ReslibProgressFunc  func,
                              gpointer            user_data,
                              GDestroyNotify      destroy)
{
  ReslibJobPrivate *priv = reslib_job_get_instance_private (self);

  g_return_if_fail (RESLIB_IS_JOB (self));

  if (priv->progress_destroy != NULL)
    priv->progress_destroy (priv->progress_data);
  priv->progress_func = func;
  priv->progress_data = user_data;
  priv->progress_destroy = destroy;
}

static void
reslib_job_finalize (GObject *object)
{
  ReslibJob *self = RESLIB_JOB (object);
  ReslibJobPrivate *priv = reslib_job_get_instance_private (self);

  g_assert (priv->deliver_source == NULL);
  if (priv->progress_destroy != NULL)
    priv->progress_destroy (priv->progress_data);
  progress_clear (&priv->shown);
  progress_clear (&priv->pending);
  g_free (priv->pending_message);
  g_free (priv->title);
  g_free (priv->message);
  g_clear_error (&priv->error);
  g_clear_object (&priv->cancellable);
  g_mutex_clear (&priv->lock);

  G_OBJECT_CLASS (reslib_job_parent_class)->finalize (object);
}

static void
reslib_job_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  ReslibJob *self = RESLIB_JOB (object);
  ReslibJobPrivate *priv = reslib_job_get_instance_private (self);

  switch (prop_id)
    {
    case PROP_TITLE:
      g_value_set_string (value, priv->title);
      break;
    case PROP_FRACTION:
      g_value_set_double (value, priv->fraction);
      break;
    case PROP_MESSAGE:
      g_value_set_string (value, priv->message);
      break;
    case PROP_BUSY:
      g_value_set_boolean (value, priv->busy);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
reslib_job_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  switch (prop_id)
    {
    case PROP_TITLE:
      reslib_job_set_title (RESLIB_JOB (object), g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
reslib_job_class_init (ReslibJobClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = reslib_job_finalize;
  object_class->get_property = reslib_job_get_property;
  object_class->set_property = reslib_job_set_property;

  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_FRACTION] =
    g_param_spec_double ("fraction", NULL, NULL, -1.0, 1.0, -1.0,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_MESSAGE] =
    g_param_spec_string ("message", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * ReslibJob::progress:
   * @progress: (type gpointer): the `ReslibProgress` delivered, valid during the emission
   *
   * Emitted with each delivered report, after the properties are notified.
   */
  signals[SIGNAL_PROGRESS] =
    g_signal_new ("progress", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_POINTER);
}

static void
reslib_job_init (ReslibJob *self)
{
  ReslibJobPrivate *priv = reslib_job_get_instance_private (self);

  g_mutex_init (&priv->lock);
  priv->fraction = -1.0;
  priv->shown.eta = -1;
  priv->pending.eta = -1;
}
