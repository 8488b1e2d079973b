/* reslib-probe.c — media facts of files and blobs, and their cache in the store
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Audio and video are read in reslib-probe-media.c, images in reslib-probe-image.c; a project's blobs are
 * probed by the ReslibProber job (reslib-prober.c).
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "reslib-entity.h"
#include "reslib-error.h"
#include "reslib-probe-private.h"
#include "reslib-store-gc.h"
#include "reslib-store-probe.h"

#define PROBE_SNIFF_SIZE 4096

/* ---------------------------------------------------------------------------------------------- */
/* ReslibProbeInfo                                                                                 */

/**
 * reslib_probe_info_free:
 * @info: (nullable) (transfer full): probe facts
 *
 * Frees @info and its strings.
 */
void
reslib_probe_info_free (ReslibProbeInfo *info)
{
  if (info == NULL)
    return;

  g_free (info->sha256);
  g_free (info->mime_type);
  g_free (info->container);
  g_free (info->video_codec);
  g_free (info->audio_codec);
  g_free (info->error);
  g_free (info);
}

/**
 * reslib_probe_info_copy:
 *
 * Returns: (transfer full): a deep copy of @info.
 */
ReslibProbeInfo *
reslib_probe_info_copy (const ReslibProbeInfo *info)
{
  ReslibProbeInfo *copy;

  g_return_val_if_fail (info != NULL, NULL);

  copy = g_memdup2 (info, sizeof *info);
  copy->sha256 = g_strdup (info->sha256);
  copy->mime_type = g_strdup (info->mime_type);
  copy->container = g_strdup (info->container);
  copy->video_codec = g_strdup (info->video_codec);
  copy->audio_codec = g_strdup (info->audio_codec);
  copy->error = g_strdup (info->error);

  return copy;
}

/**
 * reslib_probe_is_media_type:
 * @mime_type: (nullable): a MIME type
 *
 * Returns: whether files of @mime_type (audio, video, image) have media facts to probe
 */
gboolean
reslib_probe_is_media_type (const char *mime_type)
{
  return mime_type != NULL &&
         (g_str_has_prefix (mime_type, "audio/") ||
          g_str_has_prefix (mime_type, "video/") ||
          g_str_has_prefix (mime_type, "image/"));
}

/* The message of a probe error: one line of valid UTF-8. */
static char *
one_line (const char *text)
{
  char *line = g_utf8_make_valid (text != NULL ? text : "", -1);

  for (char *p = line; *p; p++)
    if (*p == '\n' || *p == '\r' || *p == '\t')
      *p = ' ';

  return g_strstrip (line);
}

void
_reslib_probe_set_error (ReslibProbeInfo *info,
                         const char      *message)
{
  g_free (info->error);
  info->error = one_line (message);
}

static char *
sniff_mime_type (const char *path)
{
  guint8 head[PROBE_SNIFF_SIZE];
  g_autofree char *base = g_path_get_basename (path);
  g_autofree char *content_type = NULL;
  size_t n = 0;
  FILE *f = g_fopen (path, "rb");

  if (f != NULL)
    {
      n = fread (head, 1, sizeof head, f);
      fclose (f);
    }
  content_type = g_content_type_guess (base, head, n, NULL);

  return g_content_type_get_mime_type (content_type);
}

/**
 * reslib_probe_file:
 * @path: the file
 * @mime_type: (nullable): its MIME type; %NULL to sniff it
 *
 * Reads the media facts of a file: images (image/ *) with gdk-pixbuf, anything
 * else with GStreamer. Blocks for as long as GStreamer reads the file, at most
 * %RESLIB_PROBE_TIMEOUT_SECONDS: call it in a worker thread. Thread-safe.
 *
 * Returns: (transfer full): the facts, with ->error set when the file could not
 *   be read as media; %NULL with @error set only when the file cannot be opened,
 *   GStreamer is not available, or @cancellable was cancelled.
 */
ReslibProbeInfo *
reslib_probe_file (const char   *path,
                   const char   *mime_type,
                   GCancellable *cancellable,
                   GError      **error)
{
  g_autoptr(ReslibProbeInfo) info = NULL;
  GStatBuf st;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;
  if (g_stat (path, &st) != 0 || (S_ISREG (st.st_mode) && g_access (path, R_OK) != 0))
    {
      int saved_errno = errno;
      g_autofree char *shown = g_filename_display_name (path);

      if (saved_errno == ENOENT)
        g_set_error (error, RESLIB_ERROR, RESLIB_ERROR_BAD_FILE, _("“%s” does not exist"), shown);
      else
        g_set_error (error, RESLIB_ERROR, RESLIB_ERROR_BAD_FILE, _("Cannot read “%s”: %s"), shown,
                     g_strerror (saved_errno));
      return NULL;
    }
  if (!S_ISREG (st.st_mode))
    {
      g_autofree char *shown = g_filename_display_name (path);

      g_set_error (error, RESLIB_ERROR, RESLIB_ERROR_BAD_FILE,
                   _("“%s” is not a regular file: only files can be probed"), shown);
      return NULL;
    }

  info = g_new0 (ReslibProbeInfo, 1);
  info->version = RESLIB_PROBE_VERSION;
  info->mime_type = mime_type != NULL ? g_strdup (mime_type) : sniff_mime_type (path);
  if (info->mime_type == NULL)
    info->mime_type = g_strdup ("application/octet-stream");

  if (st.st_size == 0)
    _reslib_probe_set_error (info, _("The file is empty"));
  else if (g_str_has_prefix (info->mime_type, "image/"))
    _reslib_probe_image (info, path);
  else
    {
      _reslib_probe_check_iso_media (info, path, (guint64) st.st_size);
      if (info->error == NULL && (g_str_equal (info->mime_type, "video/dv") || g_str_equal (info->mime_type, "video/x-dv")))
        _reslib_probe_check_dv (info, path);
      if (info->error == NULL && !_reslib_probe_media (info, path, (guint64) st.st_size, cancellable, error))
        return NULL;
    }

  return g_steal_pointer (&info);
}

/* ---------------------------------------------------------------------------------------------- */
/* Probing blobs                                                                                   */

/* Probes one blob, the store's file or, with @path, a staged copy of it; NULL only when it could not be probed
 * at all. */
static ReslibProbeInfo *
probe_blob (ReslibStore  *store,
            const char   *sha256,
            const char   *path,
            const char   *mime_type,
            GCancellable *cancellable,
            GError      **error)
{
  g_autofree char *blob_path = NULL;
  g_autoptr(ReslibProbeInfo) info = NULL;
  gint64 t0 = g_get_monotonic_time ();

  if (path == NULL)
    {
      path = blob_path = reslib_store_get_blob_path (store, sha256);
      /* A missing file may be in the trash of an interrupted cleanup: put it back first. */
      if (!g_file_test (path, G_FILE_TEST_EXISTS))
        {
          g_autofree char *found = reslib_store_find_blob (store, sha256, NULL);

          (void) found;
        }
    }
  info = reslib_probe_file (path, mime_type, cancellable, error);
  if (info == NULL)
    return NULL;
  info->sha256 = g_strdup (sha256);
  g_debug ("Probed %s (%s) in %.3f s: %s", sha256, mime_type, (g_get_monotonic_time () - t0) / 1e6,
           info->error != NULL ? info->error : "ok");

  return g_steal_pointer (&info);
}

/* Probes one blob and caches the result; FALSE only when it could not be probed at all. */
gboolean
_reslib_probe_blob (ReslibStore  *store,
                    const char   *sha256,
                    const char   *mime_type,
                    GCancellable *cancellable,
                    GError      **error)
{
  g_autoptr(ReslibProbeInfo) info = probe_blob (store, sha256, NULL, mime_type, cancellable, error);

  return info != NULL && reslib_store_put_probe (store, info, error);
}

/* Caches @probes in one transaction: one flush of the database for all of them, where a transaction of
 * their own each cost one fdatasync() apiece. */
static void
put_probes (ReslibStore *store,
            GPtrArray   *probes)
{
  g_autoptr(GError) error = NULL;

  if (probes->len == 0)
    return;
  if (!reslib_store_begin (store, &error))
    {
      g_warning ("Cannot keep the media facts of %u blobs: %s", probes->len, error->message);
      return;
    }
  if (!_reslib_probe_keep (store, probes, &error))
    {
      g_warning ("Cannot keep the media facts: %s", error->message);
      reslib_store_rollback (store);
      return;
    }
  if (!reslib_store_commit (store, &error))
    g_warning ("Cannot keep the media facts of %u blobs: %s", probes->len, error->message);
}

/* Probes the media files among @sha256s that have no fresh probe, each once: the blob of the store, or with
 * @paths the file @paths[i] (a staged copy of the blob), whose MIME type is then the store's or, for a blob
 * the store does not hold yet, @mime_types[i]. Returns the probes; what cannot be probed is only logged. */
static GPtrArray *
probe_many (ReslibStore        *store,
            const char * const *sha256s,
            const char * const *paths,
            const char * const *mime_types,
            GCancellable       *cancellable)
{
  g_autoptr(ReslibProbeLookup) lookup = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) probes = g_ptr_array_new_with_free_func ((GDestroyNotify) reslib_probe_info_free);
  g_autoptr(GHashTable) probed = g_hash_table_new (g_str_hash, g_str_equal);

  lookup = _reslib_store_probe_lookup_new (store, &error);
  if (lookup == NULL)
    {
      g_warning ("Cannot look for blobs to probe: %s", error->message);
      return g_steal_pointer (&probes);
    }

  for (guint i = 0; sha256s != NULL && sha256s[i] != NULL; i++)
    {
      g_autofree char *mime_type = NULL;
      ReslibProbeInfo *info;
      gboolean fresh = FALSE;

      if (g_cancellable_is_cancelled (cancellable))
        break;

      /* A blob listed twice is probed once. */
      if (!g_hash_table_add (probed, (gpointer) sha256s[i]))
        continue;
      _reslib_store_probe_lookup_blob (lookup, sha256s[i], &mime_type, &fresh);
      if (mime_type == NULL && mime_types != NULL)
        mime_type = g_strdup (mime_types[i]);
      if (fresh || !reslib_probe_is_media_type (mime_type))
        continue;
      info = probe_blob (store, sha256s[i], paths != NULL ? paths[i] : NULL, mime_type, cancellable, &error);
      if (info != NULL)
        g_ptr_array_add (probes, info);
      else
        {
          if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
            g_warning ("Cannot probe the blob %s: %s", sha256s[i], error->message);
          g_clear_error (&error);
        }
    }

  return g_steal_pointer (&probes);
}

void
_reslib_probe_blobs (ReslibStore        *store,
                     const char * const *sha256s,
                     GCancellable       *cancellable)
{
  g_autoptr(GPtrArray) probes = NULL;

  g_return_if_fail (RESLIB_IS_STORE (store));

  /* The results are kept at the end, in one transaction; what was probed before a cancellation too. */
  probes = probe_many (store, sha256s, NULL, NULL, cancellable);
  put_probes (store, probes);
}

/**
 * _reslib_probe_staged:
 * @sha256s: (array zero-terminated=1): the blobs
 * @paths: (array zero-terminated=1): where each is staged, not yet named by a committed row
 * @mime_types: (array zero-terminated=1): the MIME type of each, for the blobs the store does not hold yet
 *
 * Probes the media files among staged blobs that the store has no fresh probe of, so that the caller keeps
 * their facts with _reslib_probe_keep() in the transaction that adds their rows: one commit, one flush of the
 * database. Never fails: what cannot be probed is logged and left out.
 *
 * Returns: (transfer full) (element-type ReslibProbeInfo): the probes
 */
GPtrArray *
_reslib_probe_staged (ReslibStore        *store,
                      const char * const *sha256s,
                      const char * const *paths,
                      const char * const *mime_types,
                      GCancellable       *cancellable)
{
  g_return_val_if_fail (RESLIB_IS_STORE (store), NULL);
  g_return_val_if_fail (paths != NULL && mime_types != NULL, NULL);

  return probe_many (store, sha256s, paths, mime_types, cancellable);
}

/* Keeps @probes (of blobs the store holds, or that the caller's open transaction adds). */
gboolean
_reslib_probe_keep (ReslibStore  *store,
                    GPtrArray    *probes,
                    GError      **error)
{
  for (guint i = 0; probes != NULL && i < probes->len; i++)
    if (!reslib_store_put_probe (store, g_ptr_array_index (probes, i), error))
      {
        g_prefix_error (error, "%s: ", ((ReslibProbeInfo *) g_ptr_array_index (probes, i))->sha256);
        return FALSE;
      }

  return TRUE;
}
