/* reslib-store-checks.h — the runs of a project's checks, kept in check_runs
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "reslib-profile.h"
#include "reslib-store.h"

G_BEGIN_DECLS

/* A run of the checks of a project against a rule profile. */
typedef struct
{
  gint64  id;               /* set by the store */
  char   *project_id;
  char   *profile_id;
  char   *profile_version;  /* may be NULL */
  char   *checked_at;       /* ISO 8601; NULL when adding: now */
  guint   n_errors;
  guint   n_warnings;
  guint   n_notes;
  char   *findings;         /* a JSON array of the findings kept (reslib-store-checks.c); NULL when adding: none */
} ReslibCheckRun;

void            reslib_check_run_free            (ReslibCheckRun        *run);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ReslibCheckRun, reslib_check_run_free)

gboolean        reslib_store_add_check_run       (ReslibStore           *store,
                                                  const ReslibCheckRun  *run,
                                                  GError               **error);
gboolean        reslib_store_record_check        (ReslibStore           *store,
                                                  const char            *project_id,
                                                  ReslibProfile         *profile,
                                                  GListModel            *findings,
                                                  GError               **error);
void            reslib_store_record_check_async  (ReslibStore           *store,
                                                  const char            *project_id,
                                                  ReslibProfile         *profile,
                                                  GListModel            *findings,
                                                  GCancellable          *cancellable,
                                                  GAsyncReadyCallback    callback,
                                                  gpointer               user_data);
gboolean        reslib_store_record_check_finish (GAsyncResult          *result,
                                                  GError               **error);
gboolean        _reslib_store_count_check_uses   (ReslibStore           *store,
                                                  const char            *project_id,
                                                  GHashTable            *blob_users,
                                                  GHashTable            *node_uses,
                                                  GHashTable            *node_ids,
                                                  GError               **error);
ReslibCheckRun *reslib_store_get_last_check_run  (ReslibStore           *store,
                                                  const char            *project_id,
                                                  GError               **error);

G_END_DECLS
