/* test-sheet-export.c — the resource list (资源清单) as xlsx and CSV, read back by independent readers
 *
 * The workbook is read with python3-openpyxl and the CSV with Python's csv module
 * (check-sheet-export.py), both compared with SQL on the same store; LibreOffice converts the workbook
 * when it is installed.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <locale.h>

#include "reslib-store-resource-rows.h"
#include "reslib-test-utils.h"

/* 2026-01-01 12:00 UTC */
#define FIXED_DATE G_GINT64_CONSTANT (1767268800)

typedef struct
{
  char        *dir;
  ReslibStore *store;
  char        *project;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *data_dir = NULL;

  f->dir = reslib_test_make_tmp_dir ("reslib-test-sheet-XXXXXX");
  data_dir = g_build_filename (f->dir, "store", NULL);
  f->store = reslib_test_open_store (data_dir);
  f->project = reslib_demo_create (f->store, NULL, &error);
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
}

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

/* The demo, a second course with a module and a point that one demo resource also belongs to, a
 * resource whose texts need quoting or guarding, and plain ones without course, authors or unit. */
static char *
fill (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) ids = NULL;
  g_autofree char *course = NULL;
  g_autofree char *module = NULL;
  g_autofree char *point = NULL;
  g_autofree char *sha = g_strnfill (64, 'a');
  gboolean existed;
  char *hostile;

  course = insert (f, RESLIB_KIND_COURSE, (const char * const[]) { "project_id", "title", "position", NULL },
                   (const char * const[]) { f->project, "PLC 编程与调试", "5", NULL });
  module = insert (f, RESLIB_KIND_NODE, (const char * const[]) { "course_id", "kind", "title", NULL },
                   (const char * const[]) { course, "module", "模块一 梯形图", NULL });
  point = insert (f, RESLIB_KIND_NODE, (const char * const[]) { "course_id", "parent_id", "kind", "title", NULL },
                  (const char * const[]) { course, module, "skill", "定时器指令", NULL });
  ids = reslib_store_list_resource_ids (f->store, f->project, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ids->len, >, 3);
  g_assert_true (reslib_store_update_resources (f->store, (const char * const[]) { ids->pdata[1], NULL },
                                                (const char * const[]) { "nodes", NULL },
                                                (const char * const[]) { point, NULL }, &error));
  g_assert_no_error (error);

  g_assert_true (reslib_store_begin (f->store, &error));
  g_assert_true (_reslib_store_add_blob (f->store, sha, 2345678, "application/pdf", &existed, &error));
  g_assert_true (reslib_store_commit (f->store, &error));
  hostile = insert (f, RESLIB_KIND_RESOURCE,
                    (const char * const[]) { "project_id", "blob_sha256", "file_name", "title", "description",
                                             "type", "origin", "license", "license_holder", NULL },
                    (const char * const[]) { f->project, sha, "讲义, 第\"1\"版.pdf", "=HYPERLINK(\"http://x\",\"点我\")",
                                             "第一行\n第二行, 带\"引号\"", "text", "licensed", "CC BY 4.0",
                                             "某某出版社", NULL });
  g_assert_true (reslib_store_set_list (f->store, hostile, "authors", (const char * const[]) { "乙", "甲", NULL },
                                        &error));
  g_assert_no_error (error);
  /* Tags (written in the plan's order), a 1+X certificate and an online resource's address. */
  g_assert_true (reslib_store_set_list (f->store, hostile, "tags", (const char * const[]) { "职业培训", "思政", NULL },
                                        &error));
  g_assert_true (reslib_store_update (f->store, RESLIB_KIND_RESOURCE, hostile, (const char * const[]) { "certificate", NULL },
                                      (const char * const[]) { "老年照护" }, &error));
  g_free (reslib_store_add_online_resource (f->store, f->project, "数控车床仿真", "https://mooc.example.edu.cn/course/42",
                                            &error));
  g_assert_no_error (error);
  reslib_test_fill_resources (f->store, f->project, 40, TRUE);

  return hostile;
}

static void
export (Fixture            *f,
        const char         *path,
        ReslibSheetFormat   format,
        ReslibOutputFlags   flags)
{
  g_autoptr(ReslibSheetExportJob) job = reslib_sheet_export_job_new (f->store, f->project, path, format);
  g_autoptr(GError) error = NULL;

  reslib_sheet_export_job_set_date (job, FIXED_DATE);
  reslib_sheet_export_job_set_flags (job, flags);
  g_assert_true (reslib_job_run (RESLIB_JOB (job), NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (reslib_sheet_export_job_get_n_rows (job), ==,
                    reslib_store_count (f->store, RESLIB_KIND_RESOURCE, f->project, NULL));
}

static char *
joined_headers (gboolean keys)
{
  g_autoptr(GString) out = g_string_new (NULL);

  for (guint i = 0; i < RESLIB_SHEET_N_COLUMNS; i++)
    {
      const ReslibSheetColumn *column = reslib_sheet_column (i);

      if (column->flags & RESLIB_SHEET_COLUMN_IMPORT_ONLY)
        continue;
      if (out->len > 0)
        g_string_append_c (out, '\t');
      g_string_append (out, keys ? column->key : reslib_sheet_column_header (column));
    }

  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* Runs check-sheet-export.py; returns FALSE (and skips) when openpyxl is missing. */
static gboolean
check_with_python (Fixture    *f,
                   const char *xlsx,
                   const char *csv)
{
  g_autofree char *script = g_test_build_filename (G_TEST_DIST, "core", "check-sheet-export.py", NULL);
  g_autofree char *headers = joined_headers (FALSE);
  g_autofree char *keys = joined_headers (TRUE);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;
  int status;
  /* Its #! names Debian's python3, which has python3-openpyxl. */
  const char *argv[] = { script, reslib_store_get_db_path (f->store), f->project, xlsx, csv,
                         "2026-01-01", headers, keys, NULL };

  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, 0, NULL, NULL, &out, &err,
                               &status, &error));
  g_assert_no_error (error);
  g_test_message ("%s%s", out, err);
  if (WIFEXITED (status) && WEXITSTATUS (status) == 77)
    {
      g_test_skip ("python3-openpyxl is needed to read the workbook (build-aux/bootstrap installs it)");
      return FALSE;
    }
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  g_assert_nonnull (strstr (out, "ok: "));

  return TRUE;
}

/* Headers, frozen pane, filter, row count, the cells of every row and the totals agree with SQL on the
 * same store; the CSV holds the same cells. */
static void
test_read_back (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *xlsx = g_build_filename (f->dir, "清单.xlsx", NULL);
  g_autofree char *csv = g_build_filename (f->dir, "清单.csv", NULL);
  g_autofree char *contents = NULL;
  g_autofree char *hostile = NULL;
  gsize len;

  hostile = fill (f);
  export (f, xlsx, RESLIB_SHEET_FORMAT_XLSX, RESLIB_OUTPUT_NONE);
  export (f, csv, RESLIB_SHEET_FORMAT_CSV, RESLIB_OUTPUT_NONE);

  /* What the CSV must hold, whatever the reader: the BOM, CRLF, quoting, and the formula guarded. */
  g_assert_true (g_file_get_contents (csv, &contents, &len, NULL));
  g_assert_true (g_str_has_prefix (contents, "\xef\xbb\xbfNo.,Title,Type,"));
  g_assert_nonnull (strstr (contents, "\"'=HYPERLINK(\"\"http://x\"\",\"\"点我\"\")\""));
  g_assert_nonnull (strstr (contents, "\"第一行\n第二行, 带\"\"引号\"\"\""));
  g_assert_nonnull (strstr (contents, ",2.35,"));
  g_assert_nonnull (strstr (contents, ",乙、甲,"));
  g_assert_nonnull (strstr (contents, hostile));

  check_with_python (f, xlsx, csv);
}

/* The same store and date give the same bytes. */
static void
test_deterministic (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *one = g_build_filename (f->dir, "one.xlsx", NULL);
  g_autofree char *two = g_build_filename (f->dir, "two.xlsx", NULL);
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;
  gsize a_len, b_len;

  g_free (fill (f));
  export (f, one, RESLIB_SHEET_FORMAT_XLSX, RESLIB_OUTPUT_NONE);
  g_usleep (1100 * 1000);
  export (f, two, RESLIB_SHEET_FORMAT_XLSX, RESLIB_OUTPUT_NONE);
  g_assert_true (g_file_get_contents (one, &a, &a_len, NULL));
  g_assert_true (g_file_get_contents (two, &b, &b_len, NULL));
  g_assert_cmpmem (a, a_len, b, b_len);
}

/* An empty project gives the title rows and the header, and totals of nothing. */
static void
test_empty (Fixture       *f,
            gconstpointer  data)
{
  g_autofree char *xlsx = g_build_filename (f->dir, "empty.xlsx", NULL);
  g_autofree char *csv = g_build_filename (f->dir, "empty.csv", NULL);
  g_autofree char *project = reslib_test_new_project (f->store, "空项目");

  g_free (f->project);
  f->project = g_steal_pointer (&project);
  export (f, xlsx, RESLIB_SHEET_FORMAT_XLSX, RESLIB_OUTPUT_NONE);
  export (f, csv, RESLIB_SHEET_FORMAT_CSV, RESLIB_OUTPUT_NONE);
  check_with_python (f, xlsx, csv);
}

static void
cancel_on_progress_cb (ReslibJob            *job,
                       const ReslibProgress *progress,
                       gpointer              user_data)
{
  reslib_job_cancel (job);
}

static void
assert_nothing_named (const char *dir,
                      const char *prefix)
{
  g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);
  const char *name;

  while ((name = g_dir_read_name (listing)) != NULL)
    g_assert_false (g_str_has_prefix (name, prefix));
}

/* A cancel leaves no file and no temporary file; a file that exists is
 * not replaced unless asked, and stays as it was. */
static void
test_cancel_and_replace (Fixture       *f,
                         gconstpointer  data)
{
  const ReslibSheetFormat formats[] = { RESLIB_SHEET_FORMAT_XLSX, RESLIB_SHEET_FORMAT_CSV };
  const char *names[] = { "cancelled.xlsx", "cancelled.csv" };
  g_autofree char *kept = g_build_filename (f->dir, "kept.csv", NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;

  reslib_test_fill_resources (f->store, f->project, 2500, TRUE);
  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    {
      g_autofree char *path = g_build_filename (f->dir, names[i], NULL);
      g_autoptr(ReslibSheetExportJob) job = reslib_sheet_export_job_new (f->store, f->project, path, formats[i]);
      g_autoptr(GCancellable) cancellable = g_cancellable_new ();

      g_cancellable_cancel (cancellable);
      g_assert_false (reslib_job_run (RESLIB_JOB (job), cancellable, &error));
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
      g_clear_error (&error);
      assert_nothing_named (f->dir, names[i]);

      /* At its first report, once its temporary file is open. */
      g_signal_connect (job, "progress", G_CALLBACK (cancel_on_progress_cb), NULL);
      g_assert_false (reslib_job_run (RESLIB_JOB (job), NULL, &error));
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
      g_clear_error (&error);
      g_assert_cmpuint (reslib_sheet_export_job_get_n_rows (job), <, 2500);
      assert_nothing_named (f->dir, names[i]);
    }

  g_assert_true (g_file_set_contents (kept, "mine", -1, NULL));
  {
    g_autoptr(ReslibSheetExportJob) job = reslib_sheet_export_job_new (f->store, f->project, kept,
                                                                      RESLIB_SHEET_FORMAT_CSV);

    g_assert_false (reslib_job_run (RESLIB_JOB (job), NULL, &error));
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS);
    g_clear_error (&error);
  }
  g_assert_true (g_file_get_contents (kept, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, "mine");
  export (f, kept, RESLIB_SHEET_FORMAT_CSV, RESLIB_OUTPUT_REPLACE);
  g_clear_pointer (&contents, g_free);
  g_assert_true (g_file_get_contents (kept, &contents, NULL, NULL));
  g_assert_true (g_str_has_prefix (contents, "\xef\xbb\xbf"));
}

/* LibreOffice opens the workbook: converted to CSV headless, its cells are the export's. */
static void
test_libreoffice (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *soffice = g_find_program_in_path ("soffice");
  g_autofree char *xlsx = g_build_filename (f->dir, "list.xlsx", NULL);
  g_autofree char *out_dir = g_build_filename (f->dir, "lo", NULL);
  g_autofree char *converted = g_build_filename (out_dir, "list.csv", NULL);
  g_autofree char *profile = NULL;
  g_autofree char *profile_arg = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *hostile = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  if (soffice == NULL)
    {
      g_test_skip ("LibreOffice (soffice) is not installed: the workbook is not opened by it");
      return;
    }
  hostile = fill (f);
  export (f, xlsx, RESLIB_SHEET_FORMAT_XLSX, RESLIB_OUTPUT_NONE);
  profile = g_build_filename (f->dir, "lo-profile", NULL);
  profile_arg = g_strconcat ("-env:UserInstallation=file://", profile, NULL);
  {
    /* 44: comma, 34: quote, 76: UTF-8 */
    const char *argv[] = { soffice, profile_arg, "--headless", "--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76",
                           "--outdir", out_dir, xlsx, NULL };

    g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL,
                                 NULL, NULL, NULL, NULL, &status, &error));
    g_assert_no_error (error);
    g_assert_true (g_spawn_check_wait_status (status, NULL));
  }
  g_assert_true (g_file_get_contents (converted, &contents, NULL, &error));
  g_assert_no_error (error);
  g_assert_nonnull (strstr (contents, "—"));
  g_assert_nonnull (strstr (contents, "No.,Title,Type,Format,Size (MB)"));
  g_assert_nonnull (strstr (contents, hostile));
  /* A string that looks like a formula stays a string. */
  g_assert_nonnull (strstr (contents, "\"=HYPERLINK(\"\"http://x\"\",\"\"点我\"\")\""));
  g_assert_nonnull (strstr (contents, ",2.35,"));
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  /* Not G_TEST_OPTION_ISOLATE_DIRS: the demo sniffs MIME types with the system's database. */
  g_test_init (&argc, &argv, NULL);
  reslib_core_init ();

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/sheet-export/read-back", test_read_back);
  ADD ("/sheet-export/deterministic", test_deterministic);
  ADD ("/sheet-export/empty", test_empty);
  ADD ("/sheet-export/cancel-and-replace", test_cancel_and_replace);
  ADD ("/sheet-export/libreoffice", test_libreoffice);
#undef ADD

  return g_test_run ();
}
