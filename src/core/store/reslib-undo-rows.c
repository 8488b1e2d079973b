/* reslib-undo-rows.c — undoing a change by the rows it touched: the rows of a table whose column holds one
 * value (the usage statistics of a project, the earlier versions of a resource's file), copied before the
 * change; undoing deletes the rows there are now and inserts the copies, in the caller's transaction, and
 * returns the step that does it again.
 *
 * An edit of fields can go first (ReslibUndoStep.first): a resource's file, name and review state put back
 * before the versions are, so that the row the store's trigger writes for the file put back (sql/0009) goes
 * with the rows replaced, and the versions are exactly what they were.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "reslib-undo-step-private.h"

/**
 * _reslib_undo_rows_step_new:
 * @table: a table
 * @column: one of its columns
 * @value: the value of @column of the rows a change is about to touch
 * @project_id: the project they belong to, whose listeners hear of an undo
 *
 * Copies the rows of @table whose @column is @value; called in the change's transaction, before it writes.
 *
 * Returns: (transfer full): the step that undoes the change, or %NULL with @error set
 */
ReslibUndoStep *
_reslib_undo_rows_step_new (ReslibStore  *self,
                            const char   *table,
                            const char   *column,
                            const char   *value,
                            const char   *project_id,
                            GError      **error)
{
  g_autoptr(ReslibUndoStep) step = _reslib_undo_step_new (RESLIB_UNDO_STEP_ROWS, RESLIB_KIND_PROJECT,
                                                          (const char * const[]) { value, NULL });
  g_autofree char *t = _reslib_undo_quote_name (table);
  g_autofree char *c = _reslib_undo_quote_name (column);
  g_autofree char *sql = g_strdup_printf ("SELECT * FROM %s WHERE %s = ?1", t, c);
  gpointer values[] = { (gpointer) value };

  step->table = g_strdup (table);
  step->column = g_strdup (column);
  step->project_id = g_strdup (project_id);
  if (!_reslib_undo_select_rows (self, NULL, sql, table, values, 1, TRUE, step->rows, error))
    return NULL;

  return g_steal_pointer (&step);
}

/* Undoes @step in the caller's transaction; returns the step that redoes it. */
ReslibUndoStep *
_reslib_undo_rows (ReslibStore     *self,
                   ReslibUndoStep  *step,
                   GError         **error)
{
  g_autoptr(ReslibUndoStep) inverse = NULL;
  g_autofree char *t = _reslib_undo_quote_name (step->table);
  g_autofree char *c = _reslib_undo_quote_name (step->column);
  g_autofree char *sql = g_strdup_printf ("DELETE FROM %s WHERE %s = ?1", t, c);

  inverse = _reslib_undo_rows_step_new (self, step->table, step->column, step->ids[0], step->project_id, error);
  if (inverse == NULL)
    return NULL;
  if (step->first != NULL)
    {
      inverse->first = _reslib_undo_in_transaction (self, step->first, error);
      if (inverse->first == NULL)
        return NULL;
    }
  if (!_reslib_store_exec_args (self, sql, (const char * const[]) { step->ids[0], NULL }, error))
    return NULL;
  for (guint i = 0; i < step->rows->len; i++)
    if (!_reslib_undo_insert_row (self, g_ptr_array_index (step->rows, i), error))
      return NULL;
  _reslib_store_note_change (self, RESLIB_KIND_PROJECT, step->project_id);

  return g_steal_pointer (&inverse);
}
