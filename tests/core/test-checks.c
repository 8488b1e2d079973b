/* test-checks.c — the runs of a project's checks in the store
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <locale.h>
#include <string.h>

#include "reslib-store-checks.h"
#include "reslib-test-utils.h"
#include "reslib-validator-private.h"

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

/* ::changed reaches the listeners of the store that asked, in the thread that opened it. */
static void
on_changed_here (ReslibStore *store,
                 guint        kind,
                 const char  *id,
                 gpointer     data)
{
  if (kind == RESLIB_KIND_PROJECT)
    {
      g_assert_true (g_thread_self () == data);
      g_object_set_data (G_OBJECT (store), "changed-here", GINT_TO_POINTER (1));
    }
}

static void
recorded_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      data)
{
  GError **error = data;

  if (!reslib_store_record_check_finish (result, error))
    g_assert_nonnull (*error);
  else
    *error = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_NONE, "recorded");
}

/* A run recorded in a worker is the run reslib_store_record_check() records: the same counts and the
 * same JSON, which keeps the findings of the first subjects of each rule only; the store that asked tells
 * its listeners, in its own thread. */
static void
test_record_async (void)
{
  g_autofree char *dir = reslib_test_make_tmp_dir ("reslib-checks-XXXXXX");
  g_autoptr(ReslibStore) store = reslib_test_open_store (dir);
  g_autofree char *project = reslib_test_new_project (store, "检查项目");
  g_autoptr(GListStore) findings = g_list_store_new (RESLIB_TYPE_FINDING);
  g_autoptr(ReslibProfile) profile = NULL;
  g_autoptr(ReslibCheckRun) sync_run = NULL;
  g_autoptr(ReslibCheckRun) async_run = NULL;
  g_autoptr(GError) error = NULL;
  GError *done = NULL;
  guint changes = 0;

  profile = reslib_profile_load_default (&error);
  g_assert_no_error (error);
  for (guint i = 0; i < 1000; i++)
    {
      g_autoptr(ReslibFinding) finding = NULL;
      g_autofree char *id = g_strdup_printf ("res-%u", i);

      finding = _reslib_finding_new (i % 3 == 0 ? "resource.licence" : "resource.metadata",
                                     i % 3 == 0 ? RESLIB_SEVERITY_ERROR
                                                : i % 3 == 1 ? RESLIB_SEVERITY_WARNING : RESLIB_SEVERITY_INFO,
                                     "resource", id, "课件“一”", g_strdup_printf ("资源 %u 缺少 \"信息\"", i),
                                     i % 2 ? "提示" : NULL);
      g_list_store_append (findings, finding);
    }
  g_assert_true (reslib_store_record_check (store, project, profile, G_LIST_MODEL (findings), &error));
  g_assert_no_error (error);
  sync_run = reslib_store_get_last_check_run (store, project, &error);
  g_assert_no_error (error);

  g_signal_connect (store, "changed", G_CALLBACK (on_changed), &changes);
  g_signal_connect (store, "changed", G_CALLBACK (on_changed_here), g_thread_self ());
  reslib_store_record_check_async (store, project, profile, G_LIST_MODEL (findings), NULL, recorded_cb, &done);
  /* The caller's list may change at once: the worker has its own copy. */
  g_list_store_remove_all (findings);
  while (done == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_error (done, G_IO_ERROR, G_IO_ERROR_NONE);
  g_clear_error (&done);
  while (changes == 0)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (changes, ==, 1);
  g_assert_nonnull (g_object_get_data (G_OBJECT (store), "changed-here"));

  async_run = reslib_store_get_last_check_run (store, project, &error);
  g_assert_no_error (error);
  g_assert_cmpint (async_run->id, >, sync_run->id);
  g_assert_cmpuint (async_run->n_errors, ==, 334);
  g_assert_cmpuint (async_run->n_warnings, ==, 333);
  g_assert_cmpuint (async_run->n_notes, ==, 333);
  g_assert_cmpuint (async_run->n_errors, ==, sync_run->n_errors);
  g_assert_cmpuint (async_run->n_warnings, ==, sync_run->n_warnings);
  g_assert_cmpuint (async_run->n_notes, ==, sync_run->n_notes);
  g_assert_cmpstr (async_run->profile_id, ==, sync_run->profile_id);
  g_assert_cmpstr (async_run->findings, ==, sync_run->findings);
  /* Of each rule with a severity, the findings about the first 100 subjects are kept, and a summary says
   * how many are left out: 1000 findings of three such groups are 300 findings and three summaries. */
  {
    g_autoptr(JsonNode) kept = json_from_string (async_run->findings, &error);
    JsonArray *array;
    guint n_summaries = 0;

    g_assert_no_error (error);
    array = json_node_get_array (kept);
    g_assert_cmpuint (json_array_get_length (array), ==, 303);
    for (guint i = 0; i < json_array_get_length (array); i++)
      {
        JsonObject *o = json_array_get_object_element (array, i);

        if (!json_object_has_member (o, "omitted"))
          {
            g_assert_true (json_object_has_member (o, "subject"));
            continue;
          }
        n_summaries++;
        g_assert_false (json_object_has_member (o, "subject"));
        if (g_str_equal (json_object_get_string_member (o, "rule"), "resource.licence"))
          {
            g_assert_cmpstr (json_object_get_string_member (o, "severity"), ==, "error");
            g_assert_cmpint (json_object_get_int_member (o, "count"), ==, 334);
            g_assert_cmpint (json_object_get_int_member (o, "omitted"), ==, 234);
          }
        else
          {
            g_assert_cmpint (json_object_get_int_member (o, "count"), ==, 333);
            g_assert_cmpint (json_object_get_int_member (o, "omitted"), ==, 233);
          }
      }
    g_assert_cmpuint (n_summaries, ==, 3);
  }
  g_assert_nonnull (strstr (async_run->findings, "\"id\":\"res-297\""));
  g_assert_null (strstr (async_run->findings, "\"id\":\"res-300\""));
  g_assert_null (strstr (async_run->findings, "\"id\":\"res-999\""));

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
  g_test_add_func ("/checks/record-async", test_record_async);

  return g_test_run ();
}
