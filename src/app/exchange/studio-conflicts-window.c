/* studio-conflicts-window.c — the records a package and this library both changed, side by side
 *
 * An import that finds a record changed here and in the package since they last exchanged it keeps
 * the local version and the package's as a conflict (reslib-store-conflicts). This window lists the
 * unresolved conflicts of the session's project (kind, title, package, when) and shows the selected
 * one field by field: the field's name, this library's value and the package's, the differing
 * fields marked, the equal ones dimmed (or hidden with "Only differences"). Keep Mine, Take Theirs
 * and, for a resource, Keep Both resolve it in the store (reslib_store_resolve_conflict); the
 * store's change reaches the pages through the session, and the window moves on to the next one.
 *
 * It is opened by win.show-conflicts; it follows the session (another project, new conflicts from
 * another import) while it is open.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "reslib-labels.h"
#include "studio-conflict-fields.h"
#include "studio-conflicts-window.h"
#include "studio-page.h"

struct _StudioConflictsWindow
{
  AdwWindow        parent_instance;

  StudioSession   *session;
  GListModel      *conflicts;        /* of ReslibConflict, unresolved, of the session's project */
  ReslibConflict  *selected;
  gboolean         only_differences;
  guint            reload_id;

  AdwToastOverlay *toast_overlay;
  AdwWindowTitle  *title;
  GtkStack        *stack;
  GtkListBox      *list;
  GtkLabel        *record_title;
  GtkLabel        *record_details;
  GtkGrid         *fields_grid;
  GtkCheckButton  *only_differences_check;
  GtkWidget       *keep_mine_button;
  GtkWidget       *take_theirs_button;
  GtkWidget       *keep_both_button;
};

G_DEFINE_FINAL_TYPE (StudioConflictsWindow, studio_conflicts_window, ADW_TYPE_WINDOW)

static void show_selected (StudioConflictsWindow *self);

/* ---------------------------------------------------------------------------------------------- */
/* The list                                                                                        */

static char *
conflict_subtitle (ReslibConflict *conflict)
{
  g_autofree char *when = studio_conflict_format_time (reslib_conflict_get_received_at (conflict));
  const char *bag = reslib_conflict_get_bag (conflict);

  /* Translators: a conflict in the list: the kind of record, the package it came from, when it came,
   * e.g. "resource · 张老师-contribution-20261206 · 2026-12-06 10:12" */
  return g_strdup_printf (_("%s · %s · %s"), reslib_label_kind (reslib_conflict_get_kind (conflict)),
                          bag != NULL ? bag : "", when != NULL ? when : "");
}

/* The record's name as this library has it (the one the user knows), else as the package has it;
 * never its id. */
static char *
conflict_title (StudioConflictsWindow *self,
                ReslibConflict        *conflict)
{
  ReslibStore *store = studio_session_get_store (self->session);
  g_autoptr(ReslibRecord) mine = NULL;
  const char *title = NULL;

  if (store != NULL)
    mine = reslib_store_get (store, reslib_conflict_get_kind (conflict), reslib_conflict_get_record_id (conflict),
                             NULL);
  if (mine != NULL)
    title = studio_conflict_record_name (mine);
  if (title == NULL || *title == '\0')
    {
      title = reslib_conflict_get_title (conflict);
      if (g_strcmp0 (title, reslib_conflict_get_record_id (conflict)) == 0)
        title = NULL;
    }

  return g_strdup (title != NULL && *title != '\0' ? title : _("(untitled)"));
}

static GtkWidget *
create_row (gpointer item,
            gpointer user_data)
{
  ReslibConflict *conflict = item;
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *title = conflict_title (user_data, conflict);
  g_autofree char *subtitle = conflict_subtitle (conflict);
  g_autofree char *accessible = NULL;

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  /* Wrapped, not cut: the package's name and the time are what tell two conflicts apart. */
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 0);
  accessible = g_strdup_printf ("%s, %s", title, subtitle);
  studio_set_accessible_label (row, accessible);
  g_object_set_data_full (G_OBJECT (row), "conflict", g_object_ref (conflict), g_object_unref);

  return row;
}

static void
update_title (StudioConflictsWindow *self)
{
  guint n = self->conflicts != NULL ? g_list_model_get_n_items (self->conflicts) : 0;
  g_autofree char *subtitle = NULL;

  if (n > 0)
    /* Translators: under the title of the conflicts window */
    subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u to resolve", "%u to resolve", n), n);
  adw_window_title_set_subtitle (self->title, subtitle != NULL ? subtitle : "");
  gtk_stack_set_visible_child_name (self->stack, n > 0 ? "conflicts" : "empty");
}

static GtkListBoxRow *
row_of (StudioConflictsWindow *self,
        gint64                 id,
        guint                 *position)
{
  for (guint i = 0; self->conflicts != NULL && i < g_list_model_get_n_items (self->conflicts); i++)
    {
      g_autoptr(ReslibConflict) conflict = g_list_model_get_item (self->conflicts, i);

      if (reslib_conflict_get_id (conflict) == id)
        {
          if (position != NULL)
            *position = i;
          return gtk_list_box_get_row_at_index (self->list, (int) i);
        }
    }
  return NULL;
}

/* Reads the list again; keeps the selected conflict, or the one at its place when it is gone. */
static void
reload (StudioConflictsWindow *self)
{
  ReslibStore *store = studio_session_get_store (self->session);
  const char *project_id = studio_session_get_project_id (self->session);
  g_autoptr(GError) error = NULL;
  gint64 selected_id = self->selected != NULL ? reslib_conflict_get_id (self->selected) : 0;
  int selected_index = -1;
  GtkListBoxRow *row;

  if (self->selected != NULL)
    {
      GtkListBoxRow *old = gtk_list_box_get_selected_row (self->list);

      selected_index = old != NULL ? gtk_list_box_row_get_index (old) : -1;
    }

  g_clear_object (&self->conflicts);
  if (store != NULL && project_id != NULL)
    {
      self->conflicts = reslib_store_list_conflicts (store, project_id, &error);
      if (self->conflicts == NULL)
        g_message ("The conflicts could not be read: %s", error->message);
    }
  if (self->conflicts == NULL)
    self->conflicts = G_LIST_MODEL (g_list_store_new (RESLIB_TYPE_CONFLICT));
  gtk_list_box_bind_model (self->list, self->conflicts, create_row, self, NULL);
  update_title (self);

  row = selected_id != 0 ? row_of (self, selected_id, NULL) : NULL;
  if (row == NULL && g_list_model_get_n_items (self->conflicts) > 0)
    row = gtk_list_box_get_row_at_index (self->list,
                                         CLAMP (selected_index, 0, (int) g_list_model_get_n_items (self->conflicts) - 1));
  g_clear_object (&self->selected);
  gtk_list_box_select_row (self->list, row);
  if (row == NULL)
    show_selected (self);
}

static gboolean
reload_idle_cb (gpointer data)
{
  StudioConflictsWindow *self = data;

  self->reload_id = 0;
  reload (self);

  return G_SOURCE_REMOVE;
}

static void
session_changed_cb (StudioConflictsWindow *self)
{
  if (self->reload_id == 0)
    self->reload_id = g_idle_add (reload_idle_cb, self);
}

static void
row_selected_cb (GtkListBox            *list,
                 GtkListBoxRow         *row,
                 StudioConflictsWindow *self)
{
  ReslibConflict *conflict = row != NULL ? g_object_get_data (G_OBJECT (row), "conflict") : NULL;

  if (self->session == NULL)
    return;
  g_set_object (&self->selected, conflict);
  show_selected (self);
}

/* ---------------------------------------------------------------------------------------------- */
/* The selected conflict, field by field                                                           */

static GtkWidget *
value_label (const char *text,
             gboolean    is_list,
             gboolean    differs)
{
  GtkWidget *label = gtk_label_new (NULL);
  g_autofree char *shown = NULL;

  if (text == NULL)
    {
      /* Translators: a field with no value in one of the two versions */
      gtk_label_set_text (GTK_LABEL (label), _("(empty)"));
      gtk_widget_add_css_class (label, "dim-label");
    }
  else if (is_list)
    {
      g_auto(GStrv) items = g_strsplit (text, "\n", -1);
      g_autoptr(GString) out = g_string_new (NULL);

      for (guint i = 0; items[i] != NULL; i++)
        g_string_append_printf (out, "%s• %s", i > 0 ? "\n" : "", items[i]);
      gtk_label_set_text (GTK_LABEL (label), out->str);
    }
  else
    gtk_label_set_text (GTK_LABEL (label), text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_yalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 40);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_widget_add_css_class (label, "conflict-value");
  if (differs)
    gtk_widget_add_css_class (label, "conflict-differs");
  else
    gtk_widget_add_css_class (label, "dim-label");

  return label;
}

static void
clear_grid (GtkGrid *grid)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (grid))) != NULL)
    gtk_grid_remove (grid, child);
}

static GtkWidget *
header_label (const char *text,
              gboolean    over_values)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  /* In line with the values, which are padded (.conflict-value). */
  if (over_values)
    gtk_widget_set_margin_start (label, 8);
  gtk_widget_add_css_class (label, "heading");

  return label;
}

static void
show_selected (StudioConflictsWindow *self)
{
  ReslibStore *store = studio_session_get_store (self->session);
  ReslibConflict *conflict = self->selected;
  g_autoptr(ReslibRecord) mine = NULL;
  g_autoptr(GPtrArray) fields = NULL;
  g_autofree char *details = NULL;
  guint n_differing = 0;
  int line = 1;

  clear_grid (self->fields_grid);
  gtk_widget_set_sensitive (self->keep_mine_button, conflict != NULL);
  gtk_widget_set_sensitive (self->take_theirs_button, conflict != NULL);
  gtk_widget_set_visible (self->keep_both_button, conflict != NULL && reslib_conflict_can_keep_both (conflict));
  if (conflict == NULL || store == NULL)
    {
      gtk_label_set_text (self->record_title, "");
      gtk_label_set_text (self->record_details, "");
      return;
    }

  mine = reslib_store_get (store, reslib_conflict_get_kind (conflict), reslib_conflict_get_record_id (conflict), NULL);
  fields = studio_conflict_fields (store, reslib_conflict_get_kind (conflict), mine,
                                   reslib_conflict_get_theirs (conflict));

  gtk_grid_attach (self->fields_grid, header_label (_("Field"), FALSE), 0, 0, 1, 1);
  /* Translators: the column of this library's version of a record in the conflicts window */
  gtk_grid_attach (self->fields_grid, header_label (_("Mine"), TRUE), 1, 0, 1, 1);
  /* Translators: the column of the package's version of a record in the conflicts window */
  gtk_grid_attach (self->fields_grid, header_label (_("Theirs"), TRUE), 2, 0, 1, 1);
  for (guint i = 0; i < fields->len; i++)
    {
      StudioConflictField *field = g_ptr_array_index (fields, i);
      GtkWidget *name, *mine_label, *theirs_label;
      g_autofree char *accessible = NULL;

      if (field->differs)
        n_differing++;
      if (!field->differs && self->only_differences)
        continue;
      name = gtk_label_new (field->label);
      gtk_label_set_xalign (GTK_LABEL (name), 0);
      gtk_label_set_yalign (GTK_LABEL (name), 0);
      gtk_label_set_wrap (GTK_LABEL (name), TRUE);
      gtk_widget_add_css_class (name, "conflict-name");
      gtk_widget_add_css_class (name, field->differs ? "conflict-differs-name" : "dim-label");
      mine_label = value_label (field->mine, field->is_list, field->differs);
      theirs_label = value_label (field->theirs, field->is_list, field->differs);
      /* Translators: how a screen reader names a value in the conflicts window: the field, then whose */
      accessible = g_strdup_printf (field->differs ? _("%s, mine, differs") : _("%s, mine"), field->label);
      studio_set_accessible_label (mine_label, accessible);
      g_free (accessible);
      accessible = g_strdup_printf (field->differs ? _("%s, theirs, differs") : _("%s, theirs"), field->label);
      studio_set_accessible_label (theirs_label, accessible);
      g_object_set_data (G_OBJECT (mine_label), "field", (gpointer) field->name);
      g_object_set_data (G_OBJECT (theirs_label), "field", (gpointer) field->name);
      gtk_grid_attach (self->fields_grid, name, 0, line, 1, 1);
      gtk_grid_attach (self->fields_grid, mine_label, 1, line, 1, 1);
      gtk_grid_attach (self->fields_grid, theirs_label, 2, line, 1, 1);
      line++;
    }

  {
    g_autofree char *title = conflict_title (self, conflict);

    gtk_label_set_text (self->record_title, title);
  }
  {
    g_autofree char *subtitle = conflict_subtitle (conflict);
    g_autofree char *counts = NULL;

    if (mine == NULL)
      counts = g_strdup (_("This library no longer has its own version."));
    else
      /* Translators: in the conflicts window, how many fields the two versions differ in */
      counts = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u field differs.", "%u fields differ.", n_differing),
                                n_differing);
    details = g_strdup_printf ("%s\n%s", subtitle, counts);
  }
  gtk_label_set_text (self->record_details, details);
}

static void
only_differences_cb (GtkCheckButton        *check,
                     GParamSpec            *pspec,
                     StudioConflictsWindow *self)
{
  self->only_differences = gtk_check_button_get_active (check);
  show_selected (self);
}

/* ---------------------------------------------------------------------------------------------- */
/* Resolving                                                                                       */

/**
 * studio_conflicts_window_resolve:
 * @choice: what to keep
 *
 * Resolves the selected conflict as Keep Mine, Take Theirs or Keep Both do, then selects the next one.
 *
 * Returns: whether it was resolved; a failure was shown
 */
gboolean
studio_conflicts_window_resolve (StudioConflictsWindow *self,
                                 ReslibConflictChoice   choice)
{
  ReslibStore *store = studio_session_get_store (self->session);
  g_autoptr(ReslibConflict) conflict = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  g_autofree char *escaped = NULL;
  g_autofree char *title = NULL;
  guint position = 0;

  g_return_val_if_fail (STUDIO_IS_CONFLICTS_WINDOW (self), FALSE);

  if (self->selected == NULL || store == NULL)
    return FALSE;
  conflict = g_object_ref (self->selected);
  if (choice == RESLIB_CONFLICT_KEEP_BOTH && !reslib_conflict_can_keep_both (conflict))
    return FALSE;
  title = conflict_title (self, conflict);

  if (!reslib_store_resolve_conflict (store, reslib_conflict_get_id (conflict), choice, &error))
    {
      GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (self), _("The conflict could not be resolved"),
                                                  error->message);

      adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
      gtk_window_present (GTK_WINDOW (dialog));
      reload (self);
      return FALSE;
    }

  switch (choice)
    {
    case RESLIB_CONFLICT_KEEP_MINE:
      /* Translators: after resolving a conflict; %s is the record's title */
      message = g_strdup_printf (_("Kept your version of “%s”"), title);
      break;
    case RESLIB_CONFLICT_TAKE_THEIRS:
      /* Translators: after resolving a conflict; %s is the record's title */
      message = g_strdup_printf (_("Took the package’s version of “%s”"), title);
      break;
    case RESLIB_CONFLICT_KEEP_BOTH:
    default:
      /* Translators: after resolving a conflict; %s is the record's title */
      message = g_strdup_printf (_("Kept both versions of “%s”"), title);
      break;
    }
  escaped = g_markup_escape_text (message, -1);
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (escaped));

  /* The next one takes its place in the list. */
  row_of (self, reslib_conflict_get_id (conflict), &position);
  g_clear_handle_id (&self->reload_id, g_source_remove);
  reload (self);
  if (g_list_model_get_n_items (self->conflicts) > 0)
    {
      GtkListBoxRow *row = gtk_list_box_get_row_at_index (self->list,
                                                          (int) MIN (position, g_list_model_get_n_items (self->conflicts) - 1));

      gtk_list_box_select_row (self->list, row);
      gtk_widget_grab_focus (GTK_WIDGET (row));
    }

  return TRUE;
}

static void
resolve_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  StudioConflictsWindow *self = STUDIO_CONFLICTS_WINDOW (widget);
  const char *nick = g_variant_get_string (parameter, NULL);
  ReslibConflictChoice choice;

  if (g_str_equal (nick, "mine"))
    choice = RESLIB_CONFLICT_KEEP_MINE;
  else if (g_str_equal (nick, "theirs"))
    choice = RESLIB_CONFLICT_TAKE_THEIRS;
  else if (g_str_equal (nick, "both"))
    choice = RESLIB_CONFLICT_KEEP_BOTH;
  else
    return;
  studio_conflicts_window_resolve (self, choice);
}

/* ---------------------------------------------------------------------------------------------- */
/* Building                                                                                        */

static GtkWidget *
resolve_button (const char *label,
                const char *accessible,
                const char *nick)
{
  GtkWidget *button = gtk_button_new_with_mnemonic (label);

  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "conflicts.resolve");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s", nick);
  studio_set_accessible_label (button, accessible);

  return button;
}

static void
build (StudioConflictsWindow *self)
{
  GtkWidget *toolbar = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = adw_header_bar_new ();
  GtkWidget *empty = adw_status_page_new ();
  GtkWidget *paned = gtk_paned_new (GTK_ORIENTATION_HORIZONTAL);
  GtkWidget *list_scroll = gtk_scrolled_window_new ();
  GtkWidget *detail = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *fields_scroll = gtk_scrolled_window_new ();
  GtkWidget *buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *spacer = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);

  self->toast_overlay = ADW_TOAST_OVERLAY (adw_toast_overlay_new ());
  self->title = ADW_WINDOW_TITLE (adw_window_title_new (_("Conflicts"), NULL));
  adw_header_bar_set_title_widget (ADW_HEADER_BAR (header), GTK_WIDGET (self->title));
  gtk_box_append (GTK_BOX (toolbar), header);

  self->stack = GTK_STACK (gtk_stack_new ());
  gtk_widget_set_vexpand (GTK_WIDGET (self->stack), TRUE);
  adw_status_page_set_icon_name (ADW_STATUS_PAGE (empty), "emblem-ok-symbolic");
  adw_status_page_set_title (ADW_STATUS_PAGE (empty), _("No Conflicts"));
  adw_status_page_set_description (ADW_STATUS_PAGE (empty),
                                   _("Everything the imported packages brought is merged."));
  gtk_stack_add_named (self->stack, empty, "empty");

  /* The list */
  self->list = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_list_box_set_selection_mode (self->list, GTK_SELECTION_BROWSE);
  gtk_widget_add_css_class (GTK_WIDGET (self->list), "navigation-sidebar");
  studio_set_accessible_label (self->list, _("Conflicts to resolve"));
  g_signal_connect (self->list, "row-selected", G_CALLBACK (row_selected_cb), self);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (list_scroll), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (list_scroll), GTK_WIDGET (self->list));
  gtk_widget_set_size_request (list_scroll, 260, -1);
  gtk_paned_set_start_child (GTK_PANED (paned), list_scroll);
  gtk_paned_set_resize_start_child (GTK_PANED (paned), FALSE);
  gtk_paned_set_shrink_start_child (GTK_PANED (paned), FALSE);
  gtk_paned_set_position (GTK_PANED (paned), 300);

  /* The selected one */
  gtk_widget_set_margin_top (detail, 18);
  gtk_widget_set_margin_bottom (detail, 18);
  gtk_widget_set_margin_start (detail, 18);
  gtk_widget_set_margin_end (detail, 18);
  self->record_title = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (self->record_title, 0);
  gtk_label_set_wrap (self->record_title, TRUE);
  gtk_label_set_selectable (self->record_title, TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self->record_title), "title-2");
  gtk_box_append (GTK_BOX (detail), GTK_WIDGET (self->record_title));
  self->record_details = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (self->record_details, 0);
  gtk_label_set_wrap (self->record_details, TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self->record_details), "dim-label");
  gtk_box_append (GTK_BOX (detail), GTK_WIDGET (self->record_details));

  self->fields_grid = GTK_GRID (gtk_grid_new ());
  gtk_grid_set_column_spacing (self->fields_grid, 18);
  gtk_grid_set_row_spacing (self->fields_grid, 10);
  studio_set_accessible_label (self->fields_grid, _("The two versions, field by field"));
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (fields_scroll), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (fields_scroll), GTK_WIDGET (self->fields_grid));
  gtk_widget_set_vexpand (fields_scroll, TRUE);
  gtk_box_append (GTK_BOX (detail), fields_scroll);

  self->only_differences_check = GTK_CHECK_BUTTON (gtk_check_button_new_with_mnemonic (_("_Only differences")));
  studio_set_accessible_label (self->only_differences_check, _("Only differences"));
  g_signal_connect (self->only_differences_check, "notify::active", G_CALLBACK (only_differences_cb), self);
  gtk_box_append (GTK_BOX (buttons), GTK_WIDGET (self->only_differences_check));
  gtk_widget_set_hexpand (spacer, TRUE);
  gtk_box_append (GTK_BOX (buttons), spacer);
  self->keep_both_button = resolve_button (_("Keep _Both"), _("Keep Both"), "both");
  gtk_box_append (GTK_BOX (buttons), self->keep_both_button);
  self->take_theirs_button = resolve_button (_("_Take Theirs"), _("Take Theirs"), "theirs");
  gtk_box_append (GTK_BOX (buttons), self->take_theirs_button);
  self->keep_mine_button = resolve_button (_("Keep _Mine"), _("Keep Mine"), "mine");
  gtk_widget_add_css_class (self->keep_mine_button, "suggested-action");
  gtk_box_append (GTK_BOX (buttons), self->keep_mine_button);
  gtk_box_append (GTK_BOX (detail), buttons);

  gtk_paned_set_end_child (GTK_PANED (paned), detail);
  gtk_paned_set_shrink_end_child (GTK_PANED (paned), FALSE);
  gtk_stack_add_named (self->stack, paned, "conflicts");

  gtk_box_append (GTK_BOX (toolbar), GTK_WIDGET (self->stack));
  adw_toast_overlay_set_child (self->toast_overlay, toolbar);
  adw_window_set_content (ADW_WINDOW (self), GTK_WIDGET (self->toast_overlay));
}

static void
studio_conflicts_window_dispose (GObject *object)
{
  StudioConflictsWindow *self = STUDIO_CONFLICTS_WINDOW (object);

  g_clear_handle_id (&self->reload_id, g_source_remove);
  if (self->list != NULL)
    g_signal_handlers_disconnect_by_func (self->list, row_selected_cb, self);
  if (self->session != NULL)
    g_signal_handlers_disconnect_by_data (self->session, self);
  g_clear_object (&self->session);
  g_clear_object (&self->selected);
  g_clear_object (&self->conflicts);

  G_OBJECT_CLASS (studio_conflicts_window_parent_class)->dispose (object);
}

static void
studio_conflicts_window_class_init (StudioConflictsWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = studio_conflicts_window_dispose;

  gtk_widget_class_install_action (widget_class, "conflicts.resolve", "s", resolve_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_w, GDK_CONTROL_MASK, "window.close", NULL);
}

static void
studio_conflicts_window_init (StudioConflictsWindow *self)
{
  gtk_window_set_title (GTK_WINDOW (self), _("Conflicts"));
  gtk_window_set_default_size (GTK_WINDOW (self), 1000, 640);
  build (self);
}

/**
 * studio_conflicts_window_new:
 * @parent: (nullable): the window it is opened from
 * @session: the session, whose project's conflicts it shows
 *
 * Returns: (transfer none): a new window, not yet shown; it goes with @parent
 */
StudioConflictsWindow *
studio_conflicts_window_new (GtkWindow     *parent,
                             StudioSession *session)
{
  StudioConflictsWindow *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (STUDIO_IS_SESSION (session), NULL);

  self = g_object_new (STUDIO_TYPE_CONFLICTS_WINDOW,
                       "transient-for", parent,
                       "destroy-with-parent", TRUE,
                       NULL);
  self->session = g_object_ref (session);
  g_signal_connect_swapped (session, "changed", G_CALLBACK (session_changed_cb), self);
  g_signal_connect_swapped (session, "notify::project-id", G_CALLBACK (session_changed_cb), self);
  reload (self);
  /* The keyboard starts in the list: Up and Down go through the conflicts, Alt+M, T, B resolve. */
  {
    GtkListBoxRow *row = gtk_list_box_get_selected_row (self->list);

    if (row != NULL)
      gtk_window_set_focus (GTK_WINDOW (self), GTK_WIDGET (row));
  }

  return self;
}

/**
 * studio_conflicts_window_get_n_items:
 *
 * Returns: how many conflicts the list shows
 */
guint
studio_conflicts_window_get_n_items (StudioConflictsWindow *self)
{
  g_return_val_if_fail (STUDIO_IS_CONFLICTS_WINDOW (self), 0);

  return self->conflicts != NULL ? g_list_model_get_n_items (self->conflicts) : 0;
}

/**
 * studio_conflicts_window_get_selected:
 *
 * Returns: the id of the conflict shown, or 0
 */
gint64
studio_conflicts_window_get_selected (StudioConflictsWindow *self)
{
  g_return_val_if_fail (STUDIO_IS_CONFLICTS_WINDOW (self), 0);

  return self->selected != NULL ? reslib_conflict_get_id (self->selected) : 0;
}

/**
 * studio_conflicts_window_select:
 * @conflict_id: a conflict in the list
 *
 * Returns: whether it is in the list, and now shown
 */
gboolean
studio_conflicts_window_select (StudioConflictsWindow *self,
                                gint64                 conflict_id)
{
  GtkListBoxRow *row;

  g_return_val_if_fail (STUDIO_IS_CONFLICTS_WINDOW (self), FALSE);

  row = row_of (self, conflict_id, NULL);
  if (row == NULL)
    return FALSE;
  gtk_list_box_select_row (self->list, row);

  return TRUE;
}
