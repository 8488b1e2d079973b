/* reslib-tus-client.c — the tus 1.0 protocol, for the upload
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The protocol (DESIGN §6, formats.md §2a): OPTIONS checks Tus-Version and Tus-Max-Size; POST creates the
 * upload, whose URL goes into the submissions row at once; PATCH sends the package in chunks from the server's
 * offset, recording each confirmed offset; after any failure HEAD asks the server where it stands. The HTTP
 * under it (one exchange, its origin check, sorting replies, waiting to retry) is in reslib-tus-http.c.
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <errno.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "reslib-digest.h"
#include "reslib-error.h"
#include "reslib-text.h"
#include "reslib-tus-private.h"

/* ---------------------------------------------------------------------------------------------- */
/* The protocol                                                                                    */

static gboolean
contains_word (const char *list,
               const char *word)
{
  g_auto(GStrv) parts = NULL;

  if (list == NULL)
    return FALSE;
  parts = g_strsplit (list, ",", -1);
  for (guint i = 0; parts[i] != NULL; i++)
    if (g_ascii_strcasecmp (g_strstrip (parts[i]), word) == 0)
      return TRUE;

  return FALSE;
}

gboolean
_reslib_tus_options (Run     *run,
                     GError **error)
{
  g_auto(Response) resp = { 0, };

  for (;;)
    {
      guint64 max_size;

      _reslib_upload_set_stage (run, UPLOAD_STAGE_CONNECTING);
      _reslib_tus_request (run, "OPTIONS", run->self->endpoint, NULL, 0, 0, &resp);
      switch (_reslib_tus_classify (run, "OPTIONS", run->self->endpoint, &resp, error))
        {
        case OUTCOME_OK:
          break;
        case OUTCOME_RETRY:
          if (!_reslib_tus_wait_to_retry (run, error))
            return FALSE;
          continue;
        case OUTCOME_GONE:
        case OUTCOME_CONFLICT:
        case OUTCOME_FATAL:
        default:
          return FALSE;
        }

      if (!contains_word (resp.tus_version, "1.0.0"))
        {
          g_autofree char *endpoint = reslib_escape_text_len (run->self->endpoint, -1, 200);
          g_autofree char *offered = reslib_escape_text_len (resp.tus_version, -1, 80);

          _reslib_upload_set_error (run, error, RESLIB_UPLOAD_ERROR, RESLIB_UPLOAD_ERROR_PROTOCOL,
                                    _("The endpoint at %s does not speak tus 1.0.0 (it offers “%s”): check the "
                                      "endpoint address"),
                                    endpoint, offered);
          return FALSE;
        }
      if (resp.tus_extension != NULL && !contains_word (resp.tus_extension, "creation"))
        {
          g_autofree char *endpoint = reslib_escape_text_len (run->self->endpoint, -1, 200);

          _reslib_upload_set_error (run, error, RESLIB_UPLOAD_ERROR, RESLIB_UPLOAD_ERROR_PROTOCOL,
                                    _("The endpoint at %s cannot create uploads (no tus “creation” extension)"),
                                    endpoint);
          return FALSE;
        }
      if (_reslib_tus_parse_offset (resp.tus_max_size, &max_size) && max_size > 0 && max_size < run->size)
        {
          g_autofree char *have = g_format_size_full (run->size, G_FORMAT_SIZE_LONG_FORMAT);
          g_autofree char *limit = g_format_size_full (max_size, G_FORMAT_SIZE_LONG_FORMAT);

          _reslib_upload_set_error (run, error, RESLIB_UPLOAD_ERROR, RESLIB_UPLOAD_ERROR_TOO_LARGE,
                                    _("The package is %s but the endpoint accepts at most %s: make smaller packages "
                                      "(fewer resources each)"), have, limit);
          return FALSE;
        }
      run->checksum = contains_word (resp.tus_extension, "checksum");
      if (run->checksum)
        {
          if (contains_word (resp.tus_checksum_algorithm, "sha256"))
            run->checksum_algorithm = "sha256";
          else if (contains_word (resp.tus_checksum_algorithm, "sha1") || resp.tus_checksum_algorithm == NULL)
            run->checksum_algorithm = "sha1";
          else
            run->checksum = FALSE;
        }
      run->retries = 0;
      run->failing_since_us = 0;
      return TRUE;
    }
}

static char *
metadata_pair (const char *key,
               const char *value)
{
  g_autofree char *b64 = g_base64_encode ((const guchar *) value, strlen (value));

  return g_strdup_printf ("%s %s", key, b64);
}

/* POST: a new upload; its URL goes to the row at once. */
Outcome
_reslib_tus_create (Run     *run,
                    GError **error)
{
  ReslibUpload *self = run->self;
  g_auto(Response) resp = { 0, };
  g_autofree char *basename = g_path_get_basename (self->package_path);
  g_autofree char *length = g_strdup_printf ("Upload-Length: %" G_GUINT64_FORMAT, run->size);
  g_autoptr(GPtrArray) pairs = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *metadata = NULL;
  g_autofree char *url = NULL;
  g_autofree char *origin = NULL;
  g_autofree char *expires = NULL;
  Outcome outcome;

  g_ptr_array_add (pairs, metadata_pair ("filename", basename));
  if (self->kind != NULL)
    g_ptr_array_add (pairs, metadata_pair ("kind", self->kind));
  if (self->project_id != NULL)
    g_ptr_array_add (pairs, metadata_pair ("project", self->project_id));
  /* The tar's digest when it is known before a byte is sent; else the bag's own (of tagmanifest-sha256.txt,
   * which covers every file's digest), and the tar's goes to the receipt once it was sent. */
  g_ptr_array_add (pairs, metadata_pair (self->sha256_is_bag ? "bag_sha256" : "sha256", self->sha256));
  if (self->bag_name != NULL)
    g_ptr_array_add (pairs, metadata_pair ("bag", self->bag_name));
  g_ptr_array_add (pairs, NULL);
  {
    g_autofree char *joined = g_strjoinv (",", (char **) pairs->pdata);
    metadata = g_strconcat ("Upload-Metadata: ", joined, NULL);
  }

  _reslib_upload_set_stage (run, UPLOAD_STAGE_CONNECTING);
  _reslib_tus_request (run, "POST", self->endpoint, (const char * const[]) { length, metadata, NULL }, 0, 0, &resp);
  outcome = _reslib_tus_classify (run, "POST", self->endpoint, &resp, error);
  if (outcome != OUTCOME_OK)
    return outcome;
  if (resp.status != 201 || resp.location == NULL || strlen (resp.location) > MAX_URL_LENGTH ||
      (url = _reslib_tus_resolve_url (self->endpoint, resp.location)) == NULL ||
      (self->token != NULL && *self->token != '\0' && strstr (url, self->token) != NULL))
    {
      _reslib_upload_set_error (run, error, RESLIB_UPLOAD_ERROR, RESLIB_UPLOAD_ERROR_SERVER,
                                _("The endpoint did not create an upload (HTTP %ld, no valid Location)"), resp.status);
      return OUTCOME_FATAL;
    }
  run->created++;
  /* The address of the new upload gets the token and the package: the endpoint's own origin only. */
  origin = _reslib_tus_url_origin (url);
  if (g_strcmp0 (origin, run->origin) != 0)
    {
      g_autofree char *shown = reslib_escape_text_len (url, -1, 200);
      g_autofree char *own = reslib_escape_text_len (run->origin, -1, 200);

      _reslib_upload_set_error (run, error, RESLIB_UPLOAD_ERROR, RESLIB_UPLOAD_ERROR_SERVER,
                                _("The endpoint put the new upload on another site (%s): the token and the package go "
                                  "only to the endpoint’s own site, %s. Report this to the provincial office"),
                                shown, own);
      return OUTCOME_FATAL;
    }

  g_free (run->upload_url);
  run->upload_url = g_steal_pointer (&url);
  run->offset = 0;
  expires = _reslib_tus_expires_at (&resp);
  if (!_reslib_submission_save_upload (run, expires, error))
    return OUTCOME_FATAL;

  return OUTCOME_OK;
}

/* HEAD: where does the server stand? */
Outcome
_reslib_tus_head (Run     *run,
                  GError **error)
{
  g_auto(Response) resp = { 0, };
  g_autofree char *expires = NULL;
  guint64 offset;
  guint64 length;
  Outcome outcome;

  _reslib_upload_set_stage (run, UPLOAD_STAGE_CONNECTING);
  _reslib_tus_request (run, "HEAD", run->upload_url, NULL, 0, 0, &resp);
  outcome = _reslib_tus_classify (run, "HEAD", run->upload_url, &resp, error);
  if (outcome != OUTCOME_OK)
    return outcome;
  expires = _reslib_tus_expires_at (&resp);
  if (!_reslib_tus_parse_offset (resp.upload_offset, &offset))
    {
      g_autofree char *shown = reslib_escape_text_len (run->upload_url, -1, 200);

      _reslib_upload_set_error (run, error, RESLIB_UPLOAD_ERROR, RESLIB_UPLOAD_ERROR_SERVER,
                                _("The endpoint did not say how much of %s it holds (no Upload-Offset)"), shown);
      return OUTCOME_FATAL;
    }
  /* Not the upload of this package (or a broken one): start again. */
  if ((_reslib_tus_parse_offset (resp.upload_length, &length) && length != run->size) || offset > run->size)
    return OUTCOME_GONE;

  run->offset = offset;
  if (!_reslib_submission_save_offset (run, expires, error))
    return OUTCOME_FATAL;

  return OUTCOME_OK;
}

static char *
chunk_checksum (Run     *run,
                guint64  offset,
                guint64  length,
                GError **error)
{
  g_autoptr(ReslibHasher) hasher = NULL;
  g_autofree guchar *buffer = NULL;
  guint8 digest[RESLIB_DIGEST_MAX_SIZE];
  gsize digest_len;
  guint64 done = 0;
  g_autofree char *b64 = NULL;

  hasher = reslib_hasher_new (strcmp (run->checksum_algorithm, "sha256") == 0 ? RESLIB_DIGEST_SHA256 : RESLIB_DIGEST_SHA1,
                              error);
  if (hasher == NULL)
    return NULL;
  buffer = g_malloc (1024 * 1024);
  while (done < length)
    {
      gssize n = _reslib_submission_read (run, offset + done, buffer, MIN (length - done, 1024 * 1024), error);

      if (n <= 0)
        {
          if (n == 0)
            _reslib_set_error_from_errno (error, EIO, run->self->package_path);
          return NULL;
        }
      reslib_hasher_update (hasher, buffer, (gsize) n);
      done += (guint64) n;
    }
  digest_len = reslib_hasher_finish (hasher, digest);
  b64 = g_base64_encode (digest, digest_len);

  return g_strdup_printf ("Upload-Checksum: %s %s", run->checksum_algorithm, b64);
}

/* PATCH: the next chunk from the server's offset. */
Outcome
_reslib_tus_patch (Run     *run,
                   GError **error)
{
  g_auto(Response) resp = { 0, };
  guint64 length = MIN (run->checksum ? MIN (run->self->chunk_size, RESLIB_UPLOAD_CHECKSUM_CHUNK_SIZE)
                                      : run->self->chunk_size,
                        run->size - run->offset);
  g_autofree char *offset_header = g_strdup_printf ("Upload-Offset: %" G_GUINT64_FORMAT, run->offset);
  g_autofree char *checksum = NULL;
  g_autofree char *expires = NULL;
  struct stat st;
  guint64 offset;
  Outcome outcome;
  gboolean saved;

  /* What is sent must be what was hashed. */
  if (run->stream == NULL &&
      (fstat (run->fd, &st) != 0 || (guint64) st.st_size != run->size || st.st_mtim.tv_sec != run->mtime.tv_sec ||
       st.st_mtim.tv_nsec != run->mtime.tv_nsec))
    {
      g_set_error (error, RESLIB_ERROR, RESLIB_ERROR_CHANGED,
                   _("“%s” changed during the upload: upload it again"), run->self->package_path);
      return OUTCOME_FATAL;
    }
  /* The tar's digest takes the body as it goes: it must stand where the body starts. */
  if (!_reslib_submission_hash_to (run, run->offset, error))
    return OUTCOME_FATAL;
  if (run->checksum && (checksum = chunk_checksum (run, run->offset, length, error)) == NULL)
    return OUTCOME_FATAL;

  _reslib_upload_set_stage (run, UPLOAD_STAGE_SENDING);
  _reslib_tus_request (run, "PATCH", run->upload_url,
           (const char * const[]) { "Content-Type: application/offset+octet-stream", offset_header, checksum, NULL },
           run->offset, length, &resp);
  outcome = _reslib_tus_classify (run, "PATCH", run->upload_url, &resp, error);
  if (outcome != OUTCOME_OK)
    return outcome;
  expires = _reslib_tus_expires_at (&resp);
  if (!_reslib_tus_parse_offset (resp.upload_offset, &offset) || offset < run->offset || offset > run->size)
    {
      g_autofree char *shown = reslib_escape_text_len (resp.upload_offset, -1, 40);

      _reslib_upload_set_error (run, error, RESLIB_UPLOAD_ERROR, RESLIB_UPLOAD_ERROR_SERVER,
                                _("The endpoint answered the upload with an invalid offset (%s)"), shown);
      return OUTCOME_FATAL;
    }
  /* A PATCH that takes nothing (or next to nothing) is a failure like any other: it is retried after a
   * wait, and counts towards the limit, or a server could keep the client sending forever. */
  if (offset < run->offset + MIN (RESLIB_UPLOAD_MIN_CHUNK_SIZE, run->size - run->offset))
    {
      g_autofree char *text = NULL;
      g_autofree char *at = g_strdup_printf ("%" G_GUINT64_FORMAT, offset);
      g_autofree char *took = g_strdup_printf ("%" G_GUINT64_FORMAT, offset - run->offset);
      g_autofree char *sent = g_strdup_printf ("%" G_GUINT64_FORMAT, length);

      if (offset == run->offset)
        /* Translators: why an upload is retried; the argument is a number of bytes */
        text = g_strdup_printf (_("the endpoint took none of the data sent, staying at byte %s"), at);
      else
        /* Translators: why an upload is retried; the arguments are numbers of bytes */
        text = g_strdup_printf (_("the endpoint took only %s bytes of %s"), took, sent);
      run->offset = offset;
      if (!_reslib_submission_save_offset (run, expires, error))
        return OUTCOME_FATAL;
      g_free (run->last_error);
      run->last_error = g_steal_pointer (&text);
      return OUTCOME_RETRY;
    }
  /* Only new ground resets the count of failures: a server that loses what it took (HEAD answers a lower
   * offset) and fails again would otherwise be retried forever. */
  if (offset > run->high_water)
    {
      run->retries = 0;
      run->failing_since_us = 0;
      run->high_water = offset;
    }
  run->offset = offset;
  /* The offset and the digest's state at it in one transaction, not waited for on the disk: the request
   * after it waits for no flush. Should a power loss take the last of these away, the next run still asks the
   * server where it stands (HEAD) and hashes the package up to there from the state before. */
  if (!reslib_store_set_synced (run->store, FALSE, error))
    return OUTCOME_FATAL;
  saved = reslib_store_begin (run->store, error);
  if (saved && (!_reslib_submission_save_offset (run, expires, error) || !_reslib_submission_save_hash (run, error)))
    {
      reslib_store_rollback (run->store);
      saved = FALSE;
    }
  saved = saved && reslib_store_commit (run->store, error);
  if (!reslib_store_set_synced (run->store, TRUE, saved ? error : NULL) || !saved)
    return OUTCOME_FATAL;
  _reslib_upload_emit_progress (run, FALSE);

  return OUTCOME_OK;
}


/* DELETE (tus termination): the server forgets the upload at @url. */
Outcome
_reslib_tus_delete (Run         *run,
                    const char  *url,
                    GError     **error)
{
  g_auto(Response) resp = { 0, };

  _reslib_tus_request (run, "DELETE", url, NULL, 0, 0, &resp);
  return _reslib_tus_classify (run, "DELETE", url, &resp, error);
}
