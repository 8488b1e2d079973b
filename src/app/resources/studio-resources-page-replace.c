/* studio-resources-page-replace.c — Replace File…: the selected resource's file replaced by a new version
 *
 * The replacement runs as a job (ReslibReplacer: the file copied and hashed, the resource pointed at it in one
 * transaction, the old file kept as an earlier version). An approved resource asks first, since with a new
 * file it goes back to review. The replacement is one step on the session's undo stack: undoing it puts back
 * the file, its name, the review state and the versions as they were.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "reslib-replacer.h"
#include "studio-choose-file.h"
#include "studio-resources-page-private.h"

static void
replaced_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      data)
{
  g_autoptr(StudioResourcesPage) self = data;
  ReslibReplacer *job = RESLIB_REPLACER (source);
  const char *title = g_object_get_data (G_OBJECT (job), "title");
  g_autoptr(GError) error = NULL;
  g_autofree char *toast = NULL;

  if (!reslib_job_run_finish (RESLIB_JOB (job), result, &error))
    {
      studio_page_show_error (STUDIO_PAGE (self), _("The file could not be replaced"), error);
      return;
    }
  if (reslib_replacer_get_back_to_review (job))
    /* Translators: after Replace File… on an approved resource; %s is its title, %u its new version */
    toast = g_strdup_printf (_("“%s” has version %u of its file and goes back to review"), title,
                             reslib_replacer_get_version (job));
  else
    /* Translators: after Replace File…; %s is the resource's title, %u its new version */
    toast = g_strdup_printf (_("“%s” has version %u of its file"), title, reslib_replacer_get_version (job));
  studio_page_push_undo (STUDIO_PAGE (self), reslib_replacer_get_undo_step (job), _("Replace File"), toast);
}

static void
replace (StudioResourcesPage *self,
         const char          *resource_id,
         const char          *title,
         const char          *path)
{
  StudioPage *page = STUDIO_PAGE (self);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(ReslibReplacer) job = reslib_replacer_new (studio_page_get_store (page), resource_id, file);

  g_object_set_data_full (G_OBJECT (job), "title", g_strdup (title), g_free);
  reslib_job_run_async (RESLIB_JOB (job), NULL, replaced_cb, g_object_ref (self));
  studio_page_add_job (page, RESLIB_JOB (job));
}

static void
confirm_response_cb (AdwMessageDialog    *dialog,
                     const char          *response,
                     StudioResourcesPage *self)
{
  if (g_strcmp0 (response, "replace") == 0 && studio_page_get_store (STUDIO_PAGE (self)) != NULL)
    replace (self, g_object_get_data (G_OBJECT (dialog), "id"), g_object_get_data (G_OBJECT (dialog), "title"),
             g_object_get_data (G_OBJECT (dialog), "path"));
}

/* resources.replace-file-path(s): replaces the selected resource's file by the file at the path; an approved
 * resource asks first */
static void
replace_file_path_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  StudioResourcesPage *self = STUDIO_RESOURCES_PAGE (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  const char *path = g_variant_get_string (parameter, NULL);
  const char *title;
  g_autofree char *body = NULL;
  GtkWidget *dialog;

  if (self->record == NULL || studio_page_get_store (STUDIO_PAGE (self)) == NULL || *path == '\0')
    return;
  title = reslib_record_get (self->record, "title");
  if (title == NULL)
    title = reslib_record_get (self->record, "file_name");
  if (g_strcmp0 (reslib_record_get (self->record, "state"), "approved") != 0)
    {
      replace (self, reslib_record_get_id (self->record), title, path);
      return;
    }
  /* Translators: asked before Replace File… on an approved resource; %s is its title */
  body = g_strdup_printf (_("“%s” is approved. With a new file it goes back to review, and the reviewer decides again."),
                          title);
  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, _("Replace the File?"), body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"), "replace", _("_Replace"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "replace", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  gtk_window_set_destroy_with_parent (GTK_WINDOW (dialog), TRUE);
  g_object_set_data_full (G_OBJECT (dialog), "id", g_strdup (reslib_record_get_id (self->record)), g_free);
  g_object_set_data_full (G_OBJECT (dialog), "title", g_strdup (title), g_free);
  g_object_set_data_full (G_OBJECT (dialog), "path", g_strdup (path), g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (confirm_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* resources.replace-file: the file chooser, for the one resource selected */
static void
replace_file_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  StudioResourcesPage *self = STUDIO_RESOURCES_PAGE (widget);

  if (self->record == NULL)
    return;
  studio_choose_file (widget, _("Replace File"), _("_Replace"), NULL, 0, "resources.replace-file-path");
}

void
_studio_resources_page_class_replace_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "resources.replace-file", NULL, replace_file_action);
  gtk_widget_class_install_action (widget_class, "resources.replace-file-path", "s", replace_file_path_action);
}
