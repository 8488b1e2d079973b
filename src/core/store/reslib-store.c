/* reslib-store.c — the store object: sharing its database between connections, transactions,
 * ::changed, and SQLite's errors in words a user can act on
 *
 * The other files of this folder hold the opening (reslib-store-open.c), the migrations
 * (reslib-store-migrate.c), the generic access to records (reslib-store-records.c), the audit log
 * (reslib-store-events.c), search (reslib-store-search.c), and one file per family of tables; they
 * share reslib-store-private.h.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <errno.h>
#include <sqlite3.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/statvfs.h>
#include <unistd.h>

#include "reslib-blobs.h"
#include "reslib-error.h"
#include "reslib-store-gc.h"
#include "reslib-store-private.h"

typedef struct
{
  ReslibKind  kind;
  char       *id;
} Change;

enum {
  SIGNAL_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Beyond this many changes in one commit, listeners are told "many records of this kind". */
#define MAX_CHANGES_TOLD 64

G_DEFINE_FINAL_TYPE (ReslibStore, reslib_store, G_TYPE_OBJECT)

static void
reslib_store_finalize (GObject *object)
{
  ReslibStore *self = RESLIB_STORE (object);

  g_clear_pointer (&self->statements, g_hash_table_unref);
  g_clear_pointer (&self->pending, g_array_unref);
  g_weak_ref_clear (&self->origin);
  g_clear_pointer (&self->origin_context, g_main_context_unref);
  if (self->db != NULL)
    sqlite3_close_v2 (self->db);
  _reslib_store_unregister_data_dir (self->data_dir);
  g_free (self->data_dir);
  g_free (self->db_path);
  g_free (self->blob_dir);
  g_free (self->actor);

  G_OBJECT_CLASS (reslib_store_parent_class)->finalize (object);
}

static void
reslib_store_class_init (ReslibStoreClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = reslib_store_finalize;

  /**
   * ReslibStore::changed:
   * @store: the store
   * @kind: the #ReslibKind of the records that changed
   * @id: (nullable): the id of the record that was added, changed or deleted, or %NULL when
   *   many records of @kind changed
   *
   * Emitted after a committed change, in the main context of the thread that opened the store.
   * Changes made through a connection from reslib_store_reopen() are emitted on the store it
   * was reopened from.
   */
  signals[SIGNAL_CHANGED] =
    g_signal_new ("changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_UINT, G_TYPE_STRING);
}

static void
clear_change (gpointer data)
{
  Change *change = data;

  g_free (change->id);
}

static GArray *
changes_new (void)
{
  GArray *changes = g_array_new (FALSE, FALSE, sizeof (Change));

  g_array_set_clear_func (changes, clear_change);
  return changes;
}

static void
emit_changes (ReslibStore *self,
              GArray      *changes)
{
  g_autoptr(GHashTable) told = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  gboolean kinds[RESLIB_N_KINDS] = { FALSE, };

  g_object_ref (self);
  if (changes->len > MAX_CHANGES_TOLD)
    {
      for (guint i = 0; i < changes->len; i++)
        kinds[g_array_index (changes, Change, i).kind] = TRUE;
      for (guint k = 0; k < RESLIB_N_KINDS; k++)
        if (kinds[k])
          g_signal_emit (self, signals[SIGNAL_CHANGED], 0, k, NULL);
    }
  else
    for (guint i = 0; i < changes->len; i++)
      {
        Change *change = &g_array_index (changes, Change, i);
        char *key = g_strdup_printf ("%u:%s", change->kind, change->id);

        if (g_hash_table_add (told, key))
          g_signal_emit (self, signals[SIGNAL_CHANGED], 0, change->kind, change->id);
      }
  g_object_unref (self);
}

typedef struct
{
  GWeakRef  store;
  GArray   *changes;
} ChangesPost;

static gboolean
emit_posted_changes (gpointer data)
{
  ChangesPost *post = data;
  g_autoptr(ReslibStore) store = g_weak_ref_get (&post->store);

  if (store != NULL)
    emit_changes (store, post->changes);

  return G_SOURCE_REMOVE;
}

static void
free_changes_post (gpointer data)
{
  ChangesPost *post = data;

  g_weak_ref_clear (&post->store);
  g_array_unref (post->changes);
  g_free (post);
}

static void
flush_changes (ReslibStore *self)
{
  g_autoptr(GArray) changes = NULL;
  g_autoptr(ReslibStore) origin = NULL;

  if (self->pending == NULL || self->pending->len == 0)
    return;
  changes = g_steal_pointer (&self->pending);

  origin = g_weak_ref_get (&self->origin);
  if (origin != NULL)
    {
      ChangesPost *post = g_new0 (ChangesPost, 1);
      g_autoptr(GSource) source = g_idle_source_new ();

      /* Always from an idle source: g_main_context_invoke() would run it in this thread
       * when nobody owns the origin's context. */
      g_weak_ref_init (&post->store, origin);
      post->changes = g_steal_pointer (&changes);
      g_source_set_priority (source, G_PRIORITY_DEFAULT);
      g_source_set_callback (source, emit_posted_changes, post, free_changes_post);
      g_source_set_static_name (source, "[reslib] store changes");
      g_source_attach (source, self->origin_context);
      return;
    }

  emit_changes (self, changes);
}

void
_reslib_store_note_change (ReslibStore *self,
                           ReslibKind   kind,
                           const char  *id)
{
  Change change = { kind, NULL };
  gboolean kept = FALSE;

  if (self->pending == NULL)
    self->pending = changes_new ();
  /* Beyond MAX_CHANGES_TOLD, listeners are told only the kinds: one change of each is kept, without its
   * id, so a transaction of 100,000 changes keeps a few dozen (and the scan is as short). */
  if (self->pending->len > MAX_CHANGES_TOLD)
    for (guint i = 0; i < self->pending->len && !kept; i++)
      kept = g_array_index (self->pending, Change, i).kind == kind;
  else
    change.id = g_strdup (id);
  if (!kept)
    g_array_append_val (self->pending, change);
  if (self->depth == 0)
    flush_changes (self);
}

/**
 * reslib_store_notify_changed:
 * @kind: what kind of records changed
 * @id: (nullable): which record, or %NULL for many
 *
 * Tells the store's listeners of a change made outside the store object, e.g. by another process.
 */
void
reslib_store_notify_changed (ReslibStore *self,
                             ReslibKind   kind,
                             const char  *id)
{
  g_return_if_fail (RESLIB_IS_STORE (self));
  g_return_if_fail (kind < RESLIB_N_KINDS);

  _reslib_store_note_change (self, kind, id);
}

static void
reslib_store_init (ReslibStore *self)
{
  self->statements = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                            (GDestroyNotify) _reslib_statement_destroy);
  g_weak_ref_init (&self->origin, NULL);
  self->origin_context = g_main_context_ref_thread_default ();
}

/* ---------------------------------------------------------------------------------------------- */
/* Errors                                                                                          */

/* What a failed constraint means, in words a user can act on (the SQLite text names tables and
 * columns, and is not translated). */
static const char *
constraint_message (int rc)
{
  switch (rc)
    {
    case SQLITE_CONSTRAINT_FOREIGNKEY:
      return _("The change refers to a record that does not exist, or removes one that other records still use");
    case SQLITE_CONSTRAINT_UNIQUE:
    case SQLITE_CONSTRAINT_PRIMARYKEY:
      return _("The change would make two records the same where only one is allowed");
    case SQLITE_CONSTRAINT_NOTNULL:
      return _("The change leaves out a value that is required");
    case SQLITE_CONSTRAINT_CHECK:
      return _("The change sets a value that is not allowed");
    default:
      return _("The change breaks a rule of the data model");
    }
}

/* Less than 64 KiB left for us on the file system holding @dir. */
static gboolean
disk_is_full (const char *dir)
{
  struct statvfs fs;

  return statvfs (dir, &fs) == 0 && (guint64) fs.f_bavail * fs.f_frsize < 64 * 1024;
}

static gboolean
file_size_is_limited (void)
{
  struct rlimit limit;

  return getrlimit (RLIMIT_FSIZE, &limit) == 0 && limit.rlim_cur != RLIM_INFINITY;
}

/*
 * Sets @error for a failed SQLite call in words a user can act on. SQLite's own text is not
 * translated and names tables and files the user never sees: it goes to the debug log only.
 */
gboolean
_reslib_store_set_sqlite_error (ReslibStore *self,
                                int          rc,
                                GError     **error)
{
  const char *detail = self->db != NULL && sqlite3_errcode (self->db) != SQLITE_OK ? sqlite3_errmsg (self->db)
                                                                                 : sqlite3_errstr (rc);
  int sys_errno = self->db != NULL ? sqlite3_system_errno (self->db) : 0;

  if (self->db != NULL && (rc & 0xff) == (sqlite3_extended_errcode (self->db) & 0xff))
    rc = sqlite3_extended_errcode (self->db);
  g_debug ("SQLite error %d on %s (errno %d): %s", rc, self->db_path, sys_errno, detail);

  /* A write that failed because the disk or the quota is full, or because the file may not grow
   * (RLIMIT_FSIZE, the file system's largest file), comes back as an I/O error, and SQLite does
   * not always keep the errno: look at the disk and the limit. */
  if ((rc & 0xff) == SQLITE_IOERR && (sys_errno == ENOSPC || sys_errno == EDQUOT || disk_is_full (self->data_dir)))
    rc = SQLITE_FULL;
  if ((rc & 0xff) == SQLITE_IOERR && (sys_errno == EFBIG || (sys_errno == 0 && file_size_is_limited ())))
    {
      g_set_error (error, RESLIB_ERROR, RESLIB_ERROR_NO_SPACE,
                   _("The database “%s” cannot grow any more: it is as large as a file may be here; "
                     "raise the file size limit or move the data folder to another disk"), self->db_path);
      return FALSE;
    }

  switch (rc & 0xff)
    {
    case SQLITE_FULL:
      g_set_error (error, RESLIB_ERROR, RESLIB_ERROR_NO_SPACE,
                   _("The disk holding “%s” is full: free some space and try again"), self->data_dir);
      break;
    case SQLITE_READONLY:
    case SQLITE_PERM:
    case SQLITE_AUTH:
      g_set_error (error, RESLIB_ERROR, RESLIB_ERROR_READ_ONLY,
                   _("The data folder “%s” cannot be written: check its permissions or choose another one with --data-dir"),
                   self->data_dir);
      break;
    case SQLITE_CANTOPEN:
      g_set_error (error, RESLIB_ERROR, RESLIB_ERROR_READ_ONLY,
                   _("The database “%s” cannot be opened: check the permissions of its folder or choose another one with --data-dir"),
                   self->db_path);
      break;
    case SQLITE_CORRUPT:
      g_set_error (error, RESLIB_ERROR, RESLIB_ERROR_CORRUPT,
                   _("The database “%s” is damaged: restore it from a backup, or move it away to start a new one"),
                   self->db_path);
      break;
    case SQLITE_NOTADB:
      g_set_error (error, RESLIB_ERROR, RESLIB_ERROR_CORRUPT,
                   _("“%s” is not a ResLib database, or it is damaged: move it away, or choose another data folder with --data-dir"),
                   self->db_path);
      break;
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      g_set_error (error, RESLIB_ERROR, RESLIB_ERROR_BUSY,
                   _("The database “%s” is in use by another program: try again when it has finished"), self->db_path);
      break;
    case SQLITE_CONSTRAINT:
      g_set_error_literal (error, RESLIB_ERROR, RESLIB_ERROR_CONSTRAINT, constraint_message (rc));
      break;
    case SQLITE_IOERR:
      g_set_error (error, RESLIB_ERROR, RESLIB_ERROR_IO,
                   _("Reading or writing the database “%s” failed: check the disk, then try again"), self->db_path);
      break;
    case SQLITE_NOMEM:
      g_set_error_literal (error, RESLIB_ERROR, RESLIB_ERROR_FAILED,
                           _("There is not enough memory: close other programs and try again"));
      break;
    case SQLITE_TOOBIG:
      g_set_error_literal (error, RESLIB_ERROR, RESLIB_ERROR_INVALID,
                           _("A value is too large to be stored: shorten it and try again"));
      break;
    case SQLITE_INTERRUPT:
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CANCELLED, _("Cancelled"));
      break;
    default:
      g_set_error (error, RESLIB_ERROR, RESLIB_ERROR_FAILED,
                   _("The database “%s” failed unexpectedly (error %d): try again, or report the problem"),
                   self->db_path, rc);
      break;
    }

  return FALSE;
}

gboolean
_reslib_store_check_sqlite (ReslibStore *self,
                            int          rc,
                            GError     **error)
{
  if (rc == SQLITE_OK || rc == SQLITE_ROW || rc == SQLITE_DONE)
    return TRUE;

  return _reslib_store_set_sqlite_error (self, rc, error);
}

sqlite3 *
_reslib_store_get_db (ReslibStore *self)
{
  return self->db;
}

/* ---------------------------------------------------------------------------------------------- */
/* Statements                                                                                      */

/* A statement of the store's cache, reset and with its bindings cleared, for the files that step
 * sqlite3_stmt themselves: the caller resets it when done with it and never finalizes it. */
sqlite3_stmt *
_reslib_store_prepare (ReslibStore *self,
                       const char  *sql,
                       GError     **error)
{
  ReslibStatement *statement = g_hash_table_lookup (self->statements, sql);

  if (statement == NULL)
    {
      statement = reslib_statement_new (self, sql, error);
      if (statement == NULL)
        return NULL;
    }
  reslib_statement_free (statement);

  return _reslib_statement_get_stmt (statement);
}

void
_reslib_store_bind_text (sqlite3_stmt *stmt,
                         int           index,
                         const char   *text)
{
  if (text == NULL)
    sqlite3_bind_null (stmt, index);
  else
    sqlite3_bind_text (stmt, index, text, -1, SQLITE_TRANSIENT);
}

/* Runs a statement that returns no rows, binding the NULL-terminated @args as text. */
gboolean
_reslib_store_exec_args (ReslibStore        *self,
                         const char         *sql,
                         const char * const *args,
                         GError            **error)
{
  g_autoptr(ReslibStatement) stmt = reslib_statement_new (self, sql, error);

  if (stmt == NULL)
    return FALSE;
  reslib_statement_bind_texts (stmt, 1, args);

  return reslib_statement_execute (stmt, error);
}

/* Returns the first column of the first row as text, or NULL (with @error unset) when there is no row. */
char *
_reslib_store_query_text (ReslibStore        *self,
                          const char         *sql,
                          const char * const *args,
                          GError            **error)
{
  g_autoptr(ReslibStatement) stmt = reslib_statement_new (self, sql, error);

  if (stmt == NULL)
    return NULL;
  reslib_statement_bind_texts (stmt, 1, args);
  if (!reslib_statement_step (stmt, error))
    return NULL;

  return reslib_statement_dup_text (stmt, 0);
}

gboolean
_reslib_store_exec_script (ReslibStore *self,
                           const char  *sql,
                           GError     **error)
{
  int rc = sqlite3_exec (self->db, sql, NULL, NULL, NULL);

  return rc == SQLITE_OK ? TRUE : _reslib_store_set_sqlite_error (self, rc, error);
}

gint64
_reslib_store_pragma_int (ReslibStore *self,
                          const char  *pragma,
                          GError     **error)
{
  g_autofree char *sql = g_strdup_printf ("PRAGMA %s", pragma);
  g_autoptr(ReslibStatement) stmt = reslib_statement_new_once (self, sql, error);

  if (stmt == NULL || !reslib_statement_step (stmt, error))
    return -1;

  return reslib_statement_get_int64 (stmt, 0);
}

/* The value of a PRAGMA that gives a number, or 0. */
static gint64
pragma_value (ReslibStore *self,
              const char  *sql)
{
  sqlite3_stmt *stmt = NULL;
  gint64 value = 0;

  if (sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL) == SQLITE_OK && sqlite3_step (stmt) == SQLITE_ROW)
    value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);

  return value;
}

/* The page cache of the connection, in KiB: a negative cache_size is KiB, a positive one pages. */
static gint64
cache_kib (ReslibStore *self)
{
  gint64 size = pragma_value (self, "PRAGMA cache_size");

  return size < 0 ? -size : size * pragma_value (self, "PRAGMA page_size") / 1024;
}

/*
 * Raises the page cache of @self's connection to @kib KiB, when it is smaller, for one long run of
 * statements over many rows (a sheet's thousands of rows written in one transaction): with SQLite's
 * default of 2 MiB, the pages a transaction changed are spilled to the write-ahead log and read back
 * from it, and the indexes it looks rows up in are read from the file again and again. The cache
 * is memory the run keeps, whatever the number of rows. Returns the size to give back to
 * _reslib_store_cache_restore(): 0 when nothing changed.
 */
gint64
_reslib_store_cache_raise (ReslibStore *self,
                           guint        kib)
{
  gint64 before = cache_kib (self);
  g_autofree char *sql = NULL;

  if (before <= 0 || before >= kib)
    return 0;
  sql = g_strdup_printf ("PRAGMA cache_size = -%u", kib);
  if (sqlite3_exec (self->db, sql, NULL, NULL, NULL) != SQLITE_OK)
    return 0;

  return before;
}

/* Gives the connection its page cache of before _reslib_store_cache_raise() back. */
void
_reslib_store_cache_restore (ReslibStore *self,
                             gint64       kib)
{
  g_autofree char *sql = NULL;

  if (kib <= 0)
    return;
  sql = g_strdup_printf ("PRAGMA cache_size = -%" G_GINT64_FORMAT, kib);
  sqlite3_exec (self->db, sql, NULL, NULL, NULL);
}

/* ---------------------------------------------------------------------------------------------- */
/* Transactions                                                                                    */

/* FALSE with a clear error when the store was opened read-only. */
gboolean
_reslib_store_check_writable (ReslibStore *self,
                              GError     **error)
{
  if (!self->read_only)
    return TRUE;
  g_set_error (error, RESLIB_ERROR, RESLIB_ERROR_READ_ONLY,
               _("The data folder “%s” cannot be written, so nothing can be changed: check its permissions or choose another one with --data-dir"),
               self->data_dir);
  return FALSE;
}

/* Foreign keys are checked at commit rather than at each row (a package's records arrive in any order). */
gboolean
_reslib_store_import_defer_foreign_keys (ReslibStore  *store,
                                         GError      **error)
{
  g_autoptr(ReslibStatement) stmt = reslib_statement_new (store, "PRAGMA defer_foreign_keys = ON", error);

  if (stmt == NULL)
    return FALSE;

  return reslib_statement_execute (stmt, error);
}

/**
 * reslib_store_begin:
 * @self: a store that can be written
 * @error: return location for a #GError, or %NULL
 *
 * Starts a write transaction, or a nested one inside the caller's: only the outermost commit
 * writes. End it with reslib_store_commit() or reslib_store_rollback().
 *
 * Returns: %TRUE, or %FALSE with @error set when the store is read-only or the database is busy
 */
gboolean
reslib_store_begin (ReslibStore *self,
                    GError     **error)
{
  g_return_val_if_fail (RESLIB_IS_STORE (self), FALSE);

  if (!_reslib_store_check_writable (self, error))
    return FALSE;
  if (self->depth++ > 0)
    return TRUE;
  self->failed = FALSE;
  if (!_reslib_store_exec_script (self, "BEGIN IMMEDIATE", error))
    {
      self->depth = 0;
      return FALSE;
    }

  return TRUE;
}

/**
 * reslib_store_commit:
 * @self: a store inside a transaction
 * @error: return location for a #GError, or %NULL
 *
 * Ends the innermost transaction; the outermost one writes everything, unless a nested one was
 * rolled back: then nothing is written and @error says so.
 *
 * Returns: %TRUE when the change is saved (or, nested, kept for the outer commit)
 */
gboolean
reslib_store_commit (ReslibStore *self,
                     GError     **error)
{
  g_return_val_if_fail (RESLIB_IS_STORE (self), FALSE);
  g_return_val_if_fail (self->depth > 0, FALSE);

  if (--self->depth > 0)
    return TRUE;
  if (self->failed)
    {
      _reslib_store_exec_script (self, "ROLLBACK", NULL);
      g_clear_pointer (&self->pending, g_array_unref);
      g_set_error_literal (error, RESLIB_ERROR, RESLIB_ERROR_FAILED, _("The change was not saved because a part of it failed"));
      return FALSE;
    }
  if (!_reslib_store_exec_script (self, "COMMIT", error))
    {
      _reslib_store_exec_script (self, "ROLLBACK", NULL);
      g_clear_pointer (&self->pending, g_array_unref);
      return FALSE;
    }
  flush_changes (self);

  return TRUE;
}

/**
 * reslib_store_set_synced:
 * @self: a store that can be written, outside a transaction
 * @synced: %TRUE (how a store opens) to wait at each commit until the change is on the disk; %FALSE to leave
 *   it to the system's write-back
 * @error: return location for a #GError, or %NULL
 *
 * Unsynced commits are for notes of progress that a later run can do without: they survive the process being
 * killed, and the database stays whole whatever happens, but the last of them may be lost, each as a whole,
 * when the machine loses power. Set it back to %TRUE after them.
 *
 * Returns: %TRUE, or %FALSE with @error set
 */
gboolean
reslib_store_set_synced (ReslibStore  *self,
                         gboolean      synced,
                         GError      **error)
{
  g_return_val_if_fail (RESLIB_IS_STORE (self), FALSE);
  g_return_val_if_fail (self->depth == 0, FALSE);

  /* In WAL mode, NORMAL writes the log at each commit and syncs it only at checkpoints. */
  return _reslib_store_exec_script (self, synced ? "PRAGMA synchronous = FULL" : "PRAGMA synchronous = NORMAL", error);
}

/**
 * reslib_store_rollback:
 * @self: a store inside a transaction
 *
 * Ends the innermost transaction without its changes; a nested rollback makes the outermost
 * commit fail and write nothing.
 */
void
reslib_store_rollback (ReslibStore *self)
{
  g_return_if_fail (RESLIB_IS_STORE (self));
  g_return_if_fail (self->depth > 0);

  if (--self->depth > 0)
    {
      self->failed = TRUE;
      return;
    }
  _reslib_store_exec_script (self, "ROLLBACK", NULL);
  g_clear_pointer (&self->pending, g_array_unref);
}

/**
 * reslib_store_get_data_dir:
 * @self: a store
 *
 * Returns: (transfer none): the data folder the store was opened on
 */
const char *
reslib_store_get_data_dir (ReslibStore *self)
{
  g_return_val_if_fail (RESLIB_IS_STORE (self), NULL);
  return self->data_dir;
}

/**
 * reslib_store_is_read_only:
 *
 * Returns: %TRUE when the data folder cannot be written, so the store was opened read-only:
 *   it can be read, and every change fails with %RESLIB_ERROR_READ_ONLY.
 */
gboolean
reslib_store_is_read_only (ReslibStore *self)
{
  g_return_val_if_fail (RESLIB_IS_STORE (self), FALSE);
  return self->read_only;
}

/**
 * reslib_store_get_db_path:
 * @self: a store
 *
 * Returns: (transfer none): the path of its database file (library.db in the data folder)
 */
const char *
reslib_store_get_db_path (ReslibStore *self)
{
  g_return_val_if_fail (RESLIB_IS_STORE (self), NULL);
  return self->db_path;
}

/**
 * reslib_store_get_blob_dir:
 * @self: a store
 *
 * Returns: (transfer none): the folder that holds its blobs (blobs/ in the data folder)
 */
const char *
reslib_store_get_blob_dir (ReslibStore *self)
{
  g_return_val_if_fail (RESLIB_IS_STORE (self), NULL);
  return self->blob_dir;
}

/**
 * reslib_store_get_blob_path:
 *
 * Returns: (transfer full): where the blob with this SHA-256 lives: blobs/ab/cdef….
 */
char *
reslib_store_get_blob_path (ReslibStore *self,
                            const char  *sha256)
{
  char prefix[3] = { sha256[0], sha256[1], 0 };

  g_return_val_if_fail (RESLIB_IS_STORE (self), NULL);
  g_return_val_if_fail (sha256 != NULL && strlen (sha256) == 64, NULL);

  return g_build_filename (self->blob_dir, prefix, sha256 + 2, NULL);
}

/**
 * reslib_store_set_actor:
 * @self: a store
 * @actor: who makes the changes from now on, as the audit log names them (not empty)
 *
 * Sets the name the store writes in the audit log for every change after this.
 */
void
reslib_store_set_actor (ReslibStore *self,
                        const char  *actor)
{
  g_return_if_fail (RESLIB_IS_STORE (self));
  g_return_if_fail (actor != NULL && *actor != '\0');

  g_free (self->actor);
  self->actor = g_strdup (actor);
}

/**
 * reslib_store_get_actor:
 * @self: a store
 *
 * Returns: (transfer none): who the audit log names for changes made through @self
 */
const char *
reslib_store_get_actor (ReslibStore *self)
{
  g_return_val_if_fail (RESLIB_IS_STORE (self), NULL);
  return self->actor;
}
