/* test-json-schema.c — our JSON Schema checks give the verdicts of python3-jsonschema
 *
 * Documents are made from a valid one by random changes (a value replaced by another kind of value,
 * a member removed or added, an item repeated or dropped), each checked by reslib_json_schema_check ()
 * and by python3's jsonschema (Draft 2020-12, as our schemas declare) on the same text. Against a
 * schema written for the test that uses every keyword we support, and against the rule profiles'
 * schema with the built-in profile, and against the package manifest's schema with a contribution's manifest
 * of format 2. Skipped when python3 or its jsonschema module is missing
 * (Debian: python3-jsonschema; build-aux/bootstrap installs it).
 *
 * Two differences are on purpose and tested apart: "$" matches only at the very end of a text (Python's
 * re lets it match before a final newline), and a number written with a fraction ("2.0") is not an
 * integer (JSON Schema counts it as one). The documents made here hold neither.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <locale.h>
#include <string.h>
#include <sys/wait.h>

#include "reslib-json-schema.h"
#include "reslib-test-utils.h"

#define DOCUMENTS_PER_SCHEMA 400

static const char python_check[] =
  "import json, sys\n"
  "try:\n"
  "    import jsonschema\n"
  "except ImportError:\n"
  "    sys.exit(77)\n"
  "for case in json.load(open(sys.argv[1], encoding='utf-8')):\n"
  "    validator = jsonschema.Draft202012Validator(case['schema'])\n"
  "    print(''.join('1' if validator.is_valid(d) else '0' for d in case['documents']))\n";

static const char test_schema[] =
  "{ \"$schema\": \"https://json-schema.org/draft/2020-12/schema\","
  "  \"type\": \"object\","
  "  \"required\": [\"id\", \"kind\", \"items\"],"
  "  \"additionalProperties\": false,"
  "  \"properties\": {"
  "    \"id\": { \"type\": \"string\", \"pattern\": \"^[0-9a-f]{8}$\" },"
  "    \"kind\": { \"enum\": [\"a\", \"b\", 3, null] },"
  "    \"version\": { \"const\": 2 },"
  "    \"title\": { \"type\": \"string\", \"minLength\": 2 },"
  "    \"size\": { \"type\": \"integer\", \"minimum\": 0, \"maximum\": 1000 },"
  "    \"ratio\": { \"type\": [\"number\", \"null\"], \"minimum\": -1.5, \"maximum\": 1.5 },"
  "    \"flag\": { \"type\": \"boolean\" },"
  "    \"tags\": { \"type\": \"array\", \"minItems\": 1, \"maxItems\": 2, \"items\": { \"type\": \"string\", \"minLength\": 1 } },"
  "    \"items\": { \"type\": \"array\", \"items\": { \"$ref\": \"#/$defs/item\" } },"
  "    \"extra\": { \"type\": \"object\", \"additionalProperties\": { \"type\": \"integer\" } },"
  "    \"shape\": { \"oneOf\": [ { \"type\": \"string\", \"minLength\": 2 }, { \"type\": \"integer\", \"minimum\": 0 },"
  "                            { \"type\": [\"integer\", \"string\"], \"maximum\": 2 } ] }"
  "  },"
  "  \"$defs\": {"
  "    \"item\": { \"type\": \"object\", \"required\": [\"name\"], \"additionalProperties\": false,"
  "                \"properties\": { \"name\": { \"type\": \"string\", \"pattern\": \"^[A-Z]\" },"
  "                                  \"n\": { \"type\": \"number\", \"minimum\": 0 } } }"
  "  }"
  "}";

static const char test_document[] =
  "{ \"id\": \"0123abcd\", \"kind\": \"a\", \"version\": 2, \"title\": \"数控技术\", \"size\": 10, \"ratio\": 0.5,"
  "  \"flag\": true, \"tags\": [\"x\", \"课程\"], \"items\": [{ \"name\": \"A\", \"n\": 1 }, { \"name\": \"Bz\" }],"
  "  \"extra\": { \"p\": 1, \"q\": -2 }, \"shape\": 3 }";

/* A contribution's manifest of format 2: records with base versions. */
static const char manifest_document[] =
  "{\"format\":\"reslib-package\",\"format_version\":2,\"kind\":\"contribution\",\"bag\":\"reslib-contribution-0d8c1c2e-202311"
  "14\",\"project\":{\"id\":\"0d8c1c2e-0000-4000-8000-000000000000\",\"name\":\"x\",\"level\":\"higher\",\"start_date\":\"2025-09-0"
  "1\",\"end_date\":null,\"industry_chain\":null,\"description\":null,\"contact_name\":null,\"contact_phone\":null,\"contact_"
  "email\":null,\"baseline_date\":null,\"baseline_count\":3,\"created_at\":\"2023-11-14T22:13:20Z\",\"updated_at\":\"2023-11-"
  "14T22:13:20.123456Z\",\"base_versions\":[\"bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb\"]},\"ma"
  "jors\":[],\"units\":[],\"members\":[],\"courses\":[{\"id\":\"0d8c1c2e-0000-4000-8000-000000000010\",\"project_id\":\"0d8c1c2"
  "e-0000-4000-8000-000000000000\",\"title\":\"c\",\"kind\":\"standardized\",\"position\":0,\"created_at\":\"2023-11-14T22:13:20Z"
  "\",\"updated_at\":\"2023-11-14T22:13:20Z\"}],\"nodes\":[{\"id\":\"0d8c1c2e-0000-4000-8000-000000000011\",\"project_id\":\"0d"
  "8c1c2e-0000-4000-8000-000000000000\",\"course_id\":\"0d8c1c2e-0000-4000-8000-000000000010\",\"parent_id\":null,\"kind\""
  ":\"module\",\"title\":\"m\",\"position\":0,\"created_at\":\"2023-11-14T22:13:20Z\",\"updated_at\":\"2023-11-14T22:13:20Z\"}],\""
  "resources\":[{\"id\":\"0d8c1c2e-0000-4000-8000-000000000020\",\"project_id\":\"0d8c1c2e-0000-4000-8000-000000000000\",\""
  "blob_sha256\":\"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\",\"file_name\":\"a.txt\",\"title\":\"t"
  "\",\"description\":\"\\u4f60\\ud83d\\ude00\",\"type\":\"text\",\"unit_id\":null,\"origin\":\"original\",\"license\":null,\"license_"
  "holder\":null,\"audience\":null,\"language\":\"zh-CN\",\"state\":\"draft\",\"review_note\":null,\"reviewer\":null,\"reviewed_a"
  "t\":null,\"created_at\":\"2023-11-14T22:13:20Z\",\"updated_at\":\"2023-11-14T22:13:20Z\",\"authors\":[\"a\"],\"keywords\":[],"
  "\"nodes\":[\"0d8c1c2e-0000-4000-8000-000000000011\"],\"size\":5,\"mime_type\":\"text/plain\",\"base_versions\":[\"aaaaaaaaa"
  "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\",\"0123456789abcdef0123456789abcdef0123456789abcdef0123"
  "456789abcdef\"]}],\"budget_lines\":[],\"milestones\":[],\"declarations\":[],\"files\":[{\"resource_id\":\"0d8c1c2e-0000-40"
  "00-8000-000000000020\",\"path\":\"data/resources/0d8c1c2e-0000-4000-8000-000000000020/a.txt\",\"sha256\":\"aaaaaaaaaaa"
  "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\",\"size\":5}]}";

/* What a value may be replaced by: every JSON type, numbers around the bounds, texts that match or
 * miss the patterns; no integral number written with a fraction, no text ending in a newline. */
static const char * const replacements[] = {
  "null", "true", "false", "0", "1", "-1", "2", "3", "1000", "1001", "-2", "4294967297", "0.5", "-1.75",
  "1.25", "2.5", "\"\"", "\"a\"", "\"b\"", "\"A\"", "\"ab\"", "\"Zed\"", "\"0123abcd\"", "\"0123abcz\"",
  "\"0123abcd0\"", "\"中文\"", "\"x-y\"", "\"error\"", "\"warning\"", "\"henan-2024\"", "\"2026-01-31\"",
  "[]", "[\"x\"]", "[1]", "[null]", "{}", "{\"name\": \"A\"}", "{\"name\": \"a\"}", "{\"p\": 1}",
};

static JsonNode *
parse (const char *text)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);

  return json_node_copy (json_parser_get_root (parser));
}

/* json_node_copy () shares the objects and arrays inside: this copies them too. */
static JsonNode *
deep_copy (JsonNode *node)
{
  g_autofree char *text = json_to_string (node, FALSE);

  return parse (text);
}

static JsonNode *
resource_json (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = g_resources_lookup_data (path, G_RESOURCE_LOOKUP_FLAGS_NONE, &error);
  g_autofree char *text = NULL;

  g_assert_no_error (error);
  text = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));

  return parse (text);
}

/* Every object member and array item below @node, each as the container and where in it. */
typedef struct
{
  JsonNode   *container;
  const char *member;     /* NULL for an array item */
  guint       index;
} Place;

static void
collect_places (JsonNode *node,
                GArray   *places)
{
  if (JSON_NODE_HOLDS_OBJECT (node))
    {
      g_autoptr(GList) members = json_object_get_members (json_node_get_object (node));

      for (GList *l = members; l != NULL; l = l->next)
        {
          Place place = { node, l->data, 0 };

          g_array_append_val (places, place);
          collect_places (json_object_get_member (json_node_get_object (node), l->data), places);
        }
    }
  else if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          Place place = { node, NULL, i };

          g_array_append_val (places, place);
          collect_places (json_array_get_element (array, i), places);
        }
    }
}

/* One random change to @doc. */
static void
mutate (JsonNode *doc,
        GRand    *rand)
{
  g_autoptr(GArray) places = g_array_new (FALSE, FALSE, sizeof (Place));
  Place *place;
  guint op = (guint) g_rand_int_range (rand, 0, 5);

  collect_places (doc, places);
  if (places->len == 0)
    return;
  place = &g_array_index (places, Place, g_rand_int_range (rand, 0, (gint32) places->len));

  if (place->member != NULL)
    {
      JsonObject *object = json_node_get_object (place->container);

      switch (op)
        {
        case 0:
          json_object_remove_member (object, place->member);
          break;
        case 1:
          json_object_set_member (object, g_rand_boolean (rand) ? "zz_unknown" : "n",
                                  parse (replacements[g_rand_int_range (rand, 0, G_N_ELEMENTS (replacements))]));
          break;
        default:
          json_object_set_member (object, place->member,
                                  parse (replacements[g_rand_int_range (rand, 0, G_N_ELEMENTS (replacements))]));
          break;
        }
    }
  else
    {
      JsonArray *array = json_node_get_array (place->container);
      JsonNode *element = json_array_get_element (array, place->index);

      switch (op)
        {
        case 0:
          json_array_remove_element (array, place->index);
          break;
        case 1:
          json_array_add_element (array, deep_copy (element));
          break;
        default:
          /* JsonArray cannot replace an item: rebuild the array with the new one in its place. */
          {
            JsonArray *rebuilt = json_array_new ();

            for (guint i = 0; i < json_array_get_length (array); i++)
              json_array_add_element (rebuilt, i == place->index
                                      ? parse (replacements[g_rand_int_range (rand, 0, G_N_ELEMENTS (replacements))])
                                      : deep_copy (json_array_get_element (array, i)));
            json_node_take_array (place->container, rebuilt);
          }
          break;
        }
    }
}

typedef struct
{
  const char *name;
  JsonNode   *schema;
  GPtrArray  *documents;   /* JsonNode */
  GString    *ours;        /* '1' valid, '0' not, per document */
} Case;

static void
case_clear (Case *c)
{
  json_node_unref (c->schema);
  g_ptr_array_unref (c->documents);
  g_string_free (c->ours, TRUE);
}

/* The valid @document, then changed ones: one to three changes each. */
static void
make_case (Case       *c,
           const char *name,
           JsonNode   *schema,
           JsonNode   *document,
           guint32     seed)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);

  c->name = name;
  c->schema = schema;
  c->documents = g_ptr_array_new_with_free_func ((GDestroyNotify) json_node_unref);
  c->ours = g_string_new (NULL);
  g_ptr_array_add (c->documents, document);
  for (guint i = 1; i < DOCUMENTS_PER_SCHEMA; i++)
    {
      JsonNode *changed = deep_copy (document);

      for (gint n = g_rand_int_range (rand, 1, 4); n > 0; n--)
        mutate (changed, rand);
      g_ptr_array_add (c->documents, changed);
    }
  for (guint i = 0; i < c->documents->len; i++)
    {
      g_autoptr(GError) error = NULL;
      gboolean ok = reslib_json_schema_check (g_ptr_array_index (c->documents, i), json_node_get_object (schema),
                                              NULL, NULL, &error);

      g_assert_true (ok == (error == NULL));
      if (i == 0 && !ok)
        g_error ("%s: the unchanged document is not valid: %s", name, error->message);
      g_string_append_c (c->ours, ok ? '1' : '0');
    }
  /* The unchanged document is valid, and the changes made both valid and invalid ones. */
  {
    guint n_valid = 0;

    for (gsize i = 0; i < c->ours->len; i++)
      n_valid += c->ours->str[i] == '1';
    g_test_message ("%s: %u documents, %u of them valid", name, c->documents->len, n_valid);
    g_assert_cmpint (c->ours->str[0], ==, '1');
    g_assert_cmpuint (n_valid, >, 1);
    g_assert_cmpuint (n_valid, <, c->documents->len);
  }
}

/* python3-jsonschema's verdicts on the same texts, one line per case; NULL (and the test skipped)
 * when python3 or the module is missing. */
static char **
python_verdicts (Case  *cases,
                 guint  n_cases)
{
  g_autofree char *dir = reslib_test_make_tmp_dir ("json-schema-XXXXXX");
  g_autofree char *path = g_build_filename (dir, "cases.json", NULL);
  g_autofree char *python = g_find_program_in_path ("python3");
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  int status = 0;

  if (python == NULL)
    {
      g_test_skip ("python3 is not installed");
      return NULL;
    }
  json_builder_begin_array (builder);
  for (guint i = 0; i < n_cases; i++)
    {
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "schema");
      json_builder_add_value (builder, json_node_copy (cases[i].schema));
      json_builder_set_member_name (builder, "documents");
      json_builder_begin_array (builder);
      for (guint j = 0; j < cases[i].documents->len; j++)
        json_builder_add_value (builder, json_node_copy (g_ptr_array_index (cases[i].documents, j)));
      json_builder_end_array (builder);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  root = json_builder_get_root (builder);
  text = json_to_string (root, FALSE);
  g_assert_true (g_file_set_contents (path, text, -1, NULL));

  g_spawn_sync (NULL, (char *[]) { python, "-c", (char *) python_check, path, NULL }, NULL, G_SPAWN_DEFAULT, NULL,
                NULL, &out, &err, &status, &error);
  g_assert_no_error (error);
  reslib_test_rm_rf (dir);
  if (WIFEXITED (status) && WEXITSTATUS (status) == 77)
    {
      g_test_skip ("python3's jsonschema module is not installed (Debian: python3-jsonschema)");
      return NULL;
    }
  if (!g_spawn_check_wait_status (status, &error))
    g_error ("python3 failed: %s\n%s", error->message, err);

  return g_strsplit (g_strchomp (out), "\n", -1);
}

static void
test_same_verdicts (void)
{
  Case cases[3];
  g_auto(GStrv) theirs = NULL;

  make_case (&cases[0], "the test's schema", parse (test_schema), parse (test_document), 14);
  make_case (&cases[1], "profile.schema.json", resource_json ("/io/github/reslib/core/profiles/profile.schema.json"),
             resource_json ("/io/github/reslib/core/profiles/henan-2024.json"), 41);
  make_case (&cases[2], "manifest.schema.json", resource_json ("/io/github/reslib/core/schema/manifest.schema.json"),
             parse (manifest_document), 2);

  theirs = python_verdicts (cases, G_N_ELEMENTS (cases));
  if (theirs != NULL)
    {
      g_assert_cmpuint (g_strv_length (theirs), ==, G_N_ELEMENTS (cases));
      for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
        for (guint j = 0; j < cases[i].documents->len; j++)
          if (cases[i].ours->str[j] != theirs[i][j])
            {
              g_autofree char *doc = json_to_string (g_ptr_array_index (cases[i].documents, j), FALSE);

              g_error ("%s, document %u: we say %s, jsonschema says %s:\n%s", cases[i].name, j,
                       cases[i].ours->str[j] == '1' ? "valid" : "invalid", theirs[i][j] == '1' ? "valid" : "invalid",
                       doc);
            }
    }
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    case_clear (&cases[i]);
}

/* The differences on purpose: stricter than JSON Schema, never looser. */
static void
test_stricter_on_purpose (void)
{
  g_autoptr(JsonNode) schema = parse ("{\"properties\": {\"id\": {\"type\": \"string\", \"pattern\": \"^[0-9a-f]{8}$\"},"
                                      "\"n\": {\"type\": \"integer\"}}}");
  g_autoptr(JsonNode) newline = parse ("{\"id\": \"0123abcd\\n\"}");
  g_autoptr(JsonNode) fraction = parse ("{\"n\": 2.0}");
  g_autoptr(JsonNode) plain = parse ("{\"id\": \"0123abcd\", \"n\": 2}");
  g_autoptr(GError) error = NULL;

  g_assert_false (reslib_json_schema_check (newline, json_node_get_object (schema), NULL, NULL, &error));
  g_assert_error (error, RESLIB_ERROR, RESLIB_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (reslib_json_schema_check (fraction, json_node_get_object (schema), NULL, NULL, &error));
  g_assert_error (error, RESLIB_ERROR, RESLIB_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_true (reslib_json_schema_check (plain, json_node_get_object (schema), NULL, NULL, &error));
  g_assert_no_error (error);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  reslib_core_init ();

  g_test_add_func ("/json-schema/same-verdicts-as-python-jsonschema", test_same_verdicts);
  g_test_add_func ("/json-schema/stricter-on-purpose", test_stricter_on_purpose);

  return g_test_run ();
}
