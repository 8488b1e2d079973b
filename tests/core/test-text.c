/* test-text.c — text from other people made safe to show, and lists as people type them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <locale.h>
#include <string.h>

#include "reslib-text.h"
#include "reslib-test-utils.h"

/* Control characters (C0, DEL, C1), the characters that reorder text and bytes that are not UTF-8 are
 * escaped; Chinese is left as it is. */
static void
test_escape (void)
{
  static const struct
  {
    const char *text;
    const char *shown;
  } cases[] = {
    { "plain 中文", "plain 中文" },
    { "evil\x1b]0;x\x07title", "evil\\x1b]0;x\\x07title" },
    { "a\r\nb\tc\x7f", "a\\x0d\\x0ab\\x09c\\x7f" },
    { "c1\xc2\x9b[31m \xe2\x80\xae" "abc", "c1\\u{009b}[31m \\u{202e}abc" },
    { "sep\xe2\x80\xa8par\xe2\x80\xa9", "sep\\u{2028}par\\u{2029}" },
    { "bad \xff\xfe end", "bad \\xff\\xfe end" },
    { "cut \xe4\xb8", "cut \\xe4\\xb8" },
  };
  g_autofree char *none = reslib_escape_text (NULL);
  g_autofree char *none_len = reslib_escape_text_len (NULL, 5, 10);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *shown = reslib_escape_text (cases[i].text);
      g_autofree char *same = reslib_escape_text_len (cases[i].text, -1, G_MAXUINT);

      g_assert_cmpstr (shown, ==, cases[i].shown);
      g_assert_cmpstr (same, ==, cases[i].shown);
    }
  g_assert_cmpstr (none, ==, "");
  g_assert_cmpstr (none_len, ==, "");
}

/* With a length: a NUL inside is escaped, nothing past the length is read, and the output stops at
 * max_chars characters (escapes counted as written) with "…" when something was left out. */
static void
test_escape_len (void)
{
  static const char body[] = "ok\0\x1b[2Jrest";
  g_autofree char *whole = reslib_escape_text_len (body, sizeof body - 1, G_MAXUINT);
  g_autofree char *prefix = reslib_escape_text_len (body, 2, G_MAXUINT);
  g_autofree char *cut = reslib_escape_text_len ("0123456789", -1, 4);
  g_autofree char *exact = reslib_escape_text_len ("0123", -1, 4);
  g_autofree char *escapes = reslib_escape_text_len ("\x1b\x1b\x1b", -1, 5);
  g_autofree char *chinese = reslib_escape_text_len ("一二三四五", -1, 3);
  g_autoptr(GString) long_text = g_string_new (NULL);
  g_autofree char *bounded = NULL;

  g_assert_cmpstr (whole, ==, "ok\\x00\\x1b[2Jrest");
  g_assert_cmpstr (prefix, ==, "ok");
  g_assert_cmpstr (cut, ==, "0123…");
  g_assert_cmpstr (exact, ==, "0123");
  /* Two escapes make 8 characters ≥ 5: the third is left out. */
  g_assert_cmpstr (escapes, ==, "\\x1b\\x1b…");
  g_assert_cmpstr (chinese, ==, "一二三…");

  for (guint i = 0; i < 10000; i++)
    g_string_append (long_text, "\x1b[5m0123456789");
  bounded = reslib_escape_text_len (long_text->str, (gssize) long_text->len, 160);
  g_assert_cmpuint (g_utf8_strlen (bounded, -1), <=, 160 + 4 + 1);
  g_assert_null (memchr (bounded, 0x1b, strlen (bounded)));
  g_assert_true (g_str_has_suffix (bounded, "…"));
}

/* A list splits at ",", the full-width "，" and the enumeration comma "、"; items are trimmed (of the
 * full-width space too) and blanks dropped. */
static void
test_split_list (void)
{
  static const struct
  {
    const char *text;
    const char *joined;          /* the items joined with "|" */
  } cases[] = {
    { "a, b,c", "a|b|c" },
    { "张三，李四、王五", "张三|李四|王五" },
    { " 张三 ， 李四 ,, 、 ", "张三|李四" },
    { "\xe3\x80\x80张三\xe3\x80\x80，\t李四\n", "张三|李四" },
    { "one", "one" },
    { "", "" },
    { " , ，、", "" },
    { "a b, c d", "a b|c d" },
    { "逗号在词中：一，二", "逗号在词中：一|二" },
    { "a; b；c、d", "a|b|c|d" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_auto(GStrv) items = reslib_split_list (cases[i].text);
      g_autofree char *joined = g_strjoinv ("|", items);

      g_assert_cmpstr (joined, ==, cases[i].joined);
    }
}

/* NULL is an empty list, and bytes that are not UTF-8 stay as they are for the caller to refuse (a
 * broken sequence never swallows the comma after it). */
static void
test_split_list_odd (void)
{
  g_auto(GStrv) none = reslib_split_list (NULL);
  g_auto(GStrv) broken = reslib_split_list ("\xe4\xb8,ok,\xff");

  g_assert_nonnull (none);
  g_assert_null (none[0]);
  g_assert_cmpuint (g_strv_length (broken), ==, 3);
  g_assert_cmpstr (broken[0], ==, "\xe4\xb8");
  g_assert_cmpstr (broken[1], ==, "ok");
  g_assert_cmpstr (broken[2], ==, "\xff");
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/text/escape", test_escape);
  g_test_add_func ("/text/escape-len", test_escape_len);
  g_test_add_func ("/text/split-list", test_split_list);
  g_test_add_func ("/text/split-list-odd", test_split_list_odd);

  return g_test_run ();
}
