/* reslib-store-sync.c — the versions of records that packages exchanged (sql/0004-sync.sql)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <sqlite3.h>

#include "reslib-store-sync.h"

/* Statements from the store's cache: an import runs them for every record. */
static sqlite3_stmt *
prepare (ReslibStore *store,
         const char  *sql,
         GError     **error)
{
  return _reslib_store_prepare (store, sql, error);
}

gboolean
_reslib_store_sync_next_exchange (ReslibStore  *store,
                                  gint64       *seq,
                                  GError      **error)
{
  sqlite3_stmt *stmt = prepare (store, "SELECT max (coalesce ((SELECT max (seq) FROM sync_versions), 0), "
                                "-coalesce ((SELECT min (seq) FROM sync_versions), 0)) + 1", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    *seq = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW)
    return _reslib_store_check_sqlite (store, rc, error);

  return TRUE;
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
  sqlite3_stmt *stmt = prepare (store,
                                "SELECT sha256, seq FROM sync_versions WHERE kind = ? AND record_id = ? "
                                "ORDER BY seq DESC", error);
  int rc;

  *known = FALSE;
  *refused = FALSE;
  *base = NULL;
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, reslib_entity_get (kind)->name, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, id, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *version = (const char *) sqlite3_column_text (stmt, 0);
      gboolean exchanged = sqlite3_column_int64 (stmt, 1) > 0;

      if (*base == NULL && exchanged)
        *base = g_strdup (version);
      if (g_strcmp0 (version, sha256) == 0)
        {
          *known = exchanged;
          *refused = !exchanged;
        }
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      g_clear_pointer (base, g_free);
      return _reslib_store_check_sqlite (store, rc, error);
    }

  return TRUE;
}

static gboolean
note (ReslibStore  *store,
      const char   *sql,
      ReslibKind    kind,
      const char   *id,
      const char   *sha256,
      gint64        seq,
      GError      **error)
{
  sqlite3_stmt *stmt = prepare (store, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, reslib_entity_get (kind)->name, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, sha256, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 4, seq);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return _reslib_store_check_sqlite (store, rc, error);

  return TRUE;
}

gboolean
_reslib_store_sync_note (ReslibStore  *store,
                         ReslibKind    kind,
                         const char   *id,
                         const char   *sha256,
                         gint64        seq,
                         GError      **error)
{
  return note (store,
               "INSERT INTO sync_versions (kind, record_id, sha256, seq) VALUES (?, ?, ?, ?) "
               "ON CONFLICT (kind, record_id, sha256) DO UPDATE SET seq = excluded.seq",
               kind, id, sha256, seq, error);
}

gboolean
_reslib_store_sync_note_refused (ReslibStore  *store,
                                 ReslibKind    kind,
                                 const char   *id,
                                 const char   *sha256,
                                 gint64        seq,
                                 GError      **error)
{
  return note (store,
               "INSERT INTO sync_versions (kind, record_id, sha256, seq) VALUES (?, ?, ?, ?) "
               "ON CONFLICT (kind, record_id, sha256) DO NOTHING",
               kind, id, sha256, -seq, error);
}

gboolean
_reslib_store_sync_note_sent (ReslibStore  *store,
                              GArray       *sent,
                              GError      **error)
{
  sqlite3_stmt *stmt = NULL;
  gint64 seq = 0;
  int rc = SQLITE_DONE;

  if (!reslib_store_begin (store, error))
    return FALSE;
  if (!_reslib_store_sync_next_exchange (store, &seq, error))
    goto failed;
  stmt = prepare (store,
                  "INSERT INTO sync_versions (kind, record_id, sha256, seq) VALUES (?, ?, ?, ?) "
                  "ON CONFLICT (kind, record_id, sha256) DO UPDATE SET seq = excluded.seq", error);
  if (stmt == NULL)
    goto failed;
  for (guint i = 0; i < sent->len && rc == SQLITE_DONE; i++)
    {
      const ReslibSyncSent *s = &g_array_index (sent, ReslibSyncSent, i);
      char hex[2 * RESLIB_SYNC_DIGEST_SIZE + 1];

      _reslib_sync_digest_to_hex (s->digest, hex);
      sqlite3_reset (stmt);
      sqlite3_bind_text (stmt, 1, reslib_entity_get (s->kind)->name, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, s->id, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 3, hex, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int64 (stmt, 4, seq);
      rc = sqlite3_step (stmt);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _reslib_store_check_sqlite (store, rc, error);
      goto failed;
    }

  return reslib_store_commit (store, error);

failed:
  reslib_store_rollback (store);
  return FALSE;
}
