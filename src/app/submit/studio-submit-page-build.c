/* studio-submit-page-build.c — the Submit page: building a package
 *
 * "Build Package" runs a ReslibPackager job in a worker (reslib_job_run_async) with a
 * progress bar and Cancel, into the output file, asking before it replaces a file; an application
 * package is refused by the core while the checks find errors, and the page then offers the
 * Checks page.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "reslib-package.h"
#include "studio-checks-page.h"
#include "studio-show-in-folder.h"
#include "studio-submit-page-private.h"

static void
pack_progress_cb (const ReslibProgress *progress,
                  gpointer              user_data)
{
  StudioSubmitPage *self = user_data;
  g_autofree char *done = g_format_size (progress->bytes_done);
  g_autofree char *total = g_format_size (progress->bytes_total);
  g_autofree char *text = NULL;

  if (self->disposed)
    return;
  if (progress->bytes_total > 0)
    gtk_progress_bar_set_fraction (self->pack_progress,
                                   CLAMP ((double) progress->bytes_done / (double) progress->bytes_total, 0.0, 1.0));
  /* Translators: package progress: bytes, then files, e.g. "1.2 MB of 3.4 MB, 3 of 10 files" */
  text = g_strdup_printf (_("%s of %s, %u of %u files"), done, total, progress->files_done, progress->files_total);
  gtk_progress_bar_set_text (self->pack_progress, text);
}

typedef struct
{
  StudioSubmitPage *self;
  GCancellable     *cancellable;
  char             *path;
  char             *kind;
  char             *project_id;
} PackRun;

static void
pack_run_free (PackRun *run)
{
  g_object_unref (run->self);
  g_object_unref (run->cancellable);
  g_free (run->path);
  g_free (run->kind);
  g_free (run->project_id);
  g_free (run);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PackRun, pack_run_free)

static void
pack_done (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(PackRun) run = user_data;
  StudioSubmitPage *self = run->self;
  g_autoptr(GError) error = NULL;
  ReslibPackager *packager = RESLIB_PACKAGER (source);
  gboolean ok = reslib_job_run_finish (RESLIB_JOB (packager), result, &error);

  if (self->disposed)
    return;
  if (self->pack_cancellable == run->cancellable)
    g_clear_object (&self->pack_cancellable);
  if (!ok)
    {
      gtk_progress_bar_set_fraction (self->pack_progress, 0);
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          gtk_progress_bar_set_text (self->pack_progress, _("Cancelled"));
          _studio_submit_page_show_pack_message (self, _("The package was not built: the build was cancelled."),
                                                 FALSE, FALSE);
        }
      else
        {
          gboolean refused = g_error_matches (error, RESLIB_ERROR, RESLIB_ERROR_CHECKS_FAILED);

          gtk_progress_bar_set_text (self->pack_progress, _("Failed"));
          _studio_submit_page_show_pack_message (self, error->message, TRUE, refused);
        }
      _studio_submit_page_update_actions (self);
      return;
    }

  g_free (self->built_path);
  self->built_path = g_strdup (run->path);
  g_free (self->built_kind);
  self->built_kind = g_strdup (run->kind);
  g_free (self->built_project);
  self->built_project = g_strdup (run->project_id);
  gtk_progress_bar_set_fraction (self->pack_progress, 1.0);
  gtk_progress_bar_set_text (self->pack_progress, _("Done"));
  {
    g_autofree char *size = g_format_size (reslib_packager_get_size (packager));
    g_autofree char *text = NULL;

    /* Translators: after a build: the file, then its size */
    text = g_strdup_printf (_("The package was written to “%s” (%s)."), run->path, size);
    _studio_submit_page_show_pack_message (self, text, FALSE, FALSE);
  }
  gtk_widget_set_visible (self->show_in_folder_button, TRUE);
  studio_page_toast (STUDIO_PAGE (self), _("The package was built"));
  _studio_submit_page_show_built (self);
  _studio_submit_page_update_actions (self);
}

static void
show_in_folder_done (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(StudioSubmitPage) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!studio_show_in_folder_finish (result, NULL, &error) && !self->disposed)
    {
      g_autofree char *text = NULL;

      /* Translators: %s says why, e.g. no application opens folders */
      text = g_strdup_printf (_("The folder could not be shown: %s"), error->message);
      studio_page_toast (STUDIO_PAGE (self), text);
    }
}

/* "Show in Folder": the package built last, selected in the file manager. */
void
_studio_submit_page_show_in_folder_action (GtkWidget  *widget,
                                           const char *action_name,
                                           GVariant   *parameter)
{
  StudioSubmitPage *self = STUDIO_SUBMIT_PAGE (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  g_autoptr(GFile) file = NULL;

  if (self->built_path == NULL)
    return;
  file = g_file_new_for_path (self->built_path);
  studio_show_in_folder_async (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, file, NULL, show_in_folder_done,
                               g_object_ref (self));
}

static gboolean
collect_resources (StudioSubmitPage  *self,
                   GPtrArray        **ids_out,
                   GError           **error)
{
  ReslibStore *store = studio_page_get_store (STUDIO_PAGE (self));
  const char *project_id = studio_page_get_project_id (STUDIO_PAGE (self));
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GListModel) resources = reslib_store_list (store, RESLIB_KIND_RESOURCE, project_id, error);
  gboolean choose = adw_combo_row_get_selected (self->resources_row) == 1;

  if (resources == NULL)
    return FALSE;
  for (guint i = 0; i < g_list_model_get_n_items (resources); i++)
    {
      g_autoptr(ReslibRecord) r = g_list_model_get_item (resources, i);
      const char *id = reslib_record_get_id (r);

      if (choose ? g_hash_table_contains (self->chosen, id) : g_strcmp0 (reslib_record_get (r, "state"), "approved") == 0)
        g_ptr_array_add (ids, g_strdup (id));
    }
  if (ids->len == 0)
    {
      g_set_error_literal (error, RESLIB_ERROR, RESLIB_ERROR_INVALID,
                           choose ? _("No resource is chosen: tick the resources to put in the package.")
                                  : _("No resource is approved yet: approve resources on the Review page, "
                                      "or choose the resources yourself."));
      return FALSE;
    }
  g_ptr_array_add (ids, NULL);
  *ids_out = g_steal_pointer (&ids);

  return TRUE;
}

static void
start_build (StudioSubmitPage  *self,
             ReslibOutputFlags  flags)
{
  ReslibStore *store = studio_page_get_store (STUDIO_PAGE (self));
  const char *project_id = studio_page_get_project_id (STUDIO_PAGE (self));
  const char *kind = _studio_submit_page_selected_kind (self);
  g_autoptr(ReslibProfile) profile = NULL;
  g_autoptr(GPtrArray) ids = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(ReslibPackager) packager = NULL;
  PackRun *run;

  if (store == NULL || project_id == NULL || _studio_submit_page_is_building (self) ||
      self->output_path == NULL)
    return;
  if (g_strcmp0 (kind, "contribution") == 0 && !collect_resources (self, &ids, &error))
    {
      _studio_submit_page_show_pack_message (self, error->message, TRUE, FALSE);
      return;
    }
  profile = studio_page_get_profile (STUDIO_PAGE (self), &error);
  if (profile == NULL)
    {
      _studio_submit_page_show_pack_message (self, error->message, TRUE, FALSE);
      return;
    }

  self->pack_cancellable = g_cancellable_new ();
  run = g_new0 (PackRun, 1);
  run->self = g_object_ref (self);
  run->cancellable = g_object_ref (self->pack_cancellable);
  run->path = g_strdup (self->output_path);
  run->kind = g_strdup (kind);
  run->project_id = g_strdup (project_id);
  _studio_submit_page_show_pack_message (self, NULL, FALSE, FALSE);
  gtk_progress_bar_set_fraction (self->pack_progress, 0);
  gtk_progress_bar_set_text (self->pack_progress, g_strcmp0 (kind, "application") == 0
                                                  ? _("Checking the project…") : _("Preparing…"));
  _studio_submit_page_update_actions (self);
  packager = reslib_packager_new (store, project_id, kind);
  if (ids != NULL)
    reslib_packager_set_resource_ids (packager, (const char * const *) ids->pdata);
  reslib_packager_set_profile (packager, profile);
  reslib_packager_set_destination (packager, run->path, flags);
  reslib_job_set_progress_func (RESLIB_JOB (packager), pack_progress_cb, g_object_ref (self), g_object_unref);
  reslib_job_run_async (RESLIB_JOB (packager), self->pack_cancellable, pack_done, run);
  studio_page_add_job (STUDIO_PAGE (self), RESLIB_JOB (packager));
}

static void
replace_response_cb (AdwMessageDialog *dialog,
                     const char       *response,
                     StudioSubmitPage *self)
{
  const char *path = g_object_get_data (G_OBJECT (dialog), "path");

  /* Only for the file the question was about. */
  if (g_strcmp0 (response, "replace") == 0 && g_strcmp0 (path, self->output_path) == 0)
    start_build (self, RESLIB_OUTPUT_REPLACE);
}

void
_studio_submit_page_build_action (GtkWidget  *widget,
                                  const char *action_name,
                                  GVariant   *parameter)
{
  StudioSubmitPage *self = STUDIO_SUBMIT_PAGE (widget);
  g_autofree char *dir = NULL;
  GtkRoot *root;
  GtkWidget *dialog;

  if (studio_page_get_store (STUDIO_PAGE (self)) == NULL || studio_page_get_project_id (STUDIO_PAGE (self)) == NULL ||
      _studio_submit_page_is_building (self))
    return;
  if (self->output_path == NULL)
    _studio_submit_page_update_default_output (self);
  dir = g_path_get_dirname (self->output_path);
  if (!g_file_test (dir, G_FILE_TEST_IS_DIR))
    {
      g_autofree char *text = g_strdup_printf (_("The folder “%s” does not exist: choose another output file."), dir);

      _studio_submit_page_show_pack_message (self, text, TRUE, FALSE);
      return;
    }
  if (self->replace_confirmed || !g_file_test (self->output_path, G_FILE_TEST_EXISTS))
    {
      start_build (self, self->replace_confirmed ? RESLIB_OUTPUT_REPLACE : RESLIB_OUTPUT_NONE);
      return;
    }

  /* A file of that name exists and nobody said to replace it: ask. */
  root = gtk_widget_get_root (widget);
  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, _("Replace the File?"), NULL);
  {
    g_autofree char *name = g_filename_display_basename (self->output_path);

    /* Translators: %s is a file name */
    adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog),
                                    _("A file named “%s” already exists in that folder. Building the package "
                                      "replaces it."), name);
  }
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "replace", _("_Replace"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "replace", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  gtk_window_set_destroy_with_parent (GTK_WINDOW (dialog), TRUE);
  g_object_set_data_full (G_OBJECT (dialog), "path", g_strdup (self->output_path), g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (replace_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

void
_studio_submit_page_cancel_build_action (GtkWidget  *widget,
                                         const char *action_name,
                                         GVariant   *parameter)
{
  StudioSubmitPage *self = STUDIO_SUBMIT_PAGE (widget);

  if (self->pack_cancellable != NULL)
    g_cancellable_cancel (self->pack_cancellable);
}

void
_studio_submit_page_open_checks_action (GtkWidget  *widget,
                                        const char *action_name,
                                        GVariant   *parameter)
{
  gtk_widget_activate_action (widget, "win.run-checks", "s", "application");
}

