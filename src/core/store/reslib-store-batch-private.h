/* reslib-store-batch-private.h — what reslib-store-batch.c and reslib-store-batch-rows.c share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "reslib-store-batch.h"
#include "reslib-store-private.h"

G_BEGIN_DECLS

struct _ReslibResourceBatch
{
  ReslibStore *store;
  char        *project_id;
  char        *now;
  GHashTable  *in_project;   /* "kind:id" of references seen in the project */
  GPtrArray   *triggers;     /* char *: the SQL of the index triggers taken out */
  JsonBuilder *written;      /* the ids written since their index rows were last brought up to date */
  guint        n_pending;    /* how many */
  guint        n_written;
  JsonBuilder *inserted;     /* the ids inserted, as a JSON array */
  guint        n_inserted;
  gboolean     indexed;      /* a field the search indexes hold was written (to the @written) */
  gboolean     finished;
  gint64       cache;        /* the connection's page cache before the batch, to give back */

  /* The writes queued in temp.reslib_batch_rows, applied a chunk at a time (reslib-store-batch-rows.c). */
  GHashTable  *queued;       /* the ids queued */
  guint64      field_mask;   /* the fields they set (bit = the field's index in the entity) */
  guint64      list_mask;    /* the list fields they replace */
};

/* The writes of one resource, checked, queued for the next reslib_resource_batch_write() of a chunk:
 * @values one per field of @fields (NULL to clear), @lists one clean list per list field, @detail the
 * audit event's JSON. */
gboolean _reslib_resource_batch_queue (ReslibResourceBatch  *batch,
                                       const char           *id,
                                       const char * const   *fields,
                                       const char * const   *values,
                                       const char * const   *list_fields,
                                       GPtrArray           **lists,
                                       const char           *detail,
                                       GError              **error);
/* Applies the writes queued: a few statements for all of them. */
gboolean _reslib_resource_batch_flush (ReslibResourceBatch  *batch,
                                       GError              **error);
/* Brings the index rows of the resources @ids (a JSON array) up to date, while the triggers are out. */
gboolean _reslib_resource_batch_index_update (ReslibStore  *store,
                                              const char   *ids,
                                              GError      **error);

G_END_DECLS
