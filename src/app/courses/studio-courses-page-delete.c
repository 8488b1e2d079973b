/* studio-courses-page-delete.c — the Courses page: deleting a course or node, and undoing it
 *
 * A course or node is deleted with everything below it (after asking, when that is more than
 * itself), in one transaction, at once; the deletion goes on the session's undo stack, so the
 * toast's "Undo" (or Ctrl+Z) puts it all back with the same ids.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "reslib-store-courses.h"
#include "reslib-undo-step.h"
#include "studio-courses-page-private.h"

/* A course or node put back (by the toast, Ctrl+Z or from another page) is shown selected. */
static void
undo_applied_cb (StudioUndoStack   *stack,
                 ReslibUndoStep    *step,
                 StudioCoursesPage *self)
{
  ReslibKind kind = reslib_undo_step_get_kind (step);

  if (reslib_undo_step_get_step_type (step) != RESLIB_UNDO_STEP_RESTORATION ||
      (kind != RESLIB_KIND_COURSE && kind != RESLIB_KIND_NODE))
    return;
  _studio_courses_page_reload_now (self);
  studio_courses_page_select (self, reslib_undo_step_get_ids (step)[0]);
}

static void
delete_record (StudioCoursesPage *self,
               ReslibRecord      *record)
{
  StudioUndoStack *stack = studio_page_get_undo_stack (STUDIO_PAGE (self));
  ReslibStore *store = studio_page_get_store (STUDIO_PAGE (self));
  g_autoptr(GError) error = NULL;
  g_autoptr(ReslibUndoStep) step = NULL;
  g_autofree char *title = NULL;

  step = reslib_store_delete_undoable (store, reslib_record_get_kind (record),
                                       (const char * const[]) { reslib_record_get_id (record), NULL }, &error);
  if (step == NULL)
    {
      _studio_courses_page_show_error (self, _studio_courses_page_is_node (record) ? _("The node could not be deleted")
                                                                                   : _("The course could not be deleted"),
                                       error);
      return;
    }
  title = g_strdup_printf (_("“%s” deleted"), reslib_record_get (record, "title"));
  _studio_courses_page_reload_now (self);
  studio_page_push_undo (STUDIO_PAGE (self), step, title, title);
  if (stack != NULL)
    {
      g_signal_handlers_disconnect_by_func (stack, undo_applied_cb, self);
      g_signal_connect_object (stack, "applied", G_CALLBACK (undo_applied_cb), self, 0);
    }
}

static void
delete_response_cb (AdwMessageDialog  *dialog,
                    const char        *response,
                    StudioCoursesPage *self)
{
  ReslibRecord *record = g_object_get_data (G_OBJECT (dialog), "record");

  if (g_strcmp0 (response, "delete") == 0 && record != NULL)
    delete_record (self, record);
}

void
_studio_courses_page_delete_action (GtkWidget  *widget,
                                    const char *action_name,
                                    GVariant   *parameter)
{
  StudioCoursesPage *self = STUDIO_COURSES_PAGE (widget);
  ReslibStore *store = studio_page_get_store (STUDIO_PAGE (self));
  g_autoptr(ReslibRecord) record = _studio_courses_page_get_selected (self);
  g_autoptr(GError) error = NULL;
  guint n_nodes = 0, n_resources = 0;
  GtkRoot *root;
  GtkWidget *dialog;

  if (record == NULL || store == NULL)
    return;
  if (!reslib_store_count_tree (store, reslib_record_get_kind (record), reslib_record_get_id (record),
                                &n_nodes, &n_resources, &error))
    {
      _studio_courses_page_show_error (self, _("The course tree could not be read"), error);
      return;
    }
  if (n_nodes == 0 && n_resources == 0)
    {
      delete_record (self, record);
      return;
    }

  /* It takes more with it: say what, and ask. */
  root = gtk_widget_get_root (widget);
  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                   _studio_courses_page_is_node (record) ? _("Delete Node?") : _("Delete Course?"), NULL);
  adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog),
                                  /* Translators: %s is a title, then the number of nodes, then of resources */
                                  _("Deleting “%s” also deletes the nodes below it (%u) and unlinks the resources "
                                    "linked to them (%u). The resources themselves stay in the library. "
                                    "You can undo this right after."),
                                  reslib_record_get (record, "title"), n_nodes, n_resources);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "delete", _("_Delete"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "delete", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  gtk_window_set_destroy_with_parent (GTK_WINDOW (dialog), TRUE);
  g_object_set_data_full (G_OBJECT (dialog), "record", g_object_ref (record), g_object_unref);
  g_signal_connect_object (dialog, "response", G_CALLBACK (delete_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}
