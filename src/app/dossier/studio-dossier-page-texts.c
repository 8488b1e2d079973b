/* studio-dossier-page-texts.c — the Dossier page's narrative sections: the 申报书's (建设基础, 项目负责人主持经历,
 * the five dimensions of 建设内容, 保障措施 and the recommending unit), then the progress report's (存在问题,
 * 下一步计划) and the acceptance report's (建设成效 in the five dimensions, 审计报告), each a multi-line text view
 *
 * A section is saved a moment after the typing stops (and when the page goes), as a whole: each line is a
 * paragraph of the dossier, and an empty text removes the section. The text views keep their own undo
 * (Ctrl+Z); a text read again from the store replaces a view's text only when it differs and the view has no
 * changes waiting, so the cursor stays where it is while one types.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "reslib-store-texts.h"
#include "studio-dossier-page-private.h"

#define SAVE_DELAY_MS 800

typedef enum
{
  GROUP_DOSSIER,
  GROUP_REPORTS,
} Group;

static const struct
{
  const char *section;
  const char *title;
  Group       group;
} sections[] = {
  /* Translators: a section of the dossier (申报书): 建设基础 */
  { "foundation", N_("Foundation"), GROUP_DOSSIER },
  /* Translators: a section of the dossier: the projects the project leader has led (项目负责人主持经历) */
  { "leader-experience", N_("Project leader’s experience"), GROUP_DOSSIER },
  /* Translators: the first of the five dimensions of the build content (建设内容：资源建设) */
  { "content-resources", N_("Content: resources"), GROUP_DOSSIER },
  /* Translators: 建设内容：平台功能 */
  { "content-platform", N_("Content: platform"), GROUP_DOSSIER },
  /* Translators: 建设内容：应用推广 */
  { "content-promotion", N_("Content: use and promotion"), GROUP_DOSSIER },
  /* Translators: 建设内容：特色创新 */
  { "content-innovation", N_("Content: features and innovation"), GROUP_DOSSIER },
  /* Translators: 建设内容：制度保障 */
  { "content-institution", N_("Content: rules and institutions"), GROUP_DOSSIER },
  /* Translators: a section of the dossier: 保障措施 */
  { "safeguards", N_("Safeguards"), GROUP_DOSSIER },
  /* Translators: the unit that recommends the project (推荐单位), named on the dossier's cover */
  { "recommender", N_("Recommending unit"), GROUP_DOSSIER },
  /* Translators: a section of the progress report (建设进展与应用分析报告): 存在问题 */
  { "progress-problems", N_("Progress report: problems"), GROUP_REPORTS },
  /* Translators: a section of the progress report: 下一步计划 */
  { "progress-next", N_("Progress report: next steps"), GROUP_REPORTS },
  /* Translators: a section of the acceptance report: what was achieved in resources (建设成效：资源建设) */
  { "outcome-resources", N_("Achieved: resources"), GROUP_REPORTS },
  /* Translators: 建设成效：平台功能 */
  { "outcome-platform", N_("Achieved: platform"), GROUP_REPORTS },
  /* Translators: 建设成效：应用推广 */
  { "outcome-promotion", N_("Achieved: use and promotion"), GROUP_REPORTS },
  /* Translators: 建设成效：特色创新 */
  { "outcome-innovation", N_("Achieved: features and innovation"), GROUP_REPORTS },
  /* Translators: 建设成效：制度保障 */
  { "outcome-institution", N_("Achieved: rules and institutions"), GROUP_REPORTS },
  /* Translators: a section of the acceptance report: the audit report (审计报告): who audited, its number, its
   * conclusion */
  { "audit", N_("Audit report"), GROUP_REPORTS },
};

static void
save_texts (StudioDossierPage *self)
{
  StudioPage *page = STUDIO_PAGE (self);
  ReslibStore *store = studio_page_get_store (page);
  g_autofree char *project_id = g_steal_pointer (&self->texts_project);
  g_autoptr(GList) dirty = g_hash_table_get_keys (self->texts_dirty);

  g_clear_handle_id (&self->texts_save_id, g_source_remove);
  if (store == NULL || project_id == NULL)
    {
      g_hash_table_remove_all (self->texts_dirty);
      return;
    }
  for (GList *l = dirty; l != NULL; l = l->next)
    {
      const char *section = l->data;
      GtkTextView *view = g_hash_table_lookup (self->text_views, section);
      GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
      GtkTextIter start, end;
      g_autofree char *text = NULL;
      g_autoptr(GError) error = NULL;

      gtk_text_buffer_get_bounds (buffer, &start, &end);
      text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
      /* no longer waiting before the store's change comes back, so that it is not skipped */
      g_hash_table_remove (self->texts_dirty, section);
      if (!reslib_store_set_project_text (store, project_id, section, text, &error))
        studio_page_toast (page, error->message);
    }
}

static gboolean
save_cb (gpointer data)
{
  StudioDossierPage *self = data;

  self->texts_save_id = 0;
  save_texts (self);

  return G_SOURCE_REMOVE;
}

static void
buffer_changed_cb (GtkTextBuffer     *buffer,
                   StudioDossierPage *self)
{
  if (self->texts_loading)
    return;
  if (self->texts_project == NULL)
    self->texts_project = g_strdup (studio_page_get_project_id (STUDIO_PAGE (self)));
  g_hash_table_add (self->texts_dirty, g_object_get_data (G_OBJECT (buffer), "section"));
  g_clear_handle_id (&self->texts_save_id, g_source_remove);
  self->texts_save_id = g_timeout_add (SAVE_DELAY_MS, save_cb, self);
}

/**
 * _studio_dossier_page_show_texts:
 *
 * Shows the project's narrative sections, leaving alone the views with changes not saved yet.
 */
void
_studio_dossier_page_show_texts (StudioDossierPage *self)
{
  StudioPage *page = STUDIO_PAGE (self);
  ReslibStore *store = studio_page_get_store (page);
  const char *project_id = studio_page_get_project_id (page);

  self->texts_loading = TRUE;
  for (guint i = 0; i < G_N_ELEMENTS (sections); i++)
    {
      GtkTextView *view = g_hash_table_lookup (self->text_views, sections[i].section);
      GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
      g_autofree char *text = NULL;
      g_autofree char *shown = NULL;
      g_autoptr(GError) error = NULL;
      GtkTextIter start, end;

      if (g_hash_table_contains (self->texts_dirty, sections[i].section))
        continue;
      if (store != NULL && project_id != NULL)
        text = reslib_store_get_project_text (store, project_id, sections[i].section, &error);
      if (error != NULL)
        {
          studio_page_toast (page, error->message);
          break;
        }
      gtk_text_buffer_get_bounds (buffer, &start, &end);
      shown = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
      if (g_strcmp0 (g_strstrip (shown), text != NULL ? text : "") == 0)
        continue;
      /* the store's text is no step to undo */
      gtk_text_buffer_begin_irreversible_action (buffer);
      gtk_text_buffer_set_text (buffer, text != NULL ? text : "", -1);
      gtk_text_buffer_end_irreversible_action (buffer);
    }
  self->texts_loading = FALSE;
}

/* Before the page changes project or goes: the changes waiting are saved to the project they were made in. */
void
_studio_dossier_page_flush_texts (StudioDossierPage *self)
{
  if (self->texts_save_id != 0)
    save_texts (self);
}

/**
 * _studio_dossier_page_add_texts:
 *
 * Adds the group of narrative sections at the end of the page.
 */
static GtkWidget *
new_group (Group group)
{
  GtkWidget *widget = adw_preferences_group_new ();
  AdwPreferencesGroup *prefs = ADW_PREFERENCES_GROUP (widget);

  if (group == GROUP_DOSSIER)
    {
      gtk_widget_set_name (widget, "texts_group");
      /* Translators: the group of the Dossier page with the text of the 申报书's sections */
      adw_preferences_group_set_title (prefs, _("Dossier Text"));
      adw_preferences_group_set_description (prefs, _("The sections the dossier prints as written: each line is a "
                                                      "paragraph"));
    }
  else
    {
      gtk_widget_set_name (widget, "report_texts_group");
      /* Translators: the group of the Dossier page with the text of the progress and acceptance reports */
      adw_preferences_group_set_title (prefs, _("Report Text"));
      adw_preferences_group_set_description (prefs, _("What the progress report and the acceptance report print as "
                                                      "written: each line is a paragraph"));
    }

  return widget;
}

void
_studio_dossier_page_add_texts (StudioDossierPage *self)
{
  GtkWidget *group = NULL;

  self->text_views = g_hash_table_new (g_str_hash, g_str_equal);
  self->texts_dirty = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; i < G_N_ELEMENTS (sections); i++)
    {
      gboolean first = i == 0 || sections[i].group != sections[i - 1].group;
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
      GtkWidget *label = gtk_label_new (_(sections[i].title));
      GtkWidget *frame = gtk_frame_new (NULL);
      GtkWidget *view = gtk_text_view_new ();
      GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (view));

      if (first)
        {
          if (group != NULL)
            gtk_box_append (GTK_BOX (self->content_box), group);
          group = new_group (sections[i].group);
        }
      gtk_widget_set_margin_top (box, first ? 0 : 12);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_widget_add_css_class (label, "heading");
      gtk_label_set_mnemonic_widget (GTK_LABEL (label), view);
      gtk_widget_set_name (view, sections[i].section);
      gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (view), GTK_WRAP_WORD_CHAR);
      gtk_text_view_set_top_margin (GTK_TEXT_VIEW (view), 8);
      gtk_text_view_set_bottom_margin (GTK_TEXT_VIEW (view), 8);
      gtk_text_view_set_left_margin (GTK_TEXT_VIEW (view), 8);
      gtk_text_view_set_right_margin (GTK_TEXT_VIEW (view), 8);
      gtk_text_view_set_accepts_tab (GTK_TEXT_VIEW (view), FALSE);
      gtk_widget_set_size_request (view, -1, g_str_equal (sections[i].section, "recommender") ? -1 : 96);
      gtk_accessible_update_property (GTK_ACCESSIBLE (view), GTK_ACCESSIBLE_PROPERTY_LABEL, _(sections[i].title), -1);
      g_object_set_data (G_OBJECT (buffer), "section", (gpointer) sections[i].section);
      g_signal_connect (buffer, "changed", G_CALLBACK (buffer_changed_cb), self);
      gtk_frame_set_child (GTK_FRAME (frame), view);
      gtk_box_append (GTK_BOX (box), label);
      gtk_box_append (GTK_BOX (box), frame);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), box);
      g_hash_table_insert (self->text_views, (gpointer) sections[i].section, view);
    }
  gtk_box_append (GTK_BOX (self->content_box), group);
}

void
_studio_dossier_page_dispose_texts (StudioDossierPage *self)
{
  _studio_dossier_page_flush_texts (self);
  g_clear_handle_id (&self->texts_save_id, g_source_remove);
  g_clear_pointer (&self->text_views, g_hash_table_unref);
  g_clear_pointer (&self->texts_dirty, g_hash_table_unref);
  g_clear_pointer (&self->texts_project, g_free);
}
