/* reslib-store-resource-rows.h — light rows of a project's resources, for long lists
 *
 * A #ReslibResourceRow holds only what a list of resources shows (title, type,
 * state, file name, size, first author, last change) so that 100,000 of them
 * load fast and stay small. The full record is read with reslib_store_get().
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "reslib-store.h"

G_BEGIN_DECLS

#define RESLIB_TYPE_RESOURCE_ROW (reslib_resource_row_get_type ())
G_DECLARE_FINAL_TYPE (ReslibResourceRow, reslib_resource_row, RESLIB, RESOURCE_ROW, GObject)

const char *reslib_resource_row_get_id         (ReslibResourceRow *self);
gint64      reslib_resource_row_get_rowid      (ReslibResourceRow *self);
const char *reslib_resource_row_get_title      (ReslibResourceRow *self);
/* type and state are interned strings */
const char *reslib_resource_row_get_kind       (ReslibResourceRow *self);
const char *reslib_resource_row_get_state      (ReslibResourceRow *self);
const char *reslib_resource_row_get_file_name  (ReslibResourceRow *self);
gint64      reslib_resource_row_get_size       (ReslibResourceRow *self);
const char *reslib_resource_row_get_author     (ReslibResourceRow *self);
const char *reslib_resource_row_get_updated_at (ReslibResourceRow *self);
/* The reviewer's note of a rejected resource, NULL in other states or without one. */
const char *reslib_resource_row_get_review_note (ReslibResourceRow *self);
/* A new row with the values of @self. */
ReslibResourceRow *reslib_resource_row_copy    (ReslibResourceRow *self);
/* Copies the values of @from (the same resource read again, or another one) and notifies the changed
 * ones. The string returned by reslib_resource_row_get_id () before is freed. */
void        reslib_resource_row_update_from    (ReslibResourceRow *self,
                                                ReslibResourceRow *from);

/* The #ReslibResourceRow of the project, in the order of reslib_store_list(). */
GPtrArray         *reslib_store_list_resource_rows    (ReslibStore         *store,
                                                       const char          *project_id,
                                                       GError             **error);
/* The rowids (gint64) of the project's rows in the order of reslib_store_list_resource_rows(), read from an
 * index without the rows; then the rows of a part of them (NULL for one no longer there). Both may run in a
 * worker on a connection of its own. */
GArray            *reslib_store_list_resource_rowids  (ReslibStore         *store,
                                                       const char          *project_id,
                                                       GCancellable        *cancellable,
                                                       GError             **error);
/* What a column sorts by (reslib_store_list_resource_rowids_where()). */
typedef enum
{
  RESLIB_RESOURCE_SORT_NONE,       /* the list's order: oldest first */
  RESLIB_RESOURCE_SORT_TITLE,
  RESLIB_RESOURCE_SORT_TYPE,       /* by the type's label in the user's language */
  RESLIB_RESOURCE_SORT_STATE,      /* by the state's label in the user's language */
  RESLIB_RESOURCE_SORT_FILE_NAME,
  RESLIB_RESOURCE_SORT_SIZE,
  RESLIB_RESOURCE_SORT_AUTHOR,
  RESLIB_RESOURCE_SORT_MODIFIED,
} ReslibResourceSort;

/* Which resources of a project and in what order: each filter %NULL for all. */
typedef struct
{
  const char        *type;
  const char        *state;
  const char        *course_id;   /* linked to a node of this course */
  ReslibResourceSort sort;
  gboolean           descending;
  const char * const *ids;        /* only these resources, by id (another page named them) */
} ReslibResourceQuery;

/* The same, of the resources that pass @query's filters, in its order. */
GArray            *reslib_store_list_resource_rowids_where (ReslibStore               *store,
                                                            const char                *project_id,
                                                            const ReslibResourceQuery *query,
                                                            GCancellable              *cancellable,
                                                            GError                   **error);
/* The ids of resources by rowid (those still in the store, in that order). */
GStrv              reslib_store_resource_ids_of_rowids (ReslibStore        *store,
                                                        const gint64       *rowids,
                                                        guint               n_rowids,
                                                        GError            **error);
GPtrArray         *reslib_store_get_resource_rows     (ReslibStore         *store,
                                                       const gint64        *rowids,
                                                       guint                n_rowids,
                                                       GError             **error);
/* The row of one resource, or %NULL with %RESLIB_ERROR_NOT_FOUND. */
ReslibResourceRow *reslib_store_get_resource_row      (ReslibStore         *store,
                                                       const char          *id,
                                                       GError             **error);
/* The rowids (GINT_TO_POINTER) of the project's resources that reslib_store_search()
 * would return for @query, without reading the records. May run in a worker on a
 * connection of its own (reslib_store_reopen()); stops early when @cancellable is. */
GHashTable        *reslib_store_search_resource_rowids (ReslibStore        *store,
                                                        const char         *project_id,
                                                        const char         *query,
                                                        GCancellable       *cancellable,
                                                        GError            **error);
/* The rowids (GINT_TO_POINTER) of the resources linked to a node of @course_id. */
GHashTable        *reslib_store_course_resource_rowids (ReslibStore        *store,
                                                        const char         *course_id,
                                                        GError            **error);
/* Sets @fields to @values (%NULL clears) on every resource of @ids, in one transaction:
 * all or nothing. The list field "nodes" adds the nodes (ids separated by commas) to each resource's nodes,
 * "authors" and "keywords" replace the list (values separated by commas). */
gboolean           reslib_store_update_resources      (ReslibStore         *store,
                                                       const char * const  *ids,
                                                       const char * const  *fields,
                                                       const char * const  *values,
                                                       GError             **error);

G_END_DECLS
