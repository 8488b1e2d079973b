/* studio-show-in-folder.c — showing a file in the file manager
 *
 * "Show in Folder" asks the file manager over the session bus to show the file selected in its
 * folder (org.freedesktop.FileManager1.ShowItems, which Files, Dolphin, Nemo, Caja and Thunar
 * answer). When nothing answers (no bus, no such file manager), the folder that holds the file is
 * opened instead with the default application for folders (through the OpenURI portal in a
 * sandbox).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "studio-show-in-folder.h"

#define FILE_MANAGER_NAME      "org.freedesktop.FileManager1"
#define FILE_MANAGER_PATH      "/org/freedesktop/FileManager1"
#define FILE_MANAGER_INTERFACE "org.freedesktop.FileManager1"
/* A file manager that is started by the call may take a while to answer. */
#define FILE_MANAGER_TIMEOUT_MS 10000

typedef struct
{
  GtkWindow *parent;     /* (nullable) */
  GFile     *file;
} ShowData;

static void
show_data_free (ShowData *data)
{
  g_clear_object (&data->parent);
  g_object_unref (data->file);
  g_free (data);
}

static void
open_folder_done (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;

  if (!gtk_show_uri_full_finish (GTK_WINDOW (source), result, &error))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_int (task, STUDIO_SHOW_IN_FOLDER_OPEN_FOLDER);
}

static void
open_folder (GTask *task)
{
  ShowData *data = g_task_get_task_data (task);
  g_autoptr(GFile) folder = g_file_get_parent (data->file);
  g_autofree char *uri = g_file_get_uri (folder != NULL ? folder : data->file);

  gtk_show_uri_full (data->parent, uri, GDK_CURRENT_TIME, g_task_get_cancellable (task), open_folder_done,
                     g_object_ref (task));
}

static void
show_items_done (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GError) error = NULL;

  reply = g_dbus_connection_call_finish (G_DBUS_CONNECTION (source), result, &error);
  if (reply != NULL)
    {
      g_task_return_int (task, STUDIO_SHOW_IN_FOLDER_FILE_MANAGER);
      return;
    }
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  g_debug ("No file manager showed the file (%s); opening its folder", error->message);
  open_folder (task);
}

static void
bus_done (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  ShowData *data = g_task_get_task_data (task);
  g_autoptr(GDBusConnection) bus = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *uri = NULL;
  const char *uris[2] = { NULL, NULL };

  bus = g_bus_get_finish (result, &error);
  if (bus == NULL)
    {
      g_debug ("No session bus (%s); opening the folder", error->message);
      open_folder (task);
      return;
    }
  uri = g_file_get_uri (data->file);
  uris[0] = uri;
  g_dbus_connection_call (bus, FILE_MANAGER_NAME, FILE_MANAGER_PATH, FILE_MANAGER_INTERFACE, "ShowItems",
                          g_variant_new ("(^ass)", uris, ""), NULL, G_DBUS_CALL_FLAGS_NONE,
                          FILE_MANAGER_TIMEOUT_MS, g_task_get_cancellable (task), show_items_done,
                          g_object_ref (task));
}

/**
 * studio_show_in_folder_async:
 * @parent: (nullable): the window the user asked from
 * @file: the file to show
 *
 * Shows @file selected in its folder in the file manager; opens the folder when no file manager
 * answers.
 */
void
studio_show_in_folder_async (GtkWindow           *parent,
                             GFile               *file,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  ShowData *data;

  g_return_if_fail (parent == NULL || GTK_IS_WINDOW (parent));
  g_return_if_fail (G_IS_FILE (file));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, studio_show_in_folder_async);
  data = g_new0 (ShowData, 1);
  data->parent = parent != NULL ? g_object_ref (parent) : NULL;
  data->file = g_object_ref (file);
  g_task_set_task_data (task, data, (GDestroyNotify) show_data_free);
  g_bus_get (G_BUS_TYPE_SESSION, cancellable, bus_done, g_steal_pointer (&task));
}

/**
 * studio_show_in_folder_finish:
 * @method: (out) (optional): how the file was shown
 *
 * Returns: whether the file or its folder was shown; @error says why not
 */
gboolean
studio_show_in_folder_finish (GAsyncResult              *result,
                              StudioShowInFolderMethod  *method,
                              GError                   **error)
{
  gssize value;

  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == studio_show_in_folder_async, FALSE);

  value = g_task_propagate_int (G_TASK (result), error);
  if (value < 0)
    return FALSE;
  if (method != NULL)
    *method = (StudioShowInFolderMethod) value;

  return TRUE;
}

static void
show_done (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!studio_show_in_folder_finish (result, NULL, &error))
    g_message ("The folder could not be shown: %s", error->message);
}

/**
 * studio_show_in_folder:
 * @parent: (nullable): the window the user asked from
 * @file: the file to show
 *
 * As studio_show_in_folder_async(), for a caller that needs no answer.
 */
void
studio_show_in_folder (GtkWindow *parent,
                       GFile     *file)
{
  studio_show_in_folder_async (parent, file, NULL, show_done, NULL);
}
