/* reslib-report-evidence.c — the acceptance report's evidence index (佐证材料目录): every evidence file of the
 * project with what it is evidence for, in the order reslib_store_list_evidence() gives
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "reslib-entity.h"
#include "reslib-labels.h"
#include "reslib-record.h"
#include "reslib-report-private.h"
#include "reslib-store-evidence.h"

/* What the evidence is for, as the index says it: "里程碑：中期检查", "建设目标：各类型资源（视频）",
 * "报告章节：建设基础" */
static char *
attached_to (Report         *report,
             ReslibEvidence *evidence)
{
  g_autoptr(ReslibRecord) record = NULL;

  if (evidence->section != NULL)
    return g_strdup_printf ("报告章节：%s", reslib_label_text_section_document (evidence->section));
  if (evidence->attached_id == NULL)
    return g_strdup ("项目整体");
  record = reslib_store_get (report->store, evidence->attached_kind, evidence->attached_id, NULL);
  switch ((int) evidence->attached_kind)
    {
    case RESLIB_KIND_MILESTONE:
      return g_strdup_printf ("里程碑：%s", record != NULL ? reslib_record_get (record, "title") : "—");
    case RESLIB_KIND_BUDGET_LINE:
      return g_strdup_printf ("建设资金：%s", record != NULL ? reslib_record_get (record, "category") : "—");
    case RESLIB_KIND_TARGET:
    default:
      {
        const char *type = record != NULL ? reslib_record_get (record, "resource_type") : NULL;
        const char *course_id = record != NULL ? reslib_record_get (record, "course_id") : NULL;
        g_autoptr(ReslibRecord) course = NULL;

        if (record == NULL)
          return g_strdup ("建设目标");
        if (type != NULL && *type != '\0')
          return g_strdup_printf ("建设目标：%s（%s）",
                                  reslib_label_target_kind_document (reslib_record_get (record, "kind")),
                                  reslib_label_resource_type_document (type));
        if (course_id != NULL && *course_id != '\0' &&
            (course = reslib_store_get (report->store, RESLIB_KIND_COURSE, course_id, NULL)) != NULL)
          return g_strdup_printf ("建设目标：%s（%s）",
                                  reslib_label_target_kind_document (reslib_record_get (record, "kind")),
                                  reslib_record_get (course, "title"));
        return g_strdup_printf ("建设目标：%s",
                                reslib_label_target_kind_document (reslib_record_get (record, "kind")));
      }
    }
}

/* Sizes as the index gives them: "1.2 MB", "350 KB" */
static char *
format_size (gint64 size)
{
  if (size < 0)
    return g_strdup ("—");
  return g_format_size_full ((guint64) size, G_FORMAT_SIZE_DEFAULT);
}

gboolean
_reslib_report_section_evidence (Report  *report,
                                 GError **error)
{
  g_autoptr(GPtrArray) list = reslib_store_list_evidence (report->store, report->project_id, error);
  Block *table;

  if (list == NULL)
    return FALSE;
  add_heading (report, "佐证材料目录");
  table = add_table (report, TRUE,
                     (const char * const[]) { "序号:0.7:n", "材料名称:3", "佐证事项:2.6", "文件名:2.6", "大小:1.1:n",
                                              NULL });
  for (guint i = 0; i < list->len; i++)
    {
      ReslibEvidence *e = g_ptr_array_index (list, i);
      g_autofree char *number = format_count (i + 1);
      g_autofree char *what = attached_to (report, e);
      g_autofree char *size = format_size (e->size);

      ROW (table, number, e->title, what, e->file_name, size);
    }
  if (list->len == 0)
    empty_table (report, table, "佐证材料：" MISSING);

  return TRUE;
}
