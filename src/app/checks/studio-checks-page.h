/* studio-checks-page.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "studio-page.h"

G_BEGIN_DECLS

#define STUDIO_TYPE_CHECKS_PAGE (studio_checks_page_get_type ())
G_DECLARE_FINAL_TYPE (StudioChecksPage, studio_checks_page, STUDIO, CHECKS_PAGE, StudioPage)

/* Starts a check of the shown project (as the "Run Checks" button does). */
void        studio_checks_page_run             (StudioChecksPage *self);
/* Likewise, with the rules for a package of this kind ("application") as well. */
void        studio_checks_page_run_for_package (StudioChecksPage *self,
                                                const char       *package_kind);
gboolean    studio_checks_page_is_running      (StudioChecksPage *self);
/* The findings of the last check shown, or NULL. */
GListModel *studio_checks_page_get_findings    (StudioChecksPage *self);

/* Writes the findings shown to @file (.xlsx or .csv) as Export… does after its dialog. */
void        studio_checks_page_export_to_file  (StudioChecksPage    *self,
                                                GFile               *file,
                                                ReslibOutputFlags    flags,
                                                GAsyncReadyCallback  callback,
                                                gpointer             user_data);
gboolean    studio_checks_page_export_to_file_finish (GAsyncResult  *result,
                                                      GError       **error);
/* Asks for a licence to set on the resources of the group @key ("SEVERITY RULE"), as its button does. */
GtkWindow  *studio_checks_page_ask_licence     (StudioChecksPage    *self,
                                                const char          *key);
GtkWindow  *studio_checks_page_ask_fill_in     (StudioChecksPage    *self,
                                                const char          *key);

/* The page that shows a subject of this kind ("resources", "team", …), or NULL. */
const char *studio_checks_page_for_subject     (const char       *subject_kind);

/* The last check of @project_id, as the store keeps it (check_runs); FALSE when the project was never
 * checked or the store cannot tell. Any out argument may be NULL. Recording a check tells the store's
 * listeners that the project changed. */
gboolean    studio_checks_get_last_check       (ReslibStore      *store,
                                                const char       *project_id,
                                                GDateTime       **time,
                                                guint            *errors,
                                                guint            *warnings,
                                                guint            *notes);

G_END_DECLS
