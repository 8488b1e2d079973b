/* reslib-upload.c — resumable upload of a package to the provincial endpoint (tus 1.0 over HTTPS)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The ReslibUpload job: what to send where, and a run of the upload (in the calling thread, or in a worker
 * with its own store connection). The requests are in reslib-tus-client.c (their HTTP in reslib-tus-http.c),
 * the package's digest and its submissions row in reslib-submission.c, progress and messages in
 * reslib-upload-run.c. The token lives only in this object's memory and in the request headers: messages are
 * scrubbed of it.
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>
#include <unistd.h>

#include "reslib-error.h"
#include "reslib-record.h"
#include "reslib-store.h"
#include "reslib-store-packages.h"
#include "reslib-text.h"
#include "reslib-upload-private.h"

/**
 * reslib_upload_error_quark:
 *
 * Returns: the #GQuark of %RESLIB_UPLOAD_ERROR, the domain of the upload's errors (#ReslibUploadError)
 */
G_DEFINE_QUARK (reslib-upload-error-quark, reslib_upload_error)

G_DEFINE_FINAL_TYPE (ReslibUpload, reslib_upload, RESLIB_TYPE_JOB)

static gboolean reslib_upload_run_job (ReslibJob     *job,
                                       GCancellable  *cancellable,
                                       GError       **error);

static void
reslib_upload_finalize (GObject *object)
{
  ReslibUpload *self = RESLIB_UPLOAD (object);

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
  g_free (self->tar_sha256);
  g_free (self->upload_url);
  g_clear_object (&self->profile);

  G_OBJECT_CLASS (reslib_upload_parent_class)->finalize (object);
}

enum {
  PROP_0,
  PROP_RETRY_TIME_LIMIT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
reslib_upload_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  ReslibUpload *self = RESLIB_UPLOAD (object);

  switch (prop_id)
    {
    case PROP_RETRY_TIME_LIMIT:
      g_value_set_uint (value, self->retry_time_limit);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
reslib_upload_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  ReslibUpload *self = RESLIB_UPLOAD (object);

  switch (prop_id)
    {
    case PROP_RETRY_TIME_LIMIT:
      reslib_upload_set_retry_time_limit (self, g_value_get_uint (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
reslib_upload_class_init (ReslibUploadClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = reslib_upload_finalize;
  object_class->get_property = reslib_upload_get_property;
  object_class->set_property = reslib_upload_set_property;
  RESLIB_JOB_CLASS (klass)->run = reslib_upload_run_job;

  /**
   * ReslibUpload:retry-time-limit:
   *
   * How long, in seconds, requests that fail one after the other are retried before the run gives up
   * (%RESLIB_UPLOAD_RETRY_TIME_LIMIT unless set; tests shorten it).
   */
  properties[PROP_RETRY_TIME_LIMIT] =
    g_param_spec_uint ("retry-time-limit", NULL, NULL,
                       1, G_MAXUINT, RESLIB_UPLOAD_RETRY_TIME_LIMIT,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
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
  self->retry_time_limit = RESLIB_UPLOAD_RETRY_TIME_LIMIT;
}

/**
 * reslib_upload_new:
 * @store: the store that keeps the submission
 * @package_path: the package to upload
 * @endpoint: the tus creation URL (e.g. https://host/files)
 *
 * An upload of the package to @endpoint; it resumes the unfinished submission of the same package to the same
 * endpoint, if any. See reslib-upload.h for the endpoints it accepts.
 *
 * Returns: (transfer full): a new upload job
 */
ReslibUpload *
reslib_upload_new (ReslibStore *store,
                   const char  *package_path,
                   const char  *endpoint)
{
  ReslibUpload *self;

  g_return_val_if_fail (RESLIB_IS_STORE (store), NULL);
  g_return_val_if_fail (package_path != NULL, NULL);

  self = g_object_new (RESLIB_TYPE_UPLOAD, "title", _("Uploading a package"), NULL);
  self->store = g_object_ref (store);
  self->package_path = g_canonicalize_filename (package_path, NULL);
  self->endpoint = g_strdup (endpoint);

  return self;
}

/**
 * reslib_upload_new_streamed:
 * @store: the store that keeps the project and the submission
 * @project_id: the project's full id
 * @kind: the package's kind (not a contribution)
 * @endpoint: the tus creation URL (e.g. https://host/files)
 *
 * A submission of the project's package of @kind streamed from the store (DESIGN §5, §6): no package file
 * and no copy of it is made. A run resumes the project's pending streamed submission of this kind to
 * @endpoint (unfinished or paused), whatever changed in the project since it started; else it freezes the
 * package as the project stands (as `reslib pack` would write it now; an application package only when the
 * checks find no error) into a new submission, and sends it. The endpoint gets the bag's own digest and the
 * size in the metadata; the tar's SHA-256 is computed on the way (reslib_upload_get_tar_sha256()).
 *
 * Returns: (transfer full): a new upload job
 */
ReslibUpload *
reslib_upload_new_streamed (ReslibStore *store,
                            const char  *project_id,
                            const char  *kind,
                            const char  *endpoint)
{
  ReslibUpload *self;

  g_return_val_if_fail (RESLIB_IS_STORE (store), NULL);
  g_return_val_if_fail (project_id != NULL, NULL);
  g_return_val_if_fail (kind != NULL, NULL);

  self = g_object_new (RESLIB_TYPE_UPLOAD, "title", _("Submitting a package"), NULL);
  self->store = g_object_ref (store);
  self->streamed = TRUE;
  self->project_id = g_strdup (project_id);
  self->kind = g_strdup (kind);
  self->endpoint = g_strdup (endpoint);

  return self;
}

/**
 * reslib_upload_set_profile:
 * @profile: (nullable): the rule profile that gates an application package of a streamed submission, %NULL
 *   for the built-in one
 */
void
reslib_upload_set_profile (ReslibUpload  *self,
                           ReslibProfile *profile)
{
  g_return_if_fail (RESLIB_IS_UPLOAD (self));
  g_set_object (&self->profile, profile);
}

/**
 * reslib_upload_get_tar_sha256:
 *
 * Returns: (transfer none) (nullable): once the endpoint holds the whole package, the SHA-256 of the whole
 *   tar (computed while it was sent, or known before); else %NULL
 */
const char *
reslib_upload_get_tar_sha256 (ReslibUpload *self)
{
  g_return_val_if_fail (RESLIB_IS_UPLOAD (self), NULL);
  return self->tar_sha256;
}

/**
 * reslib_upload_get_bag_name:
 *
 * Returns: (transfer none) (nullable): the bag's name: the one set, or a streamed package's once a run knew it
 */
const char *
reslib_upload_get_bag_name (ReslibUpload *self)
{
  g_return_val_if_fail (RESLIB_IS_UPLOAD (self), NULL);
  return self->bag_name;
}

/**
 * reslib_upload_get_streamed:
 *
 * Returns: whether the upload streams the package from the store (reslib_upload_new_streamed())
 */
gboolean
reslib_upload_get_streamed (ReslibUpload *self)
{
  g_return_val_if_fail (RESLIB_IS_UPLOAD (self), FALSE);
  return self->streamed;
}

/**
 * reslib_upload_set_token:
 * @token: (nullable): the bearer token, copied; kept in memory only and wiped when replaced
 *
 * Sets the token sent with every request.
 */
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

/**
 * reslib_upload_set_ca_file:
 * @value: (nullable): a PEM file of CAs to trust in addition to the system's
 */
STRING_SETTER (ca_file, ca_file)

/**
 * reslib_upload_set_project:
 * @value: (nullable): the project (id in the store) of a new submission
 */
STRING_SETTER (project, project_id)

/**
 * reslib_upload_set_kind:
 * @value: (nullable): the package kind of a new submission
 */
STRING_SETTER (kind, kind)

/**
 * reslib_upload_set_bag_name:
 * @value: (nullable): the bag's name, sent with a new submission
 */
STRING_SETTER (bag_name, bag_name)

/**
 * reslib_upload_set_submission_id:
 * @value: (nullable): a submission to resume (the package's SHA-256 must match its row)
 */
STRING_SETTER (submission_id, submission_id)

/**
 * reslib_upload_set_chunk_size:
 * @chunk_size: bytes per PATCH request; 0 for the default, and at least %RESLIB_UPLOAD_MIN_CHUNK_SIZE
 */
void
reslib_upload_set_chunk_size (ReslibUpload *self,
                              guint64       chunk_size)
{
  g_return_if_fail (RESLIB_IS_UPLOAD (self));
  self->chunk_size = chunk_size > 0 ? MAX (chunk_size, RESLIB_UPLOAD_MIN_CHUNK_SIZE) : RESLIB_UPLOAD_DEFAULT_CHUNK_SIZE;
}

/**
 * reslib_upload_set_max_send_speed:
 * @bytes_per_second: the most sent per second, 0 for no limit
 */
void
reslib_upload_set_max_send_speed (ReslibUpload *self,
                                  guint64       bytes_per_second)
{
  g_return_if_fail (RESLIB_IS_UPLOAD (self));
  self->max_send_speed = bytes_per_second;
}

/**
 * reslib_upload_set_retries:
 * @max_retries: how many times in a row a failing request is retried (default 10)
 * @first_delay_ms: the delay before the first retry (default 1 s)
 * @max_delay_ms: the longest delay (default 60 s)
 */
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

/**
 * reslib_upload_set_low_speed:
 * @bytes_per_second: a transfer slower than this…
 * @seconds: …for this long is a stall, and retried (default 1 KiB/s for 60 s)
 */
void
reslib_upload_set_low_speed (ReslibUpload *self,
                             guint         bytes_per_second,
                             guint         seconds)
{
  g_return_if_fail (RESLIB_IS_UPLOAD (self));
  self->low_speed_limit = bytes_per_second;
  self->low_speed_time = seconds;
}

/**
 * reslib_upload_set_retry_time_limit:
 * @seconds: at least 1
 *
 * Sets ReslibUpload:retry-time-limit.
 */
void
reslib_upload_set_retry_time_limit (ReslibUpload *self,
                                    guint         seconds)
{
  g_return_if_fail (RESLIB_IS_UPLOAD (self));

  seconds = MAX (seconds, 1);
  if (self->retry_time_limit == seconds)
    return;
  self->retry_time_limit = seconds;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RETRY_TIME_LIMIT]);
}

/**
 * reslib_upload_get_retry_time_limit:
 *
 * Returns: ReslibUpload:retry-time-limit, in seconds
 */
guint
reslib_upload_get_retry_time_limit (ReslibUpload *self)
{
  g_return_val_if_fail (RESLIB_IS_UPLOAD (self), 0);
  return self->retry_time_limit;
}

/**
 * reslib_upload_get_submission_id:
 *
 * Returns: (transfer none) (nullable): the id of the submission the last run used
 */
const char *
reslib_upload_get_submission_id (ReslibUpload *self)
{
  g_return_val_if_fail (RESLIB_IS_UPLOAD (self), NULL);
  return self->submission_id;
}

/**
 * reslib_upload_get_sha256:
 *
 * Returns: (transfer none) (nullable): the package's SHA-256 in hex, once a run knew it
 */
const char *
reslib_upload_get_sha256 (ReslibUpload *self)
{
  g_return_val_if_fail (RESLIB_IS_UPLOAD (self), NULL);
  return self->sha256;
}

/**
 * reslib_upload_get_upload_url:
 *
 * Returns: (transfer none) (nullable): the upload's URL on the server, once a run created or found it
 */
const char *
reslib_upload_get_upload_url (ReslibUpload *self)
{
  g_return_val_if_fail (RESLIB_IS_UPLOAD (self), NULL);
  return self->upload_url;
}

/**
 * reslib_upload_get_bytes_sent:
 *
 * Returns: the bytes of the package sent by the last run (not those the server had before)
 */
guint64
reslib_upload_get_bytes_sent (ReslibUpload *self)
{
  g_return_val_if_fail (RESLIB_IS_UPLOAD (self), 0);
  return self->bytes_sent;
}

/**
 * reslib_upload_get_was_complete:
 *
 * Returns: whether the last run found the submission already complete and sent nothing
 */
gboolean
reslib_upload_get_was_complete (ReslibUpload *self)
{
  g_return_val_if_fail (RESLIB_IS_UPLOAD (self), FALSE);
  return self->was_complete;
}

/* ---------------------------------------------------------------------------------------------- */
/* What the user gives                                                                             */

/**
 * reslib_upload_check_token:
 * @token: (nullable): a token the user gave
 *
 * Returns: %TRUE when @token may be sent; %FALSE with %RESLIB_ERROR_INVALID when it is empty or holds
 *   anything but visible ASCII characters (the message never holds the token)
 */
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

/**
 * reslib_upload_check_endpoint:
 * @url: the endpoint as the user gave it
 * @error: where the reason goes
 *
 * The rule of _reslib_tus_check_url(), with GLib's URI parser, for callers that have no upload yet (the
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
      g_autofree char *shown = reslib_escape_text_len (url, -1, 200);

      g_set_error (error, RESLIB_ERROR, RESLIB_ERROR_INVALID,
                   _("“%s” is not a web address: enter one like https://example.edu.cn/files"), shown);
      return FALSE;
    }
  if (g_ascii_strcasecmp (scheme, "http") == 0 &&
      !((strcmp (host, "127.0.0.1") == 0 || g_ascii_strcasecmp (host, "localhost") == 0 ||
         strcmp (host, "::1") == 0) && _reslib_tus_plain_http_allowed ()))
    {
      g_autofree char *shown = reslib_escape_text_len (url, -1, 200);

      g_set_error (error, RESLIB_ERROR, RESLIB_ERROR_INVALID,
                   _("“%s” is not encrypted: use an https:// address"), shown);
      return FALSE;
    }

  return TRUE;
}

/**
 * reslib_upload_check_kind:
 * @kind: (nullable): a package kind ("application", "progress", "acceptance", "contribution")
 * @package_path: (nullable): the package, for the message
 * @error: where the reason goes
 *
 * Contributions are handed to the project lead, never uploaded to the province.
 *
 * Returns: whether a package of @kind may be uploaded; %FALSE with %RESLIB_ERROR_BAD_FILE for a contribution
 */
gboolean
reslib_upload_check_kind (const char  *kind,
                          const char  *package_path,
                          GError     **error)
{
  g_autofree char *name = package_path != NULL ? g_filename_display_basename (package_path) : NULL;

  if (g_strcmp0 (kind, "contribution") != 0)
    return TRUE;
  g_set_error (error, RESLIB_ERROR, RESLIB_ERROR_BAD_FILE,
               _("“%s” is a contribution package: contributions go to the project lead (hand the file over on a USB "
                 "stick, by mail or in a shared folder), never to the provincial endpoint"),
               name != NULL ? name : "");
  return FALSE;
}

static gboolean
run_upload (Run     *run,
            GError **error)
{
  ReslibUpload *self = run->self;
  gboolean need_head;

  if (!reslib_upload_check_kind (self->kind, self->package_path, error))
    return FALSE;

  /* A token that would break the headers (a line break in RESLIB_TOKEN, say) never reaches a request. */
  if (self->token != NULL && !reslib_upload_check_token (self->token, error))
    return FALSE;
  if (self->endpoint == NULL && self->submission_id == NULL)
    {
      g_set_error_literal (error, RESLIB_ERROR, RESLIB_ERROR_INVALID, _("No upload endpoint given"));
      return FALSE;
    }
  if (self->endpoint != NULL && !_reslib_tus_check_url (self->endpoint, error))
    return FALSE;

  if (self->streamed)
    {
      if (!_reslib_submission_open_stream (run, error))
        return FALSE;
    }
  else if (!_reslib_submission_open_package (run, error) || !_reslib_submission_find (run, error))
    return FALSE;
  if (self->endpoint == NULL || !_reslib_tus_check_url (self->endpoint, error))
    {
      if (error != NULL && *error == NULL)
        g_set_error_literal (error, RESLIB_ERROR, RESLIB_ERROR_INVALID, _("No upload endpoint given"));
      return FALSE;
    }
  run->origin = _reslib_tus_url_origin (self->endpoint);
  /* An upload URL kept from elsewhere (the endpoint was changed since) is not asked with this token. */
  if (run->upload_url != NULL && !self->was_complete)
    {
      g_autofree char *origin = _reslib_tus_url_origin (run->upload_url);

      if (g_strcmp0 (origin, run->origin) != 0)
        g_clear_pointer (&run->upload_url, g_free);
    }
  if (self->was_complete)
    {
      g_free (self->upload_url);
      self->upload_url = g_strdup (run->upload_url);
      run->offset = run->size;
      _reslib_upload_set_stage (run, UPLOAD_STAGE_DONE);
      return TRUE;
    }

  if (!_reslib_submission_note_attempt (run, FALSE, error))
    return FALSE;

  _reslib_tus_open (run);
  if (!_reslib_tus_options (run, error))
    return FALSE;

  need_head = run->upload_url != NULL;
  for (;;)
    {
      Outcome outcome;

      if (run->upload_url == NULL)
        outcome = _reslib_tus_create (run, error);
      else if (need_head)
        outcome = _reslib_tus_head (run, error);
      else if (run->offset < run->size)
        outcome = _reslib_tus_patch (run, error);
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
              _reslib_upload_set_error (run, error, RESLIB_UPLOAD_ERROR, RESLIB_UPLOAD_ERROR_SERVER,
                                        _("The endpoint lost the upload %u times in a row (%s): try again later, or "
                                          "report this to the provincial office"), run->created,
                                        run->last_error != NULL ? run->last_error : "");
              return FALSE;
            }
          if (run->created > 0 && !_reslib_tus_wait_to_retry (run, error))
            return FALSE;
          break;
        case OUTCOME_CONFLICT:
          /* HEAD again, after a wait: each disagreement counts as a failed attempt. */
          if (!_reslib_tus_wait_to_retry (run, error))
            return FALSE;
          need_head = TRUE;
          break;
        case OUTCOME_RETRY:
          if (!_reslib_tus_wait_to_retry (run, error))
            return FALSE;
          need_head = run->upload_url != NULL;
          break;
        case OUTCOME_FATAL:
        default:
          return FALSE;
        }
    }

  if (!_reslib_submission_complete (run, error))
    return FALSE;
  g_free (self->upload_url);
  self->upload_url = g_strdup (run->upload_url);
  _reslib_upload_set_stage (run, UPLOAD_STAGE_DONE);

  return TRUE;
}

static void
run_clear (Run *run)
{
  _reslib_tus_close (run);
  if (run->fd >= 0)
    close (run->fd);
  g_clear_pointer (&run->stream, reslib_pack_stream_free);
  g_clear_pointer (&run->tar_md, reslib_sha256_resumable_free);
  g_clear_error (&run->body_error);
  g_free (run->submission_id);
  g_free (run->upload_url);
  g_free (run->origin);
  g_free (run->last_error);
  g_free (run->retry_after);
}

/* The job's run: in the calling thread, or in a worker (reslib_job_run_async()) with a store connection of
 * its own. */
static gboolean
reslib_upload_run_job (ReslibJob     *job,
                       GCancellable  *cancellable,
                       GError       **error)
{
  ReslibUpload *self = RESLIB_UPLOAD (job);
  g_autoptr(ReslibStore) own_store = NULL;
  g_autoptr(GError) local_error = NULL;
  Run run = { 0, };
  gboolean ok;

  self->bytes_sent = 0;
  self->was_complete = FALSE;
  g_clear_pointer (&self->tar_sha256, g_free);
  if (reslib_job_in_worker (job))
    {
      own_store = reslib_store_reopen (self->store, error);
      if (own_store == NULL)
        return FALSE;
    }

  run.self = self;
  run.store = own_store != NULL ? own_store : self->store;
  run.cancellable = cancellable;
  run.reports = TRUE;
  run.fd = -1;

  ok = run_upload (&run, &local_error);
  if (!ok)
    {
      /* What went wrong stays with the submission, for the list of submissions. */
      if (run.submission_id != NULL && local_error != NULL)
        _reslib_store_update_submission (run.store, run.submission_id, (const char * const[]) { "last_error", NULL },
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
  const char *url;
  Run run = { 0, };
  Outcome outcome;

  g_return_val_if_fail (RESLIB_IS_STORE (store), FALSE);
  g_return_val_if_fail (submission_id != NULL, FALSE);

  row = reslib_store_get (store, RESLIB_KIND_SUBMISSION, submission_id, error);
  if (row == NULL)
    return FALSE;
  switch (reslib_submission_get_state (store, row))
    {
    case RESLIB_SUBMISSION_COMPLETE:
      g_set_error (error, RESLIB_ERROR, RESLIB_ERROR_NOT_FOUND,
                   _("The upload of “%s” is complete: there is nothing to cancel"),
                   reslib_record_get (row, "package_path"));
      return FALSE;
    case RESLIB_SUBMISSION_CANCELLED:
      return TRUE;
    case RESLIB_SUBMISSION_UNFINISHED:
    case RESLIB_SUBMISSION_PAUSED:
    default:
      break;
    }
  url = reslib_record_get (row, "upload_url");
  if (url != NULL)
    {
      if (token != NULL && !reslib_upload_check_token (token, error))
        return FALSE;
      if (!_reslib_tus_check_url (reslib_record_get (row, "endpoint"), error) || !_reslib_tus_check_url (url, error))
        return FALSE;
      self = reslib_upload_new (store, reslib_record_get (row, "package_path"), reslib_record_get (row, "endpoint"));
      reslib_upload_set_token (self, token);
      reslib_upload_set_ca_file (self, ca_file);
      run.self = self;
      run.store = store;
      run.cancellable = cancellable;
      run.fd = -1;
      run.origin = _reslib_tus_url_origin (reslib_record_get (row, "endpoint"));
      _reslib_tus_open (&run);
      outcome = _reslib_tus_delete (&run, url, error);
      if (outcome == OUTCOME_RETRY)
        _reslib_upload_set_error (&run, error, RESLIB_UPLOAD_ERROR, RESLIB_UPLOAD_ERROR_NETWORK,
                                  _("The upload could not be ended on the server: %s"), run.last_error);
      run_clear (&run);
      if (outcome != OUTCOME_OK && outcome != OUTCOME_GONE)
        return FALSE;
      if (outcome == OUTCOME_GONE && error != NULL)
        g_clear_error (error);
    }

  return _reslib_submission_forget_upload (store, submission_id, error) &&
         reslib_store_log_event (store, reslib_record_get (row, "project_id"), RESLIB_KIND_SUBMISSION, submission_id,
                                 "cancel", NULL, error);
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
  g_return_val_if_fail (!reslib_job_get_busy (RESLIB_JOB (self)), FALSE);

  run.self = self;
  run.store = self->store;
  run.cancellable = cancellable;
  run.fd = -1;

  if (!_reslib_submission_open_package (&run, error))
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
              (reslib_submission_get_state (self->store, r) == RESLIB_SUBMISSION_UNFINISHED ||
               reslib_submission_get_state (self->store, r) == RESLIB_SUBMISSION_PAUSED))
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
                                        error))
    goto out;
  ok = TRUE;

out:
  run_clear (&run);
  return ok;
}

