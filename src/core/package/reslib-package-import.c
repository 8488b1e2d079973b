/* reslib-package-import.c — importing a package into the store and merging it (DESIGN §5)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>

#include "reslib-error.h"
#include "reslib-package-import-private.h"
#include "reslib-store-roles.h"

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
 *   "records": {KIND: {"added", "updated", "unchanged", "conflicts"}}}`, and "reviews": {"received",
 *   "set_aside"} when the package carried a unit's review decisions
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
  if (report->reviews_received + report->reviews_set_aside > 0)
    {
      json_builder_set_member_name (b, "reviews");
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "received");
      json_builder_add_int_value (b, report->reviews_received);
      json_builder_set_member_name (b, "set_aside");
      json_builder_add_int_value (b, report->reviews_set_aside);
      json_builder_end_object (b);
    }
  json_builder_end_object (b);

  return json_builder_get_root (b);
}

/**
 * reslib_package_info_copy:
 *
 * Returns: (transfer full): a copy of @info
 */
ReslibPackageInfo *
reslib_package_info_copy (const ReslibPackageInfo *info)
{
  ReslibPackageInfo *copy;

  g_return_val_if_fail (info != NULL, NULL);

  copy = g_memdup2 (info, sizeof *info);
  copy->bag = g_strdup (info->bag);
  copy->project_id = g_strdup (info->project_id);
  copy->project_title = g_strdup (info->project_title);
  copy->source_organization = g_strdup (info->source_organization);
  copy->bagging_date = g_strdup (info->bagging_date);
  copy->same_name_project_id = g_strdup (info->same_name_project_id);
  return copy;
}

/**
 * reslib_package_info_free:
 * @info: (nullable) (transfer full): a package's info, as an import gives it or reslib_package_info_copy() copies it
 *
 * Frees @info and its strings.
 */
void
reslib_package_info_free (ReslibPackageInfo *info)
{
  if (info == NULL)
    return;
  g_free (info->bag);
  g_free (info->project_id);
  g_free (info->project_title);
  g_free (info->source_organization);
  g_free (info->bagging_date);
  g_free (info->same_name_project_id);
  g_free (info);
}

/**
 * reslib_package_info_to_json:
 *
 * Returns: (transfer full): `{"kind", "bag", "project", "project_title", "source_organization",
 *   "bagging_date", "size", "payload_bytes", "resources", "records", "same_name_project"}`
 */
JsonNode *
reslib_package_info_to_json (const ReslibPackageInfo *info)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "kind");
  json_builder_add_string_value (b, reslib_package_kind_to_nick (info->kind));
  json_builder_set_member_name (b, "bag");
  json_builder_add_string_value (b, info->bag);
  json_builder_set_member_name (b, "project");
  json_builder_add_string_value (b, info->project_id);
  json_builder_set_member_name (b, "project_title");
  json_builder_add_string_value (b, info->project_title);
  json_builder_set_member_name (b, "source_organization");
  json_builder_add_string_value (b, info->source_organization);
  json_builder_set_member_name (b, "bagging_date");
  json_builder_add_string_value (b, info->bagging_date);
  json_builder_set_member_name (b, "size");
  json_builder_add_int_value (b, (gint64) info->size);
  json_builder_set_member_name (b, "payload_bytes");
  json_builder_add_int_value (b, (gint64) info->payload_bytes);
  json_builder_set_member_name (b, "resources");
  json_builder_add_int_value (b, info->n_resources);
  json_builder_set_member_name (b, "records");
  json_builder_add_int_value (b, info->n_records);
  json_builder_set_member_name (b, "same_name_project");
  json_builder_add_string_value (b, info->same_name_project_id);
  json_builder_end_object (b);

  return json_builder_get_root (b);
}

void
_reslib_verified_clear (ReslibVerified *verified)
{
  _reslib_manifest_index_clear (&verified->index);
  g_clear_pointer (&verified->info, json_node_unref);
  memset (verified, 0, sizeof *verified);
}

void
_reslib_import_results_clear (ReslibImportResults *results)
{
  g_clear_pointer (&results->report, reslib_import_report_free);
  g_clear_pointer (&results->problems, g_ptr_array_unref);
  g_clear_pointer (&results->items, g_ptr_array_unref);
  g_clear_pointer (&results->info, reslib_package_info_free);
}

static void
importer_clear (ReslibPackageImport *im)
{
  g_free (im->target_project);
  g_free (im->project_title);
  g_clear_pointer (&im->blob_sizes, g_hash_table_unref);
  im->blobs = NULL;
  _reslib_import_sink_clear (im);
  g_free (im->sink_head);
  g_clear_pointer (&im->stage, _reslib_blob_stage_free);
  g_clear_pointer (&im->report, reslib_import_report_free);
  g_clear_pointer (&im->items, g_ptr_array_unref);
  for (guint k = 0; k < RESLIB_N_KINDS; k++)
    g_clear_pointer (&im->map[k], g_hash_table_unref);
  g_clear_pointer (&im->decidable, g_hash_table_unref);
  g_clear_pointer (&im->written_members, g_hash_table_unref);
  g_clear_pointer (&im->staged_rows, g_ptr_array_unref);
  g_clear_pointer (&im->staged_records, g_ptr_array_unref);
  g_clear_pointer (&im->review_unit, g_free);
  g_clear_pointer (&im->now, g_free);
  g_clear_pointer (&im->added_detail, g_free);
  g_clear_pointer (&im->added_ids, g_ptr_array_unref);
  g_clear_pointer (&im->added_digests, g_ptr_array_unref);
}

static gboolean
same_file (const GStatBuf *a,
           const GStatBuf *b)
{
  return a->st_ino == b->st_ino && a->st_dev == b->st_dev && a->st_size == b->st_size &&
         a->st_mtim.tv_sec == b->st_mtim.tv_sec && a->st_mtim.tv_nsec == b->st_mtim.tv_nsec &&
         a->st_ctim.tv_sec == b->st_ctim.tv_sec && a->st_ctim.tv_nsec == b->st_ctim.tv_nsec;
}

/* The package was verified, then read again: it must be the same file, unchanged. */
static gboolean
unchanged_since (const char     *path,
                 const GStatBuf *before,
                 GError        **error)
{
  GStatBuf now;

  if (g_stat (path, &now) != 0 || !same_file (&now, before))
    {
      g_set_error (error, RESLIB_ERROR, RESLIB_ERROR_CHANGED,
                   _("“%s” changed while it was being imported: import it again once it is complete"), path);
      return FALSE;
    }

  return TRUE;
}

static const char *
info_member (JsonNode   *info,
             const char *name)
{
  JsonObject *object = info != NULL && JSON_NODE_HOLDS_OBJECT (info) ? json_node_get_object (info) : NULL;

  return object != NULL ? json_object_get_string_member_with_default (object, name, NULL) : NULL;
}

static ReslibPackageInfo *
package_info (ReslibPackageImport *im,
              const GStatBuf      *stat,
              JsonNode            *verify_info)
{
  ReslibPackageInfo *info = g_new0 (ReslibPackageInfo, 1);
  JsonObject *object = verify_info != NULL && JSON_NODE_HOLDS_OBJECT (verify_info) ? json_node_get_object (verify_info) : NULL;

  reslib_package_kind_from_nick (im->index.kind, &info->kind);
  info->bag = g_strdup (im->index.bag);
  info->project_id = g_strdup (im->index.project_id);
  info->project_title = g_strdup (im->project_title);
  info->source_organization = g_strdup (info_member (verify_info, "source_organization"));
  info->bagging_date = g_strdup (info_member (verify_info, "bagging_date"));
  info->size = (guint64) stat->st_size;
  if (object != NULL)
    info->payload_bytes = (guint64) json_object_get_int_member_with_default (object, "payload_bytes", 0);
  info->n_resources = im->index.ids[RESLIB_KIND_RESOURCE] != NULL ? g_hash_table_size (im->index.ids[RESLIB_KIND_RESOURCE]) : 0;
  info->n_records = im->index.n_records;

  return info;
}

/* A preview does not copy the files: it only tells which the store has. */
static gboolean
count_blobs (ReslibPackageImport *im,
             GError             **error)
{
  GHashTableIter iter;
  gpointer key;

  g_hash_table_iter_init (&iter, im->blob_sizes);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      g_autoptr(GError) local_error = NULL;
      char sha256[RESLIB_SHA256_HEX_SIZE];
      gboolean present;

      reslib_digest_to_hex (key, RESLIB_SHA256_SIZE, sha256);
      present = reslib_store_has_blob (im->store, sha256, &local_error);

      if (local_error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      if (present)
        im->report->blobs_present++;
      else
        im->report->blobs_added++;
    }

  return TRUE;
}

/* A join brings a project the store does not have, from a package of the lead's; the store is a
 * teacher's in that project from then on. A project the store has as a teacher's takes the lead's
 * structure. */
static gboolean
check_role (ReslibPackageImport *im,
            const char          *exists,
            GError             **error)
{
  g_autoptr(GError) local_error = NULL;

  if (im->join)
    {
      if (im->into)
        {
          g_set_error (error, RESLIB_ERROR, RESLIB_ERROR_INVALID,
                       _("Joining a project brings the lead’s project itself: do not name a project to import into"));
          return FALSE;
        }
      if (g_strcmp0 (im->index.kind, "contribution") != 0 && g_strcmp0 (im->index.kind, "progress") != 0)
        {
          g_set_error (error, RESLIB_ERROR, RESLIB_ERROR_INVALID,
                       _("A project is joined from the lead’s contribution or progress package, not from a package of kind “%s”"),
                       im->index.kind);
          return FALSE;
        }
      if (exists != NULL && reslib_store_get_project_role (im->store, exists, &local_error) != RESLIB_PROJECT_ROLE_TEACHER)
        {
          if (local_error == NULL)
            g_set_error (error, RESLIB_ERROR, RESLIB_ERROR_CONSTRAINT,
                         _("This library is the lead of the project “%s” already: import the package without joining"),
                         im->index.project_id);
          else
            g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      im->teacher = TRUE;
      return TRUE;
    }
  if (exists != NULL)
    {
      im->teacher = reslib_store_get_project_role (im->store, exists, &local_error) == RESLIB_PROJECT_ROLE_TEACHER;
      if (local_error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
    }

  return TRUE;
}

/* The import of a package: see reslib_package_importer_new(). @results->problems is set when the package
 * is not valid. */
gboolean
_reslib_package_import_run (ReslibStore               *store,
                            const char                *path,
                            const ReslibImportOptions *options,
                            ReslibVerified            *verified,
                            ReslibJob                 *job,
                            ReslibImportResults       *results,
                            GCancellable              *cancellable,
                            GError                   **error)
{
  ReslibPackageImport im = { 0 };
  GStatBuf before;
  g_autofree char *exists = NULL;
  g_autofree char *same_name = NULL;
  g_autoptr(GError) local_error = NULL;
  gboolean in_transaction = FALSE;
  gboolean ok = FALSE;
  gint64 t0 = g_get_monotonic_time (), t1 = 0, t2 = 0, t3 = 0;
  const char *into_project_id = options->into_project_id;

  g_return_val_if_fail (RESLIB_IS_STORE (store), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (g_stat (path, &before) != 0)
    {
      g_set_error (error, RESLIB_ERROR, RESLIB_ERROR_BAD_FILE, _("Could not read “%s”: %s"), path,
                   g_strerror (errno));
      return FALSE;
    }

  im.store = store;
  im.path = path;
  im.preview = options->preview;
  im.into = into_project_id != NULL;
  im.update_dossier = (options->flags & RESLIB_IMPORT_UPDATE_DOSSIER) != 0;
  im.join = (options->flags & RESLIB_IMPORT_JOIN) != 0;
  im.match_by_title = (options->flags & RESLIB_IMPORT_MATCH_BY_TITLE) != 0;
  im.target_project = g_strdup (into_project_id);
  im.blob_sizes = g_hash_table_new (reslib_digest_hash, reslib_digest_equal);
  im.sink_fd = -1;
  im.job = job;
  im.report = g_new0 (ReslibImportReport, 1);
  if (!options->no_items)
    im.items = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint k = 0; k < RESLIB_N_KINDS; k++)
    im.map[k] = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  im.progress.eta = -1;   /* not estimated */

  /* Verified by an earlier run, and the same file since: not read whole again. */
  if (!verified->valid || !same_file (&before, &verified->stat))
    {
      gboolean valid;

      _reslib_verified_clear (verified);
      /* An import stages the files the store lacks while verify reads and hashes them: the package is read
       * once. Nothing staged is published unless the whole package is valid and its rows are committed;
       * a failed import removes the stage, and the next open of the store the stage of a killed one. */
      if (!im.preview)
        {
          im.progress.bytes_total = (guint64) before.st_size;
          im.stage = _reslib_blob_stage_new (store, error);
          if (im.stage == NULL)
            goto out_unverified;
          im.blobs = _reslib_blob_stage_get_digests (im.stage);
        }
      valid = _reslib_package_verify_index (path, &results->problems, &verified->info, &verified->index,
                                            im.stage != NULL ? &_reslib_import_sink : NULL, &im, cancellable, error);
      _reslib_import_sink_clear (&im);
      if (!valid)
        goto out_unverified;
      verified->stat = before;
      verified->valid = TRUE;
    }
  else
    g_debug ("%s was verified already and has not changed since", path);

  im.index = verified->index;
  im.project_title = g_strdup (im.index.project_title);

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
  /* A teacher's contribution from a project of their own, of the lead's project's name, is to be imported
   * into the lead's (the info says which): not a new project of the same name, unless that is wanted. */
  same_name = _reslib_import_same_name_project (&im, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      goto out;
    }
  if (same_name != NULL && (options->flags & RESLIB_IMPORT_REFUSE_NAMESAKE) && !im.into && !im.join &&
      g_strcmp0 (im.index.kind, "contribution") == 0)
    {
      g_set_error (error, RESLIB_ERROR, RESLIB_ERROR_CONSTRAINT,
                   _("The contribution comes from another project of the name “%s” (%s), not from this library’s "
                     "(%s): import it into this library’s project, matching courses and points by their titles"),
                   im.project_title, im.index.project_id, same_name);
      goto out;
    }
  im.report->project_id = g_strdup (im.target_project);
  im.report->bag = g_strdup (im.index.bag);
  t1 = g_get_monotonic_time ();

  /* The files, outside any transaction: copying gigabytes must not keep other writers waiting. Verify
   * staged them as it read them; a package verified by an earlier run (a preview) is read again for them.
   * A preview copies none. */
  if (!im.preview)
    {
      if (im.stage != NULL && _reslib_import_keep_staged (&im))
        g_debug ("%s: every file was staged while it was verified", path);
      else
        {
          GHashTableIter iter;
          gpointer value;

          im.progress.bytes_total = 0;
          im.progress.bytes_done = 0;
          im.progress.files_done = 0;
          g_hash_table_iter_init (&iter, im.blob_sizes);
          while (g_hash_table_iter_next (&iter, NULL, &value))
            im.progress.bytes_total += ((ReslibManifestFile *) value)->size;
          if (im.stage == NULL && (im.stage = _reslib_blob_stage_new (store, error)) != NULL)
            im.blobs = _reslib_blob_stage_get_digests (im.stage);
          if (im.stage == NULL || !_reslib_import_stage_blobs (&im, cancellable, error) ||
              !unchanged_since (path, &before, error))
            goto out;
        }
      if (g_cancellable_set_error_if_cancelled (cancellable, error) || !_reslib_blob_stage_sync (im.stage, error))
        goto out;
      im.progress.files_total = g_hash_table_size (im.blob_sizes);
      im.progress.files_done = im.progress.files_total;
      im.progress.bytes_done = im.progress.bytes_total;
      _reslib_import_progress (&im, NULL, TRUE);
    }

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
  if (!check_role (&im, exists, error))
    goto out;
  /* A teacher's library takes the lead's structure, dossier included. */
  im.protect_dossier = exists != NULL && !im.update_dossier && !im.teacher;
  im.report->dossier_protected = im.protect_dossier;
  /* Records arrive in the package's order, not parents first: references are checked at commit. */
  if (!_reslib_store_import_defer_foreign_keys (store, error) ||
      !_reslib_import_save_map (&im, error) ||
      !(im.preview ? count_blobs (&im, error) : _reslib_import_add_blob_rows (&im, error)) ||
      !_reslib_import_merge_records (&im, cancellable, error) ||
      !_reslib_import_node_trees_ok (&im, error))
    goto out;
  if (im.join && exists == NULL &&
      !reslib_store_set_project_role (store, im.target_project, RESLIB_PROJECT_ROLE_TEACHER, im.index.bag, error))
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
  if (im.preview)
    {
      /* Everything an import decides, and nothing written. */
      in_transaction = FALSE;
      reslib_store_rollback (store);
    }
  else
    {
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
    }

  results->report = g_steal_pointer (&im.report);
  results->items = g_steal_pointer (&im.items);
  ok = TRUE;

out:
  if (in_transaction)
    reslib_store_rollback (store);
  results->info = package_info (&im, &before, verified->info);
  results->info->same_name_project_id = g_steal_pointer (&same_name);
  /* The index is the verified package's: kept for the next run. */
  memset (&im.index, 0, sizeof im.index);
  importer_clear (&im);

  return ok;

out_unverified:
  /* Whatever verify staged goes with the stage. */
  importer_clear (&im);

  return FALSE;
}
