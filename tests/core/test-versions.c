/* test-versions.c — replacing a resource's file by a new version (ReslibReplacer): the earlier file kept as
 * a version, an approved resource back in review, the old blob collected once nothing needs it, and the
 * yearly update rate counting the replacement
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <locale.h>
#include <gdk-pixbuf/gdk-pixbuf.h>
#include <sqlite3.h>
#include <string.h>

#include "reslib-replacer.h"
#include "reslib-store-gc.h"
#include "reslib-store-versions.h"
#include "reslib-test-utils.h"

typedef struct
{
  char        *dir;
  char        *data_dir;
  char        *files;
  ReslibStore *store;
  char        *project;
  char        *resource;
} Fixture;

static char *
import_file (Fixture    *f,
             const char *name,
             const char *contents)
{
  g_autofree char *path = reslib_test_write_file (f->files, name, contents, -1);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(ReslibImporter) importer = reslib_importer_new (f->store, f->project);
  g_autoptr(GError) error = NULL;

  reslib_importer_add_file (importer, file);
  g_assert_true (reslib_job_run (RESLIB_JOB (importer), NULL, &error));
  g_assert_no_error (error);

  return g_strdup (reslib_importer_get_resource_ids (importer)[0]);
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  f->dir = reslib_test_make_tmp_dir ("reslib-versions-XXXXXX");
  f->data_dir = g_build_filename (f->dir, "data", NULL);
  f->files = g_build_filename (f->dir, "files", NULL);
  g_assert_cmpint (g_mkdir_with_parents (f->files, 0700), ==, 0);
  f->store = reslib_test_open_store (f->data_dir);
  reslib_store_set_actor (f->store, "王老师");
  f->project = reslib_test_new_project (f->store, "数控技术专业教学资源库");
  f->resource = import_file (f, "讲义.txt", "第一版讲义");
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
  g_free (f->resource);
}

static gboolean
replace (Fixture     *f,
         const char  *name,
         const char  *contents,
         GError     **error)
{
  g_autofree char *path = reslib_test_write_file (f->files, name, contents, -1);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(ReslibReplacer) replacer = reslib_replacer_new (f->store, f->resource, file);

  return reslib_job_run (RESLIB_JOB (replacer), NULL, error);
}

static char *
sql (Fixture    *f,
     const char *query)
{
  g_autofree char *db = g_build_filename (f->data_dir, "library.db", NULL);

  return reslib_test_sql_text (db, query);
}

/* The file replaced, the metadata kept, the old file a version, who replaced it, the event */
static void
test_replace (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ReslibRecord) before = reslib_store_get (f->store, RESLIB_KIND_RESOURCE, f->resource, NULL);
  g_autoptr(ReslibRecord) after = NULL;
  g_autoptr(GPtrArray) versions = NULL;
  g_autofree char *path = reslib_test_write_file (f->files, "讲义-第二版.txt", "第二版讲义，改了例题", -1);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(ReslibReplacer) replacer = reslib_replacer_new (f->store, f->resource, file);
  g_autofree char *events = NULL;
  g_autofree char *probed = NULL;
  ReslibFileVersion *v;

  g_assert_true (reslib_store_update (f->store, RESLIB_KIND_RESOURCE, f->resource, (const char * const[]) { "title", NULL },
                                      (const char * const[]) { "数控车削讲义" }, &error));
  g_assert_no_error (error);
  g_clear_object (&before);
  before = reslib_store_get (f->store, RESLIB_KIND_RESOURCE, f->resource, NULL);

  g_assert_true (reslib_job_run (RESLIB_JOB (replacer), NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (reslib_replacer_get_version (replacer), ==, 2);
  g_assert_false (reslib_replacer_get_back_to_review (replacer));
  g_assert_cmpstr (reslib_replacer_get_previous_sha256 (replacer), ==, reslib_record_get (before, "blob_sha256"));

  after = reslib_store_get (f->store, RESLIB_KIND_RESOURCE, f->resource, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (reslib_record_get (after, "id"), ==, f->resource);
  g_assert_cmpstr (reslib_record_get (after, "title"), ==, "数控车削讲义");
  g_assert_cmpstr (reslib_record_get (after, "file_name"), ==, "讲义-第二版.txt");
  g_assert_cmpstr (reslib_record_get (after, "state"), ==, "draft");
  g_assert_cmpstr (reslib_record_get (after, "blob_sha256"), !=, reslib_record_get (before, "blob_sha256"));
  {
    g_autofree char *blob = reslib_store_get_blob_path (f->store, reslib_record_get (after, "blob_sha256"));
    g_autofree char *contents = NULL;

    g_assert_true (g_file_get_contents (blob, &contents, NULL, NULL));
    g_assert_cmpstr (contents, ==, "第二版讲义，改了例题");
  }

  versions = reslib_store_list_file_versions (f->store, f->resource, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (versions->len, ==, 1);
  v = g_ptr_array_index (versions, 0);
  g_assert_cmpuint (v->version, ==, 1);
  g_assert_cmpstr (v->blob_sha256, ==, reslib_record_get (before, "blob_sha256"));
  g_assert_cmpstr (v->file_name, ==, "讲义.txt");
  g_assert_cmpint (v->size, ==, strlen ("第一版讲义"));
  g_assert_cmpstr (v->replaced_by, ==, "王老师");
  g_assert_true (v->stored);

  events = sql (f, "SELECT group_concat (action, ',') FROM events WHERE subject_kind = 'resource'");
  g_assert_cmpstr (events, ==, "create,update,replace");
  /* A third version numbers on */
  g_assert_true (replace (f, "讲义-第三版.txt", "第三版", &error));
  g_assert_no_error (error);
  g_clear_pointer (&versions, g_ptr_array_unref);
  versions = reslib_store_list_file_versions (f->store, f->resource, &error);
  g_assert_cmpuint (versions->len, ==, 2);
  g_assert_cmpstr (((ReslibFileVersion *) g_ptr_array_index (versions, 1))->file_name, ==, "讲义-第二版.txt");
}

/* The new file's media facts are probed */
static void
test_probed (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, 32, 24);
  g_autofree char *path = g_build_filename (f->files, "图纸.png", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(ReslibReplacer) replacer = reslib_replacer_new (f->store, f->resource, file);
  g_autofree char *probed = NULL;

  gdk_pixbuf_fill (pixbuf, 0x336699ff);
  g_assert_true (gdk_pixbuf_save (pixbuf, path, "png", &error, NULL));
  g_assert_no_error (error);
  g_assert_true (reslib_job_run (RESLIB_JOB (replacer), NULL, &error));
  g_assert_no_error (error);
  probed = sql (f, "SELECT p.width || 'x' || p.height FROM probes p JOIN resources r ON r.blob_sha256 = p.sha256");
  g_assert_cmpstr (probed, ==, "32x24");
}

/* The same content again is refused, and changes nothing */
static void
test_same_file (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *before = sql (f, "SELECT blob_sha256 || file_name || updated_at FROM resources");
  g_autofree char *after = NULL;
  g_autofree char *n = NULL;

  g_assert_false (replace (f, "同样的内容.txt", "第一版讲义", &error));
  g_assert_error (error, RESLIB_ERROR, RESLIB_ERROR_BAD_FILE);
  after = sql (f, "SELECT blob_sha256 || file_name || updated_at FROM resources");
  g_assert_cmpstr (before, ==, after);
  n = sql (f, "SELECT count (*) FROM resource_versions");
  g_assert_cmpstr (n, ==, "0");
}

/* What was approved was the old file: the resource goes back to review */
static void
test_back_to_review (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ReslibRecord) after = NULL;
  const char *ids[] = { f->resource, NULL };
  g_autofree char *path = reslib_test_write_file (f->files, "新版.txt", "新版", -1);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(ReslibReplacer) replacer = reslib_replacer_new (f->store, f->resource, file);

  g_assert_true (reslib_store_review (f->store, ids, RESLIB_REVIEW_SUBMIT, NULL, &error));
  g_assert_true (reslib_store_review (f->store, ids, RESLIB_REVIEW_APPROVE, "好", &error));
  g_assert_no_error (error);
  g_assert_true (reslib_job_run (RESLIB_JOB (replacer), NULL, &error));
  g_assert_no_error (error);
  g_assert_true (reslib_replacer_get_back_to_review (replacer));
  after = reslib_store_get (f->store, RESLIB_KIND_RESOURCE, f->resource, &error);
  g_assert_cmpstr (reslib_record_get (after, "state"), ==, "in-review");
}

/* The old file stays in the store while it is needed, and is collected after; its version row stays */
static void
test_old_blob (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *old = sql (f, "SELECT blob_sha256 FROM resources");
  g_autofree char *old_path = reslib_store_get_blob_path (f->store, old);
  g_autofree char *other = NULL;
  g_autoptr(GPtrArray) versions = NULL;
  guint n_files = 0;
  guint64 n_bytes = 0;

  /* Another resource with the same content keeps it */
  other = import_file (f, "讲义副本.txt", "第一版讲义");
  g_assert_true (replace (f, "讲义-第二版.txt", "第二版", &error));
  g_assert_no_error (error);
  g_assert_true (g_file_test (old_path, G_FILE_TEST_EXISTS));
  g_assert_true (reslib_store_collect_blobs (f->store, &n_files, &n_bytes, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_files, ==, 0);
  g_assert_true (g_file_test (old_path, G_FILE_TEST_EXISTS));

  /* Once nothing needs it, it is collected; the version is still listed, as no longer stored */
  g_assert_true (reslib_store_delete (f->store, RESLIB_KIND_RESOURCE, other, &error));
  g_assert_no_error (error);
  g_assert_true (reslib_store_collect_blobs (f->store, &n_files, &n_bytes, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_files, ==, 1);
  g_assert_false (g_file_test (old_path, G_FILE_TEST_EXISTS));
  versions = reslib_store_list_file_versions (f->store, f->resource, &error);
  g_assert_cmpuint (versions->len, ==, 1);
  g_assert_false (((ReslibFileVersion *) g_ptr_array_index (versions, 0))->stored);
}

/* Undoing a replacement puts back the file, its name and the review state, and the versions exactly as they
 * were: the version the replacement wrote goes, and the store's trigger writes none for the file put back;
 * the new file is kept from the collection while the undoing can be redone, and redoing brings back the
 * same version row. */
static void
test_undo (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  const char *ids[] = { f->resource, NULL };
  const char *dump_sql = "SELECT r.blob_sha256 || ':' || r.file_name || ':' || r.state || ':' || "
                         "coalesce ((SELECT group_concat (v.version || '/' || v.blob_sha256 || '/' || v.file_name || '/' "
                         "|| v.replaced_at || '/' || coalesce (v.replaced_by, '-'), '|') FROM resource_versions v "
                         "WHERE v.resource_id = r.id), '') FROM resources r";
  g_autofree char *path = NULL;
  g_autofree char *before = NULL;
  g_autofree char *first = NULL;
  g_autofree char *replaced = NULL;
  g_autofree char *undone = NULL;
  g_autofree char *redone = NULL;
  g_autofree char *new_sha = NULL;
  g_autofree char *new_path = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(ReslibReplacer) replacer = NULL;
  g_autoptr(ReslibUndoStep) redo = NULL;
  g_autoptr(ReslibUndoStep) again = NULL;
  guint n_files = 0;
  guint64 n_bytes = 0;

  /* Version 2 already, then approved */
  g_assert_true (replace (f, "讲义-第二版.txt", "第二版讲义", &error));
  g_assert_no_error (error);
  g_assert_true (reslib_store_review (f->store, ids, RESLIB_REVIEW_SUBMIT, NULL, &error));
  g_assert_true (reslib_store_review (f->store, ids, RESLIB_REVIEW_APPROVE, "好", &error));
  g_assert_no_error (error);
  before = sql (f, dump_sql);
  first = sql (f, "SELECT count (*) FROM resource_versions");
  g_assert_cmpstr (first, ==, "1");

  path = reslib_test_write_file (f->files, "讲义-第三版.txt", "第三版讲义", -1);
  file = g_file_new_for_path (path);
  replacer = reslib_replacer_new (f->store, f->resource, file);
  g_assert_true (reslib_job_run (RESLIB_JOB (replacer), NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (reslib_replacer_get_version (replacer), ==, 3);
  g_assert_true (reslib_replacer_get_back_to_review (replacer));
  g_assert_nonnull (reslib_replacer_get_undo_step (replacer));
  replaced = sql (f, dump_sql);
  new_sha = sql (f, "SELECT blob_sha256 FROM resources");
  new_path = reslib_store_get_blob_path (f->store, new_sha);

  redo = reslib_store_undo (f->store, reslib_replacer_get_undo_step (replacer), &error);
  g_assert_no_error (error);
  g_assert_nonnull (redo);
  undone = sql (f, dump_sql);
  g_assert_cmpstr (undone, ==, before);
  g_clear_object (&replacer);

  /* The new file is not collected while the undoing can be redone */
  g_assert_true (reslib_store_collect_blobs (f->store, &n_files, &n_bytes, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_test (new_path, G_FILE_TEST_EXISTS));

  again = reslib_store_undo (f->store, redo, &error);
  g_assert_no_error (error);
  g_assert_nonnull (again);
  redone = sql (f, dump_sql);
  g_assert_cmpstr (redone, ==, replaced);
  g_assert_true (g_file_test (new_path, G_FILE_TEST_EXISTS));
}

/* The yearly update rate counts the replaced resource, not an edit of metadata */
static void
test_renewed (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *db = g_build_filename (f->data_dir, "library.db", NULL);
  g_autofree char *other = import_file (f, "图纸.txt", "图纸");
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) tomorrow = g_date_time_add_days (now, 1);
  g_autofree char *from = g_date_time_format (now, "%Y-%m-%d");
  g_autofree char *to = g_date_time_format (tomorrow, "%Y-%m-%d");

  /* Both resources were created long ago */
  {
    sqlite3 *handle = NULL;

    g_assert_cmpint (sqlite3_open (db, &handle), ==, SQLITE_OK);
    sqlite3_busy_timeout (handle, 5000);
    g_assert_cmpint (sqlite3_exec (handle, "UPDATE events SET at = '2020-01-01T00:00:00Z'", NULL, NULL, NULL), ==, SQLITE_OK);
    sqlite3_close (handle);
  }
  g_assert_cmpuint (reslib_store_count_renewed_resources (f->store, f->project, from, to, &error), ==, 0);
  g_assert_true (reslib_store_update (f->store, RESLIB_KIND_RESOURCE, other, (const char * const[]) { "description", NULL },
                                      (const char * const[]) { "只改了简介" }, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (reslib_store_count_renewed_resources (f->store, f->project, from, to, &error), ==, 0);
  g_assert_true (replace (f, "讲义-第二版.txt", "第二版", &error));
  g_assert_no_error (error);
  g_assert_cmpuint (reslib_store_count_renewed_resources (f->store, f->project, from, to, &error), ==, 1);
  g_assert_no_error (error);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  /* Not G_TEST_OPTION_ISOLATE_DIRS: MIME sniffing needs the system's shared-mime-info */
  g_test_init (&argc, &argv, NULL);
  reslib_core_init ();

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/versions/undo", test_undo);
  ADD ("/versions/replace", test_replace);
  ADD ("/versions/probed", test_probed);
  ADD ("/versions/same-file", test_same_file);
  ADD ("/versions/back-to-review", test_back_to_review);
  ADD ("/versions/old-blob", test_old_blob);
  ADD ("/versions/renewed", test_renewed);
#undef ADD

  return g_test_run ();
}
