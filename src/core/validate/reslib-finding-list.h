/* reslib-finding-list.h — the findings of a check, kept compactly, as a list of ReslibFinding
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "reslib-finding.h"

G_BEGIN_DECLS

#define RESLIB_TYPE_FINDING_LIST (reslib_finding_list_get_type ())
G_DECLARE_FINAL_TYPE (ReslibFindingList, reslib_finding_list, RESLIB, FINDING_LIST, GObject)

ReslibFindingList *reslib_finding_list_new_subset       (ReslibFindingList *self,
                                                         GArray            *positions);
ReslibSeverity     reslib_finding_list_get_severity     (ReslibFindingList *self,
                                                         guint              position);
const char        *reslib_finding_list_get_rule         (ReslibFindingList *self,
                                                         guint              position);
const char        *reslib_finding_list_get_subject_kind (ReslibFindingList *self,
                                                         guint              position);
const char        *reslib_finding_list_get_subject_id   (ReslibFindingList *self,
                                                         guint              position);
const char        *reslib_finding_list_get_field        (ReslibFindingList *self,
                                                         guint              position);

G_END_DECLS
