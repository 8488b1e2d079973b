/* test-store.c — the store: opening, migrations, records, review, events, search
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

typedef struct
{
  char        *dir;
  char        *files;
  ReslibStore *store;
  char        *project;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *data_dir = NULL;

  f->dir = reslib_test_make_tmp_dir ("reslib-store-XXXXXX");
  data_dir = g_build_filename (f->dir, "data", NULL);
  f->files = g_build_filename (f->dir, "files", NULL);
  g_mkdir (f->files, 0700);
  f->store = reslib_test_open_store (data_dir);
  f->project = reslib_test_new_project (f->store, "数控技术专业教学资源库");
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_object (&f->store);
  reslib_test_rm_rf (f->dir);
  g_free (f->dir);
  g_free (f->files);
  g_free (f->project);
}

static char *
import_one (Fixture    *f,
            const char *name,
            const char *contents,
            const char *title,
            const char *description)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = reslib_test_write_file (f->files, name, contents, -1);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(ReslibImporter) importer = reslib_importer_new (f->store, f->project);

  reslib_importer_add_file (importer, file);
  if (title != NULL)
    reslib_importer_set_field (importer, "title", title);
  if (description != NULL)
    reslib_importer_set_field (importer, "description", description);
  reslib_job_run (RESLIB_JOB (importer), NULL, &error);
  g_assert_no_error (error);

  return g_strdup (reslib_importer_get_resource_ids (importer)[0]);
}

/* ---------------------------------------------------------------------------------------------- */

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

static void
test_resource_lists (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *id = import_one (f, "lesson.txt", "数控车床的基本操作", NULL, NULL);
  g_autofree char *course = NULL;
  g_autofree char *node = NULL;
  g_autoptr(ReslibRecord) resource = NULL;
  g_auto(GStrv) authors = NULL;
  const char * const *keywords;

  course = reslib_store_insert (f->store, RESLIB_KIND_COURSE, (const char * const[]) { "project_id", "title", NULL },
                                (const char * const[]) { f->project, "数控车削编程" }, &error);
  node = reslib_store_insert (f->store, RESLIB_KIND_NODE, (const char * const[]) { "course_id", "kind", "title", NULL },
                              (const char * const[]) { course, "skill", "对刀操作" }, &error);
  g_assert_no_error (error);

  g_assert_true (reslib_store_set_list (f->store, id, "authors", (const char * const[]) { "张三", " 李四 ", "张三", "", NULL },
                                        &error));
  g_assert_true (reslib_store_set_list (f->store, id, "keywords", (const char * const[]) { "数控", "车床", NULL }, &error));
  g_assert_true (reslib_store_set_list (f->store, id, "nodes", (const char * const[]) { node, NULL }, &error));
  g_assert_no_error (error);
  g_assert_false (reslib_store_set_list (f->store, id, "nodes", (const char * const[]) { "no-such-node", NULL }, &error));
  g_assert_error (error, RESLIB_ERROR, RESLIB_ERROR_NOT_FOUND);
  g_clear_error (&error);

  resource = reslib_store_get (f->store, RESLIB_KIND_RESOURCE, id, &error);
  g_assert_no_error (error);
  g_object_get (resource, "authors", &authors, NULL);
  g_assert_cmpuint (g_strv_length (authors), ==, 2);
  g_assert_cmpstr (authors[0], ==, "张三");
  g_assert_cmpstr (authors[1], ==, "李四");
  keywords = reslib_record_get_list (resource, "keywords");
  g_assert_cmpuint (g_strv_length ((char **) keywords), ==, 2);
  g_assert_cmpstr (reslib_record_get_list (resource, "nodes")[0], ==, node);
  g_assert_cmpstr (reslib_record_get (resource, "type"), ==, "text");
  g_assert_cmpstr (reslib_record_get (resource, "mime_type"), ==, "text/plain");
  g_assert_cmpint (reslib_record_get_int (resource, "size", -1), ==, strlen ("数控车床的基本操作"));
  g_assert_cmpstr (reslib_record_get (resource, "title"), ==, "lesson");
  g_assert_cmpstr (reslib_record_get (resource, "state"), ==, "draft");

  /* JSON of a record: lists are arrays, numbers numbers, empty fields null. */
  {
    g_autoptr(JsonNode) node_json = reslib_record_to_json (resource);
    g_autoptr(GString) text = g_string_new (NULL);
    g_autoptr(JsonParser) parser = json_parser_new ();
    JsonObject *obj = json_node_get_object (node_json);
    JsonObject *obj2;

    g_assert_cmpuint (json_array_get_length (json_object_get_array_member (obj, "authors")), ==, 2);
    g_assert_true (json_object_get_null_member (obj, "description"));
    g_assert_cmpint (json_object_get_int_member (obj, "size"), ==, strlen ("数控车床的基本操作"));
    reslib_record_append_json (resource, text);
    g_assert_true (json_parser_load_from_data (parser, text->str, -1, NULL));
    obj2 = json_node_get_object (json_parser_get_root (parser));
    g_assert_true (json_node_equal (node_json, json_parser_get_root (parser)));
    g_assert_cmpstr (json_object_get_string_member (obj2, "title"), ==, "lesson");
  }
}

/* A long list in pages: the rowids in the list's order first, then the rows of any part of them. */
static void
test_resource_row_pages (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GArray) rowids = NULL;
  g_autoptr(GArray) cancelled_rowids = NULL;
  g_autoptr(GPtrArray) page = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autofree char *other = NULL;
  gint64 part[3];

  for (guint i = 0; i < 5; i++)
    {
      g_autofree char *name = g_strdup_printf ("lesson-%u.txt", i);
      g_autofree char *contents = g_strdup_printf ("第 %u 课", i);
      g_autofree char *id = import_one (f, name, contents, NULL, NULL);
    }
  /* Another project's resources are not in the list. */
  other = reslib_store_create_project (f->store, "另一个项目", "460103", "数控技术", "higher", "2025-09-01", &error);
  g_assert_no_error (error);
  reslib_test_fill_bare_resources (f->store, other, 3, "other");

  all = reslib_store_list_resource_rows (f->store, f->project, &error);
  g_assert_no_error (error);
  rowids = reslib_store_list_resource_rowids (f->store, f->project, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (all->len, ==, 5);
  g_assert_cmpuint (rowids->len, ==, all->len);
  for (guint i = 0; i < all->len; i++)
    g_assert_cmpint (g_array_index (rowids, gint64, i), ==,
                     reslib_resource_row_get_rowid (g_ptr_array_index (all, i)));

  /* A part, in the order asked, with one resource deleted meanwhile. */
  part[0] = g_array_index (rowids, gint64, 4);
  part[1] = g_array_index (rowids, gint64, 1);
  part[2] = g_array_index (rowids, gint64, 2);
  g_assert_true (reslib_store_delete (f->store, RESLIB_KIND_RESOURCE,
                                      reslib_resource_row_get_id (g_ptr_array_index (all, 1)), &error));
  g_assert_no_error (error);
  page = reslib_store_get_resource_rows (f->store, part, G_N_ELEMENTS (part), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (page->len, ==, 3);
  g_assert_cmpstr (reslib_resource_row_get_id (g_ptr_array_index (page, 0)), ==,
                   reslib_resource_row_get_id (g_ptr_array_index (all, 4)));
  g_assert_cmpstr (reslib_resource_row_get_title (g_ptr_array_index (page, 0)), ==,
                   reslib_resource_row_get_title (g_ptr_array_index (all, 4)));
  g_assert_null (g_ptr_array_index (page, 1));
  g_assert_cmpstr (reslib_resource_row_get_id (g_ptr_array_index (page, 2)), ==,
                   reslib_resource_row_get_id (g_ptr_array_index (all, 2)));
  g_clear_pointer (&page, g_ptr_array_unref);
  page = reslib_store_get_resource_rows (f->store, NULL, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (page->len, ==, 0);

  g_cancellable_cancel (cancellable);
  cancelled_rowids = reslib_store_list_resource_rowids (f->store, f->project, cancellable, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (cancelled_rowids);
}

/* Lists as people type them, through the editors' function and the bulk edit alike: ",", the full-width
 * "，" and "、" separate items. */
static void
test_resource_lists_typed (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *id = import_one (f, "lesson.txt", "数控车床的基本操作", NULL, NULL);
  g_autoptr(ReslibRecord) resource = NULL;
  g_autoptr(ReslibRecord) again = NULL;
  const char * const *keywords;
  const char * const *authors;

  resource = reslib_store_get (f->store, RESLIB_KIND_RESOURCE, id, &error);
  g_assert_no_error (error);
  g_assert_true (reslib_store_update_record (f->store, resource, "keywords", " 数控，车床、安全 , 规范，", &error));
  g_assert_no_error (error);
  keywords = reslib_record_get_list (resource, "keywords");
  g_assert_cmpuint (g_strv_length ((char **) keywords), ==, 4);
  /* Keywords keep no order; authors do. */
  g_assert_true (g_strv_contains (keywords, "数控"));
  g_assert_true (g_strv_contains (keywords, "车床"));
  g_assert_true (g_strv_contains (keywords, "安全"));
  g_assert_true (g_strv_contains (keywords, "规范"));

  g_assert_true (reslib_store_update_resources (f->store, (const char * const[]) { id, NULL },
                                                (const char * const[]) { "authors", NULL },
                                                (const char * const[]) { "张三、李四，王五" }, &error));
  g_assert_no_error (error);
  again = reslib_store_get (f->store, RESLIB_KIND_RESOURCE, id, &error);
  g_assert_no_error (error);
  authors = reslib_record_get_list (again, "authors");
  g_assert_cmpuint (g_strv_length ((char **) authors), ==, 3);
  g_assert_cmpstr (authors[0], ==, "张三");
  g_assert_cmpstr (authors[1], ==, "李四");
  g_assert_cmpstr (authors[2], ==, "王五");
}

/* A bulk edit adds every course node of its comma-separated list to each resource's nodes, once. */
static void
test_resource_bulk_nodes (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *a = import_one (f, "a.txt", "第一份", NULL, NULL);
  g_autofree char *b = import_one (f, "b.txt", "第二份", NULL, NULL);
  g_autofree char *course = reslib_test_insert (f->store, RESLIB_KIND_COURSE,
                                                (const char * const[]) { "project_id", "title", NULL },
                                                (const char * const[]) { f->project, "数控车削" });
  g_autofree char *n1 = reslib_test_insert (f->store, RESLIB_KIND_NODE,
                                            (const char * const[]) { "course_id", "kind", "title", NULL },
                                            (const char * const[]) { course, "knowledge", "切削用量" });
  g_autofree char *n2 = reslib_test_insert (f->store, RESLIB_KIND_NODE,
                                            (const char * const[]) { "course_id", "kind", "title", NULL },
                                            (const char * const[]) { course, "skill", "对刀" });
  g_autofree char *n3 = reslib_test_insert (f->store, RESLIB_KIND_NODE,
                                            (const char * const[]) { "course_id", "kind", "title", NULL },
                                            (const char * const[]) { course, "skill", "车外圆" });
  g_autofree char *added = g_strdup_printf ("%s,%s,%s,%s", n2, n1, n3, n2);
  g_autoptr(ReslibRecord) ra = NULL;
  g_autoptr(ReslibRecord) rb = NULL;
  const char * const *nodes;

  g_assert_true (reslib_store_set_list (f->store, a, "nodes", (const char * const[]) { n1, NULL }, &error));
  g_assert_no_error (error);
  g_assert_true (reslib_store_update_resources (f->store, (const char * const[]) { a, b, NULL },
                                                (const char * const[]) { "nodes", NULL },
                                                (const char * const[]) { added }, &error));
  g_assert_no_error (error);
  ra = reslib_store_get (f->store, RESLIB_KIND_RESOURCE, a, &error);
  rb = reslib_store_get (f->store, RESLIB_KIND_RESOURCE, b, &error);
  g_assert_no_error (error);
  nodes = reslib_record_get_list (ra, "nodes");
  g_assert_cmpuint (g_strv_length ((char **) nodes), ==, 3);
  g_assert_true (g_strv_contains (nodes, n1) && g_strv_contains (nodes, n2) && g_strv_contains (nodes, n3));
  nodes = reslib_record_get_list (rb, "nodes");
  g_assert_cmpuint (g_strv_length ((char **) nodes), ==, 3);
  g_assert_true (g_strv_contains (nodes, n1) && g_strv_contains (nodes, n2) && g_strv_contains (nodes, n3));
}

static void
test_review (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *a = import_one (f, "a.txt", "第一份", NULL, NULL);
  g_autofree char *b = import_one (f, "b.txt", "第二份", NULL, NULL);
  g_autoptr(ReslibRecord) ra = NULL;
  g_autoptr(ReslibRecord) rb = NULL;
  g_autoptr(JsonNode) events = NULL;
  JsonArray *array;
  JsonObject *last;

  /* Approving a draft is refused and changes nothing, for either resource. */
  g_assert_false (reslib_store_review (f->store, (const char * const[]) { a, b, NULL }, RESLIB_REVIEW_APPROVE, NULL,
                                       &error));
  g_assert_error (error, RESLIB_ERROR, RESLIB_ERROR_INVALID);
  g_clear_error (&error);

  g_assert_true (reslib_store_review (f->store, (const char * const[]) { a, b, NULL }, RESLIB_REVIEW_SUBMIT, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (reslib_store_review (f->store, (const char * const[]) { a, NULL }, RESLIB_REVIEW_APPROVE, "好", &error));
  g_assert_no_error (error);
  /* Rejecting needs a note. */
  g_assert_false (reslib_store_review (f->store, (const char * const[]) { b, NULL }, RESLIB_REVIEW_REJECT, NULL, &error));
  g_assert_error (error, RESLIB_ERROR, RESLIB_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_true (reslib_store_review (f->store, (const char * const[]) { b, NULL }, RESLIB_REVIEW_REJECT, "画面模糊，请重录",
                                      &error));
  g_assert_no_error (error);

  ra = reslib_store_get (f->store, RESLIB_KIND_RESOURCE, a, &error);
  rb = reslib_store_get (f->store, RESLIB_KIND_RESOURCE, b, &error);
  g_assert_cmpstr (reslib_record_get (ra, "state"), ==, "approved");
  g_assert_cmpstr (reslib_record_get (ra, "reviewer"), ==, "测试员");
  g_assert_nonnull (reslib_record_get (ra, "reviewed_at"));
  g_assert_cmpstr (reslib_record_get (rb, "state"), ==, "rejected");
  g_assert_cmpstr (reslib_record_get (rb, "review_note"), ==, "画面模糊，请重录");

  events = reslib_store_list_events (f->store, b, &error);
  array = json_node_get_array (events);
  last = json_array_get_object_element (array, json_array_get_length (array) - 1);
  g_assert_cmpstr (json_object_get_string_member (last, "action"), ==, "review-reject");
  g_assert_cmpstr (json_object_get_string_member (last, "actor"), ==, "测试员");
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (last, "detail"), "note"), ==,
                   "画面模糊，请重录");
  g_assert_nonnull (json_object_get_string_member (last, "at"));

  /* A rejected resource can be submitted again; an approved one cannot. */
  g_assert_true (reslib_store_review (f->store, (const char * const[]) { b, NULL }, RESLIB_REVIEW_SUBMIT, NULL, &error));
  g_assert_false (reslib_store_review (f->store, (const char * const[]) { a, NULL }, RESLIB_REVIEW_SUBMIT, NULL, &error));
  g_assert_error (error, RESLIB_ERROR, RESLIB_ERROR_INVALID);
}

static const char *
state_of (Fixture    *f,
          const char *id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ReslibRecord) resource = reslib_store_get (f->store, RESLIB_KIND_RESOURCE, id, &error);
  static char state[32];

  g_assert_no_error (error);
  g_strlcpy (state, reslib_record_get (resource, "state"), sizeof state);
  return state;
}

static void
approve (Fixture    *f,
         const char *id)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (reslib_store_review (f->store, (const char * const[]) { id, NULL }, RESLIB_REVIEW_SUBMIT, NULL, &error));
  g_assert_true (reslib_store_review (f->store, (const char * const[]) { id, NULL }, RESLIB_REVIEW_APPROVE, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (state_of (f, id), ==, "approved");
}

/* Editing an approved resource's metadata sends it back to review, in the same transaction as the
 * edit; the approval's reviewer and time stay, and the queue lists it again. */
static void
test_review_reopen (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *a = import_one (f, "a.txt", "第一份", NULL, NULL);
  g_autofree char *b = import_one (f, "b.txt", "第二份", NULL, NULL);
  g_autofree char *c = import_one (f, "c.txt", "第三份", NULL, NULL);
  g_autofree char *d = import_one (f, "d.txt", "第四份", NULL, NULL);
  g_autoptr(ReslibRecord) ra = NULL;
  g_autoptr(GListModel) queue = NULL;
  g_autoptr(JsonNode) events = NULL;
  JsonArray *array;
  JsonObject *last;

  for (const char **id = (const char *[]) { a, b, c, d, NULL }; *id != NULL; id++)
    approve (f, *id);

  /* A plain field */
  g_assert_true (reslib_store_update (f->store, RESLIB_KIND_RESOURCE, a, (const char * const[]) { "title", NULL },
                                      (const char * const[]) { "新标题" }, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (state_of (f, a), ==, "in-review");
  ra = reslib_store_get (f->store, RESLIB_KIND_RESOURCE, a, &error);
  g_assert_cmpstr (reslib_record_get (ra, "reviewer"), ==, "测试员");
  g_assert_nonnull (reslib_record_get (ra, "reviewed_at"));
  events = reslib_store_list_events (f->store, a, &error);
  array = json_node_get_array (events);
  last = json_array_get_object_element (array, json_array_get_length (array) - 1);
  g_assert_cmpstr (json_object_get_string_member (last, "action"), ==, "review-submit");
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (last, "detail"), "from"), ==,
                   "approved");

  /* A list field */
  g_assert_true (reslib_store_set_list (f->store, b, "keywords", (const char * const[]) { "数控", NULL }, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (state_of (f, b), ==, "in-review");

  /* A bulk edit */
  g_assert_true (reslib_store_update_resources (f->store, (const char * const[]) { c, NULL },
                                                (const char * const[]) { "license", NULL },
                                                (const char * const[]) { "CC BY 4.0" }, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (state_of (f, c), ==, "in-review");

  /* A batch write (the sheet import's) */
  {
    g_autofree char *e = import_one (f, "e.txt", "第五份", NULL, NULL);
    g_autoptr(ReslibResourceBatch) batch = NULL;

    approve (f, e);
    g_assert_true (reslib_store_begin (f->store, &error));
    batch = reslib_resource_batch_new (f->store, f->project, &error);
    g_assert_no_error (error);
    g_assert_true (reslib_resource_batch_write (batch, e, (const char * const[]) { "description", NULL },
                                                (const char * const[]) { "表格里的新简介" }, NULL, NULL, &error));
    g_assert_true (reslib_resource_batch_finish (batch, &error));
    g_assert_true (reslib_store_commit (f->store, &error));
    g_assert_no_error (error);
    g_assert_cmpstr (state_of (f, e), ==, "in-review");
    g_assert_true (reslib_store_review (f->store, (const char * const[]) { e, NULL }, RESLIB_REVIEW_APPROVE, NULL,
                                        &error));
  }

  /* A refused edit changes neither the field nor the state. */
  g_assert_false (reslib_store_update (f->store, RESLIB_KIND_RESOURCE, d, (const char * const[]) { "type", NULL },
                                       (const char * const[]) { "no-such-type" }, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_cmpstr (state_of (f, d), ==, "approved");

  queue = reslib_store_list_in_review (f->store, f->project, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (queue), ==, 3);

  /* Undoing the edit approves it again; redoing sends it back. */
  {
    g_autoptr(ReslibUndoStep) step = NULL;
    g_autoptr(ReslibUndoStep) redo = NULL;
    g_autoptr(ReslibUndoStep) again = NULL;

    step = reslib_store_update_undoable (f->store, RESLIB_KIND_RESOURCE, (const char * const[]) { d, NULL },
                                         (const char * const[]) { "description", NULL },
                                         (const char * const[]) { "新的简介" }, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (state_of (f, d), ==, "in-review");
    redo = reslib_store_undo (f->store, step, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (state_of (f, d), ==, "approved");
    again = reslib_store_undo (f->store, redo, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (state_of (f, d), ==, "in-review");
  }

  /* An edit of a resource in review or a draft leaves its state alone. */
  g_assert_true (reslib_store_update (f->store, RESLIB_KIND_RESOURCE, a, (const char * const[]) { "title", NULL },
                                      (const char * const[]) { "再改" }, &error));
  g_assert_cmpstr (state_of (f, a), ==, "in-review");
}

static guint
n_found (Fixture    *f,
         const char *query)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) found = reslib_store_search (f->store, f->project, query, 0, &error);

  g_assert_no_error (error);
  return g_list_model_get_n_items (found);
}

static void
test_search (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *a = import_one (f, "turning.mp4", "video", "数控车削加工工艺", "讲解外圆车削的切削用量");
  g_autofree char *b = import_one (f, "milling.pdf", "%PDF-1.4", "Milling Basics 铣削入门", NULL);
  g_autofree char *c = import_one (f, "notes.txt", "c", "安全操作规程", "Safety rules for CNC lathes");
  g_autofree char *other = reslib_test_new_project (f->store, "另一个项目");

  g_assert_true (reslib_store_set_list (f->store, c, "keywords", (const char * const[]) { "安全文明生产", NULL }, &error));
  g_assert_no_error (error);

  /* Chinese: two characters, three or more, from title, description and keywords. */
  g_assert_cmpuint (n_found (f, "车削"), ==, 1);
  g_assert_cmpuint (n_found (f, "削加工"), ==, 1);
  g_assert_cmpuint (n_found (f, "切削用量"), ==, 1);
  g_assert_cmpuint (n_found (f, "削"), ==, 2);
  g_assert_cmpuint (n_found (f, "文明"), ==, 1);
  g_assert_cmpuint (n_found (f, "文明生产"), ==, 1);
  g_assert_cmpuint (n_found (f, "入门"), ==, 1);
  g_assert_cmpuint (n_found (f, "数车"), ==, 0);
  /* Latin words, any case, and file names. */
  g_assert_cmpuint (n_found (f, "milling"), ==, 1);
  g_assert_cmpuint (n_found (f, "MILL"), ==, 1);
  g_assert_cmpuint (n_found (f, "cnc"), ==, 1);
  g_assert_cmpuint (n_found (f, "mp4"), ==, 1);
  g_assert_cmpuint (n_found (f, "turning.mp4"), ==, 1);
  /* Several words must all match. */
  g_assert_cmpuint (n_found (f, "车削 外圆"), ==, 1);
  g_assert_cmpuint (n_found (f, "车削 milling"), ==, 0);
  g_assert_cmpuint (n_found (f, "削 外圆"), ==, 1);
  g_assert_cmpuint (n_found (f, "削 入门 milling"), ==, 1);
  g_assert_cmpuint (n_found (f, "铣削入门 mi"), ==, 1);
  /* A short word with the others is looked for in every text of their matches: description, keywords. */
  g_assert_cmpuint (n_found (f, "安全操作 R"), ==, 1);
  g_assert_cmpuint (n_found (f, "cnc 文"), ==, 1);
  g_assert_cmpuint (n_found (f, "规程 文"), ==, 1);
  g_assert_cmpuint (n_found (f, "规程 削"), ==, 0);
  g_assert_cmpuint (n_found (f, "cnc 削"), ==, 0);
  /* Quotes and operators are text, not syntax. */
  g_assert_cmpuint (n_found (f, "\"车削"), ==, 0);
  g_assert_cmpuint (n_found (f, "AND OR NOT"), ==, 0);
  g_assert_cmpuint (n_found (f, "%"), ==, 0);
  /* An empty query lists all; another project's resources never show. */
  g_assert_cmpuint (n_found (f, ""), ==, 3);
  {
    g_autoptr(GListModel) none = reslib_store_search (f->store, other, "车削", 0, &error);
    g_assert_cmpuint (g_list_model_get_n_items (none), ==, 0);
  }

  /* Edits reach the index. */
  g_assert_true (reslib_store_update (f->store, RESLIB_KIND_RESOURCE, a, (const char * const[]) { "title", NULL },
                                      (const char * const[]) { "螺纹加工" }, &error));
  g_assert_cmpuint (n_found (f, "螺纹"), ==, 1);
  g_assert_cmpuint (n_found (f, "数控车削"), ==, 0);
  g_assert_true (reslib_store_set_list (f->store, c, "keywords", (const char * const[]) { NULL }, &error));
  g_assert_cmpuint (n_found (f, "文明"), ==, 0);
  g_assert_true (reslib_store_delete (f->store, RESLIB_KIND_RESOURCE, b, &error));
  g_assert_cmpuint (n_found (f, "milling"), ==, 0);

  /* A limit caps the results. */
  {
    g_autoptr(GListModel) one = reslib_store_search (f->store, f->project, "", 1, &error);
    g_assert_cmpuint (g_list_model_get_n_items (one), ==, 1);
  }
}

/* Search finds a resource by the names around it: authors, unit, points with their modules and courses,
 * and keeps finding it by the new name after a rename (and not by the old one). */
static void
test_search_names (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *a = import_one (f, "a.mp4", "video", "第一讲", NULL);
  g_autofree char *b = import_one (f, "b.txt", "text", "第二讲", NULL);
  g_autofree char *unit = reslib_test_insert (f->store, RESLIB_KIND_UNIT,
                                              (const char * const[]) { "project_id", "name", "kind", "role", NULL },
                                              (const char * const[]) { f->project, "河南工业职业技术学院",
                                                                       "higher-vocational", "host" });
  g_autofree char *course = reslib_test_insert (f->store, RESLIB_KIND_COURSE,
                                                (const char * const[]) { "project_id", "title", NULL },
                                                (const char * const[]) { f->project, "数控车削编程" });
  g_autofree char *module = reslib_test_insert (f->store, RESLIB_KIND_NODE,
                                                (const char * const[]) { "course_id", "kind", "title", NULL },
                                                (const char * const[]) { course, "module", "外圆加工" });
  g_autofree char *point = reslib_test_insert (f->store, RESLIB_KIND_NODE,
                                               (const char * const[]) { "course_id", "parent_id", "kind", "title", NULL },
                                               (const char * const[]) { course, module, "knowledge", "螺纹切削用量" });

  /* Nothing around the resources yet. */
  g_assert_cmpuint (n_found (f, "张伟"), ==, 0);
  g_assert_cmpuint (n_found (f, "工业职业"), ==, 0);

  g_assert_true (reslib_store_set_list (f->store, a, "authors", (const char * const[]) { "张伟", "Li Na", NULL }, &error));
  g_assert_no_error (error);
  reslib_test_update (f->store, RESLIB_KIND_RESOURCE, b, "unit_id", unit);
  g_assert_true (reslib_store_set_list (f->store, b, "nodes", (const char * const[]) { point, NULL }, &error));
  g_assert_no_error (error);

  /* Authors: a whole name, one character, a Latin name in any case. */
  g_assert_cmpuint (n_found (f, "张伟"), ==, 1);
  g_assert_cmpuint (n_found (f, "伟"), ==, 1);
  g_assert_cmpuint (n_found (f, "li"), ==, 1);
  g_assert_cmpuint (n_found (f, "LI NA"), ==, 1);
  /* The unit, by any part of its name: one, two, three or more characters. */
  g_assert_cmpuint (n_found (f, "河南工业职业技术学院"), ==, 1);
  g_assert_cmpuint (n_found (f, "职业技术"), ==, 1);
  g_assert_cmpuint (n_found (f, "工业"), ==, 1);
  g_assert_cmpuint (n_found (f, "院"), ==, 1);
  /* The point, its module and its course. */
  g_assert_cmpuint (n_found (f, "螺纹切削用量"), ==, 1);
  g_assert_cmpuint (n_found (f, "切削"), ==, 1);
  g_assert_cmpuint (n_found (f, "外圆加工"), ==, 1);
  g_assert_cmpuint (n_found (f, "车削编程"), ==, 1);
  /* With the resource's own words, and a short non-letter word looked for in the names. */
  g_assert_cmpuint (n_found (f, "第二讲 螺纹"), ==, 1);
  g_assert_cmpuint (n_found (f, "第一讲 螺纹"), ==, 0);
  g_assert_cmpuint (n_found (f, "张伟 第"), ==, 1);
  g_assert_cmpuint (n_found (f, "讲 学院"), ==, 1);

  /* Renames reach the index: unit, course, module, point; the old names no longer find anything. */
  reslib_test_update (f->store, RESLIB_KIND_UNIT, unit, "name", "郑州机床厂");
  g_assert_cmpuint (n_found (f, "机床厂"), ==, 1);
  g_assert_cmpuint (n_found (f, "工业职业"), ==, 0);
  reslib_test_update (f->store, RESLIB_KIND_COURSE, course, "title", "铣削加工");
  g_assert_cmpuint (n_found (f, "铣削"), ==, 1);
  g_assert_cmpuint (n_found (f, "车削编程"), ==, 0);
  reslib_test_update (f->store, RESLIB_KIND_NODE, module, "title", "内孔加工");
  g_assert_cmpuint (n_found (f, "内孔"), ==, 1);
  g_assert_cmpuint (n_found (f, "外圆加工"), ==, 0);
  reslib_test_update (f->store, RESLIB_KIND_NODE, point, "title", "攻丝");
  g_assert_cmpuint (n_found (f, "攻丝"), ==, 1);
  g_assert_cmpuint (n_found (f, "螺纹"), ==, 0);

  /* Removing an author, the unit or a link takes the name out. */
  g_assert_true (reslib_store_set_list (f->store, a, "authors", (const char * const[]) { "Li Na", NULL }, &error));
  g_assert_cmpuint (n_found (f, "张伟"), ==, 0);
  g_assert_cmpuint (n_found (f, "Li Na"), ==, 1);
  g_assert_true (reslib_store_delete (f->store, RESLIB_KIND_UNIT, unit, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_found (f, "机床厂"), ==, 0);
  g_assert_true (reslib_store_delete (f->store, RESLIB_KIND_COURSE, course, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_found (f, "攻丝"), ==, 0);
  g_assert_cmpuint (n_found (f, "铣削"), ==, 0);
  /* The resource's own words still find it. */
  g_assert_cmpuint (n_found (f, "第二讲"), ==, 1);
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
  g_autofree char *a = import_one (f, "a.txt", "alpha", NULL, NULL);
  g_autofree char *b = import_one (f, "b.txt", "beta!", NULL, NULL);
  g_autofree char *c = import_one (f, "c.txt", "alpha", NULL, NULL);
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
    g_autofree char *again = import_one (f, "b2.txt", "beta!", NULL, NULL);
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
  g_autofree char *g = import_one (f, "g.txt", "gamma", NULL, NULL);
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
  g_test_add ("/store/project/create", Fixture, NULL, fixture_setup, test_project_create, fixture_teardown);
  g_test_add ("/store/records/crud", Fixture, NULL, fixture_setup, test_records, fixture_teardown);
  g_test_add ("/store/records/course-tree", Fixture, NULL, fixture_setup, test_course_tree, fixture_teardown);
  g_test_add ("/store/resource/lists", Fixture, NULL, fixture_setup, test_resource_lists, fixture_teardown);
  g_test_add ("/store/resource/row-pages", Fixture, NULL, fixture_setup, test_resource_row_pages, fixture_teardown);
  g_test_add ("/store/resource/lists-typed", Fixture, NULL, fixture_setup, test_resource_lists_typed, fixture_teardown);
  g_test_add ("/store/resource/bulk-nodes", Fixture, NULL, fixture_setup, test_resource_bulk_nodes, fixture_teardown);
  g_test_add ("/store/review", Fixture, NULL, fixture_setup, test_review, fixture_teardown);
  g_test_add ("/store/review/reopen-on-edit", Fixture, NULL, fixture_setup, test_review_reopen, fixture_teardown);
  g_test_add ("/store/search", Fixture, NULL, fixture_setup, test_search, fixture_teardown);
  g_test_add ("/store/search-names", Fixture, NULL, fixture_setup, test_search_names, fixture_teardown);
  g_test_add ("/store/changed", Fixture, NULL, fixture_setup, test_changed_signal, fixture_teardown);
  g_test_add ("/store/collect-blobs", Fixture, NULL, fixture_setup, test_collect_blobs, fixture_teardown);
  g_test_add ("/store/constraint-message", Fixture, NULL, fixture_setup, test_constraint_message, fixture_teardown);
  g_test_add ("/store/collect-blobs/trash-recovered", Fixture, NULL, fixture_setup, test_trash_recovered,
              fixture_teardown);

  return g_test_run ();
}
