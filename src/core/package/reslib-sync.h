/* reslib-sync.h — a record's content as packages exchange it: what an import compares
 *
 * For core modules only. The digest of a record covers the fields two libraries share: not its id,
 * its project (an import may put it into another one), its times (clocks are not trusted), its
 * review (each library reviews for itself) nor the facts of its blob (the blob's hash is content).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "reslib-record.h"

G_BEGIN_DECLS

#define RESLIB_SYNC_DIGEST_SIZE 32

/* Whether @field is part of a record's content for merging. */
gboolean  _reslib_sync_is_content          (const ReslibField  *field);

/* The value of the field at @index of the entity (a column), or NULL for none. */
typedef const char         *(*ReslibSyncValueFunc) (guint    index,
                                                    gpointer data);
/* The values of the list field at @index of the entity, or NULL for none. */
typedef const char * const *(*ReslibSyncListFunc)  (guint    index,
                                                    gpointer data);

/* The SHA-256 of the content of a record of @entity whose fields are read with @value and @list. */
void      _reslib_sync_digest              (const ReslibEntity  *entity,
                                            ReslibSyncValueFunc  value,
                                            ReslibSyncListFunc   list,
                                            gpointer             data,
                                            guint8               digest[RESLIB_SYNC_DIGEST_SIZE]);

/* The same of a record of the store. */
void      _reslib_sync_digest_record       (ReslibRecord        *record,
                                            guint8               digest[RESLIB_SYNC_DIGEST_SIZE]);

/* @digest in hex, in @out (65 bytes). */
void      _reslib_sync_digest_to_hex       (const guint8         digest[RESLIB_SYNC_DIGEST_SIZE],
                                            char                 out[2 * RESLIB_SYNC_DIGEST_SIZE + 1]);

G_END_DECLS
