/* studio-window-drag.c — the sidebar opens the page a drag hovers on
 *
 * Held for a moment over a page's row in the sidebar, a drag (resources from the Resources page)
 * shows that page, where it can be dropped (the Courses page's modules and points link them).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "studio-window-private.h"

#define SPRING_MS 600

static void
remove_source (gpointer id)
{
  g_source_remove (GPOINTER_TO_UINT (id));
}

static gboolean
spring_cb (gpointer data)
{
  GtkWidget *row = data;
  GtkRoot *root = gtk_widget_get_root (row);

  g_object_steal_data (G_OBJECT (row), "studio-spring-id");
  if (STUDIO_IS_WINDOW (root))
    studio_window_show_page (STUDIO_WINDOW (root), gtk_widget_get_name (row));

  return G_SOURCE_REMOVE;
}

static void
drag_enter_cb (GtkDropControllerMotion *motion,
               double                   x,
               double                   y,
               GtkWidget               *row)
{
  if (g_object_get_data (G_OBJECT (row), "studio-spring-id") != NULL)
    return;
  g_object_set_data_full (G_OBJECT (row), "studio-spring-id",
                          GUINT_TO_POINTER (g_timeout_add (SPRING_MS, spring_cb, row)), remove_source);
}

static void
drag_leave_cb (GtkDropControllerMotion *motion,
               GtkWidget               *row)
{
  g_object_set_data (G_OBJECT (row), "studio-spring-id", NULL);
}

/* Makes the sidebar's @row show its page when a drag stays on it for a moment. */
void
_studio_window_spring_load_row (GtkWidget *row)
{
  GtkEventController *motion = gtk_drop_controller_motion_new ();

  g_signal_connect (motion, "enter", G_CALLBACK (drag_enter_cb), row);
  g_signal_connect (motion, "leave", G_CALLBACK (drag_leave_cb), row);
  gtk_widget_add_controller (row, motion);
}
