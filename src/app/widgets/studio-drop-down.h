/* studio-drop-down.h — drop-downs that fit a narrow window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

void studio_drop_down_shrink (GtkDropDown *drop_down);

G_END_DECLS
