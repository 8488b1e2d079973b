/* reslib-record.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "reslib-record.h"

typedef struct
{
  char  **values;   /* one per field; NULL for an empty field or a list */
  char ***lists;    /* one per field; only list fields have one */
} ReslibRecordPrivate;

G_DEFINE_TYPE_WITH_PRIVATE (ReslibRecord, reslib_record, G_TYPE_OBJECT)

static GType kind_types[RESLIB_N_KINDS];
static GParamSpec **kind_pspecs[RESLIB_N_KINDS];

static const ReslibEntity *
record_entity (ReslibRecord *self)
{
  return RESLIB_RECORD_GET_CLASS (self)->entity;
}

static void
reslib_record_finalize (GObject *object)
{
  ReslibRecord *self = RESLIB_RECORD (object);
  ReslibRecordPrivate *priv = reslib_record_get_instance_private (self);
  const ReslibEntity *entity = record_entity (self);

  for (guint i = 0; entity != NULL && i < entity->n_fields; i++)
    {
      g_free (priv->values[i]);
      g_strfreev (priv->lists[i]);
    }
  g_free (priv->values);
  g_free (priv->lists);

  G_OBJECT_CLASS (reslib_record_parent_class)->finalize (object);
}

static void
reslib_record_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  ReslibRecord *self = RESLIB_RECORD (object);
  ReslibRecordPrivate *priv = reslib_record_get_instance_private (self);
  const ReslibEntity *entity = record_entity (self);
  guint i = prop_id - 1;

  g_assert (entity != NULL && i < entity->n_fields);

  switch (entity->fields[i].type)
    {
    case RESLIB_FIELD_INT:
      g_value_set_int64 (value, priv->values[i] ? g_ascii_strtoll (priv->values[i], NULL, 10) : 0);
      break;
    case RESLIB_FIELD_LIST:
      g_value_set_boxed (value, priv->lists[i]);
      break;
    case RESLIB_FIELD_TEXT:
    case RESLIB_FIELD_DECIMAL:
    case RESLIB_FIELD_CHOICE:
    case RESLIB_FIELD_DATE:
    case RESLIB_FIELD_REF:
    case RESLIB_FIELD_TIME:
    default:
      g_value_set_string (value, priv->values[i]);
      break;
    }
}

static void
reslib_record_class_init (ReslibRecordClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = reslib_record_finalize;
}

static void
reslib_record_init (ReslibRecord *self)
{
}

/* class_init of each kind's subclass: one read-only property per field. */
static void
kind_class_init (gpointer g_class,
                 gpointer class_data)
{
  ReslibRecordClass *klass = g_class;
  const ReslibEntity *entity = class_data;

  klass->entity = entity;
  /* GObject does not inherit get_property: each class that installs properties needs its own. */
  G_OBJECT_CLASS (klass)->get_property = reslib_record_get_property;
  kind_pspecs[entity->kind] = g_new0 (GParamSpec *, entity->n_fields);

  for (guint i = 0; i < entity->n_fields; i++)
    {
      const ReslibField *field = &entity->fields[i];
      g_autofree char *name = g_strdelimit (g_strdup (field->name), "_", '-');
      GParamFlags flags = G_PARAM_READABLE | G_PARAM_STATIC_NICK | G_PARAM_STATIC_BLURB | G_PARAM_EXPLICIT_NOTIFY;
      GParamSpec *pspec;

      switch (field->type)
        {
        case RESLIB_FIELD_INT:
          pspec = g_param_spec_int64 (name, NULL, NULL, G_MININT64, G_MAXINT64, 0, flags);
          break;
        case RESLIB_FIELD_LIST:
          pspec = g_param_spec_boxed (name, NULL, NULL, G_TYPE_STRV, flags);
          break;
        case RESLIB_FIELD_TEXT:
        case RESLIB_FIELD_DECIMAL:
        case RESLIB_FIELD_CHOICE:
        case RESLIB_FIELD_DATE:
        case RESLIB_FIELD_REF:
        case RESLIB_FIELD_TIME:
        default:
          pspec = g_param_spec_string (name, NULL, NULL, NULL, flags);
          break;
        }
      kind_pspecs[entity->kind][i] = pspec;
      g_object_class_install_property (G_OBJECT_CLASS (klass), i + 1, pspec);
    }
}

/**
 * reslib_record_type_for_kind:
 *
 * Returns: the #GType of records of @kind ("ReslibResource" for resources).
 */
GType
reslib_record_type_for_kind (ReslibKind kind)
{
  g_return_val_if_fail (kind < RESLIB_N_KINDS, G_TYPE_INVALID);

  if (g_once_init_enter (&kind_types[kind]))
    {
      const ReslibEntity *entity = reslib_entity_get (kind);
      const GTypeInfo info = {
        .class_size = sizeof (ReslibRecordClass),
        .class_init = kind_class_init,
        .class_data = entity,
        .instance_size = sizeof (ReslibRecord),
      };
      GType type = g_type_register_static (RESLIB_TYPE_RECORD, entity->type_name, &info, G_TYPE_FLAG_FINAL);

      g_once_init_leave (&kind_types[kind], type);
    }

  return kind_types[kind];
}

/**
 * reslib_record_register_types:
 *
 * Registers every record type, so that GtkBuilder can find them by name.
 */
void
reslib_record_register_types (void)
{
  for (guint k = 0; k < RESLIB_N_KINDS; k++)
    g_type_ensure (reslib_record_type_for_kind (k));
}

ReslibRecord *
_reslib_record_new (ReslibKind kind)
{
  ReslibRecord *self = g_object_new (reslib_record_type_for_kind (kind), NULL);
  ReslibRecordPrivate *priv = reslib_record_get_instance_private (self);
  guint n = record_entity (self)->n_fields;

  priv->values = g_new0 (char *, n);
  priv->lists = g_new0 (char **, n);

  return self;
}

void
_reslib_record_take_value (ReslibRecord *self,
                           guint         index,
                           char         *value)
{
  ReslibRecordPrivate *priv = reslib_record_get_instance_private (self);
  const ReslibEntity *entity = record_entity (self);

  g_return_if_fail (index < entity->n_fields);

  if (value != NULL && *value == '\0')
    g_clear_pointer (&value, g_free);
  if (g_strcmp0 (priv->values[index], value) == 0)
    {
      g_free (value);
      return;
    }
  g_free (priv->values[index]);
  priv->values[index] = value;
  g_object_notify_by_pspec (G_OBJECT (self), kind_pspecs[entity->kind][index]);
}

void
_reslib_record_take_list (ReslibRecord *self,
                          guint         index,
                          char        **values)
{
  ReslibRecordPrivate *priv = reslib_record_get_instance_private (self);
  const ReslibEntity *entity = record_entity (self);

  g_return_if_fail (index < entity->n_fields);

  if (values == NULL)
    values = g_new0 (char *, 1);
  if (priv->lists[index] != NULL && g_strv_equal ((const char * const *) priv->lists[index],
                                                  (const char * const *) values))
    {
      g_strfreev (values);
      return;
    }
  g_strfreev (priv->lists[index]);
  priv->lists[index] = values;
  g_object_notify_by_pspec (G_OBJECT (self), kind_pspecs[entity->kind][index]);
}

/**
 * reslib_record_get_kind:
 * @self: a record
 *
 * Returns: the kind of record @self is
 */
ReslibKind
reslib_record_get_kind (ReslibRecord *self)
{
  g_return_val_if_fail (RESLIB_IS_RECORD (self), RESLIB_N_KINDS);

  return record_entity (self)->kind;
}

/**
 * reslib_record_get_entity:
 * @self: a record
 *
 * Returns: (transfer none): the description of @self's table and fields
 */
const ReslibEntity *
reslib_record_get_entity (ReslibRecord *self)
{
  g_return_val_if_fail (RESLIB_IS_RECORD (self), NULL);

  return record_entity (self);
}

/**
 * reslib_record_get_id:
 * @self: a record
 *
 * Returns: (transfer none) (nullable): the record's id, %NULL only for a record not yet stored
 */
const char *
reslib_record_get_id (ReslibRecord *self)
{
  ReslibRecordPrivate *priv = reslib_record_get_instance_private (self);

  g_return_val_if_fail (RESLIB_IS_RECORD (self), NULL);

  return priv->values[0];
}

/**
 * reslib_record_get:
 * @self: a record
 * @field: a field name ("file_name" or "file-name")
 *
 * Returns: (transfer none) (nullable): the field's text, %NULL when it is empty
 */
const char *
reslib_record_get (ReslibRecord *self,
                   const char   *field)
{
  ReslibRecordPrivate *priv = reslib_record_get_instance_private (self);
  int i;

  g_return_val_if_fail (RESLIB_IS_RECORD (self), NULL);

  i = reslib_entity_field_index (record_entity (self), field);
  g_return_val_if_fail (i >= 0, NULL);

  return priv->values[i];
}

/**
 * reslib_record_get_int:
 * @self: a record
 * @field: the name of a field that holds a number
 * @fallback: what to return when the field is empty
 *
 * Returns: the field's number, or @fallback when it is empty
 */
gint64
reslib_record_get_int (ReslibRecord *self,
                       const char   *field,
                       gint64        fallback)
{
  const char *text = reslib_record_get (self, field);

  return text != NULL ? g_ascii_strtoll (text, NULL, 10) : fallback;
}

/**
 * reslib_record_get_list:
 *
 * Returns: (transfer none) (array zero-terminated=1): the values of a list field, never %NULL.
 */
const char * const *
reslib_record_get_list (ReslibRecord *self,
                        const char   *field)
{
  static const char * const empty[] = { NULL };
  ReslibRecordPrivate *priv = reslib_record_get_instance_private (self);
  int i;

  g_return_val_if_fail (RESLIB_IS_RECORD (self), empty);

  i = reslib_entity_field_index (record_entity (self), field);
  g_return_val_if_fail (i >= 0, empty);

  return priv->lists[i] != NULL ? (const char * const *) priv->lists[i] : empty;
}

/**
 * reslib_record_to_json:
 *
 * Returns: (transfer full): the record as a JSON object with one member per field;
 *   empty fields are null, numbers are numbers and lists are arrays.
 */
JsonNode *
reslib_record_to_json (ReslibRecord *self)
{
  ReslibRecordPrivate *priv = reslib_record_get_instance_private (self);
  const ReslibEntity *entity = record_entity (self);
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  for (guint i = 0; i < entity->n_fields; i++)
    {
      const ReslibField *field = &entity->fields[i];

      json_builder_set_member_name (builder, field->name);
      if (field->type == RESLIB_FIELD_LIST)
        {
          json_builder_begin_array (builder);
          for (guint j = 0; priv->lists[i] != NULL && priv->lists[i][j] != NULL; j++)
            json_builder_add_string_value (builder, priv->lists[i][j]);
          json_builder_end_array (builder);
        }
      else if (priv->values[i] == NULL)
        json_builder_add_null_value (builder);
      else if (field->type == RESLIB_FIELD_INT)
        json_builder_add_int_value (builder, g_ascii_strtoll (priv->values[i], NULL, 10));
      else
        json_builder_add_string_value (builder, priv->values[i]);
    }
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

/* The bytes append_json_string() stops at: C0 controls, '"', '\\' and DEL. */
static const guint8 json_stop[256] = {
  [0x00] = 1, [0x01] = 1, [0x02] = 1, [0x03] = 1, [0x04] = 1, [0x05] = 1, [0x06] = 1, [0x07] = 1,
  [0x08] = 1, [0x09] = 1, [0x0a] = 1, [0x0b] = 1, [0x0c] = 1, [0x0d] = 1, [0x0e] = 1, [0x0f] = 1,
  [0x10] = 1, [0x11] = 1, [0x12] = 1, [0x13] = 1, [0x14] = 1, [0x15] = 1, [0x16] = 1, [0x17] = 1,
  [0x18] = 1, [0x19] = 1, [0x1a] = 1, [0x1b] = 1, [0x1c] = 1, [0x1d] = 1, [0x1e] = 1, [0x1f] = 1,
  ['"'] = 1, ['\\'] = 1, [0x7f] = 1,
};

/* Whether any of the 8 bytes in @w is one append_json_string() stops at (exact for "any": see
 * "Determine if a word has a byte less than n" in Bit Twiddling Hacks). */
static inline gboolean
json_word_stops (guint64 w)
{
  const guint64 ones = G_GUINT64_CONSTANT (0x0101010101010101), highs = G_GUINT64_CONSTANT (0x8080808080808080);
  guint64 quote = w ^ (ones * '"'), backslash = w ^ (ones * '\\'), del = w ^ (ones * 0x7f);

  return ((((w - ones * 0x20) & ~w) | ((quote - ones) & ~quote) | ((backslash - ones) & ~backslash) |
           ((del - ones) & ~del)) & highs) != 0;
}

/* The same bytes as json-glib's generator writes for @s (tests/core/test-record.c compares them on
 * every control character, non-BMP characters and invalid UTF-8), except U+001F, which json-glib 1.6
 * leaves unescaped (not JSON) and this writes as \u001f. Invalid UTF-8 is copied as it is, as
 * json-glib does; the store refuses it before a record can hold it. */
static void
append_json_string (GString    *out,
                    const char *s)
{
  const unsigned char *p = (const unsigned char *) s;
  const unsigned char *end = p + strlen (s);
  const unsigned char *run = p;

  g_string_append_c (out, '"');
  for (;;)
    {
      /* Eight bytes at a time, then one look-up per byte: a listing of 100,000 records goes through
       * tens of megabytes here. */
      while (end - p >= 8)
        {
          guint64 w;

          memcpy (&w, p, sizeof w);
          if (json_word_stops (w))
            break;
          p += 8;
        }
      while (p < end && !json_stop[*p])
        p++;
      g_string_append_len (out, (const char *) run, p - run);
      if (p == end)
        break;
      switch (*p)
        {
        case '"': g_string_append (out, "\\\""); break;
        case '\\': g_string_append (out, "\\\\"); break;
        case '\b': g_string_append (out, "\\b"); break;
        case '\f': g_string_append (out, "\\f"); break;
        case '\n': g_string_append (out, "\\n"); break;
        case '\r': g_string_append (out, "\\r"); break;
        case '\t': g_string_append (out, "\\t"); break;
        default: g_string_append_printf (out, "\\u%04x", *p); break;
        }
      run = ++p;
    }
  g_string_append_c (out, '"');
}

/**
 * reslib_record_append_json:
 * @out: where to append
 *
 * Appends the same JSON object as reslib_record_to_json() as compact text;
 * fast enough for lists of a hundred thousand records.
 */
void
reslib_record_append_json (ReslibRecord *self,
                           GString      *out)
{
  ReslibRecordPrivate *priv = reslib_record_get_instance_private (self);
  const ReslibEntity *entity = record_entity (self);

  g_string_append_c (out, '{');
  for (guint i = 0; i < entity->n_fields; i++)
    {
      const ReslibField *field = &entity->fields[i];

      if (i > 0)
        g_string_append_c (out, ',');
      append_json_string (out, field->name);
      g_string_append_c (out, ':');
      if (field->type == RESLIB_FIELD_LIST)
        {
          g_string_append_c (out, '[');
          for (guint j = 0; priv->lists[i] != NULL && priv->lists[i][j] != NULL; j++)
            {
              if (j > 0)
                g_string_append_c (out, ',');
              append_json_string (out, priv->lists[i][j]);
            }
          g_string_append_c (out, ']');
        }
      else if (priv->values[i] == NULL)
        g_string_append (out, "null");
      else if (field->type == RESLIB_FIELD_INT)
        g_string_append_printf (out, "%" G_GINT64_FORMAT, g_ascii_strtoll (priv->values[i], NULL, 10));
      else
        append_json_string (out, priv->values[i]);
    }
  g_string_append_c (out, '}');
}
