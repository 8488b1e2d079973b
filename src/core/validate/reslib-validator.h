/* reslib-validator.h — checking a project against a rule profile, as a job
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "reslib-finding.h"
#include "reslib-finding-list.h"
#include "reslib-job.h"
#include "reslib-profile.h"
#include "reslib-store.h"

G_BEGIN_DECLS

#define RESLIB_TYPE_VALIDATOR (reslib_validator_get_type ())
G_DECLARE_FINAL_TYPE (ReslibValidator, reslib_validator, RESLIB, VALIDATOR, ReslibJob)

ReslibValidator *reslib_validator_new              (ReslibStore      *store,
                                                    const char       *project_id,
                                                    ReslibProfile    *profile);
void             reslib_validator_set_package_kind (ReslibValidator  *self,
                                                    const char       *package_kind);
const char      *reslib_validator_get_package_kind (ReslibValidator  *self);
const char      *reslib_validator_get_project_id   (ReslibValidator  *self);
ReslibProfile   *reslib_validator_get_profile      (ReslibValidator  *self);
GListModel      *reslib_validator_get_findings     (ReslibValidator  *self);

gboolean         reslib_credit_code_is_valid       (const char       *code);

G_END_DECLS
