/* studio-submit-page-upload.c — the Submit page: uploading a package
 *
 * "Upload" sends the package built last with the core's tus client, with the endpoint, CA file,
 * chunk size and rate limit from Preferences and the token from the keyring: Pause cancels the run
 * (the submission keeps its offset), Resume runs it again from the server's offset, Cancel Upload
 * ends it on the server. Unfinished submissions of the project shown first are resumed at start,
 * one after the other.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "reslib-upload.h"
#include "studio-preferences-window.h"
#include "studio-secret.h"
#include "studio-submit-page-private.h"

static void start_upload (StudioSubmitPage *self, const char *package_path, const char *kind,
                          const char *submission_id, const char *endpoint);
static void resume_next  (StudioSubmitPage *self);

static char *
format_duration (gint64 seconds)
{
  if (seconds < 60)
    /* Translators: a duration in seconds */
    return g_strdup_printf (_("%d s"), (int) seconds);
  if (seconds < 3600)
    /* Translators: a duration in minutes */
    return g_strdup_printf (_("%d min"), (int) ((seconds + 59) / 60));
  /* Translators: a duration in hours and minutes */
  return g_strdup_printf (_("%d h %d min"), (int) (seconds / 3600), (int) (seconds % 3600 / 60));
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

static void
upload_progress_cb (const ReslibProgress *progress,
                    gpointer              user_data)
{
  StudioSubmitPage *self = user_data;
  g_autofree char *done = g_format_size (progress->bytes_done);
  g_autofree char *total = g_format_size (progress->bytes_total);
  g_autofree char *text = NULL;

  if (self->disposed)
    return;
  if (progress->bytes_total > 0)
    gtk_progress_bar_set_fraction (self->upload_progress,
                                   CLAMP ((double) progress->bytes_done / (double) progress->bytes_total, 0.0, 1.0));
  if (g_strcmp0 (progress->stage, "hashing") == 0)
    {
      /* Translators: before an upload, the package is read for its SHA-256: bytes read of the total */
      text = g_strdup_printf (_("Reading the package… %s of %s"), done, total);
      gtk_progress_bar_set_text (self->upload_progress, text);
      set_upload_status (self, NULL, FALSE);
      return;
    }
  else if (g_strcmp0 (progress->stage, "connecting") == 0)
    /* Translators: upload progress while connecting: bytes done of the total */
    text = g_strdup_printf (_("Connecting… %s of %s"), done, total);
  else if (g_strcmp0 (progress->stage, "waiting") == 0)
    {
      g_autofree char *status = NULL;

      text = g_strdup_printf (_("%s of %s"), done, total);
      /* Translators: the upload waits before trying again; %s says why the last try failed */
      status = g_strdup_printf (_("Waiting to try again: %s"),
                                progress->last_error != NULL ? progress->last_error : _("no answer"));
      set_upload_status (self, status, TRUE);
    }
  else if (g_strcmp0 (progress->stage, "done") == 0)
    text = g_strdup_printf (_("%s of %s"), done, total);
  else
    {
      g_autofree char *rate = g_format_size ((guint64) progress->rate);
      g_autofree char *eta = progress->eta >= 0 ? format_duration (progress->eta) : NULL;

      if (progress->rate > 0 && eta != NULL)
        /* Translators: upload progress: done, total, speed per second, time left */
        text = g_strdup_printf (_("%s of %s — %s/s — about %s left"), done, total, rate, eta);
      else if (progress->rate > 0)
        text = g_strdup_printf (_("%s of %s — %s/s"), done, total, rate);
      else
        text = g_strdup_printf (_("%s of %s"), done, total);
      set_upload_status (self, NULL, FALSE);
    }
  gtk_progress_bar_set_text (self->upload_progress, text);
}

typedef struct
{
  StudioSubmitPage *self;
  char             *package_path;
  char             *kind;
  char             *submission_id;
  char             *endpoint;
  char             *project_id;
} UploadStart;

static void
upload_start_free (UploadStart *start)
{
  g_object_unref (start->self);
  g_free (start->package_path);
  g_free (start->kind);
  g_free (start->submission_id);
  g_free (start->endpoint);
  g_free (start->project_id);
  g_free (start);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (UploadStart, upload_start_free)

static void
upload_done (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(StudioSubmitPage) self = user_data;
  ReslibUpload *upload = RESLIB_UPLOAD (source);
  g_autoptr(GError) error = NULL;
  gboolean ok = reslib_job_run_finish (RESLIB_JOB (upload), result, &error);
  const char *id = reslib_upload_get_submission_id (upload);

  if (self->disposed)
    return;
  if (id != NULL)
    {
      g_free (self->submission_id);
      self->submission_id = g_strdup (id);
    }
  if (self->upload == upload)
    {
      g_clear_object (&self->upload);
      g_clear_object (&self->upload_cancellable);
    }

  if (ok)
    {
      gtk_progress_bar_set_fraction (self->upload_progress, 1.0);
      gtk_progress_bar_set_text (self->upload_progress, _("Uploaded"));
      set_upload_status (self, reslib_upload_get_was_complete (upload)
                                 ? _("The server already had this package.") : _("The package was uploaded."), FALSE);
      studio_page_toast (STUDIO_PAGE (self), _("The package was uploaded"));
      _studio_submit_page_update_actions (self);
      resume_next (self);
      return;
    }
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      if (self->cancel_requested)
        {
          self->cancel_requested = FALSE;
          gtk_widget_activate_action (GTK_WIDGET (self), "submit.cancel-upload", NULL);
        }
      else
        {
          gtk_progress_bar_set_text (self->upload_progress, _("Paused"));
          set_upload_status (self, _("The upload is paused: Resume continues where it stopped."), FALSE);
        }
      _studio_submit_page_update_actions (self);
      return;
    }
  self->cancel_requested = FALSE;
  gtk_progress_bar_set_text (self->upload_progress, _("Failed"));
  {
    g_autofree char *text = NULL;

    /* Translators: %s is the reason the upload failed */
    text = g_strdup_printf (_("The upload failed: %s. Resume tries again from where it stopped."), error->message);
    set_upload_status (self, text, TRUE);
  }
  _studio_submit_page_update_actions (self);
  resume_next (self);
}

static void
upload_token_done (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(UploadStart) start = user_data;
  StudioSubmitPage *self = start->self;
  g_autoptr(GError) error = NULL;
  g_autofree char *token = studio_secret_lookup_token_finish (result, &error);
  g_autofree char *ca_file = NULL;
  guint chunk = 32;
  guint rate = 0;

  if (self->disposed)
    return;
  if (g_cancellable_is_cancelled (self->upload_cancellable))
    {
      g_clear_object (&self->upload_cancellable);
      gtk_progress_bar_set_text (self->upload_progress, _("Paused"));
      _studio_submit_page_update_actions (self);
      return;
    }
  if (error != NULL || token == NULL)
    {
      g_clear_object (&self->upload_cancellable);
      set_upload_status (self, error != NULL ? error->message
                                             : _("No token is stored for this endpoint: enter the token in Preferences."),
                         TRUE);
      gtk_progress_bar_set_text (self->upload_progress, _("Not started"));
      _studio_submit_page_update_actions (self);
      return;
    }

  ca_file = _studio_submit_page_get_setting (self, "ca-file");
  chunk = studio_settings_get_chunk_size (self->settings);
  rate = studio_settings_get_rate_limit (self->settings);
  self->upload = reslib_upload_new (studio_page_get_store (STUDIO_PAGE (self)), start->package_path, start->endpoint);
  reslib_upload_set_token (self->upload, token);
  explicit_bzero (token, strlen (token));
  if (*ca_file != '\0')
    reslib_upload_set_ca_file (self->upload, ca_file);
  reslib_upload_set_project (self->upload, start->project_id);
  if (start->kind != NULL)
    reslib_upload_set_kind (self->upload, start->kind);
  if (start->submission_id != NULL)
    reslib_upload_set_submission_id (self->upload, start->submission_id);
  reslib_upload_set_chunk_size (self->upload, (guint64) chunk * 1024 * 1024);
  reslib_upload_set_max_send_speed (self->upload, (guint64) rate * 1024);
  reslib_job_set_progress_func (RESLIB_JOB (self->upload), upload_progress_cb, g_object_ref (self), g_object_unref);
  reslib_job_run_async (RESLIB_JOB (self->upload), self->upload_cancellable, upload_done, g_object_ref (self));
  studio_page_add_job (STUDIO_PAGE (self), RESLIB_JOB (self->upload));
  _studio_submit_page_update_actions (self);
}

static void
start_upload (StudioSubmitPage *self,
              const char       *package_path,
              const char       *kind,
              const char       *submission_id,
              const char       *endpoint)
{
  g_autoptr(GError) error = NULL;
  UploadStart *start;

  if (_studio_submit_page_is_uploading (self))
    return;
  if (!studio_endpoint_check (endpoint, &error))
    {
      set_upload_status (self, error->message, TRUE);
      return;
    }
  if (!g_file_test (package_path, G_FILE_TEST_IS_REGULAR))
    {
      g_autofree char *text = g_strdup_printf (_("The package “%s” is gone: build it again."), package_path);

      set_upload_status (self, text, TRUE);
      return;
    }

  start = g_new0 (UploadStart, 1);
  start->self = g_object_ref (self);
  start->package_path = g_strdup (package_path);
  start->kind = g_strdup (kind);
  start->submission_id = g_strdup (submission_id);
  start->endpoint = g_strdup (endpoint);
  start->project_id = g_strdup (studio_page_get_project_id (STUDIO_PAGE (self)));
  self->upload_cancellable = g_cancellable_new ();
  self->cancel_requested = FALSE;
  g_free (self->submission_id);
  self->submission_id = g_strdup (submission_id);
  gtk_progress_bar_set_fraction (self->upload_progress, 0);
  gtk_progress_bar_set_text (self->upload_progress, _("Starting…"));
  set_upload_status (self, NULL, FALSE);
  _studio_submit_page_update_actions (self);
  studio_secret_lookup_token_async (endpoint, self->upload_cancellable, upload_token_done, start);
}

void
_studio_submit_page_upload_action (GtkWidget  *widget,
                                   const char *action_name,
                                   GVariant   *parameter)
{
  StudioSubmitPage *self = STUDIO_SUBMIT_PAGE (widget);
  g_autofree char *endpoint = _studio_submit_page_get_setting (self, "endpoint-url");

  if (self->built_path == NULL)
    return;
  start_upload (self, self->built_path, self->built_kind, NULL, endpoint);
}

static void
resume_submission (StudioSubmitPage *self,
                   const char       *submission_id)
{
  ReslibStore *store = studio_page_get_store (STUDIO_PAGE (self));
  g_autoptr(GError) error = NULL;
  g_autoptr(ReslibRecord) row = reslib_store_get (store, RESLIB_KIND_SUBMISSION, submission_id, &error);

  if (row == NULL)
    {
      set_upload_status (self, error->message, TRUE);
      return;
    }
  start_upload (self, reslib_record_get (row, "package_path"), reslib_record_get (row, "kind"), submission_id,
                reslib_record_get (row, "endpoint"));
}

void
_studio_submit_page_resume_action (GtkWidget  *widget,
                                   const char *action_name,
                                   GVariant   *parameter)
{
  StudioSubmitPage *self = STUDIO_SUBMIT_PAGE (widget);
  g_autofree char *id = NULL;

  /* submit.resume-submission names the submission (a row of the history); submit.resume the one run last. */
  if (parameter != NULL)
    id = g_variant_dup_string (parameter, NULL);
  else
    id = g_strdup (self->submission_id);
  if (id != NULL && !_studio_submit_page_is_uploading (self) && !self->cancelling)
    resume_submission (self, id);
}

void
_studio_submit_page_pause_action (GtkWidget  *widget,
                                  const char *action_name,
                                  GVariant   *parameter)
{
  StudioSubmitPage *self = STUDIO_SUBMIT_PAGE (widget);

  g_queue_clear_full (&self->resume_queue, g_free);
  if (self->upload_cancellable != NULL)
    g_cancellable_cancel (self->upload_cancellable);
  gtk_progress_bar_set_text (self->upload_progress, _("Pausing…"));
}

typedef struct
{
  char *submission_id;
  char *token;
  char *ca_file;
} CancelData;

static void
cancel_data_free (CancelData *data)
{
  g_free (data->submission_id);
  if (data->token != NULL)
    explicit_bzero (data->token, strlen (data->token));
  g_free (data->token);
  g_free (data->ca_file);
  g_free (data);
}

static void
cancel_worker (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  CancelData *data = task_data;
  g_autoptr(ReslibStore) store = NULL;
  g_autoptr(GError) error = NULL;

  store = reslib_store_reopen (source_object, &error);
  if (store == NULL ||
      !reslib_upload_cancel_submission (store, data->submission_id, data->token,
                                        data->ca_file != NULL && *data->ca_file != '\0' ? data->ca_file : NULL,
                                        cancellable, &error))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

static void
cancel_done (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(StudioSubmitPage) self = user_data;
  g_autoptr(GError) error = NULL;

  if (self->disposed)
    return;
  self->cancelling = FALSE;
  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      studio_page_show_error (STUDIO_PAGE (self), _("Could Not Cancel the Upload"), error);
      _studio_submit_page_update_actions (self);
      return;
    }
  g_clear_pointer (&self->submission_id, g_free);
  gtk_progress_bar_set_fraction (self->upload_progress, 0);
  gtk_progress_bar_set_text (self->upload_progress, _("Cancelled"));
  set_upload_status (self, _("The upload was cancelled and removed from the server."), FALSE);
  studio_page_toast (STUDIO_PAGE (self), _("The upload was cancelled"));
  _studio_submit_page_update_actions (self);
}

static void
cancel_token_done (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(StudioSubmitPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GTask) task = NULL;
  CancelData *data;
  char *token = studio_secret_lookup_token_finish (result, &error);

  if (self->disposed)
    {
      g_free (token);
      return;
    }
  if (error != NULL)
    {
      self->cancelling = FALSE;
      set_upload_status (self, error->message, TRUE);
      _studio_submit_page_update_actions (self);
      return;
    }
  data = g_new0 (CancelData, 1);
  data->submission_id = g_strdup (self->submission_id);
  data->token = token;
  data->ca_file = _studio_submit_page_get_setting (self, "ca-file");
  task = g_task_new (studio_page_get_store (STUDIO_PAGE (self)), NULL, cancel_done, g_object_ref (self));
  g_task_set_task_data (task, data, (GDestroyNotify) cancel_data_free);
  g_task_run_in_thread (task, cancel_worker);
}

void
_studio_submit_page_cancel_upload_action (GtkWidget  *widget,
                                          const char *action_name,
                                          GVariant   *parameter)
{
  StudioSubmitPage *self = STUDIO_SUBMIT_PAGE (widget);
  ReslibStore *store = studio_page_get_store (STUDIO_PAGE (self));
  g_autoptr(ReslibRecord) row = NULL;

  if (self->submission_id == NULL || self->cancelling)
    return;
  g_queue_clear_full (&self->resume_queue, g_free);
  if (_studio_submit_page_is_uploading (self))
    {
      /* Stop sending first; the DELETE follows when the run has ended. */
      self->cancel_requested = TRUE;
      g_cancellable_cancel (self->upload_cancellable);
      gtk_progress_bar_set_text (self->upload_progress, _("Cancelling…"));
      _studio_submit_page_update_actions (self);
      return;
    }
  row = reslib_store_get (store, RESLIB_KIND_SUBMISSION, self->submission_id, NULL);
  self->cancelling = TRUE;
  gtk_progress_bar_set_text (self->upload_progress, _("Cancelling…"));
  _studio_submit_page_update_actions (self);
  studio_secret_lookup_token_async (row != NULL ? reslib_record_get (row, "endpoint") : NULL, NULL, cancel_token_done,
                                    g_object_ref (self));
}

/* Resumes the next submission of the queue (filled at start), if any. */
static void
resume_next (StudioSubmitPage *self)
{
  g_autofree char *id = NULL;

  if (_studio_submit_page_is_uploading (self))
    return;
  id = g_queue_pop_head (&self->resume_queue);
  if (id == NULL)
    return;
  studio_page_toast (STUDIO_PAGE (self), _("Resuming an unfinished upload"));
  resume_submission (self, id);
}

void
_studio_submit_page_resume_unfinished (StudioSubmitPage *self)
{
  ReslibStore *store = studio_page_get_store (STUDIO_PAGE (self));
  const char *project_id = studio_page_get_project_id (STUDIO_PAGE (self));
  g_autoptr(GListModel) rows = NULL;

  if (store == NULL || project_id == NULL || self->resumed_once)
    return;
  self->resumed_once = TRUE;
  rows = reslib_store_list (store, RESLIB_KIND_SUBMISSION, project_id, NULL);
  for (guint i = 0; rows != NULL && i < g_list_model_get_n_items (rows); i++)
    {
      g_autoptr(ReslibRecord) row = g_list_model_get_item (rows, i);
      const char *path = reslib_record_get (row, "package_path");
      const char *endpoint = reslib_record_get (row, "endpoint");

      if (reslib_record_get (row, "completed_at") == NULL && path != NULL &&
          g_file_test (path, G_FILE_TEST_IS_REGULAR) && studio_endpoint_check (endpoint, NULL))
        g_queue_push_tail (&self->resume_queue, g_strdup (reslib_record_get_id (row)));
    }
  resume_next (self);
}

