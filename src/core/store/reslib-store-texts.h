/* reslib-store-texts.h — the narrative sections of the dossier (申报书), text the project writes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "reslib-store.h"

G_BEGIN_DECLS

/* The sections are the nicks of ReslibTextSection: "foundation", "content-resources", … */
gboolean    reslib_text_section_is_valid    (const char   *section,
                                             GError      **error);
char       *reslib_store_get_project_text   (ReslibStore  *store,
                                             const char   *project_id,
                                             const char   *section,
                                             GError      **error);
gboolean    reslib_store_set_project_text   (ReslibStore  *store,
                                             const char   *project_id,
                                             const char   *section,
                                             const char   *text,
                                             GError      **error);

G_END_DECLS
