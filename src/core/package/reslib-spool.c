/* reslib-spool.c — generated files of any size, kept in an unlinked file next to the package
 *
 * manifest.json, imsmanifest.xml and manifest-sha256.txt of a package of a hundred thousand
 * resources are too large to keep in memory: they are written through a small buffer into a
 * file that has no name (so nothing is left if the pack is killed), then copied into the tar.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <unistd.h>

#include "reslib-error.h"
#include "reslib-file-util.h"
#include "reslib-package-private.h"

#define SPOOL_FLUSH_SIZE (256 * 1024)

void
_reslib_spool_free (ReslibSpool *spool)
{
  if (spool->fd >= 0)
    close (spool->fd);
  if (spool->buf != NULL)
    g_string_free (spool->buf, TRUE);
  g_free (spool);
}

ReslibSpool *
_reslib_spool_new (const char  *dest_path,
                   GError     **error)
{
  g_autofree char *template = g_strdup_printf ("%s.spool-XXXXXX", dest_path);
  ReslibSpool *spool;
  int fd = g_mkstemp_full (template, O_RDWR | O_CLOEXEC, 0600);

  if (fd < 0)
    {
      _reslib_set_error_from_errno (error, errno, template);
      return NULL;
    }
  g_unlink (template);
  spool = g_new0 (ReslibSpool, 1);
  spool->fd = fd;
  spool->buf = g_string_sized_new (SPOOL_FLUSH_SIZE + 64 * 1024);

  return spool;
}

static void
spool_flush (ReslibSpool *spool)
{
  if (spool->saved_errno == 0 && !reslib_write_all (spool->fd, spool->buf->str, spool->buf->len))
    spool->saved_errno = errno;
  spool->size += spool->buf->len;
  g_string_truncate (spool->buf, 0);
}

void
_reslib_spool_maybe_flush (ReslibSpool *spool)
{
  if (spool->buf->len >= SPOOL_FLUSH_SIZE)
    spool_flush (spool);
}

/* Flushes and rewinds the spool for reading. */
gboolean
_reslib_spool_finish (ReslibSpool *spool,
                      const char  *dest_path,
                      GError     **error)
{
  spool_flush (spool);
  /* Only read from now on: the buffer goes, as a package keeps several spools. */
  g_string_free (spool->buf, TRUE);
  spool->buf = NULL;
  if (spool->saved_errno == 0 && lseek (spool->fd, 0, SEEK_SET) != 0)
    spool->saved_errno = errno;
  if (spool->saved_errno != 0)
    {
      _reslib_set_error_from_errno (error, spool->saved_errno, dest_path);
      return FALSE;
    }

  return TRUE;
}
