/* studio-settings.h — the application's settings, a property per GSettings key
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* What a file dialog is for: each starts in the folder last used for the same. */
typedef enum
{
  STUDIO_FOLDER_PACKAGES_IN,    /* packages to import */
  STUDIO_FOLDER_PACKAGES_OUT,   /* packages built */
  STUDIO_FOLDER_REPORTS,        /* reports written */
  STUDIO_FOLDER_RESOURCES,      /* files and folders imported as resources */
} StudioFolderPurpose;

#define STUDIO_TYPE_SETTINGS (studio_settings_get_type ())
G_DECLARE_FINAL_TYPE (StudioSettings, studio_settings, STUDIO, SETTINGS, GObject)

StudioSettings *studio_settings_new              (void);
StudioSettings *studio_settings_get_default      (void);
gboolean        studio_settings_is_persistent    (StudioSettings *self);

char           *studio_settings_dup_endpoint_url (StudioSettings *self);
void            studio_settings_set_endpoint_url (StudioSettings *self,
                                                  const char     *url);
char           *studio_settings_dup_ca_file      (StudioSettings *self);
void            studio_settings_set_ca_file      (StudioSettings *self,
                                                  const char     *path);
guint           studio_settings_get_chunk_size   (StudioSettings *self);
void            studio_settings_set_chunk_size   (StudioSettings *self,
                                                  guint           mib);
guint           studio_settings_get_rate_limit   (StudioSettings *self);
void            studio_settings_set_rate_limit   (StudioSettings *self,
                                                  guint           kib_per_s);
char           *studio_settings_dup_profile_file (StudioSettings *self);
void            studio_settings_set_profile_file (StudioSettings *self,
                                                  const char     *path);
char           *studio_settings_dup_data_folder  (StudioSettings *self);
void            studio_settings_set_data_folder  (StudioSettings *self,
                                                  const char     *path);
char           *studio_settings_dup_report_format (StudioSettings *self);
void            studio_settings_set_report_format (StudioSettings *self,
                                                   const char     *format);
char           *studio_settings_dup_last_project (StudioSettings *self);
void            studio_settings_set_last_project (StudioSettings *self,
                                                  const char     *project_id);
char           *studio_settings_dup_last_page    (StudioSettings *self);
void            studio_settings_set_last_page    (StudioSettings *self,
                                                  const char     *page);
GFile          *studio_settings_get_last_folder  (StudioSettings      *self,
                                                  StudioFolderPurpose  purpose);
void            studio_settings_set_last_folder  (StudioSettings      *self,
                                                  StudioFolderPurpose  purpose,
                                                  GFile               *file);

void            studio_settings_get_window_state (StudioSettings *self,
                                                  int            *width,
                                                  int            *height,
                                                  gboolean       *maximized);
void            studio_settings_set_window_state (StudioSettings *self,
                                                  int             width,
                                                  int             height,
                                                  gboolean        maximized);

G_END_DECLS
