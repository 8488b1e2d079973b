/* reslib-store-projects.c — creating a project with its core major
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "reslib-entity.h"
#include "reslib-error.h"
#include "reslib-store-private.h"

/* The date @months months after @date, then @days days on (negative: back). */
static char *
add_months (const char *date,
            guint       months,
            int         days)
{
  GDate d;
  char buf[16];

  if (!reslib_parse_date (date, &d))
    return NULL;
  g_date_add_months (&d, months);
  if (days < 0)
    g_date_subtract_days (&d, (guint) -days);
  else
    g_date_add_days (&d, (guint) days);
  g_date_strftime (buf, sizeof buf, "%Y-%m-%d", &d);

  return g_strdup (buf);
}

/**
 * reslib_store_create_project:
 * @level: (nullable): "secondary" or "higher" (the default)
 * @start_date: (nullable): YYYY-MM-DD; the end date is set one year later, the Chinese way: the day
 *   before the anniversary (2026-12-01 to 2027-11-30), as the work plan's 建设期 "1 年" is written
 *
 * Creates a project with its core major in one transaction.
 *
 * Returns: (transfer full): the project's id.
 */
char *
reslib_store_create_project (ReslibStore *self,
                             const char  *name,
                             const char  *core_code,
                             const char  *core_name,
                             const char  *level,
                             const char  *start_date,
                             GError     **error)
{
  g_autofree char *end_date = NULL;
  g_autofree char *id = NULL;
  g_autofree char *major = NULL;

  g_return_val_if_fail (RESLIB_IS_STORE (self), NULL);

  if (name == NULL || *name == '\0' || g_ascii_isspace (*name))
    {
      g_set_error_literal (error, RESLIB_ERROR, RESLIB_ERROR_INVALID, _("A project needs a name"));
      return NULL;
    }
  if (core_code == NULL || core_name == NULL || *core_code == '\0' || *core_name == '\0')
    {
      g_set_error_literal (error, RESLIB_ERROR, RESLIB_ERROR_INVALID, _("A project needs its core major as CODE:NAME"));
      return NULL;
    }
  if (start_date != NULL)
    end_date = add_months (start_date, 12, -1);

  if (!reslib_store_begin (self, error))
    return NULL;
  id = _reslib_store_insert_record (self, RESLIB_KIND_PROJECT,
                                    (const char * const[]) { "name", "level", "start_date", "end_date", NULL },
                                    (const char * const[]) { name, level ? level : "higher", start_date, end_date }, error);
  if (id != NULL)
    major = _reslib_store_insert_record (self, RESLIB_KIND_MAJOR,
                                         (const char * const[]) { "project_id", "role", "code", "name", NULL },
                                         (const char * const[]) { id, "core", core_code, core_name }, error);
  if (major == NULL)
    {
      reslib_store_rollback (self);
      return NULL;
    }
  if (!reslib_store_commit (self, error))
    return NULL;

  return g_steal_pointer (&id);
}
