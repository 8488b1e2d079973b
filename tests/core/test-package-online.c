/* test-package-online.c — online resources (a URL, no file) in packages: the bag carries the record and no
 * file, the IMS manifest points at the address, verify accepts the bag, import makes an online resource, and
 * hand-edited packages with a bad address, or with both or neither of a file and an address, are refused
 * with nothing imported
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <archive.h>
#include <archive_entry.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <locale.h>
#include <string.h>

#include "reslib-package.h"
#include "reslib-package-importer.h"
#include "reslib-package-manifest.h"
#include "reslib-store-conflicts.h"
#include "reslib-test-bag.h"
#include "reslib-test-utils.h"

#define ONLINE_URL "https://mooc.example.edu.cn/course/43"

typedef struct
{
  char        *dir;
  char        *files;
  char        *out;
  ReslibStore *a;           /* the lead's */
  ReslibStore *b;           /* a second library */
  char        *project;
  char        *res;         /* a resource with a file */
  char        *online;      /* an online resource */
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *a_dir = NULL;
  g_autofree char *b_dir = NULL;
  g_autofree char *path = NULL;
  g_autoptr(ReslibImporter) importer = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;

  f->dir = reslib_test_make_tmp_dir ("reslib-online-XXXXXX");
  a_dir = g_build_filename (f->dir, "a", NULL);
  b_dir = g_build_filename (f->dir, "b", NULL);
  f->files = g_build_filename (f->dir, "files", NULL);
  f->out = g_build_filename (f->dir, "out", NULL);
  g_mkdir (f->files, 0700);
  g_mkdir (f->out, 0700);
  f->a = reslib_test_open_store (a_dir);
  f->b = reslib_test_open_store (b_dir);
  f->project = reslib_test_new_project (f->a, "数控技术专业教学资源库");

  path = reslib_test_write_file (f->files, "讲义.txt", "外圆车削的要点", -1);
  file = g_file_new_for_path (path);
  importer = reslib_importer_new (f->a, f->project);
  reslib_importer_add_file (importer, file);
  g_assert_true (reslib_job_run (RESLIB_JOB (importer), NULL, &error));
  g_assert_no_error (error);
  f->res = g_strdup (reslib_importer_get_resource_ids (importer)[0]);

  f->online = reslib_store_add_online_resource (f->a, f->project, "数控车床仿真", ONLINE_URL, &error);
  g_assert_no_error (error);
  g_assert_true (reslib_store_set_list (f->a, f->online, "tags", (const char * const[]) { "职业培训", NULL }, &error));
  g_assert_no_error (error);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_object (&f->a);
  g_clear_object (&f->b);
  reslib_test_rm_rf (f->dir);
  g_free (f->dir);
  g_free (f->files);
  g_free (f->out);
  g_free (f->project);
  g_free (f->res);
  g_free (f->online);
}

static char *
pack (Fixture    *f,
      const char *kind,
      const char *name)
{
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (f->out, name, NULL);

  reslib_test_approve_all (f->a, f->project);
  g_assert_true (reslib_test_pack (f->a, f->project, kind, NULL, path, NULL, &error));
  g_assert_no_error (error);

  return path;
}

/* The bag's regular files: path inside the bag → contents. */
static GHashTable *
read_tar (const char *path)
{
  struct archive *in = archive_read_new ();
  struct archive_entry *entry;
  GHashTable *files = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_bytes_unref);

  archive_read_support_format_tar (in);
  g_assert_cmpint (archive_read_open_filename (in, path, 65536), ==, ARCHIVE_OK);
  while (archive_read_next_header (in, &entry) == ARCHIVE_OK)
    {
      gsize size = (gsize) archive_entry_size (entry);
      char *buffer = g_malloc (size + 1);
      const char *name = archive_entry_pathname_utf8 (entry);

      if (archive_entry_filetype (entry) != AE_IFREG)
        {
          g_free (buffer);
          continue;
        }
      g_assert_cmpint (archive_read_data (in, buffer, size), ==, (la_ssize_t) size);
      buffer[size] = '\0';
      g_hash_table_insert (files, g_strdup (strchr (name, '/') != NULL ? strchr (name, '/') + 1 : name),
                           g_bytes_new_take (buffer, size + 1));
    }
  archive_read_free (in);

  return files;
}

static const char *
text_in (GHashTable *files,
         const char *rel)
{
  GBytes *bytes = g_hash_table_lookup (files, rel);

  g_assert_nonnull (bytes);
  return g_bytes_get_data (bytes, NULL);
}

static JsonObject *
record_in (JsonObject *root,
           const char *member,
           const char *key,
           const char *id)
{
  JsonArray *array = json_object_get_array_member (root, member);

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *r = json_array_get_object_element (array, i);

      if (g_strcmp0 (json_object_get_string_member (r, key), id) == 0)
        return r;
    }
  return NULL;
}

/* The bag: the online resource's record with its address, no file, no element of "files", no line of
 * manifest-sha256.txt; imsmanifest.xml points at the address. Verify accepts it and an import makes the
 * online resource in the other library. */
static void
test_roundtrip (Fixture       *f,
                gconstpointer  data)
{
  const char *kinds[] = { "progress", "contribution", "acceptance" };

  for (guint k = 0; k < G_N_ELEMENTS (kinds); k++)
    {
      g_autofree char *name = g_strdup_printf ("%s.tar", kinds[k]);
      g_autofree char *path = pack (f, kinds[k], name);
      g_autoptr(GHashTable) files = read_tar (path);
      g_autoptr(JsonParser) parser = json_parser_new ();
      g_autoptr(GError) error = NULL;
      g_autofree char *folder = g_strdup_printf ("data/resources/%s/", f->online);
      g_autofree char *res_item = g_strdup_printf ("identifier=\"RES-%s\" type=\"webcontent\" href=\"" ONLINE_URL "\"",
                                                   f->online);
      g_autofree char *oxum = NULL;
      JsonObject *root, *record;
      GHashTableIter iter;
      gpointer key;
      guint n_data = 0;
      const char *ims;

      g_test_message ("%s", kinds[k]);
      json_parser_load_from_data (parser, text_in (files, "data/manifest.json"), -1, &error);
      g_assert_no_error (error);
      root = json_node_get_object (json_parser_get_root (parser));
      record = record_in (root, "resources", "id", f->online);
      g_assert_nonnull (record);
      g_assert_cmpstr (json_object_get_string_member (record, "url"), ==, ONLINE_URL);
      g_assert_true (json_object_get_null_member (record, "blob_sha256"));
      g_assert_true (json_object_get_null_member (record, "size"));
      g_assert_null (record_in (root, "files", "resource_id", f->online));
      g_assert_nonnull (record_in (root, "files", "resource_id", f->res));

      g_hash_table_iter_init (&iter, files);
      while (g_hash_table_iter_next (&iter, &key, NULL))
        {
          g_assert_false (g_str_has_prefix (key, folder));
          if (g_str_has_prefix (key, "data/"))
            n_data++;
        }
      g_assert_null (strstr (text_in (files, "manifest-sha256.txt"), f->online));
      g_assert_nonnull (strstr (text_in (files, "manifest-sha256.txt"), f->res));
      /* Payload-Oxum counts the files in data/ only. */
      oxum = g_strdup_printf (".%u\n", n_data);
      g_assert_nonnull (strstr (strstr (text_in (files, "bag-info.txt"), "Payload-Oxum: "), oxum));

      ims = text_in (files, "data/imsmanifest.xml");
      g_assert_nonnull (strstr (ims, res_item));
      g_assert_null (strstr (ims, "<file href=\"https://"));

      g_assert_true (reslib_package_verify (path, NULL, NULL, NULL, &error));
      g_assert_no_error (error);
    }

  /* Imported: an online resource, with its address and tags, and no file. */
  {
    g_autofree char *path = g_build_filename (f->out, "progress.tar", NULL);
    g_autoptr(ReslibImportReport) report = reslib_test_import_package (f->b, path, NULL, NULL);
    g_autoptr(ReslibRecord) r = NULL;
    g_autoptr(GError) error = NULL;

    g_assert_nonnull (report);
    r = reslib_store_get (f->b, RESLIB_KIND_RESOURCE, f->online, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (reslib_record_get (r, "url"), ==, ONLINE_URL);
    g_assert_null (reslib_record_get (r, "blob_sha256"));
    g_assert_cmpstr (reslib_record_get (r, "title"), ==, "数控车床仿真");
    g_assert_cmpstr (reslib_record_get_list (r, "tags")[0], ==, "vocational-training");
  }
}

/* The schema: a resource has a file or an address, never both, never neither. */
static void
test_schema (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(ReslibRecord) online = reslib_store_get (f->a, RESLIB_KIND_RESOURCE, f->online, NULL);
  g_autoptr(ReslibRecord) with_file = reslib_store_get (f->a, RESLIB_KIND_RESOURCE, f->res, NULL);
  g_autoptr(JsonNode) a = reslib_record_to_json (online);
  g_autoptr(JsonNode) b = reslib_record_to_json (with_file);
  g_autoptr(GError) error = NULL;

  g_assert_true (_reslib_manifest_check_record (RESLIB_KIND_RESOURCE, a, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (_reslib_manifest_check_record (RESLIB_KIND_RESOURCE, b, NULL, &error));
  g_assert_no_error (error);

  /* Both. */
  json_object_set_string_member (json_node_get_object (b), "url", ONLINE_URL);
  g_assert_false (_reslib_manifest_check_record (RESLIB_KIND_RESOURCE, b, NULL, &error));
  g_assert_error (error, RESLIB_ERROR, RESLIB_ERROR_BAD_FILE);
  g_test_message ("both: %s", error->message);
  g_clear_error (&error);
  /* Neither. */
  json_object_set_null_member (json_node_get_object (a), "url");
  g_assert_false (_reslib_manifest_check_record (RESLIB_KIND_RESOURCE, a, NULL, &error));
  g_assert_error (error, RESLIB_ERROR, RESLIB_ERROR_BAD_FILE);
  g_clear_error (&error);
  /* An address with a size, as if it had a file. */
  json_object_set_string_member (json_node_get_object (a), "url", ONLINE_URL);
  json_object_set_int_member (json_node_get_object (a), "size", 10);
  g_assert_false (_reslib_manifest_check_record (RESLIB_KIND_RESOURCE, a, NULL, &error));
  g_assert_error (error, RESLIB_ERROR, RESLIB_ERROR_BAD_FILE);
  g_clear_error (&error);
}

/* ---------------------------------------------------------------------------------------------- */
/* Hand-edited packages                                                                            */

typedef void (*EditFunc) (JsonObject *root,
                          Fixture    *f);

typedef struct
{
  EditFunc  func;
  Fixture  *f;
} Edit;

static void
apply_edit (JsonObject *root,
            gpointer    user_data)
{
  Edit *edit = user_data;

  edit->func (root, edit->f);
}

/* Rebuilds the bag @src into @dest after @edit changed its manifest.json: every checksum and the
 * Payload-Oxum made anew, so the bag itself is valid. */
static void
rebag (const char *src,
       const char *dest,
       EditFunc    edit,
       Fixture    *f)
{
  Edit e = { edit, f };
  const ReslibTestRebag how = { .edit = apply_edit, .user_data = &e };

  reslib_test_rebag (src, dest, &how);
}

static JsonObject *
online_record (JsonObject *root,
               Fixture    *f)
{
  JsonObject *r = record_in (root, "resources", "id", f->online);

  g_assert_nonnull (r);
  return r;
}

static void
edit_nothing (JsonObject *root,
              Fixture    *f)
{
}

static void
edit_javascript (JsonObject *root,
                 Fixture    *f)
{
  json_object_set_string_member (online_record (root, f), "url", "javascript:alert(1)");
}

static void
edit_file_scheme (JsonObject *root,
                  Fixture    *f)
{
  json_object_set_string_member (online_record (root, f), "url", "file:///etc/passwd");
}

static void
edit_control (JsonObject *root,
              Fixture    *f)
{
  json_object_set_string_member (online_record (root, f), "url", "https://mooc.example.edu.cn/\x1b[2Jcourse");
}

static void
edit_long (JsonObject *root,
           Fixture    *f)
{
  g_autoptr(GString) url = g_string_new ("https://mooc.example.edu.cn/");

  while (url->len <= 4096)
    g_string_append (url, "course/");
  json_object_set_string_member (online_record (root, f), "url", url->str);
}

/* The resource with a file given an address too: both. */
static void
edit_both (JsonObject *root,
           Fixture    *f)
{
  JsonObject *r = record_in (root, "resources", "id", f->res);

  json_object_set_string_member (r, "url", ONLINE_URL);
}

/* The online resource without its address: neither. */
static void
edit_neither (JsonObject *root,
              Fixture    *f)
{
  json_object_set_null_member (online_record (root, f), "url");
}

/* The online resource given the other's file in "files". */
static void
edit_online_file (JsonObject *root,
                  Fixture    *f)
{
  JsonObject *file = record_in (root, "files", "resource_id", f->res);
  JsonObject *copy = json_object_new ();
  g_autofree char *path = g_strdup_printf ("data/resources/%s/x.txt", f->online);

  json_object_set_string_member (copy, "resource_id", f->online);
  json_object_set_string_member (copy, "path", path);
  json_object_set_string_member (copy, "sha256", json_object_get_string_member (file, "sha256"));
  json_object_set_int_member (copy, "size", json_object_get_int_member (file, "size"));
  json_array_add_object_element (json_object_get_array_member (root, "files"), copy);
}

static guint
count_resources (ReslibStore *store)
{
  g_autoptr(GError) error = NULL;
  guint n = reslib_store_count (store, RESLIB_KIND_RESOURCE, NULL, &error);

  g_assert_no_error (error);
  return n;
}

/* Each hand-edited package is refused by import, with a message naming the record, and nothing of it is
 * imported. */
static void
test_hostile (Fixture       *f,
              gconstpointer  data)
{
  static const struct
  {
    const char *name;
    EditFunc    edit;
    const char *in_message;
  } cases[] = {
    { "javascript", edit_javascript, "javascript:alert(1)" },
    { "file", edit_file_scheme, "file:///etc/passwd" },
    { "control", edit_control, "\\x1b" },
    { "long", edit_long, "2048" },
    { "both", edit_both, "both a file and an address" },
    { "neither", edit_neither, "neither a file nor an address" },
    { "online-file", edit_online_file, NULL },
  };
  g_autofree char *good = pack (f, "progress", "good.tar");
  g_autofree char *rebuilt = g_build_filename (f->out, "rebuilt.tar", NULL);

  /* The rebuilding itself keeps a package good. */
  rebag (good, rebuilt, edit_nothing, f);
  g_assert_true (reslib_package_verify (rebuilt, NULL, NULL, NULL, NULL));

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *bad = g_strdup_printf ("%s/%s.tar", f->out, cases[i].name);
      g_autoptr(ReslibPackageImporter) importer = NULL;
      g_autoptr(GError) error = NULL;
      g_autoptr(GString) said = NULL;
      GPtrArray *problems;
      guint before = count_resources (f->b);

      rebag (good, bad, cases[i].edit, f);
      importer = reslib_package_importer_new (f->b, bad);
      reslib_package_importer_set_flags (importer, RESLIB_IMPORT_NONE);
      g_assert_false (reslib_job_run (RESLIB_JOB (importer), NULL, &error));
      g_assert_error (error, RESLIB_ERROR, RESLIB_ERROR_BAD_FILE);
      said = g_string_new (error->message);
      problems = reslib_package_importer_get_problems (importer);
      for (guint p = 0; problems != NULL && p < problems->len; p++)
        g_string_append_printf (said, "\n%s", (const char *) g_ptr_array_index (problems, p));
      g_test_message ("%s: %s", cases[i].name, said->str);
      /* What was said names the record (by its id) and what is wrong with it. */
      g_assert_true (strstr (said->str, f->online) != NULL || strstr (said->str, f->res) != NULL);
      if (cases[i].in_message != NULL)
        g_assert_nonnull (strstr (said->str, cases[i].in_message));
      g_assert_cmpuint (count_resources (f->b), ==, before);
      g_assert_cmpuint (before, ==, 0);
    }

  /* The rebuilt one still imports. */
  {
    g_autoptr(ReslibImportReport) report = reslib_test_import_package (f->b, rebuilt, NULL, NULL);

    g_assert_nonnull (report);
    g_assert_cmpuint (count_resources (f->b), ==, 2);
  }
}

/* An address changed on both sides is a conflict, the local one kept; changed on one side it is taken. */
static void
test_conflict (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *first = pack (f, "progress", "first.tar");
  g_autofree char *second = NULL;
  g_autofree char *third = NULL;
  g_autoptr(ReslibImportReport) r1 = reslib_test_import_package (f->b, first, NULL, NULL);
  g_autoptr(ReslibImportReport) r2 = NULL;
  g_autoptr(ReslibImportReport) r3 = NULL;
  g_autoptr(ReslibRecord) r = NULL;
  g_autoptr(GListModel) conflicts = NULL;

  g_assert_nonnull (r1);
  g_assert_true (reslib_store_update (f->a, RESLIB_KIND_RESOURCE, f->online, (const char * const[]) { "url", NULL },
                                      (const char * const[]) { "https://mooc.example.edu.cn/course/44" }, &error));
  g_assert_no_error (error);
  second = pack (f, "progress", "second.tar");
  r2 = reslib_test_import_package (f->b, second, NULL, NULL);
  g_assert_nonnull (r2);
  r = reslib_store_get (f->b, RESLIB_KIND_RESOURCE, f->online, &error);
  g_assert_cmpstr (reslib_record_get (r, "url"), ==, "https://mooc.example.edu.cn/course/44");
  g_clear_object (&r);

  g_assert_true (reslib_store_update (f->a, RESLIB_KIND_RESOURCE, f->online, (const char * const[]) { "url", NULL },
                                      (const char * const[]) { "https://mooc.example.edu.cn/course/45" }, &error));
  g_assert_true (reslib_store_update (f->b, RESLIB_KIND_RESOURCE, f->online, (const char * const[]) { "url", NULL },
                                      (const char * const[]) { "https://mooc.example.edu.cn/course/46" }, &error));
  g_assert_no_error (error);
  third = pack (f, "progress", "third.tar");
  r3 = reslib_test_import_package (f->b, third, NULL, NULL);
  g_assert_nonnull (r3);
  r = reslib_store_get (f->b, RESLIB_KIND_RESOURCE, f->online, &error);
  g_assert_cmpstr (reslib_record_get (r, "url"), ==, "https://mooc.example.edu.cn/course/46");
  conflicts = reslib_store_list_conflicts (f->b, f->project, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (conflicts), ==, 1);
}

/* An address over 2,048 bytes stored before the store refused it (0fa1765) blocks every package kind at the
 * gate, with the resource named, and nothing is written; a package of other resources only is built. */
static void
test_long_url_gate (Fixture       *f,
                    gconstpointer  data)
{
  static const char * const kinds[] = { "contribution", "application", "progress", "acceptance" };
  g_autofree char *padding = g_strnfill (2048, 'a');
  g_autofree char *sql = NULL;
  g_autofree char *db = g_strdup (reslib_store_get_db_path (f->a));

  reslib_test_approve_all (f->a, f->project);
  sql = g_strdup_printf ("UPDATE resources SET url = 'https://mooc.example.edu.cn/%s' WHERE id = '%s'", padding,
                         f->online);
  reslib_test_sql_exec (db, sql);
  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    {
      g_autofree char *name = g_strdup_printf ("%s.tar", kinds[i]);
      g_autofree char *path = g_build_filename (f->out, name, NULL);
      g_autoptr(GError) error = NULL;

      g_assert_false (reslib_test_pack (f->a, f->project, kinds[i], NULL, path, NULL, &error));
      g_test_message ("%s: %s", kinds[i], error->message);
      g_assert_error (error, RESLIB_ERROR, RESLIB_ERROR_CHECKS_FAILED);
      g_assert_nonnull (strstr (error->message, "数控车床仿真"));
      g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
    }
  /* a contribution of the resource with a file only is not held back by the other one's address */
  {
    g_autofree char *path = g_build_filename (f->out, "file-only.tar", NULL);
    g_autoptr(GError) error = NULL;

    g_assert_true (reslib_test_pack (f->a, f->project, "contribution", (const char * const[]) { f->res, NULL },
                                     path, NULL, &error));
    g_assert_no_error (error);
  }
  /* written again within the limit, it packs */
  g_clear_pointer (&sql, g_free);
  sql = g_strdup_printf ("UPDATE resources SET url = '%s' WHERE id = '%s'", ONLINE_URL, f->online);
  reslib_test_sql_exec (db, sql);
  {
    g_autofree char *path = pack (f, "progress", "fixed.tar");

    g_assert_true (g_file_test (path, G_FILE_TEST_EXISTS));
  }
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add ("/package-online/roundtrip", Fixture, NULL, fixture_setup, test_roundtrip, fixture_teardown);
  g_test_add ("/package-online/schema", Fixture, NULL, fixture_setup, test_schema, fixture_teardown);
  g_test_add ("/package-online/hostile", Fixture, NULL, fixture_setup, test_hostile, fixture_teardown);
  g_test_add ("/package-online/conflict", Fixture, NULL, fixture_setup, test_conflict, fixture_teardown);
  g_test_add ("/package-online/long-url-gate", Fixture, NULL, fixture_setup, test_long_url_gate, fixture_teardown);

  return g_test_run ();
}
