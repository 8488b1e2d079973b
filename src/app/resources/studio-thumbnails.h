/* studio-thumbnails.h — thumbnails of blobs, kept on disk and a bounded number in memory
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "reslib-store.h"

G_BEGIN_DECLS

#define STUDIO_TYPE_THUMBNAILS (studio_thumbnails_get_type ())
G_DECLARE_FINAL_TYPE (StudioThumbnails, studio_thumbnails, STUDIO, THUMBNAILS, GObject)

StudioThumbnails *studio_thumbnails_new          (const char          *cache_dir,
                                                  guint                max_in_memory);
char             *studio_thumbnails_dup_path     (StudioThumbnails    *self,
                                                  const char          *sha256,
                                                  int                  size);
GdkTexture       *studio_thumbnails_lookup       (StudioThumbnails    *self,
                                                  const char          *sha256,
                                                  int                  size);
guint             studio_thumbnails_get_n_in_memory (StudioThumbnails *self);
void              studio_thumbnails_load_async   (StudioThumbnails    *self,
                                                  const char          *blob_path,
                                                  const char          *sha256,
                                                  const char          *mime_type,
                                                  int                  size,
                                                  GCancellable        *cancellable,
                                                  GAsyncReadyCallback  callback,
                                                  gpointer             user_data);
GdkTexture       *studio_thumbnails_load_finish  (StudioThumbnails    *self,
                                                  GAsyncResult        *result,
                                                  GError             **error);

char             *studio_thumbnails_dup_cache_dir (ReslibStore        *store);
void              studio_thumbnails_prune_async  (ReslibStore         *store,
                                                  const char          *cache_dir,
                                                  guint                max_files,
                                                  GCancellable        *cancellable,
                                                  GAsyncReadyCallback  callback,
                                                  gpointer             user_data);
gboolean          studio_thumbnails_prune_finish (GAsyncResult        *result,
                                                  guint               *n_removed,
                                                  GError             **error);

G_END_DECLS
