/* reslib-finding.h — one thing a check found wrong with a project, and the rule that found it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "reslib-profile.h"

G_BEGIN_DECLS

#define RESLIB_TYPE_FINDING (reslib_finding_get_type ())
G_DECLARE_FINAL_TYPE (ReslibFinding, reslib_finding, RESLIB, FINDING, GObject)

const char     *reslib_finding_get_rule          (ReslibFinding *self);
ReslibSeverity  reslib_finding_get_severity      (ReslibFinding *self);
const char     *reslib_finding_get_subject_kind  (ReslibFinding *self);
const char     *reslib_finding_get_subject_id    (ReslibFinding *self);
const char     *reslib_finding_get_subject_title (ReslibFinding *self);
const char     *reslib_finding_get_message       (ReslibFinding *self);
const char     *reslib_finding_get_hint          (ReslibFinding *self);
const char     *reslib_finding_get_field         (ReslibFinding *self);
JsonNode       *reslib_finding_to_json           (ReslibFinding *self);

const char     *reslib_rule_title                (const char    *rule_id);

guint           reslib_findings_count            (GListModel    *findings,
                                                  ReslibSeverity severity);

G_END_DECLS
