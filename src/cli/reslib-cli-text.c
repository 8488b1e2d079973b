/* reslib-cli-text.c — `reslib project text`: the narrative sections of the dossier (申报书), the progress and
 * the acceptance report
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

#include "reslib-cli.h"
#include "reslib-store-texts.h"

/* All of standard input */
static char *
read_stdin (GError **error)
{
  g_autoptr(GString) text = g_string_new (NULL);
  char buffer[8192];
  size_t n;

  while ((n = fread (buffer, 1, sizeof buffer, stdin)) > 0)
    g_string_append_len (text, buffer, (gssize) n);
  if (ferror (stdin))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("Could not read the text from standard input"));
      return NULL;
    }

  return g_string_free (g_steal_pointer (&text), FALSE);
}

gboolean
reslib_cli_project_text (ReslibCli  *cli,
                         int         variant,
                         char      **args,
                         GError    **error)
{
  g_autofree char *project_id = NULL;
  g_autofree char *text = NULL;
  g_autoptr(GError) local_error = NULL;
  ReslibStore *store;

  if (!reslib_cli_parse (cli, NULL, N_("PROJECT SECTION [FILE|-]"),
                         N_("Shows a narrative section of a report, or sets it from FILE or from standard input (-): "
                            "one paragraph per line; an empty text removes the section. SECTION is, for the dossier "
                            "(申报书), foundation (建设基础), leader-experience (项目负责人主持经历), content-resources, "
                            "content-platform, content-promotion, content-innovation, content-institution (建设内容: "
                            "资源建设、平台功能、应用推广、特色创新、制度保障), safeguards (保障措施) or recommender "
                            "(推荐单位); for the progress report, progress-problems (存在问题) or progress-next "
                            "(下一步计划); for the acceptance report, outcome-resources, outcome-platform, "
                            "outcome-promotion, outcome-innovation, outcome-institution (建设成效 in the five "
                            "dimensions) or audit (审计报告)."),
                         &args, error) ||
      !reslib_cli_check_args (cli, args, 2, 3, "PROJECT SECTION", error))
    return FALSE;
  if (!reslib_text_section_is_valid (args[2], &local_error))
    {
      reslib_cli_usage_error (error, "%s", local_error->message);
      return FALSE;
    }
  if ((store = reslib_cli_get_store (cli, error)) == NULL ||
      (project_id = reslib_store_resolve (store, RESLIB_KIND_PROJECT, args[1], NULL, error)) == NULL)
    return FALSE;

  if (args[3] == NULL)
    {
      text = reslib_store_get_project_text (store, project_id, args[2], &local_error);
      if (local_error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      if (text == NULL)
        /* Translators: on standard error when a section of the dossier has no text; %s is its name */
        g_printerr (_("The section %s has no text yet.\n"), args[2]);
      else
        g_print ("%s\n", text);
      return TRUE;
    }

  if (g_str_equal (args[3], "-"))
    text = read_stdin (error);
  else if (!g_file_get_contents (args[3], &text, NULL, error))
    g_clear_pointer (&text, g_free);
  if (text == NULL)
    return FALSE;

  return reslib_store_set_project_text (store, project_id, args[2], text, error);
}
