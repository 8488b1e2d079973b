/* test-cli.c — the `reslib` command line, end to end: the real binary in a temporary data folder
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <archive.h>
#include <archive_entry.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <locale.h>
#include <signal.h>
#include <sqlite3.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include "reslib-cli-test.h"
#include "reslib-test-utils.h"

#define ACTOR "测试员"

typedef struct
{
  char *dir;        /* everything of one test */
  char *data_dir;   /* the store */
  char *files;      /* files to import */
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  f->dir = reslib_test_make_tmp_dir ("reslib-cli-XXXXXX");
  f->data_dir = g_build_filename (f->dir, "data", NULL);
  f->files = g_build_filename (f->dir, "files", NULL);
  g_assert_cmpint (g_mkdir (f->files, 0700), ==, 0);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  reslib_test_rm_rf (f->dir);
  g_free (f->dir);
  g_free (f->data_dir);
  g_free (f->files);
}

static char **
make_env (const char *data_dir)
{
  const ReslibCliRun how = { .data_dir = data_dir, .actor = ACTOR };

  return reslib_cli_test_environ (&how);
}

/* Runs `reslib ARGS…` with RESLIB_DATA_DIR set to @data_dir (unset if NULL). */
static ReslibCliResult *
run_argv (const char         *data_dir,
          const char * const *args)
{
  const ReslibCliRun how = { .data_dir = data_dir, .actor = ACTOR };

  return reslib_cli_test_runv (&how, args);
}

static ReslibCliResult *
run_va (const char *data_dir,
        const char *first,
        va_list     ap)
{
  const ReslibCliRun how = { .data_dir = data_dir, .actor = ACTOR };

  return reslib_cli_test_run_va (&how, first, ap);
}

static ReslibCliResult *
run (Fixture    *f,
     const char *first,
     ...)
{
  va_list ap;
  ReslibCliResult *result;

  va_start (ap, first);
  result = run_va (f->data_dir, first, ap);
  va_end (ap);

  return result;
}

static void
assert_ok (ReslibCliResult *r)
{
  if (r->status != 0)
    g_printerr ("stdout: %s\nstderr: %s", r->out, r->err);
  g_assert_cmpint (r->status, ==, 0);
  g_assert_cmpstr (r->err, ==, "");
}

/* A failure: the exit status, nothing on stdout, one line "reslib: …" on stderr. */
static void
assert_fails (ReslibCliResult *r,
              int     status)
{
  if (r->status != status)
    g_printerr ("stdout: %s\nstderr: %s", r->out, r->err);
  g_assert_cmpint (r->status, ==, status);
  g_assert_cmpstr (r->out, ==, "");
  g_assert_true (g_str_has_prefix (r->err, "reslib: "));
  g_assert_true (g_str_has_suffix (r->err, "\n"));
  g_assert_true (strchr (r->err, '\n') == r->err + strlen (r->err) - 1);
  g_assert_cmpuint (strlen (r->err), >, strlen ("reslib: \n"));
}

/* Runs a command that must succeed and returns its stdout. */
static char *
ok (Fixture    *f,
    const char *first,
    ...)
{
  va_list ap;
  g_autoptr(ReslibCliResult) r = NULL;

  va_start (ap, first);
  r = run_va (f->data_dir, first, ap);
  va_end (ap);
  assert_ok (r);

  return g_steal_pointer (&r->out);
}

/* Runs a command that must print one id. */
static char *
ok_id (Fixture    *f,
       const char *first,
       ...)
{
  va_list ap;
  g_autoptr(ReslibCliResult) r = NULL;

  va_start (ap, first);
  r = run_va (f->data_dir, first, ap);
  va_end (ap);
  assert_ok (r);
  g_assert_cmpuint (strlen (r->out), ==, 37);
  g_assert_true (g_uuid_string_is_valid (g_strchomp (r->out)));

  return g_steal_pointer (&r->out);
}

/* Runs a command that must fail with @status and returns its stderr line. */
static char *
fails (Fixture    *f,
       int         status,
       const char *first,
       ...)
{
  va_list ap;
  g_autoptr(ReslibCliResult) r = NULL;

  va_start (ap, first);
  r = run_va (f->data_dir, first, ap);
  va_end (ap);
  assert_fails (r, status);

  return g_steal_pointer (&r->err);
}

static char *
prefix8 (const char *id)
{
  return g_strndup (id, 8);
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

/* `reslib review submit` and `reslib review approve` for every resource of @project not approved yet: a
 * progress or an acceptance package holds approved resources only. */
static void
approve_all (Fixture    *f,
             const char *project)
{
  g_autofree char *out = ok (f, "resource", "list", project, "--json", NULL);
  g_autoptr(JsonNode) json = parse_json (out);
  JsonArray *resources = json_node_get_array (json);
  g_autoptr(GPtrArray) submit = g_ptr_array_new ();
  g_autoptr(GPtrArray) approve = g_ptr_array_new ();

  g_ptr_array_add (submit, (gpointer) "review");
  g_ptr_array_add (submit, (gpointer) "submit");
  g_ptr_array_add (approve, (gpointer) "review");
  g_ptr_array_add (approve, (gpointer) "approve");
  for (guint i = 0; i < json_array_get_length (resources); i++)
    {
      JsonObject *resource = json_array_get_object_element (resources, i);
      const char *state = json_object_get_string_member (resource, "state");
      const char *id = json_object_get_string_member (resource, "id");

      if (g_strcmp0 (state, "draft") == 0 || g_strcmp0 (state, "rejected") == 0)
        g_ptr_array_add (submit, (gpointer) id);
      if (g_strcmp0 (state, "approved") != 0)
        g_ptr_array_add (approve, (gpointer) id);
    }
  g_ptr_array_add (submit, NULL);
  g_ptr_array_add (approve, NULL);
  if (submit->len > 3)
    {
      g_autoptr(ReslibCliResult) r = run_argv (f->data_dir, (const char * const *) submit->pdata);

      assert_ok (r);
    }
  if (approve->len > 3)
    {
      g_autoptr(ReslibCliResult) r = run_argv (f->data_dir, (const char * const *) approve->pdata);

      assert_ok (r);
    }
}

static char *
db_path (Fixture *f)
{
  return g_build_filename (f->data_dir, "library.db", NULL);
}

/* Every row of every table of the store in @data_dir, as text: equal before and after a failed command
 * means nothing in the store changed. */
static char *
snapshot_of (const char *data_dir)
{
  g_autofree char *path = g_build_filename (data_dir, "library.db", NULL);
  g_autofree char *blobs = g_build_filename (data_dir, "blobs", NULL);
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GPtrArray) tables = g_ptr_array_new_with_free_func (g_free);
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;

  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    return g_strdup ("(no store)");

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name", -1,
                                       &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (tables, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
  sqlite3_finalize (stmt);

  for (guint i = 0; i < tables->len; i++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT * FROM \"%s\"", (char *) g_ptr_array_index (tables, i));

      g_string_append_printf (out, "[%s]\n", (char *) g_ptr_array_index (tables, i));
      g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        {
          for (int c = 0; c < sqlite3_column_count (stmt); c++)
            {
              const void *blob = sqlite3_column_blob (stmt, c);
              int len = sqlite3_column_bytes (stmt, c);
              g_autofree char *hex = NULL;

              if (blob != NULL)
                hex = g_compute_checksum_for_data (G_CHECKSUM_SHA1, blob, len);
              g_string_append_printf (out, "%s|", hex ? hex : "NULL");
            }
          g_string_append_c (out, '\n');
        }
      sqlite3_finalize (stmt);
    }
  sqlite3_close (db);
  g_string_append_printf (out, "blob files: %u\n", reslib_test_count_files (blobs));

  return g_string_free (g_steal_pointer (&out), FALSE);
}

static char *
snapshot (Fixture *f)
{
  return snapshot_of (f->data_dir);
}

static char *
sql_text (Fixture    *f,
          const char *sql)
{
  g_autofree char *path = db_path (f);

  return reslib_test_sql_text (path, sql);
}

static char *
write_file (Fixture    *f,
            const char *name,
            const char *contents)
{
  return reslib_test_write_file (f->files, name, contents, -1);
}

static char *
new_project (Fixture    *f,
             const char *name)
{
  return ok_id (f, "project", "new", "--name", name, "--core-major", "460103:数控技术", "--start", "2025-09-01", NULL);
}

static char *
file_digest (const char *path)
{
  g_autofree char *contents = NULL;
  gsize len = 0;

  g_assert_true (g_file_get_contents (path, &contents, &len, NULL));

  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) contents, len);
}

/* How many files in @dir have a name that starts with @prefix. */
static guint
count_prefixed (const char *dir,
                const char *prefix)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;
  guint n = 0;

  g_assert_nonnull (d);
  while ((name = g_dir_read_name (d)) != NULL)
    if (g_str_has_prefix (name, prefix))
      n++;

  return n;
}

/* Any one blob file of the store. */
static char *
find_blob (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  if (d == NULL)
    return NULL;
  while ((name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      char *found;

      if (strcmp (name, "tmp") == 0 || g_str_has_prefix (name, "trash"))
        continue;
      if (g_file_test (path, G_FILE_TEST_IS_REGULAR))
        return g_steal_pointer (&path);
      if (g_file_test (path, G_FILE_TEST_IS_DIR) && (found = find_blob (path)) != NULL)
        return found;
    }

  return NULL;
}

/* ---------------------------------------------------------------------------------------------- */

static void
test_usage (Fixture       *f,
            gconstpointer  data)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  out = ok (f, "--help", NULL);
  g_assert_nonnull (strstr (out, "project new"));
  g_assert_nonnull (strstr (out, "resource search"));
  g_assert_nonnull (strstr (out, "--data-dir"));
  g_clear_pointer (&out, g_free);

  out = ok (f, "--version", NULL);
  g_assert_cmpstr (out, ==, "reslib " PACKAGE_VERSION "\n");
  g_clear_pointer (&out, g_free);

  out = ok (f, "project", "new", "--help", NULL);
  g_assert_nonnull (strstr (out, "--core-major"));
  g_assert_nonnull (strstr (out, "reslib project new"));
  g_clear_pointer (&out, g_free);

  out = ok (f, "resource", "--help", NULL);
  g_assert_nonnull (strstr (out, "resource add"));
  g_clear_pointer (&out, g_free);

  out = ok (f, "review", "reject", "--help", NULL);
  g_assert_nonnull (strstr (out, "--note"));
  g_clear_pointer (&out, g_free);

  err = fails (f, 2, NULL);
  g_assert_nonnull (strstr (err, "reslib --help"));
  g_clear_pointer (&err, g_free);
  err = fails (f, 2, "frobnicate", NULL);
  g_assert_nonnull (strstr (err, "“frobnicate”"));
  g_assert_nonnull (strstr (err, "Try “reslib --help”."));
  g_clear_pointer (&err, g_free);
  err = fails (f, 2, "--frobnicate", "project", "list", NULL);
  g_clear_pointer (&err, g_free);
  err = fails (f, 2, "project", NULL);
  g_clear_pointer (&err, g_free);
  err = fails (f, 2, "project", "frobnicate", NULL);
  g_clear_pointer (&err, g_free);
  err = fails (f, 2, "project", "list", "--frobnicate", NULL);
  g_assert_nonnull (strstr (err, "Try “reslib project list --help”."));
  g_clear_pointer (&err, g_free);
  err = fails (f, 2, "project", "list", "extra", NULL);
  g_clear_pointer (&err, g_free);
  err = fails (f, 2, "project", "new", "--name", NULL);
  g_clear_pointer (&err, g_free);
  err = fails (f, 2, "project", "new", "--name", "x", NULL);
  g_assert_nonnull (strstr (err, "--core-major"));
  g_clear_pointer (&err, g_free);
  err = fails (f, 2, "--data-dir", "", "project", "list", NULL);
  g_clear_pointer (&err, g_free);


  /* None of these needed the store, so none made it. */
  g_assert_false (g_file_test (f->data_dir, G_FILE_TEST_EXISTS));
}

static void
test_data_dir_option (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *other = g_build_filename (f->dir, "other", NULL);
  g_autofree char *out = NULL;
  g_autoptr(ReslibCliResult) r = NULL;

  /* --data-dir wins over RESLIB_DATA_DIR. */
  r = run (f, "--data-dir", other, "project", "new", "--name", "A", "--core-major", "510201:计算机应用技术", NULL);
  assert_ok (r);
  g_clear_pointer (&r, reslib_cli_result_free);
  r = run (f, "--data-dir", other, "project", "list", NULL);
  assert_ok (r);
  g_assert_nonnull (strstr (r->out, "A\n"));
  g_assert_true (g_file_test (other, G_FILE_TEST_IS_DIR));
  out = ok (f, "project", "list", NULL);
  g_assert_cmpstr (out, ==, "");
  g_clear_pointer (&r, reslib_cli_result_free);

  /* Without either, nothing here is touched. */
  r = run_argv (NULL, (const char * const[]) { "--data-dir", f->data_dir, "project", "list", NULL });
  assert_ok (r);
  g_assert_cmpstr (r->out, ==, "");
}

static void
test_project (Fixture       *f,
              gconstpointer  data)
{
  g_autofree char *id = NULL;
  g_autofree char *out = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *err = NULL;
  g_autoptr(JsonNode) json = NULL;
  JsonObject *project;
  JsonArray *majors;
  static const char * const bad_dates[] = { "2025-13-01", "2025-02-30", "tomorrow", "2025-9-1", "" };
  static const char * const bad_majors[] = { "510201", ":x", "51 02:x", "510201:", "" };

  id = ok_id (f, "project", "new", "--name", "数控技术专业教学资源库", "--core-major", "460103:数控技术",
              "--level", "higher", "--start", "2025-09-01", NULL);
  g_strchomp (id);

  out = ok (f, "project", "list", NULL);
  g_assert_nonnull (strstr (out, "数控技术专业教学资源库"));
  g_assert_nonnull (strstr (out, "2025-09-01"));
  g_assert_true (g_str_has_prefix (out, "ID "));
  g_clear_pointer (&out, g_free);

  out = ok (f, "project", "list", "--json", NULL);
  json = parse_json (out);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (json)), ==, 1);
  project = json_array_get_object_element (json_node_get_array (json), 0);
  g_assert_cmpstr (json_object_get_string_member (project, "id"), ==, id);
  g_assert_cmpstr (json_object_get_string_member (project, "name"), ==, "数控技术专业教学资源库");
  g_assert_cmpstr (json_object_get_string_member (project, "level"), ==, "higher");
  g_assert_cmpstr (json_object_get_string_member (project, "start_date"), ==, "2025-09-01");
  g_assert_cmpstr (json_object_get_string_member (project, "end_date"), ==, "2026-08-31");
  g_clear_pointer (&json, json_node_unref);
  g_clear_pointer (&out, g_free);

  /* By name, by prefix, in full. */
  out = ok (f, "project", "show", "数控技术专业教学资源库", "--json", NULL);
  json = parse_json (out);
  project = json_node_get_object (json);
  g_assert_cmpstr (json_object_get_string_member (project, "id"), ==, id);
  majors = json_object_get_array_member (project, "majors");
  g_assert_cmpuint (json_array_get_length (majors), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (majors, 0), "role"), ==, "core");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (majors, 0), "code"), ==, "460103");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (majors, 0), "name"), ==, "数控技术");
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (project, "resources"), "total"), ==, 0);
  g_clear_pointer (&json, json_node_unref);
  g_clear_pointer (&out, g_free);
  {
    g_autofree char *p = prefix8 (id);
    out = ok (f, "project", "show", p, NULL);
    g_assert_nonnull (strstr (out, "数控技术专业教学资源库"));
    g_assert_nonnull (strstr (out, "460103"));
    g_clear_pointer (&out, g_free);
  }

  /* set: several fields in one go */
  out = ok (f, "project", "set", id, "description=面向智能制造", "contact_name=王老师", "contact-email=w@example.org",
            NULL);
  g_assert_cmpstr (out, ==, "");
  g_clear_pointer (&out, g_free);
  out = ok (f, "project", "show", id, "--json", NULL);
  json = parse_json (out);
  project = json_node_get_object (json);
  g_assert_cmpstr (json_object_get_string_member (project, "description"), ==, "面向智能制造");
  g_assert_cmpstr (json_object_get_string_member (project, "contact_name"), ==, "王老师");
  g_assert_cmpstr (json_object_get_string_member (project, "contact_email"), ==, "w@example.org");
  g_clear_pointer (&json, json_node_unref);
  g_clear_pointer (&out, g_free);

  /* Failures change nothing, not even the valid half of a set. */
  before = snapshot (f);
  err = fails (f, 2, "project", "set", id, "description=changed", "colour=blue", NULL);
  g_assert_nonnull (strstr (err, "colour"));
  g_clear_pointer (&err, g_free);
  err = fails (f, 2, "project", "set", id, "description=changed", "start_date=2025-02-30", NULL);
  g_clear_pointer (&err, g_free);
  err = fails (f, 2, "project", "set", id, "level=university", NULL);
  g_clear_pointer (&err, g_free);
  err = fails (f, 2, "project", "set", id, "name=", NULL);
  g_clear_pointer (&err, g_free);
  err = fails (f, 2, "project", "set", id, "created_at=2020-01-01", NULL);
  g_clear_pointer (&err, g_free);
  err = fails (f, 2, "project", "set", id, "description", NULL);
  g_clear_pointer (&err, g_free);
  err = fails (f, 2, "project", "set", id, NULL);
  g_clear_pointer (&err, g_free);
  err = fails (f, 2, "project", "show", "ffffffff", NULL);
  g_assert_nonnull (strstr (err, "ffffffff"));
  g_clear_pointer (&err, g_free);
  err = fails (f, 2, "project", "show", "no such project", NULL);
  g_clear_pointer (&err, g_free);

  for (guint i = 0; i < G_N_ELEMENTS (bad_dates); i++)
    {
      err = fails (f, 2, "project", "new", "--name", "X", "--core-major", "510201:计算机应用技术",
                   "--start", bad_dates[i], NULL);
      if (*bad_dates[i] != '\0')
        g_assert_nonnull (strstr (err, bad_dates[i]));
      g_clear_pointer (&err, g_free);
    }
  for (guint i = 0; i < G_N_ELEMENTS (bad_majors); i++)
    {
      err = fails (f, 2, "project", "new", "--name", "X", "--core-major", bad_majors[i], NULL);
      g_clear_pointer (&err, g_free);
    }
  err = fails (f, 2, "project", "new", "--name", "X", "--core-major", "510201:计算机应用技术", "--level", "primary",
               NULL);
  g_assert_nonnull (strstr (err, "primary"));
  g_clear_pointer (&err, g_free);
  err = fails (f, 2, "project", "new", "--name", "", "--core-major", "510201:计算机应用技术", NULL);
  g_clear_pointer (&err, g_free);
  err = fails (f, 2, "project", "new", "--name", "bad\xff", "--core-major", "510201:计算机应用技术", NULL);
  g_clear_pointer (&err, g_free);

  after = snapshot (f);
  g_assert_cmpstr (before, ==, after);

  /* The level defaults to higher; no start date, no end date. */
  g_clear_pointer (&id, g_free);
  id = ok_id (f, "project", "new", "--name", "Second", "--core-major", "510201:计算机应用技术", "--level",
              "secondary", NULL);
  g_strchomp (id);
  out = ok (f, "project", "show", "Second", "--json", NULL);
  json = parse_json (out);
  project = json_node_get_object (json);
  g_assert_cmpstr (json_object_get_string_member (project, "level"), ==, "secondary");
  g_assert_true (json_object_get_null_member (project, "start_date"));
  g_clear_pointer (&json, json_node_unref);
  g_clear_pointer (&out, g_free);

  out = ok (f, "project", "list", "--json", NULL);
  json = parse_json (out);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (json)), ==, 2);
}

/* Finds the first child of @array whose @member is @value. */
static JsonObject *
find_object (JsonArray  *array,
             const char *member,
             const char *value)
{
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *object = json_array_get_object_element (array, i);

      if (g_strcmp0 (json_object_get_string_member_with_default (object, member, NULL), value) == 0)
        return object;
    }

  return NULL;
}

static void
test_structure (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *project = new_project (f, "数控技术专业教学资源库");
  g_autofree char *major = NULL;
  g_autofree char *host = NULL;
  g_autofree char *partner = NULL;
  g_autofree char *member = NULL;
  g_autofree char *course = NULL;
  g_autofree char *module = NULL;
  g_autofree char *chapter = NULL;
  g_autofree char *point = NULL;
  g_autofree char *skill = NULL;
  g_autofree char *host8 = NULL;
  g_autofree char *course8 = NULL;
  g_autofree char *module8 = NULL;
  g_autofree char *chapter8 = NULL;
  g_autofree char *out = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *err = NULL;
  g_autoptr(JsonNode) json = NULL;
  JsonObject *object, *unit, *node;
  JsonArray *nodes, *children;

  g_strchomp (project);
  major = ok_id (f, "major", "add", project, "--served", "460104:工业机器人技术", NULL);
  host = ok_id (f, "unit", "add", project, "--name", "河南工业职业技术学院", "--kind", "higher-vocational", "--role",
                "host", "--credit-code", "12410000MB0123456X", "--host-rank", "1", NULL);
  partner = ok_id (f, "unit", "add", project, "--name", "郑州数控机床有限公司", "--kind", "enterprise", "--role",
                   "participant", NULL);
  g_strchomp (host);
  host8 = prefix8 (host);
  member = ok_id (f, "member", "add", project, "--unit", host8, "--name", "李明", "--title", "教授", "--duty",
                  "项目负责人", NULL);
  course = ok_id (f, "course", "add", project, "--title", "数控编程与加工", NULL);
  g_strchomp (course);
  course8 = prefix8 (course);
  module = ok_id (f, "node", "add", course8, "--title", "数控车床编程", "--kind", "module", NULL);
  g_strchomp (module);
  module8 = prefix8 (module);
  chapter = ok_id (f, "node", "add", course8, "--title", "G代码基础", "--kind", "chapter", "--parent", module8, NULL);
  g_strchomp (chapter);
  chapter8 = prefix8 (chapter);
  point = ok_id (f, "node", "add", course, "--title", "G01直线插补", "--kind", "knowledge", "--parent", chapter8, NULL);
  skill = ok_id (f, "node", "add", course, "--title", "对刀操作", "--kind", "skill", "--parent", module, NULL);
  g_strchomp (point);
  g_strchomp (skill);

  out = ok (f, "project", "show", project, "--json", NULL);
  json = parse_json (out);
  object = json_node_get_object (json);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (object, "majors")), ==, 2);
  g_assert_nonnull (find_object (json_object_get_array_member (object, "majors"), "role", "served"));
  g_assert_cmpstr (json_object_get_string_member (find_object (json_object_get_array_member (object, "majors"),
                                                               "role", "served"), "code"), ==, "460104");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (object, "units")), ==, 2);
  unit = find_object (json_object_get_array_member (object, "units"), "id", host);
  g_assert_nonnull (unit);
  g_assert_cmpstr (json_object_get_string_member (unit, "role"), ==, "host");
  g_assert_cmpstr (json_object_get_string_member (unit, "credit_code"), ==, "12410000MB0123456X");
  g_assert_cmpint (json_object_get_int_member (unit, "host_rank"), ==, 1);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (object, "members")), ==, 1);
  node = json_array_get_object_element (json_object_get_array_member (object, "members"), 0);
  g_assert_cmpstr (json_object_get_string_member (node, "name"), ==, "李明");
  g_assert_cmpstr (json_object_get_string_member (node, "unit_id"), ==, host);
  g_assert_cmpstr (json_object_get_string_member (node, "title"), ==, "教授");

  /* The course tree: module → (chapter → knowledge point), skill point */
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (object, "courses")), ==, 1);
  node = json_array_get_object_element (json_object_get_array_member (object, "courses"), 0);
  g_assert_cmpstr (json_object_get_string_member (node, "title"), ==, "数控编程与加工");
  g_assert_cmpstr (json_object_get_string_member (node, "kind"), ==, "standardized");
  nodes = json_object_get_array_member (node, "nodes");
  g_assert_cmpuint (json_array_get_length (nodes), ==, 1);
  node = json_array_get_object_element (nodes, 0);
  g_assert_cmpstr (json_object_get_string_member (node, "id"), ==, module);
  children = json_object_get_array_member (node, "children");
  g_assert_cmpuint (json_array_get_length (children), ==, 2);
  node = find_object (children, "id", chapter);
  g_assert_nonnull (node);
  g_assert_cmpstr (json_object_get_string_member (node, "kind"), ==, "chapter");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (node, "children")), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (
                     json_object_get_array_member (node, "children"), 0), "id"), ==, point);
  g_assert_nonnull (find_object (children, "id", skill));
  g_clear_pointer (&json, json_node_unref);
  g_clear_pointer (&out, g_free);

  out = ok (f, "project", "show", project, NULL);
  g_assert_nonnull (strstr (out, "工业机器人技术"));
  g_assert_nonnull (strstr (out, "郑州数控机床有限公司"));
  g_assert_nonnull (strstr (out, "李明"));
  g_assert_nonnull (strstr (out, "G01直线插补"));
  g_assert_nonnull (strstr (out, "对刀操作"));
  g_clear_pointer (&out, g_free);

  /* Bad values and references change nothing. */
  before = snapshot (f);
  err = fails (f, 2, "unit", "add", project, "--name", "X", "--kind", "school", "--role", "host", NULL);
  g_assert_nonnull (strstr (err, "school"));
  g_clear_pointer (&err, g_free);
  err = fails (f, 2, "unit", "add", project, "--name", "X", "--kind", "enterprise", "--role", "sponsor", NULL);
  g_clear_pointer (&err, g_free);
  err = fails (f, 2, "unit", "add", project, "--name", "X", "--kind", "enterprise", NULL);
  g_clear_pointer (&err, g_free);
  err = fails (f, 2, "unit", "add", project, "--name", "X", "--kind", "enterprise", "--role", "host", "--host-rank",
               "first", NULL);
  g_clear_pointer (&err, g_free);
  err = fails (f, 2, "member", "add", project, "--unit", "ffffffff", "--name", "X", NULL);
  g_clear_pointer (&err, g_free);
  err = fails (f, 2, "member", "add", project, "--unit", course8, "--name", "X", NULL);
  g_clear_pointer (&err, g_free);
  err = fails (f, 2, "course", "add", project, "--title", "X", "--kind", "lecture", NULL);
  g_clear_pointer (&err, g_free);
  err = fails (f, 2, "course", "add", project, NULL);
  g_clear_pointer (&err, g_free);
  err = fails (f, 2, "node", "add", course, "--title", "X", "--kind", "lesson", NULL);
  g_clear_pointer (&err, g_free);
  err = fails (f, 2, "node", "add", course, "--title", "X", "--kind", "module", "--parent", "ffffffff", NULL);
  g_clear_pointer (&err, g_free);
  err = fails (f, 2, "node", "add", "ffffffff", "--title", "X", "--kind", "module", NULL);
  g_clear_pointer (&err, g_free);
  err = fails (f, 2, "major", "add", project, "--served", "460104", NULL);
  g_clear_pointer (&err, g_free);
  err = fails (f, 2, "major", "add", project, NULL);
  g_clear_pointer (&err, g_free);
  after = snapshot (f);
  g_assert_cmpstr (before, ==, after);

  /* A node of another course cannot be a parent. */
  {
    g_autofree char *other = ok_id (f, "course", "add", project, "--title", "数控机床维修", "--kind", "training", NULL);

    g_strchomp (other);
    g_free (before);
    before = snapshot (f);
    err = fails (f, 2, "node", "add", other, "--title", "X", "--kind", "module", "--parent", module8, NULL);
    g_clear_pointer (&err, g_free);
    g_free (after);
    after = snapshot (f);
    g_assert_cmpstr (before, ==, after);
  }
}

/* Makes 17 courses, so that some first character of their ids is shared. */
static void
test_ambiguous (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *project = new_project (f, "P");
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree char *shared = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *err = NULL;

  g_strchomp (project);
  for (guint i = 0; i < 17; i++)
    {
      g_autofree char *title = g_strdup_printf ("课程 %u", i);
      g_autofree char *id = ok_id (f, "course", "add", project, "--title", title, NULL);
      g_autofree char *first = g_strndup (id, 1);

      if (shared == NULL && g_hash_table_contains (seen, first))
        shared = g_strdup (first);
      g_hash_table_add (seen, g_steal_pointer (&first));
    }
  g_assert_nonnull (shared);

  before = snapshot (f);
  err = fails (f, 2, "node", "add", shared, "--title", "X", "--kind", "module", NULL);
  g_assert_nonnull (strstr (err, "more than one"));
  g_clear_pointer (&err, g_free);
  err = fails (f, 2, "node", "add", "", "--title", "X", "--kind", "module", NULL);
  g_clear_pointer (&err, g_free);
  err = fails (f, 2, "node", "add", "zz", "--title", "X", "--kind", "module", NULL);
  g_clear_pointer (&err, g_free);
  after = snapshot (f);
  g_assert_cmpstr (before, ==, after);
}

typedef struct
{
  char *project;
  char *unit;
  char *course;
  char *module;
  char *chapter;
  char *point;
} Library;

static void
library_clear (Library *lib)
{
  g_free (lib->project);
  g_free (lib->unit);
  g_free (lib->course);
  g_free (lib->module);
  g_free (lib->chapter);
  g_free (lib->point);
}

static void
make_library (Fixture *f,
              Library *lib)
{
  lib->project = g_strchomp (new_project (f, "数控技术专业教学资源库"));
  lib->unit = g_strchomp (ok_id (f, "unit", "add", lib->project, "--name", "河南工业职业技术学院", "--kind",
                                 "higher-vocational", "--role", "host", "--host-rank", "1", NULL));
  lib->course = g_strchomp (ok_id (f, "course", "add", lib->project, "--title", "数控编程与加工", NULL));
  lib->module = g_strchomp (ok_id (f, "node", "add", lib->course, "--title", "数控车床编程", "--kind", "module",
                                   NULL));
  lib->chapter = g_strchomp (ok_id (f, "node", "add", lib->course, "--title", "G代码", "--kind", "chapter",
                                    "--parent", lib->module, NULL));
  lib->point = g_strchomp (ok_id (f, "node", "add", lib->course, "--title", "G01", "--kind", "knowledge",
                                  "--parent", lib->chapter, NULL));
}

static JsonArray *
list_resources (Fixture    *f,
                const char *project,
                JsonNode  **root)
{
  g_autofree char *out = ok (f, "resource", "list", project, "--json", NULL);

  *root = parse_json (out);
  return json_node_get_array (*root);
}

static char **
search_ids (Fixture    *f,
            const char *project,
            const char *query,
            const char *limit)
{
  g_autofree char *out = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GStrvBuilder) ids = g_strv_builder_new ();
  JsonArray *array;

  if (limit != NULL)
    out = ok (f, "resource", "search", project, query, "--json", "--limit", limit, NULL);
  else
    out = ok (f, "resource", "search", project, query, "--json", NULL);
  root = parse_json (out);
  array = json_node_get_array (root);
  for (guint i = 0; i < json_array_get_length (array); i++)
    g_strv_builder_add (ids, json_object_get_string_member (json_array_get_object_element (array, i), "id"));

  return g_strv_builder_end (ids);
}

static guint
count_lines (const char *text)
{
  guint n = 0;

  for (const char *p = text; *p; p++)
    n += *p == '\n';

  return n;
}

/* What the steps of test_resources () share: the library, the files added and the resources they gave. */
typedef struct
{
  Library  lib;
  char    *a;              /* lathe.txt */
  char    *folder;         /* 课件/ */
  char    *single;         /* the resource of lathe.txt */
  GStrv    folder_ids;     /* the resources of the folder's files */
  char    *chapter_one;    /* the resource of 第一章 数控车床概述.txt */
} Resources;

static void
resources_clear (Resources *r)
{
  library_clear (&r->lib);
  g_free (r->a);
  g_free (r->folder);
  g_free (r->single);
  g_strfreev (r->folder_ids);
  g_free (r->chapter_one);
}

/* One file with every field given, and a folder (its hidden file left out). */
static void
resources_add (Fixture   *f,
               Resources *r)
{
  g_autofree char *unit8 = prefix8 (r->lib.unit);
  g_autofree char *module8 = prefix8 (r->lib.module);
  g_autofree char *out = NULL;

  write_file (f, "课件/第一章 数控车床概述.txt", "数控车床的组成");
  write_file (f, "课件/图片/刀具.png", "\x89PNG\r\n\x1a\n0000");
  write_file (f, "课件/图片/深层/程序.nc", "O0001\nG00 X0\n");
  write_file (f, "课件/.DS_Store", "hidden");

  r->single = ok_id (f, "resource", "add", r->lib.project, r->a, "--title", "数控机床操作规范", "--type", "text",
                     "--node", module8, "--author", "张三", "--author", "李四", "--keywords", "数控,安全，规范",
                     "--unit", unit8, "--origin", "licensed", "--description", "Safety rules for the lathe workshop",
                     NULL);
  g_strchomp (r->single);

  out = ok (f, "resource", "add", r->lib.project, r->folder, "--author", "王五", NULL);
  r->folder_ids = g_strsplit (g_strchomp (out), "\n", -1);
  g_assert_cmpuint (g_strv_length (r->folder_ids), ==, 3);
  for (guint i = 0; r->folder_ids[i] != NULL; i++)
    g_assert_true (g_uuid_string_is_valid (r->folder_ids[i]));
  g_clear_pointer (&out, g_free);
}

/* The resources as a list and as JSON, with every field. */
static void
resources_check_listed (Fixture   *f,
                        Resources *r)
{
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *out = NULL;
  JsonArray *list;
  JsonObject *res;
  JsonArray *array;

  /* plain list: a header and one line per resource */
  out = ok (f, "resource", "list", r->lib.project, NULL);
  g_assert_cmpuint (count_lines (out), ==, 5);
  {
    g_autofree char *p = prefix8 (r->single);
    g_autofree char *pattern = g_strdup_printf ("(?m)^%s  Draft +Text +数控机床操作规范$", p);

    /* A table for people: the values are labels (scripts read --json). */
    g_assert_true (g_regex_match_simple (pattern, out, 0, 0));
  }
  g_assert_nonnull (strstr (out, "第一章 数控车床概述"));
  g_clear_pointer (&out, g_free);

  list = list_resources (f, r->lib.project, &root);
  g_assert_cmpuint (json_array_get_length (list), ==, 4);
  res = find_object (list, "id", r->single);
  g_assert_nonnull (res);
  g_assert_cmpstr (json_object_get_string_member (res, "project_id"), ==, r->lib.project);
  g_assert_cmpstr (json_object_get_string_member (res, "title"), ==, "数控机床操作规范");
  g_assert_cmpstr (json_object_get_string_member (res, "file_name"), ==, "lathe.txt");
  g_assert_cmpstr (json_object_get_string_member (res, "type"), ==, "text");
  g_assert_cmpstr (json_object_get_string_member (res, "origin"), ==, "licensed");
  g_assert_cmpstr (json_object_get_string_member (res, "state"), ==, "draft");
  g_assert_cmpstr (json_object_get_string_member (res, "unit_id"), ==, r->lib.unit);
  g_assert_cmpstr (json_object_get_string_member (res, "description"), ==, "Safety rules for the lathe workshop");
  g_assert_cmpint (json_object_get_int_member (res, "size"), ==, strlen ("G01 X10 Z-5 F0.2\n"));
  g_assert_cmpuint (strlen (json_object_get_string_member (res, "blob_sha256")), ==, 64);
  array = json_object_get_array_member (res, "authors");
  g_assert_cmpuint (json_array_get_length (array), ==, 2);
  g_assert_cmpstr (json_array_get_string_element (array, 0), ==, "张三");
  g_assert_cmpstr (json_array_get_string_element (array, 1), ==, "李四");
  array = json_object_get_array_member (res, "keywords");
  g_assert_cmpuint (json_array_get_length (array), ==, 3);
  array = json_object_get_array_member (res, "nodes");
  g_assert_cmpuint (json_array_get_length (array), ==, 1);
  g_assert_cmpstr (json_array_get_string_element (array, 0), ==, r->lib.module);
  res = find_object (list, "file_name", "程序.nc");
  g_assert_nonnull (res);
  g_assert_cmpstr (json_object_get_string_member (res, "title"), ==, "程序");
  g_assert_cmpstr (json_array_get_string_element (json_object_get_array_member (res, "authors"), 0), ==, "王五");
  g_assert_null (find_object (list, "file_name", ".DS_Store"));
  res = find_object (list, "file_name", "刀具.png");
  g_assert_nonnull (res);
  g_assert_cmpstr (json_object_get_string_member (res, "type"), ==, "image");
  res = find_object (list, "file_name", "第一章 数控车床概述.txt");
  g_assert_nonnull (res);
  r->chapter_one = g_strdup (json_object_get_string_member (res, "id"));
  g_assert_true (g_strv_contains ((const char * const *) r->folder_ids, r->chapter_one));
  g_clear_pointer (&root, json_node_unref);
}

static void
resources_check_search (Fixture   *f,
                        Resources *r)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  /* search: Chinese two characters, three and more, a Latin word, and none */
  {
    g_auto(GStrv) ids = search_ids (f, r->lib.project, "数控", NULL);
    g_assert_cmpuint (g_strv_length (ids), ==, 2);
  }
  {
    g_auto(GStrv) ids = search_ids (f, r->lib.project, "机床操作", NULL);
    g_assert_cmpuint (g_strv_length (ids), ==, 1);
    g_assert_cmpstr (ids[0], ==, r->single);
  }
  {
    g_auto(GStrv) ids = search_ids (f, r->lib.project, "车床概述", NULL);
    g_assert_cmpuint (g_strv_length (ids), ==, 1);
    g_assert_cmpstr (ids[0], ==, r->chapter_one);
  }
  {
    g_auto(GStrv) ids = search_ids (f, r->lib.project, "lathe", NULL);
    g_assert_cmpuint (g_strv_length (ids), ==, 1);
    g_assert_cmpstr (ids[0], ==, r->single);
  }
  {
    g_auto(GStrv) ids = search_ids (f, r->lib.project, "规范", NULL);
    g_assert_cmpuint (g_strv_length (ids), ==, 1);
  }
  {
    g_auto(GStrv) ids = search_ids (f, r->lib.project, "数控", "1");
    g_assert_cmpuint (g_strv_length (ids), ==, 1);
  }
  {
    g_auto(GStrv) ids = search_ids (f, r->lib.project, "不存在的内容", NULL);
    g_assert_cmpuint (g_strv_length (ids), ==, 0);
  }
  out = ok (f, "resource", "search", r->lib.project, "数控", NULL);
  g_assert_cmpuint (count_lines (out), ==, 3);
  g_assert_nonnull (strstr (out, "数控机床操作规范"));
  g_clear_pointer (&out, g_free);
  out = ok (f, "resource", "search", r->lib.project, "nothing-matches", NULL);
  g_assert_cmpstr (out, ==, "");
  g_clear_pointer (&out, g_free);
  err = fails (f, 2, "resource", "search", r->lib.project, "x", "--limit", "-1", NULL);
  g_clear_pointer (&err, g_free);
  err = fails (f, 2, "resource", "search", r->lib.project, NULL);
  g_clear_pointer (&err, g_free);
}

static void
resources_check_set (Fixture   *f,
                     Resources *r)
{
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *out = NULL;
  JsonArray *list;
  JsonObject *res;
  JsonArray *array;

  /* set: plain fields, references and lists in one transaction */
  {
    g_autofree char *p = prefix8 (r->single);
    g_autofree char *c8 = prefix8 (r->lib.chapter);
    g_autofree char *nodes = g_strdup_printf ("nodes=%s,%s", c8, r->lib.point);

    out = ok (f, "resource", "set", p, "title=数控车床安全操作", "type=video", "authors=王五, 赵六",
              "keywords=安全，操作", nodes, "description=", "license_holder=河南工业职业技术学院", NULL);
    g_assert_cmpstr (out, ==, "");
    g_clear_pointer (&out, g_free);
  }
  list = list_resources (f, r->lib.project, &root);
  res = find_object (list, "id", r->single);
  g_assert_cmpstr (json_object_get_string_member (res, "title"), ==, "数控车床安全操作");
  g_assert_cmpstr (json_object_get_string_member (res, "type"), ==, "video");
  g_assert_true (json_object_get_null_member (res, "description"));
  g_assert_cmpstr (json_object_get_string_member (res, "license_holder"), ==, "河南工业职业技术学院");
  array = json_object_get_array_member (res, "authors");
  g_assert_cmpuint (json_array_get_length (array), ==, 2);
  g_assert_cmpstr (json_array_get_string_element (array, 0), ==, "王五");
  g_assert_cmpstr (json_array_get_string_element (array, 1), ==, "赵六");
  array = json_object_get_array_member (res, "keywords");
  g_assert_cmpuint (json_array_get_length (array), ==, 2);
  array = json_object_get_array_member (res, "nodes");
  g_assert_cmpuint (json_array_get_length (array), ==, 2);
  g_clear_pointer (&root, json_node_unref);
  {
    g_auto(GStrv) ids = search_ids (f, r->lib.project, "安全操作", NULL);
    g_assert_cmpuint (g_strv_length (ids), ==, 1);
    g_assert_cmpstr (ids[0], ==, r->single);
  }
  {
    /* The description is gone; the file name stays. */
    g_auto(GStrv) ids = search_ids (f, r->lib.project, "workshop", NULL);
    g_auto(GStrv) by_name = search_ids (f, r->lib.project, "lathe", NULL);

    g_assert_cmpuint (g_strv_length (ids), ==, 0);
    g_assert_cmpuint (g_strv_length (by_name), ==, 1);
  }
  out = ok (f, "resource", "set", r->single, "unit_id=", "keywords=", NULL);
  g_clear_pointer (&out, g_free);
  out = ok (f, "resource", "set", r->single, "unit_id=", "keywords=", NULL);
  g_clear_pointer (&out, g_free);
  out = ok (f, "resource", "set", r->single, "unit-id=", NULL);
  g_clear_pointer (&out, g_free);
}

static void
resources_check_refused (Fixture   *f,
                         Resources *r)
{
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *err = NULL;

  /* failed sets change nothing, not even their valid parts */
  before = snapshot (f);
  err = fails (f, 2, "resource", "set", r->single, "title=新", "colour=red", NULL);
  g_assert_nonnull (strstr (err, "colour"));
  g_clear_pointer (&err, g_free);
  err = fails (f, 2, "resource", "set", r->single, "title=新", "type=movie", NULL);
  g_assert_nonnull (strstr (err, "movie"));
  g_clear_pointer (&err, g_free);
  err = fails (f, 2, "resource", "set", r->single, "authors=新作者", "origin=stolen", NULL);
  g_clear_pointer (&err, g_free);
  err = fails (f, 2, "resource", "set", r->single, "title=新", "nodes=ffffffff", NULL);
  g_clear_pointer (&err, g_free);
  err = fails (f, 2, "resource", "set", r->single, "unit_id=ffffffff", NULL);
  g_clear_pointer (&err, g_free);
  err = fails (f, 2, "resource", "set", r->single, "title=", NULL);
  g_clear_pointer (&err, g_free);
  err = fails (f, 2, "resource", "set", r->single, "state=approved", NULL);
  g_clear_pointer (&err, g_free);
  err = fails (f, 2, "resource", "set", r->single, "size=1", NULL);
  g_clear_pointer (&err, g_free);
  err = fails (f, 2, "resource", "set", r->single, "title", NULL);
  g_clear_pointer (&err, g_free);
  err = fails (f, 2, "resource", "set", r->single, "=x", NULL);
  g_clear_pointer (&err, g_free);
  err = fails (f, 2, "resource", "set", "ffffffff", "title=x", NULL);
  g_clear_pointer (&err, g_free);
  err = fails (f, 2, "resource", "set", r->single, "title=bad\xff", NULL);
  g_clear_pointer (&err, g_free);
  err = fails (f, 2, "resource", "add", r->lib.project, r->a, "--type", "movie", NULL);
  g_clear_pointer (&err, g_free);
  err = fails (f, 2, "resource", "add", r->lib.project, r->a, "--origin", "stolen", NULL);
  g_clear_pointer (&err, g_free);
  err = fails (f, 2, "resource", "add", r->lib.project, r->a, "--node", "ffffffff", NULL);
  g_clear_pointer (&err, g_free);
  err = fails (f, 2, "resource", "add", r->lib.project, r->a, "--unit", "ffffffff", NULL);
  g_clear_pointer (&err, g_free);
  err = fails (f, 2, "resource", "add", r->lib.project, r->a, r->folder, "--title", "一个标题", NULL);
  g_clear_pointer (&err, g_free);
  err = fails (f, 2, "resource", "add", r->lib.project, r->folder, "--title", "一个标题", NULL);
  g_clear_pointer (&err, g_free);
  err = fails (f, 2, "resource", "add", "ffffffff", r->a, NULL);
  g_clear_pointer (&err, g_free);
  err = fails (f, 2, "resource", "add", r->lib.project, NULL);
  g_clear_pointer (&err, g_free);
  err = fails (f, 2, "resource", "list", "ffffffff", NULL);
  g_clear_pointer (&err, g_free);
  after = snapshot (f);
  g_assert_cmpstr (before, ==, after);
}

/* `resource add` names the files whose content a resource of the project already has, on stderr with the
 * resource they repeat; --skip-duplicates leaves them out. stdout stays the new ids. */
static void
test_resource_duplicates (Fixture       *f,
                          gconstpointer  data)
{
  g_autofree char *project = g_strchomp (new_project (f, "数控技术专业教学资源库"));
  g_autofree char *a = write_file (f, "第一批/安全规程.txt", "安全第一");
  g_autofree char *b = write_file (f, "第二批/安全规程（副本）.txt", "安全第一");
  g_autofree char *c = write_file (f, "第二批/螺纹加工.txt", "螺纹");
  g_autofree char *folder = g_path_get_dirname (b);
  g_autofree char *first = g_strchomp (ok_id (f, "resource", "add", project, a, NULL));
  g_autofree char *first8 = prefix8 (first);
  g_autofree char *line = g_strdup_printf ("  安全规程（副本）.txt: the same as %s\n", first8);
  g_autoptr(ReslibCliResult) kept = run (f, "resource", "add", project, folder, NULL);
  g_autoptr(ReslibCliResult) skipped = NULL;
  g_auto(GStrv) ids = NULL;

  g_assert_cmpint (kept->status, ==, 0);
  ids = g_strsplit (g_strchomp (kept->out), "\n", -1);
  g_assert_cmpuint (g_strv_length (ids), ==, 2);
  g_assert_true (g_str_has_prefix (kept->err, "Added 2 resources. 1 of the new resources has the same content as a "
                                              "resource of the project (--skip-duplicates leaves such files out):\n"));
  g_assert_true (g_str_has_suffix (kept->err, line));

  skipped = run (f, "resource", "add", project, folder, a, "--skip-duplicates", NULL);
  g_assert_cmpint (skipped->status, ==, 0);
  g_assert_cmpstr (skipped->out, ==, "");
  g_assert_true (g_str_has_prefix (skipped->err, "Added 0 resources. 3 files were not added, as resources of the "
                                                 "project have their content:\n"));
  g_assert_nonnull (strstr (skipped->err, line));
  {
    g_autofree char *count = sql_text (f, "SELECT count(*) FROM resources");

    g_assert_cmpstr (count, ==, "3");
  }
}

static void
test_resources (Fixture       *f,
                gconstpointer  data)
{
  Resources r = { 0 };

  make_library (f, &r.lib);
  r.a = write_file (f, "lathe.txt", "G01 X10 Z-5 F0.2\n");
  r.folder = g_build_filename (f->files, "课件", NULL);
  resources_add (f, &r);
  resources_check_listed (f, &r);
  resources_check_search (f, &r);
  resources_check_set (f, &r);
  resources_check_refused (f, &r);

  /* The same content again is stored once; stderr says which resource already has it. */
  {
    g_autofree char *copy = write_file (f, "copy.txt", "G01 X10 Z-5 F0.2\n");
    g_autofree char *blobs = g_build_filename (f->data_dir, "blobs", NULL);
    guint n_blobs = reslib_test_count_files (blobs);
    g_autoptr(ReslibCliResult) added = run (f, "resource", "add", r.lib.project, copy, NULL);
    g_autofree char *single8 = prefix8 (r.single);
    g_autofree char *line = g_strdup_printf ("  copy.txt: the same as %s\n", single8);

    g_assert_cmpint (added->status, ==, 0);
    g_assert_true (g_uuid_string_is_valid (g_strchomp (added->out)));
    g_assert_true (g_str_has_suffix (added->err, line));
    g_assert_cmpuint (reslib_test_count_files (blobs), ==, n_blobs);
  }

  resources_clear (&r);
}

static void
test_review (Fixture       *f,
             gconstpointer  data)
{
  Library lib = { 0 };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *count = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_auto(GStrv) ids = NULL;
  g_autofree char *id0 = NULL;
  JsonArray *list;
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  g_autofree char *path = NULL;
  guint n_events = 0;

  make_library (f, &lib);
  write_file (f, "r/a.txt", "a");
  write_file (f, "r/b.txt", "b");
  write_file (f, "r/c.txt", "c");
  {
    g_autofree char *folder = g_build_filename (f->files, "r", NULL);

    out = ok (f, "resource", "add", lib.project, folder, NULL);
    ids = g_strsplit (g_strchomp (out), "\n", -1);
    g_clear_pointer (&out, g_free);
  }
  g_assert_cmpuint (g_strv_length (ids), ==, 3);
  id0 = prefix8 (ids[0]);

  /* Only drafts can be submitted; only resources in review can be judged. */
  before = snapshot (f);
  err = fails (f, 2, "review", "approve", id0, NULL);
  g_clear_pointer (&err, g_free);
  err = fails (f, 2, "review", "reject", id0, NULL);
  g_assert_nonnull (strstr (err, "--note"));
  g_clear_pointer (&err, g_free);
  err = fails (f, 2, "review", "submit", NULL);
  g_clear_pointer (&err, g_free);
  err = fails (f, 2, "review", "submit", ids[0], "ffffffff", NULL);
  g_clear_pointer (&err, g_free);
  err = fails (f, 2, "review", "publish", ids[0], NULL);
  g_clear_pointer (&err, g_free);
  after = snapshot (f);
  g_assert_cmpstr (before, ==, after);

  out = ok (f, "review", "submit", id0, ids[1], ids[2], NULL);
  g_assert_cmpstr (out, ==, "");
  g_clear_pointer (&out, g_free);

  g_clear_pointer (&before, g_free);
  before = snapshot (f);
  err = fails (f, 2, "review", "submit", ids[0], NULL);
  g_clear_pointer (&err, g_free);
  g_clear_pointer (&after, g_free);
  after = snapshot (f);
  g_assert_cmpstr (before, ==, after);

  out = ok (f, "review", "approve", ids[0], "--note", "内容准确", NULL);
  g_clear_pointer (&out, g_free);
  out = ok (f, "review", "approve", ids[1], NULL);
  g_clear_pointer (&out, g_free);
  out = ok (f, "review", "reject", ids[2], "--note", "画面不清晰，请重新录制", NULL);
  g_clear_pointer (&out, g_free);

  list = list_resources (f, lib.project, &root);
  g_assert_cmpstr (json_object_get_string_member (find_object (list, "id", ids[0]), "state"), ==, "approved");
  g_assert_cmpstr (json_object_get_string_member (find_object (list, "id", ids[0]), "review_note"), ==, "内容准确");
  g_assert_cmpstr (json_object_get_string_member (find_object (list, "id", ids[0]), "reviewer"), ==, ACTOR);
  g_assert_cmpstr (json_object_get_string_member (find_object (list, "id", ids[1]), "state"), ==, "approved");
  g_assert_cmpstr (json_object_get_string_member (find_object (list, "id", ids[2]), "state"), ==, "rejected");
  g_assert_cmpstr (json_object_get_string_member (find_object (list, "id", ids[2]), "review_note"), ==,
                   "画面不清晰，请重新录制");
  g_clear_pointer (&root, json_node_unref);

  /* A rejected resource can be submitted again. */
  out = ok (f, "review", "submit", ids[2], NULL);
  g_clear_pointer (&out, g_free);

  out = ok (f, "project", "show", lib.project, "--json", NULL);
  root = parse_json (out);
  {
    JsonObject *counts = json_object_get_object_member (json_node_get_object (root), "resources");

    g_assert_cmpint (json_object_get_int_member (counts, "total"), ==, 3);
    g_assert_cmpint (json_object_get_int_member (counts, "approved"), ==, 2);
    g_assert_cmpint (json_object_get_int_member (counts, "in-review"), ==, 1);
    g_assert_cmpint (json_object_get_int_member (counts, "rejected"), ==, 0);
    g_assert_cmpint (json_object_get_int_member (counts, "draft"), ==, 0);
  }
  g_clear_pointer (&root, json_node_unref);
  g_clear_pointer (&out, g_free);

  /* The events: who, what, the note */
  path = db_path (f);
  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT actor, action, subject_id, detail FROM events "
                                           "WHERE action LIKE 'review-%' ORDER BY seq", -1, &stmt, NULL), ==,
                   SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *actor = (const char *) sqlite3_column_text (stmt, 0);
      const char *action = (const char *) sqlite3_column_text (stmt, 1);
      const char *subject = (const char *) sqlite3_column_text (stmt, 2);
      g_autoptr(JsonNode) detail = parse_json ((const char *) sqlite3_column_text (stmt, 3));
      JsonObject *object = json_node_get_object (detail);

      g_assert_cmpstr (actor, ==, ACTOR);
      if (n_events < 3)
        g_assert_cmpstr (action, ==, "review-submit");
      else if (n_events == 3)
        {
          g_assert_cmpstr (action, ==, "review-approve");
          g_assert_cmpstr (subject, ==, ids[0]);
          g_assert_cmpstr (json_object_get_string_member (object, "note"), ==, "内容准确");
        }
      else if (n_events == 5)
        {
          g_assert_cmpstr (action, ==, "review-reject");
          g_assert_cmpstr (subject, ==, ids[2]);
          g_assert_cmpstr (json_object_get_string_member (object, "note"), ==, "画面不清晰，请重新录制");
          g_assert_cmpstr (json_object_get_string_member (object, "from"), ==, "in-review");
          g_assert_cmpstr (json_object_get_string_member (object, "to"), ==, "rejected");
        }
      n_events++;
    }
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  g_assert_cmpuint (n_events, ==, 7);

  /* Every change before was logged with its actor too. */
  count = sql_text (f, "SELECT count(*) FROM events WHERE actor <> '" ACTOR "'");
  g_assert_cmpstr (count, ==, "0");

  /* Changing an approved resource sends it back to review, and says so; a draft's edit says nothing. */
  out = ok (f, "resource", "set", ids[1], "keywords=数控，车床", NULL);
  g_assert_nonnull (strstr (out, "in review again"));
  g_clear_pointer (&out, g_free);
  list = list_resources (f, lib.project, &root);
  g_assert_cmpstr (json_object_get_string_member (find_object (list, "id", ids[1]), "state"), ==, "in-review");
  g_assert_cmpstr (json_object_get_string_member (find_object (list, "id", ids[0]), "state"), ==, "approved");
  g_clear_pointer (&root, json_node_unref);
  out = ok (f, "resource", "set", ids[1], "title=再改一次", NULL);
  g_assert_null (strstr (out, "in review again"));
  g_clear_pointer (&out, g_free);

  library_clear (&lib);
}

static void
assert_import_fails (Fixture    *f,
                     const char *project,
                     const char *path,
                     int         status,
                     const char *needle)
{
  g_autofree char *before = snapshot (f);
  g_autofree char *after = NULL;
  g_autofree char *err = fails (f, status, "resource", "add", project, path, NULL);
  g_autofree char *tmp = g_build_filename (f->data_dir, "blobs", "tmp", NULL);

  if (needle != NULL && strstr (err, needle) == NULL)
    g_error ("“%s” is not in the message “%s”", needle, err);
  after = snapshot (f);
  g_assert_cmpstr (before, ==, after);
  g_assert_cmpuint (reslib_test_count_files (tmp), ==, 0);
}

/* `resource add` of @path imports what it can read and names the rest: exit status 4, the ids of the
 * @n_added new resources on stdout, each file it passed over on stderr (one of them @needle). */
static void
assert_import_partial (Fixture    *f,
                       const char *project,
                       const char *path,
                       guint       n_added,
                       const char *needle)
{
  g_autofree char *list_before = ok (f, "resource", "list", project, NULL);
  g_autofree char *list_after = NULL;
  g_autoptr(ReslibCliResult) r = run (f, "resource", "add", project, path, NULL);
  g_auto(GStrv) ids = NULL;

  if (r->status != 4)
    g_printerr ("stdout: %s\nstderr: %s", r->out, r->err);
  g_assert_cmpint (r->status, ==, 4);
  ids = g_strsplit (g_strchomp (r->out), "\n", -1);
  g_assert_cmpuint (g_strv_length (ids), ==, n_added);
  for (guint i = 0; ids[i] != NULL; i++)
    g_assert_true (g_uuid_string_is_valid (ids[i]));
  if (strstr (r->err, needle) == NULL)
    g_error ("“%s” is not in the message “%s”", needle, r->err);
  g_assert_nonnull (strstr (r->err, "not imported"));
  list_after = ok (f, "resource", "list", project, NULL);
  g_assert_cmpuint (strlen (list_after), >, strlen (list_before));
}

static void
test_bad_files (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *project = g_strchomp (new_project (f, "P"));
  g_autofree char *good = write_file (f, "good.txt", "good");
  g_autofree char *missing = g_build_filename (f->files, "missing.txt", NULL);
  g_autofree char *bad_name = NULL;
  g_autofree char *nested_bad = NULL;
  g_autofree char *empty = g_build_filename (f->files, "empty", NULL);
  g_autofree char *with_link = g_build_filename (f->files, "with-link", NULL);
  g_autofree char *with_fifo = g_build_filename (f->files, "with-fifo", NULL);
  g_autofree char *link = NULL;
  g_autofree char *fifo = NULL;

  g_free (ok_id (f, "resource", "add", project, good, NULL));

  assert_import_fails (f, project, missing, 4, "missing.txt");

  /* A name that is not UTF-8, on its own and deep in a folder */
  bad_name = reslib_test_write_file (f->files, "bad\xff.txt", "bad", -1);
  assert_import_fails (f, project, bad_name, 4, "bad");
  /* … deep in a folder, it is passed over: the folder's other file is imported. */
  nested_bad = reslib_test_write_file (f->files, "nested/ok.txt", "fine", -1);
  g_free (reslib_test_write_file (f->files, "nested/deeper/bad\xfe\xff.txt", "bad", -1));
  {
    g_autofree char *nested = g_build_filename (f->files, "nested", NULL);

    assert_import_partial (f, project, nested, 1, "deeper");
  }

  /* Several paths: what can be read is imported, the rest named, status 4 */
  {
    g_autofree char *other = write_file (f, "other.txt", "other");
    g_autoptr(ReslibCliResult) r = run (f, "resource", "add", project, other, missing, NULL);

    g_assert_cmpint (r->status, ==, 4);
    g_assert_cmpuint (strlen (r->out), ==, 37);
    g_assert_nonnull (strstr (r->err, "missing.txt"));
  }

  /* An empty folder, a folder with a dangling link, a folder with a FIFO */
  g_assert_cmpint (g_mkdir (empty, 0700), ==, 0);
  assert_import_fails (f, project, empty, 4, "empty");
  g_free (reslib_test_write_file (with_link, "ok.txt", "ok", -1));
  link = g_build_filename (with_link, "gone.txt", NULL);
  g_assert_cmpint (symlink ("/nonexistent/gone.txt", link), ==, 0);
  assert_import_partial (f, project, with_link, 1, "gone.txt");
  g_free (reslib_test_write_file (with_fifo, "ok2.txt", "ok2", -1));
  fifo = g_build_filename (with_fifo, "pipe", NULL);
  g_assert_cmpint (mkfifo (fifo, 0600), ==, 0);
  assert_import_partial (f, project, with_fifo, 1, "pipe");
  /* Alone, nothing is imported: the one line of the error, as before. */
  assert_import_fails (f, project, fifo, 4, "pipe");
}

static void
test_unreadable (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *project = NULL;
  g_autofree char *secret = NULL;
  g_autofree char *folder = g_build_filename (f->files, "folder", NULL);
  int fd;

  secret = write_file (f, "secret.txt", "secret");
  g_assert_cmpint (g_chmod (secret, 0), ==, 0);
  fd = open (secret, O_RDONLY);
  if (fd >= 0)
    {
      close (fd);
      g_test_skip ("Running as root: a file with mode 000 can still be read");
      return;
    }

  project = g_strchomp (new_project (f, "P"));
  assert_import_fails (f, project, secret, 4, "secret.txt");

  g_free (reslib_test_write_file (folder, "ok.txt", "ok", -1));
  g_free (reslib_test_write_file (folder, "locked/inner.txt", "x", -1));
  {
    g_autofree char *locked = g_build_filename (folder, "locked", NULL);

    g_assert_cmpint (g_chmod (locked, 0), ==, 0);
    assert_import_partial (f, project, folder, 1, "locked");
    g_chmod (locked, 0700);
  }
}

static void
test_store_errors (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *plain = write_file (f, "plain", "a regular file");
  g_autofree char *under_file = g_build_filename (plain, "data", NULL);
  g_autofree char *garbage_dir = g_build_filename (f->dir, "garbage", NULL);
  g_autofree char *garbage_db = g_build_filename (garbage_dir, "library.db", NULL);
  g_autofree char *damaged_dir = g_build_filename (f->dir, "damaged", NULL);
  g_autofree char *damaged_db = g_build_filename (damaged_dir, "library.db", NULL);
  g_autofree char *foreign_dir = g_build_filename (f->dir, "foreign", NULL);
  g_autofree char *foreign_db = g_build_filename (foreign_dir, "library.db", NULL);
  g_autofree char *new_dir = g_build_filename (f->dir, "new", NULL);
  g_autofree char *new_db = g_build_filename (new_dir, "library.db", NULL);
  g_autofree char *contents = NULL;
  g_autofree char *damaged = NULL;
  g_autofree char *foreign_before = NULL;
  g_autofree char *foreign_after = NULL;
  g_autoptr(GString) bytes = g_string_new ("SQLite format 3");
  g_autoptr(ReslibCliResult) r = NULL;
  gsize length = 0;
  sqlite3 *db = NULL;

  /* A data folder that cannot be created, even by root */
  r = run_argv (under_file, (const char * const[]) { "project", "list", NULL });
  assert_fails (r, 3);
  g_clear_pointer (&r, reslib_cli_result_free);
  r = run_argv (NULL, (const char * const[]) { "--data-dir", under_file, "project", "new", "--name", "X",
                                               "--core-major", "510201:计算机应用技术", NULL });
  assert_fails (r, 3);
  g_clear_pointer (&r, reslib_cli_result_free);
  /* A data folder that is a file */
  r = run_argv (plain, (const char * const[]) { "project", "list", NULL });
  assert_fails (r, 3);
  g_clear_pointer (&r, reslib_cli_result_free);

  /* Not a database at all */
  g_free (reslib_test_write_file (garbage_dir, "library.db", "this is not a database, just some text\n", -1));
  r = run_argv (garbage_dir, (const char * const[]) { "project", "list", NULL });
  assert_fails (r, 3);
  g_clear_pointer (&r, reslib_cli_result_free);
  r = run_argv (garbage_dir, (const char * const[]) { "project", "new", "--name", "X", "--core-major",
                                                     "510201:计算机应用技术", NULL });
  assert_fails (r, 3);
  g_clear_pointer (&r, reslib_cli_result_free);
  g_assert_true (g_file_get_contents (garbage_db, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, "this is not a database, just some text\n");

  /* A damaged SQLite file */
  g_string_append_c (bytes, '\0');
  for (guint i = 0; i < 8192; i++)
    g_string_append_c (bytes, (char) (i * 7919 % 251));
  g_assert_cmpint (g_mkdir (damaged_dir, 0700), ==, 0);
  g_assert_true (g_file_set_contents (damaged_db, bytes->str, bytes->len, NULL));
  r = run_argv (damaged_dir, (const char * const[]) { "project", "list", NULL });
  assert_fails (r, 3);
  g_clear_pointer (&r, reslib_cli_result_free);
  g_assert_true (g_file_get_contents (damaged_db, &damaged, &length, NULL));
  g_assert_cmpmem (damaged, length, bytes->str, bytes->len);

  /* A database of another program */
  g_assert_cmpint (g_mkdir (foreign_dir, 0700), ==, 0);
  g_assert_cmpint (sqlite3_open (foreign_db, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "PRAGMA application_id = 1234; CREATE TABLE notes (id INTEGER, text TEXT); "
                                     "INSERT INTO notes VALUES (1, 'hello');", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  g_assert_true (g_file_get_contents (foreign_db, &foreign_before, NULL, NULL));
  r = run_argv (foreign_dir, (const char * const[]) { "project", "list", NULL });
  assert_fails (r, 3);
  g_clear_pointer (&r, reslib_cli_result_free);
  r = run_argv (foreign_dir, (const char * const[]) { "project", "new", "--name", "X", "--core-major",
                                                     "510201:计算机应用技术", NULL });
  assert_fails (r, 3);
  g_clear_pointer (&r, reslib_cli_result_free);
  g_assert_true (g_file_get_contents (foreign_db, &foreign_after, NULL, NULL));
  g_assert_cmpstr (foreign_before, ==, foreign_after);

  /* A database of a newer version */
  r = run_argv (new_dir, (const char * const[]) { "project", "new", "--name", "X", "--core-major",
                                                 "510201:计算机应用技术", NULL });
  assert_ok (r);
  g_clear_pointer (&r, reslib_cli_result_free);
  g_assert_cmpint (sqlite3_open (new_db, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "PRAGMA user_version = 999", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  r = run_argv (new_dir, (const char * const[]) { "project", "list", NULL });
  assert_fails (r, 3);
  g_assert_nonnull (strstr (r->err, "newer"));
}

/* Ctrl-C in the middle of an import leaves nothing behind. */
static void
test_cancel (Fixture       *f,
             gconstpointer  data)
{
  g_autofree char *project = g_strchomp (new_project (f, "P"));
  g_autofree char *big = g_build_filename (f->files, "big", NULL);
  g_autofree char *tmp = g_build_filename (f->data_dir, "blobs", "tmp", NULL);
  g_autofree char *blobs = g_build_filename (f->data_dir, "blobs", NULL);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *chunk = g_malloc (1024 * 1024);
  g_auto(GStrv) env = make_env (f->data_dir);
  g_autoptr(GError) error = NULL;
  const char *argv[] = { RESLIB_CLI_PATH, "resource", "add", project, big, NULL };
  GPid pid;
  int err_fd = -1, status = 0;
  gint64 deadline;
  g_autofree char *err = NULL;
  gsize n_read;
  char buf[4096];

  for (guint i = 0; i < 24; i++)
    {
      g_autofree char *name = g_strdup_printf ("part-%02u.bin", i);
      g_autofree char *path = g_build_filename (big, name, NULL);
      g_autofree char *parent = g_path_get_dirname (path);
      FILE *file;

      g_mkdir_with_parents (parent, 0700);
      file = fopen (path, "wb");
      g_assert_nonnull (file);
      for (guint m = 0; m < 8; m++)
        {
          memset (chunk, (int) (i * 8 + m + 1), 1024 * 1024);
          g_assert_cmpuint (fwrite (chunk, 1, 1024 * 1024, file), ==, 1024 * 1024);
        }
      fclose (file);
    }
  before = snapshot (f);

  g_spawn_async_with_pipes (NULL, (char **) argv, env, G_SPAWN_DO_NOT_REAP_CHILD, NULL, NULL, &pid, NULL, NULL,
                            &err_fd, &error);
  g_assert_no_error (error);

  /* Wait until the import is under way: its staging lock exists. */
  deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  while (g_get_monotonic_time () < deadline && reslib_test_count_files (tmp) == 0)
    g_usleep (500);
  g_usleep (20 * 1000);
  kill (pid, SIGINT);
  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
  g_spawn_close_pid (pid);
  {
    GString *text = g_string_new (NULL);

    while ((n_read = read (err_fd, buf, sizeof buf)) > 0 && n_read != (gsize) -1)
      g_string_append_len (text, buf, n_read);
    close (err_fd);
    err = g_string_free (text, FALSE);
  }

  g_assert_true (WIFEXITED (status));
  if (WEXITSTATUS (status) == 0)
    {
      g_test_skip ("The import finished before it could be interrupted");
      return;
    }
  g_assert_cmpint (WEXITSTATUS (status), ==, 3);
  g_assert_true (g_str_has_prefix (err, "reslib: "));
  g_assert_nonnull (strstr (err, "Cancelled"));
  after = snapshot (f);
  g_assert_cmpstr (before, ==, after);
  g_assert_cmpuint (reslib_test_count_files (tmp), ==, 0);
  g_assert_cmpuint (reslib_test_count_files (blobs), ==, 0);

  /* The store still works. */
  g_free (ok (f, "resource", "list", project, NULL));
}

/* `reslib validate -o FILE`: the findings as CSV or xlsx (by the extension or --format), the counts on stdout,
 * exit 1 when errors were found; a file that exists only with --force; usage errors exit 2 and write nothing. */
static void
test_validate_export (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *project = new_project (f, "导出项目");
  g_autofree char *csv = g_build_filename (f->dir, "findings.csv", NULL);
  g_autofree char *xlsx = g_build_filename (f->dir, "findings.xlsx", NULL);
  g_autofree char *ods = g_build_filename (f->dir, "findings.ods", NULL);
  g_autofree char *contents = NULL;
  g_autofree char *err = NULL;
  g_autoptr(ReslibCliResult) r = NULL;
  g_autoptr(ReslibCliResult) json = NULL;
  g_auto(GStrv) lines = NULL;

  g_strchomp (project);
  json = run (f, "validate", project, "--json", NULL);
  g_assert_cmpint (json->status, ==, 1);

  r = run (f, "validate", project, "-o", csv, NULL);
  g_assert_cmpint (r->status, ==, 1);
  g_assert_cmpstr (r->err, ==, "");
  g_assert_nonnull (strstr (r->out, "profile henan-2024"));
  g_assert_true (g_str_has_suffix (r->out, "findings.csv\n"));
  g_assert_null (strstr (r->out, "project.hosts.count"));
  g_assert_true (g_file_get_contents (csv, &contents, NULL, NULL));
  g_assert_true (g_str_has_prefix (contents, "\xef\xbb\xbfSeverity,Rule,Subject,Message,Field,Resource ID\r\n"));
  g_assert_nonnull (strstr (contents, "\r\nError,project.hosts.count,Project: 导出项目,"));
  lines = g_strsplit (contents, "\r\n", -1);
  /* A row per finding, as many as --json lists, and the empty end */
  {
    g_autoptr(JsonNode) root = parse_json (json->out);
    JsonArray *findings = json_object_get_array_member (json_node_get_object (root), "findings");

    g_assert_cmpuint (g_strv_length (lines), ==, json_array_get_length (findings) + 2);
  }
  g_clear_pointer (&r, reslib_cli_result_free);

  /* Exists: refused without --force (exit 2), replaced with it. */
  err = fails (f, 2, "validate", project, "-o", csv, NULL);
  g_clear_pointer (&err, g_free);
  r = run (f, "validate", project, "-o", csv, "--force", NULL);
  g_assert_cmpint (r->status, ==, 1);
  g_clear_pointer (&r, reslib_cli_result_free);

  r = run (f, "validate", project, "-o", xlsx, NULL);
  g_assert_cmpint (r->status, ==, 1);
  g_clear_pointer (&contents, g_free);
  g_assert_true (g_file_get_contents (xlsx, &contents, NULL, NULL));
  g_assert_true (g_str_has_prefix (contents, "PK\x03\x04"));
  g_clear_pointer (&r, reslib_cli_result_free);

  /* Not a format of the findings: exit 2, nothing written; --format says it whatever the extension. */
  err = fails (f, 2, "validate", project, "-o", ods, NULL);
  g_assert_nonnull (strstr (err, ".xlsx"));
  g_assert_false (g_file_test (ods, G_FILE_TEST_EXISTS));
  g_clear_pointer (&err, g_free);
  err = fails (f, 2, "validate", project, "-o", ods, "--format", "pdf", NULL);
  g_assert_nonnull (strstr (err, "“pdf”"));
  g_clear_pointer (&err, g_free);
  err = fails (f, 2, "validate", project, "--format", "csv", NULL);
  g_clear_pointer (&err, g_free);
  err = fails (f, 2, "validate", project, "--json", "-o", ods, "--format", "csv", NULL);
  g_clear_pointer (&err, g_free);
  g_assert_false (g_file_test (ods, G_FILE_TEST_EXISTS));
  r = run (f, "validate", project, "-o", ods, "--format", "csv", NULL);
  g_assert_cmpint (r->status, ==, 1);
  g_clear_pointer (&contents, g_free);
  g_assert_true (g_file_get_contents (ods, &contents, NULL, NULL));
  g_assert_true (g_str_has_prefix (contents, "\xef\xbb\xbfSeverity,"));
}

/* `reslib validate`: findings grouped by severity, JSON, exit 1 on errors, 0 without, 4 for a bad profile. */
static void
test_validate (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *project = new_project (f, "校验项目");
  g_autofree char *profile_src = g_test_build_filename (G_TEST_DIST, "..", "data", "profiles", "henan-2024.json", NULL);
  g_autofree char *profile_text = NULL;
  g_autofree char *relaxed = NULL;
  g_autofree char *broken = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr(ReslibCliResult) r = NULL;
  g_autoptr(JsonNode) json = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(JsonGenerator) gen = json_generator_new ();
  JsonObject *obj;
  JsonArray *findings;
  g_autofree char *err = NULL;

  g_strchomp (project);
  before = snapshot (f);

  /* A new project has errors (no host unit, an empty dossier): exit 1, grouped by severity. */
  r = run (f, "validate", project, NULL);
  g_assert_cmpint (r->status, ==, 1);
  g_assert_cmpstr (r->err, ==, "");
  g_assert_true (g_str_has_prefix (r->out, "Errors ("));
  g_assert_nonnull (strstr (r->out, "project.hosts.count"));
  /* One group per severity, errors first, though project.dossier.required finds both (an empty field is an
   * error, no team members a warning) */
  {
    const char *warnings = strstr (r->out, "\nWarnings (");

    g_assert_nonnull (warnings);
    g_assert_null (strstr (r->out + 1, "\nErrors ("));
    g_assert_null (strstr (warnings + 1, "\nWarnings ("));
    g_assert_nonnull (strstr (r->out, "The dossier has no team members"));
    g_assert_true (strstr (r->out, "The dossier has no team members") > warnings);
  }
  /* An empty field of the project comes with the command that fills it in, for this project; a missing list
   * (no team members) with none, since `project set` does not add members. */
  {
    g_autofree char *command = g_strdup_printf ("\n    → reslib project set %.8s contact_email=VALUE\n", project);
    const char *members = strstr (r->out, "The dossier has no team members");
    const char *next = members != NULL ? strstr (members, "\n  project.") : NULL;

    g_assert_nonnull (strstr (r->out, command));
    g_assert_nonnull (members);
    g_assert_null (g_strstr_len (members, next != NULL ? next - members : -1, "reslib project set"));
  }
  /* What the rules do not check is said */
  g_assert_nonnull (strstr (r->out, "Not checked:"));
  g_assert_nonnull (strstr (r->out, "project.majors.code"));
  g_assert_nonnull (strstr (r->out, "profile henan-2024"));
  g_clear_pointer (&r, reslib_cli_result_free);

  r = run (f, "validate", project, "--json", NULL);
  g_assert_cmpint (r->status, ==, 1);
  json = parse_json (r->out);
  obj = json_node_get_object (json);
  g_assert_cmpstr (json_object_get_string_member (obj, "profile"), ==, "henan-2024");
  g_assert_cmpint (json_object_get_int_member (obj, "errors"), >=, 1);
  findings = json_object_get_array_member (obj, "findings");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (obj, "unchecked")), >=, 1);
  g_assert_cmpuint (json_array_get_length (findings), ==,
                    json_object_get_int_member (obj, "errors") + json_object_get_int_member (obj, "warnings") +
                    json_object_get_int_member (obj, "infos"));
  /* Each run is recorded in the store, with its counts and findings, for the app's pages. */
  {
    g_autofree char *runs = sql_text (f, "SELECT count (*) FROM check_runs");
    g_autofree char *errors = sql_text (f, "SELECT n_errors FROM check_runs ORDER BY id DESC LIMIT 1");
    g_autofree char *n_findings = sql_text (f, "SELECT json_array_length (findings) FROM check_runs ORDER BY id DESC LIMIT 1");
    g_autofree char *profile_id = sql_text (f, "SELECT profile_id FROM check_runs ORDER BY id DESC LIMIT 1");

    g_assert_cmpstr (runs, ==, "2");
    g_assert_cmpint (atoi (errors), ==, json_object_get_int_member (obj, "errors"));
    g_assert_cmpint (atoi (n_findings), ==, json_array_get_length (findings));
    g_assert_cmpstr (profile_id, ==, "henan-2024");
  }
  {
    JsonObject *first = json_array_get_object_element (findings, 0);
    JsonObject *subject = json_object_get_object_member (first, "subject");
    g_assert_cmpstr (json_object_get_string_member (first, "severity"), ==, "error");
    g_assert_cmpstr (json_object_get_string_member (subject, "kind"), ==, "project");
    g_assert_cmpstr (json_object_get_string_member (subject, "id"), ==, project);
    g_assert_nonnull (json_object_get_string_member (first, "hint"));
  }
  g_clear_pointer (&r, reslib_cli_result_free);

  /* A profile without rules finds nothing: exit 0. */
  g_assert_true (g_file_get_contents (profile_src, &profile_text, NULL, NULL));
  g_assert_true (json_parser_load_from_data (parser, profile_text, -1, NULL));
  {
    JsonObject *root = json_node_get_object (json_parser_get_root (parser));
    g_autofree char *text = NULL;

    json_object_set_object_member (root, "rules", json_object_new ());
    json_generator_set_root (gen, json_parser_get_root (parser));
    text = json_generator_to_data (gen, NULL);
    relaxed = write_file (f, "relaxed.json", text);
  }
  r = run (f, "validate", project, "--profile", relaxed, NULL);
  assert_ok (r);
  g_assert_nonnull (strstr (r->out, "0 errors"));
  g_clear_pointer (&r, reslib_cli_result_free);

  /* A broken profile: exit 4 with the file and line. */
  broken = write_file (f, "broken.json", "{\n  \"id\": \"x\",\n  \"version\": 1\n  \"title\": \"t\"\n}\n");
  err = fails (f, 4, "validate", project, "--profile", broken, NULL);
  g_assert_nonnull (strstr (err, "broken.json"));
  g_assert_nonnull (strstr (err, "line 3"));
  g_clear_pointer (&err, g_free);
  err = fails (f, 2, "validate", project, "--package", "parcel", NULL);
  g_clear_pointer (&err, g_free);
  err = fails (f, 2, "validate", "no-such-project", NULL);

  /* Checking changes nothing in the store but the runs it records. */
  {
    g_autofree char *path = db_path (f);
    sqlite3 *db = NULL;

    g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_exec (db, "DELETE FROM check_runs", NULL, NULL, NULL), ==, SQLITE_OK);
    sqlite3_close (db);
  }
  after = snapshot (f);
  g_assert_cmpstr (before, ==, after);
}

/* `reslib pack` and `reslib verify` */
static void
test_pack_verify (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *project = new_project (f, "打包测试");
  g_autofree char *file = write_file (f, "第一章 讲义.txt", "外圆车削\n");
  g_autofree char *file2 = write_file (f, "notes.txt", "notes\n");
  g_autofree char *tar = g_build_filename (f->dir, "p.tar", NULL);
  g_autofree char *tar2 = g_build_filename (f->dir, "p2.tar", NULL);
  g_autofree char *app = g_build_filename (f->dir, "app.tar", NULL);
  g_autofree char *bad = g_build_filename (f->dir, "bad.tar", NULL);
  g_autofree char *out = NULL;
  g_autofree char *out2 = NULL;
  g_autofree char *err = NULL;
  g_autofree char *res = NULL;
  g_autofree char *res_prefix = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *sum = NULL;
  g_autofree char *expected = NULL;
  g_autoptr(JsonNode) json = NULL;
  g_autoptr(ReslibCliResult) r = NULL;
  gsize len;

  res = ok_id (f, "resource", "add", project, file, NULL);
  g_free (ok_id (f, "resource", "add", project, file2, NULL));
  res_prefix = prefix8 (res);

  approve_all (f, project);

  /* Pack with --sha256: prints the SHA-256 and the path, like sha256sum. */
  out = ok (f, "pack", project, "--kind", "progress", "--sha256", "-o", tar, NULL);
  g_assert_true (g_file_get_contents (tar, &contents, &len, NULL));
  sum = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) contents, len);
  expected = g_strdup_printf ("%s  %s\n", sum, tar);
  g_assert_cmpstr (out, ==, expected);

  /* Another process, the same bytes; without --sha256 only the path is printed. */
  out2 = ok (f, "pack", project, "--kind", "progress", "-o", tar2, NULL);
  g_clear_pointer (&expected, g_free);
  expected = g_strdup_printf ("%s\n", tar2);
  g_assert_cmpstr (out2, ==, expected);
  g_clear_pointer (&out2, g_free);
  {
    g_autofree char *again = NULL;
    g_autofree char *sum2 = NULL;
    gsize len2;

    g_assert_true (g_file_get_contents (tar2, &again, &len2, NULL));
    sum2 = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) again, len2);
    g_assert_cmpstr (sum2, ==, sum);
  }

  /* A contribution with one resource, chosen by an id prefix. */
  out2 = ok (f, "pack", project, "--kind", "contribution", "--resource", res_prefix, "-o", tar2, "--force", NULL);
  g_clear_pointer (&out2, g_free);

  /* Verify */
  g_clear_pointer (&out, g_free);
  out = ok (f, "verify", tar, NULL);
  g_assert_nonnull (strstr (out, "valid"));
  g_clear_pointer (&out, g_free);
  out = ok (f, "verify", tar2, "--json", NULL);
  json = parse_json (out);
  g_assert_true (json_object_get_boolean_member (json_node_get_object (json), "valid"));
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (json), "kind"), ==, "contribution");
  g_assert_cmpint (json_object_get_int_member (json_node_get_object (json), "payload_files"), ==, 4);
  g_clear_pointer (&json, json_node_unref);

  /* A damaged package: exit 4, a summary line, then one indented line per problem. */
  contents[len - 2048] ^= 1;   /* in the tag manifest or close to it */
  contents[len / 2] ^= 1;
  g_assert_true (g_file_set_contents (bad, contents, (gssize) len, NULL));
  r = run (f, "verify", bad, NULL);
  g_assert_cmpint (r->status, ==, 4);
  g_assert_cmpstr (r->out, ==, "");
  g_assert_true (g_str_has_prefix (r->err, "reslib: "));
  {
    g_auto(GStrv) lines = g_strsplit (g_strchomp (r->err), "\n", -1);

    g_assert_cmpuint (g_strv_length (lines), >=, 2);
    for (guint i = 1; lines[i] != NULL; i++)
      g_assert_true (g_str_has_prefix (lines[i], "  "));
  }
  g_clear_pointer (&r, reslib_cli_result_free);
  r = run (f, "verify", bad, "--json", NULL);
  g_assert_cmpint (r->status, ==, 4);
  json = parse_json (r->out);
  g_assert_false (json_object_get_boolean_member (json_node_get_object (json), "valid"));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (json_node_get_object (json), "problems")), >, 0);
  g_clear_pointer (&json, json_node_unref);
  g_clear_pointer (&r, reslib_cli_result_free);

  /* Not a package, or no file at all: exit 4. */
  g_clear_pointer (&err, g_free);
  r = run (f, "verify", file, NULL);
  g_assert_cmpint (r->status, ==, 4);
  g_assert_true (g_str_has_prefix (r->err, "reslib: "));
  g_clear_pointer (&r, reslib_cli_result_free);
  err = fails (f, 4, "verify", "/nonexistent/p.tar", NULL);
  g_clear_pointer (&err, g_free);

  /* The application gate: exit 1, the errors listed, no file. */
  r = run (f, "pack", project, "--kind", "application", "-o", app, NULL);
  g_assert_cmpint (r->status, ==, 1);
  g_assert_cmpstr (r->out, ==, "");
  g_assert_true (g_str_has_prefix (r->err, "reslib: "));
  g_assert_nonnull (strstr (r->err, "reslib validate"));
  g_assert_nonnull (strstr (r->err, "\n  "));
  g_assert_false (g_file_test (app, G_FILE_TEST_EXISTS));
  g_clear_pointer (&r, reslib_cli_result_free);

  /* Usage errors: exit 2. */
  err = fails (f, 2, "pack", project, "--kind", "everything", "-o", app, NULL);
  g_clear_pointer (&err, g_free);
  err = fails (f, 2, "pack", project, "--kind", "progress", NULL);
  g_clear_pointer (&err, g_free);
  err = fails (f, 2, "pack", project, "-o", app, NULL);
  g_clear_pointer (&err, g_free);
  err = fails (f, 2, "pack", project, "--kind", "progress", "-o", f->dir, NULL);
  g_clear_pointer (&err, g_free);
  err = fails (f, 2, "verify", NULL);
  g_clear_pointer (&err, g_free);
  err = fails (f, 2, "pack", "--kind", "progress", "-o", app, NULL);
  g_clear_pointer (&err, g_free);
  err = fails (f, 2, "pack", project, "--kind", "progress", "--resource", "ffffffff", "-o", app, NULL);
  g_assert_false (g_file_test (app, G_FILE_TEST_EXISTS));
}

/* `reslib import` */
static void
test_import (Fixture       *f,
             gconstpointer  data)
{
  g_autofree char *project = new_project (f, "导入测试");
  g_autofree char *file = write_file (f, "第一章 讲义.txt", "外圆车削\n");
  g_autofree char *tar = g_build_filename (f->dir, "p.tar", NULL);
  g_autofree char *bad = g_build_filename (f->dir, "bad.tar", NULL);
  g_autofree char *other = g_build_filename (f->dir, "other", NULL);
  g_autofree char *contents = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(JsonNode) json = NULL;
  g_autoptr(ReslibCliResult) r = NULL;
  JsonObject *records;
  gsize len;

  g_free (ok_id (f, "resource", "add", project, file, NULL));
  approve_all (f, project);
  g_free (ok (f, "pack", project, "--kind", "progress", "-o", tar, NULL));

  /* Into another library: one line per kind with the four counts. */
  out = ok (f, "--data-dir", other, "import", tar, NULL);
  g_assert_nonnull (strstr (out, project));
  g_assert_nonnull (strstr (out, "resource"));
  g_assert_nonnull (strstr (out, "added 1, updated 0, unchanged 0, conflicts 0"));
  g_clear_pointer (&out, g_free);

  /* Again, as JSON: nothing new. */
  out = ok (f, "--data-dir", other, "import", tar, "--json", NULL);
  json = parse_json (out);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (json), "project"), ==, project);
  records = json_object_get_object_member (json_node_get_object (json), "records");
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (records, "resource"), "unchanged"), ==, 1);
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (records, "resource"), "added"), ==, 0);
  g_assert_cmpint (json_object_get_int_member (json_node_get_object (json), "blobs_present"), ==, 1);
  g_clear_pointer (&out, g_free);

  /* A damaged package: exit 4 with the problems listed, as `reslib verify` does. */
  g_assert_true (g_file_get_contents (tar, &contents, &len, NULL));
  contents[len / 2] ^= 1;
  g_assert_true (g_file_set_contents (bad, contents, (gssize) len, NULL));
  r = run (f, "--data-dir", other, "import", bad, NULL);
  g_assert_cmpint (r->status, ==, 4);
  g_assert_cmpstr (r->out, ==, "");
  g_assert_true (g_str_has_prefix (r->err, "reslib: "));
  g_assert_nonnull (strstr (r->err, "\n  "));
  g_clear_pointer (&r, reslib_cli_result_free);
  err = fails (f, 4, "import", "/nonexistent/p.tar", NULL);
  g_clear_pointer (&err, g_free);

  /* Usage errors and an unknown project: exit 2. */
  err = fails (f, 2, "import", NULL);
  g_clear_pointer (&err, g_free);
  err = fails (f, 2, "import", tar, "--into", "ffffffff", NULL);
  g_clear_pointer (&err, g_free);
}

static JsonObject *
import_counts (JsonNode   *json,
               const char *kind)
{
  return json_object_get_object_member (json_object_get_object_member (json_node_get_object (json), "records"), kind);
}

/* `reslib import` merges by content: the same package twice adds nothing, approvals do not travel, and
 * the project's dossier changes only with --update-dossier. */
static void
test_import_merge (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *project = new_project (f, "合并测试");
  g_autofree char *file = write_file (f, "讲义.txt", "内容\n");
  g_autofree char *resource = NULL;
  g_autofree char *tar = g_build_filename (f->dir, "c1.tar", NULL);
  g_autofree char *tar2 = g_build_filename (f->dir, "c2.tar", NULL);
  g_autofree char *other = g_build_filename (f->dir, "other", NULL);
  g_autofree char *other_db = g_build_filename (other, "library.db", NULL);
  g_autofree char *state = NULL;
  g_autofree char *name = NULL;
  g_autofree char *out = NULL;
  g_autoptr(JsonNode) json = NULL;

  resource = ok_id (f, "resource", "add", project, file, NULL);
  g_strchomp (resource);
  g_free (ok (f, "review", "submit", resource, NULL));
  g_free (ok (f, "review", "approve", resource, NULL));
  g_free (ok (f, "pack", project, "--kind", "contribution", "-o", tar, NULL));

  /* Approved there, in review here. */
  out = ok (f, "--data-dir", other, "import", tar, "--json", NULL);
  json = parse_json (out);
  g_assert_cmpint (json_object_get_int_member (import_counts (json, "resource"), "added"), ==, 1);
  g_assert_false (json_object_get_boolean_member (json_node_get_object (json), "dossier_protected"));
  state = reslib_test_sql_text (other_db, "SELECT state FROM resources");
  g_assert_cmpstr (state, ==, "in-review");
  g_clear_pointer (&json, json_node_unref);
  g_clear_pointer (&out, g_free);

  /* The source renames its project and the resource. */
  g_free (ok (f, "project", "set", project, "name=合并测试（改名）", NULL));
  g_free (ok (f, "resource", "set", resource, "title=讲义（第二版）", NULL));
  g_free (ok (f, "pack", project, "--kind", "contribution", "-o", tar2, NULL));

  out = ok (f, "--data-dir", other, "import", tar2, NULL);
  g_assert_nonnull (strstr (out, "--update-dossier"));
  g_clear_pointer (&out, g_free);
  name = reslib_test_sql_text (other_db, "SELECT name FROM projects");
  g_assert_cmpstr (name, ==, "合并测试");
  g_clear_pointer (&name, g_free);
  name = reslib_test_sql_text (other_db, "SELECT title FROM resources");
  g_assert_cmpstr (name, ==, "讲义（第二版）");
  g_clear_pointer (&name, g_free);

  /* Again: nothing to add, nothing in conflict, and no hint. */
  out = ok (f, "--data-dir", other, "import", tar2, "--json", NULL);
  json = parse_json (out);
  g_assert_true (json_object_get_boolean_member (json_node_get_object (json), "dossier_protected"));
  g_assert_cmpint (json_object_get_int_member (import_counts (json, "project"), "conflicts"), ==, 0);
  g_assert_cmpint (json_object_get_int_member (import_counts (json, "project"), "unchanged"), ==, 1);
  g_assert_cmpint (json_object_get_int_member (import_counts (json, "resource"), "unchanged"), ==, 1);
  g_assert_cmpint (json_object_get_int_member (import_counts (json, "resource"), "conflicts"), ==, 0);
  g_clear_pointer (&json, json_node_unref);
  g_clear_pointer (&out, g_free);
  out = ok (f, "--data-dir", other, "import", tar2, NULL);
  g_assert_null (strstr (out, "--update-dossier"));
  g_clear_pointer (&out, g_free);

  /* Asked for: the project's name is taken. */
  out = ok (f, "--data-dir", other, "import", tar2, "--update-dossier", "--json", NULL);
  json = parse_json (out);
  g_assert_false (json_object_get_boolean_member (json_node_get_object (json), "dossier_protected"));
  g_assert_cmpint (json_object_get_int_member (import_counts (json, "project"), "updated"), ==, 1);
  name = reslib_test_sql_text (other_db, "SELECT name FROM projects");
  g_assert_cmpstr (name, ==, "合并测试（改名）");
  g_clear_pointer (&out, g_free);

  /* The rule is in the help. */
  out = ok (f, "import", "--help", NULL);
  g_assert_nonnull (strstr (out, "--update-dossier"));
  g_assert_nonnull (strstr (out, "never by their dates"));
}

static void
test_report (Fixture       *f,
             gconstpointer  data)
{
  g_autofree char *project = new_project (f, "报告项目");
  g_autofree char *pdf = g_build_filename (f->dir, "进度报告.pdf", NULL);
  g_autofree char *missing = g_build_filename (f->dir, "no-such-dir", "out.pdf", NULL);
  g_autofree char *expected = g_strconcat (pdf, "\n", NULL);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *contents = NULL;
  gsize len;

  g_strchomp (project);
  before = snapshot (f);

  for (guint i = 0; i < 3; i++)
    {
      static const char * const kinds[] = { "dossier", "progress", "acceptance" };

      out = ok (f, "report", project, "--kind", kinds[i], "-o", pdf, i > 0 ? "--force" : NULL, NULL);
      g_assert_cmpstr (out, ==, expected);
      g_assert_true (g_file_get_contents (pdf, &contents, &len, NULL));
      g_assert_true (g_str_has_prefix (contents, "%PDF-"));
      g_assert_cmpuint (count_prefixed (f->dir, "进度报告.pdf."), ==, 0);
      g_clear_pointer (&out, g_free);
      g_clear_pointer (&contents, g_free);
    }
  g_assert_true (g_unlink (pdf) == 0);

  /* Usage errors: exit 2, nothing written. */
  err = fails (f, 2, "report", project, "--kind", "summary", "-o", pdf, NULL);
  g_assert_nonnull (strstr (err, "“summary”"));
  g_clear_pointer (&err, g_free);
  err = fails (f, 2, "report", project, "-o", pdf, NULL);
  g_assert_nonnull (strstr (err, "--kind"));
  g_clear_pointer (&err, g_free);
  err = fails (f, 2, "report", project, "--kind", "dossier", NULL);
  g_clear_pointer (&err, g_free);
  err = fails (f, 2, "report", "ffffffff", "--kind", "dossier", "-o", pdf, NULL);
  g_clear_pointer (&err, g_free);
  g_assert_false (g_file_test (pdf, G_FILE_TEST_EXISTS));

  /* A destination that cannot be written: a runtime failure, nothing left behind. */
  err = fails (f, 3, "report", project, "--kind", "dossier", "-o", missing, NULL);
  g_clear_pointer (&err, g_free);
  g_assert_false (g_file_test (pdf, G_FILE_TEST_EXISTS));
  g_assert_cmpuint (count_prefixed (f->dir, "进度报告.pdf."), ==, 0);

  /* A report only reads the store. */
  after = snapshot (f);
  g_assert_cmpstr (before, ==, after);
}

/* The format of a report: the extension's (.pdf, .docx, in any case), else --format's; neither is a usage error. */
static void
test_report_format (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *project = new_project (f, "报告格式");
  g_autofree char *docx = g_build_filename (f->dir, "申报书.docx", NULL);
  g_autofree char *upper = g_build_filename (f->dir, "申报书.DOCX", NULL);
  g_autofree char *pdf_named_docx = g_build_filename (f->dir, "actually-pdf.docx", NULL);
  g_autofree char *odt = g_build_filename (f->dir, "申报书.odt", NULL);
  g_autofree char *bare = g_build_filename (f->dir, "申报书", NULL);
  struct { const char *path; const char *format; const char *magic; } cases[] = {
    { docx, NULL, "PK\003\004" },
    { upper, NULL, "PK\003\004" },
    { pdf_named_docx, "pdf", "%PDF-" },
    { odt, "docx", "PK\003\004" },
    { bare, "pdf", "%PDF-" },
  };
  g_autofree char *err = NULL;

  g_strchomp (project);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *out = ok (f, "report", project, "--kind", "dossier", "-o", cases[i].path,
                                 cases[i].format != NULL ? "--format" : NULL, cases[i].format, NULL);
      g_autofree char *contents = NULL;
      gsize len;

      g_assert_true (g_file_get_contents (cases[i].path, &contents, &len, NULL));
      g_assert_cmpuint (len, >, 4);
      g_assert_cmpmem (contents, strlen (cases[i].magic), cases[i].magic, strlen (cases[i].magic));
      g_assert_true (g_unlink (cases[i].path) == 0);
    }

  /* An extension that is no format, without --format; a format that is none: exit 2, nothing written */
  err = fails (f, 2, "report", project, "--kind", "dossier", "-o", odt, NULL);
  g_assert_nonnull (strstr (err, ".docx"));
  g_assert_nonnull (strstr (err, "--format"));
  g_clear_pointer (&err, g_free);
  err = fails (f, 2, "report", project, "--kind", "dossier", "-o", bare, NULL);
  g_clear_pointer (&err, g_free);
  err = fails (f, 2, "report", project, "--kind", "dossier", "-o", docx, "--format", "odt", NULL);
  g_assert_nonnull (strstr (err, "“odt”"));
  g_clear_pointer (&err, g_free);
  g_assert_cmpuint (count_prefixed (f->dir, "申报书"), ==, 0);
  g_assert_cmpuint (count_prefixed (f->dir, "actually-pdf"), ==, 0);

  /* The help says how the format is chosen. */
  err = ok (f, "report", "--help", NULL);
  g_assert_nonnull (strstr (err, "--format"));
}

/* `reslib export --format imscp`: a zip with imsmanifest.xml at its root and the files under portable names. */
static void
test_export (Fixture       *f,
             gconstpointer  data)
{
  g_autofree char *project = new_project (f, "导出项目");
  g_autofree char *file = g_build_filename (f->dir, "讲义 100%.txt", NULL);
  g_autofree char *zip = g_build_filename (f->dir, "课程 LMS.zip", NULL);
  g_autofree char *expected = g_strconcat (zip, "\n", NULL);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *contents = NULL;
  gsize len;

  g_strchomp (project);
  g_assert_true (g_file_set_contents (file, "讲义\n", -1, NULL));
  g_free (ok (f, "resource", "add", project, file, NULL));

  out = ok (f, "export", project, "--format", "imscp", "-o", zip, NULL);
  g_assert_cmpstr (out, ==, expected);
  g_assert_true (g_file_get_contents (zip, &contents, &len, NULL));
  g_assert_true (g_str_has_prefix (contents, "PK\x03\x04"));
  g_assert_nonnull (memmem (contents, len, "imsmanifest.xml", strlen ("imsmanifest.xml")));
  g_assert_nonnull (memmem (contents, len, "resources/讲义 100_.txt", strlen ("resources/讲义 100_.txt")));
  g_assert_cmpuint (count_prefixed (f->dir, "课程 LMS.zip."), ==, 0);

  /* Usage errors: exit 2. */
  err = fails (f, 2, "export", project, "--format", "scorm", "-o", zip, "--force", NULL);
  g_assert_nonnull (strstr (err, "“scorm”"));
  g_clear_pointer (&err, g_free);
  err = fails (f, 2, "export", project, "-o", zip, NULL);
  g_assert_nonnull (strstr (err, "--format"));
  g_clear_pointer (&err, g_free);
  err = fails (f, 2, "export", project, "--format", "imscp", NULL);
  g_clear_pointer (&err, g_free);
  /* The file exists: replaced only with --force. */
  err = fails (f, 2, "export", project, "--format", "imscp", "-o", zip, NULL);
  g_clear_pointer (&err, g_free);
  g_clear_pointer (&out, g_free);
  out = ok (f, "export", project, "--format", "imscp", "-o", zip, "--force", NULL);
  g_assert_cmpstr (out, ==, expected);
}

/* The resource list (资源清单): the format follows the extension; anything else is a usage error. */
static void
test_report_resource_list (Fixture       *f,
                           gconstpointer  data)
{
  g_autofree char *project = new_project (f, "清单项目");
  g_autofree char *file = reslib_test_write_file (f->dir, "第一课.txt", "讲义", -1);
  g_autofree char *xlsx = g_build_filename (f->dir, "资源清单.xlsx", NULL);
  g_autofree char *csv = g_build_filename (f->dir, "资源清单.CSV", NULL);
  g_autofree char *ods = g_build_filename (f->dir, "资源清单.ods", NULL);
  g_autofree char *expected = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *contents = NULL;
  g_auto(GStrv) lines = NULL;

  g_strchomp (project);
  out = ok (f, "resource", "add", project, file, "--title", "第一课, 讲义", "--author", "王老师", NULL);
  g_clear_pointer (&out, g_free);
  before = snapshot (f);

  expected = g_strconcat (xlsx, "\n", NULL);
  out = ok (f, "report", project, "--kind", "resource-list", "-o", xlsx, NULL);
  g_assert_cmpstr (out, ==, expected);
  g_assert_true (g_file_get_contents (xlsx, &contents, NULL, NULL));
  g_assert_true (g_str_has_prefix (contents, "PK\x03\x04"));
  g_clear_pointer (&contents, g_free);
  g_clear_pointer (&out, g_free);

  out = ok (f, "report", project, "--kind", "resource-list", "-o", csv, NULL);
  g_assert_true (g_file_get_contents (csv, &contents, NULL, NULL));
  g_assert_true (g_str_has_prefix (contents, "\xef\xbb\xbfNo.,Title,Type,"));
  lines = g_strsplit (contents, "\r\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 3);
  g_assert_true (g_str_has_prefix (lines[1], "1,\"第一课, 讲义\",Text,TXT,0.00,,,,,王老师,"));
  g_assert_cmpstr (lines[2], ==, "");

  /* Not a format of the list: exit 2, nothing written. */
  err = fails (f, 2, "report", project, "--kind", "resource-list", "-o", ods, NULL);
  g_assert_nonnull (strstr (err, ".xlsx"));
  g_assert_false (g_file_test (ods, G_FILE_TEST_EXISTS));
  g_clear_pointer (&err, g_free);
  /* The file exists: refused without --force, as for any output. */
  err = fails (f, 2, "report", project, "--kind", "resource-list", "-o", csv, NULL);
  g_clear_pointer (&err, g_free);
  /* --format says it whatever the extension; a document's format is not the list's. */
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&contents, g_free);
  out = ok (f, "report", project, "--kind", "resource-list", "-o", ods, "--format", "csv", NULL);
  g_assert_true (g_file_get_contents (ods, &contents, NULL, NULL));
  g_assert_true (g_str_has_prefix (contents, "\xef\xbb\xbfNo.,"));
  g_assert_true (g_unlink (ods) == 0);
  err = fails (f, 2, "report", project, "--kind", "resource-list", "-o", xlsx, "--format", "pdf", "--force", NULL);
  g_assert_nonnull (strstr (err, "“pdf”"));
  g_clear_pointer (&err, g_free);

  after = snapshot (f);
  g_assert_cmpstr (before, ==, after);
}

/* ---------------------------------------------------------------------------------------------- */
/* Output files                                                                                    */

/* `pack -o` and `report -o` never write a file of the store, and replace a file only with --force. */
static void
test_output_safety (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *project = g_strchomp (new_project (f, "输出测试"));
  g_autofree char *file = write_file (f, "讲义.txt", "外圆车削\n");
  g_autofree char *db = db_path (f);
  g_autofree char *blobs = g_build_filename (f->data_dir, "blobs", NULL);
  g_autofree char *in_blobs = g_build_filename (blobs, "new.tar", NULL);
  g_autofree char *sym = g_build_filename (f->dir, "link.tar", NULL);
  g_autofree char *hard = g_build_filename (f->dir, "hard.tar", NULL);
  g_autofree char *dir_link = g_build_filename (f->dir, "store-link", NULL);
  g_autofree char *via_dir_link = g_build_filename (dir_link, "via.tar", NULL);
  g_autofree char *tar = g_build_filename (f->dir, "p.tar", NULL);
  g_autofree char *pdf = g_build_filename (f->dir, "r.pdf", NULL);
  g_autofree char *blob = NULL;
  g_autofree char *blob_sum = NULL;
  g_autofree char *db_sum = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *err = NULL;
  g_autofree char *out = NULL;
  g_autofree char *contents = NULL;

  g_free (ok_id (f, "resource", "add", project, file, NULL));
  approve_all (f, project);
  blob = find_blob (blobs);
  g_assert_nonnull (blob);
  g_assert_cmpint (symlink (db, sym), ==, 0);
  g_assert_cmpint (link (blob, hard), ==, 0);
  g_assert_cmpint (symlink (f->data_dir, dir_link), ==, 0);
  before = snapshot (f);
  db_sum = file_digest (db);
  blob_sum = file_digest (blob);

  /* The database itself, a new file among the blobs, a link to the database (even with --force),
   * a hard link to a blob, a file under a link to the data folder: refused, exit 2, nothing written. */
  err = fails (f, 2, "pack", project, "--kind", "progress", "-o", db, NULL);
  g_assert_nonnull (strstr (err, "data folder"));
  g_clear_pointer (&err, g_free);
  err = fails (f, 2, "pack", project, "--kind", "progress", "-o", db, "--force", NULL);
  g_clear_pointer (&err, g_free);
  err = fails (f, 2, "pack", project, "--kind", "progress", "-o", in_blobs, NULL);
  g_clear_pointer (&err, g_free);
  err = fails (f, 2, "pack", project, "--kind", "progress", "-o", sym, "--force", NULL);
  g_clear_pointer (&err, g_free);
  err = fails (f, 2, "pack", project, "--kind", "progress", "-o", hard, "--force", NULL);
  g_assert_nonnull (strstr (err, "hard link"));
  g_clear_pointer (&err, g_free);
  err = fails (f, 2, "pack", project, "--kind", "progress", "-o", via_dir_link, NULL);
  g_clear_pointer (&err, g_free);
  err = fails (f, 2, "report", project, "--kind", "progress", "-o", db, "--force", NULL);
  g_clear_pointer (&err, g_free);
  err = fails (f, 2, "report", project, "--kind", "progress", "-o", hard, "--force", NULL);
  g_clear_pointer (&err, g_free);

  g_assert_false (g_file_test (in_blobs, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (via_dir_link, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (sym, G_FILE_TEST_IS_SYMLINK));
  after = snapshot (f);
  g_assert_cmpstr (before, ==, after);
  g_clear_pointer (&after, g_free);
  {
    g_autofree char *now = file_digest (db);
    g_autofree char *blob_now = file_digest (blob);

    g_assert_cmpstr (now, ==, db_sum);
    g_assert_cmpstr (blob_now, ==, blob_sum);
  }
  g_assert_cmpuint (count_prefixed (f->data_dir, "library.db.part"), ==, 0);
  g_assert_cmpuint (count_prefixed (f->dir, "link.tar.part"), ==, 0);

  /* An existing file: kept without --force, replaced with it. */
  g_assert_true (g_file_set_contents (tar, "keep me", -1, NULL));
  err = fails (f, 2, "pack", project, "--kind", "progress", "-o", tar, NULL);
  g_assert_nonnull (strstr (err, "--force"));
  g_clear_pointer (&err, g_free);
  g_assert_true (g_file_get_contents (tar, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, "keep me");
  g_clear_pointer (&contents, g_free);
  out = ok (f, "pack", project, "--kind", "progress", "-o", tar, "--force", NULL);
  g_clear_pointer (&out, g_free);
  out = ok (f, "verify", tar, NULL);
  g_clear_pointer (&out, g_free);

  g_assert_true (g_file_set_contents (pdf, "keep me", -1, NULL));
  err = fails (f, 2, "report", project, "--kind", "progress", "-o", pdf, NULL);
  g_assert_nonnull (strstr (err, "--force"));
  g_clear_pointer (&err, g_free);
  g_assert_true (g_file_get_contents (pdf, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, "keep me");
  g_clear_pointer (&contents, g_free);
  out = ok (f, "report", project, "--kind", "progress", "-o", pdf, "--force", NULL);
  g_assert_true (g_file_get_contents (pdf, &contents, NULL, NULL));
  g_assert_true (g_str_has_prefix (contents, "%PDF-"));

  /* No temporary file anywhere. */
  g_assert_cmpuint (count_prefixed (f->dir, "p.tar."), ==, 0);
  g_assert_cmpuint (count_prefixed (f->dir, "r.pdf."), ==, 0);
}

/* A project of @n_files files of @mib MiB each, different bytes in each. */
static char *
big_project (Fixture *f,
             guint    n_files,
             guint    mib)
{
  g_autofree char *project = g_strchomp (new_project (f, "大项目"));
  g_autofree char *big = g_build_filename (f->files, "big", NULL);
  g_autofree char *chunk = g_malloc (1024 * 1024);

  g_assert_cmpint (g_mkdir_with_parents (big, 0700), ==, 0);
  for (guint i = 0; i < n_files; i++)
    {
      g_autofree char *name = g_strdup_printf ("part-%02u.bin", i);
      g_autofree char *path = g_build_filename (big, name, NULL);
      FILE *file = fopen (path, "wb");

      g_assert_nonnull (file);
      for (guint m = 0; m < mib; m++)
        {
          memset (chunk, (int) (i * mib + m + 1), 1024 * 1024);
          g_assert_cmpuint (fwrite (chunk, 1, 1024 * 1024, file), ==, 1024 * 1024);
        }
      fclose (file);
    }
  g_free (ok (f, "resource", "add", project, big, NULL));
  approve_all (f, project);

  return g_steal_pointer (&project);
}

/* Starts `reslib pack`, waits until its temporary file exists, sends @signum and reaps it. */
static int
pack_and_signal (Fixture    *f,
                 const char *project,
                 const char *dest,
                 int         signum,
                 char      **err_out)
{
  g_autofree char *base = g_path_get_basename (dest);
  g_autofree char *part_prefix = g_strconcat (base, ".part-", NULL);
  g_auto(GStrv) env = make_env (f->data_dir);
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) text = g_string_new (NULL);
  const char *argv[] = { RESLIB_CLI_PATH, "pack", project, "--kind", "progress", "-o", dest, NULL };
  gint64 deadline;
  GPid pid;
  int err_fd = -1, status = 0;
  char buf[4096];
  gssize n_read;

  g_spawn_async_with_pipes (NULL, (char **) argv, env, G_SPAWN_DO_NOT_REAP_CHILD, NULL, NULL, &pid, NULL, NULL,
                            &err_fd, &error);
  g_assert_no_error (error);
  deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;
  while (g_get_monotonic_time () < deadline && count_prefixed (f->dir, part_prefix) == 0)
    g_usleep (200);
  g_assert_cmpuint (count_prefixed (f->dir, part_prefix), ==, 1);
  kill (pid, signum);
  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
  g_spawn_close_pid (pid);
  while ((n_read = read (err_fd, buf, sizeof buf)) > 0)
    g_string_append_len (text, buf, (gsize) n_read);
  close (err_fd);
  if (err_out != NULL)
    *err_out = g_strdup (text->str);

  return status;
}

/* SIGTERM and SIGINT during a pack: the temporary file goes, exit 3. SIGKILL leaves it, and the
 * next pack to the same file removes it; a temporary file another process holds stays. */
static void
test_pack_interrupted (Fixture       *f,
                       gconstpointer  data)
{
  g_autofree char *project = big_project (f, 8, 16);
  g_autofree char *dest = g_build_filename (f->dir, "big.tar", NULL);
  g_autofree char *live = g_build_filename (f->dir, "big.tar.part-Live01", NULL);
  g_autofree char *stale = g_build_filename (f->dir, "big.tar.part-Stale1", NULL);
  g_autofree char *other = g_build_filename (f->dir, "other.tar.part-Stale2", NULL);
  static const int signals[] = { SIGTERM, SIGINT };
  g_autofree char *out = NULL;
  int status, live_fd;

  for (guint i = 0; i < G_N_ELEMENTS (signals); i++)
    {
      g_autofree char *err = NULL;

      status = pack_and_signal (f, project, dest, signals[i], &err);
      g_assert_true (WIFEXITED (status));
      g_assert_cmpint (WEXITSTATUS (status), ==, 3);
      g_assert_nonnull (strstr (err, "Cancelled"));
      g_assert_false (g_file_test (dest, G_FILE_TEST_EXISTS));
      g_assert_cmpuint (count_prefixed (f->dir, "big.tar."), ==, 0);
    }

  /* Killed outright: the temporary file stays behind... */
  status = pack_and_signal (f, project, dest, SIGKILL, NULL);
  g_assert_true (WIFSIGNALED (status));
  g_assert_cmpuint (count_prefixed (f->dir, "big.tar.part-"), ==, 1);
  /* ...with an older one of a process long gone, one that a live process holds, and one of another file. */
  g_assert_true (g_file_set_contents (stale, "stale", -1, NULL));
  g_assert_true (g_file_set_contents (live, "live", -1, NULL));
  g_assert_true (g_file_set_contents (other, "other", -1, NULL));
  live_fd = open (live, O_RDONLY | O_CLOEXEC);
  g_assert_cmpint (live_fd, >=, 0);
  g_assert_cmpint (flock (live_fd, LOCK_EX), ==, 0);

  /* The next pack to that file removes the stale ones, and only them. */
  out = ok (f, "pack", project, "--kind", "progress", "-o", dest, NULL);
  g_assert_cmpuint (count_prefixed (f->dir, "big.tar.part-"), ==, 1);
  g_assert_true (g_file_test (live, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (other, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (dest, G_FILE_TEST_IS_REGULAR));
  close (live_fd);
  g_clear_pointer (&out, g_free);
  out = ok (f, "verify", dest, NULL);
}

/* Runs `reslib --data-dir DATA_DIR import TAR` with its stderr on a terminal (a pseudo-terminal read here);
 * returns what it printed there. */
static char *
import_on_terminal (Fixture    *f,
                    const char *data_dir,
                    const char *tar)
{
  g_auto(GStrv) env = make_env (f->data_dir);
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) text = g_string_new (NULL);
  const char *argv[] = { RESLIB_CLI_PATH, "--data-dir", data_dir, "import", tar, NULL };
  int master, slave, status = 0;
  char buf[4096];
  gssize n_read;
  GPid pid;

  master = posix_openpt (O_RDWR | O_NOCTTY);
  g_assert_cmpint (master, >=, 0);
  g_assert_cmpint (grantpt (master), ==, 0);
  g_assert_cmpint (unlockpt (master), ==, 0);
  slave = open (ptsname (master), O_RDWR | O_NOCTTY);
  g_assert_cmpint (slave, >=, 0);
  g_spawn_async_with_pipes_and_fds (NULL, argv, (const char * const *) env,
                                    G_SPAWN_DO_NOT_REAP_CHILD | G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL,
                                    -1, -1, slave, NULL, NULL, 0, &pid, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  close (slave);
  /* Until the child's end of the terminal is closed (EIO). */
  while ((n_read = read (master, buf, sizeof buf)) > 0)
    g_string_append_len (text, buf, (gsize) n_read);
  close (master);
  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
  g_spawn_close_pid (pid);
  g_assert_true (WIFEXITED (status));
  g_assert_cmpint (WEXITSTATUS (status), ==, 0);

  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* Starts `reslib --data-dir DATA_DIR import TAR`, sends SIGINT once it stages the package's files, and
 * reaps it: its exit status, and what it printed on stderr in @err_out. */
static int
import_and_interrupt (Fixture    *f,
                      const char *data_dir,
                      const char *tar,
                      char      **err_out)
{
  g_autofree char *tmp = g_build_filename (data_dir, "blobs", "tmp", NULL);
  g_auto(GStrv) env = make_env (f->data_dir);
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) text = g_string_new (NULL);
  const char *argv[] = { RESLIB_CLI_PATH, "--data-dir", data_dir, "import", tar, NULL };
  gint64 deadline;
  GPid pid;
  int err_fd = -1, status = 0;
  char buf[4096];
  gssize n_read;

  g_spawn_async_with_pipes (NULL, (char **) argv, env, G_SPAWN_DO_NOT_REAP_CHILD, NULL, NULL, &pid, NULL, NULL,
                            &err_fd, &error);
  g_assert_no_error (error);
  /* Under way: the package was verified, and its files are being staged. */
  deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;
  while (g_get_monotonic_time () < deadline && reslib_test_count_files (tmp) == 0)
    g_usleep (200);
  kill (pid, SIGINT);
  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
  g_spawn_close_pid (pid);
  while ((n_read = read (err_fd, buf, sizeof buf)) > 0)
    g_string_append_len (text, buf, (gsize) n_read);
  close (err_fd);
  *err_out = g_string_free (g_steal_pointer (&text), FALSE);

  return status;
}

/* `reslib import` shows its progress on a terminal, as `reslib pack` does, and only there; Ctrl-C cancels
 * it with exit 3 and leaves the store as it was, and the same package imports afterwards. */
static void
test_import_progress_interrupted (Fixture       *f,
                                  gconstpointer  data)
{
  g_autofree char *project = big_project (f, 8, 16);
  g_autofree char *tar = g_build_filename (f->dir, "big.tar", NULL);
  g_autofree char *shown = g_build_filename (f->dir, "shown", NULL);
  g_autofree char *plain = g_build_filename (f->dir, "plain", NULL);
  g_autofree char *other = g_build_filename (f->dir, "other", NULL);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *err = NULL;
  g_autofree char *out = NULL;
  g_autoptr(ReslibCliResult) r = NULL;
  int status;

  g_free (ok (f, "pack", project, "--kind", "progress", "-o", tar, NULL));

  /* On a terminal: the progress line, rewritten in place, and cleared at the end. */
  err = import_on_terminal (f, shown, tar);
  g_assert_nonnull (strstr (err, "Importing: "));
  g_assert_nonnull (strstr (err, "of 8 files"));
  g_assert_true (g_str_has_suffix (err, "\r\033[K"));
  g_clear_pointer (&err, g_free);
  /* Not on a terminal: no progress. */
  r = run (f, "--data-dir", plain, "import", tar, NULL);
  g_assert_cmpint (r->status, ==, 0);
  g_assert_null (strstr (r->err, "Importing: "));
  g_clear_pointer (&r, reslib_cli_result_free);

  /* Interrupted, into an empty library. */
  g_free (ok (f, "--data-dir", other, "project", "list", NULL));
  before = snapshot_of (other);
  status = import_and_interrupt (f, other, tar, &err);
  g_assert_true (WIFEXITED (status));
  if (WEXITSTATUS (status) == 0)
    {
      g_test_skip ("The import finished before it could be interrupted");
      return;
    }
  g_assert_cmpint (WEXITSTATUS (status), ==, 3);
  g_assert_true (g_str_has_prefix (err, "reslib: "));
  g_assert_nonnull (strstr (err, "Cancelled"));
  after = snapshot_of (other);
  g_assert_cmpstr (after, ==, before);

  /* The same package imports afterwards. */
  out = ok (f, "--data-dir", other, "import", tar, NULL);
  g_assert_nonnull (strstr (out, "added 8, updated 0, unchanged 0, conflicts 0"));
}

/* Text from the store and from packages reaches the terminal with its control characters escaped. */
static void
test_escaped_output (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *project = g_strchomp (new_project (f, "转义测试"));
  g_autofree char *file = write_file (f, "讲义.txt", "外圆车削\n");
  g_autofree char *second = write_file (f, "讲义二.txt", "螺纹加工\n");
  g_autofree char *evil_name = g_build_filename (f->files, "name\033[2Jx.txt", NULL);
  g_autofree char *tar = g_build_filename (f->dir, "evil.tar", NULL);
  g_autofree char *other = g_build_filename (f->dir, "other", NULL);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(ReslibCliResult) r = NULL;

  g_free (ok_id (f, "resource", "add", project, file, "--title", "evil\033]0;x\007title", NULL));
  g_free (ok (f, "project", "set", project, "name=项目\033[31m红", NULL));

  out = ok (f, "resource", "list", project, NULL);
  g_assert_null (strchr (out, '\033'));
  g_assert_null (strchr (out, '\007'));
  g_assert_nonnull (strstr (out, "evil\\x1b]0;x\\x07title"));
  g_clear_pointer (&out, g_free);
  out = ok (f, "project", "show", project, NULL);
  g_assert_null (strchr (out, '\033'));
  g_assert_nonnull (strstr (out, "项目\\x1b[31m红"));
  g_clear_pointer (&out, g_free);
  out = ok (f, "project", "list", NULL);
  g_assert_null (strchr (out, '\033'));
  g_clear_pointer (&out, g_free);

  /* A C1 control (U+009B, a CSI for some terminals) and a bidirectional override, in text and in JSON. */
  g_free (ok_id (f, "resource", "add", project, second, "--title", "c1\xc2\x9b[31m \xe2\x80\xae" "abc", NULL));
  out = ok (f, "resource", "list", project, NULL);
  g_assert_null (strstr (out, "\xc2\x9b"));
  g_assert_null (strstr (out, "\xe2\x80\xae"));
  g_assert_nonnull (strstr (out, "c1\\u{009b}[31m \\u{202e}abc"));
  g_clear_pointer (&out, g_free);
  out = ok (f, "resource", "list", project, "--json", NULL);
  g_assert_null (strstr (out, "\xc2\x9b"));
  g_assert_null (strstr (out, "\xe2\x80\xae"));
  {
    g_autoptr(JsonNode) json = parse_json (out);
    JsonArray *list = json_node_get_array (json);
    gboolean found = FALSE;

    for (guint i = 0; i < json_array_get_length (list); i++)
      found |= g_strcmp0 (json_object_get_string_member (json_array_get_object_element (list, i), "title"),
                          "c1\xc2\x9b[31m \xe2\x80\xae" "abc") == 0;
    g_assert_true (found);
  }
  g_clear_pointer (&out, g_free);

  approve_all (f, project);

  /* From a package, in another library. */
  g_free (ok (f, "pack", project, "--kind", "progress", "-o", tar, NULL));
  out = ok (f, "--data-dir", other, "import", tar, NULL);
  g_clear_pointer (&out, g_free);
  r = run (f, "--data-dir", other, "resource", "list", project, NULL);
  assert_ok (r);
  g_assert_null (strchr (r->out, '\033'));
  g_assert_nonnull (strstr (r->out, "\\x1b]0;x\\x07"));
  g_clear_pointer (&r, reslib_cli_result_free);

  /* In error messages: a file name, an argument. */
  err = fails (f, 4, "verify", evil_name, NULL);
  g_assert_null (strchr (err, '\033'));
  g_assert_nonnull (strstr (err, "\\x1b[2J"));
  g_clear_pointer (&err, g_free);
  err = fails (f, 2, "pack", project, "--kind", "\033[31mred", "-o", tar, NULL);
  g_assert_null (strchr (err, '\033'));
  g_assert_nonnull (strstr (err, "\\x1b[31mred"));
}

/* JSON output, whichever writer made it (json-glib's generator for `project show`, the records' own for
 * `resource list`), has every control character escaped; U+001F too, which json-glib 1.6 writes as it is. */
static void
test_escaped_json (Fixture       *f,
                   gconstpointer  data)
{
  static const char name[] = "unit\x1fsep\bback\ffeed\x7f\x01";
  g_autofree char *project = g_strchomp (new_project (f, "控制字符"));
  g_autofree char *file = write_file (f, "讲义.txt", "外圆车削\n");
  g_autofree char *out = NULL;
  g_autoptr(JsonNode) json = NULL;
  JsonArray *list;

  g_free (ok (f, "project", "set", project, "name=" "unit\x1fsep\bback\ffeed\x7f\x01", NULL));
  g_free (ok_id (f, "resource", "add", project, file, "--title", name, NULL));

  out = ok (f, "project", "show", project, "--json", NULL);
  for (const char *p = out; *p; p++)
    g_assert_true ((guchar) *p >= 0x20 || *p == '\n');
  g_assert_nonnull (strstr (out, "unit\\u001fsep\\bback\\ffeed\\u007f\\u0001"));
  json = parse_json (out);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (json), "name"), ==, name);
  g_clear_pointer (&json, json_node_unref);
  g_clear_pointer (&out, g_free);

  out = ok (f, "resource", "list", project, "--json", NULL);
  for (const char *p = out; *p; p++)
    g_assert_true ((guchar) *p >= 0x20 || *p == '\n');
  g_assert_nonnull (strstr (out, "unit\\u001fsep\\bback\\ffeed\\u007f\\u0001"));
  json = parse_json (out);
  list = json_node_get_array (json);
  g_assert_cmpuint (json_array_get_length (list), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (list, 0), "title"), ==, name);
}

/* Rebuilds the bag of @src into @dest with every @from in data/manifest.json replaced by @to. */
static void
rebag_replacing (const char         *src,
                 const char         *dest,
                 const char * const *from,
                 const char * const *to)
{
  struct archive *in, *out;
  struct archive_entry *entry;
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) texts = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  g_autoptr(GString) manifest = g_string_new (NULL);
  g_autoptr(GString) tags = g_string_new (NULL);
  guint64 bytes = 0;
  guint n = 0;
  int info = -1, man = -1, tag = -1, r;
  /* Names in the bag are UTF-8: libarchive takes the character set of the thread's locale
   * when the archive object is made. */
  locale_t utf8 = newlocale (LC_ALL_MASK, "C.UTF-8", (locale_t) 0);
  locale_t previous = uselocale (utf8);

  in = archive_read_new ();
  out = archive_write_new ();

  archive_read_support_format_tar (in);
  g_assert_cmpint (archive_read_open_filename (in, src, 65536), ==, ARCHIVE_OK);
  while ((r = archive_read_next_header (in, &entry)) == ARCHIVE_OK || r == ARCHIVE_WARN)
    {
      gsize size = (gsize) archive_entry_size (entry);
      char *buffer;
      const char *name = archive_entry_pathname (entry);
      const char *rel;

      g_assert_nonnull (name);
      if (archive_entry_filetype (entry) != AE_IFREG)
        continue;
      rel = strchr (name, '/') + 1;
      buffer = g_malloc (size + 1);
      g_assert_cmpint (archive_read_data (in, buffer, size), ==, (la_ssize_t) size);
      buffer[size] = '\0';
      if (strcmp (rel, "data/manifest.json") == 0)
        {
          g_autoptr(GString) edited = g_string_new_len (buffer, (gssize) size);

          for (guint i = 0; from[i] != NULL; i++)
            g_assert_cmpuint (g_string_replace (edited, from[i], to[i], 0), >, 0);
          g_free (buffer);
          size = edited->len;
          buffer = g_string_free (g_steal_pointer (&edited), FALSE);
        }
      if (strcmp (rel, "bag-info.txt") == 0)
        info = (int) names->len;
      else if (strcmp (rel, "manifest-sha256.txt") == 0)
        man = (int) names->len;
      else if (strcmp (rel, "tagmanifest-sha256.txt") == 0)
        tag = (int) names->len;
      else if (g_str_has_prefix (rel, "data/"))
        {
          g_autofree char *sum = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) buffer, size);

          g_string_append_printf (manifest, "%s  %s\n", sum, rel);
          bytes += size;
          n++;
        }
      g_ptr_array_add (names, g_strdup (name));
      g_ptr_array_add (texts, g_bytes_new_take (buffer, size));
    }
  archive_read_free (in);
  g_assert_cmpint (info, >=, 0);
  g_assert_cmpint (man, >=, 0);
  g_assert_cmpint (tag, >=, 0);
  {
    g_auto(GStrv) lines = g_strsplit (g_bytes_get_data (g_ptr_array_index (texts, info), NULL), "\n", -1);
    g_autoptr(GString) text = g_string_new (NULL);

    for (guint i = 0; lines[i] != NULL && lines[i][0] != '\0'; i++)
      if (g_str_has_prefix (lines[i], "Payload-Oxum: "))
        g_string_append_printf (text, "Payload-Oxum: %" G_GUINT64_FORMAT ".%u\n", bytes, n);
      else
        g_string_append_printf (text, "%s\n", lines[i]);
    g_bytes_unref (texts->pdata[info]);
    texts->pdata[info] = g_bytes_new (text->str, text->len);
    g_bytes_unref (texts->pdata[man]);
    texts->pdata[man] = g_bytes_new (manifest->str, manifest->len);
    for (guint i = 0; i < names->len; i++)
      {
        const char *rel = strchr (g_ptr_array_index (names, i), '/') + 1;

        if ((int) i != tag && !g_str_has_prefix (rel, "data/"))
          {
            g_autofree char *sum = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, g_ptr_array_index (texts, i));

            g_string_append_printf (tags, "%s  %s\n", sum, rel);
          }
      }
    g_bytes_unref (texts->pdata[tag]);
    texts->pdata[tag] = g_bytes_new (tags->str, tags->len);
  }

  archive_write_set_format_pax_restricted (out);
  g_assert_cmpint (archive_write_open_filename (out, dest), ==, ARCHIVE_OK);
  for (guint i = 0; i < names->len; i++)
    {
      GBytes *text = g_ptr_array_index (texts, i);

      entry = archive_entry_new ();
      archive_entry_set_pathname (entry, g_ptr_array_index (names, i));
      archive_entry_set_filetype (entry, AE_IFREG);
      archive_entry_set_perm (entry, 0644);
      archive_entry_set_mtime (entry, 1700000000, 0);
      archive_entry_set_size (entry, (la_int64_t) g_bytes_get_size (text));
      g_assert_cmpint (archive_write_header (out, entry), >=, ARCHIVE_WARN);
      if (g_bytes_get_size (text) > 0)
        g_assert_cmpint (archive_write_data (out, g_bytes_get_data (text, NULL), g_bytes_get_size (text)), ==,
                         (la_ssize_t) g_bytes_get_size (text));
      archive_entry_free (entry);
    }
  g_assert_cmpint (archive_write_close (out), ==, ARCHIVE_OK);
  archive_write_free (out);
  uselocale (previous);
  freelocale (utf8);
}

/* DESIGN §7: 2 for a wrong command line only, 4 for bad input data (a damaged package, a package whose
 * records the store refuses, a missing file), 3 for the machine; the store unchanged after each. */
static void
test_exit_codes (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *project = g_strchomp (new_project (f, "退出码"));
  g_autofree char *file = write_file (f, "讲义.txt", "外圆车削\n");
  g_autofree char *tar = g_build_filename (f->dir, "p.tar", NULL);
  g_autofree char *bad = g_build_filename (f->dir, "bad.tar", NULL);
  g_autofree char *other = g_build_filename (f->dir, "other", NULL);
  g_autofree char *missing = g_build_filename (f->dir, "missing.tar", NULL);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr(JsonNode) json = NULL;
  g_autoptr(ReslibCliResult) r = NULL;
  const char *major_id;
  const char *major_code;

  g_free (ok_id (f, "resource", "add", project, file, NULL));
  approve_all (f, project);
  g_free (ok (f, "pack", project, "--kind", "progress", "-o", tar, NULL));
  out = ok (f, "project", "show", project, "--json", NULL);
  json = parse_json (out);
  {
    JsonObject *major = json_array_get_object_element (
      json_object_get_array_member (json_node_get_object (json), "majors"), 0);

    major_id = json_object_get_string_member (major, "id");
    major_code = json_object_get_string_member (major, "code");
  }

  /* A well-formed bag whose project has two core majors: the store refuses it when it imports. */
  rebag_replacing (tar, bad, (const char * const[]) { major_id, major_code, NULL },
                   (const char * const[]) { "00000000-0000-4000-8000-00000000cafe", "999999", NULL });
  out = (g_free (out), ok (f, "verify", bad, NULL));
  g_free (ok (f, "--data-dir", other, "import", tar, NULL));
  r = run (f, "--data-dir", other, "project", "list", NULL);
  assert_ok (r);
  g_clear_pointer (&r, reslib_cli_result_free);
  {
    g_autofree char *other_db = g_build_filename (other, "library.db", NULL);
    g_autofree char *dump1 = reslib_test_sql_text (other_db, "SELECT group_concat (id || ':' || code, ',') FROM project_majors");
    g_autofree char *dump2 = NULL;

    /* Only a package let to change the dossier adds a major to a project the store has: without
     * --update-dossier the second core major is a conflict, kept in the log, and the majors stay. */
    r = run (f, "--data-dir", other, "import", bad, "--update-dossier", NULL);
    assert_fails (r, 4);
    g_clear_pointer (&r, reslib_cli_result_free);
    dump2 = reslib_test_sql_text (other_db, "SELECT group_concat (id || ':' || code, ',') FROM project_majors");
    g_assert_cmpstr (dump1, ==, dump2);
    g_clear_pointer (&dump2, g_free);
    r = run (f, "--data-dir", other, "import", bad, NULL);
    assert_ok (r);
    g_assert_nonnull (strstr (r->out, "--update-dossier"));
    g_clear_pointer (&r, reslib_cli_result_free);
    dump2 = reslib_test_sql_text (other_db, "SELECT group_concat (id || ':' || code, ',') FROM project_majors");
    g_assert_cmpstr (dump1, ==, dump2);
  }

  before = snapshot (f);
  /* A damaged package and a missing one: 4. */
  {
    g_autofree char *contents = NULL;
    gsize len;

    g_assert_true (g_file_get_contents (tar, &contents, &len, NULL));
    contents[len / 2] ^= 1;
    g_assert_true (g_file_set_contents (bad, contents, (gssize) len, NULL));
  }
  r = run (f, "import", bad, NULL);
  g_assert_cmpint (r->status, ==, 4);
  g_clear_pointer (&r, reslib_cli_result_free);
  err = fails (f, 4, "import", missing, NULL);
  g_clear_pointer (&err, g_free);
  err = fails (f, 4, "verify", missing, NULL);
  g_clear_pointer (&err, g_free);
  err = fails (f, 4, "resource", "add", project, missing, NULL);
  g_clear_pointer (&err, g_free);
  err = fails (f, 4, "validate", project, "--profile", missing, NULL);
  g_clear_pointer (&err, g_free);

  /* Wrong command lines: 2. */
  err = fails (f, 2, "pack", project, "--kind", "progress", "--no-such-option", "-o", bad, NULL);
  g_clear_pointer (&err, g_free);
  err = fails (f, 2, "import", tar, "--into", "ffffffff", NULL);
  g_clear_pointer (&err, g_free);
  err = fails (f, 2, "project", "set", project, "start_date=someday", NULL);
  g_clear_pointer (&err, g_free);
  err = fails (f, 2, "project", "show", "ffffffff", NULL);
  g_clear_pointer (&err, g_free);

  /* The machine: an output folder that does not exist, 3. */
  err = fails (f, 3, "pack", project, "--kind", "progress", "-o", "/nonexistent/dir/p.tar", NULL);
  after = snapshot (f);
  g_assert_cmpstr (before, ==, after);
}

/* resource import-sheet: a dry run writes nothing; a row's error fails with 4 and lists it; else the
 * change is written; --json has the documented members. */
static void
test_import_sheet (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *project = new_project (f, "表格项目");
  g_autofree char *a = reslib_test_write_file (f->files, "a.txt", "aaa", -1);
  g_autofree char *id = ok_id (f, "resource", "add", project, a, NULL);
  g_autofree char *good = NULL, *bad = NULL, *list = NULL, *json = NULL, *dry = NULL;
  g_autoptr(ReslibCliResult) r = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *csv_good = g_strdup_printf ("资源名称,作者,资源编号\n新标题,\"张三，李四\",%s\n", id);
  g_autofree char *csv_bad = g_strdup_printf ("资源名称,资源编号\n新标题,%s\nx,no-such-id\n", id);

  good = reslib_test_write_file (f->dir, "good.csv", csv_good, -1);
  bad = reslib_test_write_file (f->dir, "bad.csv", csv_bad, -1);

  r = run (f, "resource", "import-sheet", project, bad, NULL);
  g_assert_cmpint (r->status, ==, 4);
  g_assert_nonnull (strstr (r->err, "Row 3: no resource of the project has the id “no-such-id”"));
  g_assert_nonnull (strstr (r->err, "nothing was changed"));
  g_clear_pointer (&r, reslib_cli_result_free);

  dry = ok (f, "resource", "import-sheet", project, good, "--dry-run", NULL);
  g_assert_nonnull (strstr (dry, "作者: — → 张三、李四"));
  list = ok (f, "resource", "list", project, NULL);
  g_assert_null (strstr (list, "新标题"));
  g_clear_pointer (&list, g_free);

  json = ok (f, "resource", "import-sheet", project, good, "--json", NULL);
  node = json_from_string (json, &error);
  g_assert_no_error (error);
  g_assert_true (json_object_get_boolean_member (json_node_get_object (node), "applied"));
  g_assert_cmpint (json_object_get_int_member (json_node_get_object (node), "header_row"), ==, 1);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (json_node_get_object (node), "rows")), ==, 1);
  list = ok (f, "resource", "list", project, NULL);
  g_assert_nonnull (strstr (list, "新标题"));
}

/* In Chinese the tables name their columns and values in Chinese: no "ID LEVEL START NAME", "higher",
 * "draft" or "text" (--json keeps the stored values). */
static void
test_tables_zh_CN (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *project = NULL, *file = NULL;
  g_autofree char *out = NULL;
  g_auto(GStrv) env = make_env (f->data_dir);
  const char *lists[][4] = { { "project", "list", NULL, NULL }, { "resource", "list", NULL, NULL },
                             { "project", "show", NULL, NULL } };

  project = ok_id (f, "project", "new", "--name", "中文表格", "--core-major", "460103:数控技术", NULL);
  file = g_build_filename (f->files, "讲义.txt", NULL);
  g_assert_true (g_file_set_contents (file, "讲义\n", -1, NULL));
  g_free (ok_id (f, "resource", "add", project, file, NULL));
  g_free (ok (f, "unit", "add", project, "--name", "示范学院", "--kind", "higher-vocational", "--role", "host",
              "--host-rank", "1", NULL));
  lists[1][2] = project;
  lists[2][2] = project;

  env = g_environ_setenv (env, "LANGUAGE", "zh_CN", TRUE);
  env = g_environ_setenv (env, "LC_ALL", "zh_CN.UTF-8", TRUE);
  for (guint i = 0; i < G_N_ELEMENTS (lists); i++)
    {
      g_autoptr(GPtrArray) argv = g_ptr_array_new ();
      g_autofree char *err = NULL;
      g_autoptr(GError) error = NULL;
      int status = 0;

      g_ptr_array_add (argv, (gpointer) RESLIB_CLI_PATH);
      for (guint j = 0; lists[i][j] != NULL; j++)
        g_ptr_array_add (argv, (gpointer) lists[i][j]);
      g_ptr_array_add (argv, NULL);
      g_clear_pointer (&out, g_free);
      g_spawn_sync (NULL, (char **) argv->pdata, env, G_SPAWN_DEFAULT, NULL, NULL, &out, &err, &status, &error);
      g_assert_no_error (error);
      g_assert_true (g_spawn_check_wait_status (status, NULL));
      if (strstr (out, "中文表格") == NULL && strstr (out, "讲义") == NULL)
        {
          /* zh_CN.UTF-8 is not generated here: nothing to check */
          g_test_skip ("the zh_CN.UTF-8 locale is missing");
          return;
        }
      for (const char * const *word = (const char * const[]) { "LEVEL", "START", "NAME", "STATE", "TYPE",
                                                               "TITLE", "higher", "draft", " text",
                                                               "host", "core ", "level:", NULL };
           *word != NULL; word++)
        if (strstr (out, *word) != NULL)
          g_error ("`reslib %s %s` in zh_CN prints “%s”:\n%s", lists[i][0], lists[i][1], *word, out);
    }
  g_assert_nonnull (strstr (out, "高职"));
  g_assert_nonnull (strstr (out, "主持单位"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/cli/usage", test_usage);
  ADD ("/cli/data-dir", test_data_dir_option);
  ADD ("/cli/project", test_project);
  ADD ("/cli/structure", test_structure);
  ADD ("/cli/ids/ambiguous", test_ambiguous);
  ADD ("/cli/resource", test_resources);
  ADD ("/cli/resource/duplicates", test_resource_duplicates);
  ADD ("/cli/review", test_review);
  ADD ("/cli/bad-input/files", test_bad_files);
  ADD ("/cli/bad-input/unreadable", test_unreadable);
  ADD ("/cli/store-errors", test_store_errors);
  ADD ("/cli/cancel", test_cancel);
  ADD ("/cli/output/safety", test_output_safety);
  ADD ("/cli/output/interrupted", test_pack_interrupted);
  ADD ("/cli/import/progress-interrupted", test_import_progress_interrupted);
  ADD ("/cli/output/escaped", test_escaped_output);
  ADD ("/cli/output/escaped-json", test_escaped_json);
  ADD ("/cli/exit-codes", test_exit_codes);
#undef ADD

  g_test_add ("/cli/tables-zh_CN", Fixture, NULL, fixture_setup, test_tables_zh_CN, fixture_teardown);
  g_test_add ("/cli/validate", Fixture, NULL, fixture_setup, test_validate, fixture_teardown);
  g_test_add ("/cli/validate/export", Fixture, NULL, fixture_setup, test_validate_export, fixture_teardown);
  g_test_add ("/cli/report", Fixture, NULL, fixture_setup, test_report, fixture_teardown);
  g_test_add ("/cli/report/format", Fixture, NULL, fixture_setup, test_report_format, fixture_teardown);
  g_test_add ("/cli/export", Fixture, NULL, fixture_setup, test_export, fixture_teardown);
  g_test_add ("/cli/import-sheet", Fixture, NULL, fixture_setup, test_import_sheet, fixture_teardown);
  g_test_add ("/cli/report/resource-list", Fixture, NULL, fixture_setup, test_report_resource_list, fixture_teardown);
  g_test_add ("/cli/pack-verify", Fixture, NULL, fixture_setup, test_pack_verify, fixture_teardown);
  g_test_add ("/cli/import", Fixture, NULL, fixture_setup, test_import, fixture_teardown);
  g_test_add ("/cli/import-merge", Fixture, NULL, fixture_setup, test_import_merge, fixture_teardown);
  return g_test_run ();
}
