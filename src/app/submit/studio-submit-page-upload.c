/* studio-submit-page-upload.c — the Submit page: a view of the session's upload queue
 *
 * The page owns no upload: "Upload" adds the package built last to the session's StudioUploadQueue, "Submit"
 * the project's package of the chosen kind streamed from the library with no file, and the
 * progress bar, the status line and the Pause, Resume (Retry after a failure) and Cancel Upload buttons show
 * and act on one item of it: the one added last on this page, else the latest of the project's. Below them
 * the queue lists every upload of the project with its state. A contribution is not offered for upload: it
 * goes to the project lead.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "reslib-labels.h"
#include "studio-submit-page-private.h"
#include "studio-tooltip.h"

static StudioUploadQueue *
get_queue (StudioSubmitPage *self)
{
  StudioSession *session = studio_page_get_session (STUDIO_PAGE (self));

  return session != NULL ? studio_session_get_upload_queue (session) : NULL;
}

static void
set_upload_status (StudioSubmitPage *self,
                   const char       *text,
                   gboolean          is_error)
{
  gtk_label_set_text (self->upload_status, text != NULL ? text : "");
  if (is_error)
    gtk_widget_add_css_class (GTK_WIDGET (self->upload_status), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->upload_status), "error");
}

/* The item's state on the progress bar, the status line and the buttons. */
static void
show_item (StudioSubmitPage *self)
{
  StudioUploadItem *item = self->item;
  const char *message;
  const char *hint;
  g_autofree char *status = NULL;
  gboolean failed;

  _studio_submit_page_show_built (self);
  if (item == NULL)
    {
      gtk_progress_bar_set_fraction (self->upload_progress, 0);
      gtk_progress_bar_set_text (self->upload_progress, "");
      _studio_submit_page_update_actions (self);
      return;
    }
  message = studio_upload_item_get_message (item);
  hint = studio_upload_item_get_hint (item);
  failed = studio_upload_item_get_state (item) == STUDIO_UPLOAD_FAILED || hint != NULL;
  gtk_progress_bar_set_fraction (self->upload_progress, studio_upload_item_get_fraction (item));
  gtk_progress_bar_set_text (self->upload_progress, studio_upload_item_get_progress_text (item));
  if (message != NULL && hint != NULL)
    status = g_strdup_printf ("%s\n%s", message, hint);
  else
    status = g_strdup (message != NULL ? message : hint);
  set_upload_status (self, status, failed || studio_upload_item_get_retries (item) > 0);
  /* A failed upload is retried by hand. */
  gtk_button_set_label (self->resume_button, studio_upload_item_get_state (item) == STUDIO_UPLOAD_FAILED
                                             ? _("R_etry") : _("R_esume"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->resume_button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  studio_upload_item_get_state (item) == STUDIO_UPLOAD_FAILED
                                  ? _("Retry") : _("Resume"), -1);
  _studio_submit_page_update_actions (self);
}

static void
item_notify_cb (StudioUploadItem *item,
                GParamSpec       *pspec,
                StudioSubmitPage *self)
{
  show_item (self);
}

/* Shows @item (NULL for none) on the page. */
static void
set_item (StudioSubmitPage *self,
          StudioUploadItem *item)
{
  if (self->item == item)
    return;
  if (self->item != NULL)
    g_signal_handlers_disconnect_by_func (self->item, item_notify_cb, self);
  g_set_object (&self->item, item);
  if (item != NULL)
    g_signal_connect_object (item, "notify", G_CALLBACK (item_notify_cb), self, 0);
  show_item (self);
}

/* The item to show for the current project: the one shown if it is of this project, else the one that runs,
 * else the latest. */
static void
choose_item (StudioSubmitPage *self)
{
  StudioUploadQueue *queue = get_queue (self);
  const char *project_id = studio_page_get_project_id (STUDIO_PAGE (self));
  StudioUploadItem *latest = NULL;
  guint n = queue != NULL ? g_list_model_get_n_items (G_LIST_MODEL (queue)) : 0;

  if (self->item != NULL && g_strcmp0 (studio_upload_item_get_project_id (self->item), project_id) == 0)
    return;
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(StudioUploadItem) item = g_list_model_get_item (G_LIST_MODEL (queue), i);

      if (g_strcmp0 (studio_upload_item_get_project_id (item), project_id) != 0)
        continue;
      latest = item;
      if (studio_upload_item_get_state (item) == STUDIO_UPLOAD_RUNNING)
        break;
    }
  set_item (self, latest);
}

/* ---------------------------------------------------------------------------------------------- */
/* The queue's list                                                                                */

static void
row_pause_cb (GtkButton        *button,
              StudioUploadItem *item)
{
  StudioSubmitPage *self = STUDIO_SUBMIT_PAGE (gtk_widget_get_ancestor (GTK_WIDGET (button), STUDIO_TYPE_SUBMIT_PAGE));

  if (self != NULL && get_queue (self) != NULL)
    studio_upload_queue_pause (get_queue (self), item);
}

static void
row_resume_cb (GtkButton        *button,
               StudioUploadItem *item)
{
  StudioSubmitPage *self = STUDIO_SUBMIT_PAGE (gtk_widget_get_ancestor (GTK_WIDGET (button), STUDIO_TYPE_SUBMIT_PAGE));

  if (self != NULL && get_queue (self) != NULL)
    {
      set_item (self, item);
      studio_upload_queue_resume (get_queue (self), item);
    }
}

static void
row_cancel_cb (GtkButton        *button,
               StudioUploadItem *item)
{
  StudioSubmitPage *self = STUDIO_SUBMIT_PAGE (gtk_widget_get_ancestor (GTK_WIDGET (button), STUDIO_TYPE_SUBMIT_PAGE));

  if (self != NULL && get_queue (self) != NULL)
    studio_upload_queue_cancel (get_queue (self), item);
}

static void
show_row (GtkWidget        *row,
          GParamSpec       *pspec,
          StudioUploadItem *item)
{
  GtkWidget *page = gtk_widget_get_ancestor (row, STUDIO_TYPE_SUBMIT_PAGE);
  GtkWidget *bar = g_object_get_data (G_OBJECT (row), "bar");
  const char *message = studio_upload_item_get_message (item);
  const char *text = studio_upload_item_get_progress_text (item);
  g_autofree char *subtitle = NULL;
  g_autofree char *escaped = NULL;

  if (message != NULL && text != NULL)
    /* Translators: an upload in the queue: its progress, then what happens or happened */
    subtitle = g_strdup_printf (_("%s · %s"), text, message);
  else
    subtitle = g_strdup (text != NULL ? text : message);
  escaped = g_markup_escape_text (subtitle != NULL ? subtitle : "", -1);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), escaped);
  gtk_progress_bar_set_fraction (GTK_PROGRESS_BAR (bar), studio_upload_item_get_fraction (item));
  gtk_widget_set_visible (g_object_get_data (G_OBJECT (row), "pause"), studio_upload_item_can_pause (item));
  gtk_widget_set_visible (g_object_get_data (G_OBJECT (row), "resume"), studio_upload_item_can_resume (item));
  gtk_widget_set_visible (g_object_get_data (G_OBJECT (row), "cancel"), studio_upload_item_can_cancel (item));
  if (studio_upload_item_get_state (item) == STUDIO_UPLOAD_FAILED)
    gtk_widget_add_css_class (row, "error");
  else
    gtk_widget_remove_css_class (row, "error");
  /* The history says which submission runs; the run writes its row from a connection of its own. */
  if (page != NULL && pspec != NULL &&
      (g_strcmp0 (pspec->name, "state") == 0 || g_strcmp0 (pspec->name, "submission-id") == 0))
    _studio_submit_page_schedule_reload (STUDIO_SUBMIT_PAGE (page));
}

static GtkWidget *
row_button (GtkWidget        *row,
            const char       *icon,
            const char       *tooltip,
            GCallback         callback,
            StudioUploadItem *item)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  studio_tooltip_set (button, tooltip);
  studio_set_accessible_label (button, tooltip);
  g_signal_connect_object (button, "clicked", callback, item, 0);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);

  return button;
}

static GtkWidget *
create_queue_row (gpointer object,
                  gpointer user_data)
{
  StudioUploadItem *item = object;
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *bar = gtk_progress_bar_new ();
  g_autofree char *name = studio_upload_item_dup_display_name (item);
  g_autofree char *title = NULL;
  g_autofree char *escaped = NULL;

  /* Translators: an upload in the queue: the package's kind, then its file */
  title = g_strdup_printf (_("%s — %s"), reslib_label_package_kind (studio_upload_item_get_kind (item)), name);
  escaped = g_markup_escape_text (title, -1);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), escaped);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 3);
  studio_set_accessible_label (row, title);
  gtk_widget_set_valign (bar, GTK_ALIGN_CENTER);
  gtk_widget_set_size_request (bar, 96, -1);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), bar);
  g_object_set_data (G_OBJECT (row), "bar", bar);
  g_object_set_data (G_OBJECT (row), "pause",
                     row_button (row, "media-playback-pause-symbolic", _("Pause This Upload"),
                                 G_CALLBACK (row_pause_cb), item));
  g_object_set_data (G_OBJECT (row), "resume",
                     row_button (row, "media-playback-start-symbolic", _("Resume This Upload"),
                                 G_CALLBACK (row_resume_cb), item));
  g_object_set_data (G_OBJECT (row), "cancel",
                     row_button (row, "process-stop-symbolic", _("Cancel This Upload"),
                                 G_CALLBACK (row_cancel_cb), item));
  g_signal_connect_object (item, "notify", G_CALLBACK (show_row), row, G_CONNECT_SWAPPED);
  show_row (row, NULL, item);

  return row;
}

static gboolean
of_project (gpointer object,
            gpointer user_data)
{
  StudioSubmitPage *self = user_data;

  return g_strcmp0 (studio_upload_item_get_project_id (object), studio_page_get_project_id (STUDIO_PAGE (self))) == 0;
}

static void
queue_changed_cb (GListModel       *model,
                  guint             position,
                  guint             removed,
                  guint             added,
                  StudioSubmitPage *self)
{
  choose_item (self);
  gtk_widget_set_visible (self->queue_group, self->queue_model != NULL &&
                                             g_list_model_get_n_items (G_LIST_MODEL (self->queue_model)) > 0);
}

/**
 * _studio_submit_page_show_queue:
 *
 * Shows the session's queue (the session or its project changed).
 */
void
_studio_submit_page_show_queue (StudioSubmitPage *self)
{
  StudioUploadQueue *queue = get_queue (self);

  if (self->queue_model == NULL || gtk_filter_list_model_get_model (self->queue_model) != G_LIST_MODEL (queue))
    {
      g_autoptr(GtkCustomFilter) filter = gtk_custom_filter_new (of_project, self, NULL);

      if (self->queue_model != NULL)
        g_signal_handlers_disconnect_by_func (self->queue_model, queue_changed_cb, self);
      g_clear_object (&self->queue_model);
      if (queue != NULL)
        {
          self->queue_model = gtk_filter_list_model_new (g_object_ref (G_LIST_MODEL (queue)),
                                                         GTK_FILTER (g_steal_pointer (&filter)));
          g_signal_connect (self->queue_model, "items-changed", G_CALLBACK (queue_changed_cb), self);
        }
      gtk_list_box_bind_model (self->queue_list, G_LIST_MODEL (self->queue_model), create_queue_row, self, NULL);
    }
  else
    gtk_filter_changed (gtk_filter_list_model_get_filter (self->queue_model), GTK_FILTER_CHANGE_DIFFERENT);
  if (self->item != NULL && g_strcmp0 (studio_upload_item_get_project_id (self->item),
                                       studio_page_get_project_id (STUDIO_PAGE (self))) != 0)
    set_item (self, NULL);
  queue_changed_cb (NULL, 0, 0, 0, self);
}

void
_studio_submit_page_forget_queue (StudioSubmitPage *self)
{
  set_item (self, NULL);
  if (self->queue_model != NULL)
    g_signal_handlers_disconnect_by_func (self->queue_model, queue_changed_cb, self);
  if (self->queue_list != NULL)
    gtk_list_box_bind_model (self->queue_list, NULL, NULL, NULL, NULL);
  g_clear_object (&self->queue_model);
}

/* ---------------------------------------------------------------------------------------------- */
/* Actions                                                                                         */

void
_studio_submit_page_upload_action (GtkWidget  *widget,
                                   const char *action_name,
                                   GVariant   *parameter)
{
  StudioSubmitPage *self = STUDIO_SUBMIT_PAGE (widget);
  StudioUploadQueue *queue = get_queue (self);
  g_autoptr(GError) error = NULL;
  StudioUploadItem *item;

  if (self->built_path == NULL || queue == NULL)
    return;
  item = studio_upload_queue_add (queue, self->built_project, self->built_path, self->built_kind, &error);
  if (item == NULL)
    {
      set_item (self, NULL);
      set_upload_status (self, error->message, TRUE);
      return;
    }
  set_item (self, item);
}

/* "Submit": the project's package of the kind chosen, streamed from the library into the upload with no file
 * (the queue resumes the project's pending streamed submission of that kind, or freezes the package then). */
void
_studio_submit_page_submit_action (GtkWidget  *widget,
                                   const char *action_name,
                                   GVariant   *parameter)
{
  StudioSubmitPage *self = STUDIO_SUBMIT_PAGE (widget);
  StudioUploadQueue *queue = get_queue (self);
  const char *project_id = studio_page_get_project_id (STUDIO_PAGE (self));
  const char *kind = _studio_submit_page_selected_kind (self);
  g_autoptr(ReslibProfile) profile = NULL;
  g_autoptr(GError) error = NULL;
  StudioUploadItem *item;

  if (queue == NULL || project_id == NULL || g_strcmp0 (kind, "contribution") == 0)
    return;
  if (g_strcmp0 (kind, "application") == 0 && (profile = studio_page_get_profile (STUDIO_PAGE (self), &error)) == NULL)
    {
      set_upload_status (self, error->message, TRUE);
      return;
    }
  item = studio_upload_queue_submit (queue, project_id, kind, profile, &error);
  if (item == NULL)
    {
      set_item (self, NULL);
      set_upload_status (self, error->message, TRUE);
      return;
    }
  set_item (self, item);
}

void
_studio_submit_page_resume_action (GtkWidget  *widget,
                                   const char *action_name,
                                   GVariant   *parameter)
{
  StudioSubmitPage *self = STUDIO_SUBMIT_PAGE (widget);
  StudioUploadQueue *queue = get_queue (self);
  g_autoptr(GError) error = NULL;
  StudioUploadItem *item;

  if (queue == NULL)
    return;
  /* submit.resume-submission names the submission (a row of the history); submit.resume the one shown. */
  if (parameter == NULL)
    {
      if (self->item != NULL)
        studio_upload_queue_resume (queue, self->item);
      return;
    }
  item = studio_upload_queue_resume_submission (queue, g_variant_get_string (parameter, NULL), &error);
  if (item == NULL)
    {
      set_upload_status (self, error->message, TRUE);
      return;
    }
  set_item (self, item);
}

void
_studio_submit_page_pause_action (GtkWidget  *widget,
                                  const char *action_name,
                                  GVariant   *parameter)
{
  StudioSubmitPage *self = STUDIO_SUBMIT_PAGE (widget);

  if (self->item != NULL && get_queue (self) != NULL)
    studio_upload_queue_pause (get_queue (self), self->item);
}

void
_studio_submit_page_cancel_upload_action (GtkWidget  *widget,
                                          const char *action_name,
                                          GVariant   *parameter)
{
  StudioSubmitPage *self = STUDIO_SUBMIT_PAGE (widget);

  if (self->item != NULL && get_queue (self) != NULL)
    studio_upload_queue_cancel (get_queue (self), self->item);
}
