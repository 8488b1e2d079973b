/* studio-submit-page.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "studio-page.h"

G_BEGIN_DECLS

#define STUDIO_TYPE_SUBMIT_PAGE (studio_submit_page_get_type ())
G_DECLARE_FINAL_TYPE (StudioSubmitPage, studio_submit_page, STUDIO, SUBMIT_PAGE, StudioPage)

/* The file "Build Package" writes (as if chosen in the save dialog). */
void        studio_submit_page_set_output_path  (StudioSubmitPage *self,
                                                 const char       *path);
const char *studio_submit_page_get_output_path  (StudioSubmitPage *self);
gboolean    studio_submit_page_is_building      (StudioSubmitPage *self);
gboolean    studio_submit_page_is_uploading     (StudioSubmitPage *self);
/* The package built last (NULL before), and the submission uploaded last (NULL before). */
const char *studio_submit_page_get_built_path   (StudioSubmitPage *self);
const char *studio_submit_page_get_submission_id (StudioSubmitPage *self);
/* For a contribution of resources chosen one by one. */
void        studio_submit_page_choose_resource  (StudioSubmitPage *self,
                                                 const char       *resource_id,
                                                 gboolean          chosen);

G_END_DECLS
