/* reslib-store-review.c — the two-level review (sql/0012-review-decisions.sql)
 *
 * A resource of a unit other than the first host (第一主持单位: the host unit ranked first) is checked by a
 * reviewer of its own unit first (level 1); a reviewer of the first host decides (level 2). A resource of
 * the first host, or of no unit, goes straight to level 2. The first host may reject at any time; it may
 * approve a resource that needs level 1 only when the resource's latest decision is a level-1 approval that
 * still holds (a resubmission after a rejection, an approved resource edited and back in review, or a
 * resource edited after its unit passed it, is checked again).
 * Every decision is a row of review_decisions with its checklist (政治性、科学性、版权) and note: the review
 * log. resources.state says where the resource is, as before.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "reslib-enums.h"
#include "reslib-error.h"
#include "reslib-labels.h"
#include "reslib-record.h"
#include "reslib-store-private.h"
#include "reslib-store-review.h"

/**
 * reslib_review_decision_free:
 * @decision: (nullable) (transfer full): a row of the review log
 */
void
reslib_review_decision_free (ReslibReviewDecision *decision)
{
  if (decision == NULL)
    return;
  g_free (decision->resource_id);
  g_free (decision->resource_title);
  g_free (decision->unit_id);
  g_free (decision->unit_name);
  g_free (decision->reviewer_id);
  g_free (decision->reviewer);
  g_free (decision->note);
  g_free (decision->decided_at);
  g_free (decision);
}

/**
 * reslib_store_first_host:
 * @project_id: a project of the store
 *
 * The first host (第一主持单位): the host unit ranked 1; the first of them in the units' order when
 * several are (the checks report that).
 *
 * Returns: (transfer full) (nullable): its id, or %NULL when the project has none (@error unset) or the
 *   store cannot be read (@error set)
 */
char *
reslib_store_first_host (ReslibStore  *store,
                         const char   *project_id,
                         GError      **error)
{
  g_return_val_if_fail (RESLIB_IS_STORE (store), NULL);
  g_return_val_if_fail (project_id != NULL, NULL);

  return _reslib_store_query_text (store,
                                   "SELECT id FROM units WHERE project_id = ? AND role = 'host' AND host_rank = 1 "
                                   "ORDER BY position, created_at, id LIMIT 1",
                                   (const char * const[]) { project_id, NULL }, error);
}

/* What a decision needs to know of its resource */
typedef struct
{
  ReslibRecord *record;
  const char   *title;
  const char   *project_id;
  const char   *unit_id;       /* NULL: of no unit */
  char         *first_host;    /* NULL: the project has none */
  gboolean      needs_unit;    /* level 1 is required */
} Subject;

static void
subject_clear (Subject *s)
{
  g_clear_object (&s->record);
  g_clear_pointer (&s->first_host, g_free);
}

static gboolean
subject_load (ReslibStore  *store,
              const char   *resource_id,
              Subject      *s,
              GError      **error)
{
  g_autoptr(GError) local_error = NULL;

  s->record = reslib_store_get (store, RESLIB_KIND_RESOURCE, resource_id, error);
  if (s->record == NULL)
    return FALSE;
  s->title = reslib_record_get (s->record, "title");
  s->project_id = reslib_record_get (s->record, "project_id");
  s->unit_id = reslib_record_get (s->record, "unit_id");
  if (s->unit_id != NULL && *s->unit_id == '\0')
    s->unit_id = NULL;
  s->first_host = reslib_store_first_host (store, s->project_id, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  s->needs_unit = s->unit_id != NULL && g_strcmp0 (s->unit_id, s->first_host) != 0;

  return TRUE;
}

static gboolean
is_approval (const char *decision)
{
  ReslibReviewVerdict verdict;

  return reslib_review_verdict_from_nick (decision, &verdict) && verdict == RESLIB_REVIEW_VERDICT_APPROVE;
}

/* The resource's latest decision: its level and whether it approved; level 0 when it has none. */
static gboolean
latest_decision (ReslibStore  *store,
                 const char   *resource_id,
                 guint        *level,
                 gboolean     *approve,
                 GError      **error)
{
  g_autoptr(ReslibStatement) stmt = reslib_statement_new (store,
                                                          "SELECT level, decision FROM review_decisions "
                                                          "WHERE resource_id = ? ORDER BY id DESC LIMIT 1", error);

  *level = 0;
  *approve = FALSE;
  if (stmt == NULL)
    return FALSE;
  reslib_statement_bind_text (stmt, 1, resource_id);
  if (reslib_statement_step (stmt, error))
    {
      *level = (guint) reslib_statement_get_int64 (stmt, 0);
      *approve = is_approval (reslib_statement_get_text (stmt, 1));
    }

  return !reslib_statement_failed (stmt);
}

/* Whether the resource's latest decision is a level-1 pass that still holds: an edit of the resource after
 * the pass (recorded as a "review-recheck" event, see _reslib_store_review_edited()) voids it, and the unit
 * checks the resource again. */
static gboolean
unit_pass_holds (ReslibStore  *store,
                 const char   *resource_id,
                 gboolean     *holds,
                 GError      **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *last = NULL;
  guint level;
  gboolean approve;

  *holds = FALSE;
  if (!latest_decision (store, resource_id, &level, &approve, error))
    return FALSE;
  if (level != RESLIB_REVIEW_LEVEL_UNIT || !approve)
    return TRUE;
  last = _reslib_store_query_text (store,
                                   "SELECT action FROM events WHERE subject_id = ? "
                                   "AND action IN ('review-check', 'review-recheck') ORDER BY seq DESC LIMIT 1",
                                   (const char * const[]) { resource_id, NULL }, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  *holds = g_strcmp0 (last, "review-recheck") != 0;

  return TRUE;
}

/* Inside the caller's transaction, after an edit of the resource's content, metadata or file: an in-review
 * resource that had passed its unit's review (level 1) has to pass it again, since the unit checked what it
 * was before the edit. The pass stays in the log; an event says it no longer holds. */
gboolean
_reslib_store_review_edited (ReslibStore  *store,
                             const char   *project_id,
                             const char   *resource_id,
                             GError      **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *state = _reslib_store_query_text (store, "SELECT state FROM resources WHERE id = ?",
                                                     (const char * const[]) { resource_id, NULL }, &local_error);
  g_autofree char *detail = NULL;
  gboolean holds;

  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (g_strcmp0 (state, "in-review") != 0)
    return TRUE;
  if (!unit_pass_holds (store, resource_id, &holds, error))
    return FALSE;
  if (!holds)
    return TRUE;

  detail = _reslib_store_detail_json ((const char * const[]) { "level", "reason", NULL },
                                      (const char * const[]) { "1", "edited" });

  return reslib_store_log_event (store, project_id, RESLIB_KIND_RESOURCE, resource_id, "review-recheck", detail,
                                 error);
}

gboolean
_reslib_store_review_unit_pass_holds (ReslibStore  *store,
                                      const char   *resource_id,
                                      gboolean     *holds,
                                      GError      **error)
{
  return unit_pass_holds (store, resource_id, holds, error);
}

gboolean
_reslib_store_review_import_edited (ReslibStore  *store,
                                    const char   *project_id,
                                    const char   *resource_id,
                                    GError      **error)
{
  return _reslib_store_review_edited (store, project_id, resource_id, error);
}

/* A reviewer: a member of the project, with the unit's id and both names. */
typedef struct
{
  char *id;
  char *name;
  char *unit_id;
  char *unit_name;
} Reviewer;

static void
reviewer_clear (Reviewer *r)
{
  g_clear_pointer (&r->id, g_free);
  g_clear_pointer (&r->name, g_free);
  g_clear_pointer (&r->unit_id, g_free);
  g_clear_pointer (&r->unit_name, g_free);
}

static gboolean
reviewer_load (ReslibStore  *store,
               const char   *project_id,
               const char   *member_id,
               Reviewer     *r,
               GError      **error)
{
  g_autoptr(ReslibStatement) stmt = reslib_statement_new (store,
                                                          "SELECT m.id, m.name, u.id, u.name FROM members m "
                                                          "JOIN units u ON u.id = m.unit_id "
                                                          "WHERE m.id = ? AND m.project_id = ?", error);

  if (stmt == NULL)
    return FALSE;
  reslib_statement_bind_texts (stmt, 1, (const char * const[]) { member_id, project_id, NULL });
  if (!reslib_statement_step (stmt, error))
    {
      if (!reslib_statement_failed (stmt))
        g_set_error (error, RESLIB_ERROR, RESLIB_ERROR_NOT_FOUND,
                     _("No member “%s” in the resource's project: a reviewer is a member of a unit of the project"),
                     member_id);
      return FALSE;
    }
  r->id = reslib_statement_dup_text (stmt, 0);
  r->name = reslib_statement_dup_text (stmt, 1);
  r->unit_id = reslib_statement_dup_text (stmt, 2);
  r->unit_name = reslib_statement_dup_text (stmt, 3);

  return TRUE;
}

static char *
unit_name (ReslibStore  *store,
           const char   *unit_id,
           GError      **error)
{
  return _reslib_store_query_text (store, "SELECT name FROM units WHERE id = ?",
                                   (const char * const[]) { unit_id, NULL }, error);
}

static gboolean
insert_decision (ReslibStore        *store,
                 const Subject      *s,
                 ReslibReviewLevel   level,
                 const char         *unit_id,
                 const char         *unit_name,
                 const char         *reviewer_id,
                 const char         *reviewer,
                 gboolean            approve,
                 gboolean            has_checks,
                 ReslibReviewChecks  checks,
                 const char         *note,
                 const char         *now,
                 GError            **error)
{
  static const ReslibReviewChecks flags[] = { RESLIB_REVIEW_CHECK_POLITICAL, RESLIB_REVIEW_CHECK_SCIENTIFIC,
                                              RESLIB_REVIEW_CHECK_COPYRIGHT };
  g_autoptr(ReslibStatement) stmt = reslib_statement_new (store,
                                                          "INSERT INTO review_decisions (project_id, resource_id, "
                                                          "level, unit_id, unit_name, reviewer_id, reviewer, "
                                                          "decision, political, scientific, copyright, note, "
                                                          "decided_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, "
                                                          "?10, ?11, ?12, ?13)", error);

  if (stmt == NULL)
    return FALSE;
  reslib_statement_bind_texts (stmt, 1, (const char * const[]) { s->project_id,
                                                                 reslib_record_get (s->record, "id"), NULL });
  reslib_statement_bind_int64 (stmt, 3, level);
  reslib_statement_bind_text (stmt, 4, unit_id);
  reslib_statement_bind_text (stmt, 5, unit_name);
  reslib_statement_bind_text (stmt, 6, reviewer_id);
  reslib_statement_bind_text (stmt, 7, reviewer);
  reslib_statement_bind_text (stmt, 8, reslib_review_verdict_to_nick (approve ? RESLIB_REVIEW_VERDICT_APPROVE
                                                                                : RESLIB_REVIEW_VERDICT_REJECT));
  for (guint i = 0; i < G_N_ELEMENTS (flags); i++)
    {
      if (has_checks)
        reslib_statement_bind_int64 (stmt, 9 + (int) i, (checks & flags[i]) != 0);
      else
        reslib_statement_bind_null (stmt, 9 + (int) i);
    }
  reslib_statement_bind_text (stmt, 12, note != NULL && *note != '\0' ? note : NULL);
  reslib_statement_bind_text (stmt, 13, now);

  return reslib_statement_execute (stmt, error);
}

/* The level-1 approval a level-2 approval of @s needs, if it needs one. */
static gboolean
check_unit_passed (ReslibStore    *store,
                   const Subject  *s,
                   GError        **error)
{
  gboolean holds;
  g_autofree char *name = NULL;

  if (!s->needs_unit)
    return TRUE;
  if (!unit_pass_holds (store, reslib_record_get (s->record, "id"), &holds, error))
    return FALSE;
  if (holds)
    return TRUE;
  name = unit_name (store, s->unit_id, error);
  if (name == NULL)
    return FALSE;
  g_set_error (error, RESLIB_ERROR, RESLIB_ERROR_INVALID,
               _("The resource “%s” of “%s” has not passed its unit's review yet: a reviewer of “%s” checks it "
                 "first (level 1), then the first host decides"),
               s->title, name, name);

  return FALSE;
}

/* Inside the caller's transaction: one decision on an in-review resource. @reviewer NULL: the library's
 * own decision at level 2, without the checklist (reslib_store_review()). */
static gboolean
decide_one (ReslibStore        *store,
            const char         *resource_id,
            ReslibReviewLevel   level,
            const char         *reviewer_id,
            gboolean            approve,
            gboolean            has_checks,
            ReslibReviewChecks  checks,
            const char         *note,
            GError            **error)
{
  Subject s = { NULL, };
  Reviewer r = { NULL, };
  g_autofree char *now = reslib_now_iso8601 ();
  g_autofree char *detail = NULL;
  g_autofree char *level_text = g_strdup_printf ("%d", level);
  const char *state;
  const char *target = approve ? "approved" : "rejected";
  gboolean ok = FALSE;

  if (!subject_load (store, resource_id, &s, error))
    goto out;
  state = reslib_record_get (s.record, "state");
  if (g_strcmp0 (state, "in-review") != 0)
    {
      g_set_error (error, RESLIB_ERROR, RESLIB_ERROR_INVALID,
                   _("The resource “%s” is not in review (its state: %s): submit it for review first"),
                   s.title, reslib_label_resource_state (state));
      goto out;
    }
  if (reviewer_id != NULL && !reviewer_load (store, s.project_id, reviewer_id, &r, error))
    goto out;

  if (level == RESLIB_REVIEW_LEVEL_UNIT)
    {
      if (!s.needs_unit)
        {
          g_set_error (error, RESLIB_ERROR, RESLIB_ERROR_INVALID,
                       s.unit_id == NULL
                       ? _("The resource “%s” belongs to no unit: it goes straight to the first host's review (level 2)")
                       : _("The resource “%s” is the first host's own: it goes straight to the first host's review "
                           "(level 2)"),
                       s.title);
          goto out;
        }
      if (g_strcmp0 (r.unit_id, s.unit_id) != 0)
        {
          g_autofree char *name = unit_name (store, s.unit_id, error);

          if (name != NULL)
            g_set_error (error, RESLIB_ERROR, RESLIB_ERROR_INVALID,
                         _("%s is not a member of “%s”: the unit's review of “%s” is made by one of its own members"),
                         r.name, name, s.title);
          goto out;
        }
    }
  else if (reviewer_id != NULL)
    {
      if (s.first_host == NULL)
        {
          g_set_error_literal (error, RESLIB_ERROR, RESLIB_ERROR_INVALID,
                               _("The project has no first host (第一主持单位) to decide: rank a host unit first"));
          goto out;
        }
      if (g_strcmp0 (r.unit_id, s.first_host) != 0)
        {
          g_autofree char *name = unit_name (store, s.first_host, error);

          if (name != NULL)
            g_set_error (error, RESLIB_ERROR, RESLIB_ERROR_INVALID,
                         _("%s is not a member of the first host “%s”: the final decision on “%s” is the first host's"),
                         r.name, name, s.title);
          goto out;
        }
    }
  if (approve && level == RESLIB_REVIEW_LEVEL_HOST && !check_unit_passed (store, &s, error))
    goto out;

  if (!insert_decision (store, &s, level, r.unit_id, r.unit_name, r.id,
                        r.name != NULL ? r.name : reslib_store_get_actor (store), approve, has_checks, checks, note,
                        now, error))
    goto out;
  /* A unit's approval leaves the resource in review, waiting for the first host. */
  if (!(approve && level == RESLIB_REVIEW_LEVEL_UNIT) &&
      !RESLIB_STORE_EXEC (store,
                          "UPDATE resources SET state = ?, review_note = ?, reviewer = ?, reviewed_at = ?, updated_at = ? "
                          "WHERE id = ?", error, target, note != NULL ? note : "",
                          r.name != NULL ? r.name : reslib_store_get_actor (store), now, now, resource_id))
    goto out;

  detail = _reslib_store_detail_json ((const char * const[]) { "from", "to", "note", "level", "reviewer", NULL },
                                      (const char * const[]) { state,
                                                               approve && level == RESLIB_REVIEW_LEVEL_UNIT ? state : target,
                                                               note, level_text, r.name });
  ok = reslib_store_log_event (store, s.project_id, RESLIB_KIND_RESOURCE, resource_id,
                               approve && level == RESLIB_REVIEW_LEVEL_UNIT ? "review-check"
                               : approve ? "review-approve" : "review-reject",
                               detail, error);

out:
  subject_clear (&s);
  reviewer_clear (&r);

  return ok;
}

/* reslib_store_review()'s approval or rejection, inside its transaction: a level-2 decision of the library
 * itself, held to the same rule (a resource that needs its unit's review has passed it). */
gboolean
_reslib_store_review_decide_plain (ReslibStore *store,
                                   const char  *resource_id,
                                   gboolean     approve,
                                   const char  *note,
                                   GError     **error)
{
  return decide_one (store, resource_id, RESLIB_REVIEW_LEVEL_HOST, NULL, approve, FALSE, RESLIB_REVIEW_CHECK_NONE,
                     note, error);
}

static gboolean
decide (ReslibStore         *store,
        const char * const  *resource_ids,
        ReslibReviewLevel    level,
        const char          *reviewer_id,
        gboolean             approve,
        ReslibReviewChecks   checks,
        const char          *note,
        GError             **error)
{
  for (guint i = 0; resource_ids[i] != NULL; i++)
    if (!decide_one (store, resource_ids[i], level, reviewer_id, approve, TRUE, checks, note, error))
      return FALSE;

  return TRUE;
}

/**
 * reslib_store_review_decide:
 * @resource_ids: full ids of resources in review
 * @level: the unit's review (1) or the first host's (2)
 * @reviewer_id: the member who decides: of the resource's unit at level 1, of the first host at level 2
 * @approve: %TRUE to approve (pass, at level 1), %FALSE to reject
 * @checks: the checklist items the reviewer passed; an approval needs all three
 * @note: (nullable): the reviewer's note; needed to reject
 *
 * Records a review decision on each resource, all or none. A level-1 approval leaves the resource in
 * review for the first host; a rejection at either level makes it rejected, and a level-2 approval
 * approved. A level-2 approval of a resource that needs its unit's review (a resource of a unit other than
 * the first host) is refused unless its latest decision is a level-1 approval.
 *
 * Returns: %TRUE when every decision was recorded
 */
gboolean
reslib_store_review_decide (ReslibStore         *store,
                            const char * const  *resource_ids,
                            ReslibReviewLevel    level,
                            const char          *reviewer_id,
                            gboolean             approve,
                            ReslibReviewChecks   checks,
                            const char          *note,
                            GError             **error)
{
  g_return_val_if_fail (RESLIB_IS_STORE (store), FALSE);
  g_return_val_if_fail (resource_ids != NULL, FALSE);
  g_return_val_if_fail (level == RESLIB_REVIEW_LEVEL_UNIT || level == RESLIB_REVIEW_LEVEL_HOST, FALSE);
  g_return_val_if_fail (reviewer_id != NULL, FALSE);

  if (!approve && (note == NULL || *note == '\0'))
    {
      g_set_error_literal (error, RESLIB_ERROR, RESLIB_ERROR_INVALID,
                           _("Say why the resource is rejected: give a note, so its authors know what to fix"));
      return FALSE;
    }
  if (approve && (checks & RESLIB_REVIEW_CHECK_ALL) != RESLIB_REVIEW_CHECK_ALL)
    {
      g_set_error_literal (error, RESLIB_ERROR, RESLIB_ERROR_INVALID,
                           _("An approval needs every check passed (political, scientific, copyright): "
                             "check them all, or reject with a note"));
      return FALSE;
    }

  RESLIB_STORE_IN_TRANSACTION (store, error, decide (store, resource_ids, level, reviewer_id, approve, checks, note,
                                                     error));
}

/**
 * reslib_store_review_next_level:
 * @resource_id: a resource
 *
 * Which review an in-review resource waits for: its unit's (level 1) or the first host's (level 2).
 *
 * Returns: the level; 0 when the resource is not in review or the store cannot be read (@error set then)
 */
ReslibReviewLevel
reslib_store_review_next_level (ReslibStore  *store,
                                const char   *resource_id,
                                GError      **error)
{
  Subject s = { NULL, };
  ReslibReviewLevel next = 0;
  gboolean holds;

  g_return_val_if_fail (RESLIB_IS_STORE (store), 0);
  g_return_val_if_fail (resource_id != NULL, 0);

  if (!subject_load (store, resource_id, &s, error))
    goto out;
  if (g_strcmp0 (reslib_record_get (s.record, "state"), "in-review") != 0)
    goto out;
  if (!s.needs_unit)
    next = RESLIB_REVIEW_LEVEL_HOST;
  else if (unit_pass_holds (store, resource_id, &holds, error))
    next = holds ? RESLIB_REVIEW_LEVEL_HOST : RESLIB_REVIEW_LEVEL_UNIT;

out:
  subject_clear (&s);

  return next;
}

static GPtrArray *
list_decisions (ReslibStore  *store,
                const char   *where,
                const char   *id,
                GError      **error)
{
  g_autofree char *sql = g_strdup_printf ("SELECT d.id, d.resource_id, r.title, d.level, d.unit_id, d.unit_name, "
                                          "d.reviewer_id, d.reviewer, d.decision, d.political, d.scientific, "
                                          "d.copyright, d.note, d.decided_at FROM review_decisions d "
                                          "JOIN resources r ON r.id = d.resource_id WHERE %s ORDER BY d.id", where);
  g_autoptr(ReslibStatement) stmt = reslib_statement_new (store, sql, error);
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) reslib_review_decision_free);

  if (stmt == NULL)
    return NULL;
  reslib_statement_bind_text (stmt, 1, id);
  while (reslib_statement_step (stmt, error))
    {
      ReslibReviewDecision *d = g_new0 (ReslibReviewDecision, 1);

      d->id = reslib_statement_get_int64 (stmt, 0);
      d->resource_id = reslib_statement_dup_text (stmt, 1);
      d->resource_title = reslib_statement_dup_text (stmt, 2);
      d->level = (ReslibReviewLevel) reslib_statement_get_int64 (stmt, 3);
      d->unit_id = reslib_statement_dup_text (stmt, 4);
      d->unit_name = reslib_statement_dup_text (stmt, 5);
      d->reviewer_id = reslib_statement_dup_text (stmt, 6);
      d->reviewer = reslib_statement_dup_text (stmt, 7);
      d->approve = is_approval (reslib_statement_get_text (stmt, 8));
      d->has_checks = !reslib_statement_is_null (stmt, 9);
      if (reslib_statement_get_int64 (stmt, 9))
        d->checks |= RESLIB_REVIEW_CHECK_POLITICAL;
      if (reslib_statement_get_int64 (stmt, 10))
        d->checks |= RESLIB_REVIEW_CHECK_SCIENTIFIC;
      if (reslib_statement_get_int64 (stmt, 11))
        d->checks |= RESLIB_REVIEW_CHECK_COPYRIGHT;
      d->note = reslib_statement_dup_text (stmt, 12);
      d->decided_at = reslib_statement_dup_text (stmt, 13);
      g_ptr_array_add (rows, d);
    }
  if (reslib_statement_failed (stmt))
    return NULL;

  return g_steal_pointer (&rows);
}

/**
 * reslib_store_list_review_log:
 * @project_id: a project of the store
 *
 * Returns: (transfer full) (element-type ReslibReviewDecision): every review decision on the project's
 *   resources, in the order they were made, or %NULL with @error set
 */
GPtrArray *
reslib_store_list_review_log (ReslibStore  *store,
                              const char   *project_id,
                              GError      **error)
{
  g_return_val_if_fail (RESLIB_IS_STORE (store), NULL);
  g_return_val_if_fail (project_id != NULL, NULL);

  return list_decisions (store, "d.project_id = ?", project_id, error);
}

/**
 * reslib_store_list_review_decisions:
 * @resource_id: a resource
 *
 * Returns: (transfer full) (element-type ReslibReviewDecision): the decisions on the resource, oldest
 *   first, or %NULL with @error set
 */
GPtrArray *
reslib_store_list_review_decisions (ReslibStore  *store,
                                    const char   *resource_id,
                                    GError      **error)
{
  g_return_val_if_fail (RESLIB_IS_STORE (store), NULL);
  g_return_val_if_fail (resource_id != NULL, NULL);

  return list_decisions (store, "d.resource_id = ?", resource_id, error);
}
