/* test-store-undo.c — deletions and edits undone: every kind of record, course subtrees, many
 * records at once, edits and bulk edits, units renumbered and moved between roles, undoing that fails,
 * the files kept from collection, and a big step undone as a job in a worker
 *
 * The store is compared before and after as text: every row of every table but the audit log and
 * the search index's own tables, column by column.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <locale.h>
#include <string.h>
#include <sqlite3.h>

#include "reslib-demo.h"
#include "reslib-store-resource-rows.h"
#include "reslib-store-gc.h"
#include "reslib-store-private.h"
#include "reslib-store-units.h"
#include "reslib-test-utils.h"
#include "reslib-undo-job.h"
#include "reslib-undo-step.h"

typedef struct
{
  char        *dir;
  ReslibStore *store;
  char        *project;
  guint        commits;
} Fixture;

static int
commit_hook (void *data)
{
  Fixture *f = data;

  f->commits++;
  return 0;
}

static char *
insert (Fixture            *f,
        ReslibKind          kind,
        const char * const *fields,
        const char * const *values)
{
  g_autoptr(GError) error = NULL;
  char *id = reslib_store_insert (f->store, kind, fields, values, &error);

  g_assert_no_error (error);
  g_assert_nonnull (id);
  return id;
}

static void
exec (Fixture    *f,
      const char *sql)
{
  g_assert_cmpint (sqlite3_exec (_reslib_store_get_db (f->store), sql, NULL, NULL, NULL), ==, SQLITE_OK);
}

static char *
first_id (Fixture    *f,
          const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  char *id;

  g_assert_cmpint (sqlite3_prepare_v2 (_reslib_store_get_db (f->store), sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  id = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);

  return id;
}

/* The demo project, and a record of every kind the demo has none of; content versions for some. */
static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *data_dir = NULL;
  g_autofree char *unit = NULL;
  g_autofree char *sql = NULL;

  f->dir = reslib_test_make_tmp_dir ("reslib-undo-XXXXXX");
  data_dir = g_build_filename (f->dir, "data", NULL);
  f->store = reslib_test_open_store (data_dir);
  f->project = reslib_demo_create (f->store, NULL, &error);
  g_assert_no_error (error);

  sql = g_strdup_printf ("SELECT id FROM units WHERE project_id = '%s' ORDER BY position", f->project);
  unit = first_id (f, sql);
  g_free (insert (f, RESLIB_KIND_BUDGET_LINE,
                  (const char * const[]) { "project_id", "unit_id", "source", "category", "amount_cents", NULL },
                  (const char * const[]) { f->project, unit, "财政", "设备", "120000" }));
  g_free (insert (f, RESLIB_KIND_MILESTONE, (const char * const[]) { "project_id", "title", "due_date", NULL },
                  (const char * const[]) { f->project, "中期检查", "2027-06-30" }));
  g_free (insert (f, RESLIB_KIND_DECLARATION, (const char * const[]) { "project_id", "unit_id", "signed_by", NULL },
                  (const char * const[]) { f->project, unit, "张三" }));
  g_free (insert (f, RESLIB_KIND_SUBMISSION,
                  (const char * const[]) { "project_id", "kind", "package_path", "size", "sha256", NULL },
                  (const char * const[]) { f->project, "application", "/tmp/a.tar", "10", "ab" }));
  exec (f, "INSERT INTO sync_versions (kind, record_id, sha256) SELECT 'unit', id, 'v1' FROM units");
  exec (f, "INSERT INTO sync_bases (kind, record_id, sha256) SELECT 'resource', id, 'b1' FROM resources");
  exec (f, "INSERT INTO sync_versions (kind, record_id, sha256) SELECT 'node', id, 'v1' FROM course_nodes");
  sqlite3_commit_hook (_reslib_store_get_db (f->store), commit_hook, f);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  sqlite3_commit_hook (_reslib_store_get_db (f->store), NULL, NULL);
  g_clear_object (&f->store);
  reslib_test_rm_rf (f->dir);
  g_free (f->dir);
  g_free (f->project);
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

static void
dump_query (Fixture    *f,
            const char *title,
            const char *sql,
            GString    *out)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (_reslib_store_get_db (f->store), sql, -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      GString *row = g_string_new (NULL);

      for (int c = 0; c < sqlite3_column_count (stmt); c++)
        {
          const char *text = (const char *) sqlite3_column_text (stmt, c);

          g_string_append_printf (row, "%s%s=%d:%s", c > 0 ? " | " : "", sqlite3_column_name (stmt, c),
                                  sqlite3_column_type (stmt, c), text != NULL ? text : "NULL");
        }
      g_ptr_array_add (rows, g_string_free (row, FALSE));
    }
  sqlite3_finalize (stmt);
  g_ptr_array_sort (rows, compare_strings);
  g_string_append_printf (out, "== %s (%u)\n", title, rows->len);
  for (guint i = 0; i < rows->len; i++)
    g_string_append_printf (out, "%s\n", (const char *) g_ptr_array_index (rows, i));
}

/* Every row of every table (but the audit log and the search index's shadow tables), and what the
 * search index holds for each resource. */
static char *
dump (Fixture *f)
{
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GPtrArray) tables = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (_reslib_store_get_db (f->store),
                                       "SELECT name FROM sqlite_master WHERE type = 'table' AND sql NOT LIKE "
                                       "'CREATE VIRTUAL%' AND name NOT LIKE 'sqlite%' AND name NOT LIKE 'resource_fts%' "
                                       "AND name NOT LIKE 'resource_bigrams%' AND name NOT LIKE 'resource_unigrams%' "
                                       "AND name <> 'events' ORDER BY name", -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (tables, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
  sqlite3_finalize (stmt);
  g_assert_cmpuint (tables->len, >=, 15);

  for (guint i = 0; i < tables->len; i++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT * FROM \"%s\"", (const char *) g_ptr_array_index (tables, i));

      dump_query (f, g_ptr_array_index (tables, i), sql, out);
    }
  dump_query (f, "search",
              "SELECT r.id, s.title, s.description, s.keywords, s.file_name, b.grams FROM resources r "
              "JOIN resource_fts s ON s.rowid = r.rowid JOIN resource_bigrams b ON b.rowid = r.rowid", out);

  return g_string_free (g_steal_pointer (&out), FALSE);
}

static void
assert_sound (Fixture *f)
{
  g_autofree char *integrity = reslib_test_sql_text (reslib_store_get_db_path (f->store), "PRAGMA integrity_check");
  g_autofree char *keys = reslib_test_sql_text (reslib_store_get_db_path (f->store), "PRAGMA foreign_key_check");

  g_assert_cmpstr (integrity, ==, "ok");
  g_assert_true (keys == NULL || *keys == '\0');
}

static char *
id_of (Fixture    *f,
       ReslibKind  kind)
{
  g_autofree char *sql = g_strdup_printf ("SELECT id FROM %s ORDER BY created_at, id", reslib_entity_get (kind)->table);

  return first_id (f, sql);
}

/* Deletes, undoes, redoes, undoes again: the store is as it was, each in one transaction. */
static void
check_delete_undo (Fixture            *f,
                   ReslibKind          kind,
                   const char * const *ids)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *before = dump (f);
  g_autofree char *deleted = NULL;
  g_autofree char *after = NULL;
  g_autoptr(ReslibUndoStep) step = NULL;
  g_autoptr(ReslibUndoStep) redo = NULL;
  g_autoptr(ReslibUndoStep) again = NULL;
  g_autoptr(ReslibUndoStep) last = NULL;

  f->commits = 0;
  step = reslib_store_delete_undoable (f->store, kind, ids, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (f->commits, ==, 1);
  for (guint i = 0; ids[i] != NULL; i++)
    g_assert_null (reslib_store_get (f->store, kind, ids[i], NULL));
  deleted = dump (f);
  g_assert_cmpstr (deleted, !=, before);
  assert_sound (f);

  f->commits = 0;
  redo = reslib_store_undo (f->store, step, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (f->commits, ==, 1);
  g_assert_cmpint (reslib_undo_step_get_step_type (redo), ==, RESLIB_UNDO_STEP_RESTORATION);
  after = dump (f);
  g_assert_cmpstr (after, ==, before);
  assert_sound (f);

  /* Redone, and undone again */
  again = reslib_store_undo (f->store, redo, &error);
  g_assert_no_error (error);
  g_assert_cmpint (reslib_undo_step_get_step_type (again), ==, RESLIB_UNDO_STEP_DELETION);
  g_clear_pointer (&after, g_free);
  after = dump (f);
  g_assert_cmpstr (after, ==, deleted);
  last = reslib_store_undo (f->store, again, &error);
  g_assert_no_error (error);
  g_clear_pointer (&after, g_free);
  after = dump (f);
  g_assert_cmpstr (after, ==, before);
  assert_sound (f);
}

static void
test_every_kind (Fixture       *f,
                 gconstpointer  data)
{
  /* The project last: it takes everything along. */
  static const ReslibKind kinds[] = {
    RESLIB_KIND_MAJOR, RESLIB_KIND_UNIT, RESLIB_KIND_MEMBER, RESLIB_KIND_COURSE, RESLIB_KIND_NODE,
    RESLIB_KIND_RESOURCE, RESLIB_KIND_BUDGET_LINE, RESLIB_KIND_MILESTONE, RESLIB_KIND_DECLARATION,
    RESLIB_KIND_SUBMISSION, RESLIB_KIND_PROJECT,
  };

  for (guint k = 0; k < G_N_ELEMENTS (kinds); k++)
    {
      g_autofree char *id = id_of (f, kinds[k]);

      g_test_message ("Deleting a %s", reslib_entity_get (kinds[k])->name);
      check_delete_undo (f, kinds[k], (const char * const[]) { id, NULL });
    }
}

/* A node with a chain of nodes below it deeper than any fixed limit, and resource links. */
static void
test_subtree (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *course = id_of (f, RESLIB_KIND_COURSE);
  g_autofree char *resource = id_of (f, RESLIB_KIND_RESOURCE);
  g_autofree char *top = insert (f, RESLIB_KIND_NODE, (const char * const[]) { "course_id", "kind", "title", NULL },
                                 (const char * const[]) { course, "module", "深层模块" });
  g_autofree char *parent = g_strdup (top);
  g_autoptr(ReslibUndoStep) step = NULL;
  g_autoptr(ReslibUndoStep) redo = NULL;

  for (guint i = 0; i < 20; i++)
    {
      g_autofree char *title = g_strdup_printf ("第%u层", i);
      char *node = insert (f, RESLIB_KIND_NODE,
                           (const char * const[]) { "course_id", "parent_id", "kind", "title", NULL },
                           (const char * const[]) { course, parent, "knowledge", title });

      g_free (parent);
      parent = node;
    }
  g_assert_true (reslib_store_set_list (f->store, resource, "nodes", (const char * const[]) { parent, top, NULL },
                                        &error));
  g_assert_no_error (error);

  step = reslib_store_delete_undoable (f->store, RESLIB_KIND_NODE, (const char * const[]) { top, NULL }, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (reslib_undo_step_get_n_records (step, RESLIB_KIND_NODE), ==, 21);
  g_assert_null (reslib_store_get (f->store, RESLIB_KIND_NODE, parent, NULL));
  redo = reslib_store_undo (f->store, step, &error);
  g_assert_no_error (error);
  g_assert_nonnull (reslib_store_get (f->store, RESLIB_KIND_NODE, parent, NULL));

  check_delete_undo (f, RESLIB_KIND_NODE, (const char * const[]) { top, NULL });
  /* The course, with this subtree and the demo's */
  check_delete_undo (f, RESLIB_KIND_COURSE, (const char * const[]) { course, NULL });
}

static void
test_bulk (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *sql = NULL;
  sqlite3_stmt *stmt = NULL;

  reslib_test_fill_resources (f->store, f->project, 500, TRUE);
  sql = g_strdup_printf ("SELECT id FROM resources WHERE project_id = '%s'", f->project);
  g_assert_cmpint (sqlite3_prepare_v2 (_reslib_store_get_db (f->store), sql, -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (ids, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
  sqlite3_finalize (stmt);
  g_assert_cmpuint (ids->len, >, 500);
  g_ptr_array_add (ids, NULL);

  {
    g_autoptr(GError) error = NULL;
    gint64 start = g_get_monotonic_time ();
    g_autoptr(ReslibUndoStep) step = reslib_store_delete_undoable (f->store, RESLIB_KIND_RESOURCE,
                                                                   (const char * const *) ids->pdata, &error);
    gint64 deleted = g_get_monotonic_time ();
    g_autoptr(ReslibUndoStep) redo = reslib_store_undo (f->store, step, &error);

    g_assert_no_error (error);
    g_test_message ("%u resources: deleted in %.1f ms, put back in %.1f ms", ids->len - 1,
                    (deleted - start) / 1000.0, (g_get_monotonic_time () - deleted) / 1000.0);
  }
  check_delete_undo (f, RESLIB_KIND_RESOURCE, (const char * const *) ids->pdata);
}

static void
check_edit_undo (Fixture            *f,
                 ReslibKind          kind,
                 const char * const *ids,
                 const char * const *fields,
                 const char * const *values)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *before = dump (f);
  g_autofree char *edited = NULL;
  g_autofree char *after = NULL;
  g_autoptr(ReslibUndoStep) step = NULL;
  g_autoptr(ReslibUndoStep) redo = NULL;
  g_autoptr(ReslibUndoStep) again = NULL;

  g_usleep (2000);   /* so that updated_at differs */
  f->commits = 0;
  step = reslib_store_update_undoable (f->store, kind, ids, fields, values, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (f->commits, ==, 1);
  g_assert_cmpuint (reslib_undo_step_get_n_records (step, kind), ==, g_strv_length ((char **) ids));
  edited = dump (f);
  g_assert_cmpstr (edited, !=, before);

  f->commits = 0;
  redo = reslib_store_undo (f->store, step, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (f->commits, ==, 1);
  after = dump (f);
  g_assert_cmpstr (after, ==, before);
  assert_sound (f);

  again = reslib_store_undo (f->store, redo, &error);
  g_assert_no_error (error);
  g_clear_pointer (&after, g_free);
  after = dump (f);
  g_assert_cmpstr (after, ==, edited);
}

static void
test_edit (Fixture       *f,
           gconstpointer  data)
{
  g_autofree char *unit = id_of (f, RESLIB_KIND_UNIT);
  g_autofree char *resource = id_of (f, RESLIB_KIND_RESOURCE);
  g_autofree char *line = id_of (f, RESLIB_KIND_BUDGET_LINE);

  check_edit_undo (f, RESLIB_KIND_UNIT, (const char * const[]) { unit, NULL },
                   (const char * const[]) { "name", "credit_code", NULL },
                   (const char * const[]) { "新名称", "91110000000000000X" });
  check_edit_undo (f, RESLIB_KIND_BUDGET_LINE, (const char * const[]) { line, NULL },
                   (const char * const[]) { "amount_cents", "unit_id", NULL }, (const char * const[]) { "5", NULL });
  check_edit_undo (f, RESLIB_KIND_RESOURCE, (const char * const[]) { resource, NULL },
                   (const char * const[]) { "title", "description", "keywords", "authors", NULL },
                   (const char * const[]) { "新标题", NULL, "甲,乙", "王五, 赵六" });

  /* One field of a record object, as the app's editors write it; the object follows. */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(ReslibRecord) record = reslib_store_get (f->store, RESLIB_KIND_RESOURCE, resource, &error);
    g_autofree char *node = id_of (f, RESLIB_KIND_NODE);
    g_autofree char *before = dump (f);
    g_autofree char *after = NULL;
    g_autoptr(ReslibUndoStep) step = NULL;
    g_autoptr(ReslibUndoStep) redo = NULL;

    g_usleep (2000);
    step = reslib_store_update_record_undoable (f->store, record, "nodes", node, &error);
    g_assert_no_error (error);
    g_assert_cmpstrv (reslib_record_get_list (record, "nodes"), ((const char * const[]) { node, NULL }));
    redo = reslib_store_undo (f->store, step, &error);
    g_assert_no_error (error);
    after = dump (f);
    g_assert_cmpstr (after, ==, before);
  }
}

static void
test_bulk_edit (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *unit = id_of (f, RESLIB_KIND_UNIT);
  g_autofree char *node = id_of (f, RESLIB_KIND_NODE);
  g_autofree char *sql = NULL;
  sqlite3_stmt *stmt = NULL;

  reslib_test_fill_resources (f->store, f->project, 50, FALSE);
  sql = g_strdup_printf ("SELECT id FROM resources WHERE project_id = '%s'", f->project);
  g_assert_cmpint (sqlite3_prepare_v2 (_reslib_store_get_db (f->store), sql, -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (ids, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
  sqlite3_finalize (stmt);
  g_ptr_array_add (ids, NULL);

  check_edit_undo (f, RESLIB_KIND_RESOURCE, (const char * const *) ids->pdata,
                   (const char * const[]) { "type", "unit_id", "nodes", "keywords", NULL },
                   (const char * const[]) { "case", unit, node, "批量" });
}

/* Edits of many resources joined into one step (a sheet's import keeps a step per chunk of rows),
 * undone together: the search index triggers are out once for all of them, and the index rows of
 * every resource written back, also one edited twice, are what they were; redoing writes the edits
 * again. */
static void
test_joined_edits (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  g_autoptr(ReslibUndoStep) step = NULL;
  g_autoptr(ReslibUndoStep) redo = NULL;
  g_autoptr(ReslibUndoStep) again = NULL;
  g_autofree char *before = NULL, *edited = NULL, *after = NULL, *redone = NULL, *sql = NULL;
  sqlite3_stmt *stmt = NULL;

  reslib_test_fill_resources (f->store, f->project, 30, FALSE);
  sql = g_strdup_printf ("SELECT id FROM resources WHERE project_id = '%s' ORDER BY rowid", f->project);
  g_assert_cmpint (sqlite3_prepare_v2 (_reslib_store_get_db (f->store), sql, -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (ids, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
  sqlite3_finalize (stmt);
  g_assert_cmpuint (ids->len, >=, 30);
  before = dump (f);

  g_usleep (2000);
  for (guint i = 0; i < 3; i++)
    {
      /* Ten resources a step, the last of each step edited again by the next. */
      g_autoptr(GPtrArray) chunk = g_ptr_array_new ();
      g_autofree char *description = g_strdup_printf ("第 %u 批的新简介 chunk%u", i, i);
      ReslibUndoStep *done;

      for (guint j = i * 10; j < MIN (ids->len, i * 10 + 11); j++)
        g_ptr_array_add (chunk, g_ptr_array_index (ids, j));
      g_ptr_array_add (chunk, NULL);
      done = reslib_store_update_undoable (f->store, RESLIB_KIND_RESOURCE, (const char * const *) chunk->pdata,
                                           (const char * const[]) { "description", "keywords", NULL },
                                           (const char * const[]) { description, "车床,铣床" }, &error);
      g_assert_no_error (error);
      step = step != NULL ? reslib_undo_step_join (g_steal_pointer (&step), done) : done;
    }
  edited = dump (f);
  g_assert_cmpstr (edited, !=, before);
  g_assert_nonnull (strstr (edited, "chunk2"));

  redo = reslib_store_undo (f->store, step, &error);
  g_assert_no_error (error);
  after = dump (f);
  g_assert_cmpstr (after, ==, before);
  assert_sound (f);
  /* The triggers are back: an edit after the undo reaches the index. */
  g_assert_null (f->store->undo_triggers);

  again = reslib_store_undo (f->store, redo, &error);
  g_assert_no_error (error);
  redone = dump (f);
  g_assert_cmpstr (redone, ==, edited);
  assert_sound (f);
}

/* Undoing that the store's changes prevent fails, and changes nothing. */
static void
test_undo_fails (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *major = NULL;
  g_autofree char *member = id_of (f, RESLIB_KIND_MEMBER);
  g_autofree char *unit = NULL;
  g_autofree char *milestone = id_of (f, RESLIB_KIND_MILESTONE);
  g_autofree char *sql = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr(ReslibUndoStep) step = NULL;
  g_autoptr(ReslibUndoStep) edit = NULL;
  g_autoptr(ReslibUndoStep) gone = NULL;
  g_autoptr(ReslibUndoStep) redo = NULL;

  /* A served major deleted, and another one with its code added */
  sql = g_strdup_printf ("SELECT id FROM project_majors WHERE role = 'served' AND project_id = '%s'", f->project);
  major = first_id (f, sql);
  {
    g_autoptr(ReslibRecord) record = reslib_store_get (f->store, RESLIB_KIND_MAJOR, major, &error);

    step = reslib_store_delete_undoable (f->store, RESLIB_KIND_MAJOR, (const char * const[]) { major, NULL }, &error);
    g_assert_no_error (error);
    g_free (insert (f, RESLIB_KIND_MAJOR, (const char * const[]) { "project_id", "role", "code", "name", NULL },
                    (const char * const[]) { f->project, "served", reslib_record_get (record, "code"), "另一个" }));
  }
  before = dump (f);
  f->commits = 0;
  redo = reslib_store_undo (f->store, step, &error);
  g_assert_null (redo);
  g_assert_error (error, RESLIB_ERROR, RESLIB_ERROR_CONSTRAINT);
  g_clear_error (&error);
  g_assert_cmpuint (f->commits, ==, 0);
  after = dump (f);
  g_assert_cmpstr (after, ==, before);
  g_clear_pointer (&step, reslib_undo_step_unref);

  /* A member deleted, then its unit: the member cannot come back alone */
  unit = reslib_store_project_of (f->store, RESLIB_KIND_MEMBER, member, &error);
  g_clear_pointer (&unit, g_free);
  g_clear_pointer (&sql, g_free);
  sql = g_strdup_printf ("SELECT unit_id FROM members WHERE id = '%s'", member);
  unit = first_id (f, sql);
  step = reslib_store_delete_undoable (f->store, RESLIB_KIND_MEMBER, (const char * const[]) { member, NULL }, &error);
  g_assert_no_error (error);
  gone = reslib_store_delete_undoable (f->store, RESLIB_KIND_UNIT, (const char * const[]) { unit, NULL }, &error);
  g_assert_no_error (error);
  g_clear_pointer (&before, g_free);
  before = dump (f);
  redo = reslib_store_undo (f->store, step, &error);
  g_assert_null (redo);
  g_assert_error (error, RESLIB_ERROR, RESLIB_ERROR_CONSTRAINT);
  g_clear_error (&error);
  g_clear_pointer (&after, g_free);
  after = dump (f);
  g_assert_cmpstr (after, ==, before);
  /* In the right order, both come back */
  redo = reslib_store_undo (f->store, gone, &error);
  g_assert_no_error (error);
  g_clear_pointer (&redo, reslib_undo_step_unref);
  redo = reslib_store_undo (f->store, step, &error);
  g_assert_no_error (error);
  g_assert_nonnull (reslib_store_get (f->store, RESLIB_KIND_MEMBER, member, NULL));
  g_clear_pointer (&redo, reslib_undo_step_unref);

  /* An edit of a record deleted since */
  edit = reslib_store_update_undoable (f->store, RESLIB_KIND_MILESTONE, (const char * const[]) { milestone, NULL },
                                       (const char * const[]) { "title", NULL }, (const char * const[]) { "改" }, &error);
  g_assert_no_error (error);
  g_assert_true (reslib_store_delete (f->store, RESLIB_KIND_MILESTONE, milestone, &error));
  g_clear_pointer (&before, g_free);
  before = dump (f);
  redo = reslib_store_undo (f->store, edit, &error);
  g_assert_null (redo);
  g_assert_error (error, RESLIB_ERROR, RESLIB_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_clear_pointer (&after, g_free);
  after = dump (f);
  g_assert_cmpstr (after, ==, before);

  /* An id given twice is deleted once, and comes back once; no error asked for is no crash */
  g_clear_pointer (&step, reslib_undo_step_unref);
  step = reslib_store_delete_undoable (f->store, RESLIB_KIND_MEMBER, (const char * const[]) { member, member, NULL },
                                       &error);
  g_assert_no_error (error);
  g_assert_nonnull (step);
  g_clear_pointer (&redo, reslib_undo_step_unref);
  redo = reslib_store_undo (f->store, step, NULL);
  g_assert_nonnull (redo);
  g_assert_nonnull (reslib_store_get (f->store, RESLIB_KIND_MEMBER, member, NULL));

  /* Nothing deleted when one of the ids does not exist */
  g_clear_pointer (&step, reslib_undo_step_unref);
  step = reslib_store_delete_undoable (f->store, RESLIB_KIND_MEMBER, (const char * const[]) { member, "nope", NULL },
                                       &error);
  g_assert_null (step);
  g_assert_error (error, RESLIB_ERROR, RESLIB_ERROR_NOT_FOUND);
  g_assert_nonnull (reslib_store_get (f->store, RESLIB_KIND_MEMBER, member, NULL));
  assert_sound (f);
}

/* While a deletion can be undone, the collection of unused files keeps its resources' files. */
static void
test_blobs_kept (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *resource = id_of (f, RESLIB_KIND_RESOURCE);
  g_autofree char *sql = g_strdup_printf ("SELECT blob_sha256 FROM resources WHERE id = '%s'", resource);
  g_autofree char *sha = first_id (f, sql);
  g_autofree char *path = reslib_store_get_blob_path (f->store, sha);
  g_autoptr(ReslibUndoStep) step = NULL;
  g_autoptr(ReslibUndoStep) redo = NULL;
  g_autoptr(ReslibUndoStep) again = NULL;
  g_autoptr(ReslibStore) other = NULL;
  guint n_files = 99;

  g_assert_true (g_file_test (path, G_FILE_TEST_EXISTS));
  step = reslib_store_delete_undoable (f->store, RESLIB_KIND_RESOURCE, (const char * const[]) { resource, NULL },
                                       &error);
  g_assert_no_error (error);

  /* On another connection, as the app collects */
  other = reslib_store_reopen (f->store, &error);
  g_assert_no_error (error);
  g_assert_true (reslib_store_collect_blobs (other, &n_files, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_files, ==, 0);
  g_assert_true (g_file_test (path, G_FILE_TEST_EXISTS));

  redo = reslib_store_undo (f->store, step, &error);
  g_assert_no_error (error);
  g_assert_nonnull (reslib_store_get (f->store, RESLIB_KIND_RESOURCE, resource, NULL));

  /* Redone: held again by the new step; once no step can undo it, the file goes. */
  again = reslib_store_undo (f->store, redo, &error);
  g_assert_no_error (error);
  g_clear_pointer (&step, reslib_undo_step_unref);
  g_assert_true (reslib_store_collect_blobs (other, &n_files, NULL, &error));
  g_assert_cmpuint (n_files, ==, 0);
  g_clear_pointer (&again, reslib_undo_step_unref);
  g_assert_true (reslib_store_collect_blobs (other, &n_files, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_files, ==, 1);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
}

typedef struct
{
  gboolean  done;
  gboolean  ok;
  GError   *error;
  guint     n_reports;
  guint     total;
  guint     n_changed;
  GThread  *main_thread;
} JobRun;

static void
job_progress_cb (const ReslibProgress *progress,
                 gpointer              data)
{
  JobRun *run = data;

  g_assert_true (g_thread_self () == run->main_thread);
  g_assert_cmpuint (progress->files_done, <=, progress->files_total);
  run->n_reports++;
  run->total = progress->files_total;
}

static void
job_done_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      data)
{
  JobRun *run = data;

  run->ok = reslib_job_run_finish (RESLIB_JOB (source), result, &run->error);
  run->done = TRUE;
}

static void
job_changed_cb (ReslibStore *store,
                guint        kind,
                const char  *id,
                JobRun      *run)
{
  g_assert_true (g_thread_self () == run->main_thread);
  if (kind == RESLIB_KIND_RESOURCE)
    run->n_changed++;
}

/* Runs @step's undo as a job in a worker while this thread's main loop goes on; returns the inverse
 * (NULL with @error when it failed) and how many times the loop iterated meanwhile. */
static ReslibUndoStep *
undo_in_worker (Fixture         *f,
                ReslibUndoStep  *step,
                GCancellable    *cancellable,
                JobRun          *run,
                guint           *iterations,
                GError         **error)
{
  g_autoptr(ReslibUndoJob) job = reslib_undo_job_new (f->store, step);
  ReslibUndoStep *inverse = NULL;
  GWeakRef gone;
  gulong handler;

  *run = (JobRun) { .main_thread = g_thread_self () };
  *iterations = 0;
  handler = g_signal_connect (f->store, "changed", G_CALLBACK (job_changed_cb), run);
  reslib_job_set_progress_func (RESLIB_JOB (job), job_progress_cb, run, NULL);
  reslib_job_run_async (RESLIB_JOB (job), cancellable, job_done_cb, run);
  while (!run->done)
    {
      g_main_context_iteration (NULL, TRUE);
      (*iterations)++;
    }
  /* The store's listeners hear of the changes from an idle source after the run. */
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_signal_handler_disconnect (f->store, handler);
  g_assert_true (reslib_undo_job_get_step (job) == step);
  if (run->ok)
    inverse = reslib_undo_step_ref (reslib_undo_job_get_inverse (job));
  else
    g_assert_null (reslib_undo_job_get_inverse (job));
  /* The worker's task may hold the job (and so its inverse) a moment longer. */
  g_weak_ref_init (&gone, job);
  g_clear_object (&job);
  for (guint i = 0; i < 10000; i++)
    {
      g_autoptr(ReslibUndoJob) still = g_weak_ref_get (&gone);

      if (still == NULL)
        break;
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
  g_weak_ref_clear (&gone);
  if (!run->ok)
    g_propagate_error (error, g_steal_pointer (&run->error));

  return inverse;
}

/* A bulk edit of 600 resources undone and redone by a job in a worker: the store is as it was, the
 * progress counts the step's rows, the listeners hear in this thread; a cancelled job changes
 * nothing. A deletion undone and redone by jobs keeps its file from the collection through the
 * store, not the worker's connection. */
static void
test_job (Fixture       *f,
          gconstpointer  data)
{
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  g_autoptr(ReslibUndoStep) step = NULL;
  g_autoptr(ReslibUndoStep) redo = NULL;
  g_autoptr(ReslibUndoStep) again = NULL;
  g_autoptr(GCancellable) cancelled = g_cancellable_new ();
  g_autofree char *before = NULL, *edited = NULL, *after = NULL;
  g_autofree char *sql = NULL;
  sqlite3_stmt *stmt = NULL;
  JobRun run;
  guint iterations;

  reslib_test_fill_resources (f->store, f->project, 600, FALSE);
  sql = g_strdup_printf ("SELECT id FROM resources WHERE project_id = '%s'", f->project);
  g_assert_cmpint (sqlite3_prepare_v2 (_reslib_store_get_db (f->store), sql, -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (ids, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
  sqlite3_finalize (stmt);
  g_assert_cmpuint (ids->len, >, 600);
  g_ptr_array_add (ids, NULL);

  before = dump (f);
  g_usleep (2000);   /* so that updated_at differs */
  step = reslib_store_update_undoable (f->store, RESLIB_KIND_RESOURCE, (const char * const *) ids->pdata,
                                       (const char * const[]) { "type", "keywords", NULL },
                                       (const char * const[]) { "case", "批量,撤销" }, &error);
  g_assert_no_error (error);
  edited = dump (f);
  g_assert_cmpstr (edited, !=, before);
  g_assert_cmpuint (reslib_undo_step_get_n_rows (step), >=, ids->len - 1);

  /* Cancelled before it starts: nothing changes, the step can still be undone. */
  g_cancellable_cancel (cancelled);
  g_assert_null (undo_in_worker (f, step, cancelled, &run, &iterations, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);
  after = dump (f);
  g_assert_cmpstr (after, ==, edited);

  f->commits = 0;
  redo = undo_in_worker (f, step, NULL, &run, &iterations, &error);
  g_assert_no_error (error);
  g_assert_nonnull (redo);
  g_assert_cmpuint (f->commits, ==, 0);   /* the worker's connection committed, not this one */
  g_clear_pointer (&after, g_free);
  after = dump (f);
  g_assert_cmpstr (after, ==, before);
  assert_sound (f);
  g_assert_cmpuint (run.n_reports, >, 0);
  g_assert_cmpuint (run.total, ==, reslib_undo_step_get_n_rows (step));
  g_assert_cmpuint (run.n_changed, >, 0);
  g_assert_cmpuint (iterations, >, 0);
  g_test_message ("undo of %u rows: %u progress reports, %u main loop iterations", run.total, run.n_reports,
                  iterations);

  again = undo_in_worker (f, redo, NULL, &run, &iterations, &error);
  g_assert_no_error (error);
  g_clear_pointer (&after, g_free);
  after = dump (f);
  g_assert_cmpstr (after, ==, edited);

  /* A deletion's file, through undo and redo by jobs */
  {
    g_autofree char *resource = id_of (f, RESLIB_KIND_RESOURCE);
    g_autofree char *blob_sql = g_strdup_printf ("SELECT blob_sha256 FROM resources WHERE id = '%s'", resource);
    g_autofree char *sha = first_id (f, blob_sql);
    g_autofree char *path = reslib_store_get_blob_path (f->store, sha);
    g_autoptr(ReslibUndoStep) deletion = NULL;
    g_autoptr(ReslibUndoStep) restoration = NULL;
    g_autoptr(ReslibUndoStep) deleted_again = NULL;
    g_autoptr(ReslibStore) other = reslib_store_reopen (f->store, &error);
    guint n_files = 99;

    g_assert_no_error (error);
    deletion = reslib_store_delete_undoable (f->store, RESLIB_KIND_RESOURCE, (const char * const[]) { resource, NULL },
                                             &error);
    g_assert_no_error (error);
    restoration = undo_in_worker (f, deletion, NULL, &run, &iterations, &error);
    g_assert_no_error (error);
    g_assert_nonnull (reslib_store_get (f->store, RESLIB_KIND_RESOURCE, resource, NULL));
    g_clear_pointer (&deletion, reslib_undo_step_unref);
    deleted_again = undo_in_worker (f, restoration, NULL, &run, &iterations, &error);
    g_assert_no_error (error);
    g_assert_cmpint (reslib_undo_step_get_step_type (deleted_again), ==, RESLIB_UNDO_STEP_DELETION);
    g_assert_null (reslib_store_get (f->store, RESLIB_KIND_RESOURCE, resource, NULL));
    g_assert_true (reslib_store_collect_blobs (other, &n_files, NULL, &error));
    g_assert_no_error (error);
    g_assert_cmpuint (n_files, ==, 0);
    g_assert_true (g_file_test (path, G_FILE_TEST_EXISTS));
    g_clear_pointer (&deleted_again, reslib_undo_step_unref);
    g_assert_true (reslib_store_collect_blobs (other, &n_files, NULL, &error));
    g_assert_no_error (error);
    g_assert_cmpuint (n_files, ==, 1);
  }
}

/* Host units: renumbered, one made a participant, a participant made a host; each in one
 * transaction and undone in one step. */
static char *
unit_rank (Fixture    *f,
           const char *id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ReslibRecord) unit = reslib_store_get (f->store, RESLIB_KIND_UNIT, id, &error);

  g_assert_no_error (error);
  return g_strdup_printf ("%s %s", reslib_record_get (unit, "role"),
                          reslib_record_get (unit, "host_rank") != NULL ? reslib_record_get (unit, "host_rank") : "-");
}

static void
check_unit_step (Fixture        *f,
                 ReslibUndoStep *step,
                 const char     *before,
                 const char     *ids[4],
                 const char     *ranks[4])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ReslibUndoStep) redo = NULL;
  g_autofree char *after = NULL;

  g_assert_nonnull (step);
  g_assert_cmpuint (f->commits, ==, 1);
  for (guint i = 0; i < 4; i++)
    {
      g_autofree char *rank = unit_rank (f, ids[i]);

      g_assert_cmpstr (rank, ==, ranks[i]);
    }
  assert_sound (f);
  f->commits = 0;
  redo = reslib_store_undo (f->store, step, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (f->commits, ==, 1);
  after = dump (f);
  g_assert_cmpstr (after, ==, before);
}

static void
test_units (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *sql = g_strdup_printf ("SELECT id FROM units WHERE project_id = '%s' AND host_rank = ", f->project);
  g_autofree char *sql1 = g_strconcat (sql, "1", NULL);
  g_autofree char *sql2 = g_strconcat (sql, "2", NULL);
  g_autofree char *sql3 = g_strconcat (sql, "3", NULL);
  g_autofree char *sql4 = g_strdup_printf ("SELECT id FROM units WHERE project_id = '%s' AND role = 'participant'",
                                           f->project);
  g_autofree char *h1 = first_id (f, sql1);
  g_autofree char *h2 = first_id (f, sql2);
  g_autofree char *h3 = first_id (f, sql3);
  g_autofree char *p = first_id (f, sql4);
  const char *ids[4] = { h1, h2, h3, p };
  g_autofree char *before = dump (f);
  g_autofree char *after = NULL;
  g_autoptr(ReslibUndoStep) step = NULL;

  /* The hosts in a new order */
  f->commits = 0;
  step = reslib_store_renumber_units (f->store, "host", (const char * const[]) { h2, h3, h1, NULL }, &error);
  g_assert_no_error (error);
  check_unit_step (f, step, before, ids, (const char *[]) { "host 3", "host 1", "host 2", "participant -" });
  g_clear_pointer (&step, reslib_undo_step_unref);

  /* The first host becomes a participant: the others move up */
  f->commits = 0;
  step = reslib_store_set_unit_role (f->store, h1, "participant", &error);
  g_assert_no_error (error);
  check_unit_step (f, step, before, ids, (const char *[]) { "participant -", "host 1", "host 2", "participant -" });
  g_clear_pointer (&step, reslib_undo_step_unref);

  /* The participant becomes a host, the last one */
  f->commits = 0;
  step = reslib_store_set_unit_role (f->store, p, "host", &error);
  g_assert_no_error (error);
  check_unit_step (f, step, before, ids, (const char *[]) { "host 1", "host 2", "host 3", "host 4" });
  g_clear_pointer (&step, reslib_undo_step_unref);

  /* The participants in a new order: their positions */
  f->commits = 0;
  step = reslib_store_renumber_units (f->store, "participant", (const char * const[]) { p, NULL }, &error);
  g_assert_no_error (error);
  g_assert_nonnull (step);
  {
    g_autoptr(ReslibRecord) unit = reslib_store_get (f->store, RESLIB_KIND_UNIT, p, &error);

    g_assert_no_error (error);
    g_assert_cmpint (reslib_record_get_int (unit, "position", -1), ==, 0);
  }
  g_clear_pointer (&step, reslib_undo_step_unref);

  /* A unit that is not there: an error, and nothing changed */
  g_clear_pointer (&before, g_free);
  before = dump (f);
  step = reslib_store_set_unit_role (f->store, "no-such-unit", "host", &error);
  g_assert_error (error, RESLIB_ERROR, RESLIB_ERROR_NOT_FOUND);
  g_assert_null (step);
  g_clear_error (&error);
  step = reslib_store_renumber_units (f->store, "host", (const char * const[]) { h3, "no-such-unit", NULL }, &error);
  g_assert_error (error, RESLIB_ERROR, RESLIB_ERROR_NOT_FOUND);
  g_assert_null (step);
  after = dump (f);
  g_assert_cmpstr (after, ==, before);
}

static char *
add_resource (Fixture    *f,
              const char *title,
              const char *field,
              const char *value)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *sha = g_compute_checksum_for_string (G_CHECKSUM_SHA256, title, -1);
  g_autofree char *file = g_strconcat (title, ".txt", NULL);
  gboolean existed;
  char *id;

  g_assert_true (reslib_store_begin (f->store, &error));
  g_assert_true (_reslib_store_add_blob (f->store, sha, 10, "text/plain", &existed, &error));
  g_assert_no_error (error);
  id = insert (f, RESLIB_KIND_RESOURCE,
               (const char * const[]) { "project_id", "blob_sha256", "file_name", "title", "type", NULL },
               (const char * const[]) { f->project, sha, file, title, "text" });
  if (field != NULL)
    g_assert_true (reslib_store_update_resources (f->store, (const char * const[]) { id, NULL },
                                                  (const char * const[]) { field, NULL },
                                                  (const char * const[]) { value, NULL }, &error));
  g_assert_no_error (error);
  g_assert_true (reslib_store_commit (f->store, &error));
  return id;
}

/* Filling in: each field is set only where it is empty, the others keep theirs, and Undo takes all of
 * it back as one step. */
static void
test_fill_in (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *described = NULL, *tagged = NULL, *bare = NULL, *blank = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr(ReslibUndoStep) step = NULL;
  g_autoptr(ReslibUndoStep) none = NULL;
  g_autoptr(ReslibUndoStep) redo = NULL;
  guint n = 0;

  described = add_resource (f, "有描述", "description", "原有的描述");
  tagged = add_resource (f, "有关键词", "keywords", "原有");
  bare = add_resource (f, "什么都没有", NULL, NULL);
  blank = add_resource (f, "空白描述", "description", "  ");
  before = dump (f);
  g_usleep (2000);

  g_assert_true (reslib_store_fill_in_resources (f->store, (const char * const[]) { described, tagged, bare, blank, NULL },
                                                 (const char * const[]) { "description", "keywords", NULL },
                                                 (const char * const[]) { "补充的描述", "数控，车削、实训" }, &step, &n,
                                                 &error));
  g_assert_no_error (error);
  g_assert_nonnull (step);
  g_assert_cmpuint (n, ==, 4);
  {
    g_autoptr(ReslibRecord) d = reslib_store_get (f->store, RESLIB_KIND_RESOURCE, described, &error);
    g_autoptr(ReslibRecord) t = reslib_store_get (f->store, RESLIB_KIND_RESOURCE, tagged, &error);
    g_autoptr(ReslibRecord) b = reslib_store_get (f->store, RESLIB_KIND_RESOURCE, bare, &error);
    g_autoptr(ReslibRecord) w = reslib_store_get (f->store, RESLIB_KIND_RESOURCE, blank, &error);

    g_assert_no_error (error);
    g_assert_cmpstr (reslib_record_get (d, "description"), ==, "原有的描述");
    g_assert_cmpstr (reslib_record_get (t, "description"), ==, "补充的描述");
    g_assert_cmpstr (reslib_record_get (b, "description"), ==, "补充的描述");
    g_assert_cmpstr (reslib_record_get (w, "description"), ==, "补充的描述");
    g_assert_cmpstrv (reslib_record_get_list (t, "keywords"), ((const char * const[]) { "原有", NULL }));
    g_assert_cmpuint (g_strv_length ((char **) reslib_record_get_list (d, "keywords")), >, 0);
    g_assert_cmpuint (g_strv_length ((char **) reslib_record_get_list (b, "keywords")), ==,
                      g_strv_length ((char **) reslib_record_get_list (d, "keywords")));
  }

  /* Nothing left to fill: no step, nothing written. */
  g_assert_true (reslib_store_fill_in_resources (f->store, (const char * const[]) { described, bare, NULL },
                                                 (const char * const[]) { "description", NULL },
                                                 (const char * const[]) { "另一个描述" }, &none, &n, &error));
  g_assert_no_error (error);
  g_assert_null (none);
  g_assert_cmpuint (n, ==, 0);

  redo = reslib_store_undo (f->store, step, &error);
  g_assert_no_error (error);
  after = dump (f);
  g_assert_cmpstr (after, ==, before);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);
  reslib_core_init ();

  g_test_add ("/store-undo/every-kind", Fixture, NULL, fixture_setup, test_every_kind, fixture_teardown);
  g_test_add ("/store-undo/subtree", Fixture, NULL, fixture_setup, test_subtree, fixture_teardown);
  g_test_add ("/store-undo/bulk", Fixture, NULL, fixture_setup, test_bulk, fixture_teardown);
  g_test_add ("/store-undo/edit", Fixture, NULL, fixture_setup, test_edit, fixture_teardown);
  g_test_add ("/store-undo/bulk-edit", Fixture, NULL, fixture_setup, test_bulk_edit, fixture_teardown);
  g_test_add ("/store-undo/joined-edits", Fixture, NULL, fixture_setup, test_joined_edits, fixture_teardown);
  g_test_add ("/store-undo/fill-in", Fixture, NULL, fixture_setup, test_fill_in, fixture_teardown);
  g_test_add ("/store-undo/undo-fails", Fixture, NULL, fixture_setup, test_undo_fails, fixture_teardown);
  g_test_add ("/store-undo/units", Fixture, NULL, fixture_setup, test_units, fixture_teardown);
  g_test_add ("/store-undo/blobs-kept", Fixture, NULL, fixture_setup, test_blobs_kept, fixture_teardown);
  g_test_add ("/store-undo/job", Fixture, NULL, fixture_setup, test_job, fixture_teardown);

  return g_test_run ();
}
