/* studio-checks-page-actions.c — what the Checks page does with its findings
 *
 * Export… writes the findings shown by the last check as xlsx or CSV; a group about resources
 * offers to show them on the Resources page; the licence's group has a bulk fix, Set Licence…:
 * the resources the licence rule found get one licence and holder, asked for in a dialog that
 * says how many, and written in one transaction as one step of the undo stack. The metadata group's
 * findings of resources without a description or keywords have one too, Fill In…: what is entered
 * goes on the resources that lack it, again as one step.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "studio-check-group.h"
#include "studio-checks-page.h"
#include "studio-checks-page-private.h"
#include "studio-file-job.h"

/* The licence's group: one licence and holder for all its resources, in one undoable step */

static void
licence_changed_cb (AdwMessageDialog *dialog)
{
  GtkEditable *licence = g_object_get_data (G_OBJECT (dialog), "licence");
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (licence)));

  adw_message_dialog_set_response_enabled (dialog, "apply", *text != '\0');
}

static void
licence_response_cb (AdwMessageDialog *dialog,
                     const char       *response,
                     StudioChecksPage *self)
{
  ReslibStore *store = studio_page_get_store (STUDIO_PAGE (self));
  const char * const *ids = g_object_get_data (G_OBJECT (dialog), "ids");
  g_autofree char *licence = NULL;
  g_autofree char *holder = NULL;
  g_autoptr(ReslibUndoStep) step = NULL;
  g_autoptr(GError) error = NULL;

  if (!g_str_equal (response, "apply") || store == NULL || ids == NULL)
    return;
  licence = g_strstrip (g_strdup (gtk_editable_get_text (g_object_get_data (G_OBJECT (dialog), "licence"))));
  holder = g_strstrip (g_strdup (gtk_editable_get_text (g_object_get_data (G_OBJECT (dialog), "holder"))));
  if (*licence == '\0')
    return;
  step = reslib_store_update_undoable (store, RESLIB_KIND_RESOURCE, ids,
                                       (const char * const[]) { "license", *holder != '\0' ? "license_holder" : NULL,
                                                                NULL },
                                       (const char * const[]) { licence, holder, NULL }, &error);
  if (step == NULL)
    {
      g_prefix_error (&error, "%s\n\n", _("None of the resources was changed."));
      studio_page_show_error (STUDIO_PAGE (self), _("The licence could not be set"), error);
      return;
    }
  {
    guint n = g_strv_length ((char **) ids);
    /* Translators: after setting the licence on resources from the Checks page; %u is how many */
    g_autofree char *message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Licence set on %u resource",
                                                             "Licence set on %u resources", n), n);

    studio_page_push_undo (STUDIO_PAGE (self), step, message, message);
  }
}

/**
 * studio_checks_page_ask_licence:
 * @key: a group's key ("SEVERITY RULE")
 *
 * Asks for a licence and its holder to set on all the resources of the group, saying how many.
 *
 * Returns: (transfer none) (nullable): the dialog, or %NULL when there is no such group
 */
GtkWindow *
studio_checks_page_ask_licence (StudioChecksPage *self,
                                const char       *key)
{
  g_autoptr(StudioCheckGroup) group = _studio_checks_page_find_group (self, key);
  g_auto(GStrv) ids = group != NULL ? studio_check_group_dup_resource_ids (group) : NULL;
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *rows;
  GtkWidget *licence;
  GtkWidget *holder;
  AdwMessageDialog *dialog;
  g_autofree char *heading = NULL;
  guint n;

  if (ids == NULL || ids[0] == NULL)
    return NULL;
  n = g_strv_length (ids);
  /* Translators: the heading of the dialog that sets a licence on the resources a check found */
  heading = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Set the Licence of %u Resource?",
                                          "Set the Licence of %u Resources?", n), n);
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, heading,
                                                       _("The licence and its holder are set on every resource of "
                                                         "this group, in one step that Undo takes back.")));
  rows = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (rows), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (rows, "boxed-list");
  licence = adw_entry_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (licence), _("Licence"));
  holder = adw_entry_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (holder), _("Licence holder"));
  gtk_list_box_append (GTK_LIST_BOX (rows), licence);
  gtk_list_box_append (GTK_LIST_BOX (rows), holder);
  adw_message_dialog_set_extra_child (dialog, rows);
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "apply", _("_Set Licence"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "apply", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_response_enabled (dialog, "apply", FALSE);
  adw_message_dialog_set_default_response (dialog, "apply");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_object_set_data (G_OBJECT (dialog), "licence", licence);
  g_object_set_data (G_OBJECT (dialog), "holder", holder);
  g_object_set_data_full (G_OBJECT (dialog), "ids", g_steal_pointer (&ids), (GDestroyNotify) g_strfreev);
  g_signal_connect_swapped (licence, "changed", G_CALLBACK (licence_changed_cb), dialog);
  g_signal_connect_object (dialog, "response", G_CALLBACK (licence_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));

  return GTK_WINDOW (dialog);
}

/* The description and keyword findings of the metadata group: what is missing, filled in on all its
 * resources that lack it, in one undoable step */

static const char * const fill_fields[] = { "description", "keywords", NULL };

static void
fill_changed_cb (AdwMessageDialog *dialog)
{
  gboolean any = FALSE;

  for (guint f = 0; fill_fields[f] != NULL; f++)
    {
      GtkEditable *entry = g_object_get_data (G_OBJECT (dialog), fill_fields[f]);
      g_autofree char *text = entry != NULL ? g_strstrip (g_strdup (gtk_editable_get_text (entry))) : NULL;

      any = any || (text != NULL && *text != '\0');
    }
  adw_message_dialog_set_response_enabled (dialog, "apply", any);
}

static void
fill_response_cb (AdwMessageDialog *dialog,
                  const char       *response,
                  StudioChecksPage *self)
{
  ReslibStore *store = studio_page_get_store (STUDIO_PAGE (self));
  const char * const *ids = g_object_get_data (G_OBJECT (dialog), "ids");
  const char *values[G_N_ELEMENTS (fill_fields)] = { NULL, };
  g_autoptr(ReslibUndoStep) step = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  guint n = 0;

  if (!g_str_equal (response, "apply") || store == NULL || ids == NULL)
    return;
  for (guint f = 0; fill_fields[f] != NULL; f++)
    {
      GtkEditable *entry = g_object_get_data (G_OBJECT (dialog), fill_fields[f]);

      values[f] = entry != NULL ? gtk_editable_get_text (entry) : NULL;
    }
  if (!reslib_store_fill_in_resources (store, ids, fill_fields, values, &step, &n, &error))
    {
      g_prefix_error (&error, "%s\n\n", _("None of the resources was changed."));
      studio_page_show_error (STUDIO_PAGE (self), _("The descriptions and keywords could not be filled in"), error);
      return;
    }
  if (step == NULL)
    {
      studio_page_toast (STUDIO_PAGE (self), _("Nothing to fill in: every resource has them now"));
      return;
    }
  /* Translators: after filling in missing descriptions and keywords from the Checks page; %u is how many */
  message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Filled in %u resource", "Filled in %u resources", n), n);
  studio_page_push_undo (STUDIO_PAGE (self), step, message, message);
}

static GtkWidget *
fill_row (AdwMessageDialog *dialog,
          const char       *field,
          const char       *title)
{
  GtkWidget *row = adw_entry_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (row), TRUE);
  g_object_set_data (G_OBJECT (dialog), field, row);
  g_signal_connect_swapped (row, "changed", G_CALLBACK (fill_changed_cb), dialog);

  return row;
}

/**
 * studio_checks_page_ask_fill_in:
 * @key: a group's key ("SEVERITY RULE")
 *
 * Asks for a description and keywords to fill in on the resources that the group's findings say lack
 * them, saying how many. A resource that has one keeps it.
 *
 * Returns: (transfer none) (nullable): the dialog, or %NULL when the group has no such finding
 */
GtkWindow *
studio_checks_page_ask_fill_in (StudioChecksPage *self,
                                const char       *key)
{
  g_autoptr(StudioCheckGroup) group = _studio_checks_page_find_group (self, key);
  g_auto(GStrv) ids = group != NULL ? studio_check_group_dup_resource_ids_for (group, fill_fields) : NULL;
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *rows;
  GtkWidget *keywords;
  AdwMessageDialog *dialog;
  g_autofree char *heading = NULL;
  guint n;

  if (ids == NULL || ids[0] == NULL)
    return NULL;
  n = g_strv_length (ids);
  /* Translators: the heading of the dialog that fills in what a check found missing on resources */
  heading = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Fill In the Description and Keywords of %u Resource?",
                                          "Fill In the Descriptions and Keywords of %u Resources?", n), n);
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, heading,
                                                       _("What you enter goes only where it is missing: a resource "
                                                         "that has a description or keywords keeps them. One step "
                                                         "that Undo takes back.")));
  rows = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (rows), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (rows, "boxed-list");
  gtk_list_box_append (GTK_LIST_BOX (rows), fill_row (dialog, "description", _("_Description")));
  keywords = fill_row (dialog, "keywords", _("_Keywords"));
  /* Translators: how keywords are typed in the Fill In dialog of the Checks page */
  gtk_widget_set_tooltip_text (keywords, _("Separate keywords with commas"));
  gtk_list_box_append (GTK_LIST_BOX (rows), keywords);
  adw_message_dialog_set_extra_child (dialog, rows);
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "apply", _("_Fill In"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "apply", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_response_enabled (dialog, "apply", FALSE);
  adw_message_dialog_set_default_response (dialog, "apply");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "ids", g_steal_pointer (&ids), (GDestroyNotify) g_strfreev);
  g_signal_connect_object (dialog, "response", G_CALLBACK (fill_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));

  return GTK_WINDOW (dialog);
}

/**
 * studio_checks_page_can_fill_in:
 *
 * Returns: whether @group has findings that Fill In… can fix: resources without a description or
 *   keywords
 */
gboolean
studio_checks_page_can_fill_in (StudioCheckGroup *group)
{
  return g_str_equal (studio_check_group_get_rule (group), "resource.metadata") &&
         studio_check_group_has_field (group, fill_fields);
}

/* Export: the findings shown by the last check, as xlsx or CSV */

static ReslibJob *
make_export_job (ReslibStore       *store,
                 const char        *project_id,
                 const char        *path,
                 ReslibOutputFlags  flags,
                 gpointer           user_data)
{
  ReslibSheetFormat format = RESLIB_SHEET_FORMAT_XLSX;
  ReslibFindingsExportJob *job;

  reslib_sheet_format_for_path (path, &format);
  job = reslib_findings_export_job_new (store, user_data, path, format);
  reslib_findings_export_job_set_flags (job, flags);

  return RESLIB_JOB (job);
}

static char *
export_done_title (ReslibJob  *job,
                   const char *name)
{
  guint n = reslib_findings_export_job_get_n_rows (RESLIB_FINDINGS_EXPORT_JOB (job));

  /* Translators: a toast after the findings were exported: the file's name, how many */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "“%s” exported: %u finding", "“%s” exported: %u findings", n),
                          name, n);
}

/**
 * studio_checks_page_export_to_file:
 * @file: a local .xlsx or .csv file (else xlsx)
 *
 * Writes the findings of the last check shown to @file, as the Export… button does after its dialog.
 */
void
studio_checks_page_export_to_file (StudioChecksPage    *self,
                                   GFile               *file,
                                   ReslibOutputFlags    flags,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  StudioFileJobTexts texts = {
    .progress = _("Exporting the findings…"),
    .cancelled = _("The findings were not exported: cancelled"),
    .failed = _("The findings could not be exported"),
    .open_failed = _("The findings could not be opened"),
    .done = STUDIO_FILE_JOB_OPEN,
    .done_title = export_done_title,
  };
  GListModel *findings;
  g_autoptr(GListStore) none = NULL;

  g_return_if_fail (STUDIO_IS_CHECKS_PAGE (self));

  findings = studio_checks_page_get_findings (self);

  if (findings == NULL)
    none = g_list_store_new (RESLIB_TYPE_FINDING);
  studio_file_job_run (studio_page_get_session (STUDIO_PAGE (self)), file, flags, &texts, make_export_job,
                       findings != NULL ? findings : G_LIST_MODEL (none), callback, user_data);
}

gboolean
studio_checks_page_export_to_file_finish (GAsyncResult  *result,
                                          GError       **error)
{
  return studio_file_job_run_finish (result, error);
}

static void
export_chosen_cb (StudioSession     *session,
                  GFile             *file,
                  ReslibOutputFlags  flags,
                  const char        *suffix,
                  gpointer           user_data)
{
  studio_checks_page_export_to_file (user_data, file, flags, NULL, NULL);
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  StudioChecksPage *self = STUDIO_CHECKS_PAGE (widget);
  StudioSession *session = studio_page_get_session (STUDIO_PAGE (self));
  g_autoptr(ReslibRecord) project = studio_page_get_project (STUDIO_PAGE (self));
  GtkRoot *root = gtk_widget_get_root (widget);
  g_autofree char *name = NULL;
  g_autofree char *safe = NULL;
  const StudioFileJobFilter filters[] = {
    { _("Excel workbooks"), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx" },
    { _("CSV files (UTF-8)"), "text/csv", "csv" },
  };

  if (session == NULL || studio_checks_page_get_findings (self) == NULL)
    return;
  /* Translators: the file name proposed for the exported findings: the project's name, then this */
  name = g_strdup_printf ("%s %s.xlsx", project != NULL ? reslib_record_get (project, "name") : _("Project"),
                          C_("file name", "Findings"));
  safe = studio_file_job_safe_name (name);
  studio_file_job_choose (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, session, _("Export Findings"), _("_Export"),
                          STUDIO_FOLDER_REPORTS, safe, filters, G_N_ELEMENTS (filters), 0, export_chosen_cb,
                          g_object_ref (self), g_object_unref);
}

/* "Show Resources": the Resources page, filtered to the resources of a group */
static void
show_resources_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  StudioChecksPage *self = STUDIO_CHECKS_PAGE (widget);
  g_autoptr(StudioCheckGroup) group = _studio_checks_page_find_group (self, g_variant_get_string (parameter, NULL));
  g_auto(GStrv) ids = group != NULL ? studio_check_group_dup_resource_ids (group) : NULL;

  if (ids == NULL || ids[0] == NULL)
    return;
  gtk_widget_activate_action (widget, "win.show-resources", "(s^as)", studio_check_group_get_title (group), ids);
}

static void
fill_in_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  studio_checks_page_ask_fill_in (STUDIO_CHECKS_PAGE (widget), g_variant_get_string (parameter, NULL));
}

static void
set_licence_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  studio_checks_page_ask_licence (STUDIO_CHECKS_PAGE (widget), g_variant_get_string (parameter, NULL));
}

void
_studio_checks_page_class_init_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "checks.export", NULL, export_action);
  gtk_widget_class_install_action (widget_class, "checks.show-resources", "s", show_resources_action);
  gtk_widget_class_install_action (widget_class, "checks.set-licence", "s", set_licence_action);
  gtk_widget_class_install_action (widget_class, "checks.fill-in", "s", fill_in_action);
}
