/* reslib-store.h — the local store: one SQLite database and a folder of blobs
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "reslib-entity.h"
#include "reslib-record.h"

G_BEGIN_DECLS

#define RESLIB_STORE_APPLICATION_ID  0x52534c42   /* "RSLB" */

typedef enum
{
  RESLIB_STORE_VERSION_NONE = 0,
  RESLIB_STORE_VERSION_1 = 1,      /* 0001-initial.sql */
  RESLIB_STORE_VERSION_2 = 2,      /* 0002-probes.sql */
  RESLIB_STORE_VERSION_3 = 3,      /* 0003-unigrams.sql */
  RESLIB_STORE_VERSION_4 = 4,      /* 0004-sync.sql */
  RESLIB_STORE_VERSION_5 = 5,      /* 0005-checks-packages.sql */
  RESLIB_STORE_VERSION_6 = 6,      /* 0006-conflicts-roles.sql */
  RESLIB_STORE_VERSION_7 = 7,      /* 0007-submission-plans.sql */
  RESLIB_STORE_VERSION_8 = 8,      /* 0008-search-names.sql */
  RESLIB_STORE_VERSION_9 = 9,      /* 0009-resource-versions.sql */
  RESLIB_STORE_VERSION_10 = 10,    /* 0010-targets.sql */
  RESLIB_STORE_VERSION_11 = 11,    /* 0011-usage.sql */
  RESLIB_STORE_VERSION_12 = 12,    /* 0012-course-member-budget.sql */
  RESLIB_STORE_VERSION_13 = 13,    /* 0013-file-names.sql */
  RESLIB_STORE_VERSION_14 = 14,    /* 0014-review-decisions.sql */
  RESLIB_STORE_VERSION_15 = 15,    /* 0015-milestones-evidence-tags.sql */
  RESLIB_STORE_VERSION_16 = 16,    /* 0016-project-texts.sql */
  RESLIB_STORE_VERSION_17 = 17,    /* 0017-report-texts.sql */
  RESLIB_STORE_VERSION_18 = 18,    /* 0018-evidence-sections.sql */
  RESLIB_STORE_VERSION_NOW = RESLIB_STORE_VERSION_18
} ReslibStoreVersion;

typedef enum
{
  RESLIB_REVIEW_SUBMIT,
  RESLIB_REVIEW_APPROVE,
  RESLIB_REVIEW_REJECT,
} ReslibReviewAction;

#define RESLIB_TYPE_STORE (reslib_store_get_type ())
G_DECLARE_FINAL_TYPE (ReslibStore, reslib_store, RESLIB, STORE, GObject)

/* For reslib_store_foreach(): returns FALSE with @error set to stop. */
typedef gboolean (*ReslibStoreRecordFunc) (ReslibRecord  *record,
                                           gpointer       user_data,
                                           GError       **error);

char         *reslib_store_default_data_dir (void);
ReslibStore  *reslib_store_open             (const char         *data_dir,
                                             GError            **error);
ReslibStore  *reslib_store_reopen           (ReslibStore        *self,
                                             GError            **error);
const char   *reslib_store_get_data_dir     (ReslibStore        *self);
const char   *reslib_store_get_db_path      (ReslibStore        *self);
gboolean      reslib_store_is_read_only     (ReslibStore        *self);
int           reslib_open_input             (const char         *path,
                                             int                 flags,
                                             GError            **error);
const char   *reslib_store_get_blob_dir     (ReslibStore        *self);
char         *reslib_store_get_blob_path    (ReslibStore        *self,
                                             const char         *sha256);
void          reslib_store_set_actor        (ReslibStore        *self,
                                             const char         *actor);
const char   *reslib_store_get_actor        (ReslibStore        *self);

/* Transactions nest: only the outermost begin/commit reaches SQLite. */
gboolean      reslib_store_begin            (ReslibStore        *self,
                                             GError            **error);
gboolean      reslib_store_commit           (ReslibStore        *self,
                                             GError            **error);
void          reslib_store_rollback         (ReslibStore        *self);
gboolean      reslib_store_set_synced       (ReslibStore        *self,
                                             gboolean            synced,
                                             GError            **error);

/* Generic access to every kind of record. */
ReslibRecord *reslib_store_get              (ReslibStore        *self,
                                             ReslibKind          kind,
                                             const char         *id,
                                             GError            **error);
GListModel   *reslib_store_list             (ReslibStore        *self,
                                             ReslibKind          kind,
                                             const char         *scope_id,
                                             GError            **error);
gboolean      reslib_store_foreach          (ReslibStore        *self,
                                             ReslibKind          kind,
                                             const char         *scope_id,
                                             ReslibStoreRecordFunc func,
                                             gpointer            user_data,
                                             GError            **error);
guint         reslib_store_count            (ReslibStore        *self,
                                             ReslibKind          kind,
                                             const char         *scope_id,
                                             GError            **error);
char         *reslib_store_resolve          (ReslibStore        *self,
                                             ReslibKind          kind,
                                             const char         *prefix,
                                             const char         *project_id,
                                             GError            **error);
char         *reslib_store_insert           (ReslibStore        *self,
                                             ReslibKind          kind,
                                             const char * const *fields,
                                             const char * const *values,
                                             GError            **error);
gboolean      reslib_store_update           (ReslibStore        *self,
                                             ReslibKind          kind,
                                             const char         *id,
                                             const char * const *fields,
                                             const char * const *values,
                                             GError            **error);
gboolean      reslib_store_update_record    (ReslibStore        *self,
                                             ReslibRecord       *record,
                                             const char         *field,
                                             const char         *value,
                                             GError            **error);
gboolean      reslib_store_set_list         (ReslibStore        *self,
                                             const char         *resource_id,
                                             const char         *field,
                                             const char * const *values,
                                             GError            **error);
gboolean      reslib_store_delete           (ReslibStore        *self,
                                             ReslibKind          kind,
                                             const char         *id,
                                             GError            **error);

/* Projects: created with their core major, in one step. */
char         *reslib_store_create_project   (ReslibStore        *self,
                                             const char         *name,
                                             const char         *core_code,
                                             const char         *core_name,
                                             const char         *level,
                                             const char         *start_date,
                                             GError            **error);
char         *reslib_store_project_of       (ReslibStore        *self,
                                             ReslibKind          kind,
                                             const char         *id,
                                             GError            **error);

/* Resources */
gboolean      reslib_store_review           (ReslibStore        *self,
                                             const char * const *resource_ids,
                                             ReslibReviewAction  action,
                                             const char         *note,
                                             GError            **error);
GListModel   *reslib_store_search           (ReslibStore        *self,
                                             const char         *project_id,
                                             const char         *query,
                                             guint               limit,
                                             GError            **error);
GHashTable   *reslib_store_count_resources_by (ReslibStore      *self,
                                               const char       *project_id,
                                               const char       *field,
                                               GError          **error);
char         *reslib_store_add_online_resource (ReslibStore     *self,
                                                const char      *project_id,
                                                const char      *title,
                                                const char      *url,
                                                GError         **error);
gboolean      reslib_store_has_blob         (ReslibStore        *self,
                                             const char         *sha256,
                                             GError            **error);
/* A resource of the project with the file content @sha256 (a duplicate on import), or NULL. */
char         *reslib_store_find_resource_by_blob (ReslibStore   *self,
                                                  const char    *project_id,
                                                  const char    *sha256,
                                                  GError       **error);
/* The ids of the project's resources, in the store's order (a GPtrArray of strings). */
GPtrArray    *reslib_store_list_resource_ids (ReslibStore       *self,
                                              const char        *project_id,
                                              GError           **error);

void          reslib_store_notify_changed   (ReslibStore        *self,
                                             ReslibKind          kind,
                                             const char         *id);

/* The audit log */
guint         reslib_store_count_resource_changes (ReslibStore  *self,
                                                   const char   *project_id,
                                                   const char   *from,
                                                   const char   *to,
                                                   GError      **error);
guint         reslib_store_count_renewed_resources (ReslibStore *self,
                                                    const char  *project_id,
                                                    const char  *from,
                                                    const char  *to,
                                                    GError     **error);
gboolean      reslib_store_log_event        (ReslibStore        *self,
                                             const char         *project_id,
                                             ReslibKind          kind,
                                             const char         *subject_id,
                                             const char         *action,
                                             const char         *detail,
                                             GError            **error);
JsonNode     *reslib_store_list_events      (ReslibStore        *self,
                                             const char         *subject_or_project_id,
                                             GError            **error);
char         *reslib_store_last_event_action (ReslibStore       *self,
                                             const char         *subject_id,
                                             const char * const *actions,
                                             GError            **error);

/* For the core's other folders only (the files of store/ share reslib-store-private.h) */
gboolean      _reslib_store_check_writable  (ReslibStore        *self,
                                             GError            **error);
gboolean      _reslib_store_add_blob        (ReslibStore        *self,
                                             const char         *sha256,
                                             guint64             size,
                                             const char         *mime_type,
                                             gboolean           *existed,
                                             GError            **error);

/* The write path of package import (reslib-package-import*.c): raw rows, without the checks, the
 * timestamps and the audit events of reslib_store_insert/update; the caller is in a transaction. */

/* Whether @field is a column of its table (not a list kept in a table of its own). */
gboolean      _reslib_store_import_is_column (const ReslibField  *field);
/* The project a record of the store belongs to (the id itself for a project), or NULL when there is
 * no such record (then @error is set only when reading failed). */
char         *_reslib_store_import_project_of (ReslibStore       *store,
                                               ReslibKind         kind,
                                               const char        *id,
                                               GError           **error);
/* Writes one row of @kind: @values (of char *, NULL for none) are the values of the entity's columns in
 * the order of its fields (the id first). A NULL value of a defaulted field is left to the database's
 * default (insert) or unchanged (update). */
gboolean      _reslib_store_import_row      (ReslibStore        *store,
                                             ReslibKind          kind,
                                             GPtrArray          *values,
                                             gboolean            insert,
                                             GError            **error);
/* Sets the values of the list @field (RESLIB_FIELD_LIST of resources) of @resource_id: @replace the ones
 * it has, or add to none (a resource just inserted). */
gboolean      _reslib_store_import_list     (ReslibStore        *store,
                                             const char         *resource_id,
                                             const ReslibField  *field,
                                             const char * const *values,
                                             gboolean            replace,
                                             GError            **error);
/* A big merge takes the search index's triggers out (inserts of resources included) and puts them back
 * at its end, making the index rows of the resources it inserted (@added) and bringing those of the
 * ones it rewrote (@changed) up to date: JSON arrays of ids, or NULL for none (reslib-store-batch.c). */
GPtrArray    *_reslib_store_index_suspend_added (ReslibStore      *store,
                                                 GError          **error);
gboolean      _reslib_store_index_resume_added  (ReslibStore      *store,
                                                 GPtrArray        *triggers,
                                                 const char       *added,
                                                 const char       *changed,
                                                 GError          **error);
/* Foreign keys are checked at commit rather than at each row (records arrive in any order). */
gboolean      _reslib_store_import_defer_foreign_keys (ReslibStore  *store,
                                                       GError      **error);

G_END_DECLS
