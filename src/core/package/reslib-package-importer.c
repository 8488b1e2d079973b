/* reslib-package-importer.c — importing a package into the store, as a job
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "reslib-package-import-private.h"
#include "reslib-package-importer.h"

struct _ReslibPackageImporter
{
  ReslibJob           parent_instance;

  ReslibStore        *store;
  char               *path;
  char               *into_project_id;
  ReslibImportFlags   flags;

  /* Results of the last run */
  ReslibImportReport *report;      /* when it succeeded */
  GPtrArray          *problems;    /* when the package was not valid */
};

G_DEFINE_FINAL_TYPE (ReslibPackageImporter, reslib_package_importer, RESLIB_TYPE_JOB)

static gboolean
reslib_package_importer_run (ReslibJob     *job,
                             GCancellable  *cancellable,
                             GError       **error)
{
  ReslibPackageImporter *self = RESLIB_PACKAGE_IMPORTER (job);
  g_autoptr(ReslibStore) own = NULL;
  gboolean ok;

  g_clear_pointer (&self->report, reslib_import_report_free);
  g_clear_pointer (&self->problems, g_ptr_array_unref);

  /* In a worker, a connection of its own: the caller's thread keeps using its store meanwhile. */
  if (reslib_job_in_worker (job))
    {
      own = reslib_store_reopen (self->store, error);
      if (own == NULL)
        return FALSE;
      reslib_store_set_actor (own, reslib_store_get_actor (self->store));
    }

  ok = _reslib_package_import_run (own != NULL ? own : self->store, self->path, self->into_project_id, self->flags,
                                   job, &self->report, &self->problems, cancellable, error);
  /* Verify gives an empty list for a valid package: only a package found not valid has problems. */
  if (self->problems != NULL && self->problems->len == 0)
    g_clear_pointer (&self->problems, g_ptr_array_unref);
  return ok;
}

static void
reslib_package_importer_finalize (GObject *object)
{
  ReslibPackageImporter *self = RESLIB_PACKAGE_IMPORTER (object);

  g_clear_object (&self->store);
  g_free (self->path);
  g_free (self->into_project_id);
  g_clear_pointer (&self->report, reslib_import_report_free);
  g_clear_pointer (&self->problems, g_ptr_array_unref);

  G_OBJECT_CLASS (reslib_package_importer_parent_class)->finalize (object);
}

static void
reslib_package_importer_class_init (ReslibPackageImporterClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = reslib_package_importer_finalize;
  RESLIB_JOB_CLASS (klass)->run = reslib_package_importer_run;
}

static void
reslib_package_importer_init (ReslibPackageImporter *self)
{
}

/**
 * reslib_package_importer_new:
 * @store: the store to import into
 * @path: the package (a tar file)
 *
 * A job that verifies the package, copies and checks the files the store lacks, then merges the records
 * in one short transaction: blobs by hash, records by UUID and content (see merge_record ()). The write
 * lock is held only for that transaction, not while the files are copied. A record changed on both sides
 * keeps the local version and gets the incoming one as a conflict copy.
 *
 * A package never changes the fields, majors or units of a project the store already has, unless the
 * flags have %RESLIB_IMPORT_UPDATE_DOSSIER: where it differs, the local version stays and the incoming one
 * is counted as a conflict and kept in the log. New units are added, a host unit as a participant (the
 * hosts are the dossier's). Resources whose content is taken from the package arrive in review. On any
 * failure or cancellation nothing is changed and no blob is left behind.
 *
 * Progress counts the bytes and files copied into the store; its message names the file being copied.
 *
 * Returns: (transfer full): a new package importer
 */
ReslibPackageImporter *
reslib_package_importer_new (ReslibStore *store,
                             const char  *path)
{
  ReslibPackageImporter *self;

  g_return_val_if_fail (RESLIB_IS_STORE (store), NULL);
  g_return_val_if_fail (path != NULL, NULL);

  self = g_object_new (RESLIB_TYPE_PACKAGE_IMPORTER, "title", _("Importing a package"), NULL);
  self->store = g_object_ref (store);
  self->path = g_strdup (path);

  return self;
}

/**
 * reslib_package_importer_set_into_project:
 * @project_id: (nullable): import the package's records into this project (a contribution from another
 *   library) instead of the package's own project (%NULL, the default)
 */
void
reslib_package_importer_set_into_project (ReslibPackageImporter *self,
                                          const char            *project_id)
{
  g_return_if_fail (RESLIB_IS_PACKAGE_IMPORTER (self));
  g_return_if_fail (!reslib_job_get_busy (RESLIB_JOB (self)));

  g_free (self->into_project_id);
  self->into_project_id = g_strdup (project_id);
}

/**
 * reslib_package_importer_set_flags:
 * @flags: %RESLIB_IMPORT_UPDATE_DOSSIER lets the package change the dossier of a project the store has
 */
void
reslib_package_importer_set_flags (ReslibPackageImporter *self,
                                   ReslibImportFlags      flags)
{
  g_return_if_fail (RESLIB_IS_PACKAGE_IMPORTER (self));
  g_return_if_fail (!reslib_job_get_busy (RESLIB_JOB (self)));

  self->flags = flags;
}

/**
 * reslib_package_importer_get_report:
 *
 * Returns: (transfer none) (nullable): after a successful run, what the import did; else %NULL
 */
const ReslibImportReport *
reslib_package_importer_get_report (ReslibPackageImporter *self)
{
  g_return_val_if_fail (RESLIB_IS_PACKAGE_IMPORTER (self), NULL);

  return self->report;
}

/**
 * reslib_package_importer_get_problems:
 *
 * Returns: (transfer none) (nullable) (element-type utf8): after a run that failed because the package is
 *   not valid, why, as reslib_package_verify() tells it; else %NULL
 */
GPtrArray *
reslib_package_importer_get_problems (ReslibPackageImporter *self)
{
  g_return_val_if_fail (RESLIB_IS_PACKAGE_IMPORTER (self), NULL);

  return self->problems;
}
