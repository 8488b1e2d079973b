/* reslib-package-importer.h — importing a package into the store (DESIGN §5): a job (reslib-job.h)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "reslib-import-item.h"
#include "reslib-job.h"
#include "reslib-package-import.h"
#include "reslib-store.h"

G_BEGIN_DECLS

#define RESLIB_TYPE_PACKAGE_IMPORTER (reslib_package_importer_get_type ())
G_DECLARE_FINAL_TYPE (ReslibPackageImporter, reslib_package_importer, RESLIB, PACKAGE_IMPORTER, ReslibJob)

ReslibPackageImporter    *reslib_package_importer_new              (ReslibStore           *store,
                                                                    const char            *path);
void                      reslib_package_importer_set_into_project (ReslibPackageImporter *self,
                                                                    const char            *project_id);
void                      reslib_package_importer_set_flags        (ReslibPackageImporter *self,
                                                                    ReslibImportFlags      flags);
ReslibImportFlags         reslib_package_importer_get_flags        (ReslibPackageImporter *self);
void                      reslib_package_importer_set_preview      (ReslibPackageImporter *self,
                                                                    gboolean               preview);
gboolean                  reslib_package_importer_get_preview      (ReslibPackageImporter *self);
void                      reslib_package_importer_set_match_by_title (ReslibPackageImporter *self,
                                                                      gboolean               match);
void                      reslib_package_importer_set_keep_items   (ReslibPackageImporter *self,
                                                                    gboolean               keep);

const ReslibImportReport *reslib_package_importer_get_report       (ReslibPackageImporter *self);
GPtrArray                *reslib_package_importer_get_problems     (ReslibPackageImporter *self);
GPtrArray                *reslib_package_importer_get_items        (ReslibPackageImporter *self);
const ReslibPackageInfo  *reslib_package_importer_get_info         (ReslibPackageImporter *self);

G_END_DECLS
