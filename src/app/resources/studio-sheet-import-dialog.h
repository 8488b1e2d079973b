/* studio-sheet-import-dialog.h — "Import Metadata…": what a spreadsheet would change, then Apply
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "reslib-core.h"
#include "reslib-sheet-import.h"

G_BEGIN_DECLS

#define STUDIO_TYPE_SHEET_IMPORT_DIALOG (studio_sheet_import_dialog_get_type ())
G_DECLARE_FINAL_TYPE (StudioSheetImportDialog, studio_sheet_import_dialog, STUDIO, SHEET_IMPORT_DIALOG, AdwWindow)

/* Reads @path (xlsx or CSV) as a dry run at once and shows what each row would change; Apply writes
 * it all in one transaction and emits "applied" with the job (its undo step, its counts). */
StudioSheetImportDialog *studio_sheet_import_dialog_new       (GtkWindow               *parent,
                                                               ReslibStore             *store,
                                                               const char              *project_id,
                                                               const char              *path);
/* The preview's lines, one per change or error (a GtkStringList). */
GListModel              *studio_sheet_import_dialog_get_lines (StudioSheetImportDialog *self);
/* Whether the dry run (or the apply) is still running. */
gboolean                 studio_sheet_import_dialog_is_busy   (StudioSheetImportDialog *self);
/* The summary under the title: counts, and what to do about errors. */
const char              *studio_sheet_import_dialog_get_summary (StudioSheetImportDialog *self);

G_END_DECLS
