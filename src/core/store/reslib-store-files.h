/* reslib-store-files.h — opening many files the user chose, none of them a file of an open store
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>
#include <sys/stat.h>

G_BEGIN_DECLS

/* The check of reslib_open_input() against a snapshot of the store files, for an import of many files. */
typedef struct _ReslibStoreFiles ReslibStoreFiles;

ReslibStoreFiles *_reslib_store_files_new  (void);
void              _reslib_store_files_free (ReslibStoreFiles  *files);
int               _reslib_store_files_open (ReslibStoreFiles  *files,
                                            const char        *path,
                                            int                flags,
                                            struct stat       *st,
                                            GError           **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ReslibStoreFiles, _reslib_store_files_free)

G_END_DECLS
