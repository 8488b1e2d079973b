/* studio-dossier-page.c — the project's dossier (申报书信息)
 *
 * The page edits the project's own fields, its majors, the industry chain it serves, its targets
 * (任务书/建设目标: planned numbers, with what the store holds now, read again as resources and
 * courses change), its usage statistics (studio-dossier-page-usage.c), its budget lines, milestones and
 * intellectual-property declarations. Every edit is written through to the
 * store at once; a refused value stays where it was typed, with the core's message beside it.
 * Adding records is in studio-dossier-page-actions.c; deletions and edits are
 * undone from the session's undo stack (Ctrl+Z).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "reslib-labels.h"
#include "reslib-store-targets.h"
#include "studio-dossier-page-private.h"
#include "studio-form.h"
#include "studio-tooltip.h"

G_DEFINE_FINAL_TYPE (StudioDossierPage, studio_dossier_page, STUDIO_TYPE_PAGE)

static const char * const level_labels[] = { N_("Secondary vocational"), N_("Higher vocational"), NULL };

static gboolean
is_required (StudioDossierPage *self,
             const char        *field)
{
  const ReslibRule *rule;
  JsonArray *fields;

  if (self->profile == NULL || (rule = reslib_profile_get_rule (self->profile, "project.dossier.required")) == NULL ||
      !json_object_has_member (rule->params, "fields"))
    return g_str_equal (field, "name");
  fields = json_object_get_array_member (rule->params, "fields");
  for (guint i = 0; i < json_array_get_length (fields); i++)
    if (g_strcmp0 (json_array_get_string_element (fields, i), field) == 0)
      return TRUE;

  return FALSE;
}

static const char *
unit_name (StudioDossierPage *self,
           const char        *id)
{
  const char *name = id != NULL ? g_hash_table_lookup (self->unit_names, id) : NULL;

  return name != NULL ? name : "";
}

static void
major_summary (StudioPage    *page,
               ReslibRecord  *major,
               char         **title,
               char         **subtitle)
{
  *title = g_strdup (reslib_record_get (major, "name"));
  /* Translators: a major's code and role, e.g. "460103 · Core major" */
  *subtitle = g_strdup_printf (_("%s · %s"), reslib_record_get (major, "code"),
                               reslib_label_major_role (reslib_record_get (major, "role")));
}

static void
budget_summary (StudioPage    *page,
                ReslibRecord  *line,
                char         **title,
                char         **subtitle)
{
  StudioDossierPage *self = STUDIO_DOSSIER_PAGE (page);
  g_autofree char *amount = studio_form_format_amount (reslib_record_get (line, "amount_cents"));
  const char *unit = unit_name (self, reslib_record_get (line, "unit_id"));

  /* Translators: a budget line's category and source of funds, e.g. "Resource development · Provincial funds" */
  *title = g_strdup_printf (_("%s · %s"), reslib_record_get (line, "category"), reslib_record_get (line, "source"));
  if (*unit != '\0')
    /* Translators: an amount in yuan and the unit that spends it */
    *subtitle = g_strdup_printf (_("%s yuan · %s"), amount, unit);
  else
    /* Translators: an amount in yuan */
    *subtitle = g_strdup_printf (_("%s yuan"), amount);
}

static void
milestone_summary (StudioPage    *page,
                   ReslibRecord  *milestone,
                   char         **title,
                   char         **subtitle)
{
  const char *due = reslib_record_get (milestone, "due_date");
  const char *done = reslib_record_get (milestone, "done_date");
  const char *deliverable = reslib_record_get (milestone, "deliverable");
  const char *quantity = reslib_record_get (milestone, "quantity");
  g_autofree char *when = NULL;

  *title = g_strdup (reslib_record_get (milestone, "title"));
  if (done != NULL)
    /* Translators: when a milestone was reached */
    when = g_strdup_printf (_("Done on %s"), done);
  else if (due != NULL)
    /* Translators: when a milestone is due */
    when = g_strdup_printf (_("Due on %s"), due);
  else
    when = g_strdup (_("No due date"));
  if (deliverable != NULL && quantity != NULL)
    /* Translators: a milestone's date, how many of its deliverable and the deliverable: "Due on 2027-06-30 · 3 × 标准化课程" */
    *subtitle = g_strdup_printf (_("%s · %s × %s"), when, quantity, deliverable);
  else if (deliverable != NULL)
    /* Translators: a milestone's date and its deliverable */
    *subtitle = g_strdup_printf (_("%s · %s"), when, deliverable);
  else
    *subtitle = g_steal_pointer (&when);
}

/**
 * _studio_dossier_page_describe_target:
 *
 * Returns: (transfer full): what a target counts, for people: "Resources of a type: Video"
 */
char *
_studio_dossier_page_describe_target (const char *kind,
                                      const char *resource_type,
                                      const char *course_title)
{
  if (resource_type != NULL)
    /* Translators: a target and what it is about, e.g. "Resources of a type: Video" */
    return g_strdup_printf (_("%s: %s"), reslib_label_target_kind (kind), reslib_label_resource_type (resource_type));
  if (course_title != NULL)
    return g_strdup_printf (_("%s: %s"), reslib_label_target_kind (kind), course_title);

  return g_strdup (reslib_label_target_kind (kind));
}

/* The actual number of a target against its plan, e.g. "12 of 20 planned · 60%". */
static char *
target_progress_text (const ReslibTargetProgress *t,
                      const char                 *planned_text)
{
  int percent = reslib_target_progress_percent (t);
  g_autofree char *actual = NULL;

  if (t->actual < 0)
    /* Translators: a target whose actual number the store cannot count; %s is the planned number */
    return g_strdup_printf (_("%s planned · not counted"), planned_text);
  actual = g_strdup_printf ("%" G_GINT64_FORMAT, t->actual);
  if (percent < 0)
    /* Translators: the actual number of a target and its planned number */
    return g_strdup_printf (_("%s of %s planned"), actual, planned_text);

  /* Translators: the actual number of a target, its planned number and the percentage reached */
  return g_strdup_printf (_("%s of %s planned · %d%%"), actual, planned_text, percent);
}

static void
target_summary (StudioPage    *page,
                ReslibRecord  *target,
                char         **title,
                char         **subtitle)
{
  StudioDossierPage *self = STUDIO_DOSSIER_PAGE (page);
  ReslibTargetProgress *t = g_hash_table_lookup (self->targets, reslib_record_get_id (target));
  const char *planned = reslib_record_get (target, "planned");

  *title = _studio_dossier_page_describe_target (reslib_record_get (target, "kind"),
                                                 reslib_record_get (target, "resource_type"),
                                                 t != NULL ? t->course_title : NULL);
  if (t != NULL)
    {
      /* The planned number as the row shows it now: it may have just been edited. */
      if (planned != NULL)
        t->planned = g_ascii_strtoll (planned, NULL, 10);
      *subtitle = target_progress_text (t, planned != NULL ? planned : "0");
    }
  else
    *subtitle = g_strdup ("");
}

/* Reads the targets' actual numbers again and shows them in the rows there are. */
static void
refresh_targets (StudioDossierPage *self)
{
  StudioPage *page = STUDIO_PAGE (self);
  g_autoptr(GPtrArray) targets = NULL;

  g_clear_handle_id (&self->targets_id, g_source_remove);
  if (studio_page_get_store (page) == NULL || studio_page_get_project_id (page) == NULL)
    return;
  targets = reslib_store_list_target_progress (studio_page_get_store (page), studio_page_get_project_id (page), NULL);
  if (targets == NULL)
    return;
  g_hash_table_remove_all (self->targets);
  for (guint i = 0; i < targets->len; i++)
    {
      ReslibTargetProgress *t = g_ptr_array_index (targets, i);

      g_hash_table_insert (self->targets, t->id, t);
    }
  g_ptr_array_set_free_func (targets, NULL);
  for (GtkWidget *c = gtk_widget_get_first_child (GTK_WIDGET (self->targets_list)); c != NULL;
       c = gtk_widget_get_next_sibling (c))
    {
      const char *id = g_object_get_data (G_OBJECT (c), "record-id");
      ReslibTargetProgress *t = id != NULL ? g_hash_table_lookup (self->targets, id) : NULL;
      g_autofree char *planned = NULL;
      g_autofree char *text = NULL;

      if (t == NULL || !ADW_IS_EXPANDER_ROW (c))
        continue;
      planned = g_strdup_printf ("%" G_GINT64_FORMAT, t->planned);
      text = target_progress_text (t, planned);
      adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (c), text);
    }
}

static gboolean
refresh_targets_idle_cb (gpointer data)
{
  StudioDossierPage *self = data;

  self->targets_id = 0;
  refresh_targets (self);

  return G_SOURCE_REMOVE;
}

static void
queue_refresh_targets (StudioDossierPage *self)
{
  if (self->targets_id == 0 && self->reload_id == 0)
    self->targets_id = g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, refresh_targets_idle_cb, self, NULL);
}

static void
declaration_summary (StudioPage    *page,
                     ReslibRecord  *declaration,
                     char         **title,
                     char         **subtitle)
{
  StudioDossierPage *self = STUDIO_DOSSIER_PAGE (page);
  const char *by = reslib_record_get (declaration, "signed_by");
  const char *on = reslib_record_get (declaration, "signed_on");

  *title = g_strdup (unit_name (self, reslib_record_get (declaration, "unit_id")));
  if (by != NULL && on != NULL)
    /* Translators: who signed a declaration and when */
    *subtitle = g_strdup_printf (_("Signed by %s on %s"), by, on);
  else if (by != NULL)
    *subtitle = g_strdup_printf (_("Signed by %s"), by);
  else
    *subtitle = g_strdup (_("Signer not filled in"));
}

static void
clear_all (StudioDossierPage *self)
{
  studio_form_clear_list (self->project_list, self->expanded);
  studio_form_clear_list (self->majors_list, self->expanded);
  studio_form_clear_list (self->served_list, self->expanded);
  studio_form_clear_list (self->industry_list, self->expanded);
  studio_form_clear_list (self->targets_list, self->expanded);
  studio_form_clear_list (self->budget_list, self->expanded);
  studio_form_clear_list (self->milestones_list, self->expanded);
  studio_form_clear_list (self->declarations_list, self->expanded);
  _studio_dossier_page_clear_usage (self);
  _studio_dossier_page_clear_evidence (self);
  g_hash_table_remove_all (self->unit_names);
  g_clear_pointer (&self->unit_ids, g_strfreev);
  g_clear_pointer (&self->unit_labels, g_strfreev);
  g_clear_pointer (&self->course_ids, g_strfreev);
  g_clear_pointer (&self->course_labels, g_strfreev);
  g_hash_table_remove_all (self->targets);
}

static void
show_project (StudioDossierPage *self,
              ReslibRecord      *project)
{
  StudioFormField fields[] = {
    { "name", _("Project name") },
    { "level", _("Level"), reslib_project_levels, NULL },
    { "start_date", _("Start date") },
    { "end_date", _("End date") },
    { "description", _("Description"), NULL, NULL, FALSE, TRUE },
    { "contact_name", _("Contact person") },
    { "contact_phone", _("Contact phone") },
    { "contact_email", _("Contact email") },
    /* Translators: the date from which the yearly update rate of the resources is counted */
    { "baseline_date", _("Baseline date") },
    /* Translators: how many resources the library had on the baseline date */
    { "baseline_count", _("Resources at baseline") },
  };
  const char *levels[G_N_ELEMENTS (level_labels)];

  for (guint i = 0; i < G_N_ELEMENTS (level_labels); i++)
    levels[i] = level_labels[i] != NULL ? _(level_labels[i]) : NULL;
  fields[1].labels = levels;

  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      fields[i].required = is_required (self, fields[i].field);
      gtk_list_box_append (self->project_list,
                           studio_field_row_new (STUDIO_PAGE (self), project, &fields[i], self->project_error, NULL));
    }
}

static void
industry_row_remove_cb (GtkButton         *button,
                        StudioDossierPage *self)
{
  g_autoptr(ReslibRecord) project = studio_page_get_project (STUDIO_PAGE (self));

  if (project != NULL)
    studio_form_clear_field (STUDIO_PAGE (self), project, "industry_chain", _("Industry or field removed"));
}

/* Where @chain stands in the profile's lists: a chain of the 7+28+N list, a field of the plan, free text. */
static char *
describe_chain (StudioDossierPage *self,
                const char        *chain)
{
  const char *cluster = NULL;

  if (self->profile == NULL)
    return g_strdup ("");
  switch (reslib_profile_classify_industry (self->profile, chain, &cluster))
    {
    case RESLIB_INDUSTRY_CLUSTER:
      return g_strdup (_("An industry cluster of the 7+28+N list"));
    case RESLIB_INDUSTRY_CHAIN:
      /* Translators: %s is an industry cluster, e.g. 新材料 */
      return g_strdup_printf (_("An industry chain of the %s cluster"), cluster);
    case RESLIB_INDUSTRY_FIELD:
      return g_strdup (_("A priority field of the work plan"));
    case RESLIB_INDUSTRY_NICHE:
      return g_strdup (_("A niche chain (N)"));
    case RESLIB_INDUSTRY_OTHER:
    default:
      return g_strdup (_("Written in: in none of the profile’s lists"));
    }
}

static void
show_industry (StudioDossierPage *self,
               ReslibRecord      *project)
{
  const char *chain = reslib_record_get (project, "industry_chain");
  g_autofree char *subtitle = NULL;
  GtkWidget *row, *button;

  if (chain == NULL)
    {
      gtk_list_box_append (self->industry_list, studio_form_placeholder (_("Not filled in")));
      return;
    }
  subtitle = describe_chain (self, chain);
  row = adw_action_row_new ();
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), chain);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  studio_set_accessible_label (row, chain);
  button = gtk_button_new_from_icon_name ("user-trash-symbolic");
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  studio_tooltip_set (button, _("Remove Industry or Field"));
  studio_set_accessible_label (button, _("Remove Industry or Field"));
  g_signal_connect (button, "clicked", G_CALLBACK (industry_row_remove_cb), self);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
  gtk_list_box_append (self->industry_list, row);
}

static void
fill_list (StudioDossierPage     *self,
           GtkListBox            *list,
           GListModel            *records,
           const char            *role,
           const StudioFormField *fields,
           guint                  n_fields,
           GtkLabel              *error_label,
           const char            *delete_label,
           StudioFormSummary      summary)
{
  guint shown = 0;

  for (guint i = 0; i < g_list_model_get_n_items (records); i++)
    {
      g_autoptr(ReslibRecord) record = g_list_model_get_item (records, i);

      if (role != NULL && g_strcmp0 (reslib_record_get (record, "role"), role) != 0)
        continue;
      gtk_list_box_append (list, studio_form_record_row (STUDIO_PAGE (self), record, fields, n_fields, error_label,
                                                         delete_label, self->expanded, summary, NULL));
      shown++;
    }
  if (shown == 0)
    gtk_list_box_append (list, studio_form_placeholder (role != NULL && g_str_equal (role, "core") ? _("Not filled in")
                                                                                                   : _("None yet")));
}

static void
show_budget_total (StudioDossierPage *self,
                   GListModel        *lines)
{
  g_autofree char *cents = NULL;
  g_autofree char *amount = NULL;
  g_autofree char *description = NULL;
  gint64 total = 0;

  for (guint i = 0; i < g_list_model_get_n_items (lines); i++)
    {
      g_autoptr(ReslibRecord) line = g_list_model_get_item (lines, i);

      total += reslib_record_get_int (line, "amount_cents", 0);
    }
  cents = g_strdup_printf ("%" G_GINT64_FORMAT, total);
  amount = studio_form_format_amount (cents);
  /* Translators: the sum of the budget lines, in yuan */
  description = g_strdup_printf (_("Total: %s yuan"), amount);
  adw_preferences_group_set_description (self->budget_group, description);
}

static void
reload (StudioDossierPage *self)
{
  StudioPage *page = STUDIO_PAGE (self);
  ReslibStore *store = studio_page_get_store (page);
  const char *id = studio_page_get_project_id (page);
  g_autoptr(ReslibRecord) project = NULL;
  g_autoptr(GListModel) units = NULL;
  g_autoptr(GListModel) majors = NULL;
  g_autoptr(GListModel) lines = NULL;
  g_autoptr(GListModel) targets = NULL;
  g_autoptr(GListModel) courses = NULL;
  g_autoptr(GStrvBuilder) course_ids = g_strv_builder_new ();
  g_autoptr(GStrvBuilder) course_labels = g_strv_builder_new ();
  g_autoptr(GListModel) milestones = NULL;
  g_autoptr(GListModel) declarations = NULL;
  g_autoptr(GStrvBuilder) ids = g_strv_builder_new ();
  g_autoptr(GStrvBuilder) labels = g_strv_builder_new ();
  g_autoptr(GStrvBuilder) required_ids = g_strv_builder_new ();
  g_autoptr(GStrvBuilder) required_labels = g_strv_builder_new ();
  g_auto(GStrv) decl_ids = NULL;
  g_auto(GStrv) decl_labels = NULL;
  g_autoptr(GError) error = NULL;

  g_clear_handle_id (&self->reload_id, g_source_remove);
  /* text typed in the project shown before goes to that project */
  _studio_dossier_page_flush_texts (self);
  g_hash_table_remove_all (self->expanded);
  clear_all (self);
  gtk_widget_set_sensitive (GTK_WIDGET (self), store != NULL && id != NULL);
  if (store == NULL || id == NULL)
    {
      _studio_dossier_page_show_texts (self);
      return;
    }

  project = reslib_store_get (store, RESLIB_KIND_PROJECT, id, &error);
  if (project == NULL)
    goto failed;
  show_project (self, project);
  show_industry (self, project);

  units = reslib_store_list (store, RESLIB_KIND_UNIT, id, &error);
  if (units == NULL)
    goto failed;
  /* Translators: a budget line that no particular unit spends */
  g_strv_builder_add (ids, "");
  g_strv_builder_add (labels, _("No particular unit"));
  for (guint i = 0; i < g_list_model_get_n_items (units); i++)
    {
      g_autoptr(ReslibRecord) unit = g_list_model_get_item (units, i);

      g_hash_table_insert (self->unit_names, g_strdup (reslib_record_get_id (unit)),
                           g_strdup (reslib_record_get (unit, "name")));
      g_strv_builder_add (ids, reslib_record_get_id (unit));
      g_strv_builder_add (labels, reslib_record_get (unit, "name"));
      g_strv_builder_add (required_ids, reslib_record_get_id (unit));
      g_strv_builder_add (required_labels, reslib_record_get (unit, "name"));
    }
  self->unit_ids = g_strv_builder_end (ids);
  self->unit_labels = g_strv_builder_end (labels);
  decl_ids = g_strv_builder_end (required_ids);
  decl_labels = g_strv_builder_end (required_labels);

  majors = reslib_store_list (store, RESLIB_KIND_MAJOR, id, &error);
  if (majors == NULL)
    goto failed;
  {
    /* Not "Major code": that names the add dialog's field. */
    const StudioFormField major_fields[] = {
      /* Translators: a major's code in the catalogue of majors */
      { "code", _("Code"), NULL, NULL, TRUE },
      /* Translators: a major's name */
      { "name", _("Name"), NULL, NULL, TRUE },
    };

    fill_list (self, self->majors_list, majors, "core", major_fields, G_N_ELEMENTS (major_fields), self->served_error,
               NULL, major_summary);
    fill_list (self, self->served_list, majors, "served", major_fields, G_N_ELEMENTS (major_fields), self->served_error,
               _("Delete Served Major"), major_summary);
  }

  courses = reslib_store_list (store, RESLIB_KIND_COURSE, id, &error);
  targets = courses != NULL ? reslib_store_list (store, RESLIB_KIND_TARGET, id, &error) : NULL;
  if (targets == NULL)
    goto failed;
  for (guint i = 0; i < g_list_model_get_n_items (courses); i++)
    {
      g_autoptr(ReslibRecord) course = g_list_model_get_item (courses, i);

      g_strv_builder_add (course_ids, reslib_record_get_id (course));
      g_strv_builder_add (course_labels, reslib_record_get (course, "title"));
    }
  self->course_ids = g_strv_builder_end (course_ids);
  self->course_labels = g_strv_builder_end (course_labels);
  refresh_targets (self);
  {
    const StudioFormField target_fields[] = {
      /* Translators: a target's planned number */
      { "planned", _("Planned"), NULL, NULL, TRUE },
      { "note", _("Note"), NULL, NULL, FALSE, TRUE },
    };

    fill_list (self, self->targets_list, targets, NULL, target_fields, G_N_ELEMENTS (target_fields),
               self->targets_error, _("Delete Target"), target_summary);
  }

  _studio_dossier_page_show_usage (self);
  _studio_dossier_page_show_texts (self);
  _studio_dossier_page_show_evidence (self);

  lines = reslib_store_list (store, RESLIB_KIND_BUDGET_LINE, id, &error);
  if (lines == NULL)
    goto failed;
  {
    g_auto(GStrv) sources = self->profile != NULL ? reslib_profile_list_budget_sources (self->profile) : NULL;
    const StudioFormField budget_fields[] = {
      { "unit_id", _("Unit"), (const char * const *) self->unit_ids, (const char * const *) self->unit_labels },
      { "source", _("Source of funds"), NULL, NULL, TRUE, FALSE, (const char * const *) sources },
      { "category", _("Category"), NULL, NULL, TRUE },
      /* Translators: the year of a budget line (年度) */
      { "year", _("Year") },
      { "amount_cents", _("Planned (yuan)"), NULL, NULL, TRUE },
      /* Translators: the money of a budget line that has arrived (到位) */
      { "received_cents", _("Received (yuan)") },
      { "spent_cents", _("Spent (yuan)") },
      { "note", _("Note"), NULL, NULL, FALSE, TRUE },
    };

    fill_list (self, self->budget_list, lines, NULL, budget_fields, G_N_ELEMENTS (budget_fields), self->budget_error,
               _("Delete Budget Line"), budget_summary);
    show_budget_total (self, lines);
  }

  milestones = reslib_store_list (store, RESLIB_KIND_MILESTONE, id, &error);
  if (milestones == NULL)
    goto failed;
  {
    const StudioFormField milestone_fields[] = {
      { "title", _("Milestone"), NULL, NULL, TRUE },
      { "due_date", _("Due date") },
      { "done_date", _("Done on") },
      /* Translators: what a milestone delivers (建设成果) */
      { "deliverable", _("Deliverable") },
      /* Translators: how many of a milestone's deliverable */
      { "quantity", _("Quantity") },
      /* Translators: the address where a milestone's deliverable can be seen (佐证链接) */
      { "evidence_url", _("Evidence link") },
      { "note", _("Note"), NULL, NULL, FALSE, TRUE },
    };

    fill_list (self, self->milestones_list, milestones, NULL, milestone_fields, G_N_ELEMENTS (milestone_fields),
               self->milestones_error, _("Delete Milestone"), milestone_summary);
  }

  declarations = reslib_store_list (store, RESLIB_KIND_DECLARATION, id, &error);
  if (declarations == NULL)
    goto failed;
  {
    const StudioFormField declaration_fields[] = {
      { "unit_id", _("Unit"), (const char * const *) decl_ids, (const char * const *) decl_labels },
      { "signed_by", _("Signed by"), NULL, NULL, TRUE },
      { "signed_on", _("Signed on"), NULL, NULL, TRUE },
      { "note", _("Note"), NULL, NULL, FALSE, TRUE },
    };

    fill_list (self, self->declarations_list, declarations, NULL, declaration_fields, G_N_ELEMENTS (declaration_fields),
               self->declarations_error, _("Delete Declaration"), declaration_summary);
  }

failed:
  g_hash_table_remove_all (self->expanded);
  if (error != NULL)
    studio_page_toast (page, error->message);
}

static gboolean
reload_idle_cb (gpointer data)
{
  StudioDossierPage *self = data;

  self->reload_id = 0;
  reload (self);

  return G_SOURCE_REMOVE;
}

static void
studio_dossier_page_project_changed (StudioPage *page)
{
  StudioDossierPage *self = STUDIO_DOSSIER_PAGE (page);
  g_autoptr(GError) error = NULL;

  /* The required fields and the 7+28+N list are the chosen profile's. */
  g_clear_object (&self->profile);
  self->profile = studio_page_get_profile (page, &error);
  if (self->profile == NULL)
    g_message ("The rule profile could not be read: %s", error->message);
  reload (self);
}

static void
studio_dossier_page_store_changed (StudioPage *page,
                                   ReslibKind  kind,
                                   const char *id)
{
  StudioDossierPage *self = STUDIO_DOSSIER_PAGE (page);

  /* A field this page just wrote is already shown as it is; only the budget's total changes with it. */
  if (studio_form_is_writing (page))
    {
      g_autoptr(GListModel) lines = NULL;

      if (kind == RESLIB_KIND_BUDGET_LINE &&
          (lines = reslib_store_list (studio_page_get_store (page), RESLIB_KIND_BUDGET_LINE,
                                      studio_page_get_project_id (page), NULL)) != NULL)
        show_budget_total (self, lines);
      if (kind == RESLIB_KIND_TARGET)
        queue_refresh_targets (self);
      return;
    }
  switch (kind)
    {
    case RESLIB_KIND_PROJECT:
    case RESLIB_KIND_MAJOR:
    case RESLIB_KIND_UNIT:
    case RESLIB_KIND_BUDGET_LINE:
    case RESLIB_KIND_MILESTONE:
    case RESLIB_KIND_DECLARATION:
    case RESLIB_KIND_TARGET:
    case RESLIB_KIND_COURSE:      /* the targets name their courses, and the Add Target dialog lists them */
      if (self->reload_id == 0)
        self->reload_id = g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, reload_idle_cb, self, NULL);
      break;
    case RESLIB_KIND_NODE:
    case RESLIB_KIND_RESOURCE:
      /* what the targets count: their actual numbers change, nothing else on the page */
      queue_refresh_targets (self);
      break;
    case RESLIB_KIND_MEMBER:
    case RESLIB_KIND_SUBMISSION:
    case RESLIB_N_KINDS:
    default:
      break;
    }
}

static void
studio_dossier_page_open_subject (StudioPage *page,
                                  ReslibKind  kind,
                                  const char *id)
{
  StudioDossierPage *self = STUDIO_DOSSIER_PAGE (page);
  GtkListBox *list = NULL;

  switch (kind)
    {
    case RESLIB_KIND_MAJOR: list = self->served_list; break;
    case RESLIB_KIND_BUDGET_LINE: list = self->budget_list; break;
    case RESLIB_KIND_MILESTONE: list = self->milestones_list; break;
    case RESLIB_KIND_DECLARATION: list = self->declarations_list; break;
    case RESLIB_KIND_TARGET: list = self->targets_list; break;
    case RESLIB_KIND_PROJECT:
      gtk_widget_grab_focus (GTK_WIDGET (self->project_list));
      return;
    case RESLIB_KIND_UNIT:
    case RESLIB_KIND_MEMBER:
    case RESLIB_KIND_COURSE:
    case RESLIB_KIND_NODE:
    case RESLIB_KIND_RESOURCE:
    case RESLIB_KIND_SUBMISSION:
    case RESLIB_N_KINDS:
    default:
      return;
    }
  for (GtkWidget *c = gtk_widget_get_first_child (GTK_WIDGET (list)); c != NULL; c = gtk_widget_get_next_sibling (c))
    if (g_strcmp0 (g_object_get_data (G_OBJECT (c), "record-id"), id) == 0)
      {
        adw_expander_row_set_expanded (ADW_EXPANDER_ROW (c), TRUE);
        gtk_widget_grab_focus (c);
      }
}

static void
studio_dossier_page_dispose (GObject *object)
{
  StudioDossierPage *self = STUDIO_DOSSIER_PAGE (object);

  g_clear_handle_id (&self->reload_id, g_source_remove);
  g_clear_handle_id (&self->targets_id, g_source_remove);
  _studio_dossier_page_dispose_texts (self);

  G_OBJECT_CLASS (studio_dossier_page_parent_class)->dispose (object);
}

static void
studio_dossier_page_finalize (GObject *object)
{
  StudioDossierPage *self = STUDIO_DOSSIER_PAGE (object);

  g_clear_object (&self->profile);
  g_clear_pointer (&self->expanded, g_hash_table_unref);
  g_clear_pointer (&self->unit_names, g_hash_table_unref);
  g_clear_pointer (&self->unit_ids, g_strfreev);
  g_clear_pointer (&self->unit_labels, g_strfreev);
  g_clear_pointer (&self->course_ids, g_strfreev);
  g_clear_pointer (&self->course_labels, g_strfreev);
  g_clear_pointer (&self->targets, g_hash_table_unref);
  g_clear_pointer (&self->evidence_path, g_free);

  G_OBJECT_CLASS (studio_dossier_page_parent_class)->finalize (object);
}

/* A teacher sees what the lead decided and changes none of it (it comes with the lead's packages); an
 * insensitive form has no focus, so neither its buttons nor its shortcuts act. */
static void
studio_dossier_page_lead_changed (StudioPage *page,
                                   gboolean    lead)
{
  StudioDossierPage *self = STUDIO_DOSSIER_PAGE (page);

  gtk_widget_set_sensitive (self->content_box, lead);
}

static void
studio_dossier_page_class_init (StudioDossierPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  StudioPageClass *page_class = STUDIO_PAGE_CLASS (klass);

  object_class->dispose = studio_dossier_page_dispose;
  object_class->finalize = studio_dossier_page_finalize;
  page_class->project_changed = studio_dossier_page_project_changed;
  page_class->lead_changed = studio_dossier_page_lead_changed;
  page_class->profile_changed = studio_dossier_page_project_changed;
  page_class->store_changed = studio_dossier_page_store_changed;
  page_class->open_subject = studio_dossier_page_open_subject;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/reslib/Studio/ui/studio-dossier-page.ui");
  gtk_widget_class_bind_template_child (widget_class, StudioDossierPage, content_box);
  gtk_widget_class_bind_template_child (widget_class, StudioDossierPage, project_list);
  gtk_widget_class_bind_template_child (widget_class, StudioDossierPage, project_error);
  gtk_widget_class_bind_template_child (widget_class, StudioDossierPage, majors_list);
  gtk_widget_class_bind_template_child (widget_class, StudioDossierPage, served_list);
  gtk_widget_class_bind_template_child (widget_class, StudioDossierPage, served_error);
  gtk_widget_class_bind_template_child (widget_class, StudioDossierPage, industry_list);
  gtk_widget_class_bind_template_child (widget_class, StudioDossierPage, industry_error);
  gtk_widget_class_bind_template_child (widget_class, StudioDossierPage, targets_list);
  gtk_widget_class_bind_template_child (widget_class, StudioDossierPage, usage_list);
  gtk_widget_class_bind_template_child (widget_class, StudioDossierPage, evidence_list);
  gtk_widget_class_bind_template_child (widget_class, StudioDossierPage, targets_error);
  gtk_widget_class_bind_template_child (widget_class, StudioDossierPage, budget_group);
  gtk_widget_class_bind_template_child (widget_class, StudioDossierPage, budget_list);
  gtk_widget_class_bind_template_child (widget_class, StudioDossierPage, budget_error);
  gtk_widget_class_bind_template_child (widget_class, StudioDossierPage, milestones_list);
  gtk_widget_class_bind_template_child (widget_class, StudioDossierPage, milestones_error);
  gtk_widget_class_bind_template_child (widget_class, StudioDossierPage, declarations_list);
  gtk_widget_class_bind_template_child (widget_class, StudioDossierPage, declarations_error);

  _studio_dossier_page_class_actions_init (widget_class);
  _studio_dossier_page_class_usage_init (widget_class);
  _studio_dossier_page_class_evidence_init (widget_class);
}

static void
studio_dossier_page_init (StudioDossierPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  _studio_dossier_page_add_texts (self);
  self->expanded = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->unit_names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->targets = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                         (GDestroyNotify) reslib_target_progress_free);
}
