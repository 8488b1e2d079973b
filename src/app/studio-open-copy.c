/* studio-open-copy.c — a read-only copy of a resource's file, for other applications
 *
 * Open, Open With… and Show in Folder never hand out the blob itself. The blob store is content-addressed:
 * a file's name is the SHA-256 of its bytes, and the packages, the duplicates check and the uploads trust
 * that. An application that saves in place (or a file manager that moves or renames the file) would break
 * that silently, and making the blob read-only does not stop an application that replaces the file by
 * renaming over it, or that resets its mode; a hard link would share the bytes. So the file is copied
 * (cloned where the file system can) under the user's cache directory, with the resource's own file name
 * (the default application is chosen by that name, and it is the name the user sees), made read-only, and
 * the copy is what the other application gets. Edits there never reach the library; Replace File… does.
 *
 * Each open copies afresh (an edited copy is never shown again), into a folder named after the blob;
 * folders not used for a week are removed at the next open.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>
#include <glib/gstdio.h>

#include "studio-open-copy.h"

#define KEEP_SECONDS (7 * 24 * 3600)
/* Longer names are replaced by the blob's name and the file's extension (a file name has at most 255 bytes). */
#define MAX_NAME_BYTES 200

typedef struct
{
  char *blob_path;
  char *sha256;
  char *file_name;
} CopyData;

static void
copy_data_free (CopyData *data)
{
  g_free (data->blob_path);
  g_free (data->sha256);
  g_free (data->file_name);
  g_free (data);
}

/**
 * studio_open_copy_dir:
 *
 * Returns: (transfer full): the folder that holds the read-only copies
 */
char *
studio_open_copy_dir (void)
{
  return g_build_filename (g_get_user_cache_dir (), "reslib-studio", "open", NULL);
}

/* The copy's name: the resource's file name without any folder; the blob's name when there is none. */
static char *
copy_name (const char *file_name,
           const char *sha256)
{
  g_autofree char *base = file_name != NULL && *file_name != '\0' ? g_path_get_basename (file_name) : NULL;
  const char *dot;

  if (base == NULL || g_str_equal (base, ".") || g_str_equal (base, "..") || g_str_equal (base, G_DIR_SEPARATOR_S))
    return g_strdup (sha256);
  if (strlen (base) <= MAX_NAME_BYTES)
    return g_steal_pointer (&base);
  dot = strrchr (base, '.');
  if (dot != NULL && strlen (dot) < 16)
    return g_strconcat (sha256, dot, NULL);

  return g_strdup (sha256);
}

static void
remove_folder (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      g_unlink (child);
    }
  g_rmdir (path);
}

/* Removes the copies' folders not used for a week (the folder of @keep stays). */
static void
remove_old_copies (const char *open_dir,
                   const char *keep)
{
  g_autoptr(GDir) dir = g_dir_open (open_dir, 0, NULL);
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (open_dir, name, NULL);
      GStatBuf st;

      if (g_str_equal (name, keep) || g_lstat (path, &st) != 0 || !S_ISDIR (st.st_mode))
        continue;
      if (now - (gint64) st.st_mtime > KEEP_SECONDS)
        remove_folder (path);
    }
}

static void
copy_thread (GTask        *task,
             gpointer      source,
             gpointer      task_data,
             GCancellable *cancellable)
{
  CopyData *data = task_data;
  g_autofree char *open_dir = studio_open_copy_dir ();
  g_autofree char *dir = g_build_filename (open_dir, data->sha256, NULL);
  g_autofree char *name = copy_name (data->file_name, data->sha256);
  g_autofree char *final_path = g_build_filename (dir, name, NULL);
  g_autofree char *tmp_path = g_build_filename (dir, ".copy-XXXXXX", NULL);
  g_autoptr(GFile) blob = g_file_new_for_path (data->blob_path);
  g_autoptr(GFile) tmp = NULL;
  g_autoptr(GError) error = NULL;
  int fd;

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved = errno;

      g_task_return_new_error (task, G_IO_ERROR, g_io_error_from_errno (saved), "%s: %s", dir, g_strerror (saved));
      return;
    }
  remove_old_copies (open_dir, data->sha256);

  fd = g_mkstemp_full (tmp_path, O_RDWR | O_CLOEXEC, 0600);
  if (fd < 0)
    {
      int saved = errno;

      g_task_return_new_error (task, G_IO_ERROR, g_io_error_from_errno (saved), "%s: %s", dir, g_strerror (saved));
      return;
    }
  close (fd);
  tmp = g_file_new_for_path (tmp_path);
  if (!g_file_copy (blob, tmp, G_FILE_COPY_OVERWRITE | G_FILE_COPY_TARGET_DEFAULT_PERMS, cancellable, NULL, NULL,
                    &error) ||
      !g_file_set_attribute_uint32 (tmp, G_FILE_ATTRIBUTE_UNIX_MODE, 0444, G_FILE_QUERY_INFO_NONE, cancellable,
                                    &error))
    {
      g_unlink (tmp_path);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  /* Over an older copy, which an application may still have open: it keeps what it has. */
  if (g_rename (tmp_path, final_path) != 0)
    {
      int saved = errno;

      g_unlink (tmp_path);
      g_task_return_new_error (task, G_IO_ERROR, g_io_error_from_errno (saved), "%s: %s", final_path,
                               g_strerror (saved));
      return;
    }
  g_task_return_pointer (task, g_file_new_for_path (final_path), g_object_unref);
}

/**
 * studio_open_copy_async:
 * @blob_path: the resource's file in the store
 * @sha256: its SHA-256 (the blob's name)
 * @file_name: (nullable): the resource's file name
 *
 * Copies the blob to a read-only file named @file_name under studio_open_copy_dir(), in a worker.
 */
void
studio_open_copy_async (const char          *blob_path,
                        const char          *sha256,
                        const char          *file_name,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  CopyData *data;

  g_return_if_fail (blob_path != NULL);
  g_return_if_fail (sha256 != NULL && strchr (sha256, '/') == NULL && *sha256 != '.');

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, studio_open_copy_async);
  data = g_new0 (CopyData, 1);
  data->blob_path = g_strdup (blob_path);
  data->sha256 = g_strdup (sha256);
  data->file_name = g_strdup (file_name);
  g_task_set_task_data (task, data, (GDestroyNotify) copy_data_free);
  g_task_run_in_thread (task, copy_thread);
}

/**
 * studio_open_copy_finish:
 *
 * Returns: (transfer full) (nullable): the read-only copy; %NULL with @error set when it could not be made
 */
GFile *
studio_open_copy_finish (GAsyncResult  *result,
                         GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == studio_open_copy_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
