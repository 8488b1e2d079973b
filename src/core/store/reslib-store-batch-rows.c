/* reslib-store-batch-rows.c — a batch's writes applied a chunk at a time, set-based
 *
 * reslib_resource_batch_write() checks a resource's fields and queues what it writes as one row of a
 * temporary table of the connection (temp.reslib_batch_rows: a column per field, a JSON array per list
 * field, a mask of the fields set). Every BATCH_ROWS rows, and when the batch is finished, the chunk is
 * applied with a few statements whatever its size: one UPDATE … FROM of the resources, a DELETE and
 * an INSERT … SELECT per list field replaced, one INSERT … SELECT of the audit events, and one SELECT
 * of the approved or in-review resources among them (an edit sends them back to review). The table
 * belongs to the caller's transaction: a rollback empties it too.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "reslib-entity.h"
#include "reslib-error.h"
#include "reslib-store-batch-private.h"
#include "reslib-text.h"

/* The resources written at a time. */
#define BATCH_ROWS 256

/* The resources whose index rows are brought up to date in one statement. */
#define INDEX_CHUNK 2048

/* Whether field @i of a resource has a column of its own in the table (a settable text, a choice, a
 * reference, a number), or a JSON array (a list field). */
static gboolean
is_column (const ReslibField *field)
{
  return field->type != RESLIB_FIELD_LIST && field->type != RESLIB_FIELD_TIME && field->list_table == NULL &&
         strcmp (field->name, "id") != 0;
}

/* The statement that queues one row: all the columns, those not set bound to NULL. */
static const char *
insert_sql (void)
{
  static char *sql;

  if (g_once_init_enter (&sql))
    {
      const ReslibEntity *entity = reslib_entity_get (RESLIB_KIND_RESOURCE);
      GString *columns = g_string_new ("INSERT INTO temp.reslib_batch_rows (id, detail, fmask, lmask");
      GString *params = g_string_new (" VALUES (?, ?, ?, ?");

      for (guint i = 0; i < entity->n_fields; i++)
        if (is_column (&entity->fields[i]) || entity->fields[i].type == RESLIB_FIELD_LIST)
          {
            g_string_append_printf (columns, ", %c%u", is_column (&entity->fields[i]) ? 'c' : 'l', i);
            g_string_append_printf (params, ", ?%u", i + 5);
          }
      g_string_append (columns, ")");
      g_string_append (params, ")");
      g_string_append (columns, params->str);
      g_string_free (params, TRUE);
      g_once_init_leave (&sql, g_string_free (columns, FALSE));
    }

  return sql;
}

static gboolean
ensure_table (ReslibStore  *store,
              GError      **error)
{
  static char *sql;

  if (g_once_init_enter (&sql))
    {
      const ReslibEntity *entity = reslib_entity_get (RESLIB_KIND_RESOURCE);
      GString *create = g_string_new ("CREATE TEMP TABLE IF NOT EXISTS reslib_batch_rows (seq INTEGER PRIMARY KEY, "
                                      "id TEXT NOT NULL, detail TEXT NOT NULL, fmask INTEGER NOT NULL, "
                                      "lmask INTEGER NOT NULL");

      g_assert (entity->n_fields < 64);
      for (guint i = 0; i < entity->n_fields; i++)
        if (is_column (&entity->fields[i]))
          g_string_append_printf (create, ", c%u", i);
        else if (entity->fields[i].type == RESLIB_FIELD_LIST)
          g_string_append_printf (create, ", l%u TEXT", i);
      g_string_append (create, ")");
      g_once_init_leave (&sql, g_string_free (create, FALSE));
    }

  return _reslib_store_exec_script (store, sql, error);
}

static char *
list_json (GPtrArray *values)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) gen = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_array (builder);
  for (guint i = 0; i < values->len; i++)
    json_builder_add_string_value (builder, g_ptr_array_index (values, i));
  json_builder_end_array (builder);
  root = json_builder_get_root (builder);
  json_generator_set_root (gen, root);

  return json_generator_to_data (gen, NULL);
}

gboolean
_reslib_resource_batch_queue (ReslibResourceBatch  *batch,
                              const char           *id,
                              const char * const   *fields,
                              const char * const   *values,
                              const char * const   *list_fields,
                              GPtrArray           **lists,
                              const char           *detail,
                              GError              **error)
{
  const ReslibEntity *entity = reslib_entity_get (RESLIB_KIND_RESOURCE);
  g_autoptr(ReslibStatement) insert = NULL;
  g_autoptr(GPtrArray) texts = g_ptr_array_new_with_free_func (g_free);
  guint64 fmask = 0, lmask = 0;

  /* The same resource twice in a chunk: the first write is applied before the second is queued. */
  if (g_hash_table_contains (batch->queued, id) && !_reslib_resource_batch_flush (batch, error))
    return FALSE;
  if (g_hash_table_size (batch->queued) == 0 && !ensure_table (batch->store, error))
    return FALSE;

  insert = reslib_statement_new (batch->store, insert_sql (), error);
  if (insert == NULL)
    return FALSE;
  reslib_statement_bind_text (insert, 1, id);
  reslib_statement_bind_text (insert, 2, detail);
  for (guint i = 0; fields != NULL && fields[i] != NULL; i++)
    {
      int index = reslib_entity_field_index (entity, fields[i]);

      fmask |= G_GUINT64_CONSTANT (1) << index;
      reslib_statement_bind_text (insert, index + 5, values[i] != NULL && *values[i] != '\0' ? values[i] : NULL);
    }
  for (guint i = 0; list_fields != NULL && list_fields[i] != NULL; i++)
    {
      int index = reslib_entity_field_index (entity, list_fields[i]);
      char *text = list_json (lists[i]);

      g_ptr_array_add (texts, text);
      lmask |= G_GUINT64_CONSTANT (1) << index;
      reslib_statement_bind_text (insert, index + 5, text);
    }
  reslib_statement_bind_int64 (insert, 3, (gint64) fmask);
  reslib_statement_bind_int64 (insert, 4, (gint64) lmask);
  if (!reslib_statement_execute (insert, error))
    return FALSE;
  g_hash_table_add (batch->queued, g_strdup (id));
  batch->field_mask |= fmask;
  batch->list_mask |= lmask;

  return g_hash_table_size (batch->queued) < BATCH_ROWS || _reslib_resource_batch_flush (batch, error);
}

/* The resources of the chunk: their own rows, with the fields they set. */
static gboolean
update_resources (ReslibResourceBatch  *batch,
                  guint                 n,
                  GError              **error)
{
  const ReslibEntity *entity = reslib_entity_get (RESLIB_KIND_RESOURCE);
  g_autoptr(GString) sql = g_string_new ("UPDATE resources SET updated_at = ?1");
  g_autoptr(ReslibStatement) update = NULL;
  g_autoptr(ReslibStatement) missing = NULL;

  for (guint i = 0; i < entity->n_fields; i++)
    if (batch->field_mask & (G_GUINT64_CONSTANT (1) << i))
      g_string_append_printf (sql, ", %s = iif (b.fmask & %" G_GUINT64_FORMAT ", b.c%u, resources.%s)",
                              entity->fields[i].name, G_GUINT64_CONSTANT (1) << i, i, entity->fields[i].name);
  g_string_append (sql, " FROM temp.reslib_batch_rows b WHERE resources.id = b.id AND resources.project_id = ?2");
  update = reslib_statement_new (batch->store, sql->str, error);
  if (update == NULL)
    return FALSE;
  reslib_statement_bind_text (update, 1, batch->now);
  reslib_statement_bind_text (update, 2, batch->project_id);
  if (!reslib_statement_execute (update, error))
    return FALSE;
  if (reslib_statement_get_changes (update) == n)
    return TRUE;

  /* A resource that is not there, or not in the project: the first such row is named. */
  missing = reslib_statement_new (batch->store,
                                  "SELECT b.id FROM temp.reslib_batch_rows b WHERE NOT EXISTS "
                                  "(SELECT 1 FROM resources r WHERE r.id = b.id AND r.project_id = ?) "
                                  "ORDER BY b.seq LIMIT 1", error);
  if (missing == NULL)
    return FALSE;
  reslib_statement_bind_text (missing, 1, batch->project_id);
  if (reslib_statement_step (missing, error))
    g_set_error (error, RESLIB_ERROR, RESLIB_ERROR_NOT_FOUND, _("There is no %s with the id “%s”"),
                 reslib_kind_to_display (RESLIB_KIND_RESOURCE), reslib_statement_get_text (missing, 0));
  else if (!reslib_statement_failed (missing))
    g_set_error (error, RESLIB_ERROR, RESLIB_ERROR_FAILED, _("The library's database changed other resources than "
                                                             "those written"));

  return FALSE;
}

/* The list fields the chunk replaces: emptied, then filled from the JSON arrays. */
static gboolean
write_lists (ReslibResourceBatch  *batch,
             GError              **error)
{
  const ReslibEntity *entity = reslib_entity_get (RESLIB_KIND_RESOURCE);

  for (guint i = 0; i < entity->n_fields; i++)
    {
      const ReslibField *field = &entity->fields[i];
      guint64 bit = G_GUINT64_CONSTANT (1) << i;
      g_autofree char *delete_sql = NULL, *insert_sql = NULL;

      if (!(batch->list_mask & bit))
        continue;
      delete_sql = g_strdup_printf ("DELETE FROM %s WHERE %s IN (SELECT id FROM temp.reslib_batch_rows "
                                    "WHERE lmask & %" G_GUINT64_FORMAT ")", field->list_table, field->list_key, bit);
      if (strcmp (field->name, "authors") == 0)
        insert_sql = g_strdup_printf ("INSERT INTO %s (%s, position, %s) SELECT b.id, j.key, j.value "
                                      "FROM temp.reslib_batch_rows b, json_each (b.l%u) j "
                                      "WHERE b.lmask & %" G_GUINT64_FORMAT " ORDER BY b.seq, j.key",
                                      field->list_table, field->list_key, field->list_column, i, bit);
      else
        insert_sql = g_strdup_printf ("INSERT INTO %s (%s, %s) SELECT b.id, j.value "
                                      "FROM temp.reslib_batch_rows b, json_each (b.l%u) j "
                                      "WHERE b.lmask & %" G_GUINT64_FORMAT " ORDER BY b.seq, j.key",
                                      field->list_table, field->list_key, field->list_column, i, bit);
      if (!_reslib_store_exec_script (batch->store, delete_sql, error) ||
          !_reslib_store_exec_script (batch->store, insert_sql, error))
        return FALSE;
    }

  return TRUE;
}

/* An approved resource whose metadata changed goes back to review, as with reslib_store_update(); an
 * in-review one that had passed its unit's review needs a new pass. */
static gboolean
reopen_reviews (ReslibResourceBatch  *batch,
                GError              **error)
{
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);

  {
    g_autoptr(ReslibStatement) select = NULL;

    select = reslib_statement_new (batch->store,
                                   "SELECT b.id FROM temp.reslib_batch_rows b JOIN resources r ON r.id = b.id "
                                   "WHERE r.state IN ('approved', 'in-review') ORDER BY b.seq", error);
    if (select == NULL)
      return FALSE;
    while (reslib_statement_step (select, error))
      g_ptr_array_add (ids, reslib_statement_dup_text (select, 0));
    if (reslib_statement_failed (select))
      return FALSE;
  }
  for (guint i = 0; i < ids->len; i++)
    if (!_reslib_store_reopen_review (batch->store, batch->project_id, g_ptr_array_index (ids, i), error))
      return FALSE;

  return TRUE;
}

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

gboolean
_reslib_resource_batch_flush (ReslibResourceBatch  *batch,
                              GError              **error)
{
  ReslibStore *store = batch->store;
  guint n = g_hash_table_size (batch->queued);
  g_autofree char *now = NULL;
  GHashTableIter iter;
  gpointer key;

  if (n == 0)
    return TRUE;
  now = reslib_now_iso8601 ();
  if (!update_resources (batch, n, error) || !write_lists (batch, error) ||
      !RESLIB_STORE_EXEC (store,
                          "INSERT INTO events (at, actor, project_id, subject_kind, subject_id, action, detail) "
                          "SELECT ?, ?, ?, 'resource', id, 'update', detail FROM temp.reslib_batch_rows ORDER BY seq",
                          error, now, store->actor, batch->project_id) ||
      !reopen_reviews (batch, error) ||
      !_reslib_store_exec_script (store, "DELETE FROM temp.reslib_batch_rows", error))
    return FALSE;

  g_hash_table_iter_init (&iter, batch->queued);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    _reslib_store_note_change (store, RESLIB_KIND_RESOURCE, key);
  g_hash_table_remove_all (batch->queued);
  batch->field_mask = batch->list_mask = 0;

  /* The index rows are brought up to date every INDEX_CHUNK resources, not all at the end: what
   * SQLite and FTS5 hold for one statement stays the same whatever the number of resources. A
   * resource written again later is brought up to date again. */
  batch->n_pending += n;
  if (batch->n_pending >= INDEX_CHUNK)
    {
      g_autofree char *ids = json_array_text (batch->written);

      if (batch->indexed && !_reslib_resource_batch_index_update (store, ids, error))
        return FALSE;
      g_object_unref (batch->written);
      batch->written = json_builder_new ();
      json_builder_begin_array (batch->written);
      batch->n_pending = 0;
      batch->indexed = FALSE;
    }

  return TRUE;
}
