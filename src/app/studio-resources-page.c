/* studio-resources-page.c — the project's resources in a column view
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "reslib-labels.h"
#include "studio-resources-page.h"

struct _StudioResourcesPage
{
  StudioPage          parent_instance;

  guint               reload_id;

  /* Template children */
  GtkStack           *resources_stack;
  GtkColumnView      *resources_view;
  GtkColumnViewColumn *title_column;
  GtkSingleSelection *resources_selection;
  GtkSortListModel   *resources_sort;
};

G_DEFINE_FINAL_TYPE (StudioResourcesPage, studio_resources_page, STUDIO_TYPE_PAGE)

/* Closures of the column view's cell templates. */
static char *
studio_resources_page_type_label (gpointer    item,
                                  const char *type)
{
  return g_strdup (reslib_label_resource_type (type));
}

static char *
studio_resources_page_state_label (gpointer    item,
                                   const char *state)
{
  return g_strdup (reslib_label_resource_state (state));
}

static void
reload (StudioResourcesPage *self)
{
  StudioPage *page = STUDIO_PAGE (self);
  ReslibStore *store = studio_page_get_store (page);
  const char *id = studio_page_get_project_id (page);
  g_autoptr(GListModel) resources = NULL;
  g_autoptr(GError) error = NULL;

  if (store == NULL || id == NULL)
    {
      gtk_sort_list_model_set_model (self->resources_sort, NULL);
      gtk_stack_set_visible_child_name (self->resources_stack, "empty");
      return;
    }

  resources = reslib_store_list (store, RESLIB_KIND_RESOURCE, id, &error);
  if (resources == NULL)
    {
      studio_page_toast (page, error->message);
      return;
    }
  gtk_sort_list_model_set_model (self->resources_sort, resources);
  gtk_stack_set_visible_child_name (self->resources_stack,
                                    g_list_model_get_n_items (resources) > 0 ? "list" : "empty");
}

static gboolean
reload_idle_cb (gpointer data)
{
  StudioResourcesPage *self = data;

  self->reload_id = 0;
  reload (self);

  return G_SOURCE_REMOVE;
}

static void
studio_resources_page_project_changed (StudioPage *page)
{
  reload (STUDIO_RESOURCES_PAGE (page));
}

static void
studio_resources_page_store_changed (StudioPage *page,
                                     ReslibKind  kind,
                                     const char *id)
{
  StudioResourcesPage *self = STUDIO_RESOURCES_PAGE (page);

  if (kind == RESLIB_KIND_RESOURCE && self->reload_id == 0)
    self->reload_id = g_idle_add_full (G_PRIORITY_LOW, reload_idle_cb, self, NULL);
}

static void
studio_resources_page_dispose (GObject *object)
{
  StudioResourcesPage *self = STUDIO_RESOURCES_PAGE (object);

  g_clear_handle_id (&self->reload_id, g_source_remove);

  G_OBJECT_CLASS (studio_resources_page_parent_class)->dispose (object);
}

static void
studio_resources_page_class_init (StudioResourcesPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  StudioPageClass *page_class = STUDIO_PAGE_CLASS (klass);

  object_class->dispose = studio_resources_page_dispose;
  page_class->project_changed = studio_resources_page_project_changed;
  page_class->store_changed = studio_resources_page_store_changed;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/reslib/Studio/ui/studio-resources-page.ui");
  gtk_widget_class_bind_template_child (widget_class, StudioResourcesPage, resources_stack);
  gtk_widget_class_bind_template_child (widget_class, StudioResourcesPage, resources_view);
  gtk_widget_class_bind_template_child (widget_class, StudioResourcesPage, title_column);
  gtk_widget_class_bind_template_child (widget_class, StudioResourcesPage, resources_selection);
  gtk_widget_class_bind_template_child (widget_class, StudioResourcesPage, resources_sort);
  gtk_widget_class_bind_template_callback (widget_class, studio_resources_page_type_label);
  gtk_widget_class_bind_template_callback (widget_class, studio_resources_page_state_label);
}

static void
studio_resources_page_init (StudioResourcesPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_sort_list_model_set_sorter (self->resources_sort, gtk_column_view_get_sorter (self->resources_view));
}
