/* reslib-usage-import.h — importing the usage statistics the platform exports, as a job (reslib-job.h)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "reslib-job.h"
#include "reslib-store.h"
#include "reslib-undo-step.h"

G_BEGIN_DECLS

#define RESLIB_TYPE_USAGE_IMPORT (reslib_usage_import_get_type ())
G_DECLARE_FINAL_TYPE (ReslibUsageImport, reslib_usage_import, RESLIB, USAGE_IMPORT, ReslibJob)

ReslibUsageImport *reslib_usage_import_new            (ReslibStore       *store,
                                                       const char        *project_id,
                                                       const char        *path,
                                                       gboolean           dry_run);
/* After a successful run */
guint              reslib_usage_import_get_n_added    (ReslibUsageImport *self);
guint              reslib_usage_import_get_n_replaced (ReslibUsageImport *self);
ReslibUndoStep    *reslib_usage_import_get_undo_step  (ReslibUsageImport *self);

G_END_DECLS
