/* reslib-report-content.c — what goes in a report: its sections, gathered from the store as blocks
 *
 * The report is written in Chinese: it goes to the province. Its headings and
 * table captions are therefore document content, not user-interface strings,
 * and are not marked for translation.
 *
 * Every section reads the store in the one read transaction of
 * _reslib_report_gather(), so the whole report shows one state of the project.
 * Nothing is invented: a value that is not in the store is shown as
 * “（未填写）”.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "reslib-entity.h"
#include "reslib-labels.h"
#include "reslib-record.h"
#include "reslib-report-private.h"
#include "reslib-store.h"
#include "reslib-store-stats.h"

#define MAX_CHANGE_ROWS 200

void
_reslib_report_free (Report *report)
{
  g_clear_object (&report->store);
  g_clear_object (&report->profile);
  g_clear_pointer (&report->stats, reslib_project_stats_free);
  g_free (report->project_id);
  g_free (report->kind);
  g_free (report->project_name);
  g_free (report->as_of);
  g_free (report->as_of_iso);
  g_clear_pointer (&report->blocks, g_ptr_array_unref);
  g_clear_pointer (&report->headings, g_ptr_array_unref);
  g_clear_pointer (&report->cover, g_ptr_array_unref);
  g_free (report);
}

/* ---------------------------------------------------------------------------------------------- */
/* Reading the store                                                                               */

/* The first ten characters of a timestamp: its date */
static char *
date_of (const char *timestamp)
{
  return timestamp != NULL ? g_strndup (timestamp, 10) : NULL;
}

static const char *
unit_role_label (const char *role)
{
  if (g_strcmp0 (role, "host") == 0)
    return "主持单位";
  if (g_strcmp0 (role, "participant") == 0)
    return "参与单位";
  return role;
}

static const char *
course_kind_label (const char *kind)
{
  if (g_strcmp0 (kind, "standardized") == 0)
    return "标准化课程";
  if (g_strcmp0 (kind, "personalised") == 0)
    return "个性化课程";
  if (g_strcmp0 (kind, "training") == 0)
    return "培训课程";
  return kind;
}

static const char *
origin_label (const char *origin)
{
  if (g_strcmp0 (origin, "original") == 0)
    return "原创";
  if (g_strcmp0 (origin, "licensed") == 0)
    return "授权引进";
  if (g_strcmp0 (origin, "open") == 0)
    return "开放许可";
  return origin;
}

const char *
_reslib_report_kind_title (const char *kind)
{
  if (g_strcmp0 (kind, "progress") == 0)
    return "建设进展与应用分析报告";
  if (g_strcmp0 (kind, "acceptance") == 0)
    return "验收总结报告";
  return "项目申报书";
}

/* ---------------------------------------------------------------------------------------------- */
/* Sections                                                                                        */

gboolean
_reslib_report_basics_table (Report  *report,
                             GError **error)
{
  g_autoptr(ReslibRecord) project = reslib_store_get (report->store, RESLIB_KIND_PROJECT, report->project_id, error);
  g_autoptr(GListModel) majors = NULL;
  g_autoptr(GString) core = g_string_new (NULL);
  g_autoptr(GString) served = g_string_new (NULL);
  g_autoptr(GString) contact = g_string_new (NULL);
  Block *table;

  if (project == NULL)
    return FALSE;
  majors = reslib_store_list (report->store, RESLIB_KIND_MAJOR, report->project_id, error);
  if (majors == NULL)
    return FALSE;
  for (guint i = 0; i < g_list_model_get_n_items (majors); i++)
    {
      g_autoptr(ReslibRecord) major = g_list_model_get_item (majors, i);
      GString *out = g_strcmp0 (reslib_record_get (major, "role"), "core") == 0 ? core : served;

      if (out->len > 0)
        g_string_append (out, "；");
      g_string_append_printf (out, "%s（%s）", reslib_record_get (major, "name"), reslib_record_get (major, "code"));
    }
  for (guint i = 0; i < 3; i++)
    {
      static const char * const fields[] = { "contact_name", "contact_phone", "contact_email" };
      const char *value = reslib_record_get (project, fields[i]);

      if (value != NULL && *value != '\0')
        g_string_append_printf (contact, "%s%s", contact->len > 0 ? "　" : "", value);
    }

  table = add_table (report, FALSE, (const char * const[]) { ":1", ":3", NULL });
  ROW (table, "项目名称", reslib_record_get (project, "name"));
  ROW (table, "层次", reslib_label_project_level_document (reslib_record_get (project, "level")));
  ROW (table, "核心专业", or_missing (core->str));
  ROW (table, "服务专业", or_missing (served->str));
  ROW (table, "建设开始日期", reslib_record_get (project, "start_date"));
  ROW (table, "建设结束日期", reslib_record_get (project, "end_date"));
  ROW (table, "对接产业/领域", reslib_record_get (project, "industry_chain"));
  ROW (table, "项目简介", reslib_record_get (project, "description"));
  ROW (table, "联系人", or_missing (contact->str));

  return TRUE;
}

static gboolean
section_basics (Report  *report,
                GError **error)
{
  add_heading (report, "项目基本信息");
  return _reslib_report_basics_table (report, error);
}

gboolean
_reslib_report_units_table (Report  *report,
                            GError **error)
{
  g_autoptr(GListModel) units = reslib_store_list (report->store, RESLIB_KIND_UNIT, report->project_id, error);
  Block *table;

  if (units == NULL)
    return FALSE;
  if (g_list_model_get_n_items (units) == 0)
    {
      add_text (report, BLOCK_PARAGRAPH, "单位：" MISSING);
      return TRUE;
    }
  table = add_table (report, TRUE,
                     (const char * const[]) { "序号:0.7:n", "单位名称:3", "类型:1.8", "角色:1.2", "主持排序:1.2:n",
                                              "统一社会信用代码:2.3", NULL });
  for (guint i = 0; i < g_list_model_get_n_items (units); i++)
    {
      g_autoptr(ReslibRecord) unit = g_list_model_get_item (units, i);
      g_autofree char *number = format_count (i + 1);

      ROW (table, number, reslib_record_get (unit, "name"),
           reslib_label_unit_kind_document (reslib_record_get (unit, "kind")),
           unit_role_label (reslib_record_get (unit, "role")),
           g_strcmp0 (reslib_record_get (unit, "role"), "host") == 0 ? reslib_record_get (unit, "host_rank") : "—",
           reslib_record_get (unit, "credit_code"));
    }

  return TRUE;
}

static gboolean
section_units (Report  *report,
               GError **error)
{
  add_heading (report, "主持单位与参与单位");
  return _reslib_report_units_table (report, error);
}

/* The members' table, the project leader (项目负责人) first */
gboolean
_reslib_report_team_table (Report    *report,
                           GPtrArray *rows)
{
  Block *table;


  table = add_table (report, TRUE,
                     (const char * const[]) { "序号:0.7:n", "姓名:1.2", "所在单位:2.4", "出生年份:1:n", "职称/职务:1.6",
                                              "双师/企业:1.2", "承担任务:2.4", NULL });
  for (guint i = 0; i < rows->len; i++)
    {
      ReslibTeamRow *row = g_ptr_array_index (rows, i);
      g_autofree char *number = format_count (i + 1);
      g_autofree char *born = row->birth_year > 0 ? format_count (row->birth_year) : g_strdup ("");
      g_autofree char *title = row->title != NULL && row->office != NULL
                                 ? g_strdup_printf ("%s／%s", row->title, row->office)
                                 : g_strdup (row->title != NULL ? row->title : or_empty (row->office));
      const char *kind = row->dual_qualified && row->enterprise ? "双师型、企业人员"
                         : row->dual_qualified ? "双师型" : row->enterprise ? "企业人员" : "";

      ROW (table, number, row->name, row->unit, born, title, kind, row->duty);
    }
  if (rows->len == 0)
    empty_table (report, table, "团队成员：" MISSING);

  return TRUE;
}

static gboolean
section_team (Report  *report,
              GError **error)
{
  g_autoptr(GPtrArray) rows = reslib_store_list_team_rows (report->store, report->project_id, error);

  if (rows == NULL)
    return FALSE;
  add_heading (report, "团队成员");
  for (guint i = 0; i < rows->len; i++)
    {
      ReslibTeamRow *row = g_ptr_array_index (rows, i);
      g_autofree char *born = row->birth_year > 0 ? g_strdup_printf ("，%" G_GINT64_FORMAT " 年出生", row->birth_year)
                                                  : g_strdup ("");

      if (row->leader)
        add_textf (report, BLOCK_PARAGRAPH, "项目负责人：%s（%s%s%s%s）。", row->name, or_missing (row->unit),
                   row->title != NULL ? "，" : "", or_empty (row->title), born);
    }

  return _reslib_report_team_table (report, rows);
}

gboolean
_reslib_report_courses_table (Report  *report,
                              GError **error)
{
  gint64 totals[3] = { 0 };
  Block *table;
  guint n = 0;

  table = add_table (report, TRUE,
                     (const char * const[]) { "序号:0.7:n", "课程名称:3", "课程类型:1.4", "模块数:0.9:n",
                                              "知识点数:0.9:n", "技能点数:0.9:n", "关联资源数:1:n", NULL });
  for (guint i = 0; i < report->stats->courses->len; i++)
    {
      ReslibCourseStats *course = g_ptr_array_index (report->stats->courses, i);
      g_autofree char *number = format_count (++n);
      g_autofree char *modules = format_count (course->n_modules);
      g_autofree char *knowledge = format_count (course->n_knowledge);
      g_autofree char *skills = format_count (course->n_skills);
      g_autofree char *resources = format_count (course->n_resources);

      totals[0] += course->n_modules;
      totals[1] += course->n_knowledge;
      totals[2] += course->n_skills;
      ROW (table, number, course->title, course_kind_label (course->kind), modules, knowledge, skills, resources);
    }
  if (n == 0)
    empty_table (report, table, "课程：" MISSING);
  else
    {
      g_autofree char *t0 = format_count (totals[0]);
      g_autofree char *t1 = format_count (totals[1]);
      g_autofree char *t2 = format_count (totals[2]);
      g_autofree char *courses = g_strdup_printf ("%u 门课程", n);

      BOLD_ROW (table, "", "合计", courses, t0, t1, t2, "—");
    }

  return TRUE;
}

static gboolean
section_courses (Report  *report,
                 GError **error)
{
  add_heading (report, "课程清单");
  return _reslib_report_courses_table (report, error);
}

gboolean
_reslib_report_statistics_tables (Report  *report,
                                  GError **error)
{
  ReslibProjectStats *stats = report->stats;
  g_autofree char *total_text = NULL;
  gint64 total = stats->n_resources;
  Block *table;

  total_text = format_count (total);

  add_textf (report, BLOCK_PARAGRAPH, "资源总数：%" G_GINT64_FORMAT " 个。", total);

  add_caption (report, "按资源类型");
  table = add_table (report, TRUE, (const char * const[]) { "资源类型:2", "数量:1:n", "占比:1:n", NULL });
  for (guint i = 0; reslib_resource_types[i] != NULL; i++)
    {
      gint64 n = GPOINTER_TO_UINT (g_hash_table_lookup (stats->by_type, reslib_resource_types[i]));
      g_autofree char *count = format_count (n);
      g_autofree char *percent = format_percent (n, total);

      ROW (table, reslib_label_resource_type_document (reslib_resource_types[i]), count, percent);
    }
  BOLD_ROW (table, "合计", total_text, total > 0 ? "100.0%" : "—");

  add_caption (report, "按课程（一个资源可关联多门课程）");
  table = add_table (report, TRUE, (const char * const[]) { "课程:3", "资源数:1:n", "占资源总数:1:n", NULL });
  for (guint i = 0; i < stats->courses->len; i++)
    {
      ReslibCourseStats *course = g_ptr_array_index (stats->courses, i);
      g_autofree char *count = format_count (course->n_resources);
      g_autofree char *percent = format_percent (course->n_resources, total);

      ROW (table, course->title, count, percent);
    }
  {
    g_autofree char *count = format_count (stats->n_unlinked);
    g_autofree char *percent = format_percent (stats->n_unlinked, total);

    ROW (table, "未关联课程", count, percent);
  }

  add_caption (report, "按来源");
  table = add_table (report, TRUE, (const char * const[]) { "来源:2", "数量:1:n", "占比:1:n", NULL });
  for (guint i = 0; reslib_resource_origins[i] != NULL; i++)
    {
      gint64 n = GPOINTER_TO_UINT (g_hash_table_lookup (stats->by_origin, reslib_resource_origins[i]));
      g_autofree char *count = format_count (n);
      g_autofree char *percent = format_percent (n, total);

      ROW (table, origin_label (reslib_resource_origins[i]), count, percent);
    }
  BOLD_ROW (table, "合计", total_text, total > 0 ? "100.0%" : "—");

  add_caption (report, "视频时长");
  table = add_table (report, FALSE, (const char * const[]) { ":2", ":2:n", NULL });
  {
    guint n_videos = stats->n_videos, n_probed = stats->n_videos_probed;
    g_autofree char *videos = format_count (n_videos);
    g_autofree char *probed = format_count (n_probed);
    g_autofree char *hours = g_strdup_printf ("%.2f 小时", stats->video_seconds / 3600.0);
    g_autofree char *unprobed = format_count (n_videos - n_probed);

    ROW (table, "视频资源数", videos);
    ROW (table, "已获得时长的视频数", probed);
    ROW (table, "未获得时长的视频数", n_videos > n_probed ? unprobed : "0");
    ROW (table, "视频总时长", n_probed > 0 ? hours : (n_videos > 0 ? MISSING : "0.00 小时"));
  }

  return TRUE;
}

static gboolean
section_statistics (Report  *report,
                    GError **error)
{
  add_heading (report, "资源统计");
  return _reslib_report_statistics_tables (report, error);
}

gboolean
_reslib_report_section_milestones (Report  *report,
                    GError **error)
{
  g_autoptr(GListModel) milestones = reslib_store_list (report->store, RESLIB_KIND_MILESTONE, report->project_id, error);
  Block *table;

  if (milestones == NULL)
    return FALSE;
  add_heading (report, "建设进度与里程碑");
  table = add_table (report, TRUE,
                     (const char * const[]) { "序号:0.7:n", "里程碑:2.2", "建设成果:2", "计划完成:1.3", "实际完成:1.3",
                                              "状态:0.9", "佐证链接:2", "说明:1.6", NULL });
  for (guint i = 0; i < g_list_model_get_n_items (milestones); i++)
    {
      g_autoptr(ReslibRecord) m = g_list_model_get_item (milestones, i);
      g_autofree char *number = format_count (i + 1);
      const char *due = reslib_record_get (m, "due_date");
      const char *done = reslib_record_get (m, "done_date");
      const char *deliverable = reslib_record_get (m, "deliverable");
      const char *quantity = reslib_record_get (m, "quantity");
      const char *link = reslib_record_get (m, "evidence_url");
      g_autofree char *delivered = NULL;
      const char *state;

      /* the deliverable with its quantity: "3 × 标准化课程" */
      if (deliverable != NULL && quantity != NULL)
        delivered = g_strdup_printf ("%s × %s", quantity, deliverable);
      else
        delivered = g_strdup (deliverable != NULL ? deliverable : "");
      if (done != NULL && *done != '\0')
        state = "已完成";
      else if (due != NULL && *due != '\0' && g_strcmp0 (due, report->as_of) < 0)
        state = "逾期";
      else
        state = "进行中";
      ROW (table, number, reslib_record_get (m, "title"), delivered, due, done != NULL && *done != '\0' ? done : "—", state,
           link != NULL ? link : "", reslib_record_get (m, "note") != NULL ? reslib_record_get (m, "note") : "");
    }
  if (g_list_model_get_n_items (milestones) == 0)
    empty_table (report, table, "里程碑：" MISSING);

  return TRUE;
}

gboolean
_reslib_report_section_budget (Report  *report,
                GError **error)
{
  g_autoptr(GPtrArray) rows = reslib_store_list_budget_rows (report->store, report->project_id, error);
  g_autofree char *last_unit = NULL;
  gint64 unit_total = 0, total = 0;
  gboolean any = FALSE;
  Block *table;

  if (rows == NULL)
    return FALSE;
  add_heading (report, "建设资金");
  add_caption (report, "按单位 × 来源 × 支出类别（单位：元）");
  table = add_table (report, TRUE,
                     (const char * const[]) { "单位:2.6", "资金来源:1.6", "支出类别:1.8", "金额:1.4:n", "备注:2", NULL });
  for (guint i = 0; i < rows->len; i++)
    {
      ReslibBudgetRow *row = g_ptr_array_index (rows, i);
      const char *unit = row->unit_id != NULL ? row->unit : "（未指定单位）";
      gint64 cents = row->amount_cents;
      g_autofree char *amount = format_cents (cents);

      if (any && g_strcmp0 (last_unit, unit) != 0)
        {
          g_autofree char *sub = format_cents (unit_total);
          BOLD_ROW (table, last_unit, "小计", "", sub, "");
          unit_total = 0;
        }
      any = TRUE;
      g_free (last_unit);
      last_unit = g_strdup (unit);
      unit_total += cents;
      total += cents;
      ROW (table, unit, row->source, row->category, amount, or_empty (row->note));
    }
  if (!any)
    {
      empty_table (report, table, "建设资金：" MISSING);
      return TRUE;
    }
  {
    g_autofree char *sub = format_cents (unit_total);
    g_autofree char *sum = format_cents (total);

    BOLD_ROW (table, last_unit, "小计", "", sub, "");
    BOLD_ROW (table, "合计", "", "", sum, "");
  }

  _reslib_report_budget_by_source (report, rows);

  if (!g_str_equal (report->kind, "dossier"))
    _reslib_report_budget_funds_by_unit (report, rows);

  return _reslib_report_budget_by_year (report, rows, error);
}

/* The units' declarations (知识产权声明) and who signed them */
gboolean
_reslib_report_declarations_table (Report  *report,
                                   GError **error)
{
  g_autoptr(GPtrArray) rows = reslib_store_list_declaration_rows (report->store, report->project_id, error);
  Block *table;

  if (rows == NULL)
    return FALSE;
  table = add_table (report, TRUE,
                     (const char * const[]) { "单位:3", "声明:1.2", "签署人:1.4", "签署日期:1.4", "备注:2", NULL });
  for (guint i = 0; i < rows->len; i++)
    {
      ReslibDeclarationRow *row = g_ptr_array_index (rows, i);
      gboolean has = row->declaration_id != NULL;

      ROW (table, row->unit, has ? "已提交" : "（未提交）", has ? row->signed_by : "—",
           has ? row->signed_on : "—", has ? or_empty (row->note) : "");
    }
  if (rows->len == 0)
    ROW (table, NULL, "（未提交）", "—", "—", "");

  return TRUE;
}

static gboolean
section_declarations (Report  *report,
                      GError **error)
{
  add_heading (report, "知识产权声明");
  add_text (report, BLOCK_PARAGRAPH,
            "各单位承诺：所提交资源为原创或已取得合法授权，不侵犯他人知识产权。各单位的声明签署情况如下。");
  return _reslib_report_declarations_table (report, error);
}

void
_reslib_report_add_opinion (Report             *report,
                            const char         *title,
                            const char * const *lines)
{
  Block *block = g_new0 (Block, 1);

  block->type = BLOCK_OPINION;
  block->text = g_strdup (title);
  block->lines = g_strdupv ((char **) lines);
  g_ptr_array_add (report->blocks, block);
}

/* The start of the reporting period: the last progress or acceptance package, else the start date. */
static gboolean
period_start (Report  *report,
              char   **from,
              char   **described,
              GError **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *last = reslib_store_get_last_report_at (report->store, report->project_id, &local_error);
  g_autoptr(ReslibRecord) project = NULL;
  const char *start;

  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (last != NULL)
    {
      g_autofree char *day = date_of (last);

      *described = g_strdup_printf ("自上次报告（%s）以来", day);
      *from = g_steal_pointer (&last);
      return TRUE;
    }

  project = reslib_store_get (report->store, RESLIB_KIND_PROJECT, report->project_id, error);
  if (project == NULL)
    return FALSE;
  start = reslib_record_get (project, "start_date");
  if (start != NULL && *start != '\0')
    {
      *from = g_strdup (start);
      *described = g_strdup_printf ("无此前报告，自建设开始日期（%s）以来", start);
    }
  else
    {
      *from = g_strdup ("0000");
      *described = g_strdup ("无此前报告，建设开始日期" MISSING "，统计全部记录");
    }

  return TRUE;
}

static gboolean
section_changes (Report  *report,
                 GError **error)
{
  g_autofree char *from = NULL;
  g_autofree char *described = NULL;
  g_autoptr(GPtrArray) changes = NULL;
  ReslibChangeCounts counts;
  Block *table;
  guint n = 0;

  if (!period_start (report, &from, &described, error) ||
      !reslib_store_count_changes_since (report->store, report->project_id, from, &counts, error))
    return FALSE;

  add_heading (report, "本期变化");
  add_textf (report, BLOCK_PARAGRAPH, "统计期间：%s，至 %s。", described, report->as_of);
  table = add_table (report, FALSE, (const char * const[]) { ":2", ":2:n", NULL });
  {
    g_autofree char *a = format_count (counts.added);
    g_autofree char *u = format_count (counts.updated);
    g_autofree char *d = format_count (counts.deleted);
    g_autofree char *c = format_count (counts.changed);

    ROW (table, "新增资源", a);
    ROW (table, "更新资源（不含本期新增）", u);
    ROW (table, "删除资源", d);
    BOLD_ROW (table, "新增或更新资源合计", c);
  }

  changes = reslib_store_list_resource_changes (report->store, report->project_id, from, error);
  if (changes == NULL)
    return FALSE;
  add_caption (report, "本期新增或更新的资源");
  table = add_table (report, TRUE,
                     (const char * const[]) { "序号:0.6:n", "资源名称:4", "类型:1.2", "变化:0.8", "最近变化日期:1.5", NULL });
  for (guint i = 0; i < changes->len; i++)
    {
      ReslibResourceChange *change = g_ptr_array_index (changes, i);
      g_autofree char *number = NULL;
      g_autofree char *day = NULL;

      if (++n > MAX_CHANGE_ROWS)
        continue;
      number = format_count (n);
      day = date_of (change->last_at);
      ROW (table, number, change->title, reslib_label_resource_type_document (change->type),
           change->created ? "新增" : "更新", day);
    }
  if (n == 0)
    ROW (table, "—", "本期无新增或更新的资源", "—", "—", "—");
  else if (n > MAX_CHANGE_ROWS)
    add_textf (report, BLOCK_NOTE, "表中列出最近变化的 %u 项，其余 %u 项从略。", MAX_CHANGE_ROWS, n - MAX_CHANGE_ROWS);

  return TRUE;
}

/* The document number (文号, “教职成司函〔2022〕12号”) among the comma-separated parts of the profile's source of
 * the yearly update rate, with the brackets a citation takes in the text; "" when it names none. */
char *
_reslib_report_upkeep_citation (ReslibProfile *profile)
{
  const ReslibRule *rule = reslib_profile_get_rule (profile, "project.upkeep.rate");
  g_auto(GStrv) parts = NULL;

  if (rule == NULL || rule->source_text == NULL)
    return g_strdup ("");
  parts = g_strsplit (rule->source_text, ",", -1);
  for (guint i = 0; parts[i] != NULL; i++)
    if (strstr (parts[i], "〔") != NULL)
      return g_strdup_printf ("（%s）", g_strstrip (parts[i]));

  return g_strdup ("");
}

static gboolean
section_update_rate (Report  *report,
                     GError **error)
{
  g_autoptr(ReslibRecord) project = reslib_store_get (report->store, RESLIB_KIND_PROJECT, report->project_id, error);
  g_autoptr(GError) local_error = NULL;
  const char *baseline_date;
  gint64 baseline_count;
  GDate start, end, as_of;
  Block *table;
  g_autofree char *percent = NULL;
  g_autofree char *reached = NULL;
  g_autofree char *citation = _reslib_report_upkeep_citation (report->profile);
  double rate;

  /* Only in the reports of the package kinds its rule names (the progress reports after acceptance) */
  if (!reslib_rule_list_contains (reslib_profile_get_rule (report->profile, "project.upkeep.rate"), "package_kinds",
                                  report->kind))
    return TRUE;
  if (project == NULL)
    return FALSE;
  baseline_date = reslib_record_get (project, "baseline_date");
  baseline_count = reslib_record_get_int (project, "baseline_count", -1);

  add_heading (report, "年度更新率");
  rate = reslib_profile_get_upkeep_rate (report->profile);
  percent = g_strdup_printf ("%g%%", rate * 100);
  add_textf (report, BLOCK_PARAGRAPH,
             "按国家要求%s，验收后每年新增或更新（替换为新版本文件）的资源不少于验收时资源总量的 %s；"
             "只修改资源信息不计入。", citation, percent);
  table = add_table (report, FALSE, (const char * const[]) { ":2", ":2:n", NULL });
  {
    g_autofree char *count = baseline_count >= 0 ? format_count (baseline_count) : NULL;

    ROW (table, "验收日期", baseline_date);
    ROW (table, "验收时资源总量", count);
  }
  if (!reslib_parse_date (baseline_date, &start) || baseline_count <= 0 ||
      !reslib_parse_date (report->as_of, &as_of) || g_date_compare (&as_of, &start) < 0)
    {
      add_text (report, BLOCK_PARAGRAPH, "年度更新率：" MISSING "（需要验收日期和验收时资源总量）");
      return TRUE;
    }

  reached = g_strdup_printf ("是否达到 %s:1.2", percent);
  add_caption (report, "各年度新增或更新资源");
  table = add_table (report, TRUE,
                     (const char * const[]) { "年度:3", "新增或更新:1.2:n", "更新率:1:n", reached, NULL });
  for (guint year = 1; year <= 50 && g_date_compare (&start, &as_of) <= 0; year++)
    {
      char from[16], to[16], from_day[16], last_day[16];
      g_autofree char *label = NULL;
      g_autofree char *count = NULL;
      g_autofree char *share = NULL;
      gboolean partial;
      guint n;

      end = start;
      g_date_add_years (&end, 1);
      partial = g_date_compare (&end, &as_of) > 0;
      g_date_strftime (from, sizeof from, "%Y-%m-%d", &start);
      g_date_strftime (to, sizeof to, "%Y-%m-%d", &end);
      g_date_strftime (from_day, sizeof from_day, "%Y-%m-%d", &start);
      {
        GDate last = end;

        g_date_subtract_days (&last, 1);
        g_date_strftime (last_day, sizeof last_day, "%Y-%m-%d", &last);
      }
      n = reslib_store_count_renewed_resources (report->store, report->project_id, from, to, &local_error);
      if (local_error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      label = g_strdup_printf ("第 %u 年（%s 至 %s）%s", year, from_day, last_day, partial ? "，未满一年" : "");
      count = format_count (n);
      share = format_percent (n, baseline_count);
      ROW (table, label, count, share, n >= reslib_upkeep_needed (rate, baseline_count) ? "是" : (partial ? "尚未达到" : "否"));
      start = end;
    }

  return TRUE;
}

/* The date the report is dated: $SOURCE_DATE_EPOCH, else the latest change of the project. */
static gboolean
find_as_of (Report  *report,
            GError **error)
{
  const char *epoch = g_getenv ("SOURCE_DATE_EPOCH");
  g_autoptr(GDateTime) when = NULL;

  if (report->date >= 0)
    when = g_date_time_new_from_unix_utc (report->date);
  else if (epoch != NULL && *epoch != '\0')
    {
      char *end = NULL;
      gint64 seconds = g_ascii_strtoll (epoch, &end, 10);

      if (end != NULL && *end == '\0')
        when = g_date_time_new_from_unix_utc (seconds);
    }
  if (when == NULL)
    {
      g_autoptr(GError) local_error = NULL;
      g_autofree char *last = reslib_store_get_last_change_at (report->store, report->project_id, &local_error);

      if (local_error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      if (last != NULL)
        when = g_date_time_new_from_iso8601 (last, NULL);
    }
  if (when == NULL)
    when = g_date_time_new_from_unix_utc (0);

  report->as_of = g_date_time_format (when, "%Y-%m-%d");
  report->as_of_iso = g_date_time_format (when, "%Y-%m-%dT%H:%M:%SZ");

  return TRUE;
}

Report *
_reslib_report_gather (ReslibStore   *store,
                       ReslibProfile *profile,
                       const char   *project_id,
                       const char   *kind,
                       gint64        date,
                       GCancellable *cancellable,
                       GError      **error)
{
  g_autoptr(Report) report = g_new0 (Report, 1);
  g_autoptr(ReslibRecord) project = NULL;
  /* The progress report: the project, its targets reached, its build, funds and usage, what changed since the
   * last report, then its problems and next steps. */
  gboolean (*progress[]) (Report *, GError **) = {
    section_basics, section_units, section_team, section_courses, section_statistics, _reslib_report_section_targets,
    _reslib_report_section_milestones, _reslib_report_section_budget, section_declarations, section_changes,
    section_update_rate, _reslib_report_section_usage, _reslib_report_section_problems, NULL,
  };
  /* The acceptance report, in the parts of 教职成司函〔2021〕36号: every target's completion, what was achieved
   * in the five dimensions, the funds by unit, the audit report, the usage and the evidence index. Its period
   * is the whole build: it has no "changes since the last report", and the yearly update rate is for the
   * reports after acceptance. */
  gboolean (*acceptance[]) (Report *, GError **) = {
    section_basics, section_units, section_team, _reslib_report_section_targets, _reslib_report_section_outcomes,
    section_courses, section_statistics, _reslib_report_section_milestones, _reslib_report_section_budget,
    _reslib_report_section_audit, section_declarations, _reslib_report_section_usage,
    _reslib_report_section_evidence, NULL,
  };
  /* The dossier has an order of its own, the national template's */
  gboolean (*dossier[]) (Report *, GError **) = { _reslib_report_dossier_sections, NULL };
  gboolean (**sections) (Report *, GError **) = dossier;
  gboolean own_transaction;
  gboolean ok;

  report->store = g_object_ref (store);
  report->date = date;
  report->project_id = g_strdup (project_id);
  report->kind = g_strdup (kind);
  report->blocks = g_ptr_array_new_with_free_func ((GDestroyNotify) _reslib_report_block_free);
  report->headings = g_ptr_array_new ();
  /* Every report sums the budget by the profile's sources of funds */
  report->profile = profile != NULL ? g_object_ref (profile) : reslib_profile_load_default (error);
  if (report->profile == NULL)
    return NULL;
  if (!g_str_equal (kind, "dossier"))
    sections = g_str_equal (kind, "acceptance") ? acceptance : progress;

  project = reslib_store_get (store, RESLIB_KIND_PROJECT, project_id, error);
  if (project == NULL)
    return NULL;
  report->project_name = g_strdup (reslib_record_get (project, "name"));

  /* One read transaction (deferred: it takes no write lock), so every section sees the same state. */
  if (!reslib_store_begin_read (store, &own_transaction, error))
    return NULL;
  ok = find_as_of (report, error) &&
       (report->stats = reslib_store_get_project_stats (store, project_id, error)) != NULL;
  for (guint i = 0; ok && sections[i] != NULL; i++)
    ok = !g_cancellable_set_error_if_cancelled (cancellable, error) && sections[i] (report, error);
  reslib_store_end_read (store, own_transaction);

  return ok ? g_steal_pointer (&report) : NULL;
}

