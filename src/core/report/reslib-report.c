/* reslib-report.c — the dossier, progress and acceptance reports as A4 PDF or Word documents
 *
 * The report is written in Chinese: it goes to the province. Its headings and
 * table captions are therefore document content, not user-interface strings,
 * and are not marked for translation. Error messages are.
 *
 * The content is first gathered from the store into a list of blocks (headings,
 * paragraphs, tables: reslib-report-content.c); the blocks are then laid out
 * and drawn as PDF (reslib-report-pdf.c) or written as a Word document
 * (reslib-report-docx.c). This file holds the job that writes the report to its
 * destination (in the calling thread or in a worker), and the call that writes
 * the PDF into an open file for a package.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <errno.h>
#include <gio/gunixoutputstream.h>
#include <string.h>
#include <unistd.h>

#include "reslib-error.h"
#include "reslib-output.h"
#include "reslib-report.h"
#include "reslib-report-private.h"
#include "reslib-store.h"

const char * const reslib_report_kinds[] = { "dossier", "progress", "acceptance", NULL };
const char * const reslib_report_formats[] = { "pdf", "docx", NULL };

enum
{
  PROP_0,
  PROP_FORMAT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

struct _ReslibReportJob
{
  ReslibJob          parent_instance;

  ReslibStore       *store;
  char              *project_id;
  char              *kind;
  char              *dest_path;
  char              *format;      /* NULL: the destination's extension says */
  ReslibOutputFlags  flags;
  ReslibProfile     *profile;     /* NULL: the default profile */
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

/**
 * reslib_report_format_for_path:
 * @path: a file name
 *
 * The format a report written to @path is in, by its extension (in any case): ".pdf" or ".docx".
 *
 * Returns: (transfer none) (nullable): "pdf", "docx", or %NULL for any other extension
 */
const char *
reslib_report_format_for_path (const char *path)
{
  const char *dot;

  g_return_val_if_fail (path != NULL, NULL);

  dot = strrchr (path, '.');
  if (dot == NULL || strchr (dot, G_DIR_SEPARATOR) != NULL)
    return NULL;
  for (guint i = 0; reslib_report_formats[i] != NULL; i++)
    if (g_ascii_strcasecmp (dot + 1, reslib_report_formats[i]) == 0)
      return reslib_report_formats[i];

  return NULL;
}

static gboolean
check_format (const char  *format,
              GError     **error)
{
  if (format == NULL || !g_strv_contains (reslib_report_formats, format))
    {
      g_set_error (error, RESLIB_ERROR, RESLIB_ERROR_INVALID,
                   _("“%s” is not a format of report: use pdf or docx"), format != NULL ? format : "");
      return FALSE;
    }

  return TRUE;
}

/* The job's format: the one set, else the destination's extension. */
static const char *
job_format (ReslibReportJob  *self,
            GError          **error)
{
  const char *format = self->format != NULL ? self->format : reslib_report_format_for_path (self->dest_path);

  if (self->format == NULL && format == NULL)
    {
      g_set_error (error, RESLIB_ERROR, RESLIB_ERROR_INVALID,
                   _("%s: the file name should end in .pdf or .docx, to say the format of the report"),
                   self->dest_path);
      return NULL;
    }

  return check_format (format, error) ? format : NULL;
}

/* Renders the report into @fd in @format, from its current offset; @fd stays open. */
static gboolean
write_report_fd (ReslibStore   *store,
                 ReslibProfile *profile,
                 const char    *project_id,
                 const char    *kind,
                 const char    *format,
                 gint64         date,
                 int            fd,
                 GCancellable  *cancellable,
                 GError       **error)
{
  g_autoptr(Report) report = NULL;
  g_autoptr(GOutputStream) out = NULL;

  report = _reslib_report_gather (store, profile, project_id, kind, date, cancellable, error);
  if (report == NULL)
    return FALSE;
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;
  out = g_unix_output_stream_new (fd, FALSE);

  if (g_str_equal (format, "docx"))
    return _reslib_report_render_docx (report, out, error) &&
           !g_cancellable_set_error_if_cancelled (cancellable, error);

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
  const char *format;
  gboolean ok = FALSE;
  int fd;

  if (!check_kind (self->kind, error) ||
      (format = job_format (self, error)) == NULL ||
      !reslib_output_check (store, self->dest_path, self->flags, error) ||
      !_reslib_output_temp_open (&temp, self->dest_path, self->flags, error))
    goto out;
  /* Translators: while a report is written: the name of its file */
  writing = g_strdup_printf (_("Writing %s"), name);
  reslib_job_report (RESLIB_JOB (self), &progress, writing);
  if (!write_report_fd (store, self->profile, self->project_id, self->kind, format, -1, temp.fd, cancellable, error))
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
         write_report_fd (store, NULL, project_id, kind, "pdf", date, fd, cancellable, error);
}

/* ---------------------------------------------------------------------------------------------- */
/* The job                                                                                         */

static void
reslib_report_job_finalize (GObject *object)
{
  ReslibReportJob *self = RESLIB_REPORT_JOB (object);

  g_clear_object (&self->store);
  g_clear_object (&self->profile);
  g_free (self->project_id);
  g_free (self->kind);
  g_free (self->dest_path);
  g_free (self->format);

  G_OBJECT_CLASS (reslib_report_job_parent_class)->finalize (object);
}

static void
reslib_report_job_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  ReslibReportJob *self = RESLIB_REPORT_JOB (object);

  switch (prop_id)
    {
    case PROP_FORMAT:
      g_value_set_string (value, reslib_report_job_get_format (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
reslib_report_job_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  ReslibReportJob *self = RESLIB_REPORT_JOB (object);

  switch (prop_id)
    {
    case PROP_FORMAT:
      reslib_report_job_set_format (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
reslib_report_job_class_init (ReslibReportJobClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = reslib_report_job_finalize;
  object_class->get_property = reslib_report_job_get_property;
  object_class->set_property = reslib_report_job_set_property;
  RESLIB_JOB_CLASS (klass)->run = reslib_report_job_run;

  /**
   * ReslibReportJob:format: (nullable)
   *
   * The format the report is written in, "pdf" or "docx"; %NULL (the default) for the one the
   * destination's extension names. Reading it gives the format the job will write, or %NULL when
   * neither says.
   */
  properties[PROP_FORMAT] = g_param_spec_string ("format", NULL, NULL, NULL,
                                                 G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY |
                                                 G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
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
 * @dest_path: the PDF or Word document to write; nothing is left behind on failure. It may not be
 *   a file of the store (see reslib_output_check()).
 *
 * A job that writes a report of the project in Chinese, as an A4 PDF or a Word document (.docx):
 * the format is the one its extension names, unless reslib_report_job_set_format() says another. The output depends only on
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
 * reslib_report_job_set_profile:
 * @profile: (nullable): the rule profile, or %NULL for the default one
 *
 * Sets the rule profile the report takes its rules from: the yearly update rate, and which reports
 * show it.
 */
void
reslib_report_job_set_profile (ReslibReportJob *self,
                               ReslibProfile   *profile)
{
  g_return_if_fail (RESLIB_IS_REPORT_JOB (self));
  g_return_if_fail (profile == NULL || RESLIB_IS_PROFILE (profile));
  g_return_if_fail (!reslib_job_get_busy (RESLIB_JOB (self)));

  g_set_object (&self->profile, profile);
}

/**
 * reslib_report_job_set_format:
 * @format: (nullable): "pdf" or "docx"; %NULL for the format the destination's extension names
 *
 * Sets the format of the report, whatever the destination's extension. A format that is neither
 * makes the run fail with %RESLIB_ERROR_INVALID.
 */
void
reslib_report_job_set_format (ReslibReportJob *self,
                              const char      *format)
{
  g_return_if_fail (RESLIB_IS_REPORT_JOB (self));
  g_return_if_fail (!reslib_job_get_busy (RESLIB_JOB (self)));

  if (g_strcmp0 (self->format, format) == 0)
    return;
  g_free (self->format);
  self->format = g_strdup (format);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FORMAT]);
}

/**
 * reslib_report_job_get_format:
 *
 * Returns: (transfer none) (nullable): the format the job writes: the one set, else the one the
 *   destination's extension names, else %NULL
 */
const char *
reslib_report_job_get_format (ReslibReportJob *self)
{
  g_return_val_if_fail (RESLIB_IS_REPORT_JOB (self), NULL);
  return self->format != NULL ? self->format : reslib_report_format_for_path (self->dest_path);
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
 * Returns: (transfer none): the file the job writes: after a run that ended well, it is there
 */
const char *
reslib_report_job_get_dest_path (ReslibReportJob *self)
{
  g_return_val_if_fail (RESLIB_IS_REPORT_JOB (self), NULL);
  return self->dest_path;
}
