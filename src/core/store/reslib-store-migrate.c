/* reslib-store-migrate.c — making and upgrading a store: sql/000N-*.sql in order, one transaction
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "reslib-core-resources.h"
#include "reslib-error.h"
#include "reslib-store-private.h"

typedef struct
{
  ReslibStoreVersion  version;
  const char         *resource;
} Migration;

static const Migration migrations[] = {
  { RESLIB_STORE_VERSION_1, "/io/github/reslib/core/sql/0001-initial.sql" },
  { RESLIB_STORE_VERSION_2, "/io/github/reslib/core/sql/0002-probes.sql" },
  { RESLIB_STORE_VERSION_3, "/io/github/reslib/core/sql/0003-unigrams.sql" },
  { RESLIB_STORE_VERSION_4, "/io/github/reslib/core/sql/0004-sync.sql" },
  { RESLIB_STORE_VERSION_5, "/io/github/reslib/core/sql/0005-checks-packages.sql" },
  { RESLIB_STORE_VERSION_6, "/io/github/reslib/core/sql/0006-conflicts-roles.sql" },
  { RESLIB_STORE_VERSION_7, "/io/github/reslib/core/sql/0007-submission-plans.sql" },
  { RESLIB_STORE_VERSION_8, "/io/github/reslib/core/sql/0008-search-names.sql" },
  { RESLIB_STORE_VERSION_9, "/io/github/reslib/core/sql/0009-resource-versions.sql" },
  { RESLIB_STORE_VERSION_10, "/io/github/reslib/core/sql/0010-targets.sql" },
  { RESLIB_STORE_VERSION_11, "/io/github/reslib/core/sql/0011-usage.sql" },
  { RESLIB_STORE_VERSION_12, "/io/github/reslib/core/sql/0012-course-member-budget.sql" },
  { RESLIB_STORE_VERSION_13, "/io/github/reslib/core/sql/0013-file-names.sql" },
  { RESLIB_STORE_VERSION_14, "/io/github/reslib/core/sql/0014-review-decisions.sql" },
  { RESLIB_STORE_VERSION_15, "/io/github/reslib/core/sql/0015-milestones-evidence-tags.sql" },
  { RESLIB_STORE_VERSION_16, "/io/github/reslib/core/sql/0016-project-texts.sql" },
  { RESLIB_STORE_VERSION_17, "/io/github/reslib/core/sql/0017-report-texts.sql" },
  { RESLIB_STORE_VERSION_18, "/io/github/reslib/core/sql/0018-evidence-sections.sql" },
};

G_STATIC_ASSERT (G_N_ELEMENTS (migrations) == RESLIB_STORE_VERSION_NOW);

/* A store opened read-only cannot be made or upgraded: it must be ours and current. */
static gboolean
check_read_only (ReslibStore *self,
                 GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  gint64 app_id, version;

  app_id = _reslib_store_pragma_int (self, "application_id", &local_error);
  if (local_error == NULL)
    version = _reslib_store_pragma_int (self, "user_version", &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (app_id == 0 && version == 0)
    {
      g_set_error (error, RESLIB_ERROR, RESLIB_ERROR_READ_ONLY,
                   _("The data folder “%s” cannot be written and holds no store yet: choose another one with --data-dir"),
                   self->data_dir);
      return FALSE;
    }
  if (app_id != RESLIB_STORE_APPLICATION_ID)
    {
      g_set_error (error, RESLIB_ERROR, RESLIB_ERROR_FOREIGN,
                   _("“%s” is a database of another program: move it away, or choose another data folder with --data-dir"),
                   self->db_path);
      return FALSE;
    }
  if (version > RESLIB_STORE_VERSION_NOW)
    {
      g_set_error (error, RESLIB_ERROR, RESLIB_ERROR_TOO_NEW,
                   _("“%s” was written by a newer version of ResLib Studio: update the program to open it"),
                   self->db_path);
      return FALSE;
    }
  if (version < RESLIB_STORE_VERSION_NOW)
    {
      g_set_error (error, RESLIB_ERROR, RESLIB_ERROR_READ_ONLY,
                   _("The store in “%s” must be upgraded, but its folder cannot be written: make it writable once, then try again"),
                   self->data_dir);
      return FALSE;
    }

  return TRUE;
}

gboolean
_reslib_store_migrate (ReslibStore *self,
                       GError     **error)
{
  gint64 app_id, version, n_broken;
  g_autoptr(GError) local_error = NULL;

  if (self->read_only)
    return check_read_only (self, error);

  /* Nearly always the store is ours and current: found out without the write lock, so opening
   * does not wait for another program's write transaction. */
  app_id = _reslib_store_pragma_int (self, "application_id", &local_error);
  if (local_error == NULL)
    version = _reslib_store_pragma_int (self, "user_version", &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (app_id == RESLIB_STORE_APPLICATION_ID && version == RESLIB_STORE_VERSION_NOW)
    return TRUE;

  /* A migration may make a table anew (https://www.sqlite.org/lang_altertable.html §7): with foreign keys
   * on, dropping the old table would delete the rows that refer to it. They are checked before the commit
   * instead, and on again after it. The pragma has no effect inside a transaction. */
  if (!_reslib_store_exec_script (self, "PRAGMA foreign_keys = OFF", error))
    return FALSE;
  if (!reslib_store_begin (self, error))
    {
      _reslib_store_exec_script (self, "PRAGMA foreign_keys = ON", NULL);
      return FALSE;
    }

  app_id = _reslib_store_pragma_int (self, "application_id", &local_error);
  if (local_error == NULL)
    version = _reslib_store_pragma_int (self, "user_version", &local_error);
  if (local_error != NULL)
    goto failed;

  if (app_id != RESLIB_STORE_APPLICATION_ID)
    {
      gint64 n_tables = 0;

      if (app_id == 0 && version == 0)
        {
          g_autofree char *n = _reslib_store_query_text (self, "SELECT count(*) FROM sqlite_schema", NULL, &local_error);
          if (local_error != NULL)
            goto failed;
          n_tables = g_ascii_strtoll (n, NULL, 10);
        }
      if (app_id != 0 || n_tables > 0)
        {
          g_set_error (&local_error, RESLIB_ERROR, RESLIB_ERROR_FOREIGN,
                       _("“%s” is a database of another program: move it away, or choose another data folder with --data-dir"),
                       self->db_path);
          goto failed;
        }
    }

  if (version > RESLIB_STORE_VERSION_NOW)
    {
      g_set_error (&local_error, RESLIB_ERROR, RESLIB_ERROR_TOO_NEW,
                   _("“%s” was written by a newer version of ResLib Studio: update the program to open it"),
                   self->db_path);
      goto failed;
    }

  /* Rows an earlier program left without their record (foreign keys have always been on: none) do not
   * stop an upgrade. */
  {
    g_autofree char *broken = _reslib_store_query_text (self, "SELECT count (*) FROM pragma_foreign_key_check", NULL,
                                                        &local_error);

    if (broken == NULL)
      goto failed;
    n_broken = g_ascii_strtoll (broken, NULL, 10);
  }

  for (guint i = 0; i < G_N_ELEMENTS (migrations); i++)
    {
      g_autoptr(GBytes) sql = NULL;

      if (version >= migrations[i].version)
        continue;
      sql = g_resource_lookup_data (reslib_core_get_resource (), migrations[i].resource,
                                    G_RESOURCE_LOOKUP_FLAGS_NONE, &local_error);
      if (sql == NULL)
        goto failed;
      g_debug ("Migrating %s to version %d", self->db_path, migrations[i].version);
      if (!_reslib_store_exec_script (self, g_bytes_get_data (sql, NULL), &local_error))
        {
          /* Translators: put before the reason, e.g. "Upgrading the database failed: disk full" */
          g_prefix_error (&local_error, _("Upgrading the database failed: "));
          goto failed;
        }
    }

  /* The rows an upgrade left without the record they refer to: none, or it is undone. */
  {
    g_autofree char *broken = _reslib_store_query_text (self, "SELECT count (*) FROM pragma_foreign_key_check", NULL,
                                                        &local_error);

    if (broken == NULL)
      goto failed;
    if (g_ascii_strtoll (broken, NULL, 10) > n_broken)
      {
        g_set_error (&local_error, RESLIB_ERROR, RESLIB_ERROR_CORRUPT,
                     /* Translators: %s is a number of rows */
                     _("Upgrading the database failed: %s rows would refer to records that are not there; nothing was changed"),
                     broken);
        goto failed;
      }
  }

  if (version != RESLIB_STORE_VERSION_NOW || app_id != RESLIB_STORE_APPLICATION_ID)
    {
      g_autofree char *sql = g_strdup_printf ("PRAGMA application_id = %d; PRAGMA user_version = %d;",
                                              RESLIB_STORE_APPLICATION_ID, RESLIB_STORE_VERSION_NOW);
      if (!_reslib_store_exec_script (self, sql, &local_error))
        goto failed;
    }

  if (!reslib_store_commit (self, error))
    {
      _reslib_store_exec_script (self, "PRAGMA foreign_keys = ON", NULL);
      return FALSE;
    }

  return _reslib_store_exec_script (self, "PRAGMA foreign_keys = ON", error);

failed:
  reslib_store_rollback (self);
  _reslib_store_exec_script (self, "PRAGMA foreign_keys = ON", NULL);
  g_propagate_error (error, g_steal_pointer (&local_error));
  return FALSE;
}
