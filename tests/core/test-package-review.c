/* test-package-review.c — a participating unit's review (level 1) travelling to the lead in a contribution:
 * the teacher's library packs the unit's decisions, the lead's import records those its store agrees
 * with, and the first host decides (level 2). Forged packages cannot approve at level 2, pass another
 * unit's or the first host's resources, name reviewers the lead does not have, or bring old decisions back.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <archive.h>
#include <archive_entry.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <string.h>

#include "reslib-package.h"
#include "reslib-package-importer.h"
#include "reslib-store-review.h"
#include "reslib-test-bag.h"
#include "reslib-test-utils.h"

#define PROJECT_NAME "数控技术专业教学资源库"

typedef struct
{
  char        *dir;
  char        *files;
  char        *out;
  ReslibStore *lead;
  ReslibStore *teacher;
  char        *project;
  char        *node;
  char        *host;        /* the first host (第一主持单位) */
  char        *unit;        /* the teacher's unit, a participant */
  char        *other;       /* another participant */
  char        *host_reviewer;
  char        *unit_reviewer;
  char        *other_reviewer;
  char        *passed;      /* the teacher's: passed by the unit */
  char        *edited;      /* passed, then edited: the pass no longer holds */
  char        *waiting;     /* in review, not decided */
  char        *of_host;     /* the teacher's, of the first host, in review */
  char        *contribution;
} Fixture;

static char *
add_resource (Fixture     *f,
              ReslibStore *store,
              const char  *name,
              const char  *contents,
              const char  *unit)
{
  g_autoptr(ReslibImporter) importer = reslib_importer_new (store, f->project);
  g_autofree char *path = reslib_test_write_file (f->files, name, contents, -1);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  char *id;

  reslib_importer_add_file (importer, file);
  reslib_importer_set_list (importer, "nodes", (const char * const[]) { f->node, NULL });
  g_assert_true (reslib_job_run (RESLIB_JOB (importer), NULL, &error));
  g_assert_no_error (error);
  id = g_strdup (reslib_importer_get_resource_ids (importer)[0]);
  reslib_test_update (store, RESLIB_KIND_RESOURCE, id, "unit_id", unit);
  g_assert_true (reslib_store_review (store, (const char * const[]) { id, NULL }, RESLIB_REVIEW_SUBMIT, NULL, &error));
  g_assert_no_error (error);

  return id;
}

static void
decide (ReslibStore        *store,
        const char         *resource,
        ReslibReviewLevel   level,
        const char         *reviewer,
        gboolean            approve,
        const char         *note)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (reslib_store_review_decide (store, (const char * const[]) { resource, NULL }, level, reviewer, approve,
                                             approve ? RESLIB_REVIEW_CHECK_ALL : RESLIB_REVIEW_CHECK_NONE, note,
                                             &error));
  g_assert_no_error (error);
}

static char *
pack (Fixture            *f,
      ReslibStore        *store,
      const char         *kind,
      const char * const *ids,
      const char         *name)
{
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (f->out, name, NULL);

  g_assert_true (reslib_test_pack (store, f->project, kind, ids, path, NULL, &error));
  g_assert_no_error (error);

  return path;
}

static gboolean
import (ReslibStore         *store,
        const char          *path,
        ReslibImportFlags    flags,
        ReslibImportReport **report,
        GError             **error)
{
  g_autoptr(ReslibPackageImporter) importer = reslib_package_importer_new (store, path);

  reslib_package_importer_set_flags (importer, flags);
  if (!reslib_job_run (RESLIB_JOB (importer), NULL, error))
    return FALSE;
  if (report != NULL)
    *report = reslib_import_report_copy (reslib_package_importer_get_report (importer));

  return TRUE;
}

static ReslibImportReport *
import_ok (ReslibStore *store,
           const char  *path)
{
  g_autoptr(GError) error = NULL;
  ReslibImportReport *report = NULL;

  g_assert_true (import (store, path, RESLIB_IMPORT_NONE, &report, &error));
  g_assert_no_error (error);

  return report;
}

static ReslibReviewLevel
next_level (ReslibStore *store,
            const char  *resource)
{
  g_autoptr(GError) error = NULL;
  ReslibReviewLevel level = reslib_store_review_next_level (store, resource, &error);

  g_assert_no_error (error);

  return level;
}

static guint
n_decisions (ReslibStore *store,
             const char  *resource)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) decisions = reslib_store_list_review_decisions (store, resource, &error);

  g_assert_no_error (error);

  return decisions->len;
}

/* The lead's project: the first host, the teacher's unit and another participant, a reviewer in each; the
 * teacher joins it from the lead's progress package. In the teacher's library the unit passes one
 * resource, passes another that is edited after, leaves one in review, and a resource of the first host
 * waits; the teacher contributes the four. */
static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *lead_dir = NULL;
  g_autofree char *teacher_dir = NULL;
  g_autofree char *course = NULL;
  g_autofree char *progress = NULL;
  g_autoptr(GError) error = NULL;

  f->dir = reslib_test_make_tmp_dir ("reslib-package-review-XXXXXX");
  lead_dir = g_build_filename (f->dir, "lead", NULL);
  teacher_dir = g_build_filename (f->dir, "teacher", NULL);
  f->files = g_build_filename (f->dir, "files", NULL);
  f->out = g_build_filename (f->dir, "out", NULL);
  g_mkdir (f->files, 0700);
  g_mkdir (f->out, 0700);
  f->lead = reslib_test_open_store (lead_dir);
  f->teacher = reslib_test_open_store (teacher_dir);
  f->project = reslib_test_new_project (f->lead, PROJECT_NAME);
  course = reslib_test_insert (f->lead, RESLIB_KIND_COURSE, (const char * const[]) { "project_id", "title", NULL },
                               (const char * const[]) { f->project, "数控车削编程" });
  f->node = reslib_test_insert (f->lead, RESLIB_KIND_NODE, (const char * const[]) { "course_id", "kind", "title", NULL },
                                (const char * const[]) { course, "knowledge", "外圆车削" });
  f->host = reslib_test_insert (f->lead, RESLIB_KIND_UNIT,
                                (const char * const[]) { "project_id", "name", "kind", "role", "host_rank", NULL },
                                (const char * const[]) { f->project, "河南示范职业技术学院", "higher-vocational", "host", "1" });
  f->unit = reslib_test_insert (f->lead, RESLIB_KIND_UNIT, (const char * const[]) { "project_id", "name", "kind", "role", NULL },
                                (const char * const[]) { f->project, "河南精工数控机床有限公司", "enterprise", "participant" });
  f->other = reslib_test_insert (f->lead, RESLIB_KIND_UNIT, (const char * const[]) { "project_id", "name", "kind", "role", NULL },
                                 (const char * const[]) { f->project, "中原装备制造职业学院", "higher-vocational", "participant" });
  f->host_reviewer = reslib_test_insert (f->lead, RESLIB_KIND_MEMBER, (const char * const[]) { "project_id", "unit_id", "name", NULL },
                                         (const char * const[]) { f->project, f->host, "王建华" });
  f->unit_reviewer = reslib_test_insert (f->lead, RESLIB_KIND_MEMBER, (const char * const[]) { "project_id", "unit_id", "name", NULL },
                                         (const char * const[]) { f->project, f->unit, "孙工" });
  f->other_reviewer = reslib_test_insert (f->lead, RESLIB_KIND_MEMBER,
                                          (const char * const[]) { "project_id", "unit_id", "name", NULL },
                                          (const char * const[]) { f->project, f->other, "赵磊" });
  progress = pack (f, f->lead, "progress", NULL, "progress.tar");
  g_assert_true (import (f->teacher, progress, RESLIB_IMPORT_JOIN, NULL, &error));
  g_assert_no_error (error);

  f->passed = add_resource (f, f->teacher, "讲义.txt", "外圆车削的要点", f->unit);
  f->edited = add_resource (f, f->teacher, "习题.txt", "外圆车削习题", f->unit);
  f->waiting = add_resource (f, f->teacher, "视频.txt", "外圆车削视频", f->unit);
  f->of_host = add_resource (f, f->teacher, "课件.txt", "主持单位的课件", f->host);
  decide (f->teacher, f->passed, RESLIB_REVIEW_LEVEL_UNIT, f->unit_reviewer, TRUE, "三项均已核查");
  decide (f->teacher, f->edited, RESLIB_REVIEW_LEVEL_UNIT, f->unit_reviewer, TRUE, NULL);
  reslib_test_update (f->teacher, RESLIB_KIND_RESOURCE, f->edited, "description", "核查后又改的说明");
  f->contribution = pack (f, f->teacher, "contribution",
                          (const char * const[]) { f->passed, f->edited, f->waiting, f->of_host, NULL },
                          "contribution.tar");
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_object (&f->lead);
  g_clear_object (&f->teacher);
  reslib_test_rm_rf (f->dir);
  g_free (f->dir);
  g_free (f->files);
  g_free (f->out);
  g_free (f->project);
  g_free (f->node);
  g_free (f->host);
  g_free (f->unit);
  g_free (f->other);
  g_free (f->host_reviewer);
  g_free (f->unit_reviewer);
  g_free (f->other_reviewer);
  g_free (f->passed);
  g_free (f->edited);
  g_free (f->waiting);
  g_free (f->of_host);
  g_free (f->contribution);
}

/* The unit's pass travels: in manifest.json the one decision that still holds; at the lead, the pass in
 * the review log with the lead's names, and the first host decides. Imported again, nothing twice. */
static void
test_travels (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(JsonNode) manifest = reslib_test_tar_json (f->contribution, "data/manifest.json");
  g_autoptr(ReslibImportReport) report = NULL;
  g_autoptr(ReslibImportReport) again = NULL;
  g_autoptr(GPtrArray) log = NULL;
  g_autoptr(GError) error = NULL;
  ReslibReviewDecision *d;
  JsonArray *decisions;
  JsonObject *carried;

  decisions = json_object_get_array_member (json_node_get_object (manifest), "review_decisions");
  g_assert_nonnull (decisions);
  g_assert_cmpuint (json_array_get_length (decisions), ==, 1);
  carried = json_array_get_object_element (decisions, 0);
  g_assert_cmpstr (json_object_get_string_member (carried, "resource_id"), ==, f->passed);
  g_assert_cmpint (json_object_get_int_member (carried, "level"), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (carried, "unit_id"), ==, f->unit);
  g_assert_cmpstr (json_object_get_string_member (carried, "reviewer_id"), ==, f->unit_reviewer);
  g_assert_cmpstr (json_object_get_string_member (carried, "decision"), ==, "approve");
  g_assert_cmpstr (json_object_get_string_member (carried, "note"), ==, "三项均已核查");

  report = import_ok (f->lead, f->contribution);
  g_assert_cmpuint (report->added[RESLIB_KIND_RESOURCE], ==, 4);
  g_assert_cmpuint (report->reviews_received, ==, 1);
  g_assert_cmpuint (report->reviews_set_aside, ==, 0);
  g_assert_cmpint (next_level (f->lead, f->passed), ==, RESLIB_REVIEW_LEVEL_HOST);
  g_assert_cmpint (next_level (f->lead, f->edited), ==, RESLIB_REVIEW_LEVEL_UNIT);
  g_assert_cmpint (next_level (f->lead, f->waiting), ==, RESLIB_REVIEW_LEVEL_UNIT);
  g_assert_cmpint (next_level (f->lead, f->of_host), ==, RESLIB_REVIEW_LEVEL_HOST);

  log = reslib_store_list_review_decisions (f->lead, f->passed, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (log->len, ==, 1);
  d = g_ptr_array_index (log, 0);
  g_assert_cmpint (d->level, ==, RESLIB_REVIEW_LEVEL_UNIT);
  g_assert_true (d->approve);
  g_assert_true (d->has_checks);
  g_assert_cmpint (d->checks, ==, RESLIB_REVIEW_CHECK_ALL);
  g_assert_cmpstr (d->reviewer, ==, "孙工");
  g_assert_cmpstr (d->unit_name, ==, "河南精工数控机床有限公司");
  g_assert_cmpstr (d->note, ==, "三项均已核查");
  g_assert_cmpstr (d->decided_at, ==, json_object_get_string_member (carried, "decided_at"));

  /* The first host decides the one its unit passed, not the others. */
  decide (f->lead, f->passed, RESLIB_REVIEW_LEVEL_HOST, f->host_reviewer, TRUE, NULL);
  g_assert_false (reslib_store_review_decide (f->lead, (const char * const[]) { f->edited, NULL },
                                              RESLIB_REVIEW_LEVEL_HOST, f->host_reviewer, TRUE,
                                              RESLIB_REVIEW_CHECK_ALL, NULL, &error));
  g_assert_error (error, RESLIB_ERROR, RESLIB_ERROR_INVALID);
  g_clear_error (&error);

  /* The same package again: the pass is not recorded twice, nor over the first host's decision. */
  again = import_ok (f->lead, f->contribution);
  g_assert_cmpuint (again->reviews_received, ==, 0);
  g_assert_cmpuint (again->reviews_set_aside, ==, 1);
  g_assert_cmpuint (n_decisions (f->lead, f->passed), ==, 2);
}

/* A contribution with no decision to carry is as before: no "review_decisions" member. A resource that
 * the lead had passed at level 1 and that a later contribution changes needs its unit's pass again. */
static void
test_without_and_voided (Fixture       *f,
                         gconstpointer  data)
{
  g_autofree char *plain = pack (f, f->teacher, "contribution", (const char * const[]) { f->waiting, NULL },
                                 "plain.tar");
  g_autofree char *later = NULL;
  g_autoptr(JsonNode) manifest = reslib_test_tar_json (plain, "data/manifest.json");
  g_autoptr(JsonNode) later_manifest = NULL;
  g_autoptr(ReslibImportReport) first = NULL;
  g_autoptr(ReslibImportReport) second = NULL;

  g_assert_false (json_object_has_member (json_node_get_object (manifest), "review_decisions"));

  first = import_ok (f->lead, f->contribution);
  g_assert_cmpint (next_level (f->lead, f->passed), ==, RESLIB_REVIEW_LEVEL_HOST);
  /* The teacher changes the resource the unit passed: the pass no longer holds there, and is not sent. */
  reslib_test_update (f->teacher, RESLIB_KIND_RESOURCE, f->passed, "description", "通过后又改的说明");
  later = pack (f, f->teacher, "contribution", (const char * const[]) { f->passed, NULL }, "later.tar");
  later_manifest = reslib_test_tar_json (later, "data/manifest.json");
  g_assert_false (json_object_has_member (json_node_get_object (later_manifest), "review_decisions"));
  second = import_ok (f->lead, later);
  g_assert_cmpuint (second->updated[RESLIB_KIND_RESOURCE], ==, 1);
  g_assert_cmpint (next_level (f->lead, f->passed), ==, RESLIB_REVIEW_LEVEL_UNIT);
}

/* ---------------------------------------------------------------------------------------------- */
/* Forged packages                                                                                 */

typedef void (*EditFunc) (JsonObject *root,
                          Fixture    *f);

typedef struct
{
  EditFunc  func;
  Fixture  *f;
} Edit;

static void
apply_edit (JsonObject *root,
            gpointer    user_data)
{
  Edit *edit = user_data;

  edit->func (root, edit->f);
}

/* Rebuilds a package's bag after @edit changed its manifest.json: checksums and Payload-Oxum fixed up, as
 * anyone can. */
static char *
rebag (Fixture    *f,
       const char *name,
       EditFunc    edit)
{
  g_autofree char *dest = g_build_filename (f->out, name, NULL);
  Edit e = { edit, f };
  const ReslibTestRebag how = { .edit = apply_edit, .user_data = &e };

  reslib_test_rebag (f->contribution, dest, &how);

  return g_steal_pointer (&dest);
}

static JsonObject *
carried (JsonObject *root)
{
  return json_array_get_object_element (json_object_get_array_member (root, "review_decisions"), 0);
}

/* A copy of the carried decision, appended, for the caller to change. */
static JsonObject *
add_decision (JsonObject *root)
{
  g_autofree char *text = json_to_string (json_array_get_element (json_object_get_array_member (root,
                                                                                            "review_decisions"), 0),
                                          FALSE);
  JsonNode *copy = json_from_string (text, NULL);   /* json_node_copy () would share the object */

  json_array_add_element (json_object_get_array_member (root, "review_decisions"), copy);

  return json_node_get_object (copy);
}

static void
edit_level_2 (JsonObject *root,
              Fixture    *f)
{
  json_object_set_int_member (carried (root), "level", 2);
}

static void
edit_unchecked (JsonObject *root,
                Fixture    *f)
{
  json_object_set_boolean_member (carried (root), "copyright", FALSE);
}

static void
edit_format_1 (JsonObject *root,
               Fixture    *f)
{
  json_object_set_int_member (root, "format_version", 1);
  /* Format 1 has no base versions either: only the decisions are out of place. */
  for (const char * const *kind = (const char * const[]) { "majors", "units", "members", "courses", "nodes",
                                                           "resources", "budget_lines", "milestones",
                                                           "declarations", NULL }; *kind != NULL; kind++)
    {
      JsonArray *records = json_object_get_array_member (root, *kind);

      for (guint i = 0; i < json_array_get_length (records); i++)
        json_object_remove_member (json_array_get_object_element (records, i), "base_versions");
    }
  json_object_remove_member (json_object_get_object_member (root, "project"), "base_versions");
}

/* A resource the package does not carry (the other unit's, in the lead's library). */
static void
edit_not_carried (JsonObject *root,
                  Fixture    *f)
{
  JsonObject *d = add_decision (root);

  json_object_set_string_member (d, "resource_id", f->other);
}

/* Two units' decisions in one package. */
static void
edit_two_units (JsonObject *root,
                Fixture    *f)
{
  JsonObject *d = add_decision (root);

  json_object_set_string_member (d, "resource_id", f->waiting);
  json_object_set_string_member (d, "unit_id", f->other);
}

/* The carried pass made in the name of a reviewer of another unit (the first host's, which the package
 * carries as the lead has it, so that the members' merge changes nothing), and the first host's resource
 * passed as the unit's own: neither taken. */
static void
edit_set_aside (JsonObject *root,
                Fixture    *f)
{
  JsonArray *members = json_object_get_array_member (root, "members");
  JsonObject *d = carried (root);
  JsonObject *e;
  gboolean found = FALSE;

  for (guint i = 0; i < json_array_get_length (members); i++)
    found = found || g_strcmp0 (json_object_get_string_member (json_array_get_object_element (members, i), "id"),
                                f->host_reviewer) == 0;
  g_assert_true (found);
  json_object_set_string_member (d, "reviewer_id", f->host_reviewer);
  e = add_decision (root);
  json_object_set_string_member (e, "resource_id", f->of_host);
  json_object_set_string_member (e, "unit_id", f->unit);
}

/* The carried pass is the host's resource's, the host named as the unit: a rank-1 host has no level 1. */
static void
edit_host_resource (JsonObject *root,
                    Fixture    *f)
{
  JsonObject *d = carried (root);

  json_object_set_string_member (d, "resource_id", f->of_host);
  json_object_set_string_member (d, "unit_id", f->host);
  json_object_set_string_member (d, "reviewer_id", f->host_reviewer);
}

/* The package adds a reviewer of its own to the unit and passes the resource in their name. */
static void
edit_new_reviewer (JsonObject *root,
                   Fixture    *f)
{
  JsonArray *members = json_object_get_array_member (root, "members");
  JsonNode *copy = NULL;
  const char *forged_id = "0b7e1c2a-5f3d-4a8e-9c6b-2d4f8a1e3b5c";

  for (guint i = 0; i < json_array_get_length (members); i++)
    if (g_strcmp0 (json_object_get_string_member (json_array_get_object_element (members, i), "id"),
                   f->unit_reviewer) == 0)
      {
        g_autofree char *text = json_to_string (json_array_get_element (members, i), FALSE);

        copy = json_from_string (text, NULL);
      }
  g_assert_nonnull (copy);
  json_object_set_string_member (json_node_get_object (copy), "id", forged_id);
  json_object_set_string_member (json_node_get_object (copy), "name", "冒名的审核人");
  json_object_remove_member (json_node_get_object (copy), "base_versions");
  json_array_add_element (members, copy);
  json_object_set_string_member (carried (root), "reviewer_id", forged_id);
}

static void
assert_refused (Fixture    *f,
                const char *name,
                EditFunc    edit,
                const char *says)
{
  g_autofree char *forged = rebag (f, name, edit);
  g_autoptr(ReslibPackageImporter) importer = reslib_package_importer_new (f->lead, forged);
  g_autoptr(GString) said = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *problems;

  g_assert_false (reslib_job_run (RESLIB_JOB (importer), NULL, &error));
  g_assert_error (error, RESLIB_ERROR, RESLIB_ERROR_BAD_FILE);
  said = g_string_new (error->message);
  problems = reslib_package_importer_get_problems (importer);
  for (guint i = 0; problems != NULL && i < problems->len; i++)
    g_string_append_printf (said, "\n%s", (const char *) g_ptr_array_index (problems, i));
  g_test_message ("%s: %s", name, said->str);
  g_assert_nonnull (strstr (said->str, says));
}

static void
test_forged_refused (Fixture       *f,
                     gconstpointer  data)
{
  assert_refused (f, "level-2.tar", edit_level_2, "/review_decisions/0");
  assert_refused (f, "unchecked.tar", edit_unchecked, "/review_decisions/0");
  assert_refused (f, "format-1.tar", edit_format_1, "review_decisions");
  assert_refused (f, "not-carried.tar", edit_not_carried, "not on a resource of the package");
  assert_refused (f, "two-units.tar", edit_two_units, "more than one unit");
  /* Nothing of them reached the lead. */
  g_assert_cmpuint (n_decisions (f->lead, f->passed), ==, 0);
}

static void
test_forged_set_aside (Fixture       *f,
                       gconstpointer  data)
{
  static const struct
  {
    const char *name;
    EditFunc    edit;
    guint       set_aside;
  } cases[] = {
    { "other-reviewer.tar", edit_set_aside, 2 },
    { "host-resource.tar", edit_host_resource, 1 },
    { "new-reviewer.tar", edit_new_reviewer, 1 },
  };
  g_autofree char *moved = NULL;
  g_autofree char *lead_waiting = NULL;
  g_autoptr(ReslibImportReport) report = NULL;
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *forged = rebag (f, cases[i].name, cases[i].edit);
      g_autoptr(ReslibImportReport) r = NULL;
      g_autoptr(GError) local_error = NULL;

      /* Each into a lead that has none of the resources yet: a preview, rolled back. */
      {
        g_autoptr(ReslibPackageImporter) importer = reslib_package_importer_new (f->lead, forged);

        reslib_package_importer_set_preview (importer, TRUE);
        g_assert_true (reslib_job_run (RESLIB_JOB (importer), NULL, &local_error));
        g_assert_no_error (local_error);
        r = reslib_import_report_copy (reslib_package_importer_get_report (importer));
      }
      g_test_message ("%s: %u received, %u set aside", cases[i].name, r->reviews_received, r->reviews_set_aside);
      g_assert_cmpuint (r->reviews_received, ==, 0);
      g_assert_cmpuint (r->reviews_set_aside, ==, cases[i].set_aside);
    }
  /* The forgeries made in a real import change no resource's review. */
  {
    g_autofree char *forged = rebag (f, "other-reviewer-2.tar", edit_set_aside);

    report = import_ok (f->lead, forged);
    g_assert_cmpuint (report->reviews_received, ==, 0);
    g_assert_cmpint (next_level (f->lead, f->passed), ==, RESLIB_REVIEW_LEVEL_UNIT);
    g_assert_cmpuint (n_decisions (f->lead, f->passed), ==, 0);
    g_assert_cmpuint (n_decisions (f->lead, f->of_host), ==, 0);
    g_clear_pointer (&report, reslib_import_report_free);
  }

  /* A resource of the other unit, moved into the teacher's unit in the teacher's library and passed there:
   * the lead takes the move as the teacher's change, but not the pass of a resource that was not the
   * unit's. */
  reslib_test_update (f->lead, RESLIB_KIND_RESOURCE, f->waiting, "unit_id", f->other);
  lead_waiting = pack (f, f->lead, "contribution", (const char * const[]) { f->waiting, NULL }, "lead.tar");
  g_assert_true (import (f->teacher, lead_waiting, RESLIB_IMPORT_NONE, NULL, &error));
  g_assert_no_error (error);
  reslib_test_update (f->teacher, RESLIB_KIND_RESOURCE, f->waiting, "unit_id", f->unit);
  decide (f->teacher, f->waiting, RESLIB_REVIEW_LEVEL_UNIT, f->unit_reviewer, TRUE, NULL);
  moved = pack (f, f->teacher, "contribution", (const char * const[]) { f->waiting, NULL }, "moved.tar");
  g_assert_true (import (f->lead, moved, RESLIB_IMPORT_NONE, &report, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report->updated[RESLIB_KIND_RESOURCE], ==, 1);
  g_assert_cmpuint (report->reviews_received, ==, 0);
  g_assert_cmpuint (report->reviews_set_aside, ==, 1);
  g_assert_cmpuint (n_decisions (f->lead, f->waiting), ==, 0);
  g_assert_cmpint (next_level (f->lead, f->waiting), ==, RESLIB_REVIEW_LEVEL_UNIT);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/package-review/travels", Fixture, NULL, fixture_setup, test_travels, fixture_teardown);
  g_test_add ("/package-review/without-and-voided", Fixture, NULL, fixture_setup, test_without_and_voided,
              fixture_teardown);
  g_test_add ("/package-review/forged-refused", Fixture, NULL, fixture_setup, test_forged_refused, fixture_teardown);
  g_test_add ("/package-review/forged-set-aside", Fixture, NULL, fixture_setup, test_forged_set_aside,
              fixture_teardown);

  return g_test_run ();
}
