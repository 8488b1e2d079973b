/* test-resources.c — Resources page, in process, against a temporary store
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <sys/stat.h>

#include "reslib-probe.h"
#include "reslib-store-checks.h"
#include "reslib-store-resource-rows.h"
#include "studio-resources-page-private.h"
#include "studio-test-utils.h"


typedef struct
{
  char                *dir;
  ReslibStore         *store;
  char                *project;
  StudioWindow        *window;
  StudioResourcesPage *page;
  GListModel          *shown;     /* what the column view shows */
  guint                expected;
  const char          *text;
  GPtrArray           *strings;   /* kept until the end of the test */
  GPtrArray           *toasts;    /* the titles of the toasts shown */
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *data_dir = NULL;

  f->dir = reslib_test_make_tmp_dir ("reslib-resources-XXXXXX");
  data_dir = g_build_filename (f->dir, "data", NULL);
  f->store = reslib_test_open_store (data_dir);
  f->project = reslib_test_new_project (f->store, "页面测试资源库");
  f->strings = g_ptr_array_new_with_free_func (g_free);
  f->toasts = g_ptr_array_new_with_free_func (g_free);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  if (f->window != NULL)
    studio_test_close_window (f->window);
  g_ptr_array_unref (f->strings);
  g_ptr_array_unref (f->toasts);
  g_clear_object (&f->store);
  reslib_test_rm_rf (f->dir);
  g_free (f->dir);
  g_free (f->project);
}

static void
add_toast_cb (StudioSession *session,
              AdwToast      *toast,
              Fixture       *f)
{
  g_ptr_array_add (f->toasts, g_strdup (adw_toast_get_title (toast)));
}

/* Shows the window on the Resources page. */
static void
show_page (Fixture *f)
{
  GtkColumnView *view;

  f->window = studio_test_show_window (f->store);
  g_signal_connect (studio_window_get_session (f->window), "add-toast", G_CALLBACK (add_toast_cb), f);
  studio_window_show_page (f->window, "resources");
  studio_test_flush ();
  f->page = STUDIO_RESOURCES_PAGE (studio_window_get_page (f->window, "resources"));
  view = studio_test_page_child (f->window, "resources", "resources_view");
  f->shown = G_LIST_MODEL (gtk_column_view_get_model (view));
  g_assert_cmpstr (studio_window_get_project_id (f->window), ==, f->project);
}

static gpointer
child (Fixture    *f,
       const char *name)
{
  return studio_test_page_child (f->window, "resources", name);
}

static gboolean
shows_expected_cb (gpointer data)
{
  Fixture *f = data;

  return g_list_model_get_n_items (f->shown) == f->expected;
}

static void
wait_for_rows (Fixture *f,
               guint    n)
{
  f->expected = n;
  if (!studio_test_wait_until (shows_expected_cb, f, 10000))
    g_error ("The page shows %u resources, not %u", g_list_model_get_n_items (f->shown), n);
}

static guint
store_count (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  guint n = reslib_store_count (f->store, RESLIB_KIND_RESOURCE, f->project, &error);

  g_assert_no_error (error);
  return n;
}

static ReslibRecord *
get_record (Fixture    *f,
            const char *id)
{
  g_autoptr(GError) error = NULL;
  ReslibRecord *record = reslib_store_get (f->store, RESLIB_KIND_RESOURCE, id, &error);

  g_assert_no_error (error);
  return record;
}

static const char *
shown_id (Fixture *f,
          guint    position)
{
  g_autoptr(ReslibResourceRow) row = g_list_model_get_item (f->shown, position);

  /* The view's items are the page's own, made when asked for: keep the id. */
  g_assert_nonnull (row);
  g_ptr_array_add (f->strings, g_strdup (reslib_resource_row_get_id (row)));
  return g_ptr_array_index (f->strings, f->strings->len - 1);
}

static char *
shown_title (Fixture *f,
             guint    position)
{
  g_autoptr(ReslibResourceRow) row = g_list_model_get_item (f->shown, position);

  g_assert_nonnull (row);
  return g_strdup (reslib_resource_row_get_title (row));
}

/* The same, kept until the end of the test. */
static const char *
shown_title_kept (Fixture *f,
                  guint    position)
{
  g_ptr_array_add (f->strings, shown_title (f, position));
  return g_ptr_array_index (f->strings, f->strings->len - 1);
}

static void
select_rows (Fixture *f,
             guint    first,
             guint    n)
{
  g_assert_true (gtk_selection_model_select_range (GTK_SELECTION_MODEL (f->shown), first, n, TRUE));
  studio_test_flush ();
}

static void
activate (Fixture    *f,
          const char *action)
{
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), action, NULL));
  studio_test_flush ();
}

/* ---------------------------------------------------------------------------------------------- */

static void
test_empty_state (Fixture       *f,
                  gconstpointer  data)
{
  GtkStack *stack;

  show_page (f);
  stack = child (f, "resources_stack");
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "empty");
  g_assert_nonnull (studio_test_find_labelled (gtk_stack_get_child_by_name (stack, "empty"), "Import Files"));
  g_assert_nonnull (studio_test_find_labelled (gtk_stack_get_child_by_name (stack, "empty"), "Import Folder"));
  /* The buttons say what they do in words, not only with an icon. */
  g_assert_true (studio_test_shows_text (gtk_stack_get_child_by_name (stack, "empty"), "Import Files"));
  g_assert_true (studio_test_shows_text (gtk_stack_get_child_by_name (stack, "empty"), "Import Folder"));
  /* Its tooltip wraps at a readable width (GTK 4.8 breaks Chinese ones after every character). */
  g_assert_nonnull (g_object_get_data (G_OBJECT (studio_test_find_labelled (gtk_stack_get_child_by_name (stack, "empty"),
                                                                            "Import Files")),
                                       "studio-tooltip-wrapped"));
  /* Ctrl+I works on the empty page: the page shown holds the focus, where its shortcuts are. */
  g_assert_true (gtk_root_get_focus (GTK_ROOT (f->window)) == GTK_WIDGET (f->page));
}

static gboolean
import_done_cb (gpointer data)
{
  Fixture *f = data;

  return !gtk_revealer_get_reveal_child (child (f, "import_revealer")) && g_list_model_get_n_items (f->shown) == f->expected;
}

static void
wait_for_import (Fixture *f,
                 guint    n)
{
  f->expected = n;
  if (!studio_test_wait_until (import_done_cb, f, 20000))
    g_error ("The import did not end with %u resources shown (%u are)", n, g_list_model_get_n_items (f->shown));
}

static GtkDropTarget *
find_drop_target (GtkWidget *widget)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_DROP_TARGET (controller))
        return GTK_DROP_TARGET (controller);
    }

  return NULL;
}

static gboolean
title_shown (Fixture    *f,
             const char *title)
{
  for (guint i = 0; i < g_list_model_get_n_items (f->shown); i++)
    {
      g_autoptr(ReslibResourceRow) row = g_list_model_get_item (f->shown, i);

      if (g_strcmp0 (reslib_resource_row_get_title (row), title) == 0)
        return TRUE;
    }

  return FALSE;
}

static void
test_import (Fixture       *f,
             gconstpointer  data)
{
  g_autofree char *files_dir = g_build_filename (f->dir, "files", NULL);
  g_autofree char *folder = g_build_filename (f->dir, "files", "教案", NULL);
  g_autofree char *a = NULL, *b = NULL, *c = NULL, *d = NULL, *e = NULL;
  GSList *list = NULL;
  GtkDropTarget *drop;
  GdkClipboard *clipboard;
  gboolean accepted = FALSE;

  g_assert_cmpint (g_mkdir_with_parents (folder, 0700), ==, 0);
  a = reslib_test_write_file (files_dir, "数控车床安全操作规程.txt", "安全第一，规范操作。\n", -1);
  b = reslib_test_write_file (folder, "外圆车削.md", "# 外圆车削\n\n先对刀，再车削。\n", -1);
  c = reslib_test_write_file (folder, "螺纹加工.md", "# 螺纹加工\n", -1);
  show_page (f);

  /* What the file chooser calls: a file and a folder (read recursively). */
  list = g_slist_append (list, g_file_new_for_path (a));
  list = g_slist_append (list, g_file_new_for_path (folder));
  g_assert_true (studio_resources_page_import (f->page, list));
  g_assert_true (gtk_revealer_get_reveal_child (child (f, "import_revealer")));
  g_slist_free_full (list, g_object_unref);
  wait_for_import (f, 3);
  g_assert_cmpuint (store_count (f), ==, 3);
  g_assert_true (g_ptr_array_find_with_equal_func (f->toasts, "Imported 3 files", g_str_equal, NULL));
  g_assert_true (title_shown (f, "数控车床安全操作规程"));
  g_assert_true (title_shown (f, "外圆车削"));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (child (f, "resources_stack")), ==, "list");

  /* A drop: the page's GtkDropTarget gets a file list. */
  d = reslib_test_write_file (files_dir, "刀具参数表.csv", "刀具,转速\nT01,800\n", -1);
  drop = find_drop_target (GTK_WIDGET (f->page));
  g_assert_nonnull (drop);
  {
    g_autoptr(GFile) file = g_file_new_for_path (d);
    GSList *files = g_slist_append (NULL, file);
    g_auto(GValue) value = G_VALUE_INIT;

    g_value_init (&value, GDK_TYPE_FILE_LIST);
    g_value_take_boxed (&value, gdk_file_list_new_from_list (files));
    g_signal_emit_by_name (drop, "drop", &value, 10.0, 10.0, &accepted);
    g_slist_free (files);
  }
  g_assert_true (accepted);
  wait_for_import (f, 4);
  g_assert_true (title_shown (f, "刀具参数表"));
  /* One file: the singular. */
  studio_test_flush ();
  g_assert_true (g_ptr_array_find_with_equal_func (f->toasts, "Imported 1 file", g_str_equal, NULL));

  /* A paste (Ctrl+V) of files copied in a file manager. */
  e = reslib_test_write_file (files_dir, "测量记录.txt", "外径 49.98\n", -1);
  clipboard = gtk_widget_get_clipboard (GTK_WIDGET (f->page));
  {
    g_autoptr(GFile) file = g_file_new_for_path (e);
    GSList *files = g_slist_append (NULL, file);
    GdkFileList *file_list = gdk_file_list_new_from_list (files);

    gdk_clipboard_set (clipboard, GDK_TYPE_FILE_LIST, file_list);
    g_boxed_free (GDK_TYPE_FILE_LIST, file_list);
    g_slist_free (files);
  }
  activate (f, "resources.paste");
  wait_for_import (f, 5);
  g_assert_true (title_shown (f, "测量记录"));
  g_assert_cmpuint (store_count (f), ==, 5);
}

static int
compare_texts (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* The titles of the selected rows, sorted, joined by "|". */
static char *
selected_titles (Fixture *f)
{
  g_autoptr(GtkBitset) bitset = gtk_selection_model_get_selection (GTK_SELECTION_MODEL (f->shown));
  g_autoptr(GPtrArray) titles = g_ptr_array_new_with_free_func (g_free);
  GtkBitsetIter iter;
  guint position;

  if (gtk_bitset_iter_init_first (&iter, bitset, &position))
    do
      {
        g_autoptr(ReslibResourceRow) row = g_list_model_get_item (f->shown, position);

        g_ptr_array_add (titles, g_strdup (reslib_resource_row_get_title (row)));
      }
    while (gtk_bitset_iter_next (&iter, &position));
  g_ptr_array_sort (titles, compare_texts);
  g_ptr_array_add (titles, NULL);

  return g_strjoinv ("|", (char **) titles->pdata);
}

static gboolean
dialog_shown_cb (gpointer data)
{
  return studio_test_find_dialog () != NULL;
}

/* After an import: the new resources are selected; files with the same content as a resource of the
 * project are named in a summary with the resource they repeat, with the files that could not be read (and
 * why) and hidden files skipped, and "Remove N Duplicates" takes them out in one step that Undo brings back. */
static void
test_import_summary (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *files_dir = g_build_filename (f->dir, "files", NULL);
  g_autofree char *folder = g_build_filename (f->dir, "files", "第二批", NULL);
  g_autofree char *a = NULL, *b = NULL, *c = NULL, *hidden = NULL, *fifo = NULL;
  AdwMessageDialog *dialog;
  g_autofree char *titles = NULL;
  GSList *list = NULL;

  a = reslib_test_write_file (files_dir, "安全操作规程.txt", "安全第一，规范操作。\n", -1);
  b = reslib_test_write_file (folder, "安全操作规程（副本）.txt", "安全第一，规范操作。\n", -1);
  c = reslib_test_write_file (folder, "螺纹加工.md", "# 螺纹加工\n", -1);
  hidden = reslib_test_write_file (folder, ".DS_Store", "finder", -1);
  fifo = g_build_filename (folder, "录像管道", NULL);
  g_assert_cmpint (mkfifo (fifo, 0600), ==, 0);
  reslib_test_fill_resources (f->store, f->project, 3, FALSE);
  show_page (f);
  wait_for_rows (f, 3);

  /* No duplicate: a toast, no summary; the new resource is selected. */
  list = g_slist_append (NULL, g_file_new_for_path (a));
  g_assert_true (studio_resources_page_import (f->page, list));
  g_slist_free_full (list, g_object_unref);
  wait_for_import (f, 4);
  studio_test_flush ();
  g_assert_null (studio_test_find_dialog ());
  titles = selected_titles (f);
  g_assert_cmpstr (titles, ==, "安全操作规程");
  g_clear_pointer (&titles, g_free);

  /* The folder: one duplicate, one new file, one hidden file, one that cannot be read (a FIFO). */
  gtk_editable_set_text (GTK_EDITABLE (child (f, "search_entry")), "不存在的词");
  list = g_slist_append (NULL, g_file_new_for_path (folder));
  g_assert_true (studio_resources_page_import (f->page, list));
  g_slist_free_full (list, g_object_unref);
  g_assert_true (studio_test_wait_until (dialog_shown_cb, NULL, 20000));
  dialog = studio_test_find_dialog ();
  wait_for_rows (f, 6);
  studio_test_save_shot (f->window, "import-summary-window");
  studio_test_save_shot (dialog, "import-summary");
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "2 Files Imported");
  g_test_message ("summary: %s", adw_message_dialog_get_body (dialog));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog),
                            "安全操作规程（副本）.txt, the same as “安全操作规程”"));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "1 hidden file or link to a folder was skipped"));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "1 file failed (it could not be read):\n• “"));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "录像管道” is not a regular file"));
  g_assert_true (adw_message_dialog_has_response (dialog, "remove"));
  g_assert_cmpstr (adw_message_dialog_get_response_label (dialog, "remove"), ==, "_Remove 1 Duplicate");
  /* The new ones are selected, with the search that hid them cleared. */
  titles = selected_titles (f);
  g_assert_cmpstr (titles, ==, "安全操作规程（副本）|螺纹加工");
  g_clear_pointer (&titles, g_free);
  /* In the order of the files (the folder's by name), after the others. */
  titles = g_strconcat (shown_title_kept (f, 4), "|", shown_title_kept (f, 5), NULL);
  g_assert_cmpstr (titles, ==, "安全操作规程（副本）|螺纹加工");
  g_clear_pointer (&titles, g_free);
  g_assert_cmpuint (store_count (f), ==, 6);

  studio_test_respond (dialog, "remove");
  wait_for_rows (f, 5);
  g_assert_cmpuint (store_count (f), ==, 5);
  g_assert_false (title_shown (f, "安全操作规程（副本）"));
  g_assert_true (title_shown (f, "螺纹加工"));
  g_assert_nonnull (studio_test_find_button (f->window, "_Undo"));
  activate (f, "win.undo");
  wait_for_rows (f, 6);
  g_assert_true (title_shown (f, "安全操作规程（副本）"));
}

/* An import's resources are listed in the order of its files (a folder's by name), as the store reads
 * them, not in the order the page heard of them. */
static void
test_import_order (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *folder = g_build_filename (f->dir, "files", "课件", NULL);
  GSList *list = NULL;

  for (guint i = 0; i < 12; i++)
    {
      g_autofree char *name = g_strdup_printf ("第%02u节.txt", i + 1);
      g_autofree char *content = g_strdup_printf ("第 %u 节的内容\n", i + 1);

      g_free (reslib_test_write_file (folder, name, content, -1));
    }
  reslib_test_fill_resources (f->store, f->project, 2, FALSE);
  show_page (f);
  wait_for_rows (f, 2);
  list = g_slist_append (NULL, g_file_new_for_path (folder));
  g_assert_true (studio_resources_page_import (f->page, list));
  g_slist_free_full (list, g_object_unref);
  wait_for_import (f, 14);
  for (guint i = 0; i < 12; i++)
    {
      g_autofree char *expected = g_strdup_printf ("第%02u节", i + 1);
      g_autofree char *title = shown_title (f, 2 + i);

      g_assert_cmpstr (title, ==, expected);
    }
}

static void
test_import_error (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *missing = g_build_filename (f->dir, "no-such-file.txt", NULL);
  GSList *list = g_slist_append (NULL, g_file_new_for_path (missing));

  reslib_test_fill_resources (f->store, f->project, 2, FALSE);
  show_page (f);
  wait_for_rows (f, 2);
  g_assert_true (studio_resources_page_import (f->page, list));
  g_slist_free_full (list, g_object_unref);
  wait_for_import (f, 2);
  g_assert_cmpuint (store_count (f), ==, 2);
}

static void
test_filters (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GHashTable) types = NULL;
  g_autoptr(GError) error = NULL;
  GtkDropDown *type_filter, *state_filter;
  guint video = 0, n_video;

  reslib_test_fill_resources (f->store, f->project, 30, FALSE);
  show_page (f);
  wait_for_rows (f, 30);

  types = reslib_store_count_resources_by (f->store, f->project, "type", &error);
  g_assert_no_error (error);
  n_video = GPOINTER_TO_UINT (g_hash_table_lookup (types, "video"));
  g_assert_cmpuint (n_video, >, 0);
  g_assert_cmpuint (n_video, <, 30);
  for (guint i = 0; reslib_resource_types[i] != NULL; i++)
    if (g_str_equal (reslib_resource_types[i], "video"))
      video = i + 1;

  type_filter = child (f, "type_filter");
  g_assert_true (type_filter == (gpointer) studio_test_find_labelled (f->page, "Type filter"));
  gtk_drop_down_set_selected (type_filter, video);
  wait_for_rows (f, n_video);
  for (guint i = 0; i < n_video; i++)
    {
      g_autoptr(ReslibResourceRow) row = g_list_model_get_item (f->shown, i);

      g_assert_cmpstr (reslib_resource_row_get_kind (row), ==, "video");
    }
  gtk_drop_down_set_selected (type_filter, 0);
  wait_for_rows (f, 30);

  /* Two in review, by the store: the state filter shows exactly them. */
  g_assert_true (reslib_store_review (f->store, (const char * const[]) { shown_id (f, 3), shown_id (f, 7), NULL },
                                      RESLIB_REVIEW_SUBMIT, NULL, &error));
  g_assert_no_error (error);
  state_filter = GTK_DROP_DOWN (studio_test_find_labelled (f->page, "State filter"));
  g_assert_true (state_filter == child (f, "state_filter"));
  gtk_drop_down_set_selected (state_filter, 2);   /* draft, in-review, … */
  wait_for_rows (f, 2);
  {
    g_autoptr(ReslibResourceRow) row = g_list_model_get_item (f->shown, 0);

    g_assert_cmpstr (reslib_resource_row_get_state (row), ==, "in-review");
  }
  gtk_drop_down_set_selected (state_filter, 0);
  wait_for_rows (f, 30);
}

static void
test_course_filter (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *course = NULL, *node = NULL;
  GtkDropDown *course_filter;

  reslib_test_fill_resources (f->store, f->project, 10, FALSE);
  course = reslib_store_insert (f->store, RESLIB_KIND_COURSE,
                                (const char * const[]) { "project_id", "title", NULL },
                                (const char * const[]) { f->project, "数控车削编程", NULL }, &error);
  g_assert_no_error (error);
  node = reslib_store_insert (f->store, RESLIB_KIND_NODE,
                              (const char * const[]) { "project_id", "course_id", "kind", "title", NULL },
                              (const char * const[]) { f->project, course, "knowledge", "G01 直线插补", NULL }, &error);
  g_assert_no_error (error);
  show_page (f);
  wait_for_rows (f, 10);
  g_assert_true (reslib_store_set_list (f->store, shown_id (f, 4), "nodes", (const char * const[]) { node, NULL }, &error));
  g_assert_no_error (error);

  course_filter = GTK_DROP_DOWN (studio_test_find_labelled (f->page, "Course filter"));
  g_assert_true (course_filter == child (f, "course_filter"));
  g_assert_cmpuint (g_list_model_get_n_items (gtk_drop_down_get_model (course_filter)), ==, 2);
  gtk_drop_down_set_selected (course_filter, 1);
  wait_for_rows (f, 1);
  gtk_drop_down_set_selected (course_filter, 0);
  wait_for_rows (f, 10);
}

static gboolean
search_applied_cb (gpointer data)
{
  Fixture *f = data;

  return g_strcmp0 (studio_resources_page_get_applied_search (f->page), f->text) == 0;
}

static void
search_for (Fixture    *f,
            const char *text)
{
  GtkEditable *entry = GTK_EDITABLE (child (f, "search_entry"));

  f->text = text;
  gtk_editable_set_text (entry, text);
  g_assert_true (studio_test_wait_until (search_applied_cb, f, 5000));
}

static void
test_search (Fixture       *f,
             gconstpointer  data)
{
  static const char * const queries[] = { "lathe", "数控", "1", "resource-00001", "lathe 数控", "没有这个词" };

  reslib_test_fill_resources (f->store, f->project, 60, FALSE);
  show_page (f);
  wait_for_rows (f, 60);
  g_assert_true (studio_test_find_labelled (f->page, "Search resources") == child (f, "search_entry"));

  for (guint q = 0; q < G_N_ELEMENTS (queries); q++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GListModel) expected = reslib_store_search (f->store, f->project, queries[q], 0, &error);
      g_autoptr(GHashTable) ids = g_hash_table_new (g_str_hash, g_str_equal);

      g_assert_no_error (error);
      /* Typing: the prefixes first, as a person would. */
      search_for (f, "la");
      search_for (f, queries[q]);
      g_assert_cmpuint (g_list_model_get_n_items (f->shown), ==, g_list_model_get_n_items (expected));
      for (guint i = 0; i < g_list_model_get_n_items (expected); i++)
        {
          g_autoptr(ReslibRecord) record = g_list_model_get_item (expected, i);

          g_hash_table_add (ids, (gpointer) reslib_record_get_id (record));
        }
      for (guint i = 0; i < g_list_model_get_n_items (f->shown); i++)
        g_assert_true (g_hash_table_contains (ids, shown_id (f, i)));
    }
  g_assert_cmpuint (g_list_model_get_n_items (f->shown), ==, 0);
  /* Nothing found: an empty state says so, in place of a blank list. */
  g_assert_cmpstr (gtk_stack_get_visible_child_name (child (f, "list_stack")), ==, "no-results");
  {
    GtkWidget *status = gtk_stack_get_child_by_name (child (f, "list_stack"), "no-results");

    g_assert_true (gtk_widget_get_mapped (status));
    g_assert_cmpstr (adw_status_page_get_title (ADW_STATUS_PAGE (status)), ==, "No Matching Resources");
  }
  search_for (f, "");
  g_assert_cmpuint (g_list_model_get_n_items (f->shown), ==, 60);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (child (f, "list_stack")), ==, "rows");
}

static GtkLabel *
find_label (GtkWidget  *widget,
            const char *text)
{
  if (GTK_IS_LABEL (widget) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), text) == 0)
    return GTK_LABEL (widget);
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      GtkLabel *found = find_label (c, text);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/* A search or a sort changes what the cells on screen say: the same widgets, which show the new rows;
 * the selection of a row that is no longer there goes. */
static void
test_search_keeps_cells (Fixture       *f,
                         gconstpointer  data)
{
  GtkWidget *view;
  GtkColumnViewColumn *title_column;
  g_autofree char *first = NULL;
  g_autofree char *found = NULL;
  GtkLabel *cell;
  guint n;

  reslib_test_fill_resources (f->store, f->project, 60, FALSE);
  show_page (f);
  wait_for_rows (f, 60);
  studio_test_flush ();
  view = child (f, "resources_view");
  first = shown_title (f, 0);
  cell = find_label (view, first);
  g_assert_nonnull (cell);
  g_object_ref (cell);
  select_rows (f, 0, 1);
  g_assert_cmpuint (gtk_bitset_get_size (gtk_selection_model_get_selection (GTK_SELECTION_MODEL (f->shown))), ==, 1);

  search_for (f, "resource-000059");
  g_assert_cmpuint (g_list_model_get_n_items (f->shown), ==, 1);
  studio_test_flush ();
  found = shown_title (f, 0);
  g_assert_cmpstr (found, !=, first);
  g_assert_true (gtk_widget_get_root (GTK_WIDGET (cell)) != NULL);
  g_assert_cmpstr (gtk_label_get_text (cell), ==, found);
  g_assert_cmpuint (gtk_bitset_get_size (gtk_selection_model_get_selection (GTK_SELECTION_MODEL (f->shown))), ==, 0);

  /* Sorted by title, one way then the other: the same cells, the rows in reverse. */
  search_for (f, "");
  wait_for_rows (f, 60);
  title_column = g_list_model_get_item (gtk_column_view_get_columns (GTK_COLUMN_VIEW (view)), 0);
  gtk_column_view_sort_by_column (GTK_COLUMN_VIEW (view), title_column, GTK_SORT_ASCENDING);
  studio_test_flush ();
  n = g_list_model_get_n_items (f->shown);
  g_assert_cmpuint (n, ==, 60);
  {
    g_autoptr(GPtrArray) ascending = g_ptr_array_new_with_free_func (g_free);
    g_autofree char *top = NULL;

    for (guint i = 0; i < n; i++)
      g_ptr_array_add (ascending, shown_title (f, i));
    /* In the order of the user's language, whatever the case. */
    for (guint i = 1; i < n; i++)
      {
        g_autofree char *x = g_utf8_casefold (g_ptr_array_index (ascending, i - 1), -1);
        g_autofree char *y = g_utf8_casefold (g_ptr_array_index (ascending, i), -1);

        g_assert_cmpint (g_utf8_collate (x, y), <=, 0);
      }
    gtk_column_view_sort_by_column (GTK_COLUMN_VIEW (view), title_column, GTK_SORT_DESCENDING);
    studio_test_flush ();
    for (guint i = 0; i < n; i++)
      {
        g_autofree char *title = shown_title (f, i);

        g_assert_cmpstr (title, ==, g_ptr_array_index (ascending, n - 1 - i));
      }
    top = shown_title (f, 0);
    g_assert_true (gtk_widget_get_root (GTK_WIDGET (cell)) != NULL);
    g_assert_cmpstr (gtk_label_get_text (cell), ==, top);
  }
  g_object_unref (title_column);
  g_object_unref (cell);
}

static void
test_edit_detail (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(ReslibRecord) before = NULL;
  g_autoptr(ReslibRecord) after = NULL;
  g_autoptr(ReslibRecord) refused = NULL;
  g_autofree char *id = NULL;
  GtkWidget *detail, *title, *authors;
  GtkLabel *error_label;

  reslib_test_fill_resources (f->store, f->project, 5, FALSE);
  show_page (f);
  wait_for_rows (f, 5);
  id = g_strdup (shown_id (f, 2));
  before = get_record (f, id);
  select_rows (f, 2, 1);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (child (f, "detail_stack")), ==, "one");

  detail = child (f, "detail_list");
  title = studio_test_find_labelled (detail, "Title");
  g_assert_true (ADW_IS_ENTRY_ROW (title));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (title)), ==, reslib_record_get (before, "title"));
  for (const char * const *name = (const char * const[]) { "Type", "Authors", "Unit", "Origin", "Licence", "Keywords",
                                                           "Description", "Course nodes", NULL }; *name; name++)
    if (studio_test_find_labelled (detail, *name) == NULL)
      g_error ("The detail pane has no field “%s”", *name);

  gtk_editable_set_text (GTK_EDITABLE (title), "数控车床对刀操作");
  g_signal_emit_by_name (title, "apply");
  studio_test_flush ();
  after = get_record (f, id);
  g_assert_cmpstr (reslib_record_get (after, "title"), ==, "数控车床对刀操作");
  g_assert_true (title_shown (f, "数控车床对刀操作"));

  /* The description is a text view of several lines, written when the focus leaves it. */
  studio_test_text_view_type (studio_test_find_labelled (detail, "Description"), "第一行\n第二行");
  g_clear_object (&after);
  after = get_record (f, id);
  g_assert_cmpstr (reslib_record_get (after, "description"), ==, "第一行\n第二行");
  activate (f, "win.undo");
  g_clear_object (&after);
  after = get_record (f, id);
  g_assert_cmpstr (reslib_record_get (after, "description"), ==, reslib_record_get (before, "description"));

  authors = studio_test_find_labelled (detail, "Authors");
  gtk_editable_set_text (GTK_EDITABLE (authors), "李敏, 张伟");
  g_signal_emit_by_name (authors, "apply");
  studio_test_flush ();
  g_clear_object (&after);
  after = get_record (f, id);
  g_assert_cmpstrv (reslib_record_get_list (after, "authors"), ((const char * const[]) { "李敏", "张伟", NULL }));

  /* A title cannot be cleared: the core's message shows, the store keeps the title. */
  error_label = child (f, "detail_error");
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (error_label)));
  title = studio_test_find_labelled (detail, "Title");
  gtk_editable_set_text (GTK_EDITABLE (title), "   ");
  g_signal_emit_by_name (title, "apply");
  studio_test_flush ();
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (error_label)));
  g_assert_cmpstr (gtk_label_get_text (error_label), !=, "");
  g_assert_true (gtk_widget_has_css_class (title, "error"));
  refused = get_record (f, id);
  g_assert_cmpstr (reslib_record_get (refused, "title"), ==, "数控车床对刀操作");
  g_assert_cmpstr (reslib_record_get (refused, "updated_at"), ==, reslib_record_get (after, "updated_at"));
  /* What was typed stays, to be corrected. */
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (title)), ==, "   ");

  /* Ctrl+Z takes the edits back, the newest first; the refused one was none. */
  activate (f, "win.undo");
  g_clear_object (&after);
  after = get_record (f, id);
  g_assert_cmpstr (reslib_record_get (after, "title"), ==, "数控车床对刀操作");
  g_assert_cmpstrv (reslib_record_get_list (after, "authors"), reslib_record_get_list (before, "authors"));
  activate (f, "win.undo");
  g_clear_object (&after);
  after = get_record (f, id);
  g_assert_cmpstr (reslib_record_get (after, "title"), ==, reslib_record_get (before, "title"));
  g_assert_cmpstr (reslib_record_get (after, "updated_at"), ==, reslib_record_get (before, "updated_at"));
  g_assert_true (title_shown (f, reslib_record_get (before, "title")));
  /* And Shift+Ctrl+Z does it again */
  activate (f, "win.redo");
  g_clear_object (&after);
  after = get_record (f, id);
  g_assert_cmpstr (reslib_record_get (after, "title"), ==, "数控车床对刀操作");
}

/* A list field of the detail pane takes the commas Chinese input methods type: "，" and "、" separate
 * items as "," does. */
static void
test_edit_list_typed (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(ReslibRecord) after = NULL;
  g_autofree char *id = NULL;
  GtkWidget *authors;

  reslib_test_fill_resources (f->store, f->project, 3, FALSE);
  show_page (f);
  wait_for_rows (f, 3);
  id = g_strdup (shown_id (f, 1));
  select_rows (f, 1, 1);

  authors = studio_test_find_labelled (child (f, "detail_list"), "Authors");
  gtk_editable_set_text (GTK_EDITABLE (authors), "李敏，张伟、王芳");
  g_signal_emit_by_name (authors, "apply");
  studio_test_flush ();
  after = get_record (f, id);
  g_assert_cmpstrv (reslib_record_get_list (after, "authors"), ((const char * const[]) { "李敏", "张伟", "王芳", NULL }));
}

static void
test_bulk_edit (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *course = NULL, *node = NULL;
  g_autoptr(ReslibRecord) untouched = NULL;
  GtkWindow *dialog;
  GtkWidget *type, *author;
  GtkWindow *picker;
  ReslibRecord *originals[3];
  char *ids[3];
  guint video = 0;

  reslib_test_fill_resources (f->store, f->project, 6, FALSE);
  course = reslib_store_insert (f->store, RESLIB_KIND_COURSE,
                                (const char * const[]) { "project_id", "title", NULL },
                                (const char * const[]) { f->project, "数控铣削", NULL }, &error);
  g_assert_no_error (error);
  node = reslib_store_insert (f->store, RESLIB_KIND_NODE,
                              (const char * const[]) { "project_id", "course_id", "kind", "title", NULL },
                              (const char * const[]) { f->project, course, "skill", "平面铣削", NULL }, &error);
  g_assert_no_error (error);
  show_page (f);
  wait_for_rows (f, 6);
  for (guint i = 0; i < 3; i++)
    {
      ids[i] = g_strdup (shown_id (f, i + 1));
      originals[i] = get_record (f, ids[i]);
    }
  select_rows (f, 1, 3);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (child (f, "detail_stack")), ==, "many");

  g_assert_nonnull (studio_test_find_labelled (f->page, "Edit Selected"));
  activate (f, "resources.edit-selected");
  dialog = studio_resources_page_get_bulk_dialog (f->page);
  g_assert_nonnull (dialog);
  for (guint i = 0; reslib_resource_types[i] != NULL; i++)
    if (g_str_equal (reslib_resource_types[i], "video"))
      video = i + 1;
  type = studio_test_find_labelled (dialog, "Type");
  author = studio_test_find_labelled (dialog, "Author");
  g_assert_nonnull (studio_test_find_labelled (dialog, "Unit"));
  g_assert_nonnull (studio_test_find_labelled (dialog, "Origin"));
  adw_combo_row_set_selected (ADW_COMBO_ROW (type), video);
  /* The course nodes: chosen in the picker the dialog opens. */
  g_signal_emit_by_name (studio_test_find_button (dialog, "C_hoose…"), "clicked");
  studio_test_flush ();
  picker = studio_resources_page_get_node_picker (f->page);
  g_assert_nonnull (picker);
  g_assert_true (studio_node_picker_set_checked (STUDIO_NODE_PICKER (picker), node, TRUE));
  /* As its Apply button does (the Edit Selected dialog stays open below it). */
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (picker), "apply");
  gtk_window_close (picker);
  studio_test_flush ();
  gtk_editable_set_text (GTK_EDITABLE (author), "王老师");
  /* Every field the checks ask for: description, keywords (a typed list), licence and its holder. */
  gtk_editable_set_text (GTK_EDITABLE (studio_test_find_labelled (dialog, "Description")), "数控铣削的操作演示");
  gtk_editable_set_text (GTK_EDITABLE (studio_test_find_labelled (dialog, "Keywords")), "数控，铣削、安全");
  gtk_editable_set_text (GTK_EDITABLE (studio_test_find_labelled (dialog, "Licence")), "CC BY-NC 4.0");
  gtk_editable_set_text (GTK_EDITABLE (studio_test_find_labelled (dialog, "Licence holder")), "河南工业职业技术学院");
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "apply");
  studio_test_flush ();

  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(ReslibRecord) record = get_record (f, ids[i]);

      g_assert_cmpstr (reslib_record_get (record, "type"), ==, "video");
      g_assert_cmpstrv (reslib_record_get_list (record, "authors"), ((const char * const[]) { "王老师", NULL }));
      g_assert_cmpstrv (reslib_record_get_list (record, "nodes"), ((const char * const[]) { node, NULL }));
      g_assert_cmpstr (reslib_record_get (record, "description"), ==, "数控铣削的操作演示");
      g_assert_true (reslib_strv_contains (reslib_record_get_list (record, "keywords"), "数控"));
      g_assert_true (reslib_strv_contains (reslib_record_get_list (record, "keywords"), "铣削"));
      g_assert_true (reslib_strv_contains (reslib_record_get_list (record, "keywords"), "安全"));
      g_assert_cmpuint (g_strv_length ((char **) reslib_record_get_list (record, "keywords")), ==, 3);
      g_assert_cmpstr (reslib_record_get (record, "license"), ==, "CC BY-NC 4.0");
      g_assert_cmpstr (reslib_record_get (record, "license_holder"), ==, "河南工业职业技术学院");
    }
  untouched = get_record (f, shown_id (f, 4));
  g_assert_false (reslib_strv_contains (reslib_record_get_list (untouched, "authors"), "王老师"));
  g_assert_cmpstr (reslib_record_get (untouched, "type"), !=, "video");

  /* The toast's Undo takes the whole edit back, in one step. */
  {
    GtkWidget *undo = studio_test_find_button (f->window, "_Undo");

    if (undo == NULL)
      g_error ("No Undo button is shown");
    g_signal_emit_by_name (undo, "clicked");
  }
  studio_test_flush ();
  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(ReslibRecord) record = get_record (f, ids[i]);

      g_assert_cmpstr (reslib_record_get (record, "type"), ==, reslib_record_get (originals[i], "type"));
      g_assert_cmpstrv (reslib_record_get_list (record, "authors"), reslib_record_get_list (originals[i], "authors"));
      g_assert_cmpstrv (reslib_record_get_list (record, "nodes"), reslib_record_get_list (originals[i], "nodes"));
      g_assert_cmpstrv (reslib_record_get_list (record, "keywords"), reslib_record_get_list (originals[i], "keywords"));
      g_assert_cmpstr (reslib_record_get (record, "description"), ==, reslib_record_get (originals[i], "description"));
      g_assert_cmpstr (reslib_record_get (record, "license"), ==, reslib_record_get (originals[i], "license"));
      g_assert_cmpstr (reslib_record_get (record, "license_holder"), ==,
                       reslib_record_get (originals[i], "license_holder"));
      g_assert_cmpstr (reslib_record_get (record, "updated_at"), ==, reslib_record_get (originals[i], "updated_at"));
      g_object_unref (originals[i]);
      g_free (ids[i]);
    }
}

static void
test_bulk_all_or_nothing (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) list = NULL;
  g_autoptr(ReslibRecord) first = NULL;

  reslib_test_fill_resources (f->store, f->project, 3, FALSE);
  list = reslib_store_list (f->store, RESLIB_KIND_RESOURCE, f->project, &error);
  first = g_list_model_get_item (list, 0);
  /* The second id does not exist: the first resource keeps its type. */
  g_assert_false (reslib_store_update_resources (f->store,
                                                 (const char * const[]) { reslib_record_get_id (first), "nope", NULL },
                                                 (const char * const[]) { "type", NULL },
                                                 (const char * const[]) { "exercise", NULL }, &error));
  g_assert_nonnull (error);
  {
    g_autoptr(ReslibRecord) again = get_record (f, reslib_record_get_id (first));

    g_assert_cmpstr (reslib_record_get (again, "type"), ==, reslib_record_get (first, "type"));
  }
}

static void
test_submit (Fixture       *f,
             gconstpointer  data)
{
  g_autofree char *a = NULL, *b = NULL;

  reslib_test_fill_resources (f->store, f->project, 4, FALSE);
  show_page (f);
  wait_for_rows (f, 4);
  a = g_strdup (shown_id (f, 0));
  b = g_strdup (shown_id (f, 1));
  select_rows (f, 0, 2);
  g_assert_nonnull (studio_test_find_labelled (f->page, "Submit for Review"));
  activate (f, "resources.submit-selected");
  {
    g_autoptr(ReslibRecord) ra = get_record (f, a);
    g_autoptr(ReslibRecord) rb = get_record (f, b);
    g_autoptr(ReslibRecord) rc = get_record (f, shown_id (f, 2));

    g_assert_cmpstr (reslib_record_get (ra, "state"), ==, "in-review");
    g_assert_cmpstr (reslib_record_get (rb, "state"), ==, "in-review");
    g_assert_cmpstr (reslib_record_get (rc, "state"), ==, "draft");
  }
}

/* Many at once: the page asks first, says how many, and Cancel submits none. */
static void
test_submit_many (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) counts = NULL;
  AdwMessageDialog *dialog;

  reslib_test_fill_resources (f->store, f->project, 150, FALSE);
  show_page (f);
  wait_for_rows (f, 150);
  activate (f, "resources.select-all");
  activate (f, "resources.submit-selected");
  dialog = studio_test_find_dialog ();
  g_assert_nonnull (dialog);
  g_assert_nonnull (strstr (adw_message_dialog_get_heading (dialog), "150"));
  studio_test_respond (dialog, "cancel");
  counts = reslib_store_count_resources_by (f->store, f->project, "state", &error);
  g_assert_cmpuint (GPOINTER_TO_UINT (g_hash_table_lookup (counts, "in-review")), ==, 0);
  g_clear_pointer (&counts, g_hash_table_unref);

  activate (f, "resources.submit-selected");
  studio_test_respond (studio_test_find_dialog (), "submit");
  counts = reslib_store_count_resources_by (f->store, f->project, "state", &error);
  g_assert_cmpuint (GPOINTER_TO_UINT (g_hash_table_lookup (counts, "in-review")), ==, 150);
}

/* An approved resource says, before any change, that a change sends it back to review. */
static void
test_approved_says_so (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;
  GtkLabel *info;

  reslib_test_fill_resources (f->store, f->project, 1, FALSE);
  show_page (f);
  wait_for_rows (f, 1);
  id = g_strdup (shown_id (f, 0));
  g_assert_true (reslib_store_review (f->store, (const char * const[]) { id, NULL }, RESLIB_REVIEW_SUBMIT, NULL, &error));
  g_assert_true (reslib_store_review (f->store, (const char * const[]) { id, NULL }, RESLIB_REVIEW_APPROVE, NULL, &error));
  g_assert_no_error (error);
  select_rows (f, 0, 1);
  info = studio_test_page_child (f->window, "resources", "detail_info");
  g_assert_nonnull (strstr (gtk_label_get_text (info), "changing it sends it back to review"));

  /* The edit goes through the store, which sends it back. */
  g_assert_true (reslib_store_update (f->store, RESLIB_KIND_RESOURCE, id, (const char * const[]) { "title", NULL },
                                      (const char * const[]) { "改过的标题" }, &error));
  {
    g_autoptr(ReslibRecord) record = get_record (f, id);

    g_assert_cmpstr (reslib_record_get (record, "state"), ==, "in-review");
  }
}

static void
test_delete_undo (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;
  g_autofree char *c = NULL;

  reslib_test_fill_resources (f->store, f->project, 5, FALSE);
  show_page (f);
  wait_for_rows (f, 5);
  a = g_strdup (shown_id (f, 1));
  b = g_strdup (shown_id (f, 2));

  /* Ctrl+A selects all; Delete deletes the selection from the store at once; Ctrl+Z brings the same
   * resources back. */
  activate (f, "resources.select-all");
  g_assert_cmpuint (gtk_bitset_get_size (gtk_selection_model_get_selection (GTK_SELECTION_MODEL (f->shown))), ==, 5);
  gtk_selection_model_unselect_all (GTK_SELECTION_MODEL (f->shown));
  select_rows (f, 1, 2);
  activate (f, "resources.delete-selected");
  wait_for_rows (f, 3);
  g_assert_cmpuint (store_count (f), ==, 3);
  g_assert_null (reslib_store_get (f->store, RESLIB_KIND_RESOURCE, a, NULL));
  g_assert_null (reslib_store_get (f->store, RESLIB_KIND_RESOURCE, b, NULL));
  activate (f, "win.undo");
  wait_for_rows (f, 5);
  g_assert_cmpuint (store_count (f), ==, 5);
  g_object_unref (get_record (f, a));
  g_object_unref (get_record (f, b));

  /* The toast's Undo does the same; Shift+Ctrl+Z deletes again. */
  select_rows (f, 1, 1);
  c = g_strdup (shown_id (f, 1));
  activate (f, "resources.delete-selected");
  wait_for_rows (f, 4);
  g_assert_cmpuint (store_count (f), ==, 4);
  {
    GtkWidget *undo = studio_test_find_button (f->window, "_Undo");

    if (undo == NULL)
      g_error ("No Undo button is shown");
    g_signal_emit_by_name (undo, "clicked");
  }
  wait_for_rows (f, 5);
  g_assert_cmpuint (store_count (f), ==, 5);
  activate (f, "win.redo");
  wait_for_rows (f, 4);
  g_assert_null (reslib_store_get (f->store, RESLIB_KIND_RESOURCE, c, NULL));

  /* Written through: closing the window changes nothing. */
  studio_test_close_window (f->window);
  f->window = NULL;
  g_assert_cmpuint (store_count (f), ==, 4);
}

static gboolean
row_title_is_cb (gpointer data)
{
  Fixture *f = data;

  return title_shown (f, f->text);
}

static void
test_follows_store (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;

  reslib_test_fill_resources (f->store, f->project, 3, FALSE);
  show_page (f);
  wait_for_rows (f, 3);

  /* Added behind the page's back (as the CLI or a worker would). */
  reslib_test_fill_resources (f->store, f->project, 2, FALSE);
  wait_for_rows (f, 5);

  id = g_strdup (shown_id (f, 4));
  g_assert_true (reslib_store_update (f->store, RESLIB_KIND_RESOURCE, id, (const char * const[]) { "title", NULL },
                                      (const char * const[]) { "新标题：刀具磨损", NULL }, &error));
  g_assert_no_error (error);
  f->text = "新标题：刀具磨损";
  g_assert_true (studio_test_wait_until (row_title_is_cb, f, 5000));

  g_assert_true (reslib_store_delete (f->store, RESLIB_KIND_RESOURCE, id, &error));
  g_assert_no_error (error);
  wait_for_rows (f, 4);
  g_assert_false (title_shown (f, "新标题：刀具磨损"));
}

static gboolean
chooser_shown_cb (gpointer data)
{
  Fixture *f = data;

  return g_list_model_get_n_items (gtk_window_get_toplevels ()) > f->expected;
}

static gboolean
checks_ran_cb (gpointer data)
{
  Fixture *f = data;
  g_autoptr(ReslibCheckRun) run = reslib_store_get_last_check_run (f->store, f->project, NULL);

  return run != NULL;
}

/* Real key presses: the page's shortcuts work wherever it is shown, whatever has the focus (here
 * nothing, as after a click in the sidebar), and a focused text field keeps its own keys. */
static void
test_keys (Fixture       *f,
           gconstpointer  data)
{
  GtkEditable *search;
  GtkWidget *chooser = NULL;

  show_page (f);
  /* Ctrl+I on the empty page opens the file chooser. */
  gtk_root_set_focus (GTK_ROOT (f->window), NULL);
  f->expected = g_list_model_get_n_items (gtk_window_get_toplevels ());
  if (!studio_test_press_keys (f->window, "ctrl+i"))
    {
      g_test_skip ("no xdotool or no X11 display");
      return;
    }
  g_assert_true (studio_test_wait_until (chooser_shown_cb, f, 5000));
  for (guint i = 0; i < g_list_model_get_n_items (gtk_window_get_toplevels ()); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (gtk_window_get_toplevels (), i);

      if (GTK_IS_FILE_CHOOSER (window))
        chooser = GTK_WIDGET (window);
    }
  g_assert_nonnull (chooser);
  gtk_window_close (GTK_WINDOW (chooser));
  studio_test_flush ();

  /* Delete with the focus outside the page deletes the selected resource. */
  reslib_test_fill_resources (f->store, f->project, 3, FALSE);
  wait_for_rows (f, 3);
  select_rows (f, 0, 1);
  gtk_root_set_focus (GTK_ROOT (f->window), NULL);
  g_assert_true (studio_test_press_keys (f->window, "Delete"));
  wait_for_rows (f, 2);
  g_assert_cmpuint (store_count (f), ==, 2);

  /* In the search field, Delete deletes a character, not the selected resources. */
  search = child (f, "search_entry");
  gtk_editable_set_text (search, "资源");
  wait_for_rows (f, 2);
  select_rows (f, 0, 1);
  gtk_widget_grab_focus (GTK_WIDGET (search));
  gtk_editable_set_position (search, 0);
  g_assert_true (studio_test_press_keys (f->window, "Delete"));
  g_assert_cmpstr (gtk_editable_get_text (search), ==, "源");
  g_assert_cmpuint (store_count (f), ==, 2);
  gtk_editable_set_text (search, "");

  /* (The checks would probe the made-up resources' files, which do not exist.) */
  {
    g_autoptr(GPtrArray) ids = reslib_store_list_resource_ids (f->store, f->project, NULL);

    for (guint i = 0; i < ids->len; i++)
      g_assert_true (reslib_store_delete (f->store, RESLIB_KIND_RESOURCE, g_ptr_array_index (ids, i), NULL));
  }

  /* F5 on Checks, shown from the sidebar (Alt+7) with the focus left there. */
  studio_window_show_page (f->window, "checks");
  gtk_root_set_focus (GTK_ROOT (f->window), NULL);
  g_assert_true (studio_test_press_keys (f->window, "F5"));
  if (!studio_test_wait_until (checks_ran_cb, f, 20000))
    g_error ("F5 did not run the checks");
}

static void
put_probe (Fixture    *f,
           const char *id,
           const char *probe_error)
{
  g_autoptr(ReslibRecord) record = get_record (f, id);
  g_autoptr(GError) error = NULL;
  ReslibProbeInfo info = {
    .sha256 = (char *) reslib_record_get (record, "blob_sha256"),
    .version = RESLIB_PROBE_VERSION,
    .mime_type = (char *) "video/mp4",
    .container = (char *) "mp4",
    .video_codec = (char *) "h264",
    .audio_codec = (char *) "aac",
    .width = 1920,
    .height = 1080,
    .frame_rate = 25,
    .video_bitrate = 2000000,
    .audio_bitrate = 128000,
    .duration = 62,
    .sample_rate = 48000,
    .channels = 2,
    .error = (char *) probe_error,
  };

  g_assert_true (reslib_store_put_probe (f->store, &info, &error));
  g_assert_no_error (error);
}

/* The detail pane shows the media facts the checks use, or says plainly that the file cannot be read. */
static void
test_media_facts (Fixture       *f,
                  gconstpointer  data)
{
  const char *info;

  reslib_test_fill_resources (f->store, f->project, 2, TRUE);
  show_page (f);
  wait_for_rows (f, 2);
  put_probe (f, shown_id (f, 0), NULL);
  put_probe (f, shown_id (f, 1), "moov atom not found");

  select_rows (f, 0, 1);
  info = gtk_label_get_text (child (f, "detail_info"));
  g_assert_nonnull (strstr (info, "1920 × 1080 · 25 fps · 1:02 · h264 / aac · 2.1 Mbit/s"));
  g_assert_null (strstr (info, "damaged"));

  select_rows (f, 1, 1);
  info = gtk_label_get_text (child (f, "detail_info"));
  g_assert_nonnull (strstr (info, "The file is damaged or its format is not supported"));
  g_assert_null (strstr (info, "moov"));
}

/* A WAV file of a tenth of a second of silence (16-bit mono, 8 kHz). */
static GBytes *
make_wav (void)
{
  const guint32 n_data = 1600;
  guint8 *wav = g_malloc0 (44 + n_data);
  guint32 v;
  guint16 h;

  memcpy (wav, "RIFF", 4);
  v = GUINT32_TO_LE (36 + n_data);
  memcpy (wav + 4, &v, 4);
  memcpy (wav + 8, "WAVEfmt ", 8);
  v = GUINT32_TO_LE (16);
  memcpy (wav + 16, &v, 4);
  h = GUINT16_TO_LE (1);                  /* PCM */
  memcpy (wav + 20, &h, 2);
  memcpy (wav + 22, &h, 2);               /* one channel */
  v = GUINT32_TO_LE (8000);
  memcpy (wav + 24, &v, 4);
  v = GUINT32_TO_LE (16000);
  memcpy (wav + 28, &v, 4);
  h = GUINT16_TO_LE (2);
  memcpy (wav + 32, &h, 2);
  h = GUINT16_TO_LE (16);
  memcpy (wav + 34, &h, 2);
  memcpy (wav + 36, "data", 4);
  v = GUINT32_TO_LE (n_data);
  memcpy (wav + 40, &v, 4);

  return g_bytes_new_take (wav, 44 + n_data);
}

/* Audio gets media controls, not a video box. */
static void
test_audio_preview (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GBytes) wav = make_wav ();
  g_autoptr(GError) error = NULL;
  g_autofree char *sha = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, wav);
  g_autofree char *path = reslib_store_get_blob_path (f->store, sha);
  g_autofree char *folder = g_path_get_dirname (path);
  g_autofree char *id = NULL;
  gboolean existed = FALSE;
  GtkStack *preview;
  GtkWidget *audio;

  g_assert_cmpint (g_mkdir_with_parents (folder, 0700), ==, 0);
  g_assert_true (g_file_set_contents (path, g_bytes_get_data (wav, NULL), g_bytes_get_size (wav), &error));
  g_assert_true (_reslib_store_add_blob (f->store, sha, g_bytes_get_size (wav), "audio/x-wav", &existed, &error));
  g_assert_no_error (error);
  id = reslib_store_insert (f->store, RESLIB_KIND_RESOURCE,
                            (const char * const[]) { "project_id", "blob_sha256", "file_name", "title", "type", NULL },
                            (const char * const[]) { f->project, sha, "提示音.wav", "主轴启停提示音", "audio" }, &error);
  g_assert_no_error (error);

  show_page (f);
  wait_for_rows (f, 1);
  select_rows (f, 0, 1);
  preview = child (f, "preview_stack");
  g_assert_cmpstr (gtk_stack_get_visible_child_name (preview), ==, "audio");
  audio = gtk_stack_get_visible_child (preview);
  g_assert_nonnull (g_object_get_data (G_OBJECT (audio), "studio-audio-controls"));
  g_assert_true (GTK_IS_MEDIA_CONTROLS (g_object_get_data (G_OBJECT (audio), "studio-audio-controls")));
  g_assert_nonnull (gtk_media_controls_get_media_stream (g_object_get_data (G_OBJECT (audio), "studio-audio-controls")));

  /* Nothing selected: nothing is left to play. */
  gtk_selection_model_unselect_all (GTK_SELECTION_MODEL (f->shown));
  studio_test_flush ();
  g_assert_null (gtk_media_controls_get_media_stream (g_object_get_data (G_OBJECT (audio), "studio-audio-controls")));
}

int
main (int   argc,
      char *argv[])
{
  if (!studio_test_init (&argc, &argv))
    return 0;

#define ADD(path, func) g_test_add ("/studio/resources/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("empty-state", test_empty_state);
  ADD ("import", test_import);
  ADD ("import-error", test_import_error);
  ADD ("import-summary", test_import_summary);
  ADD ("import-order", test_import_order);
  ADD ("filters", test_filters);
  ADD ("course-filter", test_course_filter);
  ADD ("search", test_search);
  ADD ("search-keeps-cells", test_search_keeps_cells);
  ADD ("edit-detail", test_edit_detail);
  ADD ("edit-list-typed", test_edit_list_typed);
  ADD ("bulk-edit", test_bulk_edit);
  ADD ("bulk-all-or-nothing", test_bulk_all_or_nothing);
  ADD ("submit", test_submit);
  ADD ("submit-many", test_submit_many);
  ADD ("approved-says-so", test_approved_says_so);
  ADD ("delete-undo", test_delete_undo);
  ADD ("follows-store", test_follows_store);
  ADD ("keys", test_keys);
  ADD ("media-facts", test_media_facts);
  ADD ("audio-preview", test_audio_preview);
#undef ADD

  return studio_test_run ();
}
