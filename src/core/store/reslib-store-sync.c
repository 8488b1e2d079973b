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
