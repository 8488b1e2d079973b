/* reslib-store-usage.h — the usage statistics of a project (应用推广, sql/0011-usage.sql)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "reslib-store.h"
#include "reslib-undo-step.h"

G_BEGIN_DECLS

/* One period's figures (data/profiles/usage-csv.md): registered users in all at its end, the rest in it. */
typedef struct
{
  char   *period_start;      /* YYYY-MM-DD */
  char   *period_end;
  gint64  students;
  gint64  teachers;
  gint64  employees;
  gint64  public_learners;
  gint64  learners;
  gint64  schools;
  gint64  visits;
} ReslibUsagePeriod;

void        reslib_usage_period_free      (ReslibUsagePeriod *period);
gint64      reslib_usage_period_users     (const ReslibUsagePeriod *period);

GPtrArray  *reslib_store_list_usage       (ReslibStore  *store,
                                           const char   *project_id,
                                           GError      **error);
gboolean    reslib_store_import_usage     (ReslibStore  *store,
                                           const char   *project_id,
                                           GPtrArray    *periods,
                                           const char   *source,
                                           gboolean      dry_run,
                                           guint        *n_added,
                                           guint        *n_replaced,
                                           GError      **error);
ReslibUndoStep *
            reslib_store_import_usage_undoable (ReslibStore  *store,
                                                const char   *project_id,
                                                GPtrArray    *periods,
                                                const char   *source,
                                                guint        *n_added,
                                                guint        *n_replaced,
                                                GError      **error);
gboolean    reslib_store_usage_users_at   (ReslibStore  *store,
                                           const char   *project_id,
                                           const char   *date,
                                           gint64       *users,
                                           char        **period_end,
                                           GError      **error);

/* reslib-usage-csv.c */
GPtrArray  *reslib_usage_csv_read         (const char   *path,
                                           GError      **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ReslibUsagePeriod, reslib_usage_period_free)

G_END_DECLS
