/* test-search-index.c — the search index of resources written with its triggers out (the test stores' bulk
 * fills, a package's merge) follows later edits as it does for resources imported one by one
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <locale.h>

#include "reslib-store-resource-rows.h"
#include "reslib-test-utils.h"

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
  f->dir = reslib_test_make_tmp_dir ("reslib-search-index-XXXXXX");
  f->store = reslib_test_open_store (f->dir);
  f->project = reslib_test_new_project (f->store, "检索索引");
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

static guint
n_found (Fixture    *f,
         const char *query)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) found = reslib_store_search (f->store, f->project, query, 0, &error);

  g_assert_no_error (error);
  return g_list_model_get_n_items (found);
}

/* The id of the project's @index-th resource, in the list's order. */
static char *
resource_id (Fixture *f,
             guint    index)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = reslib_store_list_resource_rows (f->store, f->project, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (index, <, rows->len);
  return g_strdup (reslib_resource_row_get_id (g_ptr_array_index (rows, index)));
}

static void
retitle (Fixture    *f,
         const char *id,
         const char *title)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (reslib_store_update (f->store, RESLIB_KIND_RESOURCE, id, (const char * const[]) { "title", NULL },
                                      (const char * const[]) { title }, &error));
  g_assert_no_error (error);
}

/* Each way the tests fill a store in bulk: the resources are found by their titles, and by a new title once
 * retitled (not by the old one). */
static void
test_filled (Fixture       *f,
             gconstpointer  data)
{
  const char *kind = data;
  g_autofree char *id = NULL;

  if (g_str_equal (kind, "bare"))
    reslib_test_fill_bare_resources (f->store, f->project, 5, "bare");
  else if (g_str_equal (kind, "file"))
    reslib_test_fill_file_resources (f->store, f->project, 5, "file");
  else
    reslib_test_fill_resources_bulk (f->store, f->project, 5, FALSE, TRUE);

  g_assert_cmpuint (n_found (f, ""), ==, 5);
  if (g_str_equal (kind, "bare"))
    {
      g_assert_cmpuint (n_found (f, "资源"), ==, 5);
      g_assert_cmpuint (n_found (f, "bare-000003"), ==, 1);
    }
  else if (g_str_equal (kind, "file"))
    g_assert_cmpuint (n_found (f, "file-000003"), ==, 1);

  id = resource_id (f, 3);
  retitle (f, id, "螺纹加工 thread cutting");
  g_assert_cmpuint (n_found (f, "螺纹"), ==, 1);
  g_assert_cmpuint (n_found (f, "螺纹加工"), ==, 1);
  g_assert_cmpuint (n_found (f, "thread"), ==, 1);
  retitle (f, id, "齿轮测量");
  g_assert_cmpuint (n_found (f, "螺纹"), ==, 0);
  g_assert_cmpuint (n_found (f, "齿轮"), ==, 1);
  g_assert_cmpuint (n_found (f, ""), ==, 5);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/search-index/bare", Fixture, "bare", fixture_setup, test_filled, fixture_teardown);
  g_test_add ("/search-index/file", Fixture, "file", fixture_setup, test_filled, fixture_teardown);
  g_test_add ("/search-index/bulk", Fixture, "bulk", fixture_setup, test_filled, fixture_teardown);

  return g_test_run ();
}
