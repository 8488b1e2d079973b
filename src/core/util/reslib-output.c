/* reslib-output.c — files the user asks for (packages, reports): where they may go, and how they are written
 *
 * An output file is never a file of the store: not inside the data folder (by its real path, symbolic
 * links followed, for the file and for its folder), and not a hard link of one of the store's files.
 * It replaces an existing file only when the caller says so.
 *
 * It is written under a temporary name next to it, "DEST.part-XXXXXX", and renamed when complete.
 * The writer holds an flock(2) on the temporary file for as long as it lives; the kernel drops the
 * lock when the writer dies, even by SIGKILL, so the next run for the same destination removes the
 * temporary files nobody holds.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "reslib-error.h"
#include "reslib-output.h"

#define TEMP_INFIX        ".part-"
#define TEMP_RANDOM_CHARS 6
#define MAX_WALK_DEPTH    8

static char *
real_path (const char *path)
{
  char *resolved = realpath (path, NULL);
  char *copy;

  if (resolved == NULL)
    return NULL;
  copy = g_strdup (resolved);
  free (resolved);

  return copy;
}

static gboolean
is_within (const char *path,
           const char *dir)
{
  gsize len;

  if (path == NULL || dir == NULL)
    return FALSE;
  len = strlen (dir);
  if (strncmp (path, dir, len) != 0)
    return FALSE;

  return path[len] == '\0' || path[len] == '/' || (len > 0 && dir[len - 1] == '/');
}

/* Whether a file below @dirfd has the device and inode of @target. */
static gboolean
walk_finds_inode (int                fd,
                  const struct stat *target,
                  guint              depth)
{
  DIR *dir;
  struct dirent *entry;
  gboolean found = FALSE;

  if (depth > MAX_WALK_DEPTH)
    {
      close (fd);
      return FALSE;
    }
  dir = fdopendir (fd);
  if (dir == NULL)
    {
      close (fd);
      return FALSE;
    }
  while (!found && (entry = readdir (dir)) != NULL)
    {
      struct stat st;

      if (strcmp (entry->d_name, ".") == 0 || strcmp (entry->d_name, "..") == 0)
        continue;
      if (fstatat (dirfd (dir), entry->d_name, &st, AT_SYMLINK_NOFOLLOW) != 0)
        continue;
      if (S_ISREG (st.st_mode) && st.st_dev == target->st_dev && st.st_ino == target->st_ino)
        found = TRUE;
      else if (S_ISDIR (st.st_mode) && st.st_dev == target->st_dev)
        {
          int sub = openat (dirfd (dir), entry->d_name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);

          if (sub >= 0)
            found = walk_finds_inode (sub, target, depth + 1);
        }
    }
  closedir (dir);

  return found;
}

static void
set_in_store_error (GError     **error,
                    const char  *dest_path,
                    const char  *data_dir,
                    gboolean     hard_link)
{
  g_autofree char *shown = g_filename_display_name (dest_path);
  g_autofree char *shown_dir = g_filename_display_name (data_dir);

  if (hard_link)
    g_set_error (error, RESLIB_ERROR, RESLIB_ERROR_INVALID,
                 _("“%s” is a hard link to a file of the library in “%s”: choose another file"), shown, shown_dir);
  else
    g_set_error (error, RESLIB_ERROR, RESLIB_ERROR_INVALID,
                 _("“%s” is inside the library’s data folder “%s”: choose a file outside that folder"),
                 shown, shown_dir);
}

/**
 * reslib_output_check:
 * @store: the store whose files must stay untouched
 * @dest_path: the file the user chose
 * @flags: whether an existing file may be replaced
 *
 * Checks that @dest_path may be written: it is not a folder, not inside the store's data folder or
 * blob folder (compared by real path, symbolic links followed, also for the folder of a file that
 * does not exist yet), not a hard link of a file of the store, and, unless @flags has
 * %RESLIB_OUTPUT_REPLACE, not an existing file (%G_IO_ERROR_EXISTS).
 *
 * A folder that does not exist is left for the writing to report.
 *
 * Returns: %TRUE when @dest_path may be written
 */
gboolean
reslib_output_check (ReslibStore        *store,
                     const char         *dest_path,
                     ReslibOutputFlags   flags,
                     GError            **error)
{
  g_autofree char *shown = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *base = NULL;
  g_autofree char *real_dir = NULL;
  g_autofree char *entry = NULL;
  g_autofree char *target = NULL;
  const char *roots[2];
  struct stat lst, st;
  gboolean exists, followed;

  g_return_val_if_fail (RESLIB_IS_STORE (store), FALSE);
  g_return_val_if_fail (dest_path != NULL, FALSE);

  if (*dest_path == '\0')
    {
      g_set_error_literal (error, RESLIB_ERROR, RESLIB_ERROR_INVALID, _("The output file’s name is empty"));
      return FALSE;
    }
  shown = g_filename_display_name (dest_path);
  exists = lstat (dest_path, &lst) == 0;
  followed = stat (dest_path, &st) == 0;
  if (followed && S_ISDIR (st.st_mode))
    {
      g_set_error (error, RESLIB_ERROR, RESLIB_ERROR_INVALID,
                   _("“%s” is a folder: give the name of a file"), shown);
      return FALSE;
    }

  /* Where the name is (the folder's real path), and what it points to when it is a link. */
  dir = g_path_get_dirname (dest_path);
  base = g_path_get_basename (dest_path);
  real_dir = real_path (dir);
  if (real_dir != NULL)
    entry = g_build_filename (real_dir, base, NULL);
  if (exists)
    target = real_path (dest_path);

  roots[0] = reslib_store_get_data_dir (store);
  roots[1] = reslib_store_get_blob_dir (store);
  for (guint i = 0; i < G_N_ELEMENTS (roots); i++)
    {
      g_autofree char *root = roots[i] != NULL ? real_path (roots[i]) : NULL;

      if (root != NULL && (is_within (entry, root) || is_within (target, root)))
        {
          set_in_store_error (error, dest_path, roots[0], FALSE);
          return FALSE;
        }
    }

  /* A hard link of a store file, elsewhere: replacing the name would not harm the store's file, but
   * writing in place would, and the user surely did not mean it. */
  if (followed && S_ISREG (st.st_mode) && st.st_nlink > 1)
    {
      for (guint i = 0; i < G_N_ELEMENTS (roots); i++)
        {
          int fd;

          if (roots[i] == NULL)
            continue;
          fd = open (roots[i], O_RDONLY | O_DIRECTORY | O_CLOEXEC);
          if (fd >= 0 && walk_finds_inode (fd, &st, 0))
            {
              set_in_store_error (error, dest_path, roots[0], TRUE);
              return FALSE;
            }
        }
    }

  if (exists && !(flags & RESLIB_OUTPUT_REPLACE))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS,
                   _("“%s” already exists: choose another name, or allow replacing it"), shown);
      return FALSE;
    }

  return TRUE;
}

static gboolean
is_temp_name_of (const char *name,
                 const char *base)
{
  gsize base_len = strlen (base);
  const char *rest;

  if (strncmp (name, base, base_len) != 0 || !g_str_has_prefix (name + base_len, TEMP_INFIX))
    return FALSE;
  rest = name + base_len + strlen (TEMP_INFIX);
  if (strlen (rest) != TEMP_RANDOM_CHARS)
    return FALSE;
  for (const char *p = rest; *p; p++)
    if (!g_ascii_isalnum (*p))
      return FALSE;

  return TRUE;
}

/**
 * _reslib_output_clean_stale:
 * @dest_path: an output file
 *
 * Removes the temporary files of @dest_path ("DEST.part-XXXXXX") that no process holds: those
 * of a writer that was killed. Files of other users are left alone.
 *
 * Returns: how many were removed
 */
guint
_reslib_output_clean_stale (const char *dest_path)
{
  g_autofree char *dir_path = g_path_get_dirname (dest_path);
  g_autofree char *base = g_path_get_basename (dest_path);
  struct dirent *entry;
  guint removed = 0;
  DIR *dir;

  dir = opendir (dir_path);
  if (dir == NULL)
    return 0;
  while ((entry = readdir (dir)) != NULL)
    {
      struct stat st, now;
      int fd;

      if (!is_temp_name_of (entry->d_name, base))
        continue;
      fd = openat (dirfd (dir), entry->d_name, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
      if (fd < 0)
        continue;
      if (fstat (fd, &st) == 0 && S_ISREG (st.st_mode) && st.st_uid == geteuid () &&
          flock (fd, LOCK_EX | LOCK_NB) == 0 &&
          fstatat (dirfd (dir), entry->d_name, &now, AT_SYMLINK_NOFOLLOW) == 0 &&
          now.st_dev == st.st_dev && now.st_ino == st.st_ino &&
          unlinkat (dirfd (dir), entry->d_name, 0) == 0)
        {
          g_debug ("Removed the stale temporary file %s/%s", dir_path, entry->d_name);
          removed++;
        }
      close (fd);
    }
  closedir (dir);

  return removed;
}

/**
 * _reslib_output_temp_open:
 * @temp: (out caller-allocates): the temporary file
 * @dest_path: the file it becomes
 * @flags: whether _reslib_output_temp_commit() may replace an existing @dest_path
 *
 * Removes the stale temporary files of @dest_path, then makes a new one, locked.
 */
gboolean
_reslib_output_temp_open (ReslibOutputTemp   *temp,
                          const char         *dest_path,
                          ReslibOutputFlags   flags,
                          GError            **error)
{
  *temp = (ReslibOutputTemp) { NULL, NULL, -1, -1, flags };
  temp->dest_path = g_strdup (dest_path);

  _reslib_output_clean_stale (dest_path);

  for (guint attempt = 0; attempt < 8; attempt++)
    {
      g_autofree char *template = g_strconcat (dest_path, TEMP_INFIX, "XXXXXX", NULL);
      struct stat st;
      int fd, lock_fd;

      fd = g_mkstemp_full (template, O_RDWR | O_CLOEXEC, 0644);
      if (fd < 0)
        {
          _reslib_set_error_from_errno (error, errno, template);
          return FALSE;
        }
      /* The lock is on its own open file, so that the writer may close @fd before the rename. */
      lock_fd = open (template, O_RDONLY | O_CLOEXEC);
      if (lock_fd >= 0)
        {
          int r;

          while ((r = flock (lock_fd, LOCK_EX)) != 0 && errno == EINTR)
            ;
          /* A file system without locks: the file goes unlocked, and as no other run can lock it
           * either, none takes it for stale. */
          if (r != 0)
            g_debug ("Cannot lock %s: %s", template, g_strerror (errno));
          /* Another run may have taken it for stale between its creation and the lock. */
          if (fstat (lock_fd, &st) == 0 && st.st_nlink > 0)
            {
              temp->temp_path = g_steal_pointer (&template);
              temp->fd = fd;
              temp->lock_fd = lock_fd;
              return TRUE;
            }
          close (lock_fd);
        }
      else if (errno != ENOENT)
        g_unlink (template);
      close (fd);
    }

  g_set_error (error, RESLIB_ERROR, RESLIB_ERROR_IO, _("Cannot make a temporary file next to “%s”"), dest_path);

  return FALSE;
}

/* Gives the temporary file its name without ever replacing a file that appeared meanwhile. */
static int
rename_no_replace (const char *from,
                   const char *to)
{
  struct stat st;

  if (renameat2 (AT_FDCWD, from, AT_FDCWD, to, RENAME_NOREPLACE) == 0)
    return 0;
  if (errno != EINVAL && errno != ENOSYS && errno != ENOTSUP)
    return -1;
  /* A file system without RENAME_NOREPLACE: a hard link fails as well when the name is taken. */
  if (link (from, to) == 0)
    {
      g_unlink (from);
      return 0;
    }
  if (errno == EEXIST)
    return -1;
  /* No hard links either (FAT, some network shares): the last check is as close as it gets. */
  if (lstat (to, &st) == 0)
    {
      errno = EEXIST;
      return -1;
    }

  return rename (from, to);
}

/**
 * _reslib_output_temp_commit:
 *
 * Renames the temporary file to the destination (replacing it only with
 * %RESLIB_OUTPUT_REPLACE) and syncs the folder. The caller has synced and
 * closed the file.
 */
gboolean
_reslib_output_temp_commit (ReslibOutputTemp  *temp,
                            GError           **error)
{
  g_autofree char *dir = NULL;
  int r, fd;

  g_return_val_if_fail (temp->temp_path != NULL, FALSE);

  if (temp->flags & RESLIB_OUTPUT_REPLACE)
    r = g_rename (temp->temp_path, temp->dest_path);
  else
    r = rename_no_replace (temp->temp_path, temp->dest_path);
  if (r != 0)
    {
      int saved_errno = errno;
      g_autofree char *shown = g_filename_display_name (temp->dest_path);

      if (saved_errno == EEXIST)
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS,
                     _("“%s” already exists: choose another name, or allow replacing it"), shown);
      else
        _reslib_set_error_from_errno (error, saved_errno, shown);
      return FALSE;
    }
  g_clear_pointer (&temp->temp_path, g_free);

  dir = g_path_get_dirname (temp->dest_path);
  fd = open (dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd >= 0)
    {
      fsync (fd);
      close (fd);
    }

  return TRUE;
}

/* Closes the temporary file and removes it unless it was committed; then lets go of the lock. */
void
_reslib_output_temp_clear (ReslibOutputTemp *temp)
{
  if (temp->fd >= 0)
    close (temp->fd);
  temp->fd = -1;
  if (temp->temp_path != NULL)
    g_unlink (temp->temp_path);
  g_clear_pointer (&temp->temp_path, g_free);
  if (temp->lock_fd >= 0)
    close (temp->lock_fd);
  temp->lock_fd = -1;
  g_clear_pointer (&temp->dest_path, g_free);
}
