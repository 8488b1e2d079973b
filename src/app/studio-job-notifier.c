/* studio-job-notifier.c — the desktop hears about the session's long jobs
 *
 * The notifier watches the session's list of running jobs (studio_session_get_jobs()):
 *
 *  - while a pack, an import (of files or of a package) or an upload runs, the session is kept
 *    from suspending (gtk_application_inhibit), and let go when the job ends, however it ends;
 *  - when a pack, a package import, an upload or a report ends while none of the application's
 *    windows has the focus, a notification says how it ended ("Package built", "Import done: 12
 *    added, 1 conflict", "Upload failed"); clicking it presents the window (app.present-window).
 *    A job the user cancelled ends without one.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "reslib-core.h"
#include "reslib-package-importer.h"
#include "reslib-packager.h"
#include "reslib-report.h"
#include "reslib-upload.h"
#include "studio-job-notifier.h"

struct _StudioJobNotifier
{
  GObject         parent_instance;

  GtkApplication *application;     /* weak */
  StudioSession  *session;
  GHashTable     *watched;         /* ReslibJob → its inhibit cookie + 1 (1: none), owned refs */
  guint           n_inhibiting;
};

G_DEFINE_FINAL_TYPE (StudioJobNotifier, studio_job_notifier, G_TYPE_OBJECT)

static gboolean
keeps_awake (ReslibJob *job)
{
  return RESLIB_IS_PACKAGER (job) || RESLIB_IS_PACKAGE_IMPORTER (job) || RESLIB_IS_IMPORTER (job) ||
         RESLIB_IS_UPLOAD (job);
}

static const char *
inhibit_reason (ReslibJob *job)
{
  if (RESLIB_IS_PACKAGER (job))
    return _("A package is being built");
  if (RESLIB_IS_PACKAGE_IMPORTER (job))
    return _("A package is being imported");
  if (RESLIB_IS_IMPORTER (job))
    return _("Files are being imported");
  return _("A package is being uploaded");
}

/* Whether one of the app's windows has the focus: the main window or one opened from it (the
 * conflicts, a dialog), which need not be the application's. */
static gboolean
application_is_focused (StudioJobNotifier *self)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (GList *l = gtk_application_get_windows (self->application); l != NULL; l = l->next)
    if (gtk_window_is_active (l->data))
      return TRUE;
  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (gtk_window_is_active (window))
        return TRUE;
    }

  return FALSE;
}

static char *
file_name_of (const char *path)
{
  return path != NULL ? g_filename_display_basename (path) : NULL;
}

/* "Import done: 12 added, 1 conflict" */
static char *
import_title (const ReslibImportReport *report)
{
  guint added = 0, updated = 0, conflicts = 0;
  g_autoptr(GString) counts = g_string_new (NULL);

  for (guint k = 0; report != NULL && k < RESLIB_N_KINDS; k++)
    {
      added += report->added[k];
      updated += report->updated[k];
      conflicts += report->conflicts[k];
    }
  /* Translators: part of "Import done: 12 added, 3 updated, 1 conflict" */
  g_string_append_printf (counts, g_dngettext (GETTEXT_PACKAGE, "%u added", "%u added", added), added);
  if (updated > 0)
    {
      g_string_append (counts, _(", "));
      /* Translators: part of "Import done: 12 added, 3 updated, 1 conflict" */
      g_string_append_printf (counts, g_dngettext (GETTEXT_PACKAGE, "%u updated", "%u updated", updated), updated);
    }
  if (conflicts > 0)
    {
      g_string_append (counts, _(", "));
      /* Translators: part of "Import done: 12 added, 3 updated, 1 conflict" */
      g_string_append_printf (counts, g_dngettext (GETTEXT_PACKAGE, "%u conflict", "%u conflicts", conflicts),
                              conflicts);
    }

  /* Translators: a notification; %s is e.g. "12 added, 1 conflict" */
  return g_strdup_printf (_("Import done: %s"), counts->str);
}

/* The title and text of the notification for @job, which ended; FALSE for a job that gets none. */
static gboolean
describe_end (ReslibJob  *job,
              char      **title,
              char      **body)
{
  const GError *error = reslib_job_get_error (job);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return FALSE;

  if (RESLIB_IS_PACKAGER (job))
    {
      *title = g_strdup (error == NULL ? _("Package built") : _("The package could not be built"));
      *body = error == NULL ? file_name_of (reslib_packager_get_path (RESLIB_PACKAGER (job))) : g_strdup (error->message);
    }
  else if (RESLIB_IS_PACKAGE_IMPORTER (job) && reslib_package_importer_get_preview (RESLIB_PACKAGE_IMPORTER (job)))
    return FALSE;   /* the review of a package: nothing was imported */
  else if (RESLIB_IS_PACKAGE_IMPORTER (job))
    {
      const ReslibImportReport *report = reslib_package_importer_get_report (RESLIB_PACKAGE_IMPORTER (job));

      *title = error == NULL ? import_title (report) : g_strdup (_("The package could not be imported"));
      *body = error == NULL ? g_strdup (report != NULL ? report->bag : NULL) : g_strdup (error->message);
    }
  else if (RESLIB_IS_UPLOAD (job))
    {
      *title = g_strdup (error == NULL ? _("Upload finished") : _("Upload failed"));
      *body = error == NULL ? g_strdup (_("The endpoint holds the whole package.")) : g_strdup (error->message);
    }
  else if (RESLIB_IS_REPORT_JOB (job))
    {
      *title = g_strdup (error == NULL ? _("Report written") : _("The report could not be written"));
      *body = error == NULL ? file_name_of (reslib_report_job_get_dest_path (RESLIB_REPORT_JOB (job)))
                            : g_strdup (error->message);
    }
  else
    return FALSE;

  return TRUE;
}

static void
notify_end (StudioJobNotifier *self,
            ReslibJob         *job)
{
  g_autoptr(GNotification) notification = NULL;
  g_autofree char *title = NULL;
  g_autofree char *body = NULL;
  g_autofree char *id = NULL;

  if (self->application == NULL || application_is_focused (self) || !describe_end (job, &title, &body))
    return;
  /* Without a session bus (a registered non-unique instance) there is no one to tell. */
  if (!g_application_get_is_registered (G_APPLICATION (self->application)) ||
      g_application_get_dbus_connection (G_APPLICATION (self->application)) == NULL)
    return;

  notification = g_notification_new (title);
  if (body != NULL && *body != '\0')
    g_notification_set_body (notification, body);
  g_notification_set_default_action (notification, "app.present-window");
  /* One notification per kind of job: a newer one replaces the last. */
  id = g_strdup_printf ("job-%s", G_OBJECT_TYPE_NAME (job));
  g_application_send_notification (G_APPLICATION (self->application), id, notification);
}

static void
release (StudioJobNotifier *self,
         ReslibJob         *job)
{
  guint cookie = GPOINTER_TO_UINT (g_hash_table_lookup (self->watched, job));

  if (cookie == 0)
    return;
  if (cookie > 1 && self->application != NULL)
    gtk_application_uninhibit (self->application, cookie - 1);
  if (keeps_awake (job))
    self->n_inhibiting--;
}

static void
job_busy_cb (ReslibJob         *job,
             GParamSpec        *pspec,
             StudioJobNotifier *self)
{
  g_autoptr(ReslibJob) hold = NULL;

  if (reslib_job_get_busy (job) || !g_hash_table_contains (self->watched, job))
    return;

  hold = g_object_ref (job);
  g_signal_handlers_disconnect_by_func (job, job_busy_cb, self);
  release (self, job);
  g_hash_table_remove (self->watched, job);
  notify_end (self, job);
}

static void
watch (StudioJobNotifier *self,
       ReslibJob         *job)
{
  guint cookie = 0;

  if (g_hash_table_contains (self->watched, job) || !reslib_job_get_busy (job))
    return;

  if (keeps_awake (job))
    {
      if (self->application != NULL)
        cookie = gtk_application_inhibit (self->application, gtk_application_get_active_window (self->application),
                                          GTK_APPLICATION_INHIBIT_SUSPEND, inhibit_reason (job));
      self->n_inhibiting++;
    }
  g_hash_table_insert (self->watched, g_object_ref (job), GUINT_TO_POINTER (cookie + 1));
  g_signal_connect (job, "notify::busy", G_CALLBACK (job_busy_cb), self);
}

static void
jobs_changed_cb (GListModel        *jobs,
                 guint              position,
                 guint              removed,
                 guint              added,
                 StudioJobNotifier *self)
{
  for (guint i = position; i < position + added; i++)
    {
      g_autoptr(ReslibJob) job = g_list_model_get_item (jobs, i);

      watch (self, job);
    }
}

static void
studio_job_notifier_dispose (GObject *object)
{
  StudioJobNotifier *self = STUDIO_JOB_NOTIFIER (object);
  GHashTableIter iter;
  gpointer job;

  if (self->watched != NULL)
    {
      g_hash_table_iter_init (&iter, self->watched);
      while (g_hash_table_iter_next (&iter, &job, NULL))
        {
          g_signal_handlers_disconnect_by_func (job, job_busy_cb, self);
          release (self, job);
        }
      g_clear_pointer (&self->watched, g_hash_table_unref);
    }
  if (self->session != NULL)
    g_signal_handlers_disconnect_by_func (studio_session_get_jobs (self->session), jobs_changed_cb, self);
  g_clear_object (&self->session);
  g_clear_weak_pointer (&self->application);

  G_OBJECT_CLASS (studio_job_notifier_parent_class)->dispose (object);
}

static void
studio_job_notifier_class_init (StudioJobNotifierClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = studio_job_notifier_dispose;
}

static void
studio_job_notifier_init (StudioJobNotifier *self)
{
  self->watched = g_hash_table_new_full (NULL, NULL, g_object_unref, NULL);
}

/**
 * studio_job_notifier_new:
 * @application: the application that sends the notifications and inhibits suspending
 * @session: the session whose jobs are watched
 *
 * Returns: (transfer full): a notifier, watching until it is disposed (which lets go of what it inhibits)
 */
StudioJobNotifier *
studio_job_notifier_new (GtkApplication *application,
                         StudioSession  *session)
{
  StudioJobNotifier *self;
  GListModel *jobs;

  g_return_val_if_fail (GTK_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (STUDIO_IS_SESSION (session), NULL);

  self = g_object_new (STUDIO_TYPE_JOB_NOTIFIER, NULL);
  g_set_weak_pointer (&self->application, application);
  self->session = g_object_ref (session);
  jobs = studio_session_get_jobs (session);
  g_signal_connect (jobs, "items-changed", G_CALLBACK (jobs_changed_cb), self);
  jobs_changed_cb (jobs, 0, 0, g_list_model_get_n_items (jobs), self);

  return self;
}

/**
 * studio_job_notifier_get_n_inhibiting:
 *
 * Returns: how many running jobs keep the session from suspending now
 */
guint
studio_job_notifier_get_n_inhibiting (StudioJobNotifier *self)
{
  g_return_val_if_fail (STUDIO_IS_JOB_NOTIFIER (self), 0);

  return self->n_inhibiting;
}
