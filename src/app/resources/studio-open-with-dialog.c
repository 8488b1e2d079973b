/* studio-open-with-dialog.c — choosing the application that opens a file
 *
 * The applications that say they open the file's type, the default one first; when none does, every
 * application. Enter or a double click on a row, or Open, emits ::chosen with the application and closes
 * the dialog; Escape or Cancel closes it. (GtkAppChooserDialog is deprecated from GTK 4.10 on.)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "studio-open-with-dialog.h"

struct _StudioOpenWithDialog
{
  AdwWindow   parent_instance;

  GPtrArray  *apps;      /* of GAppInfo, as listed */
  GtkListBox *list;
  GtkWidget  *open_button;
};

enum
{
  SIGNAL_CHOSEN,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (StudioOpenWithDialog, studio_open_with_dialog, ADW_TYPE_WINDOW)

static gboolean
listed (GPtrArray *apps,
        GAppInfo  *app)
{
  for (guint i = 0; i < apps->len; i++)
    if (g_app_info_equal (g_ptr_array_index (apps, i), app))
      return TRUE;

  return FALSE;
}

static void
add_apps (GPtrArray *apps,
          GList     *list)
{
  for (GList *l = list; l != NULL; l = l->next)
    if (g_app_info_should_show (l->data) && !listed (apps, l->data))
      g_ptr_array_add (apps, g_object_ref (l->data));
}

static gint
compare_names (gconstpointer a,
               gconstpointer b)
{
  GAppInfo *app_a = *(GAppInfo **) a;
  GAppInfo *app_b = *(GAppInfo **) b;

  return g_utf8_collate (g_app_info_get_display_name (app_a), g_app_info_get_display_name (app_b));
}

/* The default application, those recommended for the type, the others for it; else every application. */
static gboolean
find_apps (GPtrArray  *apps,
           const char *content_type)
{
  g_autoptr(GAppInfo) default_app = g_app_info_get_default_for_type (content_type, FALSE);
  GList *recommended = g_app_info_get_recommended_for_type (content_type);
  GList *all_for_type = g_app_info_get_all_for_type (content_type);
  GList *all = NULL;
  gboolean for_type;

  if (default_app != NULL && g_app_info_should_show (default_app))
    g_ptr_array_add (apps, g_object_ref (default_app));
  add_apps (apps, recommended);
  add_apps (apps, all_for_type);
  g_list_free_full (recommended, g_object_unref);
  g_list_free_full (all_for_type, g_object_unref);
  for_type = apps->len > 0;
  if (!for_type)
    {
      all = g_app_info_get_all ();
      add_apps (apps, all);
      g_list_free_full (all, g_object_unref);
      g_ptr_array_sort (apps, compare_names);
    }

  return for_type;
}

static void
choose (StudioOpenWithDialog *self,
        GtkListBoxRow        *row)
{
  int index = row != NULL ? gtk_list_box_row_get_index (row) : -1;
  g_autoptr(GAppInfo) app = NULL;

  if (index < 0 || (guint) index >= self->apps->len)
    return;
  app = g_object_ref (g_ptr_array_index (self->apps, index));
  gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
  g_signal_emit (self, signals[SIGNAL_CHOSEN], 0, app);
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
row_activated_cb (GtkListBox           *list,
                  GtkListBoxRow        *row,
                  StudioOpenWithDialog *self)
{
  choose (self, row);
}

static void
open_clicked_cb (GtkButton            *button,
                 StudioOpenWithDialog *self)
{
  choose (self, gtk_list_box_get_selected_row (self->list));
}

static void
selected_cb (GtkListBox           *list,
             GtkListBoxRow        *row,
             StudioOpenWithDialog *self)
{
  gtk_widget_set_sensitive (self->open_button, row != NULL);
}

static GtkWidget *
app_row (GAppInfo *app,
         gboolean  is_default)
{
  GtkWidget *row = adw_action_row_new ();
  GIcon *gicon = g_app_info_get_icon (app);
  GtkWidget *icon = gicon != NULL ? gtk_image_new_from_gicon (gicon)
                                  : gtk_image_new_from_icon_name ("application-x-executable");

  gtk_image_set_icon_size (GTK_IMAGE (icon), GTK_ICON_SIZE_LARGE);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), g_app_info_get_display_name (app));
  if (is_default)
    /* Translators: under the name of the application that opens this type of file by default */
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), _("Default application"));
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);

  return row;
}

static void
studio_open_with_dialog_dispose (GObject *object)
{
  StudioOpenWithDialog *self = STUDIO_OPEN_WITH_DIALOG (object);

  /* The rows go before the window: no selection to follow then. */
  if (self->list != NULL)
    g_signal_handlers_disconnect_by_data (self->list, self);
  self->list = NULL;
  g_clear_pointer (&self->apps, g_ptr_array_unref);

  G_OBJECT_CLASS (studio_open_with_dialog_parent_class)->dispose (object);
}

static void
studio_open_with_dialog_class_init (StudioOpenWithDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = studio_open_with_dialog_dispose;

  /**
   * StudioOpenWithDialog::chosen:
   * @app: the application chosen
   *
   * The user chose @app; the dialog then closes.
   */
  signals[SIGNAL_CHOSEN] = g_signal_new ("chosen", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                                         NULL, G_TYPE_NONE, 1, G_TYPE_APP_INFO);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
studio_open_with_dialog_init (StudioOpenWithDialog *self)
{
  self->apps = g_ptr_array_new_with_free_func (g_object_unref);
}

/**
 * studio_open_with_dialog_new:
 * @parent: (nullable): the window it is for (modal)
 * @content_type: the file's type (a MIME type)
 * @file_name: the file's name, as the user knows it
 */
StudioOpenWithDialog *
studio_open_with_dialog_new (GtkWindow  *parent,
                             const char *content_type,
                             const char *file_name)
{
  StudioOpenWithDialog *self = g_object_new (STUDIO_TYPE_OPEN_WITH_DIALOG, NULL);
  GtkWidget *box, *header, *cancel, *label, *scrolled, *clamp;
  g_autoptr(GAppInfo) default_app = NULL;
  g_autofree char *text = NULL;
  gboolean for_type;

  gtk_window_set_title (GTK_WINDOW (self), _("Open With"));
  gtk_window_set_modal (GTK_WINDOW (self), TRUE);
  gtk_window_set_transient_for (GTK_WINDOW (self), parent);
  gtk_window_set_destroy_with_parent (GTK_WINDOW (self), TRUE);
  gtk_window_set_default_size (GTK_WINDOW (self), 420, 460);

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  header = adw_header_bar_new ();
  adw_header_bar_set_show_end_title_buttons (ADW_HEADER_BAR (header), FALSE);
  adw_header_bar_set_show_start_title_buttons (ADW_HEADER_BAR (header), FALSE);
  cancel = gtk_button_new_with_mnemonic (_("_Cancel"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (cancel), "window.close");
  adw_header_bar_pack_start (ADW_HEADER_BAR (header), cancel);
  self->open_button = gtk_button_new_with_mnemonic (_("_Open"));
  gtk_widget_add_css_class (self->open_button, "suggested-action");
  g_signal_connect (self->open_button, "clicked", G_CALLBACK (open_clicked_cb), self);
  adw_header_bar_pack_end (ADW_HEADER_BAR (header), self->open_button);
  gtk_box_append (GTK_BOX (box), header);

  for_type = find_apps (self->apps, content_type);
  if (for_type)
    /* Translators: %s is a file's name */
    text = g_strdup_printf (_("Choose the application that opens “%s”. It opens a read-only copy: to change "
                              "the resource’s file, use Replace File…"), file_name);
  else
    /* Translators: %s is a file's name */
    text = g_strdup_printf (_("No application says it opens “%s”. Choose one of all the applications. It opens "
                              "a read-only copy."), file_name);
  label = gtk_label_new (text);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 40);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_set_margin_start (label, 12);
  gtk_widget_set_margin_end (label, 12);
  gtk_widget_set_margin_top (label, 12);
  gtk_widget_set_margin_bottom (label, 6);
  gtk_box_append (GTK_BOX (box), label);

  self->list = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_widget_add_css_class (GTK_WIDGET (self->list), "boxed-list");
  gtk_list_box_set_selection_mode (self->list, GTK_SELECTION_SINGLE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->list), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Applications"),
                                  -1);
  default_app = g_app_info_get_default_for_type (content_type, FALSE);
  for (guint i = 0; i < self->apps->len; i++)
    {
      GAppInfo *app = g_ptr_array_index (self->apps, i);

      gtk_list_box_append (self->list, app_row (app, default_app != NULL && g_app_info_equal (app, default_app)));
    }
  g_signal_connect (self->list, "row-activated", G_CALLBACK (row_activated_cb), self);
  g_signal_connect (self->list, "row-selected", G_CALLBACK (selected_cb), self);
  clamp = adw_clamp_new ();
  gtk_widget_set_margin_start (clamp, 12);
  gtk_widget_set_margin_end (clamp, 12);
  gtk_widget_set_margin_top (clamp, 6);
  gtk_widget_set_margin_bottom (clamp, 12);
  adw_clamp_set_child (ADW_CLAMP (clamp), GTK_WIDGET (self->list));
  scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_widget_set_vexpand (scrolled, TRUE);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), clamp);
  gtk_box_append (GTK_BOX (box), scrolled);

  if (self->apps->len == 0)
    {
      GtkWidget *status = adw_status_page_new ();

      adw_status_page_set_icon_name (ADW_STATUS_PAGE (status), "application-x-executable-symbolic");
      adw_status_page_set_title (ADW_STATUS_PAGE (status), _("No Applications"));
      adw_status_page_set_description (ADW_STATUS_PAGE (status),
                                       _("No application on this computer can be offered for this file."));
      gtk_widget_set_visible (scrolled, FALSE);
      gtk_widget_set_vexpand (status, TRUE);
      gtk_box_append (GTK_BOX (box), status);
    }
  adw_window_set_content (ADW_WINDOW (self), box);

  gtk_widget_set_sensitive (self->open_button, FALSE);
  if (self->apps->len > 0)
    {
      GtkListBoxRow *first = gtk_list_box_get_row_at_index (self->list, 0);

      gtk_list_box_select_row (self->list, first);
      gtk_window_set_focus (GTK_WINDOW (self), GTK_WIDGET (first));
    }

  return self;
}

/**
 * studio_open_with_dialog_get_n_apps:
 *
 * Returns: how many applications are listed
 */
guint
studio_open_with_dialog_get_n_apps (StudioOpenWithDialog *self)
{
  g_return_val_if_fail (STUDIO_IS_OPEN_WITH_DIALOG (self), 0);
  return self->apps->len;
}

/**
 * studio_open_with_dialog_get_app:
 *
 * Returns: (transfer none): the application listed at @position
 */
GAppInfo *
studio_open_with_dialog_get_app (StudioOpenWithDialog *self,
                                 guint                 position)
{
  g_return_val_if_fail (STUDIO_IS_OPEN_WITH_DIALOG (self), NULL);
  g_return_val_if_fail (position < self->apps->len, NULL);
  return g_ptr_array_index (self->apps, position);
}
