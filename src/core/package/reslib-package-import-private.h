/* reslib-package-import-private.h — what the files that import a package share
 *
 * reslib-package-import.c runs an import: verify, which stages the files as it reads them
 * (reslib-package-import-stage.c, outside any transaction), the checks against the store
 * (reslib-package-import-check.c), then the records merged in one transaction
 * (reslib-package-import-merge.c).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib/gstdio.h>
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
  const char *label;    /* the field that names a record of the kind */
} ReslibImportKind;

/* In reslib-package-import-merge.c. */
extern const ReslibImportKind _reslib_import_kinds[];
extern const guint            _reslib_import_n_kinds;

/* What a ReslibPackageImporter asks of a run. */
typedef struct
{
  const char         *into_project_id;
  ReslibImportFlags   flags;
  gboolean            preview;          /* everything but the writing: the transaction is rolled back */
  gboolean            no_items;         /* only the counts: no ReslibImportItem per record */
} ReslibImportOptions;

/* A package verified by an earlier run of the same importer: the file as it was then and what verify found
 * its manifest to hold. A later run with the file unchanged (device, inode, size, time of change) does not
 * verify it again: what it reads of the file is checked against this index as after a verification. */
typedef struct
{
  gboolean            valid;
  GStatBuf            stat;
  ReslibManifestIndex index;
  JsonNode           *info;             /* reslib_package_verify()'s */
} ReslibVerified;

void      _reslib_verified_clear       (ReslibVerified       *verified);

/* What a run found. */
typedef struct
{
  ReslibImportReport *report;           /* when it succeeded */
  GPtrArray          *problems;         /* when the package was not valid */
  GPtrArray          *items;            /* of ReslibImportItem, when it succeeded */
  ReslibPackageInfo  *info;             /* when the package was valid */
} ReslibImportResults;

void      _reslib_import_results_clear (ReslibImportResults  *results);

typedef struct
{
  ReslibStore        *store;
  const char         *path;
  ReslibManifestIndex index;            /* what verify found data/manifest.json to hold (borrowed) */
  gboolean            preview;
  gboolean            join;             /* joining the lead's project: the store must not have it */
  gboolean            match_by_title;
  gboolean            teacher;          /* the target project is a teacher's: the lead's structure wins */
  GHashTable         *map[RESLIB_N_KINDS];  /* package id → store id, of the records mapped */
  GPtrArray          *items;            /* of ReslibImportItem, or NULL when only the counts are asked for */
  char               *project_title;    /* the package's project record's name */
  const char         *source_project;   /* the project id in the package */
  char               *target_project;   /* where the records go */
  gboolean            into;
  gboolean            update_dossier;   /* the lead lets the package change the project's dossier */
  gboolean            protect_dossier;  /* the project is in the store and its dossier is not to change */
  ReslibDigestSet    *blobs;            /* the stage's digests (borrowed): every file of the package, staged
                                         * (RESLIB_DIGEST_STAGED, with its size and type) or in the store
                                         * when it was read (RESLIB_DIGEST_PRESENT) */
  int                 sink_fd;          /* while verify stages a file (_reslib_import_sink): its temporary file */
  char               *sink_tmp;         /* …its path */
  gboolean            sink_checked;     /* …and whether the store was asked for its blob before */
  guint8             *sink_head;        /* …its first bytes, for its type */
  gsize               sink_head_len;
  ReslibJob          *job;              /* reports the progress, when not NULL */
  ReslibProgress      progress;
  gint64              progress_at;      /* monotonic time of the last report */
  GHashTable         *blob_sizes;       /* binary sha256 → ReslibManifestFile (borrowed), one per blob */
  ReslibBlobStage    *stage;
  ReslibImportReport *report;
  GPtrArray          *index_triggers;   /* the search index's triggers, while a big merge has them out */
  GHashTable         *added;            /* resource ids the merge inserted, while it has them out */
  GHashTable         *changed;          /* resource ids the merge rewrote, while it has them out */
  GHashTable         *decidable;        /* resource ids whose version here is the package's, their unit unchanged
                                         * by it: a unit's decision carried may be on them (format 2) */
  GHashTable         *written_members;  /* member ids the merge added or rewrote */
  GPtrArray          *staged_rows;      /* the rows of new resources not written yet (GPtrArray of values)… */
  GPtrArray          *staged_records;   /* …and their records (JsonObject), for their lists */
  char               *review_unit;      /* the unit of the package's review decisions: one unit, the sender's */
  char               *now;              /* the time the merge started: no record's time is later */
  char               *added_detail;     /* the audit detail of a record added as it came, the same for each */
  ReslibKind          added_kind;       /* the records added as they came whose notes are queued: their kind, */
  GPtrArray          *added_ids;        /* …ids… */
  GPtrArray          *added_digests;    /* …and versions (reslib-package-import-added.c) */
} ReslibPackageImport;

/* reslib-package-import-merge.c: a package with at least this many resources is merged with the search
 * index's triggers out, its rows made once at the end; fewer, one record at a time with the triggers.
 * Tests set it to choose either way. */
extern guint _reslib_import_batch_min;
/* …and the index rows of every this many resources are made while the merge goes on. */
extern guint _reslib_import_index_chunk;

/* reslib-package-import.c: what a ReslibPackageImporter runs */
gboolean  _reslib_package_import_run   (ReslibStore          *store,
                                        const char           *path,
                                        const ReslibImportOptions *options,
                                        ReslibVerified       *verified,
                                        ReslibJob            *job,
                                        ReslibImportResults  *results,
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
gboolean  _reslib_import_check_record  (ReslibPackageImport  *im,
                                        guint                 kind,
                                        JsonObject           *record,
                                        gboolean             *in_store,
                                        GError              **error);

/* reslib-package-import-stage.c */
void      _reslib_import_progress      (ReslibPackageImport  *im,
                                        const char           *current,
                                        gboolean              now);
/* What verify hands the payload files' data to, @im its data: the files the store lacks are staged as
 * they are read and hashed (one pass over the package). */
extern const ReslibBagDataSink _reslib_import_sink;
void      _reslib_import_sink_clear    (ReslibPackageImport  *im);
gboolean  _reslib_import_keep_staged   (ReslibPackageImport  *im);
gboolean  _reslib_import_stage_blobs   (ReslibPackageImport  *im,
                                        GCancellable         *cancellable,
                                        GError              **error);
gboolean  _reslib_import_add_blob_rows (ReslibPackageImport  *im,
                                        GError              **error);

/* reslib-package-import-added.c */
gboolean  _reslib_import_queue_added   (ReslibPackageImport  *im,
                                        ReslibKind            kind,
                                        const char           *id,
                                        const char           *incoming,
                                        GError              **error);
gboolean  _reslib_import_flush_added   (ReslibPackageImport  *im,
                                        GError              **error);

/* reslib-package-import-map.c */
gboolean  _reslib_import_build_map     (ReslibPackageImport  *im,
                                        GCancellable         *cancellable,
                                        GError              **error);
void      _reslib_import_apply_map     (ReslibPackageImport  *im,
                                        guint                 kind,
                                        JsonObject           *record);
gboolean  _reslib_import_save_map      (ReslibPackageImport  *im,
                                        GError              **error);
char     *_reslib_import_same_name_project (ReslibPackageImport *im,
                                            GError             **error);

/* reslib-package-import-merge.c */
gboolean  _reslib_import_merge_records (ReslibPackageImport  *im,
                                        GCancellable         *cancellable,
                                        GError              **error);
gboolean  _reslib_import_node_trees_ok (ReslibPackageImport  *im,
                                        GError              **error);

G_END_DECLS
