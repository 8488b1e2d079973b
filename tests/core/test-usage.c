/* test-usage.c — usage statistics (应用推广): the CSV read and checked row by row, imported all or nothing,
 * listed, and the users at a date checked against separate SQL
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <locale.h>
#include <string.h>

#include "reslib-store-usage.h"
#include "reslib-test-utils.h"

#define HEADER "period_start,period_end,students,teachers,employees,public_learners,learners,schools,visits\n"

typedef struct
{
  char        *dir;
  ReslibStore *store;
  char        *project;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  f->dir = reslib_test_make_tmp_dir ("reslib-usage-XXXXXX");
  f->store = reslib_test_open_store (f->dir);
  f->project = reslib_test_new_project (f->store, "应用推广");
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_object (&f->store);
  reslib_test_rm_rf (f->dir);
  g_free (f->dir);
  g_free (f->project);
}

static GPtrArray *
read_csv (Fixture    *f,
          const char *name,
          const char *text,
          GError    **error)
{
  g_autofree char *path = reslib_test_write_file (f->dir, name, text, -1);

  return reslib_usage_csv_read (path, error);
}

static gint64
sql_int (Fixture    *f,
         const char *sql)
{
  g_autofree char *text = reslib_test_sql_text (reslib_store_get_db_path (f->store), sql);

  return text != NULL ? g_ascii_strtoll (text, NULL, 10) : -1;
}

static void
import (Fixture    *f,
        const char *text,
        guint       added,
        guint       replaced)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) periods = read_csv (f, "usage.csv", text, &error);
  guint a = 99, r = 99;

  g_assert_no_error (error);
  g_assert_true (reslib_store_import_usage (f->store, f->project, periods, "usage.csv", FALSE, &a, &r, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (a, ==, added);
  g_assert_cmpuint (r, ==, replaced);
}

/* Both languages' headers, any column order, a byte order mark; the figures as written. */
static void
test_read (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) en = read_csv (f, "en.csv", HEADER "2027-01-01,2027-06-30,8200,640,310,450,5100,23,182000\n",
                                      &error);
  g_autoptr(GPtrArray) zh = NULL;
  const ReslibUsagePeriod *p;

  g_assert_no_error (error);
  g_assert_cmpuint (en->len, ==, 1);
  p = g_ptr_array_index (en, 0);
  g_assert_cmpstr (p->period_start, ==, "2027-01-01");
  g_assert_cmpstr (p->period_end, ==, "2027-06-30");
  g_assert_cmpint (reslib_usage_period_users (p), ==, 8200 + 640 + 310 + 450);
  g_assert_cmpint (p->visits, ==, 182000);

  zh = read_csv (f, "zh.csv",
                 "\xEF\xBB\xBF访问量,统计截止日期,统计开始日期,注册学生,注册教师,注册企业员工,注册社会学习者,学习人数,覆盖学校数\n"
                 "240500,2027-12-31,2027-07-01,9600,700,380,620,6200,27\n",
                 &error);
  g_assert_no_error (error);
  g_assert_cmpuint (zh->len, ==, 1);
  p = g_ptr_array_index (zh, 0);
  g_assert_cmpstr (p->period_start, ==, "2027-07-01");
  g_assert_cmpint (p->visits, ==, 240500);
  g_assert_cmpint (p->schools, ==, 27);
}

/* Bad rows are named by their row numbers, all of them in one line, and nothing is returned. */
static void
test_bad_rows (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) periods = read_csv (f, "bad.csv",
                                           HEADER
                                           "2027-01-01,2027-06-30,8200,640,310,450,5100,23,182000\n"
                                           "2027-13-01,2027-06-30,1,1,1,1,1,1,1\n"
                                           "2027-07-01,2027-06-30,1,1,1,1,1,1,1\n"
                                           "2027-07-01,2027-12-31,1,-4,1,1,1,1,1\n"
                                           "2027-07-01,2027-12-31,1,1,1,1,1,1,12,000\n"
                                           "2027-01-01,2027-06-30,1,1,1,1,1,1,1\n",
                                           &error);

  g_assert_null (periods);
  g_assert_error (error, RESLIB_ERROR, RESLIB_ERROR_BAD_FILE);
  g_test_message ("%s", error->message);
  g_assert_null (strchr (error->message, '\n'));
  g_assert_nonnull (strstr (error->message, "nothing was written"));
  g_assert_nonnull (strstr (error->message, "row 3: “2027-13-01” is not a date"));
  g_assert_nonnull (strstr (error->message, "row 4: the period ends (2027-06-30) before it starts (2027-07-01)"));
  g_assert_nonnull (strstr (error->message, "row 5: “-4” is not a whole number"));
  g_assert_nonnull (strstr (error->message, "row 6: the row has more cells"));   /* 12,000: not 12 */
  g_assert_nonnull (strstr (error->message, "row 7: the period 2027-01-01 to 2027-06-30 is in the file twice"));
  g_clear_error (&error);

  g_assert_null (read_csv (f, "missing.csv", "period_start,period_end,students\n2027-01-01,2027-06-30,1\n", &error));
  g_assert_error (error, RESLIB_ERROR, RESLIB_ERROR_BAD_FILE);
  g_assert_nonnull (strstr (error->message, "teachers"));
  g_clear_error (&error);
  g_assert_null (read_csv (f, "empty.csv", "", &error));
  g_assert_error (error, RESLIB_ERROR, RESLIB_ERROR_BAD_FILE);
  g_clear_error (&error);
  g_assert_null (read_csv (f, "twice.csv", HEADER "visits\n", &error));
  g_assert_error (error, RESLIB_ERROR, RESLIB_ERROR_BAD_FILE);
  g_clear_error (&error);
  g_assert_cmpint (sql_int (f, "SELECT count (*) FROM usage_periods"), ==, 0);
}

/* Imported all at once; a period imported again replaces the one there; a dry run writes nothing; the users
 * at a date are the registered users of the last period ending by then. */
static void
test_import_and_users (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GPtrArray) again = NULL;
  g_autofree char *end = NULL;
  const char *dates[] = { "2026-12-31", "2027-06-30", "2027-09-01", "2027-12-31", "2030-01-01" };
  gint64 users;
  guint a = 0, r = 0;

  import (f, HEADER "2027-01-01,2027-06-30,8200,640,310,450,5100,23,182000\n"
                    "2027-07-01,2027-12-31,9600,700,380,620,6200,27,240500\n", 2, 0);
  import (f, HEADER "2027-07-01,2027-12-31,9700,700,380,620,6200,27,240500\n"
                    "2028-01-01,2028-06-30,10100,720,400,700,6400,29,250000\n", 1, 1);
  again = read_csv (f, "dry.csv", HEADER "2028-07-01,2028-12-31,1,1,1,1,1,1,1\n", &error);
  g_assert_no_error (error);
  g_assert_true (reslib_store_import_usage (f->store, f->project, again, "dry.csv", TRUE, &a, &r, &error));
  g_assert_cmpuint (a, ==, 1);
  g_assert_cmpuint (r, ==, 0);
  g_assert_cmpint (sql_int (f, "SELECT count (*) FROM usage_periods"), ==, 3);

  list = reslib_store_list_usage (f->store, f->project, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 3);
  g_assert_cmpint (((ReslibUsagePeriod *) g_ptr_array_index (list, 1))->students, ==, 9700);

  for (guint i = 0; i < G_N_ELEMENTS (dates); i++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT students + teachers + employees + public_learners FROM "
                                              "usage_periods WHERE period_end = (SELECT max (period_end) FROM "
                                              "usage_periods WHERE period_end <= '%s')", dates[i]);

      g_assert_true (reslib_store_usage_users_at (f->store, f->project, dates[i], &users, NULL, &error));
      g_assert_no_error (error);
      g_assert_cmpint (users, ==, sql_int (f, sql));
    }
  g_assert_true (reslib_store_usage_users_at (f->store, f->project, "2027-09-01", &users, &end, &error));
  g_assert_cmpint (users, ==, 8200 + 640 + 310 + 450);
  g_assert_cmpstr (end, ==, "2027-06-30");
  g_assert_true (reslib_store_usage_users_at (f->store, f->project, "2026-12-31", &users, NULL, &error));
  g_assert_cmpint (users, ==, -1);
}

/* An import undone puts the store back exactly: the periods it added gone, those it replaced as they were
 * (id, figures, source, time of import); redone, the file's figures again. */
static void
test_undo (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) periods = NULL;
  g_autoptr(ReslibUndoStep) step = NULL;
  g_autoptr(ReslibUndoStep) redo = NULL;
  g_autoptr(ReslibUndoStep) again = NULL;
  const char *dump_sql = "SELECT group_concat (id || ':' || period_start || ':' || period_end || ':' || students || ':' || "
                         "visits || ':' || source || ':' || imported_at, '|') FROM (SELECT * FROM usage_periods "
                         "ORDER BY period_start)";
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *undone = NULL;
  g_autofree char *redone = NULL;
  guint added = 0, replaced = 0;

  import (f, HEADER "2027-01-01,2027-06-30,8200,640,310,450,5100,23,182000\n"
                    "2027-07-01,2027-12-31,9600,700,380,620,6200,27,240500\n", 2, 0);
  before = reslib_test_sql_text (reslib_store_get_db_path (f->store), dump_sql);

  /* The second half-year corrected, a third added */
  periods = read_csv (f, "corrected.csv", HEADER "2027-07-01,2027-12-31,9700,700,380,620,6200,27,250000\n"
                                                 "2028-01-01,2028-06-30,11000,760,400,700,7000,30,300000\n", &error);
  g_assert_no_error (error);
  step = reslib_store_import_usage_undoable (f->store, f->project, periods, "corrected.csv", &added, &replaced, &error);
  g_assert_no_error (error);
  g_assert_nonnull (step);
  g_assert_cmpuint (added, ==, 1);
  g_assert_cmpuint (replaced, ==, 1);
  g_assert_cmpint (sql_int (f, "SELECT count (*) FROM usage_periods"), ==, 3);
  g_assert_cmpint (sql_int (f, "SELECT students FROM usage_periods WHERE period_start = '2027-07-01'"), ==, 9700);
  after = reslib_test_sql_text (reslib_store_get_db_path (f->store), dump_sql);

  redo = reslib_store_undo (f->store, step, &error);
  g_assert_no_error (error);
  g_assert_nonnull (redo);
  undone = reslib_test_sql_text (reslib_store_get_db_path (f->store), dump_sql);
  g_assert_cmpstr (undone, ==, before);

  again = reslib_store_undo (f->store, redo, &error);
  g_assert_no_error (error);
  g_assert_nonnull (again);
  redone = reslib_test_sql_text (reslib_store_get_db_path (f->store), dump_sql);
  g_assert_cmpstr (redone, ==, after);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add ("/usage/read", Fixture, NULL, fixture_setup, test_read, fixture_teardown);
  g_test_add ("/usage/bad-rows", Fixture, NULL, fixture_setup, test_bad_rows, fixture_teardown);
  g_test_add ("/usage/import-and-users", Fixture, NULL, fixture_setup, test_import_and_users, fixture_teardown);
  g_test_add ("/usage/undo", Fixture, NULL, fixture_setup, test_undo, fixture_teardown);

  return g_test_run ();
}
