/* reslib-store-open.c — opening the store: the data folder, the connection and its PRAGMAs,
 * a second connection for another thread, and the recovery every opener runs
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <errno.h>
#include <sqlite3.h>
#include <unistd.h>

#include "reslib-blobs.h"
#include "reslib-error.h"
#include "reslib-store-gc.h"
#include "reslib-store-private.h"

/**
 * reslib_store_default_data_dir:
 *
 * Returns: (transfer full): $RESLIB_DATA_DIR when it is set, else reslib/ in the user's data folder
 */
char *
reslib_store_default_data_dir (void)
{
  const char *env = g_getenv ("RESLIB_DATA_DIR");

  if (env != NULL && *env != '\0')
    return g_strdup (env);

  return g_build_filename (g_get_user_data_dir (), "reslib", NULL);
}

/* Whether the data folder (or its database) cannot be written by this process. access() opens
 * nothing, and tells about read-only file systems too. */
static gboolean
data_dir_is_read_only (const char *data_dir,
                       const char *db_path)
{
  if (access (data_dir, W_OK) != 0 && (errno == EACCES || errno == EROFS || errno == EPERM))
    return TRUE;
  if (access (db_path, W_OK) != 0 && (errno == EACCES || errno == EROFS || errno == EPERM))
    return TRUE;

  return FALSE;
}

/* Opens self->db, read-write or (self->read_only) read-only. Nothing here opens the database file
 * but SQLite (see reslib_open_input()): a file that is not SQLite is found by SQLite itself, with
 * SQLITE_NOTADB on the first read. */
static gboolean
open_connection (ReslibStore *self,
                 GError     **error)
{
  g_autofree char *mode = NULL;
  g_autofree char *uri = NULL;
  g_autoptr(GError) local_error = NULL;
  int flags = SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_EXRESCODE | SQLITE_OPEN_URI;
  int rc;

  if (self->read_only)
    {
      g_autofree char *wal = g_strconcat (self->db_path, "-wal", NULL);
      g_autofree char *shm = g_strconcat (self->db_path, "-shm", NULL);
      g_autofree char *escaped = g_uri_escape_string (self->db_path, "/", FALSE);

      /* Without a -wal and -shm (closed cleanly) and no way to make them, the file is read as it
       * is; with them (a program that can write it has it open), SQLite reads through them. */
      if (!g_file_test (wal, G_FILE_TEST_EXISTS) && !g_file_test (shm, G_FILE_TEST_EXISTS))
        uri = g_strconcat ("file:", escaped, "?immutable=1", NULL);
      else
        uri = g_strconcat ("file:", escaped, "?mode=ro", NULL);
      flags |= SQLITE_OPEN_READONLY;
    }
  else
    {
      g_autofree char *escaped = g_uri_escape_string (self->db_path, "/", FALSE);

      uri = g_strconcat ("file:", escaped, NULL);
      flags |= SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
    }

  rc = sqlite3_open_v2 (uri, &self->db, flags, NULL);
  if (rc != SQLITE_OK)
    return _reslib_store_set_sqlite_error (self, rc, error);
  if (!self->read_only && sqlite3_db_readonly (self->db, "main") == 1)
    return _reslib_store_set_sqlite_error (self, SQLITE_READONLY, error);

  /* The last connection to close leaves the write-ahead log as it is instead of copying it into library.db:
   * that checkpoint cost two flushes of the disk (the log, then the database) in every command, and the
   * deleted log then cost two more in the next one (its header and its folder). Every commit is already
   * durable in the log, so nothing is weakened; SQLite's own checkpoint copies the log back once it passes
   * wal_autocheckpoint pages (4 MiB), after a commit. */
  if (!self->read_only)
    sqlite3_db_config (self->db, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, NULL);
  sqlite3_busy_timeout (self->db, 10000);
  sqlite3_create_function_v2 (self->db, "reslib_bigrams", 1, SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS,
                              NULL, _reslib_store_bigrams_func, NULL, NULL, NULL);

  if (_reslib_store_pragma_int (self, "foreign_keys = ON", error) < -1)
    return FALSE;
  /* The first read of the file. */
  mode = _reslib_store_query_text (self, self->read_only ? "PRAGMA journal_mode" : "PRAGMA journal_mode = WAL", NULL,
                                   &local_error);
  if (mode == NULL)
    {
      if (local_error == NULL)
        return _reslib_store_set_sqlite_error (self, SQLITE_CANTOPEN, error);
      if (sqlite3_errcode (self->db) == SQLITE_NOTADB)
        {
          g_clear_error (&local_error);
          g_set_error (error, RESLIB_ERROR, RESLIB_ERROR_FOREIGN,
                       _("“%s” is not a ResLib database: move it away, or choose another data folder with --data-dir"),
                       self->db_path);
          return FALSE;
        }
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (self->read_only)
    return _reslib_store_exec_script (self, "PRAGMA foreign_keys = ON; PRAGMA temp_store = MEMORY;", error);
  if (g_ascii_strcasecmp (mode, "wal") != 0)
    return _reslib_store_set_sqlite_error (self, SQLITE_READONLY, error);
  /* A large import or fill grows the write-ahead log to its size; without a limit the file keeps that size
   * after its checkpoint, and a store opened after a crash reads all of it. */
  if (!_reslib_store_exec_script (self, "PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON; PRAGMA temp_store = MEMORY; "
                                  "PRAGMA journal_size_limit = 67108864;", error))
    return FALSE;

  return TRUE;
}

static ReslibStore *
store_new (const char *data_dir,
           const char *actor)
{
  ReslibStore *self = g_object_new (RESLIB_TYPE_STORE, NULL);

  self->data_dir = g_strdup (data_dir);
  _reslib_store_register_data_dir (self->data_dir);
  self->db_path = g_build_filename (data_dir, "library.db", NULL);
  self->blob_dir = g_build_filename (data_dir, "blobs", NULL);
  self->actor = g_strdup (actor);

  return self;
}

static char *
default_actor (void)
{
  const char *env = g_getenv ("RESLIB_ACTOR");
  const char *real = g_get_real_name ();

  if (env != NULL && *env != '\0')
    return g_strdup (env);
  if (real != NULL && *real != '\0' && g_strcmp0 (real, "Unknown") != 0 && g_utf8_validate (real, -1, NULL))
    return g_strdup (real);

  return g_filename_display_name (g_get_user_name ());
}

/**
 * reslib_store_open:
 * @data_dir: (nullable): the data folder; %NULL for $RESLIB_DATA_DIR or $XDG_DATA_HOME/reslib
 *
 * Opens the store, creating or upgrading it as needed, and finishes or removes
 * what an interrupted import left behind.
 *
 * Returns: (transfer full): the store, or %NULL with @error set.
 */
ReslibStore *
reslib_store_open (const char *data_dir,
                   GError    **error)
{
  g_autofree char *dir = data_dir != NULL ? g_strdup (data_dir) : reslib_store_default_data_dir ();
  g_autofree char *actor = default_actor ();
  g_autoptr(ReslibStore) self = NULL;

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved_errno = errno;
      g_set_error (error, RESLIB_ERROR,
                   saved_errno == ENOSPC ? RESLIB_ERROR_NO_SPACE : RESLIB_ERROR_READ_ONLY,
                   _("The data folder “%s” cannot be created (%s): choose another one with --data-dir"),
                   dir, g_strerror (saved_errno));
      return NULL;
    }
  if (!g_file_test (dir, G_FILE_TEST_IS_DIR))
    {
      g_set_error (error, RESLIB_ERROR, RESLIB_ERROR_READ_ONLY,
                   _("The data folder “%s” is not a folder: choose another one with --data-dir"), dir);
      return NULL;
    }

  self = store_new (dir, actor);
  self->read_only = data_dir_is_read_only (self->data_dir, self->db_path);
  if (self->read_only)
    g_debug ("%s cannot be written: opening the store read-only", self->data_dir);
  if (self->read_only && !g_file_test (self->db_path, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, RESLIB_ERROR, RESLIB_ERROR_READ_ONLY,
                   _("The data folder “%s” cannot be written and holds no store yet: choose another one with --data-dir"),
                   self->data_dir);
      return NULL;
    }
  if (!open_connection (self, error) || !_reslib_store_migrate (self, error))
    return NULL;
  /* What killed imports and blob collections left behind is finished or undone here, by every
   * program that opens the store. */
  if (!self->read_only && (!_reslib_blobs_recover (self, error) || !_reslib_store_recover_trash (self, error)))
    return NULL;

  return g_steal_pointer (&self);
}

/**
 * reslib_store_reopen:
 *
 * Opens a second connection to the same store, for use in another thread.
 *
 * Returns: (transfer full): the new connection, or %NULL with @error set.
 */
ReslibStore *
reslib_store_reopen (ReslibStore *self,
                     GError     **error)
{
  g_autoptr(ReslibStore) other = NULL;

  g_return_val_if_fail (RESLIB_IS_STORE (self), NULL);

  other = store_new (self->data_dir, self->actor);
  other->read_only = self->read_only;
  if (!open_connection (other, error))
    return NULL;
  g_weak_ref_set (&other->origin, self);
  other->origin_context = g_main_context_ref (self->origin_context);

  return g_steal_pointer (&other);
}
