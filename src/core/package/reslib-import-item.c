/* reslib-import-item.c — what an import does (or, previewed, would do) with one record of a package
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "reslib-enum-types.h"
#include "reslib-import-item.h"

struct _ReslibImportItem
{
  GObject              parent_instance;

  ReslibKind           kind;
  char                *id;
  char                *title;
  ReslibImportOutcome  outcome;
  char                *mapped_to;
};

G_DEFINE_FINAL_TYPE (ReslibImportItem, reslib_import_item, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_KIND,
  PROP_ID,
  PROP_TITLE,
  PROP_OUTCOME,
  PROP_MAPPED_TO,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
reslib_import_item_finalize (GObject *object)
{
  ReslibImportItem *self = RESLIB_IMPORT_ITEM (object);

  g_free (self->id);
  g_free (self->title);
  g_free (self->mapped_to);

  G_OBJECT_CLASS (reslib_import_item_parent_class)->finalize (object);
}

static void
reslib_import_item_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  ReslibImportItem *self = RESLIB_IMPORT_ITEM (object);

  switch (prop_id)
    {
    case PROP_KIND:
      g_value_set_int (value, self->kind);
      break;
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;
    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;
    case PROP_OUTCOME:
      g_value_set_enum (value, self->outcome);
      break;
    case PROP_MAPPED_TO:
      g_value_set_string (value, self->mapped_to);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
reslib_import_item_class_init (ReslibImportItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = reslib_import_item_finalize;
  object_class->get_property = reslib_import_item_get_property;

  /* A ReslibKind */
  properties[PROP_KIND] = g_param_spec_int ("kind", NULL, NULL, 0, RESLIB_N_KINDS, 0,
                                            G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_ID] = g_param_spec_string ("id", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_TITLE] = g_param_spec_string ("title", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_OUTCOME] = g_param_spec_enum ("outcome", NULL, NULL, RESLIB_TYPE_IMPORT_OUTCOME,
                                                RESLIB_IMPORT_OUTCOME_ADDED, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_MAPPED_TO] = g_param_spec_string ("mapped-to", NULL, NULL, NULL,
                                                    G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
reslib_import_item_init (ReslibImportItem *self)
{
}

ReslibImportItem *
_reslib_import_item_new (ReslibKind           kind,
                         const char          *id,
                         const char          *title,
                         ReslibImportOutcome  outcome,
                         const char          *mapped_to)
{
  ReslibImportItem *self = g_object_new (RESLIB_TYPE_IMPORT_ITEM, NULL);

  self->kind = kind;
  self->id = g_strdup (id);
  self->title = g_strdup (title);
  self->outcome = outcome;
  self->mapped_to = g_strdup (mapped_to);

  return self;
}

/**
 * reslib_import_item_get_kind:
 *
 * Returns: the kind of the package's record
 */
ReslibKind
reslib_import_item_get_kind (ReslibImportItem *self)
{
  g_return_val_if_fail (RESLIB_IS_IMPORT_ITEM (self), RESLIB_N_KINDS);
  return self->kind;
}

/**
 * reslib_import_item_get_id:
 *
 * Returns: (transfer none): the record's id in the package
 */
const char *
reslib_import_item_get_id (ReslibImportItem *self)
{
  g_return_val_if_fail (RESLIB_IS_IMPORT_ITEM (self), NULL);
  return self->id;
}

/**
 * reslib_import_item_get_title:
 *
 * Returns: (transfer none) (nullable): the record's name or title in the package
 */
const char *
reslib_import_item_get_title (ReslibImportItem *self)
{
  g_return_val_if_fail (RESLIB_IS_IMPORT_ITEM (self), NULL);
  return self->title;
}

/**
 * reslib_import_item_get_outcome:
 *
 * Returns: what the import did (or would do) with the record
 */
ReslibImportOutcome
reslib_import_item_get_outcome (ReslibImportItem *self)
{
  g_return_val_if_fail (RESLIB_IS_IMPORT_ITEM (self), RESLIB_IMPORT_OUTCOME_ADDED);
  return self->outcome;
}

/**
 * reslib_import_item_get_mapped_to:
 *
 * Returns: (transfer none) (nullable): the id of the store's record the package's one was mapped onto
 *   (another project, or a course or point matched by its title); %NULL when its id is kept
 */
const char *
reslib_import_item_get_mapped_to (ReslibImportItem *self)
{
  g_return_val_if_fail (RESLIB_IS_IMPORT_ITEM (self), NULL);
  return self->mapped_to;
}
