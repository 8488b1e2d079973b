/* studio-session.c — what the application holds while it runs
 *
 * The application makes one session when it opens the store, and hands it to its window, which
 * hands it to its pages. The session owns:
 *
 *  - the store (NULL when it could not be opened), whose ::changed it forwards as its own
 *    ::changed, so that views connect to the session only;
 *  - the current project (:project-id, notified when it changes) and what this library is in its
 *    team (:project-role, :lead): the lead, or a teacher who joined from the lead's package, for
 *    whom what only the lead changes is read-only;
 *  - the rule profile the project is checked against: the file chosen in Preferences
 *    (:profile-file of the settings), else the built-in one; read again when the setting or the
 *    file changes, and :profile is notified when the setting does;
 *  - the settings (StudioSettings);
 *  - the search worker (StudioSearchWorker), made when it is first needed;
 *  - the row loader (StudioRowLoader) that reads the Resources page's rows, made when it is first needed;
 *  - the jobs that run (a list model of ReslibJob), for a view of running work;
 *  - the upload queue (StudioUploadQueue), made with the store: when a project becomes current, its
 *    interrupted uploads resume (once per project), whichever page is shown.
 *
 * Windows and pages read these from the session and never from each other. What pages and the
 * report writer tell the user (toasts, failures) goes through the session's ::add-toast and
 * ::show-error, which the window shows.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <string.h>

#include "reslib-undo-job.h"
#include "studio-session.h"

struct _StudioSession
{
  GObject         parent_instance;

  ReslibStore    *store;            /* NULL when it could not be opened */
  StudioSettings *settings;
  char           *project_id;
  ReslibProjectRole project_role;   /* of project_id; LEAD without one */
  gulong          changed_id;
  StudioSearchWorker *search_worker;
  StudioRowLoader    *row_loader;
  GListStore     *jobs;             /* of ReslibJob, while they run */

  /* The profile last read, and what it was read from: "" for the built-in one, else a file
   * with its size and time of change, to notice that it was written since. */
  ReslibProfile  *profile;
  char           *profile_path;
  gint64          profile_mtime;
  goffset         profile_size;

  StudioUndoStack *undo_stack;      /* made on first use */
  AdwToast        *undo_toast;      /* while a job undoes a big step */
  char            *undo_done;       /* what to say when it has */
  StudioUploadQueue *upload_queue;  /* NULL without a store */
};

G_DEFINE_FINAL_TYPE (StudioSession, studio_session, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_STORE,
  PROP_SETTINGS,
  PROP_PROJECT_ID,
  PROP_PROFILE,
  PROP_PROJECT_ROLE,
  PROP_LEAD,
  N_PROPS
};

enum {
  SIGNAL_CHANGED,
  SIGNAL_ADD_TOAST,
  SIGNAL_SHOW_ERROR,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* Reads the current project's role again; notifies :project-role and :lead when it changed. */
static void
update_role (StudioSession *self)
{
  ReslibProjectRole role = RESLIB_PROJECT_ROLE_LEAD;

  if (self->store != NULL && self->project_id != NULL)
    role = reslib_store_get_project_role (self->store, self->project_id, NULL);
  if (role == self->project_role)
    return;
  self->project_role = role;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROJECT_ROLE]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LEAD]);
}

static void
store_changed_cb (ReslibStore   *store,
                  guint          kind,
                  const char    *id,
                  StudioSession *self)
{
  /* Joining a project, or an import into it, may change the role. */
  if (kind == RESLIB_KIND_PROJECT && (id == NULL || g_strcmp0 (id, self->project_id) == 0))
    update_role (self);
  g_signal_emit (self, signals[SIGNAL_CHANGED], 0, kind, id);
}

static void
profile_file_changed_cb (StudioSession *self)
{
  g_clear_object (&self->profile);
  g_clear_pointer (&self->profile_path, g_free);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROFILE]);
}

static void
upload_finished_cb (StudioSession    *self,
                    StudioUploadItem *item)
{
  switch (studio_upload_item_get_state (item))
    {
    case STUDIO_UPLOAD_DONE:
      studio_session_toast (self, _("The package was uploaded"));
      break;
    case STUDIO_UPLOAD_CANCELLED:
      studio_session_toast (self, _("The upload was cancelled"));
      break;
    case STUDIO_UPLOAD_FAILED:
      studio_session_toast (self, _("The upload failed"));
      break;
    case STUDIO_UPLOAD_QUEUED:
    case STUDIO_UPLOAD_RUNNING:
    case STUDIO_UPLOAD_PAUSED:
    case STUDIO_UPLOAD_CANCELLING:
    default:
      break;
    }
}

static void
studio_session_constructed (GObject *object)
{
  StudioSession *self = STUDIO_SESSION (object);

  G_OBJECT_CLASS (studio_session_parent_class)->constructed (object);

  if (self->settings == NULL)
    self->settings = g_object_ref (studio_settings_get_default ());
  g_signal_connect_object (self->settings, "notify::profile-file", G_CALLBACK (profile_file_changed_cb), self,
                           G_CONNECT_SWAPPED);
  if (self->store != NULL)
    self->changed_id = g_signal_connect (self->store, "changed", G_CALLBACK (store_changed_cb), self);
  if (self->store != NULL)
    {
      self->upload_queue = studio_upload_queue_new (self->store, self->settings);
      g_signal_connect_object (self->upload_queue, "job-started", G_CALLBACK (studio_session_add_job), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (self->upload_queue, "finished", G_CALLBACK (upload_finished_cb), self,
                               G_CONNECT_SWAPPED);
      studio_upload_queue_resume_unfinished (self->upload_queue, self->project_id);
    }
}

static void
studio_session_dispose (GObject *object)
{
  StudioSession *self = STUDIO_SESSION (object);

  if (self->store != NULL)
    g_clear_signal_handler (&self->changed_id, self->store);
  if (self->undo_stack != NULL)
    g_signal_handlers_disconnect_by_data (self->undo_stack, self);
  g_clear_object (&self->undo_stack);
  g_clear_object (&self->undo_toast);
  g_clear_pointer (&self->undo_done, g_free);
  /* Uploads that run stop as interrupted: the next start resumes them. */
  if (self->upload_queue != NULL)
    {
      studio_upload_queue_shutdown (self->upload_queue);
      g_signal_handlers_disconnect_by_data (self->upload_queue, self);
    }
  g_clear_object (&self->upload_queue);
  g_clear_object (&self->store);
  g_clear_object (&self->settings);
  g_clear_object (&self->profile);
  g_clear_object (&self->search_worker);
  g_clear_object (&self->row_loader);
  if (self->jobs != NULL)
    {
      for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->jobs)); i++)
        {
          g_autoptr(ReslibJob) job = g_list_model_get_item (G_LIST_MODEL (self->jobs), i);

          g_signal_handlers_disconnect_by_data (job, self);
        }
    }
  g_clear_object (&self->jobs);

  G_OBJECT_CLASS (studio_session_parent_class)->dispose (object);
}

static void
studio_session_finalize (GObject *object)
{
  StudioSession *self = STUDIO_SESSION (object);

  g_free (self->project_id);
  g_free (self->profile_path);

  G_OBJECT_CLASS (studio_session_parent_class)->finalize (object);
}

static void
studio_session_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  StudioSession *self = STUDIO_SESSION (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_SETTINGS:
      g_value_set_object (value, self->settings);
      break;
    case PROP_PROJECT_ID:
      g_value_set_string (value, self->project_id);
      break;
    case PROP_PROFILE:
      g_value_take_object (value, studio_session_get_profile (self, NULL));
      break;
    case PROP_PROJECT_ROLE:
      g_value_set_int (value, self->project_role);
      break;
    case PROP_LEAD:
      g_value_set_boolean (value, self->project_role == RESLIB_PROJECT_ROLE_LEAD);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
studio_session_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  StudioSession *self = STUDIO_SESSION (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;
    case PROP_SETTINGS:
      self->settings = g_value_dup_object (value);
      break;
    case PROP_PROJECT_ID:
      studio_session_set_project_id (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
studio_session_class_init (StudioSessionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = studio_session_constructed;
  object_class->dispose = studio_session_dispose;
  object_class->finalize = studio_session_finalize;
  object_class->get_property = studio_session_get_property;
  object_class->set_property = studio_session_set_property;

  /**
   * StudioSession:store:
   *
   * The open store, or %NULL when it could not be opened.
   */
  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL,
                         RESLIB_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /**
   * StudioSession:settings:
   *
   * The settings; studio_settings_get_default() unless others are given.
   */
  properties[PROP_SETTINGS] =
    g_param_spec_object ("settings", NULL, NULL,
                         STUDIO_TYPE_SETTINGS,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /**
   * StudioSession:project-id:
   *
   * The id of the current project, or %NULL.
   */
  properties[PROP_PROJECT_ID] =
    g_param_spec_string ("project-id", NULL, NULL,
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /**
   * StudioSession:profile:
   *
   * The rule profile (%NULL when it cannot be read: studio_session_get_profile() says why);
   * notified when another profile is chosen.
   */
  properties[PROP_PROFILE] =
    g_param_spec_object ("profile", NULL, NULL,
                         RESLIB_TYPE_PROFILE,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * StudioSession:project-role:
   *
   * What this library is in the current project's team, a #ReslibProjectRole: the lead (also
   * without a project), or a teacher who joined it from the lead's package.
   */
  properties[PROP_PROJECT_ROLE] =
    g_param_spec_int ("project-role", NULL, NULL,
                      RESLIB_PROJECT_ROLE_LEAD, RESLIB_PROJECT_ROLE_TEACHER, RESLIB_PROJECT_ROLE_LEAD,
                      G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /**
   * StudioSession:lead:
   *
   * Whether this library leads the current project: what only the lead changes (the dossier, the
   * team, the course tree, the review, the provincial upload) can be changed; pages bind to it.
   */
  properties[PROP_LEAD] =
    g_param_spec_boolean ("lead", NULL, NULL, TRUE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * StudioSession::changed:
   * @kind: the #ReslibKind of the records that changed
   * @id: (nullable): the record, or %NULL when many changed
   *
   * The store's ReslibStore::changed, forwarded.
   */
  signals[SIGNAL_CHANGED] =
    g_signal_new ("changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_UINT, G_TYPE_STRING);

  /**
   * StudioSession::add-toast:
   * @toast: the toast to show
   *
   * Something to tell the user in passing; the window shows it.
   */
  signals[SIGNAL_ADD_TOAST] =
    g_signal_new ("add-toast",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, ADW_TYPE_TOAST);

  /**
   * StudioSession::show-error:
   * @heading: what failed
   * @error: (nullable): why; its message says what to do
   *
   * A failure to show; the window shows it in a dialog.
   */
  signals[SIGNAL_SHOW_ERROR] =
    g_signal_new ("show-error",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_ERROR);
}

static void
studio_session_init (StudioSession *self)
{
  self->jobs = g_list_store_new (RESLIB_TYPE_JOB);
}

/**
 * studio_session_new:
 * @store: (nullable): the open store, or %NULL when it could not be opened
 * @settings: (nullable): the settings, or %NULL for studio_settings_get_default()
 *
 * Returns: (transfer full): a new session, with no current project
 */
StudioSession *
studio_session_new (ReslibStore    *store,
                    StudioSettings *settings)
{
  g_return_val_if_fail (store == NULL || RESLIB_IS_STORE (store), NULL);
  g_return_val_if_fail (settings == NULL || STUDIO_IS_SETTINGS (settings), NULL);

  return g_object_new (STUDIO_TYPE_SESSION,
                       "store", store,
                       "settings", settings,
                       NULL);
}

/**
 * studio_session_get_store:
 *
 * Returns: (transfer none) (nullable): the store
 */
ReslibStore *
studio_session_get_store (StudioSession *self)
{
  g_return_val_if_fail (STUDIO_IS_SESSION (self), NULL);

  return self->store;
}

/**
 * studio_session_get_settings:
 *
 * Returns: (transfer none): the settings
 */
StudioSettings *
studio_session_get_settings (StudioSession *self)
{
  g_return_val_if_fail (STUDIO_IS_SESSION (self), NULL);

  return self->settings;
}

/* A big step is undone by a job in a worker: the session lists the job, and a toast says what is
 * being undone, with how far it is, until it ends; then a toast says it is done, or the failure is
 * shown. Undo and Redo are off meanwhile (the stack is busy). */
static void
undo_job_fraction_cb (ReslibJob     *job,
                      GParamSpec    *pspec,
                      StudioSession *self)
{
  double fraction = reslib_job_get_fraction (job);
  g_autofree char *title = NULL;

  if (self->undo_toast == NULL || fraction < 0)
    return;
  /* Translators: a toast while a big change is undone: “Undoing “…”: 40 %” */
  title = g_strdup_printf (_("%s: %u %%"), reslib_job_get_title (job), (guint) (fraction * 100));
  adw_toast_set_title (self->undo_toast, title);
}

static void
undo_job_started_cb (StudioUndoStack *stack,
                     ReslibUndoJob   *job,
                     const char      *label,
                     gboolean         redo,
                     StudioSession   *self)
{
  g_autofree char *title = g_strdup_printf ("%s…", reslib_job_get_title (RESLIB_JOB (job)));

  studio_session_add_job (self, RESLIB_JOB (job));
  g_signal_connect_object (job, "notify::fraction", G_CALLBACK (undo_job_fraction_cb), self, 0);
  if (self->undo_toast != NULL)
    adw_toast_dismiss (self->undo_toast);
  g_clear_object (&self->undo_toast);
  self->undo_toast = adw_toast_new (title);
  adw_toast_set_timeout (self->undo_toast, 0);
  adw_toast_set_priority (self->undo_toast, ADW_TOAST_PRIORITY_HIGH);
  g_free (self->undo_done);
  /* Translators: a toast after a big change was undone (or redone) in the background */
  self->undo_done = g_strdup_printf (redo ? _("Redone: %s") : _("Undone: %s"), label);
  studio_session_add_toast (self, g_object_ref (self->undo_toast));
}

static void
undo_job_ended (StudioSession *self)
{
  if (self->undo_toast != NULL)
    adw_toast_dismiss (self->undo_toast);
  g_clear_object (&self->undo_toast);
}

static void
undo_applied_cb (StudioUndoStack *stack,
                 ReslibUndoStep  *step,
                 StudioSession   *self)
{
  g_autofree char *done = g_steal_pointer (&self->undo_done);

  if (self->undo_toast == NULL)
    return;
  undo_job_ended (self);
  if (done != NULL)
    studio_session_toast (self, done);
}

static void
undo_failed_cb (StudioUndoStack *stack,
                const GError    *error,
                StudioSession   *self)
{
  g_clear_pointer (&self->undo_done, g_free);
  undo_job_ended (self);
  if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    studio_session_show_error (self, _("The change could not be undone"), error);
}

/**
 * studio_session_get_undo_stack:
 *
 * Returns: (transfer none) (nullable): the changes to the store the user can undo, or %NULL
 *   without a store
 */
StudioUndoStack *
studio_session_get_undo_stack (StudioSession *self)
{
  g_return_val_if_fail (STUDIO_IS_SESSION (self), NULL);

  if (self->undo_stack == NULL && self->store != NULL)
    {
      self->undo_stack = studio_undo_stack_new (self->store);
      g_signal_connect (self->undo_stack, "job-started", G_CALLBACK (undo_job_started_cb), self);
      g_signal_connect (self->undo_stack, "applied", G_CALLBACK (undo_applied_cb), self);
      g_signal_connect (self->undo_stack, "failed", G_CALLBACK (undo_failed_cb), self);
    }

  return self->undo_stack;
}

const char *
studio_session_get_project_id (StudioSession *self)
{
  g_return_val_if_fail (STUDIO_IS_SESSION (self), NULL);

  return self->project_id;
}

/**
 * studio_session_set_project_id:
 * @project_id: (nullable): the project to make current
 */
void
studio_session_set_project_id (StudioSession *self,
                               const char    *project_id)
{
  g_return_if_fail (STUDIO_IS_SESSION (self));

  if (g_strcmp0 (project_id, self->project_id) == 0)
    return;
  g_free (self->project_id);
  self->project_id = g_strdup (project_id);
  /* The role first: views of the new project read it when :project-id is notified. */
  update_role (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROJECT_ID]);
  if (self->upload_queue != NULL)
    studio_upload_queue_resume_unfinished (self->upload_queue, project_id);
}

/**
 * studio_session_get_project:
 *
 * Returns: (transfer full) (nullable): the current project's record, read now, or %NULL
 */
ReslibRecord *
studio_session_get_project (StudioSession *self)
{
  g_return_val_if_fail (STUDIO_IS_SESSION (self), NULL);

  if (self->store == NULL || self->project_id == NULL)
    return NULL;

  return reslib_store_get (self->store, RESLIB_KIND_PROJECT, self->project_id, NULL);
}

/**
 * studio_session_get_project_role:
 *
 * Returns: what this library is in the current project's team; %RESLIB_PROJECT_ROLE_LEAD without one
 */
ReslibProjectRole
studio_session_get_project_role (StudioSession *self)
{
  g_return_val_if_fail (STUDIO_IS_SESSION (self), RESLIB_PROJECT_ROLE_LEAD);

  return self->project_role;
}

/**
 * studio_session_get_lead:
 *
 * Returns: whether this library leads the current project (or there is none): see #StudioSession:lead
 */
gboolean
studio_session_get_lead (StudioSession *self)
{
  g_return_val_if_fail (STUDIO_IS_SESSION (self), TRUE);

  return self->project_role == RESLIB_PROJECT_ROLE_LEAD;
}

/**
 * studio_session_get_profile:
 *
 * The rule profile chosen in Preferences, or the built-in one when none is. A file is read
 * again when it was written since it was last read.
 *
 * Returns: (transfer full) (nullable): the profile, or %NULL with @error saying why and what to do
 */
ReslibProfile *
studio_session_get_profile (StudioSession  *self,
                            GError        **error)
{
  g_autofree char *path = NULL;
  g_autoptr(GError) local_error = NULL;
  ReslibProfile *profile;
  GStatBuf st = { 0 };
  gint64 mtime;

  g_return_val_if_fail (STUDIO_IS_SESSION (self), NULL);

  path = studio_settings_dup_profile_file (self->settings);
  if (*path != '\0' && g_stat (path, &st) != 0)
    memset (&st, 0, sizeof st);
  mtime = (gint64) st.st_mtim.tv_sec * G_GINT64_CONSTANT (1000000000) + st.st_mtim.tv_nsec;
  if (self->profile != NULL && g_strcmp0 (path, self->profile_path) == 0 &&
      (*path == '\0' || (mtime == self->profile_mtime && st.st_size == self->profile_size)))
    return g_object_ref (self->profile);

  g_clear_object (&self->profile);
  g_clear_pointer (&self->profile_path, g_free);
  if (*path == '\0')
    profile = reslib_profile_load_default (error);
  else
    {
      profile = reslib_profile_load (path, &local_error);
      if (profile == NULL)
        {
          g_set_error (error, local_error->domain, local_error->code,
                       _("%s. Choose another profile file in Preferences, or clear it to use the built-in profile."),
                       local_error->message);
          return NULL;
        }
    }
  if (profile == NULL)
    return NULL;

  self->profile = g_object_ref (profile);
  self->profile_path = g_steal_pointer (&path);
  self->profile_mtime = mtime;
  self->profile_size = st.st_size;

  return profile;
}

/**
 * studio_session_get_search_worker:
 *
 * Returns: (transfer none) (nullable): the worker that searches the store's resources, or %NULL
 *   when there is no store
 */
StudioSearchWorker *
studio_session_get_search_worker (StudioSession *self)
{
  g_return_val_if_fail (STUDIO_IS_SESSION (self), NULL);

  if (self->search_worker == NULL && self->store != NULL)
    self->search_worker = studio_search_worker_new (self->store);

  return self->search_worker;
}

/**
 * studio_session_get_row_loader:
 *
 * Returns: (transfer none) (nullable): the loader that reads the rows of the store's resources in
 *   a worker, or %NULL when there is no store
 */
StudioRowLoader *
studio_session_get_row_loader (StudioSession *self)
{
  g_return_val_if_fail (STUDIO_IS_SESSION (self), NULL);

  if (self->row_loader == NULL && self->store != NULL)
    self->row_loader = studio_row_loader_new (self->store);

  return self->row_loader;
}

/**
 * studio_session_get_upload_queue:
 *
 * Returns: (transfer none) (nullable): the uploads of this session, or %NULL without a store
 */
StudioUploadQueue *
studio_session_get_upload_queue (StudioSession *self)
{
  g_return_val_if_fail (STUDIO_IS_SESSION (self), NULL);

  return self->upload_queue;
}

/**
 * studio_session_get_jobs:
 *
 * The work running now (imports, packs, uploads, checks, reports), for a view of running work.
 *
 * Returns: (transfer none): a list model of #ReslibJob, each while it is busy
 */
GListModel *
studio_session_get_jobs (StudioSession *self)
{
  g_return_val_if_fail (STUDIO_IS_SESSION (self), NULL);

  return G_LIST_MODEL (self->jobs);
}

static void
job_busy_cb (ReslibJob     *job,
             GParamSpec    *pspec,
             StudioSession *self)
{
  guint position;

  if (reslib_job_get_busy (job))
    return;
  g_signal_handlers_disconnect_by_func (job, job_busy_cb, self);
  if (g_list_store_find (self->jobs, job, &position))
    g_list_store_remove (self->jobs, position);
}

/**
 * studio_session_add_job:
 * @job: a job just started (reslib_job_run_async())
 *
 * Lists @job among the running work until it ends; a job that is not busy is not listed.
 */
void
studio_session_add_job (StudioSession *self,
                        ReslibJob     *job)
{
  g_return_if_fail (STUDIO_IS_SESSION (self));
  g_return_if_fail (RESLIB_IS_JOB (job));

  if (!reslib_job_get_busy (job) || g_list_store_find (self->jobs, job, NULL))
    return;
  g_signal_connect (job, "notify::busy", G_CALLBACK (job_busy_cb), self);
  g_list_store_append (self->jobs, job);
}

/**
 * studio_session_add_toast:
 * @toast: (transfer full): the toast, e.g. with an Undo button
 *
 * Shows @toast wherever the session is shown; logs its title when it is shown nowhere.
 */
void
studio_session_add_toast (StudioSession *self,
                          AdwToast      *toast)
{
  g_autoptr(AdwToast) owned = toast;

  g_return_if_fail (STUDIO_IS_SESSION (self));
  g_return_if_fail (ADW_IS_TOAST (toast));

  if (g_signal_has_handler_pending (self, signals[SIGNAL_ADD_TOAST], 0, TRUE))
    g_signal_emit (self, signals[SIGNAL_ADD_TOAST], 0, owned);
  else
    g_message ("%s", adw_toast_get_title (owned));
}

/**
 * studio_session_toast:
 * @message: plain text
 */
void
studio_session_toast (StudioSession *self,
                      const char    *message)
{
  g_autofree char *markup = NULL;

  g_return_if_fail (STUDIO_IS_SESSION (self));
  g_return_if_fail (message != NULL);

  markup = g_markup_escape_text (message, -1);
  studio_session_add_toast (self, adw_toast_new (markup));
}

/**
 * studio_session_show_error:
 * @heading: what failed, e.g. "The demo project could not be created"
 * @error: (nullable): why; its message says what to do
 *
 * Shows a failure wherever the session is shown; logs it when it is shown nowhere.
 */
void
studio_session_show_error (StudioSession *self,
                           const char    *heading,
                           const GError  *error)
{
  g_return_if_fail (STUDIO_IS_SESSION (self));
  g_return_if_fail (heading != NULL);

  if (g_signal_has_handler_pending (self, signals[SIGNAL_SHOW_ERROR], 0, TRUE))
    g_signal_emit (self, signals[SIGNAL_SHOW_ERROR], 0, heading, error);
  else
    g_warning ("%s: %s", heading, error != NULL ? error->message : "");
}
