/* studio-thumbnails.c — thumbnails of blobs, kept on disk and a bounded number in memory
 *
 * A thumbnail is the picture studio_file_render() makes of a blob (an image, a PDF's first page), its longest
 * side a given size. It is made on a worker the first time and written as PNG under the cache folder
 * (normally DATA/thumbnails), keyed by the blob's sha256 and the size: a blob never changes, so neither does
 * its thumbnail, and the same file in two projects has one. Later requests read that PNG (on a worker too).
 *
 * In memory, at most max_in_memory textures are kept, the least recently used dropped first: a grid of
 * 100,000 resources binds only the items it shows, and scrolling through all of them must not keep them all.
 *
 * On disk, the thumbnails of blobs no longer in the store are removed by studio_thumbnails_prune_async(), which
 * the application runs after the store's collection of unused blobs. One run looks at a bounded number of
 * files, from a random one of the 256 prefix folders on, so that a large cache is covered over several runs.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <string.h>

#include "studio-file-render.h"
#include "studio-thumbnails.h"

/* A thumbnail being written (write_thumbnail()) that is older than this was left by a program that died. */
#define PARTIAL_MAX_AGE_S (60 * 60)

struct _StudioThumbnails
{
  GObject     parent_instance;

  char       *cache_dir;
  guint       max_in_memory;
  GHashTable *by_key;   /* "SIZE/SHA256" → its link in lru (owned by lru) */
  GQueue      lru;      /* of Entry, most recently used first */
};

typedef struct
{
  char       *key;
  GdkTexture *texture;
} Entry;

G_DEFINE_FINAL_TYPE (StudioThumbnails, studio_thumbnails, G_TYPE_OBJECT)

static void
entry_free (Entry *entry)
{
  g_free (entry->key);
  g_clear_object (&entry->texture);
  g_free (entry);
}

static void
studio_thumbnails_finalize (GObject *object)
{
  StudioThumbnails *self = STUDIO_THUMBNAILS (object);

  g_hash_table_destroy (self->by_key);
  g_queue_clear_full (&self->lru, (GDestroyNotify) entry_free);
  g_free (self->cache_dir);

  G_OBJECT_CLASS (studio_thumbnails_parent_class)->finalize (object);
}

static void
studio_thumbnails_class_init (StudioThumbnailsClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = studio_thumbnails_finalize;
}

static void
studio_thumbnails_init (StudioThumbnails *self)
{
  self->by_key = g_hash_table_new (g_str_hash, g_str_equal);
  g_queue_init (&self->lru);
}

/**
 * studio_thumbnails_new:
 * @cache_dir: the folder the thumbnails are written to (made when needed)
 * @max_in_memory: how many thumbnails are kept in memory at most (at least 1)
 */
StudioThumbnails *
studio_thumbnails_new (const char *cache_dir,
                       guint       max_in_memory)
{
  StudioThumbnails *self;

  g_return_val_if_fail (cache_dir != NULL, NULL);

  self = g_object_new (STUDIO_TYPE_THUMBNAILS, NULL);
  self->cache_dir = g_strdup (cache_dir);
  self->max_in_memory = MAX (max_in_memory, 1);
  return self;
}

static gboolean
is_sha256 (const char *text)
{
  if (text == NULL || strlen (text) != 64)
    return FALSE;
  for (const char *p = text; *p != '\0'; p++)
    if (!g_ascii_isxdigit (*p) || g_ascii_isupper (*p))
      return FALSE;
  return TRUE;
}

/**
 * studio_thumbnails_dup_path:
 *
 * Returns: (transfer full): where the thumbnail of @sha256 at @size is kept: CACHE/SIZE/AB/SHA256.png
 */
char *
studio_thumbnails_dup_path (StudioThumbnails *self,
                            const char       *sha256,
                            int               size)
{
  g_autofree char *size_dir = g_strdup_printf ("%d", size);
  g_autofree char *prefix = g_strndup (sha256, 2);
  g_autofree char *name = g_strconcat (sha256, ".png", NULL);

  g_return_val_if_fail (STUDIO_IS_THUMBNAILS (self), NULL);
  g_return_val_if_fail (is_sha256 (sha256), NULL);

  return g_build_filename (self->cache_dir, size_dir, prefix, name, NULL);
}

static char *
make_key (const char *sha256,
          int         size)
{
  return g_strdup_printf ("%d/%s", size, sha256);
}

/**
 * studio_thumbnails_lookup:
 *
 * Returns: (transfer full) (nullable): the thumbnail if it is in memory (it becomes the most recently used)
 */
GdkTexture *
studio_thumbnails_lookup (StudioThumbnails *self,
                          const char       *sha256,
                          int               size)
{
  g_autofree char *key = NULL;
  GList *link;

  g_return_val_if_fail (STUDIO_IS_THUMBNAILS (self), NULL);

  if (sha256 == NULL)
    return NULL;
  key = make_key (sha256, size);
  link = g_hash_table_lookup (self->by_key, key);
  if (link == NULL)
    return NULL;
  g_queue_unlink (&self->lru, link);
  g_queue_push_head_link (&self->lru, link);
  return g_object_ref (((Entry *) link->data)->texture);
}

guint
studio_thumbnails_get_n_in_memory (StudioThumbnails *self)
{
  g_return_val_if_fail (STUDIO_IS_THUMBNAILS (self), 0);

  return self->lru.length;
}

static void
remember (StudioThumbnails *self,
          const char       *key,
          GdkTexture       *texture)
{
  GList *link = g_hash_table_lookup (self->by_key, key);
  Entry *entry;

  if (link != NULL)
    {
      g_queue_unlink (&self->lru, link);
      g_queue_push_head_link (&self->lru, link);
      return;
    }
  entry = g_new0 (Entry, 1);
  entry->key = g_strdup (key);
  entry->texture = g_object_ref (texture);
  g_queue_push_head (&self->lru, entry);
  g_hash_table_insert (self->by_key, entry->key, self->lru.head);
  while (self->lru.length > self->max_in_memory)
    {
      Entry *oldest = g_queue_pop_tail (&self->lru);

      g_hash_table_remove (self->by_key, oldest->key);
      entry_free (oldest);
    }
}

typedef struct
{
  char *key;
  char *blob_path;
  char *mime_type;
  char *thumbnail_path;
  int   size;
} LoadData;

static void
load_data_free (LoadData *data)
{
  g_free (data->key);
  g_free (data->blob_path);
  g_free (data->mime_type);
  g_free (data->thumbnail_path);
  g_free (data);
}

/* Written beside its place under a temporary name, then renamed: a reader never sees half a PNG. */
static void
write_thumbnail (GdkTexture *texture,
                 const char *path)
{
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *partial = g_strdup_printf ("%s.%08x.part", path, g_random_int ());

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      g_debug ("No folder for thumbnails at %s: %s", dir, g_strerror (errno));
      return;
    }
  if (!gdk_texture_save_to_png (texture, partial))
    {
      g_debug ("The thumbnail %s could not be written", partial);
      g_unlink (partial);
      return;
    }
  if (g_rename (partial, path) != 0)
    {
      g_debug ("The thumbnail %s could not be renamed: %s", partial, g_strerror (errno));
      g_unlink (partial);
    }
}

static void
load_thread (GTask        *task,
             gpointer      source,
             gpointer      task_data,
             GCancellable *cancellable)
{
  LoadData *data = task_data;
  g_autoptr(GError) error = NULL;
  GdkTexture *texture;

  if (g_file_test (data->thumbnail_path, G_FILE_TEST_IS_REGULAR))
    {
      texture = gdk_texture_new_from_filename (data->thumbnail_path, &error);
      if (texture != NULL)
        {
          g_task_return_pointer (task, texture, g_object_unref);
          return;
        }
      /* A damaged thumbnail is made again. */
      g_debug ("The thumbnail %s could not be read: %s", data->thumbnail_path, error->message);
      g_clear_error (&error);
    }
  texture = studio_file_render (data->blob_path, data->mime_type, data->size, cancellable, &error);
  if (texture == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  write_thumbnail (texture, data->thumbnail_path);
  g_task_return_pointer (task, texture, g_object_unref);
}

/**
 * studio_thumbnails_load_async:
 * @blob_path: the blob's file
 * @sha256: its sha256
 * @mime_type: its MIME type (studio_file_render_can() says which have thumbnails)
 * @size: the longest side in pixels
 *
 * Reads the thumbnail from disk, or makes and writes it, on a worker; the texture is then kept in memory.
 */
void
studio_thumbnails_load_async (StudioThumbnails    *self,
                              const char          *blob_path,
                              const char          *sha256,
                              const char          *mime_type,
                              int                  size,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GdkTexture) cached = NULL;
  LoadData *data;

  g_return_if_fail (STUDIO_IS_THUMBNAILS (self));
  g_return_if_fail (blob_path != NULL);
  g_return_if_fail (size > 0);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, studio_thumbnails_load_async);
  if (!is_sha256 (sha256))
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, "Not a sha256: %s",
                               sha256 != NULL ? sha256 : "(null)");
      return;
    }
  cached = studio_thumbnails_lookup (self, sha256, size);
  if (cached != NULL)
    {
      g_task_return_pointer (task, g_steal_pointer (&cached), g_object_unref);
      return;
    }
  data = g_new0 (LoadData, 1);
  data->key = make_key (sha256, size);
  data->blob_path = g_strdup (blob_path);
  data->mime_type = g_strdup (mime_type);
  data->thumbnail_path = studio_thumbnails_dup_path (self, sha256, size);
  data->size = size;
  g_task_set_task_data (task, data, (GDestroyNotify) load_data_free);
  g_task_run_in_thread (task, load_thread);
}

/**
 * studio_thumbnails_load_finish:
 *
 * Returns: (transfer full) (nullable): the thumbnail, or %NULL with @error set (the file cannot be drawn)
 */
GdkTexture *
studio_thumbnails_load_finish (StudioThumbnails  *self,
                               GAsyncResult      *result,
                               GError           **error)
{
  LoadData *data;
  GdkTexture *texture;

  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  texture = g_task_propagate_pointer (G_TASK (result), error);
  data = g_task_get_task_data (G_TASK (result));
  /* Kept in memory here, on the thread the cache lives on. */
  if (texture != NULL && data != NULL)
    remember (self, data->key, texture);
  return texture;
}

/**
 * studio_thumbnails_dup_cache_dir:
 *
 * Returns: (transfer full): where the thumbnails of @store's blobs are kept: DATA/thumbnails
 */
char *
studio_thumbnails_dup_cache_dir (ReslibStore *store)
{
  g_return_val_if_fail (RESLIB_IS_STORE (store), NULL);

  return g_build_filename (reslib_store_get_data_dir (store), "thumbnails", NULL);
}

typedef struct
{
  ReslibStore *store;
  char        *cache_dir;
  guint        max_files;
  guint        n_removed;
} PruneData;

static void
prune_data_free (PruneData *data)
{
  g_clear_object (&data->store);
  g_free (data->cache_dir);
  g_free (data);
}

/* Whether @name in a prefix folder is a thumbnail whose blob is gone, or a partial write left long ago. */
static gboolean
is_stale (ReslibStore *store,
          const char  *dir,
          const char  *name,
          gint64       now)
{
  g_autofree char *sha256 = NULL;
  g_autofree char *blob = NULL;

  if (strstr (name, ".part") != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      GStatBuf st;

      return g_stat (path, &st) == 0 && now - st.st_mtime > PARTIAL_MAX_AGE_S;
    }
  if (!g_str_has_suffix (name, ".png") || strlen (name) != 64 + 4)
    return FALSE;
  sha256 = g_strndup (name, 64);
  if (!is_sha256 (sha256))
    return FALSE;
  blob = reslib_store_get_blob_path (store, sha256);
  return !g_file_test (blob, G_FILE_TEST_EXISTS);
}

static void
prune_thread (GTask        *task,
              gpointer      source,
              gpointer      task_data,
              GCancellable *cancellable)
{
  PruneData *data = task_data;
  g_autoptr(GDir) sizes = g_dir_open (data->cache_dir, 0, NULL);
  guint start = g_random_int_range (0, 256);
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  guint seen = 0;
  const char *size;

  /* No thumbnail was ever made. */
  if (sizes == NULL)
    {
      g_task_return_boolean (task, TRUE);
      return;
    }
  while (seen < data->max_files && (size = g_dir_read_name (sizes)) != NULL)
    for (guint i = 0; i < 256 && seen < data->max_files; i++)
      {
        char prefix[3];
        g_autofree char *dir = NULL;
        g_autoptr(GDir) files = NULL;
        const char *name;

        g_snprintf (prefix, sizeof prefix, "%02x", (start + i) % 256);
        dir = g_build_filename (data->cache_dir, size, prefix, NULL);
        files = g_dir_open (dir, 0, NULL);
        if (files == NULL)
          continue;
        while (seen < data->max_files && (name = g_dir_read_name (files)) != NULL)
          {
            if (g_task_return_error_if_cancelled (task))
              return;
            seen++;
            if (is_stale (data->store, dir, name, now))
              {
                g_autofree char *path = g_build_filename (dir, name, NULL);

                if (g_unlink (path) == 0)
                  data->n_removed++;
                else
                  g_debug ("The thumbnail %s could not be removed: %s", path, g_strerror (errno));
              }
          }
      }
  g_task_return_boolean (task, TRUE);
}

/**
 * studio_thumbnails_prune_async:
 * @store: the store whose blobs the thumbnails are of
 * @cache_dir: the folder of the thumbnails (studio_thumbnails_dup_cache_dir())
 * @max_files: how many files one run looks at, at most
 *
 * Removes, on a worker, the thumbnails of blobs that are no longer in @store's folder of blobs (the
 * collection of unused blobs removed them), and the partial writes an earlier process left.
 */
void
studio_thumbnails_prune_async (ReslibStore         *store,
                               const char          *cache_dir,
                               guint                max_files,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  PruneData *data;

  g_return_if_fail (RESLIB_IS_STORE (store));
  g_return_if_fail (cache_dir != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, studio_thumbnails_prune_async);
  data = g_new0 (PruneData, 1);
  data->store = g_object_ref (store);
  data->cache_dir = g_strdup (cache_dir);
  data->max_files = max_files;
  g_task_set_task_data (task, data, (GDestroyNotify) prune_data_free);
  g_task_run_in_thread (task, prune_thread);
}

/**
 * studio_thumbnails_prune_finish:
 * @n_removed: (out) (optional): how many files were removed
 */
gboolean
studio_thumbnails_prune_finish (GAsyncResult  *result,
                                guint         *n_removed,
                                GError       **error)
{
  PruneData *data;

  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);

  data = g_task_get_task_data (G_TASK (result));
  if (n_removed != NULL)
    *n_removed = data->n_removed;
  return g_task_propagate_boolean (G_TASK (result), error);
}
