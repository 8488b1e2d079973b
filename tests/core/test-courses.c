/* test-courses.c — course trees in the store: moving, renumbering, deleting with undo; the review queue
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <locale.h>
#include <sqlite3.h>

#include "reslib-store-courses.h"
#include "reslib-store-private.h"
#include "reslib-test-utils.h"
#include "reslib-undo-step.h"

typedef struct
{
  char        *dir;
  ReslibStore *store;
  char        *project;
  char        *course;
  char        *other_course;
} Fixture;

static char *
add_course (Fixture    *f,
            const char *title)
{
  g_autoptr(GError) error = NULL;
  char *id = reslib_store_insert (f->store, RESLIB_KIND_COURSE,
                                  (const char * const[]) { "project_id", "title", NULL },
                                  (const char * const[]) { f->project, title }, &error);

  g_assert_no_error (error);
  return id;
}

static char *
add_node (Fixture    *f,
          const char *course,
          const char *parent,
          const char *kind,
          const char *title,
          guint       position)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *pos = g_strdup_printf ("%u", position);
  char *id = reslib_store_insert (f->store, RESLIB_KIND_NODE,
                                  (const char * const[]) { "course_id", "parent_id", "kind", "title", "position", NULL },
                                  (const char * const[]) { course, parent, kind, title, pos }, &error);

  g_assert_no_error (error);
  return id;
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *data_dir = NULL;

  f->dir = reslib_test_make_tmp_dir ("reslib-courses-XXXXXX");
  data_dir = g_build_filename (f->dir, "data", NULL);
  f->store = reslib_test_open_store (data_dir);
  f->project = reslib_test_new_project (f->store, "课程测试资源库");
  f->course = add_course (f, "数控编程");
  f->other_course = add_course (f, "机械制图");
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_object (&f->store);
  reslib_test_rm_rf (f->dir);
  g_free (f->dir);
  g_free (f->project);
  g_free (f->course);
  g_free (f->other_course);
}

static gint64
position_of (Fixture    *f,
             const char *node)
{
  g_autoptr(ReslibRecord) record = reslib_store_get (f->store, RESLIB_KIND_NODE, node, NULL);

  g_assert_nonnull (record);
  return reslib_record_get_int (record, "position", -1);
}

static char *
parent_of (Fixture    *f,
           const char *node)
{
  g_autoptr(ReslibRecord) record = reslib_store_get (f->store, RESLIB_KIND_NODE, node, NULL);

  g_assert_nonnull (record);
  return g_strdup (reslib_record_get (record, "parent_id"));
}

static void
test_move (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *m1 = add_node (f, f->course, NULL, "module", "模块一", 0);
  g_autofree char *m2 = add_node (f, f->course, NULL, "module", "模块二", 1);
  g_autofree char *k1 = add_node (f, f->course, m1, "knowledge", "知识点一", 0);
  g_autofree char *k2 = add_node (f, f->course, m1, "knowledge", "知识点二", 1);
  g_autofree char *k3 = add_node (f, f->course, m1, "skill", "技能点三", 2);
  g_autofree char *x = add_node (f, f->other_course, NULL, "module", "别的模块", 0);
  g_autofree char *parent = NULL;

  /* Within the same parent: k3 first. */
  g_assert_true (reslib_store_move_node (f->store, k3, m1, 0, &error));
  g_assert_no_error (error);
  g_assert_cmpint (position_of (f, k3), ==, 0);
  g_assert_cmpint (position_of (f, k1), ==, 1);
  g_assert_cmpint (position_of (f, k2), ==, 2);

  /* Under another parent: both sets of siblings are renumbered. */
  g_assert_true (reslib_store_move_node (f->store, k1, m2, 5, &error));
  g_assert_no_error (error);
  parent = parent_of (f, k1);
  g_assert_cmpstr (parent, ==, m2);
  g_assert_cmpint (position_of (f, k1), ==, 0);
  g_assert_cmpint (position_of (f, k3), ==, 0);
  g_assert_cmpint (position_of (f, k2), ==, 1);

  /* To the top level, between the modules. */
  g_assert_true (reslib_store_move_node (f->store, k2, NULL, 1, &error));
  g_assert_no_error (error);
  g_clear_pointer (&parent, g_free);
  parent = parent_of (f, k2);
  g_assert_null (parent);
  g_assert_cmpint (position_of (f, m1), ==, 0);
  g_assert_cmpint (position_of (f, k2), ==, 1);
  g_assert_cmpint (position_of (f, m2), ==, 2);

  /* A cycle is refused and changes nothing. */
  g_assert_false (reslib_store_move_node (f->store, m2, k1, 0, &error));
  g_assert_error (error, RESLIB_ERROR, RESLIB_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (position_of (f, m2), ==, 2);
  g_clear_pointer (&parent, g_free);
  parent = parent_of (f, m2);
  g_assert_null (parent);

  /* So is a parent in another course. */
  g_assert_false (reslib_store_move_node (f->store, k3, x, 0, &error));
  g_assert_error (error, RESLIB_ERROR, RESLIB_ERROR_INVALID);
  g_clear_error (&error);
  g_clear_pointer (&parent, g_free);
  parent = parent_of (f, k3);
  g_assert_cmpstr (parent, ==, m1);

  /* Courses */
  g_assert_true (reslib_store_move_course (f->store, f->other_course, 0, &error));
  g_assert_no_error (error);
  {
    g_autoptr(GListModel) courses = reslib_store_list (f->store, RESLIB_KIND_COURSE, f->project, &error);
    g_autoptr(ReslibRecord) first = g_list_model_get_item (courses, 0);

    g_assert_cmpstr (reslib_record_get_id (first), ==, f->other_course);
  }
}

static char *
add_resource (Fixture    *f,
              const char *title,
              const char *sha)
{
  g_autoptr(GError) error = NULL;
  gboolean existed;
  char *id;

  g_assert_true (_reslib_store_add_blob (f->store, sha, 1, "text/plain", &existed, &error));
  id = reslib_store_insert (f->store, RESLIB_KIND_RESOURCE,
                            (const char * const[]) { "project_id", "blob_sha256", "file_name", "title", NULL },
                            (const char * const[]) { f->project, sha, "a.txt", title }, &error);
  g_assert_no_error (error);
  return id;
}

static guint
count_links (Fixture *f)
{
  sqlite3_stmt *stmt = NULL;
  guint n;

  g_assert_cmpint (sqlite3_prepare_v2 (_reslib_store_get_db (f->store), "SELECT count (*) FROM resource_nodes", -1,
                                       &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  n = (guint) sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);

  return n;
}

static void
test_delete_undo (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *sha = g_strnfill (64, 'a');
  g_autofree char *m1 = add_node (f, f->course, NULL, "module", "模块一", 0);
  g_autofree char *k1 = add_node (f, f->course, m1, "knowledge", "知识点一", 0);
  g_autofree char *k2 = add_node (f, f->course, k1, "skill", "技能点二", 0);
  g_autofree char *r = add_resource (f, "资源", sha);
  g_autoptr(ReslibUndoStep) snapshot = NULL;
  g_autoptr(ReslibUndoStep) redo = NULL;
  g_autoptr(GHashTable) counts = NULL;
  g_autoptr(ReslibRecord) resource = NULL;
  g_autoptr(ReslibRecord) restored = NULL;
  guint n_nodes = 0, n_resources = 0;

  g_assert_true (reslib_store_set_list (f->store, r, "nodes", (const char * const[]) { k2, NULL }, &error));
  counts = reslib_store_count_resources_by_node (f->store, f->project, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (GPOINTER_TO_UINT (g_hash_table_lookup (counts, k2)), ==, 1);
  g_assert_false (g_hash_table_contains (counts, k1));

  g_assert_true (reslib_store_count_tree (f->store, RESLIB_KIND_NODE, m1, &n_nodes, &n_resources, &error));
  g_assert_cmpuint (n_nodes, ==, 2);
  g_assert_cmpuint (n_resources, ==, 1);
  g_assert_true (reslib_store_count_tree (f->store, RESLIB_KIND_COURSE, f->course, &n_nodes, &n_resources, &error));
  g_assert_cmpuint (n_nodes, ==, 3);

  snapshot = reslib_store_delete_undoable (f->store, RESLIB_KIND_NODE, (const char * const[]) { m1, NULL }, &error);
  g_assert_no_error (error);
  g_assert_nonnull (snapshot);
  /* The nodes below m1, and m1 itself */
  g_assert_cmpuint (reslib_undo_step_get_n_records (snapshot, RESLIB_KIND_NODE), ==, 2 + 1);
  g_assert_cmpuint (count_links (f), ==, 0);
  g_assert_cmpuint (reslib_store_count (f->store, RESLIB_KIND_NODE, f->course, NULL), ==, 0);
  resource = reslib_store_get (f->store, RESLIB_KIND_RESOURCE, r, &error);
  g_assert_true (reslib_record_get_list (resource, "nodes") == NULL || reslib_record_get_list (resource, "nodes")[0] == NULL);

  redo = reslib_store_undo (f->store, snapshot, &error);
  g_assert_no_error (error);
  g_assert_nonnull (redo);
  g_assert_cmpuint (count_links (f), ==, 1);
  g_assert_cmpuint (reslib_store_count (f->store, RESLIB_KIND_NODE, f->course, NULL), ==, 3);
  restored = reslib_store_get (f->store, RESLIB_KIND_NODE, k2, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (reslib_record_get (restored, "parent_id"), ==, k1);
  g_clear_object (&resource);
  resource = reslib_store_get (f->store, RESLIB_KIND_RESOURCE, r, &error);
  g_assert_nonnull (reslib_record_get_list (resource, "nodes"));
  g_assert_cmpstr (reslib_record_get_list (resource, "nodes")[0], ==, k2);

  /* A whole course */
  g_clear_pointer (&snapshot, reslib_undo_step_unref);
  g_clear_pointer (&redo, reslib_undo_step_unref);
  snapshot = reslib_store_delete_undoable (f->store, RESLIB_KIND_COURSE, (const char * const[]) { f->course, NULL },
                                           &error);
  g_assert_no_error (error);
  g_assert_cmpuint (reslib_undo_step_get_n_records (snapshot, RESLIB_KIND_NODE), ==, 3);
  g_assert_null (reslib_store_get (f->store, RESLIB_KIND_COURSE, f->course, NULL));
  redo = reslib_store_undo (f->store, snapshot, &error);
  g_assert_no_error (error);
  g_assert_nonnull (redo);
  g_assert_cmpuint (reslib_store_count (f->store, RESLIB_KIND_NODE, f->course, NULL), ==, 3);
}

static void
test_review_queue (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *sha1 = g_strnfill (64, 'b');
  g_autofree char *sha2 = g_strnfill (64, 'c');
  g_autofree char *r1 = add_resource (f, "一", sha1);
  g_autofree char *r2 = add_resource (f, "二", sha2);
  g_autoptr(GListModel) queue = NULL;
  g_autoptr(GHashTable) times = NULL;
  g_autoptr(ReslibRecord) first = NULL;

  g_assert_true (reslib_store_review (f->store, (const char * const[]) { r2, NULL }, RESLIB_REVIEW_SUBMIT, NULL, &error));
  g_usleep (2000);
  g_assert_true (reslib_store_review (f->store, (const char * const[]) { r1, NULL }, RESLIB_REVIEW_SUBMIT, NULL, &error));
  queue = reslib_store_list_in_review (f->store, f->project, &times, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (queue), ==, 2);
  first = g_list_model_get_item (queue, 0);
  g_assert_cmpstr (reslib_record_get_id (first), ==, r2);
  g_assert_nonnull (g_hash_table_lookup (times, r1));

  g_assert_true (reslib_store_review (f->store, (const char * const[]) { r1, NULL }, RESLIB_REVIEW_APPROVE, NULL, &error));
  g_clear_object (&queue);
  queue = reslib_store_list_in_review (f->store, f->project, NULL, &error);
  g_assert_cmpuint (g_list_model_get_n_items (queue), ==, 1);
}

/* A store whose nodes already form a cycle (written before cycles were refused, or damaged):
 * walking down a tree ends, and the cycle is found. */
static void
test_cycle_in_store (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *m1 = add_node (f, f->course, NULL, "module", "模块一", 0);
  g_autofree char *k1 = add_node (f, f->course, m1, "knowledge", "知识点一", 0);
  g_autofree char *k2 = add_node (f, f->course, k1, "skill", "技能点二", 0);
  g_autofree char *sql = g_strdup_printf ("UPDATE course_nodes SET parent_id = '%s' WHERE id = '%s'", k2, m1);
  g_autofree char *bad = NULL;
  guint n_nodes = 0, n_resources = 0;

  g_assert_true (_reslib_store_check_node_trees (f->store, f->project, &bad, &error));
  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_exec (_reslib_store_get_db (f->store), sql, NULL, NULL, NULL), ==, SQLITE_OK);

  g_assert_true (reslib_store_count_tree (f->store, RESLIB_KIND_NODE, m1, &n_nodes, &n_resources, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_nodes, ==, 3);   /* k1, k2 and m1 itself, once each */
  g_assert_true (reslib_store_count_tree (f->store, RESLIB_KIND_COURSE, f->course, &n_nodes, &n_resources, &error));
  g_assert_cmpuint (n_nodes, ==, 0);   /* no node of the cycle is at the top level */

  g_assert_false (_reslib_store_check_node_trees (f->store, f->project, &bad, &error));
  g_assert_error (error, RESLIB_ERROR, RESLIB_ERROR_CONSTRAINT);
  g_assert_true (g_strcmp0 (bad, m1) == 0 || g_strcmp0 (bad, k1) == 0 || g_strcmp0 (bad, k2) == 0);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);
  reslib_core_init ();

  g_test_add ("/courses/move", Fixture, NULL, fixture_setup, test_move, fixture_teardown);
  g_test_add ("/courses/delete-undo", Fixture, NULL, fixture_setup, test_delete_undo, fixture_teardown);
  g_test_add ("/courses/cycle-in-store", Fixture, NULL, fixture_setup, test_cycle_in_store, fixture_teardown);
  g_test_add ("/courses/review-queue", Fixture, NULL, fixture_setup, test_review_queue, fixture_teardown);

  return g_test_run ();
}
