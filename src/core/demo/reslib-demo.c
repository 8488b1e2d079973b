/* reslib-demo.c — a demo project, made at run time
 *
 * Everything here goes through the public store API, as a user of the core
 * would; the files of the demo resources are written by code into a temporary
 * folder, imported, and the folder is removed again. The Chinese texts are
 * data (what a Henan school would enter), not user interface strings.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "reslib-demo.h"
#include "reslib-importer.h"

#define DEMO_PROJECT_NAME "数控技术专业教学资源库（演示）"

/* ---------------------------------------------------------------------------------------------- */
/* The demo files                                                                                  */

static const char demo_svg[] =
  "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
  "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"640\" height=\"360\" viewBox=\"0 0 640 360\">\n"
  "  <title>数控车床结构示意图</title>\n"
  "  <rect width=\"640\" height=\"360\" fill=\"#f6f5f4\"/>\n"
  "  <rect x=\"40\" y=\"250\" width=\"560\" height=\"40\" rx=\"4\" fill=\"#77767b\"/>\n"
  "  <rect x=\"60\" y=\"110\" width=\"130\" height=\"140\" rx=\"6\" fill=\"#1c71d8\"/>\n"
  "  <rect x=\"190\" y=\"150\" width=\"30\" height=\"60\" fill=\"#3d3846\"/>\n"
  "  <rect x=\"220\" y=\"168\" width=\"220\" height=\"24\" rx=\"3\" fill=\"#c0bfbc\" stroke=\"#5e5c64\"/>\n"
  "  <rect x=\"470\" y=\"140\" width=\"100\" height=\"110\" rx=\"6\" fill=\"#26a269\"/>\n"
  "  <rect x=\"440\" y=\"174\" width=\"30\" height=\"12\" fill=\"#5e5c64\"/>\n"
  "  <rect x=\"300\" y=\"200\" width=\"70\" height=\"50\" rx=\"4\" fill=\"#e5a50a\"/>\n"
  "  <polygon points=\"320,200 335,192 350,200\" fill=\"#a51d2d\"/>\n"
  "  <g font-family=\"sans-serif\" font-size=\"16\" fill=\"#241f31\" text-anchor=\"middle\">\n"
  "    <text x=\"125\" y=\"100\">主轴箱</text>\n"
  "    <text x=\"205\" y=\"140\">卡盘</text>\n"
  "    <text x=\"330\" y=\"160\">工件</text>\n"
  "    <text x=\"335\" y=\"275\" fill=\"#ffffff\">床身与导轨</text>\n"
  "    <text x=\"335\" y=\"235\">刀架</text>\n"
  "    <text x=\"520\" y=\"130\">尾座</text>\n"
  "    <text x=\"320\" y=\"40\" font-size=\"22\">数控车床结构示意图</text>\n"
  "  </g>\n"
  "</svg>\n";

static const char demo_lesson[] =
  "# G 代码编程入门\n"
  "\n"
  "本讲介绍数控车床常用的准备功能（G 代码）和辅助功能（M 代码）。\n"
  "\n"
  "## 学习目标\n"
  "\n"
  "1. 说出 G00、G01、G02、G03 的含义和格式；\n"
  "2. 区分模态代码与非模态代码；\n"
  "3. 能读懂简单的外圆车削程序。\n"
  "\n"
  "## 常用 G 代码\n"
  "\n"
  "| 代码 | 功能 | 说明 |\n"
  "|------|------|------|\n"
  "| G00 | 快速定位 | 刀具以最快速度移动到目标点，不切削 |\n"
  "| G01 | 直线插补 | 按 F 指定的进给速度直线切削 |\n"
  "| G02 | 顺时针圆弧插补 | 需给出终点和圆弧半径 R |\n"
  "| G03 | 逆时针圆弧插补 | 同上，方向相反 |\n"
  "\n"
  "## 常用 M 代码\n"
  "\n"
  "* M03：主轴正转　* M05：主轴停止　* M08：切削液开　* M30：程序结束并返回\n"
  "\n"
  "## 课堂练习\n"
  "\n"
  "阅读随附的外圆车削程序，指出每个程序段的作用。\n";

static const char demo_program[] =
  "(外圆车削程序示例 — 毛坯 φ40×80，材料 45 钢)\n"
  "O0001\n"
  "N10 G21 G40 G97 G99\n"
  "N20 T0101\n"
  "N30 M03 S800\n"
  "N40 G00 X42.0 Z2.0 M08\n"
  "N50 G01 X36.0 F0.2\n"
  "N60 Z-50.0\n"
  "N70 X40.0\n"
  "N80 G00 X100.0 Z100.0\n"
  "N90 M05 M09\n"
  "N100 M30\n";

/* cos and sin of a small angle by their series, so the core needs no libm. */
static void
small_angle_cos_sin (double  x,
                     double *c,
                     double *s)
{
  double term_c = 1.0, term_s = x;

  *c = 0.0;
  *s = 0.0;
  for (int n = 0; n < 12; n++)
    {
      *c += term_c;
      *s += term_s;
      term_c *= -x * x / ((2 * n + 1) * (2 * n + 2));
      term_s *= -x * x / ((2 * n + 2) * (2 * n + 3));
    }
}

static void
append_le16 (GByteArray *out,
             guint16     v)
{
  guint8 b[2] = { v & 0xff, v >> 8 };

  g_byte_array_append (out, b, 2);
}

static void
append_le32 (GByteArray *out,
             guint32     v)
{
  guint8 b[4] = { v & 0xff, (v >> 8) & 0xff, (v >> 16) & 0xff, v >> 24 };

  g_byte_array_append (out, b, 4);
}

/* A 16-bit mono PCM WAV file: two short tones (A5, then E6), with soft edges. */
static GBytes *
make_tone_wav (void)
{
  const guint rate = 16000;
  const guint tone_samples = rate * 6 / 10;
  const guint gap_samples = rate / 10;
  const double freqs[] = { 880.0, 1318.5 };
  const guint n_samples = 2 * tone_samples + gap_samples;
  GByteArray *out = g_byte_array_sized_new (44 + 2 * n_samples);

  g_byte_array_append (out, (const guint8 *) "RIFF", 4);
  append_le32 (out, 36 + 2 * n_samples);
  g_byte_array_append (out, (const guint8 *) "WAVEfmt ", 8);
  append_le32 (out, 16);
  append_le16 (out, 1);             /* PCM */
  append_le16 (out, 1);             /* mono */
  append_le32 (out, rate);
  append_le32 (out, rate * 2);      /* bytes per second */
  append_le16 (out, 2);             /* block align */
  append_le16 (out, 16);            /* bits per sample */
  g_byte_array_append (out, (const guint8 *) "data", 4);
  append_le32 (out, 2 * n_samples);

  for (guint t = 0; t < G_N_ELEMENTS (freqs); t++)
    {
      double c, s, y = 0.0, x = 1.0;   /* the unit phasor (x, y), rotated by w each sample */
      const guint fade = rate / 50;

      small_angle_cos_sin (2 * G_PI * freqs[t] / rate, &c, &s);
      for (guint i = 0; i < tone_samples; i++)
        {
          double gain = 0.4, nx;

          if (i < fade)
            gain *= (double) i / fade;
          else if (i >= tone_samples - fade)
            gain *= (double) (tone_samples - i) / fade;
          append_le16 (out, (guint16) (gint16) (y * gain * 32767.0));
          nx = x * c - y * s;
          y = x * s + y * c;
          x = nx;
        }
      if (t == 0)
        for (guint i = 0; i < gap_samples; i++)
          append_le16 (out, 0);
    }

  return g_byte_array_free_to_bytes (out);
}

/* ---------------------------------------------------------------------------------------------- */
/* Records                                                                                         */

typedef struct
{
  const char *file_name;
  const char *title;
  const char *type;            /* NULL: as the importer sniffs it */
  const char *description;
  const char *node;            /* key into the node table below */
  guint       unit;            /* index into the units */
  const char *authors[3];
  const char *keywords[4];
  int         review;          /* -1: stays a draft */
} DemoResource;

typedef struct
{
  ReslibStore *store;
  char        *project_id;
  char        *units[4];
  char        *course_id;
  GHashTable  *nodes;          /* short key → node id */
  char        *tmp_dir;
} Demo;

static void
demo_clear (Demo *demo)
{
  g_free (demo->project_id);
  for (guint i = 0; i < G_N_ELEMENTS (demo->units); i++)
    g_free (demo->units[i]);
  g_free (demo->course_id);
  g_clear_pointer (&demo->nodes, g_hash_table_unref);
  if (demo->tmp_dir != NULL)
    {
      g_autoptr(GDir) dir = g_dir_open (demo->tmp_dir, 0, NULL);
      const char *name;

      while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *path = g_build_filename (demo->tmp_dir, name, NULL);
          g_unlink (path);
        }
      g_rmdir (demo->tmp_dir);
      g_free (demo->tmp_dir);
    }
}

static char *
today_month_start (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  return g_date_time_format (now, "%Y-%m-01");
}

static gboolean
add_structure (Demo    *demo,
               GError **error)
{
  static const struct
  {
    const char *name;
    const char *kind;
    const char *role;
    const char *rank;
    const char *credit_code;
  } units[] = {
    { "河南示范职业技术学院", "higher-vocational", "host", "1", "12410000416001234E" },
    { "中原装备制造职业学院", "higher-vocational", "host", "2", "12410100416004566K" },
    { "郑州市示范中等职业学校", "secondary-vocational", "host", "3", "12410100416007898K" },
    { "河南精工数控机床有限公司", "enterprise", "participant", NULL, "91410100MA45DM0K3R" },
  };
  static const struct
  {
    guint       unit;
    const char *name;
    const char *title;
    const char *duty;
    const char *leader;
    const char *birth_year;
    const char *office;
    const char *dual_qualified;
    const char *enterprise;
  } members[] = {
    { 0, "王建华", "教授", "项目负责人", "yes", "1972", "智能制造学院院长", "yes", "no" },
    { 0, "李敏", "副教授", "课程负责人", "no", "1981", "数控技术教研室主任", "yes", "no" },
    { 1, "赵磊", "副教授", "资源建设", "no", "1979", NULL, "yes", "no" },
    { 2, "张伟", "高级讲师", "中职课程衔接", "no", "1984", NULL, "no", "no" },
    { 3, "陈强", "高级工程师", "企业技术专家", "no", "1976", "技术部经理", "no", "yes" },
  };
  static const struct
  {
    const char *key;
    const char *parent;        /* key of the parent, NULL for a module */
    const char *kind;
    const char *title;
  } nodes[] = {
    { "m1", NULL, "module", "模块一　数控车床认知" },
    { "k11", "m1", "knowledge", "数控车床的组成与工作原理" },
    { "s11", "m1", "skill", "数控车床安全操作规程" },
    { "m2", NULL, "module", "模块二　数控车削编程" },
    { "k21", "m2", "knowledge", "G 代码与 M 代码" },
    { "k22", "m2", "knowledge", "工件坐标系与对刀" },
    { "s21", "m2", "skill", "外圆车削程序编制" },
    { "m3", NULL, "module", "模块三　零件加工与检测" },
    { "s31", "m3", "skill", "轴类零件车削加工" },
  };
  static const char * const unit_fields[] = {
    "project_id", "name", "kind", "role", "host_rank", "credit_code", "position", NULL
  };
  static const char * const member_fields[] = {
    "project_id", "unit_id", "name", "title", "duty", "leader", "birth_year", "office", "dual_qualified",
    "enterprise", "position", NULL
  };
  static const char * const node_fields[] = { "course_id", "parent_id", "kind", "title", "position", NULL };
  g_autofree char *start = today_month_start ();
  g_autofree char *major = NULL;

  demo->project_id = reslib_store_create_project (demo->store, DEMO_PROJECT_NAME, "460103", "数控技术",
                                                  "higher", start, error);
  if (demo->project_id == NULL)
    return FALSE;

  if (!reslib_store_begin (demo->store, error))
    return FALSE;

  if (!reslib_store_update (demo->store, RESLIB_KIND_PROJECT, demo->project_id,
                            (const char * const[]) { "description", "industry_chain", "contact_name",
                                                     "contact_phone", "contact_email", NULL },
                            (const char * const[]) {
                              "面向河南省先进制造业集群，建设数控技术专业结构化课程与颗粒化资源，"
                              "服务职业院校教学、企业员工培训和社会学习者。这是一个演示项目。",
                              "先进制造业 · 高端装备", "王建华", "0371-00000000", "demo@example.com", NULL },
                            error))
    goto failed;

  major = reslib_store_insert (demo->store, RESLIB_KIND_MAJOR,
                               (const char * const[]) { "project_id", "role", "code", "name", NULL },
                               (const char * const[]) { demo->project_id, "served", "460104", "机械制造及自动化", NULL },
                               error);
  if (major == NULL)
    goto failed;
  g_clear_pointer (&major, g_free);
  major = reslib_store_insert (demo->store, RESLIB_KIND_MAJOR,
                               (const char * const[]) { "project_id", "role", "code", "name", NULL },
                               (const char * const[]) { demo->project_id, "served", "460301", "机电一体化技术", NULL },
                               error);
  if (major == NULL)
    goto failed;

  for (guint i = 0; i < G_N_ELEMENTS (units); i++)
    {
      g_autofree char *position = g_strdup_printf ("%u", i);

      demo->units[i] = reslib_store_insert (demo->store, RESLIB_KIND_UNIT, unit_fields,
                                            (const char * const[]) { demo->project_id, units[i].name,
                                                                     units[i].kind, units[i].role, units[i].rank,
                                                                     units[i].credit_code, position },
                                            error);
      if (demo->units[i] == NULL)
        goto failed;
    }

  for (guint i = 0; i < G_N_ELEMENTS (members); i++)
    {
      g_autofree char *id = NULL;
      g_autofree char *position = g_strdup_printf ("%u", i);

      id = reslib_store_insert (demo->store, RESLIB_KIND_MEMBER, member_fields,
                                (const char * const[]) { demo->project_id, demo->units[members[i].unit],
                                                         members[i].name, members[i].title, members[i].duty,
                                                         members[i].leader, members[i].birth_year,
                                                         members[i].office, members[i].dual_qualified,
                                                         members[i].enterprise, position },
                                error);
      if (id == NULL)
        goto failed;
    }

  demo->course_id = reslib_store_insert (demo->store, RESLIB_KIND_COURSE,
                                         (const char * const[]) { "project_id", "title", "kind", NULL },
                                         (const char * const[]) { demo->project_id, "数控车削编程与加工", "standardized", NULL },
                                         error);
  if (demo->course_id == NULL)
    goto failed;

  demo->nodes = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  for (guint i = 0; i < G_N_ELEMENTS (nodes); i++)
    {
      const char *parent = nodes[i].parent != NULL ? g_hash_table_lookup (demo->nodes, nodes[i].parent) : NULL;
      g_autofree char *position = g_strdup_printf ("%u", i);
      char *id;

      id = reslib_store_insert (demo->store, RESLIB_KIND_NODE, node_fields,
                                (const char * const[]) { demo->course_id, parent, nodes[i].kind, nodes[i].title,
                                                         position },
                                error);
      if (id == NULL)
        goto failed;
      g_hash_table_insert (demo->nodes, (gpointer) nodes[i].key, id);
    }

  return reslib_store_commit (demo->store, error);

failed:
  reslib_store_rollback (demo->store);
  return FALSE;
}

static gboolean
write_file (Demo        *demo,
            const char  *name,
            GBytes      *contents,
            GFile      **out_file,
            GError     **error)
{
  g_autofree char *path = g_build_filename (demo->tmp_dir, name, NULL);
  gsize len;
  const char *data = g_bytes_get_data (contents, &len);

  if (!g_file_set_contents (path, data, (gssize) len, error))
    return FALSE;
  *out_file = g_file_new_for_path (path);

  return TRUE;
}

static gboolean
add_resources (Demo          *demo,
               GCancellable  *cancellable,
               GError       **error)
{
  static const DemoResource resources[] = {
    { "数控车床结构示意图.svg", "数控车床结构示意图", NULL,
      "示意数控车床的主轴箱、卡盘、刀架、尾座和床身等主要部件。", "k11", 0,
      { "李敏", NULL }, { "数控车床", "结构", "示意图", NULL }, RESLIB_REVIEW_APPROVE },
    { "G代码编程入门.md", "G 代码编程入门", NULL,
      "讲解 G00、G01、G02、G03 等常用 G 代码和 M 代码，配课堂练习。", "k21", 0,
      { "李敏", "王建华", NULL }, { "G代码", "M代码", "编程", NULL }, RESLIB_REVIEW_SUBMIT },
    { "外圆车削程序示例.txt", "外圆车削程序示例", "case",
      "φ40 毛坯外圆粗车的完整数控程序，供学生逐段阅读。", "s21", 3,
      { "陈强", NULL }, { "外圆车削", "程序", "案例", NULL }, -1 },
    { "主轴启停提示音.wav", "主轴启停提示音", NULL,
      "安全操作训练中使用的主轴启动与停止提示音。", "s11", 2,
      { "张伟", NULL }, { "安全操作", "提示音", NULL }, -1 },
  };
  g_autoptr(GBytes) wav = make_tone_wav ();

  for (guint i = 0; i < G_N_ELEMENTS (resources); i++)
    {
      const DemoResource *r = &resources[i];
      g_autoptr(ReslibImporter) importer = NULL;
      g_autoptr(GBytes) bytes = NULL;
      g_autoptr(GFile) file = NULL;
      const char *node_id = g_hash_table_lookup (demo->nodes, r->node);
      const char * const *ids;

      if (g_str_has_suffix (r->file_name, ".svg"))
        bytes = g_bytes_new_static (demo_svg, strlen (demo_svg));
      else if (g_str_has_suffix (r->file_name, ".md"))
        bytes = g_bytes_new_static (demo_lesson, strlen (demo_lesson));
      else if (g_str_has_suffix (r->file_name, ".wav"))
        bytes = g_bytes_ref (wav);
      else
        bytes = g_bytes_new_static (demo_program, strlen (demo_program));

      if (!write_file (demo, r->file_name, bytes, &file, error))
        return FALSE;

      importer = reslib_importer_new (demo->store, demo->project_id);
      reslib_importer_add_file (importer, file);
      reslib_importer_set_field (importer, "title", r->title);
      reslib_importer_set_field (importer, "description", r->description);
      reslib_importer_set_field (importer, "unit_id", demo->units[r->unit]);
      reslib_importer_set_field (importer, "origin", "original");
      if (r->type != NULL)
        reslib_importer_set_field (importer, "type", r->type);
      reslib_importer_set_list (importer, "authors", r->authors);
      reslib_importer_set_list (importer, "keywords", r->keywords);
      reslib_importer_set_list (importer, "nodes", (const char * const[]) { node_id, NULL });
      if (!reslib_job_run (RESLIB_JOB (importer), cancellable, error))
        return FALSE;

      ids = reslib_importer_get_resource_ids (importer);
      if (r->review >= 0 && ids != NULL && ids[0] != NULL)
        {
          if (!reslib_store_review (demo->store, (const char * const[]) { ids[0], NULL },
                                    RESLIB_REVIEW_SUBMIT, NULL, error))
            return FALSE;
          if (r->review == RESLIB_REVIEW_APPROVE &&
              !reslib_store_review (demo->store, (const char * const[]) { ids[0], NULL },
                                    RESLIB_REVIEW_APPROVE, "结构清晰，标注准确。", error))
            return FALSE;
        }
    }

  return TRUE;
}

/**
 * reslib_demo_create:
 * @store: the store to add the demo project to
 * @cancellable: (nullable): to stop the import of the demo files
 *
 * Creates the demo project: a core and two served majors, three host units
 * and an enterprise, a small team, a standardized course with modules,
 * knowledge and skill points, and a few resources (an SVG image, a Markdown
 * lesson, an NC program and a WAV tone) whose files are written on the spot,
 * imported and linked to the course. All or nothing: on failure the project
 * is removed again.
 *
 * Returns: (transfer full): the new project's id, or %NULL with @error set.
 */
char *
reslib_demo_create (ReslibStore   *store,
                    GCancellable  *cancellable,
                    GError       **error)
{
  Demo demo = { .store = store };
  g_autoptr(GError) local_error = NULL;
  char *id = NULL;

  g_return_val_if_fail (RESLIB_IS_STORE (store), NULL);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), NULL);

  demo.tmp_dir = g_dir_make_tmp ("reslib-demo-XXXXXX", &local_error);
  if (demo.tmp_dir != NULL &&
      add_structure (&demo, &local_error) &&
      add_resources (&demo, cancellable, &local_error))
    id = g_steal_pointer (&demo.project_id);

  if (id == NULL && demo.project_id != NULL)
    reslib_store_delete (store, RESLIB_KIND_PROJECT, demo.project_id, NULL);
  demo_clear (&demo);

  if (local_error != NULL)
    g_propagate_error (error, g_steal_pointer (&local_error));

  return id;
}

/**
 * reslib_demo_find:
 *
 * Returns: (transfer full) (nullable): the id of the first project named like the demo project,
 *   or %NULL when there is none (or with @error set when the store cannot be read).
 */
char *
reslib_demo_find (ReslibStore  *store,
                  GError      **error)
{
  g_autoptr(GListModel) projects = NULL;

  g_return_val_if_fail (RESLIB_IS_STORE (store), NULL);

  projects = reslib_store_list (store, RESLIB_KIND_PROJECT, NULL, error);
  if (projects == NULL)
    return NULL;
  for (guint i = 0; i < g_list_model_get_n_items (projects); i++)
    {
      g_autoptr(ReslibRecord) project = g_list_model_get_item (projects, i);

      if (g_strcmp0 (reslib_record_get (project, "name"), DEMO_PROJECT_NAME) == 0)
        return g_strdup (reslib_record_get_id (project));
    }

  return NULL;
}
