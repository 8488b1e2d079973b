/* reslib-package-import-merge.c — a package's records merged into the store by their content, in one transaction
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "reslib-error.h"
#include "reslib-import-item.h"
#include "reslib-package-import-private.h"
#include "reslib-record.h"
#include "reslib-store-conflicts.h"
#include "reslib-store-courses.h"
#include "reslib-store-import-rows.h"
#include "reslib-store-review.h"
#include "reslib-store-sync.h"
#include "reslib-sync.h"

/* The kinds a package holds, in the order they are merged, and their member in manifest.json. */
const ReslibImportKind _reslib_import_kinds[] = {
  { RESLIB_KIND_PROJECT, "project", "name" },
  { RESLIB_KIND_MAJOR, "majors", "name" },
  { RESLIB_KIND_UNIT, "units", "name" },
  { RESLIB_KIND_MEMBER, "members", "name" },
  { RESLIB_KIND_COURSE, "courses", "title" },
  { RESLIB_KIND_NODE, "nodes", "title" },
  { RESLIB_KIND_RESOURCE, "resources", "title" },
  { RESLIB_KIND_BUDGET_LINE, "budget_lines", "source" },
  { RESLIB_KIND_MILESTONE, "milestones", "title" },
  { RESLIB_KIND_DECLARATION, "declarations", "signed_by" },
};
const guint _reslib_import_n_kinds = G_N_ELEMENTS (_reslib_import_kinds);

static gboolean
is_column (const ReslibField *field)
{
  return _reslib_store_import_is_column (field);
}

/* The incoming record's columns as the store would hold them, with the project mapped. A time later than
 * now (a clock ahead, or a forged date) is kept as now: it decides nothing, but packs are dated by it. */
static GPtrArray *
incoming_values (ReslibPackageImport *im,
                 const ReslibEntity  *entity,
                 JsonObject          *record)
{
  GPtrArray *values = g_ptr_array_new_with_free_func (g_free);
  const char *now = im->now;

  for (guint f = 0; f < entity->n_fields; f++)
    {
      const ReslibField *field = &entity->fields[f];
      char *value;

      if (!is_column (field))
        continue;
      if (strcmp (field->name, "project_id") == 0)
        value = g_strdup (im->target_project);
      else
        value = _reslib_import_value_of (record, field->name);
      if (field->type == RESLIB_FIELD_TIME && value != NULL && strcmp (value, now) > 0)
        {
          g_free (value);
          value = g_strdup (now);
        }
      g_ptr_array_add (values, value);
    }

  return values;
}

/* The incoming record's fields by their index in the entity, for its digest. */
typedef struct
{
  const char **values;
  GStrv       *lists;
} IncomingFields;

static const char *
incoming_value (guint    index,
                gpointer data)
{
  return ((IncomingFields *) data)->values[index];
}

static const char * const *
incoming_list (guint    index,
               gpointer data)
{
  return (const char * const *) ((IncomingFields *) data)->lists[index];
}

/* The digest of the incoming record's content, as it would be once written (reslib-sync.h). */
static void
incoming_digest (const ReslibEntity *entity,
                 GPtrArray          *values,
                 JsonObject         *record,
                 char                hex[2 * RESLIB_SYNC_DIGEST_SIZE + 1])
{
  g_autofree const char **by_field = g_new0 (const char *, entity->n_fields);
  g_autofree GStrv *lists = g_new0 (GStrv, entity->n_fields);
  IncomingFields fields = { by_field, lists };
  guint8 digest[RESLIB_SYNC_DIGEST_SIZE];
  guint c = 0;

  for (guint f = 0; f < entity->n_fields; f++)
    {
      const ReslibField *field = &entity->fields[f];

      if (field->type == RESLIB_FIELD_LIST)
        lists[f] = _reslib_import_list_of (record, field->name);
      else if (is_column (field))
        by_field[f] = g_ptr_array_index (values, c++);
    }
  _reslib_sync_digest (entity, incoming_value, incoming_list, &fields, digest);
  _reslib_sync_digest_to_hex (digest, hex);
  for (guint f = 0; f < entity->n_fields; f++)
    g_strfreev (lists[f]);
}

/* Sets the column @name of @values (in the order of @entity's columns) to @value. */
static void
set_value (const ReslibEntity *entity,
           GPtrArray          *values,
           const char         *name,
           const char         *value)
{
  guint c = 0;

  for (guint f = 0; f < entity->n_fields; f++)
    {
      const ReslibField *field = &entity->fields[f];

      if (!is_column (field))
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

/* A resource whose content this library takes from a package is reviewed here again: it arrives in
 * review, whatever its state was there or here. */
static void
to_review (ReslibPackageImport *im,
           const ReslibEntity  *entity,
           GPtrArray           *values)
{
  /* A teacher's library takes the lead's review as it is: the lead reviews. */
  if (entity->kind != RESLIB_KIND_RESOURCE || im->teacher)
    return;
  set_value (entity, values, "state", "in-review");
  set_value (entity, values, "reviewer", NULL);
  set_value (entity, values, "reviewed_at", NULL);
}

guint _reslib_import_batch_min = 64;

/* The resources whose index rows are made in one go: memory stays bounded however big the package. */
guint _reslib_import_index_chunk = 1000;

/* The ids of @set as a JSON array, or NULL when it is empty. */
static char *
ids_json (GHashTable *set)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  GHashTableIter iter;
  gpointer key;

  if (g_hash_table_size (set) == 0)
    return NULL;
  json_builder_begin_array (b);
  g_hash_table_iter_init (&iter, set);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    json_builder_add_string_value (b, key);
  json_builder_end_array (b);
  root = json_builder_get_root (b);

  return json_to_string (root, FALSE);
}

/* Puts the index's triggers back and makes the index rows of the resources written since they were
 * taken out; takes them out again unless @last. */
static gboolean
index_catch_up (ReslibPackageImport *im,
                gboolean             last,
                GError             **error)
{
  g_autoptr(GPtrArray) triggers = g_steal_pointer (&im->index_triggers);
  g_autofree char *added = ids_json (im->added);
  g_autofree char *changed = ids_json (im->changed);

  g_hash_table_remove_all (im->added);
  g_hash_table_remove_all (im->changed);
  if (!_reslib_store_index_resume_added (im->store, triggers, added, changed, error))
    return FALSE;
  if (last)
    return TRUE;
  im->index_triggers = _reslib_store_index_suspend_added (im->store, error);

  return im->index_triggers != NULL;
}

/* Writes a record's row; while the index's triggers are out, notes a resource's for the index. */
static gboolean
write_row (ReslibPackageImport *im,
           const ReslibEntity  *entity,
           GPtrArray           *values,
           gboolean             insert,
           GError             **error)
{
  if (!_reslib_store_import_row (im->store, entity->kind, values, insert, error))
    return FALSE;
  /* A member the package adds or changes is no reviewer of a unit's decision it carries. */
  if (entity->kind == RESLIB_KIND_MEMBER)
    {
      if (im->written_members == NULL)
        im->written_members = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      g_hash_table_add (im->written_members, g_strdup (g_ptr_array_index (values, 0)));
    }
  if (entity->kind == RESLIB_KIND_RESOURCE && im->index_triggers != NULL)
    {
      const char *id = g_ptr_array_index (values, 0);

      if (insert)
        g_hash_table_add (im->added, g_strdup (id));
      else if (!g_hash_table_contains (im->added, id))
        g_hash_table_add (im->changed, g_strdup (id));
    }

  return TRUE;
}

/* After a resource's rows (its lists included) are written: every _reslib_import_index_chunk resources, their index
 * rows are made. */
static gboolean flush_staged (ReslibPackageImport *im,
                              GError             **error);

static gboolean
index_chunk_done (ReslibPackageImport *im,
                  GError             **error)
{
  return im->index_triggers == NULL ||
         g_hash_table_size (im->added) + g_hash_table_size (im->changed) < _reslib_import_index_chunk ||
         (flush_staged (im, error) && index_catch_up (im, FALSE, error));
}

static gboolean
write_lists (ReslibPackageImport *im,
             const char          *resource_id,
             JsonObject          *record,
             gboolean             replace,
             GError             **error)
{
  const ReslibEntity *entity = reslib_entity_get (RESLIB_KIND_RESOURCE);

  for (guint f = 0; f < entity->n_fields; f++)
    {
      const ReslibField *field = &entity->fields[f];
      g_auto(GStrv) values = NULL;

      if (field->type != RESLIB_FIELD_LIST)
        continue;
      values = _reslib_import_list_of (record, field->name);
      if (!_reslib_store_import_list (im->store, resource_id, field, (const char * const *) values, replace, error))
        return FALSE;
    }

  return TRUE;
}

/* Says why a record could not be merged: a rule of the data model it breaks is bad data in the package, said
 * without SQL. Takes @local_error. */
static gboolean
merge_failed (ReslibKind   kind,
              const char  *id,
              GError      *local_error,
              GError     **error)
{
  if (g_error_matches (local_error, RESLIB_ERROR, RESLIB_ERROR_CONSTRAINT))
    {
      g_error_free (local_error);
      return _reslib_import_inconsistent (error, _("the %s “%s” breaks a rule of the data model (such as one core major per project) "
                                                   "and cannot be imported"),
                                          reslib_kind_to_display (kind), id);
    }
  g_propagate_error (error, local_error);

  return FALSE;
}

/* Writes the new resources staged so far (stage_added()), many rows to a statement, then their lists. Before
 * anything reads resources back: at the end of the resources, before their index rows, before the records that
 * refer to them. */
static gboolean
flush_staged (ReslibPackageImport *im,
              GError             **error)
{
  g_autoptr(GPtrArray) rows = g_steal_pointer (&im->staged_rows);
  g_autoptr(GPtrArray) records = g_steal_pointer (&im->staged_records);
  GError *local_error = NULL;
  guint failed = G_MAXUINT;

  if (rows == NULL)
    return TRUE;
  if (_reslib_store_import_rows (im->store, RESLIB_KIND_RESOURCE, rows, &failed, &local_error))
    for (failed = 0; failed < rows->len; failed++)
      if (!write_lists (im, g_ptr_array_index ((GPtrArray *) g_ptr_array_index (rows, failed), 0),
                        g_ptr_array_index (records, failed), FALSE, &local_error))
        break;
  if (local_error == NULL)
    return TRUE;
  if (failed >= rows->len)
    {
      g_propagate_error (error, local_error);
      return FALSE;
    }

  return merge_failed (RESLIB_KIND_RESOURCE, g_ptr_array_index ((GPtrArray *) g_ptr_array_index (rows, failed), 0),
                       local_error, error);
}

/* A new resource's row and lists, written with the next ones (flush_staged()): a statement per row costs more
 * than the row (a resource's CHECKs alone make four temporary tables each time a statement runs). Verify refused
 * a package that lists an id twice, so no later record of the package looks for a staged one. */
static gboolean
stage_added (ReslibPackageImport *im,
             GPtrArray           *values,
             JsonObject          *record,
             GError             **error)
{
  if (im->staged_rows == NULL)
    {
      im->staged_rows = g_ptr_array_new_full (RESLIB_STORE_IMPORT_ROWS_MAX, (GDestroyNotify) g_ptr_array_unref);
      im->staged_records = g_ptr_array_new_full (RESLIB_STORE_IMPORT_ROWS_MAX, (GDestroyNotify) json_object_unref);
    }
  g_ptr_array_add (im->staged_rows, g_ptr_array_ref (values));
  g_ptr_array_add (im->staged_records, json_object_ref (record));
  if (im->index_triggers != NULL)
    g_hash_table_add (im->added, g_strdup (g_ptr_array_index (values, 0)));

  return im->staged_rows->len < RESLIB_STORE_IMPORT_ROWS_MAX || flush_staged (im, error);
}

static gboolean
log_import (ReslibPackageImport *im,
            ReslibKind           kind,
            const char          *id,
            const char          *result,
            gint64               conflict,
            JsonObject          *incoming,
            GError             **error)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *detail = NULL;

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "result");
  json_builder_add_string_value (b, result);
  json_builder_set_member_name (b, "bag");
  json_builder_add_string_value (b, im->report->bag);
  if (conflict != 0)
    {
      json_builder_set_member_name (b, "conflict");
      json_builder_add_int_value (b, conflict);
    }
  if (incoming != NULL)
    {
      /* The incoming version was not taken as it is: it is kept here. */
      json_builder_set_member_name (b, "incoming");
      json_builder_add_value (b, json_node_init_object (json_node_alloc (), incoming));
    }
  json_builder_end_object (b);
  root = json_builder_get_root (b);
  detail = json_to_string (root, FALSE);

  return reslib_store_log_event (im->store, im->target_project, kind, id, "import", detail, error);
}

/* The record's name or title in the package, for the list of what an import does. */
static const char *
title_of (ReslibKind  kind,
          JsonObject *record)
{
  for (guint k = 0; k < _reslib_import_n_kinds; k++)
    if (_reslib_import_kinds[k].kind == kind)
      return json_object_get_string_member_with_default (record, _reslib_import_kinds[k].label, NULL);

  return NULL;
}

/* Counts what the import did with a record of the package, and lists it. */
static void
note (ReslibPackageImport *im,
      ReslibKind           kind,
      JsonObject          *record,
      ReslibImportOutcome  outcome)
{
  const char *id = json_object_get_string_member (record, "id");

  switch (outcome)
    {
    case RESLIB_IMPORT_OUTCOME_ADDED:
      im->report->added[kind]++;
      break;
    case RESLIB_IMPORT_OUTCOME_UPDATED:
      im->report->updated[kind]++;
      break;
    case RESLIB_IMPORT_OUTCOME_UNCHANGED:
      im->report->unchanged[kind]++;
      break;
    case RESLIB_IMPORT_OUTCOME_CONFLICT:
    case RESLIB_IMPORT_OUTCOME_REFUSED:
    default:
      im->report->conflicts[kind]++;
      break;
    }
  if (im->items != NULL)
    g_ptr_array_add (im->items, _reslib_import_item_new (kind, id, title_of (kind, record), outcome, NULL));
}

/* Whether the package may change records of @kind that the project has, or add new ones: not the
 * project's own fields, majors and units of a project already in the store, unless the lead said so. */
static gboolean
dossier_protected (ReslibPackageImport *im,
                   ReslibKind           kind)
{
  return im->protect_dossier &&
         (kind == RESLIB_KIND_PROJECT || kind == RESLIB_KIND_MAJOR || kind == RESLIB_KIND_UNIT);
}

/* Both sides changed the record (or the package was not to change it): the local one stays, the incoming
 * one waits as a conflict until someone resolves it (reslib-store-conflicts.h), and is in the log. */
static gboolean
keep_conflict (ReslibPackageImport *im,
               guint                k,
               JsonObject          *record,
               const char          *incoming,
               ReslibImportOutcome  outcome,
               GError             **error)
{
  ReslibKind kind = _reslib_import_kinds[k].kind;
  const char *id = json_object_get_string_member (record, "id");
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *theirs = NULL;
  gint64 conflict;

  /* Kept as the store would hold it: in the project it was imported into. */
  if (json_object_has_member (record, "project_id"))
    json_object_set_string_member (record, "project_id", im->target_project);
  node = json_node_init_object (json_node_alloc (), record);
  theirs = json_to_string (node, FALSE);
  conflict = _reslib_store_add_conflict (im->store, im->target_project, kind, id, theirs, incoming, im->report->bag, error);
  if (conflict == 0)
    return FALSE;
  note (im, kind, record, outcome);

  return log_import (im, kind, id, "conflict", conflict, record, error);
}

/* A version of a record of the dossier that the package was not to change: counted as a conflict and
 * kept in the log the first time, then known, so that importing the package again adds nothing; it is
 * no base, so that an import with RESLIB_IMPORT_UPDATE_DOSSIER may still take it. */
static gboolean
refuse (ReslibPackageImport *im,
        guint                k,
        JsonObject          *record,
        const char          *incoming,
        GError             **error)
{
  ReslibKind kind = _reslib_import_kinds[k].kind;
  const char *id = json_object_get_string_member (record, "id");
  g_autofree char *base = NULL;
  gboolean known = FALSE;
  gboolean refused = FALSE;

  if (!_reslib_store_sync_lookup (im->store, kind, id, incoming, &known, &refused, &base, error))
    return FALSE;
  if (known || refused)
    {
      note (im, kind, record, RESLIB_IMPORT_OUTCOME_UNCHANGED);
      return TRUE;
    }

  return _reslib_store_sync_note_refused (im->store, kind, id, incoming, error) &&
         keep_conflict (im, k, record, incoming, RESLIB_IMPORT_OUTCOME_REFUSED, error);
}

/* In a teacher's library, the lead's review of a resource (approved, or rejected with its reason) that is
 * later than the one the resource has here is taken, whatever its content: "review-received" in the log.
 * Returns in @taken whether it was. */
static gboolean
receive_review (ReslibPackageImport *im,
                ReslibRecord        *local,
                GPtrArray           *values,
                gboolean            *taken,
                GError             **error)
{
  static const char * const review_fields[] = { "state", "review_note", "reviewer", "reviewed_at" };
  const ReslibEntity *entity = reslib_entity_get (RESLIB_KIND_RESOURCE);
  g_autoptr(GPtrArray) row = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *detail = NULL;
  const char *theirs_at = NULL;
  const char *mine_at;
  guint c = 0;

  *taken = FALSE;
  if (!im->teacher || reslib_record_get_kind (local) != RESLIB_KIND_RESOURCE)
    return TRUE;
  mine_at = reslib_record_get (local, "reviewed_at");
  for (guint f = 0; f < entity->n_fields; f++)
    {
      const ReslibField *field = &entity->fields[f];

      if (!_reslib_store_import_is_column (field))
        continue;
      if (strcmp (field->name, "reviewed_at") == 0)
        theirs_at = g_ptr_array_index (values, c);
      c++;
    }
  if (theirs_at == NULL || (mine_at != NULL && strcmp (theirs_at, mine_at) <= 0))
    return TRUE;

  /* The local row, but its review. */
  c = 0;
  for (guint f = 0; f < entity->n_fields; f++)
    {
      const ReslibField *field = &entity->fields[f];
      gboolean review = FALSE;

      if (!_reslib_store_import_is_column (field))
        continue;
      for (guint r = 0; r < G_N_ELEMENTS (review_fields); r++)
        review = review || strcmp (field->name, review_fields[r]) == 0;
      g_ptr_array_add (row, g_strdup (review ? g_ptr_array_index (values, c) : reslib_record_get (local, field->name)));
      c++;
    }
  if (!write_row (im, entity, row, FALSE, error))
    return FALSE;

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "bag");
  json_builder_add_string_value (b, im->report->bag);
  c = 0;
  for (guint f = 0; f < entity->n_fields; f++)
    {
      const ReslibField *field = &entity->fields[f];

      if (!_reslib_store_import_is_column (field))
        continue;
      for (guint r = 0; r < G_N_ELEMENTS (review_fields); r++)
        if (strcmp (field->name, review_fields[r]) == 0)
          {
            json_builder_set_member_name (b, field->name);
            json_builder_add_string_value (b, g_ptr_array_index (values, c));
          }
      c++;
    }
  json_builder_end_object (b);
  root = json_builder_get_root (b);
  detail = json_to_string (root, FALSE);
  if (!reslib_store_log_event (im->store, im->target_project, RESLIB_KIND_RESOURCE, reslib_record_get_id (local),
                               "review-received", detail, error))
    return FALSE;
  *taken = TRUE;

  return TRUE;
}

/* A resource whose version here is now the package's, in the unit the package gives it, and that unit the
 * one it had here (a package does not move a resource into its unit and pass it): a unit's decision the
 * package carries may be on it. Contributions (format 2) into the lead's library only. */
static void
note_decidable (ReslibPackageImport *im,
                ReslibKind           kind,
                const char          *id,
                ReslibRecord        *local,
                GPtrArray           *values)
{
  const ReslibEntity *entity = reslib_entity_get (RESLIB_KIND_RESOURCE);
  guint c = 0;

  if (kind != RESLIB_KIND_RESOURCE || im->teacher || im->index.format_version < 2)
    return;
  if (local != NULL)
    for (guint f = 0; f < entity->n_fields; f++)
      {
        const ReslibField *field = &entity->fields[f];

        if (!_reslib_store_import_is_column (field))
          continue;
        if (strcmp (field->name, "unit_id") == 0 &&
            g_strcmp0 (g_ptr_array_index (values, c), reslib_record_get (local, "unit_id")) != 0)
          return;
        c++;
      }
  if (im->decidable == NULL)
    im->decidable = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_hash_table_add (im->decidable, g_strdup (id));
}

/* A unit's review decision (level 1) the package carries, after the records it refers to were merged:
 * recorded where this library agrees (_reslib_store_review_receive()), else set aside. Every decision
 * of a package is of one unit, the sender's: one that names another makes the package inconsistent. Its
 * resource's version here is the package's, and its reviewer a member this library had before, as it
 * had them: a decision on another version, or by a member the package adds or changes, is set aside. A teacher's
 * library takes the lead's review from the resources' state, not from decisions. */
static gboolean
receive_decision (ReslibPackageImport *im,
                  JsonObject          *record,
                  GError             **error)
{
  ReslibReviewDecision d = { 0, };
  const char *unit_id = json_object_get_string_member (record, "unit_id");
  gboolean taken = FALSE;

  if (im->teacher)
    return TRUE;
  if (im->review_unit == NULL)
    im->review_unit = g_strdup (unit_id);
  else if (strcmp (im->review_unit, unit_id) != 0)
    return _reslib_import_inconsistent (error, _("its review decisions are of more than one unit: a contribution "
                                                 "carries the review of its own unit only"));
  d.resource_id = (char *) json_object_get_string_member (record, "resource_id");
  d.level = RESLIB_REVIEW_LEVEL_UNIT;
  d.unit_id = (char *) unit_id;
  d.reviewer_id = (char *) json_object_get_string_member (record, "reviewer_id");
  d.approve = strcmp (json_object_get_string_member (record, "decision"), "approve") == 0;
  d.has_checks = TRUE;
  if (json_object_get_boolean_member (record, "political"))
    d.checks |= RESLIB_REVIEW_CHECK_POLITICAL;
  if (json_object_get_boolean_member (record, "scientific"))
    d.checks |= RESLIB_REVIEW_CHECK_SCIENTIFIC;
  if (json_object_get_boolean_member (record, "copyright"))
    d.checks |= RESLIB_REVIEW_CHECK_COPYRIGHT;
  d.note = (char *) json_object_get_string_member_with_default (record, "note", NULL);
  d.decided_at = (char *) json_object_get_string_member (record, "decided_at");
  if (im->decidable != NULL && g_hash_table_contains (im->decidable, d.resource_id) &&
      (im->written_members == NULL || !g_hash_table_contains (im->written_members, d.reviewer_id)) &&
      !_reslib_store_review_receive (im->store, im->target_project, &d, im->report->bag, &taken, error))
    return FALSE;
  if (taken)
    im->report->reviews_received++;
  else
    im->report->reviews_set_aside++;

  return TRUE;
}

/* The record's base versions (format 2): the other versions of it the sending library had received or
 * sent before, any of which its content may have been made from; taken out of @record, so that a
 * conflict keeps the record alone. NULL when it has none. */
static GStrv
take_base_versions (JsonObject *record)
{
  g_auto(GStrv) bases = NULL;

  if (!json_object_has_member (record, "base_versions"))
    return NULL;
  bases = _reslib_import_list_of (record, "base_versions");
  json_object_remove_member (record, "base_versions");

  return g_steal_pointer (&bases);
}

/* Merges one record by its content, never by its times (DESIGN §5):
 *   the same content here             → unchanged;
 *   new here                          → added;
 *   with base versions (format 2), this library's version one of them
 *                                     → updated: the sender had this library's version and holds another
 *                                       one since (its own change, or its choice in a conflict), and this
 *                                       library has not changed it since;
 *   a version exchanged before        → unchanged: this library changed it since, or has it already
 *                                       (a version it sent in a progress package: the sender did not
 *                                       change it);
 *   with base versions, otherwise     → a conflict: the local version stays;
 *   without, here still its base (the version both sides had, reslib-store-sync.h)
 *                                     → updated to the incoming version;
 *   otherwise (both changed, or never exchanged and different)
 *                                     → a conflict: the local version stays.
 * A base version is only the sender's claim: it is compared with this library's current content, never
 * with a version remembered, so the worst a false one does is what a change made by the sender does; it
 * never overwrites a record changed here since. Whatever comes in is noted as received, and becomes the
 * base, so that importing it again changes nothing. */
static gboolean
merge_record (ReslibPackageImport *im,
              guint                k,
              JsonObject          *record,
              gboolean             in_store,
              GError             **error)
{
  ReslibKind kind = _reslib_import_kinds[k].kind;
  const ReslibEntity *entity = reslib_entity_get (kind);
  const char *id = json_object_get_string_member (record, "id");
  g_auto(GStrv) bases = take_base_versions (record);
  g_autoptr(GPtrArray) values = incoming_values (im, entity, record);
  g_autoptr(ReslibRecord) local = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *base = NULL;
  char incoming[2 * RESLIB_SYNC_DIGEST_SIZE + 1];
  char mine[2 * RESLIB_SYNC_DIGEST_SIZE + 1];
  guint8 digest[RESLIB_SYNC_DIGEST_SIZE];
  gboolean known = FALSE;
  gboolean refused = FALSE;
  gboolean demoted = FALSE;
  gboolean reviewed = FALSE;

  incoming_digest (entity, values, record, incoming);
  /* _reslib_import_check_record() looked for the id in the store, in this transaction: a new record is
   * not looked for again. A record of the store may be noted and logged otherwise than as added: what
   * is queued goes first. */
  if (in_store && !_reslib_import_flush_added (im, error))
    return FALSE;
  if (in_store)
    local = reslib_store_get (im->store, kind, id, &local_error);
  if (local == NULL)
    {
      if (local_error != NULL && !g_error_matches (local_error, RESLIB_ERROR, RESLIB_ERROR_NOT_FOUND))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      /* A new major would change the dossier; a new unit is only another unit. */
      if (kind == RESLIB_KIND_MAJOR && dossier_protected (im, kind))
        return _reslib_import_flush_added (im, error) && refuse (im, k, record, incoming, error);
      to_review (im, entity, values);
      /* …but not another host unit: the hosts are the dossier's. It comes in as a participant. */
      demoted = kind == RESLIB_KIND_UNIT && dossier_protected (im, kind) &&
                g_strcmp0 (json_object_get_string_member_with_default (record, "role", NULL), "host") == 0;
      if (demoted)
        {
          set_value (entity, values, "role", "participant");
          set_value (entity, values, "host_rank", NULL);
        }
      /* Added as it came, its notes are queued; a demoted unit's event keeps what came. */
      if (demoted ? !_reslib_import_flush_added (im, error) ||
                    !_reslib_store_sync_note_received (im->store, kind, id, incoming, error)
                  : !_reslib_import_queue_added (im, kind, id, incoming, error))
        return FALSE;
      if (!(kind == RESLIB_KIND_RESOURCE ? stage_added (im, values, record, error)
                                         : write_row (im, entity, values, TRUE, error)) ||
          (demoted && !log_import (im, kind, id, "added", 0, record, error)))
        return FALSE;
      note_decidable (im, kind, id, NULL, values);
      note (im, kind, record, RESLIB_IMPORT_OUTCOME_ADDED);
      return TRUE;
    }

  /* _reslib_import_check_records () refused records of other projects; the rows are read again here, in the transaction. */
  if (g_strcmp0 (kind == RESLIB_KIND_PROJECT ? reslib_record_get_id (local) : reslib_record_get (local, "project_id"),
                 im->target_project) != 0)
    {
      g_set_error (error, RESLIB_ERROR, RESLIB_ERROR_CONSTRAINT,
                   _("The %s “%s” of the package is already in another project of the store"),
                   reslib_kind_to_display (kind), id);
      return FALSE;
    }

  _reslib_sync_digest_record (local, digest);
  _reslib_sync_digest_to_hex (digest, mine);
  if (strcmp (mine, incoming) == 0)
    {
      note_decidable (im, kind, id, local, values);
      if (!receive_review (im, local, values, &reviewed, error))
        return FALSE;
      note (im, kind, record, reviewed ? RESLIB_IMPORT_OUTCOME_UPDATED : RESLIB_IMPORT_OUTCOME_UNCHANGED);
      return _reslib_store_sync_note_received (im->store, kind, id, incoming, error);
    }
  if (dossier_protected (im, kind))
    return refuse (im, k, record, incoming, error);
  if (!_reslib_store_sync_lookup (im->store, kind, id, incoming, &known, &refused, &base, error))
    return FALSE;
  /* A teacher's library takes the lead's structure as it comes: only the lead changes it. */
  if (im->teacher && kind != RESLIB_KIND_RESOURCE)
    {
      if (!_reslib_store_sync_note_received (im->store, kind, id, incoming, error) ||
          !write_row (im, entity, values, FALSE, error) ||
          !log_import (im, kind, id, "updated", 0, NULL, error))
        return FALSE;
      note (im, kind, record, RESLIB_IMPORT_OUTCOME_UPDATED);
      return TRUE;
    }
  if (known && !(bases != NULL && g_strv_contains ((const char * const *) bases, mine)))
    {
      if (!receive_review (im, local, values, &reviewed, error))
        return FALSE;
      note (im, kind, record, reviewed ? RESLIB_IMPORT_OUTCOME_UPDATED : RESLIB_IMPORT_OUTCOME_UNCHANGED);
      return TRUE;
    }
  if (!_reslib_store_sync_note_received (im->store, kind, id, incoming, error))
    return FALSE;
  if (bases != NULL ? !g_strv_contains ((const char * const *) bases, mine) : (base == NULL || strcmp (base, mine) != 0))
    return receive_review (im, local, values, &reviewed, error) &&
           keep_conflict (im, k, record, incoming, RESLIB_IMPORT_OUTCOME_CONFLICT, error);

  /* Only the incoming side changed since the last exchange, or since the version the sender had. A unit's
   * pass of the version here no longer holds. */
  to_review (im, entity, values);
  if (!write_row (im, entity, values, FALSE, error) ||
      (kind == RESLIB_KIND_RESOURCE && !write_lists (im, id, record, TRUE, error)) ||
      (kind == RESLIB_KIND_RESOURCE && !_reslib_store_review_import_edited (im->store, im->target_project, id, error)) ||
      !log_import (im, kind, id, "updated", 0, NULL, error))
    return FALSE;
  note_decidable (im, kind, id, local, values);
  note (im, kind, record, RESLIB_IMPORT_OUTCOME_UPDATED);

  return TRUE;
}

/* Checks one record of the manifest, checked as verify checked it, against the store, and hands it to
 * merge_record(). */
static gboolean
merge_one (guint        kind,
           JsonObject  *record,
           gpointer     user_data,
           GError     **error)
{
  ReslibPackageImport *im = user_data;
  g_autofree char *package_id = NULL;
  gboolean mapped;
  gboolean in_store = TRUE;

  if (kind == RESLIB_MANIFEST_FILE)
    return TRUE;
  /* What comes after the resources may refer to them: they are written first. */
  if (kind != RESLIB_KIND_RESOURCE && !flush_staged (im, error))
    return FALSE;
  if (kind == RESLIB_MANIFEST_REVIEW)
    return _reslib_import_flush_added (im, error) && receive_decision (im, record, error);
  package_id = g_strdup (json_object_get_string_member (record, "id"));
  mapped = kind < RESLIB_N_KINDS && g_hash_table_contains (im->map[kind], package_id);
  if (kind != RESLIB_KIND_PROJECT)
    _reslib_import_apply_map (im, kind, record);
  if (!_reslib_import_check_record (im, kind, record, &in_store, error))
    return FALSE;
  /* Into another project: its own project record and majors stay as they are. */
  if (im->into && (kind == RESLIB_KIND_PROJECT || kind == RESLIB_KIND_MAJOR))
    return TRUE;
  /* A course or point mapped onto the project's is the project's: its content is not merged. */
  if (mapped)
    {
      im->report->unchanged[kind]++;
      if (im->items != NULL)
        g_ptr_array_add (im->items, _reslib_import_item_new (kind, package_id, title_of (kind, record),
                                                             RESLIB_IMPORT_OUTCOME_UNCHANGED,
                                                             g_hash_table_lookup (im->map[kind], package_id)));
      return TRUE;
    }
  for (guint k = 0; k < _reslib_import_n_kinds; k++)
    if (_reslib_import_kinds[k].kind == kind)
      {
        g_autoptr(GError) local_error = NULL;

        if (merge_record (im, k, record, in_store, &local_error))
          return index_chunk_done (im, error);
        return merge_failed (kind, json_object_get_string_member (record, "id"), g_steal_pointer (&local_error), error);
      }
  g_assert_not_reached ();
}

/* Reads the manifest once more, checking and merging its records one at a time, in its order. A big
 * package's resources are written with the search index's triggers out (in the transaction: a rollback
 * puts them back), their index rows made every _reslib_import_index_chunk resources and at the end, one statement per
 * index: what the triggers do for each row and each list item, FTS5 flushing its terms after every
 * statement, is most of a merge's time. */
gboolean
_reslib_import_merge_records (ReslibPackageImport *im,
                              GCancellable        *cancellable,
                              GError             **error)
{
  GHashTable *resources = im->index.ids[RESLIB_KIND_RESOURCE];
  gboolean ok;

  g_free (im->now);
  im->now = reslib_now_iso8601 ();
  if (resources == NULL || g_hash_table_size (resources) < _reslib_import_batch_min)
    {
      ok = _reslib_manifest_read_tar (im->path, &im->index, merge_one, im, cancellable, error) &&
           flush_staged (im, error) && _reslib_import_flush_added (im, error);
      g_clear_pointer (&im->staged_rows, g_ptr_array_unref);
      g_clear_pointer (&im->staged_records, g_ptr_array_unref);
      return ok;
    }

  im->index_triggers = _reslib_store_index_suspend_added (im->store, error);
  if (im->index_triggers == NULL)
    return FALSE;
  im->added = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  im->changed = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  ok = _reslib_manifest_read_tar (im->path, &im->index, merge_one, im, cancellable, error) &&
       flush_staged (im, error) && _reslib_import_flush_added (im, error) && index_catch_up (im, TRUE, error);
  g_clear_pointer (&im->staged_rows, g_ptr_array_unref);
  g_clear_pointer (&im->staged_records, g_ptr_array_unref);
  g_clear_pointer (&im->index_triggers, g_ptr_array_unref);
  g_clear_pointer (&im->added, g_hash_table_unref);
  g_clear_pointer (&im->changed, g_hash_table_unref);

  return ok;
}

/* The package's course nodes with the project's still form trees: verify checked the package's
 * alone, but a node may hang below a node of the project that the package moves below it. */
gboolean
_reslib_import_node_trees_ok (ReslibPackageImport *im,
                              GError             **error)
{
  g_autoptr(GError) local_error = NULL;

  if (_reslib_store_check_node_trees (im->store, im->target_project, NULL, &local_error))
    return TRUE;
  if (g_error_matches (local_error, RESLIB_ERROR, RESLIB_ERROR_CONSTRAINT))
    return _reslib_import_inconsistent (error, "%s", local_error->message);
  g_propagate_error (error, g_steal_pointer (&local_error));

  return FALSE;
}
