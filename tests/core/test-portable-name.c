/* test-portable-name.c — the one rule for payload names, and bags made of names that need it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <locale.h>
#include <string.h>

#include "reslib-package.h"
#include "reslib-package-private.h"
#include "reslib-portable-name.h"
#include "reslib-test-utils.h"

static void
assert_name (const char *name,
             const char *expected)
{
  g_autofree char *portable = reslib_portable_name (name);

  g_assert_cmpstr (portable, ==, expected);
  g_assert_true (reslib_portable_name_is_portable (portable));
}

static void
test_rule (void)
{
  /* Names that need nothing stay as they are. */
  assert_name ("第一章 讲义.txt", "第一章 讲义.txt");
  assert_name ("lathe demo.bin", "lathe demo.bin");
  assert_name (".hidden", ".hidden");
  assert_name ("a (1) [v2] {x} +y=z, ~w; @$!.txt", "a (1) [v2] {x} +y=z, ~w; @$!.txt");
  assert_name ("CONSOLE.txt", "CONSOLE.txt");
  assert_name ("COM10.txt", "COM10.txt");
  assert_name ("NULL", "NULL");

  /* What validators, Windows, Moodle or an href cannot take. */
  assert_name ("讲解音频 100%.mp3", "讲解音频 100_.mp3");
  assert_name ("a:b?c*d<e>f|g\"h\\i/j.txt", "a_b_c_d_e_f_g_h_i_j.txt");
  assert_name ("Tom & Jerry's `x`.doc", "Tom _ Jerry_s _x_.doc");
  assert_name ("page#2.html", "page_2.html");
  assert_name ("line\nbreak\r.txt", "line_break_.txt");
  assert_name ("tab\there\x7f\xc2\x85.txt", "tab_here__.txt");   /* C0, DEL and C1 controls */

  /* Trailing dots and spaces; nothing left. */
  assert_name ("trailing. . ", "trailing");
  assert_name ("", "file");
  assert_name (NULL, "file");
  assert_name (".", "file");
  assert_name ("..", "file");
  assert_name ("...", "file");
  assert_name ("%", "_");

  /* Windows device names, with any extension, in any case. */
  assert_name ("CON", "_CON");
  assert_name ("con.txt", "_con.txt");
  assert_name ("Com1.tar.gz", "_Com1.tar.gz");
  assert_name ("LPT9 .txt", "_LPT9 .txt");
  assert_name ("aux.", "_aux");
  assert_name ("nul.mp4", "_nul.mp4");
  assert_name ("prn", "_prn");
  assert_name ("lpt\xc2\xb9.txt", "_lpt\xc2\xb9.txt");
  assert_name ("CONIN$", "_CONIN$");

  /* UTF-8 in NFC; bytes that are not UTF-8 replaced. */
  assert_name ("cafe\xcc\x81.txt", "caf\xc3\xa9.txt");
  assert_name ("\xff.txt", "\xef\xbf\xbd.txt");
}

static void
test_shorten (void)
{
  g_autoptr(GString) long_name = g_string_new (NULL);
  g_autoptr(GString) indic = g_string_new (NULL);
  g_autoptr(GString) expected = g_string_new (NULL);
  g_autofree char *portable = NULL;

  /* 240 bytes: 78 Chinese characters and "12.png". */
  for (guint i = 0; i < 78; i++)
    g_string_append (long_name, "长");
  g_string_append (long_name, "12.png");
  g_assert_cmpuint (long_name->len, ==, 240);
  portable = reslib_portable_name (long_name->str);
  g_assert_cmpuint (strlen (portable), <=, RESLIB_PORTABLE_NAME_MAX_BYTES);
  g_assert_cmpuint (strlen (portable), >, RESLIB_PORTABLE_NAME_MAX_BYTES - 3);
  g_assert_true (g_utf8_validate (portable, -1, NULL));
  g_assert_true (g_str_has_suffix (portable, ".png"));
  g_assert_true (strncmp (portable, long_name->str, strlen (portable) - 4) == 0);
  g_clear_pointer (&portable, g_free);

  /* A cut never separates a character from the mark that follows it: "कि" is two characters. */
  for (guint i = 0; i < 70; i++)
    g_string_append (indic, "\xe0\xa4\x95\xe0\xa4\xbf");
  g_string_append (indic, ".txt");
  for (guint i = 0; i < 32; i++)
    g_string_append (expected, "\xe0\xa4\x95\xe0\xa4\xbf");
  g_string_append (expected, ".txt");
  assert_name (indic->str, expected->str);

  /* No extension to keep when what follows the last dot is long or has spaces. */
  g_string_assign (long_name, "");
  for (guint i = 0; i < 250; i++)
    g_string_append_c (long_name, 'a');
  g_string_append (long_name, ".averyveryverylongextension");
  portable = reslib_portable_name (long_name->str);
  g_assert_cmpuint (strlen (portable), ==, RESLIB_PORTABLE_NAME_MAX_BYTES);
  g_assert_true (strspn (portable, "a") == RESLIB_PORTABLE_NAME_MAX_BYTES);
  g_clear_pointer (&portable, g_free);

  /* The cut leaves no trailing dot or space. */
  g_string_assign (long_name, "");
  for (guint i = 0; i < 195; i++)
    g_string_append_c (long_name, 'b');
  g_string_append (long_name, "  . . xx.doc.mp4");
  portable = reslib_portable_name (long_name->str);
  g_assert_true (g_str_has_suffix (portable, "b.mp4"));
}

static void
test_name_set (void)
{
  g_autoptr(ReslibNameSet) set = reslib_name_set_new ();
  g_autoptr(GString) long_name = g_string_new (NULL);
  const char *expected[] = { "名.mp4", "名 (2).mp4", "名 (3).MP4", "名 (2) (2).mp4", "名_.mp4", "名_ (2).mp4",
                             "_CON.txt", "_con (2).txt" };
  const char *names[] = { "名.mp4", "名.mp4", "名.MP4", "名 (2).mp4", "名?.mp4", "名:.mp4", "CON.txt", "con.txt" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *got = reslib_name_set_add (set, names[i]);

      g_assert_cmpstr (got, ==, expected[i]);
    }

  /* A long name told apart keeps its extension and its bound. */
  for (guint i = 0; i < 80; i++)
    g_string_append (long_name, "长");
  g_string_append (long_name, ".png");
  {
    g_autofree char *first = reslib_name_set_add (set, long_name->str);
    g_autofree char *second = reslib_name_set_add (set, long_name->str);

    g_assert_true (g_str_has_suffix (first, "长.png"));
    g_assert_true (g_str_has_suffix (second, "长 (2).png"));
    g_assert_cmpuint (strlen (second), <=, RESLIB_PORTABLE_NAME_MAX_BYTES);
  }
}

/* ---------------------------------------------------------------------------------------------- */
/* A bag made of files whose names need the rule                                                  */

/* What a validator does with an extracted bag, by RFC 8493 (MODE "rfc": %25, %0A and %0D decoded in
 * manifest paths) or by the lookup of bagit-python and bagit-java (MODE "common": only %0A and %0D
 * decoded, as their documentation and bagit-python issue 157 say): every line names a file that exists
 * with that digest, every payload file is listed once, Payload-Oxum agrees. Then every name in data/
 * is one Windows extracts and Moodle keeps. Prints the problems; exits 1 on any. */
static const char validator_py[] =
  "import hashlib, os, re, sys, unicodedata\n"
  "bag, mode = sys.argv[1], sys.argv[2]\n"
  "problems = []\n"
  "def decode(p):\n"
  "    p = re.sub('%0[Aa]', '\\n', p)\n"
  "    p = re.sub('%0[Dd]', '\\r', p)\n"
  "    if mode == 'rfc':\n"
  "        p = p.replace('%25', '%')\n"
  "    return p\n"
  "def check(manifest, payload):\n"
  "    listed = set()\n"
  "    with open(os.path.join(bag, manifest), 'rb') as f:\n"
  "        for raw in f.read().decode('utf-8').splitlines():\n"
  "            digest, path = re.split('[ \\t]+', raw, maxsplit=1)\n"
  "            path = decode(path)\n"
  "            if path.startswith('/') or '..' in path.split('/'):\n"
  "                problems.append('unsafe path ' + path)\n"
  "                continue\n"
  "            if payload and not path.startswith('data/'):\n"
  "                problems.append('not in data/: ' + path)\n"
  "            full = os.path.join(bag, path)\n"
  "            if not os.path.isfile(full):\n"
  "                problems.append('missing: ' + path)\n"
  "                continue\n"
  "            with open(full, 'rb') as g:\n"
  "                if hashlib.sha256(g.read()).hexdigest() != digest.lower():\n"
  "                    problems.append('digest differs: ' + path)\n"
  "            if path in listed:\n"
  "                problems.append('listed twice: ' + path)\n"
  "            listed.add(unicodedata.normalize('NFC', path))\n"
  "    return listed\n"
  "with open(os.path.join(bag, 'bagit.txt'), 'rb') as f:\n"
  "    if f.read() != b'BagIt-Version: 1.0\\nTag-File-Character-Encoding: UTF-8\\n':\n"
  "        problems.append('bagit.txt')\n"
  "listed = check('manifest-sha256.txt', True)\n"
  "check('tagmanifest-sha256.txt', False)\n"
  "octets = streams = 0\n"
  "for top, dirs, files in os.walk(os.path.join(bag, 'data')):\n"
  "    for name in dirs + files:\n"
  "        bad = [c for c in name if c in '%<>:\"/\\\\|?*&\\'`#' or unicodedata.category(c) == 'Cc']\n"
  "        stem = name.split('.')[0].rstrip(' ').lower()\n"
  "        if bad or name[-1] in '. ' or len(name.encode()) > 255 or unicodedata.normalize('NFC', name) != name \\\n"
  "           or stem in ('con', 'prn', 'aux', 'nul') or re.fullmatch('(com|lpt)[0-9\\u00b9\\u00b2\\u00b3]', stem):\n"
  "            problems.append('not portable: ' + name)\n"
  "    for name in files:\n"
  "        full = os.path.join(top, name)\n"
  "        rel = os.path.relpath(full, bag)\n"
  "        octets += os.path.getsize(full)\n"
  "        streams += 1\n"
  "        if unicodedata.normalize('NFC', rel) not in listed:\n"
  "            problems.append('not listed: ' + rel)\n"
  "with open(os.path.join(bag, 'bag-info.txt'), encoding='utf-8') as f:\n"
  "    if 'Payload-Oxum: %d.%d\\n' % (octets, streams) not in f.read():\n"
  "        problems.append('Payload-Oxum')\n"
  "for p in problems:\n"
  "    print(p)\n"
  "sys.exit(1 if problems else 0)\n";

static int
run (const char * const *argv,
     const char         *cwd,
     char              **out)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *err = NULL;
  int status = 0;

  g_spawn_sync (cwd, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, out, &err, &status, &error);
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    g_printerr ("%s: %s\n", argv[0], err);

  return g_spawn_check_wait_status (status, NULL) ? 0 : 1;
}

static char *
long_name (void)
{
  GString *name = g_string_new (NULL);

  /* 240 bytes: 78 Chinese characters and "12.png". */
  for (guint i = 0; i < 78; i++)
    g_string_append (name, "图");
  g_string_append (name, "12.png");
  g_assert_cmpuint (name->len, ==, 240);

  return g_string_free (name, FALSE);
}

static void
test_bag (void)
{
  g_autofree char *dir = reslib_test_make_tmp_dir ("reslib-names-XXXXXX");
  g_autofree char *data_dir = g_build_filename (dir, "data", NULL);
  g_autofree char *files = g_build_filename (dir, "files", NULL);
  g_autofree char *extract = g_build_filename (dir, "extract", NULL);
  g_autofree char *tar = g_build_filename (dir, "names.tar", NULL);
  g_autofree char *validator = g_build_filename (dir, "validate.py", NULL);
  g_autofree char *big = long_name ();
  g_autoptr(ReslibStore) store = reslib_test_open_store (data_dir);
  g_autofree char *project = reslib_test_new_project (store, "名字测试");
  g_autoptr(ReslibImporter) importer = reslib_importer_new (store, project);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(JsonNode) info = NULL;
  g_autofree char *bag_dir = NULL;
  g_autofree char *found = NULL;
  const char *names[] = { "讲解音频 100%.mp3", "two  spaces .txt", "\"quoted\" 'single'.txt", "Q&A.pdf",
                          "时间 10:30.docx", "why?.txt", "CON.txt", "第一章 讲义.txt", big };

  if (g_find_program_in_path ("bsdtar") == NULL || g_find_program_in_path ("python3") == NULL)
    {
      g_test_skip ("bsdtar and python3 are needed");
      reslib_test_rm_rf (dir);
      return;
    }
  g_mkdir (files, 0700);
  g_mkdir (extract, 0700);
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *contents = g_strdup_printf ("file %u: %s\n", i, names[i]);
      g_autofree char *path = reslib_test_write_file (files, names[i], contents, -1);
      g_autoptr(GFile) file = g_file_new_for_path (path);

      reslib_importer_add_file (importer, file);
    }
  g_assert_true (reslib_job_run (RESLIB_JOB (importer), NULL, &error));
  g_assert_no_error (error);

  reslib_test_approve_all (store, project);
  g_assert_true (reslib_test_pack (store, project, "progress", NULL, tar, NULL, &error));
  g_assert_no_error (error);

  /* Our verifier. */
  g_assert_true (reslib_package_verify (tar, &problems, &info, NULL, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < problems->len; i++)
    g_printerr ("problem: %s\n", (char *) g_ptr_array_index (problems, i));
  g_assert_cmpuint (problems->len, ==, 0);

  /* Extracted: RFC 8493's rules, the common validators' lookup, sha256sum. */
  g_assert_cmpint (run ((const char * const[]) { "bsdtar", "-xf", tar, "-C", extract, NULL }, NULL, NULL), ==, 0);
  {
    g_autoptr(GDir) d = g_dir_open (extract, 0, NULL);

    bag_dir = g_build_filename (extract, g_dir_read_name (d), NULL);
  }
  g_assert_true (g_file_set_contents (validator, validator_py, -1, NULL));
  g_assert_cmpint (run ((const char * const[]) { "python3", validator, bag_dir, "rfc", NULL }, NULL, NULL), ==, 0);
  g_assert_cmpint (run ((const char * const[]) { "python3", validator, bag_dir, "common", NULL }, NULL, NULL), ==, 0);
  g_assert_cmpint (run ((const char * const[]) { "sha256sum", "-c", "--strict", "--quiet", "manifest-sha256.txt", NULL },
                        bag_dir, NULL), ==, 0);

  /* The names in the bag: changed only where they had to, the long one shortened with its extension. */
  g_assert_cmpint (run ((const char * const[]) { "find", "data/resources", "-type", "f", "-printf", "%f\\n", NULL },
                        bag_dir, &found), ==, 0);
  g_assert_nonnull (strstr (found, "讲解音频 100_.mp3\n"));
  g_assert_nonnull (strstr (found, "two  spaces .txt\n"));
  g_assert_nonnull (strstr (found, "_quoted_ _single_.txt\n"));
  g_assert_nonnull (strstr (found, "Q_A.pdf\n"));
  g_assert_nonnull (strstr (found, "时间 10_30.docx\n"));
  g_assert_nonnull (strstr (found, "why_.txt\n"));
  g_assert_nonnull (strstr (found, "_CON.txt\n"));
  g_assert_nonnull (strstr (found, "第一章 讲义.txt\n"));
  {
    g_auto(GStrv) lines = g_strsplit (found, "\n", -1);
    gboolean seen = FALSE;

    for (guint i = 0; lines[i] != NULL; i++)
      if (g_str_has_prefix (lines[i], "图图图"))
        {
          g_assert_true (g_str_has_suffix (lines[i], "图.png"));
          g_assert_cmpuint (strlen (lines[i]), <=, RESLIB_PORTABLE_NAME_MAX_BYTES);
          seen = TRUE;
        }
    g_assert_true (seen);
  }

  /* The original names stay in manifest.json. */
  {
    g_autofree char *manifest_path = g_build_filename (bag_dir, "data", "manifest.json", NULL);
    g_autofree char *manifest = NULL;

    g_assert_true (g_file_get_contents (manifest_path, &manifest, NULL, NULL));
    g_assert_nonnull (strstr (manifest, "\"讲解音频 100%.mp3\""));
    g_assert_nonnull (strstr (manifest, "\"时间 10:30.docx\""));
    g_assert_nonnull (strstr (manifest, big));
  }

  reslib_test_rm_rf (dir);
}

/* The name verify compares case-blind (_reslib_bag_fold_name()) is the NFC of the name, case folded,
 * whether it is made the quick way (ASCII and CJK ideographs) or by normalizing. */
static void
test_fold (void)
{
  static const char * const names[] = {
    "data/resources/ABC/课件-000001.TXT", "Readme", "", "É.txt", "E\xcc\x81.txt", "\xe2\x84\xaa-kelvin",
    "\xef\xbc\xa1-fullwidth", "\xe4\xb7\xbf-before-the-block", "\xea\x80\x80-after-the-block",
    "\xe9\xbf\xbf-last", "\xe4\xb8\x80-first", "か\xe3\x82\x99", "\xef\xa4\x80-compatibility",
    "Stra\xc3\x9f" "e", "\xe4\xb8", "ab\xe4",
  };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *nfc = g_utf8_normalize (names[i], -1, G_NORMALIZE_NFC);
      g_autofree char *expected = g_utf8_casefold (nfc != NULL ? nfc : names[i], -1);
      g_autofree char *folded = _reslib_bag_fold_name (names[i]);

      g_assert_cmpstr (folded, ==, expected);
    }
  /* Every ideograph of the block, with capitals around it. */
  for (gunichar c = 0x4e00; c <= 0x9fff; c++)
    {
      char utf8[8] = { 0 };
      g_autofree char *name = NULL;
      g_autofree char *nfc = NULL;
      g_autofree char *expected = NULL;
      g_autofree char *folded = NULL;

      g_unichar_to_utf8 (c, utf8);
      name = g_strconcat ("Data/", utf8, "-X.PNG", NULL);
      nfc = g_utf8_normalize (name, -1, G_NORMALIZE_NFC);
      expected = g_utf8_casefold (nfc, -1);
      folded = _reslib_bag_fold_name (name);
      g_assert_cmpstr (folded, ==, expected);
    }
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/portable-name/rule", test_rule);
  g_test_add_func ("/portable-name/shorten", test_shorten);
  g_test_add_func ("/portable-name/name-set", test_name_set);
  g_test_add_func ("/portable-name/bag", test_bag);
  g_test_add_func ("/portable-name/fold", test_fold);

  return g_test_run ();
}
