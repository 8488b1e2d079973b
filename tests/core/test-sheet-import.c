/* test-sheet-import.c — resources' metadata from a spreadsheet: matched, compared, written at once or
 * not at all, undone in one step
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>

#include "reslib-sheet-columns.h"
#include "reslib-sheet-export.h"
#include "reslib-sheet-import.h"
#include "reslib-sheet-reader.h"
#include "reslib-store-private.h"
#include "reslib-test-utils.h"

typedef struct
{
  char        *dir;
  ReslibStore *store;
  char        *project;
  char        *unit;
  char        *point1;     /* 课程A › 模块1 › 点1 */
  char        *point2;     /* 课程A › 模块1 › 点2 */
  char        *point1b;    /* 课程A › 模块2 › 点1 */
  char        *ids[5];     /* a.txt … e.txt */
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *course = NULL, *module1 = NULL, *module2 = NULL;
  g_autoptr(ReslibImporter) importer = NULL;
  g_autoptr(GError) error = NULL;
  const char *names[] = { "a.txt", "b.txt", "c.txt", "d.txt", "e.txt" };

  f->dir = reslib_test_make_tmp_dir ("sheet-import-XXXXXX");
  {
    g_autofree char *data_dir = g_build_filename (f->dir, "data", NULL);

    f->store = reslib_test_open_store (data_dir);
  }
  f->project = reslib_test_new_project (f->store, "表格导入");
  f->unit = reslib_test_insert (f->store, RESLIB_KIND_UNIT, (const char *[]) { "project_id", "name", "kind", "role", NULL },
                    (const char *[]) { f->project, "示范学校", "higher-vocational", "host" });
  course = reslib_test_insert (f->store, RESLIB_KIND_COURSE, (const char *[]) { "project_id", "title", NULL },
                   (const char *[]) { f->project, "课程A" });
  module1 = reslib_test_insert (f->store, RESLIB_KIND_NODE, (const char *[]) { "project_id", "course_id", "kind", "title", NULL },
                    (const char *[]) { f->project, course, "module", "模块1" });
  module2 = reslib_test_insert (f->store, RESLIB_KIND_NODE, (const char *[]) { "project_id", "course_id", "kind", "title", NULL },
                    (const char *[]) { f->project, course, "module", "模块2" });
  f->point1 = reslib_test_insert (f->store, RESLIB_KIND_NODE,
                      (const char *[]) { "project_id", "course_id", "parent_id", "kind", "title", NULL },
                      (const char *[]) { f->project, course, module1, "knowledge", "点1" });
  f->point2 = reslib_test_insert (f->store, RESLIB_KIND_NODE,
                      (const char *[]) { "project_id", "course_id", "parent_id", "kind", "title", NULL },
                      (const char *[]) { f->project, course, module1, "skill", "点2" });
  f->point1b = reslib_test_insert (f->store, RESLIB_KIND_NODE,
                       (const char *[]) { "project_id", "course_id", "parent_id", "kind", "title", NULL },
                       (const char *[]) { f->project, course, module2, "knowledge", "点1" });

  importer = reslib_importer_new (f->store, f->project);
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *contents = g_strdup_printf ("file %s", names[i]);
      g_autofree char *path = reslib_test_write_file (f->dir, names[i], contents, -1);
      g_autoptr(GFile) file = g_file_new_for_path (path);

      reslib_importer_add_file (importer, file);
    }
  g_assert_true (reslib_job_run (RESLIB_JOB (importer), NULL, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    f->ids[i] = g_strdup (reslib_importer_get_resource_ids (importer)[i]);
  g_assert_true (reslib_store_set_list (f->store, f->ids[1], "authors", (const char *[]) { "王五", NULL }, &error));
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->store);
  reslib_test_rm_rf (f->dir);
  g_free (f->dir);
  g_free (f->project);
  g_free (f->unit);
  g_free (f->point1);
  g_free (f->point2);
  g_free (f->point1b);
  for (guint i = 0; i < G_N_ELEMENTS (f->ids); i++)
    g_free (f->ids[i]);
}

/* The project's resources as JSON objects by id, without their updated_at. */
static GHashTable *
dump (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) list = reslib_store_list (f->store, RESLIB_KIND_RESOURCE, f->project, &error);
  GHashTable *out = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) json_node_unref);

  g_assert_no_error (error);
  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr(ReslibRecord) record = g_list_model_get_item (list, i);
      JsonNode *node = reslib_record_to_json (record);

      json_object_remove_member (json_node_get_object (node), "updated_at");
      g_hash_table_insert (out, g_strdup (reslib_record_get_id (record)), node);
    }

  return out;
}

static void
set_string (GHashTable *state,
            const char *id,
            const char *field,
            const char *value)
{
  json_object_set_string_member (json_node_get_object (g_hash_table_lookup (state, id)), field, value);
}

static void
set_list (GHashTable         *state,
          const char         *id,
          const char         *field,
          const char * const *values)
{
  JsonArray *array = json_array_new ();

  for (guint i = 0; values[i] != NULL; i++)
    json_array_add_string_element (array, values[i]);
  json_object_set_array_member (json_node_get_object (g_hash_table_lookup (state, id)), field, array);
}

static void
assert_same (GHashTable *expected,
             GHashTable *actual)
{
  GHashTableIter iter;
  gpointer key, value;

  g_assert_cmpuint (g_hash_table_size (expected), ==, g_hash_table_size (actual));
  g_hash_table_iter_init (&iter, expected);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      JsonNode *other = g_hash_table_lookup (actual, key);
      g_autofree char *a = json_to_string (value, FALSE);
      g_autofree char *b = other != NULL ? json_to_string (other, FALSE) : NULL;

      g_assert_cmpstr (a, ==, b);
    }
}

static ReslibSheetImport *
run_import (Fixture     *f,
            const char  *path,
            gboolean     dry_run,
            GError     **error)
{
  ReslibSheetImport *import = reslib_sheet_import_new (f->store, f->project, path);

  reslib_sheet_import_set_dry_run (import, dry_run);
  if (!reslib_job_run (RESLIB_JOB (import), NULL, error))
    g_clear_object (&import);

  return import;
}

static ReslibSheetRow *
find_row (ReslibSheetImport *import,
          guint              number)
{
  GPtrArray *rows = reslib_sheet_import_get_rows (import);

  for (guint i = 0; i < rows->len; i++)
    if (((ReslibSheetRow *) g_ptr_array_index (rows, i))->row == number)
      return g_ptr_array_index (rows, i);

  return NULL;
}

static const ReslibSheetChange *
find_change (ReslibSheetRow *row,
             const char     *field)
{
  for (guint i = 0; row != NULL && i < row->changes->len; i++)
    if (g_strcmp0 (((ReslibSheetChange *) g_ptr_array_index (row->changes, i))->field, field) == 0)
      return g_ptr_array_index (row->changes, i);

  return NULL;
}

/* Export-like sheet written by openpyxl → cells edited with openpyxl → dry run → import → the store
 * changed exactly there → undone in one step. */
static void
test_round_trip (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GHashTable) before = dump (f);
  g_autoptr(GHashTable) expected = dump (f);
  g_autoptr(GHashTable) after = NULL;
  g_autoptr(ReslibSheetImport) dry = NULL, real = NULL;
  g_autoptr(ReslibUndoStep) redo = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) spec = g_string_new (NULL);
  g_autofree char *spec_path = NULL, *edits_path = NULL, *sheet = NULL;
  const ReslibSheetChange *change;
  ReslibSheetRow *row;

  if (reslib_test_openpyxl_python () == NULL)
    {
      g_test_skip ("python3 with openpyxl (Debian: python3-openpyxl) is not installed");
      return;
    }

  /* The sheet as the export lays it out: title row, headers, one row per resource. */
  g_string_append (spec, "{\"title\": \"表格导入 资源清单\", \"rows\": [[\"序号\", \"资源名称\", \"类型\", \"所属课程\", "
                         "\"模块\", \"知识点/技能点\", \"作者\", \"所属单位\", \"来源（原创/引用/开放）\", \"审核状态\", "
                         "\"资源编号\", \"文件名\"]");
  for (guint i = 0; i < G_N_ELEMENTS (f->ids); i++)
    {
      g_autoptr(ReslibRecord) r = reslib_store_get (f->store, RESLIB_KIND_RESOURCE, f->ids[i], &error);

      g_assert_no_error (error);
      g_string_append_printf (spec, ", [%u, \"%s\", \"\", \"\", \"\", \"\", \"%s\", \"\", \"原创\", \"草稿\", \"%s\", \"%s\"]",
                              i + 1, reslib_record_get (r, "title"), i == 1 ? "王五" : "",
                              f->ids[i], reslib_record_get (r, "file_name"));
    }
  g_string_append (spec, "]}");
  spec_path = reslib_test_write_file (f->dir, "spec.json", spec->str, -1);
  sheet = reslib_test_make_sheet (f->dir, "清单.xlsx", "table", spec_path);

  /* Row 3 is a.txt, 4 b.txt, 5 c.txt. */
  edits_path = reslib_test_write_file (f->dir, "edits.json",
                                       "{\"edits\": ["
                                       "[3, \"资源名称\", \"新的标题\"],"
                                       "[4, \"作者\", \"张三；李四\"],"
                                       "[4, \"知识点/技能点\", \"点2\"],"
                                       "[5, \"类型\", \"视频\"],"
                                       "[5, \"来源（原创/引用/开放）\", \"引用\"],"
                                       "[5, \"所属单位\", \"示范学校\"],"
                                       "[5, \"模块\", \"模块2\"],"
                                       "[5, \"知识点/技能点\", \"点1\"]"
                                       "]}", -1);
  g_free (reslib_test_make_sheet (f->dir, "清单.xlsx", "edit", edits_path));

  dry = run_import (f, sheet, TRUE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (reslib_sheet_import_get_header_row (dry), ==, 2);
  g_assert_cmpuint (reslib_sheet_import_get_n_errors (dry), ==, 0);
  g_assert_cmpuint (reslib_sheet_import_get_n_rows (dry), ==, 5);
  g_assert_false (reslib_sheet_import_get_applied (dry));
  row = find_row (dry, 3);
  g_assert_nonnull (row);
  g_assert_cmpuint (row->changes->len, ==, 1);
  change = find_change (row, "title");
  g_assert_cmpstr (change->old_value, ==, "a");
  g_assert_cmpstr (change->new_value, ==, "新的标题");
  change = find_change (find_row (dry, 4), "authors");
  g_assert_cmpstr (change->old_value, ==, "王五");
  g_assert_cmpstr (change->new_value, ==, "张三、李四");
  change = find_change (find_row (dry, 4), "nodes");
  g_assert_cmpstr (change->new_value, ==, "课程A › 模块1 › 点2");
  change = find_change (find_row (dry, 5), "nodes");
  g_assert_cmpstr (change->new_value, ==, "课程A › 模块2 › 点1");
  g_assert_cmpuint (find_row (dry, 5)->changes->len, ==, 4);
  /* Nothing written by a dry run. */
  after = dump (f);
  assert_same (before, after);
  g_clear_pointer (&after, g_hash_table_unref);

  real = run_import (f, sheet, FALSE, &error);
  g_assert_no_error (error);
  g_assert_true (reslib_sheet_import_get_applied (real));
  g_assert_cmpuint (reslib_sheet_import_get_rows (real)->len, ==, 3);

  set_string (expected, f->ids[0], "title", "新的标题");
  set_list (expected, f->ids[1], "authors", (const char *[]) { "张三", "李四", NULL });
  set_list (expected, f->ids[1], "nodes", (const char *[]) { f->point2, NULL });
  set_string (expected, f->ids[2], "type", "video");
  set_string (expected, f->ids[2], "origin", "licensed");
  set_string (expected, f->ids[2], "unit_id", f->unit);
  set_list (expected, f->ids[2], "nodes", (const char *[]) { f->point1b, NULL });
  after = dump (f);
  assert_same (expected, after);
  g_clear_pointer (&after, g_hash_table_unref);

  /* The same sheet again changes nothing. */
  {
    g_autoptr(ReslibSheetImport) again = run_import (f, sheet, FALSE, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (reslib_sheet_import_get_rows (again)->len, ==, 0);
    g_assert_cmpuint (reslib_sheet_import_get_n_unchanged (again), ==, 5);
    g_assert_false (reslib_sheet_import_get_applied (again));
  }

  /* One step undoes it all. */
  redo = reslib_store_undo (f->store, reslib_sheet_import_get_undo_step (real), &error);
  g_assert_no_error (error);
  after = dump (f);
  assert_same (before, after);
  g_clear_pointer (&after, g_hash_table_unref);
  g_clear_pointer (&redo, reslib_undo_step_unref);
}

/* Any row's error: nothing is written, and every error is told with its row. */
static void
test_errors (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GHashTable) before = dump (f);
  g_autoptr(GHashTable) after = NULL;
  g_autoptr(ReslibSheetImport) import = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *csv = NULL, *sheet = NULL;
  g_autoptr(GString) text = g_string_new ("\xef\xbb\xbf资源名称,类型,知识点/技能点,所属单位,资源编号,文件名\r\n");

  g_string_append_printf (text, "好的修改,,,,%s,\r\n", f->ids[0]);          /* 2: fine */
  g_string_append (text, "x,,,,no-such-id,\r\n");                            /* 3 */
  g_string_append (text, "x,,,,,nope.txt\r\n");                              /* 4 */
  g_string_append (text, "x,,点1,,,b.txt\r\n");                              /* 5: 点1 twice */
  g_string_append (text, "x,电影,,,,c.txt\r\n");                             /* 6: not a type */
  g_string_append_printf (text, "y,,,,%s,\r\n", f->ids[0]);                 /* 7: same resource as row 2 */
  g_string_append (text, ",,点9,,,d.txt\r\n");                               /* 8: no such point */
  g_string_append (text, ",,,别的学校,,e.txt\r\n");                          /* 9: no such unit */
  g_string_append (text, "\r\n,,,,,\r\n");                                   /* 10, 11: empty */
  csv = reslib_test_write_file (f->dir, "bad.csv", text->str, -1);

  import = run_import (f, csv, FALSE, &error);
  g_assert_no_error (error);
  g_assert_false (reslib_sheet_import_get_applied (import));
  g_assert_null (reslib_sheet_import_get_undo_step (import));
  g_assert_cmpuint (reslib_sheet_import_get_n_rows (import), ==, 8);
  g_assert_cmpuint (reslib_sheet_import_get_n_errors (import), ==, 7);
  g_assert_cmpuint (find_row (import, 2)->errors->len, ==, 0);
  for (guint r = 3; r <= 9; r++)
    {
      ReslibSheetRow *row = find_row (import, r);

      g_assert_nonnull (row);
      g_assert_cmpuint (row->errors->len, ==, 1);
      g_test_message ("row %u: %s", r, (const char *) g_ptr_array_index (row->errors, 0));
    }
  g_assert_nonnull (strstr (g_ptr_array_index (find_row (import, 5)->errors, 0), "课程 › 模块 › 点"));
  g_assert_nonnull (strstr (g_ptr_array_index (find_row (import, 7)->errors, 0), "row 2"));
  g_assert_nonnull (strstr (g_ptr_array_index (find_row (import, 8)->errors, 0), "点9"));
  g_assert_nonnull (strstr (g_ptr_array_index (find_row (import, 9)->errors, 0), "别的学校"));
  after = dump (f);
  assert_same (before, after);

  /* A sheet without a header row. */
  sheet = reslib_test_write_file (f->dir, "none.csv", "a,b\nc,d\n", -1);
  g_clear_object (&import);
  import = run_import (f, sheet, TRUE, &error);
  g_assert_null (import);
  g_assert_error (error, RESLIB_ERROR, RESLIB_ERROR_BAD_FILE);
}

/* Start from a sheet: files beside it, imported with their metadata in one go, undone in one step. */
static void
test_files (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GHashTable) before = dump (f);
  g_autoptr(GHashTable) after = NULL;
  g_autoptr(ReslibSheetImport) import = NULL;
  g_autoptr(ReslibUndoStep) redo = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *csv = NULL;
  g_autofree char *v1 = reslib_test_write_file (f->dir, "batch/视频/第一讲.mp4", "not really a video 1", -1);
  g_autofree char *v2 = reslib_test_write_file (f->dir, "batch/第二讲.txt", "lecture two", -1);
  const char * const *new_ids;

  csv = reslib_test_write_file (f->dir, "batch/清单.csv",
                                "File path,Title,Authors,Keywords,Knowledge/skill point\n"
                                "视频\\第一讲.mp4,第一讲 导论,张三,\"导论, 概述\",课程A › 模块1 › 点1\n"
                                "第二讲.txt,,李四；王五,,\n"
                                "../a.txt,a 的新标题,,,\n", -1);
  import = run_import (f, csv, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (reslib_sheet_import_get_n_errors (import), ==, 0);
  g_assert_true (reslib_sheet_import_get_applied (import));
  new_ids = reslib_sheet_import_get_new_ids (import);
  g_assert_nonnull (new_ids);
  g_assert_cmpuint (g_strv_length ((char **) new_ids), ==, 2);
  {
    g_autoptr(ReslibRecord) first = reslib_store_get (f->store, RESLIB_KIND_RESOURCE, new_ids[0], &error);
    g_autoptr(ReslibRecord) second = reslib_store_get (f->store, RESLIB_KIND_RESOURCE, new_ids[1], &error);
    g_autoptr(ReslibRecord) a = reslib_store_get (f->store, RESLIB_KIND_RESOURCE, f->ids[0], &error);

    g_assert_cmpstr (reslib_record_get (first, "title"), ==, "第一讲 导论");
    g_assert_cmpstr (reslib_record_get (first, "file_name"), ==, "第一讲.mp4");
    g_assert_cmpstr (reslib_record_get_list (first, "authors")[0], ==, "张三");
    g_assert_cmpuint (g_strv_length ((char **) reslib_record_get_list (first, "keywords")), ==, 2);
    g_assert_cmpstr (reslib_record_get_list (first, "nodes")[0], ==, f->point1);
    g_assert_cmpstr (reslib_record_get (second, "title"), ==, "第二讲");
    g_assert_cmpuint (g_strv_length ((char **) reslib_record_get_list (second, "authors")), ==, 2);
    /* ../a.txt is a.txt, already a resource: matched by its file name, not imported again. */
    g_assert_cmpstr (reslib_record_get (a, "title"), ==, "a 的新标题");
  }

  /* Imported again: the files are matched by name, nothing changes. */
  {
    g_autoptr(ReslibSheetImport) again = run_import (f, csv, FALSE, &error);

    g_assert_no_error (error);
    g_assert_null (reslib_sheet_import_get_new_ids (again));
    g_assert_cmpuint (reslib_sheet_import_get_rows (again)->len, ==, 0);
  }

  redo = reslib_store_undo (f->store, reslib_sheet_import_get_undo_step (import), &error);
  g_assert_no_error (error);
  after = dump (f);
  assert_same (before, after);
  g_clear_pointer (&after, g_hash_table_unref);

  /* Redone: the same resources, with the same ids, and the edit, again. */
  {
    g_autoptr(ReslibUndoStep) undo_again = reslib_store_undo (f->store, redo, &error);
    g_autoptr(ReslibRecord) first = NULL, a = NULL;

    g_assert_no_error (error);
    first = reslib_store_get (f->store, RESLIB_KIND_RESOURCE, new_ids[0], &error);
    g_assert_no_error (error);
    g_assert_cmpstr (reslib_record_get (first, "title"), ==, "第一讲 导论");
    a = reslib_store_get (f->store, RESLIB_KIND_RESOURCE, f->ids[0], &error);
    g_assert_cmpstr (reslib_record_get (a, "title"), ==, "a 的新标题");
  }
}

/* What the export writes reads back as no change at all: the list of the sheetout writer, in both formats,
 * with a title a spreadsheet would take for a formula (the CSV guards it), lists and linked points. */
static void
test_export_round_trip (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GHashTable) before = NULL, after = NULL;
  g_autoptr(GError) error = NULL;
  static const char * const names[] = { "list.xlsx", "list.csv" };

  g_assert_true (reslib_store_update (f->store, RESLIB_KIND_RESOURCE, f->ids[0],
                                      (const char *[]) { "title", NULL },
                                      (const char *[]) { "=HYPERLINK(\"x\")", NULL }, &error));
  g_assert_no_error (error);
  g_assert_true (reslib_store_set_list (f->store, f->ids[0], "authors",
                                        (const char *[]) { "张三", "李四", NULL }, &error));
  g_assert_no_error (error);
  g_assert_true (reslib_store_set_list (f->store, f->ids[0], "keywords",
                                        (const char *[]) { "数控", "车削", NULL }, &error));
  g_assert_no_error (error);
  g_assert_true (reslib_store_set_list (f->store, f->ids[0], "nodes",
                                        (const char *[]) { f->point1, f->point2, NULL }, &error));
  g_assert_no_error (error);
  before = dump (f);

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *path = g_build_filename (f->dir, names[i], NULL);
      ReslibSheetFormat format;
      g_autoptr(ReslibSheetExportJob) job = NULL;
      g_autoptr(ReslibSheetImport) import = NULL;

      g_assert_true (reslib_sheet_format_for_path (path, &format));
      job = reslib_sheet_export_job_new (f->store, f->project, path, format);
      g_assert_true (reslib_job_run (RESLIB_JOB (job), NULL, &error));
      g_assert_no_error (error);
      g_assert_cmpuint (reslib_sheet_export_job_get_n_rows (job), ==, G_N_ELEMENTS (f->ids));

      import = run_import (f, path, FALSE, &error);
      g_assert_no_error (error);
      g_assert_nonnull (import);
      g_assert_cmpuint (reslib_sheet_import_get_n_errors (import), ==, 0);
      g_assert_cmpuint (reslib_sheet_import_get_n_rows (import), ==, G_N_ELEMENTS (f->ids));
      g_assert_cmpuint (reslib_sheet_import_get_n_unchanged (import), ==, G_N_ELEMENTS (f->ids));
    }

  after = dump (f);
  assert_same (before, after);
}


/* The round trip: the list as the export writes it (xlsx), cells edited by openpyxl as a
 * teacher would, imported: the store changes exactly there and nowhere else. */
static void
test_export_edit_import (Fixture       *f,
                         gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->dir, "list.xlsx", NULL);
  g_autoptr(ReslibSheetExportJob) job = NULL;
  g_autoptr(ReslibSheetImport) import = NULL;
  g_autoptr(ReslibSheetReader) reader = NULL;
  g_autoptr(GHashTable) expected = NULL, after = NULL;
  g_autoptr(GString) edits = g_string_new ("{\"header_row\": 3, \"edits\": [");
  g_autoptr(GError) error = NULL;
  g_autofree char *edits_path = NULL;
  const char *id_header = reslib_sheet_column_header (reslib_sheet_column (RESLIB_SHEET_COLUMN_ID));
  const char *title_header = reslib_sheet_column_header (reslib_sheet_column (RESLIB_SHEET_COLUMN_TITLE));
  const char *keywords_header = reslib_sheet_column_header (reslib_sheet_column (RESLIB_SHEET_COLUMN_KEYWORDS));
  const char *origin_header = reslib_sheet_column_header (reslib_sheet_column (RESLIB_SHEET_COLUMN_ORIGIN));
  guint row, id_column = G_MAXUINT, row_a = 0, row_c = 0;

  if (reslib_test_openpyxl_python () == NULL)
    {
      g_test_skip ("python3 with openpyxl (Debian: python3-openpyxl) is not installed");
      return;
    }
  expected = dump (f);
  job = reslib_sheet_export_job_new (f->store, f->project, path, RESLIB_SHEET_FORMAT_XLSX);
  g_assert_true (reslib_job_run (RESLIB_JOB (job), NULL, &error));
  g_assert_no_error (error);

  /* Where the export put a.txt and c.txt: found by their ids in the header's id column. */
  reader = reslib_sheet_reader_open (path, NULL, &error);
  g_assert_no_error (error);
  while (reslib_sheet_reader_next_row (reader, &row, &error))
    for (guint c = 0; c < reslib_sheet_reader_get_n_cells (reader); c++)
      {
        const char *text = reslib_sheet_reader_get_cell (reader, c);

        if (row == 3 && g_strcmp0 (text, id_header) == 0)
          id_column = c;
        else if (c == id_column && g_strcmp0 (text, f->ids[0]) == 0)
          row_a = row;
        else if (c == id_column && g_strcmp0 (text, f->ids[2]) == 0)
          row_c = row;
      }
  g_assert_no_error (error);
  g_assert_cmpuint (row_a, >, 3);
  g_assert_cmpuint (row_c, >, 3);

  g_string_append_printf (edits, "[%u, \"%s\", \"齿轮的啮合\"], ", row_a, title_header);
  g_string_append_printf (edits, "[%u, \"%s\", \"齿轮；啮合、传动\"], ", row_a, keywords_header);
  g_string_append_printf (edits, "[%u, \"%s\", \"开放\"]]}", row_c, origin_header);
  edits_path = reslib_test_write_file (f->dir, "edits.json", edits->str, -1);
  g_free (reslib_test_make_sheet (f->dir, "list.xlsx", "edit", edits_path));

  import = run_import (f, path, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (reslib_sheet_import_get_n_errors (import), ==, 0);
  g_assert_cmpuint (reslib_sheet_import_get_n_rows (import), ==, G_N_ELEMENTS (f->ids));
  g_assert_cmpuint (reslib_sheet_import_get_n_changed (import), ==, 2);
  g_assert_cmpuint (reslib_sheet_import_get_n_changes (import), ==, 3);
  g_assert_true (reslib_sheet_import_get_applied (import));

  set_string (expected, f->ids[0], "title", "齿轮的啮合");
  /* Keywords are a set, listed in the store's order. */
  set_list (expected, f->ids[0], "keywords", (const char *[]) { "传动", "啮合", "齿轮", NULL });
  set_string (expected, f->ids[2], "origin", "open");
  after = dump (f);
  assert_same (expected, after);
}

/* The row of the sheet at @path (an export: its headers in row 3) whose id is @id. */
static guint
row_of (const char *path,
        const char *id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ReslibSheetReader) reader = reslib_sheet_reader_open (path, NULL, &error);
  const char *id_header = reslib_sheet_column_header (reslib_sheet_column (RESLIB_SHEET_COLUMN_ID));
  guint row, id_column = G_MAXUINT, found = 0;

  g_assert_no_error (error);
  while (reslib_sheet_reader_next_row (reader, &row, &error))
    for (guint c = 0; c < reslib_sheet_reader_get_n_cells (reader); c++)
      {
        const char *text = reslib_sheet_reader_get_cell (reader, c);

        if (row == 3 && g_strcmp0 (text, id_header) == 0)
          id_column = c;
        else if (c == id_column && g_strcmp0 (text, id) == 0)
          found = row;
      }
  g_assert_no_error (error);
  g_assert_cmpuint (found, >, 3);

  return found;
}

static const char *
header (ReslibSheetColumnId id)
{
  return reslib_sheet_column_header (reslib_sheet_column (id));
}

/* The columns 标签, 1+X证书 and 网址: an export imports as no change (xlsx and CSV); cells edited with
 * openpyxl change the tags (a list split on ；, with 1+X for the certificate), the certificate and an online
 * resource's address; an address on a resource with a file is refused, naming its row, and nothing is written. */
static void
test_tags_url (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) before = NULL, after = NULL;
  g_autofree char *online = reslib_store_add_online_resource (f->store, f->project, "在线仿真",
                                                              "https://mooc.example.edu.cn/sim/1", &error);
  static const char * const names[] = { "same.xlsx", "same.csv" };

  g_assert_no_error (error);
  g_assert_true (reslib_store_set_list (f->store, f->ids[0], "tags", (const char *[]) { "思政", "职业培训", NULL },
                                        &error));
  g_assert_true (reslib_store_update (f->store, RESLIB_KIND_RESOURCE, f->ids[0], (const char *[]) { "certificate", NULL },
                                      (const char *[]) { "老年照护" }, &error));
  g_assert_no_error (error);
  before = dump (f);

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *same = g_build_filename (f->dir, names[i], NULL);
      ReslibSheetFormat format;
      g_autoptr(ReslibSheetExportJob) job = NULL;
      g_autoptr(ReslibSheetImport) import = NULL;

      g_assert_true (reslib_sheet_format_for_path (same, &format));
      job = reslib_sheet_export_job_new (f->store, f->project, same, format);
      g_assert_true (reslib_job_run (RESLIB_JOB (job), NULL, &error));
      g_assert_no_error (error);
      import = run_import (f, same, FALSE, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (reslib_sheet_import_get_n_errors (import), ==, 0);
      g_assert_cmpuint (reslib_sheet_import_get_n_unchanged (import), ==, G_N_ELEMENTS (f->ids) + 1);
    }
  after = dump (f);
  assert_same (before, after);
  g_clear_pointer (&after, g_hash_table_unref);

  if (reslib_test_openpyxl_python () == NULL)
    {
      g_test_skip ("python3 with openpyxl (Debian: python3-openpyxl) is not installed");
      return;
    }
  for (guint round = 0; round < 2; round++)
    {
      g_autofree char *name = g_strdup_printf ("list%u.xlsx", round);
      g_autofree char *path = g_build_filename (f->dir, name, NULL);
      g_autoptr(ReslibSheetExportJob) job = reslib_sheet_export_job_new (f->store, f->project, path,
                                                                         RESLIB_SHEET_FORMAT_XLSX);
      g_autoptr(ReslibSheetImport) import = NULL;
      g_autoptr(GString) edits = g_string_new ("{\"header_row\": 3, \"edits\": [");
      g_autofree char *edits_path = NULL;

      g_assert_true (reslib_job_run (RESLIB_JOB (job), NULL, &error));
      g_assert_no_error (error);
      if (round == 0)
        {
          guint row_a = row_of (path, f->ids[0]), row_online = row_of (path, online);

          g_string_append_printf (edits, "[%u, \"%s\", \"创新创业；1+X\"], ", row_a, header (RESLIB_SHEET_COLUMN_TAGS));
          g_string_append_printf (edits, "[%u, \"%s\", \"建筑信息模型(BIM)\"], ", row_a,
                                  header (RESLIB_SHEET_COLUMN_CERTIFICATE));
          g_string_append_printf (edits, "[%u, \"%s\", \"https://mooc.example.edu.cn/sim/2\"]]}", row_online,
                                  header (RESLIB_SHEET_COLUMN_URL));
        }
      else
        g_string_append_printf (edits, "[%u, \"%s\", \"https://mooc.example.edu.cn/sim/3\"]]}", row_of (path, f->ids[1]),
                                header (RESLIB_SHEET_COLUMN_URL));
      edits_path = reslib_test_write_file (f->dir, "edits.json", edits->str, -1);
      g_free (reslib_test_make_sheet (f->dir, name, "edit", edits_path));

      import = run_import (f, path, FALSE, &error);
      g_assert_no_error (error);
      after = dump (f);
      if (round == 0)
        {
          g_assert_cmpuint (reslib_sheet_import_get_n_errors (import), ==, 0);
          g_assert_cmpuint (reslib_sheet_import_get_n_changed (import), ==, 2);
          set_list (before, f->ids[0], "tags", (const char *[]) { "entrepreneurship", NULL });
          set_string (before, f->ids[0], "certificate", "建筑信息模型(BIM)");
          set_string (before, online, "url", "https://mooc.example.edu.cn/sim/2");
        }
      else
        {
          ReslibSheetRow *row = find_row (import, row_of (path, f->ids[1]));

          g_assert_cmpuint (reslib_sheet_import_get_n_errors (import), ==, 1);
          g_assert_false (reslib_sheet_import_get_applied (import));
          g_assert_nonnull (row);
          g_assert_cmpuint (row->errors->len, ==, 1);
          g_test_message ("row %u: %s", row->row, (const char *) g_ptr_array_index (row->errors, 0));
          g_assert_nonnull (strstr (g_ptr_array_index (row->errors, 0), header (RESLIB_SHEET_COLUMN_URL)));
        }
      assert_same (before, after);
      g_clear_pointer (&after, g_hash_table_unref);
    }
}

static guint
count_sql (Fixture    *f,
           const char *sql)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *n = _reslib_store_query_text (f->store, sql, NULL, &error);

  g_assert_no_error (error);
  return (guint) g_ascii_strtoull (n, NULL, 10);
}

/* Every resource's rows in both search indexes hold what the triggers would have written. */
static void
assert_index_current (Fixture *f)
{
  guint n = count_sql (f, "SELECT count (*) FROM resources");

  g_assert_cmpuint (count_sql (f, "SELECT count (*) FROM resources r JOIN resource_fts i ON i.rowid = r.rowid "
                                  "JOIN resource_search_names s ON s.rid = r.rowid "
                                  "WHERE i.title IS r.title AND i.description IS r.description "
                                  "AND i.file_name IS r.file_name AND i.names IS s.names "
                                  "AND i.keywords IS coalesce ((SELECT group_concat "
                                  "(keyword, ' ') FROM resource_keywords k WHERE k.resource_id = r.id), '')"), ==, n);
  g_assert_cmpuint (count_sql (f, "SELECT count (*) FROM resource_search_text t JOIN resource_bigrams b "
                                  "ON b.rowid = t.rid WHERE b.grams IS reslib_bigrams (t.text)"), ==, n);
  g_assert_cmpuint (count_sql (f, "SELECT count (*) FROM sqlite_master WHERE type = 'trigger' AND name IN "
                                  "('resources_fts_update', 'resource_keywords_insert', 'resource_keywords_delete', "
                                  "'resource_authors_insert_fts', 'resource_authors_update_fts', "
                                  "'resource_authors_delete_fts', 'resource_nodes_insert_fts', "
                                  "'resource_nodes_delete_fts')"),
                    ==, 8);
}

static guint
count_hits (Fixture    *f,
            const char *query)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) hits = reslib_store_search (f->store, f->project, query, 100, &error);

  g_assert_no_error (error);
  return g_list_model_get_n_items (hits);
}

/* The rows are written in one batch: the search indexes are brought up to date once (their
 * triggers are back afterwards), each resource gets one audit event with all it changed, and the
 * undo step puts fields, keywords and indexes back. */
static void
test_batch (Fixture       *f,
            gconstpointer  data)
{
  g_autofree char *path = reslib_test_write_file (f->dir, "batch.csv",
                                                  "\xef\xbb\xbf文件名,简介,关键词,作者\r\n"
                                                  "a.txt,讲解蜗杆传动的啮合原理,蜗杆、齿轮,欧阳修\r\n"
                                                  "b.txt,讲解液压回路,液压,\r\n", -1);
  g_autoptr(ReslibSheetImport) import = NULL;
  g_autoptr(ReslibUndoStep) inverse = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) before = dump (f);
  guint events = count_sql (f, "SELECT count (*) FROM events");

  g_assert_true (reslib_store_set_list (f->store, f->ids[1], "keywords", (const char *[]) { "气动", NULL }, &error));
  g_assert_no_error (error);
  g_clear_pointer (&before, g_hash_table_unref);
  before = dump (f);
  events = count_sql (f, "SELECT count (*) FROM events");
  g_assert_cmpuint (count_hits (f, "气动"), ==, 1);

  import = run_import (f, path, FALSE, &error);
  g_assert_no_error (error);
  g_assert_true (reslib_sheet_import_get_applied (import));
  assert_index_current (f);
  g_assert_cmpuint (count_hits (f, "蜗杆"), ==, 1);
  g_assert_cmpuint (count_hits (f, "液压回路"), ==, 1);
  g_assert_cmpuint (count_hits (f, "齿轮"), ==, 1);
  g_assert_cmpuint (count_hits (f, "气动"), ==, 0);
  g_assert_cmpuint (count_hits (f, "欧阳修"), ==, 1);

  /* One event per resource, naming the field and the list it changed. */
  g_assert_cmpuint (count_sql (f, "SELECT count (*) FROM events"), ==, events + 2);
  g_assert_cmpuint (count_sql (f, "SELECT count (*) FROM events WHERE action = 'update' AND "
                                  "json_extract (detail, '$.description') IS NOT NULL AND "
                                  "json_type (detail, '$.keywords') = 'array'"), ==, 2);

  inverse = reslib_store_undo (f->store, reslib_sheet_import_get_undo_step (import), &error);
  g_assert_no_error (error);
  g_assert_nonnull (inverse);
  {
    g_autoptr(GHashTable) after = dump (f);

    assert_same (before, after);
  }
  assert_index_current (f);
  g_assert_cmpuint (count_hits (f, "蜗杆"), ==, 0);
  g_assert_cmpuint (count_hits (f, "欧阳修"), ==, 0);
  g_assert_cmpuint (count_hits (f, "气动"), ==, 1);
}


/* A sheet longer than the rows shown: its rows are written as they are read, yet an error in its last
 * row leaves the store as it was; the rows kept to show stop at RESLIB_SHEET_IMPORT_SHOWN_ROWS of each
 * kind and the others are counted; undone in one step; a run that is not undoable keeps no step. */
#define LONG_ROWS (RESLIB_SHEET_IMPORT_SHOWN_ROWS + 205)

static char *
long_sheet (Fixture    *f,
            const char *name,
            const char *description,
            gboolean    bad_last_row)
{
  g_autoptr(GString) text = g_string_new ("\xef\xbb\xbf文件名,简介\r\n");

  for (guint i = 0; i < LONG_ROWS; i++)
    g_string_append_printf (text, "long-%06u.mp4,%s %u\r\n", i, description, i);
  if (bad_last_row)
    g_string_append (text, "long-000007.mp4,又一次\r\n");

  return reslib_test_write_file (f->dir, name, text->str, (gssize) text->len);
}

static void
test_long (Fixture       *f,
           gconstpointer  data)
{
  g_autofree char *bad = long_sheet (f, "bad.csv", "讲解齿轮箱装配", TRUE);
  g_autofree char *good = long_sheet (f, "good.csv", "讲解齿轮箱装配", FALSE);
  g_autofree char *again = long_sheet (f, "again.csv", "讲解液压站调试", FALSE);
  g_autoptr(ReslibSheetImport) import = NULL;
  g_autoptr(ReslibUndoStep) inverse = NULL;
  g_autoptr(GHashTable) before = NULL;
  g_autoptr(GHashTable) written = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *rows;
  guint events;

  reslib_test_fill_resources_named (f->store, f->project, LONG_ROWS, FALSE, "long");
  before = dump (f);
  events = count_sql (f, "SELECT count (*) FROM events");

  /* The last row is about the resource of row 9: all the rows before it were written, and rolled back. */
  import = run_import (f, bad, FALSE, &error);
  g_assert_no_error (error);
  g_assert_false (reslib_sheet_import_get_applied (import));
  g_assert_null (reslib_sheet_import_get_undo_step (import));
  g_assert_cmpuint (reslib_sheet_import_get_n_rows (import), ==, LONG_ROWS + 1);
  g_assert_cmpuint (reslib_sheet_import_get_n_changed (import), ==, LONG_ROWS);
  g_assert_cmpuint (reslib_sheet_import_get_n_changes (import), ==, LONG_ROWS);
  g_assert_cmpuint (reslib_sheet_import_get_n_errors (import), ==, 1);
  g_assert_cmpuint (reslib_sheet_import_get_n_error_rows (import), ==, 1);
  g_assert_cmpuint (reslib_sheet_import_get_n_hidden (import), ==, LONG_ROWS - RESLIB_SHEET_IMPORT_SHOWN_ROWS);
  rows = reslib_sheet_import_get_rows (import);
  g_assert_cmpuint (rows->len, ==, RESLIB_SHEET_IMPORT_SHOWN_ROWS + 1);
  g_assert_cmpuint (((ReslibSheetRow *) g_ptr_array_index (rows, 0))->row, ==, 2);
  {
    ReslibSheetRow *last = g_ptr_array_index (rows, rows->len - 1);

    g_assert_cmpuint (last->row, ==, LONG_ROWS + 2);
    g_assert_cmpuint (last->errors->len, ==, 1);
    g_assert_cmpstr (g_ptr_array_index (last->errors, 0), ==, "row 9 is about the same resource");
  }
  {
    g_autoptr(GHashTable) after = dump (f);

    assert_same (before, after);
  }
  g_assert_cmpuint (count_sql (f, "SELECT count (*) FROM events"), ==, events);
  assert_index_current (f);
  g_clear_object (&import);

  /* Not undoable (the command line's way): written, no step kept. */
  import = reslib_sheet_import_new (f->store, f->project, good);
  reslib_sheet_import_set_undoable (import, FALSE);
  g_assert_true (reslib_job_run (RESLIB_JOB (import), NULL, &error));
  g_assert_no_error (error);
  g_assert_true (reslib_sheet_import_get_applied (import));
  g_assert_null (reslib_sheet_import_get_undo_step (import));
  g_assert_cmpuint (count_sql (f, "SELECT count (*) FROM resources WHERE description LIKE '讲解齿轮箱装配 %'"), ==,
                    LONG_ROWS);
  g_assert_cmpuint (count_sql (f, "SELECT count (*) FROM events"), ==, events + LONG_ROWS);
  assert_index_current (f);
  g_assert_cmpuint (count_hits (f, "齿轮箱"), ==, 100);
  g_clear_object (&import);
  written = dump (f);

  /* Undoable: the old values are kept chunk by chunk, and the undo puts all of them back. */
  import = run_import (f, again, FALSE, &error);
  g_assert_no_error (error);
  g_assert_true (reslib_sheet_import_get_applied (import));
  g_assert_cmpuint (reslib_undo_step_get_n_records (reslib_sheet_import_get_undo_step (import),
                                                    RESLIB_KIND_RESOURCE), ==, LONG_ROWS);
  g_assert_cmpuint (count_hits (f, "液压站"), ==, 100);
  inverse = reslib_store_undo (f->store, reslib_sheet_import_get_undo_step (import), &error);
  g_assert_no_error (error);
  {
    g_autoptr(GHashTable) after = dump (f);

    assert_same (written, after);
  }
  assert_index_current (f);
  g_assert_cmpuint (count_hits (f, "液压站"), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/sheet-import/round-trip", Fixture, NULL, fixture_set_up, test_round_trip, fixture_tear_down);
  g_test_add ("/sheet-import/errors", Fixture, NULL, fixture_set_up, test_errors, fixture_tear_down);
  g_test_add ("/sheet-import/export-round-trip", Fixture, NULL, fixture_set_up, test_export_round_trip,
              fixture_tear_down);
  g_test_add ("/sheet-import/export-edit-import", Fixture, NULL, fixture_set_up, test_export_edit_import,
              fixture_tear_down);
  g_test_add ("/sheet-import/files", Fixture, NULL, fixture_set_up, test_files, fixture_tear_down);
  g_test_add ("/sheet-import/tags-url", Fixture, NULL, fixture_set_up, test_tags_url, fixture_tear_down);
  g_test_add ("/sheet-import/batch", Fixture, NULL, fixture_set_up, test_batch, fixture_tear_down);
  g_test_add ("/sheet-import/long", Fixture, NULL, fixture_set_up, test_long, fixture_tear_down);

  return g_test_run ();
}
