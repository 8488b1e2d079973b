/* studio-courses-page-move.c — the Courses page: moving courses and nodes
 *
 * A course moves among the courses; a node moves within its course, under another parent or to
 * another place among its siblings, never below itself. Each move is one transaction of
 * reslib-store-courses; the tree is then read again and the moved record selected.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "reslib-store-courses.h"
#include "studio-courses-page-private.h"

gboolean
_studio_courses_page_move_record (StudioCoursesPage *self,
                                  ReslibRecord      *record,
                                  const char        *parent_id,
                                  guint              index)
{
  ReslibStore *store = studio_page_get_store (STUDIO_PAGE (self));
  g_autoptr(GError) error = NULL;
  g_autofree char *id = g_strdup (reslib_record_get_id (record));
  gboolean ok;

  if (_studio_courses_page_is_node (record))
    ok = reslib_store_move_node (store, id, parent_id, index, &error);
  else
    ok = reslib_store_move_course (store, id, index, &error);
  if (!ok)
    {
      studio_page_toast (STUDIO_PAGE (self), error->message);
      _studio_courses_page_reload_now (self);
      return FALSE;
    }
  _studio_courses_page_reload_now (self);
  studio_courses_page_select (self, id);

  return TRUE;
}

static ReslibRecord *
get_record (StudioCoursesPage *self,
            const char        *id)
{
  ReslibStore *store = studio_page_get_store (STUDIO_PAGE (self));
  ReslibRecord *record;

  if (store == NULL || id == NULL)
    return NULL;
  record = reslib_store_get (store, RESLIB_KIND_NODE, id, NULL);
  if (record == NULL)
    record = reslib_store_get (store, RESLIB_KIND_COURSE, id, NULL);
  return record;
}

static guint
index_after (StudioCoursesPage *self,
             GListModel        *siblings,
             const char        *target_id,
             const char        *source_id)
{
  guint index = 0;

  /* Counted without the moved record, as the store counts. */
  for (guint i = 0; siblings != NULL && i < g_list_model_get_n_items (siblings); i++)
    {
      g_autoptr(ReslibRecord) record = g_list_model_get_item (siblings, i);

      if (g_strcmp0 (reslib_record_get_id (record), source_id) == 0)
        continue;
      index++;
      if (g_strcmp0 (reslib_record_get_id (record), target_id) == 0)
        return index;
    }

  return G_MAXUINT;
}

gboolean
studio_courses_page_drop (StudioCoursesPage  *self,
                          const char         *source_id,
                          const char         *target_id,
                          StudioDropPosition  where,
                          GError            **error)
{
  ReslibStore *store = studio_page_get_store (STUDIO_PAGE (self));
  g_autoptr(ReslibRecord) source = NULL;
  g_autoptr(ReslibRecord) target = NULL;
  g_autoptr(GError) local_error = NULL;
  const char *parent_id = NULL;
  guint index = G_MAXUINT;
  gboolean ok;

  g_return_val_if_fail (STUDIO_IS_COURSES_PAGE (self), FALSE);

  if (!studio_page_get_lead (STUDIO_PAGE (self)))
    {
      g_set_error_literal (error, RESLIB_ERROR, RESLIB_ERROR_INVALID,
                           _("Only the lead changes the course tree: it comes with the lead's packages"));
      return FALSE;
    }
  source = get_record (self, source_id);
  target = get_record (self, target_id);
  if (source == NULL || target == NULL || store == NULL)
    {
      g_set_error_literal (error, RESLIB_ERROR, RESLIB_ERROR_NOT_FOUND,
                           _("Only courses and nodes of this tree can be dropped here"));
      return FALSE;
    }
  if (g_strcmp0 (source_id, target_id) == 0)
    return TRUE;

  if (!_studio_courses_page_is_node (source))
    {
      if (_studio_courses_page_is_node (target))
        {
          g_set_error (error, RESLIB_ERROR, RESLIB_ERROR_INVALID,
                       _("The course “%s” cannot go inside “%s”: courses stay at the top of the tree"),
                       reslib_record_get (source, "title"), reslib_record_get (target, "title"));
          return FALSE;
        }
      /* A course dropped on a course goes after it. */
      ok = reslib_store_move_course (store, source_id,
                                     index_after (self, G_LIST_MODEL (self->courses), target_id, source_id),
                                     &local_error);
    }
  else
    {
      const char *source_course = reslib_record_get (source, "course_id");
      const char *target_course = _studio_courses_page_is_node (target) ? reslib_record_get (target, "course_id")
                                                                        : target_id;

      if (g_strcmp0 (source_course, target_course) != 0)
        {
          ReslibRecord *course = _studio_courses_page_lookup_record (self, source_course);

          g_set_error (error, RESLIB_ERROR, RESLIB_ERROR_INVALID,
                       _("“%s” belongs to the course “%s” and cannot be moved to another course: "
                         "add a new node there instead"),
                       reslib_record_get (source, "title"), course != NULL ? reslib_record_get (course, "title") : "");
          return FALSE;
        }
      if (!_studio_courses_page_is_node (target))
        parent_id = NULL;   /* onto its course: the top level, last */
      else if (where == STUDIO_DROP_INTO)
        parent_id = target_id;
      else
        {
          parent_id = reslib_record_get (target, "parent_id");
          if (_studio_courses_page_is_blank (parent_id))
            parent_id = NULL;
          index = index_after (self, _studio_courses_page_siblings_of (self, target), target_id, source_id);
        }
      if (parent_id != NULL &&
          _studio_courses_page_is_within (self, _studio_courses_page_lookup_record (self, parent_id), source_id))
        {
          g_set_error (error, RESLIB_ERROR, RESLIB_ERROR_INVALID,
                       _("“%s” cannot be moved under “%s”, which is inside it"),
                       reslib_record_get (source, "title"), reslib_record_get (target, "title"));
          return FALSE;
        }
      ok = reslib_store_move_node (store, source_id, parent_id, index, &local_error);
    }

  if (!ok)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (parent_id != NULL)
    g_hash_table_remove (self->collapsed, parent_id);
  _studio_courses_page_reload_now (self);
  studio_courses_page_select (self, source_id);

  return TRUE;
}

static void
move_by (StudioCoursesPage *self,
         int                delta)
{
  g_autoptr(ReslibRecord) record = _studio_courses_page_get_selected (self);
  guint position = 0;

  if (record == NULL ||
      !_studio_courses_page_find_in (_studio_courses_page_siblings_of (self, record), reslib_record_get_id (record),
                                     &position))
    return;
  if ((delta < 0 && position == 0) ||
      (delta > 0 && position + 1 >= g_list_model_get_n_items (_studio_courses_page_siblings_of (self, record))))
    return;
  _studio_courses_page_move_record (self, record,
                                    _studio_courses_page_is_node (record) ? reslib_record_get (record, "parent_id") : NULL,
                                    position + delta);
}

void
_studio_courses_page_move_up_action (GtkWidget  *widget,
                                     const char *action_name,
                                     GVariant   *parameter)
{
  move_by (STUDIO_COURSES_PAGE (widget), -1);
}

void
_studio_courses_page_move_down_action (GtkWidget  *widget,
                                       const char *action_name,
                                       GVariant   *parameter)
{
  move_by (STUDIO_COURSES_PAGE (widget), 1);
}

