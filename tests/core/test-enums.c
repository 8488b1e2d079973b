/* test-enums.c — the fixed value lists: GEnum nicks, the CHECK lists of a new store's schema, the labels
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <locale.h>
#include <string.h>

#include "reslib-enums.h"
#include "reslib-report.h"
#include "reslib-statement.h"
#include "reslib-test-utils.h"

typedef struct
{
  const char         *table;
  const char         *column;
  GType             (*get_type) (void);
  const char * const *nicks;
} Column;

/* Every column of the schema whose values are a fixed list, and the enum that holds the list. */
static const Column columns[] = {
  { "projects", "level", reslib_project_level_get_type, reslib_project_level_nicks },
  { "project_majors", "role", reslib_major_role_get_type, reslib_major_role_nicks },
  { "units", "kind", reslib_unit_kind_get_type, reslib_unit_kind_nicks },
  { "units", "role", reslib_unit_role_get_type, reslib_unit_role_nicks },
  { "courses", "kind", reslib_course_kind_get_type, reslib_course_kind_nicks },
  { "course_nodes", "kind", reslib_node_kind_get_type, reslib_node_kind_nicks },
  { "resources", "type", reslib_resource_type_get_type, reslib_resource_type_nicks },
  { "resources", "origin", reslib_resource_origin_get_type, reslib_resource_origin_nicks },
  { "resources", "state", reslib_resource_state_get_type, reslib_resource_state_nicks },
  { "declarations", "kind", reslib_declaration_kind_get_type, reslib_declaration_kind_nicks },
  { "submissions", "kind", reslib_package_kind_get_type, reslib_package_kind_nicks },
  { "package_builds", "kind", reslib_package_kind_get_type, reslib_package_kind_nicks },
  { "conflicts", "resolution", reslib_conflict_choice_get_type, reslib_conflict_choice_nicks },
  { "project_roles", "role", reslib_project_role_get_type, reslib_project_role_nicks },
  { "submissions", "source", reslib_submission_source_get_type, reslib_submission_source_nicks },
  { "targets", "kind", reslib_target_kind_get_type, reslib_target_kind_nicks },
  { "targets", "resource_type", reslib_resource_type_get_type, reslib_resource_type_nicks },
  { "members", "leader", reslib_yes_no_get_type, reslib_yes_no_nicks },
  { "members", "dual_qualified", reslib_yes_no_get_type, reslib_yes_no_nicks },
  { "members", "enterprise", reslib_yes_no_get_type, reslib_yes_no_nicks },
  { "review_decisions", "decision", reslib_review_verdict_get_type, reslib_review_verdict_nicks },
  { "project_texts", "section", reslib_text_section_get_type, reslib_text_section_nicks },
  { "evidence", "section", reslib_text_section_get_type, reslib_text_section_nicks },
  { "resource_tags", "tag", reslib_tag_get_type, reslib_tag_nicks },
  { "course_tags", "tag", reslib_tag_get_type, reslib_tag_nicks },
  { "resources", "document", reslib_resource_document_get_type, reslib_resource_document_nicks },
};

/* The nicks of @type's values, in the order of their values, as one string "a, b, c". */
static char *
enum_nicks (GType type)
{
  g_autoptr(GEnumClass) klass = g_type_class_ref (type);
  g_autoptr(GStrvBuilder) nicks = g_strv_builder_new ();
  g_auto(GStrv) strv = NULL;

  for (guint i = 0; i < klass->n_values; i++)
    {
      g_assert_cmpint (klass->values[i].value, ==, i);
      g_strv_builder_add (nicks, klass->values[i].value_nick);
    }
  strv = g_strv_builder_end (nicks);

  return g_strjoinv (", ", strv);
}

/* The generated lists of nicks are the GEnums' nicks, indexed by value. */
static void
test_nick_lists (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (columns); i++)
    {
      g_autofree char *from_type = enum_nicks (columns[i].get_type ());
      g_autofree char *from_list = g_strjoinv (", ", (char **) columns[i].nicks);

      g_assert_cmpstr (from_list, ==, from_type);
    }
}

/* The typed conversions between values and the stored words. */
static void
test_to_from_nick (void)
{
  ReslibResourceState state = RESLIB_RESOURCE_STATE_DRAFT;

  g_assert_true (reslib_resource_state_from_nick ("in-review", &state));
  g_assert_cmpint (state, ==, RESLIB_RESOURCE_STATE_IN_REVIEW);
  g_assert_false (reslib_resource_state_from_nick ("In review", &state));
  g_assert_false (reslib_resource_state_from_nick (NULL, &state));
  g_assert_cmpint (state, ==, RESLIB_RESOURCE_STATE_IN_REVIEW);
  g_assert_cmpstr (reslib_unit_kind_to_nick (RESLIB_UNIT_KIND_HIGHER_VOCATIONAL), ==, "higher-vocational");
  g_assert_cmpstr (reslib_declaration_kind_to_nick (RESLIB_DECLARATION_KIND_IP), ==, "ip");
}

/* The list the report code checks a kind against is the report kinds' nicks. */
static void
test_report_kinds (void)
{
  g_autofree char *from_type = enum_nicks (RESLIB_TYPE_REPORT_KIND);
  g_autofree char *from_list = g_strjoinv (", ", (char **) reslib_report_kinds);
  g_autofree char *nicks = g_strjoinv (", ", (char **) reslib_report_kind_nicks);

  g_assert_cmpstr (from_list, ==, from_type);
  g_assert_cmpstr (nicks, ==, from_type);
}

static const Column *
find_column (const char *table,
             const char *column)
{
  for (guint i = 0; i < G_N_ELEMENTS (columns); i++)
    if (g_str_equal (columns[i].table, table) && g_str_equal (columns[i].column, column))
      return &columns[i];

  return NULL;
}

/* "'a', 'b',\n  'c'" → "a, b, c" */
static char *
normalize_list (const char *list)
{
  g_auto(GStrv) items = g_strsplit (list, ",", -1);

  for (guint i = 0; items[i] != NULL; i++)
    {
      char *item = g_strstrip (items[i]);
      gsize len = strlen (item);

      g_assert_true (len >= 2 && item[0] == '\'' && item[len - 1] == '\'');
      item[len - 1] = '\0';
      memmove (items[i], item + 1, len - 1);
    }

  return g_strjoinv (", ", items);
}

/* Every CHECK (column IN (…)) of a new store's live schema (all migrations run) allows exactly the
 * nicks of its enum, in the same order, and every enum of the table above has its CHECK. */
static void
test_schema_check_lists (void)
{
  g_autofree char *dir = reslib_test_make_tmp_dir ("reslib-enums-XXXXXX");
  g_autoptr(ReslibStore) store = reslib_test_open_store (dir);
  g_autoptr(GError) error = NULL;
  g_autoptr(ReslibStatement) stmt = NULL;
  g_autoptr(GRegex) check = g_regex_new ("CHECK\\s*\\(\\s*(\\w+)\\s+IN\\s*\\(([^)]*)\\)\\s*\\)", G_REGEX_DOTALL, 0, &error);
  g_autoptr(GHashTable) seen = g_hash_table_new (NULL, NULL);
  guint n_checks = 0;

  g_assert_no_error (error);
  stmt = reslib_statement_new (store, "SELECT name, sql FROM sqlite_master WHERE type = 'table' AND sql IS NOT NULL", &error);
  g_assert_no_error (error);
  while (reslib_statement_step (stmt, &error))
    {
      const char *table = reslib_statement_get_text (stmt, 0);
      g_autoptr(GMatchInfo) match = NULL;

      g_regex_match (check, reslib_statement_get_text (stmt, 1), 0, &match);
      for (; g_match_info_matches (match); g_match_info_next (match, NULL))
        {
          g_autofree char *column = g_match_info_fetch (match, 1);
          g_autofree char *list = g_match_info_fetch (match, 2);
          g_autofree char *allowed = normalize_list (list);
          const Column *c = find_column (table, column);
          g_autofree char *nicks = NULL;

          g_test_message ("%s.%s: %s", table, column, allowed);
          if (c == NULL)
            g_error ("%s.%s has a fixed list of values (%s) but no enum in reslib-enums.h", table, column, allowed);
          nicks = enum_nicks (c->get_type ());
          g_assert_cmpstr (allowed, ==, nicks);
          g_hash_table_add (seen, (gpointer) c);
          n_checks++;
        }
    }
  g_assert_no_error (error);

  g_assert_cmpuint (n_checks, ==, G_N_ELEMENTS (columns));
  g_assert_cmpuint (g_hash_table_size (seen), ==, G_N_ELEMENTS (columns));
  g_clear_pointer (&stmt, reslib_statement_free);
  g_clear_object (&store);
  reslib_test_rm_rf (dir);
}

/* Every value of the lists with labels has one of its own, and the reports' terms are Chinese. */
static void
test_labels (void)
{
  static const struct
  {
    const char * const *nicks;
    const char       *(*label) (const char *value);
    const char       *(*document) (const char *value);
  } lists[] = {
    { reslib_resource_type_nicks, reslib_label_resource_type, reslib_label_resource_type_document },
    { reslib_resource_state_nicks, reslib_label_resource_state, NULL },
    { reslib_unit_kind_nicks, reslib_label_unit_kind, reslib_label_unit_kind_document },
    { reslib_major_role_nicks, reslib_label_major_role, NULL },
    { reslib_project_level_nicks, reslib_label_project_level, reslib_label_project_level_document },
    { reslib_target_kind_nicks, reslib_label_target_kind, reslib_label_target_kind_document },
  };

  for (guint i = 0; i < G_N_ELEMENTS (lists); i++)
    {
      g_autoptr(GHashTable) labels = g_hash_table_new (g_str_hash, g_str_equal);

      for (guint j = 0; lists[i].nicks[j] != NULL; j++)
        {
          const char *nick = lists[i].nicks[j];
          const char *label = lists[i].label (nick);

          g_assert_cmpstr (label, !=, nick);
          g_assert_true (g_hash_table_add (labels, (gpointer) label));
          if (lists[i].document != NULL)
            g_assert_false (g_str_is_ascii (lists[i].document (nick)));
        }
      /* A value this version does not know is shown as it is. */
      g_assert_cmpstr (lists[i].label ("from-a-newer-version"), ==, "from-a-newer-version");
      g_assert_cmpstr (lists[i].label (NULL), ==, "");
    }
  g_assert_cmpstr (reslib_label_resource_state ("in-review"), ==, "In review");
  g_assert_cmpstr (reslib_label_unit_kind_document ("research"), ==, "科研院所");
  g_assert_cmpstr (reslib_label_project_field ("contact_email"), ==, "Contact email");
}

/* Every kind of record has a name of its own for lists and columns, capitalised, unlike the one for sentences. */
static void
test_kind_labels (void)
{
  g_autoptr(GHashTable) labels = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint k = 0; k < RESLIB_N_KINDS; k++)
    {
      const char *label = reslib_label_kind (k);

      g_assert_true (g_ascii_isupper (label[0]));
      g_assert_cmpstr (label, !=, reslib_kind_to_display (k));
      g_assert_true (g_hash_table_add (labels, (gpointer) label));
    }
  g_assert_cmpstr (reslib_label_kind (RESLIB_KIND_RESOURCE), ==, "Resource");
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/enums/nick-lists", test_nick_lists);
  g_test_add_func ("/enums/to-from-nick", test_to_from_nick);
  g_test_add_func ("/enums/report-kinds", test_report_kinds);
  g_test_add_func ("/enums/schema-check-lists", test_schema_check_lists);
  g_test_add_func ("/enums/labels", test_labels);
  g_test_add_func ("/enums/kind-labels", test_kind_labels);

  return g_test_run ();
}
