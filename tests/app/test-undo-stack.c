/* test-undo-stack.c — the application's undo stack: undo, redo, labels and can-undo, a step that
 * cannot be undone, a toast's step
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <locale.h>

#include "reslib-test-utils.h"
#include "studio-undo-stack.h"

typedef struct
{
  char            *dir;
  ReslibStore     *store;
  char            *project;
  StudioUndoStack *stack;
  guint            can_undo_notified;
  guint            applied;
} Fixture;

static void
notify_cb (GObject    *object,
           GParamSpec *pspec,
           Fixture    *f)
{
  f->can_undo_notified++;
}

static void
applied_cb (StudioUndoStack *stack,
            ReslibUndoStep  *step,
            Fixture         *f)
{
  g_assert_nonnull (step);
  f->applied++;
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *data_dir = NULL;

  f->dir = reslib_test_make_tmp_dir ("studio-undo-XXXXXX");
  data_dir = g_build_filename (f->dir, "data", NULL);
  f->store = reslib_test_open_store (data_dir);
  f->project = reslib_test_new_project (f->store, "撤销测试");
  f->stack = studio_undo_stack_new (f->store);
  g_signal_connect (f->stack, "notify::can-undo", G_CALLBACK (notify_cb), f);
  g_signal_connect (f->stack, "applied", G_CALLBACK (applied_cb), f);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_object (&f->stack);
  g_clear_object (&f->store);
  reslib_test_rm_rf (f->dir);
  g_free (f->dir);
  g_free (f->project);
}

static char *
add_milestone (Fixture    *f,
               const char *title)
{
  g_autoptr(GError) error = NULL;
  char *id = reslib_store_insert (f->store, RESLIB_KIND_MILESTONE, (const char * const[]) { "project_id", "title", NULL },
                                  (const char * const[]) { f->project, title }, &error);

  g_assert_no_error (error);
  return id;
}

static ReslibUndoStep *
delete (Fixture    *f,
        const char *id)
{
  g_autoptr(GError) error = NULL;
  ReslibUndoStep *step = reslib_store_delete_undoable (f->store, RESLIB_KIND_MILESTONE,
                                                       (const char * const[]) { id, NULL }, &error);

  g_assert_no_error (error);
  return step;
}

static gboolean
exists (Fixture    *f,
        const char *id)
{
  g_autoptr(ReslibRecord) record = reslib_store_get (f->store, RESLIB_KIND_MILESTONE, id, NULL);

  return record != NULL;
}

static void
test_undo_redo (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *a = add_milestone (f, "一");
  g_autofree char *b = add_milestone (f, "二");
  g_autoptr(ReslibUndoStep) da = delete (f, a);
  g_autoptr(ReslibUndoStep) edit = NULL;
  g_autoptr(ReslibRecord) record = NULL;
  gboolean can_undo = TRUE;

  g_object_get (f->stack, "can-undo", &can_undo, NULL);
  g_assert_false (can_undo);
  g_assert_null (studio_undo_stack_get_undo_label (f->stack));
  /* Nothing to undo is not an error */
  g_assert_true (studio_undo_stack_undo (f->stack, &error));
  g_assert_no_error (error);

  studio_undo_stack_push (f->stack, da, "删除“一”");
  g_assert_cmpuint (f->can_undo_notified, ==, 1);
  edit = reslib_store_update_undoable (f->store, RESLIB_KIND_MILESTONE, (const char * const[]) { b, NULL },
                                       (const char * const[]) { "title", NULL }, (const char * const[]) { "贰" }, &error);
  g_assert_no_error (error);
  studio_undo_stack_push (f->stack, edit, "修改“二”");
  g_assert_cmpstr (studio_undo_stack_get_undo_label (f->stack), ==, "修改“二”");
  g_assert_false (studio_undo_stack_get_can_redo (f->stack));

  /* Newest first */
  g_assert_true (studio_undo_stack_undo (f->stack, &error));
  g_assert_no_error (error);
  record = reslib_store_get (f->store, RESLIB_KIND_MILESTONE, b, &error);
  g_assert_cmpstr (reslib_record_get (record, "title"), ==, "二");
  g_assert_false (exists (f, a));
  g_assert_true (studio_undo_stack_get_can_redo (f->stack));
  g_assert_cmpstr (studio_undo_stack_get_redo_label (f->stack), ==, "修改“二”");
  g_assert_true (studio_undo_stack_undo (f->stack, &error));
  g_assert_true (exists (f, a));
  g_assert_false (studio_undo_stack_get_can_undo (f->stack));
  g_assert_cmpuint (f->applied, ==, 2);

  /* Redone in the order they were made */
  g_assert_true (studio_undo_stack_redo (f->stack, &error));
  g_assert_false (exists (f, a));
  g_assert_true (studio_undo_stack_redo (f->stack, &error));
  g_clear_object (&record);
  record = reslib_store_get (f->store, RESLIB_KIND_MILESTONE, b, &error);
  g_assert_cmpstr (reslib_record_get (record, "title"), ==, "贰");
  g_assert_false (studio_undo_stack_get_can_redo (f->stack));

  /* Undone again, then a new change: nothing left to redo */
  g_assert_true (studio_undo_stack_undo (f->stack, &error));
  g_assert_true (studio_undo_stack_get_can_redo (f->stack));
  {
    g_autofree char *c = add_milestone (f, "三");
    g_autoptr(ReslibUndoStep) dc = delete (f, c);

    studio_undo_stack_push (f->stack, dc, "删除“三”");
  }
  g_assert_false (studio_undo_stack_get_can_redo (f->stack));
}

/* A step the store's changes prevent goes, with the error, and the older ones stay undoable. */
static void
test_failing_step (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *a = add_milestone (f, "一");
  g_autofree char *b = add_milestone (f, "二");
  g_autoptr(ReslibUndoStep) da = delete (f, a);
  g_autoptr(ReslibUndoStep) edit = NULL;

  studio_undo_stack_push (f->stack, da, "删除“一”");
  edit = reslib_store_update_undoable (f->store, RESLIB_KIND_MILESTONE, (const char * const[]) { b, NULL },
                                       (const char * const[]) { "title", NULL }, (const char * const[]) { "贰" }, &error);
  studio_undo_stack_push (f->stack, edit, "修改“二”");
  g_assert_true (reslib_store_delete (f->store, RESLIB_KIND_MILESTONE, b, &error));

  g_assert_false (studio_undo_stack_undo (f->stack, &error));
  g_assert_error (error, RESLIB_ERROR, RESLIB_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (studio_undo_stack_get_can_redo (f->stack));
  g_assert_cmpstr (studio_undo_stack_get_undo_label (f->stack), ==, "删除“一”");
  g_assert_true (studio_undo_stack_undo (f->stack, &error));
  g_assert_no_error (error);
  g_assert_true (exists (f, a));
}

/* A toast's Undo takes back its own step only when it is the newest. */
static void
test_undo_step (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *a = add_milestone (f, "一");
  g_autofree char *b = add_milestone (f, "二");
  g_autoptr(ReslibUndoStep) da = delete (f, a);
  g_autoptr(ReslibUndoStep) db = delete (f, b);

  studio_undo_stack_push (f->stack, da, "删除“一”");
  studio_undo_stack_push (f->stack, db, "删除“二”");
  g_assert_false (studio_undo_stack_undo_step (f->stack, da, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_false (exists (f, a));
  g_assert_true (studio_undo_stack_undo_step (f->stack, db, &error));
  g_assert_true (exists (f, b));
  /* Already undone: nothing more */
  g_assert_true (studio_undo_stack_undo_step (f->stack, db, &error));
  g_assert_true (exists (f, b));
  g_assert_cmpstr (studio_undo_stack_get_undo_label (f->stack), ==, "删除“一”");
  g_assert_true (studio_undo_stack_undo_step (f->stack, da, &error));
  g_assert_true (exists (f, a));
  g_assert_no_error (error);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);
  reslib_core_init ();

  g_test_add ("/undo-stack/undo-redo", Fixture, NULL, fixture_setup, test_undo_redo, fixture_teardown);
  g_test_add ("/undo-stack/failing-step", Fixture, NULL, fixture_setup, test_failing_step, fixture_teardown);
  g_test_add ("/undo-stack/undo-step", Fixture, NULL, fixture_setup, test_undo_step, fixture_teardown);

  return g_test_run ();
}
