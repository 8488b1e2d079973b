/* reslib-evidence.c — attach a file of evidence (佐证材料): copy and hash the file into blobs/, one transaction,
 * publish
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "reslib-blobs.h"
#include "reslib-error.h"
#include "reslib-evidence.h"
#include "reslib-store-evidence.h"

struct _ReslibEvidenceAdder
{
  ReslibJob    parent_instance;

  ReslibStore *store;
  char        *project_id;
  GFile       *file;
  char        *title;
  ReslibKind   attached_kind;
  char        *attached_id;
  char        *section;
  char        *id;
};

G_DEFINE_FINAL_TYPE (ReslibEvidenceAdder, reslib_evidence_adder, RESLIB_TYPE_JOB)

static void
reslib_evidence_adder_finalize (GObject *object)
{
  ReslibEvidenceAdder *self = RESLIB_EVIDENCE_ADDER (object);

  g_clear_object (&self->store);
  g_clear_object (&self->file);
  g_free (self->project_id);
  g_free (self->title);
  g_free (self->attached_id);
  g_free (self->section);
  g_free (self->id);

  G_OBJECT_CLASS (reslib_evidence_adder_parent_class)->finalize (object);
}

static gboolean
run (ReslibEvidenceAdder *self,
     ReslibStore         *store,
     GCancellable        *cancellable,
     GError             **error)
{
  g_autoptr(ReslibBlobStage) stage = NULL;
  g_autofree char *path = g_file_get_path (self->file);
  g_autofree char *name = g_file_get_basename (self->file);
  g_autofree char *content_type = NULL;
  g_autofree char *mime = NULL;
  g_autofree char *id = NULL;
  ReslibProgress progress = { .files_total = 1, .stage = "copying", .eta = -1 };
  ReslibBlobInfo info = { 0 };
  gint64 bytes_done = 0;

  if (!_reslib_store_check_writable (store, error))
    return FALSE;
  if (path == NULL || name == NULL || !g_utf8_validate (name, -1, NULL))
    {
      g_autofree char *shown = g_file_get_parse_name (self->file);

      g_set_error (error, RESLIB_ERROR, RESLIB_ERROR_BAD_FILE,
                   _("The name of “%s” is not valid UTF-8: rename the file, then attach it again"), shown);
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
  id = _reslib_store_insert_evidence (store, self->project_id, info.sha256, info.size,
                                      mime != NULL ? mime : "application/octet-stream", name, self->title,
                                      self->attached_kind, self->attached_id, self->section, NULL,
                                      error);
  if (id == NULL)
    {
      reslib_store_rollback (store);
      return FALSE;
    }
  if (!reslib_store_commit (store, error))
    return FALSE;
  /* The rows are committed: from here on a failure is finished at the next open. */
  if (!_reslib_blob_stage_publish (stage, error))
    return FALSE;

  self->id = g_steal_pointer (&id);
  progress.files_done = 1;
  progress.bytes_done = (guint64) bytes_done;
  reslib_job_report (RESLIB_JOB (self), &progress, NULL);

  return TRUE;
}

/* In a worker, through a connection of its own, so the caller's thread keeps using its store. */
static gboolean
reslib_evidence_adder_run (ReslibJob     *job,
                           GCancellable  *cancellable,
                           GError       **error)
{
  ReslibEvidenceAdder *self = RESLIB_EVIDENCE_ADDER (job);
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
reslib_evidence_adder_class_init (ReslibEvidenceAdderClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = reslib_evidence_adder_finalize;
  RESLIB_JOB_CLASS (klass)->run = reslib_evidence_adder_run;
}

static void
reslib_evidence_adder_init (ReslibEvidenceAdder *self)
{
}

/**
 * reslib_evidence_adder_set_section:
 * @section: (nullable): a ReslibTextSection nick ("foundation"), for an adder made for the project as a whole
 *
 * Makes the file evidence for a narrative section of the reports (建设基础, a dimension of 建设内容…) rather
 * than for the project as a whole. Before the job runs.
 */
void
reslib_evidence_adder_set_section (ReslibEvidenceAdder *self,
                                   const char          *section)
{
  g_return_if_fail (RESLIB_IS_EVIDENCE_ADDER (self));

  g_free (self->section);
  self->section = g_strdup (section);
}

/**
 * reslib_evidence_adder_new:
 * @store: the store
 * @project_id: the project's full id
 * @file: the file of evidence (a scan, a PDF, a photo…)
 * @title: (nullable): what it shows, for the evidence index; the file's name when %NULL or empty
 * @attached_kind: %RESLIB_KIND_MILESTONE, %RESLIB_KIND_TARGET or %RESLIB_KIND_BUDGET_LINE (with @attached_id),
 *   or %RESLIB_KIND_PROJECT for evidence of the project as a whole
 * @attached_id: (nullable): the full id of the record it is evidence for, of @project_id
 *
 * A job that copies @file into the store and records it as evidence. Run it with reslib_job_run() or
 * reslib_job_run_async().
 *
 * Returns: (transfer full): the job
 */
ReslibEvidenceAdder *
reslib_evidence_adder_new (ReslibStore *store,
                           const char  *project_id,
                           GFile       *file,
                           const char  *title,
                           ReslibKind   attached_kind,
                           const char  *attached_id)
{
  ReslibEvidenceAdder *self;

  g_return_val_if_fail (RESLIB_IS_STORE (store), NULL);
  g_return_val_if_fail (project_id != NULL, NULL);
  g_return_val_if_fail (G_IS_FILE (file), NULL);

  self = g_object_new (RESLIB_TYPE_EVIDENCE_ADDER, "title", _("Attaching evidence"), NULL);
  self->store = g_object_ref (store);
  self->project_id = g_strdup (project_id);
  self->file = g_object_ref (file);
  self->title = g_strdup (title);
  self->attached_kind = attached_kind;
  self->attached_id = g_strdup (attached_id);

  return self;
}

/**
 * reslib_evidence_adder_get_id:
 *
 * Returns: (nullable): after a successful run, the evidence file's id
 */
const char *
reslib_evidence_adder_get_id (ReslibEvidenceAdder *self)
{
  g_return_val_if_fail (RESLIB_IS_EVIDENCE_ADDER (self), NULL);

  return self->id;
}
