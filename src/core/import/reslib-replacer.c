/* reslib-replacer.c — replace a resource's file by a new version: copy and hash the file, one transaction,
 * publish, probe
 *
 * The resource keeps its id and metadata; the file it had becomes a row of resource_versions
 * (reslib-store-versions.c), and stays in blobs/ while anything needs it. An approved resource goes back
 * to review.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "reslib-blobs.h"
#include "reslib-error.h"
#include "reslib-probe.h"
#include "reslib-record.h"
#include "reslib-replacer.h"
#include "reslib-store-versions.h"
#include "reslib-undo-step.h"

struct _ReslibReplacer
{
  ReslibJob    parent_instance;

  ReslibStore *store;
  char        *resource_id;
  GFile       *file;
  guint        version;
  char        *previous_sha256;
  gboolean     back_to_review;
  ReslibUndoStep *undo;
};

G_DEFINE_FINAL_TYPE (ReslibReplacer, reslib_replacer, RESLIB_TYPE_JOB)

static void
reslib_replacer_finalize (GObject *object)
{
  ReslibReplacer *self = RESLIB_REPLACER (object);

  g_clear_object (&self->store);
  g_clear_object (&self->file);
  g_free (self->resource_id);
  g_free (self->previous_sha256);
  g_clear_pointer (&self->undo, reslib_undo_step_unref);

  G_OBJECT_CLASS (reslib_replacer_parent_class)->finalize (object);
}

static gboolean
run (ReslibReplacer *self,
     ReslibStore    *store,
     GCancellable   *cancellable,
     GError        **error)
{
  g_autoptr(ReslibBlobStage) stage = NULL;
  g_autoptr(ReslibRecord) resource = NULL;
  g_autofree char *path = g_file_get_path (self->file);
  g_autofree char *name = g_file_get_basename (self->file);
  g_autofree char *content_type = NULL;
  g_autofree char *mime = NULL;
  ReslibProgress progress = { .files_total = 1, .stage = "copying", .eta = -1 };
  ReslibBlobInfo info = { 0 };
  g_autoptr(ReslibUndoStep) undo = NULL;
  gint64 bytes_done = 0;
  guint version = 0;
  gboolean back = FALSE;

  if (!_reslib_store_check_writable (store, error))
    return FALSE;
  resource = reslib_store_get (store, RESLIB_KIND_RESOURCE, self->resource_id, error);
  if (resource == NULL)
    return FALSE;
  if (path == NULL || name == NULL || !g_utf8_validate (name, -1, NULL))
    {
      g_autofree char *shown = g_file_get_parse_name (self->file);

      g_set_error (error, RESLIB_ERROR, RESLIB_ERROR_BAD_FILE,
                   _("The name of “%s” is not valid UTF-8: rename the file, then replace with it again"), shown);
      return FALSE;
    }

  progress.current = name;
  reslib_job_report (RESLIB_JOB (self), &progress, NULL);
  stage = _reslib_blob_stage_new (store, error);
  if (stage == NULL ||
      !_reslib_blob_stage_copy (stage, path, name, &info, &bytes_done, cancellable, error) ||
      g_cancellable_set_error_if_cancelled (cancellable, error) ||
      !_reslib_blob_stage_sync (stage, error))
    return FALSE;

  content_type = g_content_type_guess (name, info.head, info.head_len, NULL);
  mime = g_content_type_get_mime_type (content_type);
  if (!reslib_store_begin (store, error))
    return FALSE;
  g_clear_pointer (&self->undo, reslib_undo_step_unref);
  if ((undo = _reslib_store_keep_file (store, self->resource_id, error)) == NULL ||
      !_reslib_store_replace_file (store, self->resource_id, info.sha256, info.size,
                                   mime != NULL ? mime : "application/octet-stream", name, &version, &back, error))
    {
      reslib_store_rollback (store);
      return FALSE;
    }
  if (!reslib_store_commit (store, error))
    return FALSE;
  /* The rows are committed: from here on a failure is finished at the next open. */
  if (!_reslib_blob_stage_publish (stage, error))
    return FALSE;

  self->version = version;
  self->back_to_review = back;
  self->undo = g_steal_pointer (&undo);
  g_free (self->previous_sha256);
  self->previous_sha256 = g_strdup (reslib_record_get (resource, "blob_sha256"));

  /* The media facts of the new file; this never fails the replacement. */
  _reslib_probe_blobs (store, (const char * const[]) { info.sha256, NULL }, cancellable);
  progress.files_done = 1;
  progress.bytes_done = (guint64) bytes_done;
  reslib_job_report (RESLIB_JOB (self), &progress, NULL);

  return TRUE;
}

/* In a worker, through a connection of its own, so the caller's thread keeps using its store. */
static gboolean
reslib_replacer_run (ReslibJob     *job,
                     GCancellable  *cancellable,
                     GError       **error)
{
  ReslibReplacer *self = RESLIB_REPLACER (job);
  g_autoptr(ReslibStore) own = NULL;

  if (reslib_job_in_worker (job))
    {
      own = reslib_store_reopen (self->store, error);
      if (own == NULL)
        return FALSE;
      reslib_store_set_actor (own, reslib_store_get_actor (self->store));
    }

  return run (self, own != NULL ? own : self->store, cancellable, error);
}

static void
reslib_replacer_class_init (ReslibReplacerClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = reslib_replacer_finalize;
  RESLIB_JOB_CLASS (klass)->run = reslib_replacer_run;
}

static void
reslib_replacer_init (ReslibReplacer *self)
{
}

/**
 * reslib_replacer_new:
 * @store: the store
 * @resource_id: the resource's full id
 * @file: the new version of its file (a regular file)
 *
 * A job that replaces the resource's file by @file: the file is copied into the store and the resource
 * points at it, with the name of @file; its metadata stays. The file it had is kept as an earlier version
 * (reslib_store_list_file_versions()); an approved resource goes back to review, since what was approved
 * was the old file; the new file's media facts are probed. A file with the same content as the current
 * one is refused (%RESLIB_ERROR_BAD_FILE). Run it with reslib_job_run() or reslib_job_run_async().
 *
 * Returns: (transfer full): the job
 */
ReslibReplacer *
reslib_replacer_new (ReslibStore *store,
                     const char  *resource_id,
                     GFile       *file)
{
  ReslibReplacer *self;

  g_return_val_if_fail (RESLIB_IS_STORE (store), NULL);
  g_return_val_if_fail (resource_id != NULL, NULL);
  g_return_val_if_fail (G_IS_FILE (file), NULL);

  self = g_object_new (RESLIB_TYPE_REPLACER, "title", _("Replacing a file"), NULL);
  self->store = g_object_ref (store);
  self->resource_id = g_strdup (resource_id);
  self->file = g_object_ref (file);

  return self;
}

/**
 * reslib_replacer_get_version:
 *
 * Returns: after a successful run, the version number of the new file (2 for the first replacement); 0
 *   before
 */
guint
reslib_replacer_get_version (ReslibReplacer *self)
{
  g_return_val_if_fail (RESLIB_IS_REPLACER (self), 0);

  return self->version;
}

/**
 * reslib_replacer_get_previous_sha256:
 *
 * Returns: (nullable): after a successful run, the SHA-256 of the file the resource had
 */
const char *
reslib_replacer_get_previous_sha256 (ReslibReplacer *self)
{
  g_return_val_if_fail (RESLIB_IS_REPLACER (self), NULL);

  return self->previous_sha256;
}

/**
 * reslib_replacer_get_back_to_review:
 *
 * Returns: after a successful run, whether the resource was approved and went back to review
 */
gboolean
reslib_replacer_get_back_to_review (ReslibReplacer *self)
{
  g_return_val_if_fail (RESLIB_IS_REPLACER (self), FALSE);

  return self->back_to_review;
}

/**
 * reslib_replacer_get_undo_step:
 *
 * Returns: (transfer none) (nullable): after a successful run, the step that undoes the replacement
 *   (reslib_store_undo()): the resource's file, name and review state as they were, its versions as they
 *   were (the version the replacement wrote goes, and undoing writes none), the new file kept for redoing
 */
ReslibUndoStep *
reslib_replacer_get_undo_step (ReslibReplacer *self)
{
  g_return_val_if_fail (RESLIB_IS_REPLACER (self), NULL);
  return self->undo;
}
