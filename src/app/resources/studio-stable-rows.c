/* studio-stable-rows.c — the Resources page's view model: one item per position, which takes the row there
 *
 * GTK 4.8's list views make new widgets for an item they have not shown
 * before: a search that changed the rows on screen replaced every cell
 * (7 columns × about 25 rows), 45–60 ms here. The view's items are copies of
 * the rows (ReslibResourceRow too), one per position: when the rows change,
 * the item of each position the view holds takes the values of the new row
 * there (its cells only change their text), and items-changed tells only the
 * change in length. An item lives as long as someone holds it (the model has a
 * weak pointer to it) and follows its row's changes. "contents-changed" tells
 * from which position on the items may show other rows.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "reslib-store-resource-rows.h"
#include "studio-stable-rows.h"

typedef struct
{
  StudioStableRows  *model;
  guint              position;
  ReslibResourceRow *item;      /* weak */
  ReslibResourceRow *source;    /* the row it shows, a reference */
  gulong             notify_id;
} StableEntry;

struct _StudioStableRows
{
  GObject     parent_instance;
  GListModel *source;
  guint       n_items;
  GPtrArray  *entries;          /* StableEntry or NULL, by position; n_items of them */
};

enum
{
  STABLE_CONTENTS_CHANGED,
  N_STABLE_SIGNALS
};

static guint stable_signals[N_STABLE_SIGNALS];

static void
stable_entry_source_notify_cb (GObject    *source,
                               GParamSpec *pspec,
                               gpointer    data)
{
  StableEntry *entry = data;

  reslib_resource_row_update_from (entry->item, RESLIB_RESOURCE_ROW (source));
}

/* Takes @source. */
static void
stable_entry_set_source (StableEntry       *entry,
                         ReslibResourceRow *source)
{
  if (entry->source != NULL)
    {
      g_signal_handler_disconnect (entry->source, entry->notify_id);
      g_object_unref (entry->source);
    }
  entry->source = source;
  entry->notify_id = g_signal_connect (source, "notify", G_CALLBACK (stable_entry_source_notify_cb), entry);
}

static void
stable_entry_free (StableEntry *entry)
{
  if (entry->source != NULL)
    {
      g_signal_handler_disconnect (entry->source, entry->notify_id);
      g_object_unref (entry->source);
    }
  g_free (entry);
}

/* Its item was finalized. */
static void
stable_entry_item_gone (gpointer  data,
                        GObject  *where_the_object_was)
{
  StableEntry *entry = data;
  GPtrArray *entries = entry->model->entries;

  if (entry->position < entries->len && g_ptr_array_index (entries, entry->position) == entry)
    g_ptr_array_index (entries, entry->position) = NULL;
  stable_entry_free (entry);
}

/* The model lets go of an entry whose item may live on. */
static void
stable_entry_detach (StableEntry *entry)
{
  g_object_weak_unref (G_OBJECT (entry->item), stable_entry_item_gone, entry);
  stable_entry_free (entry);
}

static GType
studio_stable_rows_get_item_type (GListModel *model)
{
  return RESLIB_TYPE_RESOURCE_ROW;
}

static guint
studio_stable_rows_get_n_items (GListModel *model)
{
  return STUDIO_STABLE_ROWS (model)->n_items;
}

static gpointer
studio_stable_rows_get_item (GListModel *model,
                             guint       position)
{
  StudioStableRows *self = STUDIO_STABLE_ROWS (model);
  ReslibResourceRow *source;
  StableEntry *entry;

  if (position >= self->n_items)
    return NULL;
  entry = g_ptr_array_index (self->entries, position);
  if (entry != NULL)
    return g_object_ref (entry->item);

  source = g_list_model_get_item (self->source, position);
  if (source == NULL)
    return NULL;
  entry = g_new0 (StableEntry, 1);
  entry->model = self;
  entry->position = position;
  entry->item = reslib_resource_row_copy (source);
  stable_entry_set_source (entry, source);
  g_object_weak_ref (G_OBJECT (entry->item), stable_entry_item_gone, entry);
  g_ptr_array_index (self->entries, position) = entry;

  return entry->item;
}

static void
studio_stable_rows_model_init (GListModelInterface *iface)
{
  iface->get_item_type = studio_stable_rows_get_item_type;
  iface->get_n_items = studio_stable_rows_get_n_items;
  iface->get_item = studio_stable_rows_get_item;
}

G_DEFINE_FINAL_TYPE_WITH_CODE (StudioStableRows, studio_stable_rows, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, studio_stable_rows_model_init))

static void
studio_stable_rows_source_changed_cb (GListModel       *source,
                                      guint             position,
                                      guint             removed,
                                      guint             added,
                                      StudioStableRows *self)
{
  guint old_n = self->n_items;
  guint new_n = old_n - removed + added;

  for (guint i = new_n; i < self->entries->len; i++)
    if (g_ptr_array_index (self->entries, i) != NULL)
      {
        stable_entry_detach (g_ptr_array_index (self->entries, i));
        g_ptr_array_index (self->entries, i) = NULL;
      }
  g_ptr_array_set_size (self->entries, new_n);
  self->n_items = new_n;

  for (guint i = position; i < new_n; i++)
    {
      StableEntry *entry = g_ptr_array_index (self->entries, i);
      ReslibResourceRow *row;

      if (entry == NULL)
        continue;
      row = g_list_model_get_item (source, i);
      if (row == entry->source)
        {
          g_object_unref (row);
          continue;
        }
      reslib_resource_row_update_from (entry->item, row);
      stable_entry_set_source (entry, row);
    }

  if (new_n < old_n)
    g_list_model_items_changed (G_LIST_MODEL (self), new_n, old_n - new_n, 0);
  else if (new_n > old_n)
    g_list_model_items_changed (G_LIST_MODEL (self), old_n, 0, new_n - old_n);
  g_signal_emit (self, stable_signals[STABLE_CONTENTS_CHANGED], 0, position);
}

/**
 * studio_stable_rows_set_source:
 * @source: (transfer full): another model of ReslibResourceRow
 *
 * Shows the rows of @source: the items held take the values of its rows at their positions.
 */
void
studio_stable_rows_set_source (StudioStableRows *self,
                               GListModel       *source)
{
  guint old_n;

  g_return_if_fail (STUDIO_IS_STABLE_ROWS (self));
  g_return_if_fail (G_IS_LIST_MODEL (source));

  old_n = self->n_items;
  g_signal_handlers_disconnect_by_func (self->source, studio_stable_rows_source_changed_cb, self);
  g_object_unref (self->source);
  self->source = source;
  g_signal_connect (source, "items-changed", G_CALLBACK (studio_stable_rows_source_changed_cb), self);
  studio_stable_rows_source_changed_cb (source, 0, old_n, g_list_model_get_n_items (source), self);
}

static void
studio_stable_rows_dispose (GObject *object)
{
  StudioStableRows *self = STUDIO_STABLE_ROWS (object);

  for (guint i = 0; i < self->entries->len; i++)
    if (g_ptr_array_index (self->entries, i) != NULL)
      stable_entry_detach (g_ptr_array_index (self->entries, i));
  g_ptr_array_set_size (self->entries, 0);
  self->n_items = 0;
  if (self->source != NULL)
    g_signal_handlers_disconnect_by_func (self->source, studio_stable_rows_source_changed_cb, self);
  g_clear_object (&self->source);

  G_OBJECT_CLASS (studio_stable_rows_parent_class)->dispose (object);
}

static void
studio_stable_rows_finalize (GObject *object)
{
  g_ptr_array_unref (STUDIO_STABLE_ROWS (object)->entries);

  G_OBJECT_CLASS (studio_stable_rows_parent_class)->finalize (object);
}

static void
studio_stable_rows_class_init (StudioStableRowsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = studio_stable_rows_dispose;
  object_class->finalize = studio_stable_rows_finalize;

  stable_signals[STABLE_CONTENTS_CHANGED] =
    g_signal_new ("contents-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_UINT);
}

static void
studio_stable_rows_init (StudioStableRows *self)
{
  self->entries = g_ptr_array_new ();
}

/* Takes @source, a model of ReslibResourceRow. */
StudioStableRows *
studio_stable_rows_new (GListModel *source)
{
  StudioStableRows *self = g_object_new (STUDIO_TYPE_STABLE_ROWS, NULL);

  self->source = source;
  self->n_items = g_list_model_get_n_items (source);
  g_ptr_array_set_size (self->entries, self->n_items);
  g_signal_connect (source, "items-changed", G_CALLBACK (studio_stable_rows_source_changed_cb), self);

  return self;
}
