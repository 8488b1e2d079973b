/* studio-dossier-page-private.h — what the Dossier page's files share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "studio-dossier-page.h"

G_BEGIN_DECLS

struct _StudioDossierPage
{
  StudioPage      parent_instance;

  ReslibProfile  *profile;
  GHashTable     *expanded;
  GHashTable     *unit_names;     /* id → name */
  char          **unit_ids;       /* for the unit combos */
  char          **unit_labels;
  guint           reload_id;
  guint           targets_id;     /* the targets' actual numbers read again, when idle */
  GHashTable     *targets;        /* target id → ReslibTargetProgress */
  char          **course_ids;     /* for the Add Target dialog */
  char          **course_labels;
  GHashTable     *text_views;     /* section → its GtkTextView (studio-dossier-page-texts.c) */
  GHashTable     *texts_dirty;    /* sections changed and not saved yet */
  char           *texts_project;  /* the project they were changed in */
  guint           texts_save_id;
  gboolean        texts_loading;

  /* Template children */
  GtkWidget      *content_box;    /* insensitive for a teacher: only the lead changes it */
  GtkListBox     *project_list;
  GtkLabel       *project_error;
  GtkListBox     *majors_list;
  GtkListBox     *served_list;
  GtkLabel       *served_error;
  GtkListBox     *industry_list;
  GtkLabel       *industry_error;
  AdwPreferencesGroup *budget_group;
  GtkListBox     *targets_list;
  GtkLabel       *targets_error;
  GtkListBox     *usage_list;
  GtkListBox     *budget_list;
  GtkLabel       *budget_error;
  GtkListBox     *milestones_list;
  GtkLabel       *milestones_error;
  GtkListBox     *declarations_list;
  GtkLabel       *declarations_error;
  GtkListBox     *evidence_list;
  char           *evidence_path;  /* the file Attach Evidence… chose */
};

/* studio-dossier-page.c */
char *_studio_dossier_page_describe_target (const char *kind,
                                            const char *resource_type,
                                            const char *course_title);

/* studio-dossier-page-usage.c: the usage statistics and Import Usage… */
void _studio_dossier_page_show_usage       (StudioDossierPage *self);
void _studio_dossier_page_clear_usage      (StudioDossierPage *self);
void _studio_dossier_page_class_usage_init (GtkWidgetClass    *widget_class);

/* studio-dossier-page-texts.c: the narrative sections of the dossier */
void _studio_dossier_page_add_texts        (StudioDossierPage *self);
void _studio_dossier_page_show_texts       (StudioDossierPage *self);
void _studio_dossier_page_flush_texts      (StudioDossierPage *self);
void _studio_dossier_page_dispose_texts    (StudioDossierPage *self);

/* studio-dossier-page-evidence.c: the evidence files and Attach Evidence… */
void _studio_dossier_page_show_evidence       (StudioDossierPage *self);
void _studio_dossier_page_clear_evidence      (StudioDossierPage *self);
void _studio_dossier_page_class_evidence_init (GtkWidgetClass    *widget_class);

/* studio-dossier-page-actions.c: installs the page's actions and their keys. */
void _studio_dossier_page_class_actions_init (GtkWidgetClass *widget_class);

G_END_DECLS
