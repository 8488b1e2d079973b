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

/**
 * reslib_main_context_post:
 * @context: the main context of the thread that should run @func
 *
 * Runs @func (once) in @context, from any thread: how workers hand progress to
 * the thread that started them. Unlike g_main_context_invoke(), it never runs
 * @func in the calling thread, even when that thread could acquire @context.
 */
void
reslib_main_context_post (GMainContext   *context,
                          GSourceFunc     func,
                          gpointer        data,
                          GDestroyNotify  notify)
{
  GSource *source = g_idle_source_new ();

  g_source_set_priority (source, G_PRIORITY_DEFAULT);
  g_source_set_callback (source, func, data, notify);
  g_source_set_static_name (source, "[reslib] progress");
  g_source_attach (source, context);
  g_source_unref (source);
}
