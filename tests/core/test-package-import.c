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
#include "reslib-package-importer.h"
#include "reslib-store-conflicts.h"
#include "reslib-store-private.h"
#include "reslib-store-review.h"
#include "reslib-test-bag.h"
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
  char        *other_project;   /* of b */
  char        *other_unit;      /* of other_project */
} Fixture;

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
  g_assert_true (reslib_job_run (RESLIB_JOB (importer), NULL, &error));
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

  f->host_unit = reslib_test_insert (f->a, RESLIB_KIND_UNIT,
                         (const char * const[]) { "project_id", "name", "kind", "role", NULL },
                         (const char * const[]) { f->project, "河南某职业技术学院", "higher-vocational", "host" });
  f->partner_unit = reslib_test_insert (f->a, RESLIB_KIND_UNIT,
                            (const char * const[]) { "project_id", "name", "kind", "role", NULL },
                            (const char * const[]) { f->project, "某机床企业", "enterprise", "participant" });
  member = reslib_test_insert (f->a, RESLIB_KIND_MEMBER,
                   (const char * const[]) { "project_id", "unit_id", "name", NULL },
                   (const char * const[]) { f->project, f->partner_unit, "李工程师" });
  f->course = reslib_test_insert (f->a, RESLIB_KIND_COURSE,
                      (const char * const[]) { "project_id", "title", NULL },
                      (const char * const[]) { f->project, "数控车削编程" });
  f->module = reslib_test_insert (f->a, RESLIB_KIND_NODE,
                      (const char * const[]) { "course_id", "kind", "title", NULL },
                      (const char * const[]) { f->course, "module", "模块一 外圆车削" });
  f->knowledge = reslib_test_insert (f->a, RESLIB_KIND_NODE,
                         (const char * const[]) { "course_id", "parent_id", "kind", "title", NULL },
                         (const char * const[]) { f->course, f->module, "knowledge", "知识点 1" });
  budget = reslib_test_insert (f->a, RESLIB_KIND_BUDGET_LINE,
                   (const char * const[]) { "project_id", "unit_id", "source", "category", "amount_cents", NULL },
                   (const char * const[]) { f->project, f->host_unit, "省财政", "资源开发", "1000000" });
  milestone = reslib_test_insert (f->a, RESLIB_KIND_MILESTONE,
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
  g_free (f->other_project);
  g_free (f->other_unit);
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

  /* A progress or an acceptance package holds approved resources: what the store holds is reviewed first */
  if (g_strcmp0 (kind, "contribution") != 0 && g_strcmp0 (kind, "application") != 0)
    reslib_test_approve_all (store, f->project);
  g_assert_true (reslib_test_pack (store, f->project, kind, ids, path, NULL, &error));
  g_assert_no_error (error);

  return path;
}

/* A progress package of resources in review, under a profile that does not hold progress packages to the
 * review: a store that imports a package has its resources in review, and its own package of them is the
 * same bytes only while they stay there. */
static char *
pack_in_review (Fixture     *f,
                ReslibStore *store,
                const char  *name)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ReslibProfile) profile = reslib_test_profile_unreviewed ("progress");
  g_autoptr(ReslibPackager) packager = reslib_packager_new (store, f->project, "progress");
  char *path = g_build_filename (f->out, name, NULL);
  gboolean ok;

  reslib_packager_set_profile (packager, profile);
  reslib_packager_set_destination (packager, path, RESLIB_OUTPUT_NONE);
  ok = reslib_job_run (RESLIB_JOB (packager), NULL, &error);
  g_assert_no_error (error);
  g_assert_true (ok);

  return path;
}

static ReslibImportReport *
import_with (ReslibStore       *store,
             const char        *path,
             const char        *into,
             ReslibImportFlags  flags)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ReslibPackageImporter) importer = reslib_package_importer_new (store, path);

  reslib_package_importer_set_into_project (importer, into);
  reslib_package_importer_set_flags (importer, flags);
  g_assert_true (reslib_job_run (RESLIB_JOB (importer), NULL, &error));
  g_assert_no_error (error);
  g_assert_nonnull (reslib_package_importer_get_report (importer));

  return reslib_import_report_copy (reslib_package_importer_get_report (importer));
}

static ReslibImportReport *
import (ReslibStore *store,
        const char  *path,
        const char  *into)
{
  g_autoptr(GError) error = NULL;
  ReslibImportReport *report = reslib_test_import_package (store, path, into, &error);

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

      /* Folders are where files go (blobs/tmp is made by any import that starts staging, and stays);
       * only the files in them count. */
      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        list_files (child, out);
      else
        g_string_append_printf (out, "file %s\n", child);
    }
}

/* Every row of every table, and every file (not folder) under the blob folder. */
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

/* Submits every draft resource of @project for review: a package's resources arrive in review, so a
 * store whose resources are all in review packs the same records again after an import. */
static void
submit_all (ReslibStore *store,
            const char  *project)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) resources = reslib_store_list (store, RESLIB_KIND_RESOURCE, project, &error);
  g_autoptr(GPtrArray) ids = g_ptr_array_new ();

  g_assert_no_error (error);
  for (guint i = 0; i < g_list_model_get_n_items (resources); i++)
    {
      g_autoptr(ReslibRecord) r = g_list_model_get_item (resources, i);

      if (g_strcmp0 (reslib_record_get (r, "state"), "draft") == 0)
        g_ptr_array_add (ids, (gpointer) reslib_record_get_id (r));
    }
  g_ptr_array_add (ids, NULL);
  if (ids->len > 1)
    g_assert_true (reslib_store_review (store, (const char * const *) ids->pdata, RESLIB_REVIEW_SUBMIT, NULL, &error));
  g_assert_no_error (error);
}

/* pack → verify → import into a fresh store → pack again: the same bytes. */
static void
test_roundtrip (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_autoptr(ReslibImportReport) report = NULL;
  g_autoptr(ReslibImportReport) again = NULL;
  g_autoptr(GBytes) first_bytes = NULL;
  g_autoptr(GBytes) second_bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) json = NULL;

  submit_all (f->a, f->project);
  first = pack_in_review (f, f->a, "first.tar");
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

  second = pack_in_review (f, f->b, "second.tar");
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
  g_autoptr(GListModel) conflicts = NULL;
  gboolean found_unit_conflict = FALSE;
  gboolean found_resource_conflict = FALSE;

  /* In the source: a new record, a change only there, and changes on both sides. */
  new_milestone = reslib_test_insert (f->a, RESLIB_KIND_MILESTONE,
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
  /* The lead lets the package change the units too (a unit's conflict is then kept). */
  report = import_with (f->b, second, NULL, RESLIB_IMPORT_UPDATE_DOSSIER);
  g_assert_false (report->dossier_protected);
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
  /* …no copy is made beside it… */
  units = reslib_store_list (f->b, RESLIB_KIND_UNIT, f->project, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (units), ==, 2);
  resources = reslib_store_list (f->b, RESLIB_KIND_RESOURCE, f->project, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (resources), ==, 3);
  /* …and the incoming one waits as a conflict, whole. */
  conflicts = reslib_store_list_conflicts (f->b, f->project, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (conflicts), ==, 2);
  g_assert_cmpuint (reslib_store_count_conflicts (f->b, f->project, &error), ==, 2);
  for (guint i = 0; i < g_list_model_get_n_items (conflicts); i++)
    {
      g_autoptr(ReslibConflict) c = g_list_model_get_item (conflicts, i);
      ReslibRecord *theirs = reslib_conflict_get_theirs (c);

      g_assert_cmpstr (reslib_conflict_get_bag (c), ==, report->bag);
      g_assert_cmpint (reslib_record_get_kind (theirs), ==, reslib_conflict_get_kind (c));
      if (reslib_conflict_get_kind (c) == RESLIB_KIND_UNIT)
        {
          g_assert_cmpstr (reslib_conflict_get_record_id (c), ==, f->partner_unit);
          g_assert_cmpstr (reslib_conflict_get_title (c), ==, "某机床企业（来自源）");
          found_unit_conflict = TRUE;
        }
      else
        {
          g_assert_cmpint (reslib_conflict_get_kind (c), ==, RESLIB_KIND_RESOURCE);
          g_assert_cmpstr (reslib_conflict_get_record_id (c), ==, f->res_other);
          g_assert_cmpstr (reslib_record_get (theirs, "title"), ==, "图 2（源）");
          g_assert_cmpstr (reslib_record_get (theirs, "project_id"), ==, f->project);
          g_assert_cmpstr (reslib_record_get (theirs, "blob_sha256"), ==, reslib_record_get (resource, "blob_sha256"));
          g_assert_cmpstr (reslib_record_get_list (theirs, "keywords")[0], ==, "图纸");
          found_resource_conflict = TRUE;
        }
    }
  g_assert_true (found_unit_conflict);
  g_assert_true (found_resource_conflict);
}

/* Rebuilds a package's bag after @edit changed its manifest.json: checksums and Payload-Oxum fixed up. */
typedef void (*EditFunc) (JsonObject *root,
                          Fixture    *f);
/* Changes manifest.json as text, after @edit: for what json-glib would not write. */
typedef void (*TextEditFunc) (GString *json,
                              Fixture *f);

typedef struct
{
  EditFunc      edit;
  TextEditFunc  text_edit;
  Fixture      *f;
} Edits;

static void
apply_edit (JsonObject *root,
            gpointer    user_data)
{
  Edits *edits = user_data;

  if (edits->edit != NULL)
    edits->edit (root, edits->f);
}

static void
apply_text_edit (GString  *json,
                 gpointer  user_data)
{
  Edits *edits = user_data;

  if (edits->text_edit != NULL)
    edits->text_edit (json, edits->f);
}

static void
rebag_full (const char   *src,
            const char   *dest,
            EditFunc      edit,
            TextEditFunc  text_edit,
            Fixture      *f)
{
  Edits edits = { edit, text_edit, f };
  const ReslibTestRebag how = {
    .edit = apply_edit, .text_edit = apply_text_edit, .user_data = &edits, .set_external_identifier = TRUE,
  };

  reslib_test_rebag (src, dest, &how);
}

static void
rebag (const char *src,
       const char *dest,
       EditFunc    edit,
       Fixture    *f)
{
  rebag_full (src, dest, edit, NULL, f);
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
assert_import_fails_with (Fixture           *f,
                          const char        *path,
                          ReslibImportFlags  flags,
                          gboolean           expect_problems,
                          int                code)
{
  g_autofree char *before = dump (f->b);
  g_autofree char *after = NULL;
  g_autoptr(ReslibPackageImporter) importer = reslib_package_importer_new (f->b, path);
  g_autoptr(GError) error = NULL;
  GPtrArray *problems;

  reslib_package_importer_set_flags (importer, flags);
  g_assert_false (reslib_job_run (RESLIB_JOB (importer), NULL, &error));
  problems = reslib_package_importer_get_problems (importer);
  g_assert_nonnull (error);
  g_test_message ("refused: %s", error->message);
  g_assert_null (strstr (error->message, "constraint failed"));
  if (code >= 0)
    g_assert_error (error, RESLIB_ERROR, code);
  g_assert_null (reslib_package_importer_get_report (importer));
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
  assert_import_fails_with (f, path, RESLIB_IMPORT_NONE, expect_problems, RESLIB_ERROR_BAD_FILE);
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
  /* A failure after the files were staged leaves none of them behind (a second core major, which only a
   * package let to change the dossier adds), and names no SQL. */
  rebag (good, bad, edit_second_core_major, f);
  assert_import_fails_with (f, bad, RESLIB_IMPORT_UPDATE_DOSSIER, FALSE, RESLIB_ERROR_BAD_FILE);

  /* Not a tar at all. */
  g_assert_true (g_file_set_contents (bad, "not a tar", -1, NULL));
  assert_import_fails (f, bad, TRUE);

  /* The rebuilt one still imports. */
  report = import (f->b, rebuilt, NULL);
  g_assert_cmpuint (report->added[RESLIB_KIND_RESOURCE], ==, 2);
}

/* ---------------------------------------------------------------------------------------------- */
/* Hostile packages: each is refused by verify and import, and leaves the store as it was          */

static JsonObject *
find_in (JsonObject *root,
         const char *member,
         const char *id)
{
  JsonArray *records = json_object_get_array_member (root, member);

  for (guint i = 0; i < json_array_get_length (records); i++)
    {
      JsonObject *r = json_array_get_object_element (records, i);

      if (g_strcmp0 (json_object_get_string_member (r, "id"), id) == 0)
        return r;
    }
  g_assert_not_reached ();
}

static JsonObject *
first_of (JsonObject *root,
          const char *member)
{
  return json_array_get_object_element (json_object_get_array_member (root, member), 0);
}

static void
text_comment (GString *json,
              Fixture *f)
{
  g_assert_cmpuint (g_string_replace (json, "\"resources\":[", "\"resources\":[/* hidden */", 1), ==, 1);
}

static void
text_single_quotes (GString *json,
                    Fixture *f)
{
  g_assert_cmpuint (g_string_replace (json, "\"format\":\"reslib-package\"", "\"format\":'reslib-package'", 1), ==, 1);
}

static void
text_duplicate_member (GString *json,
                       Fixture *f)
{
  g_autofree char *from = g_strdup_printf ("{\"id\":\"%s\"", f->res_text);
  g_autofree char *to = g_strdup_printf ("{\"id\":\"%s\",\"id\":\"%s\"", f->res_other, f->res_text);

  g_assert_cmpuint (g_string_replace (json, from, to, 1), ==, 1);
}

static void
text_trailing_comma (GString *json,
                     Fixture *f)
{
  g_assert_cmpuint (g_string_replace (json, "\"declarations\":[]", "\"declarations\":[],", 1), ==, 1);
}

static void
edit_number_resource (JsonObject *root,
                      Fixture    *f)
{
  json_array_add_int_element (json_object_get_array_member (root, "resources"), 42);
}

static void
edit_resource_without_id (JsonObject *root,
                          Fixture    *f)
{
  json_object_remove_member (find_resource (root, f->res_text), "id");
}

static void
edit_id_newline (JsonObject *root,
                 Fixture    *f)
{
  JsonObject *milestone = first_of (root, "milestones");
  g_autofree char *id = g_strconcat (json_object_get_string_member (milestone, "id"), "\n", NULL);

  json_object_set_string_member (milestone, "id", id);
}

static void
edit_id_uppercase (JsonObject *root,
                   Fixture    *f)
{
  JsonObject *milestone = first_of (root, "milestones");
  g_autofree char *id = g_ascii_strup (json_object_get_string_member (milestone, "id"), -1);

  json_object_set_string_member (milestone, "id", id);
}

static void
edit_garbage_time (JsonObject *root,
                   Fixture    *f)
{
  json_object_set_string_member (first_of (root, "milestones"), "updated_at", "9999-99-99 soon");
}

static void
edit_negative_count (JsonObject *root,
                     Fixture    *f)
{
  json_object_set_int_member (json_object_get_object_member (root, "project"), "baseline_count", -3);
}

static void
edit_project_date (JsonObject *root,
                   Fixture    *f)
{
  json_object_set_string_member (json_object_get_object_member (root, "project"), "start_date", "2025-13-45");
}

static void
edit_float_position (JsonObject *root,
                     Fixture    *f)
{
  json_object_set_double_member (first_of (root, "milestones"), "position", 1e300);
}

/* The manifest agrees with itself, but the file holds fewer bytes than it says. */
static void
edit_size_lie (JsonObject *root,
               Fixture    *f)
{
  JsonObject *resource = find_resource (root, f->res_other);
  JsonArray *files = json_object_get_array_member (root, "files");
  gint64 size = json_object_get_int_member (resource, "size") + 1000;

  json_object_set_int_member (resource, "size", size);
  for (guint i = 0; i < json_array_get_length (files); i++)
    {
      JsonObject *file = json_array_get_object_element (files, i);

      if (g_strcmp0 (json_object_get_string_member (file, "resource_id"), f->res_other) == 0)
        json_object_set_int_member (file, "size", size);
    }
}

static void
edit_self_parent (JsonObject *root,
                  Fixture    *f)
{
  json_object_set_string_member (find_in (root, "nodes", f->module), "parent_id", f->module);
}

static void
edit_cycle (JsonObject *root,
            Fixture    *f)
{
  json_object_set_string_member (find_in (root, "nodes", f->module), "parent_id", f->knowledge);
}

static void
edit_milestone_other_project (JsonObject *root,
                              Fixture    *f)
{
  json_object_set_string_member (first_of (root, "milestones"), "project_id", "00000000-0000-4000-8000-000000000001");
}

static void
edit_unknown_member (JsonObject *root,
                     Fixture    *f)
{
  json_object_set_string_member (root, "extra", "x");
}

/* A member whose name would move the cursor of a terminal that printed it. */
static void
edit_escape_member (JsonObject *root,
                    Fixture    *f)
{
  json_object_set_string_member (first_of (root, "milestones"), "x\033[2J", "v");
}

static void
edit_escape_date (JsonObject *root,
                  Fixture    *f)
{
  json_object_set_string_member (first_of (root, "milestones"), "due_date", "2026-01-01\033[2J");
}

typedef struct
{
  const char   *name;
  EditFunc      edit;
  TextEditFunc  text_edit;
  const char   *expect;     /* a piece of one problem verify finds */
} HostileCase;

static void
test_hostile (Fixture       *f,
              gconstpointer  data)
{
  static const HostileCase cases[] = {
    { "comment", NULL, text_comment, "not valid JSON" },
    { "single-quotes", NULL, text_single_quotes, "not valid JSON" },
    { "duplicate-member", NULL, text_duplicate_member, "given twice" },
    { "trailing-comma", NULL, text_trailing_comma, "not valid JSON" },
    { "number-record", edit_number_resource, NULL, "/resources/3" },
    { "no-id", edit_resource_without_id, NULL, "“id” is missing" },
    { "id-newline", edit_id_newline, NULL, "/milestones/0/id" },
    { "id-uppercase", edit_id_uppercase, NULL, "/milestones/0/id" },
    { "garbage-time", edit_garbage_time, NULL, "updated_at" },
    { "negative-count", edit_negative_count, NULL, "/project/baseline_count" },
    { "project-date", edit_project_date, NULL, "start_date" },
    { "float-position", edit_float_position, NULL, "/milestones/0/position" },
    { "size-lie", edit_size_lie, NULL, "bytes, but data/manifest.json gives its size as" },
    { "self-parent", edit_self_parent, NULL, "its own parent" },
    { "cycle", edit_cycle, NULL, "cycle" },
    { "other-project", edit_milestone_other_project, NULL, "belongs to another project" },
    { "unknown-member", edit_unknown_member, NULL, "“extra”" },
    { "escape-member", edit_escape_member, NULL, "x\\x1b[2J" },
    { "escape-date", edit_escape_date, NULL, "2026-01-01\\x1b[2J" },
  };
  g_autofree char *good = pack (f, f->a, "progress", NULL, "good.tar");

  /* Something in the store already, so "nothing changed" means something. */
  {
    g_autofree char *small = pack (f, f->a, "contribution", (const char * const[]) { f->res_other, NULL }, "small.tar");
    g_autoptr(ReslibImportReport) r = import (f->b, small, NULL);
  }

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *name = g_strdup_printf ("%s.tar", cases[i].name);
      g_autofree char *path = g_build_filename (f->out, name, NULL);
      g_autoptr(GPtrArray) problems = NULL;
      g_autoptr(GError) error = NULL;
      gboolean found = FALSE;

      g_test_message ("case %s", cases[i].name);
      rebag_full (good, path, cases[i].edit, cases[i].text_edit, f);
      g_assert_false (reslib_package_verify (path, &problems, NULL, NULL, &error));
      g_assert_error (error, RESLIB_ERROR, RESLIB_ERROR_BAD_FILE);
      for (guint j = 0; j < problems->len; j++)
        {
          const char *text = g_ptr_array_index (problems, j);

          g_test_message ("  %s", text);
          found |= strstr (text, cases[i].expect) != NULL;
          /* Text from the package is quoted with its control characters escaped. */
          for (const char *p = text; *p != '\0'; p++)
            g_assert_cmpint ((guchar) *p, >=, 0x20);
        }
      if (!found)
        g_error ("case %s: no problem mentions “%s”", cases[i].name, cases[i].expect);
      assert_import_fails (f, path, TRUE);
    }
}

/* The MIME type of a blob is what the file is, not what the package says. */
static void
edit_mime_lie (JsonObject *root,
               Fixture    *f)
{
  json_object_set_string_member (find_resource (root, f->res_other), "mime_type", "text/html");
}

static void
test_mime_sniffed (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *good = pack (f, f->a, "progress", NULL, "good.tar");
  g_autofree char *lying = g_build_filename (f->out, "lying.tar", NULL);
  g_autoptr(ReslibImportReport) report = NULL;
  g_autoptr(ReslibRecord) resource = NULL;
  g_autoptr(GError) error = NULL;

  rebag (good, lying, edit_mime_lie, f);
  report = import (f->b, lying, NULL);
  resource = reslib_store_get (f->b, RESLIB_KIND_RESOURCE, f->res_other, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (reslib_record_get (resource, "mime_type"), ==, "image/png");
}

/* The package alone is a tree, but its module would hang below a node the store has below it. */
static void
edit_cycle_through_store (JsonObject *root,
                          Fixture    *f)
{
  JsonArray *nodes = json_object_get_array_member (root, "nodes");

  for (guint i = 0; i < json_array_get_length (nodes); i++)
    if (g_strcmp0 (json_object_get_string_member (json_array_get_object_element (nodes, i), "id"), f->knowledge) == 0)
      {
        json_array_remove_element (nodes, i);
        break;
      }
  json_object_set_string_member (find_in (root, "nodes", f->module), "parent_id", f->knowledge);
}

static void
test_cycle_through_store (Fixture       *f,
                          gconstpointer  data)
{
  g_autofree char *good = pack (f, f->a, "progress", NULL, "good.tar");
  g_autofree char *bad = g_build_filename (f->out, "bad.tar", NULL);
  g_autoptr(ReslibImportReport) report = import (f->b, good, NULL);

  rebag (good, bad, edit_cycle_through_store, f);
  g_assert_true (reslib_package_verify (bad, NULL, NULL, NULL, NULL));
  assert_import_fails (f, bad, FALSE);
}

static void
test_cancel (Fixture       *f,
             gconstpointer  data)
{
  g_autofree char *path = pack (f, f->a, "progress", NULL, "p.tar");
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(ReslibPackageImporter) importer = reslib_package_importer_new (f->b, path);
  g_autoptr(GError) error = NULL;
  g_autofree char *before = dump (f->b);
  g_autofree char *after = NULL;

  g_cancellable_cancel (cancellable);
  g_assert_false (reslib_job_run (RESLIB_JOB (importer), cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (reslib_package_importer_get_report (importer));
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

/* Cancelled while its worker runs (before the one transaction commits), an async import changes nothing
 * and leaves no blob behind. */
static void
test_async_cancel (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *path = pack (f, f->a, "progress", NULL, "p.tar");
  g_autoptr(ReslibPackageImporter) importer = reslib_package_importer_new (f->b, path);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *before = dump (f->b);
  g_autofree char *after = NULL;

  reslib_job_run_async (RESLIB_JOB (importer), NULL, import_done_cb, &result);
  g_assert_true (reslib_job_get_busy (RESLIB_JOB (importer)));
  reslib_job_cancel (RESLIB_JOB (importer));
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (reslib_job_run_finish (RESLIB_JOB (importer), result, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (reslib_package_importer_get_report (importer));
  while (g_main_context_iteration (NULL, FALSE))
    ;
  after = dump (f->b);
  g_assert_cmpstr (before, ==, after);
}

typedef struct
{
  GThread *main_thread;
  guint    calls;
  guint    wrong_thread;
} ThreadLog;

static void
thread_progress_cb (const ReslibProgress *progress,
                    gpointer              user_data)
{
  ThreadLog *log = user_data;

  log->calls++;
  if (g_thread_self () != log->main_thread)
    log->wrong_thread++;
}

static char *
import_into_new_store (Fixture    *f,
                       const char *path,
                       gboolean    async,
                       ThreadLog  *log)
{
  g_autofree char *data_dir = g_build_filename (f->dir, async ? "c-async" : "c-sync", NULL);
  g_autoptr(ReslibStore) store = reslib_test_open_store (data_dir);
  g_autoptr(ReslibPackageImporter) importer = reslib_package_importer_new (store, path);
  g_autoptr(JsonNode) json = NULL;
  g_autoptr(GError) error = NULL;

  reslib_job_set_progress_func (RESLIB_JOB (importer), thread_progress_cb, log, NULL);
  if (async)
    {
      g_autoptr(GAsyncResult) result = NULL;

      reslib_job_run_async (RESLIB_JOB (importer), NULL, import_done_cb, &result);
      while (result == NULL)
        g_main_context_iteration (NULL, TRUE);
      g_assert_true (reslib_job_run_finish (RESLIB_JOB (importer), result, &error));
    }
  else
    g_assert_true (reslib_job_run (RESLIB_JOB (importer), NULL, &error));
  g_assert_no_error (error);
  g_assert_null (reslib_package_importer_get_problems (importer));
  g_assert_cmpuint (reslib_store_count (store, RESLIB_KIND_RESOURCE, f->project, NULL), ==, 3);
  g_assert_cmpfloat (reslib_job_get_fraction (RESLIB_JOB (importer)), ==, 1.0);
  g_assert_cmpint (reslib_job_get_progress (RESLIB_JOB (importer))->eta, ==, -1);
  g_assert_cmpstr (reslib_job_get_title (RESLIB_JOB (importer)), ==, "Importing a package");
  json = reslib_import_report_to_json (reslib_package_importer_get_report (importer));
  return json_to_string (json, FALSE);
}

/* Run in a worker or in the caller's thread, an import does the same and reports the same; progress
 * comes in the caller's thread either way. */
static void
test_sync_async_same (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *path = pack (f, f->a, "progress", NULL, "p.tar");
  ThreadLog sync_log = { g_thread_self (), 0, 0 };
  ThreadLog async_log = { g_thread_self (), 0, 0 };
  g_autofree char *sync_report = import_into_new_store (f, path, FALSE, &sync_log);
  g_autofree char *async_report = import_into_new_store (f, path, TRUE, &async_log);

  g_assert_cmpstr (sync_report, ==, async_report);
  g_assert_nonnull (strstr (sync_report, "\"blobs_added\":2"));
  g_assert_cmpuint (sync_log.calls, >=, 1);
  g_assert_cmpuint (async_log.calls, >=, 1);
  g_assert_cmpuint (sync_log.wrong_thread, ==, 0);
  g_assert_cmpuint (async_log.wrong_thread, ==, 0);
}

static void
count_change (guint *changes)
{
  (*changes)++;
}

static void
test_async_into (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *path = pack (f, f->a, "contribution", (const char * const[]) { f->res_text, NULL }, "c.tar");
  g_autofree char *other = reslib_test_new_project (f->b, "另一个资源库");
  g_autoptr(ReslibPackageImporter) importer = reslib_package_importer_new (f->b, path);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(ReslibImportReport) report = NULL;
  g_autoptr(ReslibRecord) resource = NULL;
  g_autoptr(ReslibRecord) node = NULL;
  g_autoptr(GError) error = NULL;

  guint changes = 0;
  gulong handler = g_signal_connect_swapped (f->b, "changed", G_CALLBACK (count_change), &changes);

  /* Through a connection of its own, whose changes the caller's store tells. */
  reslib_package_importer_set_into_project (importer, other);
  reslib_job_run_async (RESLIB_JOB (importer), NULL, import_done_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (reslib_job_run_finish (RESLIB_JOB (importer), result, &error));
  g_assert_no_error (error);
  report = reslib_import_report_copy (reslib_package_importer_get_report (importer));
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_cmpuint (changes, >, 0);
  g_signal_handler_disconnect (f->b, handler);
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
  report = reslib_test_import_package (f->b, path, "00000000-0000-4000-8000-000000000000", &error);
  g_assert_error (error, RESLIB_ERROR, RESLIB_ERROR_NOT_FOUND);
  g_assert_null (report);
}

/* ---------------------------------------------------------------------------------------------- */
/* Merging by content: a teacher's library (a) and the lead's (b) exchanging real packages          */

static ReslibRecord *
get (ReslibStore *store,
     ReslibKind   kind,
     const char  *id)
{
  g_autoptr(GError) error = NULL;
  ReslibRecord *record = reslib_store_get (store, kind, id, &error);

  g_assert_no_error (error);
  g_assert_nonnull (record);

  return record;
}

static void
set (ReslibStore *store,
     ReslibKind   kind,
     const char  *id,
     const char  *field,
     const char  *value)
{
  g_autoptr(GError) error = NULL;

  reslib_store_update (store, kind, id, (const char * const[]) { field, NULL }, (const char * const[]) { value },
                       &error);
  g_assert_no_error (error);
}

static guint
count (ReslibStore *store,
       ReslibKind   kind,
       const char  *scope)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) model = reslib_store_list (store, kind, scope, &error);

  g_assert_no_error (error);

  return g_list_model_get_n_items (model);
}

/* The number of conflicts of @project waiting for the resource @id whose incoming title is @title. */
static guint
count_conflicts (ReslibStore *store,
                 const char  *project,
                 const char  *id,
                 const char  *title)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) model = reslib_store_list_conflicts (store, project, &error);
  guint n = 0;

  g_assert_no_error (error);
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(ReslibConflict) c = g_list_model_get_item (model, i);

      if (g_strcmp0 (reslib_conflict_get_record_id (c), id) == 0 &&
          g_strcmp0 (reslib_record_get (reslib_conflict_get_theirs (c), "title"), title) == 0)
        n++;
    }

  return n;
}

/* The lead edits one field, the teacher another one later: that is a conflict, whatever the clocks say;
 * the lead's edit stays and the teacher's version waits as a conflict (no copy of the resource is made),
 * once however often it comes in. */
static void
test_content_not_clock (Fixture       *f,
                        gconstpointer  data)
{
  const char * const ids[] = { f->res_text, NULL };
  g_autofree char *first = pack (f, f->a, "contribution", ids, "first.tar");
  g_autofree char *second = NULL;
  g_autofree char *third = NULL;
  g_autoptr(ReslibImportReport) r1 = import (f->b, first, NULL);
  g_autoptr(ReslibImportReport) r2 = NULL;
  g_autoptr(ReslibImportReport) r3 = NULL;
  g_autoptr(ReslibImportReport) r4 = NULL;
  g_autoptr(ReslibRecord) lead = NULL;
  g_autoptr(ReslibRecord) teacher = NULL;
  guint n_resources;

  g_assert_cmpuint (r1->added[RESLIB_KIND_RESOURCE], ==, 1);

  /* Only the teacher changed it since: taken, though the lead's library has a later time on it. */
  set (f->b, RESLIB_KIND_RESOURCE, f->res_text, "language", "zh");   /* the same value: no change */
  set (f->a, RESLIB_KIND_RESOURCE, f->res_text, "description", "教师补充的说明");
  second = pack (f, f->a, "contribution", ids, "second.tar");
  r2 = import (f->b, second, NULL);
  g_assert_cmpuint (r2->updated[RESLIB_KIND_RESOURCE], ==, 1);
  g_assert_cmpuint (r2->conflicts[RESLIB_KIND_RESOURCE], ==, 0);
  lead = get (f->b, RESLIB_KIND_RESOURCE, f->res_text);
  g_assert_cmpstr (reslib_record_get (lead, "description"), ==, "教师补充的说明");
  g_clear_object (&lead);

  /* The lead edits the title; later, the teacher edits the keywords. */
  set (f->b, RESLIB_KIND_RESOURCE, f->res_text, "title", "第一章 讲义（组长改）");
  g_usleep (2000);
  {
    g_autoptr(GError) error = NULL;

    g_assert_true (reslib_store_set_list (f->a, f->res_text, "keywords",
                                          (const char * const[]) { "数控", "车削", "外圆", NULL }, &error));
    g_assert_no_error (error);
  }
  set (f->a, RESLIB_KIND_RESOURCE, f->res_text, "title", "第一章 讲义（教师改）");
  teacher = get (f->a, RESLIB_KIND_RESOURCE, f->res_text);
  lead = get (f->b, RESLIB_KIND_RESOURCE, f->res_text);
  g_assert_cmpstr (reslib_record_get (lead, "updated_at"), <, reslib_record_get (teacher, "updated_at"));
  g_clear_object (&lead);
  n_resources = count (f->b, RESLIB_KIND_RESOURCE, f->project);

  third = pack (f, f->a, "contribution", ids, "third.tar");
  r3 = import (f->b, third, NULL);
  g_assert_cmpuint (r3->updated[RESLIB_KIND_RESOURCE], ==, 0);
  g_assert_cmpuint (r3->conflicts[RESLIB_KIND_RESOURCE], ==, 1);
  lead = get (f->b, RESLIB_KIND_RESOURCE, f->res_text);
  g_assert_cmpstr (reslib_record_get (lead, "title"), ==, "第一章 讲义（组长改）");
  g_assert_cmpuint (g_strv_length ((GStrv) reslib_record_get_list (lead, "keywords")), ==, 2);
  g_assert_cmpuint (count (f->b, RESLIB_KIND_RESOURCE, f->project), ==, n_resources);
  g_assert_cmpuint (count_conflicts (f->b, f->project, f->res_text, "第一章 讲义（教师改）"), ==, 1);

  /* The same package again, and the older ones: nothing is added, nothing changes. */
  {
    const char *again[] = { third, third, second, first };

    for (guint i = 0; i < G_N_ELEMENTS (again); i++)
      {
        g_clear_pointer (&r4, reslib_import_report_free);
        r4 = import (f->b, again[i], NULL);
        g_assert_cmpuint (total (r4->added) + total (r4->updated) + total (r4->conflicts), ==, 0);
        g_assert_cmpuint (r4->unchanged[RESLIB_KIND_RESOURCE], ==, 1);
      }
  }
  g_assert_cmpuint (count (f->b, RESLIB_KIND_RESOURCE, f->project), ==, n_resources);
  g_assert_cmpuint (count_conflicts (f->b, f->project, f->res_text, "第一章 讲义（教师改）"), ==, 1);
  g_clear_object (&lead);
  lead = get (f->b, RESLIB_KIND_RESOURCE, f->res_text);
  g_assert_cmpstr (reslib_record_get (lead, "title"), ==, "第一章 讲义（组长改）");

  /* Deleted here, it has no versions left: the package brings it back as new. */
  {
    g_autoptr(GError) error = NULL;
    g_autofree char *sql = g_strdup_printf ("SELECT (SELECT count(*) FROM sync_versions WHERE record_id = '%s') + "
                                            "(SELECT count(*) FROM sync_bases WHERE record_id = '%s')",
                                            f->res_text, f->res_text);
    g_autofree char *db_path = g_build_filename (f->b_dir, "library.db", NULL);
    g_autofree char *n = NULL;

    g_assert_true (reslib_store_delete (f->b, RESLIB_KIND_RESOURCE, f->res_text, &error));
    g_assert_no_error (error);
    n = reslib_test_sql_text (db_path, sql);
    g_assert_cmpstr (n, ==, "0");
    g_clear_pointer (&r4, reslib_import_report_free);
    r4 = import (f->b, third, NULL);
    g_assert_cmpuint (r4->added[RESLIB_KIND_RESOURCE], ==, 1);
  }
}

/* Records never exchanged before, with the same ids and other content: conflicts, not updates. */
static void
test_never_exchanged (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *first = pack (f, f->a, "progress", NULL, "first.tar");
  g_autofree char *second = NULL;
  g_autoptr(ReslibImportReport) r1 = import (f->b, first, NULL);
  g_autoptr(ReslibImportReport) r2 = NULL;
  g_autoptr(ReslibRecord) node = NULL;
  sqlite3 *db = _reslib_store_get_db (f->b);

  /* As in a library made before versions were kept. */
  g_assert_cmpint (sqlite3_exec (db, "DELETE FROM sync_versions; DELETE FROM sync_bases", NULL, NULL, NULL), ==,
                   SQLITE_OK);
  set (f->a, RESLIB_KIND_NODE, f->knowledge, "title", "知识点 1（源）");
  second = pack (f, f->a, "progress", NULL, "second.tar");
  r2 = import (f->b, second, NULL);
  g_assert_cmpuint (r2->conflicts[RESLIB_KIND_NODE], ==, 1);
  g_assert_cmpuint (r2->updated[RESLIB_KIND_NODE], ==, 0);
  g_assert_cmpuint (r2->unchanged[RESLIB_KIND_NODE], ==, 1);
  node = get (f->b, RESLIB_KIND_NODE, f->knowledge);
  g_assert_cmpstr (reslib_record_get (node, "title"), ==, "知识点 1");
}

static void
forge_future (JsonObject *record,
              const char *field,
              const char *value)
{
  json_object_set_string_member (record, field, value);
  json_object_set_string_member (record, "updated_at", "9999-12-31T23:59:59.000000Z");
}

static JsonObject *
find_record (JsonObject *root,
             const char *member,
             const char *id)
{
  JsonArray *records = json_object_get_array_member (root, member);

  for (guint i = 0; i < json_array_get_length (records); i++)
    {
      JsonObject *r = json_array_get_object_element (records, i);

      if (g_strcmp0 (json_object_get_string_member (r, "id"), id) == 0)
        return r;
    }
  g_assert_not_reached ();
}

static void
edit_forged_dates (JsonObject *root,
                   Fixture    *f)
{
  forge_future (json_object_get_object_member (root, "project"), "name", "伪造的项目名称");
  forge_future (find_record (root, "units", f->host_unit), "name", "伪造的主持单位");
  forge_future (find_record (root, "resources", f->res_other), "title", "伪造的标题");
  forge_future (find_record (root, "milestones", json_object_get_string_member (
                  json_array_get_object_element (json_object_get_array_member (root, "milestones"), 0), "id")),
                "title", "伪造的里程碑");
}

/* A package dated in the year 9999 changes nothing the lead changed, nor the project's dossier. */
static void
test_forged_dates (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *first = pack (f, f->a, "progress", NULL, "first.tar");
  g_autofree char *forged = g_build_filename (f->out, "forged.tar", NULL);
  g_autoptr(ReslibImportReport) r1 = import (f->b, first, NULL);
  g_autoptr(ReslibImportReport) r2 = NULL;
  g_autoptr(ReslibRecord) project = NULL;
  g_autoptr(ReslibRecord) unit = NULL;
  g_autoptr(ReslibRecord) resource = NULL;
  g_autoptr(GListModel) milestones = NULL;
  g_autoptr(ReslibRecord) milestone = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *now = NULL;
  guint n_units = count (f->b, RESLIB_KIND_UNIT, f->project);

  set (f->b, RESLIB_KIND_RESOURCE, f->res_other, "title", "图 2（组长改）");
  rebag (first, forged, edit_forged_dates, f);
  r2 = import (f->b, forged, NULL);
  g_assert_true (r2->dossier_protected);
  g_assert_cmpuint (r2->conflicts[RESLIB_KIND_PROJECT], ==, 1);
  g_assert_cmpuint (r2->conflicts[RESLIB_KIND_UNIT], ==, 1);
  g_assert_cmpuint (r2->conflicts[RESLIB_KIND_RESOURCE], ==, 1);
  g_assert_cmpuint (total (r2->updated), ==, 1);

  project = get (f->b, RESLIB_KIND_PROJECT, f->project);
  g_assert_cmpstr (reslib_record_get (project, "name"), ==, "数控技术专业教学资源库");
  unit = get (f->b, RESLIB_KIND_UNIT, f->host_unit);
  g_assert_cmpstr (reslib_record_get (unit, "name"), ==, "河南某职业技术学院");
  /* No copy of a unit: a second host unit would change the dossier as much. */
  g_assert_cmpuint (count (f->b, RESLIB_KIND_UNIT, f->project), ==, n_units);
  resource = get (f->b, RESLIB_KIND_RESOURCE, f->res_other);
  g_assert_cmpstr (reslib_record_get (resource, "title"), ==, "图 2（组长改）");

  /* What nobody changed here is taken by its content, but its date is not believed. */
  milestones = reslib_store_list (f->b, RESLIB_KIND_MILESTONE, f->project, &error);
  g_assert_no_error (error);
  milestone = g_list_model_get_item (milestones, 0);
  g_assert_cmpstr (reslib_record_get (milestone, "title"), ==, "伪造的里程碑");
  now = reslib_now_iso8601 ();
  g_assert_cmpstr (reslib_record_get (milestone, "updated_at"), <=, now);

  /* The dossier's incoming versions are in the log, not lost. */
  {
    g_autoptr(JsonNode) events = reslib_store_list_events (f->b, f->host_unit, &error);
    g_autofree char *text = json_to_string (events, FALSE);

    g_assert_no_error (error);
    g_assert_nonnull (strstr (text, "伪造的主持单位"));
  }
}

static void
edit_other_project_unit (JsonObject *root,
                         Fixture    *f)
{
  JsonObject *unit = find_record (root, "units", f->partner_unit);

  json_object_set_string_member (unit, "id", f->other_unit);
  forge_future (unit, "name", "改名");
}

static void
edit_other_project (JsonObject *root,
                    Fixture    *f)
{
  GList *members = json_object_get_members (root);

  forge_future (json_object_get_object_member (root, "project"), "name", "伪造的项目名称");
  json_object_set_string_member (json_object_get_object_member (root, "project"), "id", f->other_project);
  for (GList *m = members; m != NULL; m = m->next)
    {
      JsonNode *node = json_object_get_member (root, m->data);

      if (JSON_NODE_HOLDS_ARRAY (node) && strcmp (m->data, "files") != 0)
        for (guint i = 0; i < json_array_get_length (json_node_get_array (node)); i++)
          json_object_set_string_member (json_array_get_object_element (json_node_get_array (node), i),
                                         "project_id", f->other_project);
    }
  g_list_free (members);
}

/* A package never changes a record of another project of the store. */
static void
test_other_project (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *first = pack (f, f->a, "contribution", (const char * const[]) { f->res_text, NULL }, "c.tar");
  g_autofree char *bad = g_build_filename (f->out, "bad.tar", NULL);
  g_autoptr(ReslibImportReport) report = NULL;
  g_autoptr(ReslibRecord) unit = NULL;
  g_autoptr(ReslibRecord) other = NULL;

  f->other_project = reslib_test_new_project (f->b, "另一个资源库");
  f->other_unit = reslib_test_insert (f->b, RESLIB_KIND_UNIT,
                          (const char * const[]) { "project_id", "name", "kind", "role", NULL },
                          (const char * const[]) { f->other_project, "另一所学校", "higher-vocational", "host" });

  /* A unit with the id of another project's unit: refused, nothing changed. */
  rebag (first, bad, edit_other_project_unit, f);
  assert_import_fails_with (f, bad, RESLIB_IMPORT_NONE, FALSE, RESLIB_ERROR_CONSTRAINT);
  assert_import_fails_with (f, bad, RESLIB_IMPORT_NONE, FALSE, RESLIB_ERROR_CONSTRAINT);
  unit = get (f->b, RESLIB_KIND_UNIT, f->other_unit);
  g_assert_cmpstr (reslib_record_get (unit, "name"), ==, "另一所学校");
  g_assert_cmpstr (reslib_record_get (unit, "project_id"), ==, f->other_project);

  /* A package that names another project of the store as its own: that project's name stays. */
  rebag (first, bad, edit_other_project, f);
  report = import (f->b, bad, NULL);
  g_assert_cmpstr (report->project_id, ==, f->other_project);
  g_assert_true (report->dossier_protected);
  g_assert_cmpuint (report->conflicts[RESLIB_KIND_PROJECT], ==, 1);
  other = get (f->b, RESLIB_KIND_PROJECT, f->other_project);
  g_assert_cmpstr (reslib_record_get (other, "name"), ==, "另一个资源库");
}

/* The project's fields, majors and units change only when the lead lets the package change them. */
static void
test_update_dossier (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *first = pack (f, f->a, "progress", NULL, "first.tar");
  g_autofree char *second = NULL;
  g_autoptr(ReslibImportReport) r1 = import (f->b, first, NULL);
  g_autoptr(ReslibImportReport) r2 = NULL;
  g_autoptr(ReslibImportReport) r3 = NULL;
  g_autoptr(ReslibImportReport) r4 = NULL;
  g_autoptr(ReslibRecord) project = NULL;
  g_autoptr(ReslibRecord) unit = NULL;
  g_autofree char *new_unit = NULL;
  g_autofree char *served = NULL;
  guint n_units = count (f->b, RESLIB_KIND_UNIT, f->project);

  set (f->a, RESLIB_KIND_PROJECT, f->project, "name", "数控技术专业教学资源库（修订）");
  set (f->a, RESLIB_KIND_UNIT, f->host_unit, "credit_code", "12410000MB0000000X");
  new_unit = reslib_test_insert (f->a, RESLIB_KIND_UNIT,
                     (const char * const[]) { "project_id", "name", "kind", "role", NULL },
                     (const char * const[]) { f->project, "新主持单位", "higher-vocational", "host" });
  served = reslib_test_insert (f->a, RESLIB_KIND_MAJOR,
                   (const char * const[]) { "project_id", "role", "code", "name", NULL },
                   (const char * const[]) { f->project, "served", "460104", "机械制造及自动化" });
  second = pack (f, f->a, "progress", NULL, "second.tar");

  /* Not asked for: the dossier stays, twice. */
  for (guint round = 0; round < 2; round++)
    {
      g_clear_pointer (&r2, reslib_import_report_free);
      r2 = import (f->b, second, NULL);
      g_assert_true (r2->dossier_protected);
      g_assert_cmpuint (r2->conflicts[RESLIB_KIND_PROJECT], ==, round == 0 ? 1 : 0);
      g_assert_cmpuint (r2->conflicts[RESLIB_KIND_UNIT], ==, round == 0 ? 1 : 0);
      g_assert_cmpuint (r2->conflicts[RESLIB_KIND_MAJOR], ==, round == 0 ? 1 : 0);
      g_assert_cmpuint (r2->added[RESLIB_KIND_UNIT], ==, round == 0 ? 1 : 0);
      g_assert_cmpuint (r2->added[RESLIB_KIND_MAJOR], ==, 0);
      g_clear_object (&project);
      project = get (f->b, RESLIB_KIND_PROJECT, f->project);
      g_assert_cmpstr (reslib_record_get (project, "name"), ==, "数控技术专业教学资源库");
      g_clear_object (&unit);
      unit = get (f->b, RESLIB_KIND_UNIT, f->host_unit);
      g_assert_null (reslib_record_get (unit, "credit_code"));
      g_assert_cmpuint (count (f->b, RESLIB_KIND_MAJOR, f->project), ==, 1);
      g_assert_cmpuint (count (f->b, RESLIB_KIND_UNIT, f->project), ==, n_units + 1);
      /* A new unit comes in, but a host only as a participant. */
      g_clear_object (&unit);
      unit = get (f->b, RESLIB_KIND_UNIT, new_unit);
      g_assert_cmpstr (reslib_record_get (unit, "role"), ==, "participant");
    }

  /* Asked for: taken, as nobody changed them here. */
  r3 = import_with (f->b, second, NULL, RESLIB_IMPORT_UPDATE_DOSSIER);
  g_assert_false (r3->dossier_protected);
  g_assert_cmpuint (r3->updated[RESLIB_KIND_PROJECT], ==, 1);
  g_assert_cmpuint (r3->updated[RESLIB_KIND_UNIT], ==, 1);
  g_assert_cmpuint (r3->added[RESLIB_KIND_MAJOR], ==, 1);
  g_assert_cmpuint (total (r3->conflicts), ==, 0);
  g_clear_object (&project);
  project = get (f->b, RESLIB_KIND_PROJECT, f->project);
  g_assert_cmpstr (reslib_record_get (project, "name"), ==, "数控技术专业教学资源库（修订）");
  g_clear_object (&unit);
  unit = get (f->b, RESLIB_KIND_UNIT, f->host_unit);
  g_assert_cmpstr (reslib_record_get (unit, "credit_code"), ==, "12410000MB0000000X");
  g_assert_cmpuint (count (f->b, RESLIB_KIND_MAJOR, f->project), ==, 2);

  /* And once more: nothing left to do. */
  r4 = import_with (f->b, second, NULL, RESLIB_IMPORT_UPDATE_DOSSIER);
  g_assert_cmpuint (total (r4->added) + total (r4->updated) + total (r4->conflicts), ==, 0);
}

/* The check of the resource's own unit (a participant's: level 1 of the two-level review), by a member of
 * that unit in @store, which a level-2 approval needs first. */
static void
unit_pass (ReslibStore *store,
           const char  *resource)
{
  g_autofree char *sql = g_strdup_printf ("SELECT m.id FROM members m JOIN resources r ON r.unit_id = m.unit_id "
                                          "WHERE r.id = '%s' LIMIT 1", resource);
  g_autofree char *member = reslib_test_sql_text (reslib_store_get_db_path (store), sql);
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (member);
  g_assert_true (reslib_store_review_decide (store, (const char * const[]) { resource, NULL }, RESLIB_REVIEW_LEVEL_UNIT,
                                             member, TRUE, RESLIB_REVIEW_CHECK_ALL, NULL, &error));
  g_assert_no_error (error);
}

/* Nothing arrives approved: a resource whose content is taken is reviewed again here. */
static void
test_review_reset (Fixture       *f,
                   gconstpointer  data)
{
  const char * const ids[] = { f->res_text, NULL };
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_autofree char *third = NULL;
  g_autoptr(ReslibImportReport) r1 = NULL;
  g_autoptr(ReslibImportReport) r2 = NULL;
  g_autoptr(ReslibImportReport) r3 = NULL;
  g_autoptr(ReslibRecord) r = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (reslib_store_review (f->a, ids, RESLIB_REVIEW_SUBMIT, NULL, &error));
  unit_pass (f->a, f->res_text);
  g_assert_true (reslib_store_review (f->a, ids, RESLIB_REVIEW_APPROVE, "好", &error));
  g_assert_no_error (error);
  r = get (f->a, RESLIB_KIND_RESOURCE, f->res_text);
  g_assert_cmpstr (reslib_record_get (r, "state"), ==, "approved");
  g_clear_object (&r);

  first = pack (f, f->a, "contribution", ids, "first.tar");
  r1 = import (f->b, first, NULL);
  g_assert_cmpuint (r1->added[RESLIB_KIND_RESOURCE], ==, 1);
  r = get (f->b, RESLIB_KIND_RESOURCE, f->res_text);
  g_assert_cmpstr (reslib_record_get (r, "state"), ==, "in-review");
  g_assert_null (reslib_record_get (r, "reviewer"));
  g_assert_null (reslib_record_get (r, "reviewed_at"));
  g_clear_object (&r);

  /* The lead approves it (after the unit's check, recorded by the lead for the unit: level-1 decisions do not
   * travel in packages); the same content again keeps the lead's approval. */
  unit_pass (f->b, f->res_text);
  g_assert_true (reslib_store_review (f->b, ids, RESLIB_REVIEW_APPROVE, NULL, &error));
  g_assert_no_error (error);
  second = pack (f, f->a, "contribution", ids, "second.tar");
  r2 = import (f->b, second, NULL);
  g_assert_cmpuint (r2->unchanged[RESLIB_KIND_RESOURCE], ==, 1);
  r = get (f->b, RESLIB_KIND_RESOURCE, f->res_text);
  g_assert_cmpstr (reslib_record_get (r, "state"), ==, "approved");
  g_clear_object (&r);

  /* Other content than the lead approved: in review again. */
  set (f->a, RESLIB_KIND_RESOURCE, f->res_text, "title", "第一章 讲义（第二版）");
  third = pack (f, f->a, "contribution", ids, "third.tar");
  r3 = import (f->b, third, NULL);
  g_assert_cmpuint (r3->updated[RESLIB_KIND_RESOURCE], ==, 1);
  r = get (f->b, RESLIB_KIND_RESOURCE, f->res_text);
  g_assert_cmpstr (reslib_record_get (r, "title"), ==, "第一章 讲义（第二版）");
  g_assert_cmpstr (reslib_record_get (r, "state"), ==, "in-review");
  g_assert_null (reslib_record_get (r, "reviewer"));
}

static char *
pack_from (Fixture            *f,
           ReslibStore        *store,
           const char * const *ids,
           const char         *name)
{
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (f->out, name, NULL);

  g_assert_true (reslib_test_pack (store, f->project, "contribution", ids, path, NULL, &error));
  g_assert_no_error (error);

  return path;
}

/* What a contribution sends is the base of a record that had none: a resource the lead made, edited by
 * the teacher, is taken. Later versions sent are no base, so two contributions that cross (each side
 * changed the record and packed before importing the other's package) are conflicts on both sides,
 * and each side keeps both versions. */
static void
test_sent_base (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *start = pack (f, f->a, "progress", NULL, "start.tar");
  g_autoptr(ReslibImportReport) r = import (f->b, start, NULL);
  g_autofree char *mine = NULL;
  const char *ids[] = { NULL, NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(ReslibRecord) record = NULL;

  /* The lead makes a resource and sends it; the teacher edits it and sends it back. */
  {
    g_autoptr(ReslibImporter) importer = reslib_importer_new (f->b, f->project);
    g_autofree char *file = reslib_test_write_file (f->files, "组长的讲义.txt", "组长写的\n", -1);
    g_autoptr(GFile) gfile = g_file_new_for_path (file);

    reslib_importer_add_file (importer, gfile);
    g_assert_true (reslib_job_run (RESLIB_JOB (importer), NULL, &error));
    g_assert_no_error (error);
    mine = g_strdup (reslib_importer_get_resource_ids (importer)[0]);
    ids[0] = mine;
  }
  {
    g_autofree char *to_teacher = pack_from (f, f->b, ids, "to-teacher.tar");
    g_autofree char *to_lead = NULL;

    g_clear_pointer (&r, reslib_import_report_free);
    r = import (f->a, to_teacher, NULL);
    g_assert_cmpuint (r->added[RESLIB_KIND_RESOURCE], ==, 1);
    set (f->a, RESLIB_KIND_RESOURCE, mine, "title", "组长的讲义（教师补充）");
    to_lead = pack_from (f, f->a, ids, "to-lead.tar");
    g_clear_pointer (&r, reslib_import_report_free);
    r = import (f->b, to_lead, NULL);
    g_assert_cmpuint (r->updated[RESLIB_KIND_RESOURCE], ==, 1);
    g_assert_cmpuint (r->conflicts[RESLIB_KIND_RESOURCE], ==, 0);
    record = get (f->b, RESLIB_KIND_RESOURCE, mine);
    g_assert_cmpstr (reslib_record_get (record, "title"), ==, "组长的讲义（教师补充）");
    g_clear_object (&record);
  }

  /* Both change it again and send their packages before importing the other's. */
  {
    g_autofree char *from_lead = NULL;
    g_autofree char *from_teacher = NULL;

    set (f->b, RESLIB_KIND_RESOURCE, mine, "description", "组长的说明");
    from_lead = pack_from (f, f->b, ids, "from-lead.tar");
    set (f->a, RESLIB_KIND_RESOURCE, mine, "audience", "二年级");
    from_teacher = pack_from (f, f->a, ids, "from-teacher.tar");

    g_clear_pointer (&r, reslib_import_report_free);
    r = import (f->a, from_lead, NULL);
    g_assert_cmpuint (r->conflicts[RESLIB_KIND_RESOURCE], ==, 1);
    g_assert_cmpuint (r->updated[RESLIB_KIND_RESOURCE], ==, 0);
    g_clear_pointer (&r, reslib_import_report_free);
    r = import (f->b, from_teacher, NULL);
    g_assert_cmpuint (r->conflicts[RESLIB_KIND_RESOURCE], ==, 1);
    g_assert_cmpuint (r->updated[RESLIB_KIND_RESOURCE], ==, 0);
  }
  record = get (f->b, RESLIB_KIND_RESOURCE, mine);
  g_assert_cmpstr (reslib_record_get (record, "description"), ==, "组长的说明");
  g_assert_null (reslib_record_get (record, "audience"));
  g_clear_object (&record);
  g_assert_cmpuint (count_conflicts (f->b, f->project, mine, "组长的讲义（教师补充）"), ==, 1);
  record = get (f->a, RESLIB_KIND_RESOURCE, mine);
  g_assert_cmpstr (reslib_record_get (record, "audience"), ==, "二年级");
  g_assert_null (reslib_record_get (record, "description"));
  g_assert_cmpuint (count_conflicts (f->a, f->project, mine, "组长的讲义（教师补充）"), ==, 1);
}

typedef struct
{
  GMutex       mutex;
  GCond        cond;
  gboolean     staging;      /* the import is copying its files */
  gboolean     go_on;
  ReslibStore *store;
  const char  *path;
  gboolean     ok;
  GError      *error;
  ReslibImportReport *report;
} Blocked;

static void
blocked_progress (const ReslibProgress *progress,
                  gpointer              user_data)
{
  Blocked *b = user_data;

  g_mutex_lock (&b->mutex);
  if (!b->staging && progress->current != NULL)
    {
      b->staging = TRUE;
      g_cond_broadcast (&b->cond);
      while (!b->go_on)
        g_cond_wait (&b->cond, &b->mutex);
    }
  g_mutex_unlock (&b->mutex);
}

static gpointer
blocked_import (gpointer data)
{
  Blocked *b = data;

  g_autoptr(ReslibPackageImporter) importer = reslib_package_importer_new (b->store, b->path);

  reslib_job_set_progress_func (RESLIB_JOB (importer), blocked_progress, b, NULL);
  b->ok = reslib_job_run (RESLIB_JOB (importer), NULL, &b->error);
  if (b->ok)
    b->report = reslib_import_report_copy (reslib_package_importer_get_report (importer));
  return NULL;
}

/* While an import copies its files, another connection to the store writes at once. */
static void
test_lock_while_staging (Fixture       *f,
                         gconstpointer  data)
{
  gsize size = 32 * 1024 * 1024;
  g_autofree char *big = g_malloc (size);
  g_autofree char *id = NULL;
  g_autofree char *path = NULL;
  g_autofree char *written = NULL;
  g_autoptr(ReslibStore) second = NULL;
  g_autoptr(GError) error = NULL;
  Blocked b = { 0 };
  GThread *thread;
  gint64 start, took;

  for (gsize i = 0; i < size; i++)
    big[i] = (char) (i * 2654435761u >> 13);
  {
    g_autoptr(ReslibImporter) importer = reslib_importer_new (f->a, f->project);
    g_autofree char *file = reslib_test_write_file (f->files, "大视频.bin", big, (gssize) size);
    g_autoptr(GFile) gfile = g_file_new_for_path (file);

    reslib_importer_add_file (importer, gfile);
    g_assert_true (reslib_job_run (RESLIB_JOB (importer), NULL, &error));
    g_assert_no_error (error);
  }
  path = pack (f, f->a, "progress", NULL, "big.tar");
  second = reslib_test_open_store (f->b_dir);

  g_mutex_init (&b.mutex);
  g_cond_init (&b.cond);
  b.store = f->b;
  b.path = path;
  thread = g_thread_new ("import", blocked_import, &b);
  g_mutex_lock (&b.mutex);
  while (!b.staging)
    g_cond_wait (&b.cond, &b.mutex);
  g_mutex_unlock (&b.mutex);

  /* The import is in the middle of its files: a write through another connection goes through now. */
  start = g_get_monotonic_time ();
  id = reslib_store_insert (second, RESLIB_KIND_PROJECT, (const char * const[]) { "name", NULL },
                            (const char * const[]) { "导入时新建的项目" }, &error);
  took = g_get_monotonic_time () - start;
  g_assert_no_error (error);
  g_assert_nonnull (id);
  g_test_message ("a write while an import stages its files took %.3f s", took / 1e6);
  g_assert_cmpint (took, <, 2 * G_USEC_PER_SEC);

  g_mutex_lock (&b.mutex);
  b.go_on = TRUE;
  g_cond_broadcast (&b.cond);
  g_mutex_unlock (&b.mutex);
  g_thread_join (thread);
  g_assert_no_error (b.error);
  g_assert_true (b.ok);
  g_assert_cmpuint (b.report->blobs_added, ==, 3);
  g_assert_cmpuint (b.report->added[RESLIB_KIND_RESOURCE], ==, 4);
  reslib_import_report_free (b.report);
  g_mutex_clear (&b.mutex);
  g_cond_clear (&b.cond);

  /* Both are there. */
  {
    g_autoptr(ReslibRecord) project = get (f->b, RESLIB_KIND_PROJECT, id);
    g_autoptr(ReslibRecord) imported = get (f->b, RESLIB_KIND_PROJECT, f->project);
  }
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
  g_test_add ("/package-import/hostile", Fixture, NULL, fixture_setup, test_hostile, fixture_teardown);
  g_test_add ("/package-import/mime-sniffed", Fixture, NULL, fixture_setup, test_mime_sniffed, fixture_teardown);
  g_test_add ("/package-import/cycle-through-store", Fixture, NULL, fixture_setup, test_cycle_through_store,
              fixture_teardown);
  g_test_add ("/package-import/cancel", Fixture, NULL, fixture_setup, test_cancel, fixture_teardown);
  g_test_add ("/package-import/async-cancel", Fixture, NULL, fixture_setup, test_async_cancel, fixture_teardown);
  g_test_add ("/package-import/sync-async-same", Fixture, NULL, fixture_setup, test_sync_async_same,
              fixture_teardown);
  g_test_add ("/package-import/async-into", Fixture, NULL, fixture_setup, test_async_into, fixture_teardown);
  g_test_add ("/package-import/content-not-clock", Fixture, NULL, fixture_setup, test_content_not_clock,
              fixture_teardown);
  g_test_add ("/package-import/never-exchanged", Fixture, NULL, fixture_setup, test_never_exchanged,
              fixture_teardown);
  g_test_add ("/package-import/forged-dates", Fixture, NULL, fixture_setup, test_forged_dates, fixture_teardown);
  g_test_add ("/package-import/other-project", Fixture, NULL, fixture_setup, test_other_project, fixture_teardown);
  g_test_add ("/package-import/update-dossier", Fixture, NULL, fixture_setup, test_update_dossier,
              fixture_teardown);
  g_test_add ("/package-import/review-reset", Fixture, NULL, fixture_setup, test_review_reset, fixture_teardown);
  g_test_add ("/package-import/sent-base", Fixture, NULL, fixture_setup, test_sent_base, fixture_teardown);
  g_test_add ("/package-import/lock-while-staging", Fixture, NULL, fixture_setup, test_lock_while_staging,
              fixture_teardown);

  return g_test_run ();
}
