/* studio-contribute-dialog.c — Contribute: choose resources and build a contribution for the lead
 *
 * The picker lists the project's resources; the ones added or changed since the last contribution
 * (reslib_store_list_unsent_resource_ids: content neither sent nor received) are chosen. A search and
 * a course or point narrow the list; Select All and Select None act on what is shown. Build runs a
 * ReslibPackager job of kind "contribution" (progress, Cancel; the session's jobs) into a new file in
 * the folder last used for packages built (else that of the project's last contribution, from
 * package_builds); then the file can be shown in its folder or copied to the clipboard as a file, to
 * hand it over by USB stick, mail or a shared folder. A contribution is never queued for upload: only
 * the Submit page uploads, and only what it built.
 *
 * The output file, building and handing it over are in studio-contribute-dialog-build.c; the two
 * files share studio-contribute-dialog-private.h.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "studio-contribute-dialog-private.h"
#include "studio-contribute-item.h"
#include "studio-tooltip.h"

G_DEFINE_FINAL_TYPE (StudioContributeDialog, studio_contribute_dialog, ADW_TYPE_WINDOW)

/* ---------------------------------------------------------------------------------------------- */
/* What is chosen                                                                                  */

static guint
count_selected (StudioContributeDialog *self)
{
  guint n = 0;

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->items)); i++)
    {
      g_autoptr(StudioContributeItem) item = g_list_model_get_item (G_LIST_MODEL (self->items), i);

      n += studio_contribute_item_get_selected (item);
    }

  return n;
}

void
_studio_contribute_dialog_update_count (StudioContributeDialog *self)
{
  guint n = count_selected (self);
  guint total = g_list_model_get_n_items (G_LIST_MODEL (self->items));
  g_autofree char *text = NULL;

  /* Translators: in the contribution picker: resources chosen, of all the project's */
  text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u of %u resource chosen", "%u of %u resources chosen",
                                       total),
                          n, total);
  gtk_label_set_text (self->count_label, text);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "contribute.build",
                                 n > 0 && self->cancellable == NULL && self->output_path != NULL &&
                                 g_strcmp0 (self->state, "pick") == 0);
  if (g_strcmp0 (self->state, "load") == 0)
    gtk_label_set_text (self->count_label, _("Reading the resources…"));
}

void
_studio_contribute_dialog_set_state (StudioContributeDialog *self,
                                     const char             *state)
{
  self->state = state;
  gtk_stack_set_visible_child_name (self->stack, g_str_equal (state, "load") ? "pick" : state);
  gtk_widget_set_visible (self->build_button, g_str_equal (state, "pick") || g_str_equal (state, "load"));
  /* Once built, nothing is left to cancel. */
  gtk_button_set_label (GTK_BUTTON (self->close_button), g_str_equal (state, "done") ? _("_Close") : _("_Cancel"));
  _studio_contribute_dialog_update_count (self);
}

static void
item_selected_cb (StudioContributeDialog *self)
{
  _studio_contribute_dialog_update_count (self);
}

static void
select_shown (StudioContributeDialog *self,
              gboolean                selected)
{
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->shown)); i++)
    {
      g_autoptr(StudioContributeItem) item = g_list_model_get_item (G_LIST_MODEL (self->shown), i);

      studio_contribute_item_set_selected (item, selected);
    }
}

static void
select_all_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  select_shown (STUDIO_CONTRIBUTE_DIALOG (widget), TRUE);
}

static void
select_none_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  select_shown (STUDIO_CONTRIBUTE_DIALOG (widget), FALSE);
}

/* ---------------------------------------------------------------------------------------------- */
/* The list, its search and its course or point                                                    */

static gboolean
filter_func (gpointer item,
             gpointer user_data)
{
  StudioContributeDialog *self = user_data;

  return studio_contribute_item_matches (item, self->folded_query, self->scope);
}

static void
search_changed_cb (StudioContributeDialog *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));

  g_free (self->folded_query);
  self->folded_query = g_utf8_casefold (g_strstrip (g_strdup (text)), -1);
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
}

static void
scope_changed_cb (StudioContributeDialog *self)
{
  guint selected = gtk_drop_down_get_selected (self->scope_dropdown);

  self->scope = selected < self->scope_sets->len ? g_ptr_array_index (self->scope_sets, selected) : NULL;
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
}

static void
setup_item_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *list_item,
               StudioContributeDialog   *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *check = gtk_check_button_new ();
  GtkWidget *labels = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *title = gtk_label_new (NULL);
  GtkWidget *subtitle = gtk_label_new (NULL);

  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_widget_set_margin_start (box, 6);
  gtk_widget_set_margin_end (box, 6);
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_ellipsize (GTK_LABEL (title), PANGO_ELLIPSIZE_END);
  gtk_label_set_xalign (GTK_LABEL (subtitle), 0);
  gtk_label_set_ellipsize (GTK_LABEL (subtitle), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (subtitle, "dim-label");
  gtk_widget_add_css_class (subtitle, "caption");
  gtk_widget_set_hexpand (labels, TRUE);
  gtk_box_append (GTK_BOX (labels), title);
  gtk_box_append (GTK_BOX (labels), subtitle);
  gtk_box_append (GTK_BOX (box), check);
  gtk_box_append (GTK_BOX (box), labels);
  g_object_set_data (G_OBJECT (box), "check", check);
  g_object_set_data (G_OBJECT (box), "title", title);
  g_object_set_data (G_OBJECT (box), "subtitle", subtitle);
  gtk_list_item_set_child (list_item, box);
  gtk_list_item_set_activatable (list_item, TRUE);
}

static void
bind_item_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *list_item,
              StudioContributeDialog   *self)
{
  GtkWidget *box = gtk_list_item_get_child (list_item);
  StudioContributeItem *item = gtk_list_item_get_item (list_item);
  GtkWidget *check = g_object_get_data (G_OBJECT (box), "check");
  GBinding *binding;

  gtk_label_set_text (g_object_get_data (G_OBJECT (box), "title"), studio_contribute_item_get_title (item));
  gtk_label_set_text (g_object_get_data (G_OBJECT (box), "subtitle"), studio_contribute_item_get_subtitle (item));
  gtk_accessible_update_property (GTK_ACCESSIBLE (check), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  studio_contribute_item_get_title (item), -1);
  binding = g_object_bind_property (item, "selected", check, "active", G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);
  g_object_set_data (G_OBJECT (box), "binding", binding);
}

static void
unbind_item_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *list_item,
                StudioContributeDialog   *self)
{
  GtkWidget *box = gtk_list_item_get_child (list_item);
  GBinding *binding = g_object_get_data (G_OBJECT (box), "binding");

  if (binding != NULL)
    g_binding_unbind (binding);
  g_object_set_data (G_OBJECT (box), "binding", NULL);
}

static void
list_activate_cb (GtkListView            *view,
                  guint                   position,
                  StudioContributeDialog *self)
{
  g_autoptr(StudioContributeItem) item = g_list_model_get_item (G_LIST_MODEL (self->shown), position);

  if (item != NULL)
    studio_contribute_item_set_selected (item, !studio_contribute_item_get_selected (item));
}

static void
load_scopes (StudioContributeDialog *self,
             ReslibStore            *store)
{
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);

  gtk_string_list_append (labels, _("All Courses"));
  g_ptr_array_add (self->scope_ids, NULL);
  g_ptr_array_add (self->scope_sets, NULL);
  studio_contribute_read_scopes (store, self->project_id, labels, self->scope_ids, self->scope_sets);
  gtk_drop_down_set_model (self->scope_dropdown, G_LIST_MODEL (labels));
  gtk_drop_down_set_selected (self->scope_dropdown, 0);
}

static void
read_items_done (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(StudioContributeDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) items = studio_contribute_items_read_finish (result, &error);

  if (self->session == NULL || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (items == NULL)
    {
      gtk_label_set_text (self->error_label, error != NULL ? error->message : "");
      gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
      _studio_contribute_dialog_set_state (self, "pick");
      return;
    }
  for (guint i = 0; i < items->len; i++)
    g_signal_connect_object (g_ptr_array_index (items, i), "notify::selected", G_CALLBACK (item_selected_cb), self,
                             G_CONNECT_SWAPPED);
  /* All at once: the filter sees one change, not one per resource. */
  g_list_store_splice (self->items, 0, 0, items->pdata, items->len);
  _studio_contribute_dialog_set_state (self, "pick");
}

static void
load (StudioContributeDialog *self)
{
  ReslibStore *store = studio_session_get_store (self->session);
  g_autoptr(ReslibRecord) project = NULL;

  if (store == NULL || self->project_id == NULL)
    return;
  project = reslib_store_get (store, RESLIB_KIND_PROJECT, self->project_id, NULL);
  if (project != NULL)
    adw_window_title_set_subtitle (self->window_title, reslib_record_get (project, "name"));
  load_scopes (self, store);

  self->load_cancellable = g_cancellable_new ();
  self->state = "load";
  studio_contribute_items_read_async (store, self->project_id, self->load_cancellable, read_items_done,
                                      g_object_ref (self));
}

/* ---------------------------------------------------------------------------------------------- */
/* Building the window                                                                             */

static GtkWidget *
build_pick_page (StudioContributeDialog *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *intro = gtk_label_new (_("Choose the resources to send to the lead. The ones new or changed since "
                                      "your last contribution are chosen already."));
  GtkWidget *filters = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *bar = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *all = gtk_button_new_with_mnemonic (_("Select _All"));
  GtkWidget *none = gtk_button_new_with_mnemonic (_("Select N_one"));
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  GtkWidget *view;
  GtkWidget *output_list = gtk_list_box_new ();
  GtkWidget *change = gtk_button_new_with_mnemonic (_("_Change…"));
  GtkWidget *older_row;

  gtk_widget_set_margin_top (box, 12);
  gtk_widget_set_margin_bottom (box, 12);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_label_set_wrap (GTK_LABEL (intro), TRUE);
  gtk_label_set_xalign (GTK_LABEL (intro), 0);
  gtk_box_append (GTK_BOX (box), intro);

  self->search_entry = GTK_SEARCH_ENTRY (gtk_search_entry_new ());
  gtk_widget_set_hexpand (GTK_WIDGET (self->search_entry), TRUE);
  g_object_set (self->search_entry, "placeholder-text", _("Search resources"), NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->search_entry), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Search resources"), -1);
  g_signal_connect_swapped (self->search_entry, "search-changed", G_CALLBACK (search_changed_cb), self);
  self->scope_dropdown = GTK_DROP_DOWN (gtk_drop_down_new (NULL, NULL));
  studio_tooltip_set (GTK_WIDGET (self->scope_dropdown), _("Only the resources of a course or point"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->scope_dropdown), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Course or point"), -1);
  g_signal_connect_swapped (self->scope_dropdown, "notify::selected", G_CALLBACK (scope_changed_cb), self);
  gtk_box_append (GTK_BOX (filters), GTK_WIDGET (self->search_entry));
  gtk_box_append (GTK_BOX (filters), GTK_WIDGET (self->scope_dropdown));
  gtk_box_append (GTK_BOX (box), filters);

  self->count_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (self->count_label, 0);
  gtk_widget_set_hexpand (GTK_WIDGET (self->count_label), TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self->count_label), "dim-label");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (all), "contribute.select-all");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (none), "contribute.select-none");
  gtk_widget_add_css_class (all, "flat");
  gtk_widget_add_css_class (none, "flat");
  gtk_box_append (GTK_BOX (bar), GTK_WIDGET (self->count_label));
  gtk_box_append (GTK_BOX (bar), all);
  gtk_box_append (GTK_BOX (bar), none);
  gtk_box_append (GTK_BOX (box), bar);

  g_signal_connect (factory, "setup", G_CALLBACK (setup_item_cb), self);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_item_cb), self);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_item_cb), self);
  view = gtk_list_view_new (GTK_SELECTION_MODEL (gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->shown)))),
                            factory);
  gtk_list_view_set_single_click_activate (GTK_LIST_VIEW (view), FALSE);
  g_signal_connect (view, "activate", G_CALLBACK (list_activate_cb), self);
  gtk_widget_add_css_class (view, "rich-list");
  gtk_accessible_update_property (GTK_ACCESSIBLE (view), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Resources"), -1);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), view);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_widget_set_vexpand (scrolled, TRUE);
  gtk_widget_add_css_class (scrolled, "card");
  gtk_box_append (GTK_BOX (box), scrolled);

  self->error_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (self->error_label, TRUE);
  gtk_label_set_xalign (self->error_label, 0);
  gtk_widget_add_css_class (GTK_WIDGET (self->error_label), "error");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->error_label));

  gtk_list_box_set_selection_mode (GTK_LIST_BOX (output_list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (output_list, "boxed-list");
  self->output_row = ADW_ACTION_ROW (adw_action_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->output_row), _("Save as"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (change), "contribute.choose-output");
  gtk_widget_set_valign (change, GTK_ALIGN_CENTER);
  adw_action_row_add_suffix (self->output_row, change);
  gtk_list_box_append (GTK_LIST_BOX (output_list), GTK_WIDGET (self->output_row));
  /* A lead whose release is older reads format 1 only: records without their base versions. */
  older_row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (older_row), _("For an older release"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (older_row),
                               _("Format 1, which every release of ResLib Studio reads, for a lead who has not updated"));
  self->older_switch = GTK_SWITCH (gtk_switch_new ());
  gtk_widget_set_valign (GTK_WIDGET (self->older_switch), GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->older_switch), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("For an older release"), -1);
  adw_action_row_add_suffix (ADW_ACTION_ROW (older_row), GTK_WIDGET (self->older_switch));
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (older_row), GTK_WIDGET (self->older_switch));
  gtk_list_box_append (GTK_LIST_BOX (output_list), older_row);
  gtk_box_append (GTK_BOX (box), output_list);

  return box;
}

static void
studio_contribute_dialog_dispose (GObject *object)
{
  StudioContributeDialog *self = STUDIO_CONTRIBUTE_DIALOG (object);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  if (self->load_cancellable != NULL)
    g_cancellable_cancel (self->load_cancellable);
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  g_clear_object (&self->shown);
  g_clear_object (&self->items);
  g_clear_object (&self->session);

  G_OBJECT_CLASS (studio_contribute_dialog_parent_class)->dispose (object);
}

static void
studio_contribute_dialog_finalize (GObject *object)
{
  StudioContributeDialog *self = STUDIO_CONTRIBUTE_DIALOG (object);

  g_clear_object (&self->cancellable);
  g_clear_object (&self->load_cancellable);
  g_free (self->project_id);
  g_free (self->folded_query);
  g_free (self->output_path);
  g_free (self->built_path);
  g_ptr_array_unref (self->scope_ids);
  g_ptr_array_unref (self->scope_sets);

  G_OBJECT_CLASS (studio_contribute_dialog_parent_class)->finalize (object);
}

static void
studio_contribute_dialog_class_init (StudioContributeDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = studio_contribute_dialog_dispose;
  object_class->finalize = studio_contribute_dialog_finalize;

  gtk_widget_class_install_action (widget_class, "contribute.select-all", NULL, select_all_action);
  gtk_widget_class_install_action (widget_class, "contribute.select-none", NULL, select_none_action);
  _studio_contribute_dialog_class_init_build (widget_class);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "contribute.cancel", NULL);
}

static void
scope_set_free (gpointer set)
{
  if (set != NULL)
    g_hash_table_unref (set);
}

static void
studio_contribute_dialog_init (StudioContributeDialog *self)
{
  GtkWidget *content = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = adw_header_bar_new ();
  GtkWidget *cancel = gtk_button_new_with_mnemonic (_("_Cancel"));

  self->items = g_list_store_new (STUDIO_TYPE_CONTRIBUTE_ITEM);
  self->filter = gtk_custom_filter_new (filter_func, self, NULL);
  self->shown = gtk_filter_list_model_new (g_object_ref (G_LIST_MODEL (self->items)), GTK_FILTER (self->filter));
  self->scope_ids = g_ptr_array_new_with_free_func (g_free);
  self->scope_sets = g_ptr_array_new_with_free_func (scope_set_free);
  self->state = "pick";

  gtk_window_set_title (GTK_WINDOW (self), _("Contribute"));
  gtk_window_set_default_size (GTK_WINDOW (self), 640, 640);
  gtk_window_set_modal (GTK_WINDOW (self), TRUE);
  gtk_window_set_destroy_with_parent (GTK_WINDOW (self), TRUE);

  self->window_title = ADW_WINDOW_TITLE (adw_window_title_new (_("Contribute"), NULL));
  adw_header_bar_set_title_widget (ADW_HEADER_BAR (header), GTK_WIDGET (self->window_title));
  adw_header_bar_set_show_end_title_buttons (ADW_HEADER_BAR (header), FALSE);
  adw_header_bar_set_show_start_title_buttons (ADW_HEADER_BAR (header), FALSE);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (cancel), "window.close");
  adw_header_bar_pack_start (ADW_HEADER_BAR (header), cancel);
  self->close_button = cancel;
  self->build_button = gtk_button_new_with_mnemonic (_("_Build Contribution"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->build_button), "contribute.build");
  gtk_widget_add_css_class (self->build_button, "suggested-action");
  adw_header_bar_pack_end (ADW_HEADER_BAR (header), self->build_button);
  gtk_box_append (GTK_BOX (content), header);

  self->stack = GTK_STACK (gtk_stack_new ());
  gtk_widget_set_vexpand (GTK_WIDGET (self->stack), TRUE);
  gtk_stack_add_named (self->stack, build_pick_page (self), "pick");
  gtk_stack_add_named (self->stack, _studio_contribute_dialog_progress_page (self), "build");
  gtk_stack_add_named (self->stack, _studio_contribute_dialog_done_page (self), "done");
  gtk_box_append (GTK_BOX (content), GTK_WIDGET (self->stack));
  adw_window_set_content (ADW_WINDOW (self), content);
}

/* ---------------------------------------------------------------------------------------------- */
/* Public API                                                                                      */

/**
 * studio_contribute_dialog_new:
 * @session: the session; its current project is the one contributed
 *
 * Returns: (transfer none): a new dialog, with the resources new or changed since the last
 *   contribution chosen; GTK keeps it until it is closed.
 */
StudioContributeDialog *
studio_contribute_dialog_new (StudioSession *session)
{
  StudioContributeDialog *self;
  g_autofree char *dir = NULL;

  g_return_val_if_fail (STUDIO_IS_SESSION (session), NULL);

  self = g_object_new (STUDIO_TYPE_CONTRIBUTE_DIALOG, NULL);
  self->session = g_object_ref (session);
  self->project_id = g_strdup (studio_session_get_project_id (session));
  load (self);
  if (self->project_id != NULL && studio_session_get_store (session) != NULL)
    {
      dir = _studio_contribute_dialog_default_folder (self);
      self->output_path = _studio_contribute_dialog_new_output_path (self, dir);
    }
  _studio_contribute_dialog_show_output (self);
  _studio_contribute_dialog_set_state (self, self->state);

  return self;
}

/**
 * studio_contribute_dialog_dup_selected:
 *
 * Returns: (transfer full): the ids of the resources chosen, in the store's order
 */
GStrv
studio_contribute_dialog_dup_selected (StudioContributeDialog *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  g_return_val_if_fail (STUDIO_IS_CONTRIBUTE_DIALOG (self), NULL);

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->items)); i++)
    {
      g_autoptr(StudioContributeItem) item = g_list_model_get_item (G_LIST_MODEL (self->items), i);

      if (studio_contribute_item_get_selected (item))
        g_strv_builder_add (builder, studio_contribute_item_get_id (item));
    }

  return g_strv_builder_end (builder);
}

/**
 * studio_contribute_dialog_get_shown:
 *
 * Returns: (transfer none): the items the search and the course or point leave shown
 */
GListModel *
studio_contribute_dialog_get_shown (StudioContributeDialog *self)
{
  g_return_val_if_fail (STUDIO_IS_CONTRIBUTE_DIALOG (self), NULL);

  return G_LIST_MODEL (self->shown);
}

void
studio_contribute_dialog_set_search (StudioContributeDialog *self,
                                     const char             *text)
{
  g_return_if_fail (STUDIO_IS_CONTRIBUTE_DIALOG (self));

  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), text != NULL ? text : "");
  /* At once, not after the entry's delay. */
  search_changed_cb (self);
}

/**
 * studio_contribute_dialog_set_scope:
 * @course_or_node_id: (nullable): a course or node of the project; %NULL for all
 *
 * Returns: whether the list now shows the resources of that course or point only
 */
gboolean
studio_contribute_dialog_set_scope (StudioContributeDialog *self,
                                    const char             *course_or_node_id)
{
  g_return_val_if_fail (STUDIO_IS_CONTRIBUTE_DIALOG (self), FALSE);

  for (guint i = 0; i < self->scope_ids->len; i++)
    if (g_strcmp0 (g_ptr_array_index (self->scope_ids, i), course_or_node_id) == 0)
      {
        gtk_drop_down_set_selected (self->scope_dropdown, i);
        return TRUE;
      }

  return FALSE;
}

const char *
studio_contribute_dialog_get_output_path (StudioContributeDialog *self)
{
  g_return_val_if_fail (STUDIO_IS_CONTRIBUTE_DIALOG (self), NULL);

  return self->output_path;
}

void
studio_contribute_dialog_set_output_path (StudioContributeDialog *self,
                                          const char             *path)
{
  g_return_if_fail (STUDIO_IS_CONTRIBUTE_DIALOG (self));

  g_free (self->output_path);
  self->output_path = g_strdup (path);
  _studio_contribute_dialog_show_output (self);
}

/**
 * studio_contribute_dialog_get_built_path:
 *
 * Returns: (nullable): the contribution built, once it is
 */
const char *
studio_contribute_dialog_get_built_path (StudioContributeDialog *self)
{
  g_return_val_if_fail (STUDIO_IS_CONTRIBUTE_DIALOG (self), NULL);

  return self->built_path;
}

/**
 * studio_contribute_dialog_get_state:
 *
 * Returns: "load" (reading the resources), "pick" (choosing), "build" (building) or "done" (built)
 */
const char *
studio_contribute_dialog_get_state (StudioContributeDialog *self)
{
  g_return_val_if_fail (STUDIO_IS_CONTRIBUTE_DIALOG (self), NULL);

  return self->state;
}
