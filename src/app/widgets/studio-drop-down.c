/* studio-drop-down.c — drop-downs that fit a narrow window: the chosen item's text ellipsizes in the
 * button, the list that opens shows every item whole
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "studio-drop-down.h"

static void
setup_cb (GtkSignalListItemFactory *factory,
          GtkListItem              *item,
          gpointer                  ellipsize)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  if (GPOINTER_TO_INT (ellipsize))
    {
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
      /* A few characters stay readable however narrow the window. */
      gtk_label_set_width_chars (GTK_LABEL (label), 4);
    }
  gtk_list_item_set_child (item, label);
}

/* The item's text: the drop-down's expression when it has one, else a string list's string. */
static void
bind_cb (GtkSignalListItemFactory *factory,
         GtkListItem              *item,
         GtkDropDown              *drop_down)
{
  GObject *object = gtk_list_item_get_item (item);
  GtkExpression *expression = gtk_drop_down_get_expression (drop_down);
  g_auto(GValue) value = G_VALUE_INIT;
  const char *text = NULL;

  if (expression != NULL && gtk_expression_evaluate (expression, object, &value) &&
      G_VALUE_HOLDS_STRING (&value))
    text = g_value_get_string (&value);
  else if (GTK_IS_STRING_OBJECT (object))
    text = gtk_string_object_get_string (GTK_STRING_OBJECT (object));
  gtk_label_set_text (GTK_LABEL (gtk_list_item_get_child (item)), text != NULL ? text : "");
}

static GtkListItemFactory *
label_factory (GtkDropDown *drop_down,
               gboolean     ellipsize)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();

  g_signal_connect (factory, "setup", G_CALLBACK (setup_cb), GINT_TO_POINTER (ellipsize));
  /* The drop-down owns the factory: no reference back. */
  g_signal_connect (factory, "bind", G_CALLBACK (bind_cb), drop_down);

  return factory;
}

/**
 * studio_drop_down_shrink:
 * @drop_down: a drop-down of strings (a string list, or items its expression turns into strings)
 *
 * Lets @drop_down become narrower than its longest item: the chosen item ellipsizes in the button,
 * while the list it opens still shows every item whole.
 */
void
studio_drop_down_shrink (GtkDropDown *drop_down)
{
  g_autoptr(GtkListItemFactory) factory = NULL;
  g_autoptr(GtkListItemFactory) list_factory = NULL;

  g_return_if_fail (GTK_IS_DROP_DOWN (drop_down));

  factory = label_factory (drop_down, TRUE);
  list_factory = label_factory (drop_down, FALSE);
  gtk_drop_down_set_factory (drop_down, factory);
  gtk_drop_down_set_list_factory (drop_down, list_factory);
}
