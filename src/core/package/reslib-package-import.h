/* reslib-package-import.h — importing and merging packages (DESIGN §5)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "reslib-importer.h"
#include "reslib-store.h"

G_BEGIN_DECLS

/* What an import did, per kind of record (indexed by ReslibKind). */
typedef struct
{
  char  *project_id;                    /* the project the records went into */
  char  *bag;                           /* the bag's name */
  guint  added[RESLIB_N_KINDS];
  guint  updated[RESLIB_N_KINDS];
  guint  unchanged[RESLIB_N_KINDS];
  guint  conflicts[RESLIB_N_KINDS];
  guint  blobs_added;                   /* files the store did not have */
  guint  blobs_present;                 /* files the store had already */
  gboolean dossier_protected;           /* the project's fields, majors and units were not to change */
} ReslibImportReport;

typedef enum
{
  RESLIB_IMPORT_NONE = 0,
  RESLIB_IMPORT_UPDATE_DOSSIER = 1 << 0,   /* the package may change the project's fields, majors, units */
} ReslibImportFlags;

void      reslib_import_report_free     (ReslibImportReport  *report);
JsonNode *reslib_import_report_to_json  (const ReslibImportReport *report);

gboolean  reslib_package_import         (ReslibStore          *store,
                                         const char           *path,
                                         const char           *into_project_id,
                                         ReslibImportReport  **report,
                                         GCancellable         *cancellable,
                                         GError              **error);
gboolean  reslib_package_import_full    (ReslibStore          *store,
                                         const char           *path,
                                         const char           *into_project_id,
                                         ReslibImportFlags     flags,
                                         ReslibProgressFunc    progress_func,
                                         gpointer              progress_data,
                                         ReslibImportReport  **report,
                                         GPtrArray           **problems,
                                         GCancellable         *cancellable,
                                         GError              **error);
void      reslib_package_import_async   (ReslibStore          *store,
                                         const char           *path,
                                         const char           *into_project_id,
                                         ReslibImportFlags     flags,
                                         GCancellable         *cancellable,
                                         GAsyncReadyCallback   callback,
                                         gpointer              user_data);
gboolean  reslib_package_import_finish  (ReslibStore          *store,
                                         GAsyncResult         *result,
                                         ReslibImportReport  **report,
                                         GError              **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ReslibImportReport, reslib_import_report_free)

G_END_DECLS
