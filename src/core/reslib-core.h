/* reslib-core.h — the ResLib core library: everything but the user interface
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "reslib-entity.h"
#include "reslib-error.h"
#include "reslib-job.h"
#include "reslib-importer.h"
#include "reslib-labels.h"
#include "reslib-package-sniff.h"
#include "reslib-probe.h"
#include "reslib-prober.h"
#include "reslib-record.h"
#include "reslib-profile.h"
#include "reslib-report.h"
#include "reslib-sheet-columns.h"
#include "reslib-sheet-export.h"
#include "reslib-findings-export.h"
#include "reslib-review-log-export.h"
#include "reslib-store-resource-list.h"
#include "reslib-output.h"
#include "reslib-store.h"
#include "reslib-store-checks.h"
#include "reslib-store-conflicts.h"
#include "reslib-store-contribution.h"
#include "reslib-store-review.h"
#include "reslib-store-roles.h"
#include "reslib-store-targets.h"
#include "reslib-store-units.h"
#include "reslib-text.h"
#include "reslib-validator.h"
#include "reslib-demo.h"

void reslib_core_init         (void);
void reslib_main_context_post (GMainContext   *context,
                               GSourceFunc     func,
                               gpointer        data,
                               GDestroyNotify  notify);
