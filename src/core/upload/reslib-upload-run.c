/* reslib-upload-run.c — one run of an upload: its progress, and its messages, never with the token in them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The tus client, the submission and the object all report through these: progress goes to the job (which
 * shows it in the thread that started the run), and every message that may quote the server or the token is
 * made safe to show (reslib_escape_text_len()) and scrubbed of the token.
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "reslib-job.h"
#include "reslib-upload-private.h"

/* ---------------------------------------------------------------------------------------------- */
/* Messages: never with the token in them                                                          */

char *
_reslib_upload_scrub (const char *text,
                      const char *token)
{
  g_autoptr(GString) out = g_string_new (text);

  if (token != NULL && *token != '\0')
    g_string_replace (out, token, "***", 0);

  return g_string_free (g_steal_pointer (&out), FALSE);
}

void
_reslib_upload_set_error (Run        *run,
                          GError    **error,
                          GQuark      domain,
                          int         code,
                          const char *format,
                          ...)
{
  g_autofree char *text = NULL;
  g_autofree char *clean = NULL;
  va_list args;

  va_start (args, format);
  text = g_strdup_vprintf (format, args);
  va_end (args);
  clean = _reslib_upload_scrub (text, run->self->token);
  g_set_error_literal (error, domain, code, clean);
}

/* ---------------------------------------------------------------------------------------------- */
/* Progress                                                                                        */

static const char * const stage_names[] = {
  [UPLOAD_STAGE_NONE] = NULL,
  [UPLOAD_STAGE_HASHING] = "hashing",
  [UPLOAD_STAGE_PREPARING] = "preparing",
  [UPLOAD_STAGE_CONNECTING] = "connecting",
  [UPLOAD_STAGE_SENDING] = "sending",
  [UPLOAD_STAGE_WAITING] = "waiting",
  [UPLOAD_STAGE_DONE] = "done",
};

/* The job's message: what the run does, in a few words; while it waits, which retry comes in how long. */
static char *
stage_message (Run    *run,
               gint64  now)
{
  switch (run->stage)
    {
    case UPLOAD_STAGE_HASHING:
      return g_strdup (_("Reading the package"));
    case UPLOAD_STAGE_PREPARING:
      return g_strdup (_("Preparing the package"));
    case UPLOAD_STAGE_CONNECTING:
      return g_strdup (_("Connecting to the server"));
    case UPLOAD_STAGE_SENDING:
      return g_strdup (_("Sending the package"));
    case UPLOAD_STAGE_WAITING:
      {
        guint seconds = (guint) ((MAX (run->wait_until_us - now, 0) + G_USEC_PER_SEC - 1) / G_USEC_PER_SEC);

        if (seconds >= 120)
          /* Translators: an upload waits before its next try: the number of the try, then minutes */
          return g_strdup_printf (_("Retrying (%u) in %u min…"), run->retries, (seconds + 59) / 60);
        /* Translators: an upload waits before its next try: the number of the try, then seconds */
        return g_strdup_printf (_("Retrying (%u) in %u s…"), run->retries, seconds);
      }
    case UPLOAD_STAGE_DONE:
      return g_strdup (_("Package uploaded"));
    case UPLOAD_STAGE_NONE:
    default:
      return NULL;
    }
}

/* Reports where the run stands to the job, which shows it at most ~10 times a second in the thread that
 * started it. Unforced calls come with every chunk curl reads and every MiB hashed: they are let through
 * ten times a second, so that the job is not asked for more than it shows. */
void
_reslib_upload_emit_progress (Run      *run,
                              gboolean  force)
{
  ReslibUpload *self = run->self;
  gint64 now = g_get_monotonic_time ();
  ReslibProgress p = { 0, };
  guint64 done = run->offset + (run->sending ? run->body_done : 0);
  g_autofree char *message = NULL;

  if (now - run->rate_time_us >= 500000 || run->rate_time_us == 0)
    {
      if (run->rate_time_us != 0 && run->stage == UPLOAD_STAGE_SENDING && done >= run->rate_bytes)
        {
          double instant = (double) (done - run->rate_bytes) * G_USEC_PER_SEC / (double) (now - run->rate_time_us);
          run->rate = run->rate > 0 ? 0.7 * run->rate + 0.3 * instant : instant;
        }
      run->rate_time_us = now;
      run->rate_bytes = done;
    }

  if (!run->reports || (!force && now - run->last_emit_us < G_USEC_PER_SEC / 10))
    return;
  run->last_emit_us = now;

  p.stage = stage_names[run->stage];
  p.bytes_done = MIN (run->stage == UPLOAD_STAGE_HASHING ? run->hashed : done, run->size);
  p.bytes_total = run->size;
  p.bytes_sent = self->bytes_sent + (run->sending ? run->body_done : 0);
  p.rate = run->rate;
  p.eta = run->rate > 1 ? (gint64) ((double) (run->size - p.bytes_done) / run->rate) : -1;
  p.retries = run->retries;
  p.last_error = run->last_error;

  message = stage_message (run, now);
  reslib_job_report (RESLIB_JOB (self), &p, message);
}

void
_reslib_upload_set_stage (Run         *run,
                          UploadStage  stage)
{
  if (run->stage == stage)
    return;
  run->stage = stage;
  _reslib_upload_emit_progress (run, TRUE);
}
