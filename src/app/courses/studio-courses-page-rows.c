/* studio-courses-page-rows.c — the Courses page: the rows of the course tree, dragged and dropped
 *
 * A row shows a course or node with its kind and the number of resources linked to it (a knowledge
 * or skill point without any is marked). Rows are dragged by their record's id; a drop on the
 * lower quarter of a row puts the dragged record after it, elsewhere into it
 * (studio_courses_page_drop, in studio-courses-page-move.c). Resources dragged from the Resources
 * page (their ids) are linked to the node they are dropped on (studio-courses-page-link.c).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "reslib-store-courses.h"
#include "studio-courses-page-private.h"

static const char *
kind_icon (ReslibRecord *record)
{
  const char *kind = reslib_record_get (record, "kind");

  if (!_studio_courses_page_is_node (record))
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

  return _studio_courses_page_is_node (record) ? reslib_label_node_kind (kind)
                                               : reslib_label_course_kind (kind);
}

GListModel *
_studio_courses_page_create_children_cb (gpointer item,
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
  GtkWidget *page = gtk_widget_get_ancestor (widget, STUDIO_TYPE_PAGE);
  g_autoptr(ReslibRecord) record = NULL;

  /* Only the lead changes the tree. */
  if (page != NULL && !studio_page_get_lead (STUDIO_PAGE (page)))
    return NULL;
  record = row_record (widget);
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

  if (record == NULL)
    return FALSE;
  if (G_VALUE_HOLDS (value, G_TYPE_STRV))
    {
      const char * const *ids = g_value_get_boxed (value);

      if (ids == NULL ||
          !studio_courses_page_link_resources (self, ids, reslib_record_get_id (record), &error))
        {
          if (error != NULL)
            studio_page_toast (STUDIO_PAGE (self), error->message);
          return FALSE;
        }
      return TRUE;
    }
  if (!G_VALUE_HOLDS_STRING (value) || g_value_get_string (value) == NULL)
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
  /* A course or node of the tree moved (a string), or resources linked (their ids, copied). */
  GtkDropTarget *target = gtk_drop_target_new (G_TYPE_INVALID, GDK_ACTION_MOVE | GDK_ACTION_COPY);

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
  gtk_drop_target_set_gtypes (target, (GType[]) { G_TYPE_STRV, G_TYPE_STRING }, 2);
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
  guint n = _studio_courses_page_resource_count (self, record);
  const char *title = reslib_record_get (record, "title");

  gtk_tree_expander_set_list_row (GTK_TREE_EXPANDER (expander), row);
  gtk_image_set_from_icon_name (g_object_get_data (G_OBJECT (expander), "icon"), kind_icon (record));
  gtk_label_set_text (g_object_get_data (G_OBJECT (expander), "title"), title);
  gtk_label_set_text (g_object_get_data (G_OBJECT (expander), "kind"), kind_label (record));
  studio_set_accessible_label (expander, title);

  gtk_widget_remove_css_class (GTK_WIDGET (count), "warning");
  gtk_widget_remove_css_class (GTK_WIDGET (count), "dim-label");
  if (_studio_courses_page_is_node (record) && n > 0)
    {
      g_autofree char *text = g_strdup_printf (_("Resources: %u"), n);

      gtk_label_set_text (count, text);
      gtk_widget_add_css_class (GTK_WIDGET (count), "dim-label");
      gtk_widget_set_visible (GTK_WIDGET (count), TRUE);
    }
  else if (_studio_courses_page_is_point (record))
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

/* The tree's rows: an expander with the record's icon, title, kind and number of resources; each
 * row is a drag source and a drop target. */
GtkListItemFactory *
_studio_courses_page_row_factory_new (StudioCoursesPage *self)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();

  g_signal_connect (factory, "setup", G_CALLBACK (setup_row_cb), self);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row_cb), self);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_row_cb), self);

  return factory;
}
