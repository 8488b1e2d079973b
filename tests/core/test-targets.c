/* test-targets.c — the project's targets (任务书/建设目标): planned numbers set, found and removed, and their
 * actual numbers checked against separate SQL on the same store
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <locale.h>
#include <string.h>

#include "reslib-store-targets.h"
#include "reslib-validator.h"
#include "reslib-test-utils.h"

typedef struct
{
  char        *dir;
  ReslibStore *store;
  char        *project;
  char        *other;          /* a second project: nothing of it counts for the first */
  char        *course_a;       /* standardized, with resources on its points */
  char        *course_b;       /* standardized, none */
  char        *course_t;       /* training */
} Fixture;

static char *
add_resource (Fixture    *f,
              const char *project,
              const char *type,
              const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *sha = g_compute_checksum_for_string (G_CHECKSUM_SHA256, name, -1);
  gboolean existed;

  g_assert_true (reslib_store_begin (f->store, &error));
  g_assert_true (_reslib_store_add_blob (f->store, sha, 10, "application/octet-stream", &existed, &error));
  g_assert_true (reslib_store_commit (f->store, &error));
  g_assert_no_error (error);

  return reslib_test_insert (f->store, RESLIB_KIND_RESOURCE,
                             (const char * const[]) { "project_id", "blob_sha256", "file_name", "title", "type", NULL },
                             (const char * const[]) { project, sha, name, name, type });
}

static void
reject (Fixture    *f,
        const char *resource)
{
  g_autoptr(GError) error = NULL;
  const char * const ids[] = { resource, NULL };

  g_assert_true (reslib_store_review (f->store, ids, RESLIB_REVIEW_SUBMIT, NULL, &error));
  g_assert_true (reslib_store_review (f->store, ids, RESLIB_REVIEW_REJECT, "版权不清", &error));
  g_assert_no_error (error);
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *node_1 = NULL, *node_2 = NULL, *node_other = NULL, *other_course = NULL;
  g_autofree char *r_video = NULL, *r_exercise = NULL, *r_rejected = NULL, *r_other = NULL;

  f->dir = reslib_test_make_tmp_dir ("reslib-targets-XXXXXX");
  f->store = reslib_test_open_store (f->dir);
  f->project = reslib_test_new_project (f->store, "目标项目");
  f->other = reslib_test_new_project (f->store, "别的项目");
  /* 12 resources: video, text, slides, image, animation, audio, twice */
  reslib_test_fill_resources (f->store, f->project, 12, TRUE);
  reslib_test_fill_resources (f->store, f->other, 5, FALSE);
  r_exercise = add_resource (f, f->project, "exercise", "习题一.docx");
  g_free (add_resource (f, f->project, "exercise", "习题二.docx"));
  g_free (add_resource (f, f->project, "exercise", "习题三.docx"));
  r_rejected = add_resource (f, f->project, "exercise", "被退回.docx");
  reject (f, r_rejected);
  r_video = add_resource (f, f->project, "video", "微课.mp4");
  r_other = add_resource (f, f->other, "exercise", "别处习题.docx");

  f->course_a = reslib_test_insert (f->store, RESLIB_KIND_COURSE, (const char * const[]) { "project_id", "title", NULL },
                                    (const char * const[]) { f->project, "数控编程" });
  f->course_b = reslib_test_insert (f->store, RESLIB_KIND_COURSE, (const char * const[]) { "project_id", "title", "kind", NULL },
                                    (const char * const[]) { f->project, "机床维护", "standardized" });
  f->course_t = reslib_test_insert (f->store, RESLIB_KIND_COURSE, (const char * const[]) { "project_id", "title", "kind", NULL },
                                    (const char * const[]) { f->project, "企业员工培训", "training" });
  g_free (reslib_test_insert (f->store, RESLIB_KIND_COURSE, (const char * const[]) { "project_id", "title", "kind", NULL },
                              (const char * const[]) { f->project, "个性化学习课程", "personalised" }));
  other_course = reslib_test_insert (f->store, RESLIB_KIND_COURSE, (const char * const[]) { "project_id", "title", NULL },
                                     (const char * const[]) { f->other, "别处课程" });

  node_1 = reslib_test_insert (f->store, RESLIB_KIND_NODE, (const char * const[]) { "course_id", "kind", "title", NULL },
                               (const char * const[]) { f->course_a, "knowledge", "G 代码" });
  node_2 = reslib_test_insert (f->store, RESLIB_KIND_NODE, (const char * const[]) { "course_id", "kind", "title", NULL },
                               (const char * const[]) { f->course_a, "skill", "对刀" });
  node_other = reslib_test_insert (f->store, RESLIB_KIND_NODE, (const char * const[]) { "course_id", "kind", "title", NULL },
                                   (const char * const[]) { other_course, "knowledge", "别处" });
  /* course A: the video on both points (one resource), the exercise on one, the rejected one on one */
  g_assert_true (reslib_store_set_list (f->store, r_video, "nodes", (const char * const[]) { node_1, node_2, NULL },
                                        &error));
  g_assert_true (reslib_store_set_list (f->store, r_exercise, "nodes", (const char * const[]) { node_2, NULL }, &error));
  g_assert_true (reslib_store_set_list (f->store, r_rejected, "nodes", (const char * const[]) { node_1, NULL }, &error));
  g_assert_true (reslib_store_set_list (f->store, r_other, "nodes", (const char * const[]) { node_other, NULL }, &error));
  g_assert_no_error (error);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_object (&f->store);
  reslib_test_rm_rf (f->dir);
  g_free (f->dir);
  g_free (f->project);
  g_free (f->other);
  g_free (f->course_a);
  g_free (f->course_b);
  g_free (f->course_t);
}

static char *
set (Fixture    *f,
     const char *kind,
     const char *subject,
     gint64      planned)
{
  g_autoptr(GError) error = NULL;
  char *id = reslib_store_set_target (f->store, f->project, kind, subject, planned, NULL, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (id);

  return id;
}

/* An integer that SQL of the test's own computes on the store's file. */
static gint64
sql_count (Fixture    *f,
           const char *format,
           ...) G_GNUC_PRINTF (2, 3);

static gint64
sql_count (Fixture    *f,
           const char *format,
           ...)
{
  va_list ap;
  g_autofree char *sql = NULL;
  g_autofree char *text = NULL;

  va_start (ap, format);
  sql = g_strdup_vprintf (format, ap);
  va_end (ap);
  text = reslib_test_sql_text (reslib_store_get_db_path (f->store), sql);
  g_assert_nonnull (text);

  return g_ascii_strtoll (text, NULL, 10);
}

static const ReslibTargetProgress *
find (GPtrArray  *targets,
      const char *kind,
      const char *subject)
{
  for (guint i = 0; i < targets->len; i++)
    {
      const ReslibTargetProgress *t = g_ptr_array_index (targets, i);

      if (g_str_equal (t->kind, kind) &&
          (subject == NULL || g_strcmp0 (t->resource_type, subject) == 0 || g_strcmp0 (t->course_id, subject) == 0))
        return t;
    }
  g_assert_not_reached ();
}

/* Every kind's actual number is what plain SQL counts: resources of the project not rejected (of a type;
 * placed on a course's nodes, each once), exercises, courses by kind. */
static void
test_actual (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) targets = NULL;
  const char *types[] = { "video", "text", "exercise", "case" };
  const char *courses[] = { f->course_a, f->course_b, f->course_t };
  const ReslibTargetProgress *t;

  g_free (set (f, "resources", NULL, 20));
  for (guint i = 0; i < G_N_ELEMENTS (types); i++)
    g_free (set (f, "resource-type", types[i], 4));
  for (guint i = 0; i < G_N_ELEMENTS (courses); i++)
    g_free (set (f, "course-resources", courses[i], 3));
  g_free (set (f, "questions", NULL, 300));
  g_free (set (f, "standard-courses", NULL, 4));
  g_free (set (f, "personal-courses", NULL, 2));
  g_free (set (f, "training-packages", NULL, 1));

  targets = reslib_store_list_target_progress (f->store, f->project, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (targets->len, ==, 1 + G_N_ELEMENTS (types) + G_N_ELEMENTS (courses) + 4);

  t = find (targets, "resources", NULL);
  g_assert_cmpint (t->actual, ==, sql_count (f, "SELECT count (*) FROM resources WHERE project_id = '%s' "
                                                "AND id NOT IN (SELECT id FROM resources WHERE state = 'rejected')",
                                             f->project));
  g_assert_cmpint (t->actual, ==, 12 + 3 + 1);
  for (guint i = 0; i < G_N_ELEMENTS (types); i++)
    {
      t = find (targets, "resource-type", types[i]);
      g_assert_cmpint (t->actual, ==, sql_count (f, "SELECT total (type = '%s' AND state IN ('draft', 'in-review', "
                                                    "'approved')) FROM resources WHERE project_id = '%s'",
                                                 types[i], f->project));
    }
  g_assert_cmpint (find (targets, "resource-type", "video")->actual, ==, 3);
  g_assert_cmpint (find (targets, "resource-type", "case")->actual, ==, 0);
  for (guint i = 0; i < G_N_ELEMENTS (courses); i++)
    {
      t = find (targets, "course-resources", courses[i]);
      g_assert_cmpstr (t->course_id, ==, courses[i]);
      g_assert_cmpint (t->actual, ==, sql_count (f, "SELECT count (*) FROM resources r WHERE r.state <> 'rejected' "
                                                    "AND EXISTS (SELECT 1 FROM resource_nodes rn, course_nodes n "
                                                    "WHERE rn.resource_id = r.id AND n.id = rn.node_id "
                                                    "AND n.course_id = '%s')", courses[i]));
    }
  g_assert_cmpint (find (targets, "course-resources", f->course_a)->actual, ==, 2);
  g_assert_cmpstr (find (targets, "course-resources", f->course_a)->course_title, ==, "数控编程");
  t = find (targets, "questions", NULL);
  g_assert_cmpint (t->actual, ==, sql_count (f, "SELECT count (*) FROM resources WHERE project_id = '%s' "
                                                "AND type = 'exercise' AND state <> 'rejected'", f->project));
  g_assert_cmpint (t->actual, ==, 3);
  g_assert_cmpint (reslib_target_progress_percent (t), ==, 1);
  t = find (targets, "standard-courses", NULL);
  g_assert_cmpint (t->actual, ==, sql_count (f, "SELECT count (*) FROM courses WHERE project_id = '%s' "
                                                "AND kind = 'standardized'", f->project));
  g_assert_cmpint (t->actual, ==, 2);
  g_assert_cmpint (reslib_target_progress_percent (t), ==, 50);
  t = find (targets, "training-packages", NULL);
  g_assert_cmpint (t->actual, ==, 1);
  g_assert_cmpint (reslib_target_progress_percent (t), ==, 100);
  t = find (targets, "personal-courses", NULL);
  g_assert_cmpint (t->actual, ==, sql_count (f, "SELECT count (*) FROM courses WHERE project_id = '%s' "
                                                "AND kind = 'personalised'", f->project));
  g_assert_cmpint (t->actual, ==, 1);
  g_assert_cmpint (reslib_target_progress_percent (t), ==, 50);
  g_assert_true (reslib_target_progress_below_plan (t, 100));

  /* In the order of the kinds, then of the resource types. */
  g_assert_cmpstr (((ReslibTargetProgress *) g_ptr_array_index (targets, 0))->kind, ==, "resources");
  g_assert_cmpstr (((ReslibTargetProgress *) g_ptr_array_index (targets, 1))->resource_type, ==, "text");
  g_assert_cmpstr (((ReslibTargetProgress *) g_ptr_array_index (targets, 2))->resource_type, ==, "video");
  g_assert_cmpstr (((ReslibTargetProgress *) g_ptr_array_index (targets, targets->len - 1))->kind, ==,
                   "training-packages");

  /* The other project has none of these targets. */
  g_clear_pointer (&targets, g_ptr_array_unref);
  targets = reslib_store_list_target_progress (f->store, f->other, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (targets->len, ==, 0);
}

/* Setting a target again changes its planned number (one row); what does not fit is refused with nothing
 * written; a course's target goes with the course. */
static void
test_set_find_remove (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL, *again = NULL, *found = NULL, *course_target = NULL, *other_course = NULL;
  gboolean created = TRUE;
  const char *db = reslib_store_get_db_path (f->store);

  id = reslib_store_set_target (f->store, f->project, "questions", NULL, 500, "任务书第三条", &created, &error);
  g_assert_no_error (error);
  g_assert_true (created);
  again = reslib_store_set_target (f->store, f->project, "questions", "", 800, NULL, &created, &error);
  g_assert_no_error (error);
  g_assert_false (created);
  g_assert_cmpstr (again, ==, id);
  g_assert_cmpint (sql_count (f, "SELECT count (*) FROM targets"), ==, 1);
  {
    g_autofree char *row = reslib_test_sql_text (db, "SELECT planned || ' ' || note FROM targets");

    g_assert_cmpstr (row, ==, "800 任务书第三条");
  }

  /* Refused: an unknown kind, a subject where none belongs, none where one is needed, a bad type, a
   * course of another project, a negative number. */
  g_assert_null (reslib_store_set_target (f->store, f->project, "videos", NULL, 1, NULL, NULL, &error));
  g_assert_error (error, RESLIB_ERROR, RESLIB_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_null (reslib_store_set_target (f->store, f->project, "questions", "video", 1, NULL, NULL, &error));
  g_assert_error (error, RESLIB_ERROR, RESLIB_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_null (reslib_store_set_target (f->store, f->project, "resource-type", NULL, 1, NULL, NULL, &error));
  g_assert_error (error, RESLIB_ERROR, RESLIB_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_null (reslib_store_set_target (f->store, f->project, "resource-type", "film", 1, NULL, NULL, &error));
  g_assert_error (error, RESLIB_ERROR, RESLIB_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_null (reslib_store_set_target (f->store, f->project, "course-resources", NULL, 1, NULL, NULL, &error));
  g_assert_error (error, RESLIB_ERROR, RESLIB_ERROR_INVALID);
  g_clear_error (&error);
  other_course = reslib_test_insert (f->store, RESLIB_KIND_COURSE, (const char * const[]) { "project_id", "title", NULL },
                                     (const char * const[]) { f->other, "别处课程" });
  g_assert_null (reslib_store_set_target (f->store, f->project, "course-resources", other_course, 1, NULL, NULL,
                                          &error));
  g_assert_error (error, RESLIB_ERROR, RESLIB_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_null (reslib_store_set_target (f->store, f->project, "resources", NULL, -1, NULL, NULL, &error));
  g_assert_error (error, RESLIB_ERROR, RESLIB_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (sql_count (f, "SELECT count (*) FROM targets"), ==, 1);

  found = reslib_store_find_target (f->store, f->project, "questions", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (found, ==, id);
  g_assert_true (reslib_store_delete (f->store, RESLIB_KIND_TARGET, id, &error));
  g_assert_no_error (error);
  g_assert_null (reslib_store_find_target (f->store, f->project, "questions", NULL, &error));
  g_assert_error (error, RESLIB_ERROR, RESLIB_ERROR_NOT_FOUND);
  g_clear_error (&error);

  course_target = set (f, "course-resources", f->course_b, 10);
  g_assert_true (reslib_store_delete (f->store, RESLIB_KIND_COURSE, f->course_b, &error));
  g_assert_no_error (error);
  g_assert_cmpint (sql_count (f, "SELECT count (*) FROM targets"), ==, 0);
}

/* The findings of project.targets when the project is checked for @package_kind. */
static GPtrArray *
target_findings (Fixture    *f,
                 const char *package_kind)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ReslibProfile) profile = reslib_profile_load_default (&error);
  g_autoptr(ReslibValidator) validator = NULL;
  GPtrArray *found = g_ptr_array_new_with_free_func (g_object_unref);
  GListModel *findings;

  g_assert_no_error (error);
  validator = reslib_validator_new (f->store, f->project, profile);
  reslib_validator_set_package_kind (validator, package_kind);
  g_assert_true (reslib_job_run (RESLIB_JOB (validator), NULL, &error));
  g_assert_no_error (error);
  findings = reslib_validator_get_findings (validator);
  for (guint i = 0; i < g_list_model_get_n_items (findings); i++)
    {
      g_autoptr(ReslibFinding) finding = g_list_model_get_item (findings, i);

      if (g_str_equal (reslib_finding_get_rule (finding), "project.targets"))
        {
          g_test_message ("%s: %s", reslib_finding_get_subject_id (finding), reslib_finding_get_message (finding));
          g_assert_cmpint (reslib_finding_get_severity (finding), ==, RESLIB_SEVERITY_WARNING);
          g_assert_cmpstr (reslib_finding_get_subject_kind (finding), ==, "target");
          g_ptr_array_add (found, g_steal_pointer (&finding));
        }
    }

  return found;
}

static gboolean
has_finding (GPtrArray  *findings,
             const char *target_id)
{
  for (guint i = 0; i < findings->len; i++)
    if (g_strcmp0 (reslib_finding_get_subject_id (g_ptr_array_index (findings, i)), target_id) == 0)
      return TRUE;

  return FALSE;
}

/* project.targets warns, in progress and acceptance packages only, of each target below the profile's share of
 * its plan (50% for progress, 100% for acceptance); a target not counted, or with nothing planned, never. */
static void
test_rule (Fixture       *f,
           gconstpointer  data)
{
  /* 16 resources, 3 exercises, 2 standardized courses, 1 personalised, 1 training course, 2 resources in
   * course A */
  g_autofree char *all = set (f, "resources", NULL, 32);             /* 50%: fine for progress only */
  g_autofree char *questions = set (f, "questions", NULL, 7);        /* 42%: below both */
  g_autofree char *standard = set (f, "standard-courses", NULL, 2);  /* 100%: fine */
  g_autofree char *course = set (f, "course-resources", f->course_a, 3);   /* 66% */
  g_autofree char *personal = set (f, "personal-courses", NULL, 1);  /* 100%: fine */
  g_autofree char *none = set (f, "training-packages", NULL, 0);     /* nothing planned */
  g_autoptr(GPtrArray) progress = target_findings (f, "progress");
  g_autoptr(GPtrArray) acceptance = target_findings (f, "acceptance");
  g_autoptr(GPtrArray) application = target_findings (f, "application");
  g_autoptr(GPtrArray) plain = target_findings (f, NULL);

  g_assert_cmpuint (progress->len, ==, 1);
  g_assert_true (has_finding (progress, questions));
  g_assert_nonnull (strstr (reslib_finding_get_message (g_ptr_array_index (progress, 0)), "3 of 7"));
  g_assert_cmpuint (acceptance->len, ==, 3);
  g_assert_true (has_finding (acceptance, all));
  g_assert_true (has_finding (acceptance, questions));
  g_assert_true (has_finding (acceptance, course));
  g_assert_false (has_finding (acceptance, standard));
  g_assert_false (has_finding (acceptance, personal));
  g_assert_false (has_finding (acceptance, none));
  g_assert_cmpuint (application->len, ==, 0);
  g_assert_cmpuint (plain->len, ==, 0);
}

/* Below plan: the actual number under the threshold's share of the planned one, in whole numbers. */
static void
test_below_plan (void)
{
  ReslibTargetProgress t = { .planned = 3, .actual = 2 };

  g_assert_true (reslib_target_progress_below_plan (&t, 100));
  g_assert_false (reslib_target_progress_below_plan (&t, 66));
  g_assert_true (reslib_target_progress_below_plan (&t, 67));
  g_assert_cmpint (reslib_target_progress_percent (&t), ==, 66);
  t.actual = 3;
  g_assert_false (reslib_target_progress_below_plan (&t, 100));
  t.planned = 0;
  g_assert_false (reslib_target_progress_below_plan (&t, 100));
  g_assert_cmpint (reslib_target_progress_percent (&t), ==, -1);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add ("/targets/actual", Fixture, NULL, fixture_setup, test_actual, fixture_teardown);
  g_test_add ("/targets/set-find-remove", Fixture, NULL, fixture_setup, test_set_find_remove, fixture_teardown);
  g_test_add_func ("/targets/below-plan", test_below_plan);
  g_test_add ("/targets/rule", Fixture, NULL, fixture_setup, test_rule, fixture_teardown);

  return g_test_run ();
}
