/* reslib-store-undo.h — deleting a record so that the deletion can be undone
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "reslib-store.h"

G_BEGIN_DECLS

/* What a deletion removed: the record's row, the rows the database deleted with it (ON DELETE CASCADE)
 * and the references it cleared (ON DELETE SET NULL), so that all of it can be put back as it was,
 * with the same ids. */
typedef struct _ReslibDeletion ReslibDeletion;

ReslibDeletion *reslib_store_delete_undoable (ReslibStore     *self,
                                              ReslibKind       kind,
                                              const char      *id,
                                              GError         **error);
gboolean        reslib_store_undo_deletion   (ReslibStore     *self,
                                              ReslibDeletion  *deletion,
                                              GError         **error);
ReslibKind      reslib_deletion_get_kind     (ReslibDeletion  *deletion);
const char     *reslib_deletion_get_id       (ReslibDeletion  *deletion);
void            reslib_deletion_free         (ReslibDeletion  *deletion);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ReslibDeletion, reslib_deletion_free)

G_END_DECLS
