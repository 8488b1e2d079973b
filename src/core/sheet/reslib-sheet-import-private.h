/* reslib-sheet-import-private.h — what the sheet import's files share: the project as rows are matched
 * against it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "reslib-sheet-import.h"
#include "reslib-store-batch.h"

G_BEGIN_DECLS

typedef struct
{
  char  *id;
  char  *title;
  char  *parent_id;
  char  *kind;
  char  *course_title;
  char **path;          /* course title, the titles above it, its own */
  char  *path_text;     /* "课程 › 模块 › 点" */
} SheetNode;

/* The project's units, courses and nodes, read once before the rows (its resources are looked up
 * row by row). */
typedef struct
{
  GHashTable *units;       /* name → id, or "" when several units have it */
  GHashTable *unit_names;  /* id → name */
  GPtrArray  *nodes;       /* SheetNode * */
  GHashTable *node_by_id;  /* id → SheetNode * */
} SheetProject;

#define SHEET_PATH_SEPARATOR " › "
#define SHEET_PROGRESS_EVERY 1000
/* The rows that get_rows() keeps: so many that change something and so many with errors; the others
 * are only counted. */
#define SHEET_SHOWN_ROWS RESLIB_SHEET_IMPORT_SHOWN_ROWS
/* The rows written at a time: their fields' old values are kept for the undo in one statement. */
#define SHEET_WRITE_CHUNK 256

/* What one row will write. */
typedef struct
{
  guint       row;
  char       *resource_id;   /* NULL: a file to import */
  char       *file_path;
  GPtrArray  *fields;        /* const char *: the columns' fields */
  GPtrArray  *values;        /* char * */
  GHashTable *lists;         /* field → GStrv */
} Plan;

struct _ReslibSheetImport
{
  ReslibJob       parent_instance;

  ReslibStore    *store;
  char           *project_id;
  char           *path;
  char           *sheet_name;
  gboolean        dry_run;
  gboolean        undoable;

  GPtrArray      *rows;        /* ReslibSheetRow *: those shown */
  GPtrArray      *plans;       /* Plan *: the rows that import files */
  guint           n_rows;
  guint           n_unchanged;
  guint           n_errors;
  guint           n_error_rows;
  guint           n_changed;   /* rows without errors that change resources */
  guint           n_files;     /* rows without errors that import files */
  guint           n_changes;   /* the fields they change */
  guint           n_shown_changed;
  guint           n_shown_errors;
  guint           n_hidden;

  /* A real run writes the rows as they are read, until a row has an error. */
  ReslibStore         *writing;   /* the store, inside the run's transaction */
  ReslibResourceBatch *batch;
  GPtrArray           *chunk;     /* Plan *: rows read, not yet written */
  ReslibUndoStep      *edit_step;
  guint           header_row;
  gboolean        applied;
  GStrv           new_ids;
  ReslibUndoStep *undo_step;
};

void          _reslib_sheet_row_free       (gpointer            data);
void          _reslib_sheet_plan_free      (gpointer            data);
/* Writes the rows of @self->chunk (the fields they change, keeping the old ones for the undo). */
gboolean      _reslib_sheet_import_flush   (ReslibSheetImport  *self,
                                            GError            **error);
/* Reads the sheet: the rows shown into @self->rows, those that import files into @self->plans; while
 * @self->writing, the others are written as they come (_reslib_sheet_import_flush()). */
gboolean      _reslib_sheet_import_read    (ReslibSheetImport  *self,
                                            ReslibStore        *store,
                                            GCancellable       *cancellable,
                                            GError            **error);


SheetProject *_reslib_sheet_project_load   (ReslibStore        *store,
                                            const char         *project_id,
                                            GError            **error);
void          _reslib_sheet_project_free   (SheetProject       *project);
/* Finds the nodes named in the course, module and point cells (lists as people type them). On
 * success returns the node ids (NULL-terminated); else NULL with @problem set to a sentence. */
char        **_reslib_sheet_project_nodes  (SheetProject       *project,
                                            const char         *courses,
                                            const char         *modules,
                                            const char         *points,
                                            char              **problem);
/* The nodes' paths joined with "、", for showing a change. */
char         *_reslib_sheet_project_node_text (SheetProject    *project,
                                               const char * const *node_ids);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SheetProject, _reslib_sheet_project_free)

G_END_DECLS
