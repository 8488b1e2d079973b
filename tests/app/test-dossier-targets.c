/* test-dossier-targets.c — the Dossier page's Targets (建设目标), in process, against a temporary store
 *
 * A target added in its dialog, its actual number following the store, its planned number edited in
 * place, and the edit, the addition and a deletion undone.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "reslib-store-targets.h"
#include "studio-test-utils.h"

typedef StudioTestFixture Fixture;

#define PROJECT "目标页测试"

static void
add_video (Fixture    *f,
           const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *sha = g_compute_checksum_for_string (G_CHECKSUM_SHA256, name, -1);
  g_autofree char *id = NULL;
  gboolean existed;

  g_assert_true (reslib_store_begin (f->store, &error));
  g_assert_true (_reslib_store_add_blob (f->store, sha, 10, "video/mp4", &existed, &error));
  id = reslib_store_insert (f->store, RESLIB_KIND_RESOURCE,
                            (const char * const[]) { "project_id", "blob_sha256", "file_name", "title", "type", NULL },
                            (const char * const[]) { f->project, sha, name, name, "video" }, &error);
  g_assert_true (reslib_store_commit (f->store, &error));
  g_assert_no_error (error);
}

typedef struct
{
  Fixture    *f;
  const char *text;
} Wanted;

static gboolean
targets_show (gpointer data)
{
  Wanted *w = data;

  return studio_test_shows_text (studio_test_page_child (w->f->window, "dossier", "targets_list"), w->text);
}

static gboolean
targets_empty (gpointer data)
{
  Fixture *f = data;

  return reslib_store_count (f->store, RESLIB_KIND_TARGET, f->project, NULL) == 0 &&
         studio_test_find_labelled (studio_test_page_child (f->window, "dossier", "targets_list"),
                                    "Resources of a type: Video") == NULL;
}

static gint64
planned (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) targets = reslib_store_list_target_progress (f->store, f->project, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (targets->len, ==, 1);

  return ((ReslibTargetProgress *) g_ptr_array_index (targets, 0))->planned;
}

static void
test_targets (Fixture       *f,
              gconstpointer  data)
{
  StudioPage *page;
  AdwMessageDialog *dialog;
  GtkWidget *list, *row;

  add_video (f, "微课一.mp4");
  f->window = studio_test_show_window (f->store);
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-page", "s", "dossier");
  studio_test_flush ();
  page = studio_window_get_page (f->window, "dossier");
  list = studio_test_page_child (f->window, "dossier", "targets_list");

  /* Added in its dialog: the kind, the type, the planned number. */
  studio_test_click (page, "Add Target");
  dialog = studio_test_wait_for_dialog ();
  studio_test_choose (dialog, "Target", "Resources of a type");
  studio_test_choose (dialog, "Resource type", "Video");
  studio_test_set_text (dialog, "Planned", "4");
  studio_test_respond (dialog, "add");
  g_assert_cmpint (planned (f), ==, 4);
  g_assert_true (studio_test_wait_until (targets_show, &(Wanted) { f, "1 of 4 planned · 25%" }, 5000));

  /* The actual number follows the store: a resource added elsewhere (an import, the CLI). */
  add_video (f, "微课二.mp4");
  g_assert_true (studio_test_wait_until (targets_show, &(Wanted) { f, "2 of 4 planned · 50%" }, 5000));

  /* The planned number edited in place; a bad one refused with the core's message. */
  row = studio_test_labelled (list, "Resources of a type: Video");
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (row), TRUE);
  studio_test_flush ();
  studio_test_apply_text (row, "Planned", "许多");
  g_assert_true (gtk_widget_get_visible (studio_test_page_child (f->window, "dossier", "targets_error")));
  g_assert_cmpint (planned (f), ==, 4);
  studio_test_apply_text (row, "Planned", "2");
  g_assert_cmpint (planned (f), ==, 2);
  g_assert_true (studio_test_wait_until (targets_show, &(Wanted) { f, "2 of 2 planned · 100%" }, 5000));

  /* Undo takes the edit back, then the addition. */
  gtk_widget_activate_action (GTK_WIDGET (page), "win.undo", NULL);
  studio_test_flush ();
  g_assert_cmpint (planned (f), ==, 4);
  g_assert_true (studio_test_wait_until (targets_show, &(Wanted) { f, "2 of 4 planned · 50%" }, 5000));
  gtk_widget_activate_action (GTK_WIDGET (page), "win.undo", NULL);
  g_assert_true (studio_test_wait_until (targets_empty, f, 5000));
  gtk_widget_activate_action (GTK_WIDGET (page), "win.redo", NULL);
  g_assert_true (studio_test_wait_until (targets_show, &(Wanted) { f, "2 of 4 planned · 50%" }, 5000));

  /* Deleted from its row, and brought back. */
  row = studio_test_labelled (list, "Resources of a type: Video");
  studio_test_click (row, "Delete Target “Resources of a type: Video”");
  g_assert_true (studio_test_wait_until (targets_empty, f, 5000));
  gtk_widget_activate_action (GTK_WIDGET (page), "win.undo", NULL);
  g_assert_true (studio_test_wait_until (targets_show, &(Wanted) { f, "2 of 4 planned · 50%" }, 5000));
  g_assert_cmpint (planned (f), ==, 4);

  /* A second target of the same kind and type is refused: it is changed in its row. */
  studio_test_click (page, "Add Target");
  dialog = studio_test_wait_for_dialog ();
  studio_test_choose (dialog, "Target", "Resources of a type");
  studio_test_choose (dialog, "Resource type", "Video");
  studio_test_set_text (dialog, "Planned", "9");
  adw_message_dialog_response (dialog, "add");
  studio_test_flush ();
  dialog = studio_test_wait_for_dialog ();
  adw_message_dialog_response (dialog, "cancel");
  studio_test_flush ();
  g_assert_cmpint (planned (f), ==, 4);
}

int
main (int   argc,
      char *argv[])
{
  if (!studio_test_init (&argc, &argv))
    return 0;

  g_test_add ("/studio/dossier/targets", Fixture, PROJECT, studio_test_fixture_set_up, test_targets, studio_test_fixture_tear_down);

  return studio_test_run ();
}
