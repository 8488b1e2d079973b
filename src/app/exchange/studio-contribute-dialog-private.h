/* studio-contribute-dialog-private.h — what the files of the Contribute dialog share
 *
 * The dialog is one class in two files: studio-contribute-dialog.c (the picker: the list, its
 * search and course or point, what is chosen; the window and its state) and -build.c (the output
 * file, building the contribution and handing it over).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "studio-contribute-dialog.h"

G_BEGIN_DECLS

struct _StudioContributeDialog
{
  AdwWindow        parent_instance;

  StudioSession   *session;
  char            *project_id;
  GListStore      *items;              /* of StudioContributeItem */
  GtkFilterListModel *shown;
  GtkCustomFilter *filter;
  char            *folded_query;
  GPtrArray       *scope_ids;          /* course or node id per entry of the scope list; NULL: all */
  GPtrArray       *scope_sets;         /* GHashTable of node ids per entry; NULL: all */
  GHashTable      *scope;              /* the one chosen, or NULL */
  char            *output_path;
  char            *built_path;
  guint64          built_size;
  GCancellable    *cancellable;        /* while building */
  GCancellable    *load_cancellable;   /* reading the resources */
  const char      *state;              /* "load", "pick", "build", "done" */

  AdwWindowTitle  *window_title;
  GtkStack        *stack;
  GtkSearchEntry  *search_entry;
  GtkDropDown     *scope_dropdown;
  GtkLabel        *count_label;
  GtkLabel        *error_label;
  AdwActionRow    *output_row;
  GtkSwitch       *older_switch;       /* format 1, for a lead whose release is older */
  GtkWidget       *build_button;
  GtkWidget       *close_button;
  GtkProgressBar  *progress;
  AdwStatusPage   *done_status;
  GtkFileChooserNative *chooser;
};

/* studio-contribute-dialog.c */
void       _studio_contribute_dialog_update_count     (StudioContributeDialog *self);
void       _studio_contribute_dialog_set_state        (StudioContributeDialog *self,
                                                       const char             *state);

/* studio-contribute-dialog-build.c */
char      *_studio_contribute_dialog_default_folder   (StudioContributeDialog *self);
char      *_studio_contribute_dialog_new_output_path  (StudioContributeDialog *self,
                                                       const char             *dir);
void       _studio_contribute_dialog_show_output      (StudioContributeDialog *self);
GtkWidget *_studio_contribute_dialog_progress_page    (StudioContributeDialog *self);
GtkWidget *_studio_contribute_dialog_done_page        (StudioContributeDialog *self);
void       _studio_contribute_dialog_class_init_build (GtkWidgetClass         *widget_class);

G_END_DECLS
