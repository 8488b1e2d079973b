/* test-list-export.c — the Resources page's Export List…: the save dialog, the job, the toasts
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "studio-list-export.h"
#include "studio-test-utils.h"

typedef struct
{
  char        *dir;
  ReslibStore *store;
  char        *project;
} Fixture;

typedef struct
{
  GPtrArray *toasts;
  char      *error;
  int        state;   /* 0 running, 1 written, 2 failed */
} Watch;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *data_dir = NULL;

  f->dir = reslib_test_make_tmp_dir ("reslib-list-export-XXXXXX");
  data_dir = g_build_filename (f->dir, "data", NULL);
  f->store = reslib_test_open_store (data_dir);
  f->project = reslib_test_new_project (f->store, "清单测试资源库");
  reslib_test_fill_resources (f->store, f->project, 1500, TRUE);
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

static void
add_toast_cb (StudioSession *session,
              AdwToast      *toast,
              Watch         *watch)
{
  g_ptr_array_add (watch->toasts, g_strdup (adw_toast_get_title (toast)));
  /* What the toast offers, as "button: label" */
  if (adw_toast_get_button_label (toast) != NULL)
    g_ptr_array_add (watch->toasts, g_strdup_printf ("button: %s", adw_toast_get_button_label (toast)));
}

static void
show_error_cb (StudioSession *session,
               const char    *heading,
               const GError  *error,
               Watch         *watch)
{
  g_free (watch->error);
  watch->error = g_strdup_printf ("%s: %s", heading, error != NULL ? error->message : "");
}

static void
written_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  Watch *watch = user_data;

  watch->state = studio_list_export_to_file_finish (result, NULL) ? 1 : 2;
}

static gboolean
done (gpointer data)
{
  return ((Watch *) data)->state != 0;
}

static gboolean
has_toast (Watch      *watch,
           const char *part)
{
  for (guint i = 0; i < watch->toasts->len; i++)
    if (strstr (watch->toasts->pdata[i], part) != NULL)
      return TRUE;

  return FALSE;
}

/* The page's menu offers Export List…; the action opens a save dialog with the proposed name and the
 * two formats. */
static void
test_action (Fixture       *f,
             gconstpointer  data)
{
  StudioWindow *window = studio_test_show_window (f->store);
  GtkWidget *page = gtk_widget_get_ancestor (studio_test_page_child (window, "resources", "list_menu_button"),
                                             STUDIO_TYPE_PAGE);
  GtkMenuButton *menu_button = studio_test_page_child (window, "resources", "list_menu_button");
  GMenuModel *menu = gtk_menu_button_get_menu_model (menu_button);
  GListModel *toplevels = gtk_window_get_toplevels ();
  g_autofree char *name = NULL;
  g_autofree char *action = NULL;
  GtkFileChooser *chooser = NULL;
  guint before = g_list_model_get_n_items (toplevels);

  /* The menu's first item is the action. */
  g_assert_nonnull (menu);
  g_assert_cmpint (g_menu_model_get_n_items (menu), >=, 1);
  {
    g_autoptr(GMenuModel) section = g_menu_model_get_item_link (menu, 0, G_MENU_LINK_SECTION);

    g_assert_true (g_menu_model_get_item_attribute (section, 0, G_MENU_ATTRIBUTE_ACTION, "s", &action));
  }
  g_assert_cmpstr (action, ==, "resources.export-list");

  name = studio_list_export_default_name (studio_window_get_session (window));
  g_assert_cmpstr (name, ==, "清单测试资源库 Resource List.xlsx");

  g_assert_true (gtk_widget_activate_action (page, "resources.export-list", NULL));
  studio_test_flush ();
  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (toplevels, i);

      if (GTK_IS_FILE_CHOOSER (item))
        chooser = GTK_FILE_CHOOSER (item);
    }
  g_assert_cmpuint (g_list_model_get_n_items (toplevels), >, before);
  g_assert_nonnull (chooser);
  {
    g_autoptr(GListModel) filters = gtk_file_chooser_get_filters (chooser);
    g_autofree char *current = gtk_file_chooser_get_current_name (chooser);

    g_assert_cmpuint (g_list_model_get_n_items (filters), ==, 2);
    g_assert_cmpstr (current, ==, name);
  }
  /* Cancelled, as a user would. */
  g_assert_true (GTK_IS_DIALOG (chooser));
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_dialog_response (GTK_DIALOG (chooser), GTK_RESPONSE_CANCEL);
  G_GNUC_END_IGNORE_DEPRECATIONS
  studio_test_flush ();
  studio_test_close_window (window);
}

/* Written in the background as one of the session's jobs; then a toast with the count; a file that
 * exists is not replaced and the dialog says why. */
static void
test_write (Fixture       *f,
            gconstpointer  data)
{
  StudioWindow *window = studio_test_show_window (f->store);
  StudioSession *session = studio_window_get_session (window);
  g_autofree char *xlsx = g_build_filename (f->dir, "清单.xlsx", NULL);
  g_autofree char *csv = g_build_filename (f->dir, "清单.csv", NULL);
  g_autoptr(GFile) xlsx_file = g_file_new_for_path (xlsx);
  g_autoptr(GFile) csv_file = g_file_new_for_path (csv);
  g_autofree char *contents = NULL;
  Watch watch = { g_ptr_array_new_with_free_func (g_free), NULL, 0 };

  g_signal_connect (session, "add-toast", G_CALLBACK (add_toast_cb), &watch);
  g_signal_connect (session, "show-error", G_CALLBACK (show_error_cb), &watch);

  studio_list_export_to_file (session, xlsx_file, RESLIB_OUTPUT_NONE, written_cb, &watch);
  g_assert_true (has_toast (&watch, "Exporting the resource list"));
  g_assert_true (studio_test_wait_until (done, &watch, 60000));
  g_assert_cmpint (watch.state, ==, 1);
  g_assert_null (watch.error);
  g_assert_true (has_toast (&watch, "“清单.xlsx” exported: 1500 resources"));
  /* A list goes on to someone else: the toast shows it in its folder. */
  g_assert_true (has_toast (&watch, "button: Show in _Folder"));
  g_assert_true (g_file_get_contents (xlsx, &contents, NULL, NULL));
  g_assert_true (g_str_has_prefix (contents, "PK\x03\x04"));
  g_clear_pointer (&contents, g_free);

  watch.state = 0;
  studio_list_export_to_file (session, csv_file, RESLIB_OUTPUT_NONE, written_cb, &watch);
  g_assert_true (studio_test_wait_until (done, &watch, 60000));
  g_assert_cmpint (watch.state, ==, 1);
  g_assert_true (g_file_get_contents (csv, &contents, NULL, NULL));
  g_assert_true (g_str_has_prefix (contents, "\xef\xbb\xbfNo.,Title,"));

  /* It exists now: refused, and said so. */
  watch.state = 0;
  studio_list_export_to_file (session, csv_file, RESLIB_OUTPUT_NONE, written_cb, &watch);
  g_assert_true (studio_test_wait_until (done, &watch, 60000));
  g_assert_cmpint (watch.state, ==, 2);
  g_assert_nonnull (watch.error);
  g_assert_nonnull (strstr (watch.error, "already exists"));

  g_signal_handlers_disconnect_by_data (session, &watch);
  g_ptr_array_unref (watch.toasts);
  g_free (watch.error);
  studio_test_close_window (window);
}

int
main (int   argc,
      char *argv[])
{
  if (!studio_test_init (&argc, &argv))
    return 0;

  g_test_add ("/studio/list-export/action", Fixture, NULL, fixture_setup, test_action, fixture_teardown);
  g_test_add ("/studio/list-export/write", Fixture, NULL, fixture_setup, test_write, fixture_teardown);

  return studio_test_run ();
}
