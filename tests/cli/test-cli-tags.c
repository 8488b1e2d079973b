/* test-cli-tags.c — `reslib resource set … tags=…` and `resource add-online`: a resource's tags, its 1+X
 * certificate and online resources, shown by `resource list --json`; the real binary in a temporary data folder
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
  reslib_cli_fixture_setup (f, "reslib-cli-tags-XXXXXX");
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  reslib_cli_fixture_teardown (f);
}

/* The resources of @project as `resource list --json` prints them (transfer full). */
static JsonArray *
list_json (Fixture    *f,
           const char *project)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;

  g_assert_cmpint (cli_run (f, NULL, &out, "resource", "list", project, "--json", NULL), ==, 0);
  json_parser_load_from_data (parser, out, -1, &error);
  g_assert_no_error (error);

  return json_array_ref (json_node_get_array (json_parser_get_root (parser)));
}

static JsonObject *
find (JsonArray  *resources,
      const char *id)
{
  for (guint i = 0; i < json_array_get_length (resources); i++)
    {
      JsonObject *o = json_array_get_object_element (resources, i);

      if (g_strcmp0 (json_object_get_string_member (o, "id"), id) == 0)
        return o;
    }
  g_assert_not_reached ();
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

static char *
tags_of (JsonObject *resource)
{
  JsonArray *tags = json_object_get_array_member (resource, "tags");
  g_autoptr(GPtrArray) words = g_ptr_array_new ();

  for (guint i = 0; i < json_array_get_length (tags); i++)
    g_ptr_array_add (words, (gpointer) json_array_get_string_element (tags, i));
  g_ptr_array_sort (words, compare_strings);
  g_ptr_array_add (words, NULL);

  return g_strjoinv (",", (char **) words->pdata);
}

static void
test_tags (Fixture       *f,
           gconstpointer  data)
{
  g_autofree char *project = NULL, *file = NULL, *out = NULL, *tags = NULL;
  g_autoptr(JsonArray) first = NULL;
  g_autoptr(JsonArray) second = NULL;
  g_autoptr(JsonArray) third = NULL;
  JsonObject *o;

  project = cli_ok_id (f, "project", "new", "--name", "标签", "--core-major=460103:数控技术", NULL);
  file = reslib_test_write_file (f->dir, "讲义.txt", "外圆车削\n", -1);
  g_assert_cmpint (cli_run (f, NULL, &out, "resource", "add", project, file, NULL), ==, 0);
  g_strchomp (out);

  /* Lists split on , ， 、 ; ；, written in Chinese or as the stored words */
  g_assert_cmpint (cli_run (f, NULL, NULL, "resource", "set", out, "tags=思政，创新创业", NULL), ==, 0);
  first = list_json (f, project);
  o = find (first, out);
  tags = tags_of (o);
  g_assert_cmpstr (tags, ==, "entrepreneurship,ideological");
  g_assert_true (json_object_get_null_member (o, "certificate"));
  g_assert_true (json_object_get_null_member (o, "url"));

  /* 1+X is the certificate, set in the same command in any order; what is not a tag is refused */
  g_assert_cmpint (cli_run (f, NULL, NULL, "resource", "set", out, "tags=vocational-training、1+X",
                        "certificate=数控车铣加工", NULL), ==, 0);
  g_assert_cmpint (cli_run (f, NULL, NULL, "resource", "set", out, "tags=劳动教育", NULL), ==, 2);
  g_assert_cmpint (cli_run (f, NULL, NULL, "resource", "set", out, "url=https://mooc.example.edu.cn/1", NULL), ==, 2);
  second = list_json (f, project);
  o = find (second, out);
  g_clear_pointer (&tags, g_free);
  tags = tags_of (o);
  g_assert_cmpstr (tags, ==, "vocational-training");
  g_assert_cmpstr (json_object_get_string_member (o, "certificate"), ==, "数控车铣加工");

  /* Clearing the list */
  g_assert_cmpint (cli_run (f, NULL, NULL, "resource", "set", out, "tags=", NULL), ==, 0);
  third = list_json (f, project);
  g_clear_pointer (&tags, g_free);
  tags = tags_of (find (third, out));
  g_assert_cmpstr (tags, ==, "");
}

static void
test_add_online (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *project = NULL, *id = NULL, *tags = NULL, *table = NULL;
  g_autoptr(JsonArray) resources = NULL;
  g_autoptr(JsonArray) after = NULL;
  JsonObject *o;

  project = cli_ok_id (f, "project", "new", "--name", "在线", "--core-major=460103:数控技术", NULL);
  g_assert_cmpint (cli_run (f, NULL, &id, "resource", "add-online", project, "数控车床仿真",
                        "https://mooc.example.edu.cn/sim/lathe", "type=simulation", "tags=职业培训;思政", NULL), ==, 0);
  g_strchomp (id);
  g_assert_true (g_uuid_string_is_valid (id));
  resources = list_json (f, project);
  g_assert_cmpuint (json_array_get_length (resources), ==, 1);
  o = find (resources, id);
  g_assert_cmpstr (json_object_get_string_member (o, "url"), ==, "https://mooc.example.edu.cn/sim/lathe");
  g_assert_true (json_object_get_null_member (o, "blob_sha256"));
  g_assert_cmpstr (json_object_get_string_member (o, "file_name"), ==, "lathe");
  g_assert_cmpstr (json_object_get_string_member (o, "type"), ==, "simulation");
  tags = tags_of (o);
  g_assert_cmpstr (tags, ==, "ideological,vocational-training");

  /* All or nothing: a bad address (bad data: 4), a bad field or a bad tag (usage: 2) adds nothing */
  g_assert_cmpint (cli_run (f, NULL, NULL, "resource", "add-online", project, "仿真", "mooc.example.edu.cn/sim", NULL), ==, 4);
  g_assert_cmpint (cli_run (f, NULL, NULL, "resource", "add-online", project, "仿真", "javascript:alert(1)", NULL), ==, 4);
  g_assert_cmpint (cli_run (f, NULL, NULL, "resource", "add-online", project, "仿真", "https://mooc.example.edu.cn/2",
                        "type=movie", NULL), ==, 2);
  g_assert_cmpint (cli_run (f, NULL, NULL, "resource", "add-online", project, "仿真", "https://mooc.example.edu.cn/2",
                        "tags=劳动教育", NULL), ==, 2);
  g_assert_cmpint (cli_run (f, NULL, NULL, "resource", "add-online", project, "仿真", NULL), ==, 2);
  /* Its address can change, not go */
  g_assert_cmpint (cli_run (f, NULL, NULL, "resource", "set", id, "url=", NULL), ==, 2);
  g_assert_cmpint (cli_run (f, NULL, NULL, "resource", "set", id, "url=https://mooc.example.edu.cn/sim/lathe2", NULL), ==, 0);
  after = list_json (f, project);
  g_assert_cmpuint (json_array_get_length (after), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (find (after, id), "url"), ==, "https://mooc.example.edu.cn/sim/lathe2");

  /* The table for people lists it like the others */
  g_assert_cmpint (cli_run (f, NULL, &table, "resource", "list", project, NULL), ==, 0);
  g_assert_nonnull (strstr (table, "数控车床仿真"));
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add ("/cli/tags/set", Fixture, NULL, fixture_setup, test_tags, fixture_teardown);
  g_test_add ("/cli/tags/add-online", Fixture, NULL, fixture_setup, test_add_online, fixture_teardown);

  return g_test_run ();
}
