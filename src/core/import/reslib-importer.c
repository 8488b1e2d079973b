/* reslib-importer.c — import files and folders: scan, copy and hash in parallel, then one transaction
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "reslib-blobs.h"
#include "reslib-entity.h"
#include "reslib-error.h"
#include "reslib-importer.h"
#include "reslib-importer-private.h"
#include "reslib-importer-walk.h"
#include "reslib-probe.h"
#include "reslib-record.h"
#include "reslib-store.h"
#include "reslib-store-batch.h"

#define MAX_WORKERS 4
#define PROGRESS_INTERVAL_US (100 * 1000)

struct _ReslibImporter
{
  ReslibJob           parent_instance;

  ReslibStore        *store;
  char               *project_id;
  GPtrArray          *inputs;          /* GFile */
  GPtrArray          *field_names;     /* char* */
  GPtrArray          *field_values;    /* char* */
  GHashTable         *lists;           /* name → GStrv */
  GStrv               resource_ids;
  guint               n_deduplicated;
  gboolean            skip_duplicates;
  GPtrArray          *duplicates;      /* ReslibImportDuplicate */
  guint               n_skipped;
  GPtrArray          *failures;        /* ReslibImportFailure */
  ReslibImporterHook  scanned_hook;
  gpointer            scanned_hook_data;
};

G_DEFINE_FINAL_TYPE (ReslibImporter, reslib_importer, RESLIB_TYPE_JOB)

static void
duplicate_free (gpointer data)
{
  ReslibImportDuplicate *duplicate = data;

  g_free (duplicate->file_name);
  g_free (duplicate->existing_id);
  g_free (duplicate->resource_id);
  g_free (duplicate);
}

static void
reslib_importer_finalize (GObject *object)
{
  ReslibImporter *self = RESLIB_IMPORTER (object);

  g_clear_object (&self->store);
  g_free (self->project_id);
  g_ptr_array_unref (self->inputs);
  g_ptr_array_unref (self->field_names);
  g_ptr_array_unref (self->field_values);
  g_hash_table_unref (self->lists);
  g_strfreev (self->resource_ids);
  g_ptr_array_unref (self->duplicates);
  g_ptr_array_unref (self->failures);

  G_OBJECT_CLASS (reslib_importer_parent_class)->finalize (object);
}

static gboolean reslib_importer_run (ReslibJob     *job,
                                     GCancellable  *cancellable,
                                     GError       **error);

static void
reslib_importer_class_init (ReslibImporterClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = reslib_importer_finalize;
  RESLIB_JOB_CLASS (klass)->run = reslib_importer_run;
}

static void
reslib_importer_init (ReslibImporter *self)
{
  self->inputs = g_ptr_array_new_with_free_func (g_object_unref);
  self->field_names = g_ptr_array_new_with_free_func (g_free);
  self->field_values = g_ptr_array_new_with_free_func (g_free);
  self->lists = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_strfreev);
  self->duplicates = g_ptr_array_new_with_free_func (duplicate_free);
  self->failures = g_ptr_array_new_with_free_func (_reslib_import_failure_free);
}

/**
 * reslib_importer_new:
 * @store: the store to import into
 * @project_id: the full id of the project the resources belong to
 *
 * Imports the files given with reslib_importer_add_file() when run as a job (reslib_job_run() or
 * reslib_job_run_async()): folders recursively, hidden files skipped, in one transaction. A file that
 * cannot be read (no permission, gone, an I/O error, not a regular file, a name that is not UTF-8, a change
 * while it is read) is passed over and listed by reslib_importer_get_failures(); the others are imported.
 * The run fails when no file at all could be read (with the reason of the first that failed), on bad
 * metadata, or when the store cannot take the files (a full disk, say): then, and on cancellation, the store
 * is as it was and no blob is left behind. Progress counts bytes and files copied; its message names the file being read.
 *
 * Returns: (transfer full): a new importer.
 */
ReslibImporter *
reslib_importer_new (ReslibStore *store,
                     const char  *project_id)
{
  ReslibImporter *self;

  g_return_val_if_fail (RESLIB_IS_STORE (store), NULL);
  g_return_val_if_fail (project_id != NULL, NULL);

  self = g_object_new (RESLIB_TYPE_IMPORTER, "title", _("Importing files"), NULL);
  self->store = g_object_ref (store);
  self->project_id = g_strdup (project_id);

  return self;
}

/**
 * reslib_importer_add_file:
 * @file: a file, or a folder whose files are all imported
 *
 * Adds @file to what the next run imports; not while the job runs.
 */
void
reslib_importer_add_file (ReslibImporter *self,
                          GFile          *file)
{
  g_return_if_fail (RESLIB_IS_IMPORTER (self));
  g_return_if_fail (G_IS_FILE (file));
  g_return_if_fail (!reslib_job_get_busy (RESLIB_JOB (self)));

  g_ptr_array_add (self->inputs, g_object_ref (file));
}

/**
 * reslib_importer_set_field:
 * @field: a settable resource field ("title", "type", "unit_id", "origin", "description", …)
 * @value: (nullable): its value for every imported resource
 *
 * Sets @field on every resource the next run imports; a title only when one file is imported.
 */
void
reslib_importer_set_field (ReslibImporter *self,
                           const char     *field,
                           const char     *value)
{
  g_return_if_fail (RESLIB_IS_IMPORTER (self));
  g_return_if_fail (field != NULL);
  g_return_if_fail (!reslib_job_get_busy (RESLIB_JOB (self)));

  for (guint i = 0; i < self->field_names->len; i++)
    if (g_strcmp0 (g_ptr_array_index (self->field_names, i), field) == 0)
      {
        g_free (self->field_values->pdata[i]);
        self->field_values->pdata[i] = g_strdup (value);
        return;
      }
  g_ptr_array_add (self->field_names, g_strdup (field));
  g_ptr_array_add (self->field_values, g_strdup (value));
}

/**
 * reslib_importer_set_list:
 * @field: "authors", "keywords" or "nodes" (full node ids)
 * @values: (array zero-terminated=1) (nullable): the list, copied
 *
 * Sets the list @field on every resource the next run imports.
 */
void
reslib_importer_set_list (ReslibImporter     *self,
                          const char         *field,
                          const char * const *values)
{
  g_return_if_fail (RESLIB_IS_IMPORTER (self));
  g_return_if_fail (field != NULL);
  g_return_if_fail (!reslib_job_get_busy (RESLIB_JOB (self)));

  g_hash_table_insert (self->lists, g_strdup (field), g_strdupv ((char **) values));
}

/**
 * reslib_importer_get_resource_ids:
 *
 * Returns: (transfer none) (nullable): after a successful run, the ids of the new resources in the order of
 *   the files
 */
const char * const *
reslib_importer_get_resource_ids (ReslibImporter *self)
{
  g_return_val_if_fail (RESLIB_IS_IMPORTER (self), NULL);

  return (const char * const *) self->resource_ids;
}

/**
 * reslib_importer_get_n_deduplicated:
 *
 * Returns: how many of the files of the last successful run had content the store already held
 */
guint
reslib_importer_get_n_deduplicated (ReslibImporter *self)
{
  g_return_val_if_fail (RESLIB_IS_IMPORTER (self), 0);

  return self->n_deduplicated;
}

/**
 * reslib_importer_set_skip_duplicates:
 * @skip: whether to pass over the files whose content the project already has
 *
 * A file is a duplicate when a resource of the project (or an earlier file of the same run) has the same
 * content. By default duplicates are imported as resources of their own and listed by
 * reslib_importer_get_duplicates(); with @skip they are listed there and not imported.
 */
void
reslib_importer_set_skip_duplicates (ReslibImporter *self,
                                     gboolean        skip)
{
  g_return_if_fail (RESLIB_IS_IMPORTER (self));
  g_return_if_fail (!reslib_job_get_busy (RESLIB_JOB (self)));

  self->skip_duplicates = !!skip;
}

/**
 * reslib_importer_get_duplicates:
 *
 * Returns: (transfer none) (element-type ReslibImportDuplicate): after a successful run, the files whose
 *   content a resource of the project already had, in the order of the files
 */
GPtrArray *
reslib_importer_get_duplicates (ReslibImporter *self)
{
  g_return_val_if_fail (RESLIB_IS_IMPORTER (self), NULL);

  return self->duplicates;
}

/**
 * reslib_importer_get_n_skipped:
 *
 * Returns: after a successful run, how many hidden files and links to folders the folders held (they are
 *   passed over)
 */
guint
reslib_importer_get_n_skipped (ReslibImporter *self)
{
  g_return_val_if_fail (RESLIB_IS_IMPORTER (self), 0);

  return self->n_skipped;
}

/**
 * reslib_importer_get_failures:
 *
 * Returns: (transfer none) (element-type ReslibImportFailure): after a successful run, the files that could
 *   not be read and were not imported, with the reason: those found while walking the folders first, in
 *   their order, then those that failed while being copied
 */
GPtrArray *
reslib_importer_get_failures (ReslibImporter *self)
{
  g_return_val_if_fail (RESLIB_IS_IMPORTER (self), NULL);

  return self->failures;
}

void
_reslib_importer_set_scanned_hook (ReslibImporter     *self,
                                   ReslibImporterHook  hook,
                                   gpointer            data)
{
  g_return_if_fail (RESLIB_IS_IMPORTER (self));

  self->scanned_hook = hook;
  self->scanned_hook_data = data;
}

/**
 * reslib_type_for_mime:
 * @mime_type: (nullable): a sniffed MIME type
 * @file_name: (nullable): the file's name (not looked at: the MIME type decides)
 *
 * Returns: (transfer none): the resource type ("video", "slides", …) that suits a sniffed MIME type.
 */
const char *
reslib_type_for_mime (const char *mime_type,
                      const char *file_name)
{
  static const struct { const char *prefix; const char *type; } table[] = {
    { "video/", "video" },
    { "audio/", "audio" },
    { "image/gif", "animation" },
    { "image/", "image" },
    { "application/vnd.ms-powerpoint", "slides" },
    { "application/vnd.openxmlformats-officedocument.presentationml", "slides" },
    { "application/vnd.oasis.opendocument.presentation", "slides" },
    { "application/x-shockwave-flash", "animation" },
    { "application/pdf", "text" },
    { "application/msword", "text" },
    { "application/vnd.openxmlformats-officedocument.wordprocessingml", "text" },
    { "application/vnd.oasis.opendocument.text", "text" },
    { "application/rtf", "text" },
    { "text/html", "simulation" },
    { "text/", "text" },
  };

  if (mime_type == NULL)
    return "other";
  for (guint i = 0; i < G_N_ELEMENTS (table); i++)
    if (g_str_has_prefix (mime_type, table[i].prefix))
      return table[i].type;

  return "other";
}

/* ---------------------------------------------------------------------------------------------- */
/* Copying, in several threads                                                                     */

typedef struct
{
  ReslibBlobStage *stage;
  GPtrArray       *entries;
  GCancellable    *cancellable;     /* cancelled by the user or on the first failure */
  gint             next;            /* how many entries were started (index of the next one) */
  gint64           bytes_done;
  GMutex           mutex;
  GCond            cond;
  GCond            opened;          /* an entry opened ahead is ready, when a worker waits for it */
  guint            files_done;
  guint            tasks_left;      /* entries not yet copied or skipped */
  GError          *error;           /* the first failure that stops the import */
} CopyJob;

/* What an entry's "opened" holds besides its open file (a ReslibBlobInput) or NULL (not opened yet). Changed
 * with atomic operations: the job's mutex is taken only when a worker has to wait for its file. */
#define OPENING ((gpointer) 1)   /* being opened ahead by the worker of the entry before it */
#define WAITING ((gpointer) 2)   /* the same, and its worker waits for it on the job's "opened" */
#define TAKEN   ((gpointer) 3)   /* its worker has it */

/* Opens @entry ahead, for the worker that copies it, while the entry before it is copied: the disk reads its
 * start meanwhile, and its worker does not open it a second time. */
static void
open_ahead (CopyJob           *job,
            ReslibImportEntry *entry)
{
  ReslibBlobInput *input;

  /* Not when its worker started it already. */
  if (!g_atomic_pointer_compare_and_exchange (&entry->opened, NULL, OPENING))
    return;
  /* A failure is told by the worker that copies it, which opens it again. */
  input = _reslib_blob_stage_open_input (job->stage, entry->path, TRUE, NULL);
  if (g_atomic_pointer_exchange (&entry->opened, input) == WAITING)
    {
      g_mutex_lock (&job->mutex);
      g_cond_broadcast (&job->opened);
      g_mutex_unlock (&job->mutex);
    }
}

/* @entry's file if it was opened ahead (waiting while it is being opened), else NULL; the entry is marked
 * taken either way, so it is not opened ahead any more. */
static ReslibBlobInput *
take_opened (CopyJob           *job,
             ReslibImportEntry *entry)
{
  for (;;)
    {
      gpointer state = g_atomic_pointer_get (&entry->opened);

      if (state == OPENING || state == WAITING)
        {
          g_mutex_lock (&job->mutex);
          g_atomic_pointer_compare_and_exchange (&entry->opened, OPENING, WAITING);
          while (g_atomic_pointer_get (&entry->opened) == WAITING)
            g_cond_wait (&job->opened, &job->mutex);
          g_mutex_unlock (&job->mutex);
        }
      else if (g_atomic_pointer_compare_and_exchange (&entry->opened, state, TAKEN))
        return state;   /* NULL, or the file opened ahead */
    }
}

/* One entry, in a thread of the pool: the entries are taken in their order. */
static void
copy_one (gpointer data,
          gpointer user_data)
{
  CopyJob *job = user_data;
  ReslibImportEntry *entry = data;
  g_autoptr(GError) error = NULL;
  g_autofree ReslibBlobInfo *info = g_new (ReslibBlobInfo, 1);
  g_autoptr(ReslibBlobInput) input = NULL;
  gboolean copied = FALSE;
  guint started;

  /* The pool takes its tasks in the order they were pushed: the progress names the last one started. */
  started = (guint) g_atomic_int_add (&job->next, 1) + 1;
  input = take_opened (job, entry);
  if (!g_cancellable_is_cancelled (job->cancellable))
    {
      /* The next file is read from the disk while this one is copied. */
      if (started < job->entries->len)
        open_ahead (job, g_ptr_array_index (job->entries, started));
      if (input == NULL)
        input = _reslib_blob_stage_open_input (job->stage, entry->path, FALSE, &error);
      if (input != NULL)
        copied = _reslib_blob_stage_copy_input (job->stage, g_steal_pointer (&input), entry->display_name, info,
                                                &job->bytes_done, job->cancellable, &error);
      if (copied)
        {
          g_autofree char *content_type = g_content_type_guess (entry->display_name, info->head, info->head_len, NULL);

          memcpy (entry->sha256, info->sha256, sizeof entry->sha256);
          entry->size = info->size;
          entry->mime_type = g_content_type_get_mime_type (content_type);
          if (entry->mime_type == NULL)
            entry->mime_type = g_strdup ("application/octet-stream");
        }
      else if (g_error_matches (error, RESLIB_ERROR, RESLIB_ERROR_BAD_FILE) ||
               g_error_matches (error, RESLIB_ERROR, RESLIB_ERROR_CHANGED))
        /* This file cannot be read (gone, no permission, an I/O error, changed): the others go on. */
        entry->error = g_steal_pointer (&error);
      else
        {
          /* The store cannot take it (a full disk, say), or cancelled: the import stops. */
          g_mutex_lock (&job->mutex);
          if (job->error == NULL)
            job->error = g_steal_pointer (&error);
          g_mutex_unlock (&job->mutex);
          g_cancellable_cancel (job->cancellable);
        }
    }

  g_mutex_lock (&job->mutex);
  if (copied)
    job->files_done++;
  job->tasks_left--;
  g_cond_signal (&job->cond);
  g_mutex_unlock (&job->mutex);
}

/* From the run's thread, while the workers copy. */
static void
report (ReslibImporter *self,
        CopyJob        *job,
        guint64         bytes_total,
        guint           files_done)
{
  guint started = MIN ((guint) g_atomic_int_get (&job->next), job->entries->len);
  ReslibImportEntry *last = started > 0 ? g_ptr_array_index (job->entries, started - 1) : NULL;
  const char *current = last != NULL ? last->display_name : NULL;
  g_autofree char *message = NULL;
  ReslibProgress progress = {
    .bytes_done = (guint64) __atomic_load_n (&job->bytes_done, __ATOMIC_RELAXED),
    .bytes_total = bytes_total,
    .files_done = files_done,
    .files_total = job->entries->len,
    .current = current,
    .eta = -1,
  };

  if (current != NULL)
    /* Translators: while importing: the name of the file being read */
    message = g_strdup_printf (_("Importing %s"), current);
  reslib_job_report (RESLIB_JOB (self), &progress, message);
}

static void
forward_cancel (GCancellable *user,
                GCancellable *ours)
{
  g_cancellable_cancel (ours);
}

static gboolean
copy_all (ReslibImporter  *self,
          ReslibBlobStage *stage,
          GPtrArray       *entries,
          GCancellable    *cancellable,
          GError         **error)
{
  g_autoptr(GCancellable) ours = g_cancellable_new ();
  GThreadPool *pool;
  CopyJob job = { 0 };
  guint64 bytes_total = 0;
  guint n_workers;
  gulong handler = 0;
  gboolean ok;

  for (guint i = 0; i < entries->len; i++)
    bytes_total += ((ReslibImportEntry *) g_ptr_array_index (entries, i))->size;

  job.stage = stage;
  job.entries = entries;
  job.cancellable = ours;
  g_mutex_init (&job.mutex);
  g_cond_init (&job.cond);
  g_cond_init (&job.opened);
  if (cancellable != NULL)
    handler = g_cancellable_connect (cancellable, G_CALLBACK (forward_cancel), g_object_ref (ours), g_object_unref);

  /* Hashing is the heavy part: one worker per core. The pool is exclusive: its threads are made now, so a
   * failure to make them is an error here rather than a task left waiting. */
  n_workers = CLAMP (g_get_num_processors (), 1, MAX_WORKERS);
  n_workers = MIN (n_workers, entries->len);
  pool = n_workers > 0 ? g_thread_pool_new (copy_one, &job, (int) n_workers, TRUE, error) : NULL;
  if (pool == NULL && n_workers > 0)
    {
      if (handler != 0)
        g_cancellable_disconnect (cancellable, handler);
      g_mutex_clear (&job.mutex);
      g_cond_clear (&job.cond);
      g_cond_clear (&job.opened);
      return FALSE;
    }
  job.tasks_left = entries->len;
  for (guint i = 0; i < entries->len; i++)
    g_thread_pool_push (pool, g_ptr_array_index (entries, i), NULL);

  g_mutex_lock (&job.mutex);
  while (job.tasks_left > 0)
    {
      guint files_done = job.files_done;

      g_mutex_unlock (&job.mutex);
      report (self, &job, bytes_total, files_done);
      g_mutex_lock (&job.mutex);
      g_cond_wait_until (&job.cond, &job.mutex, g_get_monotonic_time () + PROGRESS_INTERVAL_US);
    }
  g_mutex_unlock (&job.mutex);

  if (pool != NULL)
    g_thread_pool_free (pool, FALSE, TRUE);
  if (handler != 0)
    g_cancellable_disconnect (cancellable, handler);

  ok = job.error == NULL;
  if (ok && g_cancellable_set_error_if_cancelled (cancellable, error))
    ok = FALSE;
  else if (!ok)
    g_propagate_error (error, g_steal_pointer (&job.error));
  if (ok)
    report (self, &job, bytes_total, job.files_done);
  g_mutex_clear (&job.mutex);
  g_cond_clear (&job.cond);
  g_cond_clear (&job.opened);

  return ok;
}

/* ---------------------------------------------------------------------------------------------- */
/* Recording                                                                                       */

static char *
title_from_name (const char *name)
{
  const char *dot = strrchr (name, '.');

  if (dot != NULL && dot != name)
    return g_strndup (name, dot - name);

  return g_strdup (name);
}

static gboolean
record_all (ReslibImporter *self,
            ReslibStore    *store,
            GPtrArray      *entries,
            GPtrArray      *probes,
            GError        **error)
{
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(ReslibResourceBatch) batch = NULL;
  g_autoptr(GPtrArray) duplicates = g_ptr_array_new_with_free_func (duplicate_free);
  gboolean type_given = FALSE, title_given = FALSE;
  guint n_dedup = 0;

  for (guint i = 0; i < self->field_names->len; i++)
    {
      const char *name = g_ptr_array_index (self->field_names, i);
      type_given |= g_strcmp0 (name, "type") == 0;
      title_given |= g_strcmp0 (name, "title") == 0;
    }

  if (!reslib_store_begin (store, error))
    return FALSE;
  /* One batch: the search index rows of all the new resources are made at the end, at once. */
  batch = reslib_resource_batch_new (store, self->project_id, error);
  if (batch == NULL)
    goto failed;

  for (guint i = 0; i < entries->len; i++)
    {
      ReslibImportEntry *entry = g_ptr_array_index (entries, i);
      g_autoptr(GPtrArray) names = g_ptr_array_new ();
      g_autoptr(GPtrArray) values = g_ptr_array_new ();
      const char *mime = entry->mime_type;
      g_autofree char *title = NULL;
      g_autofree char *id = NULL;
      g_autofree char *existing = NULL;
      g_autoptr(GError) local_error = NULL;
      gboolean existed = FALSE;
      GHashTableIter iter;
      gpointer key, value;

      /* Inside the transaction: an earlier file of this run counts too. */
      existing = reslib_store_find_resource_by_blob (store, self->project_id, entry->sha256, &local_error);
      if (local_error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          goto failed;
        }
      if (existing != NULL)
        {
          ReslibImportDuplicate *duplicate = g_new0 (ReslibImportDuplicate, 1);

          duplicate->file_name = g_strdup (entry->display_name);
          duplicate->existing_id = g_strdup (existing);
          g_ptr_array_add (duplicates, duplicate);
          if (self->skip_duplicates)
            continue;
        }

      if (!_reslib_store_add_blob (store, entry->sha256, entry->size, mime, &existed, error))
        goto failed;
      if (existed)
        n_dedup++;

      title = title_from_name (entry->display_name);
      g_ptr_array_add (names, (gpointer) "blob_sha256");
      g_ptr_array_add (values, entry->sha256);
      g_ptr_array_add (names, (gpointer) "file_name");
      g_ptr_array_add (values, entry->display_name);
      if (!title_given)
        {
          g_ptr_array_add (names, (gpointer) "title");
          g_ptr_array_add (values, title);
        }
      if (!type_given)
        {
          g_ptr_array_add (names, (gpointer) "type");
          g_ptr_array_add (values, (gpointer) reslib_type_for_mime (mime, entry->display_name));
        }
      for (guint j = 0; j < self->field_names->len; j++)
        {
          g_ptr_array_add (names, g_ptr_array_index (self->field_names, j));
          g_ptr_array_add (values, g_ptr_array_index (self->field_values, j));
        }
      g_ptr_array_add (names, NULL);
      g_ptr_array_add (values, NULL);

      id = reslib_resource_batch_insert (batch, (const char * const *) names->pdata,
                                         (const char * const *) values->pdata, error);
      if (id == NULL)
        goto failed;

      g_hash_table_iter_init (&iter, self->lists);
      while (g_hash_table_iter_next (&iter, &key, &value))
        if (!reslib_store_set_list (store, id, key, value, error))
          goto failed;

      if (existing != NULL)
        ((ReslibImportDuplicate *) g_ptr_array_index (duplicates, duplicates->len - 1))->resource_id = g_strdup (id);
      g_ptr_array_add (ids, g_steal_pointer (&id));
    }

  if (!reslib_resource_batch_finish (batch, error))
    goto failed;
  /* The media facts go in the same commit as the rows: one flush of the database for the whole import. */
  if (!_reslib_probe_keep (store, probes, error))
    goto failed;
  if (!reslib_store_commit (store, error))
    return FALSE;

  g_ptr_array_add (ids, NULL);
  g_strfreev (self->resource_ids);
  self->resource_ids = (GStrv) g_ptr_array_free (g_steal_pointer (&ids), FALSE);
  self->n_deduplicated = n_dedup;
  g_ptr_array_unref (self->duplicates);
  self->duplicates = g_steal_pointer (&duplicates);

  return TRUE;

failed:
  reslib_store_rollback (store);
  return FALSE;
}

static gboolean
check_metadata (ReslibImporter *self,
                ReslibStore    *store,
                guint           n_files,
                GError        **error)
{
  g_autoptr(ReslibRecord) project = NULL;

  project = reslib_store_get (store, RESLIB_KIND_PROJECT, self->project_id, error);
  if (project == NULL)
    return FALSE;

  for (guint i = 0; i < self->field_names->len; i++)
    {
      const ReslibEntity *entity = reslib_entity_get (RESLIB_KIND_RESOURCE);
      const ReslibField *field = reslib_entity_find_field (entity, g_ptr_array_index (self->field_names, i));

      if (field == NULL || !(field->flags & RESLIB_FIELD_SETTABLE) || field->type == RESLIB_FIELD_LIST)
        {
          g_set_error (error, RESLIB_ERROR, RESLIB_ERROR_INVALID, _("A resource has no field “%s” to set on import"),
                       (const char *) g_ptr_array_index (self->field_names, i));
          return FALSE;
        }
      if (!reslib_field_check_value (entity, field, g_ptr_array_index (self->field_values, i), error))
        return FALSE;
    }

  for (guint i = 0; i < self->field_names->len; i++)
    if (g_strcmp0 (g_ptr_array_index (self->field_names, i), "title") == 0 && n_files != 1)
      {
        g_set_error (error, RESLIB_ERROR, RESLIB_ERROR_INVALID,
                     ngettext ("A title can only be given when one file is imported, not %u",
                               "A title can only be given when one file is imported, not %u", n_files), n_files);
        return FALSE;
      }

  return TRUE;
}

static gboolean
run (ReslibImporter *self,
     ReslibStore    *store,
     GCancellable   *cancellable,
     GError        **error)
{
  g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func (_reslib_import_entry_free);
  g_autoptr(GPtrArray) failures = g_ptr_array_new_with_free_func (_reslib_import_failure_free);
  g_autoptr(ReslibBlobStage) stage = NULL;
  g_autoptr(GError) first_failure = NULL;
  g_autoptr(GError) first_copy_failure = NULL;
  g_autoptr(GPtrArray) probes = NULL;
  ReslibImportWalk walk = { entries, failures, NULL, 0 };
  gint64 t0, t1, t2;
  gboolean ok;

  if (!_reslib_store_check_writable (store, error))
    return FALSE;
  ok = _reslib_import_walk (self->inputs, &walk, cancellable, error);
  first_failure = g_steal_pointer (&walk.first);
  if (!ok || !check_metadata (self, store, entries->len, error))
    return FALSE;
  if (self->scanned_hook != NULL)
    self->scanned_hook (self->scanned_hook_data);

  stage = _reslib_blob_stage_new (store, error);
  if (stage == NULL)
    return FALSE;
  t0 = g_get_monotonic_time ();
  if (!copy_all (self, stage, entries, cancellable, error))
    return FALSE;
  first_copy_failure = _reslib_import_take_copy_failures (entries, failures);
  if (entries->len == 0)
    {
      /* Not one file could be read: the reason of the first that failed. */
      g_propagate_error (error, first_failure != NULL ? g_steal_pointer (&first_failure)
                                                      : g_steal_pointer (&first_copy_failure));
      return FALSE;
    }
  /* The media facts of the new files, read from the stage while the system writes it back. */
  {
    g_autoptr(GPtrArray) sha256s = g_ptr_array_new ();
    g_autoptr(GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);
    g_autoptr(GPtrArray) mime_types = g_ptr_array_new ();

    for (guint i = 0; i < entries->len; i++)
      {
        ReslibImportEntry *entry = g_ptr_array_index (entries, i);

        g_ptr_array_add (sha256s, entry->sha256);
        g_ptr_array_add (paths, _reslib_blob_stage_get_path (stage, entry->sha256));
        g_ptr_array_add (mime_types, (gpointer) entry->mime_type);
      }
    g_ptr_array_add (sha256s, NULL);
    g_ptr_array_add (paths, NULL);
    g_ptr_array_add (mime_types, NULL);
    probes = _reslib_probe_staged (store, (const char * const *) sha256s->pdata, (const char * const *) paths->pdata,
                                   (const char * const *) mime_types->pdata, cancellable);
  }
  /* The blobs' data and names reach the disk (one syncfs) before the one commit that names them (one
   * fdatasync of the write-ahead log); nothing else is flushed (the log is copied into library.db later). */
  if (g_cancellable_set_error_if_cancelled (cancellable, error) || !_reslib_blob_stage_sync (stage, error))
    return FALSE;
  t1 = g_get_monotonic_time ();
  if (!record_all (self, store, entries, probes, error))
    return FALSE;
  self->n_skipped = walk.skipped;
  g_ptr_array_unref (self->failures);
  self->failures = g_steal_pointer (&failures);
  t2 = g_get_monotonic_time ();

  /* The rows are committed: from here on a failure is finished at the next open. */
  if (!_reslib_blob_stage_publish (stage, error))
    return FALSE;
  g_debug ("Imported %u files (%u not read): copied in %.3f s, recorded in %.3f s, published in %.3f s",
           entries->len, self->failures->len, (t1 - t0) / 1e6, (t2 - t1) / 1e6, (g_get_monotonic_time () - t2) / 1e6);

  return TRUE;
}

/* The job's run: in a worker, through a connection of its own, so the caller's thread keeps using its store. */
static gboolean
reslib_importer_run (ReslibJob     *job,
                     GCancellable  *cancellable,
                     GError       **error)
{
  ReslibImporter *self = RESLIB_IMPORTER (job);
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
