/* studio-session.h — what the application holds while it runs: the store, the current project,
 * the rule profile and the settings; windows and pages are views of it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "reslib-core.h"
#include "studio-row-loader.h"
#include "studio-search-worker.h"
#include "studio-settings.h"
#include "studio-undo-stack.h"
#include "studio-upload-queue.h"

G_BEGIN_DECLS

#define STUDIO_TYPE_SESSION (studio_session_get_type ())
G_DECLARE_FINAL_TYPE (StudioSession, studio_session, STUDIO, SESSION, GObject)

StudioSession  *studio_session_new            (ReslibStore    *store,
                                               StudioSettings *settings);
ReslibStore    *studio_session_get_store      (StudioSession  *self);
StudioSettings *studio_session_get_settings   (StudioSession  *self);
StudioUndoStack *studio_session_get_undo_stack (StudioSession *self);
const char     *studio_session_get_project_id (StudioSession  *self);
void            studio_session_set_project_id (StudioSession  *self,
                                               const char     *project_id);
ReslibRecord   *studio_session_get_project    (StudioSession  *self);
ReslibProjectRole studio_session_get_project_role (StudioSession *self);
gboolean        studio_session_get_lead       (StudioSession  *self);
ReslibProfile  *studio_session_get_profile    (StudioSession  *self,
                                               GError        **error);
StudioSearchWorker *studio_session_get_search_worker (StudioSession *self);
StudioRowLoader *studio_session_get_row_loader (StudioSession *self);
GListModel     *studio_session_get_jobs       (StudioSession  *self);
StudioUploadQueue *studio_session_get_upload_queue (StudioSession *self);
void            studio_session_add_job        (StudioSession  *self,
                                               ReslibJob      *job);

/* Telling the user, through whatever shows the session (::add-toast, ::show-error). */
void            studio_session_add_toast      (StudioSession  *self,
                                               AdwToast       *toast);
void            studio_session_toast          (StudioSession  *self,
                                               const char     *message);
void            studio_session_show_error     (StudioSession  *self,
                                               const char     *heading,
                                               const GError   *error);

G_END_DECLS
