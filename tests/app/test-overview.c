/* test-overview.c — Overview page: statistics, charts, reports, in process, against a temporary store
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "reslib-store-stats.h"
#include "studio-chart.h"
#include "studio-overview-page.h"
#include "studio-report-private.h"
#include "studio-test-utils.h"

typedef struct
{
  char        *dir;
  ReslibStore *store;
  char        *project;
  GPtrArray   *points;     /* node ids */
  guint        n_added;
} Fixture;

static const char * const types[] = { "video", "text", "text", "slides", "image", "video", "exercise" };

static char *
insert (Fixture            *f,
        ReslibKind          kind,
        const char * const *fields,
        const char * const *values)
{
  g_autoptr(GError) error = NULL;
  char *id = reslib_store_insert (f->store, kind, fields, values, &error);

  g_assert_no_error (error);
  g_assert_nonnull (id);
  return id;
}

static char *
add_resource (Fixture    *f,
              const char *type,
              const char *state)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *seed = g_strdup_printf ("overview-%u", f->n_added);
  g_autofree char *sha = g_compute_checksum_for_string (G_CHECKSUM_SHA256, seed, -1);
  g_autofree char *title = g_strdup_printf ("资源 %u", f->n_added);
  gboolean existed;

  f->n_added++;
  g_assert_true (_reslib_store_add_blob (f->store, sha, 100, "text/plain", &existed, &error));
  g_assert_no_error (error);
  return insert (f, RESLIB_KIND_RESOURCE,
                 (const char * const[]) { "project_id", "blob_sha256", "file_name", "title", "type", "state", NULL },
                 (const char * const[]) { f->project, sha, "file.txt", title, type, state });
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *data_dir = NULL;

  f->dir = reslib_test_make_tmp_dir ("reslib-overview-XXXXXX");
  data_dir = g_build_filename (f->dir, "data", NULL);
  f->store = reslib_test_open_store (data_dir);
  f->project = reslib_test_new_project (f->store, "页面测试资源库");
  f->points = g_ptr_array_new_with_free_func (g_free);
}

/* Units, a member, two courses with points, nine resources, some linked and approved. */
static void
fill (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *host = NULL;
  g_autofree char *course_a = NULL;
  g_autofree char *course_b = NULL;

  host = insert (f, RESLIB_KIND_UNIT, (const char * const[]) { "project_id", "name", "kind", "role", "host_rank", NULL },
                 (const char * const[]) { f->project, "河南工业职业技术学院", "higher-vocational", "host", "1" });
  g_free (insert (f, RESLIB_KIND_UNIT, (const char * const[]) { "project_id", "name", "kind", "role", NULL },
                  (const char * const[]) { f->project, "郑州职业技术学院", "higher-vocational", "participant" }));
  g_free (insert (f, RESLIB_KIND_UNIT, (const char * const[]) { "project_id", "name", "kind", "role", NULL },
                  (const char * const[]) { f->project, "宇通客车股份有限公司", "enterprise", "participant" }));
  g_free (insert (f, RESLIB_KIND_MEMBER, (const char * const[]) { "project_id", "unit_id", "name", NULL },
                  (const char * const[]) { f->project, host, "张伟" }));
  course_a = insert (f, RESLIB_KIND_COURSE, (const char * const[]) { "project_id", "title", NULL },
                     (const char * const[]) { f->project, "数控加工编程" });
  course_b = insert (f, RESLIB_KIND_COURSE, (const char * const[]) { "project_id", "title", "kind", NULL },
                     (const char * const[]) { f->project, "数控机床维护实训", "training" });
  for (guint i = 0; i < 6; i++)
    {
      g_autofree char *title = g_strdup_printf ("知识点 %u", i);

      g_ptr_array_add (f->points, insert (f, RESLIB_KIND_NODE,
                                          (const char * const[]) { "project_id", "course_id", "kind", "title", NULL },
                                          (const char * const[]) { f->project, i < 4 ? course_a : course_b,
                                                                   i % 2 ? "skill" : "knowledge", title }));
    }
  for (guint i = 0; i < 9; i++)
    {
      g_autofree char *id = add_resource (f, types[i % G_N_ELEMENTS (types)], "draft");

      if (i < 5)
        {
          g_assert_true (reslib_store_set_list (f->store, id, "nodes",
                                                (const char * const[]) { g_ptr_array_index (f->points, i % 3), NULL },
                                                &error));
          g_assert_no_error (error);
        }
      /* Approved after its points are linked: a change to an approved resource sends it back to review. */
      if (i % 3 == 0)
        {
          g_assert_true (reslib_store_review (f->store, (const char * const[]) { id, NULL }, RESLIB_REVIEW_SUBMIT,
                                              NULL, &error));
          g_assert_true (reslib_store_review (f->store, (const char * const[]) { id, NULL }, RESLIB_REVIEW_APPROVE,
                                              NULL, &error));
          g_assert_no_error (error);
        }
    }
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_object (&f->store);
  reslib_test_rm_rf (f->dir);
  g_free (f->dir);
  g_free (f->project);
  g_ptr_array_unref (f->points);
}

static guint
sql_count (Fixture    *f,
           const char *sql)
{
  g_autofree char *text = reslib_test_sql_text (reslib_store_get_db_path (f->store), sql);

  return text != NULL ? (guint) g_ascii_strtoull (text, NULL, 10) : 0;
}

/* The value shown on the stat card whose caption is @caption. */
static char *
card_value (StudioWindow *window,
            const char   *caption)
{
  GtkWidget *box = studio_test_page_child (window, "overview", "stats_box");

  for (GtkWidget *child = gtk_widget_get_first_child (box); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *card = gtk_flow_box_child_get_child (GTK_FLOW_BOX_CHILD (child));
      GtkWidget *value = gtk_widget_get_first_child (card);
      GtkWidget *label = gtk_widget_get_next_sibling (value);

      if (g_strcmp0 (gtk_label_get_text (GTK_LABEL (label)), caption) == 0)
        return g_strdup (gtk_label_get_text (GTK_LABEL (value)));
    }
  g_error ("No stat card “%s”", caption);
}

static void
assert_card (StudioWindow *window,
             const char   *caption,
             guint         expected)
{
  g_autofree char *text = card_value (window, caption);
  g_autofree char *want = g_strdup_printf ("%u", expected);

  g_assert_cmpstr (text, ==, want);
}

static void
assert_described (StudioChart *chart)
{
  g_autofree char *description = studio_chart_describe (chart);
  g_autofree char *mismatch = gtk_test_accessible_check_property (GTK_ACCESSIBLE (chart),
                                                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description);

  g_assert_null (mismatch);
}

static void
test_shown (Fixture       *f,
            gconstpointer  data)
{
  StudioWindow *window;
  StudioChart *type_chart, *course_chart, *points_chart, *monthly_chart;
  g_autoptr(GError) error = NULL;
  g_autoptr(ReslibProjectStats) stats = NULL;
  g_autoptr(GArray) months = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *this_month = g_date_time_format (now, "%Y-%m");

  fill (f);
  stats = reslib_store_get_project_stats (f->store, f->project, &error);
  g_assert_no_error (error);
  window = studio_test_show_window (f->store);
  studio_window_show_page (window, "overview");
  studio_test_flush ();
  g_assert_cmpstr (studio_window_get_project_id (window), ==, f->project);

  /* The stat cards: the store-stats functions and SQL agree with what is shown. */
  assert_card (window, "Resources", stats->n_resources);
  assert_card (window, "Resources", sql_count (f, "SELECT count (*) FROM resources"));
  assert_card (window, "Courses", 2);
  assert_card (window, "Knowledge and skill points", stats->n_points);
  assert_card (window, "Knowledge and skill points",
               sql_count (f, "SELECT count (*) FROM course_nodes WHERE kind IN ('knowledge', 'skill')"));
  assert_card (window, "Units", 3);
  assert_card (window, "Team members", 1);

  /* Resources by type: every type, with the store's counts. */
  type_chart = studio_test_page_child (window, "overview", "type_chart");
  g_assert_cmpuint (studio_chart_get_n_bars (type_chart), ==, g_strv_length ((char **) reslib_resource_types));
  for (guint i = 0; reslib_resource_types[i] != NULL; i++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT count (*) FROM resources WHERE type = '%s'", reslib_resource_types[i]);

      g_assert_cmpstr (studio_chart_get_label (type_chart, i), ==, reslib_label_resource_type (reslib_resource_types[i]));
      g_assert_cmpfloat (studio_chart_get_value (type_chart, i, 0), ==,
                         GPOINTER_TO_UINT (g_hash_table_lookup (stats->by_type, reslib_resource_types[i])));
      g_assert_cmpfloat (studio_chart_get_value (type_chart, i, 0), ==, sql_count (f, sql));
    }
  assert_described (type_chart);

  /* Per course: resources, and points with and without resources. */
  course_chart = studio_test_page_child (window, "overview", "course_chart");
  points_chart = studio_test_page_child (window, "overview", "points_chart");
  g_assert_cmpuint (studio_chart_get_n_bars (course_chart), ==, 2);
  g_assert_cmpuint (studio_chart_get_n_bars (points_chart), ==, 2);
  for (guint i = 0; i < stats->courses->len; i++)
    {
      ReslibCourseStats *course = g_ptr_array_index (stats->courses, i);
      g_autofree char *sql_resources =
        g_strdup_printf ("SELECT count (DISTINCT rn.resource_id) FROM resource_nodes rn JOIN course_nodes n "
                         "ON n.id = rn.node_id WHERE n.course_id = '%s'", course->id);
      g_autofree char *sql_points =
        g_strdup_printf ("SELECT count (*) FROM course_nodes WHERE course_id = '%s' AND kind IN ('knowledge', 'skill')",
                         course->id);
      g_autofree char *sql_linked =
        g_strdup_printf ("SELECT count (*) FROM course_nodes n WHERE course_id = '%s' AND kind IN ('knowledge', 'skill') "
                         "AND EXISTS (SELECT 1 FROM resource_nodes rn WHERE rn.node_id = n.id)", course->id);

      g_assert_cmpstr (studio_chart_get_label (course_chart, i), ==, course->title);
      g_assert_cmpfloat (studio_chart_get_value (course_chart, i, 0), ==, course->n_resources);
      g_assert_cmpfloat (studio_chart_get_value (course_chart, i, 0), ==, sql_count (f, sql_resources));
      g_assert_cmpfloat (studio_chart_get_value (points_chart, i, 0), ==, sql_count (f, sql_linked));
      g_assert_cmpfloat (studio_chart_get_value (points_chart, i, 0) + studio_chart_get_value (points_chart, i, 1), ==,
                         sql_count (f, sql_points));
    }
  /* Course A has points 0..3, of which 0, 1, 2 have resources; course B points 4, 5 without. */
  g_assert_cmpfloat (studio_chart_get_value (points_chart, 0, 0), ==, 3);
  g_assert_cmpfloat (studio_chart_get_value (points_chart, 0, 1), ==, 1);
  g_assert_cmpfloat (studio_chart_get_value (points_chart, 1, 0), ==, 0);
  g_assert_cmpfloat (studio_chart_get_value (points_chart, 1, 1), ==, 2);
  assert_described (points_chart);

  /* Monthly additions: 12 months up to this one; all nine resources were added this month. */
  monthly_chart = studio_test_page_child (window, "overview", "monthly_chart");
  months = reslib_store_count_monthly_additions (f->store, f->project, NULL, 12, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (studio_chart_get_n_bars (monthly_chart), ==, 12);
  g_assert_cmpstr (studio_chart_get_label (monthly_chart, 11), ==, this_month);
  for (guint i = 0; i < 12; i++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT count (*) FROM resources WHERE substr (created_at, 1, 7) = '%s'",
                                              studio_chart_get_label (monthly_chart, i));

      g_assert_cmpfloat (studio_chart_get_value (monthly_chart, i, 0), ==,
                         g_array_index (months, ReslibMonthCount, i).count);
      g_assert_cmpfloat (studio_chart_get_value (monthly_chart, i, 0), ==, sql_count (f, sql));
    }
  g_assert_cmpfloat (studio_chart_get_value (monthly_chart, 11, 0), ==, 9);

  /* Targets: points with resources and approved resources, "N of M". */
  g_assert_cmpstr (adw_action_row_get_subtitle (studio_test_page_child (window, "overview", "points_target_row")), ==,
                   "3 of 6");
  g_assert_cmpfloat (gtk_level_bar_get_value (studio_test_page_child (window, "overview", "points_target_bar")), ==, 3);
  g_assert_cmpstr (adw_action_row_get_subtitle (studio_test_page_child (window, "overview", "approved_target_row")), ==,
                   "3 of 9");
  g_assert_cmpuint (sql_count (f, "SELECT count (*) FROM resources WHERE state = 'approved'"), ==, 3);
  /* No baseline: shown as missing, not guessed. */
  g_assert_false (gtk_widget_get_visible (studio_test_page_child (window, "overview", "upkeep_target_bar")));
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (studio_test_page_child (window, "overview",
                                                                                  "upkeep_target_row")), "baseline"));
  g_assert_cmpstr (adw_action_row_get_subtitle (studio_test_page_child (window, "overview", "last_check_row")), ==,
                   "Not checked yet");

  /* The report buttons */
  {
    /* the button, not the Dossier page's row in the sidebar */
    GtkWidget *dossier = studio_test_find_labelled (window, "Dossier");

    g_assert_true (GTK_IS_BUTTON (dossier));
    g_assert_cmpstr (g_variant_get_string (gtk_actionable_get_action_target_value (GTK_ACTIONABLE (dossier)), NULL), ==,
                     "dossier");
  }
  g_assert_nonnull (studio_test_find_labelled (window, "Progress Report"));
  g_assert_nonnull (studio_test_find_labelled (window, "Acceptance Report"));

  studio_test_close_window (window);
}

static gboolean
shows_resources (gpointer data)
{
  StudioWindow *window = data;
  g_autofree char *text = card_value (window, "Resources");

  return g_strcmp0 (text, "10") == 0;
}

static gboolean
shows_last_check (gpointer data)
{
  StudioWindow *window = data;

  return strstr (adw_action_row_get_subtitle (studio_test_page_child (window, "overview", "last_check_row")),
                 "errors: 2") != NULL;
}

static void
test_updates (Fixture       *f,
              gconstpointer  data)
{
  StudioWindow *window;
  StudioChart *type_chart;
  g_autofree char *id = NULL;
  ReslibCheckRun run = { .profile_id = (char *) "test", .checked_at = (char *) "2026-01-02T03:04:05Z",
                         .n_errors = 2, .n_warnings = 5, .n_notes = 1 };
  g_autoptr(GError) error = NULL;
  guint text_index = 0;
  double before;

  fill (f);
  window = studio_test_show_window (f->store);
  studio_window_show_page (window, "overview");
  studio_test_flush ();
  type_chart = studio_test_page_child (window, "overview", "type_chart");
  while (!g_str_equal (reslib_resource_types[text_index], "text"))
    text_index++;
  before = studio_chart_get_value (type_chart, text_index, 0);
  g_assert_cmpfloat (before, ==, 3);

  id = add_resource (f, "text", "draft");
  g_assert_true (studio_test_wait_until (shows_resources, window, 5000));
  g_assert_cmpfloat (studio_chart_get_value (type_chart, text_index, 0), ==, before + 1);
  g_assert_cmpfloat (studio_chart_get_value (type_chart, text_index, 0), ==,
                     sql_count (f, "SELECT count (*) FROM resources WHERE type = 'text'"));
  g_assert_cmpfloat (studio_chart_get_value (studio_test_page_child (window, "overview", "monthly_chart"), 11, 0), ==, 10);
  g_assert_cmpstr (adw_action_row_get_subtitle (studio_test_page_child (window, "overview", "approved_target_row")), ==,
                   "3 of 10");

  /* The last check, once the store has one (the Checks page records each run there) */
  run.project_id = f->project;
  g_assert_true (reslib_store_add_check_run (f->store, &run, &error));
  g_assert_no_error (error);
  g_assert_true (studio_test_wait_until (shows_last_check, window, 5000));
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (studio_test_page_child (window, "overview", "last_check_row")),
                            "warnings: 5, notes: 1"));

  studio_test_close_window (window);
}

static void
test_empty (Fixture       *f,
            gconstpointer  data)
{
  StudioWindow *window = studio_test_show_window (f->store);
  StudioChart *type_chart, *course_chart;

  studio_window_show_page (window, "overview");
  studio_test_flush ();
  type_chart = studio_test_page_child (window, "overview", "type_chart");
  course_chart = studio_test_page_child (window, "overview", "course_chart");
  /* No data: placeholders, no bars made up. */
  g_assert_cmpuint (studio_chart_get_n_bars (type_chart), ==, 0);
  g_assert_cmpuint (studio_chart_get_n_bars (course_chart), ==, 0);
  assert_card (window, "Resources", 0);
  g_assert_cmpstr (adw_action_row_get_subtitle (studio_test_page_child (window, "overview", "approved_target_row")), ==,
                   "No resources yet");
  g_assert_false (gtk_widget_get_visible (studio_test_page_child (window, "overview", "approved_target_bar")));
  {
    g_autofree char *mismatch = gtk_test_accessible_check_property (GTK_ACCESSIBLE (type_chart),
                                                                    GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                                                    "Resources by type: No resources yet");

    g_assert_null (mismatch);
  }
  studio_test_close_window (window);
}

static void
written_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  int *state = user_data;
  g_autoptr(GError) error = NULL;

  *state = studio_report_write_to_file_finish (result, &error) ? 1 : 2;
  g_assert_no_error (error);
}

static gboolean
done (gpointer data)
{
  return *(int *) data != 0;
}

static char *
run_tool (const char *tool,
          const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  int status = 0;
  gboolean text = g_str_equal (tool, "pdftotext");
  const char *argv[] = { tool, text ? "-q" : path, text ? path : NULL, text ? "-" : NULL, NULL };

  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL,
                               &out, NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));

  return g_steal_pointer (&out);
}

static void
test_report (Fixture       *f,
             gconstpointer  data)
{
  StudioWindow *window;
  g_autofree char *pdftotext = g_find_program_in_path ("pdftotext");
  g_autofree char *pdfinfo = g_find_program_in_path ("pdfinfo");
  g_autofree char *path = g_build_filename (f->dir, "报告.pdf", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autofree char *name = NULL;
  g_autofree char *info = NULL;
  g_autofree char *text = NULL;
  int state = 0;

  if (pdftotext == NULL || pdfinfo == NULL)
    {
      g_test_skip ("pdfinfo and pdftotext (poppler-utils) are needed");
      return;
    }
  fill (f);
  window = studio_test_show_window (f->store);

  name = studio_report_default_name (studio_window_get_session (window), "progress", "pdf");
  g_assert_cmpstr (name, ==, "页面测试资源库 Progress Report.pdf");

  studio_report_write_to_file (studio_window_get_session (window), "progress", file, RESLIB_OUTPUT_NONE, written_cb,
                               &state);
  g_assert_true (studio_test_wait_until (done, &state, 60000));
  g_assert_cmpint (state, ==, 1);
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
  info = run_tool ("pdfinfo", path);
  g_assert_nonnull (strstr (info, "Pages:"));
  g_assert_nonnull (strstr (info, "页面测试资源库"));
  text = run_tool ("pdftotext", path);
  g_assert_nonnull (strstr (text, "页面测试资源库"));
  g_assert_nonnull (strstr (text, "本期变化"));
  g_assert_nonnull (strstr (text, "数控加工编程"));

  studio_test_close_window (window);
}

/* The save dialog's format: a name typed with .pdf or .docx says it, else the filter chosen adds its
 * extension (and a file of the new name is not replaced); the choice is remembered; Word is written. */
static void
test_report_format (Fixture       *f,
                    gconstpointer  data)
{
  StudioWindow *window;
  StudioSession *session;
  StudioSettings *settings;
  g_autofree char *docx_path = g_build_filename (f->dir, "申报书.docx", NULL);
  g_autoptr(GFile) docx = g_file_new_for_path (docx_path);
  g_autofree char *name = NULL;
  g_autofree char *remembered = NULL;
  g_autofree char *contents = NULL;
  gsize len;
  int state = 0;
  struct { const char *typed; const char *filter; const char *written; const char *format; gboolean replace; } cases[] = {
    { "a.docx", "pdf", "a.docx", "docx", TRUE },
    { "a.PDF", "docx", "a.PDF", "pdf", TRUE },
    { "a", "docx", "a.docx", "docx", FALSE },
    { "a", "pdf", "a.pdf", "pdf", FALSE },
    { "a.txt", "docx", "a.txt.docx", "docx", FALSE },
  };

  fill (f);
  window = studio_test_show_window (f->store);
  session = studio_window_get_session (window);
  settings = studio_session_get_settings (session);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *typed_path = g_build_filename (f->dir, cases[i].typed, NULL);
      g_autoptr(GFile) typed = g_file_new_for_path (typed_path);
      const char *format = NULL;
      gboolean replace = !cases[i].replace;
      g_autoptr(GFile) file = studio_report_chosen_file (typed, cases[i].filter, &format, &replace);
      g_autofree char *written = g_file_get_basename (file);

      g_assert_cmpstr (written, ==, cases[i].written);
      g_assert_cmpstr (format, ==, cases[i].format);
      g_assert_true (replace == cases[i].replace);
    }

  name = studio_report_default_name (session, "dossier", "docx");
  g_assert_cmpstr (name, ==, "页面测试资源库 Dossier.docx");
  remembered = studio_settings_dup_report_format (settings);
  g_assert_cmpstr (remembered, ==, "pdf");
  studio_settings_set_report_format (settings, "docx");
  g_clear_pointer (&remembered, g_free);
  remembered = studio_settings_dup_report_format (settings);
  g_assert_cmpstr (remembered, ==, "docx");
  studio_settings_set_report_format (settings, "pdf");

  studio_report_write_to_file (session, "dossier", docx, RESLIB_OUTPUT_NONE, written_cb, &state);
  g_assert_true (studio_test_wait_until (done, &state, 60000));
  g_assert_cmpint (state, ==, 1);
  g_assert_true (g_file_get_contents (docx_path, &contents, &len, NULL));
  g_assert_cmpmem (contents, 4, "PK\003\004", 4);

  studio_test_close_window (window);
}

int
main (int   argc,
      char *argv[])
{
  if (!studio_test_init (&argc, &argv))
    return 0;

  g_test_add ("/studio/overview/shown", Fixture, NULL, fixture_setup, test_shown, fixture_teardown);
  g_test_add ("/studio/overview/updates", Fixture, NULL, fixture_setup, test_updates, fixture_teardown);
  g_test_add ("/studio/overview/empty", Fixture, NULL, fixture_setup, test_empty, fixture_teardown);
  g_test_add ("/studio/overview/report", Fixture, NULL, fixture_setup, test_report, fixture_teardown);
  g_test_add ("/studio/overview/report-format", Fixture, NULL, fixture_setup, test_report_format, fixture_teardown);

  return studio_test_run ();
}
