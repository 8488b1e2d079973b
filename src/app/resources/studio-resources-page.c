/* studio-resources-page.c — the project's resources in a column view
 *
 * The list holds light rows (ReslibResourceRow: what the columns show), read in
 * one query, so that 100,000 resources load in a fraction of a second; the
 * detail pane reads the full record of the selected resource. Models:
 *
 *   array of rows → StudioRowSubset (type, state, course, search) →
 *   GtkSortListModel (the column view's sorter) →
 *   StudioStableRows (items that keep their position) → GtkMultiSelection →
 *   GtkColumnView
 *
 * (studio-row-subset.c and studio-stable-rows.c tell why those two). The rows
 * are read by the session's row loader (StudioRowLoader) in its thread. Search
 * runs in a worker (studio-resources-page-search.c), the detail pane and the
 * actions have files of their own; studio-resources-page-private.h lists them.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <stdlib.h>

#include "reslib-labels.h"
#include "studio-resources-page-private.h"
#include "studio-session.h"
#include "studio-settings.h"

G_DEFINE_FINAL_TYPE (StudioResourcesPage, studio_resources_page, STUDIO_TYPE_PAGE)


enum {
  SIGNAL_FILTERED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

enum {
  PROP_0,
  PROP_SHOW_GRID,
  PROP_PAGED_THRESHOLD,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];


/* ---------------------------------------------------------------------------------------------- */
/* Filtering                                                                                       */

static gboolean
filter_func (StudioResourcesPage *self,
             ReslibResourceRow   *row)
{
  gpointer rowid = GSIZE_TO_POINTER ((gsize) reslib_resource_row_get_rowid (row));

  if (self->type_value != NULL && reslib_resource_row_get_kind (row) != self->type_value)
    return FALSE;
  if (self->state_value != NULL && reslib_resource_row_get_state (row) != self->state_value)
    return FALSE;
  if (self->course_rowids != NULL && !g_hash_table_contains (self->course_rowids, rowid))
    return FALSE;
  if (self->search_rowids != NULL && !g_hash_table_contains (self->search_rowids, rowid))
    return FALSE;
  if (self->ids_filter != NULL && !g_hash_table_contains (self->ids_filter, reslib_resource_row_get_id (row)))
    return FALSE;

  return TRUE;
}

void
_studio_resources_page_update_count (StudioResourcesPage *self)
{
  guint shown = g_list_model_get_n_items (G_LIST_MODEL (self->filtered));
  guint total = self->rows != NULL ? self->rows->len : 0;
  g_autofree char *text = NULL;

  /* A long list shows its first pages while all its rows are read (a search's matches among them). */
  if (self->paging)
    {
      shown = g_list_model_get_n_items (G_LIST_MODEL (self->paged));
      total = MAX (self->paged_total, shown);
    }

  if (shown == total)
    /* Translators: %u is a number of resources */
    text = g_strdup_printf (_("Resources: %u"), total);
  else
    /* Translators: resources shown by the filters, of all the project's */
    text = g_strdup_printf (_("Shown: %u of %u"), shown, total);
  gtk_label_set_text (self->count_label, text);
  _studio_resources_page_update_list_stack (self);
}

/* The table or the grid; a search or filters that match nothing say so, rather than leaving an empty list. */
void
_studio_resources_page_update_list_stack (StudioResourcesPage *self)
{
  guint shown = g_list_model_get_n_items (G_LIST_MODEL (self->filtered));
  guint total = self->rows != NULL ? self->rows->len : 0;

  if (self->paging)
    {
      shown = g_list_model_get_n_items (G_LIST_MODEL (self->paged));
      total = MAX (self->paged_total, shown);
    }
  gtk_stack_set_visible_child_name (self->list_stack, shown == 0 && total > 0 ? "no-results"
                                                      : self->show_grid ? "grid" : "rows");
}

void
_studio_resources_page_refilter (StudioResourcesPage *self)
{
  GPtrArray *shown;

  if (self->paging)
    {
      /* The store filters a paged list, ids another page asked to show included. */
      _studio_resources_page_relist (self, FALSE);
      return;
    }
  shown = g_ptr_array_sized_new (self->rows != NULL ? self->rows->len : 0);

  for (guint i = 0; self->rows != NULL && i < self->rows->len; i++)
    if (filter_func (self, g_ptr_array_index (self->rows, i)))
      g_ptr_array_add (shown, g_ptr_array_index (self->rows, i));
  studio_row_subset_set (self->filtered, shown);
  _studio_resources_page_update_count (self);
  g_signal_emit (self, signals[SIGNAL_FILTERED], 0);
}

void
_studio_resources_page_emit_filtered (StudioResourcesPage *self)
{
  g_signal_emit (self, signals[SIGNAL_FILTERED], 0);
}

static const char *
choice_at (const char * const *choices,
           guint               selected)
{
  if (selected == 0 || selected == GTK_INVALID_LIST_POSITION)
    return NULL;

  return g_intern_string (choices[selected - 1]);
}

static void
type_filter_cb (StudioResourcesPage *self)
{
  self->type_value = choice_at (reslib_resource_types, gtk_drop_down_get_selected (self->type_filter));
  _studio_resources_page_refilter (self);
}

static void
state_filter_cb (StudioResourcesPage *self)
{
  self->state_value = choice_at (reslib_resource_states, gtk_drop_down_get_selected (self->state_filter));
  _studio_resources_page_refilter (self);
}

void
_studio_resources_page_load_course_rowids (StudioResourcesPage *self)
{
  guint selected = gtk_drop_down_get_selected (self->course_filter);
  ReslibStore *store = studio_page_get_store (STUDIO_PAGE (self));
  g_autoptr(GError) error = NULL;

  g_clear_pointer (&self->course_rowids, g_hash_table_unref);
  if (store == NULL || selected == 0 || selected == GTK_INVALID_LIST_POSITION || selected >= self->course_ids->len)
    return;

  self->course_rowids = reslib_store_course_resource_rowids (store, g_ptr_array_index (self->course_ids, selected),
                                                             &error);
  if (self->course_rowids == NULL)
    studio_page_toast (STUDIO_PAGE (self), error->message);
}

static void
course_filter_cb (StudioResourcesPage *self)
{
  _studio_resources_page_load_course_rowids (self);
  _studio_resources_page_refilter (self);
}

static void
fill_choice_filter (GtkDropDown        *drop_down,
                    const char         *all,
                    const char * const *choices,
                    const char       *(*label) (const char *))
{
  g_autoptr(GtkStringList) list = gtk_string_list_new (NULL);

  gtk_string_list_append (list, all);
  for (guint i = 0; choices[i] != NULL; i++)
    gtk_string_list_append (list, label (choices[i]));
  gtk_drop_down_set_model (drop_down, G_LIST_MODEL (list));
}

/* Courses of the project in the course filter; keeps the chosen one when it is still there. */
void
_studio_resources_page_load_courses (StudioResourcesPage *self)
{
  StudioPage *page = STUDIO_PAGE (self);
  ReslibStore *store = studio_page_get_store (page);
  const char *project = studio_page_get_project_id (page);
  g_autoptr(GtkStringList) list = gtk_string_list_new (NULL);
  g_autoptr(GListModel) courses = NULL;
  g_autofree char *chosen = NULL;
  guint selected = gtk_drop_down_get_selected (self->course_filter);
  guint new_selected = 0;

  if (selected != GTK_INVALID_LIST_POSITION && selected > 0 && selected < self->course_ids->len)
    chosen = g_strdup (g_ptr_array_index (self->course_ids, selected));
  g_ptr_array_set_size (self->course_ids, 0);
  g_ptr_array_add (self->course_ids, NULL);
  gtk_string_list_append (list, _("All Courses"));
  if (store != NULL && project != NULL)
    courses = reslib_store_list (store, RESLIB_KIND_COURSE, project, NULL);
  for (guint i = 0; courses != NULL && i < g_list_model_get_n_items (courses); i++)
    {
      g_autoptr(ReslibRecord) course = g_list_model_get_item (courses, i);

      if (g_strcmp0 (chosen, reslib_record_get_id (course)) == 0)
        new_selected = self->course_ids->len;
      g_ptr_array_add (self->course_ids, g_strdup (reslib_record_get_id (course)));
      gtk_string_list_append (list, reslib_record_get (course, "title"));
    }

  g_signal_handlers_block_by_func (self->course_filter, course_filter_cb, self);
  gtk_drop_down_set_model (self->course_filter, G_LIST_MODEL (list));
  gtk_drop_down_set_selected (self->course_filter, new_selected);
  g_signal_handlers_unblock_by_func (self->course_filter, course_filter_cb, self);
  _studio_resources_page_load_course_rowids (self);
}

guint
studio_resources_page_get_sort_pending (StudioResourcesPage *self)
{
  g_return_val_if_fail (STUDIO_IS_RESOURCES_PAGE (self), 0);

  /* A paged list is sorted by the store (_studio_resources_page_relist()). */
  if (self->paging)
    return self->relist_cancellable != NULL ? 1 : 0;

  return self->sorted != NULL ? gtk_sort_list_model_get_pending (self->sorted) : 0;
}

static void
studio_resources_page_project_changed (StudioPage *page)
{
  StudioResourcesPage *self = STUDIO_RESOURCES_PAGE (page);

  g_clear_object (&self->record);
  g_clear_pointer (&self->select_ids, g_hash_table_unref);
  /* Another project's resources are not the ones a check named. */
  studio_resources_page_show_all (self);
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    _studio_resources_page_load (self);
  else
    {
      /* Read after the first frame when another page is shown: the window opens first. */
      self->needs_load = TRUE;
      _studio_resources_page_stop_paging (self);
      _studio_resources_page_set_rows (self, NULL);
      g_free (self->loaded_project);
      self->loaded_project = NULL;
      g_clear_handle_id (&self->reload_id, g_source_remove);
      self->reload_id = g_idle_add_full (G_PRIORITY_LOW, _studio_resources_page_reload_idle_cb, self, NULL);
    }
  _studio_resources_page_update_detail (self);
}

static void
studio_resources_page_store_changed (StudioPage *page,
                                     ReslibKind  kind,
                                     const char *id)
{
  StudioResourcesPage *self = STUDIO_RESOURCES_PAGE (page);

  if (kind == RESLIB_KIND_RESOURCE)
    {
      if (id == NULL)
        self->changed_all = TRUE;
      else
        {
          if (self->changed_ids == NULL)
            self->changed_ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
          g_hash_table_add (self->changed_ids, g_strdup (id));
        }
    }
  else if (kind == RESLIB_KIND_COURSE || kind == RESLIB_KIND_NODE || kind == RESLIB_KIND_UNIT ||
           kind == RESLIB_KIND_PROJECT)
    self->lists_changed = TRUE;
  else
    return;

  if (self->reload_id == 0)
    self->reload_id = g_idle_add_full (G_PRIORITY_LOW, _studio_resources_page_reload_idle_cb, self, NULL);
}

static void
studio_resources_page_map (GtkWidget *widget)
{
  StudioResourcesPage *self = STUDIO_RESOURCES_PAGE (widget);

  GTK_WIDGET_CLASS (studio_resources_page_parent_class)->map (widget);

  /* Table or grid, as last time. */
  if (!self->settings_bound && studio_page_get_session (STUDIO_PAGE (self)) != NULL)
    {
      self->settings_bound = TRUE;
      g_object_bind_property (studio_session_get_settings (studio_page_get_session (STUDIO_PAGE (self))),
                              "resources-grid", self, "show-grid",
                              G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);
    }
  if (self->needs_load)
    _studio_resources_page_load (self);
}

/* ---------------------------------------------------------------------------------------------- */
/* Selection                                                                                       */

/* The ids of the selected rows, NULL-terminated. */
GStrv
_studio_resources_page_selected_ids (StudioResourcesPage *self)
{
  g_autoptr(GtkBitset) bitset = gtk_selection_model_get_selection (GTK_SELECTION_MODEL (self->selection));
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  GtkBitsetIter iter;
  guint position;

  /* A paged list: the ids of the rowids selected, read or not. */
  if (self->paging)
    return _studio_resources_page_paged_ids (self, bitset);
  if (gtk_bitset_iter_init_first (&iter, bitset, &position))
    do
      {
        g_autoptr(ReslibResourceRow) row = g_list_model_get_item (G_LIST_MODEL (self->selection), position);

        /* (a row of a page not read yet has no id: paged lists are answered above) */
        if (row != NULL && reslib_resource_row_get_id (row) != NULL)
          g_strv_builder_add (builder, reslib_resource_row_get_id (row));
      }
    while (gtk_bitset_iter_next (&iter, &position));

  return g_strv_builder_end (builder);
}

guint
_studio_resources_page_n_selected (StudioResourcesPage *self)
{
  g_autoptr(GtkBitset) bitset = gtk_selection_model_get_selection (GTK_SELECTION_MODEL (self->selection));

  return (guint) gtk_bitset_get_size (bitset);
}

/* Selects the rows of select_ids, once the rows hold them all, clearing the filters that hide any, and
 * scrolls to the first. */
void
_studio_resources_page_apply_selection (StudioResourcesPage *self)
{
  g_autoptr(GtkBitset) selected = NULL;
  g_autoptr(GtkBitset) mask = NULL;
  GHashTableIter iter;
  gpointer id;
  guint n;

  if (self->paging)
    {
      _studio_resources_page_apply_paged_selection (self);
      return;
    }
  if (self->select_ids == NULL || self->rows == NULL || self->selection == NULL || self->reload_id != 0 ||
      self->load_cancellable != NULL)
    return;
  g_hash_table_iter_init (&iter, self->select_ids);
  while (g_hash_table_iter_next (&iter, &id, NULL))
    if (!g_hash_table_contains (self->rows_by_id, id))
      return;   /* not read yet */

  for (int pass = 0; pass < 2; pass++)
    {
      n = g_list_model_get_n_items (G_LIST_MODEL (self->selection));
      g_clear_pointer (&selected, gtk_bitset_unref);
      selected = gtk_bitset_new_empty ();
      for (guint i = 0; i < n; i++)
        {
          g_autoptr(ReslibResourceRow) row = g_list_model_get_item (G_LIST_MODEL (self->selection), i);

          if (g_hash_table_contains (self->select_ids, reslib_resource_row_get_id (row)))
            gtk_bitset_add (selected, i);
        }
      if (gtk_bitset_get_size (selected) == g_hash_table_size (self->select_ids) || pass == 1)
        break;
      /* Some are hidden by the filters or the search: show them all. */
      studio_resources_page_show_all (self);
      gtk_drop_down_set_selected (self->type_filter, 0);
      gtk_drop_down_set_selected (self->state_filter, 0);
      gtk_drop_down_set_selected (self->course_filter, 0);
      gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
      _studio_resources_page_start_search (self);
    }
  g_clear_pointer (&self->select_ids, g_hash_table_unref);

  mask = gtk_bitset_new_range (0, n);
  gtk_selection_model_set_selection (GTK_SELECTION_MODEL (self->selection), selected, mask);
  if (!gtk_bitset_is_empty (selected))
    _studio_resources_page_scroll_to (self, gtk_bitset_get_minimum (selected));
}

/**
 * _studio_resources_page_select_ids:
 * @ids: resources of the project (those just imported)
 *
 * Selects @ids and scrolls to the first of them, now or as soon as the rows hold them all.
 */
void
_studio_resources_page_select_ids (StudioResourcesPage *self,
                                   const char * const  *ids)
{
  g_clear_pointer (&self->select_ids, g_hash_table_unref);
  if (ids == NULL || ids[0] == NULL)
    return;
  self->select_ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (guint i = 0; ids[i] != NULL; i++)
    g_hash_table_add (self->select_ids, g_strdup (ids[i]));
  _studio_resources_page_apply_selection (self);
}

/* A paged list is sorted by the store. */
static void
sorter_changed_cb (StudioResourcesPage *self)
{
  /* (not while the view lets go of its columns as the page goes) */
  if (self->paging && !gtk_widget_in_destruction (GTK_WIDGET (self)) && self->course_filter != NULL)
    _studio_resources_page_relist (self, FALSE);
}

static void
selection_changed_cb (StudioResourcesPage *self)
{
  _studio_resources_page_update_detail (self);
  _studio_resources_page_update_actions (self);
}

/* The rows from @position on may be others: their selection goes, as it would with new items. */
static void
contents_changed_cb (StudioResourcesPage *self,
                     guint                position)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->selection));

  if (position < n)
    gtk_selection_model_unselect_range (GTK_SELECTION_MODEL (self->selection), position, n - position);
}

void
_studio_resources_page_update_actions (StudioResourcesPage *self)
{
  guint n_selected = _studio_resources_page_n_selected (self);
  gboolean any = n_selected > 0;
  gboolean one = n_selected == 1;
  gboolean loaded = self->rows != NULL || self->paging;
  gboolean importing = self->import_cancellable != NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "resources.edit-selected", any);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "resources.submit-selected", any);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "resources.delete-selected", any);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "resources.open", one);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "resources.open-with", one);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "resources.show-in-folder", one);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "resources.select-all", loaded);
  /* While an import runs, more files wait for it (-import.c). */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "resources.import-files", loaded);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "resources.import-folder", loaded);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "resources.add-online", loaded);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "resources.paste", loaded);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "resources.cancel-import", importing);
}

/* ---------------------------------------------------------------------------------------------- */

static void
studio_resources_page_open_subject (StudioPage *page,
                                    ReslibKind  kind,
                                    const char *id)
{
  StudioResourcesPage *self = STUDIO_RESOURCES_PAGE (page);
  guint n;

  if (kind != RESLIB_KIND_RESOURCE || id == NULL)
    return;
  if (self->paging && !self->needs_load)
    {
      /* Selected where it is in the paged list, the filters that hide it cleared. */
      const char *ids[] = { id, NULL };

      _studio_resources_page_select_ids (self, ids);
      _studio_resources_page_show_detail (self);
      return;
    }
  if (self->needs_load || self->rows == NULL || self->load_cancellable != NULL)
    _studio_resources_page_load_now (self);

  /* Clear the filters that hide it. */
  if (self->rows != NULL && g_hash_table_lookup (self->rows_by_id, id) != NULL)
    {
      gtk_drop_down_set_selected (self->type_filter, 0);
      gtk_drop_down_set_selected (self->state_filter, 0);
      gtk_drop_down_set_selected (self->course_filter, 0);
      gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
      _studio_resources_page_start_search (self);
    }
  n = g_list_model_get_n_items (G_LIST_MODEL (self->selection));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(ReslibResourceRow) row = g_list_model_get_item (G_LIST_MODEL (self->selection), i);

      if (g_str_equal (reslib_resource_row_get_id (row), id))
        {
          gtk_selection_model_select_item (GTK_SELECTION_MODEL (self->selection), i, TRUE);
          _studio_resources_page_scroll_to (self, i);
          _studio_resources_page_show_detail (self);
          break;
        }
    }
}

static void
studio_resources_page_dispose (GObject *object)
{
  StudioResourcesPage *self = STUDIO_RESOURCES_PAGE (object);

  _studio_resources_page_import_dispose (self);
  if (self->resources_view != NULL)
    g_signal_handlers_disconnect_by_func (gtk_column_view_get_sorter (self->resources_view), sorter_changed_cb, self);
  if (self->search_cancellable != NULL)
    g_cancellable_cancel (self->search_cancellable);
  g_clear_object (&self->search_cancellable);
  if (self->load_cancellable != NULL)
    g_cancellable_cancel (self->load_cancellable);
  g_clear_object (&self->load_cancellable);
  if (self->relist_cancellable != NULL)
    g_cancellable_cancel (self->relist_cancellable);
  g_clear_object (&self->relist_cancellable);
  g_clear_handle_id (&self->reload_id, g_source_remove);
  g_clear_handle_id (&self->search_idle_id, g_source_remove);
  _studio_resources_page_fold_dispose (self);
  g_cancellable_cancel (self->preview_cancellable);
  g_clear_object (&self->preview_cancellable);
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  if (self->bulk_dialog != NULL)
    gtk_window_destroy (GTK_WINDOW (self->bulk_dialog));
  if (self->node_picker != NULL)
    gtk_window_destroy (GTK_WINDOW (self->node_picker));

  /* The models go before the rows they borrow, and the view lets go of them first: it outlives this
   * and, as it goes, its sorter would have them read rows no longer there. */
  if (self->resources_view != NULL)
    gtk_column_view_set_model (self->resources_view, NULL);
  _studio_resources_page_grid_dispose (self);
  g_clear_object (&self->selection);
  g_clear_object (&self->stable);
  g_clear_object (&self->paged);
  g_clear_pointer (&self->paged_rowids, g_array_unref);
  g_clear_object (&self->sorted);
  g_clear_object (&self->filtered);
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_clear_pointer (&self->dropped, g_ptr_array_unref);
  g_clear_object (&self->record);

  G_OBJECT_CLASS (studio_resources_page_parent_class)->dispose (object);
}

static void
studio_resources_page_finalize (GObject *object)
{
  StudioResourcesPage *self = STUDIO_RESOURCES_PAGE (object);

  g_clear_object (&self->import_cancellable);
  g_clear_pointer (&self->import_status, g_free);
  g_clear_pointer (&self->rows_by_id, g_hash_table_unref);
  g_clear_pointer (&self->course_ids, g_ptr_array_unref);
  g_clear_pointer (&self->course_rowids, g_hash_table_unref);
  g_clear_pointer (&self->search_rowids, g_hash_table_unref);
  g_clear_pointer (&self->ids_filter, g_hash_table_unref);
  g_clear_pointer (&self->select_ids, g_hash_table_unref);
  g_clear_pointer (&self->changed_ids, g_hash_table_unref);
  g_clear_pointer (&self->detail_rows, g_ptr_array_unref);
  g_clear_pointer (&self->unit_ids, g_ptr_array_unref);
  g_free (self->applied_search);
  g_free (self->loaded_project);

  G_OBJECT_CLASS (studio_resources_page_parent_class)->finalize (object);
}

static void
studio_resources_page_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  StudioResourcesPage *self = STUDIO_RESOURCES_PAGE (object);

  switch (prop_id)
    {
    case PROP_SHOW_GRID:
      g_value_set_boolean (value, self->show_grid);
      break;
    case PROP_PAGED_THRESHOLD:
      g_value_set_uint (value, self->paged_threshold);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
studio_resources_page_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  StudioResourcesPage *self = STUDIO_RESOURCES_PAGE (object);

  switch (prop_id)
    {
    case PROP_SHOW_GRID:
      if (self->show_grid != g_value_get_boolean (value))
        {
          self->show_grid = g_value_get_boolean (value);
          _studio_resources_page_show_grid (self);
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    case PROP_PAGED_THRESHOLD:
      self->paged_threshold = g_value_get_uint (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
studio_resources_page_class_init (StudioResourcesPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  StudioPageClass *page_class = STUDIO_PAGE_CLASS (klass);

  object_class->dispose = studio_resources_page_dispose;
  object_class->finalize = studio_resources_page_finalize;
  object_class->get_property = studio_resources_page_get_property;
  object_class->set_property = studio_resources_page_set_property;

  /**
   * StudioResourcesPage:show-grid:
   *
   * Whether the resources are shown as a grid of thumbnails instead of the table (resources.show-grid).
   */
  properties[PROP_SHOW_GRID] = g_param_spec_boolean ("show-grid", NULL, NULL, FALSE,
                                                     G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY |
                                                     G_PARAM_STATIC_STRINGS);
  /**
   * StudioResourcesPage:paged-threshold:
   *
   * A list of more resources than this is shown a page at a time (its rows read as they are shown, never
   * all), filtered, sorted and searched by the store; used from the next load on. Below it, all the rows are
   * read (20,000 in about 0.15 s) and filtered and sorted in memory.
   */
  properties[PROP_PAGED_THRESHOLD] = g_param_spec_uint ("paged-threshold", NULL, NULL, 0, G_MAXUINT, 20000,
                                                        G_PARAM_READWRITE | G_PARAM_CONSTRUCT |
                                                        G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
  gtk_widget_class_install_property_action (widget_class, "resources.show-grid", "show-grid");
  widget_class->map = studio_resources_page_map;
  page_class->project_changed = studio_resources_page_project_changed;
  page_class->store_changed = studio_resources_page_store_changed;
  page_class->open_subject = studio_resources_page_open_subject;

  /**
   * StudioResourcesPage::filtered:
   *
   * The list was filtered again (a search result arrived, a filter changed).
   */
  signals[SIGNAL_FILTERED] = g_signal_new ("filtered", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                           0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/reslib/Studio/ui/studio-resources-page.ui");
  gtk_widget_class_bind_template_child (widget_class, StudioResourcesPage, resources_stack);
  gtk_widget_class_bind_template_child (widget_class, StudioResourcesPage, resources_view);
  gtk_widget_class_bind_template_child (widget_class, StudioResourcesPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, StudioResourcesPage, type_filter);
  gtk_widget_class_bind_template_child (widget_class, StudioResourcesPage, state_filter);
  gtk_widget_class_bind_template_child (widget_class, StudioResourcesPage, course_filter);
  gtk_widget_class_bind_template_child (widget_class, StudioResourcesPage, import_revealer);
  gtk_widget_class_bind_template_child (widget_class, StudioResourcesPage, list_menu_button);
  gtk_widget_class_bind_template_child (widget_class, StudioResourcesPage, import_progress);
  gtk_widget_class_bind_template_child (widget_class, StudioResourcesPage, count_label);
  gtk_widget_class_bind_template_child (widget_class, StudioResourcesPage, list_stack);
  gtk_widget_class_bind_template_child (widget_class, StudioResourcesPage, detail_stack);
  gtk_widget_class_bind_template_child (widget_class, StudioResourcesPage, many_status);
  gtk_widget_class_bind_template_child (widget_class, StudioResourcesPage, preview_stack);
  gtk_widget_class_bind_template_child (widget_class, StudioResourcesPage, preview_icon);
  gtk_widget_class_bind_template_child (widget_class, StudioResourcesPage, preview_message);
  gtk_widget_class_bind_template_child (widget_class, StudioResourcesPage, preview_picture);
  gtk_widget_class_bind_template_child (widget_class, StudioResourcesPage, preview_video);
  gtk_widget_class_bind_template_child (widget_class, StudioResourcesPage, detail_info);
  gtk_widget_class_bind_template_child (widget_class, StudioResourcesPage, detail_error);
  gtk_widget_class_bind_template_child (widget_class, StudioResourcesPage, detail_list);

  _studio_resources_page_class_actions_init (widget_class);
  _studio_resources_page_class_nodes_init (widget_class);
  _studio_resources_page_class_ids_init (widget_class);
  _studio_resources_page_class_fold_init (widget_class);
  _studio_resources_page_class_replace_init (widget_class);
  _studio_resources_page_class_open_init (widget_class);
}

static void
studio_resources_page_init (StudioResourcesPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->rows_by_id = g_hash_table_new (g_str_hash, g_str_equal);
  self->course_ids = g_ptr_array_new_with_free_func (g_free);
  self->detail_rows = g_ptr_array_new ();
  self->unit_ids = g_ptr_array_new_with_free_func (g_free);

  _studio_resource_columns_add (self->resources_view);
  self->filtered = g_object_new (STUDIO_TYPE_ROW_SUBSET, NULL);
  self->dropped = g_ptr_array_new_with_free_func (g_object_unref);
  self->sorted = gtk_sort_list_model_new (g_object_ref (G_LIST_MODEL (self->filtered)),
                                          g_object_ref (gtk_column_view_get_sorter (self->resources_view)));
  gtk_sort_list_model_set_incremental (self->sorted, TRUE);
  self->stable = studio_stable_rows_new (g_object_ref (G_LIST_MODEL (self->sorted)));
  g_signal_connect_swapped (self->stable, "contents-changed", G_CALLBACK (contents_changed_cb), self);
  self->selection = gtk_multi_selection_new (g_object_ref (G_LIST_MODEL (self->stable)));
  gtk_column_view_set_model (self->resources_view, GTK_SELECTION_MODEL (self->selection));
  g_signal_connect_swapped (self->selection, "selection-changed", G_CALLBACK (selection_changed_cb), self);
  g_signal_connect_swapped (self->selection, "items-changed", G_CALLBACK (selection_changed_cb), self);
  g_signal_connect_swapped (gtk_column_view_get_sorter (self->resources_view), "changed", G_CALLBACK (sorter_changed_cb),
                            self);

  fill_choice_filter (self->type_filter, _("All Types"), reslib_resource_types, reslib_label_resource_type);
  fill_choice_filter (self->state_filter, _("All States"), reslib_resource_states, reslib_label_resource_state);
  g_signal_connect_swapped (self->type_filter, "notify::selected", G_CALLBACK (type_filter_cb), self);
  g_signal_connect_swapped (self->state_filter, "notify::selected", G_CALLBACK (state_filter_cb), self);
  g_signal_connect_swapped (self->course_filter, "notify::selected", G_CALLBACK (course_filter_cb), self);

  gtk_search_entry_set_search_delay (self->search_entry, 0);
  gtk_search_entry_set_key_capture_widget (self->search_entry, GTK_WIDGET (self->resources_view));
  g_signal_connect_swapped (self->search_entry, "search-changed",
                            G_CALLBACK (_studio_resources_page_search_changed), self);

  _studio_resources_page_grid_init (self);
  _studio_resources_page_actions_init (self);
  _studio_resources_page_fold_init (self);
  _studio_resources_page_update_actions (self);
}
