/* reslib-store-import-rows.c — records written as a package brings them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "reslib-entity.h"
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
