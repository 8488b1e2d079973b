/* reslib-error.h — the error domain of the core library
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define RESLIB_ERROR (reslib_error_quark ())

/**
 * ReslibError:
 * @RESLIB_ERROR_FAILED: an unexpected failure
 * @RESLIB_ERROR_INVALID: a value given by the user is not acceptable
 * @RESLIB_ERROR_NOT_FOUND: no record has the given id
 * @RESLIB_ERROR_AMBIGUOUS: an id prefix matches more than one record
 * @RESLIB_ERROR_BAD_FILE: an input file cannot be read or is not what it should be
 * @RESLIB_ERROR_CHANGED: an input file changed while it was being read
 * @RESLIB_ERROR_IO: reading or writing the data folder failed
 * @RESLIB_ERROR_NO_SPACE: the disk holding the data folder is full
 * @RESLIB_ERROR_READ_ONLY: the data folder cannot be written
 * @RESLIB_ERROR_CORRUPT: the database file is damaged
 * @RESLIB_ERROR_FOREIGN: the database file belongs to another program
 * @RESLIB_ERROR_TOO_NEW: the database was written by a newer version
 * @RESLIB_ERROR_BUSY: another program holds the database
 * @RESLIB_ERROR_CONSTRAINT: the change would break a rule of the data model
 * @RESLIB_ERROR_NOT_AVAILABLE: the feature is not available in this version
 * @RESLIB_ERROR_CHECKS_FAILED: the project's checks found errors that block what was asked
 */
typedef enum
{
  RESLIB_ERROR_FAILED,
  RESLIB_ERROR_INVALID,
  RESLIB_ERROR_NOT_FOUND,
  RESLIB_ERROR_AMBIGUOUS,
  RESLIB_ERROR_BAD_FILE,
  RESLIB_ERROR_CHANGED,
  RESLIB_ERROR_IO,
  RESLIB_ERROR_NO_SPACE,
  RESLIB_ERROR_READ_ONLY,
  RESLIB_ERROR_CORRUPT,
  RESLIB_ERROR_FOREIGN,
  RESLIB_ERROR_TOO_NEW,
  RESLIB_ERROR_BUSY,
  RESLIB_ERROR_CONSTRAINT,
  RESLIB_ERROR_NOT_AVAILABLE,
  RESLIB_ERROR_CHECKS_FAILED,
} ReslibError;

GQuark   reslib_error_quark            (void);
gboolean reslib_error_is_input_error   (const GError *error);
void     _reslib_set_error_from_errno  (GError    **error,
                                        int         saved_errno,
                                        const char *path);

G_END_DECLS
