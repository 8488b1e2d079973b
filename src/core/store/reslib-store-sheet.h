/* reslib-store-sheet.h — what a spreadsheet import asks of the store row by row: a resource by its file
 * name, and the rows already seen
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "reslib-store.h"

G_BEGIN_DECLS

char     *reslib_store_resource_by_file_name (ReslibStore  *store,
                                              const char   *project_id,
                                              const char   *file_name,
                                              gboolean     *several,
                                              GError      **error);
gboolean  reslib_store_seen_clear            (ReslibStore  *store,
                                              GError      **error);
gboolean  reslib_store_seen_add              (ReslibStore  *store,
                                              const char   *key,
                                              guint         row,
                                              guint        *other_row,
                                              GError      **error);
GHashTable *reslib_store_sheet_resources     (ReslibStore         *store,
                                              const char          *project_id,
                                              const char * const  *ids,
                                              const char * const  *fields,
                                              GError             **error);
gboolean    reslib_store_sheet_has_resource  (ReslibStore         *store,
                                              const char          *project_id,
                                              const char          *id,
                                              GError             **error);

G_END_DECLS
