/* test-migrate.c — a store of every past schema version (tests/data/store-vN.sql) upgrades to the current one
 * with its rows
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <locale.h>
#include <sqlite3.h>
#include <stdlib.h>

#include "reslib-store-conflicts.h"
#include "reslib-replacer.h"
#include "reslib-store-packages.h"
#include "reslib-store-review.h"
#include "reslib-store-roles.h"
#include "reslib-store-sheet.h"
#include "reslib-store-targets.h"
#include "reslib-store-texts.h"
#include "reslib-store-usage.h"
#include "reslib-store-versions.h"
#include "reslib-test-utils.h"

/* tests/data/store-v1.sql … store-v17.sql */
#define N_FIXTURES 17

typedef struct
{
  const char *table;
  guint       rows[N_FIXTURES];   /* in the fixture of version 1, 2, … */
} TableRows;

/* How many rows each fixture holds, per table; they all come through an upgrade. */
static const TableRows table_rows[] = {
  { "projects", { 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1 } },
  { "project_majors", { 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1 } },
  { "units", { 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2 } },
  { "members", { 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1 } },
  { "courses", { 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 3, 3, 3, 3, 3, 3, 3 } },
  { "course_nodes", { 0, 2, 2, 2, 2, 2, 2, 2, 2, 2, 3, 3, 3, 3, 3, 3, 3 } },
  { "blobs", { 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2 } },
  { "resources", { 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2 } },
  { "resource_authors", { 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2 } },
  { "resource_keywords", { 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2 } },
  { "resource_nodes", { 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 2, 2, 2, 2, 2, 2, 2 } },
  { "budget_lines", { 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1 } },
  { "milestones", { 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1 } },
  { "declarations", { 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1 } },
  { "submissions", { 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1 } },
  { "events", { 2, 3, 3, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4 } },
  { "probes", { 0, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2 } },
  { "sync_versions", { 0, 0, 0, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2 } },
  { "sync_bases", { 0, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1 } },
  { "check_runs", { 0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1 } },
  /* from the "pack" and "hash" events (version 5) */
  { "package_builds", { 0, 1, 1, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2 } },
  /* version 6: nothing is a conflict, no project has a role (the lead's), no id was mapped */
  { "conflicts", { 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1 } },
  { "project_roles", { 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0 } },
  { "record_map", { 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0 } },
  /* version 7: every submission was of a package file, and none keeps a frozen package */
  { "submission_members", { 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0 } },
  /* version 9: no file was replaced yet */
  { "resource_versions", { 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0 } },
  /* version 10: no project has targets (the fixtures of version 10 and 11 have some) */
  { "targets", { 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 2, 2, 2, 2, 2, 2, 2 } },
  /* version 11: no usage statistics (the fixture of version 11 has a period) */
  { "usage_periods", { 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 1 } },
  /* version 14: no review decisions (approvals made before were one-level; the fixture of version 14 has one) */
  { "review_decisions", { 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1 } },
  /* version 15: no evidence files, no tags (the fixture of version 17 has an evidence file of a milestone) */
  { "evidence", { 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1 } },
  { "resource_tags", { 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0 } },
  { "course_tags", { 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0 } },
  /* version 16: no project has written a narrative section of its dossier (the fixture of version 16 has one) */
  { "project_texts", { 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1 } },
};

#define PROJECT_ID "0f1e2d3c-0000-4000-8000-000000000001"

static void
make_sqlite_file (const char *path,
                  const char *sql)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
}

static void
assert_sql (const char *db,
            const char *sql,
            const char *expected)
{
  g_autofree char *value = reslib_test_sql_text (db, sql);

  g_assert_cmpstr (value, ==, expected);
}

/* What every fixture holds, read through the store. */
static void
assert_common_rows (ReslibStore *store)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ReslibRecord) project = reslib_store_get (store, RESLIB_KIND_PROJECT, PROJECT_ID, &error);
  g_autoptr(ReslibRecord) unit = NULL;
  g_autoptr(GListModel) found = NULL;

  g_assert_no_error (error);
  g_assert_cmpstr (reslib_record_get (project, "name"), ==, "夹具项目");
  g_assert_cmpstr (reslib_record_get (project, "level"), ==, "higher");
  unit = reslib_store_get (store, RESLIB_KIND_UNIT, "0f1e2d3c-0000-4000-8000-000000000004", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (reslib_record_get (unit, "name"), ==, "郑州机床厂");
  g_assert_cmpstr (reslib_record_get (unit, "kind"), ==, "enterprise");

  /* The search index came along, with single characters (version 3). */
  found = reslib_store_search (store, PROJECT_ID, "削", 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (found), ==, 2);
  g_clear_object (&found);
  found = reslib_store_search (store, PROJECT_ID, "车削", 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (found), ==, 1);
}

/* What the fixtures of version 2 and later hold beyond version 1's. */
static void
assert_later_rows (ReslibStore *store,
                   const char  *db)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ReslibRecord) node = reslib_store_get (store, RESLIB_KIND_NODE, "0f1e2d3c-0000-4000-8000-000000000022", &error);
  g_autoptr(ReslibRecord) resource = NULL;
  g_autoptr(ReslibRecord) submission = NULL;
  const char * const *nodes;

  g_assert_no_error (error);
  g_assert_cmpstr (reslib_record_get (node, "parent_id"), ==, "0f1e2d3c-0000-4000-8000-000000000021");
  g_assert_cmpstr (reslib_record_get (node, "kind"), ==, "knowledge");
  resource = reslib_store_get (store, RESLIB_KIND_RESOURCE, "0f1e2d3c-0000-4000-8000-000000000010", &error);
  g_assert_no_error (error);
  nodes = reslib_record_get_list (resource, "nodes");
  g_assert_nonnull (nodes);
  g_assert_cmpstr (nodes[0], ==, "0f1e2d3c-0000-4000-8000-000000000022");
  submission = reslib_store_get (store, RESLIB_KIND_SUBMISSION, "0f1e2d3c-0000-4000-8000-000000000033", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (reslib_record_get (submission, "upload_offset"), ==, "10240");
  g_assert_cmpstr (reslib_record_get (submission, "kind"), ==, "progress");

  assert_sql (db, "SELECT amount_cents FROM budget_lines", "12345600");
  assert_sql (db, "SELECT signed_by FROM declarations", "李厂长");
  assert_sql (db, "SELECT error FROM probes WHERE error IS NOT NULL", "无法读取");
}

/* Version 12 made the table of courses anew (sql/0012-course-member-budget.sql): every course with its kind
 * mapped, every node and link still on its course, the triggers and indexes made again. */
static void
assert_v12_rows (ReslibStore *store,
                 const char  *db,
                 guint        version)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ReslibRecord) course = NULL;
  g_autoptr(ReslibRecord) member = NULL;
  g_autoptr(GListModel) found = NULL;

  assert_sql (db, "SELECT kind FROM courses WHERE id = '0f1e2d3c-0000-4000-8000-000000000020'", "standardized");
  assert_sql (db, "SELECT count (*) FROM course_nodes WHERE course_id = '0f1e2d3c-0000-4000-8000-000000000020'", "2");
  assert_sql (db, "SELECT count (*) FROM sqlite_schema WHERE tbl_name = 'courses' AND type IN ('index', 'trigger')",
              "6");
  assert_sql (db, "SELECT count (*) FROM sqlite_schema WHERE sql LIKE '%new_courses%'", "0");
  if (version >= 11)
    {
      /* training stays training; certificate becomes training with the title as its certificate */
      assert_sql (db, "SELECT kind || ' ' || coalesce (certificate, '-') FROM courses "
                      "WHERE id = '0f1e2d3c-0000-4000-8000-000000000023'", "training -");
      assert_sql (db, "SELECT kind || ' ' || certificate FROM courses WHERE id = '0f1e2d3c-0000-4000-8000-000000000024'",
                  "training 数控车铣加工 1+X 证书培训");
      assert_sql (db, "SELECT course_id FROM course_nodes WHERE id = '0f1e2d3c-0000-4000-8000-000000000025'",
                  "0f1e2d3c-0000-4000-8000-000000000024");
      assert_sql (db, "SELECT count (*) FROM resource_nodes WHERE node_id = '0f1e2d3c-0000-4000-8000-000000000025'", "1");
      assert_sql (db, "SELECT course_id FROM targets WHERE kind = 'course-resources'",
                  "0f1e2d3c-0000-4000-8000-000000000020");
    }
  assert_sql (db, "SELECT leader || dual_qualified || enterprise || coalesce (birth_year, '-') || coalesce (office, '-') "
                  "FROM members", "nonono--");
  assert_sql (db, "SELECT coalesce (year, '-') || coalesce (received_cents, '-') || coalesce (spent_cents, '-') "
                  "FROM budget_lines", "---");

  /* The course takes its new fields; renamed, search finds its resources by the new name (the trigger). */
  member = reslib_store_get (store, RESLIB_KIND_MEMBER, "0f1e2d3c-0000-4000-8000-000000000005", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (reslib_record_get (member, "leader"), ==, "no");
  g_assert_true (reslib_store_update (store, RESLIB_KIND_COURSE, "0f1e2d3c-0000-4000-8000-000000000020",
                                      (const char * const[]) { "title", "lead_member_id", "credits", "hours", NULL },
                                      (const char * const[]) { "精密车削", "0f1e2d3c-0000-4000-8000-000000000005",
                                                               "3.5", "64" }, &error));
  g_assert_no_error (error);
  course = reslib_store_get (store, RESLIB_KIND_COURSE, "0f1e2d3c-0000-4000-8000-000000000020", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (reslib_record_get (course, "credits"), ==, "3.5");
  g_assert_cmpstr (reslib_record_get (course, "lead_member_id"), ==, "0f1e2d3c-0000-4000-8000-000000000005");
  found = reslib_store_search (store, PROJECT_ID, "精密", 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (found), ==, 1);
  /* The store's connection has its foreign keys on again: deleting the course deletes its nodes. */
  g_assert_true (reslib_store_delete (store, RESLIB_KIND_COURSE, "0f1e2d3c-0000-4000-8000-000000000020", &error));
  g_assert_no_error (error);
  assert_sql (db, "SELECT count (*) FROM course_nodes WHERE course_id = '0f1e2d3c-0000-4000-8000-000000000020'", "0");
  assert_sql (db, "SELECT count (*) FROM targets WHERE kind = 'course-resources'", "0");
}

/* Runs @sql on its own connection and returns SQLite's result code. */
static int
sql_result (const char *db_path,
            const char *sql)
{
  sqlite3 *db = NULL;
  int rc;

  g_assert_cmpint (sqlite3_open_v2 (db_path, &db, SQLITE_OPEN_READWRITE, NULL), ==, SQLITE_OK);
  sqlite3_busy_timeout (db, 10000);
  sqlite3_exec (db, "PRAGMA foreign_keys = ON", NULL, NULL, NULL);
  rc = sqlite3_exec (db, sql, NULL, NULL, NULL);
  sqlite3_close (db);

  return rc;
}

/* Version 15 made the table of resources anew (sql/0015-milestones-evidence-tags.sql): every resource keeps
 * its rowid, which keys the search tables, its columns and its links; the indexes and triggers are made
 * again; a resource is a file or an address, never both nor neither; milestones take their deliverable. */
static void
assert_v15 (ReslibStore *store,
            const char  *db,
            guint        version)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ReslibRecord) milestone = NULL;
  g_autoptr(GListModel) milestones = NULL;
  g_autofree char *milestone_id = NULL;

  assert_sql (db, "SELECT count (*) FROM resources r JOIN resource_fts f ON f.rowid = r.rowid AND f.title = r.title", "2");
  assert_sql (db, "SELECT count (*) FROM resources r JOIN resource_bigrams b ON b.rowid = r.rowid", "2");
  assert_sql (db, "SELECT count (*) FROM resources WHERE blob_sha256 IS NOT NULL AND url IS NULL AND document IS NULL "
                  "AND major_id IS NULL AND course_id IS NULL AND certificate IS NULL", "2");
  assert_sql (db, "SELECT group_concat (name, ' ') FROM (SELECT name FROM sqlite_schema WHERE tbl_name = 'resources' "
                  "AND type IN ('index', 'trigger') AND name NOT LIKE 'sqlite_%' ORDER BY name)",
              "resources_blob resources_course resources_file_name resources_file_versions resources_fts_delete "
              "resources_fts_insert resources_fts_update resources_major resources_project resources_sync_delete "
              "resources_unit");
  assert_sql (db, "SELECT count (*) FROM sqlite_schema WHERE sql LIKE '%new_resources%'", "0");

  /* A file becomes an address (the file is kept as a version); neither, or both, is refused; a document is
   * one of the three. A connection of its own has no reslib_bigrams(): these statements touch no column
   * that the search triggers watch. */
  g_assert_cmpint (sql_result (db, "UPDATE resources SET blob_sha256 = NULL, url = 'https://www.icve.com.cn/c/1' "
                                   "WHERE id = '0f1e2d3c-0000-4000-8000-000000000011'"), ==, SQLITE_OK);
  assert_sql (db, "SELECT count (*) FROM resource_versions WHERE resource_id = '0f1e2d3c-0000-4000-8000-000000000011'",
              "1");
  g_assert_cmpint (sql_result (db, "UPDATE resources SET url = NULL WHERE id = '0f1e2d3c-0000-4000-8000-000000000011'"),
                   ==, SQLITE_CONSTRAINT);
  g_assert_cmpint (sql_result (db, "UPDATE resources SET url = 'https://example.org/' "
                                   "WHERE id = '0f1e2d3c-0000-4000-8000-000000000010'"), ==, SQLITE_CONSTRAINT);
  g_assert_cmpint (sql_result (db, "UPDATE resources SET document = 'syllabus'"), ==, SQLITE_CONSTRAINT);
  g_assert_cmpint (sql_result (db, "UPDATE resources SET document = 'programme', major_id = (SELECT id FROM project_majors) "
                                   "WHERE id = '0f1e2d3c-0000-4000-8000-000000000011'"), ==, SQLITE_OK);
  g_assert_cmpint (sql_result (db, "UPDATE resources SET major_id = 'no such major' "
                                   "WHERE id = '0f1e2d3c-0000-4000-8000-000000000011'"), ==, SQLITE_CONSTRAINT);
  g_assert_cmpint (sql_result (db, "INSERT INTO resource_tags VALUES ('0f1e2d3c-0000-4000-8000-000000000010', 'ideological')"),
                   ==, SQLITE_OK);
  g_assert_cmpint (sql_result (db, "INSERT INTO resource_tags VALUES ('0f1e2d3c-0000-4000-8000-000000000010', '1+X')"),
                   ==, SQLITE_CONSTRAINT);
  {
    g_autoptr(ReslibRecord) online = reslib_store_get (store, RESLIB_KIND_RESOURCE, "0f1e2d3c-0000-4000-8000-000000000011",
                                                       &error);

    g_assert_no_error (error);
    g_assert_null (reslib_record_get (online, "blob_sha256"));
  }

  if (version < 2)
    return;
  milestones = reslib_store_list (store, RESLIB_KIND_MILESTONE, PROJECT_ID, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (milestones), ==, 1);
  milestone = g_list_model_get_item (milestones, 0);
  milestone_id = g_strdup (reslib_record_get (milestone, "id"));
  g_assert_null (reslib_record_get (milestone, "deliverable"));
  g_clear_object (&milestone);
  g_assert_true (reslib_store_update (store, RESLIB_KIND_MILESTONE, milestone_id,
                                      (const char * const[]) { "deliverable", "quantity", "evidence_url", NULL },
                                      (const char * const[]) { "标准化课程", "3", "https://www.icve.com.cn/" }, &error));
  g_assert_no_error (error);
  milestone = reslib_store_get (store, RESLIB_KIND_MILESTONE, milestone_id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (reslib_record_get (milestone, "deliverable"), ==, "标准化课程");
  g_assert_cmpstr (reslib_record_get (milestone, "quantity"), ==, "3");
  g_assert_cmpstr (reslib_record_get (milestone, "title"), ==, "完成课程建设");
}

/* The digests the audit log recorded are found in package_builds (version 5): the last reading of the
 * path, for the file as it was then. */
static void
assert_package_digest (ReslibStore *store,
                       guint        version)
{
  ReslibPackageFile packed = { 20480, 1759309200000000000, 2049, 131077 };
  ReslibPackageFile hashed = { 20480, 1759395600000000000, 2049, 131077 };
  g_autoptr(GError) error = NULL;
  g_autofree char *found = NULL;

  found = reslib_store_find_package_sha256 (store, "/home/wang/进度.tar", version >= 4 ? &hashed : &packed, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (found, ==, version >= 4 ? "2c26b46b68ffc68ff99b453c1d30413413422d706483bfa0f98a5e886266e7ae"
                                           : "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08");
  if (version >= 4)
    {
      g_autofree char *stale = reslib_store_find_package_sha256 (store, "/home/wang/进度.tar", &packed, &error);

      g_assert_no_error (error);
      g_assert_null (stale);
    }
}

static void
test_fixture (gconstpointer data)
{
  guint version = GPOINTER_TO_UINT (data);
  g_autofree char *name = g_strdup_printf ("store-v%u.sql", version);
  g_autofree char *fixture = g_test_build_filename (G_TEST_DIST, "data", name, NULL);
  g_autofree char *dir = reslib_test_make_tmp_dir ("reslib-migrate-XXXXXX");
  g_autofree char *db = g_build_filename (dir, "library.db", NULL);
  g_autofree char *dump = NULL;
  g_autofree char *before = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(ReslibStore) store = NULL;

  g_assert_true (g_file_get_contents (fixture, &dump, NULL, &error));
  g_assert_no_error (error);
  make_sqlite_file (db, dump);
  before = reslib_test_sql_text (db, "PRAGMA user_version");
  g_assert_cmpint (atoi (before), ==, version);

  store = reslib_test_open_store (dir);
  assert_sql (db, "PRAGMA integrity_check", "ok");
  assert_sql (db, "PRAGMA foreign_key_check", NULL);
  {
    g_autofree char *now = reslib_test_sql_text (db, "PRAGMA user_version");

    g_assert_cmpint (atoi (now), ==, RESLIB_STORE_VERSION_NOW);
  }

  for (guint i = 0; i < G_N_ELEMENTS (table_rows); i++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT count (*) FROM %s", table_rows[i].table);
      g_autofree char *expected = g_strdup_printf ("%u", table_rows[i].rows[version - 1]);

      g_test_message ("%s: %s rows", table_rows[i].table, expected);
      assert_sql (db, sql, expected);
    }

  assert_common_rows (store);
  if (version >= 2)
    assert_later_rows (store, db);
  if (version >= 4)
    assert_sql (db, "SELECT refused FROM sync_versions WHERE kind = 'project'", "1");
  if (version >= 2)
    assert_package_digest (store, version);
  if (version >= 5)
    assert_sql (db, "SELECT n_warnings FROM check_runs", "2");
  /* A store of before version 6 is the lead's in its projects, and has no conflicts waiting (the fixture of
   * version 6 has one). */
  g_assert_cmpint (reslib_store_get_project_role (store, PROJECT_ID, &error), ==, RESLIB_PROJECT_ROLE_LEAD);
  g_assert_no_error (error);
  g_assert_cmpuint (reslib_store_count_conflicts (store, PROJECT_ID, &error), ==, version >= 6 ? 1 : 0);
  g_assert_no_error (error);
  /* Version 7: the submissions were all of package files. */
  if (version >= 2)
    {
      assert_sql (db, "SELECT source || ' ' || plan_complete || ' ' || hash_offset FROM submissions", "file 0 0");
      assert_sql (db, "SELECT count (*) FROM submissions WHERE bag_name IS NULL AND tar_sha256 IS NULL "
                      "AND hash_state IS NULL", "1");
    }

  /* Version 8: search finds a resource by its author, its unit and its point, module and course. */
  if (version >= 2)
    {
      static const char * const names[] = { "王老师", "工业职业", "切削用量", "车削加工", "数控车削" };

      for (guint i = 0; i < G_N_ELEMENTS (names); i++)
        {
          g_autoptr(GListModel) found = reslib_store_search (store, PROJECT_ID, names[i], 0, &error);

          g_assert_no_error (error);
          g_test_message ("search %s", names[i]);
          g_assert_cmpuint (g_list_model_get_n_items (found), >=, 1);
        }
    }
  /* Version 10: the upgraded store takes targets, counted from its old rows. */
  {
    g_autofree char *target = reslib_store_set_target (store, PROJECT_ID, "resources", NULL, 10, NULL, NULL, &error);
    g_autoptr(GPtrArray) targets = NULL;
    g_autofree char *expected = reslib_test_sql_text (db, "SELECT count (*) FROM resources WHERE state <> 'rejected'");

    g_assert_no_error (error);
    g_assert_nonnull (target);
    targets = reslib_store_list_target_progress (store, PROJECT_ID, &error);
    g_assert_no_error (error);
    /* the fixture of version 10 has this target already, that of version 11 a course's target too */
    g_assert_cmpuint (targets->len, ==, version >= 11 ? 2 : 1);
    g_assert_cmpint (((ReslibTargetProgress *) g_ptr_array_index (targets, 0))->actual, ==, atoi (expected));
  }

  /* Version 11: the upgraded store takes usage statistics. */
  {
    gint64 users = 0;

    g_assert_true (reslib_store_usage_users_at (store, PROJECT_ID, "2030-01-01", &users, NULL, &error));
    g_assert_no_error (error);
    g_assert_cmpint (users, ==, version >= 11 ? 1200 + 80 + 150 + 300 : -1);
  }

  /* Version 14: the upgraded store has the review log it had (empty before version 14) */
  {
    g_autoptr(GPtrArray) log = reslib_store_list_review_log (store, PROJECT_ID, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (log->len, ==, version >= 14 ? 1 : 0);
  }

  /* Version 15: resources made anew keep their rowid (the search tables' key) and every column; they take
   * an online address instead of a file, and one or the other; milestones take a deliverable. */
  assert_v15 (store, db, version);

  /* Version 16: the upgraded store keeps the dossier's narrative sections; version 17 made their table anew
   * for the reports' sections, keeping what version 16 held */
  {
    g_autofree char *text = NULL;
    g_autofree char *rows = NULL;

    if (version >= 16)
      {
        text = reslib_store_get_project_text (store, PROJECT_ID, "foundation", &error);
        g_assert_no_error (error);
        g_assert_cmpstr (text, ==, "本专业为省级高水平专业群核心专业。\n建有校内实训基地 3 个。");
        g_clear_pointer (&text, g_free);
      }
    g_assert_true (reslib_store_set_project_text (store, PROJECT_ID, "audit", "河南某会计师事务所，豫审字〔2027〕15 号",
                                                  &error));
    g_assert_no_error (error);
    assert_sql (db, "SELECT count (*) FROM sqlite_schema WHERE name LIKE 'project_texts_%'", "0");
    g_assert_cmpint (sql_result (db, "INSERT INTO project_texts VALUES ('" PROJECT_ID "', 'summary', 'x', 'now')"), ==,
                     SQLITE_CONSTRAINT);
    g_assert_true (reslib_store_set_project_text (store, PROJECT_ID, "audit", "", &error));
    g_assert_no_error (error);
    g_assert_true (reslib_store_set_project_text (store, PROJECT_ID, "foundation", "第一段\n第二段", &error));
    g_assert_no_error (error);
    text = reslib_store_get_project_text (store, PROJECT_ID, "foundation", &error);
    g_assert_no_error (error);
    g_assert_cmpstr (text, ==, "第一段\n第二段");
    rows = reslib_test_sql_text (db, "SELECT count (*) FROM project_texts");
    g_assert_cmpstr (rows, ==, "1");
  }

  /* Version 18: evidence takes a narrative section as its owner, one owner at most; the file of the fixture of
   * version 17 kept its row (rowid too) and its milestone */
  if (version >= 17)
    assert_sql (db, "SELECT rowid || ' ' || title || ' ' || milestone_id || ' ' || coalesce (section, '-') "
                    "FROM evidence", "1 课程验收单 0f1e2d3c-0000-4000-8000-000000000031 -");
  assert_sql (db, "SELECT count (*) FROM sqlite_schema WHERE tbl_name = 'evidence' AND type IN ('index', 'trigger')",
              "7");
  assert_sql (db, "SELECT count (*) FROM sqlite_schema WHERE name LIKE 'evidence_%' AND type = 'table'", "0");
  g_assert_cmpint (sql_result (db, "INSERT INTO evidence (id, project_id, blob_sha256, file_name, title, section, "
                                   "created_at, updated_at) SELECT 'e1', '" PROJECT_ID "', sha256, 'a', 'a', "
                                   "'preface', 'now', 'now' FROM blobs LIMIT 1"), ==, SQLITE_CONSTRAINT);
  /* (the fixtures have a milestone from version 2 on) */
  if (version >= 2)
    g_assert_cmpint (sql_result (db, "INSERT INTO evidence (id, project_id, blob_sha256, file_name, title, section, "
                                   "milestone_id, created_at, updated_at) SELECT 'e2', '" PROJECT_ID "', sha256, "
                                   "'a', 'a', 'audit', (SELECT id FROM milestones LIMIT 1), 'now', 'now' FROM blobs "
                                   "LIMIT 1"), ==, SQLITE_CONSTRAINT);
  g_assert_cmpint (sql_result (db, "INSERT INTO evidence (id, project_id, blob_sha256, file_name, title, section, "
                                   "created_at, updated_at) SELECT 'e3', '" PROJECT_ID "', sha256, 'a', 'a', "
                                   "'audit', 'now', 'now' FROM blobs LIMIT 1"), ==, SQLITE_OK);
  g_assert_cmpint (sql_result (db, "DELETE FROM evidence WHERE id = 'e3'"), ==, SQLITE_OK);

  /* Version 13: a resource is found by its file name through the index on (project_id, file_name). */
  {
    g_autofree char *file_name = reslib_test_sql_text (db, "SELECT file_name FROM resources ORDER BY id LIMIT 1");
    g_autofree char *expected = reslib_test_sql_text (db, "SELECT id FROM resources ORDER BY id LIMIT 1");
    g_autofree char *found = NULL;
    g_autoptr(GString) plan = g_string_new (NULL);
    sqlite3 *handle = NULL;
    sqlite3_stmt *stmt = NULL;
    gboolean several = TRUE;

    g_assert_cmpint (sqlite3_open (db, &handle), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_prepare_v2 (handle, "EXPLAIN QUERY PLAN SELECT id FROM resources WHERE project_id = ? "
                                                 "AND file_name = ?", -1, &stmt, NULL), ==, SQLITE_OK);
    while (sqlite3_step (stmt) == SQLITE_ROW)
      g_string_append_printf (plan, "%s\n", (const char *) sqlite3_column_text (stmt, 3));
    sqlite3_finalize (stmt);
    sqlite3_close (handle);
    g_test_message ("%s", plan->str);
    g_assert_nonnull (strstr (plan->str, "resources_file_name"));
    found = reslib_store_resource_by_file_name (store, PROJECT_ID, file_name, &several, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (found, ==, expected);
    g_assert_false (several);
  }

  /* Version 12: the course kinds, the new fields of members, courses and budget lines. */
  if (version >= 2)
    assert_v12_rows (store, db, version);

  /* Version 9: a file replaced after the upgrade is kept as a version */
  {
    g_autofree char *resource = reslib_test_sql_text (db, "SELECT id FROM resources ORDER BY id LIMIT 1");
    g_autofree char *path = reslib_test_write_file (dir, "新版.txt", "新版", -1);
    g_autoptr(GFile) file = g_file_new_for_path (path);
    g_autoptr(ReslibReplacer) replacer = reslib_replacer_new (store, resource, file);
    g_autoptr(GPtrArray) versions = NULL;

    g_assert_true (reslib_job_run (RESLIB_JOB (replacer), NULL, &error));
    g_assert_no_error (error);
    versions = reslib_store_list_file_versions (store, resource, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (versions->len, ==, 1);
  }

  g_clear_object (&store);
  reslib_test_rm_rf (dir);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  for (guint v = 1; v <= N_FIXTURES; v++)
    {
      g_autofree char *path = g_strdup_printf ("/migrate/from-v%u", v);

      g_test_add_data_func (path, GUINT_TO_POINTER (v), test_fixture);
    }

  return g_test_run ();
}
