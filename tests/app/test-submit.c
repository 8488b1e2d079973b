/* test-submit.c — Checks, Submit pages and Preferences, in process, against a temporary store
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <signal.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/stat.h>

#include "reslib-package.h"
#include "reslib-upload.h"
#include "studio-check-group.h"
#include "studio-checks-page.h"
#include "studio-resources-page.h"
#include "studio-preferences-window.h"
#include "studio-secret.h"
#include "studio-lms-export.h"
#include "studio-submit-page.h"
#include "studio-test-utils.h"

typedef struct
{
  char        *dir;
  ReslibStore *store;
  char        *project;
} Fixture;

/* Runs the validator job in this thread: its findings (transfer full), or NULL with @error set. */
static GListModel *
run_validator (ReslibStore    *store,
               const char     *project_id,
               ReslibProfile  *profile,
               const char     *package_kind,
               GError        **error)
{
  g_autoptr(ReslibValidator) validator = reslib_validator_new (store, project_id, profile);

  reslib_validator_set_package_kind (validator, package_kind);
  if (!reslib_job_run (RESLIB_JOB (validator), NULL, error))
    return NULL;
  return g_object_ref (reslib_validator_get_findings (validator));
}

static void
reset_settings (void)
{
  g_autoptr(GSettings) settings = g_settings_new ("io.github.reslib.Studio");
  const char *keys[] = { "endpoint-url", "ca-file", "chunk-size", "rate-limit", "profile-file", "data-folder",
                         "folder-packages-out" };

  g_assert_nonnull (settings);
  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    g_settings_reset (settings, keys[i]);
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *data_dir = NULL;

  reset_settings ();
  f->dir = reslib_test_make_tmp_dir ("reslib-submit-XXXXXX");
  data_dir = g_build_filename (f->dir, "data", NULL);
  f->store = reslib_test_open_store (data_dir);
  f->project = reslib_test_new_project (f->store, "页面测试资源库");
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_object (&f->store);
  reslib_test_rm_rf (f->dir);
  g_free (f->dir);
  g_free (f->project);
  reset_settings ();
}

/* Imports @n real files of @size bytes each (distinct contents); returns their resource ids. */
static GStrv
import_files (Fixture *f,
              guint    n,
              gsize    size)
{
  g_autoptr(ReslibImporter) importer = reslib_importer_new (f->store, f->project);
  g_autofree char *src = g_build_filename (f->dir, "src", NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = g_malloc (size);
  const char * const *ids;

  g_assert_cmpint (g_mkdir_with_parents (src, 0700), ==, 0);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *name = g_strdup_printf ("讲义%u.txt", i);
      g_autofree char *path = NULL;
      g_autoptr(GFile) file = NULL;

      for (gsize j = 0; j < size; j++)
        contents[j] = (char) ('a' + (j * 7 + i * 13) % 26);
      g_snprintf (contents, size, "file %u ", i);
      path = reslib_test_write_file (src, name, contents, (gssize) size);
      file = g_file_new_for_path (path);
      reslib_importer_add_file (importer, file);
    }
  g_assert_true (reslib_job_run (RESLIB_JOB (importer), NULL, &error));
  g_assert_no_error (error);
  ids = reslib_importer_get_resource_ids (importer);
  g_assert_cmpuint (g_strv_length ((char **) ids), ==, n);

  return g_strdupv ((char **) ids);
}

/* The first button under @root whose accessible label is @label (labels name themselves too). */
static GtkWidget *
find_button (GtkWidget  *root,
             const char *label)
{
  g_autofree char *mismatch = NULL;

  if (GTK_IS_BUTTON (root) &&
      (mismatch = gtk_test_accessible_check_property (GTK_ACCESSIBLE (root), GTK_ACCESSIBLE_PROPERTY_LABEL, label)) == NULL)
    return root;
  for (GtkWidget *c = gtk_widget_get_first_child (root); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_button (c, label);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static void
click (gpointer    root,
       const char *label)
{
  GtkWidget *button = find_button (root, label);

  g_assert_nonnull (button);
  g_assert_true (gtk_widget_is_sensitive (button));
  g_signal_emit_by_name (button, "clicked");
}

static gboolean
is_visible_page (StudioWindow *window,
                 const char   *name)
{
  GtkWidget *page = GTK_WIDGET (studio_window_get_page (window, name));
  GtkWidget *stack = gtk_widget_get_parent (page);

  return GTK_IS_STACK (stack) && gtk_stack_get_visible_child (GTK_STACK (stack)) == page;
}

/* ---------------------------------------------------------------------------------------------- */
/* Checks                                                                                          */

static gboolean
checks_done (gpointer data)
{
  return !studio_checks_page_is_running (data);
}

static gboolean
check_kept (gpointer data)
{
  Fixture *f = data;

  return studio_checks_get_last_check (f->store, f->project, NULL, NULL, NULL, NULL);
}

/* Whether @item is a finding that says what @finding says (a check's findings are made each time they are
 * asked for: two of the same finding are equal, not the same object) */
static gboolean
same_finding (GObject       *item,
              ReslibFinding *finding)
{
  ReslibFinding *other;

  if (!RESLIB_IS_FINDING (item))
    return FALSE;
  other = RESLIB_FINDING (item);
  return reslib_finding_get_severity (other) == reslib_finding_get_severity (finding) &&
         g_strcmp0 (reslib_finding_get_rule (other), reslib_finding_get_rule (finding)) == 0 &&
         g_strcmp0 (reslib_finding_get_subject_id (other), reslib_finding_get_subject_id (finding)) == 0 &&
         g_strcmp0 (reslib_finding_get_field (other), reslib_finding_get_field (finding)) == 0 &&
         g_strcmp0 (reslib_finding_get_message (other), reslib_finding_get_message (finding)) == 0;
}

/* The row of the Checks page's list that shows @finding, its group expanded; -1 when there is none. */
static int
finding_row (StudioWindow  *window,
             ReslibFinding *finding)
{
  GtkListView *view = studio_test_page_child (window, "checks", "findings_view");
  GListModel *model = G_LIST_MODEL (gtk_list_view_get_model (view));

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(GtkTreeListRow) row = g_list_model_get_item (model, i);
      g_autoptr(GObject) item = gtk_tree_list_row_get_item (row);

      if (same_finding (item, finding))
        return (int) i;
      if (STUDIO_IS_CHECK_GROUP (item) && !gtk_tree_list_row_get_expanded (row))
        {
          GListModel *children = studio_check_group_get_findings (STUDIO_CHECK_GROUP (item));

          for (guint j = 0; j < g_list_model_get_n_items (children); j++)
            {
              g_autoptr(GObject) child = g_list_model_get_item (children, j);

              if (same_finding (child, finding))
                {
                  gtk_tree_list_row_set_expanded (row, TRUE);
                  return (int) (i + 1 + j);
                }
            }
        }
    }

  return -1;
}

/* The text of item @i of a drop-down of strings */
static const char *
drop_down_text (StudioWindow *window,
                const char   *name,
                guint         i)
{
  GtkDropDown *drop_down = studio_test_page_child (window, "checks", name);

  return gtk_string_list_get_string (GTK_STRING_LIST (gtk_drop_down_get_model (drop_down)), i);
}

static void
test_checks (Fixture       *f,
             gconstpointer  data)
{
  g_auto(GStrv) ids = import_files (f, 3, 100);
  g_autoptr(ReslibProfile) profile = reslib_profile_load (NULL, NULL);
  g_autoptr(GListModel) expected = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) time = NULL;
  StudioWindow *window;
  StudioChecksPage *page;
  GListModel *findings;
  guint counts[3] = { 0 };
  guint stored[3] = { 0 };
  g_autofree char *summary = NULL;
  int last = -1;
  int target = -1;
  const char *target_page = NULL;

  /* The project has known problems: no host unit, no courses, resources without metadata. */
  g_assert_nonnull (profile);
  {
    g_autoptr(ReslibProber) prober = reslib_prober_new (f->store, f->project);

    g_assert_true (reslib_job_run (RESLIB_JOB (prober), NULL, &error));
  }
  expected = run_validator (f->store, f->project, profile, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (reslib_findings_count (expected, RESLIB_SEVERITY_ERROR), >, 0);

  window = studio_test_show_window (f->store);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "checks");
  studio_test_flush ();
  page = STUDIO_CHECKS_PAGE (studio_window_get_page (window, "checks"));
  g_assert_false (studio_checks_get_last_check (f->store, f->project, NULL, NULL, NULL, NULL));
  g_assert_true (studio_test_shows_text (page, "Not checked yet"));
  g_assert_true (studio_test_shows_text (page, "No Checks Run Yet"));

  click (page, "Run Checks");
  g_assert_true (studio_checks_page_is_running (page));
  g_assert_true (studio_test_wait_until (checks_done, page, 30000));
  studio_test_flush ();

  /* The same findings as the core gives, grouped by severity. */
  findings = studio_checks_page_get_findings (page);
  g_assert_nonnull (findings);
  g_assert_cmpuint (g_list_model_get_n_items (findings), ==, g_list_model_get_n_items (expected));
  for (guint i = 0; i < g_list_model_get_n_items (findings); i++)
    {
      g_autoptr(ReslibFinding) finding = g_list_model_get_item (findings, i);
      ReslibSeverity severity = reslib_finding_get_severity (finding);
      const char *kind = reslib_finding_get_subject_kind (finding);

      g_assert_cmpint ((int) severity, >=, last);
      last = (int) severity;
      counts[severity]++;
      if (target < 0 || (g_strcmp0 (kind, "resource") == 0 && g_strcmp0 (target_page, "resources") != 0))
        {
          target = (int) i;
          target_page = studio_checks_page_for_subject (kind);
          g_assert_nonnull (target_page);
        }
    }
  for (int s = RESLIB_SEVERITY_ERROR; s <= RESLIB_SEVERITY_INFO; s++)
    g_assert_cmpuint (counts[s], ==, reslib_findings_count (expected, s));

  /* The summary and the severity filter show the counts. */
  summary = g_strdup_printf ("Errors: %u, warnings: %u, notes: %u", counts[0], counts[1], counts[2]);
  g_assert_true (studio_test_shows_text (page, summary));
  {
    g_autofree char *heading = g_strdup_printf ("Errors (%u)", counts[0]);

    g_assert_cmpstr (drop_down_text (window, "severity_filter", 1), ==, heading);
  }

  /* The last check is kept in the store for the Overview, as a run of this project (written in a
   * worker: soon after the findings are shown). */
  g_assert_true (studio_test_wait_until (check_kept, f, 10000));
  /* Keeping it is no change of the project since the check: the page still says when it checked. */
  studio_test_flush ();
  g_assert_true (g_str_has_prefix (gtk_label_get_text (studio_test_page_child (window, "checks", "detail_label")),
                                   "Checked at "));
  g_assert_true (studio_checks_get_last_check (f->store, f->project, &time, &stored[0], &stored[1], &stored[2]));
  g_assert_nonnull (time);
  g_assert_cmpuint (stored[0], ==, counts[0]);
  g_assert_cmpuint (stored[1], ==, counts[1]);
  g_assert_cmpuint (stored[2], ==, counts[2]);

  /* Activating a finding (in its rule's group, expanded) shows its subject's page. */
  g_assert_cmpint (target, >=, 0);
  g_assert_true (is_visible_page (window, "checks"));
  {
    g_autoptr(ReslibFinding) finding = g_list_model_get_item (findings, (guint) target);

    target = finding_row (window, finding);
  }
  g_assert_cmpint (target, >=, 0);
  g_signal_emit_by_name (studio_test_page_child (window, "checks", "findings_view"), "activate", (guint) target);
  studio_test_flush ();
  g_assert_true (is_visible_page (window, target_page));
  g_assert_false (is_visible_page (window, "checks"));

  studio_test_close_window (window);

  /* Opened again, the page says when the last check ran and nowhere that none ran. */
  window = studio_test_show_window (f->store);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "checks");
  studio_test_flush ();
  page = STUDIO_CHECKS_PAGE (studio_window_get_page (window, "checks"));
  g_assert_true (studio_test_shows_text (page, summary));
  g_assert_false (studio_test_shows_text (page, "Not checked yet"));
  g_assert_false (studio_test_shows_text (page, "No Checks Run Yet"));
  g_assert_true (studio_test_shows_text (page, "Findings Not Shown"));
  studio_test_close_window (window);
}

static gboolean
export_written (gpointer data)
{
  return *(int *) data != 0;
}

static void
checks_exported_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  int *state = user_data;
  g_autoptr(GError) error = NULL;

  *state = studio_checks_page_export_to_file_finish (result, &error) ? 1 : 2;
  g_assert_no_error (error);
}

/* The findings grouped by rule with counts, expanded on demand; the filters; "Show Resources" opens the
 * Resources page filtered to exactly the group's resources; the licence's group sets a licence on all of
 * them in one undoable step; the findings export as CSV. */
static void
test_check_groups (Fixture       *f,
                   gconstpointer  data)
{
  g_auto(GStrv) ids = import_files (f, 3, 100);
  g_autofree char *csv = g_build_filename (f->dir, "检查结果.csv", NULL);
  g_autoptr(GFile) csv_file = g_file_new_for_path (csv);
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  StudioWindow *window;
  StudioChecksPage *page;
  GtkListView *view;
  GListModel *rows;
  GListModel *findings;
  GtkWindow *dialog;
  guint n_groups;
  guint n_authors = 0;
  int state = 0;

  /* One resource names its author: the authors' group has the other two. Two are open without a licence. */
  g_assert_true (reslib_store_set_list (f->store, ids[0], "authors", (const char * const[]) { "王老师", NULL }, &error));
  g_assert_no_error (error);
  for (guint i = 1; i < 3; i++)
    {
      reslib_store_update (f->store, RESLIB_KIND_RESOURCE, ids[i], (const char * const[]) { "origin", NULL },
                           (const char * const[]) { "open" }, &error);
      g_assert_no_error (error);
    }

  window = studio_test_show_window (f->store);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "checks");
  studio_test_flush ();
  page = STUDIO_CHECKS_PAGE (studio_window_get_page (window, "checks"));
  click (page, "Run Checks");
  g_assert_true (studio_test_wait_until (checks_done, page, 30000));
  studio_test_flush ();

  studio_test_save_shot (window, "checks-groups");
  /* One row per rule and severity, none expanded: the findings are not rows until asked for. */
  findings = studio_checks_page_get_findings (page);
  view = studio_test_page_child (window, "checks", "findings_view");
  rows = G_LIST_MODEL (gtk_list_view_get_model (view));
  n_groups = g_list_model_get_n_items (rows);
  g_assert_cmpuint (n_groups, >, 3);
  g_assert_cmpuint (n_groups, <, g_list_model_get_n_items (findings));
  for (guint i = 0; i < g_list_model_get_n_items (findings); i++)
    {
      g_autoptr(ReslibFinding) finding = g_list_model_get_item (findings, i);

      n_authors += g_str_equal (reslib_finding_get_rule (finding), "resource.authors");
    }
  g_assert_cmpuint (n_authors, ==, 2);
  g_assert_true (studio_test_shows_text (page, "Resource authors"));
  g_assert_true (studio_test_shows_text (page, "2 findings"));
  /* Under the rule's title, what it looks at in words; never the rule's id. */
  g_assert_true (studio_test_shows_text (page, "A rule about each resource"));
  g_assert_false (studio_test_shows_text (page, "resource.authors"));
  /* Activating a group expands it. */
  {
    g_autoptr(GtkTreeListRow) first = g_list_model_get_item (rows, 0);
    g_autoptr(GObject) group = gtk_tree_list_row_get_item (first);
    guint n = studio_check_group_get_n_findings (STUDIO_CHECK_GROUP (group));

    g_signal_emit_by_name (view, "activate", 0u);
    g_assert_cmpuint (g_list_model_get_n_items (rows), ==, n_groups + n);
    g_signal_emit_by_name (view, "activate", 0u);
    g_assert_cmpuint (g_list_model_get_n_items (rows), ==, n_groups);
  }

  /* Warnings only, then resources only: every group shown passes. */
  gtk_drop_down_set_selected (studio_test_page_child (window, "checks", "severity_filter"), 2);
  rows = G_LIST_MODEL (gtk_list_view_get_model (view));
  for (guint i = 0; i < g_list_model_get_n_items (rows); i++)
    {
      g_autoptr(GtkTreeListRow) row = g_list_model_get_item (rows, i);
      g_autoptr(GObject) group = gtk_tree_list_row_get_item (row);

      g_assert_cmpint (studio_check_group_get_severity (STUDIO_CHECK_GROUP (group)), ==, RESLIB_SEVERITY_WARNING);
    }
  gtk_drop_down_set_selected (studio_test_page_child (window, "checks", "severity_filter"), 0);
  gtk_drop_down_set_selected (studio_test_page_child (window, "checks", "subject_filter"), 4);
  rows = G_LIST_MODEL (gtk_list_view_get_model (view));
  g_assert_cmpuint (g_list_model_get_n_items (rows), >, 0);
  for (guint i = 0; i < g_list_model_get_n_items (rows); i++)
    {
      g_autoptr(GtkTreeListRow) row = g_list_model_get_item (rows, i);
      g_autoptr(GObject) group = gtk_tree_list_row_get_item (row);
      GListModel *children = studio_check_group_get_findings (STUDIO_CHECK_GROUP (group));

      for (guint j = 0; j < g_list_model_get_n_items (children); j++)
        {
          g_autoptr(ReslibFinding) finding = g_list_model_get_item (children, j);

          g_assert_cmpstr (reslib_finding_get_subject_kind (finding), ==, "resource");
        }
    }
  gtk_drop_down_set_selected (studio_test_page_child (window, "checks", "subject_filter"), 0);

  /* The findings as CSV: the header and a row each. */
  studio_checks_page_export_to_file (page, csv_file, RESLIB_OUTPUT_NONE, checks_exported_cb, &state);
  g_assert_true (studio_test_wait_until (export_written, &state, 30000));
  g_assert_cmpint (state, ==, 1);
  g_assert_true (g_file_get_contents (csv, &contents, NULL, NULL));
  {
    g_auto(GStrv) lines = g_strsplit (contents, "\r\n", -1);

    g_assert_cmpuint (g_strv_length (lines), ==, g_list_model_get_n_items (findings) + 2);
    g_assert_cmpstr (lines[0], ==, "\xef\xbb\xbfSeverity,Rule,Subject,Message,Field,Resource ID");
  }

  /* Show Resources: exactly the two without an author, with a bar that says so and removes the filter. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "checks.show-resources", "s", "0 resource.authors"));
  studio_test_flush ();
  g_assert_true (is_visible_page (window, "resources"));
  {
    StudioResourcesPage *resources = STUDIO_RESOURCES_PAGE (studio_window_get_page (window, "resources"));

    g_assert_cmpstr (studio_resources_page_get_ids_filter (resources), ==,
                     "2 resources from the check “Resource authors”");
    g_assert_true (studio_test_shows_text (GTK_WIDGET (resources), "Shown: 2 of 3"));
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (resources), "resources.show-all", NULL));
    g_assert_null (studio_resources_page_get_ids_filter (resources));
    g_assert_true (studio_test_shows_text (GTK_WIDGET (resources), "Resources: 3"));
  }

  /* The licence's group: asked with the count, set on both in one step, undone in one. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "checks");
  studio_test_flush ();
  dialog = studio_checks_page_ask_licence (page, "0 resource.licence");
  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (dialog)), ==, "Set the Licence of 2 Resources?");
  g_assert_false (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), "apply"));
  {
    GtkWidget *rows_box = adw_message_dialog_get_extra_child (ADW_MESSAGE_DIALOG (dialog));
    GtkWidget *licence = GTK_WIDGET (gtk_list_box_get_row_at_index (GTK_LIST_BOX (rows_box), 0));
    GtkWidget *holder = GTK_WIDGET (gtk_list_box_get_row_at_index (GTK_LIST_BOX (rows_box), 1));

    gtk_editable_set_text (GTK_EDITABLE (licence), "CC BY 4.0");
    gtk_editable_set_text (GTK_EDITABLE (holder), "某出版社");
  }
  g_assert_true (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), "apply"));
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "apply");
  gtk_window_destroy (dialog);
  studio_test_flush ();
  for (guint i = 1; i < 3; i++)
    {
      g_autoptr(ReslibRecord) record = reslib_store_get (f->store, RESLIB_KIND_RESOURCE, ids[i], &error);

      g_assert_no_error (error);
      g_assert_cmpstr (reslib_record_get (record, "license"), ==, "CC BY 4.0");
      g_assert_cmpstr (reslib_record_get (record, "license_holder"), ==, "某出版社");
    }
  g_assert_true (studio_undo_stack_undo (studio_session_get_undo_stack (studio_window_get_session (window)), &error));
  g_assert_no_error (error);
  for (guint i = 1; i < 3; i++)
    {
      g_autoptr(ReslibRecord) record = reslib_store_get (f->store, RESLIB_KIND_RESOURCE, ids[i], &error);

      g_assert_null (reslib_record_get (record, "license"));
    }

  studio_test_close_window (window);
}

static void
test_subject_pages (void)
{
  g_assert_cmpstr (studio_checks_page_for_subject ("resource"), ==, "resources");
  g_assert_cmpstr (studio_checks_page_for_subject ("unit"), ==, "team");
  g_assert_cmpstr (studio_checks_page_for_subject ("member"), ==, "team");
  g_assert_cmpstr (studio_checks_page_for_subject ("course"), ==, "courses");
  g_assert_cmpstr (studio_checks_page_for_subject ("node"), ==, "courses");
  g_assert_cmpstr (studio_checks_page_for_subject ("project"), ==, "dossier");
  g_assert_cmpstr (studio_checks_page_for_subject ("major"), ==, "dossier");
  g_assert_cmpstr (studio_checks_page_for_subject ("budget-line"), ==, "dossier");
  g_assert_cmpstr (studio_checks_page_for_subject ("milestone"), ==, "dossier");
  g_assert_cmpstr (studio_checks_page_for_subject ("declaration"), ==, "dossier");
  g_assert_null (studio_checks_page_for_subject ("nonsense"));
}

/* ---------------------------------------------------------------------------------------------- */
/* Submit                                                                                          */

static gboolean
build_done (gpointer data)
{
  return !studio_submit_page_is_building (data);
}

static StudioSubmitPage *
show_submit (StudioWindow *window)
{
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "submit");
  studio_test_flush ();

  return STUDIO_SUBMIT_PAGE (studio_window_get_page (window, "submit"));
}

/* The package is saved by default in the folder the last one was saved in. */
static void
test_output_last_folder (Fixture       *f,
                         gconstpointer  data)
{
  g_autofree char *last = g_build_filename (f->dir, "packages", NULL);
  g_autofree char *chosen = g_build_filename (last, "earlier.tar", NULL);
  g_autoptr(GFile) chosen_file = g_file_new_for_path (chosen);
  g_autofree char *output_dir = NULL;
  StudioWindow *window;
  StudioSubmitPage *page;

  g_assert_cmpint (g_mkdir_with_parents (last, 0700), ==, 0);
  studio_settings_set_last_folder (studio_settings_get_default (), STUDIO_FOLDER_PACKAGES_OUT, chosen_file);

  window = studio_test_show_window (f->store);
  page = show_submit (window);
  output_dir = g_path_get_dirname (studio_submit_page_get_output_path (page));
  g_assert_cmpstr (output_dir, ==, last);
  studio_test_close_window (window);
}

static void
test_build_contribution (Fixture       *f,
                         gconstpointer  data)
{
  g_auto(GStrv) ids = import_files (f, 4, 4096);
  g_autofree char *out = g_build_filename (f->dir, "out", "贡献.tar", NULL);
  g_autofree char *out_dir = g_path_get_dirname (out);
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(JsonNode) info = NULL;
  g_autoptr(GError) error = NULL;
  StudioWindow *window;
  StudioSubmitPage *page;
  const char * const approved[] = { ids[0], ids[2], NULL };

  g_assert_true (reslib_store_review (f->store, approved, RESLIB_REVIEW_SUBMIT, NULL, &error));
  g_assert_true (reslib_store_review (f->store, approved, RESLIB_REVIEW_APPROVE, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_mkdir_with_parents (out_dir, 0700), ==, 0);

  window = studio_test_show_window (f->store);
  page = show_submit (window);
  g_assert_nonnull (studio_test_find_labelled (page, "Package kind"));
  adw_combo_row_set_selected (studio_test_page_child (window, "submit", "kind_row"), 3);
  studio_test_flush ();
  g_assert_true (gtk_widget_get_visible (studio_test_page_child (window, "submit", "resources_row")));
  /* The default file name comes from the project and the kind. */
  g_assert_nonnull (strstr (studio_submit_page_get_output_path (page), "页面测试资源库-contribution-"));
  studio_submit_page_set_output_path (page, out);

  click (page, "Build Package");
  g_assert_true (studio_submit_page_is_building (page));
  g_assert_true (studio_test_wait_until (build_done, page, 30000));
  studio_test_flush ();

  g_assert_cmpstr (studio_submit_page_get_built_path (page), ==, out);
  g_assert_true (g_file_test (out, G_FILE_TEST_IS_REGULAR));
  g_assert_cmpfloat (gtk_progress_bar_get_fraction (studio_test_page_child (window, "submit", "pack_progress")), ==, 1.0);
  g_assert_true (reslib_package_verify (out, &problems, &info, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (problems == NULL || problems->len == 0);
  /* Only the approved resources are in it. */
  {
    JsonObject *object = json_node_get_object (info);

    g_assert_cmpstr (json_object_get_string_member (object, "kind"), ==, "contribution");
  }
  /* Exactly the package the core packs of the two approved resources (packing is deterministic). */
  {
    g_autofree char *direct = g_build_filename (f->dir, "direct.tar", NULL);
    g_autofree char *a = NULL;
    g_autofree char *b = NULL;
    gsize a_len = 0, b_len = 0;

    g_assert_true (reslib_test_pack (f->store, f->project, "contribution", approved, direct, NULL, &error));
    g_assert_no_error (error);
    g_assert_true (g_file_get_contents (out, &a, &a_len, NULL));
    g_assert_true (g_file_get_contents (direct, &b, &b_len, NULL));
    g_assert_cmpmem (a, a_len, b, b_len);
  }
  g_assert_cmpuint (reslib_test_count_files (out_dir), ==, 1);
  /* It can be shown in the file manager, to hand it over. */
  g_assert_true (gtk_widget_get_visible (studio_test_page_child (window, "submit", "show_in_folder_button")));
  g_assert_true (gtk_widget_is_sensitive (find_button (GTK_WIDGET (page), "Show in Folder")));
  /* A contribution goes to the project lead: the page does not offer to upload it, says so, and the session's
   * upload queue refuses it. */
  g_assert_false (gtk_widget_is_sensitive (find_button (GTK_WIDGET (page), "Upload")));
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (studio_test_page_child (window, "submit", "upload_package_row")),
                            "hand it to the project lead"));
  gtk_widget_activate_action (GTK_WIDGET (page), "submit.upload", NULL);
  g_assert_false (studio_submit_page_is_uploading (page));
  {
    StudioUploadQueue *queue = studio_session_get_upload_queue (studio_page_get_session (STUDIO_PAGE (page)));

    g_assert_null (studio_upload_queue_add (queue, f->project, out, "contribution", &error));
    g_assert_error (error, RESLIB_ERROR, RESLIB_ERROR_BAD_FILE);
    g_assert_nonnull (strstr (error->message, "project lead"));
    g_clear_error (&error);
    g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (queue)), ==, 0);
  }

  studio_test_close_window (window);
}

static void
test_build_chosen (Fixture       *f,
                   gconstpointer  data)
{
  g_auto(GStrv) ids = import_files (f, 3, 2048);
  g_autofree char *out = g_build_filename (f->dir, "chosen.tar", NULL);
  g_autofree char *direct = g_build_filename (f->dir, "direct.tar", NULL);
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;
  gsize a_len = 0, b_len = 0;
  g_autoptr(GError) error = NULL;
  StudioWindow *window;
  StudioSubmitPage *page;
  GtkListView *view;
  GListModel *model;
  guint chosen = G_MAXUINT;

  window = studio_test_show_window (f->store);
  page = show_submit (window);
  adw_combo_row_set_selected (studio_test_page_child (window, "submit", "kind_row"), 3);
  studio_submit_page_set_output_path (page, out);

  /* Nothing is approved: "all approved resources" is refused with a message, and nothing is written. */
  click (page, "Build Package");
  g_assert_false (studio_submit_page_is_building (page));
  g_assert_nonnull (strstr (gtk_label_get_text (studio_test_page_child (window, "submit", "pack_message")),
                            "No resource is approved yet"));
  g_assert_false (g_file_test (out, G_FILE_TEST_EXISTS));

  /* Chosen one by one: the list shows the project's resources; activating a row ticks it. */
  adw_combo_row_set_selected (studio_test_page_child (window, "submit", "resources_row"), 1);
  studio_test_flush ();
  view = studio_test_page_child (window, "submit", "choose_view");
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (view)));
  model = G_LIST_MODEL (gtk_list_view_get_model (view));
  g_assert_nonnull (model);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 3);
  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(ReslibRecord) r = g_list_model_get_item (model, i);

      if (g_strcmp0 (reslib_record_get_id (r), ids[1]) == 0)
        chosen = i;
    }
  g_assert_cmpuint (chosen, <, 3);
  g_signal_emit_by_name (view, "activate", chosen);
  studio_test_flush ();
  g_assert_true (studio_test_shows_text (page, "Chosen resources: 1"));

  click (page, "Build Package");
  g_assert_true (studio_test_wait_until (build_done, page, 30000));
  g_assert_true (g_file_test (out, G_FILE_TEST_IS_REGULAR));
  g_assert_true (reslib_test_pack (f->store, f->project, "contribution", (const char * const[]) { ids[1], NULL },
                                   direct, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (out, &a, &a_len, NULL));
  g_assert_true (g_file_get_contents (direct, &b, &b_len, NULL));
  g_assert_cmpmem (a, a_len, b, b_len);

  studio_test_close_window (window);
}

static void
test_cancel_build (Fixture       *f,
                   gconstpointer  data)
{
  g_auto(GStrv) ids = import_files (f, 12, 4 * 1024 * 1024);
  g_autofree char *out = g_build_filename (f->dir, "out", "progress.tar", NULL);
  g_autofree char *out_dir = g_path_get_dirname (out);
  StudioWindow *window;
  StudioSubmitPage *page;

  reslib_test_approve_all (f->store, f->project);   /* a progress package holds approved resources */
  g_assert_cmpint (g_mkdir_with_parents (out_dir, 0700), ==, 0);
  window = studio_test_show_window (f->store);
  page = show_submit (window);
  adw_combo_row_set_selected (studio_test_page_child (window, "submit", "kind_row"), 1);
  studio_submit_page_set_output_path (page, out);

  click (page, "Build Package");
  g_assert_true (studio_submit_page_is_building (page));
  g_assert_true (gtk_widget_get_visible (find_button (GTK_WIDGET (page), "Cancel")));
  click (page, "Cancel");
  g_assert_true (studio_test_wait_until (build_done, page, 30000));
  studio_test_flush ();

  g_assert_false (g_file_test (out, G_FILE_TEST_EXISTS));
  g_assert_cmpuint (reslib_test_count_files (out_dir), ==, 0);
  g_assert_null (studio_submit_page_get_built_path (page));
  g_assert_cmpstr (gtk_progress_bar_get_text (studio_test_page_child (window, "submit", "pack_progress")), ==,
                   "Cancelled");

  studio_test_close_window (window);
}

static AdwMessageDialog *
find_dialog (void)
{
  g_autoptr(GList) toplevels = gtk_window_list_toplevels ();

  for (GList *l = toplevels; l != NULL; l = l->next)
    if (ADW_IS_MESSAGE_DIALOG (l->data) && gtk_widget_get_visible (l->data))
      return l->data;

  return NULL;
}

/* Answers a dialog as its button would, and makes sure it is gone. */
static void
respond (AdwMessageDialog *dialog,
         const char       *response)
{
  GtkWidget *widget = GTK_WIDGET (dialog);

  g_assert_true (adw_message_dialog_get_response_enabled (dialog, response));
  g_object_add_weak_pointer (G_OBJECT (widget), (gpointer *) &widget);
  adw_message_dialog_response (dialog, response);
  if (widget != NULL)
    {
      g_object_remove_weak_pointer (G_OBJECT (widget), (gpointer *) &widget);
      gtk_window_destroy (GTK_WINDOW (widget));
    }
  studio_test_flush ();
}

/* Building over an existing file asks first; a file of the store is refused even then. */
static void
test_replace_asks (Fixture       *f,
                   gconstpointer  data)
{
  g_auto(GStrv) ids = import_files (f, 2, 4096);
  g_autofree char *out = g_build_filename (f->dir, "existing.tar", NULL);
  g_autofree char *db = g_build_filename (f->dir, "data", "library.db", NULL);
  g_autofree char *contents = NULL;
  g_autofree char *db_after = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;
  struct stat db_st, db_st_after;
  AdwMessageDialog *dialog;
  StudioWindow *window;
  StudioSubmitPage *page;
  GtkLabel *message;

  reslib_test_approve_all (f->store, f->project);   /* a progress package holds approved resources */
  g_assert_true (g_file_set_contents (out, "keep me", -1, NULL));
  window = studio_test_show_window (f->store);
  page = show_submit (window);
  adw_combo_row_set_selected (studio_test_page_child (window, "submit", "kind_row"), 1);
  studio_submit_page_set_output_path (page, out);

  /* Asked; Cancel keeps the file. */
  click (page, "Build Package");
  studio_test_flush ();
  g_assert_false (studio_submit_page_is_building (page));
  dialog = find_dialog ();
  g_assert_nonnull (dialog);
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "existing.tar"));
  respond (dialog, "cancel");
  g_assert_false (studio_submit_page_is_building (page));
  g_assert_true (g_file_get_contents (out, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, "keep me");
  g_clear_pointer (&contents, g_free);

  /* Asked again; Replace builds over it. */
  click (page, "Build Package");
  studio_test_flush ();
  dialog = find_dialog ();
  g_assert_nonnull (dialog);
  respond (dialog, "replace");
  g_assert_true (studio_test_wait_until (build_done, page, 30000));
  studio_test_flush ();
  g_assert_cmpstr (studio_submit_page_get_built_path (page), ==, out);
  g_assert_true (reslib_package_verify (out, &problems, NULL, NULL, &error));
  g_assert_no_error (error);

  /* The library's own database: even after Replace, the core refuses it and says why. */
  g_assert_cmpint (g_stat (db, &db_st), ==, 0);
  studio_submit_page_set_output_path (page, db);
  click (page, "Build Package");
  studio_test_flush ();
  dialog = find_dialog ();
  g_assert_nonnull (dialog);
  respond (dialog, "replace");
  g_assert_true (studio_test_wait_until (build_done, page, 30000));
  studio_test_flush ();
  message = studio_test_page_child (window, "submit", "pack_message");
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (message)));
  g_assert_nonnull (strstr (gtk_label_get_text (message), "data folder"));
  /* The same file, still a database (the app itself may have written to it meanwhile). */
  g_assert_cmpint (g_stat (db, &db_st_after), ==, 0);
  g_assert_cmpuint (db_st.st_ino, ==, db_st_after.st_ino);
  g_assert_true (g_file_get_contents (db, &db_after, NULL, NULL));
  g_assert_true (g_str_has_prefix (db_after, "SQLite format 3"));

  studio_test_close_window (window);
}

static void
test_application_refused (Fixture       *f,
                          gconstpointer  data)
{
  g_autofree char *out = g_build_filename (f->dir, "application.tar", NULL);
  g_autoptr(ReslibProfile) profile = reslib_profile_load (NULL, NULL);
  g_autoptr(GListModel) findings = NULL;
  g_autoptr(GError) error = NULL;
  StudioWindow *window;
  StudioSubmitPage *page;
  GtkLabel *message;

  findings = run_validator (f->store, f->project, profile, "application", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (reslib_findings_count (findings, RESLIB_SEVERITY_ERROR), >, 0);

  window = studio_test_show_window (f->store);
  page = show_submit (window);
  adw_combo_row_set_selected (studio_test_page_child (window, "submit", "kind_row"), 0);
  studio_submit_page_set_output_path (page, out);
  click (page, "Build Package");
  g_assert_true (studio_test_wait_until (build_done, page, 30000));
  studio_test_flush ();

  /* The core's message, and a way to the Checks page. */
  message = studio_test_page_child (window, "submit", "pack_message");
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (message)));
  g_assert_nonnull (strstr (gtk_label_get_text (message), "error"));
  g_assert_nonnull (strstr (gtk_label_get_text (message), "application package"));
  g_assert_false (g_file_test (out, G_FILE_TEST_EXISTS));
  g_assert_null (studio_submit_page_get_built_path (page));
  g_assert_true (gtk_widget_get_mapped (studio_test_page_child (window, "submit", "open_checks_button")));

  click (page, "Open Checks");
  studio_test_flush ();
  g_assert_true (is_visible_page (window, "checks"));
  g_assert_true (studio_test_wait_until (checks_done, studio_window_get_page (window, "checks"), 30000));
  studio_test_flush ();
  /* It checked with the rules for an application package: the same errors as the core found. */
  {
    GListModel *shown = studio_checks_page_get_findings (STUDIO_CHECKS_PAGE (studio_window_get_page (window, "checks")));

    g_assert_nonnull (shown);
    g_assert_cmpuint (reslib_findings_count (shown, RESLIB_SEVERITY_ERROR), ==,
                      reslib_findings_count (findings, RESLIB_SEVERITY_ERROR));
    g_assert_cmpuint (g_list_model_get_n_items (shown), ==, g_list_model_get_n_items (findings));
  }

  studio_test_close_window (window);
}

static gboolean
history_shows (gpointer data)
{
  GtkWidget *row = gtk_widget_get_first_child (data);

  return ADW_IS_EXPANDER_ROW (row);
}

static gboolean
is_null (gpointer data)
{
  return *(gpointer *) data == NULL;
}

static gboolean
history_uploaded (gpointer data)
{
  GtkWidget *row = gtk_widget_get_first_child (data);

  return ADW_IS_EXPANDER_ROW (row) && strstr (adw_expander_row_get_subtitle (ADW_EXPANDER_ROW (row)), "Uploaded") != NULL;
}

static gboolean
history_has_two (gpointer data)
{
  GtkWidget *first = gtk_widget_get_first_child (data);

  return ADW_IS_EXPANDER_ROW (first) && ADW_IS_EXPANDER_ROW (gtk_widget_get_next_sibling (first));
}

static void
test_history (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;
  const char *sha = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
  const char * const fields[] = { "project_id", "kind", "package_path", "size", "sha256", "endpoint",
                                  "last_error", NULL };
  const char * const values[] = { f->project, "progress", "/nonexistent/package.tar", "2048", sha,
                                  "https://upload.example.edu.cn/files", "the server said no" };
  const char * const contribution[] = { f->project, "contribution", "/nonexistent/contribution.tar", "1024", sha,
                                        "https://upload.example.edu.cn/files", NULL };
  StudioWindow *window;
  StudioSubmitPage *page;
  GtkListBox *list;
  GtkWidget *row;

  window = studio_test_show_window (f->store);
  page = show_submit (window);
  list = studio_test_page_child (window, "submit", "submissions_list");
  gtk_test_accessible_assert_property (list, GTK_ACCESSIBLE_PROPERTY_LABEL, "Submissions");
  g_assert_false (history_shows (list));

  id = reslib_store_insert (f->store, RESLIB_KIND_SUBMISSION, fields, values, &error);
  g_assert_no_error (error);
  g_assert_nonnull (id);
  g_assert_true (studio_test_wait_until (history_shows, list, 5000));

  row = gtk_widget_get_first_child (GTK_WIDGET (list));
  g_assert_true (g_str_has_prefix (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), "Progress report — "));
  {
    g_autofree char *size = g_format_size (2048);

    g_assert_nonnull (strstr (adw_expander_row_get_subtitle (ADW_EXPANDER_ROW (row)), size));
  }
  g_assert_nonnull (strstr (adw_expander_row_get_subtitle (ADW_EXPANDER_ROW (row)), "Failed: the server said no"));
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (row), TRUE);
  studio_test_flush ();
  g_assert_true (studio_test_shows_text (row, sha));
  g_assert_true (studio_test_shows_text (row, "https://upload.example.edu.cn/files"));
  g_assert_nonnull (studio_test_find_labelled (row, "Copy SHA-256"));
  /* A reload of the history (an upload saves its progress often) keeps the row open. */
  reslib_store_notify_changed (f->store, RESLIB_KIND_SUBMISSION, id);
  g_object_add_weak_pointer (G_OBJECT (row), (gpointer *) &row);
  g_assert_true (studio_test_wait_until (is_null, &row, 5000));
  row = gtk_widget_get_first_child (GTK_WIDGET (list));
  g_assert_true (ADW_IS_EXPANDER_ROW (row));
  g_assert_true (adw_expander_row_get_expanded (ADW_EXPANDER_ROW (row)));
  /* Its package is gone, so it was not resumed at start; resuming it from its row says so. */
  g_assert_false (studio_submit_page_is_uploading (page));
  click (row, "Resume this upload");
  g_assert_false (studio_submit_page_is_uploading (page));
  g_assert_nonnull (strstr (gtk_label_get_text (studio_test_page_child (window, "submit", "upload_status")),
                            "“/nonexistent/package.tar” is gone"));

  /* A contribution (from before contributions were refused) is never offered for upload again. */
  g_free (reslib_store_insert (f->store, RESLIB_KIND_SUBMISSION, fields, contribution, &error));
  g_assert_no_error (error);
  g_assert_true (studio_test_wait_until (history_has_two, list, 5000));
  for (row = gtk_widget_get_first_child (GTK_WIDGET (list)); row != NULL; row = gtk_widget_get_next_sibling (row))
    if (g_str_has_prefix (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), "Contribution — "))
      break;
  g_assert_nonnull (row);
  g_assert_null (find_button (row, "Resume this upload"));

  studio_test_close_window (window);
}

/* ---------------------------------------------------------------------------------------------- */
/* Preferences                                                                                     */

static gboolean
token_state_shown (gpointer data)
{
  return gtk_widget_get_visible (data) && strlen (gtk_label_get_text (data)) > 0 &&
         strstr (gtk_label_get_text (data), "endpoint URL first") == NULL;
}

static void
test_preferences (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GSettings) settings = g_settings_new ("io.github.reslib.Studio");
  StudioWindow *window = studio_test_show_window (f->store);
  GtkWindow *prefs = studio_preferences_window_new (GTK_WINDOW (window));
  GObject *endpoint_row;
  GtkLabel *message;
  GtkLabel *token_message;
  g_autofree char *stored = NULL;
  const char *labels[] = { "Endpoint URL", "CA file", "Token", "Chunk size", "Rate limit", "Profile file",
                           "Data folder" };

  g_object_ref (prefs);
  gtk_window_present (prefs);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (prefs));
  for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
    g_assert_nonnull (studio_test_find_labelled (prefs, labels[i]));
  endpoint_row = gtk_widget_get_template_child (GTK_WIDGET (prefs), STUDIO_TYPE_PREFERENCES_WINDOW, "endpoint_row");
  message = GTK_LABEL (gtk_widget_get_template_child (GTK_WIDGET (prefs), STUDIO_TYPE_PREFERENCES_WINDOW,
                                                      "endpoint_message"));
  token_message = GTK_LABEL (gtk_widget_get_template_child (GTK_WIDGET (prefs), STUDIO_TYPE_PREFERENCES_WINDOW,
                                                            "token_message"));
  g_assert_true (studio_test_find_labelled (prefs, "Endpoint URL") == GTK_WIDGET (endpoint_row));

  /* Plain http to another computer: refused, with a message, and not stored. */
  gtk_editable_set_text (GTK_EDITABLE (endpoint_row), "http://upload.example.edu.cn/files");
  g_signal_emit_by_name (endpoint_row, "apply");
  studio_test_flush ();
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (message)));
  g_assert_nonnull (strstr (gtk_label_get_text (message), "https://"));
  stored = g_settings_get_string (settings, "endpoint-url");
  g_assert_cmpstr (stored, ==, "");
  g_clear_pointer (&stored, g_free);

  gtk_editable_set_text (GTK_EDITABLE (endpoint_row), "not a url");
  g_signal_emit_by_name (endpoint_row, "apply");
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (message)));
  stored = g_settings_get_string (settings, "endpoint-url");
  g_assert_cmpstr (stored, ==, "");
  g_clear_pointer (&stored, g_free);

  /* https is stored; http only to this computer, and only behind the tests' switch. */
  gtk_editable_set_text (GTK_EDITABLE (endpoint_row), "https://upload.example.edu.cn/files");
  g_signal_emit_by_name (endpoint_row, "apply");
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (message)));
  stored = g_settings_get_string (settings, "endpoint-url");
  g_assert_cmpstr (stored, ==, "https://upload.example.edu.cn/files");
  g_clear_pointer (&stored, g_free);
  g_unsetenv ("RESLIB_TEST_PLAIN_HTTP");
  g_assert_false (studio_endpoint_check ("http://127.0.0.1:1080/files", NULL));
  g_assert_false (studio_endpoint_check ("http://localhost/files", NULL));
  g_setenv ("RESLIB_TEST_PLAIN_HTTP", "1", TRUE);
  g_assert_true (studio_endpoint_check ("http://127.0.0.1:1080/files", NULL));
  g_assert_true (studio_endpoint_check ("http://localhost/files", NULL));
  g_assert_false (studio_endpoint_check ("http://example.edu.cn/files", NULL));
  g_unsetenv ("RESLIB_TEST_PLAIN_HTTP");
  g_assert_false (studio_endpoint_check ("ftp://example.edu.cn/files", NULL));

  /* The Submit page shows the endpoint. */
  {
    AdwActionRow *row = studio_test_page_child (window, "submit", "endpoint_row");

    g_assert_cmpstr (adw_action_row_get_subtitle (row), ==, "https://upload.example.edu.cn/files");
  }

  /* Without a secret service (the tests have no session bus) the window says the keyring is not there. */
  g_assert_true (studio_test_wait_until (token_state_shown, token_message, 10000));
  if (g_strcmp0 (g_getenv ("DBUS_SESSION_BUS_ADDRESS"), "unix:path=/nonexistent/bus") == 0)
    {
      g_assert_nonnull (strstr (gtk_label_get_text (token_message), "The keyring is not available"));
      g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (token_message), "error"));
    }

  /* Numbers are bound to the settings. */
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (studio_test_find_labelled (prefs, "Chunk size")), 8);
  g_assert_cmpuint (g_settings_get_uint (settings, "chunk-size"), ==, 8);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (studio_test_find_labelled (prefs, "Rate limit")), 512);
  g_assert_cmpuint (g_settings_get_uint (settings, "rate-limit"), ==, 512);

  gtk_window_destroy (prefs);
  studio_test_flush ();
  g_object_unref (prefs);
  studio_test_close_window (window);
}

/* ---------------------------------------------------------------------------------------------- */
/* Upload to the real tus server, with the token in a real keyring                                 */

#define TOKEN "tok-Studio-9f2c-s3cr3t-41d7"

static void
die_with_parent (gpointer data)
{
  prctl (PR_SET_PDEATHSIG, SIGKILL);
}

static void
run_ok (const char         *dir,
        const char * const *argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *err = NULL;
  int status = 0;

  g_spawn_sync (dir, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL, NULL, &err,
                &status, &error);
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("%s failed: %s", argv[0], err);
}

static GSubprocess *
spawn (const char         *dir,
       const char * const *argv,
       GSubprocessFlags    flags,
       const char         *out_path)
{
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (flags);
  g_autoptr(GError) error = NULL;
  GSubprocess *proc;

  g_subprocess_launcher_set_cwd (launcher, dir);
  g_subprocess_launcher_set_child_setup (launcher, die_with_parent, NULL, NULL);
  g_subprocess_launcher_setenv (launcher, "TUS_TOKEN", TOKEN, TRUE);
  if (out_path != NULL)
    g_subprocess_launcher_set_stdout_file_path (launcher, out_path);
  proc = g_subprocess_launcher_spawnv (launcher, argv, &error);
  g_assert_no_error (error);

  return proc;
}

static void
stop (GSubprocess *proc)
{
  if (proc == NULL)
    return;
  g_subprocess_send_signal (proc, SIGTERM);
  g_subprocess_wait (proc, NULL, NULL);
  g_object_unref (proc);
}

typedef struct
{
  gpointer    label;
  const char *text;
} LabelText;

static gboolean
text_shows (gpointer data)
{
  LabelText *what = data;

  return strstr (gtk_label_get_text (GTK_LABEL (what->label)), what->text) != NULL;
}

static gboolean
upload_done (gpointer data)
{
  return !studio_submit_page_is_uploading (data);
}

typedef struct
{
  StudioSubmitPage *page;
  double            fraction;
} Sending;

static gboolean
upload_sending (gpointer data)
{
  Sending *s = data;
  GtkProgressBar *bar = GTK_PROGRESS_BAR (gtk_widget_get_template_child (GTK_WIDGET (s->page), STUDIO_TYPE_SUBMIT_PAGE,
                                                                         "upload_progress"));

  return gtk_progress_bar_get_fraction (bar) >= s->fraction || !studio_submit_page_is_uploading (s->page);
}

static gboolean
queue_idle (gpointer data)
{
  return !studio_upload_queue_is_busy (data);
}

static gboolean
file_contains (const char *path,
               const char *needle)
{
  g_autofree char *contents = NULL;
  gsize len = 0;

  return g_file_get_contents (path, &contents, &len, NULL) && memmem (contents, len, needle, strlen (needle)) != NULL;
}

/* Whether a file under @dir has the SHA-256 @sha. */
static gboolean
dir_has_file_with_sha (const char *dir,
                       const char *sha)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_autofree char *contents = NULL;
      g_autofree char *digest = NULL;
      gsize len = 0;

      if (!g_file_test (path, G_FILE_TEST_IS_REGULAR) || !g_file_get_contents (path, &contents, &len, NULL))
        continue;
      digest = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) contents, len);
      if (g_strcmp0 (digest, sha) == 0)
        return TRUE;
    }

  return FALSE;
}

typedef struct
{
  GSubprocess     *server;
  GSubprocess     *dbus;
  GSubprocess     *keyring;
  GDBusConnection *bus;
  char            *ca;
  char            *endpoint;
  char            *files;
  char            *old_bus;
  char            *old_runtime;
} UploadEnv;

/* A tus server over HTTPS on 127.0.0.1 with a throwaway CA, and a session bus of the test's own with an
 * unlocked GNOME Keyring on it, under @dir; FALSE (the test skipped) when a program is missing. */
static gboolean
upload_env_start (const char *dir,
                  UploadEnv  *env)
{
  g_autofree char *node = g_find_program_in_path ("node");
  g_autofree char *openssl = g_find_program_in_path ("openssl");
  g_autofree char *dbus_daemon = g_find_program_in_path ("dbus-daemon");
  g_autofree char *keyring_daemon = g_find_program_in_path ("gnome-keyring-daemon");
  g_autofree char *peers = g_build_filename (g_test_get_dir (G_TEST_DIST), "peers", NULL);
  g_autofree char *tus = g_build_filename (peers, "node_modules", "@tus", "server", "package.json", NULL);
  g_autofree char *script = g_build_filename (peers, "tus-server.mjs", NULL);
  g_autofree char *certs = g_build_filename (dir, "certs", NULL);
  g_autofree char *files = g_build_filename (dir, "files", NULL);
  g_autofree char *runtime = g_build_filename (dir, "run", NULL);
  g_autofree char *server_out = g_build_filename (dir, "server.out", NULL);
  g_autofree char *ca = NULL;
  g_autofree char *endpoint = NULL;
  g_autofree char *address = NULL;
  g_autoptr(GDBusConnection) bus = NULL;
  g_autoptr(GError) error = NULL;
  GSubprocess *server = NULL;
  GSubprocess *dbus = NULL;
  GSubprocess *keyring = NULL;
  gint64 deadline;
  guint port = 0;

  memset (env, 0, sizeof *env);
  env->old_bus = g_strdup (g_getenv ("DBUS_SESSION_BUS_ADDRESS"));
  env->old_runtime = g_strdup (g_getenv ("XDG_RUNTIME_DIR"));
  if (node == NULL || openssl == NULL || dbus_daemon == NULL || keyring_daemon == NULL ||
      !g_file_test (tus, G_FILE_TEST_EXISTS))
    {
      g_test_skip ("node, openssl, dbus-daemon, gnome-keyring-daemon or tests/peers/node_modules is missing");
      return FALSE;
    }

  /* A throwaway CA and a certificate for 127.0.0.1, and the tus server. */
  g_assert_cmpint (g_mkdir_with_parents (certs, 0700), ==, 0);
  g_assert_cmpint (g_mkdir_with_parents (runtime, 0700), ==, 0);
  {
    g_autofree char *ext = g_build_filename (certs, "server.ext", NULL);

    g_assert_true (g_file_set_contents (ext, "subjectAltName=IP:127.0.0.1\n", -1, NULL));
  }
  run_ok (certs, (const char * const[]) { "openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt",
                                          "ec_paramgen_curve:prime256v1", "-nodes", "-keyout", "ca.key", "-out",
                                          "ca.pem", "-days", "2", "-subj", "/CN=reslib studio test CA", NULL });
  run_ok (certs, (const char * const[]) { "openssl", "req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
                                          "-nodes", "-keyout", "server.key", "-out", "server.csr", "-subj",
                                          "/CN=reslib studio test server", NULL });
  run_ok (certs, (const char * const[]) { "openssl", "x509", "-req", "-in", "server.csr", "-CA", "ca.pem", "-CAkey",
                                          "ca.key", "-CAcreateserial", "-out", "server.pem", "-days", "2", "-extfile",
                                          "server.ext", NULL });
  ca = g_build_filename (certs, "ca.pem", NULL);
  server = spawn (dir, (const char * const[]) { node, script, "--cert", "certs/server.pem", "--key",
                                                   "certs/server.key", "--store", files, "--port", "0", NULL },
                  G_SUBPROCESS_FLAGS_NONE, server_out);
  deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;
  while (port == 0 && g_get_monotonic_time () < deadline)
    {
      g_autofree char *text = NULL;
      const char *p;

      if (g_file_get_contents (server_out, &text, NULL, NULL) && (p = strstr (text, "\"port\":")) != NULL &&
          strchr (p, '\n') != NULL)
        port = (guint) g_ascii_strtoull (p + 7, NULL, 10);
      else
        g_usleep (20000);
    }
  g_assert_cmpuint (port, >, 0);
  endpoint = g_strdup_printf ("https://127.0.0.1:%u/files", port);

  /* A session bus of the test's own, with an unlocked GNOME Keyring on it. */
  dbus = spawn (dir, (const char * const[]) { dbus_daemon, "--session", "--nofork", "--print-address=1", NULL },
                G_SUBPROCESS_FLAGS_STDOUT_PIPE, NULL);
  {
    g_autoptr(GDataInputStream) in = g_data_input_stream_new (g_subprocess_get_stdout_pipe (dbus));

    address = g_data_input_stream_read_line (in, NULL, NULL, &error);
    g_assert_no_error (error);
    g_assert_nonnull (address);
  }
  g_setenv ("DBUS_SESSION_BUS_ADDRESS", address, TRUE);
  g_setenv ("XDG_RUNTIME_DIR", runtime, TRUE);
  bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, &error);
  g_assert_no_error (error);
  g_dbus_connection_set_exit_on_close (bus, FALSE);
  /* The keyring keeps its files under the environment's folder, not the first test's home, which goes with it. */
  {
    g_autofree char *old_home = g_strdup (g_getenv ("HOME"));
    g_autofree char *old_data = g_strdup (g_getenv ("XDG_DATA_HOME"));
    g_autofree char *home = g_build_filename (dir, "home", NULL);
    g_autofree char *data = g_build_filename (home, "data", NULL);

    g_assert_cmpint (g_mkdir_with_parents (data, 0700), ==, 0);
    g_setenv ("HOME", home, TRUE);
    g_setenv ("XDG_DATA_HOME", data, TRUE);
    keyring = spawn (dir, (const char * const[]) { keyring_daemon, "--foreground", "--unlock",
                                                   "--components=secrets", NULL },
                     G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_SILENCE, NULL);
    g_setenv ("HOME", old_home, TRUE);
    if (old_data != NULL)
      g_setenv ("XDG_DATA_HOME", old_data, TRUE);
    else
      g_unsetenv ("XDG_DATA_HOME");
  }
  g_assert_true (g_output_stream_write_all (g_subprocess_get_stdin_pipe (keyring), "test", 4, NULL, NULL, &error));
  g_assert_true (g_output_stream_close (g_subprocess_get_stdin_pipe (keyring), NULL, &error));
  deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;
  for (gboolean owned = FALSE; !owned; g_usleep (50000))
    {
      g_autoptr(GVariant) reply = g_dbus_connection_call_sync (bus, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                                                               "org.freedesktop.DBus", "NameHasOwner",
                                                               g_variant_new ("(s)", "org.freedesktop.secrets"),
                                                               G_VARIANT_TYPE ("(b)"), G_DBUS_CALL_FLAGS_NONE, -1,
                                                               NULL, NULL);

      if (reply != NULL)
        g_variant_get (reply, "(b)", &owned);
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
    }

  env->server = server;
  env->dbus = dbus;
  env->keyring = keyring;
  env->bus = g_steal_pointer (&bus);
  env->ca = g_steal_pointer (&ca);
  env->endpoint = g_steal_pointer (&endpoint);
  env->files = g_steal_pointer (&files);

  return TRUE;
}

static void
upload_env_stop (UploadEnv *env)
{
  stop (env->keyring);
  g_dbus_connection_close_sync (env->bus, NULL, NULL);
  g_clear_object (&env->bus);
  stop (env->dbus);
  stop (env->server);
  if (env->old_bus != NULL)
    g_setenv ("DBUS_SESSION_BUS_ADDRESS", env->old_bus, TRUE);
  else
    g_unsetenv ("DBUS_SESSION_BUS_ADDRESS");
  if (env->old_runtime != NULL)
    g_setenv ("XDG_RUNTIME_DIR", env->old_runtime, TRUE);
  else
    g_unsetenv ("XDG_RUNTIME_DIR");
  g_free (env->ca);
  g_free (env->endpoint);
  g_free (env->files);
  g_free (env->old_bus);
  g_free (env->old_runtime);
}

/* One environment for the process: GLib keeps the first session bus it connects to (libsecret holds it), so a
 * second bus would not be used. Stopped at the end of main(). */
static UploadEnv shared_env;
static char *shared_env_dir;
static gboolean shared_env_tried;
static gboolean shared_env_ok;

static UploadEnv *
upload_env_get (void)
{
  if (!shared_env_tried)
    {
      shared_env_tried = TRUE;
      shared_env_dir = reslib_test_make_tmp_dir ("reslib-upload-env-XXXXXX");
      shared_env_ok = upload_env_start (shared_env_dir, &shared_env);
    }
  else if (!shared_env_ok)
    g_test_skip ("node, openssl, dbus-daemon, gnome-keyring-daemon or tests/peers/node_modules is missing");

  return shared_env_ok ? &shared_env : NULL;
}

/* The endpoint and a slow rate in Preferences; the token through the Token row into the keyring. */
static void
upload_set_endpoint (StudioWindow *window,
                     const char   *endpoint)
{
  GtkWindow *prefs = studio_preferences_window_new (GTK_WINDOW (window));

  g_object_ref (prefs);
  gtk_window_present (prefs);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (prefs));
  {
    GObject *endpoint_row = gtk_widget_get_template_child (GTK_WIDGET (prefs), STUDIO_TYPE_PREFERENCES_WINDOW,
                                                           "endpoint_row");
    GtkWidget *token_row = studio_test_find_labelled (prefs, "Token");
    LabelText stored = { gtk_widget_get_template_child (GTK_WIDGET (prefs), STUDIO_TYPE_PREFERENCES_WINDOW,
                                                        "token_message"), "is stored in the keyring" };

    gtk_editable_set_text (GTK_EDITABLE (endpoint_row), endpoint);
    g_signal_emit_by_name (endpoint_row, "apply");
    gtk_editable_set_text (GTK_EDITABLE (token_row), TOKEN);
    g_signal_emit_by_name (token_row, "apply");
    if (!studio_test_wait_until (text_shows, &stored, 20000))
      g_error ("the token was not stored: “%s”", gtk_label_get_text (GTK_LABEL (stored.label)));
    g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (token_row)), ==, "");
  }
  gtk_window_destroy (prefs);
  g_object_unref (prefs);
}

/* Builds a progress package (about 1.2 MB) in @out, then uploads it and pauses. Returns the package's
 * SHA-256. */
static char *
upload_build_and_pause (Fixture      *f,
                        StudioWindow *window,
                        const char   *out)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ReslibRecord) row = NULL;
  g_auto(GStrv) ids = NULL;
  StudioSubmitPage *page;
  char *sha;

  ids = import_files (f, 3, 400 * 1024);
  reslib_test_approve_all (f->store, f->project);   /* a progress package holds approved resources */
  page = show_submit (window);
  adw_combo_row_set_selected (studio_test_page_child (window, "submit", "kind_row"), 1);
  studio_submit_page_set_output_path (page, out);
  click (page, "Build Package");
  g_assert_true (studio_test_wait_until (build_done, page, 30000));
  g_assert_true (g_file_test (out, G_FILE_TEST_IS_REGULAR));
  {
    g_autofree char *contents = NULL;
    gsize len = 0;

    g_assert_true (g_file_get_contents (out, &contents, &len, NULL));
    sha = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) contents, len);
  }

  click (page, "Upload");
  {
    Sending sending = { page, 0.2 };

    g_assert_true (studio_test_wait_until (upload_sending, &sending, 30000));
  }
  g_assert_true (studio_submit_page_is_uploading (page));
  click (page, "Pause");
  g_assert_true (studio_test_wait_until (upload_done, page, 30000));
  studio_test_flush ();
  g_assert_cmpstr (gtk_progress_bar_get_text (studio_test_page_child (window, "submit", "upload_progress")), ==,
                   "Paused");
  g_assert_nonnull (studio_submit_page_get_submission_id (page));
  row = reslib_store_get (f->store, RESLIB_KIND_SUBMISSION, studio_submit_page_get_submission_id (page), &error);
  g_assert_no_error (error);
  g_assert_null (reslib_record_get (row, "completed_at"));
  g_assert_nonnull (reslib_record_get (row, "upload_url"));

  return sha;
}

/* A paused upload stays paused across a restart: the queue lists it, nothing resumes it. Returns the new
 * window. */
static StudioWindow *
upload_restart_paused (Fixture      *f,
                       GSettings    *settings,
                       StudioWindow *window)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ReslibRecord) row = NULL;
  StudioSubmitPage *page;

  g_settings_set_uint (settings, "rate-limit", 256);
  studio_test_close_window (window);
  window = studio_test_show_window (f->store);
  page = show_submit (window);
  studio_test_flush ();
  g_usleep (300000);
  studio_test_flush ();
  g_assert_false (studio_submit_page_is_uploading (page));
  g_assert_cmpstr (gtk_progress_bar_get_text (studio_test_page_child (window, "submit", "upload_progress")), ==,
                   "Paused");
  row = reslib_store_get (f->store, RESLIB_KIND_SUBMISSION, studio_submit_page_get_submission_id (page), &error);
  g_assert_no_error (error);
  g_assert_cmpint (reslib_submission_get_state (f->store, row), ==, RESLIB_SUBMISSION_PAUSED);

  return window;
}

/* Resume continues it; the app closing while it sends interrupts it, and the next start resumes it to the
 * end: the server holds the package, the history shows it as uploaded. Returns the new window. */
static StudioWindow *
upload_resume_to_end (Fixture      *f,
                      GSettings    *settings,
                      StudioWindow *window,
                      const char   *sha,
                      const char   *files)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ReslibRecord) row = NULL;
  StudioSubmitPage *page = STUDIO_SUBMIT_PAGE (studio_window_get_page (window, "submit"));

  click (page, "Resume");
  {
    Sending sending = { page, 0.5 };
    g_autoptr(StudioUploadQueue) old = g_object_ref (studio_session_get_upload_queue (
                                                       studio_page_get_session (STUDIO_PAGE (page))));

    g_assert_true (studio_submit_page_is_uploading (page));
    g_assert_true (studio_test_wait_until (upload_sending, &sending, 30000));
    g_assert_true (studio_submit_page_is_uploading (page));
    studio_test_close_window (window);
    g_assert_true (studio_test_wait_until (queue_idle, old, 30000));
  }
  g_settings_set_uint (settings, "rate-limit", 0);
  window = studio_test_show_window (f->store);
  page = show_submit (window);
  g_assert_true (studio_test_wait_until (upload_done, page, 60000));
  studio_test_flush ();
  {
    LabelText what = { studio_test_page_child (window, "submit", "upload_status"), "The package was uploaded." };

    g_assert_true (text_shows (&what));
  }
  row = reslib_store_get (f->store, RESLIB_KIND_SUBMISSION, studio_submit_page_get_submission_id (page), &error);
  g_assert_no_error (error);
  g_assert_nonnull (reslib_record_get (row, "completed_at"));
  /* The page packs without the tar's digest, and the upload does not read the package for it first: the
   * submission goes by the bag's own digest, and the tar's, computed while it was sent (across the restart,
   * from the state kept with the offset), is its receipt. */
  g_assert_cmpstr (reslib_record_get (row, "sha256"), !=, sha);
  {
    g_autofree char *query = g_strdup_printf ("SELECT tar_sha256 FROM submissions WHERE id = '%s'",
                                              studio_submit_page_get_submission_id (page));
    g_autofree char *receipt = reslib_test_sql_text (reslib_store_get_db_path (f->store), query);

    g_assert_cmpstr (receipt, ==, sha);
  }
  g_assert_true (dir_has_file_with_sha (files, sha));

  /* The history shows it as uploaded. */
  {
    GtkListBox *list = studio_test_page_child (window, "submit", "submissions_list");

    g_assert_true (studio_test_wait_until (history_uploaded, list, 5000));
  }

  return window;
}

/* A second upload, paused, resumed, paused again, then cancelled: the server forgets it, and so does the
 * submission, which is never resumed again. Returns the new window. */
static StudioWindow *
upload_cancel_second (Fixture      *f,
                      GSettings    *settings,
                      StudioWindow *window)
{
  g_autofree char *second = g_build_filename (f->dir, "second.tar", NULL);
  g_autofree char *id = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(ReslibRecord) row = NULL;
  StudioSubmitPage *page = STUDIO_SUBMIT_PAGE (studio_window_get_page (window, "submit"));
  Sending sending = { page, 0.1 };

  g_settings_set_uint (settings, "rate-limit", 256);
  adw_combo_row_set_selected (studio_test_page_child (window, "submit", "kind_row"), 2);
  studio_submit_page_set_output_path (page, second);
  click (page, "Build Package");
  g_assert_true (studio_test_wait_until (build_done, page, 30000));
  click (page, "Upload");
  g_assert_true (studio_test_wait_until (upload_sending, &sending, 30000));
  click (page, "Pause");
  g_assert_true (studio_test_wait_until (upload_done, page, 30000));
  g_assert_cmpstr (gtk_progress_bar_get_text (studio_test_page_child (window, "submit", "upload_progress")), ==,
                   "Paused");
  /* Resume continues it; paused again, then cancelled. */
  click (page, "Resume");
  g_assert_true (studio_submit_page_is_uploading (page));
  sending.fraction = 0.3;
  g_assert_true (studio_test_wait_until (upload_sending, &sending, 30000));
  g_assert_true (studio_submit_page_is_uploading (page));
  click (page, "Pause");
  g_assert_true (studio_test_wait_until (upload_done, page, 30000));
  id = g_strdup (studio_submit_page_get_submission_id (page));
  g_assert_nonnull (id);
  row = reslib_store_get (f->store, RESLIB_KIND_SUBMISSION, id, &error);
  g_assert_nonnull (reslib_record_get (row, "upload_url"));
  click (page, "Cancel Upload");
  g_assert_true (studio_submit_page_is_uploading (page));
  g_assert_true (studio_test_wait_until (upload_done, page, 30000));
  studio_test_flush ();
  g_assert_cmpstr (gtk_progress_bar_get_text (studio_test_page_child (window, "submit", "upload_progress")), ==,
                   "Cancelled");
  g_clear_object (&row);
  row = reslib_store_get (f->store, RESLIB_KIND_SUBMISSION, id, NULL);
  g_assert_true (row == NULL || reslib_record_get (row, "upload_url") == NULL);
  g_assert_cmpint (reslib_submission_get_state (f->store, row), ==, RESLIB_SUBMISSION_CANCELLED);
  g_settings_set_uint (settings, "rate-limit", 0);

  /* Never resumed again. */
  studio_test_close_window (window);
  window = studio_test_show_window (f->store);
  page = show_submit (window);
  studio_test_flush ();
  g_assert_false (studio_submit_page_is_uploading (page));
  g_assert_null (studio_upload_queue_find (studio_session_get_upload_queue (
                                             studio_page_get_session (STUDIO_PAGE (page))), id));

  return window;
}

/* The token is in no file of the store or of the settings. */
static void
upload_token_nowhere (Fixture    *f,
                      GSettings  *settings,
                      const char *endpoint)
{
  g_autofree char *wal = g_strconcat (reslib_store_get_db_path (f->store), "-wal", NULL);
  g_autofree char *value = g_settings_get_string (settings, "endpoint-url");

  g_assert_false (file_contains (reslib_store_get_db_path (f->store), TOKEN));
  g_assert_false (file_contains (wal, TOKEN));
  g_assert_cmpstr (value, ==, endpoint);
}

/* An upload from the Submit page, through the keyring's token: paused, kept paused across a restart, resumed,
 * interrupted by closing the app and resumed by the next start to the end; a second one cancelled. */
static void
test_upload (Fixture       *f,
             gconstpointer  data)
{
  g_autofree char *out = g_build_filename (f->dir, "upload.tar", NULL);
  g_autofree char *sha = NULL;
  g_autoptr(GSettings) settings = g_settings_new ("io.github.reslib.Studio");
  UploadEnv *env = upload_env_get ();
  StudioWindow *window;

  if (env == NULL)
    return;

  g_settings_set_string (settings, "ca-file", env->ca);
  g_settings_set_uint (settings, "chunk-size", 1);
  g_settings_set_uint (settings, "rate-limit", 512);
  window = studio_test_show_window (f->store);
  upload_set_endpoint (window, env->endpoint);

  sha = upload_build_and_pause (f, window, out);
  window = upload_restart_paused (f, settings, window);
  window = upload_resume_to_end (f, settings, window, sha, env->files);
  window = upload_cancel_second (f, settings, window);
  studio_test_close_window (window);

  upload_token_nowhere (f, settings, env->endpoint);
}

static void screenshot (StudioWindow *window,
                        GtkWidget    *widget,
                        const char   *name);
static void store_token (const char *endpoint);

/* "Submit from Library": the package of the kind chosen goes from the store into the upload through the
 * session's queue, with no file; the server ends with the bytes a pack of the same state writes, and the
 * submission's receipt holds their digest. */
static void
test_upload_streamed (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *packed_path = g_build_filename (f->dir, "same-state.tar", NULL);
  g_autofree char *packed = NULL;
  g_autofree char *stored = NULL;
  g_autoptr(GSettings) settings = g_settings_new ("io.github.reslib.Studio");
  g_autoptr(GError) error = NULL;
  g_autoptr(ReslibRecord) row = NULL;
  g_auto(GStrv) ids = NULL;
  UploadEnv *env = upload_env_get ();
  StudioUploadItem *item;
  StudioSubmitPage *page;
  GtkWidget *submit_button;
  StudioWindow *window;

  if (env == NULL)
    return;
  if (g_getenv ("RESLIB_TEST_SCREENSHOT_LOCALE") != NULL && g_getenv ("RESLIB_LOCALEDIR") != NULL)
    {
      g_assert_nonnull (setlocale (LC_ALL, g_getenv ("RESLIB_TEST_SCREENSHOT_LOCALE")));
      bindtextdomain (GETTEXT_PACKAGE, g_getenv ("RESLIB_LOCALEDIR"));
      bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
      textdomain (GETTEXT_PACKAGE);
    }
  g_settings_set_string (settings, "ca-file", env->ca);
  g_settings_set_uint (settings, "chunk-size", 1);
  g_settings_set_uint (settings, "rate-limit", 0);
  g_settings_set_string (settings, "endpoint-url", env->endpoint);
  store_token (env->endpoint);
  window = studio_test_show_window (f->store);
  ids = import_files (f, 3, 400 * 1024);
  reslib_test_approve_all (f->store, f->project);   /* a progress package holds approved resources */
  g_assert_true (reslib_test_pack (f->store, f->project, "progress", NULL, packed_path, NULL, &error));
  g_assert_no_error (error);
  {
    g_autofree char *contents = NULL;
    gsize len = 0;

    g_assert_true (g_file_get_contents (packed_path, &contents, &len, NULL));
    packed = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) contents, len);
  }

  page = show_submit (window);
  submit_button = studio_test_page_child (window, "submit", "submit_button");
  /* No file is built: the page offers it for every kind but a contribution. */
  adw_combo_row_set_selected (studio_test_page_child (window, "submit", "kind_row"), 3);
  studio_test_flush ();
  g_assert_false (gtk_widget_is_sensitive (submit_button));
  adw_combo_row_set_selected (studio_test_page_child (window, "submit", "kind_row"), 1);
  studio_test_flush ();
  g_assert_true (gtk_widget_is_sensitive (submit_button));
  gtk_widget_activate_action (GTK_WIDGET (page), "submit.submit", NULL);
  /* Not "is uploading" after a flush: two chunks of a loopback upload can be done by then. The item in
   * the queue, done and streamed, is what shows the action started the upload. */
  {
    StudioUploadQueue *queue = studio_session_get_upload_queue (studio_window_get_session (window));

    g_assert_true (studio_test_wait_until (queue_idle, queue, 60000));
  }
  g_assert_nonnull (studio_submit_page_get_submission_id (page));
  item = studio_upload_queue_find (studio_session_get_upload_queue (studio_window_get_session (window)),
                                   studio_submit_page_get_submission_id (page));
  g_assert_nonnull (item);
  g_assert_true (studio_upload_item_get_streamed (item));
  g_assert_cmpint (studio_upload_item_get_state (item), ==, STUDIO_UPLOAD_DONE);
  screenshot (window, submit_button, "submit-streamed");

  row = reslib_store_get (f->store, RESLIB_KIND_SUBMISSION, studio_submit_page_get_submission_id (page), &error);
  g_assert_no_error (error);
  g_assert_true (reslib_submission_is_streamed (f->store, row));
  {
    g_autofree char *id = g_path_get_basename (reslib_record_get (row, "upload_url"));
    g_autofree char *path = g_build_filename (env->files, id, NULL);
    g_autofree char *contents = NULL;
    gsize len = 0;

    g_assert_true (g_file_get_contents (path, &contents, &len, NULL));
    stored = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) contents, len);
  }
  g_assert_cmpstr (stored, ==, packed);
  {
    g_autofree char *receipt = reslib_test_sql_text (reslib_store_get_db_path (f->store),
                                                     "SELECT tar_sha256 FROM submissions WHERE source = 'store'");

    g_assert_cmpstr (receipt, ==, packed);
  }
  studio_test_close_window (window);
}

/* With RESLIB_TEST_SCREENSHOTS set to a folder, the window as it is now, in NAME-LANG.png there, with the
 * Submit page scrolled to @widget; RESLIB_TEST_SCREENSHOT_LOCALE=zh_CN.UTF-8 shows it in Chinese (the widget
 * tests run in C.UTF-8 otherwise). */
static void
screenshot (StudioWindow *window,
            GtkWidget    *widget,
            const char   *name)
{
  const char *dir = g_getenv ("RESLIB_TEST_SCREENSHOTS");
  const char *lang = g_getenv ("RESLIB_TEST_SCREENSHOT_LOCALE");
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GskRenderer) renderer = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  GtkWidget *scrolled = gtk_widget_get_ancestor (widget, GTK_TYPE_SCROLLED_WINDOW);
  GtkSnapshot *snapshot;
  GskRenderNode *node;
  int w, h;

  if (dir == NULL)
    return;
  if (scrolled != NULL)
    {
      graphene_point_t at;

      if (gtk_widget_compute_point (widget, scrolled, &GRAPHENE_POINT_INIT (0, 0), &at))
        {
          GtkAdjustment *adj = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled));

          gtk_adjustment_set_value (adj, gtk_adjustment_get_value (adj) + at.y - 24);
        }
    }
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  studio_test_flush ();
  w = gtk_widget_get_width (GTK_WIDGET (window));
  h = gtk_widget_get_height (GTK_WIDGET (window));
  paintable = gtk_widget_paintable_new (GTK_WIDGET (window));
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, snapshot, w, h);
  node = gtk_snapshot_free_to_node (snapshot);
  renderer = gsk_cairo_renderer_new ();
  g_assert_true (gsk_renderer_realize (renderer, NULL, &error));
  texture = gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, w, h));
  path = g_strdup_printf ("%s/%s-%s.png", dir, name, lang != NULL && g_str_has_prefix (lang, "zh") ? "zh_CN" : "en");
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("screenshot: %s", path);
  gsk_renderer_unrealize (renderer);
  gsk_render_node_unref (node);
}

static void
token_stored (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (studio_secret_store_token_finish (result, &error));
  g_assert_no_error (error);
  *(gboolean *) user_data = TRUE;
}

static gboolean
is_true (gpointer data)
{
  return *(gboolean *) data;
}

typedef struct
{
  gboolean  done;
  char     *token;
} Lookup;

static void
token_found (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  Lookup *lookup = user_data;
  g_autoptr(GError) error = NULL;

  lookup->token = studio_secret_lookup_token_finish (result, &error);
  g_assert_no_error (error);
  lookup->done = TRUE;
}

/* Stores the token for @endpoint unless it is stored already (GNOME Keyring 42 does not survive replacing an
 * item of the session's collection: "asked to register item …, but it's already registered"). */
static void
store_token (const char *endpoint)
{
  gboolean stored = FALSE;
  Lookup lookup = { FALSE, NULL };

  studio_secret_lookup_token_async (endpoint, NULL, token_found, &lookup);
  g_assert_true (studio_test_wait_until (is_true, &lookup.done, 20000));
  if (g_strcmp0 (lookup.token, TOKEN) == 0)
    {
      g_free (lookup.token);
      return;
    }
  g_free (lookup.token);
  studio_secret_store_token_async (endpoint, TOKEN, NULL, token_stored, &stored);
  g_assert_true (studio_test_wait_until (is_true, &stored, 20000));
}

typedef struct
{
  StudioUploadItem  *item;
  StudioUploadState  state;
} ItemState;

static gboolean
item_in_state (gpointer data)
{
  ItemState *want = data;

  return studio_upload_item_get_state (want->item) == want->state;
}

static gboolean
history_not_uploading (gpointer data)
{
  const char *uploading = g_dgettext (GETTEXT_PACKAGE, "Uploading");

  for (GtkWidget *row = gtk_widget_get_first_child (data); row != NULL; row = gtk_widget_get_next_sibling (row))
    if (ADW_IS_EXPANDER_ROW (row) && strstr (adw_expander_row_get_subtitle (ADW_EXPANDER_ROW (row)), uploading) != NULL)
      return FALSE;
  return gtk_widget_get_first_child (data) != NULL;
}

static gboolean
is_retrying (gpointer data)
{
  return *(guint *) data >= 1;
}

static void
note_retries (StudioUploadItem *item,
              GParamSpec       *pspec,
              guint            *most)
{
  *most = MAX (*most, studio_upload_item_get_retries (item));
}

/* The page as a view of the session's upload queue, driven through its actions and checked by state, so that
 * it runs in any language (and takes its screenshots in it): one Cancel while sending ends the upload on the
 * server; an endpoint that cannot be reached is retried, counted, given up after the retry time limit with a
 * hint, can be retried by hand, and cancelled while it waits to retry. */
static void
test_upload_queue (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *out = g_build_filename (f->dir, "queue.tar", NULL);
  g_autofree char *unreachable = g_strdup ("https://127.0.0.1:1/files");
  g_autoptr(GSettings) settings = g_settings_new ("io.github.reslib.Studio");
  g_autoptr(GError) error = NULL;
  g_autoptr(ReslibRecord) row = NULL;
  g_autofree char *url = NULL;
  g_auto(GStrv) ids = NULL;
  StudioUploadQueue *queue;
  StudioUploadItem *item;
  StudioWindow *window;
  StudioSubmitPage *page;
  GtkWidget *queue_group;
  UploadEnv *env = upload_env_get ();
  guint most_retries = 0;

  if (env == NULL)
    return;
  if (g_getenv ("RESLIB_TEST_SCREENSHOT_LOCALE") != NULL && g_getenv ("RESLIB_LOCALEDIR") != NULL)
    {
      g_assert_nonnull (setlocale (LC_ALL, g_getenv ("RESLIB_TEST_SCREENSHOT_LOCALE")));
      bindtextdomain (GETTEXT_PACKAGE, g_getenv ("RESLIB_LOCALEDIR"));
      bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
      textdomain (GETTEXT_PACKAGE);
    }
  g_settings_set_string (settings, "ca-file", env->ca);
  g_settings_set_string (settings, "endpoint-url", env->endpoint);
  g_settings_set_uint (settings, "chunk-size", 1);
  g_settings_set_uint (settings, "rate-limit", 128);
  store_token (env->endpoint);
  store_token (unreachable);

  ids = import_files (f, 3, 400 * 1024);
  reslib_test_approve_all (f->store, f->project);   /* a progress package holds approved resources */
  window = studio_test_show_window (f->store);
  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 760);
  page = show_submit (window);
  queue = studio_session_get_upload_queue (studio_page_get_session (STUDIO_PAGE (page)));
  studio_upload_queue_set_retry_time_limit (queue, 3);
  queue_group = studio_test_page_child (window, "submit", "queue_group");
  g_assert_false (gtk_widget_get_visible (queue_group));
  adw_combo_row_set_selected (studio_test_page_child (window, "submit", "kind_row"), 1);
  studio_submit_page_set_output_path (page, out);
  gtk_widget_activate_action (GTK_WIDGET (page), "submit.build", NULL);
  g_assert_true (studio_test_wait_until (build_done, page, 30000));

  /* Sending … */
  gtk_widget_activate_action (GTK_WIDGET (page), "submit.upload", NULL);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (queue)), ==, 1);
  item = g_list_model_get_item (G_LIST_MODEL (queue), 0);
  g_object_unref (item);
  {
    Sending sending = { page, 0.25 };

    g_assert_true (studio_test_wait_until (upload_sending, &sending, 30000));
  }
  g_assert_cmpint (studio_upload_item_get_state (item), ==, STUDIO_UPLOAD_RUNNING);
  g_assert_true (gtk_widget_get_visible (queue_group));
  /* The package to upload is the one that runs (never "None yet" while an upload runs). */
  g_assert_true (g_str_has_prefix (adw_action_row_get_subtitle (studio_test_page_child (window, "submit",
                                                                                        "upload_package_row")),
                                   "Uploading "));
  screenshot (window, queue_group, "upload-queue-sending");

  /* … one Cancel while it sends: the run stops, the endpoint forgets it, the submission is cancelled. */
  row = reslib_store_get (f->store, RESLIB_KIND_SUBMISSION, studio_upload_item_get_submission_id (item), &error);
  g_assert_no_error (error);
  url = g_strdup (reslib_record_get (row, "upload_url"));
  g_assert_nonnull (url);
  g_clear_object (&row);
  gtk_widget_activate_action (GTK_WIDGET (page), "submit.cancel-upload", NULL);
  {
    ItemState want = { item, STUDIO_UPLOAD_CANCELLED };

    g_assert_true (studio_test_wait_until (item_in_state, &want, 30000));
  }
  {
    g_autofree char *base = g_path_get_basename (url);
    g_autofree char *stored = g_build_filename (env->files, base, NULL);

    g_assert_false (g_file_test (stored, G_FILE_TEST_EXISTS));
  }
  row = reslib_store_get (f->store, RESLIB_KIND_SUBMISSION, studio_upload_item_get_submission_id (item), &error);
  g_assert_cmpint (reslib_submission_get_state (f->store, row), ==, RESLIB_SUBMISSION_CANCELLED);
  g_clear_object (&row);
  g_assert_false (studio_submit_page_is_uploading (page));

  /* An endpoint nobody answers at: retried, counted, and given up after the time limit, with a hint. */
  g_settings_set_string (settings, "endpoint-url", unreachable);
  gtk_widget_activate_action (GTK_WIDGET (page), "submit.upload", NULL);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (queue)), ==, 2);
  item = g_list_model_get_item (G_LIST_MODEL (queue), 1);
  g_object_unref (item);
  g_signal_connect (item, "notify::retries", G_CALLBACK (note_retries), &most_retries);
  {
    ItemState want = { item, STUDIO_UPLOAD_FAILED };

    g_assert_true (studio_test_wait_until (item_in_state, &want, 60000));
  }
  g_test_message ("failed after %u retries: %s / %s", most_retries, studio_upload_item_get_message (item),
                  studio_upload_item_get_hint (item));
  g_assert_cmpuint (most_retries, >=, 1);
  g_assert_nonnull (studio_upload_item_get_hint (item));
  g_assert_nonnull (strstr (gtk_label_get_text (studio_test_page_child (window, "submit", "upload_status")),
                            studio_upload_item_get_hint (item)));
  g_assert_cmpstr (gtk_button_get_label (studio_test_page_child (window, "submit", "resume_button")), ==,
                   g_dgettext (GETTEXT_PACKAGE, "R_etry"));
  g_assert_false (studio_submit_page_is_uploading (page));
  /* The history follows the queue: that submission no longer shows as uploading. */
  g_assert_true (studio_test_wait_until (history_not_uploading,
                                         studio_test_page_child (window, "submit", "submissions_list"), 5000));
  screenshot (window, queue_group, "upload-queue-failed");

  /* Retried by hand: it runs again, and one Cancel while it waits to retry ends it. */
  most_retries = 0;
  gtk_widget_activate_action (GTK_WIDGET (page), "submit.resume", NULL);
  g_assert_cmpint (studio_upload_item_get_state (item), !=, STUDIO_UPLOAD_FAILED);
  g_assert_true (studio_test_wait_until (is_retrying, &most_retries, 30000));
  g_assert_cmpint (studio_upload_item_get_state (item), ==, STUDIO_UPLOAD_RUNNING);
  g_signal_handlers_disconnect_by_func (item, note_retries, &most_retries);
  gtk_widget_activate_action (GTK_WIDGET (page), "submit.cancel-upload", NULL);
  {
    ItemState want = { item, STUDIO_UPLOAD_CANCELLED };

    g_assert_true (studio_test_wait_until (item_in_state, &want, 30000));
  }
  row = reslib_store_get (f->store, RESLIB_KIND_SUBMISSION, studio_upload_item_get_submission_id (item), &error);
  g_assert_cmpint (reslib_submission_get_state (f->store, row), ==, RESLIB_SUBMISSION_CANCELLED);

  studio_test_close_window (window);
}

static void
exported_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  int *state = user_data;
  g_autoptr(GError) error = NULL;

  *state = studio_lms_export_to_file_finish (result, &error) ? 1 : 2;
  g_assert_no_error (error);
}

static gboolean
export_done (gpointer data)
{
  return *(int *) data != 0;
}

/* The Submit page offers "Export for LMS…" (submit.export-lms, which asks for a file); the export it runs
 * writes a zip with imsmanifest.xml at its root and the resources' files. */
static void
test_export_lms (Fixture       *f,
                 gconstpointer  data)
{
  g_auto(GStrv) ids = import_files (f, 2, 512);
  g_autofree char *path = g_build_filename (f->dir, "课程 LMS.zip", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autofree char *contents = NULL;
  StudioWindow *window;
  StudioSubmitPage *page;
  int state = 0;
  gsize len;

  window = studio_test_show_window (f->store);
  page = show_submit (window);
  g_assert_true (gtk_widget_is_visible (GTK_WIDGET (page)));
  {
    gboolean found = FALSE;

    /* The row is there, bound to the page's action. */
    for (GtkWidget *w = GTK_WIDGET (page); w != NULL; )
      {
        if (ADW_IS_ACTION_ROW (w) &&
            g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (w)), "submit.export-lms") == 0)
          found = TRUE;
        if (gtk_widget_get_first_child (w) != NULL)
          w = gtk_widget_get_first_child (w);
        else
          {
            while (w != NULL && w != GTK_WIDGET (page) && gtk_widget_get_next_sibling (w) == NULL)
              w = gtk_widget_get_parent (w);
            w = w == NULL || w == GTK_WIDGET (page) ? NULL : gtk_widget_get_next_sibling (w);
          }
      }
    g_assert_true (found);
  }

  studio_lms_export_to_file (studio_window_get_session (window), file, RESLIB_OUTPUT_NONE, exported_cb, &state);
  g_assert_true (studio_test_wait_until (export_done, &state, 60000));
  g_assert_cmpint (state, ==, 1);
  g_assert_true (g_file_get_contents (path, &contents, &len, NULL));
  g_assert_true (g_str_has_prefix (contents, "PK\x03\x04"));
  g_assert_nonnull (memmem (contents, len, "imsmanifest.xml", strlen ("imsmanifest.xml")));
  g_assert_nonnull (memmem (contents, len, "resources/讲义0.txt", strlen ("resources/讲义0.txt")));
  studio_test_close_window (window);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  if (!studio_test_init (&argc, &argv))
    return 0;

  g_test_add_func ("/studio/checks/subject-pages", test_subject_pages);
  g_test_add ("/studio/checks/run", Fixture, NULL, fixture_setup, test_checks, fixture_teardown);
  g_test_add ("/studio/checks/groups", Fixture, NULL, fixture_setup, test_check_groups, fixture_teardown);
  g_test_add ("/studio/submit/build-contribution", Fixture, NULL, fixture_setup, test_build_contribution,
              fixture_teardown);
  g_test_add ("/studio/submit/output-last-folder", Fixture, NULL, fixture_setup, test_output_last_folder,
              fixture_teardown);
  g_test_add ("/studio/submit/build-chosen", Fixture, NULL, fixture_setup, test_build_chosen, fixture_teardown);
  g_test_add ("/studio/submit/export-lms", Fixture, NULL, fixture_setup, test_export_lms, fixture_teardown);
  g_test_add ("/studio/submit/cancel-build", Fixture, NULL, fixture_setup, test_cancel_build, fixture_teardown);
  g_test_add ("/studio/submit/replace-asks", Fixture, NULL, fixture_setup, test_replace_asks, fixture_teardown);
  g_test_add ("/studio/submit/application-refused", Fixture, NULL, fixture_setup, test_application_refused,
              fixture_teardown);
  g_test_add ("/studio/submit/history", Fixture, NULL, fixture_setup, test_history, fixture_teardown);
  g_test_add ("/studio/preferences/endpoint", Fixture, NULL, fixture_setup, test_preferences, fixture_teardown);
  /* Last: they point the process at a session bus of its own (one for both: see upload_env_get()). */
  g_test_add ("/studio/upload/real-server", Fixture, NULL, fixture_setup, test_upload, fixture_teardown);
  g_test_add ("/studio/upload/queue", Fixture, NULL, fixture_setup, test_upload_queue, fixture_teardown);
  g_test_add ("/studio/upload/streamed", Fixture, NULL, fixture_setup, test_upload_streamed, fixture_teardown);

  status = studio_test_run ();
  if (shared_env_ok)
    upload_env_stop (&shared_env);
  if (shared_env_dir != NULL)
    reslib_test_rm_rf (shared_env_dir);
  g_free (shared_env_dir);

  return status;
}
