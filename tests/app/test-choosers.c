/* test-choosers.c — the file choosers of Import Package…, Join a Project… and the Submit page's output
 *
 * Each goes through studio_choose_file_full(): the chooser opens in the folder the last package came from (or
 * the output's folder, with its name, when saving), offers packages first and, to open, all files; the path
 * chosen reaches the page's action, which remembers its folder. No chooser, answered or closed, is left behind
 * as a hidden window (nor is the shortcuts window).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>

#include "studio-import-dialog.h"
#include "studio-session.h"
#include "studio-settings.h"
#include "studio-submit-page.h"
#include "studio-test-utils.h"

/* The texts as shown: translated when the shots are taken in another language */
#define T(text) g_dgettext (GETTEXT_PACKAGE, text)

static GtkFileChooser *
find_chooser (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();
  GtkFileChooser *chooser = NULL;

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (toplevels, i);

      if (GTK_IS_FILE_CHOOSER (item))
        chooser = GTK_FILE_CHOOSER (item);
    }
  return chooser;
}

static void
respond (GtkFileChooser *chooser,
         int             response)
{
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_dialog_response (GTK_DIALOG (chooser), response);
  G_GNUC_END_IGNORE_DEPRECATIONS
  studio_test_flush ();
}

static gboolean
chooser_gone (gpointer data)
{
  return find_chooser () == NULL;
}

static char *
folder_path (GtkFileChooser *chooser)
{
  g_autoptr(GFile) folder = gtk_file_chooser_get_current_folder (chooser);

  return folder != NULL ? g_file_get_path (folder) : NULL;
}

static char *
last_folder (StudioWindow        *window,
             StudioFolderPurpose  purpose)
{
  StudioSettings *settings = studio_session_get_settings (studio_window_get_session (window));
  g_autoptr(GFile) folder = studio_settings_get_last_folder (settings, purpose);

  return folder != NULL ? g_file_get_path (folder) : NULL;
}

/* A chooser to open a package: @title, from @folder, packages (tar) chosen, then all files */
static GtkFileChooser *
assert_package_chooser (const char *title,
                        const char *folder)
{
  GtkFileChooser *chooser = find_chooser ();
  g_autoptr(GListModel) filters = NULL;
  g_autoptr(GtkFileFilter) packages = NULL;
  g_autoptr(GtkFileFilter) all = NULL;
  g_autofree char *current = NULL;

  g_assert_nonnull (chooser);
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (chooser)), ==, title);
  g_assert_cmpint (gtk_file_chooser_get_action (chooser), ==, GTK_FILE_CHOOSER_ACTION_OPEN);
  filters = gtk_file_chooser_get_filters (chooser);
  g_assert_cmpuint (g_list_model_get_n_items (filters), ==, 2);
  packages = g_list_model_get_item (filters, 0);
  all = g_list_model_get_item (filters, 1);
  g_assert_cmpstr (gtk_file_filter_get_name (packages), ==, T ("Packages (tar)"));
  g_assert_cmpstr (gtk_file_filter_get_name (all), ==, T ("All files"));
  g_assert_true (gtk_file_chooser_get_filter (chooser) == packages);
  current = folder_path (chooser);
  g_assert_cmpstr (current, ==, folder);
  return chooser;
}

static gboolean
has_import_dialog (gpointer data)
{
  return studio_window_get_import_dialog (data) != NULL;
}

/* Import Package…: from the last folder; the file chosen there goes to the import review, and its folder is
 * offered next time. */
static void
test_import_package (StudioTestFixture *f,
                     gconstpointer      data)
{
  g_autofree char *before = g_build_filename (f->dir, "收到的包", NULL);
  g_autofree char *other = g_build_filename (f->dir, "另一处", NULL);
  g_autofree char *earlier = NULL;
  g_autofree char *package = NULL;
  g_autofree char *kept = NULL;
  g_autoptr(GFile) earlier_file = NULL;
  g_autoptr(GFile) package_file = NULL;
  GtkFileChooser *chooser;
  GtkWindow *dialog;

  g_assert_cmpint (g_mkdir_with_parents (before, 0700), ==, 0);
  g_assert_cmpint (g_mkdir_with_parents (other, 0700), ==, 0);
  earlier = reslib_test_write_file (before, "上次.tar", "not a package", -1);
  package = reslib_test_write_file (other, "资源包.tar", "not a package either", -1);
  earlier_file = g_file_new_for_path (earlier);
  f->window = studio_test_show_window (f->store);
  studio_settings_set_last_folder (studio_session_get_settings (studio_window_get_session (f->window)),
                                   STUDIO_FOLDER_PACKAGES_IN, earlier_file);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.import-package", NULL));
  studio_test_flush ();
  chooser = assert_package_chooser (T ("Import Package"), before);
  studio_test_save_shot (chooser, "choose-import-package");
  /* Cancelled: nothing is imported */
  respond (chooser, GTK_RESPONSE_CANCEL);
  g_assert_true (studio_test_wait_until (chooser_gone, NULL, 5000));
  g_assert_null (studio_window_get_import_dialog (f->window));

  /* What the chooser hands over when a file is chosen in another folder (the Submit test below goes through
   * the chooser's own accept) */
  package_file = g_file_new_for_path (package);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.import-package-file", "s", package));
  g_assert_true (studio_test_wait_until (has_import_dialog, f->window, 10000));
  dialog = studio_window_get_import_dialog (f->window);
  g_assert_true (g_file_equal (studio_import_dialog_get_file (STUDIO_IMPORT_DIALOG (dialog)), package_file));
  kept = last_folder (f->window, STUDIO_FOLDER_PACKAGES_IN);
  g_assert_cmpstr (kept, ==, other);
  gtk_window_destroy (dialog);
  studio_test_flush ();
}

static StudioImportDialog *
find_import_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (toplevels, i);

      if (STUDIO_IS_IMPORT_DIALOG (item))
        return STUDIO_IMPORT_DIALOG (item);
    }
  return NULL;
}

static gboolean
import_dialog_shown (gpointer data)
{
  return find_import_dialog () != NULL;
}

/* Join a Project…: the same chooser with its own title; the path reaches the review of joining. */
static void
test_join (StudioTestFixture *f,
           gconstpointer      data)
{
  g_autofree char *before = g_build_filename (f->dir, "负责人的包", NULL);
  g_autofree char *earlier = NULL;
  g_autofree char *package = NULL;
  g_autofree char *kept = NULL;
  g_autoptr(GFile) earlier_file = NULL;
  g_autoptr(GFile) package_file = NULL;
  GtkFileChooser *chooser;
  StudioImportDialog *dialog;

  g_assert_cmpint (g_mkdir_with_parents (before, 0700), ==, 0);
  earlier = reslib_test_write_file (before, "上次.tar", "not a package", -1);
  package = reslib_test_write_file (f->dir, "加入.tar", "not a package either", -1);
  earlier_file = g_file_new_for_path (earlier);
  package_file = g_file_new_for_path (package);
  f->window = studio_test_show_window (f->store);
  studio_settings_set_last_folder (studio_session_get_settings (studio_window_get_session (f->window)),
                                   STUDIO_FOLDER_PACKAGES_IN, earlier_file);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.join-project", NULL));
  studio_test_flush ();
  chooser = assert_package_chooser (T ("Join a Project From the Lead's Package"), before);
  studio_test_save_shot (chooser, "choose-join");
  respond (chooser, GTK_RESPONSE_CANCEL);
  g_assert_true (studio_test_wait_until (chooser_gone, NULL, 5000));
  g_assert_null (find_import_dialog ());

  /* What the chooser hands over when a file is chosen */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.join-project-file", "s", package));
  g_assert_true (studio_test_wait_until (import_dialog_shown, NULL, 10000));
  dialog = find_import_dialog ();
  g_assert_true (g_file_equal (studio_import_dialog_get_file (dialog), package_file));
  kept = last_folder (f->window, STUDIO_FOLDER_PACKAGES_IN);
  g_assert_cmpstr (kept, ==, f->dir);
  gtk_window_destroy (GTK_WINDOW (dialog));
  studio_test_flush ();
}

/* Submit: a chooser to save, in the output's folder with its name; the name typed there becomes the output,
 * and its folder the one offered for built packages. */
static void
test_submit_output (StudioTestFixture *f,
                    gconstpointer      data)
{
  g_autofree char *out_dir = g_build_filename (f->dir, "输出", NULL);
  g_autofree char *out = g_build_filename (out_dir, "申报包.tar", NULL);
  g_autofree char *renamed = g_build_filename (out_dir, "申报包-终版.tar", NULL);
  g_autofree char *current = NULL;
  g_autofree char *name = NULL;
  g_autofree char *kept = NULL;
  g_autoptr(GListModel) filters = NULL;
  GtkFileChooser *chooser;
  StudioSubmitPage *page;

  g_assert_cmpint (g_mkdir_with_parents (out_dir, 0700), ==, 0);
  f->window = studio_test_show_window (f->store);
  studio_window_show_page (f->window, "submit");
  studio_test_flush ();
  page = STUDIO_SUBMIT_PAGE (studio_window_get_page (f->window, "submit"));
  studio_submit_page_set_output_path (page, out);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "submit.choose-output", NULL));
  studio_test_flush ();
  chooser = find_chooser ();
  g_assert_nonnull (chooser);
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (chooser)), ==, T ("Save the Package"));
  g_assert_cmpint (gtk_file_chooser_get_action (chooser), ==, GTK_FILE_CHOOSER_ACTION_SAVE);
  filters = gtk_file_chooser_get_filters (chooser);
  g_assert_cmpuint (g_list_model_get_n_items (filters), ==, 1);
  current = folder_path (chooser);
  g_assert_cmpstr (current, ==, out_dir);
  name = gtk_file_chooser_get_current_name (chooser);
  g_assert_cmpstr (name, ==, "申报包.tar");
  studio_test_save_shot (chooser, "choose-submit-output");

  gtk_file_chooser_set_current_name (chooser, "申报包-终版.tar");
  respond (chooser, GTK_RESPONSE_ACCEPT);
  g_assert_true (studio_test_wait_until (chooser_gone, NULL, 5000));
  g_assert_cmpstr (studio_submit_page_get_output_path (page), ==, renamed);
  kept = last_folder (f->window, STUDIO_FOLDER_PACKAGES_OUT);
  g_assert_cmpstr (kept, ==, out_dir);
}

/* Every window GTK lists is shown. GTK 4.8's accessibility answers a screen reader asking for a window past
 * the visible ones with the last window of the list, shown or not, and a hidden one (a chooser kept after its
 * answer, the shortcuts window) crashes the app there. */
static void
assert_no_hidden_window (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWidget) window = g_list_model_get_item (toplevels, i);

      if (!gtk_widget_get_visible (window))
        g_error ("A hidden %s (“%s”) is left in the list of windows", G_OBJECT_TYPE_NAME (window),
                 gtk_window_get_title (GTK_WINDOW (window)));
    }
}

static GtkWindow *
find_shortcuts_window (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (toplevels, i);

      if (GTK_IS_SHORTCUTS_WINDOW (item))
        return GTK_WINDOW (item);
    }
  return NULL;
}

static gboolean
shortcuts_window_gone (gpointer data)
{
  return find_shortcuts_window () == NULL;
}

/* The Resources page's import choosers, answered or closed, and the shortcuts window, closed, leave no hidden
 * window behind. */
static void
test_none_left (StudioTestFixture *f,
                gconstpointer      data)
{
  GtkWidget *page;
  GtkFileChooser *chooser;
  GtkWindow *shortcuts;

  f->window = studio_test_show_window (f->store);
  studio_window_show_page (f->window, "resources");
  studio_test_flush ();
  page = GTK_WIDGET (studio_window_get_page (f->window, "resources"));
  /* none to begin with: the shortcuts window is made when asked for */
  assert_no_hidden_window ();
  g_assert_null (find_shortcuts_window ());

  /* Import Files…, cancelled */
  g_assert_true (gtk_widget_activate_action (page, "resources.import-files", NULL));
  studio_test_flush ();
  chooser = find_chooser ();
  g_assert_nonnull (chooser);
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (chooser)), ==, T ("Import Files"));
  respond (chooser, GTK_RESPONSE_CANCEL);
  g_assert_true (studio_test_wait_until (chooser_gone, NULL, 5000));
  assert_no_hidden_window ();

  /* Import Folder…, closed from its title bar; then Import Files… again, cancelled */
  g_assert_true (gtk_widget_activate_action (page, "resources.import-folder", NULL));
  studio_test_flush ();
  chooser = find_chooser ();
  g_assert_nonnull (chooser);
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (chooser)), ==, T ("Import Folder"));
  gtk_window_close (GTK_WINDOW (chooser));
  g_assert_true (studio_test_wait_until (chooser_gone, NULL, 5000));
  assert_no_hidden_window ();
  g_assert_true (gtk_widget_activate_action (page, "resources.import-files", NULL));
  studio_test_flush ();
  chooser = find_chooser ();
  g_assert_nonnull (chooser);
  respond (chooser, GTK_RESPONSE_CANCEL);
  g_assert_true (studio_test_wait_until (chooser_gone, NULL, 5000));
  assert_no_hidden_window ();

  /* The shortcuts window, shown and closed */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-help-overlay", NULL));
  studio_test_flush ();
  shortcuts = find_shortcuts_window ();
  g_assert_nonnull (shortcuts);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (shortcuts)));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (shortcuts));
  studio_test_save_shot (shortcuts, "shortcuts-window");
  gtk_window_close (shortcuts);
  g_assert_true (studio_test_wait_until (shortcuts_window_gone, NULL, 5000));
  assert_no_hidden_window ();
}

int
main (int   argc,
      char *argv[])
{
  if (!studio_test_init (&argc, &argv))
    return 0;

  g_test_add ("/studio/choosers/import-package", StudioTestFixture, "选择文件测试", studio_test_fixture_set_up,
              test_import_package, studio_test_fixture_tear_down);
  g_test_add ("/studio/choosers/join", StudioTestFixture, "选择文件测试", studio_test_fixture_set_up,
              test_join, studio_test_fixture_tear_down);
  g_test_add ("/studio/choosers/submit-output", StudioTestFixture, "选择文件测试", studio_test_fixture_set_up,
              test_submit_output, studio_test_fixture_tear_down);
  g_test_add ("/studio/choosers/none-left", StudioTestFixture, "选择文件测试", studio_test_fixture_set_up,
              test_none_left, studio_test_fixture_tear_down);

  return studio_test_run ();
}
