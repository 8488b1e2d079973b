/* reslib-store-files.c — the store files open in this process, which nothing but SQLite may open
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>

#include "reslib-error.h"
#include "reslib-store-files.h"
#include "reslib-store-private.h"

/*
 * SQLite's locks on library.db and its -wal and -shm files are POSIX advisory locks, which belong to
 * the process: closing ANY descriptor of one of these files drops every lock the process holds on
 * it, and another program then believes it is alone and deletes the WAL under us
 * (https://www.sqlite.org/howtocorrupt.html §2.2). So nothing in a process that has a store open
 * may open these files except SQLite. The store itself never does; files chosen by the user (an
 * import, a profile, a package, an output) are opened with reslib_open_input(), which refuses them.
 */

static GMutex      data_dirs_lock;
static GHashTable *data_dirs;      /* data folder → number of open connections */
static GPtrArray  *kept_fds;       /* descriptors of store files that must never be closed */
static gint        generation;     /* changes whenever a store opens or closes */

/* The store files of the stores open when it was taken (see _reslib_store_files_new()). */
struct _ReslibStoreFiles
{
  gint    generation;
  GArray *ids;                     /* FileId */
};

typedef struct
{
  dev_t dev;
  ino_t ino;
} FileId;

static const char * const db_suffixes[] = { "", "-wal", "-shm", "-journal" };

void
_reslib_store_register_data_dir (const char *data_dir)
{
  g_mutex_lock (&data_dirs_lock);
  if (data_dirs == NULL)
    data_dirs = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_hash_table_insert (data_dirs, g_strdup (data_dir),
                       GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (data_dirs, data_dir)) + 1));
  g_atomic_int_inc (&generation);
  g_mutex_unlock (&data_dirs_lock);
}

void
_reslib_store_unregister_data_dir (const char *data_dir)
{
  guint n;

  if (data_dir == NULL)
    return;
  g_mutex_lock (&data_dirs_lock);
  n = data_dirs != NULL ? GPOINTER_TO_UINT (g_hash_table_lookup (data_dirs, data_dir)) : 0;
  if (n > 1)
    g_hash_table_insert (data_dirs, g_strdup (data_dir), GUINT_TO_POINTER (n - 1));
  else if (n == 1)
    g_hash_table_remove (data_dirs, data_dir);
  g_atomic_int_inc (&generation);
  g_mutex_unlock (&data_dirs_lock);
}

/* Whether @st is library.db (or its -wal, -shm, -journal) of a store open in this process. */
static gboolean
is_open_store_file (const struct stat *st)
{
  GHashTableIter iter;
  gpointer key;
  gboolean found = FALSE;

  g_mutex_lock (&data_dirs_lock);
  if (data_dirs != NULL)
    {
      g_hash_table_iter_init (&iter, data_dirs);
      while (!found && g_hash_table_iter_next (&iter, &key, NULL))
        for (guint i = 0; !found && i < G_N_ELEMENTS (db_suffixes); i++)
          {
            g_autofree char *path = g_strconcat (key, G_DIR_SEPARATOR_S "library.db", db_suffixes[i], NULL);
            struct stat other;

            /* stat() opens nothing: it cannot drop a lock. */
            found = stat (path, &other) == 0 && other.st_dev == st->st_dev && other.st_ino == st->st_ino;
          }
    }
  g_mutex_unlock (&data_dirs_lock);

  return found;
}

static gboolean
set_store_file_error (GError    **error,
                      const char *path)
{
  g_autofree char *shown = g_filename_display_name (path);

  g_set_error (error, RESLIB_ERROR, RESLIB_ERROR_BAD_FILE,
               _("“%s” is the database of an open store: it cannot be used as a file to read or write"), shown);
  return FALSE;
}

/**
 * _reslib_store_files_new:
 *
 * Notes which files are the store files of the stores open now, so that many files can be opened with
 * _reslib_store_files_open() without looking at every store file again for each (an import of 100,000
 * files). Whatever opens or closes a store afterwards makes the next check look again.
 *
 * Returns: (transfer full): the snapshot, for _reslib_store_files_open()
 */
ReslibStoreFiles *
_reslib_store_files_new (void)
{
  ReslibStoreFiles *files = g_new0 (ReslibStoreFiles, 1);
  GHashTableIter iter;
  gpointer key;

  files->ids = g_array_new (FALSE, FALSE, sizeof (FileId));
  g_mutex_lock (&data_dirs_lock);
  files->generation = g_atomic_int_get (&generation);
  if (data_dirs != NULL)
    {
      g_hash_table_iter_init (&iter, data_dirs);
      while (g_hash_table_iter_next (&iter, &key, NULL))
        for (guint i = 0; i < G_N_ELEMENTS (db_suffixes); i++)
          {
            g_autofree char *path = g_strconcat (key, G_DIR_SEPARATOR_S "library.db", db_suffixes[i], NULL);
            struct stat st;

            if (stat (path, &st) == 0)
              g_array_append_val (files->ids, ((FileId) { st.st_dev, st.st_ino }));
          }
    }
  g_mutex_unlock (&data_dirs_lock);

  return files;
}

void
_reslib_store_files_free (ReslibStoreFiles *files)
{
  if (files == NULL)
    return;
  g_array_unref (files->ids);
  g_free (files);
}

/* Whether the file at @path, whose status is @st, is a file of a store open in this process. */
static gboolean
is_store_file (ReslibStoreFiles  *files,
               const char        *path,
               const struct stat *st)
{
  const char *base;

  if (files == NULL || files->generation != g_atomic_int_get (&generation))
    return is_open_store_file (st);
  for (guint i = 0; i < files->ids->len; i++)
    {
      const FileId *id = &g_array_index (files->ids, FileId, i);

      if (id->dev == st->st_dev && id->ino == st->st_ino)
        return TRUE;
    }
  /* A store file that did not exist when the snapshot was taken (a -journal) is found by its name. */
  base = strrchr (path, G_DIR_SEPARATOR);
  if (g_str_has_prefix (base != NULL ? base + 1 : path, "library.db"))
    return is_open_store_file (st);

  return FALSE;
}

/**
 * _reslib_store_files_open:
 * @files: (nullable): a snapshot from _reslib_store_files_new(); %NULL looks at the store files now
 * @path: a file chosen by the user
 * @flags: flags for open(2); O_CLOEXEC and O_NOCTTY are added
 * @st: (out) (optional): the status of what was opened
 * @error: return location for a #GError, or %NULL
 *
 * reslib_open_input() with the store files of @files: one stat(2) before and one fstat(2) after opening.
 *
 * Returns: the file descriptor, or -1 with @error set
 */
int
_reslib_store_files_open (ReslibStoreFiles *files,
                          const char       *path,
                          int               flags,
                          struct stat      *st,
                          GError          **error)
{
  struct stat own;
  int fd;

  g_return_val_if_fail (path != NULL, -1);

  if (st == NULL)
    st = &own;
  /* Checked before opening, and again on what was opened, in case the name was changed between. */
  if (stat (path, st) == 0 && is_store_file (files, path, st))
    {
      set_store_file_error (error, path);
      return -1;
    }
  fd = open (path, flags | O_CLOEXEC | O_NOCTTY, 0666);
  if (fd < 0)
    {
      int saved_errno = errno;
      g_autofree char *shown = g_filename_display_name (path);

      g_set_error (error, RESLIB_ERROR, RESLIB_ERROR_BAD_FILE, _("Cannot open “%s”: %s"), shown,
                   g_strerror (saved_errno));
      errno = saved_errno;
      return -1;
    }
  if (fstat (fd, st) != 0)
    {
      int saved_errno = errno;
      g_autofree char *shown = g_filename_display_name (path);

      /* What it is cannot be told: kept open, as a store file would be. */
      g_mutex_lock (&data_dirs_lock);
      if (kept_fds == NULL)
        kept_fds = g_ptr_array_new ();
      g_ptr_array_add (kept_fds, GINT_TO_POINTER (fd));
      g_mutex_unlock (&data_dirs_lock);
      g_set_error (error, RESLIB_ERROR, RESLIB_ERROR_BAD_FILE, _("Cannot read “%s”: %s"), shown,
                   g_strerror (saved_errno));
      errno = saved_errno;
      return -1;
    }
  if (is_store_file (files, path, st))
    {
      /* Too late to open it unseen: closing it now would drop the locks, so it stays open. */
      g_mutex_lock (&data_dirs_lock);
      if (kept_fds == NULL)
        kept_fds = g_ptr_array_new ();
      g_ptr_array_add (kept_fds, GINT_TO_POINTER (fd));
      g_mutex_unlock (&data_dirs_lock);
      set_store_file_error (error, path);
      return -1;
    }

  return fd;
}

/**
 * reslib_open_input:
 * @path: a file chosen by the user
 * @flags: flags for open(2); O_CLOEXEC is added
 *
 * Opens a file the user chose (to import, to read settings from, to write to), unless it is the
 * database of a store this process has open: closing a descriptor of that file would silently
 * drop SQLite's locks, and another program would then delete data under the store.
 *
 * Returns: the file descriptor, or -1 with @error set (%RESLIB_ERROR_BAD_FILE for a store file,
 *   else from errno).
 */
int
reslib_open_input (const char *path,
                   int         flags,
                   GError    **error)
{
  return _reslib_store_files_open (NULL, path, flags, NULL, error);
}
