/* reslib-cli.c — `reslib`, the command-line companion of ResLib Studio: main and the command table
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <errno.h>
#include <locale.h>
#include <stdio.h>
#include <string.h>

#include "reslib-cli.h"

typedef struct
{
  const char    *group;        /* "project" */
  const char    *name;         /* "new", or NULL for a command of one word */
  ReslibCliFunc  func;         /* NULL: a command of a later version */
  int            variant;
  const char    *synopsis;     /* not translated: options are not translated either */
  const char    *description;  /* N_() */
} ReslibCliCommand;

static const ReslibCliCommand commands[] = {
  { "project", "new", reslib_cli_project_new, 0,
    "project new --name N --core-major CODE:NAME [--level secondary|higher] [--start YYYY-MM-DD]",
    N_("Create a project and print its id") },
  { "project", "list", reslib_cli_project_list, 0, "project list [--json]", N_("List the projects") },
  { "project", "show", reslib_cli_project_show, 0, "project show PROJECT [--json]",
    N_("Show a project with its majors, units, team and courses") },
  { "project", "set", reslib_cli_project_set, 0, "project set PROJECT FIELD=VALUE…", N_("Change fields of a project") },
  { "project", "text", reslib_cli_project_text, 0, "project text PROJECT SECTION [FILE|-]",
    N_("Show or set a narrative section of a report (建设基础, 建设内容, 存在问题, 建设成效, 审计报告…)") },
  { "major", "add", reslib_cli_major_add, 0, "major add PROJECT --served CODE:NAME", N_("Add a served major") },
  { "unit", "add", reslib_cli_unit_add, 0,
    "unit add PROJECT --name N --kind KIND --role host|participant [--credit-code CODE] [--host-rank N]",
    N_("Add a host or participating unit and print its id") },
  { "member", "add", reslib_cli_member_add, 0, "member add PROJECT --unit UNIT --name N [--title T] [--duty D]",
    N_("Add a team member and print the id") },
  { "member", "set", reslib_cli_member_set, 0, "member set MEMBER FIELD=VALUE…",
    N_("Change fields of a team member (the project leader, 双师, from an enterprise, year of birth, post…)") },
  { "course", "add", reslib_cli_course_add, 0, "course add PROJECT --title T [--kind standardized|personalised|training]",
    N_("Add a course and print its id") },
  { "course", "set", reslib_cli_course_set, 0, "course set COURSE FIELD=VALUE…",
    N_("Change fields of a course (kind, code, hours, credits, lead teacher, major, platform address, 1+X certificate…)") },
  { "budget", "add", reslib_cli_budget_add, 0, "budget add PROJECT FIELD=VALUE…",
    N_("Add a budget line (source, category, year, planned, received and spent in yuan…) and print its id") },
  { "budget", "set", reslib_cli_budget_set, 0, "budget set LINE FIELD=VALUE…", N_("Change fields of a budget line") },
  { "budget", "list", reslib_cli_budget_list, 0, "budget list PROJECT [--json]",
    N_("List the budget lines with the amounts planned, received and spent") },
  { "budget", "sources", reslib_cli_budget_sources, 0, "budget sources [--profile FILE] [--json]",
    N_("Show the rule profile’s sources of funds, which budget lines name") },
  { "milestone", "add", reslib_cli_milestone_add, 0, "milestone add PROJECT FIELD=VALUE…",
    N_("Add a milestone of the build plan (title, due and done dates, deliverable, quantity, evidence link) and print its id") },
  { "milestone", "set", reslib_cli_milestone_set, 0, "milestone set MILESTONE FIELD=VALUE…",
    N_("Change fields of a milestone") },
  { "evidence", "add", reslib_cli_evidence_add, 0,
    "evidence add PROJECT FILE [--title T] [--milestone M | --target T | --budget-line L]",
    N_("Attach a file of evidence (佐证材料) to the project, a milestone, a target or a budget line and print its id") },
  { "evidence", "list", reslib_cli_evidence_list, 0, "evidence list PROJECT [--json]",
    N_("List the evidence files in the order of the evidence index") },
  { "evidence", "remove", reslib_cli_evidence_remove, 0, "evidence remove EVIDENCE", N_("Remove an evidence file") },
  { "milestone", "list", reslib_cli_milestone_list, 0, "milestone list PROJECT [--json]",
    N_("List the milestones with their deliverables and evidence") },
  { "node", "add", reslib_cli_node_add, 0, "node add COURSE --title T --kind module|chapter|knowledge|skill [--parent NODE]",
    N_("Add a module, chapter, knowledge or skill point to a course and print its id") },
  { "target", "set", reslib_cli_target_set, 0, "target set PROJECT KIND[:TYPE|:COURSE] PLANNED [--note TEXT]",
    N_("Set the planned number of a target (任务书/建设目标)") },
  { "target", "list", reslib_cli_target_list, 0, "target list PROJECT [--json]",
    N_("List the targets: planned, actual and the percentage") },
  { "target", "remove", reslib_cli_target_remove, 0, "target remove PROJECT KIND[:TYPE|:COURSE]",
    N_("Remove a target") },
  { "usage", "import", reslib_cli_usage_import, 0, "usage import PROJECT FILE.csv [--dry-run]",
    N_("Import the usage statistics the platform exports (CSV)") },
  { "usage", "list", reslib_cli_usage_list, 0, "usage list PROJECT [--json]", N_("List the usage statistics by period") },
  { "resource", "add", reslib_cli_resource_add, 0,
    "resource add PROJECT PATH… [--title T] [--type TYPE] [--node NODE]… [--author NAME]… [--unit UNIT] "
    "[--origin original|licensed|open] [--keywords a,b] [--description D] [--skip-duplicates]",
    N_("Import files and folders as resources and print their ids") },
  { "resource", "add-online", reslib_cli_resource_add_online, 0, "resource add-online PROJECT TITLE URL [FIELD=VALUE…]",
    N_("Add an online resource: one the platform hosts, known by its address, with no file") },
  { "resource", "list", reslib_cli_resource_list, 0, "resource list PROJECT [--json]", N_("List the resources of a project") },
  { "resource", "search", reslib_cli_resource_search, 0, "resource search PROJECT QUERY [--json] [--limit N]",
    N_("Find resources by title, description, keywords or file name") },
  { "resource", "set", reslib_cli_resource_set, 0, "resource set RESOURCE FIELD=VALUE…", N_("Change fields of a resource") },
  { "resource", "replace", reslib_cli_resource_replace, 0, "resource replace PROJECT RESOURCE FILE",
    N_("Replace the file of a resource by a new version, keeping the earlier one (an approved resource goes back to review)") },
  { "resource", "versions", reslib_cli_resource_versions, 0, "resource versions RESOURCE [--json]",
    N_("List the versions of a resource’s file") },
  { "resource", "import-sheet", reslib_cli_resource_import_sheet, 0,
    "resource import-sheet PROJECT FILE.xlsx|FILE.csv [--sheet NAME] [--dry-run] [--json]",
    N_("Set resources’ metadata, and import files, from a spreadsheet") },
  { "review", "submit", reslib_cli_review, RESLIB_REVIEW_SUBMIT, "review submit RESOURCE… [--note TEXT]",
    N_("Submit resources for review") },
  { "review", "approve", reslib_cli_review, RESLIB_REVIEW_APPROVE,
    "review approve RESOURCE… [--note TEXT] [--reviewer MEMBER] [--level 1|2] [--checked LIST]",
    N_("Approve resources under review (with --reviewer: at the unit's level or the first host's)") },
  { "review", "reject", reslib_cli_review, RESLIB_REVIEW_REJECT,
    "review reject RESOURCE… --note TEXT [--reviewer MEMBER] [--level 1|2] [--checked LIST]",
    N_("Reject resources under review, saying why") },
  { "review", "log", reslib_cli_review_log, 0, "review log PROJECT [--json] [-o FILE.xlsx|FILE.csv] [--force]",
    N_("List or export the review decisions of a project (the review log)") },
  { "validate", NULL, reslib_cli_validate, 0,
    "validate PROJECT [--profile FILE] [--package KIND] [--json] [-o FILE.xlsx|FILE.csv] [--format xlsx|csv] [--force]",
    N_("Check a project against the rules") },
  { "pack", NULL, reslib_cli_pack, 0, "pack PROJECT --kind KIND [--resource ID]… [--format-version 1|2] -o FILE.tar [--force]", N_("Build a package") },
  { "verify", NULL, reslib_cli_verify, 0, "verify FILE.tar [--json]", N_("Verify a package") },
  { "import", NULL, reslib_cli_import, 0,
    "import FILE.tar [--into PROJECT [--match-by-title]] [--join] [--update-dossier] [--dry-run] [--json]",
    N_("Import a package") },
  { "conflicts", "resolve", reslib_cli_conflicts_resolve, 0, "conflicts resolve ID mine|theirs|both",
    N_("Resolve a conflict: keep this library’s version, take the package’s, or keep both (a resource)") },
  { "conflicts", NULL, reslib_cli_conflicts, 0, "conflicts PROJECT [--json]",
    N_("List the records of a project that a package and this library both changed") },
  { "upload", NULL, reslib_cli_upload, 0,
    "upload FILE.tar --endpoint URL [--cacert FILE] [--token-file F] [--chunk-size N] [--limit-rate R] [--cancel]",
    N_("Upload a package to the provincial endpoint") },
  { "submit", NULL, reslib_cli_submit, 0,
    "submit PROJECT --kind KIND --endpoint URL [--cacert F] [--token-file F] [--limit-rate R] [--chunk-size N] "
    "[--profile FILE]",
    N_("Submit a project’s package to the provincial endpoint, streamed from the store (resumable)") },
  { "submissions", NULL, reslib_cli_submissions, 0, "submissions PROJECT [--json]",
    N_("List the submissions of a project") },
  { "report", NULL, reslib_cli_report, 0,
    "report PROJECT --kind dossier|progress|acceptance|resource-list -o FILE.pdf|FILE.docx|FILE.xlsx|FILE.csv "
    "[--format pdf|docx|xlsx|csv] [--force]",
    N_("Write the dossier, a progress report or the acceptance summary as PDF or Word, or the resource list as "
       "xlsx or CSV") },
  { "export", NULL, reslib_cli_export, 0, "export PROJECT --format imscp -o FILE.zip [--force]",
    N_("Write the courses and resources as a zip that an LMS such as Moodle imports") },
};

static char *
describe_commands (const char *group)
{
  GString *out = g_string_new (NULL);
  guint width = 0;

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    if (group == NULL || g_strcmp0 (commands[i].group, group) == 0)
      width = MAX (width, reslib_cli_text_width (commands[i].synopsis));
  width = MIN (width, 48);

  g_string_append (out, _("Commands:"));
  g_string_append_c (out, '\n');
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      const ReslibCliCommand *command = &commands[i];

      if (group != NULL && g_strcmp0 (command->group, group) != 0)
        continue;
      g_string_append (out, "  ");
      if (reslib_cli_text_width (command->synopsis) > width)
        g_string_append_printf (out, "%s\n  %*s", command->synopsis, (int) width, "");
      else
        reslib_cli_append_padded (out, command->synopsis, width);
      g_string_append (out, "  ");
      if (command->func == NULL)
        /* Translators: the argument is what a command does; this one is not in this version yet */
        g_string_append_printf (out, _("%s (not available yet)"), _(command->description));
      else
        g_string_append (out, _(command->description));
      g_string_append_c (out, '\n');
    }
  g_string_append_c (out, '\n');
  g_string_append (out, _("Exit status: 0 ok, 1 checks found errors, 2 usage error, 3 runtime failure, 4 bad input data."));

  return g_string_free (out, FALSE);
}

/* The command table and the global options as JSON, untranslated, for the generators of the manual
 * page and the bash completion (`reslib --list-commands`, hidden): {"options": [{"long", "short",
 * "argument", "description"}…], "commands": [{"group", "name", "synopsis", "description",
 * "available"}…]}. */
static void
print_command_table (const GOptionEntry *entries)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "options");
  json_builder_begin_array (builder);
  for (const GOptionEntry *entry = entries; entry->long_name != NULL; entry++)
    {
      if (entry->flags & G_OPTION_FLAG_HIDDEN)
        continue;
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "long");
      json_builder_add_string_value (builder, entry->long_name);
      if (entry->short_name != 0)
        {
          char short_name[2] = { entry->short_name, '\0' };

          json_builder_set_member_name (builder, "short");
          json_builder_add_string_value (builder, short_name);
        }
      json_builder_set_member_name (builder, "argument");
      if (entry->arg_description != NULL)
        json_builder_add_string_value (builder, entry->arg_description);
      else
        json_builder_add_null_value (builder);
      json_builder_set_member_name (builder, "description");
      json_builder_add_string_value (builder, entry->description);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "commands");
  json_builder_begin_array (builder);
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "group");
      json_builder_add_string_value (builder, commands[i].group);
      json_builder_set_member_name (builder, "name");
      if (commands[i].name != NULL)
        json_builder_add_string_value (builder, commands[i].name);
      else
        json_builder_add_null_value (builder);
      json_builder_set_member_name (builder, "synopsis");
      json_builder_add_string_value (builder, commands[i].synopsis);
      json_builder_set_member_name (builder, "description");
      json_builder_add_string_value (builder, commands[i].description);
      json_builder_set_member_name (builder, "available");
      json_builder_add_boolean_value (builder, commands[i].func != NULL);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  reslib_cli_print_json (root, TRUE);
}

static gboolean
is_help (const char *arg)
{
  return g_strcmp0 (arg, "--help") == 0 || g_strcmp0 (arg, "-h") == 0 || g_strcmp0 (arg, "-?") == 0;
}

static gboolean
dispatch (ReslibCli  *cli,
          char      **argv,
          GError    **error)
{
  const ReslibCliCommand *command = NULL;
  gboolean group_known = FALSE;
  g_auto(GStrv) args = NULL;
  guint n_words = 1;

  if (argv[1] == NULL)
    {
      reslib_cli_usage_error (error, _("No command given"));
      return FALSE;
    }

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      if (g_strcmp0 (commands[i].group, argv[1]) != 0)
        continue;
      group_known = TRUE;
      if (commands[i].name == NULL || g_strcmp0 (commands[i].name, argv[2]) == 0)
        {
          command = &commands[i];
          break;
        }
    }

  if (!group_known)
    {
      reslib_cli_usage_error (error, _("“%s” is not a reslib command"), argv[1]);
      return FALSE;
    }

  if (command == NULL)
    {
      g_autoptr(GString) names = g_string_new (NULL);

      for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
        if (g_strcmp0 (commands[i].group, argv[1]) == 0)
          g_string_append_printf (names, "%s%s", names->len > 0 ? ", " : "", commands[i].name);

      if (is_help (argv[2]))
        {
          g_autofree char *text = describe_commands (argv[1]);

          g_print ("%s\n", text);
          return TRUE;
        }

      g_free (cli->command);
      cli->command = g_strdup (argv[1]);
      if (argv[2] == NULL)
        reslib_cli_usage_error (error, _("“%s” needs one of: %s"), argv[1], names->str);
      else
        reslib_cli_usage_error (error, _("“%s %s” is not a reslib command: use one of %s"), argv[1], argv[2],
                                names->str);
      return FALSE;
    }

  if (command->func == NULL)
    {
      g_set_error (error, RESLIB_ERROR, RESLIB_ERROR_NOT_AVAILABLE,
                   _("“%s” is not available yet in this version"), command->group);
      return FALSE;
    }

  if (command->name != NULL)
    n_words = 2;
  g_free (cli->command);
  cli->command = command->name != NULL ? g_strdup_printf ("%s %s", command->group, command->name)
                                       : g_strdup (command->group);

  /* args[0] names the command for GOptionContext's help; the rest are its arguments. */
  args = g_new0 (char *, g_strv_length (argv) - n_words + 1);
  args[0] = g_strdup_printf ("reslib %s", cli->command);
  for (guint i = 1 + n_words, j = 1; argv[i] != NULL; i++, j++)
    args[j] = g_strdup (argv[i]);

  return command->func (cli, command->variant, args, error);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *data_dir = NULL;
  g_autofree char *description = NULL;
  g_auto(GStrv) rest = NULL;
  gboolean version = FALSE;
  gboolean list_commands = FALSE;
  ReslibCli cli = { 0 };
  int status = RESLIB_EXIT_OK;
  const GOptionEntry entries[] = {
    { "data-dir", 0, 0, G_OPTION_ARG_FILENAME, &data_dir,
      N_("Use the store in DIR instead of $RESLIB_DATA_DIR or ~/.local/share/reslib"), N_("DIR") },
    { "version", 0, 0, G_OPTION_ARG_NONE, &version, N_("Print the version and exit"), NULL },
    { "list-commands", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_NONE, &list_commands, NULL, NULL },
    { NULL }
  };

  setlocale (LC_ALL, "");
  reslib_core_init ();
  textdomain (GETTEXT_PACKAGE);
  g_set_prgname ("reslib");

  /* Global options stop at the first word that is not one: the command. */
  context = g_option_context_new (_("COMMAND [ARGUMENTS…]"));
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_set_strict_posix (context, TRUE);
  g_option_context_set_summary (context, _("Build professional teaching resource libraries from the command line."));
  description = describe_commands (NULL);
  g_option_context_set_description (context, description);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      reslib_cli_print_error (&cli, error);
      return reslib_cli_exit_code (&cli, error);
    }

  if (version)
    {
      g_print ("reslib %s\n", PACKAGE_VERSION);
      return RESLIB_EXIT_OK;
    }

  if (list_commands)
    {
      print_command_table (entries);
      return fflush (stdout) == 0 && !ferror (stdout) ? RESLIB_EXIT_OK : RESLIB_EXIT_RUNTIME;
    }

  if (data_dir != NULL && *data_dir == '\0')
    {
      reslib_cli_usage_error (&error, _("The data folder given with --data-dir is empty"));
      reslib_cli_print_error (&cli, error);
      return reslib_cli_exit_code (&cli, error);
    }
  cli.data_dir = g_steal_pointer (&data_dir);

  rest = g_new0 (char *, argc + 1);
  for (int i = 0; i < argc; i++)
    rest[i] = g_strdup (argv[i]);

  if (!dispatch (&cli, rest, &error))
    {
      reslib_cli_print_error (&cli, error);
      status = reslib_cli_exit_code (&cli, error);
    }
  else if (fflush (stdout) != 0 || ferror (stdout))
    {
      int saved_errno = errno;

      /* Output redirected to a full disk, say: the result is not complete. */
      g_set_error (&error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("Cannot write the output: %s"), g_strerror (saved_errno));
      reslib_cli_print_error (&cli, error);
      status = RESLIB_EXIT_RUNTIME;
    }
  else
    status = cli.status;

  g_clear_object (&cli.store);
  g_free (cli.data_dir);
  g_free (cli.command);

  return status;
}
