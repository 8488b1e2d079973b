/* test-node-picker.c — linking resources to course nodes with the searchable tree picker, in process
 *
 * The picker shows course › module › point as a tree, two points of the same title in two modules told
 * apart; typing filters it, Space chooses the current row, Enter applies (real key presses when the X
 * server has xdotool); the detail pane and the bulk edit use it, each as one undoable step, and the
 * Courses page counts the resources of a point at once. Resources dragged from the Resources page,
 * held over the sidebar's Courses row and dropped on a point are linked to it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "reslib-store-courses.h"
#include "studio-courses-page.h"
#include "studio-node-item.h"
#include "studio-node-picker.h"
#include "studio-resources-page-private.h"
#include "studio-test-utils.h"

/* The texts as the test's language has them (English, or with STUDIO_TEST_SHOT_LOCALE for the shots). */
#define T(text) g_dgettext (GETTEXT_PACKAGE, text)

typedef struct
{
  char                *dir;
  ReslibStore         *store;
  char                *project;
  char                *course, *turning, *milling, *cut_turning, *cut_milling, *drawing, *views;
  StudioWindow        *window;
  StudioResourcesPage *page;
  GListModel          *shown;
  GListModel          *rows;       /* the picker's */
  guint                expected;
} Fixture;

static char *
insert_node (Fixture    *f,
             const char *course,
             const char *parent,
             const char *kind,
             const char *title,
             const char *position)
{
  if (parent == NULL)
    return reslib_test_insert (f->store, RESLIB_KIND_NODE,
                               (const char * const[]) { "course_id", "kind", "title", "position", NULL },
                               (const char * const[]) { course, kind, title, position });
  return reslib_test_insert (f->store, RESLIB_KIND_NODE,
                             (const char * const[]) { "course_id", "parent_id", "kind", "title", "position", NULL },
                             (const char * const[]) { course, parent, kind, title, position });
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *data_dir = NULL;
  g_autofree char *second = NULL;

  f->dir = reslib_test_make_tmp_dir ("reslib-node-picker-XXXXXX");
  data_dir = g_build_filename (f->dir, "data", NULL);
  f->store = reslib_test_open_store (data_dir);
  f->project = reslib_test_new_project (f->store, "知识点关联测试");
  f->course = reslib_test_insert (f->store, RESLIB_KIND_COURSE, (const char * const[]) { "project_id", "title", NULL },
                                  (const char * const[]) { f->project, "数控车削" });
  f->turning = insert_node (f, f->course, NULL, "module", "车削加工", "0");
  f->milling = insert_node (f, f->course, NULL, "module", "铣削加工", "1");
  f->cut_turning = insert_node (f, f->course, f->turning, "knowledge", "切削用量", "0");
  f->cut_milling = insert_node (f, f->course, f->milling, "knowledge", "切削用量", "0");
  second = reslib_test_insert (f->store, RESLIB_KIND_COURSE, (const char * const[]) { "project_id", "title", NULL },
                               (const char * const[]) { f->project, "Mechanical Drawing" });
  f->drawing = insert_node (f, second, NULL, "module", "Projection", "0");
  f->views = insert_node (f, second, f->drawing, "skill", "Three views", "0");
  reslib_test_fill_resources (f->store, f->project, 3, FALSE);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  if (f->window != NULL)
    studio_test_close_window (f->window);
  g_clear_object (&f->store);
  reslib_test_rm_rf (f->dir);
  g_free (f->dir);
  g_free (f->project);
  g_free (f->course);
  g_free (f->turning);
  g_free (f->milling);
  g_free (f->cut_turning);
  g_free (f->cut_milling);
  g_free (f->drawing);
  g_free (f->views);
}

/* With STUDIO_TEST_SHOT_DIR, @widget to NAME.png once a frame has drawn what changed. */
static void
shot (gpointer    widget,
      const char *name)
{
  if (g_getenv ("STUDIO_TEST_SHOT_DIR") == NULL)
    return;
  for (guint i = 0; i < 10; i++)
    {
      g_usleep (20000);
      studio_test_flush ();
    }
  studio_test_save_shot (widget, name);
}

static gboolean
shows_expected_cb (gpointer data)
{
  Fixture *f = data;

  return g_list_model_get_n_items (f->shown) == f->expected;
}

static void
show_page (Fixture *f)
{
  f->window = studio_test_show_window (f->store);
  studio_window_show_page (f->window, "resources");
  studio_test_flush ();
  f->page = STUDIO_RESOURCES_PAGE (studio_window_get_page (f->window, "resources"));
  f->shown = G_LIST_MODEL (gtk_column_view_get_model (studio_test_page_child (f->window, "resources",
                                                                              "resources_view")));
  f->expected = 3;
  if (!studio_test_wait_until (shows_expected_cb, f, 10000))
    g_error ("The page shows %u resources, not 3", g_list_model_get_n_items (f->shown));
}

static char *
shown_id (Fixture *f,
          guint    position)
{
  g_autoptr(ReslibResourceRow) row = g_list_model_get_item (f->shown, position);

  return g_strdup (reslib_resource_row_get_id (row));
}

static GStrv
nodes_of (Fixture    *f,
          const char *id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ReslibRecord) record = reslib_store_get (f->store, RESLIB_KIND_RESOURCE, id, &error);
  const char * const *nodes;

  g_assert_no_error (error);
  nodes = reslib_record_get_list (record, "nodes");
  return g_strdupv ((char **) (nodes != NULL ? nodes : (const char * const[]) { NULL }));
}

/* The picker's rows now, each as its path. */
static char *
picker_paths (Fixture *f)
{
  g_autoptr(GString) paths = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (f->rows); i++)
    {
      g_autoptr(GtkTreeListRow) row = g_list_model_get_item (f->rows, i);
      g_autoptr(StudioNodeItem) item = gtk_tree_list_row_get_item (row);

      g_string_append_printf (paths, "%s%s", i > 0 ? "|" : "", studio_node_item_get_path (item));
    }
  return g_string_free (g_steal_pointer (&paths), FALSE);
}

static gboolean
rows_expected_cb (gpointer data)
{
  Fixture *f = data;

  return g_list_model_get_n_items (f->rows) == f->expected;
}

static void
search (Fixture          *f,
        StudioNodePicker *picker,
        const char       *text,
        guint             n)
{
  gtk_editable_set_text (studio_node_picker_get_search (picker), text);
  f->expected = n;
  if (!studio_test_wait_until (rows_expected_cb, f, 5000))
    g_error ("The picker shows %u rows for “%s”, not %u", g_list_model_get_n_items (f->rows), text, n);
}

static guint
count_of (Fixture    *f,
          const char *node)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) counts = reslib_store_count_resources_by_node (f->store, f->project, &error);

  g_assert_no_error (error);
  return GPOINTER_TO_UINT (g_hash_table_lookup (counts, node));
}

/* From the detail pane: the tree, the search, the keys; one undoable step; the Courses page's count. */
static void
test_detail (Fixture       *f,
             gconstpointer  data)
{
  g_autofree char *id = NULL;
  g_autofree char *paths = NULL;
  g_auto(GStrv) nodes = NULL;
  StudioNodePicker *picker;
  GtkWidget *row;
  gboolean keys;
  g_autofree char *text = NULL;
  g_autofree char *expected = NULL;

  show_page (f);
  id = shown_id (f, 0);
  g_assert_true (gtk_selection_model_select_item (GTK_SELECTION_MODEL (f->shown), 0, TRUE));
  studio_test_flush ();
  row = studio_test_find_labelled (f->page, T("Course nodes"));
  g_assert_true (ADW_IS_ACTION_ROW (row));
  text = g_strdup_printf (T("Linked to %u"), 0);
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), ==, text);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "resources.link-nodes", NULL));
  studio_test_flush ();
  picker = STUDIO_NODE_PICKER (studio_resources_page_get_node_picker (f->page));
  g_assert_nonnull (picker);
  f->rows = studio_node_picker_get_rows (picker);

  /* The whole tree, depth first: each course, its modules, their points; the same title twice is told
   * apart by its module. */
  paths = picker_paths (f);
  g_assert_cmpstr (paths, ==,
                   "数控车削|数控车削 › 车削加工|数控车削 › 车削加工 › 切削用量|数控车削 › 铣削加工|"
                   "数控车削 › 铣削加工 › 切削用量|Mechanical Drawing|Mechanical Drawing › Projection|"
                   "Mechanical Drawing › Projection › Three views");
  shot (picker, "node-picker");

  /* Every word typed narrows the tree, whatever the case; the rows above a match stay. */
  search (f, picker, "铣削 切削", 3);
  g_clear_pointer (&paths, g_free);
  paths = picker_paths (f);
  g_assert_cmpstr (paths, ==, "数控车削|数控车削 › 铣削加工|数控车削 › 铣削加工 › 切削用量");
  search (f, picker, "three VIEWS", 3);
  search (f, picker, "没有这个", 0);
  g_assert_true (studio_test_shows_text (picker, T("No course node matches the search")));
  search (f, picker, "铣削 切削", 3);
  shot (picker, "node-picker-search");

  /* Keys: Down from the search to the list, Down twice to the point, Space chooses it, Enter applies. */
  gtk_widget_grab_focus (GTK_WIDGET (studio_node_picker_get_search (picker)));
  keys = studio_test_press_keys_to (GTK_WINDOW (picker), "Down Down Down space");
  if (keys)
    {
      g_auto(GStrv) chosen = studio_node_picker_get_checked (picker);

      g_assert_cmpstrv (chosen, ((const char * const[]) { f->cut_milling, NULL }));
      g_free (text);
      text = g_strdup_printf (T("Chosen: %u"), 1);
      g_assert_true (studio_test_shows_text (picker, text));
      /* Space again leaves it; once more chooses it. */
      g_assert_true (studio_test_press_keys_to (GTK_WINDOW (picker), "space"));
      g_strfreev (chosen);
      chosen = studio_node_picker_get_checked (picker);
      g_assert_cmpstrv (chosen, ((const char * const[]) { NULL }));
      g_assert_true (studio_test_press_keys_to (GTK_WINDOW (picker), "space Return"));
      g_assert_null (studio_resources_page_get_node_picker (f->page));
      g_assert_null (studio_test_find_dialog ());
    }
  else
    {
      g_test_message ("no xdotool or no X11 display: the keys are not pressed");
      g_assert_true (studio_node_picker_set_checked (picker, f->cut_milling, TRUE));
      studio_test_respond (ADW_MESSAGE_DIALOG (picker), "apply");
    }
  studio_test_flush ();
  nodes = nodes_of (f, id);
  g_assert_cmpstrv (nodes, ((const char * const[]) { f->cut_milling, NULL }));
  g_assert_cmpuint (count_of (f, f->cut_milling), ==, 1);
  /* The row names the point whole. */
  row = studio_test_find_labelled (f->page, T("Course nodes"));
  g_free (text);
  text = g_strdup_printf (T("Linked to %u"), 1);
  g_free (expected);
  expected = g_strconcat (text, "\n数控车削 › 铣削加工 › 切削用量", NULL);
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), ==, expected);
  shot (studio_test_page_child (f->window, "resources", "detail_list"), "node-picker-detail");

  /* The Courses page counts it at once. */
  studio_window_show_page (f->window, "courses");
  studio_test_flush ();
  shot (f->window, "node-picker-courses");
  g_free (text);
  text = g_strdup_printf (T("Resources: %u"), 1);
  g_assert_true (studio_test_shows_text (studio_window_get_page (f->window, "courses"), text));
  studio_window_show_page (f->window, "resources");
  studio_test_flush ();

  /* A second choice replaces the first (the picker opens with what is linked); one undo takes it back. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "resources.link-nodes", NULL));
  picker = STUDIO_NODE_PICKER (studio_resources_page_get_node_picker (f->page));
  {
    g_auto(GStrv) chosen = studio_node_picker_get_checked (picker);

    g_assert_cmpstrv (chosen, ((const char * const[]) { f->cut_milling, NULL }));
  }
  g_assert_true (studio_node_picker_set_checked (picker, f->cut_milling, FALSE));
  g_assert_true (studio_node_picker_set_checked (picker, f->cut_turning, TRUE));
  g_assert_true (studio_node_picker_set_checked (picker, f->views, TRUE));
  studio_test_respond (ADW_MESSAGE_DIALOG (picker), "apply");
  studio_test_flush ();
  g_strfreev (nodes);
  nodes = nodes_of (f, id);
  g_assert_cmpuint (g_strv_length (nodes), ==, 2);
  g_assert_true (g_strv_contains ((const char * const *) nodes, f->cut_turning));
  g_assert_true (g_strv_contains ((const char * const *) nodes, f->views));
  g_assert_cmpuint (count_of (f, f->cut_milling), ==, 0);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.undo", NULL));
  studio_test_flush ();
  g_strfreev (nodes);
  nodes = nodes_of (f, id);
  g_assert_cmpstrv (nodes, ((const char * const[]) { f->cut_milling, NULL }));
}

/* From Edit Selected: the chosen nodes are added to each resource's, in one undoable step. */
static void
test_bulk (Fixture       *f,
           gconstpointer  data)
{
  g_autofree char *a = NULL, *b = NULL, *c = NULL;
  g_auto(GStrv) nodes = NULL;
  GtkWindow *bulk;
  StudioNodePicker *picker;
  GtkWidget *row;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *expected = NULL;

  show_page (f);
  a = shown_id (f, 0);
  b = shown_id (f, 1);
  c = shown_id (f, 2);
  g_assert_true (reslib_store_set_list (f->store, a, "nodes", (const char * const[]) { f->views, NULL }, &error));
  g_assert_no_error (error);
  studio_test_flush ();
  g_assert_true (gtk_selection_model_select_range (GTK_SELECTION_MODEL (f->shown), 0, 2, TRUE));
  studio_test_flush ();
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "resources.edit-selected", NULL));
  studio_test_flush ();
  bulk = studio_resources_page_get_bulk_dialog (f->page);
  g_assert_nonnull (bulk);
  row = studio_test_find_labelled (bulk, T("Course nodes"));
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), ==, T("Keep as they are"));

  g_signal_emit_by_name (studio_test_find_button (bulk, T("C_hoose…")), "clicked");
  studio_test_flush ();
  picker = STUDIO_NODE_PICKER (studio_resources_page_get_node_picker (f->page));
  g_assert_nonnull (picker);
  g_assert_true (studio_node_picker_set_checked (picker, f->cut_turning, TRUE));
  g_assert_true (studio_node_picker_set_checked (picker, f->views, TRUE));
  /* As its Apply button does (the Edit Selected dialog stays open below it). */
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (picker), "apply");
  gtk_window_close (GTK_WINDOW (picker));
  studio_test_flush ();
  text = g_strdup_printf (T("Add %u to each"), 2);
  expected = g_strconcat (text, "\n数控车削 › 车削加工 › 切削用量\nMechanical Drawing › Projection › Three views", NULL);
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), ==, expected);
  shot (bulk, "node-picker-bulk");
  studio_test_respond (ADW_MESSAGE_DIALOG (bulk), "apply");
  studio_test_flush ();

  nodes = nodes_of (f, a);
  g_assert_cmpuint (g_strv_length (nodes), ==, 2);
  g_assert_true (g_strv_contains ((const char * const *) nodes, f->cut_turning));
  g_assert_true (g_strv_contains ((const char * const *) nodes, f->views));
  g_strfreev (nodes);
  nodes = nodes_of (f, b);
  g_assert_cmpuint (g_strv_length (nodes), ==, 2);
  g_strfreev (nodes);
  nodes = nodes_of (f, c);
  g_assert_cmpstrv (nodes, ((const char * const[]) { NULL }));
  g_assert_cmpuint (count_of (f, f->cut_turning), ==, 2);

  /* One undo takes the whole bulk edit back. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.undo", NULL));
  studio_test_flush ();
  g_strfreev (nodes);
  nodes = nodes_of (f, a);
  g_assert_cmpstrv (nodes, ((const char * const[]) { f->views, NULL }));
  g_strfreev (nodes);
  nodes = nodes_of (f, b);
  g_assert_cmpstrv (nodes, ((const char * const[]) { NULL }));
}

/* The first widget under @root (itself included) with a controller of @type, and that controller. */
static GtkEventController *
find_controller (GtkWidget *widget,
                 GType      type)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (controller, type))
        return controller;
    }
  return NULL;
}

static GtkWidget *
find_label (GtkWidget  *root,
            const char *text)
{
  if (GTK_IS_LABEL (root) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (root)), text) == 0)
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_label (child, text);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The sidebar's row of a page, by the page's name. */
static GtkWidget *
find_row_named (GtkWidget  *root,
                const char *name)
{
  if (GTK_IS_LIST_BOX_ROW (root) && g_strcmp0 (gtk_widget_get_name (root), name) == 0)
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_row_named (child, name);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static gboolean
courses_shown_cb (gpointer data)
{
  Fixture *f = data;

  return gtk_widget_get_mapped (GTK_WIDGET (studio_window_get_page (f->window, "courses")));
}

/* Drag from the Resources page, the sidebar opens the Courses page, drop on a point. */
static void
test_drop (Fixture       *f,
           gconstpointer  data)
{
  g_autofree char *a = NULL, *b = NULL, *c = NULL, *title = NULL, *text = NULL;
  g_auto(GStrv) nodes = NULL;
  g_auto(GValue) value = G_VALUE_INIT;
  g_autoptr(GdkContentProvider) provider = NULL;
  g_autoptr(GError) error = NULL;
  GtkEventController *controller;
  GtkWidget *cell, *row;
  StudioPage *courses;
  const char * const *dragged;
  gboolean dropped = FALSE;

  show_page (f);
  a = shown_id (f, 0);
  b = shown_id (f, 1);
  c = shown_id (f, 2);
  {
    g_autoptr(ReslibResourceRow) first = g_list_model_get_item (f->shown, 0);

    title = g_strdup (reslib_resource_row_get_title (first));
  }
  g_assert_true (gtk_selection_model_select_range (GTK_SELECTION_MODEL (f->shown), 0, 2, TRUE));
  studio_test_flush ();

  /* A selected row drags the selection: both resources' ids. */
  cell = find_label (GTK_WIDGET (f->page), title);
  g_assert_nonnull (cell);
  controller = find_controller (cell, GTK_TYPE_DRAG_SOURCE);
  g_assert_nonnull (controller);
  g_signal_emit_by_name (controller, "prepare", 1.0, 1.0, &provider);
  g_assert_nonnull (provider);
  g_value_init (&value, G_TYPE_STRV);
  g_assert_true (gdk_content_provider_get_value (provider, &value, &error));
  g_assert_no_error (error);
  dragged = g_value_get_boxed (&value);
  g_assert_cmpuint (g_strv_length ((char **) dragged), ==, 2);
  g_assert_true (g_strv_contains (dragged, a) && g_strv_contains (dragged, b));

  /* Held over the sidebar's Courses row, the drag opens the Courses page. */
  row = find_row_named (GTK_WIDGET (f->window), "courses");
  g_assert_true (GTK_IS_LIST_BOX_ROW (row));
  controller = find_controller (row, GTK_TYPE_DROP_CONTROLLER_MOTION);
  g_assert_nonnull (controller);
  g_signal_emit_by_name (controller, "enter", 5.0, 5.0);
  g_assert_true (studio_test_wait_until (courses_shown_cb, f, 5000));
  courses = studio_window_get_page (f->window, "courses");

  /* Dropped on a course: refused, nothing linked. */
  controller = find_controller (studio_test_find_labelled (courses, "Mechanical Drawing"), GTK_TYPE_DROP_TARGET);
  g_assert_nonnull (controller);
  g_signal_emit_by_name (controller, "drop", &value, 5.0, 5.0, &dropped);
  g_assert_false (dropped);
  nodes = nodes_of (f, a);
  g_assert_cmpstrv (nodes, ((const char * const[]) { NULL }));

  /* Dropped on a point: both linked in one step, the count follows at once. */
  controller = find_controller (studio_test_find_labelled (courses, "Three views"), GTK_TYPE_DROP_TARGET);
  g_assert_nonnull (controller);
  g_signal_emit_by_name (controller, "drop", &value, 5.0, 5.0, &dropped);
  g_assert_true (dropped);
  studio_test_flush ();
  g_strfreev (nodes);
  nodes = nodes_of (f, a);
  g_assert_cmpstrv (nodes, ((const char * const[]) { f->views, NULL }));
  g_strfreev (nodes);
  nodes = nodes_of (f, b);
  g_assert_cmpstrv (nodes, ((const char * const[]) { f->views, NULL }));
  g_strfreev (nodes);
  nodes = nodes_of (f, c);
  g_assert_cmpstrv (nodes, ((const char * const[]) { NULL }));
  text = g_strdup_printf (T("Resources: %u"), 2);
  g_assert_true (studio_test_shows_text (courses, text));
  shot (f->window, "node-drop-courses");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.undo", NULL));
  studio_test_flush ();
  g_strfreev (nodes);
  nodes = nodes_of (f, a);
  g_assert_cmpstrv (nodes, ((const char * const[]) { NULL }));
  g_strfreev (nodes);
  nodes = nodes_of (f, b);
  g_assert_cmpstrv (nodes, ((const char * const[]) { NULL }));
}

int
main (int   argc,
      char *argv[])
{
  if (!studio_test_init (&argc, &argv))
    return 0;

  g_test_add ("/studio/node-picker/detail", Fixture, NULL, fixture_setup, test_detail, fixture_teardown);
  g_test_add ("/studio/node-picker/bulk", Fixture, NULL, fixture_setup, test_bulk, fixture_teardown);
  g_test_add ("/studio/node-picker/drop", Fixture, NULL, fixture_setup, test_drop, fixture_teardown);

  return studio_test_run ();
}
