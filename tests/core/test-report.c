/* test-report.c — the dossier, progress and acceptance reports
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <locale.h>
#include <stdlib.h>
#include <string.h>

#include "reslib-store-targets.h"
#include "reslib-store-texts.h"
#include "reslib-test-utils.h"

#ifdef HAVE_POPPLER_GLIB
#include <poppler.h>
#endif

/* The headings the report is written with (in Chinese, for the province), in their order. The dossier's are
 * the national template's (domain.md (f)). */
static const char * const dossier_headings[] = {
  "一、基本情况", "二、建设基础", "三、建设目标", "四、建设内容", "五、子项目/任务分工", "六、建设进度",
  "七、经费预算", "八、保障措施", "九、承诺", NULL,
};
static const char * const progress_headings[] = {
  "项目基本信息", "主持单位与参与单位", "团队成员", "课程清单", "资源统计", "建设目标完成情况", "建设进度与里程碑",
  "建设资金", "知识产权声明", "本期变化", "年度更新率", "应用推广情况", "存在问题与下一步计划", NULL,
};
/* The acceptance report in the parts of 教职成司函〔2021〕36号 (domain.md (f)): every target's completion, 建设成效 in
 * the five dimensions, the funds by unit, 审计报告, the evidence index. It has no yearly update rate (that
 * applies after acceptance: the profile's package kinds of project.upkeep.rate) and no changes since the last
 * report (its period is the whole build). */
static const char * const acceptance_headings[] = {
  "项目基本信息", "主持单位与参与单位", "团队成员", "建设目标完成情况", "建设成效", "课程清单", "资源统计",
  "建设进度与里程碑", "建设资金", "审计报告", "知识产权声明", "应用推广情况", "佐证材料目录", NULL,
};

typedef struct
{
  char        *dir;
  char        *data_dir;
  ReslibStore *store;
  char        *project;
} Fixture;

static gboolean
have_poppler (void)
{
  g_autofree char *info = g_find_program_in_path ("pdfinfo");
  g_autofree char *text = g_find_program_in_path ("pdftotext");

  return info != NULL && text != NULL;
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
import_text (Fixture    *f,
             const char *name,
             const char *contents,
             const char *node)
{
  g_autofree char *path = reslib_test_write_file (f->dir, name, contents, -1);
  g_autoptr(ReslibImporter) importer = reslib_importer_new (f->store, f->project);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;

  reslib_importer_add_file (importer, file);
  if (node != NULL)
    reslib_importer_set_list (importer, "nodes", (const char * const[]) { node, NULL });
  g_assert_true (reslib_job_run (RESLIB_JOB (importer), NULL, &error));
  g_assert_no_error (error);
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  f->dir = reslib_test_make_tmp_dir ("reslib-test-report-XXXXXX");
  f->data_dir = g_build_filename (f->dir, "store", NULL);
  f->store = reslib_test_open_store (f->data_dir);
  f->project = reslib_test_new_project (f->store, "智能制造数控技术资源库");
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_object (&f->store);
  reslib_test_rm_rf (f->dir);
  g_free (f->dir);
  g_free (f->data_dir);
  g_free (f->project);
}

/* A small but complete project; the description is left out on purpose. */
static void
fill_project (Fixture *f)
{
  g_autofree char *host = NULL;
  g_autofree char *partner = NULL;
  g_autofree char *enterprise = NULL;
  g_autofree char *leader = NULL;
  g_autofree char *course = NULL;
  g_autofree char *module = NULL;
  g_autofree char *knowledge = NULL;
  g_autofree char *skill = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) baseline = NULL;
  g_autofree char *baseline_date = NULL;

  host = insert (f, RESLIB_KIND_UNIT, (const char * const[]) { "project_id", "name", "kind", "role", "host_rank",
                                                               "credit_code", NULL },
                 (const char * const[]) { f->project, "河南工业职业技术学院", "higher-vocational", "host", "1",
                                          "12410000415800123X" });
  partner = insert (f, RESLIB_KIND_UNIT, (const char * const[]) { "project_id", "name", "kind", "role", NULL },
                    (const char * const[]) { f->project, "郑州职业技术学院", "higher-vocational", "participant" });
  enterprise = insert (f, RESLIB_KIND_UNIT, (const char * const[]) { "project_id", "name", "kind", "role", NULL },
                       (const char * const[]) { f->project, "宇通客车股份有限公司", "enterprise", "participant" });
  leader = insert (f, RESLIB_KIND_MEMBER, (const char * const[]) { "project_id", "unit_id", "name", "title", "duty",
                                                                   "leader", "dual_qualified", "birth_year", "office",
                                                                   NULL },
                   (const char * const[]) { f->project, host, "张伟", "教授", "项目统筹", "yes", "yes", "1975", "院长" });
  g_free (insert (f, RESLIB_KIND_MEMBER, (const char * const[]) { "project_id", "unit_id", "name", NULL },
                  (const char * const[]) { f->project, enterprise, "李娜" }));
  g_free (insert (f, RESLIB_KIND_MAJOR, (const char * const[]) { "project_id", "role", "code", "name", NULL },
                  (const char * const[]) { f->project, "served", "460104", "机械制造及自动化" }));

  course = insert (f, RESLIB_KIND_COURSE, (const char * const[]) { "project_id", "title", "lead_member_id", NULL },
                   (const char * const[]) { f->project, "数控加工编程", leader });
  g_free (insert (f, RESLIB_KIND_COURSE, (const char * const[]) { "project_id", "title", "kind", NULL },
                  (const char * const[]) { f->project, "数控机床维护实训", "training" }));
  module = insert (f, RESLIB_KIND_NODE, (const char * const[]) { "project_id", "course_id", "kind", "title", NULL },
                   (const char * const[]) { f->project, course, "module", "模块一 数控编程基础" });
  knowledge = insert (f, RESLIB_KIND_NODE,
                      (const char * const[]) { "project_id", "course_id", "parent_id", "kind", "title", NULL },
                      (const char * const[]) { f->project, course, module, "knowledge", "机床坐标系" });
  g_free (insert (f, RESLIB_KIND_NODE,
                  (const char * const[]) { "project_id", "course_id", "parent_id", "kind", "title", NULL },
                  (const char * const[]) { f->project, course, module, "knowledge", "G 代码" }));
  skill = insert (f, RESLIB_KIND_NODE,
                  (const char * const[]) { "project_id", "course_id", "parent_id", "kind", "title", NULL },
                  (const char * const[]) { f->project, course, module, "skill", "对刀操作" });

  import_text (f, "坐标系讲义.txt", "机床坐标系的定义与判定方法。\n", knowledge);
  import_text (f, "对刀步骤.txt", "试切法对刀的步骤。\n", skill);
  import_text (f, "安全规范.txt", "数控车间安全操作规范。\n", NULL);

  g_free (insert (f, RESLIB_KIND_BUDGET_LINE,
                  (const char * const[]) { "project_id", "unit_id", "source", "category", "amount_cents", "year",
                                           "received_cents", "spent_cents", NULL },
                  (const char * const[]) { f->project, host, "省级财政", "素材制作", "12345678", "2026", "10000000",
                                           "7500000" }));
  g_free (insert (f, RESLIB_KIND_BUDGET_LINE,
                  (const char * const[]) { "project_id", "unit_id", "source", "category", "amount_cents", "year",
                                           "received_cents", NULL },
                  (const char * const[]) { f->project, host, "学校自筹", "课程开发", "5000000", "2026", "5000000" }));
  g_free (insert (f, RESLIB_KIND_BUDGET_LINE,
                  (const char * const[]) { "project_id", "unit_id", "source", "category", "amount_cents", NULL },
                  (const char * const[]) { f->project, enterprise, "行业企业", "企业案例收集制作", "2000000" }));
  g_free (insert (f, RESLIB_KIND_MILESTONE, (const char * const[]) { "project_id", "title", "due_date", "done_date",
                                                                    "deliverable", "quantity", "evidence_url", NULL },
                  (const char * const[]) { f->project, "完成课程体系设计", "2025-10-31", "2025-10-20", "课程方案", "2",
                                           "https://k.cn/1" }));
  g_free (insert (f, RESLIB_KIND_MILESTONE, (const char * const[]) { "project_id", "title", "due_date", NULL },
                  (const char * const[]) { f->project, "完成 80% 资源建设", "2026-06-30" }));
  /* The host and the second school signed; the enterprise has not. */
  g_free (insert (f, RESLIB_KIND_DECLARATION,
                  (const char * const[]) { "project_id", "unit_id", "signed_by", "signed_on", NULL },
                  (const char * const[]) { f->project, host, "王校长", "2025-09-10" }));
  g_free (insert (f, RESLIB_KIND_DECLARATION, (const char * const[]) { "project_id", "unit_id", NULL },
                  (const char * const[]) { f->project, partner }));
  /* Targets: 3 resources of 12 planned, 1 training package of 1 */
  g_free (reslib_store_set_target (f->store, f->project, "resources", NULL, 12, "任务书第二条", NULL, &error));
  g_free (reslib_store_set_target (f->store, f->project, "training-packages", NULL, 1, NULL, NULL, &error));
  g_assert_no_error (error);
  /* The baseline a month ago, so this year's changes are the resources just imported. */
  baseline = g_date_time_add_days (now, -30);
  baseline_date = g_date_time_format (baseline, "%Y-%m-%d");
  g_assert_true (reslib_store_update (f->store, RESLIB_KIND_PROJECT, f->project,
                                      (const char * const[]) { "baseline_date", "baseline_count", NULL },
                                      (const char * const[]) { baseline_date, "20", NULL }, &error));
  g_assert_no_error (error);
}

static char *
run_tool (const char *tool,
          const char *arg,
          const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  int status = 0;
  const char *argv[] = { tool, arg, path, arg != NULL ? "-" : NULL, NULL };

  if (arg == NULL)
    argv[1] = path, argv[2] = NULL;
  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL,
                               &out, NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));

  return g_steal_pointer (&out);
}

/* Runs the report job in this thread. */
static gboolean
report_write (ReslibStore        *store,
              const char         *project_id,
              const char         *kind,
              const char         *path,
              ReslibOutputFlags   flags,
              GCancellable       *cancellable,
              GError            **error)
{
  g_autoptr(ReslibReportJob) job = reslib_report_job_new (store, project_id, kind, path);

  reslib_report_job_set_flags (job, flags);
  return reslib_job_run (RESLIB_JOB (job), cancellable, error);
}

static char *
write_report (Fixture    *f,
              const char *kind)
{
  g_autofree char *name = g_strdup_printf ("%s.pdf", kind);
  char *path = g_build_filename (f->dir, name, NULL);
  g_autoptr(GError) error = NULL;

  /* Some tests write a report again under the same name, to compare. */
  g_assert_true (report_write (f->store, f->project, kind, path, RESLIB_OUTPUT_REPLACE, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));

  return path;
}

/* The body of the PDF: its text after the first page (the title page and contents). */
static const char *
body_of (const char *text)
{
  const char *ff = strchr (text, '\f');

  g_assert_nonnull (ff);
  return ff + 1;
}

/* The dossier's body: after its cover and its contents, a page each */
static const char *
dossier_body_of (const char *text)
{
  const char *ff = strchr (text, '\f');

  g_assert_nonnull (ff);
  ff = strchr (ff + 1, '\f');
  g_assert_nonnull (ff);
  return ff + 1;
}

/* The whitespace-separated words of the first line of @text (after @from) that holds @label. */
static char **
line_words (const char *text,
            const char *label)
{
  const char *hit = strstr (text, label);
  const char *end;
  g_autofree char *line = NULL;

  g_assert_nonnull (hit);
  end = strchr (hit, '\n');
  line = g_strndup (hit, end != NULL ? (gsize) (end - hit) : strlen (hit));

  return g_regex_split_simple ("\\s+", g_strstrip (line), 0, 0);
}

static void
assert_line_value (const char *text,
                   const char *label,
                   guint       index,
                   const char *expected)
{
  g_auto(GStrv) words = line_words (text, label);

  g_assert_cmpuint (g_strv_length (words), >, index);
  g_assert_cmpstr (words[index], ==, expected);
}

static void
test_kinds (Fixture       *f,
            gconstpointer  data)
{
  if (!have_poppler ())
    {
      g_test_skip ("pdfinfo and pdftotext (poppler-utils) are needed");
      return;
    }
  fill_project (f);

  for (guint k = 0; reslib_report_kinds[k] != NULL; k++)
    {
      const char *kind = reslib_report_kinds[k];
      g_autofree char *path = write_report (f, kind);
      g_autofree char *info = run_tool ("pdfinfo", NULL, path);
      g_autofree char *text = run_tool ("pdftotext", "-q", path);
      const char * const *headings = g_str_equal (kind, "dossier") ? dossier_headings :
                                     g_str_equal (kind, "acceptance") ? acceptance_headings : progress_headings;
      /* The dossier's cover is a page of its own, the contents on the next */
      gboolean dossier = g_str_equal (kind, "dossier");
      const char *body = dossier ? dossier_body_of (text) : body_of (text);
      const char *at = body;
      g_auto(GStrv) pages = NULL;

      g_test_message ("%s: %s", kind, path);
      g_assert_nonnull (strstr (info, "(A4)"));
      pages = line_words (info, "Pages:");
      g_assert_cmpint (atoi (pages[1]), >=, 2);
      g_assert_nonnull (strstr (text, "智能制造数控技术资源库"));
      /* The document's name on the cover is the one the work plan gives it (po/GLOSSARY.md). */
      g_assert_nonnull (strstr (text, g_str_equal (kind, "dossier") ? "项目申报书" :
                                      g_str_equal (kind, "acceptance") ? "验收总结报告" : "建设进展与应用分析报告"));
      for (guint i = 0; headings[i] != NULL; i++)
        {
          /* In the contents on the first page, and in order in the body. */
          const char *next = strstr (at, headings[i]);

          g_assert_nonnull (strstr (text, headings[i]));
          g_assert_true (strstr (text, headings[i]) < body);
          g_assert_nonnull (next);
          at = next + strlen (headings[i]);
        }
      if (dossier)
        {
          g_autofree char *cover = g_strndup (text, body_of (text) - text);

          /* The cover: the first host, the project leader, the date; the recommending unit not given yet */
          g_assert_nonnull (strstr (cover, "第一主持单位（盖章）"));
          g_assert_nonnull (strstr (cover, "河南工业职业技术学院"));
          g_assert_null (strstr (cover, "郑州职业技术学院"));
          g_assert_nonnull (strstr (cover, "张伟"));
          g_assert_nonnull (strstr (cover, "推荐单位"));
          g_assert_nonnull (strstr (cover, "（未填写）"));
          g_assert_nonnull (strstr (cover, "填报日期"));
          g_assert_null (strstr (body, "本期变化"));
          g_assert_null (strstr (body, "年度更新率"));
          /* The five dimensions of 建设内容, in order */
          at = strstr (body, "四、建设内容");
          for (guint i = 0; i < 5; i++)
            {
              static const char * const parts[] = { "（一）资源建设", "（二）平台功能", "（三）应用推广", "（四）特色创新",
                                                    "（五）制度保障" };

              at = strstr (at, parts[i]);
              g_assert_nonnull (at);
            }
          /* The work plan's wording on copyright and attribution, and the boxes for the opinions */
          {
            g_autoptr(GString) joined = g_string_new (body);

            g_string_replace (joined, "\n", "", 0);
            g_assert_nonnull (strstr (joined->str, "在此基础上享有上传资源的著作权。参与建设的个人对其原创的资源享有署名权。"));
          }
          g_assert_nonnull (strstr (body, "主持单位意见"));
          g_assert_nonnull (strstr (body, "推荐单位意见"));
          /* No developer phrasing in a formal document */
          g_assert_null (strstr (text, "按媒体探测结果"));
        }
      if (g_str_equal (kind, "acceptance"))
        {
          g_assert_null (strstr (text, "年度更新率"));
          g_assert_null (strstr (text, "本期变化"));
        }
      for (guint i = 0; i < 3; i++)
        {
          static const char * const units[] = { "河南工业职业技术学院", "郑州职业技术学院", "宇通客车股份有限公司" };
          g_assert_nonnull (strstr (body, units[i]));
        }
      g_assert_nonnull (strstr (body, "12410000415800123X"));
      g_assert_nonnull (strstr (body, "数控加工编程"));
      /* The targets: planned numbers in the dossier, with the actual numbers and shares in the others. */
      g_assert_nonnull (strstr (body, "颗粒化资源总数"));
      g_assert_nonnull (strstr (body, "任务书第二条"));
      g_assert_nonnull (strstr (body, "培训包"));
      if (g_str_equal (kind, "dossier"))
        g_assert_null (strstr (body, "完成比例"));
      else
        {
          g_assert_nonnull (strstr (body, "完成比例"));
          g_assert_nonnull (strstr (body, "25%"));
          g_assert_nonnull (strstr (body, "100%"));
        }
      g_assert_nonnull (strstr (body, "王校长"));
      /* The milestones with their deliverables, how many, and the evidence link */
      g_assert_nonnull (strstr (body, "建设成果"));
      g_assert_nonnull (strstr (body, "2 × 课程方案"));
      g_assert_nonnull (strstr (body, "https://k.cn/1"));
    }
}

static void
test_statistics (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *db_path = NULL;
  g_autofree char *path = NULL;
  g_autofree char *text = NULL;
  g_autofree char *total = NULL;
  g_autofree char *texts = NULL;
  g_autofree char *knowledge = NULL;
  g_autofree char *skills = NULL;
  g_autofree char *linked = NULL;
  g_autofree char *unlinked = NULL;
  g_autofree char *added = NULL;
  g_autofree char *budget = NULL;
  g_autofree char *hours = NULL;
  g_autofree char *videos = NULL;
  g_autofree char *expected = NULL;
  const char *body;

  if (!have_poppler ())
    {
      g_test_skip ("pdfinfo and pdftotext (poppler-utils) are needed");
      return;
    }
  fill_project (f);
  db_path = g_build_filename (f->data_dir, "library.db", NULL);

  /* One resource becomes a video of 1.5 hours, as a probe found it. */
  {
    g_autofree char *id = reslib_test_sql_text (db_path, "SELECT id FROM resources ORDER BY file_name LIMIT 1");
    g_autofree char *sha = reslib_test_sql_text (db_path, "SELECT blob_sha256 FROM resources ORDER BY file_name LIMIT 1");
    ReslibProbeInfo info = { .sha256 = sha, .version = RESLIB_PROBE_VERSION, .mime_type = (char *) "video/mp4",
                             .duration = 5400 };
    g_autoptr(GError) error = NULL;

    g_assert_true (reslib_store_update (f->store, RESLIB_KIND_RESOURCE, id, (const char * const[]) { "type", NULL },
                                        (const char * const[]) { "video", NULL }, &error));
    g_assert_no_error (error);
    g_assert_true (reslib_store_put_probe (f->store, &info, &error));
    g_assert_no_error (error);
  }
  path = write_report (f, "progress");
  text = run_tool ("pdftotext", "-layout", path);
  body = body_of (text);

  /* The same numbers, counted with SQL here. */
  total = reslib_test_sql_text (db_path, "SELECT count (*) FROM resources");
  texts = reslib_test_sql_text (db_path, "SELECT count (*) FROM resources WHERE type = 'text'");
  knowledge = reslib_test_sql_text (db_path, "SELECT count (*) FROM course_nodes WHERE kind = 'knowledge'");
  skills = reslib_test_sql_text (db_path, "SELECT count (*) FROM course_nodes WHERE kind = 'skill'");
  linked = reslib_test_sql_text (db_path, "SELECT count (DISTINCT resource_id) FROM resource_nodes");
  unlinked = reslib_test_sql_text (db_path, "SELECT count (*) FROM resources WHERE id NOT IN "
                                            "(SELECT resource_id FROM resource_nodes)");
  added = reslib_test_sql_text (db_path, "SELECT count (DISTINCT subject_id) FROM events WHERE subject_kind = 'resource' "
                                         "AND action = 'create' AND at >= '2025-09-01'");
  budget = reslib_test_sql_text (db_path, "SELECT printf ('%,d.%02d', sum (amount_cents) / 100, sum (amount_cents) % 100) "
                                          "FROM budget_lines");
  hours = reslib_test_sql_text (db_path, "SELECT printf ('%.2f', sum (p.duration) / 3600.0) FROM resources r "
                                         "JOIN probes p ON p.sha256 = r.blob_sha256 WHERE r.type = 'video'");
  videos = reslib_test_sql_text (db_path, "SELECT count (*) FROM resources WHERE type = 'video'");
  g_assert_cmpstr (total, ==, "3");
  g_assert_cmpstr (hours, ==, "1.50");

  expected = g_strdup_printf ("资源总数：%s 个。", total);
  g_assert_nonnull (strstr (body, expected));
  assert_line_value (body, "文本", 1, texts);
  /* title, kind, modules, knowledge points, skill points, resources */
  assert_line_value (body, "数控加工编程", 3, knowledge);
  assert_line_value (body, "数控加工编程", 4, skills);
  assert_line_value (body, "数控加工编程", 5, linked);
  assert_line_value (body, "未关联课程", 1, unlinked);
  assert_line_value (body, "新增资源", 1, added);
  assert_line_value (strstr (body, "八、建设资金"), "合计", 1, budget);
  assert_line_value (body, "验收时资源总量 ", 1, "20");
  /* This year: 3 of the baseline's 20 were added, 15% */
  assert_line_value (body, "第 1 年", 5, "3");
  assert_line_value (body, "第 1 年", 6, "15.0%");
  assert_line_value (body, "第 1 年", 7, "是");
  assert_line_value (body, "视频资源数", 1, videos);
  assert_line_value (body, "视频总时长", 1, hours);
  g_assert_nonnull (strstr (body, "123,456.78"));

  /* The team: the project leader first, with the year of birth, title and post, 双师 */
  g_assert_nonnull (strstr (body, "项目负责人：张伟（河南工业职业技术学院，教授，1975 年出生）。"));
  {
    const char *team = strstr (body, "三、团队成员");
    g_autofree char *section = g_strndup (team, strstr (team, "四、") - team);

    g_assert_nonnull (strstr (section, "1975"));
    g_assert_nonnull (strstr (section, "教授／院长"));
    g_assert_nonnull (strstr (section, "双师型"));
    g_assert_true (strstr (section, "张伟") < strstr (section, "李娜"));
  }
  /* The budget by year and source: 执行率 = spent ÷ received, per row and in all */
  {
    g_autofree char *rate = reslib_test_sql_text (db_path, "SELECT printf ('%.1f%%', sum (spent_cents) * 100.0 / "
                                                           "sum (received_cents)) FROM budget_lines");
    const char *by_year = strstr (body, "按年度 × 资金来源的到位与支出");

    g_assert_nonnull (by_year);
    assert_line_value (by_year, "财政 ", 4, "75.0%");
    assert_line_value (by_year, "学校自筹", 4, "0.0%");
    g_assert_cmpstr (rate, ==, "50.0%");
    assert_line_value (by_year, "合计", 4, rate);
  }

  /* Missing data is shown as missing. */
  assert_line_value (body, "项目简介", 1, "（未填写）");
  assert_line_value (strstr (body, "九、知识产权声明"), "宇通客车股份有限公司", 1, "（未提交）");

  /* The dossier: the same budget total under 七、经费预算, the courses with their lead and unit under
   * 五、子项目/任务分工, the project leader's table */
  {
    g_autofree char *dossier_path = write_report (f, "dossier");
    g_autofree char *dossier = run_tool ("pdftotext", "-layout", dossier_path);
    const char *d_body = dossier_body_of (dossier);
    const char *budget_section = strstr (d_body, "七、经费预算");
    const char *division = strstr (d_body, "五、子项目/任务分工");
    const char *leader = strstr (d_body, "项目负责人主持经历");

    g_assert_nonnull (budget_section);
    assert_line_value (budget_section, "合计", 1, budget);
    g_assert_nonnull (division);
    assert_line_value (division, "数控加工编程", 1, "标准化课程");
    assert_line_value (division, "数控加工编程", 2, "张伟");
    assert_line_value (division, "数控加工编程", 3, "河南工业职业技术学院");
    assert_line_value (division, "数控机床维护实训", 2, "（未填写）");
    g_assert_nonnull (leader);
    assert_line_value (d_body, "出生年份", 1, "1975");
    assert_line_value (d_body, "职务", 1, "院长");
    /* No text written yet: the narrative sections say so */
    assert_line_value (strstr (dossier, "二、建设基础"), "（未填写）", 0, "（未填写）");
    assert_line_value (strstr (dossier, "八、保障措施"), "（未填写）", 0, "（未填写）");
  }

  /* The narrative sections written: each line a paragraph of its own (blank lines and a typed indent go), the
   * recommending unit on the cover */
  {
    g_autoptr(GError) error = NULL;
    g_autofree char *dossier_path = NULL;
    g_autofree char *dossier = NULL;
    g_auto(GStrv) lines = NULL;
    const char *d_body;
    guint i;

    g_assert_true (reslib_store_set_project_text (f->store, f->project, "foundation",
                                                  "学院数控专业始建于 1985 年。\n\n　　已建成省级精品课程 3 门。\n", &error));
    g_assert_true (reslib_store_set_project_text (f->store, f->project, "content-platform", "平台支持移动学习。",
                                                  &error));
    g_assert_true (reslib_store_set_project_text (f->store, f->project, "recommender", "河南省教育厅", &error));
    g_assert_no_error (error);
    dossier_path = write_report (f, "dossier");
    dossier = run_tool ("pdftotext", "-layout", dossier_path);
    d_body = dossier_body_of (dossier);
    assert_line_value (dossier, "推荐单位", 1, "河南省教育厅");
    lines = g_strsplit (strstr (d_body, "二、建设基础"), "\n", -1);
    for (i = 1; lines[i] != NULL && *g_strstrip (lines[i]) == '\0'; i++)
      ;
    g_assert_cmpstr (lines[i], ==, "学院数控专业始建于 1985 年。");
    for (i++; lines[i] != NULL && *g_strstrip (lines[i]) == '\0'; i++)
      ;
    g_assert_cmpstr (lines[i], ==, "已建成省级精品课程 3 门。");
    g_assert_nonnull (strstr (strstr (d_body, "（二）平台功能"), "平台支持移动学习。"));
    /* The sections not written still say so */
    assert_line_value (strstr (d_body, "（三）应用推广"), "（未填写）", 0, "（未填写）");
  }
}

/* The acceptance report's own parts: the funds each unit committed, received and spent (承诺资金到账) equal to
 * SQL, what was achieved in each of the five dimensions and the audit report as written (or （未填写）); the
 * progress report's problems and next steps. */
static void
test_acceptance_parts (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *db_path = NULL;
  g_autofree char *path = NULL;
  g_autofree char *text = NULL;
  g_autofree char *progress_path = NULL;
  g_autofree char *progress = NULL;
  const char *body, *funds, *outcomes, *audit, *problems, *progress_body;

  if (!have_poppler ())
    {
      g_test_skip ("pdfinfo and pdftotext (poppler-utils) are needed");
      return;
    }
  fill_project (f);
  db_path = g_build_filename (f->data_dir, "library.db", NULL);
  g_assert_true (reslib_store_set_project_text (f->store, f->project, "outcome-resources",
                                                "建成标准化课程 2 门。\n颗粒化资源 3 条全部审核通过。", &error));
  g_assert_true (reslib_store_set_project_text (f->store, f->project, "audit",
                                                "河南中正会计师事务所，豫中审字〔2027〕15 号，无保留意见。", &error));
  g_assert_true (reslib_store_set_project_text (f->store, f->project, "progress-problems",
                                                "企业案例资源不足。", &error));
  g_assert_no_error (error);

  path = write_report (f, "acceptance");
  text = run_tool ("pdftotext", "-layout", path);
  body = body_of (text);

  /* 承诺资金到账, unit by unit: committed, received, its share, spent, the share of the received spent */
  funds = strstr (body, "各单位承诺资金到账与支出");
  g_assert_nonnull (funds);
  for (guint i = 0; i < 2; i++)
    {
      static const char * const units[] = { "河南工业职业技术学院", "宇通客车股份有限公司" };
      g_autofree char *where = g_strdup_printf ("FROM budget_lines b JOIN units u ON u.id = b.unit_id "
                                                "WHERE u.name = '%s'", units[i]);
      g_autofree char *q_committed = g_strdup_printf ("SELECT printf ('%%,d.%%02d', sum (amount_cents) / 100, "
                                                      "sum (amount_cents) %% 100) %s", where);
      g_autofree char *q_received = g_strdup_printf ("SELECT printf ('%%,d.%%02d', total (received_cents) / 100, "
                                                     "CAST (total (received_cents) AS INTEGER) %% 100) %s", where);
      g_autofree char *q_share = g_strdup_printf ("SELECT printf ('%%.1f%%%%', total (received_cents) * 100.0 / "
                                                  "sum (amount_cents)) %s", where);
      g_autofree char *committed = reslib_test_sql_text (db_path, q_committed);
      g_autofree char *received = reslib_test_sql_text (db_path, q_received);
      g_autofree char *share = reslib_test_sql_text (db_path, q_share);

      assert_line_value (funds, units[i], 1, committed);
      assert_line_value (funds, units[i], 2, received);
      assert_line_value (funds, units[i], 3, share);
    }
  /* 173,456.78 committed by the host, 150,000.00 arrived, 75,000.00 spent; nothing arrived from the enterprise */
  assert_line_value (funds, "河南工业职业技术学院", 3, "86.5%");
  assert_line_value (funds, "河南工业职业技术学院", 5, "50.0%");
  assert_line_value (funds, "宇通客车股份有限公司", 5, "—");
  assert_line_value (funds, "合计", 1, "193,456.78");

  /* 建设成效: the text as written, a paragraph per line; a dimension not written says so */
  outcomes = strstr (body, "建设成效");
  g_assert_nonnull (outcomes);
  g_assert_nonnull (strstr (strstr (outcomes, "（一）资源建设"), "建成标准化课程 2 门。"));
  g_assert_nonnull (strstr (outcomes, "颗粒化资源 3 条全部审核通过。"));
  assert_line_value (strstr (outcomes, "（二）平台功能"), "（未填写）", 0, "（未填写）");
  audit = strstr (body, "审计报告");
  g_assert_nonnull (audit);
  g_assert_nonnull (strstr (audit, "豫中审字〔2027〕15 号"));
  g_assert_null (strstr (body, "存在问题与下一步计划"));

  /* The progress report: its problems as written, its next steps not written */
  progress_path = write_report (f, "progress");
  progress = run_tool ("pdftotext", "-layout", progress_path);
  progress_body = body_of (progress);
  g_assert_nonnull (progress_body);
  problems = strstr (progress_body, "存在问题与下一步计划");
  g_assert_nonnull (problems);
  g_assert_nonnull (strstr (strstr (problems, "（一）存在问题"), "企业案例资源不足。"));
  assert_line_value (strstr (problems, "（二）下一步计划"), "（未填写）", 0, "（未填写）");
  g_assert_null (strstr (progress_body, "建设成效"));
  g_assert_null (strstr (progress_body, "审计报告"));
}

/* The yearly update rate follows the profile (no 10% written into the report), and counts new resources
 * and new versions of files, never edits of metadata. */
static void
test_update_rate_profile (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ReslibProfile) profile = NULL;
  g_autoptr(ReslibReportJob) job = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GString) json = NULL;
  g_autofree char *path = g_build_filename (f->dir, "rate.pdf", NULL);
  g_autofree char *db_path = NULL;
  g_autofree char *text = NULL;
  g_autofree char *id = NULL;
  const char *body;

  if (!have_poppler ())
    {
      g_test_skip ("pdftotext (poppler-utils) is needed");
      return;
    }
  fill_project (f);
  db_path = g_build_filename (f->data_dir, "library.db", NULL);
  /* An edit of metadata after the baseline: not an update */
  id = reslib_test_sql_text (db_path, "SELECT id FROM resources ORDER BY file_name LIMIT 1");
  g_assert_true (reslib_store_update (f->store, RESLIB_KIND_RESOURCE, id, (const char * const[]) { "description", NULL },
                                      (const char * const[]) { "只改了简介", NULL }, &error));
  g_assert_no_error (error);

  bytes = g_resources_lookup_data ("/io/github/reslib/core/profiles/henan-2024.json", 0, &error);
  g_assert_no_error (error);
  json = g_string_new_len (g_bytes_get_data (bytes, NULL), (gssize) g_bytes_get_size (bytes));
  g_assert_cmpuint (g_string_replace (json, "\"rate\": 0.10", "\"rate\": 0.25", 0), ==, 1);
  profile = reslib_profile_load_data ("rate-25.json", json->str, (gssize) json->len, &error);
  g_assert_no_error (error);

  job = reslib_report_job_new (f->store, f->project, "progress", path);
  reslib_report_job_set_profile (job, profile);
  g_assert_true (reslib_job_run (RESLIB_JOB (job), NULL, &error));
  g_assert_no_error (error);
  text = run_tool ("pdftotext", "-layout", path);
  body = body_of (text);
  g_assert_nonnull (strstr (body, "资源总量的 25%"));
  g_assert_nonnull (strstr (body, "是否达到 25%"));
  g_assert_null (strstr (body, "10%"));
  /* 3 new resources of the 5 needed (25% of 20), the edited one counted once; the year is not over */
  assert_line_value (body, "第 1 年", 5, "3");
  assert_line_value (body, "第 1 年", 7, "尚未达到");
}

/* 应用推广情况: the latest period's figures as the store holds them, the users' growth since acceptance against
 * the profile's rate (progress reports only), every period; the tables numbered without a gap. */
static void
test_usage (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) before_end = g_date_time_add_days (now, -60);
  g_autoptr(GDateTime) before_start = g_date_time_add_days (now, -240);
  g_autoptr(GDateTime) latest_end = g_date_time_add_days (now, -5);
  g_autoptr(GDateTime) latest_start = g_date_time_add_days (now, -59);
  g_autofree char *a0 = g_date_time_format (before_start, "%Y-%m-%d");
  g_autofree char *a1 = g_date_time_format (before_end, "%Y-%m-%d");
  g_autofree char *b0 = g_date_time_format (latest_start, "%Y-%m-%d");
  g_autofree char *b1 = g_date_time_format (latest_end, "%Y-%m-%d");
  g_autofree char *db_path = NULL;
  g_autofree char *path = NULL;
  g_autofree char *text = NULL;
  g_autofree char *acceptance = NULL;
  g_autofree char *acceptance_text = NULL;
  g_autofree char *users = NULL;
  g_autofree char *students = NULL;
  g_autofree char *visits = NULL;
  g_autofree char *latest = NULL;
  const char *body;
  const char *section;

  if (!have_poppler ())
    {
      g_test_skip ("pdftotext (poppler-utils) is needed");
      return;
    }
  fill_project (f);
  db_path = g_build_filename (f->data_dir, "library.db", NULL);

  /* No statistics: said, not invented */
  path = write_report (f, "progress");
  text = run_tool ("pdftotext", "-layout", path);
  g_assert_nonnull (strstr (body_of (text), "应用推广数据：（未填写）"));
  g_clear_pointer (&text, g_free);
  g_clear_pointer (&path, g_free);

  /* 1000 users before acceptance (a month ago), 1080 five days ago: 80 new, 8% of 1000, the year not over */
  reslib_test_add_usage (f->store, f->project, a0, a1, 1000);
  reslib_test_add_usage (f->store, f->project, b0, b1, 1080);
  path = write_report (f, "progress");
  text = run_tool ("pdftotext", "-layout", path);
  body = body_of (text);
  section = strstr (body, "应用推广情况");
  g_assert_nonnull (section);
  /* up to the next section, the problems and next steps the project has not written */
  {
    const char *next = strstr (section, "存在问题与下一步计划");
    g_autofree char *usage_only = NULL;

    g_assert_nonnull (next);
    usage_only = g_strndup (section, (gsize) (next - section));
    g_assert_null (strstr (usage_only, "（未填写）"));
  }

  users = reslib_test_sql_text (db_path, "SELECT students + teachers + employees + public_learners FROM usage_periods "
                                         "ORDER BY period_end DESC LIMIT 1");
  students = reslib_test_sql_text (db_path, "SELECT students FROM usage_periods ORDER BY period_end DESC LIMIT 1");
  visits = reslib_test_sql_text (db_path, "SELECT visits FROM usage_periods ORDER BY period_end DESC LIMIT 1");
  g_assert_cmpstr (users, ==, "1080");
  latest = g_strdup_printf ("最近统计周期（%s 至 %s）", b0, b1);
  g_assert_nonnull (strstr (section, latest));
  assert_line_value (section, "注册用户合计", 1, users);
  assert_line_value (section, "其中：学生", 1, students);
  assert_line_value (section, "本期访问量", 1, visits);
  /* the users at acceptance: those of the last period that ended by then */
  acceptance = g_strdup_printf ("1000（截至 %s）", a1);
  g_assert_nonnull (strstr (section, acceptance));
  assert_line_value (strstr (section, "验收日期"), "验收时注册用户总数", 1, "1000（截至");
  assert_line_value (section, "验收以来新增注册用户", 1, "80");
  g_assert_nonnull (strstr (section, "每年应新增 100 人（验收时 1000 人的 10%）"));
  /* the year (five words), users then, users now, new, share, reached */
  assert_line_value (section, "第 1 年", 5, "1000");
  assert_line_value (section, "第 1 年", 6, "1080");
  assert_line_value (section, "第 1 年", 7, "80");
  assert_line_value (section, "第 1 年", 8, "8.0%");
  assert_line_value (section, "第 1 年", 9, "尚未达到");
  acceptance_text = g_strdup_printf ("%s 至 %s", a0, a1);
  g_assert_nonnull (strstr (section, acceptance_text));
  /* The tables numbered 1, 2, … with no gap: the last caption's number is the count of captions */
  {
    g_autoptr(GRegex) regex = g_regex_new ("表 ?([0-9]+)(\\s|　)", 0, 0, NULL);
    g_autoptr(GMatchInfo) match = NULL;
    guint n = 0;

    g_regex_match (regex, body, 0, &match);
    while (g_match_info_matches (match))
      {
        g_autofree char *number = g_match_info_fetch (match, 1);

        g_assert_cmpint (atoi (number), ==, ++n);
        g_match_info_next (match, NULL);
      }
    g_assert_cmpuint (n, >=, 10);
  }
  g_clear_pointer (&text, g_free);
  g_clear_pointer (&path, g_free);

  /* The acceptance report has the figures but no growth after acceptance */
  path = write_report (f, "acceptance");
  text = run_tool ("pdftotext", "-layout", path);
  section = strstr (body_of (text), "应用推广情况");
  g_assert_nonnull (section);
  assert_line_value (section, "注册用户合计", 1, users);
  g_assert_null (strstr (section, "验收时注册用户总数"));
}

static void
test_deterministic (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;
  gsize a_len, b_len;

  fill_project (f);
  g_setenv ("SOURCE_DATE_EPOCH", "1767225600", TRUE);   /* 2026-01-01 */
  for (guint k = 0; reslib_report_kinds[k] != NULL; k++)
    {
      first = write_report (f, reslib_report_kinds[k]);
      g_assert_true (g_file_get_contents (first, &a, &a_len, NULL));
      second = write_report (f, reslib_report_kinds[k]);
      g_assert_true (g_file_get_contents (second, &b, &b_len, NULL));
      g_assert_cmpmem (a, a_len, b, b_len);
      /* The date from SOURCE_DATE_EPOCH (cairo 1.16 writes it without the "D:" prefix) */
      g_assert_nonnull (memmem (a, a_len, "20260101000000Z", 15));
      g_clear_pointer (&first, g_free);
      g_clear_pointer (&second, g_free);
      g_clear_pointer (&a, g_free);
      g_clear_pointer (&b, g_free);
    }
  g_unsetenv ("SOURCE_DATE_EPOCH");
}

static void
test_empty_project (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *path = NULL;
  g_autofree char *text = NULL;

  /* Nothing but the project itself: every section still appears, saying what is missing. */
  path = write_report (f, "progress");
  if (!have_poppler ())
    {
      g_test_skip ("pdftotext (poppler-utils) is needed to read the report; it was written");
      return;
    }
  text = run_tool ("pdftotext", "-q", path);
  for (guint i = 0; progress_headings[i] != NULL; i++)
    g_assert_nonnull (strstr (body_of (text), progress_headings[i]));
  g_assert_nonnull (strstr (text, "团队成员：（未填写）"));
  g_assert_nonnull (strstr (text, "建设资金：（未填写）"));
  g_assert_nonnull (strstr (text, "年度更新率：（未填写）"));
}

static void
test_errors (Fixture       *f,
             gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->dir, "nothing.pdf", NULL);
  g_autofree char *bad_dir = g_build_filename (f->dir, "no", "such", "dir", "out.pdf", NULL);
  g_autoptr(GError) error = NULL;

  g_assert_false (report_write (f->store, f->project, "summary", path, RESLIB_OUTPUT_NONE, NULL, &error));
  g_assert_error (error, RESLIB_ERROR, RESLIB_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (report_write (f->store, "no-such-project", "dossier", path, RESLIB_OUTPUT_NONE, NULL, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_false (report_write (f->store, f->project, "dossier", bad_dir, RESLIB_OUTPUT_NONE, NULL, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  /* Nothing is left behind. */
  {
    g_autoptr(GDir) dir = g_dir_open (f->dir, 0, NULL);
    const char *name;

    while ((name = g_dir_read_name (dir)) != NULL)
      g_assert_cmpstr (name, ==, "store");
  }
}

typedef struct
{
  GThread  *main_thread;
  gboolean  done;
  gboolean  ok;
  GError   *error;
  guint     n_progress;
  guint     n_wrong_thread;
  guint     last_done;
  char     *last_stage;
} Watch;

static void
watch_progress_cb (ReslibJob            *job,
                   const ReslibProgress *progress,
                   gpointer              user_data)
{
  Watch *w = user_data;
  g_autofree char *name = g_path_get_basename (reslib_report_job_get_dest_path (RESLIB_REPORT_JOB (job)));
  g_autofree char *message = progress->files_done == 0 ? g_strdup_printf ("Writing %s", name)
                                                       : g_strdup_printf ("Saved %s", name);

  w->n_progress++;
  if (g_thread_self () != w->main_thread)
    w->n_wrong_thread++;
  /* Writing, then written: the message names the report's file. */
  g_assert_cmpstr (reslib_job_get_message (job), ==, message);
  w->last_done = progress->files_done;
  g_free (w->last_stage);
  w->last_stage = g_strdup (progress->stage);
}

static void
written_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  Watch *w = user_data;

  g_assert_true (g_thread_self () == w->main_thread);
  g_assert_false (reslib_job_get_busy (RESLIB_JOB (source)));
  w->ok = reslib_job_run_finish (RESLIB_JOB (source), result, &w->error);
  w->done = TRUE;
}

static void
watch_clear (Watch *w)
{
  g_clear_error (&w->error);
  g_free (w->last_stage);
}

static void
test_async (Fixture       *f,
            gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->dir, "async.pdf", NULL);
  g_autoptr(ReslibReportJob) job = NULL;
  Watch w = { g_thread_self (), };

  fill_project (f);
  job = reslib_report_job_new (f->store, f->project, "progress", path);
  reslib_job_run_async (RESLIB_JOB (job), NULL, written_cb, &w);
  while (!w.done)
    g_main_context_iteration (NULL, TRUE);
  g_assert_no_error (w.error);
  g_assert_true (w.ok);
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
  watch_clear (&w);
}

/* The job run in this thread and in a worker writes the same bytes, and reports only in this thread. */
static void
test_job_sync_async (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *sync_path = g_build_filename (f->dir, "sync.pdf", NULL);
  g_autofree char *async_path = g_build_filename (f->dir, "async.pdf", NULL);
  g_autoptr(ReslibReportJob) sync_job = NULL;
  g_autoptr(ReslibReportJob) async_job = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;
  gsize a_len, b_len;
  Watch s = { g_thread_self (), };
  Watch w = { g_thread_self (), };

  fill_project (f);
  g_setenv ("SOURCE_DATE_EPOCH", "1767225600", TRUE);   /* 2026-01-01 */
  sync_job = reslib_report_job_new (f->store, f->project, "dossier", sync_path);
  g_signal_connect (sync_job, "progress", G_CALLBACK (watch_progress_cb), &s);
  g_assert_true (reslib_job_run (RESLIB_JOB (sync_job), NULL, &error));
  g_assert_no_error (error);

  async_job = reslib_report_job_new (f->store, f->project, "dossier", async_path);
  g_signal_connect (async_job, "progress", G_CALLBACK (watch_progress_cb), &w);
  reslib_job_run_async (RESLIB_JOB (async_job), NULL, written_cb, &w);
  while (!w.done)
    g_main_context_iteration (NULL, TRUE);
  g_unsetenv ("SOURCE_DATE_EPOCH");
  g_assert_no_error (w.error);
  g_assert_true (w.ok);

  g_assert_true (g_file_get_contents (sync_path, &a, &a_len, NULL));
  g_assert_true (g_file_get_contents (async_path, &b, &b_len, NULL));
  g_assert_cmpmem (a, a_len, b, b_len);
  g_assert_cmpstr (reslib_report_job_get_dest_path (async_job), ==, async_path);
  for (Watch *x = &s; x != NULL; x = x == &s ? &w : NULL)
    {
      g_assert_cmpuint (x->n_progress, >=, 1);
      g_assert_cmpuint (x->n_wrong_thread, ==, 0);
      g_assert_cmpuint (x->last_done, ==, 1);
      g_assert_cmpstr (x->last_stage, ==, "writing");
    }
  g_assert_cmpfloat (reslib_job_get_fraction (RESLIB_JOB (sync_job)), ==, 1.0);
  g_assert_cmpfloat (reslib_job_get_fraction (RESLIB_JOB (async_job)), ==, 1.0);
  g_assert_nonnull (reslib_job_get_title (RESLIB_JOB (async_job)));
  g_assert_cmpstr (reslib_job_get_message (RESLIB_JOB (sync_job)), ==, "Saved sync.pdf");
  g_assert_cmpstr (reslib_job_get_message (RESLIB_JOB (async_job)), ==, "Saved async.pdf");
  watch_clear (&s);
  watch_clear (&w);
}

static void
cancel_on_progress_cb (ReslibJob            *job,
                       const ReslibProgress *progress,
                       gpointer              user_data)
{
  reslib_job_cancel (job);
}

/* A cancelled job leaves nothing behind: not the report, not its temporary file. */
static void
test_job_cancel (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->dir, "cancelled.pdf", NULL);
  g_autoptr(ReslibReportJob) job = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;

  fill_project (f);
  job = reslib_report_job_new (f->store, f->project, "dossier", path);
  g_cancellable_cancel (cancellable);
  g_assert_false (reslib_job_run (RESLIB_JOB (job), cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);

  /* Cancelled at its first report, once its temporary file is open. */
  g_signal_connect (job, "progress", G_CALLBACK (cancel_on_progress_cb), NULL);
  g_assert_false (reslib_job_run (RESLIB_JOB (job), NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_error (reslib_job_get_error (RESLIB_JOB (job)), G_IO_ERROR, G_IO_ERROR_CANCELLED);
  {
    g_autoptr(GDir) dir = g_dir_open (f->dir, 0, NULL);
    const char *name;

    while ((name = g_dir_read_name (dir)) != NULL)
      g_assert_false (g_str_has_prefix (name, "cancelled.pdf"));
  }
}

#ifdef HAVE_POPPLER_GLIB
/* Whether the box @rect (in points) of @surface, rendered at @scale, has ink: a pixel clearly darker than the
 * lightest one, so a blank box on a shaded table header has none */
static gboolean
has_ink (cairo_surface_t  *surface,
         double            scale,
         PopplerRectangle *rect)
{
  const guchar *data = cairo_image_surface_get_data (surface);
  int stride = cairo_image_surface_get_stride (surface);
  int width = cairo_image_surface_get_width (surface);
  int height = cairo_image_surface_get_height (surface);
  int x0 = MAX (0, (int) (rect->x1 * scale)), x1 = MIN (width, (int) (rect->x2 * scale + 1));
  int y0 = MAX (0, (int) (rect->y1 * scale)), y1 = MIN (height, (int) (rect->y2 * scale + 1));
  guint lightest = 0, darkest = 255;

  for (int y = y0; y < y1; y++)
    for (int x = x0; x < x1; x++)
      {
        guint32 pixel = *(const guint32 *) (data + y * stride + 4 * x);
        guint luma = (((pixel >> 16) & 0xff) * 3 + ((pixel >> 8) & 0xff) * 6 + (pixel & 0xff)) / 10;

        lightest = MAX (lightest, luma);
        darkest = MIN (darkest, luma);
      }

  return lightest >= darkest + 60;
}

/* Every character of the PDF's text, rendered by poppler, has ink in its box: none is printed blank. Returns
 * how many times @witness was checked. */
static guint
check_inked (const char *path,
             gunichar    witness)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *uri = g_filename_to_uri (path, NULL, &error);
  PopplerDocument *document;
  const double scale = 150.0 / 72;   /* 150 dpi */
  guint n_witness = 0;

  g_assert_no_error (error);
  document = poppler_document_new_from_file (uri, NULL, &error);
  g_assert_no_error (error);
  for (int p = 0; p < poppler_document_get_n_pages (document); p++)
    {
      PopplerPage *page = poppler_document_get_page (document, p);
      g_autofree char *text = poppler_page_get_text (page);
      g_autofree PopplerRectangle *rects = NULL;
      guint n_rects = 0;
      double w, h;
      cairo_surface_t *surface;
      cairo_t *cr;
      const char *c = text;

      poppler_page_get_size (page, &w, &h);
      surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, (int) (w * scale), (int) (h * scale));
      cr = cairo_create (surface);
      cairo_set_source_rgb (cr, 1, 1, 1);
      cairo_paint (cr);
      cairo_scale (cr, scale, scale);
      poppler_page_render_for_printing (page, cr);
      cairo_destroy (cr);
      cairo_surface_flush (surface);

      g_assert_true (poppler_page_get_text_layout (page, &rects, &n_rects));
      g_assert_cmpuint (n_rects, ==, g_utf8_strlen (text, -1));
      for (guint i = 0; i < n_rects; i++, c = g_utf8_next_char (c))
        {
          gunichar ch = g_utf8_get_char (c);

          if (g_unichar_isspace (ch) || ch == 0x3000)
            continue;
          if (!has_ink (surface, scale, &rects[i]))
            {
              char utf8[8] = { 0 };

              g_unichar_to_utf8 (ch, utf8);
              g_error ("%s, page %d: “%s” (U+%04X) is printed blank", path, p + 1, utf8, ch);
            }
          n_witness += ch == witness;
        }
      cairo_surface_destroy (surface);
      g_object_unref (page);
    }
  g_object_unref (document);

  return n_witness;
}
#endif

/* No character of any report is printed blank: rasterized by poppler, every character's box has ink. The
 * dossier's “签署情况如下” among them: cairo's subset of Noto Sans CJK SC Regular printed 如 blank. */
static void
test_glyphs_inked (Fixture       *f,
                   gconstpointer  data)
{
#ifdef HAVE_POPPLER_GLIB
  fill_project (f);
  for (guint k = 0; reslib_report_kinds[k] != NULL; k++)
    {
      g_autofree char *path = write_report (f, reslib_report_kinds[k]);

      g_assert_cmpuint (check_inked (path, 0x5982 /* 如 */), >=, 1);
    }
#else
  g_test_skip ("poppler-glib (Debian: libpoppler-glib-dev) is needed to rasterize the reports");
#endif
}

/* The render time of a 2,000-resource project; bench-report asserts the target. */
static void
test_large (Fixture       *f,
            gconstpointer  data)
{
  g_autofree char *path = NULL;
  g_autofree char *text = NULL;
  gint64 start;

  fill_project (f);
  reslib_test_fill_resources (f->store, f->project, 2000, TRUE);
  start = g_get_monotonic_time ();
  path = write_report (f, "progress");
  g_test_message ("2,000 resources: progress report in %.3f s", (g_get_monotonic_time () - start) / 1e6);
  if (!have_poppler ())
    {
      g_test_skip ("pdftotext (poppler-utils) is needed to read the report; it was written");
      return;
    }
  text = run_tool ("pdftotext", "-q", path);
  g_assert_nonnull (strstr (text, "资源总数：2003 个。"));
  g_assert_nonnull (strstr (text, "其余 1803 项从略"));
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  /* Not G_TEST_OPTION_ISOLATE_DIRS: MIME sniffing and fontconfig need the system's databases and caches. */
  g_test_init (&argc, &argv, NULL);
  reslib_core_init ();

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/report/kinds", test_kinds);
  ADD ("/report/statistics", test_statistics);
  ADD ("/report/acceptance-parts", test_acceptance_parts);
  ADD ("/report/update-rate-profile", test_update_rate_profile);
  ADD ("/report/usage", test_usage);
  ADD ("/report/deterministic", test_deterministic);
  ADD ("/report/empty-project", test_empty_project);
  ADD ("/report/errors", test_errors);
  ADD ("/report/async", test_async);
  ADD ("/report/job/sync-async", test_job_sync_async);
  ADD ("/report/job/cancel", test_job_cancel);
  ADD ("/report/glyphs-inked", test_glyphs_inked);
  ADD ("/report/large", test_large);
#undef ADD

  return g_test_run ();
}
