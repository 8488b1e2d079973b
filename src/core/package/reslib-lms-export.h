/* reslib-lms-export.h — a project as an IMS content package (zip) that an LMS such as Moodle opens
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "reslib-job.h"
#include "reslib-output.h"
#include "reslib-store.h"

G_BEGIN_DECLS

#define RESLIB_TYPE_LMS_EXPORT (reslib_lms_export_get_type ())
G_DECLARE_FINAL_TYPE (ReslibLmsExport, reslib_lms_export, RESLIB, LMS_EXPORT, ReslibJob)

ReslibLmsExport *reslib_lms_export_new             (ReslibStore       *store,
                                                    const char        *project_id);
void             reslib_lms_export_set_destination (ReslibLmsExport   *self,
                                                    const char        *path,
                                                    ReslibOutputFlags  flags);
const char      *reslib_lms_export_get_path        (ReslibLmsExport   *self);
guint64          reslib_lms_export_get_size        (ReslibLmsExport   *self);
guint            reslib_lms_export_get_n_files     (ReslibLmsExport   *self);

G_END_DECLS
