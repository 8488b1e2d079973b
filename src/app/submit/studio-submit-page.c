/* studio-submit-page.c — building packages, uploading them, and the project's submissions
 *
 * "Build Package" packs the project in a ReslibPackager job (reslib_job_run_async)
 * with a progress bar and Cancel; an application package is refused by the core
 * while the checks find errors, and the page then offers the Checks page.
 * "Upload" adds the package built last to the session's upload queue; "Submit" adds the project's package of
 * the kind chosen, streamed from the library with no file (DESIGN §5). The queue runs
 * it with the core's tus client; the page shows the queue and acts on it (Pause,
 * Resume or Retry, Cancel Upload). A contribution is not offered for upload.
 *
 * This file holds the page itself, its output file and the resources chosen for a contribution;
 * building, uploading and the history of submissions are in studio-submit-page-{build,upload,history}.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "reslib-labels.h"
#include "studio-choose-file.h"
#include "studio-lms-export.h"
#include "studio-preferences-window.h"
#include "studio-submit-page-private.h"

static const char * const kinds[] = { "application", "progress", "acceptance", "contribution" };
#define KIND_CONTRIBUTION 3

G_DEFINE_FINAL_TYPE (StudioSubmitPage, studio_submit_page, STUDIO_TYPE_PAGE)

/* ---------------------------------------------------------------------------------------------- */
/* Helpers                                                                                         */

const char *
_studio_submit_page_selected_kind (StudioSubmitPage *self)
{
  guint i = adw_combo_row_get_selected (self->kind_row);

  return i < G_N_ELEMENTS (kinds) ? kinds[i] : kinds[0];
}

static void
set_subtitle (AdwActionRow *row,
              const char   *text)
{
  g_autofree char *escaped = g_markup_escape_text (text != NULL ? text : "", -1);

  adw_action_row_set_subtitle (row, escaped);
}

char *
_studio_submit_page_get_setting (StudioSubmitPage *self,
                                 const char       *key)
{
  g_autofree char *value = NULL;

  g_object_get (self->settings, key, &value, NULL);

  return value != NULL ? g_steal_pointer (&value) : g_strdup ("");
}

void
_studio_submit_page_update_actions (StudioSubmitPage *self)
{
  gboolean project = studio_page_get_project_id (STUDIO_PAGE (self)) != NULL;
  gboolean building = _studio_submit_page_is_building (self);
  gboolean uploading = _studio_submit_page_is_uploading (self);
  gboolean shown_built = self->item != NULL &&
                         g_strcmp0 (studio_upload_item_get_package_path (self->item), self->built_path) == 0;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "submit.build", project && !building);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "submit.cancel-build", building);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "submit.choose-output", project && !building);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "submit.output-chosen", project && !building);
  /* A contribution goes to the project lead: it is not offered for upload. */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "submit.upload",
                                 self->built_path != NULL && !building && !(uploading && shown_built) &&
                                 g_strcmp0 (self->built_kind, "contribution") != 0 &&
                                 g_strcmp0 (self->built_project, studio_page_get_project_id (STUDIO_PAGE (self))) == 0);
  /* Streamed from the library: any kind but a contribution, with no file built first. */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "submit.submit",
                                 project && g_strcmp0 (_studio_submit_page_selected_kind (self), "contribution") != 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "submit.pause",
                                 self->item != NULL && studio_upload_item_can_pause (self->item) &&
                                 studio_upload_item_get_state (self->item) != STUDIO_UPLOAD_CANCELLING);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "submit.resume",
                                 self->item != NULL && studio_upload_item_can_resume (self->item));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "submit.resume-submission", project);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "submit.cancel-upload",
                                 self->item != NULL && studio_upload_item_can_cancel (self->item));
  gtk_widget_set_visible (self->pack_cancel_button, building);
}

void
_studio_submit_page_show_pack_message (StudioSubmitPage *self,
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
  gtk_widget_set_visible (self->show_in_folder_button, FALSE);
}

static void
show_endpoint (StudioSubmitPage *self)
{
  g_autofree char *endpoint = _studio_submit_page_get_setting (self, "endpoint-url");

  set_subtitle (self->endpoint_row, *endpoint != '\0' ? endpoint : _("Not set: enter it in Preferences"));
}

void
_studio_submit_page_show_built (StudioSubmitPage *self)
{
  StudioUploadState state = self->item != NULL ? studio_upload_item_get_state (self->item) : STUDIO_UPLOAD_DONE;

  /* An upload of this project that runs or waits (resumed at start, say) is the package to upload,
   * whether or not one was built since the app started. */
  if (state == STUDIO_UPLOAD_QUEUED || state == STUDIO_UPLOAD_RUNNING || state == STUDIO_UPLOAD_CANCELLING)
    {
      g_autofree char *name = studio_upload_item_dup_display_name (self->item);
      g_autofree char *text = NULL;

      /* Translators: the package being uploaded: its kind, then its file (or where it is streamed from) */
      text = g_strdup_printf (_("Uploading %s: %s"), reslib_label_package_kind (studio_upload_item_get_kind (self->item)),
                              name);
      set_subtitle (self->upload_package_row, text);
    }
  else if (self->built_path != NULL && g_strcmp0 (self->built_kind, "contribution") == 0)
    {
      g_autofree char *text = NULL;

      /* Translators: a contribution was built last; %s is its file */
      text = g_strdup_printf (_("A contribution (%s) is not uploaded: hand it to the project lead (USB stick, "
                                "mail or a shared folder)"), self->built_path);
      set_subtitle (self->upload_package_row, text);
    }
  else if (self->built_path != NULL)
    {
      g_autofree char *text = NULL;

      /* Translators: the package to upload: its kind, then its file */
      text = g_strdup_printf (_("%s: %s"), reslib_label_package_kind (self->built_kind),
                              self->built_path);
      set_subtitle (self->upload_package_row, text);
    }
  else
    set_subtitle (self->upload_package_row, _("None yet: build a package first"));
}

/* ---------------------------------------------------------------------------------------------- */
/* Output file                                                                                     */

static StudioSettings *
page_settings (StudioSubmitPage *self)
{
  StudioSession *session = studio_page_get_session (STUDIO_PAGE (self));

  return session != NULL ? studio_session_get_settings (session) : studio_settings_get_default ();
}

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
  g_autoptr(GFile) last = studio_settings_get_last_folder (page_settings (self), STUDIO_FOLDER_PACKAGES_OUT);
  g_autofree char *last_path = last != NULL ? g_file_get_path (last) : NULL;

  g_strdelimit (name, "/\\:*?\"<>|", '_');
  file = g_strdup_printf ("%s-%s-%s.tar", name, _studio_submit_page_selected_kind (self), date);
  /* The folder a package was last saved in, else Documents, else home. */
  if (dir == NULL)
    dir = last_path;
  if (dir == NULL)
    dir = documents != NULL && g_file_test (documents, G_FILE_TEST_IS_DIR) ? documents : g_get_home_dir ();

  return g_build_filename (dir, file, NULL);
}

/* A path may break after each separator when the row is narrow (a long folder name would
 * otherwise push the row's button out of a 360 px window). */
static char *
breakable_path (const char *path)
{
  GString *text = g_string_new (NULL);

  for (const char *p = path != NULL ? path : ""; *p != '\0'; p++)
    {
      g_string_append_c (text, *p);
      if (*p == G_DIR_SEPARATOR || *p == '.' || *p == '-' || *p == '_')
        g_string_append (text, "\u200b");
    }

  return g_string_free (text, FALSE);
}

static void
show_output (StudioSubmitPage *self)
{
  g_autofree char *display = breakable_path (self->output_path);

  set_subtitle (self->output_row, display);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->output_row), self->output_path);
}

void
_studio_submit_page_update_default_output (StudioSubmitPage *self)
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
    _studio_submit_page_update_default_output (self);
  show_output (self);
}

const char *
studio_submit_page_get_output_path (StudioSubmitPage *self)
{
  g_return_val_if_fail (STUDIO_IS_SUBMIT_PAGE (self), NULL);

  return self->output_path;
}

static void
choose_output_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  StudioSubmitPage *self = STUDIO_SUBMIT_PAGE (widget);
  g_autofree char *dir = self->output_path != NULL ? g_path_get_dirname (self->output_path) : NULL;
  g_autofree char *name = self->output_path != NULL ? g_path_get_basename (self->output_path) : NULL;
  g_autoptr(GFile) folder = dir != NULL && g_file_test (dir, G_FILE_TEST_IS_DIR) ? g_file_new_for_path (dir) : NULL;
  const StudioChooseFilter filters[] = {
    { _("Packages (tar)"), "tar" },
  };
  const StudioChooseOptions options = {
    .title = _("Save the Package"), .filters = filters, .n_filters = G_N_ELEMENTS (filters), .save = TRUE,
    .folder = folder, .name = name,
  };

  studio_choose_file_full (widget, &options, "submit.output-chosen");
}

/* (s): the path chosen in the chooser of where to save the package; its folder is offered next time. */
static void
output_chosen_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  StudioSubmitPage *self = STUDIO_SUBMIT_PAGE (widget);
  const char *path = g_variant_get_string (parameter, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);

  studio_settings_set_last_folder (page_settings (self), STUDIO_FOLDER_PACKAGES_OUT, file);
  studio_submit_page_set_output_path (self, path);
  /* GTK's file chooser asks before it accepts a file that exists. */
  self->replace_confirmed = TRUE;
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
  _studio_submit_page_update_default_output (self);
  _studio_submit_page_show_pack_message (self, NULL, FALSE, FALSE);
  _studio_submit_page_update_actions (self);
}

/* ---------------------------------------------------------------------------------------------- */
/* StudioPage                                                                                      */

static gboolean
reload_timeout_cb (gpointer user_data)
{
  StudioSubmitPage *self = user_data;

  self->reload_id = 0;
  _studio_submit_page_load_submissions (self);
  if (gtk_widget_get_visible (self->choose_box))
    load_choose_list (self);
  _studio_submit_page_update_actions (self);

  return G_SOURCE_REMOVE;
}

static void
studio_submit_page_project_changed (StudioPage *page)
{
  StudioSubmitPage *self = STUDIO_SUBMIT_PAGE (page);

  g_hash_table_remove_all (self->chosen);
  _studio_submit_page_show_pack_message (self, NULL, FALSE, FALSE);
  _studio_submit_page_update_default_output (self);
  update_kind_rows (self);
  load_choose_list (self);
  _studio_submit_page_load_submissions (self);
  _studio_submit_page_show_built (self);
  show_endpoint (self);
  _studio_submit_page_show_queue (self);
  _studio_submit_page_update_actions (self);
}

static void
studio_submit_page_store_changed (StudioPage *page,
                                  ReslibKind  kind,
                                  const char *id)
{
  StudioSubmitPage *self = STUDIO_SUBMIT_PAGE (page);

  if (kind != RESLIB_KIND_SUBMISSION && kind != RESLIB_KIND_RESOURCE && kind != RESLIB_KIND_PROJECT)
    return;
  _studio_submit_page_schedule_reload (self);
}

/* An upload saves its offset often: the history is reloaded at most a few times a second. */
void
_studio_submit_page_schedule_reload (StudioSubmitPage *self)
{
  if (self->reload_id == 0 && !self->disposed)
    self->reload_id = g_timeout_add (300, reload_timeout_cb, self);
}

static void
settings_changed_cb (StudioSubmitPage *self,
                     GParamSpec       *pspec)
{
  show_endpoint (self);
}

static void
studio_submit_page_dispose (GObject *object)
{
  StudioSubmitPage *self = STUDIO_SUBMIT_PAGE (object);

  self->disposed = TRUE;
  if (self->pack_cancellable != NULL)
    g_cancellable_cancel (self->pack_cancellable);
  _studio_submit_page_forget_queue (self);
  g_clear_handle_id (&self->reload_id, g_source_remove);
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
  g_free (self->output_path);
  g_free (self->built_path);
  g_free (self->built_kind);
  g_free (self->built_project);
  g_hash_table_unref (self->chosen);
  g_hash_table_unref (self->expanded);

  G_OBJECT_CLASS (studio_submit_page_parent_class)->finalize (object);
}

/* A teacher hands resources to the lead: the page builds contributions only, and never uploads to the
 * province (that is the lead's). */
static void
studio_submit_page_lead_changed (StudioPage *page,
                                 gboolean    lead)
{
  StudioSubmitPage *self = STUDIO_SUBMIT_PAGE (page);

  if (!lead)
    adw_combo_row_set_selected (self->kind_row, KIND_CONTRIBUTION);
  gtk_widget_set_sensitive (GTK_WIDGET (self->kind_row), lead);
  gtk_widget_set_visible (self->upload_group, lead);
}

/* "Export for LMS…": the project as an IMS content package, asked where to save it. */
static void
export_lms_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  GtkRoot *root = gtk_widget_get_root (widget);
  StudioSession *session = studio_page_get_session (STUDIO_PAGE (widget));

  if (session != NULL)
    studio_lms_export_start (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, session);
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
  page_class->lead_changed = studio_submit_page_lead_changed;
  page_class->store_changed = studio_submit_page_store_changed;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/reslib/Studio/ui/studio-submit-page.ui");
  gtk_widget_class_bind_template_child (widget_class, StudioSubmitPage, kind_row);
  gtk_widget_class_bind_template_child (widget_class, StudioSubmitPage, upload_group);
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
  gtk_widget_class_bind_template_child (widget_class, StudioSubmitPage, show_in_folder_button);
  gtk_widget_class_bind_template_child (widget_class, StudioSubmitPage, upload_package_row);
  gtk_widget_class_bind_template_child (widget_class, StudioSubmitPage, endpoint_row);
  gtk_widget_class_bind_template_child (widget_class, StudioSubmitPage, upload_progress);
  gtk_widget_class_bind_template_child (widget_class, StudioSubmitPage, upload_status);
  gtk_widget_class_bind_template_child (widget_class, StudioSubmitPage, resume_button);
  gtk_widget_class_bind_template_child (widget_class, StudioSubmitPage, submit_button);
  gtk_widget_class_bind_template_child (widget_class, StudioSubmitPage, queue_group);
  gtk_widget_class_bind_template_child (widget_class, StudioSubmitPage, queue_list);
  gtk_widget_class_bind_template_child (widget_class, StudioSubmitPage, submissions_list);
  gtk_widget_class_bind_template_callback (widget_class, choose_activated_cb);

  gtk_widget_class_install_action (widget_class, "submit.build", NULL, _studio_submit_page_build_action);
  gtk_widget_class_install_action (widget_class, "submit.cancel-build", NULL,
                                   _studio_submit_page_cancel_build_action);
  gtk_widget_class_install_action (widget_class, "submit.choose-output", NULL, choose_output_action);
  gtk_widget_class_install_action (widget_class, "submit.output-chosen", "s", output_chosen_action);
  gtk_widget_class_install_action (widget_class, "submit.open-checks", NULL,
                                   _studio_submit_page_open_checks_action);
  gtk_widget_class_install_action (widget_class, "submit.show-in-folder", NULL,
                                   _studio_submit_page_show_in_folder_action);
  gtk_widget_class_install_action (widget_class, "submit.upload", NULL, _studio_submit_page_upload_action);
  gtk_widget_class_install_action (widget_class, "submit.submit", NULL, _studio_submit_page_submit_action);
  gtk_widget_class_install_action (widget_class, "submit.pause", NULL, _studio_submit_page_pause_action);
  gtk_widget_class_install_action (widget_class, "submit.resume", NULL, _studio_submit_page_resume_action);
  gtk_widget_class_install_action (widget_class, "submit.resume-submission", "s",
                                   _studio_submit_page_resume_action);
  gtk_widget_class_install_action (widget_class, "submit.cancel-upload", NULL,
                                   _studio_submit_page_cancel_upload_action);
  gtk_widget_class_install_action (widget_class, "submit.export-lms", NULL, export_lms_action);
}

static void
studio_submit_page_init (StudioSubmitPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->chosen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->expanded = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->settings = g_object_ref (studio_settings_get_default ());
  g_signal_connect_swapped (self->settings, "notify::endpoint-url", G_CALLBACK (settings_changed_cb), self);
  g_signal_connect (self->choose_factory, "setup", G_CALLBACK (setup_choose_cb), self);
  g_signal_connect (self->choose_factory, "bind", G_CALLBACK (bind_choose_cb), self);
  g_signal_connect (self->choose_factory, "unbind", G_CALLBACK (unbind_choose_cb), self);
  g_signal_connect_swapped (self->kind_row, "notify::selected", G_CALLBACK (kind_changed_cb), self);
  g_signal_connect_swapped (self->resources_row, "notify::selected", G_CALLBACK (kind_changed_cb), self);
  /* The output file's path wraps, at most three lines, then ends in "…" (the whole path is in the
   * row's tooltip): so its label's minimum width no longer depends on the path, which left no room
   * for Choose… in a 360 px window whatever the path's breaks. */
  adw_action_row_set_subtitle_lines (self->output_row, 3);
  show_output (self);
  _studio_submit_page_show_built (self);
  show_endpoint (self);
  _studio_submit_page_update_actions (self);
}

/* ---------------------------------------------------------------------------------------------- */

gboolean
studio_submit_page_is_building (StudioSubmitPage *self)
{
  g_return_val_if_fail (STUDIO_IS_SUBMIT_PAGE (self), FALSE);

  return _studio_submit_page_is_building (self);
}

gboolean
studio_submit_page_is_uploading (StudioSubmitPage *self)
{
  g_return_val_if_fail (STUDIO_IS_SUBMIT_PAGE (self), FALSE);

  return _studio_submit_page_is_uploading (self);
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

  return self->item != NULL ? studio_upload_item_get_submission_id (self->item) : NULL;
}

