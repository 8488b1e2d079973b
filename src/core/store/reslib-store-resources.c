/* reslib-store-resources.c — resources' review states, counts by field, ids in order, their list tables
 * as a package brings them, and the rows of their blobs
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "reslib-entity.h"
#include "reslib-enums.h"
#include "reslib-error.h"
#include "reslib-labels.h"
#include "reslib-record.h"
#include "reslib-store-private.h"

static gboolean
review (ReslibStore        *self,
        const char * const *ids,
        ReslibReviewAction  action,
        const char         *note,
        GError            **error)
{
  static const char * const actions[] = { "review-submit", "review-approve", "review-reject" };
  static const ReslibResourceState targets[] = { RESLIB_RESOURCE_STATE_IN_REVIEW, RESLIB_RESOURCE_STATE_APPROVED,
                                                 RESLIB_RESOURCE_STATE_REJECTED };
  const char *target = reslib_resource_state_to_nick (targets[action]);
  g_autofree char *now = reslib_now_iso8601 ();

  if (action == RESLIB_REVIEW_REJECT && (note == NULL || *note == '\0'))
    {
      g_set_error_literal (error, RESLIB_ERROR, RESLIB_ERROR_INVALID,
                           _("Say why the resource is rejected: give a note, so its authors know what to fix"));
      return FALSE;
    }

  for (guint i = 0; ids[i] != NULL; i++)
    {
      g_autoptr(ReslibRecord) resource = reslib_store_get (self, RESLIB_KIND_RESOURCE, ids[i], error);
      const char *state;
      ReslibResourceState from;
      gboolean allowed;
      g_autofree char *detail = NULL;

      if (resource == NULL)
        return FALSE;
      state = reslib_record_get (resource, "state");
      if (!reslib_resource_state_from_nick (state, &from))
        allowed = FALSE;
      else if (action == RESLIB_REVIEW_SUBMIT)
        allowed = from == RESLIB_RESOURCE_STATE_DRAFT || from == RESLIB_RESOURCE_STATE_REJECTED;
      else
        allowed = from == RESLIB_RESOURCE_STATE_IN_REVIEW;
      if (!allowed)
        {
          if (action == RESLIB_REVIEW_SUBMIT)
            g_set_error (error, RESLIB_ERROR, RESLIB_ERROR_INVALID,
                         _("The resource “%s” is already %s: only drafts and rejected resources can be submitted for review"),
                         reslib_record_get (resource, "title"), reslib_label_resource_state (state));
          else
            g_set_error (error, RESLIB_ERROR, RESLIB_ERROR_INVALID,
                         _("The resource “%s” is not in review (its state: %s): submit it for review first"),
                         reslib_record_get (resource, "title"), reslib_label_resource_state (state));
          return FALSE;
        }

      /* An approval or a rejection is a decision of the two-level review, recorded in its log. */
      if (action != RESLIB_REVIEW_SUBMIT)
        {
          if (!_reslib_store_review_decide_plain (self, ids[i], action == RESLIB_REVIEW_APPROVE, note, error))
            return FALSE;
          continue;
        }
      if (!RESLIB_STORE_EXEC (self, "UPDATE resources SET state = ?, updated_at = ? WHERE id = ?", error,
                              target, now, ids[i]))
        return FALSE;

      detail = _reslib_store_detail_json ((const char * const[]) { "from", "to", "note", NULL },
                                          (const char * const[]) { state, target, note });
      if (!reslib_store_log_event (self, reslib_record_get (resource, "project_id"), RESLIB_KIND_RESOURCE, ids[i],
                                   actions[action], detail, error))
        return FALSE;
    }

  return TRUE;
}

/* Inside the caller's transaction, after an edit of a resource's content or metadata: an approved
 * resource goes back to review, logged as a submission (the queue shows it from then on). The
 * reviewer and time of the approval stay on the row until the next decision. An in-review resource that
 * had passed its unit's review needs a new pass (_reslib_store_review_edited()). */
gboolean
_reslib_store_reopen_review (ReslibStore *self,
                             const char  *project_id,
                             const char  *resource_id,
                             GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *state = _reslib_store_query_text (self, "SELECT state FROM resources WHERE id = ?",
                                                     (const char * const[]) { resource_id, NULL }, &local_error);
  g_autofree char *now = NULL;
  g_autofree char *detail = NULL;

  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (g_strcmp0 (state, "in-review") == 0)
    return _reslib_store_review_edited (self, project_id, resource_id, error);
  if (g_strcmp0 (state, "approved") != 0)
    return TRUE;

  now = reslib_now_iso8601 ();
  detail = _reslib_store_detail_json ((const char * const[]) { "from", "to", "reason", NULL },
                                      (const char * const[]) { "approved", "in-review", "edited" });

  return RESLIB_STORE_EXEC (self, "UPDATE resources SET state = 'in-review', updated_at = ? WHERE id = ?", error,
                            now, resource_id) &&
         reslib_store_log_event (self, project_id, RESLIB_KIND_RESOURCE, resource_id, "review-submit", detail, error);
}

/**
 * reslib_store_review:
 * @resource_ids: full ids
 * @note: (nullable): the reviewer's note; needed to reject
 *
 * Moves resources through draft → in-review → approved/rejected, all or none,
 * recording the note, the reviewer and the time in the events table. An approval or a rejection is the
 * library's own decision at the first host's level (2) of the two-level review, without the checklist
 * (reslib_store_review_decide() records the reviewer and the checklist): a resource that needs its unit's
 * review first (see reslib-store-review.c) is approved only after it passed it.
 */
gboolean
reslib_store_review (ReslibStore        *self,
                     const char * const *resource_ids,
                     ReslibReviewAction  action,
                     const char         *note,
                     GError            **error)
{
  g_return_val_if_fail (RESLIB_IS_STORE (self), FALSE);
  g_return_val_if_fail (resource_ids != NULL, FALSE);

  RESLIB_STORE_IN_TRANSACTION (self, error, review (self, resource_ids, action, note, error));
}

/**
 * reslib_store_count_resources_by:
 * @field: "state", "type" or "origin"
 *
 * Returns: (transfer full) (element-type utf8 guint): how many resources of the
 *   project have each value of @field (values with none are absent).
 */
GHashTable *
reslib_store_count_resources_by (ReslibStore *self,
                                 const char  *project_id,
                                 const char  *field,
                                 GError     **error)
{
  g_autoptr(GHashTable) counts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree char *sql = NULL;
  g_autoptr(ReslibStatement) stmt = NULL;

  g_return_val_if_fail (RESLIB_IS_STORE (self), NULL);
  g_return_val_if_fail (g_strv_contains ((const char * const[]) { "state", "type", "origin", NULL }, field), NULL);

  sql = g_strdup_printf ("SELECT %s, count (*) FROM resources WHERE project_id = ? GROUP BY 1", field);
  stmt = reslib_statement_new (self, sql, error);
  if (stmt == NULL)
    return NULL;
  reslib_statement_bind_text (stmt, 1, project_id);
  while (reslib_statement_step (stmt, error))
    g_hash_table_insert (counts, reslib_statement_dup_text (stmt, 0),
                         GUINT_TO_POINTER ((guint) reslib_statement_get_int64 (stmt, 1)));
  if (reslib_statement_failed (stmt))
    return NULL;

  return g_steal_pointer (&counts);
}

/**
 * reslib_store_add_online_resource:
 * @project_id: the project
 * @title: the resource's title
 * @url: where the platform hosts it: a whole http or https address
 *
 * Adds an online resource (在线资源): one the platform hosts, with an address and no file. Its file name
 * is the last part of the address (or the host), for the lists that show one.
 *
 * Returns: (transfer full): the new resource's id, or %NULL with @error set
 */
char *
reslib_store_add_online_resource (ReslibStore *self,
                                  const char  *project_id,
                                  const char  *title,
                                  const char  *url,
                                  GError     **error)
{
  g_autofree char *file_name = NULL;

  g_return_val_if_fail (RESLIB_IS_STORE (self), NULL);
  g_return_val_if_fail (project_id != NULL, NULL);

  if (!reslib_url_check (url, error))
    return NULL;
  file_name = reslib_url_file_name (url);

  return reslib_store_insert (self, RESLIB_KIND_RESOURCE,
                              (const char * const[]) { "project_id", "file_name", "title", "url", NULL },
                              (const char * const[]) { project_id, file_name, title, url }, error);
}

/**
 * reslib_store_has_blob:
 * @self: a store
 * @sha256: a blob's digest, in hex
 *
 * Returns: %TRUE if the store has a row for the blob; %FALSE when it has none, or with @error set
 *   when the store cannot be read
 */
gboolean
reslib_store_has_blob (ReslibStore *self,
                       const char  *sha256,
                       GError     **error)
{
  g_autofree char *found = _reslib_store_query_text (self, "SELECT sha256 FROM blobs WHERE sha256 = ?",
                                                     (const char * const[]) { sha256, NULL }, error);

  return found != NULL;
}

/**
 * reslib_store_find_resource_by_blob:
 * @self: a store
 * @project_id: the full id of a project
 * @sha256: a blob's digest, in hex
 * @error: set when the store cannot be read
 *
 * Finds a resource of @project_id whose file has the content @sha256: what an import calls a duplicate.
 *
 * Returns: (transfer full) (nullable): the id of the first such resource in the store's order, or %NULL
 *   when there is none (@error unset) or the store cannot be read (@error set)
 */
char *
reslib_store_find_resource_by_blob (ReslibStore *self,
                                    const char  *project_id,
                                    const char  *sha256,
                                    GError     **error)
{
  g_return_val_if_fail (RESLIB_IS_STORE (self), NULL);
  g_return_val_if_fail (project_id != NULL, NULL);
  g_return_val_if_fail (sha256 != NULL, NULL);

  /* Without statistics SQLite would walk the project's index to save the sort, one step per resource of the
   * project for every file an import adds; a blob has one resource or a few. */
  return _reslib_store_query_text (self,
                                   "SELECT id FROM resources INDEXED BY resources_blob "
                                   "WHERE blob_sha256 = ?1 AND project_id = ?2 "
                                   "ORDER BY created_at, rowid LIMIT 1",
                                   (const char * const[]) { sha256, project_id, NULL }, error);
}

/* Records a blob (inside the caller's transaction); @existed tells whether the store had it already. */
gboolean
_reslib_store_add_blob (ReslibStore *self,
                        const char  *sha256,
                        guint64      size,
                        const char  *mime_type,
                        gboolean    *existed,
                        GError     **error)
{
  g_autofree char *now = reslib_now_iso8601 ();
  g_autofree char *size_text = g_strdup_printf ("%" G_GUINT64_FORMAT, size);

  *existed = reslib_store_has_blob (self, sha256, error);
  if (error != NULL && *error != NULL)
    return FALSE;
  if (*existed)
    return TRUE;

  return RESLIB_STORE_EXEC (self, "INSERT INTO blobs (sha256, size, mime_type, created_at) VALUES (?, ?, ?, ?)",
                            error, sha256, size_text, mime_type, now);
}

/**
 * reslib_store_list_resource_ids:
 *
 * The ids of the project's resources in the store's order, without loading the records.
 *
 * Returns: (transfer full): a #GPtrArray of strings, or %NULL with @error set
 */
GPtrArray *
reslib_store_list_resource_ids (ReslibStore  *store,
                                const char   *project_id,
                                GError      **error)
{
  const ReslibEntity *entity = reslib_entity_get (RESLIB_KIND_RESOURCE);
  g_autofree char *sql = g_strdup_printf ("SELECT t.id FROM %s t WHERE t.project_id = ? ORDER BY %s",
                                          entity->table, entity->order_by);
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(ReslibStatement) stmt = NULL;

  g_return_val_if_fail (RESLIB_IS_STORE (store), NULL);
  g_return_val_if_fail (project_id != NULL, NULL);

  stmt = reslib_statement_new_once (store, sql, error);
  if (stmt == NULL)
    return NULL;
  reslib_statement_bind_text (stmt, 1, project_id);
  while (reslib_statement_step (stmt, error))
    g_ptr_array_add (ids, reslib_statement_dup_text (stmt, 0));
  if (reslib_statement_failed (stmt))
    return NULL;

  return g_steal_pointer (&ids);
}

/* The list tables of a resource's fields (authors, keywords, …) as a package brings them. */
gboolean
_reslib_store_import_list (ReslibStore        *store,
                           const char         *resource_id,
                           const ReslibField  *field,
                           const char * const *values,
                           gboolean            replace,
                           GError            **error)
{
  g_autoptr(GPtrArray) bound = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *delete_sql = NULL;
  g_autofree char *insert_sql = NULL;
  gboolean authors;

  g_return_val_if_fail (field->type == RESLIB_FIELD_LIST, FALSE);

  /* A new resource's empty list: nothing to write (most lists of most resources). */
  if (!replace && (values == NULL || values[0] == NULL))
    return TRUE;
  authors = strcmp (field->name, "authors") == 0;
  delete_sql = g_strdup_printf ("DELETE FROM %s WHERE %s = ?", field->list_table, field->list_key);
  g_ptr_array_add (bound, g_strdup (resource_id));
  if (replace && !_reslib_store_exec_bound (store, delete_sql, bound, error))
    return FALSE;
  if (authors)
    insert_sql = g_strdup_printf ("INSERT INTO %s (%s, position, %s) VALUES (?, ?, ?)",
                                  field->list_table, field->list_key, field->list_column);
  else
    insert_sql = g_strdup_printf ("INSERT OR IGNORE INTO %s (%s, %s) VALUES (?, ?)",
                                  field->list_table, field->list_key, field->list_column);
  for (guint i = 0; values != NULL && values[i] != NULL; i++)
    {
      g_ptr_array_set_size (bound, 0);
      g_ptr_array_add (bound, g_strdup (resource_id));
      if (authors)
        g_ptr_array_add (bound, g_strdup_printf ("%u", i));
      g_ptr_array_add (bound, g_strdup (values[i]));
      if (!_reslib_store_exec_bound (store, insert_sql, bound, error))
        return FALSE;
    }

  return TRUE;
}
