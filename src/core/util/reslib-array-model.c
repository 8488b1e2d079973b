/* reslib-array-model.c — a read-only GListModel over an array of objects
 *
 * The store's lists and the validator's findings can hold hundreds of
 * thousands of items; a GListStore (a balanced tree) costs far more to fill.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "reslib-array-model.h"

struct _ReslibArrayModel
{
  GObject    parent_instance;

  GType      item_type;
  GPtrArray *items;
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (ReslibArrayModel, reslib_array_model, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

static GType
get_item_type (GListModel *model)
{
  return RESLIB_ARRAY_MODEL (model)->item_type;
}

static guint
get_n_items (GListModel *model)
{
  return RESLIB_ARRAY_MODEL (model)->items->len;
}

static gpointer
get_item (GListModel *model,
          guint       position)
{
  ReslibArrayModel *self = RESLIB_ARRAY_MODEL (model);

  if (position >= self->items->len)
    return NULL;

  return g_object_ref (g_ptr_array_index (self->items, position));
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = get_item_type;
  iface->get_n_items = get_n_items;
  iface->get_item = get_item;
}

static void
reslib_array_model_finalize (GObject *object)
{
  g_ptr_array_unref (RESLIB_ARRAY_MODEL (object)->items);

  G_OBJECT_CLASS (reslib_array_model_parent_class)->finalize (object);
}

static void
reslib_array_model_class_init (ReslibArrayModelClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = reslib_array_model_finalize;
}

static void
reslib_array_model_init (ReslibArrayModel *self)
{
}

/**
 * reslib_array_model_new:
 * @items: (transfer full): objects of @item_type; the array must free them
 *
 * Returns: (transfer full): a list model of @items that never changes.
 */
GListModel *
reslib_array_model_new (GType      item_type,
                        GPtrArray *items)
{
  ReslibArrayModel *self = g_object_new (RESLIB_TYPE_ARRAY_MODEL, NULL);

  self->item_type = item_type;
  self->items = items;

  return G_LIST_MODEL (self);
}
