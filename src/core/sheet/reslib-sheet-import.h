/* reslib-sheet-import.h — resources' metadata from a spreadsheet: a job (reslib-job.h)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "reslib-job.h"
#include "reslib-store.h"
#include "reslib-undo-step.h"

G_BEGIN_DECLS

/**
 * ReslibSheetChange:
 * @field: the resource's field ("title", "authors", "nodes" …)
 * @column: the sheet's header of the column it comes from, as the sheet has it
 * @old_value: (nullable): what the resource holds now, as a person reads it (lists joined with "、",
 *   nodes as "课程 › 模块 › 点", the unit by its name); %NULL for a new resource
 * @new_value: what it will hold, likewise
 *
 * One field of one row that an import changes.
 */
typedef struct
{
  char *field;
  char *column;
  char *old_value;
  char *new_value;
} ReslibSheetChange;

/**
 * ReslibSheetRow:
 * @row: the row's number in the sheet
 * @resource_id: (nullable): the resource it matches; after a run that imported its file, the new one
 * @title: (nullable): the resource's title (the new one when the row changes it)
 * @file_path: (nullable): for a row that imports a file: the file
 * @changes: (element-type ReslibSheetChange): what the row changes
 * @errors: (element-type utf8): what is wrong with it, one sentence each
 *
 * A row of the sheet that changes something or has errors.
 */
typedef struct
{
  guint      row;
  char      *resource_id;
  char      *title;
  char      *file_path;
  GPtrArray *changes;
  GPtrArray *errors;
} ReslibSheetRow;

/**
 * RESLIB_SHEET_IMPORT_SHOWN_ROWS:
 *
 * How many rows that change resources, and how many with errors, reslib_sheet_import_get_rows() holds
 * at most.
 */
#define RESLIB_SHEET_IMPORT_SHOWN_ROWS 1000

#define RESLIB_TYPE_SHEET_IMPORT (reslib_sheet_import_get_type ())
G_DECLARE_FINAL_TYPE (ReslibSheetImport, reslib_sheet_import, RESLIB, SHEET_IMPORT, ReslibJob)

ReslibSheetImport  *reslib_sheet_import_new            (ReslibStore       *store,
                                                        const char        *project_id,
                                                        const char        *path);
void                reslib_sheet_import_set_dry_run    (ReslibSheetImport *self,
                                                        gboolean           dry_run);
void                reslib_sheet_import_set_sheet_name (ReslibSheetImport *self,
                                                        const char        *sheet_name);
void                reslib_sheet_import_set_undoable   (ReslibSheetImport *self,
                                                        gboolean           undoable);
GPtrArray          *reslib_sheet_import_get_rows       (ReslibSheetImport *self);
guint               reslib_sheet_import_get_n_errors   (ReslibSheetImport *self);
guint               reslib_sheet_import_get_n_error_rows (ReslibSheetImport *self);
guint               reslib_sheet_import_get_n_changed  (ReslibSheetImport *self);
guint               reslib_sheet_import_get_n_files    (ReslibSheetImport *self);
guint               reslib_sheet_import_get_n_changes  (ReslibSheetImport *self);
guint               reslib_sheet_import_get_n_hidden   (ReslibSheetImport *self);
guint               reslib_sheet_import_get_n_rows     (ReslibSheetImport *self);
guint               reslib_sheet_import_get_n_unchanged (ReslibSheetImport *self);
guint               reslib_sheet_import_get_header_row (ReslibSheetImport *self);
gboolean            reslib_sheet_import_get_applied    (ReslibSheetImport *self);
const char * const *reslib_sheet_import_get_new_ids    (ReslibSheetImport *self);
ReslibUndoStep     *reslib_sheet_import_get_undo_step  (ReslibSheetImport *self);
JsonNode           *reslib_sheet_import_to_json        (ReslibSheetImport *self);

G_END_DECLS
