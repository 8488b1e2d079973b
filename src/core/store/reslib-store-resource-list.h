/* reslib-store-resource-list.h — a project's resources row by row with everything the resource list shows
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "reslib-store.h"

G_BEGIN_DECLS

/**
 * ReslibResourceListRow:
 * @number: the row's number, from 1, in the order of the Resources page (oldest first)
 * @id: the resource's id
 * @title: its title
 * @type: its type as the store keeps it ("video")
 * @file_name: its file's name
 * @size: its file's size in bytes, or -1 when unknown
 * @duration: the media's duration in seconds (probed), 0 when it has none or was not probed
 * @courses: the titles of the courses its points belong to, each once, in the courses' order
 * @modules: the titles of the modules above its points (the nearest one), each once
 * @points: the titles of its knowledge and skill points
 * @authors: its authors, in their order
 * @keywords: its keywords
 * @unit: (nullable): the name of its unit
 * @origin: its origin as the store keeps it ("original")
 * @license: (nullable): its licence
 * @license_holder: (nullable): who holds the licence
 * @state: its review state as the store keeps it ("approved")
 * @description: (nullable): its description
 * @tags: its tags as the store keeps them ("ideological"), in the order of reslib_tags
 * @certificate: (nullable): its 1+X certificate
 * @url: (nullable): an online resource's address
 *
 * One resource as the resource list (资源清单) shows it. Every string and list is valid only during the
 * call it is given to. Lists are %NULL-terminated, never %NULL.
 */
typedef struct
{
  guint               number;
  const char         *id;
  const char         *title;
  const char         *type;
  const char         *file_name;
  gint64              size;
  double              duration;
  const char * const *courses;
  const char * const *modules;
  const char * const *points;
  const char * const *authors;
  const char * const *keywords;
  const char         *unit;
  const char         *origin;
  const char         *license;
  const char         *license_holder;
  const char         *state;
  const char         *description;
  const char * const *tags;
  const char         *certificate;
  const char         *url;
} ReslibResourceListRow;

/* Called once per row; returns FALSE with @error set to stop. */
typedef gboolean (*ReslibResourceListFunc) (const ReslibResourceListRow  *row,
                                            guint                         n_rows,
                                            gpointer                      user_data,
                                            GError                      **error);

/**
 * ReslibResourceTotal:
 * @name: (nullable): a type as the store keeps it, or a course's title; %NULL for the resources in no
 *   course
 * @count: how many resources
 * @bytes: the size of their files
 * @seconds: the duration of their media
 *
 * A line of the resource list's totals.
 */
typedef struct
{
  char   *name;
  guint   count;
  gint64  bytes;
  double  seconds;
} ReslibResourceTotal;

void     reslib_resource_total_free           (ReslibResourceTotal     *total);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ReslibResourceTotal, reslib_resource_total_free)

gboolean reslib_store_foreach_resource_list_row (ReslibStore           *store,
                                                 const char            *project_id,
                                                 ReslibResourceListFunc func,
                                                 gpointer               user_data,
                                                 GPtrArray            **by_type,
                                                 GPtrArray            **by_course,
                                                 GCancellable          *cancellable,
                                                 GError               **error);

G_END_DECLS
