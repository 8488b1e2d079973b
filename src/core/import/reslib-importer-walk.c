/* reslib-importer-walk.c — the importer's folder walk and its list of the files that cannot be read
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "reslib-error.h"
#include "reslib-importer-walk.h"

void
_reslib_import_entry_free (gpointer data)
{
  ReslibImportEntry *entry = data;

  g_free (entry->path);
  g_free (entry->display_name);
  g_free (entry->mime_type);
  g_clear_error (&entry->error);
  g_free (entry);
}

void
_reslib_import_failure_free (gpointer data)
{
  ReslibImportFailure *failure = data;

  g_free (failure->file_name);
  g_free (failure->message);
  g_free (failure);
}

/* Takes @error (a failure to read one file) into @failures. */
static void
add_failure (GPtrArray  *failures,
             const char *file_name,
             GError     *error)
{
  ReslibImportFailure *failure = g_new0 (ReslibImportFailure, 1);

  failure->file_name = g_strdup (file_name);
  failure->message = g_strdup (error->message);
  g_ptr_array_add (failures, failure);
  g_error_free (error);
}

static char *
display_name_of (GFile *file)
{
  g_autofree char *path = g_file_get_path (file);

  return g_filename_display_name (path != NULL ? path : "?");
}

/* Reports a failure to read @file in words a user can act on; cancellation passes through. */
static void
set_file_error (GError    **error,
                GError     *local_error,
                GFile      *file,
                gboolean    folder)
{
  g_autofree char *shown = display_name_of (file);

  if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_propagate_error (error, g_error_copy (local_error));
  else if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
    g_set_error (error, RESLIB_ERROR, RESLIB_ERROR_BAD_FILE, _("“%s” does not exist"), shown);
  else if (folder)
    g_set_error (error, RESLIB_ERROR, RESLIB_ERROR_BAD_FILE, _("Cannot read the folder “%s”: %s"), shown,
                 local_error->message);
  else
    g_set_error (error, RESLIB_ERROR, RESLIB_ERROR_BAD_FILE, _("Cannot read “%s”: %s"), shown, local_error->message);
}

static gboolean
check_name (GFile  *file,
            GError **error)
{
  g_autofree char *base = g_file_get_basename (file);

  if (base == NULL || !g_utf8_validate (base, -1, NULL))
    {
      g_autofree char *shown = display_name_of (file);
      g_set_error (error, RESLIB_ERROR, RESLIB_ERROR_BAD_FILE,
                   _("The name of “%s” is not valid UTF-8: rename the file, then import it again"), shown);
      return FALSE;
    }

  return TRUE;
}


/* @file cannot be imported for @error (taken): it is listed with its reason and the walk goes on. */
static void
walk_fail (ReslibImportWalk *walk,
           GFile            *file,
           GError           *error)
{
  g_autofree char *shown = display_name_of (file);

  if (walk->first == NULL)
    walk->first = g_error_copy (error);
  add_failure (walk->failures, shown, error);
}

/* Reading @file failed with @local_error (taken): FALSE (and @error set) when the walk was cancelled, else the
 * file is listed with its reason in words a user can act on. */
static gboolean
walk_read_failed (ReslibImportWalk  *walk,
                  GFile             *file,
                  gboolean           folder,
                  GError            *local_error,
                  GError           **error)
{
  GError *friendly = NULL;

  set_file_error (&friendly, local_error, file, folder);
  g_error_free (local_error);
  if (g_error_matches (friendly, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_propagate_error (error, friendly);
      return FALSE;
    }
  walk_fail (walk, file, friendly);

  return TRUE;
}

static void
add_entry (ReslibImportWalk *walk,
           GFile            *file,
           GFileInfo        *info)
{
  GError *error = NULL;
  ReslibImportEntry *entry;

  if (!check_name (file, &error))
    {
      walk_fail (walk, file, error);
      return;
    }
  if (g_file_info_get_file_type (info) == G_FILE_TYPE_SYMBOLIC_LINK)
    {
      /* Followed, a link is still a link only when what it points to is gone. */
      g_autofree char *shown = display_name_of (file);
      g_set_error (&error, RESLIB_ERROR, RESLIB_ERROR_BAD_FILE,
                   _("“%s” is a link to a file that does not exist"), shown);
      walk_fail (walk, file, error);
      return;
    }
  if (g_file_info_get_file_type (info) != G_FILE_TYPE_REGULAR)
    {
      g_autofree char *shown = display_name_of (file);
      g_set_error (&error, RESLIB_ERROR, RESLIB_ERROR_BAD_FILE,
                   _("“%s” is not a regular file: only files and folders can be imported"), shown);
      walk_fail (walk, file, error);
      return;
    }

  entry = g_new0 (ReslibImportEntry, 1);
  entry->path = g_file_get_path (file);
  entry->display_name = g_file_get_basename (file);
  entry->size = (guint64) g_file_info_get_size (info);
  g_ptr_array_add (walk->entries, entry);
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* FALSE only when cancelled: what cannot be read is listed in @walk's failures. */
static gboolean
scan_folder (GFile             *folder,
             ReslibImportWalk  *walk,
             guint              depth,
             GCancellable      *cancellable,
             GError           **error)
{
  g_autoptr(GFileEnumerator) children = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  GError *local_error = NULL;
  GFileInfo *info;

  if (depth > 64)
    {
      g_autofree char *shown = display_name_of (folder);
      g_set_error (&local_error, RESLIB_ERROR, RESLIB_ERROR_BAD_FILE, _("The folders under “%s” are nested too deeply"),
                   shown);
      walk_fail (walk, folder, local_error);
      return TRUE;
    }

  children = g_file_enumerate_children (folder, G_FILE_ATTRIBUTE_STANDARD_NAME,
                                        G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS, cancellable, &local_error);
  if (children == NULL)
    return walk_read_failed (walk, folder, TRUE, local_error, error);
  while ((info = g_file_enumerator_next_file (children, cancellable, &local_error)) != NULL)
    {
      g_ptr_array_add (names, g_strdup (g_file_info_get_name (info)));
      g_object_unref (info);
    }
  if (local_error != NULL)
    return walk_read_failed (walk, folder, TRUE, local_error, error);
  g_ptr_array_sort (names, compare_names);

  for (guint i = 0; i < names->len; i++)
    {
      const char *name = g_ptr_array_index (names, i);
      g_autoptr(GFile) child = g_file_get_child (folder, name);
      g_autoptr(GFileInfo) child_info = NULL;

      /* Hidden files (".DS_Store", ".git") are not resources. */
      if (name[0] == '.')
        {
          walk->skipped++;
          continue;
        }
      child_info = g_file_query_info (child, G_FILE_ATTRIBUTE_STANDARD_TYPE "," G_FILE_ATTRIBUTE_STANDARD_SIZE ","
                                      G_FILE_ATTRIBUTE_STANDARD_IS_SYMLINK,
                                      G_FILE_QUERY_INFO_NONE, cancellable, &local_error);
      if (child_info == NULL)
        {
          if (!walk_read_failed (walk, child, FALSE, local_error, error))
            return FALSE;
          local_error = NULL;
          continue;
        }
      if (g_file_info_get_file_type (child_info) == G_FILE_TYPE_DIRECTORY)
        {
          /* Links to folders are not followed: they could loop. */
          if (g_file_info_get_is_symlink (child_info))
            {
              walk->skipped++;
              continue;
            }
          if (!check_name (child, &local_error))
            {
              walk_fail (walk, child, local_error);
              local_error = NULL;
              continue;
            }
          if (!scan_folder (child, walk, depth + 1, cancellable, error))
            return FALSE;
        }
      else
        add_entry (walk, child, child_info);
    }

  return TRUE;
}

/* Fills @walk with the files of @inputs (GFile; folders walked in name order); FALSE when cancelled or when
 * there is nothing at all to import. */
gboolean
_reslib_import_walk (GPtrArray         *inputs,
                     ReslibImportWalk  *walk,
                     GCancellable      *cancellable,
                     GError           **error)
{
  if (inputs->len == 0)
    {
      g_set_error_literal (error, RESLIB_ERROR, RESLIB_ERROR_INVALID, _("No files were given to import"));
      return FALSE;
    }

  for (guint i = 0; i < inputs->len; i++)
    {
      GFile *file = g_ptr_array_index (inputs, i);
      g_autoptr(GFileInfo) info = NULL;
      GError *local_error = NULL;
      guint before = walk->entries->len;
      guint failed_before = walk->failures->len;

      info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_TYPE "," G_FILE_ATTRIBUTE_STANDARD_SIZE,
                                G_FILE_QUERY_INFO_NONE, cancellable, &local_error);
      if (info == NULL)
        {
          if (!walk_read_failed (walk, file, FALSE, local_error, error))
            return FALSE;
          continue;
        }
      if (g_file_info_get_file_type (info) == G_FILE_TYPE_DIRECTORY)
        {
          if (!scan_folder (file, walk, 0, cancellable, error))
            return FALSE;
          if (walk->entries->len == before && walk->failures->len == failed_before)
            {
              g_autofree char *shown = display_name_of (file);
              g_set_error (&local_error, RESLIB_ERROR, RESLIB_ERROR_BAD_FILE,
                           _("The folder “%s” holds no files to import"), shown);
              walk_fail (walk, file, local_error);
            }
        }
      else
        add_entry (walk, file, info);
    }

  /* Nothing to import: the reason of the first file, as when it is given alone. */
  if (walk->entries->len == 0 && walk->first != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&walk->first));
      return FALSE;
    }

  return TRUE;
}

/* Moves the entries that could not be copied from @entries to @failures, in their order; returns the first
 * one's error, or NULL. */
GError *
_reslib_import_take_copy_failures (GPtrArray *entries,
                                   GPtrArray *failures)
{
  GError *first = NULL;
  gsize n = 0;
  g_autofree gpointer *all = g_ptr_array_steal (entries, &n);

  for (gsize i = 0; i < n; i++)
    {
      ReslibImportEntry *entry = all[i];
      g_autofree char *shown = NULL;

      if (entry->error == NULL)
        {
          g_ptr_array_add (entries, entry);
          continue;
        }
      if (first == NULL)
        first = g_error_copy (entry->error);
      shown = g_filename_display_name (entry->path);
      add_failure (failures, shown, g_steal_pointer (&entry->error));
       _reslib_import_entry_free (entry);
    }

  return first;
}
