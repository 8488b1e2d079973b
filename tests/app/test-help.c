/* test-help.c — the guide (F1): the teacher's and the lead's journeys
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <locale.h>
#include <string.h>

#include <glib/gi18n.h>

#include "studio-help-window.h"
#include "studio-test-utils.h"

typedef StudioTestFixture Fixture;

static GtkWindow *
find_help (StudioWindow *window)
{
  g_autoptr(GList) toplevels = gtk_window_list_toplevels ();

  for (GList *l = toplevels; l != NULL; l = l->next)
    if (STUDIO_IS_HELP_WINDOW (l->data) && gtk_widget_get_visible (l->data) &&
        gtk_window_get_transient_for (l->data) == GTK_WINDOW (window))
      return l->data;

  return NULL;
}

static guint
n_help_windows (void)
{
  g_autoptr(GList) toplevels = gtk_window_list_toplevels ();
  guint n = 0;

  for (GList *l = toplevels; l != NULL; l = l->next)
    n += STUDIO_IS_HELP_WINDOW (l->data) && gtk_widget_get_visible (l->data);

  return n;
}

static void
collect_labels (GtkWidget *widget,
                GPtrArray *labels)
{
  if (GTK_IS_LABEL (widget))
    g_ptr_array_add (labels, widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    collect_labels (child, labels);
}

/* F1 opens the guide, with both journeys; F1 again shows the same one. */
static void
test_help (Fixture       *f,
           gconstpointer  data)
{
  StudioWindow *window = studio_test_show_window (f->store);
  GtkWindow *help;

  g_assert_null (find_help (window));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.help", NULL));
  studio_test_flush ();
  help = find_help (window);
  g_assert_nonnull (help);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (help));
  studio_test_save_shot (help, "help");
  g_assert_true (studio_test_shows_text (help, "The Teacher's Journey"));
  g_assert_true (studio_test_shows_text (help, "The Lead's Journey"));
  g_assert_true (studio_test_shows_text (help, "Keys"));
  /* It opens with nothing selected: the focus is not in a label of the text. */
  {
    GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (help));
    g_autoptr(GPtrArray) labels = g_ptr_array_new ();
    int start, end;

    g_assert_false (focus != NULL && GTK_IS_LABEL (focus));
    collect_labels (GTK_WIDGET (help), labels);
    g_assert_cmpuint (labels->len, >, 5);
    for (guint i = 0; i < labels->len; i++)
      g_assert_false (gtk_label_get_selection_bounds (g_ptr_array_index (labels, i), &start, &end));
  }

  gtk_widget_activate_action (GTK_WIDGET (window), "win.help", NULL);
  studio_test_flush ();
  g_assert_true (find_help (window) == help);
  g_assert_cmpuint (n_help_windows (), ==, 1);

  gtk_window_destroy (help);
  studio_test_flush ();

  studio_test_close_window (window);
}

static gboolean
help_shown_cb (gpointer window)
{
  return find_help (window) != NULL;
}

/* In the Chinese UI, F1 (a real key press) opens the Chinese guide, with both journeys and no English
 * heading left. */
static void
test_help_zh (Fixture       *f,
              gconstpointer  data)
{
  StudioWindow *window;
  GtkWindow *help;

  g_assert_nonnull (setlocale (LC_ALL, "zh_CN.UTF-8"));
  textdomain (GETTEXT_PACKAGE);
  g_assert_cmpstr (_("The Teacher's Journey"), ==, "教师的工作流程");
  window = studio_test_show_window (f->store);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  if (!studio_test_press_keys (window, "F1"))
    {
      studio_test_close_window (window);
      setlocale (LC_ALL, "C.UTF-8");
      g_test_skip ("no xdotool or no X11 display");
      return;
    }
  g_assert_true (studio_test_wait_until (help_shown_cb, window, 5000));
  help = find_help (window);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (help));
  studio_test_save_shot (help, "help-zh_CN");
  g_assert_true (studio_test_shows_text (help, "教师的工作流程"));
  g_assert_true (studio_test_shows_text (help, "项目主持人的工作流程"));
  g_assert_true (studio_test_shows_text (help, "快捷键"));
  g_assert_false (studio_test_shows_text (help, "The Teacher's Journey"));
  g_assert_false (studio_test_shows_text (help, "The Lead's Journey"));
  g_assert_cmpstr (gtk_window_get_title (help), ==, _("ResLib Studio Guide"));
  g_assert_cmpstr (gtk_window_get_title (help), !=, "ResLib Studio Guide");

  gtk_window_destroy (help);
  studio_test_flush ();
  studio_test_close_window (window);
  setlocale (LC_ALL, "C.UTF-8");
}

int
main (int   argc,
      char *argv[])
{
  if (!studio_test_init (&argc, &argv))
    return 0;

  g_test_add ("/studio/window/help", Fixture, NULL, studio_test_fixture_set_up, test_help, studio_test_fixture_tear_down);
  g_test_add ("/studio/window/help-zh", Fixture, NULL, studio_test_fixture_set_up, test_help_zh, studio_test_fixture_tear_down);

  return studio_test_run ();
}
