/* test-tags.c — a resource's tags (课程思政, 创新创业, 职业培训), its 1+X certificate and online resources (a URL,
 * no file): the store, the exchange digest, a contribution's merge and conflicts, the manifest
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <locale.h>
#include <string.h>

#include "reslib-package.h"
#include "reslib-package-importer.h"
#include "reslib-store-conflicts.h"
#include "reslib-store-private.h"
#include "reslib-sync.h"
#include "reslib-test-utils.h"
#include "reslib-validator.h"

typedef struct
{
  char        *dir;
  char        *files;
  char        *out;
  ReslibStore *a;           /* the lead's */
  ReslibStore *b;           /* a second library */
  char        *project;
  char        *res;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *a_dir = NULL;
  g_autofree char *b_dir = NULL;
  g_autofree char *path = NULL;
  g_autoptr(ReslibImporter) importer = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;

  f->dir = reslib_test_make_tmp_dir ("reslib-tags-XXXXXX");
  a_dir = g_build_filename (f->dir, "a", NULL);
  b_dir = g_build_filename (f->dir, "b", NULL);
  f->files = g_build_filename (f->dir, "files", NULL);
  f->out = g_build_filename (f->dir, "out", NULL);
  g_mkdir (f->files, 0700);
  g_mkdir (f->out, 0700);
  f->a = reslib_test_open_store (a_dir);
  f->b = reslib_test_open_store (b_dir);
  f->project = reslib_test_new_project (f->a, "数控技术专业教学资源库");

  path = reslib_test_write_file (f->files, "讲义.txt", "外圆车削的要点", -1);
  file = g_file_new_for_path (path);
  importer = reslib_importer_new (f->a, f->project);
  reslib_importer_add_file (importer, file);
  g_assert_true (reslib_job_run (RESLIB_JOB (importer), NULL, &error));
  g_assert_no_error (error);
  f->res = g_strdup (reslib_importer_get_resource_ids (importer)[0]);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_object (&f->a);
  g_clear_object (&f->b);
  reslib_test_rm_rf (f->dir);
  g_free (f->dir);
  g_free (f->files);
  g_free (f->out);
  g_free (f->project);
  g_free (f->res);
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

static void
set_tags (ReslibStore        *store,
          const char         *id,
          const char * const *tags)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (reslib_store_set_list (store, id, "tags", tags, &error));
  g_assert_no_error (error);
}

static void
set_field (ReslibStore *store,
           const char  *id,
           const char  *field,
           const char  *value)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (reslib_store_update (store, RESLIB_KIND_RESOURCE, id, (const char * const[]) { field, NULL },
                                      (const char * const[]) { value }, &error));
  g_assert_no_error (error);
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

static char *
tags_of (ReslibStore *store,
         const char  *id)
{
  g_autoptr(ReslibRecord) r = get (store, id);
  g_autoptr(GPtrArray) sorted = g_ptr_array_new ();
  const char * const *tags = reslib_record_get_list (r, "tags");

  for (guint i = 0; tags[i] != NULL; i++)
    g_ptr_array_add (sorted, (gpointer) tags[i]);
  g_ptr_array_sort (sorted, compare_strings);
  g_ptr_array_add (sorted, NULL);

  return g_strjoinv (",", (char **) sorted->pdata);
}

/* The tags as users write them become the stored words; what is not a tag is refused; 1+X is the
 * certificate. */
static void
test_store (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ReslibRecord) r = NULL;
  g_autoptr(JsonNode) json = NULL;
  g_autofree char *tags = NULL;

  set_tags (f->a, f->res, (const char * const[]) { "思政", "创新创业", "vocational-training", "课程思政", NULL });
  tags = tags_of (f->a, f->res);
  g_assert_cmpstr (tags, ==, "entrepreneurship,ideological,vocational-training");

  g_assert_false (reslib_store_set_list (f->a, f->res, "tags", (const char * const[]) { "劳动教育", NULL }, &error));
  g_assert_error (error, RESLIB_ERROR, RESLIB_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (reslib_store_set_list (f->a, f->res, "tags", (const char * const[]) { "思政", "1+X", NULL }, &error));
  g_assert_error (error, RESLIB_ERROR, RESLIB_ERROR_INVALID);
  g_clear_error (&error);
  g_clear_pointer (&tags, g_free);
  tags = tags_of (f->a, f->res);
  g_assert_cmpstr (tags, ==, "entrepreneurship,ideological,vocational-training");   /* unchanged */

  set_field (f->a, f->res, "certificate", "数控车铣加工");
  set_tags (f->a, f->res, (const char * const[]) { "思政", "1+X", NULL });
  g_clear_pointer (&tags, g_free);
  tags = tags_of (f->a, f->res);
  g_assert_cmpstr (tags, ==, "ideological");

  /* A resource with a file has no address. */
  g_assert_false (reslib_store_update (f->a, RESLIB_KIND_RESOURCE, f->res, (const char * const[]) { "url", NULL },
                                       (const char * const[]) { "https://mooc.example.edu.cn/1" }, &error));
  g_assert_error (error, RESLIB_ERROR, RESLIB_ERROR_INVALID);
  g_clear_error (&error);

  r = get (f->a, f->res);
  g_assert_cmpstr (reslib_record_get (r, "certificate"), ==, "数控车铣加工");
  g_assert_null (reslib_record_get (r, "url"));
  json = reslib_record_to_json (r);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (json_node_get_object (json), "tags")), ==, 1);
}

/* An online resource: an address and no file; the address cannot be cleared nor be a non-address. */
static void
test_online (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ReslibRecord) r = NULL;
  g_autofree char *id = NULL;
  g_autofree char *pack_path = g_build_filename (f->out, "online.tar", NULL);

  g_assert_null (reslib_store_add_online_resource (f->a, f->project, "仿真", "ftp://example.edu.cn/x", &error));
  g_assert_error (error, RESLIB_ERROR, RESLIB_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_null (reslib_store_add_online_resource (f->a, f->project, "仿真", "https:///x", &error));
  g_assert_error (error, RESLIB_ERROR, RESLIB_ERROR_INVALID);
  g_clear_error (&error);

  id = reslib_store_add_online_resource (f->a, f->project, "数控车床仿真",
                                         "https://mooc.example.edu.cn/course/%E8%BD%A6%E5%BA%8A", &error);
  g_assert_no_error (error);
  g_assert_nonnull (id);
  r = get (f->a, id);
  g_assert_null (reslib_record_get (r, "blob_sha256"));
  g_assert_cmpstr (reslib_record_get (r, "url"), ==, "https://mooc.example.edu.cn/course/%E8%BD%A6%E5%BA%8A");
  g_assert_cmpstr (reslib_record_get (r, "file_name"), ==, "车床");
  g_assert_cmpstr (reslib_record_get (r, "state"), ==, "draft");

  g_assert_false (reslib_store_update (f->a, RESLIB_KIND_RESOURCE, id, (const char * const[]) { "url", NULL },
                                       (const char * const[]) { "" }, &error));
  g_assert_error (error, RESLIB_ERROR, RESLIB_ERROR_INVALID);
  g_clear_error (&error);
  set_field (f->a, id, "url", "https://mooc.example.edu.cn/course/43");
  set_tags (f->a, id, (const char * const[]) { "职业培训", NULL });

  /* A package carries it, with its address and no file (test-package-online.c has the details). */
  g_assert_true (reslib_test_pack (f->a, f->project, "contribution", NULL, pack_path, NULL, &error));
  g_assert_no_error (error);
}

static const char *
record_value (guint    index,
              gpointer data)
{
  ReslibRecord *record = data;

  return reslib_record_get (record, reslib_record_get_entity (record)->fields[index].name);
}

static const char * const *
record_list (guint    index,
             gpointer data)
{
  ReslibRecord *record = data;

  return reslib_record_get_list (record, reslib_record_get_entity (record)->fields[index].name);
}

/* A resource that uses none of the new fields has the digest it had before them (the entity without its
 * last three fields), so that libraries of a release before them still agree; each field counts when used. */
static void
test_digest (Fixture       *f,
             gconstpointer  data)
{
  const ReslibEntity *entity = reslib_entity_get (RESLIB_KIND_RESOURCE);
  ReslibEntity before = *entity;
  guint8 old_digest[RESLIB_SYNC_DIGEST_SIZE], digest[RESLIB_SYNC_DIGEST_SIZE], tagged[RESLIB_SYNC_DIGEST_SIZE];
  guint8 certified[RESLIB_SYNC_DIGEST_SIZE];
  g_autoptr(ReslibRecord) plain = get (f->a, f->res);
  g_autoptr(ReslibRecord) with_tags = NULL;
  g_autoptr(ReslibRecord) with_certificate = NULL;

  g_assert_cmpstr (entity->fields[entity->n_fields - 6].name, ==, "url");
  g_assert_cmpstr (entity->fields[entity->n_fields - 5].name, ==, "certificate");
  g_assert_cmpstr (entity->fields[entity->n_fields - 4].name, ==, "tags");
  g_assert_cmpstr (entity->fields[entity->n_fields - 3].name, ==, "document");
  g_assert_cmpstr (entity->fields[entity->n_fields - 2].name, ==, "major_id");
  g_assert_cmpstr (entity->fields[entity->n_fields - 1].name, ==, "course_id");
  before.n_fields -= 6;
  _reslib_sync_digest (&before, record_value, record_list, plain, old_digest);
  _reslib_sync_digest_record (plain, digest);
  g_assert_cmpmem (digest, sizeof digest, old_digest, sizeof old_digest);

  set_tags (f->a, f->res, (const char * const[]) { "创新创业", NULL });
  with_tags = get (f->a, f->res);
  _reslib_sync_digest_record (with_tags, tagged);
  g_assert_true (memcmp (tagged, digest, sizeof digest) != 0);

  set_field (f->a, f->res, "certificate", "数控车铣加工");
  with_certificate = get (f->a, f->res);
  _reslib_sync_digest_record (with_certificate, certified);
  g_assert_true (memcmp (certified, tagged, sizeof digest) != 0);
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

/* The tags and the certificate travel in a package; tags changed on both sides are a conflict, changed on
 * one side they are taken. */
static void
test_exchange (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_autofree char *third = NULL;
  g_autofree char *tags = NULL;
  g_autoptr(ReslibPackageImporter) i1 = NULL;
  g_autoptr(ReslibPackageImporter) i2 = NULL;
  g_autoptr(ReslibPackageImporter) i3 = NULL;
  g_autoptr(ReslibRecord) r = NULL;
  g_autoptr(GListModel) conflicts = NULL;

  set_tags (f->a, f->res, (const char * const[]) { "思政", NULL });
  set_field (f->a, f->res, "certificate", "数控车铣加工");
  first = pack (f, "first.tar");
  i1 = run_import (f->b, first);
  tags = tags_of (f->b, f->res);
  g_assert_cmpstr (tags, ==, "ideological");
  r = get (f->b, f->res);
  g_assert_cmpstr (reslib_record_get (r, "certificate"), ==, "数控车铣加工");

  /* Changed on the lead's side only: taken. */
  set_tags (f->a, f->res, (const char * const[]) { "思政", "职业培训", NULL });
  second = pack (f, "second.tar");
  i2 = run_import (f->b, second);
  g_clear_pointer (&tags, g_free);
  tags = tags_of (f->b, f->res);
  g_assert_cmpstr (tags, ==, "ideological,vocational-training");
  conflicts = reslib_store_list_conflicts (f->b, f->project, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (conflicts), ==, 0);
  g_clear_object (&conflicts);

  /* Changed on both sides, and only the tags: a conflict, the local tags kept. */
  set_tags (f->a, f->res, (const char * const[]) { "创新创业", NULL });
  set_tags (f->b, f->res, (const char * const[]) { "职业培训", NULL });
  third = pack (f, "third.tar");
  i3 = run_import (f->b, third);
  g_clear_pointer (&tags, g_free);
  tags = tags_of (f->b, f->res);
  g_assert_cmpstr (tags, ==, "vocational-training");
  conflicts = reslib_store_list_conflicts (f->b, f->project, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (conflicts), ==, 1);
}

/* The findings of @rule about @id, with the built-in profile. */
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
          g_strcmp0 (reslib_finding_get_subject_id (finding), id) == 0)
        {
          g_test_message ("%s — %s", reslib_finding_get_message (finding), reslib_finding_get_hint (finding));
          g_assert_cmpstr (reslib_finding_get_field (finding), ==, field);
          n++;
        }
    }

  return n;
}

/* A resource's 1+X certificate is one of the profile's list (教职所〔2019〕141号), or a warning says it is not;
 * the full title of a listed certificate counts as it. Online resources are checked too. */
static void
test_certificate_rule (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *online = reslib_store_add_online_resource (f->a, f->project, "老年照护实训",
                                                              "https://mooc.example.edu.cn/course/7", &error);

  g_assert_no_error (error);
  g_assert_cmpuint (findings_of (f, "resource.certificate", f->res, "certificate"), ==, 0);
  set_field (f->a, f->res, "certificate", "数控车铣加工");
  set_field (f->a, online, "certificate", "养老护理");
  g_assert_cmpuint (findings_of (f, "resource.certificate", f->res, "certificate"), ==, 1);
  g_assert_cmpuint (findings_of (f, "resource.certificate", online, "certificate"), ==, 1);
  set_field (f->a, f->res, "certificate", "建筑信息模型(BIM)");
  set_field (f->a, online, "certificate", "老年照护职业技能等级证书（中级）");
  g_assert_cmpuint (findings_of (f, "resource.certificate", f->res, "certificate"), ==, 0);
  g_assert_cmpuint (findings_of (f, "resource.certificate", online, "certificate"), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add ("/tags/store", Fixture, NULL, fixture_setup, test_store, fixture_teardown);
  g_test_add ("/tags/online", Fixture, NULL, fixture_setup, test_online, fixture_teardown);
  g_test_add ("/tags/digest", Fixture, NULL, fixture_setup, test_digest, fixture_teardown);
  g_test_add ("/tags/exchange", Fixture, NULL, fixture_setup, test_exchange, fixture_teardown);
  g_test_add ("/tags/certificate-rule", Fixture, NULL, fixture_setup, test_certificate_rule, fixture_teardown);

  return g_test_run ();
}
