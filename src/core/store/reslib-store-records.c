/* reslib-store-records.c — every kind of record: reading, resolving ids, checked writes and deletes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "reslib-array-model.h"
#include "reslib-entity.h"
#include "reslib-error.h"
#include "reslib-labels.h"
#include "reslib-record.h"
#include "reslib-store-private.h"
#include "reslib-text.h"

/* ---------------------------------------------------------------------------------------------- */
/* Reading records                                                                                 */

/* Appends the expression that reads @field of the record "t": its column, or a subquery (a list's
 * values joined with U+001F). */
void
_reslib_store_append_field_sql (GString           *sql,
                                const ReslibField *field)
{
  if (field->type == RESLIB_FIELD_LIST)
    g_string_append_printf (sql, "(SELECT group_concat (%s, char (31)) FROM %s WHERE %s = t.id)",
                            field->list_column, field->list_table, field->list_key);
  else if (field->list_table != NULL)
    g_string_append_printf (sql, "(SELECT %s FROM %s WHERE %s)", field->list_column, field->list_table,
                            field->list_key);
  else
    g_string_append_printf (sql, "t.%s", field->name);
}

/* "SELECT <every field> FROM <table> t" for an entity; cached per kind. */
const char *
_reslib_store_select_sql (const ReslibEntity *entity)
{
  static char *cache[RESLIB_N_KINDS];

  if (g_once_init_enter (&cache[entity->kind]))
    {
      GString *sql = g_string_new ("SELECT ");

      for (guint i = 0; i < entity->n_fields; i++)
        {
          if (i > 0)
            g_string_append (sql, ", ");
          _reslib_store_append_field_sql (sql, &entity->fields[i]);
        }
      g_string_append_printf (sql, " FROM %s t", entity->table);
      g_once_init_leave (&cache[entity->kind], g_string_free (sql, FALSE));
    }

  return cache[entity->kind];
}

/* Runs a "SELECT <fields> FROM table t …" and collects the records. */
GListModel *
_reslib_store_collect (ReslibStore        *self,
                       const ReslibEntity *entity,
                       const char         *sql,
                       const char * const *args,
                       gint64              limit,
                       GError            **error)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(ReslibStatement) stmt = NULL;
  guint n_args = args != NULL ? g_strv_length ((char **) args) : 0;

  stmt = reslib_statement_new (self, sql, error);
  if (stmt == NULL)
    return NULL;
  reslib_statement_bind_texts (stmt, 1, args);
  if (limit != 0)
    reslib_statement_bind_int64 (stmt, n_args + 1, limit);
  while (reslib_statement_step (stmt, error))
    {
      ReslibRecord *record = _reslib_record_new (entity->kind);

      _reslib_store_fill_record (record, entity, stmt);
      g_ptr_array_add (items, record);
    }
  if (reslib_statement_failed (stmt))
    return NULL;

  return reslib_array_model_new (reslib_record_type_for_kind (entity->kind), g_steal_pointer (&items));
}

/**
 * reslib_store_get:
 *
 * Returns: (transfer full): the record with exactly this @id, or %NULL with
 *   %RESLIB_ERROR_NOT_FOUND.
 */
ReslibRecord *
reslib_store_get (ReslibStore *self,
                  ReslibKind   kind,
                  const char  *id,
                  GError     **error)
{
  const ReslibEntity *entity = reslib_entity_get (kind);
  g_autofree char *sql = NULL;
  g_autoptr(GListModel) list = NULL;

  g_return_val_if_fail (RESLIB_IS_STORE (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  sql = g_strdup_printf ("%s WHERE t.id = ?", _reslib_store_select_sql (entity));
  list = _reslib_store_collect (self, entity, sql, (const char * const[]) { id, NULL }, 0, error);
  if (list == NULL)
    return NULL;
  if (g_list_model_get_n_items (list) == 0)
    {
      g_set_error (error, RESLIB_ERROR, RESLIB_ERROR_NOT_FOUND,
                   _("There is no %s with the id “%s”"), reslib_kind_to_display (kind), id);
      return NULL;
    }

  return g_list_model_get_item (list, 0);
}

/**
 * reslib_store_list:
 * @scope_id: (nullable): the project (or, for nodes, the course) whose records to list;
 *   ignored for projects
 *
 * Returns: (transfer full): a #GListModel of #ReslibRecord in their natural order.
 */
GListModel *
reslib_store_list (ReslibStore *self,
                   ReslibKind   kind,
                   const char  *scope_id,
                   GError     **error)
{
  const ReslibEntity *entity = reslib_entity_get (kind);
  g_autofree char *sql = NULL;

  g_return_val_if_fail (RESLIB_IS_STORE (self), NULL);

  if (entity->scope_column == NULL || scope_id == NULL)
    sql = g_strdup_printf ("%s ORDER BY %s", _reslib_store_select_sql (entity), entity->order_by);
  else
    sql = g_strdup_printf ("%s WHERE t.%s = ? ORDER BY %s", _reslib_store_select_sql (entity), entity->scope_column,
                           entity->order_by);

  return _reslib_store_collect (self, entity, sql,
                                (const char * const[]) { entity->scope_column != NULL ? scope_id : NULL, NULL }, 0, error);
}

/**
 * reslib_store_count:
 * @self: a store
 * @kind: a kind of record
 * @scope_id: (nullable): the project (or other owner) to count in; %NULL counts them all
 * @error: return location for a #GError, or %NULL
 *
 * Returns: how many records of @kind there are; 0 with @error set when the store cannot be read
 */
guint
reslib_store_count (ReslibStore *self,
                    ReslibKind   kind,
                    const char  *scope_id,
                    GError     **error)
{
  const ReslibEntity *entity = reslib_entity_get (kind);
  g_autofree char *sql = NULL;
  g_autofree char *n = NULL;

  g_return_val_if_fail (RESLIB_IS_STORE (self), 0);

  if (entity->scope_column == NULL || scope_id == NULL)
    sql = g_strdup_printf ("SELECT count(*) FROM %s", entity->table);
  else
    sql = g_strdup_printf ("SELECT count(*) FROM %s WHERE %s = ?", entity->table, entity->scope_column);
  n = _reslib_store_query_text (self, sql, (const char * const[]) { entity->scope_column != NULL ? scope_id : NULL, NULL }, error);

  return n != NULL ? (guint) g_ascii_strtoull (n, NULL, 10) : 0;
}

static gboolean
valid_id_prefix (const char *prefix)
{
  if (prefix == NULL || *prefix == '\0' || strlen (prefix) > 36)
    return FALSE;
  for (const char *p = prefix; *p; p++)
    if (!g_ascii_isxdigit (*p) && *p != '-')
      return FALSE;

  return TRUE;
}

/**
 * reslib_store_resolve:
 * @prefix: a full id, a unique prefix of one, (for projects) an exact project name, or (for a major or a course
 *   with @project_id) its code
 * @project_id: (nullable): only look among the records of this project
 *
 * Returns: (transfer full): the full id, or %NULL with %RESLIB_ERROR_NOT_FOUND or
 *   %RESLIB_ERROR_AMBIGUOUS.
 */
char *
reslib_store_resolve (ReslibStore *self,
                      ReslibKind   kind,
                      const char  *prefix,
                      const char  *project_id,
                      GError     **error)
{
  const ReslibEntity *entity = reslib_entity_get (kind);
  gboolean scoped = project_id != NULL && kind != RESLIB_KIND_PROJECT;
  g_autoptr(GPtrArray) found = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *sql = NULL;
  g_autofree char *lower = NULL;

  g_return_val_if_fail (RESLIB_IS_STORE (self), NULL);
  g_return_val_if_fail (prefix != NULL, NULL);

  if (valid_id_prefix (prefix))
    {
      g_autoptr(ReslibStatement) stmt = NULL;

      lower = g_ascii_strdown (prefix, -1);
      sql = g_strdup_printf ("SELECT id FROM %s WHERE id >= ?1 AND id < ?1 || 'g'%s ORDER BY id LIMIT 2",
                             entity->table, scoped ? " AND project_id = ?2" : "");
      stmt = reslib_statement_new (self, sql, error);
      if (stmt == NULL)
        return NULL;
      reslib_statement_bind_text (stmt, 1, lower);
      if (scoped)
        reslib_statement_bind_text (stmt, 2, project_id);
      while (reslib_statement_step (stmt, error))
        g_ptr_array_add (found, reslib_statement_dup_text (stmt, 0));
      if (reslib_statement_failed (stmt))
        return NULL;
    }

  /* A major or a course of the project is also known by its code (510201, the course code). */
  if (found->len == 0 && scoped && (kind == RESLIB_KIND_MAJOR || kind == RESLIB_KIND_COURSE))
    {
      g_autoptr(ReslibStatement) stmt = NULL;
      g_autofree char *by_code = g_strdup_printf ("SELECT id FROM %s WHERE project_id = ?2 AND code = ?1 "
                                                  "ORDER BY id LIMIT 2", entity->table);

      stmt = reslib_statement_new (self, by_code, error);
      if (stmt == NULL)
        return NULL;
      reslib_statement_bind_text (stmt, 1, prefix);
      reslib_statement_bind_text (stmt, 2, project_id);
      while (reslib_statement_step (stmt, error))
        g_ptr_array_add (found, reslib_statement_dup_text (stmt, 0));
      if (reslib_statement_failed (stmt))
        return NULL;
      if (found->len == 0)
        {
          g_set_error (error, RESLIB_ERROR, RESLIB_ERROR_NOT_FOUND,
                       kind == RESLIB_KIND_MAJOR ? _("The project has no major with the code or id “%s”")
                                                 : _("The project has no course with the code or id “%s”"),
                       prefix);
          return NULL;
        }
    }

  if (found->len == 0 && kind == RESLIB_KIND_PROJECT)
    {
      g_autoptr(ReslibStatement) stmt = NULL;

      stmt = reslib_statement_new (self, "SELECT id FROM projects WHERE name = ? ORDER BY id LIMIT 2", error);
      if (stmt == NULL)
        return NULL;
      reslib_statement_bind_text (stmt, 1, prefix);
      while (reslib_statement_step (stmt, error))
        g_ptr_array_add (found, reslib_statement_dup_text (stmt, 0));
      if (reslib_statement_failed (stmt))
        return NULL;
    }

  if (found->len == 0)
    {
      g_set_error (error, RESLIB_ERROR, RESLIB_ERROR_NOT_FOUND,
                   _("There is no %s with the id “%s”"), reslib_kind_to_display (kind), prefix);
      return NULL;
    }
  if (found->len > 1)
    {
      g_set_error (error, RESLIB_ERROR, RESLIB_ERROR_AMBIGUOUS,
                   _("“%s” matches more than one %s: give more characters of the id"), prefix,
                   reslib_kind_to_display (kind));
      return NULL;
    }

  return g_strdup (g_ptr_array_index (found, 0));
}

/**
 * reslib_store_project_of:
 *
 * Returns: (transfer full): the id of the project a record belongs to.
 */
char *
reslib_store_project_of (ReslibStore *self,
                         ReslibKind   kind,
                         const char  *id,
                         GError     **error)
{
  const ReslibEntity *entity = reslib_entity_get (kind);
  g_autofree char *sql = NULL;
  char *project_id;
  g_autoptr(GError) local_error = NULL;

  if (kind == RESLIB_KIND_PROJECT)
    sql = g_strdup ("SELECT id FROM projects WHERE id = ?");
  else
    sql = g_strdup_printf ("SELECT project_id FROM %s WHERE id = ?", entity->table);
  project_id = _reslib_store_query_text (self, sql, (const char * const[]) { id, NULL }, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  if (project_id == NULL)
    g_set_error (error, RESLIB_ERROR, RESLIB_ERROR_NOT_FOUND,
                 _("There is no %s with the id “%s”"), reslib_kind_to_display (kind), id);

  return project_id;
}

/* ---------------------------------------------------------------------------------------------- */
/* Writing records                                                                                 */

/* Checks that a referenced record exists and lives in @project_id. */
static gboolean
check_reference (ReslibStore       *self,
                 const ReslibField *field,
                 const char        *value,
                 const char        *project_id,
                 GError           **error)
{
  g_autofree char *owner = NULL;
  g_autoptr(GError) local_error = NULL;

  owner = reslib_store_project_of (self, field->ref_kind, value, &local_error);
  if (owner == NULL)
    {
      if (g_error_matches (local_error, RESLIB_ERROR, RESLIB_ERROR_NOT_FOUND))
        g_set_error (error, RESLIB_ERROR, RESLIB_ERROR_NOT_FOUND,
                     _("The %s “%s” given as %s does not exist"), reslib_kind_to_display (field->ref_kind), value,
                     field->name);
      else
        g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (project_id != NULL && g_strcmp0 (owner, project_id) != 0)
    {
      g_set_error (error, RESLIB_ERROR, RESLIB_ERROR_INVALID,
                   _("The %s “%s” belongs to another project"), reslib_kind_to_display (field->ref_kind), value);
      return FALSE;
    }

  return TRUE;
}

/* A node's parent must be in the same course and may not be the node or one of its descendants. */
static gboolean
check_node_parent (ReslibStore *self,
                   const char  *node_id,
                   const char  *course_id,
                   const char  *parent_id,
                   GError     **error)
{
  g_autofree char *cursor = g_strdup (parent_id);
  g_autofree char *parent_course = NULL;
  guint depth = 0;

  parent_course = _reslib_store_query_text (self, "SELECT course_id FROM course_nodes WHERE id = ?",
                                            (const char * const[]) { parent_id, NULL }, error);
  if (g_strcmp0 (parent_course, course_id) != 0)
    {
      g_set_error (error, RESLIB_ERROR, RESLIB_ERROR_INVALID,
                   _("The parent node “%s” belongs to another course"), parent_id);
      return FALSE;
    }
  while (cursor != NULL && node_id != NULL)
    {
      char *next;

      if (g_strcmp0 (cursor, node_id) == 0 || ++depth > 1000)
        {
          g_set_error_literal (error, RESLIB_ERROR, RESLIB_ERROR_INVALID,
                               _("A node cannot be moved under itself or one of its own children"));
          return FALSE;
        }
      next = _reslib_store_query_text (self, "SELECT parent_id FROM course_nodes WHERE id = ?",
                                       (const char * const[]) { cursor, NULL }, NULL);
      g_free (cursor);
      cursor = next;
    }

  return TRUE;
}

static const ReslibField *
writable_field (const ReslibEntity *entity,
                const char         *name,
                gboolean            internal_ok,
                GError            **error)
{
  const ReslibField *field = reslib_entity_find_field (entity, name);

  if (field == NULL)
    {
      g_autoptr(GString) names = g_string_new (NULL);

      for (guint i = 0; i < entity->n_fields; i++)
        if (entity->fields[i].flags & RESLIB_FIELD_SETTABLE)
          g_string_append_printf (names, "%s%s", names->len ? ", " : "", entity->fields[i].name);
      g_set_error (error, RESLIB_ERROR, RESLIB_ERROR_INVALID,
                   _("A %s has no field “%s”: use one of %s"), reslib_kind_to_display (entity->kind), name, names->str);
      return NULL;
    }
  if (field->type == RESLIB_FIELD_TIME || strcmp (field->name, "id") == 0 ||
      (field->list_table != NULL && field->type != RESLIB_FIELD_LIST) ||
      (!internal_ok && !(field->flags & RESLIB_FIELD_SETTABLE)))
    {
      g_set_error (error, RESLIB_ERROR, RESLIB_ERROR_INVALID,
                   _("The field “%s” of a %s cannot be set directly"), field->name,
                   reslib_kind_to_display (entity->kind));
      return NULL;
    }

  return field;
}

char *
_reslib_store_insert_record (ReslibStore        *self,
                             ReslibKind          kind,
                             const char * const *fields,
                             const char * const *values,
                             GError            **error)
{
  const ReslibEntity *entity = reslib_entity_get (kind);
  g_autofree char *id = reslib_uuid_new ();
  g_autofree char *now = reslib_now_iso8601 ();
  g_autofree char *detail = NULL;
  g_autoptr(GPtrArray) cols = g_ptr_array_new ();
  g_autoptr(GPtrArray) vals = g_ptr_array_new ();
  g_autoptr(GString) sql = g_string_new (NULL);
  g_autofree char *derived_project = NULL;
  const char *project_id = NULL;
  const char *course_id = NULL;
  const char *parent_id = NULL;
  g_autoptr(ReslibStatement) stmt = NULL;
  g_autoptr(GError) local_error = NULL;

  for (guint i = 0; fields[i] != NULL; i++)
    {
      const ReslibField *field = writable_field (entity, fields[i], TRUE, error);

      if (field == NULL)
        return NULL;
      /* No value for a field the database fills in: leave it to the default. */
      if ((values[i] == NULL || *values[i] == '\0') && (field->flags & RESLIB_FIELD_DEFAULTED))
        continue;
      if (!reslib_field_check_value (entity, field, values[i], error))
        return NULL;
      for (guint j = 0; j < i; j++)
        if (reslib_entity_find_field (entity, fields[j]) == field)
          {
            g_set_error (error, RESLIB_ERROR, RESLIB_ERROR_INVALID, _("The field “%s” is given twice"), field->name);
            return NULL;
          }
      if (strcmp (field->name, "project_id") == 0)
        project_id = values[i];
      else if (strcmp (field->name, "course_id") == 0)
        course_id = values[i];
      else if (strcmp (field->name, "parent_id") == 0)
        parent_id = values[i];
      if (values[i] != NULL && *values[i] != '\0')
        {
          g_ptr_array_add (cols, (gpointer) field->name);
          g_ptr_array_add (vals, (gpointer) values[i]);
        }
    }

  /* Nodes take their project from their course. */
  if (kind == RESLIB_KIND_NODE && project_id == NULL && course_id != NULL)
    {
      derived_project = reslib_store_project_of (self, RESLIB_KIND_COURSE, course_id, error);
      if (derived_project == NULL)
        return NULL;
      project_id = derived_project;
      g_ptr_array_add (cols, (gpointer) "project_id");
      g_ptr_array_add (vals, (gpointer) project_id);
    }

  for (guint i = 0; i < entity->n_fields; i++)
    {
      const ReslibField *field = &entity->fields[i];
      gboolean given = FALSE;

      for (guint j = 0; j < cols->len; j++)
        if (strcmp (g_ptr_array_index (cols, j), field->name) == 0)
          {
            given = TRUE;
            if (field->type == RESLIB_FIELD_REF && strcmp (field->name, "project_id") != 0 &&
                !check_reference (self, field, g_ptr_array_index (vals, j), project_id, error))
              return NULL;
          }
      if (!given && (field->flags & RESLIB_FIELD_REQUIRED) && !(field->flags & RESLIB_FIELD_DEFAULTED))
        {
          g_set_error (error, RESLIB_ERROR, RESLIB_ERROR_INVALID,
                       _("A %s needs a value for “%s”"), reslib_kind_to_display (kind), field->name);
          return NULL;
        }
    }
  if (project_id != NULL && kind != RESLIB_KIND_PROJECT)
    {
      g_autofree char *exists = _reslib_store_query_text (self, "SELECT id FROM projects WHERE id = ?",
                                                          (const char * const[]) { project_id, NULL }, error);
      if (exists == NULL)
        {
          if (error != NULL && *error == NULL)
            g_set_error (error, RESLIB_ERROR, RESLIB_ERROR_NOT_FOUND,
                         _("There is no %s with the id “%s”"), reslib_kind_to_display (RESLIB_KIND_PROJECT), project_id);
          return NULL;
        }
    }
  if (kind == RESLIB_KIND_NODE && parent_id != NULL && *parent_id != '\0' &&
      !check_node_parent (self, NULL, course_id, parent_id, error))
    return NULL;

  g_string_append_printf (sql, "INSERT INTO %s (id, created_at, updated_at", entity->table);
  for (guint j = 0; j < cols->len; j++)
    g_string_append_printf (sql, ", %s", (const char *) g_ptr_array_index (cols, j));
  g_string_append (sql, ") VALUES (?, ?, ?");
  for (guint j = 0; j < cols->len; j++)
    g_string_append (sql, ", ?");
  g_string_append (sql, ")");

  stmt = reslib_statement_new (self, sql->str, error);
  if (stmt == NULL)
    return NULL;
  reslib_statement_bind_text (stmt, 1, id);
  reslib_statement_bind_text (stmt, 2, now);
  reslib_statement_bind_text (stmt, 3, now);
  for (guint j = 0; j < vals->len; j++)
    reslib_statement_bind_text (stmt, j + 4, g_ptr_array_index (vals, j));
  if (!reslib_statement_execute (stmt, &local_error))
    {
      if (g_error_matches (local_error, RESLIB_ERROR, RESLIB_ERROR_CONSTRAINT) && kind == RESLIB_KIND_MAJOR)
        g_set_error_literal (error, RESLIB_ERROR, RESLIB_ERROR_INVALID,
                             _("This major is already in the project, or the project already has a core major"));
      else
        g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  if (kind == RESLIB_KIND_MEMBER && !_reslib_store_check_leader (self, id, error))
    return NULL;

  detail = _reslib_store_detail_json (fields, values);
  if (!reslib_store_log_event (self, kind == RESLIB_KIND_PROJECT ? id : project_id, kind, id, "create", detail, error))
    return NULL;

  return g_steal_pointer (&id);
}

/**
 * reslib_store_insert:
 * @fields: field names, %NULL-terminated
 * @values: one value per field (%NULL or "" for none)
 *
 * Adds a record, checking every value and reference, and logs the change.
 *
 * Returns: (transfer full): the new record's id, or %NULL with @error set.
 */
char *
reslib_store_insert (ReslibStore        *self,
                     ReslibKind          kind,
                     const char * const *fields,
                     const char * const *values,
                     GError            **error)
{
  char *id;

  g_return_val_if_fail (RESLIB_IS_STORE (self), NULL);
  g_return_val_if_fail (fields != NULL && values != NULL, NULL);

  if (!reslib_store_begin (self, error))
    return NULL;
  id = _reslib_store_insert_record (self, kind, fields, values, error);
  if (id == NULL)
    {
      reslib_store_rollback (self);
      return NULL;
    }
  if (!reslib_store_commit (self, error))
    g_clear_pointer (&id, g_free);

  return id;
}

/* The baseline of the yearly update rate is the date of acceptance: it cannot be before the build started.
 * Checked after the change, in its transaction, so that a start date moved after the baseline is refused
 * as well. */
static gboolean
check_baseline (ReslibStore  *self,
                const char   *project_id,
                GError      **error)
{
  g_autoptr(ReslibStatement) stmt = NULL;
  g_autofree char *baseline = NULL;
  g_autofree char *start = NULL;

  stmt = reslib_statement_new (self, "SELECT baseline_date, start_date FROM projects WHERE id = ? "
                                     "AND baseline_date IS NOT NULL AND start_date IS NOT NULL "
                                     "AND baseline_date < start_date", error);
  if (stmt == NULL)
    return FALSE;
  reslib_statement_bind_text (stmt, 1, project_id);
  if (reslib_statement_step (stmt, error))
    {
      baseline = g_strdup (reslib_statement_get_text (stmt, 0));
      start = g_strdup (reslib_statement_get_text (stmt, 1));
    }
  if (reslib_statement_failed (stmt))
    return FALSE;
  if (baseline != NULL)
    {
      g_set_error (error, RESLIB_ERROR, RESLIB_ERROR_INVALID,
                   _("The baseline date %s is before the build starts (%s): set it to the date the library was accepted"),
                   baseline, start);
      return FALSE;
    }

  return TRUE;
}

static gboolean
update_record (ReslibStore        *self,
               ReslibKind          kind,
               const char         *id,
               const char * const *fields,
               const char * const *values,
               gboolean            internal_ok,
               GError            **error)
{
  const ReslibEntity *entity = reslib_entity_get (kind);
  g_autoptr(ReslibRecord) current = NULL;
  g_autoptr(GString) sql = g_string_new (NULL);
  g_autofree char *now = reslib_now_iso8601 ();
  g_autofree char *detail = NULL;
  const char *project_id;
  g_autoptr(ReslibStatement) stmt = NULL;
  guint n = 0;

  current = reslib_store_get (self, kind, id, error);
  if (current == NULL)
    return FALSE;
  project_id = kind == RESLIB_KIND_PROJECT ? id : reslib_record_get (current, "project_id");

  g_string_append_printf (sql, "UPDATE %s SET updated_at = ?", entity->table);
  for (n = 0; fields[n] != NULL; n++)
    {
      const ReslibField *field = writable_field (entity, fields[n], internal_ok, error);

      if (field == NULL || !reslib_field_check_value (entity, field, values[n], error))
        return FALSE;
      if (field->type == RESLIB_FIELD_LIST)
        {
          g_set_error (error, RESLIB_ERROR, RESLIB_ERROR_INVALID,
                       _("The field “%s” holds a list: set it as a comma-separated list"), field->name);
          return FALSE;
        }
      if (kind == RESLIB_KIND_RESOURCE && strcmp (field->name, "url") == 0 &&
          !_reslib_store_check_resource_url (current, values[n], error))
        return FALSE;
      if (field->type == RESLIB_FIELD_REF && values[n] != NULL && *values[n] != '\0')
        {
          if (!check_reference (self, field, values[n], project_id, error))
            return FALSE;
          if (kind == RESLIB_KIND_NODE && strcmp (field->name, "parent_id") == 0 &&
              !check_node_parent (self, id, reslib_record_get (current, "course_id"), values[n], error))
            return FALSE;
        }
      g_string_append_printf (sql, ", %s = ?", field->name);
    }
  g_string_append (sql, " WHERE id = ?");

  stmt = reslib_statement_new (self, sql->str, error);
  if (stmt == NULL)
    return FALSE;
  reslib_statement_bind_text (stmt, 1, now);
  for (guint i = 0; i < n; i++)
    reslib_statement_bind_text (stmt, i + 2, values[i] != NULL && *values[i] != '\0' ? values[i] : NULL);
  reslib_statement_bind_text (stmt, n + 2, id);
  if (!reslib_statement_execute (stmt, error))
    return FALSE;
  if (kind == RESLIB_KIND_PROJECT && !check_baseline (self, id, error))
    return FALSE;
  if (kind == RESLIB_KIND_MEMBER && !_reslib_store_check_leader (self, id, error))
    return FALSE;

  detail = _reslib_store_detail_json (fields, values);
  if (!reslib_store_log_event (self, project_id, kind, id, "update", detail, error))
    return FALSE;
  /* An approved resource that changes goes back to review, in the same transaction. */
  return kind != RESLIB_KIND_RESOURCE || g_strv_contains (fields, "state") ||
         _reslib_store_reopen_review (self, project_id, id, error);
}

/**
 * reslib_store_update:
 *
 * Changes settable fields of a record in one transaction (all or nothing) and logs the change.
 */
gboolean
reslib_store_update (ReslibStore        *self,
                     ReslibKind          kind,
                     const char         *id,
                     const char * const *fields,
                     const char * const *values,
                     GError            **error)
{
  g_return_val_if_fail (RESLIB_IS_STORE (self), FALSE);
  g_return_val_if_fail (id != NULL && fields != NULL && values != NULL, FALSE);

  RESLIB_STORE_IN_TRANSACTION (self, error, update_record (self, kind, id, fields, values, FALSE, error));
}

/**
 * reslib_store_update_record:
 *
 * Writes one field of @record through to the store and updates @record
 * (its property notifies), for editors that change one field at a time. A list field's @value is
 * split as reslib_split_list() does it (",", "，", "、", ";" and "；" separate items) and replaces the list.
 */
gboolean
reslib_store_update_record (ReslibStore  *self,
                            ReslibRecord *record,
                            const char   *field,
                            const char   *value,
                            GError      **error)
{
  ReslibKind kind = reslib_record_get_kind (record);
  const ReslibEntity *entity = reslib_record_get_entity (record);
  g_autoptr(ReslibRecord) fresh = NULL;
  int index = reslib_entity_field_index (entity, field);

  if (index >= 0 && entity->fields[index].type == RESLIB_FIELD_LIST)
    {
      g_auto(GStrv) parts = reslib_split_list (value);

      if (!reslib_store_set_list (self, reslib_record_get_id (record), field, (const char * const *) parts, error))
        return FALSE;
    }
  else if (!reslib_store_update (self, kind, reslib_record_get_id (record),
                                 (const char * const[]) { field, NULL }, (const char * const[]) { value }, error))
    return FALSE;

  fresh = reslib_store_get (self, kind, reslib_record_get_id (record), error);
  if (fresh == NULL)
    return FALSE;
  for (guint i = 0; i < entity->n_fields; i++)
    {
      if (entity->fields[i].type == RESLIB_FIELD_LIST)
        _reslib_record_take_list (record, i, g_strdupv ((char **) reslib_record_get_list (fresh, entity->fields[i].name)));
      else
        _reslib_record_take_value (record, i, g_strdup (reslib_record_get (fresh, entity->fields[i].name)));
    }

  return TRUE;
}

static gboolean
set_list (ReslibStore        *self,
          const char         *resource_id,
          const char         *name,
          const char * const *values,
          GError            **error)
{
  const ReslibEntity *entity = reslib_entity_get (RESLIB_KIND_RESOURCE);
  const ReslibField *field = reslib_entity_find_field (entity, name);
  g_autofree char *project_id = NULL;
  g_autofree char *delete_sql = NULL;
  g_autofree char *insert_sql = NULL;
  g_autofree char *now = reslib_now_iso8601 ();
  g_autoptr(GPtrArray) clean = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) gen = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *detail = NULL;
  gboolean authors;

  if (field == NULL || field->type != RESLIB_FIELD_LIST)
    {
      g_set_error (error, RESLIB_ERROR, RESLIB_ERROR_INVALID,
                   _("A resource has no list field “%s”: use authors, keywords, nodes or tags"), name);
      return FALSE;
    }
  project_id = reslib_store_project_of (self, RESLIB_KIND_RESOURCE, resource_id, error);
  if (project_id == NULL)
    return FALSE;

  for (guint i = 0; values != NULL && values[i] != NULL; i++)
    {
      g_autofree char *v = g_strstrip (g_strdup (values[i]));

      if (*v == '\0')
        continue;
      if (!g_utf8_validate (v, -1, NULL))
        {
          g_set_error (error, RESLIB_ERROR, RESLIB_ERROR_INVALID, _("The value for “%s” is not valid UTF-8 text"), name);
          return FALSE;
        }
      if (field->ref_kind == RESLIB_KIND_NODE && !check_reference (self, field, v, project_id, error))
        return FALSE;
      if (field->choices != NULL && !_reslib_store_tag_value (self, resource_id, &v, error))
        return FALSE;
      if (v == NULL)
        continue;
      if (!g_ptr_array_find_with_equal_func (clean, v, g_str_equal, NULL))
        g_ptr_array_add (clean, g_steal_pointer (&v));
    }

  authors = strcmp (field->name, "authors") == 0;
  delete_sql = g_strdup_printf ("DELETE FROM %s WHERE %s = ?", field->list_table, field->list_key);
  if (authors)
    insert_sql = g_strdup_printf ("INSERT INTO %s (%s, position, %s) VALUES (?, ?, ?)",
                                  field->list_table, field->list_key, field->list_column);
  else
    insert_sql = g_strdup_printf ("INSERT INTO %s (%s, %s) VALUES (?, ?)",
                                  field->list_table, field->list_key, field->list_column);

  if (!RESLIB_STORE_EXEC (self, delete_sql, error, resource_id))
    return FALSE;
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, field->name);
  json_builder_begin_array (builder);
  for (guint i = 0; i < clean->len; i++)
    {
      g_autofree char *position = g_strdup_printf ("%u", i);
      const char *v = g_ptr_array_index (clean, i);
      gboolean ok = authors ? RESLIB_STORE_EXEC (self, insert_sql, error, resource_id, position, v)
                            : RESLIB_STORE_EXEC (self, insert_sql, error, resource_id, v);
      if (!ok)
        return FALSE;
      json_builder_add_string_value (builder, v);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  json_generator_set_root (gen, root);
  detail = json_generator_to_data (gen, NULL);

  return RESLIB_STORE_EXEC (self, "UPDATE resources SET updated_at = ? WHERE id = ?", error, now, resource_id) &&
         reslib_store_log_event (self, project_id, RESLIB_KIND_RESOURCE, resource_id, "update", detail, error) &&
         _reslib_store_reopen_review (self, project_id, resource_id, error);
}

/**
 * reslib_store_set_list:
 * @field: "authors", "keywords" or "nodes"
 * @values: the new list; blanks and repeats are dropped
 *
 * Replaces a list field of a resource and logs the change.
 */
gboolean
reslib_store_set_list (ReslibStore        *self,
                       const char         *resource_id,
                       const char         *field,
                       const char * const *values,
                       GError            **error)
{
  g_return_val_if_fail (RESLIB_IS_STORE (self), FALSE);
  g_return_val_if_fail (resource_id != NULL && field != NULL, FALSE);

  RESLIB_STORE_IN_TRANSACTION (self, error, set_list (self, resource_id, field, values, error));
}

static gboolean
delete_record (ReslibStore *self,
               ReslibKind   kind,
               const char  *id,
               GError     **error)
{
  const ReslibEntity *entity = reslib_entity_get (kind);
  g_autofree char *project_id = reslib_store_project_of (self, kind, id, error);
  g_autofree char *sql = NULL;

  if (project_id == NULL)
    return FALSE;
  sql = g_strdup_printf ("DELETE FROM %s WHERE id = ?", entity->table);

  return RESLIB_STORE_EXEC (self, sql, error, id) &&
         reslib_store_log_event (self, project_id, kind, id, "delete", NULL, error);
}

/**
 * reslib_store_delete:
 * @self: a store that can be written
 * @kind: a kind of record
 * @id: the record's id
 * @error: return location for a #GError, or %NULL
 *
 * Deletes a record in one transaction and notes it in the audit log.
 *
 * Returns: %TRUE, or %FALSE with @error set and nothing deleted
 */
gboolean
reslib_store_delete (ReslibStore *self,
                     ReslibKind   kind,
                     const char  *id,
                     GError     **error)
{
  g_return_val_if_fail (RESLIB_IS_STORE (self), FALSE);
  g_return_val_if_fail (id != NULL, FALSE);

  RESLIB_STORE_IN_TRANSACTION (self, error, delete_record (self, kind, id, error));
}
