/* reslib-store-sync.h — the versions of records that packages exchanged (sql/0004-sync.sql)
 *
 * For core modules only (package import and pack). A version is the hex SHA-256 of a record's content
 * (reslib-sync.h); each exchange (a contribution packed, a package imported) has a number larger than
 * every earlier one, and a record's base is its version of the latest exchange.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "reslib-store.h"
#include "reslib-sync.h"

G_BEGIN_DECLS

/* One record sent in a package: its kind, id and the digest of its content. */
typedef struct
{
  guint8  kind;                                 /* a ReslibKind */
  guint8  digest[RESLIB_SYNC_DIGEST_SIZE];
  char    id[37];                               /* a UUID */
} ReslibSyncSent;

/* The number of a new exchange (the caller is in a write transaction). */
gboolean  _reslib_store_sync_next_exchange (ReslibStore     *store,
                                            gint64          *seq,
                                            GError         **error);

/* What the store knows of the versions of the record @id: whether @sha256 is one of them (@known) or
 * was refused by an import (@refused), and its base (@base, NULL when the record was never exchanged). */
gboolean  _reslib_store_sync_lookup        (ReslibStore     *store,
                                            ReslibKind       kind,
                                            const char      *id,
                                            const char      *sha256,
                                            gboolean        *known,
                                            gboolean        *refused,
                                            char           **base,
                                            GError         **error);

/* Notes that the record @id was exchanged as @sha256 in the exchange @seq: that version is its base. */
gboolean  _reslib_store_sync_note          (ReslibStore     *store,
                                            ReslibKind       kind,
                                            const char      *id,
                                            const char      *sha256,
                                            gint64           seq,
                                            GError         **error);

/* Notes that an import of the exchange @seq did not take the version @sha256 of the record @id, because it
 * was not to change it (a project's dossier): importing it again is not a new conflict, and it is no base. */
gboolean  _reslib_store_sync_note_refused  (ReslibStore     *store,
                                            ReslibKind       kind,
                                            const char      *id,
                                            const char      *sha256,
                                            gint64           seq,
                                            GError         **error);

/* Notes, in one transaction, the records a package sent (a GArray of ReslibSyncSent). */
gboolean  _reslib_store_sync_note_sent     (ReslibStore     *store,
                                            GArray          *sent,
                                            GError         **error);

G_END_DECLS
