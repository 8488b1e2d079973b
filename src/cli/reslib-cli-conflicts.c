/* reslib-cli-conflicts.c — `reslib conflicts`, `reslib conflicts resolve`
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <stdlib.h>

#include "reslib-cli.h"
#include "reslib-store-conflicts.h"

/* The fields in which the two versions differ, as "title, description". */
static char *
differing_fields (ReslibStore    *store,
                  ReslibConflict *conflict)
{
  g_autoptr(ReslibRecord) mine = reslib_store_get (store, reslib_conflict_get_kind (conflict),
                                                   reslib_conflict_get_record_id (conflict), NULL);
  ReslibRecord *theirs = reslib_conflict_get_theirs (conflict);
  const ReslibEntity *entity = reslib_record_get_entity (theirs);
  g_autoptr(GString) out = g_string_new (NULL);

  if (mine == NULL)
    /* Translators: in `reslib conflicts`, for a record deleted here since the package's version came */
    return g_strdup (_("deleted here"));
  for (guint f = 1; f < entity->n_fields; f++)
    {
      const ReslibField *field = &entity->fields[f];
      gboolean same;

      if (field->type == RESLIB_FIELD_TIME || g_str_equal (field->name, "project_id"))
        continue;
      if (field->type == RESLIB_FIELD_LIST)
        {
          const char * const *a = reslib_record_get_list (mine, field->name);
          const char * const *b = reslib_record_get_list (theirs, field->name);
          const char * const none[] = { NULL };

          same = g_strv_equal (a != NULL ? a : none, b != NULL ? b : none);
        }
      else
        same = g_strcmp0 (reslib_record_get (mine, field->name), reslib_record_get (theirs, field->name)) == 0;
      if (!same)
        g_string_append_printf (out, "%s%s", out->len > 0 ? ", " : "", field->name);
    }

  return g_string_free (g_steal_pointer (&out), FALSE);
}

gboolean
reslib_cli_conflicts (ReslibCli  *cli,
                      int         variant,
                      char      **args,
                      GError    **error)
{
  g_autoptr(GListModel) conflicts = NULL;
  g_autofree char *project_id = NULL;
  gboolean json = FALSE;
  ReslibStore *store;
  guint n;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print a JSON array"), NULL },
    { NULL }
  };

  if (!reslib_cli_parse (cli, entries, N_("PROJECT"),
                         N_("Lists the records of a project that both this library and an imported package changed "
                            "and that wait to be resolved: this library’s version stays until then. Resolve one with "
                            "“reslib conflicts resolve ID mine|theirs|both”."),
                         &args, error) ||
      !reslib_cli_check_args (cli, args, 1, 1, "PROJECT", error))
    return FALSE;

  store = reslib_cli_get_store (cli, error);
  if (store == NULL)
    return FALSE;
  project_id = reslib_store_resolve (store, RESLIB_KIND_PROJECT, args[1], NULL, error);
  if (project_id == NULL)
    return FALSE;
  conflicts = reslib_store_list_conflicts (store, project_id, error);
  if (conflicts == NULL)
    return FALSE;
  n = g_list_model_get_n_items (conflicts);

  if (json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();
      g_autoptr(JsonNode) root = NULL;

      json_builder_begin_array (b);
      for (guint i = 0; i < n; i++)
        {
          g_autoptr(ReslibConflict) c = g_list_model_get_item (conflicts, i);
          g_autoptr(ReslibRecord) mine = reslib_store_get (store, reslib_conflict_get_kind (c),
                                                           reslib_conflict_get_record_id (c), NULL);

          json_builder_begin_object (b);
          json_builder_set_member_name (b, "id");
          json_builder_add_int_value (b, reslib_conflict_get_id (c));
          json_builder_set_member_name (b, "kind");
          json_builder_add_string_value (b, reslib_entity_get (reslib_conflict_get_kind (c))->name);
          json_builder_set_member_name (b, "record");
          json_builder_add_string_value (b, reslib_conflict_get_record_id (c));
          json_builder_set_member_name (b, "title");
          json_builder_add_string_value (b, reslib_conflict_get_title (c));
          json_builder_set_member_name (b, "bag");
          json_builder_add_string_value (b, reslib_conflict_get_bag (c));
          json_builder_set_member_name (b, "received_at");
          json_builder_add_string_value (b, reslib_conflict_get_received_at (c));
          json_builder_set_member_name (b, "mine");
          if (mine != NULL)
            json_builder_add_value (b, reslib_record_to_json (mine));
          else
            json_builder_add_null_value (b);
          json_builder_set_member_name (b, "theirs");
          json_builder_add_value (b, reslib_record_to_json (reslib_conflict_get_theirs (c)));
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
      root = json_builder_get_root (b);
      reslib_cli_print_json (root, TRUE);
      return TRUE;
    }

  if (n > 0)
    {
      g_autoptr(GString) out = g_string_new (NULL);

      reslib_cli_append_padded (out, _("ID"), 6);
      g_string_append (out, "  ");
      reslib_cli_append_padded (out, _("KIND"), 12);
      g_string_append (out, "  ");
      reslib_cli_append_padded (out, _("RECORD"), 8);
      g_string_append (out, "  ");
      reslib_cli_append_padded (out, _("TITLE"), 24);
      g_string_append (out, "  ");
      g_string_append_printf (out, "%s\n", _("DIFFERS IN"));
      for (guint i = 0; i < n; i++)
        {
          g_autoptr(ReslibConflict) c = g_list_model_get_item (conflicts, i);
          g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, reslib_conflict_get_id (c));
          g_autofree char *record = reslib_cli_short_id (reslib_conflict_get_record_id (c));
          g_autofree char *fields = differing_fields (store, c);

          reslib_cli_append_padded (out, id, 6);
          g_string_append (out, "  ");
          reslib_cli_append_padded (out, reslib_entity_get (reslib_conflict_get_kind (c))->name, 12);
          g_string_append (out, "  ");
          reslib_cli_append_padded (out, record, 8);
          g_string_append (out, "  ");
          reslib_cli_append_padded (out, reslib_conflict_get_title (c), 24);
          g_string_append (out, "  ");
          reslib_cli_append_padded (out, fields, 0);
          g_string_append_c (out, '\n');
        }
      reslib_cli_write (out);
    }

  return TRUE;
}

gboolean
reslib_cli_conflicts_resolve (ReslibCli  *cli,
                              int         variant,
                              char      **args,
                              GError    **error)
{
  ReslibConflictChoice choice;
  ReslibStore *store;
  char *end = NULL;
  gint64 id;

  if (!reslib_cli_parse (cli, NULL, N_("ID mine|theirs|both"),
                         N_("Resolves a conflict that “reslib conflicts” lists: “mine” keeps this library’s version, "
                            "“theirs” takes the package’s (a resource is then in review again), “both” keeps this "
                            "library’s resource and adds the package’s version as a new one. Importing the same "
                            "package again changes nothing."),
                         &args, error) ||
      !reslib_cli_check_args (cli, args, 2, 2, "ID mine|theirs|both", error))
    return FALSE;

  id = g_ascii_strtoll (args[1], &end, 10);
  if (end == args[1] || *end != '\0' || id <= 0)
    {
      reslib_cli_usage_error (error, _("“%s” is not the number of a conflict: “reslib conflicts PROJECT” lists them"),
                              args[1]);
      return FALSE;
    }
  if (!reslib_conflict_choice_from_nick (args[2], &choice))
    {
      reslib_cli_usage_error (error, _("“%s” is not a choice: give mine, theirs or both"), args[2]);
      return FALSE;
    }

  store = reslib_cli_get_store (cli, error);
  if (store == NULL)
    return FALSE;

  return reslib_store_resolve_conflict (store, id, choice, error);
}
