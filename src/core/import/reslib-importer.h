/* reslib-importer.h — import files and folders into the store: a job (reslib-job.h)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "reslib-job.h"
#include "reslib-store.h"

G_BEGIN_DECLS

#define RESLIB_TYPE_IMPORTER (reslib_importer_get_type ())
G_DECLARE_FINAL_TYPE (ReslibImporter, reslib_importer, RESLIB, IMPORTER, ReslibJob)

ReslibImporter     *reslib_importer_new                (ReslibStore         *store,
                                                        const char          *project_id);
void                reslib_importer_add_file           (ReslibImporter      *self,
                                                        GFile               *file);
/* Metadata given to every imported resource: any settable resource field
 * ("title", "type", "unit_id", "origin", "description", …). A title may only be
 * given when exactly one file is imported. */
void                reslib_importer_set_field          (ReslibImporter      *self,
                                                        const char          *field,
                                                        const char          *value);
/* "authors", "keywords" or "nodes" (full node ids). */
void                reslib_importer_set_list           (ReslibImporter      *self,
                                                        const char          *field,
                                                        const char * const  *values);
/* After a successful run: the ids of the new resources, in the order of the files. */
const char * const *reslib_importer_get_resource_ids   (ReslibImporter      *self);
/* How many of the files had content the store already held. */
guint               reslib_importer_get_n_deduplicated (ReslibImporter      *self);

/* A file whose content a resource of the project already had (or an earlier file of the same run). */
typedef struct
{
  char *file_name;     /* the file's name */
  char *existing_id;   /* the resource that had the content first */
  char *resource_id;   /* the new resource, NULL when duplicates are skipped */
} ReslibImportDuplicate;

/* Files with content the project already has are not added (they are still counted as duplicates). */
void                reslib_importer_set_skip_duplicates (ReslibImporter     *self,
                                                         gboolean            skip);
/* After a successful run: the duplicates (of ReslibImportDuplicate), in the order of the files. */
GPtrArray          *reslib_importer_get_duplicates     (ReslibImporter      *self);
/* After a successful run: the hidden files and links to folders in the folders, passed over. */
guint               reslib_importer_get_n_skipped      (ReslibImporter      *self);

/* A file that could not be read, passed over while the others were imported. */
typedef struct
{
  char *file_name;     /* the file's path, valid UTF-8 */
  char *message;       /* why, in one translated line that names the file */
} ReslibImportFailure;

/* After a successful run: the files not imported because they could not be read (ReslibImportFailure). */
GPtrArray          *reslib_importer_get_failures       (ReslibImporter      *self);

const char         *reslib_type_for_mime               (const char          *mime_type,
                                                        const char          *file_name);

G_END_DECLS
