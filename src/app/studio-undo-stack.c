/* studio-undo-stack.c — the changes to the store the user can undo and redo, newest first
 *
 * Every change the pages make to the store that the user can take back (deleting records, editing
 * fields, a bulk edit) is written at once and pushed here as a ReslibUndoStep with a label. Undoing
 * runs the newest step (one transaction) and moves the step that redoes it to the redo list; a new
 * change empties the redo list. The stack keeps at most MAX_STEPS steps: the oldest go, and with
 * them the files of deleted resources that only they kept.
 *
 * A big step (JOB_ROWS rows or more: a sheet's thousands of rows imported, a course with all its
 * links) is undone by a ReslibUndoJob in a worker, so that the window stays responsive: the stack is
 * busy meanwhile (nothing to undo or redo, ::job-started tells who shows the job), and the step
 * moves to the other list when the job has written it (::applied), or goes when it failed
 * (::failed). A change pushed while it runs empties the redo list as always.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "reslib-undo-job.h"
#include "studio-undo-stack.h"

#define MAX_STEPS 100
#define JOB_ROWS 1000

typedef struct
{
  ReslibUndoStep *step;
  char           *label;
} Entry;

struct _StudioUndoStack
{
  GObject      parent_instance;

  ReslibStore *store;
  GQueue       undo;    /* Entry *, newest at the head */
  GQueue       redo;    /* Entry *, next to redo at the head */
  guint        job_rows;
  /* While a job undoes or redoes a step: its entry (off its list), the list it came from, and how
   * many changes were pushed since it started. */
  ReslibUndoJob *job;
  Entry         *running;
  gboolean       running_redo;
  guint          pushed;
  gboolean       cleared;
};

enum
{
  PROP_0,
  PROP_STORE,
  PROP_CAN_UNDO,
  PROP_CAN_REDO,
  PROP_UNDO_LABEL,
  PROP_REDO_LABEL,
  PROP_BUSY,
  N_PROPS
};

enum
{
  SIGNAL_APPLIED,
  SIGNAL_FAILED,
  SIGNAL_JOB_STARTED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (StudioUndoStack, studio_undo_stack, G_TYPE_OBJECT)

static void
entry_free (gpointer data)
{
  Entry *entry = data;

  reslib_undo_step_unref (entry->step);
  g_free (entry->label);
  g_free (entry);
}

static Entry *
entry_new (ReslibUndoStep *step,
           const char     *label)
{
  Entry *entry = g_new0 (Entry, 1);

  entry->step = reslib_undo_step_ref (step);
  entry->label = g_strdup (label);

  return entry;
}

/* Notifies the properties after a change of both lists, in one go. */
static void
notify_all (StudioUndoStack *self)
{
  g_object_freeze_notify (G_OBJECT (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_UNDO]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_REDO]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_UNDO_LABEL]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REDO_LABEL]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
  g_object_thaw_notify (G_OBJECT (self));
}

static void
studio_undo_stack_dispose (GObject *object)
{
  StudioUndoStack *self = STUDIO_UNDO_STACK (object);

  g_queue_clear_full (&self->undo, entry_free);
  g_queue_clear_full (&self->redo, entry_free);
  /* A job that runs finishes on its own; what it undid is then forgotten with the stack. */
  if (self->job != NULL)
    g_signal_handlers_disconnect_by_data (self->job, self);
  g_clear_object (&self->job);
  g_clear_pointer (&self->running, entry_free);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (studio_undo_stack_parent_class)->dispose (object);
}

static void
studio_undo_stack_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  StudioUndoStack *self = STUDIO_UNDO_STACK (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_CAN_UNDO:
      g_value_set_boolean (value, studio_undo_stack_get_can_undo (self));
      break;
    case PROP_CAN_REDO:
      g_value_set_boolean (value, studio_undo_stack_get_can_redo (self));
      break;
    case PROP_UNDO_LABEL:
      g_value_set_string (value, studio_undo_stack_get_undo_label (self));
      break;
    case PROP_REDO_LABEL:
      g_value_set_string (value, studio_undo_stack_get_redo_label (self));
      break;
    case PROP_BUSY:
      g_value_set_boolean (value, studio_undo_stack_get_busy (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
studio_undo_stack_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  StudioUndoStack *self = STUDIO_UNDO_STACK (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
studio_undo_stack_class_init (StudioUndoStackClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = studio_undo_stack_dispose;
  object_class->get_property = studio_undo_stack_get_property;
  object_class->set_property = studio_undo_stack_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, RESLIB_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CAN_UNDO] =
    g_param_spec_boolean ("can-undo", NULL, NULL, FALSE, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_CAN_REDO] =
    g_param_spec_boolean ("can-redo", NULL, NULL, FALSE, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_UNDO_LABEL] =
    g_param_spec_string ("undo-label", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_REDO_LABEL] =
    g_param_spec_string ("redo-label", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  /**
   * StudioUndoStack:busy:
   *
   * A job undoes or redoes a big step: nothing else can be undone or redone until it ends.
   */
  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * StudioUndoStack::applied:
   * @step: the step now on the other list: after an undo, the one that redoes it
   *
   * An undo or a redo was written to the store.
   */
  signals[SIGNAL_APPLIED] =
    g_signal_new ("applied", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, RESLIB_TYPE_UNDO_STEP);
  /**
   * StudioUndoStack::failed:
   * @error: why
   *
   * A job that undid or redid a step failed: nothing was changed, and the step is gone from the
   * stack (unless the job was cancelled: then it is back).
   */
  signals[SIGNAL_FAILED] =
    g_signal_new ("failed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_ERROR);
  /**
   * StudioUndoStack::job-started:
   * @job: the #ReslibUndoJob that undoes or redoes a big step in a worker
   * @label: what the step did
   * @redo: whether it is done again (a redo) rather than undone
   *
   * Emitted when an undo or redo runs as a job; the stack is busy until it ends.
   */
  signals[SIGNAL_JOB_STARTED] =
    g_signal_new ("job-started", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 3, RESLIB_TYPE_UNDO_JOB, G_TYPE_STRING, G_TYPE_BOOLEAN);
}

static void
studio_undo_stack_init (StudioUndoStack *self)
{
  g_queue_init (&self->undo);
  g_queue_init (&self->redo);
  self->job_rows = JOB_ROWS;
}

/**
 * studio_undo_stack_new:
 * @store: the store the steps change
 *
 * Returns: (transfer full): an empty stack
 */
StudioUndoStack *
studio_undo_stack_new (ReslibStore *store)
{
  g_return_val_if_fail (RESLIB_IS_STORE (store), NULL);

  return g_object_new (STUDIO_TYPE_UNDO_STACK, "store", store, NULL);
}

/**
 * studio_undo_stack_get_store:
 *
 * Returns: (transfer none): the store the steps change
 */
ReslibStore *
studio_undo_stack_get_store (StudioUndoStack *self)
{
  g_return_val_if_fail (STUDIO_IS_UNDO_STACK (self), NULL);

  return self->store;
}

/**
 * studio_undo_stack_push:
 * @step: a change already written to the store
 * @label: what it did, in the user's words (e.g. "Delete “Unit”")
 *
 * Makes @step the one the next undo takes back; what could be redone cannot any more.
 */
void
studio_undo_stack_push (StudioUndoStack *self,
                        ReslibUndoStep  *step,
                        const char      *label)
{
  g_return_if_fail (STUDIO_IS_UNDO_STACK (self));
  g_return_if_fail (step != NULL);

  g_queue_clear_full (&self->redo, entry_free);
  g_queue_push_head (&self->undo, entry_new (step, label));
  self->pushed++;
  while (g_queue_get_length (&self->undo) > MAX_STEPS)
    entry_free (g_queue_pop_tail (&self->undo));
  notify_all (self);
}

gboolean
studio_undo_stack_get_can_undo (StudioUndoStack *self)
{
  g_return_val_if_fail (STUDIO_IS_UNDO_STACK (self), FALSE);

  return self->job == NULL && !g_queue_is_empty (&self->undo);
}

gboolean
studio_undo_stack_get_can_redo (StudioUndoStack *self)
{
  g_return_val_if_fail (STUDIO_IS_UNDO_STACK (self), FALSE);

  return self->job == NULL && !g_queue_is_empty (&self->redo);
}

/**
 * studio_undo_stack_get_busy:
 *
 * Returns: whether a job is undoing or redoing a big step
 */
gboolean
studio_undo_stack_get_busy (StudioUndoStack *self)
{
  g_return_val_if_fail (STUDIO_IS_UNDO_STACK (self), FALSE);

  return self->job != NULL;
}

/**
 * studio_undo_stack_set_job_rows:
 * @n_rows: from how many rows on a step is undone by a job in a worker
 *
 * For tests; the default is 1,000 rows.
 */
void
studio_undo_stack_set_job_rows (StudioUndoStack *self,
                                guint            n_rows)
{
  g_return_if_fail (STUDIO_IS_UNDO_STACK (self));

  self->job_rows = n_rows;
}

/**
 * studio_undo_stack_get_undo_label:
 *
 * Returns: (nullable): what the next undo takes back
 */
const char *
studio_undo_stack_get_undo_label (StudioUndoStack *self)
{
  Entry *entry;

  g_return_val_if_fail (STUDIO_IS_UNDO_STACK (self), NULL);

  entry = g_queue_peek_head (&self->undo);
  return entry != NULL ? entry->label : NULL;
}

/**
 * studio_undo_stack_get_redo_label:
 *
 * Returns: (nullable): what the next redo does again
 */
const char *
studio_undo_stack_get_redo_label (StudioUndoStack *self)
{
  Entry *entry;

  g_return_val_if_fail (STUDIO_IS_UNDO_STACK (self), NULL);

  entry = g_queue_peek_head (&self->redo);
  return entry != NULL ? entry->label : NULL;
}

static void
job_done_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      data)
{
  g_autoptr(StudioUndoStack) self = data;
  g_autoptr(ReslibUndoJob) job = g_steal_pointer (&self->job);
  Entry *entry = g_steal_pointer (&self->running);
  GQueue *from = self->running_redo ? &self->redo : &self->undo;
  GQueue *to = self->running_redo ? &self->undo : &self->redo;
  g_autoptr(GError) error = NULL;
  ReslibUndoStep *reverse;

  if (job == NULL || entry == NULL)
    {
      /* The stack was disposed of while the job ran. */
      g_clear_pointer (&entry, entry_free);
      return;
    }
  if (self->cleared)
    {
      /* Forgotten meanwhile (another data folder): the job's end only frees the stack to work. */
      reslib_job_run_finish (RESLIB_JOB (job), result, NULL);
      entry_free (entry);
      notify_all (self);
      return;
    }
  if (!reslib_job_run_finish (RESLIB_JOB (job), result, &error))
    {
      /* Cancelled, nothing was changed: the step is back where it was, below the changes pushed
       * since (those emptied the redo list, and a step to redo with it). */
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) && (from == &self->undo || self->pushed == 0))
        g_queue_push_nth (from, g_steal_pointer (&entry), (int) MIN (self->pushed, g_queue_get_length (from)));
      g_clear_pointer (&entry, entry_free);
      notify_all (self);
      g_signal_emit (self, signals[SIGNAL_FAILED], 0, error);
      return;
    }
  reverse = reslib_undo_job_get_inverse (job);
  /* An undo after which a new change was made cannot be redone any more. */
  if (to == &self->undo || self->pushed == 0)
    {
      g_queue_push_head (to, entry_new (reverse, entry->label));
      while (g_queue_get_length (to) > MAX_STEPS)
        entry_free (g_queue_pop_tail (to));
    }
  entry_free (entry);
  notify_all (self);
  g_signal_emit (self, signals[SIGNAL_APPLIED], 0, reverse);
}

static gboolean
refuse_busy (StudioUndoStack  *self,
             GError          **error)
{
  if (self->job == NULL)
    return FALSE;
  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_BUSY,
                       _("A change is still being undone: wait until it is finished"));
  return TRUE;
}

/* Runs the newest step of @from, and moves the step that reverses it to @to. A step that fails
 * goes: the store has changed under it, and it must not stand in the way of the older ones. A big
 * step is handed to a job instead (see the top of the file). */
static gboolean
apply (StudioUndoStack  *self,
       GQueue           *from,
       GQueue           *to,
       GError          **error)
{
  Entry *entry = g_queue_peek_head (from);
  g_autoptr(ReslibUndoStep) reverse = NULL;

  if (refuse_busy (self, error))
    return FALSE;
  if (entry == NULL)
    return TRUE;
  if (reslib_undo_step_get_n_rows (entry->step) >= self->job_rows)
    {
      g_autofree char *title = NULL;

      self->running = g_queue_pop_head (from);
      self->running_redo = from == &self->redo;
      self->pushed = 0;
      self->cleared = FALSE;
      self->job = reslib_undo_job_new (self->store, entry->step);
      /* Translators: the title of the job that undoes (or redoes) a change, e.g. “Delete “Unit”” */
      title = g_strdup_printf (self->running_redo ? _("Redoing “%s”") : _("Undoing “%s”"), entry->label);
      reslib_job_set_title (RESLIB_JOB (self->job), title);
      reslib_job_run_async (RESLIB_JOB (self->job), NULL, job_done_cb, g_object_ref (self));
      notify_all (self);
      g_signal_emit (self, signals[SIGNAL_JOB_STARTED], 0, self->job, entry->label, self->running_redo);
      return TRUE;
    }
  reverse = reslib_store_undo (self->store, entry->step, error);
  g_queue_pop_head (from);
  if (reverse != NULL)
    g_queue_push_head (to, entry_new (reverse, entry->label));
  entry_free (entry);
  notify_all (self);
  if (reverse == NULL)
    return FALSE;
  g_signal_emit (self, signals[SIGNAL_APPLIED], 0, reverse);

  return TRUE;
}

/**
 * studio_undo_stack_undo:
 *
 * Takes back the newest change, in one transaction. Nothing to undo is not an error. A big change
 * is taken back by a job: the call returns at once, ::applied or ::failed tell when it is done.
 *
 * Returns: %FALSE with @error set when the store has changed so that it cannot be undone (the step
 *   is dropped, nothing is changed), or when a job is still undoing another (%G_IO_ERROR_BUSY).
 */
gboolean
studio_undo_stack_undo (StudioUndoStack  *self,
                        GError          **error)
{
  g_return_val_if_fail (STUDIO_IS_UNDO_STACK (self), FALSE);

  return apply (self, &self->undo, &self->redo, error);
}

/**
 * studio_undo_stack_redo:
 *
 * Does again the change undone last.
 */
gboolean
studio_undo_stack_redo (StudioUndoStack  *self,
                        GError          **error)
{
  g_return_val_if_fail (STUDIO_IS_UNDO_STACK (self), FALSE);

  return apply (self, &self->redo, &self->undo, error);
}

/**
 * studio_undo_stack_undo_step:
 * @step: a step pushed earlier, e.g. by the page whose toast's Undo was clicked
 *
 * Undoes @step when it is the newest change. A step already undone is left alone (%TRUE); one
 * with newer changes after it is not undone (%FALSE with @error): those come first.
 */
gboolean
studio_undo_stack_undo_step (StudioUndoStack  *self,
                             ReslibUndoStep   *step,
                             GError          **error)
{
  Entry *entry;

  g_return_val_if_fail (STUDIO_IS_UNDO_STACK (self), FALSE);
  g_return_val_if_fail (step != NULL, FALSE);

  if (refuse_busy (self, error))
    return FALSE;
  entry = g_queue_peek_head (&self->undo);
  if (entry != NULL && entry->step == step)
    return studio_undo_stack_undo (self, error);
  for (GList *l = self->undo.head; l != NULL; l = l->next)
    if (((Entry *) l->data)->step == step)
      {
        g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                             _("Changes made after this one come first: undo them with Ctrl+Z"));
        return FALSE;
      }

  return TRUE;
}

/* Forgets every step (e.g. when another data folder is opened). */
void
studio_undo_stack_clear (StudioUndoStack *self)
{
  g_return_if_fail (STUDIO_IS_UNDO_STACK (self));

  g_queue_clear_full (&self->undo, entry_free);
  g_queue_clear_full (&self->redo, entry_free);
  self->cleared = self->job != NULL;
  notify_all (self);
}

