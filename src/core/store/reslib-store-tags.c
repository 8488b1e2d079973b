/* reslib-store-tags.c — a resource's tags and online address: the checks of the store's writes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "reslib-error.h"
#include "reslib-labels.h"
#include "reslib-record.h"
#include "reslib-store-private.h"

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
