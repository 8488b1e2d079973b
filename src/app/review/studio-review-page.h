/* studio-review-page.h — the Review page: the project's review queue
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "reslib-output.h"
#include "studio-page.h"

G_BEGIN_DECLS

#define STUDIO_TYPE_REVIEW_PAGE (studio_review_page_get_type ())
G_DECLARE_FINAL_TYPE (StudioReviewPage, studio_review_page, STUDIO, REVIEW_PAGE, StudioPage)

void     studio_review_page_export_log_to_file        (StudioReviewPage    *self,
                                                       GFile               *file,
                                                       ReslibOutputFlags    flags,
                                                       GAsyncReadyCallback  callback,
                                                       gpointer             user_data);
gboolean studio_review_page_export_log_to_file_finish (GAsyncResult        *result,
                                                       GError             **error);

G_END_DECLS
