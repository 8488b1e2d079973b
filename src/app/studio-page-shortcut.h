/* studio-page-shortcut.h — a page's shortcuts that work wherever the page is shown
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "studio-page.h"

G_BEGIN_DECLS

void studio_page_add_shortcut (StudioPage      *page,
                               guint            keyval,
                               GdkModifierType  modifiers,
                               const char      *action_name);

G_END_DECLS
