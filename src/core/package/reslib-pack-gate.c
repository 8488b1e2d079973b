/* reslib-pack-gate.c — what keeps a package from being built: an online resource whose address verify and
 * import refuse (any kind), the checks' errors for an application, the resources not approved for progress
 * and acceptance packages
 *
 * Every package that goes to the province holds reviewed resources (the profile's resource.approved rule
 * says which kinds: application, progress and acceptance in henan-2024). An application package is also
 * held to every other error of the checks; a progress or acceptance package only to the review, so that
 * a report is not blocked by what the application had to show. A contribution travels inside the
 * project, before review.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "reslib-error.h"
#include "reslib-labels.h"
#include "reslib-package-private.h"
#include "reslib-profile.h"
#include "reslib-record.h"
#include "reslib-store.h"
#include "reslib-store-urls.h"
#include "reslib-validator.h"

static gboolean
check_application (ReslibStore   *store,
                   const char    *project_id,
                   ReslibProfile *profile,
                   GCancellable  *cancellable,
                   GError       **error)
{
  g_autoptr(ReslibValidator) validator = NULL;
  g_autoptr(GListModel) findings = NULL;
  guint n_errors;

  validator = reslib_validator_new (store, project_id, profile);
  reslib_validator_set_package_kind (validator, "application");
  if (!reslib_job_run (RESLIB_JOB (validator), cancellable, error))
    return FALSE;
  findings = g_object_ref (reslib_validator_get_findings (validator));
  n_errors = reslib_findings_count (findings, RESLIB_SEVERITY_ERROR);
  if (n_errors > 0)
    {
      g_set_error (error, RESLIB_ERROR, RESLIB_ERROR_CHECKS_FAILED,
                   ngettext ("The project has %u error that blocks an application package: "
                             "fix what the checks report first",
                             "The project has %u errors that block an application package: "
                             "fix what the checks report first", n_errors),
                   n_errors);
      return FALSE;
    }

  return TRUE;
}

/* The title of the first resource of @ids not approved, counting them in @n when @count. */
static gboolean
find_unapproved (ReslibStore         *store,
                 const char * const  *ids,
                 gboolean             count,
                 guint               *n,
                 char               **first,
                 GError             **error)
{
  for (guint i = 0; ids[i] != NULL; i++)
    {
      g_autoptr(ReslibRecord) resource = reslib_store_get (store, RESLIB_KIND_RESOURCE, ids[i], error);

      if (resource == NULL)
        return FALSE;
      if (g_strcmp0 (reslib_record_get (resource, "state"), "approved") == 0)
        continue;
      if (*first == NULL)
        *first = g_strdup (reslib_record_get (resource, "title"));
      if (!count)
        break;
      (*n)++;
    }

  return TRUE;
}

/* How many of the package's resources are not approved, and the title of the first of them. The whole
 * project's are counted in one query: a package of 100,000 approved resources reads no record here. */
static gboolean
count_unapproved (ReslibStore         *store,
                  const char          *project_id,
                  const char * const  *resource_ids,
                  guint               *n,
                  char               **first,
                  GError             **error)
{
  g_autoptr(GHashTable) counts = NULL;
  g_autoptr(GPtrArray) all_ids = NULL;
  GHashTableIter iter;
  gpointer key, value;

  *n = 0;
  if (resource_ids != NULL)
    return find_unapproved (store, resource_ids, TRUE, n, first, error);

  counts = reslib_store_count_resources_by (store, project_id, "state", error);
  if (counts == NULL)
    return FALSE;
  g_hash_table_iter_init (&iter, counts);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (g_strcmp0 (key, "approved") != 0)
      *n += GPOINTER_TO_UINT (value);
  if (*n == 0)
    return TRUE;
  all_ids = reslib_store_list_resource_ids (store, project_id, error);
  if (all_ids == NULL)
    return FALSE;
  g_ptr_array_add (all_ids, NULL);

  return find_unapproved (store, (const char * const *) all_ids->pdata, FALSE, n, first, error);
}

static gboolean
check_approved (ReslibStore         *store,
                const char          *project_id,
                const char          *kind,
                const char * const  *resource_ids,
                ReslibProfile       *profile,
                GError             **error)
{
  const ReslibRule *rule = reslib_profile_get_rule (profile, "resource.approved");
  g_autofree char *first = NULL;
  guint n;

  if (rule == NULL || rule->severity != RESLIB_SEVERITY_ERROR ||
      !reslib_rule_list_contains (rule, "package_kinds", kind))
    return TRUE;
  if (!count_unapproved (store, project_id, resource_ids, &n, &first, error))
    return FALSE;
  if (n == 0)
    return TRUE;

  g_set_error (error, RESLIB_ERROR, RESLIB_ERROR_CHECKS_FAILED,
               /* Translators: %u resources, then the first one's title, then the package kind (进展报告包 …) */
               ngettext ("%u resource of the package is not approved (“%s”): a package of this kind (%s) holds "
                         "approved resources only; have it reviewed first",
                         "%u resources of the package are not approved (the first: “%s”): a package of this kind "
                         "(%s) holds approved resources only; have them reviewed first", n),
               n, first, reslib_label_package_kind (kind));

  return FALSE;
}

/* An address over 2,048 bytes, stored before the store refused it, would be written into the package and then
 * refused by verify and by every import: the package is not built, and the resource is named. */
static gboolean
check_urls (ReslibStore         *store,
            const char          *project_id,
            const char * const  *resource_ids,
            GError             **error)
{
  g_autofree char *first = NULL;
  guint n = 0;

  if (!reslib_store_find_bad_urls (store, project_id, resource_ids, &n, &first, error))
    return FALSE;
  if (n == 0)
    return TRUE;
  g_set_error (error, RESLIB_ERROR, RESLIB_ERROR_CHECKS_FAILED,
               /* Translators: %u online resources, then the first one's title */
               ngettext ("%u online resource has an address no package can carry (“%s”): write its address "
                         "again (at most 2,048 bytes, http or https), as the checks’ “Addresses of online "
                         "resources” say",
                         "%u online resources have an address no package can carry (the first: “%s”): write "
                         "their addresses again (at most 2,048 bytes, http or https), as the checks’ "
                         "“Addresses of online resources” say", n),
               n, first);
  return FALSE;
}

/**
 * _reslib_pack_gate:
 * @kind: the package kind
 * @resource_ids: (nullable): the resources the package holds; %NULL for all of the project's
 * @profile: (nullable): the rule profile; %NULL for the built-in one
 *
 * Whether a package of @kind may be built: none while one of its online resources has an address that verify
 * and import refuse; an application package when the checks find no error, a progress
 * or an acceptance package when its resources are approved (where the profile's resource.approved applies
 * to the kind), a contribution always.
 *
 * Returns: %TRUE when it may; %FALSE with %RESLIB_ERROR_CHECKS_FAILED (or another error) set
 */
gboolean
_reslib_pack_gate (ReslibStore         *store,
                   const char          *project_id,
                   const char          *kind,
                   const char * const  *resource_ids,
                   ReslibProfile       *profile,
                   GCancellable        *cancellable,
                   GError             **error)
{
  g_autoptr(ReslibProfile) default_profile = NULL;

  if (!check_urls (store, project_id, resource_ids, error))
    return FALSE;
  if (g_strcmp0 (kind, "contribution") == 0)
    return TRUE;
  if (profile == NULL)
    {
      default_profile = reslib_profile_load_default (error);
      if (default_profile == NULL)
        return FALSE;
      profile = default_profile;
    }
  if (g_strcmp0 (kind, "application") == 0)
    return check_application (store, project_id, profile, cancellable, error);

  return check_approved (store, project_id, kind, resource_ids, profile, error);
}
