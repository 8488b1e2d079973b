/* studio-contribute-dialog-build.c — Contribute: the output file, building and handing it over
 *
 * The file is new, in the folder last used for packages built (else that of the project's last
 * contribution, else Documents); Build runs a ReslibPackager job of kind "contribution" into it (of
 * format 1 when it is for an older release),
 * with progress and Cancel; the file built can then be shown in its folder or copied to the
 * clipboard. The picker is studio-contribute-dialog.c's.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "reslib-packager.h"
#include "reslib-store-packages.h"
#include "studio-contribute-dialog-private.h"
#include "studio-show-in-folder.h"

/* ---------------------------------------------------------------------------------------------- */
/* The output file                                                                                 */

char *
_studio_contribute_dialog_default_folder (StudioContributeDialog *self)
{
  g_autoptr(GFile) last_used = studio_settings_get_last_folder (studio_session_get_settings (self->session),
                                                                STUDIO_FOLDER_PACKAGES_OUT);
  g_autofree char *last = NULL;
  g_autofree char *last_dir = NULL;
  const char *documents = g_get_user_special_dir (G_USER_DIRECTORY_DOCUMENTS);

  if (last_used != NULL)
    return g_file_get_path (last_used);
  last = reslib_store_dup_last_package_path (studio_session_get_store (self->session), self->project_id,
                                             "contribution", NULL);
  last_dir = last != NULL ? g_path_get_dirname (last) : NULL;
  if (last_dir != NULL && g_file_test (last_dir, G_FILE_TEST_IS_DIR))
    return g_steal_pointer (&last_dir);
  if (documents != NULL && g_file_test (documents, G_FILE_TEST_IS_DIR))
    return g_strdup (documents);

  return g_strdup (g_get_home_dir ());
}

/* "<project>-contribution-<date>.tar" in @dir, numbered when that file exists: a new contribution never
 * replaces an earlier one the lead may not have taken yet. */
char *
_studio_contribute_dialog_new_output_path (StudioContributeDialog *self,
                                           const char             *dir)
{
  g_autoptr(ReslibRecord) project = reslib_store_get (studio_session_get_store (self->session), RESLIB_KIND_PROJECT,
                                                     self->project_id, NULL);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *date = g_date_time_format (now, "%Y%m%d");
  g_autofree char *name = g_strdup (project != NULL ? reslib_record_get (project, "name") : "reslib");

  g_strdelimit (name, "/\\:*?\"<>|", '_');
  for (guint n = 1; n < 1000; n++)
    {
      g_autofree char *file = n == 1 ? g_strdup_printf ("%s-contribution-%s.tar", name, date)
                                     : g_strdup_printf ("%s-contribution-%s-%u.tar", name, date, n);
      g_autofree char *path = g_build_filename (dir, file, NULL);

      if (!g_file_test (path, G_FILE_TEST_EXISTS))
        return g_steal_pointer (&path);
    }

  return g_build_filename (dir, "contribution.tar", NULL);
}

void
_studio_contribute_dialog_show_output (StudioContributeDialog *self)
{
  g_autofree char *display = self->output_path != NULL ? g_filename_display_name (self->output_path) : NULL;

  adw_action_row_set_subtitle (self->output_row, display != NULL ? display : "");
  _studio_contribute_dialog_update_count (self);
}

static void
chooser_response_cb (GtkNativeDialog        *dialog,
                     int                     response,
                     StudioContributeDialog *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      g_autofree char *path = file != NULL ? g_file_get_path (file) : NULL;

      if (path != NULL)
        {
          studio_settings_set_last_folder (studio_session_get_settings (self->session), STUDIO_FOLDER_PACKAGES_OUT,
                                           file);
          studio_contribute_dialog_set_output_path (self, path);
        }
    }
  g_clear_object (&self->chooser);
}

static void
choose_output_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  StudioContributeDialog *self = STUDIO_CONTRIBUTE_DIALOG (widget);
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  g_autofree char *dir = self->output_path != NULL ? g_path_get_dirname (self->output_path) : _studio_contribute_dialog_default_folder (self);
  g_autofree char *name = self->output_path != NULL ? g_path_get_basename (self->output_path) : NULL;
  g_autoptr(GFile) folder = g_file_new_for_path (dir);

  if (self->chooser != NULL)
    return;
  self->chooser = gtk_file_chooser_native_new (_("Save Contribution"), GTK_WINDOW (self), GTK_FILE_CHOOSER_ACTION_SAVE,
                                               _("_Save"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  gtk_file_filter_set_name (filter, _("Packages (.tar)"));
  gtk_file_filter_add_pattern (filter, "*.tar");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), filter);
  gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (self->chooser), folder, NULL);
  if (name != NULL)
    gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser), name);
  g_signal_connect (self->chooser, "response", G_CALLBACK (chooser_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

/* ---------------------------------------------------------------------------------------------- */
/* Building                                                                                        */

static void
progress_cb (const ReslibProgress *progress,
             gpointer              user_data)
{
  StudioContributeDialog *self = user_data;
  g_autofree char *done = g_format_size (progress->bytes_done);
  g_autofree char *total = g_format_size (progress->bytes_total);
  g_autofree char *text = NULL;

  if (self->cancellable == NULL)
    return;
  if (progress->bytes_total > 0)
    gtk_progress_bar_set_fraction (self->progress,
                                   CLAMP ((double) progress->bytes_done / (double) progress->bytes_total, 0.0, 1.0));
  /* Translators: package progress: bytes, then files, e.g. "1.2 MB of 3.4 MB, 3 of 10 files" */
  text = g_strdup_printf (_("%s of %s, %u of %u files"), done, total, progress->files_done, progress->files_total);
  gtk_progress_bar_set_text (self->progress, text);
}

static void
build_done_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(StudioContributeDialog) self = user_data;
  ReslibPackager *packager = RESLIB_PACKAGER (source);
  g_autoptr(GError) error = NULL;
  g_autofree char *size = NULL;
  g_autofree char *name = NULL;
  g_autofree char *description = NULL;
  gboolean ok = reslib_job_run_finish (RESLIB_JOB (packager), result, &error);

  g_clear_object (&self->cancellable);
  if (!ok)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        gtk_label_set_text (self->error_label, _("The contribution was not built: the build was cancelled."));
      else
        gtk_label_set_text (self->error_label, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
      _studio_contribute_dialog_set_state (self, "pick");
      return;
    }

  g_free (self->built_path);
  self->built_path = g_strdup (reslib_packager_get_path (packager));
  self->built_size = reslib_packager_get_size (packager);
  {
    g_autoptr(GFile) built = g_file_new_for_path (self->built_path);

    studio_settings_set_last_folder (studio_session_get_settings (self->session), STUDIO_FOLDER_PACKAGES_OUT, built);
  }

  size = g_format_size (self->built_size);
  name = g_filename_display_basename (self->built_path);
  /* Translators: after building a contribution: its file name and size */
  description = g_strdup_printf (_("“%s” (%s) is ready. Hand it to the lead on a USB stick, by mail or in a "
                                   "shared folder."), name, size);
  adw_status_page_set_description (self->done_status, description);
  _studio_contribute_dialog_set_state (self, "done");
  studio_session_toast (self->session, _("The contribution was built"));
}

static void
build_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  StudioContributeDialog *self = STUDIO_CONTRIBUTE_DIALOG (widget);
  ReslibStore *store = studio_session_get_store (self->session);
  g_auto(GStrv) ids = studio_contribute_dialog_dup_selected (self);
  g_autoptr(ReslibPackager) packager = NULL;
  g_autoptr(ReslibProfile) profile = NULL;
  g_autofree char *dir = NULL;

  if (store == NULL || self->project_id == NULL || self->cancellable != NULL || ids[0] == NULL ||
      self->output_path == NULL)
    return;
  dir = g_path_get_dirname (self->output_path);
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
  if (!g_file_test (dir, G_FILE_TEST_IS_DIR))
    {
      g_autofree char *text = g_strdup_printf (_("The folder “%s” does not exist: choose another file."), dir);

      gtk_label_set_text (self->error_label, text);
      gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
      return;
    }

  self->cancellable = g_cancellable_new ();
  packager = reslib_packager_new (store, self->project_id, "contribution");
  reslib_packager_set_resource_ids (packager, (const char * const *) ids);
  if (gtk_switch_get_active (self->older_switch))
    reslib_packager_set_format_version (packager, 1);
  profile = studio_session_get_profile (self->session, NULL);
  if (profile != NULL)
    reslib_packager_set_profile (packager, profile);
  /* Never over another file: a file that appeared since the name was chosen makes the build fail. */
  reslib_packager_set_destination (packager, self->output_path, RESLIB_OUTPUT_NONE);
  reslib_job_set_progress_func (RESLIB_JOB (packager), progress_cb, g_object_ref (self), g_object_unref);
  gtk_progress_bar_set_fraction (self->progress, 0);
  gtk_progress_bar_set_text (self->progress, _("Preparing…"));
  _studio_contribute_dialog_set_state (self, "build");
  reslib_job_run_async (RESLIB_JOB (packager), self->cancellable, build_done_cb, g_object_ref (self));
  studio_session_add_job (self->session, RESLIB_JOB (packager));
}

static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  StudioContributeDialog *self = STUDIO_CONTRIBUTE_DIALOG (widget);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  else
    gtk_window_close (GTK_WINDOW (self));
}

/* ---------------------------------------------------------------------------------------------- */
/* Handing it over                                                                                 */

static void
show_in_folder_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  StudioContributeDialog *self = STUDIO_CONTRIBUTE_DIALOG (widget);
  g_autoptr(GFile) file = NULL;

  if (self->built_path == NULL)
    return;
  file = g_file_new_for_path (self->built_path);
  studio_show_in_folder (GTK_WINDOW (self), file);
}

static void
copy_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  StudioContributeDialog *self = STUDIO_CONTRIBUTE_DIALOG (widget);
  g_autoptr(GFile) file = NULL;
  GdkFileList *files;
  GSList list = { 0 };

  if (self->built_path == NULL)
    return;
  file = g_file_new_for_path (self->built_path);
  list.data = file;
  files = gdk_file_list_new_from_list (&list);
  gdk_clipboard_set (gtk_widget_get_clipboard (widget), GDK_TYPE_FILE_LIST, files);
  g_boxed_free (GDK_TYPE_FILE_LIST, files);
  studio_session_toast (self->session, _("Copied: paste it in a folder of Files or in a mail"));
}

/* ---------------------------------------------------------------------------------------------- */
/* The progress and done pages                                                                     */

static GtkWidget *
pill_button (const char *label,
             const char *action,
             gboolean    suggested)
{
  GtkWidget *button = gtk_button_new_with_mnemonic (label);

  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action);
  gtk_widget_add_css_class (button, "pill");
  if (suggested)
    gtk_widget_add_css_class (button, "suggested-action");
  gtk_widget_set_halign (button, GTK_ALIGN_CENTER);

  return button;
}

GtkWidget *
_studio_contribute_dialog_progress_page (StudioContributeDialog *self)
{
  GtkWidget *status = adw_status_page_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 18);

  adw_status_page_set_icon_name (ADW_STATUS_PAGE (status), "send-to-symbolic");
  adw_status_page_set_title (ADW_STATUS_PAGE (status), _("Building the Contribution"));
  self->progress = GTK_PROGRESS_BAR (gtk_progress_bar_new ());
  gtk_progress_bar_set_show_text (self->progress, TRUE);
  gtk_widget_set_size_request (GTK_WIDGET (self->progress), 320, -1);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->progress));
  gtk_box_append (GTK_BOX (box), pill_button (_("_Cancel"), "contribute.cancel", FALSE));
  adw_status_page_set_child (ADW_STATUS_PAGE (status), box);

  return status;
}

GtkWidget *
_studio_contribute_dialog_done_page (StudioContributeDialog *self)
{
  GtkWidget *status = adw_status_page_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);

  self->done_status = ADW_STATUS_PAGE (status);
  adw_status_page_set_icon_name (self->done_status, "emblem-ok-symbolic");
  adw_status_page_set_title (self->done_status, _("Contribution Ready"));
  gtk_box_append (GTK_BOX (box), pill_button (_("_Show in Folder"), "contribute.show-in-folder", TRUE));
  gtk_box_append (GTK_BOX (box), pill_button (_("C_opy"), "contribute.copy", FALSE));
  adw_status_page_set_child (self->done_status, box);

  return status;
}

void
_studio_contribute_dialog_class_init_build (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "contribute.choose-output", NULL, choose_output_action);
  gtk_widget_class_install_action (widget_class, "contribute.build", NULL, build_action);
  gtk_widget_class_install_action (widget_class, "contribute.cancel", NULL, cancel_action);
  gtk_widget_class_install_action (widget_class, "contribute.show-in-folder", NULL, show_in_folder_action);
  gtk_widget_class_install_action (widget_class, "contribute.copy", NULL, copy_action);
}
