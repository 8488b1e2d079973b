/* studio-upload-queue.c — the session's uploads: a list model of StudioUploadItem, run one at a time
 *
 * The session owns one queue. "Upload" on the Submit page adds the package built last; at start the
 * submissions of the project that were interrupted (the app closed, the network went) are added and resumed,
 * one after the other, while those the user paused are listed paused and wait for Resume, and cancelled ones
 * are never resumed (reslib_submission_get_state()). Each upload is a ReslibUpload job with the endpoint, CA
 * file, chunk size and rate limit from the settings and the token from the keyring; the item shows its
 * progress. Pause stops the job and notes the pause in the store; Cancel, in any state, stops the job and
 * then tells the endpoint to forget the upload (tus termination) in a worker thread. Contributions are
 * refused: they go to the project lead, not to the province.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "reslib-upload.h"
#include "studio-preferences-window.h"
#include "studio-secret.h"
#include "studio-upload-queue.h"

typedef struct
{
  StudioUploadItem *item;
  ReslibUpload     *job;              /* while it runs */
  GCancellable     *cancellable;      /* while the token is looked up or the job runs */
  gboolean          pause_requested;
  gboolean          cancel_requested;
  gboolean          cancelling;       /* the DELETE is on its way */
  ReslibProfile    *profile;          /* a streamed application package's rule profile, until it starts */
} Entry;

struct _StudioUploadQueue
{
  GObject         parent_instance;

  ReslibStore    *store;
  StudioSettings *settings;
  GPtrArray      *entries;            /* of Entry, in the order they were added */
  GHashTable     *resumed_projects;   /* projects whose unfinished submissions were added */
  guint           retry_time_limit;
  gboolean        shut_down;
};

static void studio_upload_queue_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (StudioUploadQueue, studio_upload_queue, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, studio_upload_queue_list_model_init))

enum {
  SIGNAL_JOB_STARTED,
  SIGNAL_FINISHED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void start_next (StudioUploadQueue *self);

static void
entry_free (Entry *entry)
{
  if (entry->cancellable != NULL)
    g_cancellable_cancel (entry->cancellable);
  g_clear_object (&entry->cancellable);
  g_clear_object (&entry->job);
  g_clear_object (&entry->item);
  g_clear_object (&entry->profile);
  g_free (entry);
}

static Entry *
find_entry (StudioUploadQueue *self,
            StudioUploadItem  *item)
{
  for (guint i = 0; i < self->entries->len; i++)
    {
      Entry *entry = g_ptr_array_index (self->entries, i);

      if (entry->item == item)
        return entry;
    }
  return NULL;
}

/* ---------------------------------------------------------------------------------------------- */
/* GListModel                                                                                      */

static GType
studio_upload_queue_get_item_type (GListModel *model)
{
  return STUDIO_TYPE_UPLOAD_ITEM;
}

static guint
studio_upload_queue_get_n_items (GListModel *model)
{
  return STUDIO_UPLOAD_QUEUE (model)->entries->len;
}

static gpointer
studio_upload_queue_get_item (GListModel *model,
                              guint       position)
{
  StudioUploadQueue *self = STUDIO_UPLOAD_QUEUE (model);

  if (position >= self->entries->len)
    return NULL;
  return g_object_ref (((Entry *) g_ptr_array_index (self->entries, position))->item);
}

static void
studio_upload_queue_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = studio_upload_queue_get_item_type;
  iface->get_n_items = studio_upload_queue_get_n_items;
  iface->get_item = studio_upload_queue_get_item;
}

/* ---------------------------------------------------------------------------------------------- */
/* GObject                                                                                         */

static void
studio_upload_queue_dispose (GObject *object)
{
  studio_upload_queue_shutdown (STUDIO_UPLOAD_QUEUE (object));

  G_OBJECT_CLASS (studio_upload_queue_parent_class)->dispose (object);
}

static void
studio_upload_queue_finalize (GObject *object)
{
  StudioUploadQueue *self = STUDIO_UPLOAD_QUEUE (object);

  g_ptr_array_unref (self->entries);
  g_hash_table_unref (self->resumed_projects);
  g_clear_object (&self->store);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (studio_upload_queue_parent_class)->finalize (object);
}

static void
studio_upload_queue_class_init (StudioUploadQueueClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = studio_upload_queue_dispose;
  object_class->finalize = studio_upload_queue_finalize;

  /**
   * StudioUploadQueue::job-started:
   * @job: the ReslibUpload that was started
   *
   * For the list of running work.
   */
  signals[SIGNAL_JOB_STARTED] =
    g_signal_new ("job-started",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, RESLIB_TYPE_JOB);

  /**
   * StudioUploadQueue::finished:
   * @item: the item, now done, failed or cancelled
   *
   * An upload ended by itself or was cancelled (not paused).
   */
  signals[SIGNAL_FINISHED] =
    g_signal_new ("finished",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, STUDIO_TYPE_UPLOAD_ITEM);
}

static void
studio_upload_queue_init (StudioUploadQueue *self)
{
  self->entries = g_ptr_array_new_with_free_func ((GDestroyNotify) entry_free);
  self->resumed_projects = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

/**
 * studio_upload_queue_new:
 * @store: the store the submissions are kept in
 * @settings: where the endpoint, CA file, chunk size and rate limit come from
 *
 * Returns: (transfer full): an empty queue
 */
StudioUploadQueue *
studio_upload_queue_new (ReslibStore    *store,
                         StudioSettings *settings)
{
  StudioUploadQueue *self;

  g_return_val_if_fail (RESLIB_IS_STORE (store), NULL);
  g_return_val_if_fail (STUDIO_IS_SETTINGS (settings), NULL);

  self = g_object_new (STUDIO_TYPE_UPLOAD_QUEUE, NULL);
  self->store = g_object_ref (store);
  self->settings = g_object_ref (settings);

  return self;
}

/* ---------------------------------------------------------------------------------------------- */
/* Running                                                                                         */

typedef struct
{
  StudioUploadQueue *self;
  StudioUploadItem  *item;
} Call;

static Call *
call_new (StudioUploadQueue *self,
          StudioUploadItem  *item)
{
  Call *call = g_new0 (Call, 1);

  call->self = g_object_ref (self);
  call->item = g_object_ref (item);
  return call;
}

static void
call_free (Call *call)
{
  g_object_unref (call->self);
  g_object_unref (call->item);
  g_free (call);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Call, call_free)

static void do_cancel (StudioUploadQueue *self, Entry *entry);

static void
note_paused (StudioUploadQueue *self,
             StudioUploadItem  *item)
{
  g_autoptr(GError) error = NULL;
  const char *id = studio_upload_item_get_submission_id (item);

  if (id != NULL && !reslib_submission_set_paused (self->store, id, TRUE, &error))
    g_warning ("Could not note that the upload is paused: %s", error->message);
}

static void
show_failure (StudioUploadItem *item,
              const GError     *error)
{
  g_autofree char *message = NULL;

  /* Translators: %s is why the upload failed; a hint on what to do follows it */
  message = g_strdup_printf (_("The upload failed: %s."), error->message);
  studio_upload_item_show_error (item, STUDIO_UPLOAD_FAILED, _("Failed"), message, error);
}

/* The job (or the token lookup) stopped because it was cancelled: pausing, cancelling, or the session ends. */
static void
stopped (StudioUploadQueue *self,
         Entry             *entry)
{
  if (entry->cancel_requested)
    {
      entry->cancel_requested = FALSE;
      do_cancel (self, entry);
    }
  else if (entry->pause_requested)
    {
      entry->pause_requested = FALSE;
      note_paused (self, entry->item);
      studio_upload_item_show (entry->item, STUDIO_UPLOAD_PAUSED, _("Paused"),
                               _("The upload is paused: Resume continues where it stopped."));
    }
  else
    /* The session ended: the submission stays unfinished, and the next start resumes it. */
    studio_upload_item_show (entry->item, STUDIO_UPLOAD_QUEUED, _("Interrupted"), NULL);
}

static void
progress_cb (const ReslibProgress *progress,
             gpointer              user_data)
{
  Call *call = user_data;
  Entry *entry = find_entry (call->self, call->item);

  if (entry == NULL || entry->job == NULL || entry->cancel_requested || entry->pause_requested)
    return;
  /* The run found or made the submission before it reports anything but reading the package, and does not
   * change it after; the report reached this thread through the job's main context. */
  if (studio_upload_item_get_submission_id (call->item) == NULL && g_strcmp0 (progress->stage, "hashing") != 0)
    studio_upload_item_set_submission_id (call->item, reslib_upload_get_submission_id (entry->job));
  studio_upload_item_show_progress (call->item, progress, reslib_job_get_message (RESLIB_JOB (entry->job)));
}

static void
run_done (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(Call) call = user_data;
  StudioUploadQueue *self = call->self;
  ReslibUpload *job = RESLIB_UPLOAD (source);
  g_autoptr(GError) error = NULL;
  gboolean ok = reslib_job_run_finish (RESLIB_JOB (job), result, &error);
  Entry *entry = find_entry (self, call->item);

  if (entry == NULL)
    return;
  if (reslib_upload_get_submission_id (job) != NULL)
    studio_upload_item_set_submission_id (entry->item, reslib_upload_get_submission_id (job));
  g_clear_object (&entry->job);
  g_clear_object (&entry->cancellable);

  if (ok)
    {
      studio_upload_item_show (entry->item, STUDIO_UPLOAD_DONE, _("Uploaded"),
                               reslib_upload_get_was_complete (job) ? _("The server already had this package.")
                                                                    : _("The package was uploaded."));
      g_signal_emit (self, signals[SIGNAL_FINISHED], 0, entry->item);
    }
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    stopped (self, entry);
  else
    {
      show_failure (entry->item, error);
      g_signal_emit (self, signals[SIGNAL_FINISHED], 0, entry->item);
    }
  start_next (self);
}

static void
token_done (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(Call) call = user_data;
  StudioUploadQueue *self = call->self;
  g_autoptr(GError) error = NULL;
  g_autofree char *token = studio_secret_lookup_token_finish (result, &error);
  g_autofree char *ca_file = NULL;
  Entry *entry = find_entry (self, call->item);
  StudioUploadItem *item = call->item;

  if (entry == NULL)
    {
      if (token != NULL)
        explicit_bzero (token, strlen (token));
      return;
    }
  if (g_cancellable_is_cancelled (entry->cancellable))
    {
      if (token != NULL)
        explicit_bzero (token, strlen (token));
      g_clear_object (&entry->cancellable);
      stopped (self, entry);
      start_next (self);
      return;
    }
  if (error != NULL || token == NULL)
    {
      g_clear_object (&entry->cancellable);
      if (error == NULL)
        g_set_error_literal (&error, STUDIO_SECRET_ERROR, STUDIO_SECRET_ERROR_UNAVAILABLE,
                             _("No token is stored for this endpoint: enter the token in Preferences"));
      show_failure (item, error);
      g_signal_emit (self, signals[SIGNAL_FINISHED], 0, item);
      start_next (self);
      return;
    }

  ca_file = studio_settings_dup_ca_file (self->settings);
  if (studio_upload_item_get_streamed (item))
    {
      entry->job = reslib_upload_new_streamed (self->store, studio_upload_item_get_project_id (item),
                                               studio_upload_item_get_kind (item),
                                               studio_upload_item_get_endpoint (item));
      reslib_upload_set_profile (entry->job, entry->profile);
    }
  else
    entry->job = reslib_upload_new (self->store, studio_upload_item_get_package_path (item),
                                    studio_upload_item_get_endpoint (item));
  reslib_upload_set_token (entry->job, token);
  explicit_bzero (token, strlen (token));
  if (ca_file != NULL && *ca_file != '\0')
    reslib_upload_set_ca_file (entry->job, ca_file);
  reslib_upload_set_project (entry->job, studio_upload_item_get_project_id (item));
  reslib_upload_set_kind (entry->job, studio_upload_item_get_kind (item));
  if (studio_upload_item_get_submission_id (item) != NULL)
    reslib_upload_set_submission_id (entry->job, studio_upload_item_get_submission_id (item));
  reslib_upload_set_chunk_size (entry->job, (guint64) studio_settings_get_chunk_size (self->settings) * 1024 * 1024);
  reslib_upload_set_max_send_speed (entry->job, (guint64) studio_settings_get_rate_limit (self->settings) * 1024);
  if (self->retry_time_limit > 0)
    reslib_upload_set_retry_time_limit (entry->job, self->retry_time_limit);
  reslib_job_set_progress_func (RESLIB_JOB (entry->job), progress_cb, call_new (self, item), (GDestroyNotify) call_free);
  reslib_job_run_async (RESLIB_JOB (entry->job), entry->cancellable, run_done, call_new (self, item));
  g_signal_emit (self, signals[SIGNAL_JOB_STARTED], 0, entry->job);
}

static void
start (StudioUploadQueue *self,
       Entry             *entry)
{
  entry->cancellable = g_cancellable_new ();
  entry->pause_requested = FALSE;
  entry->cancel_requested = FALSE;
  studio_upload_item_show (entry->item, STUDIO_UPLOAD_RUNNING, _("Starting…"), NULL);
  studio_secret_lookup_token_async (studio_upload_item_get_endpoint (entry->item), entry->cancellable, token_done,
                                    call_new (self, entry->item));
}

static gboolean
entry_is_running (Entry *entry)
{
  return entry->cancellable != NULL;
}

/* One upload at a time: the first queued one starts when none runs. */
static void
start_next (StudioUploadQueue *self)
{
  if (self->shut_down)
    return;
  for (guint i = 0; i < self->entries->len; i++)
    if (entry_is_running (g_ptr_array_index (self->entries, i)))
      return;
  for (guint i = 0; i < self->entries->len; i++)
    {
      Entry *entry = g_ptr_array_index (self->entries, i);

      if (studio_upload_item_get_state (entry->item) == STUDIO_UPLOAD_QUEUED)
        {
          start (self, entry);
          return;
        }
    }
}

/* ---------------------------------------------------------------------------------------------- */
/* Cancel: tus termination in a worker                                                             */

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
  g_autoptr(Call) call = user_data;
  g_autoptr(GError) error = NULL;
  Entry *entry = find_entry (call->self, call->item);

  if (entry == NULL)
    return;
  entry->cancelling = FALSE;
  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      /* It stays paused, not resumed at start; Cancel is there to try again. */
      note_paused (call->self, entry->item);
      g_autofree char *message = NULL;

      /* Translators: %s is why the upload could not be cancelled; a hint on what to do follows it */
      message = g_strdup_printf (_("The upload could not be cancelled on the server: %s. It is paused; Cancel "
                                   "tries again."), error->message);
      studio_upload_item_show_error (entry->item, STUDIO_UPLOAD_PAUSED, _("Paused"), message, error);
      start_next (call->self);
      return;
    }
  studio_upload_item_show (entry->item, STUDIO_UPLOAD_CANCELLED, _("Cancelled"),
                           _("The upload was cancelled and removed from the server."));
  g_signal_emit (call->self, signals[SIGNAL_FINISHED], 0, entry->item);
  start_next (call->self);
}

static void
cancel_token_done (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(Call) call = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GTask) task = NULL;
  char *token = studio_secret_lookup_token_finish (result, &error);
  Entry *entry = find_entry (call->self, call->item);
  CancelData *data;

  if (entry == NULL)
    {
      if (token != NULL)
        explicit_bzero (token, strlen (token));
      g_free (token);
      return;
    }
  /* Without a token the endpoint refuses the DELETE, and that refusal is what the user sees. */
  if (error != NULL)
    g_debug ("No token to cancel the upload with: %s", error->message);
  data = g_new0 (CancelData, 1);
  data->submission_id = g_strdup (studio_upload_item_get_submission_id (entry->item));
  data->token = token;
  data->ca_file = studio_settings_dup_ca_file (call->self->settings);
  task = g_task_new (call->self->store, NULL, cancel_done, call_new (call->self, call->item));
  g_task_set_task_data (task, data, (GDestroyNotify) cancel_data_free);
  g_task_run_in_thread (task, cancel_worker);
}

static void
do_cancel (StudioUploadQueue *self,
           Entry             *entry)
{
  if (studio_upload_item_get_submission_id (entry->item) == NULL)
    {
      /* Stopped before the submission was made (reading the package, say): nothing on the server. */
      studio_upload_item_show (entry->item, STUDIO_UPLOAD_CANCELLED, _("Cancelled"), _("The upload was cancelled."));
      g_signal_emit (self, signals[SIGNAL_FINISHED], 0, entry->item);
      start_next (self);
      return;
    }
  entry->cancelling = TRUE;
  studio_upload_item_show (entry->item, STUDIO_UPLOAD_CANCELLING, _("Cancelling…"), NULL);
  studio_secret_lookup_token_async (studio_upload_item_get_endpoint (entry->item), NULL, cancel_token_done,
                                    call_new (self, entry->item));
}

/* ---------------------------------------------------------------------------------------------- */
/* What the user does                                                                              */

static StudioUploadItem *
append (StudioUploadQueue *self,
        StudioUploadItem  *item)
{
  Entry *entry = g_new0 (Entry, 1);

  entry->item = item;
  g_ptr_array_add (self->entries, entry);
  g_list_model_items_changed (G_LIST_MODEL (self), self->entries->len - 1, 0, 1);

  return item;
}

/**
 * studio_upload_queue_add:
 * @project_id: the project the package is of
 * @package_path: the package
 * @kind: its kind; a contribution is refused
 * @error: why it cannot be uploaded
 *
 * Queues the package for upload to the endpoint of the settings; it starts when no other upload runs. A
 * package already queued or running is not queued twice.
 *
 * Returns: (transfer none) (nullable): the item, or %NULL with @error set
 */
StudioUploadItem *
studio_upload_queue_add (StudioUploadQueue  *self,
                         const char         *project_id,
                         const char         *package_path,
                         const char         *kind,
                         GError            **error)
{
  g_autofree char *endpoint = NULL;

  g_return_val_if_fail (STUDIO_IS_UPLOAD_QUEUE (self), NULL);
  g_return_val_if_fail (project_id != NULL && package_path != NULL, NULL);

  if (!reslib_upload_check_kind (kind, package_path, error))
    return NULL;
  endpoint = studio_settings_dup_endpoint_url (self->settings);
  if (!studio_endpoint_check (endpoint, error))
    return NULL;
  if (!g_file_test (package_path, G_FILE_TEST_IS_REGULAR))
    {
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_NOENT, _("The package “%s” is gone: build it again"),
                   package_path);
      return NULL;
    }
  for (guint i = 0; i < self->entries->len; i++)
    {
      Entry *entry = g_ptr_array_index (self->entries, i);
      StudioUploadState state = studio_upload_item_get_state (entry->item);

      if ((state == STUDIO_UPLOAD_QUEUED || state == STUDIO_UPLOAD_RUNNING) &&
          g_strcmp0 (studio_upload_item_get_package_path (entry->item), package_path) == 0 &&
          g_strcmp0 (studio_upload_item_get_endpoint (entry->item), endpoint) == 0)
        return entry->item;
    }

  append (self, studio_upload_item_new (project_id, package_path, kind, endpoint));
  start_next (self);

  return ((Entry *) g_ptr_array_index (self->entries, self->entries->len - 1))->item;
}

/**
 * studio_upload_queue_submit:
 * @project_id: the project
 * @kind: the package's kind; a contribution is refused
 * @profile: (nullable): the rule profile that gates an application package
 * @error: why it cannot be submitted
 *
 * Queues a submission of the project's package of @kind streamed from the store, with no package file
 * (reslib_upload_new_streamed()): when it starts, it resumes the project's pending streamed submission of
 * that kind to the endpoint, or freezes the package as the project stands then. One already queued or
 * running is not queued twice.
 *
 * Returns: (transfer none) (nullable): the item, or %NULL with @error set
 */
StudioUploadItem *
studio_upload_queue_submit (StudioUploadQueue  *self,
                            const char         *project_id,
                            const char         *kind,
                            ReslibProfile      *profile,
                            GError            **error)
{
  g_autofree char *endpoint = NULL;
  Entry *entry;

  g_return_val_if_fail (STUDIO_IS_UPLOAD_QUEUE (self), NULL);
  g_return_val_if_fail (project_id != NULL && kind != NULL, NULL);

  if (!reslib_upload_check_kind (kind, NULL, error))
    return NULL;
  endpoint = studio_settings_dup_endpoint_url (self->settings);
  if (!studio_endpoint_check (endpoint, error))
    return NULL;
  for (guint i = 0; i < self->entries->len; i++)
    {
      StudioUploadItem *item = ((Entry *) g_ptr_array_index (self->entries, i))->item;
      StudioUploadState state = studio_upload_item_get_state (item);

      if ((state == STUDIO_UPLOAD_QUEUED || state == STUDIO_UPLOAD_RUNNING) && studio_upload_item_get_streamed (item) &&
          g_strcmp0 (studio_upload_item_get_project_id (item), project_id) == 0 &&
          g_strcmp0 (studio_upload_item_get_kind (item), kind) == 0 &&
          g_strcmp0 (studio_upload_item_get_endpoint (item), endpoint) == 0)
        return item;
    }

  append (self, studio_upload_item_new_streamed (project_id, NULL, kind, endpoint));
  entry = g_ptr_array_index (self->entries, self->entries->len - 1);
  g_set_object (&entry->profile, profile);
  start_next (self);

  return entry->item;
}

/**
 * studio_upload_queue_find:
 * @submission_id: a submission
 *
 * Returns: (transfer none) (nullable): the latest item of the submission
 */
StudioUploadItem *
studio_upload_queue_find (StudioUploadQueue *self,
                          const char        *submission_id)
{
  g_return_val_if_fail (STUDIO_IS_UPLOAD_QUEUE (self), NULL);

  for (guint i = self->entries->len; submission_id != NULL && i > 0; i--)
    {
      Entry *entry = g_ptr_array_index (self->entries, i - 1);

      if (g_strcmp0 (studio_upload_item_get_submission_id (entry->item), submission_id) == 0)
        return entry->item;
    }
  return NULL;
}

/* An item for a submission of the store, in @state. */
static StudioUploadItem *
add_submission (StudioUploadQueue *self,
                ReslibRecord      *row,
                StudioUploadState  state)
{
  StudioUploadItem *item = reslib_submission_is_streamed (self->store, row)
                           ? studio_upload_item_new_streamed (reslib_record_get (row, "project_id"),
                                                              reslib_record_get (row, "package_path"),
                                                              reslib_record_get (row, "kind"),
                                                              reslib_record_get (row, "endpoint"))
                           : studio_upload_item_new (reslib_record_get (row, "project_id"),
                                                     reslib_record_get (row, "package_path"),
                                                     reslib_record_get (row, "kind"),
                                                     reslib_record_get (row, "endpoint"));

  studio_upload_item_set_submission_id (item, reslib_record_get_id (row));
  if (state == STUDIO_UPLOAD_PAUSED)
    studio_upload_item_show (item, STUDIO_UPLOAD_PAUSED, _("Paused"),
                             _("The upload is paused: Resume continues where it stopped."));
  else
    studio_upload_item_show (item, state, _("Waiting…"), NULL);
  return append (self, item);
}

/**
 * studio_upload_queue_resume_submission:
 * @submission_id: a submission of the store (a row of the Submit page's history)
 * @error: why it cannot be resumed
 *
 * Resumes the submission: its item in the queue, or a new one.
 *
 * Returns: (transfer none) (nullable): the item, or %NULL with @error set
 */
StudioUploadItem *
studio_upload_queue_resume_submission (StudioUploadQueue  *self,
                                       const char         *submission_id,
                                       GError            **error)
{
  g_autoptr(ReslibRecord) row = NULL;
  StudioUploadItem *item;

  g_return_val_if_fail (STUDIO_IS_UPLOAD_QUEUE (self), NULL);
  g_return_val_if_fail (submission_id != NULL, NULL);

  item = studio_upload_queue_find (self, submission_id);
  if (item != NULL)
    {
      studio_upload_queue_resume (self, item);
      return item;
    }
  row = reslib_store_get (self->store, RESLIB_KIND_SUBMISSION, submission_id, error);
  if (row == NULL)
    return NULL;
  switch (reslib_submission_get_state (self->store, row))
    {
    case RESLIB_SUBMISSION_COMPLETE:
      g_set_error_literal (error, RESLIB_ERROR, RESLIB_ERROR_INVALID, _("This upload is complete"));
      return NULL;
    case RESLIB_SUBMISSION_CANCELLED:
      g_set_error_literal (error, RESLIB_ERROR, RESLIB_ERROR_INVALID,
                           _("This upload was cancelled: upload the package again"));
      return NULL;
    case RESLIB_SUBMISSION_UNFINISHED:
    case RESLIB_SUBMISSION_PAUSED:
    default:
      break;
    }
  if (!reslib_upload_check_kind (reslib_record_get (row, "kind"), reslib_record_get (row, "package_path"), error))
    return NULL;
  /* A streamed package has no file: its frozen members are in the store. */
  if (!reslib_submission_is_streamed (self->store, row) &&
      !g_file_test (reslib_record_get (row, "package_path"), G_FILE_TEST_IS_REGULAR))
    {
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_NOENT, _("The package “%s” is gone: build it again"),
                   reslib_record_get (row, "package_path"));
      return NULL;
    }
  item = add_submission (self, row, STUDIO_UPLOAD_QUEUED);
  start_next (self);

  return item;
}

/**
 * studio_upload_queue_resume_unfinished:
 * @project_id: a project
 *
 * Once per project and session: queues the project's interrupted submissions, which then resume one after the
 * other, and lists the paused ones, which wait for the user. Cancelled and complete ones are left alone, and
 * so are contributions (none should be there) and submissions whose package or endpoint is gone.
 */
void
studio_upload_queue_resume_unfinished (StudioUploadQueue *self,
                                       const char        *project_id)
{
  g_autoptr(GListModel) rows = NULL;
  g_autoptr(GError) error = NULL;

  g_return_if_fail (STUDIO_IS_UPLOAD_QUEUE (self));

  if (project_id == NULL || self->shut_down || g_hash_table_contains (self->resumed_projects, project_id))
    return;
  g_hash_table_add (self->resumed_projects, g_strdup (project_id));
  rows = reslib_store_list (self->store, RESLIB_KIND_SUBMISSION, project_id, &error);
  if (rows == NULL)
    {
      g_warning ("Could not list the submissions: %s", error->message);
      return;
    }
  for (guint i = 0; i < g_list_model_get_n_items (rows); i++)
    {
      g_autoptr(ReslibRecord) row = g_list_model_get_item (rows, i);
      const char *path = reslib_record_get (row, "package_path");
      ReslibSubmissionState state = reslib_submission_get_state (self->store, row);

      if ((state != RESLIB_SUBMISSION_UNFINISHED && state != RESLIB_SUBMISSION_PAUSED) ||
          studio_upload_queue_find (self, reslib_record_get_id (row)) != NULL ||
          !reslib_upload_check_kind (reslib_record_get (row, "kind"), NULL, NULL) ||
          path == NULL ||
          (!g_file_test (path, G_FILE_TEST_IS_REGULAR) && !reslib_submission_is_streamed (self->store, row)) ||
          !studio_endpoint_check (reslib_record_get (row, "endpoint"), NULL))
        continue;
      add_submission (self, row, state == RESLIB_SUBMISSION_PAUSED ? STUDIO_UPLOAD_PAUSED : STUDIO_UPLOAD_QUEUED);
    }
  start_next (self);
}

/**
 * studio_upload_queue_pause:
 * @item: an item of the queue
 *
 * Stops the upload; the submission keeps its offset and is resumed only by studio_upload_queue_resume().
 */
void
studio_upload_queue_pause (StudioUploadQueue *self,
                           StudioUploadItem  *item)
{
  Entry *entry;

  g_return_if_fail (STUDIO_IS_UPLOAD_QUEUE (self));

  entry = find_entry (self, item);
  if (entry == NULL || !studio_upload_item_can_pause (item) || entry->cancel_requested)
    return;
  if (entry_is_running (entry))
    {
      entry->pause_requested = TRUE;
      g_cancellable_cancel (entry->cancellable);
      studio_upload_item_show (item, STUDIO_UPLOAD_RUNNING, _("Pausing…"), NULL);
      return;
    }
  note_paused (self, item);
  studio_upload_item_show (item, STUDIO_UPLOAD_PAUSED, _("Paused"),
                           _("The upload is paused: Resume continues where it stopped."));
}

/**
 * studio_upload_queue_resume:
 * @item: a paused or failed item of the queue
 *
 * Resumes (or retries) the upload: it starts when no other upload runs.
 */
void
studio_upload_queue_resume (StudioUploadQueue *self,
                            StudioUploadItem  *item)
{
  Entry *entry;

  g_return_if_fail (STUDIO_IS_UPLOAD_QUEUE (self));

  entry = find_entry (self, item);
  if (entry == NULL || !studio_upload_item_can_resume (item) || entry_is_running (entry) || entry->cancelling)
    return;
  studio_upload_item_show (item, STUDIO_UPLOAD_QUEUED, _("Waiting…"), NULL);
  start_next (self);
}

/**
 * studio_upload_queue_cancel:
 * @item: an item of the queue
 *
 * Ends the upload in whatever state it is (running, waiting to retry, paused, failed): the job stops, the
 * endpoint is told to forget it, and the submission is never resumed again.
 */
void
studio_upload_queue_cancel (StudioUploadQueue *self,
                            StudioUploadItem  *item)
{
  Entry *entry;

  g_return_if_fail (STUDIO_IS_UPLOAD_QUEUE (self));

  entry = find_entry (self, item);
  if (entry == NULL || !studio_upload_item_can_cancel (item) || entry->cancelling)
    return;
  if (entry_is_running (entry))
    {
      /* Stop sending first; the DELETE follows when the run has ended. */
      entry->cancel_requested = TRUE;
      entry->pause_requested = FALSE;
      g_cancellable_cancel (entry->cancellable);
      studio_upload_item_show (item, STUDIO_UPLOAD_CANCELLING, _("Cancelling…"), NULL);
      return;
    }
  do_cancel (self, entry);
}

/**
 * studio_upload_queue_is_busy:
 *
 * Returns: whether an upload runs or is being cancelled
 */
gboolean
studio_upload_queue_is_busy (StudioUploadQueue *self)
{
  g_return_val_if_fail (STUDIO_IS_UPLOAD_QUEUE (self), FALSE);

  for (guint i = 0; i < self->entries->len; i++)
    {
      Entry *entry = g_ptr_array_index (self->entries, i);

      if (entry_is_running (entry) || entry->cancelling)
        return TRUE;
    }
  return FALSE;
}

/**
 * studio_upload_queue_shutdown:
 *
 * The session ends: running uploads stop as interrupted (the next start resumes them) and nothing new starts.
 */
void
studio_upload_queue_shutdown (StudioUploadQueue *self)
{
  g_return_if_fail (STUDIO_IS_UPLOAD_QUEUE (self));

  self->shut_down = TRUE;
  for (guint i = 0; i < self->entries->len; i++)
    {
      Entry *entry = g_ptr_array_index (self->entries, i);

      if (entry->cancellable != NULL && !entry->pause_requested && !entry->cancel_requested)
        g_cancellable_cancel (entry->cancellable);
    }
}

void
studio_upload_queue_set_retry_time_limit (StudioUploadQueue *self,
                                          guint              seconds)
{
  g_return_if_fail (STUDIO_IS_UPLOAD_QUEUE (self));
  self->retry_time_limit = seconds;
}
