/* studio-window.c — the main window: a project's pages
 *
 * The window shows one project of the store at a time. Everything it shows
 * comes from the core's models (reslib_store_list, reslib_store_count); it
 * never talks to the database itself.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "reslib-labels.h"
#include "studio-resources.h"
#include "studio-window.h"

#define SETTINGS_SCHEMA_ID "io.github.reslib.Studio"

typedef enum
{
  STAT_RESOURCES,
  STAT_COURSES,
  STAT_POINTS,
  STAT_UNITS,
  STAT_MEMBERS,
  N_STATS
} Stat;

struct _StudioWindow
{
  AdwApplicationWindow  parent_instance;

  ReslibStore          *store;
  GSettings            *settings;       /* NULL when the schema is not installed */
  char                 *project_id;
  GtkLabel             *stat_values[N_STATS];

  /* Template children */
  AdwToastOverlay      *toast_overlay;
  GtkStack             *main_stack;
  AdwLeaflet           *leaflet;
  GtkWidget            *sidebar;
  GtkWidget            *content;
  GtkDropDown          *project_dropdown;
  GtkListBox           *sidebar_list;
  GtkListBoxRow        *overview_row;
  GtkListBoxRow        *resources_row;
  GtkLabel             *resources_badge;
  GtkButton            *back_button;
  AdwWindowTitle       *window_title;
  GtkMenuButton        *menu_button;
  GtkStack             *page_stack;
  GtkLabel             *project_name_label;
  GtkLabel             *project_details_label;
  GtkLabel             *project_description_label;
  GtkFlowBox           *stats_box;
  GtkListBox           *majors_list;
  GtkListBox           *units_list;
  GtkStack             *resources_stack;
  GtkColumnView        *resources_view;
  GtkColumnViewColumn  *title_column;
  GtkSingleSelection   *resources_selection;
  GtkSortListModel     *resources_sort;
  AdwStatusPage        *empty_status;
  GtkButton            *create_demo_button;
  GtkMenuButton        *empty_menu_button;
  AdwStatusPage        *error_status;
  GtkMenuButton        *error_menu_button;
};

G_DEFINE_FINAL_TYPE (StudioWindow, studio_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_STORE,
  PROP_PROJECT_ID,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* ---------------------------------------------------------------------------------------------- */
/* Helpers                                                                                         */

static GSettings *
settings_new (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;

  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, SETTINGS_SCHEMA_ID, TRUE);
  if (schema == NULL)
    {
      g_debug ("The GSettings schema %s is not installed: window state is not kept", SETTINGS_SCHEMA_ID);
      return NULL;
    }

  return g_settings_new_full (schema, NULL, NULL);
}

static void
set_accessible_label (gpointer    widget,
                      const char *label)
{
  gtk_accessible_update_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
}

/* Closures of the column view's cell templates. */
static char *
studio_window_resource_type_label (gpointer    item,
                                   const char *type)
{
  return g_strdup (reslib_label_resource_type (type));
}

static char *
studio_window_resource_state_label (gpointer    item,
                                    const char *state)
{
  return g_strdup (reslib_label_resource_state (state));
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

static GtkWidget *
new_row (const char *title,
         const char *subtitle)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *accessible = NULL;

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  accessible = subtitle != NULL && *subtitle != '\0' ? g_strdup_printf ("%s, %s", title, subtitle) : g_strdup (title);
  set_accessible_label (row, accessible);

  return row;
}

static GtkWidget *
create_major_row (gpointer item,
                  gpointer user_data)
{
  ReslibRecord *major = item;
  g_autofree char *subtitle = NULL;

  /* Translators: a major's code and role, e.g. "460103 · Core major" */
  subtitle = g_strdup_printf (_("%s · %s"), reslib_record_get (major, "code"),
                              reslib_label_major_role (reslib_record_get (major, "role")));

  return new_row (reslib_record_get (major, "name"), subtitle);
}

static GtkWidget *
create_unit_row (gpointer item,
                 gpointer user_data)
{
  ReslibRecord *unit = item;
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  const char *credit_code = reslib_record_get (unit, "credit_code");
  g_autofree char *subtitle = NULL;

  if (g_strcmp0 (reslib_record_get (unit, "role"), "host") == 0)
    {
      gint64 rank = reslib_record_get_int (unit, "host_rank", 0);

      if (rank > 0)
        /* Translators: the rank of a host unit (主持单位), e.g. "Host unit 1" */
        g_ptr_array_add (parts, g_strdup_printf (_("Host unit %d"), (int) rank));
      else
        g_ptr_array_add (parts, g_strdup (_("Host unit")));
    }
  else
    g_ptr_array_add (parts, g_strdup (_("Participating unit")));
  g_ptr_array_add (parts, g_strdup (reslib_label_unit_kind (reslib_record_get (unit, "kind"))));
  if (credit_code != NULL)
    g_ptr_array_add (parts, g_strdup (credit_code));
  g_ptr_array_add (parts, NULL);
  subtitle = g_strjoinv (" · ", (char **) parts->pdata);

  return new_row (reslib_record_get (unit, "name"), subtitle);
}

static void
set_stat (StudioWindow *self,
          Stat          stat,
          guint         value)
{
  g_autofree char *text = g_strdup_printf ("%u", value);

  gtk_label_set_text (self->stat_values[stat], text);
}

static void
build_stats (StudioWindow *self)
{
  const char *captions[N_STATS] = {
    [STAT_RESOURCES] = _("Resources"),
    [STAT_COURSES] = _("Courses"),
    /* Translators: knowledge points and skill points (知识点、技能点) of the courses */
    [STAT_POINTS] = _("Knowledge and skill points"),
    [STAT_UNITS] = _("Units"),
    [STAT_MEMBERS] = _("Team members"),
  };

  for (guint i = 0; i < N_STATS; i++)
    {
      GtkWidget *card = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
      GtkWidget *value = gtk_label_new ("0");
      GtkWidget *caption = gtk_label_new (captions[i]);

      gtk_widget_add_css_class (card, "card");
      gtk_widget_add_css_class (card, "stat-card");
      gtk_widget_add_css_class (value, "stat-value");
      gtk_widget_add_css_class (caption, "dim-label");
      gtk_widget_add_css_class (caption, "caption");
      gtk_label_set_xalign (GTK_LABEL (value), 0);
      gtk_label_set_xalign (GTK_LABEL (caption), 0);
      gtk_label_set_wrap (GTK_LABEL (caption), TRUE);
      gtk_label_set_max_width_chars (GTK_LABEL (caption), 10);
      gtk_box_append (GTK_BOX (card), value);
      gtk_box_append (GTK_BOX (card), caption);
      gtk_flow_box_append (self->stats_box, card);
      gtk_widget_set_focusable (gtk_widget_get_parent (card), FALSE);
      self->stat_values[i] = GTK_LABEL (value);
    }
}

/* ---------------------------------------------------------------------------------------------- */
/* Showing a project                                                                               */

static void
report (StudioWindow *self,
        GError       *error)
{
  if (error != NULL)
    studio_window_add_toast (self, error->message);
}

static void
update_title (StudioWindow *self)
{
  GtkWidget *child = gtk_stack_get_visible_child (self->page_stack);
  const char *name = gtk_label_get_text (self->project_name_label);

  if (child != NULL)
    adw_window_title_set_title (self->window_title,
                                gtk_stack_page_get_title (gtk_stack_get_page (self->page_stack, child)));
  adw_window_title_set_subtitle (self->window_title, self->project_id != NULL ? name : NULL);
}

static guint
count_points (StudioWindow *self,
              GListModel   *courses,
              GError      **error)
{
  guint n = 0;

  for (guint i = 0; i < g_list_model_get_n_items (courses); i++)
    {
      g_autoptr(ReslibRecord) course = g_list_model_get_item (courses, i);
      g_autoptr(GListModel) nodes = reslib_store_list (self->store, RESLIB_KIND_NODE,
                                                       reslib_record_get_id (course), error);

      if (nodes == NULL)
        return n;
      for (guint j = 0; j < g_list_model_get_n_items (nodes); j++)
        {
          g_autoptr(ReslibRecord) node = g_list_model_get_item (nodes, j);
          const char *kind = reslib_record_get (node, "kind");

          if (g_strcmp0 (kind, "knowledge") == 0 || g_strcmp0 (kind, "skill") == 0)
            n++;
        }
    }

  return n;
}

static void
clear_project (StudioWindow *self)
{
  gtk_list_box_bind_model (self->majors_list, NULL, NULL, NULL, NULL);
  gtk_list_box_bind_model (self->units_list, NULL, NULL, NULL, NULL);
  gtk_sort_list_model_set_model (self->resources_sort, NULL);
  gtk_label_set_text (self->project_name_label, "");
  gtk_label_set_text (self->project_details_label, "");
  gtk_label_set_text (self->project_description_label, "");
  gtk_label_set_text (self->resources_badge, "");
  for (guint i = 0; i < N_STATS; i++)
    set_stat (self, i, 0);
}

static void
show_project (StudioWindow *self,
              ReslibRecord *project)
{
  const char *id = project != NULL ? reslib_record_get_id (project) : NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) majors = NULL;
  g_autoptr(GListModel) units = NULL;
  g_autoptr(GListModel) courses = NULL;
  g_autoptr(GListModel) resources = NULL;
  g_autofree char *details = NULL;
  g_autofree char *badge = NULL;
  const char *start, *end, *description;
  guint n_resources;

  if (g_strcmp0 (id, self->project_id) != 0)
    {
      g_free (self->project_id);
      self->project_id = g_strdup (id);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROJECT_ID]);
    }

  clear_project (self);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.switch-project", project != NULL);
  if (project == NULL)
    {
      gtk_stack_set_visible_child_name (self->main_stack, self->store != NULL ? "empty" : "error");
      update_title (self);
      return;
    }

  gtk_label_set_text (self->project_name_label, reslib_record_get (project, "name"));
  start = reslib_record_get (project, "start_date");
  end = reslib_record_get (project, "end_date");
  if (start != NULL && end != NULL)
    /* Translators: the project's level and build period, e.g. "Higher vocational · 2025-09-01 to 2026-09-01" */
    details = g_strdup_printf (_("%s · %s to %s"), reslib_label_project_level (reslib_record_get (project, "level")),
                               start, end);
  else
    details = g_strdup (reslib_label_project_level (reslib_record_get (project, "level")));
  gtk_label_set_text (self->project_details_label, details);
  description = reslib_record_get (project, "description");
  gtk_label_set_text (self->project_description_label, description != NULL ? description : "");
  gtk_widget_set_visible (GTK_WIDGET (self->project_description_label), description != NULL);

  majors = reslib_store_list (self->store, RESLIB_KIND_MAJOR, id, &error);
  if (majors == NULL)
    goto failed;
  gtk_list_box_bind_model (self->majors_list, majors, create_major_row, self, NULL);

  units = reslib_store_list (self->store, RESLIB_KIND_UNIT, id, &error);
  if (units == NULL)
    goto failed;
  gtk_list_box_bind_model (self->units_list, units, create_unit_row, self, NULL);

  courses = reslib_store_list (self->store, RESLIB_KIND_COURSE, id, &error);
  if (courses == NULL)
    goto failed;

  resources = reslib_store_list (self->store, RESLIB_KIND_RESOURCE, id, &error);
  if (resources == NULL)
    goto failed;
  n_resources = g_list_model_get_n_items (resources);
  gtk_sort_list_model_set_model (self->resources_sort, resources);
  gtk_stack_set_visible_child_name (self->resources_stack, n_resources > 0 ? "list" : "empty");
  badge = g_strdup_printf ("%u", n_resources);
  gtk_label_set_text (self->resources_badge, badge);

  set_stat (self, STAT_RESOURCES, n_resources);
  set_stat (self, STAT_COURSES, g_list_model_get_n_items (courses));
  set_stat (self, STAT_UNITS, g_list_model_get_n_items (units));
  set_stat (self, STAT_MEMBERS, reslib_store_count (self->store, RESLIB_KIND_MEMBER, id, &error));
  if (error != NULL)
    goto failed;
  set_stat (self, STAT_POINTS, count_points (self, courses, &error));
  if (error != NULL)
    goto failed;

  if (self->settings != NULL)
    g_settings_set_string (self->settings, "last-project", id);

failed:
  /* What could be read is shown; the failure is told in a toast. */
  report (self, error);
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
  const char *name = gtk_stack_get_visible_child_name (self->page_stack);
  GtkListBoxRow *row = g_strcmp0 (name, "resources") == 0 ? self->resources_row : self->overview_row;

  if (gtk_list_box_get_selected_row (self->sidebar_list) != row)
    gtk_list_box_select_row (self->sidebar_list, row);
  update_title (self);
}

static void
show_page_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  StudioWindow *self = STUDIO_WINDOW (widget);

  studio_window_show_page (self, g_variant_get_string (parameter, NULL));
  adw_leaflet_set_visible_child (self->leaflet, self->content);
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

/* ---------------------------------------------------------------------------------------------- */
/* GObject                                                                                         */

static gboolean
studio_window_close_request (GtkWindow *window)
{
  StudioWindow *self = STUDIO_WINDOW (window);

  if (self->settings != NULL)
    {
      gboolean maximized = gtk_window_is_maximized (window);
      int width, height;

      g_settings_delay (self->settings);
      if (!maximized)
        {
          gtk_window_get_default_size (window, &width, &height);
          if (width > 0 && height > 0)
            {
              g_settings_set_int (self->settings, "window-width", width);
              g_settings_set_int (self->settings, "window-height", height);
            }
        }
      g_settings_set_boolean (self->settings, "window-maximized", maximized);
      g_settings_apply (self->settings);
    }

  return GTK_WINDOW_CLASS (studio_window_parent_class)->close_request (window);
}

static void
studio_window_constructed (GObject *object)
{
  StudioWindow *self = STUDIO_WINDOW (object);
  g_autofree char *last = NULL;

  G_OBJECT_CLASS (studio_window_parent_class)->constructed (object);

  if (self->settings != NULL)
    {
      gtk_window_set_default_size (GTK_WINDOW (self),
                                   g_settings_get_int (self->settings, "window-width"),
                                   g_settings_get_int (self->settings, "window-height"));
      if (g_settings_get_boolean (self->settings, "window-maximized"))
        gtk_window_maximize (GTK_WINDOW (self));
      last = g_settings_get_string (self->settings, "last-project");
    }

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.create-demo", self->store != NULL);
  if (self->store != NULL)
    load_projects (self, last != NULL && *last != '\0' ? last : NULL);
  else
    show_project (self, NULL);
}

static void
studio_window_dispose (GObject *object)
{
  StudioWindow *self = STUDIO_WINDOW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), STUDIO_TYPE_WINDOW);
  g_clear_object (&self->store);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (studio_window_parent_class)->dispose (object);
}

static void
studio_window_finalize (GObject *object)
{
  StudioWindow *self = STUDIO_WINDOW (object);

  g_free (self->project_id);

  G_OBJECT_CLASS (studio_window_parent_class)->finalize (object);
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
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;

    case PROP_PROJECT_ID:
      g_value_set_string (value, self->project_id);
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
    case PROP_STORE:
      self->store = g_value_dup_object (value);
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
  object_class->finalize = studio_window_finalize;
  object_class->get_property = studio_window_get_property;
  object_class->set_property = studio_window_set_property;
  window_class->close_request = studio_window_close_request;

  /**
   * StudioWindow:store:
   *
   * The store whose projects the window shows; %NULL when it could not be opened.
   */
  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL,
                         RESLIB_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

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
  gtk_widget_class_bind_template_child (widget_class, StudioWindow, overview_row);
  gtk_widget_class_bind_template_child (widget_class, StudioWindow, resources_row);
  gtk_widget_class_bind_template_child (widget_class, StudioWindow, resources_badge);
  gtk_widget_class_bind_template_child (widget_class, StudioWindow, back_button);
  gtk_widget_class_bind_template_child (widget_class, StudioWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, StudioWindow, menu_button);
  gtk_widget_class_bind_template_child (widget_class, StudioWindow, page_stack);
  gtk_widget_class_bind_template_child (widget_class, StudioWindow, project_name_label);
  gtk_widget_class_bind_template_child (widget_class, StudioWindow, project_details_label);
  gtk_widget_class_bind_template_child (widget_class, StudioWindow, project_description_label);
  gtk_widget_class_bind_template_child (widget_class, StudioWindow, stats_box);
  gtk_widget_class_bind_template_child (widget_class, StudioWindow, majors_list);
  gtk_widget_class_bind_template_child (widget_class, StudioWindow, units_list);
  gtk_widget_class_bind_template_child (widget_class, StudioWindow, resources_stack);
  gtk_widget_class_bind_template_child (widget_class, StudioWindow, resources_view);
  gtk_widget_class_bind_template_child (widget_class, StudioWindow, title_column);
  gtk_widget_class_bind_template_child (widget_class, StudioWindow, resources_selection);
  gtk_widget_class_bind_template_child (widget_class, StudioWindow, resources_sort);
  gtk_widget_class_bind_template_child (widget_class, StudioWindow, empty_status);
  gtk_widget_class_bind_template_child (widget_class, StudioWindow, create_demo_button);
  gtk_widget_class_bind_template_child (widget_class, StudioWindow, empty_menu_button);
  gtk_widget_class_bind_template_child (widget_class, StudioWindow, error_status);
  gtk_widget_class_bind_template_child (widget_class, StudioWindow, error_menu_button);
  gtk_widget_class_bind_template_callback (widget_class, sidebar_row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, back_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, page_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, studio_window_resource_type_label);
  gtk_widget_class_bind_template_callback (widget_class, studio_window_resource_state_label);
  gtk_widget_class_bind_template_callback (widget_class, studio_window_project_created_label);

  gtk_widget_class_install_action (widget_class, "win.create-demo", NULL, create_demo_action);
  gtk_widget_class_install_action (widget_class, "win.show-page", "s", show_page_action);
  gtk_widget_class_install_action (widget_class, "win.switch-project", NULL, switch_project_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_1, GDK_ALT_MASK, "win.show-page", "s", "overview");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_2, GDK_ALT_MASK, "win.show-page", "s", "resources");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_o, GDK_CONTROL_MASK, "win.switch-project", NULL);
}

static void
studio_window_init (StudioWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->settings = settings_new ();
  gtk_sort_list_model_set_sorter (self->resources_sort, gtk_column_view_get_sorter (self->resources_view));
  g_signal_connect_swapped (self->project_dropdown, "notify::selected", G_CALLBACK (project_selected_cb), self);
  build_stats (self);
  gtk_list_box_select_row (self->sidebar_list, self->overview_row);
  update_title (self);
}

/* ---------------------------------------------------------------------------------------------- */
/* Public API                                                                                      */

/**
 * studio_window_new:
 * @app: (nullable): the application, or %NULL (in tests)
 * @store: (nullable): the open store, or %NULL when it could not be opened
 *
 * Returns: (transfer none): a new window showing the last project, or the first one;
 *   GTK keeps it until it is destroyed.
 */
StudioWindow *
studio_window_new (StudioApplication *app,
                   ReslibStore       *store)
{
  g_return_val_if_fail (app == NULL || STUDIO_IS_APPLICATION (app), NULL);
  g_return_val_if_fail (store == NULL || RESLIB_IS_STORE (store), NULL);

  return g_object_new (STUDIO_TYPE_WINDOW,
                       "application", app,
                       "store", store,
                       NULL);
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

  return self->project_id;
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

  return g_strcmp0 (self->project_id, project_id) == 0;
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

  id = g_strdup (self->project_id);
  load_projects (self, id);
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

  if (gtk_stack_get_child_by_name (self->page_stack, page) != NULL)
    gtk_stack_set_visible_child_name (self->page_stack, page);
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
