/* reslib-review-log-export.c — a project's review log as an Excel workbook or a CSV file
 *
 * One row per decision of the two-level review (reslib_store_list_review_log()), in the order they were
 * made: time (local), resource, level, unit, reviewer, decision, the three checks of the checklist
 * (政治性、科学性、版权), note and the resource's id; headers and words in the user's language. The log is read
 * when the job is made (in the caller's thread); the worker only writes. The workbook has a frozen header
 * with a filter; the CSV is UTF-8 with a byte order mark, guarded against formulas like the resource list's.
 * The file is written under a temporary name next to its destination, synced and renamed: a failure or a
 * cancel leaves nothing.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <errno.h>
#include <fcntl.h>
#include <unistd.h>
#include <xlsxwriter.h>

#include "reslib-error.h"
#include "reslib-file-util.h"
#include "reslib-review-log-export.h"
#include "reslib-sheet-export-private.h"
#include "reslib-store-review.h"

/* Excel's limit on the characters of a cell. */
#define MAX_CELL_CHARS 32767

enum { COLUMN_TIME, COLUMN_RESOURCE, COLUMN_LEVEL, COLUMN_UNIT, COLUMN_REVIEWER, COLUMN_DECISION, COLUMN_POLITICAL,
       COLUMN_SCIENTIFIC, COLUMN_COPYRIGHT, COLUMN_NOTE, COLUMN_RESOURCE_ID, N_COLUMNS };

struct _ReslibReviewLogExportJob
{
  ReslibJob          parent_instance;

  ReslibStore       *store;
  GPtrArray         *rows;        /* of GStrv of N_COLUMNS cells, made in _new(): read in the worker */
  char              *dest_path;
  ReslibSheetFormat  format;
  ReslibOutputFlags  flags;
  guint              n_rows;
};

G_DEFINE_FINAL_TYPE (ReslibReviewLogExportJob, reslib_review_log_export_job, RESLIB_TYPE_JOB)

static const char *
column_header (guint column)
{
  switch (column)
    {
    /* Translators: a column of the exported review log: when the decision was made */
    case COLUMN_TIME: return C_("review log column", "Time");
    /* Translators: a column of the exported review log: the resource's title */
    case COLUMN_RESOURCE: return C_("review log column", "Resource");
    /* Translators: a column of the exported review log: the unit's review or the first host's */
    case COLUMN_LEVEL: return C_("review log column", "Level");
    /* Translators: a column of the exported review log: the reviewer's unit */
    case COLUMN_UNIT: return C_("review log column", "Unit");
    /* Translators: a column of the exported review log */
    case COLUMN_REVIEWER: return C_("review log column", "Reviewer");
    /* Translators: a column of the exported review log: approved or rejected */
    case COLUMN_DECISION: return C_("review log column", "Decision");
    /* Translators: a column of the exported review log: the checklist's political check (政治性) */
    case COLUMN_POLITICAL: return C_("review log column", "Political");
    /* Translators: a column of the exported review log: the checklist's scientific check (科学性) */
    case COLUMN_SCIENTIFIC: return C_("review log column", "Scientific");
    /* Translators: a column of the exported review log: the checklist's copyright check (版权) */
    case COLUMN_COPYRIGHT: return C_("review log column", "Copyright");
    /* Translators: a column of the exported review log: the reviewer's note */
    case COLUMN_NOTE: return C_("review log column", "Note");
    /* Translators: a column of the exported review log */
    case COLUMN_RESOURCE_ID: return C_("review log column", "Resource ID");
    default: g_return_val_if_reached ("");
    }
}

/**
 * reslib_review_level_label:
 * @level: 1 or 2
 *
 * Returns: the level's name: the unit's review (1) or the first host's (2)
 */
const char *
reslib_review_level_label (int level)
{
  /* Translators: the first level of the two-level review: a unit checks its own resources (初审) */
  return level == 1 ? C_("review level", "Unit review")
  /* Translators: the second level of the two-level review: the first host decides (终审) */
                    : C_("review level", "First host's decision");
}

/**
 * reslib_review_decision_label:
 *
 * Returns: "Approved" or "Rejected", translated
 */
const char *
reslib_review_decision_label (gboolean approve)
{
  /* Translators: a review decision in the review log */
  return approve ? C_("review decision", "Approved")
  /* Translators: a review decision in the review log */
                 : C_("review decision", "Rejected");
}

static const char *
check_label (const ReslibReviewDecision *d,
             ReslibReviewChecks          check)
{
  if (!d->has_checks)
    return "";
  /* Translators: a check of the review checklist, in the review log: passed / not passed */
  return (d->checks & check) != 0 ? C_("review check", "Passed") : C_("review check", "Not passed");
}

static char *
local_time (const char *iso)
{
  g_autoptr(GDateTime) utc = iso != NULL ? g_date_time_new_from_iso8601 (iso, NULL) : NULL;
  g_autoptr(GDateTime) local = utc != NULL ? g_date_time_to_local (utc) : NULL;

  return local != NULL ? g_date_time_format (local, "%Y-%m-%d %H:%M:%S") : g_strdup (iso != NULL ? iso : "");
}

static GStrv
row_cells (const ReslibReviewDecision *d)
{
  char **cells = g_new0 (char *, N_COLUMNS + 1);

  cells[COLUMN_TIME] = local_time (d->decided_at);
  cells[COLUMN_RESOURCE] = g_strdup (d->resource_title != NULL ? d->resource_title : "");
  cells[COLUMN_LEVEL] = g_strdup (reslib_review_level_label (d->level));
  cells[COLUMN_UNIT] = g_strdup (d->unit_name != NULL ? d->unit_name : "");
  cells[COLUMN_REVIEWER] = g_strdup (d->reviewer != NULL ? d->reviewer : "");
  cells[COLUMN_DECISION] = g_strdup (reslib_review_decision_label (d->approve));
  cells[COLUMN_POLITICAL] = g_strdup (check_label (d, RESLIB_REVIEW_CHECK_POLITICAL));
  cells[COLUMN_SCIENTIFIC] = g_strdup (check_label (d, RESLIB_REVIEW_CHECK_SCIENTIFIC));
  cells[COLUMN_COPYRIGHT] = g_strdup (check_label (d, RESLIB_REVIEW_CHECK_COPYRIGHT));
  cells[COLUMN_NOTE] = g_strdup (d->note != NULL ? d->note : "");
  cells[COLUMN_RESOURCE_ID] = g_strdup (d->resource_id);

  return cells;
}

static void
report_rows (ReslibReviewLogExportJob *self,
             guint                     done)
{
  ReslibProgress progress = { .files_done = done, .files_total = self->rows->len, .stage = "writing", .eta = -1 };
  /* Translators: progress of the review log's export: rows written, of how many */
  g_autofree char *message = g_strdup_printf (_("Writing the review log: %u of %u"), done, self->rows->len);

  reslib_job_report (RESLIB_JOB (self), &progress, message);
}

static gboolean
write_csv (ReslibReviewLogExportJob  *self,
           int                        fd,
           GCancellable              *cancellable,
           GError                   **error)
{
  g_autoptr(GString) buffer = g_string_new ("\xef\xbb\xbf");

  for (guint c = 0; c < N_COLUMNS; c++)
    {
      if (c > 0)
        g_string_append_c (buffer, ',');
      _reslib_sheet_csv_append_field (buffer, column_header (c));
    }
  g_string_append (buffer, "\r\n");
  for (guint i = 0; i < self->rows->len; i++)
    {
      char **cells = g_ptr_array_index (self->rows, i);

      for (guint c = 0; c < N_COLUMNS; c++)
        {
          if (c > 0)
            g_string_append_c (buffer, ',');
          _reslib_sheet_csv_append_field (buffer, cells[c]);
        }
      g_string_append (buffer, "\r\n");
      self->n_rows = i + 1;
    }
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;
  if (!reslib_write_all (fd, buffer->str, buffer->len))
    {
      _reslib_set_error_from_errno (error, errno, NULL);
      return FALSE;
    }

  return TRUE;
}

static void
check (lxw_error  result,
       lxw_error *failed)
{
  if (result != LXW_NO_ERROR && *failed == LXW_NO_ERROR)
    *failed = result;
}

static gboolean
write_xlsx (ReslibReviewLogExportJob  *self,
            const char                *path,
            GCancellable              *cancellable,
            GError                   **error)
{
  static const double widths[N_COLUMNS] = { 20, 36, 16, 28, 12, 10, 10, 10, 10, 48, 38 };
  lxw_workbook_options options = { .constant_memory = LXW_TRUE, .use_zip64 = LXW_FALSE };
  lxw_workbook *workbook = workbook_new_opt (path, &options);
  lxw_worksheet *sheet;
  lxw_format *header;
  lxw_error failed = LXW_NO_ERROR;

  if (workbook == NULL)
    {
      g_autofree char *shown = g_filename_display_name (self->dest_path);

      g_set_error (error, RESLIB_ERROR, RESLIB_ERROR_IO, _("Cannot write the workbook “%s”"), shown);
      return FALSE;
    }
  /* Translators: the name of the exported review log's sheet (at most 31 characters) */
  sheet = workbook_add_worksheet (workbook, C_("sheet name", "Review Log"));
  header = workbook_add_format (workbook);
  format_set_bold (header);
  format_set_bg_color (header, 0xDDEBF7);
  format_set_border (header, LXW_BORDER_THIN);
  for (guint c = 0; c < N_COLUMNS; c++)
    check (worksheet_set_column (sheet, c, c, widths[c], NULL), &failed);
  worksheet_freeze_panes (sheet, 1, 0);
  for (guint c = 0; c < N_COLUMNS; c++)
    check (worksheet_write_string (sheet, 0, c, column_header (c), header), &failed);
  check (worksheet_autofilter (sheet, 0, 0, MAX (self->rows->len, 1), N_COLUMNS - 1), &failed);
  for (guint i = 0; i < self->rows->len && failed == LXW_NO_ERROR; i++)
    {
      char **cells = g_ptr_array_index (self->rows, i);

      for (guint c = 0; c < N_COLUMNS; c++)
        {
          g_autofree char *cut = NULL;
          const char *text = cells[c];

          if (text[0] == '\0')
            continue;
          if (g_utf8_strlen (text, -1) > MAX_CELL_CHARS)
            text = cut = g_utf8_substring (text, 0, MAX_CELL_CHARS);
          check (worksheet_write_string (sheet, i + 1, c, text, NULL), &failed);
        }
      self->n_rows = i + 1;
    }
  /* The workbook is written out here, cancelled or not; the caller removes it then. */
  check (workbook_close (workbook), &failed);
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;
  if (failed != LXW_NO_ERROR)
    {
      g_set_error (error, RESLIB_ERROR, RESLIB_ERROR_IO, _("Cannot write the workbook: %s"), lxw_strerror (failed));
      return FALSE;
    }

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

static gboolean
reslib_review_log_export_job_run (ReslibJob     *job,
                                  GCancellable  *cancellable,
                                  GError       **error)
{
  ReslibReviewLogExportJob *self = RESLIB_REVIEW_LOG_EXPORT_JOB (job);
  ReslibOutputTemp temp = { NULL, NULL, -1, -1, RESLIB_OUTPUT_NONE };
  gboolean ok = FALSE;

  self->n_rows = 0;
  /* reslib_output_check() only reads the store's paths: no connection of its own is needed. */
  if (!reslib_output_check (self->store, self->dest_path, self->flags, error) ||
      !_reslib_output_temp_open (&temp, self->dest_path, self->flags, error))
    goto out;
  report_rows (self, 0);
  if (self->format == RESLIB_SHEET_FORMAT_XLSX)
    {
      /* libxlsxwriter writes the file by its name, at the end. */
      close (temp.fd);
      temp.fd = -1;
      if (!write_xlsx (self, temp.temp_path, cancellable, error) || !sync_path (temp.temp_path, error))
        goto out;
    }
  else
    {
      int fd;

      if (!write_csv (self, temp.fd, cancellable, error))
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
    }
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    goto out;
  ok = _reslib_output_temp_commit (&temp, error);
  if (ok)
    report_rows (self, self->n_rows);

out:
  _reslib_output_temp_clear (&temp);

  return ok;
}

static void
reslib_review_log_export_job_finalize (GObject *object)
{
  ReslibReviewLogExportJob *self = RESLIB_REVIEW_LOG_EXPORT_JOB (object);

  g_clear_object (&self->store);
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_free (self->dest_path);

  G_OBJECT_CLASS (reslib_review_log_export_job_parent_class)->finalize (object);
}

static void
reslib_review_log_export_job_class_init (ReslibReviewLogExportJobClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = reslib_review_log_export_job_finalize;
  RESLIB_JOB_CLASS (klass)->run = reslib_review_log_export_job_run;
}

static void
reslib_review_log_export_job_init (ReslibReviewLogExportJob *self)
{
}

/**
 * reslib_review_log_export_job_new:
 * @store: the store
 * @project_id: a project of the store
 * @dest_path: the file to write; nothing is left behind on failure or cancel
 * @format: an Excel workbook or CSV
 * @error: set when the log cannot be read
 *
 * A job that writes the project's review log as it is now (read here), one row per decision, with the
 * columns time, resource, level, unit, reviewer, decision, the three checks, note and resource id. Run it
 * with reslib_job_run() or reslib_job_run_async().
 *
 * Returns: (transfer full) (nullable): the job, or %NULL with @error set
 */
ReslibReviewLogExportJob *
reslib_review_log_export_job_new (ReslibStore        *store,
                                  const char         *project_id,
                                  const char         *dest_path,
                                  ReslibSheetFormat   format,
                                  GError            **error)
{
  g_autoptr(GPtrArray) log = NULL;
  ReslibReviewLogExportJob *self;

  g_return_val_if_fail (RESLIB_IS_STORE (store), NULL);
  g_return_val_if_fail (project_id != NULL, NULL);
  g_return_val_if_fail (dest_path != NULL, NULL);
  g_return_val_if_fail (format == RESLIB_SHEET_FORMAT_XLSX || format == RESLIB_SHEET_FORMAT_CSV, NULL);

  log = reslib_store_list_review_log (store, project_id, error);
  if (log == NULL)
    return NULL;
  /* Translators: the title of the job that exports the review log */
  self = g_object_new (RESLIB_TYPE_REVIEW_LOG_EXPORT_JOB, "title", _("Exporting the review log"), NULL);
  self->store = g_object_ref (store);
  self->rows = g_ptr_array_new_full (log->len, (GDestroyNotify) g_strfreev);
  for (guint i = 0; i < log->len; i++)
    g_ptr_array_add (self->rows, row_cells (g_ptr_array_index (log, i)));
  self->dest_path = g_strdup (dest_path);
  self->format = format;

  return self;
}

/**
 * reslib_review_log_export_job_set_flags:
 * @flags: %RESLIB_OUTPUT_REPLACE to replace the destination when it exists (the user agreed)
 */
void
reslib_review_log_export_job_set_flags (ReslibReviewLogExportJob *self,
                                        ReslibOutputFlags         flags)
{
  g_return_if_fail (RESLIB_IS_REVIEW_LOG_EXPORT_JOB (self));
  g_return_if_fail (!reslib_job_get_busy (RESLIB_JOB (self)));

  self->flags = flags;
}

/**
 * reslib_review_log_export_job_get_n_rows:
 *
 * Returns: the rows (decisions) the last run wrote
 */
guint
reslib_review_log_export_job_get_n_rows (ReslibReviewLogExportJob *self)
{
  g_return_val_if_fail (RESLIB_IS_REVIEW_LOG_EXPORT_JOB (self), 0);
  return self->n_rows;
}
