/* studio-choose-file.c — choose a file, then activate an action with its path
 *
 * The pages ask for one local file (a usage sheet, a metadata sheet, the new file of a resource, a package to
 * import or to join, where to save the package) and hand its path to an action with a string parameter, which
 * does the work; tests activate that action directly.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "studio-choose-file.h"

static void
chooser_response_cb (GtkNativeDialog *chooser,
                     int              response,
                     GtkWidget       *widget)
{
  const char *action_name = g_object_get_data (G_OBJECT (chooser), "action-name");

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autofree char *path = file != NULL ? g_file_get_path (file) : NULL;

      if (path != NULL)
        gtk_widget_activate_action (widget, action_name, "s", path);
    }
  g_object_unref (chooser);
}

/**
 * studio_choose_file:
 * @widget: the widget whose action gets the path (its window is the chooser's parent)
 * @title: the chooser's title
 * @accept_label: (nullable): the label of its accept button (with a mnemonic), else "_Open"
 * @filters: (array length=n_filters) (nullable): the kinds of file offered, the first one chosen
 * @action_name: an action of @widget with a string parameter ("dossier.import-usage-file")
 *
 * Asks for one file to open; when the user accepts a local file, activates @action_name on @widget with
 * its path. Nothing happens when the user cancels, or when @widget is gone by then.
 */
void
studio_choose_file (GtkWidget                *widget,
                    const char               *title,
                    const char               *accept_label,
                    const StudioChooseFilter *filters,
                    guint                     n_filters,
                    const char               *action_name)
{
  const StudioChooseOptions options = {
    .title = title, .accept_label = accept_label, .filters = filters, .n_filters = n_filters,
  };

  studio_choose_file_full (widget, &options, action_name);
}

static void
add_filter (GtkFileChooser           *chooser,
            const StudioChooseFilter *kind)
{
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  g_auto(GStrv) suffixes = g_strsplit (kind->suffixes != NULL ? kind->suffixes : "", " ", -1);
  g_auto(GStrv) mime_types = g_strsplit (kind->mime_types != NULL ? kind->mime_types : "", " ", -1);

  gtk_file_filter_set_name (filter, kind->name);
  for (guint j = 0; mime_types[j] != NULL; j++)
    if (*mime_types[j] != '\0')
      gtk_file_filter_add_mime_type (filter, mime_types[j]);
  for (guint j = 0; suffixes[j] != NULL; j++)
    if (*suffixes[j] != '\0')
      gtk_file_filter_add_suffix (filter, suffixes[j]);
  gtk_file_chooser_add_filter (chooser, filter);
}

/**
 * studio_choose_file_full:
 * @widget: the widget whose action gets the path (its window is the chooser's parent)
 * @options: the chooser's title, filters, folder, and whether it asks for a file to open or to save
 * @action_name: an action of @widget with a string parameter
 *
 * Like studio_choose_file(), with the folder it opens in, an "All files" filter, or a file to save (GTK asks
 * before it accepts one that exists, so the action may replace it).
 */
void
studio_choose_file_full (GtkWidget                 *widget,
                         const StudioChooseOptions *options,
                         const char                *action_name)
{
  GtkRoot *root;
  GtkFileChooserNative *chooser;
  const char *accept_label;

  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (options != NULL && options->title != NULL);
  g_return_if_fail (action_name != NULL);

  root = gtk_widget_get_root (widget);
  accept_label = options->accept_label != NULL ? options->accept_label : options->save ? _("_Save") : _("_Open");
  chooser = gtk_file_chooser_native_new (options->title, GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                         options->save ? GTK_FILE_CHOOSER_ACTION_SAVE : GTK_FILE_CHOOSER_ACTION_OPEN,
                                         accept_label, _("_Cancel"));
  for (guint i = 0; i < options->n_filters; i++)
    add_filter (GTK_FILE_CHOOSER (chooser), &options->filters[i]);
  if (options->all_files)
    {
      g_autoptr(GtkFileFilter) all = gtk_file_filter_new ();

      gtk_file_filter_set_name (all, _("All files"));
      gtk_file_filter_add_pattern (all, "*");
      gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), all);
    }
  if (options->n_filters > 0)
    {
      g_autoptr(GListModel) filters = gtk_file_chooser_get_filters (GTK_FILE_CHOOSER (chooser));
      g_autoptr(GtkFileFilter) first = g_list_model_get_item (filters, 0);

      gtk_file_chooser_set_filter (GTK_FILE_CHOOSER (chooser), first);
    }
  if (options->folder != NULL)
    gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (chooser), options->folder, NULL);
  if (options->save && options->name != NULL)
    gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), options->name);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_object_set_data_full (G_OBJECT (chooser), "action-name", g_strdup (action_name), g_free);
  g_signal_connect_object (chooser, "response", G_CALLBACK (chooser_response_cb), widget, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}
