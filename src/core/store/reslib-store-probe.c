/* reslib-store-probe.c — the probes of blobs in the store: one row per blob in `probes`
 *
 * reslib-probe.c finds out the media facts of blobs; this file reads and writes them
 * (see sql/0002-probes.sql). A row of an older RESLIB_PROBE_VERSION is stale: it is
 * read as no probe, so that the blob is probed again.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

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
info_from_row (ReslibStatement *stmt)
{
  ReslibProbeInfo *info = g_new0 (ReslibProbeInfo, 1);

  info->sha256 = reslib_statement_dup_text (stmt, 0);
  info->version = (int) reslib_statement_get_int64 (stmt, 1);
  info->mime_type = reslib_statement_dup_text (stmt, 2);
  info->container = reslib_statement_dup_text (stmt, 3);
  info->video_codec = reslib_statement_dup_text (stmt, 4);
  info->audio_codec = reslib_statement_dup_text (stmt, 5);
  info->width = (int) reslib_statement_get_int64 (stmt, 6);
  info->height = (int) reslib_statement_get_int64 (stmt, 7);
  info->frame_rate = reslib_statement_get_double (stmt, 8);
  info->video_bitrate = reslib_statement_get_int64 (stmt, 9);
  info->audio_bitrate = reslib_statement_get_int64 (stmt, 10);
  info->duration = reslib_statement_get_double (stmt, 11);
  info->sample_rate = (int) reslib_statement_get_int64 (stmt, 12);
  info->channels = (int) reslib_statement_get_int64 (stmt, 13);
  info->error = reslib_statement_dup_text (stmt, 14);

  return info;
}

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
  g_autoptr(ReslibStatement) stmt = NULL;

  g_return_val_if_fail (RESLIB_IS_STORE (store), NULL);
  g_return_val_if_fail (sha256 != NULL, NULL);

  stmt = reslib_statement_new_once (store, "SELECT " PROBE_COLUMNS " FROM probes WHERE sha256 = ?1 AND version >= ?2", error);
  if (stmt == NULL)
    return NULL;
  reslib_statement_bind_text (stmt, 1, sha256);
  reslib_statement_bind_int64 (stmt, 2, RESLIB_PROBE_VERSION);
  if (reslib_statement_step (stmt, error))
    return info_from_row (stmt);

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
  g_autoptr(ReslibStatement) stmt = NULL;
  g_autofree char *now = reslib_now_iso8601 ();

  g_return_val_if_fail (RESLIB_IS_STORE (store), FALSE);
  g_return_val_if_fail (info != NULL, FALSE);
  g_return_val_if_fail (info->sha256 != NULL && strlen (info->sha256) == 64, FALSE);

  stmt = reslib_statement_new_once (store,
                                    "INSERT OR REPLACE INTO probes (" PROBE_COLUMNS ", probed_at) "
                                    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16)", error);
  if (stmt == NULL)
    return FALSE;
  reslib_statement_bind_text (stmt, 1, info->sha256);
  reslib_statement_bind_int64 (stmt, 2, info->version);
  reslib_statement_bind_text (stmt, 3, info->mime_type);
  reslib_statement_bind_text (stmt, 4, info->container);
  reslib_statement_bind_text (stmt, 5, info->video_codec);
  reslib_statement_bind_text (stmt, 6, info->audio_codec);
  reslib_statement_bind_int64 (stmt, 7, info->width);
  reslib_statement_bind_int64 (stmt, 8, info->height);
  reslib_statement_bind_double (stmt, 9, info->frame_rate);
  reslib_statement_bind_int64 (stmt, 10, info->video_bitrate);
  reslib_statement_bind_int64 (stmt, 11, info->audio_bitrate);
  reslib_statement_bind_double (stmt, 12, info->duration);
  reslib_statement_bind_int64 (stmt, 13, info->sample_rate);
  reslib_statement_bind_int64 (stmt, 14, info->channels);
  reslib_statement_bind_text (stmt, 15, info->error);
  reslib_statement_bind_text (stmt, 16, now);

  return reslib_statement_execute (stmt, error);
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
  g_autoptr(ReslibStatement) stmt = NULL;
  g_autoptr(GHashTable) probes = NULL;

  g_return_val_if_fail (RESLIB_IS_STORE (store), NULL);
  g_return_val_if_fail (project_id != NULL, NULL);

  stmt = reslib_statement_new_once (store,
                                    "SELECT " PROBE_COLUMNS " FROM probes WHERE version >= ?2 AND sha256 IN "
                                    "(SELECT blob_sha256 FROM resources WHERE project_id = ?1)", error);
  if (stmt == NULL)
    return NULL;
  reslib_statement_bind_text (stmt, 1, project_id);
  reslib_statement_bind_int64 (stmt, 2, RESLIB_PROBE_VERSION);

  /* The key is the value's own sha256. */
  probes = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, (GDestroyNotify) reslib_probe_info_free);
  while (reslib_statement_step (stmt, error))
    {
      ReslibProbeInfo *info = info_from_row (stmt);
      g_hash_table_replace (probes, info->sha256, info);
    }
  if (reslib_statement_failed (stmt))
    return NULL;

  return g_steal_pointer (&probes);
}

/* ---------------------------------------------------------------------------------------------- */
/* What to probe                                                                                   */

struct _ReslibProbeLookup
{
  ReslibStatement *stmt;
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
  ReslibStatement *stmt;

  g_return_val_if_fail (RESLIB_IS_STORE (store), NULL);

  stmt = reslib_statement_new_once (store,
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

  reslib_statement_free (lookup->stmt);
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

  reslib_statement_reset (lookup->stmt);
  reslib_statement_bind_text (lookup->stmt, 1, sha256);
  reslib_statement_bind_int64 (lookup->stmt, 2, RESLIB_PROBE_VERSION);
  if (reslib_statement_step (lookup->stmt, NULL))
    {
      *mime_type = reslib_statement_dup_text (lookup->stmt, 0);
      *fresh = reslib_statement_get_int64 (lookup->stmt, 1) != 0;
    }
  reslib_statement_reset (lookup->stmt);
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
  g_autoptr(ReslibStatement) stmt = NULL;

  g_return_val_if_fail (RESLIB_IS_STORE (store), FALSE);
  g_return_val_if_fail (project_id != NULL, FALSE);
  g_return_val_if_fail (sha256s != NULL && mime_types != NULL, FALSE);

  stmt = reslib_statement_new_once (store,
                                    "SELECT DISTINCT b.sha256, b.mime_type FROM resources r JOIN blobs b ON b.sha256 = r.blob_sha256 "
                                    "WHERE r.project_id = ?1 "
                                    "AND (b.mime_type LIKE 'audio/%' OR b.mime_type LIKE 'video/%' OR b.mime_type LIKE 'image/%') "
                                    "AND NOT EXISTS (SELECT 1 FROM probes p WHERE p.sha256 = b.sha256 AND p.version >= ?2)", error);
  if (stmt == NULL)
    return FALSE;
  reslib_statement_bind_text (stmt, 1, project_id);
  reslib_statement_bind_int64 (stmt, 2, RESLIB_PROBE_VERSION);
  while (reslib_statement_step (stmt, error))
    {
      g_ptr_array_add (sha256s, reslib_statement_dup_text (stmt, 0));
      g_ptr_array_add (mime_types, reslib_statement_dup_text (stmt, 1));
    }

  return !reslib_statement_failed (stmt);
}
