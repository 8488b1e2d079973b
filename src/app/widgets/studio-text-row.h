/* studio-text-row.h — a boxed-list row for a narrative field: its title over a multi-line text view
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

GtkWidget   *studio_text_row_new      (const char *title,
                                       const char *text);
GtkTextView *studio_text_row_get_view (GtkWidget  *row);
char        *studio_text_row_get_text (GtkWidget  *row);
void         studio_text_row_set_text (GtkWidget  *row,
                                       const char *text);

G_END_DECLS
