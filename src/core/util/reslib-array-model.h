/* reslib-array-model.h — a read-only GListModel over an array of objects
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define RESLIB_TYPE_ARRAY_MODEL (reslib_array_model_get_type ())
G_DECLARE_FINAL_TYPE (ReslibArrayModel, reslib_array_model, RESLIB, ARRAY_MODEL, GObject)

GListModel *reslib_array_model_new (GType      item_type,
                                    GPtrArray *items);

G_END_DECLS
