/* studio-window.c — the main window: a project's pages
 *
 * The window shows the session's project, one of the store's at a time.
 * Everything it shows comes from the core's models (reslib_store_list; the
 * resources' count from the row loader's thread); it never talks to the database itself. Its actions
 * are in studio-window-actions.c, Undo and Redo in studio-window-undo.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "studio-checks-page.h"
#include "studio-courses-page.h"
#include "studio-dossier-page.h"
#include "studio-overview-page.h"
#include "studio-resources-page.h"
#include "studio-resources.h"
#include "studio-review-page.h"
#include "studio-submit-page.h"
#include "studio-team-page.h"
#include "studio-window-private.h"
#include "studio-tooltip.h"

typedef struct
{
  const char *name;
  const char *title;
  const char *icon_name;
  guint       key;          /* Alt+key shows the page */
  GType     (*get_type) (void);
  const char *lead_only;    /* what a teacher is told above the page, where only the lead changes it */
} PageInfo;

static const PageInfo page_infos[] = {
  { "overview",  N_("Overview"),     "view-grid-symbolic",          GDK_KEY_1, studio_overview_page_get_type, NULL },
  { "dossier",   N_("Dossier"),      "x-office-document-symbolic",  GDK_KEY_2, studio_dossier_page_get_type,
    N_("Only the lead changes the dossier. It comes with the lead's packages.") },
  { "team",      N_("Units & Team"), "system-users-symbolic",       GDK_KEY_3, studio_team_page_get_type,
    N_("Only the lead changes the units and the team. They come with the lead's packages.") },
  { "courses",   N_("Courses"),      "view-list-bullet-symbolic",   GDK_KEY_4, studio_courses_page_get_type,
    N_("Only the lead changes the courses and their points. Link your resources to them on the Resources page.") },
  { "resources", N_("Resources"),    "folder-documents-symbolic",   GDK_KEY_5, studio_resources_page_get_type, NULL },
  { "review",    N_("Review"),       "object-select-symbolic",      GDK_KEY_6, studio_review_page_get_type, NULL },
  { "checks",    N_("Checks"),       "dialog-warning-symbolic",     GDK_KEY_7, studio_checks_page_get_type, NULL },
  { "submit",    N_("Submit"),       "send-to-symbolic",            GDK_KEY_8, studio_submit_page_get_type,
    N_("You hand your resources to the lead in a contribution; only the lead uploads to the province.") },
};

G_STATIC_ASSERT (G_N_ELEMENTS (page_infos) == STUDIO_WINDOW_N_PAGES);

G_DEFINE_FINAL_TYPE (StudioWindow, studio_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_SESSION,
  PROP_STORE,
  PROP_PROJECT_ID,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* ---------------------------------------------------------------------------------------------- */
/* Helpers                                                                                         */

static const char *
current_project_id (StudioWindow *self)
{
  /* NULL until the session is set, in constructed(). */
  return self->session != NULL ? studio_session_get_project_id (self->session) : NULL;
}

/* "Created 24/11/2026 07:42", in local time, to tell projects of the same name apart. */
static char *
studio_window_project_created_label (gpointer    item,
                                     const char *created_at)
{
  g_autoptr(GDateTime) utc = created_at != NULL ? g_date_time_new_from_iso8601 (created_at, NULL) : NULL;
  g_autoptr(GDateTime) local = NULL;
  g_autofree char *when = NULL;

  if (utc == NULL)
    return g_strdup ("");
  local = g_date_time_to_local (utc);
  when = g_date_time_format (local, "%x %H:%M");

  /* Translators: when a project was created, e.g. "Created 2026-11-24 07:42" */
  return g_strdup_printf (_("Created %s"), when);
}

static gboolean
update_badge_idle_cb (gpointer data)
{
  StudioWindow *self = data;

  self->badge_id = 0;
  _studio_window_update_badge (self);

  return G_SOURCE_REMOVE;
}

static void load_projects (StudioWindow *self,
                           const char   *want_id);

static gboolean
reload_projects_idle_cb (gpointer data)
{
  StudioWindow *self = data;
  g_autofree char *id = g_strdup (current_project_id (self));

  self->projects_id = 0;
  load_projects (self, id);

  return G_SOURCE_REMOVE;
}

static void
store_changed_cb (StudioSession *session,
                  guint          kind,
                  const char    *id,
                  StudioWindow  *self)
{
  /* The resources' count, and whether there are conflicts (of any kind of record) to resolve. */
  if (self->badge_id == 0)
    self->badge_id = g_idle_add_full (G_PRIORITY_LOW, update_badge_idle_cb, self, NULL);
  /* A project renamed or added elsewhere (the Dossier page, an import). */
  if (kind == RESLIB_KIND_PROJECT && self->projects_id == 0)
    self->projects_id = g_idle_add (reload_projects_idle_cb, self);
}

static int page_index (const char *name);

/* A teacher's project: the pages of what only the lead changes say so, and the Review page (the
 * lead's) is not offered. */
static void
lead_changed_cb (StudioWindow *self)
{
  gboolean lead = studio_session_get_lead (self->session);
  int review = page_index ("review");

  for (guint i = 0; i < G_N_ELEMENTS (page_infos); i++)
    if (self->lead_only_bars[i] != NULL)
      gtk_widget_set_visible (self->lead_only_bars[i], !lead);
  gtk_widget_set_visible (GTK_WIDGET (self->page_rows[review]), lead);
  if (!lead && g_strcmp0 (gtk_stack_get_visible_child_name (self->page_stack), "review") == 0)
    studio_window_show_page (self, "overview");
}

/* A project made current elsewhere (an import that added it) is shown. */
static void
project_id_changed_cb (StudioWindow *self)
{
  const char *id = studio_session_get_project_id (self->session);
  ReslibRecord *shown = gtk_drop_down_get_selected_item (self->project_dropdown);

  if (id != NULL && (shown == NULL || g_strcmp0 (id, reslib_record_get_id (shown)) != 0))
    {
      load_projects (self, id);
      return;
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROJECT_ID]);
}

static void
build_sidebar (StudioWindow *self)
{
  for (guint i = 0; i < G_N_ELEMENTS (page_infos); i++)
    {
      const PageInfo *info = &page_infos[i];
      GtkWidget *row = gtk_list_box_row_new ();
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
      GtkWidget *image = gtk_image_new_from_icon_name (info->icon_name);
      GtkWidget *label = gtk_label_new (_(info->title));
      g_autofree char *tooltip = NULL;
      StudioPage *page;

      gtk_accessible_update_property (GTK_ACCESSIBLE (image), GTK_ACCESSIBLE_PROPERTY_LABEL, "", -1);
      gtk_widget_set_name (row, info->name);
      /* Translators: a page's name and its shortcut, e.g. "Resources (Alt+5)" */
      tooltip = g_strdup_printf (_("%s (Alt+%u)"), _(info->title), info->key - GDK_KEY_0);
      studio_tooltip_set (row, tooltip);
      gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, _(info->title), -1);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_widget_set_hexpand (label, TRUE);
      gtk_box_append (GTK_BOX (box), image);
      gtk_box_append (GTK_BOX (box), label);
      if (g_str_equal (info->name, "resources"))
        {
          GtkWidget *badge = gtk_label_new ("");

          gtk_widget_add_css_class (badge, "dim-label");
          gtk_widget_add_css_class (badge, "numeric");
          gtk_box_append (GTK_BOX (box), badge);
          self->resources_badge = GTK_LABEL (badge);
        }
      gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
      gtk_list_box_append (self->sidebar_list, row);
      self->page_rows[i] = GTK_LIST_BOX_ROW (row);
      _studio_window_spring_load_row (row);

      page = g_object_new (info->get_type (), NULL);
      self->pages[i] = page;
      if (info->lead_only != NULL)
        {
          /* Above a page of what only the lead changes, a teacher is told why it is read-only. */
          GtkWidget *wrapper = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
          GtkWidget *bar = gtk_info_bar_new ();
          GtkWidget *text = gtk_label_new (_(info->lead_only));

          gtk_label_set_wrap (GTK_LABEL (text), TRUE);
          gtk_label_set_xalign (GTK_LABEL (text), 0);
          gtk_info_bar_add_child (GTK_INFO_BAR (bar), text);
          gtk_info_bar_set_message_type (GTK_INFO_BAR (bar), GTK_MESSAGE_INFO);
          gtk_widget_set_visible (bar, FALSE);
          gtk_widget_set_vexpand (GTK_WIDGET (page), TRUE);
          gtk_box_append (GTK_BOX (wrapper), bar);
          gtk_box_append (GTK_BOX (wrapper), GTK_WIDGET (page));
          self->lead_only_bars[i] = bar;
          gtk_stack_add_titled (self->page_stack, wrapper, info->name, _(info->title));
        }
      else
        gtk_stack_add_titled (self->page_stack, GTK_WIDGET (page), info->name, _(info->title));
    }
}

static int
page_index (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (page_infos); i++)
    if (g_strcmp0 (page_infos[i].name, name) == 0)
      return (int) i;

  return -1;
}

/* ---------------------------------------------------------------------------------------------- */
/* Showing a project                                                                               */

static void
update_title (StudioWindow *self)
{
  GtkWidget *child = gtk_stack_get_visible_child (self->page_stack);
  ReslibRecord *project = gtk_drop_down_get_selected_item (self->project_dropdown);

  if (child != NULL)
    adw_window_title_set_title (self->window_title,
                                gtk_stack_page_get_title (gtk_stack_get_page (self->page_stack, child)));
  adw_window_title_set_subtitle (self->window_title,
                                 current_project_id (self) != NULL && project != NULL ? reslib_record_get (project, "name")
                                                                             : NULL);
}

static void
show_project (StudioWindow *self,
              ReslibRecord *project)
{
  const char *id = project != NULL ? reslib_record_get_id (project) : NULL;

  studio_session_set_project_id (self->session, id);
  /* Another project's count is not shown while this one's is counted. */
  gtk_label_set_text (self->resources_badge, "");
  _studio_window_update_badge (self);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.switch-project", project != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.delete-project", project != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.contribute", project != NULL);
  if (project == NULL)
    {
      gtk_stack_set_visible_child_name (self->main_stack, self->store != NULL ? "empty" : "error");
      update_title (self);
      return;
    }

  studio_settings_set_last_project (self->settings, id);

  gtk_stack_set_visible_child_name (self->main_stack, "project");
  update_title (self);
}

static void
project_selected_cb (StudioWindow *self)
{
  show_project (self, gtk_drop_down_get_selected_item (self->project_dropdown));
}

/* Reads the list of projects again and shows @want_id, or the first project. */
static void
load_projects (StudioWindow *self,
               const char   *want_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) projects = NULL;
  g_autofree char *want = g_strdup (want_id);
  guint position = GTK_INVALID_LIST_POSITION;
  guint n;

  if (self->store == NULL)
    return;

  projects = reslib_store_list (self->store, RESLIB_KIND_PROJECT, NULL, &error);
  if (projects == NULL)
    {
      studio_window_show_error (self, _("The projects could not be read"), error);
      return;
    }
  n = g_list_model_get_n_items (projects);
  for (guint i = 0; i < n && want != NULL; i++)
    {
      g_autoptr(ReslibRecord) project = g_list_model_get_item (projects, i);

      if (g_strcmp0 (reslib_record_get_id (project), want) == 0)
        position = i;
    }
  if (position == GTK_INVALID_LIST_POSITION && n > 0)
    position = 0;

  g_signal_handlers_block_by_func (self->project_dropdown, project_selected_cb, self);
  gtk_drop_down_set_model (self->project_dropdown, projects);
  gtk_drop_down_set_selected (self->project_dropdown, position);
  g_signal_handlers_unblock_by_func (self->project_dropdown, project_selected_cb, self);

  project_selected_cb (self);
}

/* ---------------------------------------------------------------------------------------------- */
/* Signal handlers and actions                                                                     */

static void
sidebar_row_activated_cb (GtkListBox    *list,
                          GtkListBoxRow *row,
                          StudioWindow  *self)
{
  studio_window_show_page (self, gtk_widget_get_name (GTK_WIDGET (row)));
  adw_leaflet_set_visible_child (self->leaflet, self->content);
}

static void
back_clicked_cb (GtkButton    *button,
                 StudioWindow *self)
{
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
}

static void
page_changed_cb (StudioWindow *self)
{
  int index = page_index (gtk_stack_get_visible_child_name (self->page_stack));
  GtkListBoxRow *row = self->page_rows[MAX (index, 0)];

  if (gtk_list_box_get_selected_row (self->sidebar_list) != row)
    gtk_list_box_select_row (self->sidebar_list, row);
  update_title (self);
}

static void
session_add_toast_cb (StudioSession *session,
                      AdwToast      *toast,
                      StudioWindow  *self)
{
  adw_toast_overlay_add_toast (self->toast_overlay, g_object_ref (toast));
}

static void
session_show_error_cb (StudioSession *session,
                       const char    *heading,
                       const GError  *error,
                       StudioWindow  *self)
{
  studio_window_show_error (self, heading, error);
}

/* A project is deleted at once, with everything in it, in one transaction; the toast's Undo (or
 * Ctrl+Z) puts it back from the session's undo stack, and it is shown again (a big project is put
 * back by a job: when it has been). */
static void
project_restored_cb (StudioUndoStack *stack,
                     ReslibUndoStep  *step,
                     StudioWindow    *self)
{
  if (reslib_undo_step_get_step_type (step) == RESLIB_UNDO_STEP_RESTORATION &&
      reslib_undo_step_get_kind (step) == RESLIB_KIND_PROJECT)
    load_projects (self, reslib_undo_step_get_ids (step)[0]);
}

static void
undo_delete_cb (AdwToast     *toast,
                StudioWindow *self)
{
  StudioUndoStack *stack = studio_window_get_undo_stack (self);
  ReslibUndoStep *step = g_object_get_data (G_OBJECT (toast), "studio-undo-step");
  g_autoptr(GError) error = NULL;

  if (stack == NULL || step == NULL)
    return;
  if (!studio_undo_stack_undo_step (stack, step, &error))
    {
      studio_window_show_error (self, _("The change could not be undone"), error);
      return;
    }
}

static void
delete_project_response_cb (AdwMessageDialog *dialog,
                            const char       *response,
                            StudioWindow     *self)
{
  StudioUndoStack *stack = studio_window_get_undo_stack (self);
  g_autoptr(ReslibUndoStep) step = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  AdwToast *toast;

  if (g_strcmp0 (response, "delete") != 0 || current_project_id (self) == NULL || stack == NULL)
    return;

  step = reslib_store_delete_undoable (self->store, RESLIB_KIND_PROJECT,
                                       (const char * const[]) { current_project_id (self), NULL }, &error);
  if (step == NULL)
    {
      studio_window_show_error (self, _("The project could not be deleted"), error);
      return;
    }
  load_projects (self, NULL);

  message = g_strdup_printf (_("“%s” deleted"), (const char *) g_object_get_data (G_OBJECT (dialog), "name"));
  studio_undo_stack_push (stack, step, message);
  toast = adw_toast_new (message);
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  g_object_set_data_full (G_OBJECT (toast), "studio-undo-step", reslib_undo_step_ref (step),
                          (GDestroyNotify) reslib_undo_step_unref);
  g_signal_connect_object (toast, "button-clicked", G_CALLBACK (undo_delete_cb), self, 0);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static void
delete_project_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  StudioWindow *self = STUDIO_WINDOW (widget);
  ReslibRecord *project = gtk_drop_down_get_selected_item (self->project_dropdown);
  g_autofree char *body = NULL;
  GtkWidget *dialog;
  guint n;

  if (project == NULL || self->store == NULL)
    return;

  n = reslib_store_count (self->store, RESLIB_KIND_RESOURCE, reslib_record_get_id (project), NULL);
  /* Translators: %s is the project's name, %u how many resources it has */
  body = g_strdup_printf (_("“%s” and everything in it — units, team, courses and its %u resources — will be "
                            "removed from this computer. Packages already built and files already uploaded "
                            "are not affected."),
                          reslib_record_get (project, "name"), n);
  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Delete Project?"), body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "delete", _("_Delete"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "delete", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "name", g_strdup (reslib_record_get (project, "name")), g_free);
  g_signal_connect (dialog, "response", G_CALLBACK (delete_project_response_cb), self);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* ---------------------------------------------------------------------------------------------- */
/* GObject                                                                                         */

static gboolean
studio_window_close_request (GtkWindow *window)
{
  StudioWindow *self = STUDIO_WINDOW (window);

  if (studio_settings_is_persistent (self->settings))
    {
      gboolean maximized = gtk_window_is_maximized (window);
      int width = 0, height = 0;

      if (!maximized)
        gtk_window_get_default_size (window, &width, &height);
      /* Before the window's state, which applies what the settings hold back. */
      studio_settings_set_last_page (self->settings, gtk_stack_get_visible_child_name (self->page_stack));
      studio_settings_set_window_state (self->settings, width, height, maximized);
    }

  return GTK_WINDOW_CLASS (studio_window_parent_class)->close_request (window);
}

static void
studio_window_constructed (GObject *object)
{
  StudioWindow *self = STUDIO_WINDOW (object);
  g_autofree char *last = NULL;

  G_OBJECT_CLASS (studio_window_parent_class)->constructed (object);

  if (self->session == NULL)
    self->session = studio_session_new (NULL, NULL);
  self->store = studio_session_get_store (self->session);
  if (self->store != NULL)
    g_object_ref (self->store);
  self->settings = g_object_ref (studio_session_get_settings (self->session));
  g_signal_connect (self->session, "changed", G_CALLBACK (store_changed_cb), self);
  g_signal_connect_swapped (self->session, "notify::project-id", G_CALLBACK (project_id_changed_cb), self);
  g_signal_connect_swapped (self->session, "notify::lead", G_CALLBACK (lead_changed_cb), self);
  g_signal_connect (self->session, "add-toast", G_CALLBACK (session_add_toast_cb), self);
  g_signal_connect (self->session, "show-error", G_CALLBACK (session_show_error_cb), self);
  for (guint i = 0; i < G_N_ELEMENTS (page_infos); i++)
    studio_page_set_session (self->pages[i], self->session);

  if (studio_settings_is_persistent (self->settings))
    {
      int width, height;
      gboolean maximized;

      studio_settings_get_window_state (self->settings, &width, &height, &maximized);
      gtk_window_set_default_size (GTK_WINDOW (self), width, height);
      if (maximized)
        gtk_window_maximize (GTK_WINDOW (self));
      last = studio_settings_dup_last_project (self->settings);
    }

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.create-demo", self->store != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.new-project", self->store != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.join-project", self->store != NULL);
  _studio_window_undo_init (self);
  if (studio_window_get_undo_stack (self) != NULL)
    g_signal_connect_object (studio_window_get_undo_stack (self), "applied", G_CALLBACK (project_restored_cb), self, 0);
  lead_changed_cb (self);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.import-package", self->store != NULL);
  if (self->store != NULL)
    load_projects (self, last != NULL && *last != '\0' ? last : NULL);
  else
    show_project (self, NULL);
  /* The page shown when the window was last closed (a teacher's project has no Review page). */
  if (self->store != NULL && studio_settings_is_persistent (self->settings))
    {
      g_autofree char *page = studio_settings_dup_last_page (self->settings);

      if (page_index (page) >= 0)
        studio_window_show_page (self, page);
    }
}

static void
studio_window_dispose (GObject *object)
{
  StudioWindow *self = STUDIO_WINDOW (object);

  g_clear_handle_id (&self->badge_id, g_source_remove);
  if (self->badge_cancellable != NULL)
    g_cancellable_cancel (self->badge_cancellable);
  g_clear_object (&self->badge_cancellable);
  g_clear_handle_id (&self->projects_id, g_source_remove);
  _studio_window_import_dispose (self);
  if (self->session != NULL)
    g_signal_handlers_disconnect_by_data (self->session, self);
  gtk_widget_dispose_template (GTK_WIDGET (self), STUDIO_TYPE_WINDOW);
  g_clear_object (&self->store);
  g_clear_object (&self->settings);
  g_clear_object (&self->session);

  G_OBJECT_CLASS (studio_window_parent_class)->dispose (object);
}

static void
studio_window_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  StudioWindow *self = STUDIO_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;

    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;

    case PROP_PROJECT_ID:
      g_value_set_string (value, current_project_id (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
studio_window_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  StudioWindow *self = STUDIO_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      self->session = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
studio_window_class_init (StudioWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = studio_window_constructed;
  object_class->dispose = studio_window_dispose;
  object_class->get_property = studio_window_get_property;
  object_class->set_property = studio_window_set_property;
  window_class->close_request = studio_window_close_request;

  /**
   * StudioWindow:session:
   *
   * The session the window shows; a session of no store when none is given.
   */
  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL,
                         STUDIO_TYPE_SESSION,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  /**
   * StudioWindow:store:
   *
   * The store whose projects the window shows (the session's); %NULL when it could not be opened.
   */
  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL,
                         RESLIB_TYPE_STORE,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  /**
   * StudioWindow:project-id:
   *
   * The id of the project shown, or %NULL.
   */
  properties[PROP_PROJECT_ID] =
    g_param_spec_string ("project-id", NULL, NULL,
                         NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* The record types must be known by name before the template is read. */
  reslib_core_init ();
  /* Referencing the resource bundle links it in from the static library; it registers itself. */
  (void) studio_get_resource ();

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/reslib/Studio/ui/studio-window.ui");
  gtk_widget_class_bind_template_child (widget_class, StudioWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, StudioWindow, main_stack);
  gtk_widget_class_bind_template_child (widget_class, StudioWindow, leaflet);
  gtk_widget_class_bind_template_child (widget_class, StudioWindow, sidebar);
  gtk_widget_class_bind_template_child (widget_class, StudioWindow, content);
  gtk_widget_class_bind_template_child (widget_class, StudioWindow, project_dropdown);
  gtk_widget_class_bind_template_child (widget_class, StudioWindow, sidebar_list);
  gtk_widget_class_bind_template_child (widget_class, StudioWindow, back_button);
  gtk_widget_class_bind_template_child (widget_class, StudioWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, StudioWindow, menu_button);
  gtk_widget_class_bind_template_child (widget_class, StudioWindow, page_stack);
  gtk_widget_class_bind_template_child (widget_class, StudioWindow, empty_status);
  gtk_widget_class_bind_template_child (widget_class, StudioWindow, create_demo_button);
  gtk_widget_class_bind_template_child (widget_class, StudioWindow, empty_menu_button);
  gtk_widget_class_bind_template_child (widget_class, StudioWindow, error_status);
  gtk_widget_class_bind_template_child (widget_class, StudioWindow, error_menu_button);
  gtk_widget_class_bind_template_callback (widget_class, sidebar_row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, back_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, page_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, studio_window_project_created_label);

  _studio_window_class_actions_init (widget_class);
  _studio_window_class_join_init (widget_class);
  gtk_widget_class_install_action (widget_class, "win.delete-project", NULL, delete_project_action);
  for (guint i = 0; i < G_N_ELEMENTS (page_infos); i++)
    gtk_widget_class_add_binding_action (widget_class, page_infos[i].key, GDK_ALT_MASK, "win.show-page", "s",
                                         page_infos[i].name);
  _studio_window_class_undo_init (widget_class);
  _studio_window_class_import_init (widget_class);
}

static void
studio_window_init (StudioWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  g_signal_connect_swapped (self->project_dropdown, "notify::selected", G_CALLBACK (project_selected_cb), self);
  build_sidebar (self);
  _studio_window_import_init (self);
  gtk_list_box_select_row (self->sidebar_list, self->page_rows[0]);
  update_title (self);
  /* The tooltips the .ui files gave the window and its pages wrap at a readable width. */
  studio_tooltip_wrap_all (GTK_WIDGET (self));
}

/* ---------------------------------------------------------------------------------------------- */
/* Public API                                                                                      */

/**
 * studio_window_new:
 * @app: (nullable): the application, or %NULL (in tests)
 * @session: (nullable): the session to show; %NULL for one without a store (it could not be opened)
 *
 * Returns: (transfer none): a new window showing the last project, or the first one;
 *   GTK keeps it until it is destroyed.
 */
StudioWindow *
studio_window_new (StudioApplication *app,
                   StudioSession     *session)
{
  g_return_val_if_fail (app == NULL || STUDIO_IS_APPLICATION (app), NULL);
  g_return_val_if_fail (session == NULL || STUDIO_IS_SESSION (session), NULL);

  return g_object_new (STUDIO_TYPE_WINDOW,
                       "application", app,
                       "session", session,
                       NULL);
}

/**
 * studio_window_get_session:
 *
 * Returns: (transfer none): the session the window shows
 */
StudioSession *
studio_window_get_session (StudioWindow *self)
{
  g_return_val_if_fail (STUDIO_IS_WINDOW (self), NULL);

  return self->session;
}

ReslibStore *
studio_window_get_store (StudioWindow *self)
{
  g_return_val_if_fail (STUDIO_IS_WINDOW (self), NULL);

  return self->store;
}

const char *
studio_window_get_project_id (StudioWindow *self)
{
  g_return_val_if_fail (STUDIO_IS_WINDOW (self), NULL);

  return current_project_id (self);
}

/**
 * studio_window_open_project:
 *
 * Re-reads the list of projects and shows the one with @project_id.
 *
 * Returns: %TRUE if that project is now shown.
 */
gboolean
studio_window_open_project (StudioWindow *self,
                            const char   *project_id)
{
  g_return_val_if_fail (STUDIO_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (project_id != NULL, FALSE);

  load_projects (self, project_id);

  return g_strcmp0 (current_project_id (self), project_id) == 0;
}

/**
 * studio_window_reload:
 *
 * Reads the projects and the shown project again from the store.
 */
void
studio_window_reload (StudioWindow *self)
{
  g_autofree char *id = NULL;

  g_return_if_fail (STUDIO_IS_WINDOW (self));

  id = g_strdup (current_project_id (self));
  load_projects (self, id);
  for (guint i = 0; i < G_N_ELEMENTS (page_infos); i++)
    studio_page_reload (self->pages[i]);
}

/**
 * studio_window_show_page:
 * @page: "overview" or "resources"
 */
void
studio_window_show_page (StudioWindow *self,
                         const char   *page)
{
  g_return_if_fail (STUDIO_IS_WINDOW (self));
  g_return_if_fail (page != NULL);

  /* Reviewing is the lead's: a teacher's project has no Review page. */
  if (g_strcmp0 (page, "review") == 0 && !studio_session_get_lead (self->session))
    return;
  if (gtk_stack_get_child_by_name (self->page_stack, page) != NULL)
    {
      GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self));
      int index = page_index (page);

      /* A stack moves the focus it held into the new page's first field, which then selects its
       * text: one stray key would replace the project's name. The page itself takes the focus
       * instead, so that its shortcuts (F5 on Checks, Delete and Ctrl+I on Resources) work at once
       * and Tab goes on to its first field. */
      if (focus != NULL && gtk_widget_is_ancestor (focus, GTK_WIDGET (self->page_stack)))
        gtk_root_set_focus (GTK_ROOT (self), NULL);
      gtk_stack_set_visible_child_name (self->page_stack, page);
      adw_leaflet_set_visible_child (self->leaflet, self->content);
      if (index >= 0 && gtk_widget_get_mapped (GTK_WIDGET (self->pages[index])))
        gtk_widget_grab_focus (GTK_WIDGET (self->pages[index]));
    }
}

/**
 * studio_window_show_store_error:
 *
 * Shows why the store could not be opened, in place of the pages.
 */
void
studio_window_show_store_error (StudioWindow *self,
                                const GError *error)
{
  g_autofree char *markup = NULL;

  g_return_if_fail (STUDIO_IS_WINDOW (self));
  g_return_if_fail (error != NULL);

  markup = g_markup_escape_text (error->message, -1);
  adw_status_page_set_description (self->error_status, markup);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.create-demo", FALSE);
  gtk_stack_set_visible_child_name (self->main_stack, "error");
}

static void
error_dialog_response_cb (AdwMessageDialog *dialog,
                          const char       *response,
                          gpointer          user_data)
{
  gtk_window_destroy (GTK_WINDOW (dialog));
}

/**
 * studio_window_show_error:
 * @heading: what failed, e.g. "The demo project could not be created"
 * @error: why; its message says what to do
 *
 * Shows a failure in a dialog.
 */
void
studio_window_show_error (StudioWindow *self,
                          const char   *heading,
                          const GError *error)
{
  GtkWidget *dialog;

  g_return_if_fail (STUDIO_IS_WINDOW (self));
  g_return_if_fail (heading != NULL);

  dialog = adw_message_dialog_new (GTK_WINDOW (self), heading, error != NULL ? error->message : NULL);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  g_signal_connect (dialog, "response", G_CALLBACK (error_dialog_response_cb), NULL);
  gtk_window_present (GTK_WINDOW (dialog));
}

/**
 * studio_window_add_toast:
 * @message: plain text
 */
void
studio_window_add_toast (StudioWindow *self,
                         const char   *message)
{
  g_autofree char *markup = NULL;
  AdwToast *toast;

  g_return_if_fail (STUDIO_IS_WINDOW (self));
  g_return_if_fail (message != NULL);

  markup = g_markup_escape_text (message, -1);
  toast = adw_toast_new (markup);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

/**
 * studio_window_show_toast:
 * @toast: (transfer full): a toast, e.g. with an Undo button
 */
void
studio_window_show_toast (StudioWindow *self,
                          AdwToast     *toast)
{
  g_return_if_fail (STUDIO_IS_WINDOW (self));
  g_return_if_fail (ADW_IS_TOAST (toast));

  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

/**
 * studio_window_get_page:
 * @name: a page's name: "overview", "dossier", "team", "courses", "resources", "review", "checks", "submit"
 *
 * Returns: (transfer none) (nullable): the page
 */
StudioPage *
studio_window_get_page (StudioWindow *self,
                        const char   *name)
{
  int index = page_index (name);

  g_return_val_if_fail (STUDIO_IS_WINDOW (self), NULL);

  return index >= 0 ? self->pages[index] : NULL;
}

/**
 * studio_window_open_subject:
 * @subject_id: (nullable): the record to show on that page
 *
 * Shows the page @page_name and on it the record @subject_id.
 */
void
studio_window_open_subject (StudioWindow *self,
                            const char   *page_name,
                            ReslibKind    kind,
                            const char   *subject_id)
{
  StudioPage *page;

  g_return_if_fail (STUDIO_IS_WINDOW (self));

  page = studio_window_get_page (self, page_name);
  if (page == NULL)
    return;
  studio_window_show_page (self, page_name);
  adw_leaflet_set_visible_child (self->leaflet, self->content);
  if (subject_id != NULL)
    studio_page_show_subject (page, kind, subject_id);
}
