/* studio-checks-page.c — the findings of checking the project against the rule profile
 *
 * "Run Checks" probes new media files and validates the project in the core's
 * workers; the findings are listed grouped by rule (the rule's title, its
 * severity and how many; errors first), a group's findings shown when it is
 * expanded, filterable by severity and by subject; activating a finding shows
 * its subject on its page. The actions on the findings (Export…, Show
 * Resources, Set Licence…, Fill In…) are in studio-checks-page-actions.c. Each run is
 * kept in the store (check_runs), where the Overview reads the last one.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif

#include "studio-checks-page.h"
#include "studio-checks-page-private.h"
#include "studio-page-shortcut.h"
#include "reslib-store-checks.h"
#include "studio-check-group.h"
#include "studio-drop-down.h"

struct _StudioChecksPage
{
  StudioPage     parent_instance;

  GCancellable  *cancellable;
  ReslibFindingList *findings;    /* of the last check, errors first (the validator's), or NULL before one */
  GListStore    *groups;          /* of StudioCheckGroup: the findings that pass the filters, by rule */
  char          *checked_project; /* the project the findings are of */
  guint          counts[3];
  guint          recording;       /* runs being kept in the store by a worker */

  GtkLabel      *summary_label;
  GtkLabel      *detail_label;
  AdwStatusPage *empty_status;
  GtkSpinner    *spinner;
  GtkWidget     *cancel_button;
  GtkWidget     *run_button;
  GtkStack      *stack;
  GtkListView   *findings_view;
  GtkDropDown   *severity_filter;
  GtkDropDown   *subject_filter;
  GtkLabel      *shown_label;
  GtkSignalListItemFactory *findings_factory;
};

G_DEFINE_FINAL_TYPE (StudioChecksPage, studio_checks_page, STUDIO_TYPE_PAGE)

/* ---------------------------------------------------------------------------------------------- */
/* Helpers                                                                                         */

const char *
studio_checks_page_for_subject (const char *subject_kind)
{
  const ReslibEntity *entity = subject_kind != NULL ? reslib_entity_lookup (subject_kind) : NULL;

  if (entity == NULL)
    return NULL;
  switch (entity->kind)
    {
    case RESLIB_KIND_RESOURCE:
      return "resources";
    case RESLIB_KIND_UNIT:
    case RESLIB_KIND_MEMBER:
      return "team";
    case RESLIB_KIND_COURSE:
    case RESLIB_KIND_NODE:
      return "courses";
    case RESLIB_KIND_PROJECT:
    case RESLIB_KIND_MAJOR:
    case RESLIB_KIND_BUDGET_LINE:
    case RESLIB_KIND_MILESTONE:
    case RESLIB_KIND_DECLARATION:
    case RESLIB_KIND_TARGET:
      return "dossier";
    case RESLIB_KIND_SUBMISSION:
      return "submit";
    case RESLIB_N_KINDS:
    default:
      return NULL;
    }
}

static const char *
severity_heading (ReslibSeverity severity)
{
  switch (severity)
    {
    case RESLIB_SEVERITY_ERROR: return _("Errors");
    case RESLIB_SEVERITY_WARNING: return _("Warnings");
    case RESLIB_SEVERITY_INFO: return _("Notes");
    default: return "";
    }
}

static const char *
severity_icon (ReslibSeverity severity)
{
  switch (severity)
    {
    case RESLIB_SEVERITY_ERROR: return "dialog-error-symbolic";
    case RESLIB_SEVERITY_WARNING: return "dialog-warning-symbolic";
    case RESLIB_SEVERITY_INFO: return "dialog-information-symbolic";
    default: return NULL;
    }
}

static char *
format_counts (guint errors,
               guint warnings,
               guint notes)
{
  /* Translators: counts of a check's findings */
  return g_strdup_printf (_("Errors: %u, warnings: %u, notes: %u"), errors, warnings, notes);
}

/* ---------------------------------------------------------------------------------------------- */
/* The last check, per project, in the store                                                       */

gboolean
studio_checks_get_last_check (ReslibStore *store,
                              const char  *project_id,
                              GDateTime  **time,
                              guint       *errors,
                              guint       *warnings,
                              guint       *notes)
{
  g_autoptr(ReslibCheckRun) run = NULL;
  g_autoptr(GError) error = NULL;

  if (store == NULL || project_id == NULL)
    return FALSE;
  run = reslib_store_get_last_check_run (store, project_id, &error);
  if (run == NULL)
    {
      if (error != NULL)
        g_debug ("The last check of %s could not be read: %s", project_id, error->message);
      return FALSE;
    }
  if (time != NULL)
    *time = run->checked_at != NULL ? g_date_time_new_from_iso8601 (run->checked_at, NULL) : NULL;
  if (errors != NULL)
    *errors = run->n_errors;
  if (warnings != NULL)
    *warnings = run->n_warnings;
  if (notes != NULL)
    *notes = run->n_notes;

  return TRUE;
}

static void
check_kept_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(StudioChecksPage) self = user_data;
  g_autoptr(GError) error = NULL;

  self->recording--;
  if (!reslib_store_record_check_finish (result, &error))
    /* Translators: the findings are shown; only keeping them for the Overview failed */
    studio_page_show_error (STUDIO_PAGE (self), _("Could Not Keep the Check’s Result"), error);
}

/* Keeps the run for the Overview and the next start, written by a worker (reslib-store-checks.c). */
static void
remember_check (StudioChecksPage *self,
                const char       *project_id,
                ReslibProfile    *profile,
                GListModel       *findings)
{
  ReslibStore *store = studio_page_get_store (STUDIO_PAGE (self));

  if (store == NULL)
    return;
  self->recording++;
  reslib_store_record_check_async (store, project_id, profile, findings, NULL, check_kept_cb, g_object_ref (self));
}

static void
show_last_check (StudioChecksPage *self)
{
  const char *project_id = studio_page_get_project_id (STUDIO_PAGE (self));
  g_autoptr(GDateTime) time = NULL;
  guint counts[3] = { 0 };

  if (project_id != NULL &&
      studio_checks_get_last_check (studio_page_get_store (STUDIO_PAGE (self)), project_id,
                                    &time, &counts[0], &counts[1], &counts[2]))
    {
      g_autoptr(GDateTime) local = time != NULL ? g_date_time_to_local (time) : NULL;
      g_autofree char *when = local != NULL ? g_date_time_format (local, "%Y-%m-%d %H:%M") : g_strdup ("?");
      g_autofree char *summary = format_counts (counts[0], counts[1], counts[2]);
      g_autofree char *detail = NULL;

      gtk_label_set_text (self->summary_label, summary);
      /* Translators: %s is a date and time */
      detail = g_strdup_printf (_("Last checked %s. Run the checks again to see the findings."), when);
      gtk_label_set_text (self->detail_label, detail);
      /* The header says when the last check ran: the page below must not say none ran. */
      adw_status_page_set_title (self->empty_status, _("Findings Not Shown"));
      adw_status_page_set_description (self->empty_status,
                                       _("The findings of the last check are not kept. Run the checks to see them again."));
    }
  else
    {
      gtk_label_set_text (self->summary_label, _("Not checked yet"));
      gtk_label_set_text (self->detail_label, _("Checks the project against the province’s rules."));
      adw_status_page_set_title (self->empty_status, _("No Checks Run Yet"));
      adw_status_page_set_description (self->empty_status,
                                       _("Run the checks to find what the province’s rules still require of this project."));
    }
}

/* ---------------------------------------------------------------------------------------------- */
/* Rows                                                                                            */

static GtkWidget *
row_label (GtkWidget  *box,
           const char *name,
           const char *css_class)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);
  g_object_set_data (G_OBJECT (box), name, label);

  return label;
}

static GtkWidget *
row_button (GtkWidget  *box,
            const char *name,
            const char *label,
            const char *action)
{
  GtkWidget *button = gtk_button_new_with_mnemonic (label);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  /* The action is set with its target, when the row is bound. */
  g_object_set_data (G_OBJECT (button), "action", (gpointer) action);
  g_object_set_data (G_OBJECT (box), name, button);

  return button;
}

/* A row is a group (its icon, title, count and rule; buttons for what can be done about it) or, in an
 * expanded group, a finding (its message, subject and hint). */
static void
setup_finding_cb (GtkSignalListItemFactory *factory,
                  GtkListItem              *item,
                  gpointer                  user_data)
{
  GtkWidget *expander = gtk_tree_expander_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *icon = gtk_image_new ();
  GtkWidget *texts = gtk_box_new (GTK_ORIENTATION_VERTICAL, 3);
  GtkWidget *heading = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *buttons;

  gtk_widget_set_margin_top (box, 3);
  gtk_widget_set_margin_bottom (box, 3);
  gtk_widget_set_valign (icon, GTK_ALIGN_START);
  gtk_widget_set_hexpand (texts, TRUE);
  gtk_box_append (GTK_BOX (heading), row_label (box, "title", "heading"));
  gtk_box_append (GTK_BOX (heading), row_label (box, "count", "dim-label"));
  gtk_box_append (GTK_BOX (texts), heading);
  gtk_box_append (GTK_BOX (texts), row_label (box, "message", NULL));
  gtk_box_append (GTK_BOX (texts), row_label (box, "subject", "dim-label"));
  gtk_box_append (GTK_BOX (texts), row_label (box, "hint", "dim-label"));
  gtk_widget_add_css_class (g_object_get_data (G_OBJECT (box), "hint"), "caption");
  g_object_set_data (G_OBJECT (box), "heading", heading);
  g_object_set_data (G_OBJECT (box), "icon", icon);
  gtk_box_append (GTK_BOX (box), icon);
  gtk_box_append (GTK_BOX (box), texts);
  /* Under the texts, which keep the row's width: side by side when there is room, one above the other in a
   * narrow window. */
  buttons = gtk_flow_box_new ();
  gtk_flow_box_set_selection_mode (GTK_FLOW_BOX (buttons), GTK_SELECTION_NONE);
  gtk_flow_box_set_min_children_per_line (GTK_FLOW_BOX (buttons), 1);
  gtk_flow_box_set_max_children_per_line (GTK_FLOW_BOX (buttons), 2);
  gtk_flow_box_set_column_spacing (GTK_FLOW_BOX (buttons), 6);
  gtk_flow_box_set_row_spacing (GTK_FLOW_BOX (buttons), 6);
  gtk_widget_set_halign (buttons, GTK_ALIGN_START);
  /* A click on a row gives the focus to the first focusable widget in it: the row itself, as when its
   * buttons were beside the texts, not the flow box (and never an empty one, in a finding's row). The
   * buttons keep theirs: Tab reaches them. */
  gtk_widget_set_focusable (buttons, FALSE);
  gtk_flow_box_append (GTK_FLOW_BOX (buttons), row_button (box, "show", _("_Show Resources"), "checks.show-resources"));
  gtk_flow_box_append (GTK_FLOW_BOX (buttons), row_button (box, "fix", _("Set _Licence…"), "checks.set-licence"));
  gtk_flow_box_append (GTK_FLOW_BOX (buttons), row_button (box, "fill", _("_Fill In…"), "checks.fill-in"));
  for (GtkWidget *child = gtk_widget_get_first_child (buttons); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    gtk_widget_set_focusable (child, FALSE);
  gtk_box_append (GTK_BOX (texts), buttons);
  gtk_tree_expander_set_child (GTK_TREE_EXPANDER (expander), box);
  g_object_set_data (G_OBJECT (expander), "box", box);
  gtk_list_item_set_child (item, expander);
}

/* A row's button and the place the flow box keeps it in; the flow box only while it shows a button. */
static void
show_button (GtkWidget *button,
             gboolean   shown)
{
  GtkWidget *buttons = gtk_widget_get_parent (gtk_widget_get_parent (button));
  gboolean any = FALSE;

  gtk_widget_set_visible (button, shown);
  gtk_widget_set_visible (gtk_widget_get_parent (button), shown);
  for (GtkWidget *child = gtk_widget_get_first_child (buttons); child != NULL && !any;
       child = gtk_widget_get_next_sibling (child))
    any = gtk_widget_get_visible (child);
  gtk_widget_set_visible (buttons, any);
}

static void
set_severity_icon (GtkWidget      *icon,
                   ReslibSeverity  severity)
{
  gtk_image_set_from_icon_name (GTK_IMAGE (icon), severity_icon (severity));
  gtk_widget_remove_css_class (icon, "error");
  gtk_widget_remove_css_class (icon, "warning");
  if (severity == RESLIB_SEVERITY_ERROR)
    gtk_widget_add_css_class (icon, "error");
  else if (severity == RESLIB_SEVERITY_WARNING)
    gtk_widget_add_css_class (icon, "warning");
}

/* The key a group's buttons give their action: "SEVERITY RULE" */
static char *
group_key (StudioCheckGroup *group)
{
  return g_strdup_printf ("%d %s", (int) studio_check_group_get_severity (group), studio_check_group_get_rule (group));
}

/* What a rule looks at, in words (its id names it by the first part: "resource.licence"); the id itself is
 * not for the user. */
static const char *
rule_scope (const char *rule_id)
{
  if (g_str_has_prefix (rule_id, "project."))
    return _("A rule about the project");
  if (g_str_has_prefix (rule_id, "unit."))
    return _("A rule about each unit");
  if (g_str_has_prefix (rule_id, "resource."))
    return _("A rule about each resource");
  if (g_str_has_prefix (rule_id, "course."))
    return _("A rule about each course");
  return NULL;
}

static void
bind_group (GtkWidget        *box,
            StudioCheckGroup *group)
{
  const char *scope = rule_scope (studio_check_group_get_rule (group));
  ReslibSeverity severity = studio_check_group_get_severity (group);
  guint n = studio_check_group_get_n_findings (group);
  g_autofree char *count = NULL;
  g_autofree char *accessible = NULL;
  g_autofree char *key = group_key (group);
  gboolean resources = studio_check_group_is_about_resources (group);
  GtkWidget *show = g_object_get_data (G_OBJECT (box), "show");
  GtkWidget *fix = g_object_get_data (G_OBJECT (box), "fix");
  GtkWidget *fill = g_object_get_data (G_OBJECT (box), "fill");

  set_severity_icon (g_object_get_data (G_OBJECT (box), "icon"), severity);
  gtk_label_set_text (g_object_get_data (G_OBJECT (box), "title"), studio_check_group_get_title (group));
  /* Translators: how many findings a rule's group holds */
  count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u finding", "%u findings", n), n);
  gtk_label_set_text (g_object_get_data (G_OBJECT (box), "count"), count);
  gtk_label_set_text (g_object_get_data (G_OBJECT (box), "subject"), scope != NULL ? scope : "");
  gtk_widget_set_visible (g_object_get_data (G_OBJECT (box), "heading"), TRUE);
  gtk_widget_set_visible (g_object_get_data (G_OBJECT (box), "message"), FALSE);
  gtk_widget_set_visible (g_object_get_data (G_OBJECT (box), "subject"), scope != NULL);
  gtk_widget_set_visible (g_object_get_data (G_OBJECT (box), "hint"), FALSE);
  gtk_actionable_set_action_target (GTK_ACTIONABLE (show), "s", key);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (show), g_object_get_data (G_OBJECT (show), "action"));
  show_button (show, resources);
  gtk_actionable_set_action_target (GTK_ACTIONABLE (fix), "s", key);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (fix), g_object_get_data (G_OBJECT (fix), "action"));
  show_button (fix, resources && g_str_equal (studio_check_group_get_rule (group), "resource.licence"));
  gtk_actionable_set_action_target (GTK_ACTIONABLE (fill), "s", key);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (fill), g_object_get_data (G_OBJECT (fill), "action"));
  show_button (fill, resources && studio_checks_page_can_fill_in (group));
  /* Translators: how a screen reader reads a group of findings: severity, the rule's title, how many */
  accessible = g_strdup_printf (_("%s: %s — %s"), severity_heading (severity), studio_check_group_get_title (group),
                                count);
  studio_set_accessible_label (box, accessible);
}

static void
bind_finding (GtkWidget     *box,
              ReslibFinding *finding)
{
  ReslibSeverity severity = reslib_finding_get_severity (finding);
  const ReslibEntity *entity = reslib_entity_lookup (reslib_finding_get_subject_kind (finding));
  const char *kind = entity != NULL ? reslib_kind_to_display (entity->kind) : reslib_finding_get_subject_kind (finding);
  const char *title = reslib_finding_get_subject_title (finding);
  const char *hint = reslib_finding_get_hint (finding);
  g_autofree char *subject = NULL;
  g_autofree char *accessible = NULL;

  set_severity_icon (g_object_get_data (G_OBJECT (box), "icon"), severity);
  gtk_widget_set_visible (g_object_get_data (G_OBJECT (box), "heading"), FALSE);
  gtk_widget_set_visible (g_object_get_data (G_OBJECT (box), "message"), TRUE);
  gtk_widget_set_visible (g_object_get_data (G_OBJECT (box), "subject"), TRUE);
  show_button (g_object_get_data (G_OBJECT (box), "show"), FALSE);
  show_button (g_object_get_data (G_OBJECT (box), "fix"), FALSE);
  show_button (g_object_get_data (G_OBJECT (box), "fill"), FALSE);
  gtk_label_set_text (g_object_get_data (G_OBJECT (box), "message"), reslib_finding_get_message (finding));
  /* Translators: the subject of a finding: a kind of record and its title, e.g. "resource: 课件1" */
  subject = g_strdup_printf (_("%s: %s"), kind != NULL ? kind : "", title != NULL ? title : "");
  gtk_label_set_text (g_object_get_data (G_OBJECT (box), "subject"), subject);
  gtk_label_set_text (g_object_get_data (G_OBJECT (box), "hint"), hint != NULL ? hint : "");
  gtk_widget_set_visible (g_object_get_data (G_OBJECT (box), "hint"), hint != NULL && *hint != '\0');
  /* Translators: how a screen reader reads a finding: severity, message, subject */
  accessible = g_strdup_printf (_("%s: %s — %s"), severity_heading (severity), reslib_finding_get_message (finding),
                                subject);
  studio_set_accessible_label (box, accessible);
}

static void
bind_finding_cb (GtkSignalListItemFactory *factory,
                 GtkListItem              *item,
                 StudioChecksPage         *self)
{
  GtkTreeListRow *row = gtk_list_item_get_item (item);
  GtkWidget *expander = gtk_list_item_get_child (item);
  GtkWidget *box = g_object_get_data (G_OBJECT (expander), "box");
  gpointer object = gtk_tree_list_row_get_item (row);

  gtk_tree_expander_set_list_row (GTK_TREE_EXPANDER (expander), row);
  if (STUDIO_IS_CHECK_GROUP (object))
    bind_group (box, object);
  else
    bind_finding (box, object);
  g_object_unref (object);
}

static void
unbind_finding_cb (GtkSignalListItemFactory *factory,
                   GtkListItem              *item,
                   StudioChecksPage         *self)
{
  gtk_tree_expander_set_list_row (GTK_TREE_EXPANDER (gtk_list_item_get_child (item)), NULL);
}

static GListModel *
group_children_cb (gpointer item,
                   gpointer user_data)
{
  return STUDIO_IS_CHECK_GROUP (item) ? g_object_ref (studio_check_group_get_findings (item)) : NULL;
}

static void
finding_activated_cb (StudioChecksPage *self,
                      guint             position)
{
  GListModel *model = G_LIST_MODEL (gtk_list_view_get_model (self->findings_view));
  g_autoptr(GtkTreeListRow) row = model != NULL ? g_list_model_get_item (model, position) : NULL;
  g_autoptr(GObject) item = row != NULL ? gtk_tree_list_row_get_item (row) : NULL;
  ReslibFinding *finding;
  const ReslibEntity *entity;
  const char *page;

  if (item == NULL)
    return;
  if (STUDIO_IS_CHECK_GROUP (item))
    {
      gtk_tree_list_row_set_expanded (row, !gtk_tree_list_row_get_expanded (row));
      return;
    }
  finding = RESLIB_FINDING (item);
  entity = reslib_entity_lookup (reslib_finding_get_subject_kind (finding));
  page = studio_checks_page_for_subject (reslib_finding_get_subject_kind (finding));
  if (entity == NULL || page == NULL)
    return;
  studio_page_open_subject (STUDIO_PAGE (self), page, entity->kind, reslib_finding_get_subject_id (finding));
}

/* ---------------------------------------------------------------------------------------------- */
/* Groups and filters                                                                              */

static const ReslibKind subject_kinds[] = {
  RESLIB_N_KINDS, RESLIB_KIND_PROJECT, RESLIB_KIND_UNIT, RESLIB_KIND_COURSE, RESLIB_KIND_RESOURCE,
};

static void
fill_filters (StudioChecksPage *self)
{
  g_autoptr(GtkStringList) severities = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) subjects = gtk_string_list_new (NULL);

  /* Translators: the severity filter of the Checks page */
  gtk_string_list_append (severities, _("All Severities"));
  for (int severity = RESLIB_SEVERITY_ERROR; severity <= RESLIB_SEVERITY_INFO; severity++)
    {
      /* Translators: a choice of the severity filter and how many findings it has: "Errors (3)" */
      g_autofree char *text = g_strdup_printf (_("%s (%u)"), severity_heading (severity), self->counts[severity]);

      gtk_string_list_append (severities, text);
    }
  gtk_drop_down_set_model (self->severity_filter, G_LIST_MODEL (severities));
  /* Translators: the subject filter of the Checks page */
  gtk_string_list_append (subjects, _("All Subjects"));
  /* Translators: a choice of the subject filter of the Checks page */
  gtk_string_list_append (subjects, C_("checks subject", "Project"));
  /* Translators: a choice of the subject filter of the Checks page */
  gtk_string_list_append (subjects, C_("checks subject", "Units"));
  /* Translators: a choice of the subject filter of the Checks page */
  gtk_string_list_append (subjects, C_("checks subject", "Courses"));
  /* Translators: a choice of the subject filter of the Checks page */
  gtk_string_list_append (subjects, C_("checks subject", "Resources"));
  gtk_drop_down_set_model (self->subject_filter, G_LIST_MODEL (subjects));
}

static void
regroup (StudioChecksPage *self)
{
  guint severity = gtk_drop_down_get_selected (self->severity_filter);
  guint subject = gtk_drop_down_get_selected (self->subject_filter);
  g_autoptr(GtkTreeListModel) tree = NULL;
  g_autoptr(GtkNoSelection) selection = NULL;
  g_autofree char *shown = NULL;
  guint n = 0;

  g_clear_object (&self->groups);
  if (self->findings == NULL)
    {
      gtk_list_view_set_model (self->findings_view, NULL);
      return;
    }
  self->groups = studio_check_groups_new (self->findings,
                                          severity == 0 || severity == GTK_INVALID_LIST_POSITION ? -1
                                                                                                 : (int) severity - 1,
                                          subject < G_N_ELEMENTS (subject_kinds) ? subject_kinds[subject]
                                                                                 : RESLIB_N_KINDS);
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->groups)); i++)
    {
      g_autoptr(StudioCheckGroup) group = g_list_model_get_item (G_LIST_MODEL (self->groups), i);

      n += studio_check_group_get_n_findings (group);
    }
  tree = gtk_tree_list_model_new (g_object_ref (G_LIST_MODEL (self->groups)), FALSE, FALSE, group_children_cb,
                                  NULL, NULL);
  selection = gtk_no_selection_new (G_LIST_MODEL (g_steal_pointer (&tree)));
  gtk_list_view_set_model (self->findings_view, GTK_SELECTION_MODEL (selection));
  /* Translators: how many findings pass the Checks page's filters, of how many rules */
  shown = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u finding of %u rules shown", "%u findings of %u rules shown",
                                        n), n, g_list_model_get_n_items (G_LIST_MODEL (self->groups)));
  gtk_label_set_text (self->shown_label, shown);
}

static void
filter_changed_cb (StudioChecksPage *self)
{
  regroup (self);
}

/* The group shown whose key is @key ("SEVERITY RULE"), or NULL */
StudioCheckGroup *
_studio_checks_page_find_group (StudioChecksPage *self,
                                const char       *key)
{
  for (guint i = 0; self->groups != NULL && i < g_list_model_get_n_items (G_LIST_MODEL (self->groups)); i++)
    {
      g_autoptr(StudioCheckGroup) group = g_list_model_get_item (G_LIST_MODEL (self->groups), i);
      g_autofree char *its = group_key (group);

      if (g_str_equal (its, key))
        return g_steal_pointer (&group);
    }

  return NULL;
}

/* ---------------------------------------------------------------------------------------------- */
/* Running                                                                                         */

typedef struct
{
  StudioChecksPage *self;
  ReslibStore      *store;
  ReslibProfile    *profile;
  char             *project_id;
  char             *package_kind;
  GCancellable     *cancellable;
} Run;

static void
run_free (Run *run)
{
  g_object_unref (run->self);
  g_clear_object (&run->store);
  g_clear_object (&run->profile);
  g_free (run->project_id);
  g_free (run->package_kind);
  g_object_unref (run->cancellable);
  g_free (run);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Run, run_free)

static void
set_running (StudioChecksPage *self,
             gboolean          running)
{
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), running);
  gtk_spinner_set_spinning (self->spinner, running);
  gtk_widget_set_visible (self->cancel_button, running);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "checks.run",
                                 !running && studio_page_get_project_id (STUDIO_PAGE (self)) != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "checks.cancel", running);
}

static void
show_findings (StudioChecksPage *self,
               GListModel       *findings)
{
  g_autofree char *summary = NULL;
  guint n = findings != NULL ? g_list_model_get_n_items (findings) : 0;

  if (self->findings != NULL)
    {
      g_clear_object (&self->groups);
      gtk_list_view_set_model (self->findings_view, NULL);
      g_clear_object (&self->findings);
#ifdef __GLIBC__
      /* The last check's findings were tens of MB at 100,000 resources, made by a worker in its own arena:
       * give the pages back rather than keep them for the next check. */
      malloc_trim (0);
#endif
    }
  memset (self->counts, 0, sizeof self->counts);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "checks.export", findings != NULL && n > 0);
  if (findings == NULL)
    {
      regroup (self);
      gtk_stack_set_visible_child_name (self->stack, "empty");
      return;
    }

  /* The validator's order: by severity, then rule. */
  self->findings = g_object_ref (RESLIB_FINDING_LIST (findings));
  for (int severity = RESLIB_SEVERITY_ERROR; severity <= RESLIB_SEVERITY_INFO; severity++)
    self->counts[severity] = reslib_findings_count (findings, severity);
  g_signal_handlers_block_by_func (self->severity_filter, filter_changed_cb, self);
  g_signal_handlers_block_by_func (self->subject_filter, filter_changed_cb, self);
  fill_filters (self);
  g_signal_handlers_unblock_by_func (self->severity_filter, filter_changed_cb, self);
  g_signal_handlers_unblock_by_func (self->subject_filter, filter_changed_cb, self);
  regroup (self);
  gtk_stack_set_visible_child_name (self->stack, n > 0 ? "findings" : "clean");
  summary = format_counts (self->counts[0], self->counts[1], self->counts[2]);
  gtk_label_set_text (self->summary_label, summary);
}

static void
validate_done (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(Run) run = user_data;
  StudioChecksPage *self = run->self;
  g_autoptr(GError) error = NULL;
  ReslibValidator *validator = RESLIB_VALIDATOR (source);
  GListModel *findings = reslib_job_run_finish (RESLIB_JOB (validator), result, &error)
                         ? reslib_validator_get_findings (validator) : NULL;
  g_autoptr(GDateTime) now = NULL;
  g_autofree char *detail = NULL;
  g_autofree char *when = NULL;

  if (g_cancellable_is_cancelled (run->cancellable) || self->cancellable != run->cancellable)
    {
      if (self->cancellable == run->cancellable)
        {
          set_running (self, FALSE);
          gtk_label_set_text (self->detail_label, _("The check was cancelled."));
        }
      return;
    }
  set_running (self, FALSE);
  if (findings == NULL)
    {
      gtk_label_set_text (self->detail_label, _("The check failed."));
      studio_page_show_error (STUDIO_PAGE (self), _("Could Not Check the Project"), error);
      return;
    }

  g_free (self->checked_project);
  self->checked_project = g_strdup (run->project_id);
  show_findings (self, findings);
  remember_check (self, run->project_id, run->profile, findings);
  now = g_date_time_new_now_local ();
  when = g_date_time_format (now, "%H:%M");
  if (run->package_kind != NULL)
    /* Translators: %s is a time, then the title of the rule profile; the rules for an application package were included */
    detail = g_strdup_printf (_("Checked at %s against “%s”, with the rules for an application package."), when,
                              reslib_profile_get_title (run->profile));
  else
    /* Translators: %s is a time, then the title of the rule profile */
    detail = g_strdup_printf (_("Checked at %s against “%s”."), when, reslib_profile_get_title (run->profile));
  gtk_label_set_text (self->detail_label, detail);
}

static void
probe_done (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(Run) run = user_data;
  StudioChecksPage *self = run->self;
  g_autoptr(GError) error = NULL;

  /* A file that cannot be probed (missing, unreadable) is a finding of its own (resource.probe), not a
   * failure of the check. */
  if (!reslib_job_run_finish (RESLIB_JOB (source), result, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      if (g_error_matches (error, RESLIB_ERROR, RESLIB_ERROR_BAD_FILE))
        g_debug ("Some media files were not probed: %s", error->message);
      else
        g_warning ("Could not probe the media files: %s", error->message);
    }
  if (g_cancellable_is_cancelled (run->cancellable) || self->cancellable != run->cancellable)
    {
      if (self->cancellable == run->cancellable)
        {
          set_running (self, FALSE);
          gtk_label_set_text (self->detail_label, _("The check was cancelled."));
        }
      return;
    }
  gtk_label_set_text (self->detail_label, _("Checking the project…"));
  {
    Run *next = g_steal_pointer (&run);
    g_autoptr(ReslibValidator) validator = reslib_validator_new (next->store, next->project_id, next->profile);

    reslib_validator_set_package_kind (validator, next->package_kind);
    reslib_job_run_async (RESLIB_JOB (validator), next->cancellable, validate_done, next);
    studio_page_add_job (STUDIO_PAGE (next->self), RESLIB_JOB (validator));
  }
}

void
studio_checks_page_run (StudioChecksPage *self)
{
  studio_checks_page_run_for_package (self, NULL);
}

void
studio_checks_page_run_for_package (StudioChecksPage *self,
                                    const char       *package_kind)
{
  ReslibStore *store = studio_page_get_store (STUDIO_PAGE (self));
  const char *project_id = studio_page_get_project_id (STUDIO_PAGE (self));
  g_autoptr(GError) error = NULL;
  g_autoptr(ReslibProfile) profile = NULL;
  g_autoptr(ReslibProber) prober = NULL;
  Run *run;

  g_return_if_fail (STUDIO_IS_CHECKS_PAGE (self));

  if (store == NULL || project_id == NULL)
    return;
  profile = studio_page_get_profile (STUDIO_PAGE (self), &error);
  if (profile == NULL)
    {
      studio_page_show_error (STUDIO_PAGE (self), _("Could Not Load the Rule Profile"), error);
      return;
    }

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();

  run = g_new0 (Run, 1);
  run->self = g_object_ref (self);
  run->store = g_object_ref (store);
  run->profile = g_steal_pointer (&profile);
  run->project_id = g_strdup (project_id);
  run->package_kind = g_strdup (package_kind);
  run->cancellable = g_object_ref (self->cancellable);
  set_running (self, TRUE);
  gtk_label_set_text (self->detail_label, _("Reading new media files…"));
  prober = reslib_prober_new (store, project_id);
  reslib_job_run_async (RESLIB_JOB (prober), run->cancellable, probe_done, run);
  studio_page_add_job (STUDIO_PAGE (self), RESLIB_JOB (prober));
}

gboolean
studio_checks_page_is_running (StudioChecksPage *self)
{
  g_return_val_if_fail (STUDIO_IS_CHECKS_PAGE (self), FALSE);

  return gtk_widget_get_visible (self->cancel_button);
}

GListModel *
studio_checks_page_get_findings (StudioChecksPage *self)
{
  g_return_val_if_fail (STUDIO_IS_CHECKS_PAGE (self), NULL);

  return self->findings != NULL ? G_LIST_MODEL (self->findings) : NULL;
}

static void
run_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  studio_checks_page_run (STUDIO_CHECKS_PAGE (widget));
}

static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  StudioChecksPage *self = STUDIO_CHECKS_PAGE (widget);

  g_cancellable_cancel (self->cancellable);
}

/* ---------------------------------------------------------------------------------------------- */
/* StudioPage                                                                                      */

static void
studio_checks_page_project_changed (StudioPage *page)
{
  StudioChecksPage *self = STUDIO_CHECKS_PAGE (page);
  const char *project_id = studio_page_get_project_id (page);

  if (g_strcmp0 (project_id, self->checked_project) == 0 && self->findings != NULL)
    {
      set_running (self, studio_checks_page_is_running (self));
      return;
    }
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_pointer (&self->checked_project, g_free);
  set_running (self, FALSE);
  show_findings (self, NULL);
  show_last_check (self);
}

static void
studio_checks_page_store_changed (StudioPage *page,
                                  ReslibKind  kind,
                                  const char *id)
{
  StudioChecksPage *self = STUDIO_CHECKS_PAGE (page);

  if (kind == RESLIB_KIND_SUBMISSION || self->findings == NULL || studio_checks_page_is_running (self))
    return;
  /* The run being kept changes the project (its last check): that is not a change since the check. The
   * store tells of it before the worker's callback runs. */
  if (kind == RESLIB_KIND_PROJECT && self->recording > 0)
    return;
  gtk_label_set_text (self->detail_label, _("The project changed since the last check: run the checks again."));
}

static void
studio_checks_page_dispose (GObject *object)
{
  StudioChecksPage *self = STUDIO_CHECKS_PAGE (object);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), STUDIO_TYPE_CHECKS_PAGE);

  G_OBJECT_CLASS (studio_checks_page_parent_class)->dispose (object);
}

static void
studio_checks_page_finalize (GObject *object)
{
  StudioChecksPage *self = STUDIO_CHECKS_PAGE (object);

  g_clear_object (&self->cancellable);
  g_clear_object (&self->findings);
  g_clear_object (&self->groups);
  g_free (self->checked_project);

  G_OBJECT_CLASS (studio_checks_page_parent_class)->finalize (object);
}

static void
studio_checks_page_class_init (StudioChecksPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  StudioPageClass *page_class = STUDIO_PAGE_CLASS (klass);

  object_class->dispose = studio_checks_page_dispose;
  object_class->finalize = studio_checks_page_finalize;
  page_class->project_changed = studio_checks_page_project_changed;
  page_class->store_changed = studio_checks_page_store_changed;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/reslib/Studio/ui/studio-checks-page.ui");
  gtk_widget_class_bind_template_child (widget_class, StudioChecksPage, summary_label);
  gtk_widget_class_bind_template_child (widget_class, StudioChecksPage, detail_label);
  gtk_widget_class_bind_template_child (widget_class, StudioChecksPage, empty_status);
  gtk_widget_class_bind_template_child (widget_class, StudioChecksPage, spinner);
  gtk_widget_class_bind_template_child (widget_class, StudioChecksPage, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, StudioChecksPage, run_button);
  gtk_widget_class_bind_template_child (widget_class, StudioChecksPage, stack);
  gtk_widget_class_bind_template_child (widget_class, StudioChecksPage, findings_view);
  gtk_widget_class_bind_template_child (widget_class, StudioChecksPage, findings_factory);
  gtk_widget_class_bind_template_child (widget_class, StudioChecksPage, severity_filter);
  gtk_widget_class_bind_template_child (widget_class, StudioChecksPage, subject_filter);
  gtk_widget_class_bind_template_child (widget_class, StudioChecksPage, shown_label);
  gtk_widget_class_bind_template_callback (widget_class, finding_activated_cb);

  gtk_widget_class_install_action (widget_class, "checks.run", NULL, run_action);
  gtk_widget_class_install_action (widget_class, "checks.cancel", NULL, cancel_action);
  _studio_checks_page_class_init_actions (widget_class);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "checks.cancel", NULL);
}

static void
studio_checks_page_init (StudioChecksPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  /* F5 runs the checks wherever the page is shown, whatever has the focus. */
  studio_page_add_shortcut (STUDIO_PAGE (self), GDK_KEY_F5, 0, "checks.run");

  g_signal_connect (self->findings_factory, "setup", G_CALLBACK (setup_finding_cb), NULL);
  g_signal_connect (self->findings_factory, "bind", G_CALLBACK (bind_finding_cb), self);
  g_signal_connect (self->findings_factory, "unbind", G_CALLBACK (unbind_finding_cb), self);
  fill_filters (self);
  studio_drop_down_shrink (self->severity_filter);
  studio_drop_down_shrink (self->subject_filter);
  g_signal_connect_swapped (self->severity_filter, "notify::selected", G_CALLBACK (filter_changed_cb), self);
  g_signal_connect_swapped (self->subject_filter, "notify::selected", G_CALLBACK (filter_changed_cb), self);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "checks.export", FALSE);
  set_running (self, FALSE);
}
