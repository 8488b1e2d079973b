/* studio-overview-page.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "studio-page.h"

G_BEGIN_DECLS

#define STUDIO_TYPE_OVERVIEW_PAGE (studio_overview_page_get_type ())
G_DECLARE_FINAL_TYPE (StudioOverviewPage, studio_overview_page, STUDIO, OVERVIEW_PAGE, StudioPage)

G_END_DECLS
