/* reslib-usage-csv.c — the usage statistics file the platform exports (data/profiles/usage-csv.md), read
 * and checked row by row: every problem is collected with its row number, and a file with any is refused
 * as a whole
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "reslib-entity.h"
#include "reslib-error.h"
#include "reslib-sheet-reader.h"
#include "reslib-store-usage.h"

#define MAX_PROBLEMS 10
#define MAX_ROWS     100000

/* The columns, in the order of ReslibUsagePeriod's fields; the header names each in English or Chinese. */
static const struct
{
  const char *name;
  const char *name_zh;
} columns[] = {
  { "period_start", "统计开始日期" },
  { "period_end", "统计截止日期" },
  { "students", "注册学生" },
  { "teachers", "注册教师" },
  { "employees", "注册企业员工" },
  { "public_learners", "注册社会学习者" },
  { "learners", "学习人数" },
  { "schools", "覆盖学校数" },
  { "visits", "访问量" },
};
#define N_COLUMNS G_N_ELEMENTS (columns)

static int
column_of (const char *header)
{
  g_autofree char *name = g_strstrip (g_strdup (header));

  for (guint i = 0; i < N_COLUMNS; i++)
    if (g_ascii_strcasecmp (name, columns[i].name) == 0 || g_str_equal (name, columns[i].name_zh))
      return (int) i;

  return -1;
}

static void
problem (GPtrArray  *problems,
         guint       row,
         const char *format,
         ...) G_GNUC_PRINTF (3, 4);

static void
problem (GPtrArray  *problems,
         guint       row,
         const char *format,
         ...)
{
  g_autofree char *text = NULL;
  va_list ap;

  va_start (ap, format);
  text = g_strdup_vprintf (format, ap);
  va_end (ap);
  /* Translators: a problem of one row of a file, e.g. "row 3: …" */
  g_ptr_array_add (problems, g_strdup_printf (_("row %u: %s"), row, text));
}

/**
 * reslib_usage_csv_read:
 * @path: a .csv (or .xlsx) file in the layout of data/profiles/usage-csv.md
 *
 * Returns: (transfer full) (element-type ReslibUsagePeriod): the periods, in the file's order; %NULL with
 *   @error set (%RESLIB_ERROR_BAD_FILE, on one line: the first problems with their row numbers) when any
 *   row is bad, a column is missing or named twice, or a period is in the file twice
 */
GPtrArray *
reslib_usage_csv_read (const char  *path,
                       GError     **error)
{
  g_autoptr(ReslibSheetReader) reader = NULL;
  g_autoptr(GPtrArray) periods = g_ptr_array_new_with_free_func ((GDestroyNotify) reslib_usage_period_free);
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GError) local_error = NULL;
  int at[N_COLUMNS];
  guint row = 0, n_header = 0;

  reader = reslib_sheet_reader_open (path, NULL, error);
  if (reader == NULL)
    return NULL;

  /* The header */
  if (!reslib_sheet_reader_next_row (reader, &row, &local_error))
    {
      if (local_error != NULL)
        g_propagate_error (error, g_steal_pointer (&local_error));
      else
        g_set_error (error, RESLIB_ERROR, RESLIB_ERROR_BAD_FILE,
                     _("“%s” is empty: its first row names the columns (see data/profiles/usage-csv.md)"),
                     reslib_sheet_reader_get_name (reader));
      return NULL;
    }
  for (guint i = 0; i < N_COLUMNS; i++)
    at[i] = -1;
  n_header = reslib_sheet_reader_get_n_cells (reader);
  for (guint c = 0; c < n_header; c++)
    {
      int i = column_of (reslib_sheet_reader_get_cell (reader, c));

      if (i < 0)
        continue;
      if (at[i] >= 0)
        {
          g_set_error (error, RESLIB_ERROR, RESLIB_ERROR_BAD_FILE, _("“%s” names the column “%s” twice"),
                       reslib_sheet_reader_get_name (reader), columns[i].name);
          return NULL;
        }
      at[i] = (int) c;
    }
  for (guint i = 0; i < N_COLUMNS; i++)
    if (at[i] < 0)
      {
        g_set_error (error, RESLIB_ERROR, RESLIB_ERROR_BAD_FILE,
                     _("“%s” has no column “%s” (%s): its first row names the columns of data/profiles/usage-csv.md"),
                     reslib_sheet_reader_get_name (reader), columns[i].name, columns[i].name_zh);
        return NULL;
      }

  while (reslib_sheet_reader_next_row (reader, &row, &local_error))
    {
      g_autoptr(ReslibUsagePeriod) p = g_new0 (ReslibUsagePeriod, 1);
      gint64 *numbers[] = { &p->students, &p->teachers, &p->employees, &p->public_learners, &p->learners,
                            &p->schools, &p->visits };
      guint before = problems->len;
      g_autofree char *key = NULL;

      if (periods->len >= MAX_ROWS)
        {
          g_set_error (error, RESLIB_ERROR, RESLIB_ERROR_BAD_FILE, _("“%s” has more than %u periods"),
                       reslib_sheet_reader_get_name (reader), MAX_ROWS);
          return NULL;
        }
      p->period_start = g_strstrip (g_strdup (reslib_sheet_reader_get_cell (reader, at[0])));
      p->period_end = g_strstrip (g_strdup (reslib_sheet_reader_get_cell (reader, at[1])));
      for (guint i = 0; i < 2; i++)
        {
          const char *date = i == 0 ? p->period_start : p->period_end;

          if (!reslib_parse_date (date, NULL))
            problem (problems, row, _("“%s” is not a date for %s: use YYYY-MM-DD"), date, columns[i].name);
        }
      if (problems->len == before && strcmp (p->period_end, p->period_start) < 0)
        problem (problems, row, _("the period ends (%s) before it starts (%s)"), p->period_end, p->period_start);
      for (guint i = 0; i < G_N_ELEMENTS (numbers); i++)
        {
          g_autofree char *text = g_strstrip (g_strdup (reslib_sheet_reader_get_cell (reader, at[2 + i])));

          if (!g_ascii_string_to_signed (text, 10, 0, G_MAXINT64 / 8, numbers[i], NULL))
            problem (problems, row, _("“%s” is not a whole number of zero or more for %s"), text, columns[2 + i].name);
        }
      /* A cell beyond the header's is most often a number written with a separator (12,000). */
      for (guint c = n_header; c < reslib_sheet_reader_get_n_cells (reader); c++)
        if (*reslib_sheet_reader_get_cell (reader, c) != '\0')
          {
            problem (problems, row, _("the row has more cells than the first row names: write numbers without "
                                      "separators (12000, not 12,000)"));
            break;
          }
      key = g_strdup_printf ("%s/%s", p->period_start, p->period_end);
      if (problems->len == before && !g_hash_table_add (seen, g_steal_pointer (&key)))
        problem (problems, row, _("the period %s to %s is in the file twice"), p->period_start, p->period_end);
      if (problems->len == before)
        g_ptr_array_add (periods, g_steal_pointer (&p));
      if (problems->len > MAX_PROBLEMS)
        break;
    }
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  if (problems->len > 0)
    {
      g_autofree char *first = NULL;

      if (problems->len > MAX_PROBLEMS)
        g_ptr_array_set_size (problems, MAX_PROBLEMS);
      g_ptr_array_add (problems, NULL);
      first = g_strjoinv ("; ", (char **) problems->pdata);
      g_set_error (error, RESLIB_ERROR, RESLIB_ERROR_BAD_FILE, _("“%s” was not imported: nothing was written. %s"),
                   reslib_sheet_reader_get_name (reader), first);
      return NULL;
    }

  return g_steal_pointer (&periods);
}
