/* reslib-upload.c — resumable upload of a package to the provincial endpoint (tus 1.0 over HTTPS)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The protocol (DESIGN §6, formats.md §2a): OPTIONS checks Tus-Version and Tus-Max-Size; POST creates the
 * upload, whose URL goes into the submissions row at once; PATCH sends the package in chunks from the server's
 * offset, recording each confirmed offset; after any failure HEAD asks the server where it stands. The token
 * lives only in this object's memory and in the request headers: messages are scrubbed of it.
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <curl/curl.h>
#include <json-glib/json-glib.h>
#include <errno.h>
#include <fcntl.h>
#include <openssl/evp.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "reslib-error.h"
#include "reslib-core.h"
#include "reslib-store-package.h"
#include "reslib-upload.h"

/* libcurl checks the type of every curl_easy_setopt() and curl_easy_getinfo() argument with warnings
 * raised from its own header, which GCC silences as a system header's: let them through. */
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic warning "-Wsystem-headers"
#endif

/* ---------------------------------------------------------------------------------------------- */
/* libcurl                                                                                         */

static gpointer
curl_init_once (gpointer data)
{
  curl_global_init (CURL_GLOBAL_DEFAULT);
  return NULL;
}

/* curl_global_init() once, before the first handle: curl_easy_init() would do it too, but not in a
 * thread-safe way on every libcurl. */
static void
curl_init (void)
{
  static GOnce once = G_ONCE_INIT;

  g_once (&once, curl_init_once, NULL);
}

G_DEFINE_QUARK (reslib-upload-error-quark, reslib_upload_error)

struct _ReslibUpload
{
  GObject                   parent_instance;

  ReslibStore              *store;
  char                     *package_path;
  char                     *endpoint;
  char                     *token;
  char                     *ca_file;
  char                     *project_id;
  char                     *kind;
  char                     *bag_name;
  char                     *submission_id;
  guint64                   chunk_size;
  guint64                   max_send_speed;
  guint                     max_retries;
  guint                     first_delay_ms;
  guint                     max_delay_ms;
  guint                     low_speed_limit;
  guint                     low_speed_time;
  ReslibUploadProgressFunc  progress_func;
  gpointer                  progress_data;
  GDestroyNotify            progress_destroy;

  /* What the last run found */
  char                     *sha256;
  char                     *upload_url;
  guint64                   bytes_sent;
  gboolean                  was_complete;
  gboolean                  running;
};

G_DEFINE_FINAL_TYPE (ReslibUpload, reslib_upload, G_TYPE_OBJECT)

/* One HTTP exchange */
typedef struct
{
  CURLcode  code;
  long      status;
  char      errbuf[CURL_ERROR_SIZE];
  char     *location;
  char     *tus_version;
  char     *tus_extension;
  char     *tus_max_size;
  char     *tus_checksum_algorithm;
  char     *upload_offset;
  char     *upload_length;
  char     *upload_expires;
  char     *retry_after;
  GString  *body;
  guint64   body_bytes;     /* of the answer's body, of which only the start is kept */
  gboolean  other_origin;   /* not sent: the URL is not on the endpoint's origin */
} Response;

typedef enum
{
  OUTCOME_OK,
  OUTCOME_RETRY,      /* transient: wait, then ask the server where it stands */
  OUTCOME_GONE,       /* the upload no longer exists: start a new one */
  OUTCOME_CONFLICT,   /* the offset was wrong: HEAD again */
  OUTCOME_FATAL,      /* @error is set */
} Outcome;

/* One run of the upload, in one thread */
typedef struct
{
  ReslibUpload      *self;
  ReslibStore       *store;
  GCancellable      *cancellable;
  GMainContext      *context;       /* where progress goes in an _async run; NULL: call directly */
  CURL              *curl;
  int                fd;
  guint64            size;
  struct timespec    mtime;         /* of the package when it was hashed */
  char              *submission_id;
  char              *upload_url;
  char              *origin;        /* of the endpoint: "scheme://host:port"; no request goes elsewhere */
  guint              created;       /* new uploads (POST) made in this run */
  guint64            offset;        /* the server's confirmed offset */
  guint64            high_water;    /* the highest offset the server confirmed in this run */
  guint64            hashed;        /* bytes of the package read for its digest so far */
  gboolean           checksum;      /* the server advertised the checksum extension */
  const char        *checksum_algorithm;

  /* The body of the PATCH in flight */
  guint64            body_offset;
  guint64            body_length;
  guint64            body_done;
  gboolean           sending;

  /* Progress */
  ReslibUploadState  state;
  guint              retries;
  char              *last_error;
  char              *retry_after;   /* of the last reply that is retried */
  gint64             last_emit_us;
  gint64             rate_time_us;
  guint64            rate_bytes;
  double             rate;
} Run;

static void
response_clear (Response *resp)
{
  g_clear_pointer (&resp->location, g_free);
  g_clear_pointer (&resp->tus_version, g_free);
  g_clear_pointer (&resp->tus_extension, g_free);
  g_clear_pointer (&resp->tus_max_size, g_free);
  g_clear_pointer (&resp->tus_checksum_algorithm, g_free);
  g_clear_pointer (&resp->upload_offset, g_free);
  g_clear_pointer (&resp->upload_length, g_free);
  g_clear_pointer (&resp->upload_expires, g_free);
  g_clear_pointer (&resp->retry_after, g_free);
  if (resp->body != NULL)
    g_string_free (resp->body, TRUE);
  memset (resp, 0, sizeof *resp);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Response, response_clear)

static void
reslib_upload_finalize (GObject *object)
{
  ReslibUpload *self = RESLIB_UPLOAD (object);

  if (self->progress_destroy != NULL)
    self->progress_destroy (self->progress_data);
  if (self->token != NULL)
    {
      explicit_bzero (self->token, strlen (self->token));
      g_free (self->token);
    }
  g_clear_object (&self->store);
  g_free (self->package_path);
  g_free (self->endpoint);
  g_free (self->ca_file);
  g_free (self->project_id);
  g_free (self->kind);
  g_free (self->bag_name);
  g_free (self->submission_id);
  g_free (self->sha256);
  g_free (self->upload_url);

  G_OBJECT_CLASS (reslib_upload_parent_class)->finalize (object);
}

static void
reslib_upload_class_init (ReslibUploadClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = reslib_upload_finalize;
}

static void
reslib_upload_init (ReslibUpload *self)
{
  self->chunk_size = RESLIB_UPLOAD_DEFAULT_CHUNK_SIZE;
  self->max_retries = 10;
  self->first_delay_ms = 1000;
  self->max_delay_ms = 60000;
  self->low_speed_limit = 1024;
  self->low_speed_time = 60;
}

ReslibUpload *
reslib_upload_new (ReslibStore *store,
                   const char  *package_path,
                   const char  *endpoint)
{
  ReslibUpload *self;

  g_return_val_if_fail (RESLIB_IS_STORE (store), NULL);
  g_return_val_if_fail (package_path != NULL, NULL);

  self = g_object_new (RESLIB_TYPE_UPLOAD, NULL);
  self->store = g_object_ref (store);
  self->package_path = g_canonicalize_filename (package_path, NULL);
  self->endpoint = g_strdup (endpoint);

  return self;
}

void
reslib_upload_set_token (ReslibUpload *self,
                         const char   *token)
{
  g_return_if_fail (RESLIB_IS_UPLOAD (self));

  if (self->token != NULL)
    explicit_bzero (self->token, strlen (self->token));
  g_free (self->token);
  self->token = g_strdup (token);
}

#define STRING_SETTER(name, member)                      \
  void                                                   \
  reslib_upload_set_##name (ReslibUpload *self,          \
                            const char   *value)         \
  {                                                      \
    g_return_if_fail (RESLIB_IS_UPLOAD (self));          \
    g_free (self->member);                               \
    self->member = g_strdup (value);                     \
  }

STRING_SETTER (ca_file, ca_file)
STRING_SETTER (project, project_id)
STRING_SETTER (kind, kind)
STRING_SETTER (bag_name, bag_name)
STRING_SETTER (submission_id, submission_id)

void
reslib_upload_set_chunk_size (ReslibUpload *self,
                              guint64       chunk_size)
{
  g_return_if_fail (RESLIB_IS_UPLOAD (self));
  self->chunk_size = chunk_size > 0 ? MAX (chunk_size, RESLIB_UPLOAD_MIN_CHUNK_SIZE) : RESLIB_UPLOAD_DEFAULT_CHUNK_SIZE;
}

void
reslib_upload_set_max_send_speed (ReslibUpload *self,
                                  guint64       bytes_per_second)
{
  g_return_if_fail (RESLIB_IS_UPLOAD (self));
  self->max_send_speed = bytes_per_second;
}

void
reslib_upload_set_retries (ReslibUpload *self,
                           guint         max_retries,
                           guint         first_delay_ms,
                           guint         max_delay_ms)
{
  g_return_if_fail (RESLIB_IS_UPLOAD (self));
  self->max_retries = max_retries;
  self->first_delay_ms = first_delay_ms;
  self->max_delay_ms = MAX (max_delay_ms, first_delay_ms);
}

void
reslib_upload_set_low_speed (ReslibUpload *self,
                             guint         bytes_per_second,
                             guint         seconds)
{
  g_return_if_fail (RESLIB_IS_UPLOAD (self));
  self->low_speed_limit = bytes_per_second;
  self->low_speed_time = seconds;
}

void
reslib_upload_set_progress_func (ReslibUpload             *self,
                                 ReslibUploadProgressFunc  func,
                                 gpointer                  user_data,
                                 GDestroyNotify            destroy)
{
  g_return_if_fail (RESLIB_IS_UPLOAD (self));

  if (self->progress_destroy != NULL)
    self->progress_destroy (self->progress_data);
  self->progress_func = func;
  self->progress_data = user_data;
  self->progress_destroy = destroy;
}

const char *
reslib_upload_get_submission_id (ReslibUpload *self)
{
  g_return_val_if_fail (RESLIB_IS_UPLOAD (self), NULL);
  return self->submission_id;
}

const char *
reslib_upload_get_sha256 (ReslibUpload *self)
{
  g_return_val_if_fail (RESLIB_IS_UPLOAD (self), NULL);
  return self->sha256;
}

const char *
reslib_upload_get_upload_url (ReslibUpload *self)
{
  g_return_val_if_fail (RESLIB_IS_UPLOAD (self), NULL);
  return self->upload_url;
}

guint64
reslib_upload_get_bytes_sent (ReslibUpload *self)
{
  g_return_val_if_fail (RESLIB_IS_UPLOAD (self), 0);
  return self->bytes_sent;
}

gboolean
reslib_upload_get_was_complete (ReslibUpload *self)
{
  g_return_val_if_fail (RESLIB_IS_UPLOAD (self), FALSE);
  return self->was_complete;
}

/* ---------------------------------------------------------------------------------------------- */
/* Messages: never with the token in them                                                          */

static char *
scrub (const char *text,
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
static char *
server_text (const char *text,
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

gboolean
reslib_upload_check_token (const char  *token,
                           GError     **error)
{
  if (token == NULL || *token == '\0')
    {
      g_set_error_literal (error, RESLIB_ERROR, RESLIB_ERROR_INVALID, _("The token is empty: give the token"));
      return FALSE;
    }
  for (const char *p = token; *p != '\0'; p++)
    if ((guchar) *p < 0x21 || (guchar) *p > 0x7e)
      {
        g_set_error_literal (error, RESLIB_ERROR, RESLIB_ERROR_INVALID,
                             _("The token holds a line break, a space or another character a token cannot have: "
                               "copy the token again, without them"));
        return FALSE;
      }

  return TRUE;
}

static void
set_error (Run        *run,
           GError    **error,
           GQuark      domain,
           int         code,
           const char *format,
           ...) G_GNUC_PRINTF (5, 6);

static void
set_error (Run        *run,
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
  clean = scrub (text, run->self->token);
  g_set_error_literal (error, domain, code, clean);
}

/* ---------------------------------------------------------------------------------------------- */
/* URLs                                                                                            */

/* The longest URL taken from a server (Location) */
#define MAX_URL_LENGTH 2048

/* Plain http (to this machine only) is for tests, which say so in the environment; the CLI and the app never
 * set it. */
static gboolean
plain_http_allowed (void)
{
  return g_strcmp0 (g_getenv ("RESLIB_TEST_PLAIN_HTTP"), "1") == 0;
}

/* "scheme://host:port" of @url, in lower case and with the scheme's default port; NULL when it is not an
 * absolute URL. Two URLs of one origin may get the token; any difference (http and https, another host name
 * for the same address, another port) is another origin. */
static char *
url_origin (const char *url)
{
  CURLU *u;
  char *scheme = NULL;
  char *host = NULL;
  char *port = NULL;
  char *origin = NULL;

  if (url == NULL)
    return NULL;
  u = curl_url ();
  if (curl_url_set (u, CURLUPART_URL, url, 0) == CURLUE_OK &&
      curl_url_get (u, CURLUPART_SCHEME, &scheme, 0) == CURLUE_OK &&
      curl_url_get (u, CURLUPART_HOST, &host, 0) == CURLUE_OK &&
      curl_url_get (u, CURLUPART_PORT, &port, CURLU_DEFAULT_PORT) == CURLUE_OK)
    {
      g_autofree char *text = g_strdup_printf ("%s://%s:%s", scheme, host, port);

      origin = g_ascii_strdown (text, -1);
    }
  curl_free (scheme);
  curl_free (host);
  curl_free (port);
  curl_url_cleanup (u);

  return origin;
}

/* HTTPS only; plain HTTP only to this machine, and only in tests. */
static gboolean
check_url (const char  *url,
           GError     **error)
{
  CURLU *u = curl_url ();
  char *scheme = NULL;
  char *host = NULL;
  gboolean ok = FALSE;

  if (curl_url_set (u, CURLUPART_URL, url, 0) != CURLUE_OK ||
      curl_url_get (u, CURLUPART_SCHEME, &scheme, 0) != CURLUE_OK ||
      curl_url_get (u, CURLUPART_HOST, &host, 0) != CURLUE_OK)
    {
      g_autofree char *shown = server_text (url, -1, 200);

      g_set_error (error, RESLIB_ERROR, RESLIB_ERROR_INVALID, _("“%s” is not a valid URL"), shown);
    }
  else if (g_ascii_strcasecmp (scheme, "https") == 0)
    ok = TRUE;
  else if (g_ascii_strcasecmp (scheme, "http") == 0 &&
           (strcmp (host, "127.0.0.1") == 0 || g_ascii_strcasecmp (host, "localhost") == 0 ||
            strcmp (host, "[::1]") == 0) &&
           plain_http_allowed ())
    ok = TRUE;
  else
    {
      g_autofree char *shown = server_text (url, -1, 200);

      g_set_error (error, RESLIB_ERROR, RESLIB_ERROR_INVALID,
                   _("Refusing to upload to “%s”: only https:// addresses are allowed"), shown);
    }
  curl_free (scheme);
  curl_free (host);
  curl_url_cleanup (u);

  return ok;
}

/**
 * reslib_upload_check_endpoint:
 * @url: the endpoint as the user gave it
 * @error: where the reason goes
 *
 * The rule of check_url(), with GLib's URI parser, for callers that have not loaded libcurl (the
 * preferences): https:// only; plain http only to this machine and only behind the tests' switch.
 *
 * Returns: whether @url may be used as an endpoint
 */
gboolean
reslib_upload_check_endpoint (const char  *url,
                              GError     **error)
{
  g_autoptr(GUri) uri = NULL;
  const char *scheme;
  const char *host;

  g_return_val_if_fail (url != NULL, FALSE);

  uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);
  scheme = uri != NULL ? g_uri_get_scheme (uri) : NULL;
  host = uri != NULL ? g_uri_get_host (uri) : NULL;
  if (uri == NULL || host == NULL || *host == '\0' ||
      (g_ascii_strcasecmp (scheme, "https") != 0 && g_ascii_strcasecmp (scheme, "http") != 0))
    {
      g_autofree char *shown = server_text (url, -1, 200);

      g_set_error (error, RESLIB_ERROR, RESLIB_ERROR_INVALID,
                   _("“%s” is not a web address: enter one like https://example.edu.cn/files"), shown);
      return FALSE;
    }
  if (g_ascii_strcasecmp (scheme, "http") == 0 &&
      !((strcmp (host, "127.0.0.1") == 0 || g_ascii_strcasecmp (host, "localhost") == 0 ||
         strcmp (host, "::1") == 0) && plain_http_allowed ()))
    {
      g_autofree char *shown = server_text (url, -1, 200);

      g_set_error (error, RESLIB_ERROR, RESLIB_ERROR_INVALID,
                   _("“%s” is not encrypted: use an https:// address"), shown);
      return FALSE;
    }

  return TRUE;
}

/* Resolves a Location header (absolute or relative) against the URL it answered. */
static char *
resolve_url (const char *base,
             const char *location)
{
  CURLU *u = curl_url ();
  char *resolved = NULL;
  char *result = NULL;

  if (curl_url_set (u, CURLUPART_URL, base, 0) == CURLUE_OK &&
      curl_url_set (u, CURLUPART_URL, location, 0) == CURLUE_OK &&
      curl_url_get (u, CURLUPART_URL, &resolved, 0) == CURLUE_OK)
    result = g_strdup (resolved);
  curl_free (resolved);
  curl_url_cleanup (u);

  return result;
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

static void
emit_progress (Run      *run,
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

static void
set_state (Run               *run,
           ReslibUploadState  state)
{
  if (run->state == state)
    return;
  run->state = state;
  emit_progress (run, TRUE);
}

/* ---------------------------------------------------------------------------------------------- */
/* HTTP                                                                                            */

static size_t
header_cb (char   *buffer,
           size_t  size,
           size_t  nitems,
           void   *user_data)
{
  Response *resp = user_data;
  size_t len = size * nitems;
  g_autofree char *line = g_strndup (buffer, len);
  char *colon = strchr (line, ':');
  char **slot = NULL;

  /* A new response (after 100 Continue, say): forget the earlier headers. */
  if (g_str_has_prefix (line, "HTTP/"))
    {
      GString *body = resp->body;
      CURLcode code = resp->code;

      resp->body = NULL;
      response_clear (resp);
      resp->body = body;
      resp->code = code;
      return len;
    }
  if (colon == NULL)
    return len;
  *colon = '\0';

  if (g_ascii_strcasecmp (line, "Location") == 0)
    slot = &resp->location;
  else if (g_ascii_strcasecmp (line, "Tus-Version") == 0)
    slot = &resp->tus_version;
  else if (g_ascii_strcasecmp (line, "Tus-Extension") == 0)
    slot = &resp->tus_extension;
  else if (g_ascii_strcasecmp (line, "Tus-Max-Size") == 0)
    slot = &resp->tus_max_size;
  else if (g_ascii_strcasecmp (line, "Tus-Checksum-Algorithm") == 0)
    slot = &resp->tus_checksum_algorithm;
  else if (g_ascii_strcasecmp (line, "Upload-Offset") == 0)
    slot = &resp->upload_offset;
  else if (g_ascii_strcasecmp (line, "Upload-Length") == 0)
    slot = &resp->upload_length;
  else if (g_ascii_strcasecmp (line, "Upload-Expires") == 0)
    slot = &resp->upload_expires;
  else if (g_ascii_strcasecmp (line, "Retry-After") == 0)
    slot = &resp->retry_after;

  if (slot != NULL)
    {
      g_free (*slot);
      *slot = g_strstrip (g_strdup (colon + 1));
    }

  return len;
}

/* The longest answer body read */
#define MAX_BODY_BYTES (1024 * 1024)

static size_t
write_cb (char   *ptr,
          size_t  size,
          size_t  nmemb,
          void   *user_data)
{
  Response *resp = user_data;
  size_t len = size * nmemb;

  /* Keep the start of an error body for the message; drop the rest. An answer that does not end is cut
   * (a failed attempt, retried or not like any other). */
  resp->body_bytes += len;
  if (resp->body_bytes > MAX_BODY_BYTES)
    return 0;
  if (resp->body == NULL)
    resp->body = g_string_new (NULL);
  if (resp->body->len < 512)
    g_string_append_len (resp->body, ptr, MIN (len, 512 - resp->body->len));

  return len;
}

static size_t
read_cb (char   *buffer,
         size_t  size,
         size_t  nitems,
         void   *user_data)
{
  Run *run = user_data;
  size_t want = MIN ((guint64) size * nitems, run->body_length - run->body_done);
  ssize_t n;

  if (want == 0)
    return 0;
  do
    n = pread (run->fd, buffer, want, (off_t) (run->body_offset + run->body_done));
  while (n < 0 && errno == EINTR);
  if (n <= 0)
    return CURL_READFUNC_ABORT;
  run->body_done += (guint64) n;

  return (size_t) n;
}

static int
xferinfo_cb (void       *user_data,
             curl_off_t  dltotal,
             curl_off_t  dlnow,
             curl_off_t  ultotal,
             curl_off_t  ulnow)
{
  Run *run = user_data;

  if (g_cancellable_is_cancelled (run->cancellable))
    return 1;
  if (run->sending)
    emit_progress (run, FALSE);

  return 0;
}

/* Runs one request. @body_length > 0 sends that many bytes of the package from @body_offset. */
static void
request (Run                *run,
         const char         *method,
         const char         *url,
         const char * const *headers,
         guint64             body_offset,
         guint64             body_length,
         Response           *resp)
{
  ReslibUpload *self = run->self;
  struct curl_slist *list = NULL;
  CURL *curl = run->curl;
  g_autofree char *origin = url_origin (url);

  response_clear (resp);
  resp->body = g_string_new (NULL);

  /* The token and the package go to the endpoint's own origin, or nowhere. */
  if (run->origin == NULL || g_strcmp0 (origin, run->origin) != 0)
    {
      resp->other_origin = TRUE;
      return;
    }

  if (strcmp (method, "OPTIONS") != 0)
    list = curl_slist_append (list, "Tus-Resumable: 1.0.0");
  if (self->token != NULL && *self->token != '\0')
    {
      g_autofree char *auth = g_strconcat ("Authorization: Bearer ", self->token, NULL);

      list = curl_slist_append (list, auth);
      explicit_bzero (auth, strlen (auth));
    }
  for (guint i = 0; headers != NULL && headers[i] != NULL; i++)
    list = curl_slist_append (list, headers[i]);

  curl_easy_reset (curl);
  curl_easy_setopt (curl, CURLOPT_URL, url);
  /* https, or the plain http a test asked for (the origin was checked by check_url); no redirect is
   * followed, and none could take the token along. */
  curl_easy_setopt (curl, CURLOPT_PROTOCOLS_STR, g_str_has_prefix (run->origin, "http:") ? "http" : "https");
  curl_easy_setopt (curl, CURLOPT_REDIR_PROTOCOLS_STR, "https");
  curl_easy_setopt (curl, CURLOPT_FOLLOWLOCATION, 0L);
  curl_easy_setopt (curl, CURLOPT_MAXREDIRS, 0L);
  curl_easy_setopt (curl, CURLOPT_UNRESTRICTED_AUTH, 0L);
  curl_easy_setopt (curl, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt (curl, CURLOPT_SSL_VERIFYPEER, 1L);
  curl_easy_setopt (curl, CURLOPT_SSL_VERIFYHOST, 2L);
  if (self->ca_file != NULL)
    curl_easy_setopt (curl, CURLOPT_CAINFO, self->ca_file);
  curl_easy_setopt (curl, CURLOPT_HTTPHEADER, list);
  curl_easy_setopt (curl, CURLOPT_USERAGENT, "ResLib-Studio/" PACKAGE_VERSION);
  curl_easy_setopt (curl, CURLOPT_ERRORBUFFER, resp->errbuf);
  curl_easy_setopt (curl, CURLOPT_HEADERFUNCTION, header_cb);
  curl_easy_setopt (curl, CURLOPT_HEADERDATA, resp);
  curl_easy_setopt (curl, CURLOPT_WRITEFUNCTION, write_cb);
  curl_easy_setopt (curl, CURLOPT_WRITEDATA, resp);
  curl_easy_setopt (curl, CURLOPT_NOPROGRESS, 0L);
  curl_easy_setopt (curl, CURLOPT_XFERINFOFUNCTION, xferinfo_cb);
  curl_easy_setopt (curl, CURLOPT_XFERINFODATA, run);
  curl_easy_setopt (curl, CURLOPT_CONNECTTIMEOUT, 30L);
  curl_easy_setopt (curl, CURLOPT_TCP_KEEPALIVE, 1L);
  if (self->low_speed_limit > 0 && self->low_speed_time > 0)
    {
      curl_easy_setopt (curl, CURLOPT_LOW_SPEED_LIMIT, (long) self->low_speed_limit);
      curl_easy_setopt (curl, CURLOPT_LOW_SPEED_TIME, (long) self->low_speed_time);
    }

  if (strcmp (method, "HEAD") == 0)
    curl_easy_setopt (curl, CURLOPT_NOBODY, 1L);
  else if (strcmp (method, "POST") == 0)
    {
      curl_easy_setopt (curl, CURLOPT_POST, 1L);
      curl_easy_setopt (curl, CURLOPT_POSTFIELDS, "");
      curl_easy_setopt (curl, CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t) 0);
    }
  else if (strcmp (method, "PATCH") == 0)
    {
      curl_easy_setopt (curl, CURLOPT_UPLOAD, 1L);
      curl_easy_setopt (curl, CURLOPT_CUSTOMREQUEST, "PATCH");
      curl_easy_setopt (curl, CURLOPT_READFUNCTION, read_cb);
      curl_easy_setopt (curl, CURLOPT_READDATA, run);
      curl_easy_setopt (curl, CURLOPT_INFILESIZE_LARGE, (curl_off_t) body_length);
      curl_easy_setopt (curl, CURLOPT_UPLOAD_BUFFERSIZE, 512L * 1024);
      if (self->max_send_speed > 0)
        curl_easy_setopt (curl, CURLOPT_MAX_SEND_SPEED_LARGE, (curl_off_t) self->max_send_speed);
    }
  else
    curl_easy_setopt (curl, CURLOPT_CUSTOMREQUEST, method);
  if (body_length == 0)
    curl_easy_setopt (curl, CURLOPT_TIMEOUT, 120L);

  run->body_offset = body_offset;
  run->body_length = body_length;
  run->body_done = 0;
  run->sending = body_length > 0;

  g_debug ("%s %s", method, url);
  resp->code = curl_easy_perform (curl);
  curl_easy_getinfo (curl, CURLINFO_RESPONSE_CODE, &resp->status);
  g_debug ("%s %s -> %d %ld", method, url, resp->code, resp->status);

  if (run->sending)
    self->bytes_sent += run->body_done;
  run->sending = FALSE;

  /* No copy of the header with the token stays in memory. */
  for (struct curl_slist *l = list; l != NULL; l = l->next)
    if (g_str_has_prefix (l->data, "Authorization:"))
      explicit_bzero (l->data, strlen (l->data));
  curl_slist_free_all (list);
  curl_easy_setopt (curl, CURLOPT_HTTPHEADER, NULL);
}

/* The start of the body's first line, for messages. */
static char *
body_excerpt (Response *resp)
{
  g_autofree char *text = NULL;
  gsize len;

  if (resp->body == NULL || resp->body->len == 0)
    return g_strdup ("");
  len = strcspn (resp->body->str, "\r\n");
  text = server_text (resp->body->str, (gssize) MIN (len, resp->body->len), 160);
  g_strstrip (text);
  if (*text == '\0')
    return g_strdup ("");

  /* Translators: the server's own words, added after an HTTP status inside brackets: "(HTTP 401: “Bad token”)" */
  return g_strdup_printf (_(": “%s”"), text);
}

/* What curl says went wrong, fit for a message. */
static char *
curl_message (Response *resp)
{
  return server_text (*resp->errbuf ? resp->errbuf : curl_easy_strerror (resp->code), -1, 200);
}

/* Sorts a reply into what to do next; sets @error for OUTCOME_FATAL. */
static Outcome
classify (Run        *run,
          const char *method,
          const char *url,
          Response   *resp,
          GError    **error)
{
  g_autofree char *excerpt = NULL;
  g_autofree char *shown_url = server_text (url, -1, 200);
  g_autofree char *reason = NULL;
  long s = resp->status;

  g_clear_pointer (&run->last_error, g_free);
  g_clear_pointer (&run->retry_after, g_free);

  if (resp->other_origin)
    {
      g_autofree char *origin = server_text (run->origin, -1, 200);

      set_error (run, error, RESLIB_UPLOAD_ERROR, RESLIB_UPLOAD_ERROR_SERVER,
                 _("Refusing to send the token and the package to %s: they go only to the endpoint’s own site, "
                   "%s. Check the endpoint address"), shown_url, origin ? origin : "");
      return OUTCOME_FATAL;
    }

  if (resp->code == CURLE_ABORTED_BY_CALLBACK && g_cancellable_is_cancelled (run->cancellable))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CANCELLED, _("The upload was paused"));
      return OUTCOME_FATAL;
    }
  if (resp->code != CURLE_OK)
    reason = curl_message (resp);
  switch ((int) resp->code)
    {
    case CURLE_OK:
      break;
    case CURLE_PEER_FAILED_VERIFICATION:
    case CURLE_SSL_CACERT_BADFILE:
    case CURLE_SSL_CERTPROBLEM:
    case CURLE_SSL_ISSUER_ERROR:
    case CURLE_SSL_PINNEDPUBKEYNOTMATCH:
    case CURLE_SSL_CRL_BADFILE:
      set_error (run, error, RESLIB_UPLOAD_ERROR, RESLIB_UPLOAD_ERROR_TLS,
                 _("The certificate of %s cannot be trusted (%s): check the address, or give the certificate "
                   "of the endpoint’s certificate authority (--cacert)"),
                 shown_url, reason);
      return OUTCOME_FATAL;
    case CURLE_UNSUPPORTED_PROTOCOL:
    case CURLE_URL_MALFORMAT:
    case CURLE_READ_ERROR:
    case CURLE_OUT_OF_MEMORY:
    case CURLE_FILE_COULDNT_READ_FILE:
      set_error (run, error, RESLIB_UPLOAD_ERROR, RESLIB_UPLOAD_ERROR_NETWORK, _("%s %s failed: %s"), method,
                 shown_url, reason);
      return OUTCOME_FATAL;
    default:
      /* Cut connections, timeouts, stalls, refused connections, TLS handshakes that broke off. */
      run->last_error = scrub (reason, run->self->token);
      return OUTCOME_RETRY;
    }

  if (s >= 200 && s < 300)
    return OUTCOME_OK;

  excerpt = body_excerpt (resp);
  /* Redirects are not followed: the token would go along, perhaps to another site. */
  if (s >= 300 && s < 400)
    {
      g_autofree char *target = server_text (resp->location, -1, 200);

      set_error (run, error, RESLIB_UPLOAD_ERROR, RESLIB_UPLOAD_ERROR_SERVER,
                 _("The endpoint answered %s %s with a redirect (HTTP %ld) to “%s”: uploads follow no redirect; "
                   "check the endpoint address"), method, shown_url, s, target);
      return OUTCOME_FATAL;
    }
  /* tus lets a server answer HEAD of an unknown upload with 403 too, but a 403 is also what a refused token
   * gets: starting a new upload would then only fail at POST, after losing the server's offset. It stops with
   * the token message below instead. */
  if (s == 404 || s == 410)
    {
      if (strcmp (method, "HEAD") == 0 || strcmp (method, "PATCH") == 0 || strcmp (method, "DELETE") == 0)
        {
          g_autofree char *text = g_strdup_printf (_("%s answered HTTP %ld%s"), method, s, excerpt);

          run->last_error = scrub (text, run->self->token);
          return OUTCOME_GONE;
        }
      set_error (run, error, RESLIB_UPLOAD_ERROR, RESLIB_UPLOAD_ERROR_SERVER,
                 _("There is no upload endpoint at %s (HTTP %ld): check the endpoint address"), shown_url, s);
      return OUTCOME_FATAL;
    }
  if (s == 409 && strcmp (method, "PATCH") == 0)
    {
      g_autofree char *text = g_strdup_printf (_("%s answered HTTP %ld%s"), method, s, excerpt);

      run->last_error = scrub (text, run->self->token);
      return OUTCOME_CONFLICT;
    }
  if (s == 401 || s == 403)
    {
      set_error (run, error, RESLIB_UPLOAD_ERROR, RESLIB_UPLOAD_ERROR_UNAUTHORIZED,
                 _("The endpoint refused the token (HTTP %ld%s): check that the token is the current one "
                   "for this endpoint, or ask the provincial office for a new one"), s, excerpt);
      return OUTCOME_FATAL;
    }
  if (s == 413)
    {
      set_error (run, error, RESLIB_UPLOAD_ERROR, RESLIB_UPLOAD_ERROR_TOO_LARGE,
                 _("The endpoint does not accept a package this large (HTTP 413%s): make a smaller package "
                   "or ask the provincial office"), excerpt);
      return OUTCOME_FATAL;
    }
  if (s == 412)
    {
      set_error (run, error, RESLIB_UPLOAD_ERROR, RESLIB_UPLOAD_ERROR_PROTOCOL,
                 _("The endpoint at %s does not speak tus 1.0.0 (HTTP 412): check the endpoint address"), shown_url);
      return OUTCOME_FATAL;
    }
  if (s == 400)
    {
      set_error (run, error, RESLIB_UPLOAD_ERROR, RESLIB_UPLOAD_ERROR_REFUSED,
                 _("The endpoint refused the %s request as invalid (HTTP 400%s): check the endpoint address, "
                   "or report this to the provincial office"), method, excerpt);
      return OUTCOME_FATAL;
    }
  if (s == 408 || s == 429 || s == 460 || s >= 500)
    {
      g_autofree char *text = g_strdup_printf (_("%s answered HTTP %ld%s"), method, s, excerpt);

      run->last_error = scrub (text, run->self->token);
      run->retry_after = resp->retry_after != NULL ? g_strndup (resp->retry_after, 64) : NULL;
      return OUTCOME_RETRY;
    }

  set_error (run, error, RESLIB_UPLOAD_ERROR, RESLIB_UPLOAD_ERROR_SERVER,
             _("%s %s got an unexpected answer: HTTP %ld%s"), method, shown_url, s, excerpt);
  return OUTCOME_FATAL;
}

/* The longest wait a Retry-After gets */
#define MAX_RETRY_AFTER_S 300

/* Waits before the next try: exponential backoff with jitter, or the server's Retry-After. */
static gboolean
wait_to_retry (Run       *run,
               GError   **error)
{
  ReslibUpload *self = run->self;
  guint64 delay_ms;
  gint64 until;

  run->retries++;
  if (run->retries > self->max_retries)
    {
      set_error (run, error, RESLIB_UPLOAD_ERROR, RESLIB_UPLOAD_ERROR_NETWORK,
                 _("The upload failed after %u retries: %s"), self->max_retries,
                 run->last_error != NULL ? run->last_error : _("no answer"));
      return FALSE;
    }

  delay_ms = (guint64) self->first_delay_ms << MIN (run->retries - 1, 20u);
  delay_ms = MIN (delay_ms, self->max_delay_ms);
  /* Full jitter in the upper half, so that many clients do not come back together. */
  delay_ms = delay_ms / 2 + (delay_ms > 1 ? (guint64) g_random_int_range (0, (gint32) MIN (delay_ms / 2 + 1, G_MAXINT32)) : 0);
  if (run->retry_after != NULL)
    {
      guint64 seconds;
      time_t when;

      /* Honoured, up to a bound: a server cannot park the upload for a day. */
      if (g_ascii_string_to_unsigned (run->retry_after, 10, 0, G_MAXUINT32, &seconds, NULL))
        delay_ms = MAX (delay_ms, MIN (seconds, (guint64) MAX_RETRY_AFTER_S) * 1000);
      else if ((when = curl_getdate (run->retry_after, NULL)) > 0)
        {
          gint64 ms = ((gint64) when - g_get_real_time () / G_USEC_PER_SEC) * 1000;
          if (ms > 0)
            delay_ms = MAX (delay_ms, (guint64) MIN (ms, (gint64) MAX_RETRY_AFTER_S * 1000));
        }
    }

  g_debug ("retry %u in %" G_GUINT64_FORMAT " ms: %s", run->retries, delay_ms, run->last_error);
  if (run->submission_id != NULL)
    {
      g_autofree char *attempts = NULL;
      g_autoptr(ReslibRecord) row = reslib_store_get (run->store, RESLIB_KIND_SUBMISSION, run->submission_id, NULL);

      attempts = g_strdup_printf ("%" G_GINT64_FORMAT, (row ? reslib_record_get_int (row, "attempts", 0) : 0) + 1);
      _reslib_store_update_submission (run->store, run->submission_id,
                                       (const char * const[]) { "attempts", "last_error", NULL },
                                       (const char * const[]) { attempts, run->last_error }, NULL);
    }

  set_state (run, RESLIB_UPLOAD_STATE_WAITING);
  emit_progress (run, TRUE);
  until = g_get_monotonic_time () + (gint64) delay_ms * 1000;
  while (g_get_monotonic_time () < until)
    {
      if (g_cancellable_set_error_if_cancelled (run->cancellable, error))
        return FALSE;
      g_usleep (MIN (50000, MAX (until - g_get_monotonic_time (), 0)));
    }

  return TRUE;
}

static gboolean
parse_offset (const char *text,
              guint64    *value)
{
  return text != NULL && g_ascii_string_to_unsigned (text, 10, 0, G_MAXINT64, value, NULL);
}

/* ---------------------------------------------------------------------------------------------- */
/* The submissions row                                                                             */

static gboolean
save (Run                *run,
      const char * const *fields,
      const char * const *values,
      GError            **error)
{
  return _reslib_store_update_submission (run->store, run->submission_id, fields, values, error);
}

static gboolean
save_offset (Run      *run,
             Response *resp,
             GError  **error)
{
  g_autofree char *offset = g_strdup_printf ("%" G_GUINT64_FORMAT, run->offset);
  g_autofree char *expires = NULL;

  if (resp->upload_expires != NULL)
    {
      time_t when = curl_getdate (resp->upload_expires, NULL);

      if (when > 0)
        {
          g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc (when);
          expires = g_date_time_format (dt, "%Y-%m-%dT%H:%M:%SZ");
        }
    }
  if (expires != NULL)
    return save (run, (const char * const[]) { "upload_offset", "expires_at", "last_error", NULL },
                 (const char * const[]) { offset, expires, NULL }, error);

  return save (run, (const char * const[]) { "upload_offset", "last_error", NULL },
               (const char * const[]) { offset, NULL }, error);
}

static char *
hash_file (Run     *run,
           GError **error)
{
  g_autofree guchar *buffer = g_malloc (1024 * 1024);
  EVP_MD_CTX *ctx = EVP_MD_CTX_new ();
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int digest_len = 0;
  guint64 pos = 0;
  char *hex;

  EVP_DigestInit_ex (ctx, EVP_sha256 (), NULL);
  for (;;)
    {
      ssize_t n = pread (run->fd, buffer, 1024 * 1024, (off_t) pos);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          _reslib_set_error_from_errno (error, errno, run->self->package_path);
          EVP_MD_CTX_free (ctx);
          return NULL;
        }
      if (n == 0)
        break;
      EVP_DigestUpdate (ctx, buffer, (size_t) n);
      pos += (guint64) n;
      run->hashed = pos;
      emit_progress (run, FALSE);
      if ((pos & (64 * 1024 * 1024 - 1)) == 0 && g_cancellable_set_error_if_cancelled (run->cancellable, error))
        {
          EVP_MD_CTX_free (ctx);
          return NULL;
        }
    }
  EVP_DigestFinal_ex (ctx, digest, &digest_len);
  EVP_MD_CTX_free (ctx);
  if (pos != run->size)
    {
      g_set_error (error, RESLIB_ERROR, RESLIB_ERROR_CHANGED, _("“%s” changed while it was being read"),
                   run->self->package_path);
      return NULL;
    }

  hex = g_malloc (digest_len * 2 + 1);
  for (guint i = 0; i < digest_len; i++)
    g_snprintf (hex + 2 * i, 3, "%02x", digest[i]);

  return hex;
}

/* The digest pack recorded for this very file (same path, size, time, inode), if any: reading a package of
 * tens of GB again only to hash it would cost as long as a good part of the upload. */
static char *
recorded_sha256 (Run               *run,
                 const struct stat *st)
{
  ReslibPackageFile facts = { (guint64) st->st_size,
                              (gint64) st->st_mtim.tv_sec * G_GINT64_CONSTANT (1000000000) + st->st_mtim.tv_nsec,
                              (guint64) st->st_dev, (guint64) st->st_ino };
  g_autoptr(GError) local_error = NULL;
  char *sha = reslib_store_find_package_sha256 (run->store, run->self->package_path, &facts, &local_error);

  if (local_error != NULL)
    g_debug ("Could not look up the package’s digest: %s", local_error->message);
  return sha;
}

/* Opens the package and knows its digest: recorded by pack, or read. */
static gboolean
open_package (Run     *run,
              GError **error)
{
  ReslibUpload *self = run->self;
  struct stat st;

  run->fd = reslib_open_input (self->package_path, O_RDONLY, error);
  if (run->fd < 0)
    return FALSE;
  if (fstat (run->fd, &st) != 0)
    {
      _reslib_set_error_from_errno (error, errno, self->package_path);
      return FALSE;
    }
  if (!S_ISREG (st.st_mode))
    {
      g_set_error (error, RESLIB_ERROR, RESLIB_ERROR_BAD_FILE, _("“%s” is not a file"), self->package_path);
      return FALSE;
    }
  run->size = (guint64) st.st_size;
  run->mtime = st.st_mtim;
  posix_fadvise (run->fd, 0, 0, POSIX_FADV_SEQUENTIAL);

  set_state (run, RESLIB_UPLOAD_STATE_HASHING);
  g_free (self->sha256);
  self->sha256 = recorded_sha256 (run, &st);
  if (self->sha256 != NULL)
    return TRUE;
  self->sha256 = hash_file (run, error);
  if (self->sha256 == NULL)
    return FALSE;
  /* Kept, so that a resumed or repeated upload of this very file need not read it all again. */
  if (self->project_id != NULL)
    {
      ReslibPackageFile facts = { (guint64) st.st_size,
                                  (gint64) st.st_mtim.tv_sec * G_GINT64_CONSTANT (1000000000) + st.st_mtim.tv_nsec,
                                  (guint64) st.st_dev, (guint64) st.st_ino };
      g_autoptr(GError) local_error = NULL;

      if (!reslib_store_note_package_hashed (run->store, self->project_id, self->package_path, &facts,
                                             self->sha256, &local_error))
        g_debug ("Could not record the package’s digest: %s", local_error->message);
    }

  return TRUE;
}

/* Finds the submission to resume, or makes one. */
static gboolean
find_submission (Run     *run,
                 GError **error)
{
  ReslibUpload *self = run->self;
  g_autoptr(ReslibRecord) row = NULL;

  if (self->submission_id != NULL)
    {
      row = reslib_store_get (run->store, RESLIB_KIND_SUBMISSION, self->submission_id, error);
      if (row == NULL)
        return FALSE;
      if (g_strcmp0 (reslib_record_get (row, "sha256"), self->sha256) != 0)
        {
          g_set_error (error, RESLIB_UPLOAD_ERROR, RESLIB_UPLOAD_ERROR_CHANGED,
                       _("“%s” is not the package this submission was started with (its sha256 differs): "
                         "upload it as a new submission"), self->package_path);
          return FALSE;
        }
      if (self->endpoint == NULL)
        self->endpoint = g_strdup (reslib_record_get (row, "endpoint"));
    }
  else
    {
      g_autoptr(GListModel) rows = NULL;
      g_autoptr(ReslibRecord) complete = NULL;

      if (self->project_id == NULL)
        {
          g_set_error_literal (error, RESLIB_ERROR, RESLIB_ERROR_INVALID,
                               _("The project of the package is not known: give it"));
          return FALSE;
        }
      rows = reslib_store_list (run->store, RESLIB_KIND_SUBMISSION, self->project_id, error);
      if (rows == NULL)
        return FALSE;
      for (guint i = 0; i < g_list_model_get_n_items (rows) && row == NULL; i++)
        {
          g_autoptr(ReslibRecord) r = g_list_model_get_item (rows, i);

          if (g_strcmp0 (reslib_record_get (r, "sha256"), self->sha256) != 0 ||
              g_strcmp0 (reslib_record_get (r, "endpoint"), self->endpoint) != 0)
            continue;
          if (reslib_record_get (r, "completed_at") == NULL)
            row = g_steal_pointer (&r);
          else if (complete == NULL)
            complete = g_steal_pointer (&r);
        }
      if (row == NULL && complete != NULL)
        row = g_steal_pointer (&complete);
    }

  if (row != NULL)
    {
      g_free (self->submission_id);
      self->submission_id = g_strdup (reslib_record_get_id (row));
      run->submission_id = g_strdup (self->submission_id);
      if (reslib_record_get (row, "completed_at") != NULL)
        {
          self->was_complete = TRUE;
          run->upload_url = g_strdup (reslib_record_get (row, "upload_url"));
          return TRUE;
        }
      run->upload_url = g_strdup (reslib_record_get (row, "upload_url"));
      /* An upload past its expiry is gone from the server: start again without asking. */
      if (run->upload_url != NULL && reslib_record_get (row, "expires_at") != NULL)
        {
          g_autoptr(GDateTime) expires = g_date_time_new_from_iso8601 (reslib_record_get (row, "expires_at"), NULL);
          g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

          if (expires != NULL && g_date_time_compare (expires, now) <= 0)
            g_clear_pointer (&run->upload_url, g_free);
        }
      return TRUE;
    }

  {
    g_autofree char *size = g_strdup_printf ("%" G_GUINT64_FORMAT, run->size);
    const char * const fields[] = { "project_id", "kind", "package_path", "size", "sha256", "endpoint", NULL };
    const char * const values[] = { self->project_id, self->kind, self->package_path, size, self->sha256,
                                    self->endpoint };

    if (self->kind == NULL)
      {
        g_set_error_literal (error, RESLIB_ERROR, RESLIB_ERROR_INVALID,
                             _("The kind of the package is not known: give it"));
        return FALSE;
      }
    run->submission_id = reslib_store_insert (run->store, RESLIB_KIND_SUBMISSION, fields, values, error);
    if (run->submission_id == NULL)
      return FALSE;
    g_free (self->submission_id);
    self->submission_id = g_strdup (run->submission_id);
  }

  return TRUE;
}

/* ---------------------------------------------------------------------------------------------- */
/* The protocol                                                                                    */

static gboolean
contains_word (const char *list,
               const char *word)
{
  g_auto(GStrv) parts = NULL;

  if (list == NULL)
    return FALSE;
  parts = g_strsplit (list, ",", -1);
  for (guint i = 0; parts[i] != NULL; i++)
    if (g_ascii_strcasecmp (g_strstrip (parts[i]), word) == 0)
      return TRUE;

  return FALSE;
}

static gboolean
do_options (Run     *run,
            GError **error)
{
  g_auto(Response) resp = { 0, };

  for (;;)
    {
      guint64 max_size;

      set_state (run, RESLIB_UPLOAD_STATE_CONNECTING);
      request (run, "OPTIONS", run->self->endpoint, NULL, 0, 0, &resp);
      switch (classify (run, "OPTIONS", run->self->endpoint, &resp, error))
        {
        case OUTCOME_OK:
          break;
        case OUTCOME_RETRY:
          if (!wait_to_retry (run, error))
            return FALSE;
          continue;
        case OUTCOME_GONE:
        case OUTCOME_CONFLICT:
        case OUTCOME_FATAL:
        default:
          return FALSE;
        }

      if (!contains_word (resp.tus_version, "1.0.0"))
        {
          g_autofree char *endpoint = server_text (run->self->endpoint, -1, 200);
          g_autofree char *offered = server_text (resp.tus_version, -1, 80);

          set_error (run, error, RESLIB_UPLOAD_ERROR, RESLIB_UPLOAD_ERROR_PROTOCOL,
                     _("The endpoint at %s does not speak tus 1.0.0 (it offers “%s”): check the endpoint address"),
                     endpoint, offered);
          return FALSE;
        }
      if (resp.tus_extension != NULL && !contains_word (resp.tus_extension, "creation"))
        {
          g_autofree char *endpoint = server_text (run->self->endpoint, -1, 200);

          set_error (run, error, RESLIB_UPLOAD_ERROR, RESLIB_UPLOAD_ERROR_PROTOCOL,
                     _("The endpoint at %s cannot create uploads (no tus “creation” extension)"), endpoint);
          return FALSE;
        }
      if (parse_offset (resp.tus_max_size, &max_size) && max_size > 0 && max_size < run->size)
        {
          g_autofree char *have = g_format_size_full (run->size, G_FORMAT_SIZE_LONG_FORMAT);
          g_autofree char *limit = g_format_size_full (max_size, G_FORMAT_SIZE_LONG_FORMAT);

          set_error (run, error, RESLIB_UPLOAD_ERROR, RESLIB_UPLOAD_ERROR_TOO_LARGE,
                     _("The package is %s but the endpoint accepts at most %s: make smaller packages "
                       "(fewer resources each)"), have, limit);
          return FALSE;
        }
      run->checksum = contains_word (resp.tus_extension, "checksum");
      if (run->checksum)
        {
          if (contains_word (resp.tus_checksum_algorithm, "sha256"))
            run->checksum_algorithm = "sha256";
          else if (contains_word (resp.tus_checksum_algorithm, "sha1") || resp.tus_checksum_algorithm == NULL)
            run->checksum_algorithm = "sha1";
          else
            run->checksum = FALSE;
        }
      run->retries = 0;
      return TRUE;
    }
}

static char *
metadata_pair (const char *key,
               const char *value)
{
  g_autofree char *b64 = g_base64_encode ((const guchar *) value, strlen (value));

  return g_strdup_printf ("%s %s", key, b64);
}

/* POST: a new upload; its URL goes to the row at once. */
static Outcome
do_create (Run     *run,
           GError **error)
{
  ReslibUpload *self = run->self;
  g_auto(Response) resp = { 0, };
  g_autofree char *basename = g_path_get_basename (self->package_path);
  g_autofree char *length = g_strdup_printf ("Upload-Length: %" G_GUINT64_FORMAT, run->size);
  g_autoptr(GPtrArray) pairs = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *metadata = NULL;
  g_autofree char *url = NULL;
  g_autofree char *origin = NULL;
  Outcome outcome;

  g_ptr_array_add (pairs, metadata_pair ("filename", basename));
  if (self->kind != NULL)
    g_ptr_array_add (pairs, metadata_pair ("kind", self->kind));
  if (self->project_id != NULL)
    g_ptr_array_add (pairs, metadata_pair ("project", self->project_id));
  g_ptr_array_add (pairs, metadata_pair ("sha256", self->sha256));
  if (self->bag_name != NULL)
    g_ptr_array_add (pairs, metadata_pair ("bag", self->bag_name));
  g_ptr_array_add (pairs, NULL);
  {
    g_autofree char *joined = g_strjoinv (",", (char **) pairs->pdata);
    metadata = g_strconcat ("Upload-Metadata: ", joined, NULL);
  }

  set_state (run, RESLIB_UPLOAD_STATE_CONNECTING);
  request (run, "POST", self->endpoint, (const char * const[]) { length, metadata, NULL }, 0, 0, &resp);
  outcome = classify (run, "POST", self->endpoint, &resp, error);
  if (outcome != OUTCOME_OK)
    return outcome;
  if (resp.status != 201 || resp.location == NULL || strlen (resp.location) > MAX_URL_LENGTH ||
      (url = resolve_url (self->endpoint, resp.location)) == NULL ||
      (self->token != NULL && *self->token != '\0' && strstr (url, self->token) != NULL))
    {
      set_error (run, error, RESLIB_UPLOAD_ERROR, RESLIB_UPLOAD_ERROR_SERVER,
                 _("The endpoint did not create an upload (HTTP %ld, no valid Location)"), resp.status);
      return OUTCOME_FATAL;
    }
  run->created++;
  /* The address of the new upload gets the token and the package: the endpoint's own origin only. */
  origin = url_origin (url);
  if (g_strcmp0 (origin, run->origin) != 0)
    {
      g_autofree char *shown = server_text (url, -1, 200);
      g_autofree char *own = server_text (run->origin, -1, 200);

      set_error (run, error, RESLIB_UPLOAD_ERROR, RESLIB_UPLOAD_ERROR_SERVER,
                 _("The endpoint put the new upload on another site (%s): the token and the package go only to the "
                   "endpoint’s own site, %s. Report this to the provincial office"), shown, own);
      return OUTCOME_FATAL;
    }

  g_free (run->upload_url);
  run->upload_url = g_steal_pointer (&url);
  run->offset = 0;
  if (!save (run, (const char * const[]) { "upload_url", "upload_offset", "expires_at", "last_error", NULL },
             (const char * const[]) { run->upload_url, "0", NULL, NULL }, error) ||
      !save_offset (run, &resp, error))
    return OUTCOME_FATAL;

  return OUTCOME_OK;
}

/* HEAD: where does the server stand? */
static Outcome
do_head (Run     *run,
         GError **error)
{
  g_auto(Response) resp = { 0, };
  guint64 offset;
  guint64 length;
  Outcome outcome;

  set_state (run, RESLIB_UPLOAD_STATE_CONNECTING);
  request (run, "HEAD", run->upload_url, NULL, 0, 0, &resp);
  outcome = classify (run, "HEAD", run->upload_url, &resp, error);
  if (outcome != OUTCOME_OK)
    return outcome;
  if (!parse_offset (resp.upload_offset, &offset))
    {
      g_autofree char *shown = server_text (run->upload_url, -1, 200);

      set_error (run, error, RESLIB_UPLOAD_ERROR, RESLIB_UPLOAD_ERROR_SERVER,
                 _("The endpoint did not say how much of %s it holds (no Upload-Offset)"), shown);
      return OUTCOME_FATAL;
    }
  /* Not the upload of this package (or a broken one): start again. */
  if ((parse_offset (resp.upload_length, &length) && length != run->size) || offset > run->size)
    return OUTCOME_GONE;

  run->offset = offset;
  if (!save_offset (run, &resp, error))
    return OUTCOME_FATAL;

  return OUTCOME_OK;
}

static char *
chunk_checksum (Run     *run,
                guint64  offset,
                guint64  length,
                GError **error)
{
  g_autofree guchar *buffer = g_malloc (1024 * 1024);
  EVP_MD_CTX *ctx = EVP_MD_CTX_new ();
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int digest_len = 0;
  guint64 done = 0;
  g_autofree char *b64 = NULL;

  EVP_DigestInit_ex (ctx, strcmp (run->checksum_algorithm, "sha256") == 0 ? EVP_sha256 () : EVP_sha1 (), NULL);
  while (done < length)
    {
      ssize_t n = pread (run->fd, buffer, MIN (length - done, 1024 * 1024), (off_t) (offset + done));

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        {
          _reslib_set_error_from_errno (error, n < 0 ? errno : EIO, run->self->package_path);
          EVP_MD_CTX_free (ctx);
          return NULL;
        }
      EVP_DigestUpdate (ctx, buffer, (size_t) n);
      done += (guint64) n;
    }
  EVP_DigestFinal_ex (ctx, digest, &digest_len);
  EVP_MD_CTX_free (ctx);
  b64 = g_base64_encode (digest, digest_len);

  return g_strdup_printf ("Upload-Checksum: %s %s", run->checksum_algorithm, b64);
}

/* PATCH: the next chunk from the server's offset. */
static Outcome
do_patch (Run     *run,
          GError **error)
{
  g_auto(Response) resp = { 0, };
  guint64 length = MIN (run->self->chunk_size, run->size - run->offset);
  g_autofree char *offset_header = g_strdup_printf ("Upload-Offset: %" G_GUINT64_FORMAT, run->offset);
  g_autofree char *checksum = NULL;
  struct stat st;
  guint64 offset;
  Outcome outcome;

  /* What is sent must be what was hashed. */
  if (fstat (run->fd, &st) != 0 || (guint64) st.st_size != run->size || st.st_mtim.tv_sec != run->mtime.tv_sec ||
      st.st_mtim.tv_nsec != run->mtime.tv_nsec)
    {
      g_set_error (error, RESLIB_ERROR, RESLIB_ERROR_CHANGED,
                   _("“%s” changed during the upload: upload it again"), run->self->package_path);
      return OUTCOME_FATAL;
    }
  if (run->checksum && (checksum = chunk_checksum (run, run->offset, length, error)) == NULL)
    return OUTCOME_FATAL;

  set_state (run, RESLIB_UPLOAD_STATE_SENDING);
  request (run, "PATCH", run->upload_url,
           (const char * const[]) { "Content-Type: application/offset+octet-stream", offset_header, checksum, NULL },
           run->offset, length, &resp);
  outcome = classify (run, "PATCH", run->upload_url, &resp, error);
  if (outcome != OUTCOME_OK)
    return outcome;
  if (!parse_offset (resp.upload_offset, &offset) || offset < run->offset || offset > run->size)
    {
      g_autofree char *shown = server_text (resp.upload_offset, -1, 40);

      set_error (run, error, RESLIB_UPLOAD_ERROR, RESLIB_UPLOAD_ERROR_SERVER,
                 _("The endpoint answered the upload with an invalid offset (%s)"), shown);
      return OUTCOME_FATAL;
    }
  /* A PATCH that takes nothing (or next to nothing) is a failure like any other: it is retried after a
   * wait, and counts towards the limit, or a server could keep the client sending forever. */
  if (offset < run->offset + MIN (RESLIB_UPLOAD_MIN_CHUNK_SIZE, run->size - run->offset))
    {
      g_autofree char *text = NULL;
      g_autofree char *at = g_strdup_printf ("%" G_GUINT64_FORMAT, offset);
      g_autofree char *took = g_strdup_printf ("%" G_GUINT64_FORMAT, offset - run->offset);
      g_autofree char *sent = g_strdup_printf ("%" G_GUINT64_FORMAT, length);

      if (offset == run->offset)
        /* Translators: why an upload is retried; the argument is a number of bytes */
        text = g_strdup_printf (_("the endpoint took none of the data sent, staying at byte %s"), at);
      else
        /* Translators: why an upload is retried; the arguments are numbers of bytes */
        text = g_strdup_printf (_("the endpoint took only %s bytes of %s"), took, sent);
      run->offset = offset;
      if (!save_offset (run, &resp, error))
        return OUTCOME_FATAL;
      g_free (run->last_error);
      run->last_error = g_steal_pointer (&text);
      return OUTCOME_RETRY;
    }
  /* Only new ground resets the count of failures: a server that loses what it took (HEAD answers a lower
   * offset) and fails again would otherwise be retried forever. */
  if (offset > run->high_water)
    {
      run->retries = 0;
      run->high_water = offset;
    }
  run->offset = offset;
  if (!save_offset (run, &resp, error))
    return OUTCOME_FATAL;
  emit_progress (run, FALSE);

  return OUTCOME_OK;
}

static gboolean
run_upload (Run     *run,
            GError **error)
{
  ReslibUpload *self = run->self;
  gboolean need_head;

  /* A token that would break the headers (a line break in RESLIB_TOKEN, say) never reaches a request. */
  if (self->token != NULL && !reslib_upload_check_token (self->token, error))
    return FALSE;
  curl_init ();
  if (self->endpoint == NULL && self->submission_id == NULL)
    {
      g_set_error_literal (error, RESLIB_ERROR, RESLIB_ERROR_INVALID, _("No upload endpoint given"));
      return FALSE;
    }
  if (self->endpoint != NULL && !check_url (self->endpoint, error))
    return FALSE;

  if (!open_package (run, error) || !find_submission (run, error))
    return FALSE;
  if (self->endpoint == NULL || !check_url (self->endpoint, error))
    {
      if (error != NULL && *error == NULL)
        g_set_error_literal (error, RESLIB_ERROR, RESLIB_ERROR_INVALID, _("No upload endpoint given"));
      return FALSE;
    }
  run->origin = url_origin (self->endpoint);
  /* An upload URL kept from elsewhere (the endpoint was changed since) is not asked with this token. */
  if (run->upload_url != NULL && !self->was_complete)
    {
      g_autofree char *origin = url_origin (run->upload_url);

      if (g_strcmp0 (origin, run->origin) != 0)
        g_clear_pointer (&run->upload_url, g_free);
    }
  if (self->was_complete)
    {
      g_free (self->upload_url);
      self->upload_url = g_strdup (run->upload_url);
      run->offset = run->size;
      set_state (run, RESLIB_UPLOAD_STATE_DONE);
      return TRUE;
    }

  {
    g_autoptr(ReslibRecord) row = reslib_store_get (run->store, RESLIB_KIND_SUBMISSION, run->submission_id, NULL);
    g_autofree char *attempts = g_strdup_printf ("%" G_GINT64_FORMAT,
                                                 (row ? reslib_record_get_int (row, "attempts", 0) : 0) + 1);
    if (!save (run, (const char * const[]) { "attempts", NULL }, (const char * const[]) { attempts }, error))
      return FALSE;
  }

  run->curl = curl_easy_init ();
  if (!do_options (run, error))
    return FALSE;

  need_head = run->upload_url != NULL;
  for (;;)
    {
      Outcome outcome;

      if (run->upload_url == NULL)
        outcome = do_create (run, error);
      else if (need_head)
        outcome = do_head (run, error);
      else if (run->offset < run->size)
        outcome = do_patch (run, error);
      else
        break;

      switch (outcome)
        {
        case OUTCOME_OK:
          need_head = FALSE;
          break;
        case OUTCOME_GONE:
          g_debug ("upload %s is gone: starting a new one", run->upload_url);
          g_clear_pointer (&run->upload_url, g_free);
          run->offset = 0;
          /* An upload kept from an earlier run may well have expired: a new one at once. One this run made
           * should not vanish: a new one after a wait, and only so many. */
          if (run->created >= RESLIB_UPLOAD_MAX_NEW_UPLOADS)
            {
              set_error (run, error, RESLIB_UPLOAD_ERROR, RESLIB_UPLOAD_ERROR_SERVER,
                         _("The endpoint lost the upload %u times in a row (%s): try again later, or report this "
                           "to the provincial office"), run->created,
                         run->last_error != NULL ? run->last_error : "");
              return FALSE;
            }
          if (run->created > 0 && !wait_to_retry (run, error))
            return FALSE;
          break;
        case OUTCOME_CONFLICT:
          /* HEAD again, after a wait: each disagreement counts as a failed attempt. */
          if (!wait_to_retry (run, error))
            return FALSE;
          need_head = TRUE;
          break;
        case OUTCOME_RETRY:
          if (!wait_to_retry (run, error))
            return FALSE;
          need_head = run->upload_url != NULL;
          break;
        case OUTCOME_FATAL:
        default:
          return FALSE;
        }
    }

  {
    g_autofree char *now = reslib_now_iso8601 ();
    g_autofree char *size = g_strdup_printf ("%" G_GUINT64_FORMAT, run->size);

    g_autoptr(ReslibRecord) row = NULL;
    g_autoptr(JsonBuilder) b = json_builder_new ();
    g_autoptr(JsonNode) root = NULL;
    g_autofree char *detail = NULL;

    if (!save (run, (const char * const[]) { "upload_offset", "completed_at", "last_error", NULL },
               (const char * const[]) { size, now, NULL }, error))
      return FALSE;

    /* The audit log keeps the completed upload (not every chunk). */
    json_builder_begin_object (b);
    json_builder_set_member_name (b, "endpoint");
    json_builder_add_string_value (b, self->endpoint);
    json_builder_set_member_name (b, "upload_url");
    json_builder_add_string_value (b, run->upload_url);
    json_builder_set_member_name (b, "size");
    json_builder_add_int_value (b, (gint64) run->size);
    json_builder_set_member_name (b, "sha256");
    json_builder_add_string_value (b, self->sha256);
    json_builder_end_object (b);
    root = json_builder_get_root (b);
    detail = json_to_string (root, FALSE);
    row = reslib_store_get (run->store, RESLIB_KIND_SUBMISSION, run->submission_id, error);
    if (row == NULL ||
        !reslib_store_log_event (run->store, reslib_record_get (row, "project_id"), RESLIB_KIND_SUBMISSION,
                                 run->submission_id, "upload", detail, error))
      return FALSE;
  }
  g_free (self->upload_url);
  self->upload_url = g_strdup (run->upload_url);
  set_state (run, RESLIB_UPLOAD_STATE_DONE);

  return TRUE;
}

static void
run_clear (Run *run)
{
  if (run->curl != NULL)
    curl_easy_cleanup (run->curl);
  if (run->fd >= 0)
    close (run->fd);
  g_free (run->submission_id);
  g_free (run->upload_url);
  g_free (run->origin);
  g_free (run->last_error);
  g_free (run->retry_after);
}

static gboolean
run_in_thread (ReslibUpload  *self,
               ReslibStore   *store,
               GCancellable  *cancellable,
               GMainContext  *context,
               GError       **error)
{
  Run run = { 0, };
  g_autoptr(GError) local_error = NULL;
  gboolean ok;

  run.self = self;
  run.store = store;
  run.cancellable = cancellable;
  run.context = context;
  run.fd = -1;
  run.state = (ReslibUploadState) -1;
  self->bytes_sent = 0;
  self->was_complete = FALSE;

  ok = run_upload (&run, &local_error);
  if (!ok)
    {
      /* What went wrong stays with the submission, for the list of submissions. */
      if (run.submission_id != NULL && local_error != NULL)
        _reslib_store_update_submission (store, run.submission_id, (const char * const[]) { "last_error", NULL },
                                         (const char * const[]) { local_error->message }, NULL);
      if (run.upload_url != NULL)
        {
          g_free (self->upload_url);
          self->upload_url = g_strdup (run.upload_url);
        }
      g_propagate_error (error, g_steal_pointer (&local_error));
    }
  run_clear (&run);

  return ok;
}

/**
 * reslib_upload_run:
 *
 * Uploads the package, resuming where the server stands.
 *
 * Returns: %TRUE when the endpoint holds the whole package.
 */
gboolean
reslib_upload_run (ReslibUpload  *self,
                   GCancellable  *cancellable,
                   GError       **error)
{
  gboolean ok;

  g_return_val_if_fail (RESLIB_IS_UPLOAD (self), FALSE);
  g_return_val_if_fail (!self->running, FALSE);

  self->running = TRUE;
  ok = run_in_thread (self, self->store, cancellable, NULL, error);
  self->running = FALSE;

  return ok;
}

typedef struct
{
  ReslibStore  *store;
  GMainContext *context;
} AsyncData;

static void
async_data_free (gpointer data)
{
  AsyncData *d = data;

  g_clear_object (&d->store);
  g_main_context_unref (d->context);
  g_free (d);
}

static void
upload_worker (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  ReslibUpload *self = source_object;
  AsyncData *d = task_data;
  g_autoptr(GError) error = NULL;

  if (!run_in_thread (self, d->store, cancellable, d->context, &error))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

void
reslib_upload_run_async (ReslibUpload        *self,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  AsyncData *d;

  g_return_if_fail (RESLIB_IS_UPLOAD (self));
  g_return_if_fail (!self->running);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, reslib_upload_run_async);
  g_task_set_return_on_cancel (task, FALSE);

  d = g_new0 (AsyncData, 1);
  d->context = g_main_context_ref_thread_default ();
  d->store = reslib_store_reopen (self->store, &error);
  g_task_set_task_data (task, d, async_data_free);
  if (d->store == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  self->running = TRUE;
  g_task_run_in_thread (task, upload_worker);
}

gboolean
reslib_upload_run_finish (ReslibUpload  *self,
                          GAsyncResult  *result,
                          GError       **error)
{
  g_return_val_if_fail (RESLIB_IS_UPLOAD (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  self->running = FALSE;
  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * reslib_upload_cancel_submission:
 *
 * Terminates the submission's upload on the server (DELETE) and clears its upload URL, so a later upload of
 * the package starts afresh. An upload the server no longer has counts as terminated.
 */
gboolean
reslib_upload_cancel_submission (ReslibStore   *store,
                                 const char    *submission_id,
                                 const char    *token,
                                 const char    *ca_file,
                                 GCancellable  *cancellable,
                                 GError       **error)
{
  g_autoptr(ReslibRecord) row = NULL;
  g_autoptr(ReslibUpload) self = NULL;
  g_auto(Response) resp = { 0, };
  const char *url;
  Run run = { 0, };
  Outcome outcome;

  g_return_val_if_fail (RESLIB_IS_STORE (store), FALSE);
  g_return_val_if_fail (submission_id != NULL, FALSE);

  curl_init ();
  row = reslib_store_get (store, RESLIB_KIND_SUBMISSION, submission_id, error);
  if (row == NULL)
    return FALSE;
  url = reslib_record_get (row, "upload_url");
  if (url != NULL)
    {
      if (token != NULL && !reslib_upload_check_token (token, error))
        return FALSE;
      if (!check_url (reslib_record_get (row, "endpoint"), error) || !check_url (url, error))
        return FALSE;
      self = reslib_upload_new (store, reslib_record_get (row, "package_path"), reslib_record_get (row, "endpoint"));
      reslib_upload_set_token (self, token);
      reslib_upload_set_ca_file (self, ca_file);
      run.self = self;
      run.store = store;
      run.cancellable = cancellable;
      run.fd = -1;
      run.origin = url_origin (reslib_record_get (row, "endpoint"));
      run.curl = curl_easy_init ();
      request (&run, "DELETE", url, NULL, 0, 0, &resp);
      outcome = classify (&run, "DELETE", url, &resp, error);
      if (outcome == OUTCOME_RETRY)
        set_error (&run, error, RESLIB_UPLOAD_ERROR, RESLIB_UPLOAD_ERROR_NETWORK,
                   _("The upload could not be ended on the server: %s"), run.last_error);
      run_clear (&run);
      if (outcome != OUTCOME_OK && outcome != OUTCOME_GONE)
        return FALSE;
      if (outcome == OUTCOME_GONE && error != NULL)
        g_clear_error (error);
    }

  return _reslib_store_update_submission (store, submission_id,
                                          (const char * const[]) { "upload_url", "upload_offset", "expires_at",
                                                                   "last_error", NULL },
                                          (const char * const[]) { NULL, "0", NULL, _("Cancelled") }, error);
}

/**
 * reslib_upload_cancel:
 *
 * Ends the unfinished upload of this package (the same file, by its SHA-256) to this endpoint: the server
 * forgets it (tus termination: DELETE) and its submission is marked cancelled, so a later upload starts
 * afresh. With reslib_upload_set_submission_id(), that submission is the one ended.
 *
 * Returns: %TRUE when an upload was ended; %RESLIB_ERROR_NOT_FOUND when there was none
 */
gboolean
reslib_upload_cancel (ReslibUpload  *self,
                      GCancellable  *cancellable,
                      GError       **error)
{
  Run run = { 0, };
  g_autoptr(ReslibRecord) row = NULL;
  gboolean ok = FALSE;

  g_return_val_if_fail (RESLIB_IS_UPLOAD (self), FALSE);
  g_return_val_if_fail (!self->running, FALSE);

  run.self = self;
  run.store = self->store;
  run.cancellable = cancellable;
  run.fd = -1;
  run.state = (ReslibUploadState) -1;

  if (!open_package (&run, error))
    goto out;
  if (self->submission_id != NULL)
    {
      row = reslib_store_get (self->store, RESLIB_KIND_SUBMISSION, self->submission_id, error);
      if (row == NULL)
        goto out;
    }
  else if (self->project_id != NULL)
    {
      g_autoptr(GListModel) rows = reslib_store_list (self->store, RESLIB_KIND_SUBMISSION, self->project_id, error);

      if (rows == NULL)
        goto out;
      for (guint i = 0; i < g_list_model_get_n_items (rows) && row == NULL; i++)
        {
          g_autoptr(ReslibRecord) r = g_list_model_get_item (rows, i);

          if (g_strcmp0 (reslib_record_get (r, "sha256"), self->sha256) == 0 &&
              g_strcmp0 (reslib_record_get (r, "endpoint"), self->endpoint) == 0 &&
              reslib_record_get (r, "completed_at") == NULL && reslib_record_get (r, "upload_url") != NULL)
            row = g_steal_pointer (&r);
        }
    }
  if (row == NULL || reslib_record_get (row, "completed_at") != NULL ||
      g_strcmp0 (reslib_record_get (row, "sha256"), self->sha256) != 0)
    {
      g_set_error (error, RESLIB_ERROR, RESLIB_ERROR_NOT_FOUND,
                   row != NULL && reslib_record_get (row, "completed_at") != NULL
                   ? _("The upload of “%s” is complete: there is nothing to cancel")
                   : _("There is no unfinished upload of “%s” to this endpoint"),
                   self->package_path);
      goto out;
    }

  g_free (self->submission_id);
  self->submission_id = g_strdup (reslib_record_get_id (row));
  if (!reslib_upload_cancel_submission (self->store, self->submission_id, self->token, self->ca_file, cancellable,
                                        error) ||
      !reslib_store_log_event (self->store, reslib_record_get (row, "project_id"), RESLIB_KIND_SUBMISSION,
                               self->submission_id, "cancel", NULL, error))
    goto out;
  ok = TRUE;

out:
  run_clear (&run);
  return ok;
}
