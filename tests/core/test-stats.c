/* test-stats.c — the store's statistics against counts made directly with SQL on the database file
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <sqlite3.h>

#include "reslib-probe.h"
#include "reslib-store-stats.h"
#include "reslib-test-utils.h"

typedef struct
{
  char        *dir;
  char        *data_dir;
  ReslibStore *store;
  char        *project;
  char        *other;
} Fixture;

static const char * const types[] = { "video", "text", "slides", "video", "image", "exercise", "video" };
static const char * const origins[] = { "original", "licensed", "original", "open" };
static const char * const states[] = { "draft", "in-review", "approved", "draft", "rejected" };

static char *
insert (Fixture            *f,
        ReslibKind          kind,
        const char * const *fields,
        const char * const *values)
{
  g_autoptr(GError) error = NULL;
  char *id = reslib_store_insert (f->store, kind, fields, values, &error);

  g_assert_no_error (error);
  g_assert_nonnull (id);
  return id;
}

/* Runs @sql (with each %s replaced by the project's id) on the database file; returns the first column
 * as a number. */
static guint
sql_count (Fixture    *f,
           const char *sql_format,
           const char *project)
{
  g_auto(GStrv) parts = g_strsplit (sql_format, "%s", -1);
  g_autofree char *sql = g_strjoinv (project, parts);
  g_autofree char *text = reslib_test_sql_text (reslib_store_get_db_path (f->store), sql);

  return text != NULL ? (guint) g_ascii_strtoull (text, NULL, 10) : 0;
}

static void
sql_exec (Fixture    *f,
          const char *sql)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (reslib_store_get_db_path (f->store), &db), ==, SQLITE_OK);
  sqlite3_busy_timeout (db, 5000);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
}

static char *
add_resource (Fixture    *f,
              const char *project,
              guint       i)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *number = g_strdup_printf ("stats-%s-%u", project, i);
  g_autofree char *sha = g_compute_checksum_for_string (G_CHECKSUM_SHA256, number, -1);
  g_autofree char *title = g_strdup_printf ("资源 %u", i);
  g_autofree char *file_name = g_strdup_printf ("resource-%u.bin", i);
  const char *type = types[i % G_N_ELEMENTS (types)];
  const char *origin = origins[i % G_N_ELEMENTS (origins)];
  gboolean existed;

  g_assert_true (_reslib_store_add_blob (f->store, sha, 1000 + i, g_str_equal (type, "video") ? "video/mp4" : "text/plain",
                                         &existed, &error));
  g_assert_no_error (error);
  return insert (f, RESLIB_KIND_RESOURCE,
                 (const char * const[]) { "project_id", "blob_sha256", "file_name", "title", "type", "origin",
                                          "license", "license_holder", "state", NULL },
                 (const char * const[]) { project, sha, file_name, title, type, origin,
                                          g_str_equal (origin, "original") ? NULL : "CC BY 4.0",
                                          g_str_equal (origin, "licensed") ? "某出版社" : NULL,
                                          states[i % G_N_ELEMENTS (states)] });
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *host = NULL;
  g_autofree char *course_a = NULL;
  g_autofree char *course_b = NULL;
  g_autofree char *module = NULL;
  g_autoptr(GPtrArray) points = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) resources = g_ptr_array_new_with_free_func (g_free);

  f->dir = reslib_test_make_tmp_dir ("reslib-test-stats-XXXXXX");
  f->data_dir = g_build_filename (f->dir, "store", NULL);
  f->store = reslib_test_open_store (f->data_dir);
  f->project = reslib_test_new_project (f->store, "统计测试资源库");
  f->other = reslib_test_new_project (f->store, "另一个资源库");

  host = insert (f, RESLIB_KIND_UNIT, (const char * const[]) { "project_id", "name", "kind", "role", "host_rank", NULL },
                 (const char * const[]) { f->project, "河南工业职业技术学院", "higher-vocational", "host", "1" });
  g_free (insert (f, RESLIB_KIND_UNIT, (const char * const[]) { "project_id", "name", "kind", "role", NULL },
                  (const char * const[]) { f->project, "宇通客车股份有限公司", "enterprise", "participant" }));
  g_free (insert (f, RESLIB_KIND_MEMBER, (const char * const[]) { "project_id", "unit_id", "name", NULL },
                  (const char * const[]) { f->project, host, "张伟" }));
  g_free (insert (f, RESLIB_KIND_MEMBER, (const char * const[]) { "project_id", "unit_id", "name", NULL },
                  (const char * const[]) { f->project, host, "李娜" }));
  g_free (insert (f, RESLIB_KIND_MEMBER, (const char * const[]) { "project_id", "unit_id", "name", NULL },
                  (const char * const[]) { f->project, host, "王芳" }));

  course_a = insert (f, RESLIB_KIND_COURSE, (const char * const[]) { "project_id", "title", NULL },
                     (const char * const[]) { f->project, "数控加工编程" });
  course_b = insert (f, RESLIB_KIND_COURSE, (const char * const[]) { "project_id", "title", "kind", NULL },
                     (const char * const[]) { f->project, "数控机床维护实训", "training" });
  g_free (insert (f, RESLIB_KIND_COURSE, (const char * const[]) { "project_id", "title", NULL },
                  (const char * const[]) { f->project, "空课程" }));
  module = insert (f, RESLIB_KIND_NODE, (const char * const[]) { "project_id", "course_id", "kind", "title", NULL },
                   (const char * const[]) { f->project, course_a, "module", "模块一" });
  for (guint i = 0; i < 7; i++)
    {
      g_autofree char *title = g_strdup_printf ("点 %u", i);
      const char *course = i < 5 ? course_a : course_b;

      g_ptr_array_add (points, insert (f, RESLIB_KIND_NODE,
                                       (const char * const[]) { "project_id", "course_id", "kind", "title", NULL },
                                       (const char * const[]) { f->project, course, i % 3 == 2 ? "skill" : "knowledge",
                                                                title }));
    }

  /* 23 resources in the project, 5 in the other one; some linked to one or two points. */
  for (guint i = 0; i < 23; i++)
    g_ptr_array_add (resources, add_resource (f, f->project, i));
  for (guint i = 0; i < 5; i++)
    g_free (add_resource (f, f->other, i));
  for (guint i = 0; i < 23; i += 2)
    {
      const char *a = g_ptr_array_index (points, (i / 2) % 4);
      const char *b = g_ptr_array_index (points, i % 3 == 0 ? 5 : i % 4);

      g_assert_true (reslib_store_set_list (f->store, g_ptr_array_index (resources, i), "nodes",
                                            (const char * const[]) { a, b, NULL }, &error));
      g_assert_no_error (error);
    }
  g_assert_true (reslib_store_set_list (f->store, g_ptr_array_index (resources, 1), "nodes",
                                        (const char * const[]) { module, NULL }, &error));

  /* Durations of some videos (types[0], [3], [6] are videos) */
  for (guint i = 0; i < 23; i++)
    {
      g_autoptr(ReslibRecord) resource = reslib_store_get (f->store, RESLIB_KIND_RESOURCE,
                                                          g_ptr_array_index (resources, i), &error);
      ReslibProbeInfo info = { 0 };

      g_assert_no_error (error);
      if (!g_str_equal (reslib_record_get (resource, "type"), "video") || i % 5 == 4)
        continue;
      info.sha256 = (char *) reslib_record_get (resource, "blob_sha256");
      info.version = RESLIB_PROBE_VERSION;
      info.mime_type = (char *) "video/mp4";
      info.duration = i % 5 == 3 ? 0 : 60.0 * (i + 1);
      g_assert_true (reslib_store_put_probe (f->store, &info, &error));
      g_assert_no_error (error);
    }

  /* Spread the additions over months: resource i is i % 14 months old (some older than a year). */
  for (guint i = 0; i < 23; i++)
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
      g_autoptr(GDateTime) when = g_date_time_add_months (now, -(int) (i % 14));
      g_autofree char *at = g_date_time_format (when, "%Y-%m-%dT%H:%M:%SZ");
      g_autofree char *sql = g_strdup_printf ("UPDATE resources SET created_at = '%s' WHERE id = '%s'", at,
                                              (const char *) g_ptr_array_index (resources, i));

      sql_exec (f, sql);
    }
  g_clear_object (&f->store);
  f->store = reslib_test_open_store (f->data_dir);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_object (&f->store);
  reslib_test_rm_rf (f->dir);
  g_free (f->dir);
  g_free (f->data_dir);
  g_free (f->project);
  g_free (f->other);
}

static void
test_project_stats (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ReslibProjectStats) stats = reslib_store_get_project_stats (f->store, f->project, &error);
  g_autoptr(ReslibProjectStats) empty = NULL;
  guint sum = 0;
  double seconds = 0;

  g_assert_no_error (error);
  g_assert_nonnull (stats);

  g_assert_cmpuint (stats->n_resources, ==, 23);
  g_assert_cmpuint (stats->n_resources, ==, sql_count (f, "SELECT count (*) FROM resources WHERE project_id = '%s'",
                                                       f->project));
  for (guint i = 0; reslib_resource_types[i] != NULL; i++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT count (*) FROM resources WHERE project_id = '%%s' AND type = '%s'",
                                              reslib_resource_types[i]);
      guint n = GPOINTER_TO_UINT (g_hash_table_lookup (stats->by_type, reslib_resource_types[i]));

      g_assert_cmpuint (n, ==, sql_count (f, sql, f->project));
      sum += n;
    }
  g_assert_cmpuint (sum, ==, 23);
  g_assert_cmpuint (GPOINTER_TO_UINT (g_hash_table_lookup (stats->by_type, "video")), ==, 10);
  for (guint i = 0; reslib_resource_origins[i] != NULL; i++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT count (*) FROM resources WHERE project_id = '%%s' AND origin = '%s'",
                                              reslib_resource_origins[i]);

      g_assert_cmpuint (GPOINTER_TO_UINT (g_hash_table_lookup (stats->by_origin, reslib_resource_origins[i])), ==,
                        sql_count (f, sql, f->project));
    }
  g_assert_cmpuint (GPOINTER_TO_UINT (g_hash_table_lookup (stats->by_origin, "licensed")), ==, 6);
  for (guint i = 0; i < G_N_ELEMENTS (states); i++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT count (*) FROM resources WHERE project_id = '%%s' AND state = '%s'",
                                              states[i]);

      g_assert_cmpuint (GPOINTER_TO_UINT (g_hash_table_lookup (stats->by_state, states[i])), ==,
                        sql_count (f, sql, f->project));
    }

  g_assert_cmpuint (stats->n_unlinked, ==,
                    sql_count (f, "SELECT count (*) FROM resources r WHERE project_id = '%s' AND NOT EXISTS "
                                  "(SELECT 1 FROM resource_nodes rn WHERE rn.resource_id = r.id)", f->project));
  g_assert_cmpuint (stats->n_unlinked, ==, 10);
  g_assert_cmpuint (stats->n_units, ==, sql_count (f, "SELECT count (*) FROM units WHERE project_id = '%s'", f->project));
  g_assert_cmpuint (stats->n_units, ==, 2);
  g_assert_cmpuint (stats->n_members, ==, 3);
  g_assert_cmpuint (stats->n_members, ==, sql_count (f, "SELECT count (*) FROM members WHERE project_id = '%s'",
                                                     f->project));

  /* Videos: counted from the resources, durations from the probes table. */
  g_assert_cmpuint (stats->n_videos, ==,
                    sql_count (f, "SELECT count (*) FROM resources WHERE project_id = '%s' AND type = 'video'", f->project));
  g_assert_cmpuint (stats->n_videos_probed, ==,
                    sql_count (f, "SELECT count (*) FROM resources r JOIN probes p ON p.sha256 = r.blob_sha256 "
                                  "WHERE r.project_id = '%s' AND r.type = 'video' AND p.duration > 0 AND p.error IS NULL",
                               f->project));
  {
    g_autofree char *sql = g_strdup_printf ("SELECT total (p.duration) FROM resources r JOIN probes p ON "
                                            "p.sha256 = r.blob_sha256 WHERE r.project_id = '%s' AND r.type = 'video'",
                                            f->project);
    g_autofree char *text = reslib_test_sql_text (reslib_store_get_db_path (f->store), sql);

    seconds = g_ascii_strtod (text, NULL);
  }
  g_assert_cmpfloat_with_epsilon (stats->video_seconds, seconds, 0.001);
  g_assert_cmpfloat (stats->video_seconds, >, 0);

  /* Courses, in their order, with their points and resources. */
  g_assert_cmpuint (stats->courses->len, ==, 3);
  g_assert_cmpuint (stats->courses->len, ==, sql_count (f, "SELECT count (*) FROM courses WHERE project_id = '%s'",
                                                        f->project));
  for (guint i = 0; i < stats->courses->len; i++)
    {
      ReslibCourseStats *course = g_ptr_array_index (stats->courses, i);
      g_autofree char *q_modules = g_strdup_printf ("SELECT count (*) FROM course_nodes WHERE course_id = '%s' "
                                                    "AND kind = 'module' AND project_id = '%%s'", course->id);
      g_autofree char *q_knowledge = g_strdup_printf ("SELECT count (*) FROM course_nodes WHERE course_id = '%s' "
                                                      "AND kind = 'knowledge' AND project_id = '%%s'", course->id);
      g_autofree char *q_skills = g_strdup_printf ("SELECT count (*) FROM course_nodes WHERE course_id = '%s' "
                                                   "AND kind = 'skill' AND project_id = '%%s'", course->id);
      g_autofree char *q_knowledge_linked =
        g_strdup_printf ("SELECT count (DISTINCT n.id) FROM course_nodes n JOIN resource_nodes rn ON rn.node_id = n.id "
                         "WHERE n.course_id = '%s' AND n.kind = 'knowledge' AND n.project_id = '%%s'", course->id);
      g_autofree char *q_skills_linked =
        g_strdup_printf ("SELECT count (DISTINCT n.id) FROM course_nodes n JOIN resource_nodes rn ON rn.node_id = n.id "
                         "WHERE n.course_id = '%s' AND n.kind = 'skill' AND n.project_id = '%%s'", course->id);
      g_autofree char *q_resources =
        g_strdup_printf ("SELECT count (DISTINCT rn.resource_id) FROM course_nodes n JOIN resource_nodes rn "
                         "ON rn.node_id = n.id WHERE n.course_id = '%s' AND n.project_id = '%%s'", course->id);

      g_assert_cmpuint (course->n_modules, ==, sql_count (f, q_modules, f->project));
      g_assert_cmpuint (course->n_knowledge, ==, sql_count (f, q_knowledge, f->project));
      g_assert_cmpuint (course->n_skills, ==, sql_count (f, q_skills, f->project));
      g_assert_cmpuint (course->n_knowledge_linked, ==, sql_count (f, q_knowledge_linked, f->project));
      g_assert_cmpuint (course->n_skills_linked, ==, sql_count (f, q_skills_linked, f->project));
      g_assert_cmpuint (course->n_resources, ==, sql_count (f, q_resources, f->project));
    }
  {
    ReslibCourseStats *a = g_ptr_array_index (stats->courses, 0);
    ReslibCourseStats *b = g_ptr_array_index (stats->courses, 1);
    ReslibCourseStats *c = g_ptr_array_index (stats->courses, 2);

    g_assert_cmpstr (a->title, ==, "数控加工编程");
    g_assert_cmpuint (a->n_modules, ==, 1);
    g_assert_cmpuint (a->n_knowledge + a->n_skills, ==, 5);
    g_assert_cmpuint (a->n_knowledge_linked + a->n_skills_linked, ==, 4);
    g_assert_cmpuint (b->n_knowledge + b->n_skills, ==, 2);
    g_assert_cmpuint (b->n_knowledge_linked + b->n_skills_linked, ==, 1);
    g_assert_cmpuint (c->n_resources, ==, 0);
    g_assert_cmpuint (c->n_knowledge + c->n_skills, ==, 0);
  }
  g_assert_cmpuint (stats->n_points, ==,
                    sql_count (f, "SELECT count (*) FROM course_nodes WHERE project_id = '%s' "
                                  "AND kind IN ('knowledge', 'skill')", f->project));
  g_assert_cmpuint (stats->n_points_linked, ==,
                    sql_count (f, "SELECT count (*) FROM course_nodes n WHERE project_id = '%s' "
                                  "AND kind IN ('knowledge', 'skill') AND EXISTS (SELECT 1 FROM resource_nodes rn "
                                  "WHERE rn.node_id = n.id)", f->project));

  /* The other project has only its own resources. */
  empty = reslib_store_get_project_stats (f->store, f->other, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (empty->n_resources, ==, 5);
  g_assert_cmpuint (empty->courses->len, ==, 0);
  g_assert_cmpuint (empty->n_points, ==, 0);
  g_assert_cmpuint (empty->n_units, ==, 0);
}

static void
test_monthly (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) months = reslib_store_count_monthly_additions (f->store, f->project, NULL, 12, &error);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *this_month = g_date_time_format (now, "%Y-%m");
  guint sum = 0;

  g_assert_no_error (error);
  g_assert_cmpuint (months->len, ==, 12);
  g_assert_cmpstr (g_array_index (months, ReslibMonthCount, 11).month, ==, this_month);
  for (guint i = 0; i < months->len; i++)
    {
      ReslibMonthCount *m = &g_array_index (months, ReslibMonthCount, i);
      g_autofree char *sql = g_strdup_printf ("SELECT count (*) FROM resources WHERE project_id = '%%s' "
                                              "AND substr (created_at, 1, 7) = '%s'", m->month);

      if (i > 0)
        g_assert_cmpstr (g_array_index (months, ReslibMonthCount, i - 1).month, <, m->month);
      g_assert_cmpuint (m->count, ==, sql_count (f, sql, f->project));
      sum += m->count;
    }
  /* Resources 12 and 13 months old (i % 14 = 12, 13: two of them) are not in the last 12 months. */
  g_assert_cmpuint (sum, ==, 21);

  /* A given last month, across a year's end */
  g_clear_pointer (&months, g_array_unref);
  months = reslib_store_count_monthly_additions (f->store, f->project, "2025-02", 4, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (g_array_index (months, ReslibMonthCount, 0).month, ==, "2024-11");
  g_assert_cmpstr (g_array_index (months, ReslibMonthCount, 3).month, ==, "2025-02");

  g_assert_null (reslib_store_count_monthly_additions (f->store, f->project, "2025-13", 4, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
}

static void
test_changes (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) changes = NULL;
  g_autoptr(GListModel) resources = reslib_store_list (f->store, RESLIB_KIND_RESOURCE, f->project, &error);
  g_autoptr(ReslibRecord) first = g_list_model_get_item (resources, 0);
  g_autoptr(ReslibRecord) second = g_list_model_get_item (resources, 1);
  ReslibChangeCounts counts;
  g_autofree char *from = NULL;
  const char *sql_added = "SELECT count (DISTINCT e.subject_id) FROM events e JOIN resources r ON r.id = e.subject_id "
                          "WHERE e.project_id = '%s' AND e.subject_kind = 'resource' AND e.action = 'create' "
                          "AND e.at >= '0000'";

  g_assert_true (reslib_store_count_changes_since (f->store, f->project, "0000", &counts, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (counts.added, ==, 23);
  g_assert_cmpuint (counts.added, ==, sql_count (f, sql_added, f->project));
  g_assert_cmpuint (counts.deleted, ==, 0);
  g_assert_cmpuint (counts.changed, ==, 23);

  /* Later: one resource updated, one deleted. */
  g_usleep (1100 * 1000);
  {
    g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

    from = g_date_time_format (now, "%Y-%m-%dT%H:%M:%S");
  }
  g_assert_true (reslib_store_update_record (f->store, first, "title", "改过的标题", &error));
  g_assert_no_error (error);
  g_assert_true (reslib_store_delete (f->store, RESLIB_KIND_RESOURCE, reslib_record_get_id (second), &error));
  g_assert_no_error (error);

  g_assert_true (reslib_store_count_changes_since (f->store, f->project, from, &counts, &error));
  g_assert_cmpuint (counts.added, ==, 0);
  g_assert_cmpuint (counts.updated, ==, 1);
  g_assert_cmpuint (counts.deleted, ==, 1);
  g_assert_cmpuint (counts.changed, ==, reslib_store_count_resource_changes (f->store, f->project, from, "9999", &error));
  {
    g_autofree char *sql = g_strdup_printf ("SELECT count (DISTINCT subject_id) FROM events WHERE project_id = '%%s' "
                                            "AND subject_kind = 'resource' AND action = 'delete' AND at >= '%s'", from);

    g_assert_cmpuint (counts.deleted, ==, sql_count (f, sql, f->project));
  }

  changes = reslib_store_list_resource_changes (f->store, f->project, from, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (changes->len, ==, 1);
  g_assert_cmpstr (((ReslibResourceChange *) g_ptr_array_index (changes, 0))->title, ==, "改过的标题");
  g_assert_false (((ReslibResourceChange *) g_ptr_array_index (changes, 0))->created);
}

static void
test_rows (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) team = reslib_store_list_team_rows (f->store, f->project, &error);
  g_autoptr(GPtrArray) budget = NULL;
  g_autoptr(GPtrArray) declarations = NULL;
  g_autofree char *last_report = NULL;
  g_autofree char *last_change = NULL;
  g_autofree char *sql_last_change = NULL;

  g_assert_no_error (error);
  g_assert_cmpuint (team->len, ==, 3);
  g_assert_cmpstr (((ReslibTeamRow *) g_ptr_array_index (team, 0))->unit, ==, "河南工业职业技术学院");

  budget = reslib_store_list_budget_rows (f->store, f->project, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (budget->len, ==, 0);

  declarations = reslib_store_list_declaration_rows (f->store, f->project, &error);
  g_assert_no_error (error);
  /* One row per unit, with or without a declaration. */
  g_assert_cmpuint (declarations->len, ==, 2);
  g_assert_null (((ReslibDeclarationRow *) g_ptr_array_index (declarations, 0))->declaration_id);

  last_report = reslib_store_get_last_report_at (f->store, f->project, &error);
  g_assert_no_error (error);
  g_assert_null (last_report);

  last_change = reslib_store_get_last_change_at (f->store, f->project, &error);
  g_assert_no_error (error);
  sql_last_change = g_strdup_printf ("SELECT max (t) FROM (SELECT updated_at AS t FROM projects WHERE id = '%s' "
                                     "UNION ALL SELECT max (at) FROM events WHERE project_id = '%s')",
                                     f->project, f->project);
  {
    g_autofree char *expected = reslib_test_sql_text (reslib_store_get_db_path (f->store), sql_last_change);

    g_assert_nonnull (last_change);
    g_assert_cmpstr (last_change, ==, expected);
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/stats/project", Fixture, NULL, fixture_setup, test_project_stats, fixture_teardown);
  g_test_add ("/stats/monthly", Fixture, NULL, fixture_setup, test_monthly, fixture_teardown);
  g_test_add ("/stats/changes", Fixture, NULL, fixture_setup, test_changes, fixture_teardown);
  g_test_add ("/stats/rows", Fixture, NULL, fixture_setup, test_rows, fixture_teardown);

  return g_test_run ();
}
