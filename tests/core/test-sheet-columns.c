/* test-sheet-columns.c — the one table of the resource list's columns
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <locale.h>
#include <math.h>

#include "reslib-core.h"

/* Every column is found by its headers in both languages and by its key and aliases, and by nothing
 * that names another column. */
static void
test_lookup (void)
{
  for (guint i = 0; i < RESLIB_SHEET_N_COLUMNS; i++)
    {
      const ReslibSheetColumn *column = reslib_sheet_column (i);
      g_auto(GStrv) aliases = NULL;

      g_assert_cmpint (column->id, ==, i);
      g_assert_true (reslib_sheet_column_lookup (column->header) == column);
      g_assert_true (reslib_sheet_column_lookup (column->header_zh) == column);
      g_assert_true (reslib_sheet_column_lookup (column->key) == column);
      g_assert_true (reslib_sheet_column_lookup (reslib_sheet_column_header (column)) == column);
      g_assert_false (g_str_is_ascii (column->header_zh));
      g_assert_cmpfloat (column->width, >, 4);
      if (column->aliases == NULL)
        continue;
      aliases = g_strsplit (column->aliases, "|", -1);
      for (guint j = 0; aliases[j] != NULL; j++)
        g_assert_true (reslib_sheet_column_lookup (aliases[j]) == column);
    }

  /* Spaces, case and full-width forms do not matter. */
  g_assert_true (reslib_sheet_column_lookup ("  resource   ID ") == reslib_sheet_column (RESLIB_SHEET_COLUMN_ID));
  g_assert_true (reslib_sheet_column_lookup ("FILE NAME") == reslib_sheet_column (RESLIB_SHEET_COLUMN_FILE_NAME));
  g_assert_true (reslib_sheet_column_lookup ("来源(原创/引用/开放)") == reslib_sheet_column (RESLIB_SHEET_COLUMN_ORIGIN));
  g_assert_true (reslib_sheet_column_lookup ("资源\u3000编号") == reslib_sheet_column (RESLIB_SHEET_COLUMN_ID));
  g_assert_true (reslib_sheet_column_lookup ("\xef\xbb\xbf序号") == reslib_sheet_column (RESLIB_SHEET_COLUMN_NUMBER));
  g_assert_true (reslib_sheet_column_lookup ("文件路径") == reslib_sheet_column (RESLIB_SHEET_COLUMN_FILE_PATH));
  g_assert_true (reslib_sheet_column_lookup ("File path") == reslib_sheet_column (RESLIB_SHEET_COLUMN_FILE_PATH));
  g_assert_null (reslib_sheet_column_lookup (""));
  g_assert_null (reslib_sheet_column_lookup ("   "));
  g_assert_null (reslib_sheet_column_lookup ("备注"));
  g_assert_null (reslib_sheet_column_lookup ("\xff\xfe"));
}

/* What an import may write: 序号、格式、大小、时长、审核状态 are the export's alone; 资源编号 and the file
 * name match rows; the file path is read, never written. */
static void
test_flags (void)
{
  const ReslibSheetColumnId read_only[] = {
    RESLIB_SHEET_COLUMN_NUMBER, RESLIB_SHEET_COLUMN_FORMAT, RESLIB_SHEET_COLUMN_SIZE,
    RESLIB_SHEET_COLUMN_DURATION, RESLIB_SHEET_COLUMN_STATE,
  };

  for (guint i = 0; i < G_N_ELEMENTS (read_only); i++)
    {
      const ReslibSheetColumn *column = reslib_sheet_column (read_only[i]);

      g_assert_cmpint (column->flags, ==, RESLIB_SHEET_COLUMN_READ_ONLY);
      g_assert_null (column->field);
    }
  for (guint i = 0; i < RESLIB_SHEET_N_COLUMNS; i++)
    {
      const ReslibSheetColumn *column = reslib_sheet_column (i);

      /* A column an import writes says where. */
      g_assert_true (((column->flags & RESLIB_SHEET_COLUMN_WRITABLE) != 0) == (column->field != NULL));
    }
  g_assert_cmpint (reslib_sheet_column (RESLIB_SHEET_COLUMN_ID)->flags, ==, RESLIB_SHEET_COLUMN_MATCH);
  g_assert_cmpint (reslib_sheet_column (RESLIB_SHEET_COLUMN_FILE_NAME)->flags, ==, RESLIB_SHEET_COLUMN_MATCH);
  g_assert_cmpint (reslib_sheet_column (RESLIB_SHEET_COLUMN_FILE_PATH)->flags, ==, RESLIB_SHEET_COLUMN_IMPORT_ONLY);
  g_assert_cmpstr (reslib_sheet_column (RESLIB_SHEET_COLUMN_POINT)->field, ==, "nodes");
  g_assert_cmpstr (reslib_sheet_column (RESLIB_SHEET_COLUMN_UNIT)->field, ==, "unit_id");
}

static void
test_values (void)
{
  g_autofree char *size = reslib_sheet_format_size (12345678);
  g_autofree char *size0 = reslib_sheet_format_size (0);
  g_autofree char *no_size = reslib_sheet_format_size (-1);
  g_autofree char *duration = reslib_sheet_format_duration (245.2);
  g_autofree char *hours = reslib_sheet_format_duration (43200);
  g_autofree char *rounded = reslib_sheet_format_duration (3599.6);
  g_autofree char *none = reslib_sheet_format_duration (0);
  g_autofree char *nan = reslib_sheet_format_duration (NAN);

  g_assert_cmpstr (size, ==, "12.35");
  g_assert_cmpstr (size0, ==, "0.00");
  g_assert_cmpstr (no_size, ==, "");
  g_assert_cmpstr (duration, ==, "0:04:05");
  g_assert_cmpstr (hours, ==, "12:00:00");
  g_assert_cmpstr (rounded, ==, "1:00:00");
  g_assert_cmpstr (none, ==, "");
  g_assert_cmpstr (nan, ==, "");

  g_assert_cmpstr (reslib_sheet_origin_label ("licensed"), ==, "licensed");
  g_assert_cmpstr (reslib_sheet_origin_label (NULL), ==, "");
  g_assert_cmpstr (reslib_sheet_parse_origin ("引用"), ==, "licensed");
  g_assert_cmpstr (reslib_sheet_parse_origin (" Open "), ==, "open");
  g_assert_cmpstr (reslib_sheet_parse_origin ("Licensed"), ==, "licensed");
  g_assert_null (reslib_sheet_parse_origin ("借来的"));
  g_assert_null (reslib_sheet_parse_origin (""));
  g_assert_cmpstr (reslib_sheet_parse_type ("视频"), ==, "video");
  g_assert_cmpstr (reslib_sheet_parse_type ("Virtual simulation"), ==, "simulation");
  g_assert_cmpstr (reslib_sheet_parse_type ("SLIDES"), ==, "slides");
  g_assert_cmpstr (reslib_sheet_parse_type ("演示文稿"), ==, "slides");
  g_assert_null (reslib_sheet_parse_type ("电影"));
}

/* In Chinese the export writes the Chinese headers the table holds (the catalogue and the table
 * agree), and the words of the origin's header; English is read all the same. */
static void
test_chinese (void)
{
  if (setlocale (LC_ALL, "zh_CN.UTF-8") == NULL)
    {
      g_test_skip ("the zh_CN.UTF-8 locale is not installed (build-aux/bootstrap generates it)");
      return;
    }
  g_setenv ("LANGUAGE", "zh_CN", TRUE);

  for (guint i = 0; i < RESLIB_SHEET_N_COLUMNS; i++)
    {
      const ReslibSheetColumn *column = reslib_sheet_column (i);

      g_assert_cmpstr (reslib_sheet_column_header (column), ==, column->header_zh);
      g_assert_true (reslib_sheet_column_lookup (column->header) == column);
    }
  g_assert_cmpstr (reslib_sheet_origin_label ("original"), ==, "原创");
  g_assert_cmpstr (reslib_sheet_origin_label ("licensed"), ==, "引用");
  g_assert_cmpstr (reslib_sheet_origin_label ("open"), ==, "开放");
  g_assert_cmpstr (reslib_sheet_parse_origin ("授权使用"), ==, "licensed");
  g_assert_cmpstr (reslib_sheet_parse_origin ("licensed"), ==, "licensed");
  g_assert_cmpstr (reslib_sheet_parse_type ("Virtual simulation"), ==, "simulation");
  g_assert_cmpstr (reslib_sheet_parse_type ("虚拟仿真"), ==, "simulation");

  g_unsetenv ("LANGUAGE");
  setlocale (LC_ALL, "C.UTF-8");
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  reslib_core_init ();

  g_test_add_func ("/sheet-columns/lookup", test_lookup);
  g_test_add_func ("/sheet-columns/flags", test_flags);
  g_test_add_func ("/sheet-columns/values", test_values);
  g_test_add_func ("/sheet-columns/chinese", test_chinese);

  return g_test_run ();
}
