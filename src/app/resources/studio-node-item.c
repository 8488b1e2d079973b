/* studio-node-item.c — a course or one of its nodes in the course node picker's tree
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "reslib-store.h"
#include "reslib-store-courses.h"
#include "studio-node-item.h"

struct _StudioNodeItem
{
  GObject     parent_instance;

  char       *id;
  char       *title;
  char       *path;
  char       *key;
  guint       n_resources;
  GListStore *children;
  gboolean    checked;
  gboolean    shown;
};

G_DEFINE_FINAL_TYPE (StudioNodeItem, studio_node_item, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_CHECKED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
studio_node_item_finalize (GObject *object)
{
  StudioNodeItem *self = STUDIO_NODE_ITEM (object);

  g_free (self->id);
  g_free (self->title);
  g_free (self->path);
  g_free (self->key);
  g_clear_object (&self->children);

  G_OBJECT_CLASS (studio_node_item_parent_class)->finalize (object);
}

static void
studio_node_item_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  StudioNodeItem *self = STUDIO_NODE_ITEM (object);

  switch (prop_id)
    {
    case PROP_CHECKED:
      g_value_set_boolean (value, self->checked);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
studio_node_item_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  StudioNodeItem *self = STUDIO_NODE_ITEM (object);

  switch (prop_id)
    {
    case PROP_CHECKED:
      studio_node_item_set_checked (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
studio_node_item_class_init (StudioNodeItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = studio_node_item_finalize;
  object_class->get_property = studio_node_item_get_property;
  object_class->set_property = studio_node_item_set_property;

  properties[PROP_CHECKED] = g_param_spec_boolean ("checked", NULL, NULL, FALSE,
                                                   G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY |
                                                   G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
studio_node_item_init (StudioNodeItem *self)
{
  self->children = g_list_store_new (STUDIO_TYPE_NODE_ITEM);
  self->shown = TRUE;
}

StudioNodeItem *
studio_node_item_new (const char *id,
                      const char *title,
                      const char *path,
                      guint       n_resources)
{
  StudioNodeItem *self = g_object_new (STUDIO_TYPE_NODE_ITEM, NULL);

  self->id = g_strdup (id);
  self->title = g_strdup (title != NULL ? title : "");
  self->path = g_strdup (path != NULL ? path : self->title);
  self->key = g_utf8_casefold (self->path, -1);
  self->n_resources = n_resources;

  return self;
}

const char *
studio_node_item_get_id (StudioNodeItem *self)
{
  g_return_val_if_fail (STUDIO_IS_NODE_ITEM (self), NULL);
  return self->id;
}

const char *
studio_node_item_get_title (StudioNodeItem *self)
{
  g_return_val_if_fail (STUDIO_IS_NODE_ITEM (self), NULL);
  return self->title;
}

const char *
studio_node_item_get_path (StudioNodeItem *self)
{
  g_return_val_if_fail (STUDIO_IS_NODE_ITEM (self), NULL);
  return self->path;
}

guint
studio_node_item_get_n_resources (StudioNodeItem *self)
{
  g_return_val_if_fail (STUDIO_IS_NODE_ITEM (self), 0);
  return self->n_resources;
}

GListStore *
studio_node_item_get_children (StudioNodeItem *self)
{
  g_return_val_if_fail (STUDIO_IS_NODE_ITEM (self), NULL);
  return self->children;
}

gboolean
studio_node_item_get_checked (StudioNodeItem *self)
{
  g_return_val_if_fail (STUDIO_IS_NODE_ITEM (self), FALSE);
  return self->checked;
}

void
studio_node_item_set_checked (StudioNodeItem *self,
                              gboolean        checked)
{
  g_return_if_fail (STUDIO_IS_NODE_ITEM (self));

  checked = checked && self->id != NULL;
  if (self->checked == checked)
    return;
  self->checked = checked;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CHECKED]);
}

gboolean
studio_node_item_get_shown (StudioNodeItem *self)
{
  g_return_val_if_fail (STUDIO_IS_NODE_ITEM (self), FALSE);
  return self->shown;
}

gboolean
studio_node_item_filter (StudioNodeItem     *self,
                         const char * const *words)
{
  gboolean shown = TRUE;
  guint n;

  g_return_val_if_fail (STUDIO_IS_NODE_ITEM (self), FALSE);

  for (guint i = 0; words != NULL && words[i] != NULL; i++)
    if (strstr (self->key, words[i]) == NULL)
      shown = FALSE;
  /* Every item below is filtered, also when this one is shown already: they are shown under it. */
  n = g_list_model_get_n_items (G_LIST_MODEL (self->children));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(StudioNodeItem) child = g_list_model_get_item (G_LIST_MODEL (self->children), i);

      if (studio_node_item_filter (child, words))
        shown = TRUE;
    }
  self->shown = shown;

  return shown;
}

/* The nodes under @parent_id (NULL: the course's modules) into @into, depth first in their order. */
static void
add_nodes_under (GHashTable     *children,
                 GHashTable     *counts,
                 const char     *parent_id,
                 StudioNodeItem *into,
                 GPtrArray      *nodes_out)
{
  GPtrArray *nodes = g_hash_table_lookup (children, parent_id != NULL ? parent_id : "");

  for (guint i = 0; nodes != NULL && i < nodes->len; i++)
    {
      ReslibRecord *node = g_ptr_array_index (nodes, i);
      const char *id = reslib_record_get_id (node);
      const char *title = reslib_record_get (node, "title");
      g_autofree char *path = g_strdup_printf ("%s › %s", into->path, title);
      g_autoptr(StudioNodeItem) item = NULL;

      item = studio_node_item_new (id, title, path,
                                   counts != NULL ? GPOINTER_TO_UINT (g_hash_table_lookup (counts, id)) : 0);
      if (nodes_out != NULL)
        g_ptr_array_add (nodes_out, g_object_ref (item));
      g_list_store_append (into->children, item);
      add_nodes_under (children, counts, id, item, nodes_out);
    }
}

/**
 * studio_node_item_load_tree:
 * @nodes_out: (nullable) (element-type StudioNodeItem): where each node's item is added (a reference),
 *   depth first in the tree's order
 *
 * Returns: (transfer full): the courses of @project_id, each with its nodes below.
 */
GListStore *
studio_node_item_load_tree (ReslibStore *store,
                            const char  *project_id,
                            GPtrArray   *nodes_out)
{
  GListStore *courses_out = g_list_store_new (STUDIO_TYPE_NODE_ITEM);
  g_autoptr(GListModel) courses = NULL;
  g_autoptr(GHashTable) counts = NULL;

  if (store == NULL || project_id == NULL)
    return courses_out;
  courses = reslib_store_list (store, RESLIB_KIND_COURSE, project_id, NULL);
  counts = reslib_store_count_resources_by_node (store, project_id, NULL);
  for (guint i = 0; courses != NULL && i < g_list_model_get_n_items (courses); i++)
    {
      g_autoptr(ReslibRecord) course = g_list_model_get_item (courses, i);
      g_autoptr(GListModel) nodes = reslib_store_list (store, RESLIB_KIND_NODE, reslib_record_get_id (course), NULL);
      g_autoptr(GHashTable) children = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                               (GDestroyNotify) g_ptr_array_unref);
      g_autoptr(StudioNodeItem) item = NULL;
      const char *title = reslib_record_get (course, "title");

      /* The store lists a course's nodes in their order under each parent. */
      for (guint j = 0; nodes != NULL && j < g_list_model_get_n_items (nodes); j++)
        {
          ReslibRecord *node = g_list_model_get_item (nodes, j);
          const char *parent = reslib_record_get (node, "parent_id");
          GPtrArray *siblings = g_hash_table_lookup (children, parent != NULL ? parent : "");

          if (siblings == NULL)
            {
              siblings = g_ptr_array_new_with_free_func (g_object_unref);
              g_hash_table_insert (children, g_strdup (parent != NULL ? parent : ""), siblings);
            }
          g_ptr_array_add (siblings, node);
        }
      item = studio_node_item_new (NULL, title, title, 0);
      add_nodes_under (children, counts, NULL, item, nodes_out);
      g_list_store_append (courses_out, item);
    }

  return courses_out;
}
