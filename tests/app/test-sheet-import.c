/* test-sheet-import.c — the Resources page's Import Metadata…: the preview of a real sheet, Apply, Ctrl+Z
 * (a big import undone by a job)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "studio-resources-page.h"
#include "studio-sheet-import-dialog.h"
#include "studio-test-utils.h"

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
  g_autofree char *data_dir = NULL;

  f->dir = reslib_test_make_tmp_dir ("reslib-sheet-import-XXXXXX");
  data_dir = g_build_filename (f->dir, "data", NULL);
  f->store = reslib_test_open_store (data_dir);
  f->project = reslib_test_new_project (f->store, "表格导入");
  reslib_test_fill_resources (f->store, f->project, 5, FALSE);
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

/* The description of the resource whose file is @file_name. */
static char *
description_of (Fixture    *f,
                const char *file_name)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) list = reslib_store_list (f->store, RESLIB_KIND_RESOURCE, f->project, &error);

  g_assert_no_error (error);
  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr(ReslibRecord) record = g_list_model_get_item (list, i);

      if (g_strcmp0 (reslib_record_get (record, "file_name"), file_name) == 0)
        return g_strdup (reslib_record_get (record, "description"));
    }
  g_assert_not_reached ();
}

static gboolean
idle (gpointer data)
{
  return !studio_sheet_import_dialog_is_busy (data);
}

static gboolean
has_line (StudioSheetImportDialog *dialog,
          const char              *prefix,
          const char              *part)
{
  GListModel *lines = studio_sheet_import_dialog_get_lines (dialog);

  for (guint i = 0; i < g_list_model_get_n_items (lines); i++)
    {
      g_autoptr(GtkStringObject) line = g_list_model_get_item (lines, i);
      const char *text = gtk_string_object_get_string (line);

      if (g_str_has_prefix (text, prefix) && strstr (text, part) != NULL)
        return TRUE;
    }

  return FALSE;
}

typedef struct
{
  gboolean applied;
} Watch;

static void
applied_cb (StudioSheetImportDialog *dialog,
            ReslibSheetImport       *job,
            Watch                   *watch)
{
  watch->applied = TRUE;
}

static gboolean
applied (gpointer data)
{
  return ((Watch *) data)->applied;
}

/* The menu offers Import Metadata…, which asks for a spreadsheet. */
static void
test_action (Fixture       *f,
             gconstpointer  data)
{
  StudioWindow *window = studio_test_show_window (f->store);
  GtkMenuButton *menu_button = studio_test_page_child (window, "resources", "list_menu_button");
  GtkWidget *page = gtk_widget_get_ancestor (GTK_WIDGET (menu_button), STUDIO_TYPE_PAGE);
  GMenuModel *menu = gtk_menu_button_get_menu_model (menu_button);
  g_autoptr(GMenuModel) section = g_menu_model_get_item_link (menu, 0, G_MENU_LINK_SECTION);
  GListModel *toplevels = gtk_window_get_toplevels ();
  g_autofree char *action = NULL;
  GtkFileChooser *chooser = NULL;

  g_assert_true (g_menu_model_get_item_attribute (section, 1, G_MENU_ATTRIBUTE_ACTION, "s", &action));
  g_assert_cmpstr (action, ==, "resources.import-metadata");

  g_assert_true (gtk_widget_activate_action (page, "resources.import-metadata", NULL));
  studio_test_flush ();
  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (toplevels, i);

      if (GTK_IS_FILE_CHOOSER (item))
        chooser = GTK_FILE_CHOOSER (item);
    }
  g_assert_nonnull (chooser);
  {
    g_autoptr(GListModel) filters = gtk_file_chooser_get_filters (chooser);

    g_assert_cmpuint (g_list_model_get_n_items (filters), ==, 1);
  }
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_dialog_response (GTK_DIALOG (chooser), GTK_RESPONSE_CANCEL);
  G_GNUC_END_IGNORE_DEPRECATIONS
  studio_test_flush ();
  studio_test_close_window (window);
}

/* A sheet with an error: the preview names its row and what to do, and Apply cannot be pressed. */
static void
test_errors (Fixture       *f,
             gconstpointer  data)
{
  StudioWindow *window = studio_test_show_window (f->store);
  StudioResourcesPage *page = STUDIO_RESOURCES_PAGE (studio_window_get_page (window, "resources"));
  g_autofree char *path = reslib_test_write_file (f->dir, "bad.csv",
                                                  "\xef\xbb\xbf文件名,简介\r\n"
                                                  "resource-000001.mp4,新的简介一\r\n"
                                                  "nobody.mp4,没有这个文件\r\n", -1);
  StudioSheetImportDialog *dialog = STUDIO_SHEET_IMPORT_DIALOG (studio_resources_page_import_sheet (page, path));
  g_autofree char *before = description_of (f, "resource-000001.mp4");

  g_assert_nonnull (dialog);
  g_assert_true (studio_test_wait_until (idle, dialog, 60000));
  studio_test_save_shot (GTK_WIDGET (dialog), "sheet-import-errors");
  g_assert_true (has_line (dialog, "Row 3 · Error: ", "nobody.mp4"));
  g_assert_true (has_line (dialog, "Row 2 · ", "新的简介一"));
  g_assert_nonnull (strstr (studio_sheet_import_dialog_get_summary (dialog), "1 error:"));
  g_assert_false (gtk_widget_get_sensitive (studio_test_find_button (dialog, "_Apply")));
  {
    g_autofree char *after = description_of (f, "resource-000001.mp4");

    g_assert_cmpstr (after, ==, before);
  }
  gtk_window_close (GTK_WINDOW (dialog));
  studio_test_flush ();
  studio_test_close_window (window);
}

/* A good sheet: each change as row, resource, column, old → new; Apply writes it all; Ctrl+Z takes
 * it all back in one step. */
static void
test_apply_undo (Fixture       *f,
                 gconstpointer  data)
{
  StudioWindow *window = studio_test_show_window (f->store);
  StudioResourcesPage *page = STUDIO_RESOURCES_PAGE (studio_window_get_page (window, "resources"));
  g_autofree char *path = reslib_test_write_file (f->dir, "good.csv",
                                                  "\xef\xbb\xbf文件名,简介\r\n"
                                                  "resource-000001.mp4,新的简介一\r\n"
                                                  "resource-000003.mp4,新的简介三\r\n", -1);
  g_autofree char *before1 = description_of (f, "resource-000001.mp4");
  g_autofree char *before3 = description_of (f, "resource-000003.mp4");
  g_autofree char *old_line = g_strdup_printf ("%s → 新的简介一", before1);
  StudioSheetImportDialog *dialog = STUDIO_SHEET_IMPORT_DIALOG (studio_resources_page_import_sheet (page, path));
  Watch watch = { FALSE };
  GtkWidget *apply;

  g_signal_connect (dialog, "applied", G_CALLBACK (applied_cb), &watch);
  g_assert_true (studio_test_wait_until (idle, dialog, 60000));
  studio_test_save_shot (GTK_WIDGET (dialog), "sheet-import-preview");
  g_assert_true (has_line (dialog, "Row 2 · ", old_line));
  g_assert_true (has_line (dialog, "Row 3 · ", "新的简介三"));
  g_assert_cmpuint (g_list_model_get_n_items (studio_sheet_import_dialog_get_lines (dialog)), ==, 2);
  g_assert_nonnull (strstr (studio_sheet_import_dialog_get_summary (dialog), "2 rows read: 2 changes"));
  apply = studio_test_find_button (dialog, "_Apply");
  g_assert_true (gtk_widget_get_sensitive (apply));
  /* The store is untouched until Apply. */
  {
    g_autofree char *now = description_of (f, "resource-000001.mp4");

    g_assert_cmpstr (now, ==, before1);
  }

  g_signal_emit_by_name (apply, "clicked");
  g_assert_true (studio_test_wait_until (applied, &watch, 60000));
  studio_test_flush ();
  {
    g_autofree char *now1 = description_of (f, "resource-000001.mp4");
    g_autofree char *now3 = description_of (f, "resource-000003.mp4");

    g_assert_cmpstr (now1, ==, "新的简介一");
    g_assert_cmpstr (now3, ==, "新的简介三");
  }
  g_assert_nonnull (studio_test_find_button (window, "_Undo"));

  /* Ctrl+Z */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "win.undo", NULL));
  studio_test_flush ();
  {
    g_autofree char *now1 = description_of (f, "resource-000001.mp4");
    g_autofree char *now3 = description_of (f, "resource-000003.mp4");

    g_assert_cmpstr (now1, ==, before1);
    g_assert_cmpstr (now3, ==, before3);
  }
  studio_test_close_window (window);
}

static gboolean
stack_idle (gpointer data)
{
  return !studio_undo_stack_get_busy (data);
}

static gboolean
count_tick (gpointer data)
{
  (*(guint *) data)++;
  return G_SOURCE_CONTINUE;
}

/* Ctrl+Z of a big import (1,500 rows) runs as a job: the call returns at once with the stack busy
 * (Undo off, a second undo refused), the main loop goes on while the worker writes, then the store
 * is as before and the import can be redone. */
static void
test_undo_job (Fixture       *f,
               gconstpointer  data)
{
  StudioWindow *window = studio_test_show_window (f->store);
  StudioResourcesPage *page = STUDIO_RESOURCES_PAGE (studio_window_get_page (window, "resources"));
  StudioUndoStack *stack = studio_session_get_undo_stack (studio_window_get_session (window));
  g_autoptr(GString) sheet = g_string_new ("\xef\xbb\xbf资源编号,简介\r\n");
  g_autoptr(GPtrArray) ids = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *before = NULL;
  StudioSheetImportDialog *dialog;
  Watch watch = { FALSE };
  guint ticks = 0, tick_id;

  reslib_test_fill_resources (f->store, f->project, 1500, FALSE);
  ids = reslib_store_list_resource_ids (f->store, f->project, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ids->len, ==, 1505);
  for (guint i = 0; i < ids->len; i++)
    g_string_append_printf (sheet, "%s,第 %u 个资源撤销前的简介\r\n", (const char *) g_ptr_array_index (ids, i), i);
  path = reslib_test_write_file (f->dir, "big.csv", sheet->str, (gssize) sheet->len);
  before = description_of (f, "resource-000007.mp4");

  dialog = STUDIO_SHEET_IMPORT_DIALOG (studio_resources_page_import_sheet (page, path));
  g_signal_connect (dialog, "applied", G_CALLBACK (applied_cb), &watch);
  g_assert_true (studio_test_wait_until (idle, dialog, 120000));
  /* The preview lists the first rows and counts all of them. */
  {
    GListModel *lines = studio_sheet_import_dialog_get_lines (dialog);
    guint n = g_list_model_get_n_items (lines);

    g_assert_cmpuint (n, ==, RESLIB_SHEET_IMPORT_SHOWN_ROWS + 1);
    g_assert_true (g_str_has_prefix (gtk_string_list_get_string (GTK_STRING_LIST (lines), n - 1),
                                     "… and 505 more rows"));
    g_assert_nonnull (strstr (studio_sheet_import_dialog_get_summary (dialog), "1505 rows read: 1505 changes"));
  }
  g_signal_emit_by_name (studio_test_find_button (dialog, "_Apply"), "clicked");
  g_assert_true (studio_test_wait_until (applied, &watch, 120000));
  studio_test_flush ();
  {
    g_autofree char *now = description_of (f, "resource-000007.mp4");

    g_assert_cmpstr (now, !=, before);
    g_assert_true (g_str_has_suffix (now, "撤销前的简介"));
  }
  g_assert_true (studio_undo_stack_get_can_undo (stack));

  /* Ctrl+Z returns at once; the job runs. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "win.undo", NULL));
  g_assert_true (studio_undo_stack_get_busy (stack));
  g_assert_false (studio_undo_stack_get_can_undo (stack));
  g_assert_false (studio_undo_stack_get_can_redo (stack));
  g_assert_false (studio_undo_stack_undo (stack, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_BUSY);
  g_clear_error (&error);
  tick_id = g_timeout_add (5, count_tick, &ticks);
  g_assert_true (studio_test_wait_until (stack_idle, stack, 120000));
  g_source_remove (tick_id);
  g_test_message ("the main loop ran %u ticks of 5 ms while the undo ran", ticks);
  studio_test_flush ();
  {
    g_autofree char *now = description_of (f, "resource-000007.mp4");

    g_assert_cmpstr (now, ==, before);
  }
  g_assert_false (studio_undo_stack_get_can_undo (stack));
  g_assert_true (studio_undo_stack_get_can_redo (stack));

  /* Redo, a job too */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "win.redo", NULL));
  g_assert_true (studio_undo_stack_get_busy (stack));
  g_assert_true (studio_test_wait_until (stack_idle, stack, 120000));
  studio_test_flush ();
  {
    g_autofree char *now = description_of (f, "resource-000007.mp4");

    g_assert_true (g_str_has_suffix (now, "撤销前的简介"));
  }
  g_assert_true (studio_undo_stack_get_can_undo (stack));
  studio_test_close_window (window);
}

int
main (int   argc,
      char *argv[])
{
  if (!studio_test_init (&argc, &argv))
    return 0;

  g_test_add ("/studio/sheet-import/action", Fixture, NULL, fixture_setup, test_action, fixture_teardown);
  g_test_add ("/studio/sheet-import/errors", Fixture, NULL, fixture_setup, test_errors, fixture_teardown);
  g_test_add ("/studio/sheet-import/apply-undo", Fixture, NULL, fixture_setup, test_apply_undo, fixture_teardown);
  g_test_add ("/studio/sheet-import/undo-job", Fixture, NULL, fixture_setup, test_undo_job,
              fixture_teardown);

  return studio_test_run ();
}
