/* studio-report.c — generating reports from the app
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "studio-report.h"

void
studio_report_generate (StudioWindow *window,
                        const char   *kind)
{
  g_return_if_fail (STUDIO_IS_WINDOW (window));
  g_return_if_fail (kind != NULL);
}
