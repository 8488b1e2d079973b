/* studio-window-undo.c — the window's Undo (Ctrl+Z) and Redo (Shift+Ctrl+Z): the session's undo stack
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "studio-undo-stack.h"
#include "studio-window.h"

/**
 * studio_window_get_undo_stack:
 *
 * Returns: (transfer none) (nullable): the undo stack of the window's session
 */
StudioUndoStack *
studio_window_get_undo_stack (StudioWindow *self)
{
  StudioSession *session;

  g_return_val_if_fail (STUDIO_IS_WINDOW (self), NULL);

  session = studio_window_get_session (self);
  return session != NULL ? studio_session_get_undo_stack (session) : NULL;
}

static void
undo_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  StudioWindow *self = STUDIO_WINDOW (widget);
  StudioUndoStack *stack = studio_window_get_undo_stack (self);
  g_autoptr(GError) error = NULL;
  gboolean ok;

  if (stack == NULL)
    return;
  if (g_str_equal (action_name, "win.redo"))
    ok = studio_undo_stack_redo (stack, &error);
  else
    ok = studio_undo_stack_undo (stack, &error);
  if (!ok)
    studio_window_show_error (self, _("The change could not be undone"), error);
}

static void
update_actions (StudioWindow *self)
{
  StudioUndoStack *stack = studio_window_get_undo_stack (self);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.undo",
                                 stack != NULL && studio_undo_stack_get_can_undo (stack));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.redo",
                                 stack != NULL && studio_undo_stack_get_can_redo (stack));
}

/* Undo and Redo are enabled when there is something to undo or redo; called once the window has
 * its session. */
void
_studio_window_undo_init (StudioWindow *self)
{
  StudioUndoStack *stack = studio_window_get_undo_stack (self);

  if (stack != NULL)
    {
      g_signal_connect_object (stack, "notify::can-undo", G_CALLBACK (update_actions), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (stack, "notify::can-redo", G_CALLBACK (update_actions), self, G_CONNECT_SWAPPED);
    }
  update_actions (self);
}

void
_studio_window_class_undo_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.undo", NULL, undo_action);
  gtk_widget_class_install_action (widget_class, "win.redo", NULL, undo_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK, "win.undo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.redo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Z, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.redo", NULL);
}
