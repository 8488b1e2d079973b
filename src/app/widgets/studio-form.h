/* studio-form.h — form helpers shared by the Dossier and the Units & Team pages
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "studio-page.h"

G_BEGIN_DECLS

/* A combo's choices: stored values and the labels shown for them, both NULL-terminated. */
typedef struct
{
  const char *field;                 /* the record field it sets */
  const char *title;                 /* shown and used as the accessible label */
  const char * const *values;        /* NULL for a text entry; else the stored values ("" = none) */
  const char * const *labels;        /* the labels shown for @values */
  gboolean            required;      /* show "Not filled in" when empty */
  gboolean            multiline;     /* narrative text: a text view, written when the focus leaves it */
  const char * const *suggestions;   /* for a text entry: values offered in a menu beside it, or NULL;
                                      * the text stays free */
} StudioFormField;

/* Checks a value before it is written (e.g. a credit code); NULL for none. */
typedef gboolean (*StudioFormCheck) (const char  *field,
                                     const char  *value,
                                     GError     **error);

/* The title and subtitle of a record's row. */
typedef void (*StudioFormSummary) (StudioPage    *page,
                                   ReslibRecord  *record,
                                   char         **title,
                                   char         **subtitle);

/* Writes a new record from a form; returns FALSE with @error set to keep the form open. */
typedef gboolean (*StudioFormSubmit) (StudioPage          *page,
                                      const char * const  *fields,
                                      const char * const  *values,
                                      GError             **error);

void       studio_form_dialog_present   (StudioPage            *page,
                                         const char            *heading,
                                         const char            *body,
                                         const StudioFormField *fields,
                                         guint                  n_fields,
                                         const char * const    *initial,
                                         const char            *error_text,
                                         StudioFormSubmit       submit);
/* The same, with @accept on the button that writes the record instead of "Add" */
void       studio_form_dialog_present_full (StudioPage            *page,
                                            const char            *heading,
                                            const char            *body,
                                            const char            *accept,
                                            const StudioFormField *fields,
                                            guint                  n_fields,
                                            const char * const    *initial,
                                            const char            *error_text,
                                            StudioFormSubmit       submit);

/* A row editing one field of @record, written through to the store when applied; a refused value
 * stays in the row, marked, with the core's message in @error_label. */
GtkWidget *studio_field_row_new         (StudioPage            *page,
                                         ReslibRecord          *record,
                                         const StudioFormField *field,
                                         GtkLabel              *error_label,
                                         StudioFormCheck        check);

/* TRUE while @page writes a field it already shows (it need not read it again). */
gboolean   studio_form_is_writing       (StudioPage            *page);

/* Deletes a record (written at once), with an "Undo" toast; the deletion goes on the undo stack. */
gboolean   studio_form_delete           (StudioPage            *page,
                                         ReslibKind             kind,
                                         const char            *id,
                                         const char            *title);
/* Clears one field of @record, with an "Undo" toast that puts the value back (and the undo stack). */
gboolean   studio_form_clear_field      (StudioPage            *page,
                                         ReslibRecord          *record,
                                         const char            *field,
                                         const char            *message);

/* Empties a list box, remembering which expander rows were open (keyed by the "record-id" data). */
void       studio_form_clear_list       (GtkListBox            *list,
                                         GHashTable            *expanded);
/* An expander row for a record: its fields as rows, a delete button; @expanded may reopen it. */
GtkWidget *studio_form_record_row       (StudioPage            *page,
                                         ReslibRecord          *record,
                                         const StudioFormField *fields,
                                         guint                  n_fields,
                                         GtkLabel              *error_label,
                                         const char            *delete_label,
                                         GHashTable            *expanded,
                                         StudioFormSummary      summary,
                                         StudioFormCheck        check);
void       studio_form_show_error       (GtkLabel              *error_label,
                                         GtkWidget             *row,
                                         const char            *title,
                                         const GError          *error);
char      *studio_form_format_amount    (const char            *cents);
gboolean   studio_form_parse_amount     (const char            *text,
                                         char                 **cents,
                                         GError               **error);
GtkWidget *studio_form_placeholder      (const char            *text);

G_END_DECLS
