/* studio-row-subset.c — the rows that pass the Resources page's filters, in their order
 *
 * A filter model that is told the matching rows: a GtkFilterListModel asks for
 * (and refs) every one of 100,000 items on each change, which took 40–90 ms
 * here; a plain loop over the array takes a few.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "reslib-store-resource-rows.h"
#include "studio-row-subset.h"

struct _StudioRowSubset
{
  GObject    parent_instance;
  GPtrArray *items;   /* borrowed: the page's array of rows keeps them */
};

static GType
studio_row_subset_get_item_type (GListModel *model)
{
  return RESLIB_TYPE_RESOURCE_ROW;
}

static guint
studio_row_subset_get_n_items (GListModel *model)
{
  return STUDIO_ROW_SUBSET (model)->items->len;
}

static gpointer
studio_row_subset_get_item (GListModel *model,
                            guint       position)
{
  StudioRowSubset *self = STUDIO_ROW_SUBSET (model);

  return position < self->items->len ? g_object_ref (g_ptr_array_index (self->items, position)) : NULL;
}

static void
studio_row_subset_model_init (GListModelInterface *iface)
{
  iface->get_item_type = studio_row_subset_get_item_type;
  iface->get_n_items = studio_row_subset_get_n_items;
  iface->get_item = studio_row_subset_get_item;
}

G_DEFINE_FINAL_TYPE_WITH_CODE (StudioRowSubset, studio_row_subset, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, studio_row_subset_model_init))

static void
studio_row_subset_finalize (GObject *object)
{
  g_ptr_array_unref (STUDIO_ROW_SUBSET (object)->items);

  G_OBJECT_CLASS (studio_row_subset_parent_class)->finalize (object);
}

static void
studio_row_subset_class_init (StudioRowSubsetClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = studio_row_subset_finalize;
}

static void
studio_row_subset_init (StudioRowSubset *self)
{
  self->items = g_ptr_array_new ();
}

/* Takes @items; tells only the range that differs, so a row added at the end keeps the selection. */
void
studio_row_subset_set (StudioRowSubset *self,
                       GPtrArray       *items)
{
  GPtrArray *old = self->items;
  guint prefix = 0, suffix = 0;

  while (prefix < old->len && prefix < items->len && old->pdata[prefix] == items->pdata[prefix])
    prefix++;
  while (suffix < old->len - prefix && suffix < items->len - prefix &&
         old->pdata[old->len - 1 - suffix] == items->pdata[items->len - 1 - suffix])
    suffix++;

  self->items = items;
  if (old->len - prefix - suffix > 0 || items->len - prefix - suffix > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), prefix, old->len - prefix - suffix, items->len - prefix - suffix);
  g_ptr_array_unref (old);
}
