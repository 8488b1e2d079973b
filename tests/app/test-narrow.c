/* test-narrow.c — the window at a phone's width (360 × 640), in English and in Chinese
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>
#include <math.h>
#include <string.h>
#include <sys/stat.h>

#include "reslib-store-resource-rows.h"
#include "studio-checks-page.h"
#include "studio-resources-page.h"
#include "studio-test-utils.h"

#define NARROW_WIDTH 360

typedef StudioTestFixture Fixture;

static int
min_width (GtkWidget *widget)
{
  int min = 0;

  gtk_widget_measure (widget, GTK_ORIENTATION_HORIZONTAL, -1, &min, NULL, NULL, NULL);

  return min;
}

/* The path from @widget down through its widest children, with their minimum widths: what makes it wide. */
static char *
widest_path (GtkWidget *widget)
{
  g_autoptr(GString) path = g_string_new (NULL);

  while (widget != NULL)
    {
      GtkWidget *next = NULL;
      int widest = -1;
      int min = min_width (widget);
      const char *name = gtk_widget_get_name (widget);

      g_string_append_printf (path, "%s%s", path->len > 0 ? " > " : "", G_OBJECT_TYPE_NAME (widget));
      if (name != NULL && g_strcmp0 (name, G_OBJECT_TYPE_NAME (widget)) != 0)
        g_string_append_printf (path, "#%s", name);
      if (GTK_IS_LABEL (widget) || GTK_IS_BUTTON (widget))
        {
          const char *text = GTK_IS_LABEL (widget) ? gtk_label_get_label (GTK_LABEL (widget))
                                                   : gtk_button_get_label (GTK_BUTTON (widget));

          if (text != NULL)
            g_string_append_printf (path, "“%s”", text);
        }
      g_string_append_printf (path, "=%d", min);
      if (min < 40)
        break;
      for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
           child = gtk_widget_get_next_sibling (child))
        {
          int child_min;

          if (!gtk_widget_get_visible (child))
            continue;
          /* A stack that is not homogeneous is as wide as the child it shows. */
          if (GTK_IS_STACK (widget) && !gtk_stack_get_hhomogeneous (GTK_STACK (widget)) &&
              child != gtk_stack_get_visible_child (GTK_STACK (widget)))
            continue;
          child_min = min_width (child);
          if (child_min > widest)
            {
              widest = child_min;
              next = child;
            }
        }
      widget = next;
    }

  return g_string_free (g_steal_pointer (&path), FALSE);
}

/* How wide @window must be for the page shown: its content's minimum width (the decorations around it
 * are the window manager's business). NULL when it fits, else what makes it wide. */
static char *
too_wide (StudioWindow *window,
          const char   *page)
{
  GtkWidget *content = adw_application_window_get_content (ADW_APPLICATION_WINDOW (window));
  int min = min_width (content);
  g_autofree char *path = NULL;

  if (min <= NARROW_WIDTH)
    return NULL;
  path = widest_path (content);

  return g_strdup_printf ("the %s page needs %d px: %s", page, min, path);
}

/* Whether @widget is inside something that scrolls sideways by design (a list's later columns): what it
 * shows may go past the window's edge. */
static gboolean
scrolls_sideways (GtkWidget *widget)
{
  for (GtkWidget *w = gtk_widget_get_parent (widget); w != NULL; w = gtk_widget_get_parent (w))
    if (GTK_IS_SCROLLED_WINDOW (w))
      {
        GtkPolicyType h = GTK_POLICY_NEVER;

        gtk_scrolled_window_get_policy (GTK_SCROLLED_WINDOW (w), &h, NULL);
        if (h != GTK_POLICY_NEVER)
          return TRUE;
      }

  return FALSE;
}

/* The buttons, entries and labels under @widget that are cut by the edge of @toplevel (a window at
 * 360 px): minimum widths can fit while an allocation still runs past the edge, inside a scroll area
 * that does not scroll sideways. Appends what is cut, and by how much, to @cut. */
static void
find_cut (GtkWidget *widget,
          GtkWidget *toplevel,
          GString   *cut)
{
  if (!gtk_widget_get_mapped (widget))
    return;
  if (GTK_IS_BUTTON (widget) || GTK_IS_MENU_BUTTON (widget) || GTK_IS_ENTRY (widget) || GTK_IS_DROP_DOWN (widget) ||
      GTK_IS_SWITCH (widget) || (GTK_IS_LABEL (widget) && *gtk_label_get_text (GTK_LABEL (widget)) != '\0'))
    {
      graphene_rect_t bounds;
      float right;

      if (gtk_widget_compute_bounds (widget, toplevel, &bounds) && !scrolls_sideways (widget))
        {
          right = bounds.origin.x + bounds.size.width;
          if (bounds.origin.x < -0.5f || right > gtk_widget_get_width (toplevel) + 0.5f)
            {
              const char *text = GTK_IS_LABEL (widget) ? gtk_label_get_text (GTK_LABEL (widget))
                               : GTK_IS_BUTTON (widget) ? gtk_button_get_label (GTK_BUTTON (widget)) : NULL;

              g_string_append_printf (cut, " %s“%s” at %.0f–%.0f of %d;", G_OBJECT_TYPE_NAME (widget),
                                      text != NULL ? text : "", bounds.origin.x, right,
                                      gtk_widget_get_width (toplevel));
              return;
            }
        }
      if (GTK_IS_LABEL (widget) || GTK_IS_ENTRY (widget))
        return;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    find_cut (child, toplevel, cut);
}

static gboolean
content_narrow_cb (gpointer data)
{
  GtkWidget *content = adw_application_window_get_content (ADW_APPLICATION_WINDOW (data));

  return gtk_widget_get_width (content) > 0 && gtk_widget_get_width (content) <= NARROW_WIDTH;
}

static gboolean rows_loaded_cb (gpointer data);

static void
check_pages (Fixture    *f,
             const char *locale,
             GString    *failures)
{
  static const char * const pages[] = {
    "overview", "dossier", "team", "courses", "resources", "review", "checks", "submit",
  };
  StudioWindow *window;

  g_assert_nonnull (setlocale (LC_ALL, locale));
  /* Measured in Chinese only when the pages are in Chinese. */
  if (g_str_has_prefix (locale, "zh"))
    g_assert_cmpstr (_("Resources"), !=, "Resources");
  window = studio_test_show_window (f->store);
  gtk_window_set_default_size (GTK_WINDOW (window), NARROW_WIDTH, 640);
  g_assert_true (studio_test_wait_until (content_narrow_cb, window, 5000));
  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    {
      g_autofree char *wide = NULL;

      studio_window_show_page (window, pages[i]);
      studio_test_flush ();
      gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
      wide = too_wide (window, pages[i]);
      if (wide == NULL)
        g_test_message ("%s: the %s page fits %d px (it needs %d)", locale, pages[i], NARROW_WIDTH,
                        min_width (adw_application_window_get_content (ADW_APPLICATION_WINDOW (window))));
      else
        g_string_append_printf (failures, "\n%s: %s", locale, wide);
      /* What fits by its minimum width must also be shown whole. */
      {
        g_autoptr(GString) cut = g_string_new (NULL);
        g_autofree char *shot = g_strdup_printf ("narrow-%.2s-%s", locale, pages[i]);

        studio_test_save_shot (window, shot);
        find_cut (GTK_WIDGET (studio_window_get_page (window, pages[i])), GTK_WIDGET (window), cut);
        if (cut->len > 0)
          g_string_append_printf (failures, "\n%s: the %s page cuts:%s", locale, pages[i], cut->str);
      }
    }

  /* The resources as a grid of thumbnails fit too. */
  {
    GtkStack *list_stack = studio_test_page_child (window, "resources", "list_stack");
    g_autoptr(GString) cut = g_string_new (NULL);
    g_autofree char *wide = NULL;
    g_autofree char *shot = g_strdup_printf ("narrow-%.2s-resources-grid", locale);

    studio_window_show_page (window, "resources");
    g_assert_true (studio_test_wait_until (rows_loaded_cb, gtk_column_view_get_model (
                     studio_test_page_child (window, "resources", "resources_view")), 10000));
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (studio_window_get_page (window, "resources")),
                                               "resources.show-grid", NULL));
    studio_test_flush ();
    gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
    g_assert_cmpstr (gtk_stack_get_visible_child_name (list_stack), ==, "grid");
    wide = too_wide (window, "resources (grid)");
    if (wide != NULL)
      g_string_append_printf (failures, "\n%s: %s", locale, wide);
    studio_test_save_shot (window, shot);
    find_cut (GTK_WIDGET (studio_window_get_page (window, "resources")), GTK_WIDGET (window), cut);
    if (cut->len > 0)
      g_string_append_printf (failures, "\n%s: the resources page as a grid cuts:%s", locale, cut->str);
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (studio_window_get_page (window, "resources")),
                                               "resources.show-grid", NULL));
    studio_test_flush ();
    g_assert_cmpstr (gtk_stack_get_visible_child_name (list_stack), ==, "rows");
  }
  studio_test_close_window (window);
  setlocale (LC_ALL, "C.UTF-8");
}

/* Every page fits a 360 px wide window, in English and in Chinese: nothing inside asks for more (the
 * resources as a table and as a grid). */
static void
test_narrow (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GString) failures = g_string_new (NULL);

  check_pages (f, "C.UTF-8", failures);
  check_pages (f, "zh_CN.UTF-8", failures);
  if (failures->len > 0)
    g_error ("Too wide for %d px:%s", NARROW_WIDTH, failures->str);
}

/* A dialog opened over the 360 px window: as narrow as the window, nothing in it cut. */
static void
check_dialog (const char *locale,
              const char *what,
              GtkWindow  *dialog,
              GString    *failures)
{
  g_autoptr(GString) cut = g_string_new (NULL);
  gsize failed_before;
  int min;

  g_assert_nonnull (dialog);
  failed_before = failures->len;
  gtk_test_widget_wait_for_draw (GTK_WIDGET (dialog));
  studio_test_flush ();
  min = min_width (GTK_WIDGET (dialog));
  if (min > NARROW_WIDTH)
    {
      g_autofree char *path = widest_path (GTK_WIDGET (dialog));

      g_string_append_printf (failures, "\n%s: %s needs %d px: %s", locale, what, min, path);
    }
  else if (gtk_widget_get_width (GTK_WIDGET (dialog)) > NARROW_WIDTH)
    g_string_append_printf (failures, "\n%s: %s is %d px wide (it needs %d; its window is %d px wide)", locale,
                            what, gtk_widget_get_width (GTK_WIDGET (dialog)), min,
                            gtk_widget_get_width (GTK_WIDGET (gtk_window_get_transient_for (dialog))));
  else
    g_test_message ("%s: %s fits %d px (%d wide, it needs %d)", locale, what, NARROW_WIDTH,
                    gtk_widget_get_width (GTK_WIDGET (dialog)), min);
  find_cut (GTK_WIDGET (dialog), GTK_WIDGET (dialog), cut);
  if (cut->len > 0)
    g_string_append_printf (failures, "\n%s: %s cuts:%s", locale, what, cut->str);
  if (failures->len > failed_before)
    g_test_message ("%s", failures->str + failed_before + 1);
  {
    g_autofree char *shot = g_strdup_printf ("narrow-%.2s-dialog-%s", locale, what);

    g_strdelimit (shot, " …", '-');
    studio_test_save_shot (dialog, shot);
  }
}

static gboolean
rows_loaded_cb (gpointer data)
{
  GListModel *rows = data;

  for (guint i = 0; i < g_list_model_get_n_items (rows); i++)
    {
      g_autoptr(ReslibResourceRow) row = g_list_model_get_item (rows, i);

      if (reslib_resource_row_get_state (row) == NULL)
        return FALSE;
    }

  return g_list_model_get_n_items (rows) > 0;
}

static gboolean
checks_done_cb (gpointer data)
{
  return !studio_checks_page_is_running (data) && studio_checks_page_get_findings (data) != NULL;
}

static gboolean
dialog_shown_cb (gpointer data)
{
  return studio_test_find_dialog () != NULL;
}

static void
check_dialogs (Fixture    *f,
               const char *locale,
               GString    *failures)
{
  g_autofree char *folder = g_build_filename (f->dir, "导入", locale, NULL);
  g_autofree char *fifo = g_build_filename (folder, "录像管道", NULL);
  g_autofree char *file = reslib_test_write_file (folder, "新讲义.txt", locale, -1);
  g_autofree char *replacement = reslib_test_write_file (f->dir, "替换.txt", locale, -1);
  StudioWindow *window;
  StudioResourcesPage *resources;
  StudioChecksPage *checks;
  GListModel *rows;
  GSList *list;

  g_assert_nonnull (setlocale (LC_ALL, locale));
  window = studio_test_show_window (f->store);
  gtk_window_set_default_size (GTK_WINDOW (window), NARROW_WIDTH, 640);
  g_assert_true (studio_test_wait_until (content_narrow_cb, window, 5000));
  studio_window_show_page (window, "resources");
  studio_test_flush ();
  resources = STUDIO_RESOURCES_PAGE (studio_window_get_page (window, "resources"));
  rows = G_LIST_MODEL (gtk_column_view_get_model (studio_test_page_child (window, "resources", "resources_view")));
  g_assert_true (studio_test_wait_until (rows_loaded_cb, rows, 10000));

  /* Bulk edit of every resource. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (resources), "resources.select-all", NULL));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (resources), "resources.edit-selected", NULL));
  check_dialog (locale, "the bulk edit", GTK_WINDOW (studio_test_wait_for_dialog ()), failures);
  studio_test_respond (studio_test_find_dialog (), "cancel");

  /* Replace File… on an approved resource: asked first. */
  for (guint i = 0; i < g_list_model_get_n_items (rows); i++)
    {
      g_autoptr(ReslibResourceRow) row = g_list_model_get_item (rows, i);

      if (g_strcmp0 (reslib_resource_row_get_state (row), "approved") == 0)
        {
          g_assert_true (gtk_selection_model_select_item (GTK_SELECTION_MODEL (rows), i, TRUE));
          break;
        }
    }
  studio_test_flush ();
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (resources), "resources.replace-file-path", "s",
                                             replacement));
  check_dialog (locale, "Replace File…", GTK_WINDOW (studio_test_wait_for_dialog ()), failures);
  studio_test_respond (studio_test_find_dialog (), "cancel");

  /* The import summary: a file added, one that cannot be read. */
  g_assert_cmpint (mkfifo (fifo, 0600), ==, 0);
  list = g_slist_append (NULL, g_file_new_for_path (folder));
  g_assert_true (studio_resources_page_import (resources, list));
  g_slist_free_full (list, g_object_unref);
  g_assert_true (studio_test_wait_until (dialog_shown_cb, NULL, 20000));
  check_dialog (locale, "the import summary", GTK_WINDOW (studio_test_find_dialog ()), failures);
  studio_test_respond (studio_test_find_dialog (), "close");

  /* Set Licence… on the resources the checks find without one: an open resource that names none. */
  {
    g_autoptr(GListModel) all = reslib_store_list (f->store, RESLIB_KIND_RESOURCE, f->project, NULL);
    g_autoptr(ReslibRecord) first = NULL;
    g_autoptr(GError) error = NULL;

    /* Not the approved one: changed, it would go back to review. */
    for (guint i = 0; first == NULL && i < g_list_model_get_n_items (all); i++)
      {
        g_autoptr(ReslibRecord) resource = g_list_model_get_item (all, i);

        if (g_strcmp0 (reslib_record_get (resource, "state"), "approved") != 0)
          first = g_steal_pointer (&resource);
      }
    g_assert_nonnull (first);
    g_assert_true (reslib_store_update (f->store, RESLIB_KIND_RESOURCE, reslib_record_get_id (first),
                                        (const char * const[]) { "origin", NULL },
                                        (const char * const[]) { "open", NULL }, &error));
    g_assert_no_error (error);
  }
  studio_window_show_page (window, "checks");
  studio_test_flush ();
  checks = STUDIO_CHECKS_PAGE (studio_window_get_page (window, "checks"));
  studio_checks_page_run (checks);
  g_assert_true (studio_test_wait_until (checks_done_cb, checks, 60000));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  {
    g_autofree char *wide = too_wide (window, "checks");
    g_autofree char *shot = NULL;

    /* With its findings shown, the page still fits. */
    if (wide != NULL)
      g_string_append_printf (failures, "\n%s: %s", locale, wide);
    shot = g_strdup_printf ("narrow-%.2s-checks-findings", locale);
    studio_test_save_shot (window, shot);
  }
  /* The licence rule's group, at the severity the profile gives it. */
  {
    GtkWindow *licence = NULL;

    for (guint severity = 0; severity < 3 && licence == NULL; severity++)
      {
        g_autofree char *key = g_strdup_printf ("%u resource.licence", severity);

        licence = studio_checks_page_ask_licence (checks, key);
      }
    check_dialog (locale, "Set Licence…", licence, failures);
  }
  studio_test_respond (studio_test_find_dialog (), "cancel");

  studio_test_close_window (window);
  setlocale (LC_ALL, "C.UTF-8");
}

/* The dialogs fit a 360 px window too, in English and in Chinese: the bulk edit, Replace File…, the import
 * summary and Set Licence…. */
static void
test_dialogs (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GString) failures = g_string_new (NULL);

  check_dialogs (f, "C.UTF-8", failures);
  check_dialogs (f, "zh_CN.UTF-8", failures);
  if (failures->len > 0)
    g_error ("Dialogs too wide for %d px:%s", NARROW_WIDTH, failures->str);
}

/* The titles shown (mapped labels under @widget showing a title of @rows), and how many of them are cut. */
static void
count_titles (GtkWidget  *widget,
              GListModel *rows,
              guint      *shown,
              GString    *cut)
{
  if (GTK_IS_LABEL (widget) && gtk_widget_get_mapped (widget))
    for (guint i = 0; i < g_list_model_get_n_items (rows); i++)
      {
        g_autoptr(ReslibResourceRow) row = g_list_model_get_item (rows, i);

        if (g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), reslib_resource_row_get_title (row)) != 0)
          continue;
        (*shown)++;
        if (pango_layout_is_ellipsized (gtk_label_get_layout (GTK_LABEL (widget))))
          g_string_append_printf (cut, " “%s” (%d px)", gtk_label_get_text (GTK_LABEL (widget)),
                                  gtk_widget_get_width (widget));
        break;
      }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    count_titles (child, rows, shown, cut);
}

static gboolean folded_cb (gpointer data);
static gboolean unfolded_cb (gpointer data);

/* The columns shown are as wide as the list: nothing scrolls sideways, and the title takes the room left (no
 * empty band on the right). */
static gboolean
columns_fit_cb (gpointer data)
{
  GtkAdjustment *hadjustment = gtk_scrollable_get_hadjustment (data);

  return gtk_adjustment_get_page_size (hadjustment) > 0 &&
         fabs (gtk_adjustment_get_upper (hadjustment) - gtk_adjustment_get_page_size (hadjustment)) < 0.5;
}

/* The titles of the columns shown, as "Title|Type|…", and the text of the first cut cell that is not a title
 * or a file name (a file name is cut in its middle by design) */
static char *
shown_columns (GtkColumnView *view)
{
  GListModel *columns = gtk_column_view_get_columns (view);
  g_autoptr(GString) shown = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (columns); i++)
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, i);

      if (gtk_column_view_column_get_visible (column))
        g_string_append_printf (shown, "%s%s", shown->len > 0 ? "|" : "", gtk_column_view_column_get_title (column));
    }

  return g_string_free (g_steal_pointer (&shown), FALSE);
}

/* Mapped labels in a cell that are cut at their end (titles are counted by count_titles; file names are cut in
 * the middle, on purpose) */
static void
cut_cells (GtkWidget *widget,
           GString   *cut)
{
  if (GTK_IS_LABEL (widget) && gtk_widget_get_mapped (widget) &&
      gtk_label_get_ellipsize (GTK_LABEL (widget)) == PANGO_ELLIPSIZE_END &&
      pango_layout_is_ellipsized (gtk_label_get_layout (GTK_LABEL (widget))))
    g_string_append_printf (cut, " “%s” (%d px)", gtk_label_get_text (GTK_LABEL (widget)), gtk_widget_get_width (widget));
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    cut_cells (child, cut);
}

/* The Resources page at @width × @height in @locale: the demo's titles are shown whole (the title column
 * takes the room; folded, the list drops the columns the details show); the columns shown are as wide as the
 * list; unfolded, none of their cells is cut; and which columns show is @expected. */
static void
check_titles (Fixture    *f,
              const char *locale,
              int         width,
              int         height,
              const char *expected,
              GString    *failures)
{
  StudioWindow *window;
  GtkColumnView *view;
  g_autoptr(GString) cut = g_string_new (NULL);
  g_autoptr(GString) cut_other = g_string_new (NULL);
  g_autofree char *shot = g_strdup_printf ("resources-%.2s-%d", locale, width);
  g_autofree char *shown_titles = NULL;
  gboolean narrow = width <= NARROW_WIDTH;
  gboolean fit;
  guint shown = 0;

  g_assert_nonnull (setlocale (LC_ALL, locale));
  window = studio_test_show_window (f->store);
  gtk_window_set_default_size (GTK_WINDOW (window), width, height);
  studio_window_show_page (window, "resources");
  view = studio_test_page_child (window, "resources", "resources_view");
  g_assert_true (studio_test_wait_until (narrow ? folded_cb : unfolded_cb,
                                         studio_test_page_child (window, "resources", "leaflet"), 5000));
  g_assert_true (studio_test_wait_until (rows_loaded_cb, gtk_column_view_get_model (view), 10000));
  fit = studio_test_wait_until (columns_fit_cb, view, 5000);
  studio_test_flush ();
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  studio_test_save_shot (window, shot);

  shown_titles = shown_columns (view);
  count_titles (GTK_WIDGET (view), G_LIST_MODEL (gtk_column_view_get_model (view)), &shown, cut);
  cut_cells (GTK_WIDGET (view), cut_other);
  g_test_message ("%s, %d px: columns %s, list %.0f px of %.0f, %u titles shown, cut:%s; other cells cut:%s", locale,
                  width, shown_titles, gtk_adjustment_get_page_size (gtk_scrollable_get_hadjustment (GTK_SCROLLABLE (view))),
                  gtk_adjustment_get_upper (gtk_scrollable_get_hadjustment (GTK_SCROLLABLE (view))), shown, cut->str,
                  cut_other->str);
  g_assert_cmpuint (shown, ==, g_list_model_get_n_items (G_LIST_MODEL (gtk_column_view_get_model (view))));
  if (cut->len > 0)
    g_string_append_printf (failures, "\n%s, %d px: titles cut:%s", locale, width, cut->str);
  if (!fit)
    g_string_append_printf (failures, "\n%s, %d px: the columns %s are not as wide as the list", locale, width,
                            shown_titles);
  if (!narrow && cut_other->len > 0)
    g_string_append_printf (failures, "\n%s, %d px: cells cut:%s", locale, width, cut_other->str);
  if (g_strcmp0 (shown_titles, expected) != 0)
    g_string_append_printf (failures, "\n%s, %d px: columns %s, expected %s", locale, width, shown_titles, expected);

  studio_test_close_window (window);
  setlocale (LC_ALL, "C.UTF-8");
}

/* On a desktop's screen (1920 px), laptops' (1366 and 1024 px) and a phone's, in English and in Chinese, the
 * resources' titles are not cut while other columns have room to spare, and the columns shown fit beside the
 * details: all of them on the desktop, all but the file name at 1366 px (the time of the last change was off
 * screen there), the title, type and state at 1024 px and on the phone. */
static void
test_titles (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GString) failures = g_string_new (NULL);

  check_titles (f, "C.UTF-8", 1920, 1080, "Title|Type|State|File Name|Size|Author|Modified", failures);
  check_titles (f, "zh_CN.UTF-8", 1920, 1080, "标题|类型|状态|文件名|大小|作者|修改时间", failures);
  check_titles (f, "C.UTF-8", 1366, 768, "Title|Type|State|Size|Author|Modified", failures);
  check_titles (f, "zh_CN.UTF-8", 1366, 768, "标题|类型|状态|大小|作者|修改时间", failures);
  check_titles (f, "C.UTF-8", 1024, 768, "Title|Type|State", failures);
  check_titles (f, "zh_CN.UTF-8", 1024, 768, "标题|类型|状态", failures);
  check_titles (f, "C.UTF-8", NARROW_WIDTH, 640, "Title|Type|State", failures);
  check_titles (f, "zh_CN.UTF-8", NARROW_WIDTH, 640, "标题|类型|状态", failures);
  if (failures->len > 0)
    g_error ("Resources page:%s", failures->str);
}

static gboolean
folded_cb (gpointer data)
{
  return adw_leaflet_get_folded (data);
}

static gboolean
unfolded_cb (gpointer data)
{
  return !adw_leaflet_get_folded (data);
}

static AdwLeaflet *
window_leaflet (StudioWindow *window)
{
  GtkWidget *content = adw_application_window_get_content (ADW_APPLICATION_WINDOW (window));

  /* The toast overlay > the stack of project, empty and error > the project's leaflet. */
  for (GtkWidget *w = content; w != NULL; w = gtk_widget_get_first_child (w))
    if (ADW_IS_LEAFLET (w))
      return ADW_LEAFLET (w);
  g_assert_not_reached ();
}

/* The sidebar: the leaflet's first page. */
static GtkWidget *
first_pane (AdwLeaflet *leaflet)
{
  g_autoptr(GtkSelectionModel) pages = adw_leaflet_get_pages (leaflet);
  g_autoptr(AdwLeafletPage) page = g_list_model_get_item (G_LIST_MODEL (pages), 0);

  return adw_leaflet_page_get_child (page);
}

#define assert_shows(leaflet, pane) g_assert_true (adw_leaflet_get_visible_child (leaflet) == (GtkWidget *) (pane))

/* Folded at 360 px, a page's list and details are one pane each: activating a row shows the details;
 * Escape goes back to the list, then to the sidebar; unfolded, both show again. */
static void
test_back (Fixture       *f,
           gconstpointer  data)
{
  StudioWindow *window = studio_test_show_window (f->store);
  AdwLeaflet *sidebar_leaflet = window_leaflet (window);
  AdwLeaflet *leaflet;
  GtkWidget *list_pane;
  GtkWidget *detail_pane;
  GtkColumnView *view;
  GtkSelectionModel *rows;

  gtk_window_set_default_size (GTK_WINDOW (window), NARROW_WIDTH, 640);
  g_assert_true (studio_test_wait_until (folded_cb, sidebar_leaflet, 5000));
  studio_window_show_page (window, "resources");
  studio_test_flush ();
  leaflet = studio_test_page_child (window, "resources", "leaflet");
  list_pane = studio_test_page_child (window, "resources", "list_pane");
  detail_pane = studio_test_page_child (window, "resources", "detail_pane");
  view = studio_test_page_child (window, "resources", "resources_view");
  g_assert_true (studio_test_wait_until (folded_cb, leaflet, 5000));
  assert_shows (leaflet, list_pane);

  /* A row activated (Enter, a double click): its details, with a way back. The rows are read in a worker: a
   * flush does not wait for them. */
  rows = gtk_column_view_get_model (view);
  g_assert_true (studio_test_wait_until (rows_loaded_cb, rows, 10000));
  gtk_selection_model_select_item (rows, 0, TRUE);
  g_signal_emit_by_name (view, "activate", 0);
  studio_test_flush ();
  assert_shows (leaflet, detail_pane);
  g_assert_true (gtk_widget_get_mapped (studio_test_find_labelled (leaflet, "Back to the resource list")));
  g_assert_true (gtk_widget_get_mapped (studio_test_page_child (window, "resources", "detail_list")));

  if (!studio_test_press_keys (window, "Escape"))
    {
      studio_test_close_window (window);
      g_test_skip ("no xdotool or no X11 display");
      return;
    }
  /* Escape: the list again, still on the page; Escape again: the sidebar. */
  assert_shows (leaflet, list_pane);
  g_assert_true (adw_leaflet_get_visible_child (sidebar_leaflet) != first_pane (sidebar_leaflet));
  g_assert_true (studio_test_press_keys (window, "Escape"));
  assert_shows (sidebar_leaflet, first_pane (sidebar_leaflet));

  /* Alt+5 shows the page again, the Back button goes from the details to the list. */
  g_assert_true (studio_test_press_keys (window, "alt+5"));
  g_assert_true (adw_leaflet_get_visible_child (sidebar_leaflet) != first_pane (sidebar_leaflet));
  g_signal_emit_by_name (view, "activate", 0);
  studio_test_flush ();
  assert_shows (leaflet, detail_pane);
  g_signal_emit_by_name (studio_test_find_labelled (leaflet, "Back to the resource list"), "clicked");
  studio_test_flush ();
  assert_shows (leaflet, list_pane);

  /* The Courses page folds the same way: a row activated shows the editor, Alt+Left the tree. */
  studio_window_show_page (window, "courses");
  studio_test_flush ();
  leaflet = studio_test_page_child (window, "courses", "leaflet");
  g_assert_true (studio_test_wait_until (folded_cb, leaflet, 5000));
  assert_shows (leaflet, studio_test_page_child (window, "courses", "tree_stack"));
  g_signal_emit_by_name (studio_test_page_child (window, "courses", "tree_view"), "activate", 0);
  studio_test_flush ();
  assert_shows (leaflet, studio_test_page_child (window, "courses", "editor_pane"));
  g_assert_true (studio_test_press_keys (window, "alt+Left"));
  assert_shows (leaflet, studio_test_page_child (window, "courses", "tree_stack"));

  /* Wide again, nothing is folded. */
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  g_assert_true (studio_test_wait_until (unfolded_cb, sidebar_leaflet, 5000));
  g_assert_true (studio_test_wait_until (unfolded_cb, leaflet, 5000));

  studio_test_close_window (window);
}

int
main (int   argc,
      char *argv[])
{
  /* Room for a laptop's 1366 px and a desktop's 1920 px window (the titles' test). */
  g_setenv ("STUDIO_TEST_SCREEN", "1920x1080", TRUE);
  if (!studio_test_init (&argc, &argv))
    return 0;
  /* The pages' templates take their strings from the default domain. */
  g_unsetenv ("LANGUAGE");
  textdomain (GETTEXT_PACKAGE);

  g_test_add ("/studio/window/narrow", Fixture, NULL, studio_test_fixture_set_up, test_narrow, studio_test_fixture_tear_down);
  g_test_add ("/studio/window/narrow/dialogs", Fixture, NULL, studio_test_fixture_set_up, test_dialogs,
              studio_test_fixture_tear_down);
  g_test_add ("/studio/window/narrow/back", Fixture, NULL, studio_test_fixture_set_up, test_back, studio_test_fixture_tear_down);
  g_test_add ("/studio/window/narrow/titles", Fixture, NULL, studio_test_fixture_set_up, test_titles,
              studio_test_fixture_tear_down);

  return studio_test_run ();
}
