/* studio-resource-columns.c — the Resources page's columns: their cells and how they sort
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "reslib-labels.h"
#include "studio-resource-labels.h"
#include "studio-resources-page-private.h"
#include "studio-tooltip.h"

typedef enum
{
  COLUMN_TITLE,
  COLUMN_TYPE,
  COLUMN_STATE,
  COLUMN_FILE_NAME,
  COLUMN_SIZE,
  COLUMN_AUTHOR,
  COLUMN_MODIFIED,
  N_COLUMNS
} Column;

static const char * const column_properties[N_COLUMNS] = {
  "title", "type", "state", "file-name", "size", "author", "updated-at",
};

static char *
cell_text (ReslibResourceRow *row,
           Column             column)
{
  const char *id = reslib_resource_row_get_id (row);

  /* A row of a page not read yet (studio-paged-rows.c) shows nothing until it is. */
  if (id == NULL || *id == '\0')
    return NULL;

  switch (column)
    {
    case COLUMN_TITLE: return g_strdup (reslib_resource_row_get_title (row));
    case COLUMN_TYPE: return g_strdup (reslib_label_resource_type (reslib_resource_row_get_kind (row)));
    case COLUMN_STATE: return studio_resource_state_text (reslib_resource_row_get_state (row),
                                                          reslib_resource_row_get_review_note (row));
    case COLUMN_FILE_NAME: return g_strdup (reslib_resource_row_get_file_name (row));
    case COLUMN_SIZE: return studio_resource_format_size (reslib_resource_row_get_size (row));
    case COLUMN_AUTHOR: return g_strdup (reslib_resource_row_get_author (row));
    case COLUMN_MODIFIED: return studio_resource_format_time (reslib_resource_row_get_updated_at (row));
    case N_COLUMNS:
    default: return NULL;
    }
}

static void
cell_refresh (GtkListItem *item)
{
  Column column = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (item), "column"));
  ReslibResourceRow *row = gtk_list_item_get_item (item);
  g_autofree char *text = row != NULL ? cell_text (row, column) : NULL;

  gtk_label_set_text (GTK_LABEL (gtk_list_item_get_child (item)), text != NULL ? text : "");
  if (column == COLUMN_STATE)
    {
      /* A resource the lead returned stands out, with the whole note on hover. */
      const char *note = row != NULL ? reslib_resource_row_get_review_note (row) : NULL;
      const char *tooltip = note != NULL && *note != '\0' ? note : NULL;

      /* Setting a tooltip asks the display where the pointer is (a round trip to the X server): only
       * when it changes, not for every cell bound or refreshed. */
      if (g_strcmp0 (gtk_widget_get_tooltip_text (gtk_list_item_get_child (item)), tooltip) != 0)
        studio_tooltip_set (gtk_list_item_get_child (item), tooltip);
      if (note != NULL)
        gtk_widget_add_css_class (gtk_list_item_get_child (item), "warning");
      else
        gtk_widget_remove_css_class (gtk_list_item_get_child (item), "warning");
    }
}

static void
cell_notify_cb (GObject    *object,
                GParamSpec *pspec,
                gpointer    data)
{
  cell_refresh (data);
}

/* Dragging a row: the selected resources when it is one of them, else the row's; dropped on a module
 * or point of the Courses page, they are linked to it. */
static GdkContentProvider *
drag_prepare_cb (GtkDragSource *source,
                 double         x,
                 double         y,
                 GtkListItem   *item)
{
  GtkWidget *widget = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (source));
  GtkWidget *page = gtk_widget_get_ancestor (widget, STUDIO_TYPE_RESOURCES_PAGE);
  ReslibResourceRow *row = gtk_list_item_get_item (item);
  g_auto(GStrv) ids = NULL;

  if (page == NULL || row == NULL)
    return NULL;
  if (gtk_list_item_get_selected (item))
    ids = _studio_resources_page_selected_ids (STUDIO_RESOURCES_PAGE (page));
  else
    ids = g_strdupv ((char *[]) { (char *) reslib_resource_row_get_id (row), NULL });
  if (ids == NULL || ids[0] == NULL)
    return NULL;

  return gdk_content_provider_new_typed (G_TYPE_STRV, ids);
}

static void
drag_begin_cb (GtkDragSource *source,
               GdkDrag       *drag,
               gpointer       data)
{
  GtkWidget *widget = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (source));
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (widget);

  gtk_drag_source_set_icon (source, paintable, 0, 0);
}

static void
cell_setup_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               gpointer                  data)
{
  Column column = GPOINTER_TO_INT (data);
  GtkWidget *label = gtk_label_new (NULL);
  GtkDragSource *source;

  gtk_label_set_xalign (GTK_LABEL (label), column == COLUMN_SIZE ? 1.0 : 0.0);
  gtk_label_set_ellipsize (GTK_LABEL (label), column == COLUMN_FILE_NAME ? PANGO_ELLIPSIZE_MIDDLE : PANGO_ELLIPSIZE_END);
  /* The titles are what a person reads the list by: short ones are never cut, and when the window is too
   * narrow for all the columns, the last ones scroll rather than the titles shrink. */
  if (column == COLUMN_TITLE)
    gtk_label_set_width_chars (GTK_LABEL (label), 20);
  if (column == COLUMN_FILE_NAME || column == COLUMN_SIZE || column == COLUMN_MODIFIED)
    gtk_widget_add_css_class (label, "dim-label");
  if (column == COLUMN_SIZE)
    gtk_widget_add_css_class (label, "numeric");
  gtk_list_item_set_child (item, label);
  g_object_set_data (G_OBJECT (item), "column", data);

  source = gtk_drag_source_new ();
  gtk_drag_source_set_actions (source, GDK_ACTION_COPY);
  g_signal_connect (source, "prepare", G_CALLBACK (drag_prepare_cb), item);
  g_signal_connect (source, "drag-begin", G_CALLBACK (drag_begin_cb), NULL);
  gtk_widget_add_controller (label, GTK_EVENT_CONTROLLER (source));
}

static void
cell_bind_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              gpointer                  data)
{
  Column column = GPOINTER_TO_INT (data);
  ReslibResourceRow *row = gtk_list_item_get_item (item);
  g_autofree char *signal = g_strconcat ("notify::", column_properties[column], NULL);
  gulong id;

  id = g_signal_connect (row, signal, G_CALLBACK (cell_notify_cb), item);
  g_object_set_data (G_OBJECT (item), "notify-id", GSIZE_TO_POINTER ((gsize) id));
  cell_refresh (item);
}

static void
cell_unbind_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *item,
                gpointer                  data)
{
  ReslibResourceRow *row = gtk_list_item_get_item (item);
  gulong id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (item), "notify-id"));

  if (row != NULL && id != 0)
    g_signal_handler_disconnect (row, id);
  g_object_set_data (G_OBJECT (item), "notify-id", NULL);
}

/* Sorting. GTK 4.8's string sorter makes a collation key for every row when a sort starts: 0.6 s
 * without a frame for 100,000 titles. Here each row's key is made when the sort first compares it
 * (so GTK's sort, a part at a time, spreads the work over frames) and kept on the row with the text
 * it was made from, so that the next sort by that column costs only the comparisons. Types and
 * states sort by what the column shows, in the user's language; times by their ISO text. */

typedef struct
{
  const char *source;   /* the text the key was made from, the row's own (its address): a guard */
  char        key[];
} SortKey;

static GQuark sort_key_quarks[N_COLUMNS];

static const char *
row_text (ReslibResourceRow *row,
          Column             column)
{
  switch (column)
    {
    case COLUMN_TITLE: return reslib_resource_row_get_title (row);
    case COLUMN_FILE_NAME: return reslib_resource_row_get_file_name (row);
    case COLUMN_AUTHOR: return reslib_resource_row_get_author (row);
    case COLUMN_TYPE:
    case COLUMN_STATE:
    case COLUMN_SIZE:
    case COLUMN_MODIFIED:
    case N_COLUMNS:
    default: return NULL;
    }
}

static SortKey *
make_sort_key (const char *source,
               const char *text)
{
  g_autofree char *folded = g_utf8_casefold (text != NULL ? text : "", -1);
  g_autofree char *key = g_utf8_collate_key (folded, -1);
  gsize len = strlen (key);
  SortKey *sort_key = g_malloc (sizeof (SortKey) + len + 1);

  sort_key->source = source;
  memcpy (sort_key->key, key, len + 1);

  return sort_key;
}

/* The collation key of a row's text in @column, made once. */
static const char *
row_sort_key (ReslibResourceRow *row,
              Column             column)
{
  const char *text = row_text (row, column);
  SortKey *sort_key;

  if (sort_key_quarks[column] == 0)
    {
      g_autofree char *name = g_strdup_printf ("studio-sort-key-%d", column);

      sort_key_quarks[column] = g_quark_from_string (name);
    }
  sort_key = g_object_get_qdata (G_OBJECT (row), sort_key_quarks[column]);
  if (sort_key == NULL || sort_key->source != text)
    {
      sort_key = make_sort_key (text, text);
      g_object_set_qdata_full (G_OBJECT (row), sort_key_quarks[column], sort_key, g_free);
    }

  return sort_key->key;
}

/* The collation key of a label of a stored value (type, state), made once per value. */
static const char *
label_sort_key (const char *value,
                const char *(*label) (const char *))
{
  static GHashTable *keys;
  SortKey *sort_key;

  if (keys == NULL)
    keys = g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL, g_free);
  if (value == NULL)
    return "";
  sort_key = g_hash_table_lookup (keys, value);   /* values are interned */
  if (sort_key == NULL)
    {
      sort_key = make_sort_key (value, label (value));
      g_hash_table_insert (keys, (gpointer) value, sort_key);
    }

  return sort_key->key;
}

/* The row's texts changed. */
void
_studio_resource_forget_sort_keys (ReslibResourceRow *row)
{
  for (guint c = 0; c < N_COLUMNS; c++)
    if (sort_key_quarks[c] != 0)
      g_object_set_qdata (G_OBJECT (row), sort_key_quarks[c], NULL);
}

/* Two rows that only _studio_resource_columns_get_sort() compares: the first sorter asked says it sorts. */
static ReslibResourceRow *probe_rows[2];
static int probe_column = -1;

static int
compare_rows (gconstpointer a,
              gconstpointer b,
              gpointer      data)
{
  ReslibResourceRow *x = RESLIB_RESOURCE_ROW ((gpointer) a);
  ReslibResourceRow *y = RESLIB_RESOURCE_ROW ((gpointer) b);
  Column column = GPOINTER_TO_INT (data);

  if (x == probe_rows[0] && y == probe_rows[1])
    {
      probe_column = column;
      return GTK_ORDERING_SMALLER;
    }
  switch (column)
    {
    case COLUMN_SIZE:
      return gtk_ordering_from_cmpfunc (reslib_resource_row_get_size (x) < reslib_resource_row_get_size (y) ? -1 :
                                        reslib_resource_row_get_size (x) > reslib_resource_row_get_size (y));
    case COLUMN_TYPE:
      return gtk_ordering_from_cmpfunc (strcmp (label_sort_key (reslib_resource_row_get_kind (x),
                                                                reslib_label_resource_type),
                                                label_sort_key (reslib_resource_row_get_kind (y),
                                                                reslib_label_resource_type)));
    case COLUMN_STATE:
      return gtk_ordering_from_cmpfunc (strcmp (label_sort_key (reslib_resource_row_get_state (x),
                                                                reslib_label_resource_state),
                                                label_sort_key (reslib_resource_row_get_state (y),
                                                                reslib_label_resource_state)));
    case COLUMN_MODIFIED:
      return gtk_ordering_from_cmpfunc (g_strcmp0 (reslib_resource_row_get_updated_at (x),
                                                   reslib_resource_row_get_updated_at (y)));
    case COLUMN_TITLE:
    case COLUMN_FILE_NAME:
    case COLUMN_AUTHOR:
      return gtk_ordering_from_cmpfunc (strcmp (row_sort_key (x, column), row_sort_key (y, column)));
    case N_COLUMNS:
    default:
      return GTK_ORDERING_EQUAL;
    }
}

/**
 * _studio_resource_columns_get_sort:
 * @view: the Resources page's column view
 * @sort: (out): what the list is sorted by, as the store sorts (RESLIB_RESOURCE_SORT_NONE: not sorted)
 * @descending: (out): whether from the largest
 *
 * What the column view's sorter sorts by first (GTK 4.8 does not tell its primary column): it compares two
 * probe rows, and the first column's sorter asked answers and tells which it is; the answer turned by the
 * view tells the direction. A long list shown a page at a time is sorted so by the store.
 */
void
_studio_resource_columns_get_sort (GtkColumnView      *view,
                                   ReslibResourceSort *sort,
                                   gboolean           *descending)
{
  static const ReslibResourceSort sorts[N_COLUMNS] = {
    [COLUMN_TITLE] = RESLIB_RESOURCE_SORT_TITLE, [COLUMN_TYPE] = RESLIB_RESOURCE_SORT_TYPE,
    [COLUMN_STATE] = RESLIB_RESOURCE_SORT_STATE, [COLUMN_FILE_NAME] = RESLIB_RESOURCE_SORT_FILE_NAME,
    [COLUMN_SIZE] = RESLIB_RESOURCE_SORT_SIZE, [COLUMN_AUTHOR] = RESLIB_RESOURCE_SORT_AUTHOR,
    [COLUMN_MODIFIED] = RESLIB_RESOURCE_SORT_MODIFIED,
  };
  GtkOrdering order;

  if (probe_rows[0] == NULL)
    {
      probe_rows[0] = g_object_new (RESLIB_TYPE_RESOURCE_ROW, NULL);
      probe_rows[1] = g_object_new (RESLIB_TYPE_RESOURCE_ROW, NULL);
    }
  probe_column = -1;
  order = gtk_sorter_compare (gtk_column_view_get_sorter (view), probe_rows[0], probe_rows[1]);
  *sort = probe_column >= 0 && probe_column < N_COLUMNS && order != GTK_ORDERING_EQUAL ? sorts[probe_column]
                                                                                       : RESLIB_RESOURCE_SORT_NONE;
  *descending = order == GTK_ORDERING_LARGER;
  probe_column = -1;
}

/* A cell's padding and a little air around its text */
#define CELL_PADDING 20

/* How wide @texts are in @widget's font, the widest of them, plus a cell's padding */
static int
widest_text (GtkWidget          *widget,
             const char * const *texts,
             const char       *(*label) (const char *))
{
  g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (widget, NULL);
  int widest = 0;

  for (guint i = 0; texts[i] != NULL; i++)
    {
      int width;

      pango_layout_set_text (layout, label != NULL ? label (texts[i]) : texts[i], -1);
      pango_layout_get_pixel_size (layout, &width, NULL);
      widest = MAX (widest, width);
    }

  return widest + CELL_PADDING;
}

/* The columns of words (type, state) and of numbers (size, time) are as wide as their texts need in the
 * user's language, within bounds; the file name gets a fixed width, and the title the rest: the titles
 * are what a person reads the list by, so they are the ones shown whole when there is room. */
static int
column_width (GtkColumnView *view,
              Column         column)
{
  GtkWidget *widget = GTK_WIDGET (view);

  switch (column)
    {
    case COLUMN_TYPE:
      return CLAMP (widest_text (widget, reslib_resource_types, reslib_label_resource_type), 60, 100);
    case COLUMN_STATE:
      return CLAMP (widest_text (widget, reslib_resource_states, reslib_label_resource_state), 60, 100);
    case COLUMN_SIZE:
      {
        g_autofree char *bytes = studio_resource_format_size (999);
        g_autofree char *megabytes = studio_resource_format_size (999900000);

        return CLAMP (widest_text (widget, (const char *[]) { bytes, megabytes, NULL }, NULL), 60, 110);
      }
    case COLUMN_MODIFIED:
      {
        g_autofree char *time = studio_resource_format_time ("2026-12-31T23:59:00Z");

        return CLAMP (widest_text (widget, (const char *[]) { time, NULL }, NULL), 100, 160);
      }
    case COLUMN_FILE_NAME:
      return 130;
    case COLUMN_AUTHOR:
      return 90;
    case COLUMN_TITLE:
    case N_COLUMNS:
    default:
      return -1;
    }
}

static void hadjustment_notify_cb (GtkColumnView *view);

void
_studio_resource_columns_add (GtkColumnView *view)
{
  static const char *titles[N_COLUMNS] = {
    N_("Title"), N_("Type"), N_("State"), N_("File Name"), N_("Size"), N_("Author"),
    /* Translators: column title: when the resource was last changed */
    N_("Modified"),
  };

  for (Column c = 0; c < N_COLUMNS; c++)
    {
      GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
      GtkColumnViewColumn *column;
      GtkSorter *sorter;
      int width = column_width (view, c);

      g_signal_connect (factory, "setup", G_CALLBACK (cell_setup_cb), GINT_TO_POINTER (c));
      g_signal_connect (factory, "bind", G_CALLBACK (cell_bind_cb), GINT_TO_POINTER (c));
      g_signal_connect (factory, "unbind", G_CALLBACK (cell_unbind_cb), GINT_TO_POINTER (c));
      column = gtk_column_view_column_new (_(titles[c]), factory);
      sorter = GTK_SORTER (gtk_custom_sorter_new (compare_rows, GINT_TO_POINTER (c), NULL));
      gtk_column_view_column_set_sorter (column, sorter);
      g_object_unref (sorter);
      gtk_column_view_column_set_resizable (column, TRUE);
      if (width > 0)
        gtk_column_view_column_set_fixed_width (column, width);
      else
        gtk_column_view_column_set_expand (column, TRUE);
      gtk_column_view_append_column (view, column);
      g_object_unref (column);
    }
  g_signal_connect (view, "notify::hadjustment", G_CALLBACK (hadjustment_notify_cb), NULL);
  hadjustment_notify_cb (view);
}

/* Which columns show. The title, type and state always do. The others show while they fit beside them in the
 * list's width, in this order, so that at a laptop's width (1366 px, the details beside the list) no column is
 * cut or off screen: the first dropped are those the details show too. Folded into a narrow window, the list
 * shows only the title, type and state. The widths counted are the columns' own, as the user may have widened
 * them. */
static const Column optional_columns[] = { COLUMN_MODIFIED, COLUMN_AUTHOR, COLUMN_SIZE, COLUMN_FILE_NAME };

/* The title column's least width: its cells' 20 characters (cell_setup_cb) and their padding */
static int
title_min_width (GtkWidget *widget)
{
  PangoContext *context = gtk_widget_get_pango_context (widget);
  PangoFontMetrics *metrics = pango_context_get_metrics (context, NULL, NULL);
  int char_width = MAX (pango_font_metrics_get_approximate_char_width (metrics),
                        pango_font_metrics_get_approximate_digit_width (metrics));

  pango_font_metrics_unref (metrics);

  return PANGO_PIXELS_CEIL (20 * char_width) + CELL_PADDING;
}

static void
update_visible (GtkColumnView *view)
{
  GListModel *columns = gtk_column_view_get_columns (view);
  GtkAdjustment *hadjustment = gtk_scrollable_get_hadjustment (GTK_SCROLLABLE (view));
  gboolean narrow = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (view), "studio-narrow"));
  int room = hadjustment != NULL ? (int) gtk_adjustment_get_page_size (hadjustment) : 0;
  gboolean full = FALSE;

  if (g_list_model_get_n_items (columns) < N_COLUMNS)
    return;
  /* Not allocated yet: all of them, as GTK shows a new column view. */
  if (room <= 0)
    room = G_MAXINT;
  room -= title_min_width (GTK_WIDGET (view));
  for (Column c = COLUMN_TYPE; c <= COLUMN_STATE; c++)
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, c);

      room -= gtk_column_view_column_get_fixed_width (column);
    }
  for (guint i = 0; i < G_N_ELEMENTS (optional_columns); i++)
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, optional_columns[i]);
      gboolean visible = gtk_column_view_column_get_visible (column);
      int width = visible ? gtk_column_view_column_get_fixed_width (column)
                          : GPOINTER_TO_INT (g_object_get_data (G_OBJECT (column), "studio-width"));

      full = full || narrow || width > room;
      if (!full)
        room -= width;
      if (visible != full)
        continue;
      /* GTK 4.8 counts a hidden column's width in the room the columns need, so the title would not take
       * the room it leaves: hidden, it is 0 px wide. */
      if (full)
        {
          g_object_set_data (G_OBJECT (column), "studio-width", GINT_TO_POINTER (width));
          gtk_column_view_column_set_visible (column, FALSE);
          gtk_column_view_column_set_fixed_width (column, 0);
        }
      else
        {
          gtk_column_view_column_set_fixed_width (column, width);
          gtk_column_view_column_set_visible (column, TRUE);
        }
    }
}

static gboolean
update_visible_idle (gpointer data)
{
  GtkColumnView *view = data;

  g_object_set_data (G_OBJECT (view), "studio-fit-idle", NULL);
  update_visible (view);

  return G_SOURCE_REMOVE;
}

/* The list's width changed (the adjustment's page size is the width shown): after the allocation that
 * changed it, not during it. */
static void
hadjustment_changed_cb (GtkAdjustment *adjustment,
                        GtkColumnView *view)
{
  int room = (int) gtk_adjustment_get_page_size (adjustment);

  if (room == GPOINTER_TO_INT (g_object_get_data (G_OBJECT (view), "studio-fit-room")))
    return;
  g_object_set_data (G_OBJECT (view), "studio-fit-room", GINT_TO_POINTER (room));
  if (g_object_get_data (G_OBJECT (view), "studio-fit-idle") == NULL)
    {
      guint id = g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, update_visible_idle, g_object_ref (view), g_object_unref);

      g_object_set_data (G_OBJECT (view), "studio-fit-idle", GUINT_TO_POINTER (id));
    }
}

static void
hadjustment_notify_cb (GtkColumnView *view)
{
  GtkAdjustment *hadjustment = gtk_scrollable_get_hadjustment (GTK_SCROLLABLE (view));

  if (hadjustment != NULL)
    g_signal_connect_object (hadjustment, "changed", G_CALLBACK (hadjustment_changed_cb), view, 0);
}

/* Folded into a narrow window, the list shows the title, type and state: the file name, size, author and
 * time are in the details. */
void
_studio_resource_columns_set_narrow (GtkColumnView *view,
                                     gboolean       narrow)
{
  g_object_set_data (G_OBJECT (view), "studio-narrow", GINT_TO_POINTER (narrow));
  update_visible (view);
}
