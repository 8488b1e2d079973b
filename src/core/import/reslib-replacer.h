/* reslib-replacer.h — replace a resource's file by a new version: a job (reslib-job.h)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "reslib-job.h"
#include "reslib-store.h"
#include "reslib-undo-step.h"

G_BEGIN_DECLS

#define RESLIB_TYPE_REPLACER (reslib_replacer_get_type ())
G_DECLARE_FINAL_TYPE (ReslibReplacer, reslib_replacer, RESLIB, REPLACER, ReslibJob)

ReslibReplacer *reslib_replacer_new                (ReslibStore    *store,
                                                    const char     *resource_id,
                                                    GFile          *file);
/* After a successful run */
guint           reslib_replacer_get_version        (ReslibReplacer *self);
const char     *reslib_replacer_get_previous_sha256 (ReslibReplacer *self);
gboolean        reslib_replacer_get_back_to_review (ReslibReplacer *self);
ReslibUndoStep *reslib_replacer_get_undo_step      (ReslibReplacer *self);

G_END_DECLS
