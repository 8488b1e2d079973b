/* reslib-text.h — text from other people, made safe to show
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

char *reslib_escape_text (const char *text);

G_END_DECLS
