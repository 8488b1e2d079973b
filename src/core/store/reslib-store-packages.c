/* reslib-store-packages.c — submissions' upload state and the packages built or read (package_builds)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A submission's upload state (endpoint, upload URL, offset, …) is written after every chunk, without
 * the audit log.
 *
 * A built package is recorded as a row of package_builds (0005-checks-packages.sql): the path and the
 * facts of the file (size, modification time, device, inode), with the SHA-256 of the whole tar when it
 * was computed while the tar was written; the audit log tells of it as a "pack" event. An upload that had
 * to read the package to know its digest records it as a row too (and a "hash" event). A later upload of
 * the same file (the same facts) takes the digest from the table instead of reading the whole package
 * again.
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "reslib-entity.h"
#include "reslib-error.h"
#include "reslib-store-packages.h"
#include "reslib-store-private.h"

/**
 * _reslib_store_update_submission:
 * @fields: column names of the submissions table, %NULL-terminated
 * @values: one value per field (%NULL for none)
 *
 * Writes the internal fields of a submission (upload URL, confirmed offset, expiry, attempts, last error,
 * completion time) for the uploader. These change after every chunk, so they are not written to the
 * audit log.
 */
gboolean
_reslib_store_update_submission (ReslibStore        *self,
                                 const char         *id,
                                 const char * const *fields,
                                 const char * const *values,
                                 GError            **error)
{
  static const char * const allowed[] = { "endpoint", "upload_url", "upload_offset", "expires_at", "attempts",
                                          "last_error", "completed_at", NULL };
  const ReslibEntity *entity = reslib_entity_get (RESLIB_KIND_SUBMISSION);
  g_autoptr(GString) sql = g_string_new ("UPDATE submissions SET updated_at = ?");
  g_autofree char *now = reslib_now_iso8601 ();
  g_autoptr(ReslibStatement) stmt = NULL;
  guint n;

  g_return_val_if_fail (RESLIB_IS_STORE (self), FALSE);
  g_return_val_if_fail (id != NULL && fields != NULL && values != NULL, FALSE);

  for (n = 0; fields[n] != NULL; n++)
    {
      const ReslibField *field = reslib_entity_find_field (entity, fields[n]);

      g_return_val_if_fail (field != NULL && g_strv_contains (allowed, fields[n]), FALSE);
      if (field->type == RESLIB_FIELD_INT && values[n] != NULL &&
          !reslib_field_check_value (entity, field, values[n], error))
        return FALSE;
      g_string_append_printf (sql, ", %s = ?", field->name);
    }
  g_string_append (sql, " WHERE id = ?");

  stmt = reslib_statement_new (self, sql->str, error);
  if (stmt == NULL)
    return FALSE;
  reslib_statement_bind_text (stmt, 1, now);
  for (guint i = 0; i < n; i++)
    reslib_statement_bind_text (stmt, i + 2, values[i]);
  reslib_statement_bind_text (stmt, n + 2, id);
  if (!reslib_statement_execute (stmt, error))
    return FALSE;
  if (reslib_statement_get_changes (stmt) == 0)
    {
      g_set_error (error, RESLIB_ERROR, RESLIB_ERROR_NOT_FOUND,
                   _("There is no %s with the id “%s”"), reslib_kind_to_display (RESLIB_KIND_SUBMISSION), id);
      return FALSE;
    }
  _reslib_store_note_change (self, RESLIB_KIND_SUBMISSION, id);

  return TRUE;
}

static char *
absolute_path (const char *path)
{
  return g_canonicalize_filename (path, NULL);
}

/* A row of package_builds: the last one of a path tells its digest. */
static gboolean
add_build (ReslibStore              *store,
           const char               *project_id,
           gboolean                  built,
           const char               *kind,
           const char               *bag_name,
           const char               *abs_path,
           const ReslibPackageFile  *file,
           const char               *sha256,
           GError                  **error)
{
  g_autofree char *now = reslib_now_iso8601 ();
  g_autoptr(ReslibStatement) stmt = NULL;

  stmt = reslib_statement_new (store,
                               "INSERT INTO package_builds (project_id, built, kind, bag_name, path, size, mtime_ns, "
                               "device, inode, sha256, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", error);
  if (stmt == NULL)
    return FALSE;
  reslib_statement_bind_text (stmt, 1, project_id);
  reslib_statement_bind_int64 (stmt, 2, built ? 1 : 0);
  reslib_statement_bind_text (stmt, 3, kind);
  reslib_statement_bind_text (stmt, 4, bag_name);
  reslib_statement_bind_text (stmt, 5, abs_path);
  reslib_statement_bind_int64 (stmt, 6, (gint64) file->size);
  reslib_statement_bind_int64 (stmt, 7, file->mtime_ns);
  reslib_statement_bind_int64 (stmt, 8, (gint64) file->device);
  reslib_statement_bind_int64 (stmt, 9, (gint64) file->inode);
  reslib_statement_bind_text (stmt, 10, sha256);
  reslib_statement_bind_text (stmt, 11, now);

  return reslib_statement_execute (stmt, error);
}

static gboolean
log_package_event (ReslibStore              *store,
                   const char               *project_id,
                   const char               *action,
                   const char               *kind,
                   const char               *bag_name,
                   const char               *path,
                   const ReslibPackageFile  *file,
                   const char               *sha256,
                   GError                  **error)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *abs_path = absolute_path (path);
  g_autofree char *detail = NULL;

  json_builder_begin_object (b);
  if (kind != NULL)
    {
      json_builder_set_member_name (b, "kind");
      json_builder_add_string_value (b, kind);
    }
  if (bag_name != NULL)
    {
      json_builder_set_member_name (b, "bag");
      json_builder_add_string_value (b, bag_name);
    }
  json_builder_set_member_name (b, "path");
  json_builder_add_string_value (b, abs_path);
  json_builder_set_member_name (b, "size");
  json_builder_add_int_value (b, (gint64) file->size);
  json_builder_set_member_name (b, "mtime_ns");
  json_builder_add_int_value (b, file->mtime_ns);
  json_builder_set_member_name (b, "device");
  json_builder_add_int_value (b, (gint64) file->device);
  json_builder_set_member_name (b, "inode");
  json_builder_add_int_value (b, (gint64) file->inode);
  if (sha256 != NULL)
    {
      json_builder_set_member_name (b, "sha256");
      json_builder_add_string_value (b, sha256);
    }
  json_builder_end_object (b);
  root = json_builder_get_root (b);
  detail = json_to_string (root, FALSE);

  RESLIB_STORE_IN_TRANSACTION (store, error,
                               add_build (store, project_id, g_str_equal (action, "pack"), kind, bag_name, abs_path,
                                          file, sha256, error) &&
                               reslib_store_log_event (store, project_id, RESLIB_KIND_PROJECT, project_id, action,
                                                       detail, error));
}

/**
 * reslib_store_note_package_built:
 *
 * Logs a "pack" event of the project with the package's path, facts and, when known, digest.
 */
gboolean
reslib_store_note_package_built (ReslibStore              *store,
                                 const char               *project_id,
                                 const char               *kind,
                                 const char               *bag_name,
                                 const char               *path,
                                 const ReslibPackageFile  *file,
                                 const char               *sha256,
                                 GError                  **error)
{
  g_return_val_if_fail (RESLIB_IS_STORE (store), FALSE);
  g_return_val_if_fail (project_id != NULL && path != NULL && file != NULL, FALSE);

  return log_package_event (store, project_id, "pack", kind, bag_name, path, file, sha256, error);
}

/**
 * reslib_store_note_package_hashed:
 *
 * Logs a "hash" event of the project with the package's path, facts and digest.
 */
gboolean
reslib_store_note_package_hashed (ReslibStore              *store,
                                  const char               *project_id,
                                  const char               *path,
                                  const ReslibPackageFile  *file,
                                  const char               *sha256,
                                  GError                  **error)
{
  g_return_val_if_fail (RESLIB_IS_STORE (store), FALSE);
  g_return_val_if_fail (project_id != NULL && path != NULL && file != NULL && sha256 != NULL, FALSE);

  return log_package_event (store, project_id, "hash", NULL, NULL, path, file, sha256, error);
}

/**
 * reslib_store_find_package_sha256:
 *
 * Returns: (transfer full) (nullable): the digest of the last build at @path, when @file still matches it
 */
char *
reslib_store_find_package_sha256 (ReslibStore              *store,
                                  const char               *path,
                                  const ReslibPackageFile  *file,
                                  GError                  **error)
{
  g_autofree char *abs_path = absolute_path (path);
  g_autoptr(ReslibStatement) stmt = NULL;

  g_return_val_if_fail (RESLIB_IS_STORE (store), NULL);
  g_return_val_if_fail (path != NULL && file != NULL, NULL);

  /* The last build or reading at this path: an older one was replaced by it. */
  stmt = reslib_statement_new (store,
                               "SELECT sha256, size, mtime_ns, device, inode FROM package_builds WHERE path = ? "
                               "ORDER BY id DESC LIMIT 1", error);
  if (stmt == NULL)
    return NULL;
  reslib_statement_bind_text (stmt, 1, abs_path);
  if (!reslib_statement_step (stmt, error))
    return NULL;
  if (reslib_statement_is_null (stmt, 0) ||
      reslib_statement_get_int64 (stmt, 1) != (gint64) file->size ||
      reslib_statement_get_int64 (stmt, 2) != file->mtime_ns ||
      reslib_statement_get_int64 (stmt, 3) != (gint64) file->device ||
      reslib_statement_get_int64 (stmt, 4) != (gint64) file->inode)
    return NULL;

  return reslib_statement_dup_text (stmt, 0);
}

/**
 * reslib_store_dup_last_package_path:
 * @project_id: the project
 * @kind: (nullable): a package kind ("contribution"), or %NULL for any
 *
 * Where the last package of @kind of the project was built (package_builds), for a save dialog to
 * start in its folder. The file may have been moved or deleted since.
 *
 * Returns: (transfer full) (nullable): the absolute path, or %NULL when none was built (or with @error
 *   set when the store cannot be read)
 */
char *
reslib_store_dup_last_package_path (ReslibStore  *store,
                                    const char   *project_id,
                                    const char   *kind,
                                    GError      **error)
{
  g_autoptr(ReslibStatement) stmt = NULL;

  g_return_val_if_fail (RESLIB_IS_STORE (store), NULL);
  g_return_val_if_fail (project_id != NULL, NULL);

  stmt = reslib_statement_new_once (store,
                                    "SELECT path FROM package_builds "
                                    " WHERE project_id = ?1 AND built = 1 AND (?2 IS NULL OR kind = ?2) "
                                    " ORDER BY id DESC LIMIT 1",
                                    error);
  if (stmt == NULL)
    return NULL;
  reslib_statement_bind_text (stmt, 1, project_id);
  if (kind != NULL)
    reslib_statement_bind_text (stmt, 2, kind);
  if (!reslib_statement_step (stmt, error))
    return NULL;

  return reslib_statement_dup_text (stmt, 0);
}
