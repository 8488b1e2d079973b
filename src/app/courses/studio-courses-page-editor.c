/* studio-courses-page-editor.c — the Courses page: the side editor of the selected course or node
 *
 * The editor writes every settable field through at once: the title when it is applied or the
 * row loses the focus (Escape puts the old one back), the kind, the parent and the position from
 * an idle after their rows change. A refused value is marked, with the core's message.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "reslib-store-courses.h"
#include "studio-courses-page-private.h"

enum {
  EDIT_KIND = 1 << 0,
  EDIT_PARENT = 1 << 1,
  EDIT_POSITION = 1 << 2,
};

static void
show_field_error (StudioCoursesPage *self,
                  GtkWidget         *row,
                  const GError      *error)
{
  if (row != NULL)
    gtk_widget_add_css_class (row, "error");
  gtk_label_set_text (self->error_label, error->message);
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
}

static void
clear_field_error (StudioCoursesPage *self)
{
  gtk_widget_remove_css_class (GTK_WIDGET (self->title_row), "error");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
}

static void
add_parent_choices (StudioCoursesPage *self,
                    GtkStringList     *labels,
                    ReslibRecord      *node,
                    const char        *key,
                    guint              depth)
{
  GListModel *list = g_hash_table_lookup (self->children, key);

  for (guint i = 0; list != NULL && i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr(ReslibRecord) candidate = g_list_model_get_item (list, i);
      g_autofree char *indent = g_strnfill (depth * 2, ' ');
      g_autofree char *label = NULL;

      /* Not the node itself nor anything below it: that would make a cycle. */
      if (_studio_courses_page_is_within (self, candidate, reslib_record_get_id (node)))
        continue;
      label = g_strdup_printf ("%s%s", indent, reslib_record_get (candidate, "title"));
      gtk_string_list_append (labels, label);
      g_ptr_array_add (self->parent_ids, g_strdup (reslib_record_get_id (candidate)));
      add_parent_choices (self, labels, node, reslib_record_get_id (candidate), depth + 1);
    }
}

void
_studio_courses_page_fill_editor (StudioCoursesPage *self)
{
  g_autoptr(ReslibRecord) record = _studio_courses_page_get_selected (self);
  g_autoptr(GtkStringList) kinds = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) parents = gtk_string_list_new (NULL);
  const char * const *choices;
  GListModel *siblings;
  guint position = 0, selected_kind = 0, selected_parent = 0;
  g_autofree char *count = NULL;
  gboolean same = record != NULL && self->record != NULL &&
                  g_strcmp0 (reslib_record_get_id (record), reslib_record_get_id (self->record)) == 0;
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;
  gboolean typing = focus != NULL && (focus == GTK_WIDGET (self->title_row) ||
                                      gtk_widget_is_ancestor (focus, GTK_WIDGET (self->title_row)));

  if (!same)
    {
      g_clear_handle_id (&self->edit_id, g_source_remove);
      self->edits = 0;
    }
  g_set_object (&self->record, record);
  _studio_courses_page_fill_details (self, record);
  if (record == NULL)
    {
      gtk_stack_set_visible_child_name (self->editor_stack, "none");
      return;
    }

  self->filling = TRUE;
  gtk_stack_set_visible_child_name (self->editor_stack, "editor");
  adw_preferences_group_set_title (self->editor_group,
                                   _studio_courses_page_is_node (record) ? _("Node") : _("Course"));
  adw_preferences_group_set_description (self->editor_group, NULL);
  clear_field_error (self);

  /* Keep what is being typed when the same record is read again. */
  if (!same || !typing)
    gtk_editable_set_text (GTK_EDITABLE (self->title_row), reslib_record_get (record, "title"));

  choices = _studio_courses_page_is_node (record) ? reslib_node_kinds : reslib_course_kinds;
  for (guint i = 0; choices[i] != NULL; i++)
    {
      gtk_string_list_append (kinds, _studio_courses_page_is_node (record) ? reslib_label_node_kind (choices[i])
                                                                           : reslib_label_course_kind (choices[i]));
      if (g_strcmp0 (choices[i], reslib_record_get (record, "kind")) == 0)
        selected_kind = i;
    }
  adw_combo_row_set_model (self->kind_row, G_LIST_MODEL (kinds));
  adw_combo_row_set_selected (self->kind_row, selected_kind);

  gtk_widget_set_visible (GTK_WIDGET (self->parent_row), _studio_courses_page_is_node (record));
  gtk_widget_set_visible (GTK_WIDGET (self->resources_row), _studio_courses_page_is_node (record));
  g_ptr_array_set_size (self->parent_ids, 0);
  if (_studio_courses_page_is_node (record))
    {
      const char *course_id = reslib_record_get (record, "course_id");
      ReslibRecord *course = _studio_courses_page_lookup_record (self, course_id);
      g_autofree char *top = g_strdup_printf (_("%s (top level)"), course != NULL ? reslib_record_get (course, "title") : "");

      gtk_string_list_append (parents, top);
      g_ptr_array_add (self->parent_ids, g_strdup (""));
      add_parent_choices (self, parents, record, course_id, 1);
      for (guint i = 0; i < self->parent_ids->len; i++)
        if (g_strcmp0 (g_ptr_array_index (self->parent_ids, i), reslib_record_get (record, "parent_id")) == 0)
          selected_parent = i;
      adw_combo_row_set_model (self->parent_row, G_LIST_MODEL (parents));
      adw_combo_row_set_selected (self->parent_row, selected_parent);

      count = g_strdup_printf ("%u", _studio_courses_page_resource_count (self, record));
      gtk_label_set_text (self->resources_label, count);
      if (_studio_courses_page_resource_count (self, record) == 0 && _studio_courses_page_is_point (record))
        adw_action_row_set_subtitle (self->resources_row,
                                     _("No resource is linked to this point yet: link resources to it on the Resources page"));
      else
        adw_action_row_set_subtitle (self->resources_row, "");
    }

  siblings = _studio_courses_page_siblings_of (self, record);
  _studio_courses_page_find_in (siblings, reslib_record_get_id (record), &position);
  gtk_adjustment_set_upper (gtk_spin_button_get_adjustment (self->position_spin),
                            MAX (1, siblings != NULL ? g_list_model_get_n_items (siblings) : 1));
  gtk_spin_button_set_value (self->position_spin, position + 1);
  self->filling = FALSE;
}

static gboolean
write_field (StudioCoursesPage *self,
             const char        *field,
             const char        *value,
             GtkWidget         *row)
{
  ReslibStore *store = studio_page_get_store (STUDIO_PAGE (self));
  const ReslibEntity *entity;
  g_autoptr(GError) error = NULL;
  g_autoptr(ReslibRecord) record = NULL;
  g_autoptr(ReslibUndoStep) step = NULL;
  g_autofree char *label = NULL;

  if (self->record == NULL || store == NULL)
    return FALSE;
  record = g_object_ref (self->record);
  entity = reslib_record_get_entity (record);
  if (g_strcmp0 (reslib_record_get (record, field), value) == 0)
    return TRUE;
  label = g_strdup (reslib_record_get (record, "title"));
  if (!reslib_field_check_value (entity, reslib_entity_find_field (entity, field), value, &error) ||
      (step = reslib_store_update_record_undoable (store, record, field, value, &error)) == NULL)
    {
      show_field_error (self, row, error);
      return FALSE;
    }
  studio_page_push_undo (STUDIO_PAGE (self), step, label, NULL);
  clear_field_error (self);
  _studio_courses_page_reload_now (self);

  return TRUE;
}

static void
apply_title (StudioCoursesPage *self)
{
  g_autofree char *title = NULL;

  if (self->filling || self->record == NULL)
    return;
  title = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->title_row))));
  if (*title == '\0')
    {
      g_autoptr(GError) error = g_error_new_literal (RESLIB_ERROR, RESLIB_ERROR_INVALID,
                                                     _("The title cannot be empty: type a title, or press Escape to keep the old one"));
      show_field_error (self, GTK_WIDGET (self->title_row), error);
      return;
    }
  write_field (self, "title", title, GTK_WIDGET (self->title_row));
}

static void
title_apply_cb (AdwEntryRow       *row,
                StudioCoursesPage *self)
{
  apply_title (self);
}

static void
title_focus_leave_cb (GtkEventControllerFocus *controller,
                      StudioCoursesPage       *self)
{
  if (self->record != NULL &&
      g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (self->title_row)), reslib_record_get (self->record, "title")) != 0)
    apply_title (self);
}

static gboolean
title_key_cb (GtkEventControllerKey *controller,
              guint                  keyval,
              guint                  keycode,
              GdkModifierType        state,
              StudioCoursesPage     *self)
{
  if (keyval != GDK_KEY_Escape || self->record == NULL)
    return FALSE;
  gtk_editable_set_text (GTK_EDITABLE (self->title_row), reslib_record_get (self->record, "title"));
  clear_field_error (self);
  return TRUE;
}

static void
apply_kind (StudioCoursesPage *self)
{
  AdwComboRow *row = self->kind_row;
  const char * const *choices;
  guint selected = adw_combo_row_get_selected (row);

  if (self->record == NULL)
    return;
  choices = _studio_courses_page_is_node (self->record) ? reslib_node_kinds : reslib_course_kinds;
  if (selected >= g_strv_length ((char **) choices))
    return;
  write_field (self, "kind", choices[selected], GTK_WIDGET (row));
}

static void
apply_parent (StudioCoursesPage *self)
{
  guint selected = adw_combo_row_get_selected (self->parent_row);
  g_autoptr(ReslibRecord) record = NULL;
  const char *parent;

  if (!_studio_courses_page_is_node (self->record) || selected >= self->parent_ids->len)
    return;
  parent = g_ptr_array_index (self->parent_ids, selected);
  if (g_strcmp0 (parent, reslib_record_get (self->record, "parent_id") ? reslib_record_get (self->record, "parent_id") : "") == 0)
    return;
  record = g_object_ref (self->record);
  _studio_courses_page_move_record (self, record, *parent != '\0' ? parent : NULL, G_MAXUINT);
}

static void
apply_position (StudioCoursesPage *self)
{
  g_autoptr(ReslibRecord) record = NULL;
  guint index = (guint) MAX (1, gtk_spin_button_get_value_as_int (self->position_spin)) - 1;
  guint current = 0;
  const char *parent;

  if (self->record == NULL)
    return;
  _studio_courses_page_find_in (_studio_courses_page_siblings_of (self, self->record),
                                reslib_record_get_id (self->record), &current);
  if (current == index)
    return;
  record = g_object_ref (self->record);
  parent = _studio_courses_page_is_node (record) ? reslib_record_get (record, "parent_id") : NULL;
  _studio_courses_page_move_record (self, record, parent, index);
}

/* Combo rows and the spin button are written from an idle: writing reads the tree again, which
 * gives the same widgets new models while they are still telling of their change. */
static gboolean
edit_idle_cb (gpointer data)
{
  StudioCoursesPage *self = data;
  guint edits = self->edits;

  self->edit_id = 0;
  self->edits = 0;
  if (edits & EDIT_KIND)
    apply_kind (self);
  else if (edits & EDIT_PARENT)
    apply_parent (self);
  else if (edits & EDIT_POSITION)
    apply_position (self);

  return G_SOURCE_REMOVE;
}

static void
queue_edit (StudioCoursesPage *self,
            guint              edit)
{
  if (self->filling || self->record == NULL)
    return;
  self->edits |= edit;
  if (self->edit_id == 0)
    self->edit_id = g_idle_add (edit_idle_cb, self);
}

static void
kind_selected_cb (AdwComboRow       *row,
                  GParamSpec        *pspec,
                  StudioCoursesPage *self)
{
  queue_edit (self, EDIT_KIND);
}

static void
parent_selected_cb (AdwComboRow       *row,
                    GParamSpec        *pspec,
                    StudioCoursesPage *self)
{
  queue_edit (self, EDIT_PARENT);
}

static void
position_changed_cb (GtkSpinButton     *spin,
                     StudioCoursesPage *self)
{
  queue_edit (self, EDIT_POSITION);
}

void
_studio_courses_page_rename_action (GtkWidget  *widget,
                                    const char *action_name,
                                    GVariant   *parameter)
{
  StudioCoursesPage *self = STUDIO_COURSES_PAGE (widget);

  if (self->record != NULL)
    {
      _studio_courses_page_show_editor (self);
      gtk_widget_grab_focus (GTK_WIDGET (self->title_row));
    }
}

/* Enter on a row: edit its title. */
void
_studio_courses_page_row_activated_cb (GtkListView       *view,
                                       guint              position,
                                       StudioCoursesPage *self)
{
  gtk_single_selection_set_selected (self->selection, position);
  _studio_courses_page_show_editor (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->title_row));
}

void
_studio_courses_page_selection_changed_cb (GtkSingleSelection *selection,
                                           GParamSpec         *pspec,
                                           StudioCoursesPage  *self)
{
  g_autoptr(ReslibRecord) selected = _studio_courses_page_get_selected (self);

  if (self->reloading)
    return;
  /* Write a title being typed before the editor shows another record. */
  if (self->record != NULL && !self->filling &&
      (selected == NULL || g_strcmp0 (reslib_record_get_id (selected), reslib_record_get_id (self->record)) != 0) &&
      g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (self->title_row)), reslib_record_get (self->record, "title")) != 0 &&
      !_studio_courses_page_is_blank (gtk_editable_get_text (GTK_EDITABLE (self->title_row))))
    {
      g_autofree char *title = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->title_row))));
      g_autoptr(GError) error = NULL;
      g_autofree char *label = g_strdup (reslib_record_get (self->record, "title"));
      g_autoptr(ReslibUndoStep) step = reslib_store_update_record_undoable (studio_page_get_store (STUDIO_PAGE (self)),
                                                                            self->record, "title", title, &error);

      if (step == NULL)
        studio_page_toast (STUDIO_PAGE (self), error->message);
      else
        studio_page_push_undo (STUDIO_PAGE (self), step, label, NULL);
    }
  _studio_courses_page_fill_editor (self);
  _studio_courses_page_update_actions (self);
}

/* Connects the editor's title, kind, parent and position rows. */
void
_studio_courses_page_init_editor (StudioCoursesPage *self)
{
  GtkEventController *focus = gtk_event_controller_focus_new ();
  GtkEventController *key = gtk_event_controller_key_new ();

  g_signal_connect (self->title_row, "apply", G_CALLBACK (title_apply_cb), self);
  g_signal_connect (focus, "leave", G_CALLBACK (title_focus_leave_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->title_row), focus);
  g_signal_connect (key, "key-pressed", G_CALLBACK (title_key_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->title_row), key);
  g_signal_connect (self->kind_row, "notify::selected", G_CALLBACK (kind_selected_cb), self);
  g_signal_connect (self->parent_row, "notify::selected", G_CALLBACK (parent_selected_cb), self);
  g_signal_connect (self->position_spin, "value-changed", G_CALLBACK (position_changed_cb), self);
}
