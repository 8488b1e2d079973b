/* reslib-store-private.h — what the files of store/ share: the store's struct and its statement helpers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <sqlite3.h>

#include "reslib-statement.h"
#include "reslib-store.h"

G_BEGIN_DECLS

struct _ReslibStore
{
  GObject     parent_instance;

  char       *data_dir;
  char       *db_path;
  char       *blob_dir;
  char       *actor;
  gboolean    read_only;    /* the data folder cannot be written: opened read-only */
  sqlite3    *db;
  GHashTable *statements;   /* SQL text → ReslibStatement, prepared once */
  guint       depth;        /* transaction nesting */
  gboolean    failed;       /* an inner transaction failed: the outer one must roll back */

  /* An undo of many resources' edits (reslib-undo-edit.c): the search index triggers it took out
   * for all of its steps, and the resources whose index rows it brings up to date at its end. */
  GPtrArray  *undo_triggers;
  GPtrArray  *undo_indexed;

  /* Change notification: changes noted during a transaction are told after its commit,
   * by the store they were made on or, for a connection made with reslib_store_reopen()
   * in a worker thread, by the store it was reopened from, in that store's main context. */
  GArray       *pending;    /* of Change */
  GWeakRef      origin;
  GMainContext *origin_context;
};

/* reslib-store.c: errors, statements, change notification */
gboolean      _reslib_store_set_sqlite_error (ReslibStore        *self,
                                              int                 rc,
                                              GError            **error);
gboolean      _reslib_store_check_sqlite     (ReslibStore        *self,
                                              int                 rc,
                                              GError            **error);
sqlite3      *_reslib_store_get_db           (ReslibStore        *self);
sqlite3_stmt *_reslib_store_prepare          (ReslibStore        *self,
                                              const char         *sql,
                                              GError            **error);
void          _reslib_store_bind_text        (sqlite3_stmt       *stmt,
                                              int                 index,
                                              const char         *text);
gboolean      _reslib_store_exec_args        (ReslibStore        *self,
                                              const char         *sql,
                                              const char * const *args,
                                              GError            **error);
char         *_reslib_store_query_text       (ReslibStore        *self,
                                              const char         *sql,
                                              const char * const *args,
                                              GError            **error);
gboolean      _reslib_store_exec_script      (ReslibStore        *self,
                                              const char         *sql,
                                              GError            **error);
gint64        _reslib_store_cache_raise      (ReslibStore        *self,
                                              guint               kib);
void          _reslib_store_cache_restore    (ReslibStore        *self,
                                              gint64              kib);
gint64        _reslib_store_pragma_int       (ReslibStore        *self,
                                              const char         *pragma,
                                              GError            **error);
void          _reslib_store_note_change      (ReslibStore        *self,
                                              ReslibKind          kind,
                                              const char         *id);

/* Runs a statement that returns no rows, with the arguments after @error bound as text. */
#define RESLIB_STORE_EXEC(self, sql, error, ...) \
  _reslib_store_exec_args (self, sql, (const char * const[]) { __VA_ARGS__, NULL }, error)

/* Runs @body inside a transaction of its own (or of the caller's), and returns from the caller. */
#define RESLIB_STORE_IN_TRANSACTION(self, error, body)     \
  G_STMT_START {                                           \
    if (!reslib_store_begin (self, error))                 \
      return FALSE;                                        \
    if (!(body))                                           \
      {                                                    \
        reslib_store_rollback (self);                      \
        return FALSE;                                      \
      }                                                    \
    return reslib_store_commit (self, error);              \
  } G_STMT_END

/* reslib-statement.c */
void          _reslib_statement_destroy      (ReslibStatement    *self);
sqlite3_stmt *_reslib_statement_get_stmt     (ReslibStatement    *self);

/* reslib-store-files.c: the store files open in this process */
void          _reslib_store_register_data_dir   (const char *data_dir);
void          _reslib_store_unregister_data_dir (const char *data_dir);

/* reslib-store-gc.c: the files kept from collection while a deletion can be undone */
void          _reslib_store_hold_blob        (ReslibStore        *self,
                                              const char         *sha256);
void          _reslib_store_release_blob     (ReslibStore        *self,
                                              const char         *sha256);

/* reslib-store-foreach.c */
void          _reslib_store_fill_record      (ReslibRecord       *record,
                                              const ReslibEntity *entity,
                                              ReslibStatement    *stmt);

/* reslib-store-migrate.c */
gboolean      _reslib_store_migrate          (ReslibStore        *self,
                                              GError            **error);

/* reslib-store-import-rows.c */
gboolean      _reslib_store_exec_bound       (ReslibStore        *store,
                                              const char         *sql,
                                              GPtrArray          *values,
                                              GError            **error);

/* reslib-store-tags.c: the checks of a resource's online address and of its tags */
gboolean      _reslib_store_check_resource_url (ReslibRecord     *resource,
                                                const char       *url,
                                                GError          **error);
/* Turns *@value, a tag as the user wrote it, into the stored word, or into NULL (dropped) for "1+X" on a
 * resource that names its certificate. */
gboolean      _reslib_store_tag_value        (ReslibStore        *self,
                                              const char         *resource_id,
                                              char              **value,
                                              GError            **error);

/* reslib-store-records.c */
const char   *_reslib_store_select_sql       (const ReslibEntity *entity);
void          _reslib_store_append_field_sql (GString            *sql,
                                              const ReslibField  *field);
GListModel   *_reslib_store_collect          (ReslibStore        *self,
                                              const ReslibEntity *entity,
                                              const char         *sql,
                                              const char * const *args,
                                              gint64              limit,
                                              GError            **error);
char         *_reslib_store_insert_record    (ReslibStore        *self,
                                              ReslibKind          kind,
                                              const char * const *fields,
                                              const char * const *values,
                                              GError            **error);

/* reslib-store-resources.c */
gboolean      _reslib_store_reopen_review    (ReslibStore        *self,
                                              const char         *project_id,
                                              const char         *resource_id,
                                              GError            **error);

/* reslib-store-units.c */
gboolean      _reslib_store_check_leader     (ReslibStore        *self,
                                              const char         *member_id,
                                              GError            **error);

/* reslib-store-review.c */
gboolean      _reslib_store_review_decide_plain (ReslibStore     *self,
                                                 const char      *resource_id,
                                                 gboolean         approve,
                                                 const char      *note,
                                                 GError         **error);
gboolean      _reslib_store_review_unit_pass_holds (ReslibStore  *self,
                                                    const char   *resource_id,
                                                    gboolean     *holds,
                                                    GError      **error);
gboolean      _reslib_store_review_edited    (ReslibStore        *self,
                                              const char         *project_id,
                                              const char         *resource_id,
                                              GError            **error);

/* reslib-store-events.c */
/* reslib-store-batch.c: the search index triggers out for many writes, then back */
GPtrArray    *_reslib_store_index_suspend   (ReslibStore        *self,
                                             GError            **error);
gboolean      _reslib_store_index_resume    (ReslibStore        *self,
                                             GPtrArray          *triggers,
                                             const char         *ids,
                                             GError            **error);
gboolean      _reslib_store_field_is_indexed (const char        *name);
char         *_reslib_store_detail_json      (const char * const *fields,
                                              const char * const *values);

/* reslib-store-search.c */
void          _reslib_store_bigrams_func     (sqlite3_context    *ctx,
                                              int                 argc,
                                              sqlite3_value     **argv);
gboolean      _reslib_store_plan_search      (const char         *project_id,
                                              const char         *query,
                                              gboolean            joined,
                                              GPtrArray          *args,
                                              const char        **driver,
                                              GString            *filters,
                                              GError            **error);

G_END_DECLS
