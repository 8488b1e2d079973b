/* reslib-file-util.c — small helpers for files written by descriptor
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <unistd.h>

#include "reslib-file-util.h"

/**
 * reslib_write_all:
 * @fd: a file open for writing
 * @data: (array length=len): the bytes
 * @len: how many
 *
 * Writes all of @data, again after a short write or an interrupted one.
 *
 * Returns: %TRUE when every byte was written; else %FALSE with errno set by write()
 */
gboolean
reslib_write_all (int         fd,
                  const void *data,
                  gsize       len)
{
  const guint8 *p = data;

  while (len > 0)
    {
      ssize_t n = write (fd, p, len);

      if (n < 0)
        {
          if (errno == EINTR)
            continue;
          return FALSE;
        }
      p += n;
      len -= (gsize) n;
    }

  return TRUE;
}
