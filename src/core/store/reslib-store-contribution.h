/* reslib-store-unsent.h — what a library has not handed over yet: the resources a contribution would
 * carry by default
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "reslib-store.h"

G_BEGIN_DECLS

GPtrArray *reslib_store_list_unsent_resource_ids (ReslibStore   *store,
                                                  const char    *project_id,
                                                  GCancellable  *cancellable,
                                                  GError       **error);

G_END_DECLS
