/* studio-lms-export.h — exporting the project for an LMS from the app
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "reslib-output.h"
#include "studio-session.h"

G_BEGIN_DECLS

void     studio_lms_export_start          (GtkWindow            *parent,
                                           StudioSession        *session);
void     studio_lms_export_to_file        (StudioSession        *session,
                                           GFile                *file,
                                           ReslibOutputFlags     flags,
                                           GAsyncReadyCallback   callback,
                                           gpointer              user_data);
gboolean studio_lms_export_to_file_finish (GAsyncResult         *result,
                                           GError              **error);

G_END_DECLS
