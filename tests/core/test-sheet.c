/* test-sheet.c — the sheet readers: CSV and xlsx, as openpyxl and LibreOffice write them, and hostile ones
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>

#include "reslib-sheet-reader.h"
#include "reslib-test-utils.h"

/* The sheet's rows as "N:a|b|c" lines. */
static char *
read_all (const char  *path,
          const char  *sheet,
          GError     **error)
{
  g_autoptr(ReslibSheetReader) reader = reslib_sheet_reader_open (path, sheet, error);
  g_autoptr(GString) out = g_string_new (NULL);
  guint row;

  if (reader == NULL)
    return NULL;
  while (reslib_sheet_reader_next_row (reader, &row, error))
    {
      g_string_append_printf (out, "%u:", row);
      for (guint c = 0; c < reslib_sheet_reader_get_n_cells (reader); c++)
        g_string_append_printf (out, "%s%s", c > 0 ? "|" : "", reslib_sheet_reader_get_cell (reader, c));
      g_string_append_c (out, '\n');
    }
  if (error != NULL && *error != NULL)
    return NULL;

  return g_string_free (g_steal_pointer (&out), FALSE);
}

static void
test_csv (void)
{
  g_autofree char *dir = reslib_test_make_tmp_dir ("sheet-XXXXXX");
  g_autofree char *path = NULL, *text = NULL, *gbk = NULL, *bad_bom = NULL;
  g_autoptr(GError) error = NULL;
  static const char csv[] = "\xef\xbb\xbf资源名称,作者,资源编号\r\n"
                            "\"第一课, 上\",\"张三，李四\",00123\r\n"
                            "\r\n"
                            "\"两行\r\n的\"\"标题\"\"\",,x\n"
                            "last,,\n"
                            "'=SUM(A1),'plain,'-1\n";

  path = reslib_test_write_file (dir, "a.csv", csv, -1);
  text = read_all (path, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (text, ==, "1:资源名称|作者|资源编号\n"
                             "2:第一课, 上|张三，李四|00123\n"
                             "3:\n"
                             "4:两行\r\n的\"标题\"||x\n"
                             "5:last\n"
                             "6:=SUM(A1)|'plain|-1\n");

  /* 资源 in GBK */
  gbk = reslib_test_write_file (dir, "gbk.csv", "a,b\n\xd7\xca\xd4\xb4,c\n", -1);
  g_assert_null (read_all (gbk, NULL, &error));
  g_assert_error (error, RESLIB_ERROR, RESLIB_ERROR_BAD_FILE);
  g_assert_nonnull (strstr (error->message, "Row 2"));
  g_assert_nonnull (strstr (error->message, "CSV UTF-8"));
  g_clear_error (&error);

  bad_bom = reslib_test_write_file (dir, "quote.csv", "a,\"b\nc", -1);
  g_assert_null (read_all (bad_bom, NULL, &error));
  g_assert_error (error, RESLIB_ERROR, RESLIB_ERROR_BAD_FILE);
  g_assert_nonnull (strstr (error->message, "row 1"));
  g_clear_error (&error);

  g_assert_null (read_all ("/nonexistent/x.ods", NULL, &error));
  g_assert_error (error, RESLIB_ERROR, RESLIB_ERROR_BAD_FILE);

  reslib_test_rm_rf (dir);
}

static void
test_xlsx_openpyxl (void)
{
  g_autofree char *dir = NULL, *path = NULL, *text = NULL, *other = NULL;
  g_autoptr(GError) error = NULL;

  if (reslib_test_openpyxl_python () == NULL)
    {
      g_test_skip ("python3 with openpyxl (Debian: python3-openpyxl) is not installed");
      return;
    }
  dir = reslib_test_make_tmp_dir ("sheet-XXXXXX");
  path = reslib_test_make_sheet (dir, "basic.xlsx", "basic", NULL);
  text = read_all (path, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (text, ==, "1:示范项目 资源清单|示范项目 资源清单|示范项目 资源清单|示范项目 资源清单|示范项目 资源清单\n"
                             "3:资源名称|作者|资源编号|日期|数\n"
                             "4:资源名称\n"
                             "5:第一课|张三，李四|00123|2024-03-01|2\n"
                             "7:第二课||x||2.5|TRUE\n"
                             "8:|||1999-12-31\n"
                             "9:  \n");

  other = read_all (path, "其他", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (other, ==, "1:other\n");
  g_assert_null (read_all (path, "nope", &error));
  g_assert_error (error, RESLIB_ERROR, RESLIB_ERROR_BAD_FILE);

  reslib_test_rm_rf (dir);
}

static void
test_xlsx_libreoffice (void)
{
  g_autofree char *dir = reslib_test_make_tmp_dir ("sheet-XXXXXX");
  g_autofree char *soffice = g_find_program_in_path ("soffice");
  g_autofree char *csv = NULL, *xlsx = NULL, *text = NULL, *err = NULL, *profile = NULL, *env_arg = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  if (soffice == NULL)
    {
      g_test_skip ("LibreOffice (soffice) is not installed: the sheet it writes is not read");
      reslib_test_rm_rf (dir);
      return;
    }
  csv = reslib_test_write_file (dir, "lo.csv", "资源名称,资源编号,数,日期\n第一课,00123,2.0,2024-03-01\n,,,\n第二课,x,7,\n", -1);
  profile = g_build_filename (dir, "profile", NULL);
  env_arg = g_strconcat ("-env:UserInstallation=file://", profile, NULL);
  {
    /* Column 2 as text (numbers stored as text), column 4 as a date (YMD). */
    const char *argv[] = { soffice, env_arg, "--headless", "--infilter=CSV:44,34,76,1,1/1/2/2/3/1/4/5",
                           "--convert-to", "xlsx", "--outdir", dir, csv, NULL };

    /* soffice's "convert … using filter" line would be read as TAP output */
    g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL, NULL, &err, &status, &error);
  }
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  xlsx = g_build_filename (dir, "lo.xlsx", NULL);
  if (!g_file_test (xlsx, G_FILE_TEST_EXISTS))
    {
      /* soffice without Calc (Debian: libreoffice-calc-nogui) converts nothing and says so. */
      g_test_skip ("LibreOffice Calc is not installed: soffice cannot write an xlsx file");
      reslib_test_rm_rf (dir);
      return;
    }
  text = read_all (xlsx, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (text, ==, "1:资源名称|资源编号|数|日期\n"
                             "2:第一课|00123|2|2024-03-01\n"
                             "4:第二课|x|7\n");

  reslib_test_rm_rf (dir);
}

static void
assert_refused (const char *path,
                const char *words)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = read_all (path, NULL, &error);

  g_assert_null (text);
  g_assert_error (error, RESLIB_ERROR, RESLIB_ERROR_BAD_FILE);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, words));
}

static void
test_xlsx_hostile (void)
{
  g_autofree char *dir = NULL, *bomb = NULL, *strings = NULL, *doctype = NULL, *badref = NULL, *notzip = NULL;
  gint64 start;

  if (reslib_test_openpyxl_python () == NULL)
    {
      g_test_skip ("python3 with openpyxl (Debian: python3-openpyxl) is not installed");
      return;
    }
  dir = reslib_test_make_tmp_dir ("sheet-XXXXXX");
  bomb = reslib_test_make_sheet (dir, "bomb.xlsx", "bomb", "600");
  strings = reslib_test_make_sheet (dir, "strings.xlsx", "strings", "2000000");
  doctype = reslib_test_make_sheet (dir, "doctype.xlsx", "doctype", NULL);
  badref = reslib_test_make_sheet (dir, "badref.xlsx", "badref", NULL);
  notzip = reslib_test_write_file (dir, "notzip.xlsx", "hello", -1);
  start = g_get_monotonic_time ();

  assert_refused (bomb, "zip bomb");
  assert_refused (strings, "1000000 shared strings");
  assert_refused (doctype, "document type declaration");
  assert_refused (badref, "1048577");
  assert_refused (notzip, "not a zip file");
  g_test_message ("refused in %.2f s", (g_get_monotonic_time () - start) / 1e6);

  reslib_test_rm_rf (dir);
}

/* The merged cells are read in a first pass that leaves the rows out: what only looks like the end of the
 * rows or like merged cells (in a comment, a CDATA section, a processing instruction, an attribute value,
 * a <sheetData> within the rows) changes nothing, and a fault after the rows is told at its own line. */
static void
test_xlsx_merges_after_rows (void)
{
  g_autofree char *dir = NULL, *hidden = NULL, *bad_tail = NULL, *text = NULL;
  g_autoptr(GError) error = NULL;

  if (reslib_test_openpyxl_python () == NULL)
    {
      g_test_skip ("python3 with openpyxl (Debian: python3-openpyxl) is not installed");
      return;
    }
  dir = reslib_test_make_tmp_dir ("sheet-XXXXXX");
  hidden = reslib_test_make_sheet (dir, "hidden.xlsx", "hidden", NULL);
  bad_tail = reslib_test_make_sheet (dir, "badtail.xlsx", "badtail", NULL);

  text = read_all (hidden, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (text, ==, "1:标题\n"
                             "2:</x:sheetData><x:mergeCell ref=\"A3:C3\"/>\n"
                             "3:合并|合并\n");
  assert_refused (bad_tail, "(line 7)");

  reslib_test_rm_rf (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/sheet/csv", test_csv);
  g_test_add_func ("/sheet/xlsx/openpyxl", test_xlsx_openpyxl);
  g_test_add_func ("/sheet/xlsx/libreoffice", test_xlsx_libreoffice);
  g_test_add_func ("/sheet/xlsx/hostile", test_xlsx_hostile);
  g_test_add_func ("/sheet/xlsx/merges-after-rows", test_xlsx_merges_after_rows);

  return g_test_run ();
}
