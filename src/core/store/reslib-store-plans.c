/* reslib-store-plans.c — the frozen packages of streamed submissions (submission_members, schema version 7)
 *
 * A submission streamed from the store (reslib-pack-stream.c) records its package when it starts: the
 * members of the tar in order, each with where its header starts, the bytes of the generated files and the
 * blobs of the resources' files. From these the tar is made again, byte for byte, from any offset. The
 * members of a submission that ended (complete or cancelled) are dropped; until then the collection of
 * unused files (reslib-store-gc.c) keeps the blobs they name.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "reslib-error.h"
#include "reslib-statement.h"
#include "reslib-store-plans.h"
#include "reslib-store-private.h"

/**
 * reslib_plan_member_free:
 * @member: (nullable): a member
 */
void
reslib_plan_member_free (ReslibPlanMember *member)
{
  if (member == NULL)
    return;
  g_free (member->path);
  g_free (member->blob_sha256);
  g_clear_pointer (&member->data, g_bytes_unref);
  g_free (member);
}

/**
 * reslib_submission_plan_clear:
 * @plan: what _reslib_store_get_submission_plan() filled
 */
void
reslib_submission_plan_clear (ReslibSubmissionPlan *plan)
{
  g_clear_pointer (&plan->bag_name, g_free);
  g_clear_pointer (&plan->tar_sha256, g_free);
  g_clear_pointer (&plan->hash_state, g_bytes_unref);
}

char *
_reslib_store_add_streamed_submission (ReslibStore  *store,
                                       const char   *project_id,
                                       const char   *kind,
                                       const char   *endpoint,
                                       const char   *bag_name,
                                       gint64        mtime,
                                       guint64       size,
                                       const char   *bag_sha256,
                                       GPtrArray    *members,
                                       GError      **error)
{
  g_autofree char *tar_name = g_strconcat (bag_name, ".tar", NULL);
  g_autofree char *size_text = g_strdup_printf ("%" G_GUINT64_FORMAT, size);
  const char * const fields[] = { "project_id", "kind", "package_path", "size", "sha256", "endpoint", NULL };
  const char * const values[] = { project_id, kind, tar_name, size_text, bag_sha256, endpoint };
  g_autoptr(ReslibStatement) insert = NULL;
  g_autoptr(ReslibStatement) mark = NULL;
  g_autofree char *id = NULL;

  if (!reslib_store_begin (store, error))
    return NULL;
  id = reslib_store_insert (store, RESLIB_KIND_SUBMISSION, fields, values, error);
  if (id == NULL)
    goto failed;
  insert = reslib_statement_new (store,
                                 "INSERT INTO submission_members (submission_id, seq, offset, path, size, mode, "
                                 "blob_sha256, data) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", error);
  if (insert == NULL)
    goto failed;
  for (guint i = 0; i < members->len; i++)
    {
      ReslibPlanMember *m = g_ptr_array_index (members, i);

      reslib_statement_reset (insert);
      reslib_statement_bind_text (insert, 1, id);
      reslib_statement_bind_int64 (insert, 2, i);
      reslib_statement_bind_int64 (insert, 3, (gint64) m->offset);
      reslib_statement_bind_text (insert, 4, m->path);
      reslib_statement_bind_int64 (insert, 5, (gint64) m->size);
      reslib_statement_bind_int64 (insert, 6, m->mode);
      reslib_statement_bind_text (insert, 7, m->blob_sha256);
      if (m->data != NULL)
        reslib_statement_bind_blob (insert, 8, g_bytes_get_data (m->data, NULL), g_bytes_get_size (m->data));
      else
        reslib_statement_bind_null (insert, 8);
      if (!reslib_statement_execute (insert, error))
        goto failed;
    }
  mark = reslib_statement_new (store,
                               "UPDATE submissions SET source = 'store', bag_name = ?, mtime = ?, plan_complete = 1 "
                               "WHERE id = ?", error);
  if (mark == NULL)
    goto failed;
  reslib_statement_bind_text (mark, 1, bag_name);
  reslib_statement_bind_int64 (mark, 2, mtime);
  reslib_statement_bind_text (mark, 3, id);
  if (!reslib_statement_execute (mark, error) || !reslib_store_commit (store, error))
    goto failed;

  return g_steal_pointer (&id);

failed:
  reslib_store_rollback (store);
  return NULL;
}

gboolean
_reslib_store_get_submission_plan (ReslibStore           *store,
                                   const char            *submission_id,
                                   ReslibSubmissionPlan  *plan,
                                   GError               **error)
{
  g_autoptr(ReslibStatement) stmt = NULL;
  gconstpointer state;
  gsize state_len = 0;

  stmt = reslib_statement_new (store,
                               "SELECT source, plan_complete, bag_name, mtime, size, tar_sha256, hash_offset, "
                               "hash_state FROM submissions WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;
  reslib_statement_bind_text (stmt, 1, submission_id);
  if (!reslib_statement_step (stmt, error))
    {
      if (!reslib_statement_failed (stmt))
        g_set_error (error, RESLIB_ERROR, RESLIB_ERROR_NOT_FOUND, _("There is no %s with the id “%s”"),
                     reslib_kind_to_display (RESLIB_KIND_SUBMISSION), submission_id);
      return FALSE;
    }
  plan->streamed = g_strcmp0 (reslib_statement_get_text (stmt, 0), "store") == 0;
  plan->complete = reslib_statement_get_int64 (stmt, 1) != 0;
  plan->bag_name = reslib_statement_dup_text (stmt, 2);
  plan->mtime = reslib_statement_get_int64 (stmt, 3);
  plan->size = (guint64) reslib_statement_get_int64 (stmt, 4);
  plan->tar_sha256 = reslib_statement_dup_text (stmt, 5);
  plan->hash_offset = (guint64) reslib_statement_get_int64 (stmt, 6);
  state = reslib_statement_get_blob (stmt, 7, &state_len);
  plan->hash_state = state != NULL ? g_bytes_new (state, state_len) : NULL;

  return TRUE;
}

ReslibPlanMember *
_reslib_store_get_plan_member (ReslibStore  *store,
                               const char   *submission_id,
                               guint64       offset,
                               guint64      *next_offset,
                               GError      **error)
{
  g_autoptr(ReslibStatement) stmt = NULL;
  g_autoptr(ReslibStatement) next = NULL;
  g_autoptr(ReslibPlanMember) member = NULL;
  gconstpointer data;
  gsize data_len = 0;
  gint64 seq;

  stmt = reslib_statement_new (store,
                               "SELECT seq, offset, path, size, mode, blob_sha256, data FROM submission_members "
                               "WHERE submission_id = ? AND offset <= ? ORDER BY offset DESC LIMIT 1", error);
  if (stmt == NULL)
    return NULL;
  reslib_statement_bind_text (stmt, 1, submission_id);
  reslib_statement_bind_int64 (stmt, 2, (gint64) MIN (offset, (guint64) G_MAXINT64));
  if (!reslib_statement_step (stmt, error))
    {
      if (!reslib_statement_failed (stmt))
        g_set_error (error, RESLIB_ERROR, RESLIB_ERROR_NOT_FOUND, _("The package of submission %s is not kept"),
                     submission_id);
      return NULL;
    }
  member = g_new0 (ReslibPlanMember, 1);
  seq = reslib_statement_get_int64 (stmt, 0);
  member->offset = (guint64) reslib_statement_get_int64 (stmt, 1);
  member->path = reslib_statement_dup_text (stmt, 2);
  member->size = (guint64) reslib_statement_get_int64 (stmt, 3);
  member->mode = (guint) reslib_statement_get_int64 (stmt, 4);
  member->blob_sha256 = reslib_statement_dup_text (stmt, 5);
  data = reslib_statement_get_blob (stmt, 6, &data_len);
  if (data != NULL || !reslib_statement_is_null (stmt, 6))
    member->data = g_bytes_new (data, data_len);

  next = reslib_statement_new (store,
                               "SELECT offset FROM submission_members WHERE submission_id = ? AND seq = ?", error);
  if (next == NULL)
    return NULL;
  reslib_statement_bind_text (next, 1, submission_id);
  reslib_statement_bind_int64 (next, 2, seq + 1);
  if (reslib_statement_step (next, error))
    *next_offset = (guint64) reslib_statement_get_int64 (next, 0);
  else if (reslib_statement_failed (next))
    return NULL;
  else
    *next_offset = G_MAXUINT64;

  return g_steal_pointer (&member);
}

gboolean
_reslib_store_save_submission_hash (ReslibStore   *store,
                                    const char    *submission_id,
                                    guint64        hash_offset,
                                    const guint8  *state,
                                    gsize          state_len,
                                    GError       **error)
{
  g_autoptr(ReslibStatement) stmt = NULL;

  stmt = reslib_statement_new (store, "UPDATE submissions SET hash_offset = ?, hash_state = ? WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;
  reslib_statement_bind_int64 (stmt, 1, (gint64) hash_offset);
  if (state != NULL)
    reslib_statement_bind_blob (stmt, 2, state, state_len);
  else
    reslib_statement_bind_null (stmt, 2);
  reslib_statement_bind_text (stmt, 3, submission_id);

  return reslib_statement_execute (stmt, error);
}

gboolean
_reslib_store_set_submission_tar_sha256 (ReslibStore  *store,
                                         const char   *submission_id,
                                         const char   *tar_sha256,
                                         GError      **error)
{
  g_autoptr(ReslibStatement) stmt = NULL;

  stmt = reslib_statement_new (store,
                               "UPDATE submissions SET tar_sha256 = ?, hash_offset = size, hash_state = NULL "
                               "WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;
  reslib_statement_bind_text (stmt, 1, tar_sha256);
  reslib_statement_bind_text (stmt, 2, submission_id);
  if (!reslib_statement_execute (stmt, error))
    return FALSE;
  _reslib_store_note_change (store, RESLIB_KIND_SUBMISSION, submission_id);

  return TRUE;
}

gboolean
_reslib_store_drop_submission_plan (ReslibStore  *store,
                                    const char   *submission_id,
                                    GError      **error)
{
  g_autoptr(ReslibStatement) stmt = NULL;

  stmt = reslib_statement_new (store, "DELETE FROM submission_members WHERE submission_id = ?", error);
  if (stmt == NULL)
    return FALSE;
  reslib_statement_bind_text (stmt, 1, submission_id);

  return reslib_statement_execute (stmt, error);
}
