/* test-report-docx.c — the reports as Word documents, read back by independent readers
 *
 * python-docx (tests/core/read-docx.py) reads the paragraphs, styles and tables back; libarchive and
 * libxml2 check the zip and its parts; LibreOffice converts the document to PDF where it is installed.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <archive.h>
#include <archive_entry.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <libxml/parser.h>
#include <locale.h>
#include <string.h>

#include "reslib-demo.h"
#include "reslib-store-texts.h"
#include "reslib-test-utils.h"

/* The parts every document has, in the order they are written */
static const char * const parts[] = {
  "[Content_Types].xml", "_rels/.rels", "word/document.xml", "word/_rels/document.xml.rels", "word/styles.xml",
  "word/settings.xml", "word/fontTable.xml", "word/footer1.xml", "docProps/core.xml", "docProps/app.xml", NULL,
};

/* The national template's sections (domain.md (f)), and the five dimensions of 四、建设内容 */
static const char * const dossier_headings[] = {
  "一、基本情况", "二、建设基础", "三、建设目标", "四、建设内容", "五、子项目/任务分工", "六、建设进度",
  "七、经费预算", "八、保障措施", "九、承诺", NULL,
};
static const char * const dossier_subheadings[] = {
  "（一）资源建设", "（二）平台功能", "（三）应用推广", "（四）特色创新", "（五）制度保障", NULL,
};

typedef struct
{
  char        *dir;
  char        *data_dir;
  char        *db_path;
  ReslibStore *store;
  char        *project;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *host = NULL;

  f->dir = reslib_test_make_tmp_dir ("reslib-test-report-docx-XXXXXX");
  f->data_dir = g_build_filename (f->dir, "store", NULL);
  f->db_path = g_build_filename (f->data_dir, "library.db", NULL);
  f->store = reslib_test_open_store (f->data_dir);
  f->project = reslib_demo_create (f->store, NULL, &error);
  g_assert_no_error (error);

  /* The demo has no budget: two lines, so the budget table has numbers to compare. */
  host = reslib_test_sql_text (f->db_path, "SELECT id FROM units WHERE role = 'host' ORDER BY host_rank LIMIT 1");
  for (guint i = 0; i < 2; i++)
    {
      static const char * const amounts[] = { "12345678", "5000001" };
      g_autofree char *id = reslib_store_insert (f->store, RESLIB_KIND_BUDGET_LINE,
                                                 (const char * const[]) { "project_id", "unit_id", "source", "category",
                                                                          "amount_cents", NULL },
                                                 (const char * const[]) { f->project, host, i == 0 ? "省级财政" : "学校自筹",
                                                                          "素材制作", amounts[i] },
                                                 &error);

      g_assert_no_error (error);
      g_assert_nonnull (id);
    }
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_object (&f->store);
  reslib_test_rm_rf (f->dir);
  g_free (f->dir);
  g_free (f->data_dir);
  g_free (f->db_path);
  g_free (f->project);
}


static JsonArray *
member_array (JsonNode   *node,
              const char *name)
{
  return json_object_get_array_member (json_node_get_object (node), name);
}

/* The table whose first row's first cell is @first, or NULL */
static JsonObject *
find_table (JsonNode   *doc,
            const char *first)
{
  JsonArray *tables = member_array (doc, "tables");

  for (guint i = 0; i < json_array_get_length (tables); i++)
    {
      JsonObject *table = json_array_get_object_element (tables, i);
      JsonArray *row = json_array_get_array_element (json_object_get_array_member (table, "rows"), 0);

      if (g_strcmp0 (json_array_get_string_element (row, 0), first) == 0)
        return table;
    }

  return NULL;
}

/* The row of @table whose cell @column is @value, or -1 */
static int
find_row (JsonObject *table,
          guint       column,
          const char *value)
{
  JsonArray *rows = json_object_get_array_member (table, "rows");

  for (guint i = 0; i < json_array_get_length (rows); i++)
    {
      JsonArray *row = json_array_get_array_element (rows, i);

      if (column < json_array_get_length (row) && g_strcmp0 (json_array_get_string_element (row, column), value) == 0)
        return (int) i;
    }

  return -1;
}

static const char *
cell (JsonObject *table,
      int         row,
      guint       column)
{
  g_assert_cmpint (row, >=, 0);
  return json_array_get_string_element (
    json_array_get_array_element (json_object_get_array_member (table, "rows"), (guint) row), column);
}

static gboolean
row_flag (JsonObject *table,
          const char *member,
          int         row)
{
  g_assert_cmpint (row, >=, 0);
  return json_array_get_boolean_element (json_object_get_array_member (table, member), (guint) row);
}

/* Whether a line of a cell of a table is @text */
static gboolean
in_some_cell (JsonNode   *doc,
              const char *text)
{
  JsonArray *tables = member_array (doc, "tables");

  for (guint t = 0; t < json_array_get_length (tables); t++)
    {
      JsonArray *rows = json_object_get_array_member (json_array_get_object_element (tables, t), "rows");

      for (guint r = 0; r < json_array_get_length (rows); r++)
        {
          JsonArray *row = json_array_get_array_element (rows, r);

          for (guint c = 0; c < json_array_get_length (row); c++)
            {
              g_auto(GStrv) lines = g_strsplit (json_array_get_string_element (row, c), "\n", -1);

              if (g_strv_contains ((const char * const *) lines, text))
                return TRUE;
            }
        }
    }

  return FALSE;
}

static void
test_read_back (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *path = reslib_test_write_report (f->store, f->project, "dossier", f->dir,
                                                    "申报书.docx");
  g_autoptr(JsonNode) doc = reslib_test_read_docx (path);
  g_autofree char *name = NULL;
  g_autofree char *total = NULL;
  g_autofree char *texts = NULL;
  g_autofree char *knowledge = NULL;
  g_autofree char *course = NULL;
  g_autofree char *budget = NULL;
  g_auto(GStrv) units = NULL;
  JsonArray *paragraphs;
  JsonObject *styles;
  JsonObject *table;
  guint h = 0, sub = 0;
  int row;

  if (doc == NULL)
    return;
  paragraphs = member_array (doc, "paragraphs");
  styles = json_object_get_object_member (json_node_get_object (doc), "styles");

  /* The headings, in order, in the Heading 1 style, whose outline level the navigation pane and a TOC use */
  for (guint i = 0; i < json_array_get_length (paragraphs); i++)
    {
      JsonObject *p = json_array_get_object_element (paragraphs, i);

      if (g_strcmp0 (json_object_get_string_member (p, "style"), "Heading 2") == 0)
        {
          /* the parts of 四、建设内容 */
          g_assert_cmpuint (h, ==, 4);
          g_assert_nonnull (dossier_subheadings[sub]);
          g_assert_cmpstr (json_object_get_string_member (p, "text"), ==, dossier_subheadings[sub]);
          sub++;
          continue;
        }
      if (g_strcmp0 (json_object_get_string_member (p, "style"), "Heading 1") != 0)
        continue;
      g_assert_nonnull (dossier_headings[h]);
      g_assert_cmpstr (json_object_get_string_member (p, "text"), ==, dossier_headings[h]);
      h++;
    }
  g_assert_null (dossier_headings[h]);
  g_assert_null (dossier_subheadings[sub]);
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (styles, "Heading 1"), "outline"), ==, 0);
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (styles, "Heading 2"), "outline"), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (styles, "Normal"), "east_asia"), ==,
                   "宋体");
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (styles, "Heading 1"), "east_asia"), ==,
                   "黑体");
  g_assert_nonnull (json_object_get_string_member (json_object_get_object_member (styles, "Normal"), "latin"));

  /* The project's name on the cover and in the document's properties, as the store has it */
  name = reslib_test_sql_text (f->db_path, "SELECT name FROM projects");
  {
    JsonObject *title = json_array_get_object_element (paragraphs, 1);

    g_assert_cmpstr (json_object_get_string_member (title, "style"), ==, "Title");
    g_assert_cmpstr (json_object_get_string_member (title, "text"), ==, name);
    g_assert_true (g_str_has_prefix (json_object_get_string_member (json_node_get_object (doc), "title"), name));
  }
  /* The cover's lines: the first host, the project leader and the date; the recommending unit not given yet */
  {
    g_autofree char *host = reslib_test_sql_text (f->db_path, "SELECT name FROM units WHERE role = 'host' "
                                                              "ORDER BY host_rank LIMIT 1");
    g_autofree char *leader = reslib_test_sql_text (f->db_path, "SELECT name FROM members WHERE leader = 'yes'");
    g_autofree char *host_line = g_strdup_printf ("第一主持单位（盖章）：%s", host);
    g_autofree char *leader_line = g_strdup_printf ("项目负责人：%s", leader);
    gboolean has_host = FALSE, has_recommender = FALSE, has_leader = FALSE;

    for (guint i = 0; i < 12 && i < json_array_get_length (paragraphs); i++)
      {
        const char *text = json_object_get_string_member (json_array_get_object_element (paragraphs, i), "text");

        has_host |= g_strcmp0 (text, host_line) == 0;
        has_leader |= g_strcmp0 (text, leader_line) == 0;
        has_recommender |= g_strcmp0 (text, "推荐单位：（未填写）") == 0;
      }
    g_assert_true (has_host);
    /* The demo names its project leader */
    g_assert_cmpstr (leader, ==, "王建华");
    g_assert_true (has_leader);
    g_assert_true (has_recommender);
  }

  /* Every unit by its name */
  units = g_strsplit (reslib_test_sql_text (f->db_path, "SELECT group_concat (name, '|') FROM units"), "|", -1);
  g_assert_cmpuint (g_strv_length (units), >=, 3);
  table = find_table (doc, "序号");
  g_assert_nonnull (table);
  for (guint i = 0; units[i] != NULL; i++)
    g_assert_cmpint (find_row (table, 1, units[i]), >=, 0);

  /* The numbers of the tables equal SQL on the same store */
  total = reslib_test_sql_text (f->db_path, "SELECT count (*) FROM resources");
  texts = reslib_test_sql_text (f->db_path, "SELECT count (*) FROM resources WHERE type = 'text'");
  table = find_table (doc, "资源类型");
  g_assert_nonnull (table);
  g_assert_cmpstr (cell (table, find_row (table, 0, "文本"), 1), ==, texts);
  row = find_row (table, 0, "合计");
  g_assert_cmpstr (cell (table, row, 1), ==, total);
  /* The total row bold, the header row repeated on each page, numbers right-aligned */
  g_assert_true (row_flag (table, "bold_rows", row));
  g_assert_false (row_flag (table, "bold_rows", 1));
  g_assert_true (row_flag (table, "header_repeats", 0));
  g_assert_false (row_flag (table, "header_repeats", 1));
  {
    JsonArray *right = json_array_get_array_element (json_object_get_array_member (table, "right_aligned"), 1);

    g_assert_false (json_array_get_boolean_element (right, 0));
    g_assert_true (json_array_get_boolean_element (right, 1));
  }

  course = reslib_test_sql_text (f->db_path, "SELECT title FROM courses ORDER BY position, title LIMIT 1");
  knowledge = reslib_test_sql_text (f->db_path, "SELECT count (*) FROM course_nodes n JOIN courses c ON c.id = n.course_id "
                                                "WHERE n.kind = 'knowledge' AND c.title = (SELECT title FROM courses "
                                                "ORDER BY position, title LIMIT 1)");
  table = find_table (doc, "序号");
  while (table != NULL && find_row (table, 1, course) < 0)
    {
      /* the units' table comes first; the courses' one has the same first column */
      JsonArray *tables = member_array (doc, "tables");
      JsonObject *next = NULL;

      for (guint i = 0; i + 1 < json_array_get_length (tables); i++)
        if (json_array_get_object_element (tables, i) == table)
          next = json_array_get_object_element (tables, i + 1);
      table = next;
    }
  g_assert_nonnull (table);
  g_assert_cmpstr (cell (table, 0, 4), ==, "知识点数");
  g_assert_cmpstr (cell (table, find_row (table, 1, course), 4), ==, knowledge);

  budget = reslib_test_sql_text (f->db_path, "SELECT printf ('%,d.%02d', sum (amount_cents) / 100, "
                                             "sum (amount_cents) % 100) FROM budget_lines");
  g_assert_cmpstr (budget, ==, "173,456.79");
  table = find_table (doc, "资金来源");
  g_assert_nonnull (table);
  g_assert_cmpstr (cell (table, find_row (table, 0, "合计"), 1), ==, budget);

  /* The opinion boxes, with their lines to sign, stamp and date */
  g_assert_true (in_some_cell (doc, "主持单位意见"));
  g_assert_true (in_some_cell (doc, "推荐单位意见"));
  g_assert_true (in_some_cell (doc, "（单位盖章）"));

  /* A4 with margins; the page number in the footer */
  {
    JsonObject *section = json_array_get_object_element (member_array (doc, "sections"), 0);

    g_assert_cmpint (json_object_get_int_member (section, "width"), ==, 11906);
    g_assert_cmpint (json_object_get_int_member (section, "height"), ==, 16838);
    g_assert_cmpint (json_object_get_int_member (section, "left"), >, 0);
    g_assert_nonnull (strstr (json_object_get_string_member (section, "footer"), " PAGE "));
  }
}

/* The zip's entries, in order, with their contents */
static GPtrArray *
read_zip (const char  *path,
          GHashTable **contents)
{
  struct archive *a = archive_read_new ();
  struct archive_entry *entry;
  GPtrArray *names = g_ptr_array_new_with_free_func (g_free);

  *contents = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_bytes_unref);
  archive_read_support_format_zip (a);
  g_assert_cmpint (archive_read_open_filename (a, path, 16384), ==, ARCHIVE_OK);
  while (archive_read_next_header (a, &entry) == ARCHIVE_OK)
    {
      g_autoptr(GByteArray) data = g_byte_array_new ();
      guint8 buffer[8192];
      la_ssize_t n;

      while ((n = archive_read_data (a, buffer, sizeof buffer)) > 0)
        g_byte_array_append (data, buffer, (guint) n);
      g_assert_cmpint (n, ==, 0);
      g_ptr_array_add (names, g_strdup (archive_entry_pathname (entry)));
      g_hash_table_insert (*contents, g_strdup (archive_entry_pathname (entry)),
                           g_byte_array_free_to_bytes (g_steal_pointer (&data)));
    }
  g_assert_cmpint (archive_read_free (a), ==, ARCHIVE_OK);

  return names;
}

static gboolean
well_formed (GBytes *bytes)
{
  gsize len;
  const char *data = g_bytes_get_data (bytes, &len);
  xmlDocPtr doc = xmlReadMemory (data, (int) len, NULL, "UTF-8", XML_PARSE_NONET | XML_PARSE_NOERROR |
                                                                     XML_PARSE_NOWARNING);

  if (doc == NULL)
    return FALSE;
  xmlFreeDoc (doc);
  return TRUE;
}

static gboolean
part_has (GHashTable *contents,
          const char *part,
          const char *text)
{
  GBytes *bytes = g_hash_table_lookup (contents, part);
  gsize len;
  const char *data = g_bytes_get_data (bytes, &len);

  return memmem (data, len, text, strlen (text)) != NULL;
}

static void
test_parts (Fixture       *f,
            gconstpointer  data)
{
  for (guint k = 0; reslib_report_kinds[k] != NULL; k++)
    {
      g_autofree char *name = g_strdup_printf ("%s.docx", reslib_report_kinds[k]);
      g_autofree char *path = reslib_test_write_report (f->store, f->project, reslib_report_kinds[k], f->dir,
                                                        name);
      g_autoptr(GHashTable) contents = NULL;
      g_autoptr(GPtrArray) names = read_zip (path, &contents);

      g_assert_cmpuint (names->len, ==, g_strv_length ((char **) parts));
      for (guint i = 0; parts[i] != NULL; i++)
        {
          g_assert_cmpstr (g_ptr_array_index (names, i), ==, parts[i]);
          g_assert_true (well_formed (g_hash_table_lookup (contents, parts[i])));
        }
      g_assert_true (part_has (contents, "word/document.xml", "<w:pgSz w:w=\"11906\" w:h=\"16838\"/>"));
      g_assert_true (part_has (contents, "word/document.xml", "<w:tblHeader/>"));
      g_assert_true (part_has (contents, "word/document.xml", " TOC \\o &quot;1-2&quot;"));
      g_assert_true (part_has (contents, "word/footer1.xml", " PAGE "));
      g_assert_true (part_has (contents, "word/styles.xml", "w:eastAsia=\"宋体\""));
      g_assert_true (part_has (contents, "word/styles.xml", "w:eastAsia=\"黑体\""));
      g_assert_true (part_has (contents, "word/fontTable.xml", "SimSun"));
      g_assert_true (part_has (contents, "docProps/core.xml", "<dc:title>"));
      g_assert_true (part_has (contents, "docProps/core.xml", "（演示）"));
      /* The opinion boxes end the dossier only */
      g_assert_true (part_has (contents, "word/document.xml", "推荐单位意见") == (k == 0));
    }
}

static void
test_deterministic (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  gsize a_len, b_len;

  g_setenv ("SOURCE_DATE_EPOCH", "1767225600", TRUE);   /* 2026-01-01 */
  first = reslib_test_write_report (f->store, f->project, "progress", f->dir, "first.docx");
  g_usleep (1100 * 1000);   /* a second later: nothing of the clock may show */
  second = reslib_test_write_report (f->store, f->project, "progress", f->dir, "second.docx");
  g_unsetenv ("SOURCE_DATE_EPOCH");
  g_assert_true (g_file_get_contents (first, &a, &a_len, NULL));
  g_assert_true (g_file_get_contents (second, &b, &b_len, NULL));
  g_assert_cmpmem (a, a_len, b, b_len);
  g_assert_nonnull (memmem (a, a_len, "PK\003\004", 4));
  {
    g_autoptr(GHashTable) contents = NULL;
    g_autoptr(GPtrArray) names = read_zip (first, &contents);

    g_assert_true (part_has (contents, "docProps/core.xml", "2026-01-01T00:00:00Z"));
  }
}

/* Text from another person's package may hold characters XML cannot: the document stays well-formed and
 * readable, with the rest of the text kept. */
/* A narrative section's lines come out as paragraphs of their own, in the body style, after their heading; the
 * recommending unit on the cover */
static void
test_narratives (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autoptr(JsonNode) doc = NULL;
  JsonArray *paragraphs;
  gint at = -1;

  g_assert_true (reslib_store_set_project_text (f->store, f->project, "safeguards",
                                                "成立项目领导小组。\r\n\r\n设立专项资金。\n建立考核制度。", &error));
  g_assert_true (reslib_store_set_project_text (f->store, f->project, "recommender", "河南省教育厅", &error));
  g_assert_no_error (error);
  path = reslib_test_write_report (f->store, f->project, "dossier", f->dir, "narratives.docx");
  doc = reslib_test_read_docx (path);
  if (doc == NULL)
    return;
  paragraphs = member_array (doc, "paragraphs");
  for (guint i = 0; i < json_array_get_length (paragraphs); i++)
    {
      const char *text = json_object_get_string_member (json_array_get_object_element (paragraphs, i), "text");

      if (g_strcmp0 (text, "八、保障措施") == 0)
        at = (gint) i;
      if (g_strcmp0 (text, "推荐单位：河南省教育厅") == 0)
        g_assert_cmpint (i, <, 12);
    }
  g_assert_cmpint (at, >, 0);
  for (guint i = 0; i < 3; i++)
    {
      static const char * const expected[] = { "成立项目领导小组。", "设立专项资金。", "建立考核制度。" };
      JsonObject *p = json_array_get_object_element (paragraphs, (guint) at + 1 + i);

      g_assert_cmpstr (json_object_get_string_member (p, "text"), ==, expected[i]);
      g_assert_cmpstr (json_object_get_string_member (p, "style"), ==, "Normal");
    }
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (paragraphs, (guint) at + 4), "text"),
                   ==, "九、承诺");
}

static void
test_hostile_text (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GHashTable) contents = NULL;
  g_autoptr(GPtrArray) names = NULL;
  g_autoptr(JsonNode) doc = NULL;

  g_assert_true (reslib_store_update (f->store, RESLIB_KIND_PROJECT, f->project,
                                      (const char * const[]) { "description", NULL },
                                      (const char * const[]) { "a\001b\013c\x1f<w:p>&amp;]]>\tend\r\n第二行", NULL },
                                      &error));
  g_assert_no_error (error);
  path = reslib_test_write_report (f->store, f->project, "dossier", f->dir, "hostile.docx");
  names = read_zip (path, &contents);
  g_assert_true (well_formed (g_hash_table_lookup (contents, "word/document.xml")));
  g_assert_true (part_has (contents, "word/document.xml", "abc&lt;w:p&gt;&amp;amp;]]&gt;"));
  doc = reslib_test_read_docx (path);
  if (doc == NULL)
    return;
  {
    JsonObject *table = find_table (doc, "项目名称");

    g_assert_nonnull (table);
    g_assert_cmpstr (cell (table, find_row (table, 0, "项目简介"), 1), ==, "abc<w:p>&amp;]]>\tend\n第二行");
  }
}

/* The format: the destination's extension, unless set; an extension that names none is an error. */
static void
test_format (Fixture       *f,
             gconstpointer  data)
{
  g_autofree char *odt = g_build_filename (f->dir, "report.odt", NULL);
  g_autofree char *pdf = g_build_filename (f->dir, "report.pdf", NULL);
  g_autoptr(ReslibReportJob) job = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *format = NULL;
  gsize len;

  g_assert_cmpstr (reslib_report_format_for_path ("a/b.PDF"), ==, "pdf");
  g_assert_cmpstr (reslib_report_format_for_path ("申报书.docx"), ==, "docx");
  g_assert_null (reslib_report_format_for_path ("a.docx/b"));
  g_assert_null (reslib_report_format_for_path ("docx"));
  g_assert_null (reslib_report_format_for_path ("a.doc"));

  job = reslib_report_job_new (f->store, f->project, "dossier", odt);
  g_assert_null (reslib_report_job_get_format (job));
  g_assert_false (reslib_job_run (RESLIB_JOB (job), NULL, &error));
  g_assert_error (error, RESLIB_ERROR, RESLIB_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, ".docx"));
  g_clear_error (&error);
  g_assert_cmpuint (reslib_test_count_files (f->dir) - reslib_test_count_files (f->data_dir), ==, 0);

  g_object_set (job, "format", "docx", NULL);
  g_object_get (job, "format", &format, NULL);
  g_assert_cmpstr (format, ==, "docx");
  g_assert_true (reslib_job_run (RESLIB_JOB (job), NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (odt, &contents, &len, NULL));
  g_assert_cmpmem (contents, 4, "PK\003\004", 4);
  g_clear_pointer (&contents, g_free);
  g_clear_object (&job);

  /* .pdf written as Word when asked; an unknown format is refused */
  job = reslib_report_job_new (f->store, f->project, "dossier", pdf);
  g_assert_cmpstr (reslib_report_job_get_format (job), ==, "pdf");
  reslib_report_job_set_format (job, "docx");
  g_assert_true (reslib_job_run (RESLIB_JOB (job), NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (pdf, &contents, &len, NULL));
  g_assert_cmpmem (contents, 4, "PK\003\004", 4);
  reslib_report_job_set_format (job, "odt");
  reslib_report_job_set_flags (job, RESLIB_OUTPUT_REPLACE);
  g_assert_false (reslib_job_run (RESLIB_JOB (job), NULL, &error));
  g_assert_error (error, RESLIB_ERROR, RESLIB_ERROR_INVALID);
}

/* LibreOffice, an independent reader, converts the document to PDF; the PDF has its text. */
static void
test_libreoffice (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *soffice = g_find_program_in_path ("soffice");
  g_autofree char *pdftotext = g_find_program_in_path ("pdftotext");
  g_autofree char *path = NULL;
  g_autofree char *profile = NULL;
  g_autofree char *profile_uri = NULL;
  g_autofree char *env_arg = NULL;
  g_autofree char *out_dir = NULL;
  g_autofree char *pdf = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  int status = 0;
  gint64 start;

  if (soffice == NULL || pdftotext == NULL)
    {
      g_test_skip ("LibreOffice (soffice, Debian: libreoffice-writer-nogui) and pdftotext are needed to convert the "
                   "document");
      return;
    }
  path = reslib_test_write_report (f->store, f->project, "dossier", f->dir, "申报书.docx");
  profile = g_build_filename (f->dir, "lo-profile", NULL);
  profile_uri = g_filename_to_uri (profile, NULL, &error);
  g_assert_no_error (error);
  env_arg = g_strconcat ("-env:UserInstallation=", profile_uri, NULL);
  out_dir = g_build_filename (f->dir, "converted", NULL);
  start = g_get_monotonic_time ();
  {
    const char *argv[] = { soffice, env_arg, "--headless", "--norestore", "--convert-to", "pdf", "--outdir", out_dir,
                           path, NULL };

    g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err, &status, &error));
    g_assert_no_error (error);
  }
  g_test_message ("LibreOffice converted the dossier in %.1f s", (g_get_monotonic_time () - start) / 1e6);
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("soffice failed: %s %s", out, err);
  pdf = g_build_filename (out_dir, "申报书.pdf", NULL);
  g_assert_true (g_file_test (pdf, G_FILE_TEST_IS_REGULAR));
  {
    const char *argv[] = { pdftotext, "-q", pdf, "-", NULL };

    g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &text, NULL, &status, &error));
    g_assert_no_error (error);
  }
  {
    g_autofree char *name = reslib_test_sql_text (f->db_path, "SELECT name FROM projects");

    g_assert_nonnull (strstr (text, name));
  }
  for (guint i = 0; dossier_headings[i] != NULL; i++)
    g_assert_nonnull (strstr (text, dossier_headings[i]));
  g_assert_nonnull (strstr (text, "推荐单位意见"));
}

/* The progress report's 应用推广情况 read back by python-docx: the latest period's figures equal SQL on the store,
 * the users' growth since acceptance in its own table. */
static void
test_usage (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) baseline = g_date_time_add_days (now, -30);
  g_autoptr(GDateTime) end = g_date_time_add_days (now, -3);
  g_autofree char *baseline_text = g_date_time_format (baseline, "%Y-%m-%d");
  g_autofree char *end_text = g_date_time_format (end, "%Y-%m-%d");
  g_autofree char *path = NULL;
  g_autofree char *users = NULL;
  g_autofree char *visits = NULL;
  g_autoptr(JsonNode) doc = NULL;
  JsonObject *table;

  g_assert_true (reslib_store_update (f->store, RESLIB_KIND_PROJECT, f->project,
                                      (const char * const[]) { "start_date", "baseline_date", "baseline_count", NULL },
                                      (const char * const[]) { "2024-09-01", baseline_text, "100", NULL }, &error));
  g_assert_no_error (error);
  reslib_test_add_usage (f->store, f->project, "2024-09-01", "2025-08-31", 5000);
  reslib_test_add_usage (f->store, f->project, "2025-09-01", end_text, 5600);
  path = reslib_test_write_report (f->store, f->project, "progress", f->dir, "进展报告.docx");
  doc = reslib_test_read_docx (path);
  if (doc == NULL)
    return;

  users = reslib_test_sql_text (f->db_path, "SELECT students + teachers + employees + public_learners FROM "
                                            "usage_periods ORDER BY period_end DESC LIMIT 1");
  visits = reslib_test_sql_text (f->db_path, "SELECT visits FROM usage_periods ORDER BY period_end DESC LIMIT 1");
  table = find_table (doc, "统计项");
  g_assert_nonnull (table);
  g_assert_cmpstr (cell (table, find_row (table, 0, "注册用户合计（截至统计截止日期）"), 1), ==, users);
  g_assert_cmpstr (cell (table, find_row (table, 0, "本期访问量"), 1), ==, visits);
  g_assert_true (row_flag (table, "bold_rows", 1));

  table = find_table (doc, "年度（验收后）");
  g_assert_nonnull (table);
  g_assert_cmpstr (cell (table, 0, 5), ==, "是否达到 10%");
  /* 5000 → 5600: 600 new, 12% of 5000; the first year is not over */
  g_assert_cmpstr (cell (table, 1, 1), ==, "5000");
  g_assert_cmpstr (cell (table, 1, 2), ==, "5600");
  g_assert_cmpstr (cell (table, 1, 3), ==, "600");
  g_assert_cmpstr (cell (table, 1, 4), ==, "12.0%");
  g_assert_cmpstr (cell (table, 1, 5), ==, "是");

  table = find_table (doc, "统计周期");
  g_assert_nonnull (table);
  g_assert_cmpint (find_row (table, 0, "2024-09-01 至 2025-08-31"), ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);
  reslib_core_init ();

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/report/docx/read-back", test_read_back);
  ADD ("/report/docx/parts", test_parts);
  ADD ("/report/docx/deterministic", test_deterministic);
  ADD ("/report/docx/usage", test_usage);
  ADD ("/report/docx/narratives", test_narratives);
  ADD ("/report/docx/hostile-text", test_hostile_text);
  ADD ("/report/docx/format", test_format);
  ADD ("/report/docx/libreoffice", test_libreoffice);
#undef ADD

  return g_test_run ();
}
