/* test-dossier-texts.c — the Dossier page's narrative sections of the 申报书, in process, against a temporary
 * store
 *
 * Text typed in a section's view is saved a moment later; text the store gets elsewhere (the CLI) shows in its
 * view; a view emptied removes its section.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "reslib-store-texts.h"
#include "studio-test-utils.h"

typedef StudioTestFixture Fixture;

#define PROJECT "正文页测试"

/* The descendant of @widget named @name */
static GtkWidget *
find_named (GtkWidget  *widget,
            const char *name)
{
  if (g_strcmp0 (gtk_widget_get_name (widget), name) == 0)
    return widget;
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_named (c, name);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static GtkTextBuffer *
section_buffer (Fixture    *f,
                const char *section)
{
  GtkWidget *view = find_named (GTK_WIDGET (studio_window_get_page (f->window, "dossier")), section);

  g_assert_true (GTK_IS_TEXT_VIEW (view));
  return gtk_text_view_get_buffer (GTK_TEXT_VIEW (view));
}

typedef struct
{
  Fixture    *f;
  const char *section;
  const char *text;     /* NULL: none */
} Wanted;

static gboolean
stored (gpointer data)
{
  Wanted *w = data;
  g_autofree char *text = reslib_store_get_project_text (w->f->store, w->f->project, w->section, NULL);

  return g_strcmp0 (text, w->text) == 0;
}

static gboolean
shown (gpointer data)
{
  Wanted *w = data;
  GtkTextBuffer *buffer = section_buffer (w->f, w->section);
  GtkTextIter start, end;
  g_autofree char *text = NULL;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);

  return g_strcmp0 (text, w->text) == 0;
}

static void
test_texts (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (reslib_store_set_project_text (f->store, f->project, "foundation", "已有基础。", &error));
  g_assert_no_error (error);
  f->window = studio_test_show_window (f->store);
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-page", "s", "dossier");
  studio_test_flush ();

  /* What the store holds, in its view */
  g_assert_true (studio_test_wait_until (shown, &(Wanted) { f, "foundation", "已有基础。" }, 5000));
  g_assert_true (studio_test_wait_until (shown, &(Wanted) { f, "safeguards", "" }, 5000));

  /* Typed: saved a moment later, with its lines */
  gtk_text_buffer_set_text (section_buffer (f, "content-platform"), "平台支持移动学习。\n提供学习分析。", -1);
  g_assert_true (studio_test_wait_until (stored, &(Wanted) { f, "content-platform", "平台支持移动学习。\n提供学习分析。" },
                                         5000));

  /* Set elsewhere: shown */
  g_assert_true (reslib_store_set_project_text (f->store, f->project, "safeguards", "成立项目领导小组。", &error));
  g_assert_no_error (error);
  g_assert_true (studio_test_wait_until (shown, &(Wanted) { f, "safeguards", "成立项目领导小组。" }, 5000));
  /* and the text being shown elsewhere left as it is */
  g_assert_true (shown (&(Wanted) { f, "content-platform", "平台支持移动学习。\n提供学习分析。" }));

  /* Emptied: the section is removed */
  gtk_text_buffer_set_text (section_buffer (f, "foundation"), "", -1);
  g_assert_true (studio_test_wait_until (stored, &(Wanted) { f, "foundation", NULL }, 5000));

  /* The reports' sections, in a group of their own after the dossier's: typed, saved */
  {
    GtkWidget *page = GTK_WIDGET (studio_window_get_page (f->window, "dossier"));
    GtkWidget *dossier_group = find_named (page, "texts_group");
    GtkWidget *report_group = find_named (page, "report_texts_group");
    GtkWidget *audit = find_named (page, "audit");

    g_assert_nonnull (dossier_group);
    g_assert_nonnull (report_group);
    g_assert_true (gtk_widget_is_ancestor (audit, report_group));
    g_assert_false (gtk_widget_is_ancestor (find_named (page, "safeguards"), report_group));
  }
  gtk_text_buffer_set_text (section_buffer (f, "outcome-resources"), "建成标准化课程 2 门。", -1);
  gtk_text_buffer_set_text (section_buffer (f, "audit"), "豫中审字〔2027〕15 号", -1);
  g_assert_true (studio_test_wait_until (stored, &(Wanted) { f, "outcome-resources", "建成标准化课程 2 门。" }, 5000));
  g_assert_true (studio_test_wait_until (stored, &(Wanted) { f, "audit", "豫中审字〔2027〕15 号" }, 5000));
}

int
main (int   argc,
      char *argv[])
{
  if (!studio_test_init (&argc, &argv))
    return 0;

  g_test_add ("/studio/dossier/texts", Fixture, PROJECT, studio_test_fixture_set_up, test_texts, studio_test_fixture_tear_down);

  return studio_test_run ();
}
