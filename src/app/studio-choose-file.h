/* studio-choose-file.h — choose a file, then activate an action with its path
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

typedef struct
{
  const char *name;        /* translated, e.g. "Spreadsheets (xlsx, CSV)" */
  const char *suffixes;    /* separated by spaces, e.g. "xlsx csv" */
  const char *mime_types;  /* (nullable): separated by spaces, e.g. "application/x-reslib-package" */
} StudioChooseFilter;

typedef struct
{
  const char               *title;         /* the chooser's title */
  const char               *accept_label;  /* (nullable): its accept button, with a mnemonic; else "_Open"/"_Save" */
  const StudioChooseFilter *filters;       /* (array length=n_filters) (nullable): the first one chosen */
  guint                     n_filters;
  gboolean                  all_files;     /* an "All files" filter after them */
  gboolean                  save;          /* a file to write: GTK asks before it accepts one that exists */
  GFile                    *folder;        /* (nullable): the folder it opens in */
  const char               *name;          /* (nullable): when saving, the name proposed */
} StudioChooseOptions;

void studio_choose_file      (GtkWidget                 *widget,
                              const char                *title,
                              const char                *accept_label,
                              const StudioChooseFilter  *filters,
                              guint                      n_filters,
                              const char                *action_name);
void studio_choose_file_full (GtkWidget                 *widget,
                              const StudioChooseOptions *options,
                              const char                *action_name);

G_END_DECLS
