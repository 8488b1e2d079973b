/* studio-courses-page.c — the Courses page: the tree of courses, modules and knowledge/skill points
 *
 * The tree is a GtkTreeListModel over GListStores of ReslibCourse/ReslibNode records, read from
 * the store and read again (debounced) after every change. The side editor writes every settable
 * field through at once; moves and deletions go through reslib-store-courses (one transaction each).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "reslib-store-courses.h"
#include "studio-courses-page.h"

struct _StudioCoursesPage
{
  StudioPage          parent_instance;

  /* Template children */
  GtkStack           *stack;
  AdwStatusPage      *empty_status;
  GtkButton          *add_course_button;
  GtkButton          *add_node_button;
  GtkButton          *move_up_button;
  GtkButton          *move_down_button;
  GtkButton          *delete_button;
  GtkLabel           *summary_label;
  GtkStack           *tree_stack;
  GtkListView        *tree_view;
  GtkStack           *editor_stack;
  AdwPreferencesGroup *editor_group;
  AdwEntryRow        *title_row;
  AdwComboRow        *kind_row;
  AdwComboRow        *parent_row;
  AdwActionRow       *position_row;
  GtkSpinButton      *position_spin;
  AdwActionRow       *resources_row;
  GtkLabel           *resources_label;
  GtkLabel           *error_label;

  GtkSingleSelection *selection;
  GListStore         *courses;      /* the root of the tree */
  GHashTable         *children;     /* course or node id → GListStore of ReslibNode */
  GHashTable         *counts;       /* node id → number of linked resources */
  GHashTable         *collapsed;    /* ids of rows the user collapsed */
  ReslibRecord       *record;       /* what the editor shows */
  GPtrArray          *parent_ids;   /* the parent combo's choices ("" = top level) */
  GHashTable         *deletions;    /* serial → ReslibTreeSnapshot, while its toast shows */
  guint               deletion_serial;
  guint               reload_id;
  guint               edit_id;      /* an idle that writes a combo or spin change */
  guint               edits;        /* which: EDIT_KIND, EDIT_PARENT, EDIT_POSITION */
  gboolean            reloading;    /* the tree model is being replaced */
  gboolean            filling;      /* the editor is being filled: its signals write nothing */
};

G_DEFINE_FINAL_TYPE (StudioCoursesPage, studio_courses_page, STUDIO_TYPE_PAGE)

enum {
  EDIT_KIND = 1 << 0,
  EDIT_PARENT = 1 << 1,
  EDIT_POSITION = 1 << 2,
};

static void reload (StudioCoursesPage *self);

/* ---------------------------------------------------------------------------------------------- */
/* Helpers                                                                                         */

static gboolean
is_blank (const char *text)
{
  if (text == NULL)
    return TRUE;
  for (; *text != '\0'; text++)
    if (!g_ascii_isspace (*text))
      return FALSE;
  return TRUE;
}

static gboolean
is_node (ReslibRecord *record)
{
  return record != NULL && reslib_record_get_kind (record) == RESLIB_KIND_NODE;
}

/* The key of the list a record is in: the course for top-level nodes, else the parent node. */
static const char *
parent_key (ReslibRecord *record)
{
  const char *parent = reslib_record_get (record, "parent_id");

  if (!is_node (record))
    return NULL;
  return !is_blank (parent) ? parent : reslib_record_get (record, "course_id");
}

static GListModel *
siblings_of (StudioCoursesPage *self,
             ReslibRecord      *record)
{
  if (!is_node (record))
    return G_LIST_MODEL (self->courses);
  return g_hash_table_lookup (self->children, parent_key (record));
}

static gboolean
find_in (GListModel *model,
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
static ReslibRecord *
lookup_record (StudioCoursesPage *self,
               const char        *id)
{
  GHashTableIter iter;
  gpointer value;
  guint position;

  if (id == NULL)
    return NULL;
  if (find_in (G_LIST_MODEL (self->courses), id, &position))
    {
      g_autoptr(ReslibRecord) record = g_list_model_get_item (G_LIST_MODEL (self->courses), position);
      return record;   /* the store keeps it alive */
    }
  g_hash_table_iter_init (&iter, self->children);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    if (find_in (value, id, &position))
      {
        g_autoptr(ReslibRecord) record = g_list_model_get_item (value, position);
        return record;
      }

  return NULL;
}

static const char *
kind_icon (ReslibRecord *record)
{
  const char *kind = reslib_record_get (record, "kind");

  if (!is_node (record))
    return "folder-documents-symbolic";
  if (g_strcmp0 (kind, "knowledge") == 0)
    return "text-x-generic-symbolic";
  if (g_strcmp0 (kind, "skill") == 0)
    return "emblem-system-symbolic";
  return "view-list-bullet-symbolic";
}

static const char *
kind_label (ReslibRecord *record)
{
  const char *kind = reslib_record_get (record, "kind");

  return is_node (record) ? reslib_label_node_kind (kind) : reslib_label_course_kind (kind);
}

static guint
resource_count (StudioCoursesPage *self,
                ReslibRecord      *record)
{
  if (self->counts == NULL || !is_node (record))
    return 0;
  return GPOINTER_TO_UINT (g_hash_table_lookup (self->counts, reslib_record_get_id (record)));
}

static gboolean
is_point (ReslibRecord *record)
{
  const char *kind = reslib_record_get (record, "kind");

  return is_node (record) && (g_strcmp0 (kind, "knowledge") == 0 || g_strcmp0 (kind, "skill") == 0);
}

static ReslibRecord *
get_selected (StudioCoursesPage *self)
{
  GtkTreeListRow *row = gtk_single_selection_get_selected_item (self->selection);

  return row != NULL ? gtk_tree_list_row_get_item (row) : NULL;   /* (transfer full) */
}

static GtkTreeListModel *
tree_model (StudioCoursesPage *self)
{
  return GTK_TREE_LIST_MODEL (gtk_single_selection_get_model (self->selection));
}

static void
show_error (StudioCoursesPage *self,
            const char        *heading,
            const GError      *error)
{
  studio_page_show_error (STUDIO_PAGE (self), heading, error);
}

/* Read again at once (after our own change), dropping a pending debounced reload. */
static void
reload_now (StudioCoursesPage *self)
{
  g_clear_handle_id (&self->reload_id, g_source_remove);
  reload (self);
}

/* ---------------------------------------------------------------------------------------------- */
/* Rows                                                                                            */

static GListModel *
create_children_cb (gpointer item,
                    gpointer user_data)
{
  StudioCoursesPage *self = user_data;
  GListStore *store;

  if (self->children == NULL)
    return NULL;
  store = g_hash_table_lookup (self->children, reslib_record_get_id (item));
  return store != NULL ? g_object_ref (G_LIST_MODEL (store)) : NULL;
}

static ReslibRecord *
row_record (GtkWidget *widget)
{
  GtkListItem *item = g_object_get_data (G_OBJECT (widget), "list-item");
  GtkTreeListRow *row = item != NULL ? gtk_list_item_get_item (item) : NULL;

  return row != NULL ? gtk_tree_list_row_get_item (row) : NULL;   /* (transfer full) */
}

static GdkContentProvider *
drag_prepare_cb (GtkDragSource *source,
                 double         x,
                 double         y,
                 gpointer       user_data)
{
  GtkWidget *widget = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (source));
  g_autoptr(ReslibRecord) record = row_record (widget);

  if (record == NULL)
    return NULL;
  return gdk_content_provider_new_typed (G_TYPE_STRING, reslib_record_get_id (record));
}

static void
drag_begin_cb (GtkDragSource *source,
               GdkDrag       *drag,
               gpointer       user_data)
{
  GtkWidget *widget = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (source));
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (widget);

  gtk_drag_source_set_icon (source, paintable, 0, 0);
}

static gboolean
drop_cb (GtkDropTarget *target,
         const GValue  *value,
         double         x,
         double         y,
         gpointer       user_data)
{
  StudioCoursesPage *self = user_data;
  GtkWidget *widget = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (target));
  g_autoptr(ReslibRecord) record = row_record (widget);
  g_autoptr(GError) error = NULL;
  StudioDropPosition where;

  if (record == NULL || !G_VALUE_HOLDS_STRING (value) || g_value_get_string (value) == NULL)
    return FALSE;
  /* The lower quarter of a row: after it; elsewhere: into it. */
  where = y > gtk_widget_get_height (widget) * 0.75 ? STUDIO_DROP_AFTER : STUDIO_DROP_INTO;
  if (!studio_courses_page_drop (self, g_value_get_string (value), reslib_record_get_id (record), where, &error))
    {
      studio_page_toast (STUDIO_PAGE (self), error->message);
      return FALSE;
    }

  return TRUE;
}

static void
setup_row_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              StudioCoursesPage        *self)
{
  GtkWidget *expander = gtk_tree_expander_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  GtkWidget *icon = gtk_image_new ();
  GtkWidget *title = gtk_label_new (NULL);
  GtkWidget *kind = gtk_label_new (NULL);
  GtkWidget *count = gtk_label_new (NULL);
  GtkDragSource *source = gtk_drag_source_new ();
  GtkDropTarget *target = gtk_drop_target_new (G_TYPE_STRING, GDK_ACTION_MOVE);

  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_widget_set_margin_end (box, 6);
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_ellipsize (GTK_LABEL (title), PANGO_ELLIPSIZE_END);
  gtk_widget_set_hexpand (title, TRUE);
  gtk_widget_add_css_class (kind, "dim-label");
  gtk_widget_add_css_class (kind, "caption");
  gtk_widget_add_css_class (count, "caption");
  gtk_box_append (GTK_BOX (box), icon);
  gtk_box_append (GTK_BOX (box), title);
  gtk_box_append (GTK_BOX (box), kind);
  gtk_box_append (GTK_BOX (box), count);
  gtk_tree_expander_set_child (GTK_TREE_EXPANDER (expander), box);

  gtk_drag_source_set_actions (source, GDK_ACTION_MOVE);
  g_signal_connect (source, "prepare", G_CALLBACK (drag_prepare_cb), self);
  g_signal_connect (source, "drag-begin", G_CALLBACK (drag_begin_cb), self);
  gtk_widget_add_controller (expander, GTK_EVENT_CONTROLLER (source));
  g_signal_connect (target, "drop", G_CALLBACK (drop_cb), self);
  gtk_widget_add_controller (expander, GTK_EVENT_CONTROLLER (target));

  g_object_set_data (G_OBJECT (expander), "list-item", item);
  g_object_set_data (G_OBJECT (expander), "icon", icon);
  g_object_set_data (G_OBJECT (expander), "title", title);
  g_object_set_data (G_OBJECT (expander), "kind", kind);
  g_object_set_data (G_OBJECT (expander), "count", count);
  gtk_list_item_set_child (item, expander);
}

static void
bind_row_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *item,
             StudioCoursesPage        *self)
{
  GtkWidget *expander = gtk_list_item_get_child (item);
  GtkTreeListRow *row = gtk_list_item_get_item (item);
  g_autoptr(ReslibRecord) record = gtk_tree_list_row_get_item (row);
  GtkLabel *count = g_object_get_data (G_OBJECT (expander), "count");
  guint n = resource_count (self, record);
  const char *title = reslib_record_get (record, "title");

  gtk_tree_expander_set_list_row (GTK_TREE_EXPANDER (expander), row);
  gtk_image_set_from_icon_name (g_object_get_data (G_OBJECT (expander), "icon"), kind_icon (record));
  gtk_label_set_text (g_object_get_data (G_OBJECT (expander), "title"), title);
  gtk_label_set_text (g_object_get_data (G_OBJECT (expander), "kind"), kind_label (record));
  studio_set_accessible_label (expander, title);

  gtk_widget_remove_css_class (GTK_WIDGET (count), "warning");
  gtk_widget_remove_css_class (GTK_WIDGET (count), "dim-label");
  if (is_node (record) && n > 0)
    {
      g_autofree char *text = g_strdup_printf (_("Resources: %u"), n);

      gtk_label_set_text (count, text);
      gtk_widget_add_css_class (GTK_WIDGET (count), "dim-label");
      gtk_widget_set_visible (GTK_WIDGET (count), TRUE);
    }
  else if (is_point (record))
    {
      /* Translators: a knowledge or skill point that no resource is linked to yet */
      gtk_label_set_text (count, _("No resources"));
      gtk_widget_add_css_class (GTK_WIDGET (count), "warning");
      gtk_widget_set_visible (GTK_WIDGET (count), TRUE);
    }
  else
    gtk_widget_set_visible (GTK_WIDGET (count), FALSE);
}

static void
unbind_row_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               StudioCoursesPage        *self)
{
  gtk_tree_expander_set_list_row (GTK_TREE_EXPANDER (gtk_list_item_get_child (item)), NULL);
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

static void
update_actions (StudioCoursesPage *self)
{
  g_autoptr(ReslibRecord) record = get_selected (self);
  gboolean has_project = studio_page_get_project_id (STUDIO_PAGE (self)) != NULL;
  GListModel *siblings = record != NULL ? siblings_of (self, record) : NULL;
  guint position = 0, n = siblings != NULL ? g_list_model_get_n_items (siblings) : 0;

  if (record != NULL)
    find_in (siblings, reslib_record_get_id (record), &position);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "courses.add-course", has_project);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "courses.add-node", record != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "courses.delete", record != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "courses.rename", record != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "courses.move-up", record != NULL && position > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "courses.move-down", record != NULL && position + 1 < n);
}

static void fill_editor (StudioCoursesPage *self);

static void
reload (StudioCoursesPage *self)
{
  ReslibStore *store = studio_page_get_store (STUDIO_PAGE (self));
  const char *project_id = studio_page_get_project_id (STUDIO_PAGE (self));
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) courses = NULL;
  g_autoptr(GtkTreeListModel) model = NULL;
  g_autoptr(ReslibRecord) selected = get_selected (self);
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
      fill_editor (self);
      update_actions (self);
      return;
    }
  gtk_stack_set_visible_child_name (self->stack, "courses");

  courses = reslib_store_list (store, RESLIB_KIND_COURSE, project_id, &error);
  if (courses != NULL)
    self->counts = reslib_store_count_resources_by_node (store, project_id, &error);
  if (courses == NULL || self->counts == NULL)
    {
      self->reloading = FALSE;
      show_error (self, _("The courses could not be read"), error);
      return;
    }
  for (guint i = 0; i < g_list_model_get_n_items (courses); i++)
    {
      g_autoptr(ReslibRecord) course = g_list_model_get_item (courses, i);
      g_autoptr(GListModel) nodes = reslib_store_list (store, RESLIB_KIND_NODE, reslib_record_get_id (course), &error);

      if (nodes == NULL)
        {
          self->reloading = FALSE;
          show_error (self, _("The courses could not be read"), error);
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
          if (is_point (node) && resource_count (self, node) == 0)
            n_empty++;
        }
    }

  /* The tree model asks for children lazily, from the maps filled above. */
  model = gtk_tree_list_model_new (g_object_ref (G_LIST_MODEL (self->courses)), FALSE, TRUE,
                                   create_children_cb, self, NULL);
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
  fill_editor (self);
  update_actions (self);
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
  reload_now (self);
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
    reload_now (self);
  /* Open every row above it. */
  record = lookup_record (self, id);
  if (record == NULL)
    return FALSE;
  for (ReslibRecord *up = record; is_node (up);)
    {
      const char *key = parent_key (up);

      g_hash_table_remove (self->collapsed, key);
      up = lookup_record (self, key);
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
/* The side editor                                                                                 */

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

/* Whether @candidate is @node or below it. A damaged store may hold parents that form a
 * cycle: the walk up stops after more steps than any course tree is deep. */
static gboolean
is_within (StudioCoursesPage *self,
           ReslibRecord      *candidate,
           const char        *node_id)
{
  guint steps = 0;

  for (ReslibRecord *up = candidate; is_node (up) && steps < 1000;
       up = lookup_record (self, reslib_record_get (up, "parent_id")), steps++)
    if (g_strcmp0 (reslib_record_get_id (up), node_id) == 0)
      return TRUE;
  return steps == 1000;
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
      if (is_within (self, candidate, reslib_record_get_id (node)))
        continue;
      label = g_strdup_printf ("%s%s", indent, reslib_record_get (candidate, "title"));
      gtk_string_list_append (labels, label);
      g_ptr_array_add (self->parent_ids, g_strdup (reslib_record_get_id (candidate)));
      add_parent_choices (self, labels, node, reslib_record_get_id (candidate), depth + 1);
    }
}

static void
fill_editor (StudioCoursesPage *self)
{
  g_autoptr(ReslibRecord) record = get_selected (self);
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
  if (record == NULL)
    {
      gtk_stack_set_visible_child_name (self->editor_stack, "none");
      return;
    }

  self->filling = TRUE;
  gtk_stack_set_visible_child_name (self->editor_stack, "editor");
  adw_preferences_group_set_title (self->editor_group, is_node (record) ? _("Node") : _("Course"));
  adw_preferences_group_set_description (self->editor_group, NULL);
  clear_field_error (self);

  /* Keep what is being typed when the same record is read again. */
  if (!same || !typing)
    gtk_editable_set_text (GTK_EDITABLE (self->title_row), reslib_record_get (record, "title"));

  choices = is_node (record) ? reslib_node_kinds : reslib_course_kinds;
  for (guint i = 0; choices[i] != NULL; i++)
    {
      gtk_string_list_append (kinds, is_node (record) ? reslib_label_node_kind (choices[i])
                                                      : reslib_label_course_kind (choices[i]));
      if (g_strcmp0 (choices[i], reslib_record_get (record, "kind")) == 0)
        selected_kind = i;
    }
  adw_combo_row_set_model (self->kind_row, G_LIST_MODEL (kinds));
  adw_combo_row_set_selected (self->kind_row, selected_kind);

  gtk_widget_set_visible (GTK_WIDGET (self->parent_row), is_node (record));
  gtk_widget_set_visible (GTK_WIDGET (self->resources_row), is_node (record));
  g_ptr_array_set_size (self->parent_ids, 0);
  if (is_node (record))
    {
      const char *course_id = reslib_record_get (record, "course_id");
      ReslibRecord *course = lookup_record (self, course_id);
      g_autofree char *top = g_strdup_printf (_("%s (top level)"), course != NULL ? reslib_record_get (course, "title") : "");

      gtk_string_list_append (parents, top);
      g_ptr_array_add (self->parent_ids, g_strdup (""));
      add_parent_choices (self, parents, record, course_id, 1);
      for (guint i = 0; i < self->parent_ids->len; i++)
        if (g_strcmp0 (g_ptr_array_index (self->parent_ids, i), reslib_record_get (record, "parent_id")) == 0)
          selected_parent = i;
      adw_combo_row_set_model (self->parent_row, G_LIST_MODEL (parents));
      adw_combo_row_set_selected (self->parent_row, selected_parent);

      count = g_strdup_printf ("%u", resource_count (self, record));
      gtk_label_set_text (self->resources_label, count);
      if (resource_count (self, record) == 0 && is_point (record))
        adw_action_row_set_subtitle (self->resources_row,
                                     _("No resource is linked to this point yet: link resources to it on the Resources page"));
      else
        adw_action_row_set_subtitle (self->resources_row, "");
    }

  siblings = siblings_of (self, record);
  find_in (siblings, reslib_record_get_id (record), &position);
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

  if (self->record == NULL || store == NULL)
    return FALSE;
  record = g_object_ref (self->record);
  entity = reslib_record_get_entity (record);
  if (g_strcmp0 (reslib_record_get (record, field), value) == 0)
    return TRUE;
  if (!reslib_field_check_value (entity, reslib_entity_find_field (entity, field), value, &error) ||
      !reslib_store_update_record (store, record, field, value, &error))
    {
      show_field_error (self, row, error);
      return FALSE;
    }
  clear_field_error (self);
  reload_now (self);

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
  choices = is_node (self->record) ? reslib_node_kinds : reslib_course_kinds;
  if (selected >= g_strv_length ((char **) choices))
    return;
  write_field (self, "kind", choices[selected], GTK_WIDGET (row));
}

static gboolean
move_record (StudioCoursesPage *self,
             ReslibRecord      *record,
             const char        *parent_id,
             guint              index)
{
  ReslibStore *store = studio_page_get_store (STUDIO_PAGE (self));
  g_autoptr(GError) error = NULL;
  g_autofree char *id = g_strdup (reslib_record_get_id (record));
  gboolean ok;

  if (is_node (record))
    ok = reslib_store_move_node (store, id, parent_id, index, &error);
  else
    ok = reslib_store_move_course (store, id, index, &error);
  if (!ok)
    {
      studio_page_toast (STUDIO_PAGE (self), error->message);
      reload_now (self);
      return FALSE;
    }
  reload_now (self);
  studio_courses_page_select (self, id);

  return TRUE;
}

static void
apply_parent (StudioCoursesPage *self)
{
  guint selected = adw_combo_row_get_selected (self->parent_row);
  g_autoptr(ReslibRecord) record = NULL;
  const char *parent;

  if (!is_node (self->record) || selected >= self->parent_ids->len)
    return;
  parent = g_ptr_array_index (self->parent_ids, selected);
  if (g_strcmp0 (parent, reslib_record_get (self->record, "parent_id") ? reslib_record_get (self->record, "parent_id") : "") == 0)
    return;
  record = g_object_ref (self->record);
  move_record (self, record, *parent != '\0' ? parent : NULL, G_MAXUINT);
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
  find_in (siblings_of (self, self->record), reslib_record_get_id (self->record), &current);
  if (current == index)
    return;
  record = g_object_ref (self->record);
  parent = is_node (record) ? reslib_record_get (record, "parent_id") : NULL;
  move_record (self, record, parent, index);
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

static void
rename_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  StudioCoursesPage *self = STUDIO_COURSES_PAGE (widget);

  if (self->record != NULL)
    gtk_widget_grab_focus (GTK_WIDGET (self->title_row));
}

/* Enter on a row: edit its title. */
static void
row_activated_cb (GtkListView       *view,
                  guint              position,
                  StudioCoursesPage *self)
{
  gtk_single_selection_set_selected (self->selection, position);
  gtk_widget_grab_focus (GTK_WIDGET (self->title_row));
}

static void
selection_changed_cb (GtkSingleSelection *selection,
                      GParamSpec         *pspec,
                      StudioCoursesPage  *self)
{
  g_autoptr(ReslibRecord) selected = get_selected (self);

  if (self->reloading)
    return;
  /* Write a title being typed before the editor shows another record. */
  if (self->record != NULL && !self->filling &&
      (selected == NULL || g_strcmp0 (reslib_record_get_id (selected), reslib_record_get_id (self->record)) != 0) &&
      g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (self->title_row)), reslib_record_get (self->record, "title")) != 0 &&
      !is_blank (gtk_editable_get_text (GTK_EDITABLE (self->title_row))))
    {
      g_autofree char *title = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->title_row))));
      g_autoptr(GError) error = NULL;

      if (!reslib_store_update_record (studio_page_get_store (STUDIO_PAGE (self)), self->record, "title", title, &error))
        studio_page_toast (STUDIO_PAGE (self), error->message);
    }
  fill_editor (self);
  update_actions (self);
}

/* ---------------------------------------------------------------------------------------------- */
/* Moving                                                                                          */

static ReslibRecord *
get_record (StudioCoursesPage *self,
            const char        *id)
{
  ReslibStore *store = studio_page_get_store (STUDIO_PAGE (self));
  ReslibRecord *record;

  if (store == NULL || id == NULL)
    return NULL;
  record = reslib_store_get (store, RESLIB_KIND_NODE, id, NULL);
  if (record == NULL)
    record = reslib_store_get (store, RESLIB_KIND_COURSE, id, NULL);
  return record;
}

static guint
index_after (StudioCoursesPage *self,
             GListModel        *siblings,
             const char        *target_id,
             const char        *source_id)
{
  guint index = 0;

  /* Counted without the moved record, as the store counts. */
  for (guint i = 0; siblings != NULL && i < g_list_model_get_n_items (siblings); i++)
    {
      g_autoptr(ReslibRecord) record = g_list_model_get_item (siblings, i);

      if (g_strcmp0 (reslib_record_get_id (record), source_id) == 0)
        continue;
      index++;
      if (g_strcmp0 (reslib_record_get_id (record), target_id) == 0)
        return index;
    }

  return G_MAXUINT;
}

gboolean
studio_courses_page_drop (StudioCoursesPage  *self,
                          const char         *source_id,
                          const char         *target_id,
                          StudioDropPosition  where,
                          GError            **error)
{
  ReslibStore *store = studio_page_get_store (STUDIO_PAGE (self));
  g_autoptr(ReslibRecord) source = NULL;
  g_autoptr(ReslibRecord) target = NULL;
  g_autoptr(GError) local_error = NULL;
  const char *parent_id = NULL;
  guint index = G_MAXUINT;
  gboolean ok;

  g_return_val_if_fail (STUDIO_IS_COURSES_PAGE (self), FALSE);

  source = get_record (self, source_id);
  target = get_record (self, target_id);
  if (source == NULL || target == NULL || store == NULL)
    {
      g_set_error_literal (error, RESLIB_ERROR, RESLIB_ERROR_NOT_FOUND,
                           _("Only courses and nodes of this tree can be dropped here"));
      return FALSE;
    }
  if (g_strcmp0 (source_id, target_id) == 0)
    return TRUE;

  if (!is_node (source))
    {
      if (is_node (target))
        {
          g_set_error (error, RESLIB_ERROR, RESLIB_ERROR_INVALID,
                       _("The course “%s” cannot go inside “%s”: courses stay at the top of the tree"),
                       reslib_record_get (source, "title"), reslib_record_get (target, "title"));
          return FALSE;
        }
      /* A course dropped on a course goes after it. */
      ok = reslib_store_move_course (store, source_id,
                                     index_after (self, G_LIST_MODEL (self->courses), target_id, source_id),
                                     &local_error);
    }
  else
    {
      const char *source_course = reslib_record_get (source, "course_id");
      const char *target_course = is_node (target) ? reslib_record_get (target, "course_id") : target_id;

      if (g_strcmp0 (source_course, target_course) != 0)
        {
          ReslibRecord *course = lookup_record (self, source_course);

          g_set_error (error, RESLIB_ERROR, RESLIB_ERROR_INVALID,
                       _("“%s” belongs to the course “%s” and cannot be moved to another course: "
                         "add a new node there instead"),
                       reslib_record_get (source, "title"), course != NULL ? reslib_record_get (course, "title") : "");
          return FALSE;
        }
      if (!is_node (target))
        parent_id = NULL;   /* onto its course: the top level, last */
      else if (where == STUDIO_DROP_INTO)
        parent_id = target_id;
      else
        {
          parent_id = reslib_record_get (target, "parent_id");
          if (is_blank (parent_id))
            parent_id = NULL;
          index = index_after (self, siblings_of (self, target), target_id, source_id);
        }
      if (parent_id != NULL && is_within (self, lookup_record (self, parent_id), source_id))
        {
          g_set_error (error, RESLIB_ERROR, RESLIB_ERROR_INVALID,
                       _("“%s” cannot be moved under “%s”, which is inside it"),
                       reslib_record_get (source, "title"), reslib_record_get (target, "title"));
          return FALSE;
        }
      ok = reslib_store_move_node (store, source_id, parent_id, index, &local_error);
    }

  if (!ok)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (parent_id != NULL)
    g_hash_table_remove (self->collapsed, parent_id);
  reload_now (self);
  studio_courses_page_select (self, source_id);

  return TRUE;
}

static void
move_by (StudioCoursesPage *self,
         int                delta)
{
  g_autoptr(ReslibRecord) record = get_selected (self);
  guint position = 0;

  if (record == NULL || !find_in (siblings_of (self, record), reslib_record_get_id (record), &position))
    return;
  if ((delta < 0 && position == 0) ||
      (delta > 0 && position + 1 >= g_list_model_get_n_items (siblings_of (self, record))))
    return;
  move_record (self, record, is_node (record) ? reslib_record_get (record, "parent_id") : NULL, position + delta);
}

static void
move_up_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  move_by (STUDIO_COURSES_PAGE (widget), -1);
}

static void
move_down_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  move_by (STUDIO_COURSES_PAGE (widget), 1);
}

/* ---------------------------------------------------------------------------------------------- */
/* Adding                                                                                          */

typedef struct
{
  StudioCoursesPage *page;
  GtkEditable       *title;
  AdwComboRow       *kind;
  char              *parent_id;    /* a node, or NULL */
  char              *course_id;    /* for nodes */
} AddDialog;

static void
add_dialog_free (gpointer data)
{
  AddDialog *add = data;

  g_free (add->parent_id);
  g_free (add->course_id);
  g_free (add);
}

static void
add_changed_cb (GtkEditable      *editable,
                AdwMessageDialog *dialog)
{
  adw_message_dialog_set_response_enabled (dialog, "add", !is_blank (gtk_editable_get_text (editable)));
}

static void
add_response_cb (AdwMessageDialog *dialog,
                 const char       *response,
                 AddDialog        *add)
{
  StudioCoursesPage *self = add->page;
  ReslibStore *store = studio_page_get_store (STUDIO_PAGE (self));
  const char *project_id = studio_page_get_project_id (STUDIO_PAGE (self));
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;
  g_autofree char *position = NULL;
  g_autofree char *id = NULL;
  guint kind = adw_combo_row_get_selected (add->kind);

  if (g_strcmp0 (response, "add") != 0 || store == NULL || project_id == NULL)
    return;
  title = g_strstrip (g_strdup (gtk_editable_get_text (add->title)));
  if (*title == '\0')
    return;

  if (add->course_id == NULL)
    {
      position = g_strdup_printf ("%u", g_list_model_get_n_items (G_LIST_MODEL (self->courses)));
      id = reslib_store_insert (store, RESLIB_KIND_COURSE,
                                (const char * const[]) { "project_id", "title", "kind", "position", NULL },
                                (const char * const[]) { project_id, title,
                                                         reslib_course_kinds[MIN (kind, g_strv_length ((char **) reslib_course_kinds) - 1)],
                                                         position },
                                &error);
    }
  else
    {
      GListModel *siblings = g_hash_table_lookup (self->children, add->parent_id ? add->parent_id : add->course_id);

      position = g_strdup_printf ("%u", siblings != NULL ? g_list_model_get_n_items (siblings) : 0);
      id = reslib_store_insert (store, RESLIB_KIND_NODE,
                                (const char * const[]) { "course_id", "parent_id", "kind", "title", "position", NULL },
                                (const char * const[]) { add->course_id, add->parent_id,
                                                         reslib_node_kinds[MIN (kind, g_strv_length ((char **) reslib_node_kinds) - 1)],
                                                         title, position },
                                &error);
    }
  if (id == NULL)
    {
      show_error (self, add->course_id == NULL ? _("The course could not be added") : _("The node could not be added"),
                  error);
      return;
    }

  reload_now (self);
  studio_courses_page_select (self, id);
}

static void
present_add_dialog (StudioCoursesPage *self,
                    ReslibRecord      *parent)
{
  AddDialog *add = g_new0 (AddDialog, 1);
  GtkWidget *dialog;
  GtkWidget *list = gtk_list_box_new ();
  GtkWidget *title_row = adw_entry_row_new ();
  GtkWidget *kind_row = adw_combo_row_new ();
  g_autoptr(GtkStringList) kinds = gtk_string_list_new (NULL);
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  gboolean node = parent != NULL;
  guint default_kind = 0;
  const char * const *choices = node ? reslib_node_kinds : reslib_course_kinds;

  add->page = self;
  if (node)
    {
      add->course_id = g_strdup (is_node (parent) ? reslib_record_get (parent, "course_id") : reslib_record_get_id (parent));
      add->parent_id = is_node (parent) ? g_strdup (reslib_record_get_id (parent)) : NULL;
      /* Under a course: a module; under a module or chapter: a knowledge point. */
      if (is_node (parent))
        default_kind = 2;
    }

  if (node)
    {
      dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, _("Add Node"), NULL);
      adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog), _("The new node goes under “%s”."),
                                      reslib_record_get (parent, "title"));
    }
  else
    dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, _("Add Course"),
                                     _("A structured course is built from modules, and its modules from knowledge and skill points."));

  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (title_row), _("Title"));
  studio_set_accessible_label (title_row, node ? _("Node title") : _("Course title"));
  gtk_list_box_append (GTK_LIST_BOX (list), title_row);

  for (guint i = 0; choices[i] != NULL; i++)
    gtk_string_list_append (kinds, node ? reslib_label_node_kind (choices[i]) : reslib_label_course_kind (choices[i]));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (kind_row), _("Kind"));
  studio_set_accessible_label (kind_row, node ? _("Node kind") : _("Course kind"));
  adw_combo_row_set_model (ADW_COMBO_ROW (kind_row), G_LIST_MODEL (kinds));
  adw_combo_row_set_selected (ADW_COMBO_ROW (kind_row), default_kind);
  gtk_list_box_append (GTK_LIST_BOX (list), kind_row);
  add->title = GTK_EDITABLE (title_row);
  add->kind = ADW_COMBO_ROW (kind_row);

  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), list);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "add", _("_Add"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "add", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "add");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (dialog), "add", FALSE);
  gtk_window_set_destroy_with_parent (GTK_WINDOW (dialog), TRUE);
  g_object_set_data_full (G_OBJECT (dialog), "add-dialog", add, add_dialog_free);
  g_signal_connect (dialog, "response", G_CALLBACK (add_response_cb), add);
  g_signal_connect (title_row, "changed", G_CALLBACK (add_changed_cb), dialog);
  /* Enter in the title adds at once. */
  adw_entry_row_set_activates_default (ADW_ENTRY_ROW (title_row), TRUE);

  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (title_row);
}

static void
add_course_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  StudioCoursesPage *self = STUDIO_COURSES_PAGE (widget);

  if (studio_page_get_project_id (STUDIO_PAGE (self)) != NULL)
    present_add_dialog (self, NULL);
}

static void
add_node_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  StudioCoursesPage *self = STUDIO_COURSES_PAGE (widget);
  g_autoptr(ReslibRecord) parent = get_selected (self);

  if (parent == NULL)
    {
      studio_page_toast (STUDIO_PAGE (self), _("Select the course or node the new node goes under first"));
      return;
    }
  present_add_dialog (self, parent);
}

/* ---------------------------------------------------------------------------------------------- */
/* Deleting                                                                                        */

static void
toast_dismissed_cb (AdwToast          *toast,
                    StudioCoursesPage *self)
{
  g_hash_table_remove (self->deletions, g_object_get_data (G_OBJECT (toast), "serial"));
}

static void undo_deletion (StudioCoursesPage *self,
                           guint              serial);

static void
toast_undo_cb (AdwToast          *toast,
               StudioCoursesPage *self)
{
  undo_deletion (self, GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (toast), "serial")));
}

static void
delete_record (StudioCoursesPage *self,
               ReslibRecord      *record)
{
  ReslibStore *store = studio_page_get_store (STUDIO_PAGE (self));
  g_autoptr(GError) error = NULL;
  ReslibTreeSnapshot *snapshot;
  g_autofree char *title = NULL;
  AdwToast *toast;
  guint serial;

  snapshot = reslib_store_delete_tree (store, reslib_record_get_kind (record), reslib_record_get_id (record), &error);
  if (snapshot == NULL)
    {
      show_error (self, is_node (record) ? _("The node could not be deleted") : _("The course could not be deleted"), error);
      return;
    }
  serial = ++self->deletion_serial;
  g_hash_table_insert (self->deletions, GUINT_TO_POINTER (serial), snapshot);

  title = g_strdup_printf (_("“%s” deleted"), reslib_tree_snapshot_get_title (snapshot));
  toast = adw_toast_new (title);
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  g_object_set_data (G_OBJECT (toast), "serial", GUINT_TO_POINTER (serial));
  g_signal_connect_object (toast, "dismissed", G_CALLBACK (toast_dismissed_cb), self, 0);
  /* The toast lives in the window, outside the page: its button cannot reach the page's actions. */
  g_signal_connect_object (toast, "button-clicked", G_CALLBACK (toast_undo_cb), self, 0);
  reload_now (self);
  studio_page_add_toast (STUDIO_PAGE (self), toast);
}

static void
delete_response_cb (AdwMessageDialog  *dialog,
                    const char        *response,
                    StudioCoursesPage *self)
{
  ReslibRecord *record = g_object_get_data (G_OBJECT (dialog), "record");

  if (g_strcmp0 (response, "delete") == 0 && record != NULL)
    delete_record (self, record);
}

static void
delete_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  StudioCoursesPage *self = STUDIO_COURSES_PAGE (widget);
  ReslibStore *store = studio_page_get_store (STUDIO_PAGE (self));
  g_autoptr(ReslibRecord) record = get_selected (self);
  g_autoptr(GError) error = NULL;
  guint n_nodes = 0, n_resources = 0;
  GtkRoot *root;
  GtkWidget *dialog;

  if (record == NULL || store == NULL)
    return;
  if (!reslib_store_count_tree (store, reslib_record_get_kind (record), reslib_record_get_id (record),
                                &n_nodes, &n_resources, &error))
    {
      show_error (self, _("The course tree could not be read"), error);
      return;
    }
  if (n_nodes == 0 && n_resources == 0)
    {
      delete_record (self, record);
      return;
    }

  /* It takes more with it: say what, and ask. */
  root = gtk_widget_get_root (widget);
  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                   is_node (record) ? _("Delete Node?") : _("Delete Course?"), NULL);
  adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog),
                                  /* Translators: %s is a title, then the number of nodes, then of resources */
                                  _("Deleting “%s” also deletes the nodes below it (%u) and unlinks the resources "
                                    "linked to them (%u). The resources themselves stay in the library. "
                                    "You can undo this right after."),
                                  reslib_record_get (record, "title"), n_nodes, n_resources);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "delete", _("_Delete"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "delete", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  gtk_window_set_destroy_with_parent (GTK_WINDOW (dialog), TRUE);
  g_object_set_data_full (G_OBJECT (dialog), "record", g_object_ref (record), g_object_unref);
  g_signal_connect_object (dialog, "response", G_CALLBACK (delete_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
undo_deletion (StudioCoursesPage *self,
               guint              serial)
{
  ReslibStore *store = studio_page_get_store (STUDIO_PAGE (self));
  gpointer key = GUINT_TO_POINTER (serial);
  ReslibTreeSnapshot *snapshot = g_hash_table_lookup (self->deletions, key);
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;

  if (snapshot == NULL || store == NULL)
    return;
  if (!reslib_store_restore_tree (store, snapshot, &error))
    {
      show_error (self, _("The deletion could not be undone"), error);
      return;
    }
  id = g_strdup (reslib_tree_snapshot_get_id (snapshot));
  g_hash_table_remove (self->deletions, key);
  reload_now (self);
  studio_courses_page_select (self, id);
}

static void
undo_delete_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  StudioCoursesPage *self = STUDIO_COURSES_PAGE (widget);

  /* The latest deletion whose toast still shows. */
  for (guint serial = self->deletion_serial; serial > 0; serial--)
    if (g_hash_table_contains (self->deletions, GUINT_TO_POINTER (serial)))
      {
        undo_deletion (self, serial);
        return;
      }
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
  g_clear_pointer (&self->deletions, g_hash_table_unref);

  G_OBJECT_CLASS (studio_courses_page_parent_class)->finalize (object);
}

static void
studio_courses_page_class_init (StudioCoursesPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  StudioPageClass *page_class = STUDIO_PAGE_CLASS (klass);

  object_class->dispose = studio_courses_page_dispose;
  object_class->finalize = studio_courses_page_finalize;
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

  gtk_widget_class_install_action (widget_class, "courses.add-course", NULL, add_course_action);
  gtk_widget_class_install_action (widget_class, "courses.add-node", NULL, add_node_action);
  gtk_widget_class_install_action (widget_class, "courses.move-up", NULL, move_up_action);
  gtk_widget_class_install_action (widget_class, "courses.move-down", NULL, move_down_action);
  gtk_widget_class_install_action (widget_class, "courses.delete", NULL, delete_action);
  gtk_widget_class_install_action (widget_class, "courses.rename", NULL, rename_action);
  gtk_widget_class_install_action (widget_class, "courses.undo-delete", NULL, undo_delete_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Up, GDK_ALT_MASK, "courses.move-up", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Up, GDK_ALT_MASK, "courses.move-up", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Down, GDK_ALT_MASK, "courses.move-down", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Down, GDK_ALT_MASK, "courses.move-down", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK, "courses.undo-delete", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F2, 0, "courses.rename", NULL);
}

static void
studio_courses_page_init (StudioCoursesPage *self)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  GtkEventController *focus = gtk_event_controller_focus_new ();
  GtkEventController *key = gtk_event_controller_key_new ();
  GtkShortcutController *shortcuts = GTK_SHORTCUT_CONTROLLER (gtk_shortcut_controller_new ());

  gtk_widget_init_template (GTK_WIDGET (self));

  self->courses = g_list_store_new (RESLIB_TYPE_COURSE);
  self->children = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  self->collapsed = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->parent_ids = g_ptr_array_new_with_free_func (g_free);
  self->deletions = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) reslib_tree_snapshot_free);

  self->selection = gtk_single_selection_new (NULL);
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  g_signal_connect (self->selection, "notify::selected-item", G_CALLBACK (selection_changed_cb), self);
  g_signal_connect (factory, "setup", G_CALLBACK (setup_row_cb), self);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row_cb), self);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_row_cb), self);
  gtk_list_view_set_factory (self->tree_view, factory);
  g_object_unref (factory);
  gtk_list_view_set_model (self->tree_view, GTK_SELECTION_MODEL (self->selection));
  g_signal_connect (self->tree_view, "activate", G_CALLBACK (row_activated_cb), self);

  /* Delete deletes the selected row when the tree has the focus (not while typing elsewhere). */
  gtk_shortcut_controller_add_shortcut (shortcuts,
                                        gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_Delete, 0),
                                                          gtk_named_action_new ("courses.delete")));
  gtk_shortcut_controller_add_shortcut (shortcuts,
                                        gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_KP_Delete, 0),
                                                          gtk_named_action_new ("courses.delete")));
  gtk_widget_add_controller (GTK_WIDGET (self->tree_view), GTK_EVENT_CONTROLLER (shortcuts));

  g_signal_connect (self->title_row, "apply", G_CALLBACK (title_apply_cb), self);
  g_signal_connect (focus, "leave", G_CALLBACK (title_focus_leave_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->title_row), focus);
  g_signal_connect (key, "key-pressed", G_CALLBACK (title_key_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->title_row), key);
  g_signal_connect (self->kind_row, "notify::selected", G_CALLBACK (kind_selected_cb), self);
  g_signal_connect (self->parent_row, "notify::selected", G_CALLBACK (parent_selected_cb), self);
  g_signal_connect (self->position_spin, "value-changed", G_CALLBACK (position_changed_cb), self);

  reload (self);
}
