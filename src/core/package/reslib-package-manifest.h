/* reslib-package-manifest.h — reading and checking a package's data/manifest.json, record by record
 *
 * The one reader of manifest.json: verify reads it through _reslib_manifest_read(),
 * which checks every record (its schema, its values, its project) before handing
 * it on, and keeps the digest of each piece of it; import reads it again through
 * _reslib_manifest_read_tar(), which hands a piece to the parser only once its
 * digest is verify's, so what verify checked is what import uses.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <archive.h>
#include <json-glib/json-glib.h>

#include "reslib-entity.h"
#include "reslib-json-reader.h"

G_BEGIN_DECLS

/* Limits on what a manifest may hold; together they bound memory and time. */
#define RESLIB_MANIFEST_MAX_RECORDS   250000          /* records of all kinds, files included */
#define RESLIB_MANIFEST_MAX_RECORD    (256 * 1024)    /* bytes of one record's JSON */
#define RESLIB_MANIFEST_MAX_VALUES    4096            /* values in one record (list items included) */

/* The "kind" given to the callback for an element of "files". */
#define RESLIB_MANIFEST_FILE          RESLIB_N_KINDS
/* …and for an element of "review_decisions" (format 2, optional: a unit's review of its resources). */
#define RESLIB_MANIFEST_REVIEW        (RESLIB_N_KINDS + 1)

typedef struct
{
  guint8  sha256[32];    /* binary (RESLIB_SHA256_SIZE) */
  guint8  in_files;      /* the index's own: the resource's element of "files" was read */
  guint8  online;        /* the index's own: an online resource (a url, no file, no element of "files") */
  guint64 size;
} ReslibManifestFile;

/* What a manifest holds, gathered while it is read once; a few hundred bytes per record. */
typedef struct
{
  char       *kind;                      /* the package kind */
  char       *bag;
  char       *project_id;
  char       *project_title;             /* the project record's name */
  guint       format_version;            /* 1, or 2 (records may carry base versions) */
  GHashTable *ids[RESLIB_N_KINDS];       /* id → kind-specific facts (resources, nodes) or NULL */
  GStringChunk *strings;                 /* the keys of @ids, the files' names */
  GPtrArray  *slabs;                     /* the resources' facts, in blocks of 64 KiB */
  gsize       slab_used;
  guint       n_records;
  gboolean    over_limit;                /* it holds more than RESLIB_MANIFEST_MAX_RECORDS records */
  char        sha256[65];                /* of manifest.json as it was read */
  GByteArray *pieces;                    /* the SHA-256 of each RESLIB_MANIFEST_PIECE bytes of it, in order (the
                                          * last piece shorter): what a later read hands on is proven to be
                                          * what was checked (_reslib_manifest_read_tar()) */
} ReslibManifestIndex;

/* The size of the pieces of manifest.json whose digests verify keeps. */
#define RESLIB_MANIFEST_PIECE         (64 * 1024)

typedef gboolean (*ReslibManifestFunc) (guint        kind,
                                        JsonObject  *record,
                                        gpointer     user_data,
                                        GError     **error);

void     _reslib_manifest_index_clear      (ReslibManifestIndex  *index);
/* In reslib-package-manifest-index.c, for the reader: a new index; a checked record noted in it (refused when it
 * does not fit with the records before it); after the last record, the checks that need them all. */
void     _reslib_manifest_index_init       (ReslibManifestIndex  *index);
gboolean _reslib_manifest_index_add        (ReslibManifestIndex  *index,
                                            guint                 kind,
                                            JsonObject           *record,
                                            GError              **error);
gboolean _reslib_manifest_index_finish     (ReslibManifestIndex  *index,
                                            GError              **error);
/* The file data/manifest.json lists at @path (data/resources/<resource id>/<name>), or NULL. */
const ReslibManifestFile *
         _reslib_manifest_index_file       (ReslibManifestIndex  *index,
                                            const char           *path);
/* The file of the resource @resource_id, its name in @name, or NULL. */
const ReslibManifestFile *
         _reslib_manifest_index_file_of    (ReslibManifestIndex  *index,
                                            const char           *resource_id,
                                            const char          **name);
/* The files listed, one per resource: @resource_id and @name (its file's) are the index's. */
typedef struct
{
  GHashTableIter iter;
} ReslibManifestFileIter;
void     _reslib_manifest_file_iter_init   (ReslibManifestFileIter *iter,
                                            ReslibManifestIndex  *index);
const ReslibManifestFile *
         _reslib_manifest_file_iter_next   (ReslibManifestFileIter *iter,
                                            const char          **resource_id,
                                            const char          **name);
/* @path of the file of @resource_id named @name, into @out. */
void     _reslib_manifest_file_path        (GString              *out,
                                            const char           *resource_id,
                                            const char           *name);
gboolean _reslib_manifest_index_has_file   (ReslibManifestIndex  *index,
                                            const char           *resource_id);

gboolean _reslib_manifest_read             (ReslibJsonReader     *reader,
                                            ReslibManifestIndex  *index,
                                            ReslibManifestFunc    func,
                                            gpointer              user_data,
                                            GCancellable         *cancellable,
                                            GError              **error);
gboolean _reslib_manifest_read_entry       (struct archive       *a,
                                            const char           *path,
                                            ReslibManifestIndex  *index,
                                            ReslibManifestFunc    func,
                                            gpointer              user_data,
                                            guint64              *size,
                                            char                  sha256[65],
                                            GCancellable         *cancellable,
                                            GError              **error);
gboolean _reslib_manifest_read_tar         (const char           *path,
                                            const ReslibManifestIndex *verified,
                                            ReslibManifestFunc    func,
                                            gpointer              user_data,
                                            GCancellable         *cancellable,
                                            GError              **error);
gboolean _reslib_manifest_check_record     (guint                 kind,
                                            JsonNode             *record,
                                            char                **where,
                                            GError              **error);
/* Where verify hands the data of each payload file as it reads and hashes it (an import stages the files
 * this way, so the package is read once): @begin says whether the file's data is wanted (@known: whether
 * data/manifest.json came before it and is valid so far; @listed: what it gives for the file, or %NULL);
 * @block gets that data in order; @end the
 * file's digest and size once it was read whole, @discard what was begun and not ended (the tar was cut
 * short, or the entry is not a plain file after all). A callback that fails stops verify with its error. */
typedef struct
{
  gboolean (*begin)   (gpointer                  data,
                       const char               *rel,
                       gboolean                  known,
                       const ReslibManifestFile *listed,
                       gboolean                 *wanted,
                       GError                  **error);
  gboolean (*block)   (gpointer                  data,
                       const void               *block,
                       gsize                     len,
                       GError                  **error);
  gboolean (*end)     (gpointer                  data,
                       const char               *rel,
                       const guint8             *sha256,
                       guint64                   size,
                       GError                  **error);
  void     (*discard) (gpointer                  data);
} ReslibBagDataSink;

/* In reslib-package-verify.c: reslib_package_verify(), keeping the manifest's index for import, handing the
 * payload files' data to @sink when it is not %NULL. */
gboolean _reslib_package_verify_index      (const char           *path,
                                            GPtrArray           **problems,
                                            JsonNode            **info_out,
                                            ReslibManifestIndex  *index_out,
                                            const ReslibBagDataSink *sink,
                                            gpointer              sink_data,
                                            GCancellable         *cancellable,
                                            GError              **error);
gboolean _reslib_is_canonical_uuid         (const char           *text);
gboolean _reslib_is_iso8601_time           (const char           *text);

G_END_DECLS
