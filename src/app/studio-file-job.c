/* studio-file-job.c — writing one file through a job, from a save dialog to the toast that opens it
 *
 * Reports, the resource list, the LMS export and the findings are each written by a core ReslibJob. What
 * the app does around them is the same for all: a save dialog in the folder last used, with a filter per
 * type of file (the one chosen gives a name typed without a known extension its extension); the job run
 * as one of the session's jobs, with a toast that shows how far it is and can cancel it (which leaves no
 * file); then a toast that opens the file or shows it in its folder, or a dialog that says what failed:
 * the core's own message when it says what to do, else that message and what to check. The callers give
 * the job and the texts. Everything goes through the session: this knows no window and no page.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "studio-file-job.h"
#include "studio-show-in-folder.h"

typedef struct
{
  StudioSession          *session;
  GFile                  *file;
  GCancellable           *cancellable;
  AdwToast               *progress;
  ReslibJob              *job;
  char                   *progress_title;
  char                   *cancelled;
  char                   *failed;
  char                   *open_failed;
  StudioFileJobDone       done;
  StudioFileJobDoneTitle  done_title;
} RunData;

static void
run_data_free (RunData *data)
{
  if (data->job != NULL)
    g_signal_handlers_disconnect_by_data (data->job, data);
  g_clear_object (&data->session);
  g_clear_object (&data->file);
  g_clear_object (&data->cancellable);
  g_clear_object (&data->progress);
  g_clear_object (&data->job);
  g_free (data->progress_title);
  g_free (data->cancelled);
  g_free (data->failed);
  g_free (data->open_failed);
  g_free (data);
}

static void
launch_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  RunData *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  if (!g_app_info_launch_default_for_uri_finish (result, &error))
    {
      g_autoptr(GError) told = g_error_new (error->domain, error->code,
                                            _("%s. Open the file from the file manager instead."), error->message);

      studio_session_show_error (data->session, data->open_failed, told);
    }
}

static void
shown_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  RunData *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  if (!studio_show_in_folder_finish (result, NULL, &error))
    {
      /* Translators: %s says why, e.g. no application opens folders */
      g_autofree char *text = g_strdup_printf (_("The folder could not be shown: %s"), error->message);

      studio_session_toast (data->session, text);
    }
}

static void
done_clicked_cb (AdwToast *toast,
                 GTask    *task)
{
  RunData *data = g_task_get_task_data (task);

  if (data->done == STUDIO_FILE_JOB_SHOW_IN_FOLDER)
    studio_show_in_folder_async (NULL, data->file, NULL, shown_cb, g_object_ref (task));
  else
    {
      g_autoptr(GdkAppLaunchContext) context = NULL;
      g_autofree char *uri = g_file_get_uri (data->file);
      GdkDisplay *display = gdk_display_get_default ();

      if (display != NULL)
        context = gdk_display_get_app_launch_context (display);
      g_app_info_launch_default_for_uri_async (uri, context != NULL ? G_APP_LAUNCH_CONTEXT (context) : NULL, NULL,
                                               launch_cb, g_object_ref (task));
    }
}

static void
cancel_clicked_cb (AdwToast *toast,
                   RunData  *data)
{
  g_cancellable_cancel (data->cancellable);
}

/* The progress toast says what the job says it does, or how far it is. */
static void
job_progress_cb (ReslibJob  *job,
                 GParamSpec *pspec,
                 RunData    *data)
{
  const char *message = reslib_job_get_message (job);
  double fraction = reslib_job_get_fraction (job);
  g_autofree char *title = NULL;

  if (message != NULL && message[0] != '\0')
    title = g_markup_escape_text (message, -1);
  else if (fraction > 0)
    /* Translators: a toast while a file is written: what is written ("Writing the report…"), a percentage */
    title = g_strdup_printf (_("%s %u %%"), data->progress_title, (guint) MIN (100 * fraction, 100));
  if (title != NULL)
    adw_toast_set_title (data->progress, title);
}

static void
written_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  RunData *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  g_signal_handlers_disconnect_by_func (data->progress, cancel_clicked_cb, data);
  adw_toast_dismiss (data->progress);

  if (!reslib_job_run_finish (RESLIB_JOB (source), result, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        studio_session_toast (data->session, data->cancelled);
      else if (g_error_matches (error, RESLIB_ERROR, RESLIB_ERROR_INVALID) ||
               g_error_matches (error, G_IO_ERROR, G_IO_ERROR_EXISTS))
        /* A file of the library, or one that appeared meanwhile: the message says what to do. */
        studio_session_show_error (data->session, data->failed, error);
      else
        {
          g_autoptr(GError) told = g_error_new (error->domain, error->code,
                                                _("%s. Check that the folder can be written to and has free space, "
                                                  "then try again."), error->message);

          studio_session_show_error (data->session, data->failed, told);
        }
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  {
    g_autofree char *basename = g_file_get_basename (data->file);
    g_autofree char *escaped = g_markup_escape_text (basename, -1);
    g_autofree char *title = NULL;
    AdwToast *toast;

    if (data->done_title != NULL)
      title = data->done_title (RESLIB_JOB (source), escaped);
    else
      /* Translators: a toast after a file was written; %s is its name */
      title = g_strdup_printf (_("“%s” written"), escaped);
    toast = adw_toast_new (title);
    adw_toast_set_button_label (toast, data->done == STUDIO_FILE_JOB_SHOW_IN_FOLDER ? _("Show in _Folder")
                                                                                   : _("_Open"));
    adw_toast_set_timeout (toast, 10);
    /* The toast keeps what it opens. */
    g_signal_connect_data (toast, "button-clicked", G_CALLBACK (done_clicked_cb), g_object_ref (task),
                           (GClosureNotify) (void (*) (void)) g_object_unref, 0);
    studio_session_add_toast (data->session, toast);
  }
  g_task_return_boolean (task, TRUE);
}

/**
 * studio_file_job_run:
 * @session: the session, whose store and project the job gets
 * @file: the file to write (a local file)
 * @flags: %RESLIB_OUTPUT_REPLACE when the user agreed to replace @file
 * @texts: what the toasts and dialogs say
 * @make: makes the job that writes the file
 * @make_data: for @make (used before this returns)
 * @callback: (nullable): called when the job ended; the user has been told either way
 * @user_data: for @callback
 *
 * Writes @file through the job @make makes, as one of the session's jobs, with a toast that shows its
 * progress and can cancel it; tells the outcome through the session.
 */
void
studio_file_job_run (StudioSession            *session,
                     GFile                    *file,
                     ReslibOutputFlags         flags,
                     const StudioFileJobTexts *texts,
                     StudioFileJobMake         make,
                     gpointer                  make_data,
                     GAsyncReadyCallback       callback,
                     gpointer                  user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(ReslibJob) job = NULL;
  g_autofree char *path = NULL;
  ReslibStore *store;
  const char *project_id;
  RunData *data;

  g_return_if_fail (STUDIO_IS_SESSION (session));
  g_return_if_fail (G_IS_FILE (file));
  g_return_if_fail (texts != NULL && make != NULL);

  task = g_task_new (session, NULL, callback, user_data);
  g_task_set_source_tag (task, studio_file_job_run);
  store = studio_session_get_store (session);
  project_id = studio_session_get_project_id (session);
  path = g_file_get_path (file);
  if (store == NULL || project_id == NULL)
    {
      g_autoptr(GError) error = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                                                     _("There is no project: create or open one first."));

      studio_session_show_error (session, texts->failed, error);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (path == NULL)
    {
      g_autoptr(GError) error = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                                                     _("Files can only be saved in folders of this computer: "
                                                       "choose another folder."));

      studio_session_show_error (session, texts->failed, error);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  job = make (store, project_id, path, flags, make_data);
  if (job == NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, "No job writes %s", path);
      return;
    }

  data = g_new0 (RunData, 1);
  data->session = g_object_ref (session);
  data->file = g_object_ref (file);
  data->cancellable = g_cancellable_new ();
  data->progress_title = g_markup_escape_text (texts->progress, -1);
  data->cancelled = g_strdup (texts->cancelled);
  data->failed = g_strdup (texts->failed);
  data->open_failed = g_strdup (texts->open_failed);
  data->done = texts->done;
  data->done_title = texts->done_title;
  data->progress = g_object_ref_sink (adw_toast_new (data->progress_title));
  adw_toast_set_timeout (data->progress, 0);
  adw_toast_set_priority (data->progress, ADW_TOAST_PRIORITY_HIGH);
  adw_toast_set_button_label (data->progress, _("_Cancel"));
  g_signal_connect (data->progress, "button-clicked", G_CALLBACK (cancel_clicked_cb), data);
  data->job = g_object_ref (job);
  g_signal_connect (job, "notify::message", G_CALLBACK (job_progress_cb), data);
  g_signal_connect (job, "notify::fraction", G_CALLBACK (job_progress_cb), data);
  g_task_set_task_data (task, data, (GDestroyNotify) run_data_free);
  studio_session_add_toast (session, g_object_ref (data->progress));

  reslib_job_run_async (job, data->cancellable, written_cb, g_steal_pointer (&task));
  studio_session_add_job (session, job);
}

/**
 * studio_file_job_run_finish:
 *
 * Returns: whether the file was written (the user has been told either way)
 */
gboolean
studio_file_job_run_finish (GAsyncResult  *result,
                            GError       **error)
{
  g_return_val_if_fail (G_IS_TASK (result), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* The suffix (no dot) of @name's extension if it is one of @suffixes, in any case */
static const char *
known_suffix (const char         *name,
              const char * const *suffixes)
{
  const char *dot = strrchr (name, '.');

  if (dot == NULL)
    return NULL;
  for (guint i = 0; suffixes[i] != NULL; i++)
    if (g_ascii_strcasecmp (dot + 1, suffixes[i]) == 0)
      return suffixes[i];

  return NULL;
}

/* @name with the extension @suffix: a known one replaced, any other kept and @suffix added */
static char *
with_suffix (const char         *name,
             const char * const *suffixes,
             const char         *suffix)
{
  const char *known = known_suffix (name, suffixes);
  gsize len = strlen (name);

  if (known != NULL && g_ascii_strcasecmp (known, suffix) == 0)
    return g_strdup (name);
  if (known != NULL)
    len = (gsize) (strrchr (name, '.') - name);

  return g_strdup_printf ("%.*s.%s", (int) len, name, suffix);
}

/**
 * studio_file_job_chosen_file:
 * @file: (nullable): the file the save dialog gave
 * @suffixes: the extensions (no dot) of the dialog's filters
 * @filter_suffix: the extension of the filter chosen in it
 * @suffix: (out): the extension the file is written with, one of @suffixes
 * @replace: (out): whether the user agreed to replace the file if it exists
 *
 * The file to write: a name typed with one of @suffixes (in any case) is written as typed; any other name
 * gets @filter_suffix added, and a file of that name is not replaced: the dialog asked about another name.
 *
 * Returns: (transfer full) (nullable): the file to write
 */
GFile *
studio_file_job_chosen_file (GFile              *file,
                             const char * const *suffixes,
                             const char         *filter_suffix,
                             const char        **suffix,
                             gboolean           *replace)
{
  g_autoptr(GFile) parent = NULL;
  g_autofree char *name = NULL;
  g_autofree char *renamed = NULL;

  if (file == NULL)
    return NULL;
  name = g_file_get_basename (file);
  *suffix = known_suffix (name, suffixes);
  /* The file chooser has asked before accepting a file that exists. */
  *replace = TRUE;
  if (*suffix != NULL)
    return g_object_ref (file);

  *suffix = filter_suffix;
  renamed = with_suffix (name, suffixes, filter_suffix);
  parent = g_file_get_parent (file);
  *replace = FALSE;

  return parent != NULL ? g_file_get_child (parent, renamed) : NULL;
}

/**
 * studio_file_job_safe_name:
 * @name: a name proposed for a file (a project's name and what the file is)
 *
 * Returns: (transfer full): @name without folder separators
 */
char *
studio_file_job_safe_name (const char *name)
{
  char *safe = g_strdup (name);

  g_strdelimit (safe, "/\\", '-');

  return safe;
}

typedef struct
{
  StudioSession       *session;
  StudioFolderPurpose  folder;
  GStrv                suffixes;
  StudioFileJobChosen  chosen;
  gpointer             user_data;
  GDestroyNotify       destroy;
} ChooseData;

static void
choose_data_free (ChooseData *data)
{
  if (data->destroy != NULL)
    data->destroy (data->user_data);
  g_clear_object (&data->session);
  g_strfreev (data->suffixes);
  g_free (data);
}

static const char *
filter_suffix (ChooseData     *data,
               GtkFileChooser *chooser)
{
  GtkFileFilter *filter = gtk_file_chooser_get_filter (chooser);
  const char *suffix = filter != NULL ? g_object_get_data (G_OBJECT (filter), "studio-file-job-suffix") : NULL;

  return suffix != NULL ? suffix : data->suffixes[0];
}

/* Choosing another filter changes the extension of the name being typed (where the dialog tells). */
static void
chooser_filter_cb (GtkFileChooser *chooser,
                   GParamSpec     *pspec,
                   ChooseData     *data)
{
  g_autofree char *name = gtk_file_chooser_get_current_name (chooser);
  g_autofree char *renamed = NULL;

  if (name == NULL || *name == '\0')
    return;
  renamed = with_suffix (name, (const char * const *) data->suffixes, filter_suffix (data, chooser));
  if (g_strcmp0 (renamed, name) != 0)
    gtk_file_chooser_set_current_name (chooser, renamed);
}

static void
chooser_response_cb (GtkNativeDialog *chooser,
                     int              response,
                     ChooseData      *data)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) chosen = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      const char *suffix = NULL;
      gboolean replace = FALSE;
      g_autoptr(GFile) file = studio_file_job_chosen_file (chosen, (const char * const *) data->suffixes,
                                                           filter_suffix (data, GTK_FILE_CHOOSER (chooser)),
                                                           &suffix, &replace);

      if (file != NULL)
        {
          studio_settings_set_last_folder (studio_session_get_settings (data->session), data->folder, file);
          data->chosen (data->session, file, replace ? RESLIB_OUTPUT_REPLACE : RESLIB_OUTPUT_NONE, suffix,
                        data->user_data);
        }
    }
  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
}

/**
 * studio_file_job_choose:
 * @parent: (nullable): the window the dialog belongs to
 * @session: the session
 * @title: the dialog's title
 * @accept: its button's label
 * @folder: which last folder it opens in (and remembers)
 * @name: the file name proposed
 * @filters: the types of file offered, at least one
 * @n_filters: how many
 * @selected: the index of the filter chosen first
 * @chosen: called with the file to write once the user chose it
 * @user_data: for @chosen
 * @destroy: (nullable): frees @user_data when the dialog is gone
 *
 * Asks where to save a file. There is no project: says so in a toast instead.
 */
void
studio_file_job_choose (GtkWindow                 *parent,
                        StudioSession             *session,
                        const char                *title,
                        const char                *accept,
                        StudioFolderPurpose        folder,
                        const char                *name,
                        const StudioFileJobFilter *filters,
                        guint                      n_filters,
                        guint                      selected,
                        StudioFileJobChosen        chosen,
                        gpointer                   user_data,
                        GDestroyNotify             destroy)
{
  g_autoptr(GFile) start = NULL;
  GtkFileChooserNative *chooser;
  ChooseData *data;

  g_return_if_fail (parent == NULL || GTK_IS_WINDOW (parent));
  g_return_if_fail (STUDIO_IS_SESSION (session));
  g_return_if_fail (n_filters > 0 && selected < n_filters);

  if (studio_session_get_project_id (session) == NULL)
    {
      studio_session_toast (session, _("There is no project: create or open one first."));
      if (destroy != NULL)
        destroy (user_data);
      return;
    }

  data = g_new0 (ChooseData, 1);
  data->session = g_object_ref (session);
  data->folder = folder;
  data->suffixes = g_new0 (char *, n_filters + 1);
  for (guint i = 0; i < n_filters; i++)
    data->suffixes[i] = g_strdup (filters[i].suffix);
  data->chosen = chosen;
  data->user_data = user_data;
  data->destroy = destroy;

  chooser = gtk_file_chooser_native_new (title, parent, GTK_FILE_CHOOSER_ACTION_SAVE, accept, _("_Cancel"));
  g_object_set_data_full (G_OBJECT (chooser), "studio-file-job", data, (GDestroyNotify) choose_data_free);
  /* The folder a file of this kind was last saved in (GTK's default is the process's working folder). */
  start = studio_settings_get_last_folder (studio_session_get_settings (session), folder);
  if (start == NULL)
    {
      const char *documents = g_get_user_special_dir (G_USER_DIRECTORY_DOCUMENTS);

      start = g_file_new_for_path (documents != NULL && g_file_test (documents, G_FILE_TEST_IS_DIR)
                                   ? documents : g_get_home_dir ());
    }
  gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (chooser), start, NULL);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  for (guint i = 0; i < n_filters; i++)
    {
      g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

      gtk_file_filter_set_name (filter, filters[i].name);
      gtk_file_filter_add_mime_type (filter, filters[i].mime_type);
      gtk_file_filter_add_suffix (filter, filters[i].suffix);
      g_object_set_data (G_OBJECT (filter), "studio-file-job-suffix", data->suffixes[i]);
      gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
      if (i == selected)
        gtk_file_chooser_set_filter (GTK_FILE_CHOOSER (chooser), filter);
    }
  g_signal_connect (chooser, "notify::filter", G_CALLBACK (chooser_filter_cb), data);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect (chooser, "response", G_CALLBACK (chooser_response_cb), data);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}
