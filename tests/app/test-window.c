/* test-window.c — the application window, in process, against a temporary store
 *
 * Needs a display (Xvfb in CI); prints a TAP skip without one. Run with
 * GTK_A11Y=test so that the accessible properties can be checked.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <locale.h>
#include <string.h>

#include "reslib-store-resource-rows.h"
#include "reslib-test-utils.h"
#include "studio-test-utils.h"
#include "studio-application.h"
#include "studio-window.h"

#define DEMO_NAME "数控技术专业教学资源库（演示）"

typedef struct
{
  char        *dir;
  char        *data_dir;
  char        *files;
  ReslibStore *store;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  f->dir = reslib_test_make_tmp_dir ("reslib-window-XXXXXX");
  f->data_dir = g_build_filename (f->dir, "data", NULL);
  f->files = g_build_filename (f->dir, "files", NULL);
  g_mkdir_with_parents (f->files, 0700);
  f->store = reslib_test_open_store (f->data_dir);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_object (&f->store);
  reslib_test_rm_rf (f->dir);
  g_free (f->dir);
  g_free (f->data_dir);
  g_free (f->files);
}

/* ---------------------------------------------------------------------------------------------- */
/* Helpers                                                                                         */

static GtkWidget *
sidebar_row (StudioWindow *window,
             const char   *name)
{
  GtkListBox *list = GTK_LIST_BOX (gtk_widget_get_template_child (GTK_WIDGET (window), STUDIO_TYPE_WINDOW,
                                                                  "sidebar_list"));

  for (int i = 0; gtk_list_box_get_row_at_index (list, i) != NULL; i++)
    {
      GtkWidget *row = GTK_WIDGET (gtk_list_box_get_row_at_index (list, i));

      if (g_strcmp0 (gtk_widget_get_name (row), name) == 0)
        return row;
    }
  g_error ("The sidebar has no row “%s”", name);
}

/* A template child of the window or of one of its pages; the sidebar's rows by "NAME_row". */
static gpointer
child (StudioWindow *window,
       const char   *name)
{
  static const char * const pages[] = { "overview", "resources", NULL };
  GObject *object = gtk_widget_get_template_child (GTK_WIDGET (window), STUDIO_TYPE_WINDOW, name);

  if (object != NULL)
    return object;
  if (g_str_has_suffix (name, "_row"))
    {
      g_autofree char *page = g_strndup (name, strlen (name) - 4);
      return sidebar_row (window, page);
    }
  if (g_str_equal (name, "resources_badge"))
    return gtk_widget_get_last_child (gtk_widget_get_first_child (sidebar_row (window, "resources")));
  for (guint i = 0; pages[i] != NULL; i++)
    {
      StudioPage *page = studio_window_get_page (window, pages[i]);

      object = gtk_widget_get_template_child (GTK_WIDGET (page), G_OBJECT_TYPE (page), name);
      if (object != NULL)
        return object;
    }
  g_error ("The window has no template child “%s”", name);
}

static StudioWindow *
show_window (StudioApplication *app,
             ReslibStore       *store)
{
  g_autoptr(StudioSession) session = studio_session_new (store, NULL);
  StudioWindow *window = studio_window_new (app, session);

  g_object_ref (window);
  gtk_window_present (GTK_WINDOW (window));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));

  return window;
}

static void
close_window (StudioWindow *window)
{
  gtk_window_destroy (GTK_WINDOW (window));
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_finalize_object (window);
}

static void
collect_labels (GtkWidget *widget,
                GPtrArray *texts)
{
  if (GTK_IS_LABEL (widget) && gtk_widget_get_mapped (widget))
    g_ptr_array_add (texts, g_strdup (gtk_label_get_text (GTK_LABEL (widget))));
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    collect_labels (c, texts);
}

/* Whether a shown label under @widget has exactly @text. */
static gboolean
shows_text (gpointer    widget,
            const char *text)
{
  g_autoptr(GPtrArray) texts = g_ptr_array_new_with_free_func (g_free);

  collect_labels (GTK_WIDGET (widget), texts);
  for (guint i = 0; i < texts->len; i++)
    if (g_strcmp0 (g_ptr_array_index (texts, i), text) == 0)
      return TRUE;

  return FALSE;
}

static guint
n_rows (gpointer list)
{
  guint n = 0;

  while (gtk_list_box_get_row_at_index (GTK_LIST_BOX (list), n) != NULL)
    n++;

  return n;
}

static guint
n_resources_shown (StudioWindow *window)
{
  GtkColumnView *view = child (window, "resources_view");

  return g_list_model_get_n_items (G_LIST_MODEL (gtk_column_view_get_model (view)));
}

typedef struct
{
  StudioWindow *window;
  guint         n;
} Shown;

static guint n_resources_shown (StudioWindow *window);

static gboolean
shows_n_resources (gpointer data)
{
  Shown *shown = data;

  return n_resources_shown (shown->window) == shown->n;
}

/* The Resources page reads its rows in a worker thread: waits (5 s at most) until @n are shown. */
static guint
wait_resources_shown (StudioWindow *window,
                      guint         n)
{
  Shown shown = { window, n };

  studio_test_wait_until (shows_n_resources, &shown, 5000);
  return n_resources_shown (window);
}

typedef struct
{
  StudioWindow *window;
  const char   *text;
} Badge;

static gboolean
badge_shows (gpointer data)
{
  Badge *badge = data;

  return g_strcmp0 (gtk_label_get_text (child (badge->window, "resources_badge")), badge->text) == 0;
}

/* The badge is counted in a worker thread: waits (5 s at most) until it shows @text. */
static const char *
wait_badge (StudioWindow *window,
            const char   *text)
{
  Badge badge = { window, text };

  studio_test_wait_until (badge_shows, &badge, 5000);
  return gtk_label_get_text (child (window, "resources_badge"));
}

static void
on_page (StudioWindow *window,
         const char   *name)
{
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", name);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  studio_test_flush ();
}

static const char *
stack_page (StudioWindow *window,
            const char   *stack)
{
  return gtk_stack_get_visible_child_name (GTK_STACK (child (window, stack)));
}

static void
import_file (Fixture    *f,
             const char *project_id,
             const char *name,
             const char *contents,
             const char *title)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = reslib_test_write_file (f->files, name, contents, -1);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(ReslibImporter) importer = reslib_importer_new (f->store, project_id);

  reslib_importer_add_file (importer, file);
  if (title != NULL)
    reslib_importer_set_field (importer, "title", title);
  reslib_job_run (RESLIB_JOB (importer), NULL, &error);
  g_assert_no_error (error);
}

static char *
add_unit (ReslibStore *store,
          const char  *project_id,
          const char  *name,
          const char  *kind,
          const char  *role,
          const char  *rank)
{
  g_autoptr(GError) error = NULL;
  char *id = reslib_store_insert (store, RESLIB_KIND_UNIT,
                                  (const char * const[]) { "project_id", "name", "kind", "role", "host_rank", NULL },
                                  (const char * const[]) { project_id, name, kind, role, rank },
                                  &error);

  g_assert_no_error (error);
  return id;
}

/* ---------------------------------------------------------------------------------------------- */
/* Tests                                                                                           */

static void
test_window_project (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *project = reslib_test_new_project (f->store, "窗口测试资源库");
  g_autofree char *major = NULL;
  g_autofree char *unit = NULL;
  StudioWindow *window;

  major = reslib_store_insert (f->store, RESLIB_KIND_MAJOR,
                               (const char * const[]) { "project_id", "role", "code", "name", NULL },
                               (const char * const[]) { project, "served", "460104", "机械制造及自动化" }, &error);
  g_assert_no_error (error);
  unit = add_unit (f->store, project, "河南测试职业学院", "higher-vocational", "host", "1");
  import_file (f, project, "lesson.md", "# 第一课\n\n数控车床。\n", "第一课 数控车床");
  import_file (f, project, "notes.txt", "plain notes\n", NULL);

  window = show_window (NULL, f->store);

  g_assert_cmpstr (studio_window_get_project_id (window), ==, project);
  g_assert_cmpstr (stack_page (window, "main_stack"), ==, "project");
  g_assert_cmpstr (stack_page (window, "page_stack"), ==, "overview");
  g_assert_cmpstr (gtk_label_get_text (child (window, "project_name_label")), ==, "窗口测试资源库");
  g_assert_cmpstr (adw_window_title_get_title (child (window, "window_title")), ==, "Overview");
  g_assert_cmpstr (adw_window_title_get_subtitle (child (window, "window_title")), ==, "窗口测试资源库");
  g_assert_cmpuint (n_rows (child (window, "majors_list")), ==, 2);
  g_assert_cmpuint (n_rows (child (window, "units_list")), ==, 1);
  g_assert_true (shows_text (child (window, "majors_list"), "数控技术"));
  g_assert_true (shows_text (child (window, "majors_list"), "460104 · Served major"));
  g_assert_true (shows_text (child (window, "units_list"), "Host unit 1 · Higher vocational college"));
  g_assert_true (shows_text (child (window, "stats_box"), "Resources"));
  g_assert_cmpstr (wait_badge (window, "2"), ==, "2");

  /* The resources page, read when it is first shown: the column view over the project's resources. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "resources");
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  g_assert_cmpuint (wait_resources_shown (window, 2), ==, 2);
  g_assert_cmpstr (stack_page (window, "page_stack"), ==, "resources");
  g_assert_cmpstr (stack_page (window, "resources_stack"), ==, "list");
  g_assert_cmpstr (adw_window_title_get_title (child (window, "window_title")), ==, "Resources");
  g_assert_true (gtk_list_box_get_selected_row (child (window, "sidebar_list")) == child (window, "resources_row"));
  /* Cells: the title and file name as stored, the type and state as words. */
  g_assert_true (shows_text (child (window, "resources_view"), "第一课 数控车床"));
  g_assert_true (shows_text (child (window, "resources_view"), "notes"));
  g_assert_true (shows_text (child (window, "resources_view"), "lesson.md"));
  g_assert_true (shows_text (child (window, "resources_view"), "Text"));
  g_assert_true (shows_text (child (window, "resources_view"), "Draft"));
  g_assert_false (shows_text (child (window, "resources_view"), "draft"));

  /* Sorting by a column goes through the sort model. */
  {
    GListModel *columns = gtk_column_view_get_columns (child (window, "resources_view"));
    g_autoptr(GtkColumnViewColumn) title_column = g_list_model_get_item (columns, 0);

    gtk_column_view_sort_by_column (child (window, "resources_view"), title_column, GTK_SORT_DESCENDING);
  }
  {
    GListModel *model = G_LIST_MODEL (gtk_column_view_get_model (child (window, "resources_view")));
    g_autoptr(ReslibResourceRow) first = g_list_model_get_item (model, 0);
    g_assert_cmpstr (reslib_resource_row_get_title (first), ==, "第一课 数控车床");
  }

  /* Back to the overview with the sidebar. */
  g_signal_emit_by_name (child (window, "sidebar_list"), "row-activated", child (window, "overview_row"));
  g_assert_cmpstr (stack_page (window, "page_stack"), ==, "overview");

  close_window (window);
}

static void
test_window_accessible (Fixture       *f,
                        gconstpointer  data)
{
  g_autofree char *project = reslib_test_new_project (f->store, "无障碍测试");
  StudioWindow *window = show_window (NULL, f->store);

  gtk_test_accessible_assert_property (child (window, "project_dropdown"), GTK_ACCESSIBLE_PROPERTY_LABEL, "Project");
  gtk_test_accessible_assert_property (child (window, "sidebar_list"), GTK_ACCESSIBLE_PROPERTY_LABEL, "Pages");
  gtk_test_accessible_assert_property (child (window, "overview_row"), GTK_ACCESSIBLE_PROPERTY_LABEL, "Overview");
  gtk_test_accessible_assert_property (child (window, "resources_row"), GTK_ACCESSIBLE_PROPERTY_LABEL, "Resources");
  gtk_test_accessible_assert_property (child (window, "back_button"), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       "Back to the list of pages");
  gtk_test_accessible_assert_property (child (window, "menu_button"), GTK_ACCESSIBLE_PROPERTY_LABEL, "Main Menu");
  gtk_test_accessible_assert_property (child (window, "empty_menu_button"), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       "Main Menu");
  gtk_test_accessible_assert_property (child (window, "error_menu_button"), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       "Main Menu");
  gtk_test_accessible_assert_property (child (window, "resources_view"), GTK_ACCESSIBLE_PROPERTY_LABEL, "Resources");
  gtk_test_accessible_assert_property (child (window, "majors_list"), GTK_ACCESSIBLE_PROPERTY_LABEL, "Majors");
  gtk_test_accessible_assert_property (child (window, "units_list"), GTK_ACCESSIBLE_PROPERTY_LABEL, "Units");
  gtk_test_accessible_assert_property (child (window, "create_demo_button"), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       "Create Demo Project");
  gtk_test_accessible_assert_role (child (window, "resources_view"), GTK_ACCESSIBLE_ROLE_TREE_GRID);
  /* The rows made from the store are named after what they show. */
  gtk_test_accessible_assert_property (gtk_list_box_get_row_at_index (child (window, "majors_list"), 0),
                                       GTK_ACCESSIBLE_PROPERTY_LABEL, "数控技术, 460103 · Core major");

  close_window (window);
}

static void
count_cb (guint *counter)
{
  (*counter)++;
}

static void
test_window_switch_project (Fixture       *f,
                            gconstpointer  data)
{
  g_autofree char *a = reslib_test_new_project (f->store, "A 资源库");
  g_autofree char *b = reslib_test_new_project (f->store, "B 资源库");
  g_autofree char *unit = NULL;
  GtkDropDown *dropdown;
  StudioWindow *window;
  guint notified = 0;

  unit = add_unit (f->store, b, "B 学院", "secondary-vocational", "host", "1");
  import_file (f, b, "b1.txt", "one\n", NULL);
  import_file (f, b, "b2.txt", "two\n", NULL);
  import_file (f, b, "b3.txt", "three\n", NULL);

  window = show_window (NULL, f->store);
  g_signal_connect_swapped (window, "notify::project-id", G_CALLBACK (count_cb), &notified);
  dropdown = child (window, "project_dropdown");
  g_assert_cmpuint (g_list_model_get_n_items (gtk_drop_down_get_model (dropdown)), ==, 2);

  /* Projects are listed by name: A first, and shown first. */
  g_assert_cmpstr (studio_window_get_project_id (window), ==, a);
  on_page (window, "resources");
  g_assert_cmpuint (wait_resources_shown (window, 0), ==, 0);
  g_assert_cmpstr (stack_page (window, "resources_stack"), ==, "empty");
  on_page (window, "overview");
  g_assert_cmpuint (n_rows (child (window, "units_list")), ==, 0);

  /* Through the switcher, as a user would: the shown page follows, the hidden ones when shown. */
  gtk_drop_down_set_selected (dropdown, 1);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  g_assert_cmpuint (notified, ==, 1);
  g_assert_cmpstr (studio_window_get_project_id (window), ==, b);
  g_assert_cmpstr (gtk_label_get_text (child (window, "project_name_label")), ==, "B 资源库");
  g_assert_cmpuint (n_rows (child (window, "units_list")), ==, 1);
  g_assert_true (shows_text (child (window, "units_list"), "Host unit 1 · Secondary vocational school"));
  on_page (window, "resources");
  g_assert_cmpuint (wait_resources_shown (window, 3), ==, 3);
  g_assert_cmpstr (stack_page (window, "resources_stack"), ==, "list");

  /* Through the API, and after the store changed underneath. */
  g_assert_true (studio_window_open_project (window, a));
  g_assert_cmpuint (gtk_drop_down_get_selected (dropdown), ==, 0);
  studio_test_flush ();
  g_assert_cmpuint (wait_resources_shown (window, 0), ==, 0);
  import_file (f, a, "a1.txt", "a one\n", NULL);
  studio_window_reload (window);
  studio_test_flush ();
  g_assert_cmpstr (studio_window_get_project_id (window), ==, a);
  g_assert_cmpuint (wait_resources_shown (window, 1), ==, 1);
  g_assert_false (studio_window_open_project (window, "00000000-0000-0000-0000-000000000000"));

  close_window (window);
}

static void
record_label_cb (GtkLabel   *label,
                 GParamSpec *pspec,
                 GString    *texts)
{
  g_string_append_printf (texts, "[%s]", gtk_label_get_text (label));
}

/* The sidebar's count of resources is counted in the row loader's thread, never while the window waits; only the
 * latest count is shown. */
static void
test_window_badge (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *a = reslib_test_new_project (f->store, "A 资源库");
  g_autofree char *b = reslib_test_new_project (f->store, "B 资源库");
  g_autoptr(GString) texts = g_string_new ("");
  GtkDropDown *dropdown;
  GtkLabel *badge;
  StudioWindow *window;

  import_file (f, a, "a1.txt", "a one\n", NULL);
  for (guint i = 0; i < 3; i++)
    {
      g_autofree char *name = g_strdup_printf ("b%u.txt", i);
      g_autofree char *contents = g_strdup_printf ("b %u\n", i);

      import_file (f, b, name, contents, NULL);
    }

  window = show_window (NULL, f->store);
  dropdown = child (window, "project_dropdown");
  badge = child (window, "resources_badge");
  g_assert_cmpstr (wait_badge (window, "1"), ==, "1");

  /* Another project: its count is not there when the switch returns (it was not counted in the main thread),
   * and A's is no longer shown. */
  gtk_drop_down_set_selected (dropdown, 1);
  g_assert_cmpstr (studio_window_get_project_id (window), ==, b);
  g_assert_cmpstr (gtk_label_get_text (badge), ==, "");
  g_assert_cmpstr (wait_badge (window, "3"), ==, "3");

  /* To A and back at once: A's count, overtaken, is never shown. */
  g_signal_connect (badge, "notify::label", G_CALLBACK (record_label_cb), texts);
  gtk_drop_down_set_selected (dropdown, 0);
  gtk_drop_down_set_selected (dropdown, 1);
  g_assert_cmpstr (wait_badge (window, "3"), ==, "3");
  studio_test_flush ();
  g_assert_cmpstr (texts->str, ==, "[][3]");

  /* A change in the store: the badge follows. */
  import_file (f, b, "b3.txt", "b 3\n", NULL);
  g_assert_cmpstr (wait_badge (window, "4"), ==, "4");
  g_signal_handlers_disconnect_by_data (badge, texts);

  close_window (window);
}

static void
test_window_empty_store (Fixture       *f,
                         gconstpointer  data)
{
  StudioWindow *window = show_window (NULL, f->store);

  g_assert_null (studio_window_get_project_id (window));
  g_assert_cmpstr (stack_page (window, "main_stack"), ==, "empty");
  g_assert_true (gtk_widget_get_mapped (child (window, "create_demo_button")));

  /* The button on the status page creates the demo project and shows it. */
  g_signal_emit_by_name (child (window, "create_demo_button"), "clicked");
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  g_assert_nonnull (studio_window_get_project_id (window));
  g_assert_cmpstr (stack_page (window, "main_stack"), ==, "project");
  g_assert_cmpstr (gtk_label_get_text (child (window, "project_name_label")), ==, DEMO_NAME);
  g_assert_cmpuint (reslib_store_count (f->store, RESLIB_KIND_PROJECT, NULL, NULL), ==, 1);

  close_window (window);
}

static guint
count_demo_tmp_dirs (void)
{
  g_autoptr(GDir) dir = g_dir_open (g_get_tmp_dir (), 0, NULL);
  const char *name;
  guint n = 0;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_prefix (name, "reslib-demo-"))
      n++;

  return n;
}

static void
test_window_demo (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) resources = NULL;
  g_autoptr(GListModel) units = NULL;
  g_autofree char *id = NULL;
  guint tmp_before = count_demo_tmp_dirs ();
  guint approved = 0, in_review = 0, linked = 0, hosts = 0;
  StudioWindow *window;

  id = reslib_demo_create (f->store, NULL, &error);
  g_assert_no_error (error);
  {
    g_autofree char *found = reslib_demo_find (f->store, &error);

    g_assert_no_error (error);
    g_assert_cmpstr (found, ==, id);
  }
  g_assert_nonnull (id);
  g_assert_cmpuint (count_demo_tmp_dirs (), ==, tmp_before);

  /* The data, through the public store API. */
  g_assert_cmpuint (reslib_store_count (f->store, RESLIB_KIND_MAJOR, id, NULL), ==, 3);
  g_assert_cmpuint (reslib_store_count (f->store, RESLIB_KIND_MEMBER, id, NULL), >=, 3);
  g_assert_cmpuint (reslib_store_count (f->store, RESLIB_KIND_COURSE, id, NULL), ==, 1);
  units = reslib_store_list (f->store, RESLIB_KIND_UNIT, id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (units), ==, 4);
  for (guint i = 0; i < 4; i++)
    {
      g_autoptr(ReslibRecord) unit = g_list_model_get_item (units, i);
      gint64 rank = reslib_record_get_int (unit, "host_rank", 0);

      if (g_strcmp0 (reslib_record_get (unit, "role"), "host") == 0)
        {
          g_assert_cmpint (rank, >=, 1);
          g_assert_cmpint (rank, <=, 3);
          hosts |= 1u << rank;
        }
      g_assert_cmpuint (strlen (reslib_record_get (unit, "credit_code")), ==, 18);
    }
  g_assert_cmphex (hosts, ==, 0xe);
  resources = reslib_store_list (f->store, RESLIB_KIND_RESOURCE, id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (resources), ==, 4);
  for (guint i = 0; i < 4; i++)
    {
      g_autoptr(ReslibRecord) r = g_list_model_get_item (resources, i);
      g_autofree char *blob = reslib_store_get_blob_path (f->store, reslib_record_get (r, "blob_sha256"));
      const char * const *nodes = reslib_record_get_list (r, "nodes");
      const char * const *authors = reslib_record_get_list (r, "authors");

      g_assert_true (g_file_test (blob, G_FILE_TEST_IS_REGULAR));
      g_assert_nonnull (authors);
      g_assert_nonnull (authors[0]);
      g_assert_nonnull (reslib_record_get_list (r, "keywords"));
      if (nodes != NULL && nodes[0] != NULL)
        linked++;
      approved += g_strcmp0 (reslib_record_get (r, "state"), "approved") == 0;
      in_review += g_strcmp0 (reslib_record_get (r, "state"), "in-review") == 0;
      if (g_str_has_suffix (reslib_record_get (r, "file_name"), ".wav"))
        {
          g_assert_cmpstr (reslib_record_get (r, "type"), ==, "audio");
          g_assert_cmpint (reslib_record_get_int (r, "size", 0), >, 44);
        }
      if (g_str_has_suffix (reslib_record_get (r, "file_name"), ".svg"))
        g_assert_cmpstr (reslib_record_get (r, "type"), ==, "image");
    }
  g_assert_cmpuint (linked, ==, 4);
  g_assert_cmpuint (approved, ==, 1);
  g_assert_cmpuint (in_review, ==, 1);

  /* The window shows it. */
  window = show_window (NULL, f->store);
  g_assert_cmpstr (studio_window_get_project_id (window), ==, id);
  g_assert_cmpstr (gtk_label_get_text (child (window, "project_name_label")), ==, DEMO_NAME);
  g_assert_cmpuint (n_rows (child (window, "majors_list")), ==, 3);
  g_assert_cmpuint (n_rows (child (window, "units_list")), ==, 4);
  g_assert_true (shows_text (child (window, "units_list"), "河南精工数控机床有限公司"));
  g_assert_true (shows_text (child (window, "stats_box"), "6"));       /* knowledge and skill points */
  on_page (window, "resources");
  g_assert_cmpuint (wait_resources_shown (window, 4), ==, 4);
  g_assert_true (shows_text (child (window, "resources_view"), "数控车床结构示意图"));
  g_assert_true (shows_text (child (window, "resources_view"), "Approved"));
  g_assert_true (shows_text (child (window, "resources_view"), "In review"));
  g_assert_true (shows_text (child (window, "resources_view"), "Audio"));
  g_assert_true (shows_text (child (window, "resources_view"), "Case study"));

  close_window (window);

  /* A second demo project is a project of its own. */
  {
    g_autofree char *again = reslib_demo_create (f->store, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (again, !=, id);
    g_assert_cmpuint (reslib_store_count (f->store, RESLIB_KIND_RESOURCE, again, NULL), ==, 4);
  }
}

static void
test_window_demo_cancelled (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autofree char *id = NULL;

  g_cancellable_cancel (cancellable);
  id = reslib_demo_create (f->store, cancellable, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (id);
  /* All or nothing. */
  g_assert_cmpuint (reslib_store_count (f->store, RESLIB_KIND_PROJECT, NULL, NULL), ==, 0);
}

static void
test_window_store_error (void)
{
  g_autoptr(GError) error = g_error_new_literal (RESLIB_ERROR, RESLIB_ERROR_CORRUPT,
                                                 "The database “/x/library.db” is damaged <b>");
  StudioWindow *window = show_window (NULL, NULL);

  g_assert_null (studio_window_get_store (window));
  studio_window_show_store_error (window, error);
  g_assert_cmpstr (stack_page (window, "main_stack"), ==, "error");
  g_assert_cmpstr (adw_status_page_get_description (child (window, "error_status")), ==,
                   "The database “/x/library.db” is damaged &lt;b&gt;");
  g_assert_false (gtk_widget_is_sensitive (child (window, "create_demo_button")));

  /* Toasts and dialogs take any text. */
  studio_window_add_toast (window, "a <toast> & more");
  studio_window_show_error (window, "Heading", error);

  close_window (window);
}

static void
test_window_settings (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GSettingsSchema) schema = NULL;
  g_autoptr(GSettings) settings = NULL;
  g_autofree char *a = reslib_test_new_project (f->store, "A");
  g_autofree char *b = reslib_test_new_project (f->store, "B");
  StudioWindow *window;

  schema = g_settings_schema_source_lookup (g_settings_schema_source_get_default (), "io.github.reslib.Studio", TRUE);
  if (schema == NULL)
    {
      g_test_skip ("the GSettings schema is not compiled (GSETTINGS_SCHEMA_DIR)");
      return;
    }
  settings = g_settings_new ("io.github.reslib.Studio");

  window = show_window (NULL, f->store);
  g_assert_true (studio_window_open_project (window, b));
  g_assert_cmpstr (g_settings_get_string (settings, "last-project"), ==, b);
  gtk_window_set_default_size (GTK_WINDOW (window), 800, 600);
  studio_window_show_page (window, "courses");
  while (g_main_context_iteration (NULL, FALSE))
    ;
  gtk_window_close (GTK_WINDOW (window));
  g_assert_cmpstr (g_settings_get_string (settings, "last-page"), ==, "courses");
  g_assert_cmpint (g_settings_get_int (settings, "window-width"), ==, 800);
  g_assert_cmpint (g_settings_get_int (settings, "window-height"), ==, 600);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_finalize_object (window);

  /* The next window opens the last project, at the last size. */
  window = show_window (NULL, f->store);
  g_assert_cmpstr (studio_window_get_project_id (window), ==, b);
  {
    int w, h;
    gtk_window_get_default_size (GTK_WINDOW (window), &w, &h);
    g_assert_cmpint (w, ==, 800);
    g_assert_cmpint (h, ==, 600);
  }
  /* And on the page it showed last. */
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (studio_window_get_page (window, "courses"))));
  g_assert_false (gtk_widget_get_mapped (GTK_WIDGET (studio_window_get_page (window, "overview"))));
  close_window (window);

  /* A project that no longer exists is not opened: the first one is. */
  g_settings_set_string (settings, "last-project", "no-such-project");
  window = show_window (NULL, f->store);
  g_assert_nonnull (studio_window_get_project_id (window));
  g_assert_cmpstr (studio_window_get_project_id (window), !=, "no-such-project");
  close_window (window);

  g_settings_reset (settings, "last-project");
  g_settings_reset (settings, "last-page");
  g_settings_reset (settings, "window-width");
  g_settings_reset (settings, "window-height");
}

/* The shortcuts window of @parent, if one is open */
static GtkWindow *
find_shortcuts_window (GtkWindow *parent)
{
  g_autoptr(GList) toplevels = gtk_window_list_toplevels ();

  for (GList *l = toplevels; l != NULL; l = l->next)
    if (GTK_IS_SHORTCUTS_WINDOW (l->data) && gtk_window_get_transient_for (l->data) == parent)
      return l->data;

  return NULL;
}

/* Checks that each shortcut of @widget's tree given by its action shows the application's keys for it;
 * returns how many there are. */
static guint
assert_action_shortcuts (GtkWidget      *widget,
                         GtkApplication *app)
{
  guint n = 0;

  if (GTK_IS_SHORTCUTS_SHORTCUT (widget))
    {
      g_autofree char *action = NULL;
      g_autofree char *accelerator = NULL;

      g_object_get (widget, "action-name", &action, "accelerator", &accelerator, NULL);
      if (action != NULL)
        {
          g_auto(GStrv) accels = gtk_application_get_accels_for_action (app, action);
          g_autofree char *joined = g_strjoinv (" ", accels);

          g_assert_cmpstr (joined, !=, "");
          g_assert_cmpstr (accelerator, ==, joined);
          n++;
        }
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    n += assert_action_shortcuts (child, app);

  return n;
}

static void
test_application (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(StudioApplication) app = studio_application_new ();
  g_autoptr(GError) error = NULL;
  StudioWindow *window;

  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE | G_APPLICATION_HANDLES_COMMAND_LINE);
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);

  g_assert_true (g_action_group_has_action (G_ACTION_GROUP (app), "quit"));
  /* Hinted font metrics: GTK 4.8's GL renderer cuts glyphs drawn at unhinted positions (导入资源包). */
  {
    gboolean hinted = FALSE;

    g_object_get (gtk_settings_get_default (), "gtk-hint-font-metrics", &hinted, NULL);
    g_assert_true (hinted);
  }
  g_assert_true (g_action_group_has_action (G_ACTION_GROUP (app), "about"));
  g_assert_true (g_action_group_has_action (G_ACTION_GROUP (app), "shortcuts"));
  {
    g_auto(GStrv) accels = gtk_application_get_accels_for_action (GTK_APPLICATION (app), "app.quit");
    g_assert_true (g_strv_contains ((const char * const *) accels, "<Control>q"));
  }

  window = show_window (app, f->store);
  g_assert_true (gtk_window_get_application (GTK_WINDOW (window)) == GTK_APPLICATION (app));
  /* No hidden shortcuts window for the window's lifetime (GTK 4.8's a11y would hand it out by index and
   * crash): it is made when asked, and destroyed when closed. */
  g_assert_null (gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (window)));
  g_assert_null (find_shortcuts_window (GTK_WINDOW (window)));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-help-overlay", NULL);
  {
    GtkWindow *overlay = find_shortcuts_window (GTK_WINDOW (window));

    g_assert_nonnull (overlay);
    g_assert_true (gtk_widget_get_visible (GTK_WIDGET (overlay)));
    /* Show Shortcuts, Preferences and Quit show their keys (Ctrl+?, Ctrl+, and Ctrl+Q), in their sections
     * and in the copies GTK keeps for its search. */
    g_assert_cmpuint (assert_action_shortcuts (GTK_WIDGET (overlay), GTK_APPLICATION (app)), ==, 6);
    gtk_test_widget_wait_for_draw (GTK_WIDGET (overlay));
    studio_test_save_shot (overlay, "shortcuts-window-app");
    /* Asked again, the same window. */
    gtk_widget_activate_action (GTK_WIDGET (window), "win.show-help-overlay", NULL);
    g_assert_true (find_shortcuts_window (GTK_WINDOW (window)) == overlay);
    gtk_window_close (overlay);
    while (g_main_context_iteration (NULL, FALSE))
      ;
    g_assert_null (find_shortcuts_window (GTK_WINDOW (window)));
  }

  /* app.quit closes the windows. */
  g_action_group_activate_action (G_ACTION_GROUP (app), "quit", NULL);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_null (gtk_application_get_windows (GTK_APPLICATION (app)));
  g_assert_finalize_object (window);
}

static AdwMessageDialog *
find_dialog (void)
{
  g_autoptr(GList) toplevels = gtk_window_list_toplevels ();

  for (GList *l = toplevels; l != NULL; l = l->next)
    if (ADW_IS_MESSAGE_DIALOG (l->data) && gtk_widget_get_visible (l->data))
      return l->data;

  return NULL;
}

/* The rows of the New Project dialog, in order: name, code, major, level, start. */
static GtkWidget *
dialog_row (AdwMessageDialog *dialog,
            guint             index)
{
  GtkListBox *list = GTK_LIST_BOX (adw_message_dialog_get_extra_child (dialog));

  return GTK_WIDGET (gtk_list_box_get_row_at_index (list, (int) index));
}

static void
test_window_new_and_delete (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) projects = NULL;
  g_autoptr(ReslibRecord) project = NULL;
  g_autofree char *kept = reslib_test_new_project (f->store, "保留的资源库");
  g_autofree char *created = NULL;
  AdwMessageDialog *dialog;
  StudioWindow *window = show_window (NULL, f->store);

  /* Create is refused until the name and core major are given, and with a bad date. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.new-project", NULL);
  dialog = find_dialog ();
  g_assert_nonnull (dialog);
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "create"));
  gtk_editable_set_text (GTK_EDITABLE (dialog_row (dialog, 0)), "新建的资源库");
  gtk_editable_set_text (GTK_EDITABLE (dialog_row (dialog, 1)), "460103");
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "create"));
  gtk_editable_set_text (GTK_EDITABLE (dialog_row (dialog, 2)), "数控技术");
  g_assert_true (adw_message_dialog_get_response_enabled (dialog, "create"));
  gtk_editable_set_text (GTK_EDITABLE (dialog_row (dialog, 4)), "2026-13-40");
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "create"));
  gtk_editable_set_text (GTK_EDITABLE (dialog_row (dialog, 4)), "2026-09-01");
  adw_combo_row_set_selected (ADW_COMBO_ROW (dialog_row (dialog, 3)), 1);
  adw_message_dialog_response (dialog, "create");
  studio_test_flush ();

  created = g_strdup (studio_window_get_project_id (window));
  g_assert_cmpstr (created, !=, kept);
  project = reslib_store_get (f->store, RESLIB_KIND_PROJECT, created, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (reslib_record_get (project, "name"), ==, "新建的资源库");
  g_assert_cmpstr (reslib_record_get (project, "level"), ==, "secondary");
  g_assert_cmpstr (reslib_record_get (project, "start_date"), ==, "2026-09-01");
  g_assert_cmpstr (reslib_record_get (project, "end_date"), ==, "2027-08-31");
  g_assert_cmpstr (stack_page (window, "page_stack"), ==, "dossier");

  /* Delete, then Undo: nothing is lost. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.delete-project", NULL);
  dialog = find_dialog ();
  g_assert_nonnull (dialog);
  adw_message_dialog_response (dialog, "delete");
  studio_test_flush ();
  g_assert_cmpstr (studio_window_get_project_id (window), ==, kept);
  g_assert_cmpuint (g_list_model_get_n_items (gtk_drop_down_get_model (child (window, "project_dropdown"))), ==, 1);
  g_assert_cmpuint (reslib_store_count (f->store, RESLIB_KIND_PROJECT, NULL, &error), ==, 1);
  {
    /* The toast's Undo button, as a user would press it. */
    GtkWidget *undo = studio_test_find_button (window, "_Undo");

    if (undo == NULL)
      g_error ("No Undo button is shown");
    g_signal_emit_by_name (undo, "clicked");
  }
  studio_test_flush ();
  g_assert_cmpstr (studio_window_get_project_id (window), ==, created);
  g_assert_cmpuint (reslib_store_count (f->store, RESLIB_KIND_PROJECT, NULL, &error), ==, 2);

  /* Delete for good: the deletion is in the store at once. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.delete-project", NULL);
  adw_message_dialog_response (find_dialog (), "delete");
  studio_test_flush ();
  g_assert_cmpuint (reslib_store_count (f->store, RESLIB_KIND_PROJECT, NULL, &error), ==, 1);
  close_window (window);
  projects = reslib_store_list (f->store, RESLIB_KIND_PROJECT, NULL, &error);
  g_assert_cmpuint (g_list_model_get_n_items (projects), ==, 1);
  g_clear_object (&project);
  project = g_list_model_get_item (projects, 0);
  g_assert_cmpstr (reslib_record_get_id (project), ==, kept);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *home = NULL;
  int status;

  /* Not G_TEST_OPTION_ISOLATE_DIRS: it empties XDG_DATA_DIRS too, and GTK then
   * finds neither the MIME database (so no SVG icons) nor the icon theme. The
   * user's own folders are still kept out of the way. */
  /* A temporary folder of the test's own, so that other programs' demo folders in /tmp do not
   * count (set before anything asks GLib for the temporary folder: it keeps the first answer). */
  {
    char template[] = "/tmp/reslib-test-home-XXXXXX";

    g_assert_nonnull (g_mkdtemp (template));
    home = g_strdup (template);
  }
  {
    g_autofree char *tmp = g_build_filename (home, "tmp", NULL);

    g_mkdir_with_parents (tmp, 0700);
    g_setenv ("TMPDIR", tmp, TRUE);
  }
  for (guint i = 0; i < 4; i++)
    {
      const char *vars[] = { "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_DATA_HOME", "XDG_STATE_HOME" };
      g_autofree char *dir = g_build_filename (home, vars[i], NULL);

      g_mkdir_with_parents (dir, 0700);
      g_setenv (vars[i], dir, TRUE);
    }

  g_test_init (&argc, &argv, NULL);
  studio_test_use_own_display ();
  /* The C locale, or STUDIO_TEST_SHOT_LOCALE's for the pictures (the shortcuts window's). */
  studio_test_set_locale ();

  if (!gtk_init_check ())
    {
      g_print ("1..0 # SKIP no display\n");
      reslib_test_rm_rf (home);
      return 0;
    }
  adw_init ();
  reslib_core_init ();
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);

  g_test_add ("/studio/window/project", Fixture, NULL, fixture_setup, test_window_project, fixture_teardown);
  g_test_add ("/studio/window/accessible", Fixture, NULL, fixture_setup, test_window_accessible, fixture_teardown);
  g_test_add ("/studio/window/switch-project", Fixture, NULL, fixture_setup, test_window_switch_project,
              fixture_teardown);
  g_test_add ("/studio/window/badge", Fixture, NULL, fixture_setup, test_window_badge, fixture_teardown);
  g_test_add ("/studio/window/empty-store", Fixture, NULL, fixture_setup, test_window_empty_store, fixture_teardown);
  g_test_add ("/studio/window/new-and-delete", Fixture, NULL, fixture_setup, test_window_new_and_delete,
              fixture_teardown);
  g_test_add ("/studio/window/demo", Fixture, NULL, fixture_setup, test_window_demo, fixture_teardown);
  g_test_add ("/studio/demo/cancelled", Fixture, NULL, fixture_setup, test_window_demo_cancelled, fixture_teardown);
  g_test_add_func ("/studio/window/store-error", test_window_store_error);
  g_test_add ("/studio/window/settings", Fixture, NULL, fixture_setup, test_window_settings, fixture_teardown);
  g_test_add ("/studio/application/actions", Fixture, NULL, fixture_setup, test_application, fixture_teardown);

  status = g_test_run ();
  reslib_test_rm_rf (home);

  return status;
}
