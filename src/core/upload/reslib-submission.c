/* reslib-submission.c — the package an upload sends and its row in submissions, which a later run resumes from
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A submission is known by the package's SHA-256 and the endpoint: an unfinished one is resumed, a complete one
 * is not sent again. Its row holds the upload's URL on the server, the offset the server confirmed last, when
 * the server forgets the upload, the attempts and the last error. Every change goes through the store.
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "reslib-digest.h"
#include "reslib-entity.h"
#include "reslib-error.h"
#include "reslib-record.h"
#include "reslib-store.h"
#include "reslib-store-packages.h"
#include "reslib-store-plans.h"
#include "reslib-pack-stream.h"
#include "reslib-upload-private.h"

/* ---------------------------------------------------------------------------------------------- */
/* The submissions row                                                                             */

gboolean
_reslib_submission_save (Run                *run,
                         const char * const *fields,
                         const char * const *values,
                         GError            **error)
{
  return _reslib_store_update_submission (run->store, run->submission_id, fields, values, error);
}

/* The server's confirmed offset, and when it forgets the upload (@expires_at, if it said). */
gboolean
_reslib_submission_save_offset (Run         *run,
                                const char  *expires_at,
                                GError     **error)
{
  g_autofree char *offset = g_strdup_printf ("%" G_GUINT64_FORMAT, run->offset);

  if (expires_at != NULL)
    return _reslib_submission_save (run, (const char * const[]) { "upload_offset", "expires_at", "last_error", NULL },
                                    (const char * const[]) { offset, expires_at, NULL }, error);

  return _reslib_submission_save (run, (const char * const[]) { "upload_offset", "last_error", NULL },
                                  (const char * const[]) { offset, NULL }, error);
}

/* A new upload on the server: its URL goes to the row at once, at offset 0. */
gboolean
_reslib_submission_save_upload (Run         *run,
                                const char  *expires_at,
                                GError     **error)
{
  return _reslib_submission_save (run,
                                  (const char * const[]) { "upload_url", "upload_offset", "expires_at", "last_error",
                                                           NULL },
                                  (const char * const[]) { run->upload_url, "0", NULL, NULL }, error) &&
         _reslib_submission_save_offset (run, expires_at, error);
}

/* One more attempt; with @with_last_error, why the last one failed (run->last_error). */
gboolean
_reslib_submission_note_attempt (Run       *run,
                                 gboolean   with_last_error,
                                 GError   **error)
{
  g_autoptr(ReslibRecord) row = reslib_store_get (run->store, RESLIB_KIND_SUBMISSION, run->submission_id, NULL);
  g_autofree char *attempts = g_strdup_printf ("%" G_GINT64_FORMAT,
                                               (row ? reslib_record_get_int (row, "attempts", 0) : 0) + 1);

  if (with_last_error)
    return _reslib_submission_save (run, (const char * const[]) { "attempts", "last_error", NULL },
                                    (const char * const[]) { attempts, run->last_error }, error);

  return _reslib_submission_save (run, (const char * const[]) { "attempts", NULL },
                                  (const char * const[]) { attempts }, error);
}

/* ---------------------------------------------------------------------------------------------- */
/* The body: the package file or the stream, and the tar's digest on the way                      */

/* Reads the package at @offset: from the file, or the stream of a streamed package. */
gssize
_reslib_submission_read (Run      *run,
                         guint64   offset,
                         void     *buffer,
                         gsize     len,
                         GError  **error)
{
  ssize_t n;

  if (run->stream != NULL)
    return reslib_pack_stream_read (run->stream, offset, buffer, len, error);
  do
    n = pread (run->fd, buffer, len, (off_t) offset);
  while (n < 0 && errno == EINTR);
  if (n < 0)
    _reslib_set_error_from_errno (error, errno, run->self->package_path);

  return (gssize) n;
}

/* Brings the tar's digest to @offset, where the next body starts: the bytes the server holds but this run
 * did not hash (a resume past the saved state: at most a checkpoint's worth and the bytes in flight when the
 * last run ended) are read, not sent. When the digest is past @offset (it took the body read ahead of a
 * request that failed, or the server lost data), it goes on from the last state saved at or before @offset,
 * or starts again. */
gboolean
_reslib_submission_hash_to (Run      *run,
                            guint64   offset,
                            GError  **error)
{
  g_autofree guint8 *buffer = NULL;

  if (run->tar_md == NULL || run->hashed_to == offset)
    return TRUE;
  if (run->hashed_to > offset)
    {
      reslib_sha256_resumable_free (run->tar_md);
      run->tar_md = NULL;
      if (run->mark.offset > 0 && run->mark.offset <= offset)
        run->tar_md = reslib_sha256_resumable_restore (run->mark.state, sizeof run->mark.state);
      run->hashed_to = run->tar_md != NULL ? run->mark.offset : 0;
      if (run->tar_md == NULL)
        run->tar_md = reslib_sha256_resumable_new ();
    }
  g_debug ("hashing %" G_GUINT64_FORMAT " bytes of the package the server holds", offset - run->hashed_to);
  buffer = g_malloc (1024 * 1024);
  while (run->hashed_to < offset)
    {
      gssize n = _reslib_submission_read (run, run->hashed_to, buffer, (gsize) MIN (offset - run->hashed_to,
                                                                                      1024 * 1024), error);

      if (n < 0)
        return FALSE;
      if (n == 0)
        {
          g_set_error (error, RESLIB_ERROR, RESLIB_ERROR_CHANGED, _("“%s” changed during the upload: upload it again"),
                       run->self->package_path);
          return FALSE;
        }
      reslib_sha256_resumable_update (run->tar_md, buffer, (gsize) n);
      run->hashed_to += (guint64) n;
      if (g_cancellable_set_error_if_cancelled (run->cancellable, error))
        return FALSE;
    }

  return TRUE;
}

/* Keeps the tar's digest as it stands at the server's confirmed offset, so a later run goes on from there. */
gboolean
_reslib_submission_save_hash (Run      *run,
                              GError  **error)
{
  Checkpoint cp = { run->hashed_to, { 0 } };

  if (run->tar_md == NULL || run->hashed_to != run->offset)
    return TRUE;
  reslib_sha256_resumable_save (run->tar_md, cp.state);

  return _reslib_submission_save_checkpoint (run, &cp, error);
}

/* Keeps @checkpoint, a state of the tar's digest, in the row (for a later run) and in the run (for a retry
 * after a request that failed). The caller decides how safely it is written (reslib_store_set_synced()). */
gboolean
_reslib_submission_save_checkpoint (Run               *run,
                                    const Checkpoint  *checkpoint,
                                    GError           **error)
{
  if (run->submission_id == NULL)
    return TRUE;
  if (!_reslib_store_save_submission_hash (run->store, run->submission_id, checkpoint->offset, checkpoint->state,
                                           sizeof checkpoint->state, error))
    return FALSE;
  run->mark = *checkpoint;

  return TRUE;
}

/* Takes the tar's digest up where an earlier run left it, if it kept it. */
static void
restore_hash (Run                        *run,
              const ReslibSubmissionPlan *plan)
{
  g_clear_pointer (&run->tar_md, reslib_sha256_resumable_free);
  if (plan->hash_state != NULL && plan->hash_offset <= run->size)
    run->tar_md = reslib_sha256_resumable_restore (g_bytes_get_data (plan->hash_state, NULL),
                                                   g_bytes_get_size (plan->hash_state));
  run->hashed_to = run->tar_md != NULL ? plan->hash_offset : 0;
  if (run->tar_md == NULL)
    run->tar_md = reslib_sha256_resumable_new ();
  else
    {
      run->mark.offset = run->hashed_to;
      reslib_sha256_resumable_save (run->tar_md, run->mark.state);
    }
}

/* The server holds the whole package: the row says so, and the audit log keeps the upload (not every chunk). */
gboolean
_reslib_submission_complete (Run     *run,
                             GError **error)
{
  ReslibUpload *self = run->self;
  g_autofree char *now = reslib_now_iso8601 ();
  g_autofree char *size = g_strdup_printf ("%" G_GUINT64_FORMAT, run->size);
  g_autoptr(ReslibRecord) row = NULL;
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *detail = NULL;

  /* The tar's digest, when it was computed on the way: the receipt. */
  if (run->tar_md != NULL)
    {
      char tar_sha256[RESLIB_SHA256_HEX_SIZE];

      if (!_reslib_submission_hash_to (run, run->size, error))
        return FALSE;
      reslib_sha256_resumable_finish_hex (run->tar_md, tar_sha256);
      g_clear_pointer (&run->tar_md, reslib_sha256_resumable_free);
      g_free (self->tar_sha256);
      self->tar_sha256 = g_strdup (tar_sha256);
      if (!_reslib_store_set_submission_tar_sha256 (run->store, run->submission_id, tar_sha256, error))
        return FALSE;
    }
  else if (!self->sha256_is_bag)
    {
      g_free (self->tar_sha256);
      self->tar_sha256 = g_strdup (self->sha256);
    }
  if (!_reslib_submission_save (run, (const char * const[]) { "upload_offset", "completed_at", "last_error", NULL },
                                (const char * const[]) { size, now, NULL }, error))
    return FALSE;
  /* A streamed package is not made again: its members go, and the collection may take their files. */
  if (run->stream != NULL && !_reslib_store_drop_submission_plan (run->store, run->submission_id, error))
    return FALSE;

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "endpoint");
  json_builder_add_string_value (b, self->endpoint);
  json_builder_set_member_name (b, "upload_url");
  json_builder_add_string_value (b, run->upload_url);
  json_builder_set_member_name (b, "size");
  json_builder_add_int_value (b, (gint64) run->size);
  json_builder_set_member_name (b, "sha256");
  json_builder_add_string_value (b, self->tar_sha256);
  if (self->sha256_is_bag)
    {
      json_builder_set_member_name (b, "bag_sha256");
      json_builder_add_string_value (b, self->sha256);
    }
  if (run->stream != NULL)
    {
      json_builder_set_member_name (b, "streamed");
      json_builder_add_boolean_value (b, TRUE);
    }
  json_builder_end_object (b);
  root = json_builder_get_root (b);
  detail = json_to_string (root, FALSE);
  row = reslib_store_get (run->store, RESLIB_KIND_SUBMISSION, run->submission_id, error);

  return row != NULL &&
         reslib_store_log_event (run->store, reslib_record_get (row, "project_id"), RESLIB_KIND_SUBMISSION,
                                 run->submission_id, "upload", detail, error);
}

/* The submission's upload was ended on the server: a later upload of the package starts afresh. */
gboolean
_reslib_submission_forget_upload (ReslibStore  *store,
                                  const char   *submission_id,
                                  GError      **error)
{
  return _reslib_store_update_submission (store, submission_id,
                                          (const char * const[]) { "upload_url", "upload_offset", "expires_at",
                                                                   "last_error", NULL },
                                          (const char * const[]) { NULL, "0", NULL, _("Cancelled") }, error) &&
         _reslib_store_drop_submission_plan (store, submission_id, error);
}

/* ---------------------------------------------------------------------------------------------- */
/* Paused, cancelled                                                                               */

static const char * const lifecycle_actions[] = { "pause", "resume", "cancel", NULL };

/**
 * reslib_submission_get_state:
 * @store: the store
 * @row: a row of submissions
 *
 * Returns: where the submission stands: complete by its row; else paused or cancelled by the last of its
 *   "pause", "resume" and "cancel" events; else unfinished
 */
ReslibSubmissionState
reslib_submission_get_state (ReslibStore  *store,
                             ReslibRecord *row)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *action = NULL;

  g_return_val_if_fail (RESLIB_IS_STORE (store), RESLIB_SUBMISSION_UNFINISHED);
  g_return_val_if_fail (row != NULL, RESLIB_SUBMISSION_UNFINISHED);

  if (reslib_record_get (row, "completed_at") != NULL)
    return RESLIB_SUBMISSION_COMPLETE;
  action = reslib_store_last_event_action (store, reslib_record_get_id (row), lifecycle_actions, &local_error);
  if (local_error != NULL)
    g_debug ("Could not read the events of submission %s: %s", reslib_record_get_id (row), local_error->message);
  if (g_strcmp0 (action, "cancel") == 0)
    return RESLIB_SUBMISSION_CANCELLED;
  if (g_strcmp0 (action, "pause") == 0)
    return RESLIB_SUBMISSION_PAUSED;

  return RESLIB_SUBMISSION_UNFINISHED;
}

/**
 * reslib_submission_is_streamed:
 * @store: the store
 * @row: a row of submissions
 *
 * Returns: whether the submission's package is streamed from the store (reslib_upload_new_streamed()): it
 *   has no package file, and its package_path is only the package's name
 */
gboolean
reslib_submission_is_streamed (ReslibStore  *store,
                               ReslibRecord *row)
{
  g_auto(ReslibSubmissionPlan) plan = { 0 };

  g_return_val_if_fail (RESLIB_IS_STORE (store), FALSE);
  g_return_val_if_fail (row != NULL, FALSE);

  return _reslib_store_get_submission_plan (store, reslib_record_get_id (row), &plan, NULL) && plan.streamed;
}

/**
 * reslib_submission_set_paused:
 * @store: a store that can be written
 * @submission_id: the submission
 * @paused: %TRUE when the user paused it, %FALSE when they resumed it
 * @error: where the reason goes
 *
 * Notes a pause (the application does not resume the submission at start) or a resume in the audit log;
 * nothing for a submission already in that state, complete or cancelled.
 *
 * Returns: %TRUE, or %FALSE with @error set
 */
gboolean
reslib_submission_set_paused (ReslibStore  *store,
                              const char   *submission_id,
                              gboolean      paused,
                              GError      **error)
{
  g_autoptr(ReslibRecord) row = NULL;
  ReslibSubmissionState state;

  g_return_val_if_fail (RESLIB_IS_STORE (store), FALSE);
  g_return_val_if_fail (submission_id != NULL, FALSE);

  row = reslib_store_get (store, RESLIB_KIND_SUBMISSION, submission_id, error);
  if (row == NULL)
    return FALSE;
  state = reslib_submission_get_state (store, row);
  if ((paused && state != RESLIB_SUBMISSION_UNFINISHED) || (!paused && state != RESLIB_SUBMISSION_PAUSED))
    return TRUE;

  return reslib_store_log_event (store, reslib_record_get (row, "project_id"), RESLIB_KIND_SUBMISSION, submission_id,
                                 paused ? "pause" : "resume", NULL, error);
}

/* ---------------------------------------------------------------------------------------------- */
/* The package and its digest                                                                      */

static char *
hash_file (Run     *run,
           GError **error)
{
  g_autoptr(ReslibHasher) hasher = reslib_hasher_new (RESLIB_DIGEST_SHA256, error);
  g_autofree guchar *buffer = NULL;
  guint64 pos = 0;
  char *hex;

  if (hasher == NULL)
    return NULL;
  buffer = g_malloc (1024 * 1024);
  for (;;)
    {
      ssize_t n = pread (run->fd, buffer, 1024 * 1024, (off_t) pos);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          _reslib_set_error_from_errno (error, errno, run->self->package_path);
          return NULL;
        }
      if (n == 0)
        break;
      reslib_hasher_update (hasher, buffer, (gsize) n);
      pos += (guint64) n;
      run->hashed = pos;
      _reslib_upload_emit_progress (run, FALSE);
      if ((pos & (64 * 1024 * 1024 - 1)) == 0 && g_cancellable_set_error_if_cancelled (run->cancellable, error))
        return NULL;
    }
  if (pos != run->size)
    {
      g_set_error (error, RESLIB_ERROR, RESLIB_ERROR_CHANGED, _("“%s” changed while it was being read"),
                   run->self->package_path);
      return NULL;
    }

  hex = g_malloc (RESLIB_SHA256_HEX_SIZE);
  reslib_hasher_finish_hex (hasher, hex);

  return hex;
}

/* The digest pack recorded for this very file (same path, size, time, inode), if any: reading a package of
 * tens of GB again only to hash it would cost as long as a good part of the upload. */
static char *
recorded_sha256 (Run               *run,
                 const struct stat *st)
{
  ReslibPackageFile facts = { (guint64) st->st_size,
                              (gint64) st->st_mtim.tv_sec * G_GINT64_CONSTANT (1000000000) + st->st_mtim.tv_nsec,
                              (guint64) st->st_dev, (guint64) st->st_ino };
  g_autoptr(GError) local_error = NULL;
  char *sha = reslib_store_find_package_sha256 (run->store, run->self->package_path, &facts, &local_error);

  if (local_error != NULL)
    g_debug ("Could not look up the package’s digest: %s", local_error->message);
  return sha;
}

static guint64
tar_octal (const char *field,
           gsize       len)
{
  guint64 value = 0;

  for (gsize i = 0; i < len && field[i] != '\0'; i++)
    if (field[i] >= '0' && field[i] <= '7')
      value = value * 8 + (guint64) (field[i] - '0');

  return value;
}

#define TAG_MANIFEST_MAX (1024 * 1024)

/* The bag's own digest (SHA-256 of <bag>/tagmanifest-sha256.txt) of a package read cheaply: the tar's
 * headers only, each member's data skipped, and the tag manifest (a few lines). FALSE when the file is not
 * such a tar (then the whole file must be hashed before a byte is sent). */
static gboolean
read_bag_digest (Run   *run,
                 char  *out)
{
  char header[512];
  guint64 pos = 0;

  while (pos + sizeof header <= run->size)
    {
      g_autofree char *name = NULL;
      guint64 size;
      const char *slash;

      if (pread (run->fd, header, sizeof header, (off_t) pos) != (ssize_t) sizeof header || header[0] == '\0' ||
          memcmp (header + 257, "ustar", 5) != 0)
        return FALSE;
      size = tar_octal (header + 124, 12);
      if (size > run->size)
        return FALSE;
      name = header[345] != '\0' ? g_strdup_printf ("%.155s/%.100s", header + 345, header) : g_strndup (header, 100);
      slash = strchr (name, '/');
      if ((header[156] == '0' || header[156] == '\0') && slash != NULL &&
          strcmp (slash + 1, "tagmanifest-sha256.txt") == 0)
        {
          g_autofree guint8 *text = NULL;

          if (size > TAG_MANIFEST_MAX || pos + 512 + size > run->size)
            return FALSE;
          text = g_malloc (MAX (size, 1));
          if (pread (run->fd, text, size, (off_t) (pos + 512)) != (ssize_t) size)
            return FALSE;
          reslib_sha256_hex (text, size, out);
          return TRUE;
        }
      pos += 512 + (size + 511) / 512 * 512;
    }

  return FALSE;
}

/* Opens the package and knows its digest: recorded by pack, or read. */
gboolean
_reslib_submission_open_package (Run     *run,
                                 GError **error)
{
  ReslibUpload *self = run->self;
  struct stat st;

  run->fd = reslib_open_input (self->package_path, O_RDONLY, error);
  if (run->fd < 0)
    return FALSE;
  if (fstat (run->fd, &st) != 0)
    {
      _reslib_set_error_from_errno (error, errno, self->package_path);
      return FALSE;
    }
  if (!S_ISREG (st.st_mode))
    {
      g_set_error (error, RESLIB_ERROR, RESLIB_ERROR_BAD_FILE, _("“%s” is not a file"), self->package_path);
      return FALSE;
    }
  run->size = (guint64) st.st_size;
  run->mtime = st.st_mtim;
  posix_fadvise (run->fd, 0, 0, POSIX_FADV_SEQUENTIAL);

  _reslib_upload_set_stage (run, UPLOAD_STAGE_HASHING);
  g_free (self->sha256);
  self->sha256 = recorded_sha256 (run, &st);
  self->sha256_is_bag = FALSE;
  if (self->sha256 != NULL)
    return TRUE;
  /* A bag whose tag manifest can be read: it goes by the bag's digest, and the tar's is computed on the way
   * (the endpoint gets no digest of the tar before the bytes; tus has no place for one after them). */
  {
    char bag_sha256[RESLIB_SHA256_HEX_SIZE];

    if (read_bag_digest (run, bag_sha256))
      {
        self->sha256 = g_strdup (bag_sha256);
        self->sha256_is_bag = TRUE;
        run->tar_md = reslib_sha256_resumable_new ();
        run->hashed_to = 0;
        return TRUE;
      }
  }
  self->sha256 = hash_file (run, error);
  if (self->sha256 == NULL)
    return FALSE;
  /* Kept, so that a resumed or repeated upload of this very file need not read it all again. */
  if (self->project_id != NULL)
    {
      ReslibPackageFile facts = { (guint64) st.st_size,
                                  (gint64) st.st_mtim.tv_sec * G_GINT64_CONSTANT (1000000000) + st.st_mtim.tv_nsec,
                                  (guint64) st.st_dev, (guint64) st.st_ino };
      g_autoptr(GError) local_error = NULL;

      if (!reslib_store_note_package_hashed (run->store, self->project_id, self->package_path, &facts,
                                             self->sha256, &local_error))
        g_debug ("Could not record the package’s digest: %s", local_error->message);
    }

  return TRUE;
}

/* ---------------------------------------------------------------------------------------------- */
/* Which submission                                                                                */

/* Takes up an unfinished submission: its upload on the server, unless it expired. */
static gboolean
resume_row (Run           *run,
            ReslibRecord  *row,
            GError       **error)
{
  run->upload_url = g_strdup (reslib_record_get (row, "upload_url"));
  /* Running it again is resuming it. */
  if (!reslib_submission_set_paused (run->store, run->submission_id, FALSE, error))
    return FALSE;
  /* An upload past its expiry is gone from the server: start again without asking. */
  if (run->upload_url != NULL && reslib_record_get (row, "expires_at") != NULL)
    {
      g_autoptr(GDateTime) expires = g_date_time_new_from_iso8601 (reslib_record_get (row, "expires_at"), NULL);
      g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

      if (expires != NULL && g_date_time_compare (expires, now) <= 0)
        g_clear_pointer (&run->upload_url, g_free);
    }
  return TRUE;
}

/* Finds the submission to resume, or makes one. */
gboolean
_reslib_submission_find (Run     *run,
                         GError **error)
{
  ReslibUpload *self = run->self;
  g_autoptr(ReslibRecord) row = NULL;

  if (self->submission_id != NULL)
    {
      row = reslib_store_get (run->store, RESLIB_KIND_SUBMISSION, self->submission_id, error);
      if (row == NULL)
        return FALSE;
      if (reslib_submission_get_state (run->store, row) == RESLIB_SUBMISSION_CANCELLED)
        {
          g_set_error (error, RESLIB_ERROR, RESLIB_ERROR_INVALID,
                       _("The upload of “%s” was cancelled: upload the package again as a new submission"),
                       self->package_path);
          return FALSE;
        }
      if (!reslib_upload_check_kind (reslib_record_get (row, "kind"), self->package_path, error))
        return FALSE;
      if (g_strcmp0 (reslib_record_get (row, "sha256"), self->sha256) != 0)
        {
          g_set_error (error, RESLIB_UPLOAD_ERROR, RESLIB_UPLOAD_ERROR_CHANGED,
                       _("“%s” is not the package this submission was started with (its sha256 differs): "
                         "upload it as a new submission"), self->package_path);
          return FALSE;
        }
      if (self->endpoint == NULL)
        self->endpoint = g_strdup (reslib_record_get (row, "endpoint"));
    }
  else
    {
      g_autoptr(GListModel) rows = NULL;
      g_autoptr(ReslibRecord) complete = NULL;

      if (self->project_id == NULL)
        {
          g_set_error_literal (error, RESLIB_ERROR, RESLIB_ERROR_INVALID,
                               _("The project of the package is not known: give it"));
          return FALSE;
        }
      rows = reslib_store_list (run->store, RESLIB_KIND_SUBMISSION, self->project_id, error);
      if (rows == NULL)
        return FALSE;
      for (guint i = 0; i < g_list_model_get_n_items (rows) && row == NULL; i++)
        {
          g_autoptr(ReslibRecord) r = g_list_model_get_item (rows, i);

          if (g_strcmp0 (reslib_record_get (r, "sha256"), self->sha256) != 0 ||
              g_strcmp0 (reslib_record_get (r, "endpoint"), self->endpoint) != 0)
            continue;
          /* A cancelled submission is never resumed: the package goes as a new one. */
          if (reslib_submission_get_state (run->store, r) == RESLIB_SUBMISSION_CANCELLED)
            continue;
          if (reslib_record_get (r, "completed_at") == NULL)
            row = g_steal_pointer (&r);
          else if (complete == NULL)
            complete = g_steal_pointer (&r);
        }
      if (row == NULL && complete != NULL)
        row = g_steal_pointer (&complete);
    }

  if (row != NULL)
    {
      g_free (self->submission_id);
      self->submission_id = g_strdup (reslib_record_get_id (row));
      run->submission_id = g_strdup (self->submission_id);
      if (self->sha256_is_bag)
        {
          g_auto(ReslibSubmissionPlan) plan = { 0 };

          if (!_reslib_store_get_submission_plan (run->store, run->submission_id, &plan, error))
            return FALSE;
          restore_hash (run, &plan);
          self->tar_sha256 = g_strdup (plan.tar_sha256);
        }
      if (reslib_record_get (row, "completed_at") != NULL)
        {
          self->was_complete = TRUE;
          run->upload_url = g_strdup (reslib_record_get (row, "upload_url"));
          return TRUE;
        }
      return resume_row (run, row, error);
    }

  {
    g_autofree char *size = g_strdup_printf ("%" G_GUINT64_FORMAT, run->size);
    const char * const fields[] = { "project_id", "kind", "package_path", "size", "sha256", "endpoint", NULL };
    const char * const values[] = { self->project_id, self->kind, self->package_path, size, self->sha256,
                                    self->endpoint };

    if (self->kind == NULL)
      {
        g_set_error_literal (error, RESLIB_ERROR, RESLIB_ERROR_INVALID,
                             _("The kind of the package is not known: give it"));
        return FALSE;
      }
    run->submission_id = reslib_store_insert (run->store, RESLIB_KIND_SUBMISSION, fields, values, error);
    if (run->submission_id == NULL)
      return FALSE;
    g_free (self->submission_id);
    self->submission_id = g_strdup (run->submission_id);
  }

  return TRUE;
}


/* ---------------------------------------------------------------------------------------------- */
/* A package streamed from the store                                                               */

/* The project's pending streamed submission of this kind to this endpoint (unfinished or paused, its package
 * kept), or the one set with reslib_upload_set_submission_id(); else none (%NULL, no error). */
static ReslibRecord *
find_streamed (Run      *run,
               GError  **error)
{
  ReslibUpload *self = run->self;
  g_autoptr(GListModel) rows = NULL;
  guint n;

  if (self->submission_id != NULL)
    {
      g_autoptr(ReslibRecord) row = reslib_store_get (run->store, RESLIB_KIND_SUBMISSION, self->submission_id, error);

      if (row == NULL)
        return NULL;
      if (reslib_submission_get_state (run->store, row) == RESLIB_SUBMISSION_CANCELLED)
        {
          g_set_error (error, RESLIB_ERROR, RESLIB_ERROR_INVALID,
                       _("The upload of “%s” was cancelled: submit the project again as a new submission"),
                       reslib_record_get (row, "package_path"));
          return NULL;
        }
      return g_steal_pointer (&row);
    }
  rows = reslib_store_list (run->store, RESLIB_KIND_SUBMISSION, self->project_id, error);
  if (rows == NULL)
    return NULL;
  n = g_list_model_get_n_items (rows);
  /* The latest first. */
  for (guint i = n; i > 0; i--)
    {
      g_autoptr(ReslibRecord) r = g_list_model_get_item (rows, i - 1);
      g_auto(ReslibSubmissionPlan) plan = { 0 };
      ReslibSubmissionState state;

      if (g_strcmp0 (reslib_record_get (r, "kind"), self->kind) != 0 ||
          g_strcmp0 (reslib_record_get (r, "endpoint"), self->endpoint) != 0)
        continue;
      state = reslib_submission_get_state (run->store, r);
      if (state != RESLIB_SUBMISSION_UNFINISHED && state != RESLIB_SUBMISSION_PAUSED)
        continue;
      if (!_reslib_store_get_submission_plan (run->store, reslib_record_get_id (r), &plan, error))
        return NULL;
      if (plan.streamed && plan.complete)
        return g_steal_pointer (&r);
    }

  return NULL;
}

/* Finds the project's pending streamed submission and resumes it, or freezes the package as the project
 * stands now into a new one; opens its stream. */
gboolean
_reslib_submission_open_stream (Run     *run,
                                GError **error)
{
  ReslibUpload *self = run->self;
  g_autoptr(ReslibRecord) row = NULL;
  g_autoptr(GError) local_error = NULL;
  g_auto(ReslibSubmissionPlan) plan = { 0 };

  if (self->project_id == NULL && self->submission_id == NULL)
    {
      g_set_error_literal (error, RESLIB_ERROR, RESLIB_ERROR_INVALID, _("The project to submit is not known: give it"));
      return FALSE;
    }
  row = find_streamed (run, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (row == NULL)
    {
      g_autofree char *id = NULL;

      if (self->kind == NULL)
        {
          g_set_error_literal (error, RESLIB_ERROR, RESLIB_ERROR_INVALID,
                               _("The kind of the package is not known: give it"));
          return FALSE;
        }
      _reslib_upload_set_stage (run, UPLOAD_STAGE_PREPARING);
      id = reslib_pack_stream_freeze (run->store, self->project_id, self->kind, self->profile, self->endpoint,
                                      run->cancellable, error);
      if (id == NULL)
        return FALSE;
      row = reslib_store_get (run->store, RESLIB_KIND_SUBMISSION, id, error);
      if (row == NULL)
        return FALSE;
    }

  g_free (self->submission_id);
  self->submission_id = g_strdup (reslib_record_get_id (row));
  g_free (run->submission_id);
  run->submission_id = g_strdup (self->submission_id);
  if (!reslib_upload_check_kind (reslib_record_get (row, "kind"), reslib_record_get (row, "package_path"), error) ||
      !_reslib_store_get_submission_plan (run->store, run->submission_id, &plan, error))
    return FALSE;
  if (self->project_id == NULL)
    self->project_id = g_strdup (reslib_record_get (row, "project_id"));
  if (self->kind == NULL)
    self->kind = g_strdup (reslib_record_get (row, "kind"));
  if (self->endpoint == NULL)
    self->endpoint = g_strdup (reslib_record_get (row, "endpoint"));
  g_free (self->package_path);
  self->package_path = g_strdup (reslib_record_get (row, "package_path"));
  g_free (self->bag_name);
  self->bag_name = g_strdup (plan.bag_name);
  g_free (self->sha256);
  self->sha256 = g_strdup (reslib_record_get (row, "sha256"));
  self->sha256_is_bag = TRUE;
  if (reslib_record_get (row, "completed_at") != NULL)
    {
      self->was_complete = TRUE;
      self->tar_sha256 = g_strdup (plan.tar_sha256);
      run->upload_url = g_strdup (reslib_record_get (row, "upload_url"));
      run->size = plan.size;
      return TRUE;
    }

  run->stream = reslib_pack_stream_open (run->store, run->submission_id, error);
  if (run->stream == NULL)
    return FALSE;
  run->size = reslib_pack_stream_get_size (run->stream);
  restore_hash (run, &plan);

  return resume_row (run, row, error);
}
