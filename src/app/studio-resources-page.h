/* studio-resources-page.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "studio-page.h"

G_BEGIN_DECLS

#define STUDIO_TYPE_RESOURCES_PAGE (studio_resources_page_get_type ())
G_DECLARE_FINAL_TYPE (StudioResourcesPage, studio_resources_page, STUDIO, RESOURCES_PAGE, StudioPage)

G_END_DECLS
