/* test-team-role.c — a teacher's side of the exchange, in process, against temporary stores: the
 * contribution picker and building a contribution
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <string.h>

#include "reslib-package.h"
#include "reslib-store-resource-rows.h"
#include "studio-contribute-dialog.h"
#include "studio-import-dialog.h"
#include "studio-test-utils.h"

typedef struct
{
  char        *dir;
  ReslibStore *store;
  char        *project;
  char        *course;
  char        *point;
  GStrv        res;        /* three resources; res[0] linked to point */
} Fixture;

static GStrv
import_files (Fixture            *f,
              const char * const *names)
{
  g_autoptr(ReslibImporter) importer = reslib_importer_new (f->store, f->project);
  g_autofree char *src = g_build_filename (f->dir, "src", NULL);
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (g_mkdir_with_parents (src, 0700), ==, 0);
  for (guint i = 0; names[i] != NULL; i++)
    {
      g_autofree char *contents = g_strdup_printf ("内容 %s %u", names[i], i);
      g_autofree char *path = reslib_test_write_file (src, names[i], contents, -1);
      g_autoptr(GFile) file = g_file_new_for_path (path);

      reslib_importer_add_file (importer, file);
    }
  g_assert_true (reslib_job_run (RESLIB_JOB (importer), NULL, &error));
  g_assert_no_error (error);

  return g_strdupv ((char **) reslib_importer_get_resource_ids (importer));
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *data_dir = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *module = NULL;

  f->dir = reslib_test_make_tmp_dir ("reslib-team-XXXXXX");
  data_dir = g_build_filename (f->dir, "data", NULL);
  f->store = reslib_test_open_store (data_dir);
  f->project = reslib_test_new_project (f->store, "教师端测试资源库");
  f->course = reslib_test_insert (f->store, RESLIB_KIND_COURSE, (const char * const[]) { "project_id", "title", NULL },
                                  (const char * const[]) { f->project, "机械制图" });
  module = reslib_test_insert (f->store, RESLIB_KIND_NODE, (const char * const[]) { "course_id", "kind", "title", NULL },
                               (const char * const[]) { f->course, "module", "投影基础" });
  f->point = reslib_test_insert (f->store, RESLIB_KIND_NODE,
                                 (const char * const[]) { "course_id", "parent_id", "kind", "title", NULL },
                                 (const char * const[]) { f->course, module, "knowledge", "三视图" });
  f->res = import_files (f, (const char * const[]) { "三视图讲义.txt", "习题答案.txt", "课程标准.txt", NULL });
  g_assert_true (reslib_store_set_list (f->store, f->res[0], "nodes", (const char * const[]) { f->point, NULL },
                                        &error));
  g_assert_no_error (error);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_object (&f->store);
  reslib_test_rm_rf (f->dir);
  g_free (f->dir);
  g_free (f->project);
  g_free (f->course);
  g_free (f->point);
  g_strfreev (f->res);
}

/* The contribute dialog the window opened, or NULL. */
static StudioContributeDialog *
find_contribute_dialog (void)
{
  g_autoptr(GListModel) toplevels = gtk_window_get_toplevels ();

  g_object_ref (toplevels);
  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (STUDIO_IS_CONTRIBUTE_DIALOG (window))
        return STUDIO_CONTRIBUTE_DIALOG (window);
    }

  return NULL;
}

static gboolean
loaded (gpointer data)
{
  return g_strcmp0 (studio_contribute_dialog_get_state (data), "load") != 0;
}

static StudioContributeDialog *
open_contribute (StudioWindow *window)
{
  StudioContributeDialog *dialog;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.contribute", NULL));
  dialog = find_contribute_dialog ();
  g_assert_nonnull (dialog);
  /* The resources are read in a worker. */
  g_assert_cmpstr (studio_contribute_dialog_get_state (dialog), ==, "load");
  g_assert_true (studio_test_wait_until (loaded, dialog, 30000));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (dialog));

  return dialog;
}

static char *
selected_string (StudioContributeDialog *dialog)
{
  g_auto(GStrv) ids = studio_contribute_dialog_dup_selected (dialog);

  return g_strjoinv (" ", ids);
}

static gboolean
dialog_done (gpointer data)
{
  return g_strcmp0 (studio_contribute_dialog_get_state (data), "pick") == 0 ||
         g_strcmp0 (studio_contribute_dialog_get_state (data), "done") == 0;
}

/* By default the picker chooses what was not sent yet; search, the course tree, Select All and
 * Select None change what is shown and chosen; Build writes a contribution that verifies and that
 * another store imports; the next picker then chooses nothing. */
static void
test_contribute (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *first = g_build_filename (f->dir, "first.tar", NULL);
  g_autofree char *out_dir = g_build_filename (f->dir, "out", NULL);
  g_autofree char *expected = NULL;
  g_autofree char *got = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(JsonNode) info = NULL;
  g_autoptr(ReslibImportReport) report = NULL;
  g_autoptr(ReslibStore) lead = NULL;
  g_autofree char *lead_dir = g_build_filename (f->dir, "lead", NULL);
  StudioContributeDialog *dialog;
  StudioWindow *window;
  const char *built;

  g_assert_cmpint (g_mkdir (out_dir, 0700), ==, 0);
  /* The first resource was sent already. */
  g_assert_true (reslib_test_pack (f->store, f->project, "contribution", (const char * const[]) { f->res[0], NULL },
                                   first, NULL, &error));
  g_assert_no_error (error);

  window = studio_test_show_window (f->store);
  dialog = open_contribute (window);
  expected = g_strdup_printf ("%s %s", f->res[1], f->res[2]);
  got = selected_string (dialog);
  g_assert_cmpstr (got, ==, expected);
  g_assert_true (studio_test_shows_text (dialog, "2 of 3 resources chosen"));
  g_assert_cmpuint (g_list_model_get_n_items (studio_contribute_dialog_get_shown (dialog)), ==, 3);
  /* It starts in the folder of the last contribution. */
  {
    g_autofree char *dir = g_path_get_dirname (studio_contribute_dialog_get_output_path (dialog));

    g_assert_cmpstr (dir, ==, f->dir);
  }

  /* Search by title; Select None acts on what is shown only. */
  studio_contribute_dialog_set_search (dialog, "习题");
  g_assert_cmpuint (g_list_model_get_n_items (studio_contribute_dialog_get_shown (dialog)), ==, 1);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "contribute.select-none", NULL));
  g_clear_pointer (&got, g_free);
  got = selected_string (dialog);
  g_assert_cmpstr (got, ==, f->res[2]);
  studio_contribute_dialog_set_search (dialog, "");
  g_assert_cmpuint (g_list_model_get_n_items (studio_contribute_dialog_get_shown (dialog)), ==, 3);

  /* The course and its point narrow to the resource linked to the point; others show none. */
  g_assert_true (studio_contribute_dialog_set_scope (dialog, f->course));
  g_assert_cmpuint (g_list_model_get_n_items (studio_contribute_dialog_get_shown (dialog)), ==, 1);
  g_assert_true (studio_contribute_dialog_set_scope (dialog, f->point));
  g_assert_cmpuint (g_list_model_get_n_items (studio_contribute_dialog_get_shown (dialog)), ==, 1);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "contribute.select-all", NULL));
  g_assert_true (studio_contribute_dialog_set_scope (dialog, NULL));
  g_assert_cmpuint (g_list_model_get_n_items (studio_contribute_dialog_get_shown (dialog)), ==, 3);
  g_clear_pointer (&got, g_free);
  g_clear_pointer (&expected, g_free);
  got = selected_string (dialog);
  expected = g_strdup_printf ("%s %s", f->res[0], f->res[2]);
  g_assert_cmpstr (got, ==, expected);
  g_assert_false (studio_contribute_dialog_set_scope (dialog, "not-a-node"));

  /* Nothing chosen: nothing to build. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "contribute.select-none", NULL));
  g_assert_false (gtk_widget_is_sensitive (studio_test_find_button (dialog, "_Build Contribution")));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "contribute.select-all", NULL));
  g_assert_true (studio_test_shows_text (dialog, "3 of 3 resources chosen"));

  /* Build: a contribution of the three, in the folder chosen. */
  {
    g_autofree char *path = g_build_filename (out_dir, "c.tar", NULL);

    studio_contribute_dialog_set_output_path (dialog, path);
  }
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "contribute.build", NULL));
  g_assert_cmpstr (studio_contribute_dialog_get_state (dialog), ==, "build");
  g_assert_true (studio_test_wait_until (dialog_done, dialog, 30000));
  g_assert_cmpstr (studio_contribute_dialog_get_state (dialog), ==, "done");
  built = studio_contribute_dialog_get_built_path (dialog);
  g_assert_true (g_str_has_prefix (built, out_dir));
  g_assert_true (reslib_package_verify (built, &problems, &info, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (problems == NULL || problems->len == 0);
  /* A contribution is of format 2 unless it is for an older release. */
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (info), "format_version"), ==, "2");
  g_assert_nonnull (studio_test_find_button (dialog, "_Show in Folder"));
  g_assert_nonnull (studio_test_find_button (dialog, "_Close"));

  /* Copy puts the file on the clipboard as a file list. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "contribute.copy", NULL));
  {
    GdkClipboard *clipboard = gtk_widget_get_clipboard (GTK_WIDGET (dialog));
    GdkContentFormats *formats = gdk_clipboard_get_formats (clipboard);

    g_assert_true (gdk_content_formats_contain_gtype (formats, GDK_TYPE_FILE_LIST));
  }

  /* The lead's store takes the three. */
  lead = reslib_test_open_store (lead_dir);
  report = reslib_test_import_package (lead, built, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (report);
  g_assert_cmpuint (report->added[RESLIB_KIND_RESOURCE], ==, 3);

  gtk_window_destroy (GTK_WINDOW (dialog));
  studio_test_flush ();

  /* Everything was sent: the next picker chooses nothing, and starts where this one went. */
  dialog = open_contribute (window);
  g_clear_pointer (&got, g_free);
  got = selected_string (dialog);
  g_assert_cmpstr (got, ==, "");
  g_assert_true (studio_test_shows_text (dialog, "0 of 3 resources chosen"));
  {
    g_autofree char *dir = g_path_get_dirname (studio_contribute_dialog_get_output_path (dialog));

    g_assert_cmpstr (dir, ==, out_dir);
  }
  gtk_window_destroy (GTK_WINDOW (dialog));
  studio_test_close_window (window);
}

static GtkWidget *
find_switch (GtkWidget *widget)
{
  if (GTK_IS_SWITCH (widget))
    return widget;
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_switch (c);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/* "For an older release" builds a contribution of format 1 (as `reslib pack --format-version 1`), which
 * the lead's store imports. */
static void
test_contribute_older (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (f->dir, "older.tar", NULL);
  g_autofree char *lead_dir = g_build_filename (f->dir, "lead", NULL);
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(JsonNode) info = NULL;
  g_autoptr(ReslibImportReport) report = NULL;
  g_autoptr(ReslibStore) lead = NULL;
  StudioWindow *window = studio_test_show_window (f->store);
  StudioContributeDialog *dialog = open_contribute (window);
  /* The row of that title. */
  GtkWidget *row = gtk_widget_get_ancestor (studio_test_labelled (dialog, "For an older release"),
                                            ADW_TYPE_ACTION_ROW);
  GtkWidget *older = row != NULL ? find_switch (row) : NULL;

  /* Off by default; activating the row turns it on. */
  g_assert_nonnull (older);
  g_assert_false (gtk_switch_get_active (GTK_SWITCH (older)));
  g_assert_true (gtk_widget_activate (row));
  studio_test_flush ();
  g_assert_true (gtk_switch_get_active (GTK_SWITCH (older)));
  studio_contribute_dialog_set_output_path (dialog, path);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "contribute.build", NULL));
  g_assert_true (studio_test_wait_until (dialog_done, dialog, 30000));
  g_assert_cmpstr (studio_contribute_dialog_get_state (dialog), ==, "done");
  g_assert_cmpstr (studio_contribute_dialog_get_built_path (dialog), ==, path);
  g_assert_true (reslib_package_verify (path, &problems, &info, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (problems == NULL || problems->len == 0);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (info), "format_version"), ==, "1");

  lead = reslib_test_open_store (lead_dir);
  report = reslib_test_import_package (lead, path, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (report);
  g_assert_cmpuint (report->added[RESLIB_KIND_RESOURCE], ==, 3);

  gtk_window_destroy (GTK_WINDOW (dialog));
  studio_test_close_window (window);
}

/* Cancel while building writes nothing and keeps the choice. */
static void
test_contribute_cancel (Fixture       *f,
                        gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->dir, "cancelled.tar", NULL);
  StudioWindow *window = studio_test_show_window (f->store);
  StudioContributeDialog *dialog = open_contribute (window);

  studio_contribute_dialog_set_output_path (dialog, path);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "contribute.build", NULL));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "contribute.cancel", NULL));
  g_assert_true (studio_test_wait_until (dialog_done, dialog, 30000));
  if (g_strcmp0 (studio_contribute_dialog_get_state (dialog), "done") == 0)
    {
      g_test_skip ("The build finished before it could be cancelled");
    }
  else
    {
      g_auto(GStrv) ids = studio_contribute_dialog_dup_selected (dialog);

      g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
      g_assert_true (studio_test_shows_text (dialog, "The contribution was not built: the build was cancelled."));
      g_assert_cmpuint (g_strv_length (ids), ==, 3);
    }
  gtk_window_destroy (GTK_WINDOW (dialog));
  studio_test_close_window (window);
}

/* A resource the lead returned says so with the note, in the list and in its details; the state
 * filter's "Rejected" lists the returned ones. */
static void
test_returned_note (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ReslibResourceRow) row = NULL;
  g_autoptr(ReslibResourceRow) other = NULL;
  StudioWindow *window;
  GtkDropDown *state_filter;

  g_assert_true (reslib_store_review (f->store, (const char * const[]) { f->res[1], f->res[2], NULL },
                                      RESLIB_REVIEW_SUBMIT, NULL, &error));
  g_assert_true (reslib_store_review (f->store, (const char * const[]) { f->res[1], NULL }, RESLIB_REVIEW_REJECT,
                                      "请补充字幕", &error));
  g_assert_true (reslib_store_review (f->store, (const char * const[]) { f->res[2], NULL }, RESLIB_REVIEW_APPROVE,
                                      "很好", &error));
  g_assert_no_error (error);

  /* The light rows carry the note of a rejected resource only. */
  row = reslib_store_get_resource_row (f->store, f->res[1], &error);
  other = reslib_store_get_resource_row (f->store, f->res[2], &error);
  g_assert_no_error (error);
  g_assert_cmpstr (reslib_resource_row_get_review_note (row), ==, "请补充字幕");
  g_assert_null (reslib_resource_row_get_review_note (other));

  window = studio_test_show_window (f->store);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.open-subject", "(sss)", "resources",
                                             "resource", f->res[1]));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  studio_test_flush ();
  g_assert_true (studio_test_shows_text (window, "Returned: 请补充字幕"));
  g_assert_false (studio_test_shows_text (window, "Returned: 很好"));
  g_assert_true (g_str_has_prefix (gtk_label_get_text (studio_test_page_child (window, "resources", "detail_info")),
                                  "Returned: 请补充字幕\nCorrect it, then contribute it again.\nRejected · "));

  /* The state filter's Rejected shows the returned one only. */
  state_filter = studio_test_page_child (window, "resources", "state_filter");
  for (guint i = 0; i < g_list_model_get_n_items (gtk_drop_down_get_model (state_filter)); i++)
    {
      g_autoptr(GtkStringObject) item = g_list_model_get_item (gtk_drop_down_get_model (state_filter), i);

      if (g_strcmp0 (gtk_string_object_get_string (item), "Rejected") == 0)
        gtk_drop_down_set_selected (state_filter, i);
    }
  studio_test_flush ();
  g_assert_true (studio_test_shows_text (window, "Shown: 1 of 3"));
  studio_test_close_window (window);
}

/* A dialog (a message dialog, e.g. the Add Course one) the window opened, or NULL. */
static GtkWindow *
find_dialog (void)
{
  g_autoptr(GListModel) toplevels = gtk_window_get_toplevels ();

  g_object_ref (toplevels);
  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (window) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return GTK_WINDOW (window);
    }

  return NULL;
}

static gboolean
is_sensitive_in_window (GtkWidget *widget)
{
  for (GtkWidget *w = widget; w != NULL; w = gtk_widget_get_parent (w))
    if (!gtk_widget_get_sensitive (w))
      return FALSE;

  return TRUE;
}

/* A teacher's project: the dossier, the team and the course tree are read-only and say why; the
 * Review page is not offered; the Submit page builds contributions only and offers no upload; the
 * resources stay the teacher's to add and link. Back to lead, all of it can be changed again. */
static void
test_teacher_read_only (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  StudioWindow *window = studio_test_show_window (f->store);
  StudioSession *session = studio_window_get_session (window);
  GtkWidget *dossier_list = studio_test_page_child (window, "dossier", "project_list");
  GtkWidget *units_list = studio_test_page_child (window, "team", "units_list");
  GtkWidget *editor = studio_test_page_child (window, "courses", "editor_group");
  GtkWidget *kind_row = studio_test_page_child (window, "submit", "kind_row");
  GtkWidget *upload_group = studio_test_page_child (window, "submit", "upload_group");
  GtkWidget *resources = GTK_WIDGET (studio_window_get_page (window, "resources"));

  g_assert_true (studio_session_get_lead (session));
  g_assert_true (is_sensitive_in_window (dossier_list));
  g_assert_true (is_sensitive_in_window (upload_group));

  g_assert_true (reslib_store_set_project_role (f->store, f->project, RESLIB_PROJECT_ROLE_TEACHER, "lead-bag",
                                                &error));
  g_assert_no_error (error);
  studio_test_flush ();
  g_assert_false (studio_session_get_lead (session));
  g_assert_cmpint (studio_session_get_project_role (session), ==, RESLIB_PROJECT_ROLE_TEACHER);

  /* Dossier and team: read-only, with the reason above them. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "dossier"));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  g_assert_false (is_sensitive_in_window (dossier_list));
  g_assert_true (studio_test_shows_text (window, "Only the lead changes the dossier. It comes with the lead's packages."));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "team"));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  g_assert_false (is_sensitive_in_window (units_list));
  g_assert_true (studio_test_shows_text (window, "Only the lead changes the units and the team. They come with the "
                                                 "lead's packages."));

  /* The course tree: no adding, moving, renaming or deleting. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "courses"));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  g_assert_false (gtk_widget_get_sensitive (editor));
  gtk_widget_activate_action (GTK_WIDGET (studio_window_get_page (window, "courses")), "courses.add-course", NULL);
  studio_test_flush ();
  g_assert_null (find_dialog ());
  g_assert_cmpuint (reslib_store_count (f->store, RESLIB_KIND_COURSE, f->project, NULL), ==, 1);

  /* No Review page; Alt+6 does not show it. */
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (studio_test_find_labelled (window, "Review"))));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "review"));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (gtk_widget_get_template_child (GTK_WIDGET (window),
                                                                                            STUDIO_TYPE_WINDOW,
                                                                                            "page_stack"))),
                   ==, "courses");

  /* Submit: contributions only, no upload. */
  g_assert_false (gtk_widget_get_sensitive (kind_row));
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (kind_row)), ==, 3);
  g_assert_false (gtk_widget_get_visible (upload_group));

  /* Resources: still the teacher's. */
  g_assert_true (is_sensitive_in_window (resources));

  /* Contribute is there for a teacher. */
  {
    StudioContributeDialog *dialog = open_contribute (window);

    gtk_window_destroy (GTK_WINDOW (dialog));
  }

  /* Led again: everything can be changed. */
  g_assert_true (reslib_store_set_project_role (f->store, f->project, RESLIB_PROJECT_ROLE_LEAD, NULL, &error));
  studio_test_flush ();
  g_assert_true (studio_session_get_lead (session));
  g_assert_true (is_sensitive_in_window (dossier_list));
  g_assert_true (gtk_widget_get_sensitive (editor));
  g_assert_true (gtk_widget_get_sensitive (kind_row));
  g_assert_true (gtk_widget_get_visible (upload_group));
  studio_test_close_window (window);
}

static gboolean
reviewed (gpointer data)
{
  return studio_import_dialog_get_state (data) != STUDIO_IMPORT_STATE_CHECKING;
}

static gboolean
pointer_cleared (gpointer data)
{
  return *(gpointer *) data == NULL;
}

/* A teacher's first start: the empty window offers Join a Project… besides New Project; the lead's
 * package, reviewed in JOIN mode, brings the project, its courses and points, which is then the
 * current one, the teacher's: the dossier read-only, the resources the teacher's to add. */
static void
test_join (Fixture       *f,
           gconstpointer  data)
{
  g_autofree char *package = g_build_filename (f->dir, "lead.tar", NULL);
  g_autofree char *teacher_dir = g_build_filename (f->dir, "teacher", NULL);
  g_autoptr(ReslibStore) teacher = reslib_test_open_store (teacher_dir);
  g_autoptr(GFile) file = g_file_new_for_path (package);
  g_autoptr(GError) error = NULL;
  StudioWindow *window;
  GtkWindow *dialog;
  gpointer weak;

  g_assert_true (reslib_test_pack (f->store, f->project, "contribution", (const char * const *) f->res, package, NULL,
                                   &error));
  g_assert_no_error (error);

  window = studio_test_show_window (teacher);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (gtk_widget_get_template_child (GTK_WIDGET (window),
                                                                                            STUDIO_TYPE_WINDOW,
                                                                                            "main_stack"))),
                   ==, "empty");
  g_assert_nonnull (studio_test_find_button (window, "_New Project…"));
  g_assert_nonnull (studio_test_find_button (window, "_Join a Project…"));
  g_assert_true (gtk_widget_is_sensitive (studio_test_find_button (window, "_Join a Project…")));

  dialog = studio_window_join_project (window, file);
  g_assert_true (STUDIO_IS_IMPORT_DIALOG (dialog));
  g_assert_true (studio_test_wait_until (reviewed, dialog, 30000));
  studio_test_flush ();
  g_assert_cmpint (studio_import_dialog_get_state (STUDIO_IMPORT_DIALOG (dialog)), ==, STUDIO_IMPORT_STATE_REVIEW);
  /* Nothing is written before Import. */
  g_assert_cmpuint (reslib_store_count (teacher, RESLIB_KIND_PROJECT, NULL, NULL), ==, 0);
  weak = dialog;
  g_object_add_weak_pointer (G_OBJECT (dialog), &weak);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "import.import", NULL));
  g_assert_true (studio_test_wait_until (pointer_cleared, &weak, 30000));
  studio_test_flush ();

  /* The lead's project, current, the teacher's role; its course tree came with it. */
  g_assert_cmpstr (studio_window_get_project_id (window), ==, f->project);
  g_assert_false (studio_session_get_lead (studio_window_get_session (window)));
  g_assert_cmpint (reslib_store_get_project_role (teacher, f->project, &error), ==, RESLIB_PROJECT_ROLE_TEACHER);
  g_assert_no_error (error);
  g_assert_cmpuint (reslib_store_count (teacher, RESLIB_KIND_COURSE, f->project, NULL), ==, 1);
  g_assert_cmpuint (reslib_store_count (teacher, RESLIB_KIND_NODE, f->course, NULL), ==, 2);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "dossier"));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  g_assert_false (is_sensitive_in_window (studio_test_page_child (window, "dossier", "project_list")));
  g_assert_true (studio_test_shows_text (window, "Only the lead changes the dossier. It comes with the lead's packages."));
  g_assert_true (is_sensitive_in_window (GTK_WIDGET (studio_window_get_page (window, "resources"))));
  studio_test_close_window (window);
}

/* Imports @path into @window's store through the import review (Import), as the lead or a teacher does. */
static void
import_through_review (StudioWindow *window,
                       const char   *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  GtkWindow *dialog;
  gpointer weak;

  studio_window_open_package (window, file);
  dialog = studio_window_get_import_dialog (window);
  g_assert_nonnull (dialog);
  g_assert_true (studio_test_wait_until (reviewed, dialog, 30000));
  g_assert_cmpint (studio_import_dialog_get_state (STUDIO_IMPORT_DIALOG (dialog)), ==, STUDIO_IMPORT_STATE_REVIEW);
  weak = dialog;
  g_object_add_weak_pointer (G_OBJECT (dialog), &weak);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "import.import", NULL));
  g_assert_true (studio_test_wait_until (pointer_cleared, &weak, 30000));
  studio_test_flush ();
}

/* Both roles: the teacher joins from the lead's package, adds and describes a resource and contributes
 * it (the picker chooses that one only: what came from the lead is no change of the teacher's); the
 * lead imports the contribution through the review and returns the resource with a note; the
 * teacher imports the lead's next package and sees the note on the resource. */
static void
test_round_trip (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *first = g_build_filename (f->dir, "lead-1.tar", NULL);
  g_autofree char *next = g_build_filename (f->dir, "lead-2.tar", NULL);
  g_autofree char *contribution = g_build_filename (f->dir, "teacher-1.tar", NULL);
  g_autofree char *teacher_dir = g_build_filename (f->dir, "teacher", NULL);
  g_autofree char *src = g_build_filename (f->dir, "teacher-files", NULL);
  g_autoptr(ReslibStore) teacher = reslib_test_open_store (teacher_dir);
  g_autoptr(GFile) file = g_file_new_for_path (first);
  g_autoptr(GError) error = NULL;
  g_autofree char *added = NULL;
  g_auto(GStrv) chosen = NULL;
  g_autoptr(ReslibRecord) returned = NULL;
  StudioContributeDialog *contribute;
  StudioWindow *teacher_window, *lead_window;
  GtkWindow *dialog;
  gpointer weak;

  /* The teacher joins. */
  g_assert_true (reslib_test_pack (f->store, f->project, "contribution", (const char * const *) f->res, first, NULL,
                                   &error));
  g_assert_no_error (error);
  teacher_window = studio_test_show_window (teacher);
  dialog = studio_window_join_project (teacher_window, file);
  g_assert_true (studio_test_wait_until (reviewed, dialog, 30000));
  weak = dialog;
  g_object_add_weak_pointer (G_OBJECT (dialog), &weak);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "import.import", NULL));
  g_assert_true (studio_test_wait_until (pointer_cleared, &weak, 30000));
  studio_test_flush ();
  g_assert_cmpstr (studio_window_get_project_id (teacher_window), ==, f->project);

  /* The teacher adds a resource, describes it and links it to the lead's point. */
  {
    g_autoptr(ReslibImporter) importer = reslib_importer_new (teacher, f->project);
    g_autofree char *path = NULL;
    g_autoptr(GFile) input = NULL;

    g_assert_cmpint (g_mkdir_with_parents (src, 0700), ==, 0);
    path = reslib_test_write_file (src, "三视图微课.txt", "教师新增的微课脚本", -1);
    input = g_file_new_for_path (path);
    reslib_importer_add_file (importer, input);
    g_assert_true (reslib_job_run (RESLIB_JOB (importer), NULL, &error));
    g_assert_no_error (error);
    added = g_strdup (reslib_importer_get_resource_ids (importer)[0]);
  }
  g_assert_true (reslib_store_update (teacher, RESLIB_KIND_RESOURCE, added,
                                      (const char * const[]) { "title", "description", NULL },
                                      (const char * const[]) { "三视图微课", "十分钟讲清三视图的投影规律" }, &error));
  g_assert_true (reslib_store_set_list (teacher, added, "nodes", (const char * const[]) { f->point, NULL }, &error));
  g_assert_no_error (error);

  /* Contribute: only the teacher's new resource is chosen. */
  contribute = open_contribute (teacher_window);
  chosen = studio_contribute_dialog_dup_selected (contribute);
  g_assert_cmpuint (g_strv_length (chosen), ==, 1);
  g_assert_cmpstr (chosen[0], ==, added);
  studio_contribute_dialog_set_output_path (contribute, contribution);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (contribute), "contribute.build", NULL));
  g_assert_true (studio_test_wait_until (dialog_done, contribute, 30000));
  g_assert_cmpstr (studio_contribute_dialog_get_state (contribute), ==, "done");
  gtk_window_destroy (GTK_WINDOW (contribute));

  /* The lead imports it through the review, and returns the resource with a note. */
  lead_window = studio_test_show_window (f->store);
  import_through_review (lead_window, contribution);
  g_assert_nonnull (reslib_store_get (f->store, RESLIB_KIND_RESOURCE, added, NULL));
  reslib_store_review (f->store, (const char * const[]) { added, NULL }, RESLIB_REVIEW_SUBMIT, NULL, NULL);
  g_assert_true (reslib_store_review (f->store, (const char * const[]) { added, NULL }, RESLIB_REVIEW_REJECT,
                                      "请补充字幕", &error));
  g_assert_no_error (error);
  {
    g_autoptr(GPtrArray) ids = reslib_store_list_resource_ids (f->store, f->project, &error);

    g_ptr_array_add (ids, NULL);
    g_assert_true (reslib_test_pack (f->store, f->project, "contribution", (const char * const *) ids->pdata, next,
                                     NULL, &error));
    g_assert_no_error (error);
  }
  studio_test_close_window (lead_window);

  /* The teacher imports the lead's next package and sees the note. */
  import_through_review (teacher_window, next);
  returned = reslib_store_get (teacher, RESLIB_KIND_RESOURCE, added, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (reslib_record_get (returned, "state"), ==, "rejected");
  g_assert_cmpstr (reslib_record_get (returned, "review_note"), ==, "请补充字幕");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (teacher_window), "win.open-subject", "(sss)", "resources",
                                             "resource", added));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (teacher_window));
  studio_test_flush ();
  g_assert_true (studio_test_shows_text (teacher_window, "Returned: 请补充字幕"));
  studio_test_close_window (teacher_window);
}

/* New Project offers Join a Project… as its other choice. */
static void
test_new_project_offers_join (Fixture       *f,
                              gconstpointer  data)
{
  StudioWindow *window = studio_test_show_window (f->store);
  GtkWindow *dialog;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.new-project", NULL));
  dialog = find_dialog ();
  g_assert_nonnull (dialog);
  g_assert_true (adw_message_dialog_has_response (ADW_MESSAGE_DIALOG (dialog), "join"));
  g_assert_cmpstr (adw_message_dialog_get_response_label (ADW_MESSAGE_DIALOG (dialog), "join"), ==,
                   "_Join a Project…");
  gtk_window_destroy (dialog);
  studio_test_close_window (window);
}

/* ---------------------------------------------------------------------------------------------- */
/* Screenshots for a person to look at (STUDIO_TEST_SHOTS=folder)                                  */

static void
save_png (GtkWidget  *widget,
          const char *dir,
          const char *name,
          const char *lang)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GskRenderer) renderer = gsk_cairo_renderer_new ();
  g_autoptr(GdkTexture) texture = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_strdup_printf ("%s/%s-%s.png", dir, name, lang);
  int w = 0, h = 0;

  /* A window just changed (a page shown) may have nothing to draw until its next frame. */
  for (guint tries = 0; node == NULL && tries < 50; tries++)
    {
      g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();

      studio_test_flush ();
      gtk_test_widget_wait_for_draw (widget);
      w = gtk_widget_get_width (widget);
      h = gtk_widget_get_height (widget);
      gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot), w, h);
      node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
      if (node == NULL)
        g_usleep (20000);
    }
  g_assert_nonnull (node);
  g_assert_true (gsk_renderer_realize (renderer, NULL, &error));
  texture = gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, w, h));
  gsk_renderer_unrealize (renderer);
  g_assert_true (gdk_texture_save_to_png (texture, path));
}

static void
test_screenshots (Fixture       *f,
                  gconstpointer  data)
{
  const char *dir = g_getenv ("STUDIO_TEST_SHOTS");
  const char *locales[] = { "C.UTF-8", "zh_CN.UTF-8" };
  const char *names[] = { "en", "zh_CN" };
  g_autofree char *package = g_build_filename (f->dir, "lead.tar", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (package);
  g_autoptr(GError) error = NULL;

  if (dir == NULL)
    {
      g_test_skip ("STUDIO_TEST_SHOTS is not set");
      return;
    }
  textdomain (GETTEXT_PACKAGE);
  {
    g_autoptr(GtkCssProvider) css = gtk_css_provider_new ();

    gtk_css_provider_load_from_resource (css, "/io/github/reslib/Studio/style.css");
    gtk_style_context_add_provider_for_display (gdk_display_get_default (), GTK_STYLE_PROVIDER (css),
                                                GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  }
  g_assert_true (reslib_test_pack (f->store, f->project, "contribution", (const char * const *) f->res, package, NULL,
                                   &error));
  g_assert_no_error (error);

  for (guint i = 0; i < G_N_ELEMENTS (locales); i++)
    {
      g_autofree char *teacher_dir = g_strdup_printf ("%s/teacher-%s", f->dir, names[i]);
      g_autoptr(ReslibStore) teacher = reslib_test_open_store (teacher_dir);
      g_autofree char *changed = NULL;
      StudioContributeDialog *contribute;
      StudioWindow *window;
      GtkWindow *dialog;
      gpointer weak;

      g_assert_nonnull (setlocale (LC_ALL, locales[i]));
      window = studio_test_show_window (teacher);
      save_png (GTK_WIDGET (window), dir, "01-first-start", names[i]);

      dialog = studio_window_join_project (window, file);
      g_assert_true (studio_test_wait_until (reviewed, dialog, 30000));
      save_png (GTK_WIDGET (dialog), dir, "02-join-review", names[i]);
      weak = dialog;
      g_object_add_weak_pointer (G_OBJECT (dialog), &weak);
      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "import.import", NULL));
      g_assert_true (studio_test_wait_until (pointer_cleared, &weak, 30000));

      gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "dossier");
      save_png (GTK_WIDGET (window), dir, "03-teacher-dossier", names[i]);
      gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "courses");
      save_png (GTK_WIDGET (window), dir, "04-teacher-courses", names[i]);

      /* The teacher changes a resource and the lead returned another. */
      g_assert_true (reslib_store_update (teacher, RESLIB_KIND_RESOURCE, f->res[2],
                                          (const char * const[]) { "title", NULL },
                                          (const char * const[]) { "课程标准（修订）" }, &error));
      /* (It may have come in review already.) */
      reslib_store_review (teacher, (const char * const[]) { f->res[1], NULL }, RESLIB_REVIEW_SUBMIT, NULL, NULL);
      g_assert_true (reslib_store_review (teacher, (const char * const[]) { f->res[1], NULL }, RESLIB_REVIEW_REJECT,
                                          "请补充字幕", &error));
      g_assert_no_error (error);
      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.open-subject", "(sss)", "resources",
                                                 "resource", f->res[1]));
      save_png (GTK_WIDGET (window), dir, "05-returned", names[i]);

      contribute = open_contribute (window);
      save_png (GTK_WIDGET (contribute), dir, "06-contribute", names[i]);
      changed = g_strdup_printf ("%s/out-%s", f->dir, names[i]);
      g_assert_cmpint (g_mkdir (changed, 0700), ==, 0);
      {
        g_autofree char *out = g_build_filename (changed, "c.tar", NULL);

        studio_contribute_dialog_set_output_path (contribute, out);
      }
      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (contribute), "contribute.build", NULL));
      g_assert_true (studio_test_wait_until (dialog_done, contribute, 30000));
      save_png (GTK_WIDGET (contribute), dir, "07-contribute-done", names[i]);
      gtk_window_destroy (GTK_WINDOW (contribute));
      studio_test_close_window (window);
    }
  setlocale (LC_ALL, "C.UTF-8");
}

int
main (int   argc,
      char *argv[])
{
  if (!studio_test_init (&argc, &argv))
    return 0;

  g_test_add ("/studio/team/contribute", Fixture, NULL, fixture_setup, test_contribute, fixture_teardown);
  g_test_add ("/studio/team/contribute-older", Fixture, NULL, fixture_setup, test_contribute_older,
              fixture_teardown);
  g_test_add ("/studio/team/contribute-cancel", Fixture, NULL, fixture_setup, test_contribute_cancel,
              fixture_teardown);

  g_test_add ("/studio/team/teacher-read-only", Fixture, NULL, fixture_setup, test_teacher_read_only,
              fixture_teardown);
  g_test_add ("/studio/team/join", Fixture, NULL, fixture_setup, test_join, fixture_teardown);
  g_test_add ("/studio/team/new-project-offers-join", Fixture, NULL, fixture_setup, test_new_project_offers_join,
              fixture_teardown);
  g_test_add ("/studio/team/round-trip", Fixture, NULL, fixture_setup, test_round_trip, fixture_teardown);
  g_test_add ("/studio/team/returned-note", Fixture, NULL, fixture_setup, test_returned_note, fixture_teardown);

  g_test_add ("/studio/team/screenshots", Fixture, NULL, fixture_setup, test_screenshots, fixture_teardown);

  return studio_test_run ();
}
