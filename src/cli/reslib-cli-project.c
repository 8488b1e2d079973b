/* reslib-cli-project.c — `reslib project|major|unit|member|course|node …`
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "reslib-cli.h"
#include "reslib-labels.h"
#include "reslib-store-courses.h"

/* Text options are taken as bytes (G_OPTION_ARG_FILENAME) and checked as UTF-8
 * by the core, so they work the same in every locale. */

static char *
resolve_project (ReslibCli   *cli,
                 const char  *arg,
                 GError     **error)
{
  ReslibStore *store = reslib_cli_get_store (cli, error);

  if (store == NULL)
    return NULL;

  return reslib_store_resolve (store, RESLIB_KIND_PROJECT, arg, NULL, error);
}

static gboolean
insert_and_print (ReslibCli           *cli,
                  ReslibKind           kind,
                  const char * const  *fields,
                  const char * const  *values,
                  GError             **error)
{
  g_autoptr(GPtrArray) given_fields = g_ptr_array_new ();
  g_autoptr(GPtrArray) given_values = g_ptr_array_new ();
  g_autofree char *id = NULL;

  /* Options not given are left out, so that the store fills in its defaults
   * (a NULL value for a defaulted field such as a course's kind is refused). */
  for (guint i = 0; fields[i] != NULL; i++)
    if (values[i] != NULL)
      {
        g_ptr_array_add (given_fields, (gpointer) fields[i]);
        g_ptr_array_add (given_values, (gpointer) values[i]);
      }
  g_ptr_array_add (given_fields, NULL);
  g_ptr_array_add (given_values, NULL);

  id = reslib_store_insert (cli->store, kind, (const char * const *) given_fields->pdata,
                            (const char * const *) given_values->pdata, error);
  if (id == NULL)
    return FALSE;
  g_print ("%s\n", id);

  return TRUE;
}

/* ---------------------------------------------------------------------------------------------- */

gboolean
reslib_cli_project_new (ReslibCli  *cli,
                        int         variant,
                        char      **args,
                        GError    **error)
{
  g_autofree char *name = NULL;
  g_autofree char *core_major = NULL;
  g_autofree char *level = NULL;
  g_autofree char *start = NULL;
  g_autofree char *code = NULL;
  g_autofree char *major_name = NULL;
  g_autofree char *id = NULL;
  ReslibStore *store;
  const GOptionEntry entries[] = {
    { "name", 0, 0, G_OPTION_ARG_FILENAME, &name, N_("The name of the resource library"), N_("NAME") },
    { "core-major", 0, 0, G_OPTION_ARG_FILENAME, &core_major,
      N_("The core major, e.g. 510201:计算机应用技术"), N_("CODE:NAME") },
    { "level", 0, 0, G_OPTION_ARG_FILENAME, &level,
      N_("“secondary” or “higher” vocational education (the default)"), N_("LEVEL") },
    { "start", 0, 0, G_OPTION_ARG_FILENAME, &start,
      N_("The first day of the build year; it ends a year later, on the day before the anniversary"), N_("YYYY-MM-DD") },
    { NULL }
  };

  if (!reslib_cli_parse (cli, entries, N_("--name NAME --core-major CODE:NAME"),
                         N_("Creates a project with its core major and prints its id."),
                         &args, error) ||
      !reslib_cli_check_args (cli, args, 0, 0, NULL, error) ||
      !reslib_cli_require (name, "--name", error) ||
      !reslib_cli_require (core_major, "--core-major", error))
    return FALSE;

  if (!reslib_parse_code_name (core_major, &code, &major_name, error) ||
      !reslib_cli_check_choice (RESLIB_KIND_PROJECT, "level", level, error))
    return FALSE;
  if (start != NULL && !reslib_parse_date (start, NULL))
    {
      g_autofree char *shown = g_filename_display_name (start);

      g_set_error (error, RESLIB_ERROR, RESLIB_ERROR_INVALID,
                   _("“%s” is not a valid date for --start: use YYYY-MM-DD, e.g. 2025-09-01"), shown);
      return FALSE;
    }

  store = reslib_cli_get_store (cli, error);
  if (store == NULL)
    return FALSE;
  id = reslib_store_create_project (store, name, code, major_name, level, start, error);
  if (id == NULL)
    return FALSE;
  g_print ("%s\n", id);

  return TRUE;
}

gboolean
reslib_cli_project_list (ReslibCli  *cli,
                         int         variant,
                         char      **args,
                         GError    **error)
{
  g_autoptr(GListModel) projects = NULL;
  g_autoptr(GString) out = NULL;
  gboolean json = FALSE;
  ReslibStore *store;
  guint n, level_width, date_width;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print a JSON array"), NULL },
    { NULL }
  };

  if (!reslib_cli_parse (cli, entries, NULL, N_("Lists the projects of the store."), &args, error) ||
      !reslib_cli_check_args (cli, args, 0, 0, NULL, error))
    return FALSE;

  store = reslib_cli_get_store (cli, error);
  if (store == NULL)
    return FALSE;
  projects = reslib_store_list (store, RESLIB_KIND_PROJECT, NULL, error);
  if (projects == NULL)
    return FALSE;

  if (json)
    {
      reslib_cli_print_records_json (projects);
      return TRUE;
    }

  n = g_list_model_get_n_items (projects);
  if (n == 0)
    return TRUE;

  out = g_string_new (NULL);
  /* A table for people: translated heads and values (scripts read --json). */
  level_width = reslib_cli_text_width (C_("column", "LEVEL"));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(ReslibRecord) project = g_list_model_get_item (projects, i);

      level_width = MAX (level_width, reslib_cli_text_width (reslib_label_project_level (reslib_record_get (project, "level"))));
    }
  date_width = MAX (reslib_cli_text_width (C_("column", "START")), 10);
  reslib_cli_append_padded (out, C_("column", "ID"), 8);
  g_string_append (out, "  ");
  reslib_cli_append_padded (out, C_("column", "LEVEL"), level_width);
  g_string_append (out, "  ");
  reslib_cli_append_padded (out, C_("column", "START"), date_width);
  g_string_append (out, "  ");
  g_string_append_printf (out, "%s\n", C_("column", "NAME"));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(ReslibRecord) project = g_list_model_get_item (projects, i);
      g_autofree char *short_id = reslib_cli_short_id (reslib_record_get_id (project));
      const char *start;

      reslib_cli_append_padded (out, short_id, 8);
      g_string_append (out, "  ");
      reslib_cli_append_padded (out, reslib_label_project_level (reslib_record_get (project, "level")), level_width);
      g_string_append (out, "  ");
      start = reslib_record_get (project, "start_date");
      reslib_cli_append_padded (out, start != NULL ? start : "-", date_width);
      g_string_append (out, "  ");
      g_autofree char *name = reslib_cli_escape (reslib_record_get (project, "name"));

      g_string_append_printf (out, "%s\n", name);
    }
  g_print ("%s", out->str);

  return TRUE;
}

/* ---------------------------------------------------------------------------------------------- */
/* project show                                                                                    */

typedef struct
{
  ReslibStore *store;
  char        *project_id;
  GListModel  *majors;
  GListModel  *units;
  GListModel  *members;
  GListModel  *courses;
  GPtrArray   *course_nodes;   /* GListModel of nodes, one per course */
  GHashTable  *state_counts;   /* state → GUINT_TO_POINTER (count) */
  guint        n_resources;
} ProjectView;

static void
project_view_free (ProjectView *view)
{
  g_free (view->project_id);
  g_clear_object (&view->majors);
  g_clear_object (&view->units);
  g_clear_object (&view->members);
  g_clear_object (&view->courses);
  g_clear_pointer (&view->course_nodes, g_ptr_array_unref);
  g_clear_pointer (&view->state_counts, g_hash_table_unref);
  g_free (view);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ProjectView, project_view_free)

static ProjectView *
project_view_load (ReslibStore  *store,
                   const char   *project_id,
                   GError      **error)
{
  g_autoptr(ProjectView) view = g_new0 (ProjectView, 1);
  g_autoptr(GHashTable) counts = NULL;

  view->store = store;
  view->project_id = g_strdup (project_id);
  view->course_nodes = g_ptr_array_new_with_free_func (g_object_unref);
  view->state_counts = g_hash_table_new (g_str_hash, g_str_equal);

  if ((view->majors = reslib_store_list (store, RESLIB_KIND_MAJOR, project_id, error)) == NULL ||
      (view->units = reslib_store_list (store, RESLIB_KIND_UNIT, project_id, error)) == NULL ||
      (view->members = reslib_store_list (store, RESLIB_KIND_MEMBER, project_id, error)) == NULL ||
      (view->courses = reslib_store_list (store, RESLIB_KIND_COURSE, project_id, error)) == NULL)
    return NULL;

  for (guint i = 0; i < g_list_model_get_n_items (view->courses); i++)
    {
      g_autoptr(ReslibRecord) course = g_list_model_get_item (view->courses, i);
      GListModel *nodes = reslib_store_list (store, RESLIB_KIND_NODE, reslib_record_get_id (course), error);

      if (nodes == NULL)
        return NULL;
      g_ptr_array_add (view->course_nodes, nodes);
    }

  counts = reslib_store_count_resources_by (store, project_id, "state", error);
  if (counts == NULL)
    return NULL;
  for (guint i = 0; reslib_resource_states[i] != NULL; i++)
    {
      guint n = GPOINTER_TO_UINT (g_hash_table_lookup (counts, reslib_resource_states[i]));

      g_hash_table_insert (view->state_counts, (gpointer) reslib_resource_states[i], GUINT_TO_POINTER (n));
      view->n_resources += n;
    }

  return g_steal_pointer (&view);
}

static const char *
unit_name (ProjectView *view,
           const char  *unit_id)
{
  for (guint i = 0; unit_id != NULL && i < g_list_model_get_n_items (view->units); i++)
    {
      g_autoptr(ReslibRecord) unit = g_list_model_get_item (view->units, i);

      if (g_strcmp0 (reslib_record_get_id (unit), unit_id) == 0)
        return reslib_record_get (unit, "name");
    }

  return NULL;
}

static JsonArray *
records_to_json_array (GListModel *records)
{
  JsonArray *array = json_array_new ();

  for (guint i = 0; i < g_list_model_get_n_items (records); i++)
    {
      g_autoptr(ReslibRecord) record = g_list_model_get_item (records, i);

      json_array_add_element (array, reslib_record_to_json (record));
    }

  return array;
}

/* The nodes whose parent is @parent_id (NULL for the top), each with its "children". */
static JsonArray *
node_tree_to_json (GListModel *nodes,
                   const char *parent_id,
                   guint       depth)
{
  JsonArray *array = json_array_new ();

  for (guint i = 0; i < g_list_model_get_n_items (nodes); i++)
    {
      g_autoptr(ReslibRecord) node = g_list_model_get_item (nodes, i);
      JsonNode *json;

      if (g_strcmp0 (reslib_record_get (node, "parent_id"), parent_id) != 0)
        continue;
      json = reslib_record_to_json (node);
      if (depth < 64)
        json_object_set_array_member (json_node_get_object (json), "children",
                                      node_tree_to_json (nodes, reslib_record_get_id (node), depth + 1));
      json_array_add_element (array, json);
    }

  return array;
}

static JsonNode *
project_view_to_json (ProjectView  *view,
                      ReslibRecord *project)
{
  JsonNode *root = reslib_record_to_json (project);
  JsonObject *object = json_node_get_object (root);
  JsonArray *courses = json_array_new ();
  JsonObject *counts = json_object_new ();

  json_object_set_array_member (object, "majors", records_to_json_array (view->majors));
  json_object_set_array_member (object, "units", records_to_json_array (view->units));
  json_object_set_array_member (object, "members", records_to_json_array (view->members));
  for (guint i = 0; i < g_list_model_get_n_items (view->courses); i++)
    {
      g_autoptr(ReslibRecord) course = g_list_model_get_item (view->courses, i);
      JsonNode *json = reslib_record_to_json (course);

      json_object_set_array_member (json_node_get_object (json), "nodes",
                                    node_tree_to_json (g_ptr_array_index (view->course_nodes, i), NULL, 0));
      json_array_add_element (courses, json);
    }
  json_object_set_array_member (object, "courses", courses);

  json_object_set_int_member (counts, "total", view->n_resources);
  for (guint i = 0; reslib_resource_states[i] != NULL; i++)
    json_object_set_int_member (counts, reslib_resource_states[i],
                                GPOINTER_TO_UINT (g_hash_table_lookup (view->state_counts, reslib_resource_states[i])));
  json_object_set_object_member (object, "resources", counts);

  return root;
}

static void
append_node_tree (GString    *out,
                  GListModel *nodes,
                  const char *parent_id,
                  guint       depth)
{
  for (guint i = 0; i < g_list_model_get_n_items (nodes); i++)
    {
      g_autoptr(ReslibRecord) node = g_list_model_get_item (nodes, i);
      g_autoptr(GPtrArray) pool = g_ptr_array_new_with_free_func (g_free);
      g_autofree char *short_id = NULL;

      if (g_strcmp0 (reslib_record_get (node, "parent_id"), parent_id) != 0)
        continue;
      short_id = reslib_cli_short_id (reslib_record_get_id (node));
      g_string_append_printf (out, "    %s  %*s%-9s  %s\n", short_id, (int) depth * 2, "",
                              reslib_cli_escape_in (pool, reslib_record_get (node, "kind")),
                              reslib_cli_escape_in (pool, reslib_record_get (node, "title")));
      if (depth < 64)
        append_node_tree (out, nodes, reslib_record_get_id (node), depth + 1);
    }
}

static void
print_project_view (ProjectView  *view,
                    ReslibRecord *project)
{
  const ReslibEntity *entity = reslib_record_get_entity (project);
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GPtrArray) pool = g_ptr_array_new_with_free_func (g_free);
  guint n;

  /* Every text from the store is escaped: it may have come in a package. */
  g_string_append_printf (out, "%s\n", reslib_cli_escape_in (pool, reslib_record_get (project, "name")));
  /* Translators: the label of the project's id in `reslib project show` */
  g_string_append_printf (out, "  %s: %s\n", _("ID"), reslib_cli_escape_in (pool, reslib_record_get_id (project)));
  for (guint i = 0; i < entity->n_fields; i++)
    {
      const ReslibField *field = &entity->fields[i];
      const char *value;

      if (g_str_equal (field->name, "id") || g_str_equal (field->name, "name"))
        continue;
      const char *label = reslib_label_project_field (field->name);

      value = reslib_record_get (project, field->name);
      if (value == NULL)
        continue;
      if (g_str_equal (field->name, "level"))
        value = reslib_label_project_level (value);
      /* The field's name as `project set` takes it, after its label when it has one; the times the store
       * keeps are not set by hand and show their label only. */
      if (g_str_equal (field->name, "created_at") || g_str_equal (field->name, "updated_at"))
        g_string_append_printf (out, "  %s: %s\n", label, reslib_cli_escape_in (pool, value));
      else if (label != NULL && *label != '\0' && g_strcmp0 (label, field->name) != 0)
        g_string_append_printf (out, "  %s (%s): %s\n", label, field->name, reslib_cli_escape_in (pool, value));
      else
        g_string_append_printf (out, "  %s: %s\n", field->name, reslib_cli_escape_in (pool, value));
    }

  g_string_append_printf (out, "\n%s\n", _("Majors:"));
  for (guint i = 0; i < g_list_model_get_n_items (view->majors); i++)
    {
      g_autoptr(ReslibRecord) major = g_list_model_get_item (view->majors, i);
      g_autofree char *short_id = reslib_cli_short_id (reslib_record_get_id (major));

      g_string_append_printf (out, "  %s  ", short_id);
      reslib_cli_append_padded (out, reslib_label_major_role (reslib_record_get (major, "role")), 6);
      g_string_append_printf (out, "  %s  %s\n",
                              reslib_cli_escape_in (pool, reslib_record_get (major, "code")),
                              reslib_cli_escape_in (pool, reslib_record_get (major, "name")));
    }

  n = g_list_model_get_n_items (view->units);
  g_string_append_printf (out, "\n%s\n", _("Units:"));
  if (n == 0)
    g_string_append_printf (out, "  %s\n", _("none yet"));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(ReslibRecord) unit = g_list_model_get_item (view->units, i);
      g_autofree char *short_id = reslib_cli_short_id (reslib_record_get_id (unit));
      g_autofree char *role = NULL;

      if (reslib_record_get (unit, "host_rank") != NULL)
        role = g_strdup_printf ("%s %s", reslib_label_unit_role (reslib_record_get (unit, "role")),
                                reslib_cli_escape_in (pool, reslib_record_get (unit, "host_rank")));
      else
        role = g_strdup (reslib_label_unit_role (reslib_record_get (unit, "role")));
      g_string_append_printf (out, "  %s  ", short_id);
      reslib_cli_append_padded (out, role, 13);
      g_string_append (out, "  ");
      reslib_cli_append_padded (out, reslib_label_unit_kind (reslib_record_get (unit, "kind")), 20);
      g_string_append_printf (out, "  %s", reslib_cli_escape_in (pool, reslib_record_get (unit, "name")));
      if (reslib_record_get (unit, "credit_code") != NULL)
        g_string_append_printf (out, "  %s", reslib_cli_escape_in (pool, reslib_record_get (unit, "credit_code")));
      g_string_append_c (out, '\n');
    }

  n = g_list_model_get_n_items (view->members);
  g_string_append_printf (out, "\n%s\n", _("Team:"));
  if (n == 0)
    g_string_append_printf (out, "  %s\n", _("none yet"));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(ReslibRecord) member = g_list_model_get_item (view->members, i);
      g_autofree char *short_id = reslib_cli_short_id (reslib_record_get_id (member));
      const char *title = reslib_record_get (member, "title");
      const char *duty = reslib_record_get (member, "duty");
      const char *unit;

      g_string_append_printf (out, "  %s  %s", short_id, reslib_cli_escape_in (pool, reslib_record_get (member, "name")));
      if (title != NULL)
        g_string_append_printf (out, ", %s", reslib_cli_escape_in (pool, title));
      if (duty != NULL)
        g_string_append_printf (out, ", %s", reslib_cli_escape_in (pool, duty));
      unit = unit_name (view, reslib_record_get (member, "unit_id"));
      g_string_append_printf (out, " (%s)\n", unit != NULL ? reslib_cli_escape_in (pool, unit) : "?");
    }

  n = g_list_model_get_n_items (view->courses);
  g_string_append_printf (out, "\n%s\n", _("Courses:"));
  if (n == 0)
    g_string_append_printf (out, "  %s\n", _("none yet"));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(ReslibRecord) course = g_list_model_get_item (view->courses, i);
      g_autofree char *short_id = reslib_cli_short_id (reslib_record_get_id (course));

      g_string_append_printf (out, "  %s  %s (%s)\n", short_id, reslib_cli_escape_in (pool, reslib_record_get (course, "title")),
                              reslib_label_course_kind (reslib_record_get (course, "kind")));
      append_node_tree (out, g_ptr_array_index (view->course_nodes, i), NULL, 0);
    }

  g_string_append_c (out, '\n');
  g_string_append_printf (out, ngettext ("%u resource", "%u resources", view->n_resources), view->n_resources);
  for (guint i = 0; reslib_resource_states[i] != NULL; i++)
    /* Translators: a count of resources in a state, in a list: ", Draft 3" */
    g_string_append_printf (out, i == 0 ? _(": %s %u") : _(", %s %u"), reslib_label_resource_state (reslib_resource_states[i]),
                            GPOINTER_TO_UINT (g_hash_table_lookup (view->state_counts, reslib_resource_states[i])));
  g_string_append_c (out, '\n');

  g_print ("%s", out->str);
}

gboolean
reslib_cli_project_show (ReslibCli  *cli,
                         int         variant,
                         char      **args,
                         GError    **error)
{
  g_autoptr(ReslibRecord) project = NULL;
  g_autoptr(ProjectView) view = NULL;
  g_autofree char *id = NULL;
  gboolean json = FALSE;
  ReslibStore *store;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print a JSON object"), NULL },
    { NULL }
  };

  if (!reslib_cli_parse (cli, entries, N_("PROJECT"),
                         N_("Shows a project with its majors, units, team, course trees and resource counts."),
                         &args, error) ||
      !reslib_cli_check_args (cli, args, 1, 1, "PROJECT", error))
    return FALSE;

  if ((id = resolve_project (cli, args[1], error)) == NULL)
    return FALSE;
  store = reslib_cli_get_store (cli, error);
  project = reslib_store_get (store, RESLIB_KIND_PROJECT, id, error);
  if (project == NULL)
    return FALSE;
  view = project_view_load (store, id, error);
  if (view == NULL)
    return FALSE;

  if (json)
    {
      g_autoptr(JsonNode) root = project_view_to_json (view, project);

      reslib_cli_print_json (root, TRUE);
    }
  else
    print_project_view (view, project);

  return TRUE;
}

gboolean
reslib_cli_project_set (ReslibCli  *cli,
                        int         variant,
                        char      **args,
                        GError    **error)
{
  g_autoptr(GPtrArray) fields = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) values = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *id = NULL;

  if (!reslib_cli_parse (cli, NULL, N_("PROJECT FIELD=VALUE…"),
                         N_("Changes fields of a project, all or none. An empty VALUE clears a field."), &args,
                         error) ||
      !reslib_cli_check_args (cli, args, 1, -1, "PROJECT", error) ||
      !reslib_cli_check_args (cli, args, 2, -1, "FIELD=VALUE", error) ||
      !reslib_cli_parse_assignments (args + 2, fields, values, error))
    return FALSE;

  if ((id = resolve_project (cli, args[1], error)) == NULL)
    return FALSE;
  g_ptr_array_add (fields, NULL);
  g_ptr_array_add (values, NULL);

  return reslib_store_update (cli->store, RESLIB_KIND_PROJECT, id, (const char * const *) fields->pdata,
                              (const char * const *) values->pdata, error);
}

/* ---------------------------------------------------------------------------------------------- */

gboolean
reslib_cli_major_add (ReslibCli  *cli,
                      int         variant,
                      char      **args,
                      GError    **error)
{
  g_autofree char *served = NULL;
  g_autofree char *code = NULL;
  g_autofree char *name = NULL;
  g_autofree char *project_id = NULL;
  const GOptionEntry entries[] = {
    { "served", 0, 0, G_OPTION_ARG_FILENAME, &served, N_("The served major, e.g. 510202:计算机网络技术"),
      N_("CODE:NAME") },
    { NULL }
  };

  if (!reslib_cli_parse (cli, entries, N_("PROJECT --served CODE:NAME"),
                         N_("Adds a served major to a project and prints its id."),
                         &args, error) ||
      !reslib_cli_check_args (cli, args, 1, 1, "PROJECT", error) ||
      !reslib_cli_require (served, "--served", error) ||
      !reslib_parse_code_name (served, &code, &name, error))
    return FALSE;

  if ((project_id = resolve_project (cli, args[1], error)) == NULL)
    return FALSE;

  return insert_and_print (cli, RESLIB_KIND_MAJOR,
                           (const char * const[]) { "project_id", "role", "code", "name", NULL },
                           (const char * const[]) { project_id, "served", code, name }, error);
}

gboolean
reslib_cli_unit_add (ReslibCli  *cli,
                     int         variant,
                     char      **args,
                     GError    **error)
{
  g_autofree char *name = NULL;
  g_autofree char *kind = NULL;
  g_autofree char *role = NULL;
  g_autofree char *credit_code = NULL;
  g_autofree char *host_rank = NULL;
  g_autofree char *project_id = NULL;
  const GOptionEntry entries[] = {
    { "name", 0, 0, G_OPTION_ARG_FILENAME, &name, N_("The unit’s name"), N_("NAME") },
    { "kind", 0, 0, G_OPTION_ARG_FILENAME, &kind,
      N_("secondary-vocational, higher-vocational, university, industry, enterprise or research"), N_("KIND") },
    { "role", 0, 0, G_OPTION_ARG_FILENAME, &role, N_("host or participant"), N_("ROLE") },
    { "credit-code", 0, 0, G_OPTION_ARG_FILENAME, &credit_code, N_("The unified social credit code"), N_("CODE") },
    { "host-rank", 0, 0, G_OPTION_ARG_FILENAME, &host_rank, N_("The rank of a host unit: 1 for the first host"),
      N_("N") },
    { NULL }
  };

  if (!reslib_cli_parse (cli, entries, N_("PROJECT --name NAME --kind KIND --role ROLE"),
                         N_("Adds a unit to a project and prints its id."), &args, error) ||
      !reslib_cli_check_args (cli, args, 1, 1, "PROJECT", error) ||
      !reslib_cli_require (name, "--name", error) ||
      !reslib_cli_require (kind, "--kind", error) ||
      !reslib_cli_require (role, "--role", error))
    return FALSE;

  if ((project_id = resolve_project (cli, args[1], error)) == NULL)
    return FALSE;

  return insert_and_print (cli, RESLIB_KIND_UNIT,
                           (const char * const[]) { "project_id", "name", "kind", "role", "credit_code", "host_rank",
                                                    NULL },
                           (const char * const[]) { project_id, name, kind, role, credit_code, host_rank }, error);
}

gboolean
reslib_cli_member_add (ReslibCli  *cli,
                       int         variant,
                       char      **args,
                       GError    **error)
{
  g_autofree char *unit = NULL;
  g_autofree char *name = NULL;
  g_autofree char *title = NULL;
  g_autofree char *duty = NULL;
  g_autofree char *project_id = NULL;
  g_autofree char *unit_id = NULL;
  const GOptionEntry entries[] = {
    { "unit", 0, 0, G_OPTION_ARG_FILENAME, &unit, N_("The unit the member works for"), N_("UNIT") },
    { "name", 0, 0, G_OPTION_ARG_FILENAME, &name, N_("The member’s name"), N_("NAME") },
    { "title", 0, 0, G_OPTION_ARG_FILENAME, &title, N_("The professional title, e.g. 教授"), N_("TITLE") },
    { "duty", 0, 0, G_OPTION_ARG_FILENAME, &duty, N_("The member’s duty in the project"), N_("DUTY") },
    { NULL }
  };

  if (!reslib_cli_parse (cli, entries, N_("PROJECT --unit UNIT --name NAME"),
                         N_("Adds a team member and prints the id."), &args, error) ||
      !reslib_cli_check_args (cli, args, 1, 1, "PROJECT", error) ||
      !reslib_cli_require (unit, "--unit", error) ||
      !reslib_cli_require (name, "--name", error))
    return FALSE;

  if ((project_id = resolve_project (cli, args[1], error)) == NULL ||
      (unit_id = reslib_store_resolve (cli->store, RESLIB_KIND_UNIT, unit, project_id, error)) == NULL)
    return FALSE;

  return insert_and_print (cli, RESLIB_KIND_MEMBER,
                           (const char * const[]) { "project_id", "unit_id", "name", "title", "duty", NULL },
                           (const char * const[]) { project_id, unit_id, name, title, duty }, error);
}

gboolean
reslib_cli_course_add (ReslibCli  *cli,
                       int         variant,
                       char      **args,
                       GError    **error)
{
  g_autofree char *title = NULL;
  g_autofree char *kind = NULL;
  g_autofree char *project_id = NULL;
  const GOptionEntry entries[] = {
    { "title", 0, 0, G_OPTION_ARG_FILENAME, &title, N_("The course’s title"), N_("TITLE") },
    { "kind", 0, 0, G_OPTION_ARG_FILENAME, &kind, N_("standardized (the default), personalised or training"),
      N_("KIND") },
    { NULL }
  };

  if (!reslib_cli_parse (cli, entries, N_("PROJECT --title TITLE"), N_("Adds a course to a project and prints its id."),
                         &args, error) ||
      !reslib_cli_check_args (cli, args, 1, 1, "PROJECT", error) ||
      !reslib_cli_require (title, "--title", error))
    return FALSE;

  if ((project_id = resolve_project (cli, args[1], error)) == NULL)
    return FALSE;

  return insert_and_print (cli, RESLIB_KIND_COURSE,
                           (const char * const[]) { "project_id", "title", "kind", NULL },
                           (const char * const[]) { project_id, title, kind }, error);
}

gboolean
reslib_cli_node_add (ReslibCli  *cli,
                     int         variant,
                     char      **args,
                     GError    **error)
{
  g_autofree char *title = NULL;
  g_autofree char *kind = NULL;
  g_autofree char *parent = NULL;
  g_autofree char *course_id = NULL;
  g_autofree char *project_id = NULL;
  g_autofree char *parent_id = NULL;
  ReslibStore *store;
  const GOptionEntry entries[] = {
    { "title", 0, 0, G_OPTION_ARG_FILENAME, &title, N_("The node’s title"), N_("TITLE") },
    { "kind", 0, 0, G_OPTION_ARG_FILENAME, &kind, N_("module, chapter, knowledge or skill"), N_("KIND") },
    { "parent", 0, 0, G_OPTION_ARG_FILENAME, &parent, N_("The node to add it under; the top of the course if not given"),
      N_("NODE") },
    { NULL }
  };

  if (!reslib_cli_parse (cli, entries, N_("COURSE --title TITLE --kind KIND"),
                         N_("Adds a node to a course tree and prints its id."), &args, error) ||
      !reslib_cli_check_args (cli, args, 1, 1, "COURSE", error) ||
      !reslib_cli_require (title, "--title", error) ||
      !reslib_cli_require (kind, "--kind", error))
    return FALSE;

  store = reslib_cli_get_store (cli, error);
  if (store == NULL ||
      (course_id = reslib_store_resolve (store, RESLIB_KIND_COURSE, args[1], NULL, error)) == NULL ||
      (project_id = reslib_store_project_of (store, RESLIB_KIND_COURSE, course_id, error)) == NULL)
    return FALSE;
  if (parent != NULL &&
      (parent_id = reslib_store_resolve (store, RESLIB_KIND_NODE, parent, project_id, error)) == NULL)
    return FALSE;

  return insert_and_print (cli, RESLIB_KIND_NODE,
                           (const char * const[]) { "course_id", "parent_id", "kind", "title", NULL },
                           (const char * const[]) { course_id, parent_id, kind, title }, error);
}
