/* reslib-store-import-rows.c — records written as a package brings them, one or many rows to a statement
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "reslib-entity.h"
#include "reslib-store-import-rows.h"
#include "reslib-store-private.h"

/* ---------------------------------------------------------------------------------------------- */
/* Rows as a package brings them: no checks, timestamps kept, no audit events; the caller is in a   */
/* transaction (package import)                                                                    */

/* Runs @sql with @values (of char *, NULL for none) bound in order. */
gboolean
_reslib_store_exec_bound (ReslibStore *store,
                          const char  *sql,
                          GPtrArray   *values,
                          GError     **error)
{
  /* The same few statements for every record of a package: prepared once, from the store's cache. */
  g_autoptr(ReslibStatement) stmt = reslib_statement_new (store, sql, error);

  if (stmt == NULL)
    return FALSE;
  for (guint i = 0; values != NULL && i < values->len; i++)
    reslib_statement_bind_text (stmt, (int) i + 1, g_ptr_array_index (values, i));

  return reslib_statement_execute (stmt, error);
}

gboolean
_reslib_store_import_is_column (const ReslibField *field)
{
  return field->type != RESLIB_FIELD_LIST && field->list_table == NULL;
}

char *
_reslib_store_import_project_of (ReslibStore *store,
                                 ReslibKind   kind,
                                 const char  *id,
                                 GError     **error)
{
  const ReslibEntity *entity = reslib_entity_get (kind);
  g_autofree char *sql = g_strdup_printf ("SELECT %s FROM %s WHERE id = ?",
                                          kind == RESLIB_KIND_PROJECT ? "id" : "project_id", entity->table);
  g_autoptr(ReslibStatement) stmt = reslib_statement_new (store, sql, error);

  if (stmt == NULL)
    return NULL;
  reslib_statement_bind_text (stmt, 1, id);
  if (!reslib_statement_step (stmt, error))
    return NULL;

  return reslib_statement_dup_text (stmt, 0);
}

gboolean
_reslib_store_import_row (ReslibStore *store,
                          ReslibKind   kind,
                          GPtrArray   *values,
                          gboolean     insert,
                          GError     **error)
{
  const ReslibEntity *entity = reslib_entity_get (kind);
  g_autoptr(GString) sql = g_string_new (NULL);
  g_autoptr(GPtrArray) bound = g_ptr_array_new ();
  const char *id = g_ptr_array_index (values, 0);
  guint c = 0;

  if (insert)
    {
      g_autoptr(GString) marks = g_string_new (NULL);

      g_string_append_printf (sql, "INSERT INTO %s (", entity->table);
      for (guint f = 0; f < entity->n_fields; f++)
        {
          const ReslibField *field = &entity->fields[f];
          const char *value;

          if (!_reslib_store_import_is_column (field))
            continue;
          value = g_ptr_array_index (values, c++);
          /* No value for a field the database fills in: leave it to the default. */
          if (value == NULL && (field->flags & RESLIB_FIELD_DEFAULTED))
            continue;
          g_string_append_printf (sql, "%s%s", bound->len > 0 ? ", " : "", field->name);
          g_string_append (marks, bound->len > 0 ? ", ?" : "?");
          g_ptr_array_add (bound, (gpointer) value);
        }
      g_string_append_printf (sql, ") VALUES (%s)", marks->str);
    }
  else
    {
      g_string_append_printf (sql, "UPDATE %s SET ", entity->table);
      for (guint f = 0; f < entity->n_fields; f++)
        {
          const ReslibField *field = &entity->fields[f];
          const char *value;

          if (!_reslib_store_import_is_column (field))
            continue;
          value = g_ptr_array_index (values, c++);
          if (f == 0 || (value == NULL && (field->flags & RESLIB_FIELD_DEFAULTED)))
            continue;
          g_string_append_printf (sql, "%s%s = ?", bound->len > 0 ? ", " : "", field->name);
          g_ptr_array_add (bound, (gpointer) value);
        }
      g_string_append (sql, " WHERE id = ?");
      g_ptr_array_add (bound, (gpointer) id);
    }

  return _reslib_store_exec_bound (store, sql->str, bound, error);
}

/* ---------------------------------------------------------------------------------------------- */
/* The rows a package adds, many to a statement                                                   */

/* The columns @values gives the database: all but the defaulted ones it leaves NULL. */
static guint64
columns_of (const ReslibEntity *entity,
            GPtrArray          *values)
{
  guint64 columns = 0;
  guint c = 0;

  for (guint f = 0; f < entity->n_fields; f++)
    {
      const ReslibField *field = &entity->fields[f];

      if (!_reslib_store_import_is_column (field))
        continue;
      if (g_ptr_array_index (values, c) != NULL || !(field->flags & RESLIB_FIELD_DEFAULTED))
        columns |= G_GUINT64_CONSTANT (1) << c;
      c++;
    }

  return columns;
}

char *
_reslib_store_import_rows_sql (ReslibKind kind,
                               guint64    columns,
                               guint      n)
{
  const ReslibEntity *entity = reslib_entity_get (kind);
  g_autoptr(GString) sql = g_string_new (NULL);
  g_autoptr(GString) marks = g_string_new ("(");
  guint c = 0;
  guint bound = 0;

  g_string_append_printf (sql, "INSERT INTO %s (", entity->table);
  for (guint f = 0; f < entity->n_fields; f++)
    {
      const ReslibField *field = &entity->fields[f];

      if (!_reslib_store_import_is_column (field))
        continue;
      if (columns & (G_GUINT64_CONSTANT (1) << c))
        {
          g_string_append_printf (sql, "%s%s", bound > 0 ? ", " : "", field->name);
          g_string_append (marks, bound > 0 ? ", ?" : "?");
          bound++;
        }
      c++;
    }
  g_string_append_c (marks, ')');
  g_string_append (sql, ") VALUES ");
  for (guint r = 0; r < n; r++)
    {
      if (r > 0)
        g_string_append (sql, ", ");
      g_string_append (sql, marks->str);
    }

  return g_string_free (g_steal_pointer (&sql), FALSE);
}

/* Binds the values of @row's columns in @columns from parameter @first on; returns the next parameter. */
static int
bind_row (ReslibStatement *stmt,
          int              first,
          GPtrArray       *row,
          guint64          columns)
{
  for (guint c = 0; c < row->len; c++)
    if (columns & (G_GUINT64_CONSTANT (1) << c))
      reslib_statement_bind_text (stmt, first++, g_ptr_array_index (row, c));

  return first;
}

/* Writes @rows[@from, @from + @n) one statement; on failure, finds the row that breaks a rule. */
static gboolean
insert_run (ReslibStore  *store,
            ReslibKind    kind,
            GPtrArray    *rows,
            guint         from,
            guint         n,
            guint64       columns,
            guint        *failed,
            GError      **error)
{
  g_autofree char *sql = _reslib_store_import_rows_sql (kind, columns, n);
  g_autoptr(ReslibStatement) stmt = NULL;
  g_autoptr(GError) run_error = NULL;
  int next = 1;

  /* Full runs recur with the same text: from the store's cache. A shorter one ends a batch. */
  stmt = n == RESLIB_STORE_IMPORT_ROWS_MAX ? reslib_statement_new (store, sql, error)
                                           : reslib_statement_new_once (store, sql, error);
  if (stmt == NULL)
    return FALSE;
  for (guint r = from; r < from + n; r++)
    next = bind_row (stmt, next, g_ptr_array_index (rows, r), columns);
  if (reslib_statement_execute (stmt, &run_error))
    return TRUE;

  /* The failed statement wrote nothing: its rows one at a time name the one at fault, and are taken back. */
  g_clear_pointer (&stmt, reslib_statement_free);
  if (!_reslib_store_exec_script (store, "SAVEPOINT reslib_import_rows", error))
    return FALSE;
  for (guint r = from; r < from + n && *failed == G_MAXUINT; r++)
    if (!_reslib_store_import_row (store, kind, g_ptr_array_index (rows, r), TRUE, error))
      *failed = r;
  if (!_reslib_store_exec_script (store, "ROLLBACK TO reslib_import_rows; RELEASE reslib_import_rows",
                                  *failed == G_MAXUINT ? error : NULL))
    return FALSE;
  if (*failed == G_MAXUINT)
    g_propagate_error (error, g_steal_pointer (&run_error));

  return FALSE;
}

gboolean
_reslib_store_import_rows (ReslibStore  *store,
                           ReslibKind    kind,
                           GPtrArray    *rows,
                           guint        *failed,
                           GError      **error)
{
  const ReslibEntity *entity = reslib_entity_get (kind);
  guint from = 0;

  *failed = G_MAXUINT;
  while (from < rows->len)
    {
      guint64 columns = columns_of (entity, g_ptr_array_index (rows, from));
      guint n = 1;

      while (from + n < rows->len && n < RESLIB_STORE_IMPORT_ROWS_MAX &&
             columns_of (entity, g_ptr_array_index (rows, from + n)) == columns)
        n++;
      if (!insert_run (store, kind, rows, from, n, columns, failed, error))
        return FALSE;
      from += n;
    }

  return TRUE;
}

gboolean
_reslib_store_add_blobs (ReslibStore        *store,
                         const char * const *sha256s,
                         const guint64      *sizes,
                         const char * const *mime_types,
                         guint               n,
                         guint              *added,
                         GError            **error)
{
  g_autofree char *now = reslib_now_iso8601 ();

  *added = 0;
  for (guint from = 0; from < n; from += RESLIB_STORE_IMPORT_ROWS_MAX)
    {
      guint run_n = MIN (n - from, RESLIB_STORE_IMPORT_ROWS_MAX);
      g_autoptr(GString) sql = g_string_new ("INSERT INTO blobs (sha256, size, mime_type, created_at) VALUES ");
      g_autoptr(ReslibStatement) stmt = NULL;

      for (guint r = 0; r < run_n; r++)
        g_string_append_printf (sql, "%s(?%u, ?%u, ?%u, ?1)", r > 0 ? ", " : "", 2 + 3 * r, 3 + 3 * r, 4 + 3 * r);
      g_string_append (sql, " ON CONFLICT (sha256) DO NOTHING");
      /* Full runs recur with the same text: from the store's cache. A shorter one ends a batch. */
      stmt = run_n == RESLIB_STORE_IMPORT_ROWS_MAX ? reslib_statement_new (store, sql->str, error)
                                                   : reslib_statement_new_once (store, sql->str, error);
      if (stmt == NULL)
        return FALSE;
      reslib_statement_bind_text (stmt, 1, now);
      for (guint r = 0; r < run_n; r++)
        {
          reslib_statement_bind_text (stmt, (int) (2 + 3 * r), sha256s[from + r]);
          reslib_statement_bind_int64 (stmt, (int) (3 + 3 * r), (gint64) sizes[from + r]);
          reslib_statement_bind_text (stmt, (int) (4 + 3 * r), mime_types[from + r]);
        }
      if (!reslib_statement_execute (stmt, error))
        return FALSE;
      *added += reslib_statement_get_changes (stmt);
    }

  return TRUE;
}
