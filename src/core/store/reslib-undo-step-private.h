/* reslib-undo-step-private.h — what the deletion and the edit halves of reslib-undo-step share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <sqlite3.h>

#include "reslib-store-private.h"
#include "reslib-undo-step.h"

G_BEGIN_DECLS

typedef struct
{
  char      *table;
  GPtrArray *columns;   /* char * */
  GPtrArray *values;    /* sqlite3_value *, as read */
  char      *id;        /* the "id" column, when the table has one */
} Row;

typedef struct
{
  char          *table;
  char          *column;
  sqlite3_value *value;     /* what the column held */
  GPtrArray     *ids;       /* char *: the rows whose column was cleared */
} Cleared;

struct _ReslibUndoStep
{
  gatomicrefcount     ref_count;
  ReslibUndoStepType  type;
  ReslibKind          kind;
  GStrv               ids;
  GStrv               fields;     /* an edit: the fields edited */
  GPtrArray          *rows;       /* Row *: a deletion: what it deleted; an edit: the fields' values before */
  GPtrArray          *cleared;    /* Cleared *: a deletion: the references it cleared */
  ReslibStore        *holder;     /* a deletion: the store whose collection keeps the files in @held */
  GPtrArray          *held;       /* char *: SHA-256 */
  ReslibUndoStep     *then;       /* a step done after this one, undone with it (reslib_undo_step_join()) */
  char               *table;      /* rows: the table, */
  char               *column;     /* the column whose value is ids[0] in the rows touched */
  char               *project_id; /* the project they belong to, whose listeners hear of the change */
  ReslibUndoStep     *first;      /* rows: an edit undone before the rows are put back */
};

typedef struct
{
  char *child;
  char *from;
  char *parent;
  char *to;
  char *on_delete;
} ForeignKey;

/* What a deletion needs of the schema, read once per step. */
typedef struct
{
  ReslibStore    *store;
  ReslibUndoStep *step;
  GHashTable     *keys_to;      /* parent table → GPtrArray of ForeignKey */
  GHashTable     *keys_from;    /* child table → GPtrArray of ForeignKey */
  GHashTable     *primary;      /* table → GPtrArray of its primary key's columns */
  GHashTable     *seen;         /* row key → Row, owned by the step */
} Walk;

char           *_reslib_undo_quote_name       (const char          *name);
ReslibUndoStep *_reslib_undo_step_new         (ReslibUndoStepType   type,
                                               ReslibKind           kind,
                                               const char * const  *ids);
/* Runs @sql with @values bound (sqlite3_value * or, with @texts, char *) and adds each row it returns,
 * as a row of @table, to @rows; with @seen, only the rows not seen before. */
gboolean        _reslib_undo_select_rows      (ReslibStore         *store,
                                               Walk                *walk,
                                               const char          *sql,
                                               const char          *table,
                                               gpointer            *values,
                                               guint                n_values,
                                               gboolean             texts,
                                               GPtrArray           *rows,
                                               GError             **error);
gboolean        _reslib_undo_insert_row       (ReslibStore         *self,
                                               Row                 *row,
                                               GError             **error);

/* An undo run by a job (reslib-undo-job.c): counts the rows written, reports the progress and stops
 * when the job is cancelled. %NULL for an undo that nobody follows. */
typedef struct _ReslibUndoRun ReslibUndoRun;

gboolean        _reslib_undo_run_tick         (ReslibUndoRun       *run,
                                               GError             **error);
guint           _reslib_undo_step_count_rows  (ReslibUndoStep      *step);
ReslibUndoStep *_reslib_store_undo_run        (ReslibStore         *self,
                                               ReslibUndoStep      *step,
                                               ReslibUndoRun       *run,
                                               GError             **error);
void            _reslib_undo_step_set_holder  (ReslibUndoStep      *step,
                                               ReslibStore         *store);

/* reslib-undo-rows.c */
ReslibUndoStep *_reslib_undo_rows_step_new    (ReslibStore         *self,
                                               const char          *table,
                                               const char          *column,
                                               const char          *value,
                                               const char          *project_id,
                                               GError             **error);
ReslibUndoStep *_reslib_undo_rows             (ReslibStore         *self,
                                               ReslibUndoStep      *step,
                                               GError             **error);

/* reslib-undo-step.c: undoes @step (and those joined to it) in the caller's transaction */
ReslibUndoStep *_reslib_undo_in_transaction   (ReslibStore         *self,
                                               ReslibUndoStep      *step,
                                               GError             **error);
/* Keeps the files of the resources in @step's rows (and its first step's) from the collection */
void            _reslib_undo_hold_blobs       (ReslibStore         *store,
                                               ReslibUndoStep      *step);

/* reslib-undo-edit.c */
ReslibUndoStep *_reslib_undo_edit_step_new    (ReslibStore         *self,
                                               ReslibKind           kind,
                                               const char * const  *ids,
                                               const char * const  *fields,
                                               GError             **error);
gboolean        _reslib_undo_write_fields     (ReslibStore         *self,
                                               ReslibUndoStep      *step,
                                               ReslibUndoRun       *run,
                                               GError             **error);
gboolean        _reslib_undo_index_hold       (ReslibStore         *self,
                                               ReslibUndoStep      *step,
                                               GError             **error);
gboolean        _reslib_undo_index_release    (ReslibStore         *self,
                                               gboolean             write,
                                               GError             **error);

G_END_DECLS
