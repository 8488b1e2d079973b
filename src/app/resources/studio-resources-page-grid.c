/* studio-resources-page-grid.c — the Resources page's grid of thumbnails, beside its table
 *
 * The grid shows the same selection model as the column view (the same filters, search, sort and
 * selection), as tiles of a thumbnail and the title. It gets the model only while it is shown. A tile asks
 * for its thumbnail when it is bound and forgets the request when it is unbound: GtkGridView binds only the
 * tiles in view (and a few around), so scrolling 100,000 resources asks for the thumbnails passed by, and
 * StudioThumbnails keeps a bounded number of them in memory (the rest are PNG files under DATA/thumbnails).
 *
 * The choice between table and grid is the page's "show-grid" property (the action resources.show-grid),
 * remembered in the settings' resources-grid.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "studio-file-render.h"
#include "studio-resources-page-private.h"
#include "studio-thumbnails.h"

#define TILE_SIZE 128
/* The thumbnails kept in memory: a few screens of tiles (128 px RGBA: 64 KiB each, 32 MiB in all). */
#define THUMBNAILS_IN_MEMORY 512

typedef struct
{
  GtkWidget    *picture;
  GtkWidget    *icon;
  GtkWidget    *title;
  char         *id;           /* the resource shown */
  GCancellable *cancellable;  /* its thumbnail being loaded */
} Tile;

static void
tile_free (Tile *tile)
{
  g_cancellable_cancel (tile->cancellable);
  g_clear_object (&tile->cancellable);
  g_free (tile->id);
  g_free (tile);
}

static void
setup_cb (GtkSignalListItemFactory *factory,
          GtkListItem              *item,
          StudioResourcesPage      *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *frame = gtk_overlay_new ();
  Tile *tile = g_new0 (Tile, 1);

  tile->icon = gtk_image_new ();
  gtk_image_set_pixel_size (GTK_IMAGE (tile->icon), 64);
  gtk_widget_add_css_class (tile->icon, "dim-label");
  tile->picture = gtk_picture_new ();
  gtk_picture_set_can_shrink (GTK_PICTURE (tile->picture), TRUE);
  gtk_widget_set_visible (tile->picture, FALSE);
  gtk_widget_set_size_request (frame, TILE_SIZE, TILE_SIZE);
  gtk_overlay_set_child (GTK_OVERLAY (frame), tile->icon);
  gtk_overlay_add_overlay (GTK_OVERLAY (frame), tile->picture);
  tile->title = gtk_label_new (NULL);
  gtk_label_set_ellipsize (GTK_LABEL (tile->title), PANGO_ELLIPSIZE_MIDDLE);
  gtk_label_set_max_width_chars (GTK_LABEL (tile->title), 12);
  gtk_label_set_width_chars (GTK_LABEL (tile->title), 12);
  gtk_box_append (GTK_BOX (box), frame);
  gtk_box_append (GTK_BOX (box), tile->title);
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_widget_set_margin_start (box, 6);
  gtk_widget_set_margin_end (box, 6);
  g_object_set_data_full (G_OBJECT (box), "studio-tile", tile, (GDestroyNotify) tile_free);
  gtk_list_item_set_child (item, box);
}

static Tile *
item_tile (GtkListItem *item)
{
  return g_object_get_data (G_OBJECT (gtk_list_item_get_child (item)), "studio-tile");
}

typedef struct
{
  GtkWidget *box;   /* the tile's widget (a weak reference) */
  char      *id;
} Request;

static void
thumbnail_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      data)
{
  Request *request = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GdkTexture) texture = studio_thumbnails_load_finish (STUDIO_THUMBNAILS (source), result, &error);
  Tile *tile = request->box != NULL ? g_object_get_data (G_OBJECT (request->box), "studio-tile") : NULL;

  /* The tile shows another resource by now, or is gone. */
  if (tile != NULL && g_strcmp0 (tile->id, request->id) == 0)
    {
      if (texture != NULL)
        {
          gtk_picture_set_paintable (GTK_PICTURE (tile->picture), GDK_PAINTABLE (texture));
          gtk_widget_set_visible (tile->picture, TRUE);
          gtk_widget_set_visible (tile->icon, FALSE);
        }
      else if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_debug ("No thumbnail of %s: %s", request->id, error->message);
          gtk_image_set_from_icon_name (GTK_IMAGE (tile->icon), "dialog-warning-symbolic");
        }
    }
  if (request->box != NULL)
    g_object_remove_weak_pointer (G_OBJECT (request->box), (gpointer *) &request->box);
  g_free (request->id);
  g_free (request);
}

static void
bind_cb (GtkSignalListItemFactory *factory,
         GtkListItem              *item,
         StudioResourcesPage      *self)
{
  ReslibResourceRow *row = gtk_list_item_get_item (item);
  Tile *tile = item_tile (item);
  ReslibStore *store = studio_page_get_store (STUDIO_PAGE (self));
  g_autoptr(ReslibRecord) record = NULL;
  g_autoptr(GIcon) icon = NULL;
  g_autoptr(GdkTexture) cached = NULL;
  const char *sha, *mime;

  g_free (tile->id);
  tile->id = g_strdup (reslib_resource_row_get_id (row));
  gtk_label_set_text (GTK_LABEL (tile->title), reslib_resource_row_get_title (row));
  gtk_widget_set_tooltip_text (gtk_list_item_get_child (item), reslib_resource_row_get_file_name (row));
  gtk_picture_set_paintable (GTK_PICTURE (tile->picture), NULL);
  gtk_widget_set_visible (tile->picture, FALSE);
  gtk_widget_set_visible (tile->icon, TRUE);

  record = store != NULL ? reslib_store_get (store, RESLIB_KIND_RESOURCE, tile->id, NULL) : NULL;
  sha = record != NULL ? reslib_record_get (record, "blob_sha256") : NULL;
  mime = record != NULL ? reslib_record_get (record, "mime_type") : NULL;
  icon = g_content_type_get_icon (mime != NULL ? mime : "application/octet-stream");
  gtk_image_set_from_gicon (GTK_IMAGE (tile->icon), icon);
  if (sha == NULL || !studio_file_render_can (mime) || self->thumbnails == NULL)
    return;

  cached = studio_thumbnails_lookup (self->thumbnails, sha, TILE_SIZE);
  if (cached != NULL)
    {
      gtk_picture_set_paintable (GTK_PICTURE (tile->picture), GDK_PAINTABLE (cached));
      gtk_widget_set_visible (tile->picture, TRUE);
      gtk_widget_set_visible (tile->icon, FALSE);
    }
  else
    {
      g_autofree char *path = reslib_store_get_blob_path (store, sha);
      Request *request = g_new0 (Request, 1);

      request->box = gtk_list_item_get_child (item);
      g_object_add_weak_pointer (G_OBJECT (request->box), (gpointer *) &request->box);
      request->id = g_strdup (tile->id);
      tile->cancellable = g_cancellable_new ();
      studio_thumbnails_load_async (self->thumbnails, path, sha, mime, TILE_SIZE, tile->cancellable,
                                    thumbnail_cb, request);
    }
}

static void
unbind_cb (GtkSignalListItemFactory *factory,
           GtkListItem              *item,
           StudioResourcesPage      *self)
{
  Tile *tile = item_tile (item);

  g_cancellable_cancel (tile->cancellable);
  g_clear_object (&tile->cancellable);
  g_clear_pointer (&tile->id, g_free);
  gtk_picture_set_paintable (GTK_PICTURE (tile->picture), NULL);
}

/**
 * _studio_resources_page_show_grid:
 *
 * Shows the grid or the table, as self->show_grid says; the grid holds the model only while shown.
 */
void
_studio_resources_page_show_grid (StudioResourcesPage *self)
{
  ReslibStore *store = studio_page_get_store (STUDIO_PAGE (self));

  if (self->show_grid && self->thumbnails == NULL && store != NULL)
    {
      g_autofree char *cache = studio_thumbnails_dup_cache_dir (store);

      self->thumbnails = studio_thumbnails_new (cache, THUMBNAILS_IN_MEMORY);
    }
  gtk_grid_view_set_model (self->resources_grid, self->show_grid ? GTK_SELECTION_MODEL (self->selection) : NULL);
  /* Typing in the list shown goes to the search, as in the table. */
  gtk_search_entry_set_key_capture_widget (self->search_entry, _studio_resources_page_list_widget (self));
  _studio_resources_page_update_list_stack (self);

  /* The selection stays in view from one to the other. */
  if (self->selection != NULL)
    {
      g_autoptr(GtkBitset) selected = gtk_selection_model_get_selection (GTK_SELECTION_MODEL (self->selection));

      if (!gtk_bitset_is_empty (selected))
        _studio_resources_page_scroll_to (self, gtk_bitset_get_minimum (selected));
    }
}

/**
 * _studio_resources_page_list_widget:
 *
 * Returns: (transfer none): the list shown, the table or the grid: where keys, focus and scrolling go
 */
GtkWidget *
_studio_resources_page_list_widget (StudioResourcesPage *self)
{
  return self->show_grid ? GTK_WIDGET (self->resources_grid) : GTK_WIDGET (self->resources_view);
}

/* Scrolls the list shown to the item at @position. */
void
_studio_resources_page_scroll_to (StudioResourcesPage *self,
                                  guint                position)
{
  gtk_widget_activate_action (_studio_resources_page_list_widget (self), "list.scroll-to-item", "u", position);
}

void
_studio_resources_page_grid_init (StudioResourcesPage *self)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  GtkWidget *scrolled = gtk_scrolled_window_new ();

  g_signal_connect (factory, "setup", G_CALLBACK (setup_cb), self);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_cb), self);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_cb), self);
  self->resources_grid = GTK_GRID_VIEW (gtk_grid_view_new (NULL, factory));
  gtk_grid_view_set_enable_rubberband (self->resources_grid, TRUE);
  /* GTK 4.8 keeps about 30 rows of tiles bound: max-columns bounds the tiles (and thumbnails) asked for. */
  gtk_grid_view_set_max_columns (self->resources_grid, 8);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->resources_grid),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Resources"), -1);
  gtk_widget_set_vexpand (scrolled, TRUE);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), GTK_WIDGET (self->resources_grid));
  gtk_stack_add_named (self->list_stack, scrolled, "grid");
}

/* For tests: whether @widget is a tile, and whether it is bound to a resource (@id) and shows its thumbnail. */
gboolean
_studio_resources_page_grid_tile_state (GtkWidget   *widget,
                                        gboolean    *bound,
                                        gboolean    *picture,
                                        const char **id)
{
  Tile *tile = g_object_get_data (G_OBJECT (widget), "studio-tile");

  if (tile == NULL)
    return FALSE;
  *bound = tile->id != NULL;
  *id = tile->id;
  *picture = tile->id != NULL && gtk_widget_get_visible (tile->picture) &&
             gtk_picture_get_paintable (GTK_PICTURE (tile->picture)) != NULL;
  return TRUE;
}

void
_studio_resources_page_grid_dispose (StudioResourcesPage *self)
{
  if (self->resources_grid != NULL)
    gtk_grid_view_set_model (self->resources_grid, NULL);
  g_clear_object (&self->thumbnails);
}
