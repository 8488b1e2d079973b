/* reslib-package-import.c — importing a package into the store and merging it (DESIGN §5)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "reslib-error.h"
#include "reslib-package-import-private.h"

/**
 * reslib_import_report_copy:
 *
 * Returns: (transfer full): a copy of @report
 */
ReslibImportReport *
reslib_import_report_copy (const ReslibImportReport *report)
{
  ReslibImportReport *copy;

  g_return_val_if_fail (report != NULL, NULL);

  copy = g_memdup2 (report, sizeof *report);
  copy->project_id = g_strdup (report->project_id);
  copy->bag = g_strdup (report->bag);
  return copy;
}

/**
 * reslib_import_report_free:
 * @report: (nullable) (transfer full): a report
 *
 * Frees @report and its strings.
 */
void
reslib_import_report_free (ReslibImportReport *report)
{
  if (report == NULL)
    return;
  g_free (report->project_id);
  g_free (report->bag);
  g_free (report);
}

/**
 * reslib_import_report_to_json:
 *
 * Returns: (transfer full): `{"project", "bag", "blobs_added", "blobs_present", "dossier_protected",
 *   "records": {KIND: {"added", "updated", "unchanged", "conflicts"}}}`
 */
JsonNode *
reslib_import_report_to_json (const ReslibImportReport *report)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "project");
  json_builder_add_string_value (b, report->project_id);
  json_builder_set_member_name (b, "bag");
  json_builder_add_string_value (b, report->bag);
  json_builder_set_member_name (b, "blobs_added");
  json_builder_add_int_value (b, report->blobs_added);
  json_builder_set_member_name (b, "blobs_present");
  json_builder_add_int_value (b, report->blobs_present);
  json_builder_set_member_name (b, "dossier_protected");
  json_builder_add_boolean_value (b, report->dossier_protected);
  json_builder_set_member_name (b, "records");
  json_builder_begin_object (b);
  for (guint i = 0; i < _reslib_import_n_kinds; i++)
    {
      ReslibKind k = _reslib_import_kinds[i].kind;

      json_builder_set_member_name (b, reslib_entity_get (k)->name);
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "added");
      json_builder_add_int_value (b, report->added[k]);
      json_builder_set_member_name (b, "updated");
      json_builder_add_int_value (b, report->updated[k]);
      json_builder_set_member_name (b, "unchanged");
      json_builder_add_int_value (b, report->unchanged[k]);
      json_builder_set_member_name (b, "conflicts");
      json_builder_add_int_value (b, report->conflicts[k]);
      json_builder_end_object (b);
    }
  json_builder_end_object (b);
  json_builder_end_object (b);

  return json_builder_get_root (b);
}

static void
importer_clear (ReslibPackageImport *im)
{
  g_free (im->target_project);
  g_clear_pointer (&im->files, g_hash_table_unref);
  g_clear_pointer (&im->blob_sizes, g_hash_table_unref);
  _reslib_manifest_index_clear (&im->index);
  g_clear_pointer (&im->blobs, g_hash_table_unref);
  g_clear_pointer (&im->stage, _reslib_blob_stage_free);
  g_clear_pointer (&im->report, reslib_import_report_free);
}

/* The package was verified, then read again: it must be the same file, unchanged. */
static gboolean
unchanged_since (const char     *path,
                 const GStatBuf *before,
                 GError        **error)
{
  GStatBuf now;

  if (g_stat (path, &now) != 0 || now.st_ino != before->st_ino || now.st_dev != before->st_dev ||
      now.st_size != before->st_size || now.st_mtim.tv_sec != before->st_mtim.tv_sec ||
      now.st_mtim.tv_nsec != before->st_mtim.tv_nsec)
    {
      g_set_error (error, RESLIB_ERROR, RESLIB_ERROR_CHANGED,
                   _("“%s” changed while it was being imported: import it again once it is complete"), path);
      return FALSE;
    }

  return TRUE;
}

/* The import of a package: see reslib_package_importer_new(). @problems is set when the package is not
 * valid. */
gboolean
_reslib_package_import_run (ReslibStore          *store,
                            const char           *path,
                            const char           *into_project_id,
                            ReslibImportFlags     flags,
                            ReslibJob            *job,
                            ReslibImportReport  **report,
                            GPtrArray           **problems,
                            GCancellable         *cancellable,
                            GError              **error)
{
  ReslibPackageImport im = { 0 };
  GStatBuf before;
  g_autoptr(JsonNode) info = NULL;
  g_autofree char *exists = NULL;
  g_autoptr(GError) local_error = NULL;
  gboolean in_transaction = FALSE;
  gboolean ok = FALSE;
  gint64 t0 = g_get_monotonic_time (), t1 = 0, t2 = 0, t3 = 0;

  g_return_val_if_fail (RESLIB_IS_STORE (store), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (g_stat (path, &before) != 0)
    {
      g_set_error (error, RESLIB_ERROR, RESLIB_ERROR_BAD_FILE, _("Could not read “%s”: %s"), path,
                   g_strerror (errno));
      return FALSE;
    }
  if (!_reslib_package_verify_index (path, problems, &info, &im.index, cancellable, error))
    return FALSE;

  im.store = store;
  im.path = path;
  im.into = into_project_id != NULL;
  im.update_dossier = (flags & RESLIB_IMPORT_UPDATE_DOSSIER) != 0;
  im.target_project = g_strdup (into_project_id);
  im.files = g_hash_table_new (g_str_hash, g_str_equal);
  im.blob_sizes = g_hash_table_new (g_str_hash, g_str_equal);
  im.blobs = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, _reslib_staged_blob_free);
  im.job = job;
  im.report = g_new0 (ReslibImportReport, 1);

  if (im.into)
    {
      exists = _reslib_import_project_of (&im, RESLIB_KIND_PROJECT, into_project_id, error);
      if (exists == NULL)
        {
          if (error == NULL || *error == NULL)
            g_set_error (error, RESLIB_ERROR, RESLIB_ERROR_NOT_FOUND, _("There is no %s with the id “%s”"),
                         reslib_kind_to_display (RESLIB_KIND_PROJECT), into_project_id);
          goto out;
        }
    }

  if (!unchanged_since (path, &before, error) || !_reslib_import_check_records (&im, cancellable, error))
    goto out;
  im.report->project_id = g_strdup (im.target_project);
  im.report->bag = g_strdup (im.index.bag);
  t1 = g_get_monotonic_time ();

  /* The files, outside any transaction: copying gigabytes must not keep other writers waiting. */
  {
    GHashTableIter iter;
    gpointer value;

    g_hash_table_iter_init (&iter, im.blob_sizes);
    while (g_hash_table_iter_next (&iter, NULL, &value))
      im.progress.bytes_total += ((ReslibManifestFile *) value)->size;
    im.progress.files_total = g_hash_table_size (im.blob_sizes);
    im.progress.eta = -1;   /* not estimated */
  }
  im.stage = _reslib_blob_stage_new (store, error);
  if (im.stage == NULL || !_reslib_import_stage_blobs (&im, cancellable, error) || !unchanged_since (path, &before, error) ||
      g_cancellable_set_error_if_cancelled (cancellable, error) || !_reslib_blob_stage_sync (im.stage, error))
    goto out;
  _reslib_import_progress (&im, NULL, TRUE);

  /* The rows, in one transaction. */
  t2 = g_get_monotonic_time ();
  if (!reslib_store_begin (store, error))
    goto out;
  in_transaction = TRUE;
  /* A project the store has keeps its dossier unless the lead lets the package change it; the project's
   * existence is read again here, in the transaction, as everything the merge decides on. */
  g_clear_pointer (&exists, g_free);
  exists = _reslib_import_project_of (&im, RESLIB_KIND_PROJECT, im.target_project, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      goto out;
    }
  im.protect_dossier = exists != NULL && !im.update_dossier;
  im.report->dossier_protected = im.protect_dossier;
  /* Records arrive in the package's order, not parents first: references are checked at commit. */
  if (!_reslib_store_import_defer_foreign_keys (store, error) ||
      !_reslib_import_add_blob_rows (&im, error) ||
      !_reslib_import_merge_records (&im, cancellable, error) ||
      !_reslib_import_node_trees_ok (&im, error))
    goto out;
  {
    g_autoptr(JsonNode) summary = reslib_import_report_to_json (im.report);
    g_autofree char *detail = json_to_string (summary, FALSE);

    if (!reslib_store_log_event (store, im.target_project, RESLIB_KIND_PROJECT, im.target_project, "import",
                                 detail, error))
      goto out;
  }
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    goto out;
  in_transaction = FALSE;
  if (!reslib_store_commit (store, error))
    goto out;
  /* The rows are committed: a failure to move the files now is finished at the next open. */
  t3 = g_get_monotonic_time ();
  if (!_reslib_blob_stage_publish (im.stage, error))
    goto out;
  g_debug ("Imported %s: verified and read in %.3f s, %u files staged in %.3f s, rows written in %.3f s "
           "(the write lock held), files published in %.3f s", path, (t1 - t0) / 1e6,
           im.report->blobs_added, (t2 - t1) / 1e6, (t3 - t2) / 1e6, (g_get_monotonic_time () - t3) / 1e6);

  if (report != NULL)
    *report = g_steal_pointer (&im.report);
  ok = TRUE;

out:
  if (in_transaction)
    reslib_store_rollback (store);
  importer_clear (&im);

  return ok;
}
