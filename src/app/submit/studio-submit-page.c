/* studio-submit-page.c — building packages, uploading them, and the project's submissions
 *
 * "Build Package" packs the project in the core's worker (reslib_package_pack_async)
 * with a progress bar and Cancel; an application package is refused by the core
 * while the checks find errors, and the page then offers the Checks page.
 * "Upload" sends the package built last with the core's tus client, with the
 * endpoint, CA file, chunk size and rate limit from Preferences and the token
 * from the keyring: Pause cancels the run (the submission keeps its offset),
 * Resume runs it again from the server's offset, Cancel Upload ends it on the
 * server. Unfinished submissions of the project shown first are resumed at start.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "reslib-package.h"
#include "reslib-upload.h"
#include "studio-checks-page.h"
#include "studio-preferences-window.h"
#include "studio-secret.h"
#include "studio-submit-page.h"
#include "studio-window.h"

static const char * const kinds[] = { "application", "progress", "acceptance", "contribution" };
#define KIND_CONTRIBUTION 3

struct _StudioSubmitPage
{
  StudioPage            parent_instance;

  GSettings            *settings;
  gboolean              disposed;

  /* Building */
  char                 *output_path;
  gboolean              output_chosen;    /* by the user, not the default name */
  gboolean              replace_confirmed; /* the file chooser asked before choosing a file that exists */
  GCancellable         *pack_cancellable; /* non-NULL while building */
  char                 *built_path;
  char                 *built_kind;
  char                 *built_project;
  GHashTable           *chosen;           /* resource ids for a chosen contribution */
  GtkFileChooserNative *chooser;

  /* Uploading */
  ReslibUpload         *upload;           /* non-NULL while running */
  GCancellable         *upload_cancellable;
  gboolean              cancel_requested; /* Cancel Upload while running */
  gboolean              cancelling;       /* the DELETE is on its way */
  char                 *submission_id;    /* the submission run last */
  gboolean              resumed_once;
  GQueue                resume_queue;     /* submission ids to resume, one after the other */

  guint                 reload_id;
  GHashTable           *expanded;         /* ids of the history rows the user opened */

  AdwComboRow          *kind_row;
  AdwComboRow          *resources_row;
  AdwActionRow         *output_row;
  GtkWidget            *choose_box;
  GtkLabel             *choose_label;
  GtkListView          *choose_view;
  GtkSignalListItemFactory *choose_factory;
  GtkProgressBar       *pack_progress;
  GtkWidget            *pack_cancel_button;
  GtkWidget            *pack_message_box;
  GtkLabel             *pack_message;
  GtkWidget            *open_checks_button;
  AdwActionRow         *upload_package_row;
  AdwActionRow         *endpoint_row;
  GtkProgressBar       *upload_progress;
  GtkLabel             *upload_status;
  GtkListBox           *submissions_list;
};

G_DEFINE_FINAL_TYPE (StudioSubmitPage, studio_submit_page, STUDIO_TYPE_PAGE)

static void start_upload (StudioSubmitPage *self, const char *package_path, const char *kind,
                          const char *submission_id, const char *endpoint);
static void resume_next  (StudioSubmitPage *self);

/* ---------------------------------------------------------------------------------------------- */
/* Helpers                                                                                         */

static const char *
kind_label (const char *kind)
{
  if (g_strcmp0 (kind, "application") == 0)
    return _("Application");
  if (g_strcmp0 (kind, "progress") == 0)
    return _("Progress report");
  if (g_strcmp0 (kind, "acceptance") == 0)
    return _("Acceptance");
  if (g_strcmp0 (kind, "contribution") == 0)
    return _("Contribution");
  return kind != NULL ? kind : "";
}

static const char *
selected_kind (StudioSubmitPage *self)
{
  guint i = adw_combo_row_get_selected (self->kind_row);

  return i < G_N_ELEMENTS (kinds) ? kinds[i] : kinds[0];
}

static char *
format_duration (gint64 seconds)
{
  if (seconds < 60)
    /* Translators: a duration in seconds */
    return g_strdup_printf (_("%d s"), (int) seconds);
  if (seconds < 3600)
    /* Translators: a duration in minutes */
    return g_strdup_printf (_("%d min"), (int) ((seconds + 59) / 60));
  /* Translators: a duration in hours and minutes */
  return g_strdup_printf (_("%d h %d min"), (int) (seconds / 3600), (int) (seconds % 3600 / 60));
}

static char *
format_local_time (const char *iso)
{
  g_autoptr(GDateTime) time = iso != NULL ? g_date_time_new_from_iso8601 (iso, NULL) : NULL;
  g_autoptr(GDateTime) local = time != NULL ? g_date_time_to_local (time) : NULL;

  return local != NULL ? g_date_time_format (local, "%Y-%m-%d %H:%M") : g_strdup (iso != NULL ? iso : "");
}

static void
set_subtitle (AdwActionRow *row,
              const char   *text)
{
  g_autofree char *escaped = g_markup_escape_text (text != NULL ? text : "", -1);

  adw_action_row_set_subtitle (row, escaped);
}

static char *
get_setting (StudioSubmitPage *self,
             const char       *key)
{
  return self->settings != NULL ? g_settings_get_string (self->settings, key) : g_strdup ("");
}

static gboolean
is_building (StudioSubmitPage *self)
{
  return self->pack_cancellable != NULL;
}

static gboolean
is_uploading (StudioSubmitPage *self)
{
  return self->upload != NULL || self->upload_cancellable != NULL;
}

static void
update_actions (StudioSubmitPage *self)
{
  gboolean project = studio_page_get_project_id (STUDIO_PAGE (self)) != NULL;
  gboolean building = is_building (self);
  gboolean uploading = is_uploading (self);
  gboolean can_resume = self->submission_id != NULL && !uploading && !self->cancelling;

  if (can_resume)
    {
      ReslibStore *store = studio_page_get_store (STUDIO_PAGE (self));
      g_autoptr(ReslibRecord) row = store != NULL ? reslib_store_get (store, RESLIB_KIND_SUBMISSION,
                                                                      self->submission_id, NULL) : NULL;

      can_resume = row != NULL && reslib_record_get (row, "completed_at") == NULL;
    }
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "submit.build", project && !building);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "submit.cancel-build", building);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "submit.choose-output", project && !building);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "submit.upload",
                                 self->built_path != NULL && !uploading && !building && !self->cancelling &&
                                 g_strcmp0 (self->built_project, studio_page_get_project_id (STUDIO_PAGE (self))) == 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "submit.pause", uploading && !self->cancel_requested);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "submit.resume", can_resume);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "submit.resume-submission", !uploading && !self->cancelling);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "submit.cancel-upload",
                                 self->submission_id != NULL && !self->cancelling && !self->cancel_requested &&
                                 (uploading || can_resume));
  gtk_widget_set_visible (self->pack_cancel_button, building);
}

static void
show_pack_message (StudioSubmitPage *self,
                   const char       *message,
                   gboolean          is_error,
                   gboolean          offer_checks)
{
  gtk_widget_set_visible (self->pack_message_box, message != NULL);
  gtk_label_set_text (self->pack_message, message != NULL ? message : "");
  if (is_error)
    gtk_widget_add_css_class (GTK_WIDGET (self->pack_message), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->pack_message), "error");
  gtk_widget_set_visible (self->open_checks_button, offer_checks);
}

static void
show_endpoint (StudioSubmitPage *self)
{
  g_autofree char *endpoint = get_setting (self, "endpoint-url");

  set_subtitle (self->endpoint_row, *endpoint != '\0' ? endpoint : _("Not set: enter it in Preferences"));
}

static void
show_built (StudioSubmitPage *self)
{
  if (self->built_path != NULL)
    {
      g_autofree char *text = NULL;

      /* Translators: the package to upload: its kind, then its file */
      text = g_strdup_printf (_("%s: %s"), kind_label (self->built_kind), self->built_path);
      set_subtitle (self->upload_package_row, text);
    }
  else
    set_subtitle (self->upload_package_row, _("None yet: build a package first"));
}

/* ---------------------------------------------------------------------------------------------- */
/* Output file                                                                                     */

static char *
default_output_path (StudioSubmitPage *self,
                     const char       *dir)
{
  g_autoptr(ReslibRecord) project = studio_page_get_project (STUDIO_PAGE (self));
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *date = g_date_time_format (now, "%Y%m%d");
  g_autofree char *name = g_strdup (project != NULL ? reslib_record_get (project, "name") : "reslib");
  g_autofree char *file = NULL;
  const char *documents = g_get_user_special_dir (G_USER_DIRECTORY_DOCUMENTS);

  g_strdelimit (name, "/\\:*?\"<>|", '_');
  file = g_strdup_printf ("%s-%s-%s.tar", name, selected_kind (self), date);
  if (dir == NULL)
    dir = documents != NULL && g_file_test (documents, G_FILE_TEST_IS_DIR) ? documents : g_get_home_dir ();

  return g_build_filename (dir, file, NULL);
}

static void
show_output (StudioSubmitPage *self)
{
  set_subtitle (self->output_row, self->output_path);
}

static void
update_default_output (StudioSubmitPage *self)
{
  if (self->output_chosen)
    return;
  g_free (self->output_path);
  self->output_path = default_output_path (self, NULL);
  self->replace_confirmed = FALSE;
  show_output (self);
}

void
studio_submit_page_set_output_path (StudioSubmitPage *self,
                                    const char       *path)
{
  g_return_if_fail (STUDIO_IS_SUBMIT_PAGE (self));

  g_free (self->output_path);
  self->output_path = g_strdup (path);
  self->output_chosen = path != NULL;
  self->replace_confirmed = FALSE;
  if (path == NULL)
    update_default_output (self);
  show_output (self);
}

const char *
studio_submit_page_get_output_path (StudioSubmitPage *self)
{
  g_return_val_if_fail (STUDIO_IS_SUBMIT_PAGE (self), NULL);

  return self->output_path;
}

static void
chooser_response_cb (GtkNativeDialog  *dialog,
                     int               response,
                     StudioSubmitPage *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      g_autofree char *path = file != NULL ? g_file_get_path (file) : NULL;

      if (path != NULL)
        {
          studio_submit_page_set_output_path (self, path);
          /* GTK's file chooser asks before it accepts a file that exists. */
          self->replace_confirmed = TRUE;
        }
    }
  g_clear_object (&self->chooser);
}

static void
choose_output_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  StudioSubmitPage *self = STUDIO_SUBMIT_PAGE (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  g_autofree char *dir = self->output_path != NULL ? g_path_get_dirname (self->output_path) : NULL;
  g_autofree char *name = self->output_path != NULL ? g_path_get_basename (self->output_path) : NULL;

  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  self->chooser = gtk_file_chooser_native_new (_("Save the Package"), GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                               GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  gtk_file_filter_set_name (filter, _("Packages (tar)"));
  gtk_file_filter_add_pattern (filter, "*.tar");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), filter);
  if (dir != NULL && g_file_test (dir, G_FILE_TEST_IS_DIR))
    {
      g_autoptr(GFile) folder = g_file_new_for_path (dir);

      gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (self->chooser), folder, NULL);
    }
  if (name != NULL)
    gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser), name);
  g_signal_connect (self->chooser, "response", G_CALLBACK (chooser_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

/* ---------------------------------------------------------------------------------------------- */
/* Chosen resources of a contribution                                                              */

static void
update_choose_label (StudioSubmitPage *self)
{
  g_autofree char *text = NULL;

  /* Translators: how many resources are chosen for a contribution package */
  text = g_strdup_printf (_("Chosen resources: %u"), g_hash_table_size (self->chosen));
  gtk_label_set_text (self->choose_label, text);
}

void
studio_submit_page_choose_resource (StudioSubmitPage *self,
                                    const char       *resource_id,
                                    gboolean          chosen)
{
  g_return_if_fail (STUDIO_IS_SUBMIT_PAGE (self));

  if (chosen)
    g_hash_table_add (self->chosen, g_strdup (resource_id));
  else
    g_hash_table_remove (self->chosen, resource_id);
  update_choose_label (self);
}

static void
choose_toggled_cb (GtkCheckButton *check,
                   GtkListItem    *item)
{
  StudioSubmitPage *self = g_object_get_data (G_OBJECT (check), "page");
  ReslibRecord *record = gtk_list_item_get_item (item);

  if (record != NULL && self != NULL)
    studio_submit_page_choose_resource (self, reslib_record_get_id (record), gtk_check_button_get_active (check));
}

static void
setup_choose_cb (GtkSignalListItemFactory *factory,
                 GtkListItem              *item,
                 StudioSubmitPage         *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *check = gtk_check_button_new ();
  GtkWidget *title = gtk_label_new (NULL);
  GtkWidget *state = gtk_label_new (NULL);

  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_widget_set_margin_top (box, 3);
  gtk_widget_set_margin_bottom (box, 3);
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_ellipsize (GTK_LABEL (title), PANGO_ELLIPSIZE_END);
  gtk_widget_set_hexpand (title, TRUE);
  gtk_widget_add_css_class (state, "dim-label");
  gtk_box_append (GTK_BOX (box), check);
  gtk_box_append (GTK_BOX (box), title);
  gtk_box_append (GTK_BOX (box), state);
  g_object_set_data (G_OBJECT (check), "page", self);
  g_object_set_data (G_OBJECT (box), "check", check);
  g_object_set_data (G_OBJECT (box), "title", title);
  g_object_set_data (G_OBJECT (box), "state", state);
  gtk_list_item_set_child (item, box);
}

static void
bind_choose_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *item,
                StudioSubmitPage         *self)
{
  ReslibRecord *record = gtk_list_item_get_item (item);
  GtkWidget *box = gtk_list_item_get_child (item);
  GtkWidget *check = g_object_get_data (G_OBJECT (box), "check");
  const char *title = reslib_record_get (record, "title");

  gtk_label_set_text (g_object_get_data (G_OBJECT (box), "title"), title != NULL ? title : "");
  gtk_label_set_text (g_object_get_data (G_OBJECT (box), "state"),
                      reslib_label_resource_state (reslib_record_get (record, "state")));
  gtk_check_button_set_active (GTK_CHECK_BUTTON (check),
                               g_hash_table_contains (self->chosen, reslib_record_get_id (record)));
  g_signal_connect (check, "toggled", G_CALLBACK (choose_toggled_cb), item);
  studio_set_accessible_label (check, title != NULL ? title : "");
}

static void
unbind_choose_cb (GtkSignalListItemFactory *factory,
                  GtkListItem              *item,
                  StudioSubmitPage         *self)
{
  GtkWidget *box = gtk_list_item_get_child (item);

  g_signal_handlers_disconnect_by_func (g_object_get_data (G_OBJECT (box), "check"), choose_toggled_cb, item);
}

static void
choose_activated_cb (StudioSubmitPage *self,
                     guint             position)
{
  GListModel *model = G_LIST_MODEL (gtk_list_view_get_model (self->choose_view));
  g_autoptr(ReslibRecord) record = model != NULL ? g_list_model_get_item (model, position) : NULL;
  const char *id;

  if (record == NULL)
    return;
  id = reslib_record_get_id (record);
  studio_submit_page_choose_resource (self, id, !g_hash_table_contains (self->chosen, id));
  g_list_model_items_changed (model, position, 1, 1);
}

static void
load_choose_list (StudioSubmitPage *self)
{
  ReslibStore *store = studio_page_get_store (STUDIO_PAGE (self));
  const char *project_id = studio_page_get_project_id (STUDIO_PAGE (self));
  g_autoptr(GListModel) resources = NULL;
  g_autoptr(GtkNoSelection) selection = NULL;

  if (store != NULL && project_id != NULL && gtk_widget_get_visible (self->choose_box))
    resources = reslib_store_list (store, RESLIB_KIND_RESOURCE, project_id, NULL);
  if (resources == NULL)
    {
      gtk_list_view_set_model (self->choose_view, NULL);
      return;
    }
  selection = gtk_no_selection_new (g_steal_pointer (&resources));
  gtk_list_view_set_model (self->choose_view, GTK_SELECTION_MODEL (selection));
}

static void
update_kind_rows (StudioSubmitPage *self)
{
  gboolean contribution = adw_combo_row_get_selected (self->kind_row) == KIND_CONTRIBUTION;
  gboolean choose = contribution && adw_combo_row_get_selected (self->resources_row) == 1;

  gtk_widget_set_visible (GTK_WIDGET (self->resources_row), contribution);
  if (choose != gtk_widget_get_visible (self->choose_box))
    {
      gtk_widget_set_visible (self->choose_box, choose);
      load_choose_list (self);
    }
  update_choose_label (self);
}

static void
kind_changed_cb (StudioSubmitPage *self)
{
  update_kind_rows (self);
  update_default_output (self);
  show_pack_message (self, NULL, FALSE, FALSE);
}

/* ---------------------------------------------------------------------------------------------- */
/* Building                                                                                        */

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
  gboolean ok = reslib_package_pack_finish (RESLIB_STORE (source), result, &error);

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
          show_pack_message (self, _("The package was not built: the build was cancelled."), FALSE, FALSE);
        }
      else
        {
          gboolean refused = g_error_matches (error, RESLIB_ERROR, RESLIB_ERROR_CHECKS_FAILED);

          gtk_progress_bar_set_text (self->pack_progress, _("Failed"));
          show_pack_message (self, error->message, TRUE, refused);
        }
      update_actions (self);
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
    g_autoptr(GFile) file = g_file_new_for_path (run->path);
    g_autoptr(GFileInfo) info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE, G_FILE_QUERY_INFO_NONE,
                                                   NULL, NULL);
    g_autofree char *size = g_format_size (info != NULL ? (guint64) g_file_info_get_size (info) : 0);
    g_autofree char *text = NULL;

    /* Translators: after a build: the file, then its size */
    text = g_strdup_printf (_("The package was written to “%s” (%s)."), run->path, size);
    show_pack_message (self, text, FALSE, FALSE);
  }
  studio_page_toast (STUDIO_PAGE (self), _("The package was built"));
  show_built (self);
  update_actions (self);
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
  const char *kind = selected_kind (self);
  g_autoptr(ReslibProfile) profile = NULL;
  g_autoptr(GPtrArray) ids = NULL;
  g_autoptr(GError) error = NULL;
  PackRun *run;

  if (store == NULL || project_id == NULL || is_building (self) || self->output_path == NULL)
    return;
  if (g_strcmp0 (kind, "contribution") == 0 && !collect_resources (self, &ids, &error))
    {
      show_pack_message (self, error->message, TRUE, FALSE);
      return;
    }
  profile = studio_checks_load_profile (&error);
  if (profile == NULL)
    {
      show_pack_message (self, error->message, TRUE, FALSE);
      return;
    }

  self->pack_cancellable = g_cancellable_new ();
  run = g_new0 (PackRun, 1);
  run->self = g_object_ref (self);
  run->cancellable = g_object_ref (self->pack_cancellable);
  run->path = g_strdup (self->output_path);
  run->kind = g_strdup (kind);
  run->project_id = g_strdup (project_id);
  show_pack_message (self, NULL, FALSE, FALSE);
  gtk_progress_bar_set_fraction (self->pack_progress, 0);
  gtk_progress_bar_set_text (self->pack_progress, g_strcmp0 (kind, "application") == 0
                                                  ? _("Checking the project…") : _("Preparing…"));
  update_actions (self);
  reslib_package_pack_async (store, project_id, kind, ids != NULL ? (const char * const *) ids->pdata : NULL,
                             profile, run->path, flags, pack_progress_cb, g_object_ref (self), g_object_unref,
                             self->pack_cancellable, pack_done, run);
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

static void
build_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  StudioSubmitPage *self = STUDIO_SUBMIT_PAGE (widget);
  g_autofree char *dir = NULL;
  GtkRoot *root;
  GtkWidget *dialog;

  if (studio_page_get_store (STUDIO_PAGE (self)) == NULL || studio_page_get_project_id (STUDIO_PAGE (self)) == NULL ||
      is_building (self))
    return;
  if (self->output_path == NULL)
    update_default_output (self);
  dir = g_path_get_dirname (self->output_path);
  if (!g_file_test (dir, G_FILE_TEST_IS_DIR))
    {
      g_autofree char *text = g_strdup_printf (_("The folder “%s” does not exist: choose another output file."), dir);

      show_pack_message (self, text, TRUE, FALSE);
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

static void
cancel_build_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  StudioSubmitPage *self = STUDIO_SUBMIT_PAGE (widget);

  if (self->pack_cancellable != NULL)
    g_cancellable_cancel (self->pack_cancellable);
}

static void
open_checks_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  GtkRoot *root = gtk_widget_get_root (widget);

  studio_page_open_subject (STUDIO_PAGE (widget), "checks", RESLIB_KIND_PROJECT, NULL);
  if (STUDIO_IS_WINDOW (root))
    {
      StudioPage *checks = studio_window_get_page (STUDIO_WINDOW (root), "checks");

      if (STUDIO_IS_CHECKS_PAGE (checks) && !studio_checks_page_is_running (STUDIO_CHECKS_PAGE (checks)))
        studio_checks_page_run_for_package (STUDIO_CHECKS_PAGE (checks), "application");
    }
}

/* ---------------------------------------------------------------------------------------------- */
/* Uploading                                                                                       */

static void
set_upload_status (StudioSubmitPage *self,
                   const char       *text,
                   gboolean          is_error)
{
  gtk_label_set_text (self->upload_status, text != NULL ? text : "");
  if (is_error)
    gtk_widget_add_css_class (GTK_WIDGET (self->upload_status), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->upload_status), "error");
}

static void
upload_progress_cb (const ReslibUploadProgress *progress,
                    gpointer                    user_data)
{
  StudioSubmitPage *self = user_data;
  g_autofree char *done = g_format_size (progress->bytes_done);
  g_autofree char *total = g_format_size (progress->bytes_total);
  g_autofree char *text = NULL;

  if (self->disposed)
    return;
  if (progress->bytes_total > 0)
    gtk_progress_bar_set_fraction (self->upload_progress,
                                   CLAMP ((double) progress->bytes_done / (double) progress->bytes_total, 0.0, 1.0));
  switch (progress->state)
    {
    case RESLIB_UPLOAD_STATE_HASHING:
      /* Translators: before an upload, the package is read for its SHA-256: bytes read of the total */
      text = g_strdup_printf (_("Reading the package… %s of %s"), done, total);
      gtk_progress_bar_set_text (self->upload_progress, text);
      set_upload_status (self, NULL, FALSE);
      return;
    case RESLIB_UPLOAD_STATE_CONNECTING:
      /* Translators: upload progress while connecting: bytes done of the total */
      text = g_strdup_printf (_("Connecting… %s of %s"), done, total);
      break;
    case RESLIB_UPLOAD_STATE_WAITING:
      text = g_strdup_printf (_("%s of %s"), done, total);
      {
        g_autofree char *status = NULL;

        /* Translators: the upload waits before trying again; %s says why the last try failed */
        status = g_strdup_printf (_("Waiting to try again: %s"),
                                  progress->last_error != NULL ? progress->last_error : _("no answer"));
        set_upload_status (self, status, TRUE);
      }
      break;
    case RESLIB_UPLOAD_STATE_DONE:
      text = g_strdup_printf (_("%s of %s"), done, total);
      break;
    case RESLIB_UPLOAD_STATE_SENDING:
    default:
      {
        g_autofree char *rate = g_format_size ((guint64) progress->rate);
        g_autofree char *eta = progress->eta >= 0 ? format_duration (progress->eta) : NULL;

        if (progress->rate > 0 && eta != NULL)
          /* Translators: upload progress: done, total, speed per second, time left */
          text = g_strdup_printf (_("%s of %s — %s/s — about %s left"), done, total, rate, eta);
        else if (progress->rate > 0)
          text = g_strdup_printf (_("%s of %s — %s/s"), done, total, rate);
        else
          text = g_strdup_printf (_("%s of %s"), done, total);
        set_upload_status (self, NULL, FALSE);
      }
      break;
    }
  gtk_progress_bar_set_text (self->upload_progress, text);
}

typedef struct
{
  StudioSubmitPage *self;
  char             *package_path;
  char             *kind;
  char             *submission_id;
  char             *endpoint;
  char             *project_id;
} UploadStart;

static void
upload_start_free (UploadStart *start)
{
  g_object_unref (start->self);
  g_free (start->package_path);
  g_free (start->kind);
  g_free (start->submission_id);
  g_free (start->endpoint);
  g_free (start->project_id);
  g_free (start);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (UploadStart, upload_start_free)

static void
upload_done (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(StudioSubmitPage) self = user_data;
  ReslibUpload *upload = RESLIB_UPLOAD (source);
  g_autoptr(GError) error = NULL;
  gboolean ok = reslib_upload_run_finish (upload, result, &error);
  const char *id = reslib_upload_get_submission_id (upload);

  if (self->disposed)
    return;
  if (id != NULL)
    {
      g_free (self->submission_id);
      self->submission_id = g_strdup (id);
    }
  if (self->upload == upload)
    {
      g_clear_object (&self->upload);
      g_clear_object (&self->upload_cancellable);
    }

  if (ok)
    {
      gtk_progress_bar_set_fraction (self->upload_progress, 1.0);
      gtk_progress_bar_set_text (self->upload_progress, _("Uploaded"));
      set_upload_status (self, reslib_upload_get_was_complete (upload)
                                 ? _("The server already had this package.") : _("The package was uploaded."), FALSE);
      studio_page_toast (STUDIO_PAGE (self), _("The package was uploaded"));
      update_actions (self);
      resume_next (self);
      return;
    }
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      if (self->cancel_requested)
        {
          self->cancel_requested = FALSE;
          gtk_widget_activate_action (GTK_WIDGET (self), "submit.cancel-upload", NULL);
        }
      else
        {
          gtk_progress_bar_set_text (self->upload_progress, _("Paused"));
          set_upload_status (self, _("The upload is paused: Resume continues where it stopped."), FALSE);
        }
      update_actions (self);
      return;
    }
  self->cancel_requested = FALSE;
  gtk_progress_bar_set_text (self->upload_progress, _("Failed"));
  {
    g_autofree char *text = NULL;

    /* Translators: %s is the reason the upload failed */
    text = g_strdup_printf (_("The upload failed: %s. Resume tries again from where it stopped."), error->message);
    set_upload_status (self, text, TRUE);
  }
  update_actions (self);
  resume_next (self);
}

static void
upload_token_done (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(UploadStart) start = user_data;
  StudioSubmitPage *self = start->self;
  g_autoptr(GError) error = NULL;
  g_autofree char *token = studio_secret_lookup_token_finish (result, &error);
  g_autofree char *ca_file = NULL;
  guint chunk = 32;
  guint rate = 0;

  if (self->disposed)
    return;
  if (g_cancellable_is_cancelled (self->upload_cancellable))
    {
      g_clear_object (&self->upload_cancellable);
      gtk_progress_bar_set_text (self->upload_progress, _("Paused"));
      update_actions (self);
      return;
    }
  if (error != NULL || token == NULL)
    {
      g_clear_object (&self->upload_cancellable);
      set_upload_status (self, error != NULL ? error->message
                                             : _("No token is stored for this endpoint: enter the token in Preferences."),
                         TRUE);
      gtk_progress_bar_set_text (self->upload_progress, _("Not started"));
      update_actions (self);
      return;
    }

  ca_file = get_setting (self, "ca-file");
  if (self->settings != NULL)
    {
      chunk = g_settings_get_uint (self->settings, "chunk-size");
      rate = g_settings_get_uint (self->settings, "rate-limit");
    }
  self->upload = reslib_upload_new (studio_page_get_store (STUDIO_PAGE (self)), start->package_path, start->endpoint);
  reslib_upload_set_token (self->upload, token);
  explicit_bzero (token, strlen (token));
  if (*ca_file != '\0')
    reslib_upload_set_ca_file (self->upload, ca_file);
  reslib_upload_set_project (self->upload, start->project_id);
  if (start->kind != NULL)
    reslib_upload_set_kind (self->upload, start->kind);
  if (start->submission_id != NULL)
    reslib_upload_set_submission_id (self->upload, start->submission_id);
  reslib_upload_set_chunk_size (self->upload, (guint64) chunk * 1024 * 1024);
  reslib_upload_set_max_send_speed (self->upload, (guint64) rate * 1024);
  reslib_upload_set_progress_func (self->upload, upload_progress_cb, g_object_ref (self), g_object_unref);
  reslib_upload_run_async (self->upload, self->upload_cancellable, upload_done, g_object_ref (self));
  update_actions (self);
}

static void
start_upload (StudioSubmitPage *self,
              const char       *package_path,
              const char       *kind,
              const char       *submission_id,
              const char       *endpoint)
{
  g_autoptr(GError) error = NULL;
  UploadStart *start;

  if (is_uploading (self))
    return;
  if (!studio_endpoint_check (endpoint, &error))
    {
      set_upload_status (self, error->message, TRUE);
      return;
    }
  if (!g_file_test (package_path, G_FILE_TEST_IS_REGULAR))
    {
      g_autofree char *text = g_strdup_printf (_("The package “%s” is gone: build it again."), package_path);

      set_upload_status (self, text, TRUE);
      return;
    }

  start = g_new0 (UploadStart, 1);
  start->self = g_object_ref (self);
  start->package_path = g_strdup (package_path);
  start->kind = g_strdup (kind);
  start->submission_id = g_strdup (submission_id);
  start->endpoint = g_strdup (endpoint);
  start->project_id = g_strdup (studio_page_get_project_id (STUDIO_PAGE (self)));
  self->upload_cancellable = g_cancellable_new ();
  self->cancel_requested = FALSE;
  g_free (self->submission_id);
  self->submission_id = g_strdup (submission_id);
  gtk_progress_bar_set_fraction (self->upload_progress, 0);
  gtk_progress_bar_set_text (self->upload_progress, _("Starting…"));
  set_upload_status (self, NULL, FALSE);
  update_actions (self);
  studio_secret_lookup_token_async (endpoint, self->upload_cancellable, upload_token_done, start);
}

static void
upload_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  StudioSubmitPage *self = STUDIO_SUBMIT_PAGE (widget);
  g_autofree char *endpoint = get_setting (self, "endpoint-url");

  if (self->built_path == NULL)
    return;
  start_upload (self, self->built_path, self->built_kind, NULL, endpoint);
}

static void
resume_submission (StudioSubmitPage *self,
                   const char       *submission_id)
{
  ReslibStore *store = studio_page_get_store (STUDIO_PAGE (self));
  g_autoptr(GError) error = NULL;
  g_autoptr(ReslibRecord) row = reslib_store_get (store, RESLIB_KIND_SUBMISSION, submission_id, &error);

  if (row == NULL)
    {
      set_upload_status (self, error->message, TRUE);
      return;
    }
  start_upload (self, reslib_record_get (row, "package_path"), reslib_record_get (row, "kind"), submission_id,
                reslib_record_get (row, "endpoint"));
}

static void
resume_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  StudioSubmitPage *self = STUDIO_SUBMIT_PAGE (widget);
  g_autofree char *id = NULL;

  /* submit.resume-submission names the submission (a row of the history); submit.resume the one run last. */
  if (parameter != NULL)
    id = g_variant_dup_string (parameter, NULL);
  else
    id = g_strdup (self->submission_id);
  if (id != NULL && !is_uploading (self) && !self->cancelling)
    resume_submission (self, id);
}

static void
pause_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  StudioSubmitPage *self = STUDIO_SUBMIT_PAGE (widget);

  g_queue_clear_full (&self->resume_queue, g_free);
  if (self->upload_cancellable != NULL)
    g_cancellable_cancel (self->upload_cancellable);
  gtk_progress_bar_set_text (self->upload_progress, _("Pausing…"));
}

typedef struct
{
  char *submission_id;
  char *token;
  char *ca_file;
} CancelData;

static void
cancel_data_free (CancelData *data)
{
  g_free (data->submission_id);
  if (data->token != NULL)
    explicit_bzero (data->token, strlen (data->token));
  g_free (data->token);
  g_free (data->ca_file);
  g_free (data);
}

static void
cancel_worker (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  CancelData *data = task_data;
  g_autoptr(ReslibStore) store = NULL;
  g_autoptr(GError) error = NULL;

  store = reslib_store_reopen (source_object, &error);
  if (store == NULL ||
      !reslib_upload_cancel_submission (store, data->submission_id, data->token,
                                        data->ca_file != NULL && *data->ca_file != '\0' ? data->ca_file : NULL,
                                        cancellable, &error))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

static void
cancel_done (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(StudioSubmitPage) self = user_data;
  g_autoptr(GError) error = NULL;

  if (self->disposed)
    return;
  self->cancelling = FALSE;
  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      studio_page_show_error (STUDIO_PAGE (self), _("Could Not Cancel the Upload"), error);
      update_actions (self);
      return;
    }
  g_clear_pointer (&self->submission_id, g_free);
  gtk_progress_bar_set_fraction (self->upload_progress, 0);
  gtk_progress_bar_set_text (self->upload_progress, _("Cancelled"));
  set_upload_status (self, _("The upload was cancelled and removed from the server."), FALSE);
  studio_page_toast (STUDIO_PAGE (self), _("The upload was cancelled"));
  update_actions (self);
}

static void
cancel_token_done (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(StudioSubmitPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GTask) task = NULL;
  CancelData *data;
  char *token = studio_secret_lookup_token_finish (result, &error);

  if (self->disposed)
    {
      g_free (token);
      return;
    }
  if (error != NULL)
    {
      self->cancelling = FALSE;
      set_upload_status (self, error->message, TRUE);
      update_actions (self);
      return;
    }
  data = g_new0 (CancelData, 1);
  data->submission_id = g_strdup (self->submission_id);
  data->token = token;
  data->ca_file = get_setting (self, "ca-file");
  task = g_task_new (studio_page_get_store (STUDIO_PAGE (self)), NULL, cancel_done, g_object_ref (self));
  g_task_set_task_data (task, data, (GDestroyNotify) cancel_data_free);
  g_task_run_in_thread (task, cancel_worker);
}

static void
cancel_upload_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  StudioSubmitPage *self = STUDIO_SUBMIT_PAGE (widget);
  ReslibStore *store = studio_page_get_store (STUDIO_PAGE (self));
  g_autoptr(ReslibRecord) row = NULL;

  if (self->submission_id == NULL || self->cancelling)
    return;
  g_queue_clear_full (&self->resume_queue, g_free);
  if (is_uploading (self))
    {
      /* Stop sending first; the DELETE follows when the run has ended. */
      self->cancel_requested = TRUE;
      g_cancellable_cancel (self->upload_cancellable);
      gtk_progress_bar_set_text (self->upload_progress, _("Cancelling…"));
      update_actions (self);
      return;
    }
  row = reslib_store_get (store, RESLIB_KIND_SUBMISSION, self->submission_id, NULL);
  self->cancelling = TRUE;
  gtk_progress_bar_set_text (self->upload_progress, _("Cancelling…"));
  update_actions (self);
  studio_secret_lookup_token_async (row != NULL ? reslib_record_get (row, "endpoint") : NULL, NULL, cancel_token_done,
                                    g_object_ref (self));
}

/* Resumes the next submission of the queue (filled at start), if any. */
static void
resume_next (StudioSubmitPage *self)
{
  g_autofree char *id = NULL;

  if (is_uploading (self))
    return;
  id = g_queue_pop_head (&self->resume_queue);
  if (id == NULL)
    return;
  studio_page_toast (STUDIO_PAGE (self), _("Resuming an unfinished upload"));
  resume_submission (self, id);
}

static void
resume_unfinished (StudioSubmitPage *self)
{
  ReslibStore *store = studio_page_get_store (STUDIO_PAGE (self));
  const char *project_id = studio_page_get_project_id (STUDIO_PAGE (self));
  g_autoptr(GListModel) rows = NULL;

  if (store == NULL || project_id == NULL || self->resumed_once)
    return;
  self->resumed_once = TRUE;
  rows = reslib_store_list (store, RESLIB_KIND_SUBMISSION, project_id, NULL);
  for (guint i = 0; rows != NULL && i < g_list_model_get_n_items (rows); i++)
    {
      g_autoptr(ReslibRecord) row = g_list_model_get_item (rows, i);
      const char *path = reslib_record_get (row, "package_path");
      const char *endpoint = reslib_record_get (row, "endpoint");

      if (reslib_record_get (row, "completed_at") == NULL && path != NULL &&
          g_file_test (path, G_FILE_TEST_IS_REGULAR) && studio_endpoint_check (endpoint, NULL))
        g_queue_push_tail (&self->resume_queue, g_strdup (reslib_record_get_id (row)));
    }
  resume_next (self);
}

/* ---------------------------------------------------------------------------------------------- */
/* History                                                                                         */

static void
copy_clicked_cb (GtkButton *button,
                 gpointer   user_data)
{
  const char *text = g_object_get_data (G_OBJECT (button), "text");
  StudioPage *page = STUDIO_PAGE (gtk_widget_get_ancestor (GTK_WIDGET (button), STUDIO_TYPE_PAGE));

  gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (button)), text);
  if (page != NULL)
    studio_page_toast (page, _("Copied"));
}

static void
add_detail (AdwExpanderRow *expander,
            const char     *title,
            const char     *value,
            gboolean        copy)
{
  AdwActionRow *row;
  GtkWidget *label;

  if (value == NULL || *value == '\0')
    return;
  row = ADW_ACTION_ROW (adw_action_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  label = gtk_label_new (value);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_CHAR);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_widget_set_margin_top (label, 6);
  gtk_widget_set_margin_bottom (label, 6);
  studio_set_accessible_label (label, title);
  adw_action_row_add_suffix (row, label);
  if (copy)
    {
      GtkWidget *button = gtk_button_new_from_icon_name ("edit-copy-symbolic");
      g_autofree char *tip = g_strdup_printf (_("Copy %s"), title);

      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (button, "flat");
      gtk_widget_set_tooltip_text (button, tip);
      studio_set_accessible_label (button, tip);
      g_object_set_data_full (G_OBJECT (button), "text", g_strdup (value), g_free);
      g_signal_connect (button, "clicked", G_CALLBACK (copy_clicked_cb), NULL);
      adw_action_row_add_suffix (row, button);
    }
  adw_expander_row_add_row (expander, GTK_WIDGET (row));
}

static void
row_expanded_cb (AdwExpanderRow   *row,
                 GParamSpec       *pspec,
                 StudioSubmitPage *self)
{
  const char *id = g_object_get_data (G_OBJECT (row), "submission-id");

  if (adw_expander_row_get_expanded (row))
    g_hash_table_add (self->expanded, g_strdup (id));
  else
    g_hash_table_remove (self->expanded, id);
}

static GtkWidget *
create_submission_row (gpointer item,
                       gpointer user_data)
{
  StudioSubmitPage *self = user_data;
  ReslibRecord *record = item;
  AdwExpanderRow *row = ADW_EXPANDER_ROW (adw_expander_row_new ());
  const char *completed = reslib_record_get (record, "completed_at");
  const char *last_error = reslib_record_get (record, "last_error");
  gint64 size = reslib_record_get_int (record, "size", 0);
  gint64 offset = reslib_record_get_int (record, "upload_offset", 0);
  g_autofree char *date = format_local_time (reslib_record_get (record, "created_at"));
  g_autofree char *size_text = g_format_size ((guint64) MAX (size, 0));
  g_autofree char *offset_text = g_format_size ((guint64) MAX (offset, 0));
  g_autofree char *title = NULL;
  g_autofree char *state = NULL;
  g_autofree char *subtitle = NULL;
  g_autofree char *escaped = NULL;
  gboolean running = is_uploading (self) && g_strcmp0 (self->submission_id, reslib_record_get_id (record)) == 0;

  /* Translators: a submission in the history: its package kind and the date it was made */
  title = g_strdup_printf (_("%s — %s"), kind_label (reslib_record_get (record, "kind")), date);
  if (completed != NULL)
    {
      g_autofree char *when = format_local_time (completed);

      /* Translators: a submission's state; %s is a date */
      state = g_strdup_printf (_("Uploaded %s"), when);
    }
  else if (running)
    state = g_strdup (_("Uploading"));
  else if (last_error != NULL)
    /* Translators: a submission's state; %s is why it failed */
    state = g_strdup_printf (_("Failed: %s"), last_error);
  else
    /* Translators: a submission's state: bytes uploaded so far */
    state = g_strdup_printf (_("In progress: %s sent"), offset_text);
  /* Translators: a submission's size and state */
  subtitle = g_strdup_printf (_("%s · %s"), size_text, state);
  escaped = g_markup_escape_text (title, -1);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), escaped);
  g_free (escaped);
  escaped = g_markup_escape_text (subtitle, -1);
  adw_expander_row_set_subtitle (row, escaped);
  studio_set_accessible_label (row, title);

  if (completed == NULL && !running)
    {
      GtkWidget *button = gtk_button_new_from_icon_name ("media-playback-start-symbolic");

      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (button, "flat");
      gtk_widget_set_tooltip_text (button, _("Resume This Upload"));
      studio_set_accessible_label (button, _("Resume this upload"));
      gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "submit.resume-submission");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s", reslib_record_get_id (record));
      adw_expander_row_add_action (row, button);
    }

  add_detail (row, _("SHA-256"), reslib_record_get (record, "sha256"), TRUE);
  add_detail (row, _("Server"), reslib_record_get (record, "upload_url") != NULL
                                  ? reslib_record_get (record, "upload_url") : reslib_record_get (record, "endpoint"),
              TRUE);
  add_detail (row, _("File"), reslib_record_get (record, "package_path"), FALSE);
  add_detail (row, _("Last error"), last_error, FALSE);

  /* The history is rebuilt while an upload saves its progress: keep open rows open. */
  g_object_set_data_full (G_OBJECT (row), "submission-id", g_strdup (reslib_record_get_id (record)), g_free);
  adw_expander_row_set_expanded (row, g_hash_table_contains (self->expanded, reslib_record_get_id (record)));
  g_signal_connect (row, "notify::expanded", G_CALLBACK (row_expanded_cb), self);

  return GTK_WIDGET (row);
}

static void
load_submissions (StudioSubmitPage *self)
{
  ReslibStore *store = studio_page_get_store (STUDIO_PAGE (self));
  const char *project_id = studio_page_get_project_id (STUDIO_PAGE (self));
  g_autoptr(GListModel) rows = NULL;
  g_autoptr(GError) error = NULL;

  if (store != NULL && project_id != NULL)
    {
      rows = reslib_store_list (store, RESLIB_KIND_SUBMISSION, project_id, &error);
      if (rows == NULL)
        g_warning ("Could not list the submissions: %s", error->message);
    }
  gtk_list_box_bind_model (self->submissions_list, rows, create_submission_row, self, NULL);
}

static gboolean
reload_timeout_cb (gpointer user_data)
{
  StudioSubmitPage *self = user_data;

  self->reload_id = 0;
  load_submissions (self);
  if (gtk_widget_get_visible (self->choose_box))
    load_choose_list (self);
  update_actions (self);

  return G_SOURCE_REMOVE;
}

/* ---------------------------------------------------------------------------------------------- */
/* StudioPage                                                                                      */

static void
studio_submit_page_project_changed (StudioPage *page)
{
  StudioSubmitPage *self = STUDIO_SUBMIT_PAGE (page);

  g_hash_table_remove_all (self->chosen);
  show_pack_message (self, NULL, FALSE, FALSE);
  update_default_output (self);
  update_kind_rows (self);
  load_choose_list (self);
  load_submissions (self);
  show_built (self);
  show_endpoint (self);
  update_actions (self);
}

/* Unfinished uploads resume at start, whichever page is shown. */
static void
project_id_changed_cb (StudioSubmitPage *self,
                       GParamSpec       *pspec,
                       gpointer          user_data)
{
  resume_unfinished (self);
}

static void
studio_submit_page_store_changed (StudioPage *page,
                                  ReslibKind  kind,
                                  const char *id)
{
  StudioSubmitPage *self = STUDIO_SUBMIT_PAGE (page);

  if (kind != RESLIB_KIND_SUBMISSION && kind != RESLIB_KIND_RESOURCE && kind != RESLIB_KIND_PROJECT)
    return;
  /* An upload saves its offset often: reload the history at most a few times a second. */
  if (self->reload_id == 0)
    self->reload_id = g_timeout_add (300, reload_timeout_cb, self);
}

static void
settings_changed_cb (StudioSubmitPage *self,
                     const char       *key)
{
  if (g_strcmp0 (key, "endpoint-url") == 0)
    show_endpoint (self);
}

static void
studio_submit_page_dispose (GObject *object)
{
  StudioSubmitPage *self = STUDIO_SUBMIT_PAGE (object);

  self->disposed = TRUE;
  if (self->pack_cancellable != NULL)
    g_cancellable_cancel (self->pack_cancellable);
  /* Closing the window pauses an upload: it resumes at the next start. */
  if (self->upload_cancellable != NULL)
    g_cancellable_cancel (self->upload_cancellable);
  g_clear_handle_id (&self->reload_id, g_source_remove);
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  if (self->settings != NULL)
    g_signal_handlers_disconnect_by_data (self->settings, self);
  g_clear_object (&self->settings);
  if (self->submissions_list != NULL)
    gtk_list_box_bind_model (self->submissions_list, NULL, NULL, NULL, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), STUDIO_TYPE_SUBMIT_PAGE);

  G_OBJECT_CLASS (studio_submit_page_parent_class)->dispose (object);
}

static void
studio_submit_page_finalize (GObject *object)
{
  StudioSubmitPage *self = STUDIO_SUBMIT_PAGE (object);

  g_clear_object (&self->pack_cancellable);
  g_clear_object (&self->upload_cancellable);
  g_clear_object (&self->upload);
  g_free (self->output_path);
  g_free (self->built_path);
  g_free (self->built_kind);
  g_free (self->built_project);
  g_free (self->submission_id);
  g_hash_table_unref (self->chosen);
  g_hash_table_unref (self->expanded);
  g_queue_clear_full (&self->resume_queue, g_free);

  G_OBJECT_CLASS (studio_submit_page_parent_class)->finalize (object);
}

static void
studio_submit_page_class_init (StudioSubmitPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  StudioPageClass *page_class = STUDIO_PAGE_CLASS (klass);

  object_class->dispose = studio_submit_page_dispose;
  object_class->finalize = studio_submit_page_finalize;
  page_class->project_changed = studio_submit_page_project_changed;
  page_class->store_changed = studio_submit_page_store_changed;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/reslib/Studio/ui/studio-submit-page.ui");
  gtk_widget_class_bind_template_child (widget_class, StudioSubmitPage, kind_row);
  gtk_widget_class_bind_template_child (widget_class, StudioSubmitPage, resources_row);
  gtk_widget_class_bind_template_child (widget_class, StudioSubmitPage, output_row);
  gtk_widget_class_bind_template_child (widget_class, StudioSubmitPage, choose_box);
  gtk_widget_class_bind_template_child (widget_class, StudioSubmitPage, choose_label);
  gtk_widget_class_bind_template_child (widget_class, StudioSubmitPage, choose_view);
  gtk_widget_class_bind_template_child (widget_class, StudioSubmitPage, choose_factory);
  gtk_widget_class_bind_template_child (widget_class, StudioSubmitPage, pack_progress);
  gtk_widget_class_bind_template_child (widget_class, StudioSubmitPage, pack_cancel_button);
  gtk_widget_class_bind_template_child (widget_class, StudioSubmitPage, pack_message_box);
  gtk_widget_class_bind_template_child (widget_class, StudioSubmitPage, pack_message);
  gtk_widget_class_bind_template_child (widget_class, StudioSubmitPage, open_checks_button);
  gtk_widget_class_bind_template_child (widget_class, StudioSubmitPage, upload_package_row);
  gtk_widget_class_bind_template_child (widget_class, StudioSubmitPage, endpoint_row);
  gtk_widget_class_bind_template_child (widget_class, StudioSubmitPage, upload_progress);
  gtk_widget_class_bind_template_child (widget_class, StudioSubmitPage, upload_status);
  gtk_widget_class_bind_template_child (widget_class, StudioSubmitPage, submissions_list);
  gtk_widget_class_bind_template_callback (widget_class, choose_activated_cb);

  gtk_widget_class_install_action (widget_class, "submit.build", NULL, build_action);
  gtk_widget_class_install_action (widget_class, "submit.cancel-build", NULL, cancel_build_action);
  gtk_widget_class_install_action (widget_class, "submit.choose-output", NULL, choose_output_action);
  gtk_widget_class_install_action (widget_class, "submit.open-checks", NULL, open_checks_action);
  gtk_widget_class_install_action (widget_class, "submit.upload", NULL, upload_action);
  gtk_widget_class_install_action (widget_class, "submit.pause", NULL, pause_action);
  gtk_widget_class_install_action (widget_class, "submit.resume", NULL, resume_action);
  gtk_widget_class_install_action (widget_class, "submit.resume-submission", "s", resume_action);
  gtk_widget_class_install_action (widget_class, "submit.cancel-upload", NULL, cancel_upload_action);
}

static void
studio_submit_page_init (StudioSubmitPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->chosen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->expanded = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_queue_init (&self->resume_queue);
  g_signal_connect (self, "notify::project-id", G_CALLBACK (project_id_changed_cb), NULL);
  self->settings = studio_settings_new ();
  if (self->settings != NULL)
    g_signal_connect_swapped (self->settings, "changed", G_CALLBACK (settings_changed_cb), self);
  g_signal_connect (self->choose_factory, "setup", G_CALLBACK (setup_choose_cb), self);
  g_signal_connect (self->choose_factory, "bind", G_CALLBACK (bind_choose_cb), self);
  g_signal_connect (self->choose_factory, "unbind", G_CALLBACK (unbind_choose_cb), self);
  g_signal_connect_swapped (self->kind_row, "notify::selected", G_CALLBACK (kind_changed_cb), self);
  g_signal_connect_swapped (self->resources_row, "notify::selected", G_CALLBACK (kind_changed_cb), self);
  show_output (self);
  show_built (self);
  show_endpoint (self);
  update_actions (self);
}

/* ---------------------------------------------------------------------------------------------- */

gboolean
studio_submit_page_is_building (StudioSubmitPage *self)
{
  g_return_val_if_fail (STUDIO_IS_SUBMIT_PAGE (self), FALSE);

  return is_building (self);
}

gboolean
studio_submit_page_is_uploading (StudioSubmitPage *self)
{
  g_return_val_if_fail (STUDIO_IS_SUBMIT_PAGE (self), FALSE);

  return is_uploading (self) || self->cancelling;
}

const char *
studio_submit_page_get_built_path (StudioSubmitPage *self)
{
  g_return_val_if_fail (STUDIO_IS_SUBMIT_PAGE (self), NULL);

  return self->built_path;
}

const char *
studio_submit_page_get_submission_id (StudioSubmitPage *self)
{
  g_return_val_if_fail (STUDIO_IS_SUBMIT_PAGE (self), NULL);

  return self->submission_id;
}
