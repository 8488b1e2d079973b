/* reslib-evidence.h — attach a file of evidence (佐证材料) to a project, a milestone, a target, a budget line or
 * a narrative section of the reports: a job (reslib-job.h)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "reslib-job.h"
#include "reslib-store.h"

G_BEGIN_DECLS

#define RESLIB_TYPE_EVIDENCE_ADDER (reslib_evidence_adder_get_type ())
G_DECLARE_FINAL_TYPE (ReslibEvidenceAdder, reslib_evidence_adder, RESLIB, EVIDENCE_ADDER, ReslibJob)

ReslibEvidenceAdder *reslib_evidence_adder_new    (ReslibStore         *store,
                                                   const char          *project_id,
                                                   GFile               *file,
                                                   const char          *title,
                                                   ReslibKind           attached_kind,
                                                   const char          *attached_id);
void                 reslib_evidence_adder_set_section (ReslibEvidenceAdder *self,
                                                        const char          *section);
/* After a successful run */
const char          *reslib_evidence_adder_get_id (ReslibEvidenceAdder *self);

G_END_DECLS
