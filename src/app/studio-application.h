/* studio-application.h — the ResLib Studio application
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "reslib-core.h"
#include "studio-session.h"

G_BEGIN_DECLS

#define STUDIO_TYPE_APPLICATION (studio_application_get_type ())
G_DECLARE_FINAL_TYPE (StudioApplication, studio_application, STUDIO, APPLICATION, AdwApplication)

StudioApplication *studio_application_new        (void);
ReslibStore       *studio_application_get_store  (StudioApplication *self);
StudioSession     *studio_application_get_session (StudioApplication *self);

G_END_DECLS
