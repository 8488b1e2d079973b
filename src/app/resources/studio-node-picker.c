/* studio-node-picker.c — choosing course nodes in a searchable tree: course › module › point
 *
 * Each course is a row with its modules below and their points below them (GtkTreeListModel), every
 * level filtered by one GtkCustomFilter: typing keeps the rows whose path "course › module › point"
 * holds every word typed, and the rows above them. A node's row has a check button and the number of
 * resources linked to it; a course's row has none (resources link to nodes). The list's current row
 * follows the keyboard: Space chooses or leaves its node, Enter applies, typing goes to the search.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "studio-node-item.h"
#include "studio-node-picker.h"
#include "studio-page.h"

struct _StudioNodePicker
{
  AdwMessageDialog    parent_instance;

  GListStore         *courses;
  GPtrArray          *nodes;          /* every node's item, in the tree's order */
  GtkCustomFilter    *filter;
  GtkTreeListModel   *tree;
  GtkSingleSelection *selection;
  GtkWidget          *search;
  GtkWidget          *list;
  GtkWidget          *none;
  GtkWidget          *chosen;
};

G_DEFINE_FINAL_TYPE (StudioNodePicker, studio_node_picker, ADW_TYPE_MESSAGE_DIALOG)

static void
studio_node_picker_dispose (GObject *object)
{
  StudioNodePicker *self = STUDIO_NODE_PICKER (object);

  for (guint i = 0; self->nodes != NULL && i < self->nodes->len; i++)
    g_signal_handlers_disconnect_by_data (g_ptr_array_index (self->nodes, i), self);
  g_clear_pointer (&self->nodes, g_ptr_array_unref);

  G_OBJECT_CLASS (studio_node_picker_parent_class)->dispose (object);
}

static void
studio_node_picker_finalize (GObject *object)
{
  StudioNodePicker *self = STUDIO_NODE_PICKER (object);

  g_clear_object (&self->courses);
  g_clear_object (&self->filter);
  g_clear_object (&self->tree);
  g_clear_object (&self->selection);

  G_OBJECT_CLASS (studio_node_picker_parent_class)->finalize (object);
}

static void
studio_node_picker_class_init (StudioNodePickerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = studio_node_picker_dispose;
  object_class->finalize = studio_node_picker_finalize;
}

static void
studio_node_picker_init (StudioNodePicker *self)
{
  self->courses = g_list_store_new (STUDIO_TYPE_NODE_ITEM);
  self->nodes = g_ptr_array_new_with_free_func (g_object_unref);
}

/* ---------------------------------------------------------------------------------------------- */
/* The tree                                                                                       */

static gboolean
filter_cb (gpointer item,
           gpointer data)
{
  return studio_node_item_get_shown (item);
}

static GListModel *
create_children_cb (gpointer item,
                    gpointer data)
{
  StudioNodePicker *self = data;
  GListStore *children = studio_node_item_get_children (item);

  if (g_list_model_get_n_items (G_LIST_MODEL (children)) == 0)
    return NULL;

  return G_LIST_MODEL (gtk_filter_list_model_new (g_object_ref (G_LIST_MODEL (children)),
                                                  g_object_ref (GTK_FILTER (self->filter))));
}

static void
update_chosen (StudioNodePicker *self)
{
  g_autofree char *text = NULL;
  guint n = 0;

  for (guint i = 0; i < self->nodes->len; i++)
    n += studio_node_item_get_checked (g_ptr_array_index (self->nodes, i));
  /* Translators: %u is a number of course nodes chosen in the picker */
  text = g_strdup_printf (_("Chosen: %u"), n);
  gtk_label_set_text (GTK_LABEL (self->chosen), text);
}

static void
item_checked_cb (StudioNodeItem   *item,
                 GParamSpec       *pspec,
                 StudioNodePicker *self)
{
  update_chosen (self);
}

static void
load_tree (StudioNodePicker   *self,
           ReslibStore        *store,
           const char         *project_id,
           const char * const *checked)
{
  g_autoptr(GListStore) courses = studio_node_item_load_tree (store, project_id, self->nodes);

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (courses)); i++)
    {
      g_autoptr(StudioNodeItem) course = g_list_model_get_item (G_LIST_MODEL (courses), i);

      g_list_store_append (self->courses, course);
    }
  for (guint i = 0; i < self->nodes->len; i++)
    {
      StudioNodeItem *item = g_ptr_array_index (self->nodes, i);

      studio_node_item_set_checked (item, checked != NULL && g_strv_contains (checked, studio_node_item_get_id (item)));
      g_signal_connect (item, "notify::checked", G_CALLBACK (item_checked_cb), self);
    }
}

static void
search_changed_cb (GtkSearchEntry   *entry,
                   StudioNodePicker *self)
{
  g_autofree char *folded = g_utf8_casefold (gtk_editable_get_text (GTK_EDITABLE (entry)), -1);
  g_auto(GStrv) split = g_strsplit_set (g_strstrip (folded), " \t　", -1);
  g_autoptr(GPtrArray) words = g_ptr_array_new ();
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->courses));

  for (guint i = 0; split[i] != NULL; i++)
    if (*split[i] != '\0')
      g_ptr_array_add (words, split[i]);
  g_ptr_array_add (words, NULL);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(StudioNodeItem) course = g_list_model_get_item (G_LIST_MODEL (self->courses), i);

      studio_node_item_filter (course, (const char * const *) words->pdata);
    }
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
  gtk_widget_set_visible (self->none, g_list_model_get_n_items (G_LIST_MODEL (self->tree)) == 0);
}

/* ---------------------------------------------------------------------------------------------- */
/* Rows                                                                                           */

static void
setup_row_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *list_item)
{
  GtkWidget *expander = gtk_tree_expander_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *check = gtk_check_button_new ();
  GtkWidget *title = gtk_label_new (NULL);
  GtkWidget *count = gtk_label_new (NULL);

  /* The row has the focus, not its check button: Space on the row toggles it. */
  gtk_widget_set_focusable (check, FALSE);
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_wrap (GTK_LABEL (title), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (title), PANGO_WRAP_WORD_CHAR);
  gtk_widget_set_hexpand (title, TRUE);
  gtk_widget_add_css_class (count, "dim-label");
  gtk_widget_add_css_class (count, "caption");
  gtk_box_append (GTK_BOX (box), check);
  gtk_box_append (GTK_BOX (box), title);
  gtk_box_append (GTK_BOX (box), count);
  gtk_tree_expander_set_child (GTK_TREE_EXPANDER (expander), box);
  g_object_set_data (G_OBJECT (list_item), "check", check);
  g_object_set_data (G_OBJECT (list_item), "title", title);
  g_object_set_data (G_OBJECT (list_item), "count", count);
  gtk_list_item_set_child (list_item, expander);
}

static void
bind_row_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *list_item)
{
  GtkTreeListRow *row = gtk_list_item_get_item (list_item);
  StudioNodeItem *item = gtk_tree_list_row_get_item (row);
  GtkWidget *check = g_object_get_data (G_OBJECT (list_item), "check");
  GtkWidget *title = g_object_get_data (G_OBJECT (list_item), "title");
  GtkWidget *count = g_object_get_data (G_OBJECT (list_item), "count");
  gboolean node = studio_node_item_get_id (item) != NULL;

  gtk_tree_expander_set_list_row (GTK_TREE_EXPANDER (gtk_list_item_get_child (list_item)), row);
  gtk_label_set_text (GTK_LABEL (title), studio_node_item_get_title (item));
  if (node)
    gtk_widget_remove_css_class (title, "heading");
  else
    gtk_widget_add_css_class (title, "heading");
  gtk_widget_set_visible (check, node);
  gtk_widget_set_visible (count, node);
  if (node)
    {
      guint n = studio_node_item_get_n_resources (item);
      /* Translators: %u is the number of resources linked to a course node */
      g_autofree char *text = g_strdup_printf (ngettext ("%u resource", "%u resources", n), n);
      GBinding *binding = g_object_bind_property (item, "checked", check, "active",
                                                  G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);

      gtk_label_set_text (GTK_LABEL (count), text);
      studio_set_accessible_label (check, studio_node_item_get_path (item));
      g_object_set_data (G_OBJECT (list_item), "binding", binding);
    }
  g_object_unref (item);
}

static void
unbind_row_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *list_item)
{
  GBinding *binding = g_object_get_data (G_OBJECT (list_item), "binding");

  if (binding != NULL)
    g_binding_unbind (binding);
  g_object_set_data (G_OBJECT (list_item), "binding", NULL);
}

/* ---------------------------------------------------------------------------------------------- */
/* Keys                                                                                           */

/* As the Apply button does: the response, then the dialog closes. */
static void
apply (StudioNodePicker *self)
{
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (self), "apply");
  gtk_window_close (GTK_WINDOW (self));
}

static StudioNodeItem *
current_item (StudioNodePicker *self)
{
  GtkTreeListRow *row = gtk_single_selection_get_selected_item (self->selection);

  return row != NULL ? gtk_tree_list_row_get_item (row) : NULL;   /* (transfer full) */
}

static gboolean
list_key_pressed_cb (GtkEventControllerKey *controller,
                     guint                  keyval,
                     guint                  keycode,
                     GdkModifierType        state,
                     StudioNodePicker      *self)
{
  if ((state & (GDK_CONTROL_MASK | GDK_ALT_MASK | GDK_SHIFT_MASK)) != 0)
    return FALSE;
  if (keyval == GDK_KEY_space || keyval == GDK_KEY_KP_Space)
    {
      g_autoptr(StudioNodeItem) item = current_item (self);

      if (item != NULL && studio_node_item_get_id (item) != NULL)
        studio_node_item_set_checked (item, !studio_node_item_get_checked (item));
      return TRUE;
    }
  if (keyval == GDK_KEY_Return || keyval == GDK_KEY_KP_Enter || keyval == GDK_KEY_ISO_Enter)
    {
      apply (self);
      return TRUE;
    }

  return FALSE;
}

/* Down from the search goes to the list, at its current row. */
static gboolean
search_key_pressed_cb (GtkEventControllerKey *controller,
                       guint                  keyval,
                       guint                  keycode,
                       GdkModifierType        state,
                       StudioNodePicker      *self)
{
  if (keyval != GDK_KEY_Down && keyval != GDK_KEY_KP_Down)
    return FALSE;
  if (g_list_model_get_n_items (G_LIST_MODEL (self->tree)) == 0)
    return TRUE;
  return gtk_widget_child_focus (self->list, GTK_DIR_TAB_FORWARD);
}

static void
search_activate_cb (GtkSearchEntry   *entry,
                    StudioNodePicker *self)
{
  apply (self);
}

/* ---------------------------------------------------------------------------------------------- */

StudioNodePicker *
studio_node_picker_new (GtkWindow          *parent,
                        ReslibStore        *store,
                        const char         *project_id,
                        const char * const *checked,
                        const char         *heading,
                        const char         *body)
{
  StudioNodePicker *self;
  AdwMessageDialog *dialog;
  GtkListItemFactory *factory;
  GtkEventController *keys;
  GtkWidget *box, *scrolled;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (store == NULL || RESLIB_IS_STORE (store), NULL);

  self = g_object_new (STUDIO_TYPE_NODE_PICKER, "transient-for", parent, NULL);
  dialog = ADW_MESSAGE_DIALOG (self);
  load_tree (self, store, project_id, checked);

  self->filter = gtk_custom_filter_new (filter_cb, NULL, NULL);
  self->tree = gtk_tree_list_model_new (G_LIST_MODEL (gtk_filter_list_model_new (g_object_ref (G_LIST_MODEL (self->courses)),
                                                                                  g_object_ref (GTK_FILTER (self->filter)))),
                                        FALSE, TRUE, create_children_cb, self, NULL);
  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->tree)));

  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (setup_row_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row_cb), NULL);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_row_cb), NULL);
  self->list = gtk_list_view_new (GTK_SELECTION_MODEL (g_object_ref (self->selection)), factory);
  gtk_widget_add_css_class (self->list, "navigation-sidebar");
  studio_set_accessible_label (self->list, _("Course nodes"));
  keys = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect (keys, "key-pressed", G_CALLBACK (list_key_pressed_cb), self);
  gtk_widget_add_controller (self->list, keys);

  self->search = gtk_search_entry_new ();
  /* Translators: the placeholder of the course node picker's search */
  g_object_set (self->search, "placeholder-text", _("Search courses, modules and points"), NULL);
  studio_set_accessible_label (self->search, _("Search course nodes"));
  gtk_search_entry_set_key_capture_widget (GTK_SEARCH_ENTRY (self->search), GTK_WIDGET (self));
  g_signal_connect (self->search, "search-changed", G_CALLBACK (search_changed_cb), self);
  g_signal_connect (self->search, "activate", G_CALLBACK (search_activate_cb), self);
  keys = gtk_event_controller_key_new ();
  g_signal_connect (keys, "key-pressed", G_CALLBACK (search_key_pressed_cb), self);
  gtk_widget_add_controller (self->search, keys);

  scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_min_content_height (GTK_SCROLLED_WINDOW (scrolled), 240);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scrolled), 420);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scrolled), TRUE);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), self->list);
  gtk_widget_add_css_class (scrolled, "card");

  self->none = gtk_label_new (g_list_model_get_n_items (G_LIST_MODEL (self->courses)) > 0
                              ? _("No course node matches the search")
                              : _("The project has no course nodes yet: add them on the Courses page"));
  gtk_label_set_wrap (GTK_LABEL (self->none), TRUE);
  gtk_widget_add_css_class (self->none, "dim-label");
  gtk_widget_set_visible (self->none, g_list_model_get_n_items (G_LIST_MODEL (self->tree)) == 0);
  self->chosen = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (self->chosen), 0);
  gtk_widget_add_css_class (self->chosen, "dim-label");
  update_chosen (self);

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  gtk_box_append (GTK_BOX (box), self->search);
  gtk_box_append (GTK_BOX (box), scrolled);
  gtk_box_append (GTK_BOX (box), self->none);
  gtk_box_append (GTK_BOX (box), self->chosen);

  adw_message_dialog_set_heading (dialog, heading);
  adw_message_dialog_set_body (dialog, body != NULL ? body : "");
  adw_message_dialog_set_extra_child (dialog, box);
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "apply", _("_Apply"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "apply", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_close_response (dialog, "cancel");
  gtk_window_set_focus (GTK_WINDOW (self), self->search);

  return self;
}

GStrv
studio_node_picker_get_checked (StudioNodePicker *self)
{
  g_autoptr(GStrvBuilder) ids = g_strv_builder_new ();

  g_return_val_if_fail (STUDIO_IS_NODE_PICKER (self), NULL);

  for (guint i = 0; i < self->nodes->len; i++)
    if (studio_node_item_get_checked (g_ptr_array_index (self->nodes, i)))
      g_strv_builder_add (ids, studio_node_item_get_id (g_ptr_array_index (self->nodes, i)));

  return g_strv_builder_end (ids);
}

gboolean
studio_node_picker_set_checked (StudioNodePicker *self,
                                const char       *id,
                                gboolean          checked)
{
  g_return_val_if_fail (STUDIO_IS_NODE_PICKER (self), FALSE);
  g_return_val_if_fail (id != NULL, FALSE);

  for (guint i = 0; i < self->nodes->len; i++)
    if (g_str_equal (studio_node_item_get_id (g_ptr_array_index (self->nodes, i)), id))
      {
        studio_node_item_set_checked (g_ptr_array_index (self->nodes, i), checked);
        return TRUE;
      }

  return FALSE;
}

/**
 * studio_node_picker_get_rows:
 *
 * Returns: (transfer none): the rows shown, GtkTreeListRow items whose items are StudioNodeItem.
 */
GListModel *
studio_node_picker_get_rows (StudioNodePicker *self)
{
  g_return_val_if_fail (STUDIO_IS_NODE_PICKER (self), NULL);
  return G_LIST_MODEL (self->tree);
}

GtkEditable *
studio_node_picker_get_search (StudioNodePicker *self)
{
  g_return_val_if_fail (STUDIO_IS_NODE_PICKER (self), NULL);
  return GTK_EDITABLE (self->search);
}
