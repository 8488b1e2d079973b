/* test-cli-target.c — `reslib target set|list|remove`, `usage`, and `member set`, `course set`, `budget`,
 * `milestone`, `evidence`: the real binary in a temporary data folder
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <json-glib/json-glib.h>
#include <locale.h>
#include <string.h>
#include <sys/wait.h>

#include "reslib-cli-test.h"
#include "reslib-test-utils.h"

typedef ReslibCliFixture Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  reslib_cli_fixture_setup (f, "reslib-cli-target-XXXXXX");
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  reslib_cli_fixture_teardown (f);
}

static void
test_set_list_remove (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *project = NULL, *course = NULL, *course_arg = NULL, *list = NULL, *json = NULL, *zh = NULL;
  g_autofree char *first = NULL, *again = NULL, *file = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonArray *array;
  JsonObject *o;

  project = cli_ok_id (f, "project", "new", "--name", "目标", "--core-major=460103:数控技术", NULL);
  course = cli_ok_id (f, "course", "add", project, "--title", "数控编程", NULL);
  file = reslib_test_write_file (f->dir, "习题.txt", "1+1=?\n", -1);
  g_assert_cmpint (cli_run (f, NULL, NULL, "resource", "add", project, file, "--type", "exercise", NULL), ==, 0);

  first = cli_ok_id (f, "target", "set", project, "questions", "200", "--note=任务书", NULL);
  again = cli_ok_id (f, "target", "set", project, "questions", "400", NULL);
  g_assert_cmpstr (first, ==, again);
  course_arg = g_strdup_printf ("course-resources:%.8s", course);
  g_free (cli_ok_id (f, "target", "set", project, course_arg, "3", NULL));
  g_free (cli_ok_id (f, "target", "set", project, "resource-type:exercise", "4", NULL));
  g_free (cli_ok_id (f, "target", "set", project, "personal-courses", "2", NULL));

  /* usage errors: a bad kind, a subject where none belongs, no number, a course that is not there */
  g_assert_cmpint (cli_run (f, NULL, NULL, "target", "set", project, "videos", "3", NULL), ==, 2);
  g_assert_cmpint (cli_run (f, NULL, NULL, "target", "set", project, "questions:video", "3", NULL), ==, 2);
  g_assert_cmpint (cli_run (f, NULL, NULL, "target", "set", project, "questions", "many", NULL), ==, 2);
  g_assert_cmpint (cli_run (f, NULL, NULL, "target", "set", project, "course-resources:ffffffff", "3", NULL), ==, 2);

  g_assert_cmpint (cli_run (f, NULL, &list, "target", "list", project, NULL), ==, 0);
  g_assert_nonnull (strstr (list, "TARGET"));
  g_assert_nonnull (strstr (list, "Question bank size"));
  g_assert_nonnull (strstr (list, "Resources of a type: Exercise"));
  g_assert_nonnull (strstr (list, "Resources of a course: 数控编程"));
  g_assert_null (strstr (list, "not counted"));   /* personalised courses are counted (schema 12) */

  g_assert_cmpint (cli_run (f, NULL, &json, "target", "list", project, "--json", NULL), ==, 0);
  g_assert_true (json_parser_load_from_data (parser, json, -1, NULL));
  array = json_node_get_array (json_parser_get_root (parser));
  g_assert_cmpuint (json_array_get_length (array), ==, 4);
  o = json_array_get_object_element (array, 0);
  g_assert_cmpstr (json_object_get_string_member (o, "kind"), ==, "resource-type");
  g_assert_cmpint (json_object_get_int_member (o, "actual"), ==, 1);
  g_assert_cmpint (json_object_get_int_member (o, "percent"), ==, 25);
  o = json_array_get_object_element (array, 2);
  g_assert_cmpstr (json_object_get_string_member (o, "kind"), ==, "questions");
  g_assert_cmpint (json_object_get_int_member (o, "planned"), ==, 400);
  g_assert_cmpstr (json_object_get_string_member (o, "note"), ==, "任务书");
  o = json_array_get_object_element (array, 3);
  g_assert_cmpstr (json_object_get_string_member (o, "kind"), ==, "personal-courses");
  g_assert_cmpint (json_object_get_int_member (o, "actual"), ==, 0);

  if (cli_run (f, "zh_CN", &zh, "target", "list", project, NULL) == 0 && strstr (zh, "题库题量") != NULL)
    {
      g_assert_nonnull (strstr (zh, "计划数"));
      g_assert_null (strstr (zh, "TARGET"));
    }
  else
    g_test_message ("the zh_CN.UTF-8 locale is missing: the Chinese table is not checked");

  g_assert_cmpint (cli_run (f, NULL, NULL, "target", "remove", project, "questions", NULL), ==, 0);
  g_assert_cmpint (cli_run (f, NULL, NULL, "target", "remove", project, "questions", NULL), ==, 2);
  g_clear_pointer (&json, g_free);
  g_assert_cmpint (cli_run (f, NULL, &json, "target", "list", project, "--json", NULL), ==, 0);
  g_assert_null (strstr (json, "questions"));
}

/* reslib member set, course set, budget add|set|list: the fields the application needs, references given by
 * the start of their ids, amounts in yuan; bad values refused with nothing written. */
static void
test_records (Fixture       *f,
              gconstpointer  data)
{
  g_autofree char *project = NULL, *unit = NULL, *member = NULL, *course = NULL, *line = NULL, *other = NULL;
  g_autofree char *member_arg = NULL, *lead = NULL, *json = NULL, *list = NULL, *zh = NULL, *db = NULL;
  g_autofree char *value = NULL, *sql = NULL, *unit_arg = NULL;

  project = cli_ok_id (f, "project", "new", "--name", "申报", "--core-major=460103:数控技术", NULL);
  unit = cli_ok_id (f, "unit", "add", project, "--name=河南工业职业技术学院", "--kind=higher-vocational", "--role=host", NULL);
  unit_arg = g_strdup_printf ("--unit=%s", unit);
  member = cli_ok_id (f, "member", "add", project, unit_arg, "--name=李明", NULL);
  course = cli_ok_id (f, "course", "add", project, "--title=数控编程", "--kind=personalised", NULL);
  db = g_build_filename (f->data_dir, "library.db", NULL);

  g_assert_cmpint (cli_run (f, NULL, NULL, "member", "set", member, "leader=yes", "dual_qualified=yes", "birth_year=1978",
                        "office=院长", NULL), ==, 0);
  member_arg = g_strdup_printf ("lead_member_id=%.8s", member);
  g_assert_cmpint (cli_run (f, NULL, NULL, "course", "set", course, "kind=standardized", "code=460103-01", "hours=64",
                        "credits=3.5", member_arg, "url=https://www.icve.com.cn/c/1", NULL), ==, 0);
  sql = g_strdup_printf ("SELECT leader || dual_qualified || enterprise || birth_year || office FROM members "
                         "WHERE id = '%s'", member);
  value = reslib_test_sql_text (db, sql);
  g_assert_cmpstr (value, ==, "yesyesno1978院长");
  g_clear_pointer (&sql, g_free);
  g_clear_pointer (&value, g_free);
  sql = g_strdup_printf ("SELECT kind || ' ' || code || ' ' || hours || ' ' || credits || ' ' || lead_member_id "
                         "FROM courses WHERE id = '%s'", course);
  value = reslib_test_sql_text (db, sql);
  lead = g_strdup_printf ("standardized 460103-01 64 3.5 %s", member);
  g_assert_cmpstr (value, ==, lead);

  /* Refused, all or nothing: a kind, credits, a year of birth, a member that is not there */
  g_assert_cmpint (cli_run (f, NULL, NULL, "course", "set", course, "hours=32", "kind=structured", NULL), !=, 0);
  g_assert_cmpint (cli_run (f, NULL, NULL, "course", "set", course, "credits=3.25", NULL), !=, 0);
  g_assert_cmpint (cli_run (f, NULL, NULL, "course", "set", course, "lead_member_id=ffffffff", NULL), !=, 0);
  g_assert_cmpint (cli_run (f, NULL, NULL, "member", "set", member, "birth_year=78", NULL), !=, 0);
  g_assert_cmpint (cli_run (f, NULL, NULL, "member", "set", member, "leader=maybe", NULL), !=, 0);
  g_clear_pointer (&value, g_free);
  value = reslib_test_sql_text (db, sql);
  g_assert_cmpstr (value, ==, lead);

  line = cli_ok_id (f, "budget", "add", project, "source=财政", "category=资源建设", "year=2027", NULL);
  other = cli_ok_id (f, "budget", "add", project, "source=行业企业", "category=平台", "planned=50000.5", NULL);
  g_assert_cmpint (cli_run (f, NULL, NULL, "budget", "set", line, "planned=200000", "received=150000", "spent=120000.25",
                        NULL), ==, 0);
  g_assert_cmpint (cli_run (f, NULL, NULL, "budget", "set", line, "spent=12,0.5.0", NULL), !=, 0);
  g_assert_cmpint (cli_run (f, NULL, NULL, "budget", "set", line, "year=27", NULL), !=, 0);
  g_assert_cmpint (cli_run (f, NULL, NULL, "budget", "add", project, "category=平台", NULL), !=, 0);
  g_clear_pointer (&sql, g_free);
  g_clear_pointer (&value, g_free);
  sql = g_strdup_printf ("SELECT year || ' ' || amount_cents || ' ' || received_cents || ' ' || spent_cents "
                         "FROM budget_lines WHERE id = '%s'", line);
  value = reslib_test_sql_text (db, sql);
  g_assert_cmpstr (value, ==, "2027 20000000 15000000 12000025");

  g_assert_cmpint (cli_run (f, NULL, &list, "budget", "list", project, NULL), ==, 0);
  g_assert_nonnull (strstr (list, "SPENT/RECEIVED"));
  g_assert_nonnull (strstr (list, "80.0%"));          /* 120000.25 of 150000 */
  g_assert_nonnull (strstr (list, "250000.50"));      /* planned in all */
  g_assert_cmpint (cli_run (f, NULL, &json, "budget", "list", project, "--json", NULL), ==, 0);
  g_assert_nonnull (strstr (json, "\"received_cents\":15000000"));
  if (cli_run (f, "zh_CN", &zh, "budget", "list", project, NULL) == 0 && strstr (zh, "执行率") != NULL)
    {
      g_assert_null (strstr (zh, "SPENT"));
      /* money, not a count as a target's planned number (计划数) */
      g_assert_nonnull (strstr (zh, "计划金额"));
      g_assert_null (strstr (zh, "计划数"));
    }
  else
    g_test_message ("the zh_CN.UTF-8 locale is missing: the Chinese table is not checked");
}

/* reslib budget add|set take the profile's sources of funds by name, id or other name and store the name; a
 * source outside the list is stored as written and `validate` warns of it (budget.source); `budget sources`
 * lists the sources with their citations. */
static void
test_budget_sources (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *project = NULL, *line = NULL, *other = NULL, *db = NULL, *value = NULL, *out = NULL, *json = NULL;
  g_autofree char *zh = NULL, *findings = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonArray *list;

  project = cli_ok_id (f, "project", "new", "--name", "经费", "--core-major=460103:数控技术", NULL);
  db = g_build_filename (f->data_dir, "library.db", NULL);
  line = cli_ok_id (f, "budget", "add", project, "source=school", "category=资源建设", NULL);
  other = cli_ok_id (f, "budget", "add", project, "source=某基金会", "category=平台", NULL);
  g_free (cli_ok_id (f, "budget", "add", project, "source=Government Funds", "category=培训", NULL));
  value = reslib_test_sql_text (db, "SELECT group_concat (source, ' ') FROM (SELECT source FROM budget_lines "
                                    "ORDER BY category)");
  g_assert_cmpstr (value, ==, "财政 某基金会 学校自筹");   /* 培训, 平台, 资源建设 */

  /* One warning, for the line outside the list; set by the list's id, the line passes */
  g_assert_cmpint (cli_run (f, NULL, &findings, "validate", project, "--json", NULL), !=, 2);
  {
    g_auto(GStrv) parts = g_strsplit (findings, "\"rule\":\"budget.source\"", -1);

    g_assert_cmpuint (g_strv_length (parts), ==, 2);
  }
  g_assert_cmpint (cli_run (f, NULL, NULL, "budget", "set", other, "source=enterprise", NULL), ==, 0);
  g_clear_pointer (&findings, g_free);
  g_assert_cmpint (cli_run (f, NULL, &findings, "validate", project, "--json", NULL), !=, 2);
  g_assert_null (strstr (findings, "budget.source"));
  g_clear_pointer (&value, g_free);
  value = reslib_test_sql_text (db, "SELECT group_concat (source, ' ') FROM (SELECT source FROM budget_lines "
                                    "ORDER BY category)");
  g_assert_cmpstr (value, ==, "财政 行业企业 学校自筹");

  g_assert_cmpint (cli_run (f, NULL, &out, "budget", "sources", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "SOURCE OF FUNDS"));
  g_assert_nonnull (strstr (out, "财政"));
  g_assert_nonnull (strstr (out, "省级财政"));
  g_assert_nonnull (strstr (out, "学校自筹"));
  g_assert_nonnull (strstr (out, "行业企业"));
  g_assert_nonnull (strstr (out, "建设资金"));      /* the work plan's section it comes from */
  g_assert_cmpint (cli_run (f, NULL, &json, "budget", "sources", "--json", NULL), ==, 0);
  g_assert_true (json_parser_load_from_data (parser, json, -1, NULL));
  list = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)), "budget_sources");
  g_assert_cmpuint (json_array_get_length (list), ==, 3);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (list, 1), "id"), ==, "school");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (list, 1), "name"), ==, "学校自筹");
  g_assert_cmpint (cli_run (f, NULL, NULL, "budget", "sources", "extra", NULL), ==, 2);
  if (cli_run (f, "zh_CN", &zh, "budget", "sources", NULL) == 0 && strstr (zh, "资金来源") != NULL)
    g_assert_null (strstr (zh, "SOURCE OF FUNDS"));
  else
    g_test_message ("the zh_CN.UTF-8 locale is missing: the Chinese table is not checked");
}

/* reslib milestone add|set|list: the build plan's steps with their deliverables, quantities and evidence links;
 * a bad date or quantity refused with nothing written. */
static void
test_milestones (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *project = NULL, *first = NULL, *second = NULL, *db = NULL, *sql = NULL, *value = NULL;
  g_autofree char *list = NULL, *json = NULL, *zh = NULL;

  project = cli_ok_id (f, "project", "new", "--name", "进度", "--core-major=460103:数控技术", NULL);
  db = g_build_filename (f->data_dir, "library.db", NULL);
  second = cli_ok_id (f, "milestone", "add", project, "title=中期检查", "due_date=2027-12-31", NULL);
  first = cli_ok_id (f, "milestone", "add", project, "title=建成首批课程", "due_date=2027-06-30", "deliverable=标准化课程", NULL);
  g_assert_cmpint (cli_run (f, NULL, NULL, "milestone", "set", first, "quantity=3", "done_date=2027-06-20",
                        "evidence_url=https://www.icve.com.cn/c/1", NULL), ==, 0);
  g_assert_cmpint (cli_run (f, NULL, NULL, "milestone", "set", first, "quantity=-1", NULL), !=, 0);
  g_assert_cmpint (cli_run (f, NULL, NULL, "milestone", "set", first, "quantity=2", "done_date=2027-13-01", NULL), !=, 0);
  g_assert_cmpint (cli_run (f, NULL, NULL, "milestone", "add", project, "deliverable=无题", NULL), !=, 0);
  sql = g_strdup_printf ("SELECT title || ' ' || deliverable || ' ' || quantity || ' ' || done_date || ' ' || evidence_url "
                         "FROM milestones WHERE id = '%s'", first);
  value = reslib_test_sql_text (db, sql);
  g_assert_cmpstr (value, ==, "建成首批课程 标准化课程 3 2027-06-20 https://www.icve.com.cn/c/1");
  g_clear_pointer (&value, g_free);
  value = reslib_test_sql_text (db, "SELECT count (*) FROM milestones");
  g_assert_cmpstr (value, ==, "2");

  /* by due date: the first before the second */
  g_assert_cmpint (cli_run (f, NULL, &list, "milestone", "list", project, NULL), ==, 0);
  g_assert_nonnull (strstr (list, "DELIVERABLE"));
  g_assert_nonnull (strstr (list, "标准化课程"));
  g_assert_nonnull (strstr (list, "建成首批课程"));
  g_assert_nonnull (strstr (list, "中期检查"));
  g_assert_true (strstr (list, "建成首批课程") < strstr (list, "中期检查"));
  g_assert_cmpint (cli_run (f, NULL, &json, "milestone", "list", project, "--json", NULL), ==, 0);
  g_assert_nonnull (strstr (json, "\"quantity\":3"));
  if (cli_run (f, "zh_CN", &zh, "milestone", "list", project, NULL) == 0 && strstr (zh, "建设成果") != NULL)
    g_assert_null (strstr (zh, "DELIVERABLE"));
  else
    g_test_message ("the zh_CN.UTF-8 locale is missing: the Chinese table is not checked");
}

/* reslib evidence add|list|remove: files of evidence for a milestone, a budget line and the project, copied into the
 * store and listed in the evidence index's order; a file for two records, a missing file and another project's
 * milestone refused with nothing written; removed by a prefix of the id. */
static void
test_evidence (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *project = NULL, *other = NULL, *milestone = NULL, *other_milestone = NULL, *line = NULL;
  g_autofree char *report = NULL, *plan = NULL, *receipt = NULL, *missing = NULL, *m_arg = NULL, *other_arg = NULL;
  g_autofree char *l_arg = NULL, *first = NULL, *second = NULL, *third = NULL, *db = NULL, *value = NULL;
  g_autofree char *list = NULL, *json = NULL, *zh = NULL, *prefix = NULL, *blob = NULL;
  g_autofree char *target = NULL, *t_arg = NULL, *fourth = NULL;

  project = cli_ok_id (f, "project", "new", "--name", "佐证", "--core-major=460103:数控技术", NULL);
  other = cli_ok_id (f, "project", "new", "--name", "别的", "--core-major=460103:数控技术", NULL);
  db = g_build_filename (f->data_dir, "library.db", NULL);
  milestone = cli_ok_id (f, "milestone", "add", project, "title=中期检查", "due_date=2027-12-31", NULL);
  other_milestone = cli_ok_id (f, "milestone", "add", other, "title=别的里程碑", NULL, NULL);
  line = cli_ok_id (f, "budget", "add", project, "source=财政", "category=资源开发", NULL);
  report = reslib_test_write_file (f->dir, "中期检查报告.pdf", "%PDF-1.4 中期检查", -1);
  plan = reslib_test_write_file (f->dir, "建设方案.pdf", "%PDF-1.4 建设方案", -1);
  receipt = reslib_test_write_file (f->dir, "到账凭证.pdf", "%PDF-1.4 到账", -1);
  missing = g_build_filename (f->dir, "不存在.pdf", NULL);
  m_arg = g_strdup_printf ("--milestone=%s", milestone);
  l_arg = g_strdup_printf ("--budget-line=%s", line);
  other_arg = g_strdup_printf ("--milestone=%s", other_milestone);

  first = cli_ok_id (f, "evidence", "add", project, report, "--title=中期检查意见", m_arg, NULL);
  second = cli_ok_id (f, "evidence", "add", project, receipt, l_arg, NULL);
  third = cli_ok_id (f, "evidence", "add", project, plan, NULL, NULL);
  g_assert_cmpint (cli_run (f, NULL, NULL, "evidence", "add", project, plan, m_arg, l_arg, NULL), !=, 0);
  g_assert_cmpint (cli_run (f, NULL, NULL, "evidence", "add", project, missing, NULL), !=, 0);
  g_assert_cmpint (cli_run (f, NULL, NULL, "evidence", "add", project, plan, other_arg, NULL), !=, 0);
  g_assert_cmpint (cli_run (f, NULL, NULL, "evidence", "add", project, NULL), !=, 0);
  value = reslib_test_sql_text (db, "SELECT count (*) FROM evidence");
  g_assert_cmpstr (value, ==, "3");
  g_clear_pointer (&value, g_free);
  value = reslib_test_sql_text (db, "SELECT group_concat (title || '|' || file_name || '|' || "
                                    "coalesce (milestone_id, budget_line_id, '-'), ' ') FROM "
                                    "(SELECT * FROM evidence ORDER BY position)");
  {
    g_autofree char *expected = g_strdup_printf ("中期检查意见|中期检查报告.pdf|%s 到账凭证.pdf|到账凭证.pdf|%s "
                                                 "建设方案.pdf|建设方案.pdf|-", milestone, line);
    g_assert_cmpstr (value, ==, expected);
  }
  /* the file is in the store */
  g_clear_pointer (&value, g_free);
  blob = g_strdup_printf ("SELECT b.size FROM evidence e JOIN blobs b ON b.sha256 = e.blob_sha256 WHERE e.id = '%s'",
                          first);
  value = reslib_test_sql_text (db, blob);
  g_assert_cmpstr (value, ==, "21");

  /* A target's evidence is listed with the target's kind as people read it, not as the store keeps it */
  target = cli_ok_id (f, "target", "set", project, "resource-type:video", "10", NULL);
  t_arg = g_strdup_printf ("--target=%s", target);
  fourth = cli_ok_id (f, "evidence", "add", project, plan, "--title=视频清单", t_arg, NULL);
  /* A narrative section's: by its name as `reslib text` has it; an unknown section, or a section with a record,
   * adds nothing */
  g_free (cli_ok_id (f, "evidence", "add", project, plan, "--title=实训基地照片", "--section=foundation", NULL));
  g_assert_cmpint (cli_run (f, NULL, NULL, "evidence", "add", project, plan, "--section=preface", NULL), !=, 0);
  g_assert_cmpint (cli_run (f, NULL, NULL, "evidence", "add", project, plan, "--section=audit", m_arg, NULL), ==, 2);

  /* The index's order: the project's, the milestones', the budget lines' */
  g_assert_cmpint (cli_run (f, NULL, &list, "evidence", "list", project, NULL), ==, 0);
  g_assert_nonnull (strstr (list, "中期检查意见  (中期检查报告.pdf)  for milestone: 中期检查"));
  g_assert_nonnull (strstr (list, "for budget line: 资源开发"));
  g_assert_nonnull (strstr (list, "建设方案.pdf  (建设方案.pdf)  for the project"));
  g_assert_nonnull (strstr (list, "视频清单  (建设方案.pdf)  for target: Resources of a type: Video\n"));
  g_assert_nonnull (strstr (list, "实训基地照片  (建设方案.pdf)  for section: Foundation\n"));
  g_assert_true (strstr (list, "实训基地照片") < strstr (list, "中期检查意见"));
  g_assert_true (strstr (list, "建设方案.pdf") < strstr (list, "中期检查意见"));
  g_assert_true (strstr (list, "中期检查意见") < strstr (list, "到账凭证.pdf"));
  g_assert_cmpint (cli_run (f, NULL, &json, "evidence", "list", project, "--json", NULL), ==, 0);
  g_assert_nonnull (strstr (json, "\"attached_kind\":\"milestone\""));
  g_assert_nonnull (strstr (json, "\"attached_kind\":\"budget-line\""));
  g_assert_nonnull (strstr (json, "\"attached_kind\":null"));
  g_assert_nonnull (strstr (json, "\"section\":\"foundation\""));
  if (cli_run (f, "zh_CN", &zh, "evidence", "list", project, NULL) == 0 && strstr (zh, "里程碑") != NULL)
    {
      g_assert_null (strstr (zh, " for "));
      g_assert_nonnull (strstr (zh, "各类型资源"));
      g_assert_null (strstr (zh, "resource-type"));
      g_assert_null (strstr (zh, "Video"));
      /* what each file is for, in brackets: one colon, not two in a row */
      g_assert_nonnull (strstr (zh, "佐证（报告章节：建设基础）\n"));
      g_assert_nonnull (strstr (zh, "佐证（项目整体）\n"));
      g_assert_null (strstr (zh, "佐证："));
    }
  else
    g_test_message ("the zh_CN.UTF-8 locale is missing: the Chinese list is not checked");

  /* Removed by a prefix of its id; a second time it is not found */
  prefix = g_strndup (first, 8);
  g_assert_cmpint (cli_run (f, NULL, NULL, "evidence", "remove", prefix, NULL), ==, 0);
  g_assert_cmpint (cli_run (f, NULL, NULL, "evidence", "remove", prefix, NULL), !=, 0);
  g_clear_pointer (&value, g_free);
  value = reslib_test_sql_text (db, "SELECT count (*) FROM evidence");
  g_assert_cmpstr (value, ==, "4");
}

/* reslib usage import (a dry run writes nothing; a bad file exits 4 with its rows named) and usage list */
static void
test_usage (Fixture       *f,
            gconstpointer  data)
{
  g_autofree char *project = NULL, *good = NULL, *bad = NULL, *out = NULL, *list = NULL, *json = NULL;

  project = cli_ok_id (f, "project", "new", "--name", "应用", "--core-major=460103:数控技术", NULL);
  good = reslib_test_write_file (f->dir, "usage.csv",
                                 "统计开始日期,统计截止日期,注册学生,注册教师,注册企业员工,注册社会学习者,学习人数,覆盖学校数,访问量\n"
                                 "2027-01-01,2027-06-30,8200,640,310,450,5100,23,182000\n", -1);
  bad = reslib_test_write_file (f->dir, "bad.csv",
                                "period_start,period_end,students,teachers,employees,public_learners,learners,schools,"
                                "visits\n2027-07-01,2027-12-31,x,1,1,1,1,1,1\n", -1);

  g_assert_cmpint (cli_run (f, NULL, &out, "usage", "import", project, good, "--dry-run", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "Would add 1 periods"));
  g_assert_cmpint (cli_run (f, NULL, &json, "usage", "list", project, "--json", NULL), ==, 0);
  g_assert_nonnull (strstr (json, "["));
  g_assert_null (strstr (json, "period_start"));
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (cli_run (f, NULL, &out, "usage", "import", project, good, NULL), ==, 0);
  g_assert_nonnull (strstr (out, "Added 1 periods, replaced 0"));
  g_assert_cmpint (cli_run (f, NULL, NULL, "usage", "import", project, bad, NULL), ==, 4);
  g_assert_cmpint (cli_run (f, NULL, NULL, "usage", "import", project, NULL), ==, 2);

  g_assert_cmpint (cli_run (f, NULL, &list, "usage", "list", project, NULL), ==, 0);
  g_assert_nonnull (strstr (list, "2027-01-01 to 2027-06-30"));
  g_assert_nonnull (strstr (list, "9600"));   /* users: 8200 + 640 + 310 + 450 */
  g_assert_nonnull (strstr (list, "182000"));
}

/* `reslib project text`: a narrative section of the dossier set from a file or standard input, shown, removed */
static void
test_project_text (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *project = NULL, *file = NULL, *empty = NULL, *db = NULL, *value = NULL, *shown = NULL;
  g_autofree char *command = NULL, *quoted_cli = NULL, *quoted_dir = NULL;
  g_autoptr(GError) error = NULL;
  int status = 0;

  project = cli_ok_id (f, "project", "new", "--name", "申报", "--core-major=460103:数控技术", NULL);
  db = g_build_filename (f->data_dir, "library.db", NULL);
  file = reslib_test_write_file (f->dir, "基础.txt", "学院数控专业始建于 1985 年。\n已建成省级精品课程 3 门。\n", -1);
  empty = reslib_test_write_file (f->dir, "空.txt", " \n", -1);

  g_assert_cmpint (cli_run (f, NULL, NULL, "project", "text", project, "foundation", file, NULL), ==, 0);
  value = reslib_test_sql_text (db, "SELECT text FROM project_texts WHERE section = 'foundation'");
  g_assert_cmpstr (value, ==, "学院数控专业始建于 1985 年。\n已建成省级精品课程 3 门。");
  g_assert_cmpint (cli_run (f, NULL, &shown, "project", "text", project, "foundation", NULL), ==, 0);
  g_assert_cmpstr (shown, ==, "学院数控专业始建于 1985 年。\n已建成省级精品课程 3 门。\n");
  g_clear_pointer (&shown, g_free);

  /* from standard input */
  quoted_cli = g_shell_quote (RESLIB_CLI_PATH);
  quoted_dir = g_shell_quote (f->data_dir);
  command = g_strdup_printf ("printf '河南省教育厅\\n' | %s --data-dir=%s project text %s recommender -", quoted_cli,
                             quoted_dir, project);
  g_assert_true (g_spawn_sync (NULL, (char *[]) { (char *) "/bin/sh", (char *) "-c", command, NULL }, NULL,
                               G_SPAWN_DEFAULT, NULL, NULL, NULL, NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (status) && WEXITSTATUS (status) == 0);
  g_clear_pointer (&value, g_free);
  value = reslib_test_sql_text (db, "SELECT text FROM project_texts WHERE section = 'recommender'");
  g_assert_cmpstr (value, ==, "河南省教育厅");

  /* a blank text removes the section; showing it then prints nothing */
  g_assert_cmpint (cli_run (f, NULL, NULL, "project", "text", project, "foundation", empty, NULL), ==, 0);
  g_clear_pointer (&value, g_free);
  value = reslib_test_sql_text (db, "SELECT count (*) FROM project_texts");
  g_assert_cmpstr (value, ==, "1");
  g_assert_cmpint (cli_run (f, NULL, &shown, "project", "text", project, "foundation", NULL), ==, 0);
  g_assert_cmpstr (shown, ==, "");

  /* usage errors: a section that is not one, no section */
  g_assert_cmpint (cli_run (f, NULL, NULL, "project", "text", project, "history", file, NULL), ==, 2);
  g_assert_cmpint (cli_run (f, NULL, NULL, "project", "text", project, NULL), ==, 2);
  g_assert_cmpint (cli_run (f, NULL, NULL, "project", "text", project, "foundation", "/nonexistent/x.txt", NULL), !=, 0);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add ("/cli/target/set-list-remove", Fixture, NULL, fixture_setup, test_set_list_remove, fixture_teardown);
  g_test_add ("/cli/usage", Fixture, NULL, fixture_setup, test_usage, fixture_teardown);
  g_test_add ("/cli/records", Fixture, NULL, fixture_setup, test_records, fixture_teardown);
  g_test_add ("/cli/budget-sources", Fixture, NULL, fixture_setup, test_budget_sources, fixture_teardown);
  g_test_add ("/cli/milestones", Fixture, NULL, fixture_setup, test_milestones, fixture_teardown);
  g_test_add ("/cli/evidence", Fixture, NULL, fixture_setup, test_evidence, fixture_teardown);
  g_test_add ("/cli/project-text", Fixture, NULL, fixture_setup, test_project_text, fixture_teardown);

  return g_test_run ();
}
