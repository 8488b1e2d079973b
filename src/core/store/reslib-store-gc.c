/* reslib-store-gc.c — removing the stored files no resource uses any more
 *
 * Deleting a resource leaves its file in blobs/: another resource may use the same file, and an
 * import of it later finds it there. reslib_store_collect_blobs() removes the files that no
 * resource of any project uses, and their rows, inside a write transaction, so that no import
 * can start using one of them meanwhile (an import decides whether a file is stored inside its own
 * write transaction, or publishes its own copy when the file is not there).
 *
 * The files are first moved into a trash folder (blobs/trash-XXXXXX), then the rows are deleted
 * and committed, then the trash is emptied. A program that dies before it commits leaves files in
 * a trash folder whose rows are still there: the next collection, which starts with the trash
 * folders, puts them back; files whose rows are gone are removed.
 *
 * The files a streamed submission that has not ended will send are kept too (their rows in
 * submission_members go when it ends).
 *
 * The files of resources whose deletion can still be undone (a ReslibUndoStep holds them) are kept:
 * the steps of this process note them in a table of the process, which collections on any
 * connection to the same database in this process consult.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>

#include "reslib-error.h"
#include "reslib-store-gc.h"
#include "reslib-store-private.h"

#define TRASH_PREFIX "trash-"

/* A file no resource or evidence file (佐证材料) uses, nor the package's version of a resource in a conflict not
 * resolved yet, nor the package of a streamed submission that has not ended (reslib-store-plans.c). */
#define UNUSED_BLOBS "FROM blobs b WHERE NOT EXISTS (SELECT 1 FROM resources r WHERE r.blob_sha256 = b.sha256) " \
                     "AND NOT EXISTS (SELECT 1 FROM evidence e WHERE e.blob_sha256 = b.sha256) " \
                     "AND NOT EXISTS (SELECT 1 FROM conflicts c WHERE c.resolved_at IS NULL AND c.kind = 'resource' " \
                     "AND json_extract (c.theirs, '$.blob_sha256') = b.sha256) " \
                     "AND NOT EXISTS (SELECT 1 FROM submission_members m WHERE m.blob_sha256 = b.sha256)"

/* ---------------------------------------------------------------------------------------------- */
/* Files kept for undoing                                                                          */

static GMutex held_lock;
static GHashTable *held;   /* "database path\x1fSHA-256" → how many steps hold it */

static char *
held_key (ReslibStore *store,
          const char  *sha256)
{
  return g_strconcat (reslib_store_get_db_path (store), "\x1f", sha256, NULL);
}

/* Keeps the blob @sha256 from being collected until as many releases. */
void
_reslib_store_hold_blob (ReslibStore *store,
                         const char  *sha256)
{
  char *key = held_key (store, sha256);

  g_mutex_lock (&held_lock);
  if (held == NULL)
    held = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_hash_table_insert (held, key, GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (held, key)) + 1));
  g_mutex_unlock (&held_lock);
}

void
_reslib_store_release_blob (ReslibStore *store,
                            const char  *sha256)
{
  g_autofree char *key = held_key (store, sha256);
  guint n;

  g_mutex_lock (&held_lock);
  n = held != NULL ? GPOINTER_TO_UINT (g_hash_table_lookup (held, key)) : 0;
  if (n > 1)
    g_hash_table_insert (held, g_steal_pointer (&key), GUINT_TO_POINTER (n - 1));
  else if (n == 1)
    g_hash_table_remove (held, key);
  g_mutex_unlock (&held_lock);
}

static gboolean
is_held (ReslibStore *store,
         const char  *sha256)
{
  g_autofree char *key = held_key (store, sha256);
  gboolean found;

  g_mutex_lock (&held_lock);
  found = held != NULL && g_hash_table_contains (held, key);
  g_mutex_unlock (&held_lock);

  return found;
}

/* ---------------------------------------------------------------------------------------------- */

/* Moves @from to @to, making @to's folder; a missing @from is not an error. */
static gboolean
move_file (const char  *from,
           const char  *to,
           GError     **error)
{
  g_autofree char *dir = g_path_get_dirname (to);

  if (g_mkdir_with_parents (dir, 0700) != 0 || (rename (from, to) != 0 && errno != ENOENT))
    {
      _reslib_set_error_from_errno (error, errno, to);
      return FALSE;
    }

  return TRUE;
}

/* Puts back what a collection that did not commit left in the trash, and removes the rest. In the
 * write transaction. */
static gboolean
recover_trash (ReslibStore  *store,
               GError      **error)
{
  const char *blob_dir = reslib_store_get_blob_dir (store);
  g_autoptr(GDir) dir = g_dir_open (blob_dir, 0, NULL);
  const char *entry;

  while (dir != NULL && (entry = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *trash = NULL;
      g_autoptr(GDir) files = NULL;
      const char *name;

      if (!g_str_has_prefix (entry, TRASH_PREFIX))
        continue;
      trash = g_build_filename (blob_dir, entry, NULL);
      files = g_dir_open (trash, 0, NULL);
      while (files != NULL && (name = g_dir_read_name (files)) != NULL)
        {
          g_autofree char *path = g_build_filename (trash, name, NULL);
          g_autoptr(GError) local_error = NULL;

          if (strlen (name) == 64 && reslib_store_has_blob (store, name, &local_error))
            {
              g_autofree char *final_path = reslib_store_get_blob_path (store, name);

              if (g_file_test (final_path, G_FILE_TEST_EXISTS))
                g_unlink (path);
              else if (!move_file (path, final_path, error))
                return FALSE;
            }
          else if (local_error != NULL)
            {
              g_propagate_error (error, g_steal_pointer (&local_error));
              return FALSE;
            }
          else
            g_unlink (path);
        }
      g_rmdir (trash);
    }

  return TRUE;
}

static gboolean
has_trash (ReslibStore *store)
{
  g_autoptr(GDir) dir = g_dir_open (reslib_store_get_blob_dir (store), 0, NULL);
  const char *entry;

  while (dir != NULL && (entry = g_dir_read_name (dir)) != NULL)
    if (g_str_has_prefix (entry, TRASH_PREFIX))
      return TRUE;

  return FALSE;
}

/*
 * Puts back what a collection killed before its commit left in a trash folder (and removes what
 * one killed after it left). Called by every open of the store, and when a blob is found missing.
 * Cheap when there is no trash folder: one look at blobs/. A trash folder is only made inside the
 * collection's write transaction, so with the write lock held here every trash folder is either
 * left by a dead collection or by one that has committed.
 */
gboolean
_reslib_store_recover_trash (ReslibStore  *store,
                             GError      **error)
{
  g_return_val_if_fail (RESLIB_IS_STORE (store), FALSE);

  if (!has_trash (store))
    return TRUE;
  g_debug ("Putting back the stored files an interrupted cleanup left in %s", reslib_store_get_blob_dir (store));
  if (!reslib_store_begin (store, error))
    return FALSE;
  if (!recover_trash (store, error))
    {
      reslib_store_rollback (store);
      return FALSE;
    }

  return reslib_store_commit (store, error);
}

/**
 * reslib_store_find_blob:
 * @sha256: the blob's SHA-256
 *
 * Where the stored file with this content is, for reading. When it is missing, what an
 * interrupted cleanup left behind is put back first (on a connection of its own, so the caller
 * may be in a read transaction, but not in a write transaction).
 *
 * Returns: (transfer full): the path of the file, or %NULL with @error set when it is missing.
 */
char *
reslib_store_find_blob (ReslibStore  *store,
                        const char   *sha256,
                        GError      **error)
{
  g_autofree char *path = NULL;

  g_return_val_if_fail (RESLIB_IS_STORE (store), NULL);
  g_return_val_if_fail (sha256 != NULL && strlen (sha256) == 64, NULL);

  path = reslib_store_get_blob_path (store, sha256);
  if (!g_file_test (path, G_FILE_TEST_EXISTS) && has_trash (store) && !reslib_store_is_read_only (store))
    {
      g_autoptr(ReslibStore) other = NULL;
      g_autoptr(GError) local_error = NULL;

      other = reslib_store_reopen (store, &local_error);
      if (other == NULL || !_reslib_store_recover_trash (other, &local_error))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return NULL;
        }
    }
  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, RESLIB_ERROR, RESLIB_ERROR_CORRUPT,
                   _("A stored file is missing from the data folder “%s”: restore the folder from a backup"),
                   reslib_store_get_data_dir (store));
      return NULL;
    }

  return g_steal_pointer (&path);
}

/* The unused blobs, as sha256 strings in @names and sizes in @sizes (but those held for undoing);
 * FALSE with @error. */
static gboolean
list_unused (ReslibStore  *store,
             GPtrArray    *names,
             GArray       *sizes,
             GError      **error)
{
  g_autoptr(ReslibStatement) stmt = reslib_statement_new_once (store, "SELECT b.sha256, b.size " UNUSED_BLOBS, error);

  if (stmt == NULL)
    return FALSE;
  while (reslib_statement_step (stmt, error))
    {
      guint64 size = (guint64) reslib_statement_get_int64 (stmt, 1);

      if (is_held (store, reslib_statement_get_text (stmt, 0)))
        continue;
      g_ptr_array_add (names, reslib_statement_dup_text (stmt, 0));
      g_array_append_val (sizes, size);
    }

  return !reslib_statement_failed (stmt);
}

static gboolean
any_unused (ReslibStore  *store,
            gboolean     *any,
            GError      **error)
{
  g_autoptr(ReslibStatement) stmt = reslib_statement_new_once (store, "SELECT EXISTS (SELECT 1 " UNUSED_BLOBS ")", error);

  if (stmt == NULL)
    return FALSE;
  if (reslib_statement_step (stmt, error))
    *any = reslib_statement_get_int64 (stmt, 0) != 0;

  return !reslib_statement_failed (stmt);
}

static gboolean
delete_rows (ReslibStore  *store,
             GPtrArray    *names,
             GError      **error)
{
  g_autoptr(ReslibStatement) stmt = reslib_statement_new_once (store, "DELETE FROM blobs WHERE sha256 = ?", error);

  if (stmt == NULL)
    return FALSE;
  for (guint i = 0; i < names->len; i++)
    {
      reslib_statement_bind_text (stmt, 1, g_ptr_array_index (names, i));
      if (!reslib_statement_execute (stmt, error))
        return FALSE;
      reslib_statement_reset (stmt);
    }

  return TRUE;
}

/* Puts the first @n files of @names back from @trash. */
static void
restore (ReslibStore *store,
         const char  *trash,
         GPtrArray   *names,
         guint        n)
{
  for (guint i = 0; i < n; i++)
    {
      const char *name = g_ptr_array_index (names, i);
      g_autofree char *from = g_build_filename (trash, name, NULL);
      g_autofree char *to = reslib_store_get_blob_path (store, name);

      move_file (from, to, NULL);
    }
  g_rmdir (trash);
}

/**
 * reslib_store_collect_blobs:
 * @n_files: (out) (optional): how many files were removed
 * @n_bytes: (out) (optional): their size
 *
 * Removes the stored files that no resource uses, and their rows.
 */
gboolean
reslib_store_collect_blobs (ReslibStore  *store,
                            guint        *n_files,
                            guint64      *n_bytes,
                            GError      **error)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GArray) sizes = g_array_new (FALSE, FALSE, sizeof (guint64));
  g_autofree char *trash = NULL;
  gboolean any = FALSE;
  guint64 bytes = 0;
  guint moved = 0;

  g_return_val_if_fail (RESLIB_IS_STORE (store), FALSE);

  if (n_files != NULL)
    *n_files = 0;
  if (n_bytes != NULL)
    *n_bytes = 0;

  /* A store that cannot be written keeps its files. */
  if (reslib_store_is_read_only (store))
    return TRUE;
  /* Most of the time there is nothing to do: find out without taking the write lock. */
  if (!any_unused (store, &any, error))
    return FALSE;
  if (!any && !has_trash (store))
    return TRUE;

  if (!reslib_store_begin (store, error))
    return FALSE;
  if (!recover_trash (store, error) || !list_unused (store, names, sizes, error))
    {
      reslib_store_rollback (store);
      return FALSE;
    }
  if (names->len == 0)
    return reslib_store_commit (store, error);

  trash = g_build_filename (reslib_store_get_blob_dir (store), TRASH_PREFIX "XXXXXX", NULL);
  if (g_mkdtemp_full (trash, 0700) == NULL)
    {
      _reslib_set_error_from_errno (error, errno, trash);
      reslib_store_rollback (store);
      return FALSE;
    }
  for (; moved < names->len; moved++)
    {
      const char *name = g_ptr_array_index (names, moved);
      g_autofree char *from = reslib_store_get_blob_path (store, name);
      g_autofree char *to = g_build_filename (trash, name, NULL);

      if (!move_file (from, to, error))
        break;
    }
  if (moved < names->len || !delete_rows (store, names, error))
    {
      reslib_store_rollback (store);
      restore (store, trash, names, moved);
      return FALSE;
    }
  if (!reslib_store_commit (store, error))
    {
      restore (store, trash, names, moved);
      return FALSE;
    }

  /* Committed: the files have no name left in the store. */
  for (guint i = 0; i < names->len; i++)
    {
      g_autofree char *path = g_build_filename (trash, g_ptr_array_index (names, i), NULL);

      g_unlink (path);
      bytes += g_array_index (sizes, guint64, i);
    }
  g_rmdir (trash);
  g_debug ("Removed %u stored files no resource uses, %" G_GUINT64_FORMAT " bytes", names->len, bytes);
  if (n_files != NULL)
    *n_files = names->len;
  if (n_bytes != NULL)
    *n_bytes = bytes;

  return TRUE;
}

/* ---------------------------------------------------------------------------------------------- */

typedef struct
{
  guint   n_files;
  guint64 n_bytes;
} Collected;

static void
collect_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  Collected *collected = task_data;
  g_autoptr(ReslibStore) store = NULL;
  g_autoptr(GError) error = NULL;

  store = reslib_store_reopen (source_object, &error);
  if (store == NULL ||
      !reslib_store_collect_blobs (store, &collected->n_files, &collected->n_bytes, &error))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

/**
 * reslib_store_collect_blobs_async:
 * @store: a store that can be written
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called in the thread-default main context when the collection is over
 * @user_data: (closure): for @callback
 *
 * Runs reslib_store_collect_blobs() in a worker thread, with a connection of its own.
 */
void
reslib_store_collect_blobs_async (ReslibStore         *store,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (RESLIB_IS_STORE (store));

  task = g_task_new (store, cancellable, callback, user_data);
  g_task_set_source_tag (task, reslib_store_collect_blobs_async);
  g_task_set_task_data (task, g_new0 (Collected, 1), g_free);
  g_task_run_in_thread (task, collect_thread);
}

/**
 * reslib_store_collect_blobs_finish:
 * @store: the store given to reslib_store_collect_blobs_async()
 * @result: the #GAsyncResult given to the callback
 * @n_files: (out) (optional): how many files were removed
 * @n_bytes: (out) (optional): their size
 * @error: return location for a #GError, or %NULL
 *
 * Returns: %TRUE, or %FALSE with @error set
 */
gboolean
reslib_store_collect_blobs_finish (ReslibStore   *store,
                                   GAsyncResult  *result,
                                   guint         *n_files,
                                   guint64       *n_bytes,
                                   GError       **error)
{
  Collected *collected;

  g_return_val_if_fail (g_task_is_valid (result, store), FALSE);

  if (!g_task_propagate_boolean (G_TASK (result), error))
    return FALSE;
  collected = g_task_get_task_data (G_TASK (result));
  if (n_files != NULL)
    *n_files = collected->n_files;
  if (n_bytes != NULL)
    *n_bytes = collected->n_bytes;

  return TRUE;
}
