/* reslib-sheet-import-project.c — the project a sheet is imported into: units by name, and the nodes
 * that the course, module and point cells name
 *
 * A point cell names knowledge or skill points by their title ("点") or their path ("课程 › 模块 ›
 * 点", ">" works too): a title, or the end of a path, that more than one node has is narrowed by the
 * row's course and module cells; what is still ambiguous or names nothing is a problem of the row.
 * Without points, the module cell names modules. Read once: no query per row. Resources are not read
 * here: a row's resource is looked up by its id or file name (reslib-store-sheet.c).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "reslib-sheet-import-private.h"
#include "reslib-text.h"

static void
node_free (gpointer data)
{
  SheetNode *node = data;

  g_free (node->id);
  g_free (node->title);
  g_free (node->parent_id);
  g_free (node->kind);
  g_free (node->course_title);
  g_strfreev (node->path);
  g_free (node->path_text);
  g_free (node);
}

void
_reslib_sheet_project_free (SheetProject *project)
{
  if (project == NULL)
    return;
  g_hash_table_unref (project->units);
  g_hash_table_unref (project->unit_names);
  g_hash_table_unref (project->node_by_id);
  g_ptr_array_unref (project->nodes);
  g_free (project);
}

static void
add_unique (GHashTable *table,
            const char *key,
            const char *value)
{
  if (key == NULL || *key == '\0')
    return;
  if (g_hash_table_contains (table, key))
    g_hash_table_replace (table, g_strdup (key), g_strdup (""));
  else
    g_hash_table_insert (table, g_strdup (key), g_strdup (value));
}

/* Fills in the node's path from its parents (each done before its children or on demand). */
static void
complete_path (SheetProject *project,
               SheetNode    *node,
               guint         depth)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  SheetNode *parent;

  if (node->path != NULL)
    return;
  parent = node->parent_id != NULL ? g_hash_table_lookup (project->node_by_id, node->parent_id) : NULL;
  if (parent != NULL && depth < 64)
    {
      complete_path (project, parent, depth + 1);
      g_strv_builder_addv (builder, (const char **) parent->path);
    }
  else
    g_strv_builder_add (builder, node->course_title);
  g_strv_builder_add (builder, node->title);
  node->path = g_strv_builder_end (builder);
  node->path_text = g_strjoinv (SHEET_PATH_SEPARATOR, node->path);
}

SheetProject *
_reslib_sheet_project_load (ReslibStore  *store,
                            const char   *project_id,
                            GError      **error)
{
  g_autoptr(SheetProject) project = g_new0 (SheetProject, 1);
  g_autoptr(GListModel) units = NULL;
  g_autoptr(GListModel) courses = NULL;

  project->units = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  project->unit_names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  project->node_by_id = g_hash_table_new (g_str_hash, g_str_equal);
  project->nodes = g_ptr_array_new_with_free_func (node_free);

  units = reslib_store_list (store, RESLIB_KIND_UNIT, project_id, error);
  if (units == NULL)
    return NULL;
  for (guint i = 0; i < g_list_model_get_n_items (units); i++)
    {
      g_autoptr(ReslibRecord) unit = g_list_model_get_item (units, i);
      const char *name = reslib_record_get (unit, "name");

      add_unique (project->units, name, reslib_record_get_id (unit));
      g_hash_table_insert (project->unit_names, g_strdup (reslib_record_get_id (unit)), g_strdup (name));
    }

  courses = reslib_store_list (store, RESLIB_KIND_COURSE, project_id, error);
  if (courses == NULL)
    return NULL;
  for (guint c = 0; c < g_list_model_get_n_items (courses); c++)
    {
      g_autoptr(ReslibRecord) course = g_list_model_get_item (courses, c);
      g_autoptr(GListModel) nodes = reslib_store_list (store, RESLIB_KIND_NODE, reslib_record_get_id (course), error);

      if (nodes == NULL)
        return NULL;
      for (guint n = 0; n < g_list_model_get_n_items (nodes); n++)
        {
          g_autoptr(ReslibRecord) record = g_list_model_get_item (nodes, n);
          SheetNode *node = g_new0 (SheetNode, 1);
          const char *parent = reslib_record_get (record, "parent_id");

          node->id = g_strdup (reslib_record_get_id (record));
          node->title = g_strdup (reslib_record_get (record, "title"));
          node->parent_id = parent != NULL && *parent != '\0' ? g_strdup (parent) : NULL;
          node->kind = g_strdup (reslib_record_get (record, "kind"));
          node->course_title = g_strdup (reslib_record_get (course, "title"));
          g_ptr_array_add (project->nodes, node);
          g_hash_table_insert (project->node_by_id, node->id, node);
        }
    }
  for (guint i = 0; i < project->nodes->len; i++)
    complete_path (project, g_ptr_array_index (project->nodes, i), 0);

  return g_steal_pointer (&project);
}

/* Whether @segments (a path as typed, its last part a title) is the end of @node's path. */
static gboolean
path_ends_with (SheetNode          *node,
                const char * const *segments)
{
  guint n = g_strv_length ((char **) segments), m = g_strv_length (node->path);

  if (n == 0 || n > m)
    return FALSE;
  for (guint i = 0; i < n; i++)
    if (g_strcmp0 (segments[i], node->path[m - n + i]) != 0)
      return FALSE;

  return TRUE;
}

static gboolean
has_ancestor_in (SheetProject       *project,
                 SheetNode          *node,
                 const char * const *titles)
{
  for (guint depth = 0; node != NULL && depth < 64; depth++)
    {
      if (reslib_strv_contains (titles, node->title))
        return TRUE;
      node = node->parent_id != NULL ? g_hash_table_lookup (project->node_by_id, node->parent_id) : NULL;
    }

  return FALSE;
}

static char **
split_path (const char *text)
{
  g_autofree char *unified = NULL;
  g_auto(GStrv) parts = NULL;
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  GString *s = g_string_new (text);

  g_string_replace (s, "›", ">", 0);
  g_string_replace (s, "＞", ">", 0);
  unified = g_string_free (s, FALSE);
  parts = g_strsplit (unified, ">", -1);
  for (guint i = 0; parts[i] != NULL; i++)
    {
      g_strstrip (parts[i]);
      if (parts[i][0] != '\0')
        g_strv_builder_add (builder, parts[i]);
    }

  return g_strv_builder_end (builder);
}

/* The node @text names among those of @kinds ("module", or NULL for points: knowledge and skill). */
static SheetNode *
find_node (SheetProject       *project,
           const char         *text,
           gboolean            modules,
           const char * const *courses,
           const char * const *module_titles,
           char              **problem)
{
  g_auto(GStrv) segments = split_path (text);
  SheetNode *found = NULL;
  guint n_found = 0;

  for (guint i = 0; i < project->nodes->len; i++)
    {
      SheetNode *node = g_ptr_array_index (project->nodes, i);
      gboolean is_module = g_strcmp0 (node->kind, "module") == 0;

      if (is_module != modules || !path_ends_with (node, (const char * const *) segments))
        continue;
      if (courses != NULL && courses[0] != NULL && !reslib_strv_contains (courses, node->course_title))
        continue;
      if (!modules && module_titles != NULL && module_titles[0] != NULL &&
          !has_ancestor_in (project, node, module_titles))
        continue;
      found = node;
      n_found++;
    }
  if (n_found == 1)
    return found;
  if (n_found == 0)
    *problem = g_strdup_printf (modules ? _("the module “%s” is not in the project's courses")
                                        : _("the knowledge or skill point “%s” is not in the project's courses"),
                                text);
  else
    *problem = g_strdup_printf (modules ? _("several modules are called “%s”: write it as 课程 › 模块")
                                        : _("several points are called “%s”: write it as 课程 › 模块 › 点, or fill "
                                            "in the course and module columns"),
                                text);

  return NULL;
}

char **
_reslib_sheet_project_nodes (SheetProject  *project,
                             const char    *courses,
                             const char    *modules,
                             const char    *points,
                             char         **problem)
{
  g_auto(GStrv) course_list = reslib_split_list (courses);
  g_auto(GStrv) module_list = reslib_split_list (modules);
  g_auto(GStrv) point_list = reslib_split_list (points);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  gboolean by_points = point_list[0] != NULL;
  char **items = by_points ? point_list : module_list;

  for (guint i = 0; course_list[i] != NULL; i++)
    {
      gboolean known = FALSE;

      for (guint n = 0; n < project->nodes->len && !known; n++)
        known = g_strcmp0 (((SheetNode *) g_ptr_array_index (project->nodes, n))->course_title, course_list[i]) == 0;
      if (!known)
        {
          *problem = g_strdup_printf (_("the course “%s” is not in the project (or has no modules and points)"),
                                      course_list[i]);
          return NULL;
        }
    }
  if (items[0] == NULL)
    {
      *problem = g_strdup (_("a course alone names no module or point: fill in the module or the point column"));
      return NULL;
    }
  for (guint i = 0; items[i] != NULL; i++)
    {
      SheetNode *node = find_node (project, items[i], !by_points, (const char * const *) course_list,
                                   (const char * const *) module_list, problem);

      if (node == NULL)
        return NULL;
      if (g_hash_table_add (seen, node->id))
        g_strv_builder_add (builder, node->id);
    }

  return g_strv_builder_end (builder);
}

char *
_reslib_sheet_project_node_text (SheetProject       *project,
                                 const char * const *node_ids)
{
  g_autoptr(GPtrArray) paths = g_ptr_array_new ();

  for (guint i = 0; node_ids != NULL && node_ids[i] != NULL; i++)
    {
      SheetNode *node = g_hash_table_lookup (project->node_by_id, node_ids[i]);

      g_ptr_array_add (paths, node != NULL ? node->path_text : (char *) node_ids[i]);
    }
  g_ptr_array_add (paths, NULL);

  return g_strjoinv ("、", (char **) paths->pdata);
}
