/* test-resources-grid.c — the Resources page's grid of thumbnails
 *
 * The grid shows the page's own selection model (filters, search and selection shared with the table),
 * thumbnails of images and PDFs made on a worker and kept under DATA/thumbnails, the type's icon for other
 * files; the choice is remembered in the settings; typing in the grid goes to the search, and new resources are
 * scrolled to in it; and with thousands of resources only the tiles in view are bound, so only their thumbnails
 * are asked for.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <cairo-pdf.h>

#include "studio-resources-page-private.h"
#include "studio-session.h"
#include "studio-settings.h"
#include "studio-test-utils.h"

typedef struct
{
  guint       pictures;   /* tiles that show a thumbnail */
  guint       bound;      /* tiles bound to a resource */
  const char *wanted;     /* a resource's id */
  gboolean    found;      /* a tile is bound to it */
} Count;

static void
count_tiles (GtkWidget *widget,
             Count     *count)
{
  gboolean bound = FALSE, picture = FALSE;
  const char *id = NULL;

  if (_studio_resources_page_grid_tile_state (widget, &bound, &picture, &id))
    {
      count->bound += bound;
      count->pictures += picture;
      count->found |= count->wanted != NULL && g_strcmp0 (id, count->wanted) == 0;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    count_tiles (child, count);
}

static Count
count (StudioResourcesPage *page)
{
  Count c = { 0, 0, NULL, FALSE };

  count_tiles (GTK_WIDGET (page->resources_grid), &c);
  return c;
}

static gboolean
two_pictures (gpointer data)
{
  return count (data).pictures == 2;
}

static gboolean
rows_loaded (gpointer data)
{
  StudioResourcesPage *page = data;

  return page->rows != NULL && g_list_model_get_n_items (G_LIST_MODEL (page->selection)) == page->rows->len &&
         page->rows->len > 0;
}

static char *
write_pdf (const char *dir)
{
  char *path = g_build_filename (dir, "讲义.pdf", NULL);
  cairo_surface_t *surface = cairo_pdf_surface_create (path, 100, 140);
  cairo_t *cr = cairo_create (surface);

  cairo_set_source_rgb (cr, 0.8, 0.1, 0.1);
  cairo_paint (cr);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  cairo_surface_destroy (surface);
  return path;
}

static void
test_grid (StudioTestFixture *f,
           gconstpointer      data)
{
  g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, 800, 600);
  g_autofree char *photo = g_build_filename (f->dir, "照片.png", NULL);
  g_autofree char *pdf = write_pdf (f->dir);
  g_autofree char *text = reslib_test_write_file (f->dir, "说明.txt", "说明\n", -1);
  g_autofree char *thumbnails = g_build_filename (f->dir, "data", "thumbnails", "128", NULL);
  g_autoptr(ReslibImporter) importer = reslib_importer_new (f->store, f->project);
  const char *paths[] = { photo, pdf, text };
  g_autoptr(GError) error = NULL;
  StudioSettings *settings;
  StudioResourcesPage *page;
  GtkStack *list_stack;
  gboolean grid = FALSE;

  gdk_pixbuf_fill (pixbuf, 0x3080c0ff);
  g_assert_true (gdk_pixbuf_save (pixbuf, photo, "png", &error, NULL));
  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (paths); i++)
    {
      g_autoptr(GFile) file = g_file_new_for_path (paths[i]);

      reslib_importer_add_file (importer, file);
    }
  g_assert_true (reslib_job_run (RESLIB_JOB (importer), NULL, &error));
  g_assert_no_error (error);

  f->window = studio_test_show_window (f->store);
  studio_window_show_page (f->window, "resources");
  studio_test_flush ();
  page = STUDIO_RESOURCES_PAGE (studio_window_get_page (f->window, "resources"));
  settings = studio_session_get_settings (studio_window_get_session (f->window));
  g_assert_true (studio_test_wait_until (rows_loaded, page, 10000));
  list_stack = studio_test_page_child (f->window, "resources", "list_stack");
  g_assert_cmpstr (gtk_stack_get_visible_child_name (list_stack), ==, "rows");
  /* Hidden, the grid holds no model and binds nothing */
  g_assert_null (gtk_grid_view_get_model (page->resources_grid));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "resources.show-grid", NULL));
  studio_test_flush ();
  g_assert_cmpstr (gtk_stack_get_visible_child_name (list_stack), ==, "grid");
  g_object_get (settings, "resources-grid", &grid, NULL);
  g_assert_true (grid);
  /* The table's own selection model: the same filters, search and selection */
  g_assert_true (gtk_grid_view_get_model (page->resources_grid) ==
                 gtk_column_view_get_model (page->resources_view));
  g_assert_true (studio_test_wait_until (two_pictures, page, 20000));
  g_assert_cmpuint (count (page).bound, ==, 3);
  g_assert_true (g_file_test (thumbnails, G_FILE_TEST_IS_DIR));
  g_assert_cmpuint (studio_thumbnails_get_n_in_memory (page->thumbnails), ==, 2);
  studio_test_save_shot (f->window, "resources-grid");

  /* Selected in the grid: the detail pane shows it */
  g_assert_true (gtk_selection_model_select_item (gtk_grid_view_get_model (page->resources_grid), 0, TRUE));
  studio_test_flush ();
  g_assert_nonnull (page->record);

  /* Typing in the grid goes to the search, as in the table */
  g_assert_true (gtk_search_entry_get_key_capture_widget (page->search_entry) == GTK_WIDGET (page->resources_grid));
  gtk_widget_grab_focus (GTK_WIDGET (page->resources_grid));
  if (studio_test_press_keys (f->window, "z"))
    {
      g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (page->search_entry)), ==, "z");
      gtk_editable_set_text (GTK_EDITABLE (page->search_entry), "");
      g_assert_true (studio_test_wait_until (rows_loaded, page, 10000));
    }

  /* The next window opens with the grid; toggled back, the table */
  studio_test_close_window (f->window);
  f->window = studio_test_show_window (f->store);
  studio_window_show_page (f->window, "resources");
  studio_test_flush ();
  page = STUDIO_RESOURCES_PAGE (studio_window_get_page (f->window, "resources"));
  g_assert_true (studio_test_wait_until (rows_loaded, page, 10000));
  list_stack = studio_test_page_child (f->window, "resources", "list_stack");
  g_assert_cmpstr (gtk_stack_get_visible_child_name (list_stack), ==, "grid");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "resources.show-grid", NULL));
  studio_test_flush ();
  g_assert_cmpstr (gtk_stack_get_visible_child_name (list_stack), ==, "rows");
  g_assert_null (gtk_grid_view_get_model (page->resources_grid));
  g_assert_true (gtk_search_entry_get_key_capture_widget (page->search_entry) == GTK_WIDGET (page->resources_view));
  g_object_get (settings, "resources-grid", &grid, NULL);
  g_assert_false (grid);
}

typedef struct
{
  StudioResourcesPage *page;
  const char          *id;
} Wanted;

static gboolean
wanted_bound (gpointer data)
{
  Wanted *w = data;
  Count c = { 0, 0, w->id, FALSE };

  count_tiles (GTK_WIDGET (w->page->resources_grid), &c);
  return c.found;
}

/* Its tile is bound and the grid scrolled down to it (the adjustment follows at the next allocation). */
static gboolean
wanted_in_view (gpointer data)
{
  Wanted *w = data;
  GtkAdjustment *adjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (w->page->resources_grid));

  return wanted_bound (data) &&
         gtk_adjustment_get_value (adjustment) + gtk_adjustment_get_page_size (adjustment) >=
         gtk_adjustment_get_upper (adjustment) / 2;
}

static gboolean
some_bound (gpointer data)
{
  return count (data).bound > 0;
}

/* 5,000 resources: only the tiles in view (and a few around) are bound. */
static void
test_grid_many (StudioTestFixture *f,
                gconstpointer      data)
{
  StudioResourcesPage *page;
  StudioSettings *settings;
  Count c;

  reslib_test_fill_resources (f->store, f->project, 5000, TRUE);
  f->window = studio_test_show_window (f->store);
  studio_window_show_page (f->window, "resources");
  studio_test_flush ();
  page = STUDIO_RESOURCES_PAGE (studio_window_get_page (f->window, "resources"));
  settings = studio_session_get_settings (studio_window_get_session (f->window));
  g_assert_true (studio_test_wait_until (rows_loaded, page, 30000));
  g_object_set (settings, "resources-grid", TRUE, NULL);
  studio_test_flush ();
  g_assert_true (page->show_grid);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (gtk_grid_view_get_model (page->resources_grid))), ==,
                    5000);
  g_assert_true (studio_test_wait_until (some_bound, page, 10000));
  c = count (page);
  g_test_message ("%u tiles bound of 5000", c.bound);
  /* GTK 4.8 binds about 30 rows around the view, of at most 8 columns (257 tiles on Debian 12's GTK 4.8.3) */
  g_assert_cmpuint (c.bound, <, 300);

  /* Newly imported resources are selected and scrolled to in the grid too: the last one, far from the top */
  {
    g_autoptr(ReslibResourceRow) last = g_list_model_get_item (G_LIST_MODEL (page->selection), 4999);
    const char *ids[] = { reslib_resource_row_get_id (last), NULL };
    Wanted w = { page, ids[0] };
    GtkAdjustment *adjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (page->resources_grid));

    g_assert_false (wanted_bound (&w));
    g_assert_cmpfloat (gtk_adjustment_get_value (adjustment), ==, 0);
    _studio_resources_page_select_ids (page, ids);
    g_assert_true (gtk_selection_model_is_selected (GTK_SELECTION_MODEL (page->selection), 4999));
    g_assert_true (studio_test_wait_until (wanted_in_view, &w, 10000));
  }
  g_object_set (settings, "resources-grid", FALSE, NULL);
}

int
main (int   argc,
      char *argv[])
{
  if (!studio_test_init (&argc, &argv))
    return 0;

  g_test_add ("/studio/resources/grid", StudioTestFixture, "网格测试", studio_test_fixture_set_up, test_grid,
              studio_test_fixture_tear_down);
  g_test_add ("/studio/resources/grid-many", StudioTestFixture, "网格测试", studio_test_fixture_set_up,
              test_grid_many, studio_test_fixture_tear_down);

  return studio_test_run ();
}
