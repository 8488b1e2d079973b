/* reslib-cli-target.c — `reslib target set|list|remove`: the project's targets (任务书/建设目标)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "reslib-cli.h"

/* KIND or KIND:SUBJECT; a course is given by its id or a prefix of it. */
static gboolean
parse_target (ReslibStore  *store,
              const char   *project_id,
              const char   *arg,
              char        **kind,
              char        **subject,
              GError      **error)
{
  const char *colon = strchr (arg, ':');

  *kind = colon != NULL ? g_strndup (arg, colon - arg) : g_strdup (arg);
  *subject = NULL;
  if (colon == NULL || colon[1] == '\0')
    return TRUE;
  if (g_str_equal (*kind, "course-resources"))
    *subject = reslib_store_resolve (store, RESLIB_KIND_COURSE, colon + 1, project_id, error);
  else
    *subject = g_strdup (colon + 1);

  return *subject != NULL;
}

static gboolean
open_project (ReslibCli   *cli,
              const char  *arg,
              char       **project_id,
              GError     **error)
{
  ReslibStore *store = reslib_cli_get_store (cli, error);

  if (store == NULL)
    return FALSE;
  *project_id = reslib_store_resolve (store, RESLIB_KIND_PROJECT, arg, NULL, error);

  return *project_id != NULL;
}

gboolean
reslib_cli_target_set (ReslibCli  *cli,
                       int         variant,
                       char      **args,
                       GError    **error)
{
  g_autofree char *note = NULL;
  g_autofree char *project_id = NULL;
  g_autofree char *kind = NULL;
  g_autofree char *subject = NULL;
  g_autofree char *id = NULL;
  gint64 planned;
  const GOptionEntry entries[] = {
    { "note", 0, 0, G_OPTION_ARG_FILENAME, &note, N_("A note on the target, e.g. where the number comes from"),
      N_("TEXT") },
    { NULL }
  };

  if (!reslib_cli_parse (cli, entries, N_("PROJECT KIND[:TYPE|:COURSE] PLANNED"),
                         N_("Sets the planned number of a target of the project (任务书/建设目标), making the target "
                            "when the project has none. KIND is resources, resource-type:TYPE, "
                            "course-resources:COURSE, questions, standard-courses, personal-courses or "
                            "training-packages."),
                         &args, error) ||
      !reslib_cli_check_args (cli, args, 3, 3, "PROJECT KIND PLANNED", error))
    return FALSE;
  if (!g_ascii_string_to_signed (args[3], 10, 0, G_MAXINT64, &planned, NULL))
    {
      reslib_cli_usage_error (error, _("“%s” is not a planned number: give a whole number of zero or more"), args[3]);
      return FALSE;
    }
  if (!open_project (cli, args[1], &project_id, error) ||
      !parse_target (cli->store, project_id, args[2], &kind, &subject, error))
    return FALSE;

  id = reslib_store_set_target (cli->store, project_id, kind, subject, planned, note, NULL, error);
  if (id == NULL)
    return FALSE;
  g_print ("%s\n", id);

  return TRUE;
}

gboolean
reslib_cli_target_remove (ReslibCli  *cli,
                          int         variant,
                          char      **args,
                          GError    **error)
{
  g_autofree char *project_id = NULL;
  g_autofree char *kind = NULL;
  g_autofree char *subject = NULL;
  g_autofree char *id = NULL;

  if (!reslib_cli_parse (cli, NULL, N_("PROJECT KIND[:TYPE|:COURSE]"), N_("Removes a target of the project."), &args,
                         error) ||
      !reslib_cli_check_args (cli, args, 2, 2, "PROJECT KIND", error))
    return FALSE;
  if (!open_project (cli, args[1], &project_id, error) ||
      !parse_target (cli->store, project_id, args[2], &kind, &subject, error))
    return FALSE;
  id = reslib_store_find_target (cli->store, project_id, kind, subject, error);

  return id != NULL && reslib_store_delete (cli->store, RESLIB_KIND_TARGET, id, error);
}

/* What a target is about, for people: the kind's label, with the type or the course. */
static char *
describe (const ReslibTargetProgress *t)
{
  if (t->resource_type != NULL)
    /* Translators: a target and what it is about, e.g. "Resources of a type: Video" */
    return g_strdup_printf (_("%s: %s"), reslib_label_target_kind (t->kind),
                            reslib_label_resource_type (t->resource_type));
  if (t->course_id != NULL)
    {
      g_autofree char *title = reslib_cli_escape (t->course_title);

      return g_strdup_printf (_("%s: %s"), reslib_label_target_kind (t->kind), title);
    }

  return g_strdup (reslib_label_target_kind (t->kind));
}

static void
print_json (GPtrArray *targets)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_array (builder);
  for (guint i = 0; i < targets->len; i++)
    {
      const ReslibTargetProgress *t = g_ptr_array_index (targets, i);
      int percent = reslib_target_progress_percent (t);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "id");
      json_builder_add_string_value (builder, t->id);
      json_builder_set_member_name (builder, "kind");
      json_builder_add_string_value (builder, t->kind);
      json_builder_set_member_name (builder, "resource_type");
      if (t->resource_type != NULL)
        json_builder_add_string_value (builder, t->resource_type);
      else
        json_builder_add_null_value (builder);
      json_builder_set_member_name (builder, "course_id");
      if (t->course_id != NULL)
        json_builder_add_string_value (builder, t->course_id);
      else
        json_builder_add_null_value (builder);
      json_builder_set_member_name (builder, "planned");
      json_builder_add_int_value (builder, t->planned);
      json_builder_set_member_name (builder, "actual");
      if (t->actual >= 0)
        json_builder_add_int_value (builder, t->actual);
      else
        json_builder_add_null_value (builder);
      json_builder_set_member_name (builder, "percent");
      if (percent >= 0)
        json_builder_add_int_value (builder, percent);
      else
        json_builder_add_null_value (builder);
      json_builder_set_member_name (builder, "note");
      if (t->note != NULL)
        json_builder_add_string_value (builder, t->note);
      else
        json_builder_add_null_value (builder);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  root = json_builder_get_root (builder);
  reslib_cli_print_json (root, TRUE);
}

gboolean
reslib_cli_target_list (ReslibCli  *cli,
                        int         variant,
                        char      **args,
                        GError    **error)
{
  g_autofree char *project_id = NULL;
  g_autoptr(GPtrArray) targets = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GString) out = NULL;
  gboolean json = FALSE;
  guint name_width, planned_width, actual_width;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print a JSON array"), NULL },
    { NULL }
  };

  if (!reslib_cli_parse (cli, entries, N_("PROJECT"),
                         N_("Lists the project's targets: planned, actual (counted in the store) and the percentage."),
                         &args, error) ||
      !reslib_cli_check_args (cli, args, 1, 1, "PROJECT", error) ||
      !open_project (cli, args[1], &project_id, error))
    return FALSE;
  targets = reslib_store_list_target_progress (cli->store, project_id, error);
  if (targets == NULL)
    return FALSE;
  if (json)
    {
      print_json (targets);
      return TRUE;
    }
  if (targets->len == 0)
    return TRUE;

  /* A table for people: translated heads and values (scripts read --json). */
  name_width = reslib_cli_text_width (C_("column", "TARGET"));
  planned_width = reslib_cli_text_width (C_("column", "PLANNED"));
  actual_width = reslib_cli_text_width (C_("column", "ACTUAL"));
  for (guint i = 0; i < targets->len; i++)
    {
      const ReslibTargetProgress *t = g_ptr_array_index (targets, i);
      char *name = describe (t);

      name_width = MAX (name_width, reslib_cli_text_width (name));
      g_ptr_array_add (names, name);
    }
  out = g_string_new (NULL);
  reslib_cli_append_padded (out, C_("column", "TARGET"), name_width);
  g_string_append (out, "  ");
  reslib_cli_append_padded (out, C_("column", "PLANNED"), planned_width);
  g_string_append (out, "  ");
  reslib_cli_append_padded (out, C_("column", "ACTUAL"), actual_width);
  g_string_append_printf (out, "  %s\n", C_("column", "DONE"));
  for (guint i = 0; i < targets->len; i++)
    {
      const ReslibTargetProgress *t = g_ptr_array_index (targets, i);
      g_autofree char *planned = g_strdup_printf ("%" G_GINT64_FORMAT, t->planned);
      g_autofree char *actual = t->actual >= 0 ? g_strdup_printf ("%" G_GINT64_FORMAT, t->actual) : g_strdup ("-");
      int percent = reslib_target_progress_percent (t);

      reslib_cli_append_padded (out, g_ptr_array_index (names, i), name_width);
      g_string_append (out, "  ");
      reslib_cli_append_padded (out, planned, planned_width);
      g_string_append (out, "  ");
      reslib_cli_append_padded (out, actual, actual_width);
      if (percent >= 0)
        g_string_append_printf (out, "  %d%%\n", percent);
      else if (t->actual < 0)
        /* Translators: the actual number of a target that the store cannot count */
        g_string_append_printf (out, "  %s\n", _("not counted"));
      else
        g_string_append (out, "  -\n");
    }
  reslib_cli_write (out);

  return TRUE;
}
