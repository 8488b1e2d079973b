/* reslib-store-units.c — the order and the roles of a project's units in the store, and its one leader
 *
 * Host units (主持单位) are ranked 1, 2, … by host_rank; the participating units are ordered 0,
 * 1, … by position. Moving a unit in its list and moving it between the two lists each change
 * several units in one transaction, and can be undone in one step.
 *
 * A project has one leader (项目负责人): a member made the leader while another member is refused. A
 * store that has two already (from before this check, or merged from packages) keeps them; the checks
 * report it (project.leader).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "reslib-error.h"
#include "reslib-store-private.h"
#include "reslib-store-units.h"

/* Inside the caller's transaction, after a member was added or changed: refused when the member is the
 * project's leader and another member of the project is too. */
gboolean
_reslib_store_check_leader (ReslibStore  *self,
                            const char   *member_id,
                            GError      **error)
{
  g_autoptr(ReslibStatement) stmt = NULL;
  g_autofree char *member = NULL;
  g_autofree char *other = NULL;

  stmt = reslib_statement_new (self, "SELECT m.name, o.name FROM members m "
                                     "JOIN members o ON o.project_id = m.project_id AND o.id != m.id "
                                     "AND o.leader = 'yes' WHERE m.id = ? AND m.leader = 'yes' "
                                     "ORDER BY o.created_at, o.id LIMIT 1", error);
  if (stmt == NULL)
    return FALSE;
  reslib_statement_bind_text (stmt, 1, member_id);
  if (reslib_statement_step (stmt, error))
    {
      member = reslib_statement_dup_text (stmt, 0);
      other = reslib_statement_dup_text (stmt, 1);
    }
  if (reslib_statement_failed (stmt))
    return FALSE;
  if (other != NULL)
    {
      g_set_error (error, RESLIB_ERROR, RESLIB_ERROR_INVALID,
                   _("%s cannot be the project leader: %s is, and a project has one leader (项目负责人); "
                     "make %s not the leader first"),
                   member, other, other);
      return FALSE;
    }

  return TRUE;
}

static const char *
order_field (const char *role)
{
  return g_strcmp0 (role, "host") == 0 ? "host_rank" : "position";
}

/* Numbers @unit_ids in their order (host_rank 1, 2, … for hosts, position 0, 1, … for the others),
 * writing only the units whose number changes; in the caller's transaction. */
static gboolean
renumber (ReslibStore        *self,
          const char         *role,
          const char * const *unit_ids,
          GError            **error)
{
  gboolean host = g_strcmp0 (role, "host") == 0;
  const char *field = order_field (role);

  for (guint i = 0; unit_ids[i] != NULL; i++)
    {
      g_autoptr(ReslibRecord) unit = reslib_store_get (self, RESLIB_KIND_UNIT, unit_ids[i], error);
      g_autofree char *value = g_strdup_printf ("%u", host ? i + 1 : i);

      if (unit == NULL)
        return FALSE;
      if (g_strcmp0 (reslib_record_get (unit, field), value) == 0)
        continue;
      if (!reslib_store_update (self, RESLIB_KIND_UNIT, unit_ids[i],
                                (const char * const[]) { field, NULL }, (const char * const[]) { value }, error))
        return FALSE;
    }

  return TRUE;
}

/**
 * reslib_store_renumber_units:
 * @role: the units' role: `host` or `participant`
 * @unit_ids: (array zero-terminated=1): the units of @role in their new order
 *
 * Numbers the units in the order of @unit_ids: host_rank 1, 2, … for host units, position 0, 1, …
 * for the others; in one transaction.
 *
 * Returns: (transfer full): the step that puts the numbers back, or %NULL with @error set (and
 *   nothing changed).
 */
ReslibUndoStep *
reslib_store_renumber_units (ReslibStore         *self,
                             const char          *role,
                             const char * const  *unit_ids,
                             GError             **error)
{
  g_autoptr(ReslibUndoStep) step = NULL;

  g_return_val_if_fail (RESLIB_IS_STORE (self), NULL);
  g_return_val_if_fail (unit_ids != NULL && unit_ids[0] != NULL, NULL);

  if (!reslib_store_begin (self, error))
    return NULL;
  step = reslib_store_keep_fields (self, RESLIB_KIND_UNIT, unit_ids,
                                   (const char * const[]) { order_field (role), NULL }, error);
  if (step == NULL || !renumber (self, role, unit_ids, error))
    {
      reslib_store_rollback (self);
      return NULL;
    }
  if (!reslib_store_commit (self, error))
    return NULL;

  return g_steal_pointer (&step);
}

/**
 * reslib_store_set_unit_role:
 * @unit_id: the unit
 * @role: its new role: `host` or `participant`
 *
 * Makes the unit a host unit, ranked last among its project's hosts, or a participating unit,
 * the remaining hosts ranked 1, 2, … in their order; in one transaction.
 *
 * Returns: (transfer full): the step that puts the roles and ranks back, or %NULL with @error
 *   set (and nothing changed).
 */
ReslibUndoStep *
reslib_store_set_unit_role (ReslibStore  *self,
                            const char   *unit_id,
                            const char   *role,
                            GError      **error)
{
  g_autoptr(ReslibRecord) unit = NULL;
  g_autoptr(GListModel) units = NULL;
  g_autoptr(GPtrArray) hosts = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) ids = g_ptr_array_new ();
  g_autoptr(ReslibUndoStep) step = NULL;
  g_autofree char *rank = NULL;
  gboolean host = g_strcmp0 (role, "host") == 0;

  g_return_val_if_fail (RESLIB_IS_STORE (self), NULL);
  g_return_val_if_fail (unit_id != NULL, NULL);
  g_return_val_if_fail (role != NULL, NULL);

  if (!reslib_store_begin (self, error))
    return NULL;
  unit = reslib_store_get (self, RESLIB_KIND_UNIT, unit_id, error);
  if (unit != NULL)
    units = reslib_store_list (self, RESLIB_KIND_UNIT, reslib_record_get (unit, "project_id"), error);
  if (units == NULL)
    goto rollback;

  /* The other host units, in their order */
  for (guint i = 0; i < g_list_model_get_n_items (units); i++)
    {
      g_autoptr(ReslibRecord) other = g_list_model_get_item (units, i);

      if (g_strcmp0 (reslib_record_get (other, "role"), "host") == 0 &&
          g_strcmp0 (reslib_record_get_id (other), unit_id) != 0)
        g_ptr_array_add (hosts, g_strdup (reslib_record_get_id (other)));
    }

  g_ptr_array_add (ids, (gpointer) unit_id);
  for (guint i = 0; i < hosts->len; i++)
    g_ptr_array_add (ids, g_ptr_array_index (hosts, i));
  g_ptr_array_add (ids, NULL);
  step = reslib_store_keep_fields (self, RESLIB_KIND_UNIT, (const char * const *) ids->pdata,
                                   (const char * const[]) { "role", "host_rank", NULL }, error);
  if (step == NULL)
    goto rollback;

  /* A new host unit comes last among the hosts. */
  if (host)
    rank = g_strdup_printf ("%u", hosts->len + 1);
  if (!reslib_store_update (self, RESLIB_KIND_UNIT, unit_id,
                            (const char * const[]) { "role", "host_rank", NULL },
                            (const char * const[]) { role, rank }, error))
    goto rollback;
  if (!host)
    {
      g_ptr_array_add (hosts, NULL);
      if (!renumber (self, "host", (const char * const *) hosts->pdata, error))
        goto rollback;
    }
  if (!reslib_store_commit (self, error))
    return NULL;

  return g_steal_pointer (&step);

rollback:
  reslib_store_rollback (self);
  return NULL;
}
