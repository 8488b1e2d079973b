/* reslib-undo-step.h — changes to the store that can be undone: deletions and edits
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "reslib-store.h"

G_BEGIN_DECLS

/**
 * ReslibUndoStep:
 *
 * One change to the store, already written, with what is needed to undo it: a deletion of one or
 * more records (with every row the database deleted with them and every reference it cleared), a
 * restoration (the undoing of a deletion), an edit of fields of one or more records (with the
 * values they held before), or rows of a table that is no kind of record written over (with the rows
 * they replaced: an import of usage statistics). Undoing a step is itself a step, so the same type serves for redoing.
 */
typedef struct _ReslibUndoStep ReslibUndoStep;

#define RESLIB_TYPE_UNDO_STEP (reslib_undo_step_get_type ())

typedef enum
{
  RESLIB_UNDO_STEP_DELETION,
  RESLIB_UNDO_STEP_RESTORATION,
  RESLIB_UNDO_STEP_EDIT,
  RESLIB_UNDO_STEP_ROWS,
} ReslibUndoStepType;

GType               reslib_undo_step_get_type      (void) G_GNUC_CONST;
ReslibUndoStep     *reslib_undo_step_ref           (ReslibUndoStep      *step);
void                reslib_undo_step_unref         (ReslibUndoStep      *step);
ReslibUndoStepType  reslib_undo_step_get_step_type (ReslibUndoStep      *step);
ReslibKind          reslib_undo_step_get_kind      (ReslibUndoStep      *step);
const char * const *reslib_undo_step_get_ids       (ReslibUndoStep      *step);
guint               reslib_undo_step_get_n_records (ReslibUndoStep      *step,
                                                    ReslibKind           kind);

ReslibUndoStep     *reslib_undo_step_new_created   (ReslibKind           kind,
                                                    const char * const  *ids);
ReslibUndoStep     *reslib_undo_step_join          (ReslibUndoStep      *first,
                                                    ReslibUndoStep      *then);

ReslibUndoStep     *reslib_store_delete_undoable   (ReslibStore         *self,
                                                    ReslibKind           kind,
                                                    const char * const  *ids,
                                                    GError             **error);
ReslibUndoStep     *reslib_store_update_undoable   (ReslibStore         *self,
                                                    ReslibKind           kind,
                                                    const char * const  *ids,
                                                    const char * const  *fields,
                                                    const char * const  *values,
                                                    GError             **error);
ReslibUndoStep     *reslib_store_keep_fields       (ReslibStore         *self,
                                                    ReslibKind           kind,
                                                    const char * const  *ids,
                                                    const char * const  *fields,
                                                    GError             **error);
ReslibUndoStep     *reslib_store_update_record_undoable (ReslibStore   *self,
                                                         ReslibRecord  *record,
                                                         const char    *field,
                                                         const char    *value,
                                                         GError       **error);
gboolean            reslib_store_fill_in_resources (ReslibStore         *self,
                                                    const char * const  *ids,
                                                    const char * const  *fields,
                                                    const char * const  *values,
                                                    ReslibUndoStep     **step,
                                                    guint               *n_changed,
                                                    GError             **error);
ReslibUndoStep     *reslib_store_undo              (ReslibStore         *self,
                                                    ReslibUndoStep      *step,
                                                    GError             **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ReslibUndoStep, reslib_undo_step_unref)

G_END_DECLS
