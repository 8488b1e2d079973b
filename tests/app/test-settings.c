/* test-settings.c — StudioSettings: a property per key of the schema, bound both ways
 *
 * Runs with the memory GSettings backend and the schema compiled into the build tree; needs no
 * display.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <gio/gio.h>
#include <glib/gstdio.h>

#include "studio-settings.h"

#define SCHEMA_ID "io.github.reslib.Studio"

static GSettingsSchema *
lookup_schema (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();

  return source != NULL ? g_settings_schema_source_lookup (source, SCHEMA_ID, TRUE) : NULL;
}

/* Every key is a property of the same name, of the same type, range and default. */
static void
test_settings_keys (void)
{
  g_autoptr(GSettingsSchema) schema = lookup_schema ();
  g_autoptr(StudioSettings) settings = NULL;
  g_auto(GStrv) keys = NULL;

  if (schema == NULL)
    {
      g_test_skip ("the GSettings schema is not compiled (GSETTINGS_SCHEMA_DIR)");
      return;
    }
  settings = studio_settings_new ();
  g_assert_true (studio_settings_is_persistent (settings));
  keys = g_settings_schema_list_keys (schema);
  g_assert_cmpuint (g_strv_length (keys), >, 0);
  for (guint i = 0; keys[i] != NULL; i++)
    {
      g_autoptr(GSettingsSchemaKey) key = g_settings_schema_get_key (schema, keys[i]);
      g_autoptr(GVariant) fallback = g_settings_schema_key_get_default_value (key);
      g_autoptr(GVariant) range = g_settings_schema_key_get_range (key);
      GParamSpec *pspec = g_object_class_find_property (G_OBJECT_GET_CLASS (settings), keys[i]);
      const char *type = g_variant_get_type_string (fallback);
      g_auto(GValue) value = G_VALUE_INIT;

      g_test_message ("key %s", keys[i]);
      g_assert_nonnull (pspec);
      g_value_init (&value, pspec->value_type);
      g_param_value_set_default (pspec, &value);
      if (g_str_equal (type, "s"))
        g_assert_cmpstr (g_value_get_string (&value), ==, g_variant_get_string (fallback, NULL));
      else if (g_str_equal (type, "b"))
        g_assert_cmpint (g_value_get_boolean (&value), ==, g_variant_get_boolean (fallback));
      else if (g_str_equal (type, "i"))
        {
          GParamSpecInt *p = G_PARAM_SPEC_INT (pspec);
          const char *kind;
          g_autoptr(GVariant) bounds = NULL;
          gint32 min, max;

          g_assert_cmpint (g_value_get_int (&value), ==, g_variant_get_int32 (fallback));
          g_variant_get (range, "(&sv)", &kind, &bounds);
          g_assert_cmpstr (kind, ==, "range");
          g_variant_get (bounds, "(ii)", &min, &max);
          g_assert_cmpint (p->minimum, ==, min);
          g_assert_cmpint (p->maximum, ==, max);
        }
      else if (g_str_equal (type, "u"))
        {
          GParamSpecUInt *p = G_PARAM_SPEC_UINT (pspec);
          const char *kind;
          g_autoptr(GVariant) bounds = NULL;
          guint32 min, max;

          g_assert_cmpuint (g_value_get_uint (&value), ==, g_variant_get_uint32 (fallback));
          g_variant_get (range, "(&sv)", &kind, &bounds);
          g_assert_cmpstr (kind, ==, "range");
          g_variant_get (bounds, "(uu)", &min, &max);
          g_assert_cmpuint (p->minimum, ==, min);
          g_assert_cmpuint (p->maximum, ==, max);
        }
      else
        g_assert_not_reached ();
    }
}

typedef struct
{
  guint notified;
} Counter;

static void
count_cb (GObject    *object,
          GParamSpec *pspec,
          Counter    *counter)
{
  counter->notified++;
}

/* A property set is written to the key; a key written elsewhere is the property, notified. */
static void
test_settings_bound (void)
{
  g_autoptr(GSettingsSchema) schema = lookup_schema ();
  g_autoptr(StudioSettings) settings = NULL;
  g_autoptr(GSettings) gsettings = NULL;
  g_autofree char *url = NULL;
  Counter counter = { 0 };
  int width, height;
  gboolean maximized;

  if (schema == NULL)
    {
      g_test_skip ("the GSettings schema is not compiled (GSETTINGS_SCHEMA_DIR)");
      return;
    }
  settings = studio_settings_new ();
  gsettings = g_settings_new (SCHEMA_ID);

  studio_settings_set_endpoint_url (settings, "https://example.edu.cn/files");
  url = g_settings_get_string (gsettings, "endpoint-url");
  g_assert_cmpstr (url, ==, "https://example.edu.cn/files");

  g_signal_connect (settings, "notify::chunk-size", G_CALLBACK (count_cb), &counter);
  g_settings_set_uint (gsettings, "chunk-size", 8);
  g_assert_cmpuint (studio_settings_get_chunk_size (settings), ==, 8);
  g_assert_cmpuint (counter.notified, ==, 1);
  /* The same value again is no change. */
  studio_settings_set_chunk_size (settings, 8);
  g_assert_cmpuint (counter.notified, ==, 1);

  /* Another StudioSettings sees the same keys. */
  {
    g_autoptr(StudioSettings) other = studio_settings_new ();
    g_autofree char *other_url = studio_settings_dup_endpoint_url (other);

    g_assert_cmpstr (other_url, ==, "https://example.edu.cn/files");
  }

  /* NULL resets a string to its default, the empty string. */
  studio_settings_set_endpoint_url (settings, NULL);
  g_clear_pointer (&url, g_free);
  url = g_settings_get_string (gsettings, "endpoint-url");
  g_assert_cmpstr (url, ==, "");

  /* The window's state is written at once; a maximized window keeps the last size. */
  studio_settings_set_window_state (settings, 800, 600, FALSE);
  g_assert_cmpint (g_settings_get_int (gsettings, "window-width"), ==, 800);
  g_assert_cmpint (g_settings_get_int (gsettings, "window-height"), ==, 600);
  studio_settings_set_window_state (settings, 0, 0, TRUE);
  studio_settings_get_window_state (settings, &width, &height, &maximized);
  g_assert_cmpint (width, ==, 800);
  g_assert_cmpint (height, ==, 600);
  g_assert_true (maximized);
  g_assert_true (g_settings_get_boolean (gsettings, "window-maximized"));

  for (guint i = 0; i < 5; i++)
    g_settings_reset (gsettings, (const char *[]) { "endpoint-url", "chunk-size", "window-width", "window-height",
                                                    "window-maximized" }[i]);
  g_signal_handlers_disconnect_by_data (settings, &counter);
}

/* Each file dialog's folder is kept apart, as the folder of the file chosen; a folder that is gone is
 * not offered. */
static void
test_settings_last_folder (void)
{
  g_autoptr(GSettingsSchema) schema = lookup_schema ();
  g_autoptr(StudioSettings) settings = NULL;
  g_autoptr(GSettings) gsettings = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *sub = NULL;
  g_autofree char *report = NULL;
  g_autoptr(GFile) report_file = NULL;
  g_autoptr(GFile) sub_file = NULL;
  g_autoptr(GFile) package_file = NULL;
  g_autoptr(GFile) got = NULL;
  g_autofree char *got_path = NULL;
  g_autofree char *kept = NULL;

  if (schema == NULL)
    {
      g_test_skip ("the GSettings schema is not compiled (GSETTINGS_SCHEMA_DIR)");
      return;
    }
  settings = studio_settings_new ();
  gsettings = g_settings_new (SCHEMA_ID);
  dir = g_dir_make_tmp ("studio-folder-XXXXXX", NULL);
  g_assert_nonnull (dir);
  sub = g_build_filename (dir, "packages", NULL);
  g_assert_cmpint (g_mkdir (sub, 0700), ==, 0);
  report = g_build_filename (dir, "report.pdf", NULL);
  report_file = g_file_new_for_path (report);
  sub_file = g_file_new_for_path (sub);

  for (int p = STUDIO_FOLDER_PACKAGES_IN; p <= STUDIO_FOLDER_RESOURCES; p++)
    g_assert_null (studio_settings_get_last_folder (settings, p));

  /* A file saved: its folder, even before the file exists. */
  studio_settings_set_last_folder (settings, STUDIO_FOLDER_REPORTS, report_file);
  got = studio_settings_get_last_folder (settings, STUDIO_FOLDER_REPORTS);
  got_path = g_file_get_path (got);
  g_assert_cmpstr (got_path, ==, dir);
  kept = g_settings_get_string (gsettings, "folder-reports");
  g_assert_cmpstr (kept, ==, dir);
  g_assert_null (studio_settings_get_last_folder (settings, STUDIO_FOLDER_PACKAGES_IN));
  g_assert_null (studio_settings_get_last_folder (settings, STUDIO_FOLDER_PACKAGES_OUT));
  g_assert_null (studio_settings_get_last_folder (settings, STUDIO_FOLDER_RESOURCES));

  /* A folder chosen to import: the one that holds it, so it is seen among its neighbours. */
  studio_settings_set_last_folder (settings, STUDIO_FOLDER_RESOURCES, sub_file);
  g_clear_object (&got);
  g_clear_pointer (&got_path, g_free);
  got = studio_settings_get_last_folder (settings, STUDIO_FOLDER_RESOURCES);
  got_path = g_file_get_path (got);
  g_assert_cmpstr (got_path, ==, dir);

  /* Kept for packages in a folder that is then removed: not offered any more. */
  package_file = g_file_get_child (sub_file, "p.tar");
  studio_settings_set_last_folder (settings, STUDIO_FOLDER_PACKAGES_IN, package_file);
  g_clear_object (&got);
  got = studio_settings_get_last_folder (settings, STUDIO_FOLDER_PACKAGES_IN);
  g_assert_nonnull (got);
  g_assert_cmpint (g_rmdir (sub), ==, 0);
  g_clear_object (&got);
  g_assert_null (studio_settings_get_last_folder (settings, STUDIO_FOLDER_PACKAGES_IN));

  g_assert_cmpint (g_rmdir (dir), ==, 0);
  for (guint i = 0; i < 4; i++)
    g_settings_reset (gsettings, (const char *[]) { "folder-packages-in", "folder-packages-out", "folder-reports",
                                                    "folder-resources" }[i]);
}

/* Without the schema the settings keep their defaults and what is set, in memory. */
static void
test_settings_no_schema (void)
{
  if (g_test_subprocess ())
    {
      g_autoptr(StudioSettings) settings = NULL;
      g_autofree char *path = NULL;

      g_setenv ("GSETTINGS_SCHEMA_DIR", "/nonexistent", TRUE);
      settings = studio_settings_new ();
      g_assert_false (studio_settings_is_persistent (settings));
      g_assert_cmpuint (studio_settings_get_chunk_size (settings), ==, 1024);
      studio_settings_set_profile_file (settings, "/tmp/profile.json");
      path = studio_settings_dup_profile_file (settings);
      g_assert_cmpstr (path, ==, "/tmp/profile.json");
      return;
    }
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/settings/keys", test_settings_keys);
  g_test_add_func ("/settings/bound", test_settings_bound);
  g_test_add_func ("/settings/no-schema", test_settings_no_schema);
  g_test_add_func ("/settings/last-folder", test_settings_last_folder);

  return g_test_run ();
}
