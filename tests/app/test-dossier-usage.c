/* test-dossier-usage.c — the Dossier page's usage statistics (应用推广), in process, against a temporary store
 *
 * Import Usage… with a file that has bad rows: refused with the rows named, nothing written; with a good file:
 * the dry run's counts asked about, the periods listed, and the import undone and redone exactly.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "reslib-store-usage.h"
#include "studio-page.h"
#include "studio-test-utils.h"
#include "studio-undo-stack.h"

#define HEADER "统计开始日期,统计截止日期,注册学生,注册教师,注册企业员工,注册社会学习者,学习人数,覆盖学校数,访问量\n"

typedef StudioTestFixture Fixture;

#define PROJECT "应用推广页测试"

typedef struct
{
  Fixture    *f;
  const char *text;
} Wanted;

static gboolean
usage_shows (gpointer data)
{
  Wanted *w = data;

  return studio_test_shows_text (studio_test_page_child (w->f->window, "dossier", "usage_list"), w->text);
}

static gboolean
no_dialog (gpointer data)
{
  return studio_test_find_dialog () == NULL;
}

/* The periods as the store holds them, with their figures, ids, sources and times of import */
static char *
dump (Fixture *f)
{
  return reslib_test_sql_text (reslib_store_get_db_path (f->store),
                               "SELECT group_concat (id || ':' || period_start || ':' || period_end || ':' || students "
                               "|| ':' || visits || ':' || source || ':' || imported_at, '|') FROM (SELECT * FROM "
                               "usage_periods ORDER BY period_start)");
}

static void
import_file (Fixture    *f,
             StudioPage *page,
             const char *name,
             const char *text)
{
  g_autofree char *path = reslib_test_write_file (f->dir, name, text, -1);

  gtk_widget_activate_action (GTK_WIDGET (page), "dossier.import-usage-file", "s", path);
}

static gboolean
can_undo (gpointer data)
{
  return studio_undo_stack_get_can_undo (studio_page_get_undo_stack (data));
}

static void
test_import (Fixture       *f,
             gconstpointer  data)
{
  StudioPage *page;
  AdwMessageDialog *dialog;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *undone = NULL;
  g_autofree char *redone = NULL;
  GtkWidget *list;

  reslib_test_add_usage (f->store, f->project, "2027-01-01", "2027-06-30", 9000);
  before = dump (f);
  f->window = studio_test_show_window (f->store);
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-page", "s", "dossier");
  studio_test_flush ();
  page = studio_window_get_page (f->window, "dossier");
  list = studio_test_page_child (f->window, "dossier", "usage_list");
  g_assert_true (studio_test_shows_text (list, "2027-01-01 to 2027-06-30"));
  g_assert_true (gtk_widget_get_mapped (studio_test_find_labelled (page, "Import Usage Statistics")));

  /* Bad rows: refused as a whole, each named, nothing written */
  import_file (f, page, "bad.csv", HEADER "2027-07-01,2027-12-31,9600,700,380,620,6200,27,240500\n"
                                          "2028-01-01,2028-06-30,1,2,3\n"
                                          "2028-07-01,2028-12-31,12,000,1,1,1,1,1\n");
  dialog = studio_test_wait_for_dialog ();
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "The usage statistics were not imported");
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "row 3"));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "nothing was written"));
  studio_test_respond (dialog, "close");
  g_assert_true (studio_test_wait_until (no_dialog, NULL, 5000));
  after = dump (f);
  g_assert_cmpstr (after, ==, before);
  g_clear_pointer (&after, g_free);

  /* A good file: the dry run's counts, then the import */
  import_file (f, page, "good.csv", HEADER "2027-01-01,2027-06-30,8200,640,310,450,5100,23,182000\n"
                                           "2027-07-01,2027-12-31,9600,700,380,620,6200,27,240500\n");
  dialog = studio_test_wait_for_dialog ();
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Import Usage Statistics?");
  g_assert_cmpstr (adw_message_dialog_get_body (dialog), ==, "1 periods will be added and 1 replaced by the file’s figures.");
  g_assert_cmpstr (dump (f), ==, before);   /* the dry run wrote nothing */
  studio_test_respond (dialog, "import");
  {
    Wanted w = { f, "2027-07-01 to 2027-12-31" };

    g_assert_true (studio_test_wait_until (usage_shows, &w, 10000));
  }
  /* The job's step is on the undo stack once it has ended */
  g_assert_true (studio_test_wait_until (can_undo, page, 10000));
  g_assert_true (studio_test_shows_text (list, "11,300 registered users: 9,600 students, 700 teachers, 380 employees, 620 from the public\n"
                                               "6,200 learners · 27 schools · 240,500 visits"));
  after = dump (f);
  g_assert_cmpstr (after, !=, before);
  g_assert_nonnull (strstr (after, ":good.csv:"));
  g_assert_null (strstr (after, ":test:"));

  /* Undone: the period added gone, the one replaced back as it was (id, figures, source, time) */
  gtk_widget_activate_action (GTK_WIDGET (page), "win.undo", NULL);
  studio_test_flush ();
  undone = dump (f);
  g_assert_cmpstr (undone, ==, before);
  {
    Wanted w = { f, "2027-01-01 to 2027-06-30" };

    g_assert_true (studio_test_wait_until (usage_shows, &w, 5000));
    g_assert_false (studio_test_shows_text (list, "2027-07-01 to 2027-12-31"));
  }

  /* Redone: the file's figures again */
  gtk_widget_activate_action (GTK_WIDGET (page), "win.redo", NULL);
  studio_test_flush ();
  redone = dump (f);
  g_assert_cmpstr (redone, ==, after);
}

int
main (int   argc,
      char *argv[])
{
  if (!studio_test_init (&argc, &argv))
    return 0;

  g_test_add ("/studio/dossier/usage", Fixture, PROJECT, studio_test_fixture_set_up, test_import, studio_test_fixture_tear_down);

  return studio_test_run ();
}
