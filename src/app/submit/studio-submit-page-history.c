/* studio-submit-page-history.c — the Submit page: the project's submissions
 *
 * One expander row per submission: its kind, date, size and state, a Resume button while it is
 * unfinished, and its details (digest and server, with a Copy button; file; last error). The list
 * is rebuilt while an upload saves its progress; the rows the user opened stay open.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "reslib-labels.h"
#include "studio-submit-page-private.h"
#include "studio-tooltip.h"

static char *
format_local_time (const char *iso)
{
  g_autoptr(GDateTime) time = iso != NULL ? g_date_time_new_from_iso8601 (iso, NULL) : NULL;
  g_autoptr(GDateTime) local = time != NULL ? g_date_time_to_local (time) : NULL;

  return local != NULL ? g_date_time_format (local, "%Y-%m-%d %H:%M") : g_strdup (iso != NULL ? iso : "");
}


static void
copy_clicked_cb (GtkButton *button,
                 gpointer   user_data)
{
  const char *text = g_object_get_data (G_OBJECT (button), "text");
  StudioPage *page = STUDIO_PAGE (gtk_widget_get_ancestor (GTK_WIDGET (button), STUDIO_TYPE_PAGE));

  gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (button)), text);
  if (page != NULL)
    studio_page_toast (page, _("Copied"));
}

static void
add_detail (AdwExpanderRow *expander,
            const char     *title,
            const char     *value,
            gboolean        copy)
{
  AdwActionRow *row;
  GtkWidget *label;

  if (value == NULL || *value == '\0')
    return;
  row = ADW_ACTION_ROW (adw_action_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  label = gtk_label_new (value);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_CHAR);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_widget_set_margin_top (label, 6);
  gtk_widget_set_margin_bottom (label, 6);
  studio_set_accessible_label (label, title);
  adw_action_row_add_suffix (row, label);
  if (copy)
    {
      GtkWidget *button = gtk_button_new_from_icon_name ("edit-copy-symbolic");
      g_autofree char *tip = g_strdup_printf (_("Copy %s"), title);

      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (button, "flat");
      studio_tooltip_set (button, tip);
      studio_set_accessible_label (button, tip);
      g_object_set_data_full (G_OBJECT (button), "text", g_strdup (value), g_free);
      g_signal_connect (button, "clicked", G_CALLBACK (copy_clicked_cb), NULL);
      adw_action_row_add_suffix (row, button);
    }
  adw_expander_row_add_row (expander, GTK_WIDGET (row));
}

static void
row_expanded_cb (AdwExpanderRow   *row,
                 GParamSpec       *pspec,
                 StudioSubmitPage *self)
{
  const char *id = g_object_get_data (G_OBJECT (row), "submission-id");

  if (adw_expander_row_get_expanded (row))
    g_hash_table_add (self->expanded, g_strdup (id));
  else
    g_hash_table_remove (self->expanded, id);
}

static GtkWidget *
create_submission_row (gpointer item,
                       gpointer user_data)
{
  StudioSubmitPage *self = user_data;
  ReslibRecord *record = item;
  AdwExpanderRow *row = ADW_EXPANDER_ROW (adw_expander_row_new ());
  const char *completed = reslib_record_get (record, "completed_at");
  const char *last_error = reslib_record_get (record, "last_error");
  gint64 size = reslib_record_get_int (record, "size", 0);
  gint64 offset = reslib_record_get_int (record, "upload_offset", 0);
  g_autofree char *date = format_local_time (reslib_record_get (record, "created_at"));
  g_autofree char *size_text = g_format_size ((guint64) MAX (size, 0));
  g_autofree char *offset_text = g_format_size ((guint64) MAX (offset, 0));
  g_autofree char *title = NULL;
  g_autofree char *state = NULL;
  g_autofree char *subtitle = NULL;
  g_autofree char *escaped = NULL;
  StudioSession *session = studio_page_get_session (STUDIO_PAGE (self));
  StudioUploadQueue *queue = session != NULL ? studio_session_get_upload_queue (session) : NULL;
  StudioUploadItem *queued = queue != NULL ? studio_upload_queue_find (queue, reslib_record_get_id (record)) : NULL;
  ReslibSubmissionState lifecycle = reslib_submission_get_state (studio_page_get_store (STUDIO_PAGE (self)), record);
  gboolean running = queued != NULL && (studio_upload_item_get_state (queued) == STUDIO_UPLOAD_RUNNING ||
                                      studio_upload_item_get_state (queued) == STUDIO_UPLOAD_QUEUED ||
                                      studio_upload_item_get_state (queued) == STUDIO_UPLOAD_CANCELLING);
  gboolean resumable = !running && (lifecycle == RESLIB_SUBMISSION_UNFINISHED || lifecycle == RESLIB_SUBMISSION_PAUSED) &&
                       g_strcmp0 (reslib_record_get (record, "kind"), "contribution") != 0;

  /* Translators: a submission in the history: its package kind and the date it was made */
  title = g_strdup_printf (_("%s — %s"), reslib_label_package_kind (reslib_record_get (record, "kind")),
                           date);
  if (completed != NULL)
    {
      g_autofree char *when = format_local_time (completed);

      /* Translators: a submission's state; %s is a date */
      state = g_strdup_printf (_("Uploaded %s"), when);
    }
  else if (lifecycle == RESLIB_SUBMISSION_CANCELLED)
    /* Translators: a submission's state */
    state = g_strdup (_("Cancelled"));
  else if (running)
    state = g_strdup (_("Uploading"));
  else if (lifecycle == RESLIB_SUBMISSION_PAUSED)
    /* Translators: a submission's state: bytes uploaded so far */
    state = g_strdup_printf (_("Paused: %s sent"), offset_text);
  else if (last_error != NULL)
    /* Translators: a submission's state; %s is why it failed */
    state = g_strdup_printf (_("Failed: %s"), last_error);
  else
    /* Translators: a submission's state: bytes uploaded so far */
    state = g_strdup_printf (_("In progress: %s sent"), offset_text);
  /* Translators: a submission's size and state */
  subtitle = g_strdup_printf (_("%s · %s"), size_text, state);
  escaped = g_markup_escape_text (title, -1);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), escaped);
  g_free (escaped);
  escaped = g_markup_escape_text (subtitle, -1);
  adw_expander_row_set_subtitle (row, escaped);
  studio_set_accessible_label (row, title);

  if (resumable)
    {
      GtkWidget *button = gtk_button_new_from_icon_name ("media-playback-start-symbolic");

      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (button, "flat");
      studio_tooltip_set (button, _("Resume This Upload"));
      studio_set_accessible_label (button, _("Resume this upload"));
      gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "submit.resume-submission");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s", reslib_record_get_id (record));
      adw_expander_row_add_action (row, button);
    }

  /* The SHA-256 of the package file as sha256sum prints it: the receipt's when the upload computed it (the
   * row's sha256 is then the bag's own digest, which the endpoint was told). */
  if (reslib_record_get (record, "tar_sha256") != NULL)
    {
      add_detail (row, _("SHA-256"), reslib_record_get (record, "tar_sha256"), TRUE);
      add_detail (row, _("Bag digest"), reslib_record_get (record, "sha256"), TRUE);
    }
  else
    add_detail (row, _("SHA-256"), reslib_record_get (record, "sha256"), TRUE);
  add_detail (row, _("Server"), reslib_record_get (record, "upload_url") != NULL
                                  ? reslib_record_get (record, "upload_url") : reslib_record_get (record, "endpoint"),
              TRUE);
  add_detail (row, _("File"), reslib_record_get (record, "package_path"), FALSE);
  if (lifecycle != RESLIB_SUBMISSION_CANCELLED)
    add_detail (row, _("Last error"), last_error, FALSE);

  /* The history is rebuilt while an upload saves its progress: keep open rows open. */
  g_object_set_data_full (G_OBJECT (row), "submission-id", g_strdup (reslib_record_get_id (record)), g_free);
  adw_expander_row_set_expanded (row, g_hash_table_contains (self->expanded, reslib_record_get_id (record)));
  g_signal_connect (row, "notify::expanded", G_CALLBACK (row_expanded_cb), self);

  return GTK_WIDGET (row);
}

void
_studio_submit_page_load_submissions (StudioSubmitPage *self)
{
  ReslibStore *store = studio_page_get_store (STUDIO_PAGE (self));
  const char *project_id = studio_page_get_project_id (STUDIO_PAGE (self));
  g_autoptr(GListModel) rows = NULL;
  g_autoptr(GError) error = NULL;

  if (store != NULL && project_id != NULL)
    {
      rows = reslib_store_list (store, RESLIB_KIND_SUBMISSION, project_id, &error);
      if (rows == NULL)
        g_warning ("Could not list the submissions: %s", error->message);
    }
  gtk_list_box_bind_model (self->submissions_list, rows, create_submission_row, self, NULL);
}

