/* studio-dossier-page-evidence.c — the Dossier page's evidence files (佐证材料): a row per file with what it is
 * evidence for, Attach Evidence… (a file, then its title and what it is for: the project, a milestone, a target,
 * a budget line or a narrative section) and each row's Remove, which the window's Undo takes back
 *
 * The file is copied into the store by a job (ReslibEvidenceAdder); the acceptance report lists the files in its
 * evidence index.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "reslib-enums.h"
#include "reslib-evidence.h"
#include "reslib-labels.h"
#include "reslib-store-evidence.h"
#include "studio-choose-file.h"
#include "studio-dossier-page-private.h"
#include "studio-form.h"
#include "studio-tooltip.h"

/* What the evidence is for, for people: "For the milestone “中期检查”" */
static char *
describe_attached (StudioDossierPage *self,
                   ReslibEvidence    *evidence)
{
  ReslibStore *store = studio_page_get_store (STUDIO_PAGE (self));
  g_autoptr(ReslibRecord) record = NULL;
  const char *name = NULL;

  if (evidence->section != NULL)
    /* Translators: what a file of evidence is for: a narrative section of the reports (建设基础) */
    return g_strdup_printf (_("For the section “%s”"), reslib_label_text_section (evidence->section));
  if (evidence->attached_id == NULL)
    return g_strdup (_("For the project as a whole"));
  record = reslib_store_get (store, evidence->attached_kind, evidence->attached_id, NULL);
  if (record != NULL && evidence->attached_kind == RESLIB_KIND_TARGET)
    /* the target's kind as people read it (题库题量), not as the store keeps it */
    name = reslib_label_target_kind (reslib_record_get (record, "kind"));
  else if (record != NULL)
    name = reslib_record_get (record, evidence->attached_kind == RESLIB_KIND_BUDGET_LINE ? "category" : "title");
  switch ((int) evidence->attached_kind)
    {
    case RESLIB_KIND_MILESTONE:
      /* Translators: what a file of evidence is for */
      return g_strdup_printf (_("For the milestone “%s”"), name != NULL ? name : "?");
    case RESLIB_KIND_BUDGET_LINE:
      /* Translators: what a file of evidence is for */
      return g_strdup_printf (_("For the budget line “%s”"), name != NULL ? name : "?");
    default:
      /* Translators: what a file of evidence is for: a target, named by its kind (题库题量) */
      return g_strdup_printf (_("For the target “%s”"), name != NULL ? name : "?");
    }
}

/* A row's Remove: the file goes from the index at once, and the toast's Undo (or Ctrl+Z) puts it back */
static void
remove_clicked_cb (GtkButton         *button,
                   StudioDossierPage *self)
{
  StudioPage *page = STUDIO_PAGE (self);
  const char *id = g_object_get_data (G_OBJECT (button), "evidence-id");
  const char *title = g_object_get_data (G_OBJECT (button), "evidence-title");
  g_autoptr(ReslibUndoStep) step = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  GtkWidget *first;
  gboolean had_focus;

  if (studio_page_get_store (page) == NULL || id == NULL)
    return;
  step = reslib_store_remove_evidence_undoable (studio_page_get_store (page), id, &error);
  if (step == NULL)
    {
      studio_page_show_error (page, _("The evidence could not be removed"), error);
      _studio_dossier_page_show_evidence (self);
      return;
    }
  /* Translators: a toast after an evidence file's Remove, with Undo; also what Ctrl+Z takes back */
  message = g_strdup_printf (_("“%s” removed"), title);
  had_focus = gtk_widget_has_focus (GTK_WIDGET (button));
  _studio_dossier_page_show_evidence (self);
  /* the button went with its row: the focus stays in the list rather than falling back to the window */
  if (had_focus && (first = gtk_widget_get_first_child (GTK_WIDGET (self->evidence_list))) != NULL)
    gtk_widget_grab_focus (first);
  studio_page_push_undo (page, step, message, message);
}

static GtkWidget *
evidence_row (StudioDossierPage *self,
              ReslibEvidence    *evidence)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *remove = gtk_button_new_from_icon_name ("user-trash-symbolic");
  g_autofree char *attached = describe_attached (self, evidence);
  g_autofree char *subtitle = NULL;
  g_autofree char *title = g_markup_escape_text (evidence->title, -1);
  g_autofree char *remove_label = NULL;

  /* Translators: a file of evidence: its file name and what it is for */
  subtitle = g_markup_printf_escaped (_("%s · %s"), evidence->file_name, attached);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  studio_set_accessible_label (row, evidence->title);
  /* Translators: the Remove button of an evidence file's row, named by the file's title */
  remove_label = g_strdup_printf (_("Remove “%s”"), evidence->title);
  studio_tooltip_set (remove, remove_label);
  studio_set_accessible_label (remove, remove_label);
  gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (remove, "flat");
  g_object_set_data_full (G_OBJECT (remove), "evidence-id", g_strdup (evidence->id), g_free);
  g_object_set_data_full (G_OBJECT (remove), "evidence-title", g_strdup (evidence->title), g_free);
  g_signal_connect_object (remove, "clicked", G_CALLBACK (remove_clicked_cb), self, 0);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), remove);

  return row;
}

void
_studio_dossier_page_clear_evidence (StudioDossierPage *self)
{
  GtkWidget *row;

  while ((row = gtk_widget_get_first_child (GTK_WIDGET (self->evidence_list))) != NULL)
    gtk_list_box_remove (self->evidence_list, row);
}

/**
 * _studio_dossier_page_show_evidence:
 *
 * Fills the evidence list with the project's evidence files, in the order of the evidence index.
 */
void
_studio_dossier_page_show_evidence (StudioDossierPage *self)
{
  StudioPage *page = STUDIO_PAGE (self);
  ReslibStore *store = studio_page_get_store (page);
  const char *project_id = studio_page_get_project_id (page);
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GError) error = NULL;

  _studio_dossier_page_clear_evidence (self);
  if (store == NULL || project_id == NULL)
    return;
  list = reslib_store_list_evidence (store, project_id, &error);
  if (list == NULL)
    {
      studio_page_toast (page, error->message);
      return;
    }
  for (guint i = 0; i < list->len; i++)
    gtk_list_box_append (self->evidence_list, evidence_row (self, g_ptr_array_index (list, i)));
  if (list->len == 0)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("No evidence"));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row),
                                   _("Attach the files that show a milestone reached: the acceptance report lists them in its evidence index"));
      gtk_widget_add_css_class (row, "dim-label");
      gtk_list_box_append (self->evidence_list, row);
    }
}

/* ---------------------------------------------------------------------------------------------- */
/* Attaching                                                                                       */

static void
attached_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      data)
{
  g_autoptr(StudioDossierPage) self = data;
  g_autoptr(GError) error = NULL;

  if (!reslib_job_run_finish (RESLIB_JOB (source), result, &error))
    {
      studio_page_show_error (STUDIO_PAGE (self), _("The evidence could not be attached"), error);
      return;
    }
  _studio_dossier_page_show_evidence (self);
  studio_page_toast (STUDIO_PAGE (self), _("Evidence attached"));
}

/* The choices of "Evidence for" are "" (the project), "milestone:ID", "target:ID", "budget_line:ID" and
 * "section:NICK" */
static const struct
{
  const char *prefix;
  ReslibKind  kind;
} owner_prefixes[] = {
  { "milestone:", RESLIB_KIND_MILESTONE },
  { "target:", RESLIB_KIND_TARGET },
  { "budget_line:", RESLIB_KIND_BUDGET_LINE },
};

static gboolean
submit_evidence (StudioPage          *page,
                 const char * const  *fields,
                 const char * const  *values,
                 GError             **error)
{
  StudioDossierPage *self = STUDIO_DOSSIER_PAGE (page);
  g_autoptr(ReslibEvidenceAdder) job = NULL;
  g_autoptr(GFile) file = NULL;
  const char *title = NULL;
  const char *owner = NULL;
  ReslibKind kind = RESLIB_KIND_PROJECT;
  const char *attached_id = NULL;
  const char *section = NULL;

  if (self->evidence_path == NULL || studio_page_get_store (page) == NULL || studio_page_get_project_id (page) == NULL)
    return TRUE;
  for (guint i = 0; fields[i] != NULL; i++)
    if (g_str_equal (fields[i], "title"))
      title = values[i];
    else if (g_str_equal (fields[i], "attached") && values[i] != NULL && *values[i] != '\0')
      owner = values[i];
  if (owner != NULL && g_str_has_prefix (owner, "section:"))
    section = owner + strlen ("section:");
  for (guint i = 0; owner != NULL && section == NULL && i < G_N_ELEMENTS (owner_prefixes); i++)
    if (g_str_has_prefix (owner, owner_prefixes[i].prefix))
      {
        kind = owner_prefixes[i].kind;
        attached_id = owner + strlen (owner_prefixes[i].prefix);
      }
  file = g_file_new_for_path (self->evidence_path);
  job = reslib_evidence_adder_new (studio_page_get_store (page), studio_page_get_project_id (page), file, title,
                                   kind, attached_id);
  reslib_evidence_adder_set_section (job, section);
  reslib_job_run_async (RESLIB_JOB (job), NULL, attached_cb, g_object_ref (self));
  studio_page_add_job (page, RESLIB_JOB (job));

  return TRUE;
}

/* The project's records of @kind as choices of "Evidence for": @prefix + id, and a label naming the record */
static void
add_owner_choices (StudioDossierPage *self,
                   ReslibKind         kind,
                   const char        *prefix,
                   GStrvBuilder      *ids,
                   GStrvBuilder      *labels)
{
  StudioPage *page = STUDIO_PAGE (self);
  g_autoptr(GListModel) records = reslib_store_list (studio_page_get_store (page), kind,
                                                     studio_page_get_project_id (page), NULL);

  for (guint i = 0; records != NULL && i < g_list_model_get_n_items (records); i++)
    {
      g_autoptr(ReslibRecord) r = g_list_model_get_item (records, i);
      g_autofree char *id = g_strconcat (prefix, reslib_record_get_id (r), NULL);
      g_autofree char *label = NULL;
      const char *type;

      switch ((int) kind)
        {
        case RESLIB_KIND_TARGET:
          type = reslib_record_get (r, "resource_type");
          if (type != NULL && *type != '\0')
            /* Translators: a choice of what a file of evidence is for: a target, its kind and resource type */
            label = g_strdup_printf (_("Target: %s (%s)"), reslib_label_target_kind (reslib_record_get (r, "kind")),
                                     reslib_label_resource_type (type));
          else
            /* Translators: a choice of what a file of evidence is for: a target, by its kind */
            label = g_strdup_printf (_("Target: %s"), reslib_label_target_kind (reslib_record_get (r, "kind")));
          break;
        case RESLIB_KIND_BUDGET_LINE:
          /* Translators: a choice of what a file of evidence is for: a budget line, its year and category */
          label = g_strdup_printf (_("Budget line: %s %s"),
                                   reslib_record_get (r, "year") != NULL ? reslib_record_get (r, "year") : "",
                                   reslib_record_get (r, "category"));
          break;
        default:
          /* Translators: a choice of what a file of evidence is for: a milestone, by its title */
          label = g_strdup_printf (_("Milestone: %s"), reslib_record_get (r, "title"));
          break;
        }
      g_strv_builder_add (ids, id);
      g_strv_builder_add (labels, label);
    }
}

/* dossier.attach-evidence-file(s): the file's title and what it is evidence for */
static void
attach_evidence_file_action (GtkWidget  *widget,
                             const char *action_name,
                             GVariant   *parameter)
{
  StudioDossierPage *self = STUDIO_DOSSIER_PAGE (widget);
  StudioPage *page = STUDIO_PAGE (widget);
  const char *path = g_variant_get_string (parameter, NULL);
  g_autoptr(GStrvBuilder) ids = g_strv_builder_new ();
  g_autoptr(GStrvBuilder) labels = g_strv_builder_new ();
  g_auto(GStrv) id_list = NULL;
  g_auto(GStrv) label_list = NULL;
  g_autofree char *name = g_path_get_basename (path);

  if (studio_page_get_store (page) == NULL || studio_page_get_project_id (page) == NULL || *path == '\0')
    return;
  g_strv_builder_add (ids, "");
  g_strv_builder_add (labels, _("The project as a whole"));
  add_owner_choices (self, RESLIB_KIND_MILESTONE, "milestone:", ids, labels);
  add_owner_choices (self, RESLIB_KIND_TARGET, "target:", ids, labels);
  add_owner_choices (self, RESLIB_KIND_BUDGET_LINE, "budget_line:", ids, labels);
  for (guint i = 0; reslib_text_section_nicks[i] != NULL; i++)
    {
      g_autofree char *id = g_strconcat ("section:", reslib_text_section_nicks[i], NULL);
      /* Translators: a choice of what a file of evidence is for: a narrative section of the reports */
      g_autofree char *label = g_strdup_printf (_("Section: %s"),
                                                reslib_label_text_section (reslib_text_section_nicks[i]));

      g_strv_builder_add (ids, id);
      g_strv_builder_add (labels, label);
    }
  id_list = g_strv_builder_end (ids);
  label_list = g_strv_builder_end (labels);
  g_free (self->evidence_path);
  self->evidence_path = g_strdup (path);
  {
    const StudioFormField fields[] = {
      /* Translators: what a file of evidence shows, as the evidence index lists it */
      { "title", _("Title") },
      /* Translators: what a file of evidence is for: the project, a milestone, a target, a budget line or a
       * section of the reports */
      { "attached", _("Evidence for"), (const char * const *) id_list, (const char * const *) label_list },
    };
    const char *initial[] = { name, "" };

    studio_form_dialog_present_full (page, _("Attach Evidence"),
                                     _("The file is copied into the library. The acceptance report lists it in its evidence index (佐证材料目录)."),
                                     _("_Attach"), fields, G_N_ELEMENTS (fields), initial, NULL, submit_evidence);
  }
}

/* dossier.attach-evidence: the file chooser */
static void
attach_evidence_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  studio_choose_file (widget, _("Attach Evidence"), _("_Attach"), NULL, 0, "dossier.attach-evidence-file");
}

void
_studio_dossier_page_class_evidence_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "dossier.attach-evidence", NULL, attach_evidence_action);
  gtk_widget_class_install_action (widget_class, "dossier.attach-evidence-file", "s", attach_evidence_file_action);
}
