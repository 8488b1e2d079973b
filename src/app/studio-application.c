/* studio-application.c — the ResLib Studio application
 *
 * The application opens the store once, makes the session around it and hands the session to
 * its window. Options:
 * --demo shows the demo project, created the first time; --data-dir DIR uses another
 * store, in a separate instance. Files given (`reslib-studio FILE.tar`, Files' Open With) are
 * packages: each opens the import review, in the running instance when there is one.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "reslib-store-gc.h"
#include "studio-application.h"
#include "studio-job-notifier.h"
#include "studio-page.h"
#include "studio-preferences-window.h"
#include "studio-settings.h"
#include "studio-thumbnails.h"
#include "studio-window.h"

struct _StudioApplication
{
  AdwApplication  parent_instance;

  char           *data_dir;
  ReslibStore    *store;
  StudioSession  *session;
  StudioJobNotifier *job_notifier;  /* notifications and inhibiting suspend for the session's jobs */
  GError         *store_error;
  gboolean        store_tried;
};

G_DEFINE_FINAL_TYPE (StudioApplication, studio_application, ADW_TYPE_APPLICATION)

static const GOptionEntry option_entries[] = {
  { "demo", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("Create the demo project and open it"), NULL },
  { "data-dir", 0, 0, G_OPTION_ARG_FILENAME, NULL,
    N_("Use the store in DIR instead of the default one"), N_("DIR") },
  /* Translators: do not translate the page names */
  { "page", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("Open on the page NAME (overview, dossier, team, courses, resources, review, checks, submit)"), N_("NAME") },
  { "version", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("Print the version and exit"), NULL },
  { NULL }
};

/* Opens the store the first time it is needed; a failure is kept to be shown. */
/* The files of resources deleted earlier are removed once the window is up, beside it, then their thumbnails. */
#define COLLECT_DELAY_S 10

/* How many thumbnails one start looks at for blobs no longer there (a few hundred milliseconds of a worker). */
#define THUMBNAILS_PRUNED_AT_ONCE 50000

static void
prune_thumbnails_done (GObject      *source,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  guint n_removed = 0;

  if (!studio_thumbnails_prune_finish (result, &n_removed, &error))
    g_message ("Could not remove the thumbnails of removed files: %s", error->message);
  else if (n_removed > 0)
    g_debug ("Removed %u thumbnails of files no longer stored", n_removed);
}

/* Then the thumbnails of the files removed, this time or before. */
static void
collect_blobs_done (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  ReslibStore *store = RESLIB_STORE (source);
  g_autoptr(GError) error = NULL;
  g_autofree char *thumbnails = NULL;

  if (!reslib_store_collect_blobs_finish (store, result, NULL, NULL, &error))
    g_message ("Could not remove the stored files no resource uses: %s", error->message);
  if (reslib_store_is_read_only (store))
    return;
  thumbnails = studio_thumbnails_dup_cache_dir (store);
  studio_thumbnails_prune_async (store, thumbnails, THUMBNAILS_PRUNED_AT_ONCE, NULL, prune_thumbnails_done, NULL);
}

static gboolean
collect_blobs_cb (gpointer data)
{
  reslib_store_collect_blobs_async (RESLIB_STORE (data), NULL, collect_blobs_done, NULL);

  return G_SOURCE_REMOVE;
}

static void
ensure_store (StudioApplication *self)
{
  if (self->store_tried)
    return;

  self->store_tried = TRUE;
  /* --data-dir, else $RESLIB_DATA_DIR, else the data folder chosen in Preferences, else the default. */
  if (self->data_dir == NULL && g_getenv ("RESLIB_DATA_DIR") == NULL)
    {
      g_autofree char *folder = studio_settings_dup_data_folder (studio_settings_get_default ());

      if (folder != NULL && *folder != '\0')
        self->data_dir = g_steal_pointer (&folder);
    }
  self->store = reslib_store_open (self->data_dir, &self->store_error);
  self->session = studio_session_new (self->store, studio_settings_get_default ());
  self->job_notifier = studio_job_notifier_new (GTK_APPLICATION (self), self->session);
  if (self->store != NULL)
    g_timeout_add_seconds_full (G_PRIORITY_LOW, COLLECT_DELAY_S, collect_blobs_cb, g_object_ref (self->store),
                                g_object_unref);
}

static StudioWindow *
get_window (StudioApplication *self)
{
  GtkWindow *window;

  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l != NULL; l = l->next)
    if (STUDIO_IS_WINDOW (l->data))
      return l->data;

  ensure_store (self);
  window = GTK_WINDOW (studio_window_new (self, self->session));
  if (self->store_error != NULL)
    studio_window_show_store_error (STUDIO_WINDOW (window), self->store_error);

  return STUDIO_WINDOW (window);
}

/* Shows the demo project, made first when the store has none; a failure is shown in the window. */
static void
open_demo (StudioApplication *self,
           StudioWindow      *window)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;

  if (self->store == NULL)
    return;

  id = reslib_demo_find (self->store, &error);
  if (id == NULL && error == NULL)
    id = reslib_demo_create (self->store, NULL, &error);
  if (id == NULL)
    studio_window_show_error (window, _("The demo project could not be created"), error);
  else
    studio_window_open_project (window, id);
}

/* Shows the window (on @page, when given, chosen before its first frame). */
static void
open_window (StudioApplication       *self,
             gboolean                 demo,
             const char              *page,
             GApplicationCommandLine *command_line)
{
  StudioWindow *window;

  ensure_store (self);
  window = get_window (self);
  if (page != NULL && studio_window_get_page (window, page) != NULL)
    studio_window_show_page (window, page);
  else if (page != NULL && command_line != NULL)
    g_application_command_line_printerr (command_line, _("There is no page “%s”\n"), page);
  gtk_window_present (GTK_WINDOW (window));

  /* A store without projects shows the page that offers New Project and the demo. */
  if (demo)
    open_demo (self, window);
}

static void
studio_application_activate (GApplication *app)
{
  open_window (STUDIO_APPLICATION (app), FALSE, NULL, NULL);
}

/* Files to open are packages: each is reviewed before it is imported. */
static void
studio_application_open (GApplication  *app,
                         GFile        **files,
                         int            n_files,
                         const char    *hint)
{
  StudioApplication *self = STUDIO_APPLICATION (app);
  StudioWindow *window;

  open_window (self, FALSE, NULL, NULL);
  window = get_window (self);
  for (int i = 0; i < n_files; i++)
    studio_window_open_package (window, files[i]);
}

/* `reslib-studio [OPTION…] [FILE…]`, in the running instance when there is one: FILE relative to the
 * folder it was given in. */
static int
studio_application_command_line (GApplication            *app,
                                 GApplicationCommandLine *command_line)
{
  GVariantDict *options = g_application_command_line_get_options_dict (command_line);
  const char *page = NULL;
  g_auto(GStrv) args = g_application_command_line_get_arguments (command_line, NULL);
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_object_unref);

  g_variant_dict_lookup (options, "page", "&s", &page);
  open_window (STUDIO_APPLICATION (app), g_variant_dict_contains (options, "demo"), page, command_line);
  for (guint i = 1; args[i] != NULL; i++)
    g_ptr_array_add (files, g_application_command_line_create_file_for_arg (command_line, args[i]));
  if (files->len > 0)
    studio_application_open (app, (GFile **) files->pdata, (int) files->len, "");

  return 0;
}

static int
studio_application_handle_local_options (GApplication *app,
                                         GVariantDict *options)
{
  StudioApplication *self = STUDIO_APPLICATION (app);
  g_autofree char *data_dir = NULL;

  if (g_variant_dict_contains (options, "version"))
    {
      g_print ("reslib-studio %s\n", PACKAGE_VERSION);
      return 0;
    }

  /* Another store is another instance: it does not go to a running one. */
  if (g_variant_dict_lookup (options, "data-dir", "^ay", &data_dir))
    {
      g_free (self->data_dir);
      self->data_dir = g_steal_pointer (&data_dir);
      g_application_set_flags (app, g_application_get_flags (app) | G_APPLICATION_NON_UNIQUE);
    }

  return G_APPLICATION_CLASS (studio_application_parent_class)->handle_local_options (app, options);
}

/* Closes the windows, so that each can keep its state, and so quits. */
static void
quit_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  g_autoptr(GList) windows = g_list_copy (gtk_application_get_windows (GTK_APPLICATION (user_data)));

  for (GList *l = windows; l != NULL; l = l->next)
    gtk_window_close (l->data);
}

static void
about_action (GSimpleAction *action,
              GVariant      *parameter,
              gpointer       user_data)
{
  GtkApplication *app = GTK_APPLICATION (user_data);
  static const char *developers[] = { "The ResLib Studio developers", NULL };

  adw_show_about_window (gtk_application_get_active_window (app),
                         "application-name", _("ResLib Studio"),
                         "application-icon", APP_ID,
                         "version", PACKAGE_VERSION,
                         "comments", _("Build, review and submit vocational teaching resource libraries"),
                         "developer-name", _("The ResLib Studio developers"),
                         "developers", developers,
                         "license-type", GTK_LICENSE_GPL_3_0,
                         "website", "https://github.com/reslib/reslib-studio",
                         "issue-url", "https://github.com/reslib/reslib-studio/issues",
                         /* Translators: your names, one per line */
                         "translator-credits", _("translator-credits"),
                         NULL);
}

static void
shortcuts_action (GSimpleAction *action,
                  GVariant      *parameter,
                  gpointer       user_data)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (user_data));

  if (window != NULL)
    gtk_widget_activate_action (GTK_WIDGET (window), "win.show-help-overlay", NULL);
}

static void
preferences_action (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  GtkApplication *app = user_data;

  gtk_window_present (studio_preferences_window_new (gtk_application_get_active_window (app)));
}

/* The default action of the notifications (studio-job-notifier.c): shows the window. */
static void
present_window_action (GSimpleAction *action,
                       GVariant      *parameter,
                       gpointer       user_data)
{
  GList *windows = gtk_application_get_windows (GTK_APPLICATION (user_data));

  if (windows != NULL)
    gtk_window_present (windows->data);
  else
    g_application_activate (G_APPLICATION (user_data));
}

static const GActionEntry app_actions[] = {
  { "quit", quit_action },
  { "preferences", preferences_action },
  { "about", about_action },
  { "shortcuts", shortcuts_action },
  { "present-window", present_window_action },
};

static void
studio_application_startup (GApplication *app)
{
  G_APPLICATION_CLASS (studio_application_parent_class)->startup (app);
  studio_accessibility_init ();
  /* GTK 4.8's GL renderer cuts the right edge off some hinted glyphs drawn at unhinted positions: “包”
   * showed as “句” in 导入资源包 (the shortcuts window, the menus), and other Chinese characters lost half a
   * stroke. With hinted metrics the glyphs are placed on whole pixels and drawn whole. */
  g_object_set (gtk_settings_get_default (), "gtk-hint-font-metrics", TRUE, NULL);

  g_action_map_add_action_entries (G_ACTION_MAP (app), app_actions, G_N_ELEMENTS (app_actions), app);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.preferences",
                                         (const char * const[]) { "<Control>comma", NULL });
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.quit",
                                         (const char *[]) { "<Control>q", NULL });
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "win.show-help-overlay",
                                         (const char *[]) { "<Control>question", NULL });
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "win.help", (const char *[]) { "F1", NULL });
}

static void
studio_application_shutdown (GApplication *app)
{
  StudioApplication *self = STUDIO_APPLICATION (app);

  g_clear_object (&self->job_notifier);
  G_APPLICATION_CLASS (studio_application_parent_class)->shutdown (app);

  g_clear_object (&self->session);
  g_clear_object (&self->store);
}

static void
studio_application_finalize (GObject *object)
{
  StudioApplication *self = STUDIO_APPLICATION (object);

  g_clear_object (&self->job_notifier);
  g_clear_object (&self->session);
  g_clear_object (&self->store);
  g_clear_error (&self->store_error);
  g_free (self->data_dir);

  G_OBJECT_CLASS (studio_application_parent_class)->finalize (object);
}

static void
studio_application_class_init (StudioApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->finalize = studio_application_finalize;
  app_class->activate = studio_application_activate;
  app_class->command_line = studio_application_command_line;
  app_class->open = studio_application_open;
  app_class->handle_local_options = studio_application_handle_local_options;
  app_class->startup = studio_application_startup;
  app_class->shutdown = studio_application_shutdown;
}

static void
studio_application_init (StudioApplication *self)
{
  g_application_add_main_option_entries (G_APPLICATION (self), option_entries);
  /* Translators: in `reslib-studio --help`: the files it opens */
  g_application_set_option_context_parameter_string (G_APPLICATION (self), _("[PACKAGE.tar…]"));
}

StudioApplication *
studio_application_new (void)
{
  return g_object_new (STUDIO_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_HANDLES_COMMAND_LINE | G_APPLICATION_HANDLES_OPEN,
                       /* Also for the ….Devel app id: the help overlay and style.css are here. */
                       "resource-base-path", "/io/github/reslib/Studio",
                       NULL);
}

/**
 * studio_application_get_store:
 *
 * Returns: (transfer none) (nullable): the open store, or %NULL when it is not open (yet).
 */
ReslibStore *
studio_application_get_store (StudioApplication *self)
{
  g_return_val_if_fail (STUDIO_IS_APPLICATION (self), NULL);

  return self->store;
}

/**
 * studio_application_get_session:
 *
 * Returns: (transfer none) (nullable): the session, or %NULL before the store was opened
 */
StudioSession *
studio_application_get_session (StudioApplication *self)
{
  g_return_val_if_fail (STUDIO_IS_APPLICATION (self), NULL);

  return self->session;
}
