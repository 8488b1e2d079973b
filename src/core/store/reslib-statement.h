/* reslib-statement.h — a prepared SQLite statement of a store: bind, step, read columns, with GError
 *
 * For the files of store/ (and their tests) only: SQL lives in the store.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "reslib-store.h"

G_BEGIN_DECLS

typedef struct _ReslibStatement ReslibStatement;

ReslibStatement *reslib_statement_new            (ReslibStore        *store,
                                                  const char         *sql,
                                                  GError            **error);
ReslibStatement *reslib_statement_new_once       (ReslibStore        *store,
                                                  const char         *sql,
                                                  GError            **error);
void             reslib_statement_free           (ReslibStatement    *self);

void             reslib_statement_bind_text      (ReslibStatement    *self,
                                                  int                 index,
                                                  const char         *value);
void             reslib_statement_bind_int64     (ReslibStatement    *self,
                                                  int                 index,
                                                  gint64              value);
void             reslib_statement_bind_double    (ReslibStatement    *self,
                                                  int                 index,
                                                  double              value);
void             reslib_statement_bind_null      (ReslibStatement    *self,
                                                  int                 index);
void             reslib_statement_bind_blob      (ReslibStatement    *self,
                                                  int                 index,
                                                  gconstpointer       data,
                                                  gsize               size);
void             reslib_statement_bind_texts     (ReslibStatement    *self,
                                                  int                 first_index,
                                                  const char * const *values);
int              reslib_statement_bind_index     (ReslibStatement    *self,
                                                  const char         *name);
void             reslib_statement_bind_text_named   (ReslibStatement *self,
                                                     const char      *name,
                                                     const char      *value);
void             reslib_statement_bind_int64_named  (ReslibStatement *self,
                                                     const char      *name,
                                                     gint64           value);
void             reslib_statement_bind_double_named (ReslibStatement *self,
                                                     const char      *name,
                                                     double           value);
void             reslib_statement_bind_null_named   (ReslibStatement *self,
                                                     const char      *name);
void             reslib_statement_bind_blob_named   (ReslibStatement *self,
                                                     const char      *name,
                                                     gconstpointer    data,
                                                     gsize            size);

gboolean         reslib_statement_step           (ReslibStatement    *self,
                                                  GError            **error);
gboolean         reslib_statement_failed         (ReslibStatement    *self);
gboolean         reslib_statement_execute        (ReslibStatement    *self,
                                                  GError            **error);
void             reslib_statement_reset          (ReslibStatement    *self);
guint            reslib_statement_get_changes    (ReslibStatement    *self);

int              reslib_statement_get_n_columns  (ReslibStatement    *self);
gboolean         reslib_statement_is_null        (ReslibStatement    *self,
                                                  int                 column);
const char      *reslib_statement_get_text       (ReslibStatement    *self,
                                                  int                 column);
char            *reslib_statement_dup_text       (ReslibStatement    *self,
                                                  int                 column);
gint64           reslib_statement_get_int64      (ReslibStatement    *self,
                                                  int                 column);
double           reslib_statement_get_double     (ReslibStatement    *self,
                                                  int                 column);
gconstpointer    reslib_statement_get_blob       (ReslibStatement    *self,
                                                  int                 column,
                                                  gsize              *size);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ReslibStatement, reslib_statement_free)

G_END_DECLS
