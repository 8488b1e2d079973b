/* studio-check-group.h — the findings of one rule, with one severity, as the Checks page groups them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "reslib-core.h"

G_BEGIN_DECLS

#define STUDIO_TYPE_CHECK_GROUP (studio_check_group_get_type ())
G_DECLARE_FINAL_TYPE (StudioCheckGroup, studio_check_group, STUDIO, CHECK_GROUP, GObject)

StudioCheckGroup *studio_check_group_new             (const char       *rule,
                                                      ReslibSeverity    severity);
const char       *studio_check_group_get_rule        (StudioCheckGroup *self);
const char       *studio_check_group_get_title       (StudioCheckGroup *self);
ReslibSeverity    studio_check_group_get_severity    (StudioCheckGroup *self);
guint             studio_check_group_get_n_findings  (StudioCheckGroup *self);
GListModel       *studio_check_group_get_findings    (StudioCheckGroup *self);
void              studio_check_group_take            (StudioCheckGroup  *self,
                                                      ReslibFindingList *findings,
                                                      GArray            *positions);
char            **studio_check_group_dup_resource_ids (StudioCheckGroup *self);
char            **studio_check_group_dup_resource_ids_for (StudioCheckGroup   *self,
                                                           const char * const *fields);
gboolean          studio_check_group_has_field       (StudioCheckGroup   *self,
                                                      const char * const *fields);
gboolean          studio_check_group_is_about_resources (StudioCheckGroup *self);

GListStore       *studio_check_groups_new            (ReslibFindingList *findings,
                                                      int                severity,
                                                      ReslibKind         subject_kind);

G_END_DECLS
