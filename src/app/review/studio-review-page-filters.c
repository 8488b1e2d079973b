/* studio-review-page-filters.c — the Review page's search and filters: which resources of the queue
 * are shown, and the choices of the unit, type, course and author filters
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "reslib-entity.h"
#include "reslib-labels.h"
#include "studio-review-page-private.h"

/* ---------------------------------------------------------------------------------------------- */
/* Search and filters                                                                              */

/* The value the drop-down's chosen item stands for: "" for any. */
static const char *
choice (GtkDropDown *dropdown,
        GPtrArray   *values)
{
  guint i = gtk_drop_down_get_selected (dropdown);

  return values != NULL && i < values->len ? g_ptr_array_index (values, i) : "";
}

static gboolean
in_course (StudioReviewPage *self,
           ReslibRecord     *resource,
           const char       *course)
{
  const char * const *nodes = reslib_record_get_list (resource, "nodes");

  for (guint i = 0; nodes != NULL && nodes[i] != NULL; i++)
    if (g_strcmp0 (g_hash_table_lookup (self->node_course, nodes[i]), course) == 0)
      return TRUE;
  return FALSE;
}

gboolean
_studio_review_page_filter (gpointer item,
                            gpointer data)
{
  StudioReviewPage *self = data;
  ReslibRecord *resource = item;
  const char *unit = choice (self->unit_filter, self->unit_ids);
  const char *type = choice (self->type_filter, self->type_ids);
  const char *course = choice (self->course_filter, self->course_ids);
  const char *author = choice (self->author_filter, self->authors);
  const char * const *authors = reslib_record_get_list (resource, "authors");

  if (*unit != '\0' && g_strcmp0 (reslib_record_get (resource, "unit_id"), unit) != 0)
    return FALSE;
  if (*type != '\0' && g_strcmp0 (reslib_record_get (resource, "type"), type) != 0)
    return FALSE;
  if (*course != '\0' && !in_course (self, resource, course))
    return FALSE;
  if (*author != '\0' && (authors == NULL || !g_strv_contains (authors, author)))
    return FALSE;
  if (self->search != NULL)
    {
      const char *haystack = g_hash_table_lookup (self->haystacks, reslib_record_get_id (resource));

      if (haystack == NULL || strstr (haystack, self->search) == NULL)
        return FALSE;
    }
  return TRUE;
}

guint
_studio_review_page_n_filters (StudioReviewPage *self)
{
  return (*choice (self->unit_filter, self->unit_ids) != '\0') +
         (*choice (self->type_filter, self->type_ids) != '\0') +
         (*choice (self->course_filter, self->course_ids) != '\0') +
         (*choice (self->author_filter, self->authors) != '\0');
}

/* The casefolded text the search looks in: title, authors, keywords, unit, points, file name
 * and description. */
char *
_studio_review_page_haystack_of (StudioReviewPage *self,
                                 ReslibRecord     *resource)
{
  g_autoptr(GString) text = g_string_new (reslib_record_get (resource, "title"));
  const char *lists[] = { "authors", "keywords", "nodes" };

  for (guint l = 0; l < G_N_ELEMENTS (lists); l++)
    {
      const char * const *values = reslib_record_get_list (resource, lists[l]);

      for (guint i = 0; values != NULL && values[i] != NULL; i++)
        {
          const char *name = l == 2 ? g_hash_table_lookup (self->nodes, values[i]) : values[i];

          g_string_append_printf (text, "\n%s", name != NULL ? name : "");
        }
    }
  g_string_append_printf (text, "\n%s\n%s\n%s", _studio_review_page_unit_name (self, resource),
                          reslib_record_get (resource, "file_name") ? reslib_record_get (resource, "file_name") : "",
                          reslib_record_get (resource, "description") ? reslib_record_get (resource, "description") : "");

  return g_utf8_casefold (text->str, -1);
}

/* Gives @dropdown the choices @labels (the first is "any"), standing for @values (transfer full;
 * the first is ""), and keeps the value chosen before when it is still there. */
static void
set_choices (GtkDropDown  *dropdown,
             GPtrArray   **values,
             GPtrArray    *new_values,
             GPtrArray    *labels)
{
  g_autofree char *previous = g_strdup (choice (dropdown, *values));
  g_autoptr(GtkStringList) list = gtk_string_list_new (NULL);
  guint selected = 0;

  for (guint i = 0; i < labels->len; i++)
    {
      const char *label = g_ptr_array_index (labels, i);

      gtk_string_list_append (list, label != NULL ? label : "");
      if (i > 0 && strcmp (g_ptr_array_index (new_values, i), previous) == 0)
        selected = i;
    }
  g_clear_pointer (values, g_ptr_array_unref);
  *values = new_values;
  gtk_drop_down_set_model (dropdown, G_LIST_MODEL (list));
  gtk_drop_down_set_selected (dropdown, selected);
}

static int
compare_collated (gconstpointer a,
                  gconstpointer b)
{
  return g_utf8_collate (*(const char * const *) a, *(const char * const *) b);
}

/* The filters' choices: the project's units and courses, the resource types, and the authors of
 * the resources in the queue. */
void
_studio_review_page_update_choices (StudioReviewPage *self,
                                    GListModel       *units,
                                    GListModel       *courses,
                                    GListModel       *model)
{
  GPtrArray *values;
  g_autoptr(GPtrArray) labels = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  values = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (values, g_strdup (""));
  g_ptr_array_add (labels, g_strdup (_("All units")));
  for (guint i = 0; units != NULL && i < g_list_model_get_n_items (units); i++)
    {
      g_autoptr(ReslibRecord) unit = g_list_model_get_item (units, i);

      g_ptr_array_add (values, g_strdup (reslib_record_get_id (unit)));
      g_ptr_array_add (labels, g_strdup (g_hash_table_lookup (self->units, reslib_record_get_id (unit))));
    }
  set_choices (self->unit_filter, &self->unit_ids, values, labels);

  values = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_set_size (labels, 0);
  g_ptr_array_add (values, g_strdup (""));
  g_ptr_array_add (labels, g_strdup (_("All types")));
  for (guint i = 0; reslib_resource_types[i] != NULL; i++)
    {
      g_ptr_array_add (values, g_strdup (reslib_resource_types[i]));
      g_ptr_array_add (labels, g_strdup (reslib_label_resource_type (reslib_resource_types[i])));
    }
  set_choices (self->type_filter, &self->type_ids, values, labels);

  values = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_set_size (labels, 0);
  g_ptr_array_add (values, g_strdup (""));
  g_ptr_array_add (labels, g_strdup (_("All courses")));
  for (guint i = 0; courses != NULL && i < g_list_model_get_n_items (courses); i++)
    {
      g_autoptr(ReslibRecord) course = g_list_model_get_item (courses, i);

      g_ptr_array_add (values, g_strdup (reslib_record_get_id (course)));
      g_ptr_array_add (labels, g_strdup (reslib_record_get (course, "title")));
    }
  set_choices (self->course_filter, &self->course_ids, values, labels);

  values = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; model != NULL && i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(ReslibRecord) resource = g_list_model_get_item (model, i);
      const char * const *authors = reslib_record_get_list (resource, "authors");

      for (guint j = 0; authors != NULL && authors[j] != NULL; j++)
        if (g_hash_table_add (seen, g_strdup (authors[j])))
          g_ptr_array_add (values, g_strdup (authors[j]));
    }
  g_ptr_array_sort (values, compare_collated);
  g_ptr_array_insert (values, 0, g_strdup (""));
  g_ptr_array_set_size (labels, 0);
  g_ptr_array_add (labels, g_strdup (_("All authors")));
  for (guint i = 1; i < values->len; i++)
    g_ptr_array_add (labels, g_strdup (g_ptr_array_index (values, i)));
  set_choices (self->author_filter, &self->authors, values, labels);
}
