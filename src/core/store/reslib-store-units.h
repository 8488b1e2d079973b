/* reslib-store-units.h — the order and the roles of a project's units in the store
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "reslib-store.h"
#include "reslib-undo-step.h"

G_BEGIN_DECLS

ReslibUndoStep     *reslib_store_renumber_units    (ReslibStore        *self,
                                                    const char         *role,
                                                    const char * const *unit_ids,
                                                    GError            **error);
ReslibUndoStep     *reslib_store_set_unit_role     (ReslibStore        *self,
                                                    const char         *unit_id,
                                                    const char         *role,
                                                    GError            **error);

G_END_DECLS
