/* studio-undo-stack.h — the changes to the store the user can undo and redo, newest first
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "reslib-core.h"
#include "reslib-undo-step.h"

G_BEGIN_DECLS

#define STUDIO_TYPE_UNDO_STACK (studio_undo_stack_get_type ())
G_DECLARE_FINAL_TYPE (StudioUndoStack, studio_undo_stack, STUDIO, UNDO_STACK, GObject)

StudioUndoStack *studio_undo_stack_new            (ReslibStore      *store);
ReslibStore     *studio_undo_stack_get_store      (StudioUndoStack  *self);
void             studio_undo_stack_push           (StudioUndoStack  *self,
                                                   ReslibUndoStep   *step,
                                                   const char       *label);
gboolean         studio_undo_stack_get_can_undo   (StudioUndoStack  *self);
gboolean         studio_undo_stack_get_can_redo   (StudioUndoStack  *self);
gboolean         studio_undo_stack_get_busy       (StudioUndoStack  *self);
void             studio_undo_stack_set_job_rows   (StudioUndoStack  *self,
                                                   guint             n_rows);
const char      *studio_undo_stack_get_undo_label (StudioUndoStack  *self);
const char      *studio_undo_stack_get_redo_label (StudioUndoStack  *self);
gboolean         studio_undo_stack_undo           (StudioUndoStack  *self,
                                                   GError          **error);
gboolean         studio_undo_stack_redo           (StudioUndoStack  *self,
                                                   GError          **error);
gboolean         studio_undo_stack_undo_step      (StudioUndoStack  *self,
                                                   ReslibUndoStep   *step,
                                                   GError          **error);
void             studio_undo_stack_clear          (StudioUndoStack  *self);

G_END_DECLS
