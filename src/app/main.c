/* main.c — reslib-studio
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "studio-application.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(StudioApplication) app = NULL;
  const char *localedir = g_getenv ("RESLIB_LOCALEDIR");

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, localedir != NULL ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  reslib_core_init ();

  app = studio_application_new ();

  return g_application_run (G_APPLICATION (app), argc, argv);
}
