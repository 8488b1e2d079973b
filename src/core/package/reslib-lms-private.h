/* reslib-lms-private.h — what the files of the LMS export share
 *
 * reslib-lms-export.c lays the project out and writes the zip; reslib-lms-manifest.c writes its
 * imsmanifest.xml and the index.html of each container.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "reslib-package-private.h"

G_BEGIN_DECLS

#define RESLIB_LMS_HOME_PAGE     "index.html"
#define RESLIB_LMS_UNLINKED_KEY  "unlinked"

/* What the export shows, and where each file goes in the zip. */
typedef struct
{
  ReslibPackContent  pkg;
  GHashTable        *zip_paths;   /* resource id → "resources/<portable name>" */
  GHashTable        *children;    /* course id (its top nodes) or node id → GPtrArray of node records */
  GHashTable        *node_ids;    /* node id → its record (borrowed) */
  GPtrArray         *unlinked;    /* ReslibPackResource attached to no node of the project (borrowed) */
} ReslibLmsContent;

/* "pages/<id>/index.html": the page of a course, a node or "unlinked". */
char    *_reslib_lms_page_path       (const char        *key);
GBytes  *_reslib_lms_build_manifest  (ReslibLmsContent  *content,
                                      GError           **error);
GBytes  *_reslib_lms_build_page      (ReslibLmsContent  *content,
                                      const char        *key,
                                      GError           **error);

G_END_DECLS
