/* studio-resources-page-fold.c — the Resources page in a narrow window: the list and the details fold
 * into one pane; activating a row or a tile (Enter, a double click) shows its details, Back, Escape or
 * Alt+Left the list again. The toolbar's filters then take a row of their own and its import buttons a menu,
 * and the list shows fewer columns
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "studio-drop-down.h"
#include "studio-resources-page-private.h"

void
_studio_resources_page_show_detail (StudioResourcesPage *self)
{
  if (adw_leaflet_get_folded (self->leaflet))
    adw_leaflet_set_visible_child (self->leaflet, self->detail_pane);
}

static void
back_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  StudioResourcesPage *self = STUDIO_RESOURCES_PAGE (widget);

  adw_leaflet_set_visible_child (self->leaflet, self->list_pane);
  gtk_widget_grab_focus (_studio_resources_page_list_widget (self));
}

static void
row_activated_cb (StudioResourcesPage *self,
                  guint                position)
{
  _studio_resources_page_show_detail (self);
}

/* The filters' own row shows when the toolbar has no room for them, and the list drops the columns the
 * details show when folded: after the allocation that decided it, not during it. */
static gboolean
update_narrow (gpointer data)
{
  StudioResourcesPage *self = data;

  self->narrow_idle_id = 0;
  gtk_widget_set_visible (self->narrow_filters,
                          adw_squeezer_get_visible_child (self->toolbar_squeezer) == self->narrow_tools);
  _studio_resource_columns_set_narrow (self->resources_view, adw_leaflet_get_folded (self->leaflet));

  return G_SOURCE_REMOVE;
}

static void
squeezed_cb (StudioResourcesPage *self)
{
  if (self->narrow_idle_id == 0)
    self->narrow_idle_id = g_idle_add (update_narrow, self);
}

/* Unfolded, both panes show: Back has nothing to do. */
static void
folded_cb (StudioResourcesPage *self)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "resources.back", adw_leaflet_get_folded (self->leaflet));
  squeezed_cb (self);
}

static void
bind_filter (GtkDropDown *filter,
             GtkDropDown *narrow)
{
  studio_drop_down_shrink (narrow);
  /* The model first: a new model resets the choice, which the filter then sets again. */
  g_object_bind_property (filter, "model", narrow, "model", G_BINDING_SYNC_CREATE);
  g_object_bind_property (filter, "selected", narrow, "selected", G_BINDING_SYNC_CREATE | G_BINDING_BIDIRECTIONAL);
}

void
_studio_resources_page_fold_dispose (StudioResourcesPage *self)
{
  g_clear_handle_id (&self->narrow_idle_id, g_source_remove);
}

void
_studio_resources_page_class_fold_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_bind_template_child (widget_class, StudioResourcesPage, leaflet);
  gtk_widget_class_bind_template_child (widget_class, StudioResourcesPage, list_pane);
  gtk_widget_class_bind_template_child (widget_class, StudioResourcesPage, detail_pane);
  gtk_widget_class_bind_template_child (widget_class, StudioResourcesPage, narrow_count_label);
  gtk_widget_class_bind_template_child (widget_class, StudioResourcesPage, toolbar_squeezer);
  gtk_widget_class_bind_template_child (widget_class, StudioResourcesPage, narrow_tools);
  gtk_widget_class_bind_template_child (widget_class, StudioResourcesPage, narrow_filters);
  gtk_widget_class_bind_template_child (widget_class, StudioResourcesPage, narrow_type_filter);
  gtk_widget_class_bind_template_child (widget_class, StudioResourcesPage, narrow_state_filter);
  gtk_widget_class_bind_template_child (widget_class, StudioResourcesPage, narrow_course_filter);
  gtk_widget_class_install_action (widget_class, "resources.back", NULL, back_action);
}

void
_studio_resources_page_fold_init (StudioResourcesPage *self)
{
  g_object_bind_property (self->count_label, "label", self->narrow_count_label, "label", G_BINDING_SYNC_CREATE);
  g_signal_connect_swapped (self->resources_view, "activate", G_CALLBACK (row_activated_cb), self);
  g_signal_connect_swapped (self->resources_grid, "activate", G_CALLBACK (row_activated_cb), self);
  g_signal_connect_swapped (self->leaflet, "notify::folded", G_CALLBACK (folded_cb), self);
  folded_cb (self);

  bind_filter (self->type_filter, self->narrow_type_filter);
  bind_filter (self->state_filter, self->narrow_state_filter);
  bind_filter (self->course_filter, self->narrow_course_filter);
  g_signal_connect_swapped (self->toolbar_squeezer, "notify::visible-child", G_CALLBACK (squeezed_cb), self);
}
