/* test-cli-versions.c — `reslib resource replace` and `reslib resource versions`, and a replaced file that
 * comes to the lead in a teacher's contribution: the real binary on stores of its own
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
  char *lead;       /* the lead's data folder */
  char *teacher;    /* a teacher's */
  char *files;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  f->dir = reslib_test_make_tmp_dir ("reslib-cli-versions-XXXXXX");
  f->lead = g_build_filename (f->dir, "lead", NULL);
  f->teacher = g_build_filename (f->dir, "teacher", NULL);
  f->files = g_build_filename (f->dir, "files", NULL);
  g_assert_cmpint (g_mkdir (f->files, 0700), ==, 0);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  reslib_test_rm_rf (f->dir);
  g_free (f->dir);
  g_free (f->lead);
  g_free (f->teacher);
  g_free (f->files);
}

/* `resource versions --json`: the versions, the current one last */
static JsonArray *
versions (const char *data_dir,
          const char *resource,
          JsonNode  **root)
{
  g_autoptr(ReslibCliResult) r = cli_run_in (data_dir, "resource", "versions", resource, "--json", NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  cli_assert_status (r, 0);
  json_parser_load_from_data (parser, r->out, -1, &error);
  g_assert_no_error (error);
  *root = json_node_copy (json_parser_get_root (parser));

  return json_node_get_array (*root);
}

static void
test_replace (Fixture       *f,
              gconstpointer  data)
{
  g_autofree char *project = cli_new_id (cli_run_in (f->lead, "project", "new", "--name", "数控技术专业教学资源库",
                                          "--core-major", "460103:数控技术", NULL));
  g_autofree char *first = reslib_test_write_file (f->files, "讲义.txt", "第一版", -1);
  g_autofree char *second = reslib_test_write_file (f->files, "讲义-第二版.txt", "第二版", -1);
  g_autofree char *resource = cli_new_id (cli_run_in (f->lead, "resource", "add", project, first, NULL));
  g_autoptr(ReslibCliResult) r = NULL;
  g_autoptr(JsonNode) root = NULL;
  JsonArray *list;

  /* Usage errors and bad input */
  r = cli_run_in (f->lead, "resource", "replace", project, resource, NULL);
  cli_assert_status (r, 2);
  g_clear_pointer (&r, reslib_cli_result_free);
  r = cli_run_in (f->lead, "resource", "replace", project, resource, first, NULL);
  cli_assert_status (r, 4);
  g_assert_true (g_str_has_prefix (r->err, "reslib: "));
  g_clear_pointer (&r, reslib_cli_result_free);

  r = cli_run_in (f->lead, "review", "submit", resource, NULL);
  cli_assert_status (r, 0);
  g_clear_pointer (&r, reslib_cli_result_free);
  r = cli_run_in (f->lead, "review", "approve", resource, NULL);
  cli_assert_status (r, 0);
  g_clear_pointer (&r, reslib_cli_result_free);

  r = cli_run_in (f->lead, "resource", "replace", project, resource, second, NULL);
  cli_assert_status (r, 0);
  g_assert_nonnull (strstr (r->out, "Version 2"));
  g_assert_nonnull (strstr (r->out, "讲义-第二版.txt"));
  g_assert_nonnull (strstr (r->err, "back in review"));
  g_clear_pointer (&r, reslib_cli_result_free);

  list = versions (f->lead, resource, &root);
  g_assert_cmpuint (json_array_get_length (list), ==, 2);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (list, 0), "file_name"), ==, "讲义.txt");
  g_assert_false (json_object_get_boolean_member (json_array_get_object_element (list, 0), "current"));
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (list, 1), "file_name"), ==,
                   "讲义-第二版.txt");
  g_assert_true (json_object_get_boolean_member (json_array_get_object_element (list, 1), "current"));

  r = cli_run_in (f->lead, "resource", "versions", resource, NULL);
  cli_assert_status (r, 0);
  g_assert_nonnull (strstr (r->out, "1  讲义.txt"));
  g_assert_nonnull (strstr (r->out, "2  讲义-第二版.txt  (current)"));
}

/* A teacher replaces a file of the lead's project: the contribution brings it to the lead as a new version,
 * and the lead keeps the earlier file as version 1. */
static void
test_contribution (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *project = cli_new_id (cli_run_in (f->lead, "project", "new", "--name", "数控技术专业教学资源库",
                                          "--core-major", "460103:数控技术", NULL));
  g_autofree char *first = reslib_test_write_file (f->files, "课件.txt", "组长的课件", -1);
  g_autofree char *second = reslib_test_write_file (f->files, "课件-新版.txt", "教师改过的课件", -1);
  g_autofree char *progress = g_build_filename (f->dir, "progress.tar", NULL);
  g_autofree char *contribution = g_build_filename (f->dir, "contribution.tar", NULL);
  g_autofree char *resource = cli_new_id (cli_run_in (f->lead, "resource", "add", project, first, NULL));
  g_autoptr(ReslibCliResult) r = NULL;
  g_autoptr(JsonNode) root = NULL;
  JsonArray *list;

  cli_approve (f->lead, resource);
  r = cli_run_in (f->lead, "pack", project, "--kind", "progress", "-o", progress, NULL);
  cli_assert_status (r, 0);
  g_clear_pointer (&r, reslib_cli_result_free);
  r = cli_run_in (f->teacher, "import", progress, "--join", NULL);
  cli_assert_status (r, 0);
  g_clear_pointer (&r, reslib_cli_result_free);
  r = cli_run_in (f->teacher, "resource", "replace", project, resource, second, NULL);
  cli_assert_status (r, 0);
  g_clear_pointer (&r, reslib_cli_result_free);
  r = cli_run_in (f->teacher, "pack", project, "--kind", "contribution", "-o", contribution, NULL);
  cli_assert_status (r, 0);
  g_clear_pointer (&r, reslib_cli_result_free);
  r = cli_run_in (f->lead, "import", contribution, NULL);
  cli_assert_status (r, 0);
  g_clear_pointer (&r, reslib_cli_result_free);
  /* The lead takes the teacher's version with no conflict: the contribution says the teacher made it from
   * the version of the progress package, which the lead still has. */
  {
    g_autofree char *db = g_build_filename (f->lead, "library.db", NULL);
    g_autofree char *conflicts = reslib_test_sql_text (db, "SELECT count(*) FROM conflicts");

    g_assert_cmpstr (conflicts, ==, "0");
  }

  list = versions (f->lead, resource, &root);
  g_assert_cmpuint (json_array_get_length (list), ==, 2);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (list, 0), "file_name"), ==, "课件.txt");
  g_assert_true (json_object_get_boolean_member (json_array_get_object_element (list, 0), "stored"));
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (list, 1), "file_name"), ==,
                   "课件-新版.txt");
  {
    g_autofree char *db = g_build_filename (f->lead, "library.db", NULL);
    g_autofree char *sha = reslib_test_sql_text (db, "SELECT blob_sha256 FROM resources");
    g_autofree char *prefix = g_strndup (sha, 2);
    g_autofree char *blob = g_build_filename (f->lead, "blobs", prefix, sha + 2, NULL);
    g_autofree char *contents = NULL;

    g_assert_true (g_file_get_contents (blob, &contents, NULL, NULL));
    g_assert_cmpstr (contents, ==, "教师改过的课件");
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/cli/versions/replace", Fixture, NULL, fixture_setup, test_replace, fixture_teardown);
  g_test_add ("/cli/versions/contribution", Fixture, NULL, fixture_setup, test_contribution, fixture_teardown);

  return g_test_run ();
}
