/* reslib-packager.h — building a package (DESIGN §5): a job (reslib-job.h)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "reslib-job.h"
#include "reslib-output.h"
#include "reslib-profile.h"
#include "reslib-store.h"

G_BEGIN_DECLS

#define RESLIB_TYPE_PACKAGER (reslib_packager_get_type ())
G_DECLARE_FINAL_TYPE (ReslibPackager, reslib_packager, RESLIB, PACKAGER, ReslibJob)

ReslibPackager *reslib_packager_new              (ReslibStore         *store,
                                                  const char          *project_id,
                                                  const char          *kind);
void            reslib_packager_set_resource_ids (ReslibPackager      *self,
                                                  const char * const  *resource_ids);
void            reslib_packager_set_profile      (ReslibPackager      *self,
                                                  ReslibProfile       *profile);
void            reslib_packager_set_destination  (ReslibPackager      *self,
                                                  const char          *path,
                                                  ReslibOutputFlags    flags);
void            reslib_packager_set_digest       (ReslibPackager      *self,
                                                  gboolean             digest);
void            reslib_packager_set_format_version (ReslibPackager    *self,
                                                    guint              version);

const char     *reslib_packager_get_path         (ReslibPackager      *self);
const char     *reslib_packager_get_sha256       (ReslibPackager      *self);
guint64         reslib_packager_get_size         (ReslibPackager      *self);
const char     *reslib_packager_get_bag_name     (ReslibPackager      *self);

G_END_DECLS
