/* studio-import-dialog.c — the review of a package before it is imported
 *
 * The dialog runs the import as a preview first (ReslibPackageImporter with preview set: the
 * package verified and merged in a transaction that is rolled back), and shows what the import
 * would do: the verification, the package's facts (a contribution's unit reviews among them: how
 * many came with it, recorded and set aside), the counts per kind and outcome, and the
 * records themselves. "Import" runs the same importer again for real (the file is not verified
 * again when it did not change). When the package's project is not in the store but one of the
 * same title is (or there is a current project), the user chooses between merging into it (its
 * courses and points matched by title) and a new project; the preview runs again for the choice.
 * Both runs are jobs of the session. Nothing is written before Import, nor when the package is
 * bad or the import fails or is cancelled.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "reslib-labels.h"
#include "studio-import-dialog.h"
#include "studio-page.h"

#define N_OUTCOMES (RESLIB_IMPORT_OUTCOME_REFUSED + 1)

struct _StudioImportDialog
{
  AdwWindow              parent_instance;

  StudioSession         *session;
  GFile                 *file;
  StudioImportMode       mode;
  StudioImportState      state;
  ReslibPackageImporter *importer;
  GCancellable          *cancellable;
  gboolean               closed;

  gboolean               target_decided;  /* the first preview told where the package goes */
  gboolean               project_known;   /* the store has the package's project */
  char                  *merge_target;    /* a project the package's may be merged into, or NULL */
  char                  *imported_project;
  guint                  counts[RESLIB_N_KINDS][N_OUTCOMES];
  GListStore            *items;
  GtkCustomFilter       *filter;
  GPtrArray             *fact_rows;

  /* Template children */
  AdwWindowTitle        *window_title;
  GtkButton             *cancel_button;
  GtkButton             *import_button;
  GtkStack              *stack;
  AdwStatusPage         *busy_status;
  GtkProgressBar        *progress_bar;
  AdwStatusPage         *error_status;
  GtkLabel              *problems_label;
  GtkLabel              *verified_label;
  AdwPreferencesGroup   *facts_group;
  AdwPreferencesGroup   *target_group;
  AdwActionRow          *merge_row;
  GtkCheckButton        *merge_check;
  AdwActionRow          *new_row;
  GtkCheckButton        *new_check;
  GtkGrid               *counts_grid;
  GtkSearchEntry        *search_entry;
  GtkDropDown           *outcome_dropdown;
  GtkColumnView         *items_view;
};

G_DEFINE_FINAL_TYPE (StudioImportDialog, studio_import_dialog, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_STATE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void start_run (StudioImportDialog *self,
                       gboolean            preview);

/* ---------------------------------------------------------------------------------------------- */
/* Labels                                                                                          */

static const char *
outcome_label (ReslibImportOutcome outcome)
{
  switch (outcome)
    {
    /* Translators: what an import does with a record of a package */
    case RESLIB_IMPORT_OUTCOME_ADDED: return _("Added");
    case RESLIB_IMPORT_OUTCOME_UPDATED: return _("Updated");
    case RESLIB_IMPORT_OUTCOME_UNCHANGED: return _("Unchanged");
    case RESLIB_IMPORT_OUTCOME_CONFLICT: return _("Conflict");
    case RESLIB_IMPORT_OUTCOME_REFUSED: return _("Refused");
    default: return "?";
    }
}

static const char *
kind_plural_label (ReslibKind kind)
{
  switch (kind)
    {
    case RESLIB_KIND_PROJECT: return _("Project");
    case RESLIB_KIND_MAJOR: return _("Majors");
    case RESLIB_KIND_UNIT: return _("Units");
    case RESLIB_KIND_MEMBER: return _("Members");
    case RESLIB_KIND_COURSE: return _("Courses");
    case RESLIB_KIND_NODE: return _("Modules and points");
    case RESLIB_KIND_RESOURCE: return _("Resources");
    case RESLIB_KIND_BUDGET_LINE: return _("Budget lines");
    case RESLIB_KIND_MILESTONE: return _("Milestones");
    case RESLIB_KIND_DECLARATION: return _("Declarations");
    case RESLIB_KIND_SUBMISSION: return _("Submissions");
    case RESLIB_KIND_TARGET: return _("Targets");
    case RESLIB_N_KINDS:
    default: return "?";
    }
}

/* ---------------------------------------------------------------------------------------------- */
/* State                                                                                           */

static void
set_state (StudioImportDialog *self,
           StudioImportState   state)
{
  self->state = state;
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "import.import", state == STUDIO_IMPORT_STATE_REVIEW);
  gtk_widget_set_visible (GTK_WIDGET (self->import_button),
                          state == STUDIO_IMPORT_STATE_REVIEW || state == STUDIO_IMPORT_STATE_CHECKING ||
                          state == STUDIO_IMPORT_STATE_IMPORTING);
  gtk_widget_set_sensitive (GTK_WIDGET (self->target_group), state == STUDIO_IMPORT_STATE_REVIEW);
  /* Enter imports: the focus starts on Import (a focused Cancel would take Enter for itself). */
  if (state == STUDIO_IMPORT_STATE_REVIEW)
    {
      gtk_window_set_default_widget (GTK_WINDOW (self), GTK_WIDGET (self->import_button));
      gtk_widget_grab_focus (GTK_WIDGET (self->import_button));
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
}

static void
show_busy (StudioImportDialog *self,
           const char         *title)
{
  adw_status_page_set_title (self->busy_status, title);
  gtk_progress_bar_set_fraction (self->progress_bar, 0);
  gtk_progress_bar_set_text (self->progress_bar, NULL);
  gtk_stack_set_visible_child_name (self->stack, "busy");
}

/* A package that cannot be imported, or an import that failed: why, and no Import button. */
static void
show_failure (StudioImportDialog *self,
              const char         *title,
              GPtrArray          *problems,
              const GError       *error)
{
  g_autoptr(GString) text = g_string_new (NULL);

  if (problems != NULL && problems->len > 0)
    {
      g_string_append (text, _("The package is damaged or incomplete, or it is not a ResLib package. Ask its sender "
                               "for a new copy. What the check found:"));
      for (guint i = 0; i < problems->len; i++)
        g_string_append_printf (text, "\n• %s", (const char *) g_ptr_array_index (problems, i));
    }
  else if (error != NULL)
    g_string_append (text, error->message);
  g_string_append_printf (text, "\n\n%s", _("Nothing was written to the library."));

  adw_status_page_set_title (self->error_status, title);
  gtk_label_set_text (self->problems_label, text->str);
  gtk_stack_set_visible_child_name (self->stack, "error");
  set_state (self, STUDIO_IMPORT_STATE_FAILED);
}

/* ---------------------------------------------------------------------------------------------- */
/* The review                                                                                      */

static void
add_fact (StudioImportDialog *self,
          const char         *title,
          const char         *value)
{
  GtkWidget *row;

  if (value == NULL || *value == '\0')
    return;
  row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), value);
  gtk_widget_add_css_class (row, "property");
  adw_preferences_group_add (self->facts_group, row);
  g_ptr_array_add (self->fact_rows, row);
}

/* Three rows: the project (and who sent it), the kind and date, what it holds. */
static void
show_facts (StudioImportDialog      *self,
            const ReslibPackageInfo *info)
{
  const char *kind = reslib_label_package_kind (reslib_package_kind_to_nick (info->kind));
  g_autofree char *size = g_format_size (info->size);
  g_autofree char *project = NULL;
  g_autofree char *when = NULL;
  g_autofree char *contents = NULL;

  for (guint i = 0; i < self->fact_rows->len; i++)
    adw_preferences_group_remove (self->facts_group, g_ptr_array_index (self->fact_rows, i));
  g_ptr_array_set_size (self->fact_rows, 0);

  if (info->source_organization != NULL && *info->source_organization != '\0')
    /* Translators: the project of a package, then the organization that made it */
    project = g_strdup_printf (_("%s, from %s"), info->project_title != NULL ? info->project_title : info->project_id,
                               info->source_organization);
  else
    project = g_strdup (info->project_title != NULL ? info->project_title : info->project_id);
  /* Translators: the kind of a package (Progress report…), then the day it was made */
  when = info->bagging_date != NULL ? g_strdup_printf (_("%s, made on %s"), kind, info->bagging_date) : g_strdup (kind);
  /* Translators: what a package holds: a number of resources, its size, the name of its bag */
  contents = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u resource, %s · %s", "%u resources, %s · %s",
                                           info->n_resources),
                              info->n_resources, size, info->bag != NULL ? info->bag : "");
  add_fact (self, _("Project"), project);
  add_fact (self, _("Kind"), when);
  add_fact (self, _("Contents"), contents);
}

/* A contribution's unit reviews (level 1): how many came with it, how many the import records and how many it sets
 * aside because this library disagrees (the resource changed since, a reviewer it does not know, a newer decision…;
 * each resource's log says why). Nothing when it carries none. */
static void
show_reviews (StudioImportDialog       *self,
              const ReslibImportReport *report)
{
  guint total;
  g_autofree char *text = NULL;

  if (report == NULL || (total = report->reviews_received + report->reviews_set_aside) == 0)
    return;
  /* Translators: in the review of an import: a unit's review decisions (level 1) a contribution carries, how
   * many this library records, and how many it sets aside (where it disagrees: the resource changed since, a
   * reviewer it does not know…) */
  text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "%u decision came with the package: %u recorded, %u set aside where this "
                                       "library disagrees",
                                       "%u decisions came with the package: %u recorded, %u set aside where this "
                                       "library disagrees",
                                       total),
                          total, report->reviews_received, report->reviews_set_aside);
  /* Translators: the title of the row with a contribution's unit reviews (level 1), in the import's review */
  add_fact (self, _("Unit reviews"), text);
}

static GtkWidget *
grid_label (const char *text,
            float       xalign,
            const char *css_class)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), xalign);
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);

  return label;
}

static void
show_counts (StudioImportDialog *self)
{
  GtkWidget *child;
  int row = 1;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->counts_grid))) != NULL)
    gtk_grid_remove (self->counts_grid, child);

  for (int o = 0; o < N_OUTCOMES; o++)
    gtk_grid_attach (self->counts_grid, grid_label (outcome_label (o), 1, "heading"), o + 1, 0, 1, 1);
  for (int k = 0; k < RESLIB_N_KINDS; k++)
    {
      guint total = 0;

      for (int o = 0; o < N_OUTCOMES; o++)
        total += self->counts[k][o];
      if (total == 0)
        continue;
      gtk_grid_attach (self->counts_grid, grid_label (kind_plural_label (k), 0, NULL), 0, row, 1, 1);
      for (int o = 0; o < N_OUTCOMES; o++)
        {
          g_autofree char *n = g_strdup_printf ("%u", self->counts[k][o]);
          const char *css = self->counts[k][o] == 0 ? "dim-label"
                          : o == RESLIB_IMPORT_OUTCOME_CONFLICT || o == RESLIB_IMPORT_OUTCOME_REFUSED ? "warning"
                          : NULL;

          gtk_grid_attach (self->counts_grid, grid_label (n, 1, css), o + 1, row, 1, 1);
        }
      row++;
    }
  if (row == 1)
    gtk_grid_attach (self->counts_grid, grid_label (_("The package holds no records."), 0, "dim-label"), 0, 1,
                     N_OUTCOMES + 1, 1);
}

static gboolean
item_visible (gpointer item,
              gpointer data)
{
  StudioImportDialog *self = data;
  ReslibImportItem *it = item;
  guint selected = gtk_drop_down_get_selected (self->outcome_dropdown);
  const char *search = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));

  if (selected != GTK_INVALID_LIST_POSITION && selected > 0 &&
      reslib_import_item_get_outcome (it) != (ReslibImportOutcome) (selected - 1))
    return FALSE;
  if (search != NULL && *search != '\0')
    {
      g_autofree char *needle = g_utf8_casefold (search, -1);
      g_autofree char *title = g_utf8_casefold (reslib_import_item_get_title (it) != NULL
                                                ? reslib_import_item_get_title (it) : "", -1);

      if (strstr (title, needle) == NULL)
        return FALSE;
    }

  return TRUE;
}

static void
filter_changed_cb (StudioImportDialog *self)
{
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
}

static void
fill_review (StudioImportDialog *self)
{
  GPtrArray *items = reslib_package_importer_get_items (self->importer);
  const ReslibPackageInfo *info = reslib_package_importer_get_info (self->importer);

  memset (self->counts, 0, sizeof self->counts);
  g_list_store_remove_all (self->items);
  for (guint i = 0; items != NULL && i < items->len; i++)
    {
      ReslibImportItem *item = g_ptr_array_index (items, i);
      ReslibKind kind = reslib_import_item_get_kind (item);
      ReslibImportOutcome outcome = reslib_import_item_get_outcome (item);

      if ((guint) kind < RESLIB_N_KINDS && (guint) outcome < N_OUTCOMES)
        self->counts[kind][outcome]++;
      g_list_store_append (self->items, item);
    }
  gtk_label_set_text (self->verified_label,
                      _("Verified: the package is complete and each of its files matches its checksum."));
  if (info != NULL)
    show_facts (self, info);
  show_reviews (self, reslib_package_importer_get_report (self->importer));
  show_counts (self);
  gtk_stack_set_visible_child_name (self->stack, "review");
}

/* After the first preview: whether to offer merging into another project of the store. */
static void
decide_target (StudioImportDialog *self)
{
  const ReslibPackageInfo *info = reslib_package_importer_get_info (self->importer);
  ReslibStore *store = studio_session_get_store (self->session);
  g_autoptr(ReslibRecord) known = NULL;
  g_autoptr(GListModel) projects = NULL;
  g_autofree char *title = NULL;
  gboolean same_title = FALSE;

  self->target_decided = TRUE;
  if (self->mode != STUDIO_IMPORT_MODE_IMPORT || info == NULL || info->project_id == NULL)
    return;
  known = reslib_store_get (store, RESLIB_KIND_PROJECT, info->project_id, NULL);
  self->project_known = known != NULL;
  if (self->project_known)
    return;

  projects = reslib_store_list (store, RESLIB_KIND_PROJECT, NULL, NULL);
  for (guint i = 0; projects != NULL && info->project_title != NULL && i < g_list_model_get_n_items (projects); i++)
    {
      g_autoptr(ReslibRecord) project = g_list_model_get_item (projects, i);

      if (g_strcmp0 (reslib_record_get (project, "name"), info->project_title) == 0)
        {
          self->merge_target = g_strdup (reslib_record_get_id (project));
          same_title = TRUE;
          break;
        }
    }
  if (self->merge_target == NULL && studio_session_get_project_id (self->session) != NULL)
    self->merge_target = g_strdup (studio_session_get_project_id (self->session));
  if (self->merge_target == NULL)
    return;

  {
    g_autoptr(ReslibRecord) target = reslib_store_get (store, RESLIB_KIND_PROJECT, self->merge_target, NULL);

    /* Translators: %s is the name of a project of this library */
    title = g_strdup_printf (_("Merge into “%s”"), target != NULL ? reslib_record_get (target, "name") : "");
  }
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->merge_row), title);
  adw_action_row_set_subtitle (self->merge_row,
                               _("Courses and knowledge or skill points the library does not have by id are "
                                 "matched by title"));
  /* A project of the same title is most likely the same library; another is only offered. */
  gtk_check_button_set_active (same_title ? self->merge_check : self->new_check, TRUE);
  gtk_widget_set_visible (GTK_WIDGET (self->target_group), TRUE);
}

static gboolean
merging (StudioImportDialog *self)
{
  return self->merge_target != NULL && gtk_check_button_get_active (self->merge_check);
}

static void
target_toggled_cb (GtkCheckButton     *check,
                   StudioImportDialog *self)
{
  if (!gtk_check_button_get_active (check) || self->state != STUDIO_IMPORT_STATE_REVIEW)
    return;
  start_run (self, TRUE);
}

/* ---------------------------------------------------------------------------------------------- */
/* Running                                                                                         */

static void
progress_cb (const ReslibProgress *progress,
             gpointer              data)
{
  StudioImportDialog *self = data;

  if (self->closed)
    return;
  if (progress->bytes_total > 0)
    gtk_progress_bar_set_fraction (self->progress_bar, (double) progress->bytes_done / progress->bytes_total);
  else if (progress->files_total > 0)
    gtk_progress_bar_set_fraction (self->progress_bar, (double) progress->files_done / progress->files_total);
  else
    gtk_progress_bar_pulse (self->progress_bar);
  gtk_progress_bar_set_text (self->progress_bar, reslib_job_get_message (RESLIB_JOB (self->importer)));
}

static char *
summary (const ReslibImportReport *report)
{
  guint added = 0, updated = 0, unchanged = 0, conflicts = 0;

  for (guint k = 0; k < RESLIB_N_KINDS; k++)
    {
      added += report->added[k];
      updated += report->updated[k];
      unchanged += report->unchanged[k];
      conflicts += report->conflicts[k];
    }
  /* Translators: the toast after an import; numbers of records */
  return g_strdup_printf (_("Package imported: %u added, %u updated, %u unchanged, %u in conflict"),
                          added, updated, unchanged, conflicts);
}

static void
import_done (StudioImportDialog *self,
             const GError       *error)
{
  const ReslibImportReport *report = reslib_package_importer_get_report (self->importer);
  g_autoptr(AdwToast) toast = NULL;
  g_autofree char *text = NULL;
  guint conflicts = 0;

  if (error != NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          studio_session_toast (self->session, _("Import cancelled: nothing was written"));
          set_state (self, STUDIO_IMPORT_STATE_DONE);
          if (!self->closed)
            gtk_window_destroy (GTK_WINDOW (self));
          return;
        }
      if (self->closed)
        {
          studio_session_show_error (self->session, _("The package could not be imported"), error);
          return;
        }
      show_failure (self, _("The Package Could Not Be Imported"), reslib_package_importer_get_problems (self->importer),
                    error);
      return;
    }

  for (guint k = 0; k < RESLIB_N_KINDS; k++)
    conflicts += report->conflicts[k];
  text = summary (report);
  toast = adw_toast_new (text);
  if (conflicts > 0)
    {
      adw_toast_set_button_label (toast, _("Resolve…"));
      adw_toast_set_action_name (toast, "win.show-conflicts");
      adw_toast_set_timeout (toast, 0);
    }
  self->imported_project = g_strdup (report->project_id);
  /* A new project is shown; a merge stays where the user is. */
  if (self->mode == STUDIO_IMPORT_MODE_JOIN || (!self->project_known && !merging (self)))
    studio_session_set_project_id (self->session, report->project_id);
  studio_session_add_toast (self->session, g_steal_pointer (&toast));
  set_state (self, STUDIO_IMPORT_STATE_DONE);
  if (!self->closed)
    gtk_window_destroy (GTK_WINDOW (self));
}

static void
run_done_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      data)
{
  g_autoptr(StudioImportDialog) self = data;
  g_autoptr(GError) error = NULL;
  gboolean ok = reslib_job_run_finish (RESLIB_JOB (source), result, &error);
  gboolean preview = reslib_package_importer_get_preview (self->importer);

  g_clear_object (&self->cancellable);
  if (!preview)
    {
      import_done (self, ok ? NULL : error);
      return;
    }
  if (self->closed)
    return;
  if (!ok)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      show_failure (self, _("This Package Cannot Be Imported"), reslib_package_importer_get_problems (self->importer),
                    error);
      return;
    }

  if (!self->target_decided)
    {
      decide_target (self);
      /* The preview the user sees is of what Import does: again, into the project offered. */
      if (merging (self))
        {
          start_run (self, TRUE);
          return;
        }
    }
  fill_review (self);
  set_state (self, STUDIO_IMPORT_STATE_REVIEW);
}

static void
start_run (StudioImportDialog *self,
           gboolean            preview)
{
  ReslibImportFlags flags = reslib_package_importer_get_flags (self->importer) & ~RESLIB_IMPORT_JOIN;

  if (self->mode == STUDIO_IMPORT_MODE_JOIN)
    flags |= RESLIB_IMPORT_JOIN;
  reslib_package_importer_set_flags (self->importer, flags);
  reslib_package_importer_set_into_project (self->importer, merging (self) ? self->merge_target : NULL);
  reslib_package_importer_set_match_by_title (self->importer, merging (self));
  reslib_package_importer_set_preview (self->importer, preview);

  show_busy (self, preview ? _("Checking the Package…") : _("Importing…"));
  set_state (self, preview ? STUDIO_IMPORT_STATE_CHECKING : STUDIO_IMPORT_STATE_IMPORTING);
  self->cancellable = g_cancellable_new ();
  reslib_job_run_async (RESLIB_JOB (self->importer), self->cancellable, run_done_cb, g_object_ref (self));
  studio_session_add_job (self->session, RESLIB_JOB (self->importer));
}

/* ---------------------------------------------------------------------------------------------- */
/* Actions                                                                                         */

static void
import_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  StudioImportDialog *self = STUDIO_IMPORT_DIALOG (widget);

  if (self->state == STUDIO_IMPORT_STATE_REVIEW)
    start_run (self, FALSE);
}

/* Cancel, Escape and closing: a running preview or import is cancelled (the core writes nothing then). */
static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  StudioImportDialog *self = STUDIO_IMPORT_DIALOG (widget);

  gtk_window_close (GTK_WINDOW (self));
}

static gboolean
studio_import_dialog_close_request (GtkWindow *window)
{
  StudioImportDialog *self = STUDIO_IMPORT_DIALOG (window);

  self->closed = TRUE;
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);

  return GTK_WINDOW_CLASS (studio_import_dialog_parent_class)->close_request (window);
}

/* ---------------------------------------------------------------------------------------------- */
/* The list                                                                                        */

static void
setup_label_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *list_item)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_list_item_set_child (list_item, label);
}

static void
bind_kind_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *list_item)
{
  ReslibImportItem *item = gtk_list_item_get_item (list_item);

  gtk_label_set_text (GTK_LABEL (gtk_list_item_get_child (list_item)),
                      reslib_label_kind (reslib_import_item_get_kind (item)));
}

static void
bind_title_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *list_item)
{
  ReslibImportItem *item = gtk_list_item_get_item (list_item);
  const char *title = reslib_import_item_get_title (item);

  gtk_label_set_text (GTK_LABEL (gtk_list_item_get_child (list_item)), title != NULL ? title : "");
}

static void
bind_outcome_cb (GtkSignalListItemFactory *factory,
                 GtkListItem              *list_item)
{
  ReslibImportItem *item = gtk_list_item_get_item (list_item);
  const char *mapped = reslib_import_item_get_mapped_to (item);
  GtkWidget *label = gtk_list_item_get_child (list_item);
  ReslibImportOutcome outcome = reslib_import_item_get_outcome (item);

  if (mapped != NULL && g_strcmp0 (mapped, reslib_import_item_get_id (item)) != 0)
    {
      /* Translators: %s is what the import does with a record (Added, Updated…) */
      g_autofree char *text = g_strdup_printf (_("%s, matched to a record of this library"), outcome_label (outcome));

      gtk_label_set_text (GTK_LABEL (label), text);
    }
  else
    gtk_label_set_text (GTK_LABEL (label), outcome_label (outcome));
  if (outcome == RESLIB_IMPORT_OUTCOME_CONFLICT || outcome == RESLIB_IMPORT_OUTCOME_REFUSED)
    gtk_widget_add_css_class (label, "warning");
  else
    gtk_widget_remove_css_class (label, "warning");
}

static void
add_column (StudioImportDialog *self,
            const char         *title,
            GCallback           bind,
            gboolean            expand)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  GtkColumnViewColumn *column;

  g_signal_connect (factory, "setup", G_CALLBACK (setup_label_cb), NULL);
  g_signal_connect (factory, "bind", bind, NULL);
  column = gtk_column_view_column_new (title, factory);
  gtk_column_view_column_set_expand (column, expand);
  gtk_column_view_append_column (self->items_view, column);
  g_object_unref (column);
}

static void
setup_list (StudioImportDialog *self)
{
  g_autoptr(GtkStringList) outcomes = gtk_string_list_new (NULL);
  GtkFilterListModel *filtered;

  /* Translators: the filter of the import review's list: every record */
  gtk_string_list_append (outcomes, _("All records"));
  for (int o = 0; o < N_OUTCOMES; o++)
    gtk_string_list_append (outcomes, outcome_label (o));
  gtk_drop_down_set_model (self->outcome_dropdown, G_LIST_MODEL (outcomes));
  studio_set_accessible_label (self->outcome_dropdown, _("Show"));
  studio_set_accessible_label (self->search_entry, _("Search by title"));

  self->items = g_list_store_new (RESLIB_TYPE_IMPORT_ITEM);
  self->filter = gtk_custom_filter_new (item_visible, self, NULL);
  filtered = gtk_filter_list_model_new (G_LIST_MODEL (g_object_ref (self->items)),
                                        GTK_FILTER (g_object_ref (self->filter)));
  gtk_column_view_set_model (self->items_view, GTK_SELECTION_MODEL (gtk_no_selection_new (G_LIST_MODEL (filtered))));
  add_column (self, _("Kind"), G_CALLBACK (bind_kind_cb), FALSE);
  add_column (self, _("Title"), G_CALLBACK (bind_title_cb), TRUE);
  add_column (self, _("What the import does"), G_CALLBACK (bind_outcome_cb), FALSE);

  g_signal_connect_swapped (self->search_entry, "search-changed", G_CALLBACK (filter_changed_cb), self);
  g_signal_connect_swapped (self->outcome_dropdown, "notify::selected", G_CALLBACK (filter_changed_cb), self);
}

/* ---------------------------------------------------------------------------------------------- */

static void
studio_import_dialog_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  StudioImportDialog *self = STUDIO_IMPORT_DIALOG (object);

  switch (prop_id)
    {
    case PROP_STATE:
      g_value_set_int (value, self->state);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
studio_import_dialog_dispose (GObject *object)
{
  StudioImportDialog *self = STUDIO_IMPORT_DIALOG (object);

  self->closed = TRUE;
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), STUDIO_TYPE_IMPORT_DIALOG);

  G_OBJECT_CLASS (studio_import_dialog_parent_class)->dispose (object);
}

/* Destroyed while its check or its import still runs, the dialog lives on until that ends, by when the
 * window it was shown over may be gone: it lets go of that window as it is destroyed. */
static void
studio_import_dialog_unrealize (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (studio_import_dialog_parent_class)->unrealize (widget);
  gtk_window_set_transient_for (GTK_WINDOW (widget), NULL);
}

static void
studio_import_dialog_finalize (GObject *object)
{
  StudioImportDialog *self = STUDIO_IMPORT_DIALOG (object);

  g_clear_object (&self->session);
  g_clear_object (&self->file);
  g_clear_object (&self->importer);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->items);
  g_clear_object (&self->filter);
  g_clear_pointer (&self->fact_rows, g_ptr_array_unref);
  g_free (self->merge_target);
  g_free (self->imported_project);

  G_OBJECT_CLASS (studio_import_dialog_parent_class)->finalize (object);
}

static void
studio_import_dialog_class_init (StudioImportDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->get_property = studio_import_dialog_get_property;
  object_class->dispose = studio_import_dialog_dispose;
  object_class->finalize = studio_import_dialog_finalize;
  window_class->close_request = studio_import_dialog_close_request;
  widget_class->unrealize = studio_import_dialog_unrealize;

  /**
   * StudioImportDialog:state:
   *
   * Where the dialog is (a #StudioImportState).
   */
  properties[PROP_STATE] =
    g_param_spec_int ("state", NULL, NULL, STUDIO_IMPORT_STATE_CHECKING, STUDIO_IMPORT_STATE_DONE,
                      STUDIO_IMPORT_STATE_CHECKING, G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/reslib/Studio/ui/studio-import-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, StudioImportDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, StudioImportDialog, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, StudioImportDialog, import_button);
  gtk_widget_class_bind_template_child (widget_class, StudioImportDialog, stack);
  gtk_widget_class_bind_template_child (widget_class, StudioImportDialog, busy_status);
  gtk_widget_class_bind_template_child (widget_class, StudioImportDialog, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, StudioImportDialog, error_status);
  gtk_widget_class_bind_template_child (widget_class, StudioImportDialog, problems_label);
  gtk_widget_class_bind_template_child (widget_class, StudioImportDialog, verified_label);
  gtk_widget_class_bind_template_child (widget_class, StudioImportDialog, facts_group);
  gtk_widget_class_bind_template_child (widget_class, StudioImportDialog, target_group);
  gtk_widget_class_bind_template_child (widget_class, StudioImportDialog, merge_row);
  gtk_widget_class_bind_template_child (widget_class, StudioImportDialog, merge_check);
  gtk_widget_class_bind_template_child (widget_class, StudioImportDialog, new_row);
  gtk_widget_class_bind_template_child (widget_class, StudioImportDialog, new_check);
  gtk_widget_class_bind_template_child (widget_class, StudioImportDialog, counts_grid);
  gtk_widget_class_bind_template_child (widget_class, StudioImportDialog, search_entry);
  gtk_widget_class_bind_template_child (widget_class, StudioImportDialog, outcome_dropdown);
  gtk_widget_class_bind_template_child (widget_class, StudioImportDialog, items_view);

  gtk_widget_class_install_action (widget_class, "import.import", NULL, import_action);
  gtk_widget_class_install_action (widget_class, "import.cancel", NULL, cancel_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "import.cancel", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, 0, "import.import", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Enter, 0, "import.import", NULL);
}

static void
studio_import_dialog_init (StudioImportDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->fact_rows = g_ptr_array_new ();
  setup_list (self);
  g_signal_connect (self->merge_check, "toggled", G_CALLBACK (target_toggled_cb), self);
  g_signal_connect (self->new_check, "toggled", G_CALLBACK (target_toggled_cb), self);
}

/**
 * studio_import_dialog_new:
 * @session: the session whose store the package goes into
 * @file: the package
 * @mode: %STUDIO_IMPORT_MODE_IMPORT to merge a package, %STUDIO_IMPORT_MODE_JOIN for a teacher joining
 *   the lead's project
 *
 * The review of @file: checks it at once (a job of the session) and shows what the import would do;
 * nothing is written before the user chooses Import. Present it over the window.
 *
 * Returns: (transfer floating): the dialog
 */
StudioImportDialog *
studio_import_dialog_new (StudioSession    *session,
                          GFile            *file,
                          StudioImportMode  mode)
{
  StudioImportDialog *self;
  g_autofree char *path = NULL;
  g_autofree char *name = NULL;

  g_return_val_if_fail (STUDIO_IS_SESSION (session), NULL);
  g_return_val_if_fail (G_IS_FILE (file), NULL);

  self = g_object_new (STUDIO_TYPE_IMPORT_DIALOG, NULL);
  self->session = g_object_ref (session);
  self->file = g_object_ref (file);
  self->mode = mode;
  name = g_file_get_basename (file);
  adw_window_title_set_subtitle (self->window_title, name);
  if (mode == STUDIO_IMPORT_MODE_JOIN)
    {
      gtk_window_set_title (GTK_WINDOW (self), _("Join a Project"));
      adw_window_title_set_title (self->window_title, _("Join a Project"));
    }

  path = g_file_get_path (file);
  if (studio_session_get_store (session) == NULL || path == NULL)
    {
      g_autoptr(GError) error = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                                                     path == NULL ? _("Only files on this computer can be imported: "
                                                                      "copy the package to a folder here first.")
                                                                  : _("The library is not open."));

      show_failure (self, _("This Package Cannot Be Imported"), NULL, error);
      return self;
    }

  self->importer = reslib_package_importer_new (studio_session_get_store (session), path);
  reslib_job_set_progress_func (RESLIB_JOB (self->importer), progress_cb, self, NULL);
  start_run (self, TRUE);

  return self;
}

/**
 * studio_import_split_packages:
 * @files: (element-type GFile): files dropped, pasted or chosen
 * @packages: (out) (element-type GFile) (transfer full): those that are packages
 *
 * Tells packages (reslib_package_sniff(): their first tar headers) from the other files.
 *
 * Returns: (element-type GFile) (transfer full): the files that are not packages
 */
GSList *
studio_import_split_packages (GSList  *files,
                       GSList **packages)
{
  GSList *others = NULL;

  *packages = NULL;
  for (GSList *l = files; l != NULL; l = l->next)
    {
      if (reslib_package_sniff (l->data, NULL, NULL, NULL))
        *packages = g_slist_prepend (*packages, g_object_ref (l->data));
      else
        others = g_slist_prepend (others, g_object_ref (l->data));
    }
  *packages = g_slist_reverse (*packages);

  return g_slist_reverse (others);
}

/**
 * studio_import_dialog_get_file:
 *
 * Returns: (transfer none): the package the dialog reviews
 */
GFile *
studio_import_dialog_get_file (StudioImportDialog *self)
{
  g_return_val_if_fail (STUDIO_IS_IMPORT_DIALOG (self), NULL);

  return self->file;
}

StudioImportState
studio_import_dialog_get_state (StudioImportDialog *self)
{
  g_return_val_if_fail (STUDIO_IS_IMPORT_DIALOG (self), STUDIO_IMPORT_STATE_FAILED);

  return self->state;
}

/**
 * studio_import_dialog_get_count:
 *
 * Returns: how many records of @kind the import would (after the review) treat with @outcome
 */
guint
studio_import_dialog_get_count (StudioImportDialog *self,
                                ReslibKind          kind,
                                ReslibImportOutcome outcome)
{
  g_return_val_if_fail (STUDIO_IS_IMPORT_DIALOG (self), 0);
  g_return_val_if_fail ((guint) kind < RESLIB_N_KINDS && (guint) outcome < N_OUTCOMES, 0);

  return self->counts[kind][outcome];
}

/**
 * studio_import_dialog_get_imported_project:
 *
 * Returns: (nullable): after the import, the project the records went into
 */
const char *
studio_import_dialog_get_imported_project (StudioImportDialog *self)
{
  g_return_val_if_fail (STUDIO_IS_IMPORT_DIALOG (self), NULL);

  return self->imported_project;
}
