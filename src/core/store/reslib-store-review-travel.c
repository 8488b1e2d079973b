/* reslib-store-review-travel.c — a unit's review (level 1) travelling in a contribution to the lead
 *
 * A participating unit's reviewer checks the unit's resources in the teacher's library; the contribution
 * carries that decision (manifest.json "review_decisions", DESIGN §5) and the lead's import records it, so
 * that the first host decides (level 2) without the unit's check being made again. The package is only
 * the sender's claim: a decision is taken only where the lead's store agrees with it, and never more than
 * a decision of the unit itself could do (reslib-store-review.c).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "reslib-enums.h"
#include "reslib-error.h"
#include "reslib-record.h"
#include "reslib-store-private.h"
#include "reslib-store-review.h"

/**
 * _reslib_store_review_unit_decision:
 * @resource_id: a resource
 * @decision: (out) (transfer full) (nullable): the decision a contribution carries, or %NULL for none
 *
 * The unit's review of the resource that a contribution carries: the resource's latest decision, when it
 * is a level-1 decision and, for a pass, still holds (the resource was not edited since).
 *
 * Returns: %FALSE when the store cannot be read
 */
gboolean
_reslib_store_review_unit_decision (ReslibStore           *store,
                                    const char            *resource_id,
                                    ReslibReviewDecision **decision,
                                    GError               **error)
{
  g_autoptr(GPtrArray) all = reslib_store_list_review_decisions (store, resource_id, error);
  ReslibReviewDecision *latest;
  gboolean holds = TRUE;

  *decision = NULL;
  if (all == NULL)
    return FALSE;
  if (all->len == 0)
    return TRUE;
  latest = g_ptr_array_index (all, all->len - 1);
  if (latest->level != RESLIB_REVIEW_LEVEL_UNIT || latest->unit_id == NULL || latest->reviewer_id == NULL ||
      !latest->has_checks)
    return TRUE;
  if (latest->approve && !_reslib_store_review_unit_pass_holds (store, resource_id, &holds, error))
    return FALSE;
  if (holds)
    *decision = g_ptr_array_steal_index (all, all->len - 1);

  return TRUE;
}

/* Why a decision of a package is not taken, for the log. */
static const char *
set_aside (ReslibStore                 *store,
           const char                  *project_id,
           const ReslibReviewDecision  *d,
           char                       **unit_name,
           char                       **reviewer,
           GError                     **error)
{
  g_autoptr(ReslibStatement) stmt = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *first_host = NULL;
  g_autofree char *latest_at = NULL;
  g_autofree char *duplicate = NULL;

  stmt = reslib_statement_new (store, "SELECT r.state, r.unit_id, u.name FROM resources r "
                                      "LEFT JOIN units u ON u.id = r.unit_id AND u.project_id = r.project_id "
                                      "WHERE r.id = ? AND r.project_id = ?", error);
  if (stmt == NULL)
    return NULL;
  reslib_statement_bind_texts (stmt, 1, (const char * const[]) { d->resource_id, project_id, NULL });
  if (!reslib_statement_step (stmt, error))
    return reslib_statement_failed (stmt) ? NULL : "no-resource";
  if (g_strcmp0 (reslib_statement_get_text (stmt, 0), "in-review") != 0)
    return "not-in-review";
  /* The unit's own resource, by the lead's store: a package cannot pass another unit's resources. */
  if (g_strcmp0 (reslib_statement_get_text (stmt, 1), d->unit_id) != 0 || reslib_statement_is_null (stmt, 2))
    return "other-unit";
  *unit_name = reslib_statement_dup_text (stmt, 2);
  g_clear_pointer (&stmt, reslib_statement_free);

  /* The first host's resources have no level 1: its decision is the lead's own. */
  first_host = reslib_store_first_host (store, project_id, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  if (first_host == NULL || g_strcmp0 (first_host, d->unit_id) == 0)
    return "first-host";

  /* A reviewer is a member of the unit, by the lead's store; the name recorded is the store's. */
  *reviewer = _reslib_store_query_text (store, "SELECT name FROM members WHERE id = ? AND project_id = ? AND unit_id = ?",
                                        (const char * const[]) { d->reviewer_id, project_id, d->unit_id, NULL },
                                        &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  if (*reviewer == NULL)
    return "not-a-member";

  /* Nothing older than what the lead decided or received since, and nothing twice. */
  latest_at = _reslib_store_query_text (store, "SELECT decided_at FROM review_decisions WHERE resource_id = ? "
                                               "ORDER BY id DESC LIMIT 1",
                                        (const char * const[]) { d->resource_id, NULL }, &local_error);
  if (local_error == NULL)
    duplicate = _reslib_store_query_text (store, "SELECT id FROM review_decisions WHERE resource_id = ? AND level = 1 "
                                                 "AND reviewer_id = ? AND decided_at = ?",
                                          (const char * const[]) { d->resource_id, d->reviewer_id, d->decided_at, NULL },
                                          &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  if (duplicate != NULL)
    return "known";
  if (latest_at != NULL && strcmp (d->decided_at, latest_at) <= 0)
    return "older";

  return "";
}

/**
 * _reslib_store_review_receive:
 * @project_id: the project the package was imported into
 * @d: a unit's decision as the package gives it (its level, unit, reviewer id, verdict, checks, note and time)
 * @bag: the package's bag name, for the log
 * @taken: (out): whether the decision was recorded
 *
 * Inside the import's transaction, after the package's records are merged: records a unit's decision
 * (level 1) on one of its resources, as if the unit's reviewer had made it in this library, when this
 * library agrees: the resource is in the project and in review, is of the decision's unit, which is not
 * the first host; the reviewer is a member of that unit here; the decision is later than any the resource
 * has. A pass leaves the resource in review for the first host; a rejection rejects it, with its note.
 * Otherwise the decision is set aside, and the log says why ("review-set-aside").
 *
 * Returns: %FALSE on an error of the store
 */
gboolean
_reslib_store_review_receive (ReslibStore                 *store,
                              const char                  *project_id,
                              const ReslibReviewDecision  *d,
                              const char                  *bag,
                              gboolean                    *taken,
                              GError                     **error)
{
  g_autoptr(ReslibStatement) stmt = NULL;
  g_autofree char *unit_name = NULL;
  g_autofree char *reviewer = NULL;
  g_autofree char *now = reslib_now_iso8601 ();
  g_autofree char *detail = NULL;
  const char *decided_at = strcmp (d->decided_at, now) > 0 ? now : d->decided_at;
  const char *why;

  g_return_val_if_fail (d->level == RESLIB_REVIEW_LEVEL_UNIT, FALSE);

  *taken = FALSE;
  why = set_aside (store, project_id, d, &unit_name, &reviewer, error);
  if (why == NULL)
    return FALSE;
  if (*why != '\0')
    {
      detail = _reslib_store_detail_json ((const char * const[]) { "bag", "reason", "level", "unit", "reviewer",
                                                                   "decided_at", NULL },
                                          (const char * const[]) { bag, why, "1", d->unit_id, d->reviewer_id,
                                                                   d->decided_at });
      /* A resource not in the project has no log of its own here. */
      return strcmp (why, "no-resource") == 0 ||
             reslib_store_log_event (store, project_id, RESLIB_KIND_RESOURCE, d->resource_id, "review-set-aside",
                                     detail, error);
    }

  stmt = reslib_statement_new (store, "INSERT INTO review_decisions (project_id, resource_id, level, unit_id, "
                                      "unit_name, reviewer_id, reviewer, decision, political, scientific, copyright, "
                                      "note, decided_at) VALUES (?1, ?2, 1, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
                               error);
  if (stmt == NULL)
    return FALSE;
  reslib_statement_bind_texts (stmt, 1, (const char * const[]) { project_id, d->resource_id, d->unit_id, unit_name,
                                                                 d->reviewer_id, reviewer, NULL });
  reslib_statement_bind_text (stmt, 7, reslib_review_verdict_to_nick (d->approve ? RESLIB_REVIEW_VERDICT_APPROVE
                                                                                 : RESLIB_REVIEW_VERDICT_REJECT));
  reslib_statement_bind_int64 (stmt, 8, (d->checks & RESLIB_REVIEW_CHECK_POLITICAL) != 0);
  reslib_statement_bind_int64 (stmt, 9, (d->checks & RESLIB_REVIEW_CHECK_SCIENTIFIC) != 0);
  reslib_statement_bind_int64 (stmt, 10, (d->checks & RESLIB_REVIEW_CHECK_COPYRIGHT) != 0);
  reslib_statement_bind_text (stmt, 11, d->note != NULL && *d->note != '\0' ? d->note : NULL);
  reslib_statement_bind_text (stmt, 12, decided_at);
  if (!reslib_statement_execute (stmt, error))
    return FALSE;
  /* A unit's rejection sends the resource back, as it does in the unit's library. */
  if (!d->approve &&
      !RESLIB_STORE_EXEC (store, "UPDATE resources SET state = 'rejected', review_note = ?, reviewer = ?, "
                                 "reviewed_at = ?, updated_at = ? WHERE id = ?",
                          error, d->note != NULL ? d->note : "", reviewer, decided_at, now, d->resource_id))
    return FALSE;

  detail = _reslib_store_detail_json ((const char * const[]) { "from", "to", "note", "level", "reviewer", "bag", NULL },
                                      (const char * const[]) { "in-review", d->approve ? "in-review" : "rejected",
                                                               d->note, "1", reviewer, bag });
  if (!reslib_store_log_event (store, project_id, RESLIB_KIND_RESOURCE, d->resource_id,
                               d->approve ? "review-check" : "review-reject", detail, error))
    return FALSE;
  *taken = TRUE;

  return TRUE;
}
