/* studio-resources-page-preview.c — the preview at the top of the Resources page's detail pane
 *
 * Images are decoded in a worker, scaled to what the pane can show (a photo of 24 megapixels is not decoded
 * whole on the main thread), and turned to the orientation their camera recorded; a PDF's first page is
 * drawn in a worker (poppler) the same way (studio-file-render.c); video shows its first frame in a GtkVideo
 * (GStreamer); audio gets media controls; a file the probe, the decoder or poppler could not read says so;
 * an online resource (no file) shows its address as a link that opens in the browser; anything else shows
 * the icon of its type.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "reslib-store-gc.h"
#include "studio-file-render.h"
#include "studio-resources-page-private.h"

/* The longest side an image is decoded to: the pane is about 300–600 px wide, on screens of scale 2. */
#define PREVIEW_IMAGE_SIZE 1024

/* Audio plays in media controls under an icon, not in a black video box. The box is made on first use and
 * kept in the preview stack as "audio". */
static GtkMediaControls *
audio_controls (StudioResourcesPage *self)
{
  GtkWidget *box = gtk_stack_get_child_by_name (self->preview_stack, "audio");
  GtkWidget *icon, *controls;

  if (box != NULL)
    return g_object_get_data (G_OBJECT (box), "studio-audio-controls");

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  gtk_widget_set_valign (box, GTK_ALIGN_CENTER);
  icon = gtk_image_new_from_icon_name ("audio-x-generic-symbolic");
  gtk_image_set_pixel_size (GTK_IMAGE (icon), 64);
  gtk_widget_add_css_class (icon, "dim-label");
  controls = gtk_media_controls_new (NULL);
  gtk_box_append (GTK_BOX (box), icon);
  gtk_box_append (GTK_BOX (box), controls);
  g_object_set_data (G_OBJECT (box), "studio-audio-controls", controls);
  gtk_stack_add_named (self->preview_stack, box, "audio");

  return GTK_MEDIA_CONTROLS (controls);
}

/* An online resource's address, as a link to open in the browser, under a globe. Made on first use and
 * kept in the preview stack as "link". */
static GtkLinkButton *
link_button (StudioResourcesPage *self)
{
  GtkWidget *box = gtk_stack_get_child_by_name (self->preview_stack, "link");
  GtkWidget *icon, *link;

  if (box != NULL)
    return g_object_get_data (G_OBJECT (box), "studio-link");

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  gtk_widget_set_valign (box, GTK_ALIGN_CENTER);
  icon = gtk_image_new_from_icon_name ("web-browser-symbolic");
  gtk_image_set_pixel_size (GTK_IMAGE (icon), 64);
  gtk_widget_add_css_class (icon, "dim-label");
  link = gtk_link_button_new ("https://localhost/");
  /* A long address wraps instead of widening the pane. */
  gtk_label_set_wrap (GTK_LABEL (gtk_button_get_child (GTK_BUTTON (link))), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (gtk_button_get_child (GTK_BUTTON (link))), PANGO_WRAP_WORD_CHAR);
  gtk_box_append (GTK_BOX (box), icon);
  gtk_box_append (GTK_BOX (box), link);
  g_object_set_data (G_OBJECT (box), "studio-link", link);
  gtk_stack_add_named (self->preview_stack, box, "link");

  return GTK_LINK_BUTTON (link);
}

/**
 * _studio_resources_page_clear_preview:
 *
 * Stops what the preview plays or loads.
 */
void
_studio_resources_page_clear_preview (StudioResourcesPage *self)
{
  g_cancellable_cancel (self->preview_cancellable);
  g_clear_object (&self->preview_cancellable);
  gtk_video_set_file (self->preview_video, NULL);
  gtk_picture_set_paintable (self->preview_picture, NULL);
  if (gtk_stack_get_child_by_name (self->preview_stack, "audio") != NULL)
    gtk_media_controls_set_media_stream (audio_controls (self), NULL);
}

/* @say: whether the preview says so in words too (the detail's info already does when the probe failed). */
static void
show_unreadable (StudioResourcesPage *self,
                 gboolean             say)
{
  gtk_image_set_from_icon_name (self->preview_icon, "dialog-warning-symbolic");
  gtk_widget_set_visible (GTK_WIDGET (self->preview_message), say);
  gtk_stack_set_visible_child_name (self->preview_stack, "icon");
}

typedef struct
{
  char *path;
  char *mime_type;
} RenderData;

static void
render_data_free (RenderData *data)
{
  g_free (data->path);
  g_free (data->mime_type);
  g_free (data);
}

static void
render_thread (GTask        *task,
               gpointer      source,
               gpointer      task_data,
               GCancellable *cancellable)
{
  RenderData *data = task_data;
  g_autoptr(GError) error = NULL;
  GdkTexture *texture = studio_file_render (data->path, data->mime_type, PREVIEW_IMAGE_SIZE, cancellable,
                                            &error);

  if (texture == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, texture, g_object_unref);
}

static void
rendered_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      data)
{
  g_autoptr(StudioResourcesPage) self = data;
  GCancellable *cancellable = g_task_get_cancellable (G_TASK (result));
  g_autoptr(GError) error = NULL;
  g_autoptr(GdkTexture) texture = g_task_propagate_pointer (G_TASK (result), &error);

  /* Another resource was selected meanwhile. */
  if (g_cancellable_is_cancelled (cancellable) || cancellable != self->preview_cancellable)
    return;
  g_clear_object (&self->preview_cancellable);
  if (texture == NULL)
    {
      g_debug ("The file could not be drawn: %s", error->message);
      show_unreadable (self, TRUE);
      return;
    }
  gtk_picture_set_paintable (self->preview_picture, GDK_PAINTABLE (texture));
  gtk_stack_set_visible_child_name (self->preview_stack, "picture");
}

/* An image decoded, or a PDF's first page drawn, in a worker; cancelled when another resource is selected. */
static void
show_rendered (StudioResourcesPage *self,
               const char          *path,
               const char          *mime_type)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GIcon) icon = g_content_type_get_icon (mime_type);
  RenderData *data = g_new0 (RenderData, 1);

  data->path = g_strdup (path);
  data->mime_type = g_strdup (mime_type);
  self->preview_cancellable = g_cancellable_new ();
  task = g_task_new (NULL, self->preview_cancellable, rendered_cb, g_object_ref (self));
  g_task_set_task_data (task, data, (GDestroyNotify) render_data_free);
  g_task_run_in_thread (task, render_thread);
  /* Until it is drawn: the icon of its type. */
  gtk_image_set_from_gicon (self->preview_icon, icon);
  gtk_stack_set_visible_child_name (self->preview_stack, "icon");
}

/**
 * _studio_resources_page_update_preview:
 *
 * Shows the selected resource's file (self->record) in the preview.
 */
void
_studio_resources_page_update_preview (StudioResourcesPage *self)
{
  ReslibStore *store = studio_page_get_store (STUDIO_PAGE (self));
  const char *mime = reslib_record_get (self->record, "mime_type");
  const char *sha = reslib_record_get (self->record, "blob_sha256");
  g_autofree char *path = store != NULL && sha != NULL ? reslib_store_get_blob_path (store, sha) : NULL;
  gboolean exists = path != NULL && g_file_test (path, G_FILE_TEST_IS_REGULAR);

  /* A missing file may be in the trash of an interrupted cleanup: the store puts it back. */
  if (path != NULL && !exists)
    {
      g_autofree char *found = reslib_store_find_blob (store, sha, NULL);

      exists = found != NULL && g_file_test (path, G_FILE_TEST_IS_REGULAR);
    }

  _studio_resources_page_clear_preview (self);
  gtk_widget_set_visible (GTK_WIDGET (self->preview_message), FALSE);

  if (sha == NULL && reslib_record_get (self->record, "url") != NULL)
    {
      GtkLinkButton *link = link_button (self);

      gtk_link_button_set_uri (link, reslib_record_get (self->record, "url"));
      gtk_button_set_label (GTK_BUTTON (link), reslib_record_get (self->record, "url"));
      gtk_label_set_wrap (GTK_LABEL (gtk_button_get_child (GTK_BUTTON (link))), TRUE);
      gtk_label_set_wrap_mode (GTK_LABEL (gtk_button_get_child (GTK_BUTTON (link))), PANGO_WRAP_WORD_CHAR);
      gtk_link_button_set_visited (link, FALSE);
      gtk_stack_set_visible_child_name (self->preview_stack, "link");
      return;
    }

  /* A file the probe could not read: the info says so, instead of a black box that cannot play. */
  if (exists && sha != NULL && reslib_probe_is_media_type (mime))
    {
      g_autoptr(ReslibProbeInfo) probe = reslib_store_get_probe (store, sha, NULL);

      if (probe != NULL && probe->error != NULL)
        {
          show_unreadable (self, FALSE);
          return;
        }
    }

  if (exists && studio_file_render_can (mime))
    show_rendered (self, path, mime);
  else if (exists && mime != NULL && g_str_has_prefix (mime, "audio/"))
    {
      g_autoptr(GtkMediaStream) stream = gtk_media_file_new_for_filename (path);

      gtk_media_controls_set_media_stream (audio_controls (self), stream);
      gtk_stack_set_visible_child_name (self->preview_stack, "audio");
    }
  else if (exists && mime != NULL && g_str_has_prefix (mime, "video/"))
    {
      gtk_video_set_filename (self->preview_video, path);
      gtk_stack_set_visible_child_name (self->preview_stack, "video");
    }
  else
    {
      g_autoptr(GIcon) icon = g_content_type_get_symbolic_icon (mime != NULL ? mime : "application/octet-stream");

      gtk_image_set_from_gicon (self->preview_icon, icon);
      gtk_stack_set_visible_child_name (self->preview_stack, "icon");
    }
}
