/* studio-courses-page-details.c — the Courses page: a course's details for the application (申报书): its
 * code, hours, credits, lead teacher, the served major it is for, its platform address and 1+X certificate
 *
 * Each row writes its field through at once, as the Dossier's rows do (studio_field_row_new), as one
 * undoable step; a refused value stays in its row, marked, with the core's message below the editor.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "studio-courses-page-private.h"
#include "studio-form.h"

static void
clear_rows (StudioCoursesPage *self)
{
  for (guint i = 0; i < self->detail_rows->len; i++)
    adw_preferences_group_remove (self->details_group, g_ptr_array_index (self->detail_rows, i));
  g_ptr_array_set_size (self->detail_rows, 0);
}

/* The records of @kind in the project as a combo's values and labels, "" (none) first. */
static void
choices_of (StudioCoursesPage *self,
            ReslibKind         kind,
            GStrv             *values,
            GStrv             *labels)
{
  ReslibStore *store = studio_page_get_store (STUDIO_PAGE (self));
  g_autoptr(GListModel) records = reslib_store_list (store, kind, studio_page_get_project_id (STUDIO_PAGE (self)), NULL);
  g_autoptr(GStrvBuilder) v = g_strv_builder_new ();
  g_autoptr(GStrvBuilder) l = g_strv_builder_new ();

  g_strv_builder_add (v, "");
  /* Translators: no lead teacher or major chosen for a course */
  g_strv_builder_add (l, _("None"));
  for (guint i = 0; records != NULL && i < g_list_model_get_n_items (records); i++)
    {
      g_autoptr(ReslibRecord) record = g_list_model_get_item (records, i);
      g_autofree char *label = NULL;

      if (kind == RESLIB_KIND_MAJOR)
        label = g_strdup_printf ("%s %s", reslib_record_get (record, "code"), reslib_record_get (record, "name"));
      else
        label = g_strdup (reslib_record_get (record, "name"));
      g_strv_builder_add (v, reslib_record_get_id (record));
      g_strv_builder_add (l, label);
    }
  *values = g_strv_builder_end (v);
  *labels = g_strv_builder_end (l);
}

/* Shows the details of @record when it is a course, else hides them. */
void
_studio_courses_page_fill_details (StudioCoursesPage *self,
                                   ReslibRecord      *record)
{
  g_auto(GStrv) member_ids = NULL, member_labels = NULL, major_ids = NULL, major_labels = NULL;

  /* A row being written is already right: rebuilding it would take the focus from it. */
  if (studio_form_is_writing (STUDIO_PAGE (self)))
    return;
  clear_rows (self);
  gtk_widget_set_visible (GTK_WIDGET (self->details_group), record != NULL && !_studio_courses_page_is_node (record));
  if (record == NULL || _studio_courses_page_is_node (record))
    return;

  choices_of (self, RESLIB_KIND_MEMBER, &member_ids, &member_labels);
  choices_of (self, RESLIB_KIND_MAJOR, &major_ids, &major_labels);
  {
    const StudioFormField fields[] = {
      { "code", _("Course code") },
      /* Translators: a course's teaching hours (学时) */
      { "hours", _("Hours") },
      /* Translators: a course's credits (学分) */
      { "credits", _("Credits") },
      /* Translators: the teacher who leads a course (课程负责人) */
      { "lead_member_id", _("Lead teacher"), (const char * const *) member_ids, (const char * const *) member_labels },
      /* Translators: the major a course is for */
      { "major_id", _("Major"), (const char * const *) major_ids, (const char * const *) major_labels },
      /* Translators: where the course is on the teaching platform */
      { "url", _("Platform address") },
      /* Translators: the 1+X certificate a course prepares for */
      { "certificate", _("1+X certificate") },
    };

    for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
      {
        GtkWidget *row = studio_field_row_new (STUDIO_PAGE (self), record, &fields[i], self->error_label, NULL);

        adw_preferences_group_add (self->details_group, row);
        g_ptr_array_add (self->detail_rows, row);
      }
  }
}
