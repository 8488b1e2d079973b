/* reslib-test-utils.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>
#include <sys/wait.h>

#include "reslib-packager.h"
#include "reslib-store-private.h"
#include "reslib-store-review.h"
#include "reslib-store-usage.h"
#include "reslib-test-utils.h"

static const char * const zh_words[] = {
  "数控", "车削", "铣削", "编程", "加工", "工艺", "安全", "操作", "测量", "刀具", "夹具", "模具", "机床", "维护",
  "装配", "检测", "焊接", "电气", "液压", "气动", "零件", "图纸", "公差", "螺纹", "外圆", "端面", "钻孔", "镗削",
  "磨削", "热处理", "材料", "质量", "精度", "坐标", "程序", "仿真", "实训", "案例", "标准", "规范",
};
static const char * const latin_words[] = {
  "lathe", "milling", "safety", "program", "tooling", "gauge", "drawing", "CNC", "PLC", "robot", "spindle",
  "fixture", "thread", "turning", "welding", "hydraulic", "sensor", "module", "lesson", "practice",
};
static const char * const types[] = { "video", "text", "slides", "image", "animation", "audio" };

static const char *
pick (GRand              *rand,
      const char * const *words,
      guint               n)
{
  return words[g_rand_int_range (rand, 0, (gint32) n)];
}

/*
 * Adds @n resources with random Chinese and Latin titles and descriptions, in
 * one transaction, without files: blob rows only. With @distinct_blobs each
 * resource has a blob of its own (sha256 of its number), else all share one.
 * Their files are named "resource-NNNNNN.mp4".
 */
void
reslib_test_fill_resources (ReslibStore *store,
                            const char  *project,
                            guint        n,
                            gboolean     distinct_blobs)
{
  reslib_test_fill_resources_named (store, project, n, distinct_blobs, "resource");
}

/* reslib_test_fill_resources(), with files named "@prefix-NNNNNN.mp4". */
void
reslib_test_fill_resources_named (ReslibStore *store,
                                  const char  *project,
                                  guint        n,
                                  gboolean     distinct_blobs,
                                  const char  *prefix)
{
  g_autoptr(GError) error = NULL;
  GRand *rand = g_rand_new_with_seed (7);
  g_autofree char *shared = g_strnfill (64, '0');
  gboolean existed;

  g_assert_true (reslib_store_begin (store, &error));
  g_assert_true (_reslib_store_add_blob (store, shared, 1, "video/mp4", &existed, &error));
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *number = g_strdup_printf ("%u", i);
      g_autofree char *own = distinct_blobs ? g_compute_checksum_for_string (G_CHECKSUM_SHA256, number, -1) : NULL;
      const char *sha = own != NULL ? own : shared;
      g_autofree char *title = g_strdup_printf ("%s%s%s %s %u", pick (rand, zh_words, G_N_ELEMENTS (zh_words)),
                                                pick (rand, zh_words, G_N_ELEMENTS (zh_words)),
                                                pick (rand, zh_words, G_N_ELEMENTS (zh_words)),
                                                pick (rand, latin_words, G_N_ELEMENTS (latin_words)), i);
      g_autofree char *description = g_strdup_printf ("本资源讲解%s与%s的%s要点，适用于%s课程。%s %s",
                                                      pick (rand, zh_words, G_N_ELEMENTS (zh_words)),
                                                      pick (rand, zh_words, G_N_ELEMENTS (zh_words)),
                                                      pick (rand, zh_words, G_N_ELEMENTS (zh_words)),
                                                      pick (rand, zh_words, G_N_ELEMENTS (zh_words)),
                                                      pick (rand, latin_words, G_N_ELEMENTS (latin_words)),
                                                      pick (rand, latin_words, G_N_ELEMENTS (latin_words)));
      g_autofree char *file_name = g_strdup_printf ("%s-%06u.mp4", prefix, i);
      g_autofree char *id = NULL;

      if (own != NULL)
        g_assert_true (_reslib_store_add_blob (store, own, 1000000, "video/mp4", &existed, &error));
      id = reslib_store_insert (store, RESLIB_KIND_RESOURCE,
                                (const char * const[]) { "project_id", "blob_sha256", "file_name", "title",
                                                         "description", "type", NULL },
                                (const char * const[]) { project, sha, file_name, title, description,
                                                         types[i % G_N_ELEMENTS (types)] },
                                &error);
      g_assert_no_error (error);
    }
  g_assert_true (reslib_store_commit (store, &error));
  g_rand_free (rand);
}

/*
 * reslib_test_fill_resources() in a few statements, for benchmarks of 100,000 resources: the same
 * files ("resource-NNNNNN.mp4"), titles and descriptions made of the same words (picked by the
 * resource's number, not at random), types in turn and one "create" event each. They get their search
 * index rows as the insert trigger makes them (the trigger is out while they are inserted, and their rows
 * are made in two statements at the end): with @indexed their ids are given, as a package's merge gives
 * them; without, the resume of the index finds them. With @distinct_blobs each resource has a blob of its
 * own, with sizes that differ. Seconds for 100,000, where reslib_test_fill_resources() takes minutes.
 */
void
reslib_test_fill_resources_bulk (ReslibStore *store,
                                 const char  *project,
                                 guint        n,
                                 gboolean     distinct_blobs,
                                 gboolean     indexed)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) triggers = NULL;
  g_autoptr(GString) zh = g_string_new ("[");
  g_autoptr(GString) latin = g_string_new ("[");
  g_autoptr(GString) kinds = g_string_new ("[");
  g_autofree char *shared = g_strnfill (64, '0');
  g_autofree char *count = g_strdup_printf ("%u", n);
  g_autofree char *ids = NULL;
  g_autofree char *last = NULL;
  g_autofree char *now = reslib_now_iso8601 ();
  g_autofree char *n_types = g_strdup_printf ("%u", (guint) G_N_ELEMENTS (types));
  gboolean existed;

  /* The statement below picks words by these counts. */
  G_STATIC_ASSERT (G_N_ELEMENTS (zh_words) == 40 && G_N_ELEMENTS (latin_words) == 20);
  for (guint i = 0; i < G_N_ELEMENTS (zh_words); i++)
    g_string_append_printf (zh, "%s\"%s\"", i > 0 ? "," : "", zh_words[i]);
  for (guint i = 0; i < G_N_ELEMENTS (latin_words); i++)
    g_string_append_printf (latin, "%s\"%s\"", i > 0 ? "," : "", latin_words[i]);
  for (guint i = 0; i < G_N_ELEMENTS (types); i++)
    g_string_append_printf (kinds, "%s\"%s\"", i > 0 ? "," : "", types[i]);
  g_string_append_c (zh, ']');
  g_string_append_c (latin, ']');
  g_string_append_c (kinds, ']');

  g_assert_true (reslib_store_begin (store, &error));
  g_assert_true (_reslib_store_add_blob (store, shared, 1, "video/mp4", &existed, &error));
  if (distinct_blobs)
    g_assert_true (RESLIB_STORE_EXEC (store,
                                      "WITH RECURSIVE c (i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM c "
                                      "                         WHERE i + 1 < CAST (?1 AS INTEGER)) "
                                      "INSERT OR IGNORE INTO blobs (sha256, size, mime_type, created_at) "
                                      "SELECT printf ('%064d', i + 1), 1000000 + (i * 7919) % 300000000, 'video/mp4', ?2 "
                                      "FROM c",
                                      &error, count, now));
  g_assert_no_error (error);
  triggers = _reslib_store_index_suspend_added (store, &error);
  g_assert_no_error (error);
  /* The project may hold resources already: only the new ones are indexed here. */
  last = _reslib_store_query_text (store, "SELECT coalesce (max (rowid), 0) FROM resources", NULL, &error);
  g_assert_no_error (error);
  g_assert_true (RESLIB_STORE_EXEC (store,
                                    "WITH RECURSIVE c (i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM c "
                                    "                         WHERE i + 1 < CAST (?1 AS INTEGER)), "
                                    "w (i, a, b, c, d, e, f, g, h) AS ("
                                    "  SELECT i, json_extract (?5, printf ('$[%d]', i % 40)), "
                                    "         json_extract (?5, printf ('$[%d]', (i / 40) % 40)), "
                                    "         json_extract (?5, printf ('$[%d]', (i * 7 + 3) % 40)), "
                                    "         json_extract (?5, printf ('$[%d]', (i * 11 + 5) % 40)), "
                                    "         json_extract (?5, printf ('$[%d]', (i * 13 + 9) % 40)), "
                                    "         json_extract (?6, printf ('$[%d]', i % 20)), "
                                    "         json_extract (?6, printf ('$[%d]', (i / 20) % 20)), "
                                    "         json_extract (?7, printf ('$[%d]', i % ?8)) FROM c) "
                                    "INSERT INTO resources (id, project_id, blob_sha256, file_name, title, description, "
                                    "                       type, created_at, updated_at) "
                                    "SELECT lower (printf ('%08X-%04X-4%03X-8%03X-%012X', abs (random ()) % 4294967296, "
                                    "                      abs (random ()) % 65536, abs (random ()) % 4096, "
                                    "                      abs (random ()) % 4096, i)), "
                                    "       ?2, CASE WHEN ?4 THEN printf ('%064d', i + 1) ELSE ?3 END, "
                                    "       printf ('resource-%06d.mp4', i), a || b || c || ' ' || f || ' ' || i, "
                                    "       '本资源讲解' || a || '与' || c || '的' || d || '要点，适用于' || e || "
                                    "       '课程。' || f || ' ' || g, h, ?9, ?9 FROM w",
                                    &error, count, project, shared, distinct_blobs ? "1" : "0", zh->str, latin->str,
                                    kinds->str, n_types, now));
  g_assert_no_error (error);
  g_assert_true (RESLIB_STORE_EXEC (store,
                                    "INSERT INTO events (at, actor, project_id, subject_kind, subject_id, action, "
                                    "                    detail) "
                                    "SELECT created_at, '测试员', project_id, 'resource', id, 'create', '{}' "
                                    "FROM resources WHERE rowid > CAST (? AS INTEGER) ORDER BY rowid",
                                    &error, last));
  g_assert_no_error (error);
  ids = _reslib_store_query_text (store, "SELECT json_group_array (id) FROM resources "
                                         "WHERE rowid > CAST (? AS INTEGER)",
                                  (const char * const[]) { last, NULL }, &error);
  g_assert_no_error (error);
  g_assert_true (_reslib_store_index_resume_added (store, triggers, indexed ? ids : NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (reslib_store_commit (store, &error));
  g_assert_no_error (error);
}

/*
 * Adds @n resources of @project in one statement, for the tests of what a package may hold, where
 * only their number and their files' names count: titled "资源 N", their files named
 * "@prefix-NNNNNN.mp4" (all one blob row, no file), no list, no audit event; their search index rows are
 * made at the end (the index triggers are out while they are written). A few seconds for 100,000, where
 * reslib_test_fill_resources() takes a minute.
 */
void
reslib_test_fill_bare_resources (ReslibStore *store,
                                 const char  *project,
                                 guint        n,
                                 const char  *prefix)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) triggers = NULL;
  g_autofree char *shared = g_strnfill (64, '0');
  g_autofree char *count = g_strdup_printf ("%u", n);
  gboolean existed;

  g_assert_true (reslib_store_begin (store, &error));
  g_assert_true (_reslib_store_add_blob (store, shared, 1, "video/mp4", &existed, &error));
  triggers = _reslib_store_index_suspend_added (store, &error);
  g_assert_no_error (error);
  g_assert_true (RESLIB_STORE_EXEC (store,
                                    "WITH RECURSIVE c (i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM c "
                                    "                         WHERE i + 1 < CAST (?1 AS INTEGER)) "
                                    "INSERT INTO resources (id, project_id, blob_sha256, file_name, title, type, "
                                    "                       created_at, updated_at) "
                                    "SELECT lower (printf ('%08X-%04X-4%03X-8%03X-%012X', abs (random ()) % 4294967296, "
                                    "                      abs (random ()) % 65536, abs (random ()) % 4096, "
                                    "                      abs (random ()) % 4096, i)), "
                                    "       ?2, ?3, printf ('%s-%06d.mp4', ?4, i), '资源 ' || i, 'video', "
                                    "       '2024-05-01T08:00:00Z', '2024-05-01T08:00:00Z' FROM c",
                                    &error, count, project, shared, prefix));
  g_assert_no_error (error);
  g_assert_true (_reslib_store_index_resume_added (store, triggers, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (reslib_store_commit (store, &error));
  g_assert_no_error (error);
}

/*
 * Adds @n resources of @project, each with a small file of its own ("small file N\n", written straight
 * into the store's blob folder), for the benchmarks of packages: titled "@prefix-NNNNNN", their files
 * named "@prefix-NNNNNN.txt", no list, no audit event; the search index is rebuilt for them at the end.
 * Seconds for 100,000, where importing as many files takes many minutes.
 */
void
reslib_test_fill_file_resources (ReslibStore *store,
                                 const char  *project,
                                 guint        n,
                                 const char  *prefix)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) triggers = NULL;
  gboolean existed;

  g_assert_true (reslib_store_begin (store, &error));
  triggers = _reslib_store_index_suspend_added (store, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *text = g_strdup_printf ("small file %u\n", i);
      g_autofree char *sha = g_compute_checksum_for_string (G_CHECKSUM_SHA256, text, -1);
      g_autofree char *path = reslib_store_get_blob_path (store, sha);
      g_autofree char *parent = g_path_get_dirname (path);
      g_autofree char *id = g_uuid_string_random ();
      g_autofree char *title = g_strdup_printf ("%s-%06u", prefix, i);
      g_autofree char *file_name = g_strdup_printf ("%s-%06u.txt", prefix, i);

      g_assert_cmpint (g_mkdir_with_parents (parent, 0700), ==, 0);
      g_assert_true (g_file_set_contents (path, text, -1, &error));
      g_assert_true (_reslib_store_add_blob (store, sha, strlen (text), "text/plain", &existed, &error));
      g_assert_no_error (error);
      g_assert_true (RESLIB_STORE_EXEC (store,
                                        "INSERT INTO resources (id, project_id, blob_sha256, file_name, title, type, "
                                        "                       created_at, updated_at) "
                                        "VALUES (?, ?, ?, ?, ?, 'text', '2024-05-01T08:00:00Z', "
                                        "        '2024-05-01T08:00:00Z')",
                                        &error, id, project, sha, file_name, title));
      g_assert_no_error (error);
    }
  g_assert_true (_reslib_store_index_resume_added (store, triggers, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (reslib_store_commit (store, &error));
  g_assert_no_error (error);
}

char *
reslib_test_make_tmp_dir (const char *template_name)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp (template_name, &error);

  g_assert_no_error (error);
  return dir;
}

void
reslib_test_rm_rf (const char *path)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  if (path == NULL)
    return;
  if (!g_file_test (path, G_FILE_TEST_IS_DIR) || g_file_test (path, G_FILE_TEST_IS_SYMLINK))
    {
      g_unlink (path);
      return;
    }
  g_chmod (path, 0700);
  dir = g_dir_open (path, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);
      reslib_test_rm_rf (child);
    }
  g_rmdir (path);
}

char *
reslib_test_write_file (const char *dir,
                        const char *name,
                        const char *contents,
                        gssize      len)
{
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (dir, name, NULL);
  g_autofree char *parent = g_path_get_dirname (path);

  g_mkdir_with_parents (parent, 0700);
  g_file_set_contents (path, contents, len, &error);
  g_assert_no_error (error);

  return path;
}

ReslibStore *
reslib_test_open_store (const char *data_dir)
{
  g_autoptr(GError) error = NULL;
  ReslibStore *store = reslib_store_open (data_dir, &error);

  g_assert_no_error (error);
  g_assert_nonnull (store);
  reslib_store_set_actor (store, "测试员");

  return store;
}

char *
reslib_test_new_project (ReslibStore *store,
                         const char  *name)
{
  g_autoptr(GError) error = NULL;
  char *id = reslib_store_create_project (store, name, "460103", "数控技术", "higher", "2025-09-01", &error);

  g_assert_no_error (error);
  g_assert_nonnull (id);

  return id;
}

void
reslib_test_project_setup (ReslibTestProject *f,
                           gconstpointer      data)
{
  g_autofree char *data_dir = NULL;

  f->dir = reslib_test_make_tmp_dir ("reslib-project-XXXXXX");
  data_dir = g_build_filename (f->dir, "data", NULL);
  f->files = g_build_filename (f->dir, "files", NULL);
  g_assert_cmpint (g_mkdir (f->files, 0700), ==, 0);
  f->store = reslib_test_open_store (data_dir);
  f->project = reslib_test_new_project (f->store, "数控技术专业教学资源库");
}

void
reslib_test_project_teardown (ReslibTestProject *f,
                              gconstpointer      data)
{
  g_clear_object (&f->store);
  reslib_test_rm_rf (f->dir);
  g_clear_pointer (&f->dir, g_free);
  g_clear_pointer (&f->files, g_free);
  g_clear_pointer (&f->project, g_free);
}

/* Imports a file named @name holding @contents into the project, with @title and @description when they
 * are given; returns the new resource's id. */
char *
reslib_test_project_import (ReslibTestProject *f,
                            const char        *name,
                            const char        *contents,
                            const char        *title,
                            const char        *description)
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

/* A record inserted with reslib_store_insert(), which must succeed. */
char *
reslib_test_insert (ReslibStore        *store,
                    ReslibKind          kind,
                    const char * const *fields,
                    const char * const *values)
{
  g_autoptr(GError) error = NULL;
  char *id = reslib_store_insert (store, kind, fields, values, &error);

  g_assert_no_error (error);
  g_assert_nonnull (id);

  return id;
}

/* One field of a record set with reslib_store_update(), which must succeed. */
void
reslib_test_update (ReslibStore *store,
                    ReslibKind   kind,
                    const char  *id,
                    const char  *field,
                    const char  *value)
{
  g_autoptr(GError) error = NULL;

  gboolean ok = reslib_store_update (store, kind, id, (const char * const[]) { field, NULL },
                                    (const char * const[]) { value }, &error);

  g_assert_no_error (error);
  g_assert_true (ok);
}

/* One period of usage statistics whose registered users are @users in all (students, teachers, employees and
 * public learners split 7:1:1:1, the rest to the students); learners, schools and visits follow from them. */
void
reslib_test_add_usage (ReslibStore *store,
                       const char  *project,
                       const char  *period_start,
                       const char  *period_end,
                       gint64       users)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) periods = g_ptr_array_new_with_free_func ((GDestroyNotify) reslib_usage_period_free);
  ReslibUsagePeriod *p = g_new0 (ReslibUsagePeriod, 1);
  guint added = 0, replaced = 0;

  p->period_start = g_strdup (period_start);
  p->period_end = g_strdup (period_end);
  p->teachers = users / 10;
  p->employees = users / 10;
  p->public_learners = users / 10;
  p->students = users - p->teachers - p->employees - p->public_learners;
  p->learners = users / 2;
  p->schools = 3;
  p->visits = users * 20;
  g_ptr_array_add (periods, p);
  g_assert_true (reslib_store_import_usage (store, project, periods, "test", FALSE, &added, &replaced, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (added + replaced, ==, 1);
}

static void
count_files (const char *path,
             guint      *n)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        count_files (child, n);
      else
        (*n)++;
    }
}

/* Counts regular files under @dir, recursively. */
guint
reslib_test_count_files (const char *dir)
{
  guint n = 0;

  count_files (dir, &n);
  return n;
}

/* Runs a query on its own connection and returns the first column of the first row. */
char *
reslib_test_sql_text (const char *db_path,
                      const char *sql)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  char *result = NULL;
  int rc;

  g_assert_cmpint (sqlite3_open_v2 (db_path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  /* A process the test killed, or the store under test, may hold a lock for a moment (the WAL's recovery). */
  sqlite3_busy_timeout (db, 10000);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    g_error ("%s: %s", sql, sqlite3_errmsg (db));
  if (rc == SQLITE_ROW)
    result = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  sqlite3_close (db);

  return result;
}

/* Runs @sql on the store file @db_path, as someone editing it by hand would. */
void
reslib_test_sql_exec (const char *db_path,
                      const char *sql)
{
  sqlite3 *db = NULL;
  char *message = NULL;

  g_assert_cmpint (sqlite3_open_v2 (db_path, &db, SQLITE_OPEN_READWRITE, NULL), ==, SQLITE_OK);
  sqlite3_busy_timeout (db, 10000);
  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", sql, message);
  sqlite3_close (db);
}

/* The JSON file @member (such as "data/manifest.json") of the bag in the tar @tar_path, as tar(1) reads it. */
JsonNode *
reslib_test_tar_json (const char *tar_path,
                      const char *member)
{
  g_autofree char *pattern = g_strconcat ("*/", member, NULL);
  g_autofree char *out = NULL;
  g_autoptr(GError) error = NULL;
  int status = 0;

  g_assert_true (g_spawn_sync (NULL, (char *[]) { "tar", "-xOf", (char *) tar_path, "--wildcards", pattern, NULL },
                               NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out, NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));

  return json_from_string (out, NULL);
}

/* A member of @unit_id, for its review of the unit's resources; fails the test when it has none. */
static char *
unit_reviewer (ReslibStore *store,
               const char  *project,
               const char  *unit_id)
{
  g_autoptr(GListModel) members = reslib_store_list (store, RESLIB_KIND_MEMBER, project, NULL);

  g_assert_nonnull (members);
  for (guint i = 0; i < g_list_model_get_n_items (members); i++)
    {
      g_autoptr(ReslibRecord) member = g_list_model_get_item (members, i);

      if (g_strcmp0 (reslib_record_get (member, "unit_id"), unit_id) == 0)
        return g_strdup (reslib_record_get_id (member));
    }
  g_error ("the unit %s has no member to review its resources", unit_id);

  return NULL;
}

/* Submits the project's drafts and rejected resources for review and has every resource in review
 * approved through the two levels: a member of its unit passes it where its unit is not the first host
 * (reslib_store_review_decide(), level 1, every check), then the first host approves
 * (reslib_store_review()). What a progress or an acceptance package needs. */
void
reslib_test_approve_all (ReslibStore *store,
                         const char  *project)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) ids = reslib_store_list_resource_ids (store, project, &error);
  g_autoptr(GPtrArray) submit = g_ptr_array_new ();
  g_autoptr(GPtrArray) approve = g_ptr_array_new ();

  g_assert_no_error (error);
  for (guint i = 0; i < ids->len; i++)
    {
      g_autoptr(ReslibRecord) resource = reslib_store_get (store, RESLIB_KIND_RESOURCE, g_ptr_array_index (ids, i),
                                                           &error);
      const char *state;

      g_assert_no_error (error);
      state = reslib_record_get (resource, "state");
      if (g_strcmp0 (state, "draft") == 0 || g_strcmp0 (state, "rejected") == 0)
        g_ptr_array_add (submit, g_ptr_array_index (ids, i));
      if (g_strcmp0 (state, "approved") != 0)
        g_ptr_array_add (approve, g_ptr_array_index (ids, i));
    }
  g_ptr_array_add (submit, NULL);
  g_ptr_array_add (approve, NULL);
  if (submit->len > 1)
    g_assert_true (reslib_store_review (store, (const char * const *) submit->pdata, RESLIB_REVIEW_SUBMIT, NULL,
                                        &error));
  g_assert_no_error (error);
  for (guint i = 0; i + 1 < approve->len; i++)
    {
      const char *id = g_ptr_array_index (approve, i);
      g_autoptr(ReslibRecord) resource = NULL;
      g_autofree char *reviewer = NULL;

      if (reslib_store_review_next_level (store, id, &error) != RESLIB_REVIEW_LEVEL_UNIT)
        {
          g_assert_no_error (error);
          continue;
        }
      resource = reslib_store_get (store, RESLIB_KIND_RESOURCE, id, &error);
      g_assert_no_error (error);
      reviewer = unit_reviewer (store, project, reslib_record_get (resource, "unit_id"));
      g_assert_true (reslib_store_review_decide (store, (const char * const[]) { id, NULL }, RESLIB_REVIEW_LEVEL_UNIT,
                                                 reviewer, TRUE, RESLIB_REVIEW_CHECK_ALL, NULL, &error));
      g_assert_no_error (error);
    }
  if (approve->len > 1)
    {
      gboolean ok = reslib_store_review (store, (const char * const *) approve->pdata, RESLIB_REVIEW_APPROVE, NULL,
                                         &error);

      g_assert_no_error (error);
      g_assert_true (ok);
    }
}

/* The built-in profile with @kind left out of resource.approved's package kinds: a package of @kind that
 * is not held to the review, for tests of what a package carries rather than of the review. */
ReslibProfile *
reslib_test_profile_unreviewed (const char *kind)
{
  static const char list[] = "\"package_kinds\": [\"application\", \"progress\", \"acceptance\"]";
  g_autoptr(GBytes) bytes = g_resources_lookup_data ("/io/github/reslib/core/profiles/henan-2024.json",
                                                     G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);
  g_autoptr(GString) text = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *item = g_strdup_printf (", \"%s\"", kind);
  ReslibProfile *profile;
  const char *at;
  const char *in;

  g_assert_nonnull (bytes);
  text = g_string_new_len (g_bytes_get_data (bytes, NULL), (gssize) g_bytes_get_size (bytes));
  /* resource.approved's is the only list of all three kinds */
  at = strstr (text->str, list);
  g_assert_nonnull (at);
  g_assert_null (strstr (at + 1, list));
  in = g_strstr_len (at, sizeof list - 1, item);
  g_assert_nonnull (in);
  g_string_erase (text, in - text->str, (gssize) strlen (item));
  profile = reslib_profile_load_data ("unreviewed", text->str, (gssize) text->len, &error);
  g_assert_no_error (error);

  return profile;
}

/* Packs with a ReslibPackager run synchronously: a new file, no digest, no progress. */
gboolean
reslib_test_pack (ReslibStore         *store,
                  const char          *project,
                  const char          *kind,
                  const char * const  *resource_ids,
                  const char          *path,
                  GCancellable        *cancellable,
                  GError             **error)
{
  g_autoptr(ReslibPackager) packager = reslib_packager_new (store, project, kind);

  reslib_packager_set_resource_ids (packager, resource_ids);
  reslib_packager_set_destination (packager, path, RESLIB_OUTPUT_NONE);
  return reslib_job_run (RESLIB_JOB (packager), cancellable, error);
}

/* Imports a package with a ReslibPackageImporter run synchronously; returns what it did, or NULL. */
ReslibImportReport *
reslib_test_import_package (ReslibStore  *store,
                            const char   *path,
                            const char   *into_project,
                            GError      **error)
{
  g_autoptr(ReslibPackageImporter) importer = reslib_package_importer_new (store, path);

  reslib_package_importer_set_into_project (importer, into_project);
  if (!reslib_job_run (RESLIB_JOB (importer), NULL, error))
    return NULL;
  return reslib_import_report_copy (reslib_package_importer_get_report (importer));
}

/* A python3 with openpyxl (Debian's python3-openpyxl: /usr/bin/python3 before another on PATH), or
 * NULL. */
const char *
reslib_test_openpyxl_python (void)
{
  static char *python = NULL;
  static gsize once = 0;

  if (g_once_init_enter (&once))
    {
      g_autofree char *on_path = g_find_program_in_path ("python3");
      const char *candidates[] = { "/usr/bin/python3", on_path, NULL };

      for (guint i = 0; candidates[i] != NULL && python == NULL; i++)
        {
          const char *argv[] = { candidates[i], "-c", "import openpyxl", NULL };
          int status;

          if (g_file_test (candidates[i], G_FILE_TEST_IS_EXECUTABLE) &&
              g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, NULL, NULL, &status,
                            NULL) &&
              g_spawn_check_wait_status (status, NULL))
            python = g_strdup (candidates[i]);
        }
      g_once_init_leave (&once, 1);
    }

  return python;
}

char *
reslib_test_make_sheet (const char *dir,
            const char *name,
            const char *kind,
            const char *arg)
{
  g_autofree char *script = g_test_build_filename (G_TEST_DIST, "core", "make-sheet.py", NULL);
  /* tests/core/make-sheet.py makes them */
  char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *err = NULL;
  int status;
  const char *argv[] = { reslib_test_openpyxl_python (), script, kind, path, arg, NULL };

  g_assert_nonnull (argv[0]);
  g_spawn_sync (NULL, (char **) argv, NULL, 0, NULL, NULL, NULL, &err, &status, &error);
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("make-sheet.py %s: %s", kind, err);

  return path;
}

/* Writes the report @kind of the project in @dir as @name (its extension gives the format), replacing
 * a file there; returns its path. */
char *
reslib_test_write_report (ReslibStore *store,
                          const char  *project_id,
                          const char  *kind,
                          const char  *dir,
                          const char  *name)
{
  char *path = g_build_filename (dir, name, NULL);
  g_autoptr(ReslibReportJob) job = reslib_report_job_new (store, project_id, kind, path);
  g_autoptr(GError) error = NULL;

  reslib_report_job_set_flags (job, RESLIB_OUTPUT_REPLACE);
  g_assert_true (reslib_job_run (RESLIB_JOB (job), NULL, &error));
  g_assert_no_error (error);

  return path;
}

/* The text of the PDF @path as `pdftotext -layout` gives it (tables keep their columns on a line). */
char *
reslib_test_pdf_text (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  int status = 0;
  const char *argv[] = { "pdftotext", "-layout", path, "-", NULL };

  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL, NULL,
                               NULL, &out, NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));

  return g_steal_pointer (&out);
}

/* The Word document at @path as tests/core/read-docx.py reads it (python-docx), or NULL when python3 or python-docx
 * is missing: the test is then skipped. */
JsonNode *
reslib_test_read_docx (const char *path)
{
  g_autofree char *script = g_test_build_filename (G_TEST_DIST, "core", "read-docx.py", NULL);
  const char *argv[] = { "/usr/bin/python3", script, path, NULL };
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  int status = 0;

  if (!g_file_test (argv[0], G_FILE_TEST_IS_EXECUTABLE))
    {
      g_test_skip ("/usr/bin/python3 is needed to read the document back with python-docx");
      return NULL;
    }
  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err, &status, &error));
  g_assert_no_error (error);
  if (WIFEXITED (status) && WEXITSTATUS (status) == 77)
    {
      g_test_skip ("python-docx (Debian: python3-docx) is needed to read the document back");
      return NULL;
    }
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("read-docx.py %s failed: %s", path, err);

  return json_from_string (out, &error);
}
