/* studio-review-page-details.c — the Review page's details pane: the selected resource's metadata and
 * media facts, read-only, and the decision buttons' counts
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "reslib-labels.h"
#include "reslib-probe.h"
#include "studio-media-facts.h"
#include "studio-review-page-private.h"

/* An ISO 8601 time as the user's local "YYYY-MM-DD HH:MM". */
char *
_studio_review_page_format_time (const char *iso)
{
  g_autoptr(GDateTime) utc = iso != NULL ? g_date_time_new_from_iso8601 (iso, NULL) : NULL;
  g_autoptr(GDateTime) local = utc != NULL ? g_date_time_to_local (utc) : NULL;

  if (local == NULL)
    return g_strdup (iso != NULL ? iso : "");
  return g_date_time_format (local, "%Y-%m-%d %H:%M");
}

/* @values joined for reading, each replaced by its name in @names when it has one. */
char *
_studio_review_page_join_list (const char * const *values,
                               GHashTable         *names)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; values != NULL && values[i] != NULL; i++)
    {
      const char *name = names != NULL ? g_hash_table_lookup (names, values[i]) : NULL;

      if (text->len > 0)
        /* Translators: between the items of a list, e.g. of authors */
        g_string_append (text, _(", "));
      g_string_append (text, name != NULL ? name : values[i]);
    }

  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
set_detail (StudioReviewPage *self,
            Detail            detail,
            const char       *value)
{
  gboolean shown = value != NULL && *value != '\0';

  adw_action_row_set_subtitle (self->details[detail], shown ? value : "");
  gtk_widget_set_visible (GTK_WIDGET (self->details[detail]), shown);
}

/* The media facts the checks use, in one line; NULL for a file that is not audio, video or an image. */
static char *
media_facts (StudioReviewPage *self,
             ReslibRecord     *resource)
{
  ReslibStore *store = studio_page_get_store (STUDIO_PAGE (self));
  const char *sha256 = reslib_record_get (resource, "blob_sha256");
  g_autoptr(ReslibProbeInfo) info = NULL;

  if (store == NULL || sha256 == NULL || !reslib_probe_is_media_type (reslib_record_get (resource, "mime_type")))
    return NULL;
  info = reslib_store_get_probe (store, sha256, NULL);
  if (info == NULL)
    return g_strdup (_("Not read yet: Run Checks reads the media files"));

  return studio_media_facts_text (info);
}

static void
update_buttons (StudioReviewPage *self,
                guint             n_selected)
{
  g_autofree char *approve = NULL;
  g_autofree char *reject = NULL;
  g_autofree char *all = NULL;

  /* Translators: %u is how many resources are selected (more than one) */
  approve = n_selected > 1 ? g_strdup_printf (_("_Approve (%u)"), n_selected) : g_strdup (_("_Approve"));
  /* Translators: %u is how many resources are selected (more than one) */
  reject = n_selected > 1 ? g_strdup_printf (_("_Reject (%u)"), n_selected) : g_strdup (_("_Reject"));
  /* Translators: %u is how many resources the queue shows */
  all = g_strdup_printf (_("Approve A_ll (%u)"), _studio_review_page_queue_length (self));
  gtk_button_set_label (self->approve_button, approve);
  gtk_button_set_label (self->reject_button, reject);
  adw_button_content_set_label (ADW_BUTTON_CONTENT (gtk_button_get_child (self->approve_all_button)), all);
}

void
_studio_review_page_update_details (StudioReviewPage *self)
{
  g_autoptr(GtkBitset) set = gtk_selection_model_get_selection (GTK_SELECTION_MODEL (self->selection));
  guint n_selected = (guint) gtk_bitset_get_size (set);
  g_autoptr(ReslibRecord) resource = NULL;
  g_autofree char *authors = NULL;
  g_autofree char *keywords = NULL;
  g_autofree char *nodes = NULL;
  g_autofree char *size = NULL;
  g_autofree char *time = NULL;
  g_autofree char *media = NULL;

  update_buttons (self, n_selected);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "review.approve", n_selected > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "review.reject", n_selected > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "review.approve-all", _studio_review_page_queue_length (self) > 0);
  gtk_widget_set_sensitive (self->decision_box, n_selected > 0);

  if (n_selected != 1)
    _studio_review_page_update_level (self, NULL);
  if (n_selected == 0)
    {
      adw_preferences_group_set_title (self->details_group, _("Nothing Selected"));
      adw_preferences_group_set_description (self->details_group,
                                             _studio_review_page_queue_length (self) > 0
                                               ? _("Select a resource in the queue to review it.")
                                               : NULL);
      for (guint i = 0; i < N_DETAILS; i++)
        set_detail (self, i, NULL);
      return;
    }
  if (n_selected > 1)
    {
      g_autofree char *title = g_strdup_printf (_("Selected resources: %u"), n_selected);

      adw_preferences_group_set_title (self->details_group, title);
      adw_preferences_group_set_description (self->details_group,
                                             _("Approve or Reject acts on every selected resource."));
      for (guint i = 0; i < N_DETAILS; i++)
        set_detail (self, i, NULL);
      return;
    }

  resource = g_list_model_get_item (_studio_review_page_queue (self), gtk_bitset_get_minimum (set));
  adw_preferences_group_set_title (self->details_group, reslib_record_get (resource, "title"));
  adw_preferences_group_set_description (self->details_group, NULL);
  authors = _studio_review_page_join_list (reslib_record_get_list (resource, "authors"), NULL);
  keywords = _studio_review_page_join_list (reslib_record_get_list (resource, "keywords"), NULL);
  nodes = _studio_review_page_join_list (reslib_record_get_list (resource, "nodes"), self->nodes);
  size = g_format_size ((guint64) MAX (0, reslib_record_get_int (resource, "size", 0)));
  time = _studio_review_page_format_time (g_hash_table_lookup (self->submitted, reslib_record_get_id (resource)));

  set_detail (self, DETAIL_TYPE, reslib_label_resource_type (reslib_record_get (resource, "type")));
  set_detail (self, DETAIL_AUTHORS, authors);
  set_detail (self, DETAIL_UNIT, _studio_review_page_unit_name (self, resource));
  set_detail (self, DETAIL_FILE, reslib_record_get (resource, "file_name"));
  set_detail (self, DETAIL_SIZE, size);
  media = media_facts (self, resource);
  set_detail (self, DETAIL_MEDIA, media);
  set_detail (self, DETAIL_ORIGIN, reslib_label_resource_origin (reslib_record_get (resource, "origin")));
  set_detail (self, DETAIL_LICENSE, reslib_record_get (resource, "license"));
  set_detail (self, DETAIL_KEYWORDS, keywords);
  set_detail (self, DETAIL_NODES, nodes);
  set_detail (self, DETAIL_SUBMITTED, time);
  set_detail (self, DETAIL_DESCRIPTION, reslib_record_get (resource, "description"));
  _studio_review_page_update_level (self, resource);
}

/* The rows of the details pane, one per Detail, hidden while empty. */
void
_studio_review_page_init_details (StudioReviewPage *self)
{
  static const struct
  {
    const char *title;
  } details[N_DETAILS] = {
    { N_("Type") }, { N_("Authors") }, { N_("Unit") }, { N_("File") }, { N_("Size") }, { N_("Media") }, { N_("Origin") },
    { N_("Licence") }, { N_("Keywords") }, { N_("Course nodes") }, { N_("Submitted") }, { N_("Description") },
  };

  for (guint i = 0; i < N_DETAILS; i++)
    {
      self->details[i] = ADW_ACTION_ROW (adw_action_row_new ());
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->details[i]), _(details[i].title));
      adw_preferences_group_add (self->details_group, GTK_WIDGET (self->details[i]));
    }
}
