/* reslib-report-targets.c — the report's section on the targets of the task book: 建设目标 in the dossier,
 * 建设目标完成情况 in the progress and acceptance reports
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "reslib-labels.h"
#include "reslib-report-private.h"
#include "reslib-store-targets.h"

/* The targets of the task book (任务书/建设目标): in the dossier their planned numbers, in the progress
 * and acceptance reports also what the store holds and the share reached (reslib-store-targets.c says
 * what each counts). */
gboolean
_reslib_report_section_targets (Report  *report,
                                GError **error)
{
  g_autoptr(GPtrArray) targets = reslib_store_list_target_progress (report->store, report->project_id, error);
  gboolean dossier = g_str_equal (report->kind, "dossier");
  Block *table;

  if (targets == NULL)
    return FALSE;
  add_heading (report, dossier ? "建设目标" : "建设目标完成情况");
  if (dossier)
    table = add_table (report, TRUE, (const char * const[]) { "序号:0.7:n", "建设目标:4", "计划数:1.2:n", "说明:3", NULL });
  else
    table = add_table (report, TRUE,
                       (const char * const[]) { "序号:0.7:n", "建设目标:3.4", "计划数:1:n", "实际数:1:n", "完成比例:1:n",
                                                "说明:2", NULL });
  for (guint i = 0; i < targets->len; i++)
    {
      const ReslibTargetProgress *t = g_ptr_array_index (targets, i);
      g_autofree char *number = format_count (i + 1);
      g_autofree char *planned = format_count (t->planned);
      g_autofree char *actual = t->actual >= 0 ? format_count (t->actual) : g_strdup ("未统计");
      int percent = reslib_target_progress_percent (t);
      g_autofree char *share = percent >= 0 ? g_strdup_printf ("%d%%", percent) : g_strdup ("—");
      g_autofree char *what = NULL;

      if (t->resource_type != NULL)
        what = g_strdup_printf ("%s（%s）", reslib_label_target_kind_document (t->kind),
                                reslib_label_resource_type_document (t->resource_type));
      else if (t->course_id != NULL)
        what = g_strdup_printf ("%s（%s）", reslib_label_target_kind_document (t->kind), or_empty (t->course_title));
      else
        what = g_strdup (reslib_label_target_kind_document (t->kind));
      if (dossier)
        ROW (table, number, what, planned, or_empty (t->note));
      else
        ROW (table, number, what, planned, actual, share, or_empty (t->note));
    }
  if (targets->len == 0)
    empty_table (report, table, "建设目标：" MISSING);

  return TRUE;
}
