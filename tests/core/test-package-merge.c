/* test-package-merge.c — a big package's merge (the search index's triggers out, its rows made at the end)
 * leaves the store exactly as the merge of one record at a time does
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <archive.h>
#include <archive_entry.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <sqlite3.h>
#include <string.h>

#include "reslib-package.h"
#include "reslib-package-import-private.h"
#include "reslib-replacer.h"
#include "reslib-store-import-rows.h"
#include "reslib-store-private.h"
#include "reslib-test-utils.h"

typedef struct
{
  char        *dir;
  char        *files;
  ReslibStore *source;
  char        *project;
  char        *unit;
  char        *course;
  char        *module;
  char        *point;
  char        *res[6];
} Fixture;

static char *
add_resource (Fixture            *f,
              const char         *name,
              const char         *contents,
              const char * const *keywords,
              const char * const *nodes)
{
  g_autoptr(ReslibImporter) importer = reslib_importer_new (f->source, f->project);
  g_autofree char *path = reslib_test_write_file (f->files, name, contents, -1);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;

  reslib_importer_add_file (importer, file);
  reslib_importer_set_field (importer, "unit_id", f->unit);
  if (keywords != NULL)
    reslib_importer_set_list (importer, "keywords", keywords);
  if (nodes != NULL)
    reslib_importer_set_list (importer, "nodes", nodes);
  g_assert_true (reslib_job_run (RESLIB_JOB (importer), NULL, &error));
  g_assert_no_error (error);

  return g_strdup (reslib_importer_get_resource_ids (importer)[0]);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *source_dir = NULL;
  g_autoptr(GError) error = NULL;

  f->dir = reslib_test_make_tmp_dir ("reslib-package-merge-XXXXXX");
  source_dir = g_build_filename (f->dir, "source", NULL);
  f->files = g_build_filename (f->dir, "files", NULL);
  g_mkdir (f->files, 0700);
  f->source = reslib_test_open_store (source_dir);
  f->project = reslib_test_new_project (f->source, "数控技术专业教学资源库");
  f->unit = reslib_test_insert (f->source, RESLIB_KIND_UNIT,
                                (const char * const[]) { "project_id", "name", "kind", "role", NULL },
                                (const char * const[]) { f->project, "某机床企业", "enterprise", "participant" });
  /* Its member reviews its resources first (a progress package holds approved ones) */
  g_free (reslib_test_insert (f->source, RESLIB_KIND_MEMBER,
                              (const char * const[]) { "project_id", "unit_id", "name", NULL },
                              (const char * const[]) { f->project, f->unit, "王审核" }));
  f->course = reslib_test_insert (f->source, RESLIB_KIND_COURSE,
                                  (const char * const[]) { "project_id", "title", NULL },
                                  (const char * const[]) { f->project, "数控车削编程" });
  f->module = reslib_test_insert (f->source, RESLIB_KIND_NODE,
                                  (const char * const[]) { "course_id", "kind", "title", NULL },
                                  (const char * const[]) { f->course, "module", "模块一 外圆车削" });
  f->point = reslib_test_insert (f->source, RESLIB_KIND_NODE,
                                 (const char * const[]) { "course_id", "parent_id", "kind", "title", NULL },
                                 (const char * const[]) { f->course, f->module, "knowledge", "知识点 螺纹" });
  f->res[0] = add_resource (f, "讲义.txt", "外圆车削的要点", (const char * const[]) { "数控", "车削", NULL },
                            (const char * const[]) { f->point, NULL });
  f->res[1] = add_resource (f, "图纸.png", "\x89PNG not really", (const char * const[]) { "图纸", NULL }, NULL);
  f->res[2] = add_resource (f, "习题.txt", "螺纹加工习题", NULL, (const char * const[]) { f->module, NULL });
  f->res[3] = add_resource (f, "视频脚本.txt", "对刀操作", (const char * const[]) { "对刀", NULL }, NULL);
  f->res[4] = add_resource (f, "案例.txt", "轴类零件加工案例", NULL, NULL);
  g_assert_true (reslib_store_set_list (f->source, f->res[0], "authors", (const char *[]) { "欧阳修", "李工程师", NULL },
                                        &error));
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->source);
  reslib_test_rm_rf (f->dir);
  g_free (f->dir);
  g_free (f->files);
  g_free (f->project);
  g_free (f->unit);
  g_free (f->course);
  g_free (f->module);
  g_free (f->point);
  for (guint i = 0; i < G_N_ELEMENTS (f->res); i++)
    g_free (f->res[i]);
}

static char *
pack (Fixture    *f,
      const char *name)
{
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (f->dir, name, NULL);

  reslib_test_approve_all (f->source, f->project);
  g_assert_true (reslib_test_pack (f->source, f->project, "progress", NULL, path, NULL, &error));
  g_assert_no_error (error);

  return path;
}

/* Imports @path into @store one record at a time (@batch FALSE) or with the index's triggers out. */
static ReslibImportReport *
import (ReslibStore *store,
        const char  *path,
        gboolean     batch)
{
  g_autoptr(GError) error = NULL;
  ReslibImportReport *report;

  _reslib_import_batch_min = batch ? 0 : G_MAXUINT;
  /* The index rows made two resources at a time, as a big package's are a thousand at a time. */
  _reslib_import_index_chunk = 2;
  report = reslib_test_import_package (store, path, NULL, &error);
  _reslib_import_batch_min = 64;
  _reslib_import_index_chunk = 1000;
  g_assert_no_error (error);
  g_assert_nonnull (report);

  return report;
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(char * const *) a, *(char * const *) b);
}

/* Every row of every table but the search indexes' own storage (FTS5 lays its segments out as the rows
 * came), the schema itself (its triggers are back as they were), the index's rows as FTS5 gives them
 * back, and the files of the blob folder by their path in it. Times are left out: the two stores are
 * written a moment apart. */
static char *
dump (ReslibStore *store)
{
  sqlite3 *db = _reslib_store_get_db (store);
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GPtrArray) tables = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GRegex) time = g_regex_new ("[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9:.]+(Z|[+-][0-9:]+)?", 0, 0, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_free);
  const char *blob_dir = reslib_store_get_blob_dir (store);
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT GLOB "
                                           "'resource_fts_*' AND name NOT GLOB 'resource_bigrams_*' ORDER BY name",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (tables, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
  sqlite3_finalize (stmt);
  g_ptr_array_add (tables, g_strdup ("sqlite_master"));

  for (guint i = 0; i < tables->len; i++)
    {
      const char *table = g_ptr_array_index (tables, i);
      g_autofree char *sql = NULL;

      if (strcmp (table, "sqlite_master") == 0)
        sql = g_strdup ("SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY type, name");
      else if (strcmp (table, "resource_fts") == 0 || strcmp (table, "resource_bigrams") == 0)
        sql = g_strdup_printf ("SELECT rowid, * FROM \"%s\" ORDER BY rowid", table);
      else
        sql = g_strdup_printf ("SELECT * FROM \"%s\"", table);
      g_string_append_printf (out, "table %s\n", table);
      g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        {
          for (int c = 0; c < sqlite3_column_count (stmt); c++)
            {
              const char *text = (const char *) sqlite3_column_text (stmt, c);
              g_autofree char *shown = text != NULL ? g_regex_replace_literal (time, text, -1, 0, "TIME", 0, NULL)
                                                    : g_strdup ("NULL");

              g_string_append_printf (out, "%s|", shown);
            }
          g_string_append_c (out, '\n');
        }
      sqlite3_finalize (stmt);
    }

  /* The indexes agree with their rows. */
  g_assert_cmpint (sqlite3_exec (db, "INSERT INTO resource_fts (resource_fts) VALUES ('integrity-check'); "
                                     "INSERT INTO resource_bigrams (resource_bigrams) VALUES ('integrity-check')",
                                 NULL, NULL, NULL), ==, SQLITE_OK);

  {
    g_autoptr(GFile) root = g_file_new_for_path (blob_dir);
    g_autoptr(GFileEnumerator) top = g_file_enumerate_children (root, G_FILE_ATTRIBUTE_STANDARD_NAME, 0, NULL, &error);
    GFileInfo *info;

    if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
      g_clear_error (&error);
    g_assert_no_error (error);
    while (top != NULL && (info = g_file_enumerator_next_file (top, NULL, &error)) != NULL)
      {
        g_autoptr(GFileInfo) owned = info;
        g_autofree char *sub = g_build_filename (blob_dir, g_file_info_get_name (info), NULL);
        g_autoptr(GDir) d = g_dir_open (sub, 0, NULL);
        const char *name;

        while (d != NULL && (name = g_dir_read_name (d)) != NULL)
          g_ptr_array_add (files, g_build_filename (g_file_info_get_name (info), name, NULL));
      }
    g_assert_no_error (error);
  }
  g_ptr_array_sort (files, compare_names);
  for (guint i = 0; i < files->len; i++)
    g_string_append_printf (out, "file %s\n", (char *) g_ptr_array_index (files, i));

  return g_string_free (g_steal_pointer (&out), FALSE);
}

static void
assert_same_report (const ReslibImportReport *a,
                    const ReslibImportReport *b)
{
  g_assert_cmpuint (a->blobs_added, ==, b->blobs_added);
  g_assert_cmpuint (a->blobs_present, ==, b->blobs_present);
  for (guint k = 0; k < RESLIB_N_KINDS; k++)
    {
      g_assert_cmpuint (a->added[k], ==, b->added[k]);
      g_assert_cmpuint (a->updated[k], ==, b->updated[k]);
      g_assert_cmpuint (a->unchanged[k], ==, b->unchanged[k]);
      g_assert_cmpuint (a->conflicts[k], ==, b->conflicts[k]);
    }
}

static guint
count (ReslibStore *store,
       const char  *sql)
{
  sqlite3_stmt *stmt = NULL;
  guint n;

  g_assert_cmpint (sqlite3_prepare_v2 (_reslib_store_get_db (store), sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  n = (guint) sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);

  return n;
}

/* The same changes made in both libraries before the second package comes. */
static void
change_locally (Fixture     *f,
                ReslibStore *store)
{
  g_autoptr(GError) error = NULL;

  /* Changed here and in the package: a conflict. */
  reslib_test_update (store, RESLIB_KIND_RESOURCE, f->res[1], "title", "图纸（本地）");
  /* Deleted here: the package brings it again. */
  g_assert_true (reslib_store_delete (store, RESLIB_KIND_RESOURCE, f->res[3], &error));
  g_assert_no_error (error);
}

/* A mixed package — new resources, resources changed only in the package (fields, keywords, authors,
 * points and the unit they name), one changed on both sides, one deleted here, one deleted there,
 * unchanged ones — merged both ways into libraries that are alike: the same rows, events, conflicts,
 * versions, bases, files and index rows. */
static void
test_batch_same_as_one_by_one (Fixture       *f,
                               gconstpointer  data)
{
  g_autofree char *first = pack (f, "first.tar");
  g_autofree char *second = NULL;
  g_autofree char *one_dir = g_build_filename (f->dir, "one", NULL);
  g_autofree char *batch_dir = g_build_filename (f->dir, "batch", NULL);
  g_autofree char *fresh_one_dir = g_build_filename (f->dir, "fresh-one", NULL);
  g_autofree char *fresh_batch_dir = g_build_filename (f->dir, "fresh-batch", NULL);
  g_autoptr(ReslibStore) one = reslib_test_open_store (one_dir);
  g_autoptr(ReslibStore) batch = reslib_test_open_store (batch_dir);
  g_autoptr(ReslibStore) fresh_one = reslib_test_open_store (fresh_one_dir);
  g_autoptr(ReslibStore) fresh_batch = reslib_test_open_store (fresh_batch_dir);
  g_autoptr(ReslibImportReport) r1 = NULL;
  g_autoptr(ReslibImportReport) r2 = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *dump_one = NULL;
  g_autofree char *dump_batch = NULL;
  g_autofree char *other_file = NULL;
  guint triggers = count (one, "SELECT count (*) FROM sqlite_master WHERE type = 'trigger'");

  r1 = import (one, first, FALSE);
  r2 = import (batch, first, TRUE);
  assert_same_report (r1, r2);
  g_assert_cmpuint (r2->added[RESLIB_KIND_RESOURCE], ==, 5);
  dump_one = dump (one);
  dump_batch = dump (batch);
  g_assert_cmpstr (dump_one, ==, dump_batch);
  g_clear_pointer (&dump_one, g_free);
  g_clear_pointer (&dump_batch, g_free);

  change_locally (f, one);
  change_locally (f, batch);

  /* In the source: a new resource, changes only there, a change on both sides, a deletion. */
  f->res[5] = add_resource (f, "新增 动画.txt", "新的动画脚本", (const char * const[]) { "动画演示", "仿真实训", NULL },
                            (const char * const[]) { f->point, f->module, NULL });
  reslib_test_update (f->source, RESLIB_KIND_RESOURCE, f->res[0], "title", "外圆车削讲义（修订）");
  g_assert_true (reslib_store_set_list (f->source, f->res[0], "keywords", (const char *[]) { "数控", "精车", NULL },
                                        &error));
  g_assert_no_error (error);
  g_assert_true (reslib_store_set_list (f->source, f->res[0], "authors", (const char *[]) { "张老师", NULL }, &error));
  g_assert_no_error (error);
  g_assert_true (reslib_store_set_list (f->source, f->res[2], "nodes", (const char *[]) { f->point, NULL }, &error));
  g_assert_no_error (error);
  reslib_test_update (f->source, RESLIB_KIND_RESOURCE, f->res[1], "title", "图纸（源）");
  reslib_test_update (f->source, RESLIB_KIND_UNIT, f->unit, "name", "某机床企业（更名）");
  reslib_test_update (f->source, RESLIB_KIND_NODE, f->point, "title", "知识点 螺纹车削");
  g_assert_true (reslib_store_delete (f->source, RESLIB_KIND_RESOURCE, f->res[4], &error));
  g_assert_no_error (error);
  /* A new file for one resource: a version of it. */
  other_file = reslib_test_write_file (f->files, "讲义 v2.txt", "外圆车削的要点（第二版）", -1);
  {
    g_autoptr(GFile) file = g_file_new_for_path (other_file);
    g_autoptr(ReslibReplacer) replacer = reslib_replacer_new (f->source, f->res[0], file);

    g_assert_true (reslib_job_run (RESLIB_JOB (replacer), NULL, &error));
    g_assert_no_error (error);
  }
  second = pack (f, "second.tar");

  g_clear_pointer (&r1, reslib_import_report_free);
  g_clear_pointer (&r2, reslib_import_report_free);
  r1 = import (one, second, FALSE);
  r2 = import (batch, second, TRUE);
  assert_same_report (r1, r2);
  g_assert_cmpuint (r2->added[RESLIB_KIND_RESOURCE], ==, 2);
  g_assert_cmpuint (r2->updated[RESLIB_KIND_RESOURCE], ==, 2);
  g_assert_cmpuint (r2->conflicts[RESLIB_KIND_RESOURCE], ==, 1);
  g_assert_cmpuint (r2->unchanged[RESLIB_KIND_RESOURCE], ==, 0);
  g_assert_cmpuint (count (batch, "SELECT count (*) FROM resource_versions"), ==, 1);
  g_assert_cmpuint (count (batch, "SELECT count (*) FROM sqlite_master WHERE type = 'trigger'"), ==, triggers);
  /* The index finds what the package changed: the renamed point, the new author, the new title, the new resource's keyword. */
  {
    const char *queries[] = { "螺纹车削", "张老师", "外圆车削讲义", "仿真实训" };

    for (guint i = 0; i < G_N_ELEMENTS (queries); i++)
      {
        g_autofree char *sql = g_strdup_printf ("SELECT count (*) FROM resource_fts WHERE resource_fts MATCH '\"%s\"'",
                                                queries[i]);

        g_assert_cmpuint (count (batch, sql), >, 0);
        g_assert_cmpuint (count (batch, sql), ==, count (one, sql));
      }
  }
  dump_one = dump (one);
  dump_batch = dump (batch);
  g_assert_cmpstr (dump_one, ==, dump_batch);
  g_clear_pointer (&dump_one, g_free);
  g_clear_pointer (&dump_batch, g_free);

  /* The same package into libraries that have nothing yet: every record added. */
  g_clear_pointer (&r1, reslib_import_report_free);
  g_clear_pointer (&r2, reslib_import_report_free);
  r1 = import (fresh_one, second, FALSE);
  r2 = import (fresh_batch, second, TRUE);
  assert_same_report (r1, r2);
  dump_one = dump (fresh_one);
  dump_batch = dump (fresh_batch);
  g_assert_cmpstr (dump_one, ==, dump_batch);
}

/* A preview merges with the index's triggers out too, and rolls back: the library is as it was,
 * triggers included, and the report is the import's. */
static void
test_batch_preview_rolls_back (Fixture       *f,
                               gconstpointer  data)
{
  g_autofree char *first = pack (f, "first.tar");
  g_autofree char *into_dir = g_build_filename (f->dir, "into", NULL);
  g_autoptr(ReslibStore) into = reslib_test_open_store (into_dir);
  g_autofree char *before = dump (into);
  g_autofree char *after = NULL;
  g_autoptr(ReslibPackageImporter) importer = reslib_package_importer_new (into, first);
  g_autoptr(GError) error = NULL;
  gboolean ok;

  reslib_package_importer_set_preview (importer, TRUE);
  _reslib_import_batch_min = 0;
  ok = reslib_job_run (RESLIB_JOB (importer), NULL, &error);
  _reslib_import_batch_min = 64;
  g_assert_no_error (error);
  g_assert_true (ok);
  g_assert_cmpuint (reslib_package_importer_get_report (importer)->added[RESLIB_KIND_RESOURCE], ==, 5);
  after = dump (into);
  g_assert_cmpstr (before, ==, after);
}


/* The first column of the first row of @sql, read on @store's own connection. */
static char *
store_text (ReslibStore *store,
            const char  *sql)
{
  sqlite3_stmt *stmt = NULL;
  char *text = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (_reslib_store_get_db (store), sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    text = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);

  return text;
}

/* A copy of @row (the values of a resource's columns) with its own id. */
static GPtrArray *
row_copy (GPtrArray *row)
{
  GPtrArray *copy = g_ptr_array_new_with_free_func (g_free);

  for (guint c = 0; c < row->len; c++)
    g_ptr_array_add (copy, c == 0 ? g_uuid_string_random () : g_strdup (g_ptr_array_index (row, c)));

  return copy;
}

static void
set_column (GPtrArray  *row,
            const char *name,
            const char *value)
{
  const ReslibEntity *entity = reslib_entity_get (RESLIB_KIND_RESOURCE);
  guint c = 0;

  for (guint f = 0; f < entity->n_fields; f++)
    if (_reslib_store_import_is_column (&entity->fields[f]))
      {
        if (strcmp (entity->fields[f].name, name) == 0)
          {
            g_free (row->pdata[c]);
            row->pdata[c] = g_strdup (value);
            return;
          }
        c++;
      }
  g_assert_not_reached ();
}

/* The rows a package adds go many to a statement, runs of rows with the same columns together, in their order;
 * a row that breaks a rule is named, and nothing of its statement is written. */
static void
test_rows_many_to_a_statement (Fixture       *f,
                               gconstpointer  data)
{
  const ReslibEntity *entity = reslib_entity_get (RESLIB_KIND_RESOURCE);
  g_autoptr(ReslibRecord) model = reslib_store_get (f->source, RESLIB_KIND_RESOURCE, f->res[0], NULL);
  g_autoptr(GPtrArray) first = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  g_autoptr(GError) error = NULL;
  g_autofree char *count = NULL;
  g_autofree char *types = NULL;
  guint failed = 0;

  g_assert_nonnull (model);
  for (guint f2 = 0; f2 < entity->n_fields; f2++)
    if (_reslib_store_import_is_column (&entity->fields[f2]))
      g_ptr_array_add (first, g_strdup (reslib_record_get (model, entity->fields[f2].name)));
  for (guint r = 0; r < 100; r++)
    g_ptr_array_add (rows, row_copy (first));
  /* Rows 10–12 leave their type to the database: a run of their own, between two others. */
  for (guint r = 10; r < 13; r++)
    set_column (g_ptr_array_index (rows, r), "type", NULL);
  set_column (g_ptr_array_index (rows, 70), "title", "  ");

  /* 5 + 10 + 3 rows written, then the statement of rows 13–76 fails as a whole, at row 70. */
  g_assert_false (_reslib_store_import_rows (f->source, RESLIB_KIND_RESOURCE, rows, &failed, &error));
  g_assert_error (error, RESLIB_ERROR, RESLIB_ERROR_CONSTRAINT);
  g_assert_cmpuint (failed, ==, 70);
  count = store_text (f->source, "SELECT count (*) FROM resources");
  g_assert_cmpstr (count, ==, "18");
  types = store_text (f->source, "SELECT group_concat (type, ',') FROM (SELECT type FROM resources ORDER BY rowid LIMIT 3 OFFSET 15)");
  g_assert_cmpstr (types, ==, "other,other,other");

  /* Without the bad row, every row is written, in its order. */
  g_clear_error (&error);
  g_ptr_array_remove_range (rows, 0, 13);
  set_column (g_ptr_array_index (rows, 70 - 13), "title", "第七十个");
  g_assert_true (_reslib_store_import_rows (f->source, RESLIB_KIND_RESOURCE, rows, &failed, &error));
  g_assert_no_error (error);
  g_free (count);
  count = store_text (f->source, "SELECT count (*) FROM resources");
  g_assert_cmpstr (count, ==, "105");
  g_free (count);
  count = store_text (f->source, "SELECT title FROM resources ORDER BY rowid LIMIT 1 OFFSET 75");
  g_assert_cmpstr (count, ==, "第七十个");
}

/* The plan of @sql on @store's connection, a line per step. */
static char *
plan_of (ReslibStore *store,
         const char  *sql)
{
  g_autofree char *explain = g_strconcat ("EXPLAIN QUERY PLAN ", sql, NULL);
  GString *plan = g_string_new (NULL);
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (_reslib_store_get_db (store), explain, -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_string_append_printf (plan, "%s\n", (const char *) sqlite3_column_text (stmt, 3));
  sqlite3_finalize (stmt);
  g_test_message ("%s\n%s", sql, plan->str);

  return g_string_free (plan, FALSE);
}

/* Every table of @plan is searched by a key, none read whole (json_each's array and rows of constants aside). */
static void
assert_no_scan (const char *plan)
{
  g_auto(GStrv) lines = g_strsplit (plan, "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    if (strstr (lines[i], "SCAN ") != NULL)
      g_assert_true (strstr (lines[i], "SCAN json_each") != NULL || strstr (lines[i], "CONSTANT ROW") != NULL ||
                     strstr (lines[i], "VALUES") != NULL);
}

/* The statements an import runs per record or per chunk of resources take their rows by key: the store has no
 * statistics (it never runs ANALYZE), and a plan that reads a table whole makes an import O(n²). */
static void
test_import_plans (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *rows_sql = _reslib_store_import_rows_sql (RESLIB_KIND_RESOURCE, G_MAXUINT64, RESLIB_STORE_IMPORT_ROWS_MAX);
  g_autofree char *rows = plan_of (f->source, rows_sql);
  g_autofree char *lookup = plan_of (f->source, RESLIB_STORE_SYNC_LOOKUP_SQL);
  g_autofree char *fts = plan_of (f->source, RESLIB_STORE_INDEX_ADDED_FTS_SQL);
  g_autofree char *bigrams = plan_of (f->source, RESLIB_STORE_INDEX_ADDED_BIGRAMS_SQL);

  assert_no_scan (rows);
  assert_no_scan (lookup);
  g_assert_nonnull (strstr (lookup, "SEARCH sync_versions USING PRIMARY KEY (kind=? AND record_id=? AND sha256=?)"));
  g_assert_nonnull (strstr (lookup, "SEARCH sync_bases USING PRIMARY KEY (kind=? AND record_id=?)"));
  assert_no_scan (fts);
  g_assert_nonnull (strstr (fts, "SEARCH r USING INDEX sqlite_autoindex_resources_1 (id=?)"));
  assert_no_scan (bigrams);
  g_assert_nonnull (strstr (bigrams, "SEARCH r USING INTEGER PRIMARY KEY (rowid=?)"));
  g_assert_nonnull (strstr (bigrams, "SEARCH resources USING COVERING INDEX sqlite_autoindex_resources_1 (id=?)"));
}

/* Every record a read of the manifest hands on, checked here as verify checks it; the ids seen. */
static gboolean
count_checked (guint        kind,
               JsonObject  *record,
               gpointer     user_data,
               GError     **error)
{
  GHashTable *seen = user_data;
  g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), record);
  g_autoptr(GError) check_error = NULL;

  g_assert_true (_reslib_manifest_check_record (kind, node, NULL, &check_error));
  g_assert_no_error (check_error);
  g_hash_table_add (seen, g_strdup (json_object_get_string_member_with_default (record, kind == RESLIB_MANIFEST_FILE
                                                                                          ? "path" : "id", "")));

  return TRUE;
}

/* data/manifest.json of the package at @path, and where its bytes start in the file. */
static GBytes *
manifest_in (const char *path,
             gsize      *offset)
{
  struct archive *a = archive_read_new ();
  struct archive_entry *entry;
  g_autofree char *tar = NULL;
  gsize tar_len = 0;
  GBytes *manifest = NULL;
  const char *at;

  archive_read_support_format_tar (a);
  g_assert_cmpint (archive_read_open_filename (a, path, 65536), ==, ARCHIVE_OK);
  while (manifest == NULL && archive_read_next_header (a, &entry) == ARCHIVE_OK)
    if (g_str_has_suffix (archive_entry_pathname (entry), "/data/manifest.json"))
      {
        gsize size = (gsize) archive_entry_size (entry);
        char *data = g_malloc (size);

        g_assert_cmpint (archive_read_data (a, data, size), ==, (la_ssize_t) size);
        manifest = g_bytes_new_take (data, size);
      }
  archive_read_free (a);
  g_assert_nonnull (manifest);
  g_assert_true (g_file_get_contents (path, &tar, &tar_len, NULL));
  at = memmem (tar, tar_len, g_bytes_get_data (manifest, NULL), g_bytes_get_size (manifest));
  g_assert_nonnull (at);
  *offset = (gsize) (at - tar);

  return manifest;
}

/* The merge reads the manifest again without checking its records again: each piece of it reaches the parser only
 * once its digest is the one verify kept. A piece changed since is refused before any record of it is handed on,
 * whatever it holds; the records before it are the ones verify checked. */
static void
test_read_again_verified_pieces (Fixture       *f,
                                 gconstpointer  data)
{
  g_autofree char *path = NULL;
  g_autoptr(GBytes) manifest = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GError) error = NULL;
  ReslibManifestIndex index = { 0 };
  g_autofree char *tar = NULL;
  gsize tar_len = 0, offset = 0, size, at;
  guint n_pieces, all;
  char broken_id[37];
  char *id;
  char was;

  reslib_test_fill_file_resources (f->source, f->project, 200, "课件");
  path = pack (f, "many.tar");
  manifest = manifest_in (path, &offset);
  size = g_bytes_get_size (manifest);
  n_pieces = (guint) ((size + RESLIB_MANIFEST_PIECE - 1) / RESLIB_MANIFEST_PIECE);
  g_assert_cmpuint (n_pieces, >=, 3);

  g_assert_true (_reslib_package_verify_index (path, &problems, NULL, &index, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_nonnull (index.pieces);
  g_assert_cmpuint (index.pieces->len, ==, n_pieces * RESLIB_SHA256_SIZE);

  /* Unchanged: every record, as verify read them. */
  g_assert_true (_reslib_manifest_read_tar (path, &index, count_checked, seen, NULL, &error));
  g_assert_no_error (error);
  all = g_hash_table_size (seen);
  g_assert_cmpuint (all, ==, index.n_records);

  /* One id of a record in the second piece broken, the tar's size unchanged: a record no check lets through. */
  g_assert_true (g_file_get_contents (path, &tar, &tar_len, NULL));
  id = g_strstr_len (tar + offset + RESLIB_MANIFEST_PIECE + 100, (gssize) (size - RESLIB_MANIFEST_PIECE - 100), "\"id\":\"");
  g_assert_nonnull (id);
  id += strlen ("\"id\":\"");
  was = id[5];
  id[5] = 'Z';
  memcpy (broken_id, id, 36);
  broken_id[36] = '\0';
  g_assert_true (g_file_set_contents (path, tar, (gssize) tar_len, &error));
  g_assert_no_error (error);
  g_hash_table_remove_all (seen);
  g_assert_false (_reslib_manifest_read_tar (path, &index, count_checked, seen, NULL, &error));
  g_assert_error (error, RESLIB_ERROR, RESLIB_ERROR_CHANGED);
  g_clear_error (&error);
  g_assert_cmpuint (g_hash_table_size (seen), >, 0);
  g_assert_cmpuint (g_hash_table_size (seen), <, all);
  g_assert_false (g_hash_table_contains (seen, broken_id));

  /* Changed in the last byte of the last piece only: the records of the pieces before it, nothing more. */
  id[5] = was;
  at = offset + size - 1;
  tar[at] = tar[at] == '}' ? ' ' : '}';
  g_assert_true (g_file_set_contents (path, tar, (gssize) tar_len, &error));
  g_assert_no_error (error);
  g_hash_table_remove_all (seen);
  g_assert_false (_reslib_manifest_read_tar (path, &index, count_checked, seen, NULL, &error));
  g_assert_error (error, RESLIB_ERROR, RESLIB_ERROR_CHANGED);
  g_clear_error (&error);
  g_assert_cmpuint (g_hash_table_size (seen), >, 0);
  g_assert_cmpuint (g_hash_table_size (seen), <, all);

  _reslib_manifest_index_clear (&index);
}

/* The first integer of @sql's first row in @store. */
static gint64
query_int (ReslibStore *store,
           const char  *sql)
{
  sqlite3 *db = _reslib_store_get_db (store);
  sqlite3_stmt *stmt = NULL;
  gint64 v;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  v = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);

  return v;
}

/* A package of more resources than one statement writes: every resource added gets its version noted and
 * one "added" event, in the merge's order (its nodes' events before its resources'), and every file its
 * blob row, counted in the report; a second import adds none of them again. */
static void
test_added_notes_many_to_a_statement (Fixture       *f,
                                      gconstpointer  data)
{
  g_autofree char *path = NULL;
  g_autofree char *target_dir = g_build_filename (f->dir, "target", NULL);
  g_autoptr(ReslibStore) target = NULL;
  g_autoptr(ReslibImportReport) first = NULL;
  g_autoptr(ReslibImportReport) again = NULL;
  guint n = 5 + 2 * RESLIB_STORE_IMPORT_ROWS_MAX + 7;

  reslib_test_fill_file_resources (f->source, f->project, n - 5, "课件");
  path = pack (f, "many.tar");
  target = reslib_test_open_store (target_dir);
  first = import (target, path, TRUE);
  g_assert_cmpuint (first->added[RESLIB_KIND_RESOURCE], ==, n);
  g_assert_cmpint (query_int (target, "SELECT count (*) FROM resources"), ==, n);
  g_assert_cmpint (query_int (target, "SELECT count (*) FROM events WHERE subject_kind = 'resource' AND action = 'import' "
                                      "AND json_extract (detail, '$.result') = 'added'"), ==, n);
  g_assert_cmpint (query_int (target, "SELECT count (*) FROM resources r WHERE (SELECT count (*) FROM events e "
                                      "WHERE e.subject_id = r.id AND e.action = 'import') = 1"), ==, n);
  g_assert_cmpint (query_int (target, "SELECT count (*) FROM resources r WHERE EXISTS (SELECT 1 FROM sync_versions v "
                                      "WHERE v.kind = 'resource' AND v.record_id = r.id) AND EXISTS (SELECT 1 FROM "
                                      "sync_bases b WHERE b.kind = 'resource' AND b.record_id = r.id)"), ==, n);
  g_assert_cmpint (query_int (target, "SELECT (SELECT max (seq) FROM events WHERE subject_kind = 'node') < "
                                      "(SELECT min (seq) FROM events WHERE subject_kind = 'resource')"), ==, 1);
  g_assert_cmpint (query_int (target, "SELECT count (*) FROM blobs"), ==, first->blobs_added);
  g_assert_cmpint (query_int (target, "SELECT count (*) FROM blobs b WHERE b.size > 0 AND b.mime_type <> '' AND "
                                      "EXISTS (SELECT 1 FROM resources r WHERE r.blob_sha256 = b.sha256)"),
                   ==, first->blobs_added);
  g_assert_cmpint (query_int (target, "SELECT count (DISTINCT blob_sha256) FROM resources"), ==, first->blobs_added);
  g_assert_cmpuint (first->blobs_added, >, 2 * RESLIB_STORE_IMPORT_ROWS_MAX);
  g_assert_cmpuint (first->blobs_present, ==, 0);

  again = import (target, path, TRUE);
  g_assert_cmpuint (again->unchanged[RESLIB_KIND_RESOURCE], ==, n);
  g_assert_cmpuint (again->blobs_added, ==, 0);
  g_assert_cmpuint (again->blobs_present, ==, first->blobs_added);
  g_assert_cmpint (query_int (target, "SELECT count (*) FROM events WHERE subject_kind = 'resource' AND action = 'import'"),
                   ==, n);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);
  reslib_core_init ();

  g_test_add ("/package-merge/batch-same-as-one-by-one", Fixture, NULL, fixture_set_up,
              test_batch_same_as_one_by_one, fixture_tear_down);
  g_test_add ("/package-merge/batch-preview-rolls-back", Fixture, NULL, fixture_set_up,
              test_batch_preview_rolls_back, fixture_tear_down);
  g_test_add ("/package-merge/rows-many-to-a-statement", Fixture, NULL, fixture_set_up,
              test_rows_many_to_a_statement, fixture_tear_down);
  g_test_add ("/package-merge/import-plans", Fixture, NULL, fixture_set_up, test_import_plans, fixture_tear_down);
  g_test_add ("/package-merge/read-again-verified-pieces", Fixture, NULL, fixture_set_up,
              test_read_again_verified_pieces, fixture_tear_down);
  g_test_add ("/package-merge/added-notes-many-to-a-statement", Fixture, NULL, fixture_set_up,
              test_added_notes_many_to_a_statement, fixture_tear_down);

  return g_test_run ();
}
