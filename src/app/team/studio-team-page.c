/* studio-team-page.c — the units (参与单位) and the team of a project
 *
 * Units are listed host units first, in the order of their rank, then participating units. The
 * selected unit is edited below the list; the team members are edited in place in their own list.
 * Every edit is written through to the store at once.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "reslib-labels.h"
#include "studio-form.h"
#include "studio-team-page.h"

struct _StudioTeamPage
{
  StudioPage      parent_instance;

  GListModel     *units;
  GHashTable     *unit_names;       /* id → name */
  GHashTable     *declarations;     /* unit id → declaration id */
  GHashTable     *expanded;
  char           *selected_id;
  char          **unit_ids;
  char          **unit_labels;
  guint           reload_id;
  gboolean        filling;

  /* Template children */
  GtkWidget      *content_box;    /* insensitive for a teacher: only the lead changes it */
  GtkListBox     *units_list;
  GtkLabel       *units_error;
  AdwPreferencesGroup *unit_group;
  GtkListBox     *unit_editor_list;
  GtkLabel       *unit_error;
  GtkListBox     *members_list;
  GtkLabel       *members_error;
};

G_DEFINE_FINAL_TYPE (StudioTeamPage, studio_team_page, STUDIO_TYPE_PAGE)

static char **
kind_labels (void)
{
  g_autoptr(GStrvBuilder) labels = g_strv_builder_new ();

  for (guint i = 0; reslib_unit_kinds[i] != NULL; i++)
    g_strv_builder_add (labels, reslib_label_unit_kind (reslib_unit_kinds[i]));

  return g_strv_builder_end (labels);
}

static char **
role_labels (void)
{
  g_autoptr(GStrvBuilder) labels = g_strv_builder_new ();

  for (guint i = 0; reslib_unit_roles[i] != NULL; i++)
    g_strv_builder_add (labels, reslib_label_unit_role (reslib_unit_roles[i]));

  return g_strv_builder_end (labels);
}

static gboolean
check_credit_code (const char  *field,
                   const char  *value,
                   GError     **error)
{
  if (g_strcmp0 (field, "credit_code") == 0 && value != NULL && *value != '\0' && !reslib_credit_code_is_valid (value))
    {
      g_set_error (error, RESLIB_ERROR, RESLIB_ERROR_INVALID,
                   _("“%s” is not a valid unified social credit code: it has 18 characters, digits and capital letters without I, O, Z, S or V, and ends with a check character"),
                   value);
      return FALSE;
    }

  return TRUE;
}

static const char *
unit_name (StudioTeamPage *self,
           const char     *id)
{
  const char *name = id != NULL ? g_hash_table_lookup (self->unit_names, id) : NULL;

  return name != NULL ? name : "";
}

/* The units of @role in the order shown. */
static GPtrArray *
units_of_role (StudioTeamPage *self,
               const char     *role)
{
  GPtrArray *units = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; self->units != NULL && i < g_list_model_get_n_items (self->units); i++)
    {
      ReslibRecord *unit = g_list_model_get_item (self->units, i);

      if (g_strcmp0 (reslib_record_get (unit, "role"), role) == 0)
        g_ptr_array_add (units, unit);
      else
        g_object_unref (unit);
    }

  return units;
}

static ReslibRecord *
find_unit (StudioTeamPage *self,
           const char     *id)
{
  for (guint i = 0; id != NULL && self->units != NULL && i < g_list_model_get_n_items (self->units); i++)
    {
      g_autoptr(ReslibRecord) unit = g_list_model_get_item (self->units, i);

      if (g_strcmp0 (reslib_record_get_id (unit), id) == 0)
        return g_steal_pointer (&unit);
    }

  return NULL;
}

/* The units list */

static char *
unit_subtitle (StudioTeamPage *self,
               ReslibRecord   *unit)
{
  const char *role = reslib_record_get (unit, "role");
  const char *code = reslib_record_get (unit, "credit_code");
  g_autofree char *role_text = NULL;

  if (g_strcmp0 (role, "host") == 0)
    {
      g_autoptr(GPtrArray) hosts = units_of_role (self, "host");
      guint rank = 0;

      for (guint i = 0; i < hosts->len; i++)
        if (g_strcmp0 (reslib_record_get_id (g_ptr_array_index (hosts, i)), reslib_record_get_id (unit)) == 0)
          rank = i + 1;
      /* Translators: the rank of a host unit (主持单位), e.g. "Host unit 1" */
      role_text = rank > 0 ? g_strdup_printf (_("Host unit %d"), (int) rank) : g_strdup (_("Host unit"));
    }
  else
    role_text = g_strdup (reslib_label_unit_role (role));

  if (code != NULL)
    /* Translators: a unit's role, kind and unified social credit code */
    return g_strdup_printf (_("%s · %s · %s"), role_text, reslib_label_unit_kind (reslib_record_get (unit, "kind")), code);

  /* Translators: a unit's role and kind, e.g. "Host unit 1 · Higher vocational college" */
  return g_strdup_printf (_("%s · %s"), role_text, reslib_label_unit_kind (reslib_record_get (unit, "kind")));
}

static void
update_unit_row (AdwActionRow   *row,
                 ReslibRecord   *unit)
{
  StudioTeamPage *self = g_object_get_data (G_OBJECT (row), "page");
  g_autofree char *subtitle = unit_subtitle (self, unit);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), reslib_record_get (unit, "name"));
  adw_action_row_set_subtitle (row, subtitle);
  studio_set_accessible_label (row, reslib_record_get (unit, "name"));
}

static void
unit_notify_cb (ReslibRecord *unit,
                GParamSpec   *pspec,
                AdwActionRow *row)
{
  StudioTeamPage *self = g_object_get_data (G_OBJECT (row), "page");

  g_hash_table_insert (self->unit_names, g_strdup (reslib_record_get_id (unit)), g_strdup (reslib_record_get (unit, "name")));
  update_unit_row (row, unit);
  if (g_strcmp0 (self->selected_id, reslib_record_get_id (unit)) == 0)
    adw_preferences_group_set_title (self->unit_group, reslib_record_get (unit, "name"));
}

static GtkWidget *
new_unit_row (StudioTeamPage *self,
              ReslibRecord   *unit)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  g_object_set_data (G_OBJECT (row), "page", self);
  g_object_set_data_full (G_OBJECT (row), "record", g_object_ref (unit), g_object_unref);
  g_object_set_data_full (G_OBJECT (row), "record-id", g_strdup (reslib_record_get_id (unit)), g_free);
  update_unit_row (ADW_ACTION_ROW (row), unit);
  g_signal_connect_object (unit, "notify", G_CALLBACK (unit_notify_cb), row, 0);

  return row;
}

static void
update_actions (StudioTeamPage *self)
{
  g_autoptr(ReslibRecord) unit = find_unit (self, self->selected_id);
  gboolean up = FALSE, down = FALSE;

  if (unit != NULL)
    {
      g_autoptr(GPtrArray) same = units_of_role (self, reslib_record_get (unit, "role"));

      for (guint i = 0; i < same->len; i++)
        if (g_strcmp0 (reslib_record_get_id (g_ptr_array_index (same, i)), self->selected_id) == 0)
          {
            up = i > 0;
            down = i + 1 < same->len;
          }
    }
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "team.move-up", up);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "team.move-down", down);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "team.delete-unit", unit != NULL);
}

/* The selected unit's editor */

static void
declaration_switch_cb (GtkSwitch      *sw,
                       GParamSpec     *pspec,
                       StudioTeamPage *self)
{
  StudioPage *page = STUDIO_PAGE (self);
  const char *declaration = self->selected_id != NULL ? g_hash_table_lookup (self->declarations, self->selected_id) : NULL;
  gboolean active = gtk_switch_get_active (sw);
  g_autoptr(GError) error = NULL;

  if (self->filling || self->selected_id == NULL || active == (declaration != NULL))
    return;

  if (active)
    {
      g_autofree char *id = reslib_store_insert (studio_page_get_store (page), RESLIB_KIND_DECLARATION,
                                                 (const char * const[]) { "project_id", "unit_id", NULL },
                                                 (const char * const[]) { studio_page_get_project_id (page),
                                                                          self->selected_id },
                                                 &error);
      if (id == NULL)
        {
          studio_form_show_error (self->unit_error, NULL, _("IP declaration signed"), error);
          self->filling = TRUE;
          gtk_switch_set_active (sw, FALSE);
          self->filling = FALSE;
        }
    }
  else
    {
      g_autofree char *id = g_strdup (declaration);
      g_autofree char *title = NULL;

      /* Translators: the toast after switching off a unit's declaration; %s is the unit */
      title = g_strdup_printf (_("The IP declaration of %s"), unit_name (self, self->selected_id));
      if (!studio_form_delete (page, RESLIB_KIND_DECLARATION, id, title))
        {
          self->filling = TRUE;
          gtk_switch_set_active (sw, TRUE);
          self->filling = FALSE;
        }
    }
}

static void
role_selected_cb (AdwComboRow    *row,
                  GParamSpec     *pspec,
                  StudioTeamPage *self);

static void
show_editor (StudioTeamPage *self)
{
  g_autoptr(ReslibRecord) unit = find_unit (self, self->selected_id);
  g_auto(GStrv) kinds = kind_labels ();
  g_auto(GStrv) roles = role_labels ();
  GtkWidget *row, *sw;

  studio_form_clear_list (self->unit_editor_list, NULL);
  studio_form_show_error (self->unit_error, NULL, NULL, NULL);
  update_actions (self);
  if (unit == NULL)
    {
      adw_preferences_group_set_title (self->unit_group, _("Selected Unit"));
      gtk_list_box_append (self->unit_editor_list,
                           studio_form_placeholder (_("Select a unit in the list above to edit it")));
      return;
    }
  adw_preferences_group_set_title (self->unit_group, reslib_record_get (unit, "name"));

  {
    const StudioFormField fields[] = {
      { "name", _("Unit name"), NULL, NULL, TRUE },
      { "kind", _("Unit kind"), reslib_unit_kinds, (const char * const *) kinds },
      { "credit_code", _("Credit code"), NULL, NULL, g_strcmp0 (reslib_record_get (unit, "role"), "host") == 0 },
    };

    for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
      gtk_list_box_append (self->unit_editor_list,
                           studio_field_row_new (STUDIO_PAGE (self), unit, &fields[i], self->unit_error, check_credit_code));
  }

  /* The role moves the unit between the host and the participating units: it has its own handler. */
  {
    g_autoptr(GtkStringList) model = gtk_string_list_new ((const char * const *) roles);
    guint selected = g_strcmp0 (reslib_record_get (unit, "role"), "host") == 0 ? 0 : 1;

    row = adw_combo_row_new ();
    adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (model));
    adw_combo_row_set_selected (ADW_COMBO_ROW (row), selected);
    adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Unit role"));
    studio_set_accessible_label (row, _("Unit role"));
    g_signal_connect (row, "notify::selected", G_CALLBACK (role_selected_cb), self);
    gtk_list_box_insert (self->unit_editor_list, row, 2);
  }

  row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("IP declaration signed"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row),
                               _("The unit declared that its resources infringe no one’s rights and that it holds their copyright"));
  sw = gtk_switch_new ();
  gtk_widget_set_valign (sw, GTK_ALIGN_CENTER);
  studio_set_accessible_label (sw, _("IP declaration signed"));
  self->filling = TRUE;
  gtk_switch_set_active (GTK_SWITCH (sw), g_hash_table_contains (self->declarations, self->selected_id));
  self->filling = FALSE;
  g_signal_connect (sw, "notify::active", G_CALLBACK (declaration_switch_cb), self);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), sw);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), sw);
  gtk_list_box_append (self->unit_editor_list, row);
}

static void
units_row_selected_cb (GtkListBox     *list,
                       GtkListBoxRow  *row,
                       StudioTeamPage *self)
{
  const char *id = row != NULL ? g_object_get_data (G_OBJECT (row), "record-id") : NULL;

  if (self->filling || g_strcmp0 (id, self->selected_id) == 0)
    return;
  g_free (self->selected_id);
  self->selected_id = g_strdup (id);
  show_editor (self);
}

/* The ids of @units, NULL-terminated (the records' own strings). */
static GPtrArray *
unit_ids (GPtrArray *units)
{
  GPtrArray *ids = g_ptr_array_new ();

  for (guint i = 0; i < units->len; i++)
    g_ptr_array_add (ids, (gpointer) reslib_record_get_id (g_ptr_array_index (units, i)));
  g_ptr_array_add (ids, NULL);

  return ids;
}

static void
role_selected_cb (AdwComboRow    *row,
                  GParamSpec     *pspec,
                  StudioTeamPage *self)
{
  g_autoptr(ReslibRecord) unit = find_unit (self, self->selected_id);
  const char *role = adw_combo_row_get_selected (row) == 0 ? "host" : "participant";
  g_autoptr(GError) error = NULL;
  g_autoptr(ReslibUndoStep) step = NULL;

  if (unit == NULL || g_strcmp0 (reslib_record_get (unit, "role"), role) == 0)
    return;
  step = reslib_store_set_unit_role (studio_page_get_store (STUDIO_PAGE (self)), self->selected_id, role, &error);
  if (step != NULL)
    studio_page_push_undo (STUDIO_PAGE (self), step, _("Unit role"), NULL);
  else
    studio_form_show_error (self->unit_error, GTK_WIDGET (row), _("Unit role"), error);
}

/* Members */

static void
member_summary (StudioPage    *page,
                ReslibRecord  *member,
                char         **title,
                char         **subtitle)
{
  StudioTeamPage *self = STUDIO_TEAM_PAGE (page);
  g_autoptr(GPtrArray) parts = g_ptr_array_new ();
  const char *member_title = reslib_record_get (member, "title");
  const char *duty = reslib_record_get (member, "duty");

  g_ptr_array_add (parts, (gpointer) unit_name (self, reslib_record_get (member, "unit_id")));
  if (g_strcmp0 (reslib_record_get (member, "leader"), "yes") == 0)
    /* Translators: the project leader (项目负责人), in a member's summary */
    g_ptr_array_add (parts, (gpointer) _("Project leader"));
  if (member_title != NULL)
    g_ptr_array_add (parts, (gpointer) member_title);
  if (duty != NULL)
    g_ptr_array_add (parts, (gpointer) duty);
  g_ptr_array_add (parts, NULL);
  *title = g_strdup (reslib_record_get (member, "name"));
  *subtitle = g_strjoinv (" · ", (char **) parts->pdata);
}

/* Reading */

static void
clear_all (StudioTeamPage *self)
{
  self->filling = TRUE;
  studio_form_clear_list (self->units_list, NULL);
  studio_form_clear_list (self->unit_editor_list, NULL);
  studio_form_clear_list (self->members_list, self->expanded);
  self->filling = FALSE;
  g_clear_object (&self->units);
  g_hash_table_remove_all (self->unit_names);
  g_hash_table_remove_all (self->declarations);
  g_clear_pointer (&self->unit_ids, g_strfreev);
  g_clear_pointer (&self->unit_labels, g_strfreev);
}

static void
reload (StudioTeamPage *self)
{
  StudioPage *page = STUDIO_PAGE (self);
  ReslibStore *store = studio_page_get_store (page);
  const char *id = studio_page_get_project_id (page);
  g_autoptr(GListModel) declarations = NULL;
  g_autoptr(GListModel) members = NULL;
  g_autoptr(GStrvBuilder) ids = g_strv_builder_new ();
  g_autoptr(GStrvBuilder) labels = g_strv_builder_new ();
  g_autoptr(GError) error = NULL;
  GtkListBoxRow *selected_row = NULL;

  g_clear_handle_id (&self->reload_id, g_source_remove);
  g_hash_table_remove_all (self->expanded);
  clear_all (self);
  gtk_widget_set_sensitive (GTK_WIDGET (self), store != NULL && id != NULL);
  if (store == NULL || id == NULL)
    {
      show_editor (self);
      return;
    }

  self->units = reslib_store_list (store, RESLIB_KIND_UNIT, id, &error);
  if (self->units == NULL)
    goto failed;
  declarations = reslib_store_list (store, RESLIB_KIND_DECLARATION, id, &error);
  if (declarations == NULL)
    goto failed;
  for (guint i = 0; i < g_list_model_get_n_items (declarations); i++)
    {
      g_autoptr(ReslibRecord) declaration = g_list_model_get_item (declarations, i);

      g_hash_table_insert (self->declarations, g_strdup (reslib_record_get (declaration, "unit_id")),
                           g_strdup (reslib_record_get_id (declaration)));
    }

  self->filling = TRUE;
  for (guint i = 0; i < g_list_model_get_n_items (self->units); i++)
    {
      g_autoptr(ReslibRecord) unit = g_list_model_get_item (self->units, i);
      GtkWidget *row;

      g_hash_table_insert (self->unit_names, g_strdup (reslib_record_get_id (unit)), g_strdup (reslib_record_get (unit, "name")));
      g_strv_builder_add (ids, reslib_record_get_id (unit));
      g_strv_builder_add (labels, reslib_record_get (unit, "name"));
      row = new_unit_row (self, unit);
      gtk_list_box_append (self->units_list, row);
      if (g_strcmp0 (reslib_record_get_id (unit), self->selected_id) == 0)
        selected_row = GTK_LIST_BOX_ROW (row);
    }
  if (g_list_model_get_n_items (self->units) == 0)
    gtk_list_box_append (self->units_list, studio_form_placeholder (_("No units yet: add the host units and the participating units")));
  /* The unit shown in the editor stays; the first unit is shown when none was. */
  if (selected_row == NULL && g_list_model_get_n_items (self->units) > 0)
    {
      g_autoptr(ReslibRecord) first = g_list_model_get_item (self->units, 0);

      selected_row = gtk_list_box_get_row_at_index (self->units_list, 0);
      g_free (self->selected_id);
      self->selected_id = g_strdup (reslib_record_get_id (first));
    }
  if (selected_row != NULL)
    gtk_list_box_select_row (self->units_list, selected_row);
  else
    g_clear_pointer (&self->selected_id, g_free);
  self->filling = FALSE;
  self->unit_ids = g_strv_builder_end (ids);
  self->unit_labels = g_strv_builder_end (labels);
  show_editor (self);

  members = reslib_store_list (store, RESLIB_KIND_MEMBER, id, &error);
  if (members == NULL)
    goto failed;
  {
    const char *yes_no[] = { _("No"), _("Yes"), NULL };
    /* Not "Member name" and so on: those name the add dialog's fields. */
    const StudioFormField fields[] = {
      /* Translators: a team member's name (姓名) */
      { "name", _("Full name"), NULL, NULL, TRUE },
      /* Translators: the unit a team member belongs to */
      { "unit_id", _("Unit"), (const char * const *) self->unit_ids, (const char * const *) self->unit_labels },
      /* Translators: a team member's professional title (职称), e.g. 教授 */
      { "title", _("Professional title") },
      /* Translators: what a team member does in the project (分工) */
      { "duty", _("Duty") },
      /* Translators: a team member's post (职务), e.g. 院长 */
      { "office", _("Post") },
      /* Translators: the project leader (项目负责人) */
      { "leader", _("Project leader"), reslib_yes_no, yes_no },
      /* Translators: a teacher qualified both as a teacher and in industry (双师型) */
      { "dual_qualified", _("Dual-qualified teacher"), reslib_yes_no, yes_no },
      /* Translators: a member who works in an enterprise (企业人员) */
      { "enterprise", _("From an enterprise"), reslib_yes_no, yes_no },
      { "birth_year", _("Year of birth") },
    };

    for (guint i = 0; i < g_list_model_get_n_items (members); i++)
      {
        g_autoptr(ReslibRecord) member = g_list_model_get_item (members, i);

        gtk_list_box_append (self->members_list,
                             studio_form_record_row (page, member, fields, G_N_ELEMENTS (fields), self->members_error,
                                                     _("Delete Member"), self->expanded, member_summary, NULL));
      }
    if (g_list_model_get_n_items (members) == 0)
      gtk_list_box_append (self->members_list, studio_form_placeholder (_("No team members yet")));
  }

failed:
  g_hash_table_remove_all (self->expanded);
  if (error != NULL)
    studio_page_toast (page, error->message);
}

static gboolean
reload_idle_cb (gpointer data)
{
  StudioTeamPage *self = data;

  self->reload_id = 0;
  reload (self);

  return G_SOURCE_REMOVE;
}

static void
studio_team_page_project_changed (StudioPage *page)
{
  StudioTeamPage *self = STUDIO_TEAM_PAGE (page);

  g_clear_pointer (&self->selected_id, g_free);
  reload (self);
}

static void
studio_team_page_store_changed (StudioPage *page,
                                ReslibKind  kind,
                                const char *id)
{
  StudioTeamPage *self = STUDIO_TEAM_PAGE (page);

  /* A field this page just wrote is already shown as it is. */
  if (studio_form_is_writing (page))
    return;
  switch (kind)
    {
    case RESLIB_KIND_PROJECT:
    case RESLIB_KIND_UNIT:
    case RESLIB_KIND_MEMBER:
    case RESLIB_KIND_DECLARATION:
      if (self->reload_id == 0)
        self->reload_id = g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, reload_idle_cb, self, NULL);
      break;
    case RESLIB_KIND_MAJOR:
    case RESLIB_KIND_COURSE:
    case RESLIB_KIND_NODE:
    case RESLIB_KIND_RESOURCE:
    case RESLIB_KIND_BUDGET_LINE:
    case RESLIB_KIND_MILESTONE:
    case RESLIB_KIND_SUBMISSION:
    case RESLIB_KIND_TARGET:
    case RESLIB_N_KINDS:
    default:
      break;
    }
}

static void
studio_team_page_open_subject (StudioPage *page,
                               ReslibKind  kind,
                               const char *id)
{
  StudioTeamPage *self = STUDIO_TEAM_PAGE (page);

  if (kind == RESLIB_KIND_UNIT)
    {
      for (GtkWidget *c = gtk_widget_get_first_child (GTK_WIDGET (self->units_list)); c != NULL;
           c = gtk_widget_get_next_sibling (c))
        if (g_strcmp0 (g_object_get_data (G_OBJECT (c), "record-id"), id) == 0)
          {
            gtk_list_box_select_row (self->units_list, GTK_LIST_BOX_ROW (c));
            gtk_widget_grab_focus (c);
          }
    }
  else if (kind == RESLIB_KIND_MEMBER)
    {
      for (GtkWidget *c = gtk_widget_get_first_child (GTK_WIDGET (self->members_list)); c != NULL;
           c = gtk_widget_get_next_sibling (c))
        if (g_strcmp0 (g_object_get_data (G_OBJECT (c), "record-id"), id) == 0)
          {
            adw_expander_row_set_expanded (ADW_EXPANDER_ROW (c), TRUE);
            gtk_widget_grab_focus (c);
          }
    }
}

/* Actions */

static gboolean
submit_unit (StudioPage          *page,
             const char * const  *fields,
             const char * const  *values,
             GError             **error)
{
  StudioTeamPage *self = STUDIO_TEAM_PAGE (page);
  const char *name = values[0], *kind = values[1], *role = values[2], *code = values[3];
  g_autoptr(GPtrArray) hosts = units_of_role (self, "host");
  g_autofree char *rank = NULL;
  g_autofree char *id = NULL;

  if (!check_credit_code ("credit_code", code, error))
    return FALSE;
  if (g_strcmp0 (role, "host") == 0)
    {
      gint64 last = 0;

      for (guint i = 0; i < hosts->len; i++)
        last = MAX (last, reslib_record_get_int (g_ptr_array_index (hosts, i), "host_rank", 0));
      rank = g_strdup_printf ("%" G_GINT64_FORMAT, MAX (last, (gint64) hosts->len) + 1);
    }
  id = reslib_store_insert (studio_page_get_store (page), RESLIB_KIND_UNIT,
                            (const char * const[]) { "project_id", "name", "kind", "role", "host_rank", "credit_code", NULL },
                            (const char * const[]) { studio_page_get_project_id (page), name, kind, role, rank, code },
                            error);
  if (id == NULL)
    return FALSE;
  g_free (self->selected_id);
  self->selected_id = g_steal_pointer (&id);

  return TRUE;
}

static void
add_unit_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  StudioTeamPage *self = STUDIO_TEAM_PAGE (widget);
  g_auto(GStrv) kinds = kind_labels ();
  g_auto(GStrv) roles = role_labels ();
  g_autoptr(GPtrArray) hosts = units_of_role (self, "host");
  const StudioFormField fields[] = {
    { "name", _("Unit name") },
    { "kind", _("Unit kind"), reslib_unit_kinds, (const char * const *) kinds },
    { "role", _("Unit role"), reslib_unit_roles, (const char * const *) roles },
    { "credit_code", _("Credit code") },
  };
  /* The first units are usually the host schools; then come the participants. */
  const char *initial[] = { "", "higher-vocational", hosts->len == 0 ? "host" : "participant", "", NULL };

  studio_form_dialog_present (STUDIO_PAGE (self), _("Add Unit"),
                              _("A host unit (主持单位) or a participating unit (参与单位): a school, an enterprise, an industry organization or a research institute. The credit code is the 18-character unified social credit code."),
                              fields, G_N_ELEMENTS (fields), initial, NULL, submit_unit);
}

static gboolean
submit_member (StudioPage          *page,
               const char * const  *fields,
               const char * const  *values,
               GError             **error)
{
  g_autofree char *id = NULL;

  id = reslib_store_insert (studio_page_get_store (page), RESLIB_KIND_MEMBER,
                            (const char * const[]) { "project_id", "name", "unit_id", "title", "duty", NULL },
                            (const char * const[]) { studio_page_get_project_id (page), values[0], values[1], values[2],
                                                     values[3] },
                            error);

  return id != NULL;
}

static void
add_member_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  StudioTeamPage *self = STUDIO_TEAM_PAGE (widget);

  if (self->unit_ids == NULL || self->unit_ids[0] == NULL)
    {
      studio_page_toast (STUDIO_PAGE (self), _("Add a unit first: every team member belongs to a unit"));
      return;
    }
  {
    const StudioFormField fields[] = {
      { "name", _("Member name") },
      { "unit_id", _("Member unit"), (const char * const *) self->unit_ids, (const char * const *) self->unit_labels },
      /* Translators: a team member's professional title, e.g. 教授 */
      { "title", _("Member title") },
      /* Translators: what a team member does in the project */
      { "duty", _("Member duty") },
    };
    const char *initial[] = { "", self->selected_id, "", "", NULL };

    studio_form_dialog_present (STUDIO_PAGE (self), _("Add Member"),
                                _("A member of the project team, the unit they belong to, their professional title and what they do in the project."),
                                fields, G_N_ELEMENTS (fields), initial, NULL, submit_member);
  }
}

static void
move_selected (StudioTeamPage *self,
               int             delta)
{
  g_autoptr(ReslibRecord) unit = find_unit (self, self->selected_id);
  g_autoptr(GPtrArray) same = NULL;
  g_autoptr(GPtrArray) ids = NULL;
  g_autoptr(ReslibUndoStep) step = NULL;
  g_autoptr(GError) error = NULL;
  const char *role;
  int index = -1;

  if (unit == NULL)
    return;
  role = reslib_record_get (unit, "role");
  same = units_of_role (self, role);
  for (guint i = 0; i < same->len; i++)
    if (g_strcmp0 (reslib_record_get_id (g_ptr_array_index (same, i)), self->selected_id) == 0)
      index = (int) i;
  if (index < 0 || index + delta < 0 || index + delta >= (int) same->len)
    return;
  {
    gpointer a = same->pdata[index];

    same->pdata[index] = same->pdata[index + delta];
    same->pdata[index + delta] = a;
  }
  ids = unit_ids (same);
  step = reslib_store_renumber_units (studio_page_get_store (STUDIO_PAGE (self)), role,
                                      (const char * const *) ids->pdata, &error);
  if (step != NULL)
    studio_page_push_undo (STUDIO_PAGE (self), step, _("Unit order"), NULL);
  else
    studio_form_show_error (self->units_error, NULL, NULL, error);
}

static void
move_up_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  move_selected (STUDIO_TEAM_PAGE (widget), -1);
}

static void
move_down_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  move_selected (STUDIO_TEAM_PAGE (widget), 1);
}

static void
delete_unit_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  StudioTeamPage *self = STUDIO_TEAM_PAGE (widget);
  g_autoptr(ReslibRecord) unit = find_unit (self, self->selected_id);

  if (unit == NULL)
    return;
  studio_form_delete (STUDIO_PAGE (self), RESLIB_KIND_UNIT, reslib_record_get_id (unit), reslib_record_get (unit, "name"));
}

static gboolean
units_key_pressed_cb (GtkEventControllerKey *controller,
                      guint                  keyval,
                      guint                  keycode,
                      GdkModifierType        state,
                      StudioTeamPage        *self)
{
  if ((keyval == GDK_KEY_Delete || keyval == GDK_KEY_KP_Delete) && (state & GDK_MODIFIER_MASK) == 0)
    {
      gtk_widget_activate_action (GTK_WIDGET (self), "team.delete-unit", NULL);
      return TRUE;
    }

  return FALSE;
}

static void
studio_team_page_dispose (GObject *object)
{
  StudioTeamPage *self = STUDIO_TEAM_PAGE (object);

  g_clear_handle_id (&self->reload_id, g_source_remove);
  /* The rows go away with the page: no editor to show for them. */
  if (self->units_list != NULL)
    g_signal_handlers_disconnect_by_data (self->units_list, self);
  self->units_list = NULL;

  G_OBJECT_CLASS (studio_team_page_parent_class)->dispose (object);
}

static void
studio_team_page_finalize (GObject *object)
{
  StudioTeamPage *self = STUDIO_TEAM_PAGE (object);

  g_clear_object (&self->units);
  g_clear_pointer (&self->unit_names, g_hash_table_unref);
  g_clear_pointer (&self->declarations, g_hash_table_unref);
  g_clear_pointer (&self->expanded, g_hash_table_unref);
  g_clear_pointer (&self->selected_id, g_free);
  g_clear_pointer (&self->unit_ids, g_strfreev);
  g_clear_pointer (&self->unit_labels, g_strfreev);

  G_OBJECT_CLASS (studio_team_page_parent_class)->finalize (object);
}

/* A teacher sees what the lead decided and changes none of it (it comes with the lead's packages); an
 * insensitive form has no focus, so neither its buttons nor its shortcuts act. */
static void
studio_team_page_lead_changed (StudioPage *page,
                                gboolean    lead)
{
  StudioTeamPage *self = STUDIO_TEAM_PAGE (page);

  gtk_widget_set_sensitive (self->content_box, lead);
}

static void
studio_team_page_class_init (StudioTeamPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  StudioPageClass *page_class = STUDIO_PAGE_CLASS (klass);

  object_class->dispose = studio_team_page_dispose;
  object_class->finalize = studio_team_page_finalize;
  page_class->project_changed = studio_team_page_project_changed;
  page_class->lead_changed = studio_team_page_lead_changed;
  page_class->store_changed = studio_team_page_store_changed;
  page_class->open_subject = studio_team_page_open_subject;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/reslib/Studio/ui/studio-team-page.ui");
  gtk_widget_class_bind_template_child (widget_class, StudioTeamPage, content_box);
  gtk_widget_class_bind_template_child (widget_class, StudioTeamPage, units_list);
  gtk_widget_class_bind_template_child (widget_class, StudioTeamPage, units_error);
  gtk_widget_class_bind_template_child (widget_class, StudioTeamPage, unit_group);
  gtk_widget_class_bind_template_child (widget_class, StudioTeamPage, unit_editor_list);
  gtk_widget_class_bind_template_child (widget_class, StudioTeamPage, unit_error);
  gtk_widget_class_bind_template_child (widget_class, StudioTeamPage, members_list);
  gtk_widget_class_bind_template_child (widget_class, StudioTeamPage, members_error);

  gtk_widget_class_install_action (widget_class, "team.add-unit", NULL, add_unit_action);
  gtk_widget_class_install_action (widget_class, "team.add-member", NULL, add_member_action);
  gtk_widget_class_install_action (widget_class, "team.move-up", NULL, move_up_action);
  gtk_widget_class_install_action (widget_class, "team.move-down", NULL, move_down_action);
  gtk_widget_class_install_action (widget_class, "team.delete-unit", NULL, delete_unit_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Up, GDK_ALT_MASK, "team.move-up", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Down, GDK_ALT_MASK, "team.move-down", NULL);
}

static void
studio_team_page_init (StudioTeamPage *self)
{
  GtkEventController *keys = gtk_event_controller_key_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
  self->unit_names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->declarations = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->expanded = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_signal_connect (self->units_list, "row-selected", G_CALLBACK (units_row_selected_cb), self);
  g_signal_connect (keys, "key-pressed", G_CALLBACK (units_key_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->units_list), keys);
  update_actions (self);
}
