/* test-record.c — records as JSON: the fast hand writer against json-glib's generator
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <locale.h>
#include <string.h>

#include "reslib-entity.h"
#include "reslib-record.h"
#include "reslib-test-utils.h"

/* A resource with @text as its title and as both of its authors, and the other fields empty but
 * one number: every kind of value the writers write. */
static ReslibRecord *
resource_with (const char *text)
{
  const ReslibEntity *entity = reslib_entity_get (RESLIB_KIND_RESOURCE);
  ReslibRecord *record = _reslib_record_new (RESLIB_KIND_RESOURCE);
  char **authors = g_new0 (char *, 3);

  authors[0] = g_strdup (text);
  authors[1] = g_strconcat ("«", text, "»", NULL);
  _reslib_record_take_value (record, (guint) reslib_entity_field_index (entity, "id"), g_strdup ("r1"));
  _reslib_record_take_value (record, (guint) reslib_entity_field_index (entity, "title"), g_strdup (text));
  _reslib_record_take_value (record, (guint) reslib_entity_field_index (entity, "size"), g_strdup ("-42"));
  _reslib_record_take_list (record, (guint) reslib_entity_field_index (entity, "authors"), authors);

  return record;
}

static char *
generator_text (ReslibRecord *record)
{
  g_autoptr(JsonNode) node = reslib_record_to_json (record);

  return json_to_string (node, FALSE);
}

/* The corpus: every C0 control, DEL and the C1 controls alone and between letters; quotes and
 * backslashes; CJK, characters outside the BMP, line separators and bidirectional controls;
 * invalid UTF-8 (a lone continuation byte, a cut sequence, an encoded surrogate, an overlong NUL). */
static GPtrArray *
corpus (void)
{
  GPtrArray *texts = g_ptr_array_new_with_free_func (g_free);
  static const char *fixed[] = {
    "", "plain", "\"quoted\" \\ back\\slash \\\"", "/slash/", "外圆车削 你好",
    "😀 \xf0\x9f\x98\x80\xf4\x8f\xbf\xbf", "a\xe2\x80\xa8" "b\xe2\x80\xa9" "c", "\xe2\x80\xae" "evil\xe2\x81\xa6",
    "\xd8\x9c", "\xef\xbb\xbf" "bom", "\xff", "a\xc3", "\xed\xa0\x80", "\xc0\x80", "\x80\x80", "\xc2\xa0",
  };

  for (guint i = 0; i < G_N_ELEMENTS (fixed); i++)
    g_ptr_array_add (texts, g_strdup (fixed[i]));
  for (gunichar c = 1; c < 0xa0; c++)
    {
      char utf8[8] = { 0 };

      if (c >= 0x20 && c < 0x7f && c != '"' && c != '\\')
        continue;
      g_unichar_to_utf8 (c, utf8);
      g_ptr_array_add (texts, g_strdup (utf8));
      g_ptr_array_add (texts, g_strconcat ("x", utf8, "y", utf8, utf8, NULL));
    }

  return texts;
}

/* reslib_record_append_json () writes what json-glib's generator writes for the same record, byte
 * for byte; json-glib 1.6 leaves U+001F as it is, which is not JSON: the hand writer escapes it. */
static void
test_json_same_as_generator (void)
{
  g_autoptr(GPtrArray) texts = corpus ();

  for (guint i = 0; i < texts->len; i++)
    {
      const char *text = g_ptr_array_index (texts, i);
      g_autoptr(ReslibRecord) record = resource_with (text);
      g_autoptr(GString) hand = g_string_new (NULL);
      g_autofree char *generated = generator_text (record);
      g_autoptr(GString) expected = g_string_new (generated);

      reslib_record_append_json (record, hand);
      if (strchr (text, 0x1f) != NULL && strchr (generated, 0x1f) != NULL)
        g_string_replace (expected, "\x1f", "\\u001f", 0);
      if (strcmp (hand->str, expected->str) != 0)
        g_error ("for “%s” (%u): the hand writer wrote\n%s\njson-glib\n%s", g_strescape (text, NULL), i, hand->str,
                 expected->str);
    }
}

/* What the hand writer writes reads back as the same record; for valid UTF-8 only, as the store holds. */
static void
test_json_reads_back (void)
{
  g_autoptr(GPtrArray) texts = corpus ();

  for (guint i = 0; i < texts->len; i++)
    {
      const char *text = g_ptr_array_index (texts, i);
      g_autoptr(ReslibRecord) record = NULL;
      g_autoptr(GString) hand = g_string_new (NULL);
      g_autoptr(JsonParser) parser = json_parser_new ();
      g_autoptr(GError) error = NULL;
      JsonObject *object;
      JsonArray *authors;

      /* An empty text is no value: it is written as null. */
      if (*text == '\0' || !g_utf8_validate (text, -1, NULL))
        continue;
      record = resource_with (text);
      reslib_record_append_json (record, hand);
      for (const char *p = hand->str; *p; p++)
        g_assert_true ((guchar) *p >= 0x20 && *p != 0x7f);
      json_parser_load_from_data (parser, hand->str, (gssize) hand->len, &error);
      g_assert_no_error (error);
      object = json_node_get_object (json_parser_get_root (parser));
      g_assert_cmpstr (json_object_get_string_member (object, "title"), ==, text);
      g_assert_cmpint (json_object_get_int_member (object, "size"), ==, -42);
      g_assert_true (json_object_get_null_member (object, "file_name"));
      authors = json_object_get_array_member (object, "authors");
      g_assert_cmpuint (json_array_get_length (authors), ==, 2);
      g_assert_cmpstr (json_array_get_string_element (authors, 0), ==, text);
    }
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);
  reslib_core_init ();

  g_test_add_func ("/record/json/same-as-generator", test_json_same_as_generator);
  g_test_add_func ("/record/json/reads-back", test_json_reads_back);

  return g_test_run ();
}
