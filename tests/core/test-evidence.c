/* test-evidence.c — evidence files (佐证材料): attached to the project, a milestone or a budget line, listed in
 * the evidence index's order, refused for another project's record, kept from collection while named, and
 * listed in the acceptance report's evidence index; a removal can be undone
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <locale.h>
#include <string.h>

#include "reslib-evidence.h"
#include "reslib-report.h"
#include "reslib-store-evidence.h"
#include "reslib-store-gc.h"
#include "reslib-test-utils.h"

typedef struct
{
  char        *dir;
  char        *data_dir;
  char        *files;
  ReslibStore *store;
  char        *project;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  f->dir = reslib_test_make_tmp_dir ("reslib-evidence-XXXXXX");
  f->data_dir = g_build_filename (f->dir, "data", NULL);
  f->files = g_build_filename (f->dir, "files", NULL);
  g_assert_cmpint (g_mkdir_with_parents (f->files, 0700), ==, 0);
  f->store = reslib_test_open_store (f->data_dir);
  reslib_store_set_actor (f->store, "王老师");
  f->project = reslib_test_new_project (f->store, "数控技术专业教学资源库");
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_object (&f->store);
  reslib_test_rm_rf (f->dir);
  g_free (f->dir);
  g_free (f->data_dir);
  g_free (f->files);
  g_free (f->project);
}

static char *
attach (Fixture     *f,
        const char  *project,
        const char  *name,
        const char  *contents,
        const char  *title,
        ReslibKind   kind,
        const char  *attached_id,
        GError     **error)
{
  g_autofree char *path = reslib_test_write_file (f->files, name, contents, -1);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(ReslibEvidenceAdder) adder = reslib_evidence_adder_new (f->store, project, file, title, kind, attached_id);

  if (!reslib_job_run (RESLIB_JOB (adder), NULL, error))
    return NULL;
  return g_strdup (reslib_evidence_adder_get_id (adder));
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
  return id;
}

static char *
sql_text (Fixture    *f,
          const char *sql)
{
  g_autofree char *db = g_build_filename (f->data_dir, "library.db", NULL);

  return reslib_test_sql_text (db, sql);
}

static void
test_attach_list_remove (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autofree char *late = NULL, *early = NULL, *line = NULL, *other_project = NULL, *other_milestone = NULL;
  g_autofree char *a = NULL, *b = NULL, *c = NULL, *d = NULL, *refused = NULL, *count = NULL, *blob_path = NULL;
  guint n_files = 0;
  guint64 n_bytes = 0;
  ReslibEvidence *e;

  late = insert (f, RESLIB_KIND_MILESTONE, (const char * const[]) { "project_id", "title", "due_date", NULL },
                 (const char * const[]) { f->project, "中期检查", "2027-12-31" });
  early = insert (f, RESLIB_KIND_MILESTONE, (const char * const[]) { "project_id", "title", "due_date", NULL },
                  (const char * const[]) { f->project, "建成首批课程", "2027-06-30" });
  line = insert (f, RESLIB_KIND_BUDGET_LINE, (const char * const[]) { "project_id", "source", "category", NULL },
                 (const char * const[]) { f->project, "财政", "资源开发" });

  a = attach (f, f->project, "中期检查报告.pdf", "%PDF-1.4 中期", NULL, RESLIB_KIND_MILESTONE, late, &error);
  g_assert_no_error (error);
  b = attach (f, f->project, "课程截图.png", "png 首批", "首批课程上线截图", RESLIB_KIND_MILESTONE, early, &error);
  g_assert_no_error (error);
  c = attach (f, f->project, "到账凭证.pdf", "%PDF-1.4 到账", "资金到账凭证", RESLIB_KIND_BUDGET_LINE, line, &error);
  g_assert_no_error (error);
  /* the same content twice is one blob */
  d = attach (f, f->project, "建设方案.pdf", "%PDF-1.4 中期", "建设方案", RESLIB_KIND_PROJECT, NULL, &error);
  g_assert_no_error (error);
  count = sql_text (f, "SELECT count (*) || ' ' || count (DISTINCT blob_sha256) FROM evidence");
  g_assert_cmpstr (count, ==, "4 3");

  /* A record of another project is refused, with nothing written */
  other_project = reslib_test_new_project (f->store, "另一个资源库");
  other_milestone = insert (f, RESLIB_KIND_MILESTONE, (const char * const[]) { "project_id", "title", NULL },
                            (const char * const[]) { other_project, "别的里程碑" });
  refused = attach (f, f->project, "错.pdf", "错", NULL, RESLIB_KIND_MILESTONE, other_milestone, &error);
  g_assert_null (refused);
  g_assert_error (error, RESLIB_ERROR, RESLIB_ERROR_INVALID);
  g_clear_error (&error);
  g_free (count);
  count = sql_text (f, "SELECT count (*) FROM evidence");
  g_assert_cmpstr (count, ==, "4");

  /* The index's order: the project's, then the milestones' by due date, then the budget lines' */
  list = reslib_store_list_evidence (f->store, f->project, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 4);
  e = g_ptr_array_index (list, 0);
  g_assert_cmpstr (e->id, ==, d);
  g_assert_cmpint (e->attached_kind, ==, RESLIB_KIND_PROJECT);
  g_assert_null (e->attached_id);
  e = g_ptr_array_index (list, 1);
  g_assert_cmpstr (e->id, ==, b);
  g_assert_cmpstr (e->title, ==, "首批课程上线截图");
  g_assert_cmpstr (e->attached_id, ==, early);
  e = g_ptr_array_index (list, 2);
  g_assert_cmpstr (e->id, ==, a);
  g_assert_cmpstr (e->title, ==, "中期检查报告.pdf");   /* no title: the file's name */
  g_assert_cmpint (e->size, ==, (gint64) strlen ("%PDF-1.4 中期"));
  e = g_ptr_array_index (list, 3);
  g_assert_cmpstr (e->id, ==, c);
  g_assert_cmpint (e->attached_kind, ==, RESLIB_KIND_BUDGET_LINE);

  /* Removed: its blob stays while the other evidence file names it, and goes after */
  blob_path = reslib_store_get_blob_path (f->store, ((ReslibEvidence *) g_ptr_array_index (list, 2))->blob_sha256);
  g_assert_true (g_file_test (blob_path, G_FILE_TEST_EXISTS));
  g_assert_true (reslib_store_remove_evidence (f->store, a, &error));
  g_assert_no_error (error);
  g_assert_true (reslib_store_collect_blobs (f->store, &n_files, &n_bytes, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_files, ==, 0);
  g_assert_true (g_file_test (blob_path, G_FILE_TEST_EXISTS));
  g_assert_true (reslib_store_remove_evidence (f->store, d, &error));
  g_assert_no_error (error);
  g_assert_true (reslib_store_collect_blobs (f->store, &n_files, &n_bytes, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_files, ==, 1);
  g_assert_false (g_file_test (blob_path, G_FILE_TEST_EXISTS));
  g_assert_false (reslib_store_remove_evidence (f->store, a, &error));
  g_assert_error (error, RESLIB_ERROR, RESLIB_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* Deleting a milestone deletes its evidence rows */
  g_assert_true (reslib_store_delete (f->store, RESLIB_KIND_MILESTONE, early, &error));
  g_assert_no_error (error);
  g_free (count);
  count = sql_text (f, "SELECT count (*) FROM evidence");
  g_assert_cmpstr (count, ==, "1");
}

/* The evidence rows as they are, every column, in the index's order */
static char *
evidence_rows (Fixture *f)
{
  return sql_text (f, "SELECT coalesce (group_concat (r, ' '), '') FROM (SELECT id || '|' || project_id || '|' || "
                      "blob_sha256 || '|' || file_name || '|' || title || '|' || coalesce (milestone_id, '-') || '|' || "
                      "position || '|' || created_at AS r FROM evidence ORDER BY position)");
}

/* Removal undone: the row back as it was, its file kept from the collection while the step lives; the same
 * for evidence deleted with its milestone */
static void
test_remove_undo (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ReslibUndoStep) step = NULL;
  g_autoptr(ReslibUndoStep) redo = NULL;
  g_autoptr(ReslibUndoStep) again = NULL;
  g_autofree char *milestone = NULL, *a = NULL, *b = NULL, *before = NULL, *after = NULL, *blob = NULL;
  g_autofree char *sha = NULL, *blob_b = NULL, *sha_b = NULL;
  guint n_files = 0;
  guint64 n_bytes = 0;

  milestone = insert (f, RESLIB_KIND_MILESTONE, (const char * const[]) { "project_id", "title", "due_date", NULL },
                      (const char * const[]) { f->project, "中期检查", "2027-12-31" });
  a = attach (f, f->project, "建设方案.pdf", "%PDF-1.4 方案", "建设方案", RESLIB_KIND_PROJECT, NULL, &error);
  g_assert_no_error (error);
  b = attach (f, f->project, "检查意见.pdf", "%PDF-1.4 意见", NULL, RESLIB_KIND_MILESTONE, milestone, &error);
  g_assert_no_error (error);
  before = evidence_rows (f);
  sha = sql_text (f, "SELECT blob_sha256 FROM evidence WHERE title = '建设方案'");
  blob = reslib_store_get_blob_path (f->store, sha);

  /* Removed: gone from the index; its file, which nothing else names, is not collected while the step lives */
  step = reslib_store_remove_evidence_undoable (f->store, a, &error);
  g_assert_no_error (error);
  g_assert_nonnull (step);
  after = evidence_rows (f);
  g_assert_null (strstr (after, a));
  g_assert_true (reslib_store_collect_blobs (f->store, &n_files, &n_bytes, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_files, ==, 0);
  g_assert_true (g_file_test (blob, G_FILE_TEST_EXISTS));

  /* Undone: exactly as before (id, title, place in the index, time) */
  redo = reslib_store_undo (f->store, step, &error);
  g_assert_no_error (error);
  g_assert_nonnull (redo);
  g_clear_pointer (&after, g_free);
  after = evidence_rows (f);
  g_assert_cmpstr (after, ==, before);

  /* Redone: removed again; once no step keeps it, its file is collected */
  again = reslib_store_undo (f->store, redo, &error);
  g_assert_no_error (error);
  g_clear_pointer (&after, g_free);
  after = evidence_rows (f);
  g_assert_null (strstr (after, a));
  g_assert_nonnull (strstr (after, b));
  g_clear_pointer (&step, reslib_undo_step_unref);
  g_clear_pointer (&redo, reslib_undo_step_unref);
  g_assert_true (reslib_store_collect_blobs (f->store, &n_files, &n_bytes, &error));
  g_assert_cmpuint (n_files, ==, 0);   /* the redo's undo step still keeps it */
  g_clear_pointer (&again, reslib_undo_step_unref);
  g_assert_true (reslib_store_collect_blobs (f->store, &n_files, &n_bytes, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_files, ==, 1);
  g_assert_false (g_file_test (blob, G_FILE_TEST_EXISTS));

  /* A milestone deleted with its evidence: the evidence's file is kept too, and comes back with it */
  g_clear_pointer (&before, g_free);
  before = evidence_rows (f);
  sha_b = sql_text (f, "SELECT blob_sha256 FROM evidence");
  blob_b = reslib_store_get_blob_path (f->store, sha_b);
  step = reslib_store_delete_undoable (f->store, RESLIB_KIND_MILESTONE, (const char * const[]) { milestone, NULL },
                                       &error);
  g_assert_no_error (error);
  g_clear_pointer (&after, g_free);
  after = evidence_rows (f);
  g_assert_cmpstr (after, ==, "");
  g_assert_true (reslib_store_collect_blobs (f->store, &n_files, &n_bytes, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_files, ==, 0);
  g_assert_true (g_file_test (blob_b, G_FILE_TEST_EXISTS));
  redo = reslib_store_undo (f->store, step, &error);
  g_assert_no_error (error);
  g_clear_pointer (&after, g_free);
  after = evidence_rows (f);
  g_assert_cmpstr (after, ==, before);

  /* An evidence file that is not there */
  g_assert_null (reslib_store_remove_evidence_undoable (f->store, a, &error));
  g_assert_error (error, RESLIB_ERROR, RESLIB_ERROR_NOT_FOUND);
}

/* The acceptance report has the evidence index, with each file and what it is for; the dossier has none */
static void
test_report_index (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *milestone = NULL, *e = NULL, *pdftotext = g_find_program_in_path ("pdftotext");
  const char *kinds[] = { "acceptance", "dossier" };

  milestone = insert (f, RESLIB_KIND_MILESTONE, (const char * const[]) { "project_id", "title", "due_date", NULL },
                      (const char * const[]) { f->project, "中期检查", "2027-12-31" });
  e = attach (f, f->project, "jc.pdf", "%PDF-1.4", "检查意见", RESLIB_KIND_MILESTONE, milestone, &error);
  g_assert_no_error (error);
  if (pdftotext == NULL)
    {
      g_test_skip ("pdftotext (poppler-utils) is needed to read the report");
      return;
    }
  for (guint k = 0; k < G_N_ELEMENTS (kinds); k++)
    {
      g_autofree char *name = g_strdup_printf ("%s.pdf", kinds[k]);
      g_autofree char *path = g_build_filename (f->dir, name, NULL);
      g_autoptr(ReslibReportJob) job = reslib_report_job_new (f->store, f->project, kinds[k], path);
      g_autofree char *text = NULL;
      const char *argv[] = { pdftotext, "-q", path, "-", NULL };

      g_assert_true (reslib_job_run (RESLIB_JOB (job), NULL, &error));
      g_assert_no_error (error);
      g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &text, NULL, NULL, &error));
      g_assert_no_error (error);
      if (k == 0)
        {
          g_assert_nonnull (strstr (text, "佐证材料目录"));
          g_assert_nonnull (strstr (text, "检查意见"));
          g_assert_nonnull (strstr (text, "里程碑：中期检查"));
          g_assert_nonnull (strstr (text, "jc.pdf"));
        }
      else
        g_assert_null (strstr (text, "佐证材料目录"));
    }
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add ("/evidence/attach-list-remove", Fixture, NULL, fixture_setup, test_attach_list_remove, fixture_teardown);
  g_test_add ("/evidence/remove-undo", Fixture, NULL, fixture_setup, test_remove_undo, fixture_teardown);
  g_test_add ("/evidence/report-index", Fixture, NULL, fixture_setup, test_report_index, fixture_teardown);

  return g_test_run ();
}
