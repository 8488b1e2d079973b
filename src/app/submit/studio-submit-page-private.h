/* studio-submit-page-private.h — what the Submit page's files share
 *
 * The page is split by concern: studio-submit-page.c (the page, its output file and the resources
 * chosen for a contribution), -build.c (building a package), -upload.c (the view of the session's
 * upload queue: upload, pause, resume, cancel) and -history.c (the list of the project's submissions).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "reslib-upload.h"
#include "studio-settings.h"
#include "studio-upload-queue.h"
#include "studio-submit-page.h"

G_BEGIN_DECLS

struct _StudioSubmitPage
{
  StudioPage            parent_instance;

  StudioSettings       *settings;
  gboolean              disposed;

  /* Building */
  char                 *output_path;
  gboolean              output_chosen;    /* by the user, not the default name */
  gboolean              replace_confirmed; /* the file chooser asked before choosing a file that exists */
  GCancellable         *pack_cancellable; /* non-NULL while building */
  char                 *built_path;
  char                 *built_kind;
  char                 *built_project;
  GHashTable           *chosen;           /* resource ids for a chosen contribution */

  /* Uploading: a view of the session's queue */
  StudioUploadItem     *item;             /* the upload shown */
  GtkFilterListModel   *queue_model;      /* the queue's items of the project */

  guint                 reload_id;
  GHashTable           *expanded;         /* ids of the history rows the user opened */

  AdwComboRow          *kind_row;
  AdwComboRow          *resources_row;
  AdwActionRow         *output_row;
  GtkWidget            *choose_box;
  GtkLabel             *choose_label;
  GtkListView          *choose_view;
  GtkSignalListItemFactory *choose_factory;
  GtkProgressBar       *pack_progress;
  GtkWidget            *pack_cancel_button;
  GtkWidget            *pack_message_box;
  GtkLabel             *pack_message;
  GtkWidget            *open_checks_button;
  GtkWidget            *show_in_folder_button;
  GtkWidget            *upload_group;     /* hidden for a teacher: only the lead uploads */
  AdwActionRow         *upload_package_row;
  AdwActionRow         *endpoint_row;
  GtkProgressBar       *upload_progress;
  GtkLabel             *upload_status;
  GtkButton            *resume_button;
  GtkWidget            *submit_button;
  GtkWidget            *queue_group;
  GtkListBox           *queue_list;
  GtkListBox           *submissions_list;
};

/* Building: a pack runs; uploading: an upload runs, or its token is being looked up. */
static inline gboolean
_studio_submit_page_is_building (StudioSubmitPage *self)
{
  return self->pack_cancellable != NULL;
}

static inline gboolean
_studio_submit_page_is_uploading (StudioSubmitPage *self)
{
  StudioUploadState state = self->item != NULL ? studio_upload_item_get_state (self->item) : STUDIO_UPLOAD_DONE;

  return state == STUDIO_UPLOAD_QUEUED || state == STUDIO_UPLOAD_RUNNING || state == STUDIO_UPLOAD_CANCELLING;
}

/* studio-submit-page.c */
const char *_studio_submit_page_selected_kind         (StudioSubmitPage  *self);
char       *_studio_submit_page_get_setting           (StudioSubmitPage  *self,
                                                       const char        *key);
void        _studio_submit_page_update_actions        (StudioSubmitPage  *self);
void        _studio_submit_page_show_pack_message     (StudioSubmitPage  *self,
                                                       const char        *message,
                                                       gboolean           is_error,
                                                       gboolean           offer_checks);
void        _studio_submit_page_show_built            (StudioSubmitPage  *self);
void        _studio_submit_page_update_default_output (StudioSubmitPage  *self);
void        _studio_submit_page_schedule_reload       (StudioSubmitPage  *self);

/* studio-submit-page-build.c */
void        _studio_submit_page_show_in_folder_action (GtkWidget         *widget,
                                                      const char        *action_name,
                                                      GVariant          *parameter);
void        _studio_submit_page_build_action          (GtkWidget         *widget,
                                                       const char        *action_name,
                                                       GVariant          *parameter);
void        _studio_submit_page_cancel_build_action   (GtkWidget         *widget,
                                                       const char        *action_name,
                                                       GVariant          *parameter);
void        _studio_submit_page_open_checks_action    (GtkWidget         *widget,
                                                       const char        *action_name,
                                                       GVariant          *parameter);

/* studio-submit-page-upload.c */
void        _studio_submit_page_upload_action         (GtkWidget         *widget,
                                                       const char        *action_name,
                                                       GVariant          *parameter);
void        _studio_submit_page_submit_action         (GtkWidget         *widget,
                                                       const char        *action_name,
                                                       GVariant          *parameter);
void        _studio_submit_page_pause_action          (GtkWidget         *widget,
                                                       const char        *action_name,
                                                       GVariant          *parameter);
void        _studio_submit_page_resume_action         (GtkWidget         *widget,
                                                       const char        *action_name,
                                                       GVariant          *parameter);
void        _studio_submit_page_cancel_upload_action  (GtkWidget         *widget,
                                                       const char        *action_name,
                                                       GVariant          *parameter);
void        _studio_submit_page_show_queue            (StudioSubmitPage  *self);
void        _studio_submit_page_forget_queue          (StudioSubmitPage  *self);

/* studio-submit-page-history.c */
void        _studio_submit_page_load_submissions      (StudioSubmitPage  *self);

G_END_DECLS
