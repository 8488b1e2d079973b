/* test-review.c — the two-level review: a unit's reviewer checks first, the first host decides, with the
 * checklist, and the review log
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <locale.h>

#include "reslib-replacer.h"
#include "reslib-store-review.h"
#include "reslib-test-utils.h"

typedef struct
{
  char        *dir;
  ReslibStore *store;
  char        *project;
  char        *first_host;    /* ranked 1 */
  char        *second_host;   /* ranked 2 */
  char        *participant;
  char        *host_reviewer;
  char        *second_reviewer;
  char        *unit_reviewer;
  char        *of_host;        /* resources: of the first host, of the participant, of the second host, of none */
  char        *of_participant;
  char        *of_second;
  char        *of_none;
} Fixture;

static char *
add_unit (Fixture    *f,
          const char *name,
          const char *role,
          const char *rank)
{
  return reslib_test_insert (f->store, RESLIB_KIND_UNIT,
                             (const char * const[]) { "project_id", "name", "kind", "role", "host_rank", NULL },
                             (const char * const[]) { f->project, name, "higher-vocational", role, rank });
}

static char *
add_member (Fixture    *f,
            const char *unit,
            const char *name)
{
  return reslib_test_insert (f->store, RESLIB_KIND_MEMBER,
                             (const char * const[]) { "project_id", "unit_id", "name", NULL },
                             (const char * const[]) { f->project, unit, name });
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GPtrArray) ids = NULL;
  g_autoptr(GError) error = NULL;

  f->dir = reslib_test_make_tmp_dir ("reslib-review-XXXXXX");
  f->store = reslib_test_open_store (f->dir);
  reslib_store_set_actor (f->store, "lead");
  f->project = reslib_test_new_project (f->store, "两级审核");
  f->first_host = add_unit (f, "河南示范职业技术学院", "host", "1");
  f->second_host = add_unit (f, "中原装备制造职业学院", "host", "2");
  f->participant = reslib_test_insert (f->store, RESLIB_KIND_UNIT,
                                       (const char * const[]) { "project_id", "name", "kind", "role", NULL },
                                       (const char * const[]) { f->project, "河南精工数控机床有限公司", "enterprise",
                                                                "participant" });
  f->host_reviewer = add_member (f, f->first_host, "王建华");
  f->second_reviewer = add_member (f, f->second_host, "赵磊");
  f->unit_reviewer = add_member (f, f->participant, "孙工");

  reslib_test_fill_resources (f->store, f->project, 4, TRUE);
  ids = reslib_store_list_resource_ids (f->store, f->project, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ids->len, ==, 4);
  f->of_host = g_strdup (g_ptr_array_index (ids, 0));
  f->of_participant = g_strdup (g_ptr_array_index (ids, 1));
  f->of_second = g_strdup (g_ptr_array_index (ids, 2));
  f->of_none = g_strdup (g_ptr_array_index (ids, 3));
  reslib_test_update (f->store, RESLIB_KIND_RESOURCE, f->of_host, "unit_id", f->first_host);
  reslib_test_update (f->store, RESLIB_KIND_RESOURCE, f->of_participant, "unit_id", f->participant);
  reslib_test_update (f->store, RESLIB_KIND_RESOURCE, f->of_second, "unit_id", f->second_host);
  g_assert_true (reslib_store_review (f->store, (const char * const[]) { f->of_host, f->of_participant, f->of_second,
                                                                         f->of_none, NULL },
                                      RESLIB_REVIEW_SUBMIT, NULL, &error));
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->store);
  reslib_test_rm_rf (f->dir);
  g_free (f->dir);
  g_free (f->project);
  g_free (f->first_host);
  g_free (f->second_host);
  g_free (f->participant);
  g_free (f->host_reviewer);
  g_free (f->second_reviewer);
  g_free (f->unit_reviewer);
  g_free (f->of_host);
  g_free (f->of_participant);
  g_free (f->of_second);
  g_free (f->of_none);
}

static char *
state_of (Fixture    *f,
          const char *resource)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ReslibRecord) record = reslib_store_get (f->store, RESLIB_KIND_RESOURCE, resource, &error);

  g_assert_no_error (error);

  return g_strdup (reslib_record_get (record, "state"));
}

#define assert_state(f, resource, expected) \
  G_STMT_START { g_autofree char *s_ = state_of (f, resource); g_assert_cmpstr (s_, ==, expected); } G_STMT_END

static gboolean
decide (Fixture            *f,
        const char         *resource,
        ReslibReviewLevel   level,
        const char         *reviewer,
        gboolean            approve,
        ReslibReviewChecks  checks,
        const char         *note,
        GError            **error)
{
  return reslib_store_review_decide (f->store, (const char * const[]) { resource, NULL }, level, reviewer, approve,
                                     checks, note, error);
}

static guint
n_decisions (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) log = reslib_store_list_review_log (f->store, f->project, &error);

  g_assert_no_error (error);

  return log->len;
}

static void
test_first_host (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *first = reslib_store_first_host (f->store, f->project, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (first, ==, f->first_host);

  /* The first host's own resource, and one of no unit, go straight to level 2 */
  g_assert_cmpint (reslib_store_review_next_level (f->store, f->of_host, &error), ==, RESLIB_REVIEW_LEVEL_HOST);
  g_assert_cmpint (reslib_store_review_next_level (f->store, f->of_none, &error), ==, RESLIB_REVIEW_LEVEL_HOST);
  g_assert_false (decide (f, f->of_host, RESLIB_REVIEW_LEVEL_UNIT, f->host_reviewer, TRUE, RESLIB_REVIEW_CHECK_ALL,
                          NULL, &error));
  g_assert_error (error, RESLIB_ERROR, RESLIB_ERROR_INVALID);
  g_test_message ("%s", error->message);
  g_clear_error (&error);
  g_assert_false (decide (f, f->of_none, RESLIB_REVIEW_LEVEL_UNIT, f->host_reviewer, TRUE, RESLIB_REVIEW_CHECK_ALL,
                          NULL, &error));
  g_assert_error (error, RESLIB_ERROR, RESLIB_ERROR_INVALID);
  g_clear_error (&error);

  /* Only the first host's member decides at level 2 */
  g_assert_false (decide (f, f->of_host, RESLIB_REVIEW_LEVEL_HOST, f->second_reviewer, TRUE, RESLIB_REVIEW_CHECK_ALL,
                          NULL, &error));
  g_assert_error (error, RESLIB_ERROR, RESLIB_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "河南示范职业技术学院"));
  g_clear_error (&error);
  /* An approval needs the whole checklist */
  g_assert_false (decide (f, f->of_host, RESLIB_REVIEW_LEVEL_HOST, f->host_reviewer, TRUE,
                          RESLIB_REVIEW_CHECK_POLITICAL | RESLIB_REVIEW_CHECK_SCIENTIFIC, NULL, &error));
  g_assert_error (error, RESLIB_ERROR, RESLIB_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpuint (n_decisions (f), ==, 0);
  assert_state (f, f->of_host, "in-review");

  g_assert_true (decide (f, f->of_host, RESLIB_REVIEW_LEVEL_HOST, f->host_reviewer, TRUE, RESLIB_REVIEW_CHECK_ALL,
                         "内容准确", &error));
  g_assert_no_error (error);
  assert_state (f, f->of_host, "approved");
  g_assert_true (decide (f, f->of_none, RESLIB_REVIEW_LEVEL_HOST, f->host_reviewer, TRUE, RESLIB_REVIEW_CHECK_ALL,
                         NULL, &error));
  g_assert_no_error (error);
  assert_state (f, f->of_none, "approved");
  g_assert_cmpint (reslib_store_review_next_level (f->store, f->of_host, &error), ==, 0);
  g_assert_no_error (error);
}

static void
test_two_levels (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  /* A participant's resource: the first host cannot approve before the unit's check, by either API */
  g_assert_cmpint (reslib_store_review_next_level (f->store, f->of_participant, &error), ==, RESLIB_REVIEW_LEVEL_UNIT);
  g_assert_false (decide (f, f->of_participant, RESLIB_REVIEW_LEVEL_HOST, f->host_reviewer, TRUE,
                          RESLIB_REVIEW_CHECK_ALL, NULL, &error));
  g_assert_error (error, RESLIB_ERROR, RESLIB_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "河南精工数控机床有限公司"));
  g_test_message ("%s", error->message);
  g_clear_error (&error);
  g_assert_false (reslib_store_review (f->store, (const char * const[]) { f->of_participant, NULL },
                                       RESLIB_REVIEW_APPROVE, NULL, &error));
  g_assert_error (error, RESLIB_ERROR, RESLIB_ERROR_INVALID);
  g_clear_error (&error);
  /* A second host is not the first: its resources are checked by its own members first */
  g_assert_cmpint (reslib_store_review_next_level (f->store, f->of_second, &error), ==, RESLIB_REVIEW_LEVEL_UNIT);
  g_assert_false (decide (f, f->of_second, RESLIB_REVIEW_LEVEL_HOST, f->host_reviewer, TRUE, RESLIB_REVIEW_CHECK_ALL,
                          NULL, &error));
  g_assert_error (error, RESLIB_ERROR, RESLIB_ERROR_INVALID);
  g_clear_error (&error);

  /* Level 1 is the unit's own members' */
  g_assert_false (decide (f, f->of_participant, RESLIB_REVIEW_LEVEL_UNIT, f->host_reviewer, TRUE,
                          RESLIB_REVIEW_CHECK_ALL, NULL, &error));
  g_assert_error (error, RESLIB_ERROR, RESLIB_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (decide (f, f->of_participant, RESLIB_REVIEW_LEVEL_UNIT, "no-such-member", TRUE,
                          RESLIB_REVIEW_CHECK_ALL, NULL, &error));
  g_assert_error (error, RESLIB_ERROR, RESLIB_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (decide (f, f->of_participant, RESLIB_REVIEW_LEVEL_UNIT, f->unit_reviewer, TRUE,
                          RESLIB_REVIEW_CHECK_POLITICAL | RESLIB_REVIEW_CHECK_COPYRIGHT, NULL, &error));
  g_assert_error (error, RESLIB_ERROR, RESLIB_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpuint (n_decisions (f), ==, 0);

  g_assert_true (decide (f, f->of_participant, RESLIB_REVIEW_LEVEL_UNIT, f->unit_reviewer, TRUE,
                         RESLIB_REVIEW_CHECK_ALL, "本单位已审", &error));
  g_assert_no_error (error);
  assert_state (f, f->of_participant, "in-review");
  g_assert_cmpint (reslib_store_review_next_level (f->store, f->of_participant, &error), ==, RESLIB_REVIEW_LEVEL_HOST);
  /* The unit's reviewer does not decide for the first host */
  g_assert_false (decide (f, f->of_participant, RESLIB_REVIEW_LEVEL_HOST, f->unit_reviewer, TRUE,
                          RESLIB_REVIEW_CHECK_ALL, NULL, &error));
  g_assert_error (error, RESLIB_ERROR, RESLIB_ERROR_INVALID);
  g_clear_error (&error);

  /* The first host rejects: back to the authors; resubmitted, the unit checks again */
  g_assert_false (decide (f, f->of_participant, RESLIB_REVIEW_LEVEL_HOST, f->host_reviewer, FALSE,
                          RESLIB_REVIEW_CHECK_POLITICAL, NULL, &error));
  g_assert_error (error, RESLIB_ERROR, RESLIB_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_true (decide (f, f->of_participant, RESLIB_REVIEW_LEVEL_HOST, f->host_reviewer, FALSE,
                         RESLIB_REVIEW_CHECK_POLITICAL | RESLIB_REVIEW_CHECK_SCIENTIFIC, "版权说明缺失", &error));
  g_assert_no_error (error);
  assert_state (f, f->of_participant, "rejected");
  g_assert_true (reslib_store_review (f->store, (const char * const[]) { f->of_participant, NULL },
                                      RESLIB_REVIEW_SUBMIT, NULL, &error));
  g_assert_cmpint (reslib_store_review_next_level (f->store, f->of_participant, &error), ==, RESLIB_REVIEW_LEVEL_UNIT);
  g_assert_false (decide (f, f->of_participant, RESLIB_REVIEW_LEVEL_HOST, f->host_reviewer, TRUE,
                          RESLIB_REVIEW_CHECK_ALL, NULL, &error));
  g_assert_error (error, RESLIB_ERROR, RESLIB_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_true (decide (f, f->of_participant, RESLIB_REVIEW_LEVEL_UNIT, f->unit_reviewer, TRUE,
                         RESLIB_REVIEW_CHECK_ALL, NULL, &error));
  /* reslib_store_review()'s approval is held to the same rule, and passes now */
  g_assert_true (reslib_store_review (f->store, (const char * const[]) { f->of_participant, NULL },
                                      RESLIB_REVIEW_APPROVE, "同意", &error));
  g_assert_no_error (error);
  assert_state (f, f->of_participant, "approved");

  /* Edited after the approval, it is back in review and its unit checks it again */
  reslib_test_update (f->store, RESLIB_KIND_RESOURCE, f->of_participant, "description", "改过的说明");
  assert_state (f, f->of_participant, "in-review");
  g_assert_cmpint (reslib_store_review_next_level (f->store, f->of_participant, &error), ==, RESLIB_REVIEW_LEVEL_UNIT);

  /* A unit's rejection sends it back at once */
  g_assert_true (decide (f, f->of_participant, RESLIB_REVIEW_LEVEL_UNIT, f->unit_reviewer, FALSE,
                         RESLIB_REVIEW_CHECK_ALL & ~RESLIB_REVIEW_CHECK_SCIENTIFIC, "数据有误", &error));
  g_assert_no_error (error);
  assert_state (f, f->of_participant, "rejected");
}

static guint
n_rechecks (Fixture    *f,
            const char *resource)
{
  g_autofree char *db = g_build_filename (f->dir, "library.db", NULL);
  g_autofree char *sql = g_strdup_printf ("SELECT count (*) FROM events WHERE subject_id = '%s' "
                                          "AND action = 'review-recheck'", resource);
  g_autofree char *n = reslib_test_sql_text (db, sql);

  return (guint) g_ascii_strtoull (n, NULL, 10);
}

/* The unit passes the resource, then it changes while in review: the first host cannot approve until the
 * unit passes it again. */
static void
pass_then_edit (Fixture    *f,
                const char *what,
                guint       rechecks)
{
  g_autoptr(GError) error = NULL;

  g_test_message ("edit: %s", what);
  g_assert_true (decide (f, f->of_second, RESLIB_REVIEW_LEVEL_UNIT, f->second_reviewer, TRUE, RESLIB_REVIEW_CHECK_ALL,
                         NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (reslib_store_review_next_level (f->store, f->of_second, &error), ==, RESLIB_REVIEW_LEVEL_HOST);
  g_assert_cmpuint (n_rechecks (f, f->of_second), ==, rechecks - 1);

  if (g_str_equal (what, "description"))
    reslib_test_update (f->store, RESLIB_KIND_RESOURCE, f->of_second, "description", "评审中改过的说明");
  else if (g_str_equal (what, "keywords"))
    g_assert_true (reslib_store_set_list (f->store, f->of_second, "keywords",
                                          (const char * const[]) { "数控", "车削", NULL }, &error));
  else
    {
      g_autofree char *path = reslib_test_write_file (f->dir, "讲义-第二版.txt", "评审中换了文件", -1);
      g_autoptr(GFile) file = g_file_new_for_path (path);
      g_autoptr(ReslibReplacer) replacer = reslib_replacer_new (f->store, f->of_second, file);

      g_assert_true (reslib_job_run (RESLIB_JOB (replacer), NULL, &error));
    }
  g_assert_no_error (error);

  assert_state (f, f->of_second, "in-review");
  g_assert_cmpuint (n_rechecks (f, f->of_second), ==, rechecks);
  g_assert_cmpint (reslib_store_review_next_level (f->store, f->of_second, &error), ==, RESLIB_REVIEW_LEVEL_UNIT);
  g_assert_false (decide (f, f->of_second, RESLIB_REVIEW_LEVEL_HOST, f->host_reviewer, TRUE, RESLIB_REVIEW_CHECK_ALL,
                          NULL, &error));
  g_assert_error (error, RESLIB_ERROR, RESLIB_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (reslib_store_review (f->store, (const char * const[]) { f->of_second, NULL }, RESLIB_REVIEW_APPROVE,
                                       NULL, &error));
  g_assert_error (error, RESLIB_ERROR, RESLIB_ERROR_INVALID);
  g_clear_error (&error);
}

static void
test_edited_in_review (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  pass_then_edit (f, "description", 1);
  pass_then_edit (f, "keywords", 2);
  pass_then_edit (f, "file", 3);

  /* A second edit before the next pass adds nothing: the pass is void already */
  reslib_test_update (f->store, RESLIB_KIND_RESOURCE, f->of_second, "description", "又改了一次");
  g_assert_cmpuint (n_rechecks (f, f->of_second), ==, 3);

  /* Passed again, unchanged since: the first host approves */
  g_assert_true (decide (f, f->of_second, RESLIB_REVIEW_LEVEL_UNIT, f->second_reviewer, TRUE, RESLIB_REVIEW_CHECK_ALL,
                         NULL, &error));
  g_assert_no_error (error);
  g_assert_true (decide (f, f->of_second, RESLIB_REVIEW_LEVEL_HOST, f->host_reviewer, TRUE, RESLIB_REVIEW_CHECK_ALL,
                         NULL, &error));
  g_assert_no_error (error);
  assert_state (f, f->of_second, "approved");
  /* The log keeps every pass, the voided ones included */
  g_assert_cmpuint (n_decisions (f), ==, 5);

  /* An edit of a resource no unit has passed logs nothing */
  reslib_test_update (f->store, RESLIB_KIND_RESOURCE, f->of_participant, "description", "未经单位审核");
  g_assert_cmpuint (n_rechecks (f, f->of_participant), ==, 0);
}

static void
test_all_or_none (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  /* The first host's resource would pass, the participant's cannot: neither is decided */
  g_assert_false (reslib_store_review_decide (f->store, (const char * const[]) { f->of_host, f->of_participant, NULL },
                                              RESLIB_REVIEW_LEVEL_HOST, f->host_reviewer, TRUE, RESLIB_REVIEW_CHECK_ALL,
                                              NULL, &error));
  g_assert_error (error, RESLIB_ERROR, RESLIB_ERROR_INVALID);
  g_clear_error (&error);
  assert_state (f, f->of_host, "in-review");
  g_assert_cmpuint (n_decisions (f), ==, 0);

  /* Not in review: refused */
  g_assert_true (decide (f, f->of_host, RESLIB_REVIEW_LEVEL_HOST, f->host_reviewer, TRUE, RESLIB_REVIEW_CHECK_ALL,
                         NULL, &error));
  g_assert_false (decide (f, f->of_host, RESLIB_REVIEW_LEVEL_HOST, f->host_reviewer, FALSE, RESLIB_REVIEW_CHECK_ALL,
                          "再议", &error));
  g_assert_error (error, RESLIB_ERROR, RESLIB_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpuint (n_decisions (f), ==, 1);
}

static void
test_log (Fixture       *f,
          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) log = NULL;
  g_autoptr(GPtrArray) of_participant = NULL;
  const ReslibReviewDecision *d;
  g_autofree char *db = g_build_filename (f->dir, "library.db", NULL);
  g_autofree char *count = NULL;

  g_assert_true (decide (f, f->of_participant, RESLIB_REVIEW_LEVEL_UNIT, f->unit_reviewer, TRUE,
                         RESLIB_REVIEW_CHECK_ALL, "本单位已审", &error));
  g_assert_true (decide (f, f->of_participant, RESLIB_REVIEW_LEVEL_HOST, f->host_reviewer, FALSE,
                         RESLIB_REVIEW_CHECK_POLITICAL | RESLIB_REVIEW_CHECK_COPYRIGHT, "科学性存疑", &error));
  g_assert_true (reslib_store_review (f->store, (const char * const[]) { f->of_host, NULL }, RESLIB_REVIEW_APPROVE,
                                      NULL, &error));
  g_assert_no_error (error);
  /* The reviewer leaves the project: the log keeps the names */
  g_assert_true (reslib_store_delete (f->store, RESLIB_KIND_MEMBER, f->unit_reviewer, &error));
  g_assert_no_error (error);

  log = reslib_store_list_review_log (f->store, f->project, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (log->len, ==, 3);
  d = g_ptr_array_index (log, 0);
  g_assert_cmpstr (d->resource_id, ==, f->of_participant);
  g_assert_nonnull (d->resource_title);
  g_assert_cmpint (d->level, ==, RESLIB_REVIEW_LEVEL_UNIT);
  g_assert_null (d->reviewer_id);
  g_assert_cmpstr (d->reviewer, ==, "孙工");
  g_assert_cmpstr (d->unit_id, ==, f->participant);
  g_assert_cmpstr (d->unit_name, ==, "河南精工数控机床有限公司");
  g_assert_true (d->approve);
  g_assert_true (d->has_checks);
  g_assert_cmpint (d->checks, ==, RESLIB_REVIEW_CHECK_ALL);
  g_assert_cmpstr (d->note, ==, "本单位已审");
  g_assert_nonnull (d->decided_at);
  d = g_ptr_array_index (log, 1);
  g_assert_cmpint (d->level, ==, RESLIB_REVIEW_LEVEL_HOST);
  g_assert_cmpstr (d->reviewer_id, ==, f->host_reviewer);
  g_assert_cmpstr (d->reviewer, ==, "王建华");
  g_assert_cmpstr (d->unit_name, ==, "河南示范职业技术学院");
  g_assert_false (d->approve);
  g_assert_cmpint (d->checks, ==, RESLIB_REVIEW_CHECK_POLITICAL | RESLIB_REVIEW_CHECK_COPYRIGHT);
  /* reslib_store_review(): the library's own decision, without a member or the checklist */
  d = g_ptr_array_index (log, 2);
  g_assert_cmpstr (d->resource_id, ==, f->of_host);
  g_assert_cmpint (d->level, ==, RESLIB_REVIEW_LEVEL_HOST);
  g_assert_null (d->reviewer_id);
  g_assert_null (d->unit_name);
  g_assert_cmpstr (d->reviewer, ==, "lead");
  g_assert_true (d->approve);
  g_assert_false (d->has_checks);
  g_assert_null (d->note);

  of_participant = reslib_store_list_review_decisions (f->store, f->of_participant, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (of_participant->len, ==, 2);

  /* The log against the table itself */
  g_clear_object (&f->store);
  count = reslib_test_sql_text (db, "SELECT count (*) || ' ' || sum (political) || ' ' || sum (scientific) || ' ' || "
                                    "sum (level) FROM review_decisions");
  g_assert_cmpstr (count, ==, "3 2 1 5");
  f->store = reslib_test_open_store (f->dir);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add ("/review/first-host", Fixture, NULL, fixture_set_up, test_first_host, fixture_tear_down);
  g_test_add ("/review/two-levels", Fixture, NULL, fixture_set_up, test_two_levels, fixture_tear_down);
  g_test_add ("/review/edited-in-review", Fixture, NULL, fixture_set_up, test_edited_in_review, fixture_tear_down);
  g_test_add ("/review/all-or-none", Fixture, NULL, fixture_set_up, test_all_or_none, fixture_tear_down);
  g_test_add ("/review/log", Fixture, NULL, fixture_set_up, test_log, fixture_tear_down);

  return g_test_run ();
}
