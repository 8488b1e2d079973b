/* test-dossier.c — Dossier and Units & Team pages, in process, against a temporary store
 *
 * The tests drive the real widgets (entry rows, combo rows, buttons, the add dialogs) and then read
 * the store through the core's API to see what was written.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "studio-test-utils.h"

#define VALID_CODE "12410000416001234E"

typedef StudioTestFixture Fixture;

#define PROJECT "页面测试资源库"

static StudioPage *
show_page (Fixture    *f,
           const char *name)
{
  f->window = studio_test_show_window (f->store);
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-page", "s", name);
  studio_test_flush ();
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (studio_window_get_page (f->window, name))));
  g_assert_cmpstr (studio_window_get_project_id (f->window), ==, f->project);

  return studio_window_get_page (f->window, name);
}

static char *
add_unit_in_store (Fixture    *f,
                   const char *name,
                   const char *role,
                   const char *rank)
{
  g_autoptr(GError) error = NULL;
  char *id = reslib_store_insert (f->store, RESLIB_KIND_UNIT,
                                  (const char * const[]) { "project_id", "name", "kind", "role", "host_rank", NULL },
                                  (const char * const[]) { f->project, name, "higher-vocational", role, rank },
                                  &error);

  g_assert_no_error (error);
  return id;
}

static ReslibRecord *
get_record (Fixture    *f,
            ReslibKind  kind,
            const char *id)
{
  g_autoptr(GError) error = NULL;
  ReslibRecord *record = reslib_store_get (f->store, kind, id, &error);

  g_assert_no_error (error);
  g_assert_nonnull (record);
  return record;
}

/* The one record of @kind whose @field is @value, or NULL. */
static ReslibRecord *
find_record (Fixture    *f,
             ReslibKind  kind,
             const char *field,
             const char *value)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) records = reslib_store_list (f->store, kind, f->project, &error);
  ReslibRecord *found = NULL;

  g_assert_no_error (error);
  for (guint i = 0; i < g_list_model_get_n_items (records); i++)
    {
      g_autoptr(ReslibRecord) record = g_list_model_get_item (records, i);

      if (g_strcmp0 (reslib_record_get (record, field), value) == 0)
        {
          g_assert_null (found);
          found = g_steal_pointer (&record);
        }
    }

  return found;
}

static gboolean
dialog_shown (gpointer data)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (window) && gtk_widget_get_visible (GTK_WIDGET (window)))
        {
          *(AdwMessageDialog **) data = ADW_MESSAGE_DIALOG (window);
          return TRUE;
        }
    }

  return FALSE;
}

/* Runs the main loop until a message dialog shows, and returns it. */
static AdwMessageDialog *
wait_for_dialog (void)
{
  AdwMessageDialog *dialog = NULL;

  studio_test_flush ();
  g_assert_true (studio_test_wait_until (dialog_shown, &dialog, 5000));

  return dialog;
}

static gboolean
no_dialog (gpointer data)
{
  AdwMessageDialog *dialog = NULL;

  return !dialog_shown (&dialog);
}

static GtkWidget *
labelled (gpointer    root,
          const char *label)
{
  GtkWidget *widget = studio_test_find_labelled (root, label);

  if (widget == NULL)
    g_error ("No widget labelled “%s”", label);

  return widget;
}

/* The first widget of @type under @root whose accessible label is @label (rows carry their title as
 * their label too, so a row's own switch needs its type to be told apart). */
static GtkWidget *
find_labelled_type (GtkWidget  *widget,
                    const char *label,
                    GType       type)
{
  g_autofree char *mismatch = NULL;

  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    {
      mismatch = gtk_test_accessible_check_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL, label);
      if (mismatch == NULL)
        return widget;
    }
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_labelled_type (c, label, type);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static void
click (gpointer    root,
       const char *label)
{
  GtkWidget *button = labelled (root, label);

  g_assert_true (GTK_IS_BUTTON (button));
  g_assert_true (gtk_widget_is_sensitive (button));
  g_signal_emit_by_name (button, "clicked");
  studio_test_flush ();
}

static void
set_text (gpointer    root,
          const char *label,
          const char *text)
{
  GtkWidget *widget = labelled (root, label);

  g_assert_true (GTK_IS_EDITABLE (widget));
  gtk_editable_set_text (GTK_EDITABLE (widget), text);
}

/* Types @text into an entry row and applies it, as Enter or the apply button does. */
static void
apply_text (gpointer    root,
            const char *label,
            const char *text)
{
  GtkWidget *widget = labelled (root, label);

  g_assert_true (ADW_IS_ENTRY_ROW (widget));
  gtk_editable_set_text (GTK_EDITABLE (widget), text);
  g_signal_emit_by_name (widget, "apply");
  studio_test_flush ();
}

static void
choose (gpointer    root,
        const char *label,
        const char *item)
{
  GtkWidget *widget = labelled (root, label);
  GListModel *model;

  g_assert_true (ADW_IS_COMBO_ROW (widget));
  model = adw_combo_row_get_model (ADW_COMBO_ROW (widget));
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    if (g_strcmp0 (gtk_string_list_get_string (GTK_STRING_LIST (model), i), item) == 0)
      {
        adw_combo_row_set_selected (ADW_COMBO_ROW (widget), i);
        studio_test_flush ();
        return;
      }
  g_error ("The combo “%s” has no item “%s”", label, item);
}

static void
respond (AdwMessageDialog *dialog,
         const char       *response)
{
  adw_message_dialog_response (dialog, response);
  studio_test_flush ();
}

static GtkWidget *
child (Fixture    *f,
       const char *page,
       const char *name)
{
  return studio_test_page_child (f->window, page, name);
}

static void
select_unit (Fixture    *f,
             const char *name)
{
  GtkWidget *row = labelled (child (f, "team", "units_list"), name);

  gtk_list_box_select_row (GTK_LIST_BOX (child (f, "team", "units_list")), GTK_LIST_BOX_ROW (row));
  studio_test_flush ();
}

static void
test_shown (Fixture       *f,
            gconstpointer  data)
{
  StudioPage *page = show_page (f, "dossier");

  /* The project's fields are shown; the missing industry chain is shown as missing, not invented. */
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (labelled (page, "Project name"))), ==, "页面测试资源库");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (labelled (page, "Start date"))), ==, "2025-09-01");
  g_assert_true (studio_test_shows_text (child (f, "dossier", "industry_list"), "Not filled in"));
  g_assert_true (studio_test_shows_text (child (f, "dossier", "project_list"), "Not filled in"));
  {
    g_autofree char *description = studio_test_text_view_text (labelled (page, "Description"));

    g_assert_cmpstr (description, ==, "");
  }
  g_assert_true (studio_test_shows_text (child (f, "dossier", "majors_list"), "数控技术"));
}

/* Going to the Dossier page (Alt+2) from a field of another page must not put the focus into the
 * project's name and select it: one stray key would then replace the name. Nor does the Overview's
 * title take the focus and select itself. The page shown holds the focus, wherever it was, so that
 * its shortcuts work. */
static void
test_no_focus_on_entry (Fixture       *f,
                        gconstpointer  data)
{
  StudioPage *page = show_page (f, "team");
  GtkWidget *name;
  GtkWidget *focus;
  GtkWidget *title;

  gtk_widget_grab_focus (child (f, "team", "units_list"));
  focus = gtk_root_get_focus (GTK_ROOT (f->window));
  g_assert_nonnull (focus);
  g_assert_true (gtk_widget_is_ancestor (focus, GTK_WIDGET (page)));

  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-page", "s", "dossier");
  studio_test_flush ();
  page = studio_window_get_page (f->window, "dossier");
  name = labelled (page, "Project name");
  /* The page itself has the focus: its shortcuts work, Tab goes on to its first field. */
  focus = gtk_root_get_focus (GTK_ROOT (f->window));
  g_assert_true (focus == GTK_WIDGET (page));
  g_assert_false (gtk_editable_get_selection_bounds (GTK_EDITABLE (name), NULL, NULL));

  /* Typing now changes nothing: the keys reach no field of the page. */
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (name)), ==, "页面测试资源库");

  gtk_widget_grab_focus (child (f, "dossier", "project_list"));
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-page", "s", "overview");
  studio_test_flush ();
  title = child (f, "overview", "project_name_label");
  g_assert_false (gtk_widget_has_focus (title));
  g_assert_false (gtk_label_get_selection_bounds (GTK_LABEL (title), NULL, NULL));
  focus = gtk_root_get_focus (GTK_ROOT (f->window));
  g_assert_true (focus == GTK_WIDGET (studio_window_get_page (f->window, "overview")));

  /* From the sidebar too (Alt+7 there): the page shown takes the focus, so F5 reaches the Checks page. */
  gtk_widget_grab_focus (child (f, "dossier", "project_list"));
  gtk_root_set_focus (GTK_ROOT (f->window), NULL);
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-page", "s", "checks");
  studio_test_flush ();
  focus = gtk_root_get_focus (GTK_ROOT (f->window));
  g_assert_true (focus == GTK_WIDGET (studio_window_get_page (f->window, "checks")));
}

typedef struct
{
  Fixture    *f;
  const char *name;
} Wanted;

static gboolean
units_list_shows (gpointer data)
{
  Wanted *w = data;

  return studio_test_find_labelled (child (w->f, "team", "units_list"), w->name) != NULL;
}

static gboolean
list_shows_unit (gpointer data)
{
  Fixture *f = data;

  return studio_test_find_labelled (child (f, "team", "units_list"), "河南测试职业学院") != NULL;
}

static void
test_add_unit (Fixture       *f,
               gconstpointer  data)
{
  StudioPage *page = show_page (f, "team");
  AdwMessageDialog *dialog;
  g_autoptr(ReslibRecord) unit = NULL;

  /* Its name is its label alone: the "Add" it shows does not label it as well ("Add Unit Add"). */
  g_assert_false (gtk_test_accessible_has_relation (GTK_ACCESSIBLE (labelled (page, "Add Unit")),
                                                    GTK_ACCESSIBLE_RELATION_LABELLED_BY));
  click (page, "Add Unit");
  dialog = wait_for_dialog ();
  /* So are the dialog's rows, once shown ("Unit name Unit name"). */
  g_assert_false (gtk_test_accessible_has_relation (GTK_ACCESSIBLE (labelled (dialog, "Unit name")),
                                                    GTK_ACCESSIBLE_RELATION_LABELLED_BY));
  set_text (dialog, "Unit name", "河南测试职业学院");
  choose (dialog, "Unit kind", "Higher vocational college");
  choose (dialog, "Unit role", "Host unit");
  set_text (dialog, "Credit code", VALID_CODE);
  respond (dialog, "add");
  g_assert_true (studio_test_wait_until (no_dialog, NULL, 5000));

  unit = find_record (f, RESLIB_KIND_UNIT, "name", "河南测试职业学院");
  g_assert_nonnull (unit);
  g_assert_cmpstr (reslib_record_get (unit, "kind"), ==, "higher-vocational");
  g_assert_cmpstr (reslib_record_get (unit, "role"), ==, "host");
  g_assert_cmpstr (reslib_record_get (unit, "host_rank"), ==, "1");
  g_assert_cmpstr (reslib_record_get (unit, "credit_code"), ==, VALID_CODE);
  g_assert_true (studio_test_wait_until (list_shows_unit, f, 5000));
}

static void
test_add_unit_bad_code (Fixture       *f,
                        gconstpointer  data)
{
  StudioPage *page = show_page (f, "team");
  AdwMessageDialog *dialog;

  /* A bad code in the dialog: nothing is stored and the form comes back with what was typed. */
  click (page, "Add Unit");
  dialog = wait_for_dialog ();
  set_text (dialog, "Unit name", "错误代码单位");
  set_text (dialog, "Credit code", "12345");
  respond (dialog, "add");
  dialog = wait_for_dialog ();
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (labelled (dialog, "Unit name"))), ==, "错误代码单位");
  g_assert_true (studio_test_shows_text (dialog, "“12345” is not a valid unified social credit code: it has 18 characters, digits and capital letters without I, O, Z, S or V, and ends with a check character"));
  g_assert_cmpuint (reslib_store_count (f->store, RESLIB_KIND_UNIT, f->project, NULL), ==, 0);
  respond (dialog, "cancel");
  g_assert_true (studio_test_wait_until (no_dialog, NULL, 5000));
  g_assert_cmpuint (reslib_store_count (f->store, RESLIB_KIND_UNIT, f->project, NULL), ==, 0);
}

static void
test_credit_code (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *id = add_unit_in_store (f, "信用代码单位", "host", "1");
  StudioPage *page = show_page (f, "team");
  GtkWidget *editor = child (f, "team", "unit_editor_list");
  GtkLabel *error_label = GTK_LABEL (child (f, "team", "unit_error"));
  g_autoptr(ReslibRecord) before = NULL;
  g_autoptr(ReslibRecord) after = NULL;

  g_assert_true (reslib_credit_code_is_valid (VALID_CODE));
  select_unit (f, "信用代码单位");

  /* A bad code is refused: the message shows, the row is marked, the store keeps no code. */
  apply_text (editor, "Credit code", "91410100MA45DM0K3X");
  before = get_record (f, RESLIB_KIND_UNIT, id);
  g_assert_null (reslib_record_get (before, "credit_code"));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (error_label)));
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (error_label)));
  g_assert_nonnull (strstr (gtk_label_get_text (error_label), "is not a valid unified social credit code"));
  g_assert_true (gtk_widget_has_css_class (labelled (editor, "Credit code"), "error"));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (labelled (editor, "Credit code"))), ==, "91410100MA45DM0K3X");

  /* A good one is stored, and the message goes away. */
  apply_text (editor, "Credit code", VALID_CODE);
  after = get_record (f, RESLIB_KIND_UNIT, id);
  g_assert_cmpstr (reslib_record_get (after, "credit_code"), ==, VALID_CODE);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (error_label)));
  g_assert_false (gtk_widget_has_css_class (labelled (editor, "Credit code"), "error"));
  /* The list row shows the code too. */
  g_assert_true (studio_test_shows_text (child (f, "team", "units_list"), "Host unit 1 · Higher vocational college · " VALID_CODE));
  (void) page;
}

static void
test_declaration_switch (Fixture       *f,
                         gconstpointer  data)
{
  g_autofree char *id = add_unit_in_store (f, "声明单位", "participant", NULL);
  GtkWidget *sw;
  g_autoptr(ReslibRecord) declaration = NULL;

  show_page (f, "team");
  select_unit (f, "声明单位");
  sw = find_labelled_type (child (f, "team", "unit_editor_list"), "IP declaration signed", GTK_TYPE_SWITCH);
  g_assert_nonnull (sw);
  g_assert_false (gtk_switch_get_active (GTK_SWITCH (sw)));
  gtk_switch_set_active (GTK_SWITCH (sw), TRUE);
  studio_test_flush ();
  declaration = find_record (f, RESLIB_KIND_DECLARATION, "unit_id", id);
  g_assert_nonnull (declaration);
  g_assert_cmpstr (reslib_record_get (declaration, "kind"), ==, "ip");
}

static char *
host_order (Fixture *f)
{
  g_autoptr(GListModel) units = reslib_store_list (f->store, RESLIB_KIND_UNIT, f->project, NULL);
  g_autoptr(GString) order = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (units); i++)
    {
      g_autoptr(ReslibRecord) unit = g_list_model_get_item (units, i);

      g_string_append_printf (order, "%s%s=%s", order->len ? " " : "", reslib_record_get (unit, "name"),
                              reslib_record_get (unit, "host_rank") ? reslib_record_get (unit, "host_rank") : "-");
    }

  return g_string_free (g_steal_pointer (&order), FALSE);
}

static gboolean
first_row_is_b (gpointer data)
{
  Fixture *f = data;
  GtkWidget *first = gtk_widget_get_first_child (child (f, "team", "units_list"));

  return ADW_IS_PREFERENCES_ROW (first) &&
         g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (first)), "B") == 0;
}

static void
test_reorder_hosts (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *a = add_unit_in_store (f, "A", "host", "1");
  g_autofree char *b = add_unit_in_store (f, "B", "host", "2");
  g_autofree char *c = add_unit_in_store (f, "C", "participant", NULL);
  StudioPage *page = show_page (f, "team");
  g_autofree char *order1 = NULL;
  g_autofree char *order2 = NULL;
  g_autofree char *order3 = NULL;

  order1 = host_order (f);
  g_assert_cmpstr (order1, ==, "A=1 B=2 C=-");

  select_unit (f, "B");
  g_assert_false (gtk_widget_is_sensitive (labelled (page, "Move Down")));
  click (page, "Move Up");
  order2 = host_order (f);
  g_assert_cmpstr (order2, ==, "B=1 A=2 C=-");
  g_assert_true (studio_test_wait_until (first_row_is_b, f, 5000));

  /* B is still selected, now first: it cannot go up; down again restores the order. */
  g_assert_false (gtk_widget_is_sensitive (labelled (page, "Move Up")));
  gtk_widget_activate_action (GTK_WIDGET (page), "team.move-down", NULL);
  studio_test_flush ();
  order3 = host_order (f);
  g_assert_cmpstr (order3, ==, "A=1 B=2 C=-");

  /* Ctrl+Z takes the moves back one by one. */
  gtk_widget_activate_action (GTK_WIDGET (page), "win.undo", NULL);
  studio_test_flush ();
  {
    g_autofree char *order4 = host_order (f);

    g_assert_cmpstr (order4, ==, "B=1 A=2 C=-");
  }
  gtk_widget_activate_action (GTK_WIDGET (page), "win.undo", NULL);
  studio_test_flush ();
  {
    g_autofree char *order5 = host_order (f);

    g_assert_cmpstr (order5, ==, "A=1 B=2 C=-");
  }
}

static void
test_add_member (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *u1 = add_unit_in_store (f, "第一单位", "host", "1");
  g_autofree char *u2 = add_unit_in_store (f, "第二单位", "participant", NULL);
  StudioPage *page = show_page (f, "team");
  AdwMessageDialog *dialog;
  g_autoptr(ReslibRecord) member = NULL;
  g_autoptr(ReslibRecord) edited = NULL;
  GtkWidget *row;

  click (page, "Add Member");
  dialog = wait_for_dialog ();
  set_text (dialog, "Member name", "李老师");
  choose (dialog, "Member unit", "第二单位");
  set_text (dialog, "Member title", "副教授");
  set_text (dialog, "Member duty", "课程负责人");
  respond (dialog, "add");
  g_assert_true (studio_test_wait_until (no_dialog, NULL, 5000));
  studio_test_flush ();

  member = find_record (f, RESLIB_KIND_MEMBER, "name", "李老师");
  g_assert_nonnull (member);
  g_assert_cmpstr (reslib_record_get (member, "unit_id"), ==, u2);
  g_assert_cmpstr (reslib_record_get (member, "title"), ==, "副教授");
  g_assert_cmpstr (reslib_record_get (member, "duty"), ==, "课程负责人");

  /* Edited in place in the list. */
  row = labelled (child (f, "team", "members_list"), "李老师");
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (row), TRUE);
  studio_test_flush ();
  apply_text (row, "Duty", "资源建设");
  edited = get_record (f, RESLIB_KIND_MEMBER, reslib_record_get_id (member));
  g_assert_cmpstr (reslib_record_get (edited, "duty"), ==, "资源建设");
  g_assert_true (studio_test_shows_text (row, "第二单位 · 副教授 · 资源建设"));
}

static gboolean
unit_row_gone (gpointer data)
{
  Fixture *f = data;

  return studio_test_find_labelled (child (f, "team", "units_list"), "删除单位") == NULL;
}

static void
test_delete_unit_undo (Fixture       *f,
                       gconstpointer  data)
{
  g_autofree char *id = add_unit_in_store (f, "删除单位", "host", "1");
  g_autofree char *member = NULL;
  g_autofree char *line = NULL;
  g_autoptr(ReslibRecord) cleared_line = NULL;
  g_autoptr(ReslibRecord) restored_line = NULL;
  StudioPage *page = show_page (f, "team");
  g_autoptr(GError) error = NULL;
  g_autoptr(ReslibRecord) unit = NULL;
  g_autoptr(ReslibRecord) restored_member = NULL;

  member = reslib_store_insert (f->store, RESLIB_KIND_MEMBER,
                                (const char * const[]) { "project_id", "unit_id", "name", NULL },
                                (const char * const[]) { f->project, id, "王老师" }, &error);
  g_assert_no_error (error);
  line = reslib_store_insert (f->store, RESLIB_KIND_BUDGET_LINE,
                              (const char * const[]) { "project_id", "unit_id", "source", "category", NULL },
                              (const char * const[]) { f->project, id, "省级财政", "资源开发" }, &error);
  g_assert_no_error (error);
  studio_test_flush ();

  select_unit (f, "删除单位");
  click (page, "Delete Unit");
  g_assert_cmpuint (reslib_store_count (f->store, RESLIB_KIND_UNIT, f->project, NULL), ==, 0);
  g_assert_cmpuint (reslib_store_count (f->store, RESLIB_KIND_MEMBER, f->project, NULL), ==, 0);
  g_assert_true (studio_test_wait_until (unit_row_gone, f, 5000));
  cleared_line = get_record (f, RESLIB_KIND_BUDGET_LINE, line);
  g_assert_null (reslib_record_get (cleared_line, "unit_id"));

  /* Undo (the toast's button and Ctrl+Z run this action) puts back the unit, with its id and its member. */
  gtk_widget_activate_action (GTK_WIDGET (page), "win.undo", NULL);
  studio_test_flush ();
  unit = get_record (f, RESLIB_KIND_UNIT, id);
  g_assert_cmpstr (reslib_record_get (unit, "name"), ==, "删除单位");
  g_assert_cmpstr (reslib_record_get (unit, "host_rank"), ==, "1");
  restored_member = get_record (f, RESLIB_KIND_MEMBER, member);
  g_assert_cmpstr (reslib_record_get (restored_member, "unit_id"), ==, id);
  restored_line = get_record (f, RESLIB_KIND_BUDGET_LINE, line);
  g_assert_cmpstr (reslib_record_get (restored_line, "unit_id"), ==, id);
  g_assert_true (studio_test_wait_until (units_list_shows, &(Wanted) { f, "删除单位" }, 5000));
}

static void
test_edit_project (Fixture       *f,
                   gconstpointer  data)
{
  StudioPage *page = show_page (f, "dossier");
  GtkLabel *error_label = GTK_LABEL (child (f, "dossier", "project_error"));
  g_autoptr(ReslibRecord) p1 = NULL;
  g_autoptr(ReslibRecord) p2 = NULL;
  g_autoptr(ReslibRecord) p3 = NULL;

  /* The description is several lines of narrative: a text view, written when the focus leaves it. */
  studio_test_text_view_type (labelled (page, "Description"), "面向先进制造业集群的数控技术资源库\n第二段");
  apply_text (page, "Project name", "改名后的资源库");
  p1 = get_record (f, RESLIB_KIND_PROJECT, f->project);
  g_assert_cmpstr (reslib_record_get (p1, "description"), ==, "面向先进制造业集群的数控技术资源库\n第二段");
  g_assert_cmpstr (reslib_record_get (p1, "name"), ==, "改名后的资源库");

  /* A bad date is refused with the core's message next to the field; the stored date stays. */
  apply_text (page, "End date", "2026-13-01");
  p2 = get_record (f, RESLIB_KIND_PROJECT, f->project);
  g_assert_cmpstr (reslib_record_get (p2, "end_date"), ==, "2026-08-31");
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (error_label)));
  /* It names the field as the form does, never by its id. */
  g_assert_nonnull (strstr (gtk_label_get_text (error_label), "is not a valid date for End date"));
  g_assert_null (strstr (gtk_label_get_text (error_label), "end_date"));

  /* A required name cannot be emptied. */
  apply_text (page, "Project name", "");
  p3 = get_record (f, RESLIB_KIND_PROJECT, f->project);
  g_assert_cmpstr (reslib_record_get (p3, "name"), ==, "改名后的资源库");
  g_assert_nonnull (strstr (gtk_label_get_text (error_label), "cannot be empty"));
  g_assert_nonnull (strstr (gtk_label_get_text (error_label), "“Project name”"));
  g_assert_null (strstr (gtk_label_get_text (error_label), "“name”"));

  /* The level is a combo of translated labels that stores the plain value. */
  choose (page, "Level", "Secondary vocational");
  {
    g_autoptr(ReslibRecord) p4 = get_record (f, RESLIB_KIND_PROJECT, f->project);

    g_assert_cmpstr (reslib_record_get (p4, "level"), ==, "secondary");
  }

  /* Ctrl+Z takes the edits back, the newest first, and the form shows the old values. */
  gtk_widget_activate_action (GTK_WIDGET (page), "win.undo", NULL);
  studio_test_flush ();
  {
    g_autoptr(ReslibRecord) p5 = get_record (f, RESLIB_KIND_PROJECT, f->project);

    g_assert_cmpstr (reslib_record_get (p5, "level"), ==, reslib_record_get (p1, "level"));
  }
  gtk_widget_activate_action (GTK_WIDGET (page), "win.undo", NULL);
  studio_test_flush ();
  {
    g_autoptr(ReslibRecord) p6 = get_record (f, RESLIB_KIND_PROJECT, f->project);
    GtkWidget *name = labelled (page, "Project name");

    g_assert_cmpstr (reslib_record_get (p6, "name"), !=, "改名后的资源库");
    g_assert_cmpstr (reslib_record_get (p6, "description"), ==, "面向先进制造业集群的数控技术资源库\n第二段");
    g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (name)), ==, reslib_record_get (p6, "name"));
  }
  /* The description's edit is undone like the others, and the text view shows it. */
  gtk_widget_activate_action (GTK_WIDGET (page), "win.undo", NULL);
  studio_test_flush ();
  {
    g_autoptr(ReslibRecord) p7 = get_record (f, RESLIB_KIND_PROJECT, f->project);
    g_autofree char *shown = studio_test_text_view_text (labelled (page, "Description"));

    g_assert_null (reslib_record_get (p7, "description"));
    g_assert_cmpstr (shown, ==, "");
  }
}

static void
test_add_served_major (Fixture       *f,
                       gconstpointer  data)
{
  StudioPage *page = show_page (f, "dossier");
  AdwMessageDialog *dialog;
  g_autoptr(ReslibRecord) major = NULL;

  click (page, "Add Served Major");
  dialog = wait_for_dialog ();
  set_text (dialog, "Major code", "460104");
  set_text (dialog, "Major name", "机械制造及自动化");
  respond (dialog, "add");
  g_assert_true (studio_test_wait_until (no_dialog, NULL, 5000));
  studio_test_flush ();

  major = find_record (f, RESLIB_KIND_MAJOR, "code", "460104");
  g_assert_nonnull (major);
  g_assert_cmpstr (reslib_record_get (major, "role"), ==, "served");
  g_assert_cmpstr (reslib_record_get (major, "name"), ==, "机械制造及自动化");
  g_assert_nonnull (studio_test_find_labelled (child (f, "dossier", "served_list"), "机械制造及自动化"));

  /* The same code again is refused by the store: the form comes back with its message. */
  click (page, "Add Served Major");
  dialog = wait_for_dialog ();
  set_text (dialog, "Major code", "460104");
  set_text (dialog, "Major name", "重复专业");
  respond (dialog, "add");
  dialog = wait_for_dialog ();
  g_assert_true (studio_test_shows_text (dialog, "This major is already in the project, or the project already has a core major"));
  respond (dialog, "cancel");
  g_assert_cmpuint (reslib_store_count (f->store, RESLIB_KIND_MAJOR, f->project, NULL), ==, 2);
}

static void
test_add_budget_line (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *unit = add_unit_in_store (f, "预算单位", "host", "1");
  StudioPage *page = show_page (f, "dossier");
  AdwMessageDialog *dialog;
  g_autoptr(ReslibRecord) line = NULL;

  click (page, "Add Budget Line");
  dialog = wait_for_dialog ();
  choose (dialog, "Unit", "预算单位");
  set_text (dialog, "Source of funds", "省级财政");
  set_text (dialog, "Category", "资源开发");
  set_text (dialog, "Year", "2027");
  set_text (dialog, "Planned (yuan)", "12,000.5");
  respond (dialog, "add");
  g_assert_true (studio_test_wait_until (no_dialog, NULL, 5000));
  studio_test_flush ();

  line = find_record (f, RESLIB_KIND_BUDGET_LINE, "category", "资源开发");
  g_assert_nonnull (line);
  g_assert_cmpstr (reslib_record_get (line, "unit_id"), ==, unit);
  g_assert_cmpstr (reslib_record_get (line, "source"), ==, "省级财政");
  g_assert_cmpstr (reslib_record_get (line, "amount_cents"), ==, "1200050");
  g_assert_cmpstr (reslib_record_get (line, "year"), ==, "2027");
  g_assert_true (studio_test_shows_text (child (f, "dossier", "budget_list"), "12000.50 yuan · 预算单位"));
}

static GtkWidget *
find_menu_item (GtkWidget  *widget,
                const char *label)
{
  if (GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), label) == 0)
    return widget;
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_menu_item (c, label);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/* Chooses @value in the menu of the profile's list beside a text entry under @root. The menu is not popped up:
 * under the tests' Xvfb, GTK 4.8 finds no monitor to place the popover on (gdk_monitor_get_geometry fails). */
static void
choose_suggestion (GtkWidget  *root,
                   const char *value)
{
  GtkWidget *menu = labelled (root, "Choose from the profile’s list");
  GtkPopover *popover;
  GtkWidget *item;

  g_assert_true (GTK_IS_MENU_BUTTON (menu));
  popover = gtk_menu_button_get_popover (GTK_MENU_BUTTON (menu));
  g_assert_nonnull (popover);
  g_assert_nonnull (find_menu_item (GTK_WIDGET (popover), "财政"));
  item = find_menu_item (GTK_WIDGET (popover), value);
  g_assert_nonnull (item);
  g_signal_emit_by_name (item, "clicked");
  studio_test_flush ();
}

/* The source of funds is typed freely or chosen from the profile's list (财政、学校自筹、行业企业): in the add
 * dialog, and in a line's row, where the choice is written at once and undone like any edit. */
static void
test_budget_source_menu (Fixture       *f,
                         gconstpointer  data)
{
  g_autofree char *unit = add_unit_in_store (f, "预算单位", "host", "1");
  StudioPage *page = show_page (f, "dossier");
  AdwMessageDialog *dialog;
  g_autoptr(ReslibRecord) line = NULL;
  g_autoptr(ReslibRecord) edited = NULL;
  g_autoptr(ReslibRecord) undone = NULL;
  GtkWidget *row;

  click (page, "Add Budget Line");
  dialog = wait_for_dialog ();
  choose_suggestion (GTK_WIDGET (dialog), "学校自筹");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (labelled (dialog, "Source of funds"))), ==, "学校自筹");
  set_text (dialog, "Category", "设备购置");
  set_text (dialog, "Planned (yuan)", "3000");
  respond (dialog, "add");
  g_assert_true (studio_test_wait_until (no_dialog, NULL, 5000));
  studio_test_flush ();
  line = find_record (f, RESLIB_KIND_BUDGET_LINE, "category", "设备购置");
  g_assert_nonnull (line);
  g_assert_cmpstr (reslib_record_get (line, "source"), ==, "学校自筹");

  row = labelled (child (f, "dossier", "budget_list"), "设备购置 · 学校自筹");
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (row), TRUE);
  studio_test_flush ();
  choose_suggestion (row, "行业企业");
  edited = get_record (f, RESLIB_KIND_BUDGET_LINE, reslib_record_get_id (line));
  g_assert_cmpstr (reslib_record_get (edited, "source"), ==, "行业企业");
  g_assert_false (gtk_widget_get_visible (child (f, "dossier", "budget_error")));
  gtk_widget_activate_action (GTK_WIDGET (page), "win.undo", NULL);
  studio_test_flush ();
  undone = get_record (f, RESLIB_KIND_BUDGET_LINE, reslib_record_get_id (line));
  g_assert_cmpstr (reslib_record_get (undone, "source"), ==, "学校自筹");
}

static void
test_industry_chain (Fixture       *f,
                     gconstpointer  data)
{
  StudioPage *page = show_page (f, "dossier");
  AdwMessageDialog *dialog;
  g_autoptr(ReslibRecord) p1 = NULL;
  g_autoptr(ReslibRecord) p2 = NULL;

  click (page, "Set Industry or Field");
  dialog = wait_for_dialog ();
  choose (dialog, "Industry or field", "新材料 › 超硬材料");
  respond (dialog, "add");
  studio_test_flush ();
  p1 = get_record (f, RESLIB_KIND_PROJECT, f->project);
  g_assert_cmpstr (reslib_record_get (p1, "industry_chain"), ==, "超硬材料");

  /* A priority field of the work plan, from the same list */
  click (page, "Set Industry or Field");
  dialog = wait_for_dialog ();
  choose (dialog, "Industry or field", "Priority field › 托育");
  respond (dialog, "add");
  studio_test_flush ();
  g_clear_object (&p1);
  p1 = get_record (f, RESLIB_KIND_PROJECT, f->project);
  g_assert_cmpstr (reslib_record_get (p1, "industry_chain"), ==, "托育");
  g_assert_true (studio_test_shows_text (child (f, "dossier", "industry_list"), "A priority field of the work plan"));

  /* Free text is kept as written, and is no error */
  click (page, "Set Industry or Field");
  dialog = wait_for_dialog ();
  set_text (dialog, "Written in", "智能农机");
  respond (dialog, "add");
  studio_test_flush ();
  p2 = get_record (f, RESLIB_KIND_PROJECT, f->project);
  g_assert_cmpstr (reslib_record_get (p2, "industry_chain"), ==, "智能农机");
}

static gboolean
budget_row_gone (gpointer data)
{
  Fixture *f = data;

  return studio_test_find_labelled (child (f, "dossier", "budget_list"), "设备购置 · 学校自筹") == NULL;
}

static gboolean
budget_row_back (gpointer data)
{
  return !budget_row_gone (data);
}

static gboolean
combo_shows_new_unit_name (gpointer data)
{
  Fixture *f = data;
  GtkWidget *row = studio_test_find_labelled (child (f, "dossier", "budget_list"), "设备购置 · 学校自筹");
  GtkWidget *combo = row != NULL ? find_labelled_type (row, "Unit", ADW_TYPE_COMBO_ROW) : NULL;
  GListModel *model = combo != NULL ? adw_combo_row_get_model (ADW_COMBO_ROW (combo)) : NULL;
  guint selected = combo != NULL ? adw_combo_row_get_selected (ADW_COMBO_ROW (combo)) : GTK_INVALID_LIST_POSITION;

  return model != NULL && selected < g_list_model_get_n_items (model) &&
         g_strcmp0 (gtk_string_list_get_string (GTK_STRING_LIST (model), selected), "改名后的单位") == 0;
}

static void
test_delete_budget_line_undo (Fixture       *f,
                              gconstpointer  data)
{
  g_autofree char *unit = add_unit_in_store (f, "原来的单位", "host", "1");
  g_autofree char *line = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(ReslibRecord) restored = NULL;
  StudioPage *page;
  GtkWidget *row;

  line = reslib_store_insert (f->store, RESLIB_KIND_BUDGET_LINE,
                              (const char * const[]) { "project_id", "unit_id", "source", "category", "amount_cents", NULL },
                              (const char * const[]) { f->project, unit, "学校自筹", "设备购置", "500000" }, &error);
  g_assert_no_error (error);
  page = show_page (f, "dossier");
  g_assert_true (studio_test_shows_text (child (f, "dossier", "budget_group"), "Total: 5000 yuan"));

  /* A unit renamed on the Units & Team page is renamed in the budget line's unit combo. */
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-page", "s", "team");
  studio_test_flush ();
  select_unit (f, "原来的单位");
  apply_text (child (f, "team", "unit_editor_list"), "Unit name", "改名后的单位");
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-page", "s", "dossier");
  g_assert_true (studio_test_wait_until (combo_shows_new_unit_name, f, 5000));

  /* The amount is edited in place, in yuan; the total follows. */
  row = labelled (child (f, "dossier", "budget_list"), "设备购置 · 学校自筹");
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (row), TRUE);
  studio_test_flush ();
  apply_text (row, "Planned (yuan)", "12 元");
  g_assert_true (gtk_widget_get_visible (child (f, "dossier", "budget_error")));
  apply_text (row, "Planned (yuan)", "7500.25");
  /* received (到位) and spent, in yuan too */
  apply_text (row, "Received (yuan)", "6000");
  apply_text (row, "Spent (yuan)", "4500.5");
  {
    g_autoptr(ReslibRecord) edited = get_record (f, RESLIB_KIND_BUDGET_LINE, line);

    g_assert_cmpstr (reslib_record_get (edited, "amount_cents"), ==, "750025");
    g_assert_cmpstr (reslib_record_get (edited, "received_cents"), ==, "600000");
    g_assert_cmpstr (reslib_record_get (edited, "spent_cents"), ==, "450050");
  }
  g_assert_false (gtk_widget_get_visible (child (f, "dossier", "budget_error")));
  g_assert_true (studio_test_shows_text (child (f, "dossier", "budget_group"), "Total: 7500.25 yuan"));

  /* The row's delete button, named by its row, deletes it; the page's undo (the toast's button, Ctrl+Z) undoes it. */
  row = labelled (child (f, "dossier", "budget_list"), "设备购置 · 学校自筹");
  click (row, "Delete Budget Line “设备购置 · 学校自筹”");
  g_assert_cmpuint (reslib_store_count (f->store, RESLIB_KIND_BUDGET_LINE, f->project, NULL), ==, 0);
  g_assert_true (studio_test_wait_until (budget_row_gone, f, 5000));
  gtk_widget_activate_action (GTK_WIDGET (page), "win.undo", NULL);
  studio_test_flush ();
  restored = get_record (f, RESLIB_KIND_BUDGET_LINE, line);
  g_assert_cmpstr (reslib_record_get (restored, "amount_cents"), ==, "750025");
  g_assert_cmpstr (reslib_record_get (restored, "unit_id"), ==, unit);
  g_assert_true (studio_test_wait_until (budget_row_back, f, 5000));
}

/* A milestone is added with its deliverable and quantity, and edited in place: the evidence link, the date it
 * was done; the row's subtitle says when and what. */
static void
test_milestone_deliverable (Fixture       *f,
                            gconstpointer  data)
{
  StudioPage *page = show_page (f, "dossier");
  AdwMessageDialog *dialog;
  g_autoptr(ReslibRecord) milestone = NULL;
  g_autofree char *id = NULL;
  GtkWidget *row;

  click (page, "Add Milestone");
  dialog = wait_for_dialog ();
  set_text (dialog, "Milestone", "建成首批课程");
  set_text (dialog, "Due date", "2027-06-30");
  set_text (dialog, "Deliverable", "标准化课程");
  set_text (dialog, "Quantity", "3");
  respond (dialog, "add");
  g_assert_true (studio_test_wait_until (no_dialog, NULL, 5000));
  studio_test_flush ();

  milestone = find_record (f, RESLIB_KIND_MILESTONE, "title", "建成首批课程");
  g_assert_nonnull (milestone);
  id = g_strdup (reslib_record_get_id (milestone));
  g_assert_cmpstr (reslib_record_get (milestone, "deliverable"), ==, "标准化课程");
  g_assert_cmpstr (reslib_record_get (milestone, "quantity"), ==, "3");
  g_assert_true (studio_test_shows_text (child (f, "dossier", "milestones_list"), "Due on 2027-06-30 · 3 × 标准化课程"));

  row = labelled (child (f, "dossier", "milestones_list"), "建成首批课程");
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (row), TRUE);
  studio_test_flush ();
  apply_text (row, "Quantity", "三");
  g_assert_true (gtk_widget_get_visible (child (f, "dossier", "milestones_error")));
  apply_text (row, "Quantity", "4");
  apply_text (row, "Evidence link", "https://www.icve.com.cn/c/1");
  apply_text (row, "Done on", "2027-06-20");
  g_assert_false (gtk_widget_get_visible (child (f, "dossier", "milestones_error")));
  g_clear_object (&milestone);
  milestone = get_record (f, RESLIB_KIND_MILESTONE, id);
  g_assert_cmpstr (reslib_record_get (milestone, "quantity"), ==, "4");
  g_assert_cmpstr (reslib_record_get (milestone, "evidence_url"), ==, "https://www.icve.com.cn/c/1");
  g_assert_cmpstr (reslib_record_get (milestone, "done_date"), ==, "2027-06-20");
  g_assert_true (studio_test_shows_text (child (f, "dossier", "milestones_list"), "Done on 2027-06-20 · 4 × 标准化课程"));
}

static gboolean
page_shows_milestone (gpointer data)
{
  Fixture *f = data;

  return studio_test_find_labelled (child (f, "dossier", "milestones_list"), "中期检查") != NULL;
}

static gboolean
page_shows_new_name (gpointer data)
{
  Fixture *f = data;
  GtkWidget *entry = studio_test_find_labelled (studio_window_get_page (f->window, "dossier"), "Project name");

  return entry != NULL && g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (entry)), "别处改的名字") == 0;
}

static void
test_follows_store (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *milestone = NULL;
  g_autofree char *unit = NULL;

  show_page (f, "dossier");

  /* Changes made elsewhere (the CLI, another page, an import) show up. */
  milestone = reslib_store_insert (f->store, RESLIB_KIND_MILESTONE,
                                   (const char * const[]) { "project_id", "title", "due_date", NULL },
                                   (const char * const[]) { f->project, "中期检查", "2026-03-01" }, &error);
  g_assert_no_error (error);
  g_assert_true (reslib_store_update (f->store, RESLIB_KIND_PROJECT, f->project,
                                      (const char * const[]) { "name", NULL },
                                      (const char * const[]) { "别处改的名字" }, &error));
  g_assert_no_error (error);
  g_assert_true (studio_test_wait_until (page_shows_milestone, f, 5000));
  g_assert_true (studio_test_wait_until (page_shows_new_name, f, 5000));

  unit = add_unit_in_store (f, "别处加的单位", "participant", NULL);
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-page", "s", "team");
  g_assert_true (studio_test_wait_until (units_list_shows, &(Wanted) { f, "别处加的单位" }, 5000));
}

/* A copy of the built-in profile that also requires the baseline date, in the test's folder. */
static char *
write_profile_requiring_baseline (Fixture *f)
{
  g_autofree char *builtin = g_test_build_filename (G_TEST_DIST, "..", "data", "profiles", "henan-2024.json", NULL);
  g_autofree char *text = NULL;
  g_autoptr(GString) changed = NULL;
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (f->dir, "profile.json", NULL);

  g_file_get_contents (builtin, &text, NULL, &error);
  g_assert_no_error (error);
  changed = g_string_new (text);
  g_assert_cmpuint (g_string_replace (changed, "\"fields\": [\"name\", \"level\"",
                                      "\"fields\": [\"baseline_date\", \"name\", \"level\"", 1), ==, 1);
  g_file_set_contents (path, changed->str, -1, &error);
  g_assert_no_error (error);

  return path;
}

/* The Dossier marks the fields the chosen rule profile requires, and follows another choice
 * (it used to read the built-in profile only). */
static void
test_chosen_profile (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *profile = write_profile_requiring_baseline (f);
  StudioSettings *settings = studio_settings_get_default ();
  StudioPage *page = show_page (f, "dossier");
  GtkWidget *row = studio_test_find_labelled (page, "Baseline date");

  g_assert_nonnull (row);
  g_assert_false (studio_test_shows_text (row, "Not filled in"));

  studio_settings_set_profile_file (settings, profile);
  studio_test_flush ();
  row = studio_test_find_labelled (page, "Baseline date");
  g_assert_nonnull (row);
  g_assert_true (studio_test_shows_text (row, "Not filled in"));

  studio_settings_set_profile_file (settings, NULL);
  studio_test_flush ();
  row = studio_test_find_labelled (page, "Baseline date");
  g_assert_false (studio_test_shows_text (row, "Not filled in"));
}

int
main (int   argc,
      char *argv[])
{
  if (!studio_test_init (&argc, &argv))
    return 0;

  g_test_add ("/studio/dossier/shown", Fixture, PROJECT, studio_test_fixture_set_up, test_shown, studio_test_fixture_tear_down);
  g_test_add ("/studio/dossier/no-focus-on-entry", Fixture, PROJECT, studio_test_fixture_set_up, test_no_focus_on_entry, studio_test_fixture_tear_down);
  g_test_add ("/studio/dossier/edit-project", Fixture, PROJECT, studio_test_fixture_set_up, test_edit_project, studio_test_fixture_tear_down);
  g_test_add ("/studio/dossier/add-served-major", Fixture, PROJECT, studio_test_fixture_set_up, test_add_served_major, studio_test_fixture_tear_down);
  g_test_add ("/studio/dossier/add-budget-line", Fixture, PROJECT, studio_test_fixture_set_up, test_add_budget_line, studio_test_fixture_tear_down);
  g_test_add ("/studio/dossier/budget-source-menu", Fixture, PROJECT, studio_test_fixture_set_up, test_budget_source_menu, studio_test_fixture_tear_down);
  g_test_add ("/studio/dossier/delete-budget-line-undo", Fixture, PROJECT, studio_test_fixture_set_up, test_delete_budget_line_undo, studio_test_fixture_tear_down);
  g_test_add ("/studio/dossier/industry-chain", Fixture, PROJECT, studio_test_fixture_set_up, test_industry_chain, studio_test_fixture_tear_down);
  g_test_add ("/studio/dossier/follows-store", Fixture, PROJECT, studio_test_fixture_set_up, test_follows_store, studio_test_fixture_tear_down);
  g_test_add ("/studio/dossier/milestone-deliverable", Fixture, PROJECT, studio_test_fixture_set_up, test_milestone_deliverable, studio_test_fixture_tear_down);
  g_test_add ("/studio/dossier/chosen-profile", Fixture, PROJECT, studio_test_fixture_set_up, test_chosen_profile, studio_test_fixture_tear_down);
  g_test_add ("/studio/team/add-unit", Fixture, PROJECT, studio_test_fixture_set_up, test_add_unit, studio_test_fixture_tear_down);
  g_test_add ("/studio/team/add-unit-bad-code", Fixture, PROJECT, studio_test_fixture_set_up, test_add_unit_bad_code, studio_test_fixture_tear_down);
  g_test_add ("/studio/team/credit-code", Fixture, PROJECT, studio_test_fixture_set_up, test_credit_code, studio_test_fixture_tear_down);
  g_test_add ("/studio/team/declaration", Fixture, PROJECT, studio_test_fixture_set_up, test_declaration_switch, studio_test_fixture_tear_down);
  g_test_add ("/studio/team/reorder-hosts", Fixture, PROJECT, studio_test_fixture_set_up, test_reorder_hosts, studio_test_fixture_tear_down);
  g_test_add ("/studio/team/add-member", Fixture, PROJECT, studio_test_fixture_set_up, test_add_member, studio_test_fixture_tear_down);
  g_test_add ("/studio/team/delete-unit-undo", Fixture, PROJECT, studio_test_fixture_set_up, test_delete_unit_undo, studio_test_fixture_tear_down);

  return studio_test_run ();
}
