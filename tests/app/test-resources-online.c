/* test-resources-online.c — online resources and tags on the Resources page, in process, against a temporary
 * store
 *
 * Add Online Resource… asks for a title and an address (Add stays off until both are good) and adds a resource
 * without a file; the detail pane shows its address as a link instead of a preview, and an address row that a
 * resource with a file does not have; the tags are check buttons with their translatable names, written at once
 * and taken back by undo; adding the resource is undone (and redone) by the window's undo as well.
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
  char                *resource;  /* a resource with a file */
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

  studio_test_fixture_set_up (&f->base, "在线资源测试");
  path = reslib_test_write_file (f->base.dir, "讲义.txt", "第一版讲义", -1);
  file = g_file_new_for_path (path);
  importer = reslib_importer_new (f->base.store, f->base.project);
  reslib_importer_add_file (importer, file);
  g_assert_true (reslib_job_run (RESLIB_JOB (importer), NULL, &error));
  g_assert_no_error (error);
  f->resource = g_strdup (reslib_importer_get_resource_ids (importer)[0]);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  studio_test_fixture_tear_down (&f->base, data);
  g_free (f->resource);
}

static gboolean
two_rows (gpointer data)
{
  Fixture *f = data;

  return g_list_model_get_n_items (f->shown) == 2;
}

static gboolean
one_row (gpointer data)
{
  Fixture *f = data;

  return g_list_model_get_n_items (f->shown) == 1;
}

static gboolean
link_shown (gpointer data)
{
  Fixture *f = data;
  GtkStack *stack = studio_test_page_child (f->base.window, "resources", "preview_stack");

  return g_strcmp0 (gtk_stack_get_visible_child_name (stack), "link") == 0;
}

static char *
tags_in_store (Fixture    *f,
               const char *id)
{
  g_autofree char *sql = g_strdup_printf ("SELECT coalesce (group_concat (tag, ','), '') FROM "
                                          "(SELECT tag FROM resource_tags WHERE resource_id = '%s' ORDER BY tag)", id);

  return reslib_test_sql_text (reslib_store_get_db_path (f->base.store), sql);
}

/* The row of the list that shows @id */
static guint
position_of (Fixture    *f,
             const char *id)
{
  for (guint i = 0; i < g_list_model_get_n_items (f->shown); i++)
    {
      g_autoptr(ReslibResourceRow) row = g_list_model_get_item (f->shown, i);

      if (g_strcmp0 (reslib_resource_row_get_id (row), id) == 0)
        return i;
    }
  g_assert_not_reached ();
}

static void
test_online (Fixture       *f,
             gconstpointer  data)
{
  g_autofree char *online = NULL;
  g_autofree char *tags = NULL;
  AdwMessageDialog *dialog;
  GtkWidget *detail, *training, *ideological, *address, *preview;
  GtkLinkButton *link;

  f->base.window = studio_test_show_window (f->base.store);
  studio_window_show_page (f->base.window, "resources");
  studio_test_flush ();
  f->page = STUDIO_RESOURCES_PAGE (studio_window_get_page (f->base.window, "resources"));
  f->shown = G_LIST_MODEL (gtk_column_view_get_model (studio_test_page_child (f->base.window, "resources",
                                                                              "resources_view")));
  g_assert_true (studio_test_wait_until (one_row, f, 10000));
  detail = studio_test_page_child (f->base.window, "resources", "detail_list");

  /* A resource with a file: no address row, its tags unchecked */
  g_assert_true (gtk_selection_model_select_item (GTK_SELECTION_MODEL (f->shown), 0, TRUE));
  studio_test_flush ();
  g_assert_null (studio_test_find_labelled (detail, "Online address"));
  g_assert_nonnull (studio_test_find_labelled (detail, "Tags"));
  g_assert_nonnull (studio_test_find_labelled (detail, "1+X certificate"));

  /* Add stays off until the title and a whole address are there */
  gtk_widget_activate_action (GTK_WIDGET (f->page), "resources.add-online", NULL);
  dialog = studio_test_wait_for_dialog ();
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Add Online Resource");
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "add"));
  studio_test_set_text (dialog, "Title", "数控车床仿真");
  studio_test_set_text (dialog, "Online address", "mooc.example.edu.cn/sim");
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "add"));
  studio_test_set_text (dialog, "Online address", "https://mooc.example.edu.cn/sim/lathe");
  g_assert_true (adw_message_dialog_get_response_enabled (dialog, "add"));
  studio_test_respond (dialog, "add");
  g_assert_true (studio_test_wait_until (two_rows, f, 10000));
  online = reslib_test_sql_text (reslib_store_get_db_path (f->base.store),
                                 "SELECT id FROM resources WHERE blob_sha256 IS NULL "
                                 "AND url = 'https://mooc.example.edu.cn/sim/lathe' AND title = '数控车床仿真'");
  g_assert_nonnull (online);
  g_assert_cmpuint (strlen (online), ==, 36);

  /* Selected: its address as a link instead of a preview, and an address row */
  g_assert_true (gtk_selection_model_select_item (GTK_SELECTION_MODEL (f->shown), position_of (f, online), TRUE));
  g_assert_true (studio_test_wait_until (link_shown, f, 10000));
  preview = gtk_stack_get_visible_child (studio_test_page_child (f->base.window, "resources", "preview_stack"));
  link = g_object_get_data (G_OBJECT (preview), "studio-link");
  g_assert_true (GTK_IS_LINK_BUTTON (link));
  g_assert_cmpstr (gtk_link_button_get_uri (link), ==, "https://mooc.example.edu.cn/sim/lathe");
  address = studio_test_find_labelled (detail, "Online address");
  g_assert_true (ADW_IS_ENTRY_ROW (address));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (address)), ==, "https://mooc.example.edu.cn/sim/lathe");

  /* Tags: check buttons, written at once */
  training = studio_test_find_labelled (detail, "Vocational training");
  ideological = studio_test_find_labelled (detail, "Ideological and political education");
  g_assert_true (GTK_IS_CHECK_BUTTON (training));
  g_assert_true (GTK_IS_CHECK_BUTTON (ideological));
  g_assert_false (gtk_check_button_get_active (GTK_CHECK_BUTTON (training)));
  gtk_check_button_set_active (GTK_CHECK_BUTTON (training), TRUE);
  studio_test_flush ();
  gtk_check_button_set_active (GTK_CHECK_BUTTON (ideological), TRUE);
  studio_test_flush ();
  tags = tags_in_store (f, online);
  g_assert_cmpstr (tags, ==, "ideological,vocational-training");

  /* Undo takes the last one back, and the check button follows */
  gtk_widget_activate_action (GTK_WIDGET (f->page), "win.undo", NULL);
  studio_test_flush ();
  g_clear_pointer (&tags, g_free);
  tags = tags_in_store (f, online);
  g_assert_cmpstr (tags, ==, "vocational-training");
  ideological = studio_test_find_labelled (detail, "Ideological and political education");
  g_assert_false (gtk_check_button_get_active (GTK_CHECK_BUTTON (ideological)));
  gtk_widget_activate_action (GTK_WIDGET (f->page), "win.redo", NULL);
  studio_test_flush ();
  g_clear_pointer (&tags, g_free);
  tags = tags_in_store (f, online);
  g_assert_cmpstr (tags, ==, "ideological,vocational-training");

  /* The address cannot be cleared: the core's message, the store unchanged */
  gtk_editable_set_text (GTK_EDITABLE (address), "");
  g_signal_emit_by_name (address, "apply");
  studio_test_flush ();
  g_assert_true (gtk_widget_has_css_class (address, "error"));
  g_free (online);
  online = reslib_test_sql_text (reslib_store_get_db_path (f->base.store),
                                 "SELECT count (*) FROM resources WHERE url = 'https://mooc.example.edu.cn/sim/lathe'");
  g_assert_cmpstr (online, ==, "1");

  /* Adding it is undone too, by the window's undo: the two tags, then the resource itself; redo brings it
   * back */
  for (guint i = 0; i < 3; i++)
    {
      gtk_widget_activate_action (GTK_WIDGET (f->page), "win.undo", NULL);
      studio_test_flush ();
    }
  g_assert_true (studio_test_wait_until (one_row, f, 10000));
  g_free (online);
  online = reslib_test_sql_text (reslib_store_get_db_path (f->base.store),
                                 "SELECT count (*) FROM resources WHERE url IS NOT NULL");
  g_assert_cmpstr (online, ==, "0");
  gtk_widget_activate_action (GTK_WIDGET (f->page), "win.redo", NULL);
  studio_test_flush ();
  g_assert_true (studio_test_wait_until (two_rows, f, 10000));
  g_free (online);
  online = reslib_test_sql_text (reslib_store_get_db_path (f->base.store),
                                 "SELECT count (*) FROM resources WHERE url = 'https://mooc.example.edu.cn/sim/lathe'");
  g_assert_cmpstr (online, ==, "1");
}

int
main (int   argc,
      char *argv[])
{
  if (!studio_test_init (&argc, &argv))
    return 0;

  g_test_add ("/studio/resources/online", Fixture, NULL, fixture_setup, test_online, fixture_teardown);

  return studio_test_run ();
}
