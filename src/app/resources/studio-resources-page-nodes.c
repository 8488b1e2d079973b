/* studio-resources-page-nodes.c — the Resources page links the selected resource to course nodes
 *
 * The detail pane's "Course nodes" row names the nodes the resource is linked to, each as
 * "course › module › point"; Choose… opens the picker (a searchable tree), whose choice is written as
 * one undoable edit.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "studio-node-item.h"
#include "studio-node-picker.h"
#include "studio-resources-page-private.h"

/* Updates the row's subtitle from the selected resource's nodes. */
void
_studio_resources_page_update_nodes_row (StudioResourcesPage *self,
                                         GtkWidget           *row)
{
  ReslibStore *store = studio_page_get_store (STUDIO_PAGE (self));
  const char * const *linked = self->record != NULL ? reslib_record_get_list (self->record, "nodes") : NULL;
  g_autoptr(GPtrArray) nodes = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GListStore) courses = NULL;
  g_autoptr(GString) subtitle = g_string_new (NULL);
  guint n = 0;

  courses = studio_node_item_load_tree (store, studio_page_get_project_id (STUDIO_PAGE (self)), nodes);
  for (guint i = 0; i < nodes->len; i++)
    if (linked != NULL && g_strv_contains (linked, studio_node_item_get_id (g_ptr_array_index (nodes, i))))
      n++;
  if (nodes->len == 0)
    g_string_append (subtitle, _("The project has no course nodes yet: add them on the Courses page"));
  else
    /* Translators: %u is a number of course nodes the resource is linked to */
    g_string_append_printf (subtitle, _("Linked to %u"), n);
  /* Each node whole, with its course and module: two points of the same title can be told apart. */
  for (guint i = 0; i < nodes->len; i++)
    if (linked != NULL && g_strv_contains (linked, studio_node_item_get_id (g_ptr_array_index (nodes, i))))
      g_string_append_printf (subtitle, "\n%s", studio_node_item_get_path (g_ptr_array_index (nodes, i)));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle->str);
}

GtkWidget *
_studio_resources_page_nodes_row (StudioResourcesPage *self)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *button = gtk_button_new_with_mnemonic (_("C_hoose…"));

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "resources.link-nodes");
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), button);
  _studio_resources_page_update_nodes_row (self, row);

  return row;
}

static void
picker_response_cb (AdwMessageDialog    *dialog,
                    const char          *response,
                    StudioResourcesPage *self)
{
  StudioNodePicker *picker = STUDIO_NODE_PICKER (dialog);
  ReslibStore *store = studio_page_get_store (STUDIO_PAGE (self));
  const char *id = g_object_get_data (G_OBJECT (dialog), "resource");
  g_auto(GStrv) chosen = NULL;
  g_autofree char *joined = NULL;
  g_autoptr(ReslibRecord) record = NULL;
  g_autoptr(ReslibUndoStep) step = NULL;
  g_autoptr(GError) error = NULL;
  const char * const *old;
  gboolean same;

  if (self->node_picker == picker)
    self->node_picker = NULL;
  if (!g_str_equal (response, "apply") || store == NULL || id == NULL)
    return;
  record = reslib_store_get (store, RESLIB_KIND_RESOURCE, id, &error);
  if (record == NULL)
    {
      studio_page_show_error (STUDIO_PAGE (self), _("The course nodes could not be linked"), error);
      return;
    }

  chosen = studio_node_picker_get_checked (picker);
  old = reslib_record_get_list (record, "nodes");
  same = g_strv_length (chosen) == (old != NULL ? g_strv_length ((char **) old) : 0);
  for (guint i = 0; same && chosen[i] != NULL; i++)
    same = g_strv_contains (old, chosen[i]);
  if (same)
    return;

  joined = g_strjoinv (",", chosen);
  step = reslib_store_update_record_undoable (store, record, "nodes", joined, &error);
  if (step == NULL)
    {
      studio_page_show_error (STUDIO_PAGE (self), _("The course nodes could not be linked"), error);
      return;
    }
  studio_page_push_undo (STUDIO_PAGE (self), step, reslib_record_get (record, "title"), NULL);
}

static void
link_nodes_action (GtkWidget  *widget,
                   const char *name,
                   GVariant   *parameter)
{
  StudioResourcesPage *self = STUDIO_RESOURCES_PAGE (widget);
  StudioPage *page = STUDIO_PAGE (self);
  GtkRoot *root = gtk_widget_get_root (widget);
  StudioNodePicker *picker;
  g_autofree char *body = NULL;

  if (self->record == NULL || studio_page_get_store (page) == NULL)
    return;

  /* Translators: %s is a resource's title */
  body = g_strdup_printf (_("Choose the modules and points “%s” belongs to. Type to search; Space chooses the current row, Enter applies."),
                          reslib_record_get (self->record, "title"));
  picker = studio_node_picker_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                   studio_page_get_store (page), studio_page_get_project_id (page),
                                   reslib_record_get_list (self->record, "nodes"),
                                   _("Link to Course Nodes"), body);
  g_object_set_data_full (G_OBJECT (picker), "resource", g_strdup (reslib_record_get_id (self->record)), g_free);
  g_signal_connect_object (picker, "response", G_CALLBACK (picker_response_cb), self, 0);
  self->node_picker = picker;
  g_object_add_weak_pointer (G_OBJECT (picker), (gpointer *) &self->node_picker);
  gtk_window_present (GTK_WINDOW (picker));
}

/**
 * studio_resources_page_get_node_picker:
 *
 * Returns: (transfer none) (nullable): the open course node picker (of the detail pane, or of the
 *   "Edit Selected" dialog).
 */
GtkWindow *
studio_resources_page_get_node_picker (StudioResourcesPage *self)
{
  g_return_val_if_fail (STUDIO_IS_RESOURCES_PAGE (self), NULL);

  if (self->node_picker != NULL)
    return GTK_WINDOW (self->node_picker);
  if (self->bulk_dialog != NULL)
    return studio_bulk_edit_dialog_get_node_picker (self->bulk_dialog);

  return NULL;
}

void
_studio_resources_page_class_nodes_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "resources.link-nodes", NULL, link_nodes_action);
}
