/* reslib-report.c — the dossier, progress and acceptance reports as A4 PDF
 *
 * The report is written in Chinese: it goes to the province. Its headings and
 * table captions are therefore document content, not user-interface strings,
 * and are not marked for translation. Error messages are.
 *
 * The content is first gathered from the store into a list of blocks (headings,
 * paragraphs, tables: reslib-report-content.c); the blocks are then laid out
 * and drawn as PDF (reslib-report-pdf.c). This file writes the PDF to its
 * destination, or to an open file for a package, in the calling thread or in
 * a worker.
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

/* ---------------------------------------------------------------------------------------------- */
/* Public API                                                                                      */

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

/**
 * reslib_report_write:
 * @store: the store
 * @project_id: the project's full id
 * @kind: "dossier", "progress" or "acceptance"
 * @dest_path: the PDF to write; nothing is left behind on failure. It may not be a file of the
 *   store (see reslib_output_check()).
 * @flags: %RESLIB_OUTPUT_REPLACE to replace @dest_path when it exists (the user agreed)
 *
 * Writes a report of the project as an A4 PDF in Chinese. The output depends only on
 * the store's state (and $SOURCE_DATE_EPOCH, which gives the date when it is set).
 * It is written under a temporary name next to @dest_path, synced and renamed.
 *
 * Returns: %TRUE on success
 */
gboolean
reslib_report_write (ReslibStore        *store,
                     const char         *project_id,
                     const char         *kind,
                     const char         *dest_path,
                     ReslibOutputFlags   flags,
                     GCancellable       *cancellable,
                     GError            **error)
{
  ReslibOutputTemp temp = { NULL, NULL, -1, -1, RESLIB_OUTPUT_NONE };
  gboolean ok = FALSE;
  int fd;

  g_return_val_if_fail (RESLIB_IS_STORE (store), FALSE);
  g_return_val_if_fail (project_id != NULL, FALSE);
  g_return_val_if_fail (dest_path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!check_kind (kind, error) ||
      !reslib_output_check (store, dest_path, flags, error) ||
      !_reslib_output_temp_open (&temp, dest_path, flags, error))
    goto out;
  if (!write_report_fd (store, project_id, kind, -1, temp.fd, cancellable, error))
    goto out;
  fd = temp.fd;
  temp.fd = -1;
  if (fdatasync (fd) != 0 || close (fd) != 0)
    {
      int saved_errno = errno;

      close (fd);
      _reslib_set_error_from_errno (error, saved_errno, dest_path);
      goto out;
    }
  ok = _reslib_output_temp_commit (&temp, error);

out:
  _reslib_output_temp_clear (&temp);

  return ok;
}

/*
 * _reslib_report_write_fd:
 * @date: the report's date in seconds since 1970 (UTC), or -1 for the default of
 *   reslib_report_write()
 * @fd: an open file to write the PDF into
 *
 * Like reslib_report_write(), into @fd, dated with @date: a package dates its dossier with the
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

typedef struct
{
  char *project_id;
  char *kind;
  char *dest_path;
  ReslibOutputFlags flags;
} WriteData;

static void
write_data_free (WriteData *data)
{
  g_free (data->project_id);
  g_free (data->kind);
  g_free (data->dest_path);
  g_free (data);
}

static void
write_worker (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  WriteData *data = task_data;
  g_autoptr(ReslibStore) store = NULL;
  g_autoptr(GError) error = NULL;

  /* SQLite connections stay in their thread: the worker opens its own. */
  store = reslib_store_reopen (RESLIB_STORE (source_object), &error);
  if (store == NULL ||
      !reslib_report_write (store, data->project_id, data->kind, data->dest_path, data->flags, cancellable,
                           &error))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

void
reslib_report_write_async (ReslibStore         *store,
                           const char          *project_id,
                           const char          *kind,
                           const char          *dest_path,
                           ReslibOutputFlags    flags,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  WriteData *data;

  g_return_if_fail (RESLIB_IS_STORE (store));
  g_return_if_fail (project_id != NULL);
  g_return_if_fail (dest_path != NULL);

  data = g_new0 (WriteData, 1);
  data->project_id = g_strdup (project_id);
  data->kind = g_strdup (kind);
  data->dest_path = g_strdup (dest_path);
  data->flags = flags;
  task = g_task_new (store, cancellable, callback, user_data);
  g_task_set_source_tag (task, reslib_report_write_async);
  g_task_set_task_data (task, data, (GDestroyNotify) write_data_free);
  g_task_run_in_thread (task, write_worker);
}

gboolean
reslib_report_write_finish (ReslibStore   *store,
                            GAsyncResult  *result,
                            GError       **error)
{
  g_return_val_if_fail (RESLIB_IS_STORE (store), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, store), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

