/* reslib-store-stats.c — statistics of a project, read from the store (for reports and the overview)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <sqlite3.h>
#include <stdio.h>
#include <string.h>

#include "reslib-probe.h"
#include "reslib-store-stats.h"
#include "reslib-store-private.h"

/* Prepares @sql with ?1 bound to @project_id and ?2, ?3 to @arg2, @arg3 when given. */
static ReslibStatement *
query (ReslibStore  *store,
       const char   *sql,
       const char   *project_id,
       const char   *arg2,
       const char   *arg3,
       GError      **error)
{
  ReslibStatement *stmt = reslib_statement_new_once (store, sql, error);

  if (stmt == NULL)
    return NULL;
  reslib_statement_bind_text (stmt, 1, project_id);
  if (arg2 != NULL)
    reslib_statement_bind_text (stmt, 2, arg2);
  if (arg3 != NULL)
    reslib_statement_bind_text (stmt, 3, arg3);

  return stmt;
}

/* The first column of the first row as a number (0 without rows); FALSE on an error. */
static gboolean
query_uint (ReslibStore  *store,
            const char   *sql,
            const char   *project_id,
            const char   *arg2,
            guint        *value,
            GError      **error)
{
  g_autoptr(ReslibStatement) stmt = query (store, sql, project_id, arg2, NULL, error);

  *value = 0;
  if (stmt == NULL)
    return FALSE;
  if (reslib_statement_step (stmt, error))
    *value = (guint) reslib_statement_get_int64 (stmt, 0);

  return !reslib_statement_failed (stmt);
}

/* The first column of the first row as text: NULL (no error) when there is none. */
static char *
query_text (ReslibStore  *store,
            const char   *sql,
            const char   *project_id,
            GError      **error)
{
  g_autoptr(ReslibStatement) stmt = query (store, sql, project_id, NULL, NULL, error);

  if (stmt == NULL || !reslib_statement_step (stmt, error))
    return NULL;

  return reslib_statement_dup_text (stmt, 0);
}

static GHashTable *
count_by (ReslibStore  *store,
          const char   *project_id,
          const char   *column,
          GError      **error)
{
  g_autoptr(GHashTable) counts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree char *sql = g_strdup_printf ("SELECT %s, count (*) FROM resources WHERE project_id = ?1 "
                                          "AND %s IS NOT NULL GROUP BY 1", column, column);
  g_autoptr(ReslibStatement) stmt = query (store, sql, project_id, NULL, NULL, error);

  if (stmt == NULL)
    return NULL;
  while (reslib_statement_step (stmt, error))
    g_hash_table_insert (counts, reslib_statement_dup_text (stmt, 0), GUINT_TO_POINTER ((guint) reslib_statement_get_int64 (stmt, 1)));
  if (reslib_statement_failed (stmt))
    return NULL;

  return g_steal_pointer (&counts);
}

static void
course_stats_free (ReslibCourseStats *course)
{
  g_free (course->id);
  g_free (course->title);
  g_free (course->kind);
  g_free (course);
}

/**
 * reslib_project_stats_free:
 * @stats: (nullable) (transfer full): statistics from reslib_store_get_project_stats()
 *
 * Frees @stats and everything in it.
 */
void
reslib_project_stats_free (ReslibProjectStats *stats)
{
  if (stats == NULL)
    return;
  g_clear_pointer (&stats->by_type, g_hash_table_unref);
  g_clear_pointer (&stats->by_origin, g_hash_table_unref);
  g_clear_pointer (&stats->by_state, g_hash_table_unref);
  g_clear_pointer (&stats->courses, g_ptr_array_unref);
  g_free (stats);
}

static gboolean
read_courses (ReslibStore        *store,
              const char         *project_id,
              ReslibProjectStats *stats,
              GError            **error)
{
  g_autoptr(ReslibStatement) stmt =
    query (store,
           "SELECT c.id, c.title, c.kind, "
           "(SELECT count (*) FROM course_nodes n WHERE n.course_id = c.id AND n.kind = 'module'), "
           "(SELECT count (*) FROM course_nodes n WHERE n.course_id = c.id AND n.kind = 'knowledge'), "
           "(SELECT count (*) FROM course_nodes n WHERE n.course_id = c.id AND n.kind = 'skill'), "
           "(SELECT count (*) FROM course_nodes n WHERE n.course_id = c.id AND n.kind = 'knowledge' "
           " AND EXISTS (SELECT 1 FROM resource_nodes rn WHERE rn.node_id = n.id)), "
           "(SELECT count (*) FROM course_nodes n WHERE n.course_id = c.id AND n.kind = 'skill' "
           " AND EXISTS (SELECT 1 FROM resource_nodes rn WHERE rn.node_id = n.id)), "
           "(SELECT count (DISTINCT rn.resource_id) FROM resource_nodes rn JOIN course_nodes n ON n.id = rn.node_id "
           " WHERE n.course_id = c.id) "
           "FROM courses c WHERE c.project_id = ?1 ORDER BY c.position, c.created_at", project_id, NULL, NULL, error);

  if (stmt == NULL)
    return FALSE;
  while (reslib_statement_step (stmt, error))
    {
      ReslibCourseStats *course = g_new0 (ReslibCourseStats, 1);

      course->id = reslib_statement_dup_text (stmt, 0);
      course->title = reslib_statement_dup_text (stmt, 1);
      course->kind = reslib_statement_dup_text (stmt, 2);
      course->n_modules = (guint) reslib_statement_get_int64 (stmt, 3);
      course->n_knowledge = (guint) reslib_statement_get_int64 (stmt, 4);
      course->n_skills = (guint) reslib_statement_get_int64 (stmt, 5);
      course->n_knowledge_linked = (guint) reslib_statement_get_int64 (stmt, 6);
      course->n_skills_linked = (guint) reslib_statement_get_int64 (stmt, 7);
      course->n_resources = (guint) reslib_statement_get_int64 (stmt, 8);
      stats->n_points += course->n_knowledge + course->n_skills;
      stats->n_points_linked += course->n_knowledge_linked + course->n_skills_linked;
      g_ptr_array_add (stats->courses, course);
    }

  return !reslib_statement_failed (stmt);
}

/* Video hours: from the cached probes, one duration per resource (a file imported twice counts twice). */
static gboolean
read_videos (ReslibStore        *store,
             const char         *project_id,
             ReslibProjectStats *stats,
             GError            **error)
{
  g_autoptr(GHashTable) probes = reslib_store_get_project_probes (store, project_id, error);
  g_autoptr(ReslibStatement) stmt = NULL;

  if (probes == NULL)
    return FALSE;
  stmt = query (store, "SELECT blob_sha256 FROM resources WHERE project_id = ?1 AND type = 'video'",
                project_id, NULL, NULL, error);
  if (stmt == NULL)
    return FALSE;
  while (reslib_statement_step (stmt, error))
    {
      ReslibProbeInfo *info = g_hash_table_lookup (probes, reslib_statement_get_text (stmt, 0));

      stats->n_videos++;
      if (info != NULL && info->error == NULL && info->duration > 0)
        {
          stats->n_videos_probed++;
          stats->video_seconds += info->duration;
        }
    }

  return !reslib_statement_failed (stmt);
}

/**
 * reslib_store_get_project_stats:
 *
 * Returns: (transfer full): the project's counts, read in one read transaction.
 */
ReslibProjectStats *
reslib_store_get_project_stats (ReslibStore  *store,
                                const char   *project_id,
                                GError      **error)
{
  g_autoptr(ReslibProjectStats) stats = g_new0 (ReslibProjectStats, 1);
  gboolean started = FALSE;
  gboolean ok;

  g_return_val_if_fail (RESLIB_IS_STORE (store), NULL);
  g_return_val_if_fail (project_id != NULL, NULL);

  stats->courses = g_ptr_array_new_with_free_func ((GDestroyNotify) course_stats_free);
  if (!reslib_store_begin_read (store, &started, error))
    return NULL;
  ok = query_uint (store, "SELECT count (*) FROM resources WHERE project_id = ?1", project_id, NULL,
                   &stats->n_resources, error) &&
       (stats->by_type = count_by (store, project_id, "type", error)) != NULL &&
       (stats->by_origin = count_by (store, project_id, "origin", error)) != NULL &&
       (stats->by_state = count_by (store, project_id, "state", error)) != NULL &&
       query_uint (store,
                   "SELECT count (*) FROM resources r WHERE r.project_id = ?1 AND NOT EXISTS "
                   "(SELECT 1 FROM resource_nodes rn WHERE rn.resource_id = r.id)", project_id, NULL,
                   &stats->n_unlinked, error) &&
       query_uint (store, "SELECT count (*) FROM units WHERE project_id = ?1", project_id, NULL,
                   &stats->n_units, error) &&
       query_uint (store, "SELECT count (*) FROM members WHERE project_id = ?1", project_id, NULL,
                   &stats->n_members, error) &&
       read_courses (store, project_id, stats, error) &&
       read_videos (store, project_id, stats, error);
  reslib_store_end_read (store, started);

  return ok ? g_steal_pointer (&stats) : NULL;
}

/**
 * reslib_store_count_monthly_additions:
 *
 * Returns: (transfer full) (element-type ReslibMonthCount): one entry per month, oldest first.
 */
GArray *
reslib_store_count_monthly_additions (ReslibStore  *store,
                                      const char   *project_id,
                                      const char   *last_month,
                                      guint         n_months,
                                      GError      **error)
{
  g_autoptr(GArray) months = g_array_sized_new (FALSE, TRUE, sizeof (ReslibMonthCount), n_months);
  g_autoptr(ReslibStatement) stmt = NULL;
  int year, month;

  g_return_val_if_fail (RESLIB_IS_STORE (store), NULL);
  g_return_val_if_fail (n_months > 0 && n_months < 1200, NULL);

  if (last_month != NULL)
    {
      if (strlen (last_month) != 7 || sscanf (last_month, "%4d-%2d", &year, &month) != 2 || month < 1 || month > 12)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, "Not a month (YYYY-MM): “%s”", last_month);
          return NULL;
        }
    }
  else
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

      year = g_date_time_get_year (now);
      month = g_date_time_get_month (now);
    }

  /* Oldest first: go back n_months - 1 months. */
  month -= (int) n_months - 1;
  while (month < 1)
    {
      month += 12;
      year--;
    }
  for (guint i = 0; i < n_months; i++)
    {
      ReslibMonthCount entry = { { 0 }, 0 };

      g_snprintf (entry.month, sizeof entry.month, "%04d-%02d", year, month);
      g_array_append_val (months, entry);
      if (++month > 12)
        {
          month = 1;
          year++;
        }
    }

  stmt = query (store,
                "SELECT substr (created_at, 1, 7), count (*) FROM resources WHERE project_id = ?1 "
                "AND created_at >= ?2 AND substr (created_at, 1, 7) <= ?3 GROUP BY 1",
                project_id, g_array_index (months, ReslibMonthCount, 0).month,
                g_array_index (months, ReslibMonthCount, n_months - 1).month, error);
  if (stmt == NULL)
    return NULL;
  while (reslib_statement_step (stmt, error))
    {
      const char *key = reslib_statement_get_text (stmt, 0);

      for (guint i = 0; key != NULL && i < n_months; i++)
        if (strcmp (g_array_index (months, ReslibMonthCount, i).month, key) == 0)
          g_array_index (months, ReslibMonthCount, i).count = (guint) reslib_statement_get_int64 (stmt, 1);
    }
  if (reslib_statement_failed (stmt))
    return NULL;

  return g_steal_pointer (&months);
}

/**
 * reslib_store_count_changes_since:
 * @store: a store
 * @project_id: the project
 * @from: the start of the period, ISO 8601, inclusive
 * @counts: (out caller-allocates): the resources added, updated, deleted and changed since @from
 * @error: return location for a #GError, or %NULL
 *
 * Counts the changes of the project's resources since @from, from the audit log.
 *
 * Returns: %TRUE, or %FALSE with @error set when the store cannot be read
 */
gboolean
reslib_store_count_changes_since (ReslibStore        *store,
                                  const char         *project_id,
                                  const char         *from,
                                  ReslibChangeCounts *counts,
                                  GError            **error)
{
  g_return_val_if_fail (RESLIB_IS_STORE (store), FALSE);
  g_return_val_if_fail (from != NULL && counts != NULL, FALSE);

  memset (counts, 0, sizeof *counts);

  /* A resource is "added" when it was created in the period, "updated" when it was only changed. */
  return query_uint (store,
                     "SELECT count (DISTINCT e.subject_id) FROM events e JOIN resources r ON r.id = e.subject_id "
                     "WHERE e.project_id = ?1 AND e.subject_kind = 'resource' AND e.action = 'create' AND e.at >= ?2",
                     project_id, from, &counts->added, error) &&
         query_uint (store,
                     "SELECT count (DISTINCT subject_id) FROM events WHERE project_id = ?1 "
                     "AND subject_kind = 'resource' AND action IN ('create', 'update') AND at >= ?2 AND at < '9999'",
                     project_id, from, &counts->changed, error) &&
         query_uint (store,
                     "SELECT count (DISTINCT e.subject_id) FROM events e JOIN resources r ON r.id = e.subject_id "
                     "WHERE e.project_id = ?1 AND e.subject_kind = 'resource' AND e.action = 'update' AND e.at >= ?2 "
                     "AND NOT EXISTS (SELECT 1 FROM events c WHERE c.subject_id = e.subject_id AND c.action = 'create' "
                     "AND c.at >= ?2)", project_id, from, &counts->updated, error) &&
         query_uint (store,
                     "SELECT count (DISTINCT subject_id) FROM events WHERE project_id = ?1 AND subject_kind = 'resource' "
                     "AND action = 'delete' AND at >= ?2", project_id, from, &counts->deleted, error);
}

static void
resource_change_free (ReslibResourceChange *change)
{
  g_free (change->title);
  g_free (change->type);
  g_free (change->first_at);
  g_free (change->last_at);
  g_free (change);
}

/**
 * reslib_store_list_resource_changes:
 * @store: a store
 * @project_id: the project
 * @from: the start of the period, ISO 8601, inclusive
 * @error: return location for a #GError, or %NULL
 *
 * Returns: (transfer full) (element-type ReslibResourceChange) (nullable): the resources created or
 *   updated since @from, latest first; %NULL with @error set when the store cannot be read
 */
GPtrArray *
reslib_store_list_resource_changes (ReslibStore  *store,
                                    const char   *project_id,
                                    const char   *from,
                                    GError      **error)
{
  g_autoptr(GPtrArray) changes = g_ptr_array_new_with_free_func ((GDestroyNotify) resource_change_free);
  g_autoptr(ReslibStatement) stmt =
    query (store,
           "SELECT r.title, r.type, min (e.at), max (e.at), "
           "max (CASE e.action WHEN 'create' THEN 1 ELSE 0 END) FROM events e JOIN resources r ON r.id = e.subject_id "
           "WHERE e.project_id = ?1 AND e.subject_kind = 'resource' AND e.action IN ('create', 'update') "
           "AND e.at >= ?2 GROUP BY r.id ORDER BY max (e.at) DESC, r.rowid DESC", project_id, from, NULL, error);

  if (stmt == NULL)
    return NULL;
  while (reslib_statement_step (stmt, error))
    {
      ReslibResourceChange *change = g_new0 (ReslibResourceChange, 1);

      change->title = reslib_statement_dup_text (stmt, 0);
      change->type = reslib_statement_dup_text (stmt, 1);
      change->first_at = reslib_statement_dup_text (stmt, 2);
      change->last_at = reslib_statement_dup_text (stmt, 3);
      change->created = reslib_statement_get_int64 (stmt, 4) != 0;
      g_ptr_array_add (changes, change);
    }
  if (reslib_statement_failed (stmt))
    return NULL;

  return g_steal_pointer (&changes);
}

static void
team_row_free (ReslibTeamRow *row)
{
  g_free (row->name);
  g_free (row->unit);
  g_free (row->title);
  g_free (row->duty);
  g_free (row->office);
  g_free (row);
}

/**
 * reslib_store_list_team_rows:
 * @store: a store
 * @project_id: the project
 * @error: return location for a #GError, or %NULL
 *
 * Returns: (transfer full) (element-type ReslibTeamRow) (nullable): the rows of a report's team
 *   table, with the units' names joined in, in the report's order; %NULL with @error set when the
 *   store cannot be read
 */
GPtrArray *
reslib_store_list_team_rows (ReslibStore  *store,
                             const char   *project_id,
                             GError      **error)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) team_row_free);
  g_autoptr(ReslibStatement) stmt = query (store,
                                        "SELECT m.name, u.name, m.title, m.duty, m.office, m.leader = 'yes', "
                                        "m.dual_qualified = 'yes', m.enterprise = 'yes', coalesce (m.birth_year, 0) "
                                        "FROM members m "
                                        "LEFT JOIN units u ON u.id = m.unit_id WHERE m.project_id = ?1 "
                                        "ORDER BY m.leader = 'yes' DESC, CASE u.role WHEN 'host' THEN 0 ELSE 1 END, "
                                        "coalesce (u.host_rank, 1000), u.position, u.created_at, "
                                        "m.position, m.created_at", project_id, NULL, NULL, error);

  if (stmt == NULL)
    return NULL;
  while (reslib_statement_step (stmt, error))
    {
      ReslibTeamRow *row = g_new0 (ReslibTeamRow, 1);

      row->name = reslib_statement_dup_text (stmt, 0);
      row->unit = reslib_statement_dup_text (stmt, 1);
      row->title = reslib_statement_dup_text (stmt, 2);
      row->duty = reslib_statement_dup_text (stmt, 3);
      row->office = reslib_statement_dup_text (stmt, 4);
      row->leader = reslib_statement_get_int64 (stmt, 5) != 0;
      row->dual_qualified = reslib_statement_get_int64 (stmt, 6) != 0;
      row->enterprise = reslib_statement_get_int64 (stmt, 7) != 0;
      row->birth_year = reslib_statement_get_int64 (stmt, 8);
      g_ptr_array_add (rows, row);
    }
  if (reslib_statement_failed (stmt))
    return NULL;

  return g_steal_pointer (&rows);
}

static void
budget_row_free (ReslibBudgetRow *row)
{
  g_free (row->unit_id);
  g_free (row->unit);
  g_free (row->source);
  g_free (row->category);
  g_free (row->note);
  g_free (row);
}

/**
 * reslib_store_list_budget_rows:
 * @store: a store
 * @project_id: the project
 * @error: return location for a #GError, or %NULL
 *
 * Returns: (transfer full) (element-type ReslibBudgetRow) (nullable): the rows of a report's budget
 *   table, in the report's order; %NULL with @error set when the store cannot be read
 */
GPtrArray *
reslib_store_list_budget_rows (ReslibStore  *store,
                               const char   *project_id,
                               GError      **error)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) budget_row_free);
  g_autoptr(ReslibStatement) stmt =
    query (store,
           "SELECT u.name, b.source, b.category, b.amount_cents, b.note, b.unit_id, coalesce (b.year, 0), "
           "coalesce (b.received_cents, -1), coalesce (b.spent_cents, -1) FROM budget_lines b "
           "LEFT JOIN units u ON u.id = b.unit_id WHERE b.project_id = ?1 "
           "ORDER BY u.id IS NULL, CASE u.role WHEN 'host' THEN 0 ELSE 1 END, coalesce (u.host_rank, 1000), "
           "u.position, u.created_at, b.source, b.category, b.position, b.created_at", project_id, NULL, NULL, error);

  if (stmt == NULL)
    return NULL;
  while (reslib_statement_step (stmt, error))
    {
      ReslibBudgetRow *row = g_new0 (ReslibBudgetRow, 1);

      row->unit = reslib_statement_dup_text (stmt, 0);
      row->source = reslib_statement_dup_text (stmt, 1);
      row->category = reslib_statement_dup_text (stmt, 2);
      row->amount_cents = reslib_statement_get_int64 (stmt, 3);
      row->note = reslib_statement_dup_text (stmt, 4);
      row->unit_id = reslib_statement_dup_text (stmt, 5);
      row->year = reslib_statement_get_int64 (stmt, 6);
      row->received_cents = reslib_statement_get_int64 (stmt, 7);
      row->spent_cents = reslib_statement_get_int64 (stmt, 8);
      g_ptr_array_add (rows, row);
    }
  if (reslib_statement_failed (stmt))
    return NULL;

  return g_steal_pointer (&rows);
}

static void
declaration_row_free (ReslibDeclarationRow *row)
{
  g_free (row->unit);
  g_free (row->declaration_id);
  g_free (row->signed_by);
  g_free (row->signed_on);
  g_free (row->note);
  g_free (row);
}

/**
 * reslib_store_list_declaration_rows:
 * @store: a store
 * @project_id: the project
 * @error: return location for a #GError, or %NULL
 *
 * Returns: (transfer full) (element-type ReslibDeclarationRow) (nullable): a row per unit with its
 *   IP declaration, if any; %NULL with @error set when the store cannot be read
 */
GPtrArray *
reslib_store_list_declaration_rows (ReslibStore  *store,
                                    const char   *project_id,
                                    GError      **error)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) declaration_row_free);
  g_autoptr(ReslibStatement) stmt =
    query (store,
           "SELECT u.name, d.id, d.signed_by, d.signed_on, d.note FROM units u "
           "LEFT JOIN declarations d ON d.unit_id = u.id AND d.kind = 'ip' WHERE u.project_id = ?1 "
           "ORDER BY CASE u.role WHEN 'host' THEN 0 ELSE 1 END, coalesce (u.host_rank, 1000), u.position, "
           "u.created_at", project_id, NULL, NULL, error);

  if (stmt == NULL)
    return NULL;
  while (reslib_statement_step (stmt, error))
    {
      ReslibDeclarationRow *row = g_new0 (ReslibDeclarationRow, 1);

      row->unit = reslib_statement_dup_text (stmt, 0);
      row->declaration_id = reslib_statement_dup_text (stmt, 1);
      row->signed_by = reslib_statement_dup_text (stmt, 2);
      row->signed_on = reslib_statement_dup_text (stmt, 3);
      row->note = reslib_statement_dup_text (stmt, 4);
      g_ptr_array_add (rows, row);
    }
  if (reslib_statement_failed (stmt))
    return NULL;

  return g_steal_pointer (&rows);
}

/**
 * reslib_store_get_last_report_at:
 * @store: a store
 * @project_id: the project
 * @error: return location for a #GError, or %NULL
 *
 * Returns: (transfer full) (nullable): when the last progress or acceptance package was made, ISO
 *   8601; %NULL without an error when none was
 */
char *
reslib_store_get_last_report_at (ReslibStore  *store,
                                 const char   *project_id,
                                 GError      **error)
{
  return query_text (store,
                     "SELECT max (created_at) FROM submissions WHERE project_id = ?1 "
                     "AND kind IN ('progress', 'acceptance')", project_id, error);
}

/**
 * reslib_store_get_last_change_at:
 * @store: a store
 * @project_id: the project
 * @error: return location for a #GError, or %NULL
 *
 * Returns: (transfer full) (nullable): the time of the project's latest change (its own row or its
 *   audit log), ISO 8601; %NULL without an error when it is not known
 */
char *
reslib_store_get_last_change_at (ReslibStore  *store,
                                 const char   *project_id,
                                 GError      **error)
{
  return query_text (store,
                     "SELECT max (t) FROM (SELECT updated_at AS t FROM projects WHERE id = ?1 "
                     "UNION ALL SELECT max (at) FROM events WHERE project_id = ?1)", project_id, error);
}

/**
 * reslib_store_begin_read:
 * @store: a store
 * @started: (out): whether a read transaction was started, to give reslib_store_end_read()
 * @error: return location for a #GError, or %NULL
 *
 * Starts a read transaction (deferred: it takes no write lock), so that several reads see the same
 * state; inside a transaction it does nothing.
 *
 * Returns: %TRUE, or %FALSE with @error set when the database cannot be read
 */
gboolean
reslib_store_begin_read (ReslibStore  *store,
                         gboolean     *started,
                         GError      **error)
{
  sqlite3 *db = _reslib_store_get_db (store);

  *started = FALSE;
  if (sqlite3_get_autocommit (db) == 0)
    return TRUE;
  if (!_reslib_store_check_sqlite (store, sqlite3_exec (db, "BEGIN", NULL, NULL, NULL), error))
    return FALSE;
  *started = TRUE;

  return TRUE;
}

/**
 * reslib_store_end_read:
 * @store: a store
 * @started: what reslib_store_begin_read() gave
 *
 * Ends the read transaction reslib_store_begin_read() started, if it started one.
 */
void
reslib_store_end_read (ReslibStore *store,
                       gboolean     started)
{
  if (started)
    sqlite3_exec (_reslib_store_get_db (store), "ROLLBACK", NULL, NULL, NULL);
}
