/* reslib-importer-private.h — for tests of the importer
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "reslib-importer.h"

G_BEGIN_DECLS

typedef void (*ReslibImporterHook) (gpointer data);

/* Called in the run's thread after the folders are walked and before any file is copied (a test removes a
 * file there, as a user might while a long import runs). */
void _reslib_importer_set_scanned_hook (ReslibImporter     *self,
                                        ReslibImporterHook  hook,
                                        gpointer            data);

G_END_DECLS
