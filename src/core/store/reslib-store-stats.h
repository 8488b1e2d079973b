/* reslib-store-stats.h — statistics of a project, read from the store (for reports and the overview)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "reslib-store.h"

G_BEGIN_DECLS

/* One course: its nodes, and how many of its knowledge and skill points have resources. */
typedef struct
{
  char  *id;
  char  *title;
  char  *kind;
  guint  n_modules;
  guint  n_knowledge;
  guint  n_skills;
  guint  n_knowledge_linked;   /* knowledge points with at least one resource */
  guint  n_skills_linked;      /* skill points with at least one resource */
  guint  n_resources;          /* distinct resources linked to any node of the course */
} ReslibCourseStats;

typedef struct
{
  guint       n_resources;
  GHashTable *by_type;         /* (element-type utf8 guint): values with none are absent */
  GHashTable *by_origin;       /* idem: "original", "licensed", "open" */
  GHashTable *by_state;        /* idem: "draft", "in-review", "approved", "rejected" */
  guint       n_unlinked;      /* resources linked to no course node */
  guint       n_videos;
  guint       n_videos_probed; /* videos whose probe gave a duration */
  double      video_seconds;   /* the sum of those durations, one per resource */
  guint       n_units;
  guint       n_members;
  guint       n_points;        /* knowledge and skill points of all courses */
  guint       n_points_linked; /* of which have at least one resource */
  GPtrArray  *courses;         /* of ReslibCourseStats, in the courses' order */
} ReslibProjectStats;

void                reslib_project_stats_free          (ReslibProjectStats *stats);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ReslibProjectStats, reslib_project_stats_free)

ReslibProjectStats *reslib_store_get_project_stats      (ReslibStore        *store,
                                                         const char         *project_id,
                                                         GError            **error);

/* Resources added (by their created_at) in each of the @n_months months that end with
 * @last_month ("YYYY-MM", NULL: the current month in UTC). Returns a GArray of
 * ReslibMonthCount, oldest first. */
typedef struct
{
  char  month[8];              /* "YYYY-MM" */
  guint count;
} ReslibMonthCount;

GArray             *reslib_store_count_monthly_additions (ReslibStore       *store,
                                                          const char        *project_id,
                                                          const char        *last_month,
                                                          guint              n_months,
                                                          GError           **error);

/* Changes of resources since @from (ISO 8601, inclusive), from the audit log. */
typedef struct
{
  guint added;                 /* created in the period (and still there) */
  guint updated;               /* changed in the period, not created in it (and still there) */
  guint deleted;               /* deleted in the period */
  guint changed;               /* created or changed in the period */
} ReslibChangeCounts;

gboolean            reslib_store_count_changes_since    (ReslibStore        *store,
                                                         const char         *project_id,
                                                         const char         *from,
                                                         ReslibChangeCounts *counts,
                                                         GError            **error);

typedef struct
{
  char     *title;
  char     *type;
  char     *first_at;
  char     *last_at;
  gboolean  created;           /* created in the period, not only updated */
} ReslibResourceChange;

/* (element-type ReslibResourceChange): the resources created or updated since @from, latest first. */
GPtrArray          *reslib_store_list_resource_changes  (ReslibStore        *store,
                                                         const char         *project_id,
                                                         const char         *from,
                                                         GError            **error);

/* Rows of the report's tables, with the units' names joined in, in the report's order.
 * Text that is not in the store is NULL. */
typedef struct
{
  char    *name;
  char    *unit;
  char    *title;
  char    *duty;
  char    *office;             /* 职务 */
  gboolean leader;             /* 项目负责人 */
  gboolean dual_qualified;     /* 双师型 */
  gboolean enterprise;         /* from an enterprise */
  gint64   birth_year;         /* 0: not given */
} ReslibTeamRow;

typedef struct
{
  char   *unit_id;
  char   *unit;
  char   *source;
  char   *category;
  gint64  amount_cents;        /* planned */
  char   *note;
  gint64  year;                /* 0: not given */
  gint64  received_cents;      /* -1: not given */
  gint64  spent_cents;         /* -1: not given */
} ReslibBudgetRow;

typedef struct
{
  char *unit;
  char *declaration_id;        /* NULL: the unit has no IP declaration */
  char *signed_by;
  char *signed_on;
  char *note;
} ReslibDeclarationRow;

GPtrArray          *reslib_store_list_team_rows         (ReslibStore        *store,
                                                         const char         *project_id,
                                                         GError            **error);
GPtrArray          *reslib_store_list_budget_rows       (ReslibStore        *store,
                                                         const char         *project_id,
                                                         GError            **error);
GPtrArray          *reslib_store_list_declaration_rows  (ReslibStore        *store,
                                                         const char         *project_id,
                                                         GError            **error);

/* When the last progress or acceptance package was made: NULL (no error) when none was. */
char               *reslib_store_get_last_report_at     (ReslibStore        *store,
                                                         const char         *project_id,
                                                         GError            **error);
/* The latest change of the project (its own row or its audit log): NULL (no error) when unknown. */
char               *reslib_store_get_last_change_at     (ReslibStore        *store,
                                                         const char         *project_id,
                                                         GError            **error);

/* A read transaction (deferred: it takes no write lock), so that several reads see the same
 * state. Does nothing inside a transaction; returns whether reslib_store_end_read must end it. */
gboolean            reslib_store_begin_read             (ReslibStore        *store,
                                                         gboolean           *started,
                                                         GError            **error);
void                reslib_store_end_read               (ReslibStore        *store,
                                                         gboolean            started);

G_END_DECLS
