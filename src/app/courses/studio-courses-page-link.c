/* studio-courses-page-link.c — the Courses page links resources dropped on a module or point
 *
 * Resources dragged from the Resources page (their ids, G_TYPE_STRV) and dropped on a node of the
 * tree are linked to it, besides the nodes they have, as one undoable step; the counts follow at once
 * (the store's ::changed reloads the tree).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "reslib-error.h"
#include "studio-courses-page-private.h"

/**
 * studio_courses_page_link_resources:
 * @resource_ids: (array zero-terminated=1): the resources dropped
 * @node_id: the module or point they were dropped on
 *
 * Links the resources to the node (each keeps its other nodes), as one undoable step.
 *
 * Returns: %TRUE, or %FALSE with @error set and nothing changed
 */
gboolean
studio_courses_page_link_resources (StudioCoursesPage  *self,
                                    const char * const *resource_ids,
                                    const char         *node_id,
                                    GError            **error)
{
  ReslibStore *store = studio_page_get_store (STUDIO_PAGE (self));
  g_autoptr(ReslibRecord) node = NULL;
  g_autoptr(ReslibUndoStep) step = NULL;
  g_autofree char *message = NULL;
  guint n;

  g_return_val_if_fail (STUDIO_IS_COURSES_PAGE (self), FALSE);
  g_return_val_if_fail (resource_ids != NULL && node_id != NULL, FALSE);

  n = g_strv_length ((char **) resource_ids);
  if (store == NULL || n == 0)
    {
      g_set_error_literal (error, RESLIB_ERROR, RESLIB_ERROR_INVALID, _("No resource was dropped"));
      return FALSE;
    }
  node = reslib_store_get (store, RESLIB_KIND_NODE, node_id, NULL);
  if (node == NULL)
    {
      g_set_error_literal (error, RESLIB_ERROR, RESLIB_ERROR_INVALID,
                           _("Resources are linked to modules and points, not to a course: drop them on one of its rows below"));
      return FALSE;
    }
  step = reslib_store_update_undoable (store, RESLIB_KIND_RESOURCE, resource_ids,
                                       (const char * const[]) { "nodes", NULL },
                                       (const char * const[]) { node_id, NULL }, error);
  if (step == NULL)
    return FALSE;

  /* Translators: after resources were dropped on a course node; %u is how many, %s the node's title */
  message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u resource linked to “%s”", "%u resources linked to “%s”", n),
                             n, reslib_record_get (node, "title"));
  studio_page_push_undo (STUDIO_PAGE (self), step, message, message);

  return TRUE;
}
