/* test-cli-review.c — `reslib review approve|reject --reviewer …` (the two-level review with its checklist) and
 * `reslib review log` (listed, as JSON, and exported to CSV and XLSX, read back with openpyxl): the real binary
 * on a store of its own
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "reslib-cli-test.h"
#include "reslib-test-utils.h"

typedef struct
{
  char *dir;
  char *data;
  char *files;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  f->dir = reslib_test_make_tmp_dir ("reslib-cli-review-XXXXXX");
  f->data = g_build_filename (f->dir, "data", NULL);
  f->files = g_build_filename (f->dir, "files", NULL);
  g_assert_cmpint (g_mkdir (f->files, 0700), ==, 0);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  reslib_test_rm_rf (f->dir);
  g_free (f->dir);
  g_free (f->data);
  g_free (f->files);
}

static void
expect (ReslibCliResult *r,
        int     status)
{
  cli_assert_status (r, status);
  if (status != 0)
    g_assert_true (g_str_has_prefix (r->err, "reslib: "));
  reslib_cli_result_free (r);
}

static char *
state_of (Fixture    *f,
          const char *resource)
{
  g_autofree char *db = g_build_filename (f->data, "library.db", NULL);
  g_autofree char *sql = g_strdup_printf ("SELECT state FROM resources WHERE id = '%s'", resource);

  return reslib_test_sql_text (db, sql);
}

static void
test_review (Fixture       *f,
             gconstpointer  data)
{
  g_autofree char *project = cli_new_id (cli_run_in (f->data, "project", "new", "--name", "数控技术专业教学资源库",
                                          "--core-major", "460103:数控技术", NULL));
  g_autofree char *host = cli_new_id (cli_run_in (f->data, "unit", "add", project, "--name", "河南示范职业技术学院", "--kind",
                                       "higher-vocational", "--role", "host", "--host-rank", "1", NULL));
  g_autofree char *partner = cli_new_id (cli_run_in (f->data, "unit", "add", project, "--name", "河南精工数控机床有限公司",
                                          "--kind", "enterprise", "--role", "participant", NULL));
  g_autofree char *lead = cli_new_id (cli_run_in (f->data, "member", "add", project, "--unit", host, "--name", "王建华", NULL));
  g_autofree char *checker = cli_new_id (cli_run_in (f->data, "member", "add", project, "--unit", partner, "--name", "孙工",
                                          NULL));
  g_autofree char *file_a = reslib_test_write_file (f->files, "企业案例.txt", "企业案例", -1);
  g_autofree char *file_b = reslib_test_write_file (f->files, "讲义.txt", "讲义", -1);
  g_autofree char *of_partner = cli_new_id (cli_run_in (f->data, "resource", "add", project, file_a, "--unit", partner, NULL));
  g_autofree char *of_host = cli_new_id (cli_run_in (f->data, "resource", "add", project, file_b, "--unit", host, NULL));
  g_autofree char *csv = g_build_filename (f->dir, "审核记录.csv", NULL);
  g_autofree char *xlsx = g_build_filename (f->dir, "审核记录.xlsx", NULL);
  g_autofree char *txt = g_build_filename (f->dir, "审核记录.txt", NULL);
  g_autofree char *state = NULL;
  g_autofree char *contents = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  ReslibCliResult *r;
  JsonArray *log;
  JsonObject *entry;

  expect (cli_run_in (f->data, "review", "submit", of_partner, of_host, NULL), 0);

  /* Usage errors: exit 2, nothing decided */
  expect (cli_run_in (f->data, "review", "approve", of_partner, "--reviewer", checker, "--level", "3", "--checked", "all",
               NULL), 2);
  expect (cli_run_in (f->data, "review", "approve", of_partner, "--reviewer", checker, "--checked", "美观", NULL), 2);
  expect (cli_run_in (f->data, "review", "approve", of_partner, "--level", "1", NULL), 2);
  expect (cli_run_in (f->data, "review", "submit", of_partner, "--reviewer", checker, NULL), 2);   /* no such option */
  expect (cli_run_in (f->data, "review", "reject", of_partner, "--reviewer", checker, NULL), 2);
  expect (cli_run_in (f->data, "review", "log", project, "-o", txt, NULL), 2);
  g_assert_false (g_file_test (txt, G_FILE_TEST_EXISTS));

  /* The first host cannot approve the participant's resource before its unit's check, with or without
   * --reviewer; an approval needs the whole checklist */
  r = cli_run_in (f->data, "review", "approve", of_partner, "--reviewer", lead, "--checked", "all", NULL);
  cli_assert_status (r, 2);
  g_assert_nonnull (strstr (r->err, "has not passed its unit's review"));
  reslib_cli_result_free (r);
  expect (cli_run_in (f->data, "review", "approve", of_partner, NULL), 2);
  expect (cli_run_in (f->data, "review", "approve", of_partner, "--reviewer", checker, "--checked", "political,copyright",
               NULL), 2);
  state = state_of (f, of_partner);
  g_assert_cmpstr (state, ==, "in-review");
  g_clear_pointer (&state, g_free);

  /* The unit passes it (level 1 by its member's unit), the first host approves it (level 2) */
  expect (cli_run_in (f->data, "review", "approve", of_partner, "--reviewer", checker, "--checked",
               "政治性，科学性、版权", "--note", "本单位已审", NULL), 0);
  state = state_of (f, of_partner);
  g_assert_cmpstr (state, ==, "in-review");
  g_clear_pointer (&state, g_free);
  expect (cli_run_in (f->data, "review", "approve", of_partner, "--reviewer", lead, "--checked", "all", NULL), 0);
  state = state_of (f, of_partner);
  g_assert_cmpstr (state, ==, "approved");
  g_clear_pointer (&state, g_free);

  /* The first host's own resource goes straight to level 2; the host rejects it with two checks passed */
  expect (cli_run_in (f->data, "review", "approve", of_host, "--reviewer", lead, "--level", "1", "--checked", "all", NULL),
          2);
  expect (cli_run_in (f->data, "review", "reject", of_host, "--reviewer", lead, "--checked", "political,scientific",
               "--note", "版权说明缺失", NULL), 0);
  state = state_of (f, of_host);
  g_assert_cmpstr (state, ==, "rejected");

  /* The log, as JSON */
  r = cli_run_in (f->data, "review", "log", project, "--json", NULL);
  cli_assert_status (r, 0);
  json_parser_load_from_data (parser, r->out, -1, &error);
  g_assert_no_error (error);
  reslib_cli_result_free (r);
  log = json_node_get_array (json_parser_get_root (parser));
  g_assert_cmpuint (json_array_get_length (log), ==, 3);
  entry = json_array_get_object_element (log, 0);
  g_assert_cmpint (json_object_get_int_member (entry, "level"), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (entry, "reviewer"), ==, "孙工");
  g_assert_cmpstr (json_object_get_string_member (entry, "unit"), ==, "河南精工数控机床有限公司");
  g_assert_cmpstr (json_object_get_string_member (entry, "decision"), ==, "approve");
  g_assert_cmpstr (json_object_get_string_member (entry, "note"), ==, "本单位已审");
  g_assert_true (json_object_get_boolean_member (json_object_get_object_member (entry, "checks"), "scientific"));
  entry = json_array_get_object_element (log, 2);
  g_assert_cmpint (json_object_get_int_member (entry, "level"), ==, 2);
  g_assert_cmpstr (json_object_get_string_member (entry, "decision"), ==, "reject");
  g_assert_false (json_object_get_boolean_member (json_object_get_object_member (entry, "checks"), "copyright"));
  g_assert_true (json_object_get_boolean_member (json_object_get_object_member (entry, "checks"), "political"));

  /* The log as text */
  r = cli_run_in (f->data, "review", "log", project, NULL);
  cli_assert_status (r, 0);
  g_assert_nonnull (strstr (r->out, "Unit review"));
  g_assert_nonnull (strstr (r->out, "First host's decision"));
  g_assert_nonnull (strstr (r->out, "版权说明缺失"));
  reslib_cli_result_free (r);

  /* Exported: CSV, a header and a row per decision */
  r = cli_run_in (f->data, "review", "log", project, "-o", csv, NULL);
  cli_assert_status (r, 0);
  g_assert_nonnull (strstr (r->out, "3 review decisions"));
  reslib_cli_result_free (r);
  g_assert_true (g_file_get_contents (csv, &contents, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (contents, "\xef\xbb\xbfTime,Resource,Level,Unit,Reviewer,Decision,Political,"
                                             "Scientific,Copyright,Note,Resource ID\r\n"));
  lines = g_strsplit (contents, "\r\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 5);   /* header, three rows, the empty end */
  g_assert_nonnull (strstr (lines[1], "Unit review,河南精工数控机床有限公司,孙工,Approved,Passed,Passed,Passed,"
                                      "本单位已审"));
  g_assert_nonnull (strstr (lines[3], "First host's decision,河南示范职业技术学院,王建华,Rejected,Passed,Passed,"
                                      "Not passed,版权说明缺失"));
  /* Not replaced without --force (as validate -o: a runtime failure) */
  expect (cli_run_in (f->data, "review", "log", project, "-o", csv, NULL), 3);
  expect (cli_run_in (f->data, "review", "log", project, "-o", csv, "--force", NULL), 0);

  /* XLSX, read back by openpyxl */
  expect (cli_run_in (f->data, "review", "log", project, "-o", xlsx, NULL), 0);
  if (reslib_test_openpyxl_python () == NULL)
    {
      g_test_message ("openpyxl is missing: the workbook is not read back");
      return;
    }
  {
    const char *script = "import sys, openpyxl\n"
                         "ws = openpyxl.load_workbook(sys.argv[1]).active\n"
                         "print(ws.title)\n"
                         "for row in ws.iter_rows(values_only=True):\n"
                         "    print('|'.join('' if v is None else str(v) for v in row))\n";
    const char *argv[] = { reslib_test_openpyxl_python (), "-c", script, xlsx, NULL };
    g_autofree char *out = NULL;
    g_autofree char *err = NULL;
    g_auto(GStrv) rows = NULL;
    int status;

    g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err, &status, &error));
    g_assert_no_error (error);
    if (!g_spawn_check_wait_status (status, NULL))
      g_printerr ("%s", err);
    g_assert_true (g_spawn_check_wait_status (status, NULL));
    rows = g_strsplit (out, "\n", -1);
    g_assert_cmpstr (rows[0], ==, "Review Log");
    g_assert_true (g_str_has_prefix (rows[1], "Time|Resource|Level|Unit|Reviewer|Decision|Political|Scientific|"
                                              "Copyright|Note|Resource ID"));
    g_assert_nonnull (strstr (rows[2], "|Unit review|河南精工数控机床有限公司|孙工|Approved|Passed|Passed|Passed|"
                                       "本单位已审|"));
    g_assert_nonnull (strstr (rows[4], "|Rejected|Passed|Passed|Not passed|版权说明缺失|"));
    g_assert_true (g_str_has_suffix (rows[4], of_host));
    g_assert_cmpstr (rows[5], ==, "");
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/cli/review/two-levels-and-log", Fixture, NULL, fixture_setup, test_review, fixture_teardown);

  return g_test_run ();
}
