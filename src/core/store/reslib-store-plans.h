/* reslib-store-plans.h — the frozen packages of streamed submissions (submission_members, schema version 7)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "reslib-store.h"

G_BEGIN_DECLS

/* A member of a streamed package's tar, in tar order. */
typedef struct
{
  char     *path;          /* inside the bag: "" for the bag's folder, "data/" a folder, "bagit.txt" a file */
  guint64   offset;        /* where its header starts in the tar */
  guint64   size;          /* of its data; 0 for a folder */
  guint     mode;          /* 0755 for a folder, 0644 for a file */
  char     *blob_sha256;   /* a resource's file: its blob; else NULL */
  GBytes   *data;          /* a generated file: its bytes (only when read with them); else NULL */
} ReslibPlanMember;

void              reslib_plan_member_free                (ReslibPlanMember  *member);

/* What a streamed submission keeps beside its row. */
typedef struct
{
  gboolean  streamed;      /* source = 'store' */
  gboolean  complete;      /* every member was recorded */
  char     *bag_name;
  gint64    mtime;
  guint64   size;          /* of the whole tar */
  char     *tar_sha256;    /* once it was sent whole */
  guint64   hash_offset;   /* how far the tar's digest got */
  GBytes   *hash_state;    /* its state there (reslib_sha256_resumable_save()), or NULL */
} ReslibSubmissionPlan;

void              reslib_submission_plan_clear           (ReslibSubmissionPlan *plan);

/* A new streamed submission of @project_id with its members (ReslibPlanMember with data, in tar order), in
 * one transaction: its sha256 is the bag's digest, its package_path the tar's name. Returns its id. */
char             *_reslib_store_add_streamed_submission  (ReslibStore          *store,
                                                          const char           *project_id,
                                                          const char           *kind,
                                                          const char           *endpoint,
                                                          const char           *bag_name,
                                                          gint64                mtime,
                                                          guint64               size,
                                                          const char           *bag_sha256,
                                                          GPtrArray            *members,
                                                          GError              **error);
gboolean          _reslib_store_get_submission_plan      (ReslibStore          *store,
                                                          const char           *submission_id,
                                                          ReslibSubmissionPlan *plan,
                                                          GError              **error);
/* The member whose header or data holds the byte at @offset, with its data; @next_offset is where the next
 * member starts (for the last one, the end of the members). FALSE with %RESLIB_ERROR_NOT_FOUND when
 * @offset is past the last member. */
ReslibPlanMember *_reslib_store_get_plan_member          (ReslibStore          *store,
                                                          const char           *submission_id,
                                                          guint64               offset,
                                                          guint64              *next_offset,
                                                          GError              **error);
/* How far the tar's digest got, and its state there. */
gboolean          _reslib_store_save_submission_hash     (ReslibStore          *store,
                                                          const char           *submission_id,
                                                          guint64               hash_offset,
                                                          const guint8         *state,
                                                          gsize                 state_len,
                                                          GError              **error);
/* The tar's digest, once the whole tar was sent: the receipt. */
gboolean          _reslib_store_set_submission_tar_sha256 (ReslibStore         *store,
                                                          const char           *submission_id,
                                                          const char           *tar_sha256,
                                                          GError              **error);
/* The submission ended (complete or cancelled): its members go, and with them the hold on their blobs. */
gboolean          _reslib_store_drop_submission_plan     (ReslibStore          *store,
                                                          const char           *submission_id,
                                                          GError              **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ReslibPlanMember, reslib_plan_member_free)
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (ReslibSubmissionPlan, reslib_submission_plan_clear)

G_END_DECLS
