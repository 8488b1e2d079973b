/* reslib-report.c — the dossier, progress and acceptance reports as A4 PDF
 *
 * The report is written in Chinese: it goes to the province. Its headings and
 * table captions are therefore document content, not user-interface strings,
 * and are not marked for translation. Error messages are.
 *
 * The content is first gathered from the store into a list of blocks (headings,
 * paragraphs, tables: reslib-report-content.c); the blocks are then laid out
 * and drawn as PDF (reslib-report-pdf.c). This file holds the job that writes
 * the PDF to its destination (in the calling thread or in a worker), and the
 * call that writes it into an open file for a package.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <errno.h>
#include <gio/gunixoutputstream.h>
#include <unistd.h>

#include "reslib-error.h"
#include "reslib-output.h"
#include "reslib-report.h"
#include "reslib-report-private.h"
#include "reslib-store.h"

const char * const reslib_report_kinds[] = { "dossier", "progress", "acceptance", NULL };

struct _ReslibReportJob
{
  ReslibJob          parent_instance;

  ReslibStore       *store;
  char              *project_id;
  char              *kind;
  char              *dest_path;
  ReslibOutputFlags  flags;
};

G_DEFINE_FINAL_TYPE (ReslibReportJob, reslib_report_job, RESLIB_TYPE_JOB)

/* ---------------------------------------------------------------------------------------------- */
/* Writing                                                                                         */

static gboolean
check_kind (const char  *kind,
            GError     **error)
{
  if (kind == NULL || !g_strv_contains (reslib_report_kinds, kind))
    {
      g_autofree char *kinds = g_strjoinv (", ", (char **) reslib_report_kinds);

      g_set_error (error, RESLIB_ERROR, RESLIB_ERROR_INVALID, _("“%s” is not a kind of report: use one of %s"),
                   kind != NULL ? kind : "", kinds);
      return FALSE;
    }

  return TRUE;
}

/* Renders the report into @fd, from its current offset; @fd stays open. */
static gboolean
write_report_fd (ReslibStore   *store,
                 const char    *project_id,
                 const char    *kind,
                 gint64         date,
                 int            fd,
                 GCancellable  *cancellable,
                 GError       **error)
{
  g_autoptr(Report) report = NULL;
  g_autoptr(GOutputStream) out = NULL;

  report = _reslib_report_gather (store, project_id, kind, date, cancellable, error);
  if (report == NULL)
    return FALSE;
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;
  out = g_unix_output_stream_new (fd, FALSE);

  return _reslib_report_render (report, out, error) &&
         !g_cancellable_set_error_if_cancelled (cancellable, error);
}

/* Writes the report to @self->dest_path with @store: under a temporary name next to it, synced and renamed. */
static gboolean
write_report (ReslibReportJob  *self,
              ReslibStore      *store,
              GCancellable     *cancellable,
              GError          **error)
{
  ReslibOutputTemp temp = { NULL, NULL, -1, -1, RESLIB_OUTPUT_NONE };
  ReslibProgress progress = { .files_total = 1, .current = self->dest_path, .stage = "writing", .eta = -1 };
  g_autofree char *name = g_path_get_basename (self->dest_path);
  g_autofree char *writing = NULL;
  g_autofree char *saved = NULL;
  gboolean ok = FALSE;
  int fd;

  if (!check_kind (self->kind, error) ||
      !reslib_output_check (store, self->dest_path, self->flags, error) ||
      !_reslib_output_temp_open (&temp, self->dest_path, self->flags, error))
    goto out;
  /* Translators: while a report is written: the name of its file */
  writing = g_strdup_printf (_("Writing %s"), name);
  reslib_job_report (RESLIB_JOB (self), &progress, writing);
  if (!write_report_fd (store, self->project_id, self->kind, -1, temp.fd, cancellable, error))
    goto out;
  fd = temp.fd;
  temp.fd = -1;
  if (fdatasync (fd) != 0 || close (fd) != 0)
    {
      int saved_errno = errno;

      close (fd);
      _reslib_set_error_from_errno (error, saved_errno, self->dest_path);
      goto out;
    }
  ok = _reslib_output_temp_commit (&temp, error);
  if (ok)
    {
      progress.files_done = 1;
      /* Translators: a report was written: the name of its file */
      saved = g_strdup_printf (_("Saved %s"), name);
      reslib_job_report (RESLIB_JOB (self), &progress, saved);
    }

out:
  _reslib_output_temp_clear (&temp);

  return ok;
}

/* In the calling thread, or in a worker with a connection of its own: SQLite connections stay in their
 * thread. */
static gboolean
reslib_report_job_run (ReslibJob     *job,
                       GCancellable  *cancellable,
                       GError       **error)
{
  ReslibReportJob *self = RESLIB_REPORT_JOB (job);
  g_autoptr(ReslibStore) own_store = NULL;

  if (reslib_job_in_worker (job))
    {
      own_store = reslib_store_reopen (self->store, error);
      if (own_store == NULL)
        return FALSE;
    }

  return write_report (self, own_store != NULL ? own_store : self->store, cancellable, error);
}

/*
 * _reslib_report_write_fd:
 * @date: the report's date in seconds since 1970 (UTC), or -1 for the default of
 *   the report job
 * @fd: an open file to write the PDF into
 *
 * Like a run of the report job, into @fd, dated with @date: a package dates its dossier with the
 * package's own fixed time, so the same records give the same bytes in any store.
 */
gboolean
_reslib_report_write_fd (ReslibStore   *store,
                         const char    *project_id,
                         const char    *kind,
                         gint64         date,
                         int            fd,
                         GCancellable  *cancellable,
                         GError       **error)
{
  g_return_val_if_fail (RESLIB_IS_STORE (store), FALSE);
  g_return_val_if_fail (project_id != NULL, FALSE);
  g_return_val_if_fail (fd >= 0, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return check_kind (kind, error) &&
         write_report_fd (store, project_id, kind, date, fd, cancellable, error);
}

/* ---------------------------------------------------------------------------------------------- */
/* The job                                                                                         */

static void
reslib_report_job_finalize (GObject *object)
{
  ReslibReportJob *self = RESLIB_REPORT_JOB (object);

  g_clear_object (&self->store);
  g_free (self->project_id);
  g_free (self->kind);
  g_free (self->dest_path);

  G_OBJECT_CLASS (reslib_report_job_parent_class)->finalize (object);
}

static void
reslib_report_job_class_init (ReslibReportJobClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = reslib_report_job_finalize;
  RESLIB_JOB_CLASS (klass)->run = reslib_report_job_run;
}

static void
reslib_report_job_init (ReslibReportJob *self)
{
}

/**
 * reslib_report_job_new:
 * @store: the store
 * @project_id: the project's full id
 * @kind: "dossier", "progress" or "acceptance"
 * @dest_path: the PDF to write; nothing is left behind on failure. It may not be a file of the
 *   store (see reslib_output_check()).
 *
 * A job that writes a report of the project as an A4 PDF in Chinese. The output depends only on
 * the store's state (and $SOURCE_DATE_EPOCH, which gives the date when it is set).
 * It is written under a temporary name next to @dest_path, synced and renamed. Run it with
 * reslib_job_run() or reslib_job_run_async() (a worker with a connection of its own); its progress
 * has the stage "writing" and counts the one file, done when it is in place.
 *
 * Returns: (transfer full): the job
 */
ReslibReportJob *
reslib_report_job_new (ReslibStore *store,
                       const char  *project_id,
                       const char  *kind,
                       const char  *dest_path)
{
  ReslibReportJob *self;

  g_return_val_if_fail (RESLIB_IS_STORE (store), NULL);
  g_return_val_if_fail (project_id != NULL, NULL);
  g_return_val_if_fail (dest_path != NULL, NULL);

  self = g_object_new (RESLIB_TYPE_REPORT_JOB, "title", _("Writing a report"), NULL);
  self->store = g_object_ref (store);
  self->project_id = g_strdup (project_id);
  self->kind = g_strdup (kind);
  self->dest_path = g_strdup (dest_path);

  return self;
}

/**
 * reslib_report_job_set_flags:
 * @flags: %RESLIB_OUTPUT_REPLACE to replace the destination when it exists (the user agreed)
 */
void
reslib_report_job_set_flags (ReslibReportJob   *self,
                             ReslibOutputFlags  flags)
{
  g_return_if_fail (RESLIB_IS_REPORT_JOB (self));
  g_return_if_fail (!reslib_job_get_busy (RESLIB_JOB (self)));

  self->flags = flags;
}

/**
 * reslib_report_job_get_project_id:
 *
 * Returns: (transfer none): the id of the project the report is about
 */
const char *
reslib_report_job_get_project_id (ReslibReportJob *self)
{
  g_return_val_if_fail (RESLIB_IS_REPORT_JOB (self), NULL);
  return self->project_id;
}

/**
 * reslib_report_job_get_kind:
 *
 * Returns: (transfer none): "dossier", "progress" or "acceptance"
 */
const char *
reslib_report_job_get_kind (ReslibReportJob *self)
{
  g_return_val_if_fail (RESLIB_IS_REPORT_JOB (self), NULL);
  return self->kind;
}

/**
 * reslib_report_job_get_dest_path:
 *
 * Returns: (transfer none): the PDF the job writes: after a run that ended well, it is there
 */
const char *
reslib_report_job_get_dest_path (ReslibReportJob *self)
{
  g_return_val_if_fail (RESLIB_IS_REPORT_JOB (self), NULL);
  return self->dest_path;
}
