/* studio-courses-page.c — the Courses page: the tree of courses, modules and knowledge/skill points
 *
 * The tree is a GtkTreeListModel over GListStores of ReslibCourse/ReslibNode records, read from
 * the store and read again (debounced) after every change. The side editor writes every settable
 * field through at once (undoable); moves go through reslib-store-courses and deletions through
 * reslib_store_delete_undoable (one transaction each).
 *
 * This file holds the page and the reading of the tree; its rows, side editor, moves, additions and
 * deletions are in studio-courses-page-{rows,editor,move,add,delete}.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "reslib-store-courses.h"
#include "studio-courses-page-private.h"

G_DEFINE_FINAL_TYPE (StudioCoursesPage, studio_courses_page, STUDIO_TYPE_PAGE)

static void reload (StudioCoursesPage *self);

/* ---------------------------------------------------------------------------------------------- */
/* Helpers                                                                                         */

gboolean
_studio_courses_page_is_blank (const char *text)
{
  if (text == NULL)
    return TRUE;
  for (; *text != '\0'; text++)
    if (!g_ascii_isspace (*text))
      return FALSE;
  return TRUE;
}

gboolean
_studio_courses_page_is_node (ReslibRecord *record)
{
  return record != NULL && reslib_record_get_kind (record) == RESLIB_KIND_NODE;
}

/* The key of the list a record is in: the course for top-level nodes, else the parent node. */
static const char *
parent_key (ReslibRecord *record)
{
  const char *parent = reslib_record_get (record, "parent_id");

  if (!_studio_courses_page_is_node (record))
    return NULL;
  return !_studio_courses_page_is_blank (parent) ? parent : reslib_record_get (record, "course_id");
}

GListModel *
_studio_courses_page_siblings_of (StudioCoursesPage *self,
                                  ReslibRecord      *record)
{
  if (!_studio_courses_page_is_node (record))
    return G_LIST_MODEL (self->courses);
  return g_hash_table_lookup (self->children, parent_key (record));
}

gboolean
_studio_courses_page_find_in (GListModel *model,
                              const char *id,
                              guint      *position)
{
  for (guint i = 0; model != NULL && i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(ReslibRecord) record = g_list_model_get_item (model, i);

      if (g_strcmp0 (reslib_record_get_id (record), id) == 0)
        {
          if (position != NULL)
            *position = i;
          return TRUE;
        }
    }
  return FALSE;
}

/* A record of the tree as it was last read, by id (borrowed), or NULL. */
ReslibRecord *
_studio_courses_page_lookup_record (StudioCoursesPage *self,
                                    const char        *id)
{
  GHashTableIter iter;
  gpointer value;
  guint position;

  if (id == NULL)
    return NULL;
  if (_studio_courses_page_find_in (G_LIST_MODEL (self->courses), id, &position))
    {
      g_autoptr(ReslibRecord) record = g_list_model_get_item (G_LIST_MODEL (self->courses), position);
      return record;   /* the store keeps it alive */
    }
  g_hash_table_iter_init (&iter, self->children);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    if (_studio_courses_page_find_in (value, id, &position))
      {
        g_autoptr(ReslibRecord) record = g_list_model_get_item (value, position);
        return record;
      }

  return NULL;
}

/* Whether @candidate is @node or below it. A damaged store may hold parents that form a
 * cycle: the walk up stops after more steps than any course tree is deep. */
gboolean
_studio_courses_page_is_within (StudioCoursesPage *self,
                                ReslibRecord      *candidate,
                                const char        *node_id)
{
  guint steps = 0;

  for (ReslibRecord *up = candidate; _studio_courses_page_is_node (up) && steps < 1000;
       up = _studio_courses_page_lookup_record (self, reslib_record_get (up, "parent_id")), steps++)
    if (g_strcmp0 (reslib_record_get_id (up), node_id) == 0)
      return TRUE;
  return steps == 1000;
}

guint
_studio_courses_page_resource_count (StudioCoursesPage *self,
                                     ReslibRecord      *record)
{
  if (self->counts == NULL || !_studio_courses_page_is_node (record))
    return 0;
  return GPOINTER_TO_UINT (g_hash_table_lookup (self->counts, reslib_record_get_id (record)));
}

gboolean
_studio_courses_page_is_point (ReslibRecord *record)
{
  const char *kind = reslib_record_get (record, "kind");

  return _studio_courses_page_is_node (record) &&
         (g_strcmp0 (kind, "knowledge") == 0 || g_strcmp0 (kind, "skill") == 0);
}

ReslibRecord *
_studio_courses_page_get_selected (StudioCoursesPage *self)
{
  GtkTreeListRow *row = gtk_single_selection_get_selected_item (self->selection);

  return row != NULL ? gtk_tree_list_row_get_item (row) : NULL;   /* (transfer full) */
}

static GtkTreeListModel *
tree_model (StudioCoursesPage *self)
{
  return GTK_TREE_LIST_MODEL (gtk_single_selection_get_model (self->selection));
}

void
_studio_courses_page_show_error (StudioCoursesPage *self,
                                 const char        *heading,
                                 const GError      *error)
{
  studio_page_show_error (STUDIO_PAGE (self), heading, error);
}

/* Read again at once (after our own change), dropping a pending debounced reload. */
void
_studio_courses_page_reload_now (StudioCoursesPage *self)
{
  g_clear_handle_id (&self->reload_id, g_source_remove);
  reload (self);
}

/* ---------------------------------------------------------------------------------------------- */
/* Reading the tree                                                                                */

static void
remember_expansion (StudioCoursesPage *self)
{
  GtkTreeListModel *model = tree_model (self);

  if (model == NULL)
    return;
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (model)); i++)
    {
      g_autoptr(GtkTreeListRow) row = gtk_tree_list_model_get_row (model, i);
      g_autoptr(ReslibRecord) record = gtk_tree_list_row_get_item (row);

      if (!gtk_tree_list_row_is_expandable (row))
        continue;
      if (gtk_tree_list_row_get_expanded (row))
        g_hash_table_remove (self->collapsed, reslib_record_get_id (record));
      else
        g_hash_table_add (self->collapsed, g_strdup (reslib_record_get_id (record)));
    }
}

static void
apply_expansion (StudioCoursesPage *self)
{
  GtkTreeListModel *model = tree_model (self);

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (model)); i++)
    {
      g_autoptr(GtkTreeListRow) row = gtk_tree_list_model_get_row (model, i);
      g_autoptr(ReslibRecord) record = gtk_tree_list_row_get_item (row);

      if (g_hash_table_contains (self->collapsed, reslib_record_get_id (record)))
        gtk_tree_list_row_set_expanded (row, FALSE);
    }
}

static guint
find_row (StudioCoursesPage *self,
          const char        *id)
{
  GtkTreeListModel *model = tree_model (self);

  for (guint i = 0; id != NULL && i < g_list_model_get_n_items (G_LIST_MODEL (model)); i++)
    {
      g_autoptr(GtkTreeListRow) row = gtk_tree_list_model_get_row (model, i);
      g_autoptr(ReslibRecord) record = gtk_tree_list_row_get_item (row);

      if (g_strcmp0 (reslib_record_get_id (record), id) == 0)
        return i;
    }

  return GTK_INVALID_LIST_POSITION;
}

void
_studio_courses_page_update_actions (StudioCoursesPage *self)
{
  g_autoptr(ReslibRecord) record = _studio_courses_page_get_selected (self);
  gboolean has_project = studio_page_get_project_id (STUDIO_PAGE (self)) != NULL;
  GListModel *siblings = record != NULL ? _studio_courses_page_siblings_of (self, record) : NULL;
  guint position = 0, n = siblings != NULL ? g_list_model_get_n_items (siblings) : 0;
  /* A teacher links resources to the lead's courses and points, and changes none of them. */
  gboolean lead = studio_page_get_lead (STUDIO_PAGE (self));
  gboolean editable = lead && record != NULL;

  if (record != NULL)
    _studio_courses_page_find_in (siblings, reslib_record_get_id (record), &position);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "courses.add-course", lead && has_project);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "courses.add-node", editable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "courses.delete", editable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "courses.rename", editable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "courses.move-up", editable && position > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "courses.move-down", editable && position + 1 < n);
}

static void
studio_courses_page_lead_changed (StudioPage *page,
                                  gboolean    lead)
{
  StudioCoursesPage *self = STUDIO_COURSES_PAGE (page);

  gtk_widget_set_sensitive (GTK_WIDGET (self->editor_group), lead);
  gtk_widget_set_sensitive (GTK_WIDGET (self->details_group), lead);
  _studio_courses_page_update_actions (self);
}

static void
reload (StudioCoursesPage *self)
{
  ReslibStore *store = studio_page_get_store (STUDIO_PAGE (self));
  const char *project_id = studio_page_get_project_id (STUDIO_PAGE (self));
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) courses = NULL;
  g_autoptr(GtkTreeListModel) model = NULL;
  g_autoptr(ReslibRecord) selected = _studio_courses_page_get_selected (self);
  g_autofree char *selected_id = selected != NULL ? g_strdup (reslib_record_get_id (selected)) : NULL;
  guint selected_position = gtk_single_selection_get_selected (self->selection);
  guint n_nodes = 0, n_empty = 0;
  guint position;

  remember_expansion (self);
  self->reloading = TRUE;
  g_list_store_remove_all (self->courses);
  g_hash_table_remove_all (self->children);
  g_clear_pointer (&self->counts, g_hash_table_unref);

  if (store == NULL || project_id == NULL)
    {
      self->reloading = FALSE;
      gtk_stack_set_visible_child_name (self->stack, "empty");
      _studio_courses_page_fill_editor (self);
      _studio_courses_page_update_actions (self);
      return;
    }
  gtk_stack_set_visible_child_name (self->stack, "courses");

  courses = reslib_store_list (store, RESLIB_KIND_COURSE, project_id, &error);
  if (courses != NULL)
    self->counts = reslib_store_count_resources_by_node (store, project_id, &error);
  if (courses == NULL || self->counts == NULL)
    {
      self->reloading = FALSE;
      _studio_courses_page_show_error (self, _("The courses could not be read"), error);
      return;
    }
  for (guint i = 0; i < g_list_model_get_n_items (courses); i++)
    {
      g_autoptr(ReslibRecord) course = g_list_model_get_item (courses, i);
      g_autoptr(GListModel) nodes = reslib_store_list (store, RESLIB_KIND_NODE, reslib_record_get_id (course), &error);

      if (nodes == NULL)
        {
          self->reloading = FALSE;
          _studio_courses_page_show_error (self, _("The courses could not be read"), error);
          return;
        }
      g_list_store_append (self->courses, course);
      for (guint j = 0; j < g_list_model_get_n_items (nodes); j++)
        {
          g_autoptr(ReslibRecord) node = g_list_model_get_item (nodes, j);
          const char *key = parent_key (node);
          GListStore *list = g_hash_table_lookup (self->children, key);

          if (list == NULL)
            {
              list = g_list_store_new (RESLIB_TYPE_NODE);
              g_hash_table_insert (self->children, g_strdup (key), list);
            }
          g_list_store_append (list, node);
          n_nodes++;
          if (_studio_courses_page_is_point (node) && _studio_courses_page_resource_count (self, node) == 0)
            n_empty++;
        }
    }

  /* The tree model asks for children lazily, from the maps filled above. */
  model = gtk_tree_list_model_new (g_object_ref (G_LIST_MODEL (self->courses)), FALSE, TRUE,
                                   _studio_courses_page_create_children_cb, self, NULL);
  gtk_single_selection_set_model (self->selection, G_LIST_MODEL (model));
  apply_expansion (self);

  position = find_row (self, selected_id);
  if (position == GTK_INVALID_LIST_POSITION && selected_position != GTK_INVALID_LIST_POSITION &&
      g_list_model_get_n_items (G_LIST_MODEL (model)) > 0)
    position = MIN (selected_position, g_list_model_get_n_items (G_LIST_MODEL (model)) - 1);
  /* Something is always selected, so the editor and the buttons have a subject. */
  if (position == GTK_INVALID_LIST_POSITION && g_list_model_get_n_items (G_LIST_MODEL (model)) > 0)
    position = 0;
  gtk_single_selection_set_selected (self->selection, position);
  self->reloading = FALSE;

  gtk_stack_set_visible_child_name (self->tree_stack, g_list_model_get_n_items (courses) > 0 ? "tree" : "none");
  {
    /* Translators: a summary above the course tree */
    g_autofree char *summary = g_strdup_printf (_("Courses: %u · Nodes: %u · Points without resources: %u"),
                                                g_list_model_get_n_items (courses), n_nodes, n_empty);
    gtk_label_set_text (self->summary_label, summary);
  }
  _studio_courses_page_fill_editor (self);
  _studio_courses_page_update_actions (self);
}

static gboolean
reload_idle_cb (gpointer data)
{
  StudioCoursesPage *self = data;

  self->reload_id = 0;
  reload (self);
  return G_SOURCE_REMOVE;
}

static void
studio_courses_page_project_changed (StudioPage *page)
{
  StudioCoursesPage *self = STUDIO_COURSES_PAGE (page);

  g_hash_table_remove_all (self->collapsed);
  _studio_courses_page_reload_now (self);
}

static void
studio_courses_page_store_changed (StudioPage *page,
                                   ReslibKind  kind,
                                   const char *id)
{
  StudioCoursesPage *self = STUDIO_COURSES_PAGE (page);

  if (kind != RESLIB_KIND_COURSE && kind != RESLIB_KIND_NODE && kind != RESLIB_KIND_RESOURCE &&
      kind != RESLIB_KIND_PROJECT)
    return;
  if (self->reload_id == 0)
    self->reload_id = g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, reload_idle_cb, self, NULL);
}

gboolean
studio_courses_page_select (StudioCoursesPage *self,
                            const char        *id)
{
  ReslibRecord *record;
  guint position;

  g_return_val_if_fail (STUDIO_IS_COURSES_PAGE (self), FALSE);

  if (self->reload_id != 0)
    _studio_courses_page_reload_now (self);
  /* Open every row above it. */
  record = _studio_courses_page_lookup_record (self, id);
  if (record == NULL)
    return FALSE;
  for (ReslibRecord *up = record; _studio_courses_page_is_node (up);)
    {
      const char *key = parent_key (up);

      g_hash_table_remove (self->collapsed, key);
      up = _studio_courses_page_lookup_record (self, key);
    }
  apply_expansion (self);
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (tree_model (self))); i++)
    {
      g_autoptr(GtkTreeListRow) row = gtk_tree_list_model_get_row (tree_model (self), i);
      g_autoptr(ReslibRecord) item = gtk_tree_list_row_get_item (row);

      if (!g_hash_table_contains (self->collapsed, reslib_record_get_id (item)))
        gtk_tree_list_row_set_expanded (row, TRUE);
    }
  position = find_row (self, id);
  if (position == GTK_INVALID_LIST_POSITION)
    return FALSE;
  gtk_single_selection_set_selected (self->selection, position);
  gtk_widget_activate_action (GTK_WIDGET (self->tree_view), "list.scroll-to-item", "u", position);

  return TRUE;
}

static void
studio_courses_page_open_subject (StudioPage *page,
                                  ReslibKind  kind,
                                  const char *id)
{
  if (kind == RESLIB_KIND_COURSE || kind == RESLIB_KIND_NODE)
    studio_courses_page_select (STUDIO_COURSES_PAGE (page), id);
}

/* ---------------------------------------------------------------------------------------------- */

static void
studio_courses_page_dispose (GObject *object)
{
  StudioCoursesPage *self = STUDIO_COURSES_PAGE (object);

  g_clear_handle_id (&self->reload_id, g_source_remove);
  g_clear_handle_id (&self->edit_id, g_source_remove);
  g_clear_object (&self->selection);
  g_clear_object (&self->record);

  G_OBJECT_CLASS (studio_courses_page_parent_class)->dispose (object);
}

static void
studio_courses_page_finalize (GObject *object)
{
  StudioCoursesPage *self = STUDIO_COURSES_PAGE (object);

  g_clear_object (&self->courses);
  g_clear_pointer (&self->children, g_hash_table_unref);
  g_clear_pointer (&self->counts, g_hash_table_unref);
  g_clear_pointer (&self->collapsed, g_hash_table_unref);
  g_clear_pointer (&self->parent_ids, g_ptr_array_unref);
  g_clear_pointer (&self->detail_rows, g_ptr_array_unref);

  G_OBJECT_CLASS (studio_courses_page_parent_class)->finalize (object);
}

/* Narrow, the tree and the editor fold into one pane: the editor shows when a row is activated or
 * renamed, Back (Escape, Alt+Left) shows the tree again. */
void
_studio_courses_page_show_editor (StudioCoursesPage *self)
{
  if (adw_leaflet_get_folded (self->leaflet))
    adw_leaflet_set_visible_child (self->leaflet, self->editor_pane);
}

static void
back_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  StudioCoursesPage *self = STUDIO_COURSES_PAGE (widget);

  adw_leaflet_set_visible_child (self->leaflet, GTK_WIDGET (self->tree_stack));
  gtk_widget_grab_focus (GTK_WIDGET (self->tree_view));
}

static void
studio_courses_page_class_init (StudioCoursesPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  StudioPageClass *page_class = STUDIO_PAGE_CLASS (klass);

  object_class->dispose = studio_courses_page_dispose;
  object_class->finalize = studio_courses_page_finalize;
  page_class->lead_changed = studio_courses_page_lead_changed;
  page_class->project_changed = studio_courses_page_project_changed;
  page_class->store_changed = studio_courses_page_store_changed;
  page_class->open_subject = studio_courses_page_open_subject;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/reslib/Studio/ui/studio-courses-page.ui");
  gtk_widget_class_bind_template_child (widget_class, StudioCoursesPage, stack);
  gtk_widget_class_bind_template_child (widget_class, StudioCoursesPage, empty_status);
  gtk_widget_class_bind_template_child (widget_class, StudioCoursesPage, add_course_button);
  gtk_widget_class_bind_template_child (widget_class, StudioCoursesPage, add_node_button);
  gtk_widget_class_bind_template_child (widget_class, StudioCoursesPage, move_up_button);
  gtk_widget_class_bind_template_child (widget_class, StudioCoursesPage, move_down_button);
  gtk_widget_class_bind_template_child (widget_class, StudioCoursesPage, delete_button);
  gtk_widget_class_bind_template_child (widget_class, StudioCoursesPage, summary_label);
  gtk_widget_class_bind_template_child (widget_class, StudioCoursesPage, tree_stack);
  gtk_widget_class_bind_template_child (widget_class, StudioCoursesPage, tree_view);
  gtk_widget_class_bind_template_child (widget_class, StudioCoursesPage, editor_stack);
  gtk_widget_class_bind_template_child (widget_class, StudioCoursesPage, editor_group);
  gtk_widget_class_bind_template_child (widget_class, StudioCoursesPage, title_row);
  gtk_widget_class_bind_template_child (widget_class, StudioCoursesPage, kind_row);
  gtk_widget_class_bind_template_child (widget_class, StudioCoursesPage, parent_row);
  gtk_widget_class_bind_template_child (widget_class, StudioCoursesPage, position_row);
  gtk_widget_class_bind_template_child (widget_class, StudioCoursesPage, position_spin);
  gtk_widget_class_bind_template_child (widget_class, StudioCoursesPage, resources_row);
  gtk_widget_class_bind_template_child (widget_class, StudioCoursesPage, resources_label);
  gtk_widget_class_bind_template_child (widget_class, StudioCoursesPage, error_label);
  gtk_widget_class_bind_template_child (widget_class, StudioCoursesPage, details_group);
  gtk_widget_class_bind_template_child (widget_class, StudioCoursesPage, leaflet);
  gtk_widget_class_bind_template_child (widget_class, StudioCoursesPage, editor_pane);

  gtk_widget_class_install_action (widget_class, "courses.add-course", NULL,
                                   _studio_courses_page_add_course_action);
  gtk_widget_class_install_action (widget_class, "courses.add-node", NULL,
                                   _studio_courses_page_add_node_action);
  gtk_widget_class_install_action (widget_class, "courses.move-up", NULL,
                                   _studio_courses_page_move_up_action);
  gtk_widget_class_install_action (widget_class, "courses.move-down", NULL,
                                   _studio_courses_page_move_down_action);
  gtk_widget_class_install_action (widget_class, "courses.delete", NULL, _studio_courses_page_delete_action);
  gtk_widget_class_install_action (widget_class, "courses.rename", NULL, _studio_courses_page_rename_action);
  gtk_widget_class_install_action (widget_class, "courses.back", NULL, back_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Up, GDK_ALT_MASK, "courses.move-up", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Up, GDK_ALT_MASK, "courses.move-up", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Down, GDK_ALT_MASK, "courses.move-down", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Down, GDK_ALT_MASK, "courses.move-down", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F2, 0, "courses.rename", NULL);
}

static void
studio_courses_page_init (StudioCoursesPage *self)
{
  GtkListItemFactory *factory;
  GtkShortcutController *shortcuts = GTK_SHORTCUT_CONTROLLER (gtk_shortcut_controller_new ());

  gtk_widget_init_template (GTK_WIDGET (self));

  self->courses = g_list_store_new (RESLIB_TYPE_COURSE);
  self->children = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  self->collapsed = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->parent_ids = g_ptr_array_new_with_free_func (g_free);
  self->detail_rows = g_ptr_array_new ();

  self->selection = gtk_single_selection_new (NULL);
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  g_signal_connect (self->selection, "notify::selected-item",
                    G_CALLBACK (_studio_courses_page_selection_changed_cb), self);
  factory = _studio_courses_page_row_factory_new (self);
  gtk_list_view_set_factory (self->tree_view, factory);
  g_object_unref (factory);
  gtk_list_view_set_model (self->tree_view, GTK_SELECTION_MODEL (self->selection));
  g_signal_connect (self->tree_view, "activate", G_CALLBACK (_studio_courses_page_row_activated_cb), self);

  /* Delete deletes the selected row when the tree has the focus (not while typing elsewhere). */
  gtk_shortcut_controller_add_shortcut (shortcuts,
                                        gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_Delete, 0),
                                                          gtk_named_action_new ("courses.delete")));
  gtk_shortcut_controller_add_shortcut (shortcuts,
                                        gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_KP_Delete, 0),
                                                          gtk_named_action_new ("courses.delete")));
  gtk_widget_add_controller (GTK_WIDGET (self->tree_view), GTK_EVENT_CONTROLLER (shortcuts));

  _studio_courses_page_init_editor (self);

  reload (self);
}

