/* reslib-store-targets.c — the project's targets (任务书/建设目标, sql/0010-targets.sql) and their actual numbers
 *
 * What "actual" counts for each kind of target. The kinds are the quantitative targets of the 申报书's
 * 三、建设目标 (标准化课程、个性化课程、颗粒化资源数量、题库、培训包; /work/shared/domain.md (f)); the store
 * counts them as follows, every count within the target's project:
 *
 * - resources (颗粒化资源总数): resources not rejected in review (a rejected resource is not part of the
 *   library; drafts and resources in review are, as the built work of the period);
 * - resource-type (各类型资源): the same, of the target's resource type;
 * - course-resources (课程资源): distinct resources not rejected that are placed on a node of the course;
 * - questions (题库题量): resources not rejected of type exercise, one question each: the store holds no
 *   number of questions inside a file, so a question bank counted by questions is one exercise per question;
 * - standard-courses (标准化课程): courses of kind standardized;
 * - personal-courses (个性化课程): courses of kind personalised;
 * - training-packages (培训包): courses of kind training (培训, as the glossary has it: not 实训).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "reslib-error.h"
#include "reslib-labels.h"
#include "reslib-store-private.h"
#include "reslib-store-targets.h"

#define LIVE "r.project_id = t.project_id AND r.state <> 'rejected'"

static const char LIST_SQL[] =
  "SELECT t.id, t.kind, t.resource_type, t.course_id, c.title, t.planned, t.note, "
  "       CASE t.kind "
  "         WHEN 'resources' THEN (SELECT count (*) FROM resources r WHERE " LIVE ") "
  "         WHEN 'resource-type' THEN (SELECT count (*) FROM resources r WHERE " LIVE " AND r.type = t.resource_type) "
  "         WHEN 'course-resources' THEN "
  "           (SELECT count (DISTINCT rn.resource_id) FROM course_nodes n "
  "            JOIN resource_nodes rn ON rn.node_id = n.id JOIN resources r ON r.id = rn.resource_id "
  "            WHERE n.course_id = t.course_id AND " LIVE ") "
  "         WHEN 'questions' THEN (SELECT count (*) FROM resources r WHERE " LIVE " AND r.type = 'exercise') "
  "         WHEN 'standard-courses' THEN "
  "           (SELECT count (*) FROM courses k WHERE k.project_id = t.project_id AND k.kind = 'standardized') "
  "         WHEN 'personal-courses' THEN "
  "           (SELECT count (*) FROM courses k WHERE k.project_id = t.project_id AND k.kind = 'personalised') "
  "         WHEN 'training-packages' THEN "
  "           (SELECT count (*) FROM courses k WHERE k.project_id = t.project_id AND k.kind = 'training') "
  "         ELSE NULL END "
  "FROM targets t LEFT JOIN courses c ON c.id = t.course_id "
  "WHERE t.project_id = ?1 "
  "ORDER BY CASE t.kind WHEN 'resources' THEN 0 WHEN 'resource-type' THEN 1 WHEN 'course-resources' THEN 2 "
  "         WHEN 'questions' THEN 3 WHEN 'standard-courses' THEN 4 WHEN 'personal-courses' THEN 5 "
  "         WHEN 'training-packages' THEN 6 ELSE 7 END, "
  "         CASE t.resource_type WHEN 'text' THEN 0 WHEN 'slides' THEN 1 WHEN 'image' THEN 2 WHEN 'audio' THEN 3 "
  "         WHEN 'video' THEN 4 WHEN 'animation' THEN 5 WHEN 'simulation' THEN 6 WHEN 'exercise' THEN 7 "
  "         WHEN 'case' THEN 8 ELSE 9 END, "
  "         coalesce (c.position, 0), coalesce (c.created_at, ''), t.position, t.created_at";

/**
 * reslib_target_progress_free:
 * @progress: (nullable) (transfer full): a target with its actual number
 */
void
reslib_target_progress_free (ReslibTargetProgress *progress)
{
  if (progress == NULL)
    return;
  g_free (progress->id);
  g_free (progress->kind);
  g_free (progress->resource_type);
  g_free (progress->course_id);
  g_free (progress->course_title);
  g_free (progress->note);
  g_free (progress);
}

/**
 * reslib_target_progress_percent:
 * @progress: a target with its actual number
 *
 * Returns: the actual number in percent of the planned one, rounded down (a target reached shows 100 only
 *   when it is); -1 when the actual number is not counted or nothing is planned
 */
int
reslib_target_progress_percent (const ReslibTargetProgress *progress)
{
  g_return_val_if_fail (progress != NULL, -1);

  if (progress->actual < 0 || progress->planned <= 0)
    return -1;

  return (int) MIN ((progress->actual * 100) / progress->planned, (gint64) G_MAXINT);
}

/**
 * reslib_target_progress_below_plan:
 * @progress: a target with its actual number
 * @threshold_percent: the share of the planned number that is expected, in percent
 *
 * Returns: %TRUE when the actual number is counted and below @threshold_percent of the planned number
 */
gboolean
reslib_target_progress_below_plan (const ReslibTargetProgress *progress,
                                   int                         threshold_percent)
{
  g_return_val_if_fail (progress != NULL, FALSE);

  if (progress->actual < 0 || progress->planned <= 0)
    return FALSE;

  /* actual / planned < threshold / 100, in integers */
  return progress->actual * 100 < progress->planned * (gint64) threshold_percent;
}

/**
 * reslib_store_list_target_progress:
 * @project_id: a project of the store
 *
 * The project's targets with their actual numbers, read in one statement: the targets in the order of
 * their kinds (then resource types, then courses).
 *
 * Returns: (transfer full) (element-type ReslibTargetProgress): the targets, or %NULL with @error set
 */
GPtrArray *
reslib_store_list_target_progress (ReslibStore  *store,
                                   const char   *project_id,
                                   GError      **error)
{
  g_autoptr(ReslibStatement) stmt = NULL;
  g_autoptr(GPtrArray) targets = g_ptr_array_new_with_free_func ((GDestroyNotify) reslib_target_progress_free);

  g_return_val_if_fail (RESLIB_IS_STORE (store), NULL);
  g_return_val_if_fail (project_id != NULL, NULL);

  stmt = reslib_statement_new (store, LIST_SQL, error);
  if (stmt == NULL)
    return NULL;
  reslib_statement_bind_text (stmt, 1, project_id);
  while (reslib_statement_step (stmt, error))
    {
      ReslibTargetProgress *p = g_new0 (ReslibTargetProgress, 1);

      p->id = reslib_statement_dup_text (stmt, 0);
      p->kind = reslib_statement_dup_text (stmt, 1);
      p->resource_type = reslib_statement_dup_text (stmt, 2);
      p->course_id = reslib_statement_dup_text (stmt, 3);
      p->course_title = reslib_statement_dup_text (stmt, 4);
      p->planned = reslib_statement_get_int64 (stmt, 5);
      p->note = reslib_statement_dup_text (stmt, 6);
      p->actual = reslib_statement_is_null (stmt, 7) ? -1 : reslib_statement_get_int64 (stmt, 7);
      g_ptr_array_add (targets, p);
    }
  if (reslib_statement_failed (stmt))
    return NULL;

  return g_steal_pointer (&targets);
}

/* Checks @subject against @kind: a resource type for resource-type, a course of the project for
 * course-resources, nothing for the others. */
static gboolean
check_subject (ReslibStore  *store,
               const char   *project_id,
               const char   *kind,
               const char   *subject,
               GError      **error)
{
  gboolean has_subject = subject != NULL && *subject != '\0';

  if (!reslib_strv_contains (reslib_target_kinds, kind))
    {
      g_autofree char *list = g_strjoinv (", ", (char **) reslib_target_kinds);

      g_set_error (error, RESLIB_ERROR, RESLIB_ERROR_INVALID, _("“%s” is not a kind of target: use one of %s"),
                   kind != NULL ? kind : "", list);
      return FALSE;
    }
  if (g_str_equal (kind, "resource-type"))
    {
      if (!reslib_strv_contains (reslib_resource_types, subject))
        {
          g_autofree char *list = g_strjoinv (", ", (char **) reslib_resource_types);

          g_set_error (error, RESLIB_ERROR, RESLIB_ERROR_INVALID,
                       _("A target of resources of a type needs the type, one of %s (e.g. resource-type:video)"), list);
          return FALSE;
        }
    }
  else if (g_str_equal (kind, "course-resources"))
    {
      g_autofree char *owner = NULL;
      g_autoptr(GError) local_error = NULL;

      if (!has_subject)
        {
          g_set_error_literal (error, RESLIB_ERROR, RESLIB_ERROR_INVALID,
                               _("A target of resources of a course needs the course (e.g. course-resources:COURSE)"));
          return FALSE;
        }
      owner = reslib_store_project_of (store, RESLIB_KIND_COURSE, subject, &local_error);
      if (g_strcmp0 (owner, project_id) != 0)
        {
          g_set_error (error, RESLIB_ERROR, RESLIB_ERROR_NOT_FOUND, _("The project has no course “%s”"), subject);
          return FALSE;
        }
    }
  else if (has_subject)
    {
      g_set_error (error, RESLIB_ERROR, RESLIB_ERROR_INVALID,
                   _("A target of “%s” is for the whole project: give no type or course after it"),
                   reslib_label_target_kind (kind));
      return FALSE;
    }

  return TRUE;
}

/* The target of @kind and @subject (checked), or NULL without an error when there is none. */
static char *
find_target (ReslibStore  *store,
             const char   *project_id,
             const char   *kind,
             const char   *subject,
             GError      **error)
{
  g_autoptr(ReslibStatement) stmt = reslib_statement_new (store,
                                                         "SELECT id FROM targets WHERE project_id = ?1 AND kind = ?2 "
                                                         "AND coalesce (resource_type, course_id, '') = ?3",
                                                         error);

  if (stmt == NULL)
    return NULL;
  reslib_statement_bind_texts (stmt, 1, (const char * const[]) { project_id, kind, subject != NULL ? subject : "",
                                                                 NULL });
  if (!reslib_statement_step (stmt, error))
    return NULL;

  return reslib_statement_dup_text (stmt, 0);
}

/**
 * reslib_store_find_target:
 * @project_id: a project of the store
 * @kind: a kind of target ("resource-type")
 * @subject: (nullable): its resource type or course id, for the kinds that have one
 *
 * Returns: (transfer full) (nullable): the id of the project's target of @kind and @subject; %NULL with
 *   @error set when there is none (%RESLIB_ERROR_NOT_FOUND) or @kind and @subject do not fit
 */
char *
reslib_store_find_target (ReslibStore  *store,
                          const char   *project_id,
                          const char   *kind,
                          const char   *subject,
                          GError      **error)
{
  g_autoptr(GError) local_error = NULL;
  char *id;

  g_return_val_if_fail (RESLIB_IS_STORE (store), NULL);
  g_return_val_if_fail (project_id != NULL, NULL);

  if (!check_subject (store, project_id, kind, subject, error))
    return NULL;
  id = find_target (store, project_id, kind, subject, &local_error);
  if (local_error != NULL)
    g_propagate_error (error, g_steal_pointer (&local_error));
  else if (id == NULL)
    g_set_error (error, RESLIB_ERROR, RESLIB_ERROR_NOT_FOUND, _("The project has no target of “%s”%s%s"),
                 reslib_label_target_kind (kind), subject != NULL ? " " : "", subject != NULL ? subject : "");

  return id;
}

/**
 * reslib_store_set_target:
 * @project_id: a project of the store
 * @kind: a kind of target ("questions")
 * @subject: (nullable): its resource type (resource-type) or course id (course-resources)
 * @planned: the planned number, zero or more
 * @note: (nullable): a note; %NULL keeps the note of a target that exists
 * @created: (out) (optional): whether a new target was made
 *
 * Sets the planned number of the project's target of @kind and @subject, making the target when the
 * project has none, in one transaction.
 *
 * Returns: (transfer full): the target's id, or %NULL with @error set
 */
char *
reslib_store_set_target (ReslibStore  *store,
                         const char   *project_id,
                         const char   *kind,
                         const char   *subject,
                         gint64        planned,
                         const char   *note,
                         gboolean     *created,
                         GError      **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *planned_text = NULL;
  g_autofree char *id = NULL;

  g_return_val_if_fail (RESLIB_IS_STORE (store), NULL);
  g_return_val_if_fail (project_id != NULL, NULL);

  if (created != NULL)
    *created = FALSE;
  if (planned < 0)
    {
      g_set_error_literal (error, RESLIB_ERROR, RESLIB_ERROR_INVALID,
                           _("A planned number is a whole number of zero or more"));
      return NULL;
    }
  if (subject != NULL && *subject == '\0')
    subject = NULL;
  if (!check_subject (store, project_id, kind, subject, error) || !reslib_store_begin (store, error))
    return NULL;

  planned_text = g_strdup_printf ("%" G_GINT64_FORMAT, planned);
  id = find_target (store, project_id, kind, subject, &local_error);
  if (local_error == NULL && id != NULL)
    {
      gboolean ok;

      if (note != NULL)
        ok = reslib_store_update (store, RESLIB_KIND_TARGET, id, (const char * const[]) { "planned", "note", NULL },
                                  (const char * const[]) { planned_text, note }, &local_error);
      else
        ok = reslib_store_update (store, RESLIB_KIND_TARGET, id, (const char * const[]) { "planned", NULL },
                                  (const char * const[]) { planned_text }, &local_error);
      if (!ok)
        g_clear_pointer (&id, g_free);
    }
  else if (local_error == NULL)
    {
      gboolean is_type = g_str_equal (kind, "resource-type");
      gboolean is_course = g_str_equal (kind, "course-resources");

      id = reslib_store_insert (store, RESLIB_KIND_TARGET,
                                (const char * const[]) { "project_id", "kind", "planned",
                                                         is_type ? "resource_type" : is_course ? "course_id" : "note",
                                                         (is_type || is_course) ? "note" : NULL, NULL },
                                (const char * const[]) { project_id, kind, planned_text,
                                                         (is_type || is_course) ? subject : note,
                                                         note },
                                &local_error);
      if (id != NULL && created != NULL)
        *created = TRUE;
    }
  if (local_error != NULL)
    {
      reslib_store_rollback (store);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  if (!reslib_store_commit (store, error))
    return NULL;

  return g_steal_pointer (&id);
}
