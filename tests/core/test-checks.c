/* test-checks.c — the runs of a project's checks in the store
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <locale.h>

#include "reslib-store-checks.h"
#include "reslib-test-utils.h"

static void
on_changed (ReslibStore *store,
            guint        kind,
            const char  *id,
            gpointer     data)
{
  if (kind == RESLIB_KIND_PROJECT)
    (*(guint *) data)++;
}

/* A run is recorded and read back as the project's last; older runs beyond the last 20 are forgotten;
 * a deleted project takes its runs with it. */
static void
test_runs (void)
{
  g_autofree char *dir = reslib_test_make_tmp_dir ("reslib-checks-XXXXXX");
  g_autoptr(ReslibStore) store = reslib_test_open_store (dir);
  g_autofree char *project = reslib_test_new_project (store, "检查项目");
  g_autofree char *db = g_build_filename (dir, "library.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(ReslibCheckRun) last = NULL;
  guint changes = 0;

  last = reslib_store_get_last_check_run (store, project, &error);
  g_assert_no_error (error);
  g_assert_null (last);

  g_signal_connect (store, "changed", G_CALLBACK (on_changed), &changes);
  for (guint i = 0; i < 25; i++)
    {
      ReslibCheckRun run = { 0, project, "henan-2026", "3", NULL, i, 2, 3, NULL };

      if (i == 24)
        run.findings = (char *) "[{\"rule\":\"title-required\",\"severity\":\"error\"}]";
      g_assert_true (reslib_store_add_check_run (store, &run, &error));
      g_assert_no_error (error);
    }
  g_assert_cmpuint (changes, ==, 25);

  last = reslib_store_get_last_check_run (store, project, &error);
  g_assert_no_error (error);
  g_assert_nonnull (last);
  g_assert_cmpstr (last->profile_id, ==, "henan-2026");
  g_assert_cmpstr (last->profile_version, ==, "3");
  g_assert_cmpuint (last->n_errors, ==, 24);
  g_assert_cmpuint (last->n_warnings, ==, 2);
  g_assert_cmpuint (last->n_notes, ==, 3);
  g_assert_nonnull (last->checked_at);
  g_assert_cmpstr (last->findings, ==, "[{\"rule\":\"title-required\",\"severity\":\"error\"}]");
  {
    g_autofree char *n = reslib_test_sql_text (db, "SELECT count (*) FROM check_runs");

    g_assert_cmpstr (n, ==, "20");
  }

  /* Findings that are not JSON are refused, and nothing is recorded. */
  {
    ReslibCheckRun bad = { 0, project, "henan-2026", NULL, NULL, 0, 0, 0, (char *) "[not json" };
    g_autoptr(ReslibCheckRun) still = NULL;

    g_assert_false (reslib_store_add_check_run (store, &bad, &error));
    g_assert_error (error, RESLIB_ERROR, RESLIB_ERROR_CONSTRAINT);
    g_clear_error (&error);
    still = reslib_store_get_last_check_run (store, project, &error);
    g_assert_cmpint (still->id, ==, last->id);
  }

  g_assert_true (reslib_store_delete (store, RESLIB_KIND_PROJECT, project, &error));
  g_assert_no_error (error);
  {
    g_autofree char *n = reslib_test_sql_text (db, "SELECT count (*) FROM check_runs");

    g_assert_cmpstr (n, ==, "0");
  }

  g_clear_object (&store);
  reslib_test_rm_rf (dir);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/checks/runs", test_runs);

  return g_test_run ();
}
