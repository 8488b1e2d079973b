/* studio-courses-page-add.c — the Courses page: adding a course, or a node under the selected row
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "reslib-store-courses.h"
#include "studio-courses-page-private.h"

typedef struct
{
  StudioCoursesPage *page;
  GtkEditable       *title;
  AdwComboRow       *kind;
  char              *parent_id;    /* a node, or NULL */
  char              *course_id;    /* for nodes */
} AddDialog;

static void
add_dialog_free (gpointer data)
{
  AddDialog *add = data;

  g_free (add->parent_id);
  g_free (add->course_id);
  g_free (add);
}

static void
add_changed_cb (GtkEditable      *editable,
                AdwMessageDialog *dialog)
{
  adw_message_dialog_set_response_enabled (dialog, "add",
                                           !_studio_courses_page_is_blank (gtk_editable_get_text (editable)));
}

static void
add_response_cb (AdwMessageDialog *dialog,
                 const char       *response,
                 AddDialog        *add)
{
  StudioCoursesPage *self = add->page;
  ReslibStore *store = studio_page_get_store (STUDIO_PAGE (self));
  const char *project_id = studio_page_get_project_id (STUDIO_PAGE (self));
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;
  g_autofree char *position = NULL;
  g_autofree char *id = NULL;
  guint kind = adw_combo_row_get_selected (add->kind);

  if (g_strcmp0 (response, "add") != 0 || store == NULL || project_id == NULL)
    return;
  title = g_strstrip (g_strdup (gtk_editable_get_text (add->title)));
  if (*title == '\0')
    return;

  if (add->course_id == NULL)
    {
      position = g_strdup_printf ("%u", g_list_model_get_n_items (G_LIST_MODEL (self->courses)));
      id = reslib_store_insert (store, RESLIB_KIND_COURSE,
                                (const char * const[]) { "project_id", "title", "kind", "position", NULL },
                                (const char * const[]) { project_id, title,
                                                         reslib_course_kinds[MIN (kind, g_strv_length ((char **) reslib_course_kinds) - 1)],
                                                         position },
                                &error);
    }
  else
    {
      GListModel *siblings = g_hash_table_lookup (self->children, add->parent_id ? add->parent_id : add->course_id);

      position = g_strdup_printf ("%u", siblings != NULL ? g_list_model_get_n_items (siblings) : 0);
      id = reslib_store_insert (store, RESLIB_KIND_NODE,
                                (const char * const[]) { "course_id", "parent_id", "kind", "title", "position", NULL },
                                (const char * const[]) { add->course_id, add->parent_id,
                                                         reslib_node_kinds[MIN (kind, g_strv_length ((char **) reslib_node_kinds) - 1)],
                                                         title, position },
                                &error);
    }
  if (id == NULL)
    {
      _studio_courses_page_show_error (self, add->course_id == NULL ? _("The course could not be added")
                                                                    : _("The node could not be added"),
                                       error);
      return;
    }

  _studio_courses_page_reload_now (self);
  studio_courses_page_select (self, id);
}

static void
present_add_dialog (StudioCoursesPage *self,
                    ReslibRecord      *parent)
{
  AddDialog *add = g_new0 (AddDialog, 1);
  GtkWidget *dialog;
  GtkWidget *list = gtk_list_box_new ();
  GtkWidget *title_row = adw_entry_row_new ();
  GtkWidget *kind_row = adw_combo_row_new ();
  g_autoptr(GtkStringList) kinds = gtk_string_list_new (NULL);
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  gboolean node = parent != NULL;
  guint default_kind = 0;
  const char * const *choices = node ? reslib_node_kinds : reslib_course_kinds;

  add->page = self;
  if (node)
    {
      add->course_id = g_strdup (_studio_courses_page_is_node (parent) ? reslib_record_get (parent, "course_id")
                                                                       : reslib_record_get_id (parent));
      add->parent_id = _studio_courses_page_is_node (parent) ? g_strdup (reslib_record_get_id (parent)) : NULL;
      /* Under a course: a module; under a module or chapter: a knowledge point. */
      if (_studio_courses_page_is_node (parent))
        default_kind = 2;
    }

  if (node)
    {
      dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, _("Add Node"), NULL);
      adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog), _("The new node goes under “%s”."),
                                      reslib_record_get (parent, "title"));
    }
  else
    dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, _("Add Course"),
                                     _("A standardized course is built from modules, and its modules from knowledge and skill points."));

  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (title_row), _("Title"));
  studio_set_accessible_label (title_row, node ? _("Node title") : _("Course title"));
  gtk_list_box_append (GTK_LIST_BOX (list), title_row);

  for (guint i = 0; choices[i] != NULL; i++)
    gtk_string_list_append (kinds, node ? reslib_label_node_kind (choices[i]) : reslib_label_course_kind (choices[i]));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (kind_row), _("Kind"));
  studio_set_accessible_label (kind_row, node ? _("Node kind") : _("Course kind"));
  adw_combo_row_set_model (ADW_COMBO_ROW (kind_row), G_LIST_MODEL (kinds));
  adw_combo_row_set_selected (ADW_COMBO_ROW (kind_row), default_kind);
  gtk_list_box_append (GTK_LIST_BOX (list), kind_row);
  add->title = GTK_EDITABLE (title_row);
  add->kind = ADW_COMBO_ROW (kind_row);

  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), list);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "add", _("_Add"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "add", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "add");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (dialog), "add", FALSE);
  gtk_window_set_destroy_with_parent (GTK_WINDOW (dialog), TRUE);
  g_object_set_data_full (G_OBJECT (dialog), "add-dialog", add, add_dialog_free);
  g_signal_connect (dialog, "response", G_CALLBACK (add_response_cb), add);
  g_signal_connect (title_row, "changed", G_CALLBACK (add_changed_cb), dialog);
  /* Enter in the title adds at once. */
  adw_entry_row_set_activates_default (ADW_ENTRY_ROW (title_row), TRUE);

  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (title_row);
}

void
_studio_courses_page_add_course_action (GtkWidget  *widget,
                                        const char *action_name,
                                        GVariant   *parameter)
{
  StudioCoursesPage *self = STUDIO_COURSES_PAGE (widget);

  if (studio_page_get_project_id (STUDIO_PAGE (self)) != NULL)
    present_add_dialog (self, NULL);
}

void
_studio_courses_page_add_node_action (GtkWidget  *widget,
                                      const char *action_name,
                                      GVariant   *parameter)
{
  StudioCoursesPage *self = STUDIO_COURSES_PAGE (widget);
  g_autoptr(ReslibRecord) parent = _studio_courses_page_get_selected (self);

  if (parent == NULL)
    {
      studio_page_toast (STUDIO_PAGE (self), _("Select the course or node the new node goes under first"));
      return;
    }
  present_add_dialog (self, parent);
}

