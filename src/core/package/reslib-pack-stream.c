/* reslib-pack-stream.c — a package streamed from the store, from a frozen plan (DESIGN §5, streaming submissions)
 *
 * The tar of a package is deterministic: the same members give the same bytes. Freezing a package records
 * its members in tar order in the submission's rows (reslib-store-plans.c): the bytes of the generated files
 * (manifest.json, imsmanifest.xml, the dossier, the tag files) and the blobs of the resources' files, each
 * with the offset of its header. The stream then makes any range of the tar from these alone: the member
 * that holds the first byte is found by its offset, its header is made again by the pack's own tar writer
 * (_reslib_tar_entry_header()), its data read from the blob or the row. Nothing before the range is read,
 * and nothing is written to disk.
 *
 * A blob read whole and in order is hashed again on the way and compared with its digest, as a pack does: a
 * damaged file stops the stream, named. (A blob entered half-way, on a resume, is not checked.)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <string.h>
#include <unistd.h>

#include "reslib-digest.h"
#include "reslib-error.h"
#include "reslib-file-util.h"
#include "reslib-pack-stream.h"
#include "reslib-package-private.h"
#include "reslib-store-gc.h"
#include "reslib-store-plans.h"

#define PAD512(n) (((n) + 511) / 512 * 512)

/* ---------------------------------------------------------------------------------------------- */
/* Freezing                                                                                        */

typedef struct
{
  ReslibPackContent *pkg;
  GPtrArray         *members;     /* ReslibPlanMember */
  guint64            offset;      /* where the next member starts */
  char               bag_sha256[RESLIB_SHA256_HEX_SIZE];
} Freezer;

static gboolean
add_member (Freezer     *f,
            const char  *path,
            gboolean     is_dir,
            guint64      size,
            GBytes      *data,
            const char  *blob_sha256,
            GError     **error)
{
  g_autoptr(GBytes) header = _reslib_tar_entry_header (f->pkg->bag_name, path, is_dir, size, f->pkg->mtime, error);
  ReslibPlanMember *m;

  if (header == NULL)
    return FALSE;
  m = g_new0 (ReslibPlanMember, 1);
  m->path = g_strdup (path != NULL ? path : "");
  m->offset = f->offset;
  m->size = size;
  m->mode = is_dir ? 0755 : 0644;
  m->blob_sha256 = g_strdup (blob_sha256);
  m->data = data != NULL ? g_bytes_ref (data) : NULL;
  g_ptr_array_add (f->members, m);
  f->offset += g_bytes_get_size (header) + PAD512 (size);

  return TRUE;
}

static gboolean
freeze_dir (gpointer     data,
            const char  *path,
            GError     **error)
{
  return add_member (data, path, TRUE, 0, NULL, NULL, error);
}

static gboolean
freeze_bytes (gpointer     data,
              const char  *path,
              GBytes      *bytes,
              char        *sha256,
              GError     **error)
{
  Freezer *f = data;
  char sha[RESLIB_SHA256_HEX_SIZE];

  reslib_sha256_hex (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), sha);
  if (sha256 != NULL)
    memcpy (sha256, sha, sizeof sha);
  if (strcmp (path, "tagmanifest-sha256.txt") == 0)
    memcpy (f->bag_sha256, sha, sizeof sha);

  return add_member (f, path, FALSE, g_bytes_get_size (bytes), bytes, NULL, error);
}

static gboolean
freeze_spool (gpointer      data,
              const char   *path,
              ReslibSpool  *spool,
              guint64       size,
              char         *sha256,
              GError      **error)
{
  g_autofree guint8 *contents = NULL;
  g_autoptr(GBytes) bytes = NULL;
  guint64 done = 0;

  if (size > G_MAXSIZE - 1)
    {
      g_set_error (error, RESLIB_ERROR, RESLIB_ERROR_NO_SPACE, _("“%s” is too large to keep"), path);
      return FALSE;
    }
  contents = g_malloc (MAX (size, 1));
  while (done < size)
    {
      ssize_t n = pread (spool->fd, contents + done, (size_t) (size - done), (off_t) done);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        {
          _reslib_set_error_from_errno (error, n < 0 ? errno : EIO, path);
          return FALSE;
        }
      done += (guint64) n;
    }
  bytes = g_bytes_new_take (g_steal_pointer (&contents), (gsize) size);

  return freeze_bytes (data, path, bytes, sha256, error);
}

static gboolean
freeze_blob (gpointer             data,
             const char          *path,
             ReslibPackResource  *info,
             char                *sha256,
             GError             **error)
{
  memcpy (sha256, info->sha256, RESLIB_SHA256_HEX_SIZE);

  return add_member (data, path, FALSE, info->size, NULL, info->sha256, error);
}

/**
 * reslib_pack_stream_freeze:
 * @store: a store that can be written
 * @project_id: the project's full id
 * @kind: the package's kind (an application package only when the checks find no error)
 * @profile: (nullable): the rule profile that gates application packages, %NULL for the built-in one
 * @endpoint: where the submission goes
 *
 * Freezes the package of @kind as the project stands now, the same a pack would write now (with the same
 * SOURCE_DATE_EPOCH): a new streamed submission whose rows hold every member of the tar in order. Its
 * size and the bag's own digest (SHA-256 of tagmanifest-sha256.txt, its sha256) are known at once. The
 * generated files are made in unlinked files of the data folder meanwhile; no blob is read.
 *
 * Returns: (transfer full) (nullable): the new submission's id, or %NULL with @error set
 */
char *
reslib_pack_stream_freeze (ReslibStore   *store,
                           const char    *project_id,
                           const char    *kind,
                           ReslibProfile *profile,
                           const char    *endpoint,
                           GCancellable  *cancellable,
                           GError       **error)
{
  static const ReslibBagSink sink = { freeze_dir, freeze_bytes, freeze_spool, freeze_blob, NULL };
  g_autofree char *spool_path = g_build_filename (reslib_store_get_data_dir (store), "submission", NULL);
  g_autoptr(GPtrArray) members = g_ptr_array_new_with_free_func ((GDestroyNotify) reslib_plan_member_free);
  ReslibPackContent pkg = { 0 };
  ReslibUtf8Locale locale = { 0 };
  Freezer f = { &pkg, members, 0, "" };
  char *id = NULL;

  g_return_val_if_fail (RESLIB_IS_STORE (store), NULL);
  g_return_val_if_fail (project_id != NULL && kind != NULL, NULL);

  _reslib_utf8_locale_enter (&locale);
  if (_reslib_pack_content_prepare (&pkg, store, project_id, kind, NULL, profile, spool_path, cancellable, error) &&
      _reslib_bag_walk (&pkg, &sink, &f, cancellable, error) &&
      !g_cancellable_set_error_if_cancelled (cancellable, error))
    id = _reslib_store_add_streamed_submission (store, project_id, kind, endpoint, pkg.bag_name, pkg.mtime,
                                                f.offset + RESLIB_TAR_TRAILER_SIZE, f.bag_sha256, members, error);
  _reslib_utf8_locale_leave (&locale);
  _reslib_pack_content_clear (&pkg);

  return id;
}

/* ---------------------------------------------------------------------------------------------- */
/* The stream                                                                                      */

struct _ReslibPackStream
{
  ReslibStore      *store;
  char             *submission_id;
  char             *bag_name;
  gint64            mtime;
  guint64           size;
  guint64           members_end;    /* where the tar's trailer starts */

  /* The member being read */
  ReslibPlanMember *member;
  guint64           member_end;
  GBytes           *header;
  int               fd;             /* its blob */
  char             *blob_path;
  ReslibHasher     *md;             /* its blob's digest, while it is read in order from its start */
  guint64           hashed;
};

/**
 * reslib_pack_stream_open:
 * @store: the store (a connection of the thread that reads)
 * @submission_id: a streamed submission whose package is still kept
 *
 * Returns: (transfer full) (nullable): the submission's tar as a stream, or %NULL with @error set
 */
ReslibPackStream *
reslib_pack_stream_open (ReslibStore  *store,
                         const char   *submission_id,
                         GError      **error)
{
  g_auto(ReslibSubmissionPlan) plan = { 0 };
  ReslibPackStream *self;

  if (!_reslib_store_get_submission_plan (store, submission_id, &plan, error))
    return NULL;
  if (!plan.streamed || !plan.complete || plan.bag_name == NULL || plan.size < RESLIB_TAR_TRAILER_SIZE)
    {
      g_set_error (error, RESLIB_ERROR, RESLIB_ERROR_NOT_FOUND,
                   _("The package of submission %s is not kept in the store: submit the project again"),
                   submission_id);
      return NULL;
    }
  self = g_new0 (ReslibPackStream, 1);
  self->store = g_object_ref (store);
  self->submission_id = g_strdup (submission_id);
  self->bag_name = g_steal_pointer (&plan.bag_name);
  self->mtime = plan.mtime;
  self->size = plan.size;
  self->members_end = plan.size - RESLIB_TAR_TRAILER_SIZE;
  self->fd = -1;

  return self;
}

guint64
reslib_pack_stream_get_size (ReslibPackStream *self)
{
  return self->size;
}

const char *
reslib_pack_stream_get_bag_name (ReslibPackStream *self)
{
  return self->bag_name;
}

static void
leave_member (ReslibPackStream *self)
{
  g_clear_pointer (&self->member, reslib_plan_member_free);
  g_clear_pointer (&self->header, g_bytes_unref);
  g_clear_pointer (&self->md, reslib_hasher_free);
  g_clear_pointer (&self->blob_path, g_free);
  if (self->fd >= 0)
    close (self->fd);
  self->fd = -1;
}

static gboolean
changed_error (ReslibPackStream  *self,
               GError           **error)
{
  g_set_error (error, RESLIB_ERROR, RESLIB_ERROR_CORRUPT,
               _("The package of submission %s can no longer be made the same as when it started: cancel the "
                 "submission and submit the project again"), self->submission_id);
  return FALSE;
}

static gboolean
enter_member (ReslibPackStream  *self,
              guint64            offset,
              GError           **error)
{
  ReslibUtf8Locale locale = { 0 };
  ReslibPlanMember *m;
  guint64 next = 0;
  gboolean is_dir;

  leave_member (self);
  m = self->member = _reslib_store_get_plan_member (self->store, self->submission_id, offset, &next, error);
  if (m == NULL)
    return FALSE;
  self->member_end = next == G_MAXUINT64 ? self->members_end : next;
  is_dir = *m->path == '\0' || g_str_has_suffix (m->path, "/");
  _reslib_utf8_locale_enter (&locale);
  self->header = _reslib_tar_entry_header (self->bag_name, *m->path != '\0' ? m->path : NULL, is_dir, m->size,
                                           self->mtime, error);
  _reslib_utf8_locale_leave (&locale);
  if (self->header == NULL)
    return FALSE;
  /* The same header as when it was frozen: else the offsets after it would be wrong. */
  if (m->offset + g_bytes_get_size (self->header) + PAD512 (m->size) != self->member_end ||
      (m->blob_sha256 == NULL && !is_dir && (m->data == NULL || g_bytes_get_size (m->data) != m->size)))
    return changed_error (self, error);

  if (m->blob_sha256 != NULL)
    {
      self->blob_path = reslib_store_get_blob_path (self->store, m->blob_sha256);
      self->fd = open (self->blob_path, O_RDONLY | O_CLOEXEC);
      if (self->fd < 0 && errno == ENOENT)
        {
          /* An interrupted cleanup may have left it in its trash: put back, then read. */
          g_autofree char *found = reslib_store_find_blob (self->store, m->blob_sha256, NULL);

          if (found != NULL)
            self->fd = open (found, O_RDONLY | O_CLOEXEC);
          else
            errno = ENOENT;
        }
      if (self->fd < 0)
        {
          if (errno == ENOENT)
            g_set_error (error, RESLIB_ERROR, RESLIB_ERROR_CORRUPT,
                         _("The stored file of “%s” is missing from the data folder"), m->path);
          else
            _reslib_set_error_from_errno (error, errno, self->blob_path);
          return FALSE;
        }
#ifdef POSIX_FADV_SEQUENTIAL
      posix_fadvise (self->fd, 0, 0, POSIX_FADV_SEQUENTIAL);
#endif
      self->md = reslib_hasher_new (RESLIB_DIGEST_SHA256, error);
      if (self->md == NULL)
        return FALSE;
      self->hashed = 0;
    }

  return TRUE;
}

static gboolean
damaged_error (ReslibPackStream  *self,
               GError           **error)
{
  g_set_error (error, RESLIB_ERROR, RESLIB_ERROR_CORRUPT,
               _("The stored file of “%s” no longer matches its checksum: the data folder is damaged; import the "
                 "file again, then cancel the submission and submit the project again"), self->member->path);
  return FALSE;
}

/* Reads up to @len bytes of the current member's blob at @at (from the blob's start). */
static gssize
read_blob (ReslibPackStream  *self,
           guint64            at,
           guint8            *out,
           gsize              len,
           GError           **error)
{
  ReslibPlanMember *m = self->member;
  ssize_t n;

  do
    n = pread (self->fd, out, len, (off_t) at);
  while (n < 0 && errno == EINTR);
  if (n < 0)
    {
      _reslib_set_error_from_errno (error, errno, self->blob_path);
      return -1;
    }
  if (n == 0)
    {
      damaged_error (self, error);
      return -1;
    }
  if (self->md != NULL)
    {
      if (at == self->hashed)
        {
          reslib_hasher_update (self->md, out, (gsize) n);
          self->hashed += (guint64) n;
          if (self->hashed == m->size)
            {
              char sha[RESLIB_SHA256_HEX_SIZE];

              reslib_hasher_finish_hex (self->md, sha);
              g_clear_pointer (&self->md, reslib_hasher_free);
              if (strcmp (sha, m->blob_sha256) != 0)
                {
                  damaged_error (self, error);
                  return -1;
                }
            }
        }
      else if (at > self->hashed)
        /* Not read in order: not checked. */
        g_clear_pointer (&self->md, reslib_hasher_free);
    }

  return (gssize) n;
}

/**
 * reslib_pack_stream_read:
 * @offset: where in the tar to read
 * @buffer: (out caller-allocates) (array length=len): where the bytes go
 *
 * Reads the tar's bytes at @offset: as many as fit in @len, or as are left.
 *
 * Returns: how many bytes were read (0 at the end), or -1 with @error set (a blob is missing or damaged, or
 *   the package can no longer be made the same)
 */
gssize
reslib_pack_stream_read (ReslibPackStream  *self,
                         guint64            offset,
                         void              *buffer,
                         gsize              len,
                         GError           **error)
{
  guint8 *out = buffer;
  gsize done = 0;

  while (done < len && offset < self->size)
    {
      gsize want = len - done;
      guint64 rel;
      gsize hlen;
      gsize n;

      if (offset >= self->members_end)
        {
          n = (gsize) MIN ((guint64) want, self->size - offset);
          memset (out + done, 0, n);
        }
      else
        {
          if ((self->member == NULL || offset < self->member->offset || offset >= self->member_end) &&
              !enter_member (self, offset, error))
            return -1;
          rel = offset - self->member->offset;
          hlen = g_bytes_get_size (self->header);
          if (rel < hlen)
            {
              n = MIN (want, hlen - (gsize) rel);
              memcpy (out + done, (const guint8 *) g_bytes_get_data (self->header, NULL) + rel, n);
            }
          else if ((rel -= hlen) < self->member->size)
            {
              n = (gsize) MIN ((guint64) want, self->member->size - rel);
              if (self->member->data != NULL)
                memcpy (out + done, (const guint8 *) g_bytes_get_data (self->member->data, NULL) + rel, n);
              else
                {
                  gssize got = read_blob (self, rel, out + done, n, error);

                  if (got < 0)
                    return -1;
                  n = (gsize) got;
                }
            }
          else
            {
              n = (gsize) MIN ((guint64) want, self->member_end - offset);
              memset (out + done, 0, n);
            }
        }
      done += n;
      offset += n;
    }

  return (gssize) done;
}

/**
 * reslib_pack_stream_free:
 * @self: (nullable): a stream
 */
void
reslib_pack_stream_free (ReslibPackStream *self)
{
  if (self == NULL)
    return;
  leave_member (self);
  g_clear_object (&self->store);
  g_free (self->submission_id);
  g_free (self->bag_name);
  g_free (self);
}
