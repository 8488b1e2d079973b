/* studio-window-actions.c — the window's actions: showing a page or another page's record,
 * switching projects, a new project, the demo project, reports, checks and the conflicts; the sidebar's
 * count of resources, counted in the row loader's thread
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "reslib-labels.h"
#include "studio-checks-page.h"
#include "studio-conflicts-window.h"
#include "studio-contribute-dialog.h"
#include "studio-help-window.h"
#include "studio-report.h"
#include "studio-resources-page.h"
#include "studio-window-private.h"

static void
show_page_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  StudioWindow *self = STUDIO_WINDOW (widget);

  studio_window_show_page (self, g_variant_get_string (parameter, NULL));
  adw_leaflet_set_visible_child (self->leaflet, self->content);
}

/* F1: the guide, one per window */
static void
help_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  g_autoptr(GList) toplevels = gtk_window_list_toplevels ();

  for (GList *l = toplevels; l != NULL; l = l->next)
    if (STUDIO_IS_HELP_WINDOW (l->data) && gtk_window_get_transient_for (l->data) == GTK_WINDOW (widget))
      {
        gtk_window_present (l->data);
        return;
      }
  gtk_window_present (studio_help_window_new (GTK_WINDOW (widget)));
}

/* Gives each shortcut of @widget's tree that names an action the application's keys for it */
static void
fill_action_shortcuts (GtkWidget      *widget,
                       GtkApplication *app)
{
  if (GTK_IS_SHORTCUTS_SHORTCUT (widget))
    {
      g_autofree char *action = NULL;

      g_object_get (widget, "action-name", &action, NULL);
      if (action != NULL)
        {
          g_auto(GStrv) accels = gtk_application_get_accels_for_action (app, action);
          g_autofree char *joined = g_strjoinv (" ", accels);

          g_object_set (widget, "accelerator", joined, NULL);
        }
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    fill_action_shortcuts (child, app);
}

/* The keyboard shortcuts, made when asked and destroyed when closed: a hidden window kept for the app's
 * lifetime sits last in GTK 4.8's list of windows, and a screen reader's request for the window at an
 * index past the visible ones then gets that window, which has no accessible path, and crashes the app. */
static void
show_help_overlay_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  g_autoptr(GList) toplevels = gtk_window_list_toplevels ();
  g_autoptr(GtkBuilder) builder = NULL;
  GtkApplication *app;
  GtkWindow *overlay;

  for (GList *l = toplevels; l != NULL; l = l->next)
    if (GTK_IS_SHORTCUTS_WINDOW (l->data) && gtk_window_get_transient_for (l->data) == GTK_WINDOW (widget))
      {
        gtk_window_present (l->data);
        return;
      }
  builder = gtk_builder_new_from_resource ("/io/github/reslib/Studio/ui/studio-shortcuts-window.ui");
  overlay = GTK_WINDOW (gtk_builder_get_object (builder, "help_overlay"));
  /* A shortcut given by its action shows the application's keys for it: GTK fills them in only for the
   * shortcuts window it makes itself. */
  app = gtk_window_get_application (GTK_WINDOW (widget));
  if (app != NULL)
    fill_action_shortcuts (GTK_WIDGET (overlay), app);
  gtk_window_set_hide_on_close (overlay, FALSE);
  gtk_window_set_transient_for (overlay, GTK_WINDOW (widget));
  gtk_window_present (overlay);
}

static void
switch_project_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  StudioWindow *self = STUDIO_WINDOW (widget);

  adw_leaflet_set_visible_child (self->leaflet, self->sidebar);
  gtk_widget_grab_focus (GTK_WIDGET (self->project_dropdown));
  g_signal_emit_by_name (self->project_dropdown, "activate");
}

static void
create_demo_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  StudioWindow *self = STUDIO_WINDOW (widget);
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;

  if (self->store == NULL)
    return;

  id = reslib_demo_create (self->store, NULL, &error);
  if (id == NULL)
    {
      studio_window_show_error (self, _("The demo project could not be created"), error);
      return;
    }
  studio_window_open_project (self, id);
  studio_window_add_toast (self, _("Demo project created"));
}

static void
report_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  StudioWindow *self = STUDIO_WINDOW (widget);

  studio_report_generate (GTK_WINDOW (self), self->session, g_variant_get_string (parameter, NULL));
}

/* ("page", "kind", "id"): shows the page and on it the record of that kind ("" for none). */
static void
open_subject_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  StudioWindow *self = STUDIO_WINDOW (widget);
  const char *page_name, *kind_name, *id;
  const ReslibEntity *entity;

  g_variant_get (parameter, "(&s&s&s)", &page_name, &kind_name, &id);
  entity = reslib_entity_lookup (kind_name);
  if (entity != NULL)
    studio_window_open_subject (self, page_name, entity->kind, *id != '\0' ? id : NULL);
}

/* ("from", ["id", …]): shows the Resources page with only these resources (those a check found). */
static void
show_resources_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  StudioWindow *self = STUDIO_WINDOW (widget);
  g_autofree const char **ids = NULL;
  const char *from;

  g_variant_get (parameter, "(&s^a&s)", &from, &ids);
  studio_window_show_page (self, "resources");
  studio_resources_page_show_ids (STUDIO_RESOURCES_PAGE (studio_window_get_page (self, "resources")), from, ids);
}

/* Shows the Checks page and checks the project, with the rules of a package of that kind ("" for none). */
static void
run_checks_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  StudioWindow *self = STUDIO_WINDOW (widget);
  StudioChecksPage *checks = STUDIO_CHECKS_PAGE (studio_window_get_page (self, "checks"));
  const char *package_kind = g_variant_get_string (parameter, NULL);

  studio_window_show_page (self, "checks");
  if (!studio_checks_page_is_running (checks))
    studio_checks_page_run_for_package (checks, *package_kind != '\0' ? package_kind : NULL);
}

/* Shows the conflicts of the project (one window for them, brought up again when it is open). */
static void
show_conflicts_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  StudioWindow *self = STUDIO_WINDOW (widget);
  GListModel *toplevels = gtk_window_get_toplevels ();
  StudioConflictsWindow *conflicts = NULL;

  for (guint i = 0; i < g_list_model_get_n_items (toplevels) && conflicts == NULL; i++)
    {
      g_autoptr(GtkWindow) toplevel = g_list_model_get_item (toplevels, i);

      if (STUDIO_IS_CONFLICTS_WINDOW (toplevel) && gtk_window_get_transient_for (toplevel) == GTK_WINDOW (self))
        conflicts = STUDIO_CONFLICTS_WINDOW (toplevel);
    }
  if (conflicts == NULL)
    conflicts = studio_conflicts_window_new (GTK_WINDOW (self), self->session);
  gtk_window_present (GTK_WINDOW (conflicts));
}

typedef struct
{
  StudioWindow    *self;          /* no reference: the window cancels the count when disposed */
  StudioRowLoader *loader;
  GCancellable    *cancellable;
} BadgeCall;

static void
badge_count_done_cb (GObject      *source,
                     GAsyncResult *result,
                     gpointer      data)
{
  BadgeCall *call = data;
  g_autoptr(StudioRowLoader) loader = call->loader;
  g_autoptr(GCancellable) cancellable = call->cancellable;
  StudioWindow *self = call->self;
  g_autofree char *badge = NULL;
  g_autoptr(GError) error = NULL;
  guint n;

  g_free (call);
  n = studio_row_loader_count_finish (loader, result, &error);
  /* A newer count, another project, or the window went. */
  if (g_cancellable_is_cancelled (cancellable) || cancellable != self->badge_cancellable)
    return;
  g_clear_object (&self->badge_cancellable);
  if (error != NULL)
    {
      g_warning ("The resources could not be counted: %s", error->message);
      return;
    }
  badge = g_strdup_printf ("%u", n);
  gtk_label_set_text (self->resources_badge, badge);
}

/* The badge shows the project's count when the row loader's thread has it: a million rows are not counted
 * while the window waits. */
void
_studio_window_update_badge (StudioWindow *self)
{
  StudioRowLoader *loader;
  BadgeCall *call;

  _studio_window_update_conflicts (self);
  if (self->badge_cancellable != NULL)
    g_cancellable_cancel (self->badge_cancellable);
  g_clear_object (&self->badge_cancellable);
  loader = self->store != NULL ? studio_session_get_row_loader (self->session) : NULL;
  if (loader == NULL || studio_session_get_project_id (self->session) == NULL)
    {
      gtk_label_set_text (self->resources_badge, "");
      return;
    }
  self->badge_cancellable = g_cancellable_new ();
  call = g_new0 (BadgeCall, 1);
  call->self = self;
  call->loader = g_object_ref (loader);
  call->cancellable = g_object_ref (self->badge_cancellable);
  studio_row_loader_count_async (loader, studio_session_get_project_id (self->session), call->cancellable, badge_count_done_cb, call);
}

/* win.show-conflicts (and the menu item) only while the project has conflicts to resolve. */
void
_studio_window_update_conflicts (StudioWindow *self)
{
  const char *project_id = studio_session_get_project_id (self->session);
  guint n = 0;

  if (self->store != NULL && project_id != NULL)
    n = reslib_store_count_conflicts (self->store, project_id, NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.show-conflicts", n > 0);
}

/* The New Project dialog: name, core major, level and start date. */
typedef struct
{
  StudioWindow *window;
  GtkEditable  *name;
  GtkEditable  *code;
  GtkEditable  *major;
  AdwComboRow  *level;
  GtkEditable  *start;
} NewProject;


static gboolean
is_blank (GtkEditable *editable)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (editable)));

  return *text == '\0';
}

static void
new_project_changed_cb (GtkEditable      *editable,
                        AdwMessageDialog *dialog)
{
  NewProject *np = g_object_get_data (G_OBJECT (dialog), "new-project");
  const char *start = gtk_editable_get_text (np->start);
  GDate date;
  gboolean start_ok = *start == '\0' || reslib_parse_date (start, &date);

  if (start_ok)
    gtk_widget_remove_css_class (GTK_WIDGET (np->start), "error");
  else
    gtk_widget_add_css_class (GTK_WIDGET (np->start), "error");
  adw_message_dialog_set_response_enabled (dialog, "create",
                                           !is_blank (np->name) && !is_blank (np->code) && !is_blank (np->major) &&
                                           start_ok);
}

static void new_project_present (StudioWindow *self,
                                 const char   *name,
                                 const char   *code,
                                 const char   *major,
                                 guint         level,
                                 const char   *start);

static void
new_project_response_cb (AdwMessageDialog *dialog,
                         const char       *response,
                         NewProject       *np)
{
  static const char * const levels[] = { "higher", "secondary" };
  StudioWindow *self = np->window;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  g_autofree char *code = NULL;
  g_autofree char *major = NULL;
  g_autofree char *id = NULL;
  const char *start;
  guint level;

  if (g_strcmp0 (response, "join") == 0)
    {
      gtk_widget_activate_action (GTK_WIDGET (self), "win.join-project", NULL);
      return;
    }
  if (g_strcmp0 (response, "create") != 0)
    return;

  name = g_strstrip (g_strdup (gtk_editable_get_text (np->name)));
  code = g_strstrip (g_strdup (gtk_editable_get_text (np->code)));
  major = g_strstrip (g_strdup (gtk_editable_get_text (np->major)));
  start = gtk_editable_get_text (np->start);
  level = MIN (adw_combo_row_get_selected (np->level), G_N_ELEMENTS (levels) - 1);

  id = reslib_store_create_project (self->store, name, code, major, levels[level], *start != '\0' ? start : NULL,
                                    &error);
  if (id == NULL)
    {
      /* Nothing typed is lost: the dialog comes back with the same values. */
      studio_window_show_error (self, _("The project could not be created"), error);
      new_project_present (self, name, code, major, level, start);
      return;
    }

  studio_window_open_project (self, id);
  studio_window_show_page (self, "dossier");
  studio_window_add_toast (self, _("Project created. Fill in the dossier, then add the units."));
}

static GtkEditable *
add_entry_row (GtkListBox *list,
               const char *title,
               const char *text)
{
  GtkWidget *row = adw_entry_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  gtk_editable_set_text (GTK_EDITABLE (row), text != NULL ? text : "");
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
  gtk_list_box_append (list, row);

  return GTK_EDITABLE (row);
}

static void
new_project_present (StudioWindow *self,
                     const char   *name,
                     const char   *code,
                     const char   *major,
                     guint         level,
                     const char   *start)
{
  NewProject *np = g_new0 (NewProject, 1);
  GtkWidget *dialog;
  GtkWidget *list = gtk_list_box_new ();
  GtkWidget *level_row = adw_combo_row_new ();
  g_autoptr(GtkStringList) levels = gtk_string_list_new (NULL);

  np->window = self;     /* the dialog goes with the window */
  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("New Project"),
                                   _("A project is one resource library (专业教学资源库). Its core major "
                                     "can be changed later in the dossier. A teacher in a library someone else "
                                     "leads joins it instead, from a package the lead gave."));
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  np->name = add_entry_row (GTK_LIST_BOX (list), _("Project name"), name);
  np->code = add_entry_row (GTK_LIST_BOX (list), _("Core major code"), code);
  np->major = add_entry_row (GTK_LIST_BOX (list), _("Core major name"), major);

  gtk_string_list_append (levels, reslib_label_project_level ("higher"));
  gtk_string_list_append (levels, reslib_label_project_level ("secondary"));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (level_row), _("Level"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (level_row), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Level"), -1);
  adw_combo_row_set_model (ADW_COMBO_ROW (level_row), G_LIST_MODEL (levels));
  adw_combo_row_set_selected (ADW_COMBO_ROW (level_row), level);
  gtk_list_box_append (GTK_LIST_BOX (list), level_row);
  np->level = ADW_COMBO_ROW (level_row);

  /* Translators: the start date field; YYYY-MM-DD stays as it is */
  np->start = add_entry_row (GTK_LIST_BOX (list), _("Start date (YYYY-MM-DD, optional)"), start);
  gtk_accessible_update_property (GTK_ACCESSIBLE (np->start), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Start date"), -1);

  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), list);
  /* A teacher does not create the project: the lead's package brings it. */
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "join", _("_Join a Project…"),
                                    "create", _("C_reate"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "create", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "create");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  gtk_window_set_destroy_with_parent (GTK_WINDOW (dialog), TRUE);
  g_object_set_data_full (G_OBJECT (dialog), "new-project", np, g_free);
  g_signal_connect (dialog, "response", G_CALLBACK (new_project_response_cb), np);
  for (GtkEditable **e = (GtkEditable *[]) { np->name, np->code, np->major, np->start, NULL }; *e != NULL; e++)
    g_signal_connect (*e, "changed", G_CALLBACK (new_project_changed_cb), dialog);
  new_project_changed_cb (NULL, ADW_MESSAGE_DIALOG (dialog));

  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (GTK_WIDGET (np->name));
}

static void
new_project_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  StudioWindow *self = STUDIO_WINDOW (widget);

  if (self->store != NULL)
    new_project_present (self, NULL, NULL, NULL, 0, NULL);
}

/* Contribute: the resources to send to the lead, built into a contribution. */
static void
contribute_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  StudioWindow *self = STUDIO_WINDOW (widget);
  StudioContributeDialog *dialog;

  if (self->store == NULL || studio_session_get_project_id (self->session) == NULL)
    return;
  dialog = studio_contribute_dialog_new (self->session);
  gtk_window_set_transient_for (GTK_WINDOW (dialog), GTK_WINDOW (self));
  gtk_window_present (GTK_WINDOW (dialog));
}

/* The deepest folded leaflet under @widget that shows a pane after its first goes back one: the
 * details of a page fold back onto its list before the page folds back onto the sidebar. */
static gboolean
navigate_back_in (GtkWidget *widget)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (gtk_widget_get_mapped (child) && navigate_back_in (child))
      return TRUE;

  return ADW_IS_LEAFLET (widget) && adw_leaflet_get_folded (ADW_LEAFLET (widget)) &&
         adw_leaflet_navigate (ADW_LEAFLET (widget), ADW_NAVIGATION_DIRECTION_BACK);
}

/* Escape in a narrow window: back from a page's details to its list, or from a page to the sidebar. */
static void
back_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  StudioWindow *self = STUDIO_WINDOW (widget);

  if (!gtk_widget_get_mapped (GTK_WIDGET (self->leaflet)))
    return;
  if (navigate_back_in (GTK_WIDGET (self->leaflet)))
    {
      GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self));

      /* The focus was in the pane that slid away: the one shown takes it. */
      if (focus == NULL || !gtk_widget_is_drawable (focus))
        gtk_widget_child_focus (GTK_WIDGET (self->leaflet), GTK_DIR_TAB_FORWARD);
    }
}

void
_studio_window_class_actions_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.create-demo", NULL, create_demo_action);
  gtk_widget_class_install_action (widget_class, "win.show-page", "s", show_page_action);
  gtk_widget_class_install_action (widget_class, "win.show-resources", "(sas)", show_resources_action);
  gtk_widget_class_install_action (widget_class, "win.switch-project", NULL, switch_project_action);
  gtk_widget_class_install_action (widget_class, "win.help", NULL, help_action);
  gtk_widget_class_install_action (widget_class, "win.show-help-overlay", NULL, show_help_overlay_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F1, 0, "win.help", NULL);
  gtk_widget_class_install_action (widget_class, "win.back", NULL, back_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "win.back", NULL);
  gtk_widget_class_install_action (widget_class, "win.new-project", NULL, new_project_action);
  gtk_widget_class_install_action (widget_class, "win.report", "s", report_action);
  gtk_widget_class_install_action (widget_class, "win.open-subject", "(sss)", open_subject_action);
  gtk_widget_class_install_action (widget_class, "win.run-checks", "s", run_checks_action);
  gtk_widget_class_install_action (widget_class, "win.show-conflicts", NULL, show_conflicts_action);
  gtk_widget_class_install_action (widget_class, "win.contribute", NULL, contribute_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_o, GDK_CONTROL_MASK, "win.switch-project", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK, "win.new-project", NULL);
}
