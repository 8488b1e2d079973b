/* test-statement.c — the statement layer: binds, steps, columns, the cache, and errors in the store's words
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <locale.h>
#include <sqlite3.h>
#include <string.h>

#include "reslib-statement.h"
#include "reslib-test-utils.h"

typedef struct
{
  char        *dir;
  char        *data_dir;
  ReslibStore *store;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  f->dir = reslib_test_make_tmp_dir ("reslib-statement-XXXXXX");
  f->data_dir = g_build_filename (f->dir, "data", NULL);
  f->store = reslib_test_open_store (f->data_dir);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_object (&f->store);
  reslib_test_rm_rf (f->dir);
  g_free (f->dir);
  g_free (f->data_dir);
}

static void
exec (ReslibStore *store,
      const char  *sql)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ReslibStatement) stmt = reslib_statement_new (store, sql, &error);

  g_assert_no_error (error);
  g_assert_true (reslib_statement_execute (stmt, &error));
  g_assert_no_error (error);
}

/* Every kind of value goes in by index and comes out as it went in. */
static void
test_bind_by_index (Fixture       *f,
                    gconstpointer  data)
{
  static const guint8 bytes[] = { 0x00, 0xff, 0x1f, 0x00, 0x7f };
  g_autoptr(GError) error = NULL;
  g_autoptr(ReslibStatement) stmt = NULL;
  gconstpointer blob;
  gsize size = 0;

  stmt = reslib_statement_new (f->store, "SELECT ?1, ?2, ?3, ?4, ?5, typeof (?4), ?6", &error);
  g_assert_no_error (error);
  reslib_statement_bind_text (stmt, 1, "数控技术");
  reslib_statement_bind_int64 (stmt, 2, G_MAXINT64);
  reslib_statement_bind_double (stmt, 3, 29.97);
  reslib_statement_bind_null (stmt, 4);
  reslib_statement_bind_blob (stmt, 5, bytes, sizeof bytes);
  reslib_statement_bind_text (stmt, 6, NULL);

  g_assert_true (reslib_statement_step (stmt, &error));
  g_assert_no_error (error);
  g_assert_cmpint (reslib_statement_get_n_columns (stmt), ==, 7);
  g_assert_cmpstr (reslib_statement_get_text (stmt, 0), ==, "数控技术");
  g_assert_cmpint (reslib_statement_get_int64 (stmt, 1), ==, G_MAXINT64);
  g_assert_cmpfloat (reslib_statement_get_double (stmt, 2), ==, 29.97);
  g_assert_true (reslib_statement_is_null (stmt, 3));
  g_assert_null (reslib_statement_get_text (stmt, 3));
  blob = reslib_statement_get_blob (stmt, 4, &size);
  g_assert_cmpmem (blob, size, bytes, sizeof bytes);
  g_assert_cmpstr (reslib_statement_get_text (stmt, 5), ==, "null");
  g_assert_true (reslib_statement_is_null (stmt, 6));
  g_assert_false (reslib_statement_is_null (stmt, 0));

  g_assert_false (reslib_statement_step (stmt, &error));
  g_assert_no_error (error);
  g_assert_false (reslib_statement_failed (stmt));
}

/* Names bind the same values; a name the SQL does not have fails at the step, in words. */
static void
test_bind_by_name (Fixture       *f,
                   gconstpointer  data)
{
  static const char bytes[] = "tar";
  g_autoptr(GError) error = NULL;
  g_autoptr(ReslibStatement) stmt = NULL;
  g_autofree char *copy = NULL;
  gsize size = 0;

  stmt = reslib_statement_new (f->store, "SELECT :text, :int, :double, :null, :blob, :text", &error);
  g_assert_no_error (error);
  g_assert_cmpint (reslib_statement_bind_index (stmt, ":int"), ==, 2);
  g_assert_cmpint (reslib_statement_bind_index (stmt, ":none"), ==, 0);
  reslib_statement_bind_text_named (stmt, ":text", "课程");
  reslib_statement_bind_int64_named (stmt, ":int", -42);
  reslib_statement_bind_double_named (stmt, ":double", -0.5);
  reslib_statement_bind_null_named (stmt, ":null");
  reslib_statement_bind_blob_named (stmt, ":blob", bytes, 3);
  g_assert_true (reslib_statement_step (stmt, &error));
  g_assert_no_error (error);
  copy = reslib_statement_dup_text (stmt, 5);
  g_assert_cmpstr (copy, ==, "课程");
  g_assert_cmpint (reslib_statement_get_int64 (stmt, 1), ==, -42);
  g_assert_cmpfloat (reslib_statement_get_double (stmt, 2), ==, -0.5);
  g_assert_true (reslib_statement_is_null (stmt, 3));
  g_assert_cmpmem (reslib_statement_get_blob (stmt, 4, &size), size, "tar", 3);

  reslib_statement_reset (stmt);
  reslib_statement_bind_text_named (stmt, ":missing", "x");
  g_assert_false (reslib_statement_step (stmt, &error));
  g_assert_true (reslib_statement_failed (stmt));
  g_assert_error (error, RESLIB_ERROR, RESLIB_ERROR_FAILED);
  g_assert_nonnull (strstr (error->message, "failed unexpectedly"));
  g_assert_nonnull (strstr (error->message, "try again, or report the problem"));
}

/* A reset clears the bindings; freed statements go back to the cache and come back clean. */
static void
test_reset_and_cache (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  ReslibStatement *first;
  ReslibStatement *again;

  first = reslib_statement_new (f->store, "SELECT ?1", &error);
  g_assert_no_error (error);
  reslib_statement_bind_int64 (first, 1, 7);
  g_assert_true (reslib_statement_step (first, &error));
  g_assert_cmpint (reslib_statement_get_int64 (first, 0), ==, 7);
  reslib_statement_reset (first);
  g_assert_true (reslib_statement_step (first, &error));
  g_assert_true (reslib_statement_is_null (first, 0));
  reslib_statement_bind_int64 (first, 1, 8);
  reslib_statement_free (first);

  again = reslib_statement_new (f->store, "SELECT ?1", &error);
  g_assert_no_error (error);
  g_assert_true (again == first);
  g_assert_true (reslib_statement_step (again, &error));
  g_assert_true (reslib_statement_is_null (again, 0));
  reslib_statement_free (again);
}

/* The same SQL run again while its cached statement is still reading rows gets a statement of its own,
 * and the outer one reads on where it was. */
static void
test_nested_same_sql (Fixture       *f,
                      gconstpointer  data)
{
  const char *sql = "SELECT value FROM json_each ('[1, 2, 3]') WHERE value >= ?1 ORDER BY value";
  g_autoptr(GError) error = NULL;
  g_autoptr(ReslibStatement) outer = reslib_statement_new (f->store, sql, &error);
  gint64 sum = 0;

  g_assert_no_error (error);
  reslib_statement_bind_int64 (outer, 1, 1);
  while (reslib_statement_step (outer, &error))
    {
      g_autoptr(ReslibStatement) inner = reslib_statement_new (f->store, sql, &error);

      g_assert_no_error (error);
      g_assert_true (inner != outer);
      reslib_statement_bind_int64 (inner, 1, reslib_statement_get_int64 (outer, 0));
      while (reslib_statement_step (inner, &error))
        sum += reslib_statement_get_int64 (inner, 0);
      g_assert_no_error (error);
    }
  g_assert_no_error (error);
  /* 1+2+3 + 2+3 + 3 */
  g_assert_cmpint (sum, ==, 14);
}

/* SQL that does not parse is refused at prepare, in the store's words (not SQLite's). */
static void
test_error_wrong_sql (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ReslibStatement) stmt = reslib_statement_new (f->store, "SELEC id FROM projects", &error);
  g_autofree char *expected = g_strdup_printf ("The database “%s” failed unexpectedly (error 1): try again, or report the problem",
                                               reslib_store_get_db_path (f->store));

  g_assert_null (stmt);
  g_assert_error (error, RESLIB_ERROR, RESLIB_ERROR_FAILED);
  g_assert_cmpstr (error->message, ==, expected);
  g_clear_error (&error);

  stmt = reslib_statement_new (f->store, "SELECT id FROM no_such_table", &error);
  g_assert_null (stmt);
  g_assert_error (error, RESLIB_ERROR, RESLIB_ERROR_FAILED);
  g_assert_null (strstr (error->message, "no_such_table"));
}

/* A broken rule of the data model is told in words, by kind of rule, without SQLite's text. */
static void
test_error_constraint (Fixture       *f,
                       gconstpointer  data)
{
  const char *insert = "INSERT INTO projects (id, name, level, created_at, updated_at) VALUES (?, ?, ?, 'now', 'now')";
  g_autoptr(GError) error = NULL;
  g_autoptr(ReslibStatement) stmt = reslib_statement_new (f->store, insert, &error);

  g_assert_no_error (error);
  reslib_statement_bind_texts (stmt, 1, (const char * const[]) { "p1", "项目", "higher", NULL });
  g_assert_true (reslib_statement_execute (stmt, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (reslib_statement_get_changes (stmt), ==, 1);

  reslib_statement_reset (stmt);
  reslib_statement_bind_texts (stmt, 1, (const char * const[]) { "p1", "又一个", "higher", NULL });
  g_assert_false (reslib_statement_execute (stmt, &error));
  g_assert_error (error, RESLIB_ERROR, RESLIB_ERROR_CONSTRAINT);
  g_assert_cmpstr (error->message, ==, "The change would make two records the same where only one is allowed");
  g_clear_error (&error);

  reslib_statement_reset (stmt);
  reslib_statement_bind_texts (stmt, 1, (const char * const[]) { "p2", "项目", "doctoral", NULL });
  g_assert_false (reslib_statement_execute (stmt, &error));
  g_assert_error (error, RESLIB_ERROR, RESLIB_ERROR_CONSTRAINT);
  g_assert_cmpstr (error->message, ==, "The change sets a value that is not allowed");
  g_clear_error (&error);

  reslib_statement_reset (stmt);
  reslib_statement_bind_texts (stmt, 1, (const char * const[]) { "p3", NULL });
  g_assert_false (reslib_statement_execute (stmt, &error));
  g_assert_error (error, RESLIB_ERROR, RESLIB_ERROR_CONSTRAINT);
  g_assert_cmpstr (error->message, ==, "The change leaves out a value that is required");
}

/* A write while another program holds the write lock is told as "in use", with what to do. */
static void
test_error_busy (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *expected = g_strdup_printf ("The database “%s” is in use by another program: try again when it has finished",
                                               reslib_store_get_db_path (f->store));
  g_autoptr(ReslibStatement) stmt = NULL;
  sqlite3 *other = NULL;

  /* Do not wait the store's ten seconds for the lock. */
  exec (f->store, "PRAGMA busy_timeout = 0");

  g_assert_cmpint (sqlite3_open (reslib_store_get_db_path (f->store), &other), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (other, "BEGIN IMMEDIATE", NULL, NULL, NULL), ==, SQLITE_OK);

  stmt = reslib_statement_new (f->store, "INSERT INTO projects (id, name, created_at, updated_at) "
                                         "VALUES ('p1', 'x', 'now', 'now')", &error);
  g_assert_no_error (error);
  g_assert_false (reslib_statement_execute (stmt, NULL));
  g_assert_true (reslib_statement_failed (stmt));
  reslib_statement_reset (stmt);
  g_assert_false (reslib_statement_failed (stmt));
  g_assert_false (reslib_statement_execute (stmt, &error));
  g_assert_error (error, RESLIB_ERROR, RESLIB_ERROR_BUSY);
  g_assert_cmpstr (error->message, ==, expected);
  g_clear_error (&error);

  g_assert_cmpint (sqlite3_exec (other, "ROLLBACK", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (other);
  reslib_statement_reset (stmt);
  g_assert_true (reslib_statement_execute (stmt, &error));
  g_assert_no_error (error);
}

/* Statements that are not cached are finalized when freed, and a pragma reads through them. */
static void
test_once (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ReslibStatement) stmt = reslib_statement_new_once (f->store, "PRAGMA user_version", &error);

  g_assert_no_error (error);
  g_assert_true (reslib_statement_step (stmt, &error));
  g_assert_cmpint (reslib_statement_get_int64 (stmt, 0), ==, RESLIB_STORE_VERSION_NOW);
  g_assert_false (reslib_statement_step (stmt, &error));
  g_assert_no_error (error);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, fn) g_test_add (path, Fixture, NULL, fixture_setup, fn, fixture_teardown)
  ADD ("/statement/bind/index", test_bind_by_index);
  ADD ("/statement/bind/name", test_bind_by_name);
  ADD ("/statement/reset-and-cache", test_reset_and_cache);
  ADD ("/statement/nested-same-sql", test_nested_same_sql);
  ADD ("/statement/once", test_once);
  ADD ("/statement/error/wrong-sql", test_error_wrong_sql);
  ADD ("/statement/error/constraint", test_error_constraint);
  ADD ("/statement/error/busy", test_error_busy);
#undef ADD

  return g_test_run ();
}
