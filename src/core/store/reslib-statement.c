/* reslib-statement.c — a prepared SQLite statement of a store: bind, step, read columns, with GError
 *
 * A statement is prepared once per connection and kept in the store's cache, keyed by its SQL text;
 * reslib_statement_free() gives it back, reset and with its bindings cleared, so a g_autoptr is all a
 * caller needs. When the cached statement is still in use further up the stack (a function that reads
 * rows calls one that runs the same SQL), a second one is prepared for the inner caller and finalized
 * when it is freed.
 *
 * Binding never fails on its own: the first failed bind (an index or name the SQL does not have, a
 * value too large) is kept and reported by the next step. Errors come in the store's words (see
 * _reslib_store_set_sqlite_error()), which tell the user what to do; SQLite's own text goes to the
 * debug log.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <sqlite3.h>

#include "reslib-statement.h"
#include "reslib-store-private.h"

struct _ReslibStatement
{
  ReslibStore  *store;     /* not owned: a statement lives within a call on its store */
  sqlite3_stmt *stmt;
  int           bind_rc;   /* the first failed bind, reported by the next step */
  guint         cached : 1;
  guint         in_use : 1;
  guint         failed : 1;  /* the last step failed */
};

static ReslibStatement *
prepare (ReslibStore *store,
         const char  *sql,
         gboolean     cached,
         GError     **error)
{
  sqlite3_stmt *stmt = NULL;
  ReslibStatement *self;
  int rc;

  rc = sqlite3_prepare_v3 (store->db, sql, -1, cached ? SQLITE_PREPARE_PERSISTENT : 0, &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      sqlite3_finalize (stmt);
      _reslib_store_set_sqlite_error (store, rc, error);
      return NULL;
    }

  self = g_new0 (ReslibStatement, 1);
  self->store = store;
  self->stmt = stmt;
  self->cached = cached;
  self->in_use = TRUE;

  return self;
}

/**
 * reslib_statement_new:
 * @store: the connection to run the statement on
 * @sql: one SQL statement, with `?`, `?N` or `:name` parameters
 *
 * Prepares @sql on @store's connection, or takes it from the connection's cache.
 *
 * Returns: (transfer full): the statement, with no values bound; %NULL with @error set when
 *   @sql cannot be prepared.
 */
ReslibStatement *
reslib_statement_new (ReslibStore *store,
                      const char  *sql,
                      GError     **error)
{
  ReslibStatement *self;

  g_return_val_if_fail (RESLIB_IS_STORE (store), NULL);
  g_return_val_if_fail (sql != NULL, NULL);

  self = g_hash_table_lookup (store->statements, sql);
  if (self != NULL && !self->in_use)
    {
      self->in_use = TRUE;
      return self;
    }
  if (self != NULL)
    return prepare (store, sql, FALSE, error);

  self = prepare (store, sql, TRUE, error);
  if (self != NULL)
    g_hash_table_insert (store->statements, g_strdup (sql), self);

  return self;
}

/**
 * reslib_statement_new_once:
 *
 * As reslib_statement_new(), for SQL that is run once (a pragma, a script's part): the statement
 * is not cached, and reslib_statement_free() finalizes it.
 *
 * Returns: (transfer full): the statement, or %NULL with @error set.
 */
ReslibStatement *
reslib_statement_new_once (ReslibStore *store,
                           const char  *sql,
                           GError     **error)
{
  g_return_val_if_fail (RESLIB_IS_STORE (store), NULL);
  g_return_val_if_fail (sql != NULL, NULL);

  return prepare (store, sql, FALSE, error);
}

/**
 * reslib_statement_reset:
 *
 * Makes the statement ready to be run again: resets it and clears its bindings.
 */
void
reslib_statement_reset (ReslibStatement *self)
{
  g_return_if_fail (self != NULL);

  sqlite3_reset (self->stmt);
  sqlite3_clear_bindings (self->stmt);
  self->bind_rc = SQLITE_OK;
  self->failed = FALSE;
}

/**
 * reslib_statement_free:
 *
 * Gives a cached statement back to its store's cache, reset, or finalizes one that is not cached.
 */
void
reslib_statement_free (ReslibStatement *self)
{
  if (self == NULL)
    return;

  if (self->cached)
    {
      reslib_statement_reset (self);
      self->in_use = FALSE;
      return;
    }
  sqlite3_finalize (self->stmt);
  g_free (self);
}

/* The destroy function of the store's cache. */
void
_reslib_statement_destroy (ReslibStatement *self)
{
  g_assert (self->cached);
  g_warn_if_fail (!self->in_use);

  sqlite3_finalize (self->stmt);
  g_free (self);
}

/* The cached statement's sqlite3_stmt, for the store's files that still step it themselves. */
sqlite3_stmt *
_reslib_statement_get_stmt (ReslibStatement *self)
{
  return self->stmt;
}

/* ---------------------------------------------------------------------------------------------- */
/* Binding                                                                                         */

static void
note_bind (ReslibStatement *self,
           int              rc)
{
  if (rc != SQLITE_OK && self->bind_rc == SQLITE_OK)
    self->bind_rc = rc;
}

/**
 * reslib_statement_bind_text:
 * @index: the parameter, from 1
 * @value: (nullable): the text (copied), or %NULL for SQL NULL
 */
void
reslib_statement_bind_text (ReslibStatement *self,
                            int              index,
                            const char      *value)
{
  g_return_if_fail (self != NULL);

  if (value == NULL)
    note_bind (self, sqlite3_bind_null (self->stmt, index));
  else
    note_bind (self, sqlite3_bind_text (self->stmt, index, value, -1, SQLITE_TRANSIENT));
}

/**
 * reslib_statement_bind_int64:
 * @index: the parameter, from 1
 *
 * Binds an integer. A failed bind is reported by the next step.
 */
void
reslib_statement_bind_int64 (ReslibStatement *self,
                             int              index,
                             gint64           value)
{
  g_return_if_fail (self != NULL);

  note_bind (self, sqlite3_bind_int64 (self->stmt, index, value));
}

/**
 * reslib_statement_bind_double:
 * @index: the parameter, from 1
 *
 * Binds a real number. A failed bind is reported by the next step.
 */
void
reslib_statement_bind_double (ReslibStatement *self,
                              int              index,
                              double           value)
{
  g_return_if_fail (self != NULL);

  note_bind (self, sqlite3_bind_double (self->stmt, index, value));
}

/**
 * reslib_statement_bind_null:
 * @index: the parameter, from 1
 *
 * Binds SQL NULL. A failed bind is reported by the next step.
 */
void
reslib_statement_bind_null (ReslibStatement *self,
                            int              index)
{
  g_return_if_fail (self != NULL);

  note_bind (self, sqlite3_bind_null (self->stmt, index));
}

/**
 * reslib_statement_bind_blob:
 * @data: (array length=size) (nullable): the bytes (copied); %NULL for SQL NULL
 */
void
reslib_statement_bind_blob (ReslibStatement *self,
                            int              index,
                            gconstpointer    data,
                            gsize            size)
{
  g_return_if_fail (self != NULL);

  if (data == NULL)
    note_bind (self, sqlite3_bind_null (self->stmt, index));
  else
    note_bind (self, sqlite3_bind_blob64 (self->stmt, index, data, size, SQLITE_TRANSIENT));
}

/**
 * reslib_statement_bind_texts:
 * @first_index: the parameter the first value goes to
 * @values: (nullable) (array zero-terminated=1): the values, bound as text to consecutive parameters
 */
void
reslib_statement_bind_texts (ReslibStatement    *self,
                             int                 first_index,
                             const char * const *values)
{
  g_return_if_fail (self != NULL);

  for (int i = 0; values != NULL && values[i] != NULL; i++)
    reslib_statement_bind_text (self, first_index + i, values[i]);
}

/**
 * reslib_statement_bind_index:
 * @name: a parameter's name with its prefix, e.g. ":id"
 *
 * Returns: the parameter's index, or 0 when the SQL has no such parameter (binding to 0 fails
 *   at the next step).
 */
int
reslib_statement_bind_index (ReslibStatement *self,
                             const char      *name)
{
  g_return_val_if_fail (self != NULL, 0);
  g_return_val_if_fail (name != NULL, 0);

  return sqlite3_bind_parameter_index (self->stmt, name);
}

/**
 * reslib_statement_bind_text_named:
 * @name: the parameter's name with its prefix, e.g. ":id"
 * @value: (nullable): the text (copied), or %NULL for SQL NULL
 *
 * As reslib_statement_bind_text(); a name the SQL does not have fails at the next step.
 */
void
reslib_statement_bind_text_named (ReslibStatement *self,
                                  const char      *name,
                                  const char      *value)
{
  reslib_statement_bind_text (self, reslib_statement_bind_index (self, name), value);
}

/**
 * reslib_statement_bind_int64_named:
 * @name: the parameter's name with its prefix
 *
 * As reslib_statement_bind_int64(); a name the SQL does not have fails at the next step.
 */
void
reslib_statement_bind_int64_named (ReslibStatement *self,
                                   const char      *name,
                                   gint64           value)
{
  reslib_statement_bind_int64 (self, reslib_statement_bind_index (self, name), value);
}

/**
 * reslib_statement_bind_double_named:
 * @name: the parameter's name with its prefix
 *
 * As reslib_statement_bind_double(); a name the SQL does not have fails at the next step.
 */
void
reslib_statement_bind_double_named (ReslibStatement *self,
                                    const char      *name,
                                    double           value)
{
  reslib_statement_bind_double (self, reslib_statement_bind_index (self, name), value);
}

/**
 * reslib_statement_bind_null_named:
 * @name: the parameter's name with its prefix
 *
 * As reslib_statement_bind_null(); a name the SQL does not have fails at the next step.
 */
void
reslib_statement_bind_null_named (ReslibStatement *self,
                                  const char      *name)
{
  reslib_statement_bind_null (self, reslib_statement_bind_index (self, name));
}

/**
 * reslib_statement_bind_blob_named:
 * @name: the parameter's name with its prefix
 * @data: (array length=size) (nullable): the bytes (copied); %NULL for SQL NULL
 *
 * As reslib_statement_bind_blob(); a name the SQL does not have fails at the next step.
 */
void
reslib_statement_bind_blob_named (ReslibStatement *self,
                                  const char      *name,
                                  gconstpointer    data,
                                  gsize            size)
{
  reslib_statement_bind_blob (self, reslib_statement_bind_index (self, name), data, size);
}

/* ---------------------------------------------------------------------------------------------- */
/* Running                                                                                         */

/**
 * reslib_statement_step:
 *
 * Runs the statement to its next row.
 *
 * Returns: %TRUE when there is a row to read; %FALSE when the statement is done, or failed with
 *   @error set (a failed bind before it included).
 */
gboolean
reslib_statement_step (ReslibStatement *self,
                       GError         **error)
{
  int rc;

  g_return_val_if_fail (self != NULL, FALSE);

  self->failed = FALSE;
  rc = self->bind_rc != SQLITE_OK ? self->bind_rc : sqlite3_step (self->stmt);
  if (rc == SQLITE_ROW)
    return TRUE;
  if (rc == SQLITE_DONE)
    return FALSE;
  self->failed = TRUE;

  return _reslib_store_set_sqlite_error (self->store, rc, error);
}

/**
 * reslib_statement_failed:
 *
 * Tells a step that returned %FALSE because it failed from one that found no more rows, for
 * callers that pass their caller's @error on:
 * |[<!-- language="C" -->
 * while (reslib_statement_step (stmt, error))
 *   g_ptr_array_add (ids, reslib_statement_dup_text (stmt, 0));
 * if (reslib_statement_failed (stmt))
 *   return NULL;
 * ]|
 *
 * Returns: %TRUE when the last step failed (and set its error).
 */
gboolean
reslib_statement_failed (ReslibStatement *self)
{
  g_return_val_if_fail (self != NULL, TRUE);

  return self->failed;
}

/**
 * reslib_statement_execute:
 *
 * Runs a statement that changes rows, or whose first row is not wanted.
 *
 * Returns: %TRUE when it ran, %FALSE with @error set when it failed.
 */
gboolean
reslib_statement_execute (ReslibStatement *self,
                          GError         **error)
{
  g_return_val_if_fail (self != NULL, FALSE);

  reslib_statement_step (self, error);

  return !self->failed;
}

/**
 * reslib_statement_get_changes:
 *
 * Returns: how many rows the statement's last run inserted, changed or deleted.
 */
guint
reslib_statement_get_changes (ReslibStatement *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return (guint) sqlite3_changes64 (self->store->db);
}

/* ---------------------------------------------------------------------------------------------- */
/* Reading a row                                                                                   */

/**
 * reslib_statement_get_n_columns:
 *
 * Returns: how many columns the statement's rows have
 */
int
reslib_statement_get_n_columns (ReslibStatement *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return sqlite3_column_count (self->stmt);
}

/**
 * reslib_statement_is_null:
 * @column: the column, from 0
 *
 * Returns: whether the current row holds SQL NULL in @column
 */
gboolean
reslib_statement_is_null (ReslibStatement *self,
                          int              column)
{
  g_return_val_if_fail (self != NULL, TRUE);

  return sqlite3_column_type (self->stmt, column) == SQLITE_NULL;
}

/**
 * reslib_statement_get_text:
 *
 * Returns: (nullable) (transfer none): the column's value as UTF-8 text, valid until the next
 *   step, reset or free; %NULL for SQL NULL.
 */
const char *
reslib_statement_get_text (ReslibStatement *self,
                           int              column)
{
  g_return_val_if_fail (self != NULL, NULL);

  return (const char *) sqlite3_column_text (self->stmt, column);
}

/**
 * reslib_statement_dup_text:
 *
 * Returns: (nullable) (transfer full): a copy of the column's text; %NULL for SQL NULL.
 */
char *
reslib_statement_dup_text (ReslibStatement *self,
                           int              column)
{
  return g_strdup (reslib_statement_get_text (self, column));
}

/**
 * reslib_statement_get_int64:
 * @column: the column, from 0
 *
 * Returns: the column's value as an integer (0 for SQL NULL)
 */
gint64
reslib_statement_get_int64 (ReslibStatement *self,
                            int              column)
{
  g_return_val_if_fail (self != NULL, 0);

  return sqlite3_column_int64 (self->stmt, column);
}

/**
 * reslib_statement_get_double:
 * @column: the column, from 0
 *
 * Returns: the column's value as a real number (0 for SQL NULL)
 */
double
reslib_statement_get_double (ReslibStatement *self,
                             int              column)
{
  g_return_val_if_fail (self != NULL, 0.0);

  return sqlite3_column_double (self->stmt, column);
}

/**
 * reslib_statement_get_blob:
 * @size: (out): the number of bytes
 *
 * Returns: (nullable) (transfer none): the column's bytes, valid until the next step, reset or
 *   free; %NULL for SQL NULL or an empty blob.
 */
gconstpointer
reslib_statement_get_blob (ReslibStatement *self,
                           int              column,
                           gsize           *size)
{
  gconstpointer data;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (size != NULL, NULL);

  data = sqlite3_column_blob (self->stmt, column);
  *size = (gsize) sqlite3_column_bytes (self->stmt, column);

  return data;
}
