/* reslib-store-versions.h — the versions of a resource's file (resource_versions)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "reslib-store.h"
#include "reslib-undo-step.h"

G_BEGIN_DECLS

/* A file a resource had before its current one */
typedef struct
{
  guint   version;       /* 1 for the first file */
  char   *blob_sha256;
  char   *file_name;
  gint64  size;          /* -1 when not known */
  char   *replaced_at;   /* ISO 8601 */
  char   *replaced_by;   /* (nullable) who replaced it */
  gboolean stored;       /* the file is still in the store */
} ReslibFileVersion;

void        reslib_file_version_free          (ReslibFileVersion *version);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ReslibFileVersion, reslib_file_version_free)

GPtrArray  *reslib_store_list_file_versions   (ReslibStore        *store,
                                               const char         *resource_id,
                                               GError            **error);

/* For the core's replacement job: inside the caller's write transaction */
gboolean    _reslib_store_replace_file        (ReslibStore        *store,
                                               const char         *resource_id,
                                               const char         *sha256,
                                               guint64             size,
                                               const char         *mime_type,
                                               const char         *file_name,
                                               guint              *version,
                                               gboolean           *back_to_review,
                                               GError            **error);
ReslibUndoStep *
            _reslib_store_keep_file           (ReslibStore        *store,
                                               const char         *resource_id,
                                               GError            **error);

G_END_DECLS
