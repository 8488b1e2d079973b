/* studio-contribute-item.c — one resource in the contribution picker: its title, what to say under it
 * (its type, state and whether it changed since the last contribution), whether it is chosen, and the
 * course nodes it is linked to (to narrow the list by course or point)
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
