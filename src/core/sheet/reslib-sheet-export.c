/* reslib-sheet-export.c — the resource list (资源清单) of a project as an Excel workbook or a CSV file
 *
 * The rows come from the store in one read transaction (reslib_store_foreach_resource_list_row()) and
 * go straight to the writer, so memory does not grow with the project. The file is written under a
 * temporary name next to its destination, synced and renamed: a failure or a cancel leaves nothing.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include "reslib-error.h"
#include "reslib-labels.h"
#include "reslib-record.h"
#include "reslib-sheet-export.h"
#include "reslib-sheet-export-private.h"

/* Progress is told every this many rows. */
#define REPORT_EVERY 1000

struct _ReslibSheetExportJob
{
  ReslibJob          parent_instance;

  ReslibStore       *store;
  char              *project_id;
  char              *dest_path;
  ReslibSheetFormat  format;
  ReslibOutputFlags  flags;
  gint64             date;      /* -1: $SOURCE_DATE_EPOCH, else now */
  guint              n_rows;
};

G_DEFINE_FINAL_TYPE (ReslibSheetExportJob, reslib_sheet_export_job, RESLIB_TYPE_JOB)

/* ---------------------------------------------------------------------------------------------- */
/* Cells                                                                                           */

static void
append_list (GString            *out,
             const char * const *items)
{
  for (guint i = 0; items[i] != NULL; i++)
    {
      if (i > 0)
        g_string_append (out, RESLIB_SHEET_LIST_SEPARATOR);
      g_string_append (out, items[i]);
    }
}

/* The file's extension in capitals ("MP4"), or nothing. */
static void
append_format (GString    *out,
               const char *file_name)
{
  const char *dot = file_name != NULL ? strrchr (file_name, '.') : NULL;

  if (dot == NULL || dot == file_name || dot[1] == '\0')
    return;
  for (const char *p = dot + 1; *p != '\0'; p++)
    g_string_append_c (out, g_ascii_toupper (*p));
}

/* The text of @column's cell for @row, in @out (emptied first): what the CSV holds, and the xlsx for
 * every column that is not a number. */
void
_reslib_sheet_cell_text (const ReslibSheetColumn     *column,
                         const ReslibResourceListRow *row,
                         GString                     *out)
{
  g_autofree char *text = NULL;
  const char *plain = NULL;

  g_string_truncate (out, 0);
  switch (column->id)
    {
    case RESLIB_SHEET_COLUMN_NUMBER: g_string_append_printf (out, "%u", row->number); return;
    case RESLIB_SHEET_COLUMN_TITLE: plain = row->title; break;
    case RESLIB_SHEET_COLUMN_TYPE: plain = reslib_label_resource_type (row->type); break;
    case RESLIB_SHEET_COLUMN_FORMAT: append_format (out, row->file_name); return;
    case RESLIB_SHEET_COLUMN_SIZE: plain = text = reslib_sheet_format_size (row->size); break;
    case RESLIB_SHEET_COLUMN_DURATION: plain = text = reslib_sheet_format_duration (row->duration); break;
    case RESLIB_SHEET_COLUMN_COURSE: append_list (out, row->courses); return;
    case RESLIB_SHEET_COLUMN_MODULE: append_list (out, row->modules); return;
    case RESLIB_SHEET_COLUMN_POINT: append_list (out, row->points); return;
    case RESLIB_SHEET_COLUMN_AUTHORS: append_list (out, row->authors); return;
    case RESLIB_SHEET_COLUMN_UNIT: plain = row->unit; break;
    case RESLIB_SHEET_COLUMN_ORIGIN: plain = reslib_sheet_origin_label (row->origin); break;
    case RESLIB_SHEET_COLUMN_LICENSE: plain = row->license; break;
    case RESLIB_SHEET_COLUMN_STATE: plain = reslib_label_resource_state (row->state); break;
    case RESLIB_SHEET_COLUMN_KEYWORDS: append_list (out, row->keywords); return;
    case RESLIB_SHEET_COLUMN_ID: plain = row->id; break;
    case RESLIB_SHEET_COLUMN_DESCRIPTION: plain = row->description; break;
    case RESLIB_SHEET_COLUMN_LICENSE_HOLDER: plain = row->license_holder; break;
    case RESLIB_SHEET_COLUMN_TAGS:
      for (guint i = 0; row->tags[i] != NULL; i++)
        /* in the sheet's language, as its type and state are (import-sheet reads either language) */
        g_string_append_printf (out, "%s%s", i > 0 ? RESLIB_SHEET_LIST_SEPARATOR : "", reslib_label_tag (row->tags[i]));
      return;
    case RESLIB_SHEET_COLUMN_CERTIFICATE: plain = row->certificate; break;
    case RESLIB_SHEET_COLUMN_URL: plain = row->url; break;
    case RESLIB_SHEET_COLUMN_FILE_NAME: plain = row->file_name; break;
    case RESLIB_SHEET_COLUMN_FILE_PATH:
    case RESLIB_SHEET_N_COLUMNS:
    default:
      return;
    }
  if (plain != NULL)
    g_string_append (out, plain);
}

/* The list's date as YYYY-MM-DD. */
char *
_reslib_sheet_head_date (const SheetHead *head)
{
  g_autoptr(GDateTime) when = head->date_utc ? g_date_time_new_from_unix_utc (head->date)
                                             : g_date_time_new_from_unix_local (head->date);

  return when != NULL ? g_date_time_format (when, "%Y-%m-%d") : g_strdup ("");
}

/* ---------------------------------------------------------------------------------------------- */
/* Writing                                                                                         */

typedef struct
{
  ReslibSheetExportJob *self;
  GCancellable         *cancellable;
  SheetXlsx            *xlsx;
  SheetCsv             *csv;
  char                 *name;
} Writing;

static void
report_rows (Writing *writing,
             guint    done,
             guint    total)
{
  ReslibProgress progress = { .files_done = done, .files_total = total, .current = writing->self->dest_path,
                              .stage = "writing", .eta = -1 };
  g_autofree char *message = NULL;

  /* Translators: while the resource list is written: its file's name, rows written, rows in all */
  message = g_strdup_printf (_("Writing %s: %u of %u resources"), writing->name, done, total);
  reslib_job_report (RESLIB_JOB (writing->self), &progress, message);
}

static gboolean
add_row_cb (const ReslibResourceListRow  *row,
            guint                         n_rows,
            gpointer                      user_data,
            GError                      **error)
{
  Writing *writing = user_data;

  if (g_cancellable_set_error_if_cancelled (writing->cancellable, error))
    return FALSE;
  if (writing->xlsx != NULL ? !_reslib_sheet_xlsx_add_row (writing->xlsx, row, n_rows, error)
                            : !_reslib_sheet_csv_add_row (writing->csv, row, error))
    return FALSE;
  writing->self->n_rows = row->number;
  if (row->number % REPORT_EVERY == 0)
    report_rows (writing, row->number, n_rows);

  return TRUE;
}

static gboolean
sync_path (const char  *path,
           GError     **error)
{
  int fd = open (path, O_RDONLY | O_CLOEXEC);

  if (fd < 0 || fdatasync (fd) != 0)
    {
      int saved_errno = errno;

      if (fd >= 0)
        close (fd);
      _reslib_set_error_from_errno (error, saved_errno, path);
      return FALSE;
    }
  close (fd);

  return TRUE;
}

static gint64
list_date (ReslibSheetExportJob *self,
           gboolean             *utc)
{
  const char *epoch = g_getenv ("SOURCE_DATE_EPOCH");
  gint64 value;

  *utc = TRUE;
  if (self->date >= 0)
    return self->date;
  if (epoch != NULL && g_ascii_string_to_signed (epoch, 10, 0, G_MAXINT64 / 2, &value, NULL))
    return value;
  *utc = FALSE;

  return g_get_real_time () / G_USEC_PER_SEC;
}

static gboolean
write_list (ReslibSheetExportJob  *self,
            ReslibStore           *store,
            GCancellable          *cancellable,
            GError               **error)
{
  ReslibOutputTemp temp = { NULL, NULL, -1, -1, RESLIB_OUTPUT_NONE };
  g_autoptr(ReslibRecord) project = NULL;
  g_autoptr(GPtrArray) by_type = NULL;
  g_autoptr(GPtrArray) by_course = NULL;
  g_autoptr(SheetXlsx) xlsx = NULL;
  g_autoptr(SheetCsv) csv = NULL;
  g_autofree char *name = g_path_get_basename (self->dest_path);
  g_autofree char *saved = NULL;
  Writing writing = { self, cancellable, NULL, NULL, name };
  SheetHead head = { NULL, 0, FALSE };
  gboolean ok = FALSE;

  self->n_rows = 0;
  project = reslib_store_get (store, RESLIB_KIND_PROJECT, self->project_id, error);
  if (project == NULL ||
      !reslib_output_check (store, self->dest_path, self->flags, error) ||
      !_reslib_output_temp_open (&temp, self->dest_path, self->flags, error))
    goto out;
  report_rows (&writing, 0, 0);

  if (self->format == RESLIB_SHEET_FORMAT_XLSX)
    {
      /* libxlsxwriter writes the file by its name, at the end. */
      close (temp.fd);
      temp.fd = -1;
      head.project_name = reslib_record_get (project, "name");
      head.date = list_date (self, &head.date_utc);
      writing.xlsx = xlsx = _reslib_sheet_xlsx_new (temp.temp_path, &head, error);
      if (xlsx == NULL)
        goto out;
    }
  else
    writing.csv = csv = _reslib_sheet_csv_new (temp.fd);

  if (!reslib_store_foreach_resource_list_row (store, self->project_id, add_row_cb, &writing,
                                               xlsx != NULL ? &by_type : NULL,
                                               xlsx != NULL ? &by_course : NULL, cancellable, error))
    goto out;
  if (xlsx != NULL ? !_reslib_sheet_xlsx_finish (xlsx, by_type, by_course, error)
                   : !_reslib_sheet_csv_finish (csv, error))
    goto out;
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    goto out;
  if (temp.fd >= 0)
    {
      int fd = temp.fd;

      temp.fd = -1;
      if (fdatasync (fd) != 0 || close (fd) != 0)
        {
          int saved_errno = errno;

          close (fd);
          _reslib_set_error_from_errno (error, saved_errno, self->dest_path);
          goto out;
        }
    }
  else if (!sync_path (temp.temp_path, error))
    goto out;
  ok = _reslib_output_temp_commit (&temp, error);
  if (ok)
    {
      ReslibProgress progress = { .files_done = self->n_rows, .files_total = self->n_rows,
                                  .current = self->dest_path, .stage = "writing", .eta = -1 };

      /* Translators: the resource list was written: the name of its file */
      saved = g_strdup_printf (_("Saved %s"), name);
      reslib_job_report (RESLIB_JOB (self), &progress, saved);
    }

out:
  /* The workbook goes before its temporary file. */
  g_clear_pointer (&xlsx, _reslib_sheet_xlsx_free);
  _reslib_output_temp_clear (&temp);

  return ok;
}

/* In the calling thread, or in a worker with a connection of its own. */
static gboolean
reslib_sheet_export_job_run (ReslibJob     *job,
                             GCancellable  *cancellable,
                             GError       **error)
{
  ReslibSheetExportJob *self = RESLIB_SHEET_EXPORT_JOB (job);
  g_autoptr(ReslibStore) own_store = NULL;

  if (reslib_job_in_worker (job))
    {
      own_store = reslib_store_reopen (self->store, error);
      if (own_store == NULL)
        return FALSE;
    }

  return write_list (self, own_store != NULL ? own_store : self->store, cancellable, error);
}

/* ---------------------------------------------------------------------------------------------- */
/* The job                                                                                         */

static void
reslib_sheet_export_job_finalize (GObject *object)
{
  ReslibSheetExportJob *self = RESLIB_SHEET_EXPORT_JOB (object);

  g_clear_object (&self->store);
  g_free (self->project_id);
  g_free (self->dest_path);

  G_OBJECT_CLASS (reslib_sheet_export_job_parent_class)->finalize (object);
}

static void
reslib_sheet_export_job_class_init (ReslibSheetExportJobClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = reslib_sheet_export_job_finalize;
  RESLIB_JOB_CLASS (klass)->run = reslib_sheet_export_job_run;
}

static void
reslib_sheet_export_job_init (ReslibSheetExportJob *self)
{
  self->date = -1;
}

/**
 * reslib_sheet_format_for_path:
 * @path: a file name
 * @format: (out): its format
 *
 * Tells the format of the resource list by the file's extension (".xlsx", ".csv", in any case).
 *
 * Returns: %TRUE when the extension names one
 */
gboolean
reslib_sheet_format_for_path (const char        *path,
                              ReslibSheetFormat *format)
{
  const char *dot;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (format != NULL, FALSE);

  dot = strrchr (path, '.');
  if (dot == NULL)
    return FALSE;
  if (g_ascii_strcasecmp (dot, ".xlsx") == 0)
    *format = RESLIB_SHEET_FORMAT_XLSX;
  else if (g_ascii_strcasecmp (dot, ".csv") == 0)
    *format = RESLIB_SHEET_FORMAT_CSV;
  else
    return FALSE;

  return TRUE;
}

/**
 * reslib_sheet_export_job_new:
 * @store: the store
 * @project_id: the project's full id
 * @dest_path: the file to write; nothing is left behind on failure or cancel. It may not be a file
 *   of the store (see reslib_output_check()).
 * @format: an Excel workbook or CSV
 *
 * A job that writes the project's resource list (资源清单): one row per resource with the columns of
 * reslib-sheet-columns.h, headers and words in the user's language. The workbook has two title rows
 * (the project, the date and the count), a frozen header with a filter, and a second sheet of totals
 * by type and by course; the CSV has the header row alone, so it imports again. The date is
 * reslib_sheet_export_job_set_date()'s, else $SOURCE_DATE_EPOCH, else today: the same store and date
 * give the same bytes. Run it with reslib_job_run() or reslib_job_run_async() (a worker with a
 * connection of its own); its progress has the stage "writing" and counts the rows, every 1,000.
 *
 * Returns: (transfer full): the job
 */
ReslibSheetExportJob *
reslib_sheet_export_job_new (ReslibStore       *store,
                             const char        *project_id,
                             const char        *dest_path,
                             ReslibSheetFormat  format)
{
  ReslibSheetExportJob *self;

  g_return_val_if_fail (RESLIB_IS_STORE (store), NULL);
  g_return_val_if_fail (project_id != NULL, NULL);
  g_return_val_if_fail (dest_path != NULL, NULL);
  g_return_val_if_fail (format == RESLIB_SHEET_FORMAT_XLSX || format == RESLIB_SHEET_FORMAT_CSV, NULL);

  self = g_object_new (RESLIB_TYPE_SHEET_EXPORT_JOB, "title", _("Exporting the resource list"), NULL);
  self->store = g_object_ref (store);
  self->project_id = g_strdup (project_id);
  self->dest_path = g_strdup (dest_path);
  self->format = format;

  return self;
}

/**
 * reslib_sheet_export_job_set_flags:
 * @flags: %RESLIB_OUTPUT_REPLACE to replace the destination when it exists (the user agreed)
 */
void
reslib_sheet_export_job_set_flags (ReslibSheetExportJob *self,
                                   ReslibOutputFlags     flags)
{
  g_return_if_fail (RESLIB_IS_SHEET_EXPORT_JOB (self));
  g_return_if_fail (!reslib_job_get_busy (RESLIB_JOB (self)));

  self->flags = flags;
}

/**
 * reslib_sheet_export_job_set_date:
 * @date: the list's date in seconds since 1970 (shown in UTC), or -1 for $SOURCE_DATE_EPOCH or today
 */
void
reslib_sheet_export_job_set_date (ReslibSheetExportJob *self,
                                  gint64                date)
{
  g_return_if_fail (RESLIB_IS_SHEET_EXPORT_JOB (self));
  g_return_if_fail (!reslib_job_get_busy (RESLIB_JOB (self)));

  self->date = date < 0 ? -1 : date;
}

/**
 * reslib_sheet_export_job_get_dest_path:
 *
 * Returns: (transfer none): the file the job writes: after a run that ended well, it is there
 */
const char *
reslib_sheet_export_job_get_dest_path (ReslibSheetExportJob *self)
{
  g_return_val_if_fail (RESLIB_IS_SHEET_EXPORT_JOB (self), NULL);
  return self->dest_path;
}

/**
 * reslib_sheet_export_job_get_format:
 *
 * Returns: the format the job writes
 */
ReslibSheetFormat
reslib_sheet_export_job_get_format (ReslibSheetExportJob *self)
{
  g_return_val_if_fail (RESLIB_IS_SHEET_EXPORT_JOB (self), RESLIB_SHEET_FORMAT_XLSX);
  return self->format;
}

/**
 * reslib_sheet_export_job_get_n_rows:
 *
 * Returns: the rows (resources) the last run wrote
 */
guint
reslib_sheet_export_job_get_n_rows (ReslibSheetExportJob *self)
{
  g_return_val_if_fail (RESLIB_IS_SHEET_EXPORT_JOB (self), 0);
  return self->n_rows;
}
