/* studio-contribute-dialog.h — Contribute: choose resources and build a contribution for the lead
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "studio-session.h"

G_BEGIN_DECLS

#define STUDIO_TYPE_CONTRIBUTE_DIALOG (studio_contribute_dialog_get_type ())
G_DECLARE_FINAL_TYPE (StudioContributeDialog, studio_contribute_dialog, STUDIO, CONTRIBUTE_DIALOG, AdwWindow)

StudioContributeDialog *studio_contribute_dialog_new             (StudioSession          *session);
GStrv                   studio_contribute_dialog_dup_selected    (StudioContributeDialog *self);
GListModel             *studio_contribute_dialog_get_shown       (StudioContributeDialog *self);
void                    studio_contribute_dialog_set_search      (StudioContributeDialog *self,
                                                                  const char             *text);
gboolean                studio_contribute_dialog_set_scope       (StudioContributeDialog *self,
                                                                  const char             *course_or_node_id);
const char             *studio_contribute_dialog_get_output_path (StudioContributeDialog *self);
void                    studio_contribute_dialog_set_output_path (StudioContributeDialog *self,
                                                                  const char             *path);
const char             *studio_contribute_dialog_get_built_path  (StudioContributeDialog *self);
const char             *studio_contribute_dialog_get_state       (StudioContributeDialog *self);

G_END_DECLS
