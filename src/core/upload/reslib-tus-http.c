/* reslib-tus-http.c — the HTTP of the upload over libcurl: the handle, addresses, one exchange and its headers,
 * sorting a reply into what to do next, and the waits between tries
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Requests go only to the endpoint's own origin; failures are retried with a backoff. The token lives only in
 * the ReslibUpload's memory and in the request headers: messages are scrubbed of it. The tus requests
 * themselves are in reslib-tus-client.c.
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <curl/curl.h>
#include <errno.h>
#include <string.h>
#include <unistd.h>

#include "reslib-error.h"
#include "reslib-text.h"
#include "reslib-tus-private.h"

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

/* A handle for the requests of @run. */
void
_reslib_tus_open (Run *run)
{
  curl_init ();
  if (run->curl == NULL)
    run->curl = curl_easy_init ();
}

void
_reslib_tus_close (Run *run)
{
  g_clear_pointer (&run->curl, curl_easy_cleanup);
}

/* ---------------------------------------------------------------------------------------------- */
/* URLs                                                                                            */

/* Plain http (to this machine only) is for tests, which say so in the environment; the CLI and the app never
 * set it. */
gboolean
_reslib_tus_plain_http_allowed (void)
{
  return g_strcmp0 (g_getenv ("RESLIB_TEST_PLAIN_HTTP"), "1") == 0;
}

/* "scheme://host:port" of @url, in lower case and with the scheme's default port; NULL when it is not an
 * absolute URL. Two URLs of one origin may get the token; any difference (http and https, another host name
 * for the same address, another port) is another origin. */
char *
_reslib_tus_url_origin (const char *url)
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
gboolean
_reslib_tus_check_url (const char  *url,
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
      g_autofree char *shown = reslib_escape_text_len (url, -1, 200);

      g_set_error (error, RESLIB_ERROR, RESLIB_ERROR_INVALID, _("“%s” is not a valid URL"), shown);
    }
  else if (g_ascii_strcasecmp (scheme, "https") == 0)
    ok = TRUE;
  else if (g_ascii_strcasecmp (scheme, "http") == 0 &&
           (strcmp (host, "127.0.0.1") == 0 || g_ascii_strcasecmp (host, "localhost") == 0 ||
            strcmp (host, "[::1]") == 0) &&
           _reslib_tus_plain_http_allowed ())
    ok = TRUE;
  else
    {
      g_autofree char *shown = reslib_escape_text_len (url, -1, 200);

      g_set_error (error, RESLIB_ERROR, RESLIB_ERROR_INVALID,
                   _("Refusing to upload to “%s”: only https:// addresses are allowed"), shown);
    }
  curl_free (scheme);
  curl_free (host);
  curl_url_cleanup (u);

  return ok;
}

/* Resolves a Location header (absolute or relative) against the URL it answered. */
char *
_reslib_tus_resolve_url (const char *base,
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
/* HTTP                                                                                            */

void
_reslib_tus_response_clear (Response *resp)
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

/* Takes the headers the protocol reads from the final answer (not a 100 Continue before it, nor trailers);
 * of a header sent more than once, the last. */
static void
read_headers (CURL     *curl,
              Response *resp)
{
  static const struct { const char *name; gsize offset; } wanted[] = {
    { "Location", G_STRUCT_OFFSET (Response, location) },
    { "Tus-Version", G_STRUCT_OFFSET (Response, tus_version) },
    { "Tus-Extension", G_STRUCT_OFFSET (Response, tus_extension) },
    { "Tus-Max-Size", G_STRUCT_OFFSET (Response, tus_max_size) },
    { "Tus-Checksum-Algorithm", G_STRUCT_OFFSET (Response, tus_checksum_algorithm) },
    { "Upload-Offset", G_STRUCT_OFFSET (Response, upload_offset) },
    { "Upload-Length", G_STRUCT_OFFSET (Response, upload_length) },
    { "Upload-Expires", G_STRUCT_OFFSET (Response, upload_expires) },
    { "Retry-After", G_STRUCT_OFFSET (Response, retry_after) },
  };

  for (guint i = 0; i < G_N_ELEMENTS (wanted); i++)
    {
      struct curl_header *h = NULL;

      if (curl_easy_header (curl, wanted[i].name, 0, CURLH_HEADER, -1, &h) != CURLHE_OK ||
          (h->amount > 1 &&
           curl_easy_header (curl, wanted[i].name, h->amount - 1, CURLH_HEADER, -1, &h) != CURLHE_OK))
        continue;
      G_STRUCT_MEMBER (char *, resp, wanted[i].offset) = g_strdup (h->value);
    }
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
  gssize n;

  if (want == 0)
    return 0;
  n = _reslib_upload_body_take (run->body, buffer, want);
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
  Checkpoint cp;

  if (g_cancellable_is_cancelled (run->cancellable))
    return 1;
  if (run->sending)
    _reslib_upload_emit_progress (run, FALSE);
  /* The digest's latest checkpoint well inside what curl sent, into the row, not waited for on the disk (like
   * the offset after a request): a lost one only means hashing more of the package again on resume. */
  if (run->body != NULL && (guint64) ulnow > RESLIB_UPLOAD_CHECKPOINT_LAG &&
      _reslib_upload_body_take_checkpoint (run->body,
                                           run->body_offset + (guint64) ulnow - RESLIB_UPLOAD_CHECKPOINT_LAG, &cp))
    {
      g_autoptr(GError) local_error = NULL;

      if (!reslib_store_set_synced (run->store, FALSE, &local_error) ||
          !_reslib_submission_save_checkpoint (run, &cp, &local_error) ||
          !reslib_store_set_synced (run->store, TRUE, &local_error))
        {
          g_debug ("Could not keep the digest’s state at byte %" G_GUINT64_FORMAT ": %s", cp.offset,
                   local_error->message);
          reslib_store_set_synced (run->store, TRUE, NULL);
        }
    }

  return 0;
}

/* Runs one request. @body_length > 0 sends that many bytes of the package from @body_offset. */
void
_reslib_tus_request (Run                *run,
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
  g_autofree char *origin = _reslib_tus_url_origin (url);

  _reslib_tus_response_clear (resp);
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
      /* curl's own default: a larger buffer no longer fits the core's cache together with the block it is
       * copied from, and OpenSSL's copy of it into its records then costs several times more (512 KiB: 0.25 s
       * of CPU for 512 MiB, against 0.03 s). */
      curl_easy_setopt (curl, CURLOPT_UPLOAD_BUFFERSIZE, 64L * 1024);
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
  if (run->sending)
    run->body = _reslib_upload_body_start (run, body_offset, body_length);
  resp->code = curl_easy_perform (curl);
  if (run->body != NULL)
    {
      GError *body_error = _reslib_upload_body_finish (g_steal_pointer (&run->body));

      if (body_error != NULL && run->body_error == NULL)
        run->body_error = body_error;
      else
        g_clear_error (&body_error);
    }
  curl_easy_getinfo (curl, CURLINFO_RESPONSE_CODE, &resp->status);
  read_headers (curl, resp);
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
  text = reslib_escape_text_len (resp->body->str, (gssize) MIN (len, resp->body->len), 160);
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
  return reslib_escape_text_len (*resp->errbuf ? resp->errbuf : curl_easy_strerror (resp->code), -1, 200);
}

/* Sorts a reply into what to do next; sets @error for OUTCOME_FATAL. */
Outcome
_reslib_tus_classify (Run        *run,
                      const char *method,
                      const char *url,
                      Response   *resp,
                      GError    **error)
{
  g_autofree char *excerpt = NULL;
  g_autofree char *shown_url = reslib_escape_text_len (url, -1, 200);
  g_autofree char *reason = NULL;
  long s = resp->status;

  g_clear_pointer (&run->last_error, g_free);
  g_clear_pointer (&run->retry_after, g_free);

  if (resp->other_origin)
    {
      g_autofree char *origin = reslib_escape_text_len (run->origin, -1, 200);

      _reslib_upload_set_error (run, error, RESLIB_UPLOAD_ERROR, RESLIB_UPLOAD_ERROR_SERVER,
                                _("Refusing to send the token and the package to %s: they go only to the endpoint’s "
                                  "own site, %s. Check the endpoint address"), shown_url, origin ? origin : "");
      return OUTCOME_FATAL;
    }

  /* The package could not be read (a damaged or missing blob): nothing a retry would mend. */
  if (run->body_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&run->body_error));
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
      _reslib_upload_set_error (run, error, RESLIB_UPLOAD_ERROR, RESLIB_UPLOAD_ERROR_TLS,
                                _("The certificate of %s cannot be trusted (%s): check the address, or give the "
                                  "certificate of the endpoint’s certificate authority (--cacert)"),
                                shown_url, reason);
      return OUTCOME_FATAL;
    case CURLE_UNSUPPORTED_PROTOCOL:
    case CURLE_URL_MALFORMAT:
    case CURLE_READ_ERROR:
    case CURLE_OUT_OF_MEMORY:
    case CURLE_FILE_COULDNT_READ_FILE:
      _reslib_upload_set_error (run, error, RESLIB_UPLOAD_ERROR, RESLIB_UPLOAD_ERROR_NETWORK,
                                _("%s %s failed: %s"), method, shown_url, reason);
      return OUTCOME_FATAL;
    default:
      /* Cut connections, timeouts, stalls, refused connections, TLS handshakes that broke off: said in words,
       * libcurl's own text in brackets. */
      {
        g_autofree char *text = NULL;

        if (resp->code == CURLE_COULDNT_RESOLVE_HOST || resp->code == CURLE_COULDNT_RESOLVE_PROXY)
          /* Translators: why an upload is retried; %s is the network library's own words */
          text = g_strdup_printf (_("the endpoint’s address could not be found (%s)"), reason);
        else if (resp->code == CURLE_COULDNT_CONNECT)
          /* Translators: why an upload is retried; %s is the network library's own words */
          text = g_strdup_printf (_("the endpoint could not be reached (%s)"), reason);
        else if (resp->code == CURLE_OPERATION_TIMEDOUT)
          /* Translators: why an upload is retried; %s is the network library's own words */
          text = g_strdup_printf (_("the endpoint stopped answering (%s)"), reason);
        else
          /* Translators: why an upload is retried; %s is the network library's own words */
          text = g_strdup_printf (_("the connection broke off (%s)"), reason);
        run->last_error = _reslib_upload_scrub (text, run->self->token);
      }
      return OUTCOME_RETRY;
    }

  if (s >= 200 && s < 300)
    return OUTCOME_OK;

  excerpt = body_excerpt (resp);
  /* Redirects are not followed: the token would go along, perhaps to another site. */
  if (s >= 300 && s < 400)
    {
      g_autofree char *target = reslib_escape_text_len (resp->location, -1, 200);

      _reslib_upload_set_error (run, error, RESLIB_UPLOAD_ERROR, RESLIB_UPLOAD_ERROR_SERVER,
                                _("The endpoint answered %s %s with a redirect (HTTP %ld) to “%s”: uploads follow no "
                                  "redirect; check the endpoint address"), method, shown_url, s, target);
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

          run->last_error = _reslib_upload_scrub (text, run->self->token);
          return OUTCOME_GONE;
        }
      _reslib_upload_set_error (run, error, RESLIB_UPLOAD_ERROR, RESLIB_UPLOAD_ERROR_SERVER,
                                _("There is no upload endpoint at %s (HTTP %ld): check the endpoint address"),
                                shown_url, s);
      return OUTCOME_FATAL;
    }
  if (s == 409 && strcmp (method, "PATCH") == 0)
    {
      g_autofree char *text = g_strdup_printf (_("%s answered HTTP %ld%s"), method, s, excerpt);

      run->last_error = _reslib_upload_scrub (text, run->self->token);
      return OUTCOME_CONFLICT;
    }
  if (s == 401 || s == 403)
    {
      _reslib_upload_set_error (run, error, RESLIB_UPLOAD_ERROR, RESLIB_UPLOAD_ERROR_UNAUTHORIZED,
                                _("The endpoint refused the token (HTTP %ld%s): check that the token is the current "
                                  "one for this endpoint, or ask the provincial office for a new one"), s, excerpt);
      return OUTCOME_FATAL;
    }
  if (s == 413)
    {
      _reslib_upload_set_error (run, error, RESLIB_UPLOAD_ERROR, RESLIB_UPLOAD_ERROR_TOO_LARGE,
                                _("The endpoint does not accept a package this large (HTTP 413%s): make a smaller "
                                  "package or ask the provincial office"), excerpt);
      return OUTCOME_FATAL;
    }
  if (s == 412)
    {
      _reslib_upload_set_error (run, error, RESLIB_UPLOAD_ERROR, RESLIB_UPLOAD_ERROR_PROTOCOL,
                                _("The endpoint at %s does not speak tus 1.0.0 (HTTP 412): check the endpoint address"),
                                shown_url);
      return OUTCOME_FATAL;
    }
  if (s == 400)
    {
      _reslib_upload_set_error (run, error, RESLIB_UPLOAD_ERROR, RESLIB_UPLOAD_ERROR_REFUSED,
                                _("The endpoint refused the %s request as invalid (HTTP 400%s): check the endpoint "
                                  "address, or report this to the provincial office"), method, excerpt);
      return OUTCOME_FATAL;
    }
  if (s == 408 || s == 429 || s == 460 || s >= 500)
    {
      g_autofree char *text = NULL;

      if (s >= 500)
        /* Translators: why an upload is retried: a method (PATCH…), an HTTP status and what the server said */
        text = g_strdup_printf (_("the endpoint is busy or failing (%s answered HTTP %ld%s)"), method, s, excerpt);
      else
        /* Translators: why an upload is retried: a method (PATCH…), an HTTP status and what the server said */
        text = g_strdup_printf (_("the endpoint asked to try again later (%s answered HTTP %ld%s)"), method, s,
                                excerpt);

      run->last_error = _reslib_upload_scrub (text, run->self->token);
      run->retry_after = resp->retry_after != NULL ? g_strndup (resp->retry_after, 64) : NULL;
      return OUTCOME_RETRY;
    }

  _reslib_upload_set_error (run, error, RESLIB_UPLOAD_ERROR, RESLIB_UPLOAD_ERROR_SERVER,
                            _("%s %s got an unexpected answer: HTTP %ld%s"), method, shown_url, s, excerpt);
  return OUTCOME_FATAL;
}

/* The longest wait a Retry-After gets */
#define MAX_RETRY_AFTER_S 300

/* Waits before the next try: exponential backoff with jitter, or the server's Retry-After. */
gboolean
_reslib_tus_wait_to_retry (Run       *run,
                           GError   **error)
{
  ReslibUpload *self = run->self;
  guint64 delay_ms;
  gint64 until;
  gint64 now;
  gint64 limit_us;

  now = g_get_monotonic_time ();
  if (run->failing_since_us == 0)
    run->failing_since_us = now;
  run->retries++;
  if (run->retries > self->max_retries)
    {
      _reslib_upload_set_error (run, error, RESLIB_UPLOAD_ERROR, RESLIB_UPLOAD_ERROR_NETWORK,
                                _("Retried %u times without success, the last time: %s. Check the network "
                                  "connection and the endpoint address, then try again"), self->max_retries,
                                run->last_error != NULL ? run->last_error : _("no answer"));
      return FALSE;
    }
  /* Bounded in time too: a Retry-After of minutes each time would otherwise keep it waiting for hours. */
  limit_us = (gint64) self->retry_time_limit * G_USEC_PER_SEC;
  if (now - run->failing_since_us >= limit_us)
    {
      gint64 seconds = (now - run->failing_since_us) / G_USEC_PER_SEC;
      g_autofree char *duration = seconds < 120
                                  /* Translators: a duration in seconds */
                                  ? g_strdup_printf (_("%u s"), (guint) seconds)
                                  /* Translators: a duration in minutes */
                                  : g_strdup_printf (_("%u min"), (guint) ((seconds + 59) / 60));

      _reslib_upload_set_error (run, error, RESLIB_UPLOAD_ERROR, RESLIB_UPLOAD_ERROR_NETWORK,
                                _("Tried %u times in %s without success, the last time: %s. Check the network "
                                  "connection, then try again"),
                                run->retries, duration, run->last_error != NULL ? run->last_error : _("no answer"));
      return FALSE;
    }

  delay_ms = (guint64) self->first_delay_ms << MIN (run->retries - 1, 20u);
  delay_ms = MIN (delay_ms, self->max_delay_ms);
  /* Full jitter in the upper half, so that many clients do not come back together. */
  delay_ms = delay_ms / 2 +
             (delay_ms > 1 ? (guint64) g_random_int_range (0, (gint32) MIN (delay_ms / 2 + 1, G_MAXINT32)) : 0);
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

  delay_ms = MIN (delay_ms, (guint64) MAX (limit_us - (now - run->failing_since_us), 0) / 1000);

  g_debug ("retry %u in %" G_GUINT64_FORMAT " ms: %s", run->retries, delay_ms, run->last_error);
  if (run->submission_id != NULL)
    _reslib_submission_note_attempt (run, TRUE, NULL);

  until = g_get_monotonic_time () + (gint64) delay_ms * 1000;
  run->wait_until_us = until;
  _reslib_upload_set_stage (run, UPLOAD_STAGE_WAITING);
  _reslib_upload_emit_progress (run, TRUE);
  while (g_get_monotonic_time () < until)
    {
      if (g_cancellable_set_error_if_cancelled (run->cancellable, error))
        return FALSE;
      g_usleep (MIN (50000, MAX (until - g_get_monotonic_time (), 0)));
      /* The message counts the seconds down. */
      _reslib_upload_emit_progress (run, FALSE);
    }

  return TRUE;
}

gboolean
_reslib_tus_parse_offset (const char *text,
                          guint64    *value)
{
  return text != NULL && g_ascii_string_to_unsigned (text, 10, 0, G_MAXINT64, value, NULL);
}

/* The answer's Upload-Expires (an HTTP date) as the row keeps it, or NULL. */
char *
_reslib_tus_expires_at (Response *resp)
{
  g_autoptr(GDateTime) dt = NULL;
  time_t when;

  if (resp->upload_expires == NULL || (when = curl_getdate (resp->upload_expires, NULL)) <= 0)
    return NULL;
  dt = g_date_time_new_from_unix_utc (when);

  return dt != NULL ? g_date_time_format (dt, "%Y-%m-%dT%H:%M:%SZ") : NULL;
}
