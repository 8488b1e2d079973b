/* studio-dossier-page.h — the project's dossier (申报书信息)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "studio-page.h"

G_BEGIN_DECLS

#define STUDIO_TYPE_DOSSIER_PAGE (studio_dossier_page_get_type ())
G_DECLARE_FINAL_TYPE (StudioDossierPage, studio_dossier_page, STUDIO, DOSSIER_PAGE, StudioPage)

G_END_DECLS
