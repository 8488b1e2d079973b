/* test-json-reader.c — the strict streaming JSON reader that reads packages
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <locale.h>
#include <string.h>

#include "reslib-json-reader.h"
#include "reslib-package-manifest.h"
#include "reslib-test-utils.h"

typedef struct
{
  const char *text;
  gsize       len;
  gsize       pos;
  gsize       step;
} Chunks;

/* Hands the text over @step bytes at a time, so every token crosses block boundaries. */
static gssize
read_chunks (gpointer   user_data,
             guint8    *buffer,
             gsize      size,
             GError   **error)
{
  Chunks *c = user_data;
  gsize n = MIN (MIN (size, c->step), c->len - c->pos);

  memcpy (buffer, c->text + c->pos, n);
  c->pos += n;

  return (gssize) n;
}

/* Reads @text whole as one value; returns it as JSON text, or NULL with @error. */
static char *
read_all (const char  *text,
          gsize        len,
          gsize        step,
          GError     **error)
{
  Chunks c = { text, len, 0, step };
  g_autoptr(ReslibJsonReader) reader = step > 0 ? reslib_json_reader_new (read_chunks, &c)
                                                : reslib_json_reader_new_for_data (text, len);
  g_autoptr(JsonNode) node = NULL;
  ReslibJsonToken token;

  if (!reslib_json_reader_next (reader, &token, error))
    return NULL;
  node = reslib_json_reader_read_node (reader, token, 100000, 10 << 20, error);
  if (node == NULL || !reslib_json_reader_next (reader, &token, error))
    return NULL;
  g_assert_cmpint (token, ==, RESLIB_JSON_END);

  return json_to_string (node, FALSE);
}

static void
test_valid (void)
{
  static const char * const cases[][2] = {
    { "{}", "{}" },
    { " [ ] ", "[]" },
    { "{\"a\":[1,-2,3.5,1e2,true,false,null],\"b\":{\"c\":\"d\"}}",
      "{\"a\":[1,-2,3.5,100.0,true,false,null],\"b\":{\"c\":\"d\"}}" },
    { "\"\\u4f60\\u597d \\ud83d\\ude00 \\\" \\\\ \\/ \\b\\f\\n\\r\\t\"",
      "\"你好 😀 \\\" \\\\ / \\b\\f\\n\\r\\t\"" },
    { "\"资源库\"", "\"资源库\"" },
    { "9223372036854775807", "9223372036854775807" },
    { "-0", "0" },
    { "0.25e1", "2.5" },
    { "\r\n\t 7 \r\n", "7" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    for (gsize step = 0; step <= 3; step += 3)
      {
        g_autoptr(GError) error = NULL;
        g_autofree char *out = read_all (cases[i][0], strlen (cases[i][0]), step == 0 ? 0 : 1, &error);

        g_assert_no_error (error);
        g_assert_cmpstr (out, ==, cases[i][1]);
      }
}

static void
test_invalid (void)
{
  static const struct
  {
    const char *text;
    gsize       len;      /* 0: strlen */
    const char *expect;   /* a piece of the message */
  } cases[] = {
    { "", 0, "ends" },
    { "{'a': 1}", 0, "“'”" },
    { "{\"a\": 'b'}", 0, "“'”" },
    { "/* c */ {}", 0, "“/”" },
    { "{} // c", 0, "end of the text" },
    { "[1,]", 0, "“]”" },
    { "{\"a\":1,}", 0, "“}”" },
    { "{\"a\":1 \"b\":2}", 0, "“,” or “}”" },
    { "{\"a\":1,\"a\":2}", 0, "given twice" },
    { "[01]", 0, "not a JSON number" },
    { "[1.]", 0, "not a JSON number" },
    { "[.5]", 0, "“.”" },
    { "[+1]", 0, "“+”" },
    { "[NaN]", 0, "“N”" },
    { "[Infinity]", 0, "“I”" },
    { "[1e999]", 0, "too large" },
    { "[9223372036854775808]", 0, "too large" },
    { "[tru]", 0, "did you mean “true”" },
    { "\"a\nb\"", 0, "control character" },
    { "\"\\x41\"", 0, "escape" },
    { "\"\\ud800\"", 0, "surrogate" },
    { "\"\\udc00\"", 0, "surrogate" },
    { "\"\\ud800\\u0041\"", 0, "surrogate" },
    { "\"\\u0000\"", 0, "NUL" },
    { "\"\xff\"", 0, "UTF-8" },
    { "\"\xc0\xaf\"", 0, "UTF-8" },
    { "\"\xed\xa0\x80\"", 0, "UTF-8" },
    { "\xef\xbb\xbf{}", 0, "byte-order mark" },
    { "{}{}", 0, "end of the text" },
    { "[1 2]", 0, "“,” or “]”" },
    { "{\"a\" 1}", 0, "“:”" },
    { "{1:2}", 0, "member name" },
    { "\"abc", 0, "not closed" },
    { "[\"a\0b\"]", 7, "control character" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    for (gsize step = 0; step <= 1; step++)
      {
        g_autoptr(GError) error = NULL;
        g_autofree char *out = read_all (cases[i].text, cases[i].len ? cases[i].len : strlen (cases[i].text), step, &error);

        g_assert_null (out);
        g_assert_error (error, RESLIB_ERROR, RESLIB_ERROR_BAD_FILE);
        if (strstr (error->message, cases[i].expect) == NULL)
          g_error ("case %u (%s): “%s” does not mention “%s”", i, cases[i].text, error->message, cases[i].expect);
      }
}

static void
test_limits (void)
{
  g_autoptr(GString) deep = g_string_new (NULL);
  g_autoptr(GString) wide = g_string_new ("[");
  g_autoptr(GString) long_text = g_string_new ("\"");
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;

  for (guint i = 0; i < RESLIB_JSON_MAX_DEPTH + 1; i++)
    g_string_append_c (deep, '[');
  out = read_all (deep->str, deep->len, 0, &error);
  g_assert_error (error, RESLIB_ERROR, RESLIB_ERROR_BAD_FILE);
  g_assert_nonnull (strstr (error->message, "nested"));
  g_clear_error (&error);

  for (guint i = 0; i < 200; i++)
    g_string_append (wide, "1,");
  g_string_append (wide, "1]");
  {
    g_autoptr(ReslibJsonReader) reader = reslib_json_reader_new_for_data (wide->str, wide->len);
    g_autoptr(JsonNode) node = NULL;
    ReslibJsonToken token;

    g_assert_true (reslib_json_reader_next (reader, &token, &error));
    node = reslib_json_reader_read_node (reader, token, 100, 1 << 20, &error);
    g_assert_null (node);
    g_assert_error (error, RESLIB_ERROR, RESLIB_ERROR_BAD_FILE);
    g_assert_nonnull (strstr (error->message, "more than 100 values"));
    g_clear_error (&error);
  }

  while (long_text->len <= RESLIB_JSON_MAX_STRING + 1)
    g_string_append (long_text, "0123456789abcdef");
  g_string_append_c (long_text, '"');
  g_clear_pointer (&out, g_free);
  out = read_all (long_text->str, long_text->len, 0, &error);
  g_assert_error (error, RESLIB_ERROR, RESLIB_ERROR_BAD_FILE);
  g_assert_nonnull (strstr (error->message, "longer than"));
}

/* Where a problem is: its line and column. */
static void
test_position (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *out = read_all ("{\n  \"a\": [1,\n  2,, 3]}", strlen ("{\n  \"a\": [1,\n  2,, 3]}"), 1, &error);

  g_assert_error (error, RESLIB_ERROR, RESLIB_ERROR_BAD_FILE);
  g_assert_nonnull (strstr (error->message, "line 3, column 5"));
}

static void
test_ids_and_times (void)
{
  g_assert_true (_reslib_is_canonical_uuid ("0d8c1c2e-0000-4000-8000-00000000beef"));
  g_assert_false (_reslib_is_canonical_uuid ("0d8c1c2e-0000-4000-8000-00000000beef\n"));
  g_assert_false (_reslib_is_canonical_uuid ("0D8C1C2E-0000-4000-8000-00000000BEEF"));
  g_assert_false (_reslib_is_canonical_uuid ("0d8c1c2e00000-4000-8000-00000000beef"));
  g_assert_false (_reslib_is_canonical_uuid ("NOT-A-UUID"));
  g_assert_false (_reslib_is_canonical_uuid (""));

  g_assert_true (_reslib_is_iso8601_time ("2026-01-31T08:00:00Z"));
  g_assert_true (_reslib_is_iso8601_time ("2026-01-31T08:00:00.123456Z"));
  g_assert_false (_reslib_is_iso8601_time ("2026-01-31T08:00:00Z\n"));
  g_assert_false (_reslib_is_iso8601_time ("2026-02-30T08:00:00Z"));
  g_assert_false (_reslib_is_iso8601_time ("2026-01-31T25:00:00Z"));
  g_assert_false (_reslib_is_iso8601_time ("2026-01-31 08:00:00Z"));
  g_assert_false (_reslib_is_iso8601_time ("2026-01-31T08:00:00+08:00"));
  g_assert_false (_reslib_is_iso8601_time ("9999-99-99 soon"));
  g_assert_false (_reslib_is_iso8601_time ("0000-01-01T00:00:00Z"));
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);
  reslib_core_init ();

  g_test_add_func ("/json-reader/valid", test_valid);
  g_test_add_func ("/json-reader/invalid", test_invalid);
  g_test_add_func ("/json-reader/limits", test_limits);
  g_test_add_func ("/json-reader/position", test_position);
  g_test_add_func ("/json-reader/ids-and-times", test_ids_and_times);

  return g_test_run ();
}
