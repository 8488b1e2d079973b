/* reslib-store-package.c — what packing and uploading ask of the store
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A built package is recorded as a row of package_builds (0005-checks-packages.sql): the path and the
 * facts of the file (size, modification time, device, inode), with the SHA-256 of the whole tar when it
 * was computed while the tar was written; the audit log tells of it as a "pack" event. An upload that had
 * to read the package to know its digest records it as a row too (and a "hash" event). A later upload of
 * the same file (the same facts) takes the digest from the table instead of reading the whole package
 * again.
 */
#include "config.h"

#include <json-glib/json-glib.h>
#include <string.h>

#include "reslib-entity.h"
#include "reslib-store-package.h"
#include "reslib-store-private.h"

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
