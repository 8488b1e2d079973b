/* reslib-store-contribution.c — what the next contribution carries by default
 *
 * A contribution notes the version (the content digest, reslib-sync.h) of every record it carries in
 * sync_versions, and an import notes every version it received there (sql/0004-sync.sql). A resource
 * whose present content is none of these versions was added or changed here since the last exchange:
 * it is what the next contribution carries by default. A version an import refused does not count as
 * exchanged.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "reslib-store-private.h"
#include "reslib-store-contribution.h"
#include "reslib-sync.h"

/**
 * reslib_store_list_unsent_resource_ids:
 * @project_id: the project
 * @cancellable: (nullable): stops the reading early
 *
 * The project's resources whose content was neither sent in a contribution nor received in an import:
 * the ones added or changed since the last exchange, in the store's order. Reads every resource of the
 * project; may run in a worker on a connection of its own (reslib_store_reopen()).
 *
 * Returns: (transfer full): a #GPtrArray of ids, or %NULL with @error set
 */
GPtrArray *
reslib_store_list_unsent_resource_ids (ReslibStore   *store,
                                       const char    *project_id,
                                       GCancellable  *cancellable,
                                       GError       **error)
{
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GListModel) resources = NULL;
  g_autoptr(ReslibStatement) stmt = NULL;
  guint n;

  g_return_val_if_fail (RESLIB_IS_STORE (store), NULL);
  g_return_val_if_fail (project_id != NULL, NULL);

  resources = reslib_store_list (store, RESLIB_KIND_RESOURCE, project_id, error);
  if (resources == NULL)
    return NULL;
  stmt = reslib_statement_new_once (store,
                                    "SELECT 1 FROM sync_versions "
                                    " WHERE kind = 'resource' AND record_id = ?1 AND sha256 = ?2 AND refused = 0",
                                    error);
  if (stmt == NULL)
    return NULL;

  n = g_list_model_get_n_items (resources);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(ReslibRecord) resource = g_list_model_get_item (resources, i);
      guint8 digest[RESLIB_SYNC_DIGEST_SIZE];
      char hex[2 * RESLIB_SYNC_DIGEST_SIZE + 1];
      gboolean sent;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return NULL;
      _reslib_sync_digest_record (resource, digest);
      _reslib_sync_digest_to_hex (digest, hex);
      reslib_statement_reset (stmt);
      reslib_statement_bind_texts (stmt, 1, (const char * const[]) { reslib_record_get_id (resource), hex, NULL });
      sent = reslib_statement_step (stmt, error);
      if (reslib_statement_failed (stmt))
        return NULL;
      if (!sent)
        g_ptr_array_add (ids, g_strdup (reslib_record_get_id (resource)));
    }

  return g_steal_pointer (&ids);
}
