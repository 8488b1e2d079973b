/* reslib-upload-run.c — one run of an upload: its progress, and its messages, never with the token in them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The tus client, the submission and the object all report through these: progress goes to the caller's
 * function at most ~10 times a second (in the main context that started an _async run), and every message
 * that may quote the server or the token is made safe to show and scrubbed of the token.
 */
#include "config.h"

#include <string.h>

#include "reslib-core.h"
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

/* Text from the server (or from curl, which may quote it), fit for a one-line message, a terminal and the
 * database: valid UTF-8, with control characters, invalid bytes and the characters that reorder text escaped
 * (\xNN, \uNNNN), and at most @max_chars characters. */
char *
_reslib_upload_server_text (const char *text,
                            gssize      len,
                            guint       max_chars)
{
  GString *out;
  const char *p;
  const char *end;
  guint chars = 0;

  if (text == NULL)
    return g_strdup ("");
  if (len < 0)
    len = (gssize) strlen (text);
  out = g_string_sized_new (MIN ((gsize) len, (gsize) max_chars) + 8);
  for (p = text, end = text + len; p < end && chars < max_chars; )
    {
      gunichar c = g_utf8_get_char_validated (p, end - p);
      gsize before = out->len;

      if (c == (gunichar) -1 || c == (gunichar) -2 || c == 0)
        {
          g_string_append_printf (out, "\\x%02x", (guchar) *p);
          p++;
        }
      else
        {
          if (c < 0x20 || (c >= 0x7f && c < 0xa0))
            g_string_append_printf (out, "\\x%02x", c);
          else if (c == 0x061c || c == 0x200e || c == 0x200f || (c >= 0x202a && c <= 0x202e) ||
                   (c >= 0x2066 && c <= 0x2069))
            g_string_append_printf (out, "\\u%04x", c);
          else
            {
              g_string_append_len (out, p, g_utf8_next_char (p) - p);
              before = out->len - 1;
            }
          p = g_utf8_next_char (p);
        }
      chars += (guint) (out->len - before);
    }
  if (p < end)
    g_string_append (out, "…");

  return g_string_free (out, FALSE);
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

typedef struct
{
  ReslibUpload         *self;
  ReslibUploadProgress  progress;
  char                 *last_error;
} ProgressEvent;

static gboolean
progress_event_dispatch (gpointer data)
{
  ProgressEvent *event = data;

  event->progress.last_error = event->last_error;
  if (event->self->progress_func != NULL)
    event->self->progress_func (&event->progress, event->self->progress_data);

  return G_SOURCE_REMOVE;
}

static void
progress_event_free (gpointer data)
{
  ProgressEvent *event = data;

  g_object_unref (event->self);
  g_free (event->last_error);
  g_free (event);
}

void
_reslib_upload_emit_progress (Run      *run,
                              gboolean  force)
{
  ReslibUpload *self = run->self;
  gint64 now = g_get_monotonic_time ();
  ReslibUploadProgress p = { 0, };
  guint64 done = run->offset + (run->sending ? run->body_done : 0);

  if (now - run->rate_time_us >= 500000 || run->rate_time_us == 0)
    {
      if (run->rate_time_us != 0 && run->state == RESLIB_UPLOAD_STATE_SENDING && done >= run->rate_bytes)
        {
          double instant = (double) (done - run->rate_bytes) * G_USEC_PER_SEC / (double) (now - run->rate_time_us);
          run->rate = run->rate > 0 ? 0.7 * run->rate + 0.3 * instant : instant;
        }
      run->rate_time_us = now;
      run->rate_bytes = done;
    }

  if (self->progress_func == NULL || (!force && now - run->last_emit_us < G_USEC_PER_SEC / 10))
    return;
  run->last_emit_us = now;

  p.state = run->state;
  p.bytes_done = MIN (run->state == RESLIB_UPLOAD_STATE_HASHING ? run->hashed : done, run->size);
  p.bytes_total = run->size;
  p.bytes_sent = self->bytes_sent + (run->sending ? run->body_done : 0);
  p.rate = run->rate;
  p.eta = run->rate > 1 ? (gint64) ((double) (run->size - p.bytes_done) / run->rate) : -1;
  p.retries = run->retries;
  p.last_error = run->last_error;

  if (run->context == NULL)
    self->progress_func (&p, self->progress_data);
  else
    {
      ProgressEvent *event = g_new0 (ProgressEvent, 1);

      event->self = g_object_ref (self);
      event->progress = p;
      event->last_error = g_strdup (run->last_error);
      reslib_main_context_post (run->context, progress_event_dispatch, event, progress_event_free);
    }
}

void
_reslib_upload_set_state (Run               *run,
                          ReslibUploadState  state)
{
  if (run->state == state)
    return;
  run->state = state;
  _reslib_upload_emit_progress (run, TRUE);
}
