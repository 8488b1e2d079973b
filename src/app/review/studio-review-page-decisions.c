/* studio-review-page-decisions.c — the Review page's decisions: approve and reject the selected
 * resources (a rejection needs a note), Approve All on what the queue shows, the confirmation a decision
 * on more than one resource asks for, and the keys that move through the queue
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "studio-review-page-private.h"

static gboolean
review (StudioReviewPage   *self,
        GPtrArray          *ids,
        ReslibReviewAction  action,
        const char         *note)
{
  ReslibStore *store = studio_page_get_store (STUDIO_PAGE (self));
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  gboolean passed_unit = FALSE;

  if (store == NULL || ids->len == 0)
    return FALSE;
  if (!_studio_review_page_decide (self, ids, action == RESLIB_REVIEW_APPROVE, note, &passed_unit, &error))
    {
      studio_page_show_error (STUDIO_PAGE (self),
                              action == RESLIB_REVIEW_REJECT ? _("The resources could not be rejected")
                                                             : _("The resources could not be approved"),
                              error);
      _studio_review_page_reload_now (self);
      return FALSE;
    }

  if (action == RESLIB_REVIEW_REJECT)
    message = g_strdup_printf (_("Rejected: %u. Their authors see the note."), ids->len);
  else if (passed_unit)
    /* Translators: a toast after a unit's reviewer passed resources (level 1) */
    message = g_strdup_printf (_("Passed the unit's review: %u. They wait for the first host's decision."), ids->len);
  else
    message = g_strdup_printf (_("Approved: %u"), ids->len);
  studio_page_toast (STUDIO_PAGE (self), message);
  gtk_widget_set_visible (GTK_WIDGET (self->note_error_label), FALSE);
  /* Back to the queue, on the next resource. */
  gtk_widget_grab_focus (GTK_WIDGET (self->queue_view));
  _studio_review_page_reload_now (self);

  return TRUE;
}

typedef struct
{
  GPtrArray          *ids;
  ReslibReviewAction  action;
  char               *note;
} Decision;

static void
decision_free (gpointer data)
{
  Decision *decision = data;

  g_ptr_array_unref (decision->ids);
  g_free (decision->note);
  g_free (decision);
}

static void
confirm_response_cb (AdwMessageDialog *dialog,
                     const char       *response,
                     StudioReviewPage *self)
{
  Decision *decision = g_object_get_data (G_OBJECT (dialog), "decision");

  if (g_strcmp0 (response, "cancel") == 0 || decision == NULL)
    return;
  if (review (self, decision->ids, decision->action, decision->note) && decision->action == RESLIB_REVIEW_REJECT)
    gtk_editable_set_text (GTK_EDITABLE (self->note_entry), "");
}

/* A decision on more than one resource says how many, and asks first. */
static void
confirm (StudioReviewPage   *self,
         GPtrArray          *ids,
         ReslibReviewAction  action,
         const char         *note,
         const char         *heading,
         const char         *body)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  gboolean reject = action == RESLIB_REVIEW_REJECT;
  Decision *decision = g_new0 (Decision, 1);
  GtkWidget *dialog;

  decision->ids = g_ptr_array_ref (ids);
  decision->action = action;
  decision->note = g_strdup (note);
  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, heading, body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    reject ? "reject" : "approve", reject ? _("_Reject") : _("_Approve"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), reject ? "reject" : "approve",
                                              reject ? ADW_RESPONSE_DESTRUCTIVE : ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  gtk_window_set_destroy_with_parent (GTK_WINDOW (dialog), TRUE);
  g_object_set_data_full (G_OBJECT (dialog), "decision", decision, decision_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (confirm_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
approve_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  StudioReviewPage *self = STUDIO_REVIEW_PAGE (widget);
  g_autoptr(GPtrArray) ids = _studio_review_page_selected_ids (self);
  g_autofree char *heading = NULL;

  if (ids->len <= 1)
    {
      review (self, ids, RESLIB_REVIEW_APPROVE, NULL);
      return;
    }
  /* Translators: %u is a number of resources, more than one */
  heading = g_strdup_printf (_("Approve %u Resources?"), ids->len);
  confirm (self, ids, RESLIB_REVIEW_APPROVE, NULL, heading,
           _("Approved resources go into the packages for the province."));
}

static void
reject_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  StudioReviewPage *self = STUDIO_REVIEW_PAGE (widget);
  g_autoptr(GPtrArray) ids = _studio_review_page_selected_ids (self);
  g_autofree char *note = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->note_entry))));

  if (ids->len == 0)
    return;
  if (*note == '\0')
    {
      /* Refused: nothing changes, and the user is told what to do. */
      gtk_label_set_text (self->note_error_label,
                          _("Write a review note first: say why the resource is rejected, so its authors know what to fix."));
      gtk_widget_set_visible (GTK_WIDGET (self->note_error_label), TRUE);
      gtk_widget_add_css_class (GTK_WIDGET (self->note_entry), "error");
      gtk_widget_grab_focus (GTK_WIDGET (self->note_entry));
      return;
    }
  if (ids->len > 1)
    {
      /* Translators: %u is a number of resources, more than one */
      g_autofree char *heading = g_strdup_printf (_("Reject %u Resources?"), ids->len);
      /* Translators: %s is the review note */
      g_autofree char *body = g_strdup_printf (_("Each gets the review note “%s”, and goes back to its authors."), note);

      confirm (self, ids, RESLIB_REVIEW_REJECT, note, heading, body);
      return;
    }
  if (review (self, ids, RESLIB_REVIEW_REJECT, note))
    gtk_editable_set_text (GTK_EDITABLE (self->note_entry), "");
}

static void
approve_all_response_cb (AdwMessageDialog *dialog,
                         const char       *response,
                         StudioReviewPage *self)
{
  g_autoptr(GPtrArray) ids = NULL;

  if (g_strcmp0 (response, "approve") != 0)
    return;
  ids = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < _studio_review_page_queue_length (self); i++)
    {
      g_autoptr(ReslibRecord) resource = g_list_model_get_item (_studio_review_page_queue (self), i);

      g_ptr_array_add (ids, g_strdup (reslib_record_get_id (resource)));
    }
  review (self, ids, RESLIB_REVIEW_APPROVE, NULL);
}

static void
approve_all_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  StudioReviewPage *self = STUDIO_REVIEW_PAGE (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkWidget *dialog;
  guint n = _studio_review_page_queue_length (self);

  if (n == 0)
    return;
  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, _("Approve All?"), NULL);
  if (n == _studio_review_page_queue_total (self))
    adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog),
                                    _("This approves every resource waiting for review: %u in all. "
                                      "Approved resources go into the packages for the province."), n);
  else
    adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog),
                                    _("This approves the %u resources the search and filters show, of %u waiting. "
                                      "Approved resources go into the packages for the province."), n,
                                    _studio_review_page_queue_total (self));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "approve", _("Approve _All"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "approve", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  gtk_window_set_destroy_with_parent (GTK_WINDOW (dialog), TRUE);
  g_signal_connect_object (dialog, "response", G_CALLBACK (approve_all_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
move_selection (StudioReviewPage *self,
                int               delta)
{
  guint position = _studio_review_page_first_selected (self);
  guint n = _studio_review_page_queue_length (self);

  if (n == 0)
    return;
  if (position == GTK_INVALID_LIST_POSITION)
    position = 0;
  else if (delta < 0)
    position = position > 0 ? position - 1 : 0;
  else
    position = MIN (position + 1, n - 1);
  _studio_review_page_select_position (self, position);
  gtk_widget_grab_focus (GTK_WIDGET (self->queue_view));
}

static void
next_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  move_selection (STUDIO_REVIEW_PAGE (widget), 1);
}

static void
previous_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  move_selection (STUDIO_REVIEW_PAGE (widget), -1);
}

static void
focus_note_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  StudioReviewPage *self = STUDIO_REVIEW_PAGE (widget);

  gtk_widget_grab_focus (GTK_WIDGET (self->note_entry));
}

static void
note_activate_cb (GtkEntry         *entry,
                  StudioReviewPage *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "review.reject", NULL);
}

static void
note_changed_cb (GtkEditable      *editable,
                 StudioReviewPage *self)
{
  gtk_widget_remove_css_class (GTK_WIDGET (self->note_entry), "error");
}

void
_studio_review_page_class_init_decisions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "review.approve", NULL, approve_action);
  gtk_widget_class_install_action (widget_class, "review.reject", NULL, reject_action);
  gtk_widget_class_install_action (widget_class, "review.approve-all", NULL, approve_all_action);
  gtk_widget_class_install_action (widget_class, "review.next", NULL, next_action);
  gtk_widget_class_install_action (widget_class, "review.previous", NULL, previous_action);
  gtk_widget_class_install_action (widget_class, "review.focus-note", NULL, focus_note_action);

  /* Single keys: the page's shortcuts run after a focused entry has had its keys, so typing a
   * note is not disturbed. */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_a, 0, "review.approve", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_r, 0, "review.focus-note", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_j, 0, "review.next", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_k, 0, "review.previous", NULL);
}

/* Enter in the note rejects; typing clears the note's error. */
void
_studio_review_page_init_decisions (StudioReviewPage *self)
{
  g_signal_connect (self->note_entry, "activate", G_CALLBACK (note_activate_cb), self);
  g_signal_connect (self->note_entry, "changed", G_CALLBACK (note_changed_cb), self);
}
