/* studio-open-with-dialog.h — choosing the application that opens a file
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define STUDIO_TYPE_OPEN_WITH_DIALOG (studio_open_with_dialog_get_type ())
G_DECLARE_FINAL_TYPE (StudioOpenWithDialog, studio_open_with_dialog, STUDIO, OPEN_WITH_DIALOG, AdwWindow)

StudioOpenWithDialog *studio_open_with_dialog_new          (GtkWindow            *parent,
                                                            const char           *content_type,
                                                            const char           *file_name);
guint                 studio_open_with_dialog_get_n_apps   (StudioOpenWithDialog *self);
GAppInfo             *studio_open_with_dialog_get_app      (StudioOpenWithDialog *self,
                                                            guint                 position);

G_END_DECLS
