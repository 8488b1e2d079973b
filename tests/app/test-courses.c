/* test-courses.c — Courses and Review pages, in process, against a temporary store
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "reslib-store-courses.h"
#include "reslib-store-review.h"
#include "studio-courses-page.h"
#include "studio-review-page.h"
#include "reslib-probe.h"
#include "studio-test-utils.h"

typedef struct
{
  char        *dir;
  ReslibStore *store;
  char        *project;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *data_dir = NULL;

  f->dir = reslib_test_make_tmp_dir ("reslib-courses-XXXXXX");
  data_dir = g_build_filename (f->dir, "data", NULL);
  f->store = reslib_test_open_store (data_dir);
  f->project = reslib_test_new_project (f->store, "页面测试资源库");
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_object (&f->store);
  reslib_test_rm_rf (f->dir);
  g_free (f->dir);
  g_free (f->project);
}

/* ---------------------------------------------------------------------------------------------- */

static GtkEditable *
dialog_entry (AdwMessageDialog *dialog,
              const char       *label)
{
  GtkWidget *widget = studio_test_find_labelled (adw_message_dialog_get_extra_child (dialog), label);

  if (widget == NULL)
    g_error ("The dialog has no field “%s”", label);
  return GTK_EDITABLE (widget);
}

static AdwComboRow *
dialog_combo (AdwMessageDialog *dialog,
              const char       *label)
{
  GtkWidget *widget = studio_test_find_labelled (adw_message_dialog_get_extra_child (dialog), label);

  if (widget == NULL || !ADW_IS_COMBO_ROW (widget))
    g_error ("The dialog has no combo “%s”", label);
  return ADW_COMBO_ROW (widget);
}

typedef struct
{
  gpointer    widget;
  const char *text;
} ShowsText;

static gboolean
shows_text_cb (gpointer data)
{
  ShowsText *shows = data;

  return studio_test_shows_text (shows->widget, shows->text);
}

/* Whether @widget shows @text once it has been drawn (list rows are made at layout). */
static gboolean
shows (gpointer    widget,
       const char *text)
{
  ShowsText data = { widget, text };

  gtk_widget_queue_resize (GTK_WIDGET (widget));
  return studio_test_wait_until (shows_text_cb, &data, 1000);
}

/* A window wide enough that the sidebar and the page show side by side. */
static StudioWindow *
show_window (Fixture *f)
{
  StudioWindow *window = studio_test_show_window (f->store);

  gtk_window_set_default_size (GTK_WINDOW (window), 1600, 900);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  return window;
}

static StudioCoursesPage *
courses_page (StudioWindow *window)
{
  return STUDIO_COURSES_PAGE (studio_window_get_page (window, "courses"));
}

static void
click (StudioWindow *window,
       const char   *page,
       const char   *button)
{
  GtkWidget *widget = studio_test_page_child (window, page, button);

  g_assert_true (gtk_widget_get_sensitive (widget));
  g_signal_emit_by_name (widget, "clicked");
  studio_test_flush ();
}

static ReslibRecord *
get (Fixture    *f,
     ReslibKind  kind,
     const char *id)
{
  g_autoptr(GError) error = NULL;
  ReslibRecord *record = reslib_store_get (f->store, kind, id, &error);

  g_assert_no_error (error);
  return record;
}

static gint64
position_of (Fixture    *f,
             const char *node)
{
  g_autoptr(ReslibRecord) record = get (f, RESLIB_KIND_NODE, node);

  return reslib_record_get_int (record, "position", -1);
}

static char *
parent_of (Fixture    *f,
           const char *node)
{
  g_autoptr(ReslibRecord) record = get (f, RESLIB_KIND_NODE, node);

  return g_strdup (reslib_record_get (record, "parent_id"));
}

/* The id of the only node of @course titled @title. */
static char *
node_titled (Fixture    *f,
             const char *course,
             const char *title)
{
  g_autoptr(GListModel) nodes = reslib_store_list (f->store, RESLIB_KIND_NODE, course, NULL);

  for (guint i = 0; i < g_list_model_get_n_items (nodes); i++)
    {
      g_autoptr(ReslibRecord) node = g_list_model_get_item (nodes, i);

      if (g_strcmp0 (reslib_record_get (node, "title"), title) == 0)
        return g_strdup (reslib_record_get_id (node));
    }

  return NULL;
}

static char *
insert_node (Fixture    *f,
             const char *course,
             const char *parent,
             const char *kind,
             const char *title,
             const char *position)
{
  g_autoptr(GError) error = NULL;
  char *id = reslib_store_insert (f->store, RESLIB_KIND_NODE,
                                  (const char * const[]) { "course_id", "parent_id", "kind", "title", "position", NULL },
                                  (const char * const[]) { course, parent, kind, title, position }, &error);

  g_assert_no_error (error);
  return id;
}

static char *
insert_course (Fixture    *f,
               const char *title,
               const char *position)
{
  g_autoptr(GError) error = NULL;
  char *id = reslib_store_insert (f->store, RESLIB_KIND_COURSE,
                                  (const char * const[]) { "project_id", "title", "position", NULL },
                                  (const char * const[]) { f->project, title, position }, &error);

  g_assert_no_error (error);
  return id;
}

/* ---------------------------------------------------------------------------------------------- */

static void
test_shown (Fixture       *f,
            gconstpointer  data)
{
  StudioWindow *window = show_window (f);

  studio_window_show_page (window, "courses");
  studio_test_flush ();
  g_assert_cmpstr (studio_window_get_project_id (window), ==, f->project);
  {
    StudioPage *page = studio_window_get_page (window, "courses");

    for (const char **l = (const char *[]) { "Course tree", "Add Course", "Add Node", "Move Up", "Move Down", "Delete",
                                              "Title", "Kind", "Parent", "Position", NULL }; *l != NULL; l++)
      if (studio_test_find_labelled (page, *l) == NULL)
        g_error ("The Courses page has nothing labelled “%s”", *l);
  }
  studio_test_close_window (window);
}

static void
test_add_and_edit (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) courses = NULL;
  g_autoptr(ReslibRecord) course = NULL;
  g_autoptr(ReslibRecord) module = NULL;
  g_autoptr(ReslibRecord) point = NULL;
  g_autofree char *module_id = NULL;
  g_autofree char *point_id = NULL;
  StudioWindow *window = show_window (f);
  StudioCoursesPage *page = courses_page (window);
  AdwMessageDialog *dialog;
  GtkListView *tree;

  studio_window_show_page (window, "courses");
  studio_test_flush ();

  /* A course, through the Add Course dialog */
  click (window, "courses", "add_course_button");
  dialog = studio_test_find_dialog ();
  g_assert_nonnull (dialog);
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "add"));
  gtk_editable_set_text (dialog_entry (dialog, "Course title"), "  数控加工编程  ");
  adw_combo_row_set_selected (dialog_combo (dialog, "Course kind"), 2);   /* standardized, personalised, training */
  studio_test_respond (dialog, "add");
  courses = reslib_store_list (f->store, RESLIB_KIND_COURSE, f->project, &error);
  g_assert_cmpuint (g_list_model_get_n_items (courses), ==, 1);
  course = g_list_model_get_item (courses, 0);
  g_assert_cmpstr (reslib_record_get (course, "title"), ==, "数控加工编程");
  g_assert_cmpstr (reslib_record_get (course, "kind"), ==, "training");

  /* The new course is selected: a module under it, then a knowledge point under the module. */
  tree = studio_test_page_child (window, "courses", "tree_view");
  g_assert_true (shows (tree, "数控加工编程"));
  click (window, "courses", "add_node_button");
  dialog = studio_test_find_dialog ();
  g_assert_nonnull (dialog);
  gtk_editable_set_text (dialog_entry (dialog, "Node title"), "模块一 数控车床编程");
  g_assert_cmpuint (adw_combo_row_get_selected (dialog_combo (dialog, "Node kind")), ==, 0);
  studio_test_respond (dialog, "add");
  module_id = node_titled (f, reslib_record_get_id (course), "模块一 数控车床编程");
  g_assert_nonnull (module_id);
  module = get (f, RESLIB_KIND_NODE, module_id);
  g_assert_cmpstr (reslib_record_get (module, "kind"), ==, "module");
  g_assert_null (reslib_record_get (module, "parent_id"));

  click (window, "courses", "add_node_button");   /* the module is selected now */
  dialog = studio_test_find_dialog ();
  gtk_editable_set_text (dialog_entry (dialog, "Node title"), "G代码指令");
  g_assert_cmpuint (adw_combo_row_get_selected (dialog_combo (dialog, "Node kind")), ==, 2);
  studio_test_respond (dialog, "add");
  point_id = node_titled (f, reslib_record_get_id (course), "G代码指令");
  g_assert_nonnull (point_id);
  point = get (f, RESLIB_KIND_NODE, point_id);
  g_assert_cmpstr (reslib_record_get (point, "kind"), ==, "knowledge");
  g_assert_cmpstr (reslib_record_get (point, "parent_id"), ==, module_id);
  studio_test_flush ();
  g_assert_true (shows (tree, "G代码指令"));
  g_assert_true (shows (tree, "No resources"));

  /* The side editor writes through: title (apply), kind; an empty title is refused. */
  {
    AdwEntryRow *title = studio_test_page_child (window, "courses", "title_row");
    AdwComboRow *kind = studio_test_page_child (window, "courses", "kind_row");
    GtkLabel *error_label = studio_test_page_child (window, "courses", "error_label");

    g_assert_true (studio_courses_page_select (page, point_id));
    g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (title)), ==, "G代码指令");
    gtk_editable_set_text (GTK_EDITABLE (title), "G代码与M代码");
    g_signal_emit_by_name (title, "apply");
    studio_test_flush ();
    g_clear_object (&point);
    point = get (f, RESLIB_KIND_NODE, point_id);
    g_assert_cmpstr (reslib_record_get (point, "title"), ==, "G代码与M代码");

    adw_combo_row_set_selected (kind, 3);   /* skill point */
    studio_test_flush ();
    g_clear_object (&point);
    point = get (f, RESLIB_KIND_NODE, point_id);
    g_assert_cmpstr (reslib_record_get (point, "kind"), ==, "skill");

    gtk_editable_set_text (GTK_EDITABLE (title), "   ");
    g_signal_emit_by_name (title, "apply");
    studio_test_flush ();
    g_assert_true (gtk_widget_get_visible (GTK_WIDGET (error_label)));
    g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (title)), ==, "   ");   /* nothing typed is lost */
    g_clear_object (&point);
    point = get (f, RESLIB_KIND_NODE, point_id);
    g_assert_cmpstr (reslib_record_get (point, "title"), ==, "G代码与M代码");
  }

  /* A course's details write through, each one undoable; a point has none; credits are checked. */
  {
    GtkWidget *details = studio_test_page_child (window, "courses", "details_group");
    GtkLabel *error_label = studio_test_page_child (window, "courses", "error_label");
    g_autoptr(ReslibRecord) edited = NULL;

    g_assert_false (gtk_widget_get_visible (details));
    g_assert_true (studio_courses_page_select (page, reslib_record_get_id (course)));
    studio_test_flush ();
    g_assert_true (gtk_widget_get_visible (details));
    studio_test_apply_text (details, "Course code", "460103-01");
    studio_test_apply_text (details, "Hours", "64");
    studio_test_apply_text (details, "Credits", "3.5");
    studio_test_apply_text (details, "1+X certificate", "数控车铣加工");
    edited = get (f, RESLIB_KIND_COURSE, reslib_record_get_id (course));
    g_assert_cmpstr (reslib_record_get (edited, "code"), ==, "460103-01");
    g_assert_cmpstr (reslib_record_get (edited, "hours"), ==, "64");
    g_assert_cmpstr (reslib_record_get (edited, "credits"), ==, "3.5");
    g_assert_cmpstr (reslib_record_get (edited, "certificate"), ==, "数控车铣加工");

    studio_test_apply_text (details, "Credits", "三学分");
    g_assert_true (gtk_widget_get_visible (GTK_WIDGET (error_label)));
    g_clear_object (&edited);
    edited = get (f, RESLIB_KIND_COURSE, reslib_record_get_id (course));
    g_assert_cmpstr (reslib_record_get (edited, "credits"), ==, "3.5");

    gtk_widget_activate_action (GTK_WIDGET (page), "win.undo", NULL);   /* the certificate */
    studio_test_flush ();
    g_clear_object (&edited);
    edited = get (f, RESLIB_KIND_COURSE, reslib_record_get_id (course));
    g_assert_null (reslib_record_get (edited, "certificate"));
    g_assert_cmpstr (reslib_record_get (edited, "credits"), ==, "3.5");
  }

  studio_test_close_window (window);
}

static void
test_move (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *c = insert_course (f, "机械制图", "0");
  g_autofree char *d = insert_course (f, "公差配合", "1");
  g_autofree char *m1 = insert_node (f, c, NULL, "module", "模块一", "0");
  g_autofree char *m2 = insert_node (f, c, NULL, "module", "模块二", "1");
  g_autofree char *m3 = insert_node (f, c, NULL, "module", "模块三", "2");
  g_autofree char *k1 = insert_node (f, c, m1, "knowledge", "投影原理", "0");
  g_autofree char *x = insert_node (f, d, NULL, "module", "别的课程的模块", "0");
  g_autofree char *parent = NULL;
  StudioWindow *window = show_window (f);
  StudioCoursesPage *page = courses_page (window);

  studio_window_show_page (window, "courses");
  studio_test_flush ();

  /* Move Up / Move Down (Alt+Up / Alt+Down) on the selected node */
  g_assert_true (studio_courses_page_select (page, m2));
  click (window, "courses", "move_up_button");
  g_assert_cmpint (position_of (f, m2), ==, 0);
  g_assert_cmpint (position_of (f, m1), ==, 1);
  g_assert_cmpint (position_of (f, m3), ==, 2);
  /* Still selected: moving it twice more takes it to the end. */
  gtk_widget_activate_action (GTK_WIDGET (page), "courses.move-down", NULL);
  studio_test_flush ();
  gtk_widget_activate_action (GTK_WIDGET (page), "courses.move-down", NULL);
  studio_test_flush ();
  g_assert_cmpint (position_of (f, m1), ==, 0);
  g_assert_cmpint (position_of (f, m3), ==, 1);
  g_assert_cmpint (position_of (f, m2), ==, 2);
  g_assert_false (gtk_widget_get_sensitive (studio_test_page_child (window, "courses", "move_down_button")));

  /* Courses move too. */
  g_assert_true (studio_courses_page_select (page, d));
  click (window, "courses", "move_up_button");
  {
    g_autoptr(GListModel) courses = reslib_store_list (f->store, RESLIB_KIND_COURSE, f->project, &error);
    g_autoptr(ReslibRecord) first = g_list_model_get_item (courses, 0);

    g_assert_cmpstr (reslib_record_get_id (first), ==, d);
  }

  /* Drops: m3 onto m1 → m3 becomes m1's last child. */
  g_assert_true (studio_courses_page_drop (page, m3, m1, STUDIO_DROP_INTO, &error));
  g_assert_no_error (error);
  parent = parent_of (f, m3);
  g_assert_cmpstr (parent, ==, m1);
  g_assert_cmpint (position_of (f, k1), ==, 0);
  g_assert_cmpint (position_of (f, m3), ==, 1);
  g_assert_cmpint (position_of (f, m2), ==, 1);   /* the old siblings closed the gap */

  /* k1 dropped on the lower part of m1 → k1 becomes m1's next sibling. */
  g_assert_true (studio_courses_page_drop (page, k1, m1, STUDIO_DROP_AFTER, &error));
  g_assert_no_error (error);
  g_clear_pointer (&parent, g_free);
  parent = parent_of (f, k1);
  g_assert_null (parent);
  g_assert_cmpint (position_of (f, m1), ==, 0);
  g_assert_cmpint (position_of (f, k1), ==, 1);
  g_assert_cmpint (position_of (f, m2), ==, 2);
  g_assert_cmpint (position_of (f, m3), ==, 0);

  /* A cycle is refused: m1 under its own child m3. Nothing changes. */
  g_assert_false (studio_courses_page_drop (page, m1, m3, STUDIO_DROP_INTO, &error));
  g_assert_error (error, RESLIB_ERROR, RESLIB_ERROR_INVALID);
  g_clear_error (&error);
  g_clear_pointer (&parent, g_free);
  parent = parent_of (f, m1);
  g_assert_null (parent);
  g_clear_pointer (&parent, g_free);
  parent = parent_of (f, m3);
  g_assert_cmpstr (parent, ==, m1);

  /* Another course's node, and a course under a node, are refused. */
  g_assert_false (studio_courses_page_drop (page, x, m1, STUDIO_DROP_INTO, &error));
  g_assert_error (error, RESLIB_ERROR, RESLIB_ERROR_INVALID);
  g_clear_error (&error);
  {
    g_autoptr(ReslibRecord) moved = get (f, RESLIB_KIND_NODE, x);

    g_assert_cmpstr (reslib_record_get (moved, "course_id"), ==, d);
    g_assert_null (reslib_record_get (moved, "parent_id"));
  }
  g_assert_false (studio_courses_page_drop (page, d, m1, STUDIO_DROP_INTO, &error));
  g_assert_error (error, RESLIB_ERROR, RESLIB_ERROR_INVALID);
  g_clear_error (&error);

  /* The parent combo of the editor moves too, and offers no node below the edited one. */
  {
    AdwComboRow *parent_row = studio_test_page_child (window, "courses", "parent_row");
    GListModel *choices;

    g_assert_true (studio_courses_page_select (page, m1));
    choices = adw_combo_row_get_model (parent_row);
    for (guint i = 0; i < g_list_model_get_n_items (choices); i++)
      {
        const char *label = gtk_string_list_get_string (GTK_STRING_LIST (choices), i);

        g_assert_null (strstr (label, "模块三"));
        g_assert_null (strstr (label, "模块一"));
      }
    g_assert_true (studio_courses_page_select (page, k1));
    choices = adw_combo_row_get_model (parent_row);
    for (guint i = 0; i < g_list_model_get_n_items (choices); i++)
      if (g_str_has_suffix (gtk_string_list_get_string (GTK_STRING_LIST (choices), i), "模块二"))
        adw_combo_row_set_selected (parent_row, i);
    studio_test_flush ();
    g_clear_pointer (&parent, g_free);
    parent = parent_of (f, k1);
    g_assert_cmpstr (parent, ==, m2);
  }

  studio_test_close_window (window);
}

static void
test_delete_undo (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *c = insert_course (f, "电工基础", "0");
  g_autofree char *m1 = insert_node (f, c, NULL, "module", "直流电路", "0");
  g_autofree char *k1 = insert_node (f, c, m1, "knowledge", "欧姆定律", "0");
  g_autofree char *k2 = insert_node (f, c, m1, "skill", "万用表使用", "1");
  g_autofree char *leaf = insert_node (f, c, NULL, "module", "交流电路", "1");
  g_autoptr(ReslibRecord) resource = NULL;
  g_autoptr(GListModel) resources = NULL;
  StudioWindow *window = show_window (f);
  StudioCoursesPage *page = courses_page (window);
  AdwMessageDialog *dialog;
  GtkListView *tree;

  reslib_test_fill_resources (f->store, f->project, 1, TRUE);
  resources = reslib_store_list (f->store, RESLIB_KIND_RESOURCE, f->project, &error);
  resource = g_list_model_get_item (resources, 0);
  g_assert_true (reslib_store_set_list (f->store, reslib_record_get_id (resource), "nodes",
                                        (const char * const[]) { k1, NULL }, &error));
  g_assert_no_error (error);

  studio_window_show_page (window, "courses");
  studio_test_flush ();
  tree = studio_test_page_child (window, "courses", "tree_view");
  g_assert_true (shows (tree, "Resources: 1"));

  /* A leaf goes at once, with Undo. */
  g_assert_true (studio_courses_page_select (page, leaf));
  click (window, "courses", "delete_button");
  g_assert_null (studio_test_find_dialog ());
  g_assert_null (reslib_store_get (f->store, RESLIB_KIND_NODE, leaf, NULL));
  gtk_widget_activate_action (GTK_WIDGET (page), "win.undo", NULL);
  studio_test_flush ();
  {
    g_autoptr(ReslibRecord) back = get (f, RESLIB_KIND_NODE, leaf);
    AdwEntryRow *title = studio_test_page_child (window, "courses", "title_row");

    g_assert_cmpstr (reslib_record_get (back, "title"), ==, "交流电路");
    /* Shown selected again, in the side editor */
    g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (title)), ==, "交流电路");
  }

  /* A node with children and resources: the page says what goes with it and asks. */
  g_assert_true (studio_courses_page_select (page, m1));
  click (window, "courses", "delete_button");
  dialog = studio_test_find_dialog ();
  g_assert_nonnull (dialog);
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "(2)"));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "(1)"));
  studio_test_respond (dialog, "cancel");
  g_assert_nonnull (reslib_store_get (f->store, RESLIB_KIND_NODE, m1, NULL));

  click (window, "courses", "delete_button");
  dialog = studio_test_find_dialog ();
  studio_test_respond (dialog, "delete");
  g_assert_null (reslib_store_get (f->store, RESLIB_KIND_NODE, m1, NULL));
  g_assert_null (reslib_store_get (f->store, RESLIB_KIND_NODE, k1, NULL));
  g_assert_null (reslib_store_get (f->store, RESLIB_KIND_NODE, k2, NULL));
  g_assert_true (shows (tree, "交流电路"));
  g_assert_false (studio_test_shows_text (tree, "欧姆定律"));

  /* The toast's Undo button, as a user would press it: all of it comes back, links included. */
  {
    GtkWidget *undo = studio_test_find_button (window, "_Undo");

    if (undo == NULL)
      g_error ("No Undo button is shown");
    g_signal_emit_by_name (undo, "clicked");
  }
  studio_test_flush ();
  {
    g_autoptr(ReslibRecord) back = get (f, RESLIB_KIND_NODE, k2);
    g_autoptr(ReslibRecord) linked = get (f, RESLIB_KIND_RESOURCE, reslib_record_get_id (resource));

    g_assert_cmpstr (reslib_record_get (back, "parent_id"), ==, m1);
    g_assert_cmpint (reslib_record_get_int (back, "position", -1), ==, 1);
    g_assert_nonnull (reslib_record_get_list (linked, "nodes"));
    g_assert_cmpstr (reslib_record_get_list (linked, "nodes")[0], ==, k1);
  }
  g_assert_true (shows (tree, "欧姆定律"));

  studio_test_close_window (window);
}

/* ---------------------------------------------------------------------------------------------- */

static const char *
state_of (Fixture    *f,
          const char *id,
          char      **note)
{
  g_autoptr(ReslibRecord) resource = get (f, RESLIB_KIND_RESOURCE, id);
  static char state[32];

  g_strlcpy (state, reslib_record_get (resource, "state"), sizeof state);
  if (note != NULL)
    *note = g_strdup (reslib_record_get (resource, "review_note"));
  return state;
}

static guint
queue_length (StudioWindow *window)
{
  GtkListView *view = studio_test_page_child (window, "review", "queue_view");
  GtkSelectionModel *model = gtk_list_view_get_model (view);

  return g_list_model_get_n_items (G_LIST_MODEL (model));
}

static char *
selected_id (StudioWindow *window)
{
  GtkListView *view = studio_test_page_child (window, "review", "queue_view");
  GtkSelectionModel *model = gtk_list_view_get_model (view);
  g_autoptr(GtkBitset) set = gtk_selection_model_get_selection (model);
  g_autoptr(ReslibRecord) resource = NULL;

  if (gtk_bitset_get_size (set) != 1)
    return NULL;
  resource = g_list_model_get_item (G_LIST_MODEL (model), gtk_bitset_get_minimum (set));
  return g_strdup (reslib_record_get_id (resource));
}

static gboolean
queue_has_two (gpointer data)
{
  return queue_length (data) == 2;
}

static void
test_review (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) resources = NULL;
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *host = NULL;
  g_autofree char *note = NULL;
  g_autofree char *selected = NULL;
  g_autoptr(JsonNode) events = NULL;
  const char *rejection = "画面模糊，请重新录制";
  gboolean logged = FALSE;
  StudioWindow *window;
  StudioPage *page;
  GtkLabel *reviewer;
  GtkWidget *note_error;
  AdwMessageDialog *dialog;

  host = reslib_store_insert (f->store, RESLIB_KIND_UNIT,
                              (const char * const[]) { "project_id", "name", "kind", "role", "host_rank", NULL },
                              (const char * const[]) { f->project, "河南工业职业技术学院", "higher-vocational", "host", "1" },
                              &error);
  g_assert_no_error (error);
  reslib_test_fill_resources (f->store, f->project, 4, TRUE);
  resources = reslib_store_list (f->store, RESLIB_KIND_RESOURCE, f->project, &error);
  /* Three go to review, one stays a draft. */
  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(ReslibRecord) resource = g_list_model_get_item (resources, i);

      g_ptr_array_add (ids, g_strdup (reslib_record_get_id (resource)));
      g_assert_true (reslib_store_review (f->store, (const char * const[]) { reslib_record_get_id (resource), NULL },
                                          RESLIB_REVIEW_SUBMIT, NULL, &error));
      g_usleep (2000);   /* distinct submission times: the queue keeps that order */
    }

  window = show_window (f);
  page = studio_window_get_page (window, "review");
  studio_window_show_page (window, "review");
  studio_test_flush ();
  for (const char **l = (const char *[]) { "Review queue", "Approve", "Reject", "Review note", "Approve All", NULL };
       *l != NULL; l++)
    if (studio_test_find_labelled (page, *l) == NULL)
      g_error ("The Review page has nothing labelled “%s”", *l);
  reviewer = studio_test_page_child (window, "review", "reviewer_label");
  g_assert_nonnull (strstr (gtk_label_get_text (reviewer), "河南工业职业技术学院"));
  g_assert_cmpuint (queue_length (window), ==, 3);

  /* The first is selected; A (review.approve) approves it and selects the next. */
  selected = selected_id (window);
  g_assert_cmpstr (selected, ==, g_ptr_array_index (ids, 0));
  gtk_widget_activate_action (GTK_WIDGET (page), "review.approve", NULL);
  studio_test_flush ();
  g_assert_cmpstr (state_of (f, g_ptr_array_index (ids, 0), NULL), ==, "approved");
  g_assert_cmpuint (queue_length (window), ==, 2);
  g_clear_pointer (&selected, g_free);
  selected = selected_id (window);
  g_assert_cmpstr (selected, ==, g_ptr_array_index (ids, 1));

  /* J moves down, K up */
  gtk_widget_activate_action (GTK_WIDGET (page), "review.next", NULL);
  g_clear_pointer (&selected, g_free);
  selected = selected_id (window);
  g_assert_cmpstr (selected, ==, g_ptr_array_index (ids, 2));
  gtk_widget_activate_action (GTK_WIDGET (page), "review.previous", NULL);
  g_clear_pointer (&selected, g_free);
  selected = selected_id (window);
  g_assert_cmpstr (selected, ==, g_ptr_array_index (ids, 1));

  /* Reject without a note: refused, with a message; nothing changes. */
  note_error = studio_test_page_child (window, "review", "note_error_label");
  click (window, "review", "reject_button");
  g_assert_true (gtk_widget_get_visible (note_error));
  g_assert_cmpstr (state_of (f, g_ptr_array_index (ids, 1), NULL), ==, "in-review");
  g_assert_cmpuint (queue_length (window), ==, 2);

  /* R focuses the note; Enter rejects with it. */
  gtk_widget_activate_action (GTK_WIDGET (page), "review.focus-note", NULL);
  gtk_editable_set_text (GTK_EDITABLE (studio_test_page_child (window, "review", "note_entry")), rejection);
  g_signal_emit_by_name (studio_test_page_child (window, "review", "note_entry"), "activate");
  studio_test_flush ();
  g_assert_cmpstr (state_of (f, g_ptr_array_index (ids, 1), &note), ==, "rejected");
  g_assert_cmpstr (note, ==, rejection);
  g_assert_cmpuint (queue_length (window), ==, 1);
  g_assert_false (gtk_widget_get_visible (note_error));
  events = reslib_store_list_events (f->store, g_ptr_array_index (ids, 1), &error);
  g_assert_no_error (error);
  for (guint i = 0; i < json_array_get_length (json_node_get_array (events)); i++)
    {
      JsonObject *event = json_array_get_object_element (json_node_get_array (events), i);

      if (g_strcmp0 (json_object_get_string_member (event, "action"), "review-reject") == 0)
        {
          JsonObject *detail = json_object_get_object_member (event, "detail");

          g_assert_cmpstr (json_object_get_string_member (detail, "note"), ==, rejection);
          logged = TRUE;
        }
    }
  g_assert_true (logged);

  /* The author fixes it and submits it again (elsewhere): the queue follows the store. */
  g_assert_true (reslib_store_review (f->store, (const char * const[]) { g_ptr_array_index (ids, 1), NULL },
                                      RESLIB_REVIEW_SUBMIT, NULL, &error));
  g_assert_true (studio_test_wait_until (queue_has_two, window, 2000));

  /* Approve All asks, saying how many. */
  click (window, "review", "approve_all_button");
  dialog = studio_test_find_dialog ();
  g_assert_nonnull (dialog);
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "2"));
  studio_test_respond (dialog, "approve");
  g_assert_cmpuint (queue_length (window), ==, 0);
  for (guint i = 0; i < ids->len; i++)
    g_assert_cmpstr (state_of (f, g_ptr_array_index (ids, i), NULL), ==, "approved");
  g_assert_true (shows (window, "Nothing to Review"));
  {
    /* The draft was never in the queue and is untouched. */
    g_autoptr(ReslibRecord) draft = g_list_model_get_item (resources, 3);

    g_assert_cmpstr (state_of (f, reslib_record_get_id (draft), NULL), ==, "draft");
  }

  studio_test_close_window (window);
}

static const char *
visible_list (StudioWindow *window)
{
  return gtk_stack_get_visible_child_name (studio_test_page_child (window, "review", "list_stack"));
}

static void
search_queue (StudioWindow *window,
              const char   *text)
{
  GtkWidget *entry = studio_test_page_child (window, "review", "search_entry");

  gtk_editable_set_text (GTK_EDITABLE (entry), text);
  /* The entry waits a moment before it says the search changed; the test does not. */
  g_signal_emit_by_name (entry, "search-changed");
  studio_test_flush ();
}

static void
select_range (StudioWindow *window,
              guint         first,
              guint         n)
{
  GtkListView *view = studio_test_page_child (window, "review", "queue_view");

  gtk_selection_model_select_range (gtk_list_view_get_model (view), first, n, TRUE);
  studio_test_flush ();
}

/* The queue at scale: search and filters narrow it, decisions on more than one say how many and ask,
 * and the details show the media facts. */
static void
test_review_filters (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) resources = NULL;
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *host = NULL;
  g_autofree char *partner = NULL;
  g_autofree char *course = NULL;
  g_autofree char *module = NULL;
  ReslibProbeInfo probe = { 0 };
  StudioWindow *window;
  StudioPage *page;
  AdwMessageDialog *dialog;
  GtkButton *approve;
  GtkDropDown *dropdown;
  guint n_approved = 0, n_rejected = 0;

  host = reslib_store_insert (f->store, RESLIB_KIND_UNIT,
                              (const char * const[]) { "project_id", "name", "kind", "role", "host_rank", NULL },
                              (const char * const[]) { f->project, "河南工业职业技术学院", "higher-vocational", "host", "1" },
                              &error);
  partner = reslib_store_insert (f->store, RESLIB_KIND_UNIT,
                                 (const char * const[]) { "project_id", "name", "kind", "role", NULL },
                                 (const char * const[]) { f->project, "宇通客车", "enterprise", "participant" },
                                 &error);
  g_assert_no_error (error);
  course = insert_course (f, "数控车削", "0");
  module = insert_node (f, course, NULL, "module", "偏心轴加工", "0");
  reslib_test_fill_resources (f->store, f->project, 12, TRUE);
  resources = reslib_store_list (f->store, RESLIB_KIND_RESOURCE, f->project, &error);
  for (guint i = 0; i < 12; i++)
    {
      g_autoptr(ReslibRecord) resource = g_list_model_get_item (resources, i);
      const char *id = reslib_record_get_id (resource);

      g_ptr_array_add (ids, g_strdup (id));
      /* Every third by 李娜; the first four from the enterprise; two linked to the course. */
      g_assert_true (reslib_store_set_list (f->store, id, "authors",
                                            (const char * const[]) { i % 3 == 0 ? "李娜" : "张伟", NULL }, &error));
      if (i < 4)
        g_assert_true (reslib_store_update (f->store, RESLIB_KIND_RESOURCE, id, (const char * const[]) { "unit_id", NULL },
                                            (const char * const[]) { partner }, &error));
      if (i == 5 || i == 7)
        g_assert_true (reslib_store_set_list (f->store, id, "nodes", (const char * const[]) { module, NULL }, &error));
      g_assert_no_error (error);
    }
  g_ptr_array_add (ids, NULL);
  g_assert_true (reslib_store_review (f->store, (const char * const *) ids->pdata, RESLIB_REVIEW_SUBMIT, NULL, &error));
  g_ptr_array_set_size (ids, 12);
  {
    /* The enterprise's four passed its own review (level 1): this library may approve them */
    g_autofree char *checker = reslib_store_insert (f->store, RESLIB_KIND_MEMBER,
                                                    (const char * const[]) { "project_id", "unit_id", "name", NULL },
                                                    (const char * const[]) { f->project, partner, "孙工" }, &error);

    const char * const of_partner[] = { g_ptr_array_index (ids, 0), g_ptr_array_index (ids, 1),
                                        g_ptr_array_index (ids, 2), g_ptr_array_index (ids, 3), NULL };

    g_assert_no_error (error);
    g_assert_true (reslib_store_review_decide (f->store, of_partner, RESLIB_REVIEW_LEVEL_UNIT, checker, TRUE,
                                               RESLIB_REVIEW_CHECK_ALL, NULL, &error));
    g_assert_no_error (error);
  }
  {
    /* The media facts of the first, as Run Checks records them */
    g_autoptr(ReslibRecord) first = g_list_model_get_item (resources, 0);

    probe.sha256 = (char *) reslib_record_get (first, "blob_sha256");
    probe.version = RESLIB_PROBE_VERSION;
    probe.mime_type = (char *) "video/mp4";
    probe.video_codec = (char *) "H.264";
    probe.audio_codec = (char *) "AAC";
    probe.width = 1920;
    probe.height = 1080;
    probe.frame_rate = 25;
    probe.duration = 754;
    probe.video_bitrate = 2000000;
    g_assert_true (reslib_store_put_probe (f->store, &probe, &error));
    g_assert_no_error (error);
  }

  window = show_window (f);
  page = studio_window_get_page (window, "review");
  studio_window_show_page (window, "review");
  studio_test_flush ();
  g_assert_cmpuint (queue_length (window), ==, 12);
  for (const char **l = (const char *[]) { "Search the review queue", "Filters", NULL }; *l != NULL; l++)
    if (studio_test_find_labelled (page, *l) == NULL)
      g_error ("The Review page has nothing labelled “%s”", *l);

  /* The first is selected: its media facts are shown. */
  g_assert_true (shows (page, "1920 × 1080 · 25 fps · 12:34 · H.264 / AAC · 2.0 Mbit/s"));

  /* The search finds authors, units and points too. */
  search_queue (window, "李娜");
  g_assert_cmpuint (queue_length (window), ==, 4);
  g_assert_true (shows (page, "Waiting for review: 12 · shown: 4"));
  search_queue (window, "宇通");
  g_assert_cmpuint (queue_length (window), ==, 4);
  search_queue (window, "偏心轴");
  g_assert_cmpuint (queue_length (window), ==, 2);
  search_queue (window, "没有这样的资源");
  g_assert_cmpuint (queue_length (window), ==, 0);
  g_assert_cmpstr (visible_list (window), ==, "no-match");
  gtk_widget_activate_action (GTK_WIDGET (page), "review.clear-filters", NULL);
  studio_test_flush ();
  g_assert_cmpuint (queue_length (window), ==, 12);
  g_assert_cmpstr (visible_list (window), ==, "list");

  /* Filters: unit, then author on top of it; the button says how many are set. */
  dropdown = studio_test_page_child (window, "review", "unit_filter");
  for (guint i = 0; i < g_list_model_get_n_items (gtk_drop_down_get_model (dropdown)); i++)
    {
      g_autoptr(GtkStringObject) item = g_list_model_get_item (gtk_drop_down_get_model (dropdown), i);

      if (g_strcmp0 (gtk_string_object_get_string (item), "宇通客车") == 0)
        gtk_drop_down_set_selected (dropdown, i);
    }
  studio_test_flush ();
  g_assert_cmpuint (queue_length (window), ==, 4);
  dropdown = studio_test_page_child (window, "review", "author_filter");
  for (guint i = 0; i < g_list_model_get_n_items (gtk_drop_down_get_model (dropdown)); i++)
    {
      g_autoptr(GtkStringObject) item = g_list_model_get_item (gtk_drop_down_get_model (dropdown), i);

      if (g_strcmp0 (gtk_string_object_get_string (item), "李娜") == 0)
        gtk_drop_down_set_selected (dropdown, i);
    }
  studio_test_flush ();
  g_assert_cmpuint (queue_length (window), ==, 2);   /* 0 and 3 */
  g_assert_cmpstr (gtk_menu_button_get_label (studio_test_page_child (window, "review", "filter_button")), ==,
                   "_Filters (2)");
  /* The course filter: resources linked to a point of the course */
  gtk_widget_activate_action (GTK_WIDGET (page), "review.clear-filters", NULL);
  gtk_drop_down_set_selected (studio_test_page_child (window, "review", "course_filter"), 1);
  studio_test_flush ();
  g_assert_cmpuint (queue_length (window), ==, 2);
  /* The type filter: the test's resources take the six types in turn */
  gtk_widget_activate_action (GTK_WIDGET (page), "review.clear-filters", NULL);
  gtk_drop_down_set_selected (studio_test_page_child (window, "review", "type_filter"), 1);
  studio_test_flush ();
  g_assert_cmpuint (queue_length (window), ==, 2);
  gtk_widget_activate_action (GTK_WIDGET (page), "review.clear-filters", NULL);
  studio_test_flush ();

  /* Three selected: the buttons count them; Approve asks, and Cancel changes nothing. */
  select_range (window, 0, 3);
  approve = studio_test_page_child (window, "review", "approve_button");
  g_assert_cmpstr (gtk_button_get_label (approve), ==, "_Approve (3)");
  g_assert_cmpstr (gtk_button_get_label (studio_test_page_child (window, "review", "reject_button")), ==, "_Reject (3)");
  gtk_widget_activate_action (GTK_WIDGET (page), "review.approve", NULL);
  dialog = studio_test_find_dialog ();
  g_assert_nonnull (dialog);
  g_assert_nonnull (strstr (adw_message_dialog_get_heading (dialog), "3"));
  studio_test_respond (dialog, "cancel");
  g_assert_cmpuint (queue_length (window), ==, 12);
  gtk_widget_activate_action (GTK_WIDGET (page), "review.approve", NULL);
  studio_test_respond (studio_test_find_dialog (), "approve");
  g_assert_cmpuint (queue_length (window), ==, 9);

  /* Two rejected at once, with one note, after asking */
  select_range (window, 0, 2);
  gtk_editable_set_text (GTK_EDITABLE (studio_test_page_child (window, "review", "note_entry")), "画面模糊");
  gtk_widget_activate_action (GTK_WIDGET (page), "review.reject", NULL);
  dialog = studio_test_find_dialog ();
  g_assert_nonnull (dialog);
  g_assert_nonnull (strstr (adw_message_dialog_get_heading (dialog), "2"));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "画面模糊"));
  studio_test_respond (dialog, "reject");
  g_assert_cmpuint (queue_length (window), ==, 7);
  for (guint i = 0; i < ids->len; i++)
    {
      const char *state = state_of (f, g_ptr_array_index (ids, i), NULL);

      n_approved += g_strcmp0 (state, "approved") == 0;
      n_rejected += g_strcmp0 (state, "rejected") == 0;
    }
  g_assert_cmpuint (n_approved, ==, 3);
  g_assert_cmpuint (n_rejected, ==, 2);
  g_assert_cmpstr (state_of (f, g_ptr_array_index (ids, 2), NULL), ==, "approved");
  g_assert_cmpstr (state_of (f, g_ptr_array_index (ids, 4), NULL), ==, "rejected");

  /* Approve All acts on what the search shows (李娜's, the queue in submission order: 6 and 9), and
   * says so. */
  search_queue (window, "李娜");
  g_assert_cmpuint (queue_length (window), ==, 2);
  click (window, "review", "approve_all_button");
  dialog = studio_test_find_dialog ();
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "2 resources the search and filters show, of 7"));
  studio_test_respond (dialog, "approve");
  g_assert_cmpuint (queue_length (window), ==, 0);
  g_assert_cmpstr (state_of (f, g_ptr_array_index (ids, 6), NULL), ==, "approved");
  g_assert_cmpstr (state_of (f, g_ptr_array_index (ids, 9), NULL), ==, "approved");
  gtk_widget_activate_action (GTK_WIDGET (page), "review.clear-filters", NULL);
  studio_test_flush ();
  g_assert_cmpuint (queue_length (window), ==, 5);

  studio_test_close_window (window);
}

int
main (int   argc,
      char *argv[])
{
  if (!studio_test_init (&argc, &argv))
    return 0;

  g_test_add ("/studio/courses/shown", Fixture, NULL, fixture_setup, test_shown, fixture_teardown);
  g_test_add ("/studio/courses/add-and-edit", Fixture, NULL, fixture_setup, test_add_and_edit, fixture_teardown);
  g_test_add ("/studio/courses/move", Fixture, NULL, fixture_setup, test_move, fixture_teardown);
  g_test_add ("/studio/courses/delete-undo", Fixture, NULL, fixture_setup, test_delete_undo, fixture_teardown);
  g_test_add ("/studio/review/queue", Fixture, NULL, fixture_setup, test_review, fixture_teardown);
  g_test_add ("/studio/review/filters", Fixture, NULL, fixture_setup, test_review_filters, fixture_teardown);

  return studio_test_run ();
}
