/* studio-courses-page.h — the Courses page: the tree of courses, modules and knowledge/skill points
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "studio-page.h"

G_BEGIN_DECLS

#define STUDIO_TYPE_COURSES_PAGE (studio_courses_page_get_type ())
G_DECLARE_FINAL_TYPE (StudioCoursesPage, studio_courses_page, STUDIO, COURSES_PAGE, StudioPage)

/* Where a dragged course or node lands on the row it is dropped on. */
typedef enum
{
  STUDIO_DROP_INTO,    /* the row becomes its parent (a course: its top level) */
  STUDIO_DROP_AFTER,   /* it becomes the row's next sibling */
} StudioDropPosition;

/* What a drop on a row of the course tree does: @source_id is the dragged course or node
 * (the drag's string value), @target_id the record of the row it was dropped on. */
gboolean studio_courses_page_drop          (StudioCoursesPage  *self,
                                            const char         *source_id,
                                            const char         *target_id,
                                            StudioDropPosition  where,
                                            GError            **error);

/* Links the resources @resource_ids (dropped from the Resources page) to the node @node_id, besides
 * their other nodes, as one undoable step. */
gboolean studio_courses_page_link_resources (StudioCoursesPage  *self,
                                             const char * const *resource_ids,
                                             const char         *node_id,
                                             GError            **error);

/* Selects the row of that course or node (expanding its parents); FALSE when it is not in the tree. */
gboolean studio_courses_page_select        (StudioCoursesPage  *self,
                                            const char         *id);

G_END_DECLS
