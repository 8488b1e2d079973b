/* studio-dossier-page-actions.c — the Dossier page's actions: adding records
 *
 * Each "Add" action asks for the new record in a form dialog; a refused record brings the form
 * back with what was typed and the core's message. The industry chain is a field of the project,
 * chosen from the rule profile's 7+28+N list or written as a niche chain.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "reslib-labels.h"
#include "reslib-store-targets.h"
#include "studio-dossier-page-private.h"
#include "studio-form.h"

static char *
insert_with_project (StudioPage          *page,
                     ReslibKind           kind,
                     const char * const  *fields,
                     const char * const  *values,
                     GError             **error)
{
  g_autoptr(GStrvBuilder) f = g_strv_builder_new ();
  g_autoptr(GStrvBuilder) v = g_strv_builder_new ();
  g_auto(GStrv) all_fields = NULL;
  g_auto(GStrv) all_values = NULL;

  g_strv_builder_add (f, "project_id");
  g_strv_builder_add (v, studio_page_get_project_id (page));
  for (guint i = 0; fields[i] != NULL; i++)
    {
      g_autofree char *cents = NULL;

      if (g_str_has_suffix (fields[i], "_cents"))
        {
          if (!studio_form_parse_amount (values[i], &cents, error))
            return NULL;
          g_strv_builder_add (f, fields[i]);
          g_strv_builder_add (v, cents != NULL ? cents : "");
          continue;
        }
      g_strv_builder_add (f, fields[i]);
      g_strv_builder_add (v, values[i]);
    }
  all_fields = g_strv_builder_end (f);
  all_values = g_strv_builder_end (v);

  return reslib_store_insert (studio_page_get_store (page), kind, (const char * const *) all_fields,
                              (const char * const *) all_values, error);
}

static gboolean
submit_served_major (StudioPage          *page,
                     const char * const  *fields,
                     const char * const  *values,
                     GError             **error)
{
  g_autofree char *text = g_strdup_printf ("%s:%s", values[0], values[1]);
  g_autofree char *code = NULL;
  g_autofree char *name = NULL;
  g_autofree char *id = NULL;

  if (!reslib_parse_code_name (text, &code, &name, error))
    return FALSE;
  id = insert_with_project (page, RESLIB_KIND_MAJOR, (const char * const[]) { "role", "code", "name", NULL },
                            (const char * const[]) { "served", code, name }, error);

  return id != NULL;
}

static void
add_served_major_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  const StudioFormField fields[] = {
    { "code", _("Major code") },
    { "name", _("Major name") },
  };

  studio_form_dialog_present (STUDIO_PAGE (widget), _("Add Served Major"),
                              _("A major the library serves besides its core major, with its code in the catalogue of vocational education majors."),
                              fields, G_N_ELEMENTS (fields), NULL, NULL, submit_served_major);
}

static gboolean
submit_industry_chain (StudioPage          *page,
                       const char * const  *fields,
                       const char * const  *values,
                       GError             **error)
{
  g_autofree char *chain = NULL;
  g_autoptr(ReslibRecord) project = studio_page_get_project (page);
  g_autoptr(ReslibUndoStep) step = NULL;

  /* From the list, else written in: a chain, a field or anything else, as the user wrote it */
  if (values[0] != NULL && *values[0] != '\0')
    chain = g_strdup (values[0]);
  else if (values[1] != NULL && *g_strstrip (g_strdup (values[1])) != '\0')
    chain = g_strstrip (g_strdup (values[1]));
  else
    {
      g_set_error (error, RESLIB_ERROR, RESLIB_ERROR_INVALID,
                   _("Choose an industry chain or a field of the list, or write the industry or field the project serves"));
      return FALSE;
    }
  if (project == NULL)
    {
      g_set_error (error, RESLIB_ERROR, RESLIB_ERROR_NOT_FOUND, _("The project is no longer in the store"));
      return FALSE;
    }

  step = reslib_store_update_record_undoable (studio_page_get_store (page), project, "industry_chain", chain, error);
  if (step == NULL)
    return FALSE;
  studio_page_push_undo (page, step, _("Industry or field"), NULL);

  return TRUE;
}

static void
add_industry_chain_action (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *parameter)
{
  StudioDossierPage *self = STUDIO_DOSSIER_PAGE (widget);
  JsonObject *industry = self->profile != NULL ? reslib_profile_get_object (self->profile, "industry") : NULL;
  JsonArray *clusters = industry != NULL ? json_object_get_array_member (industry, "clusters") : NULL;
  JsonArray *plan_fields = industry != NULL && json_object_has_member (industry, "fields")
                           ? json_object_get_array_member (industry, "fields") : NULL;
  g_autoptr(GStrvBuilder) values = g_strv_builder_new ();
  g_autoptr(GStrvBuilder) labels = g_strv_builder_new ();
  g_auto(GStrv) v = NULL;
  g_auto(GStrv) l = NULL;
  g_autoptr(ReslibRecord) project = studio_page_get_project (STUDIO_PAGE (self));
  const char *current = project != NULL ? reslib_record_get (project, "industry_chain") : NULL;
  g_autofree char *body = NULL;

  g_strv_builder_add (values, "");
  /* Translators: in the list of industries and fields: the user writes one in the field below */
  g_strv_builder_add (labels, _("Another industry or field (write it below)"));
  for (guint i = 0; plan_fields != NULL && i < json_array_get_length (plan_fields); i++)
    {
      const char *name = json_object_get_string_member (json_array_get_object_element (plan_fields, i), "name");
      /* Translators: a priority field of the work plan in the list, e.g. "重点领域 › 托育" */
      g_autofree char *label = g_strdup_printf (_("Priority field › %s"), name);

      g_strv_builder_add (values, name);
      g_strv_builder_add (labels, label);
    }
  for (guint i = 0; clusters != NULL && i < json_array_get_length (clusters); i++)
    {
      JsonObject *cluster = json_array_get_object_element (clusters, i);
      const char *name = json_object_get_string_member (cluster, "name");
      JsonArray *chains = json_object_get_array_member (cluster, "chains");

      g_strv_builder_add (values, name);
      g_strv_builder_add (labels, name);
      for (guint j = 0; chains != NULL && j < json_array_get_length (chains); j++)
        {
          const char *chain = json_object_get_string_member (json_array_get_object_element (chains, j), "name");
          /* Translators: an industry chain under its cluster, e.g. "新材料 › 超硬材料" */
          g_autofree char *label = g_strdup_printf (_("%s › %s"), name, chain);

          g_strv_builder_add (values, chain);
          g_strv_builder_add (labels, label);
        }
    }
  v = g_strv_builder_end (values);
  l = g_strv_builder_end (labels);

  if (current != NULL)
    /* Translators: %s is the industry or field the project serves now */
    body = g_strdup_printf (_("A project serves one industry or field: this one replaces “%s”."), current);
  else
    body = g_strdup (_("Choose a priority field of the work plan or a cluster or chain of the province’s 7+28+N list, or write the industry or field the project serves."));

  {
    const StudioFormField fields[] = {
      { "industry_chain", _("Industry or field"), (const char * const *) v, (const char * const *) l },
      /* Translators: an industry or field outside the lists, written by the user */
      { "niche", _("Written in") },
    };

    studio_form_dialog_present (STUDIO_PAGE (self), _("Set Industry or Field"), body, fields, G_N_ELEMENTS (fields), NULL,
                                NULL, submit_industry_chain);
  }
}

static gboolean
submit_budget_line (StudioPage          *page,
                    const char * const  *fields,
                    const char * const  *values,
                    GError             **error)
{
  g_autofree char *id = insert_with_project (page, RESLIB_KIND_BUDGET_LINE, fields, values, error);

  return id != NULL;
}

static void
add_budget_line_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  StudioDossierPage *self = STUDIO_DOSSIER_PAGE (widget);
  g_auto(GStrv) sources = self->profile != NULL ? reslib_profile_list_budget_sources (self->profile) : NULL;
  const StudioFormField fields[] = {
    { "unit_id", _("Unit"), (const char * const *) self->unit_ids, (const char * const *) self->unit_labels },
    /* Translators: the year of a budget line (年度) */
    { "year", _("Year") },
    { "source", _("Source of funds"), NULL, NULL, FALSE, FALSE, (const char * const *) sources },
    { "category", _("Category") },
    { "amount_cents", _("Planned (yuan)") },
    { "note", _("Note") },
  };

  if (self->unit_ids == NULL)
    return;
  studio_form_dialog_present (STUDIO_PAGE (self), _("Add Budget Line"),
                              _("What the money comes from (e.g. provincial funds, school funds, enterprise support), what it is spent on, and how much."),
                              fields, G_N_ELEMENTS (fields), NULL, NULL, submit_budget_line);
}

/* A new target: its kind, the type or course it is about, the planned number. A target the project has
 * already is changed in its row, where the change can be undone. */
static gboolean
submit_target (StudioPage          *page,
               const char * const  *fields,
               const char * const  *values,
               GError             **error)
{
  ReslibStore *store = studio_page_get_store (page);
  const char *project_id = studio_page_get_project_id (page);
  const char *kind = values[0];
  const char *subject = g_strcmp0 (kind, "resource-type") == 0 ? values[1]
                        : g_strcmp0 (kind, "course-resources") == 0 ? values[2] : NULL;
  g_autofree char *existing = NULL;
  g_autofree char *id = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *planned_text = g_strstrip (g_strdup (values[3] != NULL ? values[3] : ""));
  gint64 planned;

  if (!g_ascii_string_to_signed (planned_text, 10, 0, G_MAXINT64, &planned, NULL))
    {
      g_set_error_literal (error, RESLIB_ERROR, RESLIB_ERROR_INVALID,
                           _("A planned number is a whole number of zero or more"));
      return FALSE;
    }
  existing = reslib_store_find_target (store, project_id, kind, subject, &local_error);
  if (existing != NULL)
    {
      g_set_error_literal (error, RESLIB_ERROR, RESLIB_ERROR_INVALID,
                           _("The project has this target already: change its planned number in the list"));
      return FALSE;
    }
  if (!g_error_matches (local_error, RESLIB_ERROR, RESLIB_ERROR_NOT_FOUND))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  id = reslib_store_set_target (store, project_id, kind, subject, planned,
                                values[4] != NULL && *values[4] != '\0' ? values[4] : NULL, NULL, error);
  if (id == NULL)
    return FALSE;
  {
    g_autoptr(ReslibUndoStep) step = reslib_undo_step_new_created (RESLIB_KIND_TARGET, (const char * const[]) { id, NULL });

    studio_page_push_undo (page, step, _("Add Target"), NULL);
  }

  return TRUE;
}

static void
add_target_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  StudioDossierPage *self = STUDIO_DOSSIER_PAGE (widget);
  g_autoptr(GStrvBuilder) kind_labels = g_strv_builder_new ();
  g_autoptr(GStrvBuilder) type_values = g_strv_builder_new ();
  g_autoptr(GStrvBuilder) type_labels = g_strv_builder_new ();
  g_autoptr(GStrvBuilder) course_values = g_strv_builder_new ();
  g_autoptr(GStrvBuilder) course_labels = g_strv_builder_new ();
  g_auto(GStrv) kl = NULL, tv = NULL, tl = NULL, cv = NULL, cl = NULL;

  if (self->course_ids == NULL)
    return;
  for (guint i = 0; reslib_target_kinds[i] != NULL; i++)
    g_strv_builder_add (kind_labels, reslib_label_target_kind (reslib_target_kinds[i]));
  /* Translators: in the Add Target dialog: the target is not about one type or course */
  g_strv_builder_add (type_values, "");
  g_strv_builder_add (type_labels, _("None"));
  for (guint i = 0; reslib_resource_types[i] != NULL; i++)
    {
      g_strv_builder_add (type_values, reslib_resource_types[i]);
      g_strv_builder_add (type_labels, reslib_label_resource_type (reslib_resource_types[i]));
    }
  g_strv_builder_add (course_values, "");
  g_strv_builder_add (course_labels, _("None"));
  for (guint i = 0; self->course_ids[i] != NULL; i++)
    {
      g_strv_builder_add (course_values, self->course_ids[i]);
      g_strv_builder_add (course_labels, self->course_labels[i]);
    }
  kl = g_strv_builder_end (kind_labels);
  tv = g_strv_builder_end (type_values);
  tl = g_strv_builder_end (type_labels);
  cv = g_strv_builder_end (course_values);
  cl = g_strv_builder_end (course_labels);
  {
    const StudioFormField fields[] = {
      { "kind", _("Target"), reslib_target_kinds, (const char * const *) kl },
      { "resource_type", _("Resource type"), (const char * const *) tv, (const char * const *) tl },
      { "course_id", _("Course"), (const char * const *) cv, (const char * const *) cl },
      { "planned", _("Planned") },
      { "note", _("Note") },
    };

    studio_form_dialog_present (STUDIO_PAGE (self), _("Add Target"),
                                _("A planned number of the task book (任务书). Resources of a type need the type, resources of a course the course; the other targets are for the whole project."),
                                fields, G_N_ELEMENTS (fields), NULL, NULL, submit_target);
  }
}

static gboolean
submit_milestone (StudioPage          *page,
                  const char * const  *fields,
                  const char * const  *values,
                  GError             **error)
{
  g_autofree char *id = insert_with_project (page, RESLIB_KIND_MILESTONE, fields, values, error);

  return id != NULL;
}

static void
add_milestone_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  const StudioFormField fields[] = {
    { "title", _("Milestone") },
    { "due_date", _("Due date") },
    { "deliverable", _("Deliverable") },
    { "quantity", _("Quantity") },
    { "note", _("Note") },
  };

  studio_form_dialog_present (STUDIO_PAGE (widget), _("Add Milestone"),
                              _("A step of the build plan, its due date (YYYY-MM-DD) and what it delivers."),
                              fields, G_N_ELEMENTS (fields), NULL, NULL, submit_milestone);
}

static gboolean
submit_declaration (StudioPage          *page,
                    const char * const  *fields,
                    const char * const  *values,
                    GError             **error)
{
  g_autofree char *id = insert_with_project (page, RESLIB_KIND_DECLARATION, fields, values, error);

  return id != NULL;
}

static void
add_declaration_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  StudioDossierPage *self = STUDIO_DOSSIER_PAGE (widget);

  if (self->unit_ids == NULL || self->unit_ids[1] == NULL)
    {
      studio_page_toast (STUDIO_PAGE (self), _("Add the units first, on the Units & Team page"));
      return;
    }
  {
    const StudioFormField fields[] = {
      { "unit_id", _("Unit"), (const char * const *) self->unit_ids + 1, (const char * const *) self->unit_labels + 1 },
      { "signed_by", _("Signed by") },
      { "signed_on", _("Signed on") },
      { "note", _("Note") },
    };

    studio_form_dialog_present (STUDIO_PAGE (self), _("Add Declaration"),
                                _("A unit’s signed declaration that its resources infringe no one’s rights and that it holds their copyright."),
                                fields, G_N_ELEMENTS (fields), NULL, NULL, submit_declaration);
  }
}

void
_studio_dossier_page_class_actions_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "dossier.add-served-major", NULL, add_served_major_action);
  gtk_widget_class_install_action (widget_class, "dossier.add-industry-chain", NULL, add_industry_chain_action);
  gtk_widget_class_install_action (widget_class, "dossier.add-budget-line", NULL, add_budget_line_action);
  gtk_widget_class_install_action (widget_class, "dossier.add-milestone", NULL, add_milestone_action);
  gtk_widget_class_install_action (widget_class, "dossier.add-target", NULL, add_target_action);
  gtk_widget_class_install_action (widget_class, "dossier.add-declaration", NULL, add_declaration_action);
}
