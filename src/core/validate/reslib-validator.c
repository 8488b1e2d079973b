/* reslib-validator.c — checking a project against a rule profile, as a job
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A run loads the project once, runs every rule the profile holds over it (the rules are in
 * reslib-rules-*.c, by subject) and orders what they found. Its progress counts the resources checked.
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "reslib-error.h"
#include "reslib-probe.h"
#include "reslib-validator-private.h"

struct _ReslibValidator
{
  ReslibJob      parent_instance;

  ReslibStore   *store;
  char          *project_id;
  ReslibProfile *profile;
  char          *package_kind;

  GListModel    *findings;       /* of the last run that ended well */
};

G_DEFINE_FINAL_TYPE (ReslibValidator, reslib_validator, RESLIB_TYPE_JOB)

/* ---------------------------------------------------------------------------------------------- */
/* The run                                                                                         */

void
_reslib_validator_addv (Run          *run,
                        const char   *rule_id,
                        ReslibRecord *subject,
                        const char   *hint,
                        const char   *format,
                        va_list       args)
{
  const ReslibRule *rule = reslib_profile_get_rule (run->profile, rule_id);

  g_assert (rule != NULL);

  _reslib_finding_list_add (run->findings, g_intern_string (rule_id), rule->severity, subject,
                            reslib_entity_get (reslib_record_get_kind (subject))->name,
                            reslib_record_get_id (subject), record_title (subject),
                            g_strdup_vprintf (format, args), hint);
}

void
_reslib_validator_add_titled (Run          *run,
                              const char   *rule_id,
                              ReslibRecord *subject,
                              const char   *hint,
                              const char   *format,
                              const char   *arg)
{
  const ReslibRule *rule = reslib_profile_get_rule (run->profile, rule_id);

  g_assert (rule != NULL);

  _reslib_finding_list_add_lazy (run->findings, g_intern_string (rule_id), rule->severity, subject,
                                 reslib_entity_get (reslib_record_get_kind (subject))->name,
                                 reslib_record_get_id (subject), record_title (subject), format, arg, hint);
}

static gboolean
load (Run        *run,
      const char *project_id,
      GError    **error)
{
  run->project = reslib_store_get (run->store, RESLIB_KIND_PROJECT, project_id, error);
  if (run->project == NULL)
    return FALSE;
  if ((run->majors = reslib_store_list (run->store, RESLIB_KIND_MAJOR, project_id, error)) == NULL ||
      (run->units = reslib_store_list (run->store, RESLIB_KIND_UNIT, project_id, error)) == NULL ||
      (run->courses = reslib_store_list (run->store, RESLIB_KIND_COURSE, project_id, error)) == NULL)
    return FALSE;
  run->probes = reslib_store_get_project_probes (run->store, project_id, error);
  if (run->probes == NULL)
    return FALSE;

  for (guint i = 0; i < g_list_model_get_n_items (run->units); i++)
    {
      ReslibRecord *unit = g_list_model_get_item (run->units, i);
      g_hash_table_insert (run->unit_ids, (gpointer) reslib_record_get_id (unit), unit);
    }
  for (guint i = 0; i < g_list_model_get_n_items (run->courses); i++)
    {
      g_autoptr(ReslibRecord) course = g_list_model_get_item (run->courses, i);
      g_autoptr(GListModel) nodes = reslib_store_list (run->store, RESLIB_KIND_NODE, reslib_record_get_id (course), error);

      if (nodes == NULL)
        return FALSE;
      for (guint j = 0; j < g_list_model_get_n_items (nodes); j++)
        {
          ReslibRecord *node = g_list_model_get_item (nodes, j);
          g_hash_table_insert (run->nodes, (gpointer) reslib_record_get_id (node), node);
        }
    }

  return TRUE;
}

static void
run_clear (Run *run)
{
  g_clear_object (&run->project);
  g_clear_object (&run->majors);
  g_clear_object (&run->units);
  g_clear_object (&run->courses);
  g_clear_pointer (&run->nodes, g_hash_table_unref);
  g_clear_pointer (&run->node_uses, g_hash_table_unref);
  g_clear_pointer (&run->unit_ids, g_hash_table_unref);
  g_clear_pointer (&run->probes, g_hash_table_unref);
  g_clear_object (&run->findings);
}

/* Runs every rule the profile holds over the project, with @store, in the calling thread.
 *
 * Returns: (transfer full): the findings, errors first */
static GListModel *
validate (ReslibValidator  *self,
          ReslibStore      *store,
          GCancellable     *cancellable,
          GError          **error)
{
  Run run = {
    .store = store,
    .profile = self->profile,
    .package_kind = self->package_kind,
    .nodes = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_object_unref),
    .node_uses = g_hash_table_new (g_str_hash, g_str_equal),
    .unit_ids = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_object_unref),
    .findings = _reslib_finding_list_new (),
    .job = RESLIB_JOB (self),
    .cancellable = cancellable,
  };
  g_autoptr(ReslibFindingList) findings = NULL;
  guint n_resources;

  if (!load (&run, self->project_id, error) || g_cancellable_set_error_if_cancelled (cancellable, error))
    {
      run_clear (&run);
      return NULL;
    }

  n_resources = reslib_store_count (store, RESLIB_KIND_RESOURCE, self->project_id, NULL);
  reslib_job_report (run.job, &(ReslibProgress) { .files_total = n_resources, .eta = -1 },
                     _("Checking the project, its majors and units"));
  _reslib_rules_units (&run);
  _reslib_rules_majors (&run);
  _reslib_rules_dossier (&run);
  _reslib_rules_dossier_sections (&run);
  _reslib_rules_upkeep (&run);
  _reslib_rules_targets (&run);
  _reslib_rules_budget (&run);
  if (!_reslib_rules_resources (&run, error))
    {
      run_clear (&run);
      return NULL;
    }
  _reslib_rules_courses (&run);
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    {
      run_clear (&run);
      return NULL;
    }

  findings = g_steal_pointer (&run.findings);
  _reslib_finding_list_order (findings);
  reslib_job_report (run.job, &(ReslibProgress) { .files_done = n_resources, .files_total = n_resources, .eta = -1 },
                     _("Checks done"));
  run_clear (&run);

  return G_LIST_MODEL (g_steal_pointer (&findings));
}

/* In the calling thread, or in a worker with a connection of its own. */
static gboolean
reslib_validator_run (ReslibJob     *job,
                      GCancellable  *cancellable,
                      GError       **error)
{
  ReslibValidator *self = RESLIB_VALIDATOR (job);
  g_autoptr(ReslibStore) own_store = NULL;
  GListModel *findings;

  g_clear_object (&self->findings);
  if (reslib_job_in_worker (job))
    {
      own_store = reslib_store_reopen (self->store, error);
      if (own_store == NULL)
        return FALSE;
    }

  findings = validate (self, own_store != NULL ? own_store : self->store, cancellable, error);
  if (findings == NULL)
    return FALSE;
  self->findings = findings;

  return TRUE;
}

/* ---------------------------------------------------------------------------------------------- */
/* The object                                                                                      */

static void
reslib_validator_finalize (GObject *object)
{
  ReslibValidator *self = RESLIB_VALIDATOR (object);

  g_clear_object (&self->store);
  g_free (self->project_id);
  g_clear_object (&self->profile);
  g_free (self->package_kind);
  g_clear_object (&self->findings);

  G_OBJECT_CLASS (reslib_validator_parent_class)->finalize (object);
}

static void
reslib_validator_class_init (ReslibValidatorClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = reslib_validator_finalize;
  RESLIB_JOB_CLASS (klass)->run = reslib_validator_run;
}

static void
reslib_validator_init (ReslibValidator *self)
{
}

/**
 * reslib_validator_new:
 * @store: the store
 * @project_id: the project to check
 * @profile: the rules to check it against
 *
 * A job that runs every rule @profile holds over the project. Run it with reslib_job_run() (it blocks: the
 * command line, or a worker of the caller's own) or reslib_job_run_async() (a worker with a connection of
 * its own); then reslib_validator_get_findings() gives what it found.
 *
 * Returns: (transfer full): the job
 */
ReslibValidator *
reslib_validator_new (ReslibStore   *store,
                      const char    *project_id,
                      ReslibProfile *profile)
{
  ReslibValidator *self;

  g_return_val_if_fail (RESLIB_IS_STORE (store), NULL);
  g_return_val_if_fail (project_id != NULL, NULL);
  g_return_val_if_fail (RESLIB_IS_PROFILE (profile), NULL);

  self = g_object_new (RESLIB_TYPE_VALIDATOR, "title", _("Checking the project"), NULL);
  self->store = g_object_ref (store);
  self->project_id = g_strdup (project_id);
  self->profile = g_object_ref (profile);

  return self;
}

/**
 * reslib_validator_set_package_kind:
 * @package_kind: (nullable): the package about to be built ("application" …), which turns on the rules for
 *   it (every resource of an application approved); %NULL for a plain check
 */
void
reslib_validator_set_package_kind (ReslibValidator *self,
                                   const char      *package_kind)
{
  g_return_if_fail (RESLIB_IS_VALIDATOR (self));
  g_return_if_fail (!reslib_job_get_busy (RESLIB_JOB (self)));

  g_free (self->package_kind);
  self->package_kind = g_strdup (package_kind);
}

/**
 * reslib_validator_get_package_kind:
 *
 * Returns: (transfer none) (nullable): the package kind whose rules the job also applies
 */
const char *
reslib_validator_get_package_kind (ReslibValidator *self)
{
  g_return_val_if_fail (RESLIB_IS_VALIDATOR (self), NULL);
  return self->package_kind;
}

/**
 * reslib_validator_get_project_id:
 *
 * Returns: (transfer none): the id of the project the job checks
 */
const char *
reslib_validator_get_project_id (ReslibValidator *self)
{
  g_return_val_if_fail (RESLIB_IS_VALIDATOR (self), NULL);
  return self->project_id;
}

/**
 * reslib_validator_get_profile:
 *
 * Returns: (transfer none): the rules the job checks against
 */
ReslibProfile *
reslib_validator_get_profile (ReslibValidator *self)
{
  g_return_val_if_fail (RESLIB_IS_VALIDATOR (self), NULL);
  return self->profile;
}

/**
 * reslib_validator_get_findings:
 *
 * The same after reslib_job_run() as after reslib_job_run_async().
 *
 * Returns: (transfer none) (nullable): a #GListModel of #ReslibFinding, errors first, then warnings, then
 *   notes, by rule; %NULL before a run has ended well (a failed or cancelled run leaves none)
 */
GListModel *
reslib_validator_get_findings (ReslibValidator *self)
{
  g_return_val_if_fail (RESLIB_IS_VALIDATOR (self), NULL);
  return self->findings;
}
