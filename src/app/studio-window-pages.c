/* studio-window-pages.c — the window's sidebar and its pages, each built when first needed
 *
 * The sidebar lists every page from the start, but a page (its template, its models) is built only
 * when it is first shown or asked for (studio_window_get_page): a window opens with the one page it
 * shows. Until then the stack holds a placeholder under the page's name, or the box that will hold
 * it below the lead-only bar. The wrapping of the tooltips the .ui files gave waits until the window's
 * first frame is painted.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "studio-checks-page.h"
#include "studio-courses-page.h"
#include "studio-dossier-page.h"
#include "studio-overview-page.h"
#include "studio-resources-page.h"
#include "studio-review-page.h"
#include "studio-submit-page.h"
#include "studio-team-page.h"
#include "studio-tooltip.h"
#include "studio-window-private.h"

typedef struct
{
  const char *name;
  const char *title;
  const char *icon_name;
  guint       key;          /* Alt+key shows the page */
  GType     (*get_type) (void);
  const char *lead_only;    /* what a teacher is told above the page, where only the lead changes it */
} PageInfo;

static const PageInfo page_infos[] = {
  { "overview",  N_("Overview"),     "view-grid-symbolic",          GDK_KEY_1, studio_overview_page_get_type, NULL },
  { "dossier",   N_("Dossier"),      "x-office-document-symbolic",  GDK_KEY_2, studio_dossier_page_get_type,
    N_("Only the lead changes the dossier. It comes with the lead's packages.") },
  { "team",      N_("Units & Team"), "system-users-symbolic",       GDK_KEY_3, studio_team_page_get_type,
    N_("Only the lead changes the units and the team. They come with the lead's packages.") },
  { "courses",   N_("Courses"),      "view-list-bullet-symbolic",   GDK_KEY_4, studio_courses_page_get_type,
    N_("Only the lead changes the courses and their points. Link your resources to them on the Resources page.") },
  { "resources", N_("Resources"),    "folder-documents-symbolic",   GDK_KEY_5, studio_resources_page_get_type, NULL },
  { "review",    N_("Review"),       "object-select-symbolic",      GDK_KEY_6, studio_review_page_get_type, NULL },
  { "checks",    N_("Checks"),       "dialog-warning-symbolic",     GDK_KEY_7, studio_checks_page_get_type, NULL },
  { "submit",    N_("Submit"),       "send-to-symbolic",            GDK_KEY_8, studio_submit_page_get_type,
    N_("You hand your resources to the lead in a contribution; only the lead uploads to the province.") },
};

G_STATIC_ASSERT (G_N_ELEMENTS (page_infos) == STUDIO_WINDOW_N_PAGES);

int
_studio_window_page_index (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (page_infos); i++)
    if (g_strcmp0 (page_infos[i].name, name) == 0)
      return (int) i;

  return -1;
}

void
_studio_window_build_sidebar (StudioWindow *self)
{
  for (guint i = 0; i < G_N_ELEMENTS (page_infos); i++)
    {
      const PageInfo *info = &page_infos[i];
      GtkWidget *row = gtk_list_box_row_new ();
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
      GtkWidget *image = gtk_image_new_from_icon_name (info->icon_name);
      GtkWidget *label = gtk_label_new (_(info->title));
      g_autofree char *tooltip = NULL;

      gtk_accessible_update_property (GTK_ACCESSIBLE (image), GTK_ACCESSIBLE_PROPERTY_LABEL, "", -1);
      gtk_widget_set_name (row, info->name);
      /* Translators: a page's name and its shortcut, e.g. "Resources (Alt+5)" */
      tooltip = g_strdup_printf (_("%s (Alt+%u)"), _(info->title), info->key - GDK_KEY_0);
      studio_tooltip_set (row, tooltip);
      gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, _(info->title), -1);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_widget_set_hexpand (label, TRUE);
      gtk_box_append (GTK_BOX (box), image);
      gtk_box_append (GTK_BOX (box), label);
      if (g_str_equal (info->name, "resources"))
        {
          GtkWidget *badge = gtk_label_new ("");

          gtk_widget_add_css_class (badge, "dim-label");
          gtk_widget_add_css_class (badge, "numeric");
          gtk_box_append (GTK_BOX (box), badge);
          self->resources_badge = GTK_LABEL (badge);
        }
      gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
      gtk_list_box_append (self->sidebar_list, row);
      self->page_rows[i] = GTK_LIST_BOX_ROW (row);
      _studio_window_spring_load_row (row);

      if (info->lead_only != NULL)
        {
          /* Above a page of what only the lead changes, a teacher is told why it is read-only. */
          GtkWidget *wrapper = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
          GtkWidget *bar = gtk_info_bar_new ();
          GtkWidget *text = gtk_label_new (_(info->lead_only));

          gtk_label_set_wrap (GTK_LABEL (text), TRUE);
          gtk_label_set_xalign (GTK_LABEL (text), 0);
          gtk_info_bar_add_child (GTK_INFO_BAR (bar), text);
          gtk_info_bar_set_message_type (GTK_INFO_BAR (bar), GTK_MESSAGE_INFO);
          gtk_widget_set_visible (bar, FALSE);
          gtk_box_append (GTK_BOX (wrapper), bar);
          self->lead_only_bars[i] = bar;
          self->page_slots[i] = wrapper;
        }
      else
        self->page_slots[i] = adw_bin_new ();
      gtk_stack_add_titled (self->page_stack, self->page_slots[i], info->name, _(info->title));
    }
}

/* Builds the page at @index, unless it was: in its box below the lead-only bar, or in the stack in
 * place of its placeholder (shown, if the placeholder was). */
StudioPage *
_studio_window_ensure_page (StudioWindow *self,
                            int           index)
{
  const PageInfo *info;
  StudioPage *page;

  if (index < 0 || index >= (int) G_N_ELEMENTS (page_infos))
    return NULL;
  if (self->pages[index] != NULL)
    return self->pages[index];

  info = &page_infos[index];
  page = g_object_new (info->get_type (), NULL);
  self->pages[index] = page;
  if (self->session != NULL)
    studio_page_set_session (page, self->session);
  if (self->lead_only_bars[index] != NULL)
    {
      gtk_widget_set_vexpand (GTK_WIDGET (page), TRUE);
      gtk_box_append (GTK_BOX (self->page_slots[index]), GTK_WIDGET (page));
    }
  else
    {
      GtkWidget *placeholder = self->page_slots[index];
      gboolean shown = gtk_stack_get_visible_child (self->page_stack) == placeholder;

      /* The page takes the placeholder's name, which no two children may have at once. */
      gtk_stack_page_set_name (gtk_stack_get_page (self->page_stack, placeholder), NULL);
      gtk_stack_add_titled (self->page_stack, GTK_WIDGET (page), info->name, _(info->title));
      if (shown)
        gtk_stack_set_visible_child (self->page_stack, GTK_WIDGET (page));
      gtk_stack_remove (self->page_stack, placeholder);
      self->page_slots[index] = GTK_WIDGET (page);
    }
  if (self->first_frame_done)
    studio_tooltip_wrap_all (GTK_WIDGET (page));

  return page;
}

/* After the first frame: what is not seen until the pointer rests on something. */
static gboolean
after_first_frame_cb (gpointer data)
{
  StudioWindow *self = data;

  self->after_first_frame_id = 0;
  self->first_frame_done = TRUE;
  /* The tooltips the .ui files gave the window and the pages built so far wrap at a readable width. */
  studio_tooltip_wrap_all (GTK_WIDGET (self));

  return G_SOURCE_REMOVE;
}

static void
first_paint_cb (GdkFrameClock *clock,
                StudioWindow  *self)
{
  g_signal_handlers_disconnect_by_func (clock, first_paint_cb, self);
  if (!self->first_frame_done && self->after_first_frame_id == 0)
    self->after_first_frame_id = g_idle_add_full (G_PRIORITY_LOW, after_first_frame_cb, self, NULL);
}

/* The window is about to be shown: the page it shows is built now, and the rest waits for the first frame. */
void
_studio_window_pages_map (StudioWindow *self)
{
  _studio_window_ensure_page (self, _studio_window_page_index (gtk_stack_get_visible_child_name (self->page_stack)));
}

void
_studio_window_pages_mapped (StudioWindow *self)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (self));

  if (!self->first_frame_done && clock != NULL)
    g_signal_connect_object (clock, "after-paint", G_CALLBACK (first_paint_cb), self, 0);
}

void
_studio_window_pages_dispose (StudioWindow *self)
{
  g_clear_handle_id (&self->after_first_frame_id, g_source_remove);
}

void
_studio_window_class_pages_init (GtkWidgetClass *widget_class)
{
  for (guint i = 0; i < G_N_ELEMENTS (page_infos); i++)
    gtk_widget_class_add_binding_action (widget_class, page_infos[i].key, GDK_ALT_MASK, "win.show-page", "s",
                                         page_infos[i].name);
}
