/* studio-upload-queue.h — the session's uploads: a list model of StudioUploadItem, run one at a time
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "reslib-core.h"
#include "studio-settings.h"
#include "studio-upload-item.h"

G_BEGIN_DECLS

#define STUDIO_TYPE_UPLOAD_QUEUE (studio_upload_queue_get_type ())
G_DECLARE_FINAL_TYPE (StudioUploadQueue, studio_upload_queue, STUDIO, UPLOAD_QUEUE, GObject)

StudioUploadQueue *studio_upload_queue_new                (ReslibStore        *store,
                                                           StudioSettings     *settings);
StudioUploadItem  *studio_upload_queue_add                (StudioUploadQueue  *self,
                                                           const char         *project_id,
                                                           const char         *package_path,
                                                           const char         *kind,
                                                           GError            **error);
StudioUploadItem  *studio_upload_queue_submit             (StudioUploadQueue  *self,
                                                           const char         *project_id,
                                                           const char         *kind,
                                                           ReslibProfile      *profile,
                                                           GError            **error);
StudioUploadItem  *studio_upload_queue_resume_submission  (StudioUploadQueue  *self,
                                                           const char         *submission_id,
                                                           GError            **error);
void               studio_upload_queue_resume_unfinished  (StudioUploadQueue  *self,
                                                           const char         *project_id);
StudioUploadItem  *studio_upload_queue_find               (StudioUploadQueue  *self,
                                                           const char         *submission_id);
void               studio_upload_queue_pause              (StudioUploadQueue  *self,
                                                           StudioUploadItem   *item);
void               studio_upload_queue_resume             (StudioUploadQueue  *self,
                                                           StudioUploadItem   *item);
void               studio_upload_queue_cancel             (StudioUploadQueue  *self,
                                                           StudioUploadItem   *item);
gboolean           studio_upload_queue_is_busy            (StudioUploadQueue  *self);
void               studio_upload_queue_shutdown           (StudioUploadQueue  *self);
/* For tests: how long failing requests are retried (ReslibUpload:retry-time-limit), 0 for the core's default. */
void               studio_upload_queue_set_retry_time_limit (StudioUploadQueue *self,
                                                           guint               seconds);

G_END_DECLS
