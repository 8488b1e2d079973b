/* studio-bulk-edit-dialog.c — "Edit Selected Resources": values to set on many resources at once
 *
 * The dialog only collects the values; the Resources page writes them, all in one transaction.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "reslib-entity.h"
#include "reslib-labels.h"
#include "studio-bulk-edit-dialog.h"
#include "studio-node-item.h"
#include "studio-node-picker.h"
#include "studio-page.h"
#include "studio-resource-labels.h"

struct _StudioBulkEditDialog
{
  AdwMessageDialog  parent_instance;

  GStrv             ids;
  GPtrArray        *unit_ids;
  ReslibStore      *store;
  char             *project_id;
  GStrv             nodes;            /* the course nodes chosen to add */
  char             *nodes_joined;
  GtkWidget        *node_picker;

  GtkWidget        *type;
  GtkWidget        *node;
  GtkWidget        *author;
  GtkWidget        *unit;
  GtkWidget        *origin;
  GtkWidget        *description;
  GtkWidget        *keywords;
  GtkWidget        *license;
  GtkWidget        *license_holder;
};

G_DEFINE_FINAL_TYPE (StudioBulkEditDialog, studio_bulk_edit_dialog, ADW_TYPE_MESSAGE_DIALOG)

static GtkWidget *
bulk_combo (const char    *title,
            GtkStringList *labels)
{
  GtkWidget *row = adw_combo_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (labels));
  studio_set_accessible_label (row, title);

  return row;
}

static GtkWidget *
bulk_entry (const char *title)
{
  GtkWidget *row = adw_entry_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  studio_set_accessible_label (row, title);

  return row;
}

/* An entry's text when something was typed there. */
static void
add_typed (GPtrArray  *fields,
           GPtrArray  *values,
           const char *field,
           GtkWidget  *entry)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (entry));
  g_autofree char *stripped = g_strstrip (g_strdup (text != NULL ? text : ""));

  if (*stripped != '\0')
    {
      g_ptr_array_add (fields, (gpointer) field);
      g_ptr_array_add (values, (gpointer) text);
    }
}

static GPtrArray *
copy_strings (GPtrArray *strings)
{
  GPtrArray *copy = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < strings->len; i++)
    g_ptr_array_add (copy, g_strdup (g_ptr_array_index (strings, i)));

  return copy;
}

static void
studio_bulk_edit_dialog_finalize (GObject *object)
{
  StudioBulkEditDialog *self = STUDIO_BULK_EDIT_DIALOG (object);

  g_strfreev (self->ids);
  g_clear_pointer (&self->unit_ids, g_ptr_array_unref);
  g_clear_object (&self->store);
  g_free (self->project_id);
  g_strfreev (self->nodes);
  g_free (self->nodes_joined);

  G_OBJECT_CLASS (studio_bulk_edit_dialog_parent_class)->finalize (object);
}

static void
studio_bulk_edit_dialog_dispose (GObject *object)
{
  StudioBulkEditDialog *self = STUDIO_BULK_EDIT_DIALOG (object);

  if (self->node_picker != NULL)
    gtk_window_destroy (GTK_WINDOW (self->node_picker));

  G_OBJECT_CLASS (studio_bulk_edit_dialog_parent_class)->dispose (object);
}

static void
studio_bulk_edit_dialog_class_init (StudioBulkEditDialogClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = studio_bulk_edit_dialog_dispose;
  G_OBJECT_CLASS (klass)->finalize = studio_bulk_edit_dialog_finalize;
}

/* The row names the chosen nodes whole ("course › module › point"). */
static void
update_node_row (StudioBulkEditDialog *self)
{
  g_autoptr(GPtrArray) nodes = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GListStore) courses = NULL;
  g_autoptr(GString) subtitle = g_string_new (NULL);

  if (self->nodes == NULL || self->nodes[0] == NULL)
    {
      /* Translators: no course node chosen in bulk edit: the resources' nodes stay as they are */
      adw_action_row_set_subtitle (ADW_ACTION_ROW (self->node), _("Keep as they are"));
      return;
    }
  courses = studio_node_item_load_tree (self->store, self->project_id, nodes);
  /* Translators: %u is a number of course nodes added to each selected resource */
  g_string_append_printf (subtitle, _("Add %u to each"), g_strv_length (self->nodes));
  for (guint i = 0; i < nodes->len; i++)
    if (g_strv_contains ((const char * const *) self->nodes, studio_node_item_get_id (g_ptr_array_index (nodes, i))))
      g_string_append_printf (subtitle, "\n%s", studio_node_item_get_path (g_ptr_array_index (nodes, i)));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->node), subtitle->str);
}

static void
picker_response_cb (AdwMessageDialog     *picker,
                    const char           *response,
                    StudioBulkEditDialog *self)
{
  if (g_str_equal (response, "apply"))
    {
      g_strfreev (self->nodes);
      self->nodes = studio_node_picker_get_checked (STUDIO_NODE_PICKER (picker));
      update_node_row (self);
    }
}

static void
choose_nodes_cb (GtkButton            *button,
                 StudioBulkEditDialog *self)
{
  StudioNodePicker *picker;

  picker = studio_node_picker_new (GTK_WINDOW (self), self->store, self->project_id,
                                   (const char * const *) self->nodes, _("Add to Course Nodes"),
                                   _("Each selected resource is linked to the nodes you choose, besides those it has. Type to search; Space chooses the current row, Enter applies."));
  g_signal_connect_object (picker, "response", G_CALLBACK (picker_response_cb), self, 0);
  self->node_picker = GTK_WIDGET (picker);
  g_object_add_weak_pointer (G_OBJECT (picker), (gpointer *) &self->node_picker);
  gtk_window_present (GTK_WINDOW (picker));
}

static void
studio_bulk_edit_dialog_init (StudioBulkEditDialog *self)
{
}

StudioBulkEditDialog *
studio_bulk_edit_dialog_new (GtkWindow          *parent,
                             const char * const *ids,
                             GPtrArray          *unit_ids,
                             GPtrArray          *unit_labels,
                             ReslibStore        *store,
                             const char         *project_id)
{
  StudioBulkEditDialog *self;
  AdwMessageDialog *dialog;
  g_autoptr(GtkStringList) types = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) origins = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) units = gtk_string_list_new (NULL);
  g_autofree char *body = NULL;
  GtkWidget *list, *choose;
  /* Translators: the first choice of a bulk edit field: leave it unchanged */
  const char *keep = _("Keep as it is");

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (ids != NULL, NULL);
  g_return_val_if_fail (unit_ids != NULL && unit_labels != NULL && unit_ids->len == unit_labels->len, NULL);
  g_return_val_if_fail (store == NULL || RESLIB_IS_STORE (store), NULL);

  gtk_string_list_append (types, keep);
  for (guint i = 0; reslib_resource_types[i] != NULL; i++)
    gtk_string_list_append (types, reslib_label_resource_type (reslib_resource_types[i]));
  gtk_string_list_append (origins, keep);
  for (guint i = 0; reslib_resource_origins[i] != NULL; i++)
    gtk_string_list_append (origins, reslib_label_resource_origin (reslib_resource_origins[i]));
  gtk_string_list_append (units, keep);
  for (guint i = 0; i < unit_labels->len; i++)
    gtk_string_list_append (units, g_ptr_array_index (unit_labels, i));

  self = g_object_new (STUDIO_TYPE_BULK_EDIT_DIALOG, "transient-for", parent, NULL);
  dialog = ADW_MESSAGE_DIALOG (self);
  self->ids = g_strdupv ((char **) ids);
  self->unit_ids = copy_strings (unit_ids);
  self->store = store != NULL ? g_object_ref (store) : NULL;
  self->project_id = g_strdup (project_id);

  /* Translators: %u is a number of selected resources */
  body = g_strdup_printf (_("Resources selected: %u. The values you choose or type are set on all of them; the others stay as they are. The course nodes you choose are added to the nodes each resource has; authors and keywords replace the ones it has."),
                          g_strv_length (self->ids));
  adw_message_dialog_set_heading (dialog, _("Edit Selected Resources"));
  adw_message_dialog_set_body (dialog, body);
  list = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  self->type = bulk_combo (_("Type"), types);
  self->node = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->node), _("Course nodes"));
  studio_set_accessible_label (self->node, _("Course nodes"));
  choose = gtk_button_new_with_mnemonic (_("C_hoose…"));
  gtk_widget_set_valign (choose, GTK_ALIGN_CENTER);
  g_signal_connect (choose, "clicked", G_CALLBACK (choose_nodes_cb), self);
  adw_action_row_add_suffix (ADW_ACTION_ROW (self->node), choose);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (self->node), choose);
  update_node_row (self);
  self->unit = bulk_combo (_("Unit"), units);
  self->origin = bulk_combo (_("Origin"), origins);
  self->author = bulk_entry (_("Author"));
  self->description = bulk_entry (_("Description"));
  self->keywords = bulk_entry (_("Keywords"));
  self->license = bulk_entry (_("Licence"));
  self->license_holder = bulk_entry (_("Licence holder"));
  gtk_list_box_append (GTK_LIST_BOX (list), self->type);
  gtk_list_box_append (GTK_LIST_BOX (list), self->node);
  gtk_list_box_append (GTK_LIST_BOX (list), self->author);
  gtk_list_box_append (GTK_LIST_BOX (list), self->unit);
  gtk_list_box_append (GTK_LIST_BOX (list), self->origin);
  gtk_list_box_append (GTK_LIST_BOX (list), self->description);
  gtk_list_box_append (GTK_LIST_BOX (list), self->keywords);
  gtk_list_box_append (GTK_LIST_BOX (list), self->license);
  gtk_list_box_append (GTK_LIST_BOX (list), self->license_holder);
  adw_message_dialog_set_extra_child (dialog, list);
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "apply", _("_Apply"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "apply", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "apply");
  adw_message_dialog_set_close_response (dialog, "cancel");

  return self;
}

/**
 * studio_bulk_edit_dialog_get_ids:
 *
 * Returns: (transfer none): the ids of the resources the dialog edits.
 */
const char * const *
studio_bulk_edit_dialog_get_ids (StudioBulkEditDialog *self)
{
  g_return_val_if_fail (STUDIO_IS_BULK_EDIT_DIALOG (self), NULL);

  return (const char * const *) self->ids;
}

void
studio_bulk_edit_dialog_get_changes (StudioBulkEditDialog *self,
                                     GPtrArray            *fields,
                                     GPtrArray            *values)
{
  guint selected;

  g_return_if_fail (STUDIO_IS_BULK_EDIT_DIALOG (self));
  g_return_if_fail (fields != NULL && values != NULL);

  /* Item 0 of every combo is "Keep as it is". */
  if ((selected = adw_combo_row_get_selected (ADW_COMBO_ROW (self->type))) > 0 &&
      selected != GTK_INVALID_LIST_POSITION)
    {
      g_ptr_array_add (fields, "type");
      g_ptr_array_add (values, (gpointer) reslib_resource_types[selected - 1]);
    }
  if ((selected = adw_combo_row_get_selected (ADW_COMBO_ROW (self->origin))) > 0 &&
      selected != GTK_INVALID_LIST_POSITION)
    {
      g_ptr_array_add (fields, "origin");
      g_ptr_array_add (values, (gpointer) reslib_resource_origins[selected - 1]);
    }
  if ((selected = adw_combo_row_get_selected (ADW_COMBO_ROW (self->unit))) > 0 &&
      selected <= self->unit_ids->len)
    {
      g_ptr_array_add (fields, "unit_id");
      g_ptr_array_add (values, g_ptr_array_index (self->unit_ids, selected - 1));
    }
  if (self->nodes != NULL && self->nodes[0] != NULL)
    {
      g_free (self->nodes_joined);
      self->nodes_joined = g_strjoinv (",", self->nodes);
      g_ptr_array_add (fields, "nodes");
      g_ptr_array_add (values, self->nodes_joined);
    }
  /* Typed values: the authors and keywords as a list a person types (split at , ， 、 ; ；). */
  add_typed (fields, values, "authors", self->author);
  add_typed (fields, values, "description", self->description);
  add_typed (fields, values, "keywords", self->keywords);
  add_typed (fields, values, "license", self->license);
  add_typed (fields, values, "license_holder", self->license_holder);
}

GtkWindow *
studio_bulk_edit_dialog_get_node_picker (StudioBulkEditDialog *self)
{
  g_return_val_if_fail (STUDIO_IS_BULK_EDIT_DIALOG (self), NULL);

  return self->node_picker != NULL ? GTK_WINDOW (self->node_picker) : NULL;
}
