/* studio-review-page-levels.c — the Review page's two-level review: who decides (a member of the resource's
 * unit checks first, a member of the first host decides), the checklist (政治性、科学性、版权), which review the
 * selected resource waits for, and the review log's export
 *
 * The reviewer is chosen among the project's members; "This library" is the library's own decision at the
 * first host's level, without the checklist (as before the two levels). A member of the first host decides
 * at level 2, any other member at level 1 (the store refuses what the rules do not allow, with a message that
 * says what to do).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "reslib-review-log-export.h"
#include "reslib-store-review.h"
#include "studio-file-job.h"
#include "studio-review-page-private.h"
#include "studio-session.h"

static void
setup_label_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *item,
                gpointer                  data)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), GPOINTER_TO_INT (data) ? PANGO_ELLIPSIZE_END : PANGO_ELLIPSIZE_NONE);
  gtk_list_item_set_child (item, label);
}

static void
bind_label_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               gpointer                  data)
{
  GtkStringObject *string = gtk_list_item_get_item (item);

  gtk_label_set_text (GTK_LABEL (gtk_list_item_get_child (item)), gtk_string_object_get_string (string));
}

static GtkListItemFactory *
label_factory (gboolean ellipsize)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();

  g_signal_connect (factory, "setup", G_CALLBACK (setup_label_cb), GINT_TO_POINTER (ellipsize));
  g_signal_connect (factory, "bind", G_CALLBACK (bind_label_cb), NULL);

  return factory;
}

/* The reviewers to choose from: this library, then every member of the project, the first host's first;
 * the one chosen stays chosen when it is still there. */
void
_studio_review_page_update_reviewers (StudioReviewPage *self,
                                      ReslibStore      *store,
                                      const char       *project_id)
{
  g_autoptr(GListModel) members = store != NULL && project_id != NULL
                                  ? reslib_store_list (store, RESLIB_KIND_MEMBER, project_id, NULL) : NULL;
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  g_autofree char *chosen = NULL;
  guint selected = gtk_drop_down_get_selected (self->reviewer_dropdown);
  guint keep = 0;

  if (selected != GTK_INVALID_LIST_POSITION && selected < self->reviewer_ids->len)
    chosen = g_strdup (g_ptr_array_index (self->reviewer_ids, selected));
  g_clear_pointer (&self->first_host, g_free);
  if (store != NULL && project_id != NULL)
    self->first_host = reslib_store_first_host (store, project_id, NULL);
  g_ptr_array_set_size (self->reviewer_ids, 0);
  g_ptr_array_set_size (self->reviewer_units, 0);

  /* Translators: the reviewer to choose when no member decides: the library's own decision */
  gtk_string_list_append (names, _("This library (no member)"));
  g_ptr_array_add (self->reviewer_ids, g_strdup (""));
  g_ptr_array_add (self->reviewer_units, g_strdup (""));
  for (guint pass = 0; pass < 2; pass++)
    for (guint i = 0; members != NULL && i < g_list_model_get_n_items (members); i++)
      {
        g_autoptr(ReslibRecord) member = g_list_model_get_item (members, i);
        const char *unit = reslib_record_get (member, "unit_id");
        const char *unit_name = unit != NULL ? g_hash_table_lookup (self->units, unit) : NULL;
        gboolean of_first = self->first_host != NULL && g_strcmp0 (unit, self->first_host) == 0;
        g_autofree char *label = NULL;

        if (of_first != (pass == 0))
          continue;
        /* Translators: a reviewer to choose: the member's name and unit */
        label = g_strdup_printf (_("%s (%s)"), reslib_record_get (member, "name"), unit_name != NULL ? unit_name : "");
        gtk_string_list_append (names, label);
        g_ptr_array_add (self->reviewer_ids, g_strdup (reslib_record_get_id (member)));
        g_ptr_array_add (self->reviewer_units, g_strdup (unit != NULL ? unit : ""));
        if (g_strcmp0 (chosen, reslib_record_get_id (member)) == 0)
          keep = self->reviewer_ids->len - 1;
      }
  gtk_drop_down_set_model (self->reviewer_dropdown, G_LIST_MODEL (names));
  gtk_drop_down_set_selected (self->reviewer_dropdown, keep);
}

/* The chosen member's id and level; NULL for this library. */
static const char *
chosen_reviewer (StudioReviewPage  *self,
                 ReslibReviewLevel *level)
{
  guint selected = gtk_drop_down_get_selected (self->reviewer_dropdown);
  const char *id;

  *level = RESLIB_REVIEW_LEVEL_HOST;
  if (selected == GTK_INVALID_LIST_POSITION || selected >= self->reviewer_ids->len)
    return NULL;
  id = g_ptr_array_index (self->reviewer_ids, selected);
  if (*id == '\0')
    return NULL;
  if (g_strcmp0 (g_ptr_array_index (self->reviewer_units, selected), self->first_host) != 0)
    *level = RESLIB_REVIEW_LEVEL_UNIT;

  return id;
}

static void
update_checklist (StudioReviewPage *self)
{
  ReslibReviewLevel level;

  /* This library decides without the checklist */
  gtk_widget_set_sensitive (self->checklist_box, chosen_reviewer (self, &level) != NULL);
}

/* Which review the one selected resource waits for; hidden for none or several. */
void
_studio_review_page_update_level (StudioReviewPage *self,
                                  ReslibRecord     *resource)
{
  ReslibStore *store = studio_page_get_store (STUDIO_PAGE (self));
  ReslibReviewLevel level = 0;
  g_autofree char *text = NULL;

  update_checklist (self);
  if (resource != NULL && store != NULL)
    level = reslib_store_review_next_level (store, reslib_record_get_id (resource), NULL);
  if (level == RESLIB_REVIEW_LEVEL_UNIT)
    /* Translators: which review the selected resource waits for; %s is its unit */
    text = g_strdup_printf (_("Waiting for the review of its unit, %s, first (level 1); then the first host decides."),
                            _studio_review_page_unit_name (self, resource));
  else if (level == RESLIB_REVIEW_LEVEL_HOST)
    text = g_strdup (_("Waiting for the first host's decision (level 2)."));
  gtk_label_set_text (self->level_label, text != NULL ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (self->level_label), text != NULL);
}

/**
 * _studio_review_page_decide:
 * @ids: resource ids
 * @approve: approve (pass, at level 1) or reject
 * @note: (nullable): needed to reject
 * @passed_unit: (out): set to %TRUE when the decision was a unit's pass (the resources still wait)
 *
 * The decision, by the chosen reviewer at the reviewer's level with the checklist, or by this library.
 */
gboolean
_studio_review_page_decide (StudioReviewPage  *self,
                            GPtrArray         *ids,
                            gboolean           approve,
                            const char        *note,
                            gboolean          *passed_unit,
                            GError           **error)
{
  ReslibStore *store = studio_page_get_store (STUDIO_PAGE (self));
  ReslibReviewChecks checks = RESLIB_REVIEW_CHECK_NONE;
  ReslibReviewLevel level;
  const char *reviewer = chosen_reviewer (self, &level);
  gboolean ok;

  *passed_unit = FALSE;
  g_ptr_array_add (ids, NULL);
  if (reviewer == NULL)
    ok = reslib_store_review (store, (const char * const *) ids->pdata,
                              approve ? RESLIB_REVIEW_APPROVE : RESLIB_REVIEW_REJECT, note, error);
  else
    {
      if (gtk_check_button_get_active (self->political_check))
        checks |= RESLIB_REVIEW_CHECK_POLITICAL;
      if (gtk_check_button_get_active (self->scientific_check))
        checks |= RESLIB_REVIEW_CHECK_SCIENTIFIC;
      if (gtk_check_button_get_active (self->copyright_check))
        checks |= RESLIB_REVIEW_CHECK_COPYRIGHT;
      ok = reslib_store_review_decide (store, (const char * const *) ids->pdata, level, reviewer, approve, checks,
                                       note, error);
      *passed_unit = ok && approve && level == RESLIB_REVIEW_LEVEL_UNIT;
    }
  g_ptr_array_set_size (ids, ids->len - 1);
  if (ok)
    {
      /* Each decision is checked anew */
      gtk_check_button_set_active (self->political_check, FALSE);
      gtk_check_button_set_active (self->scientific_check, FALSE);
      gtk_check_button_set_active (self->copyright_check, FALSE);
    }

  return ok;
}

/* ---------------------------------------------------------------------------------------------- */
/* The review log's export                                                                         */

static ReslibJob *
make_export_job (ReslibStore       *store,
                 const char        *project_id,
                 const char        *path,
                 ReslibOutputFlags  flags,
                 gpointer           user_data)
{
  ReslibSheetFormat format = RESLIB_SHEET_FORMAT_XLSX;
  g_autoptr(GError) error = NULL;
  ReslibReviewLogExportJob *job;

  reslib_sheet_format_for_path (path, &format);
  job = reslib_review_log_export_job_new (store, project_id, path, format, &error);
  if (job == NULL)
    {
      g_warning ("The review log cannot be read: %s", error->message);
      return NULL;
    }
  reslib_review_log_export_job_set_flags (job, flags);

  return RESLIB_JOB (job);
}

static char *
export_done_title (ReslibJob  *job,
                   const char *name)
{
  guint n = reslib_review_log_export_job_get_n_rows (RESLIB_REVIEW_LOG_EXPORT_JOB (job));

  /* Translators: a toast after the review log was exported: the file's name, how many decisions */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "“%s” exported: %u review decision",
                                       "“%s” exported: %u review decisions", n),
                          name, n);
}

/**
 * studio_review_page_export_log_to_file:
 * @file: a local .xlsx or .csv file (else xlsx)
 *
 * Writes the project's review log to @file, as the Export Review Log button does after its dialog.
 */
void
studio_review_page_export_log_to_file (StudioReviewPage    *self,
                                       GFile               *file,
                                       ReslibOutputFlags    flags,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data)
{
  StudioFileJobTexts texts = {
    .progress = _("Exporting the review log…"),
    .cancelled = _("The review log was not exported: cancelled"),
    .failed = _("The review log could not be exported"),
    .open_failed = _("The review log could not be opened"),
    .done = STUDIO_FILE_JOB_OPEN,
    .done_title = export_done_title,
  };

  g_return_if_fail (STUDIO_IS_REVIEW_PAGE (self));

  studio_file_job_run (studio_page_get_session (STUDIO_PAGE (self)), file, flags, &texts, make_export_job, NULL,
                       callback, user_data);
}

gboolean
studio_review_page_export_log_to_file_finish (GAsyncResult  *result,
                                              GError       **error)
{
  return studio_file_job_run_finish (result, error);
}

static void
export_chosen_cb (StudioSession     *session,
                  GFile             *file,
                  ReslibOutputFlags  flags,
                  const char        *suffix,
                  gpointer           user_data)
{
  studio_review_page_export_log_to_file (user_data, file, flags, NULL, NULL);
}

static void
export_log_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  StudioReviewPage *self = STUDIO_REVIEW_PAGE (widget);
  StudioSession *session = studio_page_get_session (STUDIO_PAGE (self));
  g_autoptr(ReslibRecord) project = studio_page_get_project (STUDIO_PAGE (self));
  GtkRoot *root = gtk_widget_get_root (widget);
  g_autofree char *name = NULL;
  g_autofree char *safe = NULL;
  const StudioFileJobFilter filters[] = {
    { _("Excel workbooks"), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx" },
    { _("CSV files (UTF-8)"), "text/csv", "csv" },
  };

  if (session == NULL || project == NULL)
    return;
  /* Translators: the file name proposed for the exported review log: the project's name, then this */
  name = g_strdup_printf ("%s %s.xlsx", reslib_record_get (project, "name"), C_("file name", "Review Log"));
  safe = studio_file_job_safe_name (name);
  studio_file_job_choose (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, session, _("Export Review Log"),
                          _("_Export"), STUDIO_FOLDER_REPORTS, safe, filters, G_N_ELEMENTS (filters), 0,
                          export_chosen_cb, g_object_ref (self), g_object_unref);
}

static void
reviewer_selected_cb (GObject          *dropdown,
                      GParamSpec       *pspec,
                      StudioReviewPage *self)
{
  update_checklist (self);
}

void
_studio_review_page_class_init_levels (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "review.export-log", NULL, export_log_action);
}

void
_studio_review_page_init_levels (StudioReviewPage *self)
{
  g_autoptr(GtkListItemFactory) button = label_factory (TRUE);
  g_autoptr(GtkListItemFactory) list = label_factory (FALSE);

  self->reviewer_ids = g_ptr_array_new_with_free_func (g_free);
  self->reviewer_units = g_ptr_array_new_with_free_func (g_free);
  gtk_drop_down_set_factory (self->reviewer_dropdown, button);
  gtk_drop_down_set_list_factory (self->reviewer_dropdown, list);
  g_signal_connect (self->reviewer_dropdown, "notify::selected", G_CALLBACK (reviewer_selected_cb), self);
  update_checklist (self);
}

void
_studio_review_page_finalize_levels (StudioReviewPage *self)
{
  g_clear_pointer (&self->reviewer_ids, g_ptr_array_unref);
  g_clear_pointer (&self->reviewer_units, g_ptr_array_unref);
  g_clear_pointer (&self->first_host, g_free);
}
