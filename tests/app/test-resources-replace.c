/* test-resources-replace.c — Replace File… on the Resources page, in process, against a temporary store
 *
 * The selected resource's file replaced through the job, an approved resource asking first and going back to
 * review, and the replacement undone exactly: the file, its name, the review state and the versions as they
 * were, with no version row written by the undoing; then redone.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "reslib-store-resource-rows.h"
#include "studio-resources-page-private.h"
#include "studio-page.h"
#include "studio-test-utils.h"
#include "studio-undo-stack.h"

typedef struct
{
  StudioTestFixture    base;      /* the folder, the store, the project, the window */
  char                *resource;
  StudioResourcesPage *page;
  GListModel          *shown;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(ReslibImporter) importer = NULL;
  const char *ids[2] = { NULL, NULL };

  studio_test_fixture_set_up (&f->base, "替换文件测试");
  path = reslib_test_write_file (f->base.dir, "讲义.txt", "第一版讲义", -1);
  file = g_file_new_for_path (path);
  importer = reslib_importer_new (f->base.store, f->base.project);
  reslib_importer_add_file (importer, file);
  g_assert_true (reslib_job_run (RESLIB_JOB (importer), NULL, &error));
  g_assert_no_error (error);
  f->resource = g_strdup (reslib_importer_get_resource_ids (importer)[0]);
  ids[0] = f->resource;
  g_assert_true (reslib_store_review (f->base.store, ids, RESLIB_REVIEW_SUBMIT, NULL, &error));
  g_assert_true (reslib_store_review (f->base.store, ids, RESLIB_REVIEW_APPROVE, "好", &error));
  g_assert_no_error (error);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  studio_test_fixture_tear_down (&f->base, data);
  g_free (f->resource);
}

static char *
dump (Fixture *f)
{
  return reslib_test_sql_text (reslib_store_get_db_path (f->base.store),
                               "SELECT r.blob_sha256 || ':' || r.file_name || ':' || r.state || ':' || "
                               "coalesce ((SELECT group_concat (v.version || '/' || v.blob_sha256 || '/' || v.file_name "
                               "|| '/' || v.replaced_at, '|') FROM resource_versions v WHERE v.resource_id = r.id), '') "
                               "FROM resources r");
}

static gboolean
one_row (gpointer data)
{
  Fixture *f = data;

  return g_list_model_get_n_items (f->shown) == 1;
}

static gboolean
replaced (gpointer data)
{
  Fixture *f = data;
  g_autofree char *n = reslib_test_sql_text (reslib_store_get_db_path (f->base.store),
                                             "SELECT count (*) FROM resource_versions");

  GtkWidget *file_name;

  if (g_strcmp0 (n, "1") != 0)
    return FALSE;
  /* The details show the new file's name (the list's file-name column shows only where it fits). */
  file_name = studio_test_find_labelled (f->page, "File name");
  return file_name != NULL && g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (file_name)), "讲义-第二版.txt") == 0;
}

static gboolean
can_undo (gpointer data)
{
  return studio_undo_stack_get_can_undo (studio_page_get_undo_stack (data));
}

static void
test_replace (Fixture       *f,
              gconstpointer  data)
{
  g_autofree char *path = reslib_test_write_file (f->base.dir, "讲义-第二版.txt", "第二版讲义", -1);
  g_autofree char *before = dump (f);
  g_autofree char *after = NULL;
  g_autofree char *undone = NULL;
  g_autofree char *redone = NULL;
  AdwMessageDialog *dialog;
  GtkWidget *button;

  f->base.window = studio_test_show_window (f->base.store);
  studio_window_show_page (f->base.window, "resources");
  studio_test_flush ();
  f->page = STUDIO_RESOURCES_PAGE (studio_window_get_page (f->base.window, "resources"));
  f->shown = G_LIST_MODEL (gtk_column_view_get_model (studio_test_page_child (f->base.window, "resources",
                                                                              "resources_view")));
  g_assert_true (studio_test_wait_until (one_row, f, 10000));
  g_assert_true (gtk_selection_model_select_item (GTK_SELECTION_MODEL (f->shown), 0, TRUE));
  studio_test_flush ();

  /* The detail pane offers it, and says an approved resource goes back to review when changed */
  button = studio_test_find_labelled (f->page, "Replace File");
  g_assert_nonnull (button);
  g_assert_true (gtk_widget_get_mapped (button));
  g_assert_nonnull (strstr (gtk_label_get_text (studio_test_page_child (f->base.window, "resources", "detail_info")),
                            "changing it sends it back to review"));

  /* Approved: asked first; cancelled, nothing changes */
  gtk_widget_activate_action (GTK_WIDGET (f->page), "resources.replace-file-path", "s", path);
  dialog = studio_test_wait_for_dialog ();
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Replace the File?");
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "goes back to review"));
  studio_test_respond (dialog, "cancel");
  studio_test_flush ();
  g_assert_cmpstr (dump (f), ==, before);

  /* Replaced: version 2, back in review */
  gtk_widget_activate_action (GTK_WIDGET (f->page), "resources.replace-file-path", "s", path);
  dialog = studio_test_wait_for_dialog ();
  studio_test_respond (dialog, "replace");
  g_assert_true (studio_test_wait_until (replaced, f, 10000));
  /* The job's step is on the undo stack once it has ended */
  g_assert_true (studio_test_wait_until (can_undo, f->page, 10000));
  after = dump (f);
  g_assert_nonnull (strstr (after, ":讲义-第二版.txt:in-review:1/"));

  /* Undone: the file, its name, the state and the versions as they were: no version row left */
  gtk_widget_activate_action (GTK_WIDGET (f->page), "win.undo", NULL);
  studio_test_flush ();
  undone = dump (f);
  g_assert_cmpstr (undone, ==, before);
  g_assert_nonnull (strstr (undone, ":approved:"));

  /* Redone: the same version row again */
  gtk_widget_activate_action (GTK_WIDGET (f->page), "win.redo", NULL);
  studio_test_flush ();
  redone = dump (f);
  g_assert_cmpstr (redone, ==, after);
}

int
main (int   argc,
      char *argv[])
{
  if (!studio_test_init (&argc, &argv))
    return 0;

  g_test_add ("/studio/resources/replace", Fixture, NULL, fixture_setup, test_replace, fixture_teardown);

  return studio_test_run ();
}
