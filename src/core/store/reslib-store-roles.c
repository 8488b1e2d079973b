/* reslib-store-roles.c — what this library is in a project's team (project_roles), and the ids an import
 * mapped onto records of the store (record_map); 0006-conflicts-roles.sql
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "reslib-store-private.h"
#include "reslib-store-roles.h"

/**
 * reslib_store_get_project_role:
 * @project_id: a project of the store
 *
 * Returns: %RESLIB_PROJECT_ROLE_TEACHER when this library joined the project from a package of its lead,
 *   else %RESLIB_PROJECT_ROLE_LEAD (also when reading failed: then @error is set)
 */
ReslibProjectRole
reslib_store_get_project_role (ReslibStore *store,
                               const char  *project_id,
                               GError     **error)
{
  g_autoptr(ReslibStatement) stmt = NULL;
  ReslibProjectRole role = RESLIB_PROJECT_ROLE_LEAD;

  g_return_val_if_fail (RESLIB_IS_STORE (store), RESLIB_PROJECT_ROLE_LEAD);
  g_return_val_if_fail (project_id != NULL, RESLIB_PROJECT_ROLE_LEAD);

  stmt = reslib_statement_new (store, "SELECT role FROM project_roles WHERE project_id = ?", error);
  if (stmt == NULL)
    return RESLIB_PROJECT_ROLE_LEAD;
  reslib_statement_bind_text (stmt, 1, project_id);
  if (reslib_statement_step (stmt, error))
    reslib_project_role_from_nick (reslib_statement_get_text (stmt, 0), &role);

  return role;
}

static gboolean
set_role (ReslibStore       *store,
          const char        *project_id,
          ReslibProjectRole  role,
          const char        *source_bag,
          GError           **error)
{
  g_autofree char *now = reslib_now_iso8601 ();
  g_autoptr(ReslibStatement) stmt = NULL;

  if (role == RESLIB_PROJECT_ROLE_LEAD)
    stmt = reslib_statement_new (store, "DELETE FROM project_roles WHERE project_id = ?1", error);
  else
    stmt = reslib_statement_new (store,
                                 "INSERT INTO project_roles (project_id, role, joined_at, source_bag) "
                                 "VALUES (?1, ?2, ?3, ?4) ON CONFLICT (project_id) DO UPDATE SET "
                                 "role = excluded.role, source_bag = coalesce (excluded.source_bag, source_bag)",
                                 error);
  if (stmt == NULL)
    return FALSE;
  reslib_statement_bind_text (stmt, 1, project_id);
  if (role != RESLIB_PROJECT_ROLE_LEAD)
    {
      reslib_statement_bind_text (stmt, 2, reslib_project_role_to_nick (role));
      reslib_statement_bind_text (stmt, 3, now);
      reslib_statement_bind_text (stmt, 4, source_bag);
    }
  if (!reslib_statement_execute (stmt, error))
    return FALSE;
  if (!reslib_store_log_event (store, project_id, RESLIB_KIND_PROJECT, project_id, "set-role",
                               reslib_project_role_to_nick (role), error))
    return FALSE;
  _reslib_store_note_change (store, RESLIB_KIND_PROJECT, project_id);

  return TRUE;
}

/**
 * reslib_store_set_project_role:
 * @project_id: a project of the store
 * @role: what this library is in the project's team
 * @source_bag: (nullable): the package the library joined from (a teacher)
 *
 * Records this library's role in the project, in the events log too ("set-role").
 */
gboolean
reslib_store_set_project_role (ReslibStore       *store,
                               const char        *project_id,
                               ReslibProjectRole  role,
                               const char        *source_bag,
                               GError           **error)
{
  g_return_val_if_fail (RESLIB_IS_STORE (store), FALSE);
  g_return_val_if_fail (project_id != NULL, FALSE);

  if (!_reslib_store_check_writable (store, error))
    return FALSE;

  RESLIB_STORE_IN_TRANSACTION (store, error, set_role (store, project_id, role, source_bag, error));
}

char *
_reslib_store_map_lookup (ReslibStore *store,
                          const char  *project_id,
                          ReslibKind   kind,
                          const char  *foreign_id,
                          GError     **error)
{
  g_autoptr(ReslibStatement) stmt = reslib_statement_new (store,
                                                         "SELECT local_id FROM record_map "
                                                         "WHERE project_id = ? AND kind = ? AND foreign_id = ?", error);

  if (stmt == NULL)
    return NULL;
  reslib_statement_bind_texts (stmt, 1, (const char * const[]) { project_id, reslib_entity_get (kind)->name, foreign_id, NULL });
  if (!reslib_statement_step (stmt, error))
    return NULL;

  return reslib_statement_dup_text (stmt, 0);
}

gboolean
_reslib_store_map_add (ReslibStore *store,
                       const char  *project_id,
                       ReslibKind   kind,
                       const char  *foreign_id,
                       const char  *local_id,
                       GError     **error)
{
  g_autoptr(ReslibStatement) stmt = reslib_statement_new (store,
                                                         "INSERT INTO record_map (project_id, kind, foreign_id, local_id) "
                                                         "VALUES (?, ?, ?, ?) ON CONFLICT (project_id, kind, foreign_id) "
                                                         "DO UPDATE SET local_id = excluded.local_id", error);

  if (stmt == NULL)
    return FALSE;
  reslib_statement_bind_texts (stmt, 1, (const char * const[]) { project_id, reslib_entity_get (kind)->name, foreign_id,
                                                                 local_id, NULL });

  return reslib_statement_execute (stmt, error);
}
