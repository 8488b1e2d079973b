/* reslib-store-batch.c — many resources' fields written in the caller's transaction, fast
 *
 * What reslib_store_update() and reslib_store_set_list() do for one resource each, for thousands in
 * one transaction (a spreadsheet's rows): the same checks (settable fields, values, references within
 * the project), but no re-read of the record, one timestamp for the batch, and one audit event per
 * resource with all it changed. The checks are made as each resource is written; the writes are
 * queued and applied a chunk of resources at a time, with a few statements for all of them
 * (reslib-store-batch-rows.c). The caller keeps the undo step (reslib_store_keep_fields(), one
 * statement for all the records) and owns the transaction.
 *
 * The search indexes (FTS5) are what costs: their triggers rewrite a resource's index rows once per
 * field and per keyword written, and FTS5 writes its pending terms out at the end of every statement.
 * So the batch takes those triggers out for the time of its writes (inside the caller's transaction:
 * a rollback puts them back too) and writes the index rows of the resources it wrote once, one
 * statement per index for every 2,048 resources (so that memory does not grow with them) and
 * for the rest when it is finished, then puts the triggers back as the schema has them — when it
 * wrote anything the indexes hold (a licence or a type alone leaves them as they are). Resources it inserts
 * (a folder's files) get their index rows the same way: the insert trigger is out from the first insert,
 * and the rows of all the new resources are made at the end, in two statements.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "reslib-entity.h"
#include "reslib-error.h"
#include "reslib-statement.h"
#include "reslib-store-batch-private.h"
#include "reslib-store-import-rows.h"
#include "reslib-text.h"


/* The page cache of the connection while a batch writes, in KiB (see _reslib_store_cache_raise()). */
#define BATCH_CACHE_KIB 16384

/* The triggers that keep resource_fts and resource_bigrams up to date when a resource's fields and
 * lists change (0008-search-names.sql); inserts and deletes of resources, and renames of units,
 * courses and nodes, keep theirs. */
static const char * const index_triggers[] = {
  "resources_fts_update",
  "resource_keywords_insert", "resource_keywords_delete",
  "resource_authors_insert_fts", "resource_authors_update_fts", "resource_authors_delete_fts",
  "resource_nodes_insert_fts", "resource_nodes_delete_fts",
  NULL,
};
/* The trigger that makes the index rows of a new resource (0008-search-names.sql). */
static const char * const insert_triggers[] = { "resources_fts_insert", NULL };
/* Takes the triggers @names out (inside the caller's transaction); returns their SQL. */
static GPtrArray *
suspend_triggers (ReslibStore         *store,
                  const char * const  *names,
                  GPtrArray           *triggers,
                  GError             **error)
{
  for (guint i = 0; names[i] != NULL; i++)
    {
      g_autofree char *sql = _reslib_store_query_text (store, "SELECT sql FROM sqlite_master WHERE type = 'trigger' "
                                                              "AND name = ?", (const char * const[]) { names[i],
                                                                                                       NULL }, error);
      g_autofree char *drop = NULL;

      if (sql == NULL)
        {
          if (error != NULL && *error == NULL)
            g_set_error (error, RESLIB_ERROR, RESLIB_ERROR_CORRUPT,
                         _("The library's database lacks its search index trigger “%s”: restore it from a backup"),
                         names[i]);
          return NULL;
        }
      drop = g_strdup_printf ("DROP TRIGGER %s", names[i]);
      if (!_reslib_store_exec_script (store, drop, error))
        return NULL;
      g_ptr_array_add (triggers, g_steal_pointer (&sql));
    }

  return triggers;
}

/* Takes the index triggers out (inside the caller's transaction); returns their SQL for
 * _reslib_store_index_resume(). */
GPtrArray *
_reslib_store_index_suspend (ReslibStore  *store,
                             GError      **error)
{
  g_autoptr(GPtrArray) triggers = g_ptr_array_new_with_free_func (g_free);

  g_return_val_if_fail (store->depth > 0, NULL);

  if (suspend_triggers (store, index_triggers, triggers, error) == NULL)
    return NULL;

  return g_steal_pointer (&triggers);
}

/* As _reslib_store_index_suspend(), and the trigger that indexes a new resource too, for writes that
 * add resources (a package's merge); returns their SQL for _reslib_store_index_resume_added(). */
GPtrArray *
_reslib_store_index_suspend_added (ReslibStore  *store,
                                   GError      **error)
{
  g_autoptr(GPtrArray) triggers = g_ptr_array_new_with_free_func (g_free);

  g_return_val_if_fail (store->depth > 0, NULL);

  if (suspend_triggers (store, index_triggers, triggers, error) == NULL ||
      suspend_triggers (store, insert_triggers, triggers, error) == NULL)
    return NULL;

  return g_steal_pointer (&triggers);
}

/* Whether the search indexes hold the resource field @name (or what it refers to). */
gboolean
_reslib_store_field_is_indexed (const char *name)
{
  static const char * const indexed[] = {
    "title", "description", "file_name", "unit_id", "authors", "keywords", "nodes", NULL,
  };

  return g_strv_contains (indexed, name);
}

/* Brings the index rows of the resources @ids (a JSON array) up to date, while the triggers are out. */
gboolean
_reslib_resource_batch_index_update (ReslibStore  *store,
                                     const char   *ids,
                                     GError      **error)
{
  /* What the triggers would have written, once per resource and index: FTS5 rewrites a row whole
   * (the old terms out, the new in) whichever of its columns changes, so each row is written once
   * with all its columns, and the index writes its terms out at the end of the statement, not of
   * each row.
   *
   * The text of the resources (their fields, keywords and names: the views resource_search_names
   * and resource_search_text) is put together once, in a temporary table of the connection, for
   * both indexes: the bigram index holds the same text as the trigram index's columns, joined as
   * resource_search_text joins them.
   *
   * A row whose text is what the index holds already (in the tables' %_content shadow tables) is
   * not written: FTS5 would tokenize its old text and its new one for nothing (a row of a sheet that
   * changed a licence beside rows that changed titles, a title written again as it was). The rows
   * are written in the order of their rowids: FTS5 writes its pending terms out whenever a rowid is
   * lower than the one before, so an order by id would make a segment of a few rows each time. */
  return _reslib_store_exec_script (store,
                                    "CREATE TEMP TABLE IF NOT EXISTS reslib_index_rows (rid INTEGER PRIMARY KEY, "
                                    "title TEXT, description TEXT, keywords TEXT, file_name TEXT, names TEXT); "
                                    "DELETE FROM temp.reslib_index_rows", error) &&
         RESLIB_STORE_EXEC (store,
                            "INSERT INTO temp.reslib_index_rows (rid, title, description, keywords, file_name, names) "
                            "SELECT r.rowid, r.title, r.description, "
                            "       coalesce ((SELECT group_concat (k.keyword, ' ') FROM resource_keywords k "
                            "                  WHERE k.resource_id = r.id), ''), "
                            "       r.file_name, (SELECT s.names FROM resource_search_names s WHERE s.rid = r.rowid) "
                            "  FROM resources r WHERE r.id IN (SELECT value FROM json_each (?))",
                            error, ids) &&
         _reslib_store_exec_script (store,
                                    "INSERT OR REPLACE INTO resource_fts (rowid, title, description, keywords, file_name, names) "
                                    "SELECT n.rid, n.title, n.description, n.keywords, n.file_name, n.names "
                                    "  FROM temp.reslib_index_rows n JOIN resource_fts_content c ON c.id = n.rid "
                                    " WHERE (c.c0, c.c1, c.c2, c.c3, c.c4) IS NOT "
                                    "       (n.title, n.description, n.keywords, n.file_name, n.names) "
                                    " ORDER BY n.rid; "
                                    "INSERT OR REPLACE INTO resource_bigrams (rowid, grams) "
                                    "SELECT g.rid, g.grams "
                                    "  FROM (SELECT n.rid, reslib_bigrams (n.title || ' ' || coalesce (n.description, '') || ' ' || "
                                    "                                     n.file_name || ' ' || n.keywords || ' ' || n.names) AS grams "
                                    "          FROM temp.reslib_index_rows n) g "
                                    "  JOIN resource_bigrams_content c ON c.id = g.rid "
                                    " WHERE c.c0 IS NOT g.grams ORDER BY g.rid; "
                                    "DELETE FROM temp.reslib_index_rows",
                                    error);
}

/* Puts the triggers back and brings the index rows of the resources @ids (a JSON array, or %NULL
 * for none) up to date. */
gboolean
_reslib_store_index_resume (ReslibStore  *store,
                            GPtrArray    *triggers,
                            const char   *ids,
                            GError      **error)
{
  for (guint i = 0; i < triggers->len; i++)
    if (!_reslib_store_exec_script (store, g_ptr_array_index (triggers, i), error))
      return FALSE;

  return ids == NULL || _reslib_resource_batch_index_update (store, ids, error);
}

/* Makes the index rows of the resources @added (a JSON array of ids), inserted while the insert trigger was
 * out: what the trigger would have written, with their lists as they are now. */
static gboolean
index_added (ReslibStore  *store,
             const char   *added,
             GError      **error)
{
  return RESLIB_STORE_EXEC (store, RESLIB_STORE_INDEX_ADDED_FTS_SQL, error, added) &&
         RESLIB_STORE_EXEC (store, RESLIB_STORE_INDEX_ADDED_BIGRAMS_SQL, error, added);
}

/* Puts the triggers of _reslib_store_index_suspend_added() back and makes the index rows of the
 * resources @added (a JSON array: resources inserted meanwhile, which have none yet) and brings those
 * of @changed (a JSON array of resources that had them) up to date, fields, keywords and names; either
 * may be %NULL. The rows are what the triggers would have left.
 *
 * With @added %NULL, the resources inserted meanwhile are found here: those after the last one the index
 * holds (a new resource's rowid is above every rowid before it). A resource left without index rows is
 * never found by a search, not even after an edit: the update triggers only rewrite rows there are. */
gboolean
_reslib_store_index_resume_added (ReslibStore  *store,
                                  GPtrArray    *triggers,
                                  const char   *added,
                                  const char   *changed,
                                  GError      **error)
{
  g_autofree char *found = NULL;

  if (!_reslib_store_index_resume (store, triggers, changed, error))
    return FALSE;

  if (added == NULL)
    {
      found = _reslib_store_query_text (store,
                                        "SELECT json_group_array (id) FROM resources "
                                        "WHERE rowid > (SELECT coalesce (max (id), 0) FROM resource_fts_content)",
                                        NULL, error);
      if (found == NULL)
        return FALSE;
      added = found;
    }

  return index_added (store, added, error);
}

/**
 * reslib_resource_batch_new:
 * @store: a store inside a write transaction of the caller's (reslib_store_begin())
 * @project_id: the project whose resources are written; others are refused
 * @error: return location for a #GError, or %NULL
 *
 * Starts a batch: write resources with reslib_resource_batch_write(), then end it with
 * reslib_resource_batch_finish() before the transaction is committed (a rollback needs no finish).
 *
 * Returns: (transfer full): a batch, or %NULL with @error set
 */
ReslibResourceBatch *
reslib_resource_batch_new (ReslibStore  *store,
                           const char   *project_id,
                           GError      **error)
{
  g_autoptr(ReslibResourceBatch) batch = NULL;

  g_return_val_if_fail (RESLIB_IS_STORE (store), NULL);
  g_return_val_if_fail (project_id != NULL, NULL);
  g_return_val_if_fail (store->depth > 0, NULL);

  batch = g_new0 (ReslibResourceBatch, 1);
  batch->store = g_object_ref (store);
  batch->project_id = g_strdup (project_id);
  batch->now = reslib_now_iso8601 ();
  batch->in_project = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  batch->written = json_builder_new ();
  json_builder_begin_array (batch->written);
  batch->inserted = json_builder_new ();
  json_builder_begin_array (batch->inserted);
  batch->queued = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  batch->cache = _reslib_store_cache_raise (store, BATCH_CACHE_KIB);

  batch->triggers = _reslib_store_index_suspend (store, error);
  if (batch->triggers == NULL)
    return NULL;

  return g_steal_pointer (&batch);
}

/* Ends @builder's array and returns it as JSON text. */
static char *
json_array_text (JsonBuilder *builder)
{
  g_autoptr(JsonGenerator) gen = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_end_array (builder);
  root = json_builder_get_root (builder);
  json_generator_set_root (gen, root);

  return json_generator_to_data (gen, NULL);
}

/**
 * reslib_resource_batch_finish:
 * @batch: a batch
 * @error: return location for a #GError, or %NULL
 *
 * Puts the search index's triggers back and updates the index rows of the resources written and
 * inserted. Call it before the transaction is committed.
 *
 * Returns: %TRUE, or %FALSE with @error set (then roll the transaction back)
 */
gboolean
reslib_resource_batch_finish (ReslibResourceBatch  *batch,
                              GError              **error)
{
  g_autofree char *ids = NULL;
  g_autofree char *new_ids = NULL;

  g_return_val_if_fail (batch != NULL && !batch->finished, FALSE);

  if (!_reslib_resource_batch_flush (batch, error))
    return FALSE;
  batch->finished = TRUE;
  ids = json_array_text (batch->written);
  new_ids = json_array_text (batch->inserted);

  return _reslib_store_index_resume (batch->store, batch->triggers,
                                     batch->n_pending > 0 && batch->indexed ? ids : NULL, error) &&
         (batch->n_inserted == 0 || index_added (batch->store, new_ids, error));
}

/**
 * reslib_resource_batch_free:
 */
void
reslib_resource_batch_free (ReslibResourceBatch *batch)
{
  if (batch == NULL)
    return;
  _reslib_store_cache_restore (batch->store, batch->cache);
  g_object_unref (batch->store);
  g_free (batch->project_id);
  g_free (batch->now);
  g_hash_table_unref (batch->in_project);
  g_clear_pointer (&batch->triggers, g_ptr_array_unref);
  g_object_unref (batch->written);
  g_object_unref (batch->inserted);
  g_hash_table_unref (batch->queued);
  g_free (batch);
}

/**
 * reslib_resource_batch_get_n_written:
 *
 * Returns: how many resources the batch has written
 */
guint
reslib_resource_batch_get_n_written (ReslibResourceBatch *batch)
{
  g_return_val_if_fail (batch != NULL, 0);

  return batch->n_written;
}

/* A referenced unit or node must be one of the project's (looked up once per batch). */
static gboolean
check_reference (ReslibResourceBatch  *batch,
                 const ReslibField    *field,
                 const char           *value,
                 GError              **error)
{
  g_autofree char *key = g_strdup_printf ("%d:%s", field->ref_kind, value);
  g_autofree char *owner = NULL;
  g_autoptr(GError) local_error = NULL;

  if (g_hash_table_contains (batch->in_project, key))
    return TRUE;
  owner = reslib_store_project_of (batch->store, field->ref_kind, value, &local_error);
  if (owner == NULL)
    {
      if (g_error_matches (local_error, RESLIB_ERROR, RESLIB_ERROR_NOT_FOUND))
        g_set_error (error, RESLIB_ERROR, RESLIB_ERROR_NOT_FOUND, _("The %s “%s” given as %s does not exist"),
                     reslib_kind_to_display (field->ref_kind), value, field->name);
      else
        g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (g_strcmp0 (owner, batch->project_id) != 0)
    {
      g_set_error (error, RESLIB_ERROR, RESLIB_ERROR_INVALID, _("The %s “%s” belongs to another project"),
                   reslib_kind_to_display (field->ref_kind), value);
      return FALSE;
    }
  g_hash_table_add (batch->in_project, g_steal_pointer (&key));

  return TRUE;
}

static const ReslibField *
settable_field (const char  *name,
                gboolean     list,
                GError     **error)
{
  const ReslibEntity *entity = reslib_entity_get (RESLIB_KIND_RESOURCE);
  const ReslibField *field = reslib_entity_find_field (entity, name);

  if (field == NULL || !(field->flags & RESLIB_FIELD_SETTABLE) || field->type == RESLIB_FIELD_TIME ||
      strcmp (field->name, "id") == 0 || (field->type == RESLIB_FIELD_LIST) != list ||
      (!list && field->list_table != NULL))
    {
      g_set_error (error, RESLIB_ERROR, RESLIB_ERROR_INVALID, _("The field “%s” of a %s cannot be set directly"),
                   name, reslib_kind_to_display (RESLIB_KIND_RESOURCE));
      return NULL;
    }

  return field;
}

/* The values of a list field as they are written (blanks and repeats dropped, references checked);
 * adds them to @detail. */
static GPtrArray *
clean_list (ReslibResourceBatch  *batch,
            const ReslibField    *field,
            const char * const   *values,
            JsonBuilder          *detail,
            GError              **error)
{
  g_autoptr(GPtrArray) clean = g_ptr_array_new_with_free_func (g_free);

  batch->indexed = batch->indexed || _reslib_store_field_is_indexed (field->name);
  for (guint i = 0; values != NULL && values[i] != NULL; i++)
    {
      g_autofree char *v = g_strstrip (g_strdup (values[i]));

      if (*v == '\0')
        continue;
      if (!g_utf8_validate (v, -1, NULL))
        {
          g_set_error (error, RESLIB_ERROR, RESLIB_ERROR_INVALID, _("The value for “%s” is not valid UTF-8 text"),
                       field->name);
          return NULL;
        }
      if (field->ref_kind == RESLIB_KIND_NODE && !check_reference (batch, field, v, error))
        return NULL;
      if (!g_ptr_array_find_with_equal_func (clean, v, g_str_equal, NULL))
        g_ptr_array_add (clean, g_steal_pointer (&v));
    }
  json_builder_set_member_name (detail, field->name);
  json_builder_begin_array (detail);
  for (guint i = 0; i < clean->len; i++)
    json_builder_add_string_value (detail, g_ptr_array_index (clean, i));
  json_builder_end_array (detail);

  return g_steal_pointer (&clean);
}

/**
 * reslib_resource_batch_write:
 * @batch: a batch
 * @id: a resource of the batch's project
 * @fields: (array zero-terminated=1) (nullable): settable fields that are not lists
 * @values: one value per field ("" or %NULL clears it)
 * @list_fields: (array zero-terminated=1) (nullable): list fields: "authors", "keywords", "nodes"
 * @lists: one list per list field, replacing what the resource has (blanks and repeats dropped)
 * @error: return location for a #GError, or %NULL
 *
 * Writes the fields of one resource with the checks of reslib_store_update() and
 * reslib_store_set_list(), and notes one audit event for all of them. The write is applied with the
 * chunk of resources it joins, at the latest by reslib_resource_batch_finish(): a resource that is
 * not in the batch's project fails the call that applies it. On an error the caller rolls its
 * transaction back.
 *
 * Returns: %TRUE, or %FALSE with @error set
 */
gboolean
reslib_resource_batch_write (ReslibResourceBatch  *batch,
                             const char           *id,
                             const char * const   *fields,
                             const char * const   *values,
                             const char * const   *list_fields,
                             const char * const  **lists,
                             GError              **error)
{
  const ReslibEntity *entity = reslib_entity_get (RESLIB_KIND_RESOURCE);
  g_autoptr(JsonBuilder) detail = json_builder_new ();
  g_autoptr(JsonGenerator) gen = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GPtrArray) clean = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  g_autofree char *text = NULL;

  g_return_val_if_fail (batch != NULL && id != NULL, FALSE);
  g_return_val_if_fail (!batch->finished, FALSE);

  json_builder_begin_object (detail);
  for (guint n = 0; fields != NULL && fields[n] != NULL; n++)
    {
      const ReslibField *field = settable_field (fields[n], FALSE, error);
      const char *value = values[n] != NULL && *values[n] != '\0' ? values[n] : NULL;

      if (field == NULL || !reslib_field_check_value (entity, field, values[n], error))
        return FALSE;
      if (field->type == RESLIB_FIELD_REF && value != NULL && !check_reference (batch, field, value, error))
        return FALSE;
      batch->indexed = batch->indexed || _reslib_store_field_is_indexed (field->name);
      json_builder_set_member_name (detail, field->name);
      if (value != NULL)
        json_builder_add_string_value (detail, value);
      else
        json_builder_add_null_value (detail);
    }
  for (guint i = 0; list_fields != NULL && list_fields[i] != NULL; i++)
    {
      const ReslibField *field = settable_field (list_fields[i], TRUE, error);
      GPtrArray *list = field != NULL ? clean_list (batch, field, lists[i], detail, error) : NULL;

      if (list == NULL)
        return FALSE;
      g_ptr_array_add (clean, list);
    }
  json_builder_end_object (detail);
  root = json_builder_get_root (detail);
  json_generator_set_root (gen, root);
  text = json_generator_to_data (gen, NULL);

  /* Written with the chunk it joins (reslib-store-batch-rows.c): whether the resource is in the
   * project is checked then, and a failure then fails the batch. */
  if (!_reslib_resource_batch_queue (batch, id, fields, values, list_fields, (GPtrArray **) clean->pdata, text,
                                     error))
    return FALSE;
  json_builder_add_string_value (batch->written, id);
  batch->n_written++;

  return TRUE;
}

/**
 * reslib_resource_batch_insert:
 * @batch: a batch
 * @fields: (array zero-terminated=1): fields of the new resource (not "project_id": the batch's)
 * @values: one value per field
 * @error: return location for a #GError, or %NULL
 *
 * Inserts a resource of the batch's project with the checks and the audit event of
 * reslib_store_insert(); its search index rows are made by reslib_resource_batch_finish(), with the
 * lists set on it in the meantime (reslib_store_set_list()).
 *
 * Returns: (transfer full): the new resource's id, or %NULL with @error set (then roll the
 *   transaction back)
 */
char *
reslib_resource_batch_insert (ReslibResourceBatch  *batch,
                              const char * const   *fields,
                              const char * const   *values,
                              GError              **error)
{
  g_autoptr(GPtrArray) all_fields = g_ptr_array_new ();
  g_autoptr(GPtrArray) all_values = g_ptr_array_new ();
  char *id;

  g_return_val_if_fail (batch != NULL && fields != NULL && values != NULL, NULL);
  g_return_val_if_fail (!batch->finished, NULL);

  /* The writes queued go first, in the order they were made. */
  if (!_reslib_resource_batch_flush (batch, error))
    return NULL;
  /* From the first insert on, the new resources' index rows wait for the end. */
  if (batch->n_inserted == 0 && suspend_triggers (batch->store, insert_triggers, batch->triggers, error) == NULL)
    return NULL;

  g_ptr_array_add (all_fields, (gpointer) "project_id");
  g_ptr_array_add (all_values, batch->project_id);
  for (guint i = 0; fields[i] != NULL; i++)
    {
      g_ptr_array_add (all_fields, (gpointer) fields[i]);
      g_ptr_array_add (all_values, (gpointer) values[i]);
    }
  g_ptr_array_add (all_fields, NULL);
  g_ptr_array_add (all_values, NULL);

  id = _reslib_store_insert_record (batch->store, RESLIB_KIND_RESOURCE, (const char * const *) all_fields->pdata,
                                    (const char * const *) all_values->pdata, error);
  if (id == NULL)
    return NULL;
  json_builder_add_string_value (batch->inserted, id);
  batch->n_inserted++;

  return id;
}

/**
 * reslib_store_resource_file_names:
 * @store: a store
 * @project_id: a project
 * @error: return location for a #GError, or %NULL
 *
 * The project's resources by their file name, for matching rows that name a file: one statement,
 * no record read.
 *
 * Returns: (transfer full) (element-type utf8 utf8): file name → the id of the one resource with
 *   it, or "" when several resources have it; %NULL with @error set
 */
GHashTable *
reslib_store_resource_file_names (ReslibStore  *store,
                                  const char   *project_id,
                                  GError      **error)
{
  g_autoptr(GHashTable) names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(ReslibStatement) stmt = NULL;

  g_return_val_if_fail (RESLIB_IS_STORE (store), NULL);
  g_return_val_if_fail (project_id != NULL, NULL);

  stmt = reslib_statement_new (store,
                               "SELECT file_name, min (id), count (*) FROM resources "
                               "WHERE project_id = ? AND file_name IS NOT NULL AND file_name != '' GROUP BY file_name",
                               error);
  if (stmt == NULL)
    return NULL;
  reslib_statement_bind_text (stmt, 1, project_id);
  while (reslib_statement_step (stmt, error))
    g_hash_table_insert (names, reslib_statement_dup_text (stmt, 0),
                         reslib_statement_get_int64 (stmt, 2) > 1 ? g_strdup ("") : reslib_statement_dup_text (stmt, 1));
  if (reslib_statement_failed (stmt))
    return NULL;

  return g_steal_pointer (&names);
}
