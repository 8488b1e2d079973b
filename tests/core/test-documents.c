/* test-documents.c — the documents of the major or a course (人才培养方案, 专业教学标准, 课程标准): the store,
 * the rule resource.granularity that asks them for a major or a course of the project instead of a knowledge
 * or skill point, and a package that carries them from one library to another
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <locale.h>
#include <string.h>

#include "reslib-error.h"
#include "reslib-package.h"
#include "reslib-package-importer.h"
#include "reslib-store-conflicts.h"
#include "reslib-test-utils.h"
#include "reslib-validator.h"

typedef struct
{
  char        *dir;
  char        *out;
  ReslibStore *a;           /* the lead's */
  ReslibStore *b;           /* a second library */
  char        *project;
  char        *other;       /* another project in the lead's library */
  char        *major;       /* a served major, 460104 */
  char        *course;      /* a course of the project, code SKJS-01 */
  char        *other_course;
  char        *point;       /* a knowledge point of the course */
  char        *plan;        /* 人才培养方案 */
  char        *standard;    /* 课程标准 */
  char        *lesson;      /* an ordinary resource */
} Fixture;

static char *
import_file (Fixture    *f,
             const char *name,
             const char *text)
{
  g_autofree char *files = g_build_filename (f->dir, "files", NULL);
  g_autofree char *path = NULL;
  g_autoptr(ReslibImporter) importer = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;

  g_mkdir_with_parents (files, 0700);
  path = reslib_test_write_file (files, name, text, -1);
  file = g_file_new_for_path (path);
  importer = reslib_importer_new (f->a, f->project);
  reslib_importer_add_file (importer, file);
  g_assert_true (reslib_job_run (RESLIB_JOB (importer), NULL, &error));
  g_assert_no_error (error);

  return g_strdup (reslib_importer_get_resource_ids (importer)[0]);
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *a_dir = NULL;
  g_autofree char *b_dir = NULL;

  f->dir = reslib_test_make_tmp_dir ("reslib-documents-XXXXXX");
  a_dir = g_build_filename (f->dir, "a", NULL);
  b_dir = g_build_filename (f->dir, "b", NULL);
  f->out = g_build_filename (f->dir, "out", NULL);
  g_mkdir (f->out, 0700);
  f->a = reslib_test_open_store (a_dir);
  f->b = reslib_test_open_store (b_dir);
  f->project = reslib_test_new_project (f->a, "数控技术专业教学资源库");
  f->other = reslib_test_new_project (f->a, "护理专业教学资源库");
  f->major = reslib_test_insert (f->a, RESLIB_KIND_MAJOR, (const char * const[]) { "project_id", "role", "code", "name", NULL },
                                 (const char * const[]) { f->project, "served", "460104", "数控设备应用与维护" });
  f->course = reslib_test_insert (f->a, RESLIB_KIND_COURSE, (const char * const[]) { "project_id", "title", "code", NULL },
                                  (const char * const[]) { f->project, "数控车削编程与加工", "SKJS-01" });
  f->other_course = reslib_test_insert (f->a, RESLIB_KIND_COURSE, (const char * const[]) { "project_id", "title", NULL },
                                        (const char * const[]) { f->other, "基础护理" });
  f->point = reslib_test_insert (f->a, RESLIB_KIND_NODE, (const char * const[]) { "project_id", "course_id", "kind", "title", NULL },
                                 (const char * const[]) { f->project, f->course, "knowledge", "外圆车削" });
  f->plan = import_file (f, "数控技术专业人才培养方案.txt", "一、专业名称及代码");
  f->standard = import_file (f, "数控车削编程与加工课程标准.txt", "一、课程性质");
  f->lesson = import_file (f, "外圆车削讲义.txt", "外圆车削的要点");
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_object (&f->a);
  g_clear_object (&f->b);
  reslib_test_rm_rf (f->dir);
  g_free (f->dir);
  g_free (f->out);
  g_free (f->project);
  g_free (f->other);
  g_free (f->major);
  g_free (f->course);
  g_free (f->other_course);
  g_free (f->point);
  g_free (f->plan);
  g_free (f->standard);
  g_free (f->lesson);
}

static ReslibRecord *
get (ReslibStore *store,
     const char  *id)
{
  g_autoptr(GError) error = NULL;
  ReslibRecord *r = reslib_store_get (store, RESLIB_KIND_RESOURCE, id, &error);

  g_assert_no_error (error);
  g_assert_nonnull (r);

  return r;
}

static gboolean
try_set (ReslibStore *store,
         const char  *id,
         const char  *field,
         const char  *value,
         GError     **error)
{
  return reslib_store_update (store, RESLIB_KIND_RESOURCE, id, (const char * const[]) { field, NULL },
                              (const char * const[]) { value }, error);
}

static void
set_field (ReslibStore *store,
           const char  *id,
           const char  *field,
           const char  *value)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (try_set (store, id, field, value, &error));
  g_assert_no_error (error);
}

/* The findings of @rule about @id and its @field, with the built-in profile. */
static guint
findings_of (Fixture    *f,
             const char *rule,
             const char *id,
             const char *field)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ReslibProfile) profile = reslib_profile_load_default (&error);
  g_autoptr(ReslibValidator) validator = NULL;
  GListModel *findings;
  guint n = 0;

  g_assert_no_error (error);
  validator = reslib_validator_new (f->a, f->project, profile);
  g_assert_true (reslib_job_run (RESLIB_JOB (validator), NULL, &error));
  g_assert_no_error (error);
  findings = reslib_validator_get_findings (validator);
  for (guint i = 0; i < g_list_model_get_n_items (findings); i++)
    {
      g_autoptr(ReslibFinding) finding = g_list_model_get_item (findings, i);

      if (g_str_equal (reslib_finding_get_rule (finding), rule) &&
          g_strcmp0 (reslib_finding_get_subject_id (finding), id) == 0 &&
          g_strcmp0 (reslib_finding_get_field (finding), field) == 0)
        {
          g_test_message ("%s — %s", reslib_finding_get_message (finding), reslib_finding_get_hint (finding));
          g_assert_nonnull (reslib_finding_get_hint (finding));
          n++;
        }
    }

  return n;
}

/* The store keeps a document's kind and home; a kind it does not know, or a home in another project, is
 * refused; the profile says where each kind belongs. */
static void
test_store (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ReslibRecord) r = NULL;
  g_autoptr(ReslibProfile) profile = reslib_profile_load_default (&error);
  g_autofree char *by_code = NULL;

  g_assert_no_error (error);
  g_assert_cmpstr (reslib_profile_document_level (profile, "programme"), ==, "major");
  g_assert_cmpstr (reslib_profile_document_level (profile, "teaching-standard"), ==, "major");
  g_assert_cmpstr (reslib_profile_document_level (profile, "course-standard"), ==, "course");
  g_assert_null (reslib_profile_document_level (profile, "lesson-plan"));
  /* each kind names a source the profile lists */
  {
    g_autoptr(GBytes) bytes = g_resources_lookup_data ("/io/github/reslib/core/profiles/henan-2024.json", 0, &error);
    g_autoptr(GString) text = g_string_new_len (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
    g_autoptr(ReslibProfile) broken = NULL;

    g_assert_no_error (error);
    g_assert_cmpuint (g_string_replace (text, "\"name\": \"课程标准\", \"level\": \"course\", \"source\": \"henan-plan\"",
                                        "\"name\": \"课程标准\", \"level\": \"course\", \"source\": \"hearsay\"", 1), ==, 1);
    broken = reslib_profile_load_data ("broken.json", text->str, text->len, &error);
    g_assert_null (broken);
    g_assert_error (error, RESLIB_ERROR, RESLIB_ERROR_BAD_FILE);
    g_assert_nonnull (strstr (error->message, "hearsay"));
    g_assert_nonnull (strstr (error->message, "课程标准"));
    g_clear_error (&error);
  }

  set_field (f->a, f->plan, "document", "programme");
  set_field (f->a, f->plan, "major_id", f->major);
  set_field (f->a, f->standard, "document", "course-standard");
  set_field (f->a, f->standard, "course_id", f->course);
  r = get (f->a, f->plan);
  g_assert_cmpstr (reslib_record_get (r, "document"), ==, "programme");
  g_assert_cmpstr (reslib_record_get (r, "major_id"), ==, f->major);
  g_assert_null (reslib_record_get (r, "course_id"));
  g_clear_object (&r);
  r = get (f->a, f->standard);
  g_assert_cmpstr (reslib_record_get (r, "document"), ==, "course-standard");
  g_assert_cmpstr (reslib_record_get (r, "course_id"), ==, f->course);
  g_clear_object (&r);

  g_assert_false (try_set (f->a, f->plan, "document", "lesson-plan", &error));
  g_assert_error (error, RESLIB_ERROR, RESLIB_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (try_set (f->a, f->standard, "course_id", f->other_course, &error));
  g_assert_error (error, RESLIB_ERROR, RESLIB_ERROR_INVALID);
  g_clear_error (&error);

  /* A major and a course are found by their code within the project, not in another one. */
  by_code = reslib_store_resolve (f->a, RESLIB_KIND_MAJOR, "460104", f->project, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (by_code, ==, f->major);
  g_clear_pointer (&by_code, g_free);
  by_code = reslib_store_resolve (f->a, RESLIB_KIND_COURSE, "SKJS-01", f->project, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (by_code, ==, f->course);
  g_clear_pointer (&by_code, g_free);
  g_assert_null (reslib_store_resolve (f->a, RESLIB_KIND_COURSE, "SKJS-01", f->other, &error));
  g_assert_error (error, RESLIB_ERROR, RESLIB_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_null (reslib_store_resolve (f->a, RESLIB_KIND_COURSE, f->other_course, f->project, &error));
  g_assert_error (error, RESLIB_ERROR, RESLIB_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* An empty value clears them. */
  set_field (f->a, f->plan, "document", "");
  set_field (f->a, f->plan, "major_id", "");
  r = get (f->a, f->plan);
  g_assert_null (reslib_record_get (r, "document"));
  g_assert_null (reslib_record_get (r, "major_id"));
}

/* A document needs no knowledge or skill point but its home: a major of the project for 人才培养方案 and
 * 专业教学标准, a course of the project for 课程标准. An ordinary resource still needs its point. */
static void
test_rule (Fixture       *f,
           gconstpointer  data)
{
  /* Before: three resources without a point. */
  g_assert_cmpuint (findings_of (f, "resource.granularity", f->plan, "nodes"), ==, 1);
  g_assert_cmpuint (findings_of (f, "resource.granularity", f->standard, "nodes"), ==, 1);
  g_assert_cmpuint (findings_of (f, "resource.granularity", f->lesson, "nodes"), ==, 1);

  /* Marked as documents without their home: a finding that points at the home's field. */
  set_field (f->a, f->plan, "document", "programme");
  set_field (f->a, f->standard, "document", "course-standard");
  g_assert_cmpuint (findings_of (f, "resource.granularity", f->plan, "major_id"), ==, 1);
  g_assert_cmpuint (findings_of (f, "resource.granularity", f->standard, "course_id"), ==, 1);
  g_assert_cmpuint (findings_of (f, "resource.granularity", f->plan, "nodes"), ==, 0);
  g_assert_cmpuint (findings_of (f, "resource.granularity", f->standard, "nodes"), ==, 0);

  /* A course-level document given a major only, a major-level one given a course only: still not at home. */
  set_field (f->a, f->plan, "course_id", f->course);
  set_field (f->a, f->standard, "major_id", f->major);
  g_assert_cmpuint (findings_of (f, "resource.granularity", f->plan, "major_id"), ==, 1);
  g_assert_cmpuint (findings_of (f, "resource.granularity", f->standard, "course_id"), ==, 1);

  /* At home: no finding, and no metadata finding for the missing point either. */
  set_field (f->a, f->plan, "major_id", f->major);
  set_field (f->a, f->standard, "course_id", f->course);
  g_assert_cmpuint (findings_of (f, "resource.granularity", f->plan, "major_id"), ==, 0);
  g_assert_cmpuint (findings_of (f, "resource.granularity", f->standard, "course_id"), ==, 0);
  g_assert_cmpuint (findings_of (f, "resource.metadata", f->plan, "nodes"), ==, 0);

  /* The ordinary resource is not excused by them. */
  g_assert_cmpuint (findings_of (f, "resource.granularity", f->lesson, "nodes"), ==, 1);
  set_field (f->a, f->lesson, "major_id", f->major);
  g_assert_cmpuint (findings_of (f, "resource.granularity", f->lesson, "nodes"), ==, 1);
  {
    g_autoptr(GError) error = NULL;

    g_assert_true (reslib_store_set_list (f->a, f->lesson, "nodes", (const char * const[]) { f->point, NULL }, &error));
    g_assert_no_error (error);
  }
  g_assert_cmpuint (findings_of (f, "resource.granularity", f->lesson, "nodes"), ==, 0);

  /* The major deleted: the document has lost its home. */
  {
    g_autoptr(GError) error = NULL;

    g_assert_true (reslib_store_delete (f->a, RESLIB_KIND_MAJOR, f->major, &error));
    g_assert_no_error (error);
  }
  g_assert_cmpuint (findings_of (f, "resource.granularity", f->plan, "major_id"), ==, 1);
}

static char *
pack (Fixture    *f,
      const char *name)
{
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (f->out, name, NULL);

  reslib_test_approve_all (f->a, f->project);
  g_assert_true (reslib_test_pack (f->a, f->project, "progress", NULL, path, NULL, &error));
  g_assert_no_error (error);

  return path;
}

static ReslibPackageImporter *
run_import (ReslibStore *store,
            const char  *path)
{
  g_autoptr(GError) error = NULL;
  ReslibPackageImporter *importer = reslib_package_importer_new (store, path);

  reslib_package_importer_set_flags (importer, RESLIB_IMPORT_NONE);
  g_assert_true (reslib_job_run (RESLIB_JOB (importer), NULL, &error));
  g_assert_no_error (error);

  return importer;
}

/* A package carries a document's kind and home (manifest.json, checked against its schema on import); a
 * later change on one side is taken, a change on both sides is a conflict. */
static void
test_exchange (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_autofree char *third = NULL;
  g_autoptr(ReslibPackageImporter) i1 = NULL;
  g_autoptr(ReslibPackageImporter) i2 = NULL;
  g_autoptr(ReslibPackageImporter) i3 = NULL;
  g_autoptr(ReslibRecord) r = NULL;
  g_autoptr(GListModel) conflicts = NULL;
  g_autoptr(JsonNode) manifest = NULL;
  JsonArray *resources;
  gboolean seen = FALSE;

  set_field (f->a, f->plan, "document", "programme");
  set_field (f->a, f->plan, "major_id", f->major);
  set_field (f->a, f->standard, "document", "course-standard");
  set_field (f->a, f->standard, "course_id", f->course);
  first = pack (f, "first.tar");

  manifest = reslib_test_tar_json (first, "manifest.json");
  resources = json_object_get_array_member (json_node_get_object (manifest), "resources");
  for (guint i = 0; i < json_array_get_length (resources); i++)
    {
      JsonObject *o = json_array_get_object_element (resources, i);

      if (g_str_equal (json_object_get_string_member (o, "id"), f->standard))
        {
          g_assert_cmpstr (json_object_get_string_member (o, "document"), ==, "course-standard");
          g_assert_cmpstr (json_object_get_string_member (o, "course_id"), ==, f->course);
          seen = TRUE;
        }
    }
  g_assert_true (seen);

  i1 = run_import (f->b, first);
  r = get (f->b, f->plan);
  g_assert_cmpstr (reslib_record_get (r, "document"), ==, "programme");
  g_assert_cmpstr (reslib_record_get (r, "major_id"), ==, f->major);
  g_clear_object (&r);
  r = get (f->b, f->standard);
  g_assert_cmpstr (reslib_record_get (r, "document"), ==, "course-standard");
  g_assert_cmpstr (reslib_record_get (r, "course_id"), ==, f->course);
  g_clear_object (&r);

  /* Changed on the lead's side only: taken. */
  set_field (f->a, f->plan, "document", "teaching-standard");
  second = pack (f, "second.tar");
  i2 = run_import (f->b, second);
  r = get (f->b, f->plan);
  g_assert_cmpstr (reslib_record_get (r, "document"), ==, "teaching-standard");
  g_clear_object (&r);
  conflicts = reslib_store_list_conflicts (f->b, f->project, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (conflicts), ==, 0);
  g_clear_object (&conflicts);

  /* Changed on both sides: a conflict, the local value kept. */
  set_field (f->a, f->plan, "major_id", "");
  set_field (f->b, f->plan, "document", "course-standard");
  third = pack (f, "third.tar");
  i3 = run_import (f->b, third);
  r = get (f->b, f->plan);
  g_assert_cmpstr (reslib_record_get (r, "document"), ==, "course-standard");
  conflicts = reslib_store_list_conflicts (f->b, f->project, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (conflicts), ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add ("/documents/store", Fixture, NULL, fixture_setup, test_store, fixture_teardown);
  g_test_add ("/documents/rule", Fixture, NULL, fixture_setup, test_rule, fixture_teardown);
  g_test_add ("/documents/exchange", Fixture, NULL, fixture_setup, test_exchange, fixture_teardown);

  return g_test_run ();
}
