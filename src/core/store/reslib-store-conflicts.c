/* reslib-store-conflicts.c — records both this library and a package changed, kept until resolved
 * (conflicts, 0006-conflicts-roles.sql)
 *
 * A package import that finds a record changed on both sides since they last exchanged it keeps the local
 * version and the incoming one here (reslib-package-import-merge.c). Resolving the conflict keeps the
 * local version, takes the incoming one, or (a resource) keeps both, in one transaction recorded in the
 * events log. The incoming version was noted as received when it was imported (reslib-store-sync.h), so
 * importing the same package again changes nothing whatever the choice.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "reslib-array-model.h"
#include "reslib-error.h"
#include "reslib-store-conflicts.h"
#include "reslib-store-private.h"
#include "reslib-store-sync.h"

struct _ReslibConflict
{
  GObject               parent_instance;

  gint64                id;
  char                 *project_id;
  ReslibKind            kind;
  char                 *record_id;
  char                 *bag;
  char                 *received_at;
  char                 *resolved_at;
  ReslibConflictChoice  resolution;
  char                 *copy_id;
  char                 *theirs_sha256;
  JsonObject           *theirs_json;
  ReslibRecord         *theirs;
};

G_DEFINE_FINAL_TYPE (ReslibConflict, reslib_conflict, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_ID,
  PROP_KIND,
  PROP_RECORD_ID,
  PROP_TITLE,
  PROP_BAG,
  PROP_RECEIVED_AT,
  PROP_THEIRS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The field that names a record of each kind, for lists and a copy's title. */
static const char *
title_field (ReslibKind kind)
{
  switch (kind)
    {
    case RESLIB_KIND_PROJECT:
    case RESLIB_KIND_MAJOR:
    case RESLIB_KIND_UNIT:
    case RESLIB_KIND_MEMBER:
      return "name";
    case RESLIB_KIND_BUDGET_LINE:
      return "source";
    case RESLIB_KIND_DECLARATION:
      return "signed_by";
    case RESLIB_KIND_COURSE:
    case RESLIB_KIND_NODE:
    case RESLIB_KIND_RESOURCE:
    case RESLIB_KIND_MILESTONE:
    case RESLIB_KIND_SUBMISSION:
    case RESLIB_KIND_TARGET:
    case RESLIB_N_KINDS:
    default:
      return "title";
    }
}

static void
reslib_conflict_finalize (GObject *object)
{
  ReslibConflict *self = RESLIB_CONFLICT (object);

  g_free (self->project_id);
  g_free (self->record_id);
  g_free (self->bag);
  g_free (self->received_at);
  g_free (self->resolved_at);
  g_free (self->copy_id);
  g_free (self->theirs_sha256);
  g_clear_pointer (&self->theirs_json, json_object_unref);
  g_clear_object (&self->theirs);

  G_OBJECT_CLASS (reslib_conflict_parent_class)->finalize (object);
}

static void
reslib_conflict_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  ReslibConflict *self = RESLIB_CONFLICT (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;
    case PROP_KIND:
      g_value_set_int (value, self->kind);
      break;
    case PROP_RECORD_ID:
      g_value_set_string (value, self->record_id);
      break;
    case PROP_TITLE:
      g_value_set_string (value, reslib_conflict_get_title (self));
      break;
    case PROP_BAG:
      g_value_set_string (value, self->bag);
      break;
    case PROP_RECEIVED_AT:
      g_value_set_string (value, self->received_at);
      break;
    case PROP_THEIRS:
      g_value_set_object (value, self->theirs);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
reslib_conflict_class_init (ReslibConflictClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = reslib_conflict_finalize;
  object_class->get_property = reslib_conflict_get_property;

  properties[PROP_ID] = g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0,
                                            G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  /* A ReslibKind */
  properties[PROP_KIND] = g_param_spec_int ("kind", NULL, NULL, 0, RESLIB_N_KINDS, 0,
                                            G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_RECORD_ID] = g_param_spec_string ("record-id", NULL, NULL, NULL,
                                                    G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_TITLE] = g_param_spec_string ("title", NULL, NULL, NULL,
                                                G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_BAG] = g_param_spec_string ("bag", NULL, NULL, NULL,
                                              G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_RECEIVED_AT] = g_param_spec_string ("received-at", NULL, NULL, NULL,
                                                      G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_THEIRS] = g_param_spec_object ("theirs", NULL, NULL, RESLIB_TYPE_RECORD,
                                                 G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
reslib_conflict_init (ReslibConflict *self)
{
}

/* A field of the incoming record as the store's text; NULL when null or absent. */
static char *
value_of (JsonObject *object,
          const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return NULL;
  switch (json_node_get_value_type (node))
    {
    case G_TYPE_STRING:
      return g_strdup (json_node_get_string (node));
    case G_TYPE_INT64:
      return g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));
    case G_TYPE_DOUBLE:
      return g_strdup_printf ("%" G_GINT64_FORMAT, (gint64) json_node_get_double (node));
    case G_TYPE_BOOLEAN:
      return g_strdup (json_node_get_boolean (node) ? "1" : "0");
    default:
      return NULL;
    }
}

static GStrv
list_of (JsonObject *object,
         const char *name)
{
  JsonNode *node = json_object_get_member (object, name);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  if (node != NULL && JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *element = json_array_get_element (array, i);

          if (JSON_NODE_HOLDS_VALUE (element) && json_node_get_value_type (element) == G_TYPE_STRING)
            g_strv_builder_add (builder, json_node_get_string (element));
        }
    }

  return g_strv_builder_end (builder);
}

/* The incoming version as a record of its kind, for comparing field by field with the local one. */
static ReslibRecord *
record_from_json (ReslibKind  kind,
                  const char *project_id,
                  JsonObject *object)
{
  const ReslibEntity *entity = reslib_entity_get (kind);
  ReslibRecord *record = _reslib_record_new (kind);

  for (guint f = 0; f < entity->n_fields; f++)
    {
      const ReslibField *field = &entity->fields[f];

      if (field->type == RESLIB_FIELD_LIST)
        _reslib_record_take_list (record, f, list_of (object, field->name));
      else if (strcmp (field->name, "project_id") == 0)
        _reslib_record_take_value (record, f, g_strdup (project_id));
      else
        _reslib_record_take_value (record, f, value_of (object, field->name));
    }

  return record;
}

#define CONFLICT_COLUMNS \
  "id, project_id, kind, record_id, theirs, theirs_sha256, bag, received_at, resolved_at, resolution, copy_id"

static ReslibConflict *
conflict_from_row (ReslibStore     *store,
                   ReslibStatement *stmt,
                   GError         **error)
{
  g_autoptr(ReslibConflict) self = g_object_new (RESLIB_TYPE_CONFLICT, NULL);
  const ReslibEntity *entity = reslib_entity_lookup (reslib_statement_get_text (stmt, 2));
  g_autoptr(JsonNode) theirs = NULL;
  g_autoptr(GError) local_error = NULL;

  theirs = json_from_string (reslib_statement_get_text (stmt, 4), &local_error);
  if (entity == NULL || theirs == NULL || !JSON_NODE_HOLDS_OBJECT (theirs))
    {
      _reslib_store_check_sqlite (store, SQLITE_CORRUPT, error);
      return NULL;
    }
  self->id = reslib_statement_get_int64 (stmt, 0);
  self->project_id = reslib_statement_dup_text (stmt, 1);
  self->kind = entity->kind;
  self->record_id = reslib_statement_dup_text (stmt, 3);
  self->theirs_json = json_object_ref (json_node_get_object (theirs));
  self->theirs_sha256 = reslib_statement_dup_text (stmt, 5);
  self->bag = reslib_statement_dup_text (stmt, 6);
  self->received_at = reslib_statement_dup_text (stmt, 7);
  self->resolved_at = reslib_statement_dup_text (stmt, 8);
  if (!reslib_statement_is_null (stmt, 9))
    reslib_conflict_choice_from_nick (reslib_statement_get_text (stmt, 9), &self->resolution);
  self->copy_id = reslib_statement_dup_text (stmt, 10);
  self->theirs = record_from_json (self->kind, self->project_id, self->theirs_json);

  return g_steal_pointer (&self);
}

/**
 * reslib_conflict_get_id:
 *
 * Returns: the conflict's id, for reslib_store_resolve_conflict()
 */
gint64
reslib_conflict_get_id (ReslibConflict *self)
{
  g_return_val_if_fail (RESLIB_IS_CONFLICT (self), 0);
  return self->id;
}

/**
 * reslib_conflict_get_project_id:
 *
 * Returns: (transfer none): the project the record belongs to
 */
const char *
reslib_conflict_get_project_id (ReslibConflict *self)
{
  g_return_val_if_fail (RESLIB_IS_CONFLICT (self), NULL);
  return self->project_id;
}

/**
 * reslib_conflict_get_kind:
 *
 * Returns: the kind of the record in conflict
 */
ReslibKind
reslib_conflict_get_kind (ReslibConflict *self)
{
  g_return_val_if_fail (RESLIB_IS_CONFLICT (self), RESLIB_N_KINDS);
  return self->kind;
}

/**
 * reslib_conflict_get_record_id:
 *
 * Returns: (transfer none): the id of the record in conflict: reslib_store_get() gives the local version
 */
const char *
reslib_conflict_get_record_id (ReslibConflict *self)
{
  g_return_val_if_fail (RESLIB_IS_CONFLICT (self), NULL);
  return self->record_id;
}

/**
 * reslib_conflict_get_title:
 *
 * Returns: (transfer none): the incoming version's name or title (its id when it has none)
 */
const char *
reslib_conflict_get_title (ReslibConflict *self)
{
  const char *title;

  g_return_val_if_fail (RESLIB_IS_CONFLICT (self), NULL);
  title = reslib_entity_find_field (reslib_entity_get (self->kind), title_field (self->kind)) != NULL
            ? reslib_record_get (self->theirs, title_field (self->kind)) : NULL;

  return title != NULL ? title : self->record_id;
}

/**
 * reslib_conflict_get_bag:
 *
 * Returns: (transfer none) (nullable): the name of the package the incoming version came in
 */
const char *
reslib_conflict_get_bag (ReslibConflict *self)
{
  g_return_val_if_fail (RESLIB_IS_CONFLICT (self), NULL);
  return self->bag;
}

/**
 * reslib_conflict_get_received_at:
 *
 * Returns: (transfer none): when the incoming version was imported (ISO 8601)
 */
const char *
reslib_conflict_get_received_at (ReslibConflict *self)
{
  g_return_val_if_fail (RESLIB_IS_CONFLICT (self), NULL);
  return self->received_at;
}

/**
 * reslib_conflict_get_theirs:
 *
 * Returns: (transfer none): the incoming version, a record of the same kind as the local one
 */
ReslibRecord *
reslib_conflict_get_theirs (ReslibConflict *self)
{
  g_return_val_if_fail (RESLIB_IS_CONFLICT (self), NULL);
  return self->theirs;
}

/**
 * reslib_conflict_get_resolved:
 *
 * Returns: whether the conflict was resolved
 */
gboolean
reslib_conflict_get_resolved (ReslibConflict *self)
{
  g_return_val_if_fail (RESLIB_IS_CONFLICT (self), FALSE);
  return self->resolved_at != NULL;
}

/**
 * reslib_conflict_get_resolution:
 *
 * Returns: how the conflict was resolved; meaningless while it is not
 */
ReslibConflictChoice
reslib_conflict_get_resolution (ReslibConflict *self)
{
  g_return_val_if_fail (RESLIB_IS_CONFLICT (self), RESLIB_CONFLICT_KEEP_MINE);
  return self->resolution;
}

/**
 * reslib_conflict_get_copy_id:
 *
 * Returns: (transfer none) (nullable): resolved by keeping both: the id of the copy made of the incoming
 *   version
 */
const char *
reslib_conflict_get_copy_id (ReslibConflict *self)
{
  g_return_val_if_fail (RESLIB_IS_CONFLICT (self), NULL);
  return self->copy_id;
}

/**
 * reslib_conflict_can_keep_both:
 *
 * Returns: whether %RESLIB_CONFLICT_KEEP_BOTH applies: only a resource can be kept twice
 */
gboolean
reslib_conflict_can_keep_both (ReslibConflict *self)
{
  g_return_val_if_fail (RESLIB_IS_CONFLICT (self), FALSE);
  return self->kind == RESLIB_KIND_RESOURCE;
}

/**
 * reslib_store_list_conflicts:
 * @project_id: the project
 *
 * Returns: (transfer full) (nullable): the project's conflicts not resolved yet (#ReslibConflict), in the
 *   order they came, or %NULL with @error set
 */
GListModel *
reslib_store_list_conflicts (ReslibStore *store,
                             const char  *project_id,
                             GError     **error)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(ReslibStatement) stmt = NULL;

  g_return_val_if_fail (RESLIB_IS_STORE (store), NULL);
  g_return_val_if_fail (project_id != NULL, NULL);

  stmt = reslib_statement_new (store,
                               "SELECT " CONFLICT_COLUMNS " FROM conflicts "
                               "WHERE project_id = ? AND resolved_at IS NULL ORDER BY id", error);
  if (stmt == NULL)
    return NULL;
  reslib_statement_bind_text (stmt, 1, project_id);
  while (reslib_statement_step (stmt, error))
    {
      ReslibConflict *conflict = conflict_from_row (store, stmt, error);

      if (conflict == NULL)
        return NULL;
      g_ptr_array_add (items, conflict);
    }
  if (reslib_statement_failed (stmt))
    return NULL;

  return reslib_array_model_new (RESLIB_TYPE_CONFLICT, g_steal_pointer (&items));
}

/**
 * reslib_store_count_conflicts:
 *
 * Returns: how many conflicts of the project wait to be resolved (0 with @error set when reading failed)
 */
guint
reslib_store_count_conflicts (ReslibStore *store,
                              const char  *project_id,
                              GError     **error)
{
  g_autoptr(ReslibStatement) stmt = NULL;

  g_return_val_if_fail (RESLIB_IS_STORE (store), 0);
  g_return_val_if_fail (project_id != NULL, 0);

  stmt = reslib_statement_new (store,
                               "SELECT count (*) FROM conflicts WHERE project_id = ? AND resolved_at IS NULL", error);
  if (stmt == NULL)
    return 0;
  reslib_statement_bind_text (stmt, 1, project_id);
  if (!reslib_statement_step (stmt, error))
    return 0;

  return (guint) reslib_statement_get_int64 (stmt, 0);
}

/**
 * reslib_store_get_conflict:
 * @id: a conflict's id
 *
 * Returns: (transfer full) (nullable): the conflict, resolved or not; %NULL with %RESLIB_ERROR_NOT_FOUND
 *   when there is none of that id
 */
ReslibConflict *
reslib_store_get_conflict (ReslibStore *store,
                           gint64       id,
                           GError     **error)
{
  g_autoptr(ReslibStatement) stmt = NULL;

  g_return_val_if_fail (RESLIB_IS_STORE (store), NULL);

  stmt = reslib_statement_new (store, "SELECT " CONFLICT_COLUMNS " FROM conflicts WHERE id = ?", error);
  if (stmt == NULL)
    return NULL;
  reslib_statement_bind_int64 (stmt, 1, id);
  if (!reslib_statement_step (stmt, error))
    {
      if (!reslib_statement_failed (stmt))
        {
          char number[32];

          g_snprintf (number, sizeof number, "%" G_GINT64_FORMAT, id);
          /* Translators: %s is the number of a conflict */
          g_set_error (error, RESLIB_ERROR, RESLIB_ERROR_NOT_FOUND, _("There is no conflict %s"), number);
        }
      return NULL;
    }

  return conflict_from_row (store, stmt, error);
}

gint64
_reslib_store_add_conflict (ReslibStore *store,
                            const char  *project_id,
                            ReslibKind   kind,
                            const char  *record_id,
                            const char  *theirs,
                            const char  *theirs_sha256,
                            const char  *bag,
                            GError     **error)
{
  g_autofree char *now = reslib_now_iso8601 ();
  const char *name = reslib_entity_get (kind)->name;
  g_autoptr(ReslibStatement) update = NULL;
  g_autoptr(ReslibStatement) insert = NULL;
  g_autoptr(ReslibStatement) find = NULL;

  update = reslib_statement_new (store,
                                 "UPDATE conflicts SET theirs = ?3, theirs_sha256 = ?4, bag = ?5, received_at = ?6 "
                                 "WHERE kind = ?1 AND record_id = ?2 AND resolved_at IS NULL", error);
  if (update == NULL)
    return 0;
  reslib_statement_bind_texts (update, 1, (const char * const[]) { name, record_id, theirs, theirs_sha256, NULL });
  reslib_statement_bind_text (update, 5, bag);
  reslib_statement_bind_text (update, 6, now);
  if (!reslib_statement_execute (update, error))
    return 0;
  if (reslib_statement_get_changes (update) == 0)
    {
      insert = reslib_statement_new (store,
                                     "INSERT INTO conflicts (project_id, kind, record_id, theirs, theirs_sha256, bag, "
                                     "received_at) VALUES (?, ?, ?, ?, ?, ?, ?)", error);
      if (insert == NULL)
        return 0;
      reslib_statement_bind_text (insert, 1, project_id);
      reslib_statement_bind_text (insert, 2, name);
      reslib_statement_bind_text (insert, 3, record_id);
      reslib_statement_bind_text (insert, 4, theirs);
      reslib_statement_bind_text (insert, 5, theirs_sha256);
      reslib_statement_bind_text (insert, 6, bag);
      reslib_statement_bind_text (insert, 7, now);
      if (!reslib_statement_execute (insert, error))
        return 0;
    }
  _reslib_store_note_change (store, kind, record_id);

  find = reslib_statement_new (store, "SELECT id FROM conflicts WHERE kind = ? AND record_id = ? AND resolved_at IS NULL",
                               error);
  if (find == NULL)
    return 0;
  reslib_statement_bind_texts (find, 1, (const char * const[]) { name, record_id, NULL });
  if (!reslib_statement_step (find, error))
    {
      if (!reslib_statement_failed (find))
        _reslib_store_check_sqlite (store, SQLITE_CORRUPT, error);
      return 0;
    }

  return reslib_statement_get_int64 (find, 0);
}

/* The incoming version's columns in the order of the entity's fields, as the import writes them. */
static GPtrArray *
theirs_values (ReslibConflict *conflict,
               const char     *id)
{
  const ReslibEntity *entity = reslib_entity_get (conflict->kind);
  GPtrArray *values = g_ptr_array_new_with_free_func (g_free);

  for (guint f = 0; f < entity->n_fields; f++)
    {
      const ReslibField *field = &entity->fields[f];

      if (!_reslib_store_import_is_column (field))
        continue;
      if (f == 0)
        g_ptr_array_add (values, g_strdup (id));
      else if (strcmp (field->name, "project_id") == 0)
        g_ptr_array_add (values, g_strdup (conflict->project_id));
      else
        g_ptr_array_add (values, value_of (conflict->theirs_json, field->name));
    }

  return values;
}

static void
set_value (ReslibKind  kind,
           GPtrArray  *values,
           const char *name,
           const char *value)
{
  const ReslibEntity *entity = reslib_entity_get (kind);
  guint c = 0;

  for (guint f = 0; f < entity->n_fields; f++)
    {
      const ReslibField *field = &entity->fields[f];

      if (!_reslib_store_import_is_column (field))
        continue;
      if (strcmp (field->name, name) == 0)
        {
          g_free (values->pdata[c]);
          values->pdata[c] = g_strdup (value);
          return;
        }
      c++;
    }
  g_return_if_reached ();
}

static gboolean
write_lists (ReslibStore    *store,
             ReslibConflict *conflict,
             const char     *resource_id,
             gboolean        replace,
             GError        **error)
{
  const ReslibEntity *entity = reslib_entity_get (RESLIB_KIND_RESOURCE);

  for (guint f = 0; f < entity->n_fields; f++)
    {
      const ReslibField *field = &entity->fields[f];
      g_auto(GStrv) values = NULL;

      if (field->type != RESLIB_FIELD_LIST)
        continue;
      values = list_of (conflict->theirs_json, field->name);
      if (!_reslib_store_import_list (store, resource_id, field, (const char * const *) values, replace, error))
        return FALSE;
    }

  return TRUE;
}

/* Writes the incoming version over the local one (or in its place, when it was deleted since). A
 * resource taken from a package arrives in review, as an import takes it. */
static gboolean
take_theirs (ReslibStore    *store,
             ReslibConflict *conflict,
             GError        **error)
{
  g_autoptr(GPtrArray) values = theirs_values (conflict, conflict->record_id);
  g_autofree char *exists = NULL;
  g_autoptr(GError) local_error = NULL;

  exists = _reslib_store_import_project_of (store, conflict->kind, conflict->record_id, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (conflict->kind == RESLIB_KIND_RESOURCE)
    {
      set_value (conflict->kind, values, "state", "in-review");
      set_value (conflict->kind, values, "reviewer", NULL);
      set_value (conflict->kind, values, "reviewed_at", NULL);
    }

  return _reslib_store_import_row (store, conflict->kind, values, exists == NULL, error) &&
         (conflict->kind != RESLIB_KIND_RESOURCE || write_lists (store, conflict, conflict->record_id, exists != NULL, error)) &&
         _reslib_store_sync_note_received (store, conflict->kind, conflict->record_id, conflict->theirs_sha256, error);
}

/* Adds the incoming version of a resource as a resource of its own, with a new id, in review. */
static gboolean
keep_both (ReslibStore    *store,
           ReslibConflict *conflict,
           char          **copy_id,
           GError        **error)
{
  g_autofree char *id = reslib_uuid_new ();
  g_autoptr(GPtrArray) values = theirs_values (conflict, id);
  g_autofree char *now = reslib_now_iso8601 ();
  g_autofree char *title = value_of (conflict->theirs_json, "title");
  g_autofree char *labelled = NULL;

  /* Translators: appended to the title of the package's version of a resource, kept beside this
   * library's version when a conflict is resolved by keeping both. */
  labelled = g_strconcat (title != NULL ? title : "", _(" (from the package)"), NULL);
  set_value (conflict->kind, values, "title", labelled);
  set_value (conflict->kind, values, "state", "in-review");
  set_value (conflict->kind, values, "reviewer", NULL);
  set_value (conflict->kind, values, "reviewed_at", NULL);
  set_value (conflict->kind, values, "review_note", NULL);
  set_value (conflict->kind, values, "created_at", now);
  set_value (conflict->kind, values, "updated_at", now);
  if (!_reslib_store_import_row (store, conflict->kind, values, TRUE, error) ||
      !write_lists (store, conflict, id, FALSE, error))
    return FALSE;
  _reslib_store_note_change (store, conflict->kind, id);
  *copy_id = g_steal_pointer (&id);

  return TRUE;
}

static gboolean
resolve (ReslibStore          *store,
         gint64                id,
         ReslibConflictChoice  choice,
         GError              **error)
{
  g_autoptr(ReslibConflict) conflict = reslib_store_get_conflict (store, id, error);
  g_autoptr(ReslibStatement) stmt = NULL;
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *detail = NULL;
  g_autofree char *copy_id = NULL;
  g_autofree char *now = reslib_now_iso8601 ();

  if (conflict == NULL)
    return FALSE;
  if (conflict->resolved_at != NULL)
    {
      char number[32];

      g_snprintf (number, sizeof number, "%" G_GINT64_FORMAT, id);
      /* Translators: the first %s is the number of a conflict, the second a time */
      g_set_error (error, RESLIB_ERROR, RESLIB_ERROR_CONSTRAINT, _("The conflict %s was resolved already, at %s"),
                   number, conflict->resolved_at);
      return FALSE;
    }
  switch (choice)
    {
    case RESLIB_CONFLICT_KEEP_MINE:
      break;
    case RESLIB_CONFLICT_TAKE_THEIRS:
      if (!take_theirs (store, conflict, error))
        return FALSE;
      break;
    case RESLIB_CONFLICT_KEEP_BOTH:
      if (conflict->kind != RESLIB_KIND_RESOURCE)
        {
          g_set_error (error, RESLIB_ERROR, RESLIB_ERROR_INVALID,
                       _("Only a resource can be kept in both versions; keep yours or take theirs for a %s"),
                       reslib_kind_to_display (conflict->kind));
          return FALSE;
        }
      if (!keep_both (store, conflict, &copy_id, error))
        return FALSE;
      break;
    default:
      g_return_val_if_reached (FALSE);
    }

  stmt = reslib_statement_new (store, "UPDATE conflicts SET resolved_at = ?, resolution = ?, copy_id = ? WHERE id = ?",
                               error);
  if (stmt == NULL)
    return FALSE;
  reslib_statement_bind_text (stmt, 1, now);
  reslib_statement_bind_text (stmt, 2, reslib_conflict_choice_to_nick (choice));
  reslib_statement_bind_text (stmt, 3, copy_id);
  reslib_statement_bind_int64 (stmt, 4, id);
  if (!reslib_statement_execute (stmt, error))
    return FALSE;

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "conflict");
  json_builder_add_int_value (b, id);
  json_builder_set_member_name (b, "resolution");
  json_builder_add_string_value (b, reslib_conflict_choice_to_nick (choice));
  json_builder_set_member_name (b, "bag");
  json_builder_add_string_value (b, conflict->bag);
  if (copy_id != NULL)
    {
      json_builder_set_member_name (b, "copy");
      json_builder_add_string_value (b, copy_id);
    }
  json_builder_end_object (b);
  root = json_builder_get_root (b);
  detail = json_to_string (root, FALSE);
  if (!reslib_store_log_event (store, conflict->project_id, conflict->kind, conflict->record_id, "resolve-conflict",
                               detail, error))
    return FALSE;
  _reslib_store_note_change (store, conflict->kind, conflict->record_id);

  return TRUE;
}

/**
 * reslib_store_resolve_conflict:
 * @id: the conflict's id (reslib_conflict_get_id())
 * @choice: %RESLIB_CONFLICT_KEEP_MINE keeps the local version; %RESLIB_CONFLICT_TAKE_THEIRS writes the
 *   package's version over it (a resource then is in review again); %RESLIB_CONFLICT_KEEP_BOTH, for a
 *   resource only, keeps the local one and adds the package's as a new resource, in review, its title
 *   marked
 *
 * Resolves a conflict in one transaction, recorded in the events log ("resolve-conflict"). Importing the
 * same package again afterwards changes nothing.
 *
 * Returns: %TRUE when resolved; %FALSE with %RESLIB_ERROR_NOT_FOUND for no such conflict,
 *   %RESLIB_ERROR_CONSTRAINT when it was resolved already, %RESLIB_ERROR_INVALID for keeping both of
 *   another kind than a resource
 */
gboolean
reslib_store_resolve_conflict (ReslibStore          *store,
                               gint64                id,
                               ReslibConflictChoice  choice,
                               GError              **error)
{
  g_return_val_if_fail (RESLIB_IS_STORE (store), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!_reslib_store_check_writable (store, error))
    return FALSE;

  RESLIB_STORE_IN_TRANSACTION (store, error, resolve (store, id, choice, error));
}
