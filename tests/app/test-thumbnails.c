/* test-thumbnails.c — thumbnails of blobs: made on a worker, written to disk by sha256 and size, read back
 * from there, a bounded number kept in memory (least recently used dropped first), and removed once their
 * blob is gone
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <cairo-pdf.h>
#include <glib/gstdio.h>
#include <utime.h>

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

/* A file at @path (its folders made): the prune looks at names and whether a blob's file exists, not at
 * contents. */
static void
touch (const char *path,
       gint64      age_s)
{
  g_autofree char *dir = g_path_get_dirname (path);
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_assert_true (g_file_set_contents (path, "x", 1, &error));
  g_assert_no_error (error);
  if (age_s > 0)
    {
      struct utimbuf times;

      times.actime = times.modtime = (time_t) (g_get_real_time () / G_USEC_PER_SEC - age_s);
      g_assert_cmpint (g_utime (path, &times), ==, 0);
    }
}

typedef struct
{
  guint    n_removed;
  GError  *error;
  gboolean done;
} Pruned;

static void
pruned_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      data)
{
  Pruned *p = data;

  g_assert_true (studio_thumbnails_prune_finish (result, &p->n_removed, &p->error));
  p->done = TRUE;
}

static gboolean
prune_done (gpointer data)
{
  return ((Pruned *) data)->done;
}

static guint
prune (ReslibStore *store,
       const char  *cache,
       guint        max_files)
{
  Pruned p = { 0, NULL, FALSE };

  studio_thumbnails_prune_async (store, cache, max_files, NULL, pruned_cb, &p);
  g_assert_true (studio_test_wait_until (prune_done, &p, 30000));
  g_assert_no_error (p.error);
  return p.n_removed;
}

/* The thumbnails of blobs no longer in the store's folder go, at every size, and those of blobs still there
 * stay; a partial write goes once it is an hour old; one run looks at max_files files at most. */
static void
test_prune (Fixture       *f,
            gconstpointer  data)
{
  g_autofree char *data_dir = g_build_filename (f->dir, "data", NULL);
  g_autoptr(ReslibStore) store = reslib_test_open_store (data_dir);
  g_autofree char *cache = studio_thumbnails_dup_cache_dir (store);
  g_autofree char *other_cache = g_build_filename (f->dir, "other", NULL);
  g_autoptr(StudioThumbnails) thumbnails = NULL;
  g_autoptr(StudioThumbnails) others = studio_thumbnails_new (other_cache, 8);
  g_autofree char *blob = NULL;
  g_autofree char *kept_128 = NULL;
  g_autofree char *kept_256 = NULL;
  g_autofree char *gone_256 = NULL;
  g_autofree char *old_partial = NULL;
  g_autofree char *new_partial = NULL;
  const char *kept = SHA ("a");
  const char *gone[] = { SHA ("b"), SHA ("c"), SHA ("d"), SHA ("e"), SHA ("f") };

  /* DATA/thumbnails, where the grid keeps them */
  g_assert_cmpstr (cache, ==, f->cache);
  thumbnails = studio_thumbnails_new (cache, 8);
  /* Nothing made yet: nothing to do */
  g_assert_cmpuint (prune (store, cache, 1000), ==, 0);

  blob = reslib_store_get_blob_path (store, kept);
  touch (blob, 0);
  kept_128 = studio_thumbnails_dup_path (thumbnails, kept, 128);
  kept_256 = studio_thumbnails_dup_path (thumbnails, kept, 256);
  gone_256 = studio_thumbnails_dup_path (thumbnails, gone[0], 256);
  touch (kept_128, 0);
  touch (kept_256, 0);
  touch (gone_256, 0);
  for (guint i = 0; i < G_N_ELEMENTS (gone); i++)
    {
      g_autofree char *path = studio_thumbnails_dup_path (thumbnails, gone[i], 128);
      g_autofree char *other = studio_thumbnails_dup_path (others, gone[i], 128);

      touch (path, 0);
      touch (other, 0);
    }
  old_partial = g_strconcat (kept_128, ".0badf00d.part", NULL);
  new_partial = g_strconcat (kept_256, ".0c0ffee0.part", NULL);
  touch (old_partial, 2 * 60 * 60);
  touch (new_partial, 0);

  /* Bounded: of five thumbnails of removed blobs, a run that looks at two removes two. */
  g_assert_cmpuint (prune (store, other_cache, 2), ==, 2);
  g_assert_cmpuint (reslib_test_count_files (other_cache), ==, 3);
  g_assert_cmpuint (prune (store, other_cache, 1000), ==, 3);
  g_assert_cmpuint (reslib_test_count_files (other_cache), ==, 0);

  /* The five at 128 px, the one at 256 px and the old partial write */
  g_assert_cmpuint (prune (store, cache, 1000), ==, 7);
  g_assert_true (g_file_test (kept_128, G_FILE_TEST_IS_REGULAR));
  g_assert_true (g_file_test (kept_256, G_FILE_TEST_IS_REGULAR));
  g_assert_true (g_file_test (new_partial, G_FILE_TEST_IS_REGULAR));
  g_assert_false (g_file_test (gone_256, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (old_partial, G_FILE_TEST_EXISTS));
  for (guint i = 0; i < G_N_ELEMENTS (gone); i++)
    {
      g_autofree char *path = studio_thumbnails_dup_path (thumbnails, gone[i], 128);

      g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
    }
  g_assert_true (g_file_test (blob, G_FILE_TEST_IS_REGULAR));
  g_assert_cmpuint (prune (store, cache, 1000), ==, 0);
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
  g_test_add ("/studio/thumbnails/prune", Fixture, NULL, fixture_setup, test_prune, fixture_teardown);

  return studio_test_run ();
}
