/* reslib-package-import-map.c — a package's courses and points mapped onto the project it is imported into
 *
 * A teacher who started from a project of their own sends a contribution whose courses and knowledge or
 * skill points have other ids than the lead's. Imported into the lead's project, such a record is mapped
 * onto the lead's: by an earlier import's mapping (record_map), or, when asked, by its title (a course
 * within the project, a point under its matched parent in its matched course). The package's records then
 * refer to the lead's (a resource is linked to the lead's point), and the mapped records themselves are
 * the lead's to change: their content is not merged.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "reslib-error.h"
#include "reslib-package-import-private.h"
#include "reslib-store-roles.h"

/* A course or node of the package, as the mapping needs it. */
typedef struct
{
  ReslibKind  kind;
  char       *id;
  char       *title;
  char       *course_id;      /* nodes */
  char       *parent_id;      /* nodes, NULL at a course's top */
} Candidate;

static void
candidate_free (gpointer data)
{
  Candidate *c = data;

  g_free (c->id);
  g_free (c->title);
  g_free (c->course_id);
  g_free (c->parent_id);
  g_free (c);
}

static gboolean
collect (guint        kind,
         JsonObject  *record,
         gpointer     user_data,
         GError     **error)
{
  GPtrArray *candidates = user_data;
  Candidate *c;

  if (kind != RESLIB_KIND_COURSE && kind != RESLIB_KIND_NODE)
    return TRUE;
  c = g_new0 (Candidate, 1);
  c->kind = kind;
  c->id = g_strdup (json_object_get_string_member (record, "id"));
  c->title = g_strdup (json_object_get_string_member_with_default (record, "title", NULL));
  if (kind == RESLIB_KIND_NODE)
    {
      c->course_id = g_strdup (json_object_get_string_member_with_default (record, "course_id", NULL));
      c->parent_id = g_strdup (json_object_get_string_member_with_default (record, "parent_id", NULL));
    }
  g_ptr_array_add (candidates, c);

  return TRUE;
}

/* The id a package's @id of @kind stands for in the store. */
static const char *
mapped (ReslibPackageImport *im,
        ReslibKind           kind,
        const char          *id)
{
  const char *local = id != NULL ? g_hash_table_lookup (im->map[kind], id) : NULL;

  return local != NULL ? local : id;
}

/* The record of @kind under @scope (a project's courses, a course's nodes) with the title @title and, for
 * a node, the parent @parent_id; NULL when none or more than one. */
static char *
find_by_title (ReslibPackageImport *im,
               ReslibKind           kind,
               const char          *scope,
               const char          *title,
               const char          *parent_id,
               GError             **error)
{
  g_autoptr(GListModel) records = reslib_store_list (im->store, kind, scope, error);
  g_autofree char *found = NULL;

  if (records == NULL || title == NULL)
    return NULL;
  for (guint i = 0; i < g_list_model_get_n_items (records); i++)
    {
      g_autoptr(ReslibRecord) r = g_list_model_get_item (records, i);

      if (g_strcmp0 (reslib_record_get (r, "title"), title) != 0 ||
          (kind == RESLIB_KIND_NODE && g_strcmp0 (reslib_record_get (r, "parent_id"), parent_id) != 0))
        continue;
      if (found != NULL)
        return NULL;    /* two of the same title: none is taken for the other */
      found = g_strdup (reslib_record_get_id (r));
    }

  return g_steal_pointer (&found);
}

/* Maps one candidate, if it can be: returns whether it was. */
static gboolean
map_one (ReslibPackageImport *im,
         Candidate           *c,
         gboolean            *failed,
         GError             **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *project = NULL;
  g_autofree char *local = NULL;

  /* A record of the target project keeps its id. */
  project = _reslib_import_project_of (im, c->kind, c->id, &local_error);
  if (local_error == NULL && g_strcmp0 (project, im->target_project) == 0)
    return FALSE;
  if (local_error == NULL)
    local = _reslib_store_map_lookup (im->store, im->target_project, c->kind, c->id, &local_error);
  if (local == NULL && local_error == NULL && im->match_by_title)
    {
      if (c->kind == RESLIB_KIND_COURSE)
        local = find_by_title (im, c->kind, im->target_project, c->title, NULL, &local_error);
      else
        {
          const char *course = mapped (im, RESLIB_KIND_COURSE, c->course_id);
          const char *parent = mapped (im, RESLIB_KIND_NODE, c->parent_id);

          /* Under its matched parent: a point whose course or parent stays the package's has nothing
           * of the project's to match. */
          if (g_strcmp0 (course, c->course_id) != 0 && (c->parent_id == NULL || g_strcmp0 (parent, c->parent_id) != 0))
            local = find_by_title (im, c->kind, course, c->title, parent, &local_error);
        }
    }
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      *failed = TRUE;
      return FALSE;
    }
  if (local == NULL)
    return FALSE;
  g_hash_table_insert (im->map[c->kind], g_strdup (c->id), g_steal_pointer (&local));

  return TRUE;
}

/* Reads the package's courses and nodes and maps those the target project does not have (see above). */
gboolean
_reslib_import_build_map (ReslibPackageImport *im,
                          GCancellable        *cancellable,
                          GError             **error)
{
  g_autoptr(GPtrArray) candidates = g_ptr_array_new_with_free_func (candidate_free);
  gboolean progress = TRUE;
  gboolean failed = FALSE;

  if (!_reslib_manifest_read_tar (im->path, &im->index, collect, candidates, cancellable, error))
    return FALSE;
  /* Courses first, then points from the top down: a point is matched under its matched parent. */
  for (guint i = 0; i < candidates->len; i++)
    {
      Candidate *c = g_ptr_array_index (candidates, i);

      if (c->kind == RESLIB_KIND_COURSE)
        map_one (im, c, &failed, error);
      if (failed)
        return FALSE;
    }
  while (progress)
    {
      progress = FALSE;
      for (guint i = 0; i < candidates->len; i++)
        {
          Candidate *c = g_ptr_array_index (candidates, i);

          if (c->kind != RESLIB_KIND_NODE || g_hash_table_contains (im->map[RESLIB_KIND_NODE], c->id))
            continue;
          if (map_one (im, c, &failed, error))
            progress = TRUE;
          if (failed)
            return FALSE;
        }
    }

  return TRUE;
}

static void
map_member (ReslibPackageImport *im,
            JsonObject          *record,
            const char          *name,
            ReslibKind           kind)
{
  const char *value = json_object_get_string_member_with_default (record, name, NULL);
  const char *local = value != NULL ? g_hash_table_lookup (im->map[kind], value) : NULL;

  if (local != NULL)
    json_object_set_string_member (record, name, local);
}

/* Rewrites @record's references (and, for a mapped record, its id) to the store's records. */
void
_reslib_import_apply_map (ReslibPackageImport *im,
                          guint                kind,
                          JsonObject          *record)
{
  const ReslibEntity *entity;

  if (kind >= RESLIB_N_KINDS || (g_hash_table_size (im->map[RESLIB_KIND_COURSE]) == 0 &&
                                 g_hash_table_size (im->map[RESLIB_KIND_NODE]) == 0))
    return;
  entity = reslib_entity_get (kind);
  map_member (im, record, "id", kind);
  for (guint f = 1; f < entity->n_fields; f++)
    {
      const ReslibField *field = &entity->fields[f];

      if (field->type == RESLIB_FIELD_REF && (field->ref_kind == RESLIB_KIND_COURSE || field->ref_kind == RESLIB_KIND_NODE))
        map_member (im, record, field->name, field->ref_kind);
      else if (field->type == RESLIB_FIELD_LIST && field->ref_kind == RESLIB_KIND_NODE)
        {
          JsonNode *node = json_object_get_member (record, field->name);
          JsonArray *array = node != NULL && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
          g_autoptr(JsonArray) rewritten = NULL;

          if (array == NULL)
            continue;
          rewritten = json_array_new ();
          for (guint i = 0; i < json_array_get_length (array); i++)
            {
              JsonNode *element = json_array_get_element (array, i);
              const char *value = JSON_NODE_HOLDS_VALUE (element) && json_node_get_value_type (element) == G_TYPE_STRING
                                    ? json_node_get_string (element) : NULL;

              if (value != NULL)
                json_array_add_string_element (rewritten, mapped (im, RESLIB_KIND_NODE, value));
              else
                json_array_add_element (rewritten, json_node_copy (element));
            }
          json_object_set_array_member (record, field->name, g_steal_pointer (&rewritten));
        }
    }
}

/* Keeps the mapping for later imports, in the import's transaction. */
gboolean
_reslib_import_save_map (ReslibPackageImport *im,
                         GError             **error)
{
  const ReslibKind kinds[] = { RESLIB_KIND_COURSE, RESLIB_KIND_NODE };

  for (guint k = 0; k < G_N_ELEMENTS (kinds); k++)
    {
      GHashTableIter iter;
      gpointer key, value;

      g_hash_table_iter_init (&iter, im->map[kinds[k]]);
      while (g_hash_table_iter_next (&iter, &key, &value))
        if (!_reslib_store_map_add (im->store, im->target_project, kinds[k], key, value, error))
          return FALSE;
    }

  return TRUE;
}

/* A contribution of a project this library does not have, when the library has a project of its name: a
 * teacher's own project, to be imported into the lead's. Returns the id of that project, or NULL. */
char *
_reslib_import_same_name_project (ReslibPackageImport *im,
                                  GError             **error)
{
  g_autoptr(GListModel) projects = NULL;
  g_autofree char *exists = NULL;
  g_autoptr(GError) local_error = NULL;

  if (im->project_title == NULL)
    return NULL;
  exists = _reslib_import_project_of (im, RESLIB_KIND_PROJECT, im->index.project_id, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  if (exists != NULL)
    return NULL;
  projects = reslib_store_list (im->store, RESLIB_KIND_PROJECT, NULL, error);
  if (projects == NULL)
    return NULL;
  for (guint i = 0; i < g_list_model_get_n_items (projects); i++)
    {
      g_autoptr(ReslibRecord) p = g_list_model_get_item (projects, i);

      if (g_strcmp0 (reslib_record_get (p, "name"), im->project_title) == 0)
        return g_strdup (reslib_record_get_id (p));
    }

  return NULL;
}
