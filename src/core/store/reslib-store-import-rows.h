/* reslib-store-import-rows.h — the rows a package adds, written many to a statement
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "reslib-store.h"

G_BEGIN_DECLS

/* The most rows one statement of _reslib_store_import_rows() inserts. */
#define RESLIB_STORE_IMPORT_ROWS_MAX 64

/* The INSERT of @n rows of @kind with the columns of @columns (a bit per column of the entity, in the order
 * _reslib_store_import_row() takes them): one statement with @n rows of values, for the tests of its plan. */
char         *_reslib_store_import_rows_sql (ReslibKind          kind,
                                             guint64             columns,
                                             guint               n);
/* Inserts @rows (each a GPtrArray of values as _reslib_store_import_row() takes them for an insert), in
 * their order, each run of rows that leave the same defaulted columns to the database in statements of up to
 * RESLIB_STORE_IMPORT_ROWS_MAX rows: the checks of a table (a CHECK with a list of values makes a temporary
 * table each time a statement runs), its indexes and the statement's own cost are paid once per statement, not
 * per row. When a row breaks a rule, nothing of its statement is written; @failed is then that row's index in
 * @rows, found by writing the statement's rows one at a time, and @error is that row's error. The caller is in a
 * transaction. */
gboolean      _reslib_store_import_rows     (ReslibStore        *store,
                                             ReslibKind          kind,
                                             GPtrArray          *rows,
                                             guint              *failed,
                                             GError            **error);

/* Records the blobs @sha256s[i] of @sizes[i] bytes and type @mime_types[i] (inside the caller's transaction), as
 * _reslib_store_add_blob () does each, many to a statement; @added counts those the store did not have. */
gboolean      _reslib_store_add_blobs       (ReslibStore        *store,
                                             const char * const *sha256s,
                                             const guint64      *sizes,
                                             const char * const *mime_types,
                                             guint               n,
                                             guint              *added,
                                             GError            **error);

/* The statements an import runs for each record, or for each chunk of the resources it adds, whose plans the
 * tests check (the store never runs ANALYZE: without statistics a plan can go wrong as a table grows). */
/* What this library knows of a record's version (reslib-store-sync.c). */
#define RESLIB_STORE_SYNC_LOOKUP_SQL \
  "SELECT (SELECT refused FROM sync_versions " \
  "        WHERE kind = ?1 AND record_id = ?2 AND sha256 = ?3), " \
  "       (SELECT sha256 FROM sync_bases " \
  "        WHERE kind = ?1 AND record_id = ?2)"
/* The index rows of the resources a merge added while the index's triggers were out (reslib-store-batch.c). */
#define RESLIB_STORE_INDEX_ADDED_FTS_SQL \
  "INSERT INTO resource_fts (rowid, title, description, keywords, file_name, names) " \
  "SELECT r.rowid, r.title, r.description, " \
  "coalesce ((SELECT group_concat (k.keyword, ' ') FROM resource_keywords k " \
  "WHERE k.resource_id = r.id), ''), r.file_name, " \
  "(SELECT s.names FROM resource_search_names s WHERE s.rid = r.rowid) " \
  "FROM resources r WHERE r.id IN (SELECT value FROM json_each (?)) ORDER BY r.rowid"
#define RESLIB_STORE_INDEX_ADDED_BIGRAMS_SQL \
  "INSERT INTO resource_bigrams (rowid, grams) " \
  "SELECT t.rid, reslib_bigrams (t.text) FROM resource_search_text t " \
  "WHERE t.rid IN (SELECT rowid FROM resources WHERE id IN (SELECT value FROM json_each (?))) " \
  "ORDER BY t.rid"

G_END_DECLS
