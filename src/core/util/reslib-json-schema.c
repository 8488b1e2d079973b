/* reslib-json-schema.c — checks a JSON document against a JSON Schema (the subset our schemas use)
 *
 * Supported keywords: type, enum, const, required, properties, additionalProperties,
 * items, minItems, maxItems, minLength, minimum, maximum, pattern, oneOf, $ref to "#/$defs/…"; a type may be
 * a list of types. A pattern's "$" matches only at the end of the text.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "reslib-json-schema.h"
#include "reslib-text.h"

typedef struct
{
  JsonObject   *root_schema;
  GString      *path;      /* JSON pointer of the value being checked */
  char         *message;   /* the first problem found */
  char         *where;     /* its JSON pointer */
  gconstpointer where_node;
} Checker;

static gboolean check (Checker *c, JsonNode *value, JsonObject *schema);

/* The keywords a part of the schema has, read in one pass over its members: a part has a few, where
 * asking for each keyword the checker knows would look up a dozen names for every value checked. */
enum
{
  KW_REF = 1 << 0,
  KW_TYPE = 1 << 1,
  KW_ENUM = 1 << 2,
  KW_CONST = 1 << 3,
  KW_MIN_LENGTH = 1 << 4,
  KW_PATTERN = 1 << 5,
  KW_MINIMUM = 1 << 6,
  KW_MAXIMUM = 1 << 7,
  KW_PROPERTIES = 1 << 8,
  KW_REQUIRED = 1 << 9,
  KW_MIN_ITEMS = 1 << 10,
  KW_MAX_ITEMS = 1 << 11,
  KW_ITEMS = 1 << 12,
  KW_ONE_OF = 1 << 13,
  KW_KNOWN = 1 << 14,    /* in the cache of keywords_of (): a part with none is not NULL there */
};

static const struct
{
  const char *name;
  guint       flag;
} keyword_names[] = {
  { "$ref", KW_REF },
  { "type", KW_TYPE },
  { "enum", KW_ENUM },
  { "const", KW_CONST },
  { "minLength", KW_MIN_LENGTH },
  { "pattern", KW_PATTERN },
  { "minimum", KW_MINIMUM },
  { "maximum", KW_MAXIMUM },
  { "properties", KW_PROPERTIES },
  { "required", KW_REQUIRED },
  { "minItems", KW_MIN_ITEMS },
  { "maxItems", KW_MAX_ITEMS },
  { "items", KW_ITEMS },
  { "oneOf", KW_ONE_OF },
};

static guint
read_keywords (JsonObject *schema)
{
  JsonObjectIter iter;
  const char *name;
  guint keywords = 0;

  json_object_iter_init (&iter, schema);
  while (json_object_iter_next (&iter, &name, NULL))
    for (guint i = 0; i < G_N_ELEMENTS (keyword_names); i++)
      if (strcmp (name, keyword_names[i].name) == 0)
        {
          keywords |= keyword_names[i].flag;
          break;
        }

  return keywords;
}

/* A part's keywords are read once: a package's manifest checks the same few dozen parts for each of its
 * records. The cache holds a reference on each part it knows, so that no other object takes its address;
 * a schema is a few hundred parts at most, and parsed once by its users. */
static guint
keywords_of (JsonObject *schema)
{
  static GMutex lock;
  static GHashTable *cache;
  gpointer found;
  guint keywords;

  g_mutex_lock (&lock);
  if (cache == NULL)
    cache = g_hash_table_new_full (g_direct_hash, g_direct_equal, (GDestroyNotify) json_object_unref, NULL);
  found = g_hash_table_lookup (cache, schema);
  g_mutex_unlock (&lock);
  if (found != NULL)
    return GPOINTER_TO_UINT (found) & ~KW_KNOWN;

  keywords = read_keywords (schema);
  g_mutex_lock (&lock);
  if (!g_hash_table_contains (cache, schema))
    g_hash_table_insert (cache, json_object_ref (schema), GUINT_TO_POINTER (keywords | KW_KNOWN));
  g_mutex_unlock (&lock);

  return keywords;
}

static gboolean
fail (Checker    *c,
      JsonNode   *value,
      const char *format,
      ...) G_GNUC_PRINTF (3, 4);

static gboolean
fail (Checker    *c,
      JsonNode   *value,
      const char *format,
      ...)
{
  va_list args;

  if (c->message == NULL)
    {
      va_start (args, format);
      c->message = g_strdup_vprintf (format, args);
      va_end (args);
      c->where = g_strdup (c->path->len ? c->path->str : "/");
      c->where_node = value;
    }

  return FALSE;
}

static const char *
type_name (JsonNode *value)
{
  switch (json_node_get_node_type (value))
    {
    case JSON_NODE_OBJECT: return "object";
    case JSON_NODE_ARRAY: return "array";
    case JSON_NODE_NULL: return "null";
    case JSON_NODE_VALUE:
    default:
      switch (json_node_get_value_type (value) == G_TYPE_INT64 ? 1 :
              json_node_get_value_type (value) == G_TYPE_DOUBLE ? 2 :
              json_node_get_value_type (value) == G_TYPE_BOOLEAN ? 3 : 4)
        {
        case 1: return "integer";
        case 2: return "number";
        case 3: return "boolean";
        default: return "string";
        }
    }
}

static gboolean
has_type (JsonNode   *value,
          const char *type)
{
  const char *actual = type_name (value);

  if (g_str_equal (type, "number"))
    return g_str_equal (actual, "number") || g_str_equal (actual, "integer");

  return g_str_equal (type, actual);
}

static double
number_of (JsonNode *value)
{
  return json_node_get_value_type (value) == G_TYPE_INT64 ? (double) json_node_get_int (value)
                                                          : json_node_get_double (value);
}

/* Patterns are compiled once. "$" matches only at the very end: by default GRegex
 * lets it match before a final newline, so "^[0-9a-f]{64}$" would take "…\n". */
static gboolean
pattern_matches (const char *pattern,
                 const char *text)
{
  static GMutex lock;
  static GHashTable *cache;
  GRegex *regex;

  g_mutex_lock (&lock);
  if (cache == NULL)
    cache = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_regex_unref);
  regex = g_hash_table_lookup (cache, pattern);
  if (regex == NULL)
    {
      regex = g_regex_new (pattern, G_REGEX_DOLLAR_ENDONLY | G_REGEX_OPTIMIZE, 0, NULL);
      if (regex == NULL)
        {
          g_mutex_unlock (&lock);
          return FALSE;
        }
      g_hash_table_insert (cache, g_strdup (pattern), regex);
    }
  g_regex_ref (regex);
  g_mutex_unlock (&lock);

  {
    gboolean matches = g_regex_match (regex, text, 0, NULL);

    g_regex_unref (regex);
    return matches;
  }
}

static JsonObject *
resolve_ref (Checker    *c,
             const char *ref)
{
  JsonObject *defs;

  if (!g_str_has_prefix (ref, "#/$defs/") || !json_object_has_member (c->root_schema, "$defs"))
    return NULL;
  defs = json_object_get_object_member (c->root_schema, "$defs");
  if (!json_object_has_member (defs, ref + 8))
    return NULL;

  return json_object_get_object_member (defs, ref + 8);
}

static char *
value_text (JsonNode *value)
{
  g_autoptr(JsonGenerator) gen = json_generator_new ();

  json_generator_set_root (gen, value);
  return json_generator_to_data (gen, NULL);
}

static gboolean
check_object (Checker    *c,
              JsonNode   *value,
              JsonObject *schema,
              guint       keywords)
{
  JsonObject *object = json_node_get_object (value);
  JsonObject *properties = (keywords & KW_PROPERTIES)
                           ? json_object_get_object_member (schema, "properties") : NULL;
  JsonNode *additional = json_object_get_member (schema, "additionalProperties");
  JsonObjectIter iter;
  const char *name;
  JsonNode *member;

  if ((keywords & KW_REQUIRED))
    {
      JsonArray *required = json_object_get_array_member (schema, "required");

      for (guint i = 0; i < json_array_get_length (required); i++)
        {
          const char *needed = json_array_get_string_element (required, i);

          if (!json_object_has_member (object, needed))
            return fail (c, value, _("the member “%s” is missing"), needed);
        }
    }

  /* In the document's order, as its first problem is the one told. */
  json_object_iter_init_ordered (&iter, object);
  while (json_object_iter_next_ordered (&iter, &name, &member))
    {
      JsonNode *property = properties != NULL ? json_object_get_member (properties, name) : NULL;
      JsonObject *sub = NULL;
      gsize saved = c->path->len;
      gboolean ok = TRUE;

      g_string_append_c (c->path, '/');
      g_string_append (c->path, name);
      if (property != NULL)
        sub = JSON_NODE_HOLDS_OBJECT (property) ? json_node_get_object (property) : NULL;
      else if (additional != NULL && JSON_NODE_HOLDS_OBJECT (additional))
        sub = json_node_get_object (additional);
      else if (additional != NULL && JSON_NODE_HOLDS_VALUE (additional) && !json_node_get_boolean (additional))
        {
          g_autofree char *shown = reslib_escape_text (name);

          ok = fail (c, member, _("the member “%s” is not allowed here"), shown);
        }

      if (ok && sub != NULL)
        ok = check (c, member, sub);
      g_string_truncate (c->path, saved);
      if (!ok)
        return FALSE;
    }

  return TRUE;
}

static gboolean
check_array (Checker    *c,
             JsonNode   *value,
             JsonObject *schema,
             guint       keywords)
{
  JsonArray *array = json_node_get_array (value);
  guint n = json_array_get_length (array);

  if ((keywords & KW_MIN_ITEMS) && n < (guint) json_object_get_int_member (schema, "minItems"))
    return fail (c, value, _("the list needs at least %d items"), (int) json_object_get_int_member (schema, "minItems"));
  if ((keywords & KW_MAX_ITEMS) && n > (guint) json_object_get_int_member (schema, "maxItems"))
    return fail (c, value, _("the list may hold at most %d items"), (int) json_object_get_int_member (schema, "maxItems"));

  if ((keywords & KW_ITEMS))
    {
      JsonObject *items = json_object_get_object_member (schema, "items");

      for (guint i = 0; i < n; i++)
        {
          gsize saved = c->path->len;
          char index[16];
          gboolean ok;

          g_string_append_c (c->path, '/');
          g_string_append_len (c->path, index, (gssize) g_snprintf (index, sizeof index, "%u", i));
          ok = check (c, json_array_get_element (array, i), items);
          g_string_truncate (c->path, saved);
          if (!ok)
            return FALSE;
        }
    }

  return TRUE;
}

static gboolean
check (Checker    *c,
       JsonNode   *value,
       JsonObject *schema)
{
  guint keywords = keywords_of (schema);

  if ((keywords & KW_REF))
    {
      const char *ref = json_object_get_string_member (schema, "$ref");
      JsonObject *target = resolve_ref (c, ref);

      if (target == NULL)
        return fail (c, value, _("the schema refers to “%s”, which it does not define"), ref);
      if (!check (c, value, target))
        return FALSE;
    }

  if ((keywords & KW_TYPE))
    {
      JsonNode *types = json_object_get_member (schema, "type");

      if (JSON_NODE_HOLDS_ARRAY (types))
        {
          JsonArray *list = json_node_get_array (types);
          g_autoptr(GString) names = g_string_new (NULL);
          gboolean found = FALSE;

          for (guint i = 0; i < json_array_get_length (list) && !found; i++)
            found = has_type (value, json_array_get_string_element (list, i));
          if (!found)
            {
              for (guint i = 0; i < json_array_get_length (list); i++)
                g_string_append_printf (names, "%s%s", i ? ", " : "", json_array_get_string_element (list, i));
              return fail (c, value, _("expected a value of type %s, found %s"), names->str, type_name (value));
            }
        }
      else
        {
          const char *type = json_node_get_string (types);

          if (!has_type (value, type))
            return fail (c, value, _("expected a value of type %s, found %s"), type, type_name (value));
        }
    }

  if ((keywords & KW_ENUM))
    {
      JsonArray *choices = json_object_get_array_member (schema, "enum");
      g_autoptr(GString) list = g_string_new (NULL);
      gboolean found = FALSE;

      for (guint i = 0; i < json_array_get_length (choices) && !found; i++)
        found = json_node_equal (value, json_array_get_element (choices, i));
      if (!found)
        {
          g_autofree char *text = value_text (value);

          for (guint i = 0; i < json_array_get_length (choices); i++)
            {
              g_autofree char *choice = value_text (json_array_get_element (choices, i));
              g_string_append_printf (list, "%s%s", i ? ", " : "", choice);
            }
          return fail (c, value, _("%s is not one of %s"), text, list->str);
        }
    }

  if ((keywords & KW_CONST) && !json_node_equal (value, json_object_get_member (schema, "const")))
    return fail (c, value, _("the value is not the one required here"));

  if (JSON_NODE_HOLDS_VALUE (value) && json_node_get_value_type (value) == G_TYPE_STRING)
    {
      const char *text = json_node_get_string (value);

      if ((keywords & KW_MIN_LENGTH) &&
          g_utf8_strlen (text, -1) < json_object_get_int_member (schema, "minLength"))
        return fail (c, value, _("the text is too short"));
      if ((keywords & KW_PATTERN) &&
          !pattern_matches (json_object_get_string_member (schema, "pattern"), text))
        {
          g_autofree char *shown = reslib_escape_text (text);

          return fail (c, value, _("“%s” does not have the required form %s"), shown,
                       json_object_get_string_member (schema, "pattern"));
        }
    }

  if (JSON_NODE_HOLDS_VALUE (value) && has_type (value, "number"))
    {
      double v = number_of (value);

      if ((keywords & KW_MINIMUM) && v < json_object_get_double_member (schema, "minimum"))
        return fail (c, value, _("%g is below the minimum %g"), v, json_object_get_double_member (schema, "minimum"));
      if ((keywords & KW_MAXIMUM) && v > json_object_get_double_member (schema, "maximum"))
        return fail (c, value, _("%g is above the maximum %g"), v, json_object_get_double_member (schema, "maximum"));
    }

  /* Exactly one of the alternatives; each is tried apart, and its problems are not the document's. A
   * schema's "description" beside "oneOf" says what the alternatives are, for the message. */
  if ((keywords & KW_ONE_OF))
    {
      JsonArray *alternatives = json_object_get_array_member (schema, "oneOf");
      const char *description = json_object_get_string_member_with_default (schema, "description", NULL);
      guint fits = 0;

      for (guint i = 0; i < json_array_get_length (alternatives); i++)
        {
          Checker sub = { .root_schema = c->root_schema, .path = g_string_new (c->path->str) };

          if (check (&sub, value, json_array_get_object_element (alternatives, i)))
            fits++;
          g_free (sub.message);
          g_free (sub.where);
          g_string_free (sub.path, TRUE);
        }
      if (fits != 1 && description != NULL)
        return fail (c, value, _("the value is not of one of the allowed forms: %s"), description);
      if (fits != 1)
        return fail (c, value, _("the value is not of exactly one of the allowed forms"));
    }

  if (JSON_NODE_HOLDS_OBJECT (value))
    return check_object (c, value, schema, keywords);
  if (JSON_NODE_HOLDS_ARRAY (value))
    return check_array (c, value, schema, keywords);

  return TRUE;
}

/**
 * reslib_json_schema_check:
 * @value: the document
 * @schema: the schema's root object
 * @where: (out) (optional): the JSON pointer of the first problem
 * @where_node: (out) (optional): the node of the first problem
 *
 * Returns: %TRUE if @value follows @schema, else %FALSE with the first problem
 *   in @error (%RESLIB_ERROR_INVALID).
 */
gboolean
reslib_json_schema_check (JsonNode       *value,
                          JsonObject     *schema,
                          char          **where,
                          gconstpointer  *where_node,
                          GError        **error)
{
  return reslib_json_schema_check_at (value, schema, schema, where, where_node, error);
}

/**
 * reslib_json_schema_check_at:
 * @root_schema: the schema's root object, where "#/$defs/…" are found
 * @schema: the part of it that @value must follow
 *
 * Like reslib_json_schema_check(), against a part of a schema.
 */
gboolean
reslib_json_schema_check_at (JsonNode       *value,
                             JsonObject     *root_schema,
                             JsonObject     *schema,
                             char          **where,
                             gconstpointer  *where_node,
                             GError        **error)
{
  Checker c = { .root_schema = root_schema, .path = g_string_new (NULL) };
  gboolean ok = check (&c, value, schema);

  if (!ok)
    {
      g_set_error_literal (error, RESLIB_ERROR, RESLIB_ERROR_INVALID, c.message);
      if (where != NULL)
        *where = g_steal_pointer (&c.where);
      if (where_node != NULL)
        *where_node = c.where_node;
    }
  g_free (c.message);
  g_free (c.where);
  g_string_free (c.path, TRUE);

  return ok;
}
