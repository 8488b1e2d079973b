/* test-store.c — the store: opening, migrations, records, events, blobs
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <locale.h>
#include <sqlite3.h>

#include "reslib-package.h"
#include "reslib-store-batch.h"
#include "reslib-store-courses.h"
#include "reslib-store-gc.h"
#include "reslib-store-resource-rows.h"
#include "reslib-test-utils.h"
#include "reslib-undo-step.h"

typedef ReslibTestProject Fixture;

#define ADD_TEST(path, func) \
  g_test_add ((path), Fixture, NULL, reslib_test_project_setup, (func), reslib_test_project_teardown)


static void
test_open_new (void)
{
  g_autofree char *dir = reslib_test_make_tmp_dir ("reslib-open-XXXXXX");
  g_autofree char *data_dir = g_build_filename (dir, "nested", "data", NULL);
  g_autoptr(ReslibStore) store = reslib_test_open_store (data_dir);
  const char *db = reslib_store_get_db_path (store);
  g_autofree char *version = reslib_test_sql_text (db, "PRAGMA user_version");
  g_autofree char *app_id = reslib_test_sql_text (db, "PRAGMA application_id");
  g_autofree char *mode = reslib_test_sql_text (db, "PRAGMA journal_mode");
  g_autofree char *expected_app_id = g_strdup_printf ("%d", RESLIB_STORE_APPLICATION_ID);

  g_assert_true (g_str_has_prefix (db, data_dir));
  g_assert_cmpint (atoi (version), ==, RESLIB_STORE_VERSION_NOW);
  g_assert_cmpstr (app_id, ==, expected_app_id);
  g_assert_cmpstr (mode, ==, "wal");
  g_assert_true (g_file_test (data_dir, G_FILE_TEST_IS_DIR));

  g_clear_object (&store);
  reslib_test_rm_rf (dir);
}

static void
test_open_env (void)
{
  g_autofree char *dir = reslib_test_make_tmp_dir ("reslib-env-XXXXXX");
  g_autofree char *data_dir = NULL;

  g_setenv ("RESLIB_DATA_DIR", dir, TRUE);
  data_dir = reslib_store_default_data_dir ();
  g_assert_cmpstr (data_dir, ==, dir);
  g_unsetenv ("RESLIB_DATA_DIR");
  g_clear_pointer (&data_dir, g_free);
  data_dir = reslib_store_default_data_dir ();
  g_assert_true (g_str_has_suffix (data_dir, "/reslib"));
  g_assert_true (g_str_has_prefix (data_dir, g_get_user_data_dir ()));
  reslib_test_rm_rf (dir);
}

static void
assert_open_fails (const char *data_dir,
                   int         code)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ReslibStore) store = reslib_store_open (data_dir, &error);

  g_assert_null (store);
  g_assert_error (error, RESLIB_ERROR, code);
  g_assert_null (strchr (error->message, '\n'));
  g_test_message ("refused as expected: %s", error->message);
}

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
test_open_refused (void)
{
  g_autofree char *dir = reslib_test_make_tmp_dir ("reslib-refused-XXXXXX");
  g_autofree char *garbage_dir = g_build_filename (dir, "garbage", NULL);
  g_autofree char *foreign_dir = g_build_filename (dir, "foreign", NULL);
  g_autofree char *unmarked_dir = g_build_filename (dir, "unmarked", NULL);
  g_autofree char *newer_dir = g_build_filename (dir, "newer", NULL);
  g_autofree char *corrupt_dir = g_build_filename (dir, "corrupt", NULL);
  g_autofree char *file_path = reslib_test_write_file (dir, "a-file", "x", -1);
  g_autofree char *under_file = g_build_filename (file_path, "data", NULL);
  g_autofree char *garbage_db = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *sql = NULL;
  g_autofree char *db = NULL;

  /* Not SQLite at all: refused, and the file is left exactly as it was. */
  garbage_db = reslib_test_write_file (garbage_dir, "library.db", "this is not a database, it is a note\n", -1);
  g_file_get_contents (garbage_db, &before, NULL, NULL);
  assert_open_fails (garbage_dir, RESLIB_ERROR_FOREIGN);
  g_file_get_contents (garbage_db, &after, NULL, NULL);
  g_assert_cmpstr (before, ==, after);

  /* Another program's database. */
  g_mkdir (foreign_dir, 0700);
  db = g_build_filename (foreign_dir, "library.db", NULL);
  make_sqlite_file (db, "PRAGMA application_id = 1234; CREATE TABLE notes (t TEXT); INSERT INTO notes VALUES ('keep');");
  assert_open_fails (foreign_dir, RESLIB_ERROR_FOREIGN);
  g_clear_pointer (&after, g_free);
  after = reslib_test_sql_text (db, "SELECT t FROM notes");
  g_assert_cmpstr (after, ==, "keep");
  g_clear_pointer (&db, g_free);

  /* An unmarked database that has tables is not ours either. */
  g_mkdir (unmarked_dir, 0700);
  db = g_build_filename (unmarked_dir, "library.db", NULL);
  make_sqlite_file (db, "CREATE TABLE notes (t TEXT);");
  assert_open_fails (unmarked_dir, RESLIB_ERROR_FOREIGN);
  g_clear_pointer (&db, g_free);

  /* Written by a newer version. */
  g_mkdir (newer_dir, 0700);
  db = g_build_filename (newer_dir, "library.db", NULL);
  sql = g_strdup_printf ("PRAGMA application_id = %d; PRAGMA user_version = 99; CREATE TABLE future (x);",
                         RESLIB_STORE_APPLICATION_ID);
  make_sqlite_file (db, sql);
  assert_open_fails (newer_dir, RESLIB_ERROR_TOO_NEW);
  g_clear_pointer (&db, g_free);

  /* A damaged file: a real store with its pages overwritten. */
  {
    g_autoptr(ReslibStore) store = reslib_test_open_store (corrupt_dir);
    g_autofree char *proj = reslib_test_new_project (store, "x");
    g_autofree char *contents = NULL;
    gsize len = 0;

    db = g_strdup (reslib_store_get_db_path (store));
    g_clear_object (&store);
    /* The store leaves its pages in the write-ahead log when it closes: copy them into library.db. */
    {
      sqlite3 *handle = NULL;

      g_assert_cmpint (sqlite3_open (db, &handle), ==, SQLITE_OK);
      g_assert_cmpint (sqlite3_exec (handle, "PRAGMA wal_checkpoint(TRUNCATE)", NULL, NULL, NULL), ==, SQLITE_OK);
      sqlite3_close (handle);
    }
    g_assert_true (g_file_get_contents (db, &contents, &len, NULL));
    g_assert_cmpuint (len, >, 4096);
    memset (contents + 100, 0xee, len - 100);
    g_assert_true (g_file_set_contents (db, contents, len, NULL));
    assert_open_fails (corrupt_dir, RESLIB_ERROR_CORRUPT);
  }

  /* A data folder that cannot be created. */
  assert_open_fails (under_file, RESLIB_ERROR_READ_ONLY);

  reslib_test_rm_rf (dir);
}

/* A database of schema version 1 made by an earlier build (tests/data/store-v1.sql) opens and upgrades. */
static void
test_migrate_fixture (void)
{
  g_autofree char *dir = reslib_test_make_tmp_dir ("reslib-fixture-XXXXXX");
  g_autofree char *fixture = g_test_build_filename (G_TEST_DIST, "data", "store-v1.sql", NULL);
  g_autofree char *dump = NULL;
  g_autofree char *db = g_build_filename (dir, "library.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(ReslibStore) store = NULL;
  g_autoptr(GListModel) projects = NULL;
  g_autoptr(GListModel) found = NULL;
  g_autoptr(ReslibRecord) project = NULL;
  g_autofree char *version = NULL;
  g_autofree char *check = NULL;

  g_assert_true (g_file_get_contents (fixture, &dump, NULL, &error));
  g_assert_no_error (error);
  make_sqlite_file (db, dump);

  store = reslib_test_open_store (dir);
  version = reslib_test_sql_text (db, "PRAGMA user_version");
  g_assert_cmpint (atoi (version), ==, RESLIB_STORE_VERSION_NOW);
  check = reslib_test_sql_text (db, "PRAGMA integrity_check");
  g_assert_cmpstr (check, ==, "ok");

  projects = reslib_store_list (store, RESLIB_KIND_PROJECT, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (projects), ==, 1);
  project = g_list_model_get_item (projects, 0);
  g_assert_cmpstr (reslib_record_get (project, "name"), ==, "夹具项目");
  g_assert_cmpuint (reslib_store_count (store, RESLIB_KIND_RESOURCE, reslib_record_get_id (project), NULL), ==, 2);
  g_assert_cmpuint (reslib_store_count (store, RESLIB_KIND_UNIT, reslib_record_get_id (project), NULL), ==, 2);

  /* The search index came along, made again with single characters (version 3). */
  found = reslib_store_search (store, reslib_record_get_id (project), "车削", 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (found), ==, 1);
  g_clear_object (&found);
  found = reslib_store_search (store, reslib_record_get_id (project), "削", 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (found), ==, 2);
  {
    g_autofree char *n = reslib_test_sql_text (db, "SELECT count (*) FROM resource_bigrams "
                                                   "WHERE resource_bigrams MATCH '\"铣\"'");

    g_assert_cmpstr (n, ==, "1");
  }

  g_clear_object (&store);
  reslib_test_rm_rf (dir);
}

/* ---------------------------------------------------------------------------------------------- */

static void
test_project_create (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ReslibRecord) project = reslib_store_get (f->store, RESLIB_KIND_PROJECT, f->project, &error);
  g_autoptr(GListModel) majors = NULL;
  g_autoptr(ReslibRecord) core = NULL;
  g_autofree char *served = NULL;
  g_autofree char *again = NULL;
  g_autofree char *bad = NULL;

  g_assert_no_error (error);
  g_assert_cmpstr (reslib_record_get (project, "start_date"), ==, "2025-09-01");
  /* One year written the Chinese way: to the day before the anniversary */
  g_assert_cmpstr (reslib_record_get (project, "end_date"), ==, "2026-08-31");
  g_assert_cmpstr (reslib_record_get (project, "level"), ==, "higher");

  served = reslib_store_insert (f->store, RESLIB_KIND_MAJOR,
                                (const char * const[]) { "project_id", "role", "code", "name", NULL },
                                (const char * const[]) { f->project, "served", "460104", "模具设计与制造" }, &error);
  g_assert_no_error (error);
  majors = reslib_store_list (f->store, RESLIB_KIND_MAJOR, f->project, &error);
  g_assert_cmpuint (g_list_model_get_n_items (majors), ==, 2);
  core = g_list_model_get_item (majors, 0);
  g_assert_cmpstr (reslib_record_get (core, "role"), ==, "core");
  g_assert_cmpstr (reslib_record_get (core, "code"), ==, "460103");

  /* The same major twice, or a second core major, is refused. */
  again = reslib_store_insert (f->store, RESLIB_KIND_MAJOR,
                               (const char * const[]) { "project_id", "role", "code", "name", NULL },
                               (const char * const[]) { f->project, "served", "460104", "again" }, &error);
  g_assert_null (again);
  g_assert_error (error, RESLIB_ERROR, RESLIB_ERROR_INVALID);
  g_clear_error (&error);
  bad = reslib_store_insert (f->store, RESLIB_KIND_MAJOR,
                             (const char * const[]) { "project_id", "role", "code", "name", NULL },
                             (const char * const[]) { f->project, "core", "460199", "second core" }, &error);
  g_assert_null (bad);
  g_assert_error (error, RESLIB_ERROR, RESLIB_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpuint (reslib_store_count (f->store, RESLIB_KIND_MAJOR, f->project, NULL), ==, 2);

  /* Bad dates are refused with a clear message and change nothing. */
  g_assert_false (reslib_store_update (f->store, RESLIB_KIND_PROJECT, f->project,
                                       (const char * const[]) { "name", "start_date", NULL },
                                       (const char * const[]) { "renamed", "2025-02-30" }, &error));
  g_assert_error (error, RESLIB_ERROR, RESLIB_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "2025-02-30"));
  g_clear_error (&error);
  g_clear_object (&project);
  project = reslib_store_get (f->store, RESLIB_KIND_PROJECT, f->project, &error);
  g_assert_cmpstr (reslib_record_get (project, "name"), ==, "数控技术专业教学资源库");
}

static void
test_parse_helpers (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *code = NULL;
  g_autofree char *name = NULL;
  static const char * const bad_dates[] = { "2025-13-01", "2025-02-30", "tomorrow", "2025-1-01", "20250101", "",
                                            "2025-02-29", "2025-01-01x" };
  static const char * const bad_pairs[] = { "510201", ":x", "51 02:x", "510201:", "", ":" };

  for (guint i = 0; i < G_N_ELEMENTS (bad_dates); i++)
    g_assert_false (reslib_parse_date (bad_dates[i], NULL));
  g_assert_true (reslib_parse_date ("2024-02-29", NULL));

  for (guint i = 0; i < G_N_ELEMENTS (bad_pairs); i++)
    {
      g_assert_false (reslib_parse_code_name (bad_pairs[i], &code, &name, &error));
      g_assert_error (error, RESLIB_ERROR, RESLIB_ERROR_INVALID);
      g_clear_error (&error);
    }
  g_assert_true (reslib_parse_code_name (" 510201 : 计算机应用技术 ", &code, &name, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (code, ==, "510201");
  g_assert_cmpstr (name, ==, "计算机应用技术");
}

static void
test_records (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *unit = NULL;
  g_autofree char *member = NULL;
  g_autofree char *resolved = NULL;
  g_autofree char *prefix = NULL;
  g_autoptr(ReslibRecord) record = NULL;
  g_autoptr(JsonNode) events = NULL;
  char *bad;

  unit = reslib_store_insert (f->store, RESLIB_KIND_UNIT,
                              (const char * const[]) { "project_id", "name", "kind", "role", "host_rank", NULL },
                              (const char * const[]) { f->project, "河南工业职业技术学院", "higher-vocational", "host", "1" },
                              &error);
  g_assert_no_error (error);

  /* Invalid choices, missing required fields and unknown fields are refused. */
  bad = reslib_store_insert (f->store, RESLIB_KIND_UNIT,
                             (const char * const[]) { "project_id", "name", "kind", "role", NULL },
                             (const char * const[]) { f->project, "x", "school", "host" }, &error);
  g_assert_null (bad);
  g_assert_error (error, RESLIB_ERROR, RESLIB_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "higher-vocational"));
  g_clear_error (&error);
  bad = reslib_store_insert (f->store, RESLIB_KIND_UNIT,
                             (const char * const[]) { "project_id", "name", "role", NULL },
                             (const char * const[]) { f->project, "x", "host" }, &error);
  g_assert_null (bad);
  g_assert_error (error, RESLIB_ERROR, RESLIB_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (reslib_store_update (f->store, RESLIB_KIND_UNIT, unit,
                                       (const char * const[]) { "colour", NULL }, (const char * const[]) { "red" },
                                       &error));
  g_assert_error (error, RESLIB_ERROR, RESLIB_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (reslib_store_update (f->store, RESLIB_KIND_UNIT, unit,
                                       (const char * const[]) { "project_id", NULL }, (const char * const[]) { "x" },
                                       &error));
  g_assert_error (error, RESLIB_ERROR, RESLIB_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpuint (reslib_store_count (f->store, RESLIB_KIND_UNIT, f->project, NULL), ==, 1);

  /* A member must belong to a unit of the same project. */
  member = reslib_store_insert (f->store, RESLIB_KIND_MEMBER,
                                (const char * const[]) { "project_id", "unit_id", "name", "title", NULL },
                                (const char * const[]) { f->project, unit, "王老师", "副教授" }, &error);
  g_assert_no_error (error);
  {
    g_autofree char *other = reslib_test_new_project (f->store, "另一个项目");
    bad = reslib_store_insert (f->store, RESLIB_KIND_MEMBER,
                               (const char * const[]) { "project_id", "unit_id", "name", NULL },
                               (const char * const[]) { other, unit, "李老师" }, &error);
    g_assert_null (bad);
    g_assert_error (error, RESLIB_ERROR, RESLIB_ERROR_INVALID);
    g_clear_error (&error);
  }

  /* Ids resolve from unique prefixes; the project also by its exact name. */
  prefix = g_strndup (unit, 8);
  resolved = reslib_store_resolve (f->store, RESLIB_KIND_UNIT, prefix, f->project, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (resolved, ==, unit);
  g_clear_pointer (&resolved, g_free);
  resolved = reslib_store_resolve (f->store, RESLIB_KIND_PROJECT, "数控技术专业教学资源库", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (resolved, ==, f->project);
  g_clear_pointer (&resolved, g_free);
  resolved = reslib_store_resolve (f->store, RESLIB_KIND_UNIT, "ffffffff-0000", NULL, &error);
  g_assert_null (resolved);
  g_assert_error (error, RESLIB_ERROR, RESLIB_ERROR_NOT_FOUND);
  g_clear_error (&error);
  resolved = reslib_store_resolve (f->store, RESLIB_KIND_UNIT, "not-an-id!", NULL, &error);
  g_assert_error (error, RESLIB_ERROR, RESLIB_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* Ambiguity: with 40 records, some one-character prefix matches two. */
  {
    g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
    char ambiguous[2] = { 0 };

    for (guint i = 0; i < 40 && ambiguous[0] == 0; i++)
      {
        g_autofree char *id = reslib_store_insert (f->store, RESLIB_KIND_COURSE,
                                                   (const char * const[]) { "project_id", "title", NULL },
                                                   (const char * const[]) { f->project, "课程" }, &error);
        char first[2] = { id[0], 0 };

        g_assert_no_error (error);
        if (g_hash_table_contains (seen, first))
          ambiguous[0] = id[0];
        g_hash_table_add (seen, g_strdup (first));
      }
    g_assert_cmpint (ambiguous[0], !=, 0);
    resolved = reslib_store_resolve (f->store, RESLIB_KIND_COURSE, ambiguous, f->project, &error);
    g_assert_null (resolved);
    g_assert_error (error, RESLIB_ERROR, RESLIB_ERROR_AMBIGUOUS);
    g_clear_error (&error);
  }

  /* Updates notify and are logged with the actor. */
  record = reslib_store_get (f->store, RESLIB_KIND_MEMBER, member, &error);
  g_assert_no_error (error);
  g_assert_true (reslib_store_update_record (f->store, record, "duty", "课程负责人", &error));
  g_assert_no_error (error);
  g_assert_cmpstr (reslib_record_get (record, "duty"), ==, "课程负责人");
  {
    g_autofree char *duty = NULL;
    g_object_get (record, "duty", &duty, NULL);
    g_assert_cmpstr (duty, ==, "课程负责人");
  }
  events = reslib_store_list_events (f->store, member, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (events)), ==, 2);
  {
    JsonObject *last = json_array_get_object_element (json_node_get_array (events), 1);
    g_assert_cmpstr (json_object_get_string_member (last, "action"), ==, "update");
    g_assert_cmpstr (json_object_get_string_member (last, "actor"), ==, "测试员");
    g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (last, "detail"), "duty"), ==,
                     "课程负责人");
  }

  /* Deleting a unit deletes its members. */
  g_assert_true (reslib_store_delete (f->store, RESLIB_KIND_UNIT, unit, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (reslib_store_count (f->store, RESLIB_KIND_MEMBER, f->project, NULL), ==, 0);
  g_assert_false (reslib_store_delete (f->store, RESLIB_KIND_UNIT, unit, &error));
  g_assert_error (error, RESLIB_ERROR, RESLIB_ERROR_NOT_FOUND);
}

static void
test_course_tree (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *course = NULL;
  g_autofree char *other_course = NULL;
  g_autofree char *module = NULL;
  g_autofree char *point = NULL;
  g_autofree char *foreign = NULL;
  g_autoptr(GListModel) nodes = NULL;
  g_autoptr(ReslibRecord) node = NULL;
  char *bad;

  course = reslib_store_insert (f->store, RESLIB_KIND_COURSE, (const char * const[]) { "project_id", "title", NULL },
                                (const char * const[]) { f->project, "数控车削编程" }, &error);
  g_assert_no_error (error);
  other_course = reslib_store_insert (f->store, RESLIB_KIND_COURSE,
                                      (const char * const[]) { "project_id", "title", "kind", NULL },
                                      (const char * const[]) { f->project, "1+X 实训", "training" }, &error);
  g_assert_no_error (error);
  module = reslib_store_insert (f->store, RESLIB_KIND_NODE, (const char * const[]) { "course_id", "kind", "title", NULL },
                                (const char * const[]) { course, "module", "模块一 基础" }, &error);
  g_assert_no_error (error);
  point = reslib_store_insert (f->store, RESLIB_KIND_NODE,
                               (const char * const[]) { "course_id", "parent_id", "kind", "title", NULL },
                               (const char * const[]) { course, module, "knowledge", "G代码" }, &error);
  g_assert_no_error (error);
  foreign = reslib_store_insert (f->store, RESLIB_KIND_NODE, (const char * const[]) { "course_id", "kind", "title", NULL },
                                 (const char * const[]) { other_course, "skill", "对刀" }, &error);
  g_assert_no_error (error);

  node = reslib_store_get (f->store, RESLIB_KIND_NODE, point, &error);
  g_assert_cmpstr (reslib_record_get (node, "project_id"), ==, f->project);
  g_assert_cmpstr (reslib_record_get (node, "parent_id"), ==, module);

  /* A parent from another course, or a loop, is refused. */
  bad = reslib_store_insert (f->store, RESLIB_KIND_NODE,
                             (const char * const[]) { "course_id", "parent_id", "kind", "title", NULL },
                             (const char * const[]) { course, foreign, "skill", "x" }, &error);
  g_assert_null (bad);
  g_assert_error (error, RESLIB_ERROR, RESLIB_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (reslib_store_update (f->store, RESLIB_KIND_NODE, module, (const char * const[]) { "parent_id", NULL },
                                       (const char * const[]) { point }, &error));
  g_assert_error (error, RESLIB_ERROR, RESLIB_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (reslib_store_update (f->store, RESLIB_KIND_NODE, module, (const char * const[]) { "parent_id", NULL },
                                       (const char * const[]) { module }, &error));
  g_assert_error (error, RESLIB_ERROR, RESLIB_ERROR_INVALID);
  g_clear_error (&error);
  bad = reslib_store_insert (f->store, RESLIB_KIND_NODE, (const char * const[]) { "course_id", "kind", "title", NULL },
                             (const char * const[]) { course, "lesson", "x" }, &error);
  g_assert_null (bad);
  g_assert_error (error, RESLIB_ERROR, RESLIB_ERROR_INVALID);
  g_clear_error (&error);

  nodes = reslib_store_list (f->store, RESLIB_KIND_NODE, course, &error);
  g_assert_cmpuint (g_list_model_get_n_items (nodes), ==, 2);

  /* Deleting the module deletes the point under it. */
  g_assert_true (reslib_store_delete (f->store, RESLIB_KIND_NODE, module, &error));
  g_assert_cmpuint (reslib_store_count (f->store, RESLIB_KIND_NODE, course, NULL), ==, 0);
}

static GThread *main_thread;

static void
record_change_cb (ReslibStore *store,
                  guint        kind,
                  const char  *id,
                  GPtrArray   *seen)
{
  g_assert_true (g_thread_self () == main_thread);
  g_ptr_array_add (seen, g_strdup_printf ("%s:%s", reslib_entity_get (kind)->name, id != NULL ? id : "*"));
}

static gpointer
change_in_thread (gpointer data)
{
  Fixture *f = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(ReslibStore) other = reslib_store_reopen (f->store, &error);

  g_assert_no_error (error);
  return reslib_store_insert (other, RESLIB_KIND_COURSE, (const char * const[]) { "project_id", "title", NULL },
                              (const char * const[]) { f->project, "机械制图" }, &error);
}

/* Listeners hear of committed changes only, once per record, and of changes made by a worker's
 * connection in their own main context. */
static void
test_changed_signal (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) seen = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *unit = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *course = NULL;
  GThread *thread;

  main_thread = g_thread_self ();
  g_signal_connect (f->store, "changed", G_CALLBACK (record_change_cb), seen);

  unit = reslib_store_insert (f->store, RESLIB_KIND_UNIT, (const char * const[]) { "project_id", "name", "kind", "role", NULL },
                              (const char * const[]) { f->project, "河南工业职业技术学院", "higher-vocational", "host" },
                              &error);
  g_assert_no_error (error);
  expected = g_strdup_printf ("unit:%s", unit);
  g_assert_cmpuint (seen->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (seen, 0), ==, expected);

  /* Inside a transaction nothing is told until the commit; two changes of one record are told once. */
  g_assert_true (reslib_store_begin (f->store, &error));
  g_assert_true (reslib_store_update (f->store, RESLIB_KIND_UNIT, unit, (const char * const[]) { "name", NULL },
                                      (const char * const[]) { "甲" }, &error));
  g_assert_true (reslib_store_update (f->store, RESLIB_KIND_UNIT, unit, (const char * const[]) { "name", NULL },
                                      (const char * const[]) { "乙" }, &error));
  g_assert_cmpuint (seen->len, ==, 1);
  g_assert_true (reslib_store_commit (f->store, &error));
  g_assert_cmpuint (seen->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (seen, 1), ==, expected);

  /* A rolled back change is not told. */
  g_assert_true (reslib_store_begin (f->store, &error));
  g_assert_true (reslib_store_delete (f->store, RESLIB_KIND_UNIT, unit, &error));
  reslib_store_rollback (f->store);
  g_assert_cmpuint (seen->len, ==, 2);

  /* A change made in a worker thread on a reopened connection arrives in this thread. */
  thread = g_thread_new ("change", change_in_thread, f);
  course = g_thread_join (thread);
  g_assert_nonnull (course);
  g_assert_cmpuint (seen->len, ==, 2);
  while (seen->len < 3)
    g_main_context_iteration (NULL, TRUE);
  g_clear_pointer (&expected, g_free);
  expected = g_strdup_printf ("course:%s", course);
  g_assert_cmpstr (g_ptr_array_index (seen, 2), ==, expected);

  /* Many changes in one commit are told once per kind, without ids, a kind first changed after the
   * others' hundreds too (the store keeps no id beyond the 64th change). */
  g_ptr_array_set_size (seen, 0);
  g_assert_true (reslib_store_begin (f->store, &error));
  for (guint i = 0; i < 300; i++)
    {
      g_autofree char *name = g_strdup_printf ("单位 %u", i);

      g_assert_true (reslib_store_update (f->store, RESLIB_KIND_UNIT, unit, (const char * const[]) { "name", NULL },
                                          (const char * const[]) { name }, &error));
    }
  g_assert_true (reslib_store_update (f->store, RESLIB_KIND_COURSE, course, (const char * const[]) { "title", NULL },
                                      (const char * const[]) { "机械基础" }, &error));
  g_assert_true (reslib_store_commit (f->store, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (seen->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (seen, 0), ==, "unit:*");
  g_assert_cmpstr (g_ptr_array_index (seen, 1), ==, "course:*");
}

/* The files no resource uses any more go, with their rows; files still used stay; what a collection
 * that died left in its trash is put back. */
static void
test_collect_blobs (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *a = reslib_test_project_import (f, "a.txt", "alpha", NULL, NULL);
  g_autofree char *b = reslib_test_project_import (f, "b.txt", "beta!", NULL, NULL);
  g_autofree char *c = reslib_test_project_import (f, "c.txt", "alpha", NULL, NULL);
  g_autofree char *alpha = g_compute_checksum_for_string (G_CHECKSUM_SHA256, "alpha", -1);
  g_autofree char *beta = g_compute_checksum_for_string (G_CHECKSUM_SHA256, "beta!", -1);
  g_autofree char *alpha_path = reslib_store_get_blob_path (f->store, alpha);
  g_autofree char *beta_path = reslib_store_get_blob_path (f->store, beta);
  g_autofree char *trash = g_build_filename (reslib_store_get_blob_dir (f->store), "trash-test", NULL);
  g_autofree char *in_trash = g_build_filename (trash, alpha, NULL);
  g_autofree char *stray = g_build_filename (trash, "ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff", NULL);
  g_autoptr(GError) error = NULL;
  guint64 bytes = 0;
  guint n = 0;

  /* Nothing unused. */
  g_assert_true (reslib_store_collect_blobs (f->store, &n, &bytes, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, 0);
  g_assert_true (g_file_test (beta_path, G_FILE_TEST_EXISTS));

  /* The only resource of "beta!" goes: its file goes at the next collection, not before. */
  g_assert_true (reslib_store_delete (f->store, RESLIB_KIND_RESOURCE, b, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_test (beta_path, G_FILE_TEST_EXISTS));
  g_assert_true (reslib_store_collect_blobs (f->store, &n, &bytes, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, 1);
  g_assert_cmpuint (bytes, ==, 5);
  g_assert_false (g_file_test (beta_path, G_FILE_TEST_EXISTS));
  g_assert_false (reslib_store_has_blob (f->store, beta, &error));
  g_assert_no_error (error);

  /* "alpha" has two resources: one going keeps the file. */
  g_assert_true (reslib_store_delete (f->store, RESLIB_KIND_RESOURCE, a, &error));
  g_assert_true (reslib_store_collect_blobs (f->store, &n, &bytes, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, 0);
  g_assert_true (g_file_test (alpha_path, G_FILE_TEST_EXISTS));

  /* A collection that died before it committed: its trash holds a file whose row is there (put
   * back) and one whose row is not (removed). */
  g_assert_cmpint (g_mkdir (trash, 0700), ==, 0);
  g_assert_cmpint (g_rename (alpha_path, in_trash), ==, 0);
  g_assert_true (g_file_set_contents (stray, "stray", -1, NULL));
  g_assert_true (reslib_store_collect_blobs (f->store, &n, &bytes, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, 0);
  g_assert_true (g_file_test (alpha_path, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (trash, G_FILE_TEST_EXISTS));
  {
    g_autoptr(ReslibRecord) still = reslib_store_get (f->store, RESLIB_KIND_RESOURCE, c, &error);

    g_assert_no_error (error);
    g_assert_cmpstr (reslib_record_get (still, "blob_sha256"), ==, alpha);
  }

  /* The same file imported again is stored again. */
  {
    g_autofree char *again = reslib_test_project_import (f, "b2.txt", "beta!", NULL, NULL);
    g_autofree char *contents = NULL;

    g_assert_true (g_file_get_contents (beta_path, &contents, NULL, NULL));
    g_assert_cmpstr (contents, ==, "beta!");
  }
}

/* A change the database refuses is told in words, without SQLite's text (table, column, "UNIQUE"). */
static void
test_constraint_message (Fixture       *f,
                         gconstpointer  data)
{
  const char * const fields[] = { "project_id", "unit_id", "kind", NULL };
  g_autoptr(GError) error = NULL;
  g_autofree char *unit = NULL;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;

  unit = reslib_store_insert (f->store, RESLIB_KIND_UNIT, (const char * const[]) { "project_id", "name", "kind", "role", NULL },
                              (const char * const[]) { f->project, "河南工业职业技术学院", "higher-vocational", "host" },
                              &error);
  g_assert_no_error (error);
  first = reslib_store_insert (f->store, RESLIB_KIND_DECLARATION, fields,
                               (const char * const[]) { f->project, unit, "ip" }, &error);
  g_assert_no_error (error);
  second = reslib_store_insert (f->store, RESLIB_KIND_DECLARATION, fields,
                                (const char * const[]) { f->project, unit, "ip" }, &error);
  g_assert_null (second);
  g_assert_error (error, RESLIB_ERROR, RESLIB_ERROR_CONSTRAINT);
  g_test_message ("refused: %s", error->message);
  g_assert_null (strstr (error->message, "UNIQUE"));
  g_assert_null (strstr (error->message, "constraint"));
  g_assert_null (strstr (error->message, "declarations"));
}

/* Moves a blob's file into a trash folder, as a blob collection killed before its commit leaves it. */
static char *
trash_blob (ReslibStore *store,
            const char  *sha256)
{
  g_autofree char *path = reslib_store_get_blob_path (store, sha256);
  char *trash = g_build_filename (reslib_store_get_blob_dir (store), "trash-killed", NULL);
  g_autofree char *in_trash = g_build_filename (trash, sha256, NULL);

  g_assert_cmpint (g_mkdir (trash, 0700), ==, 0);
  g_assert_cmpint (g_rename (path, in_trash), ==, 0);

  return trash;
}

/* What a killed collection left is put back by the next open of the store (by any program), and by
 * a running program that finds the blob missing. */
static void
test_trash_recovered (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *g = reslib_test_project_import (f, "g.txt", "gamma", NULL, NULL);
  g_autofree char *gamma = g_compute_checksum_for_string (G_CHECKSUM_SHA256, "gamma", -1);
  g_autofree char *gamma_path = reslib_store_get_blob_path (f->store, gamma);
  g_autofree char *data_dir = g_strdup (reslib_store_get_data_dir (f->store));
  g_autofree char *trash = NULL;
  g_autofree char *found = NULL;
  g_autoptr(GError) error = NULL;

  /* At the next open. */
  trash = trash_blob (f->store, gamma);
  g_clear_object (&f->store);
  g_assert_false (g_file_test (gamma_path, G_FILE_TEST_EXISTS));
  f->store = reslib_test_open_store (data_dir);
  g_assert_true (g_file_test (gamma_path, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (trash, G_FILE_TEST_EXISTS));

  /* In a program that has the store open, when the blob is looked for. */
  g_clear_pointer (&trash, g_free);
  trash = trash_blob (f->store, gamma);
  found = reslib_store_find_blob (f->store, gamma, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (found, ==, gamma_path);
  g_assert_true (g_file_test (gamma_path, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (trash, G_FILE_TEST_EXISTS));

  /* When a package is made. */
  g_clear_pointer (&trash, g_free);
  trash = trash_blob (f->store, gamma);
  reslib_test_approve_all (f->store, f->project);
  {
    g_autofree char *tar = g_build_filename (f->dir, "p.tar", NULL);

    g_assert_true (reslib_test_pack (f->store, f->project, "progress", NULL, tar, NULL, &error));
    g_assert_no_error (error);
    g_assert_true (g_file_test (gamma_path, G_FILE_TEST_EXISTS));
    g_assert_false (g_file_test (trash, G_FILE_TEST_EXISTS));
  }

  /* A blob that is nowhere is an error that says so. */
  g_assert_cmpint (g_unlink (gamma_path), ==, 0);
  g_clear_pointer (&found, g_free);
  found = reslib_store_find_blob (f->store, gamma, &error);
  g_assert_null (found);
  g_assert_error (error, RESLIB_ERROR, RESLIB_ERROR_CORRUPT);
  g_assert_nonnull (g);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  reslib_core_init ();

  g_test_add_func ("/store/open/new", test_open_new);
  g_test_add_func ("/store/open/data-dir-env", test_open_env);
  g_test_add_func ("/store/open/refused", test_open_refused);
  g_test_add_func ("/store/migrate/v1-fixture", test_migrate_fixture);
  g_test_add_func ("/store/parse", test_parse_helpers);
  ADD_TEST ("/store/project/create", test_project_create);
  ADD_TEST ("/store/records/crud", test_records);
  ADD_TEST ("/store/records/course-tree", test_course_tree);
  ADD_TEST ("/store/changed", test_changed_signal);
  ADD_TEST ("/store/collect-blobs", test_collect_blobs);
  ADD_TEST ("/store/constraint-message", test_constraint_message);
  ADD_TEST ("/store/collect-blobs/trash-recovered", test_trash_recovered);

  return g_test_run ();
}
