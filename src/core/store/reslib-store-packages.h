/* reslib-store-packages.h — submissions' upload state and the packages built or read (package_builds)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "reslib-store.h"

G_BEGIN_DECLS

/* What identifies a package file on disk: a file with other facts is another file, or was changed. */
typedef struct
{
  guint64  size;
  gint64   mtime_ns;     /* modification time, nanoseconds since the epoch */
  guint64  device;
  guint64  inode;
} ReslibPackageFile;

/* Records (in package_builds, and as an event of the audit log) that a package was built at @path (made
 * absolute) with these facts and, when it was computed (@sha256 may be %NULL), the SHA-256 of the whole
 * tar. */
gboolean   reslib_store_note_package_built  (ReslibStore              *store,
                                             const char               *project_id,
                                             const char               *kind,
                                             const char               *bag_name,
                                             const char               *path,
                                             const ReslibPackageFile  *file,
                                             const char               *sha256,
                                             GError                  **error);

/* Records (in package_builds, and as an event of the audit log) the SHA-256 of the package at @path, read
 * by an upload, with the file's facts: a later upload of the same file need not read it again. */
gboolean   reslib_store_note_package_hashed (ReslibStore              *store,
                                             const char               *project_id,
                                             const char               *path,
                                             const ReslibPackageFile  *file,
                                             const char               *sha256,
                                             GError                  **error);

/* The SHA-256 recorded for the package at @path by its last build or a later reading, when the file
 * there still has exactly the facts it had then; %NULL otherwise (then the file must be read to know its
 * digest). */
char      *reslib_store_find_package_sha256 (ReslibStore              *store,
                                             const char               *path,
                                             const ReslibPackageFile  *file,
                                             GError                  **error);

/* Where the project's last package of @kind (any kind for %NULL) was built, or %NULL. */
char      *reslib_store_dup_last_package_path (ReslibStore              *store,
                                             const char               *project_id,
                                             const char               *kind,
                                             GError                  **error);

/* Writes the internal fields of a submission (upload URL, confirmed offset, expiry, attempts, last error,
 * completion time) for the uploader, without the audit log. */
gboolean   _reslib_store_update_submission (ReslibStore           *self,
                                            const char            *id,
                                            const char * const    *fields,
                                            const char * const    *values,
                                            GError               **error);

G_END_DECLS
