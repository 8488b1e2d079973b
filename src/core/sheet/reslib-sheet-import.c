/* reslib-sheet-import.c — resources' metadata from a spreadsheet (xlsx or CSV)
 *
 * The header row is the first row whose cells name at least two of the resource list's columns
 * (reslib-sheet-columns.h, in either language); title rows above it are skipped, and so are empty
 * rows and rows that only repeat the header (a header merged over two rows). Each row below it is
 * matched to a resource by 资源编号 (the id), else by 文件名 (the file name, unique in the project),
 * else — with a 文件路径 column — it names a file to import (relative to the sheet's folder; a path
 * written with backslashes on Windows works too). An empty cell changes nothing.
 *
 * Every row is checked: what it would change (field: old → new) and what is wrong with it. A dry run
 * stops there. A real run writes the rows as it reads them, in one transaction, and the files the
 * rows name at the end — with any error in any row it rolls all of it back, so that nothing is
 * half-applied — and keeps one undo step for all of it (unless it is not undoable: the command line
 * keeps none). What the run keeps of the rows does not grow with the sheet (reslib-sheet-import-rows.c).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "reslib-error.h"
#include "reslib-importer.h"
#include "reslib-sheet-columns.h"
#include "reslib-sheet-import-private.h"
#include "reslib-store-batch.h"
#include "reslib-store-stats.h"

G_DEFINE_FINAL_TYPE (ReslibSheetImport, reslib_sheet_import, RESLIB_TYPE_JOB)

/* ---------------------------------------------------------------------------------------------- */
/* Writing                                                                                         */

/* Writes the fields of one row's resource @id. */
static gboolean
write_plan (ReslibResourceBatch  *batch,
            const char           *id,
            Plan                 *plan,
            GError              **error)
{
  g_autoptr(GPtrArray) list_fields = NULL;
  g_autoptr(GPtrArray) lists = NULL;
  GHashTableIter iter;
  gpointer key, value;

  if (plan->fields->len == 0 && g_hash_table_size (plan->lists) == 0)
    return TRUE;
  list_fields = g_ptr_array_new ();
  lists = g_ptr_array_new ();
  g_hash_table_iter_init (&iter, plan->lists);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      g_ptr_array_add (list_fields, key);
      g_ptr_array_add (lists, value);
    }
  g_ptr_array_add (list_fields, NULL);
  g_ptr_array_add (plan->fields, NULL);

  return reslib_resource_batch_write (batch, id, (const char * const *) plan->fields->pdata,
                                      (const char * const *) plan->values->pdata,
                                      (const char * const *) list_fields->pdata,
                                      (const char * const **) lists->pdata, error);
}

gboolean
_reslib_sheet_import_flush (ReslibSheetImport  *self,
                            GError            **error)
{
  g_autoptr(GPtrArray) ids = NULL;
  g_autoptr(GHashTable) fields = NULL;
  gboolean ok = TRUE;

  if (self->chunk->len == 0)
    return TRUE;
  if (self->undoable)
    {
      g_autofree const char **names = NULL;
      ReslibUndoStep *step;

      ids = g_ptr_array_new ();
      fields = g_hash_table_new (g_str_hash, g_str_equal);
      for (guint i = 0; i < self->chunk->len; i++)
        {
          Plan *plan = g_ptr_array_index (self->chunk, i);
          GHashTableIter iter;
          gpointer key;

          g_ptr_array_add (ids, plan->resource_id);
          for (guint f = 0; f < plan->fields->len; f++)
            g_hash_table_add (fields, g_ptr_array_index (plan->fields, f));
          g_hash_table_iter_init (&iter, plan->lists);
          while (g_hash_table_iter_next (&iter, &key, NULL))
            g_hash_table_add (fields, key);
        }
      g_ptr_array_add (ids, NULL);
      names = (const char **) g_hash_table_get_keys_as_array (fields, NULL);
      step = reslib_store_keep_fields (self->writing, RESLIB_KIND_RESOURCE, (const char * const *) ids->pdata,
                                       names, error);
      if (step == NULL)
        ok = FALSE;
      else if (self->edit_step == NULL)
        self->edit_step = step;
      else
        self->edit_step = reslib_undo_step_join (self->edit_step, step);
    }
  for (guint i = 0; ok && i < self->chunk->len; i++)
    {
      Plan *plan = g_ptr_array_index (self->chunk, i);

      ok = write_plan (self->batch, plan->resource_id, plan, error);
    }
  g_ptr_array_set_size (self->chunk, 0);

  return ok;
}

/* After the rows were read and written: the files their rows name are imported and get the rows'
 * fields. */
static gboolean
import_files (ReslibSheetImport  *self,
              GCancellable       *cancellable,
              GError            **error)
{
  ReslibStore *store = self->writing;
  g_autoptr(ReslibImporter) importer = reslib_importer_new (store, self->project_id);
  g_autoptr(ReslibResourceBatch) batch = NULL;
  const char * const *new_ids;
  guint next_row = 0;

  for (guint i = 0; i < self->plans->len; i++)
    {
      g_autoptr(GFile) file = g_file_new_for_path (((Plan *) g_ptr_array_index (self->plans, i))->file_path);

      reslib_importer_add_file (importer, file);
    }
  if (!reslib_job_run (RESLIB_JOB (importer), cancellable, error))
    return FALSE;
  /* The importer passes over a file it cannot read (gone or changed since its row was checked):
   * the rows' files and the new resources would no longer go together, and the sheet would be
   * half-applied. */
  if (reslib_importer_get_failures (importer)->len > 0)
    {
      const ReslibImportFailure *failure = g_ptr_array_index (reslib_importer_get_failures (importer), 0);

      g_set_error (error, RESLIB_ERROR, RESLIB_ERROR_BAD_FILE,
                   _("%s. Nothing was changed: correct the file or its row and import the sheet again."),
                   failure->message);
      return FALSE;
    }
  new_ids = reslib_importer_get_resource_ids (importer);
  self->new_ids = g_strdupv ((char **) new_ids);

  batch = reslib_resource_batch_new (store, self->project_id, error);
  if (batch == NULL)
    return FALSE;
  for (guint i = 0; i < self->plans->len; i++)
    {
      Plan *plan = g_ptr_array_index (self->plans, i);
      const char *id = self->new_ids[i];
      ReslibSheetRow *result;

      /* The rows are in the plans' order: the row of this plan is further on. */
      for (; next_row < self->rows->len; next_row++)
        if ((result = g_ptr_array_index (self->rows, next_row))->row == plan->row)
          {
            g_free (result->resource_id);
            result->resource_id = g_strdup (id);
            break;
          }
      if (!write_plan (batch, id, plan, error))
        return FALSE;
    }

  return reslib_resource_batch_finish (batch, error);
}

/* Ends the writing: commits what the rows wrote when none had an error, else rolls it back. */
static gboolean
finish_writing (ReslibSheetImport  *self,
                gboolean            read,
                GCancellable       *cancellable,
                GError            **error)
{
  ReslibStore *store = self->writing;
  g_autoptr(ReslibUndoStep) edit_step = NULL;
  g_autoptr(ReslibUndoStep) created_step = NULL;
  gboolean ok = read, wrote = FALSE;

  if (ok && self->n_errors == 0)
    {
      ok = _reslib_sheet_import_flush (self, error);
      wrote = reslib_resource_batch_get_n_written (self->batch) > 0 || self->plans->len > 0;
      ok = ok && reslib_resource_batch_finish (self->batch, error);
      ok = ok && (self->plans->len == 0 || import_files (self, cancellable, error));
    }
  g_clear_pointer (&self->batch, reslib_resource_batch_free);
  g_ptr_array_set_size (self->chunk, 0);
  edit_step = g_steal_pointer (&self->edit_step);
  self->writing = NULL;
  if (!ok || !wrote)
    {
      /* Rows with errors, or nothing to change: the run's result, not a failure. */
      reslib_store_rollback (store);
      g_clear_pointer (&self->new_ids, g_strfreev);
      return ok;
    }
  if (!reslib_store_commit (store, error))
    {
      g_clear_pointer (&self->new_ids, g_strfreev);
      return FALSE;
    }

  if (self->undoable && self->new_ids != NULL && self->new_ids[0] != NULL)
    created_step = reslib_undo_step_new_created (RESLIB_KIND_RESOURCE, (const char * const *) self->new_ids);
  if (edit_step != NULL)
    self->undo_step = reslib_undo_step_join (g_steal_pointer (&edit_step), g_steal_pointer (&created_step));
  else
    self->undo_step = g_steal_pointer (&created_step);
  self->applied = TRUE;

  return TRUE;
}

static gboolean
reslib_sheet_import_run (ReslibJob     *job,
                         GCancellable  *cancellable,
                         GError       **error)
{
  ReslibSheetImport *self = RESLIB_SHEET_IMPORT (job);
  g_autoptr(ReslibStore) own = NULL;
  ReslibStore *store = self->store;
  gboolean ok;

  if (reslib_job_in_worker (job))
    {
      own = reslib_store_reopen (self->store, error);
      if (own == NULL)
        return FALSE;
      reslib_store_set_actor (own, reslib_store_get_actor (self->store));
      store = own;
    }

  g_ptr_array_set_size (self->rows, 0);
  g_ptr_array_set_size (self->plans, 0);
  g_ptr_array_set_size (self->chunk, 0);
  self->n_rows = self->n_unchanged = self->n_errors = self->n_error_rows = self->header_row = 0;
  self->n_changed = self->n_files = self->n_changes = 0;
  self->n_shown_changed = self->n_shown_errors = self->n_hidden = 0;
  self->applied = FALSE;
  g_clear_pointer (&self->new_ids, g_strfreev);
  g_clear_pointer (&self->undo_step, reslib_undo_step_unref);
  g_clear_pointer (&self->edit_step, reslib_undo_step_unref);

  if (self->dry_run)
    {
      gboolean started;

      /* One read transaction: the rows are compared with one state of the store, and each row's
       * statements need no locks of their own. */
      if (!reslib_store_begin_read (store, &started, error))
        return FALSE;
      ok = _reslib_sheet_import_read (self, store, cancellable, error);
      reslib_store_end_read (store, started);
      return ok;
    }

  /* The rows are written as they are read, in one transaction. */
  if (!reslib_store_begin (store, error))
    return FALSE;
  self->batch = reslib_resource_batch_new (store, self->project_id, error);
  if (self->batch == NULL)
    {
      reslib_store_rollback (store);
      return FALSE;
    }
  self->writing = store;
  ok = _reslib_sheet_import_read (self, store, cancellable, error);

  return finish_writing (self, ok, cancellable, error);
}

/* ---------------------------------------------------------------------------------------------- */

static void
reslib_sheet_import_finalize (GObject *object)
{
  ReslibSheetImport *self = RESLIB_SHEET_IMPORT (object);

  g_clear_object (&self->store);
  g_free (self->project_id);
  g_free (self->path);
  g_free (self->sheet_name);
  g_ptr_array_unref (self->rows);
  g_ptr_array_unref (self->plans);
  g_ptr_array_unref (self->chunk);
  g_clear_pointer (&self->batch, reslib_resource_batch_free);
  g_clear_pointer (&self->edit_step, reslib_undo_step_unref);
  g_strfreev (self->new_ids);
  g_clear_pointer (&self->undo_step, reslib_undo_step_unref);

  G_OBJECT_CLASS (reslib_sheet_import_parent_class)->finalize (object);
}

static void
reslib_sheet_import_class_init (ReslibSheetImportClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = reslib_sheet_import_finalize;
  RESLIB_JOB_CLASS (klass)->run = reslib_sheet_import_run;
}

static void
reslib_sheet_import_init (ReslibSheetImport *self)
{
  self->rows = g_ptr_array_new_with_free_func (_reslib_sheet_row_free);
  self->plans = g_ptr_array_new_with_free_func (_reslib_sheet_plan_free);
  self->chunk = g_ptr_array_new_with_free_func (_reslib_sheet_plan_free);
  self->undoable = TRUE;
}

/**
 * reslib_sheet_import_new:
 * @store: the store
 * @project_id: the project whose resources the sheet describes
 * @path: an .xlsx or .csv file
 *
 * A job that reads the sheet's rows, matches them to the project's resources and — unless it is a
 * dry run, and only when no row has an error — writes what they change in one transaction. Run it
 * with reslib_job_run() or reslib_job_run_async() (a worker with a connection of its own). After
 * the run, reslib_sheet_import_get_rows() has the rows that change something or have errors.
 *
 * Returns: (transfer full): the job
 */
ReslibSheetImport *
reslib_sheet_import_new (ReslibStore *store,
                         const char  *project_id,
                         const char  *path)
{
  ReslibSheetImport *self;
  g_autofree char *base = NULL;
  g_autofree char *title = NULL;

  g_return_val_if_fail (RESLIB_IS_STORE (store), NULL);
  g_return_val_if_fail (project_id != NULL && path != NULL, NULL);

  self = g_object_new (RESLIB_TYPE_SHEET_IMPORT, NULL);
  self->store = g_object_ref (store);
  self->project_id = g_strdup (project_id);
  self->path = g_strdup (path);
  base = g_filename_display_basename (path);
  title = g_strdup_printf (_("Importing metadata from “%s”"), base);
  reslib_job_set_title (RESLIB_JOB (self), title);

  return self;
}

/**
 * reslib_sheet_import_set_dry_run:
 * @dry_run: %TRUE to only read and compare, writing nothing
 */
void
reslib_sheet_import_set_dry_run (ReslibSheetImport *self,
                                 gboolean           dry_run)
{
  g_return_if_fail (RESLIB_IS_SHEET_IMPORT (self));

  self->dry_run = dry_run;
}

/**
 * reslib_sheet_import_set_undoable:
 * @undoable: %FALSE to keep no undo step (the fields' old values are not kept: a sheet of any length
 *   is then written in memory that does not grow with it); %TRUE by default
 */
void
reslib_sheet_import_set_undoable (ReslibSheetImport *self,
                                  gboolean           undoable)
{
  g_return_if_fail (RESLIB_IS_SHEET_IMPORT (self));

  self->undoable = undoable;
}

/**
 * reslib_sheet_import_set_sheet_name:
 * @sheet_name: (nullable): for an xlsx workbook, the sheet to read; %NULL for the first
 */
void
reslib_sheet_import_set_sheet_name (ReslibSheetImport *self,
                                    const char        *sheet_name)
{
  g_return_if_fail (RESLIB_IS_SHEET_IMPORT (self));

  g_free (self->sheet_name);
  self->sheet_name = g_strdup (sheet_name);
}

/**
 * reslib_sheet_import_get_rows:
 *
 * The rows to show: in the sheet's order, the first 1,000 rows that change resources, the first 1,000
 * with errors and every row that imports a file; reslib_sheet_import_get_n_hidden() counts the others.
 *
 * Returns: (transfer none) (element-type ReslibSheetRow): the rows that change something or have
 *   errors, in the sheet's order
 */
GPtrArray *
reslib_sheet_import_get_rows (ReslibSheetImport *self)
{
  g_return_val_if_fail (RESLIB_IS_SHEET_IMPORT (self), NULL);

  return self->rows;
}

/**
 * reslib_sheet_import_get_n_errors:
 *
 * Returns: how many errors the rows have; with any, a real run wrote nothing
 */
guint
reslib_sheet_import_get_n_errors (ReslibSheetImport *self)
{
  g_return_val_if_fail (RESLIB_IS_SHEET_IMPORT (self), 0);

  return self->n_errors;
}

/**
 * reslib_sheet_import_get_n_error_rows:
 *
 * Returns: how many rows have errors
 */
guint
reslib_sheet_import_get_n_error_rows (ReslibSheetImport *self)
{
  g_return_val_if_fail (RESLIB_IS_SHEET_IMPORT (self), 0);

  return self->n_error_rows;
}

/**
 * reslib_sheet_import_get_n_changed:
 *
 * Returns: how many rows without errors change resources that are there
 */
guint
reslib_sheet_import_get_n_changed (ReslibSheetImport *self)
{
  g_return_val_if_fail (RESLIB_IS_SHEET_IMPORT (self), 0);

  return self->n_changed;
}

/**
 * reslib_sheet_import_get_n_files:
 *
 * Returns: how many rows without errors import files
 */
guint
reslib_sheet_import_get_n_files (ReslibSheetImport *self)
{
  g_return_val_if_fail (RESLIB_IS_SHEET_IMPORT (self), 0);

  return self->n_files;
}

/**
 * reslib_sheet_import_get_n_changes:
 *
 * Returns: how many fields the rows without errors change, all rows counted
 */
guint
reslib_sheet_import_get_n_changes (ReslibSheetImport *self)
{
  g_return_val_if_fail (RESLIB_IS_SHEET_IMPORT (self), 0);

  return self->n_changes;
}

/**
 * reslib_sheet_import_get_n_hidden:
 *
 * Returns: how many rows that change something or have errors reslib_sheet_import_get_rows() does
 *   not hold
 */
guint
reslib_sheet_import_get_n_hidden (ReslibSheetImport *self)
{
  g_return_val_if_fail (RESLIB_IS_SHEET_IMPORT (self), 0);

  return self->n_hidden;
}

/**
 * reslib_sheet_import_get_n_rows:
 *
 * Returns: how many rows below the header were read (empty ones not counted)
 */
guint
reslib_sheet_import_get_n_rows (ReslibSheetImport *self)
{
  g_return_val_if_fail (RESLIB_IS_SHEET_IMPORT (self), 0);

  return self->n_rows;
}

/**
 * reslib_sheet_import_get_n_unchanged:
 *
 * Returns: how many of them change nothing
 */
guint
reslib_sheet_import_get_n_unchanged (ReslibSheetImport *self)
{
  g_return_val_if_fail (RESLIB_IS_SHEET_IMPORT (self), 0);

  return self->n_unchanged;
}

/**
 * reslib_sheet_import_get_header_row:
 *
 * Returns: the number of the sheet's header row
 */
guint
reslib_sheet_import_get_header_row (ReslibSheetImport *self)
{
  g_return_val_if_fail (RESLIB_IS_SHEET_IMPORT (self), 0);

  return self->header_row;
}

/**
 * reslib_sheet_import_get_applied:
 *
 * Returns: whether the run wrote the changes (not a dry run, no errors, something to change)
 */
gboolean
reslib_sheet_import_get_applied (ReslibSheetImport *self)
{
  g_return_val_if_fail (RESLIB_IS_SHEET_IMPORT (self), FALSE);

  return self->applied;
}

/**
 * reslib_sheet_import_get_new_ids:
 *
 * Returns: (transfer none) (array zero-terminated=1) (nullable): after a run that imported files:
 *   the new resources' ids
 */
const char * const *
reslib_sheet_import_get_new_ids (ReslibSheetImport *self)
{
  g_return_val_if_fail (RESLIB_IS_SHEET_IMPORT (self), NULL);

  return (const char * const *) self->new_ids;
}

/**
 * reslib_sheet_import_get_undo_step:
 *
 * Returns: (transfer none) (nullable): after a run that wrote: the one step that undoes all of it
 */
ReslibUndoStep *
reslib_sheet_import_get_undo_step (ReslibSheetImport *self)
{
  g_return_val_if_fail (RESLIB_IS_SHEET_IMPORT (self), NULL);

  return self->undo_step;
}

static void
add_nullable (JsonBuilder *builder,
              const char  *name,
              const char  *value)
{
  json_builder_set_member_name (builder, name);
  if (value != NULL)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

/**
 * reslib_sheet_import_to_json:
 *
 * What the run found, as `reslib resource import-sheet --json` prints it: `{"sheet", "header_row",
 * "rows_read", "unchanged", "errors", "changed", "files", "rows_not_shown", "dry_run", "applied",
 * "rows": [{"row", "resource", "title", "file_path", "changes": [{"field", "column", "old", "new"}],
 * "errors": [text]}], "created": [id]}`; "rows" holds those of reslib_sheet_import_get_rows().
 *
 * Returns: (transfer full): the object
 */
JsonNode *
reslib_sheet_import_to_json (ReslibSheetImport *self)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autofree char *base = NULL;

  g_return_val_if_fail (RESLIB_IS_SHEET_IMPORT (self), NULL);

  base = g_filename_display_basename (self->path);
  json_builder_begin_object (builder);
  add_nullable (builder, "sheet", base);
  json_builder_set_member_name (builder, "header_row");
  json_builder_add_int_value (builder, self->header_row);
  json_builder_set_member_name (builder, "rows_read");
  json_builder_add_int_value (builder, self->n_rows);
  json_builder_set_member_name (builder, "unchanged");
  json_builder_add_int_value (builder, self->n_unchanged);
  json_builder_set_member_name (builder, "errors");
  json_builder_add_int_value (builder, self->n_errors);
  json_builder_set_member_name (builder, "changed");
  json_builder_add_int_value (builder, self->n_changed);
  json_builder_set_member_name (builder, "files");
  json_builder_add_int_value (builder, self->n_files);
  json_builder_set_member_name (builder, "rows_not_shown");
  json_builder_add_int_value (builder, self->n_hidden);
  json_builder_set_member_name (builder, "dry_run");
  json_builder_add_boolean_value (builder, self->dry_run);
  json_builder_set_member_name (builder, "applied");
  json_builder_add_boolean_value (builder, self->applied);
  json_builder_set_member_name (builder, "rows");
  json_builder_begin_array (builder);
  for (guint i = 0; i < self->rows->len; i++)
    {
      ReslibSheetRow *row = g_ptr_array_index (self->rows, i);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "row");
      json_builder_add_int_value (builder, row->row);
      add_nullable (builder, "resource", row->resource_id);
      add_nullable (builder, "title", row->title);
      add_nullable (builder, "file_path", row->file_path);
      json_builder_set_member_name (builder, "changes");
      json_builder_begin_array (builder);
      for (guint c = 0; c < row->changes->len; c++)
        {
          ReslibSheetChange *change = g_ptr_array_index (row->changes, c);

          json_builder_begin_object (builder);
          add_nullable (builder, "field", change->field);
          add_nullable (builder, "column", change->column);
          add_nullable (builder, "old", change->old_value);
          add_nullable (builder, "new", change->new_value);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      json_builder_set_member_name (builder, "errors");
      json_builder_begin_array (builder);
      for (guint e = 0; e < row->errors->len; e++)
        json_builder_add_string_value (builder, g_ptr_array_index (row->errors, e));
      json_builder_end_array (builder);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "created");
  json_builder_begin_array (builder);
  for (guint i = 0; self->new_ids != NULL && self->new_ids[i] != NULL; i++)
    json_builder_add_string_value (builder, self->new_ids[i]);
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}
