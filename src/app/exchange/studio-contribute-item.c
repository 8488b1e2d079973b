/* studio-contribute-item.c — one resource in the contribution picker: its title, what to say under it
 * (its type, state and whether it changed since the last contribution), whether it is chosen, and the
 * course nodes it is linked to (to narrow the list by course or point); the items of a project, read
 * in a worker, and the courses and points that narrow the picker
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "studio-contribute-item.h"

struct _StudioContributeItem
{
  GObject   parent_instance;

  char     *id;
  char     *title;
  char     *folded_title;
  char     *subtitle;
  GStrv     nodes;
  gboolean  unsent;
  gboolean  selected;
};

G_DEFINE_FINAL_TYPE (StudioContributeItem, studio_contribute_item, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_TITLE,
  PROP_SUBTITLE,
  PROP_SELECTED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
studio_contribute_item_finalize (GObject *object)
{
  StudioContributeItem *self = STUDIO_CONTRIBUTE_ITEM (object);

  g_free (self->id);
  g_free (self->title);
  g_free (self->folded_title);
  g_free (self->subtitle);
  g_strfreev (self->nodes);

  G_OBJECT_CLASS (studio_contribute_item_parent_class)->finalize (object);
}

static void
studio_contribute_item_get_property (GObject    *object,
                                     guint       prop_id,
                                     GValue     *value,
                                     GParamSpec *pspec)
{
  StudioContributeItem *self = STUDIO_CONTRIBUTE_ITEM (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;
    case PROP_SUBTITLE:
      g_value_set_string (value, self->subtitle);
      break;
    case PROP_SELECTED:
      g_value_set_boolean (value, self->selected);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
studio_contribute_item_set_property (GObject      *object,
                                     guint         prop_id,
                                     const GValue *value,
                                     GParamSpec   *pspec)
{
  StudioContributeItem *self = STUDIO_CONTRIBUTE_ITEM (object);

  switch (prop_id)
    {
    case PROP_SELECTED:
      studio_contribute_item_set_selected (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
studio_contribute_item_class_init (StudioContributeItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = studio_contribute_item_finalize;
  object_class->get_property = studio_contribute_item_get_property;
  object_class->set_property = studio_contribute_item_set_property;

  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_SUBTITLE] =
    g_param_spec_string ("subtitle", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_SELECTED] =
    g_param_spec_boolean ("selected", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
studio_contribute_item_init (StudioContributeItem *self)
{
}

/**
 * studio_contribute_item_new:
 * @resource: a resource of the store
 * @unsent: whether it was added or changed since the last contribution; it is then chosen
 *
 * Returns: (transfer full): the item
 */
StudioContributeItem *
studio_contribute_item_new (ReslibRecord *resource,
                            gboolean      unsent)
{
  StudioContributeItem *self = g_object_new (STUDIO_TYPE_CONTRIBUTE_ITEM, NULL);
  const char * const *nodes = reslib_record_get_list (resource, "nodes");
  const char *type = reslib_label_resource_type (reslib_record_get (resource, "type"));
  const char *state = reslib_label_resource_state (reslib_record_get (resource, "state"));

  self->id = g_strdup (reslib_record_get_id (resource));
  self->title = g_strdup (reslib_record_get (resource, "title"));
  self->folded_title = g_utf8_casefold (self->title != NULL ? self->title : "", -1);
  self->nodes = g_strdupv ((char **) nodes);
  self->unsent = unsent;
  self->selected = unsent;
  if (unsent)
    /* Translators: under a resource in the contribution picker: its type, its state, and that it is new or
     * changed since the last contribution */
    self->subtitle = g_strdup_printf (_("%s · %s · new or changed since the last contribution"), type, state);
  else
    /* Translators: under a resource in the contribution picker: its type and its state */
    self->subtitle = g_strdup_printf (_("%s · %s"), type, state);

  return self;
}

const char *
studio_contribute_item_get_id (StudioContributeItem *self)
{
  g_return_val_if_fail (STUDIO_IS_CONTRIBUTE_ITEM (self), NULL);

  return self->id;
}

const char *
studio_contribute_item_get_title (StudioContributeItem *self)
{
  g_return_val_if_fail (STUDIO_IS_CONTRIBUTE_ITEM (self), NULL);

  return self->title;
}

const char *
studio_contribute_item_get_subtitle (StudioContributeItem *self)
{
  g_return_val_if_fail (STUDIO_IS_CONTRIBUTE_ITEM (self), NULL);

  return self->subtitle;
}

gboolean
studio_contribute_item_get_unsent (StudioContributeItem *self)
{
  g_return_val_if_fail (STUDIO_IS_CONTRIBUTE_ITEM (self), FALSE);

  return self->unsent;
}

gboolean
studio_contribute_item_get_selected (StudioContributeItem *self)
{
  g_return_val_if_fail (STUDIO_IS_CONTRIBUTE_ITEM (self), FALSE);

  return self->selected;
}

void
studio_contribute_item_set_selected (StudioContributeItem *self,
                                     gboolean              selected)
{
  g_return_if_fail (STUDIO_IS_CONTRIBUTE_ITEM (self));

  selected = !!selected;
  if (self->selected == selected)
    return;
  self->selected = selected;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED]);
}

/**
 * studio_contribute_item_matches:
 * @folded_query: (nullable): g_utf8_casefold() of the search, or %NULL
 * @nodes: (nullable): node ids (a set): the item must be linked to one of them; %NULL for any
 *
 * Returns: whether the item is shown with this search and this course or point
 */
gboolean
studio_contribute_item_matches (StudioContributeItem *self,
                                const char           *folded_query,
                                GHashTable           *nodes)
{
  g_return_val_if_fail (STUDIO_IS_CONTRIBUTE_ITEM (self), FALSE);

  if (folded_query != NULL && *folded_query != '\0' && strstr (self->folded_title, folded_query) == NULL)
    return FALSE;
  if (nodes == NULL)
    return TRUE;
  for (guint i = 0; self->nodes != NULL && self->nodes[i] != NULL; i++)
    if (g_hash_table_contains (nodes, self->nodes[i]))
      return TRUE;

  return FALSE;
}

/* ---------------------------------------------------------------------------------------------- */
/* Reading the items of a project                                                                  */

static void
read_items_thread (GTask        *task,
                   gpointer      source_object,
                   gpointer      task_data,
                   GCancellable *cancellable)
{
  ReslibStore *store = task_data;
  const char *project_id = g_object_get_data (G_OBJECT (task), "project-id");
  g_autoptr(ReslibStore) connection = NULL;
  g_autoptr(GHashTable) unsent_set = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) unsent = NULL;
  g_autoptr(GListModel) resources = NULL;
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  GError *error = NULL;

  connection = reslib_store_reopen (store, &error);
  if (connection != NULL)
    unsent = reslib_store_list_unsent_resource_ids (connection, project_id, cancellable, &error);
  if (unsent != NULL)
    resources = reslib_store_list (connection, RESLIB_KIND_RESOURCE, project_id, &error);
  if (resources == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  for (guint i = 0; i < unsent->len; i++)
    g_hash_table_add (unsent_set, g_ptr_array_index (unsent, i));
  for (guint i = 0; i < g_list_model_get_n_items (resources); i++)
    {
      g_autoptr(ReslibRecord) resource = g_list_model_get_item (resources, i);

      g_ptr_array_add (items, studio_contribute_item_new (resource,
                                                          g_hash_table_contains (unsent_set,
                                                                                 reslib_record_get_id (resource))));
    }
  g_task_return_pointer (task, g_steal_pointer (&items), (GDestroyNotify) g_ptr_array_unref);
}

/**
 * studio_contribute_items_read_async:
 * @store: the store (the session's)
 * @project_id: the project
 *
 * Reads the items of the project's resources in a worker, on a connection of its own: reading and
 * digesting every resource of a large project takes a while (about 0.2 s per 10,000 resources), and
 * the window stays live meanwhile.
 */
void
studio_contribute_items_read_async (ReslibStore         *store,
                                    const char          *project_id,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (RESLIB_IS_STORE (store));
  g_return_if_fail (project_id != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, studio_contribute_items_read_async);
  g_task_set_task_data (task, g_object_ref (store), g_object_unref);
  g_object_set_data_full (G_OBJECT (task), "project-id", g_strdup (project_id), g_free);
  g_task_run_in_thread (task, read_items_thread);
}

/**
 * studio_contribute_items_read_finish:
 *
 * Returns: (transfer full) (element-type StudioContributeItem): the items in the store's order, the
 *   resources new or changed since the last contribution selected; %NULL with @error set
 */
GPtrArray *
studio_contribute_items_read_finish (GAsyncResult  *result,
                                     GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == studio_contribute_items_read_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* ---------------------------------------------------------------------------------------------- */
/* The courses and points that narrow the picker                                                   */

/* The node @id and every node under it, from @children (parent id → GPtrArray of child ids). */
static void
add_subtree (GHashTable *set,
             GHashTable *children,
             const char *id)
{
  GPtrArray *kids = g_hash_table_lookup (children, id);

  g_hash_table_add (set, g_strdup (id));
  for (guint i = 0; kids != NULL && i < kids->len; i++)
    add_subtree (set, children, g_ptr_array_index (kids, i));
}

/* The entries of a course's tree in order, each indented by its depth. */
static void
add_scope_nodes (GtkStringList *labels,
                 GPtrArray     *ids,
                 GPtrArray     *sets,
                 GHashTable    *children,
                 GHashTable    *titles,
                 const char    *parent,
                 guint          depth)
{
  GPtrArray *kids = g_hash_table_lookup (children, parent);

  for (guint i = 0; kids != NULL && i < kids->len && depth < 32; i++)
    {
      const char *id = g_ptr_array_index (kids, i);
      g_autofree char *indent = g_strnfill (2 * (depth + 1), ' ');
      g_autofree char *label = g_strdup_printf ("%s%s", indent, (const char *) g_hash_table_lookup (titles, id));
      GHashTable *set = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

      add_subtree (set, children, id);
      gtk_string_list_append (labels, label);
      g_ptr_array_add (ids, g_strdup (id));
      g_ptr_array_add (sets, set);
      add_scope_nodes (labels, ids, sets, children, titles, id, depth + 1);
    }
}

/**
 * studio_contribute_read_scopes:
 * @labels: gets a label per course and per node, indented by its depth, in the tree's order
 * @ids: gets the course's or node's id for each label
 * @sets: gets, for each label, the node ids (a #GHashTable set) a resource is linked to one of to be
 *   of that course or node: all the course's nodes, or the node and the nodes under it
 *
 * The entries that narrow the contribution picker to a course or point.
 */
void
studio_contribute_read_scopes (ReslibStore   *store,
                               const char    *project_id,
                               GtkStringList *labels,
                               GPtrArray     *ids,
                               GPtrArray     *sets)
{
  g_autoptr(GListModel) courses = reslib_store_list (store, RESLIB_KIND_COURSE, project_id, NULL);

  for (guint c = 0; courses != NULL && c < g_list_model_get_n_items (courses); c++)
    {
      g_autoptr(ReslibRecord) course = g_list_model_get_item (courses, c);
      const char *course_id = reslib_record_get_id (course);
      g_autoptr(GListModel) nodes = reslib_store_list (store, RESLIB_KIND_NODE, course_id, NULL);
      g_autoptr(GHashTable) children = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                             (GDestroyNotify) g_ptr_array_unref);
      g_autoptr(GHashTable) titles = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
      GHashTable *set = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

      for (guint i = 0; nodes != NULL && i < g_list_model_get_n_items (nodes); i++)
        {
          g_autoptr(ReslibRecord) node = g_list_model_get_item (nodes, i);
          const char *parent = reslib_record_get (node, "parent_id");
          GPtrArray *kids;

          /* The course's own id stands for the top of its tree. */
          if (parent == NULL)
            parent = course_id;
          kids = g_hash_table_lookup (children, parent);
          if (kids == NULL)
            {
              kids = g_ptr_array_new_with_free_func (g_free);
              g_hash_table_insert (children, g_strdup (parent), kids);
            }
          g_ptr_array_add (kids, g_strdup (reslib_record_get_id (node)));
          g_hash_table_insert (titles, g_strdup (reslib_record_get_id (node)),
                               g_strdup (reslib_record_get (node, "title")));
          g_hash_table_add (set, g_strdup (reslib_record_get_id (node)));
        }
      gtk_string_list_append (labels, reslib_record_get (course, "title"));
      g_ptr_array_add (ids, g_strdup (course_id));
      g_ptr_array_add (sets, set);
      add_scope_nodes (labels, ids, sets, children, titles, course_id, 0);
    }
}
