/* test-cli-documents.c — `reslib resource set … document=… major_id=… course_id=…`: the documents of the major
 * or a course (人才培养方案, 专业教学标准, 课程标准), shown by `resource list --json` and checked by `validate`;
 * the real binary in a temporary data folder, in English and in Chinese
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <json-glib/json-glib.h>
#include <locale.h>
#include <string.h>

#include "reslib-cli-test.h"
#include "reslib-test-utils.h"

typedef ReslibCliFixture Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  reslib_cli_fixture_setup (f, "reslib-cli-documents-XXXXXX");
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  reslib_cli_fixture_teardown (f);
}

static JsonNode *
parse (const char *text)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);

  return json_node_copy (json_parser_get_root (parser));
}

/* The resource @id as `resource list --json` prints it (transfer full). */
static JsonObject *
resource_json (Fixture    *f,
               const char *project,
               const char *id)
{
  g_autofree char *out = NULL;
  g_autoptr(JsonNode) root = NULL;
  JsonArray *resources;

  g_assert_cmpint (cli_run (f, NULL, &out, "resource", "list", project, "--json", NULL), ==, 0);
  root = parse (out);
  resources = json_node_get_array (root);
  for (guint i = 0; i < json_array_get_length (resources); i++)
    {
      JsonObject *o = json_array_get_object_element (resources, i);

      if (g_strcmp0 (json_object_get_string_member (o, "id"), id) == 0)
        return json_object_ref (o);
    }
  g_assert_not_reached ();
}

/* How many findings of resource.granularity `validate --json` makes about @id. */
static guint
granularity_findings (Fixture    *f,
                      const char *project,
                      const char *id)
{
  g_autoptr(ReslibCliResult) r = cli_run_in (f->data_dir, "validate", project, "--json", NULL);
  g_autoptr(JsonNode) root = parse (r->out);
  JsonArray *findings = json_object_get_array_member (json_node_get_object (root), "findings");
  guint n = 0;

  for (guint i = 0; i < json_array_get_length (findings); i++)
    {
      JsonObject *o = json_array_get_object_element (findings, i);
      JsonObject *subject = json_object_get_object_member (o, "subject");

      if (g_str_equal (json_object_get_string_member (o, "rule"), "resource.granularity") &&
          g_strcmp0 (json_object_get_string_member (subject, "id"), id) == 0)
        {
          g_test_message ("%s — %s", json_object_get_string_member (o, "message"),
                          json_object_get_string_member (o, "hint"));
          n++;
        }
    }

  return n;
}

static char *
add_file (Fixture    *f,
          const char *project,
          const char *name)
{
  g_autofree char *file = reslib_test_write_file (f->dir, name, "一、专业名称及代码\n", -1);
  char *out = NULL;

  g_assert_cmpint (cli_run (f, NULL, &out, "resource", "add", project, file, NULL), ==, 0);
  g_strchomp (out);

  return out;
}

/* Set by code or id, in English or Chinese words; shown by list --json; the rule asks for the home instead
 * of a point; wrong values are refused with a message that says what is wrong. */
static void
test_set (Fixture       *f,
          gconstpointer  data)
{
  const ReslibCliRun zh = { .data_dir = f->data_dir, .language = "zh_CN" };
  g_autofree char *project = NULL, *other = NULL, *course = NULL, *other_course = NULL;
  g_autofree char *plan = NULL, *standard = NULL, *other_assignment = NULL;
  g_autoptr(JsonObject) o = NULL;
  g_autoptr(ReslibCliResult) r = NULL;

  project = cli_ok_id (f, "project", "new", "--name", "数控技术", "--core-major=460103:数控技术", NULL);
  other = cli_ok_id (f, "project", "new", "--name", "护理", "--core-major=520201:护理", NULL);
  course = cli_ok_id (f, "course", "add", project, "--title", "数控车削编程与加工", NULL);
  other_course = cli_ok_id (f, "course", "add", other, "--title", "基础护理", NULL);
  g_assert_cmpint (cli_run (f, NULL, NULL, "course", "set", course, "code=SKJS-01", NULL), ==, 0);
  other_assignment = g_strconcat ("course_id=", other_course, NULL);
  plan = add_file (f, project, "人才培养方案.txt");
  standard = add_file (f, project, "课程标准.txt");

  g_assert_cmpuint (granularity_findings (f, project, plan), ==, 1);

  /* The Chinese term, and the core major by its code */
  g_assert_cmpint (cli_run (f, NULL, NULL, "resource", "set", plan, "document=人才培养方案", "major_id=460103", NULL), ==, 0);
  /* The stored word, and the course by its code */
  g_assert_cmpint (cli_run (f, NULL, NULL, "resource", "set", standard, "document=course-standard", "course_id=SKJS-01",
                            NULL), ==, 0);
  o = resource_json (f, project, plan);
  g_assert_cmpstr (json_object_get_string_member (o, "document"), ==, "programme");
  g_assert_true (g_uuid_string_is_valid (json_object_get_string_member (o, "major_id")));
  g_assert_true (json_object_get_null_member (o, "course_id"));
  g_clear_pointer (&o, json_object_unref);
  o = resource_json (f, project, standard);
  g_assert_cmpstr (json_object_get_string_member (o, "document"), ==, "course-standard");
  g_assert_cmpstr (json_object_get_string_member (o, "course_id"), ==, course);
  g_clear_pointer (&o, json_object_unref);
  g_assert_cmpuint (granularity_findings (f, project, plan), ==, 0);
  g_assert_cmpuint (granularity_findings (f, project, standard), ==, 0);

  /* Without its home: a finding again */
  g_assert_cmpint (cli_run (f, NULL, NULL, "resource", "set", standard, "course_id=", NULL), ==, 0);
  g_assert_cmpuint (granularity_findings (f, project, standard), ==, 1);

  /* An unknown kind, a course of another project, a major that is not the project's: refused (status 2) with
   * a message that says what is wrong, in English and in Chinese; nothing changed. */
  r = cli_run_in (f->data_dir, "resource", "set", standard, "document=教案", NULL);
  cli_assert_status (r, 2);
  g_assert_nonnull (strstr (r->err, "教案"));
  g_assert_nonnull (strstr (r->err, "course-standard"));
  g_clear_pointer (&r, reslib_cli_result_free);
  r = cli_run_in (f->data_dir, "resource", "set", standard, other_assignment, NULL);
  cli_assert_status (r, 2);
  g_assert_nonnull (strstr (r->err, "The project has no course with the code or id"));
  g_clear_pointer (&r, reslib_cli_result_free);
  r = reslib_cli_test_run (&zh, "resource", "set", plan, "major_id=520201", NULL);
  cli_assert_status (r, 2);
  g_assert_nonnull (strstr (r->err, "520201"));
  g_assert_null (strstr (r->err, "The project"));
  g_clear_pointer (&r, reslib_cli_result_free);
  o = resource_json (f, project, standard);
  g_assert_cmpstr (json_object_get_string_member (o, "document"), ==, "course-standard");
  g_assert_true (json_object_get_null_member (o, "course_id"));
  g_clear_pointer (&o, json_object_unref);
  o = resource_json (f, project, plan);
  g_assert_cmpstr (json_object_get_string_member (o, "document"), ==, "programme");
  g_assert_false (json_object_get_null_member (o, "major_id"));
  g_clear_pointer (&o, json_object_unref);

  /* An empty value clears the kind: the resource is an ordinary one again, which needs its point. */
  g_assert_cmpint (cli_run (f, NULL, NULL, "resource", "set", plan, "document=", NULL), ==, 0);
  g_assert_cmpuint (granularity_findings (f, project, plan), ==, 1);

  /* The finding in Chinese names the document kind */
  r = reslib_cli_test_run (&zh, "validate", project, NULL);
  g_test_message ("%s", r->out);
  g_assert_nonnull (strstr (r->out, "（课程标准）未指明所属的本项目课程"));
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add ("/cli/documents/set", Fixture, NULL, fixture_setup, test_set, fixture_teardown);

  return g_test_run ();
}
