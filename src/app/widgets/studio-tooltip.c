/* studio-tooltip.c — tooltips that wrap at a readable width, in Chinese too
 *
 * GTK 4.8's tooltip label wraps by words and takes the widest word as its natural width: Chinese
 * text, which may break after any character, comes out one or two characters a line. These
 * tooltips show the widget's own tooltip text (so its accessible description stays) in a label of
 * their own that is as wide as its text up to about 40 characters, and wraps beyond that.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "studio-tooltip.h"

#define WRAPPED_KEY "studio-tooltip-wrapped"
#define MAX_CHARS   40

static gboolean
query_tooltip_cb (GtkWidget  *widget,
                  int         x,
                  int         y,
                  gboolean    keyboard,
                  GtkTooltip *tooltip,
                  gpointer    user_data)
{
  const char *markup = gtk_widget_get_tooltip_markup (widget);
  GtkWidget *label;

  if (markup == NULL || *markup == '\0')
    return FALSE;

  label = gtk_label_new (NULL);
  gtk_label_set_markup (GTK_LABEL (label), markup);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_natural_wrap_mode (GTK_LABEL (label), GTK_NATURAL_WRAP_NONE);
  gtk_label_set_max_width_chars (GTK_LABEL (label), MAX_CHARS);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_tooltip_set_custom (tooltip, label);

  return TRUE;
}

/**
 * studio_tooltip_wrap:
 *
 * Makes @widget's tooltip (its tooltip-text or -markup, now or later) wrap at a readable width.
 */
void
studio_tooltip_wrap (GtkWidget *widget)
{
  g_return_if_fail (GTK_IS_WIDGET (widget));

  if (g_object_get_data (G_OBJECT (widget), WRAPPED_KEY) != NULL)
    return;
  g_object_set_data (G_OBJECT (widget), WRAPPED_KEY, GINT_TO_POINTER (TRUE));
  g_signal_connect (widget, "query-tooltip", G_CALLBACK (query_tooltip_cb), NULL);
}

/**
 * studio_tooltip_set:
 * @text: (nullable): plain text
 *
 * Sets @widget's tooltip text, shown wrapped at a readable width.
 */
void
studio_tooltip_set (GtkWidget  *widget,
                    const char *text)
{
  g_return_if_fail (GTK_IS_WIDGET (widget));

  gtk_widget_set_tooltip_text (widget, text);
  studio_tooltip_wrap (widget);
}

/**
 * studio_tooltip_wrap_all:
 *
 * studio_tooltip_wrap() for every widget under @root (itself included) that has a tooltip: the
 * ones a .ui file gave one.
 */
void
studio_tooltip_wrap_all (GtkWidget *root)
{
  g_return_if_fail (GTK_IS_WIDGET (root));

  if (gtk_widget_get_tooltip_markup (root) != NULL)
    studio_tooltip_wrap (root);
  for (GtkWidget *c = gtk_widget_get_first_child (root); c != NULL; c = gtk_widget_get_next_sibling (c))
    studio_tooltip_wrap_all (c);
}
