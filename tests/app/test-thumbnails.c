/* test-thumbnails.c — thumbnails of blobs: made on a worker, written to disk by sha256 and size, read back
 * from there, and a bounded number kept in memory (least recently used dropped first)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <cairo-pdf.h>
#include <glib/gstdio.h>

#include "studio-test-utils.h"
#include "studio-thumbnails.h"

/* Any 64 hex digits: the cache keys by them and does not check the content. */
#define SHA(c) c c c c c c c c c c c c c c c c c c c c c c c c c c c c c c c c \
               c c c c c c c c c c c c c c c c c c c c c c c c c c c c c c c c

typedef struct
{
  char *dir;
  char *cache;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  f->dir = reslib_test_make_tmp_dir ("reslib-thumbnails-XXXXXX");
  f->cache = g_build_filename (f->dir, "data", "thumbnails", NULL);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  reslib_test_rm_rf (f->dir);
  g_free (f->dir);
  g_free (f->cache);
}

typedef struct
{
  GdkTexture *texture;
  GError     *error;
  gboolean    done;
} Result;

static void
loaded_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      data)
{
  Result *r = data;

  r->texture = studio_thumbnails_load_finish (STUDIO_THUMBNAILS (source), result, &r->error);
  r->done = TRUE;
}

static gboolean
is_done (gpointer data)
{
  return ((Result *) data)->done;
}

/* Loads and waits; returns the texture (or NULL with *error) */
static GdkTexture *
load (StudioThumbnails *thumbnails,
      const char       *path,
      const char       *sha,
      const char       *mime_type,
      int               size,
      GError          **error)
{
  Result r = { NULL, NULL, FALSE };

  studio_thumbnails_load_async (thumbnails, path, sha, mime_type, size, NULL, loaded_cb, &r);
  g_assert_true (studio_test_wait_until (is_done, &r, 30000));
  if (r.error != NULL)
    g_propagate_error (error, r.error);
  return r.texture;
}

static char *
write_png (const char *dir,
           const char *name,
           int         width,
           int         height)
{
  g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, width, height);
  char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GError) error = NULL;

  gdk_pixbuf_fill (pixbuf, 0x20a040ff);
  g_assert_true (gdk_pixbuf_save (pixbuf, path, "png", &error, NULL));
  g_assert_no_error (error);
  return path;
}

/* An image: scaled to 256 px, written under CACHE/256/AB/SHA.png; the next cache reads that file (the blob is
 * gone by then), and a second request is answered from memory with the same texture. */
static void
test_image (Fixture       *f,
            gconstpointer  data)
{
  const char *sha = SHA ("a");
  g_autofree char *photo = write_png (f->dir, "照片.png", 3000, 2000);
  g_autoptr(StudioThumbnails) thumbnails = studio_thumbnails_new (f->cache, 8);
  g_autoptr(StudioThumbnails) later = studio_thumbnails_new (f->cache, 8);
  g_autoptr(GdkTexture) texture = NULL;
  g_autoptr(GdkTexture) again = NULL;
  g_autoptr(GdkTexture) from_disk = NULL;
  g_autofree char *path = studio_thumbnails_dup_path (thumbnails, sha, 256);
  g_autofree char *expected = g_build_filename (f->cache, "256", "aa", NULL);
  g_autoptr(GError) error = NULL;

  g_assert_true (g_str_has_prefix (path, expected));
  g_assert_null (studio_thumbnails_lookup (thumbnails, sha, 256));
  texture = load (thumbnails, photo, sha, "image/png", 256, &error);
  g_assert_no_error (error);
  g_assert_cmpint (gdk_texture_get_width (texture), ==, 256);
  g_assert_cmpint (gdk_texture_get_height (texture), ==, 171);
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
  g_assert_cmpuint (studio_thumbnails_get_n_in_memory (thumbnails), ==, 1);

  again = studio_thumbnails_lookup (thumbnails, sha, 256);
  g_assert_true (again == texture);
  /* Another size is another thumbnail */
  g_assert_null (studio_thumbnails_lookup (thumbnails, sha, 128));

  g_assert_cmpint (g_unlink (photo), ==, 0);
  from_disk = load (later, photo, sha, "image/png", 256, &error);
  g_assert_no_error (error);
  g_assert_cmpint (gdk_texture_get_width (from_disk), ==, 256);
  g_assert_cmpint (gdk_texture_get_height (from_disk), ==, 171);
}

/* A PDF: its first page; a damaged one: an error and nothing written. */
static void
test_pdf (Fixture       *f,
          gconstpointer  data)
{
  g_autofree char *pdf = g_build_filename (f->dir, "讲义.pdf", NULL);
  g_autofree char *broken = reslib_test_write_file (f->dir, "坏.pdf", "%PDF-1.7\n1 0 obj <<", -1);
  g_autoptr(StudioThumbnails) thumbnails = studio_thumbnails_new (f->cache, 8);
  g_autoptr(GdkTexture) texture = NULL;
  g_autoptr(GdkTexture) none = NULL;
  g_autofree char *broken_path = studio_thumbnails_dup_path (thumbnails, SHA ("c"), 256);
  g_autoptr(GError) error = NULL;
  cairo_surface_t *surface = cairo_pdf_surface_create (pdf, 100, 200);
  cairo_t *cr = cairo_create (surface);

  cairo_set_source_rgb (cr, 0, 0, 1);
  cairo_paint (cr);
  cairo_show_page (cr);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  cairo_surface_destroy (surface);

  texture = load (thumbnails, pdf, SHA ("b"), "application/pdf", 256, &error);
  g_assert_no_error (error);
  g_assert_cmpint (gdk_texture_get_width (texture), ==, 128);
  g_assert_cmpint (gdk_texture_get_height (texture), ==, 256);

  none = load (thumbnails, broken, SHA ("c"), "application/pdf", 256, &error);
  g_assert_null (none);
  g_assert_nonnull (error);
  g_assert_false (g_file_test (broken_path, G_FILE_TEST_EXISTS));
  g_assert_cmpuint (studio_thumbnails_get_n_in_memory (thumbnails), ==, 1);
}

/* At most 3 in memory: after 5, the 2 used longest ago are gone (from memory, not from disk); one looked up
 * meanwhile stays. */
static void
test_bounded (Fixture       *f,
              gconstpointer  data)
{
  const char *shas[] = { SHA ("1"), SHA ("2"), SHA ("3"), SHA ("4"), SHA ("5") };
  g_autofree char *photo = write_png (f->dir, "小图.png", 40, 30);
  g_autoptr(StudioThumbnails) thumbnails = studio_thumbnails_new (f->cache, 3);

  for (guint i = 0; i < G_N_ELEMENTS (shas); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GdkTexture) texture = load (thumbnails, photo, shas[i], "image/png", 64, &error);

      g_assert_no_error (error);
      /* Smaller than the size: as it is */
      g_assert_cmpint (gdk_texture_get_width (texture), ==, 40);
      g_assert_cmpuint (studio_thumbnails_get_n_in_memory (thumbnails), ==, MIN (i + 1, 3));
      if (i == 2)
        {
          /* The first becomes the most recently used */
          g_autoptr(GdkTexture) first = studio_thumbnails_lookup (thumbnails, shas[0], 64);

          g_assert_nonnull (first);
        }
    }
  for (guint i = 0; i < G_N_ELEMENTS (shas); i++)
    {
      g_autoptr(GdkTexture) texture = studio_thumbnails_lookup (thumbnails, shas[i], 64);
      g_autofree char *path = studio_thumbnails_dup_path (thumbnails, shas[i], 64);

      if (i == 0 || i >= 3)
        g_assert_nonnull (texture);
      else
        g_assert_null (texture);
      g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
    }
}

int
main (int   argc,
      char *argv[])
{
  if (!studio_test_init (&argc, &argv))
    return 0;

  g_test_add ("/studio/thumbnails/image", Fixture, NULL, fixture_setup, test_image, fixture_teardown);
  g_test_add ("/studio/thumbnails/pdf", Fixture, NULL, fixture_setup, test_pdf, fixture_teardown);
  g_test_add ("/studio/thumbnails/bounded", Fixture, NULL, fixture_setup, test_bounded, fixture_teardown);

  return studio_test_run ();
}
