/* studio-resources-page-open.c — Open, Open With… and Show in Folder for the selected resource's file
 *
 * Each gives the other application a read-only copy of the file under its own name, never the blob in the
 * store (studio-open-copy.c says why). Open uses the default application for the file's type (through the
 * OpenURI portal in a sandbox), Open With… lets the user choose one, Show in Folder shows the copy in the file
 * manager: from there it can be dragged to a mail or a chat, and dragging it away cannot take the blob out of
 * the store.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "reslib-store-gc.h"
#include "studio-open-copy.h"
#include "studio-open-with-dialog.h"
#include "studio-resources-page-private.h"
#include "studio-show-in-folder.h"

typedef enum
{
  THEN_OPEN,
  THEN_OPEN_WITH,
  THEN_SHOW_IN_FOLDER,
} Then;

typedef struct
{
  StudioResourcesPage *self;
  Then                 then;
  GAppInfo            *app;    /* THEN_OPEN_WITH */
} OpenCall;

static void
open_call_free (OpenCall *call)
{
  g_object_unref (call->self);
  g_clear_object (&call->app);
  g_free (call);
}

static GtkWindow *
page_window (StudioResourcesPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

static void
show_open_error (StudioResourcesPage *self,
                 Then                 then,
                 const GError        *error)
{
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  studio_page_show_error (STUDIO_PAGE (self), then == THEN_SHOW_IN_FOLDER ? _("The file could not be shown")
                                                                          : _("The file could not be opened"),
                          error);
}

static void
launched_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      data)
{
  g_autoptr(StudioResourcesPage) self = data;
  g_autoptr(GError) error = NULL;
  gboolean done;

  if (G_IS_APP_INFO (source))
    done = g_app_info_launch_uris_finish (G_APP_INFO (source), result, &error);
  else
    done = g_app_info_launch_default_for_uri_finish (result, &error);
  if (!done)
    show_open_error (self, THEN_OPEN, error);
}

static void
shown_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      data)
{
  g_autoptr(StudioResourcesPage) self = data;
  g_autoptr(GError) error = NULL;

  if (!studio_show_in_folder_finish (result, NULL, &error))
    show_open_error (self, THEN_SHOW_IN_FOLDER, error);
}

static void
copied_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      data)
{
  OpenCall *call = data;
  StudioResourcesPage *self = call->self;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) copy = studio_open_copy_finish (result, &error);
  g_autoptr(GdkAppLaunchContext) context = NULL;
  g_autofree char *uri = NULL;

  if (copy == NULL)
    {
      show_open_error (self, call->then, error);
      open_call_free (call);
      return;
    }
  context = gdk_display_get_app_launch_context (gtk_widget_get_display (GTK_WIDGET (self)));
  uri = g_file_get_uri (copy);
  switch (call->then)
    {
    case THEN_OPEN:
      g_app_info_launch_default_for_uri_async (uri, G_APP_LAUNCH_CONTEXT (context), NULL, launched_cb,
                                               g_object_ref (self));
      break;
    case THEN_OPEN_WITH:
      {
        GList uris = { uri, NULL, NULL };

        g_app_info_launch_uris_async (call->app, &uris, G_APP_LAUNCH_CONTEXT (context), NULL, launched_cb,
                                      g_object_ref (self));
      }
      break;
    case THEN_SHOW_IN_FOLDER:
      studio_show_in_folder_async (page_window (self), copy, NULL, shown_cb, g_object_ref (self));
      break;
    default:
      g_assert_not_reached ();
    }
  open_call_free (call);
}

/* Copies the selected resource's file, then does @then with the copy. */
static void
with_copy (StudioResourcesPage *self,
           Then                 then,
           GAppInfo            *app)
{
  ReslibStore *store = studio_page_get_store (STUDIO_PAGE (self));
  const char *sha = self->record != NULL ? reslib_record_get (self->record, "blob_sha256") : NULL;
  g_autofree char *path = NULL;
  OpenCall *call;

  if (store == NULL || sha == NULL)
    return;
  path = reslib_store_get_blob_path (store, sha);
  if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
    {
      /* A file in the trash of an interrupted cleanup is put back by the store. */
      g_autofree char *found = reslib_store_find_blob (store, sha, NULL);

      if (found != NULL)
        {
          g_free (path);
          path = g_steal_pointer (&found);
        }
    }
  call = g_new0 (OpenCall, 1);
  call->self = g_object_ref (self);
  call->then = then;
  call->app = app != NULL ? g_object_ref (app) : NULL;
  studio_open_copy_async (path, sha, reslib_record_get (self->record, "file_name"), NULL, copied_cb, call);
}

static void
open_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  with_copy (STUDIO_RESOURCES_PAGE (widget), THEN_OPEN, NULL);
}

static void
show_in_folder_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  with_copy (STUDIO_RESOURCES_PAGE (widget), THEN_SHOW_IN_FOLDER, NULL);
}

static void
chosen_cb (StudioOpenWithDialog *dialog,
           GAppInfo             *app,
           StudioResourcesPage  *self)
{
  const char *id = g_object_get_data (G_OBJECT (dialog), "resource");

  /* Still the resource the dialog was opened for. */
  if (self->record != NULL && g_strcmp0 (reslib_record_get_id (self->record), id) == 0)
    with_copy (self, THEN_OPEN_WITH, app);
}

static void
open_with_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  StudioResourcesPage *self = STUDIO_RESOURCES_PAGE (widget);
  const char *mime, *name;
  g_autofree char *type = NULL;
  StudioOpenWithDialog *dialog;

  if (self->record == NULL)
    return;
  mime = reslib_record_get (self->record, "mime_type");
  name = reslib_record_get (self->record, "file_name");
  type = mime != NULL ? g_content_type_from_mime_type (mime) : NULL;
  if (type == NULL && name != NULL)
    type = g_content_type_guess (name, NULL, 0, NULL);
  dialog = studio_open_with_dialog_new (page_window (self), type != NULL ? type : "application/octet-stream",
                                        name != NULL ? name : "");
  g_object_set_data_full (G_OBJECT (dialog), "resource", g_strdup (reslib_record_get_id (self->record)), g_free);
  g_signal_connect_object (dialog, "chosen", G_CALLBACK (chosen_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

void
_studio_resources_page_class_open_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "resources.open", NULL, open_action);
  gtk_widget_class_install_action (widget_class, "resources.open-with", NULL, open_with_action);
  gtk_widget_class_install_action (widget_class, "resources.show-in-folder", NULL, show_in_folder_action);
}
