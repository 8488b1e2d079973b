/* test-import-dialog.c — the import review: what a package would do, Import, Cancel, a damaged
 * package; the ways in (a drop on the window or the Resources page, `reslib-studio FILE.tar`)
 *
 * Packages are real: built by the core from a store of the test's, then reviewed in another.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#include "reslib-store-conflicts.h"
#include "reslib-store-roles.h"
#include "studio-application.h"
#include "studio-import-dialog.h"
#include "studio-test-utils.h"

typedef struct
{
  char        *dir;
  char        *files;
  char        *out;
  ReslibStore *a;          /* where packages come from */
  ReslibStore *b;          /* the library of the window */
  char        *project;
  char        *res_one;    /* changed in a only: updated */
  char        *res_two;    /* changed in both: a conflict */
  char        *res_three;  /* the same: unchanged */
  char        *res_four;   /* new in a: added */
} Fixture;

static char *
add_resource (Fixture    *f,
              const char *name,
              const char *contents)
{
  g_autoptr(ReslibImporter) importer = reslib_importer_new (f->a, f->project);
  g_autofree char *path = reslib_test_write_file (f->files, name, contents, -1);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;

  reslib_importer_add_file (importer, file);
  g_assert_true (reslib_job_run (RESLIB_JOB (importer), NULL, &error));
  g_assert_no_error (error);

  return g_strdup (reslib_importer_get_resource_ids (importer)[0]);
}

static void
update (ReslibStore *store,
        const char  *id,
        const char  *field,
        const char  *value)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (reslib_store_update (store, RESLIB_KIND_RESOURCE, id, (const char * const[]) { field, NULL },
                                      (const char * const[]) { value }, &error));
  g_assert_no_error (error);
}

static char *
pack (Fixture    *f,
      const char *name)
{
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (f->out, name, NULL);

  reslib_test_approve_all (f->a, f->project);   /* a progress package holds approved resources */
  g_assert_true (reslib_test_pack (f->a, f->project, "progress", NULL, path, NULL, &error));
  g_assert_no_error (error);

  return path;
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *a_dir = NULL;
  g_autofree char *b_dir = NULL;

  f->dir = reslib_test_make_tmp_dir ("reslib-import-dialog-XXXXXX");
  a_dir = g_build_filename (f->dir, "a", NULL);
  b_dir = g_build_filename (f->dir, "b", NULL);
  f->files = g_build_filename (f->dir, "files", NULL);
  f->out = g_build_filename (f->dir, "out", NULL);
  g_mkdir (f->files, 0700);
  g_mkdir (f->out, 0700);
  f->a = reslib_test_open_store (a_dir);
  f->b = reslib_test_open_store (b_dir);
  f->project = reslib_test_new_project (f->a, "导入测试资源库");
  f->res_one = add_resource (f, "讲义.txt", "外圆车削的要点");
  f->res_two = add_resource (f, "习题.txt", "习题一");
  f->res_three = add_resource (f, "图片说明.txt", "不变的文件");
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_object (&f->a);
  g_clear_object (&f->b);
  reslib_test_rm_rf (f->dir);
  g_free (f->dir);
  g_free (f->files);
  g_free (f->out);
  g_free (f->project);
  g_free (f->res_one);
  g_free (f->res_two);
  g_free (f->res_three);
  g_free (f->res_four);
}

/* b has the project from a first package; then a changes one resource and adds one, b and a change
 * the same one: the second package brings 1 added, 1 updated, 1 conflict and 1 unchanged resource. */
static char *
make_second (Fixture *f)
{
  g_autofree char *first = pack (f, "first.tar");
  g_autoptr(ReslibImportReport) report = NULL;
  g_autoptr(GError) error = NULL;

  report = reslib_test_import_package (f->b, first, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (report);

  update (f->a, f->res_one, "title", "讲义（新版）");
  update (f->a, f->res_two, "description", "主持单位的说明");
  update (f->b, f->res_two, "description", "本地的说明");
  f->res_four = add_resource (f, "新增.txt", "新的文件");

  return pack (f, "second.tar");
}

static char *
title_in (ReslibStore *store,
          const char  *id)
{
  g_autoptr(ReslibRecord) record = reslib_store_get (store, RESLIB_KIND_RESOURCE, id, NULL);

  return record != NULL ? g_strdup (reslib_record_get (record, "title")) : NULL;
}

static gboolean
reviewed (gpointer data)
{
  StudioImportState state = studio_import_dialog_get_state (data);

  return state != STUDIO_IMPORT_STATE_CHECKING && state != STUDIO_IMPORT_STATE_IMPORTING;
}

static StudioImportDialog *
open_review (StudioWindow *window,
             const char   *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  StudioImportDialog *dialog;

  studio_window_open_package (window, file);
  dialog = STUDIO_IMPORT_DIALOG (studio_window_get_import_dialog (window));
  g_assert_nonnull (dialog);
  g_assert_true (g_file_equal (studio_import_dialog_get_file (dialog), file));
  g_assert_true (studio_test_wait_until (reviewed, dialog, 30000));
  studio_test_flush ();

  return dialog;
}

static gpointer
child (StudioImportDialog *dialog,
       const char         *name)
{
  return gtk_widget_get_template_child (GTK_WIDGET (dialog), STUDIO_TYPE_IMPORT_DIALOG, name);
}

static guint
shown_items (StudioImportDialog *dialog)
{
  return g_list_model_get_n_items (G_LIST_MODEL (gtk_column_view_get_model (child (dialog, "items_view"))));
}

static gboolean
window_gone (gpointer data)
{
  return *(gpointer *) data == NULL;
}

/* The review shows what the import does, writes nothing; Import then writes it. */
static void
test_review_and_import (Fixture       *f,
                        gconstpointer  data)
{
  g_autofree char *second = make_second (f);
  g_autofree char *before_one = title_in (f->b, f->res_one);
  g_autofree char *after_one = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(ReslibRecord) four = NULL;
  g_autoptr(GFile) second_file = g_file_new_for_path (second);
  g_autoptr(GFileInfo) second_info = g_file_query_info (second_file, G_FILE_ATTRIBUTE_STANDARD_SIZE,
                                                        G_FILE_QUERY_INFO_NONE, NULL, NULL);
  g_autofree char *size = g_format_size ((guint64) g_file_info_get_size (second_info));
  g_autofree char *bag = NULL;
  g_autofree char *contents = NULL;
  StudioWindow *window = studio_test_show_window (f->b);
  StudioImportDialog *dialog = open_review (window, second);
  gpointer weak = dialog;

  g_assert_true (reslib_package_sniff (second_file, &bag, NULL, NULL));
  contents = g_strdup_printf ("4 resources, %s · %s", size, bag);
  g_assert_cmpint (studio_import_dialog_get_state (dialog), ==, STUDIO_IMPORT_STATE_REVIEW);
  g_assert_cmpuint (studio_import_dialog_get_count (dialog, RESLIB_KIND_RESOURCE, RESLIB_IMPORT_OUTCOME_ADDED), ==, 1);
  g_assert_cmpuint (studio_import_dialog_get_count (dialog, RESLIB_KIND_RESOURCE, RESLIB_IMPORT_OUTCOME_UPDATED), ==, 1);
  g_assert_cmpuint (studio_import_dialog_get_count (dialog, RESLIB_KIND_RESOURCE, RESLIB_IMPORT_OUTCOME_CONFLICT), ==,
                    1);
  g_assert_cmpuint (studio_import_dialog_get_count (dialog, RESLIB_KIND_RESOURCE, RESLIB_IMPORT_OUTCOME_UNCHANGED), ==,
                    1);
  /* Shown: the verification, the facts, the counts, the records. */
  g_assert_true (studio_test_shows_text (dialog, "Verified: the package is complete and each of its files matches "
                                                 "its checksum."));
  g_assert_true (studio_test_shows_text (dialog, "导入测试资源库"));
  g_assert_true (studio_test_shows_text (dialog, contents));
  g_assert_true (studio_test_shows_text (dialog, "Resources"));
  g_assert_true (gtk_widget_get_visible (child (dialog, "import_button")));
  /* Enter imports: the focus is on Import, not on Cancel. */
  g_assert_true (gtk_window_get_focus (GTK_WINDOW (dialog)) == child (dialog, "import_button"));
  g_assert_false (gtk_widget_get_visible (child (dialog, "target_group")));   /* b has the project */
  g_assert_cmpuint (shown_items (dialog), >=, 5);

  /* Filter by outcome, search by title. */
  gtk_drop_down_set_selected (child (dialog, "outcome_dropdown"), 1 + RESLIB_IMPORT_OUTCOME_CONFLICT);
  g_assert_cmpuint (shown_items (dialog), ==, 1);
  gtk_drop_down_set_selected (child (dialog, "outcome_dropdown"), 0);
  gtk_editable_set_text (GTK_EDITABLE (child (dialog, "search_entry")), "新增");
  g_signal_emit_by_name (child (dialog, "search_entry"), "search-changed");
  g_assert_cmpuint (shown_items (dialog), ==, 1);

  /* Nothing written yet. */
  g_assert_null (reslib_store_get (f->b, RESLIB_KIND_RESOURCE, f->res_four, NULL));
  g_assert_cmpuint (reslib_store_count_conflicts (f->b, f->project, &error), ==, 0);
  g_assert_no_error (error);

  /* Import: written, the dialog goes, a toast says what was done. */
  g_object_add_weak_pointer (G_OBJECT (dialog), &weak);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "import.import", NULL));
  g_assert_true (studio_test_wait_until (window_gone, &weak, 30000));
  four = reslib_store_get (f->b, RESLIB_KIND_RESOURCE, f->res_four, NULL);
  g_assert_nonnull (four);
  after_one = title_in (f->b, f->res_one);
  g_assert_cmpstr (before_one, ==, "讲义");
  g_assert_cmpstr (after_one, ==, "讲义（新版）");
  g_assert_cmpuint (reslib_store_count_conflicts (f->b, f->project, &error), ==, 1);
  g_assert_null (studio_window_get_import_dialog (window));
  studio_test_close_window (window);
}

/* Cancel (and Escape, its binding) closes the review; nothing is written. */
static void
test_cancel (Fixture       *f,
             gconstpointer  data)
{
  g_autofree char *second = make_second (f);
  g_autofree char *title = NULL;
  g_autoptr(GError) error = NULL;
  StudioWindow *window = studio_test_show_window (f->b);
  StudioImportDialog *dialog = open_review (window, second);
  gpointer weak = dialog;

  g_object_add_weak_pointer (G_OBJECT (dialog), &weak);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "import.cancel", NULL));
  g_assert_true (studio_test_wait_until (window_gone, &weak, 10000));
  g_assert_null (reslib_store_get (f->b, RESLIB_KIND_RESOURCE, f->res_four, NULL));
  title = title_in (f->b, f->res_one);
  g_assert_cmpstr (title, ==, "讲义");
  g_assert_cmpuint (reslib_store_count_conflicts (f->b, f->project, &error), ==, 0);
  studio_test_close_window (window);
}

/* A package with a changed byte: the problem is shown, no Import, nothing written. */
static void
test_damaged (Fixture       *f,
              gconstpointer  data)
{
  g_autofree char *second = make_second (f);
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  gsize len = 0;
  const char *needle = "新的文件";
  char *at;
  StudioWindow *window;
  StudioImportDialog *dialog;

  g_assert_true (g_file_get_contents (second, &contents, &len, &error));
  at = memmem (contents, len, needle, strlen (needle));
  g_assert_nonnull (at);
  at[0] ^= 1;
  g_assert_true (g_file_set_contents (second, contents, (gssize) len, &error));

  window = studio_test_show_window (f->b);
  dialog = open_review (window, second);
  g_assert_cmpint (studio_import_dialog_get_state (dialog), ==, STUDIO_IMPORT_STATE_FAILED);
  g_assert_false (gtk_widget_get_visible (child (dialog, "import_button")));
  g_assert_false (gtk_widget_activate_action (GTK_WIDGET (dialog), "import.import", NULL) &&
                  studio_import_dialog_get_state (dialog) != STUDIO_IMPORT_STATE_FAILED);
  g_assert_true (studio_test_shows_text (dialog, "This Package Cannot Be Imported"));
  g_assert_nonnull (strstr (gtk_label_get_text (child (dialog, "problems_label")), "Nothing was written"));
  g_assert_nonnull (strstr (gtk_label_get_text (child (dialog, "problems_label")), "新增.txt"));
  g_assert_null (reslib_store_get (f->b, RESLIB_KIND_RESOURCE, f->res_four, NULL));
  gtk_window_destroy (GTK_WINDOW (dialog));
  studio_test_close_window (window);
}

/* A package of a project the library does not have: a new project, shown once imported; with a
 * project of the same title, merging into it is offered first. */
static void
test_new_project (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *first = pack (f, "first.tar");
  g_autofree char *same = reslib_test_new_project (f->b, "导入测试资源库");
  StudioWindow *window = studio_test_show_window (f->b);
  StudioImportDialog *dialog = open_review (window, first);
  gpointer weak = dialog;

  /* Merging into the project of the same title is offered, and chosen. */
  g_assert_true (gtk_widget_get_visible (child (dialog, "target_group")));
  g_assert_true (gtk_check_button_get_active (child (dialog, "merge_check")));
  g_assert_true (studio_test_shows_text (dialog, "Merge into “导入测试资源库”"));

  /* A new project instead: previewed again, then imported and shown. */
  gtk_check_button_set_active (child (dialog, "new_check"), TRUE);
  g_assert_true (studio_test_wait_until (reviewed, dialog, 30000));
  g_assert_cmpint (studio_import_dialog_get_state (dialog), ==, STUDIO_IMPORT_STATE_REVIEW);
  g_assert_cmpuint (studio_import_dialog_get_count (dialog, RESLIB_KIND_PROJECT, RESLIB_IMPORT_OUTCOME_ADDED), ==, 1);
  g_assert_cmpuint (studio_import_dialog_get_count (dialog, RESLIB_KIND_RESOURCE, RESLIB_IMPORT_OUTCOME_ADDED), ==, 3);
  g_object_add_weak_pointer (G_OBJECT (dialog), &weak);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "import.import", NULL));
  g_assert_true (studio_test_wait_until (window_gone, &weak, 30000));
  studio_test_flush ();
  g_assert_cmpstr (studio_window_get_project_id (window), ==, f->project);
  g_assert_cmpuint (reslib_store_count (f->b, RESLIB_KIND_PROJECT, NULL, NULL), ==, 2);
  studio_test_close_window (window);
}

/* JOIN (a teacher joining the lead's project): the project comes in as a teacher's and is shown. */
static void
test_join (Fixture       *f,
           gconstpointer  data)
{
  g_autofree char *first = pack (f, "first.tar");
  g_autoptr(GFile) file = g_file_new_for_path (first);
  g_autoptr(GError) error = NULL;
  StudioWindow *window = studio_test_show_window (f->b);
  StudioImportDialog *dialog = studio_import_dialog_new (studio_window_get_session (window), file,
                                                         STUDIO_IMPORT_MODE_JOIN);
  gpointer weak = dialog;

  gtk_window_set_transient_for (GTK_WINDOW (dialog), GTK_WINDOW (window));
  gtk_window_present (GTK_WINDOW (dialog));
  g_assert_true (studio_test_wait_until (reviewed, dialog, 30000));
  studio_test_flush ();
  g_assert_cmpint (studio_import_dialog_get_state (dialog), ==, STUDIO_IMPORT_STATE_REVIEW);
  g_assert_true (studio_test_shows_text (dialog, "Join a Project"));
  g_assert_false (gtk_widget_get_visible (child (dialog, "target_group")));
  g_assert_cmpuint (studio_import_dialog_get_count (dialog, RESLIB_KIND_RESOURCE, RESLIB_IMPORT_OUTCOME_ADDED), ==, 3);
  g_assert_cmpint (reslib_store_count (f->b, RESLIB_KIND_PROJECT, NULL, NULL), ==, 0);

  g_object_add_weak_pointer (G_OBJECT (dialog), &weak);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "import.import", NULL));
  g_assert_true (studio_test_wait_until (window_gone, &weak, 30000));
  studio_test_flush ();
  g_assert_cmpstr (studio_window_get_project_id (window), ==, f->project);
  g_assert_cmpint (reslib_store_get_project_role (f->b, f->project, &error), ==, RESLIB_PROJECT_ROLE_TEACHER);
  g_assert_no_error (error);
  studio_test_close_window (window);
}

static gboolean
drop_files (GtkWidget          *widget,
            const char * const *paths)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);
  GSList *files = NULL;
  g_auto(GValue) value = G_VALUE_INIT;
  gboolean handled = FALSE;
  gboolean found = FALSE;

  for (guint i = 0; paths[i] != NULL; i++)
    files = g_slist_append (files, g_file_new_for_path (paths[i]));
  g_value_init (&value, GDK_TYPE_FILE_LIST);
  g_value_take_boxed (&value, gdk_file_list_new_from_list (files));
  g_slist_free_full (files, g_object_unref);
  for (guint i = 0; i < g_list_model_get_n_items (controllers) && !found; i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_DROP_TARGET (controller))
        {
          g_signal_emit_by_name (controller, "drop", &value, 1.0, 1.0, &handled);
          found = TRUE;
        }
    }
  g_assert_true (found);

  return handled;
}

typedef struct
{
  ReslibStore *store;
  const char  *project;
  guint        want;
} CountWait;

static gboolean
has_resources (gpointer data)
{
  CountWait *w = data;

  return reslib_store_count (w->store, RESLIB_KIND_RESOURCE, w->project, NULL) >= w->want;
}

static gboolean
import_over (gpointer data)
{
  return !gtk_revealer_get_reveal_child (data);
}

/* Dropped on the window or on the Resources page: a package goes to the review, another file
 * (even named .tar) is imported as a resource. */
static void
test_drop (Fixture       *f,
           gconstpointer  data)
{
  g_autofree char *second = make_second (f);
  g_autofree char *text = reslib_test_write_file (f->files, "备课笔记.txt", "一个普通文件", -1);
  g_autofree char *fake = reslib_test_write_file (f->files, "不是资源包.tar", "not a tar at all", -1);
  StudioWindow *window = studio_test_show_window (f->b);
  StudioPage *resources = studio_window_get_page (window, "resources");
  guint before = reslib_store_count (f->b, RESLIB_KIND_RESOURCE, f->project, NULL);
  CountWait wait = { f->b, f->project, before + 1 };
  StudioImportDialog *dialog;

  /* On the window (the Overview shown): the package opens the review. */
  g_assert_true (drop_files (GTK_WIDGET (window), (const char *[]) { second, NULL }));
  dialog = STUDIO_IMPORT_DIALOG (studio_window_get_import_dialog (window));
  g_assert_nonnull (dialog);
  g_assert_true (studio_test_wait_until (reviewed, dialog, 30000));
  gtk_window_destroy (GTK_WINDOW (dialog));
  studio_test_flush ();
  g_assert_null (studio_window_get_import_dialog (window));
  g_assert_cmpuint (reslib_store_count (f->b, RESLIB_KIND_RESOURCE, f->project, NULL), ==, before);

  /* On the window, a plain file: imported as a resource, no review. */
  g_assert_true (drop_files (GTK_WIDGET (window), (const char *[]) { text, NULL }));
  g_assert_null (studio_window_get_import_dialog (window));
  g_assert_true (studio_test_wait_until (has_resources, &wait, 30000));
  /* Its rows are written before the import ends; the page takes no second import until then. */
  g_assert_true (studio_test_wait_until (import_over, studio_test_page_child (window, "resources", "import_revealer"),
                                         30000));

  /* On the Resources page: the package to the review, the fake .tar imported as a resource. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "resources");
  studio_test_flush ();
  wait.want = before + 2;
  g_assert_true (drop_files (GTK_WIDGET (resources), (const char *[]) { second, fake, NULL }));
  dialog = STUDIO_IMPORT_DIALOG (studio_window_get_import_dialog (window));
  g_assert_nonnull (dialog);
  g_assert_true (studio_test_wait_until (has_resources, &wait, 30000));
  g_assert_true (studio_test_wait_until (reviewed, dialog, 30000));
  g_assert_cmpint (studio_import_dialog_get_state (dialog), ==, STUDIO_IMPORT_STATE_REVIEW);
  /* The package itself never became a resource. */
  g_assert_cmpuint (reslib_store_count (f->b, RESLIB_KIND_RESOURCE, f->project, NULL), ==, before + 2);
  gtk_window_destroy (GTK_WINDOW (dialog));
  studio_test_close_window (window);
}

/* `reslib-studio FILE.tar` (a name relative to the folder it is given in): the window and the review
 * of that file. */
typedef struct
{
  GApplication *app;
  GFile        *want;
  gboolean      seen;
  guint        tries;
} CommandLine;

static gboolean
command_line_check_cb (gpointer data)
{
  CommandLine *c = data;
  GList *windows = gtk_application_get_windows (GTK_APPLICATION (c->app));

  for (GList *l = windows; l != NULL; l = l->next)
    if (STUDIO_IS_WINDOW (l->data))
      {
        GtkWindow *dialog = studio_window_get_import_dialog (l->data);

        if (dialog != NULL && g_file_equal (studio_import_dialog_get_file (STUDIO_IMPORT_DIALOG (dialog)), c->want))
          c->seen = TRUE;
      }
  if (c->seen || ++c->tries > 200)
    {
      for (GList *l = windows; l != NULL; l = l->next)
        if (STUDIO_IS_WINDOW (l->data))
          {
            GtkWindow *dialog = studio_window_get_import_dialog (l->data);

            if (dialog != NULL)
              gtk_window_destroy (dialog);
          }
      g_application_quit (c->app);
      return G_SOURCE_REMOVE;
    }

  return G_SOURCE_CONTINUE;
}

static void
test_command_line (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *second = make_second (f);
  g_autofree char *cwd = g_get_current_dir ();
  g_autofree char *data_dir = g_strdup (reslib_store_get_data_dir (f->b));
  g_autoptr(StudioApplication) app = NULL;
  CommandLine c = { 0 };
  char *argv[] = { "reslib-studio", "--data-dir", data_dir, "second.tar", NULL };

  /* The application opens the store itself. */
  g_clear_object (&f->b);
  app = studio_application_new ();
  c.app = G_APPLICATION (app);
  c.want = g_file_new_for_path (second);
  g_assert_cmpint (g_chdir (f->out), ==, 0);
  g_timeout_add (50, command_line_check_cb, &c);
  g_assert_cmpint (g_application_run (G_APPLICATION (app), 4, argv), ==, 0);
  g_assert_cmpint (g_chdir (cwd), ==, 0);
  g_assert_true (c.seen);
  g_object_unref (c.want);
}

/* A second `reslib-studio FILE.tar` while the application runs: it hands the file to the running
 * instance (over a session bus of the test's own) and ends; the review opens there. */
static void
second_instance_cb (GApplication *app,
                    CommandLine  *c)
{
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_NONE);
  g_autofree char *exe = g_build_filename (g_getenv ("G_TEST_BUILDDIR"), "..", "src", "app", "reslib-studio", NULL);
  g_autofree char *dir = g_file_get_path (c->want);
  g_autofree char *folder = g_path_get_dirname (dir);
  g_autoptr(GSubprocess) proc = NULL;
  g_autoptr(GError) error = NULL;

  g_subprocess_launcher_set_cwd (launcher, folder);
  proc = g_subprocess_launcher_spawn (launcher, &error, exe, "second.tar", NULL);
  g_assert_no_error (error);
  /* Its exit is not waited for here: the running instance answers it from this main loop. */
  g_timeout_add (50, command_line_check_cb, c);
}

static void
test_second_instance (Fixture       *f,
                      gconstpointer  data)
{
  if (g_test_subprocess ())
    {
      g_autofree char *second = make_second (f);
      GTestDBus *bus = g_test_dbus_new (G_TEST_DBUS_NONE);
      g_autoptr(StudioApplication) app = NULL;
      CommandLine c = { 0 };
      char *argv[] = { "reslib-studio", NULL };

      g_test_dbus_up (bus);
      g_setenv ("RESLIB_DATA_DIR", reslib_store_get_data_dir (f->b), TRUE);
      g_clear_object (&f->b);
      app = studio_application_new ();
      c.app = G_APPLICATION (app);
      c.want = g_file_new_for_path (second);
      g_signal_connect (app, "startup", G_CALLBACK (second_instance_cb), &c);
      g_assert_cmpint (g_application_run (G_APPLICATION (app), 1, argv), ==, 0);
      g_assert_true (c.seen);
      g_object_unref (c.want);
      g_clear_object (&app);
      /* Not g_test_dbus_down () (nor the last unref, which calls it): GTK keeps the connection to the
       * bus until the process ends, so it would wait for it in vain. */
      g_test_dbus_stop (bus);
      return;
    }
  g_test_trap_subprocess (NULL, 120 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
}

int
main (int   argc,
      char *argv[])
{
  if (!studio_test_init (&argc, &argv))
    return 0;

  g_test_add ("/import-dialog/review-and-import", Fixture, NULL, fixture_setup, test_review_and_import,
              fixture_teardown);
  g_test_add ("/import-dialog/cancel", Fixture, NULL, fixture_setup, test_cancel, fixture_teardown);
  g_test_add ("/import-dialog/damaged", Fixture, NULL, fixture_setup, test_damaged, fixture_teardown);
  g_test_add ("/import-dialog/new-project", Fixture, NULL, fixture_setup, test_new_project, fixture_teardown);
  g_test_add ("/import-dialog/join", Fixture, NULL, fixture_setup, test_join, fixture_teardown);
  g_test_add ("/import-dialog/drop", Fixture, NULL, fixture_setup, test_drop, fixture_teardown);
  g_test_add ("/import-dialog/command-line", Fixture, NULL, fixture_setup, test_command_line, fixture_teardown);
  g_test_add ("/import-dialog/second-instance", Fixture, NULL, fixture_setup, test_second_instance,
              fixture_teardown);

  return studio_test_run ();
}
