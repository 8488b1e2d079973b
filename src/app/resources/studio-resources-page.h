/* studio-resources-page.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "studio-page.h"

G_BEGIN_DECLS

#define STUDIO_TYPE_RESOURCES_PAGE (studio_resources_page_get_type ())
G_DECLARE_FINAL_TYPE (StudioResourcesPage, studio_resources_page, STUDIO, RESOURCES_PAGE, StudioPage)

/* Imports files and folders (of GFile) in the background: what the file chooser, a drop and a paste do;
 * while an import runs, they wait for it. */
gboolean    studio_resources_page_import             (StudioResourcesPage *self,
                                                      GSList              *files);
/* "Import Metadata…" with @path chosen: opens the preview of what the sheet changes. */
GtkWindow  *studio_resources_page_import_sheet       (StudioResourcesPage *self,
                                                      const char          *path);
/* The search text whose matches are shown now (lags the entry while a search runs). */
const char *studio_resources_page_get_applied_search (StudioResourcesPage *self);
/* How many rows the column view's sort has still to place (GTK sorts a part at a time). */
guint        studio_resources_page_get_sort_pending   (StudioResourcesPage *self);
/* The open "Edit Selected" dialog, for tests. */
GtkWindow  *studio_resources_page_get_bulk_dialog    (StudioResourcesPage *self);
/* The open course node picker (the detail pane's or the "Edit Selected" dialog's), for tests. */
GtkWindow  *studio_resources_page_get_node_picker    (StudioResourcesPage *self);

/* Only the resources @ids, with a bar that says they are @from (a check) and removes the filter. */
void        studio_resources_page_show_ids           (StudioResourcesPage *self,
                                                      const char          *from,
                                                      const char * const  *ids);
void        studio_resources_page_show_all           (StudioResourcesPage *self);
const char *studio_resources_page_get_ids_filter     (StudioResourcesPage *self);

G_END_DECLS
