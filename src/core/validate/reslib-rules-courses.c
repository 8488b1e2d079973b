/* reslib-rules-courses.c — the rules on the courses and their trees
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "reslib-labels.h"
#include "reslib-probe.h"
#include "reslib-validator-private.h"

/* ---------------------------------------------------------------------------------------------- */
/* Courses                                                                                         */

void
_reslib_rules_courses (Run *run)
{
  const ReslibRule *nodes_rule = RULE (run, "course.nodes");
  const ReslibRule *points_rule = RULE (run, "course.points.resources");
  const ReslibRule *cert_rule = RULE (run, "course.certificate");
  JsonArray *certificates = reslib_profile_get_array (run->profile, "certificates");

  for (guint i = 0; i < g_list_model_get_n_items (run->courses); i++)
    {
      g_autoptr(ReslibRecord) course = g_list_model_get_item (run->courses, i);
      g_autoptr(GListModel) nodes = reslib_store_list (run->store, RESLIB_KIND_NODE, reslib_record_get_id (course), NULL);
      const char *kind = reslib_record_get (course, "kind");

      const char *certificate = reslib_record_get (course, "certificate");
      /* A profile written before schema 12 names the standardized courses "structured" */
      gboolean listed = nodes_rule != NULL &&
                        (reslib_rule_list_contains (nodes_rule, "course_kinds", kind) ||
                         (g_strcmp0 (kind, "standardized") == 0 &&
                          reslib_rule_list_contains (nodes_rule, "course_kinds", "structured")));

      if (listed && (nodes == NULL || g_list_model_get_n_items (nodes) == 0))
        add (run, "course.nodes", course, _("Break the course into modules and knowledge and skill points on the Courses page"),
             _("The course “%s” has no modules or points"), record_title (course));

      for (guint j = 0; points_rule != NULL && nodes != NULL && j < g_list_model_get_n_items (nodes); j++)
        {
          g_autoptr(ReslibRecord) node = g_list_model_get_item (nodes, j);
          const char *node_kind = reslib_record_get (node, "kind");
          guint uses = GPOINTER_TO_UINT (g_hash_table_lookup (run->node_uses, reslib_record_get_id (node)));

          if ((g_strcmp0 (node_kind, "knowledge") == 0 || g_strcmp0 (node_kind, "skill") == 0) &&
              uses < (guint) reslib_rule_int (points_rule, "min", 1))
            add (run, "course.points.resources", node, _("Link resources to this point, or remove the point"),
                 g_strcmp0 (node_kind, "knowledge") == 0 ? _("The knowledge point “%s” (course “%s”) has no resource")
                                                         : _("The skill point “%s” (course “%s”) has no resource"),
                 record_title (node), record_title (course));
        }

      if (cert_rule != NULL && certificate != NULL && *certificate != '\0')
        {
          if (!certificate_known (certificates, certificate))
            add (run, "course.certificate", course,
                 _("Write the certificate’s name as the profile’s list has it, or add the certificate to the list"),
                 _("The 1+X certificate “%s” of the course “%s” is not in the profile’s list"), certificate,
                 record_title (course));
        }
    }
}
