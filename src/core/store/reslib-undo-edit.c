/* reslib-undo-edit.c — edits that can be undone: the fields' values before, written back on undo
 *
 * An edit copies the edited fields of each record (the rows of a list field: authors, keywords,
 * nodes), and its updated_at (a resource's review state too), before it writes the new values;
 * undoing writes the copies back.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <sqlite3.h>
#include <string.h>

#include "reslib-error.h"
#include "reslib-store-batch-private.h"
#include "reslib-store-resource-rows.h"
#include "reslib-undo-step-private.h"

/* Editing                                                                                         */

/* The ids as a JSON array, for "IN (SELECT value FROM json_each (?))": one statement for all of them. */
static char *
ids_json (const char * const *ids)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) gen = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_array (builder);
  for (guint i = 0; ids[i] != NULL; i++)
    json_builder_add_string_value (builder, ids[i]);
  json_builder_end_array (builder);
  root = json_builder_get_root (builder);
  json_generator_set_root (gen, root);

  return json_generator_to_data (gen, NULL);
}

/* Copies the fields @step->fields of the records @step->ids, and their updated_at: one statement for
 * the records and one per list field, whatever the number of records. The records' rows come first,
 * then the lists' rows; writing them back empties the lists of each record, then fills them. */
static gboolean
copy_fields (ReslibStore     *self,
             ReslibUndoStep  *step,
             GError         **error)
{
  const ReslibEntity *entity = reslib_entity_get (step->kind);
  g_autoptr(GString) sql = g_string_new ("SELECT id, updated_at");
  g_autofree char *table = _reslib_undo_quote_name (entity->table);
  g_autoptr(GPtrArray) lists = g_ptr_array_new ();
  g_autofree char *ids = ids_json ((const char * const *) step->ids);
  guint n_ids = g_strv_length (step->ids);

  for (guint f = 0; step->fields[f] != NULL; f++)
    {
      const ReslibField *field = reslib_entity_find_field (entity, step->fields[f]);

      if (field == NULL || field->type == RESLIB_FIELD_TIME ||
          (field->type != RESLIB_FIELD_LIST && field->list_table != NULL) || strcmp (field->name, "id") == 0)
        {
          g_set_error (error, RESLIB_ERROR, RESLIB_ERROR_INVALID,
                       _("A %s has no field “%s” that can be changed"), reslib_kind_to_display (step->kind),
                       step->fields[f]);
          return FALSE;
        }
      if (field->type == RESLIB_FIELD_LIST)
        g_ptr_array_add (lists, (gpointer) field);
      else
        {
          g_autofree char *column = _reslib_undo_quote_name (field->name);

          g_string_append_printf (sql, ", %s", column);
        }
    }
  /* An edit sends an approved resource back to review: undoing it approves it again. */
  if (step->kind == RESLIB_KIND_RESOURCE && !g_strv_contains ((const char * const *) step->fields, "state"))
    g_string_append (sql, ", state");
  g_string_append_printf (sql, " FROM %s WHERE id IN (SELECT value FROM json_each (?))", table);

  if (!_reslib_undo_select_rows (self, NULL, sql->str, entity->table, (gpointer[]) { ids }, 1, TRUE, step->rows, error))
    return FALSE;
  if (step->rows->len != n_ids)
    {
      g_autoptr(GHashTable) found = g_hash_table_new (g_str_hash, g_str_equal);

      for (guint r = 0; r < step->rows->len; r++)
        g_hash_table_add (found, ((Row *) g_ptr_array_index (step->rows, r))->id);
      for (guint i = 0; step->ids[i] != NULL; i++)
        if (!g_hash_table_contains (found, step->ids[i]))
          {
            g_set_error (error, RESLIB_ERROR, RESLIB_ERROR_NOT_FOUND,
                         _("There is no %s with the id “%s”"), reslib_kind_to_display (step->kind), step->ids[i]);
            return FALSE;
          }
      /* Otherwise an id was given twice: its record is kept once. */
    }
  for (guint l = 0; l < lists->len; l++)
    {
      const ReslibField *field = g_ptr_array_index (lists, l);
      g_autofree char *t = _reslib_undo_quote_name (field->list_table);
      g_autofree char *k = _reslib_undo_quote_name (field->list_key);
      g_autofree char *list_sql = g_strdup_printf ("SELECT * FROM %s WHERE %s IN (SELECT value FROM json_each (?))",
                                                   t, k);

      if (!_reslib_undo_select_rows (self, NULL, list_sql, field->list_table, (gpointer[]) { ids }, 1, TRUE,
                                     step->rows, error))
        return FALSE;
    }

  return TRUE;
}

ReslibUndoStep *
_reslib_undo_edit_step_new (ReslibStore         *self,
               ReslibKind           kind,
               const char * const  *ids,
               const char * const  *fields,
               GError             **error)
{
  g_autoptr(ReslibUndoStep) step = _reslib_undo_step_new (RESLIB_UNDO_STEP_EDIT, kind, ids);

  step->fields = g_strdupv ((char **) fields);
  if (!copy_fields (self, step, error))
    return NULL;

  return g_steal_pointer (&step);
}

/* The constraint error of a write back. */
static gboolean
cannot_write_back (GError **error)
{
  g_set_error_literal (error, RESLIB_ERROR, RESLIB_ERROR_CONSTRAINT,
                       _("The change cannot be undone: the store has changed since (a record it "
                         "refers to was deleted, or a name it held is taken)"));
  return FALSE;
}

/* Runs @sql (no parameters, no rows) and returns the rows it changed, or -1 with @error set (a
 * constraint failing as cannot_write_back()). */
static gint64
exec_changes (ReslibStore  *self,
              const char   *sql,
              GError      **error)
{
  sqlite3_stmt *stmt = _reslib_store_prepare (self, sql, error);
  int rc;

  if (stmt == NULL)
    return -1;
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  if ((rc & 0xff) == SQLITE_CONSTRAINT)
    {
      cannot_write_back (error);
      return -1;
    }
  if (rc != SQLITE_DONE)
    {
      _reslib_store_check_sqlite (self, rc, error);
      return -1;
    }

  return sqlite3_changes64 (_reslib_store_get_db (self));
}

/* Writes back the resources' rows of @step set-based, whatever their number: the copies go into a
 * temporary table of the connection (a column per field copied), then one UPDATE … FROM puts them
 * back, one DELETE per list field empties the lists, and one INSERT … SELECT logs the events. The
 * lists' rows are put back after, one cached INSERT each. */
static gboolean
write_resources (ReslibStore     *self,
                 ReslibUndoStep  *step,
                 ReslibUndoRun   *run,
                 GError         **error)
{
  const ReslibEntity *entity = reslib_entity_get (step->kind);
  g_autofree char *t = _reslib_undo_quote_name (entity->table);
  g_autofree char *temp = NULL;
  g_autofree char *insert_sql = NULL, *update_sql = NULL, *events_sql = NULL, *ids_sql = NULL;
  g_autofree char *clear_sql = NULL, *now = NULL;
  Row *first = NULL;
  guint n_columns = 0, n = 0;
  sqlite3_stmt *insert;
  gint64 changes;

  for (guint i = 0; first == NULL && i < step->rows->len; i++)
    if (strcmp (((Row *) g_ptr_array_index (step->rows, i))->table, entity->table) == 0)
      first = g_ptr_array_index (step->rows, i);
  if (first != NULL)
    {
      g_autoptr(GString) create = NULL, insert_text = NULL, set = NULL, from = NULL;

      /* The table's columns are c1 … cN (the copy's columns after its id); one table per count, kept
       * for the connection: its schema does not change from step to step. */
      n_columns = first->columns->len;
      temp = g_strdup_printf ("temp.reslib_undo_fields%u", n_columns);
      create = g_string_new (NULL);
      g_string_append_printf (create, "CREATE TEMP TABLE IF NOT EXISTS reslib_undo_fields%u "
                              "(seq INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE", n_columns);
      insert_text = g_string_new (NULL);
      g_string_append_printf (insert_text, "INSERT INTO %s (id", temp);
      set = g_string_new ("(");
      from = g_string_new ("(");
      for (guint c = 1; c < n_columns; c++)
        {
          g_autofree char *name = _reslib_undo_quote_name (g_ptr_array_index (first->columns, c));

          g_string_append_printf (create, ", c%u", c);
          g_string_append_printf (insert_text, ", c%u", c);
          g_string_append_printf (set, "%s%s", c > 1 ? ", " : "", name);
          g_string_append_printf (from, "%su.c%u", c > 1 ? ", " : "", c);
        }
      g_string_append (create, ")");
      g_string_append (insert_text, ") VALUES (?");
      for (guint c = 1; c < n_columns; c++)
        g_string_append (insert_text, ", ?");
      g_string_append (insert_text, ")");
      g_string_append (set, ")");
      g_string_append (from, ")");
      if (!_reslib_store_exec_script (self, create->str, error))
        return FALSE;
      clear_sql = g_strdup_printf ("DELETE FROM %s", temp);
      if (!_reslib_store_exec_script (self, clear_sql, error))
        return FALSE;
      insert_sql = g_string_free (g_steal_pointer (&insert_text), FALSE);
      update_sql = g_strdup_printf ("UPDATE %s SET %s = %s FROM %s u WHERE %s.id = u.id", t, set->str, from->str,
                                    temp, t);
    }

  insert = insert_sql != NULL ? _reslib_store_prepare (self, insert_sql, error) : NULL;
  if (insert_sql != NULL && insert == NULL)
    return FALSE;
  for (guint i = 0; insert != NULL && i < step->rows->len; i++)
    {
      Row *row = g_ptr_array_index (step->rows, i);
      int rc;

      if (strcmp (row->table, entity->table) != 0)
        continue;
      if (!_reslib_undo_run_tick (run, error))
        return FALSE;
      g_return_val_if_fail (row->columns->len == n_columns, FALSE);
      for (guint c = 0; c < row->values->len; c++)
        sqlite3_bind_value (insert, (int) c + 1, g_ptr_array_index (row->values, c));
      rc = sqlite3_step (insert);
      sqlite3_reset (insert);
      if (rc != SQLITE_DONE)
        return _reslib_store_check_sqlite (self, rc, error);
      n++;
    }
  if (n > 0)
    {
      changes = exec_changes (self, update_sql, error);
      if (changes < 0)
        return FALSE;
      if (changes != n)
        {
          g_set_error (error, RESLIB_ERROR, RESLIB_ERROR_NOT_FOUND,
                       _("The change cannot be undone: the %s was deleted since"),
                       reslib_kind_to_display (step->kind));
          return FALSE;
        }
      /* The list fields edited are emptied, then filled with their rows as they were. */
      for (guint f = 0; step->fields[f] != NULL; f++)
        {
          const ReslibField *field = reslib_entity_find_field (entity, step->fields[f]);
          g_autofree char *lt = NULL, *lk = NULL, *delete_sql = NULL;

          if (field->type != RESLIB_FIELD_LIST)
            continue;
          lt = _reslib_undo_quote_name (field->list_table);
          lk = _reslib_undo_quote_name (field->list_key);
          delete_sql = g_strdup_printf ("DELETE FROM %s WHERE %s IN (SELECT id FROM %s)", lt, lk, temp);
          if (exec_changes (self, delete_sql, error) < 0)
            return FALSE;
        }
      now = reslib_now_iso8601 ();
      events_sql = g_strdup_printf ("INSERT INTO events (at, actor, project_id, subject_kind, subject_id, action, "
                                    "detail) SELECT ?, ?, r.project_id, ?, r.id, 'update', '{\"undo\":\"update\"}' "
                                    "FROM %s u JOIN %s r ON r.id = u.id ORDER BY u.seq", temp, t);
      if (!RESLIB_STORE_EXEC (self, events_sql, error, now, self->actor, entity->name))
        return FALSE;
      for (guint i = 0; i < step->rows->len; i++)
        {
          Row *row = g_ptr_array_index (step->rows, i);

          if (strcmp (row->table, entity->table) == 0)
            _reslib_store_note_change (self, step->kind, row->id);
        }
      if (!_reslib_store_exec_script (self, clear_sql, error))
        return FALSE;
    }
  for (guint i = 0; i < step->rows->len; i++)
    {
      Row *row = g_ptr_array_index (step->rows, i);

      if (strcmp (row->table, entity->table) == 0)
        continue;
      if (!_reslib_undo_run_tick (run, error) || !_reslib_undo_insert_row (self, row, error))
        return FALSE;
    }

  return TRUE;
}

/* Writes back the records' rows of @step one by one (records of a kind other than resources: a few at a
 * time). */
static gboolean
write_records (ReslibStore     *self,
               ReslibUndoStep  *step,
               ReslibUndoRun   *run,
               GError         **error)
{
  const ReslibEntity *entity = reslib_entity_get (step->kind);

  for (guint i = 0; i < step->rows->len; i++)
    {
      Row *row = g_ptr_array_index (step->rows, i);

      if (!_reslib_undo_run_tick (run, error))
        return FALSE;
      if (strcmp (row->table, entity->table) == 0)
        {
          g_autofree char *t = _reslib_undo_quote_name (row->table);
          g_autoptr(GString) sql = g_string_new (NULL);
          g_autofree char *project_id = NULL;
          sqlite3_stmt *stmt;
          int rc;

          g_string_append_printf (sql, "UPDATE %s SET ", t);
          for (guint c = 1; c < row->columns->len; c++)
            {
              g_autofree char *name = _reslib_undo_quote_name (g_ptr_array_index (row->columns, c));

              g_string_append_printf (sql, "%s%s = ?", c > 1 ? ", " : "", name);
            }
          g_string_append (sql, " WHERE id = ?");
          stmt = _reslib_store_prepare (self, sql->str, error);
          if (stmt == NULL)
            return FALSE;
          for (guint c = 1; c < row->values->len; c++)
            sqlite3_bind_value (stmt, (int) c, g_ptr_array_index (row->values, c));
          _reslib_store_bind_text (stmt, (int) row->values->len, row->id);
          rc = sqlite3_step (stmt);
          sqlite3_reset (stmt);
          if ((rc & 0xff) == SQLITE_CONSTRAINT)
            return cannot_write_back (error);
          if (rc != SQLITE_DONE)
            return _reslib_store_check_sqlite (self, rc, error);
          if (sqlite3_changes (_reslib_store_get_db (self)) == 0)
            {
              g_set_error (error, RESLIB_ERROR, RESLIB_ERROR_NOT_FOUND,
                           _("The change cannot be undone: the %s was deleted since"),
                           reslib_kind_to_display (step->kind));
              return FALSE;
            }
          /* The list fields edited are emptied, then filled with their rows as they were. */
          for (guint f = 0; step->fields[f] != NULL; f++)
            {
              const ReslibField *field = reslib_entity_find_field (entity, step->fields[f]);
              g_autofree char *lt = NULL, *lk = NULL, *delete_sql = NULL;

              if (field->type != RESLIB_FIELD_LIST)
                continue;
              lt = _reslib_undo_quote_name (field->list_table);
              lk = _reslib_undo_quote_name (field->list_key);
              delete_sql = g_strdup_printf ("DELETE FROM %s WHERE %s = ?", lt, lk);
              if (!_reslib_store_exec_args (self, delete_sql, (const char * const[]) { row->id, NULL }, error))
                return FALSE;
            }
          project_id = reslib_store_project_of (self, step->kind, row->id, error);
          if (project_id == NULL ||
              !reslib_store_log_event (self, project_id, step->kind, row->id, "update", "{\"undo\":\"update\"}", error))
            return FALSE;
          _reslib_store_note_change (self, step->kind, row->id);
        }
      else if (!_reslib_undo_insert_row (self, row, error))
        return FALSE;
    }

  return TRUE;
}

/* The resources whose index rows are brought up to date in one statement (as a batch does). */
#define INDEX_CHUNK 2048

/**
 * _reslib_undo_index_hold:
 *
 * Before undoing @step in the caller's transaction: when @step and the steps joined to it write back
 * the fields of resources (a sheet's import is a step per chunk of rows) or delete resources, and
 * nothing else, the search index triggers are taken out once for all of them, not once per step,
 * and the index rows of the resources written back are brought up to date by
 * _reslib_undo_index_release() at the end. Deleting a resource keeps its own trigger (its index rows
 * go with it).
 *
 * Returns: %TRUE (also when the steps do not qualify), or %FALSE with @error set
 */
gboolean
_reslib_undo_index_hold (ReslibStore     *self,
                         ReslibUndoStep  *step,
                         GError         **error)
{
  guint n_edits = 0;

  g_return_val_if_fail (self->undo_triggers == NULL, FALSE);

  for (ReslibUndoStep *s = step; s != NULL; s = s->then)
    {
      if (s->kind != RESLIB_KIND_RESOURCE || s->first != NULL)
        return TRUE;
      if (s->type == RESLIB_UNDO_STEP_EDIT)
        n_edits++;
      else if (s->type != RESLIB_UNDO_STEP_RESTORATION)
        return TRUE;
    }
  if (n_edits < 2)
    return TRUE;
  self->undo_triggers = _reslib_store_index_suspend (self, error);
  if (self->undo_triggers == NULL)
    return FALSE;
  self->undo_indexed = g_ptr_array_new_with_free_func (g_free);

  return TRUE;
}

/**
 * _reslib_undo_index_release:
 * @write: %TRUE to put the triggers back and bring the index rows up to date; %FALSE when the
 *   transaction is rolled back (which puts them back)
 *
 * Ends what _reslib_undo_index_hold() started, if it did.
 */
gboolean
_reslib_undo_index_release (ReslibStore  *self,
                            gboolean      write,
                            GError      **error)
{
  g_autoptr(GPtrArray) triggers = g_steal_pointer (&self->undo_triggers);
  g_autoptr(GPtrArray) indexed = g_steal_pointer (&self->undo_indexed);

  if (triggers == NULL || !write)
    return TRUE;
  if (!_reslib_store_index_resume (self, triggers, NULL, error))
    return FALSE;
  for (guint i = 0; i < indexed->len; i += INDEX_CHUNK)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autoptr(JsonGenerator) gen = json_generator_new ();
      g_autoptr(JsonNode) root = NULL;
      g_autofree char *ids = NULL;

      json_builder_begin_array (builder);
      for (guint j = i; j < MIN (indexed->len, i + INDEX_CHUNK); j++)
        json_builder_add_string_value (builder, g_ptr_array_index (indexed, j));
      json_builder_end_array (builder);
      root = json_builder_get_root (builder);
      json_generator_set_root (gen, root);
      ids = json_generator_to_data (gen, NULL);
      if (!_reslib_resource_batch_index_update (self, ids, error))
        return FALSE;
    }

  return TRUE;
}

/* Writes back what copy_fields() copied. */
gboolean
_reslib_undo_write_fields (ReslibStore     *self,
                           ReslibUndoStep  *step,
                           ReslibUndoRun   *run,
                           GError         **error)
{
  g_autoptr(GPtrArray) triggers = NULL;
  gboolean indexed = FALSE;

  for (guint f = 0; step->fields[f] != NULL; f++)
    indexed = indexed || _reslib_store_field_is_indexed (step->fields[f]);
  /* Many resources: the search index is brought up to date once at the end, not per row and list
   * item (reslib-store-batch.c); at the end of the whole undo when it holds the triggers. */
  if (step->kind == RESLIB_KIND_RESOURCE && self->depth > 0 && self->undo_triggers == NULL)
    {
      triggers = _reslib_store_index_suspend (self, error);
      if (triggers == NULL)
        return FALSE;
    }
  if (!(step->kind == RESLIB_KIND_RESOURCE ? write_resources (self, step, run, error)
                                           : write_records (self, step, run, error)))
    return FALSE;
  if (step->kind == RESLIB_KIND_RESOURCE && self->undo_triggers != NULL && indexed)
    for (guint i = 0; step->ids[i] != NULL; i++)
      g_ptr_array_add (self->undo_indexed, g_strdup (step->ids[i]));
  if (triggers != NULL)
    {
      g_autofree char *ids = ids_json ((const char * const *) step->ids);

      return _reslib_store_index_resume (self, triggers, indexed ? ids : NULL, error);
    }

  return TRUE;
}

/**
 * reslib_store_update_undoable:
 * @kind: the kind of the records
 * @ids: (array zero-terminated=1): their ids, one or more
 * @fields: (array zero-terminated=1): the fields to set
 * @values: one value per field; for a resource's list fields, comma-separated
 *
 * Sets the same fields of the records like reslib_store_update() (for resources, like
 * reslib_store_update_resources()), all in one transaction, keeping the values they held before so
 * that reslib_store_undo() can put them back.
 *
 * Returns: (transfer full): the step, or %NULL with @error set (and nothing changed).
 */
ReslibUndoStep *
reslib_store_update_undoable (ReslibStore         *self,
                              ReslibKind           kind,
                              const char * const  *ids,
                              const char * const  *fields,
                              const char * const  *values,
                              GError             **error)
{
  g_autoptr(ReslibUndoStep) step = NULL;
  gboolean ok;

  g_return_val_if_fail (RESLIB_IS_STORE (self), NULL);
  g_return_val_if_fail (kind < RESLIB_N_KINDS, NULL);
  g_return_val_if_fail (ids != NULL && ids[0] != NULL, NULL);
  g_return_val_if_fail (fields != NULL && fields[0] != NULL && values != NULL, NULL);

  if (!reslib_store_begin (self, error))
    return NULL;
  step = _reslib_undo_edit_step_new (self, kind, ids, fields, error);
  ok = step != NULL;
  if (ok && kind == RESLIB_KIND_RESOURCE)
    ok = reslib_store_update_resources (self, ids, fields, values, error);
  for (guint i = 0; ok && kind != RESLIB_KIND_RESOURCE && ids[i] != NULL; i++)
    ok = reslib_store_update (self, kind, ids[i], fields, values, error);
  if (!ok)
    {
      reslib_store_rollback (self);
      return NULL;
    }
  if (!reslib_store_commit (self, error))
    return NULL;

  return g_steal_pointer (&step);
}

/**
 * reslib_store_keep_fields:
 * @kind: the kind of the records
 * @ids: (array zero-terminated=1): their ids, one or more
 * @fields: (array zero-terminated=1): the fields about to change
 *
 * For changes that the other functions cannot make in one call (e.g. renumbering records): called in
 * the transaction that changes the fields, before it does, it keeps what they hold now.
 *
 * Returns: (transfer full): the step that puts the fields back as they are now, or %NULL with
 *   @error set.
 */
ReslibUndoStep *
reslib_store_keep_fields (ReslibStore         *self,
                          ReslibKind           kind,
                          const char * const  *ids,
                          const char * const  *fields,
                          GError             **error)
{
  g_return_val_if_fail (RESLIB_IS_STORE (self), NULL);
  g_return_val_if_fail (kind < RESLIB_N_KINDS, NULL);
  g_return_val_if_fail (ids != NULL && ids[0] != NULL, NULL);
  g_return_val_if_fail (fields != NULL && fields[0] != NULL, NULL);

  return _reslib_undo_edit_step_new (self, kind, ids, fields, error);
}

/**
 * reslib_store_update_record_undoable:
 *
 * Writes one field of @record like reslib_store_update_record() (a list field as reslib_split_list()
 * reads it replaces the list) and updates @record, keeping the value it held before so that
 * reslib_store_undo() can put it back.
 *
 * Returns: (transfer full): the step, or %NULL with @error set (and nothing changed).
 */
ReslibUndoStep *
reslib_store_update_record_undoable (ReslibStore   *self,
                                     ReslibRecord  *record,
                                     const char    *field,
                                     const char    *value,
                                     GError       **error)
{
  g_autoptr(ReslibUndoStep) step = NULL;

  g_return_val_if_fail (RESLIB_IS_STORE (self), NULL);
  g_return_val_if_fail (RESLIB_IS_RECORD (record), NULL);
  g_return_val_if_fail (field != NULL, NULL);

  if (!reslib_store_begin (self, error))
    return NULL;
  step = _reslib_undo_edit_step_new (self, reslib_record_get_kind (record),
                        (const char * const[]) { reslib_record_get_id (record), NULL },
                        (const char * const[]) { field, NULL }, error);
  if (step == NULL || !reslib_store_update_record (self, record, field, value, error))
    {
      reslib_store_rollback (self);
      return NULL;
    }
  if (!reslib_store_commit (self, error))
    return NULL;

  return g_steal_pointer (&step);
}

/* Of the resources @ids_json, those whose @field is empty: a blank text, or a list with no rows. */
static GStrv
resources_without (ReslibStore        *self,
                   const ReslibField  *field,
                   const char         *ids_json,
                   GError            **error)
{
  g_autoptr(GStrvBuilder) found = g_strv_builder_new ();
  g_autoptr(ReslibStatement) stmt = NULL;
  g_autofree char *sql = NULL;
  g_autofree char *column = _reslib_undo_quote_name (field->name);

  if (field->type == RESLIB_FIELD_LIST)
    {
      g_autofree char *table = _reslib_undo_quote_name (field->list_table);
      g_autofree char *key = _reslib_undo_quote_name (field->list_key);

      sql = g_strdup_printf ("SELECT r.id FROM resources r JOIN json_each (?1) j ON j.value = r.id "
                             "WHERE NOT EXISTS (SELECT 1 FROM %s l WHERE l.%s = r.id) ORDER BY j.key",
                             table, key);
    }
  else
    sql = g_strdup_printf ("SELECT r.id FROM resources r JOIN json_each (?1) j ON j.value = r.id "
                           "WHERE trim (coalesce (r.%s, '')) = '' ORDER BY j.key", column);
  stmt = reslib_statement_new (self, sql, error);
  if (stmt == NULL)
    return NULL;
  reslib_statement_bind_text (stmt, 1, ids_json);
  while (reslib_statement_step (stmt, error))
    g_strv_builder_add (found, reslib_statement_get_text (stmt, 0));
  if (reslib_statement_failed (stmt))
    return NULL;

  return g_strv_builder_end (found);
}

/**
 * reslib_store_fill_in_resources:
 * @ids: (array zero-terminated=1): resources, one or more
 * @fields: (array zero-terminated=1): fields of a resource ("description", "keywords", …)
 * @values: one value per field; a list field's comma-separated (reslib_split_list()); %NULL or blank
 *   leaves the field as it is
 * @step: (out) (transfer full) (nullable): the step that undoes it all, %NULL when nothing changed
 * @n_changed: (out) (optional): how many of the resources changed
 *
 * Fills in the fields that are empty: each field is set on the resources of @ids that have no value
 * for it (a blank text, an empty list), and the resources that have one keep it. All in one
 * transaction and one step of undo.
 *
 * Returns: %TRUE (with *@step %NULL when every resource had every field), or %FALSE with @error set
 *   and nothing changed
 */
gboolean
reslib_store_fill_in_resources (ReslibStore         *self,
                                const char * const  *ids,
                                const char * const  *fields,
                                const char * const  *values,
                                ReslibUndoStep     **step,
                                guint               *n_changed,
                                GError             **error)
{
  const ReslibEntity *entity = reslib_entity_get (RESLIB_KIND_RESOURCE);
  g_autoptr(ReslibUndoStep) all = NULL;
  g_autoptr(GHashTable) changed = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree char *json = NULL;

  g_return_val_if_fail (RESLIB_IS_STORE (self), FALSE);
  g_return_val_if_fail (ids != NULL && ids[0] != NULL, FALSE);
  g_return_val_if_fail (fields != NULL && values != NULL, FALSE);
  g_return_val_if_fail (step != NULL, FALSE);

  *step = NULL;
  if (n_changed != NULL)
    *n_changed = 0;
  json = ids_json (ids);
  if (!reslib_store_begin (self, error))
    return FALSE;
  for (guint f = 0; fields[f] != NULL; f++)
    {
      const ReslibField *field = reslib_entity_find_field (entity, fields[f]);
      g_autofree char *value = values[f] != NULL ? g_strstrip (g_strdup (values[f])) : NULL;
      g_auto(GStrv) empty = NULL;
      ReslibUndoStep *done;

      if (value == NULL || *value == '\0')
        continue;
      if (field == NULL)
        {
          g_set_error (error, RESLIB_ERROR, RESLIB_ERROR_INVALID, _("A resource has no field “%s”"), fields[f]);
          reslib_store_rollback (self);
          return FALSE;
        }
      empty = resources_without (self, field, json, error);
      if (empty == NULL)
        {
          reslib_store_rollback (self);
          return FALSE;
        }
      if (empty[0] == NULL)
        continue;
      done = reslib_store_update_undoable (self, RESLIB_KIND_RESOURCE, (const char * const *) empty,
                                           (const char * const[]) { fields[f], NULL },
                                           (const char * const[]) { value, NULL }, error);
      if (done == NULL)
        {
          reslib_store_rollback (self);
          return FALSE;
        }
      all = all != NULL ? reslib_undo_step_join (g_steal_pointer (&all), done) : done;
      for (guint i = 0; empty[i] != NULL; i++)
        g_hash_table_add (changed, g_strdup (empty[i]));
    }
  if (!reslib_store_commit (self, error))
    return FALSE;
  if (n_changed != NULL)
    *n_changed = g_hash_table_size (changed);
  *step = g_steal_pointer (&all);

  return TRUE;
}
