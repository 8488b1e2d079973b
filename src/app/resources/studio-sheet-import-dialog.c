/* studio-sheet-import-dialog.c — "Import Metadata…": what a spreadsheet would change, then Apply
 *
 * The sheet is read at once as a dry run (ReslibSheetImport, in a worker, with progress and
 * Cancel); the window lists every change as row, resource, field, old → new, and every error with
 * its row and what to do, under a line of counts. Apply runs the import for real (it reads the sheet
 * again: what is written is what the sheet holds then) and emits "applied"; any error, and nothing
 * is written.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "studio-sheet-import-dialog.h"

struct _StudioSheetImportDialog
{
  AdwWindow          parent_instance;

  ReslibStore       *store;
  char              *project_id;
  char              *path;
  GCancellable      *cancellable;
  GtkStringList     *lines;
  char              *summary;
  gboolean           can_apply;

  GtkButton         *apply_button;
  GtkStack          *stack;
  GtkProgressBar    *progress;
  GtkLabel          *summary_label;
};

G_DEFINE_FINAL_TYPE (StudioSheetImportDialog, studio_sheet_import_dialog, ADW_TYPE_WINDOW)

enum { APPLIED, N_SIGNALS };
static guint signals[N_SIGNALS];

static void
progress_cb (const ReslibProgress *progress,
             gpointer              data)
{
  StudioSheetImportDialog *self = data;
  /* Translators: progress of reading a spreadsheet: rows read so far */
  g_autofree char *text = g_strdup_printf (_("%u rows read"), progress->files_done);

  gtk_progress_bar_pulse (self->progress);
  gtk_progress_bar_set_text (self->progress, text);
}

static void
start (StudioSheetImportDialog *self,
       gboolean                 dry_run);

static void
show_result (StudioSheetImportDialog *self,
             ReslibSheetImport       *job)
{
  GPtrArray *rows = reslib_sheet_import_get_rows (job);
  guint n_changes = reslib_sheet_import_get_n_changes (job), n_files = reslib_sheet_import_get_n_files (job);
  guint n_errors = reslib_sheet_import_get_n_errors (job), n_hidden = reslib_sheet_import_get_n_hidden (job);
  g_autoptr(GString) summary = g_string_new (NULL);
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < rows->len; i++)
    {
      ReslibSheetRow *row = g_ptr_array_index (rows, i);
      const char *name = row->title != NULL ? row->title : row->file_path != NULL ? row->file_path : "";

      if (row->file_path != NULL && row->errors->len == 0)
        {
          /* Translators: a line of the preview: the sheet's row number, the file it imports */
          g_ptr_array_add (lines, g_strdup_printf (_("Row %u · %s — new resource from the file “%s”"), row->row,
                                                   name, row->file_path));
        }
      for (guint e = 0; e < row->errors->len; e++)
        /* Translators: a line of the preview: the sheet's row number, what is wrong with it */
        g_ptr_array_add (lines, g_strdup_printf (_("Row %u · Error: %s"), row->row,
                                                 (const char *) g_ptr_array_index (row->errors, e)));
      for (guint c = 0; c < row->changes->len && row->errors->len == 0; c++)
        {
          ReslibSheetChange *change = g_ptr_array_index (row->changes, c);

          if (change->old_value != NULL && change->old_value[0] != '\0')
            /* Translators: a line of the preview: row number, resource, column, old value → new value */
            g_ptr_array_add (lines, g_strdup_printf (_("Row %u · %s — %s: %s → %s"), row->row, name, change->column,
                                                     change->old_value, change->new_value));
          else
            /* Translators: a line of the preview: row number, resource, column, → the value it gets */
            g_ptr_array_add (lines, g_strdup_printf (_("Row %u · %s — %s: → %s"), row->row, name, change->column,
                                                     change->new_value));
        }
    }
  if (n_hidden > 0)
    /* Translators: the last line of the preview when it does not list every row */
    g_ptr_array_add (lines, g_strdup_printf (ngettext ("… and %u more row (only the first %u that change something "
                                                       "and the first %u with errors are listed)",
                                                       "… and %u more rows (only the first %u that change something "
                                                       "and the first %u with errors are listed)", n_hidden),
                                             n_hidden, RESLIB_SHEET_IMPORT_SHOWN_ROWS,
                                             RESLIB_SHEET_IMPORT_SHOWN_ROWS));
  g_ptr_array_add (lines, NULL);
  gtk_string_list_splice (self->lines, 0, g_list_model_get_n_items (G_LIST_MODEL (self->lines)),
                          (const char * const *) lines->pdata);

  /* Translators: the preview's counts: rows read, fields changed, rows that change nothing */
  g_string_append_printf (summary, ngettext ("%u rows read: %u change, %u rows unchanged",
                                             "%u rows read: %u changes, %u rows unchanged", n_changes),
                          reslib_sheet_import_get_n_rows (job), n_changes, reslib_sheet_import_get_n_unchanged (job));
  if (n_files > 0)
    /* Translators: appended to the preview's counts */
    g_string_append_printf (summary, ngettext (", %u file to import", ", %u files to import", n_files), n_files);
  if (n_errors > 0)
    {
      g_string_append (summary, "\n");
      g_string_append_printf (summary, ngettext ("%u error: nothing is written while a row has an error. Correct "
                                                 "that row in the sheet, save it and import it again.",
                                                 "%u errors: nothing is written while a row has an error. Correct "
                                                 "those rows in the sheet, save it and import it again.", n_errors),
                              n_errors);
    }
  else if (n_changes == 0 && n_files == 0)
    {
      g_string_append (summary, "\n");
      g_string_append (summary, _("The sheet changes nothing: its values are those of the resources already."));
    }
  g_free (self->summary);
  self->summary = g_string_free (g_steal_pointer (&summary), FALSE);
  gtk_label_set_text (self->summary_label, self->summary);
  self->can_apply = n_errors == 0 && (n_changes > 0 || n_files > 0);
  gtk_widget_set_sensitive (GTK_WIDGET (self->apply_button), self->can_apply);
  gtk_stack_set_visible_child_name (self->stack, "preview");
  if (self->can_apply)
    gtk_widget_grab_focus (GTK_WIDGET (self->apply_button));
}

static void
done_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      data)
{
  g_autoptr(StudioSheetImportDialog) self = data;
  ReslibSheetImport *job = RESLIB_SHEET_IMPORT (source);
  g_autoptr(GError) error = NULL;
  gboolean ok = reslib_job_run_finish (RESLIB_JOB (job), result, &error);

  g_clear_object (&self->cancellable);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;   /* the window was closed */
  if (!ok)
    {
      g_free (self->summary);
      self->summary = g_strdup_printf ("%s\n%s", _("The sheet could not be read: nothing was changed."),
                                       error->message);
      gtk_label_set_text (self->summary_label, self->summary);
      gtk_string_list_splice (self->lines, 0, g_list_model_get_n_items (G_LIST_MODEL (self->lines)), NULL);
      self->can_apply = FALSE;
      gtk_widget_set_sensitive (GTK_WIDGET (self->apply_button), FALSE);
      gtk_stack_set_visible_child_name (self->stack, "preview");
      return;
    }
  if (reslib_sheet_import_get_applied (job))
    {
      g_signal_emit (self, signals[APPLIED], 0, job);
      gtk_window_destroy (GTK_WINDOW (self));
      return;
    }
  show_result (self, job);
}

static void
start (StudioSheetImportDialog *self,
       gboolean                 dry_run)
{
  g_autoptr(ReslibSheetImport) job = reslib_sheet_import_new (self->store, self->project_id, self->path);

  reslib_sheet_import_set_dry_run (job, dry_run);
  reslib_job_set_progress_func (RESLIB_JOB (job), progress_cb, self, NULL);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  gtk_progress_bar_set_text (self->progress, dry_run ? _("Reading the sheet…") : _("Writing the changes…"));
  gtk_stack_set_visible_child_name (self->stack, "busy");
  gtk_widget_set_sensitive (GTK_WIDGET (self->apply_button), FALSE);
  reslib_job_run_async (RESLIB_JOB (job), self->cancellable, done_cb, g_object_ref (self));
}

static void
apply_clicked_cb (StudioSheetImportDialog *self)
{
  if (self->can_apply && self->cancellable == NULL)
    start (self, FALSE);
}

static gboolean
close_request_cb (StudioSheetImportDialog *self)
{
  /* Closing stops the run: a dry run only reads, an apply is rolled back (nothing half-written). */
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);

  return FALSE;
}

static void
bind_line_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item)
{
  GtkLabel *label = GTK_LABEL (gtk_list_item_get_child (item));
  GtkStringObject *line = gtk_list_item_get_item (item);

  gtk_label_set_text (label, gtk_string_object_get_string (line));
}

static void
setup_line_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_widget_set_margin_top (label, 6);
  gtk_widget_set_margin_bottom (label, 6);
  gtk_widget_set_margin_start (label, 12);
  gtk_widget_set_margin_end (label, 12);
  gtk_list_item_set_child (item, label);
}

static void
studio_sheet_import_dialog_dispose (GObject *object)
{
  StudioSheetImportDialog *self = STUDIO_SHEET_IMPORT_DIALOG (object);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (studio_sheet_import_dialog_parent_class)->dispose (object);
}

static void
studio_sheet_import_dialog_finalize (GObject *object)
{
  StudioSheetImportDialog *self = STUDIO_SHEET_IMPORT_DIALOG (object);

  g_clear_object (&self->store);
  g_clear_object (&self->lines);
  g_free (self->project_id);
  g_free (self->path);
  g_free (self->summary);

  G_OBJECT_CLASS (studio_sheet_import_dialog_parent_class)->finalize (object);
}

static void
studio_sheet_import_dialog_class_init (StudioSheetImportDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = studio_sheet_import_dialog_dispose;
  object_class->finalize = studio_sheet_import_dialog_finalize;

  /**
   * StudioSheetImportDialog::applied:
   * @job: the import that wrote the changes (its undo step, its counts)
   */
  signals[APPLIED] = g_signal_new ("applied", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                   G_TYPE_NONE, 1, RESLIB_TYPE_SHEET_IMPORT);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
studio_sheet_import_dialog_init (StudioSheetImportDialog *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = adw_header_bar_new ();
  GtkWidget *cancel = gtk_button_new_with_mnemonic (_("_Cancel"));
  GtkWidget *busy = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *preview = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  GtkWidget *list;

  self->lines = gtk_string_list_new (NULL);
  self->apply_button = GTK_BUTTON (gtk_button_new_with_mnemonic (_("_Apply")));
  gtk_widget_add_css_class (GTK_WIDGET (self->apply_button), "suggested-action");
  gtk_widget_set_sensitive (GTK_WIDGET (self->apply_button), FALSE);
  g_signal_connect_swapped (self->apply_button, "clicked", G_CALLBACK (apply_clicked_cb), self);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (cancel), "window.close");
  adw_header_bar_set_show_end_title_buttons (ADW_HEADER_BAR (header), FALSE);
  adw_header_bar_set_show_start_title_buttons (ADW_HEADER_BAR (header), FALSE);
  adw_header_bar_pack_start (ADW_HEADER_BAR (header), cancel);
  adw_header_bar_pack_end (ADW_HEADER_BAR (header), GTK_WIDGET (self->apply_button));
  gtk_box_append (GTK_BOX (box), header);

  self->stack = GTK_STACK (gtk_stack_new ());
  gtk_widget_set_vexpand (GTK_WIDGET (self->stack), TRUE);

  self->progress = GTK_PROGRESS_BAR (gtk_progress_bar_new ());
  gtk_progress_bar_set_show_text (self->progress, TRUE);
  gtk_widget_set_valign (busy, GTK_ALIGN_CENTER);
  gtk_widget_set_margin_start (busy, 24);
  gtk_widget_set_margin_end (busy, 24);
  gtk_box_append (GTK_BOX (busy), GTK_WIDGET (self->progress));
  gtk_stack_add_named (self->stack, busy, "busy");

  self->summary_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (self->summary_label, 0);
  gtk_label_set_wrap (self->summary_label, TRUE);
  gtk_label_set_selectable (self->summary_label, TRUE);
  gtk_widget_set_margin_top (GTK_WIDGET (self->summary_label), 12);
  gtk_widget_set_margin_start (GTK_WIDGET (self->summary_label), 12);
  gtk_widget_set_margin_end (GTK_WIDGET (self->summary_label), 12);
  gtk_box_append (GTK_BOX (preview), GTK_WIDGET (self->summary_label));

  g_signal_connect (factory, "setup", G_CALLBACK (setup_line_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_line_cb), NULL);
  list = gtk_list_view_new (GTK_SELECTION_MODEL (gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->lines)))),
                            factory);
  gtk_widget_add_css_class (list, "rich-list");
  gtk_accessible_update_property (GTK_ACCESSIBLE (list), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("What the sheet changes, row by row"), -1);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), list);
  gtk_widget_set_vexpand (scrolled, TRUE);
  gtk_box_append (GTK_BOX (preview), scrolled);
  gtk_stack_add_named (self->stack, preview, "preview");

  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->stack));
  adw_window_set_content (ADW_WINDOW (self), box);
  gtk_window_set_default_size (GTK_WINDOW (self), 720, 560);
  gtk_window_set_modal (GTK_WINDOW (self), TRUE);
  g_signal_connect (self, "close-request", G_CALLBACK (close_request_cb), NULL);
}

StudioSheetImportDialog *
studio_sheet_import_dialog_new (GtkWindow   *parent,
                                ReslibStore *store,
                                const char  *project_id,
                                const char  *path)
{
  StudioSheetImportDialog *self = g_object_new (STUDIO_TYPE_SHEET_IMPORT_DIALOG, "transient-for", parent, NULL);
  g_autofree char *base = g_filename_display_basename (path);
  /* Translators: the window's title; %s is the spreadsheet's file name */
  g_autofree char *title = g_strdup_printf (_("Import Metadata from “%s”"), base);

  self->store = g_object_ref (store);
  self->project_id = g_strdup (project_id);
  self->path = g_strdup (path);
  gtk_window_set_title (GTK_WINDOW (self), title);
  start (self, TRUE);

  return self;
}

GListModel *
studio_sheet_import_dialog_get_lines (StudioSheetImportDialog *self)
{
  g_return_val_if_fail (STUDIO_IS_SHEET_IMPORT_DIALOG (self), NULL);

  return G_LIST_MODEL (self->lines);
}

gboolean
studio_sheet_import_dialog_is_busy (StudioSheetImportDialog *self)
{
  g_return_val_if_fail (STUDIO_IS_SHEET_IMPORT_DIALOG (self), FALSE);

  return self->cancellable != NULL;
}

const char *
studio_sheet_import_dialog_get_summary (StudioSheetImportDialog *self)
{
  g_return_val_if_fail (STUDIO_IS_SHEET_IMPORT_DIALOG (self), NULL);

  return self->summary;
}
