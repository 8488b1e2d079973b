/* test-package-import.c — importing packages and merging them into a store
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <archive.h>
#include <archive_entry.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <sqlite3.h>
#include <string.h>

#include "reslib-package.h"
#include "reslib-package-import.h"
#include "reslib-test-utils.h"

typedef struct
{
  char        *dir;
  char        *files;
  char        *out;
  ReslibStore *a;           /* where packages come from */
  ReslibStore *b;           /* where they go */
  char        *b_dir;
  char        *project;
  char        *host_unit;
  char        *partner_unit;
  char        *course;
  char        *module;
  char        *knowledge;
  char        *res_text;
  char        *res_copy;    /* the same content as res_text: one blob */
  char        *res_other;
} Fixture;

static char *
insert (ReslibStore        *store,
        ReslibKind          kind,
        const char * const *fields,
        const char * const *values)
{
  g_autoptr(GError) error = NULL;
  char *id = reslib_store_insert (store, kind, fields, values, &error);

  g_assert_no_error (error);
  g_assert_nonnull (id);

  return id;
}

static char *
add_resource (Fixture            *f,
              const char         *name,
              const char         *contents,
              const char         *unit,
              const char * const *nodes,
              const char * const *keywords)
{
  g_autoptr(ReslibImporter) importer = reslib_importer_new (f->a, f->project);
  g_autofree char *path = reslib_test_write_file (f->files, name, contents, -1);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;

  reslib_importer_add_file (importer, file);
  if (unit != NULL)
    reslib_importer_set_field (importer, "unit_id", unit);
  if (nodes != NULL)
    reslib_importer_set_list (importer, "nodes", nodes);
  if (keywords != NULL)
    reslib_importer_set_list (importer, "keywords", keywords);
  g_assert_true (reslib_importer_run (importer, NULL, &error));
  g_assert_no_error (error);

  return g_strdup (reslib_importer_get_resource_ids (importer)[0]);
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *a_dir = NULL;
  g_autofree char *member = NULL;
  g_autofree char *budget = NULL;
  g_autofree char *milestone = NULL;

  f->dir = reslib_test_make_tmp_dir ("reslib-package-import-XXXXXX");
  a_dir = g_build_filename (f->dir, "a", NULL);
  f->b_dir = g_build_filename (f->dir, "b", NULL);
  f->files = g_build_filename (f->dir, "files", NULL);
  f->out = g_build_filename (f->dir, "out", NULL);
  g_mkdir (f->files, 0700);
  g_mkdir (f->out, 0700);
  f->a = reslib_test_open_store (a_dir);
  f->b = reslib_test_open_store (f->b_dir);
  f->project = reslib_test_new_project (f->a, "数控技术专业教学资源库");

  f->host_unit = insert (f->a, RESLIB_KIND_UNIT,
                         (const char * const[]) { "project_id", "name", "kind", "role", NULL },
                         (const char * const[]) { f->project, "河南某职业技术学院", "higher-vocational", "host" });
  f->partner_unit = insert (f->a, RESLIB_KIND_UNIT,
                            (const char * const[]) { "project_id", "name", "kind", "role", NULL },
                            (const char * const[]) { f->project, "某机床企业", "enterprise", "participant" });
  member = insert (f->a, RESLIB_KIND_MEMBER,
                   (const char * const[]) { "project_id", "unit_id", "name", NULL },
                   (const char * const[]) { f->project, f->partner_unit, "李工程师" });
  f->course = insert (f->a, RESLIB_KIND_COURSE,
                      (const char * const[]) { "project_id", "title", NULL },
                      (const char * const[]) { f->project, "数控车削编程" });
  f->module = insert (f->a, RESLIB_KIND_NODE,
                      (const char * const[]) { "course_id", "kind", "title", NULL },
                      (const char * const[]) { f->course, "module", "模块一 外圆车削" });
  f->knowledge = insert (f->a, RESLIB_KIND_NODE,
                         (const char * const[]) { "course_id", "parent_id", "kind", "title", NULL },
                         (const char * const[]) { f->course, f->module, "knowledge", "知识点 1" });
  budget = insert (f->a, RESLIB_KIND_BUDGET_LINE,
                   (const char * const[]) { "project_id", "unit_id", "source", "category", "amount_cents", NULL },
                   (const char * const[]) { f->project, f->host_unit, "省财政", "资源开发", "1000000" });
  milestone = insert (f->a, RESLIB_KIND_MILESTONE,
                      (const char * const[]) { "project_id", "title", "due_date", NULL },
                      (const char * const[]) { f->project, "第一批资源上线", "2026-06-30" });

  f->res_text = add_resource (f, "第一章 讲义.txt", "外圆车削的要点：\n1. 装夹\n", f->partner_unit,
                              (const char * const[]) { f->knowledge, NULL },
                              (const char * const[]) { "数控", "车削", NULL });
  f->res_copy = add_resource (f, "讲义副本.txt", "外圆车削的要点：\n1. 装夹\n", NULL,
                              (const char * const[]) { f->module, NULL }, NULL);
  f->res_other = add_resource (f, "图 2.png", "\x89PNG not really", NULL, NULL,
                               (const char * const[]) { "图纸", NULL });
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
  g_free (f->b_dir);
  g_free (f->project);
  g_free (f->host_unit);
  g_free (f->partner_unit);
  g_free (f->course);
  g_free (f->module);
  g_free (f->knowledge);
  g_free (f->res_text);
  g_free (f->res_copy);
  g_free (f->res_other);
}

static char *
pack (Fixture            *f,
      ReslibStore        *store,
      const char         *kind,
      const char * const *ids,
      const char         *name)
{
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (f->out, name, NULL);

  g_assert_true (reslib_package_pack (store, f->project, kind, ids, NULL, path, NULL, NULL, NULL, &error));
  g_assert_no_error (error);

  return path;
}

static ReslibImportReport *
import (ReslibStore *store,
        const char  *path,
        const char  *into)
{
  g_autoptr(GError) error = NULL;
  ReslibImportReport *report = NULL;

  g_assert_true (reslib_package_import (store, path, into, &report, NULL, &error));
  g_assert_no_error (error);
  g_assert_nonnull (report);

  return report;
}

static GBytes *
read_bytes (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *contents = NULL;
  gsize len = 0;

  g_assert_true (g_file_get_contents (path, &contents, &len, &error));
  g_assert_no_error (error);

  return g_bytes_new_take (contents, len);
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(char * const *) a, *(char * const *) b);
}

static void
list_files (const char *dir,
            GString    *out)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_names);
  for (guint i = 0; i < names->len; i++)
    {
      g_autofree char *child = g_build_filename (dir, g_ptr_array_index (names, i), NULL);

      g_string_append_printf (out, "file %s\n", child);
      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        list_files (child, out);
    }
}

/* Every row of every table, and every file under the blob folder. */
static char *
dump (ReslibStore *store)
{
  sqlite3 *db = _reslib_store_get_db (store);
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GPtrArray) tables = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (tables, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
  sqlite3_finalize (stmt);

  for (guint i = 0; i < tables->len; i++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT * FROM \"%s\"", (char *) g_ptr_array_index (tables, i));

      g_string_append_printf (out, "table %s\n", (char *) g_ptr_array_index (tables, i));
      g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        {
          for (int c = 0; c < sqlite3_column_count (stmt); c++)
            {
              const unsigned char *text = sqlite3_column_text (stmt, c);

              g_string_append_printf (out, "%s|", text != NULL ? (const char *) text : "NULL");
            }
          g_string_append_c (out, '\n');
        }
      sqlite3_finalize (stmt);
    }
  list_files (reslib_store_get_blob_dir (store), out);

  return g_string_free (g_steal_pointer (&out), FALSE);
}

static guint
total (const guint counts[RESLIB_N_KINDS])
{
  guint n = 0;

  for (guint i = 0; i < RESLIB_N_KINDS; i++)
    n += counts[i];

  return n;
}

/* pack → verify → import into a fresh store → pack again: the same bytes. */
static void
test_roundtrip (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *first = pack (f, f->a, "progress", NULL, "first.tar");
  g_autofree char *second = NULL;
  g_autoptr(ReslibImportReport) report = NULL;
  g_autoptr(ReslibImportReport) again = NULL;
  g_autoptr(GBytes) first_bytes = NULL;
  g_autoptr(GBytes) second_bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) json = NULL;

  g_assert_true (reslib_package_verify (first, NULL, NULL, NULL, &error));
  g_assert_no_error (error);

  report = import (f->b, first, NULL);
  g_assert_cmpstr (report->project_id, ==, f->project);
  g_assert_cmpuint (report->added[RESLIB_KIND_PROJECT], ==, 1);
  g_assert_cmpuint (report->added[RESLIB_KIND_MAJOR], ==, 1);
  g_assert_cmpuint (report->added[RESLIB_KIND_UNIT], ==, 2);
  g_assert_cmpuint (report->added[RESLIB_KIND_MEMBER], ==, 1);
  g_assert_cmpuint (report->added[RESLIB_KIND_COURSE], ==, 1);
  g_assert_cmpuint (report->added[RESLIB_KIND_NODE], ==, 2);
  g_assert_cmpuint (report->added[RESLIB_KIND_RESOURCE], ==, 3);
  g_assert_cmpuint (report->added[RESLIB_KIND_BUDGET_LINE], ==, 1);
  g_assert_cmpuint (report->added[RESLIB_KIND_MILESTONE], ==, 1);
  g_assert_cmpuint (total (report->updated) + total (report->unchanged) + total (report->conflicts), ==, 0);
  /* Equal content is stored once. */
  g_assert_cmpuint (report->blobs_added, ==, 2);

  json = reslib_import_report_to_json (report);
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (
                     json_object_get_object_member (json_node_get_object (json), "records"), "resource"), "added"),
                   ==, 3);

  second = pack (f, f->b, "progress", NULL, "second.tar");
  first_bytes = read_bytes (first);
  second_bytes = read_bytes (second);
  g_assert_true (g_bytes_equal (first_bytes, second_bytes));

  /* Importing the same package again changes nothing. */
  {
    g_autofree char *before = dump (f->b);
    g_autofree char *after = NULL;

    again = import (f->b, first, NULL);
    g_assert_cmpuint (total (again->added) + total (again->updated) + total (again->conflicts), ==, 0);
    g_assert_cmpuint (again->unchanged[RESLIB_KIND_RESOURCE], ==, 3);
    g_assert_cmpuint (again->blobs_added, ==, 0);
    g_assert_cmpuint (again->blobs_present, ==, 2);
    after = dump (f->b);
    /* Only the import's own event was added. */
    g_assert_cmpuint (strlen (after), >, strlen (before));
  }
}

/* New, same, changed on one side, changed on both. */
static void
test_merge (Fixture       *f,
            gconstpointer  data)
{
  g_autofree char *first = pack (f, f->a, "progress", NULL, "first.tar");
  g_autofree char *second = NULL;
  g_autofree char *new_milestone = NULL;
  g_autoptr(ReslibImportReport) r1 = import (f->b, first, NULL);
  g_autoptr(ReslibImportReport) report = NULL;
  g_autoptr(ReslibRecord) unit = NULL;
  g_autoptr(ReslibRecord) resource = NULL;
  g_autoptr(ReslibRecord) text = NULL;
  g_autoptr(GListModel) units = NULL;
  g_autoptr(GListModel) resources = NULL;
  g_autoptr(GError) error = NULL;
  gboolean found_unit_copy = FALSE;
  gboolean found_resource_copy = FALSE;

  /* In the source: a new record, a change only there, and changes on both sides. */
  new_milestone = insert (f->a, RESLIB_KIND_MILESTONE,
                          (const char * const[]) { "project_id", "title", NULL },
                          (const char * const[]) { f->project, "中期检查" });
  g_assert_true (reslib_store_update (f->a, RESLIB_KIND_RESOURCE, f->res_text,
                                      (const char * const[]) { "title", NULL },
                                      (const char * const[]) { "第一章 讲义（修订）" }, &error));
  g_assert_no_error (error);
  g_assert_true (reslib_store_update (f->a, RESLIB_KIND_UNIT, f->partner_unit,
                                      (const char * const[]) { "name", NULL },
                                      (const char * const[]) { "某机床企业（来自源）" }, &error));
  g_assert_no_error (error);
  g_assert_true (reslib_store_update (f->a, RESLIB_KIND_RESOURCE, f->res_other,
                                      (const char * const[]) { "title", NULL },
                                      (const char * const[]) { "图 2（源）" }, &error));
  g_assert_no_error (error);
  /* …then in the destination, later. */
  g_assert_true (reslib_store_update (f->b, RESLIB_KIND_UNIT, f->partner_unit,
                                      (const char * const[]) { "name", NULL },
                                      (const char * const[]) { "某机床企业（本地）" }, &error));
  g_assert_no_error (error);
  g_assert_true (reslib_store_update (f->b, RESLIB_KIND_RESOURCE, f->res_other,
                                      (const char * const[]) { "title", NULL },
                                      (const char * const[]) { "图 2（本地）" }, &error));
  g_assert_no_error (error);

  second = pack (f, f->a, "progress", NULL, "second.tar");
  report = import (f->b, second, NULL);
  g_assert_cmpuint (report->added[RESLIB_KIND_MILESTONE], ==, 1);
  g_assert_cmpuint (report->unchanged[RESLIB_KIND_MILESTONE], ==, 1);
  g_assert_cmpuint (report->updated[RESLIB_KIND_RESOURCE], ==, 1);
  g_assert_cmpuint (report->conflicts[RESLIB_KIND_RESOURCE], ==, 1);
  g_assert_cmpuint (report->unchanged[RESLIB_KIND_RESOURCE], ==, 1);
  g_assert_cmpuint (report->conflicts[RESLIB_KIND_UNIT], ==, 1);
  g_assert_cmpuint (report->unchanged[RESLIB_KIND_UNIT], ==, 1);
  g_assert_cmpuint (report->unchanged[RESLIB_KIND_NODE], ==, 2);
  g_assert_cmpuint (total (report->added), ==, 1);
  g_assert_cmpuint (total (report->updated), ==, 1);
  g_assert_cmpuint (total (report->conflicts), ==, 2);

  /* Changed on one side: taken. */
  text = reslib_store_get (f->b, RESLIB_KIND_RESOURCE, f->res_text, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (reslib_record_get (text, "title"), ==, "第一章 讲义（修订）");
  /* Changed on both: the local one stays… */
  unit = reslib_store_get (f->b, RESLIB_KIND_UNIT, f->partner_unit, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (reslib_record_get (unit, "name"), ==, "某机床企业（本地）");
  resource = reslib_store_get (f->b, RESLIB_KIND_RESOURCE, f->res_other, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (reslib_record_get (resource, "title"), ==, "图 2（本地）");
  /* …and the incoming one is kept beside it, marked. */
  units = reslib_store_list (f->b, RESLIB_KIND_UNIT, f->project, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (units), ==, 3);
  for (guint i = 0; i < g_list_model_get_n_items (units); i++)
    {
      g_autoptr(ReslibRecord) u = g_list_model_get_item (units, i);

      if (g_str_has_prefix (reslib_record_get (u, "name"), "某机床企业（来自源）") &&
          g_strcmp0 (reslib_record_get_id (u), f->partner_unit) != 0)
        found_unit_copy = strlen (reslib_record_get (u, "name")) > strlen ("某机床企业（来自源）");
    }
  g_assert_true (found_unit_copy);
  resources = reslib_store_list (f->b, RESLIB_KIND_RESOURCE, f->project, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (resources), ==, 4);
  for (guint i = 0; i < g_list_model_get_n_items (resources); i++)
    {
      g_autoptr(ReslibRecord) r = g_list_model_get_item (resources, i);

      if (g_str_has_prefix (reslib_record_get (r, "title"), "图 2（源）"))
        {
          g_assert_cmpstr (reslib_record_get (r, "state"), ==, "draft");
          g_assert_nonnull (strstr (reslib_record_get (r, "review_note"), f->res_other));
          g_assert_cmpstr (reslib_record_get (r, "blob_sha256"), ==, reslib_record_get (resource, "blob_sha256"));
          found_resource_copy = TRUE;
        }
    }
  g_assert_true (found_resource_copy);
}

/* Rebuilds a package's bag after @edit changed its manifest.json: checksums and Payload-Oxum fixed up. */
typedef void (*EditFunc) (JsonObject *root,
                          Fixture    *f);

static void
rebag (const char *src,
       const char *dest,
       EditFunc    edit,
       Fixture    *f)
{
  struct archive *in = archive_read_new ();
  struct archive *out = archive_write_new ();
  struct archive_entry *entry;
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) texts = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  g_autoptr(GString) manifest = g_string_new (NULL);
  g_autoptr(GString) tags = g_string_new (NULL);
  guint64 bytes = 0;
  guint n = 0;
  int info_index = -1, manifest_index = -1, tag_index = -1;

  archive_read_support_format_tar (in);
  g_assert_cmpint (archive_read_open_filename (in, src, 65536), ==, ARCHIVE_OK);
  while (archive_read_next_header (in, &entry) == ARCHIVE_OK)
    {
      gsize size = (gsize) archive_entry_size (entry);
      char *buffer = g_malloc (size + 1);
      const char *name = archive_entry_pathname_utf8 (entry);
      const char *rel = strchr (name, '/') + 1;

      if (archive_entry_filetype (entry) != AE_IFREG)
        {
          g_free (buffer);
          continue;
        }
      g_assert_cmpint (archive_read_data (in, buffer, size), ==, (la_ssize_t) size);
      buffer[size] = '\0';
      if (strcmp (rel, "data/manifest.json") == 0)
        {
          g_autoptr(JsonParser) parser = json_parser_new ();
          g_autoptr(GError) error = NULL;

          json_parser_load_from_data (parser, buffer, (gssize) size, &error);
          g_assert_no_error (error);
          edit (json_node_get_object (json_parser_get_root (parser)), f);
          g_free (buffer);
          buffer = json_to_string (json_parser_get_root (parser), FALSE);
          size = strlen (buffer);
        }
      if (strcmp (rel, "bag-info.txt") == 0)
        info_index = (int) names->len;
      else if (strcmp (rel, "manifest-sha256.txt") == 0)
        manifest_index = (int) names->len;
      else if (strcmp (rel, "tagmanifest-sha256.txt") == 0)
        tag_index = (int) names->len;
      else if (g_str_has_prefix (rel, "data/"))
        {
          g_autofree char *sum = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) buffer, size);

          g_string_append_printf (manifest, "%s  %s\n", sum, rel);
          bytes += size;
          n++;
        }
      g_ptr_array_add (names, g_strdup (name));
      g_ptr_array_add (texts, g_bytes_new_take (buffer, size));
    }
  archive_read_free (in);
  g_assert_cmpint (info_index, >=, 0);
  g_assert_cmpint (manifest_index, >=, 0);
  g_assert_cmpint (tag_index, >=, 0);

  {
    g_auto(GStrv) lines = g_strsplit (g_bytes_get_data (g_ptr_array_index (texts, info_index), NULL), "\n", -1);
    g_autoptr(GString) info = g_string_new (NULL);
    g_autofree char *s1 = NULL, *s2 = NULL;

    for (guint i = 0; lines[i] != NULL && lines[i][0] != '\0'; i++)
      if (g_str_has_prefix (lines[i], "Payload-Oxum: "))
        g_string_append_printf (info, "Payload-Oxum: %" G_GUINT64_FORMAT ".%u\n", bytes, n);
      else
        g_string_append_printf (info, "%s\n", lines[i]);
    s1 = g_compute_checksum_for_string (G_CHECKSUM_SHA256, info->str, -1);
    s2 = g_compute_checksum_for_string (G_CHECKSUM_SHA256, manifest->str, -1);
    g_bytes_unref (texts->pdata[info_index]);
    texts->pdata[info_index] = g_bytes_new (info->str, info->len);
    g_bytes_unref (texts->pdata[manifest_index]);
    texts->pdata[manifest_index] = g_bytes_new (manifest->str, manifest->len);
    for (guint i = 0; i < names->len; i++)
      {
        const char *rel = strchr (g_ptr_array_index (names, i), '/') + 1;

        if ((int) i == info_index)
          g_string_append_printf (tags, "%s  %s\n", s1, rel);
        else if ((int) i == manifest_index)
          g_string_append_printf (tags, "%s  %s\n", s2, rel);
        else if ((int) i != tag_index && !g_str_has_prefix (rel, "data/"))
          {
            g_autofree char *sum = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, g_ptr_array_index (texts, i));
            g_string_append_printf (tags, "%s  %s\n", sum, rel);
          }
      }
    g_bytes_unref (texts->pdata[tag_index]);
    texts->pdata[tag_index] = g_bytes_new (tags->str, tags->len);
  }

  archive_write_set_format_pax_restricted (out);
  g_assert_cmpint (archive_write_open_filename (out, dest), ==, ARCHIVE_OK);
  for (guint i = 0; i < names->len; i++)
    {
      GBytes *text = g_ptr_array_index (texts, i);

      entry = archive_entry_new ();
      archive_entry_set_pathname_utf8 (entry, g_ptr_array_index (names, i));
      archive_entry_set_filetype (entry, AE_IFREG);
      archive_entry_set_perm (entry, 0644);
      archive_entry_set_mtime (entry, 1700000000, 0);
      archive_entry_set_size (entry, (la_int64_t) g_bytes_get_size (text));
      g_assert_cmpint (archive_write_header (out, entry), >=, ARCHIVE_WARN);
      if (g_bytes_get_size (text) > 0)
        g_assert_cmpint (archive_write_data (out, g_bytes_get_data (text, NULL), g_bytes_get_size (text)), ==,
                         (la_ssize_t) g_bytes_get_size (text));
      archive_entry_free (entry);
    }
  g_assert_cmpint (archive_write_close (out), ==, ARCHIVE_OK);
  archive_write_free (out);
}

static JsonObject *
find_resource (JsonObject *root,
               const char *id)
{
  JsonArray *resources = json_object_get_array_member (root, "resources");

  for (guint i = 0; i < json_array_get_length (resources); i++)
    {
      JsonObject *r = json_array_get_object_element (resources, i);

      if (g_strcmp0 (json_object_get_string_member (r, "id"), id) == 0)
        return r;
    }
  g_assert_not_reached ();
}

static void
edit_nothing (JsonObject *root,
              Fixture    *f)
{
}

static void
edit_missing_node (JsonObject *root,
                   Fixture    *f)
{
  JsonArray *nodes = json_array_new ();

  json_array_add_string_element (nodes, "00000000-0000-4000-8000-00000000dead");
  json_object_set_array_member (find_resource (root, f->res_text), "nodes", nodes);
}

static void
edit_missing_blob (JsonObject *root,
                   Fixture    *f)
{
  json_object_set_string_member (find_resource (root, f->res_text), "blob_sha256",
                                 "0000000000000000000000000000000000000000000000000000000000000000");
}

static void
edit_missing_unit (JsonObject *root,
                   Fixture    *f)
{
  json_object_set_string_member (find_resource (root, f->res_text), "unit_id",
                                 "00000000-0000-4000-8000-00000000beef");
}

static void
edit_bad_value (JsonObject *root,
                Fixture    *f)
{
  json_object_set_string_member (find_resource (root, f->res_text), "type", "hologram");
}

/* Fails only when the rows are written, after the files are staged. */
static void
edit_second_core_major (JsonObject *root,
                        Fixture    *f)
{
  JsonObject *major = json_array_get_object_element (json_object_get_array_member (root, "majors"), 0);

  json_object_set_string_member (major, "id", "00000000-0000-4000-8000-00000000cafe");
  json_object_set_string_member (major, "code", "999999");
}

static void
assert_import_fails_with (Fixture    *f,
                          const char *path,
                          gboolean    expect_problems,
                          int         code)
{
  g_autofree char *before = dump (f->b);
  g_autofree char *after = NULL;
  g_autoptr(ReslibImportReport) report = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_false (reslib_package_import_full (f->b, path, NULL, &report, &problems, NULL, &error));
  g_assert_nonnull (error);
  g_test_message ("refused: %s", error->message);
  if (code >= 0)
    g_assert_error (error, RESLIB_ERROR, code);
  g_assert_null (report);
  if (expect_problems)
    {
      g_assert_nonnull (problems);
      g_assert_cmpuint (problems->len, >, 0);
    }
  after = dump (f->b);
  g_assert_cmpstr (before, ==, after);
}

static void
assert_import_fails (Fixture    *f,
                     const char *path,
                     gboolean    expect_problems)
{
  assert_import_fails_with (f, path, expect_problems, RESLIB_ERROR_BAD_FILE);
}

/* A tampered or inconsistent package changes nothing in the store. */
static void
test_refused (Fixture       *f,
              gconstpointer  data)
{
  g_autofree char *good = pack (f, f->a, "progress", NULL, "good.tar");
  g_autofree char *tampered = g_build_filename (f->out, "tampered.tar", NULL);
  g_autofree char *rebuilt = g_build_filename (f->out, "rebuilt.tar", NULL);
  g_autofree char *bad = g_build_filename (f->out, "bad.tar", NULL);
  g_autoptr(ReslibImportReport) report = NULL;
  g_autofree char *contents = NULL;
  gsize len = 0;
  char *at;

  /* Something in the store already, so "nothing changed" means something. */
  {
    g_autofree char *small = pack (f, f->a, "contribution", (const char * const[]) { f->res_other, NULL }, "small.tar");
    g_autoptr(ReslibImportReport) r = import (f->b, small, NULL);
  }

  /* One byte of a payload file changed. */
  g_assert_true (g_file_get_contents (good, &contents, &len, NULL));
  at = memmem (contents, len, "\x89PNG not really", strlen ("\x89PNG not really"));
  g_assert_nonnull (at);
  at[1] = 'X';
  g_assert_true (g_file_set_contents (tampered, contents, (gssize) len, NULL));
  assert_import_fails (f, tampered, TRUE);

  /* The rebuilding itself keeps a package good. */
  rebag (good, rebuilt, edit_nothing, f);
  g_assert_true (reslib_package_verify (rebuilt, NULL, NULL, NULL, NULL));

  /* A valid bag whose records do not fit together. */
  rebag (good, bad, edit_missing_node, f);
  g_assert_true (reslib_package_verify (bad, NULL, NULL, NULL, NULL));
  assert_import_fails (f, bad, FALSE);
  rebag (good, bad, edit_missing_blob, f);
  assert_import_fails (f, bad, FALSE);
  rebag (good, bad, edit_missing_unit, f);
  assert_import_fails (f, bad, FALSE);
  rebag (good, bad, edit_bad_value, f);
  assert_import_fails (f, bad, FALSE);
  /* A failure after the files were staged leaves none of them behind. */
  rebag (good, bad, edit_second_core_major, f);
  assert_import_fails_with (f, bad, FALSE, -1);

  /* Not a tar at all. */
  g_assert_true (g_file_set_contents (bad, "not a tar", -1, NULL));
  assert_import_fails (f, bad, TRUE);

  /* The rebuilt one still imports. */
  report = import (f->b, rebuilt, NULL);
  g_assert_cmpuint (report->added[RESLIB_KIND_RESOURCE], ==, 2);
}

static void
test_cancel (Fixture       *f,
             gconstpointer  data)
{
  g_autofree char *path = pack (f, f->a, "progress", NULL, "p.tar");
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(ReslibImportReport) report = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *before = dump (f->b);
  g_autofree char *after = NULL;

  g_cancellable_cancel (cancellable);
  g_assert_false (reslib_package_import (f->b, path, NULL, &report, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (report);
  after = dump (f->b);
  g_assert_cmpstr (before, ==, after);
}

static void
import_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

static void
test_async_into (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *path = pack (f, f->a, "contribution", (const char * const[]) { f->res_text, NULL }, "c.tar");
  g_autofree char *other = reslib_test_new_project (f->b, "另一个资源库");
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(ReslibImportReport) report = NULL;
  g_autoptr(ReslibRecord) resource = NULL;
  g_autoptr(ReslibRecord) node = NULL;
  g_autoptr(GError) error = NULL;

  reslib_package_import_async (f->b, path, other, NULL, import_done_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (reslib_package_import_finish (f->b, result, &report, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (report->project_id, ==, other);
  g_assert_cmpuint (report->added[RESLIB_KIND_PROJECT], ==, 0);
  g_assert_cmpuint (report->added[RESLIB_KIND_RESOURCE], ==, 1);
  g_assert_cmpuint (report->added[RESLIB_KIND_NODE], ==, 2);

  resource = reslib_store_get (f->b, RESLIB_KIND_RESOURCE, f->res_text, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (reslib_record_get (resource, "project_id"), ==, other);
  node = reslib_store_get (f->b, RESLIB_KIND_NODE, f->knowledge, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (reslib_record_get (node, "project_id"), ==, other);

  /* An unknown project to import into. */
  g_clear_pointer (&report, reslib_import_report_free);
  g_assert_false (reslib_package_import (f->b, path, "00000000-0000-4000-8000-000000000000", &report, NULL, &error));
  g_assert_error (error, RESLIB_ERROR, RESLIB_ERROR_NOT_FOUND);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  /* Packs depend on nothing but the store. */
  g_setenv ("SOURCE_DATE_EPOCH", "1700000000", TRUE);
  g_test_init (&argc, &argv, NULL);
  reslib_core_init ();

  g_test_add ("/package-import/roundtrip", Fixture, NULL, fixture_setup, test_roundtrip, fixture_teardown);
  g_test_add ("/package-import/merge", Fixture, NULL, fixture_setup, test_merge, fixture_teardown);
  g_test_add ("/package-import/refused", Fixture, NULL, fixture_setup, test_refused, fixture_teardown);
  g_test_add ("/package-import/cancel", Fixture, NULL, fixture_setup, test_cancel, fixture_teardown);
  g_test_add ("/package-import/async-into", Fixture, NULL, fixture_setup, test_async_into, fixture_teardown);

  return g_test_run ();
}
