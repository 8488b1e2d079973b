/* studio-show-in-folder.h — showing a file in the file manager
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/**
 * StudioShowInFolderMethod:
 * @STUDIO_SHOW_IN_FOLDER_FILE_MANAGER: the file manager selected the file (org.freedesktop.FileManager1)
 * @STUDIO_SHOW_IN_FOLDER_OPEN_FOLDER: the folder holding the file was opened (no file manager answered)
 */
typedef enum
{
  STUDIO_SHOW_IN_FOLDER_FILE_MANAGER,
  STUDIO_SHOW_IN_FOLDER_OPEN_FOLDER,
} StudioShowInFolderMethod;

void     studio_show_in_folder        (GtkWindow                 *parent,
                                       GFile                     *file);
void     studio_show_in_folder_async  (GtkWindow                 *parent,
                                       GFile                     *file,
                                       GCancellable              *cancellable,
                                       GAsyncReadyCallback        callback,
                                       gpointer                   user_data);
gboolean studio_show_in_folder_finish (GAsyncResult              *result,
                                       StudioShowInFolderMethod  *method,
                                       GError                   **error);

G_END_DECLS
