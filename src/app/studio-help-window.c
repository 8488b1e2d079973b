/* studio-help-window.c — the user guide: the teacher's and the lead's journeys
 *
 * F1 opens it. The guide is part of the program, translated through gettext like every other text,
 * so it needs no help viewer (yelp is not in every runtime) and always matches the version. Each
 * section is a title and numbered steps that name the pages, menus and buttons as the window shows
 * them.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "studio-help-window.h"

#define MAX_STEPS 9

typedef struct
{
  const char *title;
  const char *summary;
  const char *steps[MAX_STEPS];
} Section;

static const Section sections[] = {
  {
    N_("ResLib Studio in Brief"),
    N_("ResLib Studio keeps a vocational teaching resource library: the project's dossier, its units and team, "
       "its courses with modules and knowledge points, and the resources themselves. The lead's copy is the "
       "project; teachers work on their own copies and send what they made to the lead as packages."),
    { NULL },
  },
  {
    N_("The Teacher's Journey"),
    N_("You make resources for one or more courses and send them to the project lead."),
    {
      N_("Join the project: in the main menu choose Join a Project…, and open the package the lead gave you. "
         "The project's courses, units and knowledge points arrive with it."),
      N_("Add your files on the Resources page: Import Files (Ctrl+I), drag them onto the list, or paste them "
         "(Ctrl+V)."),
      N_("Describe each resource in the details pane: title, description, keywords, authors, unit, licence and "
         "the knowledge points it teaches. Several at once: select them and press Ctrl+E."),
      N_("Run the checks (Checks page, F5) and fix what they find: missing descriptions, licences, video "
         "resolution and the like."),
      N_("Submit your resources for review (Submit for Review on the Resources page)."),
      N_("Send them to the lead: in the main menu choose Contribute…, and give the lead the package it writes."),
      N_("A rejected resource shows the reviewer's note in its details: correct it, and contribute it again."),
    },
  },
  {
    N_("The Lead's Journey"),
    N_("You keep the project, review what the teachers send, and submit the library to the province."),
    {
      N_("Create the project (New Project…), and fill in the Dossier page: the project's name, level, dates, "
         "contacts and narrative."),
      N_("On Units & Team, add the host and participating units and the people; the first host unit reviews "
         "the resources."),
      N_("On Courses, add the courses with their modules and knowledge points."),
      N_("Give the teachers a package of the project to join from, and import the packages they send back "
         "(Import Package…, Ctrl+Shift+O)."),
      N_("Review on the Review page: search and filter the queue, look at each resource, and approve (A) or "
         "reject with a note (R, then Enter); J and K move through the queue. Changing an approved resource "
         "sends it back to review."),
      N_("Run the checks (F5) until none fails, and write the progress report from the Overview page."),
      N_("On the Submit page, build the package for the province and upload it."),
    },
  },
  {
    N_("Keys"),
    N_("F1 opens this guide, Ctrl+? lists every shortcut, Alt+1 to Alt+8 go to the pages, Ctrl+Z undoes the "
       "last change, and Ctrl+F searches the page shown."),
    { NULL },
  },
};

struct _StudioHelpWindow
{
  AdwWindow  parent_instance;
};

G_DEFINE_FINAL_TYPE (StudioHelpWindow, studio_help_window, ADW_TYPE_WINDOW)

static GtkWidget *
wrapped_label (const char *text,
               const char *css_class)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  /* Text can be selected with the mouse and copied, but the keyboard's focus does not land in it (it
   * would select the first heading when the window opens). */
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  gtk_widget_set_focusable (label, FALSE);
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);
  return label;
}

static void
studio_help_window_class_init (StudioHelpWindowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
studio_help_window_init (StudioHelpWindow *self)
{
  GtkWidget *content = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = adw_header_bar_new ();
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *clamp = adw_clamp_new ();
  GtkWidget *body = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);

  gtk_window_set_title (GTK_WINDOW (self), _("ResLib Studio Guide"));
  gtk_window_set_default_size (GTK_WINDOW (self), 640, 720);
  gtk_box_append (GTK_BOX (content), header);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_widget_set_vexpand (scrolled, TRUE);
  adw_clamp_set_maximum_size (ADW_CLAMP (clamp), 640);
  gtk_widget_set_margin_start (body, 18);
  gtk_widget_set_margin_end (body, 18);
  gtk_widget_set_margin_top (body, 18);
  gtk_widget_set_margin_bottom (body, 24);

  for (guint i = 0; i < G_N_ELEMENTS (sections); i++)
    {
      GtkWidget *title = wrapped_label (_(sections[i].title), "title-2");

      if (i > 0)
        gtk_widget_set_margin_top (title, 18);
      gtk_box_append (GTK_BOX (body), title);
      gtk_box_append (GTK_BOX (body), wrapped_label (_(sections[i].summary), NULL));
      for (guint j = 0; j < MAX_STEPS && sections[i].steps[j] != NULL; j++)
        {
          /* Translators: a numbered step of the guide: its number, then its text */
          g_autofree char *step = g_strdup_printf (_("%u. %s"), j + 1, _(sections[i].steps[j]));
          GtkWidget *label = wrapped_label (step, NULL);

          gtk_widget_set_margin_start (label, 12);
          gtk_box_append (GTK_BOX (body), label);
        }
    }

  adw_clamp_set_child (ADW_CLAMP (clamp), body);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), clamp);
  gtk_box_append (GTK_BOX (content), scrolled);
  adw_window_set_content (ADW_WINDOW (self), content);
}

/**
 * studio_help_window_new:
 * @parent: (nullable): the window the guide belongs to
 *
 * Returns: (transfer none): the guide, not yet shown
 */
GtkWindow *
studio_help_window_new (GtkWindow *parent)
{
  return g_object_new (STUDIO_TYPE_HELP_WINDOW, "transient-for", parent, "destroy-with-parent", TRUE, NULL);
}
