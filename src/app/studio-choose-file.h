/* studio-choose-file.h — choose a file, then activate an action with its path
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

typedef struct
{
  const char *name;      /* translated, e.g. "Spreadsheets (xlsx, CSV)" */
  const char *suffixes;  /* separated by spaces, e.g. "xlsx csv" */
} StudioChooseFilter;

void studio_choose_file (GtkWidget                *widget,
                         const char               *title,
                         const char               *accept_label,
                         const StudioChooseFilter *filters,
                         guint                     n_filters,
                         const char               *action_name);

G_END_DECLS
