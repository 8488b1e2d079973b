/* studio-overview-page.c — the project at a glance
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "reslib-labels.h"
#include "reslib-store-stats.h"
#include "studio-chart.h"
#include "studio-overview-page.h"
#include "studio-checks-page.h"

#define N_MONTHS            12

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
  StudioChart  *type_chart;
  StudioChart  *course_chart;
  StudioChart  *points_chart;
  StudioChart  *monthly_chart;
  AdwActionRow *points_target_row;
  GtkLevelBar  *points_target_bar;
  AdwActionRow *approved_target_row;
  GtkLevelBar  *approved_target_bar;
  AdwActionRow *upkeep_target_row;
  GtkLevelBar  *upkeep_target_bar;
  AdwActionRow *last_check_row;
  GtkWidget    *conflicts_list;
  AdwActionRow *conflicts_row;

  /* Template children */
  GtkLabel   *project_name_label;
  GtkLabel   *project_details_label;
  GtkLabel   *project_description_label;
  GtkFlowBox *stats_box;
  GtkFlowBox *report_box;
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
        g_ptr_array_add (parts, g_strdup (reslib_label_unit_role ("host")));
    }
  else
    g_ptr_array_add (parts, g_strdup (reslib_label_unit_role ("participant")));
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

/* A target row: "N of M" and a level bar, or a placeholder when the target or the count is not known. */
static void
set_target (AdwActionRow *row,
            GtkLevelBar  *bar,
            guint         done,
            guint         target,
            const char   *missing)
{
  g_autofree char *text = NULL;

  if (missing != NULL)
    {
      adw_action_row_set_subtitle (row, missing);
      gtk_widget_set_visible (GTK_WIDGET (bar), FALSE);
      return;
    }
  /* Translators: progress towards a target, e.g. "12 of 40" */
  text = g_strdup_printf (_("%u of %u"), done, target);
  adw_action_row_set_subtitle (row, text);
  gtk_level_bar_set_max_value (bar, MAX (target, 1));
  gtk_level_bar_set_value (bar, MIN (done, MAX (target, 1)));
  gtk_widget_set_visible (GTK_WIDGET (bar), TRUE);
}

/* The yearly update: resources added or given a new version of their file since the last anniversary of
 * the baseline date (edits of metadata do not count), against the profile's rate of the baseline count. */
static void
show_upkeep (StudioOverviewPage *self,
             ReslibStore        *store,
             ReslibRecord       *project,
             ReslibProfile      *profile)
{
  const char *baseline_date = reslib_record_get (project, "baseline_date");
  gint64 baseline_count = reslib_record_get_int (project, "baseline_count", -1);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GError) error = NULL;
  GDate start, today, next;
  char from[16], to[16];
  double rate;
  guint changed;

  rate = profile != NULL ? reslib_profile_get_upkeep_rate (profile) : 0;
  if (rate <= 0)
    {
      set_target (self->upkeep_target_row, self->upkeep_target_bar, 0, 0, _("The rule profile sets no yearly update rate"));
      return;
    }
  g_date_clear (&today, 1);
  g_date_set_dmy (&today, g_date_time_get_day_of_month (now), g_date_time_get_month (now), g_date_time_get_year (now));
  if (!reslib_parse_date (baseline_date, &start) || baseline_count <= 0)
    {
      set_target (self->upkeep_target_row, self->upkeep_target_bar, 0, 0,
                  /* Translators: the baseline (验收日期, 验收时资源总量) of the yearly update rate, set on the Dossier page */
                  _("Not known: set the baseline date and count on the Dossier page"));
      return;
    }
  if (g_date_compare (&today, &start) < 0)
    {
      set_target (self->upkeep_target_row, self->upkeep_target_bar, 0, 0, _("The baseline date is still to come"));
      return;
    }
  /* The current year of the period: from the last anniversary of the baseline date. */
  next = start;
  g_date_add_years (&next, 1);
  while (g_date_compare (&next, &today) <= 0)
    {
      start = next;
      g_date_add_years (&next, 1);
    }
  g_date_strftime (from, sizeof from, "%Y-%m-%d", &start);
  g_date_strftime (to, sizeof to, "%Y-%m-%d", &next);
  changed = reslib_store_count_renewed_resources (store, studio_page_get_project_id (STUDIO_PAGE (self)), from, to, &error);
  if (error != NULL)
    {
      set_target (self->upkeep_target_row, self->upkeep_target_bar, 0, 0, error->message);
      return;
    }
  set_target (self->upkeep_target_row, self->upkeep_target_bar, changed, reslib_upkeep_needed (rate, baseline_count), NULL);
}

static void
show_last_check (StudioOverviewPage *self)
{
  const char *id = studio_page_get_project_id (STUDIO_PAGE (self));
  g_autoptr(GDateTime) time = NULL;
  g_autoptr(GDateTime) local = NULL;
  g_autofree char *when = NULL;
  g_autofree char *subtitle = NULL;
  guint counts[3] = { 0 };

  if (!studio_checks_get_last_check (studio_page_get_store (STUDIO_PAGE (self)), id,
                                     &time, &counts[0], &counts[1], &counts[2]))
    {
      adw_action_row_set_subtitle (self->last_check_row, _("Not checked yet"));
      return;
    }
  local = time != NULL ? g_date_time_to_local (time) : NULL;
  when = local != NULL ? g_date_time_format (local, "%Y-%m-%d %H:%M") : g_strdup ("—");
  /* Translators: the result of the last check: its time, then how many errors, warnings and notes */
  subtitle = g_strdup_printf (_("%s · errors: %d, warnings: %d, notes: %d"),
                              when, (int) counts[0], (int) counts[1], (int) counts[2]);
  adw_action_row_set_subtitle (self->last_check_row, subtitle);
}

static void
show_charts (StudioOverviewPage *self,
             ReslibProjectStats *stats,
             GArray             *months)
{
  guint n_types = g_strv_length ((char **) reslib_resource_types);
  guint n_courses = stats->courses->len;
  g_autofree const char **labels = g_new0 (const char *, MAX (n_types, MAX (n_courses, months->len)) + 1);
  g_autofree double *first = g_new0 (double, MAX (n_types, MAX (n_courses, months->len)) + 1);
  g_autofree double *second = g_new0 (double, MAX (n_types, MAX (n_courses, months->len)) + 1);

  /* Resources by type: every type, in the usual order (none yet: the placeholder). */
  if (stats->n_resources > 0)
    {
      for (guint i = 0; i < n_types; i++)
        {
          labels[i] = reslib_label_resource_type (reslib_resource_types[i]);
          first[i] = GPOINTER_TO_UINT (g_hash_table_lookup (stats->by_type, reslib_resource_types[i]));
        }
      studio_chart_set_data (self->type_chart, n_types, labels, first, NULL);
    }
  else
    studio_chart_clear (self->type_chart);

  for (guint i = 0; i < n_courses; i++)
    {
      ReslibCourseStats *course = g_ptr_array_index (stats->courses, i);

      labels[i] = course->title;
      first[i] = course->n_resources;
    }
  studio_chart_set_data (self->course_chart, n_courses, labels, first, NULL);
  for (guint i = 0; i < n_courses; i++)
    {
      ReslibCourseStats *course = g_ptr_array_index (stats->courses, i);
      guint linked = course->n_knowledge_linked + course->n_skills_linked;

      first[i] = linked;
      second[i] = course->n_knowledge + course->n_skills - linked;
    }
  studio_chart_set_data (self->points_chart, n_courses, labels, first, second);

  for (guint i = 0; i < months->len; i++)
    {
      labels[i] = g_array_index (months, ReslibMonthCount, i).month;
      first[i] = g_array_index (months, ReslibMonthCount, i).count;
    }
  studio_chart_set_data (self->monthly_chart, months->len, labels, first, NULL);
}

static void
clear_charts (StudioOverviewPage *self)
{
  studio_chart_clear (self->type_chart);
  studio_chart_clear (self->course_chart);
  studio_chart_clear (self->points_chart);
  studio_chart_clear (self->monthly_chart);
  set_target (self->points_target_row, self->points_target_bar, 0, 0, _("Not known"));
  set_target (self->approved_target_row, self->approved_target_bar, 0, 0, _("Not known"));
  set_target (self->upkeep_target_row, self->upkeep_target_bar, 0, 0, _("Not known"));
  adw_action_row_set_subtitle (self->last_check_row, _("Not checked yet"));
}

static void
clear (StudioOverviewPage *self)
{
  gtk_list_box_bind_model (self->majors_list, NULL, NULL, NULL, NULL);
  gtk_list_box_bind_model (self->units_list, NULL, NULL, NULL, NULL);
  gtk_widget_set_visible (self->conflicts_list, FALSE);
  gtk_label_set_text (self->project_name_label, "");
  gtk_label_set_text (self->project_details_label, "");
  gtk_label_set_text (self->project_description_label, "");
  for (guint i = 0; i < N_STATS; i++)
    gtk_label_set_text (self->stat_values[i], "—");
  clear_charts (self);
}

/* A project with conflicts to resolve says how many, with Resolve… (win.show-conflicts). */
static void
show_conflicts (StudioOverviewPage *self,
                ReslibStore        *store,
                const char         *project_id)
{
  guint n = store != NULL && project_id != NULL ? reslib_store_count_conflicts (store, project_id, NULL) : 0;
  g_autofree char *title = NULL;

  gtk_widget_set_visible (self->conflicts_list, n > 0);
  if (n == 0)
    return;
  /* Translators: on the Overview, when imported packages left conflicts */
  title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u conflict to resolve", "%u conflicts to resolve", n), n);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->conflicts_row), title);
  studio_set_accessible_label (self->conflicts_row, title);
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
  g_autoptr(ReslibProjectStats) stats = NULL;
  g_autoptr(GArray) months = NULL;
  g_autoptr(ReslibProfile) profile = NULL;
  g_autoptr(GError) profile_error = NULL;
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

  show_conflicts (self, store, id);

  majors = reslib_store_list (store, RESLIB_KIND_MAJOR, id, &error);
  if (majors == NULL)
    goto failed;
  gtk_list_box_bind_model (self->majors_list, majors, create_major_row, self, NULL);

  units = reslib_store_list (store, RESLIB_KIND_UNIT, id, &error);
  if (units == NULL)
    goto failed;
  gtk_list_box_bind_model (self->units_list, units, create_unit_row, self, NULL);

  stats = reslib_store_get_project_stats (store, id, &error);
  if (stats == NULL)
    goto failed;
  set_stat (self, STAT_RESOURCES, stats->n_resources);
  set_stat (self, STAT_COURSES, stats->courses->len);
  set_stat (self, STAT_POINTS, stats->n_points);
  set_stat (self, STAT_UNITS, stats->n_units);
  set_stat (self, STAT_MEMBERS, stats->n_members);

  months = reslib_store_count_monthly_additions (store, id, NULL, N_MONTHS, &error);
  if (months == NULL)
    goto failed;
  show_charts (self, stats, months);

  /* The targets of the rule profile */
  profile = studio_page_get_profile (page, &profile_error);
  if (profile != NULL && reslib_profile_get_rule (profile, "course.points.resources") != NULL)
    set_target (self->points_target_row, self->points_target_bar, stats->n_points_linked, stats->n_points,
                stats->n_points == 0 ? _("No knowledge or skill points yet") : NULL);
  else
    set_target (self->points_target_row, self->points_target_bar, 0, 0,
                profile_error != NULL ? profile_error->message : _("The rule profile sets no such target"));
  set_target (self->approved_target_row, self->approved_target_bar,
              GPOINTER_TO_UINT (g_hash_table_lookup (stats->by_state, "approved")), stats->n_resources,
              stats->n_resources == 0 ? _("No resources yet") : NULL);
  if (profile != NULL)
    show_upkeep (self, store, project, profile);
  else
    set_target (self->upkeep_target_row, self->upkeep_target_bar, 0, 0, profile_error->message);
  show_last_check (self);

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
  page_class->profile_changed = studio_overview_page_project_changed;
  page_class->store_changed = studio_overview_page_store_changed;

  g_type_ensure (STUDIO_TYPE_CHART);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/reslib/Studio/ui/studio-overview-page.ui");
  gtk_widget_class_bind_template_child (widget_class, StudioOverviewPage, project_name_label);
  gtk_widget_class_bind_template_child (widget_class, StudioOverviewPage, project_details_label);
  gtk_widget_class_bind_template_child (widget_class, StudioOverviewPage, project_description_label);
  gtk_widget_class_bind_template_child (widget_class, StudioOverviewPage, stats_box);
  gtk_widget_class_bind_template_child (widget_class, StudioOverviewPage, report_box);
  gtk_widget_class_bind_template_child (widget_class, StudioOverviewPage, majors_list);
  gtk_widget_class_bind_template_child (widget_class, StudioOverviewPage, units_list);
  gtk_widget_class_bind_template_child (widget_class, StudioOverviewPage, type_chart);
  gtk_widget_class_bind_template_child (widget_class, StudioOverviewPage, course_chart);
  gtk_widget_class_bind_template_child (widget_class, StudioOverviewPage, points_chart);
  gtk_widget_class_bind_template_child (widget_class, StudioOverviewPage, monthly_chart);
  gtk_widget_class_bind_template_child (widget_class, StudioOverviewPage, points_target_row);
  gtk_widget_class_bind_template_child (widget_class, StudioOverviewPage, points_target_bar);
  gtk_widget_class_bind_template_child (widget_class, StudioOverviewPage, approved_target_row);
  gtk_widget_class_bind_template_child (widget_class, StudioOverviewPage, approved_target_bar);
  gtk_widget_class_bind_template_child (widget_class, StudioOverviewPage, upkeep_target_row);
  gtk_widget_class_bind_template_child (widget_class, StudioOverviewPage, upkeep_target_bar);
  gtk_widget_class_bind_template_child (widget_class, StudioOverviewPage, last_check_row);
  gtk_widget_class_bind_template_child (widget_class, StudioOverviewPage, conflicts_list);
  gtk_widget_class_bind_template_child (widget_class, StudioOverviewPage, conflicts_row);
}

static void
studio_overview_page_init (StudioOverviewPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  /* The name can be selected with the mouse and copied; taking the focus would select all of it. */
  gtk_widget_set_focusable (GTK_WIDGET (self->project_name_label), FALSE);
  build_stats (self);

  studio_chart_set_title (self->type_chart, _("Resources by type"));
  studio_chart_set_placeholder (self->type_chart, _("No resources yet"));
  studio_chart_set_title (self->course_chart, _("Resources linked per course"));
  studio_chart_set_placeholder (self->course_chart, _("No courses yet"));
  studio_chart_set_title (self->points_chart, _("Knowledge and skill points per course"));
  studio_chart_set_placeholder (self->points_chart, _("No courses yet"));
  /* Translators: the two series of the chart of knowledge and skill points per course */
  studio_chart_set_series (self->points_chart, _("With resources"), _("Without resources"));
  studio_chart_set_title (self->monthly_chart, _("Resources added per month"));
  studio_chart_set_placeholder (self->monthly_chart, _("No project"));

  /* The buttons take the focus, not the boxes around them */
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->report_box)); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    gtk_widget_set_focusable (child, FALSE);

  /* One colour for every target: the bar shows how far, not a judgement */
  for (guint i = 0; i < 3; i++)
    {
      GtkLevelBar *bar = (GtkLevelBar *[]) { self->points_target_bar, self->approved_target_bar,
                                             self->upkeep_target_bar }[i];

      gtk_level_bar_remove_offset_value (bar, GTK_LEVEL_BAR_OFFSET_LOW);
      gtk_level_bar_remove_offset_value (bar, GTK_LEVEL_BAR_OFFSET_HIGH);
      gtk_level_bar_remove_offset_value (bar, GTK_LEVEL_BAR_OFFSET_FULL);
    }

  clear_charts (self);
}
