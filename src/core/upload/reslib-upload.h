/* reslib-upload.h — resumable upload of a package to the provincial endpoint (tus 1.0 over HTTPS)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "reslib-job.h"
#include "reslib-profile.h"
#include "reslib-record.h"
#include "reslib-store.h"

G_BEGIN_DECLS

#define RESLIB_UPLOAD_ERROR (reslib_upload_error_quark ())

/**
 * ReslibUploadError:
 * @RESLIB_UPLOAD_ERROR_NETWORK: the endpoint could not be reached, or kept failing, until the retries ran out
 * @RESLIB_UPLOAD_ERROR_SERVER: the endpoint answered in a way the client cannot continue from
 * @RESLIB_UPLOAD_ERROR_UNAUTHORIZED: the token was refused (401 or 403)
 * @RESLIB_UPLOAD_ERROR_TOO_LARGE: the package is larger than the endpoint accepts
 * @RESLIB_UPLOAD_ERROR_REFUSED: the endpoint refused the request as malformed (400)
 * @RESLIB_UPLOAD_ERROR_TLS: the endpoint's certificate cannot be trusted
 * @RESLIB_UPLOAD_ERROR_PROTOCOL: the endpoint does not speak tus 1.0.0
 * @RESLIB_UPLOAD_ERROR_CHANGED: the package is not the one the submission was started with
 *
 * Every code is a runtime failure (CLI exit status 3).
 */
typedef enum
{
  RESLIB_UPLOAD_ERROR_NETWORK,
  RESLIB_UPLOAD_ERROR_SERVER,
  RESLIB_UPLOAD_ERROR_UNAUTHORIZED,
  RESLIB_UPLOAD_ERROR_TOO_LARGE,
  RESLIB_UPLOAD_ERROR_REFUSED,
  RESLIB_UPLOAD_ERROR_TLS,
  RESLIB_UPLOAD_ERROR_PROTOCOL,
  RESLIB_UPLOAD_ERROR_CHANGED,
} ReslibUploadError;

/* An upload is a job (reslib-job.h): reslib_job_run() or reslib_job_run_async() uploads until the server holds
 * the whole package; cancelling pauses, and a later run resumes from the server's offset. Its progress
 * (ReslibProgress) gives bytes_done (the server's offset plus the bytes of the request in flight; while
 * hashing, the bytes read), bytes_total (the package's size), bytes_sent, rate, eta, retries and last_error,
 * and one of these stages:
 *   "hashing"     reading the package for its SHA-256
 *   "preparing"   freezing the project's package (a streamed submission): its generated files and members
 *   "connecting"  OPTIONS, POST or HEAD
 *   "sending"     PATCH
 *   "waiting"     waiting before a retry; last_error says why
 *   "done"        the server holds the whole package */

/* Bytes per PATCH by default: a package of up to 1 GiB goes in one request. Each request costs a round trip,
 * a new read-ahead and a row update, so fewer is faster; what a resume hashes or sends again does not depend
 * on it (the digest's state is kept every RESLIB_UPLOAD_CHECKPOINT_SIZE bytes inside a request). */
#define RESLIB_UPLOAD_DEFAULT_CHUNK_SIZE  (G_GUINT64_CONSTANT (1024) * 1024 * 1024)
/* With a server that asks for a checksum of each request, which goes before its body, a request carries at
 * most this much: its bytes are read twice, and the second read should find them in the page cache. */
#define RESLIB_UPLOAD_CHECKSUM_CHUNK_SIZE (G_GUINT64_CONSTANT (32) * 1024 * 1024)
/* Smaller chunks are raised to this: each request costs a round trip and a row update. */
#define RESLIB_UPLOAD_MIN_CHUNK_SIZE      (G_GUINT64_CONSTANT (256) * 1024)
/* How many new uploads (tus creation) one run makes at most, the first one included: an endpoint that keeps
 * losing them is not fed the package again and again. */
#define RESLIB_UPLOAD_MAX_NEW_UPLOADS     3
/* How long, in seconds, an upload goes on retrying requests that fail one after the other (no new data taken
 * by the endpoint in between) before it gives up and says so: 20 minutes. */
#define RESLIB_UPLOAD_RETRY_TIME_LIMIT    (20 * 60)

/**
 * ReslibSubmissionState:
 * @RESLIB_SUBMISSION_UNFINISHED: not complete and neither paused nor cancelled: an interrupted upload, which
 *   the application resumes at start
 * @RESLIB_SUBMISSION_PAUSED: paused by the user: resumed only when the user resumes it
 * @RESLIB_SUBMISSION_CANCELLED: cancelled by the user (the endpoint was told to forget it): never resumed; a
 *   new upload of the same package makes a new submission
 * @RESLIB_SUBMISSION_COMPLETE: the endpoint holds the whole package
 *
 * Where a submission stands, from its row and the pause, resume and cancel events of the audit log.
 */
typedef enum
{
  RESLIB_SUBMISSION_UNFINISHED,
  RESLIB_SUBMISSION_PAUSED,
  RESLIB_SUBMISSION_CANCELLED,
  RESLIB_SUBMISSION_COMPLETE,
} ReslibSubmissionState;

#define RESLIB_TYPE_UPLOAD (reslib_upload_get_type ())
G_DECLARE_FINAL_TYPE (ReslibUpload, reslib_upload, RESLIB, UPLOAD, ReslibJob)

GQuark        reslib_upload_error_quark           (void);

/* An upload of the package at @package_path to the tus endpoint @endpoint
 * (the creation URL, e.g. https://host/files). Requests (and the token) go
 * only to the endpoint's origin (scheme, host and port) over HTTPS; plain
 * http only to 127.0.0.1, localhost or [::1] and only when the environment
 * holds RESLIB_TEST_PLAIN_HTTP=1 (for tests). It resumes the unfinished
 * submission of the same package (same sha256) to the same endpoint, if any. */
ReslibUpload *reslib_upload_new                   (ReslibStore              *store,
                                                   const char               *package_path,
                                                   const char               *endpoint);
/* A submission of the project's package of @kind streamed from the store, with no package file: it resumes
 * the project's pending streamed submission of @kind to @endpoint, else freezes the package as the project
 * stands into a new one (see reslib-upload.c). */
ReslibUpload *reslib_upload_new_streamed          (ReslibStore              *store,
                                                   const char               *project_id,
                                                   const char               *kind,
                                                   const char               *endpoint);
gboolean      reslib_upload_get_streamed          (ReslibUpload             *self);
void          reslib_upload_set_profile           (ReslibUpload             *self,
                                                   ReslibProfile            *profile);
/* Whether packages of @kind go to the provincial endpoint: a contribution goes to the project lead (by hand,
 * mail or a shared folder) and never to the province; FALSE with %RESLIB_ERROR_BAD_FILE then. */
gboolean      reslib_upload_check_kind            (const char               *kind,
                                                   const char               *package_path,
                                                   GError                  **error);
/* FALSE with %RESLIB_ERROR_INVALID when @token is empty or holds anything but visible ASCII characters (a line
 * break, a control character, a space): such a token would break the request's headers. The message never
 * holds the token. */
/* Whether @url may be an endpoint: an https:// address (plain http only to this machine, and only when
 * the tests set RESLIB_TEST_PLAIN_HTTP=1). The upload checks this again with libcurl's own parser. */
gboolean      reslib_upload_check_endpoint        (const char               *url,
                                                   GError                  **error);
gboolean      reslib_upload_check_token           (const char               *token,
                                                   GError                  **error);
/* The bearer token: kept in memory only, never logged, stored or shown. A run refuses a token that
 * reslib_upload_check_token() refuses, before any request. */
void          reslib_upload_set_token             (ReslibUpload             *self,
                                                   const char               *token);
/* A PEM file of CAs to trust in addition to the system's. */
void          reslib_upload_set_ca_file           (ReslibUpload             *self,
                                                   const char               *ca_file);
/* The project (id of the local store) and package kind of a new submission. */
void          reslib_upload_set_project           (ReslibUpload             *self,
                                                   const char               *project_id);
void          reslib_upload_set_kind              (ReslibUpload             *self,
                                                   const char               *kind);
void          reslib_upload_set_bag_name          (ReslibUpload             *self,
                                                   const char               *bag_name);
/* Resume this submission (the package's sha256 must match its row). */
void          reslib_upload_set_submission_id     (ReslibUpload             *self,
                                                   const char               *submission_id);
/* 0 for the default; a size below %RESLIB_UPLOAD_MIN_CHUNK_SIZE counts as that minimum. */
void          reslib_upload_set_chunk_size        (ReslibUpload             *self,
                                                   guint64                   chunk_size);
/* Bytes per second, 0 for no limit. */
void          reslib_upload_set_max_send_speed    (ReslibUpload             *self,
                                                   guint64                   bytes_per_second);
/* How many times in a row a failing request is retried (default 10), the
 * first delay and the longest (default 1 s and 60 s). A request that makes no
 * progress counts as failing; a server's Retry-After is honoured up to 5 minutes. */
void          reslib_upload_set_retries           (ReslibUpload             *self,
                                                   guint                     max_retries,
                                                   guint                     first_delay_ms,
                                                   guint                     max_delay_ms);
/* How long requests that fail one after the other are retried before the run gives up, in seconds (default
 * %RESLIB_UPLOAD_RETRY_TIME_LIMIT; also the property ReslibUpload:retry-time-limit). */
void          reslib_upload_set_retry_time_limit  (ReslibUpload             *self,
                                                   guint                     seconds);
guint         reslib_upload_get_retry_time_limit  (ReslibUpload             *self);
/* A transfer slower than @bytes_per_second for @seconds is a stall and retried (default 1 KiB/s for 60 s). */
void          reslib_upload_set_low_speed         (ReslibUpload             *self,
                                                   guint                     bytes_per_second,
                                                   guint                     seconds);
/* After a run (or a failed one): */
const char   *reslib_upload_get_submission_id     (ReslibUpload             *self);
const char   *reslib_upload_get_sha256            (ReslibUpload             *self);
const char   *reslib_upload_get_upload_url        (ReslibUpload             *self);
guint64       reslib_upload_get_bytes_sent        (ReslibUpload             *self);
/* The SHA-256 of the whole tar once the endpoint holds it (computed on the way when it was not known). */
const char   *reslib_upload_get_tar_sha256        (ReslibUpload             *self);
const char   *reslib_upload_get_bag_name          (ReslibUpload             *self);
/* TRUE when the run found the submission already complete and sent nothing. */
gboolean      reslib_upload_get_was_complete      (ReslibUpload             *self);

/* Ends the unfinished upload of this package to this endpoint (found by the package's SHA-256, or the
 * submission set with reslib_upload_set_submission_id()) on the server and marks its submission cancelled. */
gboolean      reslib_upload_cancel                (ReslibUpload             *self,
                                                   GCancellable             *cancellable,
                                                   GError                  **error);

/* Ends a submission on the server (tus termination: DELETE), forgets its upload URL and marks it cancelled
 * (never resumed again). Fails, and changes nothing, when the endpoint could not be told; fails with
 * %RESLIB_ERROR_NOT_FOUND for a complete submission. A cancelled one counts as done at once. */
gboolean      reslib_upload_cancel_submission     (ReslibStore              *store,
                                                   const char               *submission_id,
                                                   const char               *token,
                                                   const char               *ca_file,
                                                   GCancellable             *cancellable,
                                                   GError                  **error);

ReslibSubmissionState reslib_submission_get_state (ReslibStore              *store,
                                                   ReslibRecord             *row);
gboolean      reslib_submission_is_streamed       (ReslibStore              *store,
                                                   ReslibRecord             *row);
/* Notes in the audit log that the user paused the submission (@paused) or resumed it. */
gboolean      reslib_submission_set_paused        (ReslibStore              *store,
                                                   const char               *submission_id,
                                                   gboolean                  paused,
                                                   GError                  **error);

G_END_DECLS
