/* test-evidence.c — evidence files (佐证材料): attached to the project, a milestone, a target, a budget line or
 * a narrative section of the reports, listed in the evidence index's order, refused for another project's record, kept from collection while named, and
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
attach_section (Fixture     *f,
                const char  *name,
                const char  *section,
                GError     **error)
{
  g_autofree char *path = reslib_test_write_file (f->files, name, name, -1);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(ReslibEvidenceAdder) adder = reslib_evidence_adder_new (f->store, f->project, file, NULL,
                                                                    RESLIB_KIND_PROJECT, NULL);

  reslib_evidence_adder_set_section (adder, section);
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

/* The acceptance report has the evidence index, with each file and what it is for — a milestone, a target, a
 * budget line, a narrative section or the project —, in the PDF and in the Word document; the dossier has none */
static void
test_report_index (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *milestone = NULL, *target = NULL, *line = NULL, *pdftotext = g_find_program_in_path ("pdftotext");
  g_autofree char *e1 = NULL, *e2 = NULL, *e3 = NULL, *e4 = NULL, *e5 = NULL;
  const char *kinds[] = { "acceptance", "dossier", "acceptance" };
  const char *formats[] = { "pdf", "pdf", "docx" };
  /* in the index's order: the project's, the sections', the milestones', the targets', the budget lines' */
  const char *wanted[] = { "项目整体", "报告章节：建设基础", "报告章节：建设内容：资源建设", "里程碑：中期检查",
                           "建设目标：各类型资源（视频）", "建设资金：设备购置费", NULL };

  milestone = insert (f, RESLIB_KIND_MILESTONE, (const char * const[]) { "project_id", "title", "due_date", NULL },
                      (const char * const[]) { f->project, "中期检查", "2027-12-31" });
  target = insert (f, RESLIB_KIND_TARGET, (const char * const[]) { "project_id", "kind", "resource_type", "planned", NULL },
                   (const char * const[]) { f->project, "resource-type", "video", "300" });
  line = insert (f, RESLIB_KIND_BUDGET_LINE, (const char * const[]) { "project_id", "source", "category", NULL },
                 (const char * const[]) { f->project, "财政", "设备购置费" });
  e1 = attach (f, f->project, "hz.pdf", "%PDF-1.4 hz", "采购合同", RESLIB_KIND_BUDGET_LINE, line, &error);
  g_assert_no_error (error);
  e2 = attach (f, f->project, "sp.mp4", "mp4", "视频清单", RESLIB_KIND_TARGET, target, &error);
  g_assert_no_error (error);
  e3 = attach (f, f->project, "jc.pdf", "%PDF-1.4", "检查意见", RESLIB_KIND_MILESTONE, milestone, &error);
  g_assert_no_error (error);
  e4 = attach_section (f, "zy.pdf", "content-resources", &error);
  g_assert_no_error (error);
  e5 = attach_section (f, "jd.jpg", "foundation", &error);
  g_assert_no_error (error);
  g_free (attach (f, f->project, "fa.pdf", "%PDF-1.4 fa", "建设方案", RESLIB_KIND_PROJECT, NULL, &error));
  g_assert_no_error (error);
  if (pdftotext == NULL)
    {
      g_test_skip ("pdftotext (poppler-utils) is needed to read the report");
      return;
    }
  for (guint k = 0; k < G_N_ELEMENTS (kinds); k++)
    {
      g_autofree char *name = g_strdup_printf ("%s-%u.%s", kinds[k], k, formats[k]);
      g_autofree char *path = g_build_filename (f->dir, name, NULL);
      g_autoptr(ReslibReportJob) job = reslib_report_job_new (f->store, f->project, kinds[k], path);
      g_autofree char *script = g_test_build_filename (G_TEST_DIST, "core", "read-docx.py", NULL);
      g_autofree char *text = NULL;
      const char *argv_pdf[] = { pdftotext, "-q", "-raw", path, "-", NULL };
      const char *argv_docx[] = { "/usr/bin/python3", script, path, NULL };
      const char *index_at;
      int status = 0;

      g_assert_true (reslib_job_run (RESLIB_JOB (job), NULL, &error));
      g_assert_no_error (error);
      g_assert_true (g_spawn_sync (NULL, (char **) (k < 2 ? argv_pdf : argv_docx), NULL, G_SPAWN_DEFAULT, NULL, NULL,
                                   &text, NULL, &status, &error));
      g_assert_no_error (error);
      if (k == 2 && WIFEXITED (status) && WEXITSTATUS (status) == 77)
        {
          g_test_message ("python-docx (Debian: python3-docx) is not installed: the Word document is not read");
          continue;
        }
      g_assert_true (g_spawn_check_wait_status (status, NULL));
      if (k == 1)
        {
          g_assert_null (strstr (text, "佐证材料目录"));
          continue;
        }
      /* a table cell's text may be wrapped onto lines of its own: read without line breaks and spaces */
      {
        char *to = text;

        for (const char *from = text; *from != '\0'; from++)
          if (!g_ascii_isspace (*from))
            *to++ = *from;
        *to = '\0';
      }
      index_at = strstr (text, "佐证材料目录");
      g_assert_nonnull (index_at);
      g_assert_nonnull (strstr (index_at, "检查意见"));
      g_assert_nonnull (strstr (index_at, "jc.pdf"));
      /* each file names its owner, in the index's order */
      for (guint i = 0; wanted[i] != NULL; i++)
        {
          const char *at = strstr (index_at, wanted[i]);

          g_test_message ("%s: %s", formats[k], wanted[i]);
          g_assert_nonnull (at);
          index_at = at;
        }
    }
}

/* A narrative section takes evidence like a record does: one owner at most, a known section only, and its removal
 * undone with the section it was for */
static void
test_section (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(ReslibUndoStep) step = NULL;
  g_autoptr(ReslibUndoStep) redo = NULL;
  g_autofree char *id = NULL, *milestone = NULL, *row = NULL, *before = NULL, *after = NULL;
  g_autofree char *path = reslib_test_write_file (f->files, "x.pdf", "x", -1);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(ReslibEvidenceAdder) both = NULL;
  ReslibEvidence *e;

  id = attach_section (f, "实训基地.jpg", "safeguards", &error);
  g_assert_no_error (error);
  row = sql_text (f, "SELECT coalesce (milestone_id, target_id, budget_line_id, '-') || ' ' || section FROM evidence");
  g_assert_cmpstr (row, ==, "- safeguards");
  list = reslib_store_list_evidence (f->store, f->project, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 1);
  e = g_ptr_array_index (list, 0);
  g_assert_cmpint (e->attached_kind, ==, RESLIB_KIND_PROJECT);
  g_assert_null (e->attached_id);
  g_assert_cmpstr (e->section, ==, "safeguards");

  /* a section the reports do not have, and a section with a record as well, are refused: nothing is written */
  g_assert_null (attach_section (f, "y.pdf", "preface", &error));
  g_assert_error (error, RESLIB_ERROR, RESLIB_ERROR_INVALID);
  g_clear_error (&error);
  milestone = insert (f, RESLIB_KIND_MILESTONE, (const char * const[]) { "project_id", "title", "due_date", NULL },
                      (const char * const[]) { f->project, "中期检查", "2027-12-31" });
  both = reslib_evidence_adder_new (f->store, f->project, file, NULL, RESLIB_KIND_MILESTONE, milestone);
  reslib_evidence_adder_set_section (both, "foundation");
  g_assert_false (reslib_job_run (RESLIB_JOB (both), NULL, &error));
  g_assert_error (error, RESLIB_ERROR, RESLIB_ERROR_INVALID);
  g_clear_error (&error);
  g_clear_pointer (&row, g_free);
  row = sql_text (f, "SELECT count (*) FROM evidence");
  g_assert_cmpstr (row, ==, "1");
  /* the schema refuses two owners too */
  g_clear_pointer (&row, g_free);
  row = sql_text (f, "SELECT count (*) FROM sqlite_schema WHERE name = 'evidence' AND sql LIKE "
                     "'%(section IS NOT NULL) <= 1%'");
  g_assert_cmpstr (row, ==, "1");

  /* removed and undone: back with its section */
  before = sql_text (f, "SELECT id || title || section || position FROM evidence");
  step = reslib_store_remove_evidence_undoable (f->store, id, &error);
  g_assert_no_error (error);
  g_clear_pointer (&row, g_free);
  row = sql_text (f, "SELECT count (*) FROM evidence");
  g_assert_cmpstr (row, ==, "0");
  redo = reslib_store_undo (f->store, step, &error);
  g_assert_no_error (error);
  after = sql_text (f, "SELECT id || title || section || position FROM evidence");
  g_assert_cmpstr (after, ==, before);
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
  g_test_add ("/evidence/section", Fixture, NULL, fixture_setup, test_section, fixture_teardown);

  return g_test_run ();
}
