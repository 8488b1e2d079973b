/* test-resources-documents.c — the documents of the major or a course (人才培养方案, 专业教学标准, 课程标准) on the
 * Resources page, in process, against a temporary store
 *
 * The detail pane has a Document kind row (none and the kinds); a major-level kind shows the Major row (the
 * project's majors), the course standard the Course row (the project's courses), an ordinary resource
 * neither; each choice is written at once and undone by the window's undo.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "studio-resources-page-private.h"
#include "studio-page.h"
#include "studio-test-utils.h"

typedef struct
{
  StudioTestFixture    base;      /* the folder, the store, the project, the window */
  char                *resource;
  char                *course;
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

  studio_test_fixture_set_up (&f->base, "文档类别测试");
  f->course = reslib_test_insert (f->base.store, RESLIB_KIND_COURSE, (const char * const[]) { "project_id", "title", "code", NULL },
                                  (const char * const[]) { f->base.project, "数控车削编程与加工", "SKJS-01" });
  path = reslib_test_write_file (f->base.dir, "课程标准.txt", "一、课程性质", -1);
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
  g_free (f->course);
}

static gboolean
one_row (gpointer data)
{
  Fixture *f = data;

  return g_list_model_get_n_items (f->shown) == 1;
}

static char *
stored (Fixture    *f,
        const char *column)
{
  g_autofree char *sql = g_strdup_printf ("SELECT coalesce (%s, '-') FROM resources WHERE id = '%s'", column,
                                          f->resource);

  return reslib_test_sql_text (reslib_store_get_db_path (f->base.store), sql);
}

/* The label of the item @row shows */
static const char *
shown_item (GtkWidget *row)
{
  GListModel *model = adw_combo_row_get_model (ADW_COMBO_ROW (row));

  return gtk_string_list_get_string (GTK_STRING_LIST (model), adw_combo_row_get_selected (ADW_COMBO_ROW (row)));
}

static guint
item_of (GtkWidget  *row,
         const char *label)
{
  GListModel *model = adw_combo_row_get_model (ADW_COMBO_ROW (row));

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    if (g_str_equal (gtk_string_list_get_string (GTK_STRING_LIST (model), i), label))
      return i;
  g_assert_not_reached ();
}

static void
test_documents (Fixture       *f,
                gconstpointer  data)
{
  GtkWidget *detail, *kind, *major, *course;
  StudioResourcesPage *page;
  g_autofree char *value = NULL;

  f->base.window = studio_test_show_window (f->base.store);
  studio_window_show_page (f->base.window, "resources");
  studio_test_flush ();
  page = STUDIO_RESOURCES_PAGE (studio_window_get_page (f->base.window, "resources"));
  f->shown = G_LIST_MODEL (gtk_column_view_get_model (studio_test_page_child (f->base.window, "resources",
                                                                              "resources_view")));
  g_assert_true (studio_test_wait_until (one_row, f, 10000));
  detail = studio_test_page_child (f->base.window, "resources", "detail_list");
  g_assert_true (gtk_selection_model_select_item (GTK_SELECTION_MODEL (f->shown), 0, TRUE));
  studio_test_flush ();

  /* An ordinary resource: the kind says none, no home row shows */
  kind = studio_test_find_labelled (detail, "Document kind");
  major = studio_test_find_labelled (detail, "Major");
  course = studio_test_find_labelled (detail, "Course");
  g_assert_true (ADW_IS_COMBO_ROW (kind));
  g_assert_true (ADW_IS_COMBO_ROW (major));
  g_assert_true (ADW_IS_COMBO_ROW (course));
  g_assert_cmpstr (shown_item (kind), ==, "None");
  g_assert_cmpuint (g_list_model_get_n_items (adw_combo_row_get_model (ADW_COMBO_ROW (kind))), ==, 4);
  g_assert_false (gtk_widget_get_visible (major));
  g_assert_false (gtk_widget_get_visible (course));

  /* The course standard: written at once, the Course row shows with the project's course */
  adw_combo_row_set_selected (ADW_COMBO_ROW (kind), item_of (kind, "Course standard"));
  studio_test_flush ();
  value = stored (f, "document");
  g_assert_cmpstr (value, ==, "course-standard");
  kind = studio_test_find_labelled (detail, "Document kind");
  major = studio_test_find_labelled (detail, "Major");
  course = studio_test_find_labelled (detail, "Course");
  g_assert_true (gtk_widget_get_visible (course));
  g_assert_false (gtk_widget_get_visible (major));
  adw_combo_row_set_selected (ADW_COMBO_ROW (course), item_of (course, "SKJS-01 数控车削编程与加工"));
  studio_test_flush ();
  g_clear_pointer (&value, g_free);
  value = stored (f, "course_id");
  g_assert_cmpstr (value, ==, f->course);

  /* 人才培养方案: the Major row shows the project's core major */
  kind = studio_test_find_labelled (detail, "Document kind");
  adw_combo_row_set_selected (ADW_COMBO_ROW (kind), item_of (kind, "Talent training programme"));
  studio_test_flush ();
  major = studio_test_find_labelled (detail, "Major");
  g_assert_true (gtk_widget_get_visible (major));
  g_assert_cmpstr (shown_item (major), ==, "None");
  adw_combo_row_set_selected (ADW_COMBO_ROW (major), item_of (major, "460103 数控技术"));
  studio_test_flush ();
  g_clear_pointer (&value, g_free);
  value = reslib_test_sql_text (reslib_store_get_db_path (f->base.store),
                                "SELECT m.code FROM resources r JOIN project_majors m ON m.id = r.major_id");
  g_assert_cmpstr (value, ==, "460103");

  /* Undo takes the major back, then the kind: the rows follow */
  gtk_widget_activate_action (GTK_WIDGET (page), "win.undo", NULL);
  studio_test_flush ();
  gtk_widget_activate_action (GTK_WIDGET (page), "win.undo", NULL);
  studio_test_flush ();
  g_clear_pointer (&value, g_free);
  value = stored (f, "document || ' ' || coalesce (major_id, '-')");
  g_assert_cmpstr (value, ==, "course-standard -");
  kind = studio_test_find_labelled (detail, "Document kind");
  g_assert_cmpstr (shown_item (kind), ==, "Course standard");
  g_assert_true (gtk_widget_get_visible (studio_test_find_labelled (detail, "Course")));
  g_assert_false (gtk_widget_get_visible (studio_test_find_labelled (detail, "Major")));
  g_assert_cmpstr (shown_item (studio_test_find_labelled (detail, "Course")), ==, "SKJS-01 数控车削编程与加工");
}

int
main (int   argc,
      char *argv[])
{
  if (!studio_test_init (&argc, &argv))
    return 0;

  g_test_add ("/studio/resources/documents", Fixture, NULL, fixture_setup, test_documents, fixture_teardown);

  return studio_test_run ();
}
