/* reslib-store-checks.c — the runs of a project's checks, kept in check_runs (0005-checks-packages.sql)
 *
 * The app's Checks and Overview pages and `reslib validate` record each run here; the pages show the
 * last one. Only the last runs of a project are kept: a run holds all its findings, which for a large
 * project are many.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <json-glib/json-glib.h>

#include "reslib-finding.h"
#include "reslib-store-checks.h"
#include "reslib-store-private.h"

/* How many runs of a project are kept. */
#define RUNS_KEPT 20

/**
 * reslib_check_run_free:
 * @run: (nullable) (transfer full): a check run
 *
 * Frees @run and its strings.
 */
void
reslib_check_run_free (ReslibCheckRun *run)
{
  if (run == NULL)
    return;

  g_free (run->project_id);
  g_free (run->profile_id);
  g_free (run->profile_version);
  g_free (run->checked_at);
  g_free (run->findings);
  g_free (run);
}

static gboolean
add_run (ReslibStore          *store,
         const ReslibCheckRun *run,
         GError              **error)
{
  g_autofree char *now = reslib_now_iso8601 ();
  g_autoptr(ReslibStatement) stmt = NULL;
  g_autoptr(ReslibStatement) prune = NULL;

  stmt = reslib_statement_new (store,
                               "INSERT INTO check_runs (project_id, profile_id, profile_version, checked_at, n_errors, "
                               "n_warnings, n_notes, findings) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", error);
  if (stmt == NULL)
    return FALSE;
  reslib_statement_bind_text (stmt, 1, run->project_id);
  reslib_statement_bind_text (stmt, 2, run->profile_id);
  reslib_statement_bind_text (stmt, 3, run->profile_version);
  reslib_statement_bind_text (stmt, 4, run->checked_at != NULL ? run->checked_at : now);
  reslib_statement_bind_int64 (stmt, 5, run->n_errors);
  reslib_statement_bind_int64 (stmt, 6, run->n_warnings);
  reslib_statement_bind_int64 (stmt, 7, run->n_notes);
  reslib_statement_bind_text (stmt, 8, run->findings != NULL ? run->findings : "[]");
  if (!reslib_statement_execute (stmt, error))
    return FALSE;

  prune = reslib_statement_new (store,
                                "DELETE FROM check_runs WHERE project_id = ?1 AND id NOT IN "
                                "(SELECT id FROM check_runs WHERE project_id = ?1 ORDER BY id DESC LIMIT ?2)", error);
  if (prune == NULL)
    return FALSE;
  reslib_statement_bind_text (prune, 1, run->project_id);
  reslib_statement_bind_int64 (prune, 2, RUNS_KEPT);
  if (!reslib_statement_execute (prune, error))
    return FALSE;
  _reslib_store_note_change (store, RESLIB_KIND_PROJECT, run->project_id);

  return TRUE;
}

/**
 * reslib_store_add_check_run:
 * @run: the run; its id is not read
 *
 * Records a run of the checks of @run->project_id, and forgets the project's older runs beyond the
 * last few. Listeners of ::changed are told the project changed.
 */
gboolean
reslib_store_add_check_run (ReslibStore          *store,
                            const ReslibCheckRun *run,
                            GError              **error)
{
  g_return_val_if_fail (RESLIB_IS_STORE (store), FALSE);
  g_return_val_if_fail (run != NULL && run->project_id != NULL && run->profile_id != NULL, FALSE);

  RESLIB_STORE_IN_TRANSACTION (store, error, add_run (store, run, error));
}

/**
 * reslib_store_record_check:
 * @profile: the rule profile the project was checked against
 * @findings: (element-type ReslibFinding): what the validator found
 *
 * Records a run of the checks, now, with its counts and findings (as reslib_finding_to_json() writes them).
 */
gboolean
reslib_store_record_check (ReslibStore   *store,
                           const char    *project_id,
                           ReslibProfile *profile,
                           GListModel    *findings,
                           GError       **error)
{
  g_autoptr(JsonArray) array = json_array_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *text = NULL;
  ReslibCheckRun run = { 0, };

  g_return_val_if_fail (RESLIB_IS_STORE (store), FALSE);
  g_return_val_if_fail (project_id != NULL && RESLIB_IS_PROFILE (profile) && G_IS_LIST_MODEL (findings), FALSE);

  for (guint i = 0; i < g_list_model_get_n_items (findings); i++)
    {
      g_autoptr(ReslibFinding) finding = g_list_model_get_item (findings, i);

      json_array_add_element (array, reslib_finding_to_json (finding));
    }
  root = json_node_init_array (json_node_alloc (), array);
  text = json_to_string (root, FALSE);

  run.project_id = (char *) project_id;
  run.profile_id = (char *) reslib_profile_get_id (profile);
  run.n_errors = reslib_findings_count (findings, RESLIB_SEVERITY_ERROR);
  run.n_warnings = reslib_findings_count (findings, RESLIB_SEVERITY_WARNING);
  run.n_notes = reslib_findings_count (findings, RESLIB_SEVERITY_INFO);
  run.findings = text;

  return reslib_store_add_check_run (store, &run, error);
}

/**
 * reslib_store_get_last_check_run:
 *
 * Returns: (transfer full) (nullable): the last run of the project's checks; %NULL with @error unset
 *   when the project was never checked, with @error set when reading failed.
 */
ReslibCheckRun *
reslib_store_get_last_check_run (ReslibStore *store,
                                 const char  *project_id,
                                 GError     **error)
{
  g_autoptr(ReslibStatement) stmt = NULL;
  ReslibCheckRun *run;

  g_return_val_if_fail (RESLIB_IS_STORE (store), NULL);
  g_return_val_if_fail (project_id != NULL, NULL);

  stmt = reslib_statement_new (store,
                               "SELECT id, project_id, profile_id, profile_version, checked_at, n_errors, n_warnings, "
                               "n_notes, findings FROM check_runs WHERE project_id = ? ORDER BY id DESC LIMIT 1", error);
  if (stmt == NULL)
    return NULL;
  reslib_statement_bind_text (stmt, 1, project_id);
  if (!reslib_statement_step (stmt, error))
    return NULL;

  run = g_new0 (ReslibCheckRun, 1);
  run->id = reslib_statement_get_int64 (stmt, 0);
  run->project_id = reslib_statement_dup_text (stmt, 1);
  run->profile_id = reslib_statement_dup_text (stmt, 2);
  run->profile_version = reslib_statement_dup_text (stmt, 3);
  run->checked_at = reslib_statement_dup_text (stmt, 4);
  run->n_errors = (guint) reslib_statement_get_int64 (stmt, 5);
  run->n_warnings = (guint) reslib_statement_get_int64 (stmt, 6);
  run->n_notes = (guint) reslib_statement_get_int64 (stmt, 7);
  run->findings = reslib_statement_dup_text (stmt, 8);

  return run;
}
