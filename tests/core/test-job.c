/* test-job.c — ReslibJob: where progress is delivered, how often, cancel, errors, results after either run
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "reslib-core.h"

/* A job that counts to n_steps, reporting at each step, sleeping step_us between steps. */
#define TEST_TYPE_COUNT_JOB (test_count_job_get_type ())
G_DECLARE_FINAL_TYPE (TestCountJob, test_count_job, TEST, COUNT_JOB, ReslibJob)

struct _TestCountJob
{
  ReslibJob  parent_instance;
  guint      n_steps;
  guint      step_us;
  guint      fail_at;          /* 0: never */
  guint      result;           /* steps done */
  GThread   *ran_in;
  gboolean   was_in_worker;
};

G_DEFINE_FINAL_TYPE (TestCountJob, test_count_job, RESLIB_TYPE_JOB)

static gboolean
test_count_job_run (ReslibJob     *job,
                    GCancellable  *cancellable,
                    GError       **error)
{
  TestCountJob *self = TEST_COUNT_JOB (job);

  self->ran_in = g_thread_self ();
  self->was_in_worker = reslib_job_in_worker (job);
  self->result = 0;
  for (guint i = 1; i <= self->n_steps; i++)
    {
      g_autofree char *current = g_strdup_printf ("item %u", i);
      ReslibProgress p = { .files_done = i, .files_total = self->n_steps, .current = current, .eta = -1 };

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
      if (i == self->fail_at)
        {
          g_set_error (error, RESLIB_ERROR, RESLIB_ERROR_INVALID, "step %u failed", i);
          return FALSE;
        }
      if (self->step_us > 0)
        g_usleep (self->step_us);
      self->result = i;
      reslib_job_report (job, &p, current);
    }
  return TRUE;
}

static void
test_count_job_class_init (TestCountJobClass *klass)
{
  RESLIB_JOB_CLASS (klass)->run = test_count_job_run;
}

static void
test_count_job_init (TestCountJob *self)
{
}

static TestCountJob *
count_job_new (guint n_steps,
               guint step_us)
{
  TestCountJob *job = g_object_new (TEST_TYPE_COUNT_JOB, "title", "counting", NULL);

  job->n_steps = n_steps;
  job->step_us = step_us;
  return job;
}

typedef struct
{
  GThread   *main_thread;
  guint      n_progress;
  guint      n_wrong_thread;
  guint      last_files_done;
  guint      n_busy_true;
  guint      n_busy_false;
  gboolean   busy_when_done;
  guint      files_done_when_done;
  gboolean   done;
  gboolean   ok;
  GError    *error;
} Watch;

static void
on_progress (ReslibJob            *job,
             const ReslibProgress *progress,
             gpointer              data)
{
  Watch *w = data;

  w->n_progress++;
  if (g_thread_self () != w->main_thread)
    w->n_wrong_thread++;
  g_assert_cmpuint (progress->files_done, >=, w->last_files_done);
  w->last_files_done = progress->files_done;
}

static void
on_busy (ReslibJob  *job,
         GParamSpec *pspec,
         gpointer    data)
{
  Watch *w = data;

  if (g_thread_self () != w->main_thread)
    w->n_wrong_thread++;
  if (reslib_job_get_busy (job))
    w->n_busy_true++;
  else
    w->n_busy_false++;
}

static void
watch (Watch     *w,
       ReslibJob *job)
{
  w->main_thread = g_thread_self ();
  g_signal_connect (job, "progress", G_CALLBACK (on_progress), w);
  g_signal_connect (job, "notify::busy", G_CALLBACK (on_busy), w);
}

static void
on_done (GObject      *source,
         GAsyncResult *result,
         gpointer      data)
{
  Watch *w = data;
  ReslibJob *job = RESLIB_JOB (source);

  w->busy_when_done = reslib_job_get_busy (job);
  w->files_done_when_done = reslib_job_get_progress (job)->files_done;
  w->ok = reslib_job_run_finish (job, result, &w->error);
  w->done = TRUE;
}

static void
wait_done (Watch *w)
{
  while (!w->done)
    g_main_context_iteration (NULL, TRUE);
}

/* A synchronous run works in the caller's thread and delivers there, no more than ~10 times a second, the
 * last report always. */
static void
test_job_sync (void)
{
  g_autoptr(TestCountJob) job = count_job_new (5000, 0);
  g_autoptr(GError) error = NULL;
  Watch w = { 0 };
  gint64 start = g_get_monotonic_time ();
  gint64 elapsed_ms;

  watch (&w, RESLIB_JOB (job));
  g_assert_true (reslib_job_run (RESLIB_JOB (job), NULL, &error));
  elapsed_ms = (g_get_monotonic_time () - start) / 1000;
  g_assert_no_error (error);

  g_assert_true (job->ran_in == g_thread_self ());
  g_assert_false (job->was_in_worker);
  g_assert_cmpuint (job->result, ==, 5000);
  g_assert_cmpuint (w.n_wrong_thread, ==, 0);
  /* 5,000 reports: the first and the last are delivered, and one per 100 ms in between. */
  g_assert_cmpuint (w.n_progress, >=, 1);
  g_assert_cmpuint (w.n_progress, <=, elapsed_ms / 100 + 2);
  g_assert_cmpuint (w.last_files_done, ==, 5000);
  g_assert_cmpfloat (reslib_job_get_fraction (RESLIB_JOB (job)), ==, 1.0);
  g_assert_cmpstr (reslib_job_get_message (RESLIB_JOB (job)), ==, "item 5000");
  g_assert_cmpuint (w.n_busy_true, ==, 1);
  g_assert_cmpuint (w.n_busy_false, ==, 1);
  g_assert_false (reslib_job_get_busy (RESLIB_JOB (job)));
  g_assert_null (reslib_job_get_error (RESLIB_JOB (job)));
}

/* An async run works in a worker; everything the caller sees comes in the caller's context, the last report
 * and `busy` = FALSE before the callback. */
static void
test_job_async (void)
{
  g_autoptr(TestCountJob) job = count_job_new (60, 5000);   /* ~0.3 s */
  Watch w = { 0 };
  gint64 start = g_get_monotonic_time ();
  gint64 elapsed_ms;

  watch (&w, RESLIB_JOB (job));
  reslib_job_run_async (RESLIB_JOB (job), NULL, on_done, &w);
  g_assert_true (reslib_job_get_busy (RESLIB_JOB (job)));
  wait_done (&w);
  elapsed_ms = (g_get_monotonic_time () - start) / 1000;

  g_assert_no_error (w.error);
  g_assert_true (w.ok);
  g_assert_true (job->ran_in != g_thread_self ());
  g_assert_true (job->was_in_worker);
  g_assert_false (reslib_job_in_worker (RESLIB_JOB (job)));
  g_assert_cmpuint (job->result, ==, 60);
  g_assert_cmpuint (w.n_wrong_thread, ==, 0);
  g_assert_false (w.busy_when_done);
  g_assert_cmpuint (w.files_done_when_done, ==, 60);
  g_assert_cmpuint (w.last_files_done, ==, 60);
  /* 60 reports over at least 0.3 s: several delivered while it ran, at most one per 100 ms plus the last. */
  g_assert_cmpuint (w.n_progress, >=, 2);
  g_assert_cmpuint (w.n_progress, <, 60);
  g_assert_cmpuint (w.n_progress, <=, elapsed_ms / 100 + 2);
  g_assert_cmpuint (w.n_busy_true, ==, 1);
  g_assert_cmpuint (w.n_busy_false, ==, 1);
  g_clear_error (&w.error);
}

static gboolean
cancel_soon (gpointer data)
{
  reslib_job_cancel (RESLIB_JOB (data));
  return G_SOURCE_REMOVE;
}

/* reslib_job_cancel() and the caller's cancellable both end the run with G_IO_ERROR_CANCELLED; the job can
 * run again afterwards. */
static void
test_job_cancel (void)
{
  g_autoptr(TestCountJob) job = count_job_new (1000, 2000);   /* 2 s if not cancelled */
  g_autoptr(GCancellable) caller = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  Watch w = { 0 };

  watch (&w, RESLIB_JOB (job));
  g_timeout_add (50, cancel_soon, job);
  reslib_job_run_async (RESLIB_JOB (job), NULL, on_done, &w);
  wait_done (&w);
  g_assert_error (w.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_false (w.ok);
  g_assert_cmpuint (job->result, <, 1000);
  g_assert_error (reslib_job_get_error (RESLIB_JOB (job)), G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&w.error);

  /* Again, cancelled by the caller's cancellable, before it starts. */
  w.last_files_done = 0;
  g_cancellable_cancel (caller);
  g_assert_false (reslib_job_run (RESLIB_JOB (job), caller, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (job->result, ==, 0);
  g_clear_error (&error);

  /* And it runs to the end when nobody cancels. */
  w.last_files_done = 0;
  job->step_us = 0;
  g_assert_true (reslib_job_run (RESLIB_JOB (job), NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (job->result, ==, 1000);
  g_assert_null (reslib_job_get_error (RESLIB_JOB (job)));
}

/* A failing run gives its error to the caller and keeps it for a list of jobs; the reports before the
 * failure were delivered. */
static void
test_job_error (void)
{
  g_autoptr(TestCountJob) job = count_job_new (100, 0);
  Watch w = { 0 };

  job->fail_at = 40;
  watch (&w, RESLIB_JOB (job));
  reslib_job_run_async (RESLIB_JOB (job), NULL, on_done, &w);
  wait_done (&w);
  g_assert_error (w.error, RESLIB_ERROR, RESLIB_ERROR_INVALID);
  g_assert_cmpstr (reslib_job_get_error (RESLIB_JOB (job))->message, ==, "step 40 failed");
  g_assert_cmpuint (w.last_files_done, ==, 39);
  g_assert_false (reslib_job_get_busy (RESLIB_JOB (job)));
  g_clear_error (&w.error);
}

/* The job may be dropped by the caller while it runs: the run keeps it alive until its callback. */
static void
test_job_dropped_while_running (void)
{
  TestCountJob *job = count_job_new (20, 2000);
  GWeakRef ref;
  Watch w = { 0 };

  g_weak_ref_init (&ref, job);
  reslib_job_run_async (RESLIB_JOB (job), NULL, on_done, &w);
  g_object_unref (job);
  wait_done (&w);
  g_assert_true (w.ok);
  {
    g_autoptr(GObject) still = g_weak_ref_get (&ref);
    g_assert_null (still);
  }
  g_weak_ref_clear (&ref);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  reslib_core_init ();

  g_test_add_func ("/job/sync", test_job_sync);
  g_test_add_func ("/job/async", test_job_async);
  g_test_add_func ("/job/cancel", test_job_cancel);
  g_test_add_func ("/job/error", test_job_error);
  g_test_add_func ("/job/dropped-while-running", test_job_dropped_while_running);

  return g_test_run ();
}
