/* reslib-store-undo.c — deleting a record so that the deletion can be undone
 *
 * Before the record is deleted, its row is copied, and so is every row the database will delete
 * with it (found through the schema's foreign keys: ON DELETE CASCADE, followed down), and every
 * reference it will clear (ON DELETE SET NULL). Undoing puts the same rows back, with the same ids,
 * in one transaction, so a unit deleted and restored has its members and declarations again and
 * its resources and budget lines point to it again.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <sqlite3.h>
#include <string.h>

#include "reslib-error.h"
#include "reslib-store-undo.h"
#include "reslib-store-private.h"

#define MAX_DEPTH 8

typedef struct
{
  char          *table;
  GPtrArray     *columns;   /* char * */
  GPtrArray     *values;    /* sqlite3_value *, as read */
  char          *id;        /* the "id" column, when the table has one */
} Row;

typedef struct
{
  char          *table;
  char          *column;
  sqlite3_value *value;     /* what the column held */
  GArray        *rowids;    /* sqlite3_int64: the rows whose column was cleared */
} Cleared;

struct _ReslibDeletion
{
  ReslibKind  kind;
  char       *id;
  char       *project_id;
  GPtrArray  *rows;         /* Row *, parents before children */
  GPtrArray  *cleared;      /* Cleared * */
};

typedef struct
{
  char *child;
  char *from;
  char *to;
  char *on_delete;
} ForeignKey;

static void
row_free (gpointer data)
{
  Row *row = data;

  g_free (row->table);
  g_ptr_array_unref (row->columns);
  g_ptr_array_unref (row->values);
  g_free (row->id);
  g_free (row);
}

static void
cleared_free (gpointer data)
{
  Cleared *cleared = data;

  g_free (cleared->table);
  g_free (cleared->column);
  sqlite3_value_free (cleared->value);
  g_array_unref (cleared->rowids);
  g_free (cleared);
}

static void
foreign_key_free (gpointer data)
{
  ForeignKey *fk = data;

  g_free (fk->child);
  g_free (fk->from);
  g_free (fk->to);
  g_free (fk->on_delete);
  g_free (fk);
}

void
reslib_deletion_free (ReslibDeletion *deletion)
{
  if (deletion == NULL)
    return;
  g_free (deletion->id);
  g_free (deletion->project_id);
  g_ptr_array_unref (deletion->rows);
  g_ptr_array_unref (deletion->cleared);
  g_free (deletion);
}

ReslibKind
reslib_deletion_get_kind (ReslibDeletion *deletion)
{
  return deletion->kind;
}

const char *
reslib_deletion_get_id (ReslibDeletion *deletion)
{
  return deletion->id;
}

static char *
quote_name (const char *name)
{
  g_autoptr(GString) out = g_string_new ("\"");

  for (const char *p = name; *p != '\0'; p++)
    {
      if (*p == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');

  return g_string_free (g_steal_pointer (&out), FALSE);
}

static sqlite3_stmt *
prepare (ReslibStore *store,
         const char  *sql,
         GError     **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_prepare_v2 (_reslib_store_get_db (store), sql, -1, &stmt, NULL);

  if (!_reslib_store_check_sqlite (store, rc, error))
    {
      sqlite3_finalize (stmt);
      return NULL;
    }

  return stmt;
}

/* Every foreign key of the database that points to @parent. */
static GPtrArray *
referencing_keys (ReslibStore *store,
                  const char  *parent,
                  GError     **error)
{
  g_autoptr(GPtrArray) keys = g_ptr_array_new_with_free_func (foreign_key_free);
  sqlite3_stmt *stmt;
  int rc;

  stmt = prepare (store,
                  "SELECT m.name, k.\"from\", k.\"to\", k.on_delete "
                  "FROM sqlite_master AS m, pragma_foreign_key_list (m.name) AS k "
                  "WHERE m.type = 'table' AND k.\"table\" = ?", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, parent, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      ForeignKey *fk = g_new0 (ForeignKey, 1);

      fk->child = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      fk->from = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      fk->to = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
      fk->on_delete = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
      g_ptr_array_add (keys, fk);
    }
  sqlite3_finalize (stmt);
  if (!_reslib_store_check_sqlite (store, rc, error))
    return NULL;

  return g_steal_pointer (&keys);
}

static gboolean snapshot_rows (ReslibStore    *store,
                               ReslibDeletion *deletion,
                               const char     *table,
                               const char     *column,
                               sqlite3_value  *value,
                               guint           depth,
                               GError        **error);

/* Notes what deleting @row will take along. */
static gboolean
snapshot_dependents (ReslibStore    *store,
                     ReslibDeletion *deletion,
                     Row            *row,
                     guint           depth,
                     GError        **error)
{
  g_autoptr(GPtrArray) keys = referencing_keys (store, row->table, error);

  if (keys == NULL)
    return FALSE;

  for (guint i = 0; i < keys->len; i++)
    {
      ForeignKey *fk = g_ptr_array_index (keys, i);
      sqlite3_value *value = NULL;

      for (guint c = 0; c < row->columns->len; c++)
        if (g_strcmp0 (g_ptr_array_index (row->columns, c), fk->to != NULL ? fk->to : "id") == 0)
          value = g_ptr_array_index (row->values, c);
      if (value == NULL || sqlite3_value_type (value) == SQLITE_NULL)
        continue;

      if (g_ascii_strcasecmp (fk->on_delete, "CASCADE") == 0)
        {
          if (!snapshot_rows (store, deletion, fk->child, fk->from, value, depth + 1, error))
            return FALSE;
        }
      else if (g_ascii_strcasecmp (fk->on_delete, "SET NULL") == 0)
        {
          g_autofree char *t = quote_name (fk->child);
          g_autofree char *c = quote_name (fk->from);
          g_autofree char *sql = g_strdup_printf ("SELECT rowid FROM %s WHERE %s = ?", t, c);
          sqlite3_stmt *stmt = prepare (store, sql, error);
          Cleared *cleared;
          int rc;

          if (stmt == NULL)
            return FALSE;
          cleared = g_new0 (Cleared, 1);
          cleared->table = g_strdup (fk->child);
          cleared->column = g_strdup (fk->from);
          cleared->value = sqlite3_value_dup (value);
          cleared->rowids = g_array_new (FALSE, FALSE, sizeof (sqlite3_int64));
          g_ptr_array_add (deletion->cleared, cleared);
          sqlite3_bind_value (stmt, 1, value);
          while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
            {
              sqlite3_int64 rowid = sqlite3_column_int64 (stmt, 0);

              g_array_append_val (cleared->rowids, rowid);
            }
          sqlite3_finalize (stmt);
          if (!_reslib_store_check_sqlite (store, rc, error))
            return FALSE;
        }
    }

  return TRUE;
}

static gboolean
snapshot_rows (ReslibStore    *store,
               ReslibDeletion *deletion,
               const char     *table,
               const char     *column,
               sqlite3_value  *value,
               guint           depth,
               GError        **error)
{
  g_autofree char *t = quote_name (table);
  g_autofree char *c = quote_name (column);
  g_autofree char *sql = g_strdup_printf ("SELECT * FROM %s WHERE %s = ?", t, c);
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();
  sqlite3_stmt *stmt;
  int rc;

  if (depth > MAX_DEPTH)
    {
      g_set_error (error, RESLIB_ERROR, RESLIB_ERROR_INVALID,
                   _("The records that depend on this one are nested too deeply to be kept for undoing"));
      return FALSE;
    }

  stmt = prepare (store, sql, error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_value (stmt, 1, value);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      Row *row = g_new0 (Row, 1);

      row->table = g_strdup (table);
      row->columns = g_ptr_array_new_with_free_func (g_free);
      row->values = g_ptr_array_new_with_free_func ((GDestroyNotify) sqlite3_value_free);
      for (int i = 0; i < sqlite3_column_count (stmt); i++)
        {
          const char *name = sqlite3_column_name (stmt, i);

          g_ptr_array_add (row->columns, g_strdup (name));
          g_ptr_array_add (row->values, sqlite3_value_dup (sqlite3_column_value (stmt, i)));
          if (strcmp (name, "id") == 0 && sqlite3_column_type (stmt, i) == SQLITE_TEXT)
            row->id = g_strdup ((const char *) sqlite3_column_text (stmt, i));
        }
      g_ptr_array_add (deletion->rows, row);
      g_ptr_array_add (rows, row);
    }
  sqlite3_finalize (stmt);
  if (!_reslib_store_check_sqlite (store, rc, error))
    return FALSE;

  for (guint i = 0; i < rows->len; i++)
    if (!snapshot_dependents (store, deletion, g_ptr_array_index (rows, i), depth, error))
      return FALSE;

  return TRUE;
}

/**
 * reslib_store_delete_undoable:
 *
 * Deletes a record like reslib_store_delete(), keeping what is needed to undo it.
 *
 * Returns: (transfer full): the deletion, for reslib_store_undo_deletion(), or %NULL with @error set
 * (and nothing deleted).
 */
ReslibDeletion *
reslib_store_delete_undoable (ReslibStore  *self,
                              ReslibKind    kind,
                              const char   *id,
                              GError      **error)
{
  const ReslibEntity *entity = reslib_entity_get (kind);
  g_autoptr(ReslibDeletion) deletion = NULL;
  sqlite3_value *key = NULL;
  sqlite3_stmt *stmt;
  gboolean ok;

  g_return_val_if_fail (RESLIB_IS_STORE (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  deletion = g_new0 (ReslibDeletion, 1);
  deletion->kind = kind;
  deletion->id = g_strdup (id);
  deletion->rows = g_ptr_array_new_with_free_func (row_free);
  deletion->cleared = g_ptr_array_new_with_free_func (cleared_free);

  if (!reslib_store_begin (self, error))
    return NULL;
  deletion->project_id = reslib_store_project_of (self, kind, id, error);
  ok = deletion->project_id != NULL;
  if (ok)
    {
      stmt = prepare (self, "SELECT ?", error);
      ok = stmt != NULL;
      if (ok)
        {
          sqlite3_bind_text (stmt, 1, id, -1, SQLITE_TRANSIENT);
          ok = _reslib_store_check_sqlite (self, sqlite3_step (stmt), error);
          if (ok)
            key = sqlite3_value_dup (sqlite3_column_value (stmt, 0));
          sqlite3_finalize (stmt);
        }
    }
  ok = ok && snapshot_rows (self, deletion, entity->table, "id", key, 0, error);
  sqlite3_value_free (key);
  ok = ok && reslib_store_delete (self, kind, id, error);
  if (!ok)
    {
      reslib_store_rollback (self);
      return NULL;
    }
  if (!reslib_store_commit (self, error))
    return NULL;

  return g_steal_pointer (&deletion);
}

static gboolean
kind_of_table (const char *table,
               ReslibKind *kind)
{
  for (guint k = 0; k < RESLIB_N_KINDS; k++)
    if (g_strcmp0 (reslib_entity_get (k)->table, table) == 0)
      {
        *kind = k;
        return TRUE;
      }

  return FALSE;
}

static gboolean
restore (ReslibStore    *self,
         ReslibDeletion *deletion,
         GError        **error)
{
  for (guint i = 0; i < deletion->rows->len; i++)
    {
      Row *row = g_ptr_array_index (deletion->rows, i);
      g_autofree char *t = quote_name (row->table);
      g_autoptr(GString) sql = g_string_new (NULL);
      sqlite3_stmt *stmt;
      ReslibKind kind;
      int rc;

      g_string_append_printf (sql, "INSERT INTO %s (", t);
      for (guint c = 0; c < row->columns->len; c++)
        {
          g_autofree char *name = quote_name (g_ptr_array_index (row->columns, c));

          g_string_append_printf (sql, "%s%s", c > 0 ? ", " : "", name);
        }
      g_string_append (sql, ") VALUES (");
      for (guint c = 0; c < row->columns->len; c++)
        g_string_append (sql, c > 0 ? ", ?" : "?");
      g_string_append (sql, ")");

      stmt = prepare (self, sql->str, error);
      if (stmt == NULL)
        return FALSE;
      for (guint c = 0; c < row->values->len; c++)
        sqlite3_bind_value (stmt, (int) c + 1, g_ptr_array_index (row->values, c));
      rc = sqlite3_step (stmt);
      sqlite3_finalize (stmt);
      if (rc != SQLITE_DONE)
        {
          if ((rc & 0xff) == SQLITE_CONSTRAINT)
            {
              g_debug ("Cannot put back a row of %s: %s", row->table, sqlite3_errmsg (_reslib_store_get_db (self)));
              g_set_error_literal (error, RESLIB_ERROR, RESLIB_ERROR_INVALID,
                                   _("The deleted records cannot be put back: the store has changed since"));
              return FALSE;
            }
          return _reslib_store_check_sqlite (self, rc, error);
        }
      if (kind_of_table (row->table, &kind))
        reslib_store_notify_changed (self, kind, row->id);
    }

  for (guint i = 0; i < deletion->cleared->len; i++)
    {
      Cleared *cleared = g_ptr_array_index (deletion->cleared, i);
      g_autofree char *t = quote_name (cleared->table);
      g_autofree char *c = quote_name (cleared->column);
      g_autofree char *sql = g_strdup_printf ("UPDATE %s SET %s = ? WHERE rowid = ? AND %s IS NULL", t, c, c);
      sqlite3_stmt *stmt = prepare (self, sql, error);
      ReslibKind kind;

      if (stmt == NULL)
        return FALSE;
      for (guint r = 0; r < cleared->rowids->len; r++)
        {
          int rc;

          sqlite3_reset (stmt);
          sqlite3_bind_value (stmt, 1, cleared->value);
          sqlite3_bind_int64 (stmt, 2, g_array_index (cleared->rowids, sqlite3_int64, r));
          rc = sqlite3_step (stmt);
          if (rc != SQLITE_DONE)
            {
              sqlite3_finalize (stmt);
              return _reslib_store_check_sqlite (self, rc, error);
            }
        }
      sqlite3_finalize (stmt);
      if (cleared->rowids->len > 0 && kind_of_table (cleared->table, &kind))
        reslib_store_notify_changed (self, kind, NULL);
    }

  return reslib_store_log_event (self, deletion->project_id, deletion->kind, deletion->id, "restore", NULL, error);
}

/**
 * reslib_store_undo_deletion:
 *
 * Puts back what @deletion deleted, with the same ids, in one transaction.
 *
 * Returns: %FALSE with @error set when it cannot (e.g. the project was deleted since); nothing is
 * changed then.
 */
gboolean
reslib_store_undo_deletion (ReslibStore     *self,
                            ReslibDeletion  *deletion,
                            GError         **error)
{
  g_return_val_if_fail (RESLIB_IS_STORE (self), FALSE);
  g_return_val_if_fail (deletion != NULL, FALSE);

  if (!reslib_store_begin (self, error))
    return FALSE;
  if (!restore (self, deletion, error))
    {
      reslib_store_rollback (self);
      return FALSE;
    }

  return reslib_store_commit (self, error);
}
