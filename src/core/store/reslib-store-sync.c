/* reslib-store-sync.c — the versions of records that packages exchanged (sql/0004-sync.sql)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"


#include "reslib-store-sync.h"
#include "reslib-store-import-rows.h"
#include "reslib-store-private.h"

/* Runs one statement of the store's cache (an import runs them for every record) with the kind's name,
 * the id and a digest bound. */
static gboolean
run (ReslibStore *store,
     const char  *sql,
     ReslibKind   kind,
     const char  *id,
     const char  *sha256,
     GError     **error)
{
  g_autoptr(ReslibStatement) stmt = reslib_statement_new (store, sql, error);

  if (stmt == NULL)
    return FALSE;
  reslib_statement_bind_texts (stmt, 1, (const char * const[]) { reslib_entity_get (kind)->name, id, sha256, NULL });

  return reslib_statement_execute (stmt, error);
}

gboolean
_reslib_store_sync_lookup (ReslibStore  *store,
                           ReslibKind    kind,
                           const char   *id,
                           const char   *sha256,
                           gboolean     *known,
                           gboolean     *refused,
                           char        **base,
                           GError      **error)
{
  g_autoptr(ReslibStatement) stmt = reslib_statement_new (store, RESLIB_STORE_SYNC_LOOKUP_SQL, error);

  *known = FALSE;
  *refused = FALSE;
  *base = NULL;
  if (stmt == NULL)
    return FALSE;
  reslib_statement_bind_texts (stmt, 1, (const char * const[]) { reslib_entity_get (kind)->name, id, sha256, NULL });
  if (!reslib_statement_step (stmt, error))
    /* A SELECT of two subqueries always has its row. */
    return reslib_statement_failed (stmt) ? FALSE : _reslib_store_check_sqlite (store, SQLITE_CORRUPT, error);
  if (!reslib_statement_is_null (stmt, 0))
    {
      *refused = reslib_statement_get_int64 (stmt, 0) != 0;
      *known = !*refused;
    }
  *base = reslib_statement_dup_text (stmt, 1);

  return TRUE;
}

gboolean
_reslib_store_sync_held (ReslibStore  *store,
                         ReslibKind    kind,
                         const char   *id,
                         const char   *current,
                         guint         max,
                         GPtrArray    *held,
                         GError      **error)
{
  /* One more than @max, to tell a record that has too many. */
  g_autoptr(ReslibStatement) stmt = reslib_statement_new (store,
                                                         "SELECT v.sha256 FROM sync_versions AS v "
                                                         "WHERE v.kind = ?1 AND v.record_id = ?2 AND v.refused = 0 "
                                                         "  AND v.sha256 <> ?4 "
                                                         "  AND NOT EXISTS (SELECT 1 FROM conflicts AS c "
                                                         "                  WHERE c.kind = ?1 AND c.record_id = ?2 "
                                                         "                    AND c.resolved_at IS NULL "
                                                         "                    AND c.theirs_sha256 = v.sha256) "
                                                         "ORDER BY v.sha256 LIMIT ?3",
                                                         error);
  guint n = 0;

  g_ptr_array_set_size (held, 0);
  if (stmt == NULL)
    return FALSE;
  reslib_statement_bind_texts (stmt, 1, (const char * const[]) { reslib_entity_get (kind)->name, id, NULL });
  reslib_statement_bind_int64 (stmt, 3, (gint64) max + 1);
  reslib_statement_bind_text (stmt, 4, current);
  while (reslib_statement_step (stmt, error))
    {
      g_ptr_array_add (held, reslib_statement_dup_text (stmt, 0));
      n++;
    }
  if (reslib_statement_failed (stmt))
    return FALSE;
  if (n > max)
    g_ptr_array_set_size (held, 0);

  return TRUE;
}

#define NOTE_VERSION \
  "INSERT INTO sync_versions (kind, record_id, sha256) VALUES (?1, ?2, ?3) " \
  "ON CONFLICT (kind, record_id, sha256) DO UPDATE SET refused = 0"

gboolean
_reslib_store_sync_note_received (ReslibStore  *store,
                                  ReslibKind    kind,
                                  const char   *id,
                                  const char   *sha256,
                                  GError      **error)
{
  return run (store, NOTE_VERSION, kind, id, sha256, error) &&
         run (store,
              "INSERT INTO sync_bases (kind, record_id, sha256) VALUES (?1, ?2, ?3) "
              "ON CONFLICT (kind, record_id) DO UPDATE SET sha256 = excluded.sha256",
              kind, id, sha256, error);
}

/* Rows written by one statement of the _many () functions below: as many as the import's rows. */
#define MANY_ROWS RESLIB_STORE_IMPORT_ROWS_MAX

/* @head, then @n rows "(@before?F, ?F+1…@after)", each with @per_row parameters of its own numbered from
 * @first on, then @tail. */
static ReslibStatement *
many_statement (ReslibStore *store,
                const char  *head,
                const char  *before,
                guint        first,
                guint        per_row,
                const char  *after,
                guint        n,
                const char  *tail,
                GError     **error)
{
  g_autoptr(GString) sql = g_string_new (head);

  for (guint r = 0; r < n; r++)
    {
      g_string_append (sql, r > 0 ? ", (" : "(");
      g_string_append (sql, before);
      for (guint p = 0; p < per_row; p++)
        g_string_append_printf (sql, "%s?%u", p > 0 ? ", " : "", first + r * per_row + p);
      g_string_append (sql, after);
      g_string_append_c (sql, ')');
    }
  g_string_append (sql, tail);
  /* Full runs recur with the same text: from the store's cache. A shorter one ends a batch. */
  return n == MANY_ROWS ? reslib_statement_new (store, sql->str, error) : reslib_statement_new_once (store, sql->str, error);
}

gboolean
_reslib_store_log_events (ReslibStore        *store,
                          const char         *project_id,
                          ReslibKind          kind,
                          const char * const *ids,
                          guint               n,
                          const char         *action,
                          const char         *detail,
                          GError            **error)
{
  g_autofree char *now = reslib_now_iso8601 ();

  for (guint from = 0; from < n; from += MANY_ROWS)
    {
      guint run_n = MIN (n - from, MANY_ROWS);
      g_autoptr(ReslibStatement) stmt =
        many_statement (store, "INSERT INTO events (at, actor, project_id, subject_kind, subject_id, action, detail) VALUES ",
                        "?1, ?2, ?3, ?4, ", 7, 1, ", ?5, ?6", run_n, "", error);

      if (stmt == NULL)
        return FALSE;
      reslib_statement_bind_texts (stmt, 1, (const char * const[]) { now, store->actor,
                                                                     project_id ? project_id : "",
                                                                     reslib_entity_get (kind)->name, action,
                                                                     detail ? detail : "{}", NULL });
      for (guint r = 0; r < run_n; r++)
        reslib_statement_bind_text (stmt, (int) (7 + r), ids[from + r]);
      if (!reslib_statement_execute (stmt, error))
        return FALSE;
      for (guint r = 0; r < run_n; r++)
        _reslib_store_note_change (store, kind, ids[from + r]);
    }

  return TRUE;
}

gboolean
_reslib_store_sync_note_refused (ReslibStore  *store,
                                 ReslibKind    kind,
                                 const char   *id,
                                 const char   *sha256,
                                 GError      **error)
{
  return run (store,
              "INSERT INTO sync_versions (kind, record_id, sha256, refused) VALUES (?1, ?2, ?3, 1) "
              "ON CONFLICT (kind, record_id, sha256) DO NOTHING",
              kind, id, sha256, error);
}

gboolean
_reslib_store_sync_note_sent (ReslibStore  *store,
                              GArray       *sent,
                              gboolean      bases,
                              GError      **error)
{
  if (!reslib_store_begin (store, error))
    return FALSE;
  for (guint i = 0; i < sent->len; i++)
    {
      const ReslibSyncSent *s = &g_array_index (sent, ReslibSyncSent, i);
      char hex[2 * RESLIB_SYNC_DIGEST_SIZE + 1];

      _reslib_sync_digest_to_hex (s->digest, hex);
      if (!run (store, NOTE_VERSION, s->kind, s->id, hex, error) ||
          (bases &&
           !run (store,
                "INSERT INTO sync_bases (kind, record_id, sha256) VALUES (?1, ?2, ?3) "
                "ON CONFLICT (kind, record_id) DO NOTHING",
                s->kind, s->id, hex, error)))
        {
          reslib_store_rollback (store);
          return FALSE;
        }
    }

  return reslib_store_commit (store, error);
}
