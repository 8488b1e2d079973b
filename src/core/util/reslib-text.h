/* reslib-text.h — text from other people, made safe to show; lists as people type them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

char  *reslib_escape_text     (const char *text);
char  *reslib_escape_text_len (const char *text,
                               gssize      len,
                               guint       max_chars);
char **reslib_split_list      (const char *text);

G_END_DECLS
