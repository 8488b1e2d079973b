/* studio-courses-page.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "studio-page.h"

G_BEGIN_DECLS

#define STUDIO_TYPE_COURSES_PAGE (studio_courses_page_get_type ())
G_DECLARE_FINAL_TYPE (StudioCoursesPage, studio_courses_page, STUDIO, COURSES_PAGE, StudioPage)

G_END_DECLS
