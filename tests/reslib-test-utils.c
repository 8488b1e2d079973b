/* reslib-test-utils.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "reslib-test-utils.h"

char *
reslib_test_make_tmp_dir (const char *template_name)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp (template_name, &error);

  g_assert_no_error (error);
  return dir;
}

void
reslib_test_rm_rf (const char *path)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  if (path == NULL)
    return;
  if (!g_file_test (path, G_FILE_TEST_IS_DIR) || g_file_test (path, G_FILE_TEST_IS_SYMLINK))
    {
      g_unlink (path);
      return;
    }
  g_chmod (path, 0700);
  dir = g_dir_open (path, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);
      reslib_test_rm_rf (child);
    }
  g_rmdir (path);
}

char *
reslib_test_write_file (const char *dir,
                        const char *name,
                        const char *contents,
                        gssize      len)
{
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (dir, name, NULL);
  g_autofree char *parent = g_path_get_dirname (path);

  g_mkdir_with_parents (parent, 0700);
  g_file_set_contents (path, contents, len, &error);
  g_assert_no_error (error);

  return path;
}

ReslibStore *
reslib_test_open_store (const char *data_dir)
{
  g_autoptr(GError) error = NULL;
  ReslibStore *store = reslib_store_open (data_dir, &error);

  g_assert_no_error (error);
  g_assert_nonnull (store);
  reslib_store_set_actor (store, "测试员");

  return store;
}

char *
reslib_test_new_project (ReslibStore *store,
                         const char  *name)
{
  g_autoptr(GError) error = NULL;
  char *id = reslib_store_create_project (store, name, "460103", "数控技术", "higher", "2025-09-01", &error);

  g_assert_no_error (error);
  g_assert_nonnull (id);

  return id;
}

static void
count_files (const char *path,
             guint      *n)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        count_files (child, n);
      else
        (*n)++;
    }
}

/* Counts regular files under @dir, recursively. */
guint
reslib_test_count_files (const char *dir)
{
  guint n = 0;

  count_files (dir, &n);
  return n;
}

/* Runs a query on its own connection and returns the first column of the first row. */
char *
reslib_test_sql_text (const char *db_path,
                      const char *sql)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  char *result = NULL;

  g_assert_cmpint (sqlite3_open_v2 (db_path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    result = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  sqlite3_close (db);

  return result;
}
