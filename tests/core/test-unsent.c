/* test-unsent.c — the resources a library has not handed over yet (reslib-store-unsent.c): what a
 * contribution carries by default
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <locale.h>
#include <string.h>

#include "reslib-store-packages.h"
#include "reslib-store-resource-rows.h"
#include "reslib-test-utils.h"

typedef struct
{
  char        *dir;
  char        *files;
  ReslibStore *teacher;
  ReslibStore *lead;
  char        *project;
  char        *res[3];
} Fixture;

static char *
add_resource (Fixture    *f,
              const char *name,
              const char *contents)
{
  g_autoptr(ReslibImporter) importer = reslib_importer_new (f->teacher, f->project);
  g_autofree char *path = reslib_test_write_file (f->files, name, contents, -1);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;

  reslib_importer_add_file (importer, file);
  g_assert_true (reslib_job_run (RESLIB_JOB (importer), NULL, &error));
  g_assert_no_error (error);

  return g_strdup (reslib_importer_get_resource_ids (importer)[0]);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *teacher_dir = NULL;
  g_autofree char *lead_dir = NULL;

  f->dir = reslib_test_make_tmp_dir ("test-unsent-XXXXXX");
  f->files = g_build_filename (f->dir, "files", NULL);
  teacher_dir = g_build_filename (f->dir, "teacher", NULL);
  lead_dir = g_build_filename (f->dir, "lead", NULL);
  g_assert_cmpint (g_mkdir (f->files, 0700), ==, 0);
  f->teacher = reslib_test_open_store (teacher_dir);
  f->lead = reslib_test_open_store (lead_dir);
  f->project = reslib_test_new_project (f->teacher, "数控技术专业教学资源库");
  f->res[0] = add_resource (f, "a.txt", "第一个资源");
  f->res[1] = add_resource (f, "b.txt", "第二个资源");
  f->res[2] = add_resource (f, "c.txt", "第三个资源");
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->teacher);
  g_clear_object (&f->lead);
  for (guint i = 0; i < G_N_ELEMENTS (f->res); i++)
    g_free (f->res[i]);
  g_free (f->project);
  reslib_test_rm_rf (f->dir);
  g_free (f->files);
  g_free (f->dir);
}

/* The ids, in order, as one string "a b c" to compare. */
static char *
unsent (ReslibStore *store,
        const char  *project)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) ids = reslib_store_list_unsent_resource_ids (store, project, NULL, &error);
  g_autoptr(GString) out = g_string_new (NULL);

  g_assert_no_error (error);
  g_assert_nonnull (ids);
  for (guint i = 0; i < ids->len; i++)
    g_string_append_printf (out, "%s%s", i > 0 ? " " : "", (const char *) g_ptr_array_index (ids, i));

  return g_string_free (g_steal_pointer (&out), FALSE);
}

static void
update_title (ReslibStore *store,
              const char  *id,
              const char  *title)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (reslib_store_update (store, RESLIB_KIND_RESOURCE, id, (const char * const[]) { "title", NULL },
                                      (const char * const[]) { title }, &error));
  g_assert_no_error (error);
}

/* Nothing was ever sent: every resource is new. A contribution of two leaves the third; changing one
 * sent makes it unsent again, and changing it back to what was sent does not. */
static void
test_unsent_after_contribution (Fixture       *f,
                                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (f->dir, "c1.tar", NULL);
  g_autoptr(ReslibRecord) sent = reslib_store_get (f->teacher, RESLIB_KIND_RESOURCE, f->res[1], NULL);
  g_autofree char *old_title = g_strdup (reslib_record_get (sent, "title"));
  g_autofree char *all = NULL;
  g_autofree char *got = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *reversed = NULL;

  all = g_strdup_printf ("%s %s %s", f->res[0], f->res[1], f->res[2]);
  got = unsent (f->teacher, f->project);
  /* In the store's order, which is the order of reslib_store_list(). */
  {
    g_autoptr(GPtrArray) ids = reslib_store_list_resource_ids (f->teacher, f->project, NULL);
    g_autofree char *listed = g_strdup_printf ("%s %s %s", (char *) ids->pdata[0], (char *) ids->pdata[1],
                                               (char *) ids->pdata[2]);

    g_assert_cmpstr (got, ==, listed);
  }
  g_assert_cmpuint (strlen (got), ==, strlen (all));

  g_assert_true (reslib_test_pack (f->teacher, f->project, "contribution",
                                   (const char * const[]) { f->res[0], f->res[1], NULL }, path, NULL, &error));
  g_assert_no_error (error);
  g_clear_pointer (&got, g_free);
  got = unsent (f->teacher, f->project);
  g_assert_cmpstr (got, ==, f->res[2]);

  /* The dialog that builds the next one starts where this one went. */
  {
    g_autofree char *last = reslib_store_dup_last_package_path (f->teacher, f->project, "contribution", &error);
    g_autofree char *none = reslib_store_dup_last_package_path (f->teacher, f->project, "application", &error);

    g_assert_no_error (error);
    g_assert_cmpstr (last, ==, path);
    g_assert_null (none);
  }

  update_title (f->teacher, f->res[1], "改过的标题");
  g_clear_pointer (&got, g_free);
  got = unsent (f->teacher, f->project);
  expected = g_strdup_printf ("%s %s", f->res[1], f->res[2]);
  reversed = g_strdup_printf ("%s %s", f->res[2], f->res[1]);
  g_assert_true (g_strcmp0 (got, expected) == 0 || g_strcmp0 (got, reversed) == 0);

  /* The content that was sent, again: nothing new to send. */
  update_title (f->teacher, f->res[1], old_title);
  g_clear_pointer (&got, g_free);
  got = unsent (f->teacher, f->project);
  g_assert_cmpstr (got, ==, f->res[2]);

  /* A review is no content: returning a resource with a note does not make it one to send. */
  g_assert_true (reslib_store_review (f->teacher, (const char * const[]) { f->res[0], NULL }, RESLIB_REVIEW_SUBMIT,
                                      NULL, &error));
  g_assert_true (reslib_store_review (f->teacher, (const char * const[]) { f->res[0], NULL }, RESLIB_REVIEW_REJECT,
                                      "请补充字幕", &error));
  g_assert_no_error (error);
  g_clear_pointer (&got, g_free);
  got = unsent (f->teacher, f->project);
  g_assert_cmpstr (got, ==, f->res[2]);
}

/* What a library received in an import is no change of its own; what it changes after is. */
static void
test_unsent_after_import (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (f->dir, "c1.tar", NULL);
  g_autoptr(ReslibImportReport) report = NULL;
  g_autofree char *got = NULL;

  g_assert_true (reslib_test_pack (f->teacher, f->project, "contribution",
                                   (const char * const[]) { f->res[0], f->res[1], f->res[2], NULL }, path, NULL,
                                   &error));
  g_assert_no_error (error);
  report = reslib_test_import_package (f->lead, path, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (report);
  g_assert_cmpuint (report->added[RESLIB_KIND_RESOURCE], ==, 3);

  got = unsent (f->lead, report->project_id);
  g_assert_cmpstr (got, ==, "");

  update_title (f->lead, f->res[2], "主持人改过");
  g_clear_pointer (&got, g_free);
  got = unsent (f->lead, report->project_id);
  g_assert_cmpstr (got, ==, f->res[2]);

  /* Another project's resources are not listed, and a project without any lists none. */
  g_clear_pointer (&got, g_free);
  got = unsent (f->lead, "00000000-0000-4000-8000-000000000000");
  g_assert_cmpstr (got, ==, "");
}

static void
test_unsent_cancelled (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) ids = NULL;

  g_cancellable_cancel (cancellable);
  ids = reslib_store_list_unsent_resource_ids (f->teacher, f->project, cancellable, &error);
  g_assert_null (ids);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);
  reslib_core_init ();

  g_test_add ("/unsent/after-contribution", Fixture, NULL, fixture_set_up, test_unsent_after_contribution,
              fixture_tear_down);
  g_test_add ("/unsent/after-import", Fixture, NULL, fixture_set_up, test_unsent_after_import, fixture_tear_down);
  g_test_add ("/unsent/cancelled", Fixture, NULL, fixture_set_up, test_unsent_cancelled, fixture_tear_down);

  return g_test_run ();
}
