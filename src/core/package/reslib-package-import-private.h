/* reslib-package-import-private.h — what the files that import a package share
 *
 * reslib-package-import.c runs an import: verify, the checks against the store
 * (reslib-package-import-check.c), the files staged outside any transaction
 * (reslib-package-import-stage.c), then the records merged in one transaction
 * (reslib-package-import-merge.c).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "reslib-blobs.h"
#include "reslib-package-import.h"
#include "reslib-package-manifest.h"

G_BEGIN_DECLS

/* The kinds a package holds, in the order they are merged, and their member in manifest.json. */
typedef struct
{
  ReslibKind  kind;
  const char *member;
  const char *label;    /* the field a conflict copy's name is suffixed in, NULL when no copy is made */
} ReslibImportKind;

/* In reslib-package-import-merge.c. */
extern const ReslibImportKind _reslib_import_kinds[];
extern const guint            _reslib_import_n_kinds;

/* A file of the package, by its SHA-256: the blob is staged, or was in the store when the file was read. */
typedef struct
{
  gboolean  staged;
  guint64   size;       /* the bytes staged */
  char     *mime;       /* the type sniffed from the staged file */
} ReslibStagedBlob;

typedef struct
{
  ReslibStore        *store;
  const char         *path;
  ReslibManifestIndex index;            /* what verify found data/manifest.json to hold */
  const char         *source_project;   /* the project id in the package */
  char               *target_project;   /* where the records go */
  gboolean            into;
  gboolean            update_dossier;   /* the lead lets the package change the project's dossier */
  gboolean            protect_dossier;  /* the project is in the store and its dossier is not to change */
  GHashTable         *blobs;            /* sha256 → ReslibStagedBlob, every file of the package */
  ReslibJob          *job;              /* reports the progress, when not NULL */
  ReslibProgress      progress;
  gint64              progress_at;      /* monotonic time of the last report */
  GHashTable         *files;            /* bag path → ReslibManifestFile (borrowed from index) */
  GHashTable         *blob_sizes;       /* sha256 → ReslibManifestFile (borrowed), one per blob */
  ReslibBlobStage    *stage;
  ReslibImportReport *report;
} ReslibPackageImport;

/* reslib-package-import.c: what a ReslibPackageImporter runs */
gboolean  _reslib_package_import_run   (ReslibStore          *store,
                                        const char           *path,
                                        const char           *into_project_id,
                                        ReslibImportFlags     flags,
                                        ReslibJob            *job,
                                        ReslibImportReport  **report,
                                        GPtrArray           **problems,
                                        GCancellable         *cancellable,
                                        GError              **error);

/* reslib-package-import-check.c */
gboolean  _reslib_import_inconsistent  (GError              **error,
                                        const char           *format,
                                        ...) G_GNUC_PRINTF (2, 3);
char     *_reslib_import_value_of      (JsonObject           *object,
                                        const char           *name);
GStrv     _reslib_import_list_of       (JsonObject           *object,
                                        const char           *name);
char     *_reslib_import_project_of    (ReslibPackageImport  *im,
                                        ReslibKind            kind,
                                        const char           *id,
                                        GError              **error);
gboolean  _reslib_import_check_records (ReslibPackageImport  *im,
                                        GCancellable         *cancellable,
                                        GError              **error);

/* reslib-package-import-stage.c */
void      _reslib_import_progress      (ReslibPackageImport  *im,
                                        const char           *current,
                                        gboolean              now);
void      _reslib_staged_blob_free     (gpointer              data);
gboolean  _reslib_import_stage_blobs   (ReslibPackageImport  *im,
                                        GCancellable         *cancellable,
                                        GError              **error);
gboolean  _reslib_import_add_blob_rows (ReslibPackageImport  *im,
                                        GError              **error);

/* reslib-package-import-merge.c */
gboolean  _reslib_import_merge_records (ReslibPackageImport  *im,
                                        GCancellable         *cancellable,
                                        GError              **error);
gboolean  _reslib_import_node_trees_ok (ReslibPackageImport  *im,
                                        GError              **error);

G_END_DECLS
