/* reslib-store-urls.h — the addresses of a project's online resources that a package must not carry
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "reslib-store.h"

G_BEGIN_DECLS

gboolean    reslib_store_find_bad_urls    (ReslibStore         *store,
                                           const char          *project_id,
                                           const char * const  *resource_ids,
                                           guint               *n_bad,
                                           char               **first_title,
                                           GError             **error);

G_END_DECLS
