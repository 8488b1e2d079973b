/* studio-resources-page-detail.c — the Resources page's detail pane: the selected resource's facts and
 * editors (its preview: -preview.c)
 *
 * The list holds light rows; the pane reads the full record of the selected resource and builds
 * its editors from the field table (which fields, and how). Each edit is written through at once.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "reslib-labels.h"
#include "reslib-profile.h"
#include "reslib-text.h"
#include "studio-media-facts.h"
#include "studio-resource-labels.h"
#include "studio-resources-page-private.h"
#include "studio-text-row.h"
#include "studio-tooltip.h"

/* The display names of the resource fields the detail pane edits. */
typedef struct
{
  const char *field;
  const char *label;
} FieldLabel;

static const FieldLabel field_labels[] = {
  { "title", N_("Title") },
  { "type", N_("Type") },
  { "authors", N_("Authors") },
  { "unit_id", N_("Unit") },
  { "origin", N_("Origin") },
  { "license", N_("Licence") },
  /* Translators: who holds the rights of a licensed resource */
  { "license_holder", N_("Licence holder") },
  { "keywords", N_("Keywords") },
  { "description", N_("Description") },
  /* Translators: who the resource is for (students, teachers, workers…) */
  { "audience", N_("Audience") },
  { "language", N_("Language") },
  { "file_name", N_("File name") },
  { "nodes", N_("Course nodes") },
  /* Translators: where the platform hosts an online resource (在线资源), which has no file */
  { "url", N_("Online address") },
  /* Translators: the 1+X certificate a resource prepares for */
  { "certificate", N_("1+X certificate") },
  /* Translators: a resource's tags: 课程思政, 创新创业, 职业培训 */
  { "tags", N_("Tags") },
  /* Translators: a document of the major or a course (人才培养方案, 专业教学标准, 课程标准): 文档类别 */
  { "document", N_("Document kind") },
  /* Translators: the major a document of the major belongs to */
  { "major_id", N_("Major") },
  /* Translators: the course a course standard (课程标准) belongs to */
  { "course_id", N_("Course") },
};

static const char *
field_label (const char *field)
{
  for (guint i = 0; i < G_N_ELEMENTS (field_labels); i++)
    if (g_str_equal (field_labels[i].field, field))
      return _(field_labels[i].label);

  return field;
}

static void
show_field_error (StudioResourcesPage *self,
                  GtkWidget           *row,
                  const GError        *error)
{
  if (error == NULL)
    {
      gtk_widget_set_visible (GTK_WIDGET (self->detail_error), FALSE);
      if (row != NULL)
        gtk_widget_remove_css_class (row, "error");
      return;
    }
  gtk_label_set_text (self->detail_error, error->message);
  gtk_widget_set_visible (GTK_WIDGET (self->detail_error), TRUE);
  if (row != NULL)
    gtk_widget_add_css_class (row, "error");
}

/* Writes one field through; shows the core's message when the value is refused. */
static gboolean
write_field (StudioResourcesPage *self,
             GtkWidget           *row,
             const char          *field,
             const char          *value)
{
  ReslibStore *store = studio_page_get_store (STUDIO_PAGE (self));
  g_autoptr(GError) error = NULL;
  g_autoptr(ReslibUndoStep) step = NULL;
  g_autofree char *label = NULL;

  if (self->filling || self->record == NULL || store == NULL)
    return FALSE;
  if (g_strcmp0 (reslib_record_get (self->record, field), value) == 0)
    {
      show_field_error (self, row, NULL);
      return TRUE;
    }
  label = g_strdup (reslib_record_get (self->record, "title"));
  step = reslib_store_update_record_undoable (store, self->record, field, value, &error);
  if (step == NULL)
    {
      show_field_error (self, row, error);
      return FALSE;
    }
  studio_page_push_undo (STUDIO_PAGE (self), step, label, NULL);
  show_field_error (self, row, NULL);

  return TRUE;
}

static char *
list_text (ReslibRecord *record,
           const char   *field)
{
  const char * const *values = reslib_record_get_list (record, field);

  return values != NULL ? g_strjoinv (", ", (char **) values) : g_strdup ("");
}

static void
entry_apply_cb (AdwEntryRow         *row,
                StudioResourcesPage *self)
{
  const char *field = g_object_get_data (G_OBJECT (row), "field");
  const ReslibField *f = reslib_entity_find_field (reslib_entity_get (RESLIB_KIND_RESOURCE), field);
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));

  if (f != NULL && f->type == RESLIB_FIELD_LIST)
    {
      g_autofree char *old = list_text (self->record, field);
      g_auto(GStrv) parts = reslib_split_list (text);
      g_autofree char *clean = g_strjoinv (",", parts);

      if (g_strcmp0 (old, text) == 0)
        return;
      write_field (self, GTK_WIDGET (row), field, clean);
      return;
    }

  write_field (self, GTK_WIDGET (row), field, *text != '\0' ? text : NULL);
}

static void
text_focus_leave_cb (GtkEventControllerFocus *controller,
                     StudioResourcesPage     *self)
{
  GtkWidget *row = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (controller));
  const char *field = g_object_get_data (G_OBJECT (row), "field");
  g_autofree char *text = NULL;

  /* A pane being rebuilt or a window being destroyed moves the focus too. */
  if (gtk_widget_get_root (row) == NULL || field == NULL || self->record == NULL ||
      g_strcmp0 (g_object_get_data (G_OBJECT (row), "resource"), reslib_record_get_id (self->record)) != 0)
    return;
  text = studio_text_row_get_text (row);
  write_field (self, row, field, *text != '\0' ? text : NULL);
}

static void
combo_selected_cb (AdwComboRow         *row,
                   GParamSpec          *pspec,
                   StudioResourcesPage *self)
{
  const char *field = g_object_get_data (G_OBJECT (row), "field");
  const char * const *choices = g_object_get_data (G_OBJECT (row), "choices");
  guint selected = adw_combo_row_get_selected (row);
  const char *value = NULL;

  if (self->filling || selected == GTK_INVALID_LIST_POSITION)
    return;
  if (g_str_equal (field, "unit_id"))
    value = selected < self->unit_ids->len ? g_ptr_array_index (self->unit_ids, selected) : NULL;
  else if (g_str_equal (field, "document"))
    value = selected > 0 ? choices[selected - 1] : NULL;
  else if (g_str_equal (field, "major_id") || g_str_equal (field, "course_id"))
    {
      GPtrArray *ids = g_object_get_data (G_OBJECT (row), "ids");

      value = selected < ids->len ? g_ptr_array_index (ids, selected) : NULL;
    }
  else
    value = choices[selected];
  write_field (self, GTK_WIDGET (row), field, value);
}

void
_studio_resources_page_load_units (StudioResourcesPage *self,
                                   GtkStringList       *labels)
{
  StudioPage *page = STUDIO_PAGE (self);
  ReslibStore *store = studio_page_get_store (page);
  const char *project = studio_page_get_project_id (page);
  g_autoptr(GListModel) units = NULL;

  g_ptr_array_set_size (self->unit_ids, 0);
  g_ptr_array_add (self->unit_ids, NULL);
  /* Translators: no unit chosen */
  gtk_string_list_append (labels, _("None"));
  if (store != NULL && project != NULL)
    units = reslib_store_list (store, RESLIB_KIND_UNIT, project, NULL);
  for (guint i = 0; units != NULL && i < g_list_model_get_n_items (units); i++)
    {
      g_autoptr(ReslibRecord) unit = g_list_model_get_item (units, i);

      g_ptr_array_add (self->unit_ids, g_strdup (reslib_record_get_id (unit)));
      gtk_string_list_append (labels, reslib_record_get (unit, "name"));
    }
}

/* The tags a resource has, as its label says them ("课程思政、职业培训"), or "" for none. */
static char *
tags_text (ReslibRecord *record)
{
  const char * const *tags = reslib_record_get_list (record, "tags");
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; reslib_tags[i] != NULL; i++)
    if (tags != NULL && g_strv_contains (tags, reslib_tags[i]))
      {
        if (text->len > 0)
          /* Translators: between two tags of a resource */
          g_string_append (text, C_("tags", ", "));
        g_string_append (text, reslib_label_tag (reslib_tags[i]));
      }

  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
tag_toggled_cb (GtkCheckButton      *check,
                StudioResourcesPage *self)
{
  GtkWidget *row = g_object_get_data (G_OBJECT (check), "tags-row");
  GtkCheckButton **checks = g_object_get_data (G_OBJECT (row), "checks");
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) tags = NULL;
  g_autofree char *value = NULL;

  if (self->filling || self->record == NULL)
    return;
  for (guint i = 0; reslib_tags[i] != NULL; i++)
    if (gtk_check_button_get_active (checks[i]))
      g_strv_builder_add (builder, reslib_tags[i]);
  tags = g_strv_builder_end (builder);
  value = g_strjoinv (",", tags);
  /* "" and not NULL: a list the record does not hold as a value is always written. */
  if (write_field (self, row, "tags", value))
    {
      g_autofree char *shown = tags_text (self->record);

      adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (row), shown);
    }
}

/* An expander with a check button for each tag, its subtitle the tags the resource has. */
static GtkWidget *
tags_row_new (StudioResourcesPage *self,
              ReslibRecord        *record)
{
  GtkWidget *row = adw_expander_row_new ();
  GtkCheckButton **checks = g_new0 (GtkCheckButton *, g_strv_length ((char **) reslib_tags) + 1);
  const char * const *tags = reslib_record_get_list (record, "tags");
  g_autofree char *shown = tags_text (record);

  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (row), shown);
  for (guint i = 0; reslib_tags[i] != NULL; i++)
    {
      GtkWidget *choice = adw_action_row_new ();
      GtkWidget *check = gtk_check_button_new ();

      gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
      gtk_check_button_set_active (GTK_CHECK_BUTTON (check), tags != NULL && g_strv_contains (tags, reslib_tags[i]));
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (choice), reslib_label_tag (reslib_tags[i]));
      adw_action_row_add_prefix (ADW_ACTION_ROW (choice), check);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (choice), check);
      studio_set_accessible_label (check, reslib_label_tag (reslib_tags[i]));
      g_object_set_data (G_OBJECT (check), "tags-row", row);
      g_signal_connect (check, "toggled", G_CALLBACK (tag_toggled_cb), self);
      adw_expander_row_add_row (ADW_EXPANDER_ROW (row), choice);
      checks[i] = GTK_CHECK_BUTTON (check);
    }
  g_object_set_data_full (G_OBJECT (row), "checks", checks, g_free);

  return row;
}

/* After a change from elsewhere (an undo): the check buttons say what the record holds. */
static void
update_tags_row (GtkWidget    *row,
                 ReslibRecord *record)
{
  GtkCheckButton **checks = g_object_get_data (G_OBJECT (row), "checks");
  const char * const *tags = reslib_record_get_list (record, "tags");
  g_autofree char *shown = tags_text (record);

  for (guint i = 0; reslib_tags[i] != NULL; i++)
    gtk_check_button_set_active (checks[i], tags != NULL && g_strv_contains (tags, reslib_tags[i]));
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (row), shown);
}

static guint
choice_index (const char * const *choices,
              const char         *value)
{
  for (guint i = 0; choices[i] != NULL; i++)
    if (g_strcmp0 (choices[i], value) == 0)
      return i;

  return GTK_INVALID_LIST_POSITION;
}

/* The document kind: none (an ordinary, granular resource) or one of the documents of the major or a
 * course; the first item is none. */
static GtkWidget *
document_row_new (StudioResourcesPage *self,
                  ReslibRecord        *record)
{
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
  const char *value = reslib_record_get (record, "document");
  guint index = choice_index (reslib_resource_documents, value);
  GtkWidget *row = adw_combo_row_new ();

  /* Translators: no document kind: an ordinary resource of a knowledge or skill point */
  gtk_string_list_append (labels, C_("document", "None"));
  for (guint i = 0; reslib_resource_documents[i] != NULL; i++)
    gtk_string_list_append (labels, reslib_label_resource_document (reslib_resource_documents[i]));
  adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (labels));
  adw_combo_row_set_selected (ADW_COMBO_ROW (row), index == GTK_INVALID_LIST_POSITION ? 0 : index + 1);
  g_object_set_data (G_OBJECT (row), "choices", (gpointer) reslib_resource_documents);
  g_signal_connect (row, "notify::selected", G_CALLBACK (combo_selected_cb), self);

  return row;
}

/* Where a document belongs: a major (core or served) or a course of the project, or none. */
static GtkWidget *
home_row_new (StudioResourcesPage *self,
              ReslibRecord        *record,
              const char          *field)
{
  ReslibStore *store = studio_page_get_store (STUDIO_PAGE (self));
  const char *project = studio_page_get_project_id (STUDIO_PAGE (self));
  gboolean major = g_str_equal (field, "major_id");
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
  g_autoptr(GListModel) records = NULL;
  GPtrArray *ids = g_ptr_array_new_with_free_func (g_free);
  const char *value = reslib_record_get (record, field);
  GtkWidget *row = adw_combo_row_new ();
  guint selected = 0;

  g_ptr_array_add (ids, NULL);
  /* Translators: no major or course chosen for a document */
  gtk_string_list_append (labels, C_("home", "None"));
  if (store != NULL && project != NULL)
    records = reslib_store_list (store, major ? RESLIB_KIND_MAJOR : RESLIB_KIND_COURSE, project, NULL);
  for (guint i = 0; records != NULL && i < g_list_model_get_n_items (records); i++)
    {
      g_autoptr(ReslibRecord) r = g_list_model_get_item (records, i);
      const char *code = reslib_record_get (r, "code");
      const char *name = reslib_record_get (r, major ? "name" : "title");
      g_autofree char *label = code != NULL && *code != '\0' ? g_strdup_printf ("%s %s", code, name) : g_strdup (name);

      if (g_strcmp0 (reslib_record_get_id (r), value) == 0)
        selected = ids->len;
      g_ptr_array_add (ids, g_strdup (reslib_record_get_id (r)));
      gtk_string_list_append (labels, label);
    }
  adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (labels));
  adw_combo_row_set_selected (ADW_COMBO_ROW (row), selected);
  g_object_set_data_full (G_OBJECT (row), "ids", ids, (GDestroyNotify) g_ptr_array_unref);
  g_signal_connect (row, "notify::selected", G_CALLBACK (combo_selected_cb), self);

  return row;
}

/* The home's row shows only for a document of its level (the profile says which): the major for
 * 人才培养方案 and 专业教学标准, the course for 课程标准; each says the record's value. */
static void
update_home_rows (StudioResourcesPage *self)
{
  g_autoptr(ReslibProfile) profile = studio_page_get_profile (STUDIO_PAGE (self), NULL);
  const char *document = reslib_record_get (self->record, "document");
  const char *level = profile != NULL ? reslib_profile_document_level (profile, document) : NULL;

  for (guint i = 0; i < self->detail_rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (self->detail_rows, i);
      const char *field = g_object_get_data (G_OBJECT (row), "field");
      GPtrArray *ids = g_object_get_data (G_OBJECT (row), "ids");
      const char *value;
      guint selected = 0;

      if (g_str_equal (field, "document"))
        {
          guint index = choice_index (reslib_resource_documents, document);

          adw_combo_row_set_selected (ADW_COMBO_ROW (row), index == GTK_INVALID_LIST_POSITION ? 0 : index + 1);
          continue;
        }
      if (ids == NULL)
        continue;
      value = reslib_record_get (self->record, field);
      for (guint j = 1; j < ids->len; j++)
        if (g_strcmp0 (g_ptr_array_index (ids, j), value) == 0)
          selected = j;
      adw_combo_row_set_selected (ADW_COMBO_ROW (row), selected);
      gtk_widget_set_visible (row, g_strcmp0 (level, g_str_equal (field, "major_id") ? "major" : "course") == 0 ||
                                   selected != 0);
    }
}

static void
clear_detail_rows (StudioResourcesPage *self)
{
  for (guint i = 0; i < self->detail_rows->len; i++)
    gtk_list_box_remove (self->detail_list, g_ptr_array_index (self->detail_rows, i));
  g_ptr_array_set_size (self->detail_rows, 0);
}

static void
add_detail_row (StudioResourcesPage *self,
                GtkWidget           *row,
                const char          *field)
{
  g_object_set_data_full (G_OBJECT (row), "field", g_strdup (field), g_free);
  gtk_list_box_append (self->detail_list, row);
  g_ptr_array_add (self->detail_rows, row);
}

/* Builds the editors for the selected resource (the field table tells which and how). */
static void
build_detail (StudioResourcesPage *self)
{
  const ReslibEntity *entity = reslib_entity_get (RESLIB_KIND_RESOURCE);
  ReslibRecord *record = self->record;

  self->filling = TRUE;
  clear_detail_rows (self);
  show_field_error (self, NULL, NULL);

  for (guint i = 0; i < entity->n_fields; i++)
    {
      const ReslibField *field = &entity->fields[i];
      GtkWidget *row = NULL;

      if (!(field->flags & RESLIB_FIELD_SETTABLE) && !g_str_equal (field->name, "title") &&
          !g_str_equal (field->name, "file_name") && !g_str_equal (field->name, "type") &&
          !g_str_equal (field->name, "origin") && !g_str_equal (field->name, "language"))
        continue;
      if (field->flags & RESLIB_FIELD_INTERNAL)
        continue;

      if (g_str_equal (field->name, "document"))
        row = document_row_new (self, record);
      else if (g_str_equal (field->name, "major_id") || g_str_equal (field->name, "course_id"))
        row = home_row_new (self, record, field->name);
      else if (field->type == RESLIB_FIELD_CHOICE)
        {
          g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
          const char *value = reslib_record_get (record, field->name);

          for (guint j = 0; field->choices[j] != NULL; j++)
            gtk_string_list_append (labels, g_str_equal (field->name, "origin")
                                              ? reslib_label_resource_origin (field->choices[j])
                                              : reslib_label_resource_type (field->choices[j]));
          row = adw_combo_row_new ();
          adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (labels));
          adw_combo_row_set_selected (ADW_COMBO_ROW (row), choice_index (field->choices, value));
          g_object_set_data (G_OBJECT (row), "choices", (gpointer) field->choices);
          g_signal_connect (row, "notify::selected", G_CALLBACK (combo_selected_cb), self);
        }
      else if (field->type == RESLIB_FIELD_REF && field->ref_kind == RESLIB_KIND_UNIT)
        {
          g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
          const char *value = reslib_record_get (record, field->name);
          guint selected = 0;

          _studio_resources_page_load_units (self, labels);
          for (guint j = 1; j < self->unit_ids->len; j++)
            if (g_strcmp0 (g_ptr_array_index (self->unit_ids, j), value) == 0)
              selected = j;
          row = adw_combo_row_new ();
          adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (labels));
          adw_combo_row_set_selected (ADW_COMBO_ROW (row), selected);
          g_signal_connect (row, "notify::selected", G_CALLBACK (combo_selected_cb), self);
        }
      else if (field->type == RESLIB_FIELD_LIST && g_str_equal (field->name, "nodes"))
        row = _studio_resources_page_nodes_row (self);
      else if (g_str_equal (field->name, "tags"))
        row = tags_row_new (self, record);
      /* Only an online resource has an address (the preview shows it as a link). */
      else if (g_str_equal (field->name, "url") && reslib_record_get (record, "blob_sha256") != NULL)
        continue;
      else if (g_str_equal (field->name, "description"))
        {
          GtkEventController *focus = gtk_event_controller_focus_new ();

          row = studio_text_row_new (field_label (field->name), reslib_record_get (record, field->name));
          g_object_set_data_full (G_OBJECT (row), "resource", g_strdup (reslib_record_get_id (record)), g_free);
          g_signal_connect (focus, "leave", G_CALLBACK (text_focus_leave_cb), self);
          gtk_widget_add_controller (row, focus);
        }
      else if (field->type == RESLIB_FIELD_TEXT || field->type == RESLIB_FIELD_LIST)
        {
          g_autofree char *text = field->type == RESLIB_FIELD_LIST ? list_text (record, field->name)
                                                                   : g_strdup (reslib_record_get (record, field->name));

          row = adw_entry_row_new ();
          adw_entry_row_set_show_apply_button (ADW_ENTRY_ROW (row), TRUE);
          gtk_editable_set_text (GTK_EDITABLE (row), text != NULL ? text : "");
          g_signal_connect (row, "apply", G_CALLBACK (entry_apply_cb), self);
          if (field->type == RESLIB_FIELD_LIST)
            studio_tooltip_set (row, _("Separate several values with commas"));
        }
      if (row == NULL)
        continue;

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), field_label (field->name));
      studio_set_accessible_label (row, field_label (field->name));
      add_detail_row (self, row, field->name);
    }
  update_home_rows (self);

  self->filling = FALSE;
}

static void
update_info (StudioResourcesPage *self)
{
  g_autofree char *size = studio_resource_format_size (reslib_record_get_int (self->record, "size", -1));
  g_autofree char *modified = studio_resource_format_time (reslib_record_get (self->record, "updated_at"));
  g_autofree char *info = NULL;
  const char *state = reslib_label_resource_state (reslib_record_get (self->record, "state"));
  const char *note = reslib_record_get (self->record, "review_note");
  ReslibStore *store = studio_page_get_store (STUDIO_PAGE (self));
  const char *sha = reslib_record_get (self->record, "blob_sha256");

  /* Translators: state, size and last change of a resource */
  info = g_strdup_printf (_("%s · %s · changed %s"), state, size, modified);
  gtk_widget_remove_css_class (GTK_WIDGET (self->detail_info), "warning");
  if (g_strcmp0 (reslib_record_get (self->record, "state"), "rejected") == 0 && note != NULL && *note != '\0')
    {
      /* Returned by the lead: why comes first, and what to do. */
      g_autofree char *returned = studio_resource_state_text ("rejected", note);
      g_autofree char *with_note = NULL;

      /* Translators: a resource the reviewer returned: "Returned: <note>", what to do, then its state,
       * size and last change */
      with_note = g_strdup_printf (_("%s\nCorrect it, then contribute it again.\n%s"), returned, info);
      g_free (info);
      info = g_steal_pointer (&with_note);
      gtk_widget_add_css_class (GTK_WIDGET (self->detail_info), "warning");
    }
  else if (g_strcmp0 (reslib_record_get (self->record, "state"), "approved") == 0)
    {
      /* Said before anything is changed: the store sends an approved resource back to review. */
      g_autofree char *approved = g_strdup_printf (_("%s\nApproved: changing it sends it back to review."), info);

      g_free (info);
      info = g_steal_pointer (&approved);
      gtk_widget_add_css_class (GTK_WIDGET (self->detail_info), "warning");
    }
  else if (note != NULL && *note != '\0')
    {
      /* Translators: the reviewer's note on a resource */
      g_autofree char *with_note = g_strdup_printf (_("%s\nReview note: %s"), info, note);

      g_free (info);
      info = g_steal_pointer (&with_note);
    }
  /* The media facts the checks use, as the probe found them. */
  if (store != NULL && sha != NULL)
    {
      g_autoptr(ReslibProbeInfo) probe = reslib_store_get_probe (store, sha, NULL);
      g_autofree char *facts = studio_media_facts_text (probe);

      if (facts != NULL)
        {
          g_autofree char *with_facts = g_strdup_printf ("%s\n%s", info, facts);

          g_free (info);
          info = g_steal_pointer (&with_facts);
        }
    }
  gtk_label_set_text (self->detail_info, info);
}

void
_studio_resources_page_update_detail (StudioResourcesPage *self)
{
  ReslibStore *store = studio_page_get_store (STUDIO_PAGE (self));
  guint n = self->rows != NULL || self->paging ? _studio_resources_page_n_selected (self) : 0;
  g_auto(GStrv) ids = NULL;
  g_autoptr(ReslibRecord) record = NULL;

  if (n == 0 || store == NULL)
    {
      g_clear_object (&self->record);
      clear_detail_rows (self);
      _studio_resources_page_clear_preview (self);
      gtk_stack_set_visible_child_name (self->detail_stack, "none");
      return;
    }
  if (n > 1)
    {
      /* Translators: %u is a number of selected resources */
      g_autofree char *title = g_strdup_printf (_("Selected: %u"), n);

      g_clear_object (&self->record);
      clear_detail_rows (self);
      _studio_resources_page_clear_preview (self);
      adw_status_page_set_title (self->many_status, title);
      adw_status_page_set_description (self->many_status,
                                       _("Set the type, course node, authors, unit, origin, description, keywords or licence of all of them at once."));
      gtk_stack_set_visible_child_name (self->detail_stack, "many");
      return;
    }

  ids = _studio_resources_page_selected_ids (self);
  record = reslib_store_get (store, RESLIB_KIND_RESOURCE, ids[0], NULL);
  if (record == NULL)
    return;

  /* The same resource, changed: keep the editors (and what is being typed), refresh the rest. */
  if (self->record != NULL && g_str_equal (reslib_record_get_id (self->record), ids[0]) &&
      self->detail_rows->len > 0)
    {
      g_set_object (&self->record, record);
      self->filling = TRUE;
      for (guint i = 0; i < self->detail_rows->len; i++)
        {
          GtkWidget *row = g_ptr_array_index (self->detail_rows, i);
          const char *field = g_object_get_data (G_OBJECT (row), "field");

          GtkWidget *focus = gtk_root_get_focus (gtk_widget_get_root (row));
          gboolean editing = focus != NULL && (focus == row || gtk_widget_is_ancestor (focus, row));

          if (ADW_IS_ENTRY_ROW (row) && !editing &&
              !gtk_widget_has_css_class (row, "error"))
            {
              const ReslibField *f = reslib_entity_find_field (reslib_entity_get (RESLIB_KIND_RESOURCE), field);
              g_autofree char *text = f->type == RESLIB_FIELD_LIST ? list_text (record, field)
                                                                   : g_strdup (reslib_record_get (record, field));

              if (g_strcmp0 (text != NULL ? text : "", gtk_editable_get_text (GTK_EDITABLE (row))) != 0)
                gtk_editable_set_text (GTK_EDITABLE (row), text != NULL ? text : "");
            }
          else if (studio_text_row_get_view (row) != NULL && !editing &&
                   !gtk_widget_has_css_class (row, "error"))
            {
              g_autofree char *shown = studio_text_row_get_text (row);
              const char *text = reslib_record_get (record, field);

              if (g_strcmp0 (text != NULL ? text : "", shown) != 0)
                studio_text_row_set_text (row, text);
            }
          else if (g_str_equal (field, "nodes"))
            _studio_resources_page_update_nodes_row (self, row);
          else if (g_str_equal (field, "tags"))
            update_tags_row (row, record);
          else if (ADW_IS_COMBO_ROW (row) && !g_str_equal (field, "unit_id") && !g_str_equal (field, "document") &&
                   g_object_get_data (G_OBJECT (row), "ids") == NULL)
            adw_combo_row_set_selected (ADW_COMBO_ROW (row),
                                        choice_index (g_object_get_data (G_OBJECT (row), "choices"),
                                                      reslib_record_get (record, field)));
        }
      update_home_rows (self);
      self->filling = FALSE;
      update_info (self);
      return;
    }

  g_set_object (&self->record, record);
  build_detail (self);
  _studio_resources_page_update_preview (self);
  update_info (self);
  gtk_stack_set_visible_child_name (self->detail_stack, "one");
}
