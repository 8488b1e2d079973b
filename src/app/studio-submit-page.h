/* studio-submit-page.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "studio-page.h"

G_BEGIN_DECLS

#define STUDIO_TYPE_SUBMIT_PAGE (studio_submit_page_get_type ())
G_DECLARE_FINAL_TYPE (StudioSubmitPage, studio_submit_page, STUDIO, SUBMIT_PAGE, StudioPage)

G_END_DECLS
