/* reslib-prober.h — probing a project's media blobs, as a job
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "reslib-job.h"
#include "reslib-store.h"

G_BEGIN_DECLS

#define RESLIB_TYPE_PROBER (reslib_prober_get_type ())
G_DECLARE_FINAL_TYPE (ReslibProber, reslib_prober, RESLIB, PROBER, ReslibJob)

ReslibProber *reslib_prober_new                (ReslibStore  *store,
                                                const char   *project_id);
const char   *reslib_prober_get_project_id     (ReslibProber *self);
guint         reslib_prober_get_n_probed       (ReslibProber *self);
guint         reslib_prober_get_n_unreadable   (ReslibProber *self);

G_END_DECLS
