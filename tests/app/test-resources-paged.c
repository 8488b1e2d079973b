/* test-resources-paged.c — the Resources page on a long list, shown a page at a time
 *
 * A list longer than the page's paged-threshold (100,000; lowered here) shows the rowids read from the index
 * as a StudioPagedRows: the count and the first rows' titles come from the pages read for the rows in view,
 * on a thread of their own. All its rows are never read (the reads of all the rows are held here by
 * _studio_row_loader_hold_rows(), and the page never needs them): a row selected, read or not, is known by
 * its position (the detail pane, select all), the filters and the columns' order are answered by the store,
 * a search shows its matches as a paged list too, in the list's order, and a change in the store is shown
 * where the view is.
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

/* The list shown is the latest one the filters and the order asked for. */
static gboolean
relisted (gpointer data)
{
  StudioResourcesPage *page = data;

  return page->paging && page->relist_cancellable == NULL && page->search_cancellable == NULL &&
         g_strcmp0 (page->applied_search, gtk_editable_get_text (GTK_EDITABLE (page->search_entry))) == 0;
}

/* The item at @position, its page read. */
static ReslibResourceRow *
read_item (StudioResourcesPage *page,
           guint                position)
{
  ReslibResourceRow *row = g_list_model_get_item (G_LIST_MODEL (page->selection), position);

  while (!is_read (row))
    g_main_context_iteration (NULL, TRUE);

  return row;
}

/* The paged list shows the rows of @expected, in that order. */
static void
assert_shows (StudioResourcesPage *page,
              GListModel          *expected)
{
  guint n = g_list_model_get_n_items (expected);

  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (page->selection)), ==, n);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(ReslibResourceRow) row = read_item (page, i);
      g_autoptr(ReslibResourceRow) want = g_list_model_get_item (expected, i);

      if (g_strcmp0 (reslib_resource_row_get_id (row), reslib_resource_row_get_id (want)) != 0)
        g_error ("row %u: “%s”, expected “%s”", i, reslib_resource_row_get_title (row),
                 reslib_resource_row_get_title (want));
    }
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

static gboolean
title_shown (gpointer data)
{
  StudioResourcesPage *page = data;
  g_autoptr(ReslibResourceRow) row = g_list_model_get_item (G_LIST_MODEL (page->selection), 1);

  return g_strcmp0 (reslib_resource_row_get_title (row), "车床主轴改") == 0;
}

static gboolean
one_less (gpointer data)
{
  StudioResourcesPage *page = data;

  return relisted (page) && g_list_model_get_n_items (G_LIST_MODEL (page->selection)) == N_ROWS - 1;
}

static guint wanted_n;

static gboolean
relisted_n (gpointer data)
{
  StudioResourcesPage *page = data;

  return relisted (page) && g_list_model_get_n_items (G_LIST_MODEL (page->selection)) == wanted_n;
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
  g_assert_cmpuint (threshold, ==, 20000);
  g_object_set (page, "paged-threshold", 1000, NULL);

  /* All the rows are held back for the whole test: a paged list never waits for them */
  _studio_row_loader_hold_rows (TRUE);
  studio_window_show_page (f->window, "resources");
  _studio_resources_page_load (page);
  g_assert_true (studio_test_wait_until (first_page_read, page, 20000));
  g_assert_null (page->rows);
  g_assert_nonnull (page->paged);
  g_assert_null (page->load_cancellable);
  first = g_list_model_get_item (G_LIST_MODEL (page->selection), 0);
  g_assert_cmpstr (reslib_resource_row_get_id (first), ==,
                   reslib_resource_row_get_id (g_ptr_array_index (expected, 0)));
  g_assert_cmpstr (reslib_resource_row_get_title (first), ==,
                   reslib_resource_row_get_title (g_ptr_array_index (expected, 0)));
  g_assert_true (studio_test_shows_text (page->resources_view, reslib_resource_row_get_title (first)));
  count = studio_test_page_child (f->window, "resources", "count_label");
  g_assert_cmpstr (gtk_label_get_text (count), ==, "Resources: 3000");
  g_assert_cmpstr (gtk_stack_get_visible_child_name (page->resources_stack), ==, "list");

  /* Selection and the detail pane on the paged list */
  gtk_selection_model_select_item (GTK_SELECTION_MODEL (page->selection), 0, TRUE);
  g_assert_cmpuint (_studio_resources_page_n_selected (page), ==, 1);
  g_assert_true (studio_test_wait_until (detail_shown, page, 10000));
  g_assert_cmpstr (reslib_record_get_id (page->record), ==, reslib_resource_row_get_id (first));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "resources.select-all", NULL));
  /* A row of a page never read is known by its position too */
  gtk_selection_model_select_item (GTK_SELECTION_MODEL (page->selection), 2000, TRUE);
  {
    g_auto(GStrv) ids = _studio_resources_page_selected_ids (page);

    g_assert_cmpuint (g_strv_length (ids), ==, 1);
    g_assert_cmpstr (ids[0], ==, reslib_resource_row_get_id (g_ptr_array_index (expected, 2000)));
  }
  gtk_selection_model_select_all (GTK_SELECTION_MODEL (page->selection));
  {
    g_auto(GStrv) ids = _studio_resources_page_selected_ids (page);

    g_assert_cmpuint (g_strv_length (ids), ==, N_ROWS);
    g_assert_cmpstr (ids[N_ROWS - 1], ==, reslib_resource_row_get_id (g_ptr_array_index (expected, N_ROWS - 1)));
    g_assert_cmpstr (gtk_stack_get_visible_child_name (page->detail_stack), ==, "many");
  }
  gtk_selection_model_unselect_all (GTK_SELECTION_MODEL (page->selection));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (page->detail_stack), ==, "none");

  /* The last rows too, read as they are asked for */
  last = read_item (page, N_ROWS - 1);
  g_assert_cmpstr (reslib_resource_row_get_title (last), ==,
                   reslib_resource_row_get_title (g_ptr_array_index (expected, N_ROWS - 1)));

  /* Search while paged: the matches, in the list's order, without the rows read */
  gtk_editable_set_text (GTK_EDITABLE (page->search_entry), "磨损");
  g_assert_true (studio_test_wait_until (paged_searched, page, 20000));
  {
    g_autoptr(ReslibResourceRow) shown = g_list_model_get_item (G_LIST_MODEL (page->selection), 0);
    g_autoptr(ReslibResourceRow) found = NULL;

    /* The first matches' rows came with them: shown with their values at once, no page left to read */
    g_assert_true (is_read (shown));
    g_assert_cmpuint (studio_paged_rows_get_pending (page->paged), ==, 0);
    found = read_item (page, 0);

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
        g_autoptr(ReslibResourceRow) row = read_item (page, i);

        /* In the list's order: each one further down the full list than the one before */
        while (j < N_ROWS && g_strcmp0 (reslib_resource_row_get_id (g_ptr_array_index (expected, j)),
                                        reslib_resource_row_get_id (row)) != 0)
          j++;
        g_assert_cmpuint (j, <, N_ROWS);
      }
  }

  /* A filter, with the search: the store filters; then the filter alone */
  {
    const char *type = reslib_resource_types[1];
    g_autoptr(GListStore) typed = g_list_store_new (RESLIB_TYPE_RESOURCE_ROW);
    g_autoptr(GListStore) typed_matches = g_list_store_new (RESLIB_TYPE_RESOURCE_ROW);
    g_autoptr(GListModel) matches = reslib_store_search (f->store, f->project, page->applied_search, 0, &error);
    g_autoptr(GHashTable) match_ids = g_hash_table_new (g_str_hash, g_str_equal);

    for (guint i = 0; i < g_list_model_get_n_items (matches); i++)
      {
        g_autoptr(ReslibRecord) record = g_list_model_get_item (matches, i);

        g_hash_table_add (match_ids, (gpointer) g_intern_string (reslib_record_get_id (record)));
      }
    for (guint i = 0; i < N_ROWS; i++)
      {
        ReslibResourceRow *row = g_ptr_array_index (expected, i);

        if (reslib_resource_row_get_kind (row) != g_intern_string (type))
          continue;
        g_list_store_append (typed, row);
        if (g_hash_table_contains (match_ids, g_intern_string (reslib_resource_row_get_id (row))))
          g_list_store_append (typed_matches, row);
      }
    g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (typed)), >, 0);
    g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (typed)), <, N_ROWS);
    gtk_drop_down_set_selected (page->type_filter, 2);
    g_assert_true (page->type_value == g_intern_string (type));
    g_assert_true (studio_test_wait_until (relisted, page, 20000));
    assert_shows (page, G_LIST_MODEL (typed_matches));
    gtk_editable_set_text (GTK_EDITABLE (page->search_entry), "");
    g_assert_true (studio_test_wait_until (relisted, page, 20000));
    assert_shows (page, G_LIST_MODEL (typed));
    {
      g_autofree char *text = g_strdup_printf ("Shown: %u of 3000", g_list_model_get_n_items (G_LIST_MODEL (typed)));

      g_assert_cmpstr (gtk_label_get_text (count), ==, text);
    }
    gtk_drop_down_set_selected (page->type_filter, 0);
    g_assert_true (studio_test_wait_until (relisted, page, 20000));
    g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (page->selection)), ==, N_ROWS);
  }

  /* Sorted by a column: the store's order is GTK's sorter's, ascending and descending */
  {
    GListModel *columns = gtk_column_view_get_columns (page->resources_view);

    for (guint c = 0; c < 6; c += 5)
      for (int direction = 0; direction < 2; direction++)
        {
          g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, c);
          g_autoptr(GListStore) all = g_list_store_new (RESLIB_TYPE_RESOURCE_ROW);
          g_autoptr(GtkSortListModel) sorted = NULL;

          for (guint i = 0; i < N_ROWS; i++)
            g_list_store_append (all, g_ptr_array_index (expected, i));
          gtk_column_view_sort_by_column (page->resources_view, column,
                                          direction == 0 ? GTK_SORT_ASCENDING : GTK_SORT_DESCENDING);
          g_assert_cmpuint (studio_resources_page_get_sort_pending (page), >, 0);
          g_assert_true (studio_test_wait_until (relisted, page, 20000));
          sorted = gtk_sort_list_model_new (G_LIST_MODEL (g_object_ref (all)),
                                            g_object_ref (gtk_column_view_get_sorter (page->resources_view)));
          assert_shows (page, G_LIST_MODEL (sorted));
        }
    gtk_column_view_sort_by_column (page->resources_view, NULL, GTK_SORT_ASCENDING);
    g_assert_true (studio_test_wait_until (relisted, page, 20000));
    g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (page->selection)), ==, N_ROWS);
  }

  /* A change in the store is shown where it is; the selection and the detail pane stay */
  g_assert_true (gtk_selection_model_select_item (GTK_SELECTION_MODEL (page->selection), 1, TRUE));
  g_assert_true (studio_test_wait_until (detail_shown, page, 10000));
  g_assert_true (reslib_store_update (f->store, RESLIB_KIND_RESOURCE,
                                      reslib_resource_row_get_id (g_ptr_array_index (expected, 1)),
                                      (const char * const[]) { "title", NULL },
                                      (const char * const[]) { "车床主轴改", NULL }, &error));
  g_assert_no_error (error);
  g_assert_true (studio_test_wait_until (title_shown, page, 20000));
  g_assert_true (studio_test_wait_until (relisted, page, 20000));
  g_assert_true (gtk_selection_model_is_selected (GTK_SELECTION_MODEL (page->selection), 1));
  g_assert_cmpstr (reslib_record_get_id (page->record), ==, reslib_resource_row_get_id (g_ptr_array_index (expected, 1)));
  g_assert_cmpstr (reslib_record_get (page->record, "title"), ==, "车床主轴改");
  /* One deleted: the list is one shorter */
  g_assert_true (reslib_store_delete (f->store, RESLIB_KIND_RESOURCE,
                                      reslib_resource_row_get_id (g_ptr_array_index (expected, 5)), &error));
  g_assert_no_error (error);
  g_assert_true (studio_test_wait_until (one_less, page, 20000));
  g_assert_cmpstr (gtk_label_get_text (count), ==, "Resources: 2999");

  /* Another page opens a resource far down: selected where it is */
  studio_page_open_subject (STUDIO_PAGE (page), "resources", RESLIB_KIND_RESOURCE,
                            reslib_resource_row_get_id (g_ptr_array_index (expected, 2500)));
  g_assert_true (studio_test_wait_until (detail_shown, page, 10000));
  g_assert_cmpstr (reslib_record_get_id (page->record), ==,
                   reslib_resource_row_get_id (g_ptr_array_index (expected, 2500)));
  g_assert_true (gtk_selection_model_is_selected (GTK_SELECTION_MODEL (page->selection), 2499));

  /* Nothing found: the empty state says so */
  gtk_editable_set_text (GTK_EDITABLE (page->search_entry), "没有这个词");
  g_assert_true (studio_test_wait_until (paged_applied, page, 20000));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (page->selection)), ==, 0);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (page->list_stack), ==, "no-results");
  /* The search cleared: the whole list again */
  gtk_editable_set_text (GTK_EDITABLE (page->search_entry), "");
  g_assert_true (studio_test_wait_until (paged_applied, page, 20000));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (page->selection)), ==, N_ROWS - 1);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (page->list_stack), ==, "rows");

  /* Another page shows some resources by id (Checks' "Show Resources"): exactly those, in the list's order,
   * still paged; "Show All" brings the whole list back */
  {
    const char *named[] = {
      reslib_resource_row_get_id (g_ptr_array_index (expected, 2700)),
      reslib_resource_row_get_id (g_ptr_array_index (expected, 10)),
      reslib_resource_row_get_id (g_ptr_array_index (expected, 1500)),
      NULL,
    };
    g_autoptr(GListStore) want = g_list_store_new (RESLIB_TYPE_RESOURCE_ROW);

    g_list_store_append (want, g_ptr_array_index (expected, 10));
    g_list_store_append (want, g_ptr_array_index (expected, 1500));
    g_list_store_append (want, g_ptr_array_index (expected, 2700));
    studio_resources_page_show_ids (page, "测试检查", named);
    wanted_n = 3;
    g_assert_true (studio_test_wait_until (relisted_n, page, 20000));
    g_assert_true (page->paging);
    assert_shows (page, G_LIST_MODEL (want));
    g_assert_cmpstr (studio_resources_page_get_ids_filter (page), ==, "3 resources from the check “测试检查”");
    g_assert_cmpstr (gtk_label_get_text (count), ==, "Shown: 3 of 2999");
    studio_resources_page_show_all (page);
    wanted_n = N_ROWS - 1;
    g_assert_true (studio_test_wait_until (relisted_n, page, 20000));
    g_assert_null (studio_resources_page_get_ids_filter (page));
  }

  /* All the rows were never read */
  g_assert_true (page->paging);
  g_assert_null (page->rows);
  _studio_row_loader_hold_rows (FALSE);
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
