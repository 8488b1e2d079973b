/* reslib-undo-step.c — changes to the store that can be undone: deletions and edits
 *
 * A deletion is written at once. Before the records go, their rows are copied, and so is every row
 * the database deletes with them (found through the schema's foreign keys, ON DELETE CASCADE,
 * followed down: a course takes its nodes, a node the nodes below it and its resource links, a
 * resource its authors, keywords and links), every reference it clears (ON DELETE SET NULL: a
 * unit's resources and budget lines) and the records' content versions (sync_versions,
 * sync_bases, which triggers delete). Each row is copied once however many ways lead to it.
 * Undoing inserts the same rows again, with the same ids, and sets the cleared references back,
 * in one transaction; when the store has changed so that this is not possible (an id or a unique
 * key taken again, a record they belong to deleted since) nothing is changed and the error says so.
 * While a deletion can be undone, the files of its resources are kept from the collection of
 * unused files.
 *
 * An edit copies the edited fields of each record (the rows of a list field: authors, keywords,
 * nodes), and its updated_at, before it writes the new values; undoing writes the copies back.
 *
 * Undoing a step returns the step that undoes the undoing, for redo: a restoration (undone by
 * deleting the same records again) or an edit with the values the undoing replaced.
 *
 * Rows of a table that holds no kind of record (usage_periods) written over are kept as the rows they
 * replaced (reslib-undo-rows.c).
 *
 * Steps joined (reslib_undo_step_join()) are one step: undone together in one transaction, the last
 * one first. A creation (reslib_undo_step_new_created()) is undone by deleting what it created.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <sqlite3.h>
#include <string.h>

#include "reslib-error.h"
#include "reslib-store-private.h"
#include "reslib-store-resource-rows.h"
#include "reslib-undo-step-private.h"

/**
 * reslib_undo_step_get_type:
 *
 * Returns: the #GType of #ReslibUndoStep, a boxed type copied by reslib_undo_step_ref() and freed by
 *   reslib_undo_step_unref()
 */
G_DEFINE_BOXED_TYPE (ReslibUndoStep, reslib_undo_step, reslib_undo_step_ref, reslib_undo_step_unref)

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
  g_ptr_array_unref (cleared->ids);
  g_free (cleared);
}

static void
foreign_key_free (gpointer data)
{
  ForeignKey *fk = data;

  g_free (fk->child);
  g_free (fk->from);
  g_free (fk->parent);
  g_free (fk->to);
  g_free (fk->on_delete);
  g_free (fk);
}

ReslibUndoStep *
_reslib_undo_step_new (ReslibUndoStepType  type,
          ReslibKind          kind,
          const char * const *ids)
{
  ReslibUndoStep *step = g_new0 (ReslibUndoStep, 1);

  g_atomic_ref_count_init (&step->ref_count);
  step->type = type;
  step->kind = kind;
  step->ids = g_strdupv ((char **) ids);
  step->rows = g_ptr_array_new_with_free_func (row_free);
  step->cleared = g_ptr_array_new_with_free_func (cleared_free);
  step->held = g_ptr_array_new_with_free_func (g_free);

  return step;
}

/**
 * reslib_undo_step_ref:
 *
 * Returns: (transfer full): @step
 */
ReslibUndoStep *
reslib_undo_step_ref (ReslibUndoStep *step)
{
  g_return_val_if_fail (step != NULL, NULL);

  g_atomic_ref_count_inc (&step->ref_count);

  return step;
}

/**
 * reslib_undo_step_unref:
 *
 * Drops a reference; the last one lets the store collect the files of the resources a deletion
 * deleted.
 */
void
reslib_undo_step_unref (ReslibUndoStep *step)
{
  if (step == NULL || !g_atomic_ref_count_dec (&step->ref_count))
    return;

  for (guint i = 0; step->holder != NULL && i < step->held->len; i++)
    _reslib_store_release_blob (step->holder, g_ptr_array_index (step->held, i));
  g_clear_object (&step->holder);
  g_ptr_array_unref (step->held);
  g_strfreev (step->ids);
  g_strfreev (step->fields);
  g_ptr_array_unref (step->rows);
  g_ptr_array_unref (step->cleared);
  g_clear_pointer (&step->then, reslib_undo_step_unref);
  g_free (step->table);
  g_free (step->column);
  g_free (step->project_id);
  g_clear_pointer (&step->first, reslib_undo_step_unref);
  g_free (step);
}

/**
 * reslib_undo_step_new_created:
 * @kind: the kind of the records
 * @ids: (array zero-terminated=1): the records just created, one or more
 *
 * For changes that create records: a step whose undoing deletes them (and whose redoing puts them
 * back, with the same ids).
 *
 * Returns: (transfer full): the step
 */
ReslibUndoStep *
reslib_undo_step_new_created (ReslibKind          kind,
                              const char * const *ids)
{
  g_return_val_if_fail (kind < RESLIB_N_KINDS, NULL);
  g_return_val_if_fail (ids != NULL && ids[0] != NULL, NULL);

  return _reslib_undo_step_new (RESLIB_UNDO_STEP_RESTORATION, kind, ids);
}

static void
append_step (ReslibUndoStep *first,
             ReslibUndoStep *then)
{
  while (first->then != NULL)
    first = first->then;
  first->then = then;
}

/**
 * reslib_undo_step_join:
 * @first: (transfer full): a step
 * @then: (transfer full) (nullable): a step done after @first, in the same change
 *
 * Makes one step of two: reslib_store_undo() undoes both in one transaction, @then first.
 *
 * Returns: (transfer full): @first, now with @then
 */
ReslibUndoStep *
reslib_undo_step_join (ReslibUndoStep *first,
                       ReslibUndoStep *then)
{
  g_return_val_if_fail (first != NULL, then);

  if (then != NULL)
    append_step (first, then);

  return first;
}

/**
 * reslib_undo_step_get_step_type:
 *
 * Returns: whether @step undoes a deletion, a restoration or an edit
 */
ReslibUndoStepType
reslib_undo_step_get_step_type (ReslibUndoStep *step)
{
  g_return_val_if_fail (step != NULL, RESLIB_UNDO_STEP_EDIT);

  return step->type;
}

/**
 * reslib_undo_step_get_kind:
 *
 * Returns: the kind of the records the step is about (a deletion may have taken records of other
 *   kinds along)
 */
ReslibKind
reslib_undo_step_get_kind (ReslibUndoStep *step)
{
  g_return_val_if_fail (step != NULL, RESLIB_N_KINDS);

  return step->kind;
}

/**
 * reslib_undo_step_get_ids:
 *
 * Returns: (transfer none) (array zero-terminated=1): the ids of the records the step is about
 */
const char * const *
reslib_undo_step_get_ids (ReslibUndoStep *step)
{
  g_return_val_if_fail (step != NULL, NULL);

  return (const char * const *) step->ids;
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

/**
 * reslib_undo_step_get_n_records:
 *
 * Returns: how many records of @kind a deletion deleted (those it was asked to delete and those
 *   that went with them), or an edit changed.
 */
guint
reslib_undo_step_get_n_records (ReslibUndoStep *step,
                                ReslibKind      kind)
{
  ReslibKind row_kind;
  guint n = 0;

  g_return_val_if_fail (step != NULL, 0);

  if (step->then != NULL)
    n = reslib_undo_step_get_n_records (step->then, kind);
  if (step->type == RESLIB_UNDO_STEP_RESTORATION)
    return n + (kind == step->kind ? g_strv_length (step->ids) : 0);
  for (guint i = 0; i < step->rows->len; i++)
    {
      Row *row = g_ptr_array_index (step->rows, i);

      if (row->id != NULL && kind_of_table (row->table, &row_kind) && row_kind == kind)
        n++;
    }

  return n;
}

/* ---------------------------------------------------------------------------------------------- */
/* Rows                                                                                            */

char *
_reslib_undo_quote_name (const char *name)
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

static sqlite3_value *
row_get (Row        *row,
         const char *column)
{
  for (guint c = 0; c < row->columns->len; c++)
    if (strcmp (g_ptr_array_index (row->columns, c), column) == 0)
      return g_ptr_array_index (row->values, c);

  return NULL;
}

static Row *
row_new_from_stmt (const char   *table,
                   sqlite3_stmt *stmt)
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

  return row;
}


/* ---------------------------------------------------------------------------------------------- */
/* Blobs kept from the collection                                                                  */

static void
hold_blobs (ReslibStore    *store,
            ReslibUndoStep *step)
{
  if (step->first != NULL)
    hold_blobs (store, step->first);
  if (step->holder == NULL)
    step->holder = g_object_ref (store);
  for (guint i = 0; i < step->rows->len; i++)
    {
      Row *row = g_ptr_array_index (step->rows, i);
      sqlite3_value *sha;

      /* a resource's file, or an evidence file's (佐证材料: removed, or deleted with its milestone) */
      if ((strcmp (row->table, "resources") != 0 && strcmp (row->table, "evidence") != 0) ||
          (sha = row_get (row, "blob_sha256")) == NULL ||
          sqlite3_value_type (sha) != SQLITE_TEXT)
        continue;
      g_ptr_array_add (step->held, g_strdup ((const char *) sqlite3_value_text (sha)));
      _reslib_store_hold_blob (store, g_ptr_array_index (step->held, step->held->len - 1));
    }
}

void
_reslib_undo_hold_blobs (ReslibStore    *store,
                         ReslibUndoStep *step)
{
  hold_blobs (store, step);
}

/* ---------------------------------------------------------------------------------------------- */
/* Deleting                                                                                        */

static void
walk_clear (Walk *walk)
{
  g_clear_pointer (&walk->keys_to, g_hash_table_unref);
  g_clear_pointer (&walk->keys_from, g_hash_table_unref);
  g_clear_pointer (&walk->primary, g_hash_table_unref);
  g_clear_pointer (&walk->seen, g_hash_table_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Walk, walk_clear)

static GPtrArray *
table_list (GHashTable *table,
            const char *name,
            GDestroyNotify free_func)
{
  GPtrArray *list = g_hash_table_lookup (table, name);

  if (list == NULL)
    {
      list = g_ptr_array_new_with_free_func (free_func);
      g_hash_table_insert (table, g_strdup (name), list);
    }

  return list;
}

/* Reads the schema's foreign keys and primary keys. */
static gboolean
walk_init (Walk            *walk,
           ReslibStore     *store,
           ReslibUndoStep  *step,
           GError         **error)
{
  sqlite3_stmt *stmt;
  int rc;

  walk->store = store;
  walk->step = step;
  walk->keys_to = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_ptr_array_unref);
  walk->keys_from = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_ptr_array_unref);
  walk->primary = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_ptr_array_unref);
  walk->seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  stmt = _reslib_store_prepare (store,
                                "SELECT m.name, k.\"from\", k.\"table\", k.\"to\", k.on_delete "
                                "FROM sqlite_master AS m, pragma_foreign_key_list (m.name) AS k "
                                "WHERE m.type = 'table'", error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      ForeignKey *fk = g_new0 (ForeignKey, 1);
      ForeignKey *copy = g_new0 (ForeignKey, 1);

      fk->child = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      fk->from = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      fk->parent = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
      fk->to = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
      fk->on_delete = g_strdup ((const char *) sqlite3_column_text (stmt, 4));
      if (fk->to == NULL)
        fk->to = g_strdup ("id");
      *copy = (ForeignKey) { g_strdup (fk->child), g_strdup (fk->from), g_strdup (fk->parent), g_strdup (fk->to),
                             g_strdup (fk->on_delete) };
      g_ptr_array_add (table_list (walk->keys_to, fk->parent, foreign_key_free), fk);
      g_ptr_array_add (table_list (walk->keys_from, copy->child, foreign_key_free), copy);
    }
  sqlite3_reset (stmt);
  if (!_reslib_store_check_sqlite (store, rc, error))
    return FALSE;

  stmt = _reslib_store_prepare (store,
                                "SELECT m.name, p.name FROM sqlite_master AS m, pragma_table_info (m.name) AS p "
                                "WHERE m.type = 'table' AND p.pk > 0 ORDER BY m.name, p.pk", error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (table_list (walk->primary, (const char *) sqlite3_column_text (stmt, 0), g_free),
                     g_strdup ((const char *) sqlite3_column_text (stmt, 1)));
  sqlite3_reset (stmt);

  return _reslib_store_check_sqlite (store, rc, error);
}

/* A row's table and primary key, as one string. */
static char *
row_key (Walk *walk,
         Row  *row)
{
  GPtrArray *primary = g_hash_table_lookup (walk->primary, row->table);
  g_autoptr(GString) key = g_string_new (row->table);

  for (guint i = 0; i < (primary != NULL ? primary->len : row->columns->len); i++)
    {
      sqlite3_value *value = primary != NULL ? row_get (row, g_ptr_array_index (primary, i))
                                             : g_ptr_array_index (row->values, i);
      const char *text = value != NULL ? (const char *) sqlite3_value_text (value) : NULL;

      g_string_append_c (key, '\x1f');
      if (text != NULL)
        g_string_append (key, text);
      else
        g_string_append_c (key, '\x1e');
    }

  return g_string_free (g_steal_pointer (&key), FALSE);
}

gboolean
_reslib_undo_select_rows (ReslibStore  *store,
             Walk         *walk,
             const char   *sql,
             const char   *table,
             gpointer     *values,
             guint         n_values,
             gboolean      texts,
             GPtrArray    *rows,
             GError      **error)
{
  sqlite3_stmt *stmt = _reslib_store_prepare (store, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  for (guint i = 0; i < n_values; i++)
    if (texts)
      _reslib_store_bind_text (stmt, (int) i + 1, values[i]);
    else
      sqlite3_bind_value (stmt, (int) i + 1, values[i]);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      Row *row = row_new_from_stmt (table, stmt);
      char *key;

      if (walk != NULL)
        {
          key = row_key (walk, row);
          if (!g_hash_table_add (walk->seen, key))
            {
              row_free (row);
              continue;
            }
        }
      g_ptr_array_add (rows, row);
    }
  sqlite3_reset (stmt);

  return _reslib_store_check_sqlite (store, rc, error);
}

/* Copies what deleting @row takes along or changes. */
static gboolean
walk_row (Walk    *walk,
          Row     *row,
          GError **error)
{
  GPtrArray *keys = g_hash_table_lookup (walk->keys_to, row->table);
  ReslibKind kind;

  for (guint i = 0; keys != NULL && i < keys->len; i++)
    {
      ForeignKey *fk = g_ptr_array_index (keys, i);
      sqlite3_value *value = row_get (row, fk->to);
      g_autofree char *t = _reslib_undo_quote_name (fk->child);
      g_autofree char *c = _reslib_undo_quote_name (fk->from);

      if (value == NULL || sqlite3_value_type (value) == SQLITE_NULL)
        continue;

      if (g_ascii_strcasecmp (fk->on_delete, "CASCADE") == 0)
        {
          g_autofree char *sql = g_strdup_printf ("SELECT * FROM %s WHERE %s = ?", t, c);

          if (!_reslib_undo_select_rows (walk->store, walk, sql, fk->child, (gpointer[]) { value }, 1, FALSE, walk->step->rows, error))
            return FALSE;
        }
      else if (g_ascii_strcasecmp (fk->on_delete, "SET NULL") == 0)
        {
          g_autofree char *sql = g_strdup_printf ("SELECT id FROM %s WHERE %s = ?", t, c);
          sqlite3_stmt *stmt = _reslib_store_prepare (walk->store, sql, error);
          Cleared *cleared;
          int rc;

          if (stmt == NULL)
            return FALSE;
          cleared = g_new0 (Cleared, 1);
          cleared->table = g_strdup (fk->child);
          cleared->column = g_strdup (fk->from);
          cleared->value = sqlite3_value_dup (value);
          cleared->ids = g_ptr_array_new_with_free_func (g_free);
          g_ptr_array_add (walk->step->cleared, cleared);
          sqlite3_bind_value (stmt, 1, value);
          while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
            g_ptr_array_add (cleared->ids, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
          sqlite3_reset (stmt);
          if (!_reslib_store_check_sqlite (walk->store, rc, error))
            return FALSE;
        }
    }

  /* A record's content versions, which triggers delete with it. */
  if (row->id != NULL && kind_of_table (row->table, &kind))
    {
      const char *name = reslib_entity_get (kind)->name;

      if (!_reslib_undo_select_rows (walk->store, walk, "SELECT * FROM sync_versions WHERE kind = ? AND record_id = ?",
                        "sync_versions", (gpointer[]) { (gpointer) name, row->id }, 2, TRUE, walk->step->rows, error) ||
          !_reslib_undo_select_rows (walk->store, walk, "SELECT * FROM sync_bases WHERE kind = ? AND record_id = ?",
                        "sync_bases", (gpointer[]) { (gpointer) name, row->id }, 2, TRUE, walk->step->rows, error))
        return FALSE;
    }

  return TRUE;
}

/* Tells the store's listeners about the records of @step's rows and references. */
static void
notify_rows (ReslibStore    *store,
             ReslibUndoStep *step)
{
  ReslibKind kind;

  for (guint i = 0; i < step->rows->len; i++)
    {
      Row *row = g_ptr_array_index (step->rows, i);
      sqlite3_value *resource;

      if (row->id != NULL && kind_of_table (row->table, &kind))
        _reslib_store_note_change (store, kind, row->id);
      else if ((resource = row_get (row, "resource_id")) != NULL && sqlite3_value_type (resource) == SQLITE_TEXT)
        _reslib_store_note_change (store, RESLIB_KIND_RESOURCE, (const char *) sqlite3_value_text (resource));
    }
  for (guint i = 0; i < step->cleared->len; i++)
    {
      Cleared *cleared = g_ptr_array_index (step->cleared, i);

      for (guint r = 0; r < cleared->ids->len && kind_of_table (cleared->table, &kind); r++)
        _reslib_store_note_change (store, kind, g_ptr_array_index (cleared->ids, r));
    }
}

static ReslibUndoStep *
delete_records (ReslibStore        *self,
                ReslibKind          kind,
                const char * const *ids,
                ReslibUndoRun      *run,
                GError            **error)
{
  const ReslibEntity *entity = reslib_entity_get (kind);
  g_autoptr(ReslibUndoStep) step = _reslib_undo_step_new (RESLIB_UNDO_STEP_DELETION, kind, ids);
  g_auto(Walk) walk = { NULL, };
  g_autofree char *table = _reslib_undo_quote_name (entity->table);
  g_autofree char *sql = g_strdup_printf ("SELECT * FROM %s WHERE id = ?", table);
  g_autoptr(GHashTable) done = NULL;

  if (!walk_init (&walk, self, step, error))
    return NULL;
  for (guint i = 0; ids[i] != NULL; i++)
    {
      guint before = step->rows->len;

      if (!_reslib_undo_select_rows (self, &walk, sql, entity->table, (gpointer[]) { (gpointer) ids[i] }, 1, TRUE, step->rows, error))
        return NULL;
      g_autofree char *key = g_strconcat (entity->table, "\x1f", ids[i], NULL);

      if (step->rows->len == before && !g_hash_table_contains (walk.seen, key))
        {
          g_set_error (error, RESLIB_ERROR, RESLIB_ERROR_NOT_FOUND,
                       _("There is no %s with the id “%s”"), reslib_kind_to_display (kind), ids[i]);
          return NULL;
        }
    }
  /* Breadth first: the rows found are added at the end, and walked in their turn. */
  for (guint i = 0; i < step->rows->len; i++)
    if (!walk_row (&walk, g_ptr_array_index (step->rows, i), error))
      return NULL;

  /* An id given twice is deleted once. */
  done = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; ids[i] != NULL; i++)
    if (!_reslib_undo_run_tick (run, error) ||
        (g_hash_table_add (done, (gpointer) ids[i]) && !reslib_store_delete (self, kind, ids[i], error)))
      return NULL;
  notify_rows (self, step);

  return g_steal_pointer (&step);
}

/**
 * reslib_store_delete_undoable:
 * @kind: the kind of the records
 * @ids: (array zero-terminated=1): their ids, one or more
 *
 * Deletes the records like reslib_store_delete(), all of them in one transaction, keeping what is
 * needed to undo the deletion with reslib_store_undo(). A course or node takes the nodes below it
 * and their resource links along; a unit its members and declarations, and the references to it
 * are cleared.
 *
 * Returns: (transfer full): the step, or %NULL with @error set (and nothing deleted).
 */
ReslibUndoStep *
reslib_store_delete_undoable (ReslibStore         *self,
                              ReslibKind           kind,
                              const char * const  *ids,
                              GError             **error)
{
  g_autoptr(ReslibUndoStep) step = NULL;

  g_return_val_if_fail (RESLIB_IS_STORE (self), NULL);
  g_return_val_if_fail (kind < RESLIB_N_KINDS, NULL);
  g_return_val_if_fail (ids != NULL && ids[0] != NULL, NULL);

  if (!reslib_store_begin (self, error))
    return NULL;
  step = delete_records (self, kind, ids, NULL, error);
  if (step == NULL)
    {
      reslib_store_rollback (self);
      return NULL;
    }
  if (!reslib_store_commit (self, error))
    return NULL;
  hold_blobs (self, step);

  return g_steal_pointer (&step);
}

/* ---------------------------------------------------------------------------------------------- */
/* Restoring                                                                                       */

static gboolean
cannot_restore (GError **error)
{
  g_set_error_literal (error, RESLIB_ERROR, RESLIB_ERROR_CONSTRAINT,
                       _("The deleted records cannot be put back: the store has changed since (a record they "
                         "belong to was deleted, or their ids or names are taken again)"));
  return FALSE;
}

gboolean
_reslib_undo_insert_row (ReslibStore  *self,
            Row          *row,
            GError      **error)
{
  g_autofree char *t = _reslib_undo_quote_name (row->table);
  g_autoptr(GString) sql = g_string_new (NULL);
  sqlite3_stmt *stmt;
  int rc;

  g_string_append_printf (sql, "INSERT INTO %s (", t);
  for (guint c = 0; c < row->columns->len; c++)
    {
      g_autofree char *name = _reslib_undo_quote_name (g_ptr_array_index (row->columns, c));

      g_string_append_printf (sql, "%s%s", c > 0 ? ", " : "", name);
    }
  g_string_append (sql, ") VALUES (");
  for (guint c = 0; c < row->columns->len; c++)
    g_string_append (sql, c > 0 ? ", ?" : "?");
  g_string_append (sql, ")");

  stmt = _reslib_store_prepare (self, sql->str, error);
  if (stmt == NULL)
    return FALSE;
  for (guint c = 0; c < row->values->len; c++)
    sqlite3_bind_value (stmt, (int) c + 1, g_ptr_array_index (row->values, c));
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  if (rc == SQLITE_DONE)
    return TRUE;
  if ((rc & 0xff) == SQLITE_CONSTRAINT)
    {
      g_debug ("Cannot put back a row of %s: %s", row->table, sqlite3_errmsg (_reslib_store_get_db (self)));
      return cannot_restore (error);
    }

  return _reslib_store_check_sqlite (self, rc, error);
}

/* With foreign keys deferred, whether each row put back refers to rows that exist. */
static gboolean
check_references (ReslibStore  *self,
                  Walk         *walk,
                  GPtrArray    *rows,
                  GError      **error)
{
  for (guint i = 0; i < rows->len; i++)
    {
      Row *row = g_ptr_array_index (rows, i);
      GPtrArray *keys = g_hash_table_lookup (walk->keys_from, row->table);

      for (guint k = 0; keys != NULL && k < keys->len; k++)
        {
          ForeignKey *fk = g_ptr_array_index (keys, k);
          sqlite3_value *value = row_get (row, fk->from);
          g_autofree char *t = _reslib_undo_quote_name (fk->parent);
          g_autofree char *c = _reslib_undo_quote_name (fk->to);
          g_autofree char *sql = NULL;
          sqlite3_stmt *stmt;
          int rc;

          if (value == NULL || sqlite3_value_type (value) == SQLITE_NULL)
            continue;
          sql = g_strdup_printf ("SELECT 1 FROM %s WHERE %s = ?", t, c);
          stmt = _reslib_store_prepare (self, sql, error);
          if (stmt == NULL)
            return FALSE;
          sqlite3_bind_value (stmt, 1, value);
          rc = sqlite3_step (stmt);
          sqlite3_reset (stmt);
          if (rc == SQLITE_DONE)
            {
              g_debug ("Cannot put back a row of %s: no row of %s has %s %s", row->table, fk->parent, fk->to,
                       sqlite3_value_text (value));
              return cannot_restore (error);
            }
          if (rc != SQLITE_ROW)
            return _reslib_store_check_sqlite (self, rc, error);
        }
    }

  return TRUE;
}

static gboolean
restore_cleared (ReslibStore  *self,
                 Cleared      *cleared,
                 GError      **error)
{
  g_autofree char *t = _reslib_undo_quote_name (cleared->table);
  g_autofree char *c = _reslib_undo_quote_name (cleared->column);
  g_autofree char *sql = g_strdup_printf ("UPDATE %s SET %s = ? WHERE id = ? AND %s IS NULL", t, c, c);

  for (guint r = 0; r < cleared->ids->len; r++)
    {
      sqlite3_stmt *stmt = _reslib_store_prepare (self, sql, error);
      int rc;

      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_value (stmt, 1, cleared->value);
      _reslib_store_bind_text (stmt, 2, g_ptr_array_index (cleared->ids, r));
      rc = sqlite3_step (stmt);
      sqlite3_reset (stmt);
      if (rc != SQLITE_DONE)
        return _reslib_store_check_sqlite (self, rc, error);
    }

  return TRUE;
}

static ReslibUndoStep *
restore (ReslibStore     *self,
         ReslibUndoStep  *step,
         ReslibUndoRun   *run,
         GError         **error)
{
  g_auto(Walk) walk = { NULL, };

  if (!walk_init (&walk, self, NULL, error))
    return NULL;
  /* The rows go back in the order they were found, which is not always parents first. */
  if (!_reslib_store_exec_script (self, "PRAGMA defer_foreign_keys = ON", error))
    return NULL;
  for (guint i = 0; i < step->rows->len; i++)
    if (!_reslib_undo_run_tick (run, error) ||
        !_reslib_undo_insert_row (self, g_ptr_array_index (step->rows, i), error))
      return NULL;
  if (!check_references (self, &walk, step->rows, error))
    return NULL;
  for (guint i = 0; i < step->cleared->len; i++)
    if (!restore_cleared (self, g_ptr_array_index (step->cleared, i), error))
      return NULL;
  for (guint i = 0; step->ids[i] != NULL; i++)
    {
      g_autofree char *project_id = reslib_store_project_of (self, step->kind, step->ids[i], error);

      if (project_id == NULL ||
          !reslib_store_log_event (self, project_id, step->kind, step->ids[i], "restore", NULL, error))
        return NULL;
    }
  notify_rows (self, step);

  return _reslib_undo_step_new (RESLIB_UNDO_STEP_RESTORATION, step->kind, (const char * const *) step->ids);
}

/* ---------------------------------------------------------------------------------------------- */

static ReslibUndoStep *
undo_one (ReslibStore     *self,
          ReslibUndoStep  *step,
          ReslibUndoRun   *run,
          GError         **error)
{
  g_autoptr(ReslibUndoStep) inverse = NULL;

  switch (step->type)
    {
    case RESLIB_UNDO_STEP_DELETION:
      return restore (self, step, run, error);
    case RESLIB_UNDO_STEP_RESTORATION:
      return delete_records (self, step->kind, (const char * const *) step->ids, run, error);
    case RESLIB_UNDO_STEP_EDIT:
      inverse = _reslib_undo_edit_step_new (self, step->kind, (const char * const *) step->ids,
                               (const char * const *) step->fields, error);
      if (inverse == NULL || !_reslib_undo_write_fields (self, step, run, error))
        return NULL;
      return g_steal_pointer (&inverse);
    case RESLIB_UNDO_STEP_ROWS:
      return _reslib_undo_rows (self, step, error);
    default:
      g_assert_not_reached ();
    }
}

/* Undoes @step and the steps joined to it, the last one first; the inverse is their inverses in the
 * order they were undone. */
static ReslibUndoStep *
undo_step (ReslibStore     *self,
           ReslibUndoStep  *step,
           ReslibUndoRun   *run,
           GError         **error)
{
  g_autoptr(ReslibUndoStep) inverse_then = NULL;
  ReslibUndoStep *inverse;

  if (step->then != NULL)
    {
      inverse_then = undo_step (self, step->then, run, error);
      if (inverse_then == NULL)
        return NULL;
    }
  inverse = undo_one (self, step, run, error);
  if (inverse == NULL || inverse_then == NULL)
    return inverse;

  return reslib_undo_step_join (g_steal_pointer (&inverse_then), inverse);
}

ReslibUndoStep *
_reslib_undo_in_transaction (ReslibStore     *self,
                             ReslibUndoStep  *step,
                             GError         **error)
{
  return undo_step (self, step, NULL, error);
}

/**
 * reslib_store_undo:
 *
 * Undoes @step in one transaction: puts back what a deletion deleted (the same ids, rows, links
 * and references), deletes again what a restoration put back, writes back what an edit replaced.
 *
 * Returns: (transfer full): the step that undoes this undoing (for redo), or %NULL with @error set
 *   when the store has changed so that @step cannot be undone; nothing is changed then.
 */
ReslibUndoStep *
reslib_store_undo (ReslibStore     *self,
                   ReslibUndoStep  *step,
                   GError         **error)
{
  g_return_val_if_fail (RESLIB_IS_STORE (self), NULL);
  g_return_val_if_fail (step != NULL, NULL);

  return _reslib_store_undo_run (self, step, NULL, error);
}

/* reslib_store_undo(), followed by @run. */
ReslibUndoStep *
_reslib_store_undo_run (ReslibStore     *self,
                        ReslibUndoStep  *step,
                        ReslibUndoRun   *run,
                        GError         **error)
{
  g_autoptr(ReslibUndoStep) inverse = NULL;

  if (!reslib_store_begin (self, error))
    return NULL;
  if (_reslib_undo_index_hold (self, step, error))
    inverse = undo_step (self, step, run, error);
  if (!_reslib_undo_index_release (self, inverse != NULL, error))
    g_clear_pointer (&inverse, reslib_undo_step_unref);
  if (inverse == NULL)
    {
      reslib_store_rollback (self);
      return NULL;
    }
  if (!reslib_store_commit (self, error))
    return NULL;
  for (ReslibUndoStep *s = inverse; s != NULL; s = s->then)
    if (s->type == RESLIB_UNDO_STEP_DELETION || s->type == RESLIB_UNDO_STEP_ROWS)
      hold_blobs (self, s);

  return g_steal_pointer (&inverse);
}

/* How many rows undoing @step writes (or records it deletes), for a run's progress. */
guint
_reslib_undo_step_count_rows (ReslibUndoStep *step)
{
  guint n = 0;

  for (ReslibUndoStep *s = step; s != NULL; s = s->then)
    n += s->type == RESLIB_UNDO_STEP_RESTORATION ? g_strv_length (s->ids) : s->rows->len;

  return n;
}

/* The files @step (and the steps joined to it) keep from the collection are kept through @store: a
 * step made by a worker's connection outlives that connection. */
void
_reslib_undo_step_set_holder (ReslibUndoStep *step,
                              ReslibStore    *store)
{
  for (ReslibUndoStep *s = step; s != NULL; s = s->then)
    {
      if (s->first != NULL)
        _reslib_undo_step_set_holder (s->first, store);
      if (s->holder == NULL)
        continue;
      /* The count is kept per database file, so it moves with the reference. */
      g_return_if_fail (g_strcmp0 (reslib_store_get_db_path (s->holder), reslib_store_get_db_path (store)) == 0);
      g_set_object (&s->holder, store);
    }
}
