/* test-resources-import.c — files given to the Resources page while an import runs wait their turn
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "studio-resources-page-private.h"
#include "studio-test-utils.h"

typedef struct
{
  StudioTestFixture    base;
  StudioResourcesPage *page;
  GListModel          *shown;
  GPtrArray           *toasts;    /* the titles of the toasts shown */
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  studio_test_fixture_set_up (&f->base, "导入队列测试");
  f->toasts = g_ptr_array_new_with_free_func (g_free);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  studio_test_fixture_tear_down (&f->base, data);
  g_ptr_array_unref (f->toasts);
}

static void
add_toast_cb (StudioSession *session,
              AdwToast      *toast,
              Fixture       *f)
{
  g_ptr_array_add (f->toasts, g_strdup (adw_toast_get_title (toast)));
}

static gboolean
has_toast (Fixture    *f,
           const char *title)
{
  return g_ptr_array_find_with_equal_func (f->toasts, title, g_str_equal, NULL);
}

static void
show_page (Fixture *f)
{
  f->base.window = studio_test_show_window (f->base.store);
  g_signal_connect (studio_window_get_session (f->base.window), "add-toast", G_CALLBACK (add_toast_cb), f);
  studio_window_show_page (f->base.window, "resources");
  studio_test_flush ();
  f->page = STUDIO_RESOURCES_PAGE (studio_window_get_page (f->base.window, "resources"));
  f->shown = G_LIST_MODEL (gtk_column_view_get_model (studio_test_page_child (f->base.window, "resources",
                                                                                 "resources_view")));
}

/* @n files NAME-01.txt … in a folder of their own, each with its own content. */
static char *
write_batch (Fixture    *f,
             const char *name,
             guint       n)
{
  char *folder = g_build_filename (f->base.dir, "files", name, NULL);

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *file = g_strdup_printf ("%s-%02u.txt", name, i + 1);
      g_autofree char *content = g_strdup_printf ("%s 的第 %u 个文件\n", name, i + 1);

      g_free (reslib_test_write_file (folder, file, content, -1));
    }

  return folder;
}

/* Drops @path on the page as a file manager does. */
static gboolean
drop (Fixture    *f,
      const char *path)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (GTK_WIDGET (f->page));
  g_autoptr(GFile) file = g_file_new_for_path (path);
  GSList *files = g_slist_append (NULL, file);
  g_auto(GValue) value = G_VALUE_INIT;
  GtkDropTarget *target = NULL;
  gboolean accepted = FALSE;

  for (guint i = 0; i < g_list_model_get_n_items (controllers) && target == NULL; i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_DROP_TARGET (controller))
        target = GTK_DROP_TARGET (controller);
    }
  g_assert_nonnull (target);
  g_value_init (&value, GDK_TYPE_FILE_LIST);
  g_value_take_boxed (&value, gdk_file_list_new_from_list (files));
  g_signal_emit_by_name (target, "drop", &value, 10.0, 10.0, &accepted);
  g_slist_free (files);

  return accepted;
}

static const char *
progress_text (Fixture *f)
{
  return gtk_progress_bar_get_text (studio_test_page_child (f->base.window, "resources", "import_progress"));
}

static gboolean
import_over_cb (gpointer data)
{
  Fixture *f = data;

  return !gtk_revealer_get_reveal_child (studio_test_page_child (f->base.window, "resources", "import_revealer"));
}

static guint
store_count (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  guint n = reslib_store_count (f->base.store, RESLIB_KIND_RESOURCE, f->base.project, &error);

  g_assert_no_error (error);
  return n;
}

typedef struct
{
  Fixture *f;
  guint    n;
} Wait;

static gboolean
shows_n_cb (gpointer data)
{
  Wait *wait = data;

  return g_list_model_get_n_items (wait->f->shown) == wait->n;
}

static char *
shown_title (Fixture *f,
             guint    position)
{
  g_autoptr(ReslibResourceRow) row = g_list_model_get_item (f->shown, position);

  g_assert_nonnull (row);
  return g_strdup (reslib_resource_row_get_title (row));
}

/* Two drops in a row: the second waits for the first (the progress says so), then is imported; both
 * batches end up in the store, in the order they were dropped, each with its toast. */
static void
test_queue (Fixture       *f,
            gconstpointer  data)
{
  g_autofree char *first = write_batch (f, "第一批", 3);
  g_autofree char *second = write_batch (f, "第二批", 2);
  Wait wait = { f, 5 };

  show_page (f);
  g_assert_true (drop (f, first));
  g_assert_true (drop (f, second));
  g_assert_cmpuint (g_queue_get_length (f->page->import_queue), ==, 1);
  g_test_message ("progress: %s", progress_text (f));
  g_assert_nonnull (strstr (progress_text (f), " · 1 more batch waiting"));
  /* Import Files (Ctrl+I) stays on: what it brings waits too. */
  g_assert_true (gtk_widget_get_sensitive (studio_test_find_labelled (f->page, "Import Files")));

  g_assert_true (studio_test_wait_until (import_over_cb, f, 60000));
  g_assert_cmpuint (store_count (f), ==, 5);
  g_assert_true (studio_test_wait_until (shows_n_cb, &wait, 10000));
  for (guint i = 0; i < 5; i++)
    {
      g_autofree char *expected = i < 3 ? g_strdup_printf ("第一批-%02u", i + 1) : g_strdup_printf ("第二批-%02u", i - 2);
      g_autofree char *title = shown_title (f, i);

      g_assert_cmpstr (title, ==, expected);
    }
  g_assert_true (has_toast (f, "Imported 3 files"));
  g_assert_true (has_toast (f, "Imported 2 files"));
  g_assert_null (f->page->import_cancellable);
  g_assert_cmpuint (g_queue_get_length (f->page->import_queue), ==, 0);
}

/* Cancel while batches wait: the running one stops and those waiting are dropped, never imported. */
static void
test_queue_cancel (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *first = write_batch (f, "第一批", 200);
  g_autofree char *second = write_batch (f, "第二批", 2);
  g_autofree char *third = write_batch (f, "第三批", 2);
  guint n;

  show_page (f);
  g_assert_true (drop (f, first));
  g_assert_true (drop (f, second));
  g_assert_true (drop (f, third));
  g_assert_nonnull (strstr (progress_text (f), " · 2 more batches waiting"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "resources.cancel-import", NULL));
  g_assert_cmpuint (g_queue_get_length (f->page->import_queue), ==, 0);
  g_assert_null (strstr (progress_text (f), "waiting"));

  g_assert_true (studio_test_wait_until (import_over_cb, f, 60000));
  studio_test_flush ();
  n = store_count (f);
  for (guint i = 0; i < f->toasts->len; i++)
    g_test_message ("toast: %s", (const char *) g_ptr_array_index (f->toasts, i));
  if (n == 0)
    g_assert_true (has_toast (f, "Import cancelled, with the 2 batches waiting: nothing was added"));
  else
    {
      /* The first batch ended before Cancel reached it: it is in, the others are not. */
      g_assert_cmpuint (n, ==, 200);
      g_assert_true (has_toast (f, "The 2 batches waiting were not imported"));
    }
  /* Nothing starts after the cancelled import. */
  studio_test_flush ();
  g_assert_true (import_over_cb (f));
  g_assert_cmpuint (store_count (f), ==, n);
}

int
main (int    argc,
      char **argv)
{
  if (!studio_test_init (&argc, &argv))
    return 0;

  g_test_add ("/studio/resources/import/queue", Fixture, NULL, fixture_setup, test_queue, fixture_teardown);
  g_test_add ("/studio/resources/import/queue-cancel", Fixture, NULL, fixture_setup, test_queue_cancel,
              fixture_teardown);

  return studio_test_run ();
}
