/* studio-settings.c — the application's settings, a property per GSettings key
 *
 * The one place that opens the GSettings of io.github.reslib.Studio: each key is a property of
 * the same name, bound to the key both ways (a change made elsewhere, e.g. by gsettings(1), is
 * notified here). When the schema is not installed (a build tree without GSETTINGS_SCHEMA_DIR)
 * the properties keep their defaults and whatever is set on them until the process ends, and
 * studio_settings_is_persistent() says so.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "studio-settings.h"

#define SETTINGS_SCHEMA_ID "io.github.reslib.Studio"

enum {
  PROP_0,
  PROP_WINDOW_WIDTH,
  PROP_WINDOW_HEIGHT,
  PROP_WINDOW_MAXIMIZED,
  PROP_LAST_PROJECT,
  PROP_LAST_PAGE,
  PROP_ENDPOINT_URL,
  PROP_CA_FILE,
  PROP_CHUNK_SIZE,
  PROP_RATE_LIMIT,
  PROP_PROFILE_FILE,
  PROP_DATA_FOLDER,
  PROP_FOLDER_PACKAGES_IN,
  PROP_FOLDER_PACKAGES_OUT,
  PROP_FOLDER_REPORTS,
  PROP_FOLDER_RESOURCES,
  PROP_REPORT_FORMAT,
  PROP_RESOURCES_GRID,
  N_PROPS
};

struct _StudioSettings
{
  GObject    parent_instance;

  GSettings *settings;          /* NULL when the schema is not installed */
  GValue     values[N_PROPS];
};

G_DEFINE_FINAL_TYPE (StudioSettings, studio_settings, G_TYPE_OBJECT)

static GParamSpec *properties[N_PROPS];

static void
studio_settings_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  StudioSettings *self = STUDIO_SETTINGS (object);

  if (prop_id == 0 || prop_id >= N_PROPS)
    {
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
      return;
    }
  g_value_copy (&self->values[prop_id], value);
}

static void
studio_settings_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  StudioSettings *self = STUDIO_SETTINGS (object);

  if (prop_id == 0 || prop_id >= N_PROPS)
    {
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
      return;
    }
  if (g_param_values_cmp (pspec, &self->values[prop_id], value) == 0)
    return;
  g_value_copy (value, &self->values[prop_id]);
  g_object_notify_by_pspec (object, pspec);
}

static void
studio_settings_dispose (GObject *object)
{
  StudioSettings *self = STUDIO_SETTINGS (object);

  if (self->settings != NULL)
    {
      for (guint i = 1; i < N_PROPS; i++)
        g_settings_unbind (self, g_param_spec_get_name (properties[i]));
    }
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (studio_settings_parent_class)->dispose (object);
}

static void
studio_settings_finalize (GObject *object)
{
  StudioSettings *self = STUDIO_SETTINGS (object);

  for (guint i = 1; i < N_PROPS; i++)
    g_value_unset (&self->values[i]);

  G_OBJECT_CLASS (studio_settings_parent_class)->finalize (object);
}

static void
studio_settings_class_init (StudioSettingsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->get_property = studio_settings_get_property;
  object_class->set_property = studio_settings_set_property;
  object_class->dispose = studio_settings_dispose;
  object_class->finalize = studio_settings_finalize;

  /* Names, ranges and defaults as in data/io.github.reslib.Studio.gschema.xml (tests/app/test-window.c
   * checks them against the schema). */
  properties[PROP_WINDOW_WIDTH] =
    g_param_spec_int ("window-width", NULL, NULL, 360, 32768, 1280, flags);
  properties[PROP_WINDOW_HEIGHT] =
    g_param_spec_int ("window-height", NULL, NULL, 294, 32768, 720, flags);
  properties[PROP_WINDOW_MAXIMIZED] =
    g_param_spec_boolean ("window-maximized", NULL, NULL, FALSE, flags);
  properties[PROP_LAST_PROJECT] =
    g_param_spec_string ("last-project", NULL, NULL, "", flags);
  properties[PROP_LAST_PAGE] =
    g_param_spec_string ("last-page", NULL, NULL, "overview", flags);
  properties[PROP_ENDPOINT_URL] =
    g_param_spec_string ("endpoint-url", NULL, NULL, "", flags);
  properties[PROP_CA_FILE] =
    g_param_spec_string ("ca-file", NULL, NULL, "", flags);
  properties[PROP_CHUNK_SIZE] =
    g_param_spec_uint ("chunk-size", NULL, NULL, 1, 1024, 1024, flags);
  properties[PROP_RATE_LIMIT] =
    g_param_spec_uint ("rate-limit", NULL, NULL, 0, 1048576, 0, flags);
  properties[PROP_PROFILE_FILE] =
    g_param_spec_string ("profile-file", NULL, NULL, "", flags);
  properties[PROP_DATA_FOLDER] =
    g_param_spec_string ("data-folder", NULL, NULL, "", flags);
  properties[PROP_FOLDER_PACKAGES_IN] =
    g_param_spec_string ("folder-packages-in", NULL, NULL, "", flags);
  properties[PROP_FOLDER_PACKAGES_OUT] =
    g_param_spec_string ("folder-packages-out", NULL, NULL, "", flags);
  properties[PROP_FOLDER_REPORTS] =
    g_param_spec_string ("folder-reports", NULL, NULL, "", flags);
  properties[PROP_FOLDER_RESOURCES] =
    g_param_spec_string ("folder-resources", NULL, NULL, "", flags);
  properties[PROP_REPORT_FORMAT] =
    g_param_spec_string ("report-format", NULL, NULL, "pdf", flags);
  properties[PROP_RESOURCES_GRID] =
    g_param_spec_boolean ("resources-grid", NULL, NULL, FALSE, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
studio_settings_init (StudioSettings *self)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;

  for (guint i = 1; i < N_PROPS; i++)
    {
      g_value_init (&self->values[i], G_PARAM_SPEC_VALUE_TYPE (properties[i]));
      g_param_value_set_default (properties[i], &self->values[i]);
    }

  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, SETTINGS_SCHEMA_ID, TRUE);
  if (schema == NULL)
    {
      g_debug ("The GSettings schema %s is not installed: settings are not kept", SETTINGS_SCHEMA_ID);
      return;
    }

  self->settings = g_settings_new_full (schema, NULL, NULL);
  for (guint i = 1; i < N_PROPS; i++)
    {
      const char *key = g_param_spec_get_name (properties[i]);

      if (g_settings_schema_has_key (schema, key))
        g_settings_bind (self->settings, key, self, key, G_SETTINGS_BIND_DEFAULT);
    }
}

/**
 * studio_settings_new:
 *
 * Returns: (transfer full): new settings; most callers want studio_settings_get_default()
 */
StudioSettings *
studio_settings_new (void)
{
  return g_object_new (STUDIO_TYPE_SETTINGS, NULL);
}

/**
 * studio_settings_get_default:
 *
 * The settings of this process, made the first time they are asked for (in the main thread).
 *
 * Returns: (transfer none): the settings
 */
StudioSettings *
studio_settings_get_default (void)
{
  static StudioSettings *instance;

  if (instance == NULL)
    {
      instance = studio_settings_new ();
      g_object_add_weak_pointer (G_OBJECT (instance), (gpointer *) &instance);
    }

  return instance;
}

/**
 * studio_settings_is_persistent:
 *
 * Returns: whether the settings are kept (the schema is installed)
 */
gboolean
studio_settings_is_persistent (StudioSettings *self)
{
  g_return_val_if_fail (STUDIO_IS_SETTINGS (self), FALSE);

  return self->settings != NULL;
}

static char *
dup_string (StudioSettings *self,
            guint           prop_id)
{
  g_return_val_if_fail (STUDIO_IS_SETTINGS (self), NULL);

  return g_value_dup_string (&self->values[prop_id]);
}

static void
set_string (StudioSettings *self,
            guint           prop_id,
            const char     *value)
{
  g_return_if_fail (STUDIO_IS_SETTINGS (self));

  g_object_set (self, g_param_spec_get_name (properties[prop_id]), value != NULL ? value : "", NULL);
}

char *
studio_settings_dup_endpoint_url (StudioSettings *self)
{
  return dup_string (self, PROP_ENDPOINT_URL);
}

void
studio_settings_set_endpoint_url (StudioSettings *self,
                                  const char     *url)
{
  set_string (self, PROP_ENDPOINT_URL, url);
}

char *
studio_settings_dup_ca_file (StudioSettings *self)
{
  return dup_string (self, PROP_CA_FILE);
}

void
studio_settings_set_ca_file (StudioSettings *self,
                             const char     *path)
{
  set_string (self, PROP_CA_FILE, path);
}

guint
studio_settings_get_chunk_size (StudioSettings *self)
{
  g_return_val_if_fail (STUDIO_IS_SETTINGS (self), 0);

  return g_value_get_uint (&self->values[PROP_CHUNK_SIZE]);
}

void
studio_settings_set_chunk_size (StudioSettings *self,
                                guint           mib)
{
  g_return_if_fail (STUDIO_IS_SETTINGS (self));

  g_object_set (self, "chunk-size", mib, NULL);
}

guint
studio_settings_get_rate_limit (StudioSettings *self)
{
  g_return_val_if_fail (STUDIO_IS_SETTINGS (self), 0);

  return g_value_get_uint (&self->values[PROP_RATE_LIMIT]);
}

void
studio_settings_set_rate_limit (StudioSettings *self,
                                guint           kib_per_s)
{
  g_return_if_fail (STUDIO_IS_SETTINGS (self));

  g_object_set (self, "rate-limit", kib_per_s, NULL);
}

/* An empty path: the built-in profile. */
char *
studio_settings_dup_profile_file (StudioSettings *self)
{
  return dup_string (self, PROP_PROFILE_FILE);
}

void
studio_settings_set_profile_file (StudioSettings *self,
                                  const char     *path)
{
  set_string (self, PROP_PROFILE_FILE, path);
}

char *
studio_settings_dup_data_folder (StudioSettings *self)
{
  return dup_string (self, PROP_DATA_FOLDER);
}

void
studio_settings_set_data_folder (StudioSettings *self,
                                 const char     *path)
{
  set_string (self, PROP_DATA_FOLDER, path);
}

/**
 * studio_settings_dup_report_format:
 *
 * Returns: (transfer full): the format the last report was saved in: "pdf" or "docx"
 */
char *
studio_settings_dup_report_format (StudioSettings *self)
{
  g_autofree char *format = dup_string (self, PROP_REPORT_FORMAT);

  return g_strcmp0 (format, "docx") == 0 ? g_steal_pointer (&format) : g_strdup ("pdf");
}

/**
 * studio_settings_set_report_format:
 * @format: "pdf" or "docx"
 */
void
studio_settings_set_report_format (StudioSettings *self,
                                   const char     *format)
{
  g_return_if_fail (g_strcmp0 (format, "pdf") == 0 || g_strcmp0 (format, "docx") == 0);
  set_string (self, PROP_REPORT_FORMAT, format);
}

char *
studio_settings_dup_last_project (StudioSettings *self)
{
  return dup_string (self, PROP_LAST_PROJECT);
}

void
studio_settings_set_last_project (StudioSettings *self,
                                  const char     *project_id)
{
  set_string (self, PROP_LAST_PROJECT, project_id);
}

char *
studio_settings_dup_last_page (StudioSettings *self)
{
  return dup_string (self, PROP_LAST_PAGE);
}

void
studio_settings_set_last_page (StudioSettings *self,
                               const char     *page)
{
  set_string (self, PROP_LAST_PAGE, page);
}

static guint
folder_prop (StudioFolderPurpose purpose)
{
  switch (purpose)
    {
    case STUDIO_FOLDER_PACKAGES_IN:
      return PROP_FOLDER_PACKAGES_IN;
    case STUDIO_FOLDER_PACKAGES_OUT:
      return PROP_FOLDER_PACKAGES_OUT;
    case STUDIO_FOLDER_REPORTS:
      return PROP_FOLDER_REPORTS;
    case STUDIO_FOLDER_RESOURCES:
    default:
      return PROP_FOLDER_RESOURCES;
    }
}

/**
 * studio_settings_get_last_folder:
 * @purpose: what the file dialog is for
 *
 * Returns: (transfer full) (nullable): the folder last used for @purpose, for a file dialog
 *   to start in; %NULL when none was used or it no longer exists
 */
GFile *
studio_settings_get_last_folder (StudioSettings      *self,
                                 StudioFolderPurpose  purpose)
{
  g_autofree char *path = NULL;

  g_return_val_if_fail (STUDIO_IS_SETTINGS (self), NULL);

  path = dup_string (self, folder_prop (purpose));
  if (path == NULL || !g_path_is_absolute (path) || !g_file_test (path, G_FILE_TEST_IS_DIR))
    return NULL;

  return g_file_new_for_path (path);
}

/**
 * studio_settings_set_last_folder:
 * @purpose: what the file dialog was for
 * @file: the file chosen; its folder is kept (a folder chosen to import: the one that holds it)
 *
 * Keeps the folder of what was chosen in a file dialog for @purpose, where the next one starts.
 * Files without a local path (e.g. remote locations) are not kept.
 */
void
studio_settings_set_last_folder (StudioSettings      *self,
                                 StudioFolderPurpose  purpose,
                                 GFile               *file)
{
  g_autoptr(GFile) parent = NULL;
  g_autofree char *path = NULL;

  g_return_if_fail (STUDIO_IS_SETTINGS (self));
  g_return_if_fail (G_IS_FILE (file));

  parent = g_file_get_parent (file);
  path = parent != NULL ? g_file_get_path (parent) : NULL;
  if (path != NULL)
    set_string (self, folder_prop (purpose), path);
}

void
studio_settings_get_window_state (StudioSettings *self,
                                  int            *width,
                                  int            *height,
                                  gboolean       *maximized)
{
  g_return_if_fail (STUDIO_IS_SETTINGS (self));

  if (width != NULL)
    *width = g_value_get_int (&self->values[PROP_WINDOW_WIDTH]);
  if (height != NULL)
    *height = g_value_get_int (&self->values[PROP_WINDOW_HEIGHT]);
  if (maximized != NULL)
    *maximized = g_value_get_boolean (&self->values[PROP_WINDOW_MAXIMIZED]);
}

/**
 * studio_settings_set_window_state:
 * @width: the width, or 0 to keep the one kept (a maximized window's size is not its own)
 * @height: the height, or 0
 *
 * Keeps the main window's state, written at once.
 */
void
studio_settings_set_window_state (StudioSettings *self,
                                  int             width,
                                  int             height,
                                  gboolean        maximized)
{
  g_return_if_fail (STUDIO_IS_SETTINGS (self));

  if (self->settings != NULL)
    g_settings_delay (self->settings);
  g_object_freeze_notify (G_OBJECT (self));
  if (width > 0 && height > 0)
    g_object_set (self,
                  "window-width", CLAMP (width, 360, 32768),
                  "window-height", CLAMP (height, 294, 32768),
                  NULL);
  g_object_set (self, "window-maximized", maximized, NULL);
  g_object_thaw_notify (G_OBJECT (self));
  if (self->settings != NULL)
    g_settings_apply (self->settings);
}
