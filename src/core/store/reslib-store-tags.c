/* reslib-store-tags.c — a resource's tags and online address: the checks of the store's writes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "reslib-entity.h"
#include "reslib-error.h"
#include "reslib-labels.h"
#include "reslib-record.h"
#include "reslib-store-private.h"
#include "reslib-store-urls.h"

/* A resource has a file or an online address, never both, never neither. */
gboolean
_reslib_store_check_resource_url (ReslibRecord  *resource,
                                  const char    *url,
                                  GError       **error)
{
  gboolean online = reslib_record_get (resource, "blob_sha256") == NULL;

  if (online && (url == NULL || *url == '\0'))
    {
      g_set_error (error, RESLIB_ERROR, RESLIB_ERROR_INVALID,
                   _("The online resource “%s” needs its address: it has no file"), reslib_record_get (resource, "title"));
      return FALSE;
    }
  if (!online && url != NULL && *url != '\0')
    {
      g_set_error (error, RESLIB_ERROR, RESLIB_ERROR_INVALID,
                   _("The resource “%s” has a file: only an online resource (one without a file) has an address"),
                   reslib_record_get (resource, "title"));
      return FALSE;
    }

  return TRUE;
}

/* A tag as the user wrote it (课程思政, 思政, ideological…) becomes the stored word. "1+X" is not a tag: a
 * resource is for 1+X when it names its certificate, so it is taken (and dropped from the list) only when the
 * resource names one. */
gboolean
_reslib_store_tag_value (ReslibStore  *self,
                         const char   *resource_id,
                         char        **value,
                         GError      **error)
{
  const char *tag = reslib_tag_parse (*value);
  g_autofree char *certificate = NULL;

  if (tag != NULL)
    {
      g_free (*value);
      *value = g_strdup (tag);
      return TRUE;
    }
  if (g_ascii_strcasecmp (*value, "1+X") == 0)
    {
      certificate = _reslib_store_query_text (self, "SELECT certificate FROM resources WHERE id = ? AND certificate IS NOT NULL",
                                              (const char * const[]) { resource_id, NULL }, NULL);
      if (certificate != NULL)
        {
          g_clear_pointer (value, g_free);
          return TRUE;
        }
      g_set_error (error, RESLIB_ERROR, RESLIB_ERROR_INVALID,
                   _("A resource is for 1+X when it names its certificate: set its 1+X certificate (certificate=NAME)"));
      return FALSE;
    }
  g_set_error (error, RESLIB_ERROR, RESLIB_ERROR_INVALID, _("“%s” is not a tag: use %s, %s or %s"), *value,
               reslib_label_tag_document ("ideological"), reslib_label_tag_document ("entrepreneurship"),
               reslib_label_tag_document ("vocational-training"));
  return FALSE;
}

/**
 * reslib_store_find_bad_urls:
 * @project_id: a project's full id
 * @resource_ids: (nullable) (array zero-terminated=1): only these resources; %NULL for all of the project's
 * @n_bad: (out): how many online resources have an address reslib_url_check() refuses
 * @first_title: (out) (transfer full) (optional): the title of the first of them, or %NULL
 *
 * The online resources whose address the store would refuse today, stored before it did (an address over
 * 2,048 bytes was taken before 0fa1765): a package carrying one would be refused by verify and import.
 * Only the project's online resources are read, however many resources it has.
 *
 * Returns: %TRUE, or %FALSE with @error set
 */
gboolean
reslib_store_find_bad_urls (ReslibStore         *store,
                            const char          *project_id,
                            const char * const  *resource_ids,
                            guint               *n_bad,
                            char               **first_title,
                            GError             **error)
{
  g_autoptr(ReslibStatement) stmt = NULL;
  g_autoptr(GHashTable) wanted = NULL;
  g_autofree char *first = NULL;

  g_return_val_if_fail (RESLIB_IS_STORE (store), FALSE);
  g_return_val_if_fail (project_id != NULL, FALSE);
  g_return_val_if_fail (n_bad != NULL, FALSE);

  *n_bad = 0;
  if (resource_ids != NULL)
    {
      wanted = g_hash_table_new (g_str_hash, g_str_equal);
      for (guint i = 0; resource_ids[i] != NULL; i++)
        g_hash_table_add (wanted, (gpointer) resource_ids[i]);
    }
  stmt = reslib_statement_new (store,
                               "SELECT id, title, url FROM resources WHERE project_id = ? AND url IS NOT NULL "
                               "AND blob_sha256 IS NULL ORDER BY title, id", error);
  if (stmt == NULL)
    return FALSE;
  reslib_statement_bind_text (stmt, 1, project_id);
  while (reslib_statement_step (stmt, error))
    {
      const char *id = reslib_statement_get_text (stmt, 0);

      if ((wanted != NULL && !g_hash_table_contains (wanted, id)) ||
          reslib_url_check (reslib_statement_get_text (stmt, 2), NULL))
        continue;
      if (first == NULL)
        first = reslib_statement_dup_text (stmt, 1);
      (*n_bad)++;
    }
  if (reslib_statement_failed (stmt))
    return FALSE;
  if (first_title != NULL)
    *first_title = g_steal_pointer (&first);

  return TRUE;
}
