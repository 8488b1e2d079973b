/* studio-dossier-page-usage.c — the Dossier page's usage statistics (应用推广): a row per period with its
 * figures, and Import Usage…
 *
 * An import is checked first as a job (a dry run): a file with bad rows is refused as a whole, with the rows
 * and what is wrong, and nothing is written; a good one says how many periods it adds and replaces and asks.
 * The import itself is a second job, one step on the session's undo stack: undoing it deletes the periods it
 * added and puts back those it replaced.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "reslib-store-usage.h"
#include "reslib-usage-import.h"
#include "studio-choose-file.h"
#include "studio-dossier-page-private.h"

/* A count with thousands separators, as people read it: 240,500 */
static char *
format_number (gint64 n)
{
  g_autofree char *digits = g_strdup_printf ("%" G_GINT64_FORMAT, n);
  GString *out = g_string_new (NULL);
  gsize len = strlen (digits);

  for (gsize i = 0; i < len; i++)
    {
      if (i > 0 && (len - i) % 3 == 0 && g_ascii_isdigit (digits[i - 1]))
        g_string_append_c (out, ',');
      g_string_append_c (out, digits[i]);
    }

  return g_string_free (out, FALSE);
}

static GtkWidget *
period_row (const ReslibUsagePeriod *p)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *title = NULL;
  g_autofree char *users = format_number (reslib_usage_period_users (p));
  g_autofree char *students = format_number (p->students);
  g_autofree char *teachers = format_number (p->teachers);
  g_autofree char *employees = format_number (p->employees);
  g_autofree char *public_learners = format_number (p->public_learners);
  g_autofree char *learners = format_number (p->learners);
  g_autofree char *schools = format_number (p->schools);
  g_autofree char *visits = format_number (p->visits);
  g_autofree char *subtitle = NULL;

  /* Translators: a period of usage statistics, from its first to its last day */
  title = g_strdup_printf (_("%s to %s"), p->period_start, p->period_end);
  /* Translators: a period's usage statistics: the registered users in all and by kind, then the learners,
   * schools and visits in the period */
  subtitle = g_strdup_printf (_("%s registered users: %s students, %s teachers, %s employees, %s from the public\n"
                                "%s learners · %s schools · %s visits"),
                              users, students, teachers, employees, public_learners, learners, schools, visits);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
  gtk_widget_set_name (row, p->period_end);

  return row;
}

void
_studio_dossier_page_clear_usage (StudioDossierPage *self)
{
  GtkWidget *row;

  while ((row = gtk_widget_get_first_child (GTK_WIDGET (self->usage_list))) != NULL)
    gtk_list_box_remove (self->usage_list, row);
}

/**
 * _studio_dossier_page_show_usage:
 *
 * Lists the project's usage statistics, a row per period, the latest first.
 */
void
_studio_dossier_page_show_usage (StudioDossierPage *self)
{
  StudioPage *page = STUDIO_PAGE (self);
  ReslibStore *store = studio_page_get_store (page);
  const char *project_id = studio_page_get_project_id (page);
  g_autoptr(GPtrArray) periods = NULL;
  g_autoptr(GError) error = NULL;

  _studio_dossier_page_clear_usage (self);
  if (store == NULL || project_id == NULL)
    return;
  periods = reslib_store_list_usage (store, project_id, &error);
  if (periods == NULL)
    {
      studio_page_toast (page, error->message);
      return;
    }
  for (guint i = periods->len; i > 0; i--)
    gtk_list_box_append (self->usage_list, period_row (g_ptr_array_index (periods, i - 1)));
  if (periods->len == 0)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("No usage statistics"));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row),
                                   _("Import the CSV file the platform exports: the yearly user growth after acceptance and the progress report need it"));
      gtk_widget_add_css_class (row, "dim-label");
      gtk_list_box_append (self->usage_list, row);
    }
}

/* ---------------------------------------------------------------------------------------------- */
/* Importing                                                                                       */

static void
imported_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      data)
{
  g_autoptr(StudioDossierPage) self = data;
  ReslibUsageImport *job = RESLIB_USAGE_IMPORT (source);
  g_autoptr(GError) error = NULL;
  g_autofree char *toast = NULL;

  if (!reslib_job_run_finish (RESLIB_JOB (job), result, &error))
    {
      studio_page_show_error (STUDIO_PAGE (self), _("The usage statistics could not be imported"), error);
      return;
    }
  /* Translators: after an import of usage statistics */
  toast = g_strdup_printf (_("Added %u periods, replaced %u"), reslib_usage_import_get_n_added (job),
                           reslib_usage_import_get_n_replaced (job));
  studio_page_push_undo (STUDIO_PAGE (self), reslib_usage_import_get_undo_step (job), _("Import Usage Statistics"),
                         toast);
}

static void
confirm_response_cb (AdwMessageDialog  *dialog,
                     const char        *response,
                     StudioDossierPage *self)
{
  StudioPage *page = STUDIO_PAGE (self);
  const char *path = g_object_get_data (G_OBJECT (dialog), "path");
  g_autoptr(ReslibUsageImport) job = NULL;

  if (g_strcmp0 (response, "import") != 0 || studio_page_get_store (page) == NULL ||
      studio_page_get_project_id (page) == NULL)
    return;
  job = reslib_usage_import_new (studio_page_get_store (page), studio_page_get_project_id (page), path, FALSE);
  reslib_job_run_async (RESLIB_JOB (job), NULL, imported_cb, g_object_ref (self));
  studio_page_add_job (page, RESLIB_JOB (job));
}

static void
checked_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      data)
{
  g_autoptr(StudioDossierPage) self = data;
  ReslibUsageImport *job = RESLIB_USAGE_IMPORT (source);
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  g_autoptr(GError) error = NULL;
  g_autofree char *body = NULL;
  GtkWidget *dialog;
  guint added, replaced;

  if (!reslib_job_run_finish (RESLIB_JOB (job), result, &error))
    {
      /* The rows that are wrong, and that nothing was written */
      studio_page_show_error (STUDIO_PAGE (self), _("The usage statistics were not imported"), error);
      return;
    }
  added = reslib_usage_import_get_n_added (job);
  replaced = reslib_usage_import_get_n_replaced (job);
  if (replaced > 0)
    /* Translators: what an import of usage statistics will do; the periods replaced have the same first and
     * last day as periods already imported */
    body = g_strdup_printf (_("%u periods will be added and %u replaced by the file’s figures."), added, replaced);
  else
    body = g_strdup_printf (ngettext ("%u period will be added.", "%u periods will be added.", added), added);
  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, _("Import Usage Statistics?"),
                                   body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"), "import", _("_Import"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "import", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "import");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  gtk_window_set_destroy_with_parent (GTK_WINDOW (dialog), TRUE);
  g_object_set_data_full (G_OBJECT (dialog), "path", g_object_get_data (G_OBJECT (job), "path") != NULL ?
                          g_strdup (g_object_get_data (G_OBJECT (job), "path")) : NULL, g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (confirm_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* dossier.import-usage-file(s): checks the file as a dry run, then asks */
static void
import_usage_file_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  StudioPage *page = STUDIO_PAGE (widget);
  const char *path = g_variant_get_string (parameter, NULL);
  g_autoptr(ReslibUsageImport) job = NULL;

  if (studio_page_get_store (page) == NULL || studio_page_get_project_id (page) == NULL || *path == '\0')
    return;
  job = reslib_usage_import_new (studio_page_get_store (page), studio_page_get_project_id (page), path, TRUE);
  g_object_set_data_full (G_OBJECT (job), "path", g_strdup (path), g_free);
  reslib_job_run_async (RESLIB_JOB (job), NULL, checked_cb, g_object_ref (widget));
  studio_page_add_job (page, RESLIB_JOB (job));
}

/* dossier.import-usage: the file chooser */
static void
import_usage_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  const StudioChooseFilter filters[] = {
    /* Translators: the kind of file the platform's usage statistics come in */
    { _("Usage statistics (CSV, xlsx)"), "csv xlsx" },
  };

  studio_choose_file (widget, _("Import Usage Statistics"), NULL, filters, G_N_ELEMENTS (filters),
                      "dossier.import-usage-file");
}

void
_studio_dossier_page_class_usage_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "dossier.import-usage", NULL, import_usage_action);
  gtk_widget_class_install_action (widget_class, "dossier.import-usage-file", "s", import_usage_file_action);
}
