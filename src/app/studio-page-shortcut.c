/* studio-page-shortcut.c — a page's shortcuts that work wherever the page is shown
 *
 * A shortcut of a widget class (gtk_widget_class_add_binding_action) acts only while the focus is
 * inside the widget: after a click in the sidebar, F5 did not reach the Checks page, nor Delete the
 * Resources page. These shortcuts are in a controller the window manages instead: it runs them after
 * the focused widget had the key (a text field keeps its own keys), and only for the page shown (GTK
 * skips the controllers of unmapped widgets).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "studio-page-shortcut.h"

#define SHORTCUTS_KEY "studio-page-shortcuts"

/**
 * studio_page_add_shortcut:
 * @keyval: the key, e.g. %GDK_KEY_Delete
 * @modifiers: the modifiers that go with it, e.g. %GDK_CONTROL_MASK, or 0
 * @action_name: the page's action it activates, e.g. "resources.delete-selected"
 *
 * Adds a shortcut that works wherever @page is shown, not only while the focus is inside it.
 */
void
studio_page_add_shortcut (StudioPage      *page,
                          guint            keyval,
                          GdkModifierType  modifiers,
                          const char      *action_name)
{
  GtkShortcutController *shortcuts;

  g_return_if_fail (STUDIO_IS_PAGE (page));
  g_return_if_fail (action_name != NULL);

  shortcuts = g_object_get_data (G_OBJECT (page), SHORTCUTS_KEY);
  if (shortcuts == NULL)
    {
      shortcuts = GTK_SHORTCUT_CONTROLLER (gtk_shortcut_controller_new ());
      gtk_shortcut_controller_set_scope (shortcuts, GTK_SHORTCUT_SCOPE_MANAGED);
      gtk_widget_add_controller (GTK_WIDGET (page), GTK_EVENT_CONTROLLER (shortcuts));
      g_object_set_data (G_OBJECT (page), SHORTCUTS_KEY, shortcuts);
    }
  gtk_shortcut_controller_add_shortcut (shortcuts,
                                        gtk_shortcut_new (gtk_keyval_trigger_new (keyval, modifiers),
                                                          gtk_named_action_new (action_name)));
}
