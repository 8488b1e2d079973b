/* test-budget.c — the budget's sources of funds: the profile's list (budget_sources), the rule budget.source for
 * a source outside it, and the totals by source in the dossier and the progress report, as PDF (read back with
 * pdftotext) and as Word (read back with python-docx), against sums made with SQL
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <json-glib/json-glib.h>
#include <locale.h>
#include <string.h>
#include <sys/wait.h>

#include "reslib-demo.h"
#include "reslib-validator.h"
#include "reslib-test-utils.h"

/* The profile's names for government funds, as the SQL of this test sums them: the profile's list written out
 * apart from it, so that a report that groups the lines wrongly disagrees. */
#define GOVERNMENT_SQL "source IN ('财政', '省级财政', 'government', 'Government Funds')"

typedef struct
{
  char        *dir;
  char        *data_dir;
  char        *db_path;
  ReslibStore *store;
  char        *project;
  char        *outside;        /* the line whose source is in none of the profile's list */
} Fixture;

static char *
add_line (Fixture    *f,
          const char *unit,
          const char *year,
          const char *source,
          const char *planned,
          const char *received,
          const char *spent)
{
  return reslib_test_insert (f->store, RESLIB_KIND_BUDGET_LINE,
                             (const char * const[]) { "project_id", "unit_id", "year", "source", "category",
                                                      "amount_cents", "received_cents", "spent_cents", NULL },
                             (const char * const[]) { f->project, unit, year, source, "资源建设", planned, received,
                                                      spent });
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *host = NULL;
  g_autofree char *participant = NULL;

  f->dir = reslib_test_make_tmp_dir ("reslib-test-budget-XXXXXX");
  f->data_dir = g_build_filename (f->dir, "store", NULL);
  f->db_path = g_build_filename (f->data_dir, "library.db", NULL);
  f->store = reslib_test_open_store (f->data_dir);
  f->project = reslib_demo_create (f->store, NULL, &error);
  g_assert_no_error (error);
  host = reslib_test_sql_text (f->db_path, "SELECT id FROM units WHERE role = 'host' ORDER BY host_rank LIMIT 1");
  participant = reslib_test_sql_text (f->db_path, "SELECT id FROM units WHERE role = 'participant' LIMIT 1");

  /* Government funds under three of its names, school funds, and a source of no list */
  g_free (add_line (f, host, "2026", "省级财政", "10000000", "8000000", "6000000"));
  g_free (add_line (f, host, "2027", "government", "5000050", "5000050", "1000000"));
  g_free (add_line (f, participant, "2026", "Government Funds", "123", "0", "0"));
  g_free (add_line (f, host, "2026", "学校自筹", "3000000", "1500000", "1499999"));
  f->outside = add_line (f, participant, "2027", "企业捐赠", "2000000", "2000000", "500000");
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
  g_free (f->outside);
}

/* The profile names each of its sources by its name, its id and its other names, whatever the case of Latin
 * letters and the spaces around; nothing else. */
static void
test_profile_list (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ReslibProfile) profile = reslib_profile_load_default (&error);
  g_auto(GStrv) names = NULL;
  static const char * const bad_source =
    "{\"id\":\"p\",\"version\":1,\"title\":\"t\",\"sources\":{\"s\":\"a source\"},\"rules\":{},"
    "\"resource_metadata\":[{\"field\":\"title\",\"optionality\":\"M\"}],\"resource_types\":{},\"update_rate\":0.1,"
    "\"industry\":{\"clusters\":[{\"name\":\"c\",\"source\":\"s\",\"chains\":[]}],\"free_text_prefix\":\"N:\"},"
    "\"certificates\":[],\"budget_sources\":[{\"id\":\"x\",\"name\":\"某来源\",\"source\":\"nowhere\"}]}";

  g_assert_no_error (error);
  names = reslib_profile_list_budget_sources (profile);
  g_assert_cmpuint (g_strv_length (names), ==, 3);
  g_assert_cmpstr (names[0], ==, "财政");
  g_assert_cmpstr (names[1], ==, "学校自筹");
  g_assert_cmpstr (names[2], ==, "行业企业");

  g_assert_cmpstr (reslib_profile_match_budget_source (profile, "财政"), ==, "财政");
  g_assert_cmpstr (reslib_profile_match_budget_source (profile, " 省级财政 "), ==, "财政");
  g_assert_cmpstr (reslib_profile_match_budget_source (profile, "GOVERNMENT"), ==, "财政");
  g_assert_cmpstr (reslib_profile_match_budget_source (profile, "government funds"), ==, "财政");
  g_assert_cmpstr (reslib_profile_match_budget_source (profile, "school"), ==, "学校自筹");
  g_assert_cmpstr (reslib_profile_match_budget_source (profile, "School Funds"), ==, "学校自筹");
  g_assert_cmpstr (reslib_profile_match_budget_source (profile, "enterprise"), ==, "行业企业");
  g_assert_null (reslib_profile_match_budget_source (profile, "企业捐赠"));
  g_assert_null (reslib_profile_match_budget_source (profile, "财政 学校自筹"));
  g_assert_null (reslib_profile_match_budget_source (profile, ""));
  g_assert_null (reslib_profile_match_budget_source (profile, NULL));

  /* Every source of the list is cited */
  {
    g_autoptr(ReslibProfile) broken = reslib_profile_load_data ("broken.json", bad_source, -1, &error);

    g_assert_null (broken);
    g_assert_error (error, RESLIB_ERROR, RESLIB_ERROR_BAD_FILE);
    g_assert_nonnull (strstr (error->message, "nowhere"));
  }
}

/* The findings of budget.source */
static GPtrArray *
source_findings (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ReslibProfile) profile = reslib_profile_load_default (&error);
  g_autoptr(ReslibValidator) validator = NULL;
  GPtrArray *found = g_ptr_array_new_with_free_func (g_object_unref);
  GListModel *findings;

  g_assert_no_error (error);
  validator = reslib_validator_new (f->store, f->project, profile);
  g_assert_true (reslib_job_run (RESLIB_JOB (validator), NULL, &error));
  g_assert_no_error (error);
  findings = reslib_validator_get_findings (validator);
  for (guint i = 0; i < g_list_model_get_n_items (findings); i++)
    {
      g_autoptr(ReslibFinding) finding = g_list_model_get_item (findings, i);

      if (g_str_equal (reslib_finding_get_rule (finding), "budget.source"))
        g_ptr_array_add (found, g_steal_pointer (&finding));
    }

  return found;
}

/* A source outside the list is a warning about that line's source; the list's names, ids and English names
 * are not. */
static void
test_rule (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(GPtrArray) breaking = source_findings (f);
  g_autoptr(GPtrArray) passing = NULL;
  ReslibFinding *finding;

  g_assert_cmpuint (breaking->len, ==, 1);
  finding = g_ptr_array_index (breaking, 0);
  g_assert_cmpint (reslib_finding_get_severity (finding), ==, RESLIB_SEVERITY_WARNING);
  g_assert_cmpstr (reslib_finding_get_subject_kind (finding), ==, "budget-line");
  g_assert_cmpstr (reslib_finding_get_subject_id (finding), ==, f->outside);
  g_assert_cmpstr (reslib_finding_get_subject_title (finding), ==, "资源建设");
  g_assert_cmpstr (reslib_finding_get_field (finding), ==, "source");
  g_assert_nonnull (strstr (reslib_finding_get_message (finding), "企业捐赠"));
  g_assert_nonnull (strstr (reslib_finding_get_message (finding), "行业企业"));

  /* Written with the English name of the list's source, it passes */
  reslib_test_update (f->store, RESLIB_KIND_BUDGET_LINE, f->outside, "source", "Enterprise Support");
  passing = source_findings (f);
  g_assert_cmpuint (passing->len, ==, 0);
}

/* The first line after @from that starts with @label and a space (pdftotext -layout indents tables), or NULL */
static const char *
line_of (const char *from,
         const char *label)
{
  for (const char *line = from; line != NULL && *line != '\0'; line = strchr (line, '\n'), line = line ? line + 1 : NULL)
    {
      const char *start = line;

      while (*start == ' ')
        start++;
      if (g_str_has_prefix (start, label) && start[strlen (label)] == ' ')
        return line;
    }

  return NULL;
}

/* The whitespace-separated words of that line */
static char **
words_of (const char *from,
          const char *label)
{
  const char *line = line_of (from, label);
  const char *end;
  g_autofree char *text = NULL;

  g_assert_nonnull (line);
  end = strchr (line, '\n');
  text = end != NULL ? g_strndup (line, end - line) : g_strdup (line);

  return g_regex_split_simple ("\\s+", g_strstrip (text), 0, 0);
}

/* The sum of @column over the lines that match @where, as the reports write money: "12,345.67" */
static char *
sql_sum (Fixture    *f,
         const char *column,
         const char *where)
{
  g_autofree char *sql = g_strdup_printf ("SELECT printf ('%%,d.%%02d', coalesce (sum (%s), 0) / 100, "
                                          "coalesce (sum (%s), 0) %% 100) FROM budget_lines WHERE %s",
                                          column, column, where);

  return reslib_test_sql_text (f->db_path, sql);
}

/* What the table by source must hold, row by row: the source, then planned, received and spent summed by SQL */
typedef struct
{
  const char *source;
  const char *where;
} SourceRow;

static const SourceRow source_rows[] = {
  { "财政", GOVERNMENT_SQL },
  { "学校自筹", "source = '学校自筹'" },
  { "行业企业", "source = '行业企业'" },    /* no line: the profile's source has its row, 0.00 */
  { "企业捐赠", "source = '企业捐赠'" },    /* outside the list: after the list's sources */
  { "合计", "1" },
};

/* 按资金来源汇总 in the dossier (planned, share) and the progress report (planned, share, received, spent) */
static void
test_report_pdf (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *pdftotext = g_find_program_in_path ("pdftotext");
  static const char * const kinds[] = { "dossier", "progress" };

  if (pdftotext == NULL)
    {
      g_test_skip ("pdftotext (poppler-utils) is needed");
      return;
    }
  for (guint k = 0; k < G_N_ELEMENTS (kinds); k++)
    {
      gboolean dossier = g_str_equal (kinds[k], "dossier");
      g_autofree char *name = g_strdup_printf ("%s.pdf", kinds[k]);
      g_autofree char *path = reslib_test_write_report (f->store, f->project, kinds[k], f->dir, name);
      g_autofree char *text = reslib_test_pdf_text (path);
      const char *table = strstr (text, "按资金来源汇总");
      const char *previous = NULL;

      g_assert_nonnull (table);
      for (guint r = 0; r < G_N_ELEMENTS (source_rows); r++)
        {
          g_auto(GStrv) words = words_of (table, source_rows[r].source);
          g_autofree char *planned = sql_sum (f, "amount_cents", source_rows[r].where);
          g_autofree char *received = sql_sum (f, "received_cents", source_rows[r].where);
          g_autofree char *spent = sql_sum (f, "spent_cents", source_rows[r].where);
          const char *row = line_of (table, source_rows[r].source);
          g_autofree char *shown = g_strjoinv (" ", words);

          g_test_message ("%s: %s", kinds[k], shown);
          g_assert_cmpuint (g_strv_length (words), ==, dossier ? 3 : 6);
          g_assert_cmpstr (words[1], ==, planned);
          if (!dossier)
            {
              g_assert_cmpstr (words[3], ==, received);
              g_assert_cmpstr (words[4], ==, spent);
            }
          /* in the profile's order, then the others */
          g_assert_true (row > previous);
          previous = row;
        }
      /* No line of the table is a name the profile counts under another */
      {
        const char *end = line_of (table, "合计");

        g_assert_null (g_strstr_len (table, end - table, "省级财政"));
        g_assert_null (g_strstr_len (table, end - table, "government"));
      }
      /* the shares: government's part of the whole */
      {
        g_autofree char *share = reslib_test_sql_text (f->db_path,
                                                       "SELECT printf ('%.1f%%', (SELECT sum (amount_cents) FROM "
                                                       "budget_lines WHERE " GOVERNMENT_SQL ") * 100.0 / "
                                                       "sum (amount_cents)) FROM budget_lines");
        g_auto(GStrv) words = words_of (table, "财政");

        g_assert_cmpstr (words[2], ==, share);
      }
    }
}


/* The same table in the Word documents: the same content model */
static void
test_report_docx (Fixture       *f,
                  gconstpointer  data)
{
  static const char * const kinds[] = { "dossier", "progress" };

  for (guint k = 0; k < G_N_ELEMENTS (kinds); k++)
    {
      gboolean dossier = g_str_equal (kinds[k], "dossier");
      g_autofree char *name = g_strdup_printf ("%s.docx", kinds[k]);
      g_autofree char *path = reslib_test_write_report (f->store, f->project, kinds[k], f->dir, name);
      g_autoptr(JsonNode) doc = reslib_test_read_docx (path);
      JsonArray *tables;
      JsonArray *rows = NULL;

      if (doc == NULL)
        return;
      tables = json_object_get_array_member (json_node_get_object (doc), "tables");
      for (guint i = 0; rows == NULL && i < json_array_get_length (tables); i++)
        {
          JsonArray *t = json_object_get_array_member (json_array_get_object_element (tables, i), "rows");

          if (g_strcmp0 (json_array_get_string_element (json_array_get_array_element (t, 0), 0), "资金来源") == 0)
            rows = t;
        }
      g_assert_nonnull (rows);
      /* the heading row, then the sources in order */
      g_assert_cmpuint (json_array_get_length (rows), ==, G_N_ELEMENTS (source_rows) + 1);
      for (guint r = 0; r < G_N_ELEMENTS (source_rows); r++)
        {
          JsonArray *row = json_array_get_array_element (rows, r + 1);
          g_autofree char *planned = sql_sum (f, "amount_cents", source_rows[r].where);
          g_autofree char *received = sql_sum (f, "received_cents", source_rows[r].where);
          g_autofree char *spent = sql_sum (f, "spent_cents", source_rows[r].where);

          g_assert_cmpuint (json_array_get_length (row), ==, dossier ? 3 : 6);
          g_assert_cmpstr (json_array_get_string_element (row, 0), ==, source_rows[r].source);
          g_assert_cmpstr (json_array_get_string_element (row, 1), ==, planned);
          if (!dossier)
            {
              g_assert_cmpstr (json_array_get_string_element (row, 3), ==, received);
              g_assert_cmpstr (json_array_get_string_element (row, 4), ==, spent);
            }
        }
    }
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  reslib_core_init ();

  g_test_add_func ("/budget/profile-list", test_profile_list);
  g_test_add ("/budget/source-rule", Fixture, NULL, fixture_setup, test_rule, fixture_teardown);
  g_test_add ("/budget/report-pdf", Fixture, NULL, fixture_setup, test_report_pdf, fixture_teardown);
  g_test_add ("/budget/report-docx", Fixture, NULL, fixture_setup, test_report_docx, fixture_teardown);

  return g_test_run ();
}
