/* studio-page-undo.c — what pages do to make a change undoable: push its step onto the session's
 * undo stack and, for a deletion, show a toast whose Undo takes it back
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "studio-page.h"
#include "studio-undo-stack.h"

/**
 * studio_page_get_undo_stack:
 *
 * Returns: (transfer none) (nullable): the undo stack of the page's session
 */
StudioUndoStack *
studio_page_get_undo_stack (StudioPage *self)
{
  StudioSession *session;

  g_return_val_if_fail (STUDIO_IS_PAGE (self), NULL);

  session = studio_page_get_session (self);
  return session != NULL ? studio_session_get_undo_stack (session) : NULL;
}

static void
toast_undo_cb (AdwToast   *toast,
               StudioPage *page)
{
  StudioUndoStack *stack = studio_page_get_undo_stack (page);
  ReslibUndoStep *step = g_object_get_data (G_OBJECT (toast), "studio-undo-step");
  g_autoptr(GError) error = NULL;

  if (stack != NULL && step != NULL && !studio_undo_stack_undo_step (stack, step, &error))
    studio_page_show_error (page, _("The change could not be undone"), error);
}

/**
 * studio_page_push_undo:
 * @step: a change the page has written to the store
 * @label: what it did, in the user's words
 * @toast: (nullable): the title of a toast to show with an Undo button (for deletions), or %NULL
 *
 * Makes @step the change the next undo (Ctrl+Z) takes back.
 */
void
studio_page_push_undo (StudioPage     *self,
                       ReslibUndoStep *step,
                       const char     *label,
                       const char     *toast)
{
  StudioUndoStack *stack;
  AdwToast *shown;

  g_return_if_fail (STUDIO_IS_PAGE (self));
  g_return_if_fail (step != NULL);

  stack = studio_page_get_undo_stack (self);
  if (stack == NULL)
    return;
  studio_undo_stack_push (stack, step, label);
  if (toast == NULL)
    return;

  shown = adw_toast_new (toast);
  adw_toast_set_button_label (shown, _("_Undo"));
  adw_toast_set_timeout (shown, 10);
  adw_toast_set_priority (shown, ADW_TOAST_PRIORITY_HIGH);
  g_object_set_data_full (G_OBJECT (shown), "studio-undo-step", reslib_undo_step_ref (step),
                          (GDestroyNotify) reslib_undo_step_unref);
  /* The toast lives in the window, outside the page: its button cannot reach the page's actions. */
  g_signal_connect_object (shown, "button-clicked", G_CALLBACK (toast_undo_cb), self, 0);
  studio_page_add_toast (self, shown);
}
