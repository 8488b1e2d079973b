/* reslib-prober.c — probing a project's media blobs, as a job
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every audio, video and image blob of the project that has no fresh probe is probed, and the results are
 * cached in the store. A file that cannot be read as media is not an error: its probe records why. The
 * progress counts blobs (files_done of files_total), with the blob's SHA-256 as the current item.
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "reslib-entity.h"
#include "reslib-error.h"
#include "reslib-probe-private.h"
#include "reslib-prober.h"
#include "reslib-store-probe.h"

struct _ReslibProber
{
  ReslibJob    parent_instance;

  ReslibStore *store;
  char        *project_id;

  /* What the last run did */
  guint        n_probed;
  guint        n_unreadable;
};

G_DEFINE_FINAL_TYPE (ReslibProber, reslib_prober, RESLIB_TYPE_JOB)

/* Probes in the calling thread with @store. FALSE with @error set when cancelled, when the database fails,
 * or when some blob file is missing or unreadable (the others are probed all the same). */
static gboolean
probe_project (ReslibProber  *self,
               ReslibStore   *store,
               GCancellable  *cancellable,
               GError       **error)
{
  g_autoptr(ReslibRecord) project = NULL;
  g_autoptr(GPtrArray) sha256s = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) mime_types = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) first_error = NULL;
  ReslibProgress progress = { .eta = -1 };

  project = reslib_store_get (store, RESLIB_KIND_PROJECT, self->project_id, error);
  if (project == NULL)
    return FALSE;

  if (!_reslib_store_list_blobs_to_probe (store, self->project_id, sha256s, mime_types, error))
    return FALSE;

  progress.files_total = sha256s->len;
  reslib_job_report (RESLIB_JOB (self), &progress, _("Looking for media files to read"));
  for (guint i = 0; i < sha256s->len; i++)
    {
      const char *sha256 = g_ptr_array_index (sha256s, i);
      g_autoptr(GError) local_error = NULL;
      g_autofree char *message = NULL;
      gboolean ok;

      progress.current = sha256;
      /* Translators: while media files are probed: the file being read, of how many */
      message = g_strdup_printf (_("Reading media file %u of %u"), i + 1, sha256s->len);
      reslib_job_report (RESLIB_JOB (self), &progress, message);
      ok = _reslib_probe_blob (store, sha256, g_ptr_array_index (mime_types, i), cancellable, &local_error);
      progress.files_done = i + 1;
      if (ok)
        {
          self->n_probed++;
          continue;
        }
      if (local_error->domain != RESLIB_ERROR || local_error->code != RESLIB_ERROR_BAD_FILE)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      self->n_unreadable++;
      if (first_error == NULL)
        first_error = g_steal_pointer (&local_error);
    }
  progress.current = NULL;
  reslib_job_report (RESLIB_JOB (self), &progress, _("Media files read"));

  if (first_error != NULL)
    {
      g_propagate_prefixed_error (error, g_steal_pointer (&first_error),
                                  _("A file of the store is missing or cannot be read, so it was not probed: "));
      return FALSE;
    }

  return TRUE;
}

/* In the calling thread, or in a worker with a connection of its own. */
static gboolean
reslib_prober_run (ReslibJob     *job,
                   GCancellable  *cancellable,
                   GError       **error)
{
  ReslibProber *self = RESLIB_PROBER (job);
  g_autoptr(ReslibStore) own_store = NULL;

  self->n_probed = 0;
  self->n_unreadable = 0;
  if (reslib_job_in_worker (job))
    {
      own_store = reslib_store_reopen (self->store, error);
      if (own_store == NULL)
        return FALSE;
    }

  return probe_project (self, own_store != NULL ? own_store : self->store, cancellable, error);
}

static void
reslib_prober_finalize (GObject *object)
{
  ReslibProber *self = RESLIB_PROBER (object);

  g_clear_object (&self->store);
  g_free (self->project_id);

  G_OBJECT_CLASS (reslib_prober_parent_class)->finalize (object);
}

static void
reslib_prober_class_init (ReslibProberClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = reslib_prober_finalize;
  RESLIB_JOB_CLASS (klass)->run = reslib_prober_run;
}

static void
reslib_prober_init (ReslibProber *self)
{
}

/**
 * reslib_prober_new:
 * @store: the store
 * @project_id: the project whose blobs are probed
 *
 * A job that probes every audio, video and image blob of the project that has no fresh probe, and caches the
 * results. Run it with reslib_job_run() (it blocks: the command line) or reslib_job_run_async() (a worker
 * with a connection of its own). A run fails when cancelled, when the database fails, when the project does
 * not exist (%RESLIB_ERROR_NOT_FOUND) or when some blob file is missing or unreadable
 * (%RESLIB_ERROR_BAD_FILE, after the others are probed).
 *
 * Returns: (transfer full): the job
 */
ReslibProber *
reslib_prober_new (ReslibStore *store,
                   const char  *project_id)
{
  ReslibProber *self;

  g_return_val_if_fail (RESLIB_IS_STORE (store), NULL);
  g_return_val_if_fail (project_id != NULL, NULL);

  self = g_object_new (RESLIB_TYPE_PROBER, "title", _("Reading media files"), NULL);
  self->store = g_object_ref (store);
  self->project_id = g_strdup (project_id);

  return self;
}

/**
 * reslib_prober_get_project_id:
 *
 * Returns: (transfer none): the id of the project whose files the job probes
 */
const char *
reslib_prober_get_project_id (ReslibProber *self)
{
  g_return_val_if_fail (RESLIB_IS_PROBER (self), NULL);
  return self->project_id;
}

/**
 * reslib_prober_get_n_probed:
 *
 * Returns: how many blobs the last run probed and cached (files that are not media included: their probe
 *   says why)
 */
guint
reslib_prober_get_n_probed (ReslibProber *self)
{
  g_return_val_if_fail (RESLIB_IS_PROBER (self), 0);
  return self->n_probed;
}

/**
 * reslib_prober_get_n_unreadable:
 *
 * Returns: how many blob files the last run found missing or unreadable
 */
guint
reslib_prober_get_n_unreadable (ReslibProber *self)
{
  g_return_val_if_fail (RESLIB_IS_PROBER (self), 0);
  return self->n_unreadable;
}
