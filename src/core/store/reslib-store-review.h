/* reslib-store-review.h — the two-level review: decisions by the reviewers of the units, and the review log
 * (sql/0012-review-decisions.sql)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "reslib-store.h"

G_BEGIN_DECLS

/* The two levels: a unit's own check first (not for the first host's resources), then the first host's. */
typedef enum
{
  RESLIB_REVIEW_LEVEL_UNIT = 1,
  RESLIB_REVIEW_LEVEL_HOST = 2,
} ReslibReviewLevel;

/* The checklist of a decision (政治性、科学性、版权): the checks the reviewer passed. */
typedef enum
{
  RESLIB_REVIEW_CHECK_NONE       = 0,
  RESLIB_REVIEW_CHECK_POLITICAL  = 1 << 0,
  RESLIB_REVIEW_CHECK_SCIENTIFIC = 1 << 1,
  RESLIB_REVIEW_CHECK_COPYRIGHT  = 1 << 2,
  RESLIB_REVIEW_CHECK_ALL        = 0x7,
} ReslibReviewChecks;

/* One row of the review log. */
typedef struct
{
  gint64              id;
  char               *resource_id;
  char               *resource_title;   /* the resource's title now */
  ReslibReviewLevel   level;
  char               *unit_id;          /* NULL for a decision without a member, or a unit removed since */
  char               *unit_name;        /* the unit's name then, or NULL */
  char               *reviewer_id;      /* NULL likewise */
  char               *reviewer;         /* the member's name then, or the store's actor */
  gboolean            approve;
  gboolean            has_checks;       /* FALSE: made without the checklist (reslib_store_review()) */
  ReslibReviewChecks  checks;
  char               *note;
  char               *decided_at;       /* ISO 8601, UTC */
} ReslibReviewDecision;

void                  reslib_review_decision_free       (ReslibReviewDecision *decision);

gboolean              reslib_store_review_decide        (ReslibStore         *store,
                                                         const char * const  *resource_ids,
                                                         ReslibReviewLevel    level,
                                                         const char          *reviewer_id,
                                                         gboolean             approve,
                                                         ReslibReviewChecks   checks,
                                                         const char          *note,
                                                         GError             **error);
ReslibReviewLevel     reslib_store_review_next_level    (ReslibStore         *store,
                                                         const char          *resource_id,
                                                         GError             **error);
char                 *reslib_store_first_host           (ReslibStore         *store,
                                                         const char          *project_id,
                                                         GError             **error);
GPtrArray            *reslib_store_list_review_log      (ReslibStore         *store,
                                                         const char          *project_id,
                                                         GError             **error);
GPtrArray            *reslib_store_list_review_decisions (ReslibStore        *store,
                                                          const char         *resource_id,
                                                          GError            **error);

/* reslib-store-review-travel.c: a unit's review travelling in a contribution (the import's and the packer's) */
gboolean              _reslib_store_review_unit_decision (ReslibStore           *store,
                                                          const char            *resource_id,
                                                          ReslibReviewDecision **decision,
                                                          GError               **error);
gboolean              _reslib_store_review_receive      (ReslibStore                 *store,
                                                         const char                  *project_id,
                                                         const ReslibReviewDecision  *d,
                                                         const char                  *bag,
                                                         gboolean                    *taken,
                                                         GError                     **error);
/* After an import rewrote a resource's content: a unit's pass of what it was no longer holds. */
gboolean              _reslib_store_review_import_edited (ReslibStore        *store,
                                                          const char         *project_id,
                                                          const char         *resource_id,
                                                          GError            **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ReslibReviewDecision, reslib_review_decision_free)

G_END_DECLS
