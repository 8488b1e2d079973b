/* reslib-store-evidence.c — evidence files (佐证材料, sql/0015-milestones-evidence-tags.sql,
 * sql/0018-evidence-sections.sql)
 *
 * An evidence file is a blob of the store, like a resource's file, with a title, attached to at most one
 * milestone, target, budget line or narrative section (建设基础…) of its project (none: evidence of the project
 * as a whole). Its blob is kept
 * while the evidence row names it (reslib-store-gc.c). The file is copied into blobs/ by the evidence job
 * (import/reslib-evidence.c); these are its rows.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "reslib-entity.h"
#include "reslib-enums.h"
#include "reslib-error.h"
#include "reslib-store-evidence.h"
#include "reslib-store-private.h"
#include "reslib-store-texts.h"
#include "reslib-undo-step-private.h"

/**
 * reslib_evidence_free:
 */
void
reslib_evidence_free (ReslibEvidence *evidence)
{
  if (evidence == NULL)
    return;
  g_free (evidence->id);
  g_free (evidence->title);
  g_free (evidence->file_name);
  g_free (evidence->blob_sha256);
  g_free (evidence->mime_type);
  g_free (evidence->attached_id);
  g_free (evidence->section);
  g_free (evidence->note);
  g_free (evidence->created_at);
  g_free (evidence);
}

/* The column of evidence that attaches it to a record of @kind, or NULL for the project. */
static const char *
attach_column (ReslibKind kind)
{
  switch ((int) kind)
    {
    case RESLIB_KIND_MILESTONE: return "milestone_id";
    case RESLIB_KIND_TARGET: return "target_id";
    case RESLIB_KIND_BUDGET_LINE: return "budget_line_id";
    default: return NULL;
    }
}

/**
 * reslib_store_list_evidence:
 * @project_id: a project's full id
 *
 * The project's evidence files in the order of the evidence index: those of the project as a whole, then
 * those of its narrative sections (in the order of ReslibTextSection), of milestones (by due date), targets
 * and budget lines, each in the order they were added.
 *
 * Returns: (transfer full) (element-type ReslibEvidence): the evidence, or %NULL with @error set
 */
GPtrArray *
reslib_store_list_evidence (ReslibStore  *store,
                            const char   *project_id,
                            GError      **error)
{
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) reslib_evidence_free);
  g_autoptr(ReslibStatement) stmt = NULL;
  g_autofree char *joined = g_strjoinv (",", (char **) reslib_text_section_nicks);
  /* ",foundation,leader-experience,…,": a section's place in it orders the sections as the enum does */
  g_autofree char *section_order = g_strconcat (",", joined, ",", NULL);

  g_return_val_if_fail (RESLIB_IS_STORE (store), NULL);
  g_return_val_if_fail (project_id != NULL, NULL);

  stmt = reslib_statement_new (store,
                               "SELECT e.id, e.title, e.file_name, e.blob_sha256, coalesce (b.size, -1), b.mime_type, "
                               "CASE WHEN e.milestone_id IS NOT NULL THEN 1 WHEN e.target_id IS NOT NULL THEN 2 "
                               "WHEN e.budget_line_id IS NOT NULL THEN 3 ELSE 0 END AS attached, "
                               "coalesce (e.milestone_id, e.target_id, e.budget_line_id), e.note, e.created_at, "
                               "e.section "
                               "FROM evidence e LEFT JOIN blobs b ON b.sha256 = e.blob_sha256 "
                               "LEFT JOIN milestones m ON m.id = e.milestone_id "
                               "WHERE e.project_id = ?1 "
                               "ORDER BY attached, e.section IS NOT NULL, "
                               "coalesce (instr (?2, ',' || e.section || ','), 0), "
                               "coalesce (m.due_date, '9999'), e.position, e.created_at, e.rowid",
                               error);
  if (stmt == NULL)
    return NULL;
  reslib_statement_bind_text (stmt, 1, project_id);
  reslib_statement_bind_text (stmt, 2, section_order);
  while (reslib_statement_step (stmt, error))
    {
      static const ReslibKind kinds[] = { RESLIB_KIND_PROJECT, RESLIB_KIND_MILESTONE, RESLIB_KIND_TARGET,
                                          RESLIB_KIND_BUDGET_LINE };
      ReslibEvidence *evidence = g_new0 (ReslibEvidence, 1);
      gint64 attached = reslib_statement_get_int64 (stmt, 6);

      evidence->id = reslib_statement_dup_text (stmt, 0);
      evidence->title = reslib_statement_dup_text (stmt, 1);
      evidence->file_name = reslib_statement_dup_text (stmt, 2);
      evidence->blob_sha256 = reslib_statement_dup_text (stmt, 3);
      evidence->size = reslib_statement_get_int64 (stmt, 4);
      evidence->mime_type = reslib_statement_dup_text (stmt, 5);
      evidence->attached_kind = kinds[CLAMP (attached, 0, 3)];
      evidence->attached_id = reslib_statement_dup_text (stmt, 7);
      evidence->note = reslib_statement_dup_text (stmt, 8);
      evidence->created_at = reslib_statement_dup_text (stmt, 9);
      evidence->section = reslib_statement_dup_text (stmt, 10);
      g_ptr_array_add (list, evidence);
    }
  if (reslib_statement_failed (stmt))
    return NULL;

  return g_steal_pointer (&list);
}

/**
 * reslib_store_resolve_evidence:
 * @project_id: (nullable): only look among this project's evidence
 * @prefix: a full id or a unique prefix of one
 *
 * Returns: (transfer full): the full id, or %NULL with %RESLIB_ERROR_NOT_FOUND or %RESLIB_ERROR_AMBIGUOUS
 */
char *
reslib_store_resolve_evidence (ReslibStore  *store,
                               const char   *project_id,
                               const char   *prefix,
                               GError      **error)
{
  g_autoptr(ReslibStatement) stmt = NULL;
  g_autoptr(GPtrArray) found = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *lower = NULL;

  g_return_val_if_fail (RESLIB_IS_STORE (store), NULL);
  g_return_val_if_fail (prefix != NULL, NULL);

  lower = g_ascii_strdown (prefix, -1);
  stmt = reslib_statement_new (store,
                               "SELECT id FROM evidence WHERE id >= ?1 AND id < ?1 || 'g' "
                               "AND (?2 IS NULL OR project_id = ?2) ORDER BY id LIMIT 2", error);
  if (stmt == NULL)
    return NULL;
  reslib_statement_bind_text (stmt, 1, lower);
  reslib_statement_bind_text (stmt, 2, project_id);
  while (*lower != '\0' && reslib_statement_step (stmt, error))
    g_ptr_array_add (found, reslib_statement_dup_text (stmt, 0));
  if (reslib_statement_failed (stmt))
    return NULL;
  if (found->len == 0)
    {
      g_set_error (error, RESLIB_ERROR, RESLIB_ERROR_NOT_FOUND, _("No evidence file has the id “%s”"), prefix);
      return NULL;
    }
  if (found->len > 1)
    {
      g_set_error (error, RESLIB_ERROR, RESLIB_ERROR_AMBIGUOUS,
                   _("“%s” is the start of several evidence files’ ids: give more of it"), prefix);
      return NULL;
    }

  return g_strdup (g_ptr_array_index (found, 0));
}

/* The project of the record @id of @kind, which must be @project_id's. */
static gboolean
check_attached (ReslibStore  *store,
                const char   *project_id,
                ReslibKind    kind,
                const char   *id,
                GError      **error)
{
  g_autofree char *owner = reslib_store_project_of (store, kind, id, error);

  if (owner == NULL)
    return FALSE;
  if (g_strcmp0 (owner, project_id) != 0)
    {
      g_set_error (error, RESLIB_ERROR, RESLIB_ERROR_INVALID,
                   _("Evidence can only be attached to a %s of its own project"), reslib_kind_to_display (kind));
      return FALSE;
    }

  return TRUE;
}

/* Records the evidence file inside the caller's write transaction, its blob (@sha256) too when it is new;
 * returns its id. */
char *
_reslib_store_insert_evidence (ReslibStore  *store,
                               const char   *project_id,
                               const char   *sha256,
                               guint64       size,
                               const char   *mime_type,
                               const char   *file_name,
                               const char   *title,
                               ReslibKind    attached_kind,
                               const char   *attached_id,
                               const char   *section,
                               const char   *note,
                               GError      **error)
{
  const char *column = attached_id != NULL ? attach_column (attached_kind) : section != NULL ? "section" : NULL;
  g_autofree char *id = reslib_uuid_new ();
  g_autofree char *now = reslib_now_iso8601 ();
  g_autofree char *sql = NULL;
  g_autofree char *detail = NULL;
  g_autofree char *trimmed = g_strstrip (g_strdup (title != NULL ? title : ""));
  gboolean existed = FALSE;

  if (attached_id != NULL && column == NULL)
    {
      g_set_error (error, RESLIB_ERROR, RESLIB_ERROR_INVALID,
                   _("Evidence is attached to a milestone, a target or a budget line"));
      return NULL;
    }
  if (section != NULL && attached_id != NULL)
    {
      g_set_error (error, RESLIB_ERROR, RESLIB_ERROR_INVALID,
                   _("Evidence is for one record or one section of the reports, not both"));
      return NULL;
    }
  if (section != NULL && !reslib_text_section_is_valid (section, error))
    return NULL;
  if (*trimmed == '\0')
    {
      g_free (trimmed);
      trimmed = g_strdup (file_name);
    }
  if ((attached_id != NULL && !check_attached (store, project_id, attached_kind, attached_id, error)) ||
      !_reslib_store_add_blob (store, sha256, size, mime_type, &existed, error))
    return NULL;
  sql = g_strdup_printf ("INSERT INTO evidence (id, project_id, blob_sha256, file_name, title, note, position, "
                         "created_at, updated_at%s%s) VALUES (?, ?, ?, ?, ?, nullif (?, ''), "
                         "(SELECT coalesce (max (position), -1) + 1 FROM evidence WHERE project_id = ?2), ?, ?%s)",
                         column != NULL ? ", " : "", column != NULL ? column : "", column != NULL ? ", ?" : "");
  if (!RESLIB_STORE_EXEC (store, sql, error, id, project_id, sha256, file_name, trimmed, note != NULL ? note : "",
                          now, now, attached_id != NULL ? attached_id : section))
    return NULL;
  detail = _reslib_store_detail_json ((const char * const[]) { "evidence", "title", "file_name", "blob_sha256", NULL },
                                      (const char * const[]) { id, trimmed, file_name, sha256 });
  if (!reslib_store_log_event (store, project_id, RESLIB_KIND_PROJECT, project_id, "evidence-add", detail, error))
    return NULL;

  return g_steal_pointer (&id);
}

/* The project of the evidence file @evidence_id, or %NULL with %RESLIB_ERROR_NOT_FOUND. */
static char *
evidence_project (ReslibStore  *store,
                  const char   *evidence_id,
                  GError      **error)
{
  g_autoptr(GError) local = NULL;
  char *project_id = _reslib_store_query_text (store, "SELECT project_id FROM evidence WHERE id = ?",
                                               (const char * const[]) { evidence_id, NULL }, &local);

  if (project_id == NULL && local != NULL)
    g_propagate_error (error, g_steal_pointer (&local));
  else if (project_id == NULL)
    g_set_error (error, RESLIB_ERROR, RESLIB_ERROR_NOT_FOUND, _("No evidence file has the id “%s”"), evidence_id);

  return project_id;
}

static gboolean
remove_evidence (ReslibStore  *store,
                 const char   *evidence_id,
                 GError      **error)
{
  g_autofree char *project_id = evidence_project (store, evidence_id, error);
  g_autofree char *detail = NULL;

  if (project_id == NULL)
    return FALSE;
  if (!RESLIB_STORE_EXEC (store, "DELETE FROM evidence WHERE id = ?", error, evidence_id))
    return FALSE;
  detail = _reslib_store_detail_json ((const char * const[]) { "evidence", NULL }, (const char * const[]) { evidence_id });

  return reslib_store_log_event (store, project_id, RESLIB_KIND_PROJECT, project_id, "evidence-remove", detail, error);
}

/**
 * reslib_store_remove_evidence:
 * @evidence_id: an evidence file's full id
 *
 * Removes the evidence file; its blob is collected later when nothing else names it.
 *
 * Returns: %TRUE, or %FALSE with @error set
 */
gboolean
reslib_store_remove_evidence (ReslibStore  *store,
                              const char   *evidence_id,
                              GError      **error)
{
  g_return_val_if_fail (RESLIB_IS_STORE (store), FALSE);
  g_return_val_if_fail (evidence_id != NULL, FALSE);

  RESLIB_STORE_IN_TRANSACTION (store, error, remove_evidence (store, evidence_id, error));
}

/**
 * reslib_store_remove_evidence_undoable:
 * @evidence_id: an evidence file's full id
 *
 * Removes the evidence file like reslib_store_remove_evidence(), and keeps its row, and its file from the
 * collection, while the step lives: reslib_store_undo() puts it back as it was (id, title, what it is for,
 * its place in the index).
 *
 * Returns: (transfer full): the step that undoes the removal, or %NULL with @error set
 */
ReslibUndoStep *
reslib_store_remove_evidence_undoable (ReslibStore  *store,
                                       const char   *evidence_id,
                                       GError      **error)
{
  g_autoptr(ReslibUndoStep) step = NULL;
  g_autofree char *project_id = NULL;

  g_return_val_if_fail (RESLIB_IS_STORE (store), NULL);
  g_return_val_if_fail (evidence_id != NULL, NULL);

  if (!reslib_store_begin (store, error))
    return NULL;
  if ((project_id = evidence_project (store, evidence_id, error)) == NULL ||
      (step = _reslib_undo_rows_step_new (store, "evidence", "id", evidence_id, project_id, error)) == NULL ||
      !remove_evidence (store, evidence_id, error))
    {
      reslib_store_rollback (store);
      return NULL;
    }
  if (!reslib_store_commit (store, error))
    return NULL;
  _reslib_undo_hold_blobs (store, step);

  return g_steal_pointer (&step);
}
