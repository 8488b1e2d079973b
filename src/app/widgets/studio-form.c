/* studio-form.c — the form rows, record lists and form dialogs of the Dossier and Units & Team pages
 *
 * A field row writes its value through to the store when it is applied; a refused value stays in
 * the row, marked, with the core's message beside it. Deleting a record or clearing a field offers
 * an "Undo" toast, and the page's undo action undoes the latest of them.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "reslib-entity.h"
#include "reslib-undo-step.h"
#include "studio-form.h"
#include "studio-text-row.h"
#include "studio-tooltip.h"

static StudioPage *writing_page;

gboolean
studio_form_is_writing (StudioPage *page)
{
  return writing_page != NULL && writing_page == page;
}

GtkWidget *
studio_form_placeholder (const char *text)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_widget_add_css_class (label, "dim-label");
  gtk_widget_set_margin_top (label, 12);
  gtk_widget_set_margin_bottom (label, 12);
  gtk_widget_set_margin_start (label, 12);
  gtk_widget_set_margin_end (label, 12);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);

  return label;
}

/* Shows @error (or, with %NULL, hides what was shown for @row) in @error_label, and marks @row. */
void
studio_form_show_error (GtkLabel     *error_label,
                        GtkWidget    *row,
                        const char   *title,
                        const GError *error)
{
  if (row != NULL)
    {
      if (error != NULL)
        gtk_widget_add_css_class (row, "error");
      else
        gtk_widget_remove_css_class (row, "error");
    }
  if (error_label == NULL)
    return;

  if (error != NULL)
    {
      g_autofree char *text = NULL;

      if (title != NULL)
        /* Translators: a field's name and why its value was refused */
        text = g_strdup_printf (_("%s: %s"), title, error->message);
      else
        text = g_strdup (error->message);
      gtk_label_set_text (error_label, text);
      gtk_widget_set_visible (GTK_WIDGET (error_label), TRUE);
      g_object_set_data (G_OBJECT (error_label), "studio-error-row", row);
    }
  else if (row == NULL || g_object_get_data (G_OBJECT (error_label), "studio-error-row") == row)
    {
      gtk_label_set_text (error_label, "");
      gtk_widget_set_visible (GTK_WIDGET (error_label), FALSE);
      g_object_set_data (G_OBJECT (error_label), "studio-error-row", NULL);
    }
}

/* "1234567" → "12345.67" */
char *
studio_form_format_amount (const char *cents)
{
  return reslib_amount_format (cents);
}

/* "12,345.6" → "1234560"; an empty text is no amount (NULL, TRUE). */
gboolean
studio_form_parse_amount (const char  *text,
                          char       **cents,
                          GError     **error)
{
  return reslib_amount_parse (text, cents, error);
}

typedef struct
{
  StudioPage      *page;          /* not owned: the row lives in the page */
  ReslibRecord    *record;
  char            *field;
  char            *title;
  char           **values;        /* a combo's stored values, or NULL */
  GtkLabel        *error_label;   /* not owned */
  GtkWidget       *missing;       /* "Not filled in", or NULL */
  StudioFormCheck  check;
  gboolean         amount;
  gboolean         setting;
} FieldRow;

static void
field_row_free (gpointer data)
{
  FieldRow *fr = data;

  g_clear_object (&fr->record);
  g_free (fr->field);
  g_free (fr->title);
  g_strfreev (fr->values);
  g_free (fr);
}

static char *
field_row_shown_value (FieldRow *fr)
{
  const char *value = reslib_record_get (fr->record, fr->field);

  if (fr->amount)
    return studio_form_format_amount (value);

  return g_strdup (value != NULL ? value : "");
}

static gboolean
field_row_write (FieldRow   *fr,
                 GtkWidget  *row,
                 const char *value)
{
  ReslibStore *store = studio_page_get_store (fr->page);
  g_autoptr(ReslibUndoStep) step = NULL;
  g_autoptr(GError) error = NULL;
  gboolean ok;

  if (store == NULL)
    return FALSE;
  writing_page = fr->page;
  step = reslib_store_update_record_undoable (store, fr->record, fr->field, value, &error);
  writing_page = NULL;
  ok = step != NULL;
  if (ok)
    studio_page_push_undo (fr->page, step, fr->title, NULL);
  studio_form_show_error (fr->error_label, row, fr->title, ok ? NULL : error);

  return ok;
}

static void
entry_changed_cb (GtkEditable *editable,
                  FieldRow    *fr)
{
  if (fr->missing != NULL)
    gtk_widget_set_visible (fr->missing, *gtk_editable_get_text (editable) == '\0');
}

static void
entry_apply_cb (AdwEntryRow *row,
                FieldRow    *fr)
{
  g_autofree char *value = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));
  g_autofree char *shown = field_row_shown_value (fr);
  g_autofree char *cents = NULL;
  g_autoptr(GError) error = NULL;

  if (g_strcmp0 (value, shown) == 0)
    {
      studio_form_show_error (fr->error_label, GTK_WIDGET (row), NULL, NULL);
      return;
    }
  if (fr->amount)
    {
      if (!studio_form_parse_amount (value, &cents, &error))
        {
          studio_form_show_error (fr->error_label, GTK_WIDGET (row), fr->title, error);
          return;
        }
      g_free (value);
      value = g_steal_pointer (&cents);
    }
  if (fr->check != NULL && value != NULL && *value != '\0' && !fr->check (fr->field, value, &error))
    {
      studio_form_show_error (fr->error_label, GTK_WIDGET (row), fr->title, error);
      return;
    }
  field_row_write (fr, GTK_WIDGET (row), value);
}

static void
entry_focus_leave_cb (GtkEventControllerFocus *controller,
                      FieldRow                *fr)
{
  GtkWidget *row = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (controller));

  /* A window being destroyed moves the focus too: write only from a live page. */
  if (gtk_widget_get_root (row) != NULL && studio_page_get_store (fr->page) != NULL)
    entry_apply_cb (ADW_ENTRY_ROW (row), fr);
}

static void
text_focus_leave_cb (GtkEventControllerFocus *controller,
                     FieldRow                *fr)
{
  GtkWidget *row = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (controller));
  g_autofree char *value = NULL;
  g_autofree char *shown = NULL;

  if (gtk_widget_get_root (row) == NULL || studio_page_get_store (fr->page) == NULL)
    return;
  value = studio_text_row_get_text (row);
  shown = field_row_shown_value (fr);
  if (g_strcmp0 (value, shown) == 0)
    {
      studio_form_show_error (fr->error_label, row, NULL, NULL);
      return;
    }
  field_row_write (fr, row, *value != '\0' ? value : NULL);
}

static guint
combo_index (FieldRow *fr)
{
  const char *value = reslib_record_get (fr->record, fr->field);

  for (guint i = 0; fr->values[i] != NULL; i++)
    if (g_strcmp0 (fr->values[i], value != NULL ? value : "") == 0)
      return i;

  return GTK_INVALID_LIST_POSITION;
}

static void
combo_selected_cb (AdwComboRow *row,
                   GParamSpec  *pspec,
                   FieldRow    *fr)
{
  guint selected = adw_combo_row_get_selected (row);

  if (fr->setting || selected == GTK_INVALID_LIST_POSITION || selected >= g_strv_length (fr->values))
    return;
  if (selected == combo_index (fr))
    return;
  if (!field_row_write (fr, GTK_WIDGET (row), fr->values[selected]))
    {
      fr->setting = TRUE;
      adw_combo_row_set_selected (row, combo_index (fr));
      fr->setting = FALSE;
    }
}

/* A choice of the menu beside a text entry: the value replaces the entry's text and, in a field row, is
 * written at once. */
static void
suggestion_clicked_cb (GtkButton *button,
                       GtkWidget *row)
{
  const char *value = g_object_get_data (G_OBJECT (button), "studio-suggestion");
  GtkWidget *popover = gtk_widget_get_ancestor (GTK_WIDGET (button), GTK_TYPE_POPOVER);
  FieldRow *fr = g_object_get_data (G_OBJECT (row), "studio-field-row");

  if (popover != NULL)
    gtk_popover_popdown (GTK_POPOVER (popover));
  gtk_editable_set_text (GTK_EDITABLE (row), value);
  if (fr != NULL)
    entry_apply_cb (ADW_ENTRY_ROW (row), fr);
}

/* A menu button at the end of an entry row offering @suggestions; what is typed stays free. */
static void
add_suggestions (GtkWidget          *row,
                 const char * const *suggestions)
{
  GtkWidget *button, *popover, *box;

  if (suggestions == NULL || suggestions[0] == NULL)
    return;
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  for (guint i = 0; suggestions[i] != NULL; i++)
    {
      GtkWidget *item = gtk_button_new_with_label (suggestions[i]);

      gtk_widget_add_css_class (item, "flat");
      gtk_label_set_xalign (GTK_LABEL (gtk_button_get_child (GTK_BUTTON (item))), 0);
      g_object_set_data_full (G_OBJECT (item), "studio-suggestion", g_strdup (suggestions[i]), g_free);
      g_signal_connect (item, "clicked", G_CALLBACK (suggestion_clicked_cb), row);
      gtk_box_append (GTK_BOX (box), item);
    }
  popover = gtk_popover_new ();
  gtk_popover_set_child (GTK_POPOVER (popover), box);
  button = gtk_menu_button_new ();
  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (button), "pan-down-symbolic");
  gtk_menu_button_set_popover (GTK_MENU_BUTTON (button), popover);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  studio_tooltip_set (button, _("Choose from the profile’s list"));
  studio_set_accessible_label (button, _("Choose from the profile’s list"));
  adw_entry_row_add_suffix (ADW_ENTRY_ROW (row), button);
}

GtkWidget *
studio_field_row_new (StudioPage            *page,
                      ReslibRecord          *record,
                      const StudioFormField *field,
                      GtkLabel              *error_label,
                      StudioFormCheck        check)
{
  FieldRow *fr = g_new0 (FieldRow, 1);
  GtkWidget *row;

  fr->page = page;
  fr->record = g_object_ref (record);
  fr->field = g_strdup (field->field);
  fr->title = g_strdup (field->title);
  fr->values = field->values != NULL ? g_strdupv ((char **) field->values) : NULL;
  fr->error_label = error_label;
  fr->check = check;
  fr->amount = g_str_has_suffix (field->field, "_cents");

  if (field->values != NULL)
    {
      g_autoptr(GtkStringList) model = gtk_string_list_new (field->labels);

      row = adw_combo_row_new ();
      adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (model));
      adw_combo_row_set_selected (ADW_COMBO_ROW (row), combo_index (fr));
      g_signal_connect (row, "notify::selected", G_CALLBACK (combo_selected_cb), fr);
    }
  else if (field->multiline)
    {
      g_autofree char *shown = field_row_shown_value (fr);
      GtkEventController *focus = gtk_event_controller_focus_new ();

      row = studio_text_row_new (field->title, shown);
      g_signal_connect (focus, "leave", G_CALLBACK (text_focus_leave_cb), fr);
      gtk_widget_add_controller (row, focus);
    }
  else
    {
      g_autofree char *shown = field_row_shown_value (fr);
      GtkEventController *focus = gtk_event_controller_focus_new ();

      row = adw_entry_row_new ();
      adw_entry_row_set_show_apply_button (ADW_ENTRY_ROW (row), TRUE);
      gtk_editable_set_text (GTK_EDITABLE (row), shown);
      if (field->required)
        {
          fr->missing = gtk_label_new (_("Not filled in"));
          gtk_widget_add_css_class (fr->missing, "dim-label");
          gtk_widget_set_visible (fr->missing, *shown == '\0');
          adw_entry_row_add_suffix (ADW_ENTRY_ROW (row), fr->missing);
        }
      add_suggestions (row, field->suggestions);
      g_signal_connect (row, "changed", G_CALLBACK (entry_changed_cb), fr);
      g_signal_connect (row, "apply", G_CALLBACK (entry_apply_cb), fr);
      g_signal_connect (focus, "leave", G_CALLBACK (entry_focus_leave_cb), fr);
      gtk_widget_add_controller (row, focus);
    }
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), field->title);
  studio_set_accessible_label (row, field->title);
  g_object_set_data_full (G_OBJECT (row), "studio-field-row", fr, field_row_free);

  return row;
}

/* Deletions, undone from the session's undo stack */

gboolean
studio_form_delete (StudioPage *page,
                    ReslibKind  kind,
                    const char *id,
                    const char *title)
{
  ReslibStore *store = studio_page_get_store (page);
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  g_autoptr(ReslibUndoStep) deletion = NULL;

  g_return_val_if_fail (store != NULL, FALSE);

  deletion = reslib_store_delete_undoable (store, kind, (const char * const[]) { id, NULL }, &error);
  if (deletion == NULL)
    {
      studio_page_show_error (page, _("It could not be deleted"), error);
      return FALSE;
    }
  /* Translators: a toast after deleting a record, e.g. "“Budget line” deleted" */
  message = g_strdup_printf (_("“%s” deleted"), title);
  studio_page_push_undo (page, deletion, message, message);

  return TRUE;
}

/* Clears one field of a record, with an "Undo" toast that puts the value back. */
gboolean
studio_form_clear_field (StudioPage   *page,
                         ReslibRecord *record,
                         const char   *field,
                         const char   *message)
{
  ReslibStore *store = studio_page_get_store (page);
  g_autoptr(GError) error = NULL;
  g_autoptr(ReslibUndoStep) step = NULL;

  step = reslib_store_update_record_undoable (store, record, field, NULL, &error);
  if (step == NULL)
    {
      studio_page_show_error (page, _("It could not be removed"), error);
      return FALSE;
    }
  studio_page_push_undo (page, step, message, message);

  return TRUE;
}

/* Lists of records */

void
studio_form_clear_list (GtkListBox *list,
                        GHashTable *expanded)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (list))) != NULL)
    {
      const char *id = g_object_get_data (G_OBJECT (child), "record-id");

      if (expanded != NULL && id != NULL && ADW_IS_EXPANDER_ROW (child) &&
          adw_expander_row_get_expanded (ADW_EXPANDER_ROW (child)))
        g_hash_table_add (expanded, g_strdup (id));
      gtk_list_box_remove (list, child);
    }
}

typedef struct
{
  StudioPage        *page;
  StudioFormSummary  summary;
  char              *delete_label;
  GtkWidget         *delete_button;   /* not owned: a child of the row */
} RowSummary;

static void
row_summary_free (gpointer data)
{
  RowSummary *rs = data;

  g_free (rs->delete_label);
  g_free (rs);
}

/* The row's delete button names its row, as a screen reader lists the buttons out of their rows */
static void
update_delete_label (RowSummary *rs,
                     const char *title)
{
  g_autofree char *label = NULL;

  if (rs->delete_button == NULL)
    return;
  /* Translators: a record row's delete button for screen readers: the button's name (e.g. "Delete Target")
   * and the row's title */
  label = title != NULL && *title != '\0' ? g_strdup_printf (_("%s “%s”"), rs->delete_label, title)
                                         : g_strdup (rs->delete_label);
  studio_set_accessible_label (rs->delete_button, label);
}

static void
update_summary (AdwExpanderRow *row,
                ReslibRecord   *record)
{
  RowSummary *rs = g_object_get_data (G_OBJECT (row), "studio-summary");
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;
  g_autofree char *accessible = NULL;

  rs->summary (rs->page, record, &title, &subtitle);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title != NULL ? title : "");
  adw_expander_row_set_subtitle (row, subtitle != NULL ? subtitle : "");
  studio_set_accessible_label (row, title != NULL ? title : "");
  update_delete_label (rs, title);
}

static void
record_notify_cb (ReslibRecord   *record,
                  GParamSpec     *pspec,
                  AdwExpanderRow *row)
{
  update_summary (row, record);
}

static void
delete_clicked_cb (GtkButton      *button,
                   AdwExpanderRow *row)
{
  RowSummary *rs = g_object_get_data (G_OBJECT (row), "studio-summary");
  ReslibRecord *record = g_object_get_data (G_OBJECT (row), "record");
  const char *title = adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row));

  g_object_ref (row);
  studio_form_delete (rs->page, reslib_record_get_kind (record), reslib_record_get_id (record),
                      title != NULL && *title != '\0' ? title : reslib_kind_to_display (reslib_record_get_kind (record)));
  g_object_unref (row);
}

GtkWidget *
studio_form_record_row (StudioPage            *page,
                        ReslibRecord          *record,
                        const StudioFormField *fields,
                        guint                  n_fields,
                        GtkLabel              *error_label,
                        const char            *delete_label,
                        GHashTable            *expanded,
                        StudioFormSummary      summary,
                        StudioFormCheck        check)
{
  GtkWidget *row = adw_expander_row_new ();
  RowSummary *rs = g_new0 (RowSummary, 1);
  const char *id = reslib_record_get_id (record);

  rs->page = page;
  rs->summary = summary;
  rs->delete_label = g_strdup (delete_label);
  g_object_set_data_full (G_OBJECT (row), "studio-summary", rs, row_summary_free);
  g_object_set_data_full (G_OBJECT (row), "record", g_object_ref (record), g_object_unref);
  g_object_set_data_full (G_OBJECT (row), "record-id", g_strdup (id), g_free);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);

  for (guint i = 0; i < n_fields; i++)
    adw_expander_row_add_row (ADW_EXPANDER_ROW (row), studio_field_row_new (page, record, &fields[i], error_label, check));

  if (delete_label != NULL)
    {
      GtkWidget *button = gtk_button_new_from_icon_name ("user-trash-symbolic");

      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (button, "flat");
      studio_tooltip_set (button, delete_label);
      g_signal_connect (button, "clicked", G_CALLBACK (delete_clicked_cb), row);
      adw_expander_row_add_action (ADW_EXPANDER_ROW (row), button);
      rs->delete_button = button;
    }
  update_summary (ADW_EXPANDER_ROW (row), record);
  g_signal_connect_object (record, "notify", G_CALLBACK (record_notify_cb), row, 0);
  if (expanded != NULL && g_hash_table_contains (expanded, id))
    adw_expander_row_set_expanded (ADW_EXPANDER_ROW (row), TRUE);

  return row;
}

/* Forms in dialogs */

typedef struct
{
  StudioPage       *page;
  char             *heading;
  char             *body;
  char             *accept;      /* the button that writes the record */
  GPtrArray        *fields;      /* StudioFormField *, deep copies */
  GPtrArray        *rows;        /* GtkWidget *, not owned */
  StudioFormSubmit  submit;
  gboolean          done;
} FormDialog;

static void
form_field_free (gpointer data)
{
  StudioFormField *field = data;

  g_free ((char *) field->field);
  g_free ((char *) field->title);
  g_strfreev ((char **) field->values);
  g_strfreev ((char **) field->labels);
  g_strfreev ((char **) field->suggestions);
  g_free (field);
}

static void
form_dialog_free (gpointer data)
{
  FormDialog *fd = data;

  g_clear_object (&fd->page);
  g_free (fd->heading);
  g_free (fd->body);
  g_free (fd->accept);
  g_ptr_array_unref (fd->fields);
  g_ptr_array_unref (fd->rows);
  g_free (fd);
}

static char *
form_row_value (FormDialog *fd,
                guint       i)
{
  StudioFormField *field = g_ptr_array_index (fd->fields, i);
  GtkWidget *row = g_ptr_array_index (fd->rows, i);

  if (field->values != NULL)
    {
      guint selected = adw_combo_row_get_selected (ADW_COMBO_ROW (row));

      return selected < g_strv_length ((char **) field->values) ? g_strdup (field->values[selected]) : g_strdup ("");
    }

  return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));
}

static gboolean
destroy_dialog_idle_cb (gpointer data)
{
  GtkWindow *dialog = data;

  if (gtk_widget_get_visible (GTK_WIDGET (dialog)))
    gtk_window_destroy (dialog);

  return G_SOURCE_REMOVE;
}

static void
form_response_cb (AdwMessageDialog *dialog,
                  const char       *response,
                  FormDialog       *fd)
{
  if (fd->done)
    return;
  fd->done = TRUE;

  if (g_strcmp0 (response, "add") == 0)
    {
      g_autoptr(GPtrArray) names = g_ptr_array_new ();
      g_autoptr(GPtrArray) values = g_ptr_array_new_with_free_func (g_free);
      g_autoptr(GError) error = NULL;

      for (guint i = 0; i < fd->fields->len; i++)
        {
          StudioFormField *field = g_ptr_array_index (fd->fields, i);

          g_ptr_array_add (names, (gpointer) field->field);
          g_ptr_array_add (values, form_row_value (fd, i));
        }
      g_ptr_array_add (names, NULL);
      g_ptr_array_add (values, NULL);

      if (!fd->submit (fd->page, (const char * const *) names->pdata, (const char * const *) values->pdata, &error))
        {
          g_autoptr(GArray) specs = g_array_new (FALSE, TRUE, sizeof (StudioFormField));

          for (guint i = 0; i < fd->fields->len; i++)
            g_array_append_val (specs, *(StudioFormField *) g_ptr_array_index (fd->fields, i));
          /* Nothing typed is lost: the form comes back with the values and what was wrong. */
          studio_form_dialog_present_full (fd->page, fd->heading, fd->body, fd->accept, (StudioFormField *) specs->data,
                                           specs->len, (const char * const *) values->pdata, error->message,
                                           fd->submit);
        }
    }

  g_idle_add_full (G_PRIORITY_DEFAULT, destroy_dialog_idle_cb, g_object_ref (dialog), g_object_unref);
}

static void
form_entry_activated_cb (AdwEntryRow      *row,
                         AdwMessageDialog *dialog)
{
  adw_message_dialog_response (dialog, "add");
}

void
studio_form_dialog_present (StudioPage            *page,
                            const char            *heading,
                            const char            *body,
                            const StudioFormField *fields,
                            guint                  n_fields,
                            const char * const    *initial,
                            const char            *error_text,
                            StudioFormSubmit       submit)
{
  studio_form_dialog_present_full (page, heading, body, _("_Add"), fields, n_fields, initial, error_text, submit);
}

void
studio_form_dialog_present_full (StudioPage            *page,
                                 const char            *heading,
                                 const char            *body,
                                 const char            *accept,
                                 const StudioFormField *fields,
                                 guint                  n_fields,
                                 const char * const    *initial,
                                 const char            *error_text,
                                 StudioFormSubmit       submit)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (page));
  AdwMessageDialog *dialog;
  GtkWidget *box, *list, *error_label;
  FormDialog *fd = g_new0 (FormDialog, 1);

  fd->page = g_object_ref (page);
  fd->heading = g_strdup (heading);
  fd->body = g_strdup (body);
  fd->accept = g_strdup (accept);
  fd->fields = g_ptr_array_new_with_free_func (form_field_free);
  fd->rows = g_ptr_array_new ();
  fd->submit = submit;

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, heading, body));
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "add", accept, NULL);
  adw_message_dialog_set_response_appearance (dialog, "add", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "add");
  adw_message_dialog_set_close_response (dialog, "cancel");
  gtk_window_set_modal (GTK_WINDOW (dialog), TRUE);
  gtk_window_set_destroy_with_parent (GTK_WINDOW (dialog), TRUE);

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  list = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  studio_set_accessible_label (list, heading);
  gtk_box_append (GTK_BOX (box), list);
  error_label = gtk_label_new (error_text);
  gtk_label_set_wrap (GTK_LABEL (error_label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (error_label), 0);
  gtk_widget_add_css_class (error_label, "error");
  gtk_widget_set_visible (error_label, error_text != NULL);
  gtk_box_append (GTK_BOX (box), error_label);

  for (guint i = 0; i < n_fields; i++)
    {
      StudioFormField *copy = g_new0 (StudioFormField, 1);
      const char *value = initial != NULL ? initial[i] : NULL;
      GtkWidget *row;

      copy->field = g_strdup (fields[i].field);
      copy->title = g_strdup (fields[i].title);
      copy->values = (const char * const *) g_strdupv ((char **) fields[i].values);
      copy->labels = (const char * const *) g_strdupv ((char **) fields[i].labels);
      copy->required = fields[i].required;
      copy->suggestions = (const char * const *) g_strdupv ((char **) fields[i].suggestions);
      g_ptr_array_add (fd->fields, copy);

      if (fields[i].values != NULL)
        {
          g_autoptr(GtkStringList) model = gtk_string_list_new (fields[i].labels);
          guint selected = 0;

          row = adw_combo_row_new ();
          adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (model));
          for (guint j = 0; value != NULL && fields[i].values[j] != NULL; j++)
            if (g_strcmp0 (fields[i].values[j], value) == 0)
              selected = j;
          adw_combo_row_set_selected (ADW_COMBO_ROW (row), selected);
        }
      else
        {
          row = adw_entry_row_new ();
          gtk_editable_set_text (GTK_EDITABLE (row), value != NULL ? value : "");
          g_signal_connect (row, "entry-activated", G_CALLBACK (form_entry_activated_cb), dialog);
          add_suggestions (row, fields[i].suggestions);
        }
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), fields[i].title);
      studio_set_accessible_label (row, fields[i].title);
      gtk_list_box_append (GTK_LIST_BOX (list), row);
      g_ptr_array_add (fd->rows, row);
    }

  adw_message_dialog_set_extra_child (dialog, box);
  g_object_set_data_full (G_OBJECT (dialog), "studio-form", fd, form_dialog_free);
  g_signal_connect (dialog, "response", G_CALLBACK (form_response_cb), fd);
  gtk_window_present (GTK_WINDOW (dialog));
  if (fd->rows->len > 0)
    gtk_widget_grab_focus (g_ptr_array_index (fd->rows, 0));
}
