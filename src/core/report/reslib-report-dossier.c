/* reslib-report-dossier.c — the dossier (申报书) in the order of the national template
 *
 * The template of the 申报书 of national resource-library projects was not obtained as a file: its structure
 * here is the one /work/shared/domain.md (f) describes from domain knowledge, a secondary source. The cover
 * (项目名称, 第一主持单位（盖章）, 项目负责人, 推荐单位, 填报日期), then 一、基本情况 (with the table of the
 * project leader), 二、建设基础, 三、建设目标, 四、建设内容 in five dimensions, 五、子项目/任务分工,
 * 六、建设进度, 七、经费预算, 八、保障措施, 九、承诺, and the boxes for the opinions of the host and the
 * recommending unit.
 *
 * The narrative sections are text the project writes; a section it has not written is shown as “（未填写）”.
 * The report is written in Chinese for the province: its words here are document content, not user-interface
 * strings.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "reslib-entity.h"
#include "reslib-labels.h"
#include "reslib-record.h"
#include "reslib-report-private.h"
#include "reslib-store-stats.h"
#include "reslib-store-texts.h"

/* The work plan's sentence on copyright and attribution (河南省职业教育专业教学资源库建设工作方案, 五（三）知识产权) */
#define PLAN_COPYRIGHT \
  "专业教学资源库建设单位需保证资源内容没有侵犯他人知识产权和其他合法权益，在此基础上享有上传资源的著作权。" \
  "参与建设的个人对其原创的资源享有署名权。"

/* The text of a narrative section of the project, or NULL when it has none */
static char *
narrative (Report     *report,
           const char *section,
           GError    **error)
{
  return reslib_store_get_project_text (report->store, report->project_id, section, error);
}

static void
cover_line (Report     *report,
            const char *label,
            const char *value)
{
  g_ptr_array_add (report->cover, g_strdupv ((char **) (const char * const[]) { label, or_missing (value), NULL }));
}

/* The first host: the host unit ranked first (or, with no rank, the first host listed) */
static char *
first_host (Report  *report,
            GError **error)
{
  g_autoptr(GListModel) units = reslib_store_list (report->store, RESLIB_KIND_UNIT, report->project_id, error);
  g_autofree char *name = NULL;
  gint64 best = G_MAXINT64;

  if (units == NULL)
    return NULL;
  for (guint i = 0; i < g_list_model_get_n_items (units); i++)
    {
      g_autoptr(ReslibRecord) unit = g_list_model_get_item (units, i);
      gint64 rank = reslib_record_get_int (unit, "host_rank", G_MAXINT64 - 1);

      if (g_strcmp0 (reslib_record_get (unit, "role"), "host") == 0 && rank < best)
        {
          best = rank;
          g_free (name);
          name = g_strdup (reslib_record_get (unit, "name"));
        }
    }

  return name != NULL ? g_steal_pointer (&name) : g_strdup ("");
}

static gboolean
cover (Report     *report,
       GPtrArray  *team,
       GError    **error)
{
  g_autofree char *host = first_host (report, error);
  g_autofree char *recommender = NULL;
  g_autoptr(GError) local_error = NULL;
  const char *leader = NULL;

  if (host == NULL)
    return FALSE;
  recommender = narrative (report, "recommender", &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  for (guint i = 0; i < team->len && leader == NULL; i++)
    {
      ReslibTeamRow *row = g_ptr_array_index (team, i);

      if (row->leader)
        leader = row->name;
    }
  if (recommender != NULL)
    g_strstrip (recommender);

  report->cover = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  cover_line (report, "项目名称", report->project_name);
  cover_line (report, "第一主持单位（盖章）", host);
  cover_line (report, "项目负责人", leader);
  cover_line (report, "推荐单位", recommender);
  cover_line (report, "填报日期", report->as_of);

  return TRUE;
}

/* 一、基本情况: the project, its units, the project leader and the team */
static gboolean
section_basics (Report     *report,
                GPtrArray  *team,
                GError    **error)
{
  ReslibTeamRow *leader = NULL;
  Block *table;

  add_heading (report, "基本情况");
  add_caption (report, "项目基本信息");
  if (!_reslib_report_basics_table (report, error))
    return FALSE;
  add_caption (report, "主持单位与参与单位");
  if (!_reslib_report_units_table (report, error))
    return FALSE;

  for (guint i = 0; i < team->len && leader == NULL; i++)
    if (((ReslibTeamRow *) g_ptr_array_index (team, i))->leader)
      leader = g_ptr_array_index (team, i);
  add_caption (report, "项目负责人");
  table = add_table (report, FALSE, (const char * const[]) { ":1", ":3", NULL });
  if (leader == NULL)
    empty_table (report, table, "项目负责人：" MISSING);
  else
    {
      g_autofree char *born = leader->birth_year > 0 ? g_strdup_printf ("%" G_GINT64_FORMAT " 年", leader->birth_year)
                                                     : NULL;

      ROW (table, "姓名", leader->name);
      ROW (table, "所在单位", leader->unit);
      ROW (table, "出生年份", born);
      ROW (table, "职务", leader->office);
      ROW (table, "职称", leader->title);
      ROW (table, "项目分工", leader->duty);
    }
  add_text (report, BLOCK_PARAGRAPH, "项目负责人主持经历：");
  if (!_reslib_report_add_project_text (report, "leader-experience", error))
    return FALSE;

  add_caption (report, "项目团队");
  return _reslib_report_team_table (report, team);
}

/* 二、建设基础: the project's text, and the resources the store already holds */
static gboolean
section_foundation (Report  *report,
                    GError **error)
{
  add_heading (report, "建设基础");
  if (!_reslib_report_add_project_text (report, "foundation", error))
    return FALSE;
  add_text (report, BLOCK_PARAGRAPH, "已有资源情况如下。");
  return _reslib_report_statistics_tables (report, error);
}

/* 四、建设内容 in the five dimensions; the courses go with 资源建设 */
static gboolean
section_content (Report  *report,
                 GError **error)
{
  add_heading (report, "建设内容");
  for (guint i = 0; _reslib_report_dimensions[i].title != NULL; i++)
    {
      add_subheading (report, _reslib_report_dimensions[i].title);
      if (!_reslib_report_add_project_text (report, _reslib_report_dimensions[i].content, error))
        return FALSE;
      if (i == 0)
        {
          add_caption (report, "课程清单");
          if (!_reslib_report_courses_table (report, error))
            return FALSE;
        }
    }

  return TRUE;
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

/* 五、子项目/任务分工: each course (子项目) with its lead teacher and the unit that builds it */
static gboolean
section_division (Report  *report,
                  GError **error)
{
  g_autoptr(GListModel) courses = reslib_store_list (report->store, RESLIB_KIND_COURSE, report->project_id, error);
  Block *table;
  guint n;

  if (courses == NULL)
    return FALSE;
  add_heading (report, "子项目/任务分工");
  table = add_table (report, TRUE,
                     (const char * const[]) { "序号:0.7:n", "子项目（课程）:3", "类型:1.3", "负责人:1.2", "承担单位:2.8",
                                              NULL });
  n = g_list_model_get_n_items (courses);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(ReslibRecord) course = g_list_model_get_item (courses, i);
      const char *lead_id = reslib_record_get (course, "lead_member_id");
      g_autoptr(ReslibRecord) lead = NULL;
      g_autoptr(ReslibRecord) unit = NULL;
      g_autofree char *number = format_count (i + 1);

      if (lead_id != NULL &&
          (lead = reslib_store_get (report->store, RESLIB_KIND_MEMBER, lead_id, error)) == NULL)
        return FALSE;
      if (lead != NULL &&
          (unit = reslib_store_get (report->store, RESLIB_KIND_UNIT, reslib_record_get (lead, "unit_id"), error)) == NULL)
        return FALSE;
      ROW (table, number, reslib_record_get (course, "title"), course_kind_label (reslib_record_get (course, "kind")),
           lead != NULL ? reslib_record_get (lead, "name") : NULL, unit != NULL ? reslib_record_get (unit, "name") : NULL);
    }
  if (n == 0)
    empty_table (report, table, "子项目：" MISSING);

  return TRUE;
}

/* 八、保障措施 */
static gboolean
section_safeguards (Report  *report,
                    GError **error)
{
  add_heading (report, "保障措施");
  return _reslib_report_add_project_text (report, "safeguards", error);
}

/* 九、承诺: the fixed wording with the work plan's sentence on copyright and attribution, and the units'
 * declarations */
static gboolean
section_commitment (Report  *report,
                    GError **error)
{
  add_heading (report, "承诺");
  add_text (report, BLOCK_PARAGRAPH,
            "第一主持单位及各参与单位承诺：本申报书所填内容真实、准确。" PLAN_COPYRIGHT);
  add_text (report, BLOCK_PARAGRAPH, "各单位知识产权声明的签署情况如下。");
  return _reslib_report_declarations_table (report, error);
}

/* The boxes the offices fill in by hand on the printed dossier: signed, stamped and dated. */
static void
opinions (Report *report)
{
  _reslib_report_add_opinion (report, "主持单位意见",
                              (const char * const[]) { "单位负责人（签字）：　　　　　　　　", "（单位盖章）",
                                                       "年　　月　　日", NULL });
  _reslib_report_add_opinion (report, "推荐单位意见",
                              (const char * const[]) { "推荐单位负责人（签字）：　　　　　　　　", "（推荐单位盖章）",
                                                       "年　　月　　日", NULL });
}

gboolean
_reslib_report_dossier_sections (Report  *report,
                                 GError **error)
{
  g_autoptr(GPtrArray) team = reslib_store_list_team_rows (report->store, report->project_id, error);

  if (team == NULL ||
      !cover (report, team, error) ||
      !section_basics (report, team, error) ||
      !section_foundation (report, error) ||
      !_reslib_report_section_targets (report, error) ||
      !section_content (report, error) ||
      !section_division (report, error))
    return FALSE;
  report->next_heading = "建设进度";
  if (!_reslib_report_section_milestones (report, error))
    return FALSE;
  report->next_heading = "经费预算";
  if (!_reslib_report_section_budget (report, error) ||
      !section_safeguards (report, error) ||
      !section_commitment (report, error))
    return FALSE;
  opinions (report);

  return TRUE;
}
