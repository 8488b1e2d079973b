/* test-validate.c — rule profiles and the checks, rule by rule
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <locale.h>
#include <sqlite3.h>
#include <string.h>

#include "reslib-test-utils.h"
#include "reslib-findings-export.h"
#include "reslib-sheet-reader.h"
#include "reslib-validator.h"

typedef struct
{
  char          *dir;
  char          *files;
  ReslibStore   *store;
  ReslibProfile *profile;
  char          *project;
  char          *host;
  char          *partner;
  char          *course;
  char          *module;
  char          *point;
  char          *skill;
  char          *res_a;
  char          *res_b;
} Fixture;

static void
set (Fixture    *f,
     ReslibKind  kind,
     const char *id,
     const char *field,
     const char *value)
{
  g_autoptr(GError) error = NULL;

  if (g_str_equal (field, "authors") || g_str_equal (field, "keywords") || g_str_equal (field, "nodes"))
    {
      g_auto(GStrv) parts = g_strsplit (value ? value : "", ",", -1);
      reslib_store_set_list (f->store, id, field, (const char * const *) parts, &error);
    }
  else
    reslib_store_update (f->store, kind, id, (const char * const[]) { field, NULL }, (const char * const[]) { value },
                         &error);
  g_assert_no_error (error);
}

static char *
import (Fixture    *f,
        const char *name,
        const char *contents,
        gssize      len)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = reslib_test_write_file (f->files, name, contents, len);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(ReslibImporter) importer = reslib_importer_new (f->store, f->project);

  reslib_importer_add_file (importer, file);
  g_assert_true (reslib_job_run (RESLIB_JOB (importer), NULL, &error));
  g_assert_no_error (error);

  return g_strdup (reslib_importer_get_resource_ids (importer)[0]);
}

/* A resource that passes every rule. */
static char *
good_resource (Fixture    *f,
               const char *name,
               const char *contents,
               const char *node)
{
  char *id = import (f, name, contents, -1);

  set (f, RESLIB_KIND_RESOURCE, id, "description", "讲解车床的安全操作要点");
  set (f, RESLIB_KIND_RESOURCE, id, "unit_id", f->host);
  set (f, RESLIB_KIND_RESOURCE, id, "authors", "王老师");
  set (f, RESLIB_KIND_RESOURCE, id, "keywords", "数控,安全");
  set (f, RESLIB_KIND_RESOURCE, id, "nodes", node);

  return id;
}

/* A project that passes every rule of the Henan profile. */
static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *data_dir = NULL;
  char *decl;

  f->dir = reslib_test_make_tmp_dir ("reslib-validate-XXXXXX");
  data_dir = g_build_filename (f->dir, "data", NULL);
  f->files = g_build_filename (f->dir, "files", NULL);
  f->store = reslib_test_open_store (data_dir);
  f->profile = reslib_profile_load_default (&error);
  g_assert_no_error (error);
  f->project = reslib_test_new_project (f->store, "数控技术专业教学资源库");

  reslib_store_update (f->store, RESLIB_KIND_PROJECT, f->project,
                       (const char * const[]) { "industry_chain", "description", "contact_name", "contact_phone",
                                                "contact_email", NULL },
                       (const char * const[]) { "先进装备", "面向先进装备制造", "张主任", "0371-12345678",
                                                "zhang@example.edu.cn" }, &error);
  g_assert_no_error (error);
  g_free (reslib_test_insert (f->store, RESLIB_KIND_MAJOR, (const char * const[]) { "project_id", "role", "code", "name", NULL },
                  (const char * const[]) { f->project, "served", "460104", "模具设计与制造" }));

  f->host = reslib_test_insert (f->store, RESLIB_KIND_UNIT,
                    (const char * const[]) { "project_id", "name", "kind", "role", "host_rank", "credit_code", NULL },
                    (const char * const[]) { f->project, "河南工业职业技术学院", "higher-vocational", "host", "1",
                                             "124100004158005774" });
  f->partner = reslib_test_insert (f->store, RESLIB_KIND_UNIT,
                       (const char * const[]) { "project_id", "name", "kind", "role", "credit_code", NULL },
                       (const char * const[]) { f->project, "某数控机床有限公司", "enterprise", "participant",
                                                "91330100716105852F" });
  decl = reslib_test_insert (f->store, RESLIB_KIND_DECLARATION, (const char * const[]) { "project_id", "unit_id", "signed_by", NULL },
                 (const char * const[]) { f->project, f->host, "校长" });
  g_free (decl);
  decl = reslib_test_insert (f->store, RESLIB_KIND_DECLARATION, (const char * const[]) { "project_id", "unit_id", "signed_by", NULL },
                 (const char * const[]) { f->project, f->partner, "总经理" });
  g_free (decl);

  /* The parts of the dossier a report shows as missing when they are not there */
  g_free (reslib_test_insert (f->store, RESLIB_KIND_MEMBER, (const char * const[]) { "project_id", "unit_id", "name", "title", "duty", NULL },
                  (const char * const[]) { f->project, f->host, "张伟", "教授", "项目负责人" }));
  g_free (reslib_test_insert (f->store, RESLIB_KIND_MILESTONE, (const char * const[]) { "project_id", "title", "due_date", NULL },
                  (const char * const[]) { f->project, "完成课程体系设计", "2025-12-31" }));
  g_free (reslib_test_insert (f->store, RESLIB_KIND_BUDGET_LINE,
                  (const char * const[]) { "project_id", "unit_id", "source", "category", "amount_cents", NULL },
                  (const char * const[]) { f->project, f->host, "省级财政", "素材制作", "1000000" }));
  f->course = reslib_test_insert (f->store, RESLIB_KIND_COURSE, (const char * const[]) { "project_id", "title", NULL },
                      (const char * const[]) { f->project, "数控车削编程与加工" });
  f->module = reslib_test_insert (f->store, RESLIB_KIND_NODE, (const char * const[]) { "course_id", "kind", "title", NULL },
                      (const char * const[]) { f->course, "module", "模块一 安全文明生产" });
  f->point = reslib_test_insert (f->store, RESLIB_KIND_NODE, (const char * const[]) { "course_id", "parent_id", "kind", "title", NULL },
                     (const char * const[]) { f->course, f->module, "knowledge", "车床安全操作规程" });
  f->skill = reslib_test_insert (f->store, RESLIB_KIND_NODE, (const char * const[]) { "course_id", "parent_id", "kind", "title", NULL },
                     (const char * const[]) { f->course, f->module, "skill", "工件装夹" });
  f->res_a = good_resource (f, "安全规程.txt", "车床安全操作规程全文", f->point);
  f->res_b = good_resource (f, "装夹步骤.md", "# 工件装夹步骤", f->skill);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_object (&f->store);
  g_clear_object (&f->profile);
  reslib_test_rm_rf (f->dir);
  g_free (f->dir);
  g_free (f->files);
  g_free (f->project);
  g_free (f->host);
  g_free (f->partner);
  g_free (f->course);
  g_free (f->module);
  g_free (f->point);
  g_free (f->skill);
  g_free (f->res_a);
  g_free (f->res_b);
}

/* Runs the validator job in this thread: its findings (transfer full), or NULL with @error set. */
static GListModel *
run_validator (ReslibStore    *store,
               const char     *project_id,
               ReslibProfile  *profile,
               const char     *package_kind,
               GError        **error)
{
  g_autoptr(ReslibValidator) validator = reslib_validator_new (store, project_id, profile);

  reslib_validator_set_package_kind (validator, package_kind);
  if (!reslib_job_run (RESLIB_JOB (validator), NULL, error))
    return NULL;
  return g_object_ref (reslib_validator_get_findings (validator));
}

static GListModel *
validate_as (Fixture    *f,
             const char *package_kind)
{
  g_autoptr(GError) error = NULL;
  GListModel *findings = run_validator (f->store, f->project, f->profile, package_kind, &error);

  g_assert_no_error (error);
  g_assert_nonnull (findings);
  for (guint i = 0; i < g_list_model_get_n_items (findings); i++)
    {
      g_autoptr(ReslibFinding) finding = g_list_model_get_item (findings, i);
      g_test_message ("%s %s [%s %s] %s — %s", reslib_severity_to_string (reslib_finding_get_severity (finding)),
                      reslib_finding_get_rule (finding), reslib_finding_get_subject_kind (finding),
                      reslib_finding_get_subject_title (finding), reslib_finding_get_message (finding),
                      reslib_finding_get_hint (finding));
    }

  return findings;
}

static GListModel *
validate (Fixture *f)
{
  return validate_as (f, NULL);
}

/* How many findings of @rule about @subject_id (any subject when NULL). */
static guint
count (GListModel *findings,
       const char *rule,
       const char *subject_id)
{
  guint n = 0;

  for (guint i = 0; i < g_list_model_get_n_items (findings); i++)
    {
      g_autoptr(ReslibFinding) finding = g_list_model_get_item (findings, i);

      if (g_str_equal (reslib_finding_get_rule (finding), rule) &&
          (subject_id == NULL || g_strcmp0 (reslib_finding_get_subject_id (finding), subject_id) == 0))
        {
          g_assert_nonnull (reslib_finding_get_message (finding));
          g_assert_nonnull (reslib_finding_get_hint (finding));
          n++;
        }
    }

  return n;
}

/* The field the only finding of @rule names */
static const char *
field_of (GListModel *findings,
          const char *rule)
{
  const char *field = NULL;

  for (guint i = 0; i < g_list_model_get_n_items (findings); i++)
    {
      g_autoptr(ReslibFinding) finding = g_list_model_get_item (findings, i);

      if (g_str_equal (reslib_finding_get_rule (finding), rule))
        field = reslib_finding_get_field (finding);
    }

  return field;
}

static void
assert_only (GListModel *findings,
             const char *rule,
             const char *subject_id,
             guint       n)
{
  g_assert_cmpuint (count (findings, rule, subject_id), ==, n);
  g_assert_cmpuint (g_list_model_get_n_items (findings), ==, n);
}

/* ---------------------------------------------------------------------------------------------- */

static void
test_clean (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GListModel) findings = validate (f);

  g_assert_cmpuint (g_list_model_get_n_items (findings), ==, 0);
}

/* An online resource has no file: the rules of files skip it, and resource.url checks its address. */
static void
test_online (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) https = NULL;
  g_autoptr(GListModel) http = NULL;
  g_autofree char *id = reslib_store_add_online_resource (f->store, f->project, "数控车床仿真实训",
                                                          "https://mooc.example.edu.cn/course/42", &error);

  g_assert_no_error (error);
  set (f, RESLIB_KIND_RESOURCE, id, "description", "在平台上在线操作的仿真车床");
  set (f, RESLIB_KIND_RESOURCE, id, "type", "simulation");
  set (f, RESLIB_KIND_RESOURCE, id, "unit_id", f->host);
  set (f, RESLIB_KIND_RESOURCE, id, "authors", "王老师");
  set (f, RESLIB_KIND_RESOURCE, id, "keywords", "数控,仿真");
  set (f, RESLIB_KIND_RESOURCE, id, "nodes", f->skill);

  /* A simulation without a file of a simulation's format, no probe, no duplicate: nothing to say. */
  https = validate (f);
  g_assert_cmpuint (g_list_model_get_n_items (https), ==, 0);

  set (f, RESLIB_KIND_RESOURCE, id, "url", "http://mooc.example.edu.cn/course/42");
  http = validate (f);
  assert_only (http, "resource.url", id, 1);
  g_assert_cmpstr (field_of (http, "resource.url"), ==, "url");

  /* Not an address at all: the store refuses it. */
  g_assert_false (reslib_store_update (f->store, RESLIB_KIND_RESOURCE, id, (const char * const[]) { "url", NULL },
                                       (const char * const[]) { "mooc.example.edu.cn/course 42" }, &error));
  g_assert_error (error, RESLIB_ERROR, RESLIB_ERROR_INVALID);
}

static void
test_hosts (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GListModel) none = NULL;
  g_autoptr(GListModel) too_many = NULL;
  g_autoptr(GListModel) kind = NULL;
  g_autoptr(GListModel) first = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *bad_host = NULL;
  char *ids[3];

  /* No host at all. */
  set (f, RESLIB_KIND_UNIT, f->host, "role", "participant");
  none = validate (f);
  g_assert_cmpuint (count (none, "project.hosts.count", f->project), ==, 1);
  set (f, RESLIB_KIND_UNIT, f->host, "role", "host");

  /* Four hosts, one of them an enterprise: too many, and of a kind that may not host. */
  for (guint i = 0; i < 3; i++)
    {
      g_autofree char *name = g_strdup_printf ("第%u主持学校", i + 2);
      g_autofree char *rank = g_strdup_printf ("%u", i + 2);
      ids[i] = reslib_test_insert (f->store, RESLIB_KIND_UNIT,
                       (const char * const[]) { "project_id", "name", "kind", "role", "host_rank", NULL },
                       (const char * const[]) { f->project, name, i == 2 ? "enterprise" : "secondary-vocational", "host", rank });
      g_free (reslib_test_insert (f->store, RESLIB_KIND_DECLARATION, (const char * const[]) { "project_id", "unit_id", NULL },
                      (const char * const[]) { f->project, ids[i] }));
    }
  too_many = validate (f);
  g_assert_cmpuint (count (too_many, "project.hosts.count", f->project), ==, 1);
  g_assert_cmpuint (count (too_many, "project.hosts.kind", ids[2]), ==, 1);
  g_assert_cmpuint (count (too_many, "unit.credit-code", ids[0]), ==, 1);   /* hosts need a code */
  g_assert_cmpuint (count (too_many, "project.hosts.first", NULL), ==, 0);
  g_assert_true (reslib_store_delete (f->store, RESLIB_KIND_UNIT, ids[2], &error));

  /* Two first hosts (and the next ranks without a gap: the gap is project.hosts.rank's, tested apart). */
  set (f, RESLIB_KIND_UNIT, ids[0], "host_rank", "1");
  set (f, RESLIB_KIND_UNIT, ids[1], "host_rank", "2");
  set (f, RESLIB_KIND_UNIT, ids[0], "credit_code", "12410000MB1234567L");
  set (f, RESLIB_KIND_UNIT, ids[1], "credit_code", "52410100MJ12345674");
  first = validate (f);
  assert_only (first, "project.hosts.first", f->project, 1);

  for (guint i = 0; i < 3; i++)
    g_free (ids[i]);
  (void) bad_host;
  (void) kind;
}

/* One project leader: the store refuses a second, by an edit or with a new member; two from before (written
 * behind the store's back, as an older store or a merged package may have them) are an error of the checks. */
static void
test_leader (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) one = NULL;
  g_autoptr(GListModel) two = NULL;
  g_autofree char *db = g_build_filename (f->dir, "data", "library.db", NULL);
  g_autofree char *sql = NULL;
  g_autofree char *lead = reslib_test_insert (f->store, RESLIB_KIND_MEMBER,
                                  (const char * const[]) { "project_id", "unit_id", "name", "leader", NULL },
                                  (const char * const[]) { f->project, f->host, "李教授", "yes" });
  g_autofree char *other = reslib_test_insert (f->store, RESLIB_KIND_MEMBER,
                                   (const char * const[]) { "project_id", "unit_id", "name", NULL },
                                   (const char * const[]) { f->project, f->partner, "周工" });
  g_autoptr(ReslibRecord) record = NULL;
  guint n_members = reslib_store_count (f->store, RESLIB_KIND_MEMBER, f->project, NULL);
  char *refused;

  one = validate (f);
  g_assert_cmpuint (count (one, "project.leader", NULL), ==, 0);

  g_assert_false (reslib_store_update (f->store, RESLIB_KIND_MEMBER, other, (const char * const[]) { "leader", NULL },
                                       (const char * const[]) { "yes" }, &error));
  g_assert_error (error, RESLIB_ERROR, RESLIB_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "李教授"));
  g_assert_nonnull (strstr (error->message, "周工"));
  g_test_message ("%s", error->message);
  g_clear_error (&error);
  record = reslib_store_get (f->store, RESLIB_KIND_MEMBER, other, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (reslib_record_get (record, "leader"), ==, "no");

  refused = reslib_store_insert (f->store, RESLIB_KIND_MEMBER,
                                 (const char * const[]) { "project_id", "unit_id", "name", "leader", NULL },
                                 (const char * const[]) { f->project, f->partner, "吴工", "yes" }, &error);
  g_assert_null (refused);
  g_assert_error (error, RESLIB_ERROR, RESLIB_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpuint (reslib_store_count (f->store, RESLIB_KIND_MEMBER, f->project, NULL), ==, n_members);

  /* The leader handed over: the old one first, then the new one */
  set (f, RESLIB_KIND_MEMBER, lead, "leader", "no");
  set (f, RESLIB_KIND_MEMBER, other, "leader", "yes");
  /* Another member's other fields still change */
  set (f, RESLIB_KIND_MEMBER, other, "title", "高级工程师");

  sql = g_strdup_printf ("UPDATE members SET leader = 'yes' WHERE id = '%s'", lead);
  reslib_test_sql_exec (db, sql);
  two = validate (f);
  g_assert_cmpuint (count (two, "project.leader", f->project), ==, 1);
  g_assert_cmpuint (count (two, "project.leader", NULL), ==, 1);
}

/* Host ranks: two hosts with the same rank, a participant with a rank, a gap, a host without a rank. */
static void
test_host_ranks (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GListModel) same = NULL;
  g_autoptr(GListModel) gap = NULL;
  g_autoptr(GListModel) unranked = NULL;
  g_autoptr(GListModel) participant = NULL;
  g_autoptr(GListModel) good = NULL;
  char *ids[2];

  for (guint i = 0; i < 2; i++)
    {
      g_autofree char *name = g_strdup_printf ("第%u主持学校", i + 2);
      static const char * const codes[] = { "12410000MB1234567L", "52410100MJ12345674" };

      ids[i] = reslib_test_insert (f->store, RESLIB_KIND_UNIT,
                       (const char * const[]) { "project_id", "name", "kind", "role", "host_rank", "credit_code", NULL },
                       (const char * const[]) { f->project, name, "secondary-vocational", "host", "2", codes[i] });
      g_free (reslib_test_insert (f->store, RESLIB_KIND_DECLARATION, (const char * const[]) { "project_id", "unit_id", NULL },
                      (const char * const[]) { f->project, ids[i] }));
    }
  /* Two hosts ranked 2 */
  same = validate (f);
  assert_only (same, "project.hosts.rank", ids[1], 1);

  /* 1, 2, 4: a gap */
  set (f, RESLIB_KIND_UNIT, ids[1], "host_rank", "4");
  gap = validate (f);
  assert_only (gap, "project.hosts.rank", f->project, 1);

  /* A second host without a rank */
  set (f, RESLIB_KIND_UNIT, ids[1], "host_rank", NULL);
  unranked = validate (f);
  assert_only (unranked, "project.hosts.rank", ids[1], 1);

  /* 1, 2, 3 pass; a participant with a host rank does not */
  set (f, RESLIB_KIND_UNIT, ids[1], "host_rank", "3");
  good = validate (f);
  g_assert_cmpuint (g_list_model_get_n_items (good), ==, 0);
  set (f, RESLIB_KIND_UNIT, f->partner, "host_rank", "2");
  participant = validate (f);
  assert_only (participant, "project.hosts.rank", f->partner, 1);

  for (guint i = 0; i < 2; i++)
    g_free (ids[i]);
}

static void
test_participants_from_profile (Fixture       *f,
                                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = g_resources_lookup_data ("/io/github/reslib/core/profiles/henan-2024.json", 0, &error);
  g_autofree char *text = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  g_autoptr(GString) edited = g_string_new (text);
  g_autoptr(GListModel) findings = NULL;
  g_autoptr(ReslibProfile) strict = NULL;

  /* The same rule, with another list in the profile, gives another answer. */
  g_assert_cmpuint (g_string_replace (edited,
                                      "\"allowed\": [\"secondary-vocational\", \"higher-vocational\", \"university\", \"industry\", \"enterprise\", \"research\"]",
                                      "\"allowed\": [\"university\"]", 1), ==, 1);
  strict = reslib_profile_load_data ("strict.json", edited->str, -1, &error);
  g_assert_no_error (error);
  g_set_object (&f->profile, strict);
  findings = validate (f);
  assert_only (findings, "project.participants.kind", f->partner, 1);
}

static void
test_majors (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GListModel) served = NULL;
  g_autoptr(GListModel) no_core = NULL;
  g_autoptr(GListModel) list = NULL;
  g_autoptr(ReslibRecord) core = NULL;
  g_autoptr(GError) error = NULL;
  char *same;

  for (guint i = 0; i < 5; i++)
    {
      g_autofree char *code = g_strdup_printf ("46020%u", i);
      g_autofree char *name = g_strdup_printf ("服务专业%u", i);
      g_free (reslib_test_insert (f->store, RESLIB_KIND_MAJOR, (const char * const[]) { "project_id", "role", "code", "name", NULL },
                      (const char * const[]) { f->project, "served", code, name }));
    }
  same = reslib_test_insert (f->store, RESLIB_KIND_MAJOR, (const char * const[]) { "project_id", "role", "code", "name", NULL },
                 (const char * const[]) { f->project, "served", "46010", "数控技术" });
  served = validate (f);
  g_assert_cmpuint (count (served, "project.majors.served", f->project), ==, 1);
  g_assert_cmpuint (count (served, "project.majors.distinct", same), ==, 1);
  g_assert_cmpuint (count (served, "project.majors.code", same), ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (served), ==, 3);

  /* By code as well as by name; codes of the catalogue's levels */
  {
    g_autoptr(GListModel) by_code = NULL;
    g_autoptr(GListModel) levels = NULL;
    g_autoptr(GListModel) secondary = NULL;
    g_autoptr(GListModel) fine = NULL;
    g_autoptr(GListModel) majors = reslib_store_list (f->store, RESLIB_KIND_MAJOR, f->project, &error);
    g_autofree char *core_id = NULL;
    g_autofree char *served_id = NULL;

    for (guint i = 0; i < g_list_model_get_n_items (majors); i++)
      {
        g_autoptr(ReslibRecord) m = g_list_model_get_item (majors, i);

        if (g_strcmp0 (reslib_record_get (m, "role"), "core") == 0)
          core_id = g_strdup (reslib_record_get_id (m));
        else if (g_strcmp0 (reslib_record_get (m, "code"), "460104") == 0)
          served_id = g_strdup (reslib_record_get_id (m));
      }
    g_assert_true (reslib_store_delete (f->store, RESLIB_KIND_MAJOR, same, &error));
    for (guint i = 0; i < 5; i++)
      {
        g_autofree char *code = g_strdup_printf ("46020%u", i);
        g_autoptr(GListModel) all = reslib_store_list (f->store, RESLIB_KIND_MAJOR, f->project, &error);

        for (guint j = 0; j < g_list_model_get_n_items (all); j++)
          {
            g_autoptr(ReslibRecord) m = g_list_model_get_item (all, j);
            if (g_strcmp0 (reslib_record_get (m, "code"), code) == 0)
              g_assert_true (reslib_store_delete (f->store, RESLIB_KIND_MAJOR, reslib_record_get_id (m), &error));
          }
      }
    fine = validate (f);
    g_assert_cmpuint (g_list_model_get_n_items (fine), ==, 0);

    /* A served major named otherwise but with the core major's code (the store keeps one row per code, so
     * the code differs by a space) */
    set (f, RESLIB_KIND_MAJOR, served_id, "code", "460103 ");
    by_code = validate (f);
    g_assert_cmpuint (count (by_code, "project.majors.distinct", served_id), ==, 1);
    g_assert_cmpuint (count (by_code, "project.majors.code", served_id), ==, 1);
    g_assert_cmpuint (g_list_model_get_n_items (by_code), ==, 2);
    set (f, RESLIB_KIND_MAJOR, served_id, "code", "460104");

    /* A code of no level (1x), and a 中职 core major in a 高职 project */
    set (f, RESLIB_KIND_MAJOR, served_id, "code", "160104");
    levels = validate (f);
    assert_only (levels, "project.majors.code", served_id, 1);
    set (f, RESLIB_KIND_MAJOR, served_id, "code", "660104");   /* a served major may be of another level */
    set (f, RESLIB_KIND_MAJOR, core_id, "code", "660103");
    secondary = validate (f);
    assert_only (secondary, "project.majors.code", core_id, 1);
    set (f, RESLIB_KIND_PROJECT, f->project, "level", "secondary");
    g_clear_object (&fine);
    fine = validate (f);
    g_assert_cmpuint (g_list_model_get_n_items (fine), ==, 0);
    set (f, RESLIB_KIND_PROJECT, f->project, "level", "higher");
    set (f, RESLIB_KIND_MAJOR, core_id, "code", "460103");
    set (f, RESLIB_KIND_MAJOR, served_id, "code", "460104");
  }
  g_free (same);

  list = reslib_store_list (f->store, RESLIB_KIND_MAJOR, f->project, &error);
  core = g_list_model_get_item (list, 0);
  g_assert_cmpstr (reslib_record_get (core, "role"), ==, "core");
  g_assert_true (reslib_store_delete (f->store, RESLIB_KIND_MAJOR, reslib_record_get_id (core), &error));
  no_core = validate (f);
  g_assert_cmpuint (count (no_core, "project.majors.core", f->project), ==, 1);
}

static void
test_dossier (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GListModel) missing = NULL;
  g_autoptr(GListModel) period = NULL;
  g_autoptr(GListModel) backwards = NULL;
  g_autoptr(GListModel) chain = NULL;
  /* 对接产业/领域: a cluster, a chain, a niche chain, a priority field of the plan */
  static const char * const good_chains[] = { "新材料", "超硬材料", "N:工业母机", "智能传感器", "托育", "现代农业" };

  set (f, RESLIB_KIND_PROJECT, f->project, "description", NULL);
  set (f, RESLIB_KIND_PROJECT, f->project, "contact_email", NULL);
  missing = validate (f);
  assert_only (missing, "project.dossier.required", f->project, 2);
  /* The app shows these: the fields by the names the Dossier page gives them, no ids, no commands. */
  for (guint i = 0; i < g_list_model_get_n_items (missing); i++)
    {
      g_autoptr(ReslibFinding) finding = g_list_model_get_item (missing, i);

      g_assert_null (strstr (reslib_finding_get_message (finding), "contact_email"));
      g_assert_null (strstr (reslib_finding_get_message (finding), "(description)"));
      g_assert_null (strstr (reslib_finding_get_hint (finding), "reslib "));
      g_assert_true (strstr (reslib_finding_get_message (finding), "“Contact email”") != NULL ||
                     strstr (reslib_finding_get_message (finding), "“Description”") != NULL);
    }
  set (f, RESLIB_KIND_PROJECT, f->project, "description", "x");
  set (f, RESLIB_KIND_PROJECT, f->project, "contact_email", "a@b.cn");

  set (f, RESLIB_KIND_PROJECT, f->project, "end_date", "2026-06-30");
  period = validate (f);
  assert_only (period, "project.period", f->project, 1);
  set (f, RESLIB_KIND_PROJECT, f->project, "end_date", "2025-01-01");
  backwards = validate (f);
  assert_only (backwards, "project.period", f->project, 1);
  set (f, RESLIB_KIND_PROJECT, f->project, "end_date", "2026-09-01");

  /* “1 年” the Chinese way: 2025-09-01 至 2026-08-31; two days short is not a year */
  {
    g_autoptr(GListModel) chinese = NULL;
    g_autoptr(GListModel) short_year = NULL;
    g_autoptr(GListModel) december = NULL;
    g_autoptr(GListModel) strict_findings = NULL;
    g_autoptr(ReslibProfile) strict = NULL;
    g_autoptr(GError) error = NULL;
    g_autoptr(GBytes) bytes = g_resources_lookup_data ("/io/github/reslib/core/profiles/henan-2024.json", 0, &error);
    g_autoptr(GString) edited = g_string_new_len (g_bytes_get_data (bytes, NULL), (gssize) g_bytes_get_size (bytes));
    g_autoptr(ReslibRecord) project = NULL;

    set (f, RESLIB_KIND_PROJECT, f->project, "end_date", "2026-08-31");
    chinese = validate (f);
    g_assert_cmpuint (g_list_model_get_n_items (chinese), ==, 0);
    /* The store keeps the end date the user gave */
    project = reslib_store_get (f->store, RESLIB_KIND_PROJECT, f->project, &error);
    g_assert_cmpstr (reslib_record_get (project, "end_date"), ==, "2026-08-31");

    set (f, RESLIB_KIND_PROJECT, f->project, "end_date", "2026-08-30");
    short_year = validate (f);
    assert_only (short_year, "project.period", f->project, 1);
    {
      g_autoptr(ReslibFinding) finding = g_list_model_get_item (short_year, 0);
      g_assert_nonnull (strstr (reslib_finding_get_message (finding), "2026-08-31"));
    }

    /* The example: 2026-12-01 至 2027-11-30 */
    set (f, RESLIB_KIND_PROJECT, f->project, "start_date", "2026-12-01");
    set (f, RESLIB_KIND_PROJECT, f->project, "end_date", "2027-11-30");
    december = validate (f);
    g_assert_cmpuint (g_list_model_get_n_items (december), ==, 0);

    /* A profile that counts only the anniversary refuses it */
    g_assert_cmpuint (g_string_replace (edited, "\"end_forms\": [\"day-before\", \"anniversary\"]",
                                        "\"end_forms\": [\"anniversary\"]", 1), ==, 1);
    strict = reslib_profile_load_data ("strict.json", edited->str, -1, &error);
    g_assert_no_error (error);
    g_set_object (&f->profile, strict);
    strict_findings = validate (f);
    assert_only (strict_findings, "project.period", f->project, 1);
    set (f, RESLIB_KIND_PROJECT, f->project, "end_date", "2027-12-01");
    g_clear_object (&strict_findings);
    strict_findings = validate (f);
    g_assert_cmpuint (g_list_model_get_n_items (strict_findings), ==, 0);
    set (f, RESLIB_KIND_PROJECT, f->project, "start_date", "2025-09-01");
    set (f, RESLIB_KIND_PROJECT, f->project, "end_date", "2026-09-01");
  }

  for (guint i = 0; i < G_N_ELEMENTS (good_chains); i++)
    {
      g_autoptr(GListModel) ok = NULL;
      set (f, RESLIB_KIND_PROJECT, f->project, "industry_chain", good_chains[i]);
      ok = validate (f);
      g_assert_cmpuint (g_list_model_get_n_items (ok), ==, 0);
    }
  set (f, RESLIB_KIND_PROJECT, f->project, "industry_chain", "区块链");
  chain = validate (f);
  /* Free text is no error nor warning: a note, to check its spelling */
  assert_only (chain, "project.industry-chain", f->project, 1);
  {
    g_autoptr(ReslibFinding) finding = g_list_model_get_item (chain, 0);
    g_assert_cmpint (reslib_finding_get_severity (finding), ==, RESLIB_SEVERITY_INFO);
  }
  g_assert_cmpint (reslib_profile_classify_industry (f->profile, "区块链", NULL), ==, RESLIB_INDUSTRY_OTHER);
  g_assert_cmpint (reslib_profile_classify_industry (f->profile, "养老", NULL), ==, RESLIB_INDUSTRY_FIELD);
  {
    const char *cluster = NULL;
    g_assert_cmpint (reslib_profile_classify_industry (f->profile, "尼龙新材料", &cluster), ==, RESLIB_INDUSTRY_CHAIN);
    g_assert_cmpstr (cluster, ==, "新材料");
  }
}

/* What the reports show as missing (“（未填写）”) is a finding too, a warning that blocks nothing. */
static void
test_dossier_sections (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) members = reslib_store_list (f->store, RESLIB_KIND_MEMBER, f->project, &error);
  g_autoptr(GListModel) milestones = reslib_store_list (f->store, RESLIB_KIND_MILESTONE, f->project, &error);
  g_autoptr(GListModel) budget = reslib_store_list (f->store, RESLIB_KIND_BUDGET_LINE, f->project, &error);
  g_autoptr(ReslibRecord) member = g_list_model_get_item (members, 0);
  g_autoptr(ReslibRecord) milestone = g_list_model_get_item (milestones, 0);
  g_autoptr(ReslibRecord) line = g_list_model_get_item (budget, 0);
  g_autoptr(GListModel) untitled = NULL;
  g_autoptr(GListModel) empty = NULL;
  g_autoptr(GListModel) progress = NULL;
  g_autoptr(GListModel) application = NULL;
  g_autoptr(GListModel) bare = NULL;
  g_autofree char *other = reslib_test_new_project (f->store, "空项目");
  gboolean no_courses = FALSE;

  g_assert_no_error (error);
  /* A new project: no courses either */
  bare = run_validator (f->store, other, f->profile, NULL, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < g_list_model_get_n_items (bare); i++)
    {
      g_autoptr(ReslibFinding) finding = g_list_model_get_item (bare, i);

      no_courses |= g_strcmp0 (reslib_finding_get_message (finding), "The dossier has no courses") == 0 &&
                    g_strcmp0 (reslib_finding_get_rule (finding), "project.dossier.required") == 0;
    }
  g_assert_true (no_courses);

  /* A member without title, a milestone without due date */
  set (f, RESLIB_KIND_MEMBER, reslib_record_get_id (member), "title", NULL);
  set (f, RESLIB_KIND_MILESTONE, reslib_record_get_id (milestone), "due_date", NULL);
  untitled = validate (f);
  g_assert_cmpuint (count (untitled, "project.dossier.required", reslib_record_get_id (member)), ==, 1);
  g_assert_cmpuint (count (untitled, "project.dossier.required", reslib_record_get_id (milestone)), ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (untitled), ==, 2);
  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(ReslibFinding) finding = g_list_model_get_item (untitled, i);

      g_assert_cmpint (reslib_finding_get_severity (finding), ==, RESLIB_SEVERITY_WARNING);
    }

  /* No members, milestones or budget lines at all */
  g_assert_true (reslib_store_delete (f->store, RESLIB_KIND_MEMBER, reslib_record_get_id (member), &error));
  g_assert_true (reslib_store_delete (f->store, RESLIB_KIND_MILESTONE, reslib_record_get_id (milestone), &error));
  g_assert_true (reslib_store_delete (f->store, RESLIB_KIND_BUDGET_LINE, reslib_record_get_id (line), &error));
  g_assert_no_error (error);
  empty = validate (f);
  g_assert_cmpuint (count (empty, "project.dossier.required", f->project), ==, 3);
  g_assert_cmpuint (g_list_model_get_n_items (empty), ==, 3);
  g_assert_cmpuint (reslib_findings_count (empty, RESLIB_SEVERITY_ERROR), ==, 0);
  {
    g_autoptr(GString) all = g_string_new (NULL);

    for (guint i = 0; i < g_list_model_get_n_items (empty); i++)
      {
        g_autoptr(ReslibFinding) finding = g_list_model_get_item (empty, i);

        g_string_append_printf (all, "%s\n", reslib_finding_get_message (finding));
      }
    g_assert_nonnull (strstr (all->str, "no team members"));
    g_assert_nonnull (strstr (all->str, "no milestones"));
    g_assert_nonnull (strstr (all->str, "no budget lines"));
  }

  /* A progress report needs the baseline; an application does not. */
  progress = validate_as (f, "progress");
  g_assert_cmpuint (count (progress, "project.upkeep.rate", f->project), ==, 1);
  application = validate_as (f, "application");
  g_assert_cmpuint (count (application, "project.upkeep.rate", f->project), ==, 0);
}

/* One rule that finds an error and a warning: the error goes with the errors, the warning with the
 * warnings (project.dossier.required: an empty field is an error, a member without a title a warning). */
static void
test_order (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) members = reslib_store_list (f->store, RESLIB_KIND_MEMBER, f->project, &error);
  g_autoptr(ReslibRecord) member = g_list_model_get_item (members, 0);
  g_autoptr(GListModel) findings = NULL;
  g_autofree char *other = NULL;
  ReslibSeverity last = RESLIB_SEVERITY_ERROR;

  set (f, RESLIB_KIND_MEMBER, reslib_record_get_id (member), "title", NULL);
  set (f, RESLIB_KIND_PROJECT, f->project, "description", NULL);
  set (f, RESLIB_KIND_RESOURCE, f->res_a, "type", "video");        /* resource.type-format: a warning */
  set (f, RESLIB_KIND_RESOURCE, f->res_b, "authors", "");          /* resource.authors: an error */
  findings = validate (f);
  g_assert_cmpuint (reslib_findings_count (findings, RESLIB_SEVERITY_ERROR), ==, 2);
  g_assert_cmpuint (reslib_findings_count (findings, RESLIB_SEVERITY_WARNING), ==, 2);
  for (guint i = 0; i < g_list_model_get_n_items (findings); i++)
    {
      g_autoptr(ReslibFinding) finding = g_list_model_get_item (findings, i);

      g_assert_cmpint (reslib_finding_get_severity (finding), >=, last);
      last = reslib_finding_get_severity (finding);
    }
  (void) other;
}

static void
test_credit_codes (void)
{
  static const char * const valid[] = { "9144030071526726XG", "91330100716105852F", "124100004158005774" };
  static const char * const invalid[] = { "9144030071526726XH", "12410000415800577U", "914403007152672", "",
                                          "9144030071526726xg", "91440300715267261IG", "914403O071526726XG" };

  for (guint i = 0; i < G_N_ELEMENTS (valid); i++)
    g_assert_true (reslib_credit_code_is_valid (valid[i]));
  for (guint i = 0; i < G_N_ELEMENTS (invalid); i++)
    g_assert_false (reslib_credit_code_is_valid (invalid[i]));
}

static void
test_units (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GListModel) bad_code = NULL;
  g_autoptr(GListModel) no_decl = NULL;
  g_autoptr(GListModel) declarations = NULL;
  g_autoptr(GError) error = NULL;

  set (f, RESLIB_KIND_UNIT, f->partner, "credit_code", "91330100716105852G");
  bad_code = validate (f);
  assert_only (bad_code, "unit.credit-code", f->partner, 1);
  /* A participant may have no code; a host may not. */
  set (f, RESLIB_KIND_UNIT, f->partner, "credit_code", NULL);
  g_clear_object (&bad_code);
  bad_code = validate (f);
  g_assert_cmpuint (g_list_model_get_n_items (bad_code), ==, 0);

  declarations = reslib_store_list (f->store, RESLIB_KIND_DECLARATION, f->project, &error);
  for (guint i = 0; i < g_list_model_get_n_items (declarations); i++)
    {
      g_autoptr(ReslibRecord) d = g_list_model_get_item (declarations, i);
      if (g_strcmp0 (reslib_record_get (d, "unit_id"), f->partner) == 0)
        g_assert_true (reslib_store_delete (f->store, RESLIB_KIND_DECLARATION, reslib_record_get_id (d), &error));
    }
  no_decl = validate (f);
  assert_only (no_decl, "unit.declaration", f->partner, 1);
}

static void
test_resources (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GListModel) meta = NULL;
  g_autoptr(GListModel) authors = NULL;
  g_autoptr(GListModel) unit = NULL;
  g_autoptr(GListModel) licence = NULL;
  g_autoptr(GListModel) open_licence = NULL;
  g_autoptr(GListModel) granular = NULL;
  g_autoptr(GListModel) format = NULL;

  set (f, RESLIB_KIND_RESOURCE, f->res_a, "description", NULL);
  set (f, RESLIB_KIND_RESOURCE, f->res_a, "keywords", "");
  meta = validate (f);
  assert_only (meta, "resource.metadata", f->res_a, 2);
  /* Each finding names the field it is about: the exported findings have it in a column. */
  {
    g_autoptr(ReslibFinding) first = g_list_model_get_item (meta, 0);
    g_autoptr(ReslibFinding) second = g_list_model_get_item (meta, 1);
    const char *fields[] = { reslib_finding_get_field (first), reslib_finding_get_field (second) };

    g_assert_true ((g_strcmp0 (fields[0], "description") == 0 && g_strcmp0 (fields[1], "keywords") == 0) ||
                   (g_strcmp0 (fields[0], "keywords") == 0 && g_strcmp0 (fields[1], "description") == 0));
  }
  set (f, RESLIB_KIND_RESOURCE, f->res_a, "description", "d");
  set (f, RESLIB_KIND_RESOURCE, f->res_a, "keywords", "k");

  set (f, RESLIB_KIND_RESOURCE, f->res_a, "authors", "");
  authors = validate (f);
  assert_only (authors, "resource.authors", f->res_a, 1);
  g_assert_cmpstr (field_of (authors, "resource.authors"), ==, "authors");
  set (f, RESLIB_KIND_RESOURCE, f->res_a, "authors", "王老师");

  set (f, RESLIB_KIND_RESOURCE, f->res_b, "unit_id", NULL);
  unit = validate (f);
  assert_only (unit, "resource.unit", f->res_b, 1);
  g_assert_cmpstr (field_of (unit, "resource.unit"), ==, "unit_id");
  set (f, RESLIB_KIND_RESOURCE, f->res_b, "unit_id", f->partner);

  set (f, RESLIB_KIND_RESOURCE, f->res_b, "origin", "licensed");
  set (f, RESLIB_KIND_RESOURCE, f->res_b, "license", "授权书 2025-01");
  licence = validate (f);
  assert_only (licence, "resource.licence", f->res_b, 1);
  g_assert_cmpstr (field_of (licence, "resource.licence"), ==, "license_holder");
  set (f, RESLIB_KIND_RESOURCE, f->res_b, "license_holder", "某出版社");
  set (f, RESLIB_KIND_RESOURCE, f->res_b, "origin", "open");
  set (f, RESLIB_KIND_RESOURCE, f->res_b, "license", NULL);
  open_licence = validate (f);
  assert_only (open_licence, "resource.licence", f->res_b, 1);
  g_assert_cmpstr (field_of (open_licence, "resource.licence"), ==, "license");
  set (f, RESLIB_KIND_RESOURCE, f->res_b, "license", "CC BY 4.0");

  /* Linked only to a module: not granular; and its point is now without resources. */
  set (f, RESLIB_KIND_RESOURCE, f->res_b, "nodes", f->module);
  granular = validate (f);
  g_assert_cmpuint (count (granular, "resource.granularity", f->res_b), ==, 1);
  g_assert_cmpstr (field_of (granular, "resource.granularity"), ==, "nodes");
  g_assert_null (field_of (granular, "course.points.resources"));
  g_assert_cmpuint (count (granular, "course.points.resources", f->skill), ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (granular), ==, 2);
  set (f, RESLIB_KIND_RESOURCE, f->res_b, "nodes", f->skill);

  set (f, RESLIB_KIND_RESOURCE, f->res_b, "type", "video");
  format = validate (f);
  assert_only (format, "resource.type-format", f->res_b, 1);
}

static void
test_duplicates_and_approval (Fixture       *f,
                              gconstpointer  data)
{
  static const char * const province_kinds[] = { "application", "progress", "acceptance" };
  g_autoptr(GListModel) dup = NULL;
  g_autoptr(GListModel) plain = NULL;
  g_autoptr(GListModel) application = NULL;
  g_autoptr(GListModel) approved = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *copy = good_resource (f, "副本.txt", "车床安全操作规程全文", f->point);

  dup = validate (f);
  g_assert_cmpuint (count (dup, "resource.duplicate", f->res_a), ==, 1);
  g_assert_cmpuint (count (dup, "resource.duplicate", copy), ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (dup), ==, 2);
  g_assert_true (reslib_store_delete (f->store, RESLIB_KIND_RESOURCE, copy, &error));

  /* Approval matters for every package that goes to the province (application, progress, acceptance), not
   * for a plain check or a teacher's contribution. */
  plain = validate (f);
  g_assert_cmpuint (g_list_model_get_n_items (plain), ==, 0);
  application = validate_as (f, "application");
  g_assert_cmpuint (count (application, "resource.approved", f->res_a), ==, 1);
  g_assert_cmpuint (count (application, "resource.approved", f->res_b), ==, 1);
  g_assert_cmpuint (reslib_findings_count (application, RESLIB_SEVERITY_ERROR), ==, 2);
  for (guint i = 0; i < G_N_ELEMENTS (province_kinds); i++)
    {
      g_autoptr(GListModel) found = validate_as (f, province_kinds[i]);

      g_test_message ("package kind %s", province_kinds[i]);
      g_assert_cmpuint (count (found, "resource.approved", f->res_a), ==, 1);
      g_assert_cmpuint (count (found, "resource.approved", f->res_b), ==, 1);
    }
  {
    g_autoptr(GListModel) contribution = validate_as (f, "contribution");

    g_assert_cmpuint (count (contribution, "resource.approved", NULL), ==, 0);
  }
  /* One approved, one still in review: the other is still reported, for every kind */
  g_assert_true (reslib_store_review (f->store, (const char * const[]) { f->res_a, f->res_b, NULL }, RESLIB_REVIEW_SUBMIT,
                                      NULL, &error));
  g_assert_true (reslib_store_review (f->store, (const char * const[]) { f->res_a, NULL }, RESLIB_REVIEW_APPROVE,
                                      "ok", &error));
  for (guint i = 0; i < G_N_ELEMENTS (province_kinds); i++)
    {
      g_autoptr(GListModel) found = validate_as (f, province_kinds[i]);

      g_assert_cmpuint (count (found, "resource.approved", f->res_a), ==, 0);
      g_assert_cmpuint (count (found, "resource.approved", f->res_b), ==, 1);
    }
  g_assert_true (reslib_store_review (f->store, (const char * const[]) { f->res_b, NULL }, RESLIB_REVIEW_APPROVE,
                                      "ok", &error));
  approved = validate_as (f, "application");
  g_assert_cmpuint (g_list_model_get_n_items (approved), ==, 0);
  for (guint i = 0; i < G_N_ELEMENTS (province_kinds); i++)
    {
      g_autoptr(GListModel) found = validate_as (f, province_kinds[i]);

      g_assert_cmpuint (count (found, "resource.approved", NULL), ==, 0);
    }
}

static void
test_courses (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GListModel) empty = NULL;
  g_autoptr(GListModel) cert = NULL;
  g_autofree char *structured = reslib_test_insert (f->store, RESLIB_KIND_COURSE, (const char * const[]) { "project_id", "title", NULL },
                                        (const char * const[]) { f->project, "数控铣削" });
  g_autofree char *training = reslib_test_insert (f->store, RESLIB_KIND_COURSE,
                                      (const char * const[]) { "project_id", "title", "kind", NULL },
                                      (const char * const[]) { f->project, "企业实训", "training" });
  g_autofree char *point = reslib_test_insert (f->store, RESLIB_KIND_NODE, (const char * const[]) { "course_id", "kind", "title", NULL },
                                   (const char * const[]) { training, "knowledge", "刀具选择" });
  g_autofree char *certificate = reslib_test_insert (f->store, RESLIB_KIND_COURSE,
                                         (const char * const[]) { "project_id", "title", "kind", "certificate", NULL },
                                         (const char * const[]) { f->project, "证书培训", "training", "数控车铣加工" });
  g_autofree char *personalised = reslib_test_insert (f->store, RESLIB_KIND_COURSE,
                                          (const char * const[]) { "project_id", "title", "kind", NULL },
                                          (const char * const[]) { f->project, "个性化课程", "personalised" });

  empty = validate (f);
  g_assert_cmpuint (count (empty, "course.nodes", structured), ==, 1);
  g_assert_cmpuint (count (empty, "course.nodes", training), ==, 0);
  g_assert_cmpuint (count (empty, "course.nodes", personalised), ==, 0);
  g_assert_cmpuint (count (empty, "course.points.resources", point), ==, 1);
  g_assert_cmpuint (count (empty, "course.certificate", certificate), ==, 1);
  g_assert_cmpuint (count (empty, "course.certificate", training), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (empty), ==, 3);

  set (f, RESLIB_KIND_COURSE, certificate, "certificate", "老年照护");
  cert = validate (f);
  g_assert_cmpuint (count (cert, "course.certificate", NULL), ==, 0);
}

static void
add_event (Fixture    *f,
           const char *at,
           const char *subject,
           const char *action,
           const char *detail)
{
  g_autofree char *sql = g_strdup_printf ("INSERT INTO events (at, actor, project_id, subject_kind, subject_id, action, detail) "
                                          "VALUES ('%s', 'x', '%s', 'resource', '%s', '%s', '%s')", at, f->project, subject,
                                          action, detail);
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (reslib_store_get_db_path (f->store), &db), ==, SQLITE_OK);
  sqlite3_busy_timeout (db, 5000);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
}

/* A row of resource_versions, as a replacement of @subject's file at @at writes it */
static void
add_version (Fixture    *f,
             const char *at,
             const char *subject,
             int         version)
{
  g_autofree char *sql = g_strdup_printf ("INSERT INTO resource_versions (resource_id, version, blob_sha256, file_name, "
                                          "replaced_at) VALUES ('%s', %d, '%064d', 'v%d.txt', '%s')", subject, version,
                                          version, version, at);
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (reslib_store_get_db_path (f->store), &db), ==, SQLITE_OK);
  sqlite3_busy_timeout (db, 5000);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
}

/* Usage statistics: a period ending 5 days before the baseline and before each of its next two anniversaries,
 * with users[0], users[1] and users[2] registered users. */
static void
add_usage_years (Fixture       *f,
                 GDateTime     *baseline,
                 const gint64   users[3])
{
  for (int year = 0; year < 3; year++)
    {
      g_autoptr(GDateTime) anniversary = g_date_time_add_years (baseline, year);
      g_autoptr(GDateTime) end = g_date_time_add_days (anniversary, -5);
      g_autoptr(GDateTime) start = g_date_time_add_days (end, -180);
      g_autofree char *start_text = g_date_time_format (start, "%Y-%m-%d");
      g_autofree char *end_text = g_date_time_format (end, "%Y-%m-%d");

      reslib_test_add_usage (f->store, f->project, start_text, end_text, users[year]);
    }
}

/* project.upkeep.rate: each year after the baseline (acceptance), the profile's rate of the baseline count
 * are new resources or resources whose file was replaced; edits of metadata do not count (they did before:
 * re-tagging 10% of the resources passed the rule). */
static void
test_upkeep (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) start = g_date_time_add_days (now, -(3 * 366 + 10));
  g_autoptr(GDateTime) baseline = g_date_time_add_days (now, -(2 * 366 + 10));
  g_autoptr(GDateTime) in_year1 = g_date_time_add_days (baseline, 30);
  g_autoptr(GDateTime) in_year2 = g_date_time_add_days (baseline, 400);
  g_autoptr(GDateTime) anniversary = g_date_time_add_years (start, 1);
  g_autoptr(GDateTime) end = g_date_time_add_days (anniversary, -1);
  g_autofree char *start_text = g_date_time_format (start, "%Y-%m-%d");
  g_autofree char *end_text = g_date_time_format (end, "%Y-%m-%d");
  g_autofree char *baseline_text = g_date_time_format (baseline, "%Y-%m-%d");
  g_autofree char *y1 = g_date_time_format (in_year1, "%Y-%m-%dT%H:%M:%SZ");
  g_autofree char *y2 = g_date_time_format (in_year2, "%Y-%m-%dT%H:%M:%SZ");
  g_autoptr(GListModel) findings = NULL;
  g_autoptr(GListModel) retagged = NULL;
  g_autoptr(GListModel) application = NULL;
  g_autoptr(GListModel) acceptance = NULL;
  g_autoptr(GListModel) progress = NULL;
  g_autoptr(GListModel) after = NULL;

  /* Built from three years ago, accepted two years ago with 20 resources: two renewals a year are
   * needed. Year 1 has two new resources; year 2 one new version of a file, the same one twice. */
  set (f, RESLIB_KIND_PROJECT, f->project, "start_date", start_text);
  set (f, RESLIB_KIND_PROJECT, f->project, "end_date", end_text);
  set (f, RESLIB_KIND_PROJECT, f->project, "baseline_date", baseline_text);
  set (f, RESLIB_KIND_PROJECT, f->project, "baseline_count", "20");
  add_event (f, y1, f->res_a, "create", "{}");
  add_event (f, y1, f->res_b, "create", "{}");
  add_version (f, y2, f->res_a, 1);
  add_version (f, y2, f->res_a, 2);   /* the same resource twice counts once */
  add_usage_years (f, baseline, (const gint64[]) { 1000, 1100, 1250 });   /* the users' half passes */
  findings = validate (f);
  assert_only (findings, "project.upkeep.rate", f->project, 1);
  {
    g_autoptr(ReslibFinding) finding = g_list_model_get_item (findings, 0);
    g_assert_nonnull (strstr (reslib_finding_get_message (finding), "1 resources"));
    g_assert_nonnull (strstr (reslib_finding_get_message (finding), "2 (10% of 20)"));
  }

  /* Re-tagging the other resource is no update, nor a replacement undone (its event stays, its version
   * row went) */
  add_event (f, y2, f->res_b, "update", "{\"keywords\": \"数控\"}");
  add_event (f, y2, f->res_b, "replace", "{\"blob_sha256\": \"0123\"}");
  retagged = validate (f);
  assert_only (retagged, "project.upkeep.rate", f->project, 1);

  /* Not for an application, nor for the acceptance; for the progress reports after acceptance */
  application = validate_as (f, "application");
  g_assert_cmpuint (count (application, "project.upkeep.rate", f->project), ==, 0);
  acceptance = validate_as (f, "acceptance");
  g_assert_cmpuint (count (acceptance, "project.upkeep.rate", f->project), ==, 0);
  progress = validate_as (f, "progress");
  g_assert_cmpuint (count (progress, "project.upkeep.rate", f->project), ==, 1);

  /* An update that brought a new file (a merged contribution) counts */
  add_event (f, y2, f->res_b, "update", "{\"blob_sha256\": \"0123\"}");
  after = validate (f);
  g_assert_cmpuint (g_list_model_get_n_items (after), ==, 0);
}

/* project.upkeep.rate, its users' half: each year after acceptance the registered users (from the usage
 * statistics) grow by the profile's user rate of those at acceptance. Without statistics the finding says what
 * to import (a warning: the data is missing, not the growth); too little growth is an error. */
static void
test_upkeep_users (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) start = g_date_time_add_days (now, -(3 * 366 + 10));
  g_autoptr(GDateTime) baseline = g_date_time_add_days (now, -(2 * 366 + 10));
  g_autoptr(GDateTime) anniversary = g_date_time_add_years (start, 1);
  g_autoptr(GDateTime) end = g_date_time_add_days (anniversary, -1);
  g_autofree char *start_text = g_date_time_format (start, "%Y-%m-%d");
  g_autofree char *end_text = g_date_time_format (end, "%Y-%m-%d");
  g_autofree char *baseline_text = g_date_time_format (baseline, "%Y-%m-%d");
  g_autoptr(GListModel) none = NULL;
  g_autoptr(GListModel) before_only = NULL;
  g_autoptr(GListModel) broken = NULL;
  g_autoptr(GListModel) passing = NULL;
  g_autoptr(GListModel) progress = NULL;
  g_autoptr(GListModel) application = NULL;
  g_autoptr(GListModel) stricter = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GString) edited = NULL;
  g_autoptr(ReslibProfile) strict = NULL;

  /* Accepted two years ago; no baseline count of resources, so only the users are checked */
  set (f, RESLIB_KIND_PROJECT, f->project, "start_date", start_text);
  set (f, RESLIB_KIND_PROJECT, f->project, "end_date", end_text);
  set (f, RESLIB_KIND_PROJECT, f->project, "baseline_date", baseline_text);

  /* No statistics at all: one warning that says what to import */
  none = validate (f);
  assert_only (none, "project.upkeep.rate", f->project, 1);
  {
    g_autoptr(ReslibFinding) finding = g_list_model_get_item (none, 0);

    g_assert_cmpint (reslib_finding_get_severity (finding), ==, RESLIB_SEVERITY_WARNING);
    g_assert_nonnull (strstr (reslib_finding_get_message (finding), "no usage statistics period ends by the date of acceptance"));
    g_assert_nonnull (strstr (reslib_finding_get_message (finding), baseline_text));
    g_assert_nonnull (strstr (reslib_finding_get_hint (finding), "reslib usage import"));
  }

  /* Statistics up to acceptance only: each year says it cannot be checked */
  {
    g_autoptr(GDateTime) p_end = g_date_time_add_days (baseline, -5);
    g_autoptr(GDateTime) p_start = g_date_time_add_days (p_end, -180);
    g_autofree char *a = g_date_time_format (p_start, "%Y-%m-%d");
    g_autofree char *b = g_date_time_format (p_end, "%Y-%m-%d");

    reslib_test_add_usage (f->store, f->project, a, b, 1000);
  }
  before_only = validate (f);
  assert_only (before_only, "project.upkeep.rate", f->project, 2);
  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(ReslibFinding) finding = g_list_model_get_item (before_only, i);

      g_assert_cmpint (reslib_finding_get_severity (finding), ==, RESLIB_SEVERITY_WARNING);
      g_assert_nonnull (strstr (reslib_finding_get_message (finding), "no usage statistics period ends in that year"));
    }

  /* 1000 at acceptance, 1050 a year later (50 < 100 needed), 1200 the year after: the first year breaks it */
  add_usage_years (f, baseline, (const gint64[]) { 1000, 1050, 1200 });
  broken = validate (f);
  assert_only (broken, "project.upkeep.rate", f->project, 1);
  {
    g_autoptr(ReslibFinding) finding = g_list_model_get_item (broken, 0);
    const char *message = reslib_finding_get_message (finding);

    g_assert_cmpint (reslib_finding_get_severity (finding), ==, RESLIB_SEVERITY_ERROR);
    g_assert_nonnull (strstr (message, baseline_text));
    g_assert_nonnull (strstr (message, "grew by 50 (1000 on"));
    g_assert_nonnull (strstr (message, "100 (10% of the 1000 at acceptance)"));
  }
  application = validate_as (f, "application");
  g_assert_cmpuint (count (application, "project.upkeep.rate", NULL), ==, 0);

  /* The platform's corrected figures for the first year (the same period, imported again): it passes */
  add_usage_years (f, baseline, (const gint64[]) { 1000, 1150, 1250 });
  passing = validate (f);
  g_assert_cmpuint (g_list_model_get_n_items (passing), ==, 0);
  /* A progress report checks the users too (its resources approved, as it needs); it only misses the baseline
   * count of resources */
  g_assert_true (reslib_store_review (f->store, (const char * const[]) { f->res_a, f->res_b, NULL }, RESLIB_REVIEW_SUBMIT,
                                      NULL, &error));
  g_assert_true (reslib_store_review (f->store, (const char * const[]) { f->res_a, f->res_b, NULL }, RESLIB_REVIEW_APPROVE,
                                      NULL, &error));
  g_assert_no_error (error);
  progress = validate_as (f, "progress");
  assert_only (progress, "project.upkeep.rate", f->project, 1);
  {
    g_autoptr(ReslibFinding) finding = g_list_model_get_item (progress, 0);

    g_assert_nonnull (strstr (reslib_finding_get_message (finding), "the baseline is not set"));
  }

  /* The rate is the profile's: at 15% the first year's 150 passes, the second year's 100 (1150 → 1250) does not */
  bytes = g_resources_lookup_data ("/io/github/reslib/core/profiles/henan-2024.json", 0, &error);
  g_assert_no_error (error);
  edited = g_string_new_len (g_bytes_get_data (bytes, NULL), (gssize) g_bytes_get_size (bytes));
  g_assert_cmpuint (g_string_replace (edited, "\"user_rate\": 0.10", "\"user_rate\": 0.15", 1), ==, 1);
  strict = reslib_profile_load_data ("strict.json", edited->str, -1, &error);
  g_assert_no_error (error);
  g_set_object (&f->profile, strict);
  stricter = validate (f);
  assert_only (stricter, "project.upkeep.rate", f->project, 1);
  {
    g_autoptr(ReslibFinding) finding = g_list_model_get_item (stricter, 0);

    g_assert_nonnull (strstr (reslib_finding_get_message (finding), "grew by 100 (1150 on"));
    g_assert_nonnull (strstr (reslib_finding_get_message (finding), "150 (15% of the 1000 at acceptance)"));
  }
}

/* The baseline is the date of acceptance: the store refuses one before the build started, and a store that
 * holds one (written before this was checked) gets an error. */
static void
test_upkeep_baseline_before_start (Fixture       *f,
                                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) findings = NULL;
  sqlite3 *db = NULL;

  /* The project starts 2025-09-01 */
  g_assert_false (reslib_store_update (f->store, RESLIB_KIND_PROJECT, f->project,
                                       (const char * const[]) { "baseline_date", "baseline_count", NULL },
                                       (const char * const[]) { "2025-08-31", "20" }, &error));
  g_assert_error (error, RESLIB_ERROR, RESLIB_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "2025-08-31"));
  g_assert_nonnull (strstr (error->message, "2025-09-01"));
  g_clear_error (&error);
  {
    g_autoptr(ReslibRecord) project = reslib_store_get (f->store, RESLIB_KIND_PROJECT, f->project, NULL);

    g_assert_null (reslib_record_get (project, "baseline_date"));
  }

  /* On the start day it is taken; moving the start after it is refused */
  set (f, RESLIB_KIND_PROJECT, f->project, "baseline_date", "2025-09-01");
  g_assert_false (reslib_store_update (f->store, RESLIB_KIND_PROJECT, f->project,
                                       (const char * const[]) { "start_date", NULL },
                                       (const char * const[]) { "2025-09-02" }, &error));
  g_assert_error (error, RESLIB_ERROR, RESLIB_ERROR_INVALID);
  g_clear_error (&error);

  g_assert_cmpint (sqlite3_open (reslib_store_get_db_path (f->store), &db), ==, SQLITE_OK);
  sqlite3_busy_timeout (db, 5000);
  g_assert_cmpint (sqlite3_exec (db, "UPDATE projects SET baseline_date = '2024-01-01', baseline_count = 20",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  findings = validate (f);
  assert_only (findings, "project.upkeep.rate", f->project, 1);
  {
    g_autoptr(ReslibFinding) finding = g_list_model_get_item (findings, 0);

    g_assert_cmpint (reslib_finding_get_severity (finding), ==, RESLIB_SEVERITY_ERROR);
    g_assert_nonnull (strstr (reslib_finding_get_message (finding), "before the build started"));
  }
}

static gboolean
make_video (const char *path,
            const char *size)
{
  g_autofree char *ffmpeg = g_find_program_in_path ("ffmpeg");
  g_autofree char *command = NULL;
  int status = -1;

  if (ffmpeg == NULL)
    return FALSE;
  command = g_strdup_printf ("%s -v error -y -f lavfi -i testsrc=size=%s:rate=25 -f lavfi "
                             "-i sine=frequency=440:sample_rate=44100 -t 1 -c:v libx264 -b:v 300k -c:a aac -b:a 64k "
                             "-shortest '%s'", ffmpeg, size, path);
  return g_spawn_command_line_sync (command, NULL, NULL, &status, NULL) && g_spawn_check_wait_status (status, NULL);
}

/* Media parameters come from the cached probe; a file that is not media is reported as such. */
static void
test_media (Fixture       *f,
            gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->files, "small.mp4", NULL);
  g_autofree char *video = NULL;
  g_autofree char *broken = NULL;
  g_autoptr(GListModel) findings = NULL;
  g_autoptr(GError) error = NULL;

  g_mkdir_with_parents (f->files, 0700);
  if (!make_video (path, "640x480"))
    {
      g_test_skip ("ffmpeg with libx264 is needed to make a video");
      return;
    }
  {
    g_autoptr(GFile) file = g_file_new_for_path (path);
    g_autoptr(ReslibImporter) importer = reslib_importer_new (f->store, f->project);

    reslib_importer_add_file (importer, file);
    g_assert_true (reslib_job_run (RESLIB_JOB (importer), NULL, &error));
    g_assert_no_error (error);
    video = g_strdup (reslib_importer_get_resource_ids (importer)[0]);
  }
  set (f, RESLIB_KIND_RESOURCE, video, "description", "小视频");
  set (f, RESLIB_KIND_RESOURCE, video, "unit_id", f->host);
  set (f, RESLIB_KIND_RESOURCE, video, "authors", "王老师");
  set (f, RESLIB_KIND_RESOURCE, video, "keywords", "视频");
  set (f, RESLIB_KIND_RESOURCE, video, "nodes", f->point);
  broken = good_resource (f, "broken.mp4", "this is text, not a video", f->point);
  set (f, RESLIB_KIND_RESOURCE, broken, "type", "video");
  {
    g_autoptr(ReslibProber) prober = reslib_prober_new (f->store, f->project);

    g_assert_true (reslib_job_run (RESLIB_JOB (prober), NULL, &error));
    g_assert_no_error (error);
  }

  findings = validate (f);
  /* 640×480 below 1280×720; 300 kbit/s below 1024; 44.1 kHz where 48 kHz is expected. */
  g_assert_cmpuint (count (findings, "resource.media", video), ==, 3);
  g_assert_cmpuint (count (findings, "resource.probe", broken), ==, 1);
  g_assert_cmpuint (count (findings, "resource.type-format", broken), ==, 0);   /* sniffed from its name: video/mp4 */
  g_assert_cmpuint (reslib_findings_count (findings, RESLIB_SEVERITY_ERROR), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (findings), ==, 4);
}

/* A media file missing from the store is a finding about its resource; the prober says it could not read
 * it, and the check goes on. */
static void
test_missing_file (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *gone = good_resource (f, "gone.mp4", "a video that is gone", f->point);
  g_autoptr(ReslibRecord) record = reslib_store_get (f->store, RESLIB_KIND_RESOURCE, gone, NULL);
  g_autofree char *path = reslib_store_get_blob_path (f->store, reslib_record_get (record, "blob_sha256"));
  g_autoptr(ReslibProber) prober = reslib_prober_new (f->store, f->project);
  g_autoptr(GListModel) findings = NULL;
  g_autoptr(GError) error = NULL;

  set (f, RESLIB_KIND_RESOURCE, gone, "type", "video");
  /* Gone after it was imported (and probed): no probe of it is left, the prober cannot make one. */
  g_assert_cmpint (g_unlink (path), ==, 0);
  reslib_test_sql_exec (reslib_store_get_db_path (f->store), "DELETE FROM probes");
  g_assert_false (reslib_job_run (RESLIB_JOB (prober), NULL, &error));
  g_assert_error (error, RESLIB_ERROR, RESLIB_ERROR_BAD_FILE);

  findings = validate (f);
  g_assert_cmpuint (count (findings, "resource.probe", gone), ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (findings), ==, 1);
  {
    g_autoptr(ReslibFinding) finding = g_list_model_get_item (findings, 0);

    g_assert_nonnull (strstr (reslib_finding_get_message (finding), reslib_finding_get_subject_title (finding)));
    g_assert_nonnull (strstr (reslib_finding_get_message (finding), "missing"));
  }
}

/* The findings are a ReslibFindingList: its accessors read what the findings made from it hold, a message
 * made when it is read names its subject and field, and a subset holds the findings at its positions. */
static void
test_finding_list (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GListModel) findings = NULL;
  g_autoptr(GArray) positions = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(ReslibFindingList) subset = NULL;
  ReslibFindingList *list;
  guint n;

  set (f, RESLIB_KIND_RESOURCE, f->res_a, "description", NULL);
  set (f, RESLIB_KIND_RESOURCE, f->res_a, "keywords", "");
  set (f, RESLIB_KIND_RESOURCE, f->res_a, "authors", "");
  set (f, RESLIB_KIND_RESOURCE, f->res_b, "unit_id", NULL);
  findings = validate (f);
  g_assert_true (RESLIB_IS_FINDING_LIST (findings));
  list = RESLIB_FINDING_LIST (findings);
  n = g_list_model_get_n_items (findings);
  g_assert_cmpuint (n, ==, 4);
  g_assert_cmpuint (count (findings, "resource.metadata", f->res_a), ==, 2);
  g_assert_cmpuint (count (findings, "resource.authors", f->res_a), ==, 1);
  g_assert_cmpuint (count (findings, "resource.unit", f->res_b), ==, 1);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(ReslibFinding) finding = g_list_model_get_item (findings, i);

      g_assert_true (reslib_finding_list_get_severity (list, i) == reslib_finding_get_severity (finding));
      g_assert_cmpstr (reslib_finding_list_get_rule (list, i), ==, reslib_finding_get_rule (finding));
      g_assert_cmpstr (reslib_finding_list_get_subject_kind (list, i), ==, "resource");
      g_assert_cmpstr (reslib_finding_list_get_subject_id (list, i), ==, reslib_finding_get_subject_id (finding));
      g_assert_cmpstr (reslib_finding_list_get_field (list, i), ==, reslib_finding_get_field (finding));
      g_assert_nonnull (strstr (reslib_finding_get_message (finding), reslib_finding_get_subject_title (finding)));
      if (g_str_equal (reslib_finding_get_rule (finding), "resource.metadata"))
        {
          g_assert_nonnull (strstr (reslib_finding_get_message (finding), reslib_finding_get_field (finding)));
          g_array_append_val (positions, i);
        }
    }
  subset = reslib_finding_list_new_subset (list, positions);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (subset)), ==, 2);
  for (guint i = 0; i < positions->len; i++)
    {
      g_autoptr(ReslibFinding) a = g_list_model_get_item (G_LIST_MODEL (subset), i);
      g_autoptr(ReslibFinding) b = g_list_model_get_item (findings, g_array_index (positions, guint, i));

      g_assert_cmpstr (reslib_finding_get_message (a), ==, reslib_finding_get_message (b));
      g_assert_cmpstr (reslib_finding_list_get_field (subset, i), ==, reslib_finding_get_field (b));
    }
  g_assert_null (g_list_model_get_item (G_LIST_MODEL (subset), 2));
}

static void
test_disabled_rule (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = g_resources_lookup_data ("/io/github/reslib/core/profiles/henan-2024.json", 0, &error);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(JsonGenerator) gen = json_generator_new ();
  g_autoptr(ReslibProfile) relaxed = NULL;
  g_autoptr(GListModel) findings = NULL;
  g_autofree char *text = NULL;
  JsonObject *rules;

  /* A rule left out of the profile is not checked. */
  g_assert_true (json_parser_load_from_data (parser, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), NULL));
  rules = json_object_get_object_member (json_node_get_object (json_parser_get_root (parser)), "rules");
  json_object_remove_member (rules, "project.industry-chain");
  json_generator_set_root (gen, json_parser_get_root (parser));
  text = json_generator_to_data (gen, NULL);
  relaxed = reslib_profile_load_data ("relaxed.json", text, -1, &error);
  g_assert_no_error (error);
  g_set_object (&f->profile, relaxed);
  set (f, RESLIB_KIND_PROJECT, f->project, "industry_chain", "区块链");
  findings = validate (f);
  g_assert_cmpuint (g_list_model_get_n_items (findings), ==, 0);
}

/* ---------------------------------------------------------------------------------------------- */

static void
assert_profile_refused (const char *text,
                        const char *expect1,
                        const char *expect2)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ReslibProfile) profile = reslib_profile_load_data ("broken.json", text, -1, &error);

  g_assert_null (profile);
  g_assert_error (error, RESLIB_ERROR, RESLIB_ERROR_BAD_FILE);
  g_test_message ("refused: %s", error->message);
  g_assert_nonnull (strstr (error->message, "broken.json"));
  g_assert_nonnull (strstr (error->message, expect1));
  if (expect2 != NULL)
    g_assert_nonnull (strstr (error->message, expect2));
  g_assert_null (strchr (error->message, '\n'));
}

static void
test_profiles (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = g_resources_lookup_data ("/io/github/reslib/core/profiles/henan-2024.json", 0, &error);
  g_autofree char *text = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  g_autoptr(ReslibProfile) profile = reslib_profile_load_default (&error);
  g_autoptr(GPtrArray) rules = NULL;
  g_autofree char *path = NULL;
  g_autofree char *dir = reslib_test_make_tmp_dir ("reslib-profile-XXXXXX");
  g_autoptr(GString) s = NULL;

  g_assert_no_error (error);
  g_assert_cmpstr (reslib_profile_get_id (profile), ==, "henan-2024");

  /* Every rule carries a severity, a source that is explained, and a confidence. */
  rules = reslib_profile_list_rules (profile);
  g_assert_cmpuint (rules->len, >=, 25);
  for (guint i = 0; i < rules->len; i++)
    {
      const ReslibRule *rule = g_ptr_array_index (rules, i);
      g_assert_nonnull (rule->source_text);
      g_assert_true (g_strv_contains ((const char * const[]) { "primary", "secondary", "unverified", "guess", NULL },
                                      rule->confidence));
    }
  g_assert_cmpint (reslib_profile_get_rule (profile, "resource.media")->severity, ==, RESLIB_SEVERITY_WARNING);

  /* The title in the user's language, with no other language in brackets. */
  {
    g_autofree char *saved = g_strdup (g_getenv ("LANGUAGE"));

    g_setenv ("LANGUAGE", "zh_CN", TRUE);
    g_assert_cmpstr (reslib_profile_get_title (profile), ==, "河南省职业教育专业教学资源库 2024（省建设工作方案）");
    g_setenv ("LANGUAGE", "en", TRUE);
    g_assert_cmpstr (reslib_profile_get_title (profile), ==,
                     "Henan vocational education resource libraries 2024 (provincial work plan)");
    if (saved != NULL)
      g_setenv ("LANGUAGE", saved, TRUE);
    else
      g_unsetenv ("LANGUAGE");
  }

  /* Each entry of the industry lists has a source the profile lists */
  s = g_string_new (text);
  g_assert_cmpuint (g_string_replace (s, "{ \"name\": \"托育\", \"source\": \"henan-plan-principles\" }",
                                      "{ \"name\": \"托育\", \"source\": \"hearsay\" }", 1), ==, 1);
  assert_profile_refused (s->str, "hearsay", "托育");
  g_string_free (g_steal_pointer (&s), TRUE);
  g_assert_cmpint (reslib_rule_int (reslib_profile_get_rule (profile, "project.hosts.count"), "max", 0), ==, 3);

  /* A file: read from disk, and a missing one refused. */
  path = reslib_test_write_file (dir, "copy.json", text, -1);
  g_clear_object (&profile);
  profile = reslib_profile_load (path, &error);
  g_assert_no_error (error);
  g_clear_object (&profile);
  profile = reslib_profile_load ("/nonexistent/profile.json", &error);
  g_assert_error (error, RESLIB_ERROR, RESLIB_ERROR_BAD_FILE);
  g_clear_error (&error);
  reslib_test_rm_rf (dir);

  /* A syntax error: the line is named. */
  s = g_string_new (text);
  g_string_replace (s, "\"version\": 1,", "\"version\": 1", 1);
  assert_profile_refused (s->str, "line 4", "column 14");
  g_string_free (g_steal_pointer (&s), TRUE);

  /* Schema violations: the line, the place and the reason. */
  s = g_string_new (text);
  g_string_replace (s, "\"severity\": \"error\", \"source\": \"henan-plan\", \"confidence\": \"primary\",\n      \"params\": { \"min\": 1, \"max\": 3 }",
                    "\"severity\": \"fatal\", \"source\": \"henan-plan\", \"confidence\": \"primary\",\n      \"params\": { \"min\": 1, \"max\": 3 }", 1);
  assert_profile_refused (s->str, "/rules/project.hosts.count/severity", "line 27");
  g_string_free (g_steal_pointer (&s), TRUE);

  s = g_string_new (text);
  g_string_replace (s, "\"project.hosts.kind\": {", "\"project.hosts.kinds\": {", 1);
  assert_profile_refused (s->str, "line 30 (/rules/project.hosts.kinds)", "not allowed");
  g_string_free (g_steal_pointer (&s), TRUE);

  s = g_string_new (text);
  g_string_replace (s, "\"update_rate\": 0.10,", "\"update_rate\": 10,", 1);
  assert_profile_refused (s->str, "/update_rate", "maximum");
  g_string_free (g_steal_pointer (&s), TRUE);

  s = g_string_new (text);
  g_string_replace (s, "\"source\": \"gb-32100\"", "\"source\": \"nowhere\"", 1);
  assert_profile_refused (s->str, "nowhere", "unit.credit-code");
  g_string_free (g_steal_pointer (&s), TRUE);

  assert_profile_refused ("", "broken.json", NULL);
  assert_profile_refused ("[1, 2]", "type object", NULL);
}

typedef struct
{
  GThread  *main_thread;
  guint     n_progress;
  guint     n_wrong_thread;
  guint     last_done;
  guint     last_total;
  gboolean  cancel;
  gboolean  done;
  gboolean  ok;
  GError   *error;
} Watch;

static void
validator_progress_cb (ReslibJob            *job,
                       const ReslibProgress *progress,
                       gpointer              user_data)
{
  Watch *w = user_data;

  w->n_progress++;
  if (g_thread_self () != w->main_thread)
    w->n_wrong_thread++;
  /* Every stage says what it does. */
  g_assert_nonnull (reslib_job_get_message (job));
  w->last_done = progress->files_done;
  w->last_total = progress->files_total;
  if (w->cancel)
    reslib_job_cancel (job);
}

static void
validator_done_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  Watch *w = user_data;

  g_assert_true (g_thread_self () == w->main_thread);
  w->ok = reslib_job_run_finish (RESLIB_JOB (source), result, &w->error);
  w->done = TRUE;
}

/* The validator run in this thread and in a worker finds the same, in the same order, and reports only in
 * this thread: the resources checked, all of them at the end. */
static void
test_job_sync_async (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *copy = good_resource (f, "副本.txt", "车床安全操作规程全文", f->point);
  g_autoptr(ReslibValidator) sync_job = reslib_validator_new (f->store, f->project, f->profile);
  g_autoptr(ReslibValidator) async_job = reslib_validator_new (f->store, f->project, f->profile);
  g_autoptr(GError) error = NULL;
  GListModel *a, *b;
  Watch s = { g_thread_self (), };
  Watch w = { g_thread_self (), };

  g_assert_null (reslib_validator_get_findings (sync_job));
  reslib_validator_set_package_kind (sync_job, "application");
  reslib_validator_set_package_kind (async_job, "application");
  g_signal_connect (sync_job, "progress", G_CALLBACK (validator_progress_cb), &s);
  g_signal_connect (async_job, "progress", G_CALLBACK (validator_progress_cb), &w);

  g_assert_true (reslib_job_run (RESLIB_JOB (sync_job), NULL, &error));
  g_assert_no_error (error);
  reslib_job_run_async (RESLIB_JOB (async_job), NULL, validator_done_cb, &w);
  while (!w.done)
    g_main_context_iteration (NULL, TRUE);
  g_assert_no_error (w.error);
  g_assert_true (w.ok);

  a = reslib_validator_get_findings (sync_job);
  b = reslib_validator_get_findings (async_job);
  /* Two duplicates, three resources not approved. */
  g_assert_cmpuint (g_list_model_get_n_items (a), ==, 5);
  g_assert_cmpuint (g_list_model_get_n_items (b), ==, g_list_model_get_n_items (a));
  for (guint i = 0; i < g_list_model_get_n_items (a); i++)
    {
      g_autoptr(ReslibFinding) x = g_list_model_get_item (a, i);
      g_autoptr(ReslibFinding) y = g_list_model_get_item (b, i);

      g_assert_cmpstr (reslib_finding_get_rule (x), ==, reslib_finding_get_rule (y));
      g_assert_cmpint (reslib_finding_get_severity (x), ==, reslib_finding_get_severity (y));
      g_assert_cmpstr (reslib_finding_get_subject_id (x), ==, reslib_finding_get_subject_id (y));
      g_assert_cmpstr (reslib_finding_get_message (x), ==, reslib_finding_get_message (y));
    }
  for (Watch *x = &s; x != NULL; x = x == &s ? &w : NULL)
    {
      g_assert_cmpuint (x->n_progress, >=, 1);
      g_assert_cmpuint (x->n_wrong_thread, ==, 0);
      g_assert_cmpuint (x->last_done, ==, 3);
      g_assert_cmpuint (x->last_total, ==, 3);
    }
  g_assert_cmpfloat (reslib_job_get_fraction (RESLIB_JOB (async_job)), ==, 1.0);
  g_assert_nonnull (reslib_job_get_title (RESLIB_JOB (async_job)));
  g_assert_cmpstr (reslib_job_get_message (RESLIB_JOB (sync_job)), ==, "Checks done");
  g_assert_cmpstr (reslib_job_get_message (RESLIB_JOB (async_job)), ==, "Checks done");
}

/* A cancelled run ends with G_IO_ERROR_CANCELLED and leaves no findings, not even those of an earlier run. */
static void
test_job_cancel (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(ReslibValidator) job = reslib_validator_new (f->store, f->project, f->profile);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  Watch w = { g_thread_self (), };

  g_signal_connect (job, "progress", G_CALLBACK (validator_progress_cb), &w);
  g_assert_true (reslib_job_run (RESLIB_JOB (job), NULL, &error));
  g_assert_nonnull (reslib_validator_get_findings (job));

  g_cancellable_cancel (cancellable);
  g_assert_false (reslib_job_run (RESLIB_JOB (job), cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (reslib_validator_get_findings (job));
  g_clear_error (&error);

  /* Cancelled from its first report, among the resources. */
  w.cancel = TRUE;
  w.n_progress = 0;
  g_assert_false (reslib_job_run (RESLIB_JOB (job), NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (w.n_progress, >=, 1);
  g_assert_null (reslib_validator_get_findings (job));
  g_assert_error (reslib_job_get_error (RESLIB_JOB (job)), G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

/* Every rule of the built-in profile has a title for the Checks page's groups. */
static void
test_rule_titles (void)
{
  g_autoptr(ReslibProfile) profile = reslib_profile_load_default (NULL);
  g_autoptr(GPtrArray) rules = NULL;

  g_assert_nonnull (profile);
  rules = reslib_profile_list_rules (profile);
  g_assert_cmpuint (rules->len, >, 20);
  for (guint i = 0; i < rules->len; i++)
    {
      const ReslibRule *rule = g_ptr_array_index (rules, i);

      g_test_message ("%s: %s", rule->id, reslib_rule_title (rule->id));
      g_assert_cmpstr (reslib_rule_title (rule->id), !=, rule->id);
    }
  g_assert_cmpstr (reslib_rule_title ("no.such.rule"), ==, "no.such.rule");
}

/* Reads a written sheet back with the sheet reader: its rows, each its cells joined by tabs. */
static GPtrArray *
read_sheet (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ReslibSheetReader) reader = reslib_sheet_reader_open (path, NULL, &error);
  GPtrArray *rows = g_ptr_array_new_with_free_func (g_free);
  guint row_number;

  g_assert_no_error (error);
  while (reslib_sheet_reader_next_row (reader, &row_number, &error))
    {
      g_autoptr(GString) line = g_string_new (NULL);

      for (guint c = 0; c < reslib_sheet_reader_get_n_cells (reader); c++)
        g_string_append_printf (line, "%s%s", c > 0 ? "\t" : "", reslib_sheet_reader_get_cell (reader, c));
      g_ptr_array_add (rows, g_string_free (g_steal_pointer (&line), FALSE));
    }
  g_assert_no_error (error);

  return rows;
}

/* The findings exported as CSV and xlsx: a header, then a row per finding in the validator's order with
 * severity, rule, subject, message, field and resource id; a file that exists is replaced only when asked;
 * a title with a comma is quoted in the CSV. */
static void
test_export (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GListModel) findings = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *csv = g_build_filename (f->dir, "检查结果.csv", NULL);
  g_autofree char *xlsx = g_build_filename (f->dir, "检查结果.xlsx", NULL);
  g_autofree char *contents = NULL;
  g_autofree char *expected = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_auto(GStrv) lines = NULL;

  set (f, RESLIB_KIND_RESOURCE, f->res_b, "origin", "open");
  set (f, RESLIB_KIND_RESOURCE, f->res_b, "license", NULL);
  set (f, RESLIB_KIND_RESOURCE, f->res_b, "title", "=SUM(A1), \"二\"");
  set (f, RESLIB_KIND_RESOURCE, f->res_a, "authors", "");
  set (f, RESLIB_KIND_PROJECT, f->project, "contact_phone", NULL);
  findings = validate (f);
  g_assert_cmpuint (g_list_model_get_n_items (findings), ==, 3);

  {
    g_autoptr(ReslibFindingsExportJob) job = reslib_findings_export_job_new (f->store, findings, csv,
                                                                             RESLIB_SHEET_FORMAT_CSV);

    g_assert_true (reslib_job_run (RESLIB_JOB (job), NULL, &error));
    g_assert_no_error (error);
    g_assert_cmpuint (reslib_findings_export_job_get_n_rows (job), ==, 3);
  }
  g_assert_true (g_file_get_contents (csv, &contents, NULL, NULL));
  lines = g_strsplit (contents, "\r\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 5);
  g_assert_cmpstr (lines[0], ==, "\xef\xbb\xbfSeverity,Rule,Subject,Message,Field,Resource ID");
  /* The validator's order: the project's rules first, then the resources'. */
  g_assert_true (g_str_has_prefix (lines[1], "Error,project.dossier.required,Project: 数控技术专业教学资源库,"));
  g_assert_true (g_str_has_suffix (lines[1], ",Contact phone,"));
  expected = g_strdup_printf ("Error,resource.authors,Resource: 安全规程,The resource “安全规程” names no author,"
                              "Authors,%s", f->res_a);
  g_assert_cmpstr (lines[2], ==, expected);
  g_clear_pointer (&expected, g_free);
  /* The title's comma and quotes are quoted, in the subject and in the message. */
  expected = g_strdup_printf ("Error,resource.licence,\"Resource: =SUM(A1), \"\"二\"\"\","
                              "\"The open resource “=SUM(A1), \"\"二\"\"” does not name its licence\",Licence,%s",
                              f->res_b);
  g_assert_cmpstr (lines[3], ==, expected);
  g_clear_pointer (&expected, g_free);
  g_assert_cmpstr (lines[4], ==, "");

  /* It exists now: not replaced unless asked. */
  {
    g_autoptr(ReslibFindingsExportJob) job = reslib_findings_export_job_new (f->store, findings, csv,
                                                                             RESLIB_SHEET_FORMAT_CSV);

    g_assert_false (reslib_job_run (RESLIB_JOB (job), NULL, &error));
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS);
    g_clear_error (&error);
    reslib_findings_export_job_set_flags (job, RESLIB_OUTPUT_REPLACE);
    g_assert_true (reslib_job_run (RESLIB_JOB (job), NULL, &error));
    g_assert_no_error (error);
  }

  /* The workbook holds the same rows. */
  {
    g_autoptr(ReslibFindingsExportJob) job = reslib_findings_export_job_new (f->store, findings, xlsx,
                                                                             RESLIB_SHEET_FORMAT_XLSX);

    g_assert_true (reslib_job_run (RESLIB_JOB (job), NULL, &error));
    g_assert_no_error (error);
  }
  rows = read_sheet (xlsx);
  g_assert_cmpuint (rows->len, ==, 4);
  g_assert_cmpstr (g_ptr_array_index (rows, 0), ==, "Severity\tRule\tSubject\tMessage\tField\tResource ID");
  expected = g_strdup_printf ("Error\tresource.licence\tResource: =SUM(A1), \"二\"\t"
                              "The open resource “=SUM(A1), \"二\"” does not name its licence\tLicence\t%s", f->res_b);
  g_assert_cmpstr (g_ptr_array_index (rows, 3), ==, expected);
  g_clear_pointer (&expected, g_free);

  /* Cancelled before it ran: nothing is left, not even a temporary file. */
  {
    g_autofree char *other = g_build_filename (f->dir, "cancelled.xlsx", NULL);
    g_autoptr(ReslibFindingsExportJob) job = reslib_findings_export_job_new (f->store, findings, other,
                                                                             RESLIB_SHEET_FORMAT_XLSX);
    g_autoptr(GCancellable) cancellable = g_cancellable_new ();
    g_autoptr(GDir) dir = NULL;
    const char *name;

    g_cancellable_cancel (cancellable);
    g_assert_false (reslib_job_run (RESLIB_JOB (job), cancellable, &error));
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
    g_clear_error (&error);
    g_assert_false (g_file_test (other, G_FILE_TEST_EXISTS));
    dir = g_dir_open (f->dir, 0, NULL);
    while ((name = g_dir_read_name (dir)) != NULL)
      g_assert_false (strstr (name, ".part-") != NULL);
  }
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  /* Not G_TEST_OPTION_ISOLATE_DIRS: MIME sniffing needs the system's shared-mime-info database. */
  g_test_init (&argc, &argv, NULL);
  reslib_core_init ();

  g_test_add_func ("/validate/profile/load-and-refuse", test_profiles);
  g_test_add_func ("/validate/credit-code", test_credit_codes);
  g_test_add_func ("/validate/rule-titles", test_rule_titles);
  g_test_add ("/validate/export", Fixture, NULL, fixture_setup, test_export, fixture_teardown);
  g_test_add ("/validate/clean", Fixture, NULL, fixture_setup, test_clean, fixture_teardown);
  g_test_add ("/validate/online", Fixture, NULL, fixture_setup, test_online, fixture_teardown);
  g_test_add ("/validate/hosts", Fixture, NULL, fixture_setup, test_hosts, fixture_teardown);
  g_test_add ("/validate/leader", Fixture, NULL, fixture_setup, test_leader, fixture_teardown);
  g_test_add ("/validate/host-ranks", Fixture, NULL, fixture_setup, test_host_ranks, fixture_teardown);
  g_test_add ("/validate/order", Fixture, NULL, fixture_setup, test_order, fixture_teardown);
  g_test_add ("/validate/participants", Fixture, NULL, fixture_setup, test_participants_from_profile, fixture_teardown);
  g_test_add ("/validate/majors", Fixture, NULL, fixture_setup, test_majors, fixture_teardown);
  g_test_add ("/validate/dossier", Fixture, NULL, fixture_setup, test_dossier, fixture_teardown);
  g_test_add ("/validate/dossier-sections", Fixture, NULL, fixture_setup, test_dossier_sections, fixture_teardown);
  g_test_add ("/validate/units", Fixture, NULL, fixture_setup, test_units, fixture_teardown);
  g_test_add ("/validate/resources", Fixture, NULL, fixture_setup, test_resources, fixture_teardown);
  g_test_add ("/validate/duplicates-and-approval", Fixture, NULL, fixture_setup, test_duplicates_and_approval,
              fixture_teardown);
  g_test_add ("/validate/courses", Fixture, NULL, fixture_setup, test_courses, fixture_teardown);
  g_test_add ("/validate/upkeep", Fixture, NULL, fixture_setup, test_upkeep, fixture_teardown);
  g_test_add ("/validate/upkeep/users", Fixture, NULL, fixture_setup, test_upkeep_users, fixture_teardown);
  g_test_add ("/validate/upkeep/baseline-before-start", Fixture, NULL, fixture_setup, test_upkeep_baseline_before_start,
              fixture_teardown);
  g_test_add ("/validate/media", Fixture, NULL, fixture_setup, test_media, fixture_teardown);
  g_test_add ("/validate/missing-file", Fixture, NULL, fixture_setup, test_missing_file, fixture_teardown);
  g_test_add ("/validate/finding-list", Fixture, NULL, fixture_setup, test_finding_list, fixture_teardown);
  g_test_add ("/validate/disabled-rule", Fixture, NULL, fixture_setup, test_disabled_rule, fixture_teardown);
  g_test_add ("/validate/job/sync-async", Fixture, NULL, fixture_setup, test_job_sync_async, fixture_teardown);
  g_test_add ("/validate/job/cancel", Fixture, NULL, fixture_setup, test_job_cancel, fixture_teardown);

  return g_test_run ();
}
