/* studio-bulk-edit-dialog.h — "Edit Selected Resources": values to set on many resources at once
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "reslib-store.h"

G_BEGIN_DECLS

#define STUDIO_TYPE_BULK_EDIT_DIALOG (studio_bulk_edit_dialog_get_type ())
G_DECLARE_FINAL_TYPE (StudioBulkEditDialog, studio_bulk_edit_dialog, STUDIO, BULK_EDIT_DIALOG, AdwMessageDialog)

/* For the resources @ids; the unit picker offers @unit_ids (the project's, by their labels at the
 * same index), the course node picker the nodes of @project_id in @store. Responses: "cancel" and
 * "apply". */
StudioBulkEditDialog *studio_bulk_edit_dialog_new         (GtkWindow            *parent,
                                                           const char * const   *ids,
                                                           GPtrArray            *unit_ids,
                                                           GPtrArray            *unit_labels,
                                                           ReslibStore          *store,
                                                           const char           *project_id);
const char * const   *studio_bulk_edit_dialog_get_ids     (StudioBulkEditDialog *self);
/* The course node picker it opened, while it is open. */
GtkWindow            *studio_bulk_edit_dialog_get_node_picker (StudioBulkEditDialog *self);
/* Appends the fields the user chose a value for, and those values (the dialog's), to @fields and
 * @values; a field left at "Keep as it is" is not there. */
void                  studio_bulk_edit_dialog_get_changes (StudioBulkEditDialog *self,
                                                           GPtrArray            *fields,
                                                           GPtrArray            *values);

G_END_DECLS
