/* studio-overview-page.c — the project at a glance
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "reslib-labels.h"
#include "studio-overview-page.h"

typedef enum
{
  STAT_RESOURCES,
  STAT_COURSES,
  STAT_POINTS,
  STAT_UNITS,
  STAT_MEMBERS,
  N_STATS
} Stat;

struct _StudioOverviewPage
{
  StudioPage  parent_instance;

  GtkLabel   *stat_values[N_STATS];
  guint       reload_id;

  /* Template children */
  GtkLabel   *project_name_label;
  GtkLabel   *project_details_label;
  GtkLabel   *project_description_label;
  GtkFlowBox *stats_box;
  GtkListBox *majors_list;
  GtkListBox *units_list;
};

G_DEFINE_FINAL_TYPE (StudioOverviewPage, studio_overview_page, STUDIO_TYPE_PAGE)

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
  studio_set_accessible_label (row, accessible);

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
set_stat (StudioOverviewPage *self,
          Stat                stat,
          guint               value)
{
  g_autofree char *text = g_strdup_printf ("%u", value);

  gtk_label_set_text (self->stat_values[stat], text);
}

static void
build_stats (StudioOverviewPage *self)
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

static guint
count_points (ReslibStore *store,
              GListModel  *courses,
              GError     **error)
{
  guint n = 0;

  for (guint i = 0; i < g_list_model_get_n_items (courses); i++)
    {
      g_autoptr(ReslibRecord) course = g_list_model_get_item (courses, i);
      g_autoptr(GListModel) nodes = reslib_store_list (store, RESLIB_KIND_NODE, reslib_record_get_id (course), error);

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
clear (StudioOverviewPage *self)
{
  gtk_list_box_bind_model (self->majors_list, NULL, NULL, NULL, NULL);
  gtk_list_box_bind_model (self->units_list, NULL, NULL, NULL, NULL);
  gtk_label_set_text (self->project_name_label, "");
  gtk_label_set_text (self->project_details_label, "");
  gtk_label_set_text (self->project_description_label, "");
  for (guint i = 0; i < N_STATS; i++)
    set_stat (self, i, 0);
}

static void
reload (StudioOverviewPage *self)
{
  StudioPage *page = STUDIO_PAGE (self);
  ReslibStore *store = studio_page_get_store (page);
  const char *id = studio_page_get_project_id (page);
  g_autoptr(ReslibRecord) project = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) majors = NULL;
  g_autoptr(GListModel) units = NULL;
  g_autoptr(GListModel) courses = NULL;
  g_autofree char *details = NULL;
  const char *start, *end, *description;

  clear (self);
  if (store == NULL || id == NULL)
    return;
  project = reslib_store_get (store, RESLIB_KIND_PROJECT, id, &error);
  if (project == NULL)
    goto failed;

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

  majors = reslib_store_list (store, RESLIB_KIND_MAJOR, id, &error);
  if (majors == NULL)
    goto failed;
  gtk_list_box_bind_model (self->majors_list, majors, create_major_row, self, NULL);

  units = reslib_store_list (store, RESLIB_KIND_UNIT, id, &error);
  if (units == NULL)
    goto failed;
  gtk_list_box_bind_model (self->units_list, units, create_unit_row, self, NULL);

  courses = reslib_store_list (store, RESLIB_KIND_COURSE, id, &error);
  if (courses == NULL)
    goto failed;

  set_stat (self, STAT_RESOURCES, reslib_store_count (store, RESLIB_KIND_RESOURCE, id, &error));
  if (error != NULL)
    goto failed;
  set_stat (self, STAT_COURSES, g_list_model_get_n_items (courses));
  set_stat (self, STAT_UNITS, g_list_model_get_n_items (units));
  set_stat (self, STAT_MEMBERS, reslib_store_count (store, RESLIB_KIND_MEMBER, id, &error));
  if (error != NULL)
    goto failed;
  set_stat (self, STAT_POINTS, count_points (store, courses, &error));

failed:
  /* What could be read is shown; the failure is told in a toast. */
  if (error != NULL)
    studio_page_toast (page, error->message);
}

static gboolean
reload_idle_cb (gpointer data)
{
  StudioOverviewPage *self = data;

  self->reload_id = 0;
  reload (self);

  return G_SOURCE_REMOVE;
}

static void
studio_overview_page_project_changed (StudioPage *page)
{
  reload (STUDIO_OVERVIEW_PAGE (page));
}

/* Many changes come in bursts (an import): read once, when they are over. */
static void
studio_overview_page_store_changed (StudioPage *page,
                                    ReslibKind  kind,
                                    const char *id)
{
  StudioOverviewPage *self = STUDIO_OVERVIEW_PAGE (page);

  if (self->reload_id == 0)
    self->reload_id = g_idle_add_full (G_PRIORITY_LOW, reload_idle_cb, self, NULL);
}

static void
studio_overview_page_dispose (GObject *object)
{
  StudioOverviewPage *self = STUDIO_OVERVIEW_PAGE (object);

  g_clear_handle_id (&self->reload_id, g_source_remove);

  G_OBJECT_CLASS (studio_overview_page_parent_class)->dispose (object);
}

static void
studio_overview_page_class_init (StudioOverviewPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  StudioPageClass *page_class = STUDIO_PAGE_CLASS (klass);

  object_class->dispose = studio_overview_page_dispose;
  page_class->project_changed = studio_overview_page_project_changed;
  page_class->store_changed = studio_overview_page_store_changed;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/reslib/Studio/ui/studio-overview-page.ui");
  gtk_widget_class_bind_template_child (widget_class, StudioOverviewPage, project_name_label);
  gtk_widget_class_bind_template_child (widget_class, StudioOverviewPage, project_details_label);
  gtk_widget_class_bind_template_child (widget_class, StudioOverviewPage, project_description_label);
  gtk_widget_class_bind_template_child (widget_class, StudioOverviewPage, stats_box);
  gtk_widget_class_bind_template_child (widget_class, StudioOverviewPage, majors_list);
  gtk_widget_class_bind_template_child (widget_class, StudioOverviewPage, units_list);
}

static void
studio_overview_page_init (StudioOverviewPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  build_stats (self);
}
