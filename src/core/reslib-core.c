/* reslib-core.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "reslib-core.h"

/**
 * reslib_core_init:
 *
 * Binds the core's message catalogue and registers its types. Call once from main().
 */
void
reslib_core_init (void)
{
  static gsize done = 0;

  if (g_once_init_enter (&done))
    {
      const char *localedir = g_getenv ("RESLIB_LOCALEDIR");

      bindtextdomain (GETTEXT_PACKAGE, localedir != NULL ? localedir : LOCALEDIR);
      bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
      reslib_record_register_types ();
      g_once_init_leave (&done, 1);
    }
}
