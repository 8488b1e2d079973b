/* test-review-levels.c — the Review page's two-level review: the reviewer and the checklist in the decision,
 * which review a resource waits for, and the review log's export; in process, against a temporary store
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "reslib-store-review.h"
#include "studio-review-page.h"
#include "studio-session.h"
#include "studio-test-utils.h"

typedef struct
{
  char        *dir;
  ReslibStore *store;
  char        *project;
  char        *host;
  char        *partner;
  char        *host_member;
  char        *partner_member;
  char        *resource;      /* the participant's, submitted */
} Fixture;

static char *
insert (Fixture            *f,
        ReslibKind          kind,
        const char * const *fields,
        const char * const *values)
{
  return reslib_test_insert (f->store, kind, fields, values);
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *data_dir = NULL;
  g_autoptr(GPtrArray) ids = NULL;
  g_autoptr(GError) error = NULL;

  f->dir = reslib_test_make_tmp_dir ("reslib-review-levels-XXXXXX");
  data_dir = g_build_filename (f->dir, "data", NULL);
  f->store = reslib_test_open_store (data_dir);
  f->project = reslib_test_new_project (f->store, "两级审核资源库");
  f->host = insert (f, RESLIB_KIND_UNIT, (const char * const[]) { "project_id", "name", "kind", "role", "host_rank", NULL },
                    (const char * const[]) { f->project, "河南示范职业技术学院", "higher-vocational", "host", "1" });
  f->partner = insert (f, RESLIB_KIND_UNIT, (const char * const[]) { "project_id", "name", "kind", "role", NULL },
                       (const char * const[]) { f->project, "河南精工数控机床有限公司", "enterprise", "participant" });
  f->host_member = insert (f, RESLIB_KIND_MEMBER, (const char * const[]) { "project_id", "unit_id", "name", NULL },
                           (const char * const[]) { f->project, f->host, "王建华" });
  f->partner_member = insert (f, RESLIB_KIND_MEMBER, (const char * const[]) { "project_id", "unit_id", "name", NULL },
                              (const char * const[]) { f->project, f->partner, "孙工" });
  reslib_test_fill_resources (f->store, f->project, 1, TRUE);
  ids = reslib_store_list_resource_ids (f->store, f->project, &error);
  g_assert_no_error (error);
  f->resource = g_strdup (g_ptr_array_index (ids, 0));
  reslib_test_update (f->store, RESLIB_KIND_RESOURCE, f->resource, "unit_id", f->partner);
  g_assert_true (reslib_store_review (f->store, (const char * const[]) { f->resource, NULL }, RESLIB_REVIEW_SUBMIT,
                                      NULL, &error));
  g_assert_no_error (error);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_object (&f->store);
  reslib_test_rm_rf (f->dir);
  g_free (f->dir);
  g_free (f->project);
  g_free (f->host);
  g_free (f->partner);
  g_free (f->host_member);
  g_free (f->partner_member);
  g_free (f->resource);
}

static char *
state_of (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ReslibRecord) resource = reslib_store_get (f->store, RESLIB_KIND_RESOURCE, f->resource, &error);

  g_assert_no_error (error);
  return g_strdup (reslib_record_get (resource, "state"));
}

/* Chooses the reviewer whose item in the drop-down starts with @name. */
static void
choose_reviewer (StudioWindow *window,
                 const char   *name)
{
  GtkDropDown *dropdown = studio_test_page_child (window, "review", "reviewer_dropdown");
  GListModel *model = gtk_drop_down_get_model (dropdown);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(GtkStringObject) item = g_list_model_get_item (model, i);

      if (g_str_has_prefix (gtk_string_object_get_string (item), name))
        {
          gtk_drop_down_set_selected (dropdown, i);
          studio_test_flush ();
          return;
        }
    }
  g_error ("No reviewer “%s” to choose", name);
}

static void
check_all (StudioWindow *window,
           gboolean      all)
{
  gtk_check_button_set_active (studio_test_page_child (window, "review", "political_check"), TRUE);
  gtk_check_button_set_active (studio_test_page_child (window, "review", "scientific_check"), TRUE);
  gtk_check_button_set_active (studio_test_page_child (window, "review", "copyright_check"), all);
}

static const char *
level_text (StudioWindow *window)
{
  GtkLabel *label = studio_test_page_child (window, "review", "level_label");

  return gtk_widget_get_visible (GTK_WIDGET (label)) ? gtk_label_get_text (label) : "";
}

static void
count_error_cb (StudioSession *session,
                const char    *heading,
                const GError  *error,
                guint         *n)
{
  g_test_message ("%s: %s", heading, error != NULL ? error->message : "");
  (*n)++;
}

typedef struct
{
  int      state;   /* 0 running, 1 written, -1 failed */
  GError  *error;
} Export;

static void
exported_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      data)
{
  Export *export = data;

  export->state = studio_review_page_export_log_to_file_finish (result, &export->error) ? 1 : -1;
}

static gboolean
export_done (gpointer data)
{
  return ((Export *) data)->state != 0;
}

static void
test_levels (Fixture       *f,
             gconstpointer  data)
{
  StudioWindow *window = studio_test_show_window (f->store);
  StudioSession *session = studio_window_get_session (window);
  StudioPage *page;
  g_autofree char *state = NULL;
  g_autofree char *csv = g_build_filename (f->dir, "审核记录.csv", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (csv);
  g_autoptr(GPtrArray) log = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  Export export = { 0, NULL };
  guint errors = 0;

  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  page = studio_window_get_page (window, "review");
  studio_window_show_page (window, "review");
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  studio_test_flush ();
  /* (in English: the pictures of another language skip this) */
  for (const char **l = (const char *[]) { "Reviewer", "Export Review Log", NULL };
       *l != NULL && g_getenv ("STUDIO_TEST_SHOT_LOCALE") == NULL; l++)
    if (studio_test_find_labelled (page, *l) == NULL)
      g_error ("The Review page has nothing labelled “%s”", *l);

  /* The participant's resource waits for its unit's review; the checklist is off for this library */
  g_assert_nonnull (strstr (level_text (window), "河南精工数控机床有限公司"));
  g_assert_false (gtk_widget_get_sensitive (studio_test_page_child (window, "review", "checklist_box")));
  studio_test_save_shot (window, "review-levels-unit");

  /* The first host cannot approve it first: the error says why, nothing changes */
  g_signal_connect (session, "show-error", G_CALLBACK (count_error_cb), &errors);
  choose_reviewer (window, "王建华");
  g_assert_true (gtk_widget_get_sensitive (studio_test_page_child (window, "review", "checklist_box")));
  check_all (window, TRUE);
  gtk_widget_activate_action (GTK_WIDGET (page), "review.approve", NULL);
  studio_test_flush ();
  g_assert_cmpuint (errors, ==, 1);
  state = state_of (f);
  g_assert_cmpstr (state, ==, "in-review");
  g_clear_pointer (&state, g_free);

  /* Its unit's member, without the whole checklist: refused; with it: passed, still in review */
  choose_reviewer (window, "孙工");
  check_all (window, FALSE);
  gtk_widget_activate_action (GTK_WIDGET (page), "review.approve", NULL);
  studio_test_flush ();
  g_assert_cmpuint (errors, ==, 2);
  check_all (window, TRUE);
  gtk_widget_activate_action (GTK_WIDGET (page), "review.approve", NULL);
  studio_test_flush ();
  g_assert_cmpuint (errors, ==, 2);
  state = state_of (f);
  g_assert_cmpstr (state, ==, "in-review");
  g_clear_pointer (&state, g_free);
  /* The checklist is cleared for the next decision; the resource now waits for the first host */
  g_assert_false (gtk_check_button_get_active (studio_test_page_child (window, "review", "political_check")));
  g_assert_cmpstr (level_text (window), !=, "");
  g_assert_null (strstr (level_text (window), "河南精工数控机床有限公司"));
  choose_reviewer (window, "王建华");
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  studio_test_save_shot (window, "review-levels-host");

  check_all (window, TRUE);
  gtk_widget_activate_action (GTK_WIDGET (page), "review.approve", NULL);
  studio_test_flush ();
  g_assert_cmpuint (errors, ==, 2);
  state = state_of (f);
  g_assert_cmpstr (state, ==, "approved");

  log = reslib_store_list_review_log (f->store, f->project, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (log->len, ==, 2);
  g_assert_cmpint (((ReslibReviewDecision *) g_ptr_array_index (log, 0))->level, ==, RESLIB_REVIEW_LEVEL_UNIT);
  g_assert_cmpstr (((ReslibReviewDecision *) g_ptr_array_index (log, 1))->reviewer, ==, "王建华");
  g_assert_cmpint (((ReslibReviewDecision *) g_ptr_array_index (log, 1))->checks, ==, RESLIB_REVIEW_CHECK_ALL);

  /* The review log, exported as the button's dialog would after its choice */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "review.export-log", NULL));
  studio_test_flush ();
  {
    GListModel *toplevels = gtk_window_get_toplevels ();

    for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
      {
        g_autoptr(GObject) item = g_list_model_get_item (toplevels, i);

        if (GTK_IS_FILE_CHOOSER (item))
          {
            g_autofree char *current = gtk_file_chooser_get_current_name (GTK_FILE_CHOOSER (item));

            /* "两级审核资源库 Review Log.xlsx" in English */
            g_assert_true (g_str_has_prefix (current, "两级审核资源库 "));
            g_assert_true (g_str_has_suffix (current, ".xlsx"));
            G_GNUC_BEGIN_IGNORE_DEPRECATIONS
            gtk_dialog_response (GTK_DIALOG (item), GTK_RESPONSE_CANCEL);
            G_GNUC_END_IGNORE_DEPRECATIONS
          }
      }
  }
  studio_test_flush ();
  studio_review_page_export_log_to_file (STUDIO_REVIEW_PAGE (page), file, RESLIB_OUTPUT_NONE, exported_cb, &export);
  g_assert_true (studio_test_wait_until (export_done, &export, 60000));
  g_assert_no_error (export.error);
  g_assert_cmpint (export.state, ==, 1);
  g_assert_true (g_file_get_contents (csv, &contents, NULL, &error));
  /* "Unit review,河南精工数控机床有限公司,孙工,Approved,Passed,Passed,Passed" in English */
  g_assert_nonnull (strstr (contents, ",河南精工数控机床有限公司,孙工,"));
  g_assert_nonnull (strstr (contents, ",河南示范职业技术学院,王建华,"));
  g_assert_null (strstr (strstr (contents, "\r\n") + 2, ",,,"));   /* the checklist is filled in every row */

  studio_test_close_window (window);
}

int
main (int   argc,
      char *argv[])
{
  if (!studio_test_init (&argc, &argv))
    return 0;

  g_test_add ("/studio/review/levels", Fixture, NULL, fixture_setup, test_levels, fixture_teardown);

  return studio_test_run ();
}
