/* reslib-store-import.h — the store's write path for package import: rows as they come, timestamps kept
 *
 * For core modules only (reslib-package-import.c): these write raw rows, without the checks, the
 * timestamps and the audit events of reslib_store_insert/update; the caller is in a transaction.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "reslib-store.h"

G_BEGIN_DECLS

/* Whether @field is a column of its table (not a list kept in a table of its own). */
gboolean  _reslib_store_import_is_column      (const ReslibField  *field);

/* The project a record of the store belongs to (the id itself for a project), or NULL when there is
 * no such record (then @error is set only when reading failed). */
char     *_reslib_store_import_project_of     (ReslibStore        *store,
                                               ReslibKind          kind,
                                               const char         *id,
                                               GError            **error);

/* Writes one row of @kind: @values (of char *, NULL for none) are the values of the entity's columns in
 * the order of its fields (the id first). A NULL value of a defaulted field is left to the database's
 * default (insert) or unchanged (update). */
gboolean  _reslib_store_import_row            (ReslibStore        *store,
                                               ReslibKind          kind,
                                               GPtrArray          *values,
                                               gboolean            insert,
                                               GError            **error);

/* Sets the values of the list @field (RESLIB_FIELD_LIST of resources) of @resource_id: @replace the ones
 * it has, or add to none (a resource just inserted). */
gboolean  _reslib_store_import_list           (ReslibStore        *store,
                                               const char         *resource_id,
                                               const ReslibField  *field,
                                               const char * const *values,
                                               gboolean            replace,
                                               GError            **error);

/* Foreign keys are checked at commit rather than at each row (records arrive in any order). */
gboolean  _reslib_store_import_defer_foreign_keys (ReslibStore    *store,
                                                   GError        **error);

G_END_DECLS
