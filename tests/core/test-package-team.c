/* test-package-team.c — the lead and teachers exchanging packages: a teacher's own project mapped onto the
 * lead's by title, joining the lead's project, the lead's structure and review travelling to the teacher,
 * and the base versions a contribution carries (format 2)
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
#include "reslib-store-roles.h"
#include "reslib-test-utils.h"

#define PROJECT_NAME "数控技术专业教学资源库"

typedef struct
{
  char        *dir;
  char        *files;
  char        *out;
  ReslibStore *lead;
  ReslibStore *teacher;
  char        *project;     /* the lead's */
  char        *course;
  char        *node;
} Fixture;

static void
update (ReslibStore *store,
        ReslibKind   kind,
        const char  *id,
        const char  *field,
        const char  *value)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (reslib_store_update (store, kind, id, (const char * const[]) { field, NULL },
                                      (const char * const[]) { value }, &error));
  g_assert_no_error (error);
}

static ReslibRecord *
get (ReslibStore *store,
     ReslibKind   kind,
     const char  *id)
{
  g_autoptr(GError) error = NULL;
  ReslibRecord *record = reslib_store_get (store, kind, id, &error);

  g_assert_no_error (error);

  return record;
}

static guint
count (ReslibStore *store,
       ReslibKind   kind,
       const char  *scope)
{
  g_autoptr(GError) error = NULL;
  guint n = reslib_store_count (store, kind, scope, &error);

  g_assert_no_error (error);

  return n;
}

static char *
add_resource (Fixture            *f,
              ReslibStore        *store,
              const char         *project,
              const char         *name,
              const char         *contents,
              const char * const *nodes)
{
  g_autoptr(ReslibImporter) importer = reslib_importer_new (store, project);
  g_autofree char *path = reslib_test_write_file (f->files, name, contents, -1);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;

  reslib_importer_add_file (importer, file);
  if (nodes != NULL)
    reslib_importer_set_list (importer, "nodes", nodes);
  g_assert_true (reslib_job_run (RESLIB_JOB (importer), NULL, &error));
  g_assert_no_error (error);

  return g_strdup (reslib_importer_get_resource_ids (importer)[0]);
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *lead_dir = NULL;
  g_autofree char *teacher_dir = NULL;

  f->dir = reslib_test_make_tmp_dir ("reslib-package-team-XXXXXX");
  lead_dir = g_build_filename (f->dir, "lead", NULL);
  teacher_dir = g_build_filename (f->dir, "teacher", NULL);
  f->files = g_build_filename (f->dir, "files", NULL);
  f->out = g_build_filename (f->dir, "out", NULL);
  g_mkdir (f->files, 0700);
  g_mkdir (f->out, 0700);
  f->lead = reslib_test_open_store (lead_dir);
  f->teacher = reslib_test_open_store (teacher_dir);
  f->project = reslib_test_new_project (f->lead, PROJECT_NAME);
  f->course = reslib_test_insert (f->lead, RESLIB_KIND_COURSE,
                                  (const char * const[]) { "project_id", "title", NULL },
                                  (const char * const[]) { f->project, "数控车削编程" });
  f->node = reslib_test_insert (f->lead, RESLIB_KIND_NODE,
                                (const char * const[]) { "course_id", "kind", "title", NULL },
                                (const char * const[]) { f->course, "knowledge", "外圆车削" });
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
  g_free (f->course);
  g_free (f->node);
}

static char *
pack (Fixture            *f,
      ReslibStore        *store,
      const char         *project,
      const char         *kind,
      const char * const *ids,
      const char         *name)
{
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (f->out, name, NULL);

  /* A progress or an acceptance package holds approved resources: what the store holds is reviewed first */
  if (g_strcmp0 (kind, "contribution") != 0 && g_strcmp0 (kind, "application") != 0)
    reslib_test_approve_all (store, project);
  g_assert_true (reslib_test_pack (store, project, kind, ids, path, NULL, &error));
  g_assert_no_error (error);

  return path;
}

static ReslibPackageImporter *
importer_for (ReslibStore       *store,
              const char        *path,
              const char        *into,
              ReslibImportFlags  flags,
              gboolean           preview)
{
  ReslibPackageImporter *importer = reslib_package_importer_new (store, path);

  reslib_package_importer_set_into_project (importer, into);
  reslib_package_importer_set_flags (importer, flags);
  reslib_package_importer_set_preview (importer, preview);

  return importer;
}

static ReslibPackageImporter *
run_import (ReslibStore       *store,
            const char        *path,
            const char        *into,
            ReslibImportFlags  flags,
            gboolean           preview)
{
  g_autoptr(GError) error = NULL;
  ReslibPackageImporter *importer = importer_for (store, path, into, flags, preview);

  g_assert_true (reslib_job_run (RESLIB_JOB (importer), NULL, &error));
  g_assert_no_error (error);

  return importer;
}

static ReslibImportItem *
find_item (ReslibPackageImporter *importer,
           const char            *id)
{
  GPtrArray *items = reslib_package_importer_get_items (importer);

  for (guint i = 0; items != NULL && i < items->len; i++)
    if (g_strcmp0 (reslib_import_item_get_id (g_ptr_array_index (items, i)), id) == 0)
      return g_ptr_array_index (items, i);

  return NULL;
}

static guint
count_events (ReslibStore *store,
              const char  *project,
              const char  *action)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) events = reslib_store_list_events (store, project, &error);
  JsonArray *array;
  guint n = 0;

  g_assert_no_error (error);
  array = json_node_get_array (events);
  for (guint i = 0; i < json_array_get_length (array); i++)
    if (g_strcmp0 (json_object_get_string_member (json_array_get_object_element (array, i), "action"), action) == 0)
      n++;

  return n;
}

/* A teacher who started a project of their own, of the lead's project's name, with the same course and point
 * and one point more, contributes a resource linked to both points. */
static char *
teacher_own_contribution (Fixture  *f,
                          char    **resource,
                          char    **new_node)
{
  g_autofree char *project = reslib_test_new_project (f->teacher, PROJECT_NAME);
  g_autofree char *course = reslib_test_insert (f->teacher, RESLIB_KIND_COURSE,
                                                (const char * const[]) { "project_id", "title", NULL },
                                                (const char * const[]) { project, "数控车削编程" });
  g_autofree char *node = reslib_test_insert (f->teacher, RESLIB_KIND_NODE,
                                              (const char * const[]) { "course_id", "kind", "title", NULL },
                                              (const char * const[]) { course, "knowledge", "外圆车削" });

  *new_node = reslib_test_insert (f->teacher, RESLIB_KIND_NODE,
                                  (const char * const[]) { "course_id", "parent_id", "kind", "title", NULL },
                                  (const char * const[]) { course, node, "skill", "对刀操作" });
  *resource = add_resource (f, f->teacher, project, "讲义.txt", "外圆车削的要点",
                            (const char * const[]) { node, *new_node, NULL });

  return pack (f, f->teacher, project, "contribution", NULL, "own.tar");
}

/* Regression: a contribution from a teacher's own project of the same name made a second project of that
 * name; imported --into the lead's, its courses and points were added beside the lead's (or refused as
 * "already in another project"). Now the first is refused when asked (as the CLI does), saying where it
 * belongs, and the second maps the teacher's course and point onto the lead's by their titles. */
static void
test_match_by_title (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *resource = NULL;
  g_autofree char *new_node = NULL;
  g_autofree char *path = teacher_own_contribution (f, &resource, &new_node);
  g_autoptr(ReslibPackageImporter) refused = importer_for (f->lead, path, NULL, RESLIB_IMPORT_REFUSE_NAMESAKE, TRUE);
  g_autoptr(ReslibPackageImporter) previewed = NULL;
  g_autoptr(ReslibPackageImporter) importer = NULL;
  g_autoptr(ReslibPackageImporter) again = NULL;
  g_autoptr(ReslibRecord) record = NULL;
  g_autoptr(ReslibRecord) added_node = NULL;
  g_autoptr(GError) error = NULL;
  ReslibImportItem *item;
  const char * const *nodes;

  /* Not a second project of the same name. */
  g_assert_false (reslib_job_run (RESLIB_JOB (refused), NULL, &error));
  g_assert_error (error, RESLIB_ERROR, RESLIB_ERROR_CONSTRAINT);
  g_clear_error (&error);
  g_assert_nonnull (reslib_package_importer_get_info (refused));
  g_assert_cmpstr (reslib_package_importer_get_info (refused)->same_name_project_id, ==, f->project);
  g_assert_cmpuint (count (f->lead, RESLIB_KIND_PROJECT, NULL), ==, 1);
  /* Unless asked to refuse it, a preview tells what it is, for the user to choose (the app's review). */
  previewed = run_import (f->lead, path, NULL, RESLIB_IMPORT_NONE, TRUE);
  g_assert_cmpstr (reslib_package_importer_get_info (previewed)->same_name_project_id, ==, f->project);
  g_assert_cmpuint (reslib_package_importer_get_report (previewed)->added[RESLIB_KIND_PROJECT], ==, 1);
  g_assert_cmpuint (count (f->lead, RESLIB_KIND_PROJECT, NULL), ==, 1);

  /* Into the lead's project, matching by title: the teacher's course and point are the lead's. */
  importer = importer_for (f->lead, path, f->project, RESLIB_IMPORT_NONE, TRUE);
  reslib_package_importer_set_match_by_title (importer, TRUE);
  g_assert_true (reslib_job_run (RESLIB_JOB (importer), NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count (f->lead, RESLIB_KIND_COURSE, f->project), ==, 1);
  g_assert_cmpuint (count (f->lead, RESLIB_KIND_RESOURCE, f->project), ==, 0);
  reslib_package_importer_set_preview (importer, FALSE);
  g_assert_true (reslib_job_run (RESLIB_JOB (importer), NULL, &error));
  g_assert_no_error (error);

  g_assert_cmpuint (count (f->lead, RESLIB_KIND_PROJECT, NULL), ==, 1);
  g_assert_cmpuint (count (f->lead, RESLIB_KIND_COURSE, f->project), ==, 1);
  g_assert_cmpuint (count (f->lead, RESLIB_KIND_NODE, f->course), ==, 2);
  g_assert_cmpuint (reslib_package_importer_get_report (importer)->unchanged[RESLIB_KIND_COURSE], ==, 1);
  g_assert_cmpuint (reslib_package_importer_get_report (importer)->added[RESLIB_KIND_NODE], ==, 1);
  item = find_item (importer, new_node);
  g_assert_nonnull (item);
  g_assert_cmpint (reslib_import_item_get_outcome (item), ==, RESLIB_IMPORT_OUTCOME_ADDED);
  g_assert_null (reslib_import_item_get_mapped_to (item));
  /* The new point hangs under the lead's point, in the lead's course. */
  added_node = get (f->lead, RESLIB_KIND_NODE, new_node);
  g_assert_cmpstr (reslib_record_get (added_node, "parent_id"), ==, f->node);
  g_assert_cmpstr (reslib_record_get (added_node, "course_id"), ==, f->course);
  /* The resource follows: linked to the lead's point and to the new one. */
  record = get (f->lead, RESLIB_KIND_RESOURCE, resource);
  nodes = reslib_record_get_list (record, "nodes");
  g_assert_cmpuint (g_strv_length ((GStrv) nodes), ==, 2);
  g_assert_true (g_strv_contains (nodes, f->node));
  g_assert_true (g_strv_contains (nodes, new_node));
  {
    gboolean found_course = FALSE;
    GPtrArray *items = reslib_package_importer_get_items (importer);

    for (guint i = 0; i < items->len; i++)
      if (reslib_import_item_get_kind (g_ptr_array_index (items, i)) == RESLIB_KIND_COURSE)
        {
          g_assert_cmpstr (reslib_import_item_get_mapped_to (g_ptr_array_index (items, i)), ==, f->course);
          g_assert_cmpint (reslib_import_item_get_outcome (g_ptr_array_index (items, i)), ==, RESLIB_IMPORT_OUTCOME_UNCHANGED);
          found_course = TRUE;
        }
    g_assert_true (found_course);
  }

  /* Later imports map the same way, even without matching by title and after the lead renamed the point. */
  update (f->lead, RESLIB_KIND_NODE, f->node, "title", "外圆车削（修订）");
  again = run_import (f->lead, path, f->project, RESLIB_IMPORT_NONE, FALSE);
  g_assert_cmpuint (reslib_package_importer_get_report (again)->added[RESLIB_KIND_NODE], ==, 0);
  g_assert_cmpuint (reslib_package_importer_get_report (again)->added[RESLIB_KIND_COURSE], ==, 0);
  g_assert_cmpuint (count (f->lead, RESLIB_KIND_NODE, f->course), ==, 2);
}

/* Without matching by title, the teacher's course comes in beside the lead's (the old behaviour, still
 * what an import without the option does), and a package whose course is in another project is refused
 * with a hint. */
static void
test_into_without_match (Fixture       *f,
                         gconstpointer  data)
{
  g_autofree char *resource = NULL;
  g_autofree char *new_node = NULL;
  g_autofree char *path = teacher_own_contribution (f, &resource, &new_node);
  g_autoptr(ReslibPackageImporter) importer = run_import (f->lead, path, f->project, RESLIB_IMPORT_NONE, FALSE);

  g_assert_cmpuint (count (f->lead, RESLIB_KIND_COURSE, f->project), ==, 2);
  g_assert_cmpuint (reslib_package_importer_get_report (importer)->added[RESLIB_KIND_COURSE], ==, 1);
}

/* A teacher joins the lead's project from the lead's package; the lead's later packages bring the lead's
 * structure without conflicts, and the lead's review back. */
static void
test_join_and_review (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_autofree char *contribution = NULL;
  g_autofree char *third = NULL;
  g_autofree char *lead_resource = NULL;
  g_autofree char *teacher_resource = NULL;
  g_autoptr(ReslibPackageImporter) join = NULL;
  g_autoptr(ReslibPackageImporter) i2 = NULL;
  g_autoptr(ReslibPackageImporter) i3 = NULL;
  g_autoptr(ReslibPackageImporter) i4 = NULL;
  g_autoptr(ReslibPackageImporter) twice = NULL;
  g_autoptr(ReslibRecord) record = NULL;
  g_autoptr(GError) error = NULL;
  const char *ids[] = { NULL, NULL };

  lead_resource = add_resource (f, f->lead, f->project, "课件.txt", "组长的课件", (const char * const[]) { f->node, NULL });
  first = pack (f, f->lead, f->project, "progress", NULL, "first.tar");

  /* Joining needs a store without the project, or one where it is a teacher's. */
  twice = importer_for (f->lead, first, NULL, RESLIB_IMPORT_JOIN, FALSE);
  g_assert_false (reslib_job_run (RESLIB_JOB (twice), NULL, &error));
  g_assert_error (error, RESLIB_ERROR, RESLIB_ERROR_CONSTRAINT);
  g_clear_error (&error);

  join = run_import (f->teacher, first, NULL, RESLIB_IMPORT_JOIN, FALSE);
  g_assert_cmpint (reslib_store_get_project_role (f->teacher, f->project, &error), ==, RESLIB_PROJECT_ROLE_TEACHER);
  g_assert_no_error (error);
  g_assert_cmpint (reslib_store_get_project_role (f->lead, f->project, &error), ==, RESLIB_PROJECT_ROLE_LEAD);
  g_assert_cmpuint (count (f->teacher, RESLIB_KIND_NODE, f->course), ==, 1);
  /* The lead's review comes as the lead has it: approved, as a progress package's resources are. */
  record = get (f->teacher, RESLIB_KIND_RESOURCE, lead_resource);
  g_assert_cmpstr (reslib_record_get (record, "state"), ==, "approved");
  g_clear_object (&record);

  /* The teacher adds a resource and contributes it. */
  teacher_resource = add_resource (f, f->teacher, f->project, "字幕视频.txt", "教师的视频",
                                   (const char * const[]) { f->node, NULL });
  ids[0] = teacher_resource;
  contribution = pack (f, f->teacher, f->project, "contribution", ids, "contribution.tar");
  i2 = run_import (f->lead, contribution, NULL, RESLIB_IMPORT_NONE, FALSE);
  g_assert_cmpuint (reslib_package_importer_get_report (i2)->added[RESLIB_KIND_RESOURCE], ==, 1);
  record = get (f->lead, RESLIB_KIND_RESOURCE, teacher_resource);
  g_assert_cmpstr (reslib_record_get (record, "state"), ==, "in-review");
  g_clear_object (&record);

  /* The lead rejects it with a reason, and changes the structure; the teacher had renamed the course too. */
  g_assert_true (reslib_store_review (f->lead, (const char * const[]) { teacher_resource, NULL }, RESLIB_REVIEW_REJECT,
                                      "请补充字幕", &error));
  g_assert_no_error (error);
  update (f->lead, RESLIB_KIND_COURSE, f->course, "title", "数控车削编程（组长）");
  update (f->lead, RESLIB_KIND_PROJECT, f->project, "description", "组长写的简介");
  update (f->teacher, RESLIB_KIND_COURSE, f->course, "title", "数控车削编程（教师）");
  /* A progress package holds approved resources only: the lead sends the rejection back in a contribution. */
  second = pack (f, f->lead, f->project, "contribution", NULL, "second.tar");
  i3 = run_import (f->teacher, second, NULL, RESLIB_IMPORT_NONE, FALSE);
  g_assert_false (reslib_package_importer_get_report (i3)->dossier_protected);
  g_assert_cmpuint (reslib_store_count_conflicts (f->teacher, f->project, &error), ==, 0);
  g_assert_no_error (error);
  record = get (f->teacher, RESLIB_KIND_COURSE, f->course);
  g_assert_cmpstr (reslib_record_get (record, "title"), ==, "数控车削编程（组长）");
  g_clear_object (&record);
  record = get (f->teacher, RESLIB_KIND_PROJECT, f->project);
  g_assert_cmpstr (reslib_record_get (record, "description"), ==, "组长写的简介");
  g_clear_object (&record);
  /* The review came back: rejected, with the reason, logged. */
  record = get (f->teacher, RESLIB_KIND_RESOURCE, teacher_resource);
  g_assert_cmpstr (reslib_record_get (record, "state"), ==, "rejected");
  g_assert_cmpstr (reslib_record_get (record, "review_note"), ==, "请补充字幕");
  g_assert_nonnull (reslib_record_get (record, "reviewed_at"));
  g_clear_object (&record);
  g_assert_cmpuint (count_events (f->teacher, f->project, "review-received"), ==, 1);
  g_assert_cmpint (reslib_import_item_get_outcome (find_item (i3, teacher_resource)), ==, RESLIB_IMPORT_OUTCOME_UPDATED);

  /* The teacher fixes it and contributes again: the lead sees it in review again. */
  update (f->teacher, RESLIB_KIND_RESOURCE, teacher_resource, "description", "已补充字幕");
  g_free (contribution);
  contribution = pack (f, f->teacher, f->project, "contribution", ids, "contribution-2.tar");
  i4 = run_import (f->lead, contribution, NULL, RESLIB_IMPORT_NONE, FALSE);
  g_assert_cmpuint (reslib_package_importer_get_report (i4)->updated[RESLIB_KIND_RESOURCE], ==, 1);
  record = get (f->lead, RESLIB_KIND_RESOURCE, teacher_resource);
  g_assert_cmpstr (reslib_record_get (record, "state"), ==, "in-review");
  g_assert_cmpstr (reslib_record_get (record, "description"), ==, "已补充字幕");
  g_clear_object (&record);

  /* The same lead's package again brings the review no second time. */
  {
    g_autoptr(ReslibPackageImporter) i5 = run_import (f->teacher, second, NULL, RESLIB_IMPORT_NONE, FALSE);

    g_assert_cmpuint (count_events (f->teacher, f->project, "review-received"), ==, 1);
  }
}

/* ---------------------------------------------------------------------------------------------- */
/* Base versions: a teacher who joined from the lead's progress package                            */

/* The lead's project with @n resources, packed as a progress package that a teacher joins. */
static char *
join_from_progress (Fixture  *f,
                    guint     n,
                    char    **resources)
{
  g_autofree char *progress = NULL;
  g_autoptr(ReslibPackageImporter) join = NULL;

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *name = g_strdup_printf ("课件-%u.txt", i);
      g_autofree char *contents = g_strdup_printf ("组长的课件 %u", i);

      resources[i] = add_resource (f, f->lead, f->project, name, contents, (const char * const[]) { f->node, NULL });
    }
  progress = pack (f, f->lead, f->project, "progress", NULL, "progress.tar");
  join = run_import (f->teacher, progress, NULL, RESLIB_IMPORT_JOIN, FALSE);

  return g_steal_pointer (&progress);
}

static char *
description (ReslibStore *store,
             const char  *id)
{
  g_autoptr(ReslibRecord) record = get (store, RESLIB_KIND_RESOURCE, id);

  return g_strdup (reslib_record_get (record, "description"));
}

/* The resource @id in the manifest of the package @path. */
static JsonObject *
manifest_resource (JsonNode   *manifest,
                   const char *id)
{
  JsonArray *resources = json_object_get_array_member (json_node_get_object (manifest), "resources");

  for (guint i = 0; i < json_array_get_length (resources); i++)
    if (g_strcmp0 (json_object_get_string_member (json_array_get_object_element (resources, i), "id"), id) == 0)
      return json_array_get_object_element (resources, i);
  g_assert_not_reached ();
}

/* Regression: a teacher who joined from the lead's progress package and changed records contributed them
 * as conflicts, one for each, since only contributions noted what they sent. The contribution now carries
 * the versions each record had in the teacher's library: the lead takes the three records without a
 * conflict; a fourth the lead changed and the teacher did not stays the lead's (the lead noted the version
 * its progress package sent); one the teacher deleted stays at the lead. Importing the progress package
 * twice changes none of it. */
static void
test_bases_join_edit_contribute (Fixture       *f,
                                 gconstpointer  data)
{
  char *resources[5] = { NULL };
  g_autofree char *progress = join_from_progress (f, 5, resources);
  g_autofree char *contribution = NULL;
  g_autoptr(ReslibPackageImporter) again = NULL;
  g_autoptr(ReslibPackageImporter) import = NULL;
  g_autoptr(JsonNode) manifest = NULL;
  g_autoptr(GError) error = NULL;
  const ReslibImportReport *report;

  again = run_import (f->teacher, progress, NULL, RESLIB_IMPORT_JOIN, FALSE);
  g_assert_cmpuint (reslib_package_importer_get_report (again)->unchanged[RESLIB_KIND_RESOURCE], ==, 5);
  for (guint i = 0; i < 3; i++)
    {
      g_autofree char *text = g_strdup_printf ("教师改过的说明 %u", i);

      update (f->teacher, RESLIB_KIND_RESOURCE, resources[i], "description", text);
    }
  update (f->lead, RESLIB_KIND_RESOURCE, resources[3], "description", "组长后来改的说明");
  g_assert_true (reslib_store_delete (f->teacher, RESLIB_KIND_RESOURCE, resources[4], &error));
  g_assert_no_error (error);

  contribution = pack (f, f->teacher, f->project, "contribution", NULL, "contribution.tar");
  /* Format 2: each record the teacher changed carries the version it received; one it did not change
   * carries that version itself, and no other. */
  manifest = reslib_test_tar_json (contribution, "data/manifest.json");
  g_assert_cmpint (json_object_get_int_member (json_node_get_object (manifest), "format_version"), ==, 2);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (manifest_resource (manifest, resources[0]),
                                                                         "base_versions")), ==, 1);
  g_assert_false (json_object_has_member (manifest_resource (manifest, resources[3]), "base_versions"));
  g_assert_false (json_object_has_member (json_object_get_object_member (json_node_get_object (manifest), "project"),
                                          "base_versions"));

  import = run_import (f->lead, contribution, NULL, RESLIB_IMPORT_NONE, FALSE);
  report = reslib_package_importer_get_report (import);
  g_assert_cmpuint (report->updated[RESLIB_KIND_RESOURCE], ==, 3);
  g_assert_cmpuint (report->unchanged[RESLIB_KIND_RESOURCE], ==, 1);
  for (guint k = 0; k < RESLIB_N_KINDS; k++)
    g_assert_cmpuint (report->conflicts[k], ==, 0);
  g_assert_cmpuint (reslib_store_count_conflicts (f->lead, f->project, &error), ==, 0);
  g_assert_no_error (error);
  for (guint i = 0; i < 3; i++)
    {
      g_autofree char *text = g_strdup_printf ("教师改过的说明 %u", i);
      g_autofree char *now = description (f->lead, resources[i]);
      g_autoptr(ReslibRecord) record = get (f->lead, RESLIB_KIND_RESOURCE, resources[i]);

      g_assert_cmpstr (now, ==, text);
      g_assert_cmpstr (reslib_record_get (record, "state"), ==, "in-review");
    }
  {
    g_autofree char *kept = description (f->lead, resources[3]);
    g_autoptr(ReslibRecord) deleted = get (f->lead, RESLIB_KIND_RESOURCE, resources[4]);

    g_assert_cmpstr (kept, ==, "组长后来改的说明");
    g_assert_nonnull (deleted);
  }

  /* The same contribution again changes nothing. */
  {
    g_autoptr(ReslibPackageImporter) twice = run_import (f->lead, contribution, NULL, RESLIB_IMPORT_NONE, FALSE);

    g_assert_cmpuint (reslib_package_importer_get_report (twice)->updated[RESLIB_KIND_RESOURCE], ==, 0);
    g_assert_cmpuint (reslib_store_count_conflicts (f->lead, f->project, &error), ==, 0);
  }
  for (guint i = 0; i < G_N_ELEMENTS (resources); i++)
    g_free (resources[i]);
}

/* The lead changed one of the three records after the progress package: exactly that one is a conflict,
 * the lead's version stays, and the teacher's waits. */
static void
test_bases_lead_changed_since (Fixture       *f,
                               gconstpointer  data)
{
  char *resources[3] = { NULL };
  g_autofree char *progress = join_from_progress (f, 3, resources);
  g_autofree char *contribution = NULL;
  g_autoptr(ReslibPackageImporter) import = NULL;
  g_autoptr(GListModel) conflicts = NULL;
  g_autoptr(ReslibConflict) conflict = NULL;
  g_autoptr(GError) error = NULL;
  const ReslibImportReport *report;

  for (guint i = 0; i < 3; i++)
    update (f->teacher, RESLIB_KIND_RESOURCE, resources[i], "description", "教师改过的说明");
  update (f->lead, RESLIB_KIND_RESOURCE, resources[1], "description", "组长后来改的说明");
  contribution = pack (f, f->teacher, f->project, "contribution", NULL, "contribution.tar");
  import = run_import (f->lead, contribution, NULL, RESLIB_IMPORT_NONE, FALSE);
  report = reslib_package_importer_get_report (import);
  g_assert_cmpuint (report->updated[RESLIB_KIND_RESOURCE], ==, 2);
  g_assert_cmpuint (report->conflicts[RESLIB_KIND_RESOURCE], ==, 1);
  conflicts = reslib_store_list_conflicts (f->lead, f->project, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (conflicts), ==, 1);
  conflict = g_list_model_get_item (conflicts, 0);
  g_assert_cmpstr (reslib_conflict_get_record_id (conflict), ==, resources[1]);
  {
    g_autofree char *kept = description (f->lead, resources[1]);
    g_autofree char *taken = description (f->lead, resources[0]);

    g_assert_cmpstr (kept, ==, "组长后来改的说明");
    g_assert_cmpstr (taken, ==, "教师改过的说明");
  }
  for (guint i = 0; i < G_N_ELEMENTS (resources); i++)
    g_free (resources[i]);
}

/* Two teachers joined from the same progress package. The lead takes the first one's change; the second
 * one's, made from the version before it, is a conflict (it would lose the first one's); the first one's
 * next change is taken again, made from the version the lead has. */
static void
test_bases_two_teachers (Fixture       *f,
                         gconstpointer  data)
{
  char *resources[1] = { NULL };
  g_autofree char *progress = join_from_progress (f, 1, resources);
  g_autofree char *second_dir = g_build_filename (f->dir, "teacher-2", NULL);
  g_autoptr(ReslibStore) second = reslib_test_open_store (second_dir);
  g_autoptr(ReslibPackageImporter) join = run_import (second, progress, NULL, RESLIB_IMPORT_JOIN, FALSE);
  g_autofree char *c1 = NULL;
  g_autofree char *c2 = NULL;
  g_autofree char *c3 = NULL;
  g_autoptr(ReslibPackageImporter) i1 = NULL;
  g_autoptr(ReslibPackageImporter) i2 = NULL;
  g_autoptr(ReslibPackageImporter) i3 = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *now = NULL;

  update (f->teacher, RESLIB_KIND_RESOURCE, resources[0], "description", "第一位教师的说明");
  update (second, RESLIB_KIND_RESOURCE, resources[0], "description", "第二位教师的说明");
  c1 = pack (f, f->teacher, f->project, "contribution", NULL, "c1.tar");
  c2 = pack (f, second, f->project, "contribution", NULL, "c2.tar");

  i1 = run_import (f->lead, c1, NULL, RESLIB_IMPORT_NONE, FALSE);
  g_assert_cmpuint (reslib_package_importer_get_report (i1)->updated[RESLIB_KIND_RESOURCE], ==, 1);
  i2 = run_import (f->lead, c2, NULL, RESLIB_IMPORT_NONE, FALSE);
  g_assert_cmpuint (reslib_package_importer_get_report (i2)->conflicts[RESLIB_KIND_RESOURCE], ==, 1);
  now = description (f->lead, resources[0]);
  g_assert_cmpstr (now, ==, "第一位教师的说明");
  g_clear_pointer (&now, g_free);

  update (f->teacher, RESLIB_KIND_RESOURCE, resources[0], "description", "第一位教师又改的说明");
  c3 = pack (f, f->teacher, f->project, "contribution", NULL, "c3.tar");
  i3 = run_import (f->lead, c3, NULL, RESLIB_IMPORT_NONE, FALSE);
  g_assert_cmpuint (reslib_package_importer_get_report (i3)->updated[RESLIB_KIND_RESOURCE], ==, 1);
  g_assert_cmpuint (reslib_package_importer_get_report (i3)->conflicts[RESLIB_KIND_RESOURCE], ==, 0);
  now = description (f->lead, resources[0]);
  g_assert_cmpstr (now, ==, "第一位教师又改的说明");
  g_assert_cmpuint (reslib_store_count_conflicts (f->lead, f->project, &error), ==, 1);
  g_free (resources[0]);
}

/* A version the teacher received as a conflict and has not resolved is no base: the lead's change, made
 * after the progress package, is not overwritten by the teacher's. Once the teacher keeps its own version
 * over the lead's, it is, and the lead takes the teacher's. */
static void
test_bases_unresolved_conflict (Fixture       *f,
                                gconstpointer  data)
{
  char *resources[1] = { NULL };
  g_autofree char *progress = join_from_progress (f, 1, resources);
  g_autofree char *second = NULL;
  g_autofree char *c1 = NULL;
  g_autofree char *c2 = NULL;
  g_autoptr(ReslibPackageImporter) i1 = NULL;
  g_autoptr(ReslibPackageImporter) i2 = NULL;
  g_autoptr(ReslibPackageImporter) i3 = NULL;
  g_autoptr(GListModel) conflicts = NULL;
  g_autoptr(ReslibConflict) conflict = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *now = NULL;

  update (f->teacher, RESLIB_KIND_RESOURCE, resources[0], "description", "教师的说明");
  update (f->lead, RESLIB_KIND_RESOURCE, resources[0], "description", "组长的说明");
  second = pack (f, f->lead, f->project, "progress", NULL, "second.tar");
  i1 = run_import (f->teacher, second, NULL, RESLIB_IMPORT_NONE, FALSE);
  g_assert_cmpuint (reslib_package_importer_get_report (i1)->conflicts[RESLIB_KIND_RESOURCE], ==, 1);

  c1 = pack (f, f->teacher, f->project, "contribution", NULL, "c1.tar");
  i2 = run_import (f->lead, c1, NULL, RESLIB_IMPORT_NONE, FALSE);
  g_assert_cmpuint (reslib_package_importer_get_report (i2)->conflicts[RESLIB_KIND_RESOURCE], ==, 1);
  now = description (f->lead, resources[0]);
  g_assert_cmpstr (now, ==, "组长的说明");
  g_clear_pointer (&now, g_free);

  conflicts = reslib_store_list_conflicts (f->teacher, f->project, &error);
  g_assert_no_error (error);
  conflict = g_list_model_get_item (conflicts, 0);
  g_assert_true (reslib_store_resolve_conflict (f->teacher, reslib_conflict_get_id (conflict), RESLIB_CONFLICT_KEEP_MINE,
                                                &error));
  g_assert_no_error (error);
  c2 = pack (f, f->teacher, f->project, "contribution", NULL, "c2.tar");
  i3 = run_import (f->lead, c2, NULL, RESLIB_IMPORT_NONE, FALSE);
  g_assert_cmpuint (reslib_package_importer_get_report (i3)->updated[RESLIB_KIND_RESOURCE], ==, 1);
  now = description (f->lead, resources[0]);
  g_assert_cmpstr (now, ==, "教师的说明");
  g_free (resources[0]);
}

/* A base version is only a claim. A teacher's library edited by hand to claim the lead's earlier version
 * (which the lead had received before, and remembers as its base) and a made-up one, for a record the
 * lead changed since: a conflict, the lead's version stays. A record the teacher did not change comes
 * without bases and changes nothing. */
static void
test_bases_forged (Fixture       *f,
                   gconstpointer  data)
{
  char *resources[2] = { NULL };
  g_autofree char *progress = join_from_progress (f, 2, resources);
  g_autofree char *teacher_db = g_build_filename (f->dir, "teacher", "library.db", NULL);
  g_autofree char *lead_db = g_build_filename (f->dir, "lead", "library.db", NULL);
  g_autofree char *first = NULL;
  g_autofree char *forged = NULL;
  g_autofree char *sql = NULL;
  g_autofree char *old_version = NULL;
  g_autoptr(ReslibPackageImporter) i1 = NULL;
  g_autoptr(ReslibPackageImporter) i2 = NULL;
  g_autoptr(JsonNode) manifest = NULL;
  const ReslibImportReport *report;

  /* The lead has received the teacher's first change: that version is the lead's base. */
  update (f->teacher, RESLIB_KIND_RESOURCE, resources[0], "description", "教师的说明");
  first = pack (f, f->teacher, f->project, "contribution", NULL, "first.tar");
  i1 = run_import (f->lead, first, NULL, RESLIB_IMPORT_NONE, FALSE);
  g_assert_cmpuint (reslib_package_importer_get_report (i1)->updated[RESLIB_KIND_RESOURCE], ==, 1);
  sql = g_strdup_printf ("SELECT sha256 FROM sync_bases WHERE kind = 'resource' AND record_id = '%s'", resources[0]);
  old_version = reslib_test_sql_text (lead_db, sql);
  g_assert_nonnull (old_version);
  g_clear_pointer (&sql, g_free);

  /* The lead changes both; the teacher changes the first and claims bases it never had. */
  update (f->lead, RESLIB_KIND_RESOURCE, resources[0], "description", "组长后来改的说明");
  update (f->lead, RESLIB_KIND_RESOURCE, resources[1], "description", "组长后来改的说明");
  update (f->teacher, RESLIB_KIND_RESOURCE, resources[0], "description", "教师又改的说明");
  sql = g_strdup_printf ("INSERT OR IGNORE INTO sync_versions (kind, record_id, sha256) VALUES "
                         "('resource', '%s', '%s'), ('resource', '%s', '%064d')",
                         resources[0], old_version, resources[0], 7);
  reslib_test_sql_exec (teacher_db, sql);
  g_clear_pointer (&sql, g_free);
  forged = pack (f, f->teacher, f->project, "contribution", NULL, "forged.tar");
  manifest = reslib_test_tar_json (forged, "data/manifest.json");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (manifest_resource (manifest, resources[0]),
                                                                         "base_versions")), ==, 3);
  g_assert_false (json_object_has_member (manifest_resource (manifest, resources[1]), "base_versions"));

  i2 = run_import (f->lead, forged, NULL, RESLIB_IMPORT_NONE, FALSE);
  report = reslib_package_importer_get_report (i2);
  g_assert_cmpuint (report->updated[RESLIB_KIND_RESOURCE], ==, 0);
  g_assert_cmpuint (report->conflicts[RESLIB_KIND_RESOURCE], ==, 1);
  g_assert_cmpuint (report->unchanged[RESLIB_KIND_RESOURCE], ==, 1);
  for (guint i = 0; i < 2; i++)
    {
      g_autofree char *kept = description (f->lead, resources[i]);

      g_assert_cmpstr (kept, ==, "组长后来改的说明");
    }
  for (guint i = 0; i < G_N_ELEMENTS (resources); i++)
    g_free (resources[i]);
}

/* A contribution of format 1 (as releases before format 2 write it, made here by today's code) is read as
 * before: without base versions, the lead has none for what it sent in a progress package, and each
 * record the teacher changed is a conflict. */
static void
test_bases_format_1 (Fixture       *f,
                     gconstpointer  data)
{
  char *resources[3] = { NULL };
  g_autofree char *progress = join_from_progress (f, 3, resources);
  g_autofree char *path = g_build_filename (f->out, "format-1.tar", NULL);
  g_autoptr(ReslibPackager) packager = reslib_packager_new (f->teacher, f->project, "contribution");
  g_autoptr(ReslibPackageImporter) import = NULL;
  g_autoptr(JsonNode) manifest = NULL;
  g_autoptr(JsonNode) info = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;
  const ReslibImportReport *report;

  for (guint i = 0; i < 3; i++)
    update (f->teacher, RESLIB_KIND_RESOURCE, resources[i], "description", "教师改过的说明");
  reslib_packager_set_format_version (packager, 1);
  reslib_packager_set_destination (packager, path, RESLIB_OUTPUT_NONE);
  g_assert_true (reslib_job_run (RESLIB_JOB (packager), NULL, &error));
  g_assert_no_error (error);
  g_assert_true (reslib_package_verify (path, &problems, &info, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (problems->len, ==, 0);
  manifest = reslib_test_tar_json (path, "data/manifest.json");
  g_assert_cmpint (json_object_get_int_member (json_node_get_object (manifest), "format_version"), ==, 1);
  g_assert_false (json_object_has_member (manifest_resource (manifest, resources[0]), "base_versions"));

  import = run_import (f->lead, path, NULL, RESLIB_IMPORT_NONE, FALSE);
  report = reslib_package_importer_get_report (import);
  g_assert_cmpuint (report->conflicts[RESLIB_KIND_RESOURCE], ==, 3);
  g_assert_cmpuint (report->updated[RESLIB_KIND_RESOURCE], ==, 0);
  for (guint i = 0; i < 3; i++)
    {
      g_autofree char *kept = description (f->lead, resources[i]);

      g_assert_null (kept);
    }
  for (guint i = 0; i < G_N_ELEMENTS (resources); i++)
    g_free (resources[i]);

  /* Only a contribution can be of format 2. */
  {
    g_autofree char *refused = g_build_filename (f->out, "progress-2.tar", NULL);
    g_autoptr(ReslibPackager) other = reslib_packager_new (f->lead, f->project, "progress");

    reslib_packager_set_format_version (other, 2);
    reslib_packager_set_destination (other, refused, RESLIB_OUTPUT_NONE);
    g_assert_false (reslib_job_run (RESLIB_JOB (other), NULL, &error));
    g_assert_error (error, RESLIB_ERROR, RESLIB_ERROR_INVALID);
    g_assert_false (g_file_test (refused, G_FILE_TEST_EXISTS));
  }
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add ("/package-team/match-by-title", Fixture, NULL, fixture_setup, test_match_by_title, fixture_teardown);
  g_test_add ("/package-team/into-without-match", Fixture, NULL, fixture_setup, test_into_without_match,
              fixture_teardown);
  g_test_add ("/package-team/join-and-review", Fixture, NULL, fixture_setup, test_join_and_review, fixture_teardown);
  g_test_add ("/package-team/bases/join-edit-contribute", Fixture, NULL, fixture_setup, test_bases_join_edit_contribute,
              fixture_teardown);
  g_test_add ("/package-team/bases/lead-changed-since", Fixture, NULL, fixture_setup, test_bases_lead_changed_since,
              fixture_teardown);
  g_test_add ("/package-team/bases/two-teachers", Fixture, NULL, fixture_setup, test_bases_two_teachers,
              fixture_teardown);
  g_test_add ("/package-team/bases/unresolved-conflict", Fixture, NULL, fixture_setup, test_bases_unresolved_conflict,
              fixture_teardown);
  g_test_add ("/package-team/bases/forged", Fixture, NULL, fixture_setup, test_bases_forged, fixture_teardown);
  g_test_add ("/package-team/bases/format-1", Fixture, NULL, fixture_setup, test_bases_format_1, fixture_teardown);

  return g_test_run ();
}
