/* reslib-store-foreach.c — records of a kind one at a time, for listings too long to hold in memory
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "reslib-entity.h"
#include "reslib-record.h"
#include "reslib-store-private.h"

/* Sets @record's fields from a row of _reslib_store_select_sql(). */
void
_reslib_store_fill_record (ReslibRecord       *record,
                           const ReslibEntity *entity,
                           ReslibStatement    *stmt)
{
  for (guint i = 0; i < entity->n_fields; i++)
    {
      const char *text = reslib_statement_get_text (stmt, i);

      if (entity->fields[i].type == RESLIB_FIELD_LIST)
        _reslib_record_take_list (record, i, text != NULL ? g_strsplit (text, "\x1f", -1) : NULL);
      else
        _reslib_record_take_value (record, i, g_strdup (text));
    }
}

/**
 * reslib_store_foreach:
 * @self: a store
 * @kind: a kind of record
 * @scope_id: (nullable): the project (or, for nodes, the course) whose records to go through; ignored for
 *   projects
 * @func: (scope call): called with each record in turn, in the order of reslib_store_list(); returns %FALSE
 *   with its error set to stop
 * @user_data: for @func
 * @error: return location for a #GError, or %NULL
 *
 * Goes through the same records as reslib_store_list() without holding them all: @func is given one
 * record object whose fields are those of each row in turn, so it may not keep it or a pointer into it
 * beyond the call. A listing of 100,000 resources takes as much memory as one.
 *
 * Returns: %TRUE when every record was given to @func
 */
gboolean
reslib_store_foreach (ReslibStore           *self,
                      ReslibKind             kind,
                      const char            *scope_id,
                      ReslibStoreRecordFunc  func,
                      gpointer               user_data,
                      GError               **error)
{
  const ReslibEntity *entity = reslib_entity_get (kind);
  g_autoptr(ReslibStatement) stmt = NULL;
  g_autoptr(ReslibRecord) record = NULL;
  g_autofree char *sql = NULL;
  gboolean scoped;

  g_return_val_if_fail (RESLIB_IS_STORE (self), FALSE);
  g_return_val_if_fail (func != NULL, FALSE);

  scoped = entity->scope_column != NULL && scope_id != NULL;
  if (scoped)
    sql = g_strdup_printf ("%s WHERE t.%s = ? ORDER BY %s", _reslib_store_select_sql (entity), entity->scope_column,
                           entity->order_by);
  else
    sql = g_strdup_printf ("%s ORDER BY %s", _reslib_store_select_sql (entity), entity->order_by);
  stmt = reslib_statement_new (self, sql, error);
  if (stmt == NULL)
    return FALSE;
  if (scoped)
    reslib_statement_bind_texts (stmt, 1, (const char * const[]) { scope_id, NULL });

  record = _reslib_record_new (kind);
  while (reslib_statement_step (stmt, error))
    {
      _reslib_store_fill_record (record, entity, stmt);
      if (!func (record, user_data, error))
        return FALSE;
    }

  return !reslib_statement_failed (stmt);
}
