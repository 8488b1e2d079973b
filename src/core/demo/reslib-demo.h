/* reslib-demo.h — a demo project, made at run time
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "reslib-store.h"

G_BEGIN_DECLS

/* Creates the demo project (units, team, a course tree and a few resources whose
 * files are made on the spot) and returns its id. */
char *reslib_demo_create (ReslibStore   *store,
                          GCancellable  *cancellable,
                          GError       **error);

/* The id of a demo project already in @store, or NULL. */
char *reslib_demo_find   (ReslibStore   *store,
                          GError       **error);

G_END_DECLS
