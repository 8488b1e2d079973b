/* reslib-contact.h — phone numbers and email addresses as people type them, checked
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

gboolean reslib_phone_is_valid (const char  *phone);
gboolean reslib_email_is_valid (const char  *email);
gboolean reslib_contact_check  (const char  *field,
                                const char  *value,
                                GError     **error);

G_END_DECLS
