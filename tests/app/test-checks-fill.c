/* test-checks-fill.c — Fill In… on the Checks page: the metadata group's row offers it when resources
 * lack a description or keywords; what is entered goes only where it is missing, in one step that
 * Undo takes back, and checking again finds nothing of it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "reslib-importer.h"
#include "reslib-store-resource-rows.h"
#include "studio-check-group.h"
#include "studio-checks-page.h"
#include "studio-test-utils.h"

static gboolean
checks_done_cb (gpointer data)
{
  return !studio_checks_page_is_running (data) && studio_checks_page_get_findings (data) != NULL;
}

static StudioChecksPage *
run_checks (StudioTestFixture *f)
{
  StudioChecksPage *checks = STUDIO_CHECKS_PAGE (studio_window_get_page (f->window, "checks"));

  studio_checks_page_run (checks);
  g_assert_true (studio_test_wait_until (checks_done_cb, checks, 60000));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (f->window));
  studio_test_flush ();
  return checks;
}

/* How many findings of the last check are about @field of a resource */
static guint
missing (StudioChecksPage *checks,
         const char       *field)
{
  GListModel *findings = studio_checks_page_get_findings (checks);
  guint n = 0;

  for (guint i = 0; i < g_list_model_get_n_items (findings); i++)
    {
      g_autoptr(ReslibFinding) finding = g_list_model_get_item (findings, i);

      if (g_str_equal (reslib_finding_get_rule (finding), "resource.metadata") &&
          g_strcmp0 (reslib_finding_get_field (finding), field) == 0)
        n++;
    }
  return n;
}

static ReslibRecord *
get (StudioTestFixture *f,
     const char        *id)
{
  g_autoptr(GError) error = NULL;
  ReslibRecord *record = reslib_store_get (f->store, RESLIB_KIND_RESOURCE, id, &error);

  g_assert_no_error (error);
  return record;
}

/* A text file imported as a resource (the checks read its file), with @field set to @value */
static char *
add (StudioTestFixture *f,
     const char        *title,
     const char        *field,
     const char        *value)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *name = g_strconcat (title, ".txt", NULL);
  g_autofree char *path = reslib_test_write_file (f->dir, name, title, -1);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(ReslibImporter) importer = reslib_importer_new (f->store, f->project);
  char *id;

  reslib_importer_add_file (importer, file);
  g_assert_true (reslib_job_run (RESLIB_JOB (importer), NULL, &error));
  g_assert_no_error (error);
  id = g_strdup (reslib_importer_get_resource_ids (importer)[0]);
  if (field != NULL)
    g_assert_true (reslib_store_update_resources (f->store, (const char * const[]) { id, NULL },
                                                  (const char * const[]) { field, NULL },
                                                  (const char * const[]) { value, NULL }, &error));
  g_assert_no_error (error);
  return id;
}

static void
test_fill_in (StudioTestFixture *f,
              gconstpointer      data)
{
  g_autofree char *described = add (f, "有简介的微课", "description", "原有简介");
  g_autofree char *tagged = add (f, "有关键词的课件", "keywords", "原有关键词");
  g_autofree char *bare = add (f, "什么都没填的动画", NULL, NULL);
  StudioChecksPage *checks;
  GtkWidget *button;
  AdwMessageDialog *dialog;
  g_autofree char *heading = NULL;

  f->window = studio_test_show_window (f->store);
  studio_window_show_page (f->window, "checks");
  checks = run_checks (f);
  g_assert_cmpuint (missing (checks, "description"), ==, 2);
  g_assert_cmpuint (missing (checks, "keywords"), ==, 2);

  /* The metadata group's row has the button; it asks, saying how many resources lack either. */
  button = studio_test_find_button (f->window, "_Fill In…");
  g_assert_nonnull (button);
  g_signal_emit_by_name (button, "clicked");
  dialog = studio_test_wait_for_dialog ();
  g_object_get (dialog, "heading", &heading, NULL);
  g_assert_cmpstr (heading, ==, "Fill In the Descriptions and Keywords of 3 Resources?");
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "apply"));
  gtk_editable_set_text (g_object_get_data (G_OBJECT (dialog), "description"), "  补充的简介 ");
  gtk_editable_set_text (g_object_get_data (G_OBJECT (dialog), "keywords"), "工业机器人, 示教");
  g_assert_true (adw_message_dialog_get_response_enabled (dialog, "apply"));
  studio_test_respond (dialog, "apply");
  studio_test_flush ();

  {
    g_autoptr(ReslibRecord) d = get (f, described);
    g_autoptr(ReslibRecord) t = get (f, tagged);
    g_autoptr(ReslibRecord) b = get (f, bare);

    /* Where there was one, it stays. */
    g_assert_cmpstr (reslib_record_get (d, "description"), ==, "原有简介");
    g_assert_cmpstrv (reslib_record_get_list (t, "keywords"), ((const char * const[]) { "原有关键词", NULL }));
    g_assert_cmpstr (reslib_record_get (t, "description"), ==, "补充的简介");
    g_assert_cmpstr (reslib_record_get (b, "description"), ==, "补充的简介");
    g_assert_cmpstrv (reslib_record_get_list (d, "keywords"), ((const char * const[]) { "工业机器人", "示教", NULL }));
    g_assert_cmpstrv (reslib_record_get_list (b, "keywords"), ((const char * const[]) { "工业机器人", "示教", NULL }));
  }
  checks = run_checks (f);
  g_assert_cmpuint (missing (checks, "description"), ==, 0);
  g_assert_cmpuint (missing (checks, "keywords"), ==, 0);
  g_assert_null (studio_test_find_button (f->window, "_Fill In…"));

  /* One step: one Undo puts all of it back. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (checks), "win.undo", NULL));
  studio_test_flush ();
  {
    g_autoptr(ReslibRecord) d = get (f, described);
    g_autoptr(ReslibRecord) t = get (f, tagged);
    g_autoptr(ReslibRecord) b = get (f, bare);

    g_assert_cmpstr (reslib_record_get (d, "description"), ==, "原有简介");
    g_assert_null (reslib_record_get (t, "description"));
    g_assert_null (reslib_record_get (b, "description"));
    g_assert_null (reslib_record_get_list (d, "keywords")[0]);
    g_assert_cmpstrv (reslib_record_get_list (t, "keywords"), ((const char * const[]) { "原有关键词", NULL }));
    g_assert_null (reslib_record_get_list (b, "keywords")[0]);
  }
  checks = run_checks (f);
  g_assert_cmpuint (missing (checks, "description"), ==, 2);
  g_assert_cmpuint (missing (checks, "keywords"), ==, 2);
}

int
main (int   argc,
      char *argv[])
{
  if (!studio_test_init (&argc, &argv))
    return 0;

  g_test_add ("/studio/checks/fill-in", StudioTestFixture, "补全测试", studio_test_fixture_set_up, test_fill_in,
              studio_test_fixture_tear_down);

  return studio_test_run ();
}
