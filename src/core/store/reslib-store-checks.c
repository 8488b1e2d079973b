/* reslib-store-checks.c — the runs of a project's checks, kept in check_runs (0005-checks-packages.sql)
 *
 * The app's Checks and Overview pages and `reslib validate` record each run here; the pages show the
 * last one. Only the last runs of a project are kept. A run keeps its counts by severity and, of each
 * rule (with one severity), the findings about its first KEPT_SUBJECTS subjects: a project of 100,000
 * resources has more than 600,000 findings, and the app shows them from the check itself, never from
 * here. A rule with findings left out ends with one more element in the array: {"rule", "severity",
 * "count": all its findings, "omitted": how many are not in the array}, without a subject or a message.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <json-glib/json-glib.h>

#include "reslib-finding.h"
#include "reslib-finding-list.h"
#include "reslib-store-checks.h"
#include "reslib-store-private.h"

/* How many runs of a project are kept. */
#define RUNS_KEPT 20

/* Of how many subjects of each rule a run keeps the findings. */
#define KEPT_SUBJECTS 100

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

/* What the findings of one rule (with one severity) are while they are written */
typedef struct
{
  const char    *rule;           /* interned */
  ReslibSeverity severity;
  guint          count;
  guint          subjects;       /* kept */
  guint          omitted;
  char          *last_subject;   /* the id of the last subject kept */
} Bucket;

static void
bucket_free (Bucket *bucket)
{
  g_free (bucket->last_subject);
  g_free (bucket);
}

/* The findings' rule, severity and subject id, without making a finding when they are a check's */
static void
finding_facts (GListModel      *findings,
               guint            i,
               ReslibFinding  **finding,
               const char     **rule,
               ReslibSeverity  *severity,
               const char     **subject_id)
{
  if (RESLIB_IS_FINDING_LIST (findings))
    {
      ReslibFindingList *list = RESLIB_FINDING_LIST (findings);

      *finding = NULL;
      *rule = reslib_finding_list_get_rule (list, i);
      *severity = reslib_finding_list_get_severity (list, i);
      *subject_id = reslib_finding_list_get_subject_id (list, i);
      return;
    }
  *finding = g_list_model_get_item (findings, i);
  *rule = g_intern_string (reslib_finding_get_rule (*finding));
  *severity = reslib_finding_get_severity (*finding);
  *subject_id = reslib_finding_get_subject_id (*finding);
}

/* The findings as a run keeps them (see the top of the file), and their counts by severity. Reads
 * @findings from any thread when it is a ReslibFindingList. */
static char *
findings_to_json (GListModel *findings,
                  guint       counts[3])
{
  g_autoptr(GHashTable) buckets = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) bucket_free);
  g_autoptr(GPtrArray) order = g_ptr_array_new ();
  g_autoptr(JsonArray) array = json_array_new ();
  g_autoptr(JsonNode) root = NULL;
  guint n = g_list_model_get_n_items (findings);

  counts[0] = counts[1] = counts[2] = 0;
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(ReslibFinding) finding = NULL;
      g_autofree char *key = NULL;
      const char *rule, *subject_id;
      ReslibSeverity severity;
      Bucket *bucket;

      finding_facts (findings, i, &finding, &rule, &severity, &subject_id);
      if (severity <= RESLIB_SEVERITY_INFO)
        counts[severity]++;
      key = g_strdup_printf ("%d %s", (int) severity, rule);
      bucket = g_hash_table_lookup (buckets, key);
      if (bucket == NULL)
        {
          bucket = g_new0 (Bucket, 1);
          bucket->rule = rule;
          bucket->severity = severity;
          g_hash_table_insert (buckets, g_steal_pointer (&key), bucket);
          g_ptr_array_add (order, bucket);
        }
      bucket->count++;
      if (bucket->subjects == 0 || g_strcmp0 (subject_id, bucket->last_subject) != 0)
        {
          if (bucket->subjects == KEPT_SUBJECTS)
            {
              bucket->omitted++;
              continue;
            }
          bucket->subjects++;
          g_free (bucket->last_subject);
          bucket->last_subject = g_strdup (subject_id);
        }
      if (finding == NULL)
        finding = g_list_model_get_item (findings, i);
      json_array_add_element (array, reslib_finding_to_json (finding));
    }
  for (guint i = 0; i < order->len; i++)
    {
      Bucket *bucket = g_ptr_array_index (order, i);
      JsonObject *summary;

      if (bucket->omitted == 0)
        continue;
      summary = json_object_new ();
      json_object_set_string_member (summary, "rule", bucket->rule);
      json_object_set_string_member (summary, "severity", reslib_severity_to_string (bucket->severity));
      json_object_set_int_member (summary, "count", bucket->count);
      json_object_set_int_member (summary, "omitted", bucket->omitted);
      json_array_add_object_element (array, summary);
    }
  root = json_node_init_array (json_node_alloc (), array);

  return json_to_string (root, FALSE);
}

static gboolean
record (ReslibStore *store,
        const char  *project_id,
        const char  *profile_id,
        GListModel  *findings,
        GError     **error)
{
  g_autofree char *text = NULL;
  guint counts[3];
  ReslibCheckRun run = { 0, };

  text = findings_to_json (findings, counts);
  run.project_id = (char *) project_id;
  run.profile_id = (char *) profile_id;
  run.n_errors = counts[RESLIB_SEVERITY_ERROR];
  run.n_warnings = counts[RESLIB_SEVERITY_WARNING];
  run.n_notes = counts[RESLIB_SEVERITY_INFO];
  run.findings = text;

  return reslib_store_add_check_run (store, &run, error);
}

/**
 * reslib_store_record_check:
 * @profile: the rule profile the project was checked against
 * @findings: (element-type ReslibFinding): what the validator found
 *
 * Records a run of the checks, now, with its counts and the findings of the first subjects of each rule
 * (as reslib_finding_to_json() writes them; see the top of reslib-store-checks.c).
 */
gboolean
reslib_store_record_check (ReslibStore   *store,
                           const char    *project_id,
                           ReslibProfile *profile,
                           GListModel    *findings,
                           GError       **error)
{
  g_return_val_if_fail (RESLIB_IS_STORE (store), FALSE);
  g_return_val_if_fail (project_id != NULL && RESLIB_IS_PROFILE (profile) && G_IS_LIST_MODEL (findings), FALSE);

  return record (store, project_id, reslib_profile_get_id (profile), findings, error);
}

typedef struct
{
  ReslibStore *store;       /* a connection of the worker's own */
  char        *project_id;
  char        *profile_id;
  GListModel  *findings;    /* a ReslibFindingList, which any thread may read; or NULL, with @text */
  char        *text;
  guint        counts[3];
} Record;

static void
record_free (Record *r)
{
  g_clear_object (&r->store);
  g_free (r->project_id);
  g_free (r->profile_id);
  g_clear_object (&r->findings);
  g_free (r->text);
  g_free (r);
}

static void
record_thread (GTask        *task,
               gpointer      source,
               gpointer      task_data,
               GCancellable *cancellable)
{
  Record *r = task_data;
  GError *error = NULL;
  ReslibCheckRun run = { 0, };

  if (r->findings != NULL)
    r->text = findings_to_json (r->findings, r->counts);
  run.project_id = r->project_id;
  run.profile_id = r->profile_id;
  run.n_errors = r->counts[RESLIB_SEVERITY_ERROR];
  run.n_warnings = r->counts[RESLIB_SEVERITY_WARNING];
  run.n_notes = r->counts[RESLIB_SEVERITY_INFO];
  run.findings = r->text;
  if (!reslib_store_add_check_run (r->store, &run, &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

/**
 * reslib_store_record_check_async:
 * @profile: the rule profile the project was checked against
 * @findings: (element-type ReslibFinding): what the validator found (reslib_validator_get_findings())
 *
 * Records a run of the checks as reslib_store_record_check() does, in a worker thread on a connection of
 * its own (::changed is still emitted by @store, in its thread). The findings of a check are read in the
 * worker; another list of findings is read before this returns.
 */
void
reslib_store_record_check_async (ReslibStore         *store,
                                 const char          *project_id,
                                 ReslibProfile       *profile,
                                 GListModel          *findings,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(ReslibStore) worker_store = NULL;
  GError *error = NULL;
  Record *r;

  g_return_if_fail (RESLIB_IS_STORE (store));
  g_return_if_fail (project_id != NULL && RESLIB_IS_PROFILE (profile) && G_IS_LIST_MODEL (findings));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, reslib_store_record_check_async);
  worker_store = reslib_store_reopen (store, &error);
  if (worker_store == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  r = g_new0 (Record, 1);
  r->store = g_steal_pointer (&worker_store);
  r->project_id = g_strdup (project_id);
  r->profile_id = g_strdup (reslib_profile_get_id (profile));
  if (RESLIB_IS_FINDING_LIST (findings))
    r->findings = g_object_ref (findings);
  else
    r->text = findings_to_json (findings, r->counts);
  g_task_set_task_data (task, r, (GDestroyNotify) record_free);
  g_task_run_in_thread (task, record_thread);
}

/**
 * reslib_store_record_check_finish:
 *
 * Returns: whether the run was recorded; %FALSE with @error set if not.
 */
gboolean
reslib_store_record_check_finish (GAsyncResult  *result,
                                  GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/*
 * _reslib_store_count_check_uses:
 * @blob_users: (element-type utf8 guint): filled: the blobs (sha256, a new string) that more than one
 *   resource of the project uses, and how many
 * @node_uses: (element-type utf8 guint): filled: the points, by their id as @node_ids keeps it, and how many
 *   resources of the project are linked to each
 * @node_ids: (element-type utf8 ReslibRecord): the project's points, by id
 *
 * What the rules on resources (duplicates, resources of each point) count, in two queries instead of
 * one pass over every resource.
 */
gboolean
_reslib_store_count_check_uses (ReslibStore *store,
                                const char  *project_id,
                                GHashTable  *blob_users,
                                GHashTable  *node_uses,
                                GHashTable  *node_ids,
                                GError     **error)
{
  g_autoptr(ReslibStatement) blobs = NULL;
  g_autoptr(ReslibStatement) nodes = NULL;

  blobs = reslib_statement_new (store,
                                "SELECT blob_sha256, count (*) FROM resources WHERE project_id = ?1 AND blob_sha256 IS NOT NULL "
                                "GROUP BY blob_sha256 HAVING count (*) > 1", error);
  if (blobs == NULL)
    return FALSE;
  reslib_statement_bind_text (blobs, 1, project_id);
  while (reslib_statement_step (blobs, error))
    g_hash_table_insert (blob_users, reslib_statement_dup_text (blobs, 0),
                         GUINT_TO_POINTER ((guint) reslib_statement_get_int64 (blobs, 1)));
  if (reslib_statement_failed (blobs))
    return FALSE;

  nodes = reslib_statement_new (store,
                                "SELECT rn.node_id, count (*) FROM resource_nodes rn JOIN resources r ON r.id = rn.resource_id "
                                "WHERE r.project_id = ?1 GROUP BY rn.node_id", error);
  if (nodes == NULL)
    return FALSE;
  reslib_statement_bind_text (nodes, 1, project_id);
  while (reslib_statement_step (nodes, error))
    {
      g_autofree char *id = reslib_statement_dup_text (nodes, 0);
      gpointer key;

      if (id != NULL && g_hash_table_lookup_extended (node_ids, id, &key, NULL))
        g_hash_table_insert (node_uses, key, GUINT_TO_POINTER ((guint) reslib_statement_get_int64 (nodes, 1)));
    }

  return !reslib_statement_failed (nodes);
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
