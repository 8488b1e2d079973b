/* reslib-error.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <errno.h>

#include "reslib-error.h"

/**
 * reslib_error_quark:
 *
 * Returns: the #GQuark of %RESLIB_ERROR, the domain of the core's errors (#ReslibError)
 */
G_DEFINE_QUARK (reslib-error-quark, reslib_error)

/**
 * reslib_error_is_input_error:
 * @error: a #GError
 *
 * Returns: %TRUE when @error is about the data a user handed in (a file, a
 *   value) rather than about the machine, the store or the network.
 */
gboolean
reslib_error_is_input_error (const GError *error)
{
  if (error == NULL || error->domain != RESLIB_ERROR)
    return FALSE;

  switch ((ReslibError) error->code)
    {
    case RESLIB_ERROR_BAD_FILE:
    case RESLIB_ERROR_CHANGED:
      return TRUE;
    case RESLIB_ERROR_FAILED:
    case RESLIB_ERROR_INVALID:
    case RESLIB_ERROR_NOT_FOUND:
    case RESLIB_ERROR_AMBIGUOUS:
    case RESLIB_ERROR_IO:
    case RESLIB_ERROR_NO_SPACE:
    case RESLIB_ERROR_READ_ONLY:
    case RESLIB_ERROR_CORRUPT:
    case RESLIB_ERROR_FOREIGN:
    case RESLIB_ERROR_TOO_NEW:
    case RESLIB_ERROR_BUSY:
    case RESLIB_ERROR_CONSTRAINT:
    case RESLIB_ERROR_NOT_AVAILABLE:
    case RESLIB_ERROR_CHECKS_FAILED:
    default:
      return FALSE;
    }
}

/* Sets @error for a failed system call on @path (a file of the data folder or an input file),
 * in words a user can act on. */
void
_reslib_set_error_from_errno (GError    **error,
                              int         saved_errno,
                              const char *path)
{
  switch (saved_errno)
    {
    case ENOSPC:
    case EDQUOT:
      g_set_error (error, RESLIB_ERROR, RESLIB_ERROR_NO_SPACE,
                   _("The disk is full, “%s” cannot be written: free some space and try again"), path);
      break;
    case EROFS:
    case EACCES:
    case EPERM:
      g_set_error (error, RESLIB_ERROR, RESLIB_ERROR_READ_ONLY,
                   _("No permission to write “%s”: check the folder’s permissions or choose another data folder"),
                   path);
      break;
    default:
      g_set_error (error, RESLIB_ERROR, RESLIB_ERROR_IO,
                   _("Cannot write “%s”: %s"), path, g_strerror (saved_errno));
      break;
    }
}
