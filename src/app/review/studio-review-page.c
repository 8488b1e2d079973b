/* studio-review-page.c — the Review page: the project's review queue
 *
 * The first host unit is the first party responsible for content review (DESIGN §1): the page
 * lists the project's resources in review, the longest waiting first, with a read-only summary of
 * the selected one (its metadata and media facts), and approves or rejects them (a rejection needs
 * a note) through reslib_store_review(), which records each decision, its reviewer and time.
 * A search and filters by unit, type, course and author narrow the queue; a decision on more than
 * one resource says how many and asks first. At narrow widths the queue and the details fold.
 * The search and filters (-filters.c), the details pane (-details.c) and the decisions (-decisions.c)
 * have files of their own; studio-review-page-private.h lists what they share.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "reslib-entity.h"
#include "reslib-labels.h"
#include "reslib-store-courses.h"
#include "studio-review-page-private.h"
#include "studio-tooltip.h"

G_DEFINE_FINAL_TYPE (StudioReviewPage, studio_review_page, STUDIO_TYPE_PAGE)

/* ---------------------------------------------------------------------------------------------- */
/* Helpers                                                                                         */

const char *
_studio_review_page_unit_name (StudioReviewPage *self,
                               ReslibRecord     *resource)
{
  const char *unit = reslib_record_get (resource, "unit_id");
  const char *name = unit != NULL && self->units != NULL ? g_hash_table_lookup (self->units, unit) : NULL;

  return name != NULL ? name : "";
}

GListModel *
_studio_review_page_queue (StudioReviewPage *self)
{
  return gtk_multi_selection_get_model (self->selection);
}

/* What the search and filters show */
guint
_studio_review_page_queue_length (StudioReviewPage *self)
{
  return g_list_model_get_n_items (_studio_review_page_queue (self));
}

/* Everything waiting, shown or not */
guint
_studio_review_page_queue_total (StudioReviewPage *self)
{
  GListModel *all = gtk_filter_list_model_get_model (self->filtered);

  return all != NULL ? g_list_model_get_n_items (all) : 0;
}

/* The selected resources' ids, in queue order. */
GPtrArray *
_studio_review_page_selected_ids (StudioReviewPage *self)
{
  GPtrArray *ids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GtkBitset) set = gtk_selection_model_get_selection (GTK_SELECTION_MODEL (self->selection));
  GtkBitsetIter iter;
  guint position;

  for (gboolean ok = gtk_bitset_iter_init_first (&iter, set, &position); ok; ok = gtk_bitset_iter_next (&iter, &position))
    {
      g_autoptr(ReslibRecord) resource = g_list_model_get_item (_studio_review_page_queue (self), position);

      if (resource != NULL)
        g_ptr_array_add (ids, g_strdup (reslib_record_get_id (resource)));
    }

  return ids;
}

guint
_studio_review_page_first_selected (StudioReviewPage *self)
{
  g_autoptr(GtkBitset) set = gtk_selection_model_get_selection (GTK_SELECTION_MODEL (self->selection));

  return gtk_bitset_is_empty (set) ? GTK_INVALID_LIST_POSITION : gtk_bitset_get_minimum (set);
}

void
_studio_review_page_select_position (StudioReviewPage *self,
                                     guint             position)
{
  guint n = _studio_review_page_queue_length (self);

  if (n == 0)
    return;
  position = MIN (position, n - 1);
  gtk_selection_model_select_item (GTK_SELECTION_MODEL (self->selection), position, TRUE);
  gtk_widget_activate_action (GTK_WIDGET (self->queue_view), "list.scroll-to-item", "u", position);
}

/* ---------------------------------------------------------------------------------------------- */
/* Rows                                                                                            */

static void
setup_row_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              StudioReviewPage         *self)
{
  GtkWidget *grid = gtk_grid_new ();
  GtkWidget *title = gtk_label_new (NULL);
  GtkWidget *time = gtk_label_new (NULL);
  GtkWidget *meta = gtk_label_new (NULL);

  gtk_grid_set_column_spacing (GTK_GRID (grid), 12);
  gtk_grid_set_row_spacing (GTK_GRID (grid), 3);
  gtk_widget_set_margin_start (grid, 6);
  gtk_widget_set_margin_end (grid, 6);
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_ellipsize (GTK_LABEL (title), PANGO_ELLIPSIZE_END);
  gtk_widget_set_hexpand (title, TRUE);
  gtk_widget_add_css_class (title, "heading");
  gtk_widget_add_css_class (time, "dim-label");
  gtk_widget_add_css_class (time, "caption");
  gtk_label_set_xalign (GTK_LABEL (meta), 0);
  gtk_label_set_ellipsize (GTK_LABEL (meta), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (meta, "dim-label");
  gtk_grid_attach (GTK_GRID (grid), title, 0, 0, 1, 1);
  gtk_grid_attach (GTK_GRID (grid), time, 1, 0, 1, 1);
  gtk_grid_attach (GTK_GRID (grid), meta, 0, 1, 2, 1);
  g_object_set_data (G_OBJECT (grid), "title", title);
  g_object_set_data (G_OBJECT (grid), "time", time);
  g_object_set_data (G_OBJECT (grid), "meta", meta);
  gtk_list_item_set_child (item, grid);
}

static void
bind_row_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *item,
             StudioReviewPage         *self)
{
  GtkWidget *grid = gtk_list_item_get_child (item);
  ReslibRecord *resource = gtk_list_item_get_item (item);
  g_autofree char *authors = _studio_review_page_join_list (reslib_record_get_list (resource, "authors"), NULL);
  g_autofree char *time = _studio_review_page_format_time (self->submitted != NULL ? g_hash_table_lookup (self->submitted,
                                                                                      reslib_record_get_id (resource))
                                                               : NULL);
  g_autoptr(GString) meta = g_string_new (reslib_label_resource_type (reslib_record_get (resource, "type")));
  const char *unit = _studio_review_page_unit_name (self, resource);
  g_autofree char *tooltip = NULL;

  if (*authors != '\0')
    g_string_append_printf (meta, " · %s", authors);
  if (*unit != '\0')
    g_string_append_printf (meta, " · %s", unit);
  gtk_label_set_text (g_object_get_data (G_OBJECT (grid), "title"), reslib_record_get (resource, "title"));
  gtk_label_set_text (g_object_get_data (G_OBJECT (grid), "time"), time);
  gtk_label_set_text (g_object_get_data (G_OBJECT (grid), "meta"), meta->str);
  /* Translators: the tooltip of a resource in the review queue: when it was submitted */
  tooltip = g_strdup_printf (_("Submitted %s"), time);
  studio_tooltip_set (g_object_get_data (G_OBJECT (grid), "time"), tooltip);
  studio_set_accessible_label (grid, reslib_record_get (resource, "title"));
}


static void
selection_changed_cb (GtkSelectionModel *model,
                      guint              position,
                      guint              n_items,
                      StudioReviewPage  *self)
{
  if (self->reloading)
    return;
  gtk_widget_set_visible (GTK_WIDGET (self->note_error_label), FALSE);
  _studio_review_page_update_details (self);
}

/* ---------------------------------------------------------------------------------------------- */
/* Reading                                                                                         */

static void
read_names (StudioReviewPage *self,
            ReslibStore      *store,
            const char       *project_id,
            GListModel       *model)
{
  g_autoptr(GListModel) units = reslib_store_list (store, RESLIB_KIND_UNIT, project_id, NULL);
  g_autoptr(GListModel) courses = reslib_store_list (store, RESLIB_KIND_COURSE, project_id, NULL);
  const char *reviewer = NULL;
  g_autofree char *header = NULL;

  g_hash_table_remove_all (self->units);
  g_hash_table_remove_all (self->nodes);
  g_hash_table_remove_all (self->node_course);
  for (guint i = 0; units != NULL && i < g_list_model_get_n_items (units); i++)
    {
      g_autoptr(ReslibRecord) unit = g_list_model_get_item (units, i);

      g_hash_table_insert (self->units, g_strdup (reslib_record_get_id (unit)), g_strdup (reslib_record_get (unit, "name")));
      /* Units come hosts first, by host rank: the first host reviews. */
      if (reviewer == NULL && g_strcmp0 (reslib_record_get (unit, "role"), "host") == 0)
        reviewer = g_hash_table_lookup (self->units, reslib_record_get_id (unit));
    }
  for (guint i = 0; courses != NULL && i < g_list_model_get_n_items (courses); i++)
    {
      g_autoptr(ReslibRecord) course = g_list_model_get_item (courses, i);
      g_autoptr(GListModel) nodes = reslib_store_list (store, RESLIB_KIND_NODE, reslib_record_get_id (course), NULL);

      for (guint j = 0; nodes != NULL && j < g_list_model_get_n_items (nodes); j++)
        {
          g_autoptr(ReslibRecord) node = g_list_model_get_item (nodes, j);

          g_hash_table_insert (self->nodes, g_strdup (reslib_record_get_id (node)),
                               g_strdup (reslib_record_get (node, "title")));
          g_hash_table_insert (self->node_course, g_strdup (reslib_record_get_id (node)),
                               g_strdup (reslib_record_get_id (course)));
        }
    }

  if (reviewer != NULL)
    /* Translators: the header of the review queue; %s is the first host unit */
    header = g_strdup_printf (_("Reviewer: %s (first host unit)"), reviewer);
  else
    header = g_strdup (_("Reviewer: no host unit yet (add one on the Units & Team page)"));
  gtk_label_set_text (self->reviewer_label, header);
  _studio_review_page_update_choices (self, units, courses, model);
  _studio_review_page_update_reviewers (self, store, project_id);
}

static void
show_counts (StudioReviewPage *self)
{
  guint total = _studio_review_page_queue_total (self);
  guint shown = _studio_review_page_queue_length (self);
  guint filters = _studio_review_page_n_filters (self);
  g_autofree char *count = NULL;
  g_autofree char *label = NULL;

  if (shown == total)
    count = g_strdup_printf (_("Waiting for review: %u"), total);
  else
    /* Translators: how many resources wait for review, and how many of them the search and filters show */
    count = g_strdup_printf (_("Waiting for review: %u · shown: %u"), total, shown);
  gtk_label_set_text (self->count_label, count);
  /* Translators: %u is how many filters are set */
  label = filters > 0 ? g_strdup_printf (_("_Filters (%u)"), filters) : g_strdup (_("_Filters"));
  gtk_menu_button_set_label (self->filter_button, label);
  gtk_stack_set_visible_child_name (self->list_stack, shown > 0 ? "list" : total > 0 ? "no-match" : "none");
}

static void
reload (StudioReviewPage *self)
{
  ReslibStore *store = studio_page_get_store (STUDIO_PAGE (self));
  const char *project_id = studio_page_get_project_id (STUDIO_PAGE (self));
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) model = NULL;
  g_autoptr(GHashTable) submitted = NULL;
  g_autoptr(GPtrArray) previous = _studio_review_page_selected_ids (self);
  g_autoptr(GHashTable) was_selected = g_hash_table_new (g_str_hash, g_str_equal);
  guint previous_first = _studio_review_page_first_selected (self);
  gboolean any = FALSE;

  if (store == NULL || project_id == NULL)
    {
      gtk_filter_list_model_set_model (self->filtered, NULL);
      gtk_stack_set_visible_child_name (self->stack, "empty");
      _studio_review_page_update_details (self);
      return;
    }
  gtk_stack_set_visible_child_name (self->stack, "queue");

  model = reslib_store_list_in_review (store, project_id, &submitted, &error);
  if (model == NULL)
    {
      studio_page_show_error (STUDIO_PAGE (self), _("The review queue could not be read"), error);
      return;
    }
  self->reloading = TRUE;
  read_names (self, store, project_id, model);
  g_hash_table_remove_all (self->haystacks);
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(ReslibRecord) resource = g_list_model_get_item (model, i);

      g_hash_table_insert (self->haystacks, g_strdup (reslib_record_get_id (resource)), _studio_review_page_haystack_of (self, resource));
    }
  g_clear_pointer (&self->submitted, g_hash_table_unref);
  self->submitted = g_steal_pointer (&submitted);
  gtk_filter_list_model_set_model (self->filtered, model);

  /* Keep the selection; when its resources left the queue, select the one that took their place. */
  for (guint j = 0; j < previous->len; j++)
    g_hash_table_add (was_selected, g_ptr_array_index (previous, j));
  for (guint i = 0; previous->len > 0 && i < _studio_review_page_queue_length (self); i++)
    {
      g_autoptr(ReslibRecord) resource = g_list_model_get_item (_studio_review_page_queue (self), i);

      if (g_hash_table_contains (was_selected, reslib_record_get_id (resource)))
        {
          gtk_selection_model_select_item (GTK_SELECTION_MODEL (self->selection), i, !any);
          any = TRUE;
        }
    }
  if (!any)
    _studio_review_page_select_position (self, previous_first != GTK_INVALID_LIST_POSITION ? previous_first : 0);
  self->reloading = FALSE;

  show_counts (self);
  _studio_review_page_update_details (self);
}

/* The search or a filter changed: the queue shows what they let through, the first selected. */
static void
filters_changed (StudioReviewPage *self)
{
  if (self->reloading)
    return;
  self->reloading = TRUE;
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
  if (_studio_review_page_first_selected (self) == GTK_INVALID_LIST_POSITION)
    _studio_review_page_select_position (self, 0);
  self->reloading = FALSE;
  show_counts (self);
  _studio_review_page_update_details (self);
}

static void
filter_selected_cb (GtkDropDown      *dropdown,
                    GParamSpec       *pspec,
                    StudioReviewPage *self)
{
  filters_changed (self);
}

static void
search_changed_cb (GtkSearchEntry   *entry,
                   StudioReviewPage *self)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (entry))));

  g_clear_pointer (&self->search, g_free);
  if (*text != '\0')
    self->search = g_utf8_casefold (text, -1);
  filters_changed (self);
}

static void
clear_filters_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  StudioReviewPage *self = STUDIO_REVIEW_PAGE (widget);

  self->reloading = TRUE;
  gtk_drop_down_set_selected (self->unit_filter, 0);
  gtk_drop_down_set_selected (self->type_filter, 0);
  gtk_drop_down_set_selected (self->course_filter, 0);
  gtk_drop_down_set_selected (self->author_filter, 0);
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  g_clear_pointer (&self->search, g_free);
  self->reloading = FALSE;
  filters_changed (self);
}

static void
search_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  StudioReviewPage *self = STUDIO_REVIEW_PAGE (widget);

  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

/* Folded, the details take the whole width: Back returns to the queue. */
static void
back_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  StudioReviewPage *self = STUDIO_REVIEW_PAGE (widget);

  adw_leaflet_set_visible_child (self->leaflet, GTK_WIDGET (self->list_stack));
  gtk_widget_grab_focus (GTK_WIDGET (self->queue_view));
}

static void
show_details (StudioReviewPage *self)
{
  if (adw_leaflet_get_folded (self->leaflet))
    adw_leaflet_set_visible_child (self->leaflet, self->detail_pane);
}

static void
queue_activate_cb (GtkListView      *view,
                   guint             position,
                   StudioReviewPage *self)
{
  show_details (self);
}

void
_studio_review_page_reload_now (StudioReviewPage *self)
{
  g_clear_handle_id (&self->reload_id, g_source_remove);
  reload (self);
}

static gboolean
reload_idle_cb (gpointer data)
{
  StudioReviewPage *self = data;

  self->reload_id = 0;
  reload (self);
  return G_SOURCE_REMOVE;
}

static void
studio_review_page_project_changed (StudioPage *page)
{
  StudioReviewPage *self = STUDIO_REVIEW_PAGE (page);

  gtk_selection_model_unselect_all (GTK_SELECTION_MODEL (self->selection));
  gtk_editable_set_text (GTK_EDITABLE (self->note_entry), "");
  _studio_review_page_reload_now (self);
}

static void
studio_review_page_store_changed (StudioPage *page,
                                  ReslibKind  kind,
                                  const char *id)
{
  StudioReviewPage *self = STUDIO_REVIEW_PAGE (page);

  if (kind != RESLIB_KIND_RESOURCE && kind != RESLIB_KIND_UNIT && kind != RESLIB_KIND_NODE &&
      kind != RESLIB_KIND_PROJECT)
    return;
  if (self->reload_id == 0)
    self->reload_id = g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, reload_idle_cb, self, NULL);
}

static void
studio_review_page_open_subject (StudioPage *page,
                                 ReslibKind  kind,
                                 const char *id)
{
  StudioReviewPage *self = STUDIO_REVIEW_PAGE (page);

  if (kind != RESLIB_KIND_RESOURCE)
    return;
  _studio_review_page_reload_now (self);
  /* A resource the search or filters hide is shown with them cleared. */
  for (guint pass = 0; pass < 2; pass++)
    {
      for (guint i = 0; i < _studio_review_page_queue_length (self); i++)
        {
          g_autoptr(ReslibRecord) resource = g_list_model_get_item (_studio_review_page_queue (self), i);

          if (g_strcmp0 (reslib_record_get_id (resource), id) == 0)
            {
              _studio_review_page_select_position (self, i);
              show_details (self);
              return;
            }
        }
      if (pass == 0 && _studio_review_page_queue_length (self) < _studio_review_page_queue_total (self))
        gtk_widget_activate_action (GTK_WIDGET (self), "review.clear-filters", NULL);
      else
        return;
    }
}

/* ---------------------------------------------------------------------------------------------- */

/* Shown: the queue takes the keyboard, so A, R, J and K work at once. */
static void
studio_review_page_map (GtkWidget *widget)
{
  StudioReviewPage *self = STUDIO_REVIEW_PAGE (widget);

  GTK_WIDGET_CLASS (studio_review_page_parent_class)->map (widget);
  if (_studio_review_page_queue_length (self) > 0)
    gtk_widget_grab_focus (GTK_WIDGET (self->queue_view));
}

static void
studio_review_page_dispose (GObject *object)
{
  StudioReviewPage *self = STUDIO_REVIEW_PAGE (object);

  g_clear_handle_id (&self->reload_id, g_source_remove);
  g_clear_object (&self->selection);
  g_clear_object (&self->filtered);
  g_clear_object (&self->filter);

  G_OBJECT_CLASS (studio_review_page_parent_class)->dispose (object);
}

static void
studio_review_page_finalize (GObject *object)
{
  StudioReviewPage *self = STUDIO_REVIEW_PAGE (object);

  g_clear_pointer (&self->submitted, g_hash_table_unref);
  g_clear_pointer (&self->units, g_hash_table_unref);
  g_clear_pointer (&self->nodes, g_hash_table_unref);
  g_clear_pointer (&self->node_course, g_hash_table_unref);
  g_clear_pointer (&self->haystacks, g_hash_table_unref);
  g_clear_pointer (&self->unit_ids, g_ptr_array_unref);
  g_clear_pointer (&self->type_ids, g_ptr_array_unref);
  g_clear_pointer (&self->course_ids, g_ptr_array_unref);
  g_clear_pointer (&self->authors, g_ptr_array_unref);
  g_free (self->search);
  _studio_review_page_finalize_levels (self);

  G_OBJECT_CLASS (studio_review_page_parent_class)->finalize (object);
}

static void
studio_review_page_class_init (StudioReviewPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  StudioPageClass *page_class = STUDIO_PAGE_CLASS (klass);

  object_class->dispose = studio_review_page_dispose;
  object_class->finalize = studio_review_page_finalize;
  widget_class->map = studio_review_page_map;
  page_class->project_changed = studio_review_page_project_changed;
  page_class->store_changed = studio_review_page_store_changed;
  page_class->open_subject = studio_review_page_open_subject;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/reslib/Studio/ui/studio-review-page.ui");
  gtk_widget_class_bind_template_child (widget_class, StudioReviewPage, stack);
  gtk_widget_class_bind_template_child (widget_class, StudioReviewPage, reviewer_label);
  gtk_widget_class_bind_template_child (widget_class, StudioReviewPage, count_label);
  gtk_widget_class_bind_template_child (widget_class, StudioReviewPage, approve_all_button);
  gtk_widget_class_bind_template_child (widget_class, StudioReviewPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, StudioReviewPage, filter_button);
  gtk_widget_class_bind_template_child (widget_class, StudioReviewPage, unit_filter);
  gtk_widget_class_bind_template_child (widget_class, StudioReviewPage, type_filter);
  gtk_widget_class_bind_template_child (widget_class, StudioReviewPage, course_filter);
  gtk_widget_class_bind_template_child (widget_class, StudioReviewPage, author_filter);
  gtk_widget_class_bind_template_child (widget_class, StudioReviewPage, leaflet);
  gtk_widget_class_bind_template_child (widget_class, StudioReviewPage, detail_pane);
  gtk_widget_class_bind_template_child (widget_class, StudioReviewPage, list_stack);
  gtk_widget_class_bind_template_child (widget_class, StudioReviewPage, queue_view);
  gtk_widget_class_bind_template_child (widget_class, StudioReviewPage, details_group);
  gtk_widget_class_bind_template_child (widget_class, StudioReviewPage, decision_box);
  gtk_widget_class_bind_template_child (widget_class, StudioReviewPage, note_entry);
  gtk_widget_class_bind_template_child (widget_class, StudioReviewPage, note_error_label);
  gtk_widget_class_bind_template_child (widget_class, StudioReviewPage, approve_button);
  gtk_widget_class_bind_template_child (widget_class, StudioReviewPage, reject_button);
  gtk_widget_class_bind_template_child (widget_class, StudioReviewPage, level_label);
  gtk_widget_class_bind_template_child (widget_class, StudioReviewPage, reviewer_dropdown);
  gtk_widget_class_bind_template_child (widget_class, StudioReviewPage, checklist_box);
  gtk_widget_class_bind_template_child (widget_class, StudioReviewPage, political_check);
  gtk_widget_class_bind_template_child (widget_class, StudioReviewPage, scientific_check);
  gtk_widget_class_bind_template_child (widget_class, StudioReviewPage, copyright_check);

  _studio_review_page_class_init_decisions (widget_class);
  _studio_review_page_class_init_levels (widget_class);
  gtk_widget_class_install_action (widget_class, "review.clear-filters", NULL, clear_filters_action);
  gtk_widget_class_install_action (widget_class, "review.search", NULL, search_action);
  gtk_widget_class_install_action (widget_class, "review.back", NULL, back_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, "review.search", NULL);
}

static void
studio_review_page_init (StudioReviewPage *self)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();

  gtk_widget_init_template (GTK_WIDGET (self));

  self->units = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->nodes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->node_course = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->haystacks = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  _studio_review_page_init_levels (self);
  _studio_review_page_init_details (self);

  self->filter = gtk_custom_filter_new (_studio_review_page_filter, self, NULL);
  self->filtered = gtk_filter_list_model_new (NULL, g_object_ref (GTK_FILTER (self->filter)));
  self->selection = gtk_multi_selection_new (g_object_ref (G_LIST_MODEL (self->filtered)));
  g_signal_connect (self->selection, "selection-changed", G_CALLBACK (selection_changed_cb), self);
  g_signal_connect (factory, "setup", G_CALLBACK (setup_row_cb), self);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row_cb), self);
  gtk_list_view_set_factory (self->queue_view, factory);
  g_object_unref (factory);
  gtk_list_view_set_model (self->queue_view, GTK_SELECTION_MODEL (self->selection));

  _studio_review_page_init_decisions (self);
  g_signal_connect (self->queue_view, "activate", G_CALLBACK (queue_activate_cb), self);
  g_signal_connect (self->search_entry, "search-changed", G_CALLBACK (search_changed_cb), self);
  {
    GtkDropDown *filters[] = { self->unit_filter, self->type_filter, self->course_filter, self->author_filter };
    g_autoptr(GtkExpression) text = gtk_property_expression_new (GTK_TYPE_STRING_OBJECT, NULL, "string");

    for (guint i = 0; i < G_N_ELEMENTS (filters); i++)
      {
        gtk_drop_down_set_expression (filters[i], text);
        g_signal_connect (filters[i], "notify::selected", G_CALLBACK (filter_selected_cb), self);
      }
  }

  reload (self);
}
