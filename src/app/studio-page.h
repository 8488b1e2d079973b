/* studio-page.h — one page of the main window, showing a part of one project
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "reslib-core.h"
#include "studio-session.h"
#include "studio-undo-stack.h"

G_BEGIN_DECLS

#define STUDIO_TYPE_PAGE (studio_page_get_type ())
G_DECLARE_DERIVABLE_TYPE (StudioPage, studio_page, STUDIO, PAGE, AdwBin)

struct _StudioPageClass
{
  AdwBinClass parent_class;

  /* Pages read the store only while they are shown (mapped): a hidden page is told of its project,
   * and of the changes it missed, when it is next shown. A page that must work while hidden (the
   * Submit page resumes uploads at start) sets this. */
  gboolean    load_when_hidden;

  /* The session or its project changed: show the new project (project-id may be NULL). */
  void (*project_changed) (StudioPage *self);

  /* A committed change in the store (see ReslibStore::changed); @id is NULL for many records. */
  void (*store_changed)   (StudioPage *self,
                           ReslibKind  kind,
                           const char *id);

  /* The project's role changed (StudioSession:lead): a page with what only the lead changes makes it
   * read-only when @lead is FALSE. Called at once, shown or not. */
  void (*lead_changed)    (StudioPage *self,
                           gboolean    lead);

  /* Another rule profile was chosen; pages that show what it sets read it again. */
  void (*profile_changed) (StudioPage *self);

  /* Show this record (a finding's subject, a search result) on the page. */
  void (*open_subject)    (StudioPage *self,
                           ReslibKind  kind,
                           const char *id);
};

StudioSession *studio_page_get_session  (StudioPage    *self);
void         studio_page_set_session    (StudioPage    *self,
                                         StudioSession *session);

/* Views of the session's store and project. */
ReslibStore *studio_page_get_store      (StudioPage   *self);
const char  *studio_page_get_project_id (StudioPage   *self);
void         studio_page_reload         (StudioPage   *self);
ReslibRecord *studio_page_get_project   (StudioPage   *self);
gboolean     studio_page_get_lead       (StudioPage   *self);
ReslibProfile *studio_page_get_profile  (StudioPage   *self,
                                         GError      **error);
/* Lists a job just started among the session's running work. */
void         studio_page_add_job        (StudioPage   *self,
                                         ReslibJob    *job);

/* Telling the user, through the window the page is in (no-ops when it is in none). */
void         studio_page_toast          (StudioPage   *self,
                                         const char   *message);
void         studio_page_add_toast      (StudioPage   *self,
                                         AdwToast     *toast);
void         studio_page_show_error     (StudioPage   *self,
                                         const char   *heading,
                                         const GError *error);
/* Asks the window to show another page and, when @subject_id is given, that record in it. */
void         studio_page_show_subject   (StudioPage   *self,
                                         ReslibKind    kind,
                                         const char   *subject_id);
void         studio_page_open_subject   (StudioPage   *self,
                                         const char   *page_name,
                                         ReslibKind    kind,
                                         const char   *subject_id);

/* Changes the user can undo (studio-page-undo.c) */
StudioUndoStack *studio_page_get_undo_stack (StudioPage     *self);
void             studio_page_push_undo      (StudioPage     *self,
                                             ReslibUndoStep *step,
                                             const char     *label,
                                             const char     *toast);

/* Small shared helpers for pages. */
void         studio_set_accessible_label (gpointer     widget,
                                          const char  *label);
void         studio_accessibility_init   (void);

G_END_DECLS
