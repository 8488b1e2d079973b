/* studio-job-notifier.h — the desktop hears about the session's long jobs
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "studio-session.h"

G_BEGIN_DECLS

#define STUDIO_TYPE_JOB_NOTIFIER (studio_job_notifier_get_type ())
G_DECLARE_FINAL_TYPE (StudioJobNotifier, studio_job_notifier, STUDIO, JOB_NOTIFIER, GObject)

StudioJobNotifier *studio_job_notifier_new               (GtkApplication    *application,
                                                          StudioSession     *session);
guint              studio_job_notifier_get_n_inhibiting  (StudioJobNotifier *self);

G_END_DECLS
