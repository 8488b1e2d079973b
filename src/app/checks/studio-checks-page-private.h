/* studio-checks-page-private.h — what the files of the Checks page share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "studio-check-group.h"
#include "studio-checks-page.h"

G_BEGIN_DECLS

/* studio-checks-page.c */
StudioCheckGroup *_studio_checks_page_find_group (StudioChecksPage *self,
                                                  const char       *key);

/* studio-checks-page-actions.c: Export…, Show Resources, Set Licence…, Fill In… */
void              _studio_checks_page_class_init_actions (GtkWidgetClass *widget_class);
gboolean          studio_checks_page_can_fill_in         (StudioCheckGroup *group);

G_END_DECLS
