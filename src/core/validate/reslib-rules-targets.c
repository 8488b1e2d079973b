/* reslib-rules-targets.c — the rule project.targets: targets (任务书/建设目标) below plan in progress and
 * acceptance packages
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "reslib-labels.h"
#include "reslib-store-targets.h"
#include "reslib-validator-private.h"

/* What the target is about, for a message: the kind's label, with the type or the course. */
static char *
describe (const ReslibTargetProgress *t)
{
  if (t->resource_type != NULL)
    /* Translators: a target and what it is about, e.g. "Resources of a type: Video" */
    return g_strdup_printf (_("%s: %s"), reslib_label_target_kind (t->kind),
                            reslib_label_resource_type (t->resource_type));
  if (t->course_id != NULL)
    return g_strdup_printf (_("%s: %s"), reslib_label_target_kind (t->kind), t->course_title);

  return g_strdup (reslib_label_target_kind (t->kind));
}

/* A progress or acceptance package whose project has a target below the share of its plan that the profile
 * expects for that kind of package (params "share": { "progress": 0.5, "acceptance": 1.0 }) gets a warning per
 * target; a kind the profile gives no share for, and a check without a package kind, are not checked. Never
 * an error: a target missed is for the report to explain, not a reason to withhold it. */
void
_reslib_rules_targets (Run *run)
{
  const ReslibRule *rule = RULE (run, "project.targets");
  JsonObject *shares;
  g_autoptr(GPtrArray) targets = NULL;
  double share;
  int threshold;

  if (rule == NULL || run->package_kind == NULL || rule->params == NULL ||
      !json_object_has_member (rule->params, "share") ||
      (shares = json_object_get_object_member (rule->params, "share")) == NULL ||
      !json_object_has_member (shares, run->package_kind))
    return;
  share = json_object_get_double_member (shares, run->package_kind);
  threshold = (int) (share * 100.0 + 0.5);
  targets = reslib_store_list_target_progress (run->store, reslib_record_get_id (run->project), NULL);
  for (guint i = 0; targets != NULL && i < targets->len; i++)
    {
      const ReslibTargetProgress *t = g_ptr_array_index (targets, i);
      g_autoptr(ReslibRecord) record = NULL;
      g_autofree char *what = NULL;
      g_autofree char *actual = g_strdup_printf ("%" G_GINT64_FORMAT, t->actual);
      g_autofree char *planned = g_strdup_printf ("%" G_GINT64_FORMAT, t->planned);

      if (!reslib_target_progress_below_plan (t, threshold))
        continue;
      record = reslib_store_get (run->store, RESLIB_KIND_TARGET, t->id, NULL);
      what = describe (t);
      add (run, "project.targets", record != NULL ? record : run->project,
           _("Explain the gap in the report, or correct the planned number on the Dossier page"),
           _("The target “%s” is at %s of %s planned (%d%%), below the %d%% expected for this package"),
           what, actual, planned, reslib_target_progress_percent (t), threshold);
      demote_last (run);
    }
}
