/* reslib-store-events.c — the audit log: a row in `events` per change, read per project or record
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <json-glib/json-glib.h>

#include "reslib-entity.h"
#include "reslib-store-private.h"

/**
 * reslib_store_log_event:
 * @self: a store that can be written, inside the caller's transaction
 * @project_id: (nullable): the project the change belongs to
 * @kind: the kind of record changed
 * @subject_id: the record's id
 * @action: what was done ("create", "update", "delete" …)
 * @detail: (nullable): more about it, as JSON text
 * @error: return location for a #GError, or %NULL
 *
 * Notes a change in the audit log, with the time and the store's actor.
 *
 * Returns: %TRUE, or %FALSE with @error set
 */
gboolean
reslib_store_log_event (ReslibStore *self,
                        const char  *project_id,
                        ReslibKind   kind,
                        const char  *subject_id,
                        const char  *action,
                        const char  *detail,
                        GError     **error)
{
  g_autofree char *now = reslib_now_iso8601 ();

  if (!RESLIB_STORE_EXEC (self,
                          "INSERT INTO events (at, actor, project_id, subject_kind, subject_id, action, detail) "
                          "VALUES (?, ?, ?, ?, ?, ?, ?)",
                          error, now, self->actor, project_id ? project_id : "", reslib_entity_get (kind)->name,
                          subject_id, action, detail ? detail : "{}"))
    return FALSE;
  _reslib_store_note_change (self, kind, subject_id);

  return TRUE;
}

/**
 * reslib_store_count_resource_changes:
 * @from: first instant, ISO 8601 (inclusive)
 * @to: last instant, ISO 8601 (exclusive)
 *
 * Returns: how many distinct resources of the project were added or changed in
 *   [@from, @to), from the events table (for the yearly update rate).
 */
guint
reslib_store_count_resource_changes (ReslibStore *self,
                                     const char  *project_id,
                                     const char  *from,
                                     const char  *to,
                                     GError     **error)
{
  g_autofree char *n = _reslib_store_query_text (self,
                                                 "SELECT count (DISTINCT subject_id) FROM events WHERE project_id = ? "
                                                 "AND subject_kind = 'resource' AND action IN ('create', 'update') "
                                                 "AND at >= ? AND at < ?",
                                                 (const char * const[]) { project_id, from, to, NULL }, error);

  return n != NULL ? (guint) g_ascii_strtoull (n, NULL, 10) : 0;
}

/**
 * reslib_store_count_renewed_resources:
 * @project_id: the project
 * @from: first instant, ISO 8601 (inclusive)
 * @to: last instant, ISO 8601 (exclusive)
 * @error: return location for a #GError, or %NULL
 *
 * Counts the resources of the project that are new or whose content was replaced in [@from, @to), for
 * the yearly update rate: a resource created then, or whose file was replaced by a new version then (a
 * row of resource_versions, or an update that changed its file, logged before the store kept versions). A
 * replacement is counted by its version row, not by its "replace" event: an undone replacement leaves its
 * event in the log but takes its version row away. An edit of its metadata alone does not count, nor a
 * resource deleted since.
 *
 * Returns: the number of distinct resources, 0 with @error set on failure
 */
guint
reslib_store_count_renewed_resources (ReslibStore *self,
                                      const char  *project_id,
                                      const char  *from,
                                      const char  *to,
                                      GError     **error)
{
  g_autofree char *n = NULL;

  g_return_val_if_fail (RESLIB_IS_STORE (self), 0);
  g_return_val_if_fail (project_id != NULL && from != NULL && to != NULL, 0);

  n = _reslib_store_query_text (self,
                                "SELECT count (*) FROM resources r WHERE r.project_id = ?1 AND ("
                                "EXISTS (SELECT 1 FROM resource_versions v WHERE v.resource_id = r.id "
                                "AND v.replaced_at >= ?2 AND v.replaced_at < ?3) OR "
                                "EXISTS (SELECT 1 FROM events e WHERE e.subject_id = r.id AND e.project_id = ?1 "
                                "AND e.subject_kind = 'resource' AND e.at >= ?2 AND e.at < ?3 "
                                "AND (e.action = 'create' OR (e.action = 'update' AND json_valid (e.detail) "
                                "AND json_type (e.detail, '$.blob_sha256') = 'text'))))",
                                (const char * const[]) { project_id, from, to, NULL }, error);

  return n != NULL ? (guint) g_ascii_strtoull (n, NULL, 10) : 0;
}

/**
 * reslib_store_list_events:
 * @subject_or_project_id: a project id (all its events) or a record id
 *
 * Returns: (transfer full): a JSON array of events, oldest first.
 */
JsonNode *
reslib_store_list_events (ReslibStore *self,
                          const char  *subject_or_project_id,
                          GError     **error)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(ReslibStatement) stmt = NULL;

  stmt = reslib_statement_new (self,
                               "SELECT seq, at, actor, project_id, subject_kind, subject_id, action, detail FROM events "
                               "WHERE project_id = ?1 OR subject_id = ?1 ORDER BY seq", error);
  if (stmt == NULL)
    return NULL;
  reslib_statement_bind_text (stmt, 1, subject_or_project_id);

  json_builder_begin_array (builder);
  while (reslib_statement_step (stmt, error))
    {
      static const char * const names[] = { "seq", "at", "actor", "project_id", "subject_kind", "subject_id", "action" };
      g_autoptr(JsonParser) parser = json_parser_new ();

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, names[0]);
      json_builder_add_int_value (builder, reslib_statement_get_int64 (stmt, 0));
      for (guint i = 1; i < G_N_ELEMENTS (names); i++)
        {
          json_builder_set_member_name (builder, names[i]);
          json_builder_add_string_value (builder, reslib_statement_get_text (stmt, i));
        }
      json_builder_set_member_name (builder, "detail");
      if (json_parser_load_from_data (parser, reslib_statement_get_text (stmt, 7), -1, NULL))
        json_builder_add_value (builder, json_node_copy (json_parser_get_root (parser)));
      else
        json_builder_add_null_value (builder);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  if (reslib_statement_failed (stmt))
    return NULL;

  return json_builder_get_root (builder);
}

char *
_reslib_store_detail_json (const char * const *fields,
                           const char * const *values)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) gen = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (builder);
  for (guint i = 0; fields != NULL && fields[i] != NULL; i++)
    {
      json_builder_set_member_name (builder, fields[i]);
      if (values[i] != NULL)
        json_builder_add_string_value (builder, values[i]);
      else
        json_builder_add_null_value (builder);
    }
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  json_generator_set_root (gen, root);

  return json_generator_to_data (gen, NULL);
}

/**
 * reslib_store_last_event_action:
 * @subject_id: a record id
 * @actions: (array zero-terminated=1): the actions to look for, e.g. "pause", "resume", "cancel"
 * @error: return location for a #GError, or %NULL
 *
 * The state a record was put in last by events of the audit log (a submission paused, resumed or
 * cancelled, say).
 *
 * Returns: (transfer full) (nullable): the action of the latest event of @subject_id among @actions, or
 *   %NULL when there is none (@error unset) or the store failed (@error set)
 */
char *
reslib_store_last_event_action (ReslibStore        *self,
                                const char         *subject_id,
                                const char * const *actions,
                                GError            **error)
{
  g_autoptr(GString) sql = g_string_new ("SELECT action FROM events WHERE subject_id = ?1 AND action IN (");
  g_autoptr(ReslibStatement) stmt = NULL;
  guint n;

  g_return_val_if_fail (RESLIB_IS_STORE (self), NULL);
  g_return_val_if_fail (subject_id != NULL, NULL);
  g_return_val_if_fail (actions != NULL && actions[0] != NULL, NULL);

  for (n = 0; actions[n] != NULL; n++)
    g_string_append_printf (sql, n > 0 ? ", ?%u" : "?%u", n + 2);
  g_string_append (sql, ") ORDER BY seq DESC LIMIT 1");
  stmt = reslib_statement_new (self, sql->str, error);
  if (stmt == NULL)
    return NULL;
  reslib_statement_bind_text (stmt, 1, subject_id);
  for (guint i = 0; i < n; i++)
    reslib_statement_bind_text (stmt, (int) i + 2, actions[i]);
  if (reslib_statement_step (stmt, error))
    return reslib_statement_dup_text (stmt, 0);

  return NULL;
}
