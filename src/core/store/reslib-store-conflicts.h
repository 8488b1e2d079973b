/* reslib-store-conflicts.h — records both this library and a package changed, kept until resolved (conflicts)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "reslib-enums.h"
#include "reslib-record.h"
#include "reslib-store.h"

G_BEGIN_DECLS

#define RESLIB_TYPE_CONFLICT (reslib_conflict_get_type ())
G_DECLARE_FINAL_TYPE (ReslibConflict, reslib_conflict, RESLIB, CONFLICT, GObject)

gint64                reslib_conflict_get_id          (ReslibConflict *self);
const char           *reslib_conflict_get_project_id  (ReslibConflict *self);
ReslibKind            reslib_conflict_get_kind        (ReslibConflict *self);
const char           *reslib_conflict_get_record_id   (ReslibConflict *self);
const char           *reslib_conflict_get_title       (ReslibConflict *self);
const char           *reslib_conflict_get_bag         (ReslibConflict *self);
const char           *reslib_conflict_get_received_at (ReslibConflict *self);
ReslibRecord         *reslib_conflict_get_theirs      (ReslibConflict *self);
gboolean              reslib_conflict_get_resolved    (ReslibConflict *self);
ReslibConflictChoice  reslib_conflict_get_resolution  (ReslibConflict *self);
const char           *reslib_conflict_get_copy_id     (ReslibConflict *self);
gboolean              reslib_conflict_can_keep_both   (ReslibConflict *self);

GListModel           *reslib_store_list_conflicts     (ReslibStore          *store,
                                                       const char           *project_id,
                                                       GError              **error);
guint                 reslib_store_count_conflicts    (ReslibStore          *store,
                                                       const char           *project_id,
                                                       GError              **error);
ReslibConflict       *reslib_store_get_conflict       (ReslibStore          *store,
                                                       gint64                id,
                                                       GError              **error);
gboolean              reslib_store_resolve_conflict   (ReslibStore          *store,
                                                       gint64                id,
                                                       ReslibConflictChoice  choice,
                                                       GError              **error);

/* For the core's package import only: keeps the incoming version @theirs (a JSON object, as manifest.json
 * has it, ids mapped) of the record @record_id as a conflict, replacing the one waiting for that record.
 * The caller is in a transaction. */
gint64                _reslib_store_add_conflict      (ReslibStore          *store,
                                                       const char           *project_id,
                                                       ReslibKind            kind,
                                                       const char           *record_id,
                                                       const char           *theirs,
                                                       const char           *theirs_sha256,
                                                       const char           *bag,
                                                       GError              **error);

G_END_DECLS
