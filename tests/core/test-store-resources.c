/* test-store-resources.c — the store's resources: lists and row pages, review states, search, and the search
 * index of resources written in bulk (the test stores' fills, a package's merge) following later edits
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <locale.h>

#include "reslib-labels.h"
#include "reslib-store-batch.h"
#include "reslib-store-courses.h"
#include "reslib-store-private.h"
#include "reslib-store-resource-rows.h"
#include "reslib-test-utils.h"
#include "reslib-undo-step.h"

typedef ReslibTestProject Fixture;

#define ADD_TEST(path, func, data) \
  g_test_add ((path), Fixture, (data), reslib_test_project_setup, (func), reslib_test_project_teardown)

static void
test_resource_lists (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *id = reslib_test_project_import (f, "lesson.txt", "数控车床的基本操作", NULL, NULL);
  g_autofree char *course = NULL;
  g_autofree char *node = NULL;
  g_autoptr(ReslibRecord) resource = NULL;
  g_auto(GStrv) authors = NULL;
  const char * const *keywords;

  course = reslib_store_insert (f->store, RESLIB_KIND_COURSE, (const char * const[]) { "project_id", "title", NULL },
                                (const char * const[]) { f->project, "数控车削编程" }, &error);
  node = reslib_store_insert (f->store, RESLIB_KIND_NODE, (const char * const[]) { "course_id", "kind", "title", NULL },
                              (const char * const[]) { course, "skill", "对刀操作" }, &error);
  g_assert_no_error (error);

  g_assert_true (reslib_store_set_list (f->store, id, "authors", (const char * const[]) { "张三", " 李四 ", "张三", "", NULL },
                                        &error));
  g_assert_true (reslib_store_set_list (f->store, id, "keywords", (const char * const[]) { "数控", "车床", NULL }, &error));
  g_assert_true (reslib_store_set_list (f->store, id, "nodes", (const char * const[]) { node, NULL }, &error));
  g_assert_no_error (error);
  g_assert_false (reslib_store_set_list (f->store, id, "nodes", (const char * const[]) { "no-such-node", NULL }, &error));
  g_assert_error (error, RESLIB_ERROR, RESLIB_ERROR_NOT_FOUND);
  g_clear_error (&error);

  resource = reslib_store_get (f->store, RESLIB_KIND_RESOURCE, id, &error);
  g_assert_no_error (error);
  g_object_get (resource, "authors", &authors, NULL);
  g_assert_cmpuint (g_strv_length (authors), ==, 2);
  g_assert_cmpstr (authors[0], ==, "张三");
  g_assert_cmpstr (authors[1], ==, "李四");
  keywords = reslib_record_get_list (resource, "keywords");
  g_assert_cmpuint (g_strv_length ((char **) keywords), ==, 2);
  g_assert_cmpstr (reslib_record_get_list (resource, "nodes")[0], ==, node);
  g_assert_cmpstr (reslib_record_get (resource, "type"), ==, "text");
  g_assert_cmpstr (reslib_record_get (resource, "mime_type"), ==, "text/plain");
  g_assert_cmpint (reslib_record_get_int (resource, "size", -1), ==, strlen ("数控车床的基本操作"));
  g_assert_cmpstr (reslib_record_get (resource, "title"), ==, "lesson");
  g_assert_cmpstr (reslib_record_get (resource, "state"), ==, "draft");

  /* JSON of a record: lists are arrays, numbers numbers, empty fields null. */
  {
    g_autoptr(JsonNode) node_json = reslib_record_to_json (resource);
    g_autoptr(GString) text = g_string_new (NULL);
    g_autoptr(JsonParser) parser = json_parser_new ();
    JsonObject *obj = json_node_get_object (node_json);
    JsonObject *obj2;

    g_assert_cmpuint (json_array_get_length (json_object_get_array_member (obj, "authors")), ==, 2);
    g_assert_true (json_object_get_null_member (obj, "description"));
    g_assert_cmpint (json_object_get_int_member (obj, "size"), ==, strlen ("数控车床的基本操作"));
    reslib_record_append_json (resource, text);
    g_assert_true (json_parser_load_from_data (parser, text->str, -1, NULL));
    obj2 = json_node_get_object (json_parser_get_root (parser));
    g_assert_true (json_node_equal (node_json, json_parser_get_root (parser)));
    g_assert_cmpstr (json_object_get_string_member (obj2, "title"), ==, "lesson");
  }
}

/* A long list in pages: the rowids in the list's order first, then the rows of any part of them. */
static void
test_resource_row_pages (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GArray) rowids = NULL;
  g_autoptr(GArray) cancelled_rowids = NULL;
  g_autoptr(GPtrArray) page = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autofree char *other = NULL;
  gint64 part[3];

  for (guint i = 0; i < 5; i++)
    {
      g_autofree char *name = g_strdup_printf ("lesson-%u.txt", i);
      g_autofree char *contents = g_strdup_printf ("第 %u 课", i);
      g_autofree char *id = reslib_test_project_import (f, name, contents, NULL, NULL);
    }
  /* Another project's resources are not in the list. */
  other = reslib_store_create_project (f->store, "另一个项目", "460103", "数控技术", "higher", "2025-09-01", &error);
  g_assert_no_error (error);
  reslib_test_fill_bare_resources (f->store, other, 3, "other");

  all = reslib_store_list_resource_rows (f->store, f->project, &error);
  g_assert_no_error (error);
  rowids = reslib_store_list_resource_rowids (f->store, f->project, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (all->len, ==, 5);
  g_assert_cmpuint (rowids->len, ==, all->len);
  for (guint i = 0; i < all->len; i++)
    g_assert_cmpint (g_array_index (rowids, gint64, i), ==,
                     reslib_resource_row_get_rowid (g_ptr_array_index (all, i)));

  /* A part, in the order asked, with one resource deleted meanwhile. */
  part[0] = g_array_index (rowids, gint64, 4);
  part[1] = g_array_index (rowids, gint64, 1);
  part[2] = g_array_index (rowids, gint64, 2);
  g_assert_true (reslib_store_delete (f->store, RESLIB_KIND_RESOURCE,
                                      reslib_resource_row_get_id (g_ptr_array_index (all, 1)), &error));
  g_assert_no_error (error);
  page = reslib_store_get_resource_rows (f->store, part, G_N_ELEMENTS (part), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (page->len, ==, 3);
  g_assert_cmpstr (reslib_resource_row_get_id (g_ptr_array_index (page, 0)), ==,
                   reslib_resource_row_get_id (g_ptr_array_index (all, 4)));
  g_assert_cmpstr (reslib_resource_row_get_title (g_ptr_array_index (page, 0)), ==,
                   reslib_resource_row_get_title (g_ptr_array_index (all, 4)));
  g_assert_null (g_ptr_array_index (page, 1));
  g_assert_cmpstr (reslib_resource_row_get_id (g_ptr_array_index (page, 2)), ==,
                   reslib_resource_row_get_id (g_ptr_array_index (all, 2)));
  g_clear_pointer (&page, g_ptr_array_unref);
  page = reslib_store_get_resource_rows (f->store, NULL, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (page->len, ==, 0);

  g_cancellable_cancel (cancellable);
  cancelled_rowids = reslib_store_list_resource_rowids (f->store, f->project, cancellable, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (cancelled_rowids);
}

/* The order of a sort kind, from a full row, written here from the Resources page's rules (reslib-store-resource-
 * rows.h): texts by their case-folded collation, types and states by their labels, sizes as numbers, times as
 * their ISO text. */
static int
compare_rows_by (ReslibResourceRow *x,
                 ReslibResourceRow *y,
                 ReslibResourceSort sort)
{
  const char *a = NULL, *b = NULL;
  g_autofree char *fa = NULL, *fb = NULL;

  switch (sort)
    {
    case RESLIB_RESOURCE_SORT_SIZE:
      return reslib_resource_row_get_size (x) < reslib_resource_row_get_size (y) ? -1
             : reslib_resource_row_get_size (x) > reslib_resource_row_get_size (y);
    case RESLIB_RESOURCE_SORT_MODIFIED:
      return strcmp (reslib_resource_row_get_updated_at (x), reslib_resource_row_get_updated_at (y));
    case RESLIB_RESOURCE_SORT_TITLE: a = reslib_resource_row_get_title (x); b = reslib_resource_row_get_title (y); break;
    case RESLIB_RESOURCE_SORT_FILE_NAME:
      a = reslib_resource_row_get_file_name (x); b = reslib_resource_row_get_file_name (y); break;
    case RESLIB_RESOURCE_SORT_AUTHOR: a = reslib_resource_row_get_author (x); b = reslib_resource_row_get_author (y); break;
    case RESLIB_RESOURCE_SORT_TYPE:
      a = reslib_label_resource_type (reslib_resource_row_get_kind (x));
      b = reslib_label_resource_type (reslib_resource_row_get_kind (y));
      break;
    case RESLIB_RESOURCE_SORT_STATE:
      a = reslib_label_resource_state (reslib_resource_row_get_state (x));
      b = reslib_label_resource_state (reslib_resource_row_get_state (y));
      break;
    case RESLIB_RESOURCE_SORT_NONE:
    default:
      return 0;
    }
  fa = g_utf8_casefold (a != NULL ? a : "", -1);
  fb = g_utf8_casefold (b != NULL ? b : "", -1);

  return g_utf8_collate (fa, fb);
}

/* reslib_store_list_resource_rowids_where() against the full rows filtered and sorted here (a stable insertion
 * sort: equal keys stay oldest first, also in descending order); reslib_store_resource_ids_of_rowids() gives the
 * ids of the rowids asked, in their order, without a deleted one. */
static void
test_resource_rowids_where (Fixture       *f,
                            gconstpointer  data)
{
  static const char *titles[] = { "beta 车床", "Alpha", "数控编程", "alpha", "Gamma", "车床", "delta", "Beta 车床" };
  static const char *authors[] = { "王芳", NULL, "李娜", "张伟", "李娜", NULL, "Anna", "王芳" };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) rows = NULL;
  g_autofree char *course = NULL, *other_course = NULL, *node = NULL, *other_node = NULL;
  g_autofree char *db = g_build_filename (f->dir, "data", "library.db", NULL);
  g_autofree char *linked = NULL;
  g_autofree char *other = NULL;
  const ReslibResourceSort sorts[] = {
    RESLIB_RESOURCE_SORT_NONE, RESLIB_RESOURCE_SORT_TITLE, RESLIB_RESOURCE_SORT_TYPE, RESLIB_RESOURCE_SORT_STATE,
    RESLIB_RESOURCE_SORT_FILE_NAME, RESLIB_RESOURCE_SORT_SIZE, RESLIB_RESOURCE_SORT_AUTHOR,
    RESLIB_RESOURCE_SORT_MODIFIED,
  };

  course = reslib_test_insert (f->store, RESLIB_KIND_COURSE, (const char * const[]) { "project_id", "title", NULL },
                               (const char * const[]) { f->project, "数控车削编程" });
  other_course = reslib_test_insert (f->store, RESLIB_KIND_COURSE, (const char * const[]) { "project_id", "title", NULL },
                                     (const char * const[]) { f->project, "机械制图" });
  node = reslib_test_insert (f->store, RESLIB_KIND_NODE, (const char * const[]) { "course_id", "kind", "title", NULL },
                             (const char * const[]) { course, "skill", "对刀操作" });
  other_node = reslib_test_insert (f->store, RESLIB_KIND_NODE,
                                   (const char * const[]) { "course_id", "kind", "title", NULL },
                                   (const char * const[]) { other_course, "knowledge", "三视图" });
  for (guint i = 0; i < G_N_ELEMENTS (titles); i++)
    {
      /* sizes that do not follow the order of creation, two of them equal; file names in reverse */
      g_autofree char *name = g_strdup_printf ("%c-file-%u.txt", 'h' - (int) i, i);
      g_autofree char *contents = g_strdup_printf ("%u %.*s", i, 1 + (int) ((i * 7) % 5), "xxxxxx");
      g_autofree char *id = NULL;

      id = reslib_test_project_import (f, name, contents, titles[i], NULL);
      if (authors[i] != NULL)
        g_assert_true (reslib_store_set_list (f->store, id, "authors", (const char * const[]) { authors[i], "第二作者", NULL },
                                              &error));
      if (i % 2 == 0)
        g_assert_true (reslib_store_set_list (f->store, id, "nodes", (const char * const[]) { node, NULL }, &error));
      else if (i % 3 == 1)
        g_assert_true (reslib_store_set_list (f->store, id, "nodes", (const char * const[]) { other_node, NULL }, &error));
      g_assert_no_error (error);
      if (i == 2 || i == 5)
        reslib_test_update (f->store, RESLIB_KIND_RESOURCE, id, "type", "video");
      else if (i == 7)
        reslib_test_update (f->store, RESLIB_KIND_RESOURCE, id, "type", "image");
      g_ptr_array_add (ids, g_steal_pointer (&id));
    }
  {
    g_autofree char *sql = g_strdup_printf ("UPDATE resources SET state = 'in-review' WHERE id IN ('%s', '%s', '%s')",
                                            (char *) ids->pdata[1], (char *) ids->pdata[4], (char *) ids->pdata[6]);

    reslib_test_sql_exec (db, sql);
  }
  /* another project's resources are never listed */
  other = reslib_store_create_project (f->store, "另一个项目", "460103", "数控技术", "higher", "2025-09-01", &error);
  g_assert_no_error (error);
  reslib_test_fill_bare_resources (f->store, other, 3, "other");

  rows = reslib_store_list_resource_rows (f->store, f->project, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, G_N_ELEMENTS (titles));
  {
    g_autofree char *sql = g_strdup_printf ("SELECT ',' || group_concat (rn.resource_id, ',') || ',' FROM resource_nodes rn "
                                            "JOIN course_nodes n ON n.id = rn.node_id WHERE n.course_id = '%s'", course);

    linked = reslib_test_sql_text (db, sql);
  }

  for (guint s = 0; s < G_N_ELEMENTS (sorts); s++)
    for (guint filter = 0; filter < 4; filter++)
      for (int descending = 0; descending <= 1; descending++)
        {
          ReslibResourceQuery query = { NULL, NULL, NULL, sorts[s], descending, NULL };
          g_autoptr(GPtrArray) expected = g_ptr_array_new ();
          g_autoptr(GArray) got = NULL;

          if (filter == 1)
            query.type = "video";
          else if (filter == 2)
            query.state = "in-review";
          else if (filter == 3)
            query.course_id = course;
          for (guint i = 0; i < rows->len; i++)
            {
              ReslibResourceRow *row = g_ptr_array_index (rows, i);
              g_autofree char *needle = g_strdup_printf (",%s,", reslib_resource_row_get_id (row));
              guint at;

              if ((query.type != NULL && g_strcmp0 (reslib_resource_row_get_kind (row), query.type) != 0) ||
                  (query.state != NULL && g_strcmp0 (reslib_resource_row_get_state (row), query.state) != 0) ||
                  (query.course_id != NULL && strstr (linked, needle) == NULL))
                continue;
              /* insertion after every row that does not come after it: stable */
              at = expected->len;
              while (at > 0)
                {
                  int order = compare_rows_by (g_ptr_array_index (expected, at - 1), row, query.sort);

                  if ((descending ? -order : order) <= 0)
                    break;
                  at--;
                }
              g_ptr_array_insert (expected, at, row);
            }
          g_assert_cmpuint (expected->len, >, filter == 0 ? G_N_ELEMENTS (titles) - 1 : 1);

          got = reslib_store_list_resource_rowids_where (f->store, f->project, &query, NULL, &error);
          g_assert_no_error (error);
          g_assert_cmpuint (got->len, ==, expected->len);
          for (guint i = 0; i < got->len; i++)
            if (g_array_index (got, gint64, i) != reslib_resource_row_get_rowid (g_ptr_array_index (expected, i)))
              g_error ("sort %d, filter %u, %s: row %u has the rowid %" G_GINT64_FORMAT ", expected “%s”", sorts[s],
                       filter, descending ? "descending" : "ascending", i, g_array_index (got, gint64, i),
                       reslib_resource_row_get_title (g_ptr_array_index (expected, i)));
        }

  /* Resources named by id: those of the project among them, in the order asked for */
  {
    const char *named[] = { ids->pdata[6], "no-such-resource", ids->pdata[1], ids->pdata[3], NULL };
    ReslibResourceQuery query = { NULL, NULL, NULL, RESLIB_RESOURCE_SORT_TITLE, FALSE, named };
    ReslibResourceQuery none = { NULL, NULL, NULL, RESLIB_RESOURCE_SORT_NONE, FALSE, (const char *[]) { NULL } };
    g_autoptr(GArray) got = reslib_store_list_resource_rowids_where (f->store, f->project, &query, NULL, &error);
    g_autoptr(GArray) nothing = reslib_store_list_resource_rowids_where (f->store, f->project, &none, NULL, &error);
    g_autoptr(GArray) theirs = NULL;

    g_assert_no_error (error);
    /* by title: "Alpha" (1), "alpha" (3), "delta" (6) */
    g_assert_cmpuint (got->len, ==, 3);
    g_assert_cmpint (g_array_index (got, gint64, 0), ==, reslib_resource_row_get_rowid (g_ptr_array_index (rows, 1)));
    g_assert_cmpint (g_array_index (got, gint64, 1), ==, reslib_resource_row_get_rowid (g_ptr_array_index (rows, 3)));
    g_assert_cmpint (g_array_index (got, gint64, 2), ==, reslib_resource_row_get_rowid (g_ptr_array_index (rows, 6)));
    g_assert_cmpuint (nothing->len, ==, 0);
    /* another project's list has none of them */
    theirs = reslib_store_list_resource_rowids_where (f->store, other, &query, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (theirs->len, ==, 0);
  }

  /* ids by rowid, in the order asked; a deleted resource's rowid gives nothing */
  {
    ReslibResourceRow *r0 = g_ptr_array_index (rows, 0), *r3 = g_ptr_array_index (rows, 3), *r5 = g_ptr_array_index (rows, 5);
    const gint64 asked[] = { reslib_resource_row_get_rowid (r5), reslib_resource_row_get_rowid (r0),
                             reslib_resource_row_get_rowid (r3) };
    g_auto(GStrv) got = NULL;
    g_auto(GStrv) none = NULL;

    g_assert_true (reslib_store_delete (f->store, RESLIB_KIND_RESOURCE, reslib_resource_row_get_id (r0), &error));
    g_assert_no_error (error);
    got = reslib_store_resource_ids_of_rowids (f->store, asked, G_N_ELEMENTS (asked), &error);
    g_assert_no_error (error);
    g_assert_cmpuint (g_strv_length (got), ==, 2);
    g_assert_cmpstr (got[0], ==, ids->pdata[5]);
    g_assert_cmpstr (got[1], ==, ids->pdata[3]);
    none = reslib_store_resource_ids_of_rowids (f->store, NULL, 0, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (g_strv_length (none), ==, 0);
  }
}

/* Lists as people type them, through the editors' function and the bulk edit alike: ",", the full-width
 * "，" and "、" separate items. */
static void
test_resource_lists_typed (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *id = reslib_test_project_import (f, "lesson.txt", "数控车床的基本操作", NULL, NULL);
  g_autoptr(ReslibRecord) resource = NULL;
  g_autoptr(ReslibRecord) again = NULL;
  const char * const *keywords;
  const char * const *authors;

  resource = reslib_store_get (f->store, RESLIB_KIND_RESOURCE, id, &error);
  g_assert_no_error (error);
  g_assert_true (reslib_store_update_record (f->store, resource, "keywords", " 数控，车床、安全 , 规范，", &error));
  g_assert_no_error (error);
  keywords = reslib_record_get_list (resource, "keywords");
  g_assert_cmpuint (g_strv_length ((char **) keywords), ==, 4);
  /* Keywords keep no order; authors do. */
  g_assert_true (g_strv_contains (keywords, "数控"));
  g_assert_true (g_strv_contains (keywords, "车床"));
  g_assert_true (g_strv_contains (keywords, "安全"));
  g_assert_true (g_strv_contains (keywords, "规范"));

  g_assert_true (reslib_store_update_resources (f->store, (const char * const[]) { id, NULL },
                                                (const char * const[]) { "authors", NULL },
                                                (const char * const[]) { "张三、李四，王五" }, &error));
  g_assert_no_error (error);
  again = reslib_store_get (f->store, RESLIB_KIND_RESOURCE, id, &error);
  g_assert_no_error (error);
  authors = reslib_record_get_list (again, "authors");
  g_assert_cmpuint (g_strv_length ((char **) authors), ==, 3);
  g_assert_cmpstr (authors[0], ==, "张三");
  g_assert_cmpstr (authors[1], ==, "李四");
  g_assert_cmpstr (authors[2], ==, "王五");
}

/* A bulk edit adds every course node of its comma-separated list to each resource's nodes, once. */
static void
test_resource_bulk_nodes (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *a = reslib_test_project_import (f, "a.txt", "第一份", NULL, NULL);
  g_autofree char *b = reslib_test_project_import (f, "b.txt", "第二份", NULL, NULL);
  g_autofree char *course = reslib_test_insert (f->store, RESLIB_KIND_COURSE,
                                                (const char * const[]) { "project_id", "title", NULL },
                                                (const char * const[]) { f->project, "数控车削" });
  g_autofree char *n1 = reslib_test_insert (f->store, RESLIB_KIND_NODE,
                                            (const char * const[]) { "course_id", "kind", "title", NULL },
                                            (const char * const[]) { course, "knowledge", "切削用量" });
  g_autofree char *n2 = reslib_test_insert (f->store, RESLIB_KIND_NODE,
                                            (const char * const[]) { "course_id", "kind", "title", NULL },
                                            (const char * const[]) { course, "skill", "对刀" });
  g_autofree char *n3 = reslib_test_insert (f->store, RESLIB_KIND_NODE,
                                            (const char * const[]) { "course_id", "kind", "title", NULL },
                                            (const char * const[]) { course, "skill", "车外圆" });
  g_autofree char *added = g_strdup_printf ("%s,%s,%s,%s", n2, n1, n3, n2);
  g_autoptr(ReslibRecord) ra = NULL;
  g_autoptr(ReslibRecord) rb = NULL;
  const char * const *nodes;

  g_assert_true (reslib_store_set_list (f->store, a, "nodes", (const char * const[]) { n1, NULL }, &error));
  g_assert_no_error (error);
  g_assert_true (reslib_store_update_resources (f->store, (const char * const[]) { a, b, NULL },
                                                (const char * const[]) { "nodes", NULL },
                                                (const char * const[]) { added }, &error));
  g_assert_no_error (error);
  ra = reslib_store_get (f->store, RESLIB_KIND_RESOURCE, a, &error);
  rb = reslib_store_get (f->store, RESLIB_KIND_RESOURCE, b, &error);
  g_assert_no_error (error);
  nodes = reslib_record_get_list (ra, "nodes");
  g_assert_cmpuint (g_strv_length ((char **) nodes), ==, 3);
  g_assert_true (g_strv_contains (nodes, n1) && g_strv_contains (nodes, n2) && g_strv_contains (nodes, n3));
  nodes = reslib_record_get_list (rb, "nodes");
  g_assert_cmpuint (g_strv_length ((char **) nodes), ==, 3);
  g_assert_true (g_strv_contains (nodes, n1) && g_strv_contains (nodes, n2) && g_strv_contains (nodes, n3));
}

static void
test_review (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *a = reslib_test_project_import (f, "a.txt", "第一份", NULL, NULL);
  g_autofree char *b = reslib_test_project_import (f, "b.txt", "第二份", NULL, NULL);
  g_autoptr(ReslibRecord) ra = NULL;
  g_autoptr(ReslibRecord) rb = NULL;
  g_autoptr(JsonNode) events = NULL;
  JsonArray *array;
  JsonObject *last;

  /* Approving a draft is refused and changes nothing, for either resource. */
  g_assert_false (reslib_store_review (f->store, (const char * const[]) { a, b, NULL }, RESLIB_REVIEW_APPROVE, NULL,
                                       &error));
  g_assert_error (error, RESLIB_ERROR, RESLIB_ERROR_INVALID);
  g_clear_error (&error);

  g_assert_true (reslib_store_review (f->store, (const char * const[]) { a, b, NULL }, RESLIB_REVIEW_SUBMIT, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (reslib_store_review (f->store, (const char * const[]) { a, NULL }, RESLIB_REVIEW_APPROVE, "好", &error));
  g_assert_no_error (error);
  /* Rejecting needs a note. */
  g_assert_false (reslib_store_review (f->store, (const char * const[]) { b, NULL }, RESLIB_REVIEW_REJECT, NULL, &error));
  g_assert_error (error, RESLIB_ERROR, RESLIB_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_true (reslib_store_review (f->store, (const char * const[]) { b, NULL }, RESLIB_REVIEW_REJECT, "画面模糊，请重录",
                                      &error));
  g_assert_no_error (error);

  ra = reslib_store_get (f->store, RESLIB_KIND_RESOURCE, a, &error);
  rb = reslib_store_get (f->store, RESLIB_KIND_RESOURCE, b, &error);
  g_assert_cmpstr (reslib_record_get (ra, "state"), ==, "approved");
  g_assert_cmpstr (reslib_record_get (ra, "reviewer"), ==, "测试员");
  g_assert_nonnull (reslib_record_get (ra, "reviewed_at"));
  g_assert_cmpstr (reslib_record_get (rb, "state"), ==, "rejected");
  g_assert_cmpstr (reslib_record_get (rb, "review_note"), ==, "画面模糊，请重录");

  events = reslib_store_list_events (f->store, b, &error);
  array = json_node_get_array (events);
  last = json_array_get_object_element (array, json_array_get_length (array) - 1);
  g_assert_cmpstr (json_object_get_string_member (last, "action"), ==, "review-reject");
  g_assert_cmpstr (json_object_get_string_member (last, "actor"), ==, "测试员");
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (last, "detail"), "note"), ==,
                   "画面模糊，请重录");
  g_assert_nonnull (json_object_get_string_member (last, "at"));

  /* A rejected resource can be submitted again; an approved one cannot. */
  g_assert_true (reslib_store_review (f->store, (const char * const[]) { b, NULL }, RESLIB_REVIEW_SUBMIT, NULL, &error));
  g_assert_false (reslib_store_review (f->store, (const char * const[]) { a, NULL }, RESLIB_REVIEW_SUBMIT, NULL, &error));
  g_assert_error (error, RESLIB_ERROR, RESLIB_ERROR_INVALID);
}

static const char *
state_of (Fixture    *f,
          const char *id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ReslibRecord) resource = reslib_store_get (f->store, RESLIB_KIND_RESOURCE, id, &error);
  static char state[32];

  g_assert_no_error (error);
  g_strlcpy (state, reslib_record_get (resource, "state"), sizeof state);
  return state;
}

static void
approve (Fixture    *f,
         const char *id)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (reslib_store_review (f->store, (const char * const[]) { id, NULL }, RESLIB_REVIEW_SUBMIT, NULL, &error));
  g_assert_true (reslib_store_review (f->store, (const char * const[]) { id, NULL }, RESLIB_REVIEW_APPROVE, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (state_of (f, id), ==, "approved");
}

/* Editing an approved resource's metadata sends it back to review, in the same transaction as the
 * edit; the approval's reviewer and time stay, and the queue lists it again. */
static void
test_review_reopen (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *a = reslib_test_project_import (f, "a.txt", "第一份", NULL, NULL);
  g_autofree char *b = reslib_test_project_import (f, "b.txt", "第二份", NULL, NULL);
  g_autofree char *c = reslib_test_project_import (f, "c.txt", "第三份", NULL, NULL);
  g_autofree char *d = reslib_test_project_import (f, "d.txt", "第四份", NULL, NULL);
  g_autoptr(ReslibRecord) ra = NULL;
  g_autoptr(GListModel) queue = NULL;
  g_autoptr(JsonNode) events = NULL;
  JsonArray *array;
  JsonObject *last;

  for (const char **id = (const char *[]) { a, b, c, d, NULL }; *id != NULL; id++)
    approve (f, *id);

  /* A plain field */
  g_assert_true (reslib_store_update (f->store, RESLIB_KIND_RESOURCE, a, (const char * const[]) { "title", NULL },
                                      (const char * const[]) { "新标题" }, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (state_of (f, a), ==, "in-review");
  ra = reslib_store_get (f->store, RESLIB_KIND_RESOURCE, a, &error);
  g_assert_cmpstr (reslib_record_get (ra, "reviewer"), ==, "测试员");
  g_assert_nonnull (reslib_record_get (ra, "reviewed_at"));
  events = reslib_store_list_events (f->store, a, &error);
  array = json_node_get_array (events);
  last = json_array_get_object_element (array, json_array_get_length (array) - 1);
  g_assert_cmpstr (json_object_get_string_member (last, "action"), ==, "review-submit");
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (last, "detail"), "from"), ==,
                   "approved");

  /* A list field */
  g_assert_true (reslib_store_set_list (f->store, b, "keywords", (const char * const[]) { "数控", NULL }, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (state_of (f, b), ==, "in-review");

  /* A bulk edit */
  g_assert_true (reslib_store_update_resources (f->store, (const char * const[]) { c, NULL },
                                                (const char * const[]) { "license", NULL },
                                                (const char * const[]) { "CC BY 4.0" }, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (state_of (f, c), ==, "in-review");

  /* A batch write (the sheet import's) */
  {
    g_autofree char *e = reslib_test_project_import (f, "e.txt", "第五份", NULL, NULL);
    g_autoptr(ReslibResourceBatch) batch = NULL;

    approve (f, e);
    g_assert_true (reslib_store_begin (f->store, &error));
    batch = reslib_resource_batch_new (f->store, f->project, &error);
    g_assert_no_error (error);
    g_assert_true (reslib_resource_batch_write (batch, e, (const char * const[]) { "description", NULL },
                                                (const char * const[]) { "表格里的新简介" }, NULL, NULL, &error));
    g_assert_true (reslib_resource_batch_finish (batch, &error));
    g_assert_true (reslib_store_commit (f->store, &error));
    g_assert_no_error (error);
    g_assert_cmpstr (state_of (f, e), ==, "in-review");
    g_assert_true (reslib_store_review (f->store, (const char * const[]) { e, NULL }, RESLIB_REVIEW_APPROVE, NULL,
                                        &error));
  }

  /* A refused edit changes neither the field nor the state. */
  g_assert_false (reslib_store_update (f->store, RESLIB_KIND_RESOURCE, d, (const char * const[]) { "type", NULL },
                                       (const char * const[]) { "no-such-type" }, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_cmpstr (state_of (f, d), ==, "approved");

  queue = reslib_store_list_in_review (f->store, f->project, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (queue), ==, 3);

  /* Undoing the edit approves it again; redoing sends it back. */
  {
    g_autoptr(ReslibUndoStep) step = NULL;
    g_autoptr(ReslibUndoStep) redo = NULL;
    g_autoptr(ReslibUndoStep) again = NULL;

    step = reslib_store_update_undoable (f->store, RESLIB_KIND_RESOURCE, (const char * const[]) { d, NULL },
                                         (const char * const[]) { "description", NULL },
                                         (const char * const[]) { "新的简介" }, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (state_of (f, d), ==, "in-review");
    redo = reslib_store_undo (f->store, step, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (state_of (f, d), ==, "approved");
    again = reslib_store_undo (f->store, redo, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (state_of (f, d), ==, "in-review");
  }

  /* An edit of a resource in review or a draft leaves its state alone. */
  g_assert_true (reslib_store_update (f->store, RESLIB_KIND_RESOURCE, a, (const char * const[]) { "title", NULL },
                                      (const char * const[]) { "再改" }, &error));
  g_assert_cmpstr (state_of (f, a), ==, "in-review");
}

static guint
n_found (Fixture    *f,
         const char *query)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) found = reslib_store_search (f->store, f->project, query, 0, &error);
  g_autoptr(GHashTable) rowids = NULL;
  g_autoptr(GArray) list = NULL;
  g_auto(GStrv) ids = NULL;

  g_assert_no_error (error);
  /* The rowids of the long lists' search (joined to the resources' rows only when the store holds another
   * project's resources) are those of the same resources. */
  rowids = reslib_store_search_resource_rowids (f->store, f->project, query, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_hash_table_size (rowids), ==, g_list_model_get_n_items (found));
  list = g_array_new (FALSE, FALSE, sizeof (gint64));
  {
    GHashTableIter iter;
    gpointer key;

    g_hash_table_iter_init (&iter, rowids);
    while (g_hash_table_iter_next (&iter, &key, NULL))
      {
        gint64 rowid = (gint64) GPOINTER_TO_SIZE (key);

        g_array_append_val (list, rowid);
      }
  }
  ids = reslib_store_resource_ids_of_rowids (f->store, (const gint64 *) (gpointer) list->data, list->len, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (ids), ==, g_list_model_get_n_items (found));
  for (guint i = 0; i < g_list_model_get_n_items (found); i++)
    {
      g_autoptr(ReslibRecord) record = g_list_model_get_item (found, i);

      g_assert_true (g_strv_contains ((const char * const *) ids, reslib_record_get_id (record)));
    }

  return g_list_model_get_n_items (found);
}

static void
test_search (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *a = reslib_test_project_import (f, "turning.mp4", "video", "数控车削加工工艺", "讲解外圆车削的切削用量");
  g_autofree char *b = reslib_test_project_import (f, "milling.pdf", "%PDF-1.4", "Milling Basics 铣削入门", NULL);
  g_autofree char *c = reslib_test_project_import (f, "notes.txt", "c", "安全操作规程", "Safety rules for CNC lathes");
  g_autofree char *other = reslib_test_new_project (f->store, "另一个项目");

  g_assert_true (reslib_store_set_list (f->store, c, "keywords", (const char * const[]) { "安全文明生产", NULL }, &error));
  g_assert_no_error (error);

  /* Chinese: two characters, three or more, from title, description and keywords. */
  g_assert_cmpuint (n_found (f, "车削"), ==, 1);
  g_assert_cmpuint (n_found (f, "削加工"), ==, 1);
  g_assert_cmpuint (n_found (f, "切削用量"), ==, 1);
  g_assert_cmpuint (n_found (f, "削"), ==, 2);
  g_assert_cmpuint (n_found (f, "文明"), ==, 1);
  g_assert_cmpuint (n_found (f, "文明生产"), ==, 1);
  g_assert_cmpuint (n_found (f, "入门"), ==, 1);
  g_assert_cmpuint (n_found (f, "数车"), ==, 0);
  /* Latin words, any case, and file names. */
  g_assert_cmpuint (n_found (f, "milling"), ==, 1);
  g_assert_cmpuint (n_found (f, "MILL"), ==, 1);
  g_assert_cmpuint (n_found (f, "cnc"), ==, 1);
  g_assert_cmpuint (n_found (f, "mp4"), ==, 1);
  g_assert_cmpuint (n_found (f, "turning.mp4"), ==, 1);
  /* Several words must all match. */
  g_assert_cmpuint (n_found (f, "车削 外圆"), ==, 1);
  g_assert_cmpuint (n_found (f, "车削 milling"), ==, 0);
  g_assert_cmpuint (n_found (f, "削 外圆"), ==, 1);
  g_assert_cmpuint (n_found (f, "削 入门 milling"), ==, 1);
  g_assert_cmpuint (n_found (f, "铣削入门 mi"), ==, 1);
  /* A short word with the others is looked for in every text of their matches: description, keywords. */
  g_assert_cmpuint (n_found (f, "安全操作 R"), ==, 1);
  g_assert_cmpuint (n_found (f, "cnc 文"), ==, 1);
  g_assert_cmpuint (n_found (f, "规程 文"), ==, 1);
  g_assert_cmpuint (n_found (f, "规程 削"), ==, 0);
  g_assert_cmpuint (n_found (f, "cnc 削"), ==, 0);
  /* Quotes and operators are text, not syntax. */
  g_assert_cmpuint (n_found (f, "\"车削"), ==, 0);
  g_assert_cmpuint (n_found (f, "AND OR NOT"), ==, 0);
  g_assert_cmpuint (n_found (f, "%"), ==, 0);
  /* An empty query lists all; another project's resources never show. */
  g_assert_cmpuint (n_found (f, ""), ==, 3);
  {
    g_autoptr(GListModel) none = reslib_store_search (f->store, other, "车削", 0, &error);
    g_assert_cmpuint (g_list_model_get_n_items (none), ==, 0);
  }
  /* nor when they match too */
  reslib_test_fill_bare_resources (f->store, other, 4, "车削 milling cnc");
  g_assert_cmpuint (n_found (f, "车削"), ==, 1);
  g_assert_cmpuint (n_found (f, "削"), ==, 2);
  g_assert_cmpuint (n_found (f, "milling"), ==, 1);
  g_assert_cmpuint (n_found (f, "cnc"), ==, 1);
  g_assert_cmpuint (n_found (f, "mp4"), ==, 1);
  g_assert_cmpuint (n_found (f, "削 入门 milling"), ==, 1);
  g_assert_cmpuint (n_found (f, "cnc 文"), ==, 1);
  g_assert_cmpuint (n_found (f, ""), ==, 3);
  {
    g_autoptr(GHashTable) theirs = reslib_store_search_resource_rowids (f->store, other, "milling", NULL, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (g_hash_table_size (theirs), ==, 4);
  }

  /* Edits reach the index. */
  g_assert_true (reslib_store_update (f->store, RESLIB_KIND_RESOURCE, a, (const char * const[]) { "title", NULL },
                                      (const char * const[]) { "螺纹加工" }, &error));
  g_assert_cmpuint (n_found (f, "螺纹"), ==, 1);
  g_assert_cmpuint (n_found (f, "数控车削"), ==, 0);
  g_assert_true (reslib_store_set_list (f->store, c, "keywords", (const char * const[]) { NULL }, &error));
  g_assert_cmpuint (n_found (f, "文明"), ==, 0);
  g_assert_true (reslib_store_delete (f->store, RESLIB_KIND_RESOURCE, b, &error));
  g_assert_cmpuint (n_found (f, "milling"), ==, 0);

  /* A limit caps the results. */
  {
    g_autoptr(GListModel) one = reslib_store_search (f->store, f->project, "", 1, &error);
    g_assert_cmpuint (g_list_model_get_n_items (one), ==, 1);
  }
}

/* Search finds a resource by the names around it: authors, unit, points with their modules and courses,
 * and keeps finding it by the new name after a rename (and not by the old one). */
static void
test_search_names (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *a = reslib_test_project_import (f, "a.mp4", "video", "第一讲", NULL);
  g_autofree char *b = reslib_test_project_import (f, "b.txt", "text", "第二讲", NULL);
  g_autofree char *unit = reslib_test_insert (f->store, RESLIB_KIND_UNIT,
                                              (const char * const[]) { "project_id", "name", "kind", "role", NULL },
                                              (const char * const[]) { f->project, "河南工业职业技术学院",
                                                                       "higher-vocational", "host" });
  g_autofree char *course = reslib_test_insert (f->store, RESLIB_KIND_COURSE,
                                                (const char * const[]) { "project_id", "title", NULL },
                                                (const char * const[]) { f->project, "数控车削编程" });
  g_autofree char *module = reslib_test_insert (f->store, RESLIB_KIND_NODE,
                                                (const char * const[]) { "course_id", "kind", "title", NULL },
                                                (const char * const[]) { course, "module", "外圆加工" });
  g_autofree char *point = reslib_test_insert (f->store, RESLIB_KIND_NODE,
                                               (const char * const[]) { "course_id", "parent_id", "kind", "title", NULL },
                                               (const char * const[]) { course, module, "knowledge", "螺纹切削用量" });

  /* Nothing around the resources yet. */
  g_assert_cmpuint (n_found (f, "张伟"), ==, 0);
  g_assert_cmpuint (n_found (f, "工业职业"), ==, 0);

  g_assert_true (reslib_store_set_list (f->store, a, "authors", (const char * const[]) { "张伟", "Li Na", NULL }, &error));
  g_assert_no_error (error);
  reslib_test_update (f->store, RESLIB_KIND_RESOURCE, b, "unit_id", unit);
  g_assert_true (reslib_store_set_list (f->store, b, "nodes", (const char * const[]) { point, NULL }, &error));
  g_assert_no_error (error);

  /* Authors: a whole name, one character, a Latin name in any case. */
  g_assert_cmpuint (n_found (f, "张伟"), ==, 1);
  g_assert_cmpuint (n_found (f, "伟"), ==, 1);
  g_assert_cmpuint (n_found (f, "li"), ==, 1);
  g_assert_cmpuint (n_found (f, "LI NA"), ==, 1);
  /* The unit, by any part of its name: one, two, three or more characters. */
  g_assert_cmpuint (n_found (f, "河南工业职业技术学院"), ==, 1);
  g_assert_cmpuint (n_found (f, "职业技术"), ==, 1);
  g_assert_cmpuint (n_found (f, "工业"), ==, 1);
  g_assert_cmpuint (n_found (f, "院"), ==, 1);
  /* The point, its module and its course. */
  g_assert_cmpuint (n_found (f, "螺纹切削用量"), ==, 1);
  g_assert_cmpuint (n_found (f, "切削"), ==, 1);
  g_assert_cmpuint (n_found (f, "外圆加工"), ==, 1);
  g_assert_cmpuint (n_found (f, "车削编程"), ==, 1);
  /* With the resource's own words, and a short non-letter word looked for in the names. */
  g_assert_cmpuint (n_found (f, "第二讲 螺纹"), ==, 1);
  g_assert_cmpuint (n_found (f, "第一讲 螺纹"), ==, 0);
  g_assert_cmpuint (n_found (f, "张伟 第"), ==, 1);
  g_assert_cmpuint (n_found (f, "讲 学院"), ==, 1);

  /* Renames reach the index: unit, course, module, point; the old names no longer find anything. */
  reslib_test_update (f->store, RESLIB_KIND_UNIT, unit, "name", "郑州机床厂");
  g_assert_cmpuint (n_found (f, "机床厂"), ==, 1);
  g_assert_cmpuint (n_found (f, "工业职业"), ==, 0);
  reslib_test_update (f->store, RESLIB_KIND_COURSE, course, "title", "铣削加工");
  g_assert_cmpuint (n_found (f, "铣削"), ==, 1);
  g_assert_cmpuint (n_found (f, "车削编程"), ==, 0);
  reslib_test_update (f->store, RESLIB_KIND_NODE, module, "title", "内孔加工");
  g_assert_cmpuint (n_found (f, "内孔"), ==, 1);
  g_assert_cmpuint (n_found (f, "外圆加工"), ==, 0);
  reslib_test_update (f->store, RESLIB_KIND_NODE, point, "title", "攻丝");
  g_assert_cmpuint (n_found (f, "攻丝"), ==, 1);
  g_assert_cmpuint (n_found (f, "螺纹"), ==, 0);

  /* Removing an author, the unit or a link takes the name out. */
  g_assert_true (reslib_store_set_list (f->store, a, "authors", (const char * const[]) { "Li Na", NULL }, &error));
  g_assert_cmpuint (n_found (f, "张伟"), ==, 0);
  g_assert_cmpuint (n_found (f, "Li Na"), ==, 1);
  g_assert_true (reslib_store_delete (f->store, RESLIB_KIND_UNIT, unit, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_found (f, "机床厂"), ==, 0);
  g_assert_true (reslib_store_delete (f->store, RESLIB_KIND_COURSE, course, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_found (f, "攻丝"), ==, 0);
  g_assert_cmpuint (n_found (f, "铣削"), ==, 0);
  /* The resource's own words still find it. */
  g_assert_cmpuint (n_found (f, "第二讲"), ==, 1);
}

/* The id of the project's @index-th resource, in the list's order. */
static char *
resource_id (Fixture *f,
             guint    index)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = reslib_store_list_resource_rows (f->store, f->project, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (index, <, rows->len);
  return g_strdup (reslib_resource_row_get_id (g_ptr_array_index (rows, index)));
}

static void
retitle (Fixture    *f,
         const char *id,
         const char *title)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (reslib_store_update (f->store, RESLIB_KIND_RESOURCE, id, (const char * const[]) { "title", NULL },
                                      (const char * const[]) { title }, &error));
  g_assert_no_error (error);
}

/* Each way the tests fill a store in bulk: the resources are found by their titles, and by a new title once
 * retitled (not by the old one). */
static void
test_filled (Fixture       *f,
             gconstpointer  data)
{
  const char *kind = data;
  g_autofree char *id = NULL;

  if (g_str_equal (kind, "bare"))
    reslib_test_fill_bare_resources (f->store, f->project, 5, "bare");
  else if (g_str_equal (kind, "file"))
    reslib_test_fill_file_resources (f->store, f->project, 5, "file");
  else
    reslib_test_fill_resources_bulk (f->store, f->project, 5, FALSE, TRUE);

  g_assert_cmpuint (n_found (f, ""), ==, 5);
  if (g_str_equal (kind, "bare"))
    {
      g_assert_cmpuint (n_found (f, "资源"), ==, 5);
      g_assert_cmpuint (n_found (f, "bare-000003"), ==, 1);
    }
  else if (g_str_equal (kind, "file"))
    g_assert_cmpuint (n_found (f, "file-000003"), ==, 1);

  id = resource_id (f, 3);
  retitle (f, id, "螺纹加工 thread cutting");
  g_assert_cmpuint (n_found (f, "螺纹"), ==, 1);
  g_assert_cmpuint (n_found (f, "螺纹加工"), ==, 1);
  g_assert_cmpuint (n_found (f, "thread"), ==, 1);
  retitle (f, id, "齿轮测量");
  g_assert_cmpuint (n_found (f, "螺纹"), ==, 0);
  g_assert_cmpuint (n_found (f, "齿轮"), ==, 1);
  g_assert_cmpuint (n_found (f, ""), ==, 5);
}

/* The words of the bigram index as they are defined: the text lower-cased by g_utf8_strdown(), then
 * each letter or digit, and each pair of them, followed by a space. */
static char *
bigram_words (const char *text)
{
  g_autofree char *lower = g_utf8_strdown (text, -1);
  GString *out = g_string_new (NULL);
  gunichar prev = 0;

  for (const char *p = lower; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (!g_unichar_isalnum (c))
        {
          prev = 0;
          continue;
        }
      g_string_append_unichar (out, c);
      g_string_append_c (out, ' ');
      if (prev != 0)
        {
          g_string_append_unichar (out, prev);
          g_string_append_unichar (out, c);
          g_string_append_c (out, ' ');
        }
      prev = c;
    }

  return g_string_free (out, FALSE);
}

/* reslib_bigrams() skips g_utf8_strdown() where it would only turn A–Z into a–z: the same words either way. */
static void
test_bigram_words (Fixture       *f,
                   gconstpointer  data)
{
  static const char * const texts[] = {
    "", " ", "数控机床 CNC Lathe-101", "第 1 个资源的新简介：讲解数控机床的操作要点。", "IJ ij Iowa Jigs",
    "éclair ÉCLAIR Ærø", "ΣΟΦΟΣ σοφος ΌΣ", "İstanbul", "ǅemal ǈ", "ＡＢＣ１２３ａｂｃ", "Ⅻ ⅻ ① ٣",
    "e\xcc\x81 E\xcc\x81\xcc\x80", "a_b a.b a/b 😀x", "resource-000123.mp4", "ß ẞ ﬁ", "ﾃｽﾄ テスト",
  };
  g_autofree char *example = bigram_words ("Ab 数控");

  g_assert_cmpstr (example, ==, "a b ab 数 控 数控 ");
  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *words = _reslib_store_query_text (f->store, "SELECT reslib_bigrams (?)",
                                                         (const char * const[]) { texts[i], NULL }, &error);
      g_autofree char *expected = bigram_words (texts[i]);

      g_assert_no_error (error);
      g_assert_cmpstr (words, ==, expected);
    }
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  reslib_core_init ();

  ADD_TEST ("/store/resource/lists", test_resource_lists, NULL);
  ADD_TEST ("/store/resource/row-pages", test_resource_row_pages, NULL);
  ADD_TEST ("/store/resource/rowids-where", test_resource_rowids_where, NULL);
  ADD_TEST ("/store/resource/lists-typed", test_resource_lists_typed, NULL);
  ADD_TEST ("/store/resource/bulk-nodes", test_resource_bulk_nodes, NULL);
  ADD_TEST ("/store/review", test_review, NULL);
  ADD_TEST ("/store/review/reopen-on-edit", test_review_reopen, NULL);
  ADD_TEST ("/store/search", test_search, NULL);
  ADD_TEST ("/store/search-names", test_search_names, NULL);
  ADD_TEST ("/search-index/bare", test_filled, "bare");
  ADD_TEST ("/search-index/file", test_filled, "file");
  ADD_TEST ("/search-index/bulk", test_filled, "bulk");
  ADD_TEST ("/search-index/bigram-words", test_bigram_words, NULL);

  return g_test_run ();
}
