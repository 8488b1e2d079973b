/* studio-import-dialog.h — the review of a package before it is imported
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "reslib-core.h"
#include "reslib-package-importer.h"
#include "studio-session.h"

G_BEGIN_DECLS

/* What the import is for */
typedef enum
{
  STUDIO_IMPORT_MODE_IMPORT,   /* the lead merges a package (a teacher's contribution, say) */
  STUDIO_IMPORT_MODE_JOIN,     /* a teacher joins the lead's project (RESLIB_IMPORT_JOIN) */
} StudioImportMode;

/* Where the dialog is */
typedef enum
{
  STUDIO_IMPORT_STATE_CHECKING,    /* the preview runs */
  STUDIO_IMPORT_STATE_REVIEW,      /* what the import would do is shown; Import is offered */
  STUDIO_IMPORT_STATE_FAILED,      /* the package cannot be imported (or the import failed): nothing written */
  STUDIO_IMPORT_STATE_IMPORTING,   /* the import runs */
  STUDIO_IMPORT_STATE_DONE,        /* imported, or cancelled */
} StudioImportState;

#define STUDIO_TYPE_IMPORT_DIALOG (studio_import_dialog_get_type ())
G_DECLARE_FINAL_TYPE (StudioImportDialog, studio_import_dialog, STUDIO, IMPORT_DIALOG, AdwWindow)

StudioImportDialog *studio_import_dialog_new        (StudioSession      *session,
                                                     GFile              *file,
                                                     StudioImportMode    mode);
GFile              *studio_import_dialog_get_file   (StudioImportDialog *self);
StudioImportState   studio_import_dialog_get_state  (StudioImportDialog *self);
guint               studio_import_dialog_get_count  (StudioImportDialog *self,
                                                     ReslibKind          kind,
                                                     ReslibImportOutcome outcome);
const char         *studio_import_dialog_get_imported_project (StudioImportDialog *self);

GSList             *studio_import_split_packages    (GSList             *files,
                                                     GSList            **packages);

G_END_DECLS
