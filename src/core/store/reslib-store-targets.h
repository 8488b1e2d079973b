/* reslib-store-targets.h — the project's targets (任务书/建设目标): planned numbers and what the store holds
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "reslib-store.h"

G_BEGIN_DECLS

/* One target with its actual number, as reports, the rule project.targets and the lists show it. */
typedef struct
{
  char   *id;
  char   *kind;            /* a nick of ReslibTargetKind */
  char   *resource_type;   /* resource-type: the type's nick; else NULL */
  char   *course_id;       /* course-resources: the course; else NULL */
  char   *course_title;
  gint64  planned;
  gint64  actual;          /* -1 when the store holds nothing to count it by (personal-courses) */
  char   *note;
} ReslibTargetProgress;

void        reslib_target_progress_free        (ReslibTargetProgress *progress);
int         reslib_target_progress_percent     (const ReslibTargetProgress *progress);
gboolean    reslib_target_progress_below_plan  (const ReslibTargetProgress *progress,
                                                int                         threshold_percent);

GPtrArray  *reslib_store_list_target_progress  (ReslibStore  *store,
                                                const char   *project_id,
                                                GError      **error);
char       *reslib_store_find_target           (ReslibStore  *store,
                                                const char   *project_id,
                                                const char   *kind,
                                                const char   *subject,
                                                GError      **error);
char       *reslib_store_set_target            (ReslibStore  *store,
                                                const char   *project_id,
                                                const char   *kind,
                                                const char   *subject,
                                                gint64        planned,
                                                const char   *note,
                                                gboolean     *created,
                                                GError      **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ReslibTargetProgress, reslib_target_progress_free)

G_END_DECLS
