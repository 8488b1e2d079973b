/* reslib-store-roles.h — what this library is in a project's team (project_roles), and the ids an import
 * mapped onto records of the store (record_map)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "reslib-enums.h"
#include "reslib-store.h"

G_BEGIN_DECLS

ReslibProjectRole  reslib_store_get_project_role     (ReslibStore        *store,
                                                      const char         *project_id,
                                                      GError            **error);
gboolean           reslib_store_set_project_role     (ReslibStore        *store,
                                                      const char         *project_id,
                                                      ReslibProjectRole   role,
                                                      const char         *source_bag,
                                                      GError            **error);

/* For the core's package import only. The record of the store that the package's @foreign_id of @kind
 * was mapped onto in @project_id, or NULL (then @error is set only when reading failed). */
char              *_reslib_store_map_lookup          (ReslibStore        *store,
                                                      const char         *project_id,
                                                      ReslibKind          kind,
                                                      const char         *foreign_id,
                                                      GError            **error);
gboolean           _reslib_store_map_add             (ReslibStore        *store,
                                                      const char         *project_id,
                                                      ReslibKind          kind,
                                                      const char         *foreign_id,
                                                      const char         *local_id,
                                                      GError            **error);

G_END_DECLS
