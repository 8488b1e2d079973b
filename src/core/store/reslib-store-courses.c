/* reslib-store-courses.c — course trees and the review queue in the store
 *
 * Moving a course node renumbers the positions of its old and new siblings in one
 * transaction. Deleting a course or node (with the nodes below it and their resource links) so
 * that it can be undone is reslib_store_delete_undoable()'s, in reslib-undo-step.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "reslib-array-model.h"
#include "reslib-error.h"
#include "reslib-store-courses.h"
#include "reslib-store-private.h"

/* ---------------------------------------------------------------------------------------------- */

/* Runs @sql with the NULL-terminated text @args; calls @row for each row. */
static gboolean
query (ReslibStore        *self,
       const char         *sql,
       const char * const *args,
       void              (*row) (ReslibStatement *stmt, gpointer data),
       gpointer            data,
       GError            **error)
{
  g_autoptr(ReslibStatement) stmt = reslib_statement_new_once (self, sql, error);

  if (stmt == NULL)
    return FALSE;
  reslib_statement_bind_texts (stmt, 1, args);
  while (reslib_statement_step (stmt, error))
    if (row != NULL)
      row (stmt, data);

  return !reslib_statement_failed (stmt);
}

static void
collect_texts (ReslibStatement *stmt,
               gpointer         data)
{
  GPtrArray *texts = data;
  int n = reslib_statement_get_n_columns (stmt);

  for (int i = 0; i < n; i++)
    g_ptr_array_add (texts, reslib_statement_dup_text (stmt, i));
}

/* Deeper than any course tree; a walk down a tree stops there, so a cycle cannot make it endless. */
#define MAX_TREE_DEPTH 1000

/* Ids of the nodes below @id (a course: all its nodes), parents before children. */
static const char *
subtree_sql (ReslibKind kind)
{
  /* "walk" may hold a node more than once when the parents form a cycle (which the store
   * refuses, but a damaged store may hold): the depth bound ends the walk, and "sub" keeps
   * each node once, at its smallest depth. */
  if (kind == RESLIB_KIND_COURSE)
    return "WITH RECURSIVE walk (id, depth) AS ("
           "  SELECT id, 0 FROM course_nodes WHERE course_id = ?1 AND parent_id IS NULL"
           "  UNION SELECT n.id, walk.depth + 1 FROM course_nodes n JOIN walk ON n.parent_id = walk.id"
           "    WHERE walk.depth < " G_STRINGIFY (MAX_TREE_DEPTH) "), "
           "sub (id, depth) AS (SELECT id, min (depth) FROM walk GROUP BY id) ";
  return "WITH RECURSIVE walk (id, depth) AS ("
         "  SELECT id, 0 FROM course_nodes WHERE parent_id = ?1"
         "  UNION SELECT n.id, walk.depth + 1 FROM course_nodes n JOIN walk ON n.parent_id = walk.id"
         "    WHERE walk.depth < " G_STRINGIFY (MAX_TREE_DEPTH) "), "
         "sub (id, depth) AS (SELECT id, min (depth) FROM walk GROUP BY id) ";
}

static gboolean
check_tree_kind (ReslibKind kind,
                 GError   **error)
{
  if (kind == RESLIB_KIND_COURSE || kind == RESLIB_KIND_NODE)
    return TRUE;
  g_set_error_literal (error, RESLIB_ERROR, RESLIB_ERROR_INVALID, _("Only courses and course nodes form a tree"));
  return FALSE;
}

static gboolean
is_empty (const char *text)
{
  return text == NULL || *text == '\0';
}

/* Gives @items (of ReslibRecord, in their new order) the positions 0, 1, 2, …, writing only those that change. */
static gboolean
renumber (ReslibStore *self,
          ReslibKind   kind,
          GPtrArray   *items,
          GError     **error)
{
  for (guint i = 0; i < items->len; i++)
    {
      ReslibRecord *record = g_ptr_array_index (items, i);
      g_autofree char *position = g_strdup_printf ("%u", i);

      if (reslib_record_get_int (record, "position", -1) == (gint64) i)
        continue;
      if (!reslib_store_update (self, kind, reslib_record_get_id (record),
                                (const char * const[]) { "position", NULL },
                                (const char * const[]) { position }, error))
        return FALSE;
    }

  return TRUE;
}

/* The nodes of @course_id whose parent is @parent_id (NULL: the top level), in order, without @except_id. */
static GPtrArray *
list_children (ReslibStore *self,
               const char  *course_id,
               const char  *parent_id,
               const char  *except_id,
               GError     **error)
{
  g_autoptr(GListModel) nodes = reslib_store_list (self, RESLIB_KIND_NODE, course_id, error);
  GPtrArray *children;

  if (nodes == NULL)
    return NULL;
  children = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < g_list_model_get_n_items (nodes); i++)
    {
      g_autoptr(ReslibRecord) node = g_list_model_get_item (nodes, i);
      const char *parent = reslib_record_get (node, "parent_id");

      if (g_strcmp0 (reslib_record_get_id (node), except_id) == 0)
        continue;
      if ((is_empty (parent) && is_empty (parent_id)) || g_strcmp0 (parent, parent_id) == 0)
        g_ptr_array_add (children, g_steal_pointer (&node));
    }

  return children;
}

static gboolean
move_course (ReslibStore *self,
             const char  *course_id,
             guint        index,
             GError     **error)
{
  g_autoptr(ReslibRecord) course = reslib_store_get (self, RESLIB_KIND_COURSE, course_id, error);
  g_autoptr(GListModel) courses = NULL;
  g_autoptr(GPtrArray) items = NULL;

  if (course == NULL)
    return FALSE;
  courses = reslib_store_list (self, RESLIB_KIND_COURSE, reslib_record_get (course, "project_id"), error);
  if (courses == NULL)
    return FALSE;
  items = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < g_list_model_get_n_items (courses); i++)
    {
      ReslibRecord *other = g_list_model_get_item (courses, i);

      if (g_strcmp0 (reslib_record_get_id (other), course_id) == 0)
        g_object_unref (other);
      else
        g_ptr_array_add (items, other);
    }
  g_ptr_array_insert (items, MIN (index, items->len), g_steal_pointer (&course));

  return renumber (self, RESLIB_KIND_COURSE, items, error);
}

/**
 * reslib_store_move_course:
 * @index: the course's new place among the project's courses (counted without it;
 *   beyond the end: last)
 *
 * Puts a course at @index and renumbers the positions of the project's courses, in one transaction.
 */
gboolean
reslib_store_move_course (ReslibStore *self,
                          const char  *course_id,
                          guint        index,
                          GError     **error)
{
  g_return_val_if_fail (RESLIB_IS_STORE (self), FALSE);
  g_return_val_if_fail (course_id != NULL, FALSE);

  if (!reslib_store_begin (self, error))
    return FALSE;
  if (!move_course (self, course_id, index, error))
    {
      reslib_store_rollback (self);
      return FALSE;
    }

  return reslib_store_commit (self, error);
}

static gboolean
move_node (ReslibStore *self,
           const char  *node_id,
           const char  *parent_id,
           guint        index,
           GError     **error)
{
  g_autoptr(ReslibRecord) node = reslib_store_get (self, RESLIB_KIND_NODE, node_id, error);
  g_autoptr(GPtrArray) siblings = NULL;
  g_autofree char *old_parent = NULL;
  const char *course_id;
  gboolean reparent;

  if (node == NULL)
    return FALSE;
  course_id = reslib_record_get (node, "course_id");
  old_parent = g_strdup (reslib_record_get (node, "parent_id"));
  if (is_empty (old_parent))
    g_clear_pointer (&old_parent, g_free);
  if (is_empty (parent_id))
    parent_id = NULL;
  reparent = g_strcmp0 (old_parent, parent_id) != 0;

  if (reparent && parent_id != NULL)
    {
      g_autoptr(ReslibRecord) parent = reslib_store_get (self, RESLIB_KIND_NODE, parent_id, error);

      if (parent == NULL)
        return FALSE;
      if (g_strcmp0 (reslib_record_get (parent, "course_id"), course_id) != 0)
        {
          g_set_error (error, RESLIB_ERROR, RESLIB_ERROR_INVALID,
                       _("“%s” cannot be moved under “%s”: that node is in another course, and a node stays in its course"),
                       reslib_record_get (node, "title"), reslib_record_get (parent, "title"));
          return FALSE;
        }
    }
  if (reparent &&
      !reslib_store_update (self, RESLIB_KIND_NODE, node_id,
                            (const char * const[]) { "parent_id", NULL },
                            (const char * const[]) { parent_id }, error))
    return FALSE;

  siblings = list_children (self, course_id, parent_id, node_id, error);
  if (siblings == NULL)
    return FALSE;
  g_ptr_array_insert (siblings, MIN (index, siblings->len), g_object_ref (node));
  if (!renumber (self, RESLIB_KIND_NODE, siblings, error))
    return FALSE;

  if (reparent)
    {
      g_autoptr(GPtrArray) old_siblings = list_children (self, course_id, old_parent, node_id, error);

      if (old_siblings == NULL || !renumber (self, RESLIB_KIND_NODE, old_siblings, error))
        return FALSE;
    }

  return TRUE;
}

/**
 * reslib_store_move_node:
 * @parent_id: (nullable): the node's new parent, in the same course; %NULL for the course's top level
 * @index: the node's new place among its new siblings (counted without it; beyond the end: last)
 *
 * Moves a node in its course's tree and renumbers the positions of its old and new siblings,
 * in one transaction. Refuses a parent in another course and a parent below the node itself.
 */
gboolean
reslib_store_move_node (ReslibStore *self,
                        const char  *node_id,
                        const char  *parent_id,
                        guint        index,
                        GError     **error)
{
  g_return_val_if_fail (RESLIB_IS_STORE (self), FALSE);
  g_return_val_if_fail (node_id != NULL, FALSE);

  if (!reslib_store_begin (self, error))
    return FALSE;
  if (!move_node (self, node_id, parent_id, index, error))
    {
      reslib_store_rollback (self);
      return FALSE;
    }

  return reslib_store_commit (self, error);
}

/**
 * reslib_store_count_tree:
 * @n_nodes_below: (out) (optional): how many nodes are below it (for a course: all its nodes)
 * @n_resources: (out) (optional): how many resources are linked to it or to a node below it
 *
 * Tells what deleting a course or a node would take with it.
 */
gboolean
reslib_store_count_tree (ReslibStore *self,
                         ReslibKind   kind,
                         const char  *id,
                         guint       *n_nodes_below,
                         guint       *n_resources,
                         GError     **error)
{
  g_autoptr(GPtrArray) counts = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *sql = NULL;

  g_return_val_if_fail (RESLIB_IS_STORE (self), FALSE);
  g_return_val_if_fail (id != NULL, FALSE);

  if (!check_tree_kind (kind, error))
    return FALSE;
  sql = g_strconcat (subtree_sql (kind),
                     "SELECT (SELECT count (*) FROM sub), "
                     "(SELECT count (DISTINCT resource_id) FROM resource_nodes "
                     "  WHERE node_id IN (SELECT id FROM sub) OR node_id = ?1)", NULL);
  if (!query (self, sql, (const char * const[]) { id, NULL }, collect_texts, counts, error))
    return FALSE;
  if (n_nodes_below != NULL)
    *n_nodes_below = counts->len > 0 ? (guint) g_ascii_strtoull (g_ptr_array_index (counts, 0), NULL, 10) : 0;
  if (n_resources != NULL)
    *n_resources = counts->len > 1 ? (guint) g_ascii_strtoull (g_ptr_array_index (counts, 1), NULL, 10) : 0;

  return TRUE;
}

static void
collect_counts (ReslibStatement *stmt,
                gpointer         data)
{
  g_hash_table_insert (data, reslib_statement_dup_text (stmt, 0),
                       GUINT_TO_POINTER ((guint) reslib_statement_get_int64 (stmt, 1)));
}

/**
 * reslib_store_count_resources_by_node:
 *
 * Returns: (transfer full) (element-type utf8 guint): how many resources are linked to each
 *   node of the project (nodes with none are absent).
 */
GHashTable *
reslib_store_count_resources_by_node (ReslibStore *self,
                                      const char  *project_id,
                                      GError     **error)
{
  g_autoptr(GHashTable) counts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  g_return_val_if_fail (RESLIB_IS_STORE (self), NULL);

  if (!query (self,
              "SELECT rn.node_id, count (*) FROM resource_nodes rn JOIN course_nodes n ON n.id = rn.node_id "
              "WHERE n.project_id = ? GROUP BY rn.node_id",
              (const char * const[]) { project_id, NULL }, collect_counts, counts, error))
    return NULL;

  return g_steal_pointer (&counts);
}

/**
 * reslib_store_list_in_review:
 * @submitted_at: (out) (optional) (transfer full) (element-type utf8 utf8): resource id →
 *   when it was last submitted for review (ISO 8601), where the audit log tells
 *
 * Returns: (transfer full): the project's resources in review (ReslibResource), the longest waiting first.
 */
GListModel *
reslib_store_list_in_review (ReslibStore *self,
                             const char  *project_id,
                             GHashTable **submitted_at,
                             GError     **error)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GHashTable) times = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  g_return_val_if_fail (RESLIB_IS_STORE (self), NULL);
  g_return_val_if_fail (project_id != NULL, NULL);

  if (!query (self,
              "SELECT r.id, coalesce ((SELECT max (e.at) FROM events e WHERE e.subject_id = r.id "
              "  AND e.action = 'review-submit'), r.updated_at) AS submitted "
              "FROM resources r WHERE r.project_id = ? AND r.state = 'in-review' "
              "ORDER BY submitted, r.created_at, r.rowid",
              (const char * const[]) { project_id, NULL }, collect_texts, rows, error))
    return NULL;
  for (guint i = 0; i + 1 < rows->len; i += 2)
    {
      ReslibRecord *resource = reslib_store_get (self, RESLIB_KIND_RESOURCE, g_ptr_array_index (rows, i), error);

      if (resource == NULL)
        return NULL;
      g_ptr_array_add (items, resource);
      g_hash_table_insert (times, g_strdup (g_ptr_array_index (rows, i)), g_strdup (g_ptr_array_index (rows, i + 1)));
    }
  if (submitted_at != NULL)
    *submitted_at = g_steal_pointer (&times);

  return reslib_array_model_new (RESLIB_TYPE_RESOURCE, g_steal_pointer (&items));
}

/* ---------------------------------------------------------------------------------------------- */

typedef struct
{
  const char *value;
  const char *label;
} Label;

static const char *
lookup (const Label *table,
        gsize        n,
        const char  *value)
{
  if (value == NULL)
    return "";
  for (gsize i = 0; i < n; i++)
    if (g_str_equal (table[i].value, value))
      return _(table[i].label);

  return value;
}

/**
 * reslib_label_course_kind:
 * @kind: (nullable): a course kind as the store keeps it ("standardized", "personalised", "training")
 *
 * Returns: (transfer none): its translated label; "" for %NULL, and a value this version does not
 *   know as it is
 */
const char *
reslib_label_course_kind (const char *kind)
{
  static const Label labels[] = {
    /* Translators: a kind of course (标准化课程) */
    { "standardized", N_("Standardized course") },
    /* Translators: a kind of course (个性化课程) */
    { "personalised", N_("Personalised course") },
    /* Translators: a kind of course (培训课程: training, not 实训) */
    { "training", N_("Training course") },
  };

  return lookup (labels, G_N_ELEMENTS (labels), kind);
}

/**
 * reslib_label_node_kind:
 * @kind: (nullable): a course node's kind as the store keeps it ("module", "chapter", "knowledge",
 *   "skill")
 *
 * Returns: (transfer none): its translated label; "" for %NULL, and a value this version does not
 *   know as it is
 */
const char *
reslib_label_node_kind (const char *kind)
{
  static const Label labels[] = {
    /* Translators: a kind of course node */
    { "module", N_("Module") },
    /* Translators: a kind of course node */
    { "chapter", N_("Chapter") },
    /* Translators: a kind of course node */
    { "knowledge", N_("Knowledge point") },
    /* Translators: a kind of course node */
    { "skill", N_("Skill point") },
  };

  return lookup (labels, G_N_ELEMENTS (labels), kind);
}

typedef struct
{
  char  *course_id;
  char  *parent_id;
  guint8 state;        /* 0 not seen, 1 on the current path, 2 done */
} TreeNode;

static void
tree_node_free (gpointer data)
{
  TreeNode *n = data;

  g_free (n->course_id);
  g_free (n->parent_id);
  g_free (n);
}

static void
collect_tree_nodes (ReslibStatement *stmt,
                    gpointer         data)
{
  GHashTable *nodes = data;
  TreeNode *n = g_new0 (TreeNode, 1);

  n->course_id = reslib_statement_dup_text (stmt, 1);
  n->parent_id = reslib_statement_dup_text (stmt, 2);
  g_hash_table_insert (nodes, reslib_statement_dup_text (stmt, 0), n);
}

/**
 * _reslib_store_check_node_trees:
 * @bad_node_id: (out) (optional): a node whose parent is in another course or below it
 *
 * Whether the course nodes of @project_id form trees: every parent in its child's course,
 * no node below itself. Linear in the project's nodes.
 *
 * Returns: %FALSE with %RESLIB_ERROR_CONSTRAINT when they do not, or another error
 */
gboolean
_reslib_store_check_node_trees (ReslibStore  *self,
                                const char   *project_id,
                                char        **bad_node_id,
                                GError      **error)
{
  g_autoptr(GHashTable) nodes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, tree_node_free);
  g_autoptr(GPtrArray) path = g_ptr_array_new ();
  GHashTableIter iter;
  gpointer key, value;

  if (!query (self, "SELECT id, course_id, parent_id FROM course_nodes WHERE project_id = ?1",
              (const char * const[]) { project_id, NULL }, collect_tree_nodes, nodes, error))
    return FALSE;

  g_hash_table_iter_init (&iter, nodes);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      const char *id = key;
      TreeNode *n = value;

      g_ptr_array_set_size (path, 0);
      while (n != NULL && n->state == 0)
        {
          TreeNode *parent = n->parent_id != NULL ? g_hash_table_lookup (nodes, n->parent_id) : NULL;

          n->state = 1;
          g_ptr_array_add (path, n);
          if (parent != NULL && (parent->state == 1 || g_strcmp0 (parent->course_id, n->course_id) != 0))
            {
              if (bad_node_id != NULL)
                *bad_node_id = g_strdup (id);
              if (parent->state == 1)
                g_set_error (error, RESLIB_ERROR, RESLIB_ERROR_CONSTRAINT,
                             _("The course node “%s” would be below itself"), id);
              else
                g_set_error (error, RESLIB_ERROR, RESLIB_ERROR_CONSTRAINT,
                             _("The course node “%s” would have a parent in another course"), id);
              return FALSE;
            }
          id = n->parent_id;
          n = parent;
        }
      for (guint i = 0; i < path->len; i++)
        ((TreeNode *) g_ptr_array_index (path, i))->state = 2;
    }

  return TRUE;
}
