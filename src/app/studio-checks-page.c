/* studio-checks-page.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "studio-checks-page.h"

struct _StudioChecksPage
{
  StudioPage parent_instance;
};

G_DEFINE_FINAL_TYPE (StudioChecksPage, studio_checks_page, STUDIO_TYPE_PAGE)

static void
studio_checks_page_project_changed (StudioPage *page)
{
}

static void
studio_checks_page_class_init (StudioChecksPageClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  StudioPageClass *page_class = STUDIO_PAGE_CLASS (klass);

  page_class->project_changed = studio_checks_page_project_changed;
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/reslib/Studio/ui/studio-checks-page.ui");
}

static void
studio_checks_page_init (StudioChecksPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
