/* studio-tooltip.h — tooltips that wrap at a readable width, in Chinese too
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

void studio_tooltip_set      (GtkWidget  *widget,
                              const char *text);
void studio_tooltip_wrap     (GtkWidget  *widget);
void studio_tooltip_wrap_all (GtkWidget  *root);

G_END_DECLS
