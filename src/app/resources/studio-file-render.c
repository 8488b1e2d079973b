/* studio-file-render.c — a picture of a file (an image, a PDF's first page) at a size, made on a worker
 *
 * The preview of the detail pane and the thumbnails of the grid both call studio_file_render() in a GTask's
 * thread: it decodes or rasterizes the file and hands back an immutable GdkTexture, which the main thread
 * shows. Nothing here touches a widget.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <poppler.h>

#include "studio-file-render.h"

/**
 * studio_file_render_can:
 * @mime_type: (nullable): a file's MIME type
 *
 * Returns: whether studio_file_render() makes a picture of files of @mime_type (images and PDF)
 */
gboolean
studio_file_render_can (const char *mime_type)
{
  return mime_type != NULL &&
         (g_str_has_prefix (mime_type, "image/") || g_str_equal (mime_type, "application/pdf"));
}

static GdkTexture *
render_image (const char *path,
              int         size,
              GError    **error)
{
  g_autoptr(GdkPixbuf) pixbuf = NULL;
  g_autoptr(GdkPixbuf) turned = NULL;
  int width = 0, height = 0;

  /* Small images as they are; larger ones scaled down while decoded. */
  if (gdk_pixbuf_get_file_info (path, &width, &height) != NULL && width > 0 && height > 0 &&
      width <= size && height <= size)
    pixbuf = gdk_pixbuf_new_from_file (path, error);
  else
    pixbuf = gdk_pixbuf_new_from_file_at_scale (path, size, size, TRUE, error);
  if (pixbuf == NULL)
    return NULL;
  /* Turned to the orientation the camera recorded. */
  turned = gdk_pixbuf_apply_embedded_orientation (pixbuf);
  return gdk_texture_new_for_pixbuf (turned != NULL ? turned : pixbuf);
}

/* The first page, its longest side @size pixels, on white (a PDF's page has no background of its own).
 * Poppler's GLib types have no autoptr cleanup in the versions Debian ships: unreffed by hand. */
static GdkTexture *
render_page (PopplerPage *page,
             int          size,
             GError     **error)
{
  g_autoptr(GBytes) bytes = NULL;
  cairo_surface_t *surface;
  cairo_t *cr;
  double page_width = 0, page_height = 0, scale;
  int width, height, stride;

  poppler_page_get_size (page, &page_width, &page_height);
  if (!(page_width > 0 && page_height > 0))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "The PDF's first page has no size");
      return NULL;
    }
  scale = size / MAX (page_width, page_height);
  width = MAX (1, (int) (page_width * scale + 0.5));
  height = MAX (1, (int) (page_height * scale + 0.5));
  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
  cr = cairo_create (surface);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  cairo_scale (cr, scale, scale);
  poppler_page_render (page, cr);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  if (cairo_surface_status (surface) != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "The PDF's first page could not be drawn: %s",
                   cairo_status_to_string (cairo_surface_status (surface)));
      cairo_surface_destroy (surface);
      return NULL;
    }

  /* Cairo's ARGB32 is GDK's default memory format (premultiplied, native-endian). */
  stride = cairo_image_surface_get_stride (surface);
  bytes = g_bytes_new_with_free_func (cairo_image_surface_get_data (surface), (gsize) stride * height,
                                      (GDestroyNotify) cairo_surface_destroy, surface);
  return gdk_memory_texture_new (width, height, GDK_MEMORY_DEFAULT, bytes, stride);
}

static GdkTexture *
render_pdf (const char   *path,
            int           size,
            GCancellable *cancellable,
            GError      **error)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  PopplerDocument *document;
  PopplerPage *page = NULL;
  GdkTexture *texture = NULL;

  document = poppler_document_new_from_gfile (file, NULL, cancellable, error);
  if (document == NULL)
    return NULL;
  if (poppler_document_get_n_pages (document) < 1 || (page = poppler_document_get_page (document, 0)) == NULL)
    g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "The PDF has no pages");
  else if (!g_cancellable_set_error_if_cancelled (cancellable, error))
    texture = render_page (page, size, error);
  g_clear_object (&page);
  g_object_unref (document);
  return texture;
}

/**
 * studio_file_render:
 * @path: a local file
 * @mime_type: its MIME type (see studio_file_render_can())
 * @size: the longest side of the picture in pixels; smaller images stay at their size
 * @cancellable: (nullable): to stop before the work that takes long
 * @error: why the file could not be read
 *
 * Decodes an image (scaled down while decoded, turned as its camera recorded) or draws a PDF's first page.
 * Safe to call from any thread.
 *
 * Returns: (transfer full) (nullable): the picture, or %NULL with @error set
 */
GdkTexture *
studio_file_render (const char   *path,
                    const char   *mime_type,
                    int           size,
                    GCancellable *cancellable,
                    GError      **error)
{
  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (size > 0, NULL);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;
  if (g_strcmp0 (mime_type, "application/pdf") == 0)
    return render_pdf (path, size, cancellable, error);
  if (mime_type != NULL && g_str_has_prefix (mime_type, "image/"))
    return render_image (path, size, error);
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED, "No picture is made of files of type %s",
               mime_type != NULL ? mime_type : "(unknown)");
  return NULL;
}
