/* reslib-import-item.h — what an import does (or, previewed, would do) with one record of a package
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "reslib-entity.h"
#include "reslib-enums.h"

G_BEGIN_DECLS

#define RESLIB_TYPE_IMPORT_ITEM (reslib_import_item_get_type ())
G_DECLARE_FINAL_TYPE (ReslibImportItem, reslib_import_item, RESLIB, IMPORT_ITEM, GObject)

ReslibKind           reslib_import_item_get_kind        (ReslibImportItem *self);
const char          *reslib_import_item_get_id          (ReslibImportItem *self);
const char          *reslib_import_item_get_title       (ReslibImportItem *self);
ReslibImportOutcome  reslib_import_item_get_outcome     (ReslibImportItem *self);
const char          *reslib_import_item_get_mapped_to   (ReslibImportItem *self);

/* For the core's package import */
ReslibImportItem    *_reslib_import_item_new            (ReslibKind           kind,
                                                         const char          *id,
                                                         const char          *title,
                                                         ReslibImportOutcome  outcome,
                                                         const char          *mapped_to);

G_END_DECLS
