/* studio-checks-page-private.h — what the files of the Checks page share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "studio-check-group.h"
#include "studio-checks-page.h"

G_BEGIN_DECLS

StudioCheckGroup *_studio_checks_page_find_group (StudioChecksPage *self,
                                                  const char       *key);

G_END_DECLS
