/* reslib-store-sheet.c — what a spreadsheet import asks of the store row by row
 *
 * A sheet of any length is read in memory that does not grow with its rows: its rows are compared a
 * chunk at a time with what the resources hold, read in one statement per chunk; a row naming a file is
 * matched through the index on resources (project_id, file_name) (0013-file-names.sql), not a table
 * of the project's file names, and the resources the rows are about are noted in a temporary table
 * of the connection (a second row about the same resource is an error), not in memory. The temporary
 * table belongs to the caller's transaction when there is one: a rollback empties it too.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <json-glib/json-glib.h>

#include "reslib-statement.h"
#include "reslib-store-private.h"
#include "reslib-store-sheet.h"

/**
 * reslib_store_resource_by_file_name:
 * @store: a store
 * @project_id: a project
 * @file_name: a file name (its last component)
 * @several: (out): set to %TRUE when more than one resource of the project has the file name
 * @error: return location for a #GError, or %NULL
 *
 * The resource of the project whose file has the name @file_name: one indexed lookup.
 *
 * Returns: (transfer full) (nullable): its id; %NULL when none (or several, with @several set) has
 *   it, or with @error set
 */
char *
reslib_store_resource_by_file_name (ReslibStore  *store,
                                    const char   *project_id,
                                    const char   *file_name,
                                    gboolean     *several,
                                    GError      **error)
{
  g_autoptr(ReslibStatement) stmt = NULL;
  char *id = NULL;

  g_return_val_if_fail (RESLIB_IS_STORE (store), NULL);
  g_return_val_if_fail (project_id != NULL && file_name != NULL && several != NULL, NULL);

  *several = FALSE;
  stmt = reslib_statement_new (store, "SELECT id FROM resources WHERE project_id = ? AND file_name = ? LIMIT 2",
                               error);
  if (stmt == NULL)
    return NULL;
  reslib_statement_bind_text (stmt, 1, project_id);
  reslib_statement_bind_text (stmt, 2, file_name);
  while (reslib_statement_step (stmt, error))
    {
      if (id != NULL)
        {
          *several = TRUE;
          g_clear_pointer (&id, g_free);
          break;
        }
      id = reslib_statement_dup_text (stmt, 0);
    }
  if (reslib_statement_failed (stmt))
    g_clear_pointer (&id, g_free);

  return id;
}

/**
 * reslib_store_seen_clear:
 * @store: a store
 * @error: return location for a #GError, or %NULL
 *
 * Starts a new set of the keys seen (reslib_store_seen_add()) on @store's connection.
 *
 * Returns: %TRUE, or %FALSE with @error set
 */
gboolean
reslib_store_seen_clear (ReslibStore  *store,
                         GError      **error)
{
  g_autoptr(ReslibStatement) create = NULL;
  g_autoptr(ReslibStatement) clear = NULL;

  g_return_val_if_fail (RESLIB_IS_STORE (store), FALSE);

  create = reslib_statement_new_once (store, "CREATE TEMP TABLE IF NOT EXISTS reslib_seen "
                                             "(key TEXT PRIMARY KEY, row INTEGER NOT NULL) WITHOUT ROWID", error);
  if (create == NULL || !reslib_statement_execute (create, error))
    return FALSE;
  clear = reslib_statement_new (store, "DELETE FROM temp.reslib_seen", error);

  return clear != NULL && reslib_statement_execute (clear, error);
}

/**
 * reslib_store_seen_add:
 * @store: a store, after reslib_store_seen_clear()
 * @key: what a row is about (a resource's id)
 * @row: the row's number
 * @other_row: (out): when @key was seen before: the row that had it
 * @error: return location for a #GError, or %NULL
 *
 * Notes that row @row is about @key, unless a row before it was.
 *
 * Returns: %TRUE when @key is new (noted now); %FALSE when it was seen before (@other_row set) or
 *   with @error set
 */
gboolean
reslib_store_seen_add (ReslibStore  *store,
                       const char   *key,
                       guint         row,
                       guint        *other_row,
                       GError      **error)
{
  g_autoptr(ReslibStatement) insert = NULL;
  g_autoptr(ReslibStatement) select = NULL;

  g_return_val_if_fail (RESLIB_IS_STORE (store), FALSE);
  g_return_val_if_fail (key != NULL && other_row != NULL, FALSE);

  *other_row = 0;
  insert = reslib_statement_new (store, "INSERT INTO temp.reslib_seen (key, row) VALUES (?, ?) "
                                        "ON CONFLICT (key) DO NOTHING", error);
  if (insert == NULL)
    return FALSE;
  reslib_statement_bind_text (insert, 1, key);
  reslib_statement_bind_int64 (insert, 2, row);
  if (!reslib_statement_execute (insert, error))
    return FALSE;
  if (reslib_statement_get_changes (insert) > 0)
    return TRUE;

  select = reslib_statement_new (store, "SELECT row FROM temp.reslib_seen WHERE key = ?", error);
  if (select == NULL)
    return FALSE;
  reslib_statement_bind_text (select, 1, key);
  if (reslib_statement_step (select, error))
    *other_row = (guint) reslib_statement_get_int64 (select, 0);

  return FALSE;
}

/**
 * reslib_store_sheet_resources:
 * @store: a store
 * @project_id: a project
 * @ids: (array zero-terminated=1): resources' ids
 * @fields: (array zero-terminated=1): the fields to read (of a resource: its own columns and lists)
 * @error: return location for a #GError, or %NULL
 *
 * The fields @fields of the resources @ids that are in the project, in one statement for all of them:
 * what a chunk of a sheet's rows is compared with. The records hold only their id and @fields.
 *
 * Returns: (transfer full) (element-type utf8 ReslibRecord): id → record, without the ids that are not
 *   resources of the project; %NULL with @error set
 */
GHashTable *
reslib_store_sheet_resources (ReslibStore         *store,
                              const char          *project_id,
                              const char * const  *ids,
                              const char * const  *fields,
                              GError             **error)
{
  const ReslibEntity *entity = reslib_entity_get (RESLIB_KIND_RESOURCE);
  g_autoptr(GHashTable) found = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_object_unref);
  g_autoptr(GString) sql = g_string_new ("SELECT t.id");
  g_autoptr(GArray) indexes = g_array_new (FALSE, FALSE, sizeof (int));
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) gen = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(ReslibStatement) stmt = NULL;
  g_autofree char *ids_json = NULL;
  int id_index = reslib_entity_field_index (entity, "id");

  g_return_val_if_fail (RESLIB_IS_STORE (store), NULL);
  g_return_val_if_fail (project_id != NULL && ids != NULL && fields != NULL, NULL);

  for (guint f = 0; fields[f] != NULL; f++)
    {
      int index = reslib_entity_field_index (entity, fields[f]);

      g_return_val_if_fail (index >= 0, NULL);
      g_string_append (sql, ", ");
      _reslib_store_append_field_sql (sql, &entity->fields[index]);
      g_array_append_val (indexes, index);
    }
  /* The ids first, each looked up by the primary key (not the project's resources scanned by the
   * index on project_id for every chunk). */
  g_string_append (sql, " FROM json_each (?2) j CROSS JOIN resources t ON t.id = j.value WHERE t.project_id = ?1");

  json_builder_begin_array (builder);
  for (guint i = 0; ids[i] != NULL; i++)
    json_builder_add_string_value (builder, ids[i]);
  json_builder_end_array (builder);
  root = json_builder_get_root (builder);
  json_generator_set_root (gen, root);
  ids_json = json_generator_to_data (gen, NULL);

  stmt = reslib_statement_new (store, sql->str, error);
  if (stmt == NULL)
    return NULL;
  reslib_statement_bind_text (stmt, 1, project_id);
  reslib_statement_bind_text (stmt, 2, ids_json);
  while (reslib_statement_step (stmt, error))
    {
      ReslibRecord *record = _reslib_record_new (RESLIB_KIND_RESOURCE);

      _reslib_record_take_value (record, id_index, reslib_statement_dup_text (stmt, 0));
      for (guint f = 0; f < indexes->len; f++)
        {
          int index = g_array_index (indexes, int, f);
          const char *text = reslib_statement_get_text (stmt, (int) f + 1);

          if (entity->fields[index].type == RESLIB_FIELD_LIST)
            _reslib_record_take_list (record, index, text != NULL ? g_strsplit (text, "\x1f", -1) : NULL);
          else
            _reslib_record_take_value (record, index, g_strdup (text));
        }
      g_hash_table_replace (found, (gpointer) reslib_record_get_id (record), record);
    }
  if (reslib_statement_failed (stmt))
    return NULL;

  return g_steal_pointer (&found);
}

/**
 * reslib_store_sheet_has_resource:
 * @store: a store
 * @project_id: a project
 * @id: a resource's id, as a row gives it
 * @error: return location for a #GError, or %NULL
 *
 * Returns: whether the project has a resource with the id @id (one lookup by its primary key); %FALSE
 *   also with @error set
 */
gboolean
reslib_store_sheet_has_resource (ReslibStore  *store,
                                 const char   *project_id,
                                 const char   *id,
                                 GError      **error)
{
  g_autoptr(ReslibStatement) stmt = NULL;

  g_return_val_if_fail (RESLIB_IS_STORE (store), FALSE);
  g_return_val_if_fail (project_id != NULL && id != NULL, FALSE);

  stmt = reslib_statement_new (store, "SELECT 1 FROM resources WHERE id = ? AND project_id = ?", error);
  if (stmt == NULL)
    return FALSE;
  reslib_statement_bind_text (stmt, 1, id);
  reslib_statement_bind_text (stmt, 2, project_id);

  return reslib_statement_step (stmt, error);
}
