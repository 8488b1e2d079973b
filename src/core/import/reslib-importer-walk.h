/* reslib-importer-walk.h — the importer's folder walk and per-file failures (private to the importer)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "reslib-importer.h"

G_BEGIN_DECLS

/* One file to import. A folder of 100,000 files makes as many: only what the rows need is kept (the first
 * bytes that tell the content type are looked at in the worker that copied the file, and dropped). */
typedef struct
{
  char           *path;
  char           *display_name;   /* the file's name, valid UTF-8 */
  guint64         size;
  char            sha256[65];     /* once copied */
  char           *mime_type;      /* once copied */
  GError         *error;          /* why it could not be copied, or NULL */
  gpointer        opened;         /* while copying: the file opened ahead (reslib-importer.c) */
} ReslibImportEntry;

void      _reslib_import_entry_free         (gpointer           data);
void      _reslib_import_failure_free       (gpointer           data);

/* What the walk found: the files to import, and those it passes over. */
typedef struct
{
  GPtrArray *entries;   /* ReslibImportEntry */
  GPtrArray *failures;  /* ReslibImportFailure */
  GError    *first;     /* the first failure, as it was raised */
  guint      skipped;   /* hidden files and links to folders */
} ReslibImportWalk;

gboolean  _reslib_import_walk               (GPtrArray         *inputs,
                                             ReslibImportWalk  *walk,
                                             GCancellable      *cancellable,
                                             GError           **error);
/* Moves the entries that could not be copied from @entries to @failures, in their order; returns the first
 * one's error, or NULL. */
GError   *_reslib_import_take_copy_failures (GPtrArray         *entries,
                                             GPtrArray         *failures);

G_END_DECLS
