/* reslib-probe-image.c — the facts of images: their format and size, read from the header with gdk-pixbuf
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <gdk-pixbuf/gdk-pixbuf.h>
#include <stdio.h>

#include "reslib-probe-private.h"

typedef struct
{
  GdkPixbufFormat *format;
  int              width;
  int              height;
} ImageHeader;

static void
size_prepared_cb (GdkPixbufLoader *loader,
                  int              width,
                  int              height,
                  gpointer         user_data)
{
  ImageHeader *header = user_data;

  header->format = gdk_pixbuf_loader_get_format (loader);
  header->width = width;
  header->height = height;
  /* The size is all we want: the image need not be decoded. */
  gdk_pixbuf_loader_set_size (loader, 0, 0);
}

/* Reads an image as far as its size, as gdk_pixbuf_get_file_info() does, but
 * without its critical warning for images that have no size of their own (SVG). */
void
_reslib_probe_image (ReslibProbeInfo *info,
                     const char      *path)
{
  g_autoptr(GdkPixbufLoader) loader = gdk_pixbuf_loader_new ();
  ImageHeader header = { NULL, 0, 0 };
  guint8 buffer[4096];
  gboolean readable = TRUE;
  FILE *f = g_fopen (path, "rb");

  if (f == NULL)
    readable = FALSE;
  g_signal_connect (loader, "size-prepared", G_CALLBACK (size_prepared_cb), &header);
  while (readable && header.format == NULL && !feof (f))
    {
      size_t n = fread (buffer, 1, sizeof buffer, f);

      if (n > 0 && !gdk_pixbuf_loader_write (loader, buffer, n, NULL))
        readable = FALSE;
      else if (n == 0 && ferror (f))
        readable = FALSE;
    }
  gdk_pixbuf_loader_close (loader, NULL);
  if (f != NULL)
    fclose (f);

  if (header.format == NULL ||
      ((header.width <= 0 || header.height <= 0) && !gdk_pixbuf_format_is_scalable (header.format)))
    {
      _reslib_probe_set_error (info, _("The file cannot be read as an image: its format is not known or it is damaged"));
      return;
    }
  info->container = gdk_pixbuf_format_get_name (header.format);
  info->width = MAX (header.width, 0);
  info->height = MAX (header.height, 0);
}
