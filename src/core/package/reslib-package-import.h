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

ReslibImportReport *reslib_import_report_copy (const ReslibImportReport *report);
void      reslib_import_report_free     (ReslibImportReport  *report);
JsonNode *reslib_import_report_to_json  (const ReslibImportReport *report);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ReslibImportReport, reslib_import_report_free)

G_END_DECLS
