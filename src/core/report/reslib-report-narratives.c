/* reslib-report-narratives.c — the text the project writes in its reports: the progress report's 存在问题与
 * 下一步计划, the acceptance report's 建设成效 in the five dimensions and its 审计报告
 *
 * The acceptance report follows the parts 教职成司函〔2021〕36号 names (the completion of every target, the
 * five dimensions, the funds by unit, the audit report, the evidence index); their wording here comes from
 * /work/shared/domain.md (f), a secondary source. A section the project has not written prints （未填写）.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "reslib-report-private.h"
#include "reslib-store-texts.h"

/* The five dimensions, as the dossier's 建设内容 and the acceptance report's 建设成效 name them */
const ReslibReportDimension _reslib_report_dimensions[] = {
  { "content-resources", "outcome-resources", "资源建设" },
  { "content-platform", "outcome-platform", "平台功能" },
  { "content-promotion", "outcome-promotion", "应用推广" },
  { "content-innovation", "outcome-innovation", "特色创新" },
  { "content-institution", "outcome-institution", "制度保障" },
  { NULL, NULL, NULL },
};

/**
 * _reslib_report_add_project_text:
 * @section: a nick of #ReslibTextSection
 *
 * Adds the project's text of @section, a paragraph per line, or （未填写）.
 */
gboolean
_reslib_report_add_project_text (Report     *report,
                                 const char *section,
                                 GError    **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *text = reslib_store_get_project_text (report->store, report->project_id, section, &local_error);

  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  add_narrative (report, text);

  return TRUE;
}

/* 建设成效: what the acceptance report says was achieved, dimension by dimension */
gboolean
_reslib_report_section_outcomes (Report  *report,
                                 GError **error)
{
  add_heading (report, "建设成效");
  for (guint i = 0; _reslib_report_dimensions[i].title != NULL; i++)
    {
      add_subheading (report, _reslib_report_dimensions[i].title);
      if (!_reslib_report_add_project_text (report, _reslib_report_dimensions[i].outcome, error))
        return FALSE;
    }

  return TRUE;
}

/* 审计报告: who audited the funds, the report's number and its conclusion, as the project wrote them */
gboolean
_reslib_report_section_audit (Report  *report,
                              GError **error)
{
  add_heading (report, "审计报告");
  add_text (report, BLOCK_NOTE, "审计机构、审计报告文号及审计结论（审计报告原件列入佐证材料）：");

  return _reslib_report_add_project_text (report, "audit", error);
}

/* 存在问题与下一步计划, at the end of the progress report */
gboolean
_reslib_report_section_problems (Report  *report,
                                 GError **error)
{
  add_heading (report, "存在问题与下一步计划");
  add_subheading (report, "存在问题");
  if (!_reslib_report_add_project_text (report, "progress-problems", error))
    return FALSE;
  add_subheading (report, "下一步计划");

  return _reslib_report_add_project_text (report, "progress-next", error);
}
