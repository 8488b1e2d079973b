/* reslib-upload-private.h — what the upload's files share: the object, one run and their calls
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * reslib-upload.c holds the ReslibUpload object and runs it (in the calling thread or a worker);
 * reslib-tus-client.c speaks tus to the endpoint, over the HTTP of reslib-tus-http.c (libcurl; what the two
 * share is in reslib-tus-private.h); reslib-submission.c keeps the package's digest and the submissions row a
 * later run resumes from; reslib-upload-run.c reports a run's progress and makes its messages; reslib-upload-body.c reads and hashes a PATCH's body in threads of their own. All of them work on one Run, each using only the ones after it in this list.
 */
#pragma once

#include <curl/curl.h>
#include <time.h>

#include "reslib-digest.h"
#include "reslib-pack-stream.h"
#include "reslib-profile.h"
#include "reslib-store.h"
#include "reslib-upload.h"

G_BEGIN_DECLS

typedef struct _ReslibUploadBody ReslibUploadBody;

/* How often, in bytes of the tar, the state of its digest is kept while a request sends it: a resume hashes
 * at most this much of the package again (locally; nothing is sent twice that the server holds). */
#define RESLIB_UPLOAD_CHECKPOINT_SIZE (G_GUINT64_CONSTANT (32) * 1024 * 1024)
/* A checkpoint is kept once this much more was sent after it: what a cut connection may lose on the way (in
 * the buffers of proxies and of the server), so that the server still holds the checkpoint's bytes. */
#define RESLIB_UPLOAD_CHECKPOINT_LAG  (G_GUINT64_CONSTANT (4) * 1024 * 1024)

/* The state of the tar's digest after its first @offset bytes */
typedef struct
{
  guint64 offset;
  guint8  state[RESLIB_SHA256_STATE_SIZE];
} Checkpoint;

struct _ReslibUpload
{
  ReslibJob                 parent_instance;

  ReslibStore              *store;
  char                     *package_path;
  char                     *endpoint;
  char                     *token;
  char                     *ca_file;
  char                     *project_id;
  char                     *kind;
  char                     *bag_name;
  char                     *submission_id;
  gboolean                  streamed;       /* the project's package, streamed from the store (submit) */
  ReslibProfile            *profile;        /* the rule profile that gates an application package (streamed) */
  guint64                   chunk_size;
  guint64                   max_send_speed;
  guint                     max_retries;
  guint                     first_delay_ms;
  guint                     max_delay_ms;
  guint                     low_speed_limit;
  guint                     low_speed_time;
  guint                     retry_time_limit;  /* seconds */

  /* What the last run found */
  char                     *sha256;         /* what identifies the package in its row: the tar's SHA-256, or
                                             * the bag's digest when sha256_is_bag */
  gboolean                  sha256_is_bag;
  char                     *tar_sha256;     /* the tar's SHA-256, computed while it was sent (the receipt) */
  char                     *upload_url;
  guint64                   bytes_sent;
  gboolean                  was_complete;
};

/* The stage of a run, named in its progress (see reslib-upload.h) */
typedef enum
{
  UPLOAD_STAGE_NONE,
  UPLOAD_STAGE_HASHING,
  UPLOAD_STAGE_PREPARING,
  UPLOAD_STAGE_CONNECTING,
  UPLOAD_STAGE_SENDING,
  UPLOAD_STAGE_WAITING,
  UPLOAD_STAGE_DONE,
} UploadStage;

/* What to do after a request */
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
  gboolean           reports;       /* a run of the job, which reports its progress (not a cancel) */
  CURL              *curl;
  int                fd;
  ReslibPackStream  *stream;        /* a streamed package (the body comes from it, not from fd) */
  GError            *body_error;    /* why the body could not be read: a damaged blob, say */
  ReslibSha256Resumable *tar_md;    /* the tar's digest while it is sent, when it was not known before */
  guint64            hashed_to;     /* the bytes of the tar in tar_md */
  Checkpoint         mark;          /* the digest's state last saved in the row (offset 0: none) */
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
  ReslibUploadBody  *body;          /* the lane that reads it ahead */

  /* Progress */
  UploadStage        stage;
  guint              retries;
  gint64             failing_since_us; /* monotonic time of the first failure of the current run of them, or 0 */
  gint64             wait_until_us;    /* while waiting to retry: when the next try starts */
  char              *last_error;
  char              *retry_after;   /* of the last reply that is retried */
  gint64             last_emit_us;
  gint64             rate_time_us;
  guint64            rate_bytes;
  double             rate;
} Run;

/* reslib-upload-run.c: progress */
void          _reslib_upload_emit_progress        (Run                 *run,
                                                   gboolean             force);
void          _reslib_upload_set_stage            (Run                 *run,
                                                   UploadStage          stage);

/* reslib-upload-run.c: messages, never with the token in them */
char         *_reslib_upload_scrub                (const char          *text,
                                                   const char          *token);
void          _reslib_upload_set_error            (Run                 *run,
                                                   GError             **error,
                                                   GQuark               domain,
                                                   int                  code,
                                                   const char          *format,
                                                   ...) G_GNUC_PRINTF (5, 6);

/* reslib-tus-http.c: addresses */
gboolean      _reslib_tus_plain_http_allowed      (void);
char         *_reslib_tus_url_origin              (const char          *url);
gboolean      _reslib_tus_check_url               (const char          *url,
                                                   GError             **error);

/* reslib-tus-http.c: the handle, and the wait between tries */
void          _reslib_tus_open                    (Run                 *run);
void          _reslib_tus_close                   (Run                 *run);
gboolean      _reslib_tus_wait_to_retry           (Run                 *run,
                                                   GError             **error);

/* reslib-tus-client.c: the tus requests */
gboolean      _reslib_tus_options                 (Run                 *run,
                                                   GError             **error);
Outcome       _reslib_tus_create                  (Run                 *run,
                                                   GError             **error);
Outcome       _reslib_tus_head                    (Run                 *run,
                                                   GError             **error);
Outcome       _reslib_tus_patch                   (Run                 *run,
                                                   GError             **error);
Outcome       _reslib_tus_delete                  (Run                 *run,
                                                   const char          *url,
                                                   GError             **error);

/* reslib-upload-body.c: the body of a PATCH, read ahead and the tar's digest taken, in threads of their own */
ReslibUploadBody *_reslib_upload_body_start       (Run                 *run,
                                                   guint64              offset,
                                                   guint64              length);
gssize        _reslib_upload_body_take            (ReslibUploadBody    *body,
                                                   void                *buffer,
                                                   gsize                len);
gboolean      _reslib_upload_body_take_checkpoint (ReslibUploadBody    *body,
                                                   guint64              sent,
                                                   Checkpoint          *out);
GError       *_reslib_upload_body_finish          (ReslibUploadBody    *body);

/* reslib-submission.c */
gboolean      _reslib_submission_open_package     (Run                 *run,
                                                   GError             **error);
gboolean      _reslib_submission_open_stream      (Run                 *run,
                                                   GError             **error);
gssize        _reslib_submission_read             (Run                 *run,
                                                   guint64              offset,
                                                   void                *buffer,
                                                   gsize                len,
                                                   GError             **error);
gboolean      _reslib_submission_hash_to          (Run                 *run,
                                                   guint64              offset,
                                                   GError             **error);
gboolean      _reslib_submission_save_hash        (Run                 *run,
                                                   GError             **error);
gboolean      _reslib_submission_save_checkpoint  (Run                 *run,
                                                   const Checkpoint    *checkpoint,
                                                   GError             **error);
gboolean      _reslib_submission_find             (Run                 *run,
                                                   GError             **error);
gboolean      _reslib_submission_save             (Run                 *run,
                                                   const char * const  *fields,
                                                   const char * const  *values,
                                                   GError             **error);
gboolean      _reslib_submission_save_offset      (Run                 *run,
                                                   const char          *expires_at,
                                                   GError             **error);
gboolean      _reslib_submission_save_upload      (Run                 *run,
                                                   const char          *expires_at,
                                                   GError             **error);
gboolean      _reslib_submission_note_attempt     (Run                 *run,
                                                   gboolean             with_last_error,
                                                   GError             **error);
gboolean      _reslib_submission_complete         (Run                 *run,
                                                   GError             **error);
gboolean      _reslib_submission_forget_upload    (ReslibStore         *store,
                                                   const char          *submission_id,
                                                   GError             **error);

G_END_DECLS
