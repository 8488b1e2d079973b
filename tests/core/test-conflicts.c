/* test-conflicts.c — records both sides changed kept as conflicts, and resolved; the import's preview; the
 * project's role
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <locale.h>
#include <sqlite3.h>
#include <string.h>

#include "reslib-package.h"
#include "reslib-package-importer.h"
#include "reslib-store-conflicts.h"
#include "reslib-store-gc.h"
#include "reslib-store-private.h"
#include "reslib-store-roles.h"
#include "reslib-test-utils.h"

typedef struct
{
  char        *dir;
  char        *files;
  char        *out;
  ReslibStore *a;           /* the lead's */
  ReslibStore *b;           /* a teacher's, or a second library */
  char        *project;
  char        *unit;
  char        *course;
  char        *node;
  char        *res_one;
  char        *res_two;
} Fixture;

static void
update (ReslibStore *store,
        ReslibKind   kind,
        const char  *id,
        const char  *field,
        const char  *value)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (reslib_store_update (store, kind, id, (const char * const[]) { field, NULL },
                                      (const char * const[]) { value }, &error));
  g_assert_no_error (error);
}

static char *
add_resource (Fixture            *f,
              const char         *name,
              const char         *contents,
              const char * const *nodes)
{
  g_autoptr(ReslibImporter) importer = reslib_importer_new (f->a, f->project);
  g_autofree char *path = reslib_test_write_file (f->files, name, contents, -1);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;

  reslib_importer_add_file (importer, file);
  if (nodes != NULL)
    reslib_importer_set_list (importer, "nodes", nodes);
  reslib_importer_set_list (importer, "keywords", (const char * const[]) { "车削", NULL });
  g_assert_true (reslib_job_run (RESLIB_JOB (importer), NULL, &error));
  g_assert_no_error (error);

  return g_strdup (reslib_importer_get_resource_ids (importer)[0]);
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *a_dir = NULL;
  g_autofree char *b_dir = NULL;

  f->dir = reslib_test_make_tmp_dir ("reslib-conflicts-XXXXXX");
  a_dir = g_build_filename (f->dir, "a", NULL);
  b_dir = g_build_filename (f->dir, "b", NULL);
  f->files = g_build_filename (f->dir, "files", NULL);
  f->out = g_build_filename (f->dir, "out", NULL);
  g_mkdir (f->files, 0700);
  g_mkdir (f->out, 0700);
  f->a = reslib_test_open_store (a_dir);
  f->b = reslib_test_open_store (b_dir);
  f->project = reslib_test_new_project (f->a, "数控技术专业教学资源库");
  f->unit = reslib_test_insert (f->a, RESLIB_KIND_UNIT,
                    (const char * const[]) { "project_id", "name", "kind", "role", NULL },
                    (const char * const[]) { f->project, "某机床企业", "enterprise", "participant" });
  f->course = reslib_test_insert (f->a, RESLIB_KIND_COURSE,
                      (const char * const[]) { "project_id", "title", NULL },
                      (const char * const[]) { f->project, "数控车削编程" });
  f->node = reslib_test_insert (f->a, RESLIB_KIND_NODE,
                    (const char * const[]) { "course_id", "kind", "title", NULL },
                    (const char * const[]) { f->course, "knowledge", "外圆车削" });
  f->res_one = add_resource (f, "讲义.txt", "外圆车削的要点", (const char * const[]) { f->node, NULL });
  f->res_two = add_resource (f, "习题.txt", "习题一", NULL);
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
  g_free (f->unit);
  g_free (f->course);
  g_free (f->node);
  g_free (f->res_one);
  g_free (f->res_two);
}

static char *
pack (Fixture     *f,
      ReslibStore *store,
      const char  *kind,
      const char  *name)
{
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (f->out, name, NULL);

  /* A progress or an acceptance package holds approved resources: what the store holds is reviewed first */
  if (g_strcmp0 (kind, "contribution") != 0 && g_strcmp0 (kind, "application") != 0)
    reslib_test_approve_all (store, f->project);
  g_assert_true (reslib_test_pack (store, f->project, kind, NULL, path, NULL, &error));
  g_assert_no_error (error);

  return path;
}

static ReslibPackageImporter *
run_import (ReslibStore       *store,
            const char        *path,
            const char        *into,
            ReslibImportFlags  flags,
            gboolean           preview)
{
  g_autoptr(GError) error = NULL;
  ReslibPackageImporter *importer = reslib_package_importer_new (store, path);

  reslib_package_importer_set_into_project (importer, into);
  reslib_package_importer_set_flags (importer, flags);
  reslib_package_importer_set_preview (importer, preview);
  g_assert_true (reslib_job_run (RESLIB_JOB (importer), NULL, &error));
  g_assert_no_error (error);
  g_assert_nonnull (reslib_package_importer_get_report (importer));

  return importer;
}

static guint
total (const guint counts[RESLIB_N_KINDS])
{
  guint n = 0;

  for (guint i = 0; i < RESLIB_N_KINDS; i++)
    n += counts[i];

  return n;
}

/* Every row of every table (but the audit log's times) and every file under the blob folder. */
static char *
dump (ReslibStore *store)
{
  sqlite3 *db = _reslib_store_get_db (store);
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GPtrArray) tables = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GDir) blobs = NULL;
  sqlite3_stmt *stmt = NULL;
  const char *name;

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
  blobs = g_dir_open (reslib_store_get_blob_dir (store), 0, NULL);
  while (blobs != NULL && (name = g_dir_read_name (blobs)) != NULL)
    g_string_append_printf (out, "file %s\n", name);

  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* Imports the lead's package into b, then changes res_one, res_two and the unit on both sides. Returns the
 * lead's second package. */
static char *
make_conflicts (Fixture *f)
{
  g_autofree char *first = pack (f, f->a, "progress", "first.tar");
  g_autoptr(ReslibPackageImporter) i1 = run_import (f->b, first, NULL, RESLIB_IMPORT_NONE, FALSE);

  update (f->a, RESLIB_KIND_RESOURCE, f->res_one, "title", "讲义（主持单位）");
  update (f->a, RESLIB_KIND_RESOURCE, f->res_two, "description", "主持单位的说明");
  update (f->a, RESLIB_KIND_UNIT, f->unit, "name", "某机床企业（主持单位）");
  update (f->b, RESLIB_KIND_RESOURCE, f->res_one, "title", "讲义（本地）");
  update (f->b, RESLIB_KIND_RESOURCE, f->res_two, "description", "本地的说明");
  update (f->b, RESLIB_KIND_UNIT, f->unit, "name", "某机床企业（本地）");

  return pack (f, f->a, "progress", "second.tar");
}

static ReslibConflict *
find_conflict (ReslibStore *store,
               const char  *project,
               const char  *record_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) conflicts = reslib_store_list_conflicts (store, project, &error);

  g_assert_no_error (error);
  for (guint i = 0; i < g_list_model_get_n_items (conflicts); i++)
    {
      g_autoptr(ReslibConflict) c = g_list_model_get_item (conflicts, i);

      if (g_strcmp0 (reslib_conflict_get_record_id (c), record_id) == 0)
        return g_steal_pointer (&c);
    }

  return NULL;
}

static guint
count_events (ReslibStore *store,
              const char  *project,
              const char  *action)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) events = reslib_store_list_events (store, project, &error);
  JsonArray *array;
  guint n = 0;

  g_assert_no_error (error);
  array = json_node_get_array (events);
  for (guint i = 0; i < json_array_get_length (array); i++)
    if (g_strcmp0 (json_object_get_string_member (json_array_get_object_element (array, i), "action"), action) == 0)
      n++;

  return n;
}

static ReslibRecord *
get_resource (ReslibStore *store,
              const char  *id)
{
  g_autoptr(GError) error = NULL;
  ReslibRecord *r = reslib_store_get (store, RESLIB_KIND_RESOURCE, id, &error);

  g_assert_no_error (error);

  return r;
}

static const char *
title_of (ReslibStore *store,
          const char  *id)
{
  static char title[256];
  g_autoptr(GError) error = NULL;
  g_autoptr(ReslibRecord) r = reslib_store_get (store, RESLIB_KIND_RESOURCE, id, &error);

  g_assert_no_error (error);
  g_strlcpy (title, reslib_record_get (r, "title"), sizeof title);

  return title;
}

/* Both changed: the local version stays, the incoming one is a row of conflicts, no copy; each choice. */
static void
test_resolve (Fixture       *f,
              gconstpointer  data)
{
  g_autofree char *second = make_conflicts (f);
  g_autoptr(ReslibPackageImporter) importer = NULL;
  g_autoptr(ReslibPackageImporter) again = NULL;
  g_autoptr(ReslibConflict) one = NULL;
  g_autoptr(ReslibConflict) two = NULL;
  g_autoptr(ReslibConflict) unit = NULL;
  g_autoptr(ReslibConflict) resolved = NULL;
  g_autoptr(GListModel) resources = NULL;
  g_autoptr(ReslibRecord) local = NULL;
  g_autoptr(GError) error = NULL;
  const ReslibImportReport *report;
  guint n_resolved;

  importer = run_import (f->b, second, NULL, RESLIB_IMPORT_UPDATE_DOSSIER, FALSE);
  report = reslib_package_importer_get_report (importer);
  g_assert_cmpuint (report->conflicts[RESLIB_KIND_RESOURCE], ==, 2);
  g_assert_cmpuint (report->conflicts[RESLIB_KIND_UNIT], ==, 1);
  g_assert_cmpstr (title_of (f->b, f->res_one), ==, "讲义（本地）");
  resources = reslib_store_list (f->b, RESLIB_KIND_RESOURCE, f->project, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (resources), ==, 2);
  g_assert_cmpuint (reslib_store_count_conflicts (f->b, f->project, &error), ==, 3);
  g_assert_no_error (error);

  one = find_conflict (f->b, f->project, f->res_one);
  two = find_conflict (f->b, f->project, f->res_two);
  unit = find_conflict (f->b, f->project, f->unit);
  g_assert_nonnull (one);
  g_assert_nonnull (two);
  g_assert_nonnull (unit);
  g_assert_cmpstr (reslib_conflict_get_title (one), ==, "讲义（主持单位）");
  g_assert_cmpstr (reslib_record_get (reslib_conflict_get_theirs (two), "description"), ==, "主持单位的说明");
  g_assert_true (reslib_conflict_can_keep_both (one));
  g_assert_false (reslib_conflict_can_keep_both (unit));

  /* Keeping both of a unit is refused, and changes nothing. */
  g_assert_false (reslib_store_resolve_conflict (f->b, reslib_conflict_get_id (unit), RESLIB_CONFLICT_KEEP_BOTH, &error));
  g_assert_error (error, RESLIB_ERROR, RESLIB_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpuint (reslib_store_count_conflicts (f->b, f->project, &error), ==, 3);

  /* Take theirs: the package's version, in review. */
  g_assert_true (reslib_store_resolve_conflict (f->b, reslib_conflict_get_id (one), RESLIB_CONFLICT_TAKE_THEIRS, &error));
  g_assert_no_error (error);
  local = reslib_store_get (f->b, RESLIB_KIND_RESOURCE, f->res_one, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (reslib_record_get (local, "title"), ==, "讲义（主持单位）");
  g_assert_cmpstr (reslib_record_get (local, "state"), ==, "in-review");
  g_assert_cmpstr (reslib_record_get_list (local, "nodes")[0], ==, f->node);
  /* …once only. */
  g_assert_false (reslib_store_resolve_conflict (f->b, reslib_conflict_get_id (one), RESLIB_CONFLICT_KEEP_MINE, &error));
  g_assert_error (error, RESLIB_ERROR, RESLIB_ERROR_CONSTRAINT);
  g_clear_error (&error);
  resolved = reslib_store_get_conflict (f->b, reslib_conflict_get_id (one), &error);
  g_assert_no_error (error);
  g_assert_true (reslib_conflict_get_resolved (resolved));
  g_assert_cmpint (reslib_conflict_get_resolution (resolved), ==, RESLIB_CONFLICT_TAKE_THEIRS);

  /* Keep both: a copy of theirs with a new id and a marked title, the local one as it was. */
  g_assert_true (reslib_store_resolve_conflict (f->b, reslib_conflict_get_id (two), RESLIB_CONFLICT_KEEP_BOTH, &error));
  g_assert_no_error (error);
  g_clear_object (&resolved);
  resolved = reslib_store_get_conflict (f->b, reslib_conflict_get_id (two), &error);
  g_assert_no_error (error);
  g_assert_nonnull (reslib_conflict_get_copy_id (resolved));
  g_clear_object (&local);
  local = reslib_store_get (f->b, RESLIB_KIND_RESOURCE, reslib_conflict_get_copy_id (resolved), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (reslib_record_get (local, "description"), ==, "主持单位的说明");
  g_assert_true (g_str_has_prefix (reslib_record_get (local, "title"), "习题"));
  g_assert_cmpstr (reslib_record_get (local, "title"), !=, title_of (f->b, f->res_two));
  g_assert_cmpstr (reslib_record_get_list (local, "keywords")[0], ==, "车削");
  g_clear_object (&local);
  local = reslib_store_get (f->b, RESLIB_KIND_RESOURCE, f->res_two, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (reslib_record_get (local, "description"), ==, "本地的说明");

  /* Keep mine. */
  g_assert_true (reslib_store_resolve_conflict (f->b, reslib_conflict_get_id (unit), RESLIB_CONFLICT_KEEP_MINE, &error));
  g_assert_no_error (error);
  g_clear_object (&local);
  local = reslib_store_get (f->b, RESLIB_KIND_UNIT, f->unit, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (reslib_record_get (local, "name"), ==, "某机床企业（本地）");

  g_assert_cmpuint (reslib_store_count_conflicts (f->b, f->project, &error), ==, 0);
  n_resolved = count_events (f->b, f->project, "resolve-conflict");
  g_assert_cmpuint (n_resolved, ==, 3);

  /* The same package again: nothing to add, update or resolve. */
  again = run_import (f->b, second, NULL, RESLIB_IMPORT_UPDATE_DOSSIER, FALSE);
  report = reslib_package_importer_get_report (again);
  g_assert_cmpuint (total (report->added) + total (report->updated) + total (report->conflicts), ==, 0);
  g_assert_cmpuint (reslib_store_count_conflicts (f->b, f->project, &error), ==, 0);
  g_assert_cmpstr (title_of (f->b, f->res_one), ==, "讲义（主持单位）");
}

/* A later package's version of a record in conflict replaces the one waiting: one conflict per record. */
static void
test_one_per_record (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *second = make_conflicts (f);
  g_autofree char *third = NULL;
  g_autoptr(ReslibPackageImporter) i2 = run_import (f->b, second, NULL, RESLIB_IMPORT_NONE, FALSE);
  g_autoptr(ReslibPackageImporter) i3 = NULL;
  g_autoptr(ReslibConflict) one = NULL;
  g_autoptr(GError) error = NULL;

  /* The two resources, and the unit the package was not to change (the dossier's). */
  g_assert_cmpuint (reslib_store_count_conflicts (f->b, f->project, &error), ==, 3);
  update (f->a, RESLIB_KIND_RESOURCE, f->res_one, "title", "讲义（主持单位，第二版）");
  third = pack (f, f->a, "progress", "third.tar");
  i3 = run_import (f->b, third, NULL, RESLIB_IMPORT_NONE, FALSE);
  g_assert_cmpuint (reslib_package_importer_get_report (i3)->conflicts[RESLIB_KIND_RESOURCE], ==, 1);
  g_assert_cmpuint (reslib_store_count_conflicts (f->b, f->project, &error), ==, 3);
  one = find_conflict (f->b, f->project, f->res_one);
  g_assert_cmpstr (reslib_conflict_get_title (one), ==, "讲义（主持单位，第二版）");
  g_assert_cmpstr (reslib_conflict_get_bag (one), ==, reslib_package_importer_get_report (i3)->bag);
}

/* A preview changes nothing, byte for byte, and tells what the import then does. */
static void
test_preview (Fixture       *f,
              gconstpointer  data)
{
  g_autofree char *second = make_conflicts (f);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *db = g_build_filename (reslib_store_get_data_dir (f->b), "library.db", NULL);
  g_autoptr(ReslibPackageImporter) importer = NULL;
  g_autoptr(ReslibImportReport) previewed = NULL;
  g_autoptr(GPtrArray) previewed_items = NULL;
  const ReslibImportReport *report;
  const ReslibPackageInfo *info;
  GPtrArray *items;
  guint n_conflicts = 0, n_unchanged = 0;
  GStatBuf st;

  /* A new resource on the lead's side, with a file b does not have. */
  g_free (f->res_two);
  f->res_two = add_resource (f, "新.txt", "新的文件", NULL);
  g_free (second);
  second = pack (f, f->a, "progress", "second-b.tar");

  before = dump (f->b);
  g_assert_cmpint (g_stat (db, &st), ==, 0);
  importer = run_import (f->b, second, NULL, RESLIB_IMPORT_NONE, TRUE);
  after = dump (f->b);
  g_assert_cmpstr (before, ==, after);

  previewed = reslib_import_report_copy (reslib_package_importer_get_report (importer));
  g_assert_cmpuint (previewed->added[RESLIB_KIND_RESOURCE], ==, 1);
  g_assert_cmpuint (previewed->blobs_added, ==, 1);
  g_assert_cmpuint (total (previewed->conflicts), >=, 2);
  items = reslib_package_importer_get_items (importer);
  g_assert_nonnull (items);
  previewed_items = g_ptr_array_ref (items);
  for (guint i = 0; i < items->len; i++)
    {
      ReslibImportItem *item = g_ptr_array_index (items, i);

      if (reslib_import_item_get_outcome (item) == RESLIB_IMPORT_OUTCOME_CONFLICT ||
          reslib_import_item_get_outcome (item) == RESLIB_IMPORT_OUTCOME_REFUSED)
        n_conflicts++;
      if (reslib_import_item_get_outcome (item) == RESLIB_IMPORT_OUTCOME_UNCHANGED)
        n_unchanged++;
      if (g_strcmp0 (reslib_import_item_get_id (item), f->res_two) == 0)
        {
          g_assert_cmpint (reslib_import_item_get_outcome (item), ==, RESLIB_IMPORT_OUTCOME_ADDED);
          g_assert_cmpstr (reslib_import_item_get_title (item), ==, "新");
          g_assert_null (reslib_import_item_get_mapped_to (item));
        }
    }
  g_assert_cmpuint (n_conflicts, ==, total (previewed->conflicts));
  g_assert_cmpuint (n_unchanged, ==, total (previewed->unchanged));
  info = reslib_package_importer_get_info (importer);
  g_assert_nonnull (info);
  g_assert_cmpint (info->kind, ==, RESLIB_PACKAGE_KIND_PROGRESS);
  g_assert_cmpstr (info->project_id, ==, f->project);
  g_assert_cmpstr (info->project_title, ==, "数控技术专业教学资源库");
  g_assert_cmpuint (info->n_resources, ==, 3);
  g_assert_cmpuint (info->size, >, 0);
  g_assert_nonnull (info->bagging_date);

  /* The same importer, for real: what the preview said. */
  reslib_package_importer_set_preview (importer, FALSE);
  {
    g_autoptr(GError) error = NULL;

    g_assert_true (reslib_job_run (RESLIB_JOB (importer), NULL, &error));
    g_assert_no_error (error);
  }
  report = reslib_package_importer_get_report (importer);
  g_assert_cmpmem (report->added, sizeof report->added, previewed->added, sizeof previewed->added);
  g_assert_cmpmem (report->updated, sizeof report->updated, previewed->updated, sizeof previewed->updated);
  g_assert_cmpmem (report->unchanged, sizeof report->unchanged, previewed->unchanged, sizeof previewed->unchanged);
  g_assert_cmpmem (report->conflicts, sizeof report->conflicts, previewed->conflicts, sizeof previewed->conflicts);
  g_assert_cmpuint (report->blobs_added, ==, previewed->blobs_added);
  g_assert_cmpuint (reslib_package_importer_get_items (importer)->len, ==, previewed_items->len);
  g_assert_cmpstr (title_of (f->b, f->res_two), ==, "新");
  {
    g_autoptr(GError) error = NULL;

    g_assert_cmpuint (reslib_store_count_conflicts (f->b, f->project, &error), ==, total (previewed->conflicts));
  }

  /* Again, only counted (as `reslib import` without --dry-run does): no items, every record in the report. */
  reslib_package_importer_set_keep_items (importer, FALSE);
  {
    g_autoptr(GError) error = NULL;

    g_assert_true (reslib_job_run (RESLIB_JOB (importer), NULL, &error));
    g_assert_no_error (error);
  }
  g_assert_null (reslib_package_importer_get_items (importer));
  report = reslib_package_importer_get_report (importer);
  g_assert_cmpuint (total (report->added) + total (report->updated) + total (report->unchanged) +
                    total (report->conflicts), ==, previewed_items->len);
  g_assert_cmpuint (total (report->unchanged), >, 0);
}

/* A preview of a package that changed after it was verified is not taken as verified. */
static void
test_preview_changed (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *first = pack (f, f->a, "progress", "first.tar");
  g_autofree char *other = NULL;
  g_autoptr(ReslibPackageImporter) importer = run_import (f->b, first, NULL, RESLIB_IMPORT_NONE, TRUE);
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize len = 0;

  /* Replaced by another file of the same size: verified again, found broken, nothing imported. */
  g_assert_true (g_file_get_contents (first, &contents, &len, &error));
  contents[len - 2000] ^= 1;
  g_usleep (10000);
  other = g_strconcat (first, ".new", NULL);
  g_assert_true (g_file_set_contents (other, contents, len, &error));
  g_assert_cmpint (g_rename (other, first), ==, 0);
  reslib_package_importer_set_preview (importer, FALSE);
  g_assert_false (reslib_job_run (RESLIB_JOB (importer), NULL, &error));
  g_assert_nonnull (error);
  g_assert_cmpuint (reslib_store_count (f->b, RESLIB_KIND_PROJECT, NULL, NULL), ==, 0);
}

/* The file of the package's version of a resource in conflict is kept by the collection of unused files
 * until the conflict is resolved, whatever the local version uses: nothing the package brought is lost. */
static void
test_file_kept (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *first = pack (f, f->a, "progress", "first.tar");
  g_autoptr(ReslibPackageImporter) i1 = run_import (f->b, first, NULL, RESLIB_IMPORT_NONE, FALSE);
  g_autoptr(ReslibPackageImporter) i2 = NULL;
  g_autofree char *second = NULL;
  g_autofree char *other = NULL;
  g_autofree char *sha = NULL;
  g_autoptr(ReslibConflict) one = NULL;
  g_autoptr(ReslibRecord) local = NULL;
  g_autoptr(GError) error = NULL;
  guint n_files = 0;
  guint64 n_bytes = 0;
  char *sql;

  /* The lead gives res_one another file (the blob of a resource added for it, then deleted)… */
  other = add_resource (f, "讲义（新版）.txt", "外圆车削的要点，新版", NULL);
  {
    g_autoptr(ReslibRecord) r = get_resource (f->a, other);

    sha = g_strdup (reslib_record_get (r, "blob_sha256"));
  }
  sql = sqlite3_mprintf ("UPDATE resources SET blob_sha256 = %Q WHERE id = %Q", sha, f->res_one);
  g_assert_cmpint (sqlite3_exec (_reslib_store_get_db (f->a), sql, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_free (sql);
  g_assert_true (reslib_store_delete (f->a, RESLIB_KIND_RESOURCE, other, &error));
  g_assert_no_error (error);
  /* …while the teacher changes its title. */
  update (f->b, RESLIB_KIND_RESOURCE, f->res_one, "title", "讲义（本地）");
  second = pack (f, f->a, "progress", "second.tar");
  i2 = run_import (f->b, second, NULL, RESLIB_IMPORT_NONE, FALSE);
  one = find_conflict (f->b, f->project, f->res_one);
  g_assert_nonnull (one);
  g_assert_cmpstr (reslib_record_get (reslib_conflict_get_theirs (one), "blob_sha256"), ==, sha);

  g_assert_true (reslib_store_collect_blobs (f->b, &n_files, &n_bytes, &error));
  g_assert_no_error (error);
  g_assert_true (reslib_store_has_blob (f->b, sha, &error));
  {
    g_autofree char *path = reslib_store_get_blob_path (f->b, sha);

    g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
  }

  g_assert_true (reslib_store_resolve_conflict (f->b, reslib_conflict_get_id (one), RESLIB_CONFLICT_TAKE_THEIRS, &error));
  g_assert_no_error (error);
  local = get_resource (f->b, f->res_one);
  g_assert_cmpstr (reslib_record_get (local, "blob_sha256"), ==, sha);
}

/* A store is the lead of its projects until it says otherwise. */
static void
test_roles (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (reslib_store_get_project_role (f->a, f->project, &error), ==, RESLIB_PROJECT_ROLE_LEAD);
  g_assert_no_error (error);
  g_assert_true (reslib_store_set_project_role (f->a, f->project, RESLIB_PROJECT_ROLE_TEACHER, "bag-1", &error));
  g_assert_no_error (error);
  g_assert_cmpint (reslib_store_get_project_role (f->a, f->project, &error), ==, RESLIB_PROJECT_ROLE_TEACHER);
  g_assert_true (reslib_store_set_project_role (f->a, f->project, RESLIB_PROJECT_ROLE_LEAD, NULL, &error));
  g_assert_cmpint (reslib_store_get_project_role (f->a, f->project, &error), ==, RESLIB_PROJECT_ROLE_LEAD);
  g_assert_no_error (error);
  g_assert_cmpuint (count_events (f->a, f->project, "set-role"), ==, 2);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add ("/conflicts/resolve", Fixture, NULL, fixture_setup, test_resolve, fixture_teardown);
  g_test_add ("/conflicts/one-per-record", Fixture, NULL, fixture_setup, test_one_per_record, fixture_teardown);
  g_test_add ("/conflicts/preview", Fixture, NULL, fixture_setup, test_preview, fixture_teardown);
  g_test_add ("/conflicts/preview-changed", Fixture, NULL, fixture_setup, test_preview_changed, fixture_teardown);
  g_test_add ("/conflicts/file-kept", Fixture, NULL, fixture_setup, test_file_kept, fixture_teardown);
  g_test_add ("/conflicts/roles", Fixture, NULL, fixture_setup, test_roles, fixture_teardown);

  return g_test_run ();
}
