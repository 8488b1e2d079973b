/* reslib-findings-export.c — the findings of a check as an Excel workbook or a CSV file
 *
 * One row per finding, in the order given (the validator's: by severity, then by rule), with the columns
 * severity, rule, subject, message, field and resource id; headers and words in the user's language,
 * the rule's id as the profile names it. The workbook has a frozen header with a filter over it; the CSV
 * is UTF-8 with a byte order mark, quoted and guarded against formulas like the resource list's. The file
 * is written under a temporary name next to its destination, synced and renamed: a failure or a cancel
 * leaves nothing.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <errno.h>
#include <fcntl.h>
#include <unistd.h>
#include <xlsxwriter.h>

#include "reslib-entity.h"
#include "reslib-error.h"
#include "reslib-file-util.h"
#include "reslib-finding.h"
#include "reslib-findings-export.h"
#include "reslib-labels.h"
#include "reslib-sheet-export-private.h"

/* Progress is told, and the CSV written out, every this many rows. */
#define REPORT_EVERY 1000

/* Excel's limit on the characters of a cell. */
#define MAX_CELL_CHARS 32767

enum { COLUMN_SEVERITY, COLUMN_RULE, COLUMN_SUBJECT, COLUMN_MESSAGE, COLUMN_FIELD, COLUMN_RESOURCE, N_COLUMNS };

struct _ReslibFindingsExportJob
{
  ReslibJob          parent_instance;

  ReslibStore       *store;
  GPtrArray         *findings;   /* of ReslibFinding, immutable: read in the worker */
  char              *dest_path;
  ReslibSheetFormat  format;
  ReslibOutputFlags  flags;
  guint              n_rows;
};

G_DEFINE_FINAL_TYPE (ReslibFindingsExportJob, reslib_findings_export_job, RESLIB_TYPE_JOB)

static const char *
column_header (guint column)
{
  switch (column)
    {
    /* Translators: a column of the exported findings */
    case COLUMN_SEVERITY: return C_("findings column", "Severity");
    /* Translators: a column of the exported findings: the rule's id, e.g. resource.licence */
    case COLUMN_RULE: return C_("findings column", "Rule");
    /* Translators: a column of the exported findings: what it is about, e.g. "Resource: 课件1" */
    case COLUMN_SUBJECT: return C_("findings column", "Subject");
    /* Translators: a column of the exported findings */
    case COLUMN_MESSAGE: return C_("findings column", "Message");
    /* Translators: a column of the exported findings: the field that is missing or wrong */
    case COLUMN_FIELD: return C_("findings column", "Field");
    /* Translators: a column of the exported findings */
    case COLUMN_RESOURCE: return C_("findings column", "Resource ID");
    default: g_return_val_if_reached ("");
    }
}

static const char *
severity_label (ReslibSeverity severity)
{
  switch (severity)
    {
    /* Translators: the severity of a finding, in the exported findings */
    case RESLIB_SEVERITY_ERROR: return C_("severity", "Error");
    /* Translators: the severity of a finding, in the exported findings */
    case RESLIB_SEVERITY_WARNING: return C_("severity", "Warning");
    /* Translators: the severity of a finding, in the exported findings */
    case RESLIB_SEVERITY_INFO: return C_("severity", "Note");
    default: return "";
    }
}

/* The text of @column for @finding, into @out */
static void
cell_text (ReslibFinding *finding,
           guint          column,
           GString       *out)
{
  const ReslibEntity *entity = reslib_entity_lookup (reslib_finding_get_subject_kind (finding));
  const char *field = reslib_finding_get_field (finding);

  g_string_truncate (out, 0);
  switch (column)
    {
    case COLUMN_SEVERITY:
      g_string_append (out, severity_label (reslib_finding_get_severity (finding)));
      break;
    case COLUMN_RULE:
      g_string_append (out, reslib_finding_get_rule (finding));
      break;
    case COLUMN_SUBJECT:
      /* Translators: the subject of a finding: a kind of record and its title, e.g. "Resource: 课件1" */
      g_string_append_printf (out, C_("findings subject", "%s: %s"),
                              entity != NULL ? reslib_label_kind (entity->kind) : reslib_finding_get_subject_kind (finding),
                              reslib_finding_get_subject_title (finding) != NULL
                              ? reslib_finding_get_subject_title (finding) : "");
      break;
    case COLUMN_MESSAGE:
      g_string_append (out, reslib_finding_get_message (finding));
      break;
    case COLUMN_FIELD:
      if (field != NULL && entity != NULL)
        {
          const char *label = entity->kind == RESLIB_KIND_PROJECT ? reslib_label_project_field (field)
                                                                  : reslib_label_field (entity->kind, field);

          g_string_append (out, label != NULL ? label : field);
        }
      break;
    case COLUMN_RESOURCE:
      if (entity != NULL && entity->kind == RESLIB_KIND_RESOURCE)
        g_string_append (out, reslib_finding_get_subject_id (finding));
      break;
    default:
      break;
    }
}

static gboolean
flush_csv (int       fd,
           GString  *buffer,
           GError  **error)
{
  if (!reslib_write_all (fd, buffer->str, buffer->len))
    {
      _reslib_set_error_from_errno (error, errno, NULL);
      return FALSE;
    }
  g_string_truncate (buffer, 0);

  return TRUE;
}

static void
report_rows (ReslibFindingsExportJob *self,
             guint                    done)
{
  ReslibProgress progress = { .files_done = done, .files_total = self->findings->len, .stage = "writing",
                              .eta = -1 };
  /* Translators: progress of the findings' export: rows written, of how many */
  g_autofree char *message = g_strdup_printf (_("Writing findings: %u of %u"), done, self->findings->len);

  reslib_job_report (RESLIB_JOB (self), &progress, message);
}

static gboolean
write_csv (ReslibFindingsExportJob  *self,
           int                       fd,
           GCancellable             *cancellable,
           GError                  **error)
{
  g_autoptr(GString) buffer = g_string_new ("\xef\xbb\xbf");
  g_autoptr(GString) cell = g_string_new (NULL);

  for (guint c = 0; c < N_COLUMNS; c++)
    {
      if (c > 0)
        g_string_append_c (buffer, ',');
      _reslib_sheet_csv_append_field (buffer, column_header (c));
    }
  g_string_append (buffer, "\r\n");
  for (guint i = 0; i < self->findings->len; i++)
    {
      for (guint c = 0; c < N_COLUMNS; c++)
        {
          if (c > 0)
            g_string_append_c (buffer, ',');
          cell_text (g_ptr_array_index (self->findings, i), c, cell);
          _reslib_sheet_csv_append_field (buffer, cell->str);
        }
      g_string_append (buffer, "\r\n");
      self->n_rows = i + 1;
      if ((i + 1) % REPORT_EVERY == 0)
        {
          if (g_cancellable_set_error_if_cancelled (cancellable, error) || !flush_csv (fd, buffer, error))
            return FALSE;
          report_rows (self, i + 1);
        }
    }

  return flush_csv (fd, buffer, error);
}

static void
check (lxw_error  result,
       lxw_error *failed)
{
  if (result != LXW_NO_ERROR && *failed == LXW_NO_ERROR)
    *failed = result;
}

static gboolean
write_xlsx (ReslibFindingsExportJob  *self,
            const char               *path,
            GCancellable             *cancellable,
            GError                  **error)
{
  static const double widths[N_COLUMNS] = { 8, 24, 36, 60, 16, 40 };
  lxw_workbook_options options = { .constant_memory = LXW_TRUE, .use_zip64 = LXW_FALSE };
  lxw_workbook *workbook = workbook_new_opt (path, &options);
  lxw_worksheet *sheet;
  lxw_format *header;
  lxw_error failed = LXW_NO_ERROR;
  g_autoptr(GString) cell = g_string_new (NULL);

  if (workbook == NULL)
    {
      g_autofree char *shown = g_filename_display_name (self->dest_path);

      g_set_error (error, RESLIB_ERROR, RESLIB_ERROR_IO, _("Cannot write the workbook “%s”"), shown);
      return FALSE;
    }
  /* Translators: the name of the exported findings' sheet (at most 31 characters) */
  sheet = workbook_add_worksheet (workbook, C_("sheet name", "Findings"));
  header = workbook_add_format (workbook);
  format_set_bold (header);
  format_set_bg_color (header, 0xDDEBF7);
  format_set_border (header, LXW_BORDER_THIN);
  for (guint c = 0; c < N_COLUMNS; c++)
    check (worksheet_set_column (sheet, c, c, widths[c], NULL), &failed);
  worksheet_freeze_panes (sheet, 1, 0);
  for (guint c = 0; c < N_COLUMNS; c++)
    check (worksheet_write_string (sheet, 0, c, column_header (c), header), &failed);
  check (worksheet_autofilter (sheet, 0, 0, MAX (self->findings->len, 1), N_COLUMNS - 1), &failed);
  for (guint i = 0; i < self->findings->len && failed == LXW_NO_ERROR; i++)
    {
      for (guint c = 0; c < N_COLUMNS; c++)
        {
          g_autofree char *cut = NULL;
          const char *text;

          cell_text (g_ptr_array_index (self->findings, i), c, cell);
          text = cell->str;
          if (text[0] == '\0')
            continue;
          if (g_utf8_strlen (text, -1) > MAX_CELL_CHARS)
            text = cut = g_utf8_substring (text, 0, MAX_CELL_CHARS);
          check (worksheet_write_string (sheet, i + 1, c, text, NULL), &failed);
        }
      self->n_rows = i + 1;
      if ((i + 1) % REPORT_EVERY == 0)
        {
          if (g_cancellable_is_cancelled (cancellable))
            break;
          report_rows (self, i + 1);
        }
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
reslib_findings_export_job_run (ReslibJob     *job,
                                GCancellable  *cancellable,
                                GError       **error)
{
  ReslibFindingsExportJob *self = RESLIB_FINDINGS_EXPORT_JOB (job);
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
reslib_findings_export_job_finalize (GObject *object)
{
  ReslibFindingsExportJob *self = RESLIB_FINDINGS_EXPORT_JOB (object);

  g_clear_object (&self->store);
  g_clear_pointer (&self->findings, g_ptr_array_unref);
  g_free (self->dest_path);

  G_OBJECT_CLASS (reslib_findings_export_job_parent_class)->finalize (object);
}

static void
reslib_findings_export_job_class_init (ReslibFindingsExportJobClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = reslib_findings_export_job_finalize;
  RESLIB_JOB_CLASS (klass)->run = reslib_findings_export_job_run;
}

static void
reslib_findings_export_job_init (ReslibFindingsExportJob *self)
{
}

/**
 * reslib_findings_export_job_new:
 * @store: the store (the file may not be one of its own: see reslib_output_check())
 * @findings: a #GListModel of #ReslibFinding, taken as it is now
 * @dest_path: the file to write; nothing is left behind on failure or cancel
 * @format: an Excel workbook or CSV
 *
 * A job that writes @findings, one row each, with the columns severity, rule, subject, message, field and
 * resource id. Run it with reslib_job_run() or reslib_job_run_async(); its progress has the stage
 * "writing" and counts the rows, every 1,000.
 *
 * Returns: (transfer full): the job
 */
ReslibFindingsExportJob *
reslib_findings_export_job_new (ReslibStore       *store,
                                GListModel        *findings,
                                const char        *dest_path,
                                ReslibSheetFormat  format)
{
  ReslibFindingsExportJob *self;
  guint n;

  g_return_val_if_fail (RESLIB_IS_STORE (store), NULL);
  g_return_val_if_fail (G_IS_LIST_MODEL (findings), NULL);
  g_return_val_if_fail (dest_path != NULL, NULL);
  g_return_val_if_fail (format == RESLIB_SHEET_FORMAT_XLSX || format == RESLIB_SHEET_FORMAT_CSV, NULL);

  /* Translators: the title of the job that exports the findings of a check */
  self = g_object_new (RESLIB_TYPE_FINDINGS_EXPORT_JOB, "title", _("Exporting the findings"), NULL);
  self->store = g_object_ref (store);
  n = g_list_model_get_n_items (findings);
  self->findings = g_ptr_array_new_full (n, g_object_unref);
  for (guint i = 0; i < n; i++)
    g_ptr_array_add (self->findings, g_list_model_get_item (findings, i));
  self->dest_path = g_strdup (dest_path);
  self->format = format;

  return self;
}

/**
 * reslib_findings_export_job_set_flags:
 * @flags: %RESLIB_OUTPUT_REPLACE to replace the destination when it exists (the user agreed)
 */
void
reslib_findings_export_job_set_flags (ReslibFindingsExportJob *self,
                                      ReslibOutputFlags        flags)
{
  g_return_if_fail (RESLIB_IS_FINDINGS_EXPORT_JOB (self));
  g_return_if_fail (!reslib_job_get_busy (RESLIB_JOB (self)));

  self->flags = flags;
}

/**
 * reslib_findings_export_job_get_n_rows:
 *
 * Returns: the rows (findings) the last run wrote
 */
guint
reslib_findings_export_job_get_n_rows (ReslibFindingsExportJob *self)
{
  g_return_val_if_fail (RESLIB_IS_FINDINGS_EXPORT_JOB (self), 0);
  return self->n_rows;
}
