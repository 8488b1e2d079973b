/* studio-dossier-page.c — the project's dossier (申报书信息)
 *
 * The page edits the project's own fields, its majors, the industry chain it serves, its budget
 * lines, milestones and intellectual-property declarations. Every edit is written through to the
 * store at once; a refused value stays where it was typed, with the core's message beside it.
 *
 * The first part of this file holds small form helpers that the Units & Team page uses too.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "reslib-labels.h"
#include "reslib-store-undo.h"
#include "studio-dossier-page.h"

/* ---------------------------------------------------------------------------------------------- */
/* Form helpers                                                                                    */

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
  gint64 value = 0;

  if (cents == NULL || !g_ascii_string_to_signed (cents, 10, 0, G_MAXINT64, &value, NULL))
    return g_strdup ("");
  if (value % 100 == 0)
    return g_strdup_printf ("%" G_GINT64_FORMAT, value / 100);

  return g_strdup_printf ("%" G_GINT64_FORMAT ".%02d", value / 100, (int) (value % 100));
}

/* "12,345.6" → "1234560"; an empty text is no amount (NULL, TRUE). */
gboolean
studio_form_parse_amount (const char  *text,
                          char       **cents,
                          GError     **error)
{
  g_autoptr(GString) digits = g_string_new (NULL);
  int decimals = -1;
  gint64 value;

  *cents = NULL;
  if (text == NULL || *text == '\0')
    return TRUE;
  for (const char *p = text; *p != '\0'; p++)
    {
      if (g_ascii_isdigit (*p))
        {
          if (decimals >= 2)
            goto bad;
          if (decimals >= 0)
            decimals++;
          g_string_append_c (digits, *p);
        }
      else if (*p == '.' && decimals < 0 && digits->len > 0)
        decimals = 0;
      else if (*p == ',' && decimals < 0)
        continue;
      else
        goto bad;
    }
  if (digits->len == 0 || digits->len > 15)
    goto bad;
  for (int i = MAX (decimals, 0); i < 2; i++)
    g_string_append_c (digits, '0');
  if (!g_ascii_string_to_signed (digits->str, 10, 0, G_MAXINT64, &value, NULL))
    goto bad;
  *cents = g_strdup_printf ("%" G_GINT64_FORMAT, value);
  return TRUE;

bad:
  g_set_error (error, RESLIB_ERROR, RESLIB_ERROR_INVALID,
               _("“%s” is not an amount in yuan: write it like 12000 or 12000.50"), text);
  return FALSE;
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
  g_autoptr(GError) error = NULL;
  gboolean ok;

  if (store == NULL)
    return FALSE;
  writing_page = fr->page;
  ok = reslib_store_update_record (store, fr->record, fr->field, value, &error);
  writing_page = NULL;
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
  fr->amount = g_str_equal (field->field, "amount_cents");

  if (field->values != NULL)
    {
      g_autoptr(GtkStringList) model = gtk_string_list_new (field->labels);

      row = adw_combo_row_new ();
      adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (model));
      adw_combo_row_set_selected (ADW_COMBO_ROW (row), combo_index (fr));
      g_signal_connect (row, "notify::selected", G_CALLBACK (combo_selected_cb), fr);
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

/* Deletions and their undoing */

typedef struct
{
  ReslibStore    *store;
  ReslibDeletion *deletion;     /* a deleted record, or */
  ReslibKind      kind;         /* a cleared field: its record, */
  char           *id;
  char           *field;        /* its name */
  char           *value;        /* and what it held */
  gboolean        done;
} Undo;

static void
undo_clear (gpointer data)
{
  Undo *undo = data;

  g_clear_object (&undo->store);
  g_clear_pointer (&undo->deletion, reslib_deletion_free);
  g_free (undo->id);
  g_free (undo->field);
  g_free (undo->value);
}

static void
undo_release (gpointer data)
{
  g_rc_box_release_full (data, undo_clear);
}

static void
run_undo (StudioPage *page,
          Undo       *undo)
{
  g_autoptr(GError) error = NULL;
  gboolean ok;

  if (undo == NULL || undo->done)
    return;
  undo->done = TRUE;
  if (undo->deletion != NULL)
    ok = reslib_store_undo_deletion (undo->store, undo->deletion, &error);
  else
    ok = reslib_store_update (undo->store, undo->kind, undo->id, (const char * const[]) { undo->field, NULL },
                              (const char * const[]) { undo->value }, &error);
  if (!ok)
    studio_page_show_error (page, _("The change could not be undone"), error);
}

static void
toast_undo_cb (AdwToast   *toast,
               StudioPage *page)
{
  run_undo (page, g_object_get_data (G_OBJECT (toast), "studio-undo"));
}

static void
offer_undo (StudioPage *page,
            Undo       *undo,
            const char *message)
{
  AdwToast *toast = adw_toast_new (message);

  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_timeout (toast, 10);
  g_object_set_data_full (G_OBJECT (toast), "studio-undo", g_rc_box_acquire (undo), undo_release);
  g_signal_connect_object (toast, "button-clicked", G_CALLBACK (toast_undo_cb), page, 0);
  g_object_set_data_full (G_OBJECT (page), "studio-undo", undo, undo_release);
  studio_page_add_toast (page, toast);
}

gboolean
studio_form_delete (StudioPage *page,
                    ReslibKind  kind,
                    const char *id,
                    const char *title)
{
  ReslibStore *store = studio_page_get_store (page);
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  ReslibDeletion *deletion;
  Undo *undo;

  g_return_val_if_fail (store != NULL, FALSE);

  deletion = reslib_store_delete_undoable (store, kind, id, &error);
  if (deletion == NULL)
    {
      studio_page_show_error (page, _("It could not be deleted"), error);
      return FALSE;
    }
  undo = g_rc_box_new0 (Undo);
  undo->store = g_object_ref (store);
  undo->deletion = deletion;
  /* Translators: a toast after deleting a record, e.g. "“Budget line” deleted" */
  message = g_strdup_printf (_("“%s” deleted"), title);
  offer_undo (page, undo, message);

  return TRUE;
}

/* Clears one field of a record, with an "Undo" toast that puts the value back. */
static gboolean
clear_field (StudioPage   *page,
             ReslibRecord *record,
             const char   *field,
             const char   *message)
{
  ReslibStore *store = studio_page_get_store (page);
  g_autoptr(GError) error = NULL;
  g_autofree char *old = g_strdup (reslib_record_get (record, field));
  Undo *undo;

  if (!reslib_store_update_record (store, record, field, NULL, &error))
    {
      studio_page_show_error (page, _("It could not be removed"), error);
      return FALSE;
    }
  undo = g_rc_box_new0 (Undo);
  undo->store = g_object_ref (store);
  undo->kind = reslib_record_get_kind (record);
  undo->id = g_strdup (reslib_record_get_id (record));
  undo->field = g_strdup (field);
  undo->value = g_steal_pointer (&old);
  offer_undo (page, undo, message);

  return TRUE;
}

gboolean
studio_form_undo_delete (StudioPage *page)
{
  Undo *undo = g_object_get_data (G_OBJECT (page), "studio-undo");

  if (undo == NULL || undo->done)
    return FALSE;
  run_undo (page, undo);
  g_object_set_data (G_OBJECT (page), "studio-undo", NULL);

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
} RowSummary;

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
  g_object_set_data_full (G_OBJECT (row), "studio-summary", rs, g_free);
  g_object_set_data_full (G_OBJECT (row), "record", g_object_ref (record), g_object_unref);
  g_object_set_data_full (G_OBJECT (row), "record-id", g_strdup (id), g_free);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  update_summary (ADW_EXPANDER_ROW (row), record);
  g_signal_connect_object (record, "notify", G_CALLBACK (record_notify_cb), row, 0);

  for (guint i = 0; i < n_fields; i++)
    adw_expander_row_add_row (ADW_EXPANDER_ROW (row), studio_field_row_new (page, record, &fields[i], error_label, check));

  if (delete_label != NULL)
    {
      GtkWidget *button = gtk_button_new_from_icon_name ("user-trash-symbolic");

      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (button, "flat");
      gtk_widget_set_tooltip_text (button, delete_label);
      studio_set_accessible_label (button, delete_label);
      g_signal_connect (button, "clicked", G_CALLBACK (delete_clicked_cb), row);
      adw_expander_row_add_action (ADW_EXPANDER_ROW (row), button);
    }
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
  g_free (field);
}

static void
form_dialog_free (gpointer data)
{
  FormDialog *fd = data;

  g_clear_object (&fd->page);
  g_free (fd->heading);
  g_free (fd->body);
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
          studio_form_dialog_present (fd->page, fd->heading, fd->body, (StudioFormField *) specs->data, specs->len,
                                      (const char * const *) values->pdata, error->message, fd->submit);
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
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (page));
  AdwMessageDialog *dialog;
  GtkWidget *box, *list, *error_label;
  FormDialog *fd = g_new0 (FormDialog, 1);

  fd->page = g_object_ref (page);
  fd->heading = g_strdup (heading);
  fd->body = g_strdup (body);
  fd->fields = g_ptr_array_new_with_free_func (form_field_free);
  fd->rows = g_ptr_array_new ();
  fd->submit = submit;

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, heading, body));
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "add", _("_Add"), NULL);
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

/* ---------------------------------------------------------------------------------------------- */
/* The page                                                                                        */

struct _StudioDossierPage
{
  StudioPage      parent_instance;

  ReslibProfile  *profile;
  GHashTable     *expanded;
  GHashTable     *unit_names;     /* id → name */
  char          **unit_ids;       /* for the unit combos */
  char          **unit_labels;
  guint           reload_id;

  /* Template children */
  GtkListBox     *project_list;
  GtkLabel       *project_error;
  GtkListBox     *majors_list;
  GtkListBox     *served_list;
  GtkLabel       *served_error;
  GtkListBox     *industry_list;
  GtkLabel       *industry_error;
  AdwPreferencesGroup *budget_group;
  GtkListBox     *budget_list;
  GtkLabel       *budget_error;
  GtkListBox     *milestones_list;
  GtkLabel       *milestones_error;
  GtkListBox     *declarations_list;
  GtkLabel       *declarations_error;
};

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

  *title = g_strdup (reslib_record_get (milestone, "title"));
  if (done != NULL)
    /* Translators: when a milestone was reached */
    *subtitle = g_strdup_printf (_("Done on %s"), done);
  else if (due != NULL)
    /* Translators: when a milestone is due */
    *subtitle = g_strdup_printf (_("Due on %s"), due);
  else
    *subtitle = g_strdup (_("No due date"));
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
  studio_form_clear_list (self->budget_list, self->expanded);
  studio_form_clear_list (self->milestones_list, self->expanded);
  studio_form_clear_list (self->declarations_list, self->expanded);
  g_hash_table_remove_all (self->unit_names);
  g_clear_pointer (&self->unit_ids, g_strfreev);
  g_clear_pointer (&self->unit_labels, g_strfreev);
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
    { "description", _("Description") },
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
    clear_field (STUDIO_PAGE (self), project, "industry_chain", _("Industry chain removed"));
}

/* Where @chain stands in the profile's 7+28+N list. */
static char *
describe_chain (StudioDossierPage *self,
                const char        *chain)
{
  JsonObject *industry = self->profile != NULL ? reslib_profile_get_object (self->profile, "industry") : NULL;
  JsonArray *clusters = industry != NULL ? json_object_get_array_member (industry, "clusters") : NULL;
  const char *prefix = industry != NULL ? json_object_get_string_member_with_default (industry, "free_text_prefix", "N:")
                                        : "N:";

  if (g_str_has_prefix (chain, prefix))
    return g_strdup (_("A niche chain (N)"));
  for (guint i = 0; clusters != NULL && i < json_array_get_length (clusters); i++)
    {
      JsonObject *cluster = json_array_get_object_element (clusters, i);
      const char *name = json_object_get_string_member (cluster, "name");
      JsonArray *chains = json_object_get_array_member (cluster, "chains");

      if (g_strcmp0 (name, chain) == 0)
        return g_strdup (_("An industry cluster of the 7+28+N list"));
      for (guint j = 0; chains != NULL && j < json_array_get_length (chains); j++)
        if (g_strcmp0 (json_array_get_string_element (chains, j), chain) == 0)
          /* Translators: %s is an industry cluster, e.g. 新材料 */
          return g_strdup_printf (_("An industry chain of the %s cluster"), name);
    }

  return g_strdup (_("Not in the profile’s 7+28+N list: choose one of the list, or write “N:” and the chain"));
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
  gtk_widget_set_tooltip_text (button, _("Remove Industry Chain"));
  studio_set_accessible_label (button, _("Remove Industry Chain"));
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
  g_hash_table_remove_all (self->expanded);
  clear_all (self);
  gtk_widget_set_sensitive (GTK_WIDGET (self), store != NULL && id != NULL);
  if (store == NULL || id == NULL)
    return;

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

  lines = reslib_store_list (store, RESLIB_KIND_BUDGET_LINE, id, &error);
  if (lines == NULL)
    goto failed;
  {
    const StudioFormField budget_fields[] = {
      { "unit_id", _("Unit"), (const char * const *) self->unit_ids, (const char * const *) self->unit_labels },
      { "source", _("Source of funds"), NULL, NULL, TRUE },
      { "category", _("Category"), NULL, NULL, TRUE },
      { "amount_cents", _("Amount (yuan)"), NULL, NULL, TRUE },
      { "note", _("Note") },
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
      { "note", _("Note") },
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
      { "note", _("Note") },
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
  reload (STUDIO_DOSSIER_PAGE (page));
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
      if (self->reload_id == 0)
        self->reload_id = g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, reload_idle_cb, self, NULL);
      break;
    case RESLIB_KIND_MEMBER:
    case RESLIB_KIND_COURSE:
    case RESLIB_KIND_NODE:
    case RESLIB_KIND_RESOURCE:
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

/* Adding */

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

      if (g_str_equal (fields[i], "amount_cents"))
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
  StudioDossierPage *self = STUDIO_DOSSIER_PAGE (page);
  JsonObject *industry = self->profile != NULL ? reslib_profile_get_object (self->profile, "industry") : NULL;
  const char *prefix = industry != NULL ? json_object_get_string_member_with_default (industry, "free_text_prefix", "N:")
                                        : "N:";
  g_autofree char *chain = NULL;
  g_autoptr(ReslibRecord) project = studio_page_get_project (page);

  if (values[0] != NULL && *values[0] != '\0')
    chain = g_strdup (values[0]);
  else if (values[1] != NULL && *values[1] != '\0')
    chain = g_str_has_prefix (values[1], prefix) ? g_strdup (values[1]) : g_strconcat (prefix, values[1], NULL);
  else
    {
      g_set_error (error, RESLIB_ERROR, RESLIB_ERROR_INVALID,
                   _("Choose an industry chain of the list, or write the niche chain the project serves"));
      return FALSE;
    }
  if (project == NULL)
    {
      g_set_error (error, RESLIB_ERROR, RESLIB_ERROR_NOT_FOUND, _("The project is no longer in the store"));
      return FALSE;
    }

  return reslib_store_update_record (studio_page_get_store (page), project, "industry_chain", chain, error);
}

static void
add_industry_chain_action (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *parameter)
{
  StudioDossierPage *self = STUDIO_DOSSIER_PAGE (widget);
  JsonObject *industry = self->profile != NULL ? reslib_profile_get_object (self->profile, "industry") : NULL;
  JsonArray *clusters = industry != NULL ? json_object_get_array_member (industry, "clusters") : NULL;
  g_autoptr(GStrvBuilder) values = g_strv_builder_new ();
  g_autoptr(GStrvBuilder) labels = g_strv_builder_new ();
  g_auto(GStrv) v = NULL;
  g_auto(GStrv) l = NULL;
  g_autoptr(ReslibRecord) project = studio_page_get_project (STUDIO_PAGE (self));
  const char *current = project != NULL ? reslib_record_get (project, "industry_chain") : NULL;
  g_autofree char *body = NULL;

  g_strv_builder_add (values, "");
  /* Translators: in the list of industry chains: the chain is written in the field below */
  g_strv_builder_add (labels, _("Another chain (write it below)"));
  for (guint i = 0; clusters != NULL && i < json_array_get_length (clusters); i++)
    {
      JsonObject *cluster = json_array_get_object_element (clusters, i);
      const char *name = json_object_get_string_member (cluster, "name");
      JsonArray *chains = json_object_get_array_member (cluster, "chains");

      g_strv_builder_add (values, name);
      g_strv_builder_add (labels, name);
      for (guint j = 0; chains != NULL && j < json_array_get_length (chains); j++)
        {
          const char *chain = json_array_get_string_element (chains, j);
          /* Translators: an industry chain under its cluster, e.g. "新材料 › 超硬材料" */
          g_autofree char *label = g_strdup_printf (_("%s › %s"), name, chain);

          g_strv_builder_add (values, chain);
          g_strv_builder_add (labels, label);
        }
    }
  v = g_strv_builder_end (values);
  l = g_strv_builder_end (labels);

  if (current != NULL)
    /* Translators: %s is the industry chain the project serves now */
    body = g_strdup_printf (_("A project serves one industry chain: this one replaces “%s”."), current);
  else
    body = g_strdup (_("Choose a cluster or chain of the province’s 7+28+N list, or write the niche chain (N) the project serves."));

  {
    const StudioFormField fields[] = {
      { "industry_chain", _("Industry chain"), (const char * const *) v, (const char * const *) l },
      /* Translators: a chain outside the 7+28+N list, written by the user (stored as "N:…") */
      { "niche", _("Niche chain") },
    };

    studio_form_dialog_present (STUDIO_PAGE (self), _("Add Industry Chain"), body, fields, G_N_ELEMENTS (fields), NULL,
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
  const StudioFormField fields[] = {
    { "unit_id", _("Unit"), (const char * const *) self->unit_ids, (const char * const *) self->unit_labels },
    { "source", _("Source of funds") },
    { "category", _("Category") },
    { "amount_cents", _("Amount (yuan)") },
    { "note", _("Note") },
  };

  if (self->unit_ids == NULL)
    return;
  studio_form_dialog_present (STUDIO_PAGE (self), _("Add Budget Line"),
                              _("What the money comes from (e.g. provincial funds, school funds, enterprise support), what it is spent on, and how much."),
                              fields, G_N_ELEMENTS (fields), NULL, NULL, submit_budget_line);
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
    { "note", _("Note") },
  };

  studio_form_dialog_present (STUDIO_PAGE (widget), _("Add Milestone"),
                              _("A step of the build plan and its due date (YYYY-MM-DD)."),
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

static void
undo_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  studio_form_undo_delete (STUDIO_PAGE (widget));
}

static void
studio_dossier_page_dispose (GObject *object)
{
  StudioDossierPage *self = STUDIO_DOSSIER_PAGE (object);

  g_clear_handle_id (&self->reload_id, g_source_remove);

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

  G_OBJECT_CLASS (studio_dossier_page_parent_class)->finalize (object);
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
  page_class->store_changed = studio_dossier_page_store_changed;
  page_class->open_subject = studio_dossier_page_open_subject;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/reslib/Studio/ui/studio-dossier-page.ui");
  gtk_widget_class_bind_template_child (widget_class, StudioDossierPage, project_list);
  gtk_widget_class_bind_template_child (widget_class, StudioDossierPage, project_error);
  gtk_widget_class_bind_template_child (widget_class, StudioDossierPage, majors_list);
  gtk_widget_class_bind_template_child (widget_class, StudioDossierPage, served_list);
  gtk_widget_class_bind_template_child (widget_class, StudioDossierPage, served_error);
  gtk_widget_class_bind_template_child (widget_class, StudioDossierPage, industry_list);
  gtk_widget_class_bind_template_child (widget_class, StudioDossierPage, industry_error);
  gtk_widget_class_bind_template_child (widget_class, StudioDossierPage, budget_group);
  gtk_widget_class_bind_template_child (widget_class, StudioDossierPage, budget_list);
  gtk_widget_class_bind_template_child (widget_class, StudioDossierPage, budget_error);
  gtk_widget_class_bind_template_child (widget_class, StudioDossierPage, milestones_list);
  gtk_widget_class_bind_template_child (widget_class, StudioDossierPage, milestones_error);
  gtk_widget_class_bind_template_child (widget_class, StudioDossierPage, declarations_list);
  gtk_widget_class_bind_template_child (widget_class, StudioDossierPage, declarations_error);

  gtk_widget_class_install_action (widget_class, "dossier.add-served-major", NULL, add_served_major_action);
  gtk_widget_class_install_action (widget_class, "dossier.add-industry-chain", NULL, add_industry_chain_action);
  gtk_widget_class_install_action (widget_class, "dossier.add-budget-line", NULL, add_budget_line_action);
  gtk_widget_class_install_action (widget_class, "dossier.add-milestone", NULL, add_milestone_action);
  gtk_widget_class_install_action (widget_class, "dossier.add-declaration", NULL, add_declaration_action);
  gtk_widget_class_install_action (widget_class, "dossier.undo", NULL, undo_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK, "dossier.undo", NULL);
}

static void
studio_dossier_page_init (StudioDossierPage *self)
{
  g_autoptr(GError) error = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));
  self->expanded = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->unit_names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->profile = reslib_profile_load_default (&error);
  if (self->profile == NULL)
    g_warning ("The built-in profile could not be read: %s", error->message);
}
