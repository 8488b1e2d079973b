/* reslib-store-probe.c — the probes of blobs in the store: one row per blob in `probes`
 *
 * reslib-probe.c finds out the media facts of blobs; this file reads and writes them
 * (see sql/0002-probes.sql). A row of an older RESLIB_PROBE_VERSION is stale: it is
 * read as no probe, so that the blob is probed again.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <sqlite3.h>
#include <string.h>

#include "reslib-entity.h"
#include "reslib-store-probe.h"
#include "reslib-store-private.h"

/* ---------------------------------------------------------------------------------------------- */
/* Rows                                                                                            */

#define PROBE_COLUMNS \
  "sha256, version, mime_type, container, video_codec, audio_codec, width, height, frame_rate, " \
  "video_bitrate, audio_bitrate, duration, sample_rate, channels, error"

static ReslibProbeInfo *
info_from_row (sqlite3_stmt *stmt)
{
  ReslibProbeInfo *info = g_new0 (ReslibProbeInfo, 1);

  info->sha256 = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  info->version = sqlite3_column_int (stmt, 1);
  info->mime_type = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
  info->container = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
  info->video_codec = g_strdup ((const char *) sqlite3_column_text (stmt, 4));
  info->audio_codec = g_strdup ((const char *) sqlite3_column_text (stmt, 5));
  info->width = sqlite3_column_int (stmt, 6);
  info->height = sqlite3_column_int (stmt, 7);
  info->frame_rate = sqlite3_column_double (stmt, 8);
  info->video_bitrate = sqlite3_column_int64 (stmt, 9);
  info->audio_bitrate = sqlite3_column_int64 (stmt, 10);
  info->duration = sqlite3_column_double (stmt, 11);
  info->sample_rate = sqlite3_column_int (stmt, 12);
  info->channels = sqlite3_column_int (stmt, 13);
  info->error = g_strdup ((const char *) sqlite3_column_text (stmt, 14));

  return info;
}

static void
bind_text (sqlite3_stmt *stmt,
           int           index,
           const char   *text)
{
  if (text == NULL)
    sqlite3_bind_null (stmt, index);
  else
    sqlite3_bind_text (stmt, index, text, -1, SQLITE_TRANSIENT);
}

static sqlite3_stmt *
prepare (ReslibStore *store,
         const char  *sql,
         GError     **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_prepare_v2 (_reslib_store_get_db (store), sql, -1, &stmt, NULL);

  if (rc != SQLITE_OK)
    {
      _reslib_store_check_sqlite (store, rc, error);
      sqlite3_finalize (stmt);
      return NULL;
    }

  return stmt;
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (sqlite3_stmt, sqlite3_finalize)

/**
 * reslib_store_get_probe:
 *
 * Returns: (transfer full) (nullable): the cached probe of a blob; %NULL, with
 *   @error unset, when there is none or it was made by an older %RESLIB_PROBE_VERSION.
 */
ReslibProbeInfo *
reslib_store_get_probe (ReslibStore *store,
                        const char  *sha256,
                        GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (RESLIB_IS_STORE (store), NULL);
  g_return_val_if_fail (sha256 != NULL, NULL);

  stmt = prepare (store, "SELECT " PROBE_COLUMNS " FROM probes WHERE sha256 = ?1 AND version >= ?2", error);
  if (stmt == NULL)
    return NULL;
  bind_text (stmt, 1, sha256);
  sqlite3_bind_int (stmt, 2, RESLIB_PROBE_VERSION);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return info_from_row (stmt);
  _reslib_store_check_sqlite (store, rc, error);

  return NULL;
}

/**
 * reslib_store_put_probe:
 * @info: a probe with its ->sha256 set, of a blob the store holds
 *
 * Records the probe of a blob, replacing any earlier one.
 */
gboolean
reslib_store_put_probe (ReslibStore           *store,
                        const ReslibProbeInfo *info,
                        GError               **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *now = reslib_now_iso8601 ();

  g_return_val_if_fail (RESLIB_IS_STORE (store), FALSE);
  g_return_val_if_fail (info != NULL, FALSE);
  g_return_val_if_fail (info->sha256 != NULL && strlen (info->sha256) == 64, FALSE);

  stmt = prepare (store,
                  "INSERT OR REPLACE INTO probes (" PROBE_COLUMNS ", probed_at) "
                  "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16)", error);
  if (stmt == NULL)
    return FALSE;
  bind_text (stmt, 1, info->sha256);
  sqlite3_bind_int (stmt, 2, info->version);
  bind_text (stmt, 3, info->mime_type);
  bind_text (stmt, 4, info->container);
  bind_text (stmt, 5, info->video_codec);
  bind_text (stmt, 6, info->audio_codec);
  sqlite3_bind_int (stmt, 7, info->width);
  sqlite3_bind_int (stmt, 8, info->height);
  sqlite3_bind_double (stmt, 9, info->frame_rate);
  sqlite3_bind_int64 (stmt, 10, info->video_bitrate);
  sqlite3_bind_int64 (stmt, 11, info->audio_bitrate);
  sqlite3_bind_double (stmt, 12, info->duration);
  sqlite3_bind_int (stmt, 13, info->sample_rate);
  sqlite3_bind_int (stmt, 14, info->channels);
  bind_text (stmt, 15, info->error);
  bind_text (stmt, 16, now);

  return _reslib_store_check_sqlite (store, sqlite3_step (stmt), error);
}

/**
 * reslib_store_get_project_probes:
 *
 * Reads, in one query, the fresh probes of every blob a resource of the project uses.
 * Blobs without a fresh probe are absent.
 *
 * Returns: (transfer full) (element-type utf8 ReslibProbeInfo): SHA-256 → probe,
 *   or %NULL with @error set.
 */
GHashTable *
reslib_store_get_project_probes (ReslibStore *store,
                                 const char  *project_id,
                                 GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GHashTable) probes = NULL;
  int rc;

  g_return_val_if_fail (RESLIB_IS_STORE (store), NULL);
  g_return_val_if_fail (project_id != NULL, NULL);

  stmt = prepare (store,
                  "SELECT " PROBE_COLUMNS " FROM probes WHERE version >= ?2 AND sha256 IN "
                  "(SELECT blob_sha256 FROM resources WHERE project_id = ?1)", error);
  if (stmt == NULL)
    return NULL;
  bind_text (stmt, 1, project_id);
  sqlite3_bind_int (stmt, 2, RESLIB_PROBE_VERSION);

  /* The key is the value's own sha256. */
  probes = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, (GDestroyNotify) reslib_probe_info_free);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      ReslibProbeInfo *info = info_from_row (stmt);
      g_hash_table_replace (probes, info->sha256, info);
    }
  if (!_reslib_store_check_sqlite (store, rc, error))
    return NULL;

  return g_steal_pointer (&probes);
}

/* ---------------------------------------------------------------------------------------------- */
/* What to probe                                                                                   */

struct _ReslibProbeLookup
{
  sqlite3_stmt *stmt;
};

/**
 * _reslib_store_probe_lookup_new:
 *
 * Prepares the query of _reslib_store_probe_lookup_blob(), once for many blobs.
 *
 * Returns: (transfer full): the lookup, or %NULL with @error set.
 */
ReslibProbeLookup *
_reslib_store_probe_lookup_new (ReslibStore *store,
                                GError     **error)
{
  ReslibProbeLookup *lookup;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (RESLIB_IS_STORE (store), NULL);

  stmt = prepare (store,
                  "SELECT b.mime_type, EXISTS (SELECT 1 FROM probes p WHERE p.sha256 = b.sha256 AND p.version >= ?2) "
                  "FROM blobs b WHERE b.sha256 = ?1", error);
  if (stmt == NULL)
    return NULL;

  lookup = g_new0 (ReslibProbeLookup, 1);
  lookup->stmt = stmt;

  return lookup;
}

void
_reslib_store_probe_lookup_free (ReslibProbeLookup *lookup)
{
  if (lookup == NULL)
    return;

  sqlite3_finalize (lookup->stmt);
  g_free (lookup);
}

/* The statement is reset before and after each blob, so that it holds no read open while
 * the caller probes the blob and writes its probe. */
void
_reslib_store_probe_lookup_blob (ReslibProbeLookup  *lookup,
                                 const char         *sha256,
                                 char              **mime_type,
                                 gboolean           *fresh)
{
  g_return_if_fail (lookup != NULL);
  g_return_if_fail (sha256 != NULL);
  g_return_if_fail (mime_type != NULL && fresh != NULL);

  *mime_type = NULL;
  *fresh = FALSE;

  sqlite3_reset (lookup->stmt);
  bind_text (lookup->stmt, 1, sha256);
  sqlite3_bind_int (lookup->stmt, 2, RESLIB_PROBE_VERSION);
  if (sqlite3_step (lookup->stmt) == SQLITE_ROW)
    {
      *mime_type = g_strdup ((const char *) sqlite3_column_text (lookup->stmt, 0));
      *fresh = sqlite3_column_int (lookup->stmt, 1) != 0;
    }
  sqlite3_reset (lookup->stmt);
}

/**
 * _reslib_store_list_blobs_to_probe:
 *
 * Reads, in one query, the media blobs of the project that have no fresh probe. The
 * query is done with when this returns: the caller may write probes as it goes.
 *
 * Returns: %FALSE with @error set when the database fails (the arrays may then hold
 *   part of the answer).
 */
gboolean
_reslib_store_list_blobs_to_probe (ReslibStore *store,
                                   const char  *project_id,
                                   GPtrArray   *sha256s,
                                   GPtrArray   *mime_types,
                                   GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (RESLIB_IS_STORE (store), FALSE);
  g_return_val_if_fail (project_id != NULL, FALSE);
  g_return_val_if_fail (sha256s != NULL && mime_types != NULL, FALSE);

  stmt = prepare (store,
                  "SELECT DISTINCT b.sha256, b.mime_type FROM resources r JOIN blobs b ON b.sha256 = r.blob_sha256 "
                  "WHERE r.project_id = ?1 "
                  "AND (b.mime_type LIKE 'audio/%' OR b.mime_type LIKE 'video/%' OR b.mime_type LIKE 'image/%') "
                  "AND NOT EXISTS (SELECT 1 FROM probes p WHERE p.sha256 = b.sha256 AND p.version >= ?2)", error);
  if (stmt == NULL)
    return FALSE;
  bind_text (stmt, 1, project_id);
  sqlite3_bind_int (stmt, 2, RESLIB_PROBE_VERSION);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_ptr_array_add (sha256s, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
      g_ptr_array_add (mime_types, g_strdup ((const char *) sqlite3_column_text (stmt, 1)));
    }

  return _reslib_store_check_sqlite (store, rc, error);
}
