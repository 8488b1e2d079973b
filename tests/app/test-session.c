/* test-session.c — StudioSession: the store's changes forwarded, the current project, the one
 * rule profile
 *
 * Needs no display: the session is not a widget.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "reslib-store-resource-rows.h"
#include "reslib-test-utils.h"
#include "reslib-upload.h"
#include "studio-paged-rows.h"
#include "studio-session.h"

typedef struct
{
  char           *dir;
  ReslibStore    *store;
  StudioSettings *settings;
  StudioSession  *session;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *data_dir = NULL;

  f->dir = reslib_test_make_tmp_dir ("reslib-session-XXXXXX");
  data_dir = g_build_filename (f->dir, "data", NULL);
  f->store = reslib_test_open_store (data_dir);
  f->settings = studio_settings_new ();
  f->session = studio_session_new (f->store, f->settings);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  studio_settings_set_profile_file (f->settings, NULL);
  g_assert_finalize_object (f->session);
  g_clear_object (&f->settings);
  g_clear_object (&f->store);
  reslib_test_rm_rf (f->dir);
  g_free (f->dir);
}

typedef struct
{
  guint     n;
  gboolean  project;
  char     *id;
} Seen;

static void
changed_cb (StudioSession *session,
            guint          kind,
            const char    *id,
            Seen          *seen)
{
  seen->n++;
  if (kind == RESLIB_KIND_PROJECT)
    {
      seen->project = TRUE;
      g_free (seen->id);
      seen->id = g_strdup (id);
    }
}

static void
count_cb (GObject    *object,
          GParamSpec *pspec,
          guint      *n)
{
  (*n)++;
}

static void
test_session_project (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *a = reslib_test_new_project (f->store, "A");
  g_autoptr(ReslibRecord) project = NULL;
  guint notified = 0;

  g_assert_true (studio_session_get_store (f->session) == f->store);
  g_assert_true (studio_session_get_settings (f->session) == f->settings);
  g_assert_null (studio_session_get_project_id (f->session));
  g_assert_null (studio_session_get_project (f->session));

  g_signal_connect (f->session, "notify::project-id", G_CALLBACK (count_cb), &notified);
  studio_session_set_project_id (f->session, a);
  studio_session_set_project_id (f->session, a);
  g_assert_cmpuint (notified, ==, 1);
  g_assert_cmpstr (studio_session_get_project_id (f->session), ==, a);
  project = studio_session_get_project (f->session);
  g_assert_nonnull (project);
  g_assert_cmpstr (reslib_record_get (project, "name"), ==, "A");

  studio_session_set_project_id (f->session, NULL);
  g_assert_cmpuint (notified, ==, 2);
  g_assert_null (studio_session_get_project_id (f->session));
  g_signal_handlers_disconnect_by_data (f->session, &notified);
}

static void
test_session_changed (Fixture       *f,
                      gconstpointer  data)
{
  Seen seen = { 0 };
  g_autofree char *a = NULL;

  g_signal_connect (f->session, "changed", G_CALLBACK (changed_cb), &seen);
  a = reslib_test_new_project (f->store, "A");
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_cmpuint (seen.n, >=, 1);
  g_assert_true (seen.project);
  g_assert_cmpstr (seen.id, ==, a);
  g_signal_handlers_disconnect_by_data (f->session, &seen);
  g_free (seen.id);
}

static char *
write_profile (Fixture    *f,
               const char *title)
{
  g_autofree char *builtin = g_test_build_filename (G_TEST_DIST, "..", "data", "profiles", "henan-2024.json", NULL);
  g_autoptr(ReslibProfile) original = reslib_profile_load (builtin, NULL);
  g_autofree char *text = NULL;
  g_autoptr(GString) changed = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *old_title = NULL;
  char *path = g_build_filename (f->dir, "profile.json", NULL);

  g_assert_nonnull (original);
  g_file_get_contents (builtin, &text, NULL, &error);
  g_assert_no_error (error);
  changed = g_string_new (text);
  old_title = g_strdup_printf ("\"%s\"", reslib_profile_get_title (original));
  g_assert_cmpuint (g_string_replace (changed, old_title, title, 1), ==, 1);
  g_file_set_contents (path, changed->str, -1, &error);
  g_assert_no_error (error);

  return path;
}

/* One profile: the built-in one, or the chosen file, read again when it is written or another
 * is chosen; a bad file says what to do. */
static void
test_session_profile (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(ReslibProfile) builtin = reslib_profile_load_default (NULL);
  g_autoptr(ReslibProfile) first = NULL;
  g_autoptr(ReslibProfile) again = NULL;
  g_autoptr(ReslibProfile) chosen = NULL;
  g_autoptr(ReslibProfile) rewritten = NULL;
  g_autoptr(ReslibProfile) bad = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  guint notified = 0;

  first = studio_session_get_profile (f->session, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (reslib_profile_get_title (first), ==, reslib_profile_get_title (builtin));
  again = studio_session_get_profile (f->session, NULL);
  g_assert_true (again == first);

  g_signal_connect (f->session, "notify::profile", G_CALLBACK (count_cb), &notified);
  path = write_profile (f, "\"A chosen profile\"");
  studio_settings_set_profile_file (f->settings, path);
  g_assert_cmpuint (notified, ==, 1);
  chosen = studio_session_get_profile (f->session, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (reslib_profile_get_title (chosen), ==, "A chosen profile");

  /* Written again (a longer title, so the size differs even within the clock's resolution). */
  g_free (write_profile (f, "\"The chosen profile, rewritten\""));
  rewritten = studio_session_get_profile (f->session, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (reslib_profile_get_title (rewritten), ==, "The chosen profile, rewritten");

  g_file_set_contents (path, "{ not json", -1, NULL);
  bad = studio_session_get_profile (f->session, &error);
  g_assert_null (bad);
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "Choose another profile file in Preferences"));
  g_clear_error (&error);

  studio_settings_set_profile_file (f->settings, NULL);
  g_assert_cmpuint (notified, ==, 2);
  g_clear_object (&again);
  again = studio_session_get_profile (f->session, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (reslib_profile_get_title (again), ==, reslib_profile_get_title (builtin));
  g_signal_handlers_disconnect_by_data (f->session, &notified);
}

typedef struct
{
  char *toast;
  char *heading;
  char *message;
} Told;

static void
add_toast_cb (StudioSession *session,
              AdwToast      *toast,
              Told          *told)
{
  g_free (told->toast);
  told->toast = g_strdup (adw_toast_get_title (toast));
}

static void
show_error_cb (StudioSession *session,
               const char    *heading,
               const GError  *error,
               Told          *told)
{
  g_free (told->heading);
  told->heading = g_strdup (heading);
  g_free (told->message);
  told->message = g_strdup (error != NULL ? error->message : NULL);
}

/* What pages and the report writer tell the user reaches whatever shows the session. */
static void
test_session_tell (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_FAILED, "Why, and what to do");
  Told told = { 0 };

  g_signal_connect (f->session, "add-toast", G_CALLBACK (add_toast_cb), &told);
  g_signal_connect (f->session, "show-error", G_CALLBACK (show_error_cb), &told);

  /* Plain text is shown as it is, not as markup. */
  studio_session_toast (f->session, "A & B <i>");
  g_assert_cmpstr (told.toast, ==, "A &amp; B &lt;i&gt;");
  studio_session_add_toast (f->session, adw_toast_new ("Deleted"));
  g_assert_cmpstr (told.toast, ==, "Deleted");
  studio_session_show_error (f->session, "It failed", error);
  g_assert_cmpstr (told.heading, ==, "It failed");
  g_assert_cmpstr (told.message, ==, "Why, and what to do");

  g_signal_handlers_disconnect_by_data (f->session, &told);
  g_free (told.toast);
  g_free (told.heading);
  g_free (told.message);
}

typedef struct
{
  StudioSearchWorker *worker;
  GHashTable *rowids;
  GError     *error;
  gboolean    done;
} Searched;

static void
searched_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  Searched *searched = user_data;
  searched->rowids = studio_search_worker_search_finish (searched->worker, result, &searched->error);
  searched->done = TRUE;
}

static void
search (StudioSearchWorker *worker,
        const char         *project,
        const char         *query,
        GCancellable       *cancellable,
        Searched           *searched)
{
  studio_search_worker_search_async (worker, project, query, cancellable, searched_cb, searched);
}

/* The session's search worker gives the rowids of the matches; a search asked for after another
 * makes the older one end as cancelled, so that only the latest result is shown. */
static void
test_session_search (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *project = reslib_test_new_project (f->store, "A");
  StudioSearchWorker *worker = studio_session_get_search_worker (f->session);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  Searched first = { worker }, second = { worker }, third = { worker };

  reslib_test_fill_resources (f->store, project, 50, FALSE);
  g_assert_nonnull (worker);
  g_assert_true (studio_session_get_search_worker (f->session) == worker);

  studio_search_worker_search_async (worker, project, "resource-000007", NULL, searched_cb, &first);
  studio_search_worker_search_async (worker, project, "resource-000042", NULL, searched_cb, &second);
  while (!first.done || !second.done)
    g_main_context_iteration (NULL, TRUE);
  g_assert_null (first.rowids);
  g_assert_error (first.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_no_error (second.error);
  g_assert_nonnull (second.rowids);
  g_assert_cmpuint (g_hash_table_size (second.rowids), ==, 1);

  /* Cancelled by its caller: no result even when the search had ended. */
  search (worker, project, "resource-000042", cancellable, &third);
  g_cancellable_cancel (cancellable);
  while (!third.done)
    g_main_context_iteration (NULL, TRUE);
  g_assert_null (third.rowids);
  g_assert_error (third.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);

  g_clear_error (&first.error);
  g_clear_pointer (&second.rowids, g_hash_table_unref);
  g_clear_error (&third.error);
}

typedef struct
{
  StudioRowLoader *loader;
  GPtrArray       *rows;
  GError          *error;
  gboolean         done;
} Loaded;

static void
loaded_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  Loaded *loaded = user_data;

  loaded->rows = studio_row_loader_load_finish (loaded->loader, result, &loaded->error);
  loaded->done = TRUE;
}

/* The session's row loader reads the rows of a project's resources in its thread, as the store
 * lists them; a read cancelled before it ran ends as cancelled. */
static void
test_session_rows (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *project = reslib_test_new_project (f->store, "A");
  g_autofree char *other = reslib_test_new_project (f->store, "B");
  StudioRowLoader *loader = studio_session_get_row_loader (f->session);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GPtrArray) expected = NULL;
  g_autoptr(GError) error = NULL;
  Loaded first = { loader }, second = { loader }, third = { loader };

  reslib_test_fill_resources (f->store, project, 50, FALSE);
  reslib_test_fill_resources (f->store, other, 3, FALSE);
  g_assert_nonnull (loader);
  g_assert_true (studio_session_get_row_loader (f->session) == loader);

  studio_row_loader_load_async (loader, project, NULL, loaded_cb, &first);
  studio_row_loader_load_async (loader, other, NULL, loaded_cb, &second);
  while (!first.done || !second.done)
    g_main_context_iteration (NULL, TRUE);
  g_assert_no_error (first.error);
  g_assert_no_error (second.error);
  expected = reslib_store_list_resource_rows (f->store, project, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (first.rows->len, ==, 50);
  for (guint i = 0; i < expected->len; i++)
    g_assert_cmpstr (reslib_resource_row_get_id (g_ptr_array_index (first.rows, i)), ==,
                     reslib_resource_row_get_id (g_ptr_array_index (expected, i)));
  g_assert_cmpuint (second.rows->len, ==, 3);

  g_cancellable_cancel (cancellable);
  studio_row_loader_load_async (loader, project, cancellable, loaded_cb, &third);
  while (!third.done)
    g_main_context_iteration (NULL, TRUE);
  g_assert_null (third.rows);
  g_assert_error (third.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);

  g_clear_pointer (&first.rows, g_ptr_array_unref);
  g_clear_pointer (&second.rows, g_ptr_array_unref);
  g_clear_error (&third.error);
}

typedef struct
{
  StudioRowLoader *loader;
  GArray          *rowids;
  GError          *error;
  gboolean         done;
} ListedRowids;

static void
listed_rowids_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  ListedRowids *listed = user_data;

  listed->rowids = studio_row_loader_list_rowids_finish (listed->loader, result, &listed->error);
  listed->done = TRUE;
}

static void
count_changes_cb (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  guint      *changes)
{
  (*changes)++;
}

/* A list read a page at a time: its length from the rowids, placeholders (no id) until their page is read
 * in the loader's thread, then the same items with the rows' values, in the store's order; pages beyond
 * what it keeps go once nobody holds their items. */
static void
test_session_paged_rows (Fixture       *f,
                         gconstpointer  data)
{
  g_autofree char *project = reslib_test_new_project (f->store, "A");
  StudioRowLoader *loader = studio_session_get_row_loader (f->session);
  g_autoptr(StudioPagedRows) paged = studio_paged_rows_new (loader);
  g_autoptr(GPtrArray) expected = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(ReslibResourceRow) first = NULL;
  g_autoptr(ReslibResourceRow) last = NULL;
  ListedRowids listed = { loader };
  guint changes = 0;
  guint n = 10000;   /* 79 pages of 128, more than the 64 kept */

  reslib_test_fill_bare_resources (f->store, project, n, "paged");
  expected = reslib_store_list_resource_rows (f->store, project, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (expected->len, ==, n);

  studio_row_loader_list_rowids_async (loader, project, NULL, listed_rowids_cb, &listed);
  while (!listed.done)
    g_main_context_iteration (NULL, TRUE);
  g_assert_no_error (listed.error);
  g_assert_cmpuint (listed.rowids->len, ==, n);

  g_signal_connect (paged, "items-changed", G_CALLBACK (count_changes_cb), &changes);
  studio_paged_rows_set_rowids (paged, listed.rowids);
  g_assert_cmpuint (changes, ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (paged)), ==, n);
  g_assert_cmpuint (studio_paged_rows_get_n_pages (paged), ==, 0);

  first = g_list_model_get_item (G_LIST_MODEL (paged), 0);
  last = g_list_model_get_item (G_LIST_MODEL (paged), n - 1);
  g_assert_null (reslib_resource_row_get_id (first));
  g_assert_cmpuint (studio_paged_rows_get_pending (paged), ==, 2);
  while (studio_paged_rows_get_pending (paged) > 0)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpstr (reslib_resource_row_get_id (first), ==, reslib_resource_row_get_id (g_ptr_array_index (expected, 0)));
  g_assert_cmpstr (reslib_resource_row_get_title (last), ==,
                   reslib_resource_row_get_title (g_ptr_array_index (expected, n - 1)));
  /* The same item while its page is kept. */
  {
    g_autoptr(ReslibResourceRow) again = g_list_model_get_item (G_LIST_MODEL (paged), 0);

    g_assert_true (again == first);
  }

  /* Every row once: the pages nobody holds go, the two held stay. */
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(ReslibResourceRow) row = g_list_model_get_item (G_LIST_MODEL (paged), i);
    }
  while (studio_paged_rows_get_pending (paged) > 0)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (studio_paged_rows_get_n_pages (paged), ==, 64);
  {
    g_autoptr(ReslibResourceRow) again = g_list_model_get_item (G_LIST_MODEL (paged), 0);
    g_autoptr(ReslibResourceRow) again_last = g_list_model_get_item (G_LIST_MODEL (paged), n - 1);

    g_assert_true (again == first);
    g_assert_true (again_last == last);
  }
  for (guint i = 0; i < n; i += 97)
    {
      g_autoptr(ReslibResourceRow) row = g_list_model_get_item (G_LIST_MODEL (paged), i);

      while (studio_paged_rows_get_pending (paged) > 0)
        g_main_context_iteration (NULL, TRUE);
      g_assert_cmpstr (reslib_resource_row_get_id (row), ==, reslib_resource_row_get_id (g_ptr_array_index (expected, i)));
    }

  /* Other rowids: the old items are not the new list's. */
  studio_paged_rows_set_rowids (paged, g_array_new (FALSE, FALSE, sizeof (gint64)));
  g_assert_cmpuint (changes, ==, 2);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (paged)), ==, 0);
  g_assert_cmpuint (studio_paged_rows_get_n_pages (paged), ==, 0);
  g_assert_null (g_list_model_get_item (G_LIST_MODEL (paged), 0));
}

/* A job that waits until it is cancelled, so that it is seen running. */
typedef struct { ReslibJob parent_instance; } TestJob;
typedef struct { ReslibJobClass parent_class; } TestJobClass;
static GType test_job_get_type (void);
G_DEFINE_TYPE (TestJob, test_job, RESLIB_TYPE_JOB)

static gboolean
test_job_run (ReslibJob     *job,
              GCancellable  *cancellable,
              GError       **error)
{
  while (!g_cancellable_is_cancelled (cancellable))
    g_usleep (1000);

  return !g_cancellable_set_error_if_cancelled (cancellable, error);
}

static void
test_job_class_init (TestJobClass *klass)
{
  RESLIB_JOB_CLASS (klass)->run = test_job_run;
}

static void
test_job_init (TestJob *self)
{
}

static void
job_done_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  gboolean *done = user_data;

  reslib_job_run_finish (RESLIB_JOB (source), result, NULL);
  *done = TRUE;
}

/* The running work is listed while it runs, and only then. */
static void
test_session_jobs (Fixture       *f,
                   gconstpointer  data)
{
  GListModel *jobs = studio_session_get_jobs (f->session);
  g_autoptr(ReslibJob) job = g_object_new (test_job_get_type (), NULL);
  g_autoptr(ReslibJob) idle = g_object_new (test_job_get_type (), NULL);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  gboolean done = FALSE;

  g_assert_cmpuint (g_list_model_get_n_items (jobs), ==, 0);
  studio_session_add_job (f->session, idle);
  g_assert_cmpuint (g_list_model_get_n_items (jobs), ==, 0);

  reslib_job_run_async (job, cancellable, job_done_cb, &done);
  studio_session_add_job (f->session, job);
  studio_session_add_job (f->session, job);
  g_assert_cmpuint (g_list_model_get_n_items (jobs), ==, 1);
  {
    g_autoptr(ReslibJob) listed = g_list_model_get_item (jobs, 0);

    g_assert_true (listed == job);
  }

  g_cancellable_cancel (cancellable);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (g_list_model_get_n_items (jobs), ==, 0);
}

/* Inserts a submission of @kind for the package at @path; returns its id. */
static char *
add_submission (Fixture    *f,
                const char *project_id,
                const char *kind,
                const char *path)
{
  const char * const fields[] = { "project_id", "kind", "package_path", "size", "sha256", "endpoint", NULL };
  const char * const values[] = { project_id, kind, path, "4", "0123456789abcdef0123456789abcdef0123456789abcdef01234567"
                                  "89abcdef", "https://upload.example.edu.cn/files" };
  g_autoptr(GError) error = NULL;
  char *id = reslib_store_insert (f->store, RESLIB_KIND_SUBMISSION, fields, values, &error);

  g_assert_no_error (error);
  return id;
}

static StudioUploadItem *
queue_item (StudioUploadQueue *queue,
            const char        *submission_id)
{
  return studio_upload_queue_find (queue, submission_id);
}

static gboolean
item_stopped (gpointer data)
{
  StudioUploadState state = studio_upload_item_get_state (data);

  return state != STUDIO_UPLOAD_QUEUED && state != STUDIO_UPLOAD_RUNNING;
}

/* The session owns the upload queue; when a project becomes current it resumes the project's interrupted
 * submissions, lists the paused ones paused, and leaves cancelled ones, complete ones and contributions alone. */
static void
test_session_upload_queue (Fixture       *f,
                           gconstpointer  data)
{
  g_autofree char *project = reslib_test_new_project (f->store, "上传队列");
  g_autofree char *path = reslib_test_write_file (f->dir, "package.tar", "data", 4);
  g_autofree char *interrupted = add_submission (f, project, "progress", path);
  g_autofree char *paused = add_submission (f, project, "acceptance", path);
  g_autofree char *cancelled = add_submission (f, project, "progress", path);
  g_autofree char *contribution = add_submission (f, project, "contribution", path);
  g_autoptr(GError) error = NULL;
  StudioUploadQueue *queue = studio_session_get_upload_queue (f->session);
  StudioUploadItem *item;
  gint64 deadline;

  g_assert_nonnull (queue);
  g_assert_true (reslib_submission_set_paused (f->store, paused, TRUE, &error));
  g_assert_true (reslib_upload_cancel_submission (f->store, cancelled, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (queue)), ==, 0);

  studio_session_set_project_id (f->session, project);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (queue)), ==, 2);
  g_assert_null (queue_item (queue, cancelled));
  g_assert_null (queue_item (queue, contribution));
  g_assert_cmpint (studio_upload_item_get_state (queue_item (queue, paused)), ==, STUDIO_UPLOAD_PAUSED);
  item = queue_item (queue, interrupted);
  g_assert_cmpint (studio_upload_item_get_state (item), ==, STUDIO_UPLOAD_RUNNING);
  g_assert_true (studio_upload_queue_is_busy (queue));
  /* (No keyring here: it fails on the token, with a hint.) */
  deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;
  while (!item_stopped (item) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpint (studio_upload_item_get_state (item), ==, STUDIO_UPLOAD_FAILED);
  g_assert_nonnull (studio_upload_item_get_hint (item));
  g_assert_cmpint (studio_upload_item_get_state (queue_item (queue, paused)), ==, STUDIO_UPLOAD_PAUSED);

  /* Once per project: choosing it again adds nothing. */
  studio_session_set_project_id (f->session, NULL);
  studio_session_set_project_id (f->session, project);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (queue)), ==, 2);

  /* A session without a store has no queue. */
  {
    g_autoptr(StudioSession) none = studio_session_new (NULL, f->settings);

    g_assert_null (studio_session_get_upload_queue (none));
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/session/project", Fixture, NULL, fixture_setup, test_session_project, fixture_teardown);
  g_test_add ("/session/changed", Fixture, NULL, fixture_setup, test_session_changed, fixture_teardown);
  g_test_add ("/session/profile", Fixture, NULL, fixture_setup, test_session_profile, fixture_teardown);
  g_test_add ("/session/tell", Fixture, NULL, fixture_setup, test_session_tell, fixture_teardown);
  g_test_add ("/session/search", Fixture, NULL, fixture_setup, test_session_search, fixture_teardown);
  g_test_add ("/session/rows", Fixture, NULL, fixture_setup, test_session_rows, fixture_teardown);
  g_test_add ("/session/paged-rows", Fixture, NULL, fixture_setup, test_session_paged_rows, fixture_teardown);
  g_test_add ("/session/jobs", Fixture, NULL, fixture_setup, test_session_jobs, fixture_teardown);
  g_test_add ("/session/upload-queue", Fixture, NULL, fixture_setup, test_session_upload_queue, fixture_teardown);

  return g_test_run ();
}
