/* studio-test-utils.c — helpers shared by the application's widget tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <glib-unix.h>
#include <locale.h>
#include <poll.h>
#include <signal.h>
#include <unistd.h>
#ifdef __linux__
#include <sys/prctl.h>
#endif

#include "reslib-demo.h"
#include "studio-test-utils.h"

#include "studio-page.h"

#ifdef GDK_WINDOWING_X11
#include <gdk/x11/gdkx.h>
#endif

static char *test_home;

static void
own_display_child_setup (gpointer data)
{
#ifdef __linux__
  /* The server ends with the test program, even when an assertion aborts it (the server is the
   * program's own child: G_SPAWN_DO_NOT_REAP_CHILD spawns without an intermediate process). */
  prctl (PR_SET_PDEATHSIG, SIGTERM);
#endif
}

/**
 * studio_test_use_own_display:
 *
 * Where a display was asked for ($DISPLAY is set) and Xvfb is installed, starts an X server for this
 * test program alone and points $DISPLAY at it. Keys pressed with xdotool go to the window that has
 * the input focus, and a window shown by another test program on a shared server can take it between
 * the focus and the keys. Call before gtk_init(); without Xvfb the shared display is kept. Its screen is
 * 1280 × 800, or $STUDIO_TEST_SCREEN (e.g. "1920x1080") for a test that needs a wider one.
 */
void
studio_test_use_own_display (void)
{
  g_autofree char *xvfb = g_find_program_in_path ("Xvfb");
  g_autoptr(GError) error = NULL;
  g_autofree char *screen = g_strdup_printf ("%sx24", g_getenv ("STUDIO_TEST_SCREEN") != NULL
                                                     ? g_getenv ("STUDIO_TEST_SCREEN") : "1280x800");
  const char *argv[] = { NULL, "-displayfd", "3", "-screen", "0", screen, "-nolisten", "tcp",
                         "-nolisten", "unix", NULL };
  int fds[2];
  int source_fds[1];
  int target_fds[1] = { 3 };
  char number[32] = { 0 };
  gsize got = 0;
  GPid pid;

  if (g_getenv ("DISPLAY") == NULL || xvfb == NULL || g_getenv ("STUDIO_TEST_SHARED_DISPLAY") != NULL)
    return;
  /* -nolisten unix keeps the abstract socket only: nothing is left in /tmp/.X11-unix when it ends. */
  argv[0] = xvfb;
  g_assert_true (g_unix_open_pipe (fds, FD_CLOEXEC, NULL));
  source_fds[0] = fds[1];
  if (!g_spawn_async_with_pipes_and_fds (NULL, argv, NULL,
                                         G_SPAWN_DO_NOT_REAP_CHILD | G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL,
                                         own_display_child_setup, NULL, -1, -1, -1, source_fds, target_fds, 1,
                                         &pid, NULL, NULL, NULL, &error))
    {
      g_test_message ("no X server of the test's own (%s): the shared display is used", error->message);
      close (fds[0]);
      close (fds[1]);
      return;
    }
  close (fds[1]);
  /* The server writes its display number once it takes connections. */
  while (got < sizeof number - 1 && strchr (number, '\n') == NULL)
    {
      struct pollfd p = { .fd = fds[0], .events = POLLIN };
      gssize n;

      if (poll (&p, 1, 20000) <= 0)
        break;
      n = read (fds[0], number + got, sizeof number - 1 - got);
      if (n <= 0)
        break;
      got += n;
    }
  close (fds[0]);
  if (strchr (number, '\n') == NULL)
    {
      g_test_message ("Xvfb did not start: the shared display is used");
      kill (pid, SIGTERM);
      g_spawn_close_pid (pid);
      return;
    }
  *strchr (number, '\n') = '\0';
  {
    g_autofree char *display = g_strconcat (":", number, NULL);

    g_setenv ("DISPLAY", display, TRUE);
  }
}

/**
 * studio_test_set_locale:
 *
 * Before gtk_init(): the tests run in the C locale (English), unless STUDIO_TEST_SHOT_LOCALE (e.g.
 * zh_CN.UTF-8, with RESLIB_LOCALEDIR) asks for another, for looking at the pictures of
 * studio_test_save_shot() in that language; assertions on English text then fail after the picture is
 * taken.
 */
void
studio_test_set_locale (void)
{
  const char *locale = g_getenv ("STUDIO_TEST_SHOT_LOCALE");

  gtk_disable_setlocale ();
  setlocale (LC_ALL, "C.UTF-8");
  if (locale != NULL && g_getenv ("RESLIB_LOCALEDIR") != NULL)
    {
      if (setlocale (LC_ALL, locale) == NULL)
        g_error ("STUDIO_TEST_SHOT_LOCALE: no locale %s on this machine", locale);
      bindtextdomain (GETTEXT_PACKAGE, g_getenv ("RESLIB_LOCALEDIR"));
      bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
      textdomain (GETTEXT_PACKAGE);
    }
}

/* Not G_TEST_OPTION_ISOLATE_DIRS: it empties XDG_DATA_DIRS too, and GTK then finds neither the
 * MIME database (so no SVG icons) nor the icon theme. The user's own folders are still kept out
 * of the way. The tests run in the C locale (English) unless a test sets another. */
gboolean
studio_test_init (int    *argc,
                  char ***argv)
{
  const char *vars[] = { "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_DATA_HOME", "XDG_STATE_HOME" };

  test_home = g_dir_make_tmp ("reslib-test-home-XXXXXX", NULL);
  g_assert_nonnull (test_home);
  for (guint i = 0; i < G_N_ELEMENTS (vars); i++)
    {
      g_autofree char *dir = g_build_filename (test_home, vars[i], NULL);

      g_mkdir_with_parents (dir, 0700);
      g_setenv (vars[i], dir, TRUE);
    }

  g_test_init (argc, argv, NULL);
  studio_test_use_own_display ();
  studio_test_set_locale ();
  if (!gtk_init_check ())
    {
      g_print ("1..0 # SKIP no display\n");
      reslib_test_rm_rf (test_home);
      return FALSE;
    }
  adw_init ();
  reslib_core_init ();
  studio_accessibility_init ();
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);

  return TRUE;
}

/**
 * studio_test_save_shot:
 * @widget: a realized widget (a window, a dialog)
 * @name: the picture's name, without ".png"
 *
 * With STUDIO_TEST_SHOT_DIR set, renders @widget as it looks now to DIR/NAME.png (for looking at it);
 * else does nothing.
 */
void
studio_test_save_shot (gpointer    widget,
                       const char *name)
{
  const char *dir = g_getenv ("STUDIO_TEST_SHOT_DIR");
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GtkSnapshot) snapshot = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *file = NULL;
  g_autofree char *path = NULL;
  int width, height;

  if (dir == NULL)
    return;
  studio_test_flush ();
  width = gtk_widget_get_width (widget);
  height = gtk_widget_get_height (widget);
  paintable = gtk_widget_paintable_new (widget);
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot), width, height);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (gtk_widget_get_native (widget)), node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));
  file = g_strconcat (name, ".png", NULL);
  path = g_build_filename (dir, file, NULL);
  g_assert_true (gdk_texture_save_to_png (texture, path));
}

int
studio_test_run (void)
{
  int status = g_test_run ();

  reslib_test_rm_rf (test_home);
  g_clear_pointer (&test_home, g_free);

  return status;
}

StudioWindow *
studio_test_show_window (ReslibStore *store)
{
  g_autoptr(StudioSession) session = studio_session_new (store, NULL);
  StudioWindow *window = studio_window_new (NULL, session);

  g_object_ref (window);
  gtk_window_present (GTK_WINDOW (window));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));

  return window;
}

void
studio_test_close_window (StudioWindow *window)
{
  gtk_window_destroy (GTK_WINDOW (window));
  studio_test_flush ();
  g_assert_finalize_object (window);
}

/**
 * studio_test_fixture_set_up:
 * @data: (nullable): the name of a new empty project, or %NULL for the demo project
 *
 * A temporary folder, a store in its "data" folder and a project, for g_test_add().
 */
void
studio_test_fixture_set_up (StudioTestFixture *f,
                            gconstpointer      data)
{
  g_autofree char *data_dir = NULL;

  f->dir = reslib_test_make_tmp_dir ("reslib-app-test-XXXXXX");
  data_dir = g_build_filename (f->dir, "data", NULL);
  f->store = reslib_test_open_store (data_dir);
  if (data != NULL)
    f->project = reslib_test_new_project (f->store, data);
  else
    {
      g_autoptr(GError) error = NULL;

      f->project = reslib_demo_create (f->store, NULL, &error);
      g_assert_no_error (error);
    }
  f->window = NULL;
}

void
studio_test_fixture_tear_down (StudioTestFixture *f,
                               gconstpointer      data)
{
  if (f->window != NULL)
    studio_test_close_window (f->window);
  g_clear_object (&f->store);
  reslib_test_rm_rf (f->dir);
  g_free (f->dir);
  g_free (f->project);
}

gpointer
studio_test_page_child (StudioWindow *window,
                        const char   *page_name,
                        const char   *name)
{
  StudioPage *page = studio_window_get_page (window, page_name);
  GObject *object;

  if (page == NULL)
    g_error ("The window has no page “%s”", page_name);
  object = gtk_widget_get_template_child (GTK_WIDGET (page), G_OBJECT_TYPE (page), name);
  if (object == NULL)
    g_error ("The page “%s” has no template child “%s”", page_name, name);

  return object;
}

static gboolean
timeout_cb (gpointer data)
{
  gboolean *timed_out = data;

  *timed_out = TRUE;
  return G_SOURCE_REMOVE;
}

gboolean
studio_test_wait_until (gboolean (*done) (gpointer data),
                        gpointer   data,
                        guint      timeout_ms)
{
  gboolean timed_out = FALSE;
  guint id = g_timeout_add (timeout_ms, timeout_cb, &timed_out);
  gboolean result;

  while (!(result = done (data)) && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  if (!timed_out)
    g_source_remove (id);

  return result;
}

void
studio_test_flush (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
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

gboolean
studio_test_shows_text (gpointer    widget,
                        const char *text)
{
  g_autoptr(GPtrArray) texts = g_ptr_array_new_with_free_func (g_free);

  collect_labels (GTK_WIDGET (widget), texts);
  for (guint i = 0; i < texts->len; i++)
    if (g_strcmp0 (g_ptr_array_index (texts, i), text) == 0)
      return TRUE;

  return FALSE;
}

GtkWidget *
studio_test_find_labelled (gpointer    root,
                           const char *label)
{
  GtkWidget *widget = GTK_WIDGET (root);
  g_autofree char *mismatch = NULL;

  /* GTK 4.8 has no getter for accessible properties; the test backend (GTK_A11Y=test) compares them. */
  mismatch = gtk_test_accessible_check_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL, label);
  if (mismatch == NULL)
    return widget;
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = studio_test_find_labelled (c, label);

      if (found != NULL)
        return found;
    }

  return NULL;
}

GtkWidget *
studio_test_find_button (gpointer    root,
                         const char *label)
{
  GtkWidget *widget = GTK_WIDGET (root);

  if (GTK_IS_BUTTON (widget) && gtk_widget_get_mapped (widget) &&
      g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), label) == 0)
    return widget;
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = studio_test_find_button (c, label);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static GtkTextView *
find_text_view (GtkWidget *widget)
{
  if (GTK_IS_TEXT_VIEW (widget))
    return GTK_TEXT_VIEW (widget);
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      GtkTextView *found = find_text_view (c);

      if (found != NULL)
        return found;
    }

  return NULL;
}

char *
studio_test_text_view_text (gpointer root)
{
  GtkTextView *view = find_text_view (GTK_WIDGET (root));
  GtkTextIter start, end;

  if (view == NULL)
    g_error ("No text view under %s", G_OBJECT_TYPE_NAME (root));
  gtk_text_buffer_get_bounds (gtk_text_view_get_buffer (view), &start, &end);

  return gtk_text_buffer_get_text (gtk_text_view_get_buffer (view), &start, &end, FALSE);
}

void
studio_test_text_view_type (gpointer    root,
                            const char *text)
{
  GtkTextView *view = find_text_view (GTK_WIDGET (root));

  if (view == NULL)
    g_error ("No text view under %s", G_OBJECT_TYPE_NAME (root));
  g_assert_true (gtk_widget_grab_focus (GTK_WIDGET (view)));
  studio_test_flush ();
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (view), text, -1);
  gtk_root_set_focus (gtk_widget_get_root (GTK_WIDGET (view)), NULL);
  studio_test_flush ();
}

/* ---------------------------------------------------------------------------------------------- */
/* Driving forms: the Dossier and Units & Team pages and their add dialogs                          */

static gboolean
message_dialog_shown (gpointer data)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (window) && gtk_widget_get_visible (GTK_WIDGET (window)))
        {
          if (data != NULL)
            *(AdwMessageDialog **) data = ADW_MESSAGE_DIALOG (window);
          return TRUE;
        }
    }

  return FALSE;
}

static gboolean
no_message_dialog (gpointer data)
{
  return !message_dialog_shown (NULL);
}

/**
 * studio_test_wait_for_dialog:
 *
 * Runs the main loop until a message dialog shows, and returns it.
 */
AdwMessageDialog *
studio_test_wait_for_dialog (void)
{
  AdwMessageDialog *dialog = NULL;

  studio_test_flush ();
  g_assert_true (studio_test_wait_until (message_dialog_shown, &dialog, 5000));

  return dialog;
}

/**
 * studio_test_respond:
 *
 * Gives @dialog's @response and closes it, as its button does, and waits until no message dialog shows.
 */
void
studio_test_respond (AdwMessageDialog *dialog,
                     const char       *response)
{
  GtkWidget *widget = GTK_WIDGET (dialog);

  /* As the dialog's button does: the response, then the dialog closes (unless the handler destroyed it). */
  g_object_add_weak_pointer (G_OBJECT (widget), (gpointer *) &widget);
  adw_message_dialog_response (dialog, response);
  if (widget != NULL)
    {
      g_object_remove_weak_pointer (G_OBJECT (widget), (gpointer *) &widget);
      gtk_window_close (GTK_WINDOW (widget));
    }
  studio_test_flush ();
  g_assert_true (studio_test_wait_until (no_message_dialog, NULL, 5000));
  studio_test_flush ();
}

/**
 * studio_test_labelled:
 *
 * The first widget under @root whose accessible label is @label; aborts when there is none.
 */
GtkWidget *
studio_test_labelled (gpointer    root,
                      const char *label)
{
  GtkWidget *widget = studio_test_find_labelled (root, label);

  if (widget == NULL)
    g_error ("No widget labelled “%s”", label);

  return widget;
}

/**
 * studio_test_click:
 *
 * Clicks the sensitive button labelled @label under @root.
 */
void
studio_test_click (gpointer    root,
                   const char *label)
{
  GtkWidget *button = studio_test_labelled (root, label);

  g_assert_true (GTK_IS_BUTTON (button));
  g_assert_true (gtk_widget_is_sensitive (button));
  g_signal_emit_by_name (button, "clicked");
  studio_test_flush ();
}

/**
 * studio_test_set_text:
 *
 * Types @text into the editable labelled @label under @root.
 */
void
studio_test_set_text (gpointer    root,
                      const char *label,
                      const char *text)
{
  GtkWidget *widget = studio_test_labelled (root, label);

  g_assert_true (GTK_IS_EDITABLE (widget));
  gtk_editable_set_text (GTK_EDITABLE (widget), text);
}

/**
 * studio_test_apply_text:
 *
 * Types @text into the entry row labelled @label and applies it, as Enter or the apply button does.
 */
void
studio_test_apply_text (gpointer    root,
                        const char *label,
                        const char *text)
{
  GtkWidget *widget = studio_test_labelled (root, label);

  g_assert_true (ADW_IS_ENTRY_ROW (widget));
  gtk_editable_set_text (GTK_EDITABLE (widget), text);
  g_signal_emit_by_name (widget, "apply");
  studio_test_flush ();
}

/**
 * studio_test_choose:
 *
 * Selects @item in the combo row labelled @label under @root.
 */
void
studio_test_choose (gpointer    root,
                    const char *label,
                    const char *item)
{
  GtkWidget *widget = studio_test_labelled (root, label);
  GListModel *model;

  g_assert_true (ADW_IS_COMBO_ROW (widget));
  model = adw_combo_row_get_model (ADW_COMBO_ROW (widget));
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    if (g_strcmp0 (gtk_string_list_get_string (GTK_STRING_LIST (model), i), item) == 0)
      {
        adw_combo_row_set_selected (ADW_COMBO_ROW (widget), i);
        studio_test_flush ();
        return;
      }
  g_error ("The combo “%s” has no item “%s”", label, item);
}

AdwMessageDialog *
studio_test_find_dialog (void)
{
  g_autoptr(GList) toplevels = gtk_window_list_toplevels ();

  for (GList *l = toplevels; l != NULL; l = l->next)
    if (ADW_IS_MESSAGE_DIALOG (l->data) && gtk_widget_get_visible (l->data))
      return l->data;

  return NULL;
}

/* Real key presses through the X server (xdotool key KEYS…, e.g. "ctrl+i") to @window, given the X
 * input focus first, then runs the main loop until they are handled. FALSE without xdotool or an X11
 * display: the test skips. */
gboolean
studio_test_press_keys (StudioWindow *window,
                        const char   *keys)
{
  return studio_test_press_keys_to (GTK_WINDOW (window), keys);
}

gboolean
studio_test_press_keys_to (GtkWindow  *window,
                           const char *keys)
{
  g_autofree char *xdotool = g_find_program_in_path ("xdotool");
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) words = g_strsplit (keys, " ", -1);
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  int status = 0;

  g_autofree char *xid = NULL;

#ifdef GDK_WINDOWING_X11
  if (GDK_IS_X11_DISPLAY (gtk_widget_get_display (GTK_WIDGET (window))))
    xid = g_strdup_printf ("%lu", (gulong) gdk_x11_surface_get_xid (gtk_native_get_surface (GTK_NATIVE (window))));
#endif
  if (xdotool == NULL || xid == NULL)
    return FALSE;
  studio_test_flush ();
  /* Other tests' windows may be on the same X server: give this one the input focus first. */
  g_ptr_array_add (argv, xdotool);
  g_ptr_array_add (argv, (gpointer) "windowfocus");
  g_ptr_array_add (argv, (gpointer) "--sync");
  g_ptr_array_add (argv, xid);
  g_ptr_array_add (argv, (gpointer) "key");
  g_ptr_array_add (argv, (gpointer) "--delay");
  g_ptr_array_add (argv, (gpointer) "30");
  for (guint i = 0; words[i] != NULL; i++)
    g_ptr_array_add (argv, words[i]);
  g_ptr_array_add (argv, NULL);
  g_assert_true (g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err, &status, &error));
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("xdotool key %s failed: %s", keys, err);
  /* The events are in the X server's queue: let GTK read and handle them. */
  for (guint i = 0; i < 10; i++)
    {
      g_usleep (20000);
      studio_test_flush ();
    }

  return TRUE;
}
