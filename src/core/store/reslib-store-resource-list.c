/* reslib-store-resource-list.c — a project's resources row by row with everything the resource list shows
 *
 * One statement reads the resources with their unit, size, duration, authors, keywords and nodes (each
 * list joined by SQLite into one text), in one read transaction with the totals, so a list of 100,000
 * resources takes constant memory and no query per resource. The project's nodes (a few thousand at
 * most) are read first into a table that turns a node into its course, module and point titles.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "reslib-statement.h"
#include "reslib-store-private.h"
#include "reslib-store-resource-list.h"
#include "reslib-store-stats.h"

/* Separates the items of a list SQLite joined: a control character no name holds (the store's text
 * fields are single lines; one that held it anyway would only be split there). */
#define SEP "\x1f"

typedef struct
{
  const char *course;   /* the titles, interned in the map's chunk */
  const char *module;   /* the nearest module at or above the node, or NULL */
  const char *point;    /* the node's title when it is a knowledge or skill point, or NULL */
} NodePlace;

/* Each node of the project, with its course and its nearest module, in tree order from the roots. */
#define NODES_SQL \
  "WITH RECURSIVE up (id, course_id, kind, title, module) AS (" \
  "  SELECT n.id, n.course_id, n.kind, n.title, CASE WHEN n.kind = 'module' THEN n.title END " \
  "    FROM course_nodes n WHERE n.project_id = ?1 AND n.parent_id IS NULL " \
  "  UNION ALL " \
  "  SELECT n.id, n.course_id, n.kind, n.title, CASE WHEN n.kind = 'module' THEN n.title ELSE up.module END " \
  "    FROM course_nodes n JOIN up ON n.parent_id = up.id) " \
  "SELECT up.id, c.title, up.module, CASE WHEN up.kind IN ('knowledge', 'skill') THEN up.title END " \
  "FROM up JOIN courses c ON c.id = up.course_id"

/* Nodes come in the order of their courses, then of their own position under their parent. */
#define ROWS_SQL \
  "SELECT r.id, r.title, r.type, r.file_name, b.size, p.duration, u.name, r.origin, r.license, " \
  "  r.license_holder, r.state, r.description, " \
  "  (SELECT group_concat (name, '" SEP "') FROM " \
  "     (SELECT a.name FROM resource_authors a WHERE a.resource_id = r.id ORDER BY a.position)), " \
  "  (SELECT group_concat (keyword, '" SEP "') FROM " \
  "     (SELECT k.keyword FROM resource_keywords k WHERE k.resource_id = r.id ORDER BY k.keyword)), " \
  "  (SELECT group_concat (node_id, '" SEP "') FROM " \
  "     (SELECT rn.node_id FROM resource_nodes rn JOIN course_nodes n ON n.id = rn.node_id " \
  "        JOIN courses c ON c.id = n.course_id " \
  "      WHERE rn.resource_id = r.id ORDER BY c.position, c.rowid, n.position, n.rowid)) " \
  "FROM resources r LEFT JOIN blobs b ON b.sha256 = r.blob_sha256 " \
  "  LEFT JOIN probes p ON p.sha256 = r.blob_sha256 " \
  "  LEFT JOIN units u ON u.id = r.unit_id " \
  "WHERE r.project_id = ?1 ORDER BY r.created_at, r.rowid"

#define TYPE_TOTALS_SQL \
  "SELECT r.type, count (*), sum (coalesce (b.size, 0)), sum (coalesce (p.duration, 0)) " \
  "FROM resources r LEFT JOIN blobs b ON b.sha256 = r.blob_sha256 " \
  "  LEFT JOIN probes p ON p.sha256 = r.blob_sha256 " \
  "WHERE r.project_id = ?1 GROUP BY r.type ORDER BY r.type"

/* A resource counts once in each course it has a node of; the last line counts the ones in none. */
#define COURSE_TOTALS_SQL \
  "SELECT c.title, count (r.id), sum (coalesce (b.size, 0)), sum (coalesce (p.duration, 0)) " \
  "FROM courses c " \
  "  LEFT JOIN (SELECT DISTINCT n.course_id, rn.resource_id FROM resource_nodes rn " \
  "               JOIN course_nodes n ON n.id = rn.node_id WHERE n.project_id = ?1) x ON x.course_id = c.id " \
  "  LEFT JOIN resources r ON r.id = x.resource_id " \
  "  LEFT JOIN blobs b ON b.sha256 = r.blob_sha256 " \
  "  LEFT JOIN probes p ON p.sha256 = r.blob_sha256 " \
  "WHERE c.project_id = ?1 GROUP BY c.id ORDER BY c.position, c.rowid"

#define NO_COURSE_TOTAL_SQL \
  "SELECT count (*), sum (coalesce (b.size, 0)), sum (coalesce (p.duration, 0)) " \
  "FROM resources r LEFT JOIN blobs b ON b.sha256 = r.blob_sha256 " \
  "  LEFT JOIN probes p ON p.sha256 = r.blob_sha256 " \
  "WHERE r.project_id = ?1 AND NOT EXISTS (SELECT 1 FROM resource_nodes rn WHERE rn.resource_id = r.id)"

/**
 * reslib_resource_total_free:
 * @total: (transfer full): a line of totals
 */
void
reslib_resource_total_free (ReslibResourceTotal *total)
{
  if (total == NULL)
    return;
  g_free (total->name);
  g_free (total);
}

static GHashTable *
read_node_places (ReslibStore  *store,
                  const char   *project_id,
                  GStringChunk *chunk,
                  GError      **error)
{
  g_autoptr(GHashTable) places = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  g_autoptr(ReslibStatement) stmt = reslib_statement_new_once (store, NODES_SQL, error);

  if (stmt == NULL)
    return NULL;
  reslib_statement_bind_text (stmt, 1, project_id);
  while (reslib_statement_step (stmt, error))
    {
      NodePlace *place = g_new0 (NodePlace, 1);
      const char *module = reslib_statement_get_text (stmt, 2);
      const char *point = reslib_statement_get_text (stmt, 3);

      place->course = g_string_chunk_insert_const (chunk, reslib_statement_get_text (stmt, 1));
      place->module = module != NULL ? g_string_chunk_insert_const (chunk, module) : NULL;
      place->point = point != NULL ? g_string_chunk_insert_const (chunk, point) : NULL;
      g_hash_table_insert (places, g_string_chunk_insert_const (chunk, reslib_statement_get_text (stmt, 0)),
                           place);
    }
  if (reslib_statement_failed (stmt))
    return NULL;

  return g_steal_pointer (&places);
}

/* Splits @text (joined with SEP by SQLite; it is modified) into @list, reused from row to row. */
static const char * const *
split_into (GPtrArray *list,
            char      *text)
{
  g_ptr_array_set_size (list, 0);
  for (char *p = text; p != NULL && *p != '\0';)
    {
      char *end = strchr (p, SEP[0]);

      if (end != NULL)
        *end = '\0';
      g_ptr_array_add (list, p);
      p = end != NULL ? end + 1 : NULL;
    }
  g_ptr_array_add (list, NULL);

  return (const char * const *) list->pdata;
}

static void
add_once (GPtrArray  *list,
          const char *text)
{
  /* Interned: the same title is the same pointer. */
  if (text != NULL && !g_ptr_array_find (list, text, NULL))
    g_ptr_array_add (list, (gpointer) text);
}

static GPtrArray *
read_totals (ReslibStore  *store,
             const char   *sql,
             const char   *project_id,
             gboolean      named,
             GError      **error)
{
  g_autoptr(GPtrArray) totals = g_ptr_array_new_with_free_func ((GDestroyNotify) reslib_resource_total_free);
  g_autoptr(ReslibStatement) stmt = reslib_statement_new_once (store, sql, error);
  int first = named ? 1 : 0;

  if (stmt == NULL)
    return NULL;
  reslib_statement_bind_text (stmt, 1, project_id);
  while (reslib_statement_step (stmt, error))
    {
      ReslibResourceTotal *total = g_new0 (ReslibResourceTotal, 1);

      total->name = named ? reslib_statement_dup_text (stmt, 0) : NULL;
      total->count = (guint) reslib_statement_get_int64 (stmt, first);
      total->bytes = reslib_statement_get_int64 (stmt, first + 1);
      total->seconds = reslib_statement_get_double (stmt, first + 2);
      g_ptr_array_add (totals, total);
    }
  if (reslib_statement_failed (stmt))
    return NULL;

  return g_steal_pointer (&totals);
}

static gboolean
read_rows (ReslibStore            *store,
           const char             *project_id,
           ReslibResourceListFunc  func,
           gpointer                user_data,
           GCancellable           *cancellable,
           GError                **error)
{
  g_autoptr(GStringChunk) chunk = g_string_chunk_new (4096);
  g_autoptr(GHashTable) places = NULL;
  g_autoptr(ReslibStatement) stmt = NULL;
  g_autoptr(GPtrArray) authors = g_ptr_array_new ();
  g_autoptr(GPtrArray) keywords = g_ptr_array_new ();
  g_autoptr(GPtrArray) node_ids = g_ptr_array_new ();
  g_autoptr(GPtrArray) courses = g_ptr_array_new ();
  g_autoptr(GPtrArray) modules = g_ptr_array_new ();
  g_autoptr(GPtrArray) points = g_ptr_array_new ();
  guint n_rows, number = 0;

  n_rows = reslib_store_count (store, RESLIB_KIND_RESOURCE, project_id, error);
  if (n_rows == 0 && error != NULL && *error != NULL)
    return FALSE;
  places = read_node_places (store, project_id, chunk, error);
  if (places == NULL)
    return FALSE;
  stmt = reslib_statement_new_once (store, ROWS_SQL, error);
  if (stmt == NULL)
    return FALSE;
  reslib_statement_bind_text (stmt, 1, project_id);
  while (reslib_statement_step (stmt, error))
    {
      g_autofree char *author_text = reslib_statement_dup_text (stmt, 12);
      g_autofree char *keyword_text = reslib_statement_dup_text (stmt, 13);
      g_autofree char *node_text = reslib_statement_dup_text (stmt, 14);
      ReslibResourceListRow row = { 0 };

      if ((number & 255) == 0 && g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;

      g_ptr_array_set_size (courses, 0);
      g_ptr_array_set_size (modules, 0);
      g_ptr_array_set_size (points, 0);
      split_into (node_ids, node_text);
      for (guint i = 0; i + 1 < node_ids->len; i++)
        {
          const NodePlace *place = g_hash_table_lookup (places, node_ids->pdata[i]);

          if (place == NULL)
            continue;
          add_once (courses, place->course);
          add_once (modules, place->module);
          add_once (points, place->point);
        }
      g_ptr_array_add (courses, NULL);
      g_ptr_array_add (modules, NULL);
      g_ptr_array_add (points, NULL);

      row.number = ++number;
      row.id = reslib_statement_get_text (stmt, 0);
      row.title = reslib_statement_get_text (stmt, 1);
      row.type = reslib_statement_get_text (stmt, 2);
      row.file_name = reslib_statement_get_text (stmt, 3);
      row.size = reslib_statement_is_null (stmt, 4) ? -1 : reslib_statement_get_int64 (stmt, 4);
      row.duration = reslib_statement_is_null (stmt, 5) ? 0 : reslib_statement_get_double (stmt, 5);
      row.unit = reslib_statement_get_text (stmt, 6);
      row.origin = reslib_statement_get_text (stmt, 7);
      row.license = reslib_statement_get_text (stmt, 8);
      row.license_holder = reslib_statement_get_text (stmt, 9);
      row.state = reslib_statement_get_text (stmt, 10);
      row.description = reslib_statement_get_text (stmt, 11);
      row.authors = split_into (authors, author_text);
      row.keywords = split_into (keywords, keyword_text);
      row.courses = (const char * const *) courses->pdata;
      row.modules = (const char * const *) modules->pdata;
      row.points = (const char * const *) points->pdata;
      if (!func (&row, MAX (n_rows, number), user_data, error))
        return FALSE;
    }

  return !reslib_statement_failed (stmt);
}

/**
 * reslib_store_foreach_resource_list_row:
 * @store: a store, or a connection of its own from reslib_store_reopen() in a worker
 * @project_id: the project
 * @func: called with each resource, in the order of the Resources page, and the number of rows
 * @user_data: for @func
 * @by_type: (out) (optional) (element-type ReslibResourceTotal): the totals by type, in the order of
 *   the types' words
 * @by_course: (out) (optional) (element-type ReslibResourceTotal): the totals by course, in the
 *   courses' order, then the resources in no course (a line without a name)
 * @cancellable: (nullable): stops the reading
 * @error: return location for a #GError, or %NULL
 *
 * Reads the project's resources as the resource list (资源清单) shows them, and their totals, in one
 * read transaction: the rows and the totals agree even while another process writes. Memory does
 * not grow with the number of resources.
 *
 * Returns: %TRUE, or %FALSE with @error set (by the store, by @func, or cancelled)
 */
gboolean
reslib_store_foreach_resource_list_row (ReslibStore            *store,
                                        const char             *project_id,
                                        ReslibResourceListFunc  func,
                                        gpointer                user_data,
                                        GPtrArray             **by_type,
                                        GPtrArray             **by_course,
                                        GCancellable           *cancellable,
                                        GError                **error)
{
  g_autoptr(GPtrArray) type_totals = NULL;
  g_autoptr(GPtrArray) course_totals = NULL;
  g_autoptr(GPtrArray) no_course = NULL;
  gboolean started = FALSE;
  gboolean ok;

  g_return_val_if_fail (RESLIB_IS_STORE (store), FALSE);
  g_return_val_if_fail (project_id != NULL, FALSE);
  g_return_val_if_fail (func != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!reslib_store_begin_read (store, &started, error))
    return FALSE;
  ok = read_rows (store, project_id, func, user_data, cancellable, error);
  if (ok && by_type != NULL)
    ok = (type_totals = read_totals (store, TYPE_TOTALS_SQL, project_id, TRUE, error)) != NULL;
  if (ok && by_course != NULL)
    ok = (course_totals = read_totals (store, COURSE_TOTALS_SQL, project_id, TRUE, error)) != NULL &&
         (no_course = read_totals (store, NO_COURSE_TOTAL_SQL, project_id, FALSE, error)) != NULL;
  reslib_store_end_read (store, started);
  if (!ok)
    return FALSE;

  if (by_type != NULL)
    *by_type = g_steal_pointer (&type_totals);
  if (by_course != NULL)
    {
      g_ptr_array_extend_and_steal (course_totals, g_steal_pointer (&no_course));
      *by_course = g_steal_pointer (&course_totals);
    }

  return TRUE;
}
