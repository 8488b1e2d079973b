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
  guint  reviews_received;              /* a unit's review decisions (level 1) the package carried, recorded */
  guint  reviews_set_aside;             /* …and not recorded: the store disagrees (see the log) */
} ReslibImportReport;

typedef enum
{
  RESLIB_IMPORT_NONE = 0,
  RESLIB_IMPORT_UPDATE_DOSSIER = 1 << 0,   /* the package may change the project's fields, majors, units */
  RESLIB_IMPORT_JOIN = 1 << 1,             /* join the lead's project as a teacher (a store without it) */
  RESLIB_IMPORT_MATCH_BY_TITLE = 1 << 2,   /* courses and points not in the store are matched by title */
  RESLIB_IMPORT_REFUSE_NAMESAKE = 1 << 3,  /* refuse a contribution of a project the store lacks when the store
                                            * has a project of its name (a teacher's own project's) */
} ReslibImportFlags;

/* What a package is, as the review of an import shows it. */
typedef struct
{
  ReslibPackageKind  kind;
  char              *bag;                   /* the bag's name */
  char              *project_id;            /* the project of the package */
  char              *project_title;         /* its name in the package, NULL when it has no project record */
  char              *source_organization;   /* bag-info.txt's, may be NULL */
  char              *bagging_date;          /* bag-info.txt's (YYYY-MM-DD), may be NULL */
  guint64            size;                  /* bytes of the file */
  guint64            payload_bytes;         /* bytes of its data/ files */
  guint              n_resources;
  guint              n_records;             /* of every kind */
  char              *same_name_project_id;  /* a project of the store named as the package's, with another id
                                             * (a teacher's own project's contribution goes into it), or NULL */
} ReslibPackageInfo;

ReslibImportReport *reslib_import_report_copy (const ReslibImportReport *report);
void      reslib_import_report_free     (ReslibImportReport  *report);
JsonNode *reslib_import_report_to_json  (const ReslibImportReport *report);

ReslibPackageInfo  *reslib_package_info_copy   (const ReslibPackageInfo *info);
void                reslib_package_info_free   (ReslibPackageInfo       *info);
JsonNode           *reslib_package_info_to_json (const ReslibPackageInfo *info);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ReslibImportReport, reslib_import_report_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ReslibPackageInfo, reslib_package_info_free)

G_END_DECLS
