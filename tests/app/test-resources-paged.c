/* test-resources-paged.c — the Resources page on a long list, shown a page at a time while its rows are read
 *
 * A list longer than the page's paged-threshold (100,000; lowered here) first shows the rowids read from the
 * index as a StudioPagedRows: the count and the first rows' titles come from the pages read for the rows in
 * view, on a thread of their own, while all the rows are still being read (held here by
 * _studio_row_loader_hold_rows()). Nothing is selectable for actions then; a search shows its matches as a
 * paged list too, in the list's order. When all the rows arrive the same
 * items take their values: what was in view stays, and selection, the detail pane, search and Delete work.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "studio-resources-page-private.h"
#include "studio-row-loader.h"
#include "studio-test-utils.h"

#define N_ROWS 3000

/* A row of a page not read yet has no id (or an empty one, in the view's copy of it). */
static gboolean
is_read (ReslibResourceRow *row)
{
  const char *id = reslib_resource_row_get_id (row);

  return id != NULL && *id != '\0';
}

static gboolean
first_page_read (gpointer data)
{
  StudioResourcesPage *page = data;
  g_autoptr(ReslibResourceRow) first = NULL;

  if (!page->paging || g_list_model_get_n_items (G_LIST_MODEL (page->selection)) != N_ROWS)
    return FALSE;
  first = g_list_model_get_item (G_LIST_MODEL (page->selection), 0);
  return is_read (first);
}

static gboolean
rows_loaded (gpointer data)
{
  StudioResourcesPage *page = data;

  return !page->paging && page->rows != NULL && page->rows->len == N_ROWS &&
         g_list_model_get_n_items (G_LIST_MODEL (page->selection)) == N_ROWS;
}

static gboolean
searched (gpointer data)
{
  StudioResourcesPage *page = data;

  guint n = g_list_model_get_n_items (G_LIST_MODEL (page->selection));

  return n == 1;
}

/* The search typed is the one shown, on the paged list. */
static gboolean
paged_applied (gpointer data)
{
  StudioResourcesPage *page = data;

  return page->paging &&
         g_strcmp0 (page->applied_search, gtk_editable_get_text (GTK_EDITABLE (page->search_entry))) == 0;
}

static gboolean
paged_searched (gpointer data)
{
  StudioResourcesPage *page = data;

  return paged_applied (page) && g_list_model_get_n_items (G_LIST_MODEL (page->selection)) == 1;
}

static gboolean
detail_shown (gpointer data)
{
  StudioResourcesPage *page = data;

  return g_str_equal (gtk_stack_get_visible_child_name (page->detail_stack), "one");
}

static void
test_paged (StudioTestFixture *f,
            gconstpointer      data)
{
  g_autoptr(GPtrArray) expected = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(ReslibResourceRow) first = NULL;
  g_autoptr(ReslibResourceRow) last = NULL;
  StudioResourcesPage *page;
  GtkLabel *count;
  guint threshold = 0;

  reslib_test_fill_resources (f->store, f->project, N_ROWS, FALSE);
  expected = reslib_store_list_resource_rows (f->store, f->project, &error);
  g_assert_no_error (error);
  /* The last one has a title of its own, to be searched for */
  g_assert_true (reslib_store_update (f->store, RESLIB_KIND_RESOURCE,
                                      reslib_resource_row_get_id (g_ptr_array_index (expected, N_ROWS - 1)),
                                      (const char * const[]) { "title", NULL },
                                      (const char * const[]) { "刀具磨损检测", NULL }, &error));
  g_assert_no_error (error);
  {
    g_autoptr(GListModel) matches = reslib_store_search (f->store, f->project, "磨损", 0, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (g_list_model_get_n_items (matches), ==, 1);
  }
  g_clear_pointer (&expected, g_ptr_array_unref);
  expected = reslib_store_list_resource_rows (f->store, f->project, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (expected->len, ==, N_ROWS);

  f->window = studio_test_show_window (f->store);
  page = STUDIO_RESOURCES_PAGE (studio_window_get_page (f->window, "resources"));
  g_object_get (page, "paged-threshold", &threshold, NULL);
  g_assert_cmpuint (threshold, ==, 100000);
  g_object_set (page, "paged-threshold", 1000, NULL);

  /* All the rows are held back: the list shows its pages, read on their own thread */
  _studio_row_loader_hold_rows (TRUE);
  studio_window_show_page (f->window, "resources");
  _studio_resources_page_load (page);
  g_assert_true (studio_test_wait_until (first_page_read, page, 20000));
  g_assert_null (page->rows);
  g_assert_nonnull (page->paged);
  first = g_list_model_get_item (G_LIST_MODEL (page->selection), 0);
  g_assert_cmpstr (reslib_resource_row_get_id (first), ==,
                   reslib_resource_row_get_id (g_ptr_array_index (expected, 0)));
  g_assert_cmpstr (reslib_resource_row_get_title (first), ==,
                   reslib_resource_row_get_title (g_ptr_array_index (expected, 0)));
  g_assert_true (studio_test_shows_text (page->resources_view, reslib_resource_row_get_title (first)));
  count = studio_test_page_child (f->window, "resources", "count_label");
  g_assert_true (strstr (gtk_label_get_text (count), "3000") != NULL);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (page->resources_stack), ==, "list");
  /* Only to look at: a row selected now selects nothing for actions or the detail pane */
  gtk_selection_model_select_item (GTK_SELECTION_MODEL (page->selection), 0, TRUE);
  studio_test_flush ();
  g_assert_cmpuint (_studio_resources_page_n_selected (page), ==, 0);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (page->detail_stack), ==, "none");
  gtk_selection_model_unselect_all (GTK_SELECTION_MODEL (page->selection));
  /* The last rows too, read as they are asked for */
  last = g_list_model_get_item (G_LIST_MODEL (page->selection), N_ROWS - 1);
  while (!is_read (last))
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpstr (reslib_resource_row_get_title (last), ==,
                   reslib_resource_row_get_title (g_ptr_array_index (expected, N_ROWS - 1)));

  /* Search while paged: the matches, in the list's order, without the rows read */
  gtk_editable_set_text (GTK_EDITABLE (page->search_entry), "磨损");
  g_assert_true (studio_test_wait_until (paged_searched, page, 20000));
  g_assert_true (page->paging);
  g_assert_null (page->rows);
  {
    g_autoptr(ReslibResourceRow) found = g_list_model_get_item (G_LIST_MODEL (page->selection), 0);

    while (!is_read (found))
      g_main_context_iteration (NULL, TRUE);
    g_assert_cmpstr (reslib_resource_row_get_id (found), ==,
                     reslib_resource_row_get_id (g_ptr_array_index (expected, N_ROWS - 1)));
    g_assert_cmpstr (reslib_resource_row_get_title (found), ==, "刀具磨损检测");
  }
  g_assert_cmpstr (gtk_label_get_text (count), ==, "Shown: 1 of 3000");
  g_assert_cmpstr (gtk_stack_get_visible_child_name (page->list_stack), ==, "rows");
  /* A word of many titles (the first's Latin one): the matches in the list's order */
  {
    g_auto(GStrv) words = g_strsplit (reslib_resource_row_get_title (g_ptr_array_index (expected, 0)), " ", -1);

    g_assert_cmpuint (g_strv_length (words), ==, 3);
    gtk_editable_set_text (GTK_EDITABLE (page->search_entry), words[1]);
  }
  g_assert_true (studio_test_wait_until (paged_applied, page, 20000));
  {
    GListModel *shown = G_LIST_MODEL (page->selection);
    guint n = g_list_model_get_n_items (shown);
    g_autoptr(GListModel) matches = reslib_store_search (f->store, f->project, page->applied_search, 0, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (n, >, 1);
    g_assert_cmpuint (n, <, N_ROWS);
    g_assert_cmpuint (n, ==, g_list_model_get_n_items (matches));
    for (guint i = 0, j = 0; i < n; i++)
      {
        g_autoptr(ReslibResourceRow) row = g_list_model_get_item (shown, i);

        while (!is_read (row))
          g_main_context_iteration (NULL, TRUE);
        /* In the list's order: each one further down the full list than the one before */
        while (j < N_ROWS && g_strcmp0 (reslib_resource_row_get_id (g_ptr_array_index (expected, j)),
                                        reslib_resource_row_get_id (row)) != 0)
          j++;
        g_assert_cmpuint (j, <, N_ROWS);
      }
  }
  /* Nothing found: the empty state says so */
  gtk_editable_set_text (GTK_EDITABLE (page->search_entry), "没有这个词");
  g_assert_true (studio_test_wait_until (paged_applied, page, 20000));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (page->selection)), ==, 0);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (page->list_stack), ==, "no-results");
  /* The search cleared: the whole list again */
  gtk_editable_set_text (GTK_EDITABLE (page->search_entry), "");
  g_assert_true (studio_test_wait_until (paged_applied, page, 20000));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (page->selection)), ==, N_ROWS);
  g_assert_true (strstr (gtk_label_get_text (count), "3000") != NULL);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (page->list_stack), ==, "rows");
  /* The pages are made anew: the first item again, to check that the rows' arrival keeps it */
  g_clear_object (&first);
  g_assert_true (studio_test_wait_until (first_page_read, page, 20000));
  first = g_list_model_get_item (G_LIST_MODEL (page->selection), 0);
  g_assert_cmpstr (reslib_resource_row_get_id (first), ==, reslib_resource_row_get_id (g_ptr_array_index (expected, 0)));

  /* All the rows arrive: the same items, now the rows read */
  _studio_row_loader_hold_rows (FALSE);
  g_assert_true (studio_test_wait_until (rows_loaded, page, 20000));
  {
    g_autoptr(ReslibResourceRow) again = g_list_model_get_item (G_LIST_MODEL (page->selection), 0);

    g_assert_true (again == first);
    g_assert_cmpstr (reslib_resource_row_get_id (again), ==,
                     reslib_resource_row_get_id (g_ptr_array_index (expected, 0)));
  }
  g_assert_true (studio_test_shows_text (page->resources_view, reslib_resource_row_get_title (first)));
  g_assert_true (strstr (gtk_label_get_text (count), "3000") != NULL);

  /* Selection and the detail pane */
  g_assert_true (gtk_selection_model_select_item (GTK_SELECTION_MODEL (page->selection), 0, TRUE));
  g_assert_cmpuint (_studio_resources_page_n_selected (page), ==, 1);
  g_assert_true (studio_test_wait_until (detail_shown, page, 10000));
  g_assert_true (reslib_record_get_id (page->record) != NULL);
  g_assert_cmpstr (reslib_record_get_id (page->record), ==, reslib_resource_row_get_id (first));

  /* Search: the last one by a word of its title */
  g_assert_cmpstr (reslib_resource_row_get_title (last), ==, "刀具磨损检测");
  gtk_editable_set_text (GTK_EDITABLE (page->search_entry), "磨损");
  if (!studio_test_wait_until (searched, page, 20000))
    g_error ("%u shown, applied %s", g_list_model_get_n_items (G_LIST_MODEL (page->selection)), page->applied_search);
  {
    g_autoptr(ReslibResourceRow) found = g_list_model_get_item (G_LIST_MODEL (page->selection), 0);

    g_assert_cmpstr (reslib_resource_row_get_id (found), ==, reslib_resource_row_get_id (last));
  }
  gtk_editable_set_text (GTK_EDITABLE (page->search_entry), "");
  g_assert_true (studio_test_wait_until (rows_loaded, page, 20000));
}

int
main (int   argc,
      char *argv[])
{
  if (!studio_test_init (&argc, &argv))
    return 0;

  g_test_add ("/studio/resources/paged", StudioTestFixture, "分页测试", studio_test_fixture_set_up, test_paged,
              studio_test_fixture_tear_down);

  return studio_test_run ();
}
