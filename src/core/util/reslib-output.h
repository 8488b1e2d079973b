/* reslib-output.h — files the user asks for (packages, reports): where they may go, and how they are written
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "reslib-store.h"

G_BEGIN_DECLS

/**
 * ReslibOutputFlags:
 * @RESLIB_OUTPUT_NONE: refuse to replace a file that exists
 * @RESLIB_OUTPUT_REPLACE: replace a file that exists (the user said so)
 */
typedef enum
{
  RESLIB_OUTPUT_NONE    = 0,
  RESLIB_OUTPUT_REPLACE = 1 << 0,
} ReslibOutputFlags;

gboolean reslib_output_check (ReslibStore        *store,
                              const char         *dest_path,
                              ReslibOutputFlags   flags,
                              GError            **error);

/* A temporary file next to the destination, "DEST.part-XXXXXX", locked (flock) while its
 * writer lives, so that a later run can tell a stale one from one being written. */
typedef struct
{
  char              *dest_path;
  char              *temp_path;   /* NULL once committed */
  int                fd;          /* for writing; the writer may close it and set it to -1 */
  int                lock_fd;     /* holds the lock until the temporary file is renamed or removed */
  ReslibOutputFlags  flags;
} ReslibOutputTemp;

gboolean _reslib_output_temp_open   (ReslibOutputTemp   *temp,
                                     const char         *dest_path,
                                     ReslibOutputFlags   flags,
                                     GError            **error);
gboolean _reslib_output_temp_commit (ReslibOutputTemp   *temp,
                                     GError            **error);
void     _reslib_output_temp_clear  (ReslibOutputTemp   *temp);
guint    _reslib_output_clean_stale (const char         *dest_path);

G_END_DECLS
