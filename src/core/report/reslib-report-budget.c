/* reslib-report-budget.c — the budget by source of funds and by year and source (经费预算): planned in the
 * dossier; planned, received (到位), spent (支出) and the share of the received money spent (执行率) in the
 * progress and acceptance reports. A line's source counts as the profile's source it names (budget_sources:
 * by name, id or alias); the profile's sources come first, in its order, then the others as written.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "reslib-report-private.h"
#include "reslib-store-stats.h"

typedef struct
{
  gint64  year;                /* 0: not given */
  char   *source;
  gint64  planned;
  gint64  received;
  gint64  spent;
} YearSource;

static void
year_source_free (YearSource *sum)
{
  g_free (sum->source);
  g_free (sum);
}

/* The name a budget line's source counts under: the profile's source it names, else the source as written */
static const char *
source_name (Report     *report,
             const char *source)
{
  const char *name = reslib_profile_match_budget_source (report->profile, source);

  return name != NULL ? name : source;
}

/* Where a source comes in the tables: the profile's sources in its order, then the others by name */
static int
compare_sources (GStrv       listed,
                 const char *x,
                 const char *y)
{
  guint rx = G_MAXUINT, ry = G_MAXUINT;

  for (guint i = 0; listed[i] != NULL; i++)
    {
      if (g_strcmp0 (listed[i], x) == 0)
        rx = i;
      if (g_strcmp0 (listed[i], y) == 0)
        ry = i;
    }
  if (rx != ry)
    return rx < ry ? -1 : 1;

  return g_strcmp0 (x, y);
}

static int
compare_year_source (gconstpointer a,
                     gconstpointer b,
                     gpointer      listed)
{
  const YearSource *x = *(YearSource * const *) a;
  const YearSource *y = *(YearSource * const *) b;

  /* Lines without a year last */
  if ((x->year == 0) != (y->year == 0))
    return x->year == 0 ? 1 : -1;
  if (x->year != y->year)
    return x->year < y->year ? -1 : 1;

  return compare_sources (listed, x->source, y->source);
}

/* Sums @rows by year (or, with @by_year FALSE, by source alone: the year 0) and source, sorted */
static GPtrArray *
sum_rows (Report    *report,
          GPtrArray *rows,
          gboolean   by_year,
          GStrv      listed)
{
  GPtrArray *sums = g_ptr_array_new_with_free_func ((GDestroyNotify) year_source_free);

  /* By source, every source of the profile has its row, 0 when no line names it */
  for (guint i = 0; !by_year && listed[i] != NULL; i++)
    {
      YearSource *sum = g_new0 (YearSource, 1);

      sum->source = g_strdup (listed[i]);
      g_ptr_array_add (sums, sum);
    }
  for (guint i = 0; i < rows->len; i++)
    {
      const ReslibBudgetRow *row = g_ptr_array_index (rows, i);
      const char *source = source_name (report, row->source);
      gint64 year = by_year ? row->year : 0;
      YearSource *sum = NULL;

      for (guint j = 0; sum == NULL && j < sums->len; j++)
        {
          YearSource *s = g_ptr_array_index (sums, j);

          if (s->year == year && g_strcmp0 (s->source, source) == 0)
            sum = s;
        }
      if (sum == NULL)
        {
          sum = g_new0 (YearSource, 1);
          sum->year = year;
          sum->source = g_strdup (source);
          g_ptr_array_add (sums, sum);
        }
      sum->planned += row->amount_cents;
      sum->received += MAX (row->received_cents, 0);
      sum->spent += MAX (row->spent_cents, 0);
    }
  g_ptr_array_sort_with_data (sums, compare_year_source, listed);

  return sums;
}

/* 按资金来源汇总: the planned amounts by source and their shares of the whole; in the progress and acceptance
 * reports also what arrived and what was spent. @rows: the budget lines, at least one. */
void
_reslib_report_budget_by_source (Report    *report,
                                 GPtrArray *rows)
{
  gboolean dossier = g_str_equal (report->kind, "dossier");
  g_auto(GStrv) listed = reslib_profile_list_budget_sources (report->profile);
  g_autoptr(GPtrArray) sums = sum_rows (report, rows, FALSE, listed);
  gint64 total[3] = { 0, 0, 0 };
  Block *table;

  for (guint i = 0; i < sums->len; i++)
    {
      const YearSource *sum = g_ptr_array_index (sums, i);

      total[0] += sum->planned;
      total[1] += sum->received;
      total[2] += sum->spent;
    }
  if (dossier)
    {
      add_caption (report, "按资金来源汇总（单位：元）");
      table = add_table (report, TRUE, (const char * const[]) { "资金来源:3", "金额:1.5:n", "占比:1:n", NULL });
    }
  else
    {
      add_caption (report, "按资金来源汇总（单位：元；执行率 = 支出 ÷ 到位）");
      table = add_table (report, TRUE,
                         (const char * const[]) { "资金来源:2", "计划金额:1.4:n", "占比:1:n", "到位金额:1.4:n",
                                                  "支出金额:1.4:n", "执行率:1:n", NULL });
    }
  for (guint i = 0; i <= sums->len; i++)
    {
      const YearSource *sum = i < sums->len ? g_ptr_array_index (sums, i) : NULL;
      gint64 planned = sum != NULL ? sum->planned : total[0];
      gint64 received = sum != NULL ? sum->received : total[1];
      gint64 spent = sum != NULL ? sum->spent : total[2];
      const char *name = sum != NULL ? sum->source : "合计";
      g_autofree char *amount = format_cents (planned);
      g_autofree char *share = sum != NULL ? format_percent (planned, total[0])
                                           : g_strdup (total[0] > 0 ? "100.0%" : "—");
      g_autofree char *arrived = format_cents (received);
      g_autofree char *paid = format_cents (spent);
      g_autofree char *rate = format_percent (spent, received);

      if (dossier)
        _reslib_report_table_add_row (table, sum != NULL ? ROW_NORMAL : ROW_BOLD,
                                      (const char * const[]) { name, amount, share });
      else
        _reslib_report_table_add_row (table, sum != NULL ? ROW_NORMAL : ROW_BOLD,
                                      (const char * const[]) { name, amount, share, arrived, paid, rate });
    }
}

static char *
year_text (gint64 year)
{
  return year > 0 ? g_strdup_printf ("%" G_GINT64_FORMAT " 年", year) : g_strdup ("（未指定年度）");
}

/* 承诺资金到账: by unit, the money each unit committed (the planned amounts of its lines), what arrived and
 * what was spent, in the progress and acceptance reports. @rows: the budget lines, grouped by unit as the
 * table by unit lists them; an amount not given counts as 0. */
void
_reslib_report_budget_funds_by_unit (Report    *report,
                                     GPtrArray *rows)
{
  gint64 unit_sum[3] = { 0, 0, 0 }, total[3] = { 0, 0, 0 };
  const char *unit = NULL;
  Block *table;

  if (rows->len == 0)
    return;
  add_caption (report, "各单位承诺资金到账与支出（单位：元；到账率 = 到账 ÷ 承诺，执行率 = 支出 ÷ 到账）");
  table = add_table (report, TRUE,
                     (const char * const[]) { "单位:2.6", "承诺金额:1.4:n", "到账金额:1.4:n", "到账率:1:n",
                                              "支出金额:1.4:n", "执行率:1:n", NULL });
  for (guint i = 0; i <= rows->len; i++)
    {
      const ReslibBudgetRow *row = i < rows->len ? g_ptr_array_index (rows, i) : NULL;
      const char *name = row == NULL ? NULL : row->unit_id != NULL ? row->unit : "（未指定单位）";

      if (unit != NULL && (row == NULL || g_strcmp0 (name, unit) != 0))
        {
          g_autofree char *committed = format_cents (unit_sum[0]);
          g_autofree char *received = format_cents (unit_sum[1]);
          g_autofree char *arrived = format_percent (unit_sum[1], unit_sum[0]);
          g_autofree char *spent = format_cents (unit_sum[2]);
          g_autofree char *rate = format_percent (unit_sum[2], unit_sum[1]);

          ROW (table, unit, committed, received, arrived, spent, rate);
          memset (unit_sum, 0, sizeof unit_sum);
        }
      if (row == NULL)
        break;
      unit = name;
      unit_sum[0] += row->amount_cents;
      unit_sum[1] += MAX (row->received_cents, 0);
      unit_sum[2] += MAX (row->spent_cents, 0);
      total[0] += row->amount_cents;
      total[1] += MAX (row->received_cents, 0);
      total[2] += MAX (row->spent_cents, 0);
    }
  {
    g_autofree char *committed = format_cents (total[0]);
    g_autofree char *received = format_cents (total[1]);
    g_autofree char *arrived = format_percent (total[1], total[0]);
    g_autofree char *spent = format_cents (total[2]);
    g_autofree char *rate = format_percent (total[2], total[1]);

    BOLD_ROW (table, "合计", committed, received, arrived, spent, rate);
  }
}

/* @rows: the budget lines (ReslibBudgetRow), as the table by unit lists them. An amount not given counts
 * as 0 in the sums. */
gboolean
_reslib_report_budget_by_year (Report     *report,
                               GPtrArray  *rows,
                               GError    **error)
{
  gboolean dossier = g_str_equal (report->kind, "dossier");
  g_auto(GStrv) listed = reslib_profile_list_budget_sources (report->profile);
  g_autoptr(GPtrArray) sums = sum_rows (report, rows, TRUE, listed);
  gint64 total[3] = { 0, 0, 0 };
  Block *table;

  if (sums->len == 0)
    return TRUE;

  if (dossier)
    {
      add_caption (report, "按年度 × 资金来源（单位：元）");
      table = add_table (report, TRUE, (const char * const[]) { "年度:1.6", "资金来源:2.4", "计划金额:1.6:n", NULL });
    }
  else
    {
      add_caption (report, "按年度 × 资金来源的到位与支出（单位：元；执行率 = 支出 ÷ 到位）");
      table = add_table (report, TRUE,
                         (const char * const[]) { "年度:1.3", "资金来源:1.8", "计划金额:1.4:n", "到位金额:1.4:n",
                                                  "支出金额:1.4:n", "执行率:1:n", NULL });
    }
  for (guint i = 0; i < sums->len; i++)
    {
      const YearSource *sum = g_ptr_array_index (sums, i);
      g_autofree char *year = year_text (sum->year);
      g_autofree char *planned = format_cents (sum->planned);
      g_autofree char *received = format_cents (sum->received);
      g_autofree char *spent = format_cents (sum->spent);
      g_autofree char *rate = format_percent (sum->spent, sum->received);

      total[0] += sum->planned;
      total[1] += sum->received;
      total[2] += sum->spent;
      if (dossier)
        ROW (table, year, sum->source, planned);
      else
        ROW (table, year, sum->source, planned, received, spent, rate);
    }
  {
    g_autofree char *planned = format_cents (total[0]);
    g_autofree char *received = format_cents (total[1]);
    g_autofree char *spent = format_cents (total[2]);
    g_autofree char *rate = format_percent (total[2], total[1]);

    if (dossier)
      BOLD_ROW (table, "合计", "", planned);
    else
      BOLD_ROW (table, "合计", "", planned, received, spent, rate);
  }

  return TRUE;
}
