/* reslib-report-usage.c — the report's section on the usage statistics (应用推广情况): the latest period's
 * figures, the registered users' growth each year since acceptance against the profile's rate (in the reports
 * the rule project.upkeep.rate goes into), and every period
 *
 * The figures are those imported from the platform (data/profiles/usage-csv.md); the users at a date are those
 * of the last period that ends by then (reslib_store_usage_users_at()), as the rule project.upkeep.rate counts
 * them (reslib-rules-upkeep.c).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "reslib-entity.h"
#include "reslib-report-private.h"
#include "reslib-store-usage.h"

#define MAX_PERIOD_ROWS 24

static void
latest_period (Report                  *report,
               const ReslibUsagePeriod *p)
{
  g_autofree char *caption = g_strdup_printf ("最近统计周期（%s 至 %s）", p->period_start, p->period_end);
  g_autofree char *users = format_count (reslib_usage_period_users (p));
  g_autofree char *students = format_count (p->students);
  g_autofree char *teachers = format_count (p->teachers);
  g_autofree char *employees = format_count (p->employees);
  g_autofree char *public_learners = format_count (p->public_learners);
  g_autofree char *learners = format_count (p->learners);
  g_autofree char *schools = format_count (p->schools);
  g_autofree char *visits = format_count (p->visits);
  Block *table;

  add_caption (report, caption);
  table = add_table (report, TRUE, (const char * const[]) { "统计项:2.4", "数量:1.6:n", NULL });
  BOLD_ROW (table, "注册用户合计（截至统计截止日期）", users);
  ROW (table, "　其中：学生", students);
  ROW (table, "　　　　教师", teachers);
  ROW (table, "　　　　企业员工", employees);
  ROW (table, "　　　　社会学习者", public_learners);
  ROW (table, "本期学习人数", learners);
  ROW (table, "本期覆盖学校数", schools);
  ROW (table, "本期访问量", visits);
}

/* The users at @date and the end of the period they come from; FALSE with @error set on a store error */
static gboolean
users_at (Report      *report,
          const GDate *date,
          gint64      *users,
          char       **period_end,
          GError     **error)
{
  char text[16];

  g_date_strftime (text, sizeof text, "%Y-%m-%d", date);
  return reslib_store_usage_users_at (report->store, report->project_id, text, users, period_end, error);
}

/* The registered users' growth in each year since acceptance (the baseline date) up to the report's date */
static gboolean
growth (Report                  *report,
        const char              *baseline_date,
        const ReslibUsagePeriod *latest,
        GError                 **error)
{
  double rate = reslib_profile_get_user_growth_rate (report->profile);
  g_autofree char *cited = _reslib_report_upkeep_citation (report->profile);
  g_autofree char *percent = g_strdup_printf ("%g%%", rate * 100);
  g_autofree char *reached = g_strdup_printf ("是否达到 %s:1.2", percent);
  g_autofree char *base_end = NULL;
  gint64 at_acceptance, latest_users = reslib_usage_period_users (latest);
  GDate start, as_of;
  guint needed;
  Block *table;

  add_textf (report, BLOCK_PARAGRAPH, "按国家要求%s，验收后每年新增注册用户不少于验收时注册用户总数的 %s。", cited,
             percent);
  if (!reslib_parse_date (baseline_date, &start) || !reslib_parse_date (report->as_of, &as_of))
    {
      add_text (report, BLOCK_PARAGRAPH, "注册用户增长：" MISSING "（需要验收日期）");
      return TRUE;
    }
  if (!users_at (report, &start, &at_acceptance, &base_end, error))
    return FALSE;
  table = add_table (report, FALSE, (const char * const[]) { ":2.4", ":1.6:n", NULL });
  ROW (table, "验收日期", baseline_date);
  if (at_acceptance < 0)
    {
      ROW (table, "验收时注册用户总数", NULL);
      add_text (report, BLOCK_PARAGRAPH,
                "注册用户增长：" MISSING "（需要截止于验收日期当日或之前的一期应用推广数据）");
      return TRUE;
    }
  {
    g_autofree char *at = g_strdup_printf ("%" G_GINT64_FORMAT "（截至 %s）", at_acceptance, base_end);
    g_autofree char *now = g_strdup_printf ("%" G_GINT64_FORMAT "（截至 %s）", latest_users, latest->period_end);
    g_autofree char *since = format_count (latest_users - at_acceptance);
    g_autofree char *share = format_percent (latest_users - at_acceptance, at_acceptance);

    ROW (table, "验收时注册用户总数", at);
    ROW (table, "最近一期注册用户总数", now);
    ROW (table, "验收以来新增注册用户", since);
    ROW (table, "占验收时注册用户总数", share);
  }

  needed = reslib_upkeep_needed (rate, at_acceptance);
  add_caption (report, "验收后各年度新增注册用户");
  table = add_table (report, TRUE,
                     (const char * const[]) { "年度（验收后）:3", "年初注册用户:1.2:n", "年末注册用户:1.2:n", "新增:1:n",
                                              "增长率:1:n", reached, NULL });
  for (guint year = 1; year <= 50 && g_date_compare (&start, &as_of) <= 0; year++)
    {
      g_autofree char *from_end = NULL;
      g_autofree char *to_end = NULL;
      g_autofree char *label = NULL;
      g_autofree char *before_text = NULL;
      g_autofree char *after_text = NULL;
      g_autofree char *added = NULL;
      g_autofree char *share = NULL;
      char from_day[16], last_day[16];
      GDate end = start, last;
      gint64 before, after;
      gboolean partial;

      g_date_add_years (&end, 1);
      partial = g_date_compare (&end, &as_of) > 0;
      last = end;
      g_date_subtract_days (&last, 1);
      g_date_strftime (from_day, sizeof from_day, "%Y-%m-%d", &start);
      g_date_strftime (last_day, sizeof last_day, "%Y-%m-%d", &last);
      if (!users_at (report, &start, &before, &from_end, error) || !users_at (report, &end, &after, &to_end, error))
        return FALSE;
      label = g_strdup_printf ("第 %u 年（%s 至 %s）%s", year, from_day, last_day, partial ? "，未满一年" : "");
      before_text = format_count (before);
      if (g_strcmp0 (from_end, to_end) == 0)
        ROW (table, label, before_text, "—", "—", "—", partial ? "尚无数据" : "无数据");
      else
        {
          after_text = format_count (after);
          added = format_count (after - before);
          share = format_percent (after - before, at_acceptance);
          ROW (table, label, before_text, after_text, added, share,
               after - before >= (gint64) needed ? "是" : (partial ? "尚未达到" : "否"));
        }
      start = end;
    }
  add_textf (report, BLOCK_NOTE, "年初、年末注册用户取截至当日的最近一期统计数据；每年应新增 %u 人（验收时 %"
             G_GINT64_FORMAT " 人的 %s）。", needed, at_acceptance, percent);

  return TRUE;
}

/* Every period, the latest last (at most MAX_PERIOD_ROWS, the latest ones) */
static void
all_periods (Report    *report,
             GPtrArray *periods)
{
  guint first = periods->len > MAX_PERIOD_ROWS ? periods->len - MAX_PERIOD_ROWS : 0;
  Block *table;

  add_caption (report, "各统计周期应用推广数据");
  table = add_table (report, TRUE,
                     (const char * const[]) { "统计周期:2.6", "注册用户:1.2:n", "学习人数:1.2:n", "覆盖学校数:1.1:n",
                                              "访问量:1.3:n", NULL });
  for (guint i = first; i < periods->len; i++)
    {
      const ReslibUsagePeriod *p = g_ptr_array_index (periods, i);
      g_autofree char *period = g_strdup_printf ("%s 至 %s", p->period_start, p->period_end);
      g_autofree char *users = format_count (reslib_usage_period_users (p));
      g_autofree char *learners = format_count (p->learners);
      g_autofree char *schools = format_count (p->schools);
      g_autofree char *visits = format_count (p->visits);

      ROW (table, period, users, learners, schools, visits);
    }
  if (first > 0)
    add_textf (report, BLOCK_NOTE, "表中列出最近的 %u 个统计周期，此前的 %u 个从略。", MAX_PERIOD_ROWS, first);
}

gboolean
_reslib_report_section_usage (Report  *report,
                              GError **error)
{
  g_autoptr(GPtrArray) periods = reslib_store_list_usage (report->store, report->project_id, error);
  g_autoptr(ReslibRecord) project = NULL;
  const ReslibUsagePeriod *latest = NULL;

  if (periods == NULL)
    return FALSE;
  project = reslib_store_get (report->store, RESLIB_KIND_PROJECT, report->project_id, error);
  if (project == NULL)
    return FALSE;

  add_heading (report, "应用推广情况");
  for (guint i = 0; i < periods->len; i++)
    {
      const ReslibUsagePeriod *p = g_ptr_array_index (periods, i);

      if (latest == NULL || g_strcmp0 (p->period_end, latest->period_end) >= 0)
        latest = p;
    }
  if (latest == NULL)
    {
      add_text (report, BLOCK_PARAGRAPH, "应用推广数据：" MISSING "（需要导入平台导出的应用推广数据）");
      return TRUE;
    }
  add_textf (report, BLOCK_PARAGRAPH, "以下数据来自资源库所在平台导出的应用推广数据，共 %u 个统计周期，最近一期截至 %s。",
             periods->len, latest->period_end);
  latest_period (report, latest);
  /* The growth after acceptance goes into the reports of the package kinds the rule names (the progress
   * reports), not into the acceptance report */
  if (reslib_rule_list_contains (reslib_profile_get_rule (report->profile, "project.upkeep.rate"), "package_kinds",
                                 report->kind) &&
      !growth (report, reslib_record_get (project, "baseline_date"), latest, error))
    return FALSE;
  all_periods (report, periods);

  return TRUE;
}
