/* reslib-profile.c — loading and checking rule profiles
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <fcntl.h>
#include <gio/gunixinputstream.h>
#include <glib/gi18n-lib.h>
#include <stdio.h>
#include <string.h>

#include "reslib-core-resources.h"
#include "reslib-error.h"
#include "reslib-json-schema.h"
#include "reslib-profile.h"
#include "reslib-store.h"

#define DEFAULT_PROFILE "/io/github/reslib/core/profiles/henan-2024.json"
#define PROFILE_SCHEMA "/io/github/reslib/core/profiles/profile.schema.json"
#define MAX_PROFILE_SIZE (16u << 20)

struct _ReslibProfile
{
  GObject     parent_instance;

  JsonNode   *root;
  JsonObject *object;
  GHashTable *rules;      /* id → ReslibRule* */
};

G_DEFINE_FINAL_TYPE (ReslibProfile, reslib_profile, G_TYPE_OBJECT)

static void
reslib_profile_finalize (GObject *object)
{
  ReslibProfile *self = RESLIB_PROFILE (object);

  g_clear_pointer (&self->rules, g_hash_table_unref);
  g_clear_pointer (&self->root, json_node_unref);

  G_OBJECT_CLASS (reslib_profile_parent_class)->finalize (object);
}

static void
reslib_profile_class_init (ReslibProfileClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = reslib_profile_finalize;
}

static void
reslib_profile_init (ReslibProfile *self)
{
  self->rules = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
}

/**
 * reslib_severity_to_string:
 *
 * Returns: (transfer none): "error", "warning" or "info"
 */
const char *
reslib_severity_to_string (ReslibSeverity severity)
{
  switch (severity)
    {
    case RESLIB_SEVERITY_ERROR: return "error";
    case RESLIB_SEVERITY_WARNING: return "warning";
    case RESLIB_SEVERITY_INFO: return "info";
    default: g_return_val_if_reached ("error");
    }
}

/* Remembers, while parsing, the line where each member and element ends, so a
 * schema problem can name its line. json-glib keeps no positions itself. */
typedef struct
{
  GHashTable *lines;     /* JsonNode* → line */
  GHashTable *starts;    /* JsonObject* or JsonArray* → the line of its opening bracket */
  GArray     *open;      /* lines of the brackets not yet closed */
} LineMap;

static void
container_start_cb (JsonParser *parser,
                    gpointer    user_data)
{
  LineMap *map = user_data;
  guint line = json_parser_get_current_line (parser);

  g_array_append_val (map->open, line);
}

static void
container_end_cb (JsonParser *parser,
                  gpointer    container,
                  gpointer    user_data)
{
  LineMap *map = user_data;

  if (map->open->len == 0)
    return;
  g_hash_table_insert (map->starts, container,
                       GUINT_TO_POINTER (g_array_index (map->open, guint, map->open->len - 1)));
  g_array_set_size (map->open, map->open->len - 1);
}

/* A value's line: where it starts for objects and arrays, where it ends (its only line) for others. */
static void
remember_line (JsonParser *parser,
               LineMap    *map,
               JsonNode   *node)
{
  gpointer start = NULL;

  if (JSON_NODE_HOLDS_OBJECT (node))
    start = g_hash_table_lookup (map->starts, json_node_get_object (node));
  else if (JSON_NODE_HOLDS_ARRAY (node))
    start = g_hash_table_lookup (map->starts, json_node_get_array (node));
  g_hash_table_insert (map->lines, node,
                       start != NULL ? start : GUINT_TO_POINTER (json_parser_get_current_line (parser)));
}

static void
object_member_cb (JsonParser *parser,
                  JsonObject *object,
                  const char *member_name,
                  gpointer    user_data)
{
  remember_line (parser, user_data, json_object_get_member (object, member_name));
}

static void
array_element_cb (JsonParser *parser,
                  JsonArray  *array,
                  int         index,
                  gpointer    user_data)
{
  remember_line (parser, user_data, json_array_get_element (array, index));
}

static JsonObject *
load_schema (GError **error)
{
  static JsonNode *schema;

  if (g_once_init_enter (&schema))
    {
      g_autoptr(GBytes) bytes = g_resource_lookup_data (reslib_core_get_resource (), PROFILE_SCHEMA,
                                                        G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);
      g_autoptr(JsonParser) parser = json_parser_new ();

      g_assert (bytes != NULL);
      if (!json_parser_load_from_data (parser, g_bytes_get_data (bytes, NULL), (gssize) g_bytes_get_size (bytes), NULL))
        g_assert_not_reached ();
      g_once_init_leave (&schema, json_node_ref (json_parser_get_root (parser)));
    }

  return json_node_get_object (schema);
}

static gboolean
index_rules (ReslibProfile *self)
{
  JsonObject *rules = json_object_get_object_member (self->object, "rules");
  JsonObject *sources = json_object_get_object_member (self->object, "sources");
  g_autoptr(GList) ids = json_object_get_members (rules);

  for (GList *l = ids; l != NULL; l = l->next)
    {
      JsonObject *entry = json_object_get_object_member (rules, l->data);
      const char *severity = json_object_get_string_member (entry, "severity");
      ReslibRule *rule = g_new0 (ReslibRule, 1);

      rule->id = l->data;
      rule->severity = g_str_equal (severity, "error") ? RESLIB_SEVERITY_ERROR :
                       g_str_equal (severity, "warning") ? RESLIB_SEVERITY_WARNING : RESLIB_SEVERITY_INFO;
      rule->source = json_object_get_string_member (entry, "source");
      rule->source_text = json_object_get_string_member_with_default (sources, rule->source, NULL);
      rule->confidence = json_object_get_string_member (entry, "confidence");
      rule->params = json_object_get_object_member (entry, "params");
      rule->note = json_object_get_string_member_with_default (entry, "note", NULL);
      rule->unchecked = json_object_get_string_member_with_default (entry, "unchecked", NULL);
      g_hash_table_insert (self->rules, (gpointer) rule->id, rule);
    }

  return TRUE;
}

/* Every rule's source must be listed under "sources": a rule without a traceable source is refused. */
static gboolean
check_sources (ReslibProfile *self,
               const char    *name,
               GError       **error)
{
  GHashTableIter iter;
  gpointer value;

  g_hash_table_iter_init (&iter, self->rules);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      const ReslibRule *rule = value;

      if (rule->source_text == NULL)
        {
          g_set_error (error, RESLIB_ERROR, RESLIB_ERROR_BAD_FILE,
                       _("The profile “%s” names the source “%s” for the rule %s, but does not list it under sources"),
                       name, rule->source, rule->id);
          return FALSE;
        }
    }

  return TRUE;
}

/* Every entry of the industry lists names a source of "sources" too. */
static gboolean
check_industry_sources (ReslibProfile *self,
                        const char    *name,
                        GError       **error)
{
  JsonObject *sources = json_object_get_object_member (self->object, "sources");
  JsonObject *industry = json_object_get_object_member (self->object, "industry");
  JsonArray *lists[3] = { json_object_get_array_member (industry, "clusters"),
                          json_object_has_member (industry, "fields")
                          ? json_object_get_array_member (industry, "fields") : NULL, NULL };

  for (guint l = 0; l < 2; l++)
    for (guint i = 0; lists[l] != NULL && i < json_array_get_length (lists[l]); i++)
      {
        JsonObject *entry = json_array_get_object_element (lists[l], i);
        JsonArray *chains = l == 0 ? json_object_get_array_member (entry, "chains") : NULL;

        for (guint j = 0; j <= (chains != NULL ? json_array_get_length (chains) : 0); j++)
          {
            JsonObject *e = j == 0 ? entry : json_array_get_object_element (chains, j - 1);
            const char *source = json_object_get_string_member (e, "source");

            if (!json_object_has_member (sources, source))
              {
                g_set_error (error, RESLIB_ERROR, RESLIB_ERROR_BAD_FILE,
                             _("The profile “%s” names the source “%s” for “%s” of the industry list, but does not list it under sources"),
                             name, source, json_object_get_string_member (e, "name"));
                return FALSE;
              }
          }
      }

  return TRUE;
}

/* Every budget source names a source of "sources" too. */
static gboolean
check_budget_sources (ReslibProfile *self,
                      const char    *name,
                      GError       **error)
{
  JsonObject *sources = json_object_get_object_member (self->object, "sources");
  JsonArray *list = json_object_has_member (self->object, "budget_sources")
                    ? json_object_get_array_member (self->object, "budget_sources") : NULL;

  for (guint i = 0; list != NULL && i < json_array_get_length (list); i++)
    {
      JsonObject *entry = json_array_get_object_element (list, i);
      const char *source = json_object_get_string_member (entry, "source");

      if (!json_object_has_member (sources, source))
        {
          g_set_error (error, RESLIB_ERROR, RESLIB_ERROR_BAD_FILE,
                       _("The profile “%s” names the source “%s” for the source of funds “%s”, but does not list it under sources"),
                       name, source, json_object_get_string_member (entry, "name"));
          return FALSE;
        }
    }

  return TRUE;
}

/* Every kind of document names a source of "sources" too. */
static gboolean
check_document_sources (ReslibProfile *self,
                        const char    *name,
                        GError       **error)
{
  JsonObject *sources = json_object_get_object_member (self->object, "sources");
  JsonArray *list = json_object_has_member (self->object, "documents")
                    ? json_object_get_array_member (self->object, "documents") : NULL;

  for (guint i = 0; list != NULL && i < json_array_get_length (list); i++)
    {
      JsonObject *entry = json_array_get_object_element (list, i);
      const char *source = json_object_get_string_member (entry, "source");

      if (!json_object_has_member (sources, source))
        {
          g_set_error (error, RESLIB_ERROR, RESLIB_ERROR_BAD_FILE,
                       _("The profile “%s” names the source “%s” for the document “%s”, but does not list it under sources"),
                       name, source, json_object_get_string_member (entry, "name"));
          return FALSE;
        }
    }

  return TRUE;
}

/**
 * reslib_profile_load_data:
 * @name: the file name to use in messages
 *
 * Parses and checks a profile against its schema (profile.schema.json).
 *
 * Returns: (transfer full): the profile, or %NULL with an error naming the file,
 *   the line and the reason.
 */
ReslibProfile *
reslib_profile_load_data (const char *name,
                          const char *data,
                          gssize      length,
                          GError    **error)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(ReslibProfile) self = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *where = NULL;
  gconstpointer where_node = NULL;
  g_autoptr(GHashTable) starts = g_hash_table_new (NULL, NULL);
  g_autoptr(GArray) open = g_array_new (FALSE, FALSE, sizeof (guint));
  LineMap map = { g_hash_table_new (NULL, NULL), starts, open };
  JsonNode *root;

  g_signal_connect (parser, "object-start", G_CALLBACK (container_start_cb), &map);
  g_signal_connect (parser, "array-start", G_CALLBACK (container_start_cb), &map);
  g_signal_connect (parser, "object-end", G_CALLBACK (container_end_cb), &map);
  g_signal_connect (parser, "array-end", G_CALLBACK (container_end_cb), &map);
  g_signal_connect (parser, "object-member", G_CALLBACK (object_member_cb), &map);
  g_signal_connect (parser, "array-element", G_CALLBACK (array_element_cb), &map);

  if (!json_parser_load_from_data (parser, data, length, &local_error))
    {
      unsigned line = 0, column = 0;
      int consumed = 0;

      g_hash_table_unref (map.lines);
      /* json-glib's message reads "<data>:LINE:COLUMN: reason" */
      if (sscanf (local_error->message, "<data>:%u:%u: %n", &line, &column, &consumed) == 2 && consumed > 0)
        g_set_error (error, RESLIB_ERROR, RESLIB_ERROR_BAD_FILE,
                     _("The profile “%s” is not valid JSON at line %u, column %u: %s"), name, line, column,
                     local_error->message + consumed);
      else
        g_set_error (error, RESLIB_ERROR, RESLIB_ERROR_BAD_FILE,
                     _("The profile “%s” is not valid JSON: %s"), name, local_error->message);
      return NULL;
    }
  root = json_parser_get_root (parser);
  if (root == NULL || !reslib_json_schema_check (root, load_schema (NULL), &where, &where_node, &local_error))
    {
      guint line = where_node != NULL ? GPOINTER_TO_UINT (g_hash_table_lookup (map.lines, where_node)) : 0;

      g_hash_table_unref (map.lines);
      if (root == NULL)
        g_set_error (error, RESLIB_ERROR, RESLIB_ERROR_BAD_FILE, _("The profile “%s” is empty"), name);
      else if (line > 0)
        g_set_error (error, RESLIB_ERROR, RESLIB_ERROR_BAD_FILE,
                     _("The profile “%s” does not follow the profile schema at line %u (%s): %s"),
                     name, line, where, local_error->message);
      else
        g_set_error (error, RESLIB_ERROR, RESLIB_ERROR_BAD_FILE,
                     _("The profile “%s” does not follow the profile schema at %s: %s"), name, where,
                     local_error->message);
      return NULL;
    }
  g_hash_table_unref (map.lines);

  self = g_object_new (RESLIB_TYPE_PROFILE, NULL);
  self->root = json_node_ref (root);
  self->object = json_node_get_object (root);
  index_rules (self);

  if (!check_sources (self, name, error) || !check_industry_sources (self, name, error) ||
      !check_budget_sources (self, name, error) || !check_document_sources (self, name, error))
    return NULL;

  return g_steal_pointer (&self);
}

/**
 * reslib_profile_load:
 * @path: (nullable): a profile file; %NULL for the built-in Henan profile
 * @error: where a file that cannot be read or is not a valid profile is told
 *
 * Returns: (transfer full) (nullable): the profile, or %NULL with @error set
 */
ReslibProfile *
reslib_profile_load (const char *path,
                     GError    **error)
{
  g_autofree char *contents = NULL;
  g_autofree char *shown = NULL;
  g_autoptr(GError) local_error = NULL;
  gsize length = 0;
  int fd;

  if (path == NULL)
    return reslib_profile_load_default (error);

  shown = g_filename_display_name (path);
  /* Never the database of the open store (see reslib_open_input()). */
  fd = reslib_open_input (path, O_RDONLY, &local_error);
  if (fd < 0)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  {
    g_autoptr(GInputStream) in = g_unix_input_stream_new (fd, TRUE);
    g_autoptr(GByteArray) data = g_byte_array_new ();
    guint8 buffer[16384];
    gssize n;

    while ((n = g_input_stream_read (in, buffer, sizeof buffer, NULL, &local_error)) > 0)
      {
        if (data->len + (gsize) n > MAX_PROFILE_SIZE)
          {
            g_set_error (error, RESLIB_ERROR, RESLIB_ERROR_BAD_FILE,
                         _("The profile “%s” is larger than %u MiB: it cannot be a rule profile"), shown,
                         MAX_PROFILE_SIZE >> 20);
            return NULL;
          }
        g_byte_array_append (data, buffer, (guint) n);
      }
    if (n < 0)
      {
        g_set_error (error, RESLIB_ERROR, RESLIB_ERROR_BAD_FILE, _("Cannot read the profile “%s”: %s"), shown,
                     local_error->message);
        return NULL;
      }
    length = data->len;
    g_byte_array_append (data, (const guint8 *) "", 1);
    contents = (char *) g_byte_array_free (g_steal_pointer (&data), FALSE);
  }

  return reslib_profile_load_data (shown, contents, (gssize) length, error);
}

/**
 * reslib_profile_load_default:
 *
 * Returns: (transfer full): the built-in profile (data/profiles/henan-2024.json).
 */
ReslibProfile *
reslib_profile_load_default (GError **error)
{
  g_autoptr(GBytes) bytes = g_resource_lookup_data (reslib_core_get_resource (), DEFAULT_PROFILE,
                                                    G_RESOURCE_LOOKUP_FLAGS_NONE, error);

  if (bytes == NULL)
    return NULL;

  return reslib_profile_load_data ("henan-2024.json", g_bytes_get_data (bytes, NULL),
                                   (gssize) g_bytes_get_size (bytes), error);
}

/**
 * reslib_profile_get_id:
 *
 * Returns: (transfer none): the profile's id
 */
const char *
reslib_profile_get_id (ReslibProfile *self)
{
  g_return_val_if_fail (RESLIB_IS_PROFILE (self), NULL);
  return json_object_get_string_member (self->object, "id");
}

/**
 * reslib_profile_get_title:
 *
 * The title in the user's language: the profile's "titles" hold it by locale name ("zh_CN"), looked up
 * in the order of g_get_language_names(); its "title" is the one for every other language.
 *
 * Returns: (transfer none): the profile's title
 */
const char *
reslib_profile_get_title (ReslibProfile *self)
{
  const char * const *languages = g_get_language_names ();
  JsonObject *titles;

  g_return_val_if_fail (RESLIB_IS_PROFILE (self), NULL);

  titles = json_object_has_member (self->object, "titles") ? json_object_get_object_member (self->object, "titles")
                                                            : NULL;
  for (guint i = 0; titles != NULL && languages[i] != NULL; i++)
    {
      const char *title = json_object_get_string_member_with_default (titles, languages[i], NULL);

      if (title != NULL)
        return title;
    }

  return json_object_get_string_member (self->object, "title");
}

/**
 * reslib_profile_get_rule:
 *
 * Returns: (transfer none) (nullable): the rule, or %NULL when the profile leaves it out (the check is then off).
 */
const ReslibRule *
reslib_profile_get_rule (ReslibProfile *self,
                         const char    *rule_id)
{
  g_return_val_if_fail (RESLIB_IS_PROFILE (self), NULL);
  return g_hash_table_lookup (self->rules, rule_id);
}

static int
compare_rules (gconstpointer a,
               gconstpointer b)
{
  const ReslibRule *ra = *(const ReslibRule * const *) a;
  const ReslibRule *rb = *(const ReslibRule * const *) b;

  return strcmp (ra->id, rb->id);
}

/**
 * reslib_profile_list_rules:
 *
 * Returns: (transfer container) (element-type ReslibRule): the profile's rules, sorted by id.
 */
GPtrArray *
reslib_profile_list_rules (ReslibProfile *self)
{
  GPtrArray *rules = g_ptr_array_new ();
  GHashTableIter iter;
  gpointer value;

  g_hash_table_iter_init (&iter, self->rules);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    g_ptr_array_add (rules, value);
  g_ptr_array_sort (rules, compare_rules);
  return rules;
}

/**
 * reslib_profile_get_object:
 * @member: a member of the profile's top object that the schema requires to be an object
 *
 * Returns: (transfer none): the object
 */
JsonObject *
reslib_profile_get_object (ReslibProfile *self,
                           const char    *member)
{
  g_return_val_if_fail (RESLIB_IS_PROFILE (self), NULL);
  return json_object_get_object_member (self->object, member);
}

/**
 * reslib_profile_get_array:
 * @member: a member of the profile's top object that the schema makes an array
 *
 * Returns: (transfer none) (nullable): the array, %NULL when the profile has no such (optional) member
 */
JsonArray *
reslib_profile_get_array (ReslibProfile *self,
                          const char    *member)
{
  g_return_val_if_fail (RESLIB_IS_PROFILE (self), NULL);
  if (!json_object_has_member (self->object, member))
    return NULL;
  return json_object_get_array_member (self->object, member);
}

/**
 * reslib_profile_get_double:
 * @member: a member of the profile's top object that the schema requires to be a number
 *
 * Returns: the number
 */
double
reslib_profile_get_double (ReslibProfile *self,
                           const char    *member)
{
  g_return_val_if_fail (RESLIB_IS_PROFILE (self), 0);
  return json_object_get_double_member (self->object, member);
}

/**
 * reslib_profile_get_upkeep_rate:
 *
 * The yearly update rate after acceptance: the share of the resources counted at acceptance (the
 * baseline count) that must be new or get a new version of their file each year.
 *
 * Returns: the rate of the rule project.upkeep.rate (its parameter "rate", else the profile's
 *   update_rate), between 0 and 1; 0 when the profile has no such rule
 */
double
reslib_profile_get_upkeep_rate (ReslibProfile *self)
{
  const ReslibRule *rule;

  g_return_val_if_fail (RESLIB_IS_PROFILE (self), 0);

  rule = reslib_profile_get_rule (self, "project.upkeep.rate");
  if (rule == NULL)
    return 0;

  return reslib_rule_double (rule, "rate", json_object_get_double_member_with_default (self->object, "update_rate", 0));
}

/**
 * reslib_profile_get_user_growth_rate:
 *
 * The yearly user growth after acceptance: the share of the registered users at acceptance that must be
 * added each year (教职成司函〔2022〕12号).
 *
 * Returns: the parameter "user_rate" of the rule project.upkeep.rate, else its update rate
 *   (reslib_profile_get_upkeep_rate()); 0 when the profile has no such rule
 */
double
reslib_profile_get_user_growth_rate (ReslibProfile *self)
{
  g_return_val_if_fail (RESLIB_IS_PROFILE (self), 0);

  return reslib_rule_double (reslib_profile_get_rule (self, "project.upkeep.rate"), "user_rate",
                             reslib_profile_get_upkeep_rate (self));
}

/**
 * reslib_upkeep_needed:
 * @rate: a yearly update rate, as reslib_profile_get_upkeep_rate() gives it
 * @count: the baseline count of resources
 *
 * Returns: how many resources a year must be new or get a new version: @rate of @count, rounded up
 */
guint
reslib_upkeep_needed (double rate,
                      gint64 count)
{
  double target = rate * (double) MAX (count, 0);
  guint n = (guint) target;

  return n + ((double) n < target - 1e-9 ? 1 : 0);
}

/**
 * reslib_rule_int:
 * @rule: (nullable): a rule of a profile
 * @param: the name of one of its parameters
 * @fallback: what to return when there is no such rule or parameter
 *
 * Returns: the parameter as an integer, or @fallback
 */
gint64
reslib_rule_int (const ReslibRule *rule,
                 const char       *param,
                 gint64            fallback)
{
  if (rule == NULL || !json_object_has_member (rule->params, param))
    return fallback;
  return (gint64) json_object_get_double_member (rule->params, param);
}

/**
 * reslib_rule_double:
 * @rule: (nullable): a rule of a profile
 * @param: the name of one of its parameters
 * @fallback: what to return when there is no such rule or parameter
 *
 * Returns: the parameter as a number, or @fallback
 */
double
reslib_rule_double (const ReslibRule *rule,
                    const char       *param,
                    double            fallback)
{
  if (rule == NULL || !json_object_has_member (rule->params, param))
    return fallback;
  return json_object_get_double_member (rule->params, param);
}

/**
 * reslib_rule_list_contains:
 * @rule: (nullable): a rule of a profile
 * @param: the name of one of its parameters, a list of strings
 * @value: (nullable): a string
 *
 * Returns: whether the list holds @value (%FALSE when there is no such rule or parameter)
 */
gboolean
reslib_rule_list_contains (const ReslibRule *rule,
                           const char       *param,
                           const char       *value)
{
  JsonArray *list;

  if (rule == NULL || value == NULL || !json_object_has_member (rule->params, param))
    return FALSE;
  list = json_object_get_array_member (rule->params, param);
  for (guint i = 0; i < json_array_get_length (list); i++)
    if (g_strcmp0 (json_array_get_string_element (list, i), value) == 0)
      return TRUE;

  return FALSE;
}

/**
 * reslib_profile_classify_industry:
 * @value: a project's 对接产业/领域 (industry_chain)
 * @cluster: (out) (optional) (transfer none): the cluster of a chain, else %NULL
 *
 * Returns: where @value stands in the profile's lists: a cluster or a chain of the 7+28+N list, a priority
 *   field of the work plan, a niche chain written with the free-text prefix, or other free text. None of
 *   them is wrong.
 */
ReslibIndustryKind
reslib_profile_classify_industry (ReslibProfile  *self,
                                  const char     *value,
                                  const char    **cluster)
{
  JsonObject *industry;
  JsonArray *clusters, *fields;
  const char *prefix;

  g_return_val_if_fail (RESLIB_IS_PROFILE (self), RESLIB_INDUSTRY_OTHER);
  if (cluster != NULL)
    *cluster = NULL;
  if (value == NULL)
    return RESLIB_INDUSTRY_OTHER;
  industry = json_object_get_object_member (self->object, "industry");
  clusters = json_object_get_array_member (industry, "clusters");
  fields = json_object_has_member (industry, "fields") ? json_object_get_array_member (industry, "fields") : NULL;
  prefix = json_object_get_string_member (industry, "free_text_prefix");

  for (guint i = 0; i < json_array_get_length (clusters); i++)
    {
      JsonObject *c = json_array_get_object_element (clusters, i);
      JsonArray *chains = json_object_get_array_member (c, "chains");

      if (g_strcmp0 (json_object_get_string_member (c, "name"), value) == 0)
        return RESLIB_INDUSTRY_CLUSTER;
      for (guint j = 0; j < json_array_get_length (chains); j++)
        if (g_strcmp0 (json_object_get_string_member (json_array_get_object_element (chains, j), "name"), value) == 0)
          {
            if (cluster != NULL)
              *cluster = json_object_get_string_member (c, "name");
            return RESLIB_INDUSTRY_CHAIN;
          }
    }
  for (guint i = 0; fields != NULL && i < json_array_get_length (fields); i++)
    if (g_strcmp0 (json_object_get_string_member (json_array_get_object_element (fields, i), "name"), value) == 0)
      return RESLIB_INDUSTRY_FIELD;
  if (g_str_has_prefix (value, prefix) && strlen (value) > strlen (prefix))
    return RESLIB_INDUSTRY_NICHE;

  return RESLIB_INDUSTRY_OTHER;
}

/**
 * reslib_profile_match_budget_source:
 * @value: (nullable): a budget line's source of funds, as written
 *
 * Returns: (nullable) (transfer none): the name of the profile's budget source (“budget_sources”) that @value
 *   names — by its name, its id or one of its aliases, spaces around and the case of Latin letters aside —,
 *   or %NULL when @value names none of them (or the profile has no list)
 */
const char *
reslib_profile_match_budget_source (ReslibProfile *self,
                                    const char    *value)
{
  JsonArray *list;
  g_autofree char *text = NULL;

  g_return_val_if_fail (RESLIB_IS_PROFILE (self), NULL);
  if (value == NULL || !json_object_has_member (self->object, "budget_sources"))
    return NULL;
  text = g_strstrip (g_strdup (value));
  list = json_object_get_array_member (self->object, "budget_sources");
  for (guint i = 0; i < json_array_get_length (list); i++)
    {
      JsonObject *entry = json_array_get_object_element (list, i);
      const char *name = json_object_get_string_member (entry, "name");
      JsonArray *aliases = json_object_has_member (entry, "aliases")
                           ? json_object_get_array_member (entry, "aliases") : NULL;

      if (g_ascii_strcasecmp (text, name) == 0 ||
          g_ascii_strcasecmp (text, json_object_get_string_member (entry, "id")) == 0)
        return name;
      for (guint j = 0; aliases != NULL && j < json_array_get_length (aliases); j++)
        if (g_ascii_strcasecmp (text, json_array_get_string_element (aliases, j)) == 0)
          return name;
    }

  return NULL;
}

/**
 * reslib_profile_document_level:
 * @document: (nullable): a resource's document kind ("course-standard")
 *
 * Returns: (nullable) (transfer none): "major" or "course", where the profile's "documents" put a document
 *   of this kind, or %NULL when the profile does not list it
 */
const char *
reslib_profile_document_level (ReslibProfile *self,
                               const char    *document)
{
  JsonArray *list;

  g_return_val_if_fail (RESLIB_IS_PROFILE (self), NULL);
  if (document == NULL || !json_object_has_member (self->object, "documents"))
    return NULL;
  list = json_object_get_array_member (self->object, "documents");
  for (guint i = 0; i < json_array_get_length (list); i++)
    {
      JsonObject *entry = json_array_get_object_element (list, i);

      if (g_strcmp0 (json_object_get_string_member (entry, "id"), document) == 0)
        return json_object_get_string_member (entry, "level");
    }

  return NULL;
}

/**
 * reslib_profile_list_budget_sources:
 *
 * Returns: (transfer full): the names of the profile's budget sources in the profile's order (empty when it
 *   has none), e.g. { "财政", "学校自筹", "行业企业", NULL }
 */
GStrv
reslib_profile_list_budget_sources (ReslibProfile *self)
{
  g_autoptr(GStrvBuilder) names = g_strv_builder_new ();
  JsonArray *list;

  g_return_val_if_fail (RESLIB_IS_PROFILE (self), NULL);
  list = json_object_has_member (self->object, "budget_sources")
         ? json_object_get_array_member (self->object, "budget_sources") : NULL;
  for (guint i = 0; list != NULL && i < json_array_get_length (list); i++)
    g_strv_builder_add (names, json_object_get_string_member (json_array_get_object_element (list, i), "name"));

  return g_strv_builder_end (names);
}
