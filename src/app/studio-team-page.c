/* studio-team-page.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "studio-team-page.h"

struct _StudioTeamPage
{
  StudioPage parent_instance;
};

G_DEFINE_FINAL_TYPE (StudioTeamPage, studio_team_page, STUDIO_TYPE_PAGE)

static void
studio_team_page_project_changed (StudioPage *page)
{
}

static void
studio_team_page_class_init (StudioTeamPageClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  StudioPageClass *page_class = STUDIO_PAGE_CLASS (klass);

  page_class->project_changed = studio_team_page_project_changed;
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/reslib/Studio/ui/studio-team-page.ui");
}

static void
studio_team_page_init (StudioTeamPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
