/* test-dossier-evidence.c — the Dossier page's evidence files (佐证材料), in process, against a temporary store
 *
 * Attach Evidence… copies a file into the store for a milestone, a target, a budget line, a narrative section or
 * the project as a whole, with the title the evidence index prints; the list names each file and what it is for; a row's Remove, named by the file's
 * title, takes it out of the index, and the toast's Undo and the window's Undo and Redo put it back and take it
 * out again, the store's rows exactly as they were.
 * The texts are compared translated, so that STUDIO_TEST_SHOT_LOCALE=zh_CN.UTF-8 runs it in Chinese too.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "reslib-store-evidence.h"
#include "studio-test-utils.h"

typedef StudioTestFixture Fixture;

#define PROJECT "佐证材料页测试"

typedef struct
{
  Fixture    *f;
  const char *text;
} Wanted;

static GtkWidget *
evidence_list (Fixture *f)
{
  return studio_test_page_child (f->window, "dossier", "evidence_list");
}

static gboolean
list_shows (gpointer data)
{
  Wanted *w = data;

  return studio_test_shows_text (evidence_list (w->f), w->text);
}

static gboolean
list_lacks (gpointer data)
{
  Wanted *w = data;

  return !studio_test_shows_text (evidence_list (w->f), w->text);
}

static gboolean
no_dialog (gpointer data)
{
  return studio_test_find_dialog () == NULL;
}

#define NARROW_WIDTH 360

static gboolean
window_narrow (gpointer data)
{
  GtkWidget *content = adw_application_window_get_content (ADW_APPLICATION_WINDOW (data));

  return gtk_widget_get_width (content) > 0 && gtk_widget_get_width (content) <= NARROW_WIDTH;
}

/* The widget labelled @label is shown whole across the window's width */
static void
assert_inside (Fixture    *f,
               const char *label)
{
  GtkWidget *widget = studio_test_labelled (evidence_list (f), label);
  graphene_rect_t bounds;

  g_assert_true (gtk_widget_get_mapped (widget));
  g_assert_true (gtk_widget_compute_bounds (widget, GTK_WIDGET (f->window), &bounds));
  g_assert_cmpfloat (bounds.origin.x, >=, -0.5f);
  g_assert_cmpfloat (bounds.origin.x + bounds.size.width, <=, gtk_widget_get_width (GTK_WIDGET (f->window)) + 0.5f);
}

/* A row's subtitle: the file's name and what it is evidence for */
static char *
subtitle (const char *file_name,
          const char *what_for)
{
  return g_strdup_printf (_("%s · %s"), file_name, what_for);
}

/* The evidence as the store holds it, in the index's order: title|file|what it is for, and the file's size */
static char *
dump (Fixture *f)
{
  return reslib_test_sql_text (reslib_store_get_db_path (f->store),
                               "SELECT group_concat (e.title || '|' || e.file_name || '|' || "
                               "coalesce (m.title, e.budget_line_id, e.target_id, e.section, '-') || '|' || b.size, ' ') "
                               "FROM "
                               "(SELECT * FROM evidence ORDER BY position) e JOIN blobs b ON b.sha256 = e.blob_sha256 "
                               "LEFT JOIN milestones m ON m.id = e.milestone_id");
}

static void
attach (Fixture    *f,
        const char *name,
        const char *contents,
        const char *title,
        const char *what_for)
{
  StudioPage *page = studio_window_get_page (f->window, "dossier");
  g_autofree char *path = reslib_test_write_file (f->dir, name, contents, -1);
  static guint n_attached;
  g_autofree char *shot = g_strdup_printf ("dossier-evidence-attach-%u", ++n_attached);
  AdwMessageDialog *dialog;

  /* what the file chooser hands over */
  gtk_widget_activate_action (GTK_WIDGET (page), "dossier.attach-evidence-file", "s", path);
  dialog = studio_test_wait_for_dialog ();
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, _("Attach Evidence"));
  /* its button says what it does, as the heading does */
  g_assert_cmpstr (adw_message_dialog_get_response_label (dialog, "add"), ==, _("_Attach"));
  /* the file's name is the title until one is typed */
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (studio_test_labelled (dialog, _("Title")))), ==, name);
  if (title != NULL)
    studio_test_set_text (dialog, _("Title"), title);
  if (what_for != NULL)
    studio_test_choose (dialog, _("Evidence for"), what_for);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (dialog));
  studio_test_save_shot (dialog, shot);
  studio_test_respond (dialog, "add");
  g_assert_true (studio_test_wait_until (no_dialog, NULL, 5000));
}

static void
test_evidence (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *milestone = NULL;
  g_autofree char *target = NULL;
  g_autofree char *line = NULL;
  g_autofree char *value = NULL;
  g_autofree char *choose_milestone = g_strdup_printf (_("Milestone: %s"), "中期检查");
  g_autofree char *choose_target = g_strdup_printf (_("Target: %s"), _("Question bank size"));
  g_autofree char *choose_line = g_strdup_printf (_("Budget line: %s %s"), "2027", "设备购置费");
  g_autofree char *choose_section = g_strdup_printf (_("Section: %s"), _("Foundation"));
  g_autofree char *target_row = NULL;
  g_autofree char *line_row = NULL;
  g_autofree char *section_row = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *for_milestone = g_strdup_printf (_("For the milestone “%s”"), "中期检查");
  g_autofree char *report_row = subtitle ("中期检查报告.pdf", for_milestone);
  g_autofree char *plan_row = subtitle ("建设方案.pdf", _("For the project as a whole"));
  g_autofree char *remove_report = g_strdup_printf (_("Remove “%s”"), "中期检查意见");
  g_autofree char *remove_plan = g_strdup_printf (_("Remove “%s”"), "建设方案.pdf");
  g_autofree char *before = NULL;
  GtkWidget *undo;

  milestone = reslib_test_insert (f->store, RESLIB_KIND_MILESTONE,
                                  (const char * const[]) { "project_id", "title", "due_date", NULL },
                                  (const char * const[]) { f->project, "中期检查", "2027-12-31", NULL });
  target = reslib_test_insert (f->store, RESLIB_KIND_TARGET,
                               (const char * const[]) { "project_id", "kind", "planned", NULL },
                               (const char * const[]) { f->project, "questions", "5000", NULL });
  line = reslib_test_insert (f->store, RESLIB_KIND_BUDGET_LINE,
                             (const char * const[]) { "project_id", "source", "category", "year", NULL },
                             (const char * const[]) { f->project, "财政", "设备购置费", "2027", NULL });
  {
    g_autofree char *for_target = g_strdup_printf (_("For the target “%s”"), _("Question bank size"));
    g_autofree char *for_line = g_strdup_printf (_("For the budget line “%s”"), "设备购置费");
    g_autofree char *for_section = g_strdup_printf (_("For the section “%s”"), _("Foundation"));

    target_row = subtitle ("题库清单.xlsx", for_target);
    line_row = subtitle ("采购合同.pdf", for_line);
    section_row = subtitle ("实训基地照片.jpg", for_section);
  }
  f->window = studio_test_show_window (f->store);
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-page", "s", "dossier");
  studio_test_flush ();
  g_assert_true (studio_test_shows_text (evidence_list (f), _("No evidence")));
  g_assert_true (gtk_widget_get_mapped (studio_test_find_labelled (studio_window_get_page (f->window, "dossier"),
                                                                   _("Attach Evidence"))));

  /* For the milestone, with a title of its own: copied in, listed with its file and milestone */
  attach (f, "中期检查报告.pdf", "%PDF-1.4 中期检查", "中期检查意见", choose_milestone);
  g_assert_true (studio_test_wait_until (list_shows, &(Wanted) { f, "中期检查意见" }, 10000));
  g_assert_true (studio_test_shows_text (evidence_list (f), report_row));
  g_assert_false (studio_test_shows_text (evidence_list (f), _("No evidence")));
  value = dump (f);
  g_assert_cmpstr (value, ==, "中期检查意见|中期检查报告.pdf|中期检查|21");
  g_clear_pointer (&value, g_free);

  /* For the project as a whole, titled by its file's name */
  attach (f, "建设方案.pdf", "%PDF-1.4 建设方案", NULL, NULL);
  g_assert_true (studio_test_wait_until (list_shows, &(Wanted) { f, plan_row }, 10000));
  value = dump (f);
  g_assert_nonnull (strstr (value, "建设方案.pdf|建设方案.pdf|-|"));
  g_assert_nonnull (strstr (value, "中期检查意见|中期检查报告.pdf|中期检查|21"));
  g_clear_pointer (&value, g_free);

  /* For a target, a budget line and a narrative section of the reports: each row names what it is for, and the
   * store holds the one column that says so */
  attach (f, "题库清单.xlsx", "题库", NULL, choose_target);
  g_assert_true (studio_test_wait_until (list_shows, &(Wanted) { f, target_row }, 10000));
  attach (f, "采购合同.pdf", "%PDF-1.4 合同", NULL, choose_line);
  g_assert_true (studio_test_wait_until (list_shows, &(Wanted) { f, line_row }, 10000));
  attach (f, "实训基地照片.jpg", "照片", NULL, choose_section);
  g_assert_true (studio_test_wait_until (list_shows, &(Wanted) { f, section_row }, 10000));
  value = dump (f);
  expected = g_strdup_printf ("中期检查意见|中期检查报告.pdf|中期检查|21 建设方案.pdf|建设方案.pdf|-|21 "
                              "题库清单.xlsx|题库清单.xlsx|%s|6 采购合同.pdf|采购合同.pdf|%s|15 "
                              "实训基地照片.jpg|实训基地照片.jpg|foundation|6", target, line);
  g_assert_cmpstr (value, ==, expected);
  g_clear_pointer (&value, g_free);
  value = reslib_test_sql_text (reslib_store_get_db_path (f->store),
                                "SELECT group_concat ((milestone_id IS NOT NULL) || (target_id IS NOT NULL) || "
                                "(budget_line_id IS NOT NULL) || (section IS NOT NULL), ' ') "
                                "FROM (SELECT * FROM evidence ORDER BY position)");
  g_assert_cmpstr (value, ==, "1000 0000 0100 0010 0001");
  g_clear_pointer (&value, g_free);
  studio_test_save_shot (gtk_widget_get_ancestor (evidence_list (f), ADW_TYPE_PREFERENCES_GROUP), "dossier-evidence");

  /* At a phone's width (360 px) each row's Remove is inside the window, not pushed past its edge */
  gtk_window_set_default_size (GTK_WINDOW (f->window), NARROW_WIDTH, 640);
  g_assert_true (studio_test_wait_until (window_narrow, f->window, 5000));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (f->window));
  assert_inside (f, remove_report);
  assert_inside (f, remove_plan);
  studio_test_save_shot (gtk_widget_get_ancestor (evidence_list (f), ADW_TYPE_PREFERENCES_GROUP), "dossier-evidence-360");

  /* Each Remove is named by its file's title */
  g_assert_nonnull (studio_test_find_labelled (evidence_list (f), remove_report));
  g_assert_nonnull (studio_test_find_labelled (evidence_list (f), remove_plan));
  g_assert_false (studio_test_find_labelled (evidence_list (f), remove_report) ==
                  studio_test_find_labelled (evidence_list (f), remove_plan));
  before = dump (f);

  /* Removed: out of the store's index and of the list, with a toast whose Undo puts it back */
  studio_test_click (evidence_list (f), remove_report);
  g_assert_true (studio_test_wait_until (list_shows, &(Wanted) { f, plan_row }, 5000));
  g_assert_false (studio_test_shows_text (evidence_list (f), "中期检查意见"));
  g_assert_null (studio_test_find_labelled (evidence_list (f), remove_report));
  value = dump (f);
  g_assert_nonnull (value);
  g_assert_null (strstr (value, "中期检查意见"));
  g_assert_nonnull (strstr (value, "建设方案.pdf|建设方案.pdf|-|"));
  g_clear_pointer (&value, g_free);
  undo = studio_test_find_button (f->window, _("_Undo"));
  if (undo == NULL)
    g_error ("No Undo button is shown");
  g_signal_emit_by_name (undo, "clicked");
  studio_test_flush ();
  g_assert_true (studio_test_wait_until (list_shows, &(Wanted) { f, report_row }, 5000));
  value = dump (f);
  g_assert_cmpstr (value, ==, before);
  g_clear_pointer (&value, g_free);

  /* The window's Redo removes it again, its Undo (Ctrl+Z) brings it back */
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.redo", NULL);
  studio_test_flush ();
  g_assert_true (studio_test_wait_until (list_lacks, &(Wanted) { f, "中期检查意见" }, 5000));
  value = dump (f);
  g_assert_null (strstr (value, "中期检查意见"));
  g_clear_pointer (&value, g_free);
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.undo", NULL);
  studio_test_flush ();
  g_assert_true (studio_test_wait_until (list_shows, &(Wanted) { f, report_row }, 5000));
  value = dump (f);
  g_assert_cmpstr (value, ==, before);
}

int
main (int   argc,
      char *argv[])
{
  if (!studio_test_init (&argc, &argv))
    return 0;

  g_test_add ("/studio/dossier/evidence", Fixture, PROJECT, studio_test_fixture_set_up, test_evidence, studio_test_fixture_tear_down);

  return studio_test_run ();
}
