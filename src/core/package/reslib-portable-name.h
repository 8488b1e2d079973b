/* reslib-portable-name.h — the one rule for the names of files in packages and exports
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * RESLIB_PORTABLE_NAME_MAX_BYTES:
 *
 * The most bytes of UTF-8 a portable name takes: under the 255 bytes a name may have in the common file
 * systems and tar readers, with room for the " (2)" that tells apart names that would be equal.
 */
#define RESLIB_PORTABLE_NAME_MAX_BYTES 200

char     *reslib_portable_name             (const char *name);
gboolean  reslib_portable_name_is_portable (const char *name);

typedef struct _ReslibNameSet ReslibNameSet;

ReslibNameSet *reslib_name_set_new  (void);
char          *reslib_name_set_add  (ReslibNameSet *set,
                                     const char    *name);
void           reslib_name_set_free (ReslibNameSet *set);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ReslibNameSet, reslib_name_set_free)

G_END_DECLS
