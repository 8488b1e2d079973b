/* studio-team-page.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "studio-page.h"

G_BEGIN_DECLS

#define STUDIO_TYPE_TEAM_PAGE (studio_team_page_get_type ())
G_DECLARE_FINAL_TYPE (StudioTeamPage, studio_team_page, STUDIO, TEAM_PAGE, StudioPage)

G_END_DECLS
