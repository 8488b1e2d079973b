/* studio-checks-page.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "studio-page.h"

G_BEGIN_DECLS

#define STUDIO_TYPE_CHECKS_PAGE (studio_checks_page_get_type ())
G_DECLARE_FINAL_TYPE (StudioChecksPage, studio_checks_page, STUDIO, CHECKS_PAGE, StudioPage)

G_END_DECLS
