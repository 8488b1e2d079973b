/* reslib-validate.h — checking a project against a rule profile
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "reslib-profile.h"
#include "reslib-store.h"

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
JsonNode       *reslib_finding_to_json           (ReslibFinding *self);

/* @package_kind: NULL for a plain check, or the kind of package about to be
 * built ("application" …), which turns on the rules that apply to it. */
GListModel     *reslib_validate                  (ReslibStore          *store,
                                                  const char           *project_id,
                                                  ReslibProfile        *profile,
                                                  const char           *package_kind,
                                                  GCancellable         *cancellable,
                                                  GError              **error);
void            reslib_validate_async            (ReslibStore          *store,
                                                  const char           *project_id,
                                                  ReslibProfile        *profile,
                                                  const char           *package_kind,
                                                  GCancellable         *cancellable,
                                                  GAsyncReadyCallback   callback,
                                                  gpointer              user_data);
GListModel     *reslib_validate_finish           (ReslibStore          *store,
                                                  GAsyncResult         *result,
                                                  GError              **error);
guint           reslib_findings_count            (GListModel           *findings,
                                                  ReslibSeverity        severity);
gboolean        reslib_credit_code_is_valid      (const char           *code);

G_END_DECLS
