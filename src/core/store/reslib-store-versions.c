/* reslib-store-versions.c — replacing a resource's file by a new version, and the versions it had
 *
 * A replacement changes the resource's blob and file name in one write transaction; the trigger of
 * 0009-resource-versions.sql keeps the file it had as a row of resource_versions, and this code adds who
 * replaced it. The old blob stays in blobs/ while anything needs it (reslib-store-gc.c). An approved
 * resource goes back to review: what was approved was the old file.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "reslib-error.h"
#include "reslib-record.h"
#include "reslib-store-private.h"
#include "reslib-store-versions.h"
#include "reslib-undo-step-private.h"

/**
 * reslib_file_version_free:
 */
void
reslib_file_version_free (ReslibFileVersion *version)
{
  if (version == NULL)
    return;
  g_free (version->blob_sha256);
  g_free (version->file_name);
  g_free (version->replaced_at);
  g_free (version->replaced_by);
  g_free (version);
}

/**
 * reslib_store_list_file_versions:
 * @resource_id: a resource's full id
 *
 * The files the resource had before its current one, the first one first.
 *
 * Returns: (transfer full) (element-type ReslibFileVersion): the versions (empty when the file was never
 *   replaced), or %NULL with @error set
 */
GPtrArray *
reslib_store_list_file_versions (ReslibStore  *store,
                                 const char   *resource_id,
                                 GError      **error)
{
  g_autoptr(GPtrArray) versions = g_ptr_array_new_with_free_func ((GDestroyNotify) reslib_file_version_free);
  g_autoptr(ReslibStatement) stmt = NULL;

  g_return_val_if_fail (RESLIB_IS_STORE (store), NULL);
  g_return_val_if_fail (resource_id != NULL, NULL);

  stmt = reslib_statement_new (store,
                               "SELECT v.version, v.blob_sha256, v.file_name, coalesce (v.size, -1), v.replaced_at, "
                               "v.replaced_by, b.sha256 IS NOT NULL FROM resource_versions v "
                               "LEFT JOIN blobs b ON b.sha256 = v.blob_sha256 "
                               "WHERE v.resource_id = ? ORDER BY v.version", error);
  if (stmt == NULL)
    return NULL;
  reslib_statement_bind_text (stmt, 1, resource_id);
  while (reslib_statement_step (stmt, error))
    {
      ReslibFileVersion *version = g_new0 (ReslibFileVersion, 1);

      version->version = (guint) reslib_statement_get_int64 (stmt, 0);
      version->blob_sha256 = reslib_statement_dup_text (stmt, 1);
      version->file_name = reslib_statement_dup_text (stmt, 2);
      version->size = reslib_statement_get_int64 (stmt, 3);
      version->replaced_at = reslib_statement_dup_text (stmt, 4);
      version->replaced_by = reslib_statement_dup_text (stmt, 5);
      version->stored = reslib_statement_get_int64 (stmt, 6) != 0;
      g_ptr_array_add (versions, version);
    }
  if (reslib_statement_failed (stmt))
    return NULL;

  return g_steal_pointer (&versions);
}

/* Replaces the file of @resource_id by the blob @sha256 (recorded here if new), named @file_name, inside
 * the caller's write transaction; @version is set to the new file's version number, @back_to_review to
 * whether an approved resource went back to review. */
gboolean
_reslib_store_replace_file (ReslibStore  *store,
                            const char   *resource_id,
                            const char   *sha256,
                            guint64       size,
                            const char   *mime_type,
                            const char   *file_name,
                            guint        *version,
                            gboolean     *back_to_review,
                            GError      **error)
{
  g_autoptr(ReslibRecord) resource = NULL;
  g_autofree char *now = reslib_now_iso8601 ();
  g_autofree char *detail = NULL;
  g_autofree char *number = NULL;
  const char *state;
  gboolean existed = FALSE;
  gboolean approved;

  resource = reslib_store_get (store, RESLIB_KIND_RESOURCE, resource_id, error);
  if (resource == NULL)
    return FALSE;
  if (g_strcmp0 (reslib_record_get (resource, "blob_sha256"), sha256) == 0)
    {
      g_set_error (error, RESLIB_ERROR, RESLIB_ERROR_BAD_FILE,
                   _("The file is the same as the current file of the resource “%s”: nothing to replace"),
                   reslib_record_get (resource, "title"));
      return FALSE;
    }
  state = reslib_record_get (resource, "state");
  approved = g_strcmp0 (state, "approved") == 0;
  /* A unit's pass was of the old file: the unit checks the new one. */
  if (!_reslib_store_review_edited (store, reslib_record_get (resource, "project_id"), resource_id, error))
    return FALSE;

  if (!_reslib_store_add_blob (store, sha256, size, mime_type, &existed, error))
    return FALSE;
  /* An approved resource goes back to review: the reviewer approved the old file. */
  if (!RESLIB_STORE_EXEC (store,
                          "UPDATE resources SET blob_sha256 = ?, file_name = ?, updated_at = ?, "
                          "state = CASE state WHEN 'approved' THEN 'in-review' ELSE state END WHERE id = ?",
                          error, sha256, file_name, now, resource_id))
    return FALSE;
  number = _reslib_store_query_text (store, "SELECT max (version) FROM resource_versions WHERE resource_id = ?",
                                     (const char * const[]) { resource_id, NULL }, error);
  if (number == NULL)
    {
      if (error != NULL && *error == NULL)
        g_set_error_literal (error, RESLIB_ERROR, RESLIB_ERROR_CORRUPT, "no version was recorded");
      return FALSE;
    }
  if (!RESLIB_STORE_EXEC (store, "UPDATE resource_versions SET replaced_by = ? WHERE resource_id = ? AND version = ?",
                          error, reslib_store_get_actor (store), resource_id, number))
    return FALSE;

  /* The review state's change is told only when there is one */
  detail = _reslib_store_detail_json ((const char * const[]) { "blob_sha256", "file_name", "previous",
                                                               approved ? "from" : NULL, "to", NULL },
                                      (const char * const[]) { sha256, file_name,
                                                               reslib_record_get (resource, "blob_sha256"),
                                                               state, "in-review" });
  if (!reslib_store_log_event (store, reslib_record_get (resource, "project_id"), RESLIB_KIND_RESOURCE, resource_id,
                               "replace", detail, error))
    return FALSE;

  *version = (guint) g_ascii_strtoull (number, NULL, 10) + 1;
  *back_to_review = approved;

  return TRUE;
}

/**
 * _reslib_store_keep_file:
 * @resource_id: a resource whose file is about to be replaced
 *
 * Called in the replacement's transaction, before it writes: keeps the resource's file, name and review state
 * and its earlier versions, and keeps its file from the collection while the step lives.
 *
 * Returns: (transfer full): the step that undoes the replacement exactly, or %NULL with @error set
 */
ReslibUndoStep *
_reslib_store_keep_file (ReslibStore  *store,
                         const char   *resource_id,
                         GError      **error)
{
  g_autoptr(ReslibUndoStep) fields = NULL;
  g_autoptr(ReslibUndoStep) step = NULL;
  g_autofree char *project_id = reslib_store_project_of (store, RESLIB_KIND_RESOURCE, resource_id, error);

  if (project_id == NULL)
    return NULL;
  fields = reslib_store_keep_fields (store, RESLIB_KIND_RESOURCE, (const char * const[]) { resource_id, NULL },
                                     (const char * const[]) { "blob_sha256", "file_name", "state", NULL }, error);
  if (fields == NULL)
    return NULL;
  step = _reslib_undo_rows_step_new (store, "resource_versions", "resource_id", resource_id, project_id, error);
  if (step == NULL)
    return NULL;
  step->first = g_steal_pointer (&fields);
  _reslib_undo_hold_blobs (store, step);

  return g_steal_pointer (&step);
}
