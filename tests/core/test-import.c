/* test-import.c — importing files and folders into the blob store
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <fcntl.h>
#include <linux/fiemap.h>
#include <linux/fs.h>
#include <locale.h>
#include <signal.h>
#include <string.h>
#include <sqlite3.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include <utime.h>

#include "reslib-blobs.h"
#include "reslib-importer-private.h"
#include "reslib-test-utils.h"

typedef struct
{
  char        *dir;
  char        *data_dir;
  char        *files;
  ReslibStore *store;
  char        *project;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  f->dir = reslib_test_make_tmp_dir ("reslib-import-XXXXXX");
  f->data_dir = g_build_filename (f->dir, "data", NULL);
  f->files = g_build_filename (f->dir, "files", NULL);
  g_mkdir (f->files, 0700);
  f->store = reslib_test_open_store (f->data_dir);
  f->project = reslib_test_new_project (f->store, "导入测试");
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
  g_free (f->project);
}

static gboolean
import_paths (Fixture             *f,
              const char * const  *paths,
              GCancellable        *cancellable,
              GError             **error)
{
  g_autoptr(ReslibImporter) importer = reslib_importer_new (f->store, f->project);

  for (guint i = 0; paths[i] != NULL; i++)
    {
      g_autoptr(GFile) file = g_file_new_for_path (paths[i]);
      reslib_importer_add_file (importer, file);
    }

  return reslib_job_run (RESLIB_JOB (importer), cancellable, error);
}

/* Every blob row has its file, with the right size and hash, and every file has its row. */
static void
assert_blobs_consistent (const char *data_dir)
{
  g_autofree char *db_path = g_build_filename (data_dir, "library.db", NULL);
  g_autofree char *blob_dir = g_build_filename (data_dir, "blobs", NULL);
  g_autofree char *tmp_dir = g_build_filename (blob_dir, "tmp", NULL);
  g_autofree char *check = reslib_test_sql_text (db_path, "PRAGMA integrity_check");
  g_autofree char *fk = reslib_test_sql_text (db_path, "SELECT count(*) FROM pragma_foreign_key_check");
  g_autofree char *n_rows = reslib_test_sql_text (db_path, "SELECT count(*) FROM blobs");
  g_autofree char *orphans = reslib_test_sql_text (db_path,
                                                   "SELECT count(*) FROM blobs WHERE sha256 NOT IN "
                                                   "(SELECT blob_sha256 FROM resources)");
  guint n_files = reslib_test_count_files (blob_dir) - reslib_test_count_files (tmp_dir);
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpstr (check, ==, "ok");
  g_assert_cmpstr (fk, ==, "0");
  g_assert_cmpstr (orphans, ==, "0");
  g_assert_cmpuint (reslib_test_count_files (tmp_dir), ==, 0);
  g_assert_cmpuint (n_files, ==, (guint) atoi (n_rows));

  g_assert_cmpint (sqlite3_open_v2 (db_path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT sha256, size FROM blobs", -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *sha = (const char *) sqlite3_column_text (stmt, 0);
      g_autofree char *path = g_build_filename (blob_dir, (char[]) { sha[0], sha[1], 0 }, sha + 2, NULL);
      char actual[65];
      guint64 size = 0;
      g_autoptr(GError) error = NULL;

      g_assert_true (reslib_blob_hash_file (path, actual, &size, NULL, &error));
      g_assert_no_error (error);
      g_assert_cmpstr (actual, ==, sha);
      g_assert_cmpint ((gint64) size, ==, sqlite3_column_int64 (stmt, 1));
    }
  sqlite3_finalize (stmt);
  sqlite3_close (db);
}

static void
test_import_file (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = reslib_test_write_file (f->files, "数控车床操作.txt", "数控车床操作规程\n", -1);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(ReslibImporter) importer = reslib_importer_new (f->store, f->project);
  g_autoptr(ReslibRecord) resource = NULL;
  g_autofree char *blob = NULL;
  g_autofree char *stored = NULL;
  const char * const *ids;
  char sha[65];

  reslib_importer_add_file (importer, file);
  reslib_importer_set_field (importer, "origin", "licensed");
  reslib_importer_set_list (importer, "authors", (const char * const[]) { "王老师", NULL });
  g_assert_true (reslib_job_run (RESLIB_JOB (importer), NULL, &error));
  g_assert_no_error (error);

  ids = reslib_importer_get_resource_ids (importer);
  g_assert_cmpuint (g_strv_length ((char **) ids), ==, 1);
  resource = reslib_store_get (f->store, RESLIB_KIND_RESOURCE, ids[0], &error);
  g_assert_no_error (error);
  g_assert_cmpstr (reslib_record_get (resource, "file_name"), ==, "数控车床操作.txt");
  g_assert_cmpstr (reslib_record_get (resource, "title"), ==, "数控车床操作");
  g_assert_cmpstr (reslib_record_get (resource, "origin"), ==, "licensed");
  g_assert_cmpstr (reslib_record_get_list (resource, "authors")[0], ==, "王老师");

  /* The blob is named by the SHA-256 that an independent hash gives. */
  g_assert_true (reslib_blob_hash_file (path, sha, NULL, NULL, &error));
  g_assert_cmpstr (reslib_record_get (resource, "blob_sha256"), ==, sha);
  {
    g_autofree char *expected = g_compute_checksum_for_string (G_CHECKSUM_SHA256, "数控车床操作规程\n", -1);
    g_assert_cmpstr (sha, ==, expected);
  }
  blob = reslib_store_get_blob_path (f->store, sha);
  g_assert_true (g_file_get_contents (blob, &stored, NULL, NULL));
  g_assert_cmpstr (stored, ==, "数控车床操作规程\n");
  assert_blobs_consistent (f->data_dir);
}

static void
test_import_folder (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *folder = g_build_filename (f->files, "课程资源", NULL);
  g_autoptr(GListModel) list = NULL;
  g_autoptr(ReslibRecord) first = NULL;
  g_autofree char *p1 = reslib_test_write_file (folder, "b-模块二/讲义.txt", "讲义", -1);
  g_autofree char *p2 = reslib_test_write_file (folder, "a-模块一/图片.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\"/>", -1);
  g_autofree char *p3 = reslib_test_write_file (folder, "a-模块一/深/层/视频说明.md", "# 说明", -1);
  g_autofree char *hidden = reslib_test_write_file (folder, ".DS_Store", "junk", -1);
  g_autofree char *hidden2 = reslib_test_write_file (folder, ".git/config", "junk", -1);
  g_autofree char *link = g_build_filename (folder, "loop", NULL);

  g_assert_cmpint (symlink (folder, link), ==, 0);   /* a link back to the folder is not followed */
  g_assert_true (import_paths (f, (const char * const[]) { folder, NULL }, NULL, &error));
  g_assert_no_error (error);

  list = reslib_store_list (f->store, RESLIB_KIND_RESOURCE, f->project, &error);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 3);
  first = g_list_model_get_item (list, 0);
  /* Files come in name order, folder by folder. */
  g_assert_cmpstr (reslib_record_get (first, "file_name"), ==, "图片.svg");
  g_assert_cmpstr (reslib_record_get (first, "type"), ==, "image");
  assert_blobs_consistent (f->data_dir);
}

/* The resources of one import get their search index rows all at once, at the end: search finds each of them
 * by its title, file name, keywords and authors, and the index holds one row per resource, as the triggers
 * make them. */
static void
test_import_search_index (Fixture       *f,
                          gconstpointer  data)
{
  static const struct { const char *name; const char *query; } files[] = {
    { "数控车床操作.txt", "车床" },
    { "铣削加工工艺.pdf", "铣削" },
    { "plan-welding.txt", "welding" },
  };
  g_autofree char *db_path = g_build_filename (f->data_dir, "library.db", NULL);
  g_autoptr(ReslibImporter) importer = reslib_importer_new (f->store, f->project);
  g_autoptr(GFile) folder = g_file_new_for_path (f->files);
  g_autoptr(GError) error = NULL;
  g_autofree char *n_fts = NULL;
  g_autofree char *n_bigrams = NULL;
  g_autofree char *stale = NULL;
  const char *queries[] = { "张工程师", "精加工", "plan-welding", NULL };

  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autofree char *text = g_strdup_printf ("第 %u 份\n", i);
      g_free (reslib_test_write_file (f->files, files[i].name, text, -1));
    }
  reslib_importer_add_file (importer, folder);
  reslib_importer_set_list (importer, "authors", (const char * const[]) { "张工程师", NULL });
  reslib_importer_set_list (importer, "keywords", (const char * const[]) { "精加工", NULL });
  g_assert_true (reslib_job_run (RESLIB_JOB (importer), NULL, &error));
  g_assert_no_error (error);

  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autoptr(GListModel) found = reslib_store_search (f->store, f->project, files[i].query, 0, &error);

      g_assert_no_error (error);
      g_test_message ("search %s", files[i].query);
      g_assert_cmpuint (g_list_model_get_n_items (found), ==, 1);
    }
  for (guint i = 0; queries[i] != NULL; i++)
    {
      g_autoptr(GListModel) found = reslib_store_search (f->store, f->project, queries[i], 0, &error);

      g_assert_no_error (error);
      g_test_message ("search %s", queries[i]);
      g_assert_cmpuint (g_list_model_get_n_items (found), ==, strcmp (queries[i], "plan-welding") == 0 ? 1 : 3);
    }

  n_fts = reslib_test_sql_text (db_path, "SELECT count (*) FROM resource_fts");
  n_bigrams = reslib_test_sql_text (db_path, "SELECT count (*) FROM resource_bigrams");
  g_assert_cmpstr (n_fts, ==, "3");
  g_assert_cmpstr (n_bigrams, ==, "3");
  /* Each index row holds what the insert trigger would have written, keywords and names included. */
  stale = reslib_test_sql_text (db_path,
                                "SELECT count (*) FROM resources r JOIN resource_fts x ON x.rowid = r.rowid "
                                "JOIN resource_search_names s ON s.rid = r.rowid "
                                "WHERE x.title IS NOT r.title OR x.file_name IS NOT r.file_name "
                                "OR x.keywords IS NOT '精加工' OR x.names IS NOT s.names");
  g_assert_cmpstr (stale, ==, "0");
  /* The insert trigger is back: a resource added later is indexed as it is inserted. */
  {
    g_autofree char *sha = g_compute_checksum_for_string (G_CHECKSUM_SHA256, "第 0 份\n", -1);

    g_free (reslib_test_insert (f->store, RESLIB_KIND_RESOURCE,
                                (const char * const[]) { "project_id", "title", "file_name", "type", "blob_sha256", NULL },
                                (const char * const[]) { f->project, "车工实训手册", "manual.pdf", "text", sha, NULL }));
  }
  {
    g_autoptr(GListModel) found = reslib_store_search (f->store, f->project, "车工实训", 0, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (g_list_model_get_n_items (found), ==, 1);
  }
}

static void
test_import_dedupe (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *a = reslib_test_write_file (f->files, "a.txt", "same content", -1);
  g_autofree char *b = reslib_test_write_file (f->files, "sub/b.txt", "same content", -1);
  g_autofree char *c = reslib_test_write_file (f->files, "c.txt", "other content", -1);
  g_autofree char *blob_dir = g_build_filename (f->data_dir, "blobs", NULL);
  g_autoptr(ReslibImporter) importer = reslib_importer_new (f->store, f->project);
  g_autoptr(GFile) fa = g_file_new_for_path (a);

  g_assert_true (import_paths (f, (const char * const[]) { a, b, c, NULL }, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (reslib_store_count (f->store, RESLIB_KIND_RESOURCE, f->project, NULL), ==, 3);
  g_assert_cmpuint (reslib_test_count_files (blob_dir), ==, 2);

  /* The same file imported again is stored once more as a record, not as a blob. */
  reslib_importer_add_file (importer, fa);
  g_assert_true (reslib_job_run (RESLIB_JOB (importer), NULL, &error));
  g_assert_cmpuint (reslib_importer_get_n_deduplicated (importer), ==, 1);
  g_assert_cmpuint (reslib_test_count_files (blob_dir), ==, 2);
  g_assert_cmpuint (reslib_store_count (f->store, RESLIB_KIND_RESOURCE, f->project, NULL), ==, 4);
  assert_blobs_consistent (f->data_dir);
}

/* Duplicates are files whose content a resource of the project (or an earlier file of the run) already has:
 * listed with the resource that had it, imported unless asked to skip them; another project's resource with
 * the same content is no duplicate. Hidden files and links to folders are counted as skipped. */
static void
test_import_duplicates (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *folder = g_build_filename (f->files, "第二批", NULL);
  g_autofree char *a = reslib_test_write_file (f->files, "a.txt", "same content", -1);
  g_autofree char *b = reslib_test_write_file (folder, "b 副本.txt", "same content", -1);
  g_autofree char *c = reslib_test_write_file (folder, "c.txt", "other content", -1);
  g_autofree char *d = reslib_test_write_file (folder, "d.txt", "other content", -1);
  g_autofree char *hidden = reslib_test_write_file (folder, ".DS_Store", "finder", -1);
  g_autofree char *link = g_build_filename (folder, "link", NULL);
  g_autofree char *other = reslib_test_new_project (f->store, "另一个资源库");
  g_autoptr(ReslibImporter) first = reslib_importer_new (f->store, f->project);
  g_autoptr(ReslibImporter) elsewhere = reslib_importer_new (f->store, other);
  g_autoptr(ReslibImporter) kept = reslib_importer_new (f->store, f->project);
  g_autoptr(ReslibImporter) skipped = reslib_importer_new (f->store, f->project);
  g_autoptr(GFile) fa = g_file_new_for_path (a);
  g_autoptr(GFile) ffolder = g_file_new_for_path (folder);
  g_autofree char *found = NULL;
  const char * const *ids;
  GPtrArray *duplicates;
  ReslibImportDuplicate *duplicate;
  g_autofree char *first_id = NULL;

  g_assert_cmpint (symlink (f->files, link), ==, 0);

  reslib_importer_add_file (first, fa);
  g_assert_true (reslib_job_run (RESLIB_JOB (first), NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (reslib_importer_get_duplicates (first)->len, ==, 0);
  first_id = g_strdup (reslib_importer_get_resource_ids (first)[0]);
  found = reslib_store_find_resource_by_blob (f->store, f->project,
                                              "0000000000000000000000000000000000000000000000000000000000000000",
                                              &error);
  g_assert_no_error (error);
  g_assert_null (found);

  /* Another project: not a duplicate there. */
  reslib_importer_add_file (elsewhere, fa);
  g_assert_true (reslib_job_run (RESLIB_JOB (elsewhere), NULL, &error));
  g_assert_cmpuint (reslib_importer_get_duplicates (elsewhere)->len, ==, 0);
  g_assert_cmpuint (reslib_importer_get_n_deduplicated (elsewhere), ==, 1);

  /* Kept: b duplicates a (already in the project), d duplicates c (earlier in the same run). */
  reslib_importer_add_file (kept, ffolder);
  g_assert_true (reslib_job_run (RESLIB_JOB (kept), NULL, &error));
  g_assert_no_error (error);
  ids = reslib_importer_get_resource_ids (kept);
  g_assert_cmpuint (g_strv_length ((char **) ids), ==, 3);
  g_assert_cmpuint (reslib_importer_get_n_skipped (kept), ==, 2);
  duplicates = reslib_importer_get_duplicates (kept);
  g_assert_cmpuint (duplicates->len, ==, 2);
  duplicate = g_ptr_array_index (duplicates, 0);
  g_assert_cmpstr (duplicate->file_name, ==, "b 副本.txt");
  g_assert_cmpstr (duplicate->existing_id, ==, first_id);
  g_assert_cmpstr (duplicate->resource_id, ==, ids[0]);
  duplicate = g_ptr_array_index (duplicates, 1);
  g_assert_cmpstr (duplicate->file_name, ==, "d.txt");
  g_assert_cmpstr (duplicate->existing_id, ==, ids[1]);
  g_assert_cmpstr (duplicate->resource_id, ==, ids[2]);
  g_assert_cmpuint (reslib_store_count (f->store, RESLIB_KIND_RESOURCE, f->project, NULL), ==, 4);

  /* Skipped: the same folder again adds nothing, and says which resource had each file. */
  reslib_importer_set_skip_duplicates (skipped, TRUE);
  reslib_importer_add_file (skipped, ffolder);
  reslib_importer_add_file (skipped, fa);
  g_assert_true (reslib_job_run (RESLIB_JOB (skipped), NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length ((char **) reslib_importer_get_resource_ids (skipped)), ==, 0);
  duplicates = reslib_importer_get_duplicates (skipped);
  g_assert_cmpuint (duplicates->len, ==, 4);
  for (guint i = 0; i < duplicates->len; i++)
    g_assert_null (((ReslibImportDuplicate *) g_ptr_array_index (duplicates, i))->resource_id);
  g_assert_cmpstr (((ReslibImportDuplicate *) g_ptr_array_index (duplicates, 1))->existing_id, ==, ids[1]);
  g_assert_cmpstr (((ReslibImportDuplicate *) g_ptr_array_index (duplicates, 3))->existing_id, ==, first_id);
  g_assert_cmpuint (reslib_store_count (f->store, RESLIB_KIND_RESOURCE, f->project, NULL), ==, 4);
  assert_blobs_consistent (f->data_dir);
}

/* Whatever goes wrong, the store is as before and nothing is left in the blob folder. */
static void
assert_refused (Fixture            *f,
                const char * const *paths,
                GCancellable       *cancellable,
                GQuark              domain,
                int                 code)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *blob_dir = g_build_filename (f->data_dir, "blobs", NULL);
  guint n_blobs = reslib_test_count_files (blob_dir);
  guint n_resources = reslib_store_count (f->store, RESLIB_KIND_RESOURCE, f->project, NULL);

  g_assert_false (import_paths (f, paths, cancellable, &error));
  g_assert_error (error, domain, code);
  g_assert_null (strchr (error->message, '\n'));
  g_test_message ("refused: %s", error->message);
  g_assert_cmpuint (reslib_test_count_files (blob_dir), ==, n_blobs);
  g_assert_cmpuint (reslib_store_count (f->store, RESLIB_KIND_RESOURCE, f->project, NULL), ==, n_resources);
  assert_blobs_consistent (f->data_dir);
}

static void
test_import_bad_input (Fixture       *f,
                       gconstpointer  data)
{
  g_autofree char *good = reslib_test_write_file (f->files, "good.txt", "good", -1);
  g_autofree char *missing = g_build_filename (f->files, "missing.mp4", NULL);
  g_autofree char *bad_name = g_build_filename (f->files, "bad\xff\xfe.txt", NULL);
  g_autofree char *bad_dir = g_build_filename (f->files, "folder", NULL);
  g_autofree char *bad_in_dir = NULL;
  g_autofree char *fifo = g_build_filename (f->files, "pipe", NULL);
  g_autofree char *empty = g_build_filename (f->files, "empty", NULL);
  g_autofree char *locked = g_build_filename (f->files, "locked", NULL);

  /* A missing file alone: nothing to import, the import fails with its reason (with other files it is
   * passed over: /import/per-file-failures). */
  assert_refused (f, (const char * const[]) { missing, NULL }, NULL, RESLIB_ERROR, RESLIB_ERROR_BAD_FILE);

  /* A name that is not UTF-8, alone, or as the only file of a folder. */
  g_assert_true (g_file_set_contents (bad_name, "x", -1, NULL));
  assert_refused (f, (const char * const[]) { bad_name, NULL }, NULL, RESLIB_ERROR, RESLIB_ERROR_BAD_FILE);
  bad_in_dir = g_build_filename (bad_dir, "\xc3\x28.txt", NULL);
  g_mkdir (bad_dir, 0700);
  g_assert_true (g_file_set_contents (bad_in_dir, "x", -1, NULL));
  assert_refused (f, (const char * const[]) { bad_dir, NULL }, NULL, RESLIB_ERROR, RESLIB_ERROR_BAD_FILE);
  g_free (reslib_test_write_file (bad_dir, "fine.txt", "fine", -1));
  (void) good;

  /* Not a regular file. */
  g_assert_cmpint (mkfifo (fifo, 0600), ==, 0);
  assert_refused (f, (const char * const[]) { fifo, NULL }, NULL, RESLIB_ERROR, RESLIB_ERROR_BAD_FILE);

  /* An empty folder. */
  g_mkdir (empty, 0700);
  assert_refused (f, (const char * const[]) { empty, NULL }, NULL, RESLIB_ERROR, RESLIB_ERROR_BAD_FILE);

  /* An unreadable folder entry (only meaningful when not running as root). */
  if (geteuid () != 0)
    {
      g_autofree char *secret = reslib_test_write_file (locked, "secret.txt", "s", -1);
      g_chmod (secret, 0);
      assert_refused (f, (const char * const[]) { locked, NULL }, NULL, RESLIB_ERROR, RESLIB_ERROR_BAD_FILE);
      g_chmod (secret, 0600);
    }

  /* A title for several files. */
  {
    g_autoptr(ReslibImporter) importer = reslib_importer_new (f->store, f->project);
    g_autoptr(GFile) file = g_file_new_for_path (bad_dir);
    g_autoptr(GError) error = NULL;
    g_autofree char *other = reslib_test_write_file (f->files, "two/x.txt", "x", -1);
    g_autofree char *other2 = reslib_test_write_file (f->files, "two/y.txt", "y", -1);
    g_autofree char *two = g_build_filename (f->files, "two", NULL);
    g_autoptr(GFile) two_file = g_file_new_for_path (two);

    reslib_importer_add_file (importer, two_file);
    reslib_importer_set_field (importer, "title", "one title");
    g_assert_false (reslib_job_run (RESLIB_JOB (importer), NULL, &error));
    g_assert_error (error, RESLIB_ERROR, RESLIB_ERROR_INVALID);
  }

  /* An invalid value for a field: nothing stored. */
  {
    g_autoptr(ReslibImporter) importer = reslib_importer_new (f->store, f->project);
    g_autoptr(GFile) file = g_file_new_for_path (good);
    g_autoptr(GError) error = NULL;
    g_autofree char *blob_dir = g_build_filename (f->data_dir, "blobs", NULL);
    guint before = reslib_test_count_files (blob_dir);

    reslib_importer_add_file (importer, file);
    reslib_importer_set_field (importer, "type", "hologram");
    g_assert_false (reslib_job_run (RESLIB_JOB (importer), NULL, &error));
    g_assert_error (error, RESLIB_ERROR, RESLIB_ERROR_INVALID);
    g_assert_cmpuint (reslib_test_count_files (blob_dir), ==, before);
    g_assert_cmpuint (reslib_store_count (f->store, RESLIB_KIND_RESOURCE, f->project, NULL), ==, 0);
  }
  assert_blobs_consistent (f->data_dir);
}

static void
remove_file_hook (gpointer data)
{
  g_assert_cmpint (g_unlink (data), ==, 0);
}

/* One file that cannot be read does not stop the others: it is passed over with its reason, the rest is
 * imported in one transaction. A FIFO, a link to nothing, a name that is not UTF-8, a file removed after the
 * folders were walked and before it was copied (as a user might during a long import), and a missing file
 * given beside a folder. Deterministic as root too (no chmod). */
static void
test_import_per_file_failures (Fixture       *f,
                               gconstpointer  data)
{
  g_autoptr(ReslibImporter) importer = reslib_importer_new (f->store, f->project);
  g_autofree char *folder = g_build_filename (f->files, "course", NULL);
  g_autofree char *a = reslib_test_write_file (folder, "a-intro.txt", "intro", -1);
  g_autofree char *b = reslib_test_write_file (folder, "b-vanishes.txt", "gone before it is copied", -1);
  g_autofree char *c = reslib_test_write_file (folder, "c-lesson.txt", "lesson", -1);
  g_autofree char *d = reslib_test_write_file (folder, "sub/d-exercise.txt", "exercise", -1);
  g_autofree char *fifo = g_build_filename (folder, "e-pipe", NULL);
  g_autofree char *dangling = g_build_filename (folder, "f-dangling.mp4", NULL);
  g_autofree char *bad_name = g_build_filename (folder, "g-bad\xff.txt", NULL);
  g_autofree char *missing = g_build_filename (f->files, "missing.mp4", NULL);
  g_autoptr(GFile) folder_file = g_file_new_for_path (folder);
  g_autoptr(GFile) missing_file = g_file_new_for_path (missing);
  g_autoptr(GError) error = NULL;
  const char * const *ids;
  GPtrArray *failures;
  const char *expected[] = { "e-pipe", "f-dangling.mp4", "g-bad", "missing.mp4", "b-vanishes.txt" };

  g_assert_cmpint (mkfifo (fifo, 0600), ==, 0);
  g_assert_cmpint (symlink ("/nonexistent/clip.mp4", dangling), ==, 0);
  g_assert_true (g_file_set_contents (bad_name, "x", -1, NULL));

  reslib_importer_add_file (importer, folder_file);
  reslib_importer_add_file (importer, missing_file);
  _reslib_importer_set_scanned_hook (importer, remove_file_hook, b);
  g_assert_true (reslib_job_run (RESLIB_JOB (importer), NULL, &error));
  g_assert_no_error (error);

  /* The three files that could be read, in the order of the files. */
  ids = reslib_importer_get_resource_ids (importer);
  g_assert_cmpuint (g_strv_length ((char **) ids), ==, 3);
  {
    const char *names[] = { "a-intro.txt", "c-lesson.txt", "d-exercise.txt" };

    for (guint i = 0; i < 3; i++)
      {
        g_autoptr(ReslibRecord) resource = reslib_store_get (f->store, RESLIB_KIND_RESOURCE, ids[i], &error);

        g_assert_no_error (error);
        g_assert_cmpstr (reslib_record_get (resource, "file_name"), ==, names[i]);
      }
  }
  g_assert_cmpuint (reslib_store_count (f->store, RESLIB_KIND_RESOURCE, f->project, NULL), ==, 3);

  /* The others, each with its reason in one line: the walk's first, then the copy's. */
  failures = reslib_importer_get_failures (importer);
  g_assert_cmpuint (failures->len, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < failures->len; i++)
    {
      ReslibImportFailure *failure = g_ptr_array_index (failures, i);

      g_test_message ("not imported: %s — %s", failure->file_name, failure->message);
      g_assert_true (g_utf8_validate (failure->file_name, -1, NULL));
      g_assert_true (g_utf8_validate (failure->message, -1, NULL));
      g_assert_nonnull (strstr (failure->file_name, expected[i]));
      g_assert_nonnull (strstr (failure->message, expected[i]));
      g_assert_null (strchr (failure->message, '\n'));
    }
  g_assert_nonnull (strstr (((ReslibImportFailure *) g_ptr_array_index (failures, 0))->message, "not a regular file"));
  g_assert_nonnull (strstr (((ReslibImportFailure *) g_ptr_array_index (failures, 1))->message, "does not exist"));
  g_assert_nonnull (strstr (((ReslibImportFailure *) g_ptr_array_index (failures, 3))->message, "does not exist"));
  assert_blobs_consistent (f->data_dir);
}

/* When not one file can be read, the import fails with the reason of the first that failed (found by the
 * walk) and nothing is written. */
static void
test_import_all_failed (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(ReslibImporter) importer = reslib_importer_new (f->store, f->project);
  g_autofree char *only = reslib_test_write_file (f->files, "only.txt", "only", -1);
  g_autofree char *fifo = g_build_filename (f->files, "pipe", NULL);
  g_autoptr(GFile) only_file = g_file_new_for_path (only);
  g_autoptr(GFile) fifo_file = g_file_new_for_path (fifo);
  g_autofree char *blob_dir = g_build_filename (f->data_dir, "blobs", NULL);
  guint n_blobs = reslib_test_count_files (blob_dir);
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (mkfifo (fifo, 0600), ==, 0);
  reslib_importer_add_file (importer, fifo_file);
  reslib_importer_add_file (importer, only_file);
  _reslib_importer_set_scanned_hook (importer, remove_file_hook, only);
  g_assert_false (reslib_job_run (RESLIB_JOB (importer), NULL, &error));
  g_assert_error (error, RESLIB_ERROR, RESLIB_ERROR_BAD_FILE);
  g_assert_nonnull (strstr (error->message, "pipe"));
  g_assert_cmpuint (reslib_store_count (f->store, RESLIB_KIND_RESOURCE, f->project, NULL), ==, 0);
  g_assert_cmpuint (reslib_test_count_files (blob_dir), ==, n_blobs);
  assert_blobs_consistent (f->data_dir);
}

static void
test_import_cancelled (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autofree char *a = reslib_test_write_file (f->files, "a.txt", "a", -1);

  g_cancellable_cancel (cancellable);
  assert_refused (f, (const char * const[]) { a, NULL }, cancellable, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

/* The progress callback touches the file while a worker is still reading it. */
static void
touch_on_progress (const ReslibProgress *progress,
                   gpointer              user_data)
{
  const char *path = user_data;
  struct utimbuf times = { .actime = 1000000000, .modtime = 1000000000 };

  utime (path, &times);
}

static void
test_import_changed (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->files, "growing.mp4", NULL);
  g_autoptr(ReslibImporter) importer = reslib_importer_new (f->store, f->project);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autofree char *blob_dir = g_build_filename (f->data_dir, "blobs", NULL);
  int fd;

  fd = open (path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpint (ftruncate (fd, 512 * 1024 * 1024), ==, 0);   /* sparse: reads take a while, cost no disk */
  close (fd);

  reslib_importer_add_file (importer, file);
  reslib_job_set_progress_func (RESLIB_JOB (importer), touch_on_progress, g_strdup (path), g_free);
  g_assert_false (reslib_job_run (RESLIB_JOB (importer), NULL, &error));
  g_assert_error (error, RESLIB_ERROR, RESLIB_ERROR_CHANGED);
  g_assert_cmpuint (reslib_test_count_files (blob_dir), ==, 0);
  g_assert_cmpuint (reslib_store_count (f->store, RESLIB_KIND_RESOURCE, f->project, NULL), ==, 0);
}

typedef struct
{
  GMainLoop *loop;
  GThread   *main_thread;
  guint      n_progress;
  guint64    last_bytes;
  gboolean   done;
  gboolean   ok;
  GError    *error;
} AsyncState;

static void
async_progress (const ReslibProgress *progress,
                gpointer              user_data)
{
  AsyncState *state = user_data;

  g_assert_true (g_thread_self () == state->main_thread);
  g_assert_cmpuint (progress->bytes_done, >=, state->last_bytes);
  g_assert_cmpuint (progress->bytes_done, <=, progress->bytes_total);
  state->last_bytes = progress->bytes_done;
  state->n_progress++;
}

static void
async_done (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  AsyncState *state = user_data;

  state->ok = reslib_job_run_finish (RESLIB_JOB (source), result, &state->error);
  state->done = TRUE;
  g_main_loop_quit (state->loop);
}

static void
test_import_async (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(ReslibImporter) importer = reslib_importer_new (f->store, f->project);
  g_autofree char *folder = g_build_filename (f->files, "many", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (folder);
  g_autofree char *chunk = g_malloc0 (256 * 1024);
  AsyncState state = { 0 };

  for (guint i = 0; i < 64; i++)
    {
      g_autofree char *name = g_strdup_printf ("file-%02u.bin", i);
      chunk[0] = (char) i;
      g_free (reslib_test_write_file (folder, name, chunk, 256 * 1024));
    }

  state.loop = g_main_loop_new (NULL, FALSE);
  state.main_thread = g_thread_self ();
  reslib_importer_add_file (importer, file);
  reslib_job_set_progress_func (RESLIB_JOB (importer), async_progress, &state, NULL);
  reslib_job_run_async (RESLIB_JOB (importer), NULL, async_done, &state);
  g_main_loop_run (state.loop);
  g_main_loop_unref (state.loop);
  /* Progress messages queued before completion are delivered in order, before or after. */
  while (g_main_context_iteration (NULL, FALSE));

  g_assert_no_error (state.error);
  g_assert_true (state.ok);
  g_assert_cmpuint (state.n_progress, >=, 1);
  g_assert_cmpuint (state.last_bytes, ==, 64 * 256 * 1024);
  g_assert_cmpuint (g_strv_length ((char **) reslib_importer_get_resource_ids (importer)), ==, 64);
  g_assert_cmpuint (reslib_store_count (f->store, RESLIB_KIND_RESOURCE, f->project, NULL), ==, 64);
  assert_blobs_consistent (f->data_dir);
}

/* Runs an importer of @folder into a fresh store under @dir, synchronously or not; returns the importer. */
static ReslibImporter *
import_folder_into_new_store (const char *dir,
                              const char *folder,
                              gboolean    async,
                              ReslibStore **store_out)
{
  g_autofree char *data_dir = g_build_filename (dir, async ? "data-async" : "data-sync", NULL);
  g_autoptr(ReslibStore) store = reslib_test_open_store (data_dir);
  g_autofree char *project = reslib_test_new_project (store, "同步与异步");
  g_autoptr(GFile) file = g_file_new_for_path (folder);
  ReslibImporter *importer = reslib_importer_new (store, project);
  AsyncState state = { 0 };

  reslib_importer_add_file (importer, file);
  reslib_importer_set_field (importer, "origin", "licensed");
  if (!async)
    {
      g_autoptr(GError) error = NULL;

      g_assert_true (reslib_job_run (RESLIB_JOB (importer), NULL, &error));
      g_assert_no_error (error);
    }
  else
    {
      state.loop = g_main_loop_new (NULL, FALSE);
      state.main_thread = g_thread_self ();
      reslib_job_set_progress_func (RESLIB_JOB (importer), async_progress, &state, NULL);
      reslib_job_run_async (RESLIB_JOB (importer), NULL, async_done, &state);
      g_main_loop_run (state.loop);
      g_main_loop_unref (state.loop);
      reslib_job_set_progress_func (RESLIB_JOB (importer), NULL, NULL, NULL);
      g_assert_no_error (state.error);
      g_assert_true (state.ok);
    }
  g_assert_false (reslib_job_get_busy (RESLIB_JOB (importer)));
  *store_out = g_steal_pointer (&store);
  return importer;
}

/* The job run either way leaves the same results: the same resources, in the same order, with the same
 * content, and the same count of files stored once. */
static void
test_import_job_sync_async (Fixture       *f,
                            gconstpointer  data)
{
  g_autofree char *folder = g_build_filename (f->files, "both", NULL);
  g_autoptr(ReslibStore) sync_store = NULL;
  g_autoptr(ReslibStore) async_store = NULL;
  g_autoptr(ReslibImporter) sync_importer = NULL;
  g_autoptr(ReslibImporter) async_importer = NULL;
  const char * const *sync_ids, * const *async_ids;

  for (guint i = 0; i < 12; i++)
    {
      g_autofree char *name = g_strdup_printf ("课件 %02u.txt", i);
      g_autofree char *content = g_strdup_printf ("content %u", i % 11);   /* the last is the first again */

      g_free (reslib_test_write_file (folder, name, content, -1));
    }

  sync_importer = import_folder_into_new_store (f->dir, folder, FALSE, &sync_store);
  async_importer = import_folder_into_new_store (f->dir, folder, TRUE, &async_store);

  g_assert_cmpuint (reslib_importer_get_n_deduplicated (sync_importer), ==, 1);
  g_assert_cmpuint (reslib_importer_get_n_deduplicated (async_importer), ==, 1);
  sync_ids = reslib_importer_get_resource_ids (sync_importer);
  async_ids = reslib_importer_get_resource_ids (async_importer);
  g_assert_cmpuint (g_strv_length ((char **) sync_ids), ==, 12);
  g_assert_cmpuint (g_strv_length ((char **) async_ids), ==, 12);
  for (guint i = 0; i < 12; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(ReslibRecord) a = reslib_store_get (sync_store, RESLIB_KIND_RESOURCE, sync_ids[i], &error);
      g_autoptr(ReslibRecord) b = reslib_store_get (async_store, RESLIB_KIND_RESOURCE, async_ids[i], &error);

      g_assert_no_error (error);
      for (guint j = 0; j < 5; j++)
        {
          const char *field = (const char *[]) { "file_name", "title", "type", "blob_sha256", "origin" }[j];

          g_assert_cmpstr (reslib_record_get (a, field), ==, reslib_record_get (b, field));
        }
    }

  /* Both tell the same last progress and say what they imported last, under the same title. */
  for (guint i = 0; i < 2; i++)
    {
      ReslibJob *job = RESLIB_JOB (i == 0 ? sync_importer : async_importer);
      const ReslibProgress *p = reslib_job_get_progress (job);

      g_assert_cmpuint (p->files_done, ==, 12);
      g_assert_cmpuint (p->files_total, ==, 12);
      g_assert_cmpfloat (reslib_job_get_fraction (job), ==, 1.0);
      g_assert_true (g_str_has_prefix (reslib_job_get_message (job), "Importing 课件 "));
      g_assert_cmpstr (reslib_job_get_title (job), ==, "Importing files");
      g_assert_null (reslib_job_get_error (job));
    }
}

typedef struct
{
  ReslibJob *job;
  guint      n_progress;
  gboolean   wrong_thread;
  GThread   *main_thread;
} CancelState;

static void
cancel_on_progress (const ReslibProgress *progress,
                    gpointer              user_data)
{
  CancelState *state = user_data;

  state->n_progress++;
  state->wrong_thread |= g_thread_self () != state->main_thread;
  reslib_job_cancel (state->job);
}

/* Cancelled in the middle of an async run, from where its progress arrives: nothing is imported and no
 * blob is left behind. */
static void
test_import_job_cancel (Fixture       *f,
                        gconstpointer  data)
{
  g_autofree char *folder = g_build_filename (f->files, "sparse", NULL);
  g_autofree char *blob_dir = g_build_filename (f->data_dir, "blobs", NULL);
  g_autoptr(ReslibImporter) importer = reslib_importer_new (f->store, f->project);
  g_autoptr(GFile) file = g_file_new_for_path (folder);
  CancelState cancel = { RESLIB_JOB (importer), 0, FALSE, g_thread_self () };
  AsyncState state = { 0 };

  g_mkdir_with_parents (folder, 0700);
  for (guint i = 0; i < 4; i++)
    {
      g_autofree char *path = g_strdup_printf ("%s/big-%u.bin", folder, i);
      int fd = open (path, O_WRONLY | O_CREAT | O_TRUNC, 0600);

      g_assert_cmpint (fd, >=, 0);
      g_assert_cmpint (ftruncate (fd, 256 * 1024 * 1024), ==, 0);   /* sparse: reads take a while, cost no disk */
      close (fd);
    }

  state.loop = g_main_loop_new (NULL, FALSE);
  reslib_importer_add_file (importer, file);
  reslib_job_set_progress_func (RESLIB_JOB (importer), cancel_on_progress, &cancel, NULL);
  reslib_job_run_async (RESLIB_JOB (importer), NULL, async_done, &state);
  g_main_loop_run (state.loop);
  g_main_loop_unref (state.loop);

  g_assert_false (state.ok);
  g_assert_error (state.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&state.error);
  g_assert_cmpuint (cancel.n_progress, >=, 1);
  g_assert_false (cancel.wrong_thread);
  g_assert_error ((GError *) reslib_job_get_error (RESLIB_JOB (importer)), G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (reslib_importer_get_resource_ids (importer));
  g_assert_cmpuint (reslib_store_count (f->store, RESLIB_KIND_RESOURCE, f->project, NULL), ==, 0);
  g_assert_cmpuint (reslib_test_count_files (blob_dir), ==, 0);
  assert_blobs_consistent (f->data_dir);
}

/* ---------------------------------------------------------------------------------------------- */
/* Crash safety: a process killed with SIGKILL in the middle of imports */

static int
crash_child (const char *data_dir,
             const char *src_dir,
             const char *project_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ReslibStore) store = reslib_store_open (data_dir, &error);

  if (store == NULL)
    {
      g_printerr ("child: %s\n", error->message);
      return 1;
    }
  /* Import the same folder again and again, so the kill lands in any phase. */
  for (guint round = 0; round < 1000; round++)
    {
      g_autoptr(ReslibImporter) importer = reslib_importer_new (store, project_id);
      g_autoptr(GFile) file = g_file_new_for_path (src_dir);
      g_autofree char *extra_name = g_strdup_printf ("%s/round-%u.txt", src_dir, round);

      g_file_set_contents (extra_name, extra_name, -1, NULL);   /* new content each round */
      reslib_importer_add_file (importer, file);
      if (!reslib_job_run (RESLIB_JOB (importer), NULL, &error))
        {
          g_printerr ("child: %s\n", error->message);
          return 1;
        }
    }

  return 0;
}

static void
test_import_killed (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *src = g_build_filename (f->files, "src", NULL);
  g_autofree char *chunk = g_malloc (64 * 1024);
  static const guint delays_ms[] = { 30, 70, 110, 160, 230, 310, 420, 550 };

  for (guint i = 0; i < 48; i++)
    {
      g_autofree char *name = g_strdup_printf ("part-%02u.bin", i);
      memset (chunk, 'a' + (i % 26), 64 * 1024);
      chunk[0] = (char) i;
      g_free (reslib_test_write_file (src, name, chunk, 64 * 1024));
    }
  g_clear_object (&f->store);

  for (guint k = 0; k < G_N_ELEMENTS (delays_ms); k++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *self_exe = g_file_read_link ("/proc/self/exe", NULL);
      const char *child_argv[] = { self_exe, "--crash-child", f->data_dir, src, f->project, NULL };
      GPid pid;
      int status = 0;

      g_assert_true (g_spawn_async (NULL, (char **) child_argv, NULL, G_SPAWN_DO_NOT_REAP_CHILD, NULL, NULL, &pid,
                                    &error));
      g_assert_no_error (error);
      g_usleep (delays_ms[k] * 1000);
      kill (pid, SIGKILL);
      g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
      g_assert_true (WIFSIGNALED (status));
      g_spawn_close_pid (pid);

      /* Opening the store finishes or removes what the killed import left. */
      f->store = reslib_test_open_store (f->data_dir);
      g_clear_object (&f->store);
      assert_blobs_consistent (f->data_dir);
      {
        g_autofree char *db = g_build_filename (f->data_dir, "library.db", NULL);
        g_autofree char *n = reslib_test_sql_text (db, "SELECT count(*) FROM resources");
        g_test_message ("after kill %u at %u ms: %s resources", k, delays_ms[k], n);
      }
    }

  /* A last child is killed once its first import has committed, however slow the machine (ASan, load):
   * what the kills before left behind did not keep it from importing. */
  {
    g_autoptr(GError) error = NULL;
    g_autofree char *self_exe = g_file_read_link ("/proc/self/exe", NULL);
    g_autofree char *db = g_build_filename (f->data_dir, "library.db", NULL);
    const char *child_argv[] = { self_exe, "--crash-child", f->data_dir, src, f->project, NULL };
    gint64 deadline = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;
    GPid pid;
    int status = 0;

    g_assert_true (g_spawn_async (NULL, (char **) child_argv, NULL, G_SPAWN_DO_NOT_REAP_CHILD, NULL, NULL, &pid,
                                  &error));
    g_assert_no_error (error);
    for (;;)
      {
        g_autofree char *n = reslib_test_sql_text (db, "SELECT count(*) FROM resources");

        if ((n != NULL && g_ascii_strtoull (n, NULL, 10) > 0) || g_get_monotonic_time () > deadline)
          break;
        g_usleep (20 * 1000);
      }
    kill (pid, SIGKILL);
    g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
    g_spawn_close_pid (pid);
  }

  f->store = reslib_test_open_store (f->data_dir);
  g_clear_object (&f->store);
  assert_blobs_consistent (f->data_dir);
  f->store = reslib_test_open_store (f->data_dir);
  g_assert_cmpuint (reslib_store_count (f->store, RESLIB_KIND_RESOURCE, f->project, NULL), >, 0);
}

/* A small file system of our own (tmpfs, needs root); NULL when it cannot be had. */
static char *
mount_small_fs (const char *dir,
                const char *options)
{
  g_autofree char *mnt = g_build_filename (dir, "small-fs", NULL);
  g_autofree char *command = NULL;
  int status = -1;

  g_mkdir (mnt, 0700);
  command = g_strdup_printf ("mount -t tmpfs -o %s tmpfs '%s'", options, mnt);
  if (geteuid () != 0 || !g_spawn_command_line_sync (command, NULL, NULL, &status, NULL) ||
      !g_spawn_check_wait_status (status, NULL))
    return NULL;

  return g_steal_pointer (&mnt);
}

static void
unmount_fs (const char *mnt)
{
  g_autofree char *command = g_strdup_printf ("umount '%s'", mnt);

  g_assert_true (g_spawn_command_line_sync (command, NULL, NULL, NULL, NULL));
}

static void
test_import_disk_full (Fixture       *f,
                       gconstpointer  data)
{
  g_autofree char *mnt = mount_small_fs (f->dir, "size=3m");
  g_autofree char *big = NULL;
  g_autofree char *small = NULL;
  g_autofree char *chunk = g_malloc0 (6 * 1024 * 1024);
  g_autoptr(ReslibStore) store = NULL;
  g_autoptr(ReslibImporter) importer = NULL;
  g_autoptr(ReslibImporter) importer2 = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFile) file2 = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *project = NULL;
  g_autofree char *blob_dir = NULL;

  if (mnt == NULL)
    {
      g_test_skip ("needs root to mount a small tmpfs");
      return;
    }

  store = reslib_test_open_store (mnt);
  project = reslib_test_new_project (store, "满盘");
  blob_dir = g_build_filename (mnt, "blobs", NULL);
  big = reslib_test_write_file (f->files, "big.bin", chunk, 6 * 1024 * 1024);
  small = reslib_test_write_file (f->files, "small.txt", "small", -1);

  importer = reslib_importer_new (store, project);
  file = g_file_new_for_path (big);
  reslib_importer_add_file (importer, file);
  g_assert_false (reslib_job_run (RESLIB_JOB (importer), NULL, &error));
  g_assert_error (error, RESLIB_ERROR, RESLIB_ERROR_NO_SPACE);
  g_test_message ("refused: %s", error->message);
  g_clear_error (&error);
  g_assert_cmpuint (reslib_test_count_files (blob_dir), ==, 0);
  g_assert_cmpuint (reslib_store_count (store, RESLIB_KIND_RESOURCE, project, NULL), ==, 0);

  /* The space is given back: a small file still goes in. */
  importer2 = reslib_importer_new (store, project);
  file2 = g_file_new_for_path (small);
  reslib_importer_add_file (importer2, file2);
  g_assert_true (reslib_job_run (RESLIB_JOB (importer2), NULL, &error));
  g_assert_no_error (error);
  g_clear_object (&importer);
  g_clear_object (&importer2);
  g_clear_object (&store);
  assert_blobs_consistent (mnt);
  unmount_fs (mnt);
}

/* An XFS file system (it shares blocks between files: reflinks) in an image file under @dir, mounted on a
 * loop device; %NULL with @why set when this machine cannot (not root, no mkfs.xfs, no loop device). */
static char *
mount_xfs (const char  *dir,
           char       **why)
{
  g_autofree char *image = g_build_filename (dir, "xfs.img", NULL);
  g_autofree char *mnt = g_build_filename (dir, "xfs", NULL);
  g_autofree char *mkfs = g_find_program_in_path ("mkfs.xfs");
  g_autofree char *command = NULL;
  int fd, status = -1;

  if (geteuid () != 0)
    {
      *why = g_strdup ("needs root to mount an XFS image");
      return NULL;
    }
  if (mkfs == NULL)
    {
      *why = g_strdup ("needs mkfs.xfs (the xfsprogs package)");
      return NULL;
    }
  /* XFS's smallest size; the image is sparse. */
  fd = open (image, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpint (ftruncate (fd, 320 * 1024 * 1024), ==, 0);
  close (fd);
  g_mkdir (mnt, 0700);
  command = g_strdup_printf ("sh -c \"'%s' -q -m reflink=1 '%s' && mount -o loop '%s' '%s'\"", mkfs, image, image, mnt);
  if (!g_spawn_command_line_sync (command, NULL, NULL, &status, NULL) || !g_spawn_check_wait_status (status, NULL))
    {
      *why = g_strdup ("cannot make and mount an XFS image on a loop device here");
      return NULL;
    }

  return g_steal_pointer (&mnt);
}

/* Whether every extent of the file at @path is shared with another file (FIEMAP); a file without extents is
 * not. */
static gboolean
extents_shared (const char *path)
{
  struct
  {
    struct fiemap        map;
    struct fiemap_extent extents[32];
  } request = { 0 };
  int fd = open (path, O_RDONLY | O_CLOEXEC);

  g_assert_cmpint (fd, >=, 0);
  request.map.fm_length = FIEMAP_MAX_OFFSET;
  request.map.fm_flags = FIEMAP_FLAG_SYNC;
  request.map.fm_extent_count = G_N_ELEMENTS (request.extents);
  g_assert_cmpint (ioctl (fd, FS_IOC_FIEMAP, &request.map), ==, 0);
  close (fd);
  g_test_message ("%s: %u extents", path, request.map.fm_mapped_extents);
  if (request.map.fm_mapped_extents == 0)
    return FALSE;
  for (guint i = 0; i < request.map.fm_mapped_extents; i++)
    if (!(request.extents[i].fe_flags & FIEMAP_EXTENT_SHARED))
      return FALSE;

  return TRUE;
}

/* On a file system that shares blocks, an imported file becomes a clone of its source rather than a copy:
 * the blob shares the source's extents, and its hash is still taken from its bytes. */
static void
test_import_reflink (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *why = NULL;
  g_autofree char *mnt = mount_xfs (f->dir, &why);
  g_autofree char *src = NULL;
  g_autofree char *blob_dir = NULL;
  g_autofree char *big_data = NULL;
  g_autoptr(ReslibStore) store = NULL;
  g_autoptr(ReslibImporter) importer = NULL;
  g_autoptr(GFile) folder = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *project = NULL;
  const char *names[] = { "课件.bin", "small.txt" };
  char expected[2][65];
  gsize big_size = 5 * 1024 * 1024 + 123;

  if (mnt == NULL)
    {
      g_test_skip (why);
      return;
    }

  src = g_build_filename (mnt, "src", NULL);
  g_mkdir (src, 0700);
  big_data = g_malloc (big_size);
  for (gsize i = 0; i < big_size; i++)
    big_data[i] = (char) (i * 7 + i / 4096);
  g_free (reslib_test_write_file (src, names[0], big_data, (gssize) big_size));
  g_free (reslib_test_write_file (src, names[1], "small", -1));
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *path = g_build_filename (src, names[i], NULL);
      g_assert_true (reslib_blob_hash_file (path, expected[i], NULL, NULL, &error));
      g_assert_no_error (error);
    }

  store = reslib_test_open_store (mnt);
  project = reslib_test_new_project (store, "共享块");
  importer = reslib_importer_new (store, project);
  folder = g_file_new_for_path (src);
  reslib_importer_add_file (importer, folder);
  g_assert_true (reslib_job_run (RESLIB_JOB (importer), NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length ((GStrv) reslib_importer_get_resource_ids (importer)), ==, 2);

  blob_dir = g_build_filename (mnt, "blobs", NULL);
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *blob = g_build_filename (blob_dir, (char[]) { expected[i][0], expected[i][1], 0 },
                                                expected[i] + 2, NULL);
      g_assert_true (g_file_test (blob, G_FILE_TEST_IS_REGULAR));
      g_assert_true (extents_shared (blob));
    }
  g_clear_object (&importer);
  g_clear_object (&store);
  /* Every blob's bytes hash to its name and its row. */
  assert_blobs_consistent (mnt);
  unmount_fs (mnt);
}

static void
test_import_read_only (Fixture       *f,
                       gconstpointer  data)
{
  g_autofree char *mnt = mount_small_fs (f->dir, "size=8m");
  g_autofree char *command = NULL;
  g_autofree char *small = reslib_test_write_file (f->files, "small.txt", "small", -1);
  g_autoptr(GError) error = NULL;
  g_autoptr(ReslibStore) store = NULL;
  g_autofree char *project = NULL;

  if (mnt == NULL)
    {
      g_test_skip ("needs root to mount a small tmpfs");
      return;
    }
  store = reslib_test_open_store (mnt);
  project = reslib_test_new_project (store, "只读");
  g_clear_object (&store);

  command = g_strdup_printf ("mount -o remount,ro '%s'", mnt);
  g_assert_true (g_spawn_command_line_sync (command, NULL, NULL, NULL, NULL));

  /* A read-only data folder is still read; every change is refused with a clear message. */
  store = reslib_store_open (mnt, &error);
  g_assert_no_error (error);
  g_assert_true (reslib_store_is_read_only (store));
  {
    g_autoptr(ReslibRecord) record = reslib_store_get (store, RESLIB_KIND_PROJECT, project, &error);
    g_autoptr(ReslibImporter) importer = reslib_importer_new (store, project);
    g_autoptr(GFile) file = g_file_new_for_path (small);

    g_assert_no_error (error);
    g_assert_cmpstr (reslib_record_get (record, "name"), ==, "只读");
    g_assert_false (reslib_store_update (store, RESLIB_KIND_PROJECT, project,
                                         (const char * const[]) { "name", NULL },
                                         (const char * const[]) { "改名", NULL }, &error));
    g_assert_error (error, RESLIB_ERROR, RESLIB_ERROR_READ_ONLY);
    g_assert_null (strstr (error->message, "SQL"));
    g_test_message ("refused: %s", error->message);
    g_clear_error (&error);

    reslib_importer_add_file (importer, file);
    g_assert_false (reslib_job_run (RESLIB_JOB (importer), NULL, &error));
    g_assert_error (error, RESLIB_ERROR, RESLIB_ERROR_READ_ONLY);
    g_test_message ("refused: %s", error->message);
    g_clear_error (&error);
  }
  g_clear_object (&store);
  unmount_fs (mnt);
}

typedef struct
{
  Fixture *f;
  guint    n_writes;
  gint64   longest_us;
} WriteBeside;

/* While the files are being copied, another connection to the store writes. */
static void
write_beside_cb (const ReslibProgress *progress,
                 gpointer              user_data)
{
  WriteBeside *w = user_data;
  g_autoptr(ReslibStore) other = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  gint64 t0;

  if (progress->files_done > 0 || w->n_writes >= 3)
    return;
  other = reslib_store_open (w->f->data_dir, &error);
  g_assert_no_error (error);
  name = g_strdup_printf ("写于导入期间 %u", w->n_writes);
  t0 = g_get_monotonic_time ();
  g_assert_true (reslib_store_update (other, RESLIB_KIND_PROJECT, w->f->project, (const char * const[]) { "name", NULL },
                                      (const char * const[]) { name, NULL }, &error));
  g_assert_no_error (error);
  w->longest_us = MAX (w->longest_us, g_get_monotonic_time () - t0);
  w->n_writes++;
}

/* Copying and hashing hold no lock: another program writes at once meanwhile, and the import
 * commits after it. */
static void
test_import_write_beside (Fixture       *f,
                          gconstpointer  data)
{
  g_autofree char *chunk = g_malloc (1024 * 1024);
  g_autofree char *big = g_build_filename (f->files, "big.bin", NULL);
  g_autoptr(ReslibImporter) importer = reslib_importer_new (f->store, f->project);
  g_autoptr(GFile) file = g_file_new_for_path (big);
  g_autoptr(ReslibRecord) project = NULL;
  g_autoptr(GError) error = NULL;
  WriteBeside w = { f, 0, 0 };
  FILE *out = fopen (big, "wb");

  g_assert_nonnull (out);
  for (guint i = 0; i < 256; i++)
    {
      memset (chunk, (int) i, 1024 * 1024);
      g_assert_cmpuint (fwrite (chunk, 1, 1024 * 1024, out), ==, 1024 * 1024);
    }
  fclose (out);

  reslib_importer_add_file (importer, file);
  reslib_job_set_progress_func (RESLIB_JOB (importer), write_beside_cb, &w, NULL);
  g_assert_true (reslib_job_run (RESLIB_JOB (importer), NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (w.n_writes, >=, 1);
  g_test_message ("%u writes beside the import, the longest took %.3f s", w.n_writes, w.longest_us / 1e6);
  g_assert_cmpint (w.longest_us, <, G_USEC_PER_SEC);

  project = reslib_store_get (f->store, RESLIB_KIND_PROJECT, f->project, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (reslib_record_get (project, "name"), "写于导入期间"));
  g_assert_cmpuint (reslib_store_count (f->store, RESLIB_KIND_RESOURCE, f->project, NULL), ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");

  if (argc == 5 && g_str_equal (argv[1], "--crash-child"))
    {
      reslib_core_init ();
      return crash_child (argv[2], argv[3], argv[4]);
    }

  /* Not G_TEST_OPTION_ISOLATE_DIRS: MIME sniffing needs the system's shared-mime-info
   * database from $XDG_DATA_DIRS. Every test works in folders of its own. */
  g_test_init (&argc, &argv, NULL);
  reslib_core_init ();

  g_test_add ("/import/file", Fixture, NULL, fixture_setup, test_import_file, fixture_teardown);
  g_test_add ("/import/folder", Fixture, NULL, fixture_setup, test_import_folder, fixture_teardown);
  g_test_add ("/import/search-index", Fixture, NULL, fixture_setup, test_import_search_index, fixture_teardown);
  g_test_add ("/import/dedupe", Fixture, NULL, fixture_setup, test_import_dedupe, fixture_teardown);
  g_test_add ("/import/duplicates", Fixture, NULL, fixture_setup, test_import_duplicates, fixture_teardown);
  g_test_add ("/import/bad-input", Fixture, NULL, fixture_setup, test_import_bad_input, fixture_teardown);
  g_test_add ("/import/per-file-failures", Fixture, NULL, fixture_setup, test_import_per_file_failures,
              fixture_teardown);
  g_test_add ("/import/all-failed", Fixture, NULL, fixture_setup, test_import_all_failed, fixture_teardown);
  g_test_add ("/import/cancelled", Fixture, NULL, fixture_setup, test_import_cancelled, fixture_teardown);
  g_test_add ("/import/changed-while-reading", Fixture, NULL, fixture_setup, test_import_changed, fixture_teardown);
  g_test_add ("/import/async", Fixture, NULL, fixture_setup, test_import_async, fixture_teardown);
  g_test_add ("/import/job-sync-async", Fixture, NULL, fixture_setup, test_import_job_sync_async, fixture_teardown);
  g_test_add ("/import/job-cancel", Fixture, NULL, fixture_setup, test_import_job_cancel, fixture_teardown);
  g_test_add ("/import/killed", Fixture, NULL, fixture_setup, test_import_killed, fixture_teardown);
  g_test_add ("/import/disk-full", Fixture, NULL, fixture_setup, test_import_disk_full, fixture_teardown);
  g_test_add ("/import/reflink", Fixture, NULL, fixture_setup, test_import_reflink, fixture_teardown);
  g_test_add ("/import/read-only", Fixture, NULL, fixture_setup, test_import_read_only, fixture_teardown);
  g_test_add ("/import/write-beside", Fixture, NULL, fixture_setup, test_import_write_beside, fixture_teardown);

  return g_test_run ();
}
