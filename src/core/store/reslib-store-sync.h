/* reslib-store-sync.h — the versions of records that packages exchanged (sql/0004-sync.sql)
 *
 * For core modules only (package import and pack). A version is the hex SHA-256 of a record's content
 * (reslib-sync.h). A record's base is the version both sides are known to have had: the last one
 * received, or the first one sent of a record never exchanged before.
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

/* Notes the same change of @n records of @kind in the audit log, as reslib_store_log_event () does for
 * each, in few statements. */
gboolean  _reslib_store_log_events         (ReslibStore        *store,
                                            const char         *project_id,
                                            ReslibKind          kind,
                                            const char * const *ids,
                                            guint               n,
                                            const char         *action,
                                            const char         *detail,
                                            GError            **error);

/* What the store knows of the versions of the record @id: whether @sha256 is one exchanged (@known) or
 * one an import refused (@refused), and the record's base (@base, NULL when it has none). */
gboolean  _reslib_store_sync_lookup        (ReslibStore     *store,
                                            ReslibKind       kind,
                                            const char      *id,
                                            const char      *sha256,
                                            gboolean        *known,
                                            gboolean        *refused,
                                            char           **base,
                                            GError         **error);

/* The versions of the record @id this library holds as exchanged, to send as the bases of its content
 * @current (reslib-package-import-merge.c): in @held (emptied first, then filled with hex digests in
 * their order), those received or sent, but @current itself, one an import refused, or one waiting in an
 * unresolved conflict (this library has not taken it). None when there are more than @max. */
gboolean  _reslib_store_sync_held          (ReslibStore     *store,
                                            ReslibKind       kind,
                                            const char      *id,
                                            const char      *current,
                                            guint            max,
                                            GPtrArray       *held,
                                            GError         **error);

/* Notes that the record @id was received as @sha256: a version exchanged, and its base. */
gboolean  _reslib_store_sync_note_received (ReslibStore     *store,
                                            ReslibKind       kind,
                                            const char      *id,
                                            const char      *sha256,
                                            GError         **error);

/* Notes that an import did not take the version @sha256 of the record @id, because it was not to change
 * it (a project's dossier): importing it again is no new conflict, and it is no base. */
gboolean  _reslib_store_sync_note_refused  (ReslibStore     *store,
                                            ReslibKind       kind,
                                            const char      *id,
                                            const char      *sha256,
                                            GError         **error);

/* Notes, in one transaction, the records a package sent (a GArray of ReslibSyncSent): versions
 * exchanged, and with @bases (a contribution), the base of the records that had none. */
gboolean  _reslib_store_sync_note_sent     (ReslibStore     *store,
                                            GArray          *sent,
                                            gboolean         bases,
                                            GError         **error);

G_END_DECLS
