/* reslib-rules-budget.c — the rule budget.source: each budget line's source of funds is one of the profile's
 * list (budget_sources: 财政、学校自筹、行业企业), so that the reports can sum the budget by source
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "reslib-validator-private.h"

/* A budget line whose source names none of the profile's sources (by name, id or alias) gets a warning: the
 * source stays as written, and the reports list it apart from the profile's sources. A profile without the
 * list checks nothing. */
void
_reslib_rules_budget (Run *run)
{
  g_autoptr(GListModel) lines = NULL;
  g_auto(GStrv) names = NULL;
  g_autofree char *listed = NULL;

  if (RULE (run, "budget.source") == NULL)
    return;
  names = reslib_profile_list_budget_sources (run->profile);
  if (names[0] == NULL)
    return;
  lines = reslib_store_list (run->store, RESLIB_KIND_BUDGET_LINE, reslib_record_get_id (run->project), NULL);
  /* Translators: the separator of a list of names, e.g. "财政、学校自筹、行业企业" in Chinese */
  listed = g_strjoinv (_(", "), names);
  for (guint i = 0; lines != NULL && i < g_list_model_get_n_items (lines); i++)
    {
      g_autoptr(ReslibRecord) line = g_list_model_get_item (lines, i);
      const char *source = reslib_record_get (line, "source");

      if (reslib_profile_match_budget_source (run->profile, source) != NULL)
        continue;
      add (run, "budget.source", line,
           _("Choose a source of the list for the budget line, or add the source to the profile’s list"),
           /* Translators: the last %s lists the profile's sources of funds, e.g. "财政、学校自筹、行业企业" */
           _("The source of funds “%s” of the budget line “%s” is none of the profile’s sources (%s)"),
           source != NULL ? source : "", reslib_record_get (line, "category"), listed);
      in_field (run, "source");
    }
}
