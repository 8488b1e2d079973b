/* studio-paged-rows.c — a list of a million resources, read a page at a time
 *
 * The model holds the rowids of its rows in their order (read from an index without the rows:
 * reslib_store_list_resource_rowids()), so its length and where each row is are known before any
 * row is read: 8 bytes a row instead of a few hundred. An item asked for whose page was not read is
 * a row without values yet (a placeholder: no id); the row loader reads the page in its thread, and
 * the page's items then take their values (reslib_resource_row_update_from() notifies, so the cells
 * showing them change their text). Items keep their identity while their page is kept. At most
 * MAX_PAGES pages are kept: the one used least recently whose items nobody else holds goes first.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "reslib-store-resource-rows.h"
#include "studio-paged-rows.h"

#define PAGE_SIZE 128
#define MAX_PAGES 64

typedef struct
{
  GPtrArray *items;   /* ReslibResourceRow, the page's rows in their order */
  guint64    used;    /* when it was asked for last */
} Page;

struct _StudioPagedRows
{
  GObject          parent_instance;

  StudioRowLoader *loader;
  GArray          *rowids;        /* gint64 */
  GHashTable      *pages;         /* page number → Page */
  GCancellable    *cancellable;   /* the reads of the pages of these rowids */
  guint64          clock;
  guint            pending;
};

static void
page_free (Page *page)
{
  g_ptr_array_unref (page->items);
  g_free (page);
}

typedef struct
{
  StudioPagedRows *self;          /* a reference */
  GCancellable    *cancellable;
  guint            number;
} PageRead;

static void
page_read_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      data)
{
  PageRead *read = data;
  g_autoptr(StudioPagedRows) self = read->self;
  g_autoptr(GCancellable) cancellable = read->cancellable;
  guint number = read->number;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GError) error = NULL;
  Page *page;

  g_free (read);
  rows = studio_row_loader_read_rows_finish (self->loader, result, &error);
  if (cancellable == self->cancellable)
    self->pending--;
  if (rows == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("Could not read the rows of a page of the list: %s", error->message);
      return;
    }
  if (cancellable != self->cancellable || (page = g_hash_table_lookup (self->pages, GUINT_TO_POINTER (number))) == NULL)
    return;   /* other rowids since, or the page was dropped */

  for (guint i = 0; i < rows->len && i < page->items->len; i++)
    if (g_ptr_array_index (rows, i) != NULL)
      reslib_resource_row_update_from (g_ptr_array_index (page->items, i), g_ptr_array_index (rows, i));
}

/* Drops pages beyond MAX_PAGES whose items nobody else holds, least recently used first. */
static void
trim (StudioPagedRows *self,
      Page            *keep)
{
  while (g_hash_table_size (self->pages) > MAX_PAGES)
    {
      GHashTableIter iter;
      gpointer key, value, oldest_key = NULL;
      Page *oldest = NULL;

      g_hash_table_iter_init (&iter, self->pages);
      while (g_hash_table_iter_next (&iter, &key, &value))
        {
          Page *page = value;
          gboolean held = FALSE;

          if (page == keep || (oldest != NULL && page->used >= oldest->used))
            continue;
          for (guint i = 0; i < page->items->len && !held; i++)
            held = G_OBJECT (g_ptr_array_index (page->items, i))->ref_count > 1;
          if (!held)
            {
              oldest = page;
              oldest_key = key;
            }
        }
      if (oldest == NULL)
        return;   /* all held: the views show them */
      g_hash_table_remove (self->pages, oldest_key);
    }
}

/* Reads the rows of page @number in the loader's thread; its items take their values when they come. */
static void
read_page (StudioPagedRows *self,
           guint            number)
{
  guint start = number * PAGE_SIZE;
  guint n = MIN (PAGE_SIZE, self->rowids->len - start);
  PageRead *read = g_new0 (PageRead, 1);

  read->self = g_object_ref (self);
  read->cancellable = g_object_ref (self->cancellable);
  read->number = number;
  self->pending++;
  studio_row_loader_read_rows_async (self->loader, &g_array_index (self->rowids, gint64, start), n, self->cancellable,
                                     page_read_cb, read);
}

static Page *
get_page (StudioPagedRows *self,
          guint            number)
{
  Page *page = g_hash_table_lookup (self->pages, GUINT_TO_POINTER (number));
  guint start = number * PAGE_SIZE;
  guint n = MIN (PAGE_SIZE, self->rowids->len - start);

  if (page != NULL)
    {
      page->used = ++self->clock;
      return page;
    }

  page = g_new0 (Page, 1);
  page->items = g_ptr_array_new_full (n, g_object_unref);
  for (guint i = 0; i < n; i++)
    g_ptr_array_add (page->items, g_object_new (RESLIB_TYPE_RESOURCE_ROW, NULL));
  page->used = ++self->clock;
  g_hash_table_insert (self->pages, GUINT_TO_POINTER (number), page);

  read_page (self, number);
  trim (self, page);

  return page;
}

static GType
studio_paged_rows_get_item_type (GListModel *model)
{
  return RESLIB_TYPE_RESOURCE_ROW;
}

static guint
studio_paged_rows_get_n_items (GListModel *model)
{
  return STUDIO_PAGED_ROWS (model)->rowids->len;
}

static gpointer
studio_paged_rows_get_item (GListModel *model,
                            guint       position)
{
  StudioPagedRows *self = STUDIO_PAGED_ROWS (model);
  Page *page;

  if (position >= self->rowids->len)
    return NULL;
  page = get_page (self, position / PAGE_SIZE);

  return g_object_ref (g_ptr_array_index (page->items, position % PAGE_SIZE));
}

static void
studio_paged_rows_model_init (GListModelInterface *iface)
{
  iface->get_item_type = studio_paged_rows_get_item_type;
  iface->get_n_items = studio_paged_rows_get_n_items;
  iface->get_item = studio_paged_rows_get_item;
}

G_DEFINE_FINAL_TYPE_WITH_CODE (StudioPagedRows, studio_paged_rows, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, studio_paged_rows_model_init))

static void
studio_paged_rows_dispose (GObject *object)
{
  StudioPagedRows *self = STUDIO_PAGED_ROWS (object);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->loader);

  G_OBJECT_CLASS (studio_paged_rows_parent_class)->dispose (object);
}

static void
studio_paged_rows_finalize (GObject *object)
{
  StudioPagedRows *self = STUDIO_PAGED_ROWS (object);

  g_hash_table_unref (self->pages);
  g_array_unref (self->rowids);

  G_OBJECT_CLASS (studio_paged_rows_parent_class)->finalize (object);
}

static void
studio_paged_rows_class_init (StudioPagedRowsClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = studio_paged_rows_dispose;
  G_OBJECT_CLASS (klass)->finalize = studio_paged_rows_finalize;
}

static void
studio_paged_rows_init (StudioPagedRows *self)
{
  self->rowids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->pages = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) page_free);
  self->cancellable = g_cancellable_new ();
}

/**
 * studio_paged_rows_new:
 * @loader: reads the pages in its thread
 *
 * Returns: (transfer full): an empty list
 */
StudioPagedRows *
studio_paged_rows_new (StudioRowLoader *loader)
{
  StudioPagedRows *self;

  g_return_val_if_fail (STUDIO_IS_ROW_LOADER (loader), NULL);

  self = g_object_new (STUDIO_TYPE_PAGED_ROWS, NULL);
  self->loader = g_object_ref (loader);

  return self;
}

void
studio_paged_rows_set_rowids (StudioPagedRows *self,
                              GArray          *rowids)
{
  studio_paged_rows_set_rowids_with_rows (self, rowids, NULL);
}

/* The pages @rows fills whole (each row there, of the rowid at its position) are kept as read. */
static void
add_read_pages (StudioPagedRows *self,
                GPtrArray       *rows)
{
  for (guint number = 0; rows != NULL && number * PAGE_SIZE < self->rowids->len; number++)
    {
      guint start = number * PAGE_SIZE;
      guint n = MIN (PAGE_SIZE, self->rowids->len - start);
      gboolean whole = start + n <= rows->len;
      Page *page;

      for (guint i = start; whole && i < start + n; i++)
        whole = g_ptr_array_index (rows, i) != NULL &&
                reslib_resource_row_get_rowid (g_ptr_array_index (rows, i)) == g_array_index (self->rowids, gint64, i);
      if (!whole)
        return;
      page = g_new0 (Page, 1);
      page->items = g_ptr_array_new_full (n, g_object_unref);
      for (guint i = start; i < start + n; i++)
        g_ptr_array_add (page->items, g_object_ref (g_ptr_array_index (rows, i)));
      page->used = ++self->clock;
      g_hash_table_insert (self->pages, GUINT_TO_POINTER (number), page);
    }
}

/**
 * studio_paged_rows_set_rowids_with_rows:
 * @rowids: (transfer full) (element-type gint64): the rows in their order
 * @rows: (nullable) (element-type ReslibResourceRow): the rows of the first of @rowids, read with them
 *
 * As studio_paged_rows_set_rowids(); the pages that @rows fills are not read again, so the items shown first
 * have their values at once.
 */
void
studio_paged_rows_set_rowids_with_rows (StudioPagedRows *self,
                                        GArray          *rowids,
                                        GPtrArray       *rows)
{
  guint removed;

  g_return_if_fail (STUDIO_IS_PAGED_ROWS (self));
  g_return_if_fail (rowids != NULL && g_array_get_element_size (rowids) == sizeof (gint64));

  /* The reads of the old rowids' pages are not shown. */
  g_cancellable_cancel (self->cancellable);
  g_object_unref (self->cancellable);
  self->cancellable = g_cancellable_new ();
  self->pending = 0;
  g_hash_table_remove_all (self->pages);

  removed = self->rowids->len;
  g_array_unref (self->rowids);
  self->rowids = rowids;
  add_read_pages (self, rows);
  g_list_model_items_changed (G_LIST_MODEL (self), 0, removed, rowids->len);
}

guint
studio_paged_rows_get_pending (StudioPagedRows *self)
{
  g_return_val_if_fail (STUDIO_IS_PAGED_ROWS (self), 0);

  return self->pending;
}

guint
studio_paged_rows_get_n_pages (StudioPagedRows *self)
{
  g_return_val_if_fail (STUDIO_IS_PAGED_ROWS (self), 0);

  return g_hash_table_size (self->pages);
}

/**
 * studio_paged_rows_get_rowids:
 *
 * Returns: (transfer none) (element-type gint64): the rowids of the items, in their order
 */
GArray *
studio_paged_rows_get_rowids (StudioPagedRows *self)
{
  g_return_val_if_fail (STUDIO_IS_PAGED_ROWS (self), NULL);

  return self->rowids;
}

/**
 * studio_paged_rows_refresh:
 *
 * The rows of the same rowids changed in the store: the pages whose items are held (shown) are read again,
 * and their items take the new values in place; the others are dropped, to be read when next asked for.
 */
void
studio_paged_rows_refresh (StudioPagedRows *self)
{
  GHashTableIter iter;
  gpointer key, value;

  g_return_if_fail (STUDIO_IS_PAGED_ROWS (self));

  g_hash_table_iter_init (&iter, self->pages);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      Page *page = value;
      gboolean held = FALSE;

      for (guint i = 0; i < page->items->len && !held; i++)
        held = G_OBJECT (g_ptr_array_index (page->items, i))->ref_count > 1;
      if (held)
        read_page (self, GPOINTER_TO_UINT (key));
      else
        g_hash_table_iter_remove (&iter);
    }
}
