/* reslib-store-resource-list.c — a project's resources row by row with everything the resource list shows
 *
 * One statement reads the resources with their unit, size, duration, authors, keywords and nodes (each
 * list joined by SQLite into one text), in one read transaction, so a list of 100,000 resources takes
 * constant memory and no query per resource. The project's courses and nodes (a few thousand at most)
 * are read first into a table that turns a node into its course, module and point titles and its
 * place in the courses' order (the resource's nodes are put in that order here, not by SQLite for each
 * resource). The totals by type and by course are added up from the rows as they go by.
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

/* The page cache of the connection while the rows are read, in KiB (see _reslib_store_cache_raise()). */
#define RESOURCE_LIST_CACHE_KIB 32768

typedef struct
{
  const char *course;   /* the titles, interned in the map's chunk */
  const char *module;   /* the nearest module at or above the node, or NULL */
  const char *point;    /* the node's title when it is a knowledge or skill point, or NULL */
  guint       rank;     /* the node's place in the order of the courses, then of its position */
  guint       course_index;   /* its course's in the project's courses */
} NodePlace;

/* The project's courses, in their order. */
#define COURSES_SQL \
  "SELECT id, title FROM courses WHERE project_id = ?1 ORDER BY position, rowid"

/* Each node of the project, with its course and its nearest module, in the order a resource's nodes
 * are shown: by their course's order, then by their own position. */
#define NODES_SQL \
  "WITH RECURSIVE up (id, course_id, kind, title, module, position, rid) AS (" \
  "  SELECT n.id, n.course_id, n.kind, n.title, CASE WHEN n.kind = 'module' THEN n.title END, n.position, n.rowid " \
  "    FROM course_nodes n WHERE n.project_id = ?1 AND n.parent_id IS NULL " \
  "  UNION ALL " \
  "  SELECT n.id, n.course_id, n.kind, n.title, CASE WHEN n.kind = 'module' THEN n.title ELSE up.module END, " \
  "         n.position, n.rowid " \
  "    FROM course_nodes n JOIN up ON n.parent_id = up.id) " \
  "SELECT up.id, c.title, up.module, CASE WHEN up.kind IN ('knowledge', 'skill') THEN up.title END, c.id " \
  "FROM up JOIN courses c ON c.id = up.course_id ORDER BY c.position, c.rowid, up.position, up.rid"

/* Authors and keywords come in their primary key's order, which the subqueries' ORDER BY follows
 * without sorting; nodes in any order (read_rows() sorts them). */
#define ROWS_SQL \
  "SELECT r.id, r.title, r.type, r.file_name, b.size, p.duration, u.name, r.origin, r.license, " \
  "  r.license_holder, r.state, r.description, " \
  "  (SELECT group_concat (name, '" SEP "') FROM " \
  "     (SELECT a.name FROM resource_authors a WHERE a.resource_id = r.id ORDER BY a.position)), " \
  "  (SELECT group_concat (keyword, '" SEP "') FROM " \
  "     (SELECT k.keyword FROM resource_keywords k WHERE k.resource_id = r.id ORDER BY k.keyword)), " \
  "  (SELECT group_concat (rn.node_id, '" SEP "') FROM resource_nodes rn WHERE rn.resource_id = r.id), " \
  "  (SELECT group_concat (t.tag, '" SEP "') FROM resource_tags t WHERE t.resource_id = r.id), " \
  "  r.certificate, r.url " \
  "FROM resources r LEFT JOIN blobs b ON b.sha256 = r.blob_sha256 " \
  "  LEFT JOIN probes p ON p.sha256 = r.blob_sha256 " \
  "  LEFT JOIN units u ON u.id = r.unit_id " \
  "WHERE r.project_id = ?1 ORDER BY r.created_at, r.rowid"

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

/* The project's courses (their totals, empty) into @courses, and its nodes' places. */
static GHashTable *
read_node_places (ReslibStore  *store,
                  const char   *project_id,
                  GStringChunk *chunk,
                  GPtrArray    *courses,
                  GError      **error)
{
  g_autoptr(GHashTable) places = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  g_autoptr(GHashTable) course_index = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(ReslibStatement) stmt = reslib_statement_new_once (store, COURSES_SQL, error);
  guint rank = 0;

  if (stmt == NULL)
    return NULL;
  reslib_statement_bind_text (stmt, 1, project_id);
  while (reslib_statement_step (stmt, error))
    {
      ReslibResourceTotal *total = g_new0 (ReslibResourceTotal, 1);
      const char *id = g_string_chunk_insert_const (chunk, reslib_statement_get_text (stmt, 0));

      total->name = reslib_statement_dup_text (stmt, 1);
      g_hash_table_insert (course_index, (gpointer) id, GUINT_TO_POINTER (courses->len));
      g_ptr_array_add (courses, total);
    }
  if (reslib_statement_failed (stmt))
    return NULL;
  g_clear_pointer (&stmt, reslib_statement_free);

  stmt = reslib_statement_new_once (store, NODES_SQL, error);
  if (stmt == NULL)
    return NULL;
  reslib_statement_bind_text (stmt, 1, project_id);
  while (reslib_statement_step (stmt, error))
    {
      NodePlace *place = g_new0 (NodePlace, 1);
      const char *module = reslib_statement_get_text (stmt, 2);
      const char *point = reslib_statement_get_text (stmt, 3);
      gpointer index;

      place->course = g_string_chunk_insert_const (chunk, reslib_statement_get_text (stmt, 1));
      place->module = module != NULL ? g_string_chunk_insert_const (chunk, module) : NULL;
      place->point = point != NULL ? g_string_chunk_insert_const (chunk, point) : NULL;
      place->rank = rank++;
      place->course_index = g_hash_table_lookup_extended (course_index, reslib_statement_get_text (stmt, 4), NULL,
                                                          &index) ? GPOINTER_TO_UINT (index) : G_MAXUINT;
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

static int
compare_rank (gconstpointer a,
              gconstpointer b)
{
  const NodePlace *pa = *(const NodePlace * const *) a;
  const NodePlace *pb = *(const NodePlace * const *) b;

  return pa->rank < pb->rank ? -1 : pa->rank > pb->rank;
}

static void
add_to_total (ReslibResourceTotal         *total,
              const ReslibResourceListRow *row)
{
  total->count++;
  total->bytes += MAX (row->size, 0);
  total->seconds += row->duration;
}

static int
compare_total_names (gconstpointer a,
                     gconstpointer b)
{
  return strcmp ((*(ReslibResourceTotal * const *) a)->name, (*(ReslibResourceTotal * const *) b)->name);
}

typedef struct
{
  GHashTable          *by_type;     /* type → ReslibResourceTotal * */
  GPtrArray           *by_course;   /* ReslibResourceTotal *, one per course in their order */
  ReslibResourceTotal  no_course;
} Totals;

static gboolean
read_rows (ReslibStore            *store,
           const char             *project_id,
           ReslibResourceListFunc  func,
           gpointer                user_data,
           Totals                 *totals,
           GCancellable           *cancellable,
           GError                **error)
{
  g_autoptr(GStringChunk) chunk = g_string_chunk_new (4096);
  g_autoptr(GHashTable) places = NULL;
  g_autoptr(ReslibStatement) stmt = NULL;
  g_autoptr(GPtrArray) authors = g_ptr_array_new ();
  g_autoptr(GPtrArray) keywords = g_ptr_array_new ();
  g_autoptr(GPtrArray) node_ids = g_ptr_array_new ();
  g_autoptr(GPtrArray) tags = g_ptr_array_new ();
  g_autoptr(GPtrArray) row_places = g_ptr_array_new ();
  g_autoptr(GPtrArray) courses = g_ptr_array_new ();
  g_autoptr(GPtrArray) modules = g_ptr_array_new ();
  g_autoptr(GPtrArray) points = g_ptr_array_new ();
  g_autoptr(GArray) course_seen = g_array_new (FALSE, TRUE, sizeof (guint));
  guint n_rows, number = 0;

  n_rows = reslib_store_count (store, RESLIB_KIND_RESOURCE, project_id, error);
  if (n_rows == 0 && error != NULL && *error != NULL)
    return FALSE;
  places = read_node_places (store, project_id, chunk, totals->by_course, error);
  if (places == NULL)
    return FALSE;
  /* For each course, the number of the last row counted in it: a row counts once per course. */
  g_array_set_size (course_seen, totals->by_course->len);
  stmt = reslib_statement_new_once (store, ROWS_SQL, error);
  if (stmt == NULL)
    return FALSE;
  reslib_statement_bind_text (stmt, 1, project_id);
  while (reslib_statement_step (stmt, error))
    {
      g_autofree char *author_text = reslib_statement_dup_text (stmt, 12);
      g_autofree char *keyword_text = reslib_statement_dup_text (stmt, 13);
      g_autofree char *node_text = reslib_statement_dup_text (stmt, 14);
      g_autofree char *tag_text = reslib_statement_dup_text (stmt, 15);
      ReslibResourceListRow row = { 0 };
      ReslibResourceTotal *type_total;

      if ((number & 255) == 0 && g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;

      row.number = ++number;
      g_ptr_array_set_size (courses, 0);
      g_ptr_array_set_size (modules, 0);
      g_ptr_array_set_size (points, 0);
      g_ptr_array_set_size (row_places, 0);
      split_into (node_ids, node_text);
      for (guint i = 0; i + 1 < node_ids->len; i++)
        {
          NodePlace *place = g_hash_table_lookup (places, node_ids->pdata[i]);

          if (place != NULL)
            g_ptr_array_add (row_places, place);
        }
      if (row_places->len > 1)
        g_ptr_array_sort (row_places, compare_rank);
      for (guint i = 0; i < row_places->len; i++)
        {
          const NodePlace *place = g_ptr_array_index (row_places, i);

          add_once (courses, place->course);
          add_once (modules, place->module);
          add_once (points, place->point);
        }
      g_ptr_array_add (courses, NULL);
      g_ptr_array_add (modules, NULL);
      g_ptr_array_add (points, NULL);

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
      /* The tags in the order of reslib_tags, as the plan lists them. */
      split_into (tags, tag_text);
      {
        guint n = 0;

        for (guint t = 0; reslib_tags[t] != NULL; t++)
          for (guint i = n; i + 1 < tags->len; i++)
            if (strcmp (tags->pdata[i], reslib_tags[t]) == 0)
              {
                gpointer swap = tags->pdata[n];

                tags->pdata[n++] = tags->pdata[i];
                tags->pdata[i] = swap;
                break;
              }
      }
      row.tags = (const char * const *) tags->pdata;
      row.certificate = reslib_statement_get_text (stmt, 16);
      row.url = reslib_statement_get_text (stmt, 17);
      row.courses = (const char * const *) courses->pdata;
      row.modules = (const char * const *) modules->pdata;
      row.points = (const char * const *) points->pdata;

      /* The totals, as the rows have them */
      type_total = g_hash_table_lookup (totals->by_type, row.type);
      if (type_total == NULL)
        {
          type_total = g_new0 (ReslibResourceTotal, 1);
          type_total->name = g_strdup (row.type);
          g_hash_table_insert (totals->by_type, type_total->name, type_total);
        }
      add_to_total (type_total, &row);
      if (node_ids->len <= 1)
        add_to_total (&totals->no_course, &row);
      for (guint i = 0; i < row_places->len; i++)
        {
          guint c = ((const NodePlace *) g_ptr_array_index (row_places, i))->course_index;

          if (c < course_seen->len && g_array_index (course_seen, guint, c) != row.number)
            {
              g_array_index (course_seen, guint, c) = row.number;
              add_to_total (g_ptr_array_index (totals->by_course, c), &row);
            }
        }

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
  g_autoptr(GHashTable) by_type_table = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                                               (GDestroyNotify) reslib_resource_total_free);
  g_autoptr(GPtrArray) course_totals = g_ptr_array_new_with_free_func ((GDestroyNotify) reslib_resource_total_free);
  Totals totals = { by_type_table, course_totals, { NULL, 0, 0, 0 } };
  gboolean started = FALSE;
  gboolean ok;
  gint64 cache;

  g_return_val_if_fail (RESLIB_IS_STORE (store), FALSE);
  g_return_val_if_fail (project_id != NULL, FALSE);
  g_return_val_if_fail (func != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!reslib_store_begin_read (store, &started, error))
    return FALSE;
  /* Each row looks its lists up in their tables' indexes, in the order of the resources, not of the
   * indexes: with SQLite's default cache their pages are read from the file again and again. */
  cache = _reslib_store_cache_raise (store, RESOURCE_LIST_CACHE_KIB);
  ok = read_rows (store, project_id, func, user_data, &totals, cancellable, error);
  _reslib_store_cache_restore (store, cache);
  reslib_store_end_read (store, started);
  if (!ok)
    return FALSE;

  if (by_type != NULL)
    {
      GHashTableIter iter;
      gpointer value;

      *by_type = g_ptr_array_new_with_free_func ((GDestroyNotify) reslib_resource_total_free);
      g_hash_table_iter_init (&iter, by_type_table);
      while (g_hash_table_iter_next (&iter, NULL, &value))
        {
          g_ptr_array_add (*by_type, value);
          g_hash_table_iter_steal (&iter);
        }
      g_ptr_array_sort (*by_type, compare_total_names);
    }
  if (by_course != NULL)
    {
      g_ptr_array_add (course_totals, g_memdup2 (&totals.no_course, sizeof totals.no_course));
      *by_course = g_steal_pointer (&course_totals);
    }

  return TRUE;
}
