/* test-cli-exchange.c — `reslib import` between the lead and teachers (--dry-run, --into --match-by-title,
 * --join) and `reslib conflicts`: the real binary on stores of its own
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
  f->dir = reslib_test_make_tmp_dir ("reslib-cli-exchange-XXXXXX");
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

static JsonNode *
parse_json (const char *text)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);

  return json_node_copy (json_parser_get_root (parser));
}

/* The number of rows of every table, the events, resources and courses, and the number of files of the store in
 * @data_dir. */
static char *
snapshot (const char *data_dir)
{
  g_autofree char *db = g_build_filename (data_dir, "library.db", NULL);
  g_autofree char *blobs = g_build_filename (data_dir, "blobs", NULL);
  g_autofree char *tables = reslib_test_sql_text (db, "SELECT group_concat (name, ' ') FROM "
                                                      "(SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name)");
  g_auto(GStrv) names = g_strsplit (tables, " ", -1);
  g_autoptr(GString) out = g_string_new (NULL);

  for (guint i = 0; names[i] != NULL; i++)
    {
      g_autofree char *count = NULL;
      g_autofree char *sql_count = g_strdup_printf ("SELECT count (*) FROM \"%s\"", names[i]);

      count = reslib_test_sql_text (db, sql_count);
      g_string_append_printf (out, "[%s] %s\n", names[i], count);
    }
  {
    g_autofree char *events = reslib_test_sql_text (db, "SELECT group_concat (seq || action, ',') FROM events");
    g_autofree char *resources = reslib_test_sql_text (db, "SELECT group_concat (id || title || state || coalesce (review_note, ''), ',') FROM resources");
    g_autofree char *courses = reslib_test_sql_text (db, "SELECT group_concat (id || title, ',') FROM courses");

    g_string_append_printf (out, "events %s\nresources %s\ncourses %s\n", events, resources, courses);
  }
  g_string_append_printf (out, "blob files: %u\n", reslib_test_count_files (blobs));

  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* The teacher's own project of the lead's project's name, with the lead's course and point by title, and a
 * resource linked to the point, packed as a contribution. */
static char *
teacher_contribution (Fixture *f)
{
  g_autofree char *project = cli_new_id (cli_run_in (f->teacher, "project", "new", "--name", "数控技术专业教学资源库",
                                          "--core-major", "460103:数控技术", NULL));
  g_autofree char *course = cli_new_id (cli_run_in (f->teacher, "course", "add", project, "--title", "数控车削编程", NULL));
  g_autofree char *node = cli_new_id (cli_run_in (f->teacher, "node", "add", course, "--title", "外圆车削", "--kind", "knowledge", NULL));
  g_autofree char *file = reslib_test_write_file (f->files, "讲义.txt", "外圆车削的要点", -1);
  g_autoptr(ReslibCliResult) added = cli_run_in (f->teacher, "resource", "add", project, file, "--node", node, NULL);
  g_autoptr(ReslibCliResult) packed = NULL;
  char *path = g_build_filename (f->dir, "contribution.tar", NULL);

  cli_assert_status (added, 0);
  packed = cli_run_in (f->teacher, "pack", project, "--kind", "contribution", "-o", path, NULL);
  cli_assert_status (packed, 0);

  return path;
}

/* Regression: `import` of a teacher's own project's contribution made a second project of the same name;
 * `import --into` then failed ("course … already in another project"). Now the first is refused with a
 * hint, and --into --match-by-title links the resource to the lead's point. --dry-run writes nothing. */
static void
test_teacher_own_project (Fixture       *f,
                          gconstpointer  data)
{
  g_autofree char *lead = cli_new_id (cli_run_in (f->lead, "project", "new", "--name", "数控技术专业教学资源库",
                                       "--core-major", "460103:数控技术", NULL));
  g_autofree char *course = cli_new_id (cli_run_in (f->lead, "course", "add", lead, "--title", "数控车削编程", NULL));
  g_autofree char *node = cli_new_id (cli_run_in (f->lead, "node", "add", course, "--title", "外圆车削", "--kind", "knowledge", NULL));
  g_autofree char *path = teacher_contribution (f);
  g_autofree char *before = snapshot (f->lead);
  g_autofree char *after = NULL;
  g_autoptr(ReslibCliResult) r = NULL;
  g_autoptr(JsonNode) json = NULL;
  JsonObject *root;
  JsonArray *items;
  gboolean found_course = FALSE;

  /* Not a second project of the same name: refused, exit 4, a hint, nothing written. */
  r = cli_run_in (f->lead, "import", path, NULL);
  cli_assert_status (r, 4);
  g_assert_true (g_str_has_prefix (r->err, "reslib: "));
  g_assert_nonnull (strstr (r->err, "--into"));
  g_assert_nonnull (strstr (r->err, "--match-by-title"));
  after = snapshot (f->lead);
  g_assert_cmpstr (before, ==, after);
  g_clear_pointer (&r, reslib_cli_result_free);
  g_clear_pointer (&after, g_free);

  /* --match-by-title needs --into; --join with --into is a usage error. */
  r = cli_run_in (f->lead, "import", path, "--match-by-title", NULL);
  cli_assert_status (r, 2);
  g_clear_pointer (&r, reslib_cli_result_free);
  r = cli_run_in (f->lead, "import", path, "--join", "--into", lead, NULL);
  cli_assert_status (r, 2);
  g_clear_pointer (&r, reslib_cli_result_free);

  /* The dry run tells what the import would do, and writes nothing. */
  r = cli_run_in (f->lead, "import", path, "--into", lead, "--match-by-title", "--dry-run", "--json", NULL);
  cli_assert_status (r, 0);
  after = snapshot (f->lead);
  g_assert_cmpstr (before, ==, after);
  json = parse_json (r->out);
  root = json_node_get_object (json);
  g_assert_true (json_object_get_boolean_member (root, "dry_run"));
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (root, "package"), "kind"), ==,
                   "contribution");
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (root, "package"), "same_name_project"),
                   ==, lead);
  items = json_object_get_array_member (root, "items");
  for (guint i = 0; i < json_array_get_length (items); i++)
    {
      JsonObject *item = json_array_get_object_element (items, i);

      if (g_strcmp0 (json_object_get_string_member (item, "kind"), "course") == 0)
        {
          g_assert_cmpstr (json_object_get_string_member (item, "mapped_to"), ==, course);
          g_assert_cmpstr (json_object_get_string_member (item, "outcome"), ==, "unchanged");
          found_course = TRUE;
        }
      if (g_strcmp0 (json_object_get_string_member (item, "kind"), "resource") == 0)
        g_assert_cmpstr (json_object_get_string_member (item, "outcome"), ==, "added");
    }
  g_assert_true (found_course);
  g_clear_pointer (&r, reslib_cli_result_free);
  r = cli_run_in (f->lead, "import", path, "--into", lead, "--match-by-title", "--dry-run", NULL);
  cli_assert_status (r, 0);
  g_assert_nonnull (strstr (r->out, "→"));
  g_clear_pointer (&r, reslib_cli_result_free);

  /* Imported: one course, the resource on the lead's point. */
  r = cli_run_in (f->lead, "import", path, "--into", lead, "--match-by-title", NULL);
  cli_assert_status (r, 0);
  g_clear_pointer (&r, reslib_cli_result_free);
  r = cli_run_in (f->lead, "resource", "list", lead, "--json", NULL);
  cli_assert_status (r, 0);
  g_clear_pointer (&json, json_node_unref);
  json = parse_json (r->out);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (json)), ==, 1);
  g_assert_cmpstr (json_array_get_string_element (json_object_get_array_member (
                     json_array_get_object_element (json_node_get_array (json), 0), "nodes"), 0), ==, node);
  {
    g_autofree char *db = g_build_filename (f->lead, "library.db", NULL);
    g_autofree char *n = reslib_test_sql_text (db, "SELECT count (*) FROM courses");

    g_assert_cmpstr (n, ==, "1");
  }
}

/* Conflicts listed and resolved from the command line; a wrong id or choice is a usage error. */
static void
test_conflicts (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *lead = cli_new_id (cli_run_in (f->lead, "project", "new", "--name", "数控技术专业教学资源库",
                                       "--core-major", "460103:数控技术", NULL));
  g_autofree char *file = reslib_test_write_file (f->files, "课件.txt", "组长的课件", -1);
  g_autofree char *first = g_build_filename (f->dir, "first.tar", NULL);
  g_autofree char *second = g_build_filename (f->dir, "second.tar", NULL);
  g_autofree char *resource = NULL;
  g_autofree char *id = NULL;
  g_autoptr(ReslibCliResult) r = NULL;
  g_autoptr(JsonNode) json = NULL;
  JsonObject *conflict;

  resource = cli_new_id (cli_run_in (f->lead, "resource", "add", lead, file, NULL));
  cli_approve (f->lead, resource);
  r = cli_run_in (f->lead, "pack", lead, "--kind", "progress", "-o", first, NULL);
  cli_assert_status (r, 0);
  g_clear_pointer (&r, reslib_cli_result_free);
  /* The teacher joins from it. */
  r = cli_run_in (f->teacher, "import", first, "--join", NULL);
  cli_assert_status (r, 0);
  g_clear_pointer (&r, reslib_cli_result_free);
  /* Both change the resource's title. */
  r = cli_run_in (f->lead, "resource", "set", resource, "title=组长的标题", NULL);
  cli_assert_status (r, 0);
  g_clear_pointer (&r, reslib_cli_result_free);
  r = cli_run_in (f->teacher, "resource", "set", resource, "title=教师的标题", NULL);
  cli_assert_status (r, 0);
  g_clear_pointer (&r, reslib_cli_result_free);
  r = cli_run_in (f->teacher, "pack", lead, "--kind", "contribution", "-o", second, NULL);
  cli_assert_status (r, 0);
  g_clear_pointer (&r, reslib_cli_result_free);
  r = cli_run_in (f->lead, "import", second, NULL);
  cli_assert_status (r, 0);
  g_assert_nonnull (strstr (r->out, "reslib conflicts"));
  g_clear_pointer (&r, reslib_cli_result_free);

  r = cli_run_in (f->lead, "conflicts", lead, NULL);
  cli_assert_status (r, 0);
  g_assert_nonnull (strstr (r->out, "教师的标题"));
  g_assert_nonnull (strstr (r->out, "title"));
  g_clear_pointer (&r, reslib_cli_result_free);
  r = cli_run_in (f->lead, "conflicts", lead, "--json", NULL);
  cli_assert_status (r, 0);
  json = parse_json (r->out);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (json)), ==, 1);
  conflict = json_array_get_object_element (json_node_get_array (json), 0);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (conflict, "mine"), "title"), ==,
                   "组长的标题");
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (conflict, "theirs"), "title"), ==,
                   "教师的标题");
  id = g_strdup_printf ("%" G_GINT64_FORMAT, json_object_get_int_member (conflict, "id"));
  g_clear_pointer (&r, reslib_cli_result_free);

  r = cli_run_in (f->lead, "conflicts", "resolve", id, "neither", NULL);
  cli_assert_status (r, 2);
  g_clear_pointer (&r, reslib_cli_result_free);
  r = cli_run_in (f->lead, "conflicts", "resolve", "x1", "mine", NULL);
  cli_assert_status (r, 2);
  g_clear_pointer (&r, reslib_cli_result_free);
  r = cli_run_in (f->lead, "conflicts", "resolve", "999", "mine", NULL);
  cli_assert_status (r, 2);
  g_clear_pointer (&r, reslib_cli_result_free);
  r = cli_run_in (f->lead, "conflicts", "resolve", id, "theirs", NULL);
  cli_assert_status (r, 0);
  g_assert_cmpstr (r->out, ==, "");
  g_clear_pointer (&r, reslib_cli_result_free);
  r = cli_run_in (f->lead, "conflicts", lead, NULL);
  cli_assert_status (r, 0);
  g_assert_cmpstr (r->out, ==, "");
  g_clear_pointer (&r, reslib_cli_result_free);
  {
    g_autofree char *db = g_build_filename (f->lead, "library.db", NULL);
    g_autofree char *title = reslib_test_sql_text (db, "SELECT title FROM resources");
    g_autofree char *events = reslib_test_sql_text (db, "SELECT count (*) FROM events WHERE action = 'resolve-conflict'");

    g_assert_cmpstr (title, ==, "教师的标题");
    g_assert_cmpstr (events, ==, "1");
  }
  /* Resolved once. */
  r = cli_run_in (f->lead, "conflicts", "resolve", id, "mine", NULL);
  cli_assert_status (r, 2);
}

/* Whether any record of the package's manifest.json carries base versions. */
static gboolean
has_base_versions (JsonNode *manifest)
{
  JsonObject *root = json_node_get_object (manifest);
  g_autoptr(GList) members = json_object_get_members (root);

  for (GList *l = members; l != NULL; l = l->next)
    {
      JsonNode *node = json_object_get_member (root, l->data);

      if (!JSON_NODE_HOLDS_ARRAY (node))
        continue;
      for (guint i = 0; i < json_array_get_length (json_node_get_array (node)); i++)
        {
          JsonNode *record = json_array_get_element (json_node_get_array (node), i);

          if (JSON_NODE_HOLDS_OBJECT (record) && json_object_has_member (json_node_get_object (record), "base_versions"))
            return TRUE;
        }
    }

  return FALSE;
}

/* `pack --format-version 1`: a teacher's contribution for a lead on a release before format 2, written without
 * base versions and verified as format 1; the default stays 2; anything but 1 or 2, or 2 for another kind than a
 * contribution, is a usage error that writes nothing. */
static void
test_format_version (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *lead = cli_new_id (cli_run_in (f->lead, "project", "new", "--name", "数控技术专业教学资源库",
                                       "--core-major", "460103:数控技术", NULL));
  g_autofree char *file = reslib_test_write_file (f->files, "课件.txt", "组长的课件", -1);
  g_autofree char *progress = g_build_filename (f->dir, "progress.tar", NULL);
  g_autofree char *current = g_build_filename (f->dir, "format-2.tar", NULL);
  g_autofree char *older = g_build_filename (f->dir, "format-1.tar", NULL);
  g_autofree char *refused = g_build_filename (f->dir, "refused.tar", NULL);
  g_autofree char *resource = cli_new_id (cli_run_in (f->lead, "resource", "add", lead, file, NULL));
  static const char * const bad[] = { "0", "3", "x", "", "1x", "-1" };
  g_autoptr(ReslibCliResult) r = NULL;
  g_autoptr(JsonNode) json = NULL;
  g_autoptr(JsonNode) manifest = NULL;

  cli_approve (f->lead, resource);
  r = cli_run_in (f->lead, "pack", lead, "--kind", "progress", "--format-version", "1", "-o", progress, NULL);
  cli_assert_status (r, 0);
  g_clear_pointer (&r, reslib_cli_result_free);
  r = cli_run_in (f->teacher, "import", progress, "--join", NULL);
  cli_assert_status (r, 0);
  g_clear_pointer (&r, reslib_cli_result_free);
  r = cli_run_in (f->teacher, "resource", "set", resource, "title=教师的标题", NULL);
  cli_assert_status (r, 0);
  g_clear_pointer (&r, reslib_cli_result_free);

  /* By default a contribution is of format 2, its records with their bases. */
  r = cli_run_in (f->teacher, "pack", lead, "--kind", "contribution", "-o", current, NULL);
  cli_assert_status (r, 0);
  g_clear_pointer (&r, reslib_cli_result_free);
  manifest = reslib_test_tar_json (current, "data/manifest.json");
  g_assert_cmpint (json_object_get_int_member (json_node_get_object (manifest), "format_version"), ==, 2);
  g_assert_true (has_base_versions (manifest));
  g_clear_pointer (&manifest, json_node_unref);

  r = cli_run_in (f->teacher, "pack", lead, "--kind", "contribution", "--format-version", "1", "-o", older, NULL);
  cli_assert_status (r, 0);
  g_clear_pointer (&r, reslib_cli_result_free);
  manifest = reslib_test_tar_json (older, "data/manifest.json");
  g_assert_cmpint (json_object_get_int_member (json_node_get_object (manifest), "format_version"), ==, 1);
  g_assert_false (has_base_versions (manifest));
  r = cli_run_in (f->teacher, "verify", older, "--json", NULL);
  cli_assert_status (r, 0);
  json = parse_json (r->out);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (json), "format_version"), ==, "1");
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (json), "kind"), ==, "contribution");
  g_clear_pointer (&r, reslib_cli_result_free);
  /* The lead reads it as format 1: without bases, the title changed on both sides or not is a conflict. */
  r = cli_run_in (f->lead, "import", older, NULL);
  cli_assert_status (r, 0);
  g_clear_pointer (&r, reslib_cli_result_free);
  r = cli_run_in (f->lead, "conflicts", lead, NULL);
  cli_assert_status (r, 0);
  g_assert_nonnull (strstr (r->out, "教师的标题"));
  g_clear_pointer (&r, reslib_cli_result_free);

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      r = cli_run_in (f->teacher, "pack", lead, "--kind", "contribution", "--format-version", bad[i], "-o", refused, NULL);
      cli_assert_status (r, 2);
      g_assert_nonnull (strstr (r->err, "not a package format version: use 1 or 2"));
      g_assert_false (g_file_test (refused, G_FILE_TEST_EXISTS));
      g_clear_pointer (&r, reslib_cli_result_free);
    }
  r = cli_run_in (f->lead, "pack", lead, "--kind", "progress", "--format-version", "2", "-o", refused, NULL);
  cli_assert_status (r, 2);
  g_assert_nonnull (strstr (r->err, "Only a contribution can be of format 2"));
  g_assert_false (g_file_test (refused, G_FILE_TEST_EXISTS));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add ("/cli-exchange/teacher-own-project", Fixture, NULL, fixture_setup, test_teacher_own_project,
              fixture_teardown);
  g_test_add ("/cli-exchange/conflicts", Fixture, NULL, fixture_setup, test_conflicts, fixture_teardown);
  g_test_add ("/cli-exchange/format-version", Fixture, NULL, fixture_setup, test_format_version, fixture_teardown);

  return g_test_run ();
}
