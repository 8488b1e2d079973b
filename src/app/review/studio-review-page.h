/* studio-review-page.h — the Review page: the project's review queue
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "studio-page.h"

G_BEGIN_DECLS

#define STUDIO_TYPE_REVIEW_PAGE (studio_review_page_get_type ())
G_DECLARE_FINAL_TYPE (StudioReviewPage, studio_review_page, STUDIO, REVIEW_PAGE, StudioPage)

G_END_DECLS
