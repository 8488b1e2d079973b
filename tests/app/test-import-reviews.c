/* test-import-reviews.c — the import review of a contribution that carries its unit's review (level 1): how
 * many decisions came with it, how many the lead's library records and how many it sets aside
 *
 * Packages are real: the lead's library makes a progress package, a teacher's library joins from it, the
 * unit's reviewer passes a resource there, and the teacher contributes it. The window is the lead's.
 * The texts are compared translated, so that STUDIO_TEST_SHOT_LOCALE=zh_CN.UTF-8 runs it in Chinese too.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <string.h>

#include "reslib-package-importer.h"
#include "reslib-store-review.h"
#include "studio-import-dialog.h"
#include "studio-test-utils.h"

typedef StudioTestFixture Fixture;

#define PROJECT "数控技术专业教学资源库"

static gboolean
reviewed (gpointer data)
{
  StudioImportState state = studio_import_dialog_get_state (data);

  return state != STUDIO_IMPORT_STATE_CHECKING && state != STUDIO_IMPORT_STATE_IMPORTING;
}

static StudioImportDialog *
open_review (StudioWindow *window,
             const char   *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  StudioImportDialog *dialog;

  studio_window_open_package (window, file);
  dialog = STUDIO_IMPORT_DIALOG (studio_window_get_import_dialog (window));
  g_assert_nonnull (dialog);
  g_assert_true (studio_test_wait_until (reviewed, dialog, 30000));
  studio_test_flush ();
  g_assert_cmpint (studio_import_dialog_get_state (dialog), ==, STUDIO_IMPORT_STATE_REVIEW);

  return dialog;
}

static gboolean
window_gone (gpointer data)
{
  return *(gpointer *) data == NULL;
}

/* What the review says of the decisions: @received recorded, @set_aside set aside */
static char *
reviews_text (guint received,
              guint set_aside)
{
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "%u decision came with the package: %u recorded, %u set aside where this "
                                       "library disagrees",
                                       "%u decisions came with the package: %u recorded, %u set aside where this "
                                       "library disagrees",
                                       received + set_aside),
                          received + set_aside, received, set_aside);
}

static ReslibReviewLevel
next_level (ReslibStore *store,
            const char  *resource)
{
  g_autoptr(GError) error = NULL;
  ReslibReviewLevel level = reslib_store_review_next_level (store, resource, &error);

  g_assert_no_error (error);

  return level;
}

static void
test_reviews (Fixture       *f,
              gconstpointer  data)
{
  g_autofree char *teacher_dir = g_build_filename (f->dir, "teacher", NULL);
  g_autofree char *files = g_build_filename (f->dir, "files", NULL);
  g_autofree char *progress = g_build_filename (f->dir, "progress.tar", NULL);
  g_autofree char *contribution = g_build_filename (f->dir, "contribution.tar", NULL);
  g_autofree char *course = NULL, *node = NULL, *host = NULL, *unit = NULL, *reviewer = NULL, *path = NULL;
  g_autofree char *passed = NULL, *recorded = reviews_text (1, 0), *set_aside = reviews_text (0, 1);
  g_autoptr(ReslibStore) teacher = NULL;
  g_autoptr(ReslibImporter) importer = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  StudioImportDialog *dialog;
  gpointer weak;

  /* The lead's project: the first host and a participating unit with its reviewer */
  course = reslib_test_insert (f->store, RESLIB_KIND_COURSE, (const char * const[]) { "project_id", "title", NULL },
                               (const char * const[]) { f->project, "数控车削编程" });
  node = reslib_test_insert (f->store, RESLIB_KIND_NODE, (const char * const[]) { "course_id", "kind", "title", NULL },
                             (const char * const[]) { course, "knowledge", "外圆车削" });
  host = reslib_test_insert (f->store, RESLIB_KIND_UNIT,
                             (const char * const[]) { "project_id", "name", "kind", "role", "host_rank", NULL },
                             (const char * const[]) { f->project, "河南示范职业技术学院", "higher-vocational", "host", "1" });
  unit = reslib_test_insert (f->store, RESLIB_KIND_UNIT, (const char * const[]) { "project_id", "name", "kind", "role", NULL },
                             (const char * const[]) { f->project, "河南精工数控机床有限公司", "enterprise", "participant" });
  reviewer = reslib_test_insert (f->store, RESLIB_KIND_MEMBER, (const char * const[]) { "project_id", "unit_id", "name", NULL },
                                 (const char * const[]) { f->project, unit, "孙工" });
  g_assert_true (reslib_test_pack (f->store, f->project, "progress", NULL, progress, NULL, &error));
  g_assert_no_error (error);

  /* The teacher's library joins, the unit's reviewer passes a resource, the teacher contributes it */
  g_assert_cmpint (g_mkdir_with_parents (files, 0700), ==, 0);
  teacher = reslib_test_open_store (teacher_dir);
  {
    g_autoptr(ReslibPackageImporter) join = reslib_package_importer_new (teacher, progress);

    reslib_package_importer_set_flags (join, RESLIB_IMPORT_JOIN);
    g_assert_true (reslib_job_run (RESLIB_JOB (join), NULL, &error));
    g_assert_no_error (error);
  }
  path = reslib_test_write_file (files, "讲义.txt", "外圆车削的要点", -1);
  file = g_file_new_for_path (path);
  importer = reslib_importer_new (teacher, f->project);
  reslib_importer_add_file (importer, file);
  reslib_importer_set_list (importer, "nodes", (const char * const[]) { node, NULL });
  g_assert_true (reslib_job_run (RESLIB_JOB (importer), NULL, &error));
  g_assert_no_error (error);
  passed = g_strdup (reslib_importer_get_resource_ids (importer)[0]);
  reslib_test_update (teacher, RESLIB_KIND_RESOURCE, passed, "unit_id", unit);
  g_assert_true (reslib_store_review (teacher, (const char * const[]) { passed, NULL }, RESLIB_REVIEW_SUBMIT, NULL,
                                      &error));
  g_assert_no_error (error);
  g_assert_true (reslib_store_review_decide (teacher, (const char * const[]) { passed, NULL }, RESLIB_REVIEW_LEVEL_UNIT,
                                             reviewer, TRUE, RESLIB_REVIEW_CHECK_ALL, "三项均已核查", &error));
  g_assert_no_error (error);
  g_assert_true (reslib_test_pack (teacher, f->project, "contribution", (const char * const[]) { passed, NULL },
                                   contribution, NULL, &error));
  g_assert_no_error (error);

  f->window = studio_test_show_window (f->store);

  /* A package without decisions: no row for them */
  dialog = open_review (f->window, progress);
  g_assert_false (studio_test_shows_text (dialog, _("Unit reviews")));
  gtk_window_destroy (GTK_WINDOW (dialog));
  studio_test_flush ();

  /* The contribution: its one decision would be recorded */
  dialog = open_review (f->window, contribution);
  g_assert_true (studio_test_shows_text (dialog, _("Unit reviews")));
  g_assert_true (studio_test_shows_text (dialog, recorded));
  studio_test_save_shot (dialog, "import-reviews");
  g_assert_null (reslib_store_get (f->store, RESLIB_KIND_RESOURCE, passed, NULL));   /* nothing written yet */
  weak = dialog;
  g_object_add_weak_pointer (G_OBJECT (dialog), &weak);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "import.import", NULL));
  g_assert_true (studio_test_wait_until (window_gone, &weak, 30000));
  g_assert_cmpint (next_level (f->store, passed), ==, RESLIB_REVIEW_LEVEL_HOST);

  /* The same contribution again: the decision is already there, and is set aside */
  dialog = open_review (f->window, contribution);
  g_assert_true (studio_test_shows_text (dialog, set_aside));
  g_assert_false (studio_test_shows_text (dialog, recorded));
  gtk_window_destroy (GTK_WINDOW (dialog));
  studio_test_flush ();
}

int
main (int   argc,
      char *argv[])
{
  if (!studio_test_init (&argc, &argv))
    return 0;

  g_test_add ("/studio/import/reviews", Fixture, PROJECT, studio_test_fixture_set_up, test_reviews,
              studio_test_fixture_tear_down);

  return studio_test_run ();
}
