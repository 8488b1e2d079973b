/* reslib-store-batch.h — many resources' fields written in the caller's transaction, fast
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "reslib-store.h"

G_BEGIN_DECLS

typedef struct _ReslibResourceBatch ReslibResourceBatch;

ReslibResourceBatch *reslib_resource_batch_new    (ReslibStore          *store,
                                                   const char           *project_id,
                                                   GError              **error);
gboolean             reslib_resource_batch_write  (ReslibResourceBatch  *batch,
                                                   const char           *id,
                                                   const char * const   *fields,
                                                   const char * const   *values,
                                                   const char * const   *list_fields,
                                                   const char * const  **lists,
                                                   GError              **error);
char                *reslib_resource_batch_insert (ReslibResourceBatch  *batch,
                                                   const char * const   *fields,
                                                   const char * const   *values,
                                                   GError              **error);
gboolean             reslib_resource_batch_finish (ReslibResourceBatch  *batch,
                                                   GError              **error);
guint                reslib_resource_batch_get_n_written (ReslibResourceBatch *batch);
void                 reslib_resource_batch_free   (ReslibResourceBatch  *batch);

GHashTable          *reslib_store_resource_file_names (ReslibStore      *store,
                                                       const char       *project_id,
                                                       GError          **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ReslibResourceBatch, reslib_resource_batch_free)

G_END_DECLS
