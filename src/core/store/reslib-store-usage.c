/* reslib-store-usage.c — the usage statistics of a project (应用推广, sql/0011-usage.sql): imported per
 * period, listed, and the registered users at a date (for the yearly user growth after acceptance)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "reslib-error.h"
#include "reslib-store-private.h"
#include "reslib-store-usage.h"
#include "reslib-undo-step-private.h"

#define COLUMNS "period_start, period_end, students, teachers, employees, public_learners, learners, schools, visits"

/**
 * reslib_usage_period_free:
 * @period: (nullable) (transfer full): a period's figures
 */
void
reslib_usage_period_free (ReslibUsagePeriod *period)
{
  if (period == NULL)
    return;
  g_free (period->period_start);
  g_free (period->period_end);
  g_free (period);
}

/**
 * reslib_usage_period_users:
 * @period: a period's figures
 *
 * Returns: the registered users at the end of the period: students, teachers, enterprise employees and
 *   learners from the public
 */
gint64
reslib_usage_period_users (const ReslibUsagePeriod *period)
{
  g_return_val_if_fail (period != NULL, 0);

  return period->students + period->teachers + period->employees + period->public_learners;
}

static ReslibUsagePeriod *
period_from_row (ReslibStatement *stmt)
{
  ReslibUsagePeriod *p = g_new0 (ReslibUsagePeriod, 1);

  p->period_start = reslib_statement_dup_text (stmt, 0);
  p->period_end = reslib_statement_dup_text (stmt, 1);
  p->students = reslib_statement_get_int64 (stmt, 2);
  p->teachers = reslib_statement_get_int64 (stmt, 3);
  p->employees = reslib_statement_get_int64 (stmt, 4);
  p->public_learners = reslib_statement_get_int64 (stmt, 5);
  p->learners = reslib_statement_get_int64 (stmt, 6);
  p->schools = reslib_statement_get_int64 (stmt, 7);
  p->visits = reslib_statement_get_int64 (stmt, 8);

  return p;
}

/**
 * reslib_store_list_usage:
 * @project_id: a project of the store
 *
 * Returns: (transfer full) (element-type ReslibUsagePeriod): the project's periods by their start, or
 *   %NULL with @error set
 */
GPtrArray *
reslib_store_list_usage (ReslibStore  *store,
                         const char   *project_id,
                         GError      **error)
{
  g_autoptr(ReslibStatement) stmt = NULL;
  g_autoptr(GPtrArray) periods = g_ptr_array_new_with_free_func ((GDestroyNotify) reslib_usage_period_free);

  g_return_val_if_fail (RESLIB_IS_STORE (store), NULL);
  g_return_val_if_fail (project_id != NULL, NULL);

  stmt = reslib_statement_new (store, "SELECT " COLUMNS " FROM usage_periods WHERE project_id = ? "
                                      "ORDER BY period_start, period_end", error);
  if (stmt == NULL)
    return NULL;
  reslib_statement_bind_text (stmt, 1, project_id);
  while (reslib_statement_step (stmt, error))
    g_ptr_array_add (periods, period_from_row (stmt));
  if (reslib_statement_failed (stmt))
    return NULL;

  return g_steal_pointer (&periods);
}

static gboolean
import_usage (ReslibStore     *store,
              const char      *project_id,
              GPtrArray       *periods,
              const char      *source,
              gboolean         dry_run,
              guint           *n_added,
              guint           *n_replaced,
              ReslibUndoStep **undo,
              GError         **error)
{
  g_autoptr(ReslibStatement) find = NULL;
  g_autoptr(ReslibStatement) write = NULL;
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(ReslibUndoStep) step = NULL;
  g_autofree char *now = reslib_now_iso8601 ();
  guint added = 0, replaced = 0;

  g_return_val_if_fail (RESLIB_IS_STORE (store), FALSE);
  g_return_val_if_fail (project_id != NULL && periods != NULL, FALSE);

  if (!reslib_store_begin (store, error))
    return FALSE;
  find = reslib_statement_new (store, "SELECT id FROM usage_periods "
                                      "WHERE project_id = ?1 AND period_start = ?2 AND period_end = ?3", error);
  write = find != NULL ? reslib_statement_new (store,
                                               "INSERT INTO usage_periods (id, project_id, " COLUMNS ", source, "
                                               "imported_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, "
                                               "?12, ?13) ON CONFLICT (project_id, period_start, period_end) DO "
                                               "UPDATE SET students = excluded.students, teachers = excluded.teachers, "
                                               "employees = excluded.employees, public_learners = "
                                               "excluded.public_learners, learners = excluded.learners, schools = "
                                               "excluded.schools, visits = excluded.visits, source = excluded.source, "
                                               "imported_at = excluded.imported_at",
                                               error)
                       : NULL;
  if (write == NULL)
    {
      reslib_store_rollback (store);
      return FALSE;
    }
  /* Which periods the store has (they keep their ids) and which are new */
  for (guint i = 0; i < periods->len; i++)
    {
      const ReslibUsagePeriod *p = g_ptr_array_index (periods, i);

      reslib_statement_reset (find);
      reslib_statement_bind_texts (find, 1, (const char * const[]) { project_id, p->period_start, p->period_end, NULL });
      if (reslib_statement_step (find, error))
        {
          g_ptr_array_add (ids, reslib_statement_dup_text (find, 0));
          replaced++;
        }
      else if (reslib_statement_failed (find))
        {
          reslib_store_rollback (store);
          return FALSE;
        }
      else
        {
          g_ptr_array_add (ids, reslib_uuid_new ());
          added++;
        }
    }
  g_ptr_array_add (ids, NULL);
  if (!dry_run && undo != NULL &&
      (step = _reslib_undo_rows_step_new (store, "usage_periods", "project_id", project_id, project_id,
                                          error)) == NULL)
    {
      reslib_store_rollback (store);
      return FALSE;
    }
  for (guint i = 0; !dry_run && i < periods->len; i++)
    {
      const ReslibUsagePeriod *p = g_ptr_array_index (periods, i);
      const gint64 numbers[] = { p->students, p->teachers, p->employees, p->public_learners, p->learners, p->schools,
                                 p->visits };

      reslib_statement_reset (write);
      reslib_statement_bind_texts (write, 1, (const char * const[]) { g_ptr_array_index (ids, i), project_id,
                                                                      p->period_start, p->period_end, NULL });
      for (guint j = 0; j < G_N_ELEMENTS (numbers); j++)
        reslib_statement_bind_int64 (write, 5 + (int) j, numbers[j]);
      reslib_statement_bind_text (write, 12, source);
      reslib_statement_bind_text (write, 13, now);
      if (!reslib_statement_execute (write, error))
        {
          reslib_store_rollback (store);
          return FALSE;
        }
    }
  if (dry_run)
    reslib_store_rollback (store);
  else
    {
      if (!reslib_store_log_event (store, project_id, RESLIB_KIND_PROJECT, project_id, "import-usage", source, error))
        {
          reslib_store_rollback (store);
          return FALSE;
        }
      _reslib_store_note_change (store, RESLIB_KIND_PROJECT, project_id);
      if (!reslib_store_commit (store, error))
        return FALSE;
    }
  if (n_added != NULL)
    *n_added = added;
  if (n_replaced != NULL)
    *n_replaced = replaced;
  if (undo != NULL)
    *undo = g_steal_pointer (&step);

  return TRUE;
}

/**
 * reslib_store_import_usage:
 * @project_id: a project of the store
 * @periods: (element-type ReslibUsagePeriod): checked figures (reslib_usage_csv_read())
 * @source: (nullable): where they come from (the file's name)
 * @dry_run: count what would change and write nothing
 * @n_added: (out) (optional): periods the store did not have
 * @n_replaced: (out) (optional): periods that replace the store's (the same start and end)
 *
 * Writes the periods in one transaction: all of them or none.
 *
 * Returns: %TRUE, or %FALSE with @error set and nothing written
 */
gboolean
reslib_store_import_usage (ReslibStore  *store,
                           const char   *project_id,
                           GPtrArray    *periods,
                           const char   *source,
                           gboolean      dry_run,
                           guint        *n_added,
                           guint        *n_replaced,
                           GError      **error)
{
  return import_usage (store, project_id, periods, source, dry_run, n_added, n_replaced, NULL, error);
}

/**
 * reslib_store_import_usage_undoable:
 * @project_id: a project of the store
 * @periods: (element-type ReslibUsagePeriod): checked figures (reslib_usage_csv_read())
 * @source: (nullable): where they come from (the file's name)
 * @n_added: (out) (optional): periods the store did not have
 * @n_replaced: (out) (optional): periods that replace the store's (the same start and end)
 *
 * Writes the periods as reslib_store_import_usage() does, and returns how to undo it: undoing deletes the
 * periods it added and puts back, as they were, those it replaced.
 *
 * Returns: (transfer full): the step that undoes the import, or %NULL with @error set and nothing written
 */
ReslibUndoStep *
reslib_store_import_usage_undoable (ReslibStore  *store,
                                    const char   *project_id,
                                    GPtrArray    *periods,
                                    const char   *source,
                                    guint        *n_added,
                                    guint        *n_replaced,
                                    GError      **error)
{
  ReslibUndoStep *step = NULL;

  if (!import_usage (store, project_id, periods, source, FALSE, n_added, n_replaced, &step, error))
    return NULL;

  return step;
}

/**
 * reslib_store_usage_users_at:
 * @project_id: a project of the store
 * @date: a date, YYYY-MM-DD
 * @users: (out): the registered users of the last period that ends on or before @date; -1 when none does
 * @period_end: (out) (optional) (nullable): that period's end
 *
 * The registered users at @date, for the yearly user growth after acceptance (教职成司函〔2022〕12号): the
 * users at acceptance and a year later are two calls.
 *
 * Returns: %TRUE, or %FALSE with @error set
 */
gboolean
reslib_store_usage_users_at (ReslibStore  *store,
                             const char   *project_id,
                             const char   *date,
                             gint64       *users,
                             char        **period_end,
                             GError      **error)
{
  g_autoptr(ReslibStatement) stmt = NULL;

  g_return_val_if_fail (RESLIB_IS_STORE (store), FALSE);
  g_return_val_if_fail (project_id != NULL && date != NULL && users != NULL, FALSE);

  *users = -1;
  if (period_end != NULL)
    *period_end = NULL;
  stmt = reslib_statement_new (store, "SELECT students + teachers + employees + public_learners, period_end "
                                      "FROM usage_periods WHERE project_id = ?1 AND period_end <= ?2 "
                                      "ORDER BY period_end DESC, period_start DESC LIMIT 1", error);
  if (stmt == NULL)
    return FALSE;
  reslib_statement_bind_texts (stmt, 1, (const char * const[]) { project_id, date, NULL });
  if (reslib_statement_step (stmt, error))
    {
      *users = reslib_statement_get_int64 (stmt, 0);
      if (period_end != NULL)
        *period_end = reslib_statement_dup_text (stmt, 1);
    }

  return !reslib_statement_failed (stmt);
}
