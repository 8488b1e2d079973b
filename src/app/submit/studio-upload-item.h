/* studio-upload-item.h — one submission in the upload queue, as the Submit page shows it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "reslib-core.h"

G_BEGIN_DECLS

/**
 * StudioUploadState:
 * @STUDIO_UPLOAD_QUEUED: waiting for its turn (one upload runs at a time)
 * @STUDIO_UPLOAD_RUNNING: looking up the token, reading the package, connecting, sending or waiting to retry
 * @STUDIO_UPLOAD_PAUSED: paused by the user (or by a failed Cancel): resumed only when the user resumes it
 * @STUDIO_UPLOAD_FAILED: stopped on an error; :message and :hint say why and what to do; Retry resumes it
 * @STUDIO_UPLOAD_CANCELLING: the endpoint is being told to forget it
 * @STUDIO_UPLOAD_CANCELLED: ended for good
 * @STUDIO_UPLOAD_DONE: the endpoint holds the whole package
 */
typedef enum
{
  STUDIO_UPLOAD_QUEUED,
  STUDIO_UPLOAD_RUNNING,
  STUDIO_UPLOAD_PAUSED,
  STUDIO_UPLOAD_FAILED,
  STUDIO_UPLOAD_CANCELLING,
  STUDIO_UPLOAD_CANCELLED,
  STUDIO_UPLOAD_DONE,
} StudioUploadState;

GType studio_upload_state_get_type (void) G_GNUC_CONST;
#define STUDIO_TYPE_UPLOAD_STATE (studio_upload_state_get_type ())

#define STUDIO_TYPE_UPLOAD_ITEM (studio_upload_item_get_type ())
G_DECLARE_FINAL_TYPE (StudioUploadItem, studio_upload_item, STUDIO, UPLOAD_ITEM, GObject)

StudioUploadItem  *studio_upload_item_new              (const char           *project_id,
                                                        const char           *package_path,
                                                        const char           *kind,
                                                        const char           *endpoint);
StudioUploadItem  *studio_upload_item_new_streamed     (const char           *project_id,
                                                        const char           *package_name,
                                                        const char           *kind,
                                                        const char           *endpoint);
gboolean           studio_upload_item_get_streamed     (StudioUploadItem     *self);
char              *studio_upload_item_dup_display_name (StudioUploadItem     *self);
const char        *studio_upload_item_get_project_id   (StudioUploadItem     *self);
const char        *studio_upload_item_get_package_path (StudioUploadItem     *self);
const char        *studio_upload_item_get_kind         (StudioUploadItem     *self);
const char        *studio_upload_item_get_endpoint     (StudioUploadItem     *self);
const char        *studio_upload_item_get_submission_id (StudioUploadItem    *self);
void               studio_upload_item_set_submission_id (StudioUploadItem    *self,
                                                        const char           *submission_id);
StudioUploadState  studio_upload_item_get_state        (StudioUploadItem     *self);
void               studio_upload_item_set_state        (StudioUploadItem     *self,
                                                        StudioUploadState     state);
/* Whether Pause, Resume (or Retry) and Cancel apply now. */
gboolean           studio_upload_item_can_pause        (StudioUploadItem     *self);
gboolean           studio_upload_item_can_resume       (StudioUploadItem     *self);
gboolean           studio_upload_item_can_cancel       (StudioUploadItem     *self);
double             studio_upload_item_get_fraction     (StudioUploadItem     *self);
/* One line for the progress bar ("1.2 MB of 8 MB — 512 kB/s — about 3 min left", "Paused") */
const char        *studio_upload_item_get_progress_text (StudioUploadItem    *self);
/* What happens or happened, in a sentence ("Retrying (3) in 20 s…", "The upload failed: …") */
const char        *studio_upload_item_get_message      (StudioUploadItem     *self);
/* What to do about a failure ("Check the token in Preferences."), or NULL */
const char        *studio_upload_item_get_hint         (StudioUploadItem     *self);
const char        *studio_upload_item_get_last_error   (StudioUploadItem     *self);
guint              studio_upload_item_get_retries      (StudioUploadItem     *self);
guint64            studio_upload_item_get_bytes_done   (StudioUploadItem     *self);
guint64            studio_upload_item_get_bytes_total  (StudioUploadItem     *self);
double             studio_upload_item_get_rate         (StudioUploadItem     *self);
gint64             studio_upload_item_get_eta          (StudioUploadItem     *self);

/* For the queue: shows a job's progress, a state with its sentence, or a failure with its hint. */
void               studio_upload_item_show_progress    (StudioUploadItem     *self,
                                                        const ReslibProgress *progress,
                                                        const char           *job_message);
void               studio_upload_item_show             (StudioUploadItem     *self,
                                                        StudioUploadState     state,
                                                        const char           *progress_text,
                                                        const char           *message);
void               studio_upload_item_show_error       (StudioUploadItem     *self,
                                                        StudioUploadState     state,
                                                        const char           *progress_text,
                                                        const char           *message,
                                                        const GError         *error);
/* The hint for an upload's error: what the user can do about it. */
const char        *studio_upload_error_hint            (const GError         *error);

G_END_DECLS
