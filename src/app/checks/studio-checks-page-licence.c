/* studio-checks-page-licence.c — the Checks page's bulk fix for the licence's group
 *
 * The resources the licence rule found get one licence and holder, asked for in a dialog that says how
 * many, and written in one transaction as one step of the undo stack.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "studio-check-group.h"
#include "studio-checks-page.h"
#include "studio-checks-page-private.h"

/* The licence's group: one licence and holder for all its resources, in one undoable step */

static void
licence_changed_cb (AdwMessageDialog *dialog)
{
  GtkEditable *licence = g_object_get_data (G_OBJECT (dialog), "licence");
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (licence)));

  adw_message_dialog_set_response_enabled (dialog, "apply", *text != '\0');
}

static void
licence_response_cb (AdwMessageDialog *dialog,
                     const char       *response,
                     StudioChecksPage *self)
{
  ReslibStore *store = studio_page_get_store (STUDIO_PAGE (self));
  const char * const *ids = g_object_get_data (G_OBJECT (dialog), "ids");
  g_autofree char *licence = NULL;
  g_autofree char *holder = NULL;
  g_autoptr(ReslibUndoStep) step = NULL;
  g_autoptr(GError) error = NULL;

  if (!g_str_equal (response, "apply") || store == NULL || ids == NULL)
    return;
  licence = g_strstrip (g_strdup (gtk_editable_get_text (g_object_get_data (G_OBJECT (dialog), "licence"))));
  holder = g_strstrip (g_strdup (gtk_editable_get_text (g_object_get_data (G_OBJECT (dialog), "holder"))));
  if (*licence == '\0')
    return;
  step = reslib_store_update_undoable (store, RESLIB_KIND_RESOURCE, ids,
                                       (const char * const[]) { "license", *holder != '\0' ? "license_holder" : NULL,
                                                                NULL },
                                       (const char * const[]) { licence, holder, NULL }, &error);
  if (step == NULL)
    {
      g_prefix_error (&error, "%s\n\n", _("None of the resources was changed."));
      studio_page_show_error (STUDIO_PAGE (self), _("The licence could not be set"), error);
      return;
    }
  {
    guint n = g_strv_length ((char **) ids);
    /* Translators: after setting the licence on resources from the Checks page; %u is how many */
    g_autofree char *message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Licence set on %u resource",
                                                             "Licence set on %u resources", n), n);

    studio_page_push_undo (STUDIO_PAGE (self), step, message, message);
  }
}

/**
 * studio_checks_page_ask_licence:
 * @key: a group's key ("SEVERITY RULE")
 *
 * Asks for a licence and its holder to set on all the resources of the group, saying how many.
 *
 * Returns: (transfer none) (nullable): the dialog, or %NULL when there is no such group
 */
GtkWindow *
studio_checks_page_ask_licence (StudioChecksPage *self,
                                const char       *key)
{
  g_autoptr(StudioCheckGroup) group = _studio_checks_page_find_group (self, key);
  g_auto(GStrv) ids = group != NULL ? studio_check_group_dup_resource_ids (group) : NULL;
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *rows;
  GtkWidget *licence;
  GtkWidget *holder;
  AdwMessageDialog *dialog;
  g_autofree char *heading = NULL;
  guint n;

  if (ids == NULL || ids[0] == NULL)
    return NULL;
  n = g_strv_length (ids);
  /* Translators: the heading of the dialog that sets a licence on the resources a check found */
  heading = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Set the Licence of %u Resource?",
                                          "Set the Licence of %u Resources?", n), n);
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, heading,
                                                       _("The licence and its holder are set on every resource of "
                                                         "this group, in one step that Undo takes back.")));
  rows = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (rows), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (rows, "boxed-list");
  licence = adw_entry_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (licence), _("Licence"));
  holder = adw_entry_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (holder), _("Licence holder"));
  gtk_list_box_append (GTK_LIST_BOX (rows), licence);
  gtk_list_box_append (GTK_LIST_BOX (rows), holder);
  adw_message_dialog_set_extra_child (dialog, rows);
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "apply", _("_Set Licence"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "apply", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_response_enabled (dialog, "apply", FALSE);
  adw_message_dialog_set_default_response (dialog, "apply");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_object_set_data (G_OBJECT (dialog), "licence", licence);
  g_object_set_data (G_OBJECT (dialog), "holder", holder);
  g_object_set_data_full (G_OBJECT (dialog), "ids", g_steal_pointer (&ids), (GDestroyNotify) g_strfreev);
  g_signal_connect_swapped (licence, "changed", G_CALLBACK (licence_changed_cb), dialog);
  g_signal_connect_object (dialog, "response", G_CALLBACK (licence_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));

  return GTK_WINDOW (dialog);
}

