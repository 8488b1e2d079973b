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
  gboolean            preview;
  gboolean            no_items;

  ReslibVerified      verified;    /* the package as the last run verified it */
  ReslibImportResults results;     /* of the last run */
};

G_DEFINE_FINAL_TYPE (ReslibPackageImporter, reslib_package_importer, RESLIB_TYPE_JOB)

static gboolean
reslib_package_importer_run (ReslibJob     *job,
                             GCancellable  *cancellable,
                             GError       **error)
{
  ReslibPackageImporter *self = RESLIB_PACKAGE_IMPORTER (job);
  g_autoptr(ReslibStore) own = NULL;
  ReslibImportOptions options = { self->into_project_id, self->flags, self->preview, self->no_items };
  gboolean ok;

  _reslib_import_results_clear (&self->results);

  /* In a worker, a connection of its own: the caller's thread keeps using its store meanwhile. */
  if (reslib_job_in_worker (job))
    {
      own = reslib_store_reopen (self->store, error);
      if (own == NULL)
        return FALSE;
      reslib_store_set_actor (own, reslib_store_get_actor (self->store));
    }

  ok = _reslib_package_import_run (own != NULL ? own : self->store, self->path, &options, &self->verified, job,
                                   &self->results, cancellable, error);
  /* Verify gives an empty list for a valid package: only a package found not valid has problems. */
  if (self->results.problems != NULL && self->results.problems->len == 0)
    g_clear_pointer (&self->results.problems, g_ptr_array_unref);
  return ok;
}

static void
reslib_package_importer_finalize (GObject *object)
{
  ReslibPackageImporter *self = RESLIB_PACKAGE_IMPORTER (object);

  g_clear_object (&self->store);
  g_free (self->path);
  g_free (self->into_project_id);
  _reslib_verified_clear (&self->verified);
  _reslib_import_results_clear (&self->results);

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
 * keeps the local version; the incoming one waits as a conflict (reslib-store-conflicts.h).
 *
 * A package never changes the fields, majors or units of a project the store already has, unless the
 * flags have %RESLIB_IMPORT_UPDATE_DOSSIER: where it differs, the local version stays and the incoming one
 * is counted as a conflict and kept in the log. New units are added, a host unit as a participant (the
 * hosts are the dossier's). Resources whose content is taken from the package arrive in review. On any
 * failure or cancellation nothing is changed and no blob is left behind.
 *
 * Progress counts the bytes and files copied into the store; its message names the file being copied.
 *
 * Run again (after a preview, say) with the file unchanged since (its device, inode, size and times), the
 * importer does not verify the package again: what it then reads is checked against what it verified.
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
 * @flags: %RESLIB_IMPORT_UPDATE_DOSSIER lets the package change the dossier of a project the store has;
 *   %RESLIB_IMPORT_JOIN joins the package's project as a teacher (the store must not have it, or have it as
 *   a teacher's); %RESLIB_IMPORT_MATCH_BY_TITLE, see reslib_package_importer_set_match_by_title();
 *   %RESLIB_IMPORT_REFUSE_NAMESAKE refuses (%RESLIB_ERROR_CONSTRAINT) a contribution of a project the store
 *   lacks when it has a project of the same name, which reslib_package_importer_get_info() names then
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
 * reslib_package_importer_get_flags:
 *
 * Returns: the flags set
 */
ReslibImportFlags
reslib_package_importer_get_flags (ReslibPackageImporter *self)
{
  g_return_val_if_fail (RESLIB_IS_PACKAGE_IMPORTER (self), RESLIB_IMPORT_NONE);

  return self->flags;
}

/**
 * reslib_package_importer_set_preview:
 * @preview: whether the next run only tells what the import would do
 *
 * A preview verifies the package and merges its records in a transaction that is rolled back: no file is
 * copied, nothing in the store changes, no event is logged. The report and the items then tell what the
 * import would do. The same importer run again with @preview %FALSE imports the package (and does not
 * verify it again if the file did not change).
 */
void
reslib_package_importer_set_preview (ReslibPackageImporter *self,
                                     gboolean               preview)
{
  g_return_if_fail (RESLIB_IS_PACKAGE_IMPORTER (self));
  g_return_if_fail (!reslib_job_get_busy (RESLIB_JOB (self)));

  self->preview = preview;
}

/**
 * reslib_package_importer_get_preview:
 *
 * Returns: whether a run only tells what the import would do
 */
gboolean
reslib_package_importer_get_preview (ReslibPackageImporter *self)
{
  g_return_val_if_fail (RESLIB_IS_PACKAGE_IMPORTER (self), FALSE);

  return self->preview;
}

/**
 * reslib_package_importer_set_match_by_title:
 * @match: whether courses and knowledge or skill points whose ids the store does not have are matched by
 *   their titles with the target project's (a course within the project, a point under its matched
 *   parent); the package's references follow the mapping
 *
 * Sets or clears %RESLIB_IMPORT_MATCH_BY_TITLE.
 */
void
reslib_package_importer_set_match_by_title (ReslibPackageImporter *self,
                                            gboolean               match)
{
  g_return_if_fail (RESLIB_IS_PACKAGE_IMPORTER (self));
  g_return_if_fail (!reslib_job_get_busy (RESLIB_JOB (self)));

  if (match)
    self->flags |= RESLIB_IMPORT_MATCH_BY_TITLE;
  else
    self->flags &= ~RESLIB_IMPORT_MATCH_BY_TITLE;
}

/**
 * reslib_package_importer_set_keep_items:
 * @keep: whether the next runs keep what they do with each record (the default), or only count it
 *
 * Without the items, an import of a big package holds less memory: reslib_package_importer_get_items()
 * then returns %NULL, and the report still counts every record.
 */
void
reslib_package_importer_set_keep_items (ReslibPackageImporter *self,
                                        gboolean               keep)
{
  g_return_if_fail (RESLIB_IS_PACKAGE_IMPORTER (self));
  g_return_if_fail (!reslib_job_get_busy (RESLIB_JOB (self)));

  self->no_items = !keep;
}

/**
 * reslib_package_importer_get_items:
 *
 * Returns: (transfer none) (nullable) (element-type ReslibImportItem): after a successful run, what the
 *   import did (or, previewed, would do) with each record of the package, in the package's order; else
 *   %NULL (and after any run without reslib_package_importer_set_keep_items())
 */
GPtrArray *
reslib_package_importer_get_items (ReslibPackageImporter *self)
{
  g_return_val_if_fail (RESLIB_IS_PACKAGE_IMPORTER (self), NULL);

  return self->results.items;
}

/**
 * reslib_package_importer_get_info:
 *
 * Returns: (transfer none) (nullable): after a run that found the package valid (whether the import then
 *   succeeded or not), what the package is; else %NULL
 */
const ReslibPackageInfo *
reslib_package_importer_get_info (ReslibPackageImporter *self)
{
  g_return_val_if_fail (RESLIB_IS_PACKAGE_IMPORTER (self), NULL);

  return self->results.info;
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

  return self->results.report;
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

  return self->results.problems;
}
