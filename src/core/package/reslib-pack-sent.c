/* reslib-pack-sent.c — what a contribution or a progress package sent: every record it carries, noted in
 * the store once the package is written, so a later import of the other side's changes knows the versions
 * this library had, and (a contribution) the base they started from
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <unistd.h>

#include "reslib-error.h"
#include "reslib-file-util.h"
#include "reslib-package-private.h"
#include "reslib-store-sync.h"

#define SENT_BATCH 4096

void
_reslib_pack_sent_init (ReslibPackContent *pkg,
                        gboolean           bases)
{
  pkg->sent_bases = bases;
  pkg->sent = g_array_sized_new (FALSE, FALSE, sizeof (ReslibSyncSent), SENT_BATCH);
  pkg->sent_fd = -1;
  pkg->sent_errno = 0;
}

static void
sent_flush (ReslibPackContent *pkg)
{
  if (pkg->sent->len == 0 || pkg->sent_errno != 0)
    return;
  if (pkg->sent_fd < 0)
    {
      g_autofree char *path = NULL;

      pkg->sent_fd = g_file_open_tmp ("reslib-sent-XXXXXX", &path, NULL);
      if (pkg->sent_fd < 0)
        {
          pkg->sent_errno = EIO;
          return;
        }
      g_unlink (path);
    }
  if (!reslib_write_all (pkg->sent_fd, pkg->sent->data, (gsize) pkg->sent->len * sizeof (ReslibSyncSent)))
    pkg->sent_errno = errno != 0 ? errno : EIO;
  g_array_set_size (pkg->sent, 0);
}

void
_reslib_pack_sent_add (ReslibPackContent *pkg,
                       const void        *sent)
{
  g_array_append_vals (pkg->sent, sent, 1);
  if (pkg->sent->len >= SENT_BATCH)
    sent_flush (pkg);
}

/* Notes in the store, in one transaction, every record the package carried. */
gboolean
_reslib_pack_sent_note (ReslibPackContent  *pkg,
                        GError            **error)
{
  ReslibStore *store = pkg->store;

  if (pkg->sent_fd < 0)
    return _reslib_store_sync_note_sent (store, pkg->sent, pkg->sent_bases, error);
  sent_flush (pkg);
  if (pkg->sent_errno != 0 || lseek (pkg->sent_fd, 0, SEEK_SET) != 0)
    {
      _reslib_set_error_from_errno (error, pkg->sent_errno != 0 ? pkg->sent_errno : errno, g_get_tmp_dir ());
      return FALSE;
    }
  if (!reslib_store_begin (store, error))
    return FALSE;
  for (;;)
    {
      ssize_t n;

      g_array_set_size (pkg->sent, SENT_BATCH);
      n = read (pkg->sent_fd, pkg->sent->data, SENT_BATCH * sizeof (ReslibSyncSent));
      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0 || n % sizeof (ReslibSyncSent) != 0)
        {
          _reslib_set_error_from_errno (error, n < 0 ? errno : EIO, g_get_tmp_dir ());
          reslib_store_rollback (store);
          return FALSE;
        }
      if (n == 0)
        break;
      g_array_set_size (pkg->sent, (guint) (n / sizeof (ReslibSyncSent)));
      if (!_reslib_store_sync_note_sent (store, pkg->sent, pkg->sent_bases, error))
        {
          reslib_store_rollback (store);
          return FALSE;
        }
    }

  return reslib_store_commit (store, error);
}

void
_reslib_pack_sent_clear (ReslibPackContent *pkg)
{
  g_clear_pointer (&pkg->sent, g_array_unref);
  if (pkg->sent_fd >= 0)
    close (pkg->sent_fd);
  pkg->sent_fd = -1;
}
