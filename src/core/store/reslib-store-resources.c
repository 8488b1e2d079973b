/* reslib-store-resources.c — resources' review states, counts by field, and the rows of their blobs
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

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

      if (action == RESLIB_REVIEW_SUBMIT)
        {
          if (!RESLIB_STORE_EXEC (self, "UPDATE resources SET state = ?, updated_at = ? WHERE id = ?", error,
                                  target, now, ids[i]))
            return FALSE;
        }
      else if (!RESLIB_STORE_EXEC (self,
                                   "UPDATE resources SET state = ?, review_note = ?, reviewer = ?, reviewed_at = ?, updated_at = ? "
                                   "WHERE id = ?", error, target, note ? note : "", self->actor, now, now, ids[i]))
        return FALSE;

      detail = _reslib_store_detail_json ((const char * const[]) { "from", "to", "note", NULL },
                                          (const char * const[]) { state, target, note });
      if (!reslib_store_log_event (self, reslib_record_get (resource, "project_id"), RESLIB_KIND_RESOURCE, ids[i],
                                   actions[action], detail, error))
        return FALSE;
    }

  return TRUE;
}

/**
 * reslib_store_review:
 * @resource_ids: full ids
 * @note: (nullable): the reviewer's note; needed to reject
 *
 * Moves resources through draft → in-review → approved/rejected, all or none,
 * recording the note, the reviewer and the time in the events table.
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
