/* reslib-cli-profile.c — `reslib budget sources`: the lists of a rule profile that records are written against:
 * the sources of funds that budget lines name
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "reslib-cli.h"

gboolean
reslib_cli_budget_sources (ReslibCli  *cli,
                         int         variant,
                         char      **args,
                         GError    **error)
{
  g_autoptr(ReslibProfile) profile = NULL;
  g_autofree char *profile_path = NULL;
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  JsonObject *sources;
  JsonArray *funds;
  gboolean json = FALSE;
  const GOptionEntry entries[] = {
    { "profile", 0, 0, G_OPTION_ARG_FILENAME, &profile_path, N_("Show this rule profile instead of the built-in one"),
      N_("FILE") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print the sources of funds as JSON"), NULL },
    { NULL }
  };
  const char *heads[] = { C_("column", "SOURCE OF FUNDS"), C_("column", "ID"), C_("column", "ALSO WRITTEN AS"),
                          C_("column", "AFTER") };
  guint widths[G_N_ELEMENTS (heads)];

  if (!reslib_cli_parse (cli, entries, NULL,
                         N_("Shows the rule profile’s sources of funds, which budget lines name (source=…) by the "
                            "name, the id or another name they are also written as, and where the list comes from."),
                         &args, error) ||
      !reslib_cli_check_args (cli, args, 0, 0, NULL, error))
    return FALSE;
  profile = reslib_profile_load (profile_path, error);
  if (profile == NULL)
    return FALSE;
  sources = reslib_profile_get_object (profile, "sources");
  funds = reslib_profile_get_array (profile, "budget_sources");

  if (json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autoptr(JsonNode) root = NULL;

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "profile");
      json_builder_add_string_value (builder, reslib_profile_get_id (profile));
      json_builder_set_member_name (builder, "budget_sources");
      json_builder_begin_array (builder);
      for (guint i = 0; funds != NULL && i < json_array_get_length (funds); i++)
        {
          JsonObject *entry = json_array_get_object_element (funds, i);
          JsonArray *aliases = json_object_has_member (entry, "aliases")
                               ? json_object_get_array_member (entry, "aliases") : NULL;
          const char *source = json_object_get_string_member (entry, "source");

          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "id");
          json_builder_add_string_value (builder, json_object_get_string_member (entry, "id"));
          json_builder_set_member_name (builder, "name");
          json_builder_add_string_value (builder, json_object_get_string_member (entry, "name"));
          json_builder_set_member_name (builder, "aliases");
          json_builder_begin_array (builder);
          for (guint j = 0; aliases != NULL && j < json_array_get_length (aliases); j++)
            json_builder_add_string_value (builder, json_array_get_string_element (aliases, j));
          json_builder_end_array (builder);
          json_builder_set_member_name (builder, "source");
          json_builder_add_string_value (builder, source);
          json_builder_set_member_name (builder, "source_text");
          json_builder_add_string_value (builder, json_object_get_string_member_with_default (sources, source, ""));
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      json_builder_end_object (builder);
      root = json_builder_get_root (builder);
      reslib_cli_print_json (root, TRUE);
      return TRUE;
    }

  /* Translators: the first line of `reslib budget sources`: the profile's id and title */
  g_string_append_printf (out, _("Profile %s: %s\n"), reslib_profile_get_id (profile), reslib_profile_get_title (profile));
  if (funds == NULL || json_array_get_length (funds) == 0)
    {
      g_string_append (out, _("The profile lists no sources of funds: budget lines may name any.\n"));
      reslib_cli_write (out);
      return TRUE;
    }
  for (guint i = 0; i < json_array_get_length (funds); i++)
    {
      JsonObject *entry = json_array_get_object_element (funds, i);
      JsonArray *aliases = json_object_has_member (entry, "aliases")
                           ? json_object_get_array_member (entry, "aliases") : NULL;
      g_autoptr(GStrvBuilder) also = g_strv_builder_new ();
      g_auto(GStrv) also_names = NULL;
      const char *source = json_object_get_string_member (entry, "source");
      char **row = g_new0 (char *, G_N_ELEMENTS (heads) + 1);

      for (guint j = 0; aliases != NULL && j < json_array_get_length (aliases); j++)
        g_strv_builder_add (also, json_array_get_string_element (aliases, j));
      also_names = g_strv_builder_end (also);
      row[0] = reslib_cli_escape (json_object_get_string_member (entry, "name"));
      row[1] = reslib_cli_escape (json_object_get_string_member (entry, "id"));
      /* Translators: between the other names of a source of funds */
      row[2] = g_strjoinv (_(", "), also_names);
      row[3] = reslib_cli_escape (json_object_get_string_member_with_default (sources, source, source));
      g_ptr_array_add (rows, row);
    }
  for (guint c = 0; c < G_N_ELEMENTS (heads); c++)
    {
      widths[c] = reslib_cli_text_width (heads[c]);
      for (guint r = 0; r < rows->len; r++)
        widths[c] = MAX (widths[c], reslib_cli_text_width (((char **) g_ptr_array_index (rows, r))[c]));
    }
  for (guint r = 0; r <= rows->len; r++)
    for (guint c = 0; c < G_N_ELEMENTS (heads); c++)
      {
        const char *text = r == 0 ? heads[c] : ((char **) g_ptr_array_index (rows, r - 1))[c];

        reslib_cli_append_padded (out, text, c + 1 < G_N_ELEMENTS (heads) ? widths[c] : 0);
        g_string_append (out, c + 1 < G_N_ELEMENTS (heads) ? "  " : "\n");
      }
  reslib_cli_write (out);

  return TRUE;
}
