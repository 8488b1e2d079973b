/* studio-resources-page-ids.c — the Resources page showing only the resources another page named
 *
 * "Show Resources" on a group of the Checks page opens the Resources page filtered to exactly the
 * resources of that group: a bar above the list says how many and from which check, and "Show All"
 * removes the filter. The filter goes with the page's other filters and its search.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "studio-resources-page-private.h"

static GtkWidget *
ensure_bar (StudioResourcesPage *self)
{
  GtkWidget *box;
  GtkWidget *label;
  GtkWidget *button;

  if (self->ids_bar != NULL)
    return self->ids_bar;

  box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  gtk_widget_set_margin_start (box, 6);
  gtk_widget_set_margin_end (box, 6);
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_widget_add_css_class (box, "card");
  label = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_widget_set_margin_start (label, 6);
  button = gtk_button_new_with_mnemonic (_("Show _All"));
  gtk_widget_set_tooltip_text (button, _("Show all the resources again"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "resources.show-all");
  gtk_widget_add_css_class (button, "flat");
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), button);
  g_object_set_data (G_OBJECT (box), "label", label);
  /* Above the list, in the list's own column. */
  gtk_box_prepend (GTK_BOX (gtk_widget_get_parent (GTK_WIDGET (self->list_stack))), box);
  self->ids_bar = box;

  return box;
}

/**
 * studio_resources_page_show_ids:
 * @from: what named them (a check's title), for the bar
 * @ids: the resources' ids
 *
 * Shows only the resources @ids (those of the project among them), with a bar that says so and removes
 * the filter.
 */
void
studio_resources_page_show_ids (StudioResourcesPage *self,
                                const char          *from,
                                const char * const  *ids)
{
  GtkWidget *bar;
  g_autofree char *text = NULL;
  guint n;

  g_return_if_fail (STUDIO_IS_RESOURCES_PAGE (self));
  g_return_if_fail (ids != NULL);

  g_clear_pointer (&self->ids_filter, g_hash_table_unref);
  self->ids_filter = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (guint i = 0; ids[i] != NULL; i++)
    g_hash_table_add (self->ids_filter, g_strdup (ids[i]));
  n = g_hash_table_size (self->ids_filter);
  bar = ensure_bar (self);
  /* Translators: the bar over the Resources page's list when the Checks page showed a rule's resources */
  text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u resource from the check “%s”",
                                       "%u resources from the check “%s”", n), n, from);
  gtk_label_set_text (g_object_get_data (G_OBJECT (bar), "label"), text);
  gtk_widget_set_visible (bar, TRUE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "resources.show-all", TRUE);
  _studio_resources_page_refilter (self);
}

/**
 * studio_resources_page_show_all:
 *
 * Removes the filter of studio_resources_page_show_ids().
 */
void
studio_resources_page_show_all (StudioResourcesPage *self)
{
  g_return_if_fail (STUDIO_IS_RESOURCES_PAGE (self));

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "resources.show-all", FALSE);
  if (self->ids_filter == NULL)
    return;
  g_clear_pointer (&self->ids_filter, g_hash_table_unref);
  if (self->ids_bar != NULL)
    gtk_widget_set_visible (self->ids_bar, FALSE);
  _studio_resources_page_refilter (self);
}

/**
 * studio_resources_page_get_ids_filter:
 *
 * Returns: (transfer none) (nullable): the text of the bar of studio_resources_page_show_ids(), or %NULL
 *   when all the resources are shown
 */
const char *
studio_resources_page_get_ids_filter (StudioResourcesPage *self)
{
  g_return_val_if_fail (STUDIO_IS_RESOURCES_PAGE (self), NULL);

  if (self->ids_filter == NULL || self->ids_bar == NULL)
    return NULL;

  return gtk_label_get_text (g_object_get_data (G_OBJECT (self->ids_bar), "label"));
}

static void
show_all_action (GtkWidget  *widget,
                 const char *name,
                 GVariant   *parameter)
{
  studio_resources_page_show_all (STUDIO_RESOURCES_PAGE (widget));
}

void
_studio_resources_page_class_ids_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "resources.show-all", NULL, show_all_action);
}
